"""Cue detection on spaCy tokens: which attribute a sentence talks about, and
whether a phrase ends like a programme name.

The shared pipeline (``extractors.nlp.get_nlp``) segments with jieba and has every
cue phrase of the corpus in its dictionary, so a cue is one token (or a fixed run
of tokens) and is found with spaCy matchers built once from corpus data:

* a PhraseMatcher with the ``cues`` of corpus/attributes.yaml, one label per
  attribute;
* a Matcher with the attributes' ``cue_patterns``: token patterns for cues with a
  gap (年龄 … 不超过), written in spaCy's pattern language in the YAML;
* a PhraseMatcher with the programme suffixes of corpus/programs.yaml (研修班,
  培训项目, 讲堂 …), plus the domain terms of corpus/jieba_user.txt that end with
  one (高级研修项目 is one token, and still ends like a programme).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...config import corpus_file
from ..nlp import get_nlp, phrase_docs
from .resources import attributes, programs_data

SUFFIX = "PROGRAM_SUFFIX"
HEADING_SUFFIX = "PROGRAM_SUFFIX_HEADING_ONLY"


@dataclass(frozen=True)
class Cue:
    attribute: str
    start: int  # character offsets into the matched text
    end: int
    text: str


@lru_cache(maxsize=1)
def _attribute_matchers():
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = get_nlp()
    phrases = PhraseMatcher(nlp.vocab)
    tokens = Matcher(nlp.vocab)
    specs = list(attributes()["attributes"].items())
    docs = iter(phrase_docs([c for _, spec in specs for c in spec.get("cues") or []]))
    for name, spec in specs:
        cues = spec.get("cues") or []
        if cues:
            phrases.add(name, [next(docs) for _ in cues])
        for pattern in spec.get("cue_patterns") or []:
            tokens.add(name, [pattern])
    return phrases, tokens


def _dictionary_terms() -> list[str]:
    path = corpus_file("jieba_user.txt")
    if not path.exists():
        return []
    return [line.split()[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=1)
def _suffix_matcher():
    from spacy.matcher import PhraseMatcher

    nlp = get_nlp()
    data = programs_data()
    heading_only = set(data["heading_only_suffixes"])
    general = [s for s in data["suffixes"] if s not in heading_only]
    # A domain term that ends with a suffix (高级研修项目) is a single token: it ends
    # like a programme name in its own right.
    terms = _dictionary_terms()
    general_terms = [t for t in terms if any(t.endswith(s) and t != s for s in general)]
    heading_terms = [t for t in terms if t not in general_terms and any(t.endswith(s) and t != s for s in heading_only)]
    matcher = PhraseMatcher(nlp.vocab)
    general_phrases, heading_phrases = general + general_terms, list(heading_only) + heading_terms
    docs = phrase_docs(general_phrases + heading_phrases)
    matcher.add(SUFFIX, docs[: len(general_phrases)])
    matcher.add(HEADING_SUFFIX, docs[len(general_phrases):])
    return matcher


@lru_cache(maxsize=8192)
def _tokens(text: str):
    return get_nlp().make_doc(text)


def attribute_cues(text: str) -> tuple[Cue, ...]:
    """Every attribute cue in ``text``, as character spans (a sentence is tokenised once)."""
    doc = _tokens(text)
    phrases, tokens = _attribute_matchers()
    vocab = doc.vocab.strings
    out = []
    for match_id, start, end in list(phrases(doc)) + list(tokens(doc)):
        span = doc[start:end]
        out.append(Cue(vocab[match_id], span.start_char, span.end_char, span.text))
    return tuple(sorted(out, key=lambda c: (c.start, -c.end)))


def has_attribute_cue(text: str) -> bool:
    return bool(attribute_cues(text))


def ends_like_programme(name: str, heading: bool) -> bool:
    """Whether the last token(s) of ``name`` are a programme suffix (项目 and 计划 only in headings)."""
    doc = _tokens(name)
    if not len(doc):
        return False
    labels = {SUFFIX, HEADING_SUFFIX} if heading else {SUFFIX}
    strings = doc.vocab.strings
    if any(end == len(doc) and strings[match_id] in labels for match_id, _start, end in _suffix_matcher()(doc)):
        return True
    # A Chinese compound is headed on the right: a last token such as 重点项目 (a word of
    # jieba's own dictionary) ends like a programme when its head is a suffix.
    last = doc[-1].text
    return len(last) > 2 and any(last.endswith(s) for s in _suffixes(heading))


@lru_cache(maxsize=2)
def _suffixes(heading: bool) -> tuple[str, ...]:
    data = programs_data()
    return tuple(s for s in data["suffixes"] if heading or s not in data["heading_only_suffixes"])
