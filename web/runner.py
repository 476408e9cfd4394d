"""Screening and classification jobs: the pipeline run in the background, progress in the jobs table.

A screening job copies the uploads under ``jobs/<id>/inputs`` (generated names), calls
``pipeline.screen.screen_inputs`` with a progress callback that counts finished files
into the job row, writes the reports with the pipeline's writers into the job folder
and records the summary. One file that crashes is an ``error`` row of the report (the
pipeline's own guarantee); a failure of the whole run marks the job ``failed`` with
its one-line reason, never a job that silently disappears.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ShenbaoError
from ..models import ProposalResult, RuleSet, dump_json
from ..pipeline.classify import build_classifier, classify_all
from ..pipeline.rules import reference
from ..pipeline.screen import screen_inputs, write_outputs
from ..store import jobs, registry
from ..store.validate import ensure_usable
from .settings import Settings
from .uploads import Stored

REPORTS = {"html": "审查报告.html", "xlsx": "审查报告.xlsx", "csv": "审查报告.csv", "json": "审查报告.json"}
SUMMARY_TABLE = "汇总表.xlsx"
CLASSIFY_OUTPUTS = {"xlsx": "选题归类.xlsx", "csv": "选题归类.csv", "json": "选题归类.json"}


def job_dir(settings: Settings, job_id: str) -> Path:
    return settings.jobs_dir / job_id


def is_ignored(name: str) -> bool:
    """Office lock files (~$…), hidden files and macOS zip leftovers: listed, never screened."""
    parts = name.split("/")
    return "__MACOSX" in parts or parts[-1].startswith(("~$", "."))


class Runner:
    def __init__(self, settings: Settings, threads: int = 2) -> None:
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="shenbao-job")
        self._active: set[str] = set()
        self._lock = threading.Lock()

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    def active(self) -> int:
        with self._lock:
            return len(self._active)

    # ------------------------------------------------------------------ screening

    def submit_screen(self, job_id: str, record: registry.Record, files: list[Stored]) -> None:
        with self._lock:
            self._active.add(job_id)
        self.pool.submit(self._run_screen, job_id, record.id, files)

    def _run_screen(self, job_id: str, ruleset_id: int, files: list[Stored]) -> None:
        db = self.settings.db
        try:
            jobs.start(job_id, db)
            record, ruleset = registry.resolve(ruleset_id, db)
            ensure_usable(ruleset, f"规则集 {record.id}（{record.ref}）")
            names = {str(f.path): f.name for f in files}
            paths = [f.path for f in files if not is_ignored(f.name)]
            ignored = [f.path for f in files if is_ignored(f.name)]
            report = screen_inputs((paths, ignored), ruleset, jobs=self.settings.screen_workers,
                                   ref=reference(ruleset, record),
                                   on_file_done=lambda n: jobs.advance(job_id, n, db))
            _rename_files(report, names)
            folder = job_dir(self.settings, job_id)
            outputs = [folder / name for name in REPORTS.values()]
            write_outputs(report, ruleset, outputs, folder / SUMMARY_TABLE)
            jobs.finish(job_id, "done", db, data={
                "summary": report.summary.model_dump(by_alias=True), "ignored": report.ignored,
                "batch_findings": len(report.batch_findings)})
        except ShenbaoError as err:
            jobs.finish(job_id, "failed", db, data={"error": str(err).splitlines()[0]})
        except Exception as err:  # noqa: BLE001 - the job records why it stopped
            jobs.finish(job_id, "failed", db, data={"error": f"审查失败：{type(err).__name__}: {err}"[:300]})
        finally:
            with self._lock:
                self._active.discard(job_id)


def _rename_files(report, names: dict[str, str]) -> None:
    """Reports name each file as the user uploaded it, not by its generated name."""
    for result in report.results:
        result.file = names.get(result.file, result.file)
        result.error = _swap(result.error, names)
    for finding in report.batch_findings:
        finding.files = [names.get(f, f) for f in finding.files]
        finding.message = _swap(finding.message, names) or finding.message
    report.ignored = [names.get(f, f) for f in report.ignored]
    report.not_reached = [names.get(f, f) for f in report.not_reached]


def _swap(text: str | None, names: dict[str, str]) -> str | None:
    if not text:
        return text
    for stored, shown in names.items():
        text = text.replace(stored, shown)
    return text


# --------------------------------------------------------------------------- classification


@lru_cache(maxsize=8)
def _classifier(rules_path: str | None, _content: str | None, name: str | None = None):
    classifier = build_classifier(Path(rules_path) if rules_path else None)
    if rules_path and _content:
        # Named by the notice and the registry's content hash, not by the server's temporary file.
        taxonomy = classifier.taxonomy
        classifier.taxonomy = taxonomy.model_copy(update={"name": name or taxonomy.name,
                                                          "source": f"登记库规则集 {_content[:12]}"})
    return classifier


def classify(settings: Settings, job_id: str, proposals, ruleset: RuleSet | None, top: int = 3
             ) -> list[ProposalResult]:
    folder = job_dir(settings, job_id)
    folder.mkdir(parents=True, exist_ok=True)
    rules_path = None
    content = None
    if ruleset is not None:
        content = registry.content_hash(ruleset)
        rules_path = settings.data_dir / "tmp" / f"rules-{content}.json"
        if not rules_path.is_file():
            rules_path.write_text(dump_json(ruleset), encoding="utf-8")
    notice_title = ruleset.notice.title if ruleset is not None else None
    results = classify_all(_classifier(str(rules_path) if rules_path else None, content, notice_title), proposals,
                           top=top)
    from ..outputs.topics import write_results

    for name in CLASSIFY_OUTPUTS.values():
        write_results(results, folder / name)
    return results


def results_of(settings: Settings, job_id: str) -> list[dict[str, Any]]:
    import json

    path = job_dir(settings, job_id) / CLASSIFY_OUTPUTS["json"]
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
