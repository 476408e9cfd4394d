import pytest

from shenbao.normalizers.numerals import find_numbers, parse_number


@pytest.mark.parametrize("s,expected", [
    ("3", 3), ("三", 3), ("十四", 14), ("两", 2), ("二十一", 21), ("一百", 100), ("1.8万", 18000),
    ("1.5", 1.5), ("百分之五十", 50), ("50%", 50), ("50％", 50), ("１０", 10), ("十", 10), ("零", 0),
    ("〇", 0), ("0", 0), ("一百零五", 105), ("一千零一十", 1010), ("三千五百", 3500), ("两万", 20000),
    ("十万", 100000), ("一万二千", 12000), ("五千万", 50_000_000), ("一亿五千万", 150_000_000),
    ("2亿", 200_000_000), ("1,000", 1000), ("12,345.5", 12345.5), ("二〇二五", 2025), ("二零二五", 2025),
    ("一点五", 1.5), ("三十", 30), ("九十九", 99), ("二十万", 200000), (" 3 ", 3), ("1.0", 1),
    ("3千", 3000), ("百分之12.5", 12.5), ("十二", 12), ("一十二", 12), ("两百", 200), ("三百六十五", 365),
    ("1 万", 10000), ("0.5", 0.5), ("100", 100),
])
def test_parse_number(s, expected):
    assert parse_number(s) == expected


@pytest.mark.parametrize("s", [
    "", "一般", "abc", "三四", "十四五", "万一", "百", "千", "万", "3天", "第一", "1.2.3", "二十一般", None,
    "伍", "十十",
])
def test_parse_number_rejects(s):
    assert parse_number(s) is None


@pytest.mark.parametrize("s,expected", [("伍万", 50000), ("壹佰", 100), ("叁仟伍佰", 3500), ("贰拾", 20)])
def test_parse_number_capital(s, expected):
    assert parse_number(s, capital=True) == expected


@pytest.mark.parametrize("text,expected", [
    ("培训3天", [3]),
    ("不少于五十人", [50]),
    ("一般情况下", []),
    ("一线人员", []),
    ("意见一致", []),
    ("统一组织", []),
    ("唯一标准", []),
    ("一带一路", []),
    ("建设一流学科", []),
    ("万一出现", []),
    ("第一批", []),
    ("第3期", []),
    ("进一步加强", []),
    ("一定要", []),
    ("之一", []),
    ("“十四五”规划", []),
    ("十三五时期", []),
    ("一是加强", []),
    ("1.8万人", [18000]),
    ("占比50%，百分之三十", [50, 30]),
    ("一千万元", [10_000_000]),
    ("五十分", [50]),
    ("5G网络", []),
    ("ISO9001认证", []),
    ("二〇二五年", [2025]),
    ("共两个", [2]),
    ("3至5天", [3, 5]),
    ("十分重要", []),
    ("一次性补助", []),
])
def test_find_numbers_values(text, expected):
    assert [s.value for s in find_numbers(text)] == expected


def test_find_numbers_offsets_point_into_text():
    text = "参加学员不少于五十人，培训１０天，1.8万元"
    for span in find_numbers(text):
        assert text[span.start:span.end] == span.text
    assert [s.text for s in find_numbers(text)] == ["五十", "１０", "1.8万"]


def test_percent_unit():
    spans = find_numbers("不低于50%")
    assert spans[0].unit == "%" and spans[0].value == 50


def test_ordinals_can_be_kept():
    assert [s.value for s in find_numbers("第3期", skip_ordinals=False)] == [3]


@pytest.mark.parametrize("s,expected", [("三分之一", 33.33), ("千分之五", 0.5), ("四分之三", 75), ("3分之1", 33.33)])
def test_fractions_are_percent(s, expected):
    assert parse_number(s) == expected


def test_fraction_span_has_percent_unit():
    span = find_numbers("占比不低于三分之一")[0]
    assert (span.value, span.unit, span.text) == (33.33, "%", "三分之一")


@pytest.mark.parametrize("text", ["实现“两个一百年”奋斗目标", "建党一百年"])
def test_named_numbers_are_not_numbers(text):
    assert find_numbers(text) == []
