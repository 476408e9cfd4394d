"""Scans read by offline OCR (the ``ocr`` extra): stamped, skewed scans of a sample form give its
Submission and its verdict; mixed PDFs OCR only their scanned pages; nothing touches the network.

OCR costs 5-7 CPU-seconds a page, so the tests read few pages: one two-page scan (shared by the
module), one scanned page in a mixed PDF and a cropped image. The image-processing pieces
(seal, skew, ruling lines, tick boxes) are tested on drawn images, without OCR.
"""

from __future__ import annotations

import io
import json
import random
import socket
from pathlib import Path

import pytest

from shenbao.checker.screen import screen_submission, verdict_of
from shenbao.config import shared_dir
from shenbao.errors import ScannedDocumentError
from shenbao.eval.screening import ruleset_from_expected
from shenbao.ingest import load, ocr

pytestmark = pytest.mark.skipif(not ocr.available(), reason="the ocr extra is not installed")

SAMPLES = shared_dir() / "samples"
FORM = SAMPLES / "forms" / "fj_national_01.pdf"
EXPECTED = json.loads((SAMPLES / "forms" / "expected" / "fj_national_01.json").read_text(encoding="utf-8"))


def _no_network(monkeypatch) -> list:
    attempts: list = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network access is not allowed while reading scans")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))
    return attempts


def _scan_pdf(tmp: Path, pages: list[int] | None = None, dpi: int = 220) -> Path:
    """An image-only PDF of the sample form: rendered, a seal over 申报单位, skewed, noisy, JPEG."""
    from shenbao.eval.make_scans import LEVELS, make_scan

    out = tmp / "scan.pdf"
    level = dict(LEVELS["ordinary"], dpi=(dpi, dpi), skew=(1.5, 1.5))
    LEVELS["_test"] = level
    try:
        make_scan(FORM, out, "_test", "test")
    finally:
        del LEVELS["_test"]
    return out


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """The two-page stamped scan read with the network cut off, and the engine built under that cut."""
    patch = pytest.MonkeyPatch()
    attempts = _no_network(patch)
    ocr._ENGINE = None  # built here, under the cut: loading the models must not fetch anything
    try:
        path = _scan_pdf(tmp_path_factory.mktemp("scan"))
        doc = load(path)
        from shenbao.extractors.forms import parse_form

        subs = parse_form(doc)
    finally:
        patch.undo()
    return path, doc, subs, attempts


def test_ocr_touches_no_network(scanned):
    _, doc, _, attempts = scanned
    assert attempts == [] and doc.text


def test_scan_becomes_a_document_with_tables_boxes_and_confidence(scanned):
    _, doc, _, _ = scanned
    assert doc.ocr_pages == [1, 2] and doc.unread_pages == []
    assert doc.source.format == "pdf"
    main = max(doc.tables, key=lambda t: len(t.cells))
    assert main.n_cols >= 4 and len(main.cells) >= 20
    assert any(c.row_span > 1 or c.col_span > 1 for c in main.cells)  # merged cells kept as spans
    ticked = {b.label[:6] for b in doc.checkboxes if b.checked}
    assert any(label.startswith("财政资助") for label in ticked)
    assert any(not b.checked and b.label.startswith("自筹经费") for b in doc.checkboxes)
    assert doc.ocr and all(0 <= t.confidence <= 1 and len(t.bbox) == 4 and t.page in (1, 2) for t in doc.ocr)
    assert sum(t.start is not None for t in doc.ocr) >= 0.8 * len(doc.ocr)


def test_scan_gives_the_forms_fields(scanned):
    from shenbao.eval.forms import leaves, submission_values

    _, _, subs, _ = scanned
    (sub,) = subs
    assert sub.form_type == EXPECTED["form_type"] and sub.ocr_pages == [1, 2]
    values = submission_values(sub)
    scored = [ok for key, want in EXPECTED["fields"].items() for *_, ok in leaves(want, values.get(key), key)]
    assert sum(scored) / len(scored) >= 0.9
    for key in ("project_name", "start_date", "end_date", "funding_type", "participants", "ce_base"):
        assert sub.value(key) == EXPECTED["fields"][key], key
    ev = sub.fields["project_name"].evidence
    assert ev.confidence is not None and ev.bbox and ev.page == 1


def _ruleset():
    data = json.loads((SAMPLES / "notices" / "expected" / "fj_2025_seminar_notice.json").read_text(encoding="utf-8"))
    return ruleset_from_expected(data, (SAMPLES / "notices" / "fj_2025_seminar_notice.txt").read_text(encoding="utf-8"))


def test_stamped_scan_screens_like_its_born_digital_twin(scanned):
    from shenbao.extractors.forms import parse_form_file

    _, _, (sub,), _ = scanned
    ruleset = _ruleset()
    twin = screen_submission(parse_form_file(FORM)[0], ruleset)
    result = screen_submission(sub, ruleset)
    assert result.verdict == twin.verdict or result.verdict == "review"
    assert {result.verdict, twin.verdict} != {"pass", "fail"}
    assert any("OCR" in n for n in result.notes)


def test_low_confidence_value_is_review_never_pass_or_fail(scanned):
    _, _, (sub,), _ = scanned
    ruleset = _ruleset()
    weak = sub.model_copy(deep=True)
    ev = weak.fields["participants"].evidence
    weak.fields["participants"].evidence = ev.model_copy(update={"confidence": 0.31})
    weak.fields["participants"].value = 5  # misread: a confident reading would fail the form on it
    result = screen_submission(weak, ruleset)
    assert result.verdict == "review"
    assert any(f.attribute == "ocr_confidence" and "participants" in f.message for f in result.findings)
    assert not any(f.status == "violated" and f.field and f.field.startswith("participants") for f in result.findings)
    assert verdict_of(result.findings) == "review"


def test_mixed_pdf_ocrs_only_its_scanned_page(tmp_path):
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(str(_scan_pdf(tmp_path)))
    born = pdfium.PdfDocument(str(FORM))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(scan, [0])
    mixed.import_pages(born, [1])
    buffer = io.BytesIO()
    mixed.save(buffer)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(buffer.getvalue())
    for d in (scan, born, mixed):
        d.close()
    doc = load(path)
    assert doc.ocr_pages == [1] and doc.unread_pages == [] and doc.pages == 2
    assert {t.page for t in doc.ocr} == {1}
    assert any("OCR" in w for w in doc.warnings)
    from shenbao.extractors.forms import parse_form

    (sub,) = parse_form(doc)
    assert sub.value("project_name") == EXPECTED["fields"]["project_name"]
    assert sub.value("host.name") == EXPECTED["fields"]["host"]["name"]  # page 2, from its text layer
    assert sub.fields["host"].evidence is None or sub.fields["host"].evidence.confidence is None


def test_photographed_page_as_image(tmp_path):
    """A JPG of the top of page 1 (a phone photo of the form's head): the image is read by OCR."""
    import cv2
    import numpy as np

    from shenbao.eval.make_scans import degrade

    (_, img), = ocr.render_pdf_pages(FORM.read_bytes(), [1], dpi=200)
    top = img[: img.shape[0] * 2 // 5]  # down to the 申报项目类别 row
    top, _ = degrade(top, {"skew": (1.0, 1.0), "noise": 5.0, "blur": 0, "jpeg": 80}, random.Random(1), 200)
    path = tmp_path / "photo.jpg"
    ok, buf = cv2.imencode(".jpg", np.ascontiguousarray(top))
    path.write_bytes(buf.tobytes())
    doc = load(path)
    assert doc.source.format == "image" and doc.ocr_pages == [1]
    assert "人工智能大模型赋能制造业创新高级研修班" in doc.text
    assert any(b.checked for b in doc.checkboxes)


# --------------------------------------------------------------------------- without OCR


def test_without_the_extra_a_scan_names_the_install_command(monkeypatch, tmp_path):
    from testkit import image_only_pdf

    monkeypatch.setattr(ocr, "missing_module", lambda: "rapidocr")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(image_only_pdf())
    png = tmp_path / "scan.png"
    cv2 = pytest.importorskip("cv2")
    import numpy as np

    png.write_bytes(cv2.imencode(".png", np.full((400, 300, 3), 255, np.uint8))[1].tobytes())
    for path in (pdf, png):
        with pytest.raises(ScannedDocumentError) as caught:
            load(path)
        assert "pip install -e '.[ocr]'" in str(caught.value) and "\n" not in str(caught.value)


# --------------------------------------------------------------------------- image processing, no OCR


def _page(h=900, w=700):
    import numpy as np

    return np.full((h, w, 3), 255, np.uint8)


def test_red_seal_is_suppressed_and_text_under_it_kept():
    import cv2

    img = _page()
    cv2.rectangle(img, (100, 100), (300, 130), (0, 0, 0), -1)  # "text"
    cv2.circle(img, (200, 115), 80, (40, 40, 215), 10)  # a seal ring through it
    out, fraction = ocr.suppress_red(img)
    assert fraction > 0.005
    assert (out[115, 200] < 60).all()  # black under the seal stays black
    assert (out[115 - 80, 200] > 200).all()  # the ring is gone


def test_skew_is_measured():
    import cv2

    img = _page(1000, 800)
    for y in range(100, 900, 40):
        cv2.line(img, (80, y), (720, y), (0, 0, 0), 2)
    gray = cv2.cvtColor(ocr.rotate(img, 3.0), cv2.COLOR_BGR2GRAY)
    assert abs(ocr.skew_angle(gray) + 3.0) <= 0.3


def test_table_cells_from_ruling_lines_with_a_merged_cell():
    import cv2

    img = _page(1000, 1200)
    x = [100, 400, 700, 1000]
    y = [100, 200, 300, 400]
    for xi in x:
        cv2.line(img, (xi, 100), (xi, 400), (0, 0, 0), 3)
    for yi in y:
        cv2.line(img, (100, yi), (1000, yi), (0, 0, 0), 3)
    cv2.rectangle(img, (402, 202), (698, 298), (255, 255, 255), -1)  # no ruling between rows 2 and 3, col 2
    cv2.line(img, (400, 200), (400, 400), (0, 0, 0), 3)
    cv2.line(img, (700, 200), (700, 400), (0, 0, 0), 3)
    cv2.line(img, (400, 200), (700, 200), (0, 0, 0), 3)
    cv2.rectangle(img, (402, 295), (698, 305), (255, 255, 255), -1)
    bw = ocr._ink(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
    grid = ocr.find_grid(bw, 250)
    assert len(grid.tables) == 1
    cells = grid.cells[0]
    assert len(cells) == 8  # 9 positions, two of them one merged cell
    tall = [c for c in cells if c[3] - c[1] > 150]
    assert len(tall) == 1 and 390 <= tall[0][0] <= 410


def test_tick_boxes_by_geometry_and_ink():
    import cv2

    img = _page(300, 1400)
    cv2.rectangle(img, (100, 100), (140, 140), (0, 0, 0), 3)  # empty
    cv2.rectangle(img, (400, 100), (440, 140), (0, 0, 0), 3)
    cv2.line(img, (408, 120), (418, 132), (0, 0, 0), 4)  # ticked
    cv2.line(img, (418, 132), (436, 106), (0, 0, 0), 4)
    cv2.rectangle(img, (600, 100), (640, 140), (0, 0, 0), -1)  # filled: ■ is a ticked box
    cv2.circle(img, (820, 120), 20, (0, 0, 0), 3)  # 〇 is not a box
    cv2.rectangle(img, (1000, 100), (1040, 140), (0, 0, 0), 3)  # its outline runs into the next stroke
    cv2.line(img, (1040, 104), (1070, 104), (0, 0, 0), 3)
    cv2.rectangle(img, (1200, 60), (1300, 160), (0, 0, 0), -1)  # a blot far larger than a character
    bw = ocr._ink(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
    boxes = sorted(ocr.find_boxes(bw, None, 45), key=lambda b: b.x0)
    assert [(round(b.x0 / 100), bool(b.checked)) for b in boxes] == [(1, False), (4, True), (6, True), (10, False)]
    assert boxes[2].solid and not boxes[0].solid
    assert boxes[0].fill == 0.0 and boxes[1].fill > 0.1


def test_tick_box_ink_is_measured_inside_the_border_and_against_the_page():
    import cv2
    import numpy as np

    img = _page(300, 400)
    cv2.rectangle(img, (100, 100), (140, 140), (0, 0, 0), 6)  # a heavy border is not a tick
    bw = ocr._ink(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
    [box] = ocr.find_boxes(bw, None, 45)
    assert not box.checked and box.fill == 0.0
    cv2.line(img, (110, 122), (130, 122), (0, 0, 0), 2)  # a faint stroke inside: a tick on a clean page ...
    bw = ocr._ink(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))
    [box] = ocr.find_boxes(bw, None, 45)
    assert box.checked
    # ... but not on a page whose own ink (noise, dark paper) is heavier than that stroke
    [box] = ocr.find_boxes(bw, None, 45, page_ink=float(np.float64(box.fill) + 0.05))
    assert not box.checked


def _char(text, x0, x1, top=100.0, bottom=150.0):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "confidence": 0.99}


def test_box_placed_where_ocr_read_something_else():
    ticked = ocr._Box(205, 110, 236, 141, True)
    # OCR merged the box into the character after it (a wide 否): the box is cut out of it
    chars = [_char("地", 100, 150), _char("否", 200, 270)]
    ocr._place_boxes(chars, [ticked])
    assert [c["text"] for c in chars] == ["地", "☑", "否"] and chars[2]["x0"] == 236
    # a D inside a Latin word is a letter, whatever its shape
    chars = [_char("E", 170, 200), _char("D", 200, 236), _char("A", 236, 266)]
    ocr._place_boxes(chars, [ticked])
    assert "".join(c["text"] for c in chars) == "EDA"
    # a square character as wide as its neighbours is left as read
    chars = [_char("日", 200, 240), _char("期", 240, 280)]
    ocr._place_boxes(chars, [ticked])
    assert "".join(c["text"] for c in chars) == "日期"
    # 口 / 〇 read at a box become the box's decision; nothing read: the box is added before its option
    chars = [_char("口", 200, 240), _char("是", 250, 290)]
    ocr._place_boxes(chars, [ticked])
    assert "".join(c["text"] for c in chars) == "☑是"
    chars = [_char("否", 245, 290)]
    ocr._place_boxes(chars, [ocr._Box(205, 110, 236, 141, False)])
    assert sorted((c["x0"], c["text"]) for c in chars) == [(205.0, "☐"), (245, "否")]
