"""Scanned versions of the sample forms, for ``python -m shenbao.eval forms --set scans``.

    python -m shenbao.eval.make_scans [--out FOLDER] [--only NAME ...]

Every sample form that has a PDF (the born-digital rendering of its DOCX; a DOCX without
one is first turned into PDF by LibreOffice) is rendered to page images with pypdfium2
and degraded as a scanner or a phone would, at two levels:

- ``ordinary``: 200-300 dpi, skew under 2°, light noise, JPEG quality 75, a red seal
  stamped over the 申报单位 label;
- ``harsh``: 150 dpi, skew of 3-4°, heavy noise, slight blur, JPEG quality 40, the seal.

Each scan is an image-only PDF (pages as JPEG) named after its form, with the form's
expected JSON copied beside it, so the folder scores like any other with ``--dir``.
The degradations are seeded by the file name: the same scans every run.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..config import shared_dir

LEVELS = {
    "ordinary": {"dpi": (200, 300), "skew": (0.3, 1.8), "noise": 6.0, "blur": 0, "jpeg": 75},
    "harsh": {"dpi": (150, 150), "skew": (3.0, 4.0), "noise": 16.0, "blur": 1, "jpeg": 40},
}
SEAL_LABELS = ("申报单位", "单位名称", "派出单位", "承办单位")


def default_folder() -> Path:
    return Path(__file__).resolve().parents[1] / "build" / "scans"


def _pdf_of(form: Path, tmp: Path) -> Path | None:
    pdf = form.with_suffix(".pdf")
    if pdf.exists():
        return pdf
    if form.suffix.lower() != ".docx" or shutil.which("soffice") is None:
        return None
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(form)], check=False, timeout=180,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = tmp / f"{form.stem}.pdf"
    return out if out.exists() else None


def _seal_spot(pdf: Path) -> tuple[float, float] | None:
    """Where on page 1 (fractions of width and height) the unit's label is: the seal goes there."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        text = "".join(c["text"] for c in page.chars)
        for label in SEAL_LABELS:
            at = text.find(label)
            if at >= 0:
                chars = page.chars[at:at + len(label)]
                x = sum(c["x0"] + c["x1"] for c in chars) / (2 * len(chars))
                y = sum(c["top"] + c["bottom"] for c in chars) / (2 * len(chars))
                return x / float(page.width), y / float(page.height)
    return None


def stamp_seal(img, centre: tuple[int, int], radius: int):
    """A red 公章 (ring, star and an arc of marks) multiplied onto the page: black text stays black."""
    import cv2
    import numpy as np

    layer = np.full_like(img, 255)
    red = (40, 40, 215)  # BGR
    cv2.circle(layer, centre, radius, red, max(3, radius // 14), lineType=cv2.LINE_AA)
    cx, cy = centre
    star = []
    for i in range(10):
        r = radius * (0.30 if i % 2 == 0 else 0.12)
        a = -np.pi / 2 + i * np.pi / 5
        star.append((int(cx + r * np.cos(a)), int(cy + r * np.sin(a))))
    cv2.fillPoly(layer, [np.array(star, dtype=np.int32)], red, lineType=cv2.LINE_AA)
    for i in range(14):  # the unit's name around the ring, as blocks
        a = np.pi * (1.1 + 0.8 * i / 13)
        x, y = int(cx + 0.72 * radius * np.cos(a)), int(cy + 0.72 * radius * np.sin(a))
        cv2.rectangle(layer, (x - radius // 14, y - radius // 14), (x + radius // 14, y + radius // 14), red, -1)
    return (img.astype(np.float32) * layer.astype(np.float32) / 255.0).astype(np.uint8)


def degrade(img, level: dict, rng: random.Random, dpi: int):
    import cv2
    import numpy as np

    h, w = img.shape[:2]
    angle = rng.uniform(*level["skew"]) * rng.choice((-1, 1))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=(250, 250, 250))
    if level["blur"]:
        img = cv2.GaussianBlur(img, (3, 3), 0.8)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, level["noise"], img.shape)
    img = np.clip(img.astype(np.float32) * 0.97 + 6 + noise, 0, 255).astype(np.uint8)  # grey paper, noise
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, level["jpeg"]])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR), angle


def make_scan(pdf: Path, out: Path, level_name: str, seed: str) -> dict:
    import cv2
    import pypdfium2 as pdfium
    from PIL import Image

    level = LEVELS[level_name]
    rng = random.Random(f"{seed}:{level_name}")
    dpi = rng.randint(*level["dpi"])
    spot = _seal_spot(pdf)
    doc = pdfium.PdfDocument(str(pdf))
    pages = []
    angles = []
    for i in range(len(doc)):
        rgb = doc[i].render(scale=dpi / 72).to_pil().convert("RGB")
        import numpy as np

        img = np.asarray(rgb)[:, :, ::-1].copy()
        if i == 0 and spot is not None:
            h, w = img.shape[:2]
            img = stamp_seal(img, (int(spot[0] * w), int(spot[1] * h)), int(0.75 * dpi))
        img, angle = degrade(img, level, rng, dpi)
        angles.append(round(angle, 2))
        pages.append(Image.fromarray(cv2.cvtColor(img, cv2.COLOR_BGR2RGB)))
    doc.close()
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi),
                  quality=level["jpeg"])
    out.write_bytes(buffer.getvalue())
    return {"file": out.name, "dpi": dpi, "pages": len(pages), "skew": angles, "seal": spot is not None}


def make_scans(out: Path | None = None, only: list[str] | None = None, levels: tuple[str, ...] = tuple(LEVELS),
               samples: Path | None = None) -> Path:
    """Write FOLDER/LEVEL/NAME.pdf (+ NAME.json) for every sample form; returns FOLDER."""
    out = out or default_folder()
    forms = samples or shared_dir() / "samples" / "forms"
    with tempfile.TemporaryDirectory() as tmp:
        for form in sorted(forms.glob("*.docx")):
            if only and form.stem not in only:
                continue
            expected = forms / "expected" / f"{form.stem}.json"
            pdf = _pdf_of(form, Path(tmp))
            if pdf is None or not expected.exists():
                continue
            for level in levels:
                folder = out / level
                folder.mkdir(parents=True, exist_ok=True)
                info = make_scan(pdf, folder / f"{form.stem}.pdf", level, form.stem)
                shutil.copy(expected, folder / f"{form.stem}.json")
                print(f"{level:<9} {info['file']:<24} {info['dpi']} dpi, {info['pages']} pages, skew {info['skew']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shenbao.eval.make_scans", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="folder (default build/scans)")
    parser.add_argument("--only", action="append", help="only these forms (NAME without extension)")
    args = parser.parse_args(argv)
    print(make_scans(args.out, args.only))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
