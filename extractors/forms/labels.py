"""Label cells -> field keys, through the synonym tables in corpus/.

A label is compared after ``clean_label``: whitespace removed (项 目 名 称,
选题所属\\n行业领域, 手　机), full-width letters/digits folded, hints in brackets
dropped ((仅单选), （包括但不限于…）) and a trailing colon cut. Matching is
fuzzy (rapidfuzz) so that another wording of the same label still matches, but
short labels (≤ 3 characters: 手机, 传真, 国家) must match exactly, because a
fuzzy match on two characters is a coin toss.

A label is often a known label with a qualifier in front of it (设区市人社部门
审核意见, 承办单位名称, 团组成员工作单位): when neither an exact nor a fuzzy match
is found, the longest synonym (≥ 4 characters) that ends the label decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from ...config import corpus_yaml
from ...normalizers.names import name_similarity
from ...normalizers.text import compact

# Bracketed text inside a label is a hint for whoever fills the form.
_BRACKETED = re.compile(r"[（(][^（()）]*[)）]|【[^】]*】|\[[^\]]*\]")
_UNCLOSED_HINT = re.compile(r"[（(][^)）]*$")
_TRAILING = re.compile(r"[：:*＊\s]+$")
# A number in front of a label (1. 项目名称, 二、承办单位信息) only orders the form.
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})(?:[、．]|\.(?!\d))")
_BOXES = ("☑", "☐")
# A cell starting with a mark the ingest left as written (■ alone in its cell) is an option, not a label.
_OPTION_MARKS = set("■▣▪◼□◻❑√✓✔")

# An English gloss written after a Chinese label (项目名称 Project title, 办公电话 Office tel.).
_GLOSS = re.compile(r"(?<=[\u3400-\u9fff）)])\s*[A-Za-z][A-Za-z.'’&/\- ]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_COLON = re.compile(r"[：:]")

# A label cell longer than this (after cleaning) is a value, not a label.
MAX_LABEL_LEN = 24

# The thresholds and scores of label matching are corpus data (form_labels.yaml label_matching).
_MATCHING_KEYS = {"fuzzy_threshold": float, "short_label": int, "min_suffix_synonym": int, "variant_score": float,
                  "word_synonym_score": float, "suffix_score": float, "min_contained_synonym": int,
                  "contained_score": float, "token_threshold": float, "token_min_shared": int,
                  "token_min_synonym": int, "token_margin": float}
# How a match was made, best first: a match of a better tier wins over any score of a worse one.
TIER_EXACT, TIER_VARIANT, TIER_WORD, TIER_FUZZY, TIER_SUFFIX, TIER_CONTAINED, TIER_TOKEN = 7, 6, 5, 4, 3, 2, 1


def matching(name: str) -> float | int:
    """One threshold or score of label matching (corpus/form_labels.yaml label_matching)."""
    return form_labels()["label_matching"][name]


@lru_cache(maxsize=1)
def form_labels() -> dict[str, Any]:
    return _validated(corpus_yaml("form_labels.yaml"))


def _validated(data: dict[str, Any]) -> dict[str, Any]:
    """The label tables, with the shapes the reader relies on checked once (a bad edit fails at load)."""
    _validate_matching(data.get("label_matching"))
    for name in ("label_prefixes", "label_tails"):
        if not all(isinstance(x, str) and x for x in data.get(name, [])):
            raise ValueError(f"corpus/form_labels.yaml: {name} must be a list of words")
    for group in data.get("label_word_synonyms", []):
        if not (isinstance(group, list) and len(group) >= 2 and all(isinstance(w, str) and w for w in group)):
            raise ValueError(f"corpus/form_labels.yaml: label_word_synonyms group {group!r} needs two or more words")
    for type_name, spec in (data.get("types") or {}).items():
        roles = spec.get("people_roles")
        if roles is None:
            continue
        fields, columns = spec.get("fields", {}), spec.get("people_columns", {})
        if roles.get("leader") not in fields or roles.get("members") not in fields \
                or roles.get("role_column") not in columns or not roles.get("leader_words"):
            raise ValueError(f"corpus/form_labels.yaml: {type_name}.people_roles must name two people fields, "
                             "a people column and leader_words")
    return data


def _validate_matching(spec: Any) -> None:
    if not isinstance(spec, dict):
        raise ValueError("corpus/form_labels.yaml: label_matching must be a mapping of thresholds")
    for name, kind in _MATCHING_KEYS.items():
        value = spec.get(name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and value != int(value)):
            raise ValueError(f"corpus/form_labels.yaml: label_matching.{name} must be a number ({kind.__name__})")
        if value < 0 or (name.endswith(("_score", "_threshold", "_margin")) and value > 100):
            raise ValueError(f"corpus/form_labels.yaml: label_matching.{name} = {value} is out of range")
        spec[name] = kind(value)
    unknown = set(spec) - set(_MATCHING_KEYS)
    if unknown:
        raise ValueError(f"corpus/form_labels.yaml: label_matching has unknown settings {sorted(unknown)}")


@lru_cache(maxsize=1)
def form_types() -> dict[str, Any]:
    data = corpus_yaml("form_types.yaml")
    for name in ("min_score", "field_label_weight", "decide_margin"):  # the detection thresholds, checked once
        value = data.get(name, 0.0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"corpus/form_types.yaml: {name} must be a number ≥ 0")
    return data


def type_spec(form_type: str) -> dict[str, Any]:
    return form_labels()["types"][form_type]


@lru_cache(maxsize=4096)
def clean_label(text: str) -> str:
    """The comparable form of a label: no whitespace, no bracketed hint, no trailing colon."""
    s = _ENUMERATOR.sub("", compact(drop_gloss(text)))
    without_hints = _BRACKETED.sub("", s)
    without_hints = _UNCLOSED_HINT.sub("", without_hints)
    # A label that is nothing but a bracketed word keeps it: (盖章) is still text.
    s = without_hints or s
    return _TRAILING.sub("", s)


def drop_gloss(text: str) -> str:
    """A bilingual label without its English gloss: "单位名称 Organization" -> "单位名称".

    Only Latin words written after Chinese go (a label in English alone stays)."""
    if not _CJK.search(text):
        return text
    return _GLOSS.sub("", text)


def drop_option_gloss(label: str) -> str:
    """An option label without the gloss of its name; what follows its colon (the detail) is kept."""
    m = _COLON.search(label)
    if not m:
        return drop_gloss(label)
    return drop_gloss(label[:m.start()]) + label[m.start():]


@lru_cache(maxsize=8192)
def label_score(text: str, synonym: str) -> float:
    """0-100: how well a cleaned label matches one synonym (short labels only exactly)."""
    return name_similarity(clean_label(text), clean_label(synonym), min_len=matching("short_label") + 1)


def best_synonym_score(text: str, synonyms: list[str]) -> float:
    return max((label_score(text, s) for s in synonyms), default=0.0)


def looks_like_label(text: str) -> bool:
    """Could this cell be a label at all? (short, no tick boxes, not empty)."""
    if not text or any(b in text for b in _BOXES) or text.lstrip()[:1] in _OPTION_MARKS:
        return False
    cleaned = clean_label(text)
    return 0 < len(cleaned) <= MAX_LABEL_LEN


@dataclass(frozen=True)
class LabelMatch:
    key: str
    score: float
    tier: int = TIER_FUZZY

    @property
    def rank(self) -> tuple[int, float]:
        """What orders two matches: how the match was made first, its score second."""
        return self.tier, self.score


def _items(table: dict[str, dict[str, Any]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((k, tuple(v.get("labels", []))) for k, v in table.items())


@lru_cache(maxsize=256)
def _index(items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[dict[str, str], list[str], list[str],
                                                                     dict[str, str | None]]:
    """Exact lookup of cleaned synonyms, the long ones (with their keys) for fuzzy matching, and the
    synonyms in their word-canonical forms (None where two keys share one)."""
    exact: dict[str, str] = {}
    choices: list[str] = []
    owners: list[str] = []
    canonical: dict[str, str | None] = {}
    short = matching("short_label")
    for key, labels in items:
        for label in labels:
            cleaned = clean_label(label)
            exact.setdefault(cleaned, key)
            if len(cleaned) > short:
                choices.append(cleaned)
                owners.append(key)
            for form in canonical_forms(cleaned):
                canonical[form] = key if canonical.get(form, key) == key else None
    return exact, choices, owners, canonical


@lru_cache(maxsize=8192)
def canonical_forms(cleaned: str) -> tuple[str, ...]:
    """The label and its widened variants with every near-synonym word written as its group's first."""
    short = matching("short_label")
    return tuple(dict.fromkeys(canonical_words(v) for v in (cleaned, *widened_variants(cleaned))
                               if len(v) > short - 1))


def canonical_words(text: str) -> str:
    for word, head in _word_heads():
        text = text.replace(word, head)
    return text


@lru_cache(maxsize=1)
def _word_heads() -> tuple[tuple[str, str], ...]:
    pairs = [(w, group[0]) for group in form_labels().get("label_word_synonyms", []) for w in group[1:]]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


def match_label(text: str, table: dict[str, dict[str, Any]],
                threshold: float | None = None) -> LabelMatch | None:
    """The field of ``table`` (key -> spec with ``labels``) whose synonyms best match ``text``.

    The tiers are tried best first and the first that matches decides (this is asked of every cell);
    ``label_candidates`` lists every field a label could be, for a form's assignment of labels."""
    if not looks_like_label(text):
        return None
    exact, choices, owners, canonical = _index(_items(table))
    cleaned = clean_label(text)
    short = matching("short_label")
    if cleaned in exact:
        return LabelMatch(exact[cleaned], 100.0, TIER_EXACT)
    for variant in widened_variants(cleaned):  # 拟举办地点 → 举办地点, 授课专家简介 → 授课专家
        if variant in exact and len(variant) > short - 1:
            return LabelMatch(exact[variant], matching("variant_score"), TIER_VARIANT)
    for form in canonical_forms(cleaned):  # 研修天数 → 培训天数, 计划出访日期 → 出国时间 (拟出国（境）时间)
        if canonical.get(form):
            return LabelMatch(canonical[form], matching("word_synonym_score"), TIER_WORD)
    if len(cleaned) <= short or not choices:
        return None
    cutoff = matching("fuzzy_threshold") if threshold is None else threshold
    found = process.extractOne(cleaned, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if found is None:
        return _suffix_match(cleaned, choices, owners)
    _, score, i = found
    return LabelMatch(owners[i], float(score), TIER_FUZZY)


def label_candidates(text: str, table: dict[str, dict[str, Any]]) -> list[LabelMatch]:
    """Every field ``text`` could label, best first (one match per field, the first is ``match_label``'s):
    a label that loses its best field to a better label may still be the label of its second."""
    if not looks_like_label(text):
        return []
    exact, choices, owners, canonical = _index(_items(table))
    cleaned = clean_label(text)
    short = matching("short_label")
    found: dict[str, LabelMatch] = {}

    def add(m: LabelMatch | None) -> None:
        if m is not None and (m.key not in found or m.rank > found[m.key].rank):
            found[m.key] = m

    if cleaned in exact:
        add(LabelMatch(exact[cleaned], 100.0, TIER_EXACT))
    for variant in widened_variants(cleaned):
        if variant in exact and len(variant) > short - 1:
            add(LabelMatch(exact[variant], matching("variant_score"), TIER_VARIANT))
    for form in canonical_forms(cleaned):
        if canonical.get(form):
            add(LabelMatch(canonical[form], matching("word_synonym_score"), TIER_WORD))
    if len(cleaned) > short and choices:
        for _, score, i in process.extract(cleaned, choices, scorer=fuzz.ratio,
                                           score_cutoff=matching("fuzzy_threshold"), limit=None):
            add(LabelMatch(owners[i], float(score), TIER_FUZZY))
        add(_suffix_match(cleaned, choices, owners))
    return sorted(found.values(), key=lambda m: m.rank, reverse=True)  # stable: ties keep the cascade's order


@lru_cache(maxsize=4096)
def widened_variants(cleaned: str) -> tuple[str, ...]:
    """The label without the intent prefix and the tail people add to a known label (corpus data)."""
    data = form_labels()
    out: list[str] = []
    heads = [cleaned] + [cleaned[len(p):] for p in data.get("label_prefixes", []) if cleaned.startswith(p)]
    for head in heads:
        out.append(head)
        out += [head[: -len(t)] for t in sorted(data.get("label_tails", []), key=len, reverse=True)
                if head.endswith(t) and len(head) > len(t) + 1]
    return tuple(v for v in dict.fromkeys(out) if v != cleaned)


def _suffix_match(cleaned: str, choices: list[str], owners: list[str]) -> LabelMatch | None:
    """The key of the longest synonym that ends ``cleaned`` (a qualifier written before a known label)."""
    least = matching("min_suffix_synonym")
    best = max((i for i, c in enumerate(choices) if len(c) >= least and cleaned.endswith(c)),
               key=lambda i: len(choices[i]), default=None)
    return None if best is None else LabelMatch(owners[best], matching("suffix_score"), TIER_SUFFIX)


def match_name(text: str, names: dict[str, list[str]], threshold: float | None = None) -> LabelMatch | None:
    """Like ``match_label`` for a plain mapping key -> list of synonyms."""
    return match_label(text, {k: {"labels": v} for k, v in names.items()}, threshold)


# -- a second look at a filled label that matched nothing (asked only of those, so jieba loads only then)

def rescue_label(text: str, table: dict[str, dict[str, Any]]) -> LabelMatch | None:
    """The field of a label the ordinary tiers did not place: a long synonym inside it, else jieba tokens."""
    if not looks_like_label(text):
        return None
    cleaned = clean_label(text)
    items = _items(table)
    return _contained_match(cleaned, items) or _token_match(cleaned, items)


@lru_cache(maxsize=256)
def _long_synonyms(items: tuple[tuple[str, tuple[str, ...]], ...], least: int) -> tuple[tuple[str, str], ...]:
    """(word-canonical synonym, key) of every synonym at least ``least`` characters long."""
    out = {}
    for key, labels in items:
        for label in labels:
            cleaned = clean_label(label)
            if len(cleaned) >= least:
                out.setdefault(canonical_words(cleaned), key)
    return tuple(out.items())


def _contained_match(cleaned: str, items) -> LabelMatch | None:
    """A synonym of min_contained_synonym characters or more anywhere in the label (项目名称及编号 …),
    when the longest such synonyms all belong to one field: two fields named in one label is no match."""
    probe = canonical_words(cleaned)
    inside = [(syn, key) for syn, key in _long_synonyms(items, matching("min_contained_synonym")) if syn in probe]
    # A synonym inside a longer one found too (单位名称 in 承办单位名称) says nothing of its own.
    maximal = [(syn, key) for syn, key in inside if not any(syn != other and syn in other for other, _ in inside)]
    keys = {key for _, key in maximal}
    if len(keys) != 1:
        return None
    return LabelMatch(keys.pop(), matching("contained_score"), TIER_CONTAINED)


@lru_cache(maxsize=4096)
def label_tokens(text: str) -> tuple[str, ...]:
    """The words of a label, cut by the project's shared jieba tokenizer (punctuation dropped)."""
    from ..nlp import import_jieba, load_user_dict

    load_user_dict()
    return tuple(t for t in import_jieba().lcut(text) if _WORDLIKE.search(t))


_WORDLIKE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def _token_match(cleaned: str, items) -> LabelMatch | None:
    """The field whose synonym shares most words with the label (token-set ratio on jieba tokens), when
    it is clearly ahead of every other field."""
    mine = label_tokens(canonical_words(cleaned))
    if len(mine) < matching("token_min_shared"):
        return None
    best: dict[str, float] = {}
    for syn, key in _long_synonyms(items, matching("token_min_synonym")):
        theirs = label_tokens(syn)
        if len(set(mine) & set(theirs)) < matching("token_min_shared"):
            continue
        score = float(fuzz.token_set_ratio(" ".join(mine), " ".join(theirs)))
        best[key] = max(best.get(key, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < matching("token_threshold"):
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < matching("token_margin"):
        return None
    return LabelMatch(ranked[0][0], ranked[0][1], TIER_TOKEN)


def split_inline_label(text: str) -> tuple[str, str] | None:
    """"办班时间：2025年5月9日" -> ("办班时间", "2025年5月9日"); None without a colon."""
    m = re.match(r"\s*([^：:\n]{1,24}?)\s*[：:]\s*(.*)\Z", text, re.S)
    if not m:
        return None
    return m.group(1), m.group(2)
