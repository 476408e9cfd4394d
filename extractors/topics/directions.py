"""The list of directions a proposal is classified onto.

Directions come from the notice in front of us: a RuleSet's ``topic_scope``
(category + items) and ``priority_directions`` (program + text + keywords).
Without a notice, the default taxonomy shipped in corpus/taxonomy.json is used.
Each direction is linked to the alias table (corpus/topic_aliases.yaml) by its
NAME, so a new notice with new items needs no code change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...config import corpus_file, corpus_yaml
from ...errors import RulesError
from ...models import DirectionSet, RuleSet

# How the built-in list is named to the user, and where it lives (relative to the package).
BUILTIN_NAME = "内置方向表"
BUILTIN_SOURCE = "corpus/taxonomy.json"

# Generic name of the category under which a notice's priority directions are listed
# when the notice gives them no category of its own.
PRIORITY_CATEGORY = "重点支持方向"

# Separators of alternatives / enumerations inside one item name.
_ALTERNATIVE_SPLIT = re.compile(r"[/／、，,；;]")
_ENUM_AND = re.compile(r"(?<=.{2})(?:和|及|与|以及)(?=.{2})")
_PUNCT = re.compile(r"[\s\u3000“”\"'‘’（）()《》【】\[\]：:。.!！?？·]")


@dataclass(frozen=True)
class Term:
    """One string that signals a direction, with its base weight and kind."""

    text: str
    weight: float
    kind: str  # name | alias | glossary | keyword | word | fuzzy
    # A glossary word: the node path holding it, and whether it comes from below the node the
    # direction names (evidence inherited from a sub-industry).
    path: tuple[str, ...] = ()
    inherited: bool = False


@dataclass
class Direction:
    category: str
    name: str
    program: str | None = None
    surfaces: tuple[str, ...] = ()  # literal forms of the name (alternatives split)
    terms: list[Term] = field(default_factory=list)  # filled by the matcher's index

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.category, self.name, self.program)


# --------------------------------------------------------------------------- corpus data




def _load_yaml(name: str) -> Any:
    return corpus_yaml(name)


@lru_cache(maxsize=1)
def stopword_data() -> dict[str, Any]:
    return _load_yaml("topic_stopwords.yaml") or {}


@lru_cache(maxsize=1)
def alias_table() -> dict[str, dict[str, list[str]]]:
    """Alias entries keyed by normalised direction name: {"strong": [...], "related": [...]}."""
    raw = _load_yaml("topic_aliases.yaml") or {}
    table: dict[str, dict[str, list[str]]] = {}
    for key, entry in raw.items():
        if isinstance(entry, list):
            entry = {"strong": entry}
        strong = [str(t) for t in entry.get("strong") or []]
        related = [str(t) for t in entry.get("related") or []]
        norm = alias_key(str(key))
        merged = table.setdefault(norm, {"strong": [], "related": []})
        merged["strong"].extend(strong)
        merged["related"].extend(related)
    return table


@lru_cache(maxsize=1)
def default_taxonomy() -> dict[str, Any]:
    return json.loads(corpus_file("taxonomy.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- names


def suffix_chain(name: str) -> list[str]:
    """The name and its shorter forms, one generic tail (发展, 建设, 战略 ...) removed at a time:
    区域协调发展战略 → 区域协调发展 → 区域协调."""
    suffixes = sorted(stopword_data().get("name_suffixes") or [], key=len)
    chain = [name]
    while True:
        current = chain[-1]
        tail = next((s for s in suffixes if current.endswith(s) and len(current) - len(s) >= 2), None)
        if tail is None:
            return chain
        chain.append(current[: -len(tail)])


def strip_suffixes(name: str) -> str:
    """Remove generic tails so that 长江经济带发展 == 长江经济带."""
    return suffix_chain(name)[-1]


def name_parts(name: str) -> list[str]:
    """The alternatives of an item: 革命老区、民族地区和边疆地区 → three parts."""
    clean = _PUNCT.sub("", name)
    parts = [p for p in _ALTERNATIVE_SPLIT.split(clean) if p]
    if len(parts) > 1:  # an enumeration: its last 和/及/与 also separates alternatives
        last = _ENUM_AND.split(parts[-1])
        parts = parts[:-1] + [p for p in last if p]
    return parts or [clean]


def alias_key(name: str) -> str:
    """Normalised form used to link a direction name with the alias table."""
    return "/".join(sorted(strip_suffixes(p) for p in name_parts(name)))


def same_direction(a: str, b: str) -> bool:
    """Two spellings of one direction across notices (长江经济带发展 / 长江经济带; 革命老区 as
    one alternative of 革命老区/民族地区/边疆地区)."""
    return a == b or bool(set(alias_key(a).split("/")) & set(alias_key(b).split("/")))


def surfaces_of(name: str) -> tuple[str, ...]:
    """Literal forms that count as the name itself being mentioned."""
    forms: list[str] = []
    for part in name_parts(name):
        for form in suffix_chain(part):
            # A short stem (可持续 from 可持续发展) is too loose to count as the name itself.
            if len(form) >= 2 and form not in forms and (form == part or len(form) >= 4):
                forms.append(form)
    return tuple(forms)


def aliases_for(name: str) -> dict[str, list[str]]:
    """Alias entry for a direction name; an unknown compound name inherits the entries
    of known names it contains (人工智能+制造 → 人工智能), never when the name itself is known."""
    table = alias_table()
    key = alias_key(name)
    if key in table:
        return table[key]
    parts = set(key.split("/"))
    for other, entry in table.items():  # one alternative of a group: 边疆地区 of 革命老区/民族地区/边疆地区
        if "/" in other and parts <= set(other.split("/")):
            return entry
    inherited: dict[str, list[str]] = {"strong": [], "related": []}
    stripped = strip_suffixes(_PUNCT.sub("", name))
    for other, entry in table.items():
        if "/" in other or len(other) < 3 or other not in stripped:
            continue
        inherited["strong"].append(other)
        inherited["related"].extend(entry["strong"])
    if not inherited["strong"]:
        inherited["neighbour"] = _neighbour_terms(name)
    return inherited


def _neighbour_terms(name: str) -> list[str]:
    """Terms of the entries that list this name among their strong terms (新型储能 is a strong
    term of 新能源, so 新型储能 inherits 钠离子电池, 液流电池 ... as supporting evidence). A new
    item with no entry of its own thereby matches through its broader field."""
    forms = set(surfaces_of(name))
    terms: list[str] = []
    for entry in alias_table().values():
        if forms & set(entry["strong"]):
            terms.extend(t for t in entry["strong"] if t not in forms)
    return terms


# --------------------------------------------------------------------------- building the list


def _direction(category: str, name: str, program: str | None) -> Direction:
    return Direction(category=category.strip(), name=name.strip(), program=program, surfaces=surfaces_of(name))


def default_directions() -> list[Direction]:
    taxonomy = default_taxonomy()
    return [_direction(c["name"], item, None) for c in taxonomy["categories"] for item in c["items"]]


def builtin_direction_set() -> DirectionSet:
    """The built-in list as a result names it: used whenever no notice was given."""
    categories = default_taxonomy()["categories"]
    return DirectionSet(kind="builtin", name=BUILTIN_NAME, source=BUILTIN_SOURCE,
                        directions=sum(len(c["items"]) for c in categories),
                        categories=[c["name"] for c in categories])


def rules_direction_set(directions: list[Direction], path: str | Path | None = None) -> DirectionSet:
    """A notice's (or rule set's) list of directions, named by the file it was read from."""
    return DirectionSet(kind="rules", name=Path(path).name if path else "规则集的选题范围",
                        source=str(path) if path else "", directions=len(directions),
                        categories=list(dict.fromkeys(d.category for d in directions)))


def directions_from_scope(topic_scope: list[dict], priority_directions: list[dict]) -> list[Direction]:
    """Directions of a notice: every topic_scope item, then every priority-direction keyword."""
    out: list[Direction] = []
    seen: set[tuple] = set()

    def add(direction: Direction) -> None:
        if direction.name and direction.key not in seen:
            seen.add(direction.key)
            out.append(direction)

    for scope in topic_scope:
        for item in scope.get("items") or []:
            add(_direction(scope.get("category") or PRIORITY_CATEGORY, str(item), scope.get("program")))
    for priority in priority_directions:
        program = priority.get("program")
        keywords = [str(k) for k in priority.get("keywords") or [] if str(k).strip()]
        # A direction without keywords is the (short) text itself.
        names = keywords or [str(priority.get("text") or "").strip()]
        for name in names:
            # Notices often repeat their topic-scope items as priority keywords: keep one.
            if name and not any(same_direction(d.name, name) and d.program in (None, program) for d in out):
                add(_direction(PRIORITY_CATEGORY, name, program))
    return out


def directions_from_ruleset(ruleset: RuleSet | dict) -> list[Direction]:
    data = ruleset.model_dump() if isinstance(ruleset, RuleSet) else ruleset
    return directions_from_scope(data.get("topic_scope") or [], data.get("priority_directions") or [])


def load_rules_directions(path: str | Path) -> list[Direction]:
    """Directions from a RuleSet JSON file or a notice file (parsed on the fly)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(2, "not found", str(path))
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise RulesError(path, f"JSON 无法解析: {err}") from err
        if not isinstance(data, dict):
            raise RulesError(path, "不是规则集对象 / not a rule-set object")
        # A strict RuleSet or a reviewed export with the same keys: both carry the scope lists.
        directions = directions_from_ruleset(data)
    else:
        directions = directions_from_ruleset(_parse_notice(path))
    if not directions:
        raise RulesError(path, "规则集中没有选题范围或重点方向 / no topic scope or priority directions")
    return directions


def _parse_notice(path: Path) -> RuleSet:
    from ..notice import parse_notice_file

    return parse_notice_file(path)
