"""``shenbao classify`` as a use case: one text, or a file of proposals, onto the directions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import ShenbaoError, UnsupportedFormatError
from ..extractors.topics import Classifier, read_proposals
from ..models import ProposalResult, dump_json
from ..outputs.topics import WRITERS, matches_table, results_table, taxonomy_line, write_results

# Show a progress bar on a terminal, or on any stream for files this large.
PROGRESS_MIN_TTY = 50
PROGRESS_MIN_ANY = 5000


class InputError(ShenbaoError):
    reason_zh = "缺少选题"
    reason_en = "nothing to classify"


def build_classifier(rules: Path | None) -> Classifier:
    return Classifier.from_rules(rules) if rules else Classifier()


def split_text(text: str) -> tuple[str, str | None]:
    """First line is the title, the rest (if any) the description."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return "", None
    return lines[0], " ".join(lines[1:]) or None


def classify_command(text: str | None = None, file: Path | None = None, rules: Path | None = None,
                     top: int = 3, out: Path | None = None, as_json: bool = False) -> str:
    if top < 1:
        raise InputError(None, "--top 至少为 1 / --top must be at least 1")
    if file is None and not (text and text.strip()):
        raise InputError(None, "请给出选题文本或 --file / give a TEXT or --file")
    if out is not None and out.suffix.lower() not in WRITERS:
        raise UnsupportedFormatError(out, "输出文件应为 .json/.jsonl/.csv/.xlsx")
    if file is None:
        title, description = split_text(text or "")
        result = classify_one(build_classifier(rules), "1", title, description, top)
        if out is not None:
            write_results([result], out)
        # The JSON of one text stays the list of matches (the contract); the text output says
        # which direction came nearest and why it was rejected.
        if as_json:
            note_builtin(result.taxonomy)
            return dump_json(result.matches)
        return matches_table(title, result.matches, result)
    proposals = read_proposals(file)
    classifier = build_classifier(rules)
    results = classify_all(classifier, proposals, top=top, progress=progress_for(len(proposals)))
    if out is not None:
        write_results(results, out)
    if as_json:
        note_builtin(classifier.taxonomy)
        return dump_json(results)
    return results_table(results)


def note_builtin(taxonomy) -> None:
    """With --json, the built-in list is also named on stderr: an empty list of matches carries
    no taxonomy field, and stdout stays the contract's JSON."""
    if taxonomy is not None and taxonomy.kind == "builtin":
        print(taxonomy_line(taxonomy), file=sys.stderr)


def read_proposal_file(file: Path) -> list:
    """The proposals of a JSONL / TXT / XLSX file, in input order."""
    return read_proposals(file)


# From this many proposals on, the segmenter's whole dictionary is read up front (faster lookups).
WHOLE_TABLE_FROM = 200


def classify_all(classifier: Classifier, proposals, top: int = 3,
                 progress: Callable | None = None) -> list[ProposalResult]:
    if len(proposals) >= WHOLE_TABLE_FROM:
        from ..extractors.prefix_dict import whole_table
        from ..extractors.topics.matcher import segmenter

        whole_table(segmenter())
    results = []
    iterator = progress(proposals) if progress else proposals
    for proposal in iterator:
        results.append(classify_one(classifier, proposal.id, proposal.title, proposal.description, top))
    return results


def classify_one(classifier: Classifier, pid: str, title: str, description: str | None,
                 top: int = 3) -> ProposalResult:
    """One proposal; when it is in no direction, with the nearest direction and the reason."""
    matches, nearest, reason = classifier.classify_or_explain(title, description, top=top)
    if matches:
        return ProposalResult(id=pid, title=title, matches=matches, taxonomy=classifier.taxonomy)
    return ProposalResult(id=pid, title=title, matches=[], nearest=nearest, none_reason=reason,
                          taxonomy=classifier.taxonomy)


def progress_for(total: int) -> Callable | None:
    """A tqdm wrapper on stderr when someone can see it or the file is large; else nothing."""
    tty = sys.stderr.isatty()
    if not ((tty and total >= PROGRESS_MIN_TTY) or total >= PROGRESS_MIN_ANY):
        return None
    from tqdm import tqdm

    def wrap(items):
        return tqdm(items, total=total, desc="分类 / classifying", unit="题", file=sys.stderr,
                    mininterval=0.2 if tty else 5.0, leave=False)

    return wrap
