import pytest

from shenbao.normalizers.contacts import find_emails, find_phones, is_valid_phone, normalize_phone


@pytest.mark.parametrize("s,expected", [
    ("0591-87543855", "0591-87543855"), ("(0591)87543855", "0591-87543855"), ("（0591）87543855", "0591-87543855"),
    ("0591 87543855", "0591-87543855"), ("059187543855", "0591-87543855"), ("010-68597408", "010-68597408"),
    ("01068597408", "010-68597408"), ("021-62345678", "021-62345678"), ("13746001635", "13746001635"),
    ("137 4600 1635", "13746001635"), ("137-4600-1635", "13746001635"), ("+86 13746001635", "13746001635"),
    ("8613746001635", "13746001635"), ("400-810-5100", "400-810-5100"), ("4008105100", "400-810-5100"),
    ("010-68597408转123", "010-68597408转123"), ("0591-87543855-123", "0591-87543855转123"),
    ("０５９１－８７５４３８５５", "0591-87543855"), ("87543855", "87543855"), ("0591—87543855—123", "0591-87543855转123"),
])
def test_normalize_phone(s, expected):
    assert normalize_phone(s) == expected
    assert is_valid_phone(s)


@pytest.mark.parametrize("s", ["12345678901", "021-1234567", "abc", "", "123", "0591-0123456", None, "2025"])
def test_invalid_phone(s):
    assert normalize_phone(s) is None
    assert not is_valid_phone(s)


def test_find_phones_in_text():
    text = ("联系人：张三，联系电话：0591-87543855、87543856，（0591）87543855，010-68597408转123，"
            "手机13746001635，400-810-5100；电话：87654321。日期2025-06-10，文号〔2025〕7号")
    spans = find_phones(text)
    assert [s.value for s in spans] == [
        "0591-87543855", "0591-87543856", "0591-87543855", "010-68597408转123", "13746001635",
        "400-810-5100", "87654321"]
    for span in spans:
        assert text[span.start:span.end] == span.text


def test_find_phones_comma_separated_mobiles():
    spans = find_phones("13746001635，13912345678")
    assert [s.value for s in spans] == ["13746001635", "13912345678"]


@pytest.mark.parametrize("text,expected", [
    ("邮箱：abc.de@fj.gov.cn；", ["abc.de@fj.gov.cn"]),
    ("Email: Foo_Bar+x@Example.COM", ["foo_bar+x@example.com"]),
    ("a@b.cn、c@d.org", ["a@b.cn", "c@d.org"]),
    ("电子邮箱：jxjy＠163.com", ["jxjy@163.com"]),
    ("无邮箱", []),
])
def test_find_emails(text, expected):
    assert [s.value for s in find_emails(text)] == expected


def test_glued_numbers_from_pdf_cells():
    spans = find_phones("办公电话传真\n0592-24400620592-3390477\n手机")
    assert [s.value for s in spans] == ["0592-2440062", "0592-3390477"]
