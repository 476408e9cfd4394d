""".doc / .wps / .xls / .et: converted (LibreOffice, or xlrd for spreadsheets) and read like the originals.

The legacy files under tests/data/legacy are made from the sample forms by
tests/data/legacy/make_legacy.py; each must give the same Submission, field by field.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from shenbao.config import shared_dir
from shenbao.errors import CorruptFileError, UnsupportedFormatError
from shenbao.extractors.forms import parse_form_file
from shenbao.ingest import legacy, load

LEGACY = Path(__file__).parent / "data" / "legacy"
FORMS = shared_dir() / "samples" / "forms"
CASES = {
    "fj_national_01.doc": "fj_national_01.docx",
    "fj_provincial_01.doc": "fj_provincial_01.docx",
    "cas_overseas_01.doc": "cas_overseas_01.docx",
    "fj_national_02.wps": "fj_national_02.docx",
    "cas_plan_01.xls": "cas_plan_01.xlsx",
    "cas_plan_01.et": "cas_plan_01.xlsx",
}
SPREADSHEETS = [name for name in CASES if name.endswith((".xls", ".et"))]
needs_soffice = pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice (soffice) not installed")


def fields_of(path: Path) -> list[dict]:
    """Each submission's fields as plain data: value, whether the label was found, what was not read."""
    return [{key: {"value": f.value, "found": f.found, "unread": sorted(f.unread)} for key, f in sub.fields.items()}
            | {"__form_type": sub.form_type, "__row": sub.row}
            for sub in parse_form_file(path)]


def assert_same_submission(legacy_file: Path, original: Path) -> None:
    got, want = fields_of(legacy_file), fields_of(original)
    assert len(got) == len(want)
    for got_sub, want_sub in zip(got, want, strict=True):
        assert got_sub.keys() == want_sub.keys()
        for key in want_sub:
            assert got_sub[key] == want_sub[key], f"{legacy_file.name} {key}"


@pytest.fixture(scope="module")
def converted_cache(tmp_path_factory):
    """All legacy samples converted up front, in one soffice call per target format."""
    cache = tmp_path_factory.mktemp("legacy-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("SHENBAO_CACHE", str(cache))
    if legacy.find_soffice() is not None:
        items = [(LEGACY / name, "doc" if name.endswith((".doc", ".wps")) else "xls", None) for name in CASES]
        done = legacy.convert_batch(items)
        assert set(done) == {LEGACY / name for name in CASES}
    yield cache
    patch.undo()


@needs_soffice
@pytest.mark.parametrize("name", sorted(CASES))
def test_legacy_file_gives_the_original_submission(converted_cache, name):
    assert_same_submission(LEGACY / name, FORMS / CASES[name])
    assert load(LEGACY / name).source.format == ("doc" if name.endswith((".doc", ".wps")) else "xls")


@pytest.mark.parametrize("name", SPREADSHEETS)
def test_xls_without_libreoffice_is_read_through_xlrd(monkeypatch, tmp_path, name):
    pytest.importorskip("xlrd")
    monkeypatch.setenv("SHENBAO_SOFFICE", "")
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path))
    assert_same_submission(LEGACY / name, FORMS / CASES[name])
    assert any("xlrd" in w for w in load(LEGACY / name).warnings)


def test_doc_without_libreoffice_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("SHENBAO_SOFFICE", "")
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path))
    with pytest.raises(UnsupportedFormatError) as caught:
        load(LEGACY / "fj_national_02.wps")
    message = str(caught.value)
    assert "\n" not in message and "LibreOffice" in message and "apt-get install libreoffice" in message
    assert "需要安装" in message


def test_xls_without_libreoffice_or_xlrd_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("SHENBAO_SOFFICE", "")
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path))
    monkeypatch.setattr(legacy, "_xlrd_available", lambda: False)
    with pytest.raises(UnsupportedFormatError) as caught:
        load(LEGACY / "cas_plan_01.xls")
    assert "pip install xlrd" in str(caught.value) and "LibreOffice" in str(caught.value)


@needs_soffice
def test_batch_conversion_is_one_soffice_call_with_its_own_profile(monkeypatch, tmp_path):
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path / "cache"))
    calls = []
    real_run = subprocess.run

    def spy(cmd, *args, **kwargs):
        calls.append((cmd, kwargs.get("timeout")))
        return real_run(cmd, *args, **kwargs)

    monkeypatch.setattr(legacy.subprocess, "run", spy)
    docs = [name for name in CASES if name.endswith((".doc", ".wps"))]
    done = legacy.convert_batch([(LEGACY / name, "doc", None) for name in docs])
    assert len(done) == len(docs) and len(calls) == 1
    cmd, timeout = calls[0]
    assert any(a.startswith("-env:UserInstallation=file://") for a in cmd) and "--headless" in cmd
    assert timeout and timeout > 0
    # Converted once: loading the files now reads the cache, no further soffice call.
    for name in docs:
        load(LEGACY / name)
    assert len(calls) == 1


@needs_soffice
def test_broken_doc_is_reported_as_corrupt(tmp_path, monkeypatch):
    monkeypatch.setenv("SHENBAO_CACHE", str(tmp_path / "cache"))
    broken = tmp_path / "broken.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                       + "WordDocument".encode("utf-16-le").ljust(128, b"\x00"))
    with pytest.raises(CorruptFileError) as caught:
        load(broken)
    assert ".doc" in str(caught.value) and "\n" not in str(caught.value)


@needs_soffice
def test_cli_reads_a_wps_form(converted_cache):
    run = subprocess.run(["shenbao", "form", "parse", str(LEGACY / "fj_national_02.wps"), "--json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    subs = data if isinstance(data, list) else [data]
    assert subs[0]["form_type"] == "fj_national_seminar"
