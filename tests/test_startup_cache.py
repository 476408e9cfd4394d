"""What start-up keeps in the user's cache (parsed corpus files, the topic index) gives exactly
the answers computed afresh, follows every edit of the corpus, and a damaged entry is rebuilt."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao import config
from shenbao.extractors.topics import Classifier, matcher

DATA = Path(__file__).resolve().parent / "data"


def proposals() -> list[tuple[str, str | None]]:
    rows = []
    for path in [DATA / "shared" / "samples" / "topics" / "dev.jsonl", *sorted(DATA.glob("topics_*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["title"], row.get("description")))
    return rows


@pytest.fixture
def fresh_process(monkeypatch, tmp_path):
    """The topic matcher's process-wide state as a new process has it, with its own cache folder;
    the state of this test run is put back after."""
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path / "cache"))

    def reset():
        monkeypatch.setattr(matcher, "_added_words", set())
        monkeypatch.setattr(matcher, "_base_words", {})
        monkeypatch.setattr(matcher, "_glossary_text_set", None)
        monkeypatch.setattr(matcher, "segmenter", functools.lru_cache(maxsize=1)(matcher.segmenter.__wrapped__))

    reset()
    return reset


def answers(classifier: Classifier, rows) -> list:
    out = []
    for title, description in rows:
        ranked = classifier.score(title, description)
        nearest = classifier.nearest(title, description) if not classifier.classify(title, description) else None
        out.append(([m.model_dump() for m in ranked], nearest and (nearest[0] and nearest[0].model_dump(), nearest[1])))
    return out


def test_the_cached_topic_index_classifies_exactly_as_the_built_one(fresh_process, tmp_path, monkeypatch):
    rows = proposals()
    assert len(rows) > 100
    built = Classifier()
    [entry] = list((tmp_path / "cache").glob("topic-index-*.pickle"))
    expected = answers(built, rows)
    cuts = [list(matcher.segmenter().cut(matcher.normalize(t), HMM=False)) for t, _ in rows]

    fresh_process()
    monkeypatch.setattr(Classifier, "_build_index", lambda self: pytest.fail("built instead of read"))
    cached = Classifier()
    assert answers(cached, rows) == expected
    assert [list(matcher.segmenter().cut(matcher.normalize(t), HMM=False)) for t, _ in rows] == cuts
    assert list((tmp_path / "cache").glob("topic-index-*.pickle")) == [entry]


def test_a_second_classifier_of_a_process_is_built_on_the_first_ones_words(fresh_process, monkeypatch):
    Classifier()
    calls = []
    original = Classifier._build_index
    monkeypatch.setattr(Classifier, "_build_index", lambda self: calls.append(1) or original(self))
    Classifier()
    assert calls == [1]


def test_a_damaged_topic_index_is_rebuilt(fresh_process, tmp_path):
    rows = proposals()[:30]
    expected = answers(Classifier(), rows)
    [entry] = list((tmp_path / "cache").glob("topic-index-*.pickle"))
    entry.write_bytes(entry.read_bytes()[:1000])
    fresh_process()
    assert answers(Classifier(), rows) == expected
    fresh_process()
    entry.write_bytes(b"\x80\x05not a pickle")
    assert answers(Classifier(), rows) == expected


def test_corpus_yaml_follows_an_edit_and_survives_a_damaged_entry(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(config.CORPUS_DIR, corpus, ignore=shutil.ignore_patterns("demo"))
    monkeypatch.setattr(config, "CORPUS_DIR", corpus)
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path / "cache"))
    read = config.corpus_yaml.__wrapped__  # as a new process would: no in-process memo
    original = read("topic_stopwords.yaml")
    assert read("topic_stopwords.yaml") == original
    [entry] = list((tmp_path / "cache" / "corpus").glob("topic_stopwords.yaml-*.pickle"))

    path = corpus / "topic_stopwords.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nadded_for_test: [一, 二]\n", encoding="utf-8")
    assert read("topic_stopwords.yaml")["added_for_test"] == ["一", "二"]
    [newer] = list((tmp_path / "cache" / "corpus").glob("topic_stopwords.yaml-*.pickle"))
    assert newer != entry  # the old entry is gone, the new one kept

    newer.write_bytes(b"damaged")
    assert read("topic_stopwords.yaml")["added_for_test"] == ["一", "二"]
    assert read("no_such_file.yaml") == {}


CLASSIFY = """
import sys
from pathlib import Path
import shenbao.config as config
config.CORPUS_DIR = Path(sys.argv[1])
from shenbao.cli import main
sys.argv = ["shenbao", "classify", sys.argv[2], "--json"]
main()
"""


def classify_with(corpus: Path, cache: Path, text: str) -> list:
    env = {**os.environ, "SHENBAO_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", CLASSIFY, str(corpus), text], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_classify_sees_an_edited_corpus_file_through_the_cache(tmp_path):
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    shutil.copytree(config.CORPUS_DIR, corpus, ignore=shutil.ignore_patterns("demo"))
    text = "蓝鲸星算平台应用高级研修班"
    assert classify_with(corpus, cache, text) == []
    assert classify_with(corpus, cache, text) == []  # now from the cache
    assert list(cache.glob("topic-index-*.pickle"))

    aliases = corpus / "topic_aliases.yaml"
    raw = aliases.read_text(encoding="utf-8")
    assert "人工智能:\n  strong: [" in raw
    aliases.write_text(raw.replace("人工智能:\n  strong: [", "人工智能:\n  strong: [蓝鲸星算, ", 1), encoding="utf-8")
    matches = classify_with(corpus, cache, text)
    assert matches and matches[0]["direction"] == "人工智能" and "蓝鲸星算" in matches[0]["matched_terms"]

    for entry in [*cache.glob("topic-index-*.pickle"), *cache.glob("corpus/*.pickle")]:
        entry.write_bytes(b"not a pickle")
    assert classify_with(corpus, cache, text) == matches


def test_phrase_docs_from_the_cache_are_the_tokenizers_own(tmp_path, monkeypatch):
    from shenbao.extractors.nlp import get_nlp, phrase_docs
    from shenbao.extractors.notice.resources import attributes, programs_data

    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path))
    nlp = get_nlp()
    phrases = [c for spec in attributes()["attributes"].values() for c in spec.get("cues") or []]
    phrases += list(programs_data()["suffixes"]) + ["不少于5天 的 研修", "原则上不超过60人"]
    expected = [[(t.text, t.whitespace_, t.like_num, t.is_stop) for t in nlp.make_doc(p)] for p in phrases]
    for _ in range(2):  # built, then read from the cache
        docs = phrase_docs(phrases)
        assert [[(t.text, t.whitespace_, t.like_num, t.is_stop) for t in d] for d in docs] == expected
        assert [d.text for d in docs] == phrases
    [entry] = list(tmp_path.glob("phrase-tokens-*.pickle"))
    entry.write_bytes(b"damaged")
    assert [d.text for d in phrase_docs(phrases)] == phrases
