"""Which programmes of a notice a submission belongs to, and which requirements apply.

A submission belongs to
- the programme its category field names (fuzzy: 专项技术短期培训班 ~ “专项技术短期培训班”);
- failing a category field, the programme whose name carries its form type's cue
  word (corpus/measures.yaml program_cues: a 国家级 form answers the 国家级 programme);
- every programme whose system-flag requirement names a yes/no column the row
  answers 是 (a row marked 精品项目 是 is held to the 精品 programme's rules too); a
  programme naming a column of its own is entered through that column only.
A plan row that answers 否 to every *application* column (资助, 专项技术支持) is a
unit-level plan entry, not an application for the notice's programmes: their
requirements do not apply to it (a note says so).
A requirement applies when its programme is one of those (or it has none), and
its condition holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Finding, Requirement, RuleSet, Submission
from .measure import (
    best_match,
    field_value,
    flag_field_for,
    flag_specs,
    form_spec,
    measures_data,
    normalize_name,
    similarity,
    yes_no,
)


@dataclass
class Applicability:
    programs: list[str] = field(default_factory=list)  # programmes the submission is held to
    primary: str | None = None  # the programme its category / form type names
    excluded: list[str] = field(default_factory=list)  # programmes expressly not applied
    notes: list[str] = field(default_factory=list)


class _RulesetIndex:
    """Programme names of one rule set and the names already resolved against them.

    Screening asks the same questions for every submission; the answers are kept
    per rule set object (the rule set is not changed while a run screens with it).
    """

    _cache: dict[int, tuple[RuleSet, _RulesetIndex]] = {}

    def __init__(self, ruleset: RuleSet) -> None:
        self.names = _program_names(ruleset)
        self.aliases = _aliases(ruleset, self.names)
        self.resolved: dict[tuple[str, float], str | None] = {}
        self.alternatives = _unscoped_alternatives(ruleset)

    @classmethod
    def of(cls, ruleset: RuleSet) -> _RulesetIndex:
        hit = cls._cache.get(id(ruleset))
        if hit is not None and hit[0] is ruleset:
            return hit[1]
        if len(cls._cache) > 32:
            cls._cache.clear()
        index = cls(ruleset)
        cls._cache[id(ruleset)] = (ruleset, index)
        return index


def program_names(ruleset: RuleSet) -> list[str]:
    """Every programme a rule set names: its programme list and the programmes of its requirements."""
    return _RulesetIndex.of(ruleset).names


def _program_names(ruleset: RuleSet) -> list[str]:
    names: list[str] = []
    for prog in ruleset.programs:
        names.append(prog.name)
    for req in ruleset.requirements:
        if req.program and all(similarity(req.program, n) < 100 for n in names):
            names.append(req.program)
    return names


def _aliases(ruleset: RuleSet, names: list[str]) -> dict[str, str]:
    """alias or name -> programme name."""
    table = {}
    for prog in ruleset.programs:
        table[prog.name] = prog.name
        for alias in prog.aliases:
            table[alias] = prog.name
    for name in names:
        table.setdefault(name, name)
    return table


def resolve_program(text: str | None, ruleset: RuleSet, threshold: float = 75.0) -> str | None:
    """The programme of ``ruleset`` that ``text`` names, if one is close enough."""
    if not text:
        return None
    index = _RulesetIndex.of(ruleset)
    key = (str(text), threshold)
    if key not in index.resolved:
        best, _ = best_match(str(text), list(index.aliases), threshold=threshold)
        index.resolved[key] = index.aliases[best] if best else None
    return index.resolved[key]


def _program_by_cue(sub: Submission, ruleset: RuleSet) -> str | None:
    cues = measures_data().get("program_cues", {}).get(sub.form_type or "", [])
    hits = [name for name in program_names(ruleset) if any(cue in normalize_name(name) for cue in cues)]
    # several programmes carrying the cue: the shortest name is the general one
    return min(hits, key=len) if hits else None


def _flag_requirements(ruleset: RuleSet, form_type: str | None) -> list[tuple[Requirement, str, str]]:
    """(requirement, form column, role) for every system_flag requirement the form type can answer."""
    specs = flag_specs(form_type)
    out = []
    for req in ruleset.requirements:
        if req.attribute != "system_flag" or not isinstance(req.value, dict):
            continue
        key = flag_field_for(str(req.value.get("field", "")), form_type)
        if key:
            out.append((req, key, specs[key].get("role", "application")))
    return out


def applicable_programs(sub: Submission, ruleset: RuleSet) -> Applicability:
    app = Applicability()
    spec = form_spec(sub.form_type)
    category_key = spec.get("category_field")
    if category_key:
        app.primary = resolve_program(field_value(sub, category_key), ruleset)
        if app.primary is None and field_value(sub, category_key):
            app.notes.append(f"项目类别“{field_value(sub, category_key)}”未对应通知中的任何项目，仅按通用要求审查")
    else:
        app.primary = _program_by_cue(sub, ruleset)
    if app.primary:
        app.programs.append(app.primary)

    flag_reqs = _flag_requirements(ruleset, sub.form_type)
    entry_columns = _entry_columns(flag_reqs, ruleset)
    for req, key, role in flag_reqs:
        if role != "enrolment" or yes_no(field_value(sub, key)) is not True:
            continue
        prog = resolve_program(req.program, ruleset) or req.program
        if key not in entry_columns.get(prog, ()):
            continue
        if prog and prog not in app.programs:
            app.programs.append(prog)
            app.notes.append(f"“{field_label_for_flag(req)}”选择“是”，同时按{prog}要求审查")

    application_keys = {key for _, key, role in flag_reqs if role == "application"}
    if application_keys and app.primary:
        applied = [yes_no(field_value(sub, key)) for key in sorted(application_keys)]
        if not any(v is True for v in applied) and all(v is False for v in applied):
            app.programs.remove(app.primary)
            app.excluded.append(app.primary)
            app.notes.append(spec.get("not_applying_note") or "未申请资助，不适用该项目要求")
    return app


def _entry_columns(flag_reqs: list[tuple[Requirement, str, str]], ruleset: RuleSet) -> dict[str, set[str]]:
    """programme -> the enrolment columns whose 是 enters a row into it.

    A programme may name several columns (人社部高研: 是否示范项目 and 是否同时申报人社部高研).
    A column named by several programmes marks the broader tier (示范); a programme
    with a column of its own is entered through that one only, so a row ticking just
    the broader column is not held to the narrower programme's rules.
    """
    named: dict[str, set[str]] = {}
    for req, key, role in flag_reqs:
        if role == "enrolment":
            named.setdefault(resolve_program(req.program, ruleset) or req.program or "", set()).add(key)
    users: dict[str, int] = {}
    for keys in named.values():
        for key in keys:
            users[key] = users.get(key, 0) + 1
    return {prog: ({k for k in keys if users[k] == 1} or keys) for prog, keys in named.items()}


def field_label_for_flag(req: Requirement) -> str:
    return str(req.value.get("field", "")) if isinstance(req.value, dict) else ""


def requirement_applies(req: Requirement, app: Applicability, ruleset: RuleSet) -> bool:
    """Whether ``req``'s programme is one the submission is held to (None: every programme)."""
    if not req.program:
        return True
    wanted = normalize_name(req.program)
    declared = [p.name for p in ruleset.programs]
    general = [n for n in declared if wanted != normalize_name(n) and wanted in normalize_name(n)]
    if len(general) > 1 and wanted not in {normalize_name(n) for n in declared}:
        # a general name ("高级研修项目") covering several programmes applies to each of them
        return any(n in app.programs for n in general)
    prog = resolve_program(req.program, ruleset) or req.program
    if prog in app.programs:
        return True
    if prog in app.excluded:
        return False
    # a requirement naming a programme the rule set's list lacks: compare names directly
    return any(similarity(req.program, p) >= 90 for p in app.programs)


# --------------------------------------------------------------------------- unscoped alternatives


def _condition_key(req: Requirement) -> str:
    return req.condition.model_dump_json() if req.condition is not None else ""


def _unscoped_alternatives(ruleset: RuleSet) -> dict[str, tuple[str, int]]:
    """requirement id -> (group, block) for programme-less requirements that compete.

    A notice that states one attribute several times with different values and no
    programme on any of them (国家级 …不少于5天 / 省级 …3至5天, when the programme names
    were not recognised) cannot mean all of them for every form: applying each would
    fail every form against the other programme's rule. Such requirements form a
    group; the k-th of each group in notice order belongs to block k (the notice's
    k-th programme paragraph).
    """
    groups: dict[tuple[str, str], list[Requirement]] = {}
    for req in ruleset.requirements:
        if req.program or req.attribute in ALWAYS_ALL_OF:
            continue
        groups.setdefault((req.attribute, _condition_key(req)), []).append(req)
    out: dict[str, tuple[str, int]] = {}
    for (attribute, cond), members in groups.items():
        if len({(m.op, repr(m.value)) for m in members}) < 2 or not _compete(members):
            continue
        members.sort(key=lambda m: m.evidence.start if m.evidence else 0)
        for block, req in enumerate(members):
            out[req.id] = (f"{attribute}|{cond}", block)
    return out


# Which side of a value each comparison bounds: a lower and an upper bound stated apart
# (不少于3天 … 不超过7天) hold together; two statements bounding the same side compete.
_SIDES = {">=": {"lo"}, "<=": {"hi"}}


def _compete(members: list[Requirement]) -> bool:
    sides = [_SIDES.get(m.op, {"lo", "hi"}) for m in members]
    return any(a & b for i, a in enumerate(sides) for b in sides[i + 1:])


# Attributes whose several statements all hold at once (every listed attachment is due).
ALWAYS_ALL_OF = frozenset({"required_attachments", "system_flag", "required_field"})


def unscoped_alternatives(ruleset: RuleSet) -> dict[str, tuple[str, int]]:
    return _RulesetIndex.of(ruleset).alternatives


def _is_discriminator(req: Requirement) -> bool:
    """A categorical requirement (招生范围 == 全国) that tells which block a form answers."""
    return req.op in ("==", "in") and isinstance(req.value, str | list) and not str(req.value)[:1].isdigit()


def resolve_alternatives(findings: list[Finding], ruleset: RuleSet) -> tuple[list[Finding], list[str]]:
    """Keep one finding per group of competing requirements (see _unscoped_alternatives).

    The form's block is the one whose categorical requirements it alone satisfies; its
    finding stands for each group. Without such a block a group is met when any of its
    requirements is met, and violated only when all are, then with the mildest
    severity among them (which programme's rule applies is not known).
    """
    alternatives = unscoped_alternatives(ruleset)
    if not alternatives:
        return findings, []
    by_id = {r.id: r for r in ruleset.requirements}
    plain = [f for f in findings if f.requirement_id not in alternatives]
    competing = [f for f in findings if f.requirement_id in alternatives]
    if not competing:
        return findings, []
    matched = {alternatives[f.requirement_id][1] for f in competing
               if f.status == "satisfied" and _is_discriminator(by_id[f.requirement_id])}
    missed = {alternatives[f.requirement_id][1] for f in competing
              if f.status == "violated" and _is_discriminator(by_id[f.requirement_id])}
    if len(matched) > 1:  # 全国 also meets 全省: the block stating the form's own value is the form's
        matched = {alternatives[f.requirement_id][1] for f in competing
                   if f.status == "satisfied" and _is_discriminator(by_id[f.requirement_id])
                   and str(f.form_value) == str(by_id[f.requirement_id].value)}
    block = next(iter(matched)) if len(matched) == 1 and matched.isdisjoint(missed) else None
    groups: dict[str, list[Finding]] = {}
    for f in competing:
        groups.setdefault(alternatives[f.requirement_id][0], []).append(f)
    kept: list[Finding] = []
    for members in groups.values():
        own = [f for f in members if alternatives[f.requirement_id][1] == block]
        kept.append(own[0] if own else _any_of(members))
    note = ("通知中同一要求有多个未注明项目的不同表述，已按本表所属段落的要求审查" if block is not None
            else "通知中同一要求有多个未注明项目的不同表述，无法确定适用哪一项，满足其一即视为符合")
    return plain + kept, [note]


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _any_of(members: list[Finding]) -> Finding:
    for status in ("satisfied", "unknown"):
        hits = [f for f in members if f.status == status]
        if hits:
            return hits[0]
    return min(members, key=lambda f: _SEVERITY_RANK.get(f.severity, 2))
