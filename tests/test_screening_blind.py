"""The blind scenario: a notice and forms written apart from the checker, screened end to end.

tests/data/screening_blind/ holds a 2026 notice of another province (other numbers and
wording than the shared samples), ten forms answering it (make_forms.py) and, per form,
the violations and verdict a careful screener gives (expected/).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from shenbao.eval.screening import run_dir

FOLDER = Path(__file__).resolve().parent / "data" / "screening_blind"


@lru_cache(maxsize=1)
def scores() -> dict:
    return run_dir(FOLDER)


def expected_verdicts() -> dict[str, str]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))["verdict"]
            for p in (FOLDER / "expected").glob("blind_*.json")}


def test_every_expected_violation_is_found():
    result = scores()
    assert result["expected"] == 12
    assert result["found"] == result["expected"], result["misses"]
    assert result["batch_found"] == result["batch_expected"] == 2, result["misses"]


def test_no_false_alarms_and_compliant_forms_pass():
    result = scores()
    assert result["false_alarms"] == []
    assert result["compliant"] == 2 and result["compliant_fail"] == 0


def test_verdicts_match_the_screeners():
    result = scores()
    assert len(expected_verdicts()) == result["verdicts"] == 10
    assert result["verdict_misses"] == []
    assert result["verdicts_right"] == 10
