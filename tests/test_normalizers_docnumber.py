import pytest

from shenbao.normalizers.docnumber import find_doc_number, find_doc_numbers, normalize_doc_number


@pytest.mark.parametrize("text,expected", [
    ("闽人社办〔2025〕7号", "闽人社办〔2025〕7号"),
    ("人社部发〔2021〕73号", "人社部发〔2021〕73号"),
    ("人社部发[2021]73号", "人社部发〔2021〕73号"),
    ("人社部发【2021】73号", "人社部发〔2021〕73号"),
    ("人社部发（2021）73号", "人社部发〔2021〕73号"),
    ("人社部发(2021)73号", "人社部发〔2021〕73号"),
    ("人社部发［2021］73号", "人社部发〔2021〕73号"),
    ("人社部发 〔 2021 〕 73 号", "人社部发〔2021〕73号"),
    ("根据人社部发〔2021〕73号文件", "人社部发〔2021〕73号"),
    ("按照《关于开展工作的通知》（人社部发〔2021〕73号）要求", "人社部发〔2021〕73号"),
    ("现将闽人社发〔2024〕3号转发给你们", "闽人社发〔2024〕3号"),
    ("国办发〔2019〕１号", "国办发〔2019〕1号"),
    ("人社部发〔2021〕073号", "人社部发〔2021〕73号"),
])
def test_find_doc_number(text, expected):
    span = find_doc_number(text)
    assert span is not None and span.value == expected
    assert text[span.start:span.end] == span.text


@pytest.mark.parametrize("text", ["2025年7号", "第7号", "", "〔2025〕7号"])
def test_no_doc_number(text):
    assert find_doc_number(text) is None


def test_several_numbers():
    text = "根据人社部发〔2021〕73号和闽人社办〔2025〕7号文件"
    assert [s.value for s in find_doc_numbers(text)] == ["人社部发〔2021〕73号", "闽人社办〔2025〕7号"]


def test_normalize_doc_number():
    assert normalize_doc_number("人社部发[2021] 73 号") == "人社部发〔2021〕73号"
    assert normalize_doc_number("无") is None
