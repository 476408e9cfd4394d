"""Which programmes of a notice a submission belongs to, and which requirements apply.

A submission belongs to
- the programme its category field names (fuzzy: 专项技术短期培训班 ~ “专项技术短期培训班”);
- failing a category field, the programme whose name carries its form type's cue
  word (corpus/measures.yaml program_cues: a 国家级 form answers the 国家级 programme);
- every programme whose system-flag requirement names a yes/no column the row
  answers 是 (a row marked 精品项目 是 is held to the 精品 programme's rules too).
A plan row that answers 否 to every *application* column (资助, 专项技术支持) is a
unit-level plan entry, not an application for the notice's programmes: their
requirements do not apply to it (a note says so).
A requirement applies when its programme is one of those (or it has none), and
its condition holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Requirement, RuleSet, Submission
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
    for req, key, role in flag_reqs:
        if role != "enrolment" or yes_no(field_value(sub, key)) is not True:
            continue
        prog = resolve_program(req.program, ruleset) or req.program
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
