"""The glossary classes of topic classification, on invented notices and proposals.

1. a broader direction inherits its sub-direction's evidence for the top k, ranked under it;
2. a proposal whose only evidence is a domain term is matched through the glossary (no alias);
   a direction is linked by the words of its name (modifiers, tails, joined names);
3. a proposal in no direction reports the nearest direction and why it was rejected;
4. a name word at the generic tail of another field's compound is weak, and a direction is
   linked by the decisive head of its name.
"""

from __future__ import annotations

import json

import pytest

from shenbao.extractors.topics import Classifier
from shenbao.extractors.topics.directions import directions_from_scope
from shenbao.extractors.topics.glossary import _node, direction_forms, glossary_links, glossary_words
from shenbao.pipeline.classify import classify_command, classify_one


def classifier_for(scope: dict[str, list[str]]) -> Classifier:
    return Classifier(directions_from_scope([{"category": c, "items": items} for c, items in scope.items()], []))


@pytest.fixture(scope="module")
def regions() -> Classifier:
    return classifier_for({"服务区域战略": ["区域协调发展", "粤港澳大湾区"], "发展清洁能源": ["风电光伏", "智能电网"]})


@pytest.fixture(scope="module")
def industry() -> Classifier:
    return classifier_for({"绿色制造": ["工业节能", "先进轨道交通装备", "水环境治理", "大气污染防治"],
                           "健康产业": ["创新药物研发", "细胞与基因治疗", "数据要素"]})


# --------------------------------------------------------------------------- 1. inheritance


def test_sub_direction_first_and_its_broader_direction_listed_under_it(regions):
    matches = regions.classify("前海深港现代服务业合作区制度创新研修班")
    assert [m.direction for m in matches[:2]] == ["粤港澳大湾区", "区域协调发展"]
    assert matches[1].score < matches[0].score


def test_broader_direction_with_evidence_of_its_own_is_not_held_under(industry):
    # 单克隆抗体 is a biological drug, not a cell or gene therapy: the drug direction leads.
    matches = industry.classify("双特异性抗体与单克隆抗体纯化工艺研修班")
    assert matches[0].direction == "创新药物研发"
    assert "生物药" in matches[0].glossary_path


def test_cell_therapy_goes_to_its_own_direction_and_the_drug_direction_follows(industry):
    matches = industry.classify("CAR-T细胞制备与质量放行研修班")
    assert [m.direction for m in matches[:2]] == ["细胞与基因治疗", "创新药物研发"]


# --------------------------------------------------------------------------- 2. domain terms


def test_only_a_domain_term_is_enough(industry):
    matches = industry.classify("余热发电与高效换热器改造研修班")
    assert matches and matches[0].direction == "工业节能"
    assert matches[0].glossary_path[-1] == "高效节能产业"


def test_a_generic_modifier_does_not_hide_the_node(industry):
    assert [n.term for n, exact in glossary_links("先进轨道交通装备") if exact] == ["轨道交通装备产业"]
    matches = industry.classify("CBTC列车控制系统与转向架检修研修班")
    assert matches[0].direction == "先进轨道交通装备"


def test_a_joined_name_links_both_sibling_nodes(regions):
    linked = {n.term for n, _ in glossary_links("风电光伏")}
    assert {"风能产业", "太阳能产业"} <= linked
    assert regions.classify("海上风电机组吊装与运维研修班")[0].direction == "风电光伏"
    assert regions.classify("分布式屋顶光伏并网研修班")[0].direction == "风电光伏"


def test_a_qualifier_inside_a_name_does_not_hide_the_node():
    # 畜禽健康养殖 is 畜禽养殖 (a synonym of 畜牧学) done a certain way: the node's words count exactly.
    assert [(n.term, exact) for n, exact in glossary_links("畜禽健康养殖")] == [("畜牧学", True)]
    # A qualifier at the start of a name is not inside it: 生态保护修复 is a node of its own.
    assert "生态保护修复" in direction_forms("生态保护修复")
    classifier = classifier_for({"现代农业": ["畜禽健康养殖", "农村人居环境整治"]})
    matches = classifier.classify("规模猪场精准饲喂技术研修班")
    assert matches and matches[0].direction == "畜禽健康养殖"
    assert matches[0].glossary_path == ["畜牧兽医科学", "畜牧学"]


def test_a_modifier_and_its_head_are_not_two_fields():
    assert "旅游业" not in {n.term for n, _ in glossary_links("乡村旅游")}


def test_out_of_scope_without_glossary_evidence_stays_none(industry, regions):
    assert industry.classify("行政复议案件办理实务研修班") == []
    assert regions.classify("机关公文写作规范研修班") == []


def test_malformed_glossary_entry_is_refused():
    with pytest.raises(ValueError, match="term"):
        _node({"synonyms": ["无名"]}, "nodes", None)
    with pytest.raises(ValueError, match="列表"):
        _node({"term": "某产业", "terms": "不是列表"}, "nodes", None)


# --------------------------------------------------------------------------- 3. nearest direction


def test_none_reports_the_nearest_direction_and_why(regions):
    result = classify_one(regions, "1", "人工智能通识课程研修班", None)
    assert result.matches == [] and result.nearest is not None
    assert result.nearest.direction == "智能电网" and result.nearest.score < regions.threshold
    assert result.nearest.direction in result.none_reason and "阈值" in result.none_reason
    assert "单个词" in result.nearest.reason


def test_none_with_nothing_near_says_so(industry):
    result = classify_one(industry, "2", "幼儿园保育员岗位实务研修班", None)
    assert result.matches == [] and result.nearest is None
    assert "没有任何方向名称" in result.none_reason


def test_nearest_in_json_file_result_and_text_table(tmp_path):
    notice = tmp_path / "rules.json"
    notice.write_text(json.dumps({"topic_scope": [{"category": "发展清洁能源", "items": ["风电光伏", "智能电网"]}]},
                                 ensure_ascii=False), encoding="utf-8")
    proposals = tmp_path / "p.jsonl"
    proposals.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "a", "title": "人工智能通识课程研修班"},
        {"id": "b", "title": "柔性直流输电与配电网自动化研修班"}]) + "\n", encoding="utf-8")
    data = json.loads(classify_command(file=proposals, rules=notice, as_json=True))
    assert data[0]["matches"] == [] and data[0]["none_reason"]
    assert data[1]["matches"][0]["direction"] == "智能电网" and data[1]["nearest"] is None
    text = classify_command(text="人工智能通识课程研修班", rules=notice)
    assert "原因" in text


# --------------------------------------------------------------------------- 4. head and tail


def test_a_name_word_at_the_tail_of_another_fields_compound_is_weak(regions):
    # 智能 of 智能电网 inside 人工智能: the compound is about AI, not the grid.
    assert regions.classify("人工智能通识课程研修班") == []
    assert regions.classify("智能电网调度自动化研修班")[0].direction == "智能电网"


def test_a_direction_is_linked_by_the_decisive_head_of_its_name(industry):
    linked = {n.term for n, _ in glossary_links("水环境治理")}
    assert "水污染防治" in linked and "先进环保产业" not in linked
    assert all(w.exact for w in glossary_words("水环境治理") if w.text == "黑臭水体")
    assert industry.classify("钢铁烧结烟气脱硝与VOCs治理研修班")[0].direction == "大气污染防治"
