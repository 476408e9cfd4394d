"""A form screened against another notice never passes: it is 申报表与所选通知不符.

Every sample form is screened against every notice it does not answer (the other
programme systems' notices and a 指导意见 with no application round); none may
pass or go to review, and none enters the 汇总表. Against its own notice it is
never called a mismatch.
"""

from __future__ import annotations

from functools import cache

import pytest

from shenbao.checker.belonging import MISMATCH
from shenbao.config import shared_dir
from shenbao.outputs import write_summary_table
from shenbao.pipeline.rules import load_ruleset
from shenbao.pipeline.screen import screen

SAMPLES = shared_dir() / "samples"
SEEDS = shared_dir() / "seeds"
NOTICES = {
    "fj_seminar": SAMPLES / "notices" / "fj_2025_seminar_notice.txt",
    "cas_guide": SAMPLES / "notices" / "cas_2025_guide.txt",
    "cas_overseas": SEEDS / "002_694fdc4915e6a238.txt",
    "cas_guideline": SEEDS / "003_6c8ce79a837631db.txt",
}
OWN = {"fj_": "fj_seminar", "cas_plan": "cas_guide", "cas_overseas": "cas_overseas"}
FORMS = sorted(p for p in (SAMPLES / "forms").iterdir() if p.suffix in (".docx", ".xlsx"))


@cache
def ruleset(name: str):
    return load_ruleset(NOTICES[name])


def own_notice(form) -> str:
    return next(n for prefix, n in OWN.items() if form.name.startswith(prefix))


PAIRS = [(form, notice) for form in FORMS for notice in NOTICES if notice != own_notice(form)]


@pytest.mark.parametrize(("form", "notice"), PAIRS, ids=[f"{f.stem}-vs-{n}" for f, n in PAIRS])
def test_form_of_another_notice_is_a_mismatch(form, notice):
    report = screen([form], ruleset(notice))
    assert report.results, form
    for result in report.results:
        assert result.verdict == "fail", (form.name, notice, result.verdict)
        assert result.findings[0].message.startswith(MISMATCH), result.findings[0].message
    assert report.summary.pass_ == 0


@pytest.mark.parametrize("form", FORMS, ids=[f.stem for f in FORMS])
def test_form_against_its_own_notice_is_no_mismatch(form):
    report = screen([form], ruleset(own_notice(form)))
    messages = [f.message for r in report.results for f in r.findings]
    assert not any(m.startswith(MISMATCH) for m in messages), messages


def test_mismatched_forms_never_enter_the_summary_table(tmp_path):
    import openpyxl

    fj_forms = [f for f in FORMS if f.name.startswith("fj_")]
    report = screen(fj_forms + [f for f in FORMS if f.name.startswith("cas_")], ruleset("fj_seminar"))
    out = tmp_path / "汇总表.xlsx"
    write_summary_table(report, out, ruleset("fj_seminar"))
    text = "\n".join(str(c.value) for ws in openpyxl.load_workbook(out).worksheets
                     for row in ws.iter_rows() for c in row if c.value is not None)
    cas_titles = [r.title for r in report.results if r.file.split("/")[-1].startswith("cas_") and r.title]
    assert cas_titles and not any(t in text for t in cas_titles)
