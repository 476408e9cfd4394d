"""Hostile inputs: bounded decompression, values that stay values, outputs that never overwrite
an input, one file given twice is one row, folders with link loops."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.config import shared_dir
from shenbao.errors import CorruptFileError
from shenbao.ingest import load
from shenbao.models import ScreeningReport, ScreeningResult, Summary
from shenbao.outputs import write_report, write_summary_table

FORMS = shared_dir() / "samples" / "forms"
NOTICE = shared_dir() / "samples" / "notices" / "fj_2025_seminar_notice.txt"
runner = CliRunner()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (400 * 1024 * 1024))  # 400 MB of zeros, ~400 KB packed
    assert bomb.stat().st_size < 2 * 1024 * 1024
    try:
        load(bomb)
    except CorruptFileError as err:
        assert "文件解压后过大" in str(err) and "MB" in str(err)
    else:
        raise AssertionError("a zip bomb was opened")


def _report_with(value: str) -> ScreeningReport:
    result = ScreeningResult(file="in/a.docx", form_type="fj_national_seminar", verdict="pass",
                             title=value, unit=value, fields={"project_name": value, "host": {"name": value}})
    return ScreeningReport(ruleset={"title": "通知"}, results=[result], summary=Summary(total=1, pass_=1))


def test_formula_values_are_written_as_text(tmp_path):
    evil = "=HYPERLINK(\"http://x\",\"点我\")"
    report = _report_with(evil)
    for path in (write_report(report, tmp_path / "r.xlsx"), write_summary_table(report, tmp_path / "s.xlsx")):
        cells = [c for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], path.name
        assert any(c.value == evil for c in cells)
    write_report(report, tmp_path / "r.csv")
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_an_output_never_overwrites_an_input(tmp_path):
    form = tmp_path / "plan.xlsx"
    form.write_bytes((FORMS / "cas_plan_01.xlsx").read_bytes())
    before = form.read_bytes()
    result = runner.invoke(app, ["screen", str(form), "--rules", str(NOTICE), "--out", str(form)])
    assert result.exit_code == 2 and "覆盖" in result.output
    assert form.read_bytes() == before


def test_one_file_given_twice_is_one_row_and_link_loops_end(tmp_path, monkeypatch):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "a.docx").write_bytes((FORMS / "fj_national_01.docx").read_bytes())
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a link back to itself
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["screen", "forms/a.docx", str(folder / "a.docx"), str(folder),
                                 "--rules", str(NOTICE), "--json"])
    report = json.loads(result.stdout)
    assert [Path(r["file"]).name for r in report["results"]] == ["a.docx"]
    assert not report["batch_findings"]  # not a false 重复申报 of itself


def _children(pid: int) -> list[int]:
    """Child processes of ``pid`` (Linux /proc), for killing a worker as the OOM killer would."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found += [int(c) for c in children]
    return [c for c in found if b"resource_tracker" not in _cmdline(c)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_a_worker_killed_mid_batch_loses_nothing(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(60):
        (folder / f"form_{i:02d}.pdf").write_bytes((FORMS / "fj_national_01.pdf").read_bytes())
    rules = tmp_path / "rules.json"
    rules.write_text(runner.invoke(app, ["notice", "parse", str(NOTICE), "--json"]).stdout, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "shenbao.cli", "screen", str(folder), "--rules", str(rules),
                             "--jobs", "2", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not killed:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            time.sleep(1.0)  # let the workers start on their chunks
            try:
                os.kill(_children(proc.pid)[0], signal.SIGKILL)
                killed = True
            except (IndexError, ProcessLookupError):
                pass
        time.sleep(0.1)
    out, err = proc.communicate(timeout=180)
    assert killed, "no worker was seen"
    report = json.loads(out)
    names = [Path(r["file"]).name for r in report["results"]]
    assert sorted(names) == sorted(f"form_{i:02d}.pdf" for i in range(60)), err
    assert len(names) == len(set(names))  # every file once
    assert "Traceback" not in err



def test_a_file_that_takes_too_long_becomes_an_error_row_and_the_batch_goes_on(monkeypatch):
    import time

    from shenbao.pipeline import screen as screening

    def stuck(path, ruleset):
        time.sleep(5)
        return []

    monkeypatch.setattr(screening, "screen_path", stuck)
    started = time.monotonic()
    [row] = screening._screen_capped("卡住的申报表.docx", None, 1)
    assert time.monotonic() - started < 3
    assert row.verdict == "error" and "超过 1 秒" in row.error and "卡住的申报表.docx" in row.error

@pytest.mark.parametrize("signum,code", [(2, 130), (15, 143)], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_run_stops_fast_and_keeps_what_finished(tmp_path, signum, code):
    import os
    import subprocess
    import sys
    import time

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(120):
        (folder / f"form_{i:03d}.pdf").write_bytes((FORMS / "fj_national_01.pdf").read_bytes())
    rules = tmp_path / "rules.json"
    rules.write_text(runner.invoke(app, ["notice", "parse", str(NOTICE), "--json"]).stdout, encoding="utf-8")
    out = tmp_path / "report.json"
    proc = subprocess.Popen([sys.executable, "-m", "shenbao.cli", "screen", str(folder), "--rules", str(rules),
                             "--jobs", "2", "--json", "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.1)
    time.sleep(1.5)
    os.kill(proc.pid, signum)
    sent = time.monotonic()
    stdout, stderr = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 10
    assert proc.returncode == code, stderr
    assert "已中断" in stderr and len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and b"zombie" not in _status(w)]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["partial"] is True
    assert len(report["results"]) + len(report["not_reached"]) == 120


def _status(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/status").read_bytes().lower()
    except OSError:
        return b""


def test_a_report_that_cannot_be_written_leaves_no_half_file_and_names_it(tmp_path):
    from shenbao.errors import ShenbaoError

    report = _report_with("某研修班")
    locked = tmp_path / "locked"
    locked.mkdir()
    target = locked / "r.xlsx"
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anyway: use a path whose parent is a file
            target = tmp_path / "afile" / "r.xlsx"
            (tmp_path / "afile").write_text("x", encoding="utf-8")
        with pytest.raises(ShenbaoError) as err:
            write_report(report, target)
        assert "r.xlsx" in str(err.value) and "无法写入" in str(err.value)
    finally:
        locked.chmod(0o700)
    assert not target.exists() and not list(tmp_path.rglob(".~*"))


def test_a_plan_list_beyond_the_row_cap_is_refused_with_the_limit(tmp_path, monkeypatch):
    import openpyxl

    from shenbao.errors import TooLargeError
    from shenbao.ingest import load, xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 40)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "项目名称", "培训天数"])
    for i in range(60):
        sheet.append([i + 1, f"研修班{i}", 5])
    path = tmp_path / "计划表.xlsx"
    book.save(path)
    with pytest.raises(TooLargeError) as err:
        load(path)
    assert "超过 40 行" in str(err.value) and "计划表.xlsx" in str(err.value)


def test_a_plan_list_is_read_in_time_linear_in_its_rows(tmp_path):
    import time

    import openpyxl

    from shenbao.ingest import load

    def seconds_per_row(rows: int) -> float:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["序号", "单位名称", "项目名称", "培训天数", "培训人数", "联系人"])
        for i in range(rows):
            sheet.append([i + 1, "某研究所", f"研修班{i}", 5, 60, "张三"])
        path = tmp_path / f"plan_{rows}.xlsx"
        book.save(path)
        started = time.process_time()
        table = load(path).tables[0]
        assert table.cell_at(rows, 2).text == f"研修班{rows - 1}"
        return (time.process_time() - started) / rows

    small, large = seconds_per_row(500), seconds_per_row(4000)
    assert large < 1.5 * small + 2e-4, (small, large)


def test_pages_without_text_are_one_warning_with_their_ranges():
    from shenbao.ingest.pdf import page_ranges

    assert page_ranges([1, 2, 3, 7, 9, 10]) == "1–3、7、9–10"
    assert page_ranges([5]) == "5"


def test_a_pdf_stacking_several_forms_gives_one_submission_per_form(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")  # in the ocr extra, which CI installs
    from shenbao.extractors.forms import parse_form_file

    names = ["fj_national_01.pdf", "fj_national_02.pdf", "fj_national_01.pdf"]
    stack = pdfium.PdfDocument.new()
    for name in names:
        stack.import_pages(pdfium.PdfDocument(str(FORMS / name)))
    path = tmp_path / "扫描合订.pdf"
    stack.save(str(path))

    parts = parse_form_file(path)
    assert [p.page_range for p in parts] == [[1, 2], [3, 4], [5, 6]]
    for part, name in zip(parts, names, strict=True):
        [alone] = parse_form_file(FORMS / name)
        assert {k: f.value for k, f in part.fields.items()} == {k: f.value for k, f in alone.fields.items()}, name
        assert any("本文件含 3 份申报表" in w for w in part.warnings)
    assert all(f.evidence is None or 3 <= f.evidence.page <= 4 for f in parts[1].fields.values()
               if f.evidence is not None and f.evidence.page is not None)
    [single] = parse_form_file(FORMS / "fj_national_01.pdf")
    assert single.page_range is None
