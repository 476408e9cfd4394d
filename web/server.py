"""``shenbao serve`` and ``shenbao users add``: what the command line calls."""

from __future__ import annotations

from pathlib import Path

from .settings import Settings, default_data_dir


def settings_for(data_dir: str | Path | None) -> Settings:
    return Settings(data_dir=Path(data_dir) if data_dir else default_data_dir())


def serve(host: str = "127.0.0.1", port: int = 8000, data_dir: str | Path | None = None, jobs: int = 2) -> None:
    """Run the workspace. Each screening job of more than one file runs in ``jobs`` worker processes,
    so that a file that crashes its parser (or exhausts a worker's memory cap) takes down only its
    own row, never the server; the workers are started from a fork server, never forked from the
    server's threads."""
    import multiprocessing

    import uvicorn

    from .app import create_app

    if jobs > 1:
        multiprocessing.set_start_method("forkserver", force=True)
        multiprocessing.set_forkserver_preload(["shenbao.pipeline.screen"])
    settings = settings_for(data_dir)
    settings.screen_workers = max(1, int(jobs))
    app = create_app(settings=settings)
    print(f"申报工作台：http://{host}:{port}/  数据目录 {settings.data_dir}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def add_user_command(name: str, role: str, password: str, data_dir: str | Path | None = None) -> str:
    from ..store import accounts, audit

    settings = settings_for(data_dir)
    user = accounts.add_user(name, role, password, settings.db)
    audit.record("user_add", None, user.name, {"role": user.role, "via": "command line"}, settings.db)
    return f"已创建用户 {user.name}（{user.role_label}），数据目录 {settings.data_dir}"


def list_users_command(data_dir: str | Path | None = None) -> str:
    from ..store import accounts

    settings = settings_for(data_dir)
    rows = accounts.list_users(settings.db)
    if not rows:
        return "还没有用户。请运行 shenbao users add 姓名 --role admin"
    return "\n".join(f"{u.name}\t{u.role_label}\t{'已停用' if u.disabled else '正常'}\t{u.created_at}" for u in rows)
