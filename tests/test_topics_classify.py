"""Topic classification on the default taxonomy: concrete answers on new titles."""

from __future__ import annotations

from functools import lru_cache

import pytest

from shenbao.extractors.topics import Classifier
from shenbao.extractors.topics.directions import alias_key, name_parts, same_direction, surfaces_of
from shenbao.models import TopicMatch


@lru_cache(maxsize=1)
def classifier() -> Classifier:
    return Classifier()  # built once for the whole module (jieba loads once)


def first(title: str, description: str | None = None) -> str | None:
    matches = classifier().classify(title, description)
    return matches[0].direction if matches else None


@pytest.mark.parametrize(("title", "expected"), [
    # easy: the direction's name is in the title
    ("人工智能赋能基础教育教学改革研修班", "人工智能"),
    ("集成电路封装测试技术研修班", "集成电路"),
    ("新能源汽车充电基础设施规划研修班", "新能源汽车"),
    ("民族地区特色产业发展专题研修班", "革命老区/民族地区/边疆地区"),
    # medium: a synonym or sub-field
    ("大模型应用开发与提示工程培训班", "人工智能"),
    ("海上风电场运维技术研修班", "新能源"),
    ("晶圆制造良率提升技术研修班", "集成电路"),
    ("产品碳足迹核算与碳标签研修班", "减排降碳"),
    ("雄安新区规划建设研修班", "京津冀协同发展"),
    ("容器编排与微服务治理培训班", "云计算"),
    ("量子通信网络建设研修班", "量子信息"),
    # hard: needs domain knowledge
    ("杂交水稻制种技术培训班", "生物育种"),
    ("火星车导航与行星表面探测研修班", "空天科技"),
    ("帕金森病早期筛查与干预研修班", "脑科学"),
])
def test_in_scope_titles(title, expected):
    assert first(title) == expected


@pytest.mark.parametrize("title", [
    "工会财务管理与经费审查培训班",
    "保密法规与涉密文件管理培训班",
    "公务礼仪与接待规范培训班",
    "党务干部业务能力提升培训班",
    "机关公文写作与文稿起草培训班",
])
def test_out_of_scope_titles_are_none(title):
    assert classifier().classify(title) == []


def test_description_decides_when_title_is_generic():
    description = "研修光伏组件选型、逆变器配置和分布式电站并网运维。"
    matches = classifier().classify("企业技术骨干专题研修班", description)
    assert matches and matches[0].direction == "新能源"
    # evidence is the clause of the description that holds the match
    assert matches[0].evidence in description and "光伏" in matches[0].evidence


def test_match_fields_and_order():
    matches = classifier().classify("工业互联网标识解析与智能工厂建设研修班", top=3)
    assert all(isinstance(m, TopicMatch) for m in matches)
    assert [m.direction for m in matches][:1] == ["工业互联网"]
    assert all(0.0 <= m.score <= 1.0 for m in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    top = matches[0]
    assert top.category == "突出数字技术"
    assert "工业互联网" in top.matched_terms and "标识解析" in top.matched_terms
    assert top.evidence == "工业互联网标识解析与智能工厂建设研修班"
    assert "智能制造" in [m.direction for m in matches]  # 智能工厂 supports a second direction


def test_top_limits_the_list():
    assert len(classifier().classify("工业互联网标识解析与智能工厂建设研修班", top=1)) == 1


def test_longer_name_hides_contained_name():
    # 新能源 inside 新能源汽车 is not a mention of 新能源
    matches = classifier().score("新能源汽车整车控制器开发研修班")
    assert matches[0].direction == "新能源汽车"
    assert all(m.direction != "新能源" or "新能源" not in m.matched_terms for m in matches)


def test_word_must_not_cut_through_segmentation():
    # 储能 spans 存储|能力 here: no 新能源 evidence
    matches = classifier().score("档案存储能力建设与管理培训班")
    assert all(m.direction != "新能源" for m in matches)


def test_generic_seminar_words_do_not_match():
    assert classifier().classify("高级研修班专题研讨与能力提升") == []


def test_set_phrase_is_masked():
    # 高质量发展 is a slogan, not 质量强国
    assert all(m.direction != "质量强国" for m in classifier().score("推动高质量发展专题培训班"))


def test_name_helpers():
    assert name_parts("革命老区、民族地区和边疆地区加快发展建设")[:2] == ["革命老区", "民族地区"]
    assert "边疆地区" in surfaces_of("革命老区、民族地区和边疆地区加快发展建设")
    assert alias_key("革命老区、民族地区和边疆地区加快发展建设") == alias_key("革命老区/民族地区/边疆地区")
    assert same_direction("长江经济带发展", "长江经济带")
    assert same_direction("区域协调发展战略", "区域协调发展")
    assert not same_direction("新能源汽车", "新能源")
