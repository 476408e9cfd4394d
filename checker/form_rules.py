"""Rules from the form itself and its 填表说明 (corpus/form_rules.yaml).

They hold for every form of a type whatever the year: 申报项目类别 is single
choice, 自筹经费 needs its source, at least one 选题范围 is ticked, the national
form leaves the applicant block blank, required boxes are filled.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..config import corpus_yaml
from ..models import Evidence, Finding, RuleSet, Submission
from .measure import field_evidence, field_value, is_empty


@lru_cache(maxsize=1)
def form_rules_data() -> dict:
    return corpus_yaml("form_rules.yaml")


def field_label(key: str) -> str:
    labels = form_rules_data().get("field_labels", {})
    return labels.get(key) or labels.get(key.partition("[")[0]) or key


def rules_for(form_type: str | None) -> list[dict]:
    return [r for r in form_rules_data().get(form_type or "", []) if isinstance(r, dict)]


def _finding(rule: dict, key: str | None, sub: Submission, message: str, *, status: str = "violated",
             value: Any = None) -> Finding:
    if status == "violated":
        severity = "error" if rule.get("strength") == "required" else "warning"
    else:
        severity = "info" if status == "satisfied" else "warning"
    basis = rule.get("basis")
    return Finding(requirement_id=rule["id"], attribute=rule["attribute"], status=status, severity=severity,
                   message=message, field=key, form_value=value,
                   form_evidence=field_evidence(sub, key) if key else None,
                   notice_evidence=Evidence(text=basis, start=0, end=0) if basis else None)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if not is_empty(v)]
    return [] if is_empty(value) else [value]


def _check_blank(rule: dict, sub: Submission) -> list[Finding]:
    filled = []
    for key in rule["fields"]:
        value = field_value(sub, key)
        if isinstance(value, dict):
            filled += [str(v) for v in value.values() if not is_empty(v)]
        elif not is_empty(value):
            filled.append(str(value))
    if not filled:
        return []
    return [_finding(rule, rule["fields"][0], sub, rule["message"].format(filled="、".join(filled[:3])),
                     value=filled)]


def _check_single_choice(rule: dict, sub: Submission) -> list[Finding]:
    values = _as_list(field_value(sub, rule["field"]))
    if len(values) <= 1:
        return []
    return [_finding(rule, rule["field"], sub, rule["message"].format(count=len(values), values="、".join(map(str, values))),
                     value=values)]


def _check_requires(rule: dict, sub: Submission) -> list[Finding]:
    chosen = _as_list(field_value(sub, rule["when_field"]))
    if not any(rule["when_value"] in str(v) for v in chosen):
        return []
    if not sub.label_found(rule["field"]):
        return [_not_read(rule, rule["field"], sub)]
    if not is_empty(field_value(sub, rule["field"])):
        return []
    return [_finding(rule, rule["field"], sub, rule["message"])]


def _check_min_items(rule: dict, sub: Submission) -> list[Finding]:
    values = _as_list(field_value(sub, rule["field"]))
    if len(values) >= int(rule.get("min", 1)):
        return []
    return [_finding(rule, rule["field"], sub, rule["message"], value=values)]


def _check_not_empty(rule: dict, sub: Submission) -> list[Finding]:
    out = []
    for key in rule["fields"]:
        if key.partition(".")[0] not in sub.fields:
            continue
        if not sub.label_found(key):
            out.append(_not_read(rule, key, sub))
        elif is_empty(field_value(sub, key)):
            out.append(_finding(rule, key, sub, rule["message"].format(label=field_label(key))))
    return out


def _not_read(rule: dict, key: str, sub: Submission) -> Finding:
    """A box whose label was not found: whether it was filled is unknown, never a violation."""
    return _finding(rule, key, sub, f"未找到“{field_label(key)}”栏，无法核对是否填写，请人工核对",
                    status="unknown")


def _check_topic_agrees(rule: dict, sub: Submission, ruleset: RuleSet | None) -> list[Finding]:
    """A warning when the ticked 选题范围 categories disagree with what the text is about."""
    ticked = {str(item.get("category")) for item in _as_list(field_value(sub, rule["field"]))
              if isinstance(item, dict) and item.get("category")}
    if not ticked or _detail_listed(field_value(sub, rule["field"]), ruleset):
        return []
    keys = rule.get("text_fields", [])
    title = str(field_value(sub, keys[0]) or "") if keys else ""
    description = "\n".join(str(field_value(sub, k) or "") for k in keys[1:])
    read = topic_categories(title, description, ruleset)
    if not read or ticked & read:
        return []
    return [_finding(rule, rule["field"], sub,
                     rule["message"].format(ticked="、".join(sorted(ticked)), read="、".join(sorted(read))))]


def _detail_listed(ticks: Any, ruleset: RuleSet | None) -> bool:
    """Whether a ticked category's own detail is one of the items the notice lists under it
    (☑突出数字技术：工业互联网 while the notice lists 工业互联网 there): the applicant's
    choice then rests on the notice's words and the classifier's reading does not outweigh it."""
    if ruleset is None:
        return False
    listed: dict[str, list[str]] = {}
    for scope in ruleset.topic_scope:
        listed.setdefault(scope.category, []).extend(str(i) for i in scope.items if i)
    for item in _as_list(ticks):
        if not isinstance(item, dict):
            continue
        detail = str(item.get("detail") or "").strip()
        items = listed.get(str(item.get("category") or ""), [])
        if detail and any(x in detail or (len(detail) >= 2 and detail in x) for x in items):
            return True
    return False


def topic_categories(title: str, description: str, ruleset: RuleSet | None) -> set[str] | None:
    """Categories the topic classifier reads, confidently, in a title and description;
    None when no classifier is available."""
    classifier = _classifier(ruleset)
    if classifier is None or not (title.strip() or description.strip()):
        return None
    try:
        matches = classifier.classify(title, description, top=3)
    except Exception:  # noqa: BLE001 - a classifier failure must not fail the screening
        return None
    if not matches or matches[0].score < _TOPIC_MIN_SCORE:
        return None  # not confident enough to contradict the applicant
    return {m.category for m in matches}


_TOPIC_MIN_SCORE = 0.6
_CLASSIFIERS: dict[str, Any] = {}


def _classifier(ruleset: RuleSet | None):
    """One classifier per rule set and process (building its index is the costly part)."""
    key = ruleset.source.sha256 if ruleset is not None else ""
    if key in _CLASSIFIERS:
        return _CLASSIFIERS[key]
    from ..extractors.topics import Classifier, directions_from_ruleset

    try:
        directions = directions_from_ruleset(ruleset) if ruleset is not None and ruleset.topic_scope else None
        classifier = Classifier(directions or None)
    except Exception:  # noqa: BLE001 - a rule set the classifier cannot use leaves topics unchecked
        classifier = None
    _CLASSIFIERS[key] = classifier
    return classifier


# Checks that say something is missing from a box: unknown when the box's label was not found.
_NEEDS_BOX = {"min_items"}

_CHECKS = {
    "blank": _check_blank,
    "single_choice": _check_single_choice,
    "requires": _check_requires,
    "min_items": _check_min_items,
    "not_empty": _check_not_empty,
}


def _issuer_applies(rule: dict, ruleset: RuleSet | None) -> bool:
    """Whether a rule of one issuer's form instructions holds under this notice (unknown issuer: it does)."""
    words = rule.get("issuer_words")
    issuer = ruleset.notice.issuer if ruleset is not None and ruleset.notice is not None else None
    return not words or not issuer or any(w in issuer for w in words)


def check_form_rules(sub: Submission, ruleset: RuleSet | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules_for(sub.form_type):
        if not _issuer_applies(rule, ruleset):
            continue
        main = rule.get("when_field") or rule.get("field")
        if main and main.partition(".")[0] not in sub.fields:
            continue  # a box the extractor never saw on this layout is not the applicant's omission
        if main and rule["check"] in _NEEDS_BOX and not sub.label_found(main):
            findings.append(_not_read(rule, main, sub))
            continue
        if rule["check"] == "topic_agrees":
            findings += _check_topic_agrees(rule, sub, ruleset)
        elif rule["check"] in _CHECKS:
            findings += _CHECKS[rule["check"]](rule, sub)
    return findings
