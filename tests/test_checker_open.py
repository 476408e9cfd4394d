"""An open requirement (attribute other) is shown for a person to check, never silently dropped."""

from __future__ import annotations

from shenbao.config import shared_dir
from shenbao.eval.screening import load_sample_ruleset
from shenbao.models import Evidence, Requirement
from shenbao.pipeline.screen import screen_path

SAMPLES = shared_dir() / "samples"


def test_an_open_requirement_becomes_a_note_to_check_by_hand():
    ruleset = load_sample_ruleset(SAMPLES / "notices" / "fj_2025_seminar_notice.txt", [])
    plain = screen_path(SAMPLES / "forms" / "fj_national_01.docx", ruleset)[0]
    quote = "每期研修须安排不少于半天的现场教学"
    ruleset.requirements.append(Requirement(
        id="open-1", attribute="other", label="现场教学", op=">=", value=0.5, unit="天", strength="required",
        evidence=Evidence(text=quote, start=0, end=len(quote))))
    [result] = screen_path(SAMPLES / "forms" / "fj_national_01.docx", ruleset)
    [note] = [n for n in result.notes if "需人工核对" in n]
    assert "1 项" in note and "现场教学" in note and quote in note
    assert result.verdict == plain.verdict  # shown to the reviewer, not a pass or fail of its own
