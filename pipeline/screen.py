"""``shenbao screen`` as a use case: files, folders and globs in; a report, files and a summary out.

``iter_results`` streams results for many files (in parallel worker processes,
each loading the rule set once) in the sorted order of the inputs, so a run over
the same folder always gives the same report; only the small results are kept,
never the documents. ``screen`` adds the batch rules and the summary.
"""

from __future__ import annotations

import contextlib
import glob
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, TextIO

from ..checker.screen import finish_report, screen_submission
from ..config import file_timeout, worker_memory_limit
from ..errors import FileMissingError, ShenbaoError, UnsupportedFormatError
from ..extractors.forms import parse_form_file
from ..models import RuleSet, RuleSetRef, ScreeningReport, ScreeningResult
from ..outputs import REPORT_SUFFIXES, write_report, write_summary_table
from ..outputs.json_report import stream_json
from ..outputs.text import screening_summary
from .rules import load_rules
from .spool import SpooledResults

WORKER_DIED = "处理该文件时审查进程异常退出（可能内存不足或文件异常），其余文件不受影响 / the worker died on this file"
TIMED_OUT = "处理该文件超过 {seconds} 秒仍未完成，已停止（文件可能异常），其余文件不受影响 / timed out"
# A worker gets this long beyond its files' time caps before the main process stops it.
HARD_GRACE_S = 30

# Files a folder may hold that are no one's submission: Office lock files and hidden files.
LOCK_PREFIXES = ("~$", ".")  # ~$申报表.docx (Word, Excel), .~lock.申报表.docx# (LibreOffice)
# The formats a summary table can be written in.
SUMMARY_TABLE_SUFFIXES = (".xlsx",)


# What a command prints: text, or a writer that streams a large output to the stream.
Printed = str | Callable[[TextIO], None]


# --------------------------------------------------------------------------- one file


def error_result(path: str | Path, message: str) -> ScreeningResult:
    return ScreeningResult(file=str(path), verdict="error", error=message.splitlines()[0] if message else "error")


def screen_path(path: str | Path, ruleset: RuleSet) -> list[ScreeningResult]:
    """Every submission of one file screened; an unreadable file gives one error row."""
    try:
        if not Path(path).exists():
            raise FileMissingError(path)
        if Path(path).is_dir():
            return [error_result(path, f"{path}: 文件夹中没有申报材料 / no form files in this folder")]
        submissions = parse_form_file(Path(path))
        if not submissions:
            return [error_result(path, f"{path}: 未读出任何申报项目 / no submission found")]
        return [screen_submission(sub, ruleset, file=str(path)) for sub in submissions]
    except ShenbaoError as err:
        return [error_result(path, str(err))]
    except Exception as err:  # noqa: BLE001 - one bad file never stops the batch
        return [error_result(path, f"{path}: 处理失败 / processing failed ({type(err).__name__}: {err})")]


# --------------------------------------------------------------------------- inputs


def is_lock_file(path: Path) -> bool:
    """An Office lock file (~$申报表.docx) or a hidden file: never a submission."""
    return path.name.startswith(LOCK_PREFIXES)


def _files_under(folder: Path) -> list[Path]:
    """Every file below a folder, following links to folders once (a loop is not walked twice)."""
    out, seen = [], set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        out += [Path(root) / name for name in files]
    return sorted(out)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: keep the name as given
        return path.absolute()


def collect_inputs(forms: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Files, folders (searched recursively) and glob patterns -> (sorted paths to screen, ignored files).

    Every file under a folder is screened, whatever its type: one that is not a form becomes an
    error row with its reason, so that every file handed in is accounted for. Office lock files
    are listed as ignored. A name that matches nothing is kept, to appear as an error row.
    """
    found: dict[Path, Path] = {}  # resolved path → the path as given: one file given twice is one row

    def add(paths) -> None:
        for p in paths:
            found.setdefault(_resolved(p), p)

    for item in forms:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            add(_files_under(path) or [path])  # an empty folder is reported, not silently skipped
        elif path.exists():
            add([path])
        elif any(ch in text for ch in "*?["):
            matches = [Path(m) for m in glob.glob(text, recursive=True)]
            files = [m for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                files += _files_under(folder)
            add(files if files else [path])
        else:
            add([path])
    ordered = sorted(found.values(), key=lambda p: str(p))
    return [p for p in ordered if not is_lock_file(p)], [p for p in ordered if is_lock_file(p)]


# --------------------------------------------------------------------------- streaming, in parallel

_WORKER_RULESET: RuleSet | None = None


def _init_worker(ruleset_json: str) -> None:
    global _WORKER_RULESET
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the main process decides
    # A forked worker inherits the main process's SIGTERM handler, which would turn the pool's
    # terminate() into an exception the worker survives: a worker told to stop must stop.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _cap_memory(worker_memory_limit())
    _WORKER_RULESET = RuleSet.model_validate_json(ruleset_json)


def _cap_memory(limit_bytes: int | None) -> None:
    """A worker may use this much address space: a hostile file then fails its own row with a
    MemoryError instead of drawing the out-of-memory killer onto the batch."""
    if not limit_bytes:
        return
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit_bytes if hard == resource.RLIM_INFINITY else min(limit_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the pool's recovery still holds
        pass


class _FileTimedOut(Exception):
    pass


def _on_alarm(signum, frame):
    raise _FileTimedOut


def _screen_chunk(paths: list[str]) -> list[ScreeningResult]:
    assert _WORKER_RULESET is not None, "worker not initialised"
    out: list[ScreeningResult] = []
    for path in paths:
        out += _screen_capped(path, _WORKER_RULESET, file_timeout())
    return out


def _screen_capped(path: str, ruleset: RuleSet, seconds: int | None) -> list[ScreeningResult]:
    """``screen_path`` stopped after ``seconds`` (in a worker's main thread, where alarms work)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        return screen_path(path, ruleset)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(seconds)
    try:
        return screen_path(path, ruleset)
    except _FileTimedOut:
        return [error_result(path, f"{path}: {TIMED_OUT.format(seconds=seconds)}")]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _hard_deadline(files: int) -> float | None:
    """How long the main process waits for a chunk before it stops the worker: the files' own
    caps (which a worker stuck in C code cannot honour) plus a grace."""
    seconds = file_timeout()
    return None if not seconds else seconds * files + HARD_GRACE_S


def _chunks(items: list[Path], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield [str(p) for p in items[i:i + size]]


def iter_results(paths: list[Path], ruleset: RuleSet, jobs: int = 1,
                 on_file_done: Any = None) -> Iterator[ScreeningResult]:
    """Results for ``paths`` in their order; with ``jobs`` > 1 in worker processes.

    At most a few chunks are in flight at once, so memory stays flat however many files. A
    worker that dies (the out-of-memory killer, a crash in a parser) takes only its own file
    down: the pool is rebuilt, the chunk it held is redone file by file, and the file that
    kills a worker again becomes an error row.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            for res in _screen_capped(str(path), ruleset, file_timeout()):
                yield compact_result(res)
            if on_file_done:
                on_file_done(1)
        return
    size = max(1, min(25, len(paths) // (jobs * 4) or 1))
    window = jobs * 3
    chunks = list(_chunks(paths, size))
    shared = {req.id: req.evidence for req in ruleset.requirements if req.evidence is not None}
    ruleset_json = ruleset.model_dump_json()
    pool = _pool(jobs, ruleset_json)
    pending: deque[tuple[Future, list[str]]] = deque()
    next_chunk = 0
    try:
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < window:
                pending.append((pool.submit(_screen_chunk, chunks[next_chunk]), chunks[next_chunk]))
                next_chunk += 1
            future, chunk = pending.popleft()
            try:
                results = future.result(timeout=_hard_deadline(len(chunk)))
            except (BrokenProcessPool, FutureTimeout):
                _stop_workers(pool)
                redo = [c for _, c in pending]
                pending.clear()
                results = _one_by_one(chunk, ruleset_json)
                pool = _pool(jobs, ruleset_json)
                pending.extend((pool.submit(_screen_chunk, c), c) for c in redo)
            for res in results:
                _share_notice_evidence(res, shared)
                compact_result(res)
            yield from results
            if on_file_done:
                on_file_done(len(chunk))
    except BaseException:  # interrupted (or the consumer stopped): stop the workers now, do not wait
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers and let it go: after a death or a hang its queues may be in any
    state, and a polite shutdown could wait on them forever."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    _forget_manager(pool)


def _forget_manager(pool: ProcessPoolExecutor) -> None:
    """Wait for the pool's manager thread to see its workers gone, then drop it from the list
    concurrent.futures wakes at exit: waking a thread whose pipe is closed prints a traceback."""
    from concurrent.futures import process as futures_process

    thread = getattr(pool, "_executor_manager_thread", None)
    if thread is None:
        return
    thread.join(timeout=5)
    if not thread.is_alive():
        getattr(futures_process, "_threads_wakeups", {}).pop(thread, None)


def _pool(jobs: int, ruleset_json: str) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(ruleset_json,))


def _one_by_one(chunk: list[str], ruleset_json: str) -> list[ScreeningResult]:
    """The files of a chunk whose worker died, each in a worker of its own."""
    out: list[ScreeningResult] = []
    for path in chunk:
        single = _pool(1, ruleset_json)
        try:
            out += single.submit(_screen_chunk, [path]).result(timeout=_hard_deadline(1))
        except BrokenProcessPool:
            out.append(error_result(path, f"{path}: {WORKER_DIED}"))
        except FutureTimeout:
            out.append(error_result(path, f"{path}: {TIMED_OUT.format(seconds=file_timeout())}"))
        finally:
            _stop_workers(single)
    return out


def _share_notice_evidence(result: ScreeningResult, shared: dict) -> None:
    """Results from workers carry their own copies of the notice's evidence: point them back at
    the rule set's, so that a run over thousands of forms keeps one copy of each quote."""
    for finding in result.findings:
        if finding.requirement_id in shared:
            finding.notice_evidence = shared[finding.requirement_id]


# Every pydantic object keeps its own set of the field names it was given; a result with
# six findings and their evidence carries a dozen such sets, more than a third of its
# memory. Objects of one class given the same fields share one set: the sets only
# matter to dumps that leave unset fields out, and those see the same names.
_FIELD_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def _share_field_set(obj: Any) -> None:
    names = obj.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault((type(obj), frozenset(names)), names)
    if shared is not names:
        object.__setattr__(obj, "__pydantic_fields_set__", shared)


def compact_result(result: ScreeningResult) -> ScreeningResult:
    """The result with its findings' and evidence's field-name sets shared (memory of bulk runs)."""
    _share_field_set(result)
    for finding in result.findings:
        _share_field_set(finding)
        for evidence in (finding.form_evidence, finding.notice_evidence):
            if evidence is not None:
                _share_field_set(evidence)
    return result


def screen(forms: Iterable[str | Path], ruleset: RuleSet, jobs: int = 1, progress: bool = False,
           ref: RuleSetRef | None = None) -> ScreeningReport:
    """Screen every form file named by ``forms`` (files, folders, globs); ``ref`` names the rules."""
    return screen_inputs(collect_inputs(forms), ruleset, jobs=jobs, progress=progress, ref=ref)


LEGACY_SUFFIXES = {".doc": "doc", ".wps": "doc", ".xls": "xls", ".et": "xls"}


def preconvert_legacy(paths: list[Path]) -> None:
    """Convert every .doc/.wps/.xls/.et of a batch in one LibreOffice call per target format
    (a cold start costs seconds; a batch costs about the same): the workers then read the cache."""
    from ..ingest.detect import detect_format
    from ..ingest.legacy import convert_batch, find_soffice

    if find_soffice() is None:
        return
    items = []
    for path in paths:
        if Path(path).suffix.lower() not in LEGACY_SUFFIXES:
            continue
        try:
            kind, data = detect_format(path)
        except ShenbaoError:
            continue  # reported on its own row when the file is screened
        if kind in ("doc", "xls"):
            items.append((Path(path), kind, data))
    if len(items) > 1:
        with contextlib.suppress(OSError):
            convert_batch(items)


def screen_inputs(inputs: tuple[list[Path], list[Path]], ruleset: RuleSet, jobs: int = 1, progress: bool = False,
                  ref: RuleSetRef | None = None, on_file_done: Any = None, cluster: Any = None,
                  resume: bool = False, db: str | Path | None = None, spool: bool = False) -> ScreeningReport:
    """Screen what ``collect_inputs`` found: (paths to screen, ignored files); on a Dask cluster
    (an address or Client) when ``cluster`` is given, resuming a recorded run with ``resume``.

    ``on_file_done(n)`` is called as files finish (a web job records its progress with it).
    With ``spool`` the results are kept on disk as they arrive (pipeline/spool.py), so that the
    main process's memory does not grow with the batch; write such a report with outputs'
    writers (``dump_json`` cannot serialise it; ``outputs.json_report.stream_json`` does)."""
    paths, ignored = inputs
    if not paths:
        raise FileMissingError(None, "没有找到要审查的申报材料 / no form files given")
    report = ScreeningReport(ruleset=ref or RuleSetRef.of(ruleset), ignored=[str(p) for p in ignored])
    if spool:
        report.results = SpooledResults()  # a Sequence of results; assignment is not validated
    preconvert_legacy(paths)
    try:
        with interruptible(), _progress(len(paths), enabled=progress) as bar:
            def advance(n: int = 1) -> None:
                bar(n)
                if on_file_done:
                    on_file_done(n)

            for result in _results(paths, ruleset, jobs, advance, cluster, resume, db):
                report.results.append(result)
    except Interrupted as stop:
        done = {r.file for r in getattr(report.results, "heads", report.results)}
        report.partial, report.not_reached = True, [str(p) for p in paths if str(p) not in done]
        finish_report(report, ruleset)
        raise stop.with_report(report) from None
    return finish_report(report, ruleset)


def _results(paths: list[Path], ruleset: RuleSet, jobs: int, advance: Any, cluster: Any, resume: bool,
             db: str | Path | None) -> Iterator[ScreeningResult]:
    """The backend: the local pool, or pipeline/runs.py for a Dask cluster and resumable runs."""
    if cluster is None and not resume:
        return iter_results(paths, ruleset, jobs=jobs, on_file_done=advance)
    from .runs import screen_results

    return screen_results(paths, ruleset, jobs=jobs, on_file_done=advance, cluster=cluster, resume=resume, db=db)


class Interrupted(Exception):
    """Ctrl-C or SIGTERM during a run; carries the partial report of what finished."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum: int = signum
        self.report: ScreeningReport | None = None
        self.output = ""

    def with_report(self, report: ScreeningReport) -> Interrupted:
        self.report = report
        return self

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # 130 for SIGINT, 143 for SIGTERM, as shells report them


@contextlib.contextmanager
def interruptible():
    """SIGINT and SIGTERM raise Interrupted in the main process (workers ignore SIGINT and are
    stopped by it), so that a stopped run ends within seconds and keeps what finished."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Interrupted(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


class _progress:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self._bar = total, enabled and sys.stderr.isatty(), None

    def __enter__(self):
        if not self.enabled:
            return lambda n=1: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress("审查中", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                             console=Console(stderr=True), transient=True)
        self._bar.start()
        task = self._bar.add_task("screen", total=self.total)
        return lambda n=1: self._bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


# --------------------------------------------------------------------------- rules and the command


def write_outputs(report: ScreeningReport, ruleset: RuleSet, out: list[Path], summary_table: Path | None
                  ) -> list[str]:
    written: list[str] = []
    for path in out:
        write_report(report, Path(path), ruleset)
        written.append(str(path))
    if summary_table is not None:
        write_summary_table(report, Path(summary_table), ruleset)
        written.append(str(summary_table))
    return written


def check_output_paths(out: list[Path], summary_table: Path | None, inputs: list[Path] = ()) -> None:
    """Refuse, before any work, an output whose suffix names a format that cannot be written, or
    that would write over one of the inputs (the submitted plan list, the rule set)."""
    given = {Path(p).resolve() for p in inputs}
    for path in [*out, *([summary_table] if summary_table is not None else [])]:
        if Path(path).resolve() in given:
            raise UnsupportedFormatError(path, "输出文件与输入文件相同，不会覆盖输入 / would overwrite an input")
    for path in out:
        if Path(path).suffix.lower() not in REPORT_SUFFIXES:
            raise UnsupportedFormatError(path, "报告文件应为 " + " ".join(REPORT_SUFFIXES))
    if summary_table is not None and Path(summary_table).suffix.lower() not in SUMMARY_TABLE_SUFFIXES:
        raise UnsupportedFormatError(summary_table, "汇总表只能写成 Excel 文件（.xlsx）")


def screen_command(forms: list[str], rules: Path | None, issuer: str | None, out: list[Path] | None = None,
                   summary_table: Path | None = None, jobs: int = 1, as_json: bool = False,
                   cluster: str | None = None, resume: bool = False, db: str | None = None
                   ) -> tuple[Printed, ScreeningReport]:
    """What to print (the summary text, or a writer of the JSON report to a stream) and the report, whose ``all_clear`` gives the exit code.
    ``cluster``: a Dask scheduler address (default SHENBAO_DASK_SCHEDULER); ``resume``: record
    finished files in the registry database ``db`` and skip those a previous run finished."""
    from .cluster import scheduler_address

    inputs = collect_inputs(forms)
    check_output_paths(list(out or []), summary_table, inputs[0] + ([Path(rules)] if rules is not None else []))
    ruleset, ref = load_rules(rules, issuer, db)
    try:
        report = screen_inputs(inputs, ruleset, jobs=max(1, int(jobs or 1)), progress=True, ref=ref,
                               cluster=scheduler_address(cluster), resume=resume, db=db, spool=True)
    except Interrupted as stop:  # keep what finished: the reports are written (atomically), marked as partial
        written = write_outputs(stop.report, ruleset, list(out or []), summary_table)
        stop.output = _printed(stop.report, written, as_json)
        raise
    written = write_outputs(report, ruleset, list(out or []), summary_table)
    return _printed(report, written, as_json), report


def _printed(report: ScreeningReport, written: list[str], as_json: bool) -> Printed:
    """What the command prints: the summary text, or the JSON report streamed to the stream."""
    if not as_json:
        return screening_summary(report, written)
    return lambda stream: stream_json(report, stream)

