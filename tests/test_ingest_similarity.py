"""The same notice read from TXT, DOCX and PDF gives the same text; seeds come out repaired."""

from __future__ import annotations

import difflib
import re
from functools import cache

import pytest

from shenbao.config import shared_dir
from shenbao.ingest import load

NOTICES = shared_dir() / "samples" / "notices"
SEEDS = shared_dir() / "seeds"


@cache
def _folded(name: str, ext: str) -> str:
    return re.sub(r"\s+", "", load(NOTICES / f"{name}.{ext}").text)


@pytest.mark.parametrize("ext", ["pdf", "docx"])
@pytest.mark.parametrize("name", ["cas_2025_guide", "cas_2023_notice", "fj_2025_seminar_notice"])
def test_formats_agree(name: str, ext: str):
    plain, other = _folded(name, "txt"), _folded(name, ext)
    ratio = difflib.SequenceMatcher(None, plain, other, autojunk=False).ratio()
    print(f"{name}.{ext}: similarity to .txt {ratio:.4f}")
    assert ratio >= 0.97


@cache
def _seed(prefix: str):
    return load(next(SEEDS.glob(f"{prefix}_*.txt")))


def _lines(doc) -> list[str]:
    return [line for line in doc.text.split("\n") if line]


def test_seed_002_wrapped_every_25_characters():
    lines = _lines(_seed("002"))
    assert any("年龄不超过55周岁；团队带头人须具有正高级专业技术职务。" in ln for ln in lines)
    assert "为贯彻落实中国科学院“十三五”发展规划纲要，深入实施“全员能力提升计划”，" \
           "院结合人才队伍建设需要不断加大骨干人才的培训力度。现就我院2020年度因公出国（境）培训项目申报工作预通知如下：" in lines
    # every line ends a sentence, is a heading/list line, or is a short title/signature line
    for line in lines:
        assert line[-1] in "。：；）)" or len(line) <= 30, line


def test_seed_001_vertical_cell_text_and_wrapping():
    doc = _seed("001")
    lines = _lines(doc)
    assert "院级培育项目" in lines
    assert "专业技术研修班" in lines
    assert any(ln.startswith("为深入实施全员能力提升计划，保障全院继续教育与培训工作有序开展，") and ln.endswith("通知如下。")
               for ln in lines)
    assert not any(len(ln) == 1 for ln in lines)


def test_seed_000_column_table():
    doc = _seed("000")
    table = doc.tables[0]
    texts = [c.text for c in table.cells]
    assert "学术讲坛" in texts and "精品培训项目" in texts
    assert any(t.startswith("基础体系") and "（所管理）" in t for t in texts)


def test_seed_004_page_break_inside_a_paragraph():
    lines = _lines(_seed("004"))
    assert any("海洋装备等战略性新兴产业领域，瞄准量子信息" in ln for ln in lines)
    assert any("进行汇总审核并加盖公章后，将相关表格报送至" in ln for ln in lines)
    assert len(_seed("004").tables) == 3


def test_seed_003_keeps_paragraphs():
    doc = _seed("003")
    assert [b.text for b in doc.blocks if b.kind == "heading"][:2] == [
        "一、继续教育与培训工作是人才高地建设的重要基础", "二、继续教育与培训工作的指导思想和主要目标"]
    assert all(b.text[-1] in "。：；）" or len(b.text) <= 40 for b in doc.blocks)
