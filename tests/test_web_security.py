"""The web workspace's security cases: no login, no CSRF token, a reviewer approving, a forged
cookie, the login rate limit, and hostile uploads (traversal, absolute paths, links, zip bombs,
too many entries, over-size files and requests)."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest
from fastapi.testclient import TestClient
from webkit import FORMS, csrf_of, login, make_app, upload_notice, zip_bytes

from shenbao.store import jobs, registry
from shenbao.web.settings import MB

PAGES = ["/", "/rules", "/rules/1", "/screen", "/jobs/x", "/jobs/x/files/xlsx", "/classify", "/classify/x",
         "/users", "/audit", "/api/docs", "/docs"]
API_GETS = ["/api/me", "/api/rulesets", "/api/rulesets/1", "/api/rulesets/1/record", "/api/rulesets/1/diff",
            "/api/jobs", "/api/jobs/x", "/api/jobs/x/report", "/api/audit", "/api/openapi.json"]
FORM_POSTS = ["/rules/upload", "/rules/1/requirements/r1", "/rules/1/approve", "/screen", "/classify", "/users",
              "/users/rev/disable", "/logout"]
API_POSTS = ["/api/rulesets", "/api/rulesets/1/requirements/r1", "/api/rulesets/1/approve", "/api/forms/parse",
             "/api/screen", "/api/classify"]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("websec"), max_file_bytes=2 * MB, max_batch_bytes=6 * MB,
                    max_zip_unpacked_bytes=4 * MB, max_zip_entries=50, login_attempts=3)


@pytest.fixture(scope="module")
def approved(app):
    client, token = login(app)
    rid = upload_notice(client, token)
    registry.approve(rid, app.state.settings.db)
    return rid


# --------------------------------------------------------------------------- no login


@pytest.mark.parametrize("path", PAGES)
def test_pages_redirect_to_login(app, path):
    r = TestClient(app).get(path, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", API_GETS)
def test_api_answers_401_without_login(app, path):
    r = TestClient(app).get(path)
    assert r.status_code == 401
    assert r.json()["detail"] == "请先登录 / login required"


@pytest.mark.parametrize("path", FORM_POSTS[:-1])
def test_form_posts_need_login(app, path):
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    r = client.post(path, data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


@pytest.mark.parametrize("path", API_POSTS)
def test_api_posts_need_login(app, path):
    assert TestClient(app).post(path).status_code == 401


def test_a_forged_cookie_is_no_login(app):
    client = TestClient(app)
    client.cookies.set("shenbao_session", "eyJ1c2VyIjoiYWRtaW4iLCJjc3JmIjoieCJ9.forged.signature")
    assert client.get("/rules", follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


# --------------------------------------------------------------------------- CSRF


@pytest.mark.parametrize("path", FORM_POSTS)
def test_form_posts_without_csrf_are_403(app, approved, path):
    client, _ = login(app)
    r = client.post(path.replace("/1/", f"/{approved}/"), data={"name": "x"}, follow_redirects=False)
    assert r.status_code == 403
    assert "CSRF" in r.text
    r = client.post(path.replace("/1/", f"/{approved}/"), data={"csrf_token": "wrong-token"}, follow_redirects=False)
    assert r.status_code == 403


@pytest.mark.parametrize("path", API_POSTS)
def test_api_posts_without_csrf_header_are_403(app, approved, path):
    client, _ = login(app)
    r = client.post(path.replace("/1/", f"/{approved}/"), json={})
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]


def test_login_without_csrf_is_403(app):
    client = TestClient(app)
    r = client.post("/login", data={"name": "admin", "password": "admin-pass-1"})
    assert r.status_code == 403
    assert client.get("/rules", follow_redirects=False).status_code == 303


def test_a_token_from_another_session_is_refused(app):
    _, token = login(app, "admin")
    other, _ = login(app, "rev")
    r = other.post("/classify", data={"csrf_token": token, "titles": "人工智能"})
    assert r.status_code == 403


# --------------------------------------------------------------------------- roles


def test_reviewer_cannot_approve_or_manage_users(app):
    admin, admin_token = login(app)
    rid = upload_notice(admin, admin_token, FORMS[0].parent.parent / "cas" / "guide.docx")
    reviewer, token = login(app, "rev")
    r = reviewer.post(f"/rules/{rid}/approve", data={"csrf_token": token})
    assert r.status_code == 403 and "只有管理员" in r.text
    r = reviewer.post(f"/api/rulesets/{rid}/approve", headers={"X-CSRF-Token": token})
    assert r.status_code == 403
    assert registry.resolve(rid, app.state.settings.db)[0].status == "draft"
    r = reviewer.post("/users", data={"csrf_token": token, "name": "x", "role": "admin", "password": "12345678"})
    assert r.status_code == 403
    assert reviewer.post("/users/admin/disable", data={"csrf_token": token}).status_code == 403
    page = reviewer.get(f"/rules/{rid}").text
    assert 'id="approve"' not in page and "审批需管理员" in page


# --------------------------------------------------------------------------- login rate limit


def test_login_attempts_are_rate_limited(app):
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    codes = [client.post("/login", data={"csrf_token": token, "name": "rev", "password": "bad-password"}).status_code
             for _ in range(4)]
    assert codes == [401, 401, 401, 429]
    r = client.post("/login", data={"csrf_token": token, "name": "rev", "password": "review-pass-1"})
    assert r.status_code == 429 and "登录失败次数过多" in r.text
    r = client.post("/api/login", json={"name": "rev", "password": "review-pass-1"})
    assert r.status_code == 429
    # another account from the same address is not locked out by this one
    r = client.post("/login", data={"csrf_token": token, "name": "admin", "password": "admin-pass-1"},
                    follow_redirects=False)
    assert r.status_code == 303


# --------------------------------------------------------------------------- hostile uploads


def _screen(app, rid, files):
    client, token = login(app)
    before = len(list((app.state.settings.jobs_dir).glob("*/inputs/*")))
    r = client.post("/screen", data={"csrf_token": token, "ruleset": str(rid)}, files=files)
    after = len(list((app.state.settings.jobs_dir).glob("*/inputs/*")))
    return r, after - before


def _zip_with(info: zipfile.ZipInfo, data: bytes = b"x") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(FORMS[0].name, FORMS[0].read_bytes())
        zf.writestr(info, data)
    return buf.getvalue()


def test_zip_traversal_is_refused(app, approved):
    r, kept = _screen(app, approved, [("files", ("材料.zip", zip_bytes({"ok.docx": b"x", "../../etc/evil.docx": b"x"})))])
    assert r.status_code == 400
    assert "材料.zip: 上传被拒绝 / upload refused (压缩包内路径 ../../etc/evil.docx 含“../”，试图跳出解压目录，已拒绝)" in r.text
    assert kept == 0


def test_zip_absolute_path_is_refused(app, approved):
    r, kept = _screen(app, approved, [("files", ("材料.zip", _zip_with(zipfile.ZipInfo("/etc/passwd.docx"))))])
    assert r.status_code == 400 and "压缩包内含绝对路径" in r.text and kept == 0


def test_zip_symlink_is_refused(app, approved):
    link = zipfile.ZipInfo("link.docx")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    r, kept = _screen(app, approved, [("files", ("材料.zip", _zip_with(link, b"/etc/passwd")))])
    assert r.status_code == 400 and "压缩包内含符号链接 link.docx" in r.text and kept == 0


def test_zip_bomb_is_refused(app, approved):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"bomb{i}.docx", b"\0" * (1900 * 1024))  # ~5.6 MB inflated from a few KB
    assert len(buf.getvalue()) < 100 * 1024
    r, kept = _screen(app, approved, [("files", ("bomb.zip", buf.getvalue()))])
    assert r.status_code == 400 and "疑似压缩炸弹" in r.text and kept == 0


def test_zip_entry_that_lies_about_its_size_is_stopped_while_inflating(app, approved):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.docx", b"\0" * (3 * MB))
    data = bytearray(buf.getvalue())
    # shrink the declared size in the central directory (what check_zip reads) to 1 KB
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24:cd + 28] = (1024).to_bytes(4, "little")
    r, kept = _screen(app, approved, [("files", ("lie.zip", bytes(data)))])
    assert r.status_code == 400
    assert "lie.zip" in r.text and ("超出声明大小" in r.text or "无法解压" in r.text)
    assert kept == 0


def test_zip_with_too_many_entries_is_refused(app, approved):
    r, kept = _screen(app, approved, [("files", ("many.zip", zip_bytes({f"f{i}.txt": b"x" for i in range(60)})))])
    assert r.status_code == 400 and "压缩包含 60 个条目，超过上限 50" in r.text and kept == 0


def test_a_broken_zip_is_refused(app, approved):
    r, _ = _screen(app, approved, [("files", ("坏.zip", b"PK\x03\x04 this is not a zip"))])
    assert r.status_code == 400 and "ZIP 压缩包已损坏" in r.text


def test_an_over_size_file_is_refused_with_413(app, approved):
    r, kept = _screen(app, approved, [("files", ("大.pdf", b"%PDF-1.4\n" + b"0" * (2 * MB + 10)))])
    assert r.status_code == 413 and "大.pdf: 上传文件过大 / upload too large (文件超过大小上限 2 MB)" in r.text
    assert kept == 0


def test_an_over_size_batch_is_refused_with_413(app, approved):
    files = [("files", (f"{i}.pdf", b"%PDF-1.4\n" + b"0" * (1600 * 1024))) for i in range(4)]
    r, kept = _screen(app, approved, files)
    assert r.status_code == 413 and "本次上传合计超过上限 6 MB" in r.text and kept == 0
    failed = [j for j in jobs.recent(app.state.settings.db, kind="screen") if j.status == "failed"]
    assert failed and "本次上传合计超过上限" in failed[0].data["error"]


def test_an_over_size_request_is_refused_before_it_is_read(app):
    client, token = login(app)
    r = client.post("/api/screen", content=b"x" * (8 * MB), headers={"X-CSRF-Token": token,
                                                                       "content-type": "application/octet-stream"})
    assert r.status_code == 413 and "上传内容超过上限 6 MB" in r.json()["detail"]


def test_uploads_are_stored_under_generated_names(app, approved):
    client, token = login(app)
    r = client.post("/api/screen", data={"ruleset": str(approved)}, headers={"X-CSRF-Token": token},
                    files=[("files", ("../../逃逸.docx", FORMS[0].read_bytes())),
                           ("files", ("/etc/cron.d/x.pdf", b"%PDF-1.4 nothing"))])
    assert r.status_code == 202
    job_id = r.json()["id"]
    stored = sorted(p.name for p in (app.state.settings.jobs_dir / job_id / "inputs").iterdir())
    assert stored == ["0001.docx", "0002.pdf"]
    assert [f["name"] for f in r.json()["files"]] == ["逃逸.docx", "etc/cron.d/x.pdf"]
    assert not (app.state.settings.data_dir.parent / "逃逸.docx").exists()


def test_a_file_that_is_not_a_form_is_an_error_row_with_the_cli_reason(app, approved, tmp_path):
    from shenbao.pipeline.screen import screen_path

    client, token = login(app)
    r = client.post("/api/screen", data={"ruleset": str(approved)}, headers={"X-CSRF-Token": token},
                    files=[("files", ("照片.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)),
                           ("files", (FORMS[0].name, FORMS[0].read_bytes()))])
    from webkit import wait_job

    job = wait_job(client, r.json()["id"])
    assert job["status"] == "done" and job["summary"]["total"] == 2 and job["summary"]["error"] == 1
    report = client.get(f"/api/jobs/{job['id']}/report").json()
    row = next(x for x in report["results"] if x["file"] == "照片.docx")
    local = tmp_path / "照片.docx"
    local.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    _, ruleset = registry.resolve(approved, app.state.settings.db)
    cli_reason = screen_path(local, ruleset)[0].error.replace(str(local), "照片.docx")
    assert row["verdict"] == "error" and row["error"] == cli_reason


def test_zips_uploaded_at_the_same_time_do_not_mix(app, approved):
    from concurrent.futures import ThreadPoolExecutor

    from webkit import wait_job

    clients = [login(app) for _ in range(6)]

    def send(i):
        client, token = clients[i]
        names = [FORMS[i % len(FORMS)].name]
        data = zip_bytes({n: (FORMS[0].parent / n).read_bytes() for n in names})
        r = client.post("/api/screen", data={"ruleset": str(approved)}, headers={"X-CSRF-Token": token},
                        files=[("files", (f"材料{i}.zip", data, "application/zip"))])
        return r.status_code, r.json(), names

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(send, range(6)))
    assert [code for code, _, _ in answers] == [202] * 6
    for (_, job, names), (client, _) in zip(answers, clients, strict=True):
        assert [f["name"].split("/", 1)[1] for f in job["files"]] == names
        assert wait_job(client, job["id"])["status"] == "done"
