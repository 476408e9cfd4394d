"""End to end in a real browser: headless Chromium (Debian's, /usr/bin/chromium) against a uvicorn
server on 127.0.0.1. Log in, upload a notice, edit and approve a requirement, upload the sample
forms as a zip, wait for the job, open the report, download the XLSX.

Set SHENBAO_SCREENSHOTS=docs/screenshots to keep a PNG of each page (how the README's are made).
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from pathlib import Path

import openpyxl
import pytest
import uvicorn
from playwright.sync_api import expect, sync_playwright
from webkit import FORMS, NOTICE, PASSWORDS, forms_zip, make_app

CHROMIUM = os.environ.get("SHENBAO_CHROMIUM", "/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("browser"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    thread.join(timeout=10)


def test_the_bureau_journey_in_chromium(server, tmp_path):
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} missing: apt-get install chromium fonts-noto-cjk"
    base, app = server
    shots = os.environ.get("SHENBAO_SCREENSHOTS")
    shot_dir = Path(shots) if shots else None
    if shot_dir:
        shot_dir.mkdir(parents=True, exist_ok=True)

    def snap(page, name):
        if shot_dir:
            page.screenshot(path=str(shot_dir / f"{name}.png"), full_page=False)

    zip_path = tmp_path / "申报材料.zip"
    zip_path.write_bytes(forms_zip())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True,
                                      locale="zh-CN")
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

        # 登录 (every page sends an anonymous visitor here first)
        page.goto(base + "/rules")
        expect(page).to_have_url(base + "/login?next=/rules")
        snap(page, "01-登录")
        page.fill("input[name=name]", "admin")
        page.fill("input[name=password]", PASSWORDS["admin"])
        page.click("button[type=submit]")
        expect(page).to_have_url(base + "/rules")
        expect(page.locator("h1")).to_have_text("通知与规则")

        # 通知与规则: upload the notice, see the draft beside its text
        page.set_input_files("input[name=notice]", str(NOTICE))
        page.click("text=上传并解析")
        expect(page.locator(".tag.draft").first).to_have_text("草稿")
        first_url = page.url
        assert page.locator("mark.req").count() >= 10
        snap(page, "02-通知与规则")
        req = page.locator("li.req", has=page.locator(".rule", has_text="不少于30")).first
        expect(req).to_be_visible()
        req.locator("a.jump").click()
        ref = req.get_attribute("data-ref")
        expect(page.locator(f"#t-{ref}")).to_have_class("req focus")
        snap(page, "03-原文定位")

        # edit the requirement: 不少于30 → 不少于40, saved as version 2
        req.locator("summary").click()
        req.locator("input[name=value]").fill("40")
        req.locator("button[type=submit]").click()
        page.wait_for_url(lambda url: url != first_url and "#req-" in url)
        edited = page.locator(f"#req-{ref}")
        expect(edited.locator(".rule")).to_have_text("不少于40人")
        expect(edited.locator(".tag.edit")).to_contain_text("已修改")
        assert "版本 v2" in page.locator(".meta").inner_text()

        # approve version 2 (the admin's button); it becomes read-only
        page.click("#approve")
        expect(page.locator(".meta .tag.ok")).to_have_text("已审批")
        expect(page.locator("#approve")).to_have_count(0)
        snap(page, "04-审批后")

        # version 1 (still a draft) against the issuer's approved version 2: the change, both sentences
        page.goto(first_url)
        diff = page.locator("table.diff")
        expect(diff.locator("tbody tr")).to_have_count(1)
        expect(diff.locator("tbody tr td").first).to_have_text("变化")
        expect(diff.locator("td.quote").first).to_have_text("学员数量不少于30人")
        if shot_dir:
            diff.scroll_into_view_if_needed()
            page.locator("section.card", has=diff).screenshot(path=str(shot_dir / "04b-规则差异.png"))

        # 形式审查: the sample forms as one zip
        page.click("text=形式审查")
        page.select_option("select[name=ruleset]", label="福建省人力资源和社会保障厅办公室 · 最新审批版本")
        page.locator("input[name=files]").first.set_input_files(str(zip_path))
        snap(page, "05-形式审查")
        page.click("text=开始审查")
        page.wait_for_url("**/jobs/*")
        expect(page.locator("#status")).to_have_text("已完成", timeout=120_000)
        expect(page.locator("#total")).to_have_text(str(len(FORMS)))
        expect(page.locator("#summary")).to_contain_text(f"共 {len(FORMS)} 份")
        frame = page.frame_locator("#report")
        expect(frame.locator("body")).to_contain_text("fj_national_01.docx", timeout=20_000)
        snap(page, "06-审查结果")

        # open the report itself
        with context.expect_page() as opened:
            page.click("#open-report")
        report = opened.value
        report.wait_for_load_state()
        assert "fj_national_04_truncated.pdf" in report.content()
        assert report.url.endswith("/files/html")
        report.close()

        # download the XLSX
        with page.expect_download() as download_info:
            page.click("#dl-xlsx")
        download = download_info.value
        assert download.suggested_filename.endswith("审查报告.xlsx")
        target = tmp_path / "report.xlsx"
        download.save_as(str(target))
        book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
        text = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
        assert "fj_national_01.docx" in text

        # a reload keeps the finished job; it is listed among past jobs
        page.reload()
        expect(page.locator("#status")).to_have_text("已完成")
        page.click("text=形式审查")
        expect(page.locator("table.grid tbody tr")).to_have_count(1)

        # 选题归类
        page.click("text=选题归类")
        page.fill("textarea[name=titles]", "人工智能赋能智能制造高级研修班\n乡村振兴与农村电商人才培训\n古典诗词欣赏")
        page.click("button:has-text('归类')")
        expect(page.locator("text=结果（3 个选题）")).to_be_visible()
        expect(page.locator(".term").first).to_be_visible()
        snap(page, "07-选题归类")

        if shot_dir:
            for path, name in (("/audit", "08-审计日志"), ("/users", "09-用户管理"), ("/api/docs", "10-API文档")):
                page.goto(base + path)
                snap(page, name)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        browser.close()
