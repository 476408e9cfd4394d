"""A seventh batch written for testing only (tests/data/forms_blind7/): a Sichuan notice and six
forms of layouts the reader had not seen, in DOCX and their LibreOffice PDFs, gold written before the
reader saw them: reworded labels in a two-column table, header facts as "label：value" lines above
the table, a units table with a column naming each row's unit, boxes outside the table, pair rows
naming the unit only in the first label, section headings merged down the first column.

First (blind) run: fields DOCX 129/168 = 0.768, PDF 128/168 = 0.762; screening recall 8/14, batch
0/1, 4 false alarms, verdicts 6/12 (per form in the folder's README.md). After the fixes by class:
DOCX 168/168, PDF 168/168; screening 14/14, batch 1/1, no false alarm, 12/12 verdicts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.eval.forms import run
from shenbao.eval.screening import run_dir

BLIND = Path(__file__).parent / "data" / "forms_blind7"


@pytest.fixture(scope="module")
def totals():
    return run(folder=BLIND, show_mismatches=False)["totals"]


def test_blind7_fields_in_docx(totals):
    assert totals["format:docx"]["total"] == 168
    assert totals["format:docx"]["accuracy"] == 1.0, totals["format:docx"]


def test_blind7_fields_in_pdf(totals):
    assert totals["format:pdf"]["total"] == 168
    assert totals["format:pdf"]["accuracy"] == 1.0, totals["format:pdf"]


@pytest.fixture(scope="module")
def screened():
    return run_dir(BLIND)


def test_blind7_every_expected_violation_is_found(screened):
    assert screened["expected"] == 14
    assert screened["found"] == screened["expected"], screened["misses"]
    assert screened["batch_found"] == screened["batch_expected"] == 1, screened["misses"]


def test_blind7_no_false_alarm(screened):
    assert screened["false_alarms"] == []
    assert screened["compliant_fail"] == 0


def test_blind7_verdicts(screened):
    assert screened["verdicts"] == 12
    assert screened["verdicts_right"] == 12, screened["verdict_misses"]


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_blind7_decimal_hours_on_a_seminar_form(suffix):
    """研修总学时 carries no gold key (the batch's gold keys follow the Fujian forms, which lack the row);
    the reader still reads it as a decimal, and a form without the row gets no warning for it."""
    from shenbao.extractors.forms import parse_form_file

    [sub] = parse_form_file(BLIND / f"sc_provincial_06.{suffix}")
    assert sub.value("hours") == 32.5
    [other] = parse_form_file(BLIND / f"sc_provincial_02.{suffix}")
    assert other.value("hours") is None and not other.fields["hours"].found
    assert not any("学时" in w for w in other.warnings)
