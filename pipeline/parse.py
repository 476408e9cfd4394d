"""``shenbao ingest``, ``notice parse`` and ``form parse`` as use cases: one file in, a model out."""

from __future__ import annotations

from pathlib import Path

from .. import ingest
from ..extractors.forms import parse_form_file
from ..extractors.notice import parse_notice_file
from ..models import dump_json
from ..outputs.text import ruleset_table, submission_table


def ingest_command(file: Path, as_json: bool = False) -> str:
    doc = ingest.load(file)  # through the module, so that a test can stand in for the backend
    return dump_json(doc) if as_json else doc.text


def notice_command(file: Path, as_json: bool = False) -> str:
    ruleset = parse_notice_file(file)
    return dump_json(ruleset) if as_json else ruleset_table(ruleset)


def form_command(file: Path, as_json: bool = False) -> str:
    """A form's Submission; an XLSX plan list gives a list, one per row."""
    submissions = parse_form_file(file)
    if as_json:
        single = len(submissions) == 1 and submissions[0].row is None
        return dump_json(submissions[0] if single else submissions)
    return "\n\n".join(submission_table(s) for s in submissions)
