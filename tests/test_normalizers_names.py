import pytest

from shenbao.normalizers.names import name_similarity


@pytest.mark.parametrize("a,b,expected", [("", "培训", 0.0), ("培训", "", 0.0), ("研修项目", "研修项目", 100.0)])
def test_empty_and_equal(a, b, expected):
    assert name_similarity(a, b) == expected
    assert name_similarity(a, b, containment=True) == expected


def test_containment_scores_between_90_and_100():
    score = name_similarity("高级研修项目", "国家级高级研修项目", containment=True)
    assert 90.0 < score < 100.0
    assert score == pytest.approx(90.0 + 10.0 * 6 / 9 - 0.01)
    assert name_similarity("高级研修项目", "国家级高级研修项目") < 90.0  # without it: the edit ratio


def test_short_names_match_only_exactly():
    assert name_similarity("姓名", "姓 名".replace(" ", ""), min_len=4) == 100.0
    assert name_similarity("电话", "电邮", min_len=4) == 0.0
    assert name_similarity("电话", "电邮") == 50.0


def test_edit_ratio():
    assert name_similarity("专项技术短期培训班", "专项技术短期研修班") == pytest.approx(700 / 9)
