"""Invented notices of the wording classes read since the sixth blind set: each asserts what is read."""

import tempfile
from pathlib import Path

from shenbao.extractors.notice import parse_notice_file
from tests.test_notice_open_scoped import _find, _reqs


def _ruleset(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "invented.txt"
        path.write_text(text, encoding="utf-8")
        return parse_notice_file(path)


def _cond(req) -> str | None:
    return (req["condition"] or {}).get("value")


def test_grants_named_as_run_in_headings_and_their_short_forms_scope_the_conditions():
    text = ("某省人力资源和社会保障厅关于组织申报2031年度青年人才创新平台资助和青年人才返乡创业资助项目的通知\n\n各单位：\n\n"
            "一、资助对象\n（一）青年人才创新平台资助。对新认定的省级平台，给予每个40万元资助。\n"
            "（二）青年人才返乡创业资助。对返乡创业的青年人才，给予每人10万元资助。\n"
            "二、申报条件\n（一）创新平台资助申报单位应同时具备以下条件：\n1.具有独立法人资格；\n2.专职研发人员不少于12人。\n"
            "（二）返乡创业资助申报人应同时具备以下条件：\n1.年龄不超过35周岁。\n\n某省人力资源和社会保障厅\n2031年3月1日\n")
    rs = _ruleset(text)
    assert {p.name for p in rs.programs} == {"青年人才创新平台资助", "青年人才返乡创业资助"}
    staff = [r for r in rs.requirements if r.attribute == "fulltime_staff"]
    assert staff and staff[0].program == "青年人才创新平台资助" and staff[0].value == 12
    age = [r for r in rs.requirements if r.attribute == "age_max"]
    assert age and age[0].program == "青年人才返乡创业资助"


def test_respectively_pairs_with_any_parallel_list_and_a_shared_head():
    reqs = _reqs("一、标准\n对2030年以后新建的国家级技能大师工作室、省级技能大师工作室，分别给予每个30万元、10万元的一次性资助。\n"
                 "对在岗工作满4年、满6年，并签订5年以上服务协议的人员，分别给予每人2万元、3万元的奖励。")
    grants = {r["value"]: _cond(r) for r in reqs if r["attribute"] == "funding_cap_cny"}
    assert grants[300000] == "国家级技能大师工作室" and grants[100000] == "省级技能大师工作室"
    assert grants[20000] == "在岗工作满4年" and grants[30000] == "在岗工作满6年"
    assert _find(reqs, "other", 5)  # the clause between the list and 分别 is a rule of its own
    assert not _find(reqs, "other", 4)  # the list itself is the pairs' condition


def test_materials_listed_bare_and_after_titles():
    reqs = _reqs("一、材料\n申报单位须提交申请书、法人证书复印件、近两年审计报告和师资名册，一式两份。\n"
                 "请于2031年4月1日前将《示例项目申报表》（附件1），连同身份证复印件、学历证明材料报送市人才中心。")
    lists = [r["value"] for r in reqs if r["attribute"] == "required_attachments"]
    assert ["申请书", "法人证书复印件", "近两年审计报告", "师资名册"] in lists
    assert ["示例项目申报表", "身份证复印件", "学历证明材料"] in lists


def test_an_upload_list_ends_at_the_clause():
    reqs = _reqs("一、要求\n项目结束后在系统上传培训总结、学员名单，未按期结项的单位，下一年度不得申报，确保申报材料真实。")
    assert not [r for r in reqs if r["attribute"] == "required_attachments"]


def test_dates_the_applicants_do_not_meet_are_no_application_deadline():
    rs = _ruleset("某研究所人事处关于推荐2031年度访学人选的通知\n\n各部门：\n\n"
                  "请各部门于2031年3月9日（星期一）17:00前将推荐表报送人事处。人事处将于2031年3月16日前完成所内遴选并报送推荐材料。"
                  "上级规定的报送截止时间为2031年3月20日。主管部门于2031年4月底前公布入选名单。\n\n某研究所人事处\n2031年3月1日\n")
    rules = [r for r in rs.requirements if r.attribute == "application_deadline"]
    assert [r.value for r in rules] == ["2031-03-09"]
    assert {d.date for d in rs.deadlines} >= {"2031-03-09", "2031-03-16", "2031-03-20"}


def test_a_reply_sent_by_fax_or_mail_is_the_application_deadline():
    reqs = _reqs("一、报名\n请于2031年5月6日前将报名回执（附件）以传真或邮寄方式报送会务组。")
    assert [r["value"] for r in reqs if r["attribute"] == "application_deadline"] == ["2031-05-06"]


def test_rates_are_conditions_of_sums_and_daily_hours_are_not_the_programme_hours():
    reqs = _reqs("一、标准\n按每人每月不超过1.2万元的标准资助。\n施教机构每学时收费不得超过12元。\n每人每天累计认定不超过6学时。")
    monthly = _find(reqs, "funding_cap_cny", 12000)
    assert monthly and _cond(monthly[0]) == "每人每月"
    fee = _find(reqs, "trainee_fee", 12)
    assert fee and fee[0]["op"] == "<=" and _cond(fee[0]) == "每学时"
    assert not _find(reqs, "training_hours", 6) and _find(reqs, "other", 6)


def test_a_publicity_period_is_no_report_deadline():
    reqs = _reqs("一、程序\n评审结果在网站公示，公示期为7个工作日。")
    assert not [r for r in reqs if r["attribute"] == "report_due_workdays"]
    assert not _find(reqs, "other", 7)


def test_a_title_with_no_subject_is_the_applicants_but_not_another_roles():
    reqs = _reqs("二、推荐条件\n（一）申报访问学者项目的，应具有副高级及以上专业技术职称，并担任课题组长；")
    titles = [r for r in reqs if r["attribute"] == "trainee_title"]
    assert titles and titles[0]["value"] == "副高级"
    reqs = _reqs("二、条件\n（一）授课专家须为知名学者，具有正高级专业技术职称。")
    assert not [r for r in reqs if r["attribute"] == "trainee_title"]


def test_facts_listed_after_a_programme_and_a_colon():
    reqs = _reqs("一、项目\n共组织以下两个项目：\n（一）城市更新管理研修班：赴新加坡培训，在外培训时间为14天，团组规模18人，主要面向管理骨干；\n"
                 "（二）海洋牧场技术研修班：赴挪威培训，在外培训时间为21天，团组规模12人，主要面向技术骨干。")
    sizes = {r["value"]: r["program"] for r in reqs if r["attribute"] == "group_size"}
    assert sizes == {18: "城市更新管理研修班", 12: "海洋牧场技术研修班"}


def test_either_or_clauses_keep_each_other_as_condition():
    reqs = _reqs("一、条件\n2.上年度培训收入不低于300万元，或培训收入占营业收入比例不低于5%；")
    income, share = _find(reqs, "other", 3000000), _find(reqs, "other", 5)
    assert _cond(income[0]) == "或培训收入占营业收入比例不低于5%"
    assert _cond(share[0]) == "或上年度培训收入不低于300万元"


def test_the_moment_an_age_is_counted_at_and_the_role_it_belongs_to():
    reqs = _reqs("一、条件\n1.出站时年龄不超过38周岁；\n2.年龄不超过45周岁（以2031年1月1日为计算时点）。\n"
                 "（二）项目负责人须具有正高级专业技术职称，年龄原则上不超过58周岁。")
    assert _cond(_find(reqs, "age_max", 38)[0]) == "出站时"
    assert _cond(_find(reqs, "age_max", 45)[0]) == "以2031年1月1日为计算时点"
    assert _cond(_find(reqs, "age_max", 58)[0]) == "项目负责人"


def test_firm_open_requirements_only_with_a_unit_and_only_n_is_at_most_n():
    reqs = _reqs("一、项目\n（一）短期访学：访学期限为4个月，资助20人左右。\n二、要求\n同一负责人年度内只能申报2个项目。\n"
                 "附件：1.2031年度示例项目申报表")
    months = _find(reqs, "other", 4)
    assert months and months[0]["op"] == "==" and months[0]["unit"] in ("月", "个月")
    per_leader = _find(reqs, "other", 2)
    assert per_leader and per_leader[0]["op"] == "<=" and _cond(per_leader[0]) == "同一负责人年度内"
    assert not [r for r in reqs if isinstance(r["value"], float) and r["value"] > 1.2]


def test_a_date_a_modal_binds_closes_a_step_of_its_own():
    reqs = _reqs("一、管理\n入选人员须于2031年10月31日前派出，逾期视为放弃。")
    step = [r for r in reqs if r["attribute"] == "other" and r["value"] == "2031-10-31"]
    assert step and step[0]["label"] == "派出"


def test_a_limit_per_person_and_year_is_no_programme_count():
    reqs = _reqs("一、要求\n（三）同一学员同一年度内参加市级研修项目不超过2次。")
    assert not [r for r in reqs if r["attribute"] == "sessions_per_year"]
    assert _cond(_find(reqs, "other", 2)[0]) == "同一学员同一年度内"


def test_a_section_listing_whom_a_class_is_for_is_the_enrolment_scope():
    reqs = _reqs("一、培训对象\n各级林业主管部门从事资源管理的人员，国有林场场长、森林公园负责人及护林员队长。\n二、培训时间\n2031年6月。")
    scope = [r for r in reqs if r["attribute"] == "enrollment_scope"]
    assert scope and scope[0]["op"] == "in"
    assert scope[0]["value"] == ["各级林业主管部门从事资源管理的人员", "国有林场场长", "森林公园负责人", "护林员队长"]


def test_language_ability_and_not_recently_funded_are_open_requirements():
    reqs = _reqs("二、条件\n（一）具备良好的法语听说读写能力；\n（二）近四年内未获得过省级出国研修资助。")
    language = _find(reqs, "other", "法语")
    assert language and language[0]["label"] == "外语能力"
    recent = _find(reqs, "other", True)
    assert recent and recent[0]["label"].startswith("近四年")


def test_a_limit_stated_by_what_breaks_it_and_the_countries_a_programme_mainly_visits():
    reqs = _reqs("一、考核\n缺勤累计超过六学时的，不予结业。\n二、国别\n以芬兰、瑞典、丹麦等北欧国家为主。")
    absent = _find(reqs, "other", 6)
    assert absent and absent[0]["op"] == "<=" and not _find(reqs, "training_hours", 6)
    assert _find(reqs, "countries", ["芬兰", "瑞典", "丹麦"])


def test_a_web_page_copy_title_date_and_glued_signature():
    page = ("当前位置：首页 > 通知公告\n【字体：大 中 小】某市人力资源和社会保障局关于开展2031年度示例培训的通知 发布时间：2031-05-08 09:30 "
            "来源：人才处 浏览次数：88\n索引号：000/2031-1 成文日期：2031-05-06\n各单位：\n每期培训不少于3天。\n"
            "· 某市人力资源和社会保障局关于印发《示例管理办法》的通知\n上一篇：关于公布示例名单的通知\n")
    rs = _ruleset(page)
    assert rs.notice.title == "某市人力资源和社会保障局关于开展2031年度示例培训的通知"
    assert rs.notice.issued_on == "2031-05-06"
    rs = _ruleset("某市人才中心关于开展2031年度示例工作的通知\n各单位：\n每期培训不少于3天。\n某市人才中心2031年5月9日\n")
    assert rs.notice.issued_on == "2031-05-09"


def test_kinds_of_applicant_minutes_per_hour_and_a_component_of_the_programme():
    reqs = _reqs("一、条件\n申报单位应为普通高校、职业院校或行业协会，并具有独立法人资格。\n"
                 "二、学时\n每学时按50分钟计算。\n三、安排\n每期培训不少于5天，其中现场教学时间不少于2天。")
    kinds = [r for r in reqs if r["attribute"] == "other" and r["label"] == "申报单位类型"]
    assert kinds and kinds[0]["value"] == ["普通高校", "职业院校", "行业协会"]
    minutes = _find(reqs, "other", 50)
    assert minutes and minutes[0]["unit"] == "分钟" and minutes[0]["label"] == "每学时时长"
    assert [r["value"] for r in reqs if r["attribute"] == "duration_days"] == [5]
    assert _find(reqs, "other", 2)


def test_a_kind_of_programme_as_subject_and_the_body_a_cap_counts_per():
    reqs = _reqs("一、要求\n（一）面授项目每期举办时间一般不少于4天，每期学员人数不少于40人；远程项目每期学员不少于500人。\n"
                 "（二）每个研究院限报2个项目，每个学院（部）推荐人数不超过3人。")
    assert _cond(_find(reqs, "duration_days", 4)[0]) == "面授项目"
    assert _cond(_find(reqs, "participants", 40)[0]) == "面授项目"
    assert _cond(_find(reqs, "participants", 500)[0]) == "远程项目"
    caps = {r["value"]: _cond(r) for r in reqs if r["attribute"] == "max_per_unit"}
    assert caps == {2: "研究院", 3: "学院（部）"}


def test_windows_dates_set_on_the_applicant_and_respectively_quantities_joined_by_a_comma():
    reqs = _reqs("二、条件\n1.博士学位获得时间在2029年1月1日至2031年6月30日之间；\n2.进站时间在2030年9月1日以后；\n"
                 "3.年龄在40周岁以下（1991年1月1日以后出生）。\n三、标准\n项目分为甲类、乙类，入选者分别按每人每年18万元、10万元给予资助。")
    assert _find(reqs, "other", ["2029-01-01", "2031-06-30"])[0]["op"] == "between"
    assert _find(reqs, "other", "2030-09-01")[0]["op"] == ">="
    assert not _find(reqs, "other", "1991-01-01")
    grants = {r["value"]: _cond(r) for r in reqs if r["attribute"] == "funding_cap_cny"}
    assert grants == {180000: "甲类", 100000: "乙类"}


def test_hours_gained_online_are_the_online_share_not_a_delivery_mode():
    reqs = _reqs("一、学时\n通过网络方式取得的学时原则上不超过年度应修学时的40%。")
    assert _find(reqs, "online_hours_share_max", 40)
    assert not [r for r in reqs if r["attribute"] == "delivery_mode"]


def test_degrees_recent_appraisals_a_stated_length_and_two_open_requirements_apart():
    reqs = _reqs("一、项目\n原则上选派青年教师进行为期2年的访学研修。\n二、条件\n（一）具有博士及以上学位和副高级及以上专业技术职务；\n"
                 "（二）近两年年度考核均为合格及以上等次；\n（三）近两年内未参加过同类访学项目。")
    assert _find(reqs, "other", "博士")[0]["op"] == ">="
    assert _find(reqs, "trainee_title", "副高级")
    assert {r["label"] for r in _find(reqs, "other", True)} == {"近两年年度考核合格及以上", "近两年内未参加/未获得同类项目"}
    assert _find(reqs, "other", 2)[0]["op"] == "=="


def test_the_scorer_holds_true_apart_from_one():
    from shenbao.eval.notices import same_value

    assert not same_value(1, True) and not same_value(True, 1) and same_value(True, True)


def test_a_review_step_of_the_bodies_and_an_upstream_request_are_no_application_deadline():
    rs = _ruleset("某大学人事处关于推荐2031年度访问学者的通知\n\n各学院：\n\n"
                  "申请人须于2031年4月9日（星期一）前在线填报。请各学院（部）于2031年4月12日（星期四）下班前完成审核。"
                  "省教育厅要求学校于2031年4月20日前完成报送。\n能够为工作室提供不少于120平方米的固定场地。\n\n某大学人事处\n2031年4月1日\n")
    assert [r.value for r in rs.requirements if r.attribute == "application_deadline"] == ["2031-04-09"]
    review = [r for r in rs.requirements if r.attribute == "other" and r.value == "2031-04-12"]
    assert review and review[0].condition and review[0].condition.value == "各学院（部）"
    assert [r.value for r in rs.requirements if r.attribute == "venue_area_sqm"] == [120]


def test_a_title_or_years_of_work_either_sufficing():
    reqs = _reqs("一、对象\n学员应具有中级及以上专业技术职称或从事相关工作5年以上。")
    title = [r for r in reqs if r["attribute"] == "trainee_title"]
    assert title and title[0]["value"] == "中级" and _cond(title[0]) == "或从事相关工作5年以上"
    years = _find(reqs, "other", 5)
    assert years and years[0]["unit"] == "年" and _cond(years[0]) == "或具有中级及以上专业技术职称"


def test_respectively_paid_by_a_rate_grants_the_amounts_and_a_founders_age_is_the_founders():
    reqs = _reqs("一、标准\n项目分为甲类、乙类，入选者分别按每人每年15万元、8万元给予资助。\n二、条件\n2.领办人年龄一般不超过56周岁。")
    grants = {r["value"]: r["op"] for r in reqs if r["attribute"] == "funding_cap_cny"}
    assert grants == {150000: "==", 80000: "=="}
    assert _cond(_find(reqs, "age_max", 56)[0]) == "领办人"


def test_a_lone_cap_for_a_named_kind_of_unit_keeps_the_kind_and_a_generic_unit_none():
    reqs = _reqs("一、名额\n每个县（市、区）推荐创新工作站建设资助项目不超过4个。")
    [cap] = [r for r in reqs if r["attribute"] == "max_per_unit"]
    assert cap["value"] == 4 and _cond(cap) == "县（市、区）"
    reqs = _reqs("一、名额\n每个申报单位申报项目原则上不超过4项。")
    [cap] = [r for r in reqs if r["attribute"] == "max_per_unit"]
    assert cap["value"] == 4 and cap["condition"] is None


def test_rules_after_an_event_hold_from_it_and_a_period_to_send_within_is_a_time_limit():
    reqs = _reqs("一、管理\n进修人员结业后2个月内向所在单位报送进修总结，并在科室内开展不少于2次的业务讲座。")
    due = _find(reqs, "other", 2)
    limit = next(r for r in due if r["unit"] == "月")
    assert limit["op"] == "<=" and "报送进修总结" in limit["label"] and _cond(limit) == "进修人员结业后"
    talks = next(r for r in due if r["unit"] == "次")
    assert talks["op"] == ">=" and _cond(talks) == "进修人员结业后"
    reqs = _reqs("一、管理\n进修结束后须按期返岗，返岗后在原单位服务不少于4年。")
    [service] = _find(reqs, "other", 4)
    assert _cond(service) == "进修结束后"  # 返岗后 names the service itself (返岗后在原单位服务)


def test_a_unit_limited_per_year_either_form_per_programme_and_the_senders_of_a_summary_table():
    text = ("某省人力资源和社会保障厅关于开展2031年度省级名师工作室建设项目和省级实训基地建设项目申报工作的通知\n\n各有关单位：\n\n"
            "一、申报项目\n（一）省级名师工作室建设项目\n每个给予10万元资助。\n（二）省级实训基地建设项目\n每个给予50万元资助。\n"
            "二、名额\n同一单位同一年度只能申报1个省级名师工作室建设项目。\n"
            "三、申报程序\n申报单位在线填报《省级名师工作室建设项目申报表》（附件1）或《省级实训基地建设项目申报书》（附件2）。\n"
            "各市人力资源社会保障局审核后，于2031年5月10日前将《推荐汇总表》（附件3）报送省厅。\n\n"
            "附件：1.省级名师工作室建设项目申报表\n2.省级实训基地建设项目申报书\n3.推荐汇总表\n\n某省人力资源和社会保障厅\n2031年3月1日\n")
    rs = _ruleset(text)
    [cap] = [r for r in rs.requirements if r.attribute == "max_per_unit"]
    assert (cap.op, cap.value, cap.program, cap.condition.value) == ("<=", 1, "省级名师工作室建设项目", "同一单位同一年度")
    forms = {tuple(r.value): r.program for r in rs.requirements if r.attribute == "required_attachments"}
    assert forms[("省级名师工作室建设项目申报表",)] == "省级名师工作室建设项目" and forms[("省级实训基地建设项目申报书",)] == "省级实训基地建设项目"
    [summary] = [r for r in rs.requirements if r.attribute == "required_attachments" and r.value == ["推荐汇总表"]]
    assert summary.condition.value == "各市人力资源社会保障局"


def test_a_part_of_a_count_a_bound_named_by_its_noun_and_a_remark_after_the_last_part():
    reqs = _reqs("一、名额\n全省拟认定示范站40家左右，其中面向革命老区的不少于12家。\n"
                 "二、条件\n（一）须与不少于6家科研院所建立稳定的合作关系。\n"
                 "（二）申报甲类的，年龄不超过40周岁；申报乙类的，年龄不超过48周岁（均以2031年6月30日为计算时点）。")
    part = _find(reqs, "quota", 12)
    assert part and part[0]["op"] == ">=" and _cond(part[0]) == "面向革命老区"
    partners = _find(reqs, "other", 6)
    assert partners and partners[0]["label"] == "科研院所" and partners[0]["op"] == ">="
    ages = {r["value"]: _cond(r) for r in reqs if r["attribute"] == "age_max"}
    assert ages == {40: "以2031年6月30日为计算时点", 48: "以2031年6月30日为计算时点"}


def test_a_cap_on_a_grant_depends_on_what_the_grant_does():
    reqs = _reqs("一、学时认定\n（四）主编出版本专业著作的，每部可折算专业科目15学时，年度折算累计不超过30学时。")
    assert _cond(_find(reqs, "other", 15)[0]) == "主编出版本专业著作"
    assert _cond(_find(reqs, "other", 30)[0]) == "主编出版本专业著作"
