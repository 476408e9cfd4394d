"""Comparisons with quantities: 不少于3天, 不超过55周岁, 5至7天, 50人左右, 最高15万.

Each comparison is a Span with

* ``op``: ">=", "<=", "==", "between", "approx" or "in";
* ``value``: a number; ``[lo, hi]`` for "between"; a list of numbers for "in";
* ``unit``: the canonical unit (天, 人, 学时, 周岁, 元, %, ...); money is in yuan
  (上限5万元 -> <= 50000 元). A 万/亿 amount without a unit (最高15万) is money;
* ``strength``: "guideline" for hedged values (左右, 约, 一般, 原则上, 上下),
  "required" for binding words (不少于, 不超过, 须, 应, 不得), None when the phrase
  alone does not say;
* ``approximate``: True for hedged values and for 100余人 (read as >= 100).

Alternatives such as ``14天、21天、30天、60天或90天及以上`` become one Span with op "in"
and value ``[14, 21, 30, 60, 90]``. When the last alternative is open-ended (及以上) the
Span's text ends with that suffix and :func:`open_ended` returns True: a checker then
accepts any value >= the last one as well as the listed ones.

All words (operators, hedges, units) come from corpus/normalizers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from shenbao.models import Span
from shenbao.normalizers.data import longest_first, section
from shenbao.normalizers.dates import find_date_ranges, find_dates
from shenbao.normalizers.numerals import find_numbers
from shenbao.normalizers.text import fold_width

_YEAR_UNIT = "年"
_SPACES = " \t\n"


@dataclass
class _Words:
    prefix: list[tuple[str, str, str | None]]  # (word, op, strength), longest first
    suffix: list[tuple[str, str]]  # (word, op), longest first
    gap_ops: set[str]
    max_gap: int
    share_gap: int
    suffix_exclusions: list[str]
    more_than: list[str]
    range_tails: list[str]
    hedges: list[str]
    required: list[str]
    required_exclusions: list[str]
    hedge_exclusions: list[str]
    clause_breaks: str
    range_seps: list[str]
    list_seps: set[str]
    units: list[tuple[str, str, float]] = field(default_factory=list)  # (word, canonical, factor)
    money_context: list[str] = field(default_factory=list)
    currency_words: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = section("comparisons")
    prefix = [(w, g["op"], g.get("strength")) for g in data["prefix_ops"] for w in g["words"]]
    suffix = [(w, g["op"]) for g in data["suffix_ops"] for w in g["words"]]
    units = [(w, spec["unit"], spec.get("factor", 1)) for w, spec in section("units").items()]
    return _Words(
        prefix=sorted(prefix, key=lambda t: -len(t[0])),
        suffix=sorted(suffix, key=lambda t: -len(t[0])),
        gap_ops=set(data["gap_ops"]),
        max_gap=int(data["max_gap"]),
        share_gap=int(data.get("share_gap", data["max_gap"])),
        suffix_exclusions=data["suffix_exclusions"],
        more_than=longest_first(data["more_than_marks"]),
        range_tails=longest_first(data["range_tails"]),
        hedges=longest_first(data["hedges"]),
        required=longest_first(data["required_words"]),
        required_exclusions=longest_first(data["required_exclusions"]),
        hedge_exclusions=longest_first(data["hedge_exclusions"]),
        clause_breaks=data["clause_breaks"],
        range_seps=longest_first(data["range_separators"]),
        list_seps=set(data["list_separators"]),
        units=sorted(units, key=lambda t: -len(t[0])),
        money_context=section("money")["context_words"],
        currency_words=longest_first(section("money")["currency_words"]),
    )


# --------------------------------------------------------------------------- small readers


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACES:
        pos += 1
    return pos


def _match_loose(text: str, pos: int, word: str) -> int | None:
    """End of ``word`` written at ``pos``, allowing spaces and line breaks inside it
    (extracted PDF text breaks lines anywhere: 40周⏎岁); None if it is not there."""
    i = pos
    for ch in word:
        i = _skip_spaces(text, i)
        if i >= len(text) or text[i] != ch:
            return None
        i += 1
    return i


def _match_loose_back(text: str, end: int, word: str, floor: int) -> int | None:
    """Start of ``word`` written just before ``end`` (spaces and line breaks allowed)."""
    j = end
    for ch in reversed(word):
        while j > floor and text[j - 1] in _SPACES:
            j -= 1
        if j <= floor or text[j - 1] != ch:
            return None
        j -= 1
    return j


def _read_word(text: str, pos: int, words) -> tuple[str | None, int]:
    """The longest of ``words`` written at ``pos`` (after spaces), and the position after it."""
    for w in words:
        end = _match_loose(text, pos, w)
        if end is not None:
            return w, end
    return None, pos


def read_unit(text: str, pos: int) -> tuple[str | None, float, int]:
    """(canonical unit, factor, end) of a unit written at ``pos``; (None, 1, pos) if none."""
    for word, canonical, factor in _words().units:
        end = _match_loose(text, pos, word)
        if end is not None:
            return canonical, factor, end
    return None, 1, pos


def _read_suffix(text: str, pos: int) -> tuple[str | None, str | None, int]:
    """(word, op, end) of an operator written after a quantity (以上, 以内, 左右)."""
    w = _words()
    if any(_match_loose(text, pos, x) is not None for x in w.suffix_exclusions):
        return None, None, pos
    for word, op in w.suffix:
        end = _match_loose(text, pos, word)
        if end is not None:
            return word, op, end
    return None, None, pos


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding ``pos`` begins (after the last break), not before ``floor``."""
    breaks = _words().clause_breaks
    i = pos
    while i > floor and text[i - 1] not in breaks:
        i -= 1
    return i


def _read_prefix(text: str, start: int, floor: int) -> tuple[str | None, str | None, str | None, int]:
    """(word, op, strength, start) of an operator before a quantity.

    The word must touch the number (spaces aside), except the ``gap_ops`` (至少, 最多)
    which may stand up to ``max_gap`` characters before it in the same clause
    (至少已举办过1次, 每个单位最多申报一项).
    """
    w = _words()
    for currency in w.currency_words:
        at = _match_loose_back(text, start, currency, floor)
        if at is not None:
            start = at  # 不超过人民币5万元: the currency word stands between
            break
    for word, op, strength in w.prefix:
        at = _match_loose_back(text, start, word, floor)
        if at is not None and not _inside_longer_word(text, at, at + len(word), w.hedge_exclusions):
            return word, op, strength, at
    clause = _clause_start(text, start, floor)
    before = text[clause:start].rstrip(_SPACES)
    window = before[-(max(w.max_gap, w.share_gap) + 6):]
    best = None
    for word, op, strength in w.prefix:
        if word not in w.gap_ops:
            continue
        at = window.rfind(word)
        if at < 0:
            continue
        gap = window[at + len(word):]
        limit = w.share_gap if gap.endswith("的") else w.max_gap  # 不超过年度应修学时的60%
        if len(gap) <= limit and not re.search(r"\d", gap) and (best is None or at > best[3]):
            best = (word, op, strength, at)
    if best:
        word, op, strength, at = best
        return word, op, strength, clause + len(before) - len(window) + at
    return None, None, None, start


def _inside_longer_word(text: str, start: int, end: int, words: list[str]) -> bool:
    """True when text[start:end] is part of one of ``words`` (约 in 预约, 满 in 圆满)."""
    for word in words:
        lo = max(0, end - len(word))
        at = text.find(word, lo, start + len(word))
        if at != -1 and at <= start and at + len(word) >= end:
            return True
    return False


def _strength_from_words(clause_text: str) -> str | None:
    """guideline if the clause hedges, required if it binds, None otherwise."""
    w = _words()
    hedged = clause_text
    for ex in w.hedge_exclusions:
        hedged = hedged.replace(ex, "")
    if any(h in hedged for h in w.hedges):
        return "guideline"
    cleaned = clause_text
    for ex in w.required_exclusions:
        cleaned = cleaned.replace(ex, "")
    if any(r in cleaned for r in w.required):
        return "required"
    return None


def _money_context(text: str, start: int, end: int) -> bool:
    breaks = _words().clause_breaks
    lo = _clause_start(text, start, 0)
    hi = end
    while hi < len(text) and text[hi] not in breaks:
        hi += 1
    return any(word in text[lo:hi] for word in _words().money_context)


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Places where numbers are dates, document numbers or phone numbers, not quantities."""
    spans = [(s.start, s.end) for s in find_dates(text, default_year=2000)]
    for a, b in find_date_ranges(text, default_year=2000):
        spans.append((a.start, b.end))
    spans += [(m.start(), m.end()) for m in re.finditer(r"[〔\[【（(［]\s*\d{4}\s*[〕\]】）)］]\s*\d+\s*号", text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"\d[\d\-\s]{6,}\d", text)]
    return spans


def _inside(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _clean(value: float | int) -> float | int:
    if isinstance(value, float):
        value = round(value, 6)
        if value.is_integer():
            return int(value)
    return value


# --------------------------------------------------------------------------- atoms


@dataclass
class _Atom:
    start: int
    end: int
    value: object
    unit: str | None
    op: str
    strength: str | None
    approximate: bool
    explicit_op: bool  # an operator word was written (not a bare quantity)
    suffix_op: str | None = None


def _read_quantity(text: str, nums: list[Span], i: int) -> tuple[dict | None, int]:
    """Read number i (and i+1 for a range) with its unit; returns the parts and next index."""
    n = nums[i]
    unit, factor, pos = read_unit(text, n.end)
    more, after_more = _read_word(text, n.end, _words().more_than)
    if unit is None and more:
        unit, factor, pos = read_unit(text, after_more)
        if unit is None:
            more, pos = None, n.end
    if n.unit == "%":
        unit, factor, pos = "%", 1, n.end
    parts = {"start": n.start, "end": pos, "lo": n.value, "hi": None, "unit": unit,
             "factor": factor, "more": bool(more)}
    if i + 1 < len(nums):
        sep, after_sep = _read_word(text, pos, _words().range_seps)
        nxt = nums[i + 1]
        if sep and _skip_spaces(text, after_sep) == nxt.start:
            unit2, factor2, pos2 = read_unit(text, nxt.end)
            if nxt.unit == "%":
                unit2, factor2, pos2 = "%", 1, nxt.end
            lo = _shared_multiplier(n, nxt)
            if unit2 is not None and (unit is None or unit == unit2) and nxt.value >= lo:
                parts.update(end=pos2, lo=lo, hi=nxt.value, unit=unit2, factor=factor2)
                tail, after_tail = _read_word(text, pos2, _words().range_tails)
                if tail:
                    parts["end"] = after_tail
                return parts, i + 2
    return parts, i + 1


def _shared_multiplier(first: Span, second: Span) -> float | int:
    """5-10万元 means 5万 to 10万: the second number's 万/亿 applies to a bare first."""
    if first.unit == "%" or any(ch in first.text for ch in "万亿千"):
        return first.value
    for ch, factor in (("亿", 100_000_000), ("万", 10_000), ("千", 1_000)):
        if second.text.rstrip("%％ ").endswith(ch):
            return first.value * factor
    return first.value


def _capital_but_not_money(text: str, parts: dict) -> bool:
    """Financial digits (伍万元) are read only for money: 伍/陆 are also ordinary
    characters (入伍, 陆续)."""
    token = text[parts["start"]:parts["end"]]
    return parts["unit"] != "元" and any(ch in _capital_chars() for ch in token)


@lru_cache(maxsize=1)
def _capital_chars() -> frozenset[str]:
    data = section("numerals")
    return frozenset(data["capital_digits"]) | frozenset(data["capital_small_units"])


def _is_year(parts: dict) -> bool:
    return parts["unit"] == _YEAR_UNIT and parts["lo"] >= 1000


def _decide_op(parts: dict, prefix: tuple, suffix_op: str | None) -> tuple[str, str | None, bool, bool]:
    """(op, strength from the words, approximate, explicit) from prefix and suffix words."""
    _, p_op, p_strength, _ = prefix
    approx = p_op == "approx" or suffix_op == "approx"
    if parts["hi"] is not None:
        return "between", "guideline" if approx else p_strength, approx, True
    if p_op in (">=", "<=") and p_strength == "required":
        return p_op, "guideline" if approx else p_strength, approx, True
    if suffix_op in (">=", "<="):
        return suffix_op, "guideline" if approx else p_strength, approx, True
    if approx:
        return "approx", "guideline", True, True
    if p_op:
        return p_op, p_strength, False, True
    if parts["more"]:
        return ">=", None, True, True
    return "==", None, False, False


def _atoms(text: str) -> list[_Atom]:
    nums = find_numbers(text, capital=True)
    masked = _masked_spans(text)
    atoms: list[_Atom] = []
    floor = 0
    i = 0
    while i < len(nums):
        if _inside(nums[i].start, nums[i].end, masked):
            i += 1
            continue
        parts, i = _read_quantity(text, nums, i)
        if _is_year(parts) or _capital_but_not_money(text, parts):
            continue
        suffix_word, suffix_op, end = _read_suffix(text, parts["end"])
        prefix = _read_prefix(text, parts["start"], floor)
        op, strength, approx, explicit = _decide_op(parts, prefix, suffix_op)
        unit, factor = parts["unit"], parts["factor"]
        lo = parts["lo"] * factor
        hi = parts["hi"] * factor if parts["hi"] is not None else None
        if unit is None and isinstance(parts["lo"], (int, float)) and _has_large_multiplier(
                text[parts["start"]:parts["end"]]):
            unit = "元"  # 最高15万: an amount in 万 with no unit is money in these texts
        if unit is None and _after_currency(text, parts["start"], floor):
            unit = "元"  # ￥5000
        start = prefix[3] if prefix[0] else parts["start"]
        clause = text[_clause_start(text, parts["start"], floor):parts["start"]]
        strength = _combine_strength(strength, _strength_from_words(clause), approx)
        value = [_clean(lo), _clean(hi)] if hi is not None else _clean(lo)
        atoms.append(_Atom(start=start, end=end if suffix_word else parts["end"], value=value, unit=unit,
                           op=op, strength=strength, approximate=approx, explicit_op=explicit,
                           suffix_op=suffix_op))
        floor = atoms[-1].end
    return atoms


def _after_currency(text: str, start: int, floor: int) -> bool:
    return any(_match_loose_back(text, start, c, floor) is not None for c in _words().currency_words)


def _has_large_multiplier(token: str) -> bool:
    return "万" in token or "亿" in token


def _combine_strength(from_op: str | None, from_clause: str | None, approx: bool) -> str | None:
    if approx or from_clause == "guideline":
        return "guideline"
    return from_op or from_clause


# --------------------------------------------------------------------------- lists


def _list_gap(text: str, a: _Atom, b: _Atom) -> bool:
    """True when only a list separator (、 或 和) stands between two quantities."""
    gap = text[a.end:b.start].strip(_SPACES)
    return gap in _words().list_seps


def _mergeable(text: str, run: list[_Atom], nxt: _Atom) -> bool:
    last = run[-1]
    if last.explicit_op or last.op != "==" or not _list_gap(text, last, nxt):
        return False
    if nxt.explicit_op and nxt.suffix_op != ">=":
        return False
    if nxt.op in ("between", "approx"):
        return False
    return last.unit is None or nxt.unit is None or last.unit == nxt.unit


def _merge_bounds(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """30人以上50人以下 / 不少于30人、不超过50人: a lower and an upper bound written
    together become one "between"."""
    out: list[_Atom] = []
    for atom in atoms:
        prev = out[-1] if out else None
        if (prev is not None and prev.op == ">=" and atom.op == "<=" and prev.unit == atom.unit
                and not isinstance(prev.value, list) and not isinstance(atom.value, list)
                and prev.value <= atom.value
                and text[prev.end:atom.start].strip(_SPACES) in ("", "、", "且", "，且", ",且")):
            out[-1] = _Atom(start=prev.start, end=atom.end, value=[prev.value, atom.value], unit=atom.unit,
                            op="between", strength=prev.strength or atom.strength,
                            approximate=prev.approximate or atom.approximate, explicit_op=True)
            continue
        out.append(atom)
    return out


def _merge_lists(text: str, atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    run: list[_Atom] = []
    for atom in atoms + [None]:
        if atom is not None and run and _mergeable(text, run, atom):
            run.append(atom)
            continue
        if len(run) > 1 and run[-1].unit is not None:
            out.append(_list_atom(run))
        else:
            out.extend(a for a in run if a.unit is not None or a.explicit_op)
        run = [atom] if atom is not None else []
    return out


def _list_atom(run: list[_Atom]) -> _Atom:
    unit = run[-1].unit
    strength = next((a.strength for a in reversed(run) if a.strength), None)
    return _Atom(start=run[0].start, end=run[-1].end, value=[a.value for a in run], unit=unit, op="in",
                 strength=strength, approximate=False, explicit_op=True, suffix_op=run[-1].suffix_op)


# --------------------------------------------------------------------------- public


def find_comparisons(text: str) -> list[Span]:
    """Every quantity in ``text`` with its comparison (see the module docstring).

    A bare quantity with a unit (培训3天) is op "==" with strength None; a number without
    a unit is kept only when an operator word stands with it (不少于3). Dates, document
    numbers, phone numbers, ordinals (第3期) and years (2025年) are not quantities.
    """
    folded = fold_width(text)
    spans = []
    for atom in _merge_bounds(folded, _merge_lists(folded, _atoms(folded))):
        spans.append(Span(value=atom.value, text=text[atom.start:atom.end], start=atom.start, end=atom.end,
                          unit=atom.unit, op=atom.op, strength=atom.strength,
                          approximate=atom.approximate))
    return spans


def parse_comparison(s: str) -> Span | None:
    """The first comparison in ``s`` (one with an operator word if there is one)."""
    if s is None:
        return None
    spans = find_comparisons(str(s))
    if not spans:
        return None
    explicit = [sp for sp in spans if sp.op != "=="]
    return explicit[0] if explicit else spans[0]


def open_ended(span: Span) -> bool:
    """For an "in" Span: True when its last alternative is open-ended (90天及以上)."""
    if span.op != "in":
        return False
    _, op, _ = _read_suffix_at_end(span.text)
    return op == ">="


def _read_suffix_at_end(text: str) -> tuple[str | None, str | None, int]:
    stripped = text.rstrip(_SPACES)
    for word, op in _words().suffix:
        if stripped.endswith(word):
            return word, op, len(stripped)
    return None, None, len(stripped)
