"""The JSON API under /api: the CLI's JSON contracts (RuleSet, Submission, ScreeningReport,
TopicMatch) over HTTP. Session cookie as on the pages; every POST carries the session's
CSRF token in the X-CSRF-Token header (POST /api/login returns it)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Depends, FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..errors import ShenbaoError
from ..models import dump_json
from ..store import audit, jobs, registry
from .runner import REPORTS, job_dir
from .uploads import Batch, UploadError


def _json(data: Any, status: int = 200) -> Response:
    body = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, status_code=status, media_type="application/json; charset=utf-8")


class LoginBody(BaseModel):
    name: str
    password: str


class EditBody(BaseModel):
    value: Any = None
    op: str | None = None
    strength: str | None = None
    program: str | None = Field(None, description="项目类别；空字符串表示适用于全部项目")
    condition: dict[str, Any] | None = Field(None, description="{attribute, op, value}；{} 表示去掉条件")


class ClassifyBody(BaseModel):
    titles: list[str] = Field(description="选题（可在标题后换行写简介）")
    ruleset_id: int | None = None
    top: int = 3


def add_api(app: FastAPI, ctx) -> None:
    db = ctx.settings.db

    def user_dep(request: Request):
        return ctx.login_required(request)

    def csrf_dep(request: Request):
        ctx.login_required(request)
        ctx.api_csrf(request)

    def refuse(err: ShenbaoError) -> None:
        raise HTTPException(getattr(err, "status", 400), ctx.one_line(err))

    @app.post("/api/login", summary="登录：返回 csrf_token，之后的 POST 请在 X-CSRF-Token 头中带上它", tags=["账户"])
    def api_login(body: LoginBody, request: Request):
        user, error, status = ctx.login(request, body.name, body.password)
        if user is None:
            return _json({"detail": error}, status)
        response = _json({"name": user.name, "role": user.role})
        token = ctx.start_session(response, user)
        response.body = json.dumps({"name": user.name, "role": user.role, "csrf_token": token},
                                   ensure_ascii=False).encode("utf-8")
        response.headers["content-length"] = str(len(response.body))
        return response

    @app.get("/api/me", summary="当前用户与 CSRF 令牌", tags=["账户"])
    def api_me(request: Request, user=Depends(user_dep)):
        from .security import csrf_token

        return _json({"name": user.name, "role": user.role, "csrf_token": csrf_token(request)})

    @app.get("/api/rulesets", summary="登记库中的规则集（同 shenbao rules list --json）", tags=["规则集"])
    def api_rulesets(user=Depends(user_dep)):
        return _json([r.as_dict() for r in registry.list_records(db)])

    @app.post("/api/rulesets", summary="上传通知，登记为草稿规则集（同 shenbao rules import --json）", tags=["规则集"],
              dependencies=[Depends(csrf_dep)])
    def api_import(request: Request, notice: UploadFile = File(...), user=Depends(user_dep)):
        try:
            record, created, _ = ctx.import_notice(request, user, notice)
        except ShenbaoError as err:
            refuse(err)
        return _json({**record.as_dict(), "created": created}, 201 if created else 200)

    @app.get("/api/rulesets/{ruleset_id}", summary="规则集 RuleSet（同 shenbao rules show --json）", tags=["规则集"])
    def api_ruleset(ruleset_id: int, user=Depends(user_dep)):
        _, ruleset = ctx.record_or_404(ruleset_id)
        return _json(dump_json(ruleset))

    @app.get("/api/rulesets/{ruleset_id}/record", summary="规则集的登记信息（版本、状态、审批人）", tags=["规则集"])
    def api_record(ruleset_id: int, user=Depends(user_dep)):
        record, _ = ctx.record_or_404(ruleset_id)
        return _json({**record.as_dict(), "approved_by": audit.approver_of(record.id, db)})

    @app.get("/api/rulesets/{ruleset_id}/diff", summary="与该发文单位上一份已审批规则集的差异 RuleDiff", tags=["规则集"])
    def api_diff(ruleset_id: int, user=Depends(user_dep)):
        from . import notices

        record, ruleset = ctx.record_or_404(ruleset_id)
        base, diff = notices.diff_against_approved(record, ruleset, db)
        if diff is None:
            return _json({"base": None, "diff": None})
        return _json({"base": base.as_dict(), "diff": json.loads(dump_json(diff))})

    @app.post("/api/rulesets/{ruleset_id}/requirements/{req_id}", tags=["规则集"],
              summary="修改一条要求（与导入同样校验），保存为新版本", dependencies=[Depends(csrf_dep)])
    def api_edit(ruleset_id: int, req_id: str, body: EditBody, user=Depends(user_dep)):
        changes: dict[str, Any] = {}
        for key in ("value", "op", "strength", "program"):
            if key in body.model_fields_set:
                changes[key] = getattr(body, key)
        if "condition" in body.model_fields_set:
            cond = body.condition or {}
            changes.update(condition_attribute=cond.get("attribute") or "", condition_op=cond.get("op") or ">=",
                           condition_value=cond.get("value"))
        try:
            record, created = ctx.edit(user, ruleset_id, req_id, changes)
        except ShenbaoError as err:
            refuse(err)
        return _json({**record.as_dict(), "created": created}, 201 if created else 200)

    @app.post("/api/rulesets/{ruleset_id}/approve", summary="审批规则集（仅管理员）", tags=["规则集"],
              dependencies=[Depends(csrf_dep)])
    def api_approve(ruleset_id: int, request: Request):
        user = ctx.admin_required(request)
        try:
            record = ctx.approve(user, ruleset_id)
        except ShenbaoError as err:
            refuse(err)
        return _json({**record.as_dict(), "approved_by": user.name})

    @app.post("/api/forms/parse", summary="读取一份申报表，返回 Submission 列表（同 shenbao form parse --json）",
              tags=["申报表"], dependencies=[Depends(csrf_dep)])
    def api_form_parse(file: UploadFile = File(...), user=Depends(user_dep)):
        from ..pipeline.parse import read_forms
        from .settings import new_folder_name

        batch = Batch(ctx.settings.data_dir / "tmp" / new_folder_name(), ctx.settings)
        try:
            stored = batch.add_stream(file.filename or "form", file.file)
            submissions = read_forms(stored.path)
            for sub in submissions:
                sub.source.file = stored.name
            return _json(dump_json(submissions))
        except ShenbaoError as err:
            message = ctx.one_line(err)
            if 'stored' in locals():
                message = message.replace(str(stored.path), stored.name)
            raise HTTPException(getattr(err, "status", 400), message) from err
        finally:
            batch.discard()

    @app.post("/api/screen", summary="上传申报材料（多个文件或 .zip）开始形式审查任务", tags=["形式审查"],
              dependencies=[Depends(csrf_dep)])
    def api_screen(files: list[UploadFile] = File(...), ruleset: str = Form(..., description="规则集编号或 issuer:发文单位"),
                   user=Depends(user_dep)):
        try:
            job = ctx.start_screen(user, ruleset, files)
        except ShenbaoError as err:
            refuse(err)
        return _json(job.as_dict(), 202)

    @app.get("/api/jobs", summary="最近的任务", tags=["形式审查"])
    def api_jobs(kind: str | None = None, user=Depends(user_dep)):
        return _json([j.as_dict() for j in jobs.recent(db, kind=kind, limit=100)])

    @app.get("/api/jobs/{job_id}", summary="任务状态与进度（页面轮询此接口）", tags=["形式审查"])
    def api_job(job_id: str, user=Depends(user_dep)):
        return _json(ctx.job_or_404(job_id).as_dict())

    @app.get("/api/jobs/{job_id}/report", summary="审查报告 ScreeningReport（同 shenbao screen --json）", tags=["形式审查"])
    def api_report(job_id: str, user=Depends(user_dep)):
        job = ctx.job_or_404(job_id)
        path = job_dir(ctx.settings, job.id) / REPORTS["json"]
        if job.kind != "screen" or not path.is_file():
            raise HTTPException(409 if job.kind == "screen" and not job.finished else 404, "报告尚未生成")
        return _json(path.read_text(encoding="utf-8"))

    @app.post("/api/classify", summary="选题归类：每个选题的方向与命中词 TopicMatch（同 shenbao classify --json）",
              tags=["选题归类"], dependencies=[Depends(csrf_dep)])
    def api_classify(body: ClassifyBody, user=Depends(user_dep)):
        from .runner import results_of

        try:
            proposals = ctx.proposals("\n".join(t.replace("\n", " ") for t in body.titles), None)
            job = ctx.classify(user, proposals, str(body.ruleset_id or ""), max(1, min(10, body.top)))
        except (UploadError, ShenbaoError) as err:
            refuse(err)
        return _json({"job": job.id, "results": results_of(ctx.settings, job.id)})

    @app.get("/api/audit", summary="审计日志（导入、修改、审批、审查）", tags=["账户"])
    def api_audit(request: Request):
        ctx.admin_required(request)
        return _json([e.__dict__ for e in audit.entries(db, limit=500)])
