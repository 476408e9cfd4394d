"""Invented sentences of the classes the sixth blind set showed."""

from tests.test_notice_open_scoped import _reqs


def _caps(reqs):
    return {r["value"]: (r["condition"] or {}).get("value") for r in reqs if r["attribute"] == "max_per_unit"}


def test_caps_of_bodies_named_by_office_long_names_and_each_place():
    reqs = _reqs("一、名额\n各县区人才工作局推荐不超过6人，沿海开发区、示范园区管理委员会所属主管部门推荐不超过4人；"
                 "市属高校每单位推荐不超过2人。")
    caps = _caps(reqs)
    assert caps[6] == "县区人才工作局"
    assert caps[4] == "沿海开发区、示范园区管理委员会所属主管部门"
    assert caps[2] == "市属高校"


def test_caps_after_a_chinese_numbered_item_and_per_place():
    reqs = _reqs("一、要求\n三、各区推荐项目数量不超过5个，市直单位每单位不超过2个。")
    assert _caps(reqs) == {5: "区", 2: "市直单位"}
    reqs = _reqs("一、要求\n各县区、高新区每地申报项目不超过4个，市直部门每单位不超过1个。")
    assert _caps(reqs) == {4: "县区、高新区", 1: "市直部门"}


def test_a_count_of_people_funded_is_a_quota():
    reqs = _reqs("一、项目\n（一）青年访学项目。资助25人左右，每人资助不超过5万元。")
    quota = [r for r in reqs if r["attribute"] == "quota" and r["value"] == 25]
    assert quota and quota[0]["op"] == "approx"


def test_a_report_due_with_the_report_named_before_the_verb():
    reqs = _reqs("一、要求\n培训结束后12个工作日内将培训总结、考勤表和经费决算表报市人才中心。")
    due = [r for r in reqs if r["attribute"] == "report_due_workdays"]
    assert due and due[0]["value"] == 12 and due[0]["op"] == "<="


def test_a_numbered_condition_of_not_having_taken_part_is_no_programme():
    import tempfile
    from pathlib import Path

    from shenbao.extractors.notice import parse_notice_file

    text = ("某市人才中心关于开展2031年度示例工作的通知\n\n各单位：\n\n一、申报条件\n"
            "（一）具有中级及以上专业技术职称；\n（二）近两年内未参加过市级访学培训项目。\n\n某市人才中心\n2031年2月1日\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "invented.txt"
        path.write_text(text, encoding="utf-8")
        rs = parse_notice_file(path)
    assert not [p for p in rs.programs if "未参加" in p.name]


def test_a_shortened_programme_name_as_subject_scopes_its_conditions():
    reqs = _reqs("一、项目情况\n2031年度共组织以下两个培训项目：\n（一）城市规划青年学者海外访学项目：赴英国培训，在外培训时间为14天；\n"
                 "（二）乡村振兴管理骨干专题研修班：赴荷兰培训，在外培训时间为10天。\n"
                 "二、条件\n（一）申报青年访学项目的，年龄不超过38周岁；\n（二）申报骨干研修班的，年龄不超过52周岁。")
    ages = {r["value"]: r["program"] for r in reqs if r["attribute"] == "age_max"}
    assert ages[38] == "城市规划青年学者海外访学项目"
    assert ages[52] == "乡村振兴管理骨干专题研修班"


def test_caps_of_laboratories_and_of_offices_together():
    reqs = _reqs("一、名额\n每个研究室（中心）限报3人，各管理部门、服务部门合计限报2人。")
    caps = _caps(reqs)
    assert caps[3] == "研究室（中心）"
    assert caps[2].startswith("管理部门、服务部门")


def test_a_bound_on_a_share_of_a_named_total():
    from shenbao.normalizers.quantities import find_comparisons

    found = [(s.op, s.value, s.unit) for s in find_comparisons("线上学习时长不超过全年规定学时的40%")]
    assert found == [("<=", 40, "%")]


def test_kinds_of_relay_enrollment_and_yearly_guide_titles():
    from shenbao.extractors.notice.metadata import kind_of

    assert kind_of("关于转发《某省科技厅关于开展2031年度访学项目申报的通知》的通知") == "relay"
    assert kind_of("关于举办2031年城市更新专题培训班的通知") == "enrollment"
    assert kind_of("某市人才中心关于做好2031年度全市专业技术人员继续教育工作的通知") == "guide"
    assert kind_of("某市人才中心关于组织申报2031年度访学项目的通知") == "call_for_applications"
