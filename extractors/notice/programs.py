"""Programmes a notice defines: from its headings (（一）专业技术研修班,
关于“精品培训项目”申报, a heading run in at the start of a numbered paragraph),
from a sentence that lists them (…分为国家级高级研修项目和省级高级研修项目两类),
from the programme column of a table, and from sentence subjects
(国家级高级研修项目应面向全国…), with their tier (the enclosing programme
heading) and name variants. Whether a phrase ends like a programme name is decided
on its jieba tokens (``cues.ends_like_programme``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...models import Document, Evidence, Program
from .cues import ends_like_programme
from .resources import alternation, compiled, programs_data
from .sections import Unit, strip_marker
from .tables import TableLayout

_CJK = r"\u4e00-\u9fff"
_TRAILING_BRACKET = re.compile(r"[（(][^（）()]*[）)]\s*$")


@dataclass
class ProgramInfo:
    name: str
    start: int
    end: int
    tier: str | None = None
    aliases: set[str] = field(default_factory=set)
    from_heading: bool = True
    quota: tuple[int, int, str] | None = None  # offsets and text of a planned number (计划 30 人)
    is_tier: bool = False
    pattern: re.Pattern | None = None


def _suffix_regex(heading: bool) -> str:
    data = programs_data()
    suffixes = list(data["suffixes"])
    if not heading:
        suffixes = [s for s in suffixes if s not in data["heading_only_suffixes"]]
    return alternation(suffixes)


def name_from_heading(title: str) -> tuple[str, str] | None:
    """(programme name, trailing bracket) when a heading names a programme, else None."""
    data = programs_data()
    text = title.strip().rstrip("：:。")
    bracket = ""
    m = _TRAILING_BRACKET.search(text)
    if m:
        bracket = m.group(0)
        text = text[: m.start()].strip()
    for frame in data["frames"]:
        fm = re.match(frame, text)
        if fm:
            text = fm.group("name").strip("“”\"")
            break
    text = text.strip("“”\"")
    if not (3 <= len(text) <= 30) or not re.fullmatch(rf"[{_CJK}A-Za-z0-9“”\"（）()·]+", text):
        return None
    if any(text.startswith(p) for p in data["reject_prefixes"]):
        return None
    if text in data["suffixes"] or text in data.get("generic_names", []):
        return None  # 一、培训项目: a section about the programmes, naming none
    if any(w in text for w in data["reject_words"]):
        return None
    if compiled(data["rule_in_title"]).search(text):
        return None  # 每个基地限报1个…项目: a rule, not a name
    if not ends_like_programme(text, heading=True):
        return None
    return text, bracket


def variant_pattern(name: str) -> re.Pattern:
    """A regex finding ``name`` also with 和/及/与 left out or added (人力资源社会和保障部)."""
    optional = "".join(programs_data()["optional_chars"])
    core = "".join(ch for ch in name if ch not in optional)
    parts = [re.escape(ch) for ch in core]
    return re.compile(f"[{optional}]?".join(parts))


def find_programs(doc: Document, units: list[Unit], layouts: dict[int, TableLayout] | None = None
                  ) -> list[ProgramInfo]:
    """Programmes named by headings, lists, tables and sentence subjects, tiers marked."""
    found: dict[str, ProgramInfo] = {}
    by_heading: dict[int, ProgramInfo] = {}
    quota_re = re.compile(programs_data()["planned_quota"])
    for unit in units:
        if unit.kind != "heading" or unit.form_annex or unit.heading is None or unit.heading.listy:
            continue
        named = name_from_heading(unit.heading.title)
        if not named:
            continue
        name, bracket = named
        key = _key(name)
        info = found.get(key)
        if info is None:
            offset = unit.text.find(name)
            start = unit.start + max(offset, 0)
            info = ProgramInfo(name=name, start=start, end=start + len(name) if offset >= 0 else unit.end)
            found[key] = info
        info.aliases.add(name)
        if bracket:
            qm = quota_re.search(bracket)
            if qm:
                b_off = unit.text.rfind(bracket)
                info.quota = (unit.start + b_off + qm.start(), unit.start + b_off + qm.end(), qm.group(0))
        unit.heading.program = info.name
        by_heading[unit.heading.index] = info
        parents = [h for h in unit.headings[:-1] if h.program]
        if parents:
            info.tier = parents[-1].program
            found[_key(parents[-1].program)].is_tier = True
    _add_run_in_headings(units, found)
    _add_enumerated(units, found)
    for layout in (layouts or {}).values():
        for name, start, end in layout.row_programs.values():
            found.setdefault(_key(name), ProgramInfo(name=name, start=start, end=end, aliases={name}))
    _add_sentence_subjects(units, found)
    programs = list(found.values())
    _drop_umbrellas(programs)
    for info in programs:
        info.pattern = variant_pattern(info.name)
        _canonical_name(doc.text, info)
    canonical = {_key(a): p.name for p in programs for a in [p.name, *p.aliases]}
    for p in programs:
        if p.tier:
            p.tier = canonical.get(_key(p.tier), p.tier)
    for unit in units:
        if unit.heading is not None and unit.heading.program:
            unit.heading.program = canonical.get(_key(unit.heading.program), unit.heading.program)
    return programs


def _runs_through(short: str, name: str) -> bool:
    it = iter(name)
    return all(ch in it for ch in short)


def _key(name: str) -> str:
    optional = "".join(programs_data()["optional_chars"])
    return "".join(ch for ch in name if ch not in optional)


def run_in_title(unit: Unit) -> tuple[str, int] | None:
    """(title, offset in the unit text) of a heading run in at the start of a numbered paragraph."""
    if unit.kind != "paragraph" or unit.marker_level is None or unit.form_annex:
        return None
    body = strip_marker(unit.text)
    m = compiled(programs_data()["run_in_heading"]).match(body)
    if not m or m.end() >= len(body):
        return None  # a bare numbered line is a heading or a list entry, not a run-in heading
    return m.group("title"), unit.text.find(body)


def _add_run_in_headings(units: list[Unit], found: dict[str, ProgramInfo]) -> None:
    for unit in units:
        lead = run_in_title(unit)
        if lead is None:
            continue
        named = name_from_heading(lead[0])
        if named is None:
            continue
        name = named[0]
        start = unit.start + lead[1] + lead[0].find(name)
        found.setdefault(_key(name), ProgramInfo(name=name, start=start, end=start + len(name), aliases={name}))


def _add_enumerated(units: list[Unit], found: dict[str, ProgramInfo]) -> None:
    """…分为A和B两类: each listed name that ends like a programme is one."""
    data = programs_data()
    rx = compiled(data["enumeration"])
    for unit in units:
        if unit.kind not in ("paragraph", "cell") or unit.form_annex:
            continue
        for m in rx.finditer(unit.text):
            offset = m.start("list")
            for part in re.split(data["enumeration_separators"], m.group("list")):
                name = part.strip("“”\" ")
                pos = unit.text.find(name, offset)
                if len(name) < 4 or pos < 0 or not ends_like_programme(name, heading=True):
                    continue
                offset = pos + len(name)
                found.setdefault(_key(name), ProgramInfo(name=name, start=unit.start + pos,
                                                         end=unit.start + pos + len(name), aliases={name}))


def _add_sentence_subjects(units: list[Unit], found: dict[str, ProgramInfo]) -> None:
    """国家级高级研修项目应面向全国招收学员 names a programme even without a heading."""
    data = programs_data()
    followers = alternation([f for f in data["subject_followers"] if f not in ("是", "可", "的申报")])
    rx = re.compile(rf"(?:^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])?|[，。；：,;:])\s*(?P<name>[{_CJK}]{{2,24}}?(?:{_suffix_regex(False)}))(?={followers})")
    for unit in units:
        if unit.kind not in ("paragraph", "cell") or unit.form_annex:
            continue
        for m in rx.finditer(unit.text):
            name = m.group("name")
            if any(name.startswith(p) for p in data["reject_prefixes"]) or len(name) < 5:
                continue
            if re.match(data["subject_reject_lead"], name) or not ends_like_programme(name, heading=False):
                continue
            key = _key(name)
            if key in found or any(k in key for k, p in found.items() if p.from_heading):
                continue  # known, or a longer phrase around a heading's programme
            start = unit.start + m.start("name")
            found[key] = ProgramInfo(name=name, start=start, end=start + len(name), from_heading=False,
                                     aliases={name})


def _drop_umbrellas(programs: list[ProgramInfo]) -> None:
    """高级研修项目 is the umbrella of 国家级高级研修项目 and 省级高级研修项目: not a programme."""
    names = [p.name for p in programs]
    for p in list(programs):
        if p.from_heading:
            continue
        if any(other != p.name and other.endswith(p.name) for other in names):
            programs.remove(p)


def _canonical_name(text: str, info: ProgramInfo) -> None:
    """The spelling used most often in the document names the programme; the others are aliases."""
    counts = Counter(m.group(0) for m in info.pattern.finditer(text))
    if counts:
        best = max(counts.items(), key=lambda kv: (kv[1], kv[0] == info.name))[0]
        info.aliases.update(counts)
        info.name = best
    info.aliases.discard(info.name)


def leaf_programs(programs: list[ProgramInfo]) -> list[ProgramInfo]:
    return [p for p in programs if not p.is_tier]


def to_models(doc: Document, programs: list[ProgramInfo]) -> list[Program]:
    out = []
    for p in leaf_programs(programs):
        ev: Evidence = doc.evidence(p.start, p.end)
        out.append(Program(name=p.name, tier=p.tier, aliases=sorted(p.aliases), evidence=ev))
    return out


class ProgramIndex:
    """Finds mentions of the document's programmes in a piece of text."""

    def __init__(self, programs: list[ProgramInfo]) -> None:
        self.programs = programs
        self.leaves = leaf_programs(programs)

    def mentions(self, text: str, leaves_only: bool = True) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of every mention, longest first where they overlap."""
        pool = self.leaves if leaves_only else self.programs
        hits: list[tuple[int, int, str]] = []
        for p in pool:
            for m in p.pattern.finditer(text):
                hits.append((m.start(), m.end(), p.name))
        hits.extend(self._short_forms(text, pool, hits))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, str]] = []
        for h in hits:
            if out and h[0] < out[-1][1]:
                continue
            out.append(h)
        return out

    @staticmethod
    def _short_forms(text: str, pool: list[ProgramInfo], hits: list) -> list[tuple[int, int, str]]:
        """申报创新管理研修班的 for 科研院所创新管理研修班: a subject phrase whose characters run, in
        order, through exactly one programme's name and end as it ends."""
        forms = programs_data().get("short_form") or []
        if len(pool) < 2:
            return []
        out = []
        matches = (m for rx in ([forms] if isinstance(forms, str) else forms) for m in compiled(rx).finditer(text))
        for m in matches:
            x = m.group("x")
            if any(h[0] < m.end("x") and h[1] > m.start("x") for h in hits):
                continue
            fits = [p for p in pool if p.name != x and p.name.endswith(x[-2:]) and _runs_through(x, p.name)]
            if len(fits) == 1:
                out.append((m.start("x"), m.end("x"), fits[0].name))
        return out

    def resolve(self, text: str) -> str | None:
        """The programme a short phrase names (院精品培训项目 -> 精品培训项目)."""
        found = self.mentions(text)
        if found:
            return found[0][2]
        return self._by_tail(text)

    def _by_tail(self, text: str) -> str | None:
        """推荐技能大师工作室 for 省级技能大师工作室: a phrase after a verb that ends one programme's
        name, four characters at least, and no other's."""
        data = programs_data()
        phrase = re.sub(rf"^(?:{alternation(data['tail_verbs'])})", "", text.strip())
        bare = re.sub(rf"(?:{alternation(data['tail_generic'])})$", "", phrase)
        if len(bare) < 4:
            return None
        fits = [p.name for p in self.leaves
                if any(p.name.endswith(x) or x.endswith(p.name) for x in {phrase, bare})]
        return fits[0] if len(fits) == 1 else None

    def tier_names(self) -> set[str]:
        return {p.name for p in self.programs if p.is_tier}
