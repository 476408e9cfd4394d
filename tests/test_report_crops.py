"""The HTML report shows the piece of the scanned page an OCR'd value came from."""

from __future__ import annotations

import base64
import io
import re

from PIL import Image

from shenbao.config import shared_dir
from shenbao.models import Evidence, Finding, ScreeningReport, ScreeningResult
from shenbao.outputs.crops import CROP_DPI, MARGIN_PT, crop_data_uri
from shenbao.outputs.html_report import render_html

FORM = shared_dir() / "samples" / "forms" / "fj_national_01.pdf"


def ocr_evidence(**extra) -> Evidence:
    return Evidence(text="40人", start=0, end=3, page=1, bbox=[100.0, 200.0, 260.0, 230.0], confidence=0.71, **extra)


def png_of(uri: str) -> Image.Image:
    assert uri.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


def test_the_crop_is_the_box_and_its_margin_at_the_crop_resolution():
    image = png_of(crop_data_uri(str(FORM), ocr_evidence()))
    scale = CROP_DPI / 72
    assert abs(image.width - (160 + 2 * MARGIN_PT) * scale) <= 2
    assert abs(image.height - (30 + 2 * MARGIN_PT) * scale) <= 2
    assert sum(1 for n in image.convert("L").histogram() if n) > 2  # the page's ink, not a blank


def test_no_picture_for_born_digital_values_or_a_missing_original(tmp_path):
    assert crop_data_uri(str(FORM), Evidence(text="40人", start=0, end=3, page=1)) is None
    assert crop_data_uri(str(tmp_path / "gone.pdf"), ocr_evidence()) is None


def test_the_html_report_embeds_the_crop_next_to_the_value():
    finding = Finding(attribute="participants", status="unknown", severity="warning", field="participants",
                      message="以下栏目由 OCR 识别且置信度低于 0.85，请对照原件人工核对：participants（0.71）",
                      form_value=40, form_evidence=ocr_evidence())
    born_digital = Finding(attribute="duration_days", status="satisfied", severity="info", message="5天",
                           form_value=5, form_evidence=Evidence(text="5天", start=0, end=2, page=1))
    report = ScreeningReport(ruleset={"title": "某通知"}, results=[
        ScreeningResult(file=str(FORM), verdict="review", findings=[finding, born_digital])])
    html = render_html(report)
    assert len(re.findall(r'<img class="crop" src="data:image/png;base64,', html)) == 1
    assert "OCR 置信度 0.71" in html
