"""Make the .doc/.wps/.xls/.et versions of sample forms that tests/test_ingest_legacy.py reads.

    python tests/data/legacy/make_legacy.py

LibreOffice writes them (soffice must be installed). A DOCX is taken through ODT on the way
to .doc: LibreOffice's direct DOCX -> DOC export drops these forms' tables. WPS 文字/表格 save
.wps/.et in the Word/Excel 97-2003 binary formats, so those are the .doc/.xls under WPS's names.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMS = HERE.parents[1] / "data" / "shared" / "samples" / "forms"
# output name -> sample it is made from
MADE = {
    "fj_national_01.doc": "fj_national_01.docx",
    "fj_provincial_01.doc": "fj_provincial_01.docx",
    "cas_overseas_01.doc": "cas_overseas_01.docx",
    "fj_national_02.wps": "fj_national_02.docx",
    "cas_plan_01.xls": "cas_plan_01.xlsx",
    "cas_plan_01.et": "cas_plan_01.xlsx",
}


def soffice(args: list[str], profile: Path) -> None:
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", *args],
                   check=True, timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        profile = tmp_path / "profile"
        docx = sorted({FORMS / src for src in MADE.values() if src.endswith(".docx")})
        xlsx = sorted({FORMS / src for src in MADE.values() if src.endswith(".xlsx")})
        soffice(["--convert-to", "odt", "--outdir", str(tmp_path / "odt"), *map(str, docx)], profile)
        odt = sorted((tmp_path / "odt").glob("*.odt"))
        soffice(["--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path / "doc"), *map(str, odt)], profile)
        soffice(["--convert-to", "xls:MS Excel 97", "--outdir", str(tmp_path / "xls"), *map(str, xlsx)], profile)
        for name, src in MADE.items():
            kind = "doc" if src.endswith(".docx") else "xls"
            shutil.copy(tmp_path / kind / f"{Path(src).stem}.{kind}", HERE / name)
            print(name)


if __name__ == "__main__":
    main()
