"""Bad input through every command: a clear one-line error naming the file, exit code 2,
never a traceback; in a batch (``shenbao screen``) an ``error`` row, and the batch goes on.

The full matrix (every bad file x every command) runs in-process through typer's
CliRunner; a representative subset runs as real subprocesses, so that what the
user's shell sees (stderr, exit code) is checked end to end.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from testkit import PNG_1x1, encrypted_pdf, image_only_pdf
from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.config import shared_dir

SAMPLES = shared_dir() / "samples"
SAMPLE_FILES = {
    "pdf": SAMPLES / "forms" / "fj_national_01.pdf",
    "docx": SAMPLES / "forms" / "fj_national_01.docx",
    "xlsx": SAMPLES / "forms" / "cas_plan_01.xlsx",
}
GOOD_FORMS = [SAMPLES / "forms" / "fj_national_02.docx", SAMPLES / "forms" / "fj_provincial_01.docx"]
GOOD_NOTICE = SAMPLES / "notices" / "fj_2025_seminar_notice.txt"

BAD = "bad"            # must give exit code 2 in every command
READABLE = "readable"  # a legitimate file: exit 0, or 2 where the command cannot use it (a notice is no form)


# --------------------------------------------------------------------------- hand-made bad files




def _rezip(source: Path, replace: dict[str, bytes | None]) -> bytes:
    """A copy of an OOXML package with some parts replaced (bytes) or dropped (None)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename in replace:
                if replace[item.filename] is not None:
                    dst.writestr(item.filename, replace[item.filename])
            else:
                dst.writestr(item, src.read(item.filename))
    return buffer.getvalue()


def _xlsx_without_sheets() -> bytes:
    with zipfile.ZipFile(SAMPLE_FILES["xlsx"]) as src:
        workbook = src.read("xl/workbook.xml").decode("utf-8")
    emptied = re.sub(r"<sheets>.*?</sheets>", "<sheets/>", workbook, flags=re.DOTALL)
    return _rezip(SAMPLE_FILES["xlsx"], {"xl/workbook.xml": emptied.encode("utf-8")})


def _xlsx_empty_sheet() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _ole_doc() -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + b"".join(n.encode("utf-16-le").ljust(128, b"\x00") for n in ("Root Entry", "WordDocument"))


_NOTICE_TEXT = "关于申报2025年高级研修项目的通知\n各有关单位：\n研修班时间不少于3天，参训学员不少于50人。\n"


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path
    return build


def _directory(tmp: Path) -> Path:
    path = tmp / "a_folder.docx"
    path.mkdir()
    return path


def _unreadable(tmp: Path) -> Path:
    path = tmp / "locked_perm.docx"
    path.write_bytes(SAMPLE_FILES["docx"].read_bytes())
    path.chmod(0)
    return path


def _cases() -> dict[str, tuple[Callable[[Path], Path], str]]:
    cases: dict[str, tuple[Callable[[Path], Path], str]] = {}
    for ext, sample in SAMPLE_FILES.items():
        data = sample.read_bytes()
        cases[f"zero_{ext}"] = (_write(f"zero.{ext}", b""), BAD)
        for pct in (10, 50, 90):
            # A PDF cut near its end may still be readable (pdfminer recovers a lost xref).
            kind = READABLE if ext == "pdf" and pct == 90 else BAD
            cases[f"trunc{pct}_{ext}"] = (_write(f"trunc{pct}.{ext}", data[: len(data) * pct // 100]), kind)
        cases[f"random_{ext}"] = (_write(f"random.{ext}", os.urandom(4096)), BAD)
    cases["random_txt"] = (_write("random.txt", bytes(range(256)) * 16), BAD)
    docx = SAMPLE_FILES["docx"]
    cases["docx_bad_xml"] = (_write("badxml.docx", _rezip(docx, {"word/document.xml": b"<w:document><w:body><w:p>"})),
                             BAD)
    cases["docx_no_document"] = (_write("nodoc.docx", _rezip(docx, {"word/document.xml": None})), BAD)
    cases["xlsx_no_sheets"] = (_write("nosheets.xlsx", _xlsx_without_sheets()), BAD)
    cases["xlsx_empty_sheet"] = (_write("emptysheet.xlsx", _xlsx_empty_sheet()), BAD)
    cases["html_script_only"] = (_write("script.html", b"<html><head><script>var a = 1;</script></head></html>"),
                                 BAD)
    cases["txt_whitespace"] = (_write("blank.txt", b"  \n\t\n   \r\n\xe3\x80\x80\n"), BAD)
    cases["gbk_named_md"] = (_write("gbk_notice.md", _NOTICE_TEXT.encode("gbk")), READABLE)
    cases["utf16_txt"] = (_write("utf16_notice.txt", _NOTICE_TEXT.encode("utf-16")), READABLE)
    cases["encrypted_pdf"] = (_write("encrypted.pdf", encrypted_pdf()), BAD)
    cases["image_only_pdf"] = (_write("scanned.pdf", image_only_pdf()), BAD)
    cases["legacy_doc"] = (_write("legacy.doc", _ole_doc()), BAD)
    cases["png_named_pdf"] = (_write("picture.pdf", PNG_1x1), BAD)
    cases["directory"] = (_directory, BAD)
    cases["missing"] = (lambda tmp: tmp / "does_not_exist.docx", BAD)
    cases["no_permission"] = (_unreadable, BAD)
    return cases


CASES = _cases()


def _commands(path: Path) -> dict[str, list[str]]:
    p = str(path)
    return {
        "ingest": ["ingest", p],
        "notice_parse": ["notice", "parse", p, "--json"],
        "form_parse": ["form", "parse", p, "--json"],
        "rules_import": ["rules", "import", p, "--json"],
        "rules_diff": ["rules", "diff", p, p, "--json"],
        "classify_file": ["classify", "--file", p, "--json"],
    }


COMMANDS = list(_commands(Path("x")))


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad_inputs")
    files = {name: build(folder) for name, (build, _) in CASES.items()}
    yield files
    files["no_permission"].chmod(0o644)


def _permission_is_enforced(path: Path) -> bool:
    return not os.access(path, os.R_OK)


def _deny_reading(monkeypatch, path: Path) -> None:
    """Make reading ``path`` fail as the OS fails it for a user without the right (EACCES)."""
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.resolve() == path.resolve():
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def _check_outcome(case: str, path: Path, code: int, stdout: str, stderr: str) -> None:
    kind = CASES[case][1]
    assert "Traceback" not in stdout + stderr
    allowed = {2} if kind == BAD else {0, 2}
    assert code in allowed, f"exit {code}: {stderr}"
    if code == 2:
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert path.name in lines[0], lines[0]
        assert " / " in lines[0]  # Chinese / English


# --------------------------------------------------------------------------- the full matrix, in-process


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_matrix(runner, bad_files, tmp_path, monkeypatch, case, command):
    path = bad_files[case]
    if case == "no_permission" and not _permission_is_enforced(path):
        _deny_reading(monkeypatch, path)  # root reads anything: the OS's refusal is simulated
    args = _commands(path)[command]
    result = runner.invoke(app, args, env={"SHENBAO_DB": str(tmp_path / "registry.sqlite")})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}")
    _check_outcome(case, path, result.exit_code, result.stdout, result.stderr)
    if result.exit_code == 0 and "--json" in args:
        json.loads(result.stdout)  # a readable file gives the promised JSON, nothing else on stdout
    if result.exit_code == 2:
        assert result.stdout == ""


def test_good_samples_pass_through_the_same_harness(runner, tmp_path):
    env = {"SHENBAO_DB": str(tmp_path / "registry.sqlite")}
    for command, args in _commands(GOOD_NOTICE).items():
        if command == "form_parse":
            continue
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, (command, result.stderr)
    result = runner.invoke(app, _commands(GOOD_FORMS[0])["form_parse"], env=env)
    assert result.exit_code == 0, result.stderr


# --------------------------------------------------------------------------- a subset, as the user runs it


SUBPROCESS_SUBSET = [
    ("zero_pdf", "ingest"), ("trunc50_docx", "form_parse"), ("encrypted_pdf", "notice_parse"),
    ("docx_bad_xml", "form_parse"), ("image_only_pdf", "rules_diff"), ("missing", "classify_file"),
    ("xlsx_no_sheets", "rules_import"), ("directory", "notice_parse"),
]


def test_subprocess_subset(bad_files, tmp_path):
    env = dict(os.environ, SHENBAO_DB=str(tmp_path / "registry.sqlite"))
    env.pop("SHENBAO_DEBUG", None)
    for case, command in SUBPROCESS_SUBSET:
        path = bad_files[case]
        run = subprocess.run(["shenbao", *_commands(path)[command]], capture_output=True, text=True, timeout=60,
                             env=env)
        _check_outcome(case, path, run.returncode, run.stdout, run.stderr)
        assert run.stdout == ""


# --------------------------------------------------------------------------- the batch goes on


def test_screen_batch_keeps_every_input(bad_files, tmp_path):
    rules = tmp_path / "rules.json"
    parsed = subprocess.run(["shenbao", "notice", "parse", str(GOOD_NOTICE), "--json"], capture_output=True,
                            text=True, timeout=120)
    assert parsed.returncode == 0, parsed.stderr
    rules.write_text(parsed.stdout, encoding="utf-8")
    # A folder is a legitimate screen argument (it is searched for forms), so it is left out here.
    inputs = [p for case, p in sorted(bad_files.items()) if case != "directory"] + GOOD_FORMS
    run = subprocess.run(["shenbao", "screen", *map(str, inputs), "--rules", str(rules), "--json"],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 1, run.stderr  # unreadable files are error rows: exit code 1
    assert "Traceback" not in run.stdout + run.stderr
    report = json.loads(run.stdout)
    by_file: dict[str, list[dict]] = {}
    for result in report["results"]:
        by_file.setdefault(Path(result["file"]).name, []).append(result)
    for case, path in bad_files.items():
        if case == "directory":
            continue
        rows = by_file.get(path.name)
        assert rows, f"{case}: {path.name} missing from the report"
        if CASES[case][1] == BAD and not (case == "no_permission" and not _permission_is_enforced(path)):
            assert [r["verdict"] for r in rows] == ["error"], (case, rows)
            assert rows[0]["error"] and path.name in rows[0]["error"] and "Traceback" not in rows[0]["error"]
    for good in GOOD_FORMS:
        rows = by_file[good.name]
        assert len(rows) == 1 and rows[0]["verdict"] in ("pass", "fail", "review"), rows
        assert rows[0]["form_type"]
    assert report["summary"]["total"] == len(report["results"])


def test_screen_keeps_an_empty_folder_as_an_error_row(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(CliRunner().invoke(app, ["notice", "parse", str(GOOD_NOTICE), "--json"]).stdout, encoding="utf-8")
    empty = tmp_path / "nothing_here"
    empty.mkdir()
    result = CliRunner().invoke(app, ["screen", str(empty), str(GOOD_FORMS[0]), "--rules", str(rules), "--json"])
    assert result.exit_code == 1, result.stderr  # the empty folder is an error row
    files = [Path(r["file"]).name for r in json.loads(result.stdout)["results"]]
    assert empty.name in files


# --------------------------------------------------------------------------- the last line of defence


def _explode(*args, **kwargs):
    raise RuntimeError("unexpected\nmulti-line failure")


def test_unexpected_exception_is_one_line_naming_the_file(monkeypatch, tmp_path):
    import shenbao.ingest

    monkeypatch.setattr(shenbao.ingest, "load", _explode)
    monkeypatch.delenv("SHENBAO_DEBUG", raising=False)
    target = tmp_path / "some_form.docx"
    result = CliRunner().invoke(app, ["ingest", str(target)])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0] == f"{target}: 处理失败 / processing failed (RuntimeError: unexpected multi-line failure)"


def test_debug_mode_reraises_unexpected_exceptions(monkeypatch, tmp_path):
    import shenbao.ingest

    monkeypatch.setattr(shenbao.ingest, "load", _explode)
    monkeypatch.setenv("SHENBAO_DEBUG", "1")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "x.docx")])
    assert isinstance(result.exception, RuntimeError)


def test_typed_errors_stay_typed_in_debug_mode(monkeypatch, tmp_path):
    monkeypatch.setenv("SHENBAO_DEBUG", "1")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "absent.pdf")])
    assert result.exit_code == 2 and "absent.pdf: 文件不存在" in result.stderr


def test_permission_denied_is_reported_as_such(monkeypatch, tmp_path):
    # Simulated, so that the check also runs as root (for whom chmod 0 does not block reading).
    target = tmp_path / "form.docx"
    target.write_bytes(SAMPLE_FILES["docx"].read_bytes())

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = CliRunner().invoke(app, ["form", "parse", str(target), "--json"])
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{target}: 文件无法读取 / file cannot be read (没有读取权限 / permission denied)"
