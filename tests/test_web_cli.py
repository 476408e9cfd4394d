"""`shenbao users add` and `shenbao serve` on the command line."""

from __future__ import annotations

from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.store import accounts
from shenbao.store.db import ready_engine

runner = CliRunner()


def test_users_add_with_a_password_and_with_a_prompt(tmp_path):
    data = tmp_path / "web"
    r = runner.invoke(app, ["users", "add", "张三", "--role", "admin", "--password", "zhangsan-1", "--data-dir", str(data)])
    assert r.exit_code == 0, r.output
    assert "已创建用户 张三（管理员）" in r.output
    r = runner.invoke(app, ["users", "add", "李四", "--role", "reviewer", "--data-dir", str(data)],
                      input="lisi-pass-1\nlisi-pass-1\n")
    assert r.exit_code == 0, r.output
    db = data / "shenbao.db"
    assert [(u.name, u.role) for u in accounts.list_users(db)] == [("张三", "admin"), ("李四", "reviewer")]
    assert accounts.authenticate("李四", "lisi-pass-1", db) is not None
    assert "argon2" in ready_engine(db).connect().exec_driver_sql(
        "SELECT password_hash FROM users WHERE name = '李四'").scalar_one()
    r = runner.invoke(app, ["users", "list", "--data-dir", str(data)])
    assert r.exit_code == 0 and "张三\t管理员" in r.output


def test_users_add_refuses_bad_input_with_one_line(tmp_path):
    data = str(tmp_path / "web")
    r = runner.invoke(app, ["users", "add", "王五", "--role", "boss", "--password", "wangwu-pass", "--data-dir", data])
    assert r.exit_code == 2 and "角色应为 admin 或 reviewer" in r.output
    r = runner.invoke(app, ["users", "add", "王五", "--role", "admin", "--password", "short", "--data-dir", data])
    assert r.exit_code == 2 and "密码至少 8 个字符" in r.output
    runner.invoke(app, ["users", "add", "王五", "--role", "admin", "--password", "wangwu-pass", "--data-dir", data])
    r = runner.invoke(app, ["users", "add", "王五", "--role", "admin", "--password", "wangwu-pass", "--data-dir", data])
    assert r.exit_code == 2 and "用户已存在" in r.output


def test_serve_runs_uvicorn_with_the_given_address_and_data_dir(tmp_path, monkeypatch):
    import uvicorn

    seen = {}

    def fake_run(application, host, port, **kwargs):
        seen.update(app=application, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    data = tmp_path / "web"
    r = runner.invoke(app, ["serve", "--host", "127.0.0.1", "--port", "8123", "--data-dir", str(data), "--jobs", "1"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].state.settings.data_dir == data.resolve()
    assert seen["app"].state.settings.screen_workers == 1
    assert (data / "shenbao.db").is_file() and (data / "secret.key").stat().st_mode & 0o077 == 0
    assert "http://127.0.0.1:8123/" in r.output
