"""jieba's prefix table read shard by shard segments exactly as the whole table does."""

from __future__ import annotations

import jieba
import pytest

from shenbao.config import shared_dir
from shenbao.extractors import prefix_dict

TEXTS = ["申报单位须于2027年3月31日前报送申报材料，每期研修时间不少于5天。",
         "参训学员原则上不超过60人，年龄一般在50周岁以下，具有副高级以上专业技术职称。",
         "重点围绕集成电路、新型显示、人工智能、卫星互联网等方向开展高级研修。"]


@pytest.fixture(scope="module")
def full_table() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def sharded(cache, monkeypatch) -> jieba.Tokenizer:
    monkeypatch.setenv("SHENBAO_CACHE", str(cache))
    tokenizer = jieba.Tokenizer()
    prefix_dict.initialize(tokenizer, jieba)
    return tokenizer


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((shared_dir() / "seeds").glob("*.txt"))]


def test_cutting_with_shards_equals_cutting_with_the_whole_table(full_table, tmp_path, monkeypatch):
    lazy = sharded(tmp_path, monkeypatch)
    assert isinstance(lazy.FREQ, prefix_dict.ShardedPrefixDict) and lazy.total == full_table.total
    for text in TEXTS + seed_texts():
        assert list(lazy.cut(text)) == list(full_table.cut(text))
    # only the shards of characters seen were read, not the whole table
    assert 0 < len(lazy.FREQ) < len(full_table.FREQ) / 2


def test_words_added_before_and_after_their_shard_loads_are_kept(full_table, tmp_path, monkeypatch):
    lazy = sharded(tmp_path, monkeypatch)
    lazy.add_word("钙钛矿叠层电池", freq=3000)  # its shard is loaded first, then the word set
    assert lazy.FREQ["钙钛矿叠层电池"] == 3000 and lazy.FREQ.get("钙钛") == full_table.FREQ.get("钙钛")
    assert list(lazy.cut("钙钛矿叠层电池研修班")) == ["钙钛矿叠层电池", *full_table.lcut("研修班")]
    lazy.FREQ.load_all()
    assert len(lazy.FREQ) == len(full_table.FREQ) + sum(
        1 for i in range(1, len("钙钛矿叠层电池") + 1) if "钙钛矿叠层电池"[:i] not in full_table.FREQ)


def test_the_shard_file_is_built_once_and_reused(tmp_path, monkeypatch):
    sharded(tmp_path, monkeypatch)
    [built] = list(tmp_path.glob("jieba-prefix-*.bin"))
    stamp = built.stat().st_mtime_ns
    sharded(tmp_path, monkeypatch)
    assert [p.stat().st_mtime_ns for p in tmp_path.glob("jieba-prefix-*.bin")] == [stamp]


def test_an_unwritable_cache_falls_back_to_jiebas_own_loading(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    lazy = sharded(blocked / "cache", monkeypatch)
    assert lazy.initialized and type(lazy.FREQ) is dict and lazy.lcut("不少于5天")


def test_a_damaged_shard_file_is_rebuilt(full_table, tmp_path, monkeypatch):
    sharded(tmp_path, monkeypatch)
    [built] = list(tmp_path.glob("jieba-prefix-*.bin"))
    built.write_bytes(b"garbage")
    lazy = sharded(tmp_path, monkeypatch)
    assert isinstance(lazy.FREQ, prefix_dict.ShardedPrefixDict)
    assert list(lazy.cut(TEXTS[0])) == list(full_table.cut(TEXTS[0]))


def test_a_table_asked_about_most_characters_becomes_a_plain_dict(full_table, tmp_path, monkeypatch):
    lazy = sharded(tmp_path, monkeypatch)
    lazy.add_word("钙钛矿叠层电池", freq=3000)
    for first in list(lazy.FREQ._pending):  # as a long document or a bulk run would, in time
        if type(lazy.FREQ) is dict:
            break
        lazy.FREQ.get(first)
    assert type(lazy.FREQ) is dict and len(lazy.FREQ) >= len(full_table.FREQ)
    assert lazy.FREQ["钙钛矿叠层电池"] == 3000
    assert [list(lazy.cut(t)) for t in TEXTS] == [list(full_table.cut(t)) for t in TEXTS]


def test_words_added_once_are_replayed_from_the_cache_exactly(tmp_path, monkeypatch):
    from shenbao.config import corpus_file

    user_dict = str(corpus_file("jieba_user.txt"))

    def add(tokenizer):
        tokenizer.load_userdict(user_dict)
        tokenizer.add_word("钙钛矿叠层电池", freq=3000)
        return {"kept": 1}

    first = sharded(tmp_path, monkeypatch)
    assert prefix_dict.added_words(first, "test", lambda: add(first)) == {"kept": 1}
    assert list(tmp_path.glob("jieba-words-*.pickle"))
    again = sharded(tmp_path, monkeypatch)
    assert prefix_dict.added_words(again, "test", lambda: pytest.fail("added again")) == {"kept": 1}
    assert again.total == first.total and again.user_word_tag_tab == first.user_word_tag_tab
    for text in TEXTS + ["钙钛矿叠层电池研修班，研修时长不少于5天"]:
        assert list(again.cut(text)) == list(first.cut(text))
    again.FREQ.load_all()
    first.FREQ.load_all()
    assert dict(again.FREQ) == dict(first.FREQ)

    other = sharded(tmp_path, monkeypatch)  # another key: added, not replayed
    calls = []
    prefix_dict.added_words(other, "other", lambda: calls.append(1))
    assert calls == [1]
    for entry in tmp_path.glob("jieba-words-*.pickle"):
        entry.write_bytes(b"damaged")
    damaged = sharded(tmp_path, monkeypatch)
    assert prefix_dict.added_words(damaged, "test", lambda: add(damaged)) == {"kept": 1}
    assert list(damaged.cut(TEXTS[0])) == list(first.cut(TEXTS[0]))
