"""Plain-text tables: readable, no control codes, every value and quote present."""

from __future__ import annotations

import subprocess
import sys

from shenbao.checker.diff import diff_rulesets
from shenbao.models import (
    Deadline,
    Evidence,
    Field_,
    Program,
    Requirement,
    RuleSet,
    Source,
    Submission,
    TopicScope,
)
from shenbao.outputs.text import diff_table, records_table, ruleset_table, submission_table


def ev(text, page=1, **cell):
    return Evidence(text=text, page=page, start=0, end=len(text), **cell)


def sample_ruleset(sessions=(">=", 6), year=2023):
    op, value = sessions
    return RuleSet(
        source=Source(file="notice.pdf", sha256="f" * 64, format="pdf"),
        notice={"title": "关于做好年度培训计划报送工作的通知", "issuer": "某研究院人事处", "year": year,
                "kind": "call_for_applications", "doc_number": "某人字〔2023〕5号"},
        programs=[Program(name="学术讲坛", tier="院级培育项目")],
        requirements=[
            Requirement(id="a", program="学术讲坛", attribute="sessions_per_year", op=op, value=value, unit="场",
                        evidence=ev(f"每年举办系列讲座或报告{'不少于6' if op == '>=' else '4-6'}场")),
            Requirement(id="b", program=None, attribute="funding_cap_cny", op="<=", value=50000, unit="元",
                        evidence=ev("资助每个班次上限5万元", page=2)),
        ],
        topic_scope=[TopicScope(category="突出数字技术", items=["人工智能", "大数据"])],
        deadlines=[Deadline(what="计划报送截止", date=f"{year}-11-14", evidence=ev("于11月14日前完成计划报送"))],
        warnings=["未识别到联系人"],
    )


def no_control_codes(text: str) -> bool:
    return "\x1b" not in text and "\r" not in text


def test_ruleset_table_shows_rules_quotes_and_meta():
    text = ruleset_table(sample_ruleset())
    assert no_control_codes(text)
    for needle in ("关于做好年度培训计划报送工作的通知", "某研究院人事处", "某人字〔2023〕5号", "申报通知",
                   "学术讲坛", "院级培育项目", "每年讲座场次", "不少于6场", "每年举办系列讲座或报告不少于6场",
                   "全部项目", "不超过5万元", "p.2", "突出数字技术", "人工智能、大数据", "2023-11-14",
                   "未识别到联系人"):
        assert needle in text, needle
    assert all(line == line.rstrip() for line in text.splitlines())


def test_ruleset_table_without_requirements():
    rs = RuleSet(source=Source(file="x.txt", sha256="0" * 64, format="txt"))
    text = ruleset_table(rs)
    assert "未识别到要求" in text and "未识别标题" in text


def test_submission_table_shows_nested_values_and_locations():
    sub = Submission(
        source=Source(file="form.docx", sha256="e" * 64, format="docx"),
        form_type="fj_national_seminar",
        fields={
            "project_name": Field_(value="智能制造高级研修班", evidence=ev("智能制造高级研修班", table=0, row=1, col=2)),
            "start_date": Field_(value="2025-06-10", raw="2025年6月10日", evidence=ev("2025年6月10日")),
            "host": Field_(value={"name": "某某大学", "mobile": "13800000000"}),
            "topic_scope": Field_(value=[{"category": "突出数字技术", "detail": "人工智能"}]),
            "participants": Field_(value=None),
        },
        warnings=["未找到审核意见"],
    )
    text = submission_table(sub)
    assert no_control_codes(text)
    for needle in ("form.docx", "fj_national_seminar", "项目名称", "智能制造高级研修班", "表1 行2 列3",
                   "2025-06-10", "2025年6月10日", "名称: 某某大学", "手机: 13800000000", "突出数字技术",
                   "—", "未找到审核意见"):
        assert needle in text, needle


def test_submission_table_for_plan_row():
    sub = Submission(source=Source(file="plan.xlsx", sha256="d" * 64, format="xlsx"), form_type="cas_training_plan",
                     row=3, fields={"class_name": Field_(value="显微成像技术培训班"), "days": Field_(value=3)})
    text = submission_table(sub)
    assert "第 3 行" in text and "显微成像技术培训班" in text and "班次名称" in text


def test_diff_table_lists_changes_with_both_quotes():
    diff = diff_rulesets(sample_ruleset(), sample_ruleset(sessions=("between", [4, 6]), year=2025))
    text = diff_table(diff)
    assert no_control_codes(text)
    assert "学术讲坛 每年讲座场次: 不少于6场 → 4-6场" in text
    assert "旧：每年举办系列讲座或报告不少于6场" in text
    assert "新：每年举办系列讲座或报告4-6场" in text
    assert "变化 1" in text and "未变 1" in text
    assert "计划报送截止: 2023-11-14 → 2025-11-14" in text


def test_diff_table_when_nothing_changed():
    text = diff_table(diff_rulesets(sample_ruleset(), sample_ruleset()))
    assert "要求: 无变化" in text


def test_records_table_empty():
    assert "还没有规则集" in records_table([])


def test_tables_print_in_a_pipe_as_utf8():
    code = (
        "from shenbao.outputs.text import ruleset_table\n"
        "from shenbao.models import RuleSet, Source\n"
        "import sys\n"
        "sys.stdout.write(ruleset_table(RuleSet(source=Source(file='通知.txt', sha256='0'*64, format='txt'))))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, env={"PYTHONIOENCODING": "utf-8",
                         "PATH": "/usr/bin:/bin", "TERM": "dumb"})
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode("utf-8")
    assert "通知.txt" in text and no_control_codes(text)


def test_notice_parse_without_json_prints_the_table():
    from shenbao.config import shared_dir

    notice = shared_dir() / "samples" / "notices" / "fj_2025_seminar_notice.txt"
    run = subprocess.run([sys.executable, "-m", "shenbao.cli", "notice", "parse", str(notice)],
                         capture_output=True, text=True, encoding="utf-8", env={"PYTHONIOENCODING": "utf-8",
                         "PATH": "/usr/bin:/bin", "COLUMNS": "140"})
    assert run.returncode == 0, run.stderr
    assert no_control_codes(run.stdout)
    assert "国家级高级研修项目" in run.stdout and "学员数量在50人左右" in run.stdout and "50人左右" in run.stdout
