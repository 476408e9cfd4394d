"""The sample forms against the sample notices: every expected violation found, no
compliant form failed. Uses the expected fields (independent of the extractors) and,
when the form extractor is available, the real DOCX/PDF/XLSX files."""

from __future__ import annotations

import json

import pytest

from shenbao.checker.batch import batch_findings
from shenbao.checker.screen import screen_submission, verdict_of
from shenbao.config import shared_dir
from shenbao.eval.screening import SEED_002_EXPECTED, ruleset_from_expected, run, submissions_from_expected

SAMPLES = shared_dir() / "samples"


def _ruleset(name: str):
    if name == "seed002":
        return ruleset_from_expected(SEED_002_EXPECTED, (shared_dir() / "seeds" / "002_694fdc4915e6a238.txt")
                                     .read_text(encoding="utf-8"))
    data = json.loads((SAMPLES / "notices" / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    return ruleset_from_expected(data, (SAMPLES / "notices" / f"{name}.txt").read_text(encoding="utf-8"))


def _notice_of(stem: str) -> str:
    if stem.startswith("fj_"):
        return "fj_2025_seminar_notice"
    return "cas_2025_guide" if stem.startswith("cas_plan") else "seed002"


EXPECTED = sorted((SAMPLES / "forms" / "expected").glob("*.json"))


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_expected_fields_give_expected_violations(path):
    rules = _ruleset(_notice_of(path.stem))
    subs = submissions_from_expected(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    expected = data if isinstance(data, list) else [data]
    results = [screen_submission(s, rules) for s in subs]
    batch_findings(results, rules)
    for res, entry in zip(results, expected, strict=True):
        res.verdict = verdict_of(res.findings)
        want = {v["attribute"] for v in entry["violations"]}
        got = {f.attribute for f in res.findings if f.status == "violated"}
        assert want <= got, (res.row, want, got)
        if not want:
            assert res.verdict == "pass", (res.row, [f.message for f in res.findings if f.status != "satisfied"])
        else:
            assert got == want, (res.row, want, got)  # nothing found that a careful reviewer would not


def test_plan_rows_not_applying_get_the_note():
    rules = _ruleset("cas_2025_guide")
    subs = submissions_from_expected(SAMPLES / "forms" / "expected" / "cas_plan_01.json")
    notes = {s.row: screen_submission(s, rules).notes for s in subs}
    assert notes[4] == notes[15] == notes[12] == ["未申请院级资助，不适用院级项目要求"]


def test_real_forms_meet_the_bars():
    pytest.importorskip("shenbao.extractors.forms", reason="form extractor not available")
    from shenbao.extractors import forms

    if not hasattr(forms, "parse_form_file"):
        pytest.skip("form extractor has no parse_form_file yet")
    scores, _ = run(SAMPLES, (".docx", ".xlsx"))
    assert scores["recall"] >= 0.95, scores["misses"]
    assert scores["compliant_fail"] == 0, scores["false_alarms"]
