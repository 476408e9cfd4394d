"""``shenbao screen`` end to end: notice -> rule set file -> screen the sample forms -> reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from shenbao.cli import app
from shenbao.config import shared_dir
from shenbao.eval.screening import ruleset_from_expected

SAMPLES = shared_dir() / "samples"
FORMS = SAMPLES / "forms"
FJ_VERDICTS = {
    "fj_national_01.docx": "pass", "fj_national_02.docx": "review", "fj_national_03.docx": "pass",
    "fj_national_04.docx": "fail", "fj_national_05.docx": "pass", "fj_national_06.docx": "fail",
    "fj_provincial_01.docx": "pass", "fj_provincial_02.docx": "review", "fj_provincial_03.docx": "fail",
    "fj_provincial_04.docx": "pass",
}
runner = CliRunner()


def _expected_rules(tmp_path: Path) -> Path:
    name = "fj_2025_seminar_notice"
    data = json.loads((SAMPLES / "notices" / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    ruleset = ruleset_from_expected(data, (SAMPLES / "notices" / f"{name}.txt").read_text(encoding="utf-8"))
    path = tmp_path / "fj_rules.json"
    path.write_text(ruleset.model_dump_json(), encoding="utf-8")
    return path


def _verdicts(report: dict) -> dict[str, str]:
    return {Path(r["file"]).name: r["verdict"] for r in report["results"]}


def test_screen_with_ruleset_json_writes_reports(tmp_path):
    rules = _expected_rules(tmp_path)
    outs = [tmp_path / "r.json", tmp_path / "r.xlsx", tmp_path / "r.html"]
    args = ["screen", *(str(FORMS / n) for n in FJ_VERDICTS), str(tmp_path / "missing.docx"),
            "--rules", str(rules), "--json"]
    for out in outs:
        args += ["--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output  # forms failed and a file is missing: exit code 1
    report = json.loads(result.stdout)
    verdicts = _verdicts(report)
    assert verdicts.pop("missing.docx") == "error"
    assert verdicts == FJ_VERDICTS
    assert report["summary"] == {"total": 11, "pass": 5, "fail": 3, "review": 2, "error": 1}
    written = json.loads(outs[0].read_text(encoding="utf-8"))
    assert written["summary"] == report["summary"]
    for out in outs[1:]:
        assert out.exists() and out.stat().st_size > 0
    # every finding traces back to both documents
    national_02 = next(r for r in report["results"] if r["file"].endswith("fj_national_02.docx"))
    duration = next(f for f in national_02["findings"] if f["attribute"] == "duration_days")
    assert duration["notice_evidence"]["text"] == "每期研修时间一般为5至7天（含报到返程时间）"
    assert duration["form_evidence"] is not None and "10" in duration["form_evidence"]["text"]


def test_screen_readable_summary_and_parallel_determinism(tmp_path):
    rules = _expected_rules(tmp_path)
    folder = tmp_path / "batch"
    folder.mkdir()
    for name in list(FJ_VERDICTS)[:4]:
        (folder / name).write_bytes((FORMS / name).read_bytes())
    (folder / "broken.docx").write_bytes(b"not a docx at all")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a form: an error row with its reason
    (folder / "~$fj_national_01.docx").write_bytes(b"lock")  # an Office lock file: listed as ignored
    one = runner.invoke(app, ["screen", str(folder), "--rules", str(rules), "--json"])
    two = runner.invoke(app, ["screen", str(folder), "--rules", str(rules), "--json", "--jobs", "2"])
    assert one.exit_code == 1 and two.exit_code == 1, one.output + two.output
    assert one.stdout == two.stdout
    report = json.loads(one.stdout)
    assert [Path(r["file"]).name for r in report["results"]] == sorted(
        ["broken.docx", "notes.json", *list(FJ_VERDICTS)[:4]])
    assert _verdicts(report)["broken.docx"] == "error" and _verdicts(report)["notes.json"] == "error"
    assert [Path(p).name for p in report["ignored"]] == ["~$fj_national_01.docx"]
    assert report["summary"]["total"] + len(report["ignored"]) == len(list(folder.iterdir()))
    text = runner.invoke(app, ["screen", str(folder), "--rules", str(rules), "--out", str(tmp_path / "r.json")])
    assert text.exit_code == 1
    assert "不通过" in text.stdout and "已忽略" in text.stdout and str(tmp_path / "r.json") in text.stdout


def test_screen_without_rules_is_a_one_line_error():
    result = runner.invoke(app, ["screen", str(FORMS / "fj_national_01.docx")])
    assert result.exit_code == 2
    assert "--rules" in result.output and "Traceback" not in result.output


def test_notice_parse_then_screen(tmp_path):
    parsed = runner.invoke(app, ["notice", "parse", str(SAMPLES / "notices" / "fj_2025_seminar_notice.pdf"), "--json"])
    assert parsed.exit_code == 0, parsed.output
    rules = tmp_path / "rules.json"
    rules.write_text(parsed.stdout, encoding="utf-8")
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["screen", *(str(FORMS / n) for n in FJ_VERDICTS), "--rules", str(rules),
                                 "--out", str(out), "--json"])
    assert result.exit_code == 1, result.output  # some forms fail
    relaxed = runner.invoke(app, ["screen", str(FORMS / "fj_national_01.docx"), str(FORMS / "fj_national_02.docx"),
                                  "--rules", str(rules), "--exit-zero"])
    assert relaxed.exit_code == 0, relaxed.output
    assert _verdicts(json.loads(out.read_text(encoding="utf-8"))) == FJ_VERDICTS


def test_screen_all_passing_exits_zero(tmp_path):
    rules = _expected_rules(tmp_path)
    result = runner.invoke(app, ["screen", str(FORMS / "fj_national_01.docx"), "--rules", str(rules)])
    assert result.exit_code == 0, result.output


def test_summary_table_in_a_format_it_cannot_be_written_in_is_refused(tmp_path):
    rules = _expected_rules(tmp_path)
    result = runner.invoke(app, ["screen", str(FORMS / "fj_national_01.docx"), "--rules", str(rules),
                                 "--summary-table", str(tmp_path / "汇总表.csv")])
    assert result.exit_code == 2 and ".xlsx" in result.output
    assert not (tmp_path / "汇总表.csv").exists()


def test_missing_rules_file_and_missing_option_are_told_apart(tmp_path):
    missing = runner.invoke(app, ["screen", str(FORMS / "fj_national_01.docx"), "--rules", str(tmp_path / "无.json")])
    assert missing.exit_code == 2 and "文件不存在" in missing.output and "规则集无效" not in missing.output
    no_option = runner.invoke(app, ["screen", str(FORMS / "fj_national_01.docx")])
    assert "缺少必需的选项" in no_option.output and "--issuer" in no_option.output


def test_version_and_short_help():
    assert runner.invoke(app, ["--version"]).stdout.startswith("shenbao ")
    assert "Usage" in runner.invoke(app, ["-h"]).stdout
    assert "Usage" in runner.invoke(app, ["screen", "-h"]).stdout


def test_stray_files_each_get_a_reason(tmp_path):
    rules = _expected_rules(tmp_path)
    folder = tmp_path / "strays"
    folder.mkdir()
    (folder / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 32)
    (folder / "bundle.zip").write_bytes(_zip_with("a.txt"))
    (folder / "form.ofd").write_bytes(_zip_with("OFD.xml"))
    reasons = {Path(r["file"]).name: r["error"] for r in json.loads(
        runner.invoke(app, ["screen", str(folder), "--rules", str(rules), "--json"]).stdout)["results"]}
    assert "OCR" in reasons["scan.jpg"] and "解压" in reasons["bundle.zip"] and "OFD" in reasons["form.ofd"]


def _zip_with(name: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


def test_a_pdf_with_a_page_without_text_is_at_most_review(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(FORMS / "fj_national_01.pdf"))
    width, height = pdf[0].get_size()
    pdf.new_page(width, height)  # a page with nothing on it, as a scan without OCR reads
    pages = len(pdf)
    mixed = tmp_path / "fj_national_01_scan.pdf"
    pdf.save(str(mixed))
    rules = _expected_rules(tmp_path)
    report = json.loads(runner.invoke(app, ["screen", str(mixed), "--rules", str(rules), "--json"]).stdout)
    result = report["results"][0]
    assert result["verdict"] == "review", result["findings"]
    unread = [f for f in result["findings"] if f["attribute"] == "unread_pages"]
    assert unread and f"第 {pages} 页" in unread[0]["message"]
