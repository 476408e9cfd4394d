import pytest

from shenbao.normalizers.dates import (
    age_at,
    days_inclusive,
    find_date_ranges,
    find_dates,
    month_end,
    parse_date,
    parse_date_range,
    parse_period,
)


@pytest.mark.parametrize("s,expected,approx", [
    ("2025年1月16日", "2025-01-16", False),
    ("2025 年 1 月 16 日", "2025-01-16", False),
    ("2025年01月06日", "2025-01-06", False),
    ("2025.06.10", "2025-06-10", False),
    ("2025/6/10", "2025-06-10", False),
    ("2025-6-10", "2025-06-10", False),
    ("2025-06-10", "2025-06-10", False),
    ("２０２５年１月１６日", "2025-01-16", False),
    ("2022年11月底", "2022-11-30", True),
    ("2022年11月末", "2022-11-30", True),
    ("2024年2月底", "2024-02-29", True),
    ("2020年1月", "2020-01-31", True),
    ("2025年6月上旬", "2025-06-10", True),
    ("2025年6月中旬", "2025-06-20", True),
    ("2025年6月下旬", "2025-06-30", True),
    ("2025年底", "2025-12-31", True),
    ("二〇二五年一月十三日", "2025-01-13", False),
    ("二〇二五年十二月三十一日", "2025-12-31", False),
    ("2025年元月", "2025-01-31", True),
    ("2025年元月16日", "2025-01-16", False),
    ("2025年6月10号", "2025-06-10", False),
    ("20250610", "2025-06-10", False),
    ("2025.06", "2025-06-30", True),
    ("请于2025年1月16日（星期四）前报送", "2025-01-16", False),
    ("2024年2月29日", "2024-02-29", False),
])
def test_parse_date(s, expected, approx):
    span = parse_date(s)
    assert span is not None and span.value == expected and span.approximate is approx
    assert s[span.start:span.end] == span.text


@pytest.mark.parametrize("s", [
    "2月30日", "2025年2月30日", "2023年2月29日", "2025年13月1日", "1月16日", "11月底", "", "培训3天", None,
    "2025年", "1.8万",
])
def test_parse_date_none(s):
    assert parse_date(s) is None


@pytest.mark.parametrize("s,expected", [
    ("1月16日", "2025-01-16"), ("11月底", "2025-11-30"), ("6月中旬", "2025-06-20"), ("12月31日", "2025-12-31"),
    ("2024年1月16日", "2024-01-16"),
])
def test_parse_date_default_year(s, expected):
    assert parse_date(s, default_year=2025).value == expected


def test_parse_date_default_month():
    assert parse_date("16日", default_year=2025, default_month=3).value == "2025-03-16"
    assert parse_date("16日", default_year=2025) is None


@pytest.mark.parametrize("s,start,end", [
    ("2025年6月10日至14日", "2025-06-10", "2025-06-14"),
    ("2025.06.10-06.14", "2025-06-10", "2025-06-14"),
    ("2025/6/10—6/14", "2025-06-10", "2025-06-14"),
    ("2025年6月10日-2025年6月14日", "2025-06-10", "2025-06-14"),
    ("2025年10月6日～8日", "2025-10-06", "2025-10-08"),
    ("2025年10月6日~8日", "2025-10-06", "2025-10-08"),
    ("2025.10.06—2025.10.08", "2025-10-06", "2025-10-08"),
    ("2025年9月28日至10月2日", "2025-09-28", "2025-10-02"),
    ("2025年6月10-14日", "2025-06-10", "2025-06-14"),
    ("2025年6月10日到14日", "2025-06-10", "2025-06-14"),
    ("2025年12月28日至1月3日", "2025-12-28", "2026-01-03"),
    ("2025年6月10日（周二）至14日（周六）", "2025-06-10", "2025-06-14"),
    ("自2025年6月10日起至2025年6月14日", "2025-06-10", "2025-06-14"),
    ("2025年6月至8月", "2025-06-01", "2025-08-31"),
    ("2025.06-2025.08", "2025-06-01", "2025-08-31"),
    ("2025 年 6 月 10 日 至 14 日", "2025-06-10", "2025-06-14"),
    ("2025年6月10日——6月14日", "2025-06-10", "2025-06-14"),
    ("2025-06-10至2025-06-14", "2025-06-10", "2025-06-14"),
    ("时间：2025年9月28日至10月2日，地点：福州", "2025-09-28", "2025-10-02"),
])
def test_parse_date_range(s, start, end):
    rng = parse_date_range(s)
    assert rng is not None
    a, b = rng
    assert (a.value, b.value) == (start, end)
    assert s[a.start:a.end] == a.text and s[b.start:b.end] == b.text


@pytest.mark.parametrize("s,start,end", [
    ("6月10日至14日", "2025-06-10", "2025-06-14"),
    ("6月10-14日", "2025-06-10", "2025-06-14"),
    ("9月28日至10月2日", "2025-09-28", "2025-10-02"),
])
def test_parse_date_range_default_year(s, start, end):
    assert parse_date_range(s) is None
    a, b = parse_date_range(s, default_year=2025)
    assert (a.value, b.value) == (start, end)


@pytest.mark.parametrize("s", ["2025年6月10日", "2025年6月14日至10日", "培训3-5天", "2025-2026年", ""])
def test_parse_date_range_none(s):
    assert parse_date_range(s) is None


def test_range_end_text():
    a, b = parse_date_range("2025年10月6日～8日")
    assert a.text == "2025年10月6日" and b.text == "8日"


def test_find_dates_includes_range_ends():
    text = "会议于2025年9月28日至10月2日举行，11月底前提交，截至2025.6"
    assert [s.value for s in find_dates(text)] == ["2025-09-28", "2025-10-02", "2025-06-30"]
    assert [s.value for s in find_dates(text, default_year=2025)] == [
        "2025-09-28", "2025-10-02", "2025-11-30", "2025-06-30"]


def test_find_dates_ignores_decimals_and_versions():
    assert find_dates("版本1.2.3，增长1.8万，比例0.5") == []


def test_find_date_ranges_several():
    text = "第一期2025年6月10日至14日；第二期2025年9月1日至5日。"
    assert [(a.value, b.value) for a, b in find_date_ranges(text)] == [
        ("2025-06-10", "2025-06-14"), ("2025-09-01", "2025-09-05")]


@pytest.mark.parametrize("a,b,n", [
    ("2025-10-06", "2025-10-08", 3), ("2025-06-10", "2025-06-14", 5), ("2025-06-10", "2025-06-10", 1),
    ("2025-09-28", "2025-10-02", 5), ("2024-02-28", "2024-03-01", 3),
])
def test_days_inclusive(a, b, n):
    assert days_inclusive(a, b) == n


@pytest.mark.parametrize("birth,on,age", [
    ("1970-06-10", "2025-06-09", 54), ("1970-06-10", "2025-06-10", 55), ("1970-06-10", "2025-06-11", 55),
    ("2000-02-29", "2025-02-28", 24), ("2000-02-29", "2025-03-01", 25), ("1985-12-31", "2025-01-01", 39),
])
def test_age_at(birth, on, age):
    assert age_at(birth, on) == age


@pytest.mark.parametrize("y,m,expected", [
    (2022, 11, "2022-11-30"), (2024, 2, "2024-02-29"), (2023, 2, "2023-02-28"), (2025, 12, "2025-12-31"),
])
def test_month_end(y, m, expected):
    assert month_end(y, m) == expected


@pytest.mark.parametrize("s,start,end", [
    ("2025年3-5月举办", "2025-03-01", "2025-05-31"),
    ("2025年3至5月", "2025-03-01", "2025-05-31"),
    ("2025年3月至5月底", "2025-03-01", "2025-05-31"),
    ("2025．06．10－2025．06．14", "2025-06-10", "2025-06-14"),
])
def test_month_ranges_and_wide_separators(s, start, end):
    a, b = parse_date_range(s)
    assert (a.value, b.value) == (start, end)


@pytest.mark.parametrize("s", ["2025年3-5日", "2025年3-5"])
def test_open_month_needs_month_end(s):
    assert parse_date_range(s) is None


@pytest.mark.parametrize("s,expected", [("1978.03", "1978-03-01"), ("1972年5月", "1972-05-01"), ("1975-06", "1975-06-01"),
                                        ("1967.12.05", "1967-12-05")])
def test_parse_date_month_start_reads_birth_months(s, expected):
    assert parse_date(s, month_start=True).value == expected


def test_parse_date_day_without_ri():
    assert parse_date("2020年8月25").value == "2020-08-25"
    assert parse_date("9月15", default_year=2026).value == "2026-09-15"
    assert parse_date("9月15") is None


def test_short_numeric_range_needs_a_default_year():
    a, b = parse_date_range("9.15-9.19", default_year=2026)
    assert (a.value, b.value) == ("2026-09-15", "2026-09-19")
    assert parse_date_range("9.15-9.19") is None
    assert find_date_ranges("见第3.1-3.4条", default_year=2026) == []  # running text: not a period


def test_numeric_end_after_a_written_day():
    a, b = parse_date_range("2025年6月10日-6.14")
    assert (a.value, b.value) == ("2025-06-10", "2025-06-14")


@pytest.mark.parametrize("s,expected", [
    ("2025年6月10日", ("2025-06-10", "2025-06-10")),
    ("2025年6月10日至14日", ("2025-06-10", "2025-06-14")),
    ("9月15日", None),
    ("2025年6月", None),
    ("2025年6月10日至2025年13月1日", None),
])
def test_parse_period(s, expected):
    found = parse_period(s)
    assert (found[0].value, found[1].value) == expected if expected else found is None
