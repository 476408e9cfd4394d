import re

from shenbao.lazyre import LazyPattern, lazy_compile


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source = r"(?P<n>[\u4e00-\u9fff]{2})(\d+)"
    lazy, eager = lazy_compile(source, re.I), re.compile(source, re.I)
    assert isinstance(lazy, LazyPattern) and "search" not in lazy.__dict__  # nothing compiled yet
    text = "共有研修5班，学员40人"
    assert lazy.search(text).group("n") == eager.search(text).group("n") == "研修"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub("#", text) == eager.sub("#", text) and lazy.split(text) == eager.split(text)
    assert lazy.pattern == source and lazy.flags == eager.flags and lazy.groupindex == eager.groupindex
    assert lazy.compiled is eager and lazy.match(text) is None and lazy.match(text, 2).span() == (2, 5) and lazy.fullmatch("研修5")
    assert "lazy_compile" in repr(lazy)
