"""The CAS-style blind scenario: two notices and their forms, written apart from the checker.

tests/data/screening_blind_cas/ holds one folder per notice (make_forms.py builds the forms):
``guide/`` a 2027 guide with renamed programmes and other numbers + an XLSX plan list of 14
rows; ``overseas/`` a 2027 overseas pre-notice + four application forms. ``expected/`` gives
the violations and verdict a careful screener gives for each form or row.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from shenbao.eval.screening import run_dir

FOLDER = Path(__file__).resolve().parent / "data" / "screening_blind_cas"


@lru_cache(maxsize=2)
def scores(oracle: bool) -> dict:
    return run_dir(FOLDER, oracle=oracle)


def test_checker_alone_finds_every_violation_and_every_verdict():
    # the expected fields screened: what the checker does given a correct extraction
    result = scores(True)
    assert (result["found"], result["expected"]) == (11, 11), result["misses"]
    assert result["batch_found"] == result["batch_expected"] == 1
    assert result["false_alarms"] == []
    assert (result["verdicts_right"], result["verdicts"]) == (18, 18), result["verdict_misses"]


def test_overseas_forms_end_to_end():
    result = scores(False)["parts"]["overseas"]
    assert (result["found"], result["expected"]) == (3, 3), result["misses"]
    assert result["false_alarms"] == []
    assert (result["verdicts_right"], result["verdicts"]) == (4, 4), result["verdict_misses"]


def test_plan_list_end_to_end_finds_every_violation():
    result = scores(False)["parts"]["guide"]
    assert result["false_alarms"] == []
    assert result["compliant"] == 6 and result["compliant_fail"] == 0
    assert result["batch_found"] == 1
    assert (result["found"], result["expected"]) == (8, 8), result["misses"]
    assert result["verdict_misses"] == []
