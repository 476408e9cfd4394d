"""How each attribute of the requirement vocabulary is measured on a submission.

The table lives in corpus/measures.yaml (attribute -> per form type: which fields
measure it and how). ``measure(submission, attribute)`` returns a ``Measured``:
the value, the field and evidence it rests on, and how it reads in a message;
``None`` when the attribute has no measure for the form type (the requirement
then does not concern this form).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..config import corpus_yaml
from ..models import Evidence, Submission
from ..normalizers.dates import parse_date
from ..normalizers.names import name_similarity
from ..normalizers.text import compact
from ..normalizers.titles import title_rank as normalized_title_rank


@lru_cache(maxsize=1)
def measures_data() -> dict:
    return corpus_yaml("measures.yaml")


def form_spec(form_type: str | None) -> dict:
    return measures_data()["form_types"].get(form_type or "", {}) or {}


def attribute_name(attribute: str) -> str:
    return measures_data().get("attribute_names", {}).get(attribute, attribute)


def default_unit(attribute: str) -> str:
    return measures_data().get("units", {}).get(attribute, "")


# --------------------------------------------------------------------------- small value helpers


def is_empty(value: Any) -> bool:
    """A field counts as empty when it holds nothing a reader could use."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or compact(value) in {"无", "/", "-", "—", "——", "空"}
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, (list, tuple, set)):
        return all(is_empty(v) for v in value)
    return False


def as_number(value: Any) -> float | int | None:
    """A number from an int/float or a numeric string ("3", "3天", "50人")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        match = re.search(r"-?\d+(?:\.\d+)?", value.replace(",", ""))
        if match:
            number = float(match.group())
            return int(number) if number.is_integer() else number
    return None


def fmt_number(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def as_date(value: Any) -> date | None:
    """An ISO date (2025-05-09) or month (1967-12 -> the 1st); other strings via the normaliser."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    parsed = parse_date(text)  # free text such as "2025年5月9日": the normaliser knows the spellings
    return as_date(parsed.value) if parsed is not None and parsed.value != value else None


def age_on(birth: date, ref: date) -> int:
    """Whole years of age (周岁) on ``ref``."""
    return ref.year - birth.year - ((ref.month, ref.day) < (birth.month, birth.day))


_RANK_NAMES = {1: "初级", 2: "中级", 3: "副高级", 4: "正高级"}


def title_rank(title: Any) -> int | None:
    """Rank of a professional title: 初级 1 < 中级 2 < 副高级 3 (高级) < 正高级 4."""
    if not isinstance(title, str) or not title.strip():
        return None
    return normalized_title_rank(title)


def rank_name(rank: int | None) -> str:
    return _RANK_NAMES.get(rank or 0, "")


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """0-100: equal 100; one inside the other 90+; else the edit ratio."""
    return name_similarity(normalize_name(a), normalize_name(b), containment=True)


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    return re.sub(r"[“”\"'‘’《》「」『』（）()【】\[\]\s:：]", "", compact(str(text or "")))


def best_match(query: str, candidates: list[str], threshold: float = 75.0) -> tuple[str | None, float]:
    """The candidate most like ``query``, when it is like enough."""
    best, best_score = None, 0.0
    for cand in candidates:
        score = similarity(query, cand)
        if score > best_score:
            best, best_score = cand, score
    return (best, best_score) if best_score >= threshold else (None, best_score)


# --------------------------------------------------------------------------- Measured


@dataclass
class Measured:
    """One attribute measured on one submission."""

    attribute: str
    value: Any = None  # number, ISO date, text class, title text
    field: str | None = None  # the form field it rests on (dotted key)
    evidence: Evidence | None = None
    shown: str = ""  # how the value reads in a message ("3 天（2025-10-06至2025-10-08）")
    label: str = ""  # how the measured thing is called ("办班时间")
    rank: int | None = None  # for titles and ranked text classes
    optional: bool = False  # the form may leave it empty: no "unknown" finding
    missing: list[str] = dc_field(default_factory=list)  # field keys that were empty
    unread: list[str] = dc_field(default_factory=list)  # of those, the ones whose label was not found

    @property
    def known(self) -> bool:
        return self.value is not None


def field_value(sub: Submission, key: str) -> Any:
    return sub.value(key)


def field_evidence(sub: Submission, key: str) -> Evidence | None:
    head = key.partition(".")[0].partition("[")[0]
    fld = sub.fields.get(head)
    return fld.evidence if fld is not None else None


def measure(sub: Submission, attribute: str, *, year: int | None = None, flag_label: str | None = None
            ) -> Measured | None:
    """Measure ``attribute`` on ``sub``; None when the form type has no measure for it."""
    spec = form_spec(sub.form_type).get(attribute)
    if not isinstance(spec, dict):
        return None
    kind = spec.get("kind", "field")
    out = Measured(attribute=attribute, label=spec.get("label") or attribute_name(attribute),
                   optional=bool(spec.get("optional")))
    handler = _HANDLERS.get(kind)
    if handler is None:
        return None
    if kind == "flag":
        measured = _measure_flag(sub, out, flag_label)
    elif kind == "max_age":
        measured = _measure_max_age(sub, spec, out, year)
    else:
        measured = handler(sub, spec, out)
    if measured is not None:
        measured.unread = [k for k in measured.missing if not k.startswith("notice.") and not sub.label_found(k)]
    return measured


def _filled_value(sub: Submission, key: str, out: Measured) -> Any:
    """The field's value, with ``out`` pointing at the field; None (and ``out`` missing it) when empty."""
    value = field_value(sub, key)
    out.field, out.evidence = key, field_evidence(sub, key)
    if is_empty(value):
        out.missing = [key]
        return None
    return value


def _measure_field(sub: Submission, spec: dict, out: Measured) -> Measured:
    key = spec["field"]
    value = _filled_value(sub, key, out)
    if value is None:
        return out
    number = as_number(value) if out.attribute not in _TEXT_ATTRIBUTES else None
    if out.attribute.endswith("_deadline"):
        parsed = as_date(value)
        out.value = parsed.isoformat() if parsed else None
        out.shown = out.value or str(value)
        if parsed is None:
            out.missing = [key]
    elif out.attribute in _TITLE_ATTRIBUTES:
        out.value, out.rank = str(value), title_rank(value)
        out.shown = str(value) if out.rank is None or rank_name(out.rank) in str(value) else \
            f"{value}（{rank_name(out.rank)}）"
    elif number is not None:
        out.value = number
        out.shown = f"{fmt_number(number)} {default_unit(out.attribute)}".strip()
    else:
        out.value = value
        out.shown = str(value)
    return out


_TEXT_ATTRIBUTES = {"leader_title", "trainee_title", "enrollment_scope", "delivery_mode", "trainee_fee"}
_TITLE_ATTRIBUTES = {"leader_title", "trainee_title"}


def _measure_date_span(sub: Submission, spec: dict, out: Measured) -> Measured:
    start_key, end_key = spec["fields"]
    start, end = as_date(field_value(sub, start_key)), as_date(field_value(sub, end_key))
    out.field = start_key
    out.evidence = field_evidence(sub, start_key) or field_evidence(sub, end_key)
    out.missing = [k for k, v in ((start_key, start), (end_key, end)) if v is None]
    if start is None or end is None or end < start:
        if start is not None and end is not None:
            out.missing = [end_key]
        return out
    out.value = (end - start).days + 1
    out.shown = f"{out.value} 天（{start.isoformat()}至{end.isoformat()}，首尾计入）"
    return out


def _measure_ratio(sub: Submission, spec: dict, out: Measured) -> Measured:
    num_key, den_key = spec["fields"]
    num, den = as_number(field_value(sub, num_key)), as_number(field_value(sub, den_key))
    out.field, out.evidence = num_key, field_evidence(sub, num_key)
    out.missing = [k for k, v in ((num_key, num), (den_key, den)) if v is None]
    if num is None or not den:
        if den == 0:
            out.missing = [den_key]
        return out
    value = num / den
    out.value = int(value) if float(value).is_integer() else round(value, 2)
    unit = default_unit(out.attribute)
    out.shown = f"{fmt_number(out.value)} {unit}（共 {fmt_number(num)} {unit}，{fmt_number(den)} 场）"
    return out


def _split_items(value: Any) -> list:
    if isinstance(value, (list, tuple)):
        return [v for v in value if not is_empty(v)]
    if isinstance(value, str):
        return [p for p in re.split(r"[、，,;；/\n]+", value) if p.strip()]
    return [] if is_empty(value) else [value]


def _measure_count(sub: Submission, spec: dict, out: Measured) -> Measured:
    key = spec["field"]
    out.field, out.evidence = key, field_evidence(sub, key)
    items = _split_items(field_value(sub, key))
    if not items:
        out.missing = [key]
        return out
    out.value = len(items)
    out.shown = f"{len(items)} {default_unit(out.attribute) or '个'}（{'、'.join(map(str, items))}）"
    return out


def _people(sub: Submission, keys: list[str]) -> list[tuple[str, dict]]:
    """(key path, person dict) of every person named by ``keys`` (a person or a list of persons)."""
    people = []
    for key in keys:
        value = field_value(sub, key)
        if isinstance(value, dict) and not is_empty(value):
            people.append((key, value))
        elif isinstance(value, list):
            people += [(f"{key}[{i}]", p) for i, p in enumerate(value) if isinstance(p, dict) and not is_empty(p)]
    return people


def _measure_people_count(sub: Submission, spec: dict, out: Measured) -> Measured:
    people = _people(sub, spec["fields"])
    out.field = spec["fields"][-1]
    out.evidence = field_evidence(sub, spec["fields"][-1]) or field_evidence(sub, spec["fields"][0])
    if not people:
        out.missing = list(spec["fields"])
        return out
    out.value = len(people)
    out.shown = f"{len(people)} 人"
    return out


_ROLE_WORDS = {"leader": "带头人", "members": "成员"}


def _measure_max_age(sub: Submission, spec: dict, out: Measured, year: int | None) -> Measured:
    people = _people(sub, spec["fields"])
    if not people:
        out.missing = list(spec["fields"])
        return out
    if year is None:
        out.missing = ["notice.year"]
        return out
    ref = date(year, 1, 1)
    oldest: tuple[int, str, dict, date] | None = None
    for path, person in people:
        birth = as_date(person.get("birth_date"))
        if birth is None:
            out.missing.append(f"{path}.birth_date")
            continue
        age = age_on(birth, ref)
        if oldest is None or age > oldest[0]:
            oldest = (age, path, person, birth)
    if oldest is None:
        return out
    age, path, person, birth = oldest
    role = _ROLE_WORDS.get(path.partition("[")[0], "")
    out.value, out.field = age, f"{path}.birth_date"
    out.evidence = field_evidence(sub, path)
    name = person.get("name") or ""
    out.label = f"{role}{name}年龄" if name else "年龄"
    out.shown = f"{age} 周岁（{birth.isoformat()[:7]} 出生，{ref.isoformat()} 时）"
    if out.missing:  # a person without a birth date: the oldest we saw may not be the oldest
        out.shown += f"；另有 {len(out.missing)} 人出生日期缺失"
    return out


def _measure_end_date(sub: Submission, spec: dict, out: Measured) -> Measured:
    for source in spec["fields"]:
        if isinstance(source, str):
            end = as_date(field_value(sub, source))
            if end is not None:
                out.value, out.field, out.evidence = end.isoformat(), source, field_evidence(sub, source)
                out.shown = end.isoformat()
                return out
            out.missing.append(source)
        else:
            start_key, days_key = source
            start, days = as_date(field_value(sub, start_key)), as_number(field_value(sub, days_key))
            if start is not None and days:
                end = start + timedelta(days=int(days) - 1)
                out.value, out.field, out.evidence = end.isoformat(), start_key, field_evidence(sub, start_key)
                out.shown = f"{end.isoformat()}（{start.isoformat()}出发，{fmt_number(days)} 天）"
                return out
            out.missing += [k for k, v in ((start_key, start), (days_key, days)) if v is None]
    return out


# --------------------------------------------------------------------------- free-text classes


def vocabulary(name: str) -> list[dict]:
    return measures_data().get("vocabularies", {}).get(name, [])


def classify_text(text: str, vocab: str) -> tuple[dict | None, re.Match | None]:
    """The first class of ``vocab`` one of whose patterns occurs in ``text``."""
    for entry in vocabulary(vocab):
        for pattern in entry.get("patterns", []):
            match = re.search(pattern, text)
            if match:
                return entry, match
    return None, None


def class_of_value(value: Any, vocab: str) -> dict | None:
    """The class a requirement's value names ("全国", "面向全省", "线下为主")."""
    text = compact(str(value or ""))
    for entry in vocabulary(vocab):
        if entry["class"] == text:
            return entry
    entry, _ = classify_text(text, vocab)
    return entry


def _narrow(evidence: Evidence | None, text: str, match: re.Match) -> Evidence | None:
    """Evidence for the matched words inside the field's evidence, when offsets allow it."""
    if evidence is None or evidence.end - evidence.start != len(evidence.text):
        return evidence
    idx = evidence.text.find(match.group())
    if idx < 0:
        return evidence
    return evidence.model_copy(update={"text": match.group(), "start": evidence.start + idx,
                                       "end": evidence.start + idx + len(match.group())})


def _measure_text_class(sub: Submission, spec: dict, out: Measured) -> Measured:
    key = spec["field"]
    raw = _filled_value(sub, key, out)
    if raw is None:
        return out
    text = raw if isinstance(raw, str) else "、".join(map(str, _split_items(raw)))
    entry, match = classify_text(compact(text), spec["vocab"])
    if entry is None:
        out.missing = [key]
        out.optional = True  # free text that says nothing on the matter: no finding at all
        return out
    out.value, out.rank = entry["class"], entry.get("rank")
    out.shown = entry["class"] if match.group() == entry["class"] else f"{entry['class']}（“{match.group()}”）"
    out.evidence = _narrow(out.evidence, text, match)
    return out


# --------------------------------------------------------------------------- yes/no system columns


def flag_specs(form_type: str | None) -> dict[str, dict]:
    return form_spec(form_type).get("flags") or {}


@lru_cache(maxsize=4096)
def flag_field_for(label: str, form_type: str | None) -> str | None:
    """The form column a notice means by ``label`` ("是否申请资助" -> apply_funding)."""
    pairs = [(lab, key) for key, spec in flag_specs(form_type).items() for lab in spec.get("labels", [])]
    best, _ = best_match(label, [lab for lab, _ in pairs], threshold=70.0)
    return next((key for lab, key in pairs if lab == best), None) if best else None


def yes_no(value: Any) -> bool | None:
    """True for 是/√, False for 否/×, None when empty or unreadable."""
    if isinstance(value, bool):
        return value
    if is_empty(value):
        return None
    text = compact(str(value))
    data = measures_data()
    if text in {str(w) for w in data.get("no_words", [])}:
        return False
    if text in {str(w) for w in data.get("yes_words", [])}:
        return True
    if text.startswith(("否", "不")):
        return False
    return True if text.startswith("是") else None


def _measure_flag(sub: Submission, out: Measured, label: str | None) -> Measured | None:
    key = flag_field_for(label or "", sub.form_type)
    if key is None:
        return None
    raw = field_value(sub, key)
    out.field, out.evidence = key, field_evidence(sub, key)
    out.label = f"“{label}”一栏"
    flag = yes_no(raw)
    if flag is None:
        out.missing = [key]
        return out
    out.value = "是" if flag else "否"
    out.shown = f"选择“{out.value}”"
    return out


_HANDLERS = {
    "field": _measure_field,
    "date_span": _measure_date_span,
    "ratio": _measure_ratio,
    "count": _measure_count,
    "people_count": _measure_people_count,
    "max_age": _measure_max_age,
    "end_date": _measure_end_date,
    "text_class": _measure_text_class,
    "flag": _measure_flag,
}
