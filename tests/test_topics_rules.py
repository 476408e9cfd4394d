"""Directions from a notice's rule set: new items work without code changes."""

from __future__ import annotations

import json

import pytest

from shenbao.config import shared_dir
from shenbao.errors import RulesError
from shenbao.extractors.topics import Classifier, load_rules_directions
from shenbao.models import PriorityDirection, RuleSet, Source, TopicScope


def new_ruleset() -> RuleSet:
    """A notice of another year and province: items the default taxonomy does not have."""
    return RuleSet(
        source=Source(file="2026_notice.docx", sha256="0" * 64, format="docx"),
        topic_scope=[
            TopicScope(category="培育新兴产业", items=["低空经济", "银发经济", "盐湖资源综合利用"]),
            TopicScope(category="服务国家战略",
                       items=["革命老区、民族地区和边疆地区加快发展建设", "长江经济带发展"]),
        ],
        priority_directions=[
            PriorityDirection(program="专项技术短期培训班", text="重点支持围绕国家重大工程开展的班次",
                              keywords=["重大工程"]),
        ],
    )


@pytest.fixture(scope="module")
def rules_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "ruleset.json"
    path.write_text(new_ruleset().model_dump_json(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def classifier(rules_file):
    return Classifier.from_rules(rules_file)


def test_directions_come_from_the_rule_set(classifier):
    names = [d.name for d in classifier.directions]
    assert names == ["低空经济", "银发经济", "盐湖资源综合利用", "革命老区、民族地区和边疆地区加快发展建设",
                     "长江经济带发展", "重大工程"]
    assert classifier.directions[-1].program == "专项技术短期培训班"


def test_drone_logistics_maps_to_low_altitude_economy(classifier):
    matches = classifier.classify("无人机物流配送与运营管理研修班")
    assert matches[0].direction == "低空经济"
    assert matches[0].category == "培育新兴产业"
    assert "无人机" in "".join(matches[0].matched_terms)


def test_elderly_care_maps_to_silver_economy(classifier):
    matches = classifier.classify("社区居家养老服务与适老化改造研修班")
    assert matches[0].direction == "银发经济"


def test_item_without_alias_matches_by_its_own_words(classifier):
    # 盐湖资源综合利用 has no alias entry: its word 盐湖 carries the match
    matches = classifier.classify("察尔汗盐湖提锂技术研修班")
    assert matches and matches[0].direction == "盐湖资源综合利用"
    assert "盐湖" in matches[0].matched_terms


def test_enumerated_item_matches_any_alternative(classifier):
    matches = classifier.classify("边疆地区公共服务能力提升研修班")
    assert matches[0].direction == "革命老区、民族地区和边疆地区加快发展建设"


def test_item_spelled_differently_keeps_its_aliases(classifier):
    # 长江经济带发展 is linked to the alias entry of 长江经济带
    assert classifier.classify("共抓长江大保护与流域治理研修班")[0].direction == "长江经济带发展"


def test_priority_keyword_direction_carries_program(classifier):
    matches = classifier.classify("国家重大工程建设管理专项技术短期培训班")
    assert matches[0].direction == "重大工程"
    assert matches[0].program == "专项技术短期培训班"


def test_topics_outside_the_notice_are_none(classifier):
    # 人工智能 is not in this notice's scope
    assert classifier.classify("深度学习框架与计算机视觉研修班") == []


def test_reviewed_export_with_the_same_keys(tmp_path):
    # the shared expected rule sets use a simplified evidence shape; their scope lists still load
    path = shared_dir() / "samples" / "notices" / "expected" / "fj_2025_seminar_notice.json"
    directions = load_rules_directions(path)
    assert ("对接产业需求", "减排降碳") in [(d.category, d.name) for d in directions]


def test_bad_rules_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules_directions(bad)
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"topic_scope": []}), encoding="utf-8")
    with pytest.raises(RulesError):
        load_rules_directions(empty)
