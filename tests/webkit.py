"""Helpers for the web workspace tests: an app on a fresh data dir, logged-in clients, sample zips."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient

from shenbao.config import CORPUS_DIR
from shenbao.store import accounts
from shenbao.web.app import create_app
from shenbao.web.settings import Settings

DEMO = CORPUS_DIR / "demo"
NOTICE = DEMO / "fujian" / "notice.pdf"
FORMS = sorted(p for p in (DEMO / "fujian").iterdir() if p.name != "notice.pdf")
PASSWORDS = {"admin": "admin-pass-1", "rev": "review-pass-1"}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_app(tmp_path: Path, **limits):
    settings = Settings(data_dir=tmp_path / "data", **limits)
    accounts.add_user("admin", "admin", PASSWORDS["admin"], settings.db)
    accounts.add_user("rev", "reviewer", PASSWORDS["rev"], settings.db)
    return create_app(settings=settings)


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "page has no CSRF token"
    return found.group(1)


def login(app, name: str = "admin") -> tuple[TestClient, str]:
    """A client logged in through the login form; (client, the session's CSRF token)."""
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"csrf_token": token, "name": name, "password": PASSWORDS[name], "next": "/rules"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return client, csrf_of(client.get("/rules").text)


def upload_notice(client: TestClient, token: str, path: Path = NOTICE) -> int:
    with open(path, "rb") as fh:
        r = client.post("/rules/upload", data={"csrf_token": token}, files={"notice": (path.name, fh)},
                        follow_redirects=False)
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def forms_zip() -> bytes:
    return zip_bytes({f"申报材料/{p.name}": p.read_bytes() for p in FORMS})


def wait_job(client: TestClient, job_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed", "interrupted"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")
