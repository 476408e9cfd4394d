"""The ``shenbao`` command line. Thin: every command parses its arguments and calls one pipeline function.

Every command that prints results has ``--json``; bad input gives one line on
stderr (Chinese / English) and exit code 2, never a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click
import typer

from .errors import ShenbaoError

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings=HELP_OPTIONS,
                  help="申报: 通知→规则，申报表→字段，选题→方向，形式审查。")
notice_app = typer.Typer(no_args_is_help=True, context_settings=HELP_OPTIONS, help="通知 → 规则集 (notice → rule set)")
form_app = typer.Typer(no_args_is_help=True, context_settings=HELP_OPTIONS, help="申报表 → 字段 (form → submission)")
rules_app = typer.Typer(no_args_is_help=True, context_settings=HELP_OPTIONS,
                        help="规则集登记、审批与比对 (rule-set registry and diff)")
app.add_typer(notice_app, name="notice")
app.add_typer(form_app, name="form")
users_app = typer.Typer(no_args_is_help=True, context_settings=HELP_OPTIONS, help="网页工作台的用户 (web workspace accounts)")
app.add_typer(rules_app, name="rules")
app.add_typer(users_app, name="users")

JSON_OPT = typer.Option(False, "--json", help="以 JSON 输出 (machine-readable)")
DB_HELP = "登记库：SQLite 文件路径或 postgresql://… 地址（默认 SHENBAO_DB）"


def _exit_now(code: int) -> None:
    """Leave at once after an interrupt: the reports are written and said; the process pool's
    exit handlers would only wait on (and complain about) the workers that were just stopped."""
    if sys.stdout is not sys.__stdout__:  # in a test runner's captured streams: exit normally
        raise typer.Exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def fail(message: str, code: int = 2) -> None:
    typer.echo(message.splitlines()[0] if message else "error", err=True)
    raise typer.Exit(code)


# Arguments that name what the user gave us (not where results go): used to say
# which file an unexpected failure is about.
_INPUT_ARGS = ("file", "old", "new", "forms", "rules", "ref")


def _subject(kwargs: dict) -> str:
    names: list[str] = []
    for key in _INPUT_ARGS:
        value = kwargs.get(key)
        if isinstance(value, (list, tuple)):
            names += [str(v) for v in value[:3]] + (["…"] if len(value) > 3 else [])
        elif value is not None:
            names.append(str(value))
    return ", ".join(dict.fromkeys(names)) or "输入 / input"


def _one_line(text: object, limit: int = 300) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _debug() -> bool:
    return os.environ.get("SHENBAO_DEBUG", "").strip() not in ("", "0", "false", "no")


def user_errors(func):
    """Turn any failure into one line on stderr and exit code 2, never a traceback.

    Typed errors carry their own message; an OS error or an unexpected exception is
    reported against the input file(s). ``SHENBAO_DEBUG=1`` re-raises the
    unexpected ones so that developers get the traceback.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (typer.Exit, click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except ShenbaoError as err:
            fail(str(err))
        except FileNotFoundError as err:
            fail(f"{err.filename or _subject(kwargs)}: 文件不存在 / file not found")
        except OSError as err:
            if _debug():
                raise
            reason = _one_line(err.strerror or err)
            fail(f"{err.filename or _subject(kwargs)}: 文件无法读取或写入 / cannot read or write the file ({reason})")
        except Exception as err:  # noqa: BLE001 - the user gets one line, not a traceback
            if _debug():
                raise
            fail(f"{_subject(kwargs)}: 处理失败 / processing failed ({type(err).__name__}: {_one_line(err)})")

    return wrapper


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"shenbao {version('shenbao')}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                       help="显示版本号并退出")) -> None:
    """申报: 通知→规则，申报表→字段，选题→方向，形式审查。"""


def emit(text) -> None:
    """Print a command's text, or let a writer stream a large output (a JSON report) to stdout."""
    if callable(text):
        text(sys.stdout)
        return
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --------------------------------------------------------------------------- ingest


@app.command("ingest")
@user_errors
def ingest_cmd(file: Path, as_json: bool = JSON_OPT) -> None:
    """读取任意格式的文件并输出 Document (PDF, DOCX, XLSX, TXT/MD, HTML)."""
    from .pipeline.parse import ingest_command

    emit(ingest_command(file, as_json=as_json))


# --------------------------------------------------------------------------- notices


@notice_app.command("parse")
@user_errors
def notice_parse(file: Path, as_json: bool = JSON_OPT) -> None:
    """解析通知/申报指南，输出规则集 (RuleSet)."""
    from .pipeline.parse import notice_command

    emit(notice_command(file, as_json=as_json))


# --------------------------------------------------------------------------- forms


@form_app.command("parse")
@user_errors
def form_parse(file: Path, as_json: bool = JSON_OPT) -> None:
    """解析申报表/申请表/培训计划列表，输出 Submission（XLSX 列表每行一个）."""
    from .pipeline.parse import form_command

    emit(form_command(file, as_json=as_json))


# --------------------------------------------------------------------------- topics


@app.command("classify")
@user_errors
def classify_cmd(
    text: str | None = typer.Argument(None, help="选题名称（及简介）"),
    file: Path | None = typer.Option(None, "--file", "-f", help="选题文件: JSONL / TXT / XLSX"),
    rules: Path | None = typer.Option(None, "--rules", help="规则集 JSON 或通知文件：方向取自其选题范围"),
    top: int = typer.Option(3, "--top", help="每个选题最多返回几个方向"),
    out: Path | None = typer.Option(None, "--out", "-o", help="结果另存为 JSON/JSONL/CSV/XLSX"),
    as_json: bool = JSON_OPT,
) -> None:
    """把选题归入通知的重点方向；不属于任何方向时返回空列表（none）."""
    from .pipeline.classify import classify_command

    emit(classify_command(text=text, file=file, rules=rules, top=top, out=out, as_json=as_json))


# --------------------------------------------------------------------------- screening


@app.command("screen")
@user_errors
def screen_cmd(
    forms: list[str] = typer.Argument(..., help="申报表文件、文件夹或通配符"),
    rules: Path | None = typer.Option(None, "--rules", help="规则集 JSON 或通知文件"),
    issuer: str | None = typer.Option(None, "--issuer", help="使用登记库中该发文单位已审批的规则集"),
    out: list[Path] = typer.Option([], "--out", "-o", help="报告文件: .json .csv .xlsx .html（可多次）"),
    summary_table: Path | None = typer.Option(None, "--summary-table", help="为通过审查的项目生成汇总表 (.xlsx)"),
    jobs: int = typer.Option(1, "--jobs", "-j", help="并行进程数"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="有不通过或无法读取的材料时也以 0 退出"),
    cluster: str | None = typer.Option(None, "--cluster",
                                       help="在 Dask 集群上审查：调度器地址 tcp://主机:8786（默认 SHENBAO_DASK_SCHEDULER）"),
    resume: bool = typer.Option(False, "--resume", help="在登记库中记录已完成的文件；中断后重跑同一命令时跳过它们"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = JSON_OPT,
) -> None:
    """形式审查：逐份检查申报材料是否符合规则，并输出报告.

    退出码：0 全部通过或需复核；1 有不通过或无法读取的材料（--exit-zero 时为 0）；2 输入或规则集有误。
    """
    from .pipeline.screen import Interrupted, screen_command

    try:
        text, report = screen_command(forms=forms, rules=rules, issuer=issuer, out=out, summary_table=summary_table,
                                      jobs=jobs, as_json=as_json, cluster=cluster, resume=resume, db=db)
    except Interrupted as stop:
        text, report = stop.output, stop.report
        emit(text)
        typer.echo(f"已中断（{stop}）：完成 {report.summary.total} 份，{len(report.not_reached)} 份未审查；"
                   f"报告为部分结果 / interrupted, partial report", err=True)
        _exit_now(stop.exit_code)
    emit(text)
    if not report.all_clear and not exit_zero:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- rules registry


@rules_app.command("diff")
@user_errors
def rules_diff(old: Path, new: Path, as_json: bool = JSON_OPT) -> None:
    """比较两个规则集（通知文件或规则集 JSON）：新增、删除、变化的要求."""
    from .pipeline.rules import diff_command

    emit(diff_command(old, new, as_json=as_json))


@rules_app.command("import")
@user_errors
def rules_import(
    file: Path,
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = JSON_OPT,
) -> None:
    """登记规则集（通知文件、规则集 JSON 或导出的 YAML），状态为草稿."""
    from .pipeline.rules import import_command

    emit(import_command(file, db=db, as_json=as_json))


@rules_app.command("list")
@user_errors
def rules_list(db: str | None = typer.Option(None, "--db", help=DB_HELP), as_json: bool = JSON_OPT) -> None:
    """列出登记库中的规则集."""
    from .pipeline.rules import list_command

    emit(list_command(db=db, as_json=as_json))


@rules_app.command("show")
@user_errors
def rules_show(ref: str, db: str | None = typer.Option(None, "--db", help=DB_HELP), as_json: bool = JSON_OPT) -> None:
    """显示一个规则集（编号）."""
    from .pipeline.rules import show_command

    emit(show_command(ref, db=db, as_json=as_json))


@rules_app.command("export")
@user_errors
def rules_export(
    ref: str,
    out: Path | None = typer.Option(None, "--out", "-o", help=".yaml 或 .json；省略则打印 YAML"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """导出规则集为可编辑的 YAML/JSON，修改后可重新导入."""
    from .pipeline.rules import export_command

    emit(export_command(ref, out=out, db=db))


@rules_app.command("approve")
@user_errors
def rules_approve(
    ref: str,
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    by: str | None = typer.Option(None, "--by", help="审批人（记入登记库）"),
    as_json: bool = JSON_OPT,
) -> None:
    """审批规则集：审查时默认使用该发文单位最新审批的规则集."""
    from .pipeline.rules import approve_command

    emit(approve_command(ref, db=db, as_json=as_json, by=by))


# --------------------------------------------------------------------------- web workspace

DATA_DIR_OPT = typer.Option(None, "--data-dir", help="网页工作台数据目录（登记库、上传文件、报告；默认 SHENBAO_DATA_DIR）")


@app.command("serve")
@user_errors
def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(8000, "--port", help="端口"),
    data_dir: Path | None = DATA_DIR_OPT,
    jobs: int = typer.Option(2, "--jobs", "-j", help="每个审查任务的并行进程数（1 = 在服务进程内审查）"),
) -> None:
    """启动网页工作台（通知与规则、形式审查、选题归类）."""
    from .web.server import serve

    serve(host=host, port=port, data_dir=data_dir, jobs=jobs)


@users_app.command("add")
@user_errors
def users_add(
    name: str,
    role: str = typer.Option(..., "--role", help="admin（管理员，可审批）或 reviewer（审核员）"),
    password: str | None = typer.Option(None, "--password", help="密码；省略则提示输入"),
    data_dir: Path | None = DATA_DIR_OPT,
) -> None:
    """新增网页工作台用户."""
    from .web.server import add_user_command

    if password is None:
        password = typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    emit(add_user_command(name, role, password, data_dir=data_dir))


@users_app.command("list")
@user_errors
def users_list(data_dir: Path | None = DATA_DIR_OPT) -> None:
    """列出网页工作台用户."""
    from .web.server import list_users_command

    emit(list_users_command(data_dir=data_dir))


# --------------------------------------------------------------------------- demo


@app.command("demo")
@user_errors
def demo_cmd(out_dir: Path = typer.Option(Path("shenbao-demo"), "--out-dir", help="报告输出目录")) -> None:
    """用内置示例走完整流程：解析通知 → 审查申报表 → 生成报告."""
    from .pipeline.demo import run_demo

    emit(run_demo(out_dir))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
