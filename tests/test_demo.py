"""`shenbao demo`: the README's first command runs the whole journey on bundled files."""

from __future__ import annotations

import json
import subprocess

from openpyxl import load_workbook


def test_demo_writes_reports_with_expected_verdicts(tmp_path):
    out = tmp_path / "demo"
    run = subprocess.run(["shenbao", "demo", "--out-dir", str(out)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "report.html" in run.stdout

    fujian = json.loads((out / "fujian" / "report.json").read_text(encoding="utf-8"))
    verdicts = {r["file"].rsplit("/", 1)[-1]: r["verdict"] for r in fujian["results"]}
    assert verdicts["fj_national_01.docx"] == "pass"
    assert verdicts["fj_national_06.docx"] == "fail"  # two boxes ticked in a single-choice group
    assert verdicts["fj_national_04_truncated.pdf"] == "error"  # a damaged file is a row, not a crash
    assert fujian["summary"]["total"] == len(verdicts) == 6

    html = (out / "fujian" / "report.html").read_text(encoding="utf-8")
    assert "申报项目类别" in html and "形式审查报告" in html

    summary = load_workbook(out / "fujian" / "汇总表.xlsx").active
    rows = [r for r in summary.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(rows) == fujian["summary"]["pass"]
    assert all(r[1] and r[2] for r in rows)  # 研修选题 and 承办单位 filled in

    cas = json.loads((out / "cas" / "report.json").read_text(encoding="utf-8"))
    assert cas["summary"]["total"] == 15  # one result per plan-list row
    assert any(b["attribute"] == "max_per_unit" for b in cas["batch_findings"])
