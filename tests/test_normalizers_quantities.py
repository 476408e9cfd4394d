import pytest

from shenbao.normalizers.quantities import find_comparisons, open_ended, parse_comparison

# (text, op, value, unit, strength, approximate)
CASES = [
    ("不少于3天", ">=", 3, "天", "required", False),
    ("不低于3天", ">=", 3, "天", "required", False),
    ("至少3天", ">=", 3, "天", "required", False),
    ("3天以上", ">=", 3, "天", None, False),
    ("3天及以上", ">=", 3, "天", None, False),
    ("3天（含）以上", ">=", 3, "天", None, False),
    ("不超过55周岁", "<=", 55, "周岁", "required", False),
    ("不超过 55 周岁", "<=", 55, "周岁", "required", False),
    ("年龄不超过 55 周岁", "<=", 55, "周岁", "required", False),
    ("最多2个", "<=", 2, "个", "required", False),
    ("不多于5人", "<=", 5, "人", "required", False),
    ("3天以内", "<=", 3, "天", None, False),
    ("40周岁以下", "<=", 40, "周岁", None, False),
    ("年龄在40周岁以下", "<=", 40, "周岁", None, False),
    ("45周岁及以下", "<=", 45, "周岁", None, False),
    ("上限5万元", "<=", 50000, "元", "required", False),
    ("最高15万", "<=", 150000, "元", "required", False),
    ("最高15万/个", "<=", 150000, "元", "required", False),
    ("给予最高15万的经费补助", "<=", 150000, "元", "required", False),
    ("100万元以内", "<=", 1_000_000, "元", None, False),
    ("5至7天", "between", [5, 7], "天", None, False),
    ("5-7天", "between", [5, 7], "天", None, False),
    ("5～7天", "between", [5, 7], "天", None, False),
    ("5~7天", "between", [5, 7], "天", None, False),
    ("5到7天", "between", [5, 7], "天", None, False),
    ("5—7天", "between", [5, 7], "天", None, False),
    ("5天至7天", "between", [5, 7], "天", None, False),
    ("三至五天", "between", [3, 5], "天", None, False),
    ("在5至7天之间", "between", [5, 7], "天", None, False),
    ("4-6场", "between", [4, 6], "场", None, False),
    ("2-6人", "between", [2, 6], "人", None, False),
    ("20%-30%", "between", [20, 30], "%", None, False),
    ("5天左右", "approx", 5, "天", "guideline", True),
    ("约5天", "approx", 5, "天", "guideline", True),
    ("大约5天", "approx", 5, "天", "guideline", True),
    ("50人左右", "approx", 50, "人", "guideline", True),
    ("50人上下", "approx", 50, "人", "guideline", True),
    ("10个左右", "approx", 10, "个", "guideline", True),
    ("控制在30人左右", "approx", 30, "人", "guideline", True),
    ("20%左右", "approx", 20, "%", "guideline", True),
    ("不得超过2个", "<=", 2, "个", "required", False),
    ("须达到100学时", ">=", 100, "学时", "required", False),
    ("每年不少于100学时", ">=", 100, "学时", "required", False),
    ("不少于三天", ">=", 3, "天", "required", False),
    ("不超过两个", "<=", 2, "个", "required", False),
    ("不少于两学时", ">=", 2, "学时", "required", False),
    ("1.8万人", "==", 18000, "人", None, False),
    ("研修时间为5天", "==", 5, "天", None, False),
    ("研修时间须为5天", "==", 5, "天", "required", False),
    ("原则上不超过5天", "<=", 5, "天", "guideline", False),
    ("一般不少于3天", ">=", 3, "天", "guideline", False),
    ("不低于百分之五十", ">=", 50, "%", "required", False),
    ("不低于50%", ">=", 50, "%", "required", False),
    ("至少已举办过1次", ">=", 1, "次", "required", False),
    ("每个单位最多申报一项", "<=", 1, "项", "required", False),
    ("100余人", ">=", 100, "人", "guideline", True),
    ("不少于70人", ">=", 70, "人", "required", False),
    ("不少于6场", ">=", 6, "场", "required", False),
    ("不少于2学时", ">=", 2, "学时", "required", False),
    ("不少于110学时", ">=", 110, "学时", "required", False),
    ("3个工作日内", "<=", 3, "工作日", None, False),
    ("不少于3个月", ">=", 3, "月", "required", False),
    ("不少于24课时", ">=", 24, "学时", "required", False),
    ("不少于 3 天", ">=", 3, "天", "required", False),
    ("不少于３天", ">=", 3, "天", "required", False),
    ("每期培训人数不少于50名", ">=", 50, "名", "required", False),
    ("培训人次需100人次左右", "approx", 100, "人次", "guideline", True),
    ("学员数量不超过60人", "<=", 60, "人", "required", False),
    ("近3年", "==", 3, "年", None, False),
    ("5年以上工作经验", ">=", 5, "年", None, False),
    ("资助10个班次", "==", 10, "班", None, False),
    ("培训时长不少于8小时", ">=", 8, "小时", "required", False),
    ("不超过10万元", "<=", 100000, "元", "required", False),
    ("不超过1.5万元", "<=", 15000, "元", "required", False),
    ("应不少于3天", ">=", 3, "天", "required", False),
]


@pytest.mark.parametrize("text,op,value,unit,strength,approx", CASES)
def test_parse_comparison(text, op, value, unit, strength, approx):
    span = parse_comparison(text)
    assert span is not None
    assert (span.op, span.value, span.unit, span.strength, span.approximate) == (op, value, unit, strength, approx)
    assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("text", [
    "具备以下条件", "以下单位", "申报以上项目", "2025年举办", "培训时间为2025年6月10日至14日", "第3期培训",
    "人社部发〔2021〕73号", "电话0591-87543855", "一般情况下", "进一步加强", "“十四五”规划", "", "无",
])
def test_no_comparison(text):
    assert find_comparisons(text) == []


def test_list_of_alternatives_with_open_end():
    text = "14天、21天、30天、60天或90天及以上"
    span = parse_comparison(text)
    assert span.op == "in" and span.value == [14, 21, 30, 60, 90] and span.unit == "天"
    assert span.text == text and open_ended(span)


def test_list_without_open_end():
    span = parse_comparison("研修时间为3天、5天或7天")
    assert span.op == "in" and span.value == [3, 5, 7] and not open_ended(span)


def test_list_unit_on_last_only():
    span = parse_comparison("3、5或7天")
    assert span.op == "in" and span.value == [3, 5, 7] and span.unit == "天"


def test_several_comparisons_in_a_sentence():
    text = "专业技术研修班时间不少于3天，参加学员不少于70人，资助每个班次上限5万元。"
    got = [(s.op, s.value, s.unit) for s in find_comparisons(text)]
    assert got == [(">=", 3, "天"), (">=", 70, "人"), ("<=", 50000, "元")]


def test_hedge_does_not_leak_to_next_quantity():
    text = "学员约50人、培训不少于3天"
    spans = find_comparisons(text)
    assert [(s.op, s.strength) for s in spans] == [("approx", "guideline"), (">=", "required")]


def test_explicit_comparison_is_preferred():
    span = parse_comparison("每期培训3天，学员不少于50人")
    assert span.op == ">=" and span.value == 50


def test_offsets_into_original_text():
    text = "参加学员不少于７０人；年龄不超过 55 周岁"
    for span in find_comparisons(text):
        assert text[span.start:span.end] == span.text


def test_dates_in_sentence_are_not_quantities():
    spans = find_comparisons("请于2025年1月16日前报送，培训不少于3天")
    assert [(s.op, s.value) for s in spans] == [(">=", 3)]


@pytest.mark.parametrize("text,value,unit", [
    ("5-10万元", [50000, 100000], "元"),
    ("三至五万元", [30000, 50000], "元"),
    ("1-2万人", [10000, 20000], "人"),
    ("5万-10万元", [50000, 100000], "元"),
    ("30人以上50人以下", [30, 50], "人"),
    ("不少于30人、不超过50人", [30, 50], "人"),
    ("一至两天", [1, 2], "天"),
    ("每期50-80人", [50, 80], "人"),
])
def test_ranges(text, value, unit):
    span = parse_comparison(text)
    assert (span.op, span.value, span.unit) == ("between", value, unit)


def test_bounds_of_different_subjects_are_not_merged():
    spans = find_comparisons("学员不少于30人，教师不超过50人")
    assert [(s.op, s.value) for s in spans] == [(">=", 30), ("<=", 50)]


@pytest.mark.parametrize("text,op,value,unit", [
    ("期限3年", "==", 3, "年"),
    ("每单位限报1项", "<=", 1, "项"),
    ("满3年", ">=", 3, "年"),
    ("两年内", "<=", 2, "年"),
    ("每人每天不超过550元", "<=", 550, "元"),
    ("不超过3000元/人", "<=", 3000, "元"),
    ("50周岁（含）以下", "<=", 50, "周岁"),
    ("年龄不超过40周\n\n岁", "<=", 40, "周岁"),
    ("培训结束回国15个工\n\n作日内", "<=", 15, "工作日"),
    ("时间不少于\n3天", ">=", 3, "天"),
    ("计划遴选10个\n\n左右", "approx", 10, "个"),
    ("不少于两周", ">=", 2, "周"),
])
def test_more_phrasings(text, op, value, unit):
    span = parse_comparison(text)
    assert (span.op, span.value, span.unit) == (op, value, unit)


@pytest.mark.parametrize("text", ["新一批的专业技术", "需清算上一年9\n\n月", "下一步工作", "3个单位内部"])
def test_more_non_quantities(text):
    assert [s for s in find_comparisons(text) if s.unit not in ("家",)] == []


# Phrasings from other provinces and years: (text, [(op, value, unit, strength), ...])
UNSEEN = [
    ("每期培训时间原则上不少于5天（不含报到、返程时间）", [(">=", 5, "天", "guideline")]),
    ("每期参训学员原则上不少于50人，不超过100人", [(">=", 50, "人", "guideline"), ("<=", 100, "人", "required")]),
    ("学员人数控制在60人以内", [("<=", 60, "人", None)]),
    ("研修时间一般为5-7天", [("between", [5, 7], "天", "guideline")]),
    ("申报单位原则上限报1个项目", [("<=", 1, "个", "guideline")]),
    ("项目负责人年龄一般不超过60周岁", [("<=", 60, "周岁", "guideline")]),
    ("资助标准为每期10万元", [("==", 100000, "元", None)]),
    ("不超过20万元/项", [("<=", 200000, "元", "required")]),
    ("满意度达到85%以上", [(">=", 85, "%", None)]),
    ("人数在30-50人之间", [("between", [30, 50], "人", None)]),
    ("具有3年以上相关工作经历", [(">=", 3, "年", None)]),
    ("每人每天培训费不超过450元，综合定额标准不超过550元", [("<=", 450, "元", "required"), ("<=", 550, "元", "required")]),
    ("每个项目资助额度为10-30万元", [("between", [100000, 300000], "元", None)]),
    ("线上学时不超过总学时的30%", [("<=", 30, "%", "required")]),
    ("讲座每场不少于90分钟", [(">=", 90, "分钟", "required")]),
    ("学员应为在职专业技术人员，人数一般在80至120人", [("between", [80, 120], "人", "guideline")]),
    ("省外学员占比不低于三分之一", [(">=", 33.33, "%", "required")]),
    ("全年举办不少于十二期", [(">=", 12, "期", "required")]),
    ("报名时间：即日起至2025年3月31日", []),
    ("每期班次规模为40人上下", [("approx", 40, "人", "guideline")]),
    ("每期经费不超过人民币伍万元整", [("<=", 50000, "元", "required")]),
    ("不超过￥5000", [("<=", 5000, "元", "required")]),
    ("入伍人员", []),
    ("培训地点原则上在省内", []),
]


@pytest.mark.parametrize("text,expected", UNSEEN)
def test_unseen_phrasings(text, expected):
    got = [(s.op, s.value, s.unit, s.strength) for s in find_comparisons(text)]
    assert got == expected


@pytest.mark.parametrize("text,op,strength", [
    ("需提前预约3天", "==", "required"),
    ("按照约定培训3天", "==", None),
    ("圆满3年", "==", None),
    ("满3年", ">=", None),
    ("遵守约定，不少于3天", ">=", "required"),
])
def test_operator_words_inside_other_words(text, op, strength):
    span = parse_comparison(text)
    assert (span.op, span.strength) == (op, strength)
