"""Evaluation of screening on the shared samples: ``python -m shenbao.eval screening``.

Rule sets come from the sample notices, read by the notice extractor: fj forms <-
fj_2025_seminar_notice, cas_plan <- cas_2025_guide, cas_overseas <- seed 002. Every sample form (DOCX, PDF, XLSX) is screened through the form
extractor. Printed: violation recall (each expected violation found with the
right attribute, per file/row), fails and warnings on compliant forms, each miss.
Bars: recall >= 0.95 and no fail on a compliant form.

``--dir FOLDER`` scores a self-contained scenario instead: FOLDER holds one notice
(``notice.txt|docx|pdf``), the forms answering it and ``expected/`` (one JSON per
form: ``violations`` as attribute + field + why, optional ``verdict``; optional
``batch.json`` with the expected ``batch_findings``). All forms are screened
together, as ``shenbao screen`` does, so batch rules (每单位限报, 重复申报) count.
An expected JSON that is a list gives one entry per XLSX data row. A FOLDER without a
notice but with sub-folders that each hold one (one folder per notice) is scored
folder by folder and the counts added up. ``--oracle-fields`` screens the expected
``fields`` instead of the extracted ones (the checker alone, without the form extractor).
Printed besides recall: false alarms (violations found that no expected entry names)
and verdict accuracy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from ..config import shared_dir
from ..models import Evidence, Field_, Program, Requirement, RuleSet, ScreeningResult, Source, Submission

RECALL_BAR = 0.95

# Which notice each sample form family answers (file-name prefix -> notice).
NOTICE_OF_FORM = {
    "fj_": "notices/fj_2025_seminar_notice.pdf",
    "cas_plan": "notices/cas_2025_guide.pdf",
    "cas_overseas": "../seeds/002_694fdc4915e6a238.txt",
}


# --------------------------------------------------------------------------- expected JSON -> models


def _locate(text: str, quote: str) -> tuple[int, int]:
    idx = text.find(quote)
    return (idx, idx + len(quote)) if idx >= 0 else (0, 0)


def ruleset_from_expected(data: dict, notice_text: str = "", file: str = "expected.json") -> RuleSet:
    """A RuleSet from the samples' simplified expected shape (``quote`` for evidence, programme names)."""
    def evidence(quote: str | None) -> Evidence | None:
        if not quote:
            return None
        start, end = _locate(notice_text, quote)
        return Evidence(text=quote, start=start, end=end)

    requirements = []
    for i, req in enumerate(data.get("requirements", []), 1):
        req = dict(req)
        quote = req.pop("quote", None)
        requirements.append(Requirement(id=f"r{i:02d}-{req['attribute']}", evidence=evidence(quote), **req))
    programs = [Program(name=p) if isinstance(p, str) else Program(**p) for p in data.get("programs", [])]
    notice = {k: v for k, v in (data.get("notice") or {}).items() if k != "quote"}
    sha = hashlib.sha256(notice_text.encode("utf-8")).hexdigest()
    return RuleSet(source=Source(file=file, sha256=sha, format="txt"), notice=notice, programs=programs,
                   requirements=requirements)


def submissions_from_expected(path: Path) -> list[Submission]:
    """Submissions from an expected form JSON (one per XLSX row, row numbers 1-based)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else [data]
    source = Source(file=str(path), sha256="0" * 64, format="xlsx" if isinstance(data, list) else "docx")
    return [Submission(source=source, form_type=entry["form_type"], row=(i if isinstance(data, list) else None),
                       fields={k: Field_(value=v) for k, v in entry["fields"].items()})
            for i, entry in enumerate(entries, 1)]


# --------------------------------------------------------------------------- rule sets


def load_sample_ruleset(notice: Path, log: list[str]) -> RuleSet:
    """The notice read by the notice extractor (``log`` is kept for callers that collect notes)."""
    from ..extractors.notice import parse_notice_file

    return parse_notice_file(notice)


# --------------------------------------------------------------------------- scoring


def _notice_for(form: Path) -> str | None:
    return next((n for prefix, n in NOTICE_OF_FORM.items() if form.name.startswith(prefix)), None)


def _expected_for(form: Path, samples: Path) -> list[dict]:
    data = json.loads((samples / "forms" / "expected" / f"{form.stem}.json").read_text(encoding="utf-8"))
    return data if isinstance(data, list) else [data]


def score(forms_dir: Path, results_by_form: dict[Path, list[ScreeningResult]]) -> dict:
    samples = forms_dir.parent
    expected_total = found = 0
    misses: list[str] = []
    compliant = compliant_fail = compliant_warn = 0
    false_alarms: list[str] = []
    for form, results in sorted(results_by_form.items()):
        expected = _expected_for(form, samples)
        by_row = {r.row: r for r in results}
        for i, entry in enumerate(expected, 1):
            row = i if len(expected) > 1 or form.suffix == ".xlsx" else None
            res = by_row.get(row) or (results[0] if len(results) == 1 and row is None else None)
            where = f"{form.name}" + (f" 第{row}行" if row else "")
            violations = entry.get("violations", [])
            if res is None or res.verdict == "error":
                reason = res.error if res is not None else "无结果"
                misses += [f"{where}: {v['attribute']} 未找到（{reason}）" for v in violations]
                expected_total += len(violations)
                if not violations:
                    compliant += 1
                    false_alarms.append(f"{where}: 合规表单无法审查（{reason}）")
                continue
            flagged = {f.attribute for f in res.findings if f.status == "violated"}
            for v in violations:
                expected_total += 1
                if v["attribute"] in flagged:
                    found += 1
                else:
                    misses.append(f"{where}: 未发现 {v['attribute']}（{v.get('why', '')}）")
            if not violations:
                compliant += 1
                bad = [f for f in res.findings if f.status != "satisfied"]
                if res.verdict == "fail":
                    compliant_fail += 1
                    false_alarms.append(f"{where}: 合规表单被判不通过：" + "；".join(f.message for f in bad))
                elif bad:
                    compliant_warn += 1
                    false_alarms.append(f"{where}: 合规表单有提示：" + "；".join(f.message for f in bad))
    recall = found / expected_total if expected_total else 1.0
    return {"expected": expected_total, "found": found, "recall": recall, "misses": misses,
            "compliant": compliant, "compliant_fail": compliant_fail, "compliant_warn": compliant_warn,
            "false_alarms": false_alarms}


def run(samples: Path | None = None, formats: tuple[str, ...] = (".docx", ".pdf", ".xlsx")) -> tuple[dict, list[str]]:
    from ..checker.batch import batch_findings
    from ..checker.screen import verdict_of
    from ..pipeline.screen import screen_path

    samples = samples or shared_dir() / "samples"
    forms_dir = samples / "forms"
    log: list[str] = []
    rulesets: dict[str, RuleSet] = {}
    results_by_form: dict[Path, list[ScreeningResult]] = {}
    for form in sorted(p for p in forms_dir.iterdir() if p.suffix in formats):
        notice = _notice_for(form)
        if notice is None:
            continue
        if notice not in rulesets:
            rulesets[notice] = load_sample_ruleset((samples / notice).resolve(), log)
        results = screen_path(form, rulesets[notice])
        batch_findings(results, rulesets[notice])  # batch rules within the file (an XLSX plan list)
        for res in results:
            if res.verdict != "error":
                res.verdict = verdict_of(res.findings)
        results_by_form[form] = results
    return score(forms_dir, results_by_form), log


# Names a hand-written expectation may use for an attribute the checker names otherwise.
ATTRIBUTE_ALIASES = {"duplicate": "duplicate_submission"}


def _canonical(attribute: str) -> str:
    return ATTRIBUTE_ALIASES.get(attribute, attribute)


NOTICE_SUFFIXES = (".txt", ".docx", ".pdf", ".md", ".html")


def find_notice(folder: Path) -> Path:
    for suffix in NOTICE_SUFFIXES:
        candidate = folder / f"notice{suffix}"
        if candidate.exists():
            return candidate
    raise SystemExit(f"{folder}: 没有 notice.txt/.docx/.pdf / no notice file in the folder")


def scenario_folders(folder: Path) -> list[Path]:
    """The folder itself when it holds a notice, else its sub-folders that do (one folder per notice)."""
    if any((folder / f"notice{suffix}").exists() for suffix in NOTICE_SUFFIXES):
        return [folder]
    subs = sorted(p for p in folder.iterdir() if p.is_dir() and any(
        (p / f"notice{suffix}").exists() for suffix in NOTICE_SUFFIXES))
    return subs or [folder]


def run_dir(folder: Path, oracle: bool = False) -> dict:
    """Score a scenario folder, or each notice's sub-folder of it, and add the scores up."""
    parts = [(sub, run_one_dir(sub, oracle)) for sub in scenario_folders(folder)]
    if len(parts) == 1:
        return parts[0][1]
    return merge_scores([(sub.name, scores) for sub, scores in parts])


def merge_scores(parts: list[tuple[str, dict]]) -> dict:
    """Sums of the counts and the listed lines prefixed with the sub-scenario's name."""
    total: dict = {"parts": {name: scores for name, scores in parts}}
    for key in ("expected", "found", "compliant", "compliant_fail", "verdicts", "verdicts_right",
                "batch_expected", "batch_found"):
        total[key] = sum(scores[key] for _, scores in parts)
    for key in ("misses", "false_alarms", "verdict_misses"):
        total[key] = [f"{name}/{line}" for name, scores in parts for line in scores[key]]
    total["recall"] = total["found"] / total["expected"] if total["expected"] else 1.0
    return total


def run_one_dir(folder: Path, oracle: bool = False) -> dict:
    """Screen every form of a scenario folder against its notice and score against ``expected/``.

    ``oracle``: screen the expected ``fields`` instead of what the form extractor reads, so
    that a miss of the checker is told apart from a miss of the form extractor.
    """
    from ..extractors.notice import parse_notice_file
    from ..pipeline.screen import screen

    ruleset = parse_notice_file(find_notice(folder))
    forms = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".docx", ".pdf", ".xlsx")
                   and p.stem != "notice" and (folder / "expected" / f"{p.stem}.json").exists())
    report = screen_expected_fields(forms, folder, ruleset) if oracle else screen(forms, ruleset)
    return score_dir(folder, report)


def screen_expected_fields(forms: list[Path], folder: Path, ruleset: RuleSet):
    """A screening report over the forms' expected fields (one submission per XLSX row)."""
    from ..checker.screen import finish_report, screen_submission
    from ..models import RuleSetRef, ScreeningReport

    report = ScreeningReport(ruleset=RuleSetRef.of(ruleset))
    for form in forms:
        for sub in submissions_from_expected(folder / "expected" / f"{form.stem}.json"):
            report.results.append(screen_submission(sub, ruleset, file=str(form)))
    return finish_report(report, ruleset)


def expected_entry(folder: Path, res) -> dict | None:
    """The expected entry of one result: the file's JSON, or its ``row``-th entry for an XLSX list."""
    data = json.loads((folder / "expected" / f"{Path(res.file).stem}.json").read_text(encoding="utf-8"))
    if isinstance(data, dict):
        return data
    row = res.row or 1
    return data[row - 1] if 0 < row <= len(data) else None


def score_dir(folder: Path, report) -> dict:
    expected_total = found = verdicts_right = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    verdict_misses: list[str] = []
    compliant = compliant_fail = 0
    for res in report.results:
        name = Path(res.file).name + (f" 第{res.row}行" if res.row else "")
        entry = expected_entry(folder, res)
        if entry is None:
            false_alarms.append(f"{name}: 没有对应的预期（第{res.row}行）")
            continue
        wanted = {_canonical(v["attribute"]) for v in entry.get("violations", [])}
        flagged = {f.attribute: f for f in res.findings if f.status == "violated"}
        for v in entry.get("violations", []):
            expected_total += 1
            if _canonical(v["attribute"]) in flagged:
                found += 1
            else:
                misses.append(f"{name}: 未发现 {v['attribute']}（{v.get('why', '')}）")
        for attribute, finding in flagged.items():
            if attribute not in wanted:
                false_alarms.append(f"{name}: {attribute} [{finding.severity}] {finding.message}")
        if not wanted:
            compliant += 1
            compliant_fail += res.verdict == "fail"
        if entry.get("verdict"):
            if entry["verdict"] == res.verdict:
                verdicts_right += 1
            else:
                verdict_misses.append(f"{name}: 判定 {res.verdict}，应为 {entry['verdict']}")
    batch_expected = []
    batch_file = folder / "expected" / "batch.json"
    if batch_file.exists():
        batch_expected = json.loads(batch_file.read_text(encoding="utf-8")).get("batch_findings", [])
    batch_found = 0
    for want in batch_expected:
        files = {Path(f).stem for f in want.get("files", [])}
        if any(_canonical(want["attribute"]) == b.attribute and files <= {Path(f).stem for f in b.files}
               for b in report.batch_findings):
            batch_found += 1
        else:
            misses.append(f"batch: 未发现 {want['attribute']} {sorted(files)}")
    return {"expected": expected_total, "found": found,
            "recall": found / expected_total if expected_total else 1.0, "misses": misses,
            "false_alarms": false_alarms, "compliant": compliant, "compliant_fail": compliant_fail,
            "verdicts": len(report.results), "verdicts_right": verdicts_right, "verdict_misses": verdict_misses,
            "batch_expected": len(batch_expected), "batch_found": batch_found}


def main_dir(folder: Path, as_json: bool, oracle: bool = False) -> int:
    scores = run_dir(folder, oracle)
    if as_json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        print(f"violation recall: {scores['found']}/{scores['expected']} = {scores['recall']:.3f} (bar {RECALL_BAR})")
        print(f"batch findings: {scores['batch_found']}/{scores['batch_expected']}")
        print(f"false alarms: {len(scores['false_alarms'])}; compliant forms failed: "
              f"{scores['compliant_fail']}/{scores['compliant']}")
        print(f"verdicts right: {scores['verdicts_right']}/{scores['verdicts']}")
        print_problems(scores)
    ok = scores["recall"] >= RECALL_BAR and scores["compliant_fail"] == 0
    print("PASS" if ok else "BELOW BAR", file=sys.stderr)
    return 0 if ok else 1


def print_problems(scores: dict) -> None:
    """Every missed violation, false alarm and wrong verdict, one per line."""
    for tag, key in (("MISS ", "misses"), ("ALARM", "false_alarms"), ("VERDICT", "verdict_misses")):
        for line in scores.get(key, []):
            print(f"  {tag} {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shenbao.eval screening", description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=None, help="samples folder (default: shared samples)")
    parser.add_argument("--format", action="append", default=None, help="only forms of this suffix (.docx ...)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--dir", type=Path, default=None,
                        help="a scenario folder: notice + forms + expected/ (scored together, with batch rules)")
    parser.add_argument("--oracle-fields", action="store_true",
                        help="with --dir: screen the expected fields, not the extracted ones (checker alone)")
    args = parser.parse_args(argv)
    if args.dir is not None:
        return main_dir(args.dir, args.json, args.oracle_fields)
    formats = tuple(args.format) if args.format else (".docx", ".pdf", ".xlsx")
    scores, log = run(args.samples, formats)
    if args.json:
        print(json.dumps({**scores, "log": log}, ensure_ascii=False, indent=2))
    else:
        for line in log:
            print(line)
        print(f"violation recall: {scores['found']}/{scores['expected']} = {scores['recall']:.3f} "
              f"(bar {RECALL_BAR})")
        print(f"compliant forms: {scores['compliant']}, failed: {scores['compliant_fail']} (bar 0), "
              f"with warnings/unknowns: {scores['compliant_warn']}")
        print_problems(scores)
    ok = scores["recall"] >= RECALL_BAR and scores["compliant_fail"] == 0
    print("PASS" if ok else "BELOW BAR", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
