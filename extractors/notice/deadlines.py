"""Dates that close something: application deadlines (截止日期为…, 于…前报送) and
completion deadlines (在…之前完成办班, 须在2020年内执行完毕)."""

from __future__ import annotations

import re

from ...models import Deadline
from ...normalizers.dates import find_dates
from .requirements import Candidate, SentenceContext, _clause_index, strength_for
from .resources import compiled, patterns

_DATEISH = re.compile(r"[\d一二三四五六七八九十]\s*[月日]|\d\s*年|[./-]\d")
# an aside between a date and its 前: （星期一）, a clock time (17:00, 下午5时)
_ASIDE = re.compile(r"^\s*(?:[（(][^）)]{0,40}[）)])?\s*(?:(?:上午|下午|晚上)?\s*\d{1,2}\s*(?:[:：]\s*\d{2}|时|点)(?:\s*\d{1,2}\s*分)?|下班)?\s*")


def deadline_candidates(ctx: SentenceContext, default_year: int | None) -> list[tuple[Candidate, Deadline, bool]]:
    """(requirement, deadline, whether the date is a rule) for every closing date of the sentence."""
    spec = patterns()["deadlines"]
    unit, sent = ctx.unit, ctx.sentence
    text = sent.text
    found: list[tuple[int, int, str, bool]] = []
    if not _DATEISH.search(text):
        return []
    spans = find_dates(text, default_year)
    for i, span in enumerate(spans):
        if i and _closes_range(text, spans[i - 1], span, spec):
            found.append((span.start, span.end, span.value, span.approximate))
            continue
        after = text[span.end:]
        aside = _ASIDE.match(after)
        rest = after[aside.end():] if aside else after
        before = text[: span.start].rstrip()
        is_before = any(rest.startswith(w) for w in spec["before_words"])
        led = any(before.endswith(w) for w in spec["deadline_lead"])
        if not (is_before or led):
            continue
        if not isinstance(span.value, str):
            continue
        found.append((span.start, span.end, span.value, span.approximate))
    for m in compiled(spec["year_within"]).finditer(text):
        found.append((m.start(), m.end(), f"{m.group('year')}-12-31", False))
    out = []
    for start, end, iso, approx in found:
        if not isinstance(iso, str):
            continue
        ci = _clause_index(ctx.clauses, sent.start + start)
        clause_text = ctx.clauses[ci].text
        following = text[start:]
        completion = next((w for w in spec["completion_words"] if w in clause_text or following.startswith(w)), None)
        if completion is None:
            completion = next((w for w in spec["completion_words"] if w in text[end:end + 12]), None)
        if completion is None and _bare_completion(text[end:], spec):
            completion = "完成"
        is_rule = True
        not_ours = _not_the_applicants(text[:start], text[end:], spec)
        if not_ours:
            attribute, what, is_rule = "application_deadline", not_ours, False
        elif completion:
            attribute, what = "completion_deadline", completion if completion.startswith("完成") else f"{completion}期限"
        elif (other := _other_closing(clause_text, spec)) is not None:
            attribute, what = "other", other
        elif _mails_papers(clause_text, spec):
            attribute, what, is_rule = "application_deadline", spec["mailing_label"], False
        elif any(w in text for w in spec["application_words"]):
            attribute, what = "application_deadline", "申报截止"
        elif (step := _bound_step(text[:start], text[end:], spec)) is not None:
            attribute, what = "other", step  # 资助对象须于2027年12月31日前派出: a dated step of its own
        else:
            continue
        s, e = sent.start + start, sent.start + end
        strength = strength_for(ctx, s, e, "required", "<=")
        clause = ctx.clauses[ci]
        condition = _body_condition(clause_text[:max(0, start - (clause.start - sent.start))], spec) \
            if attribute == "other" else None
        for program in ctx.programs[ci]:
            label = f"{program}{what}" if program and attribute == "application_deadline" else what
            cand = Candidate(program, attribute, "<=", iso, None, strength, condition,
                             unit.start + min(clause.start, s), unit.start + max(clause.end, e),
                             label=what if attribute == "other" else None)
            deadline = Deadline(what=label, date=iso, approximate=approx, program=program)
            out.append((cand, deadline, is_rule))
    return out


def _other_closing(clause_text: str, spec: dict) -> str | None:
    """学时登记截止时间为…, …前将培训计划报市人社局备案: a date closing another step (备案、登记、考试)
    than the application; kept as an open requirement named by that step."""
    words = spec.get("other_closings", [])
    word = next((w for w in words if w in clause_text), None)
    if word is None or any(w in clause_text for w in spec["application_words"] if w not in spec["closing_leads"]):
        return None
    head = clause_text.split(word, 1)[0]
    head = re.sub(r"^.*?(?:前将|前把|日前|之前)|(?:时间|日期)?(?:为|是|：|:)?$", "", head).strip()
    return f"{head[-10:]}{word}" if head else word


def _body_condition(before: str, spec: dict):
    """各行业主管部门应于…前…备案: the bodies a step is asked of, as its condition."""
    from .scoped import _spec, scope_condition

    m = compiled(spec["asked_of"]).search(before)
    if m is None:
        return None
    body = m.group("body")
    return scope_condition(body) if any(body.endswith(b) for b in _spec()["bodies"]) else None


def _closes_range(text: str, first, last, spec: dict) -> bool:
    """申报时间为2026年4月1日至4月25日 / 于3月1日至3月31日期间在线填报: the second date of a range
    after a 申报时间 lead, or before 期间 and an application word, closes it."""
    between = text[first.end:last.start].strip()
    if between not in spec.get("range_joiners", []):
        return False
    before = text[: first.start].rstrip()
    if any(before.endswith(w) for w in spec.get("range_lead", [])):
        return True
    after = text[last.end:].lstrip()
    tail = next((w for w in spec.get("range_tail", []) if after.startswith(w)), None)
    return tail is not None and any(w in after[len(tail):len(tail) + 12] for w in spec["application_words"])


def _mails_papers(clause_text: str, spec: dict) -> bool:
    """纸质材料于4月10日前寄送: mailing papers, not applying (…以邮寄方式报送 is applying by mail)."""
    means = spec.get("mailing_means")
    text = compiled(means).sub("", clause_text) if means else clause_text
    return any(w in text for w in spec.get("mailing_words", []))


def date_windows(ctx: SentenceContext, default_year: int | None) -> list[Candidate]:
    """博士学位获得时间在2028年1月1日至2031年6月30日之间 -> other between the dates; 进站时间在
    2030年7月1日以后 -> other >= the date; each named by the words before the dates (or after them)."""
    spec = patterns()["deadlines"]
    unit, sent = ctx.unit, ctx.sentence
    text = sent.text
    if not _DATEISH.search(text):
        return []
    spans = [s for s in find_dates(text, default_year) if isinstance(s.value, str)]
    out: list[Candidate] = []
    i = 0
    while i < len(spans):
        first = spans[i]
        ranged = i + 1 < len(spans) and text[first.end:spans[i + 1].start].strip() in spec["range_joiners"]
        last = spans[i + 1] if ranged else first
        after = text[last.end:]
        if ranged and compiled(spec["window_between"]).match(after):
            op, value = "between", [first.value, last.value]
            tail = compiled(spec["window_between"]).match(after).end()
        elif not ranged and compiled(spec["window_after"]).match(after):
            op, value = ">=", first.value
            tail = compiled(spec["window_after"]).match(after).end()
        else:
            i += 2 if ranged else 1
            continue
        ci = _clause_index(ctx.clauses, sent.start + first.start)
        clause = ctx.clauses[ci]
        if clause.text.rstrip(" ，,；;。").endswith("的"):
            i += 2 if ranged else 1
            continue  # …期间参加培训取得的, …以后取消报名的: whom a rule after it is for, no rule
        head = text[clause.start - sent.start:first.start]
        head = compiled(spec["window_label_strip"]).sub("", compiled(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])?\s*(?:对于?)?").sub("", head))
        label = head.strip(" ，,") or re.split(r"[，。；,;的]", after[tail:])[0].strip()
        if len(label) >= 2:
            s, e = sent.start + first.start, sent.start + last.end
            strength = strength_for(ctx, s, e, "required", op)
            for program in ctx.programs[ci]:
                out.append(Candidate(program, "other", op, value, None, strength, None,
                                     unit.start + clause.start, unit.start + max(clause.end, e), label=label[-16:]))
        i += 2 if ranged else 1
    return out


def _bound_step(before: str, after: str, spec: dict) -> str | None:
    """派出 in …须于2027年12月31日前派出: the step a binding date closes, when no known step is named."""
    if not compiled(spec["bound_date_lead"]).search(before):
        return None
    m = compiled(spec["bound_step"]).match(after)
    return m.group("step") if m else None


def _not_the_applicants(before: str, after: str, spec: dict) -> str | None:
    """The label of a date that closes no step of the applicants (the issuer's own step, a date set
    upstream, a step of the bureau such as 公布立项名单), else None."""
    if spec.get("own_step_before") and compiled(spec["own_step_before"]).search(before):
        return spec["own_step_label"]
    if spec.get("upstream_before") and compiled(spec["upstream_before"]).search(before):
        return spec["upstream_label"]
    step = re.match(r"\s*(?:[（(][^）)]{0,40}[）)])?\s*(?:前|之前|以前)?(?P<step>[^，。；]{0,8})", after)
    if step and any(step.group("step").startswith(w) for w in spec.get("bureau_steps", [])):
        return spec["bureau_step_label"]
    return None


def _bare_completion(after: str, spec: dict) -> bool:
    """…须于2027年11月15日前完成。: a bare 完成 right after the date, with nothing to submit in between."""
    m = compiled(spec["bare_completion"]).match(after)
    return bool(m) and not any(w in m.group(0) for w in spec["application_words"])
