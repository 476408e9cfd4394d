"""``shenbao ingest``, ``notice parse`` and ``form parse`` as use cases: one file in, a model out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import ingest
from ..models import dump_json

if TYPE_CHECKING:
    from ..models import RuleSet, Submission

# Each command imports only its own stage (start-up: a notice command never loads the form readers).


def ingest_command(file: Path, as_json: bool = False) -> str:
    doc = ingest.load(file)  # through the module, so that a test can stand in for the backend
    return dump_json(doc) if as_json else doc.text


def notice_command(file: Path, as_json: bool = False) -> str:
    from ..extractors.notice import parse_notice_file
    from ..outputs.text import ruleset_table

    ruleset = parse_notice_file(file)
    return dump_json(ruleset) if as_json else ruleset_table(ruleset)


def read_notice(file: Path) -> tuple[str, RuleSet]:
    """A notice's normalized text (what evidence offsets point into) and its RuleSet."""
    from ..extractors.notice import parse_notice, refuse_filled_form

    doc = ingest.load(file)
    refuse_filled_form(doc)
    return doc.text, parse_notice(doc)


def read_forms(file: Path) -> list[Submission]:
    """Every Submission of one form file (an XLSX plan list gives one per row)."""
    from ..extractors.forms import parse_form_file

    return parse_form_file(file)


def form_command(file: Path, as_json: bool = False) -> str:
    """A form's Submission; an XLSX plan list gives a list, one per row."""
    from ..extractors.forms import parse_form_file
    from ..outputs.text import submission_table

    submissions = parse_form_file(file)
    if as_json:
        single = len(submissions) == 1 and submissions[0].row is None
        return dump_json(submissions[0] if single else submissions)
    return "\n\n".join(submission_table(s) for s in submissions)
