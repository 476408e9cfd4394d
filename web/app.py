"""The FastAPI application: Chinese pages for people, a JSON API under /api for scripts.

Every page needs a login (pages redirect to /login, the API answers 401); every form
POST carries the session's CSRF token (403 without); approving needs the admin role.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ShenbaoError
from ..models import Proposal, RuleSet
from ..store import accounts, audit, jobs, registry
from . import notices
from .runner import CLASSIFY_OUTPUTS, REPORTS, SUMMARY_TABLE, Runner, job_dir, results_of
from .security import (
    COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    LoginLimiter,
    NotLoggedIn,
    Sessions,
    check_csrf,
    csrf_token,
    new_token,
    session_of,
)
from .settings import Settings
from .uploads import Batch, UploadError, display_name, safe_suffix

HERE = Path(__file__).resolve().parent
PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'"
REPORT_CSP = ("default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
              "frame-ancestors 'self'")
DOWNLOADS = {**{k: v for k, v in REPORTS.items()}, "summary": SUMMARY_TABLE}
VERDICTS = {"pass": "通过", "fail": "不通过", "review": "需复核", "error": "无法读取"}


def _json(data: Any, status: int = 200) -> Response:
    body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


def create_app(data_dir: str | Path | None = None, settings: Settings | None = None) -> FastAPI:
    if settings is None:
        from .settings import default_data_dir

        settings = Settings(data_dir=Path(data_dir) if data_dir else default_data_dir())
    jobs.interrupt_unfinished(settings.db)  # a job the last server left running did not finish
    registry.list_records(settings.db)  # the registry's own schema, in the same database

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        app.state.runner.shutdown()

    app = FastAPI(title="申报 shenbao 网页工作台 API", version="1", docs_url=None, redoc_url=None,
                  openapi_url=None, lifespan=lifespan,
                  description="与命令行 --json 输出相同的契约：RuleSet、Submission、ScreeningReport、TopicMatch。")
    app.state.settings = settings
    app.state.sessions = Sessions(settings.secret_key, settings.session_hours * 3600, settings.secure_cookies)
    app.state.limiter = LoginLimiter(settings.login_attempts, settings.login_window_seconds)
    app.state.runner = Runner(settings)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(verdicts=VERDICTS, op_labels=notices.OP_LABELS,
                                 strength_labels=notices.STRENGTH_LABELS, csrf_field=CSRF_FIELD)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    db = settings.db

    # ------------------------------------------------------------------ plumbing

    @app.middleware("http")
    async def guard(request: Request, call_next):
        limit = settings.max_batch_bytes + 1024 * 1024
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limit:
            return _refusal(request, 413, f"上传内容超过上限 {settings.max_batch_bytes // (1024 * 1024)} MB")
        response = await call_next(request)
        if getattr(request.state, "new_session", False) and COOKIE not in response.headers.get("set-cookie", ""):
            app.state.sessions.write(response, request.state.session)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        if request.url.path != "/login" and not request.url.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def _is_api(request: Request) -> bool:
        return request.url.path.startswith("/api") and request.url.path != "/api/docs"

    def _refusal(request: Request, status: int, message: str) -> Response:
        if _is_api(request):
            return _json({"detail": message}, status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "message": message,
                                                                   "user": None}, status_code=status)

    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, exc: NotLoggedIn):
        if _is_api(request):
            return _json({"detail": "请先登录 / login required"}, 401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = "页面或记录不存在"
        if exc.status_code == 405:
            message = "不支持该请求方式"
        if _is_api(request):
            return _json({"detail": message}, exc.status_code)
        user = _user_or_none(request)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code, "message": message,
                                                                   "user": user, "csrf": csrf_token(request)},
                                          status_code=exc.status_code)

    def _user_or_none(request: Request) -> accounts.User | None:
        name = session_of(request).get("user")
        if not name:
            return None
        user = accounts.get_user(name, db)
        return user if user is not None and not user.disabled else None

    def login_required(request: Request) -> accounts.User:
        user = _user_or_none(request)
        if user is None:
            raise NotLoggedIn()
        request.state.user = user
        return user

    def admin_required(request: Request) -> accounts.User:
        user = login_required(request)
        if not user.is_admin:
            raise HTTPException(403, "只有管理员可以执行此操作（审核员不能审批规则集或管理用户）")
        return user

    async def form_of(request: Request) -> Any:
        form = await request.form(max_files=settings.max_batch_files + 10, max_fields=200)
        check_csrf(request, form.get(CSRF_FIELD))
        return form

    def api_csrf(request: Request) -> None:
        check_csrf(request, request.headers.get(CSRF_HEADER))

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        context = {"user": getattr(request.state, "user", None), "csrf": csrf_token(request),
                   "nav": name.split(".")[0], **context}
        return templates.TemplateResponse(request, name, context, status_code=status)

    def record_or_404(ruleset_id: int) -> tuple[registry.Record, RuleSet]:
        try:
            return registry.resolve(int(ruleset_id), db)
        except ShenbaoError as err:
            raise HTTPException(404, f"规则集 {ruleset_id} 不存在") from err

    def job_or_404(job_id: str) -> jobs.Job:
        job = jobs.get(job_id, db)
        if job is None:
            raise HTTPException(404, "任务不存在")
        return job

    def _one_line(err: Exception) -> str:
        return str(err).splitlines()[0] if str(err) else type(err).__name__

    # ------------------------------------------------------------------ login

    def _address(request: Request) -> str:
        return request.client.host if request.client else "-"

    def _login(request: Request, name: str, password: str) -> tuple[accounts.User | None, str, int]:
        limiter = app.state.limiter
        wait = limiter.blocked(_address(request), name)
        if wait:
            return None, f"登录失败次数过多，请 {wait} 秒后再试", 429
        user = accounts.authenticate(name, password, db)
        if user is None:
            limiter.failed(_address(request), name)
            audit.record("login_failed", name[:64] or None, None, {"address": _address(request)}, db)
            return None, "用户名或密码不正确", 401
        limiter.succeeded(_address(request), name)
        audit.record("login", user.name, None, {"address": _address(request)}, db)
        return user, "", 200

    def _start_session(response: Response, user: accounts.User) -> str:
        token = new_token()
        app.state.sessions.write(response, {"user": user.name, "csrf": token, "at": int(time.time())})
        return token

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = "/"):
        return page(request, "login.html", {"next": next, "error": None})

    @app.post("/login", include_in_schema=False)
    async def login_submit(request: Request):
        form = await form_of(request)
        name, password = str(form.get("name") or ""), str(form.get("password") or "")
        target = str(form.get("next") or "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        user, error, status = _login(request, name, password)
        if user is None:
            return page(request, "login.html", {"next": target, "error": error, "name": name}, status=status)
        response = RedirectResponse(target, status_code=303)
        _start_session(response, user)
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request):
        await form_of(request)
        name = session_of(request).get("user")
        if name:
            audit.record("logout", name, None, {}, db)
        response = RedirectResponse("/login", status_code=303)
        app.state.sessions.clear(response)
        return response

    # ------------------------------------------------------------------ pages: rules

    @app.get("/", include_in_schema=False)
    def home(request: Request):
        login_required(request)
        return RedirectResponse("/rules", status_code=303)

    @app.get("/rules", response_class=HTMLResponse, include_in_schema=False)
    def rules_page(request: Request, error: str | None = None):
        login_required(request)
        records = sorted(registry.list_records(db), key=lambda r: -r.id)
        return page(request, "rules.html", {"records": records, "error": error})

    def _import(request: Request, user: accounts.User, upload) -> tuple[registry.Record, bool, RuleSet]:
        if upload is None or not getattr(upload, "filename", None):
            raise UploadError(None, "请选择通知文件")
        suffix = safe_suffix(upload.filename)
        if suffix not in notices.NOTICE_SUFFIXES:
            raise UploadError(display_name(upload.filename), "通知应为 PDF、DOCX、TXT/MD 或 HTML 文件")
        batch = Batch(settings.notices_dir / "uploads" / new_token()[:16], settings)
        stored = batch.add_stream(upload.filename, upload.file)
        try:
            record, created, ruleset = notices.import_notice(settings, stored.path, display_name(upload.filename))
        except ShenbaoError as err:  # the reason names the file as the user knows it, as the CLI does
            err.args = (str(err).replace(str(stored.path), stored.name),)
            batch.discard()
            raise
        audit.record("import", user.name, record.id, {"file": stored.name, "ref": record.ref, "created": created,
                                                     "requirements": record.requirements}, db)
        return record, created, ruleset

    @app.post("/rules/upload", include_in_schema=False)
    async def rules_upload(request: Request):
        user = login_required(request)
        form = await form_of(request)
        try:
            record, _, _ = _import(request, user, form.get("notice"))
        except UploadError as err:
            return _refusal_page(request, "rules.html", err, err.status)
        except ShenbaoError as err:
            return _refusal_page(request, "rules.html", err, 400)
        return RedirectResponse(f"/rules/{record.id}", status_code=303)

    def _refusal_page(request: Request, name: str, err: Exception, status: int) -> HTMLResponse:
        if name == "rules.html":
            records = sorted(registry.list_records(db), key=lambda r: -r.id)
            return page(request, name, {"records": records, "error": _one_line(err)}, status=status)
        if name == "screen.html":
            return page(request, name, {**_screen_context(), "error": _one_line(err)}, status=status)
        return page(request, name, {**_classify_context(), "error": _one_line(err)}, status=status)

    def _ruleset_context(record: registry.Record, ruleset: RuleSet, error: str | None = None,
                         editing: str | None = None) -> dict[str, Any]:
        text = notices.notice_text(settings, ruleset)
        base, diff = notices.diff_against_approved(record, ruleset, db)
        versions = [r for r in registry.list_records(db) if r.issuer == record.issuer and r.year == record.year]
        return {"record": record, "ruleset": ruleset, "segments": notices.segments(text, ruleset) if text else None,
                "rows": notices.requirement_rows(ruleset), "base": base, "diff": diff, "error": error,
                "editing": editing, "approver": audit.approver_of(record.id, db), "versions": versions,
                "programs": [p.name for p in ruleset.programs]}

    @app.get("/rules/{ruleset_id}", response_class=HTMLResponse, include_in_schema=False)
    def ruleset_page(request: Request, ruleset_id: int):
        login_required(request)
        record, ruleset = record_or_404(ruleset_id)
        return page(request, "ruleset.html", _ruleset_context(record, ruleset))

    def _edit(user: accounts.User, ruleset_id: int, req_id: str, changes: dict[str, Any]
              ) -> tuple[registry.Record, bool]:
        record, ruleset = record_or_404(ruleset_id)
        edited = notices.edit_requirement(ruleset, req_id, changes)
        new_record, created = notices.store_edit(settings, edited, record.imported_from or "")
        audit.record("edit", user.name, new_record.id, {
            "from": record.id, "requirement": req_id, "ref": new_record.ref, "created": created,
            "changes": {k: v for k, v in changes.items() if k != CSRF_FIELD}}, db)
        return new_record, created

    @app.post("/rules/{ruleset_id}/requirements/{req_id}", include_in_schema=False)
    async def requirement_edit(request: Request, ruleset_id: int, req_id: str):
        user = login_required(request)
        form = await form_of(request)
        changes = {k: str(form.get(k) or "") for k in ("value", "op", "strength", "program", "condition_attribute",
                                                        "condition_op", "condition_value") if k in form}
        try:
            new_record, _ = _edit(user, ruleset_id, req_id, changes)
        except ShenbaoError as err:
            record, ruleset = record_or_404(ruleset_id)
            return page(request, "ruleset.html", _ruleset_context(record, ruleset, error=_one_line(err),
                                                                  editing=req_id), status=400)
        return RedirectResponse(f"/rules/{new_record.id}#req-{quote(req_id)}", status_code=303)

    def _approve(user: accounts.User, ruleset_id: int) -> registry.Record:
        record, _ = record_or_404(ruleset_id)
        already = record.status == "approved"
        record = registry.approve(record.id, db, by=None if already else user.name)
        if not already:
            audit.record("approve", user.name, record.id, {"ref": record.ref, "approved_at": record.approved_at}, db)
        return record

    @app.post("/rules/{ruleset_id}/approve", include_in_schema=False)
    async def ruleset_approve(request: Request, ruleset_id: int):
        login_required(request)
        await form_of(request)
        user = admin_required(request)
        try:
            _approve(user, ruleset_id)
        except ShenbaoError as err:
            record, ruleset = record_or_404(ruleset_id)
            return page(request, "ruleset.html", _ruleset_context(record, ruleset, error=_one_line(err)), status=400)
        return RedirectResponse(f"/rules/{ruleset_id}", status_code=303)

    # ------------------------------------------------------------------ pages: screening

    def _screen_context() -> dict[str, Any]:
        approved = [r for r in registry.list_records(db) if r.status == "approved"]
        issuers = sorted({r.issuer for r in approved if r.issuer})
        return {"approved": sorted(approved, key=lambda r: -r.id), "issuers": issuers,
                "jobs": jobs.recent(db, kind="screen", limit=30), "error": None}

    @app.get("/screen", response_class=HTMLResponse, include_in_schema=False)
    def screen_page(request: Request):
        login_required(request)
        return page(request, "screen.html", _screen_context())

    def _choose_ruleset(choice: str) -> registry.Record:
        choice = (choice or "").strip()
        if choice.startswith("issuer:"):
            record, _ = registry.approved_record(choice[len("issuer:"):], db)
            return record
        if not choice.isdigit():
            raise UploadError(None, "请选择已审批的规则集")
        record, _ = record_or_404(int(choice))
        if record.status != "approved":
            raise UploadError(None, f"规则集 {record.id}（{record.ref}）尚未审批，不能用于审查")
        return record

    def _start_screen(user: accounts.User, choice: str, uploads: list) -> jobs.Job:
        record = _choose_ruleset(choice)
        uploads = [u for u in uploads if getattr(u, "filename", None)]
        if not uploads:
            raise UploadError(None, "请选择要审查的申报材料（可多选文件、选择文件夹或上传 .zip）")
        job = jobs.create("screen", user.name, ruleset_id=record.id, db=db,
                          data={"ruleset": {"id": record.id, "ref": record.ref, "title": record.title}})
        batch = Batch(job_dir(settings, job.id) / "inputs", settings)
        try:
            for upload in uploads:
                batch.add_upload(upload.filename, upload.file)
        except BaseException as err:
            batch.discard()
            jobs.finish(job.id, "failed", db, data={"error": _one_line(err)})
            raise
        files = [{"name": f.name, "size": f.size} for f in batch.files]
        jobs.update_job(job.id, db, total=len(batch.files), data={"files": files})
        audit.record("screen", user.name, job.id, {"ruleset": record.id, "ref": record.ref, "files": len(files)}, db)
        app.state.runner.submit_screen(job.id, record, batch.files)
        return job_or_404(job.id)

    @app.post("/screen", include_in_schema=False)
    async def screen_submit(request: Request):
        user = login_required(request)
        form = await form_of(request)
        try:
            job = _start_screen(user, str(form.get("ruleset") or ""), form.getlist("files"))
        except UploadError as err:
            return _refusal_page(request, "screen.html", err, err.status)
        except ShenbaoError as err:
            return _refusal_page(request, "screen.html", err, 400)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str):
        login_required(request)
        job = job_or_404(job_id)
        if job.kind == "classify":
            return RedirectResponse(f"/classify/{job.id}", status_code=303)
        return page(request, "job.html", {"job": job, "downloads": DOWNLOADS})

    @app.get("/jobs/{job_id}/files/{key}", include_in_schema=False)
    def job_file(request: Request, job_id: str, key: str):
        login_required(request)
        job = job_or_404(job_id)
        names = DOWNLOADS if job.kind == "screen" else CLASSIFY_OUTPUTS
        if key not in names:
            raise HTTPException(404, "没有这种下载文件")
        path = job_dir(settings, job.id) / names[key]
        if not path.is_file():
            raise HTTPException(404, "报告尚未生成")
        if key == "html":
            response = FileResponse(path, media_type="text/html; charset=utf-8")
            response.headers["Content-Security-Policy"] = REPORT_CSP
            return response
        return FileResponse(path, filename=f"{job.created_at[:10]}-{names[key]}")

    # ------------------------------------------------------------------ pages: topics

    def _classify_context() -> dict[str, Any]:
        records = sorted(registry.list_records(db), key=lambda r: -r.id)
        return {"records": records, "jobs": jobs.recent(db, kind="classify", limit=20), "error": None,
                "results": None, "job": None}

    @app.get("/classify", response_class=HTMLResponse, include_in_schema=False)
    def classify_page(request: Request):
        login_required(request)
        return page(request, "classify.html", _classify_context())

    def _proposals(text: str, upload) -> list[Proposal]:
        from ..pipeline.classify import split_text

        if upload is not None and getattr(upload, "filename", None):
            suffix = safe_suffix(upload.filename)
            if suffix not in (".jsonl", ".txt", ".xlsx"):
                raise UploadError(display_name(upload.filename), "选题文件应为 JSONL、TXT 或 XLSX")
            batch = Batch(settings.data_dir / "tmp" / new_token()[:16], settings)
            try:
                stored = batch.add_stream(upload.filename, upload.file)
                from ..pipeline.classify import read_proposal_file

                return read_proposal_file(stored.path)
            finally:
                batch.discard()
        out = []
        for i, line in enumerate(x for x in (text or "").splitlines() if x.strip()):
            title, description = split_text(line)
            out.append(Proposal(id=str(i + 1), title=title, description=description))
        if not out:
            raise UploadError(None, "请粘贴选题（每行一个）或上传选题文件")
        return out

    def _classify(user: accounts.User, proposals: list[Proposal], ruleset_id: str, top: int) -> jobs.Job:
        from .runner import classify

        ruleset = None
        record = None
        if str(ruleset_id or "").isdigit():
            record, ruleset = record_or_404(int(ruleset_id))
        job = jobs.create("classify", user.name, total=len(proposals), ruleset_id=record.id if record else None,
                          db=db, data={"ruleset": {"id": record.id, "ref": record.ref} if record else None,
                                       "top": top})
        jobs.start(job.id, db)
        try:
            results = classify(settings, job.id, proposals, ruleset, top=top)
        except ShenbaoError as err:
            jobs.finish(job.id, "failed", db, data={"error": _one_line(err)})
            raise
        unmatched = sum(1 for r in results if not r.matches)
        jobs.update_job(job.id, db, done=len(results))
        jobs.finish(job.id, "done", db, data={"unmatched": unmatched})
        audit.record("classify", user.name, job.id, {"proposals": len(results), "ruleset": record.id if record else None},
                     db)
        return job_or_404(job.id)

    @app.post("/classify", include_in_schema=False)
    async def classify_submit(request: Request):
        user = login_required(request)
        form = await form_of(request)
        try:
            proposals = _proposals(str(form.get("titles") or ""), form.get("file"))
            job = _classify(user, proposals, str(form.get("ruleset") or ""), _top(form.get("top")))
        except UploadError as err:
            return _refusal_page(request, "classify.html", err, err.status)
        except ShenbaoError as err:
            return _refusal_page(request, "classify.html", err, 400)
        return RedirectResponse(f"/classify/{job.id}", status_code=303)

    def _top(value: Any) -> int:
        text = str(value or "3").strip()
        return max(1, min(10, int(text))) if text.isdigit() else 3

    @app.get("/classify/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def classify_result(request: Request, job_id: str):
        login_required(request)
        job = job_or_404(job_id)
        if job.kind != "classify":
            raise HTTPException(404, "任务不存在")
        return page(request, "classify.html", {**_classify_context(), "job": job,
                                               "results": results_of(settings, job.id)})

    # ------------------------------------------------------------------ pages: users, audit, docs

    @app.get("/users", response_class=HTMLResponse, include_in_schema=False)
    def users_page(request: Request, error: str | None = None):
        admin_required(request)
        return page(request, "users.html", {"users": accounts.list_users(db), "error": error,
                                            "roles": accounts.ROLE_LABELS})

    @app.post("/users", include_in_schema=False)
    async def users_add(request: Request):
        login_required(request)
        form = await form_of(request)
        admin = admin_required(request)
        try:
            user = accounts.add_user(str(form.get("name") or ""), str(form.get("role") or ""),
                                     str(form.get("password") or ""), db)
        except ShenbaoError as err:
            return page(request, "users.html", {"users": accounts.list_users(db), "error": _one_line(err),
                                                "roles": accounts.ROLE_LABELS}, status=400)
        audit.record("user_add", admin.name, user.name, {"role": user.role}, db)
        return RedirectResponse("/users", status_code=303)

    @app.post("/users/{name}/disable", include_in_schema=False)
    async def users_disable(request: Request, name: str):
        login_required(request)
        form = await form_of(request)
        admin = admin_required(request)
        disable = str(form.get("disable") or "1") == "1"
        if name == admin.name and disable:
            raise HTTPException(400, "不能停用自己的账户")
        if accounts.get_user(name, db) is None:
            raise HTTPException(404, "用户不存在")
        accounts.set_disabled(name, disable, db)
        audit.record("user_disable" if disable else "user_enable", admin.name, name, {}, db)
        return RedirectResponse("/users", status_code=303)

    @app.get("/audit", response_class=HTMLResponse, include_in_schema=False)
    def audit_page(request: Request):
        login_required(request)
        return page(request, "audit.html", {"entries": audit.entries(db, limit=300)})

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request):
        login_required(request)
        spec = app.openapi()
        routes = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                params = [p.get("name") for p in op.get("parameters", [])]
                body = op.get("requestBody", {}).get("content", {})
                routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "description": op.get("description", ""), "params": params,
                               "body": ", ".join(body)})
        return page(request, "api_docs.html", {"routes": routes, "spec": spec})

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_json(request: Request):
        login_required(request)
        return _json(app.openapi())

    @app.get("/docs", include_in_schema=False)
    def docs_redirect(request: Request):
        login_required(request)
        return RedirectResponse("/api/docs", status_code=303)

    # ------------------------------------------------------------------ JSON API

    from .api import add_api

    add_api(app, ctx=_ApiContext(
        settings=settings, login_required=login_required, admin_required=admin_required, api_csrf=api_csrf,
        login=_login, start_session=_start_session, record_or_404=record_or_404, job_or_404=job_or_404,
        import_notice=_import, edit=_edit, approve=_approve, start_screen=_start_screen,
        proposals=_proposals, classify=_classify, one_line=_one_line))
    return app


class _ApiContext:
    def __init__(self, **parts: Any) -> None:
        self.__dict__.update(parts)

