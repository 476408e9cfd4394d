"""TXT/MD backend: line-break repair, tables flattened with tabs or pipes, tick boxes, encodings."""

from __future__ import annotations

from pathlib import Path

from shenbao.config import shared_dir
from shenbao.ingest.base import make_source
from shenbao.ingest.text import TextBackend, classify_block
from shenbao.normalizers.text import normalize_line

SAMPLES = shared_dir() / "samples"


def _load(path: Path, fmt: str = "txt"):
    return TextBackend().load(path, make_source(path, fmt))


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_clean_samples_keep_their_lines():
    # one paragraph per line already: repair must not merge anything
    for path in sorted((SAMPLES / "notices").glob("*.txt")):
        doc = _load(path)
        expected = [normalize_line(ln) for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
        assert [ln for ln in doc.text.split("\n") if ln] == expected, path.name


def test_hard_wrapped_text_is_joined(tmp_path: Path):
    text = ("关于申报年度培训项目的通知\n\n"
            "各有关单位：\n\n"
            "为做好年度培训工作，现将有关事项通知如下，请各单位认真组织\n\n"
            "申报工作，按时报送材料，申报人员年龄不超过45周岁，团组人数\n\n"
            "不超过5人。\n\n"
            "一、申报范围\n\n"
            "（一）研修项目\n\n"
            "培训时间不少于3天，参训学员不少于30人，由主办单位负责组织，\n\n"
            "经费由单位自筹。\n")
    doc = _load(_write(tmp_path, "wrapped.txt", text))
    texts = [b.text for b in doc.blocks]
    assert "申报人员年龄不超过45周岁，团组人数不超过5人。" in texts[2]
    assert texts[0] == "关于申报年度培训项目的通知"
    assert texts[1] == "各有关单位："
    assert (doc.blocks[3].kind, doc.blocks[3].level) == ("heading", 1)
    assert (doc.blocks[4].kind, doc.blocks[4].level) == ("heading", 2)
    assert texts[5] == "培训时间不少于3天，参训学员不少于30人，由主办单位负责组织，经费由单位自筹。"


def test_trailing_space_extraction_convention(tmp_path: Path):
    # extractions that end real paragraphs with a space and wrapped lines without one
    lines = ["某某局关于做好年度 ", "培训计划的通知 ", "各单位： ", "为深入实施能力提升计划，保障培训工", "",
             "作有序开展，现将有关事宜通知如下。 ", "一、年度计划 ", "院", "", "级", "", "培", "", "育", "",
             "项", "", "目 ", "各单位要按时报送。 ", "二、联系方式 ", "联系人：张三 ", "电话：010-1234567 ",
             "邮箱：a@b.cn "]
    doc = _load(_write(tmp_path, "spaced.txt", "\n".join(lines)))
    texts = [b.text for b in doc.blocks]
    assert "为深入实施能力提升计划，保障培训工作有序开展，现将有关事宜通知如下。" in texts
    assert "院级培育项目" in texts
    assert "各单位要按时报送。" in texts


def test_gbk_file_is_decoded(tmp_path: Path):
    path = _write(tmp_path, "gbk.txt", "申报通知\n研修时间不少于５天。\n", encoding="gbk")
    doc = _load(path)
    assert doc.text == "申报通知\n研修时间不少于5天。\n"


def test_markdown_headings_lists_tables_and_boxes(tmp_path: Path):
    text = ("# 申报通知\n\n## 二、申报要求\n\n- 附件：申报表\n- 汇总表\n\n"
            "| 项目 | 要求 |\n|---|---|\n| 研修时间 | 不少于**5**天 |\n| 学员 | 50人左右 |\n\n"
            "- [x] 财政资助项目\n- [ ] 自筹经费项目\n\n"
            '类别：<input type="checkbox" checked/> 国家级 <input type="checkbox"/> 省级\n')
    doc = _load(_write(tmp_path, "n.md", text), fmt="md")
    assert doc.source.format == "md"
    assert (doc.blocks[0].kind, doc.blocks[0].level, doc.blocks[0].text) == ("heading", 1, "申报通知")
    assert (doc.blocks[1].kind, doc.blocks[1].level) == ("heading", 1)  # 二、 is a top-level number
    assert doc.blocks[2].kind == "list_item" and doc.blocks[2].text == "附件：申报表"
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 2)
    assert table.cell_at(1, 1).text == "不少于5天"
    boxes = [(b.checked, b.label) for b in doc.checkboxes]
    assert boxes == [(True, "财政资助项目"), (False, "自筹经费项目"), (True, "国家级"), (False, "省级")]
    assert doc.checkboxes[2].glyph == "input"


def test_tab_flattened_tables_in_seeds():
    seeds = shared_dir() / "seeds"
    guide = _load(next(seeds.glob("000_*.txt")))
    table = guide.tables[0]
    texts = [c.text for c in table.cells]
    assert "学术讲坛" in texts and "所级培训项目" in texts  # cells split over lines joined
    assert table.cell_at(0, 0).text == "项目体系"
    form = _load(next(seeds.glob("004_*.txt")))
    first = form.tables[0]
    assert first.cell_at(0, 0).text == "项目名称"
    assert first.cell_at(1, 2).text == "办班地点"
    assert sum(1 for b in form.checkboxes if b.table == 0) == 8


def test_classify_block():
    assert classify_block("一、总体要求") == ("heading", 1)
    assert classify_block("（二）遴选原则") == ("heading", 2)
    assert classify_block("1．申报要求") == ("heading", 3)
    assert classify_block("（一）服务重大战略。服务创新驱动发展、乡村振兴，服务区域协调发展战略。")[0] == "list_item"
    assert classify_block("2025年，拟遴选10个左右精品培训班。") == ("paragraph", None)


def test_dashed_page_numbers_are_dropped_and_the_sentence_rejoined(tmp_path):
    from shenbao.ingest import load

    path = tmp_path / "notice.txt"
    path.write_text("一、总则\n本通知所称研修项目，是指由各单位组织实施的高级\n- 3 -\n研修项目，每期不少于5天。\n",
                    encoding="utf-8")
    doc = load(path)
    assert "- 3 -" not in doc.text and "3 -" not in doc.text
    assert "高级研修项目，每期不少于5天。" in doc.text


def test_markdown_heading_is_never_joined_to_the_next_line(tmp_path):
    from shenbao.ingest import load

    wrapped = "".join(f"第{i}条规定的内容在这里写得比较长，用来模拟按固定宽度折行的文本。\n" for i in range(10))
    path = tmp_path / "notice.md"
    path.write_text(f"# 某院关于申报2031年暑期学校项目的通知\n\n某研〔2031〕7号\n\n{wrapped}", encoding="utf-8")
    blocks = load(path).blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "某院关于申报2031年暑期学校项目的通知")
    assert blocks[1].text == "某研〔2031〕7号"


def test_page_number_forms_and_bare_numbers():
    from shenbao.ingest.text import _PAGE_FOOTER

    assert all(_PAGE_FOOTER.match(t) for t in ["- 3 -", "—12—", "第2页", "第2页 共5页"])
    assert not any(_PAGE_FOOTER.match(t) for t in ["5", "2027", "3天"])  # a bare number may number a table row
