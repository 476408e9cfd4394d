import pytest

from shenbao.normalizers.titles import meets_title, normalize_title, title_rank


@pytest.mark.parametrize("s,expected", [
    ("正高级", "正高级"), ("正高", "正高级"), ("教授", "正高级"), ("研究员", "正高级"), ("主任医师", "正高级"),
    ("正高级工程师", "正高级"), ("教授级高工", "正高级"), ("教授级高级工程师", "正高级"), ("研究馆员", "正高级"),
    ("编审", "正高级"), ("正高级会计师", "正高级"), ("正高级经济师", "正高级"),
    ("副高级", "副高级"), ("副高", "副高级"), ("高级", "副高级"), ("副教授", "副高级"), ("副研究员", "副高级"),
    ("高级工程师", "副高级"), ("副主任医师", "副高级"), ("高级会计师", "副高级"), ("高级实验师", "副高级"),
    ("高级讲师", "副高级"), ("副研究馆员", "副高级"), ("副编审", "副高级"), ("副高级及以上职称", "副高级"),
    ("高级职称", "副高级"), ("副 教 授", "副高级"),
    ("中级", "中级"), ("讲师", "中级"), ("助理研究员", "中级"), ("工程师", "中级"), ("主治医师", "中级"),
    ("会计师", "中级"), ("经济师", "中级"), ("实验师", "中级"), ("中级职称", "中级"), ("主管护师", "中级"),
    ("初级", "初级"), ("助理工程师", "初级"), ("研究实习员", "初级"), ("技术员", "初级"), ("助教", "初级"),
    ("助理会计师", "初级"), ("医师", "初级"), ("护士", "初级"),
])
def test_normalize_title(s, expected):
    assert normalize_title(s) == expected


@pytest.mark.parametrize("s", ["", None, "无", "博士", "处长"])
def test_normalize_title_unknown(s):
    assert normalize_title(s) is None


@pytest.mark.parametrize("s,rank", [("技术员", 1), ("讲师", 2), ("副教授", 3), ("教授", 4), ("博士", None)])
def test_title_rank(s, rank):
    assert title_rank(s) == rank


@pytest.mark.parametrize("actual,required,expected", [
    ("高级工程师", "副高级", True), ("讲师", "副高", False), ("教授", "副高级", True), ("副教授", "正高级", False),
    ("工程师", "中级", True), ("助理工程师", "中级", False), ("博士", "中级", None), ("教授", "", None),
])
def test_meets_title(actual, required, expected):
    assert meets_title(actual, required) is expected
