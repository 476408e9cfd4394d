"""Scoring a proposal (title + description) against a list of directions.

Evidence for a direction is a set of matched terms:
- ``name``: a literal form of the direction's name (革命老区 for 革命老区/民族地区/边疆地区);
- ``alias``: a term of corpus/topic_aliases.yaml linked to the name (strong or related);
- ``keyword``: a keyword a notice gives for a priority direction;
- ``word``: a word of the name itself (低空 of 低空经济), weighted by its inverse document
  frequency over corpus/topic_background.txt, so that a new item with no alias still matches;
- ``fuzzy``: a near match of the name (rapidfuzz ``partial_ratio``), e.g. 长三角区域一体化.

Terms are found as whole words: the text is segmented with jieba (domain user dictionary
plus every term, loaded once per process) and a match must not cut through a word. When
matches overlap the longer one wins (新能源汽车 hides 新能源), except that a direction's
name is hidden only by another name. A match lying inside a set phrase of
corpus/topic_stopwords.yaml (高质量发展) is ignored.

A direction's score combines its terms as independent pieces of evidence:
``1 - prod(1 - w)`` with ``w = base weight x field weight`` (title above description),
so it lies in [0, 1]. A proposal whose best score stays below ``threshold`` gets no
direction at all (out of scope, "none"). The threshold was calibrated with
``python -m shenbao.eval topics --calibrate`` (tuned on one half of the labelled
proposals, checked on the other half).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ...config import corpus_file
from ...models import DirectionSet, NearestDirection, TopicMatch
from .directions import (
    Direction,
    Term,
    aliases_for,
    builtin_direction_set,
    default_directions,
    rules_direction_set,
    stopword_data,
)
from .glossary import GlossaryWord, glossary_words, walk
from .segment import WordBoundaries

# Base weights of the kinds of evidence.
NAME_WEIGHT = 0.95
KEYWORD_WEIGHT = 0.85
STRONG_ALIAS_WEIGHT = 0.8
RELATED_ALIAS_WEIGHT = 0.35
# A term inherited from a broader entry that lists the direction's name (see directions.py):
# below a related alias, so a direction that owns the term outranks it.
NEIGHBOUR_WEIGHT = 0.3
# A word of the domain glossary under the node a direction names (corpus/glossary.yaml):
# between a related and a strong alias, so hand-written aliases still decide between two
# directions the glossary links alike. Each level between the node named and the word's own
# node takes GLOSSARY_STEP off, down to GLOSSARY_FLOOR: a direction naming a sub-industry
# outranks the broader direction naming its parent, and both still pass the threshold on one
# word of the title. A direction that only lies inside a node (水环境治理 inside 环境治理) gets
# its words at GLOSSARY_BROAD_WEIGHT: supporting evidence, not enough alone.
GLOSSARY_WEIGHT = 0.6
GLOSSARY_STEP = 0.02
GLOSSARY_FLOOR = 0.52
GLOSSARY_BROAD_WEIGHT = 0.42
WORD_WEIGHT = 0.6  # times the word's normalised IDF
FUZZY_WEIGHT = 0.55  # times (similarity)^2
FUZZY_CUTOFF = 75.0
# A word of a direction's name found only as the stem of a derived word of the text (数字 in
# 档案数字化) is weak evidence: the derived word is generic (any field goes 数字化).
PARTIAL_WORD_DAMPING = 0.5
DERIVATION_SUFFIXES = frozenset("化性式")
# A longer alias is more specific: each character above two adds this much (capped).
LENGTH_BONUS = 0.03
LENGTH_BONUS_CAP = 0.12

TITLE_FIELD_WEIGHT = 1.0
DESCRIPTION_FIELD_WEIGHT = 0.6

# Calibrated (see module docstring): below THRESHOLD the answer is "none". Top-1 accuracy is flat
# from 0.40 to 0.75 on the labelled samples; tuning on either half gives 0.50-0.52.
THRESHOLD = 0.5
# A broader direction gets this share of its best sub-direction's score (it is listed beside it).
INHERIT_FACTOR = 0.9
# Further directions are listed when they reach this score (and the first one passed).
SECONDARY_MIN = 0.2
# A title naming a job function outside every direction (公文写作, 销售技巧; topic_stopwords.yaml
# ``off_scope_cues``) scales every piece of evidence by this: one name alone (0.95) then stays
# below THRESHOLD, several strong terms still pass.
OFF_SCOPE_DAMPING = 0.4
# A match followed by a framing word (大数据时代) is context, not the topic.
FRAMING_DAMPING = 0.4

_CLAUSE_SPLIT = re.compile(r"[，。；;！？!?\n]")
# Full-width ASCII → half-width, one character for one so offsets stay valid.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize(text: str) -> str:
    """Case- and width-folded text with the SAME length as the input."""
    return text.translate(_WIDTH).lower()


# --------------------------------------------------------------------------- jieba, once per process


@lru_cache(maxsize=1)
def segmenter():
    """A jieba tokenizer of our own (the user dictionary loaded once, initialised once).

    Kept apart from the global jieba instance: classification adds its terms as words,
    which must not change how other stages segment text.
    """
    from ..nlp import private_tokenizer

    return private_tokenizer()


_added_words: set[str] = set()
_base_words: dict[str, bool] = {}


_glossary_text_set: frozenset[str] | None = None


def _glossary_texts() -> frozenset[str]:
    global _glossary_text_set
    if _glossary_text_set is None:
        _glossary_text_set = frozenset(normalize(t) for node in walk() for t in (*node.names, *node.terms))
    return _glossary_text_set


def is_glossary_text(word: str) -> bool:
    """A name or word of the domain glossary (人工智能, 数据要素)."""
    return word in _glossary_texts()


def is_dictionary_word(word: str) -> bool:
    """A word of jieba's own or the user dictionary (not one of the terms we added)."""
    if word not in _base_words:
        _base_words[word] = segmenter().FREQ.get(word, 0) > 0 and word not in _added_words
    return _base_words[word]


def add_terms_to_segmenter(terms: Iterable[str]) -> tuple[dict[str, int], int]:
    """Make every term a word of the segmenter; returns the table entries this set (the words and
    their new prefixes, with their final values) and what it added to the table's total."""
    tokenizer = segmenter()
    total_before = tokenizer.total
    changed: list[str] = []
    for term in terms:
        if term in _added_words or len(term) < 2 or not re.search(r"[\u4e00-\u9fff]", term):
            continue
        is_dictionary_word(term)  # remember whether it was a dictionary word before
        _added_words.add(term)
        if tokenizer.FREQ.get(term, 0) <= 0:
            changed += [term[:k] for k in range(1, len(term)) if term[:k] not in tokenizer.FREQ]
            changed.append(term)
            tokenizer.add_word(term, freq=max(tokenizer.suggest_freq(term, False), 5))
    return {key: tokenizer.FREQ[key] for key in changed}, tokenizer.total - total_before


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(str(w) for w in stopword_data().get("words") or [])


@lru_cache(maxsize=1)
def stop_phrases() -> tuple[str, ...]:
    return tuple(normalize(str(p)) for p in stopword_data().get("phrases") or [])


@lru_cache(maxsize=1)
def off_scope_cues() -> tuple[str, ...]:
    return tuple(normalize(str(w)) for w in stopword_data().get("off_scope_cues") or [])


@lru_cache(maxsize=1)
def framing_suffixes() -> tuple[str, ...]:
    return tuple(normalize(str(w)) for w in stopword_data().get("framing_suffixes") or [])


@lru_cache(maxsize=1)
def umbrella_names() -> tuple[str, ...]:
    return tuple(normalize(str(w)) for w in stopword_data().get("umbrella_directions") or [])


def is_umbrella(name: str) -> bool:
    """A direction that names a group of people or a broad policy rather than a field."""
    norm = normalize(name)
    return any(u in norm for u in umbrella_names())


@lru_cache(maxsize=1)
def _off_scope_pattern() -> re.Pattern | None:
    """Every off-scope cue in one pattern: a title is searched once, not once per cue."""
    cues = sorted(off_scope_cues(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cues))) if cues else None


def evidence_factor(title: str) -> float:
    """Below 1 when the title names a job function that belongs to no direction."""
    pattern = _off_scope_pattern()
    return OFF_SCOPE_DAMPING if pattern is not None and pattern.search(normalize(title)) else 1.0


@lru_cache(maxsize=1)
def background_titles() -> tuple[str, ...]:
    lines = corpus_file("topic_background.txt").read_text(encoding="utf-8").splitlines()
    return tuple(normalize(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=4096)
def idf_norm(word: str) -> float:
    """Inverse document frequency of a word over the background titles, scaled to [0, 1]."""
    titles = background_titles()
    df = sum(1 for t in titles if word in t)
    return math.log((len(titles) + 1) / (df + 1)) / math.log(len(titles) + 1)


# --------------------------------------------------------------------------- index


@dataclass(slots=True)
class Hit:
    direction: int
    term: Term
    field: str  # title | description
    start: int
    end: int
    weight: float


def alias_weight(base: float, term: str) -> float:
    return min(0.99, base + min(LENGTH_BONUS_CAP, LENGTH_BONUS * max(0, len(term) - 2)))


def glossary_weight(word: GlossaryWord) -> float:
    if not word.exact:
        return GLOSSARY_BROAD_WEIGHT
    base = max(GLOSSARY_FLOOR, GLOSSARY_WEIGHT - GLOSSARY_STEP * word.distance)
    return alias_weight(base, word.text)


def name_words(direction: Direction, all_surfaces: set[str]) -> list[str]:
    """Words inside the name, generic words, set phrases and other names left out: dictionary
    words (低空 of 低空经济) and the pieces left between generic words (托育 of 托育服务,
    文旅 of 文旅融合), which a new coinage often is."""
    candidates: list[str] = []
    for part in direction.surfaces:
        for size in range(len(part) - 1, 1, -1):
            for i in range(len(part) - size + 1):
                word = part[i : i + size]
                if is_dictionary_word(word):
                    candidates.append(word)
        candidates.extend(pieces_between_stopwords(part))
    phrases = set(stop_phrases())
    words: list[str] = []
    for word in candidates:
        if (word not in words and word not in stopwords() and word not in phrases
                and word not in all_surfaces and word not in direction.surfaces):
            words.append(word)
    return words


def pieces_between_stopwords(name: str) -> list[str]:
    """The name with its generic words cut out: 托育服务 → [托育]; a name without generic words
    gives nothing (it is its own surface already)."""
    generic = sorted((w for w in stopwords() if len(w) >= 2 and w in name), key=len, reverse=True)
    if not generic:
        return []
    pattern = re.compile("|".join(re.escape(w) for w in generic))
    return [piece for piece in pattern.split(name) if len(piece) >= 2 and piece != name]


def build_terms(direction: Direction, all_surfaces: set[str], keywords: Iterable[str] = ()) -> list[Term]:
    terms: dict[str, Term] = {}

    def put(text: str, weight: float, kind: str, path: tuple[str, ...] = (), inherited: bool = False) -> None:
        text = normalize(text.strip())
        if text and (text not in terms or terms[text].weight < weight):
            terms[text] = Term(text, round(weight, 4), kind, path, inherited)

    entry = aliases_for(direction.name)
    # The glossary knows every direction by the public classification it comes from; the
    # hand-written aliases below are an optional layer over it (a strong alias outweighs it).
    for word in glossary_words(direction.name):
        put(word.text, glossary_weight(word), "glossary", word.path, word.distance > 0)
    for term in entry.get("neighbour") or []:
        put(term, NEIGHBOUR_WEIGHT, "alias")
    for term in entry["related"]:
        put(term, alias_weight(RELATED_ALIAS_WEIGHT, term), "alias")
    for term in entry["strong"]:
        put(term, alias_weight(STRONG_ALIAS_WEIGHT, term), "alias")
    for word in name_words(direction, all_surfaces):
        if normalize(word) not in terms:
            put(word, WORD_WEIGHT * idf_norm(normalize(word)), "word")
    for keyword in keywords:
        put(keyword, KEYWORD_WEIGHT, "keyword")
    for surface in direction.surfaces:
        put(surface, NAME_WEIGHT, "name")
    return list(terms.values())


def sub_directions(directions: list[Direction]) -> dict[int, list[int]]:
    """For each direction, the directions its glossary node holds below it (区域协调发展 holds
    京津冀协同发展): a name of the narrower one is an inherited glossary word of the broader."""
    terms = [{t.text: t for t in d.terms} for d in directions]
    out: dict[int, list[int]] = {}
    for a in range(len(directions)):
        for b, other in enumerate(directions):
            if a == b:
                continue
            held = [terms[a].get(normalize(s)) for s in other.surfaces]
            if any(t is not None and t.kind == "glossary" and t.inherited for t in held):
                out.setdefault(a, []).append(b)
    # Two directions holding each other are synonyms, not broader and narrower.
    return {a: [b for b in subs if a not in out.get(b, [])] for a, subs in out.items()}


# --------------------------------------------------------------------------- the index, kept between runs

INDEX_FORMAT = "shenbao-topic-index-2"
INDEX_PREFIX = "topic-index-"
# What the index is computed from besides the directions and the corpus files.
INDEX_CODE = ("extractors/topics/matcher.py", "extractors/topics/directions.py", "extractors/topics/glossary.py",
              "extractors/nlp.py", "extractors/prefix_dict.py")
# Index entries kept in the cache folder, the most recently written ones.
INDEX_KEEP = 8


def _index_key(directions: list[Direction]) -> str | None:
    """A digest of everything the index is computed from: the directions, every corpus file, the
    code, jieba's version and dictionary. None when the corpus cannot be read (then no cache)."""
    from ... import cache
    from ...config import CORPUS_DIR
    from ..nlp import import_jieba

    jieba = import_jieba()

    try:
        corpus = [(p.name, p.read_bytes()) for p in sorted(CORPUS_DIR.iterdir()) if p.is_file()
                  and p.suffix in (".yaml", ".txt", ".json")]
        dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
        stat = dictionary.stat()
    except OSError:
        return None
    parts = [INDEX_FORMAT, cache.code_stamp(*INDEX_CODE), getattr(jieba, "__version__", ""),
             f"{dictionary}|{stat.st_size}|{stat.st_mtime_ns}"]
    for name, raw in corpus:
        parts += [name, raw]
    parts.append(repr([(d.category, d.name, d.program, tuple(d.surfaces)) for d in directions]))
    return cache.digest(*parts)


def _index_path(key: str):
    from ... import cache

    return cache.folder() / f"{INDEX_PREFIX}{key}.pickle"


# --------------------------------------------------------------------------- classifier


class Classifier:
    """Maps proposals onto directions. Build once, classify many (the index is reused)."""

    def __init__(self, directions: list[Direction] | None = None, *, threshold: float = THRESHOLD,
                 secondary_min: float = SECONDARY_MIN, taxonomy: DirectionSet | None = None) -> None:
        self.directions = directions if directions is not None else default_directions()
        # Every result says which list answered: a user who gave no notice must not take the
        # built-in list's answer for the notice's.
        self.taxonomy = taxonomy or (builtin_direction_set() if directions is None
                                     else rules_direction_set(self.directions))
        self.threshold = threshold
        self.secondary_min = secondary_min
        # The index depends only on the directions, the corpus and the code: the first classifier
        # of a process (the segmenter still untouched) is read from the user's cache when one was
        # built before; later ones are built here, on the words the earlier ones added.
        pristine = not _added_words
        key = _index_key(self.directions) if pristine else None
        if key is None or not self._load_index(key):
            added = self._build_index()
            if key is not None:
                self._store_index(key, added)
        self.boundaries = WordBoundaries(segmenter())  # reads the segmenter as the index left it

    def _build_index(self) -> tuple[dict[str, int], int]:
        all_surfaces = {s for d in self.directions for s in d.surfaces}
        for direction in self.directions:
            direction.terms = build_terms(direction, all_surfaces)
        # term text → [(direction index, term)]
        self.index: dict[str, list[tuple[int, Term]]] = {}
        for i, direction in enumerate(self.directions):
            for term in direction.terms:
                self.index.setdefault(term.text, []).append((i, term))
        # Every beginning of a term, true when it is a whole term: the scan from a position of the
        # text stops at the first piece that no term begins with, instead of trying every length.
        self.prefixes: dict[str, bool] = {text[:k]: False for text in self.index for k in range(1, len(text))}
        self.prefixes.update(dict.fromkeys(self.index, True))
        # Whether a term is a direction's name, and whether it hides the matches inside it
        # (see _longest_wins): decided once per term, not per match.
        self.span_kinds = {text: (_is_name(entries), _is_decisive(entries)) for text, entries in self.index.items()}
        # Terms lying inside a set phrase (高质量发展): only a text holding one is searched for them.
        self.maskable = frozenset(t for t in self.index if any(t in p and t != p for p in stop_phrases()))
        self.fuzzy_surfaces = [(i, normalize(s)) for i, d in enumerate(self.directions)
                               for s in d.surfaces if len(s) >= 4]
        self.fuzzy_bigrams = [frozenset(b for b in bigrams(s) if b not in stopwords()) for _, s in self.fuzzy_surfaces]
        # content bigram → the names holding it, so a text meets only the names it shares them with
        self.fuzzy_by_bigram: dict[str, list[int]] = {}
        for j, content in enumerate(self.fuzzy_bigrams):
            for gram in content:
                self.fuzzy_by_bigram.setdefault(gram, []).append(j)
        self.fuzzy_grams = frozenset(self.fuzzy_by_bigram)
        added = add_terms_to_segmenter(self.index)
        self.umbrella = [is_umbrella(d.name) for d in self.directions]
        self.sub_directions = sub_directions(self.directions)
        self.broader: dict[int, list[int]] = {}  # the inverse: direction → the broader ones holding it
        for broad, subs in self.sub_directions.items():
            for sub in subs:
                self.broader.setdefault(sub, []).append(broad)
        self.glossary_texts = [frozenset(normalize(w.text) for w in glossary_words(d.name)) for d in self.directions]
        return added

    _INDEX_FIELDS = ("index", "prefixes", "span_kinds", "maskable", "fuzzy_surfaces", "fuzzy_bigrams",
                     "fuzzy_by_bigram", "fuzzy_grams", "umbrella", "sub_directions", "broader", "glossary_texts")

    def _store_index(self, key: str, added: tuple[dict[str, int], int]) -> None:
        from ... import cache

        entry = {name: getattr(self, name) for name in self._INDEX_FIELDS}
        entry.update(format=INDEX_FORMAT, terms=[d.terms for d in self.directions], segmenter=added,
                     added_words=set(_added_words), base_words=dict(_base_words),
                     glossary_all=_glossary_texts())
        # a few indexes are kept (the default directions', those of the notices in use)
        cache.store(_index_path(key), entry, stale=f"{INDEX_PREFIX}*.pickle", keep=INDEX_KEEP)

    def _load_index(self, key: str) -> bool:
        """The index built before for the same directions, corpus and code; False when there is
        none or it cannot be read (it is then built, and the entry rewritten)."""
        global _glossary_text_set
        from ... import cache
        from ..prefix_dict import set_entries

        entry = cache.load(_index_path(key))
        try:
            if not isinstance(entry, dict) or entry.get("format") != INDEX_FORMAT:
                return False
            terms = entry["terms"]
            values = {name: entry[name] for name in self._INDEX_FIELDS}
            freq_entries, total_delta = entry["segmenter"]
            added_words, base_words, glossary_all = entry["added_words"], entry["base_words"], entry["glossary_all"]
            if len(terms) != len(self.directions) or not isinstance(freq_entries, dict):
                return False
        except (KeyError, TypeError, ValueError):
            return False
        for direction, own in zip(self.directions, terms, strict=True):
            direction.terms = own
        for name, value in values.items():
            setattr(self, name, value)
        set_entries(segmenter(), freq_entries, total_delta)
        _added_words.update(added_words)
        _base_words.update(base_words)
        if _glossary_text_set is None:
            _glossary_text_set = glossary_all
        return True

    @classmethod
    def from_rules(cls, path, **kwargs) -> Classifier:
        from .directions import load_rules_directions

        directions = load_rules_directions(path)
        kwargs.setdefault("taxonomy", rules_direction_set(directions, path))
        return cls(directions, **kwargs)

    # ------------------------------------------------------------------ public

    def classify(self, title: str, description: str | None = None, top: int = 3) -> list[TopicMatch]:
        """The best directions (at most ``top``); an empty list when none passes the threshold."""
        return self._top(self._evaluate(title, description), top)

    def nearest(self, title: str, description: str | None = None) -> tuple[NearestDirection | None, str]:
        """For a proposal in no direction: the best direction below the threshold and, in Chinese,
        why it was rejected (or why nothing came near)."""
        return self._nearest(self._evaluate(title, description))

    def classify_or_explain(self, title: str, description: str | None = None, top: int = 3
                            ) -> tuple[list[TopicMatch], NearestDirection | None, str | None]:
        """``classify`` and, when nothing passes, ``nearest``, from one reading of the proposal:
        (matches, nearest direction, reason the proposal is in no direction)."""
        evaluation = self._evaluate(title, description)
        matches = self._top(evaluation, top)
        if matches:
            return matches, None, None
        nearest, reason = self._nearest(evaluation)
        return [], nearest, reason

    def score(self, title: str, description: str | None = None) -> list[TopicMatch]:
        """Every direction with some evidence, best first (no threshold applied)."""
        evaluation = self._evaluate(title, description)
        return [self._match(candidate, evaluation.fields) for candidate in evaluation.ranked]

    # ------------------------------------------------------------------ one proposal

    def _evaluate(self, title: str, description: str | None) -> _Evaluation:
        fields = {"title": title or "", "description": description or ""}
        factor = evidence_factor(fields["title"])
        hits: list[Hit] = []
        for field_name, text in fields.items():
            if text.strip():
                hits.extend(self._field_hits(field_name, text, factor))
        return _Evaluation(fields, factor, hits, self._rank(hits))

    def _top(self, evaluation: _Evaluation, top: int) -> list[TopicMatch]:
        ranked = evaluation.ranked
        if not ranked or ranked[0].shown_score < self.threshold:
            return []
        # Models only for what is shown: most proposals have evidence for many directions.
        return [self._match(c, evaluation.fields) for c in ranked[: max(1, top)]
                if c is ranked[0] or c.shown_score >= self.secondary_min]

    def _nearest(self, evaluation: _Evaluation) -> tuple[NearestDirection | None, str]:
        if not evaluation.ranked:
            return None, "选题与说明中没有任何方向名称、关键词或术语表中的领域词，不属于所列重点方向"
        best = self._match(evaluation.ranked[0], evaluation.fields)
        # The weaknesses are judged on the evidence at full weight (the hits already are, unless
        # the title named a job function outside every direction).
        hits = evaluation.hits if evaluation.factor == 1.0 else None
        fields = evaluation.fields
        reason = f"最接近的方向为“{best.direction}”，得分 {best.score:.2f} 低于判定阈值 {self.threshold:.2f}：" + \
            "；".join(self._weaknesses(best, fields["title"], fields["description"], hits))
        return NearestDirection(category=best.category, direction=best.direction, score=best.score,
                                matched_terms=best.matched_terms, program=best.program,
                                glossary_path=best.glossary_path, reason=reason), reason

    def _weaknesses(self, match: TopicMatch, title: str, description: str | None,
                    all_hits: list[Hit] | None = None) -> list[str]:
        """What made the evidence of the nearest direction too weak, as a reviewer would say it."""
        index = next(i for i, d in enumerate(self.directions)
                     if (d.category, d.name, d.program) == (match.category, match.direction, match.program))
        if all_hits is None:
            all_hits = [h for field_name, text in (("title", title or ""), ("description", description or ""))
                        if text.strip() for h in self._field_hits(field_name, text)]
        hits = [h for h in all_hits if h.direction == index]
        out = []
        if evidence_factor(title or "") < 1.0:
            out.append("题目所述为各方向之外的通用职能或技能，依据降权")
        if hits and all(h.field == "description" for h in hits):
            out.append("依据词只出现在说明中，题目未涉及该方向")
        if hits and all(h.term.kind in ("word", "fuzzy") for h in hits):
            out.append("只有方向名称中的单个词或近似写法，术语表中无该领域的依据")
        elif hits and all(h.term.kind == "glossary" and h.weight < GLOSSARY_FLOOR for h in hits):
            out.append("依据词属于该方向所在的更宽领域，不足以认定为该方向")
        return out or ["依据不足"]

    # ------------------------------------------------------------------ matching

    def _field_hits(self, field_name: str, text: str, scope_factor: float = 1.0) -> list[Hit]:
        norm = normalize(text)
        factor = (TITLE_FIELD_WEIGHT if field_name == "title" else DESCRIPTION_FIELD_WEIGHT) * scope_factor
        hits = []
        for s, e, entries, whole in self._term_spans(norm):
            framing = framing_factor(norm, e)
            for i, term in entries:
                damping = 1.0 if whole or term.kind != "word" else PARTIAL_WORD_DAMPING
                hits.append(Hit(i, term, field_name, s, e, term.weight * factor * framing * damping))
        named = {h.direction for h in hits if h.term.kind == "name"}
        hits.extend(self._fuzzy_hits(field_name, norm, factor, named))
        return hits

    def _candidates(self, norm: str) -> list[tuple[int, int, str]]:
        """Every piece of the text that is a term: by start, the longer first at one start."""
        get = self.prefixes.get
        n = len(norm)
        found: list[tuple[int, int, str]] = []
        for start in range(n):
            first, end = -1, start + 1
            while end <= n:
                piece = norm[start:end]
                is_term = get(piece)
                if is_term is None:
                    break
                if is_term:  # a longer term at this start goes before the shorter ones
                    if first < 0:
                        first = len(found)
                    found.insert(first, (start, end, piece))
                end += 1
        return found

    def _term_spans(self, norm: str) -> list[tuple[int, int, list[tuple[int, Term]], bool]]:
        candidates = self._candidates(norm)
        if not candidates:
            return []
        # Words are cut only in the stretches of text where a term was found.
        marks = self.boundaries.of(norm, candidates)
        maskable = self.maskable
        masked = self._masked_spans(norm) if any(c[2] in maskable for c in candidates) else ()
        found: list[tuple[int, int, str, bool]] = []
        for start, end, text in candidates:
            if not _whole_word(start, end, marks):
                continue
            if any(ms <= start and end <= me and text != norm[ms:me] for ms, me in masked):
                continue
            whole = not (_derived(norm, start, end, marks) or _inside_compound(norm, start, end, marks))
            found.append((start, end, text, whole))
        return [(s, e, self.index[text], whole) for s, e, text, whole in self._longest_wins(found)]

    @staticmethod
    def _masked_spans(norm: str) -> list[tuple[int, int]]:
        spans = []
        for phrase in stop_phrases():
            start = norm.find(phrase)
            while start >= 0:
                spans.append((start, start + len(phrase)))
                start = norm.find(phrase, start + 1)
        return spans

    def _longest_wins(self, found):
        """Drop a match lying inside a longer, decisive one (a name or strong alias): 长江三角洲
        hides 长江. A name is hidden only by a longer name (新能源汽车 hides 新能源)."""
        kinds = self.span_kinds
        kept = []
        # The matches come by start, the longer first at one start: only an earlier one can hold
        # a later one.
        reach = -1  # the furthest end of the earlier matches: none reaching this one's end holds it
        for k, (s, e, text, whole) in enumerate(found):
            hidden = False
            if reach >= e:
                name = kinds[text][0]
                for s2, e2, text2, _ in found[:k]:
                    if s2 <= s and e <= e2 and (e2 - s2) > (e - s):
                        name2, decisive2 = kinds[text2]
                        if decisive2 and (not name or name2):
                            hidden = True
                            break
            reach = max(reach, e)
            if not hidden:
                kept.append((s, e, text, whole))
        return kept

    def _fuzzy_hits(self, field_name: str, norm: str, factor: float, named: set[int]) -> list[Hit]:
        if len(norm) < 2:
            return []
        # A near match must share two content bigrams with the name (_shares_content); a name that
        # shares fewer with the whole text cannot, and is not aligned at all (the costly part).
        shared: dict[int, int] = {}
        for gram in bigrams(norm) & self.fuzzy_grams:
            for j in self.fuzzy_by_bigram[gram]:
                shared[j] = shared.get(j, 0) + 1
        hits = []
        for j in sorted(j for j, count in shared.items() if count >= 2):
            i, surface = self.fuzzy_surfaces[j]
            if i in named:
                continue
            aligned = fuzz.partial_ratio_alignment(surface, norm, score_cutoff=FUZZY_CUTOFF)
            if aligned is None or aligned.score >= 100:
                continue
            start, end = aligned.dest_start, aligned.dest_end
            if not self._shares_content(surface, norm[start:end]):
                continue
            weight = FUZZY_WEIGHT * (aligned.score / 100) ** 2
            hits.append(Hit(i, Term(norm[start:end], weight, "fuzzy"), field_name, start, end, weight * factor))
        return hits

    @staticmethod
    def _shares_content(surface: str, matched: str) -> bool:
        """A near match must share at least two non-generic two-character pieces with the name."""
        common = [b for b in bigrams(surface) & bigrams(matched) if b not in stopwords()]
        return len(common) >= 2

    # ------------------------------------------------------------------ scores

    def _rank(self, hits: list[Hit]) -> list[_Candidate]:
        """Every direction with evidence, best first, without building its result model yet."""
        by_direction: dict[int, dict[str, Hit]] = {}
        for hit in hits:
            best = by_direction.setdefault(hit.direction, {})
            current = best.get(hit.term.text)
            if current is None or hit.weight > current.weight:
                best[hit.term.text] = hit
        ordered = {i: one_per_node(sorted(terms.values(), key=lambda h: (-h.weight, h.field != "title", h.start)))
                   for i, terms in by_direction.items()}
        scores = {i: combined(hs) for i, hs in ordered.items()}
        scores, sources = self._inherit(scores, ordered)
        candidates = [_Candidate(i, score, ordered.get(i) or ordered[sources[i]], sources.get(i))
                      for i, score in scores.items()]
        # An umbrella direction (民营企业, 数字人才培养) yields to any specific one that passes
        # on its own: a proposal for private-firm engineers on machine vision is about machine vision.
        candidates.sort(key=lambda c: (c.score >= self.threshold and not self.umbrella[c.direction], c.score,
                                       -c.direction), reverse=True)
        return candidates

    def _inherit(self, scores: dict[int, float], ordered: dict[int, list[Hit]]):
        """A broader direction (one whose glossary node holds another direction's node) inherits
        the evidence of its sub-directions, so it is listed next to them (top-k). Known only
        through words below its node, it ranks just under the sub-direction that owns them."""
        sources: dict[int, int] = {}
        out = dict(scores)
        # Only a broader direction with a scored sub-direction can inherit anything.
        broads = {b for i in scores for b in self.broader.get(i, ())}
        for broad in sorted(broads):
            subs = self.sub_directions[broad]
            best_score, best_sub = max(((scores.get(b, 0.0), b) for b in subs), default=(0.0, -1))
            if best_score < self.threshold:
                continue
            own = scores.get(broad, 0.0)
            inherited = max(own, round(best_score * INHERIT_FACTOR, 4))
            if self._only_through(ordered.get(broad, []), best_sub, best_score):
                inherited = min(inherited, round(best_score - 0.0001, 4))
            if inherited != own:
                out[broad] = inherited
                if broad not in ordered:
                    sources[broad] = best_sub
        return out, sources

    def _only_through(self, hits: list[Hit], sub: int, sub_score: float) -> bool:
        """Without the words it inherits from below its node that the sub-direction holds too
        (雄安新区 under 京津冀协同发展 under 区域协调发展), the broader direction's evidence stays
        below the sub-direction's."""
        held = self.glossary_texts[sub]
        return combined([h for h in hits if not (h.term.inherited and h.term.text in held)]) < sub_score

    def _match(self, candidate: _Candidate, fields: dict[str, str]) -> TopicMatch:
        i, score, ordered, source = candidate.direction, candidate.score, candidate.hits, candidate.source
        direction = self.directions[i]
        lead = ordered[0]
        path = next((list(h.term.path) for h in ordered if h.term.path), [])
        if source is not None and not path:  # known only through a sub-direction's own words
            path = [self.directions[source].name]
        return TopicMatch(
            category=direction.category,
            direction=direction.name,
            score=min(1.0, max(0.0, score)),
            matched_terms=list(dict.fromkeys(fields[h.field][h.start:h.end] for h in ordered)),
            evidence=snippet(fields[lead.field], lead.start, lead.end, lead.field),
            program=direction.program,
            glossary_path=path,
            taxonomy=self.taxonomy,
        )


@dataclass(slots=True)
class _Candidate:
    """A direction with evidence for a proposal, before its TopicMatch is built."""

    direction: int
    score: float
    hits: list[Hit]  # its own evidence best first, or its sub-direction's when it has none
    source: int | None  # the sub-direction it inherits from, when it has no evidence of its own

    @property
    def shown_score(self) -> float:
        """The score as the TopicMatch carries it."""
        return min(1.0, max(0.0, self.score))


@dataclass(slots=True)
class _Evaluation:
    """One reading of a proposal: its fields, the off-scope factor, the hits and the ranking."""

    fields: dict[str, str]
    factor: float
    hits: list[Hit]
    ranked: list[_Candidate]


def _is_name(entries: list[tuple[int, Term]]) -> bool:
    return any(t.kind == "name" for _, t in entries)


def _is_decisive(entries: list[tuple[int, Term]]) -> bool:
    """A term that hides the matches inside it: a name, keyword or word, or a strong alias or
    glossary word."""
    return any(t.weight >= (GLOSSARY_FLOOR if t.kind == "glossary" else STRONG_ALIAS_WEIGHT)
               if t.kind in ("alias", "glossary") else True for _, t in entries)


# --------------------------------------------------------------------------- word boundaries
# ``marks[p]``: a word of the text starts or ends at position p (segment.WordBoundaries).


def _same_word(marks: list[bool], first: int, last: int) -> bool:
    """Positions first..last of the text lie in one word."""
    return True not in marks[first + 1 : last + 1]


def _whole_word(start: int, end: int, marks: list[bool]) -> bool:
    """A match covers whole words or lies inside one word (储能 in 储能电站); it must not cut
    through a word (储能 in 存储|能力, 通信网络 in 量子通信|网络). A single character must be a
    word of its own."""
    if marks[start] and marks[end]:
        return True
    return end - start > 1 and _same_word(marks, start, end - 1)


def _derived(norm: str, start: int, end: int, marks: list[bool]) -> bool:
    """The match is the stem of a derived word of the text (数字 in 数字化, 智能 in 智能化)."""
    # Judged on the dictionary, not on the segmentation, which the terms of other classifiers
    # built in this process may have changed (数字化管理 added as one word).
    return (end < len(norm) and norm[end] in DERIVATION_SUFFIXES and _same_word(marks, start, end)
            and is_dictionary_word(norm[start : end + 1]))


def _inside_compound(norm: str, start: int, end: int, marks: list[bool]) -> bool:
    """The match is the head or the generic tail of a longer dictionary word of the text that
    names another thing (工业 of 工业母机 inside 工业互联网; 智能 of 智能电网 inside 人工智能,
    whose decisive head is 人工): a word of a name found there is weak evidence."""
    if not _same_word(marks, start, end - 1) or (marks[start] and marks[end]):
        return False
    token_start, token_end = start, end
    while not marks[token_start]:
        token_start -= 1
    while not marks[token_end]:
        token_end += 1
    if start != token_start and end != token_end:
        return False  # inside the word, neither its head nor its tail (储能 in 新型储能电站)
    word = norm[token_start:token_end]
    if start == token_start:
        return is_dictionary_word(word)
    # A tail is what a compound is about (盐湖 of 察尔汗盐湖), unless the compound is a field
    # of its own in the glossary (人工智能 is not a kind of 智能电网's 智能).
    return is_glossary_text(word)


def bigrams(text: str) -> set[str]:
    return {text[k : k + 2] for k in range(len(text) - 1)}


def one_per_node(hits: list[Hit]) -> list[Hit]:
    """Words a direction inherits from one node below its own are one piece of evidence, not
    several: only the strongest of them counts (the hits come best first)."""
    seen: set[tuple[str, ...]] = set()
    kept = []
    for hit in hits:
        if hit.term.inherited:
            if hit.term.path in seen:
                continue
            seen.add(hit.term.path)
        kept.append(hit)
    return kept


def combined(hits: list[Hit]) -> float:
    """Independent pieces of evidence: 1 - prod(1 - w)."""
    miss = 1.0
    for hit in hits:
        miss *= 1.0 - hit.weight
    return round(1.0 - miss, 4)


def framing_factor(norm: str, end: int) -> float:
    """Below 1 when the match at ``norm[..end]`` is followed by a framing word (大数据|时代)."""
    suffixes = framing_suffixes()
    return FRAMING_DAMPING if suffixes and norm.startswith(suffixes, end) else 1.0


def snippet(text: str, start: int, end: int, field_name: str) -> str:
    """The title itself, or the clause of the description holding the match."""
    if field_name == "title":
        return text.strip()
    left = max((m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, start)), default=0)
    right_match = _CLAUSE_SPLIT.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right].strip()
