"""The web workspace through FastAPI's TestClient: every page and API endpoint, the whole journey
(upload a notice, edit, approve, screen a zip, download the reports, classify topics)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from webkit import (
    FORMS,
    NOTICE,
    PASSWORDS,
    csrf_of,
    forms_zip,
    login,
    make_app,
    upload_notice,
    wait_job,
)

from shenbao.models import RuleDiff, RuleSet, ScreeningReport, Submission, TopicMatch
from shenbao.store import audit, registry
from shenbao.web.app import create_app


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One data dir for the journey: a notice imported (v1), edited (v2), v1 approved."""
    tmp = tmp_path_factory.mktemp("web")
    app = make_app(tmp)
    admin, token = login(app, "admin")
    first = upload_notice(admin, token)
    return {"app": app, "admin": admin, "token": token, "first": first, "db": app.state.settings.db}


def first_requirement(db, ruleset_id, attribute=None):
    """The first requirement of an attribute, or else the first ``>= number`` one."""
    _, ruleset = registry.resolve(ruleset_id, db)
    if attribute:
        return next(r for r in ruleset.requirements if r.attribute == attribute)
    return next(r for r in ruleset.requirements if r.op == ">=" and isinstance(r.value, int))


# --------------------------------------------------------------------------- login and pages


def test_login_page_is_chinese_and_sets_a_signed_httponly_cookie(tmp_path):
    app = make_app(tmp_path)
    from fastapi.testclient import TestClient

    client = TestClient(app)
    r = client.get("/login")
    assert r.status_code == 200
    assert "登录" in r.text and "用户名" in r.text and "密码" in r.text
    cookie = r.headers["set-cookie"]
    assert "shenbao_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


def test_wrong_password_is_refused_and_logged(tmp_path):
    app = make_app(tmp_path)
    from fastapi.testclient import TestClient

    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"csrf_token": token, "name": "admin", "password": "wrong-password"})
    assert r.status_code == 401
    assert "用户名或密码不正确" in r.text
    assert client.get("/rules", follow_redirects=False).status_code == 303
    assert [e.action for e in audit.entries(app.state.settings.db)] == ["login_failed"]


def test_login_redirects_back_to_the_page_asked_for_but_never_off_site(tmp_path):
    app = make_app(tmp_path)
    from fastapi.testclient import TestClient

    client = TestClient(app)
    r = client.get("/screen", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/screen"
    token = csrf_of(client.get("/login?next=/screen").text)
    r = client.post("/login", data={"csrf_token": token, "name": "rev", "password": PASSWORDS["rev"],
                                    "next": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_every_page_renders_for_a_logged_in_user(world):
    admin = world["admin"]
    for path, words in {"/rules": ["通知与规则", "规则集登记库"], f"/rules/{world['first']}": ["通知原文", "要求"],
                        "/screen": ["形式审查", "历次审查"], "/classify": ["选题归类"], "/audit": ["审计日志"],
                        "/users": ["用户管理", "rev"], "/api/docs": ["JSON API", "/api/screen"]}.items():
        r = admin.get(path)
        assert r.status_code == 200, path
        for word in words:
            assert word in r.text, (path, word)
    assert admin.get("/", follow_redirects=False).headers["location"] == "/rules"
    assert admin.get("/docs", follow_redirects=False).headers["location"] == "/api/docs"
    assert admin.get("/static/style.css").status_code == 200
    assert admin.get("/static/app.js").status_code == 200
    assert admin.get("/rules/9999").status_code == 404
    assert "规则集 9999 不存在" in admin.get("/rules/9999").text
    assert admin.get("/jobs/nope").status_code == 404


def test_logout_ends_the_session(tmp_path):
    app = make_app(tmp_path)
    client, token = login(app, "rev")
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/rules", follow_redirects=False).status_code == 303


# --------------------------------------------------------------------------- notices and rules


def test_uploaded_notice_is_a_draft_with_its_sentences_highlighted(world):
    db, first = world["db"], world["first"]
    record, ruleset = registry.resolve(first, db)
    assert record.status == "draft" and record.version == 1
    assert ruleset.source.file == NOTICE.name
    assert record.issuer == "福建省人力资源和社会保障厅办公室"
    page = world["admin"].get(f"/rules/{first}").text
    req = first_requirement(db, first, "duration_days")
    assert f'id="req-{req.id}"' in page
    assert f'<mark class="req" id="t-{req.id}"' in page
    assert page.count('<li class="req') == len(ruleset.requirements)
    entry = audit.entries(db, action="import")[-1]
    assert entry.user_name == "admin" and entry.target == str(first) and entry.detail["file"] == NOTICE.name


def test_unparsed_and_open_requirements_are_flagged(tmp_path):
    from shenbao.store.validate import validate_data

    app = make_app(tmp_path)
    db = app.state.settings.db
    client, token = login(app)
    notice = Path(__file__).parent / "data" / "notices_blind5" / "sd_2028_jineng_dashi.txt"
    rid = upload_notice(client, token, notice)
    _, ruleset = registry.resolve(rid, db)
    # sentences shenbao could not read are shown, marked in the notice's text: the rule set as it
    # would be had two sentences (the first and the last requirement's) not been understood
    data = ruleset.model_dump(mode="json")
    first, last = data["requirements"][0]["evidence"], data["requirements"][-1]["evidence"]
    assert first["start"] != last["start"]
    unread = [first, last]
    data["requirements"] = [r for r in data["requirements"] if r["evidence"]["start"] not in (first["start"], last["start"])]
    data["unparsed"] = unread
    record, _ = registry.store(validate_data(data), db)
    page = client.get(f"/rules/{record.id}").text
    assert "未解析的规范性语句（2 句" in page and page.count('<mark class="unparsed" id=') == 2
    assert all(e["text"][:6] in page for e in unread)
    # a requirement of a kind the vocabulary has no name for (an open requirement) is flagged
    opened = ruleset.model_dump(mode="json")
    opened["requirements"] = [dict(r, attribute="duration_days") if r["attribute"] == "other" else r
                              for r in opened["requirements"]]
    opened["requirements"][0].update(attribute="other")
    record, created = registry.store(validate_data(opened), db)
    assert created
    page = client.get(f"/rules/{record.id}").text
    assert page.count("开放要求·需人工复核") == 1 and page.count('<mark class="open" id=') == 1
    assert "其他要求" in page


def test_the_same_notice_uploaded_twice_is_one_record(world):
    again = upload_notice(world["admin"], world["token"])
    assert again == world["first"]


def test_edit_makes_a_new_version_and_keeps_the_notice_sentence(world):
    admin, token, db, first = world["admin"], world["token"], world["db"], world["first"]
    req = first_requirement(db, first)
    r = admin.post(f"/rules/{first}/requirements/{req.id}",
                   data={"csrf_token": token, "op": ">=", "value": str(req.value + 2), "strength": "required",
                         "program": req.program or ""}, follow_redirects=False)
    assert r.status_code == 303
    new_id = int(r.headers["location"].split("/")[2].split("#")[0])
    assert new_id != first
    record, edited = registry.resolve(new_id, db)
    changed = next(x for x in edited.requirements if x.id == req.id)
    assert changed.value == req.value + 2 and changed.edited_from == {"op": req.op, "value": req.value}
    assert changed.evidence.text == req.evidence.text
    assert record.version == 2 and record.status == "draft"
    assert first_requirement(db, first).value == req.value  # the first version is untouched
    page = admin.get(f"/rules/{new_id}").text
    assert "已修改（原为" in page
    entry = audit.entries(db, action="edit")[0]
    assert entry.user_name == "admin" and entry.detail["requirement"] == req.id and entry.detail["from"] == first
    world["edited"] = new_id


def test_an_edit_is_validated_as_an_import_is(world):
    admin, token, db, first = world["admin"], world["token"], world["db"], world["first"]
    req = first_requirement(db, first)
    before = len(registry.list_records(db))
    r = admin.post(f"/rules/{first}/requirements/{req.id}",
                   data={"csrf_token": token, "op": ">=", "value": "五", "strength": "required"})
    assert r.status_code == 400
    assert "应为数字，例如 5" in r.text
    r = admin.post(f"/rules/{first}/requirements/{req.id}",
                   data={"csrf_token": token, "op": "bigger", "value": "5", "strength": "required"})
    assert r.status_code == 400 and "bigger" in r.text
    r = admin.post(f"/rules/{first}/requirements/no-such-id", data={"csrf_token": token, "value": "5"})
    assert r.status_code == 400 and "没有编号为 no-such-id 的要求" in r.text
    assert len(registry.list_records(db)) == before


def test_reviewer_cannot_approve(world):
    reviewer, token = login(world["app"], "rev")
    r = reviewer.post(f"/rules/{world['first']}/approve", data={"csrf_token": token})
    assert r.status_code == 403 and "只有管理员" in r.text
    r = reviewer.post(f"/api/rulesets/{world['first']}/approve", headers={"X-CSRF-Token": token})
    assert r.status_code == 403
    assert registry.resolve(world["first"], world["db"])[0].status == "draft"
    assert reviewer.get("/users").status_code == 403
    assert reviewer.get("/api/audit").status_code == 403
    # the reviewer may edit a draft
    req = first_requirement(world["db"], world["first"], "participants")
    r = reviewer.post(f"/rules/{world['first']}/requirements/{req.id}",
                      data={"csrf_token": token, "op": req.op, "value": json.dumps(req.value),
                            "strength": req.strength}, follow_redirects=False)
    assert r.status_code == 303


def test_admin_approves_and_the_next_version_shows_the_diff(world):
    admin, token, db, first = world["admin"], world["token"], world["db"], world["first"]
    r = admin.post(f"/rules/{first}/approve", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    record, _ = registry.resolve(first, db)
    assert record.status == "approved" and record.approved_at
    assert audit.approver_of(first, db) == "admin"
    page = admin.get(f"/rules/{first}").text
    assert "已审批" in page and "admin" in page and 'id="approve"' not in page
    edited = world["edited"]
    page = admin.get(f"/rules/{edited}").text
    assert "与上一份已审批规则集的差异" in page and "变化" in page
    req = first_requirement(db, first)
    assert req.evidence.text in page
    diff = admin.get(f"/api/rulesets/{edited}/diff").json()
    assert diff["base"]["id"] == first
    model = RuleDiff.model_validate(diff["diff"])
    assert [c.change for c in model.requirements] == ["changed"]
    assert model.requirements[0].old.value == req.value and model.requirements[0].new.value == req.value + 2
    # approving the edited version makes it the one screening by issuer uses
    r = admin.post(f"/api/rulesets/{edited}/approve", headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["status"] == "approved" and r.json()["approved_by"] == "admin"
    active = [x for x in registry.list_records(db) if x.active]
    assert [x.id for x in active] == [edited]


# --------------------------------------------------------------------------- screening


def test_screening_a_zip_gives_every_file_a_row_and_the_reports(world):
    admin, token, db = world["admin"], world["token"], world["db"]
    edited = world["edited"]
    r = admin.post("/screen", data={"csrf_token": token, "ruleset": f"issuer:{registry.resolve(edited, db)[0].issuer}"},
                   files=[("files", ("申报材料.zip", forms_zip(), "application/zip"))], follow_redirects=False)
    assert r.status_code == 303
    job_id = r.headers["location"].rsplit("/", 1)[1]
    job = wait_job(admin, job_id)
    assert job["status"] == "done", job
    assert job["total"] == len(FORMS) and job["done"] == len(FORMS)
    assert job["ruleset_id"] == edited
    report = ScreeningReport.model_validate(admin.get(f"/api/jobs/{job_id}/report").json())
    files = {res.file for res in report.results}
    assert files == {f"申报材料.zip/申报材料/{p.name}" for p in FORMS}
    truncated = [res for res in report.results if res.file.endswith("fj_national_04_truncated.pdf")]
    assert truncated and truncated[0].verdict == "error" and "fj_national_04_truncated.pdf" in truncated[0].error
    assert "/jobs/" not in truncated[0].error  # never the generated name
    assert report.ruleset.registry_id == edited and report.ruleset.status == "approved"
    assert report.summary.total == len(report.results) and report.summary.error >= 1
    page = admin.get(f"/jobs/{job_id}").text
    assert "已完成" in page and f"/jobs/{job_id}/files/xlsx" in page and "<iframe" in page
    html = admin.get(f"/jobs/{job_id}/files/html")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "fj_national_01.docx" in html.text
    xlsx = admin.get(f"/jobs/{job_id}/files/xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "attachment" in xlsx.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.worksheets[0].max_row >= len(FORMS)
    csv = admin.get(f"/jobs/{job_id}/files/csv")
    assert csv.status_code == 200 and "fj_national_02.docx" in csv.content.decode("utf-8-sig")
    assert admin.get(f"/jobs/{job_id}/files/json").json()["summary"]["total"] == report.summary.total
    summary = admin.get(f"/jobs/{job_id}/files/summary")
    assert summary.status_code == 200 and summary.content[:2] == b"PK"
    assert admin.get(f"/jobs/{job_id}/files/secret").status_code == 404
    assert job_id[:8] in admin.get("/screen").text  # listed among past jobs
    entry = audit.entries(db, action="screen")[0]
    assert entry.target == job_id and entry.detail["files"] == len(FORMS)
    world["job"] = job_id


def test_screening_many_files_and_lock_files(world):
    admin, token = world["admin"], world["token"]
    files = [("files", (p.name, p.read_bytes())) for p in FORMS[:2]]
    files.append(("files", ("~$锁定.docx", b"lock")))
    r = admin.post("/api/screen", data={"ruleset": str(world["first"])}, files=files,
                   headers={"X-CSRF-Token": token})
    assert r.status_code == 202
    job = wait_job(admin, r.json()["id"])
    assert job["status"] == "done" and job["total"] == 3
    report = admin.get(f"/api/jobs/{job['id']}/report").json()
    assert sorted(x["file"] for x in report["results"]) == sorted(p.name for p in FORMS[:2])
    assert report["ignored"] == ["~$锁定.docx"]


def test_a_draft_cannot_be_screened_with(tmp_path):
    app = make_app(tmp_path)
    client, token = login(app)
    rid = upload_notice(client, token)
    r = client.post("/screen", data={"csrf_token": token, "ruleset": str(rid)},
                    files=[("files", (FORMS[0].name, FORMS[0].read_bytes()))])
    assert r.status_code == 400 and "尚未审批" in r.text
    r = client.post("/screen", data={"csrf_token": token, "ruleset": "issuer:福建省人力资源和社会保障厅办公室"},
                    files=[("files", (FORMS[0].name, FORMS[0].read_bytes()))])
    assert r.status_code == 400 and "没有已审批的规则集" in r.text
    assert "还没有已审批的规则集" in client.get("/screen").text


def test_a_job_survives_a_restart(world, tmp_path):
    job_id = world["job"]
    settings = world["app"].state.settings
    again = create_app(settings=settings)
    client, _ = login(again)
    job = client.get(f"/api/jobs/{job_id}").json()
    assert job["status"] == "done" and job["summary"]["total"] >= len(FORMS)
    assert "审查报告" in client.get(f"/jobs/{job_id}").text


def test_an_unfinished_job_is_marked_interrupted_on_restart(tmp_path):
    from shenbao.store import jobs

    app = make_app(tmp_path)
    settings = app.state.settings
    job = jobs.create("screen", "admin", total=3, db=settings.db)
    jobs.start(job.id, settings.db)
    create_app(settings=settings)
    assert jobs.get(job.id, settings.db).status == "interrupted"


# --------------------------------------------------------------------------- topics


def test_classify_pasted_titles(world):
    admin, token = world["admin"], world["token"]
    r = admin.post("/classify", data={"csrf_token": token, "titles": "人工智能赋能智能制造高级研修班\n古典诗词欣赏\n",
                                      "top": "3"}, follow_redirects=False)
    assert r.status_code == 303
    page = admin.get(r.headers["location"])
    assert "人工智能" in page.text and 'class="term"' in page.text
    assert "不属于任何重点方向" in page.text
    job_id = r.headers["location"].rsplit("/", 1)[1]
    xlsx = admin.get(f"/jobs/{job_id}/files/xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    results = admin.get(f"/jobs/{job_id}/files/json").json()
    assert [x["title"] for x in results] == ["人工智能赋能智能制造高级研修班", "古典诗词欣赏"]
    assert results[0]["matches"] and results[1]["matches"] == []
    assert admin.get(f"/jobs/{job_id}", follow_redirects=False).headers["location"] == f"/classify/{job_id}"


def test_classify_a_file_against_a_rule_set(world):
    admin, token = world["admin"], world["token"]
    body = "\n".join(json.dumps({"id": f"p{i}", "title": t}, ensure_ascii=False)
                     for i, t in enumerate(["新一代信息技术产业人才研修", "乡村振兴电商人才培训"]))
    r = admin.post("/classify", data={"csrf_token": token, "ruleset": str(world["first"])},
                   files={"file": ("选题.jsonl", body.encode("utf-8"))}, follow_redirects=False)
    assert r.status_code == 303
    job_id = r.headers["location"].rsplit("/", 1)[1]
    results = admin.get(f"/jobs/{job_id}/files/json").json()
    assert [x["id"] for x in results] == ["p0", "p1"]
    r = admin.post("/classify", data={"csrf_token": token}, files={"file": ("选题.doc", b"x")})
    assert r.status_code == 400 and "JSONL、TXT 或 XLSX" in r.text
    r = admin.post("/classify", data={"csrf_token": token, "titles": "  "})
    assert r.status_code == 400 and "请粘贴选题" in r.text


# --------------------------------------------------------------------------- users


def test_admin_adds_and_disables_users(tmp_path):
    app = make_app(tmp_path)
    client, token = login(app)
    r = client.post("/users", data={"csrf_token": token, "name": "小王", "role": "reviewer", "password": "xiaowang-1"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert "小王" in client.get("/users").text
    r = client.post("/users", data={"csrf_token": token, "name": "小王", "role": "reviewer", "password": "xiaowang-1"})
    assert r.status_code == 400 and "用户已存在" in r.text
    r = client.post("/users", data={"csrf_token": token, "name": "短", "role": "reviewer", "password": "1"})
    assert r.status_code == 400 and "密码至少 8 个字符" in r.text
    r = client.post("/users/小王/disable", data={"csrf_token": token, "disable": "1"}, follow_redirects=False)
    assert r.status_code == 303
    from fastapi.testclient import TestClient

    other = TestClient(app)
    t = csrf_of(other.get("/login").text)
    assert other.post("/login", data={"csrf_token": t, "name": "小王", "password": "xiaowang-1"}).status_code == 401
    assert client.post("/users/admin/disable", data={"csrf_token": token}).status_code == 400
    assert [e.action for e in audit.entries(app.state.settings.db, limit=5)][:3] == ["login_failed", "user_disable", "user_add"]


# --------------------------------------------------------------------------- JSON API


def test_api_mirrors_the_cli_contracts(world):
    from fastapi.testclient import TestClient

    client = TestClient(world["app"])
    r = client.post("/api/login", json={"name": "rev", "password": PASSWORDS["rev"]})
    assert r.status_code == 200 and r.json()["role"] == "reviewer"
    token = r.json()["csrf_token"]
    assert client.get("/api/me").json() == {"name": "rev", "role": "reviewer", "csrf_token": token}
    records = client.get("/api/rulesets").json()
    assert {"id", "issuer", "year", "version", "status", "ref", "requirements"} <= set(records[0])
    ruleset = RuleSet.model_validate(client.get(f"/api/rulesets/{world['first']}").json())
    assert ruleset.notice.issuer == "福建省人力资源和社会保障厅办公室"
    record = client.get(f"/api/rulesets/{world['first']}/record").json()
    assert record["approved_by"] == "admin"
    assert client.get("/api/rulesets/999").status_code == 404
    with open(FORMS[0], "rb") as fh:
        r = client.post("/api/forms/parse", files={"file": (FORMS[0].name, fh)}, headers={"X-CSRF-Token": token})
    assert r.status_code == 200
    subs = [Submission.model_validate(x) for x in r.json()]
    assert subs[0].form_type == "fj_national_seminar" and subs[0].source.file == FORMS[0].name
    r = client.post("/api/forms/parse", files={"file": ("空.docx", b"")}, headers={"X-CSRF-Token": token})
    assert r.status_code == 400 and r.json()["detail"].startswith("空.docx: 文件为空")
    r = client.post("/api/classify", json={"titles": ["人工智能赋能智能制造高级研修班"], "top": 2},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200
    matches = [TopicMatch.model_validate(m) for m in r.json()["results"][0]["matches"]]
    assert 1 <= len(matches) <= 2 and "人工智能" in matches[0].matched_terms
    assert client.get("/api/jobs").status_code == 200
    assert client.get("/api/jobs?kind=screen").json()[0]["kind"] == "screen"
    spec = client.get("/api/openapi.json").json()
    assert "/api/screen" in spec["paths"] and "/api/rulesets/{ruleset_id}/approve" in spec["paths"]
    assert "/login" not in spec["paths"]


def test_api_edit_and_import(tmp_path):
    app = make_app(tmp_path)
    client, token = login(app)
    with open(NOTICE, "rb") as fh:
        r = client.post("/api/rulesets", files={"notice": (NOTICE.name, fh)}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201 and r.json()["created"] is True and r.json()["version"] == 1
    rid = r.json()["id"]
    req = first_requirement(app.state.settings.db, rid)
    r = client.post(f"/api/rulesets/{rid}/requirements/{req.id}", json={"value": 9, "strength": "guideline"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 201 and r.json()["version"] == 2
    _, edited = registry.resolve(r.json()["id"], app.state.settings.db)
    changed = next(x for x in edited.requirements if x.id == req.id)
    assert (changed.value, changed.strength) == (9, "guideline")
    r = client.post(f"/api/rulesets/{rid}/requirements/{req.id}", json={"value": "九"},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 400 and "应为数字，例如 9" in r.json()["detail"]
    assert client.get(f"/api/rulesets/{rid}/diff").json() == {"base": None, "diff": None}
    audit_rows = client.get("/api/audit").json()
    assert [e["action"] for e in audit_rows[:2]] == ["edit", "import"]


def test_bad_notice_gives_the_cli_reason(tmp_path):
    from shenbao.errors import ShenbaoError
    from shenbao.pipeline.parse import notice_command

    app = make_app(tmp_path)
    client, token = login(app)
    bad = tmp_path / "损坏.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    with pytest.raises(ShenbaoError) as cli_error:
        notice_command(bad)
    r = client.post("/rules/upload", data={"csrf_token": token}, files={"notice": ("损坏.pdf", bad.read_bytes())})
    assert r.status_code == 400
    expected = str(cli_error.value).splitlines()[0].replace(str(bad), "损坏.pdf")
    assert expected in r.text.replace("&amp;", "&").replace("&#39;", "'")
    r = client.post("/rules/upload", data={"csrf_token": token}, files={"notice": ("通知.exe", b"MZ")})
    assert r.status_code == 400 and "通知应为 PDF、DOCX、TXT/MD 或 HTML 文件" in r.text
