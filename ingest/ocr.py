"""Scans -> Document by offline OCR: PDF pages without a text layer, and JPG/PNG/TIFF images.

Only with the ``ocr`` extra (``pip install -e '.[ocr]'``): rapidocr with its default
PP-OCR models, which its wheel carries (no other model may be asked for: that would
download one), onnxruntime, OpenCV (which rapidocr brings) and pypdfium2 to render
PDF pages.

A page is rendered at about 250 dpi, its red seal (公章) turned to paper so that the
text under it is read, deskewed, and OCR'd with a box per character. The page then
becomes what the PDF reader makes of a born-digital page: the OCR'd characters play
pdfplumber's ``page.chars`` (in points from the page's top-left), the table cells are
found from the ruling lines (OpenCV morphology: horizontal and vertical line masks;
every closed region between them is a cell, so a merged cell is one region and its
span follows from the grid), and the PDF reader's own layout (lines, paragraphs,
cells, merged cells, tables over page breaks) runs unchanged. Tick boxes are found by
geometry (small hollow squares) and their ink decides ☑/☐, whatever OCR read there
(口, 〇, □ or nothing). Every OCR'd line is kept with its page, box and confidence.
"""

from __future__ import annotations

import io
import statistics
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..errors import CorruptFileError, ScannedDocumentError
from ..models import Document, Format, OcrText, Source, Word
from ..normalizers.text import normalize_line
from .base import CHECKED, UNCHECKED, DocumentBuilder

DPI = 250  # rendering resolution of PDF pages; images are scaled to about this
INSTALL_HINT = "需要安装 OCR 组件：pip install -e '.[ocr]' / install the OCR extra: pip install -e '.[ocr]'"
_BOX_LIKE = set("□☐☑☒■▢◻〇○0OoD✓√✔")
_SQUARE_CHARS = set("口")  # a real character too: a box only where no word runs into it
_MIN_IMAGE_SIDE = 200  # pixels: anything smaller is not a page


def missing_module() -> str | None:
    """The first module of the ``ocr`` extra that is not installed, or None."""
    for name in ("rapidocr", "onnxruntime", "cv2", "numpy", "pypdfium2"):
        try:
            __import__(name)
        except ImportError:
            return name
    return None


def available() -> bool:
    return missing_module() is None


_ENGINE = None
_ENGINE_LOCK = threading.Lock()


def engine():
    """The one rapidocr engine of the process, with its default (packaged) models only."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from rapidocr import RapidOCR

            # Only switches: asking for another model (lang, version, type) makes rapidocr download it.
            _ENGINE = RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False})
        return _ENGINE


# --------------------------------------------------------------------------- image preparation


def suppress_red(img):
    """Red and pink ink (seals, red stamps) -> white; dark text under a seal stays dark."""
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((h <= 12) | (h >= 160)) & (s >= 60) & (v >= 90)
    out = img.copy()
    out[red] = 255
    return out, float(np.count_nonzero(red)) / red.size


def _ink(gray):
    import cv2

    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return bw


def skew_angle(gray) -> float:
    """Degrees to rotate the page by (cv2 convention) to level its lines, from the projection profile."""
    import cv2
    import numpy as np

    scale = 900.0 / max(gray.shape[1], 1)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    bw = _ink(small)
    h, w = bw.shape
    centre = (w / 2, h / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(bw, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-6.0, 6.01, 0.5), key=score)
    best = max(np.arange(best - 0.5, best + 0.51, 0.1), key=score)
    return round(float(best), 2)


def rotate(img, angle: float):
    import cv2

    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=(255, 255, 255))


@dataclass
class _Grid:
    """Ruling lines of a page: table boxes and their cells, in pixels (x0, top, x1, bottom)."""

    tables: list[tuple[int, int, int, int]] = field(default_factory=list)
    cells: list[list[tuple[int, int, int, int]]] = field(default_factory=list)
    lines: Any = None  # the mask of the ruling lines
    rules: Any = None  # the same without short runs (a row of text's strokes can close into one): boxes see this


def find_grid(bw, dpi: float) -> _Grid:
    """Tables from ruling lines: line masks by morphology, cells as the closed regions between them."""
    import cv2
    import numpy as np

    height, width = bw.shape
    hk, vk = max(20, int(0.30 * dpi)), max(15, int(0.20 * dpi))
    bridge = max(3, int(0.03 * dpi))  # gaps in a scanned line closed first
    horiz = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    horiz = cv2.morphologyEx(horiz, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hk, 1)))
    vert = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, bridge)))
    vert = cv2.morphologyEx(vert, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vk)))
    # A vertical stroke of a character can pass the opening; a cell's side is longer than that.
    n, labels, stats, _ = cv2.connectedComponentsWithStats(vert, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_HEIGHT] >= int(0.26 * dpi)
    vert = np.where(keep[labels], 255, 0).astype(np.uint8)
    lines = cv2.dilate(horiz | vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)), iterations=2)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_WIDTH] >= int(0.8 * dpi)
    long_horiz = np.where(keep[labels], 255, 0).astype(np.uint8)
    rules = cv2.dilate(long_horiz | vert, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)), iterations=1)
    grid = _Grid(lines=lines, rules=rules)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < 0.25 * width or h < 0.3 * dpi:
            continue
        roi = lines[y:y + h, x:x + w]
        if not (horiz[y:y + h, x:x + w].any() and vert[y:y + h, x:x + w].any()):
            continue
        cells = _cells(roi, dpi)
        if len(cells) >= 2:
            grid.tables.append((int(x), int(y), int(x + w), int(y + h)))
            grid.cells.append([(cx + x, cy + y, cx1 + x, cy1 + y) for cx, cy, cx1, cy1 in cells])
    return grid


def _cells(roi, dpi: float) -> list[tuple[int, int, int, int]]:
    import cv2

    free = cv2.bitwise_not(roi)
    n, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=4)
    h_roi, w_roi = roi.shape
    pad = 4  # half the dilated line: neighbouring cells meet on the line's middle
    out = []
    for i in range(1, n):
        x, y, w, h, area = stats[i]
        if x == 0 or y == 0 or x + w >= w_roi or y + h >= h_roi:
            continue  # outside the table's frame
        if w < 0.08 * dpi or h < 0.08 * dpi or area < 0.6 * w * h:
            continue
        out.append((max(0, x - pad), max(0, y - pad), min(w_roi, x + w + pad), min(h_roi, y + h + pad)))
    return out


# --------------------------------------------------------------------------- tick boxes


@dataclass
class _Box:
    x0: int
    top: int
    x1: int
    bottom: int
    checked: bool
    fill: float = 0.0  # share of the interior (the border excluded) that is ink
    solid: bool = False  # a filled square (■): ticked


_BOX_DEFAULTS = {"min_side": 0.35, "max_side": 1.25, "ticked_ink": 0.06, "page_ink_factor": 1.0, "solid_ink": 0.8}
_BOX_PARAMS: dict[str, float] | None = None


def box_params() -> dict[str, float]:
    """How tick boxes are found and decided on a scan (corpus/ocr.yaml, ``tick_boxes``)."""
    global _BOX_PARAMS
    if _BOX_PARAMS is None:
        import yaml

        from ..config import corpus_file

        data = yaml.safe_load(corpus_file("ocr.yaml").read_text(encoding="utf-8")) or {}
        _BOX_PARAMS = {**_BOX_DEFAULTS, **{k: float(v) for k, v in (data.get("tick_boxes") or {}).items()}}
    return _BOX_PARAMS


def _interior_ink(ink, x: int, y: int, w: int, h: int) -> float:
    """Ink share inside a square, its drawn border excluded, isolated specks of scan noise not counted."""
    import cv2
    import numpy as np

    crop = ink[y:y + h, x:x + w] > 0
    if crop.size == 0:
        return 0.0
    # The border: how far in from each side the outline's ink runs (rows/columns mostly ink).
    ring = max(2, int(round(0.12 * w)))
    for depth in range(1, max(2, w // 3)):
        edges = [crop[depth, :], crop[h - 1 - depth, :], crop[:, depth], crop[:, w - 1 - depth]]
        if min(e.mean() for e in edges) < 0.5:
            ring = max(ring, depth + 1)
            break
    inner = crop[ring:h - ring, ring:w - ring]
    if inner.size == 0:
        return 0.0
    inner = inner.astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(inner, connectivity=8)
    specks = int(stats[1:, cv2.CC_STAT_AREA][stats[1:, cv2.CC_STAT_AREA] <= 3].sum()) if n > 1 else 0
    return (int(inner.sum()) - specks) / inner.size


def find_boxes(bw, grid_lines, char_height: float, page_ink: float | None = None) -> list[_Box]:
    """Small squares about a character high: hollow (ticked when there is ink inside) or filled (■, ticked).

    The ink inside is measured in the box's interior, its border excluded; the share that
    counts as a tick is ``ticked_ink`` (corpus/ocr.yaml), raised on a page whose ink (scan noise,
    a dark paper) is heavier than that: ``page_ink_factor`` times the page's own ink share."""
    import cv2
    import numpy as np

    params = box_params()
    ink = cv2.bitwise_and(bw, cv2.bitwise_not(grid_lines)) if grid_lines is not None else bw
    if page_ink is None:
        page_ink = float(np.count_nonzero(ink)) / max(ink.size, 1)
    ticked_at = max(params["ticked_ink"], params["page_ink_factor"] * page_ink)
    # Outer contours find a box standing free and a filled one; the hole of a box finds it
    # also where its outline touches the next character (□“卡脖子) or a stroke runs into it.
    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    lo, hi = params["min_side"] * char_height, params["max_side"] * char_height
    found: list[_Box] = []
    for n, contour in enumerate(contours):
        hole = hierarchy is not None and hierarchy[0][n][3] != -1
        x, y, w, h = cv2.boundingRect(contour)
        if hole:
            if not (0.5 * lo <= w <= hi and 0.5 * lo <= h <= hi):
                continue
            x, y, w, h = _around_hole(ink, x, y, w, h)
        if not (lo <= w <= hi and lo <= h <= hi and 0.8 <= w / max(h, 1) <= 1.25):
            continue
        if not hole:
            approx = cv2.approxPolyDP(contour, 0.08 * cv2.arcLength(contour, True), True)
            if len(approx) != 4 or cv2.contourArea(contour) < 0.75 * w * h:
                continue
        else:
            approx = cv2.approxPolyDP(contour, 0.08 * cv2.arcLength(contour, True), True)
            if len(approx) != 4:
                continue
        whole = np.count_nonzero(ink[y:y + h, x:x + w]) / float(w * h)
        if not hole and whole >= params["solid_ink"]:
            found.append(_Box(x, y, x + w, y + h, True, fill=round(whole, 3), solid=True))
            continue
        if not _outlined(ink[y:y + h, x:x + w]):
            continue
        filled = _interior_ink(ink, x, y, w, h)
        if filled > 0.6:
            continue  # a blot with a rim, not a box
        found.append(_Box(x, y, x + w, y + h, filled > ticked_at, fill=round(filled, 3)))
    # The outline of a box glyph gives an outer and an inner contour: keep the outer one.
    found.sort(key=lambda b: -(b.x1 - b.x0))
    kept: list[_Box] = []
    for box in found:
        if any(k.x0 - 2 <= box.x0 and box.x1 <= k.x1 + 2 and k.top - 2 <= box.top and box.bottom <= k.bottom + 2
               for k in kept):
            continue
        kept.append(box)
    return kept


def _around_hole(ink, x: int, y: int, w: int, h: int) -> tuple[int, int, int, int]:
    """The box whose hole is (x, y, w, h): grown outwards over its outline, side by side."""
    height, width = ink.shape
    limit = max(2, min(w, h) // 3)

    def grow(edge) -> int:
        for d in range(1, limit + 1):
            strip = edge(d)
            if strip is None or strip.size == 0 or (strip > 0).mean() < 0.6:
                return d - 1
        return limit

    left = grow(lambda d: ink[y:y + h, x - d] if x - d >= 0 else None)
    right = grow(lambda d: ink[y:y + h, x + w - 1 + d] if x + w - 1 + d < width else None)
    top = grow(lambda d: ink[y - d, x:x + w] if y - d >= 0 else None)
    bottom = grow(lambda d: ink[y + h - 1 + d, x:x + w] if y + h - 1 + d < height else None)
    # The hole's rectangle starts on the outline's inner pixels: they count as outline too.
    return x - left, y - top, w + left + right, h + top + bottom


def _outlined(crop) -> bool:
    """All four sides of the square drawn (each border strip mostly ink along its length), and its corners."""
    h, w = crop.shape
    t = max(2, int(round(0.15 * min(w, h))))
    sides = [crop[:t, :].max(axis=0), crop[h - t:, :].max(axis=0), crop[:, :t].max(axis=1), crop[:, w - t:].max(axis=1)]
    if not all((s > 0).mean() >= 0.7 for s in sides):
        return False
    # Square corners: a circle (〇, ○) has its four sides but no ink in the corners.
    c = max(2, int(round(0.08 * min(w, h))))
    corners = [crop[:c, :c], crop[:c, w - c:], crop[h - c:, :c], crop[h - c:, w - c:]]
    return all(corner.any() for corner in corners)


# --------------------------------------------------------------------------- one page


@dataclass
class OcrPage:
    number: int
    width: float  # points
    height: float
    chars: list[dict]  # pdfplumber-like characters, points from the page's top-left
    tables: list[tuple[tuple[float, float, float, float], list[tuple[float, float, float, float]]]]
    texts: list[OcrText]
    angle: float = 0.0
    seal_fraction: float = 0.0
    boxes: int = 0


def ocr_image(img, number: int, dpi: float) -> OcrPage:
    """One page image (BGR array) at ``dpi`` -> characters, table cells and OCR'd lines, in points."""
    import cv2

    if dpi < 200:  # a low-resolution scan reads better enlarged to the rendering resolution
        factor = DPI / dpi
        img = cv2.resize(img, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
        dpi = DPI
    img, seal = suppress_red(img)
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    angle = skew_angle(gray)
    if abs(angle) >= 0.1:
        img = rotate(img, angle)
        gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    bw = _ink(gray)
    grid = find_grid(bw, dpi)
    result = engine()(img, return_word_box=True)
    pt = 72.0 / dpi
    chars: list[dict] = []
    texts: list[OcrText] = []
    heights = []
    boxes = list(result.boxes) if result.boxes is not None else []
    for quad, text, score, words in zip(boxes, result.txts or (), result.scores or (), result.word_results or (),
                                        strict=False):
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        line_chars = _line_chars(words, text, (min(xs), min(ys), max(xs), max(ys)))
        if not line_chars:
            continue
        heights.append(max(ys) - min(ys))
        texts.append(OcrText(text=text, page=number, bbox=[round(v * pt, 1) for v in (min(xs), min(ys), max(xs),
                                                                                       max(ys))],
                             confidence=round(float(score), 3)))
        for ch in line_chars:
            ch["confidence"] = min(ch.get("confidence", 1.0), float(score))
        chars.extend(line_chars)
    char_height = statistics.median(heights) if heights else 0.16 * dpi
    for ch in chars:  # OCR pads its boxes unevenly: lines of the body size get one height, so gaps compare
        h = ch["bottom"] - ch["top"]
        if 0.7 * char_height <= h <= 1.3 * char_height:
            mid = (ch["top"] + ch["bottom"]) / 2
            ch["top"], ch["bottom"] = mid - char_height / 2, mid + char_height / 2
    found_boxes = find_boxes(bw, grid.rules, char_height * 0.9)
    n_boxes = _place_boxes(chars, found_boxes)
    for ch in chars:
        for key in ("x0", "x1", "top", "bottom"):
            ch[key] = round(ch[key] * pt, 2)
        ch["size"] = round((ch["bottom"] - ch["top"]) * 0.85, 2)
        ch["upright"] = True
    tables = [((t[0] * pt, t[1] * pt, t[2] * pt, t[3] * pt),
               [(c[0] * pt, c[1] * pt, c[2] * pt, c[3] * pt) for c in cells])
              for t, cells in zip(grid.tables, grid.cells, strict=True)]
    h_px, w_px = img.shape[:2]
    return OcrPage(number=number, width=w_px * pt, height=h_px * pt, chars=chars, tables=tables, texts=texts,
                   angle=angle, seal_fraction=seal, boxes=n_boxes)


def _line_chars(words, text: str, bbox: tuple[float, float, float, float]) -> list[dict]:
    """The characters of one OCR'd line with their boxes (pixels), gaps inside a word closed."""
    x0, top, x1, bottom = bbox
    out: list[dict] = []
    pieces = [(w[0], float(w[1]), w[2]) for w in words] if words else []
    if not pieces:  # no character boxes: spread the line's text over its box
        pieces = [(text, 1.0, [[x0, top], [x1, top], [x1, bottom], [x0, bottom]])]
    for piece, score, quad in pieces:
        px0, px1 = min(p[0] for p in quad), max(p[0] for p in quad)
        piece = piece.strip()
        if not piece:
            continue
        step = (px1 - px0) / len(piece)
        for i, ch in enumerate(piece):
            out.append({"text": ch, "x0": px0 + i * step, "x1": px0 + (i + 1) * step, "top": top, "bottom": bottom,
                        "confidence": score})
    height = bottom - top
    spaces = _space_positions(text, "".join(c["text"] for c in out))
    widths = sorted(c["x1"] - c["x0"] for c in out if not c["text"].isascii())
    em = widths[len(widths) // 2] if widths else height * 0.8
    for i, ch in enumerate(out):
        ch["text"] = _fold_punctuation(out[i - 1]["text"] if i else "", ch["text"])
        if ch["text"] in _CJK_PUNCT and ch["x1"] - ch["x0"] < em:  # a full-width mark takes a full em
            ch["x1"] = ch["x0"] + em
    for i, (prev, ch) in enumerate(zip(out, out[1:], strict=False)):
        gap = ch["x0"] - prev["x1"]
        if i + 1 in spaces:
            continue
        if gap < 0.45 * height:  # OCR boxes are tighter than the glyph advance: not a word gap
            prev["x1"] = max(prev["x0"], min(prev["x1"], ch["x0"])) if gap < 0 else ch["x0"]
    with_spaces = []
    for i, ch in enumerate(out):
        if i in spaces and with_spaces:
            with_spaces.append({"text": " ", "x0": with_spaces[-1]["x1"], "x1": max(ch["x0"], with_spaces[-1]["x1"]),
                                "top": top, "bottom": bottom, "confidence": ch["confidence"]})
        with_spaces.append(ch)
    return with_spaces


_CJK_PUNCT = set("，。、；：！？）》」』】")
_FOLD = {":": "：", ",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def _fold_punctuation(prev: str, ch: str) -> str:
    """ASCII punctuation OCR reads after a Chinese character is the full-width mark that was printed."""
    if ch in _FOLD and prev and not prev.isascii():
        return _FOLD[ch]
    return ch


def _space_positions(text: str, glyphs: str) -> set[int]:
    """Indices into ``glyphs`` (the line without spaces) that the line's text has a space before."""
    out: set[int] = set()
    if text.replace(" ", "") != glyphs:
        return out
    n = 0
    for ch in text:
        if ch == " ":
            out.add(n)
        else:
            n += 1
    return out


def _place_boxes(chars: list[dict], boxes: list[_Box]) -> int:
    """Each tick box found by geometry becomes ☑/☐: the character OCR read there, or a new one.

    What OCR read at the box does not decide its state, the box's ink does: 口 〇 □ √ or
    nothing at all. A box OCR merged into the character beside it (a wide 否 over ☑否) is cut
    out of it. A real character that happens to be square (回, 日, a D or 0 inside a word) is
    left as read."""
    placed = 0
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        side = box.x1 - box.x0
        glyph = CHECKED if box.checked else UNCHECKED
        hit, at = None, -1
        for i, ch in enumerate(chars):
            if ch["x0"] - 2 <= cx <= ch["x1"] + 2 and ch["top"] <= cy <= ch["bottom"]:
                hit, at = ch, i
                break
        if hit is not None:
            row = _row_of(chars, hit)
            before, after = _beside(row, hit)
            if hit["text"] in _SQUARE_CHARS:
                if _glued(before, hit):
                    continue  # 出口, 人口: a 口 inside a word is read as is
            elif hit["text"] in _BOX_LIKE:
                if hit["text"].isascii() and hit["text"].isalnum() and (
                        (before is not None and before["text"].isascii() and before["text"].isalnum()
                         and _glued(before, hit))
                        or (after is not None and after["text"].isascii() and after["text"].isalnum()
                            and _glued(hit, after))):
                    continue  # the D of EDA, the 0 of 2020
            else:
                if _split_merged(chars, at, hit, box, glyph):
                    placed += 1
                continue  # a real character that happens to be square (回, 日)
            hit["text"] = glyph
            hit["x0"], hit["x1"] = min(hit["x0"], box.x0), max(hit["x1"], box.x1)
        else:
            # Near option text on the same line, or nothing: OCR dropped the box.
            neighbours = [ch for ch in chars if ch["top"] <= cy <= ch["bottom"]
                          and -0.2 * (ch["bottom"] - ch["top"]) <= ch["x0"] - box.x1 <= 2.5 * side]
            if not neighbours:
                continue
            line = neighbours[0]
            chars.append({"text": glyph, "x0": float(box.x0), "x1": float(box.x1), "top": line["top"],
                          "bottom": line["bottom"], "confidence": 1.0})
        placed += 1
    return placed


def _row_of(chars: list[dict], ch: dict) -> list[dict]:
    """The characters OCR read on the same line as ``ch`` (same box height), left to right."""
    return sorted((c for c in chars if c["top"] == ch["top"] and c["bottom"] == ch["bottom"]),
                  key=lambda c: c["x0"])


def _beside(row: list[dict], ch: dict) -> tuple[dict | None, dict | None]:
    i = next(n for n, c in enumerate(row) if c is ch)
    return (row[i - 1] if i > 0 else None), (row[i + 1] if i + 1 < len(row) else None)


def _glued(left: dict | None, right: dict | None) -> bool:
    """Two characters of one word: no gap between them."""
    if left is None or right is None or left["text"].isspace() or right["text"].isspace():
        return False
    return right["x0"] - left["x1"] < 0.3 * (right["bottom"] - right["top"])


def _split_merged(chars: list[dict], at: int, hit: dict, box: _Box, glyph: str) -> bool:
    """A box OCR swallowed into a neighbouring character's box (``☑否`` read as a wide 否): the
    character is cut back to its own part and the box put beside it."""
    side = box.x1 - box.x0
    width = hit["x1"] - hit["x0"]
    if width < 1.15 * (hit["bottom"] - hit["top"]) or width < 1.6 * side:
        return False  # no wider than a character: the character itself is square
    right, left = hit["x1"] - box.x1, box.x0 - hit["x0"]
    new = {"text": glyph, "x0": float(box.x0), "x1": float(box.x1), "top": hit["top"], "bottom": hit["bottom"],
           "confidence": 1.0}
    if right >= 0.7 * side and left <= 0.35 * side:  # the box at the character's left end
        hit["x0"] = float(box.x1)
        chars.insert(at, new)
        return True
    if left >= 0.7 * side and right <= 0.35 * side:  # at its right end: the box of the next option
        hit["x1"] = float(box.x0)
        chars.insert(at + 1, new)
        return True
    return False


# --------------------------------------------------------------------------- rendering


def render_pdf_pages(data: bytes, numbers: list[int], dpi: float = DPI) -> list[tuple[int, Any]]:
    """(page number, BGR image) for the given 1-based pages of a PDF."""
    import numpy as np
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for number in numbers:
            page = pdf[number - 1]
            bitmap = page.render(scale=dpi / 72.0, grayscale=False)
            rgb = np.asarray(bitmap.to_pil().convert("RGB"))
            out.append((number, rgb[:, :, ::-1].copy()))
            page.close()
        return out
    finally:
        pdf.close()


def decode_images(path: Path, data: bytes) -> list[tuple[Any, float]]:
    """(BGR image, dpi) for each page of an image file (a TIFF may hold several)."""
    import numpy as np
    from PIL import Image, ImageOps

    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for i in range(getattr(image, "n_frames", 1)):
            image.seek(i)
            frame = ImageOps.exif_transpose(image.copy()).convert("RGB")
            frames.append(frame)
    except Exception as err:  # PIL raises many kinds on broken images
        raise CorruptFileError(path, f"图片无法解码，无法进行 OCR 识别 / the image cannot be decoded for OCR: {type(err).__name__}") from err
    out = []
    for frame in frames:
        width, height = frame.size
        if min(width, height) < _MIN_IMAGE_SIDE:
            raise ScannedDocumentError(path, f"图片太小（{width}×{height} 像素），无法 OCR 识别 / too small for OCR")
        dpi = _image_dpi(frame, image.info.get("dpi"))
        rgb = np.asarray(frame)
        out.append((rgb[:, :, ::-1].copy(), dpi))
    return out


def _image_dpi(frame, declared) -> float:
    """The scan's resolution: as declared when it is plausible, else from an A4 page's width."""
    width, height = frame.size
    a4 = min(width, height) / (210 / 25.4)  # the page's short side is an A4's
    try:
        dpi = float(declared[0]) if declared else 0.0
    except (TypeError, ValueError, IndexError):
        dpi = 0.0
    if 100 <= dpi <= 600 and abs(dpi - a4) / a4 < 0.3:
        return dpi
    return a4


# --------------------------------------------------------------------------- into the Document


def pdf_page_from_ocr(page: OcrPage, words: list[Word]):
    """The PDF reader's page model for an OCR'd page: characters placed into cells or the body."""
    from .pdf import _CellPart, _TablePart, place_chars

    tables = [_TablePart(page=page.number, x0=t[0], top=t[1], x1=t[2], bottom=t[3],
                         cells=[_CellPart(*c) for c in cells]) for t, cells in page.tables]
    return place_chars(page.chars, tables, page.number, page.height, words)


def locate_texts(doc: Document, texts: list[OcrText]) -> None:
    """Set each OCR'd line's offsets in ``doc.text`` (where its text is found, in reading order)."""
    flat = doc.text
    cursor = 0
    for item in texts:
        needle = normalize_line(item.text).replace(" ", "")
        if len(needle) < 1:
            continue
        at = flat.find(needle, cursor)
        if at < 0:
            at = flat.find(needle)
        if at < 0 and len(needle) > 4:  # boxes re-rendered or punctuation folded: try its core
            core = needle[1:-1]
            at = flat.find(core, cursor)
            if at < 0:
                at = flat.find(core)
            if at >= 0:
                item.start, item.end = at, at + len(core)
                cursor = item.end
            continue
        if at >= 0:
            item.start, item.end = at, at + len(needle)
            cursor = item.end


def ocr_pdf_pages(path: Path, data: bytes, numbers: list[int], words: list[Word]) -> tuple[list, list[OcrText]]:
    """PDF pages (1-based) read by OCR: the PDF reader's page models and every OCR'd line."""
    pages, texts = [], []
    for number, img in render_pdf_pages(data, numbers):
        page = ocr_image(img, number, DPI)
        pages.append(pdf_page_from_ocr(page, words))
        texts.extend(page.texts)
    return pages, texts


def build_document(source: Source, pages: list, texts: list[OcrText], n_pages: int, ocr_pages: list[int],
                   words: list[Word], warnings: list[str] | None = None) -> Document:
    """Lay out pages (born-digital and OCR'd alike) with the PDF reader's layout."""
    from .pdf import _drop_running_lines, _lay_out, _measure

    _drop_running_lines(pages)
    builder = DocumentBuilder(source)
    builder.words = words
    builder.warnings.extend(warnings or [])
    _lay_out(pages, _measure(pages), builder)
    unread = [p.number for p in pages if not p.lines and not p.tables]
    for number in unread:
        builder.warnings.append(f"第{number}页无文本层，OCR 也未识别出文字 / page {number}: no text found")
    doc = builder.build(pages=n_pages, unread_pages=unread)
    doc.ocr_pages = sorted(ocr_pages)
    doc.ocr = texts
    locate_texts(doc, texts)
    return doc


class ImageBackend:
    """JPG / PNG / TIFF scans: every image (TIFF page) is one page, read by OCR."""

    format: ClassVar[Format] = "image"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        path = Path(path)
        data = path.read_bytes() if data is None else data
        missing = missing_module()
        if missing is not None:
            raise ScannedDocumentError(path, f"图片需要 OCR 识别；{INSTALL_HINT}")
        words: list[Word] = []
        pages, texts = [], []
        for number, (img, dpi) in enumerate(decode_images(path, data), start=1):
            page = ocr_image(img, number, dpi)
            pages.append(pdf_page_from_ocr(page, words))
            texts.extend(page.texts)
        if not any(p.lines or p.tables for p in pages):
            raise ScannedDocumentError(path, "OCR 未识别出任何文字 / OCR found no text")
        return build_document(source, pages, texts, len(pages), [p.number for p in pages], words)
