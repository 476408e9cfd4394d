"""The piece of a scanned page an OCR'd value was read from, for a reviewer to compare.

A value read by OCR carries its page and box (points from the page's top-left) in its evidence.
The report shows that region of the original page as a small PNG embedded in the HTML (a data:
URI, so the report stays one file): the reviewer sees the handwriting or the stamp that OCR read,
next to what it read. Born-digital values (no confidence) get no picture: their text is the
evidence. Rendering uses pypdfium2 and Pillow, which pdfplumber already brings.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

from ..models import Evidence

CROP_DPI = 110  # enough to read a handwritten value, small enough for hundreds in one report
MARGIN_PT = 8  # context around the box: the label beside a value, the border of a tick box
MAX_SIDE_PX = 900


def crop_data_uri(file: str, evidence: Evidence | None) -> str | None:
    """A data: URI of the PNG crop of the page region ``evidence`` came from, or None."""
    if evidence is None or evidence.bbox is None or evidence.confidence is None or not evidence.page:
        return None
    path = Path(evidence.file or file)
    try:
        page, dpi = _page_image(str(path), evidence.page)
    except Exception:  # noqa: BLE001 - a missing or unreadable original: the report goes on without the picture
        return None
    scale = dpi / 72.0
    x0, top, x1, bottom = evidence.bbox
    box = (max(0, int((x0 - MARGIN_PT) * scale)), max(0, int((top - MARGIN_PT) * scale)),
           min(page.width, int((x1 + MARGIN_PT) * scale) + 1), min(page.height, int((bottom + MARGIN_PT) * scale) + 1))
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    crop = page.crop(box)
    crop.thumbnail((MAX_SIDE_PX, MAX_SIDE_PX))
    out = io.BytesIO()
    crop.save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


@lru_cache(maxsize=4)
def _page_image(path: str, number: int):
    """(RGB Pillow image, dpi) of a 1-based page of a PDF or an image file."""
    from PIL import Image

    if Path(path).suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            return pdf[number - 1].render(scale=CROP_DPI / 72.0).to_pil().convert("RGB"), CROP_DPI
        finally:
            pdf.close()
    from PIL import ImageOps

    from ..ingest.ocr import _image_dpi  # the resolution OCR placed the image's boxes by

    image = Image.open(path)
    image.seek(number - 1)
    frame = ImageOps.exif_transpose(image.copy()).convert("RGB")  # as OCR saw it
    return frame, _image_dpi(frame, image.info.get("dpi"))
