"""HTML backend: page furniture dropped, headings, line breaks, merged cells, tick boxes."""

from __future__ import annotations

import re
from pathlib import Path

from shenbao.config import shared_dir
from shenbao.ingest.base import make_source
from shenbao.ingest.html import HtmlBackend

NOTICE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知</title>
<style>p { margin: 0 }</style><script>var tracker = "不应出现";</script></head>
<body><nav>首页 &gt; 通知公告</nav><header>某省人社厅门户网站</header>
<div class="article">
<h1>关于申报２０２５年高级研修项目的通知</h1>
<p>各设区市人社局：</p>
<h2>一、选题范围</h2>
<p>研修时间一般为 5 至 7 天，<br>学员数量在50人左右。</p>
<ul><li>附件1：申报表</li><li>附件2：汇总表</li></ul>
<table border="1">
<tr><th rowspan="3">申报单位信息</th><td>单位名称</td><td colspan="2">某某大学</td></tr>
<tr><td>联系人</td><td>张三</td><td>13800000000</td></tr>
<tr><td>类别</td><td colspan="2"><input type="checkbox" checked> 财政资助 <input type="checkbox"> 自筹经费</td></tr>
</table>
<p>联系电话：0591-12345678</p>
</div><footer>版权所有 某省人社厅</footer></body></html>"""


def _load(path: Path):
    return HtmlBackend().load(path, make_source(path, "html"))


def test_html_notice(tmp_path: Path):
    path = tmp_path / "notice.html"
    path.write_text(NOTICE, encoding="utf-8")
    doc = _load(path)
    for dropped in ("不应出现", "首页", "门户网站", "版权所有", "p { margin"):
        assert dropped not in doc.text
    assert (doc.blocks[0].kind, doc.blocks[0].level, doc.blocks[0].text) == ("heading", 1, "关于申报2025年高级研修项目的通知")
    assert doc.blocks[2].kind == "heading" and doc.blocks[2].text == "一、选题范围"
    assert doc.blocks[3].text == "研修时间一般为5至7天，\n学员数量在50人左右。"
    assert [b.text for b in doc.blocks if b.kind == "list_item"] == ["附件1：申报表", "附件2：汇总表"]
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (3, 4)
    label = table.cell_at(2, 0)
    assert label.text == "申报单位信息" and label.row_span == 3
    assert table.cell_at(1, 3).text == "13800000000"
    assert table.cell_at(0, 3).text == "某某大学"  # covered by the colspan
    assert [(b.checked, b.label, b.glyph) for b in doc.checkboxes] == [(True, "财政资助", "input"),
                                                                       (False, "自筹经费", "input")]
    assert doc.blocks[-1].text == "联系电话：0591-12345678"
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


def test_html_rendering_of_a_seed(tmp_path: Path):
    seed = next((shared_dir() / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in seed.split("\n") if p.strip()][:12]
    body = "".join(f"<h3>{p}</h3>" if re.match(r"^[一二三四五六七八九十]+、", p) else f"<p>\n  {p}\n</p>"
                   for p in paragraphs)
    path = tmp_path / "seed.htm"
    path.write_bytes(f"<html><body>{body}</body></html>".encode("gb18030"))
    doc = _load(path)
    assert len(doc.blocks) == len(paragraphs)
    first = next(i for i, p in enumerate(paragraphs) if p.startswith("一、"))
    assert doc.blocks[first].kind == "heading" and doc.blocks[first].text == paragraphs[first]
    assert doc.blocks[first + 1].kind == "paragraph" and doc.blocks[first + 1].text == paragraphs[first + 1]
