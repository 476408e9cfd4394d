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
