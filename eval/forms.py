"""``python -m shenbao.eval forms``: field-level accuracy of the form reader.

Every form under samples/forms (DOCX, PDF, XLSX) is parsed and compared with
expected/NAME.json (the PDF of a form shares its DOCX's expected file).

Scoring, per leaf of the expected ``fields``:
- a scalar (text, number, null) is one leaf; texts are compared after the
  line clean-up every document gets on reading (normalize_text: full-width
  digits folded, spaces beside CJK dropped), and with line breaks kept, so a
  paragraph split in the wrong place is a mismatch;
- a dict (host, leader) is walked key by key: each key is a leaf;
- a list of dicts (members, topic_scope) is compared element by element in
  order; a missing element counts all its leaves wrong and an extra element
  counts as one wrong leaf;
- a list of scalars (special_fields, cities, a multi-ticked funding_type) is
  one leaf, compared as a multiset (tick order on the page is not meaningful);
- for an XLSX list, expected row i is compared with the submission of row i.
A form that fails to parse scores all its leaves wrong. Accuracy is correct
leaves / all leaves, reported per format and per form type; the bars are
≥ 0.98 on DOCX and ≥ 0.97 on PDF. Exit code 0 when the bars are met.
``--per-form`` also prints the accuracy of every file.

``--dir FOLDER`` scores another folder instead: every NAME.docx / NAME.pdf /
NAME.xlsx in it against NAME.json in FOLDER/gold/, in FOLDER/expected/ or beside it, for
example the held-out forms in tests/data/forms_heldout (gold/ comes first, so that a folder that is
also a screening scenario, with its expectations in expected/, is scored on its field gold).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import shared_dir
from ..normalizers.text import normalize_text

BARS = {"docx": 0.98, "pdf": 0.97}
MISSING = object()


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_text(value).strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(x, (dict, list)) for x in value)


def leaves(expected: Any, got: Any, path: str) -> Iterator[tuple[str, Any, Any, bool]]:
    """(path, expected, got, correct) for every scored leaf."""
    if isinstance(expected, dict):
        got_dict = got if isinstance(got, dict) else {}
        for key, value in expected.items():
            yield from leaves(value, got_dict.get(key, MISSING), f"{path}.{key}")
        return
    if isinstance(expected, list) and expected and not _scalar_list(expected):
        got_list = got if isinstance(got, list) else []
        for i, item in enumerate(expected):
            yield from leaves(item, got_list[i] if i < len(got_list) else MISSING, f"{path}[{i}]")
        for i in range(len(expected), len(got_list)):
            yield f"{path}[{i}]", MISSING, got_list[i], False
        return
    if isinstance(expected, list):
        ok = isinstance(got, list) and sorted(map(str, map(_norm, expected))) == sorted(map(str, map(_norm, got)))
        yield path, expected, got, ok
        return
    yield path, expected, got, (got is not MISSING and _norm(expected) == _norm(got))


def submission_values(sub) -> dict[str, Any]:
    return {k: f.value for k, f in sub.fields.items()}


def score_form(path: Path, expected: Any) -> tuple[list[tuple[str, Any, Any, bool]], str | None]:
    """All scored leaves of one file; the second item is the parse error, if any."""
    from ..errors import ShenbaoError
    from ..extractors.forms import parse_form_file

    rows = expected if isinstance(expected, list) else [expected]
    try:
        subs = parse_form_file(path)
        error = None
    except (ShenbaoError, Exception) as err:  # a crash is scored, not raised
        subs, error = [], f"{type(err).__name__}: {err}"
    out = []
    for i, exp in enumerate(rows):
        prefix = f"row{i + 1}:" if isinstance(expected, list) else ""
        sub = subs[i] if i < len(subs) else None
        got_type = sub.form_type if sub else MISSING
        out.append((f"{prefix}form_type", exp["form_type"], got_type, got_type == exp["form_type"]))
        values = submission_values(sub) if sub else {}
        for key, value in exp["fields"].items():
            out.extend((f"{prefix}{p}", e, g, ok) for p, e, g, ok in leaves(value, values.get(key, MISSING), key))
    return out, error


def mismatches(path: Path, expected_path: Path) -> list[tuple[str, Any, Any]]:
    """(field, expected, got) for every leaf of ``path`` that differs from ``expected_path``."""
    scored, error = score_form(path, json.loads(expected_path.read_text(encoding="utf-8")))
    if error:
        return [("parse", None, error)]
    return [(p, e, g) for p, e, g, ok in scored if not ok]


FORM_SUFFIXES = (".docx", ".pdf", ".xlsx", ".doc", ".wps", ".xls", ".et", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
SCAN_BARS = {"ordinary": 0.95, "ticks": 0.98}


def sample_files(root: Path) -> list[tuple[Path, Path]]:
    """The shared samples: samples/forms/NAME.ext scored against samples/forms/expected/NAME.json."""
    return folder_files(root / "forms")


def folder_files(folder: Path) -> list[tuple[Path, Path]]:
    """NAME.{docx,pdf,xlsx} with their expected NAME.json: in gold/, in expected/ or beside them."""
    pairs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FORM_SUFFIXES:
            continue
        # gold/ first: a folder that is also a screening scenario keeps its screening expectations in expected/.
        for expected in (folder / "gold" / f"{path.stem}.json", folder / "expected" / f"{path.stem}.json",
                         folder / f"{path.stem}.json"):
            if expected.exists():
                pairs.append((path, expected))
                break
    return pairs


def _show(value: Any) -> str:
    if value is MISSING:
        return "<missing>"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def run(root: Path | None = None, formats: set[str] | None = None, show_mismatches: bool = True,
        folder: Path | None = None) -> dict[str, Any]:
    """Score the shared samples under ``root``, or the forms of ``folder`` when it is given."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    mismatches = []
    errors = []
    pairs = folder_files(folder) if folder is not None else sample_files(root or shared_dir() / "samples")
    for path, expected_path in pairs:
        fmt = path.suffix.lower().lstrip(".")
        if formats and fmt not in formats:
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        form_type = (expected[0] if isinstance(expected, list) else expected)["form_type"]
        scored, error = score_form(path, expected)
        if error:
            errors.append((path.name, error))
        for leaf, exp, got, ok in scored:
            for key in (f"format:{fmt}", f"type:{form_type}", f"{fmt}:{form_type}", "all", f"file:{path.name}"):
                totals[key][0] += ok
                totals[key][1] += 1
            if not ok:
                mismatches.append((path.name, leaf, exp, got))
    if show_mismatches:
        for name, err in errors:
            print(f"ERROR {name}: {err}")
        for name, leaf, exp, got in mismatches:
            print(f"MISMATCH {name} {leaf}: expected {_show(exp)} got {_show(got)}")
    return {"totals": {k: {"correct": v[0], "total": v[1], "accuracy": round(v[0] / v[1], 4) if v[1] else None}
                       for k, v in sorted(totals.items())},
            "mismatches": len(mismatches), "errors": len(errors)}


def _tick_fields(form_type: str) -> set[str]:
    """Fields of a form type read from tick boxes."""
    from ..extractors.forms.labels import type_spec

    fields = type_spec(form_type).get("fields", {})
    return {k for k, f in fields.items() if isinstance(f, dict) and f.get("kind") in ("choice", "category_detail")}


def score_scans(folder: Path, show_mismatches: bool = True) -> dict[str, Any]:
    """Field and tick-box accuracy of the scans in ``folder``, with OCR seconds per page and peak memory."""
    import resource
    import time

    totals = {"fields": [0, 0], "ticks": [0, 0]}
    pages = 0
    seconds = 0.0
    errors = 0
    for path, expected_path in folder_files(folder):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        form_type = (expected[0] if isinstance(expected, list) else expected)["form_type"]
        ticks = _tick_fields(form_type)
        pages += _page_count(path)
        started = time.process_time()  # reading the form is almost all OCR: timed as such
        scored, error = score_form(path, expected)
        seconds += time.process_time() - started
        errors += bool(error)
        if error and show_mismatches:
            print(f"ERROR {folder.name}/{path.name}: {error}")
        for leaf, exp, got, ok in scored:
            totals["fields"][0] += ok
            totals["fields"][1] += 1
            if leaf.partition(":")[2 if ":" in leaf else 0].split(".")[0].split("[")[0] in ticks:
                totals["ticks"][0] += ok
                totals["ticks"][1] += 1
            if not ok and show_mismatches:
                print(f"MISMATCH {folder.name}/{path.name} {leaf}: expected {_show(exp)} got {_show(got)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"fields": _acc(totals["fields"]), "ticks": _acc(totals["ticks"]), "pages": pages,
            "cpu_seconds_per_page": round(seconds / pages, 2) if pages else None, "peak_rss_mb": round(peak),
            "errors": errors}


def _page_count(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _acc(pair: list[int]) -> dict[str, Any]:
    return {"correct": pair[0], "total": pair[1], "accuracy": round(pair[0] / pair[1], 4) if pair[1] else None}


def run_scans(folder: Path | None, quiet: bool = False, as_json: bool = False) -> int:
    from ..ingest import ocr

    if not ocr.available():
        print(f"OCR 未安装 / OCR not installed: {ocr.INSTALL_HINT}", file=sys.stderr)
        return 2
    from .make_scans import LEVELS, default_folder, make_scans

    folder = folder or default_folder()
    if not all((folder / level).is_dir() and any((folder / level).glob("*.pdf")) for level in LEVELS):
        make_scans(folder)
    results = {level: score_scans(folder / level, show_mismatches=not quiet) for level in LEVELS}
    if as_json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print()
        print(f"{'scans':<10} {'fields':>16} {'tick boxes':>16} {'pages':>6} {'CPU s/page':>11} {'peak MB':>8}")
        for level, r in results.items():
            f, t = r["fields"], r["ticks"]
            print(f"{level:<10} {f['accuracy']:>7.4f} ({f['correct']:>3}/{f['total']:>3}) "
                  f"{t['accuracy'] if t['accuracy'] is not None else 0:>7.4f} ({t['correct']:>3}/{t['total']:>3}) "
                  f"{r['pages']:>6} {r['cpu_seconds_per_page'] or 0:>11.2f} {r['peak_rss_mb']:>8}")
    ordinary = results["ordinary"]
    ok = (ordinary["fields"]["accuracy"] or 0) >= SCAN_BARS["ordinary"] \
        and (ordinary["ticks"]["accuracy"] or 0) >= SCAN_BARS["ticks"]
    if not ok:
        print(f"BELOW BAR ordinary scans: fields ≥ {SCAN_BARS['ordinary']}, tick boxes ≥ {SCAN_BARS['ticks']}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shenbao.eval forms", description="Form field accuracy")
    parser.add_argument("--samples", type=Path, default=None, help="samples folder (default: shared/samples)")
    parser.add_argument("--dir", type=Path, default=None, dest="folder",
                        help="score the forms of this folder (NAME.docx/.pdf/.xlsx against NAME.json) "
                             "instead of the shared samples")
    parser.add_argument("--set", choices=["samples", "scans"], default="samples", dest="which",
                        help="scans: scanned versions of the samples (made by eval/make_scans.py if missing), "
                             "ordinary and harsh, read by OCR")
    parser.add_argument("--scans", type=Path, default=None, help="folder of the scans (default build/scans)")
    parser.add_argument("--format", action="append", choices=["docx", "pdf", "xlsx"], help="only these formats")
    parser.add_argument("--quiet", action="store_true", help="do not list mismatches")
    parser.add_argument("--per-form", action="store_true", help="also print the accuracy of every file")
    parser.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = parser.parse_args(argv)
    if args.folder is not None and not args.folder.is_dir():
        print(f"{args.folder}: 不是文件夹 / not a folder", file=sys.stderr)
        return 2
    if args.which == "scans":
        return run_scans(args.scans, quiet=args.quiet, as_json=args.json)
    root = args.samples or shared_dir() / "samples"
    result = run(root, set(args.format) if args.format else None, show_mismatches=not args.quiet,
                 folder=args.folder)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print()
        print(f"{'group':<40} {'correct':>8} {'total':>7} {'accuracy':>9}")
        for key, t in result["totals"].items():
            if key.startswith("file:") and not args.per_form:
                continue
            print(f"{key:<40} {t['correct']:>8} {t['total']:>7} {t['accuracy']:>9.4f}")
    ok = True
    for fmt, bar in BARS.items():
        t = result["totals"].get(f"format:{fmt}")
        if t is not None and t["accuracy"] is not None and t["accuracy"] < bar:
            print(f"BELOW BAR {fmt}: {t['accuracy']:.4f} < {bar}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
