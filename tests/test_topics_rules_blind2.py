"""Classification against the directions of a second notice written for testing (tests/data/
topics_rules_blind2): a 2028 provincial notice, 3 categories and 18 items (工业母机, 6G, 类脑智能,
碳排放双控, 数字政务, 智慧医疗, 中医药传承创新, 乡村产业振兴 ...), and 50 proposals labelled
against it (20 hard, 9 out of scope).

The notice parser missed the first category (its heading has a comma) and kept the lead-in
"重点方向包括：" on the first item of the others; rules.json is the parse with those hand-fixed.

First (blind) run: top-1 0.860, top-3 0.854, none P 0.667, none R 0.889. The general matcher change
(a word of a name heading a longer dictionary word, 工业 in 工业互联网, is weak evidence) alone
gives top-1 0.880, none R 1.000. The alias entries for these fields were written after the blind
run by the author of the proposals, so the bars below guard against regressions; they are not a
blind measurement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.eval.topics import load_rows, shipped_metrics
from shenbao.extractors.topics import Classifier

DATA = Path(__file__).parent / "data" / "topics_rules_blind2"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier.from_rules(DATA / "rules.json")


@pytest.fixture(scope="module")
def rules_metrics(classifier) -> dict:
    rows = load_rows(DATA / "proposals.jsonl")
    return shipped_metrics(classifier, rows)


def test_rule_set_directions(classifier):
    names = [d.name for d in classifier.directions]
    assert len(names) == 18
    assert {"工业母机", "6G", "类脑智能", "碳排放双控", "中医药传承创新", "乡村产业振兴"} <= set(names)


@pytest.mark.parametrize("key,bar", [("top1", 0.98), ("top3", 0.98), ("none_precision", 0.95),
                                     ("none_recall", 0.95)])
def test_rules_blind2_numbers(rules_metrics, key, bar):
    assert rules_metrics[key] >= bar, f"{key} {rules_metrics[key]:.3f} < {bar}"


def test_name_word_heading_another_compound_does_not_decide(classifier):
    # 工业 (a word of 工业母机) heads 工业互联网, a different field: not enough for 工业母机.
    top = classifier.classify("工业互联网平台赋能中小企业数字化转型研修班",
                              "研修工业互联网标识解析、设备上云和中小企业数字化改造。")
    assert all(m.direction != "工业母机" for m in top)


def test_short_ascii_item_matches_through_aliases(classifier):
    top = classifier.classify("太赫兹通信与空天地一体化网络高级研修班", "研修下一代移动通信关键技术。")
    assert top and top[0].direction == "6G"
