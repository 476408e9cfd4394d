import pytest

from shenbao.normalizers.money import find_money, parse_money


@pytest.mark.parametrize("s,expected", [
    ("5万元", 50000), ("10万元", 100000), ("最高15万", 150000), ("15万/个", 150000), ("3000元", 3000),
    ("1.5万元", 15000), ("五万元", 50000), ("100万元以内", 1_000_000), ("2亿", 200_000_000),
    ("伍万元整", 50000), ("￥5,000", 5000), ("¥5000", 5000), ("人民币5万元", 50000), ("5 万元", 50000),
    ("一千万元", 10_000_000), ("3千元", 3000), ("2亿元", 200_000_000), ("资助每个班次上限5万元。", 50000),
    ("5000.50元", 5000.5), ("每人每天200元", 200), ("0.5万元", 5000), ("十万元", 100000), ("两万元", 20000),
    ("经费3万元（含）", 30000), ("5,000元", 5000), ("壹拾万元", 100000),
])
def test_parse_money(s, expected):
    assert parse_money(s) == expected


@pytest.mark.parametrize("s", ["3000", "1.8万人", "5万美元", "", "3天", "一般", "50%", "不少于70人", None])
def test_parse_money_rejects(s):
    assert parse_money(s) is None


@pytest.mark.parametrize("s,unit,expected", [
    ("5", "万元", 50000), ("3000.00", "元", 3000), ("1.5", "万元", 15000), ("3,000", "元", 3000),
    ("12元", "元", 12), ("五", "万元", 50000),
])
def test_parse_money_default_unit(s, unit, expected):
    assert parse_money(s, default_unit=unit) == expected


def test_find_money_spans():
    text = "资助每个班次上限5万元，最高15万/个，培训1.8万人次，每人每天200元"
    spans = find_money(text)
    assert [(s.value, s.text) for s in spans] == [(50000, "5万元"), (150000, "15万"), (200, "200元")]
    assert all(s.unit == "元" for s in spans)
    assert all(text[s.start:s.end] == s.text for s in spans)
