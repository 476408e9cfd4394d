"""Whether a submission answers the notice it is screened against.

A form of another notice is not a pass however well it is filled in: a CAS
overseas application screened against a provincial seminar call, or any form
against a 指导意见 that opens no application round. A submission belongs when
its category (or its form type's cue word, 国家级/省级) names one of the notice's programmes, or when the notice lists the
form among its annexes (the form type's title cues, corpus/form_types.yaml, in
an attachment title). When the notice names forms or programmes and none of
them is this one, the form does not belong; when it names neither (a rule set
written by hand, a notice whose annexes were not read), nothing can be said and
the result carries a note saying so.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from ..extractors.forms.labels import form_types
from ..models import Finding, RuleSet, Submission
from ..normalizers.names import canonical

FINDING_ID = "form.notice_match"
ATTRIBUTE = "notice_match"
MISMATCH = "申报表与所选通知不符"
# A title cue this close to a stretch of an attachment title names the same form.
CUE_MATCH_MIN = 90.0
# Attachment titles that name a form to fill in (not a list of directions or a guide).
FORM_WORDS = ("表", "书")
# Notice kinds that open no application round: nothing can answer them.
NO_ROUND_KINDS = {"guideline"}


def _form_types() -> dict:
    return form_types().get("types", {})


def form_title_cues(form_type: str | None) -> list[str]:
    spec = _form_types().get(form_type or "", {})
    return [c["text"] for c in spec.get("title_cues", []) if isinstance(c, dict) and c.get("text")]


def form_description(form_type: str | None) -> str:
    return str(_form_types().get(form_type or "", {}).get("description") or form_type or "未知类型的表")


def form_annexes(ruleset: RuleSet) -> list[str]:
    return [a.title for a in ruleset.attachments if a.title and any(w in a.title for w in FORM_WORDS)]


def annex_names_form(annex: str, cues: list[str]) -> bool:
    title = canonical(annex)
    for cue in map(canonical, cues):
        if cue and (cue in title or (len(cue) >= 6 and fuzz.partial_ratio(cue, title) >= CUE_MATCH_MIN)):
            return True
    return False


def notice_match(sub: Submission, ruleset: RuleSet, programme: str | None) -> Finding | None:
    """None when the submission belongs to the rule set's notice (or nothing tells); otherwise the
    violated finding that says why not. ``programme`` is the one its category or form type names."""
    if programme:
        return None
    annexes = form_annexes(ruleset)
    cues = form_title_cues(sub.form_type)
    if any(annex_names_form(a, cues) for a in annexes):
        return None
    what = form_description(sub.form_type)
    if ruleset.notice.kind in NO_ROUND_KINDS and not annexes:
        return _mismatch(f"所选通知是指导意见，未设申报，没有可对应的申报表（本表为{what}）")
    programmes = [p.name for p in ruleset.programs]
    if annexes or programmes:
        listed = "；".join(filter(None, [
            "通知附件：" + "、".join(f"《{a}》" for a in annexes) if annexes else "",
            "通知项目：" + "、".join(programmes) if programmes else "",
        ]))
        return _mismatch(f"本表为{what}，不是所选通知的申报材料（{listed}）")
    return None


def unconfirmed_note(sub: Submission, ruleset: RuleSet) -> str | None:
    """The note a result carries when the rule set names no form and no programme to compare with."""
    if form_annexes(ruleset) or ruleset.programs:
        return None
    return f"所选通知未列出申报表或项目类别，无法确认本表（{form_description(sub.form_type)}）属于该通知"


def _mismatch(reason: str) -> Finding:
    return Finding(requirement_id=FINDING_ID, attribute=ATTRIBUTE, status="violated", severity="error",
                   message=f"{MISMATCH}：{reason}")
