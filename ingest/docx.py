"""DOCX -> Document, read from the XML in body order.

python-docx's ``paragraph.text`` drops content-control checkboxes and legacy
form fields, and ``row.cells`` repeats a merged cell once per grid column it
covers. Forms depend on both, so this backend walks the body XML itself:
paragraphs and tables in document order (also inside block-level content
controls), cells as anchor cells with their spans (``w:gridSpan``,
``w:vMerge``), each box rendered as ☑/☐ in place so the option text after it
stays attached. Headers and footers are not body text and are skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from ..errors import CorruptFileError, EncryptedFileError
from ..models import Document, Format, Source
from .base import CellSpec, DocumentBuilder
from .checkbox import (
    CHECKED,
    MARKUP_CHECKED,
    MARKUP_UNCHECKED,
    W_FF_DATA,
    W_FLD_CHAR,
    W_INSTR_TEXT,
    W_NS,
    W_SDT_PR,
    formfield_checkbox_state,
    has_box_marks,
    render_normalized,
    sdt_checkbox_state,
    symbol_box,
)

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC, SDT, SDT_CONTENT = (_w(t) for t in ("p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))
PPR, RPR, TCPR, TRPR = _w("pPr"), _w("rPr"), _w("tcPr"), _w("trPr")
VAL = _w("val")
MC_FALLBACK = f"{{{MC_NS}}}Fallback"

# Elements whose content is not shown: deleted text, moved-away text, properties.
_SKIPPED = {_w(t) for t in ("del", "moveFrom", "pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr",
                            "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd")}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_SYMBOL_FONTS = ("wingdings", "wingdings 2", "wingdings 3", "webdings", "symbol")


@dataclass
class _Text:
    """Paragraph text being read: characters plus the origin of each markup box."""

    chars: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    in_field_code: bool = False

    def box(self, checked: bool, origin: str) -> None:
        self.chars.append(MARKUP_CHECKED if checked else MARKUP_UNCHECKED)
        self.origins.append(origin)

    @property
    def text(self) -> str:
        return "".join(self.chars)


# --------------------------------------------------------------------------- runs


def _is_on(el) -> bool:
    if el is None:
        return False
    return (el.get(VAL) or "true").lower() not in ("0", "false", "off")


def _run_font(run) -> str | None:
    rpr = run.find(RPR)
    if rpr is None:
        return None
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        return None
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        name = fonts.get(_w(attr))
        if name and name.strip().lower() in _SYMBOL_FONTS:
            return name
    return None


def _read_run(run, out: _Text) -> None:
    rpr = run.find(RPR)
    if rpr is not None and (_is_on(rpr.find(_w("vanish"))) or _is_on(rpr.find(_w("webHidden")))):
        return  # hidden text is not part of what the reader sees
    symbol_font = _run_font(run)
    for child in run:
        tag = child.tag
        if tag == W_FLD_CHAR:
            _read_field_char(child, out)
        elif out.in_field_code:
            continue
        elif tag == T:
            text = child.text or ""
            if symbol_font:
                _read_symbol_text(text, symbol_font, out)
            else:
                out.chars.append(text)
        elif tag == _w("tab") or tag == _w("ptab"):
            out.chars.append("\t")
        elif tag in (_w("br"), _w("cr")):
            out.chars.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.chars.append("-")
        elif tag == _w("sym"):
            font, char = child.get(_w("font")), child.get(_w("char")) or ""
            box = symbol_box(font, char) if char else None
            if box:
                out.box(box == CHECKED, f"{font}:{char}")
        elif tag in (W_INSTR_TEXT, _w("delText"), _w("delInstrText")):
            continue
        else:
            _read_inline(child, out)  # drawings with text boxes, alternate content


def _read_symbol_text(text: str, font: str, out: _Text) -> None:
    # In a Wingdings run, "þ" is a ticked box and "¨" an empty one.
    for ch in text:
        box = symbol_box(font, ch)
        if box:
            out.box(box == CHECKED, f"{font}:{ord(ch):04X}")
        else:
            out.chars.append(ch)


def _read_field_char(el, out: _Text) -> None:
    kind = el.get(_w("fldCharType"))
    if kind == "begin":
        out.in_field_code = True
        state = formfield_checkbox_state(el.find(W_FF_DATA))
        if state is not None:
            out.box(state, "formfield")
    elif kind in ("separate", "end"):
        out.in_field_code = False  # the field's result (between separate and end) is shown


def _read_inline(el, out: _Text) -> None:
    """Children of a paragraph (or anything that holds runs), in order."""
    for child in el:
        tag = child.tag
        if tag == R:
            _read_run(child, out)
        elif tag == SDT:
            _read_inline_sdt(child, out)
        elif tag in _SKIPPED or tag == MC_FALLBACK:
            continue  # Fallback repeats the Choice content for old readers
        elif tag == _w("txbxContent"):
            for para in child.iter(P):
                inner = _Text()
                _read_inline(para, inner)
                if inner.text.strip():
                    out.chars.append("\n" + inner.text)
                    out.origins.extend(inner.origins)
        elif tag == P:
            continue  # paragraphs are reached only through txbxContent above
        else:
            _read_inline(child, out)


def _read_inline_sdt(sdt, out: _Text) -> None:
    state = sdt_checkbox_state(sdt.find(W_SDT_PR))
    if state is not None:
        out.box(state, "sdt")  # its content is the ☐/☒ glyph Word draws: not read again
        return
    content = sdt.find(SDT_CONTENT)
    if content is not None:
        _read_inline(content, out)


# --------------------------------------------------------------------------- list numbering

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_list_number(n: int, fmt: str) -> str:
    """One list counter in a Word number format (decimal, chineseCounting, ...)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):
        import cn2an

        return cn2an.an2cn(n, "low")
    if fmt == "chineseLegalSimplified":
        import cn2an

        return cn2an.an2cn(n, "up")
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("ideographTraditional",) and 1 <= n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


class _Numbering:
    """Renders the numbers Word draws before list paragraphs (一、 （一） 1. ①), which are not text.

    Notices number their sections this way, and the section numbers are what
    readers (and the extractors) use to follow the structure.
    """

    def __init__(self, numbering_el) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractId, start overrides)
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_el is None:
            return
        for abstract in numbering_el.iter(_w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(_w("lvl")):
                levels[int(lvl.get(_w("ilvl"), "0"))] = _Level(
                    start=_int_val(lvl, "start", 1),
                    fmt=_str_val(lvl, "numFmt", "decimal"),
                    text=_str_val(lvl, "lvlText", ""),
                    suffix=_str_val(lvl, "suff", "tab"),
                )
            self._abstract[abstract.get(_w("abstractNumId"), "")] = levels
        for num in numbering_el.iter(_w("num")):
            overrides = {}
            for override in num.iter(_w("lvlOverride")):
                start = override.find(_w("startOverride"))
                if start is not None:
                    overrides[int(override.get(_w("ilvl"), "0"))] = int(start.get(VAL, "1"))
            self._nums[num.get(_w("numId"), "")] = (_str_val(num, "abstractNumId", ""), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number text for the next paragraph of list ``num_id`` at level ``ilvl``."""
        if num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a deeper level restarts under a new parent
        if level.fmt == "bullet" or not level.text:
            return ""

        def number(match: re.Match) -> str:
            lvl = int(match.group(1)) - 1
            value = counters.get(lvl, levels.get(lvl, _Level()).start)
            return format_list_number(value, levels.get(lvl, _Level()).fmt)

        text = re.sub(r"%(\d)", number, level.text)
        return text + (" " if level.suffix != "nothing" else "")


def _str_val(parent, tag: str, default: str | None) -> str | None:
    el = parent.find(_w(tag)) if parent is not None else None
    value = el.get(VAL) if el is not None else None
    return default if value is None else value


# --------------------------------------------------------------------------- paragraphs


class _Styles:
    """Style id -> heading level / list membership (following basedOn chains), and list numbers."""

    def __init__(self, styles_el, numbering_el=None) -> None:
        self.numbering = _Numbering(numbering_el)
        self._by_id: dict[str, object] = {}
        if styles_el is not None:
            for style in styles_el.iter(_w("style")):
                sid = style.get(_w("styleId"))
                if sid:
                    self._by_id[sid] = style

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self._by_id and sid not in seen:
            seen.add(sid)
            style = self._by_id[sid]
            yield sid, style
            based = style.find(_w("basedOn"))
            sid = based.get(VAL) if based is not None else None

    def heading_level(self, sid: str | None) -> int | None:
        for style_id, style in self._chain(sid):
            name_el = style.find(_w("name"))
            name = (name_el.get(VAL) if name_el is not None else "") or style_id
            m = _HEADING_STYLE.match(name.strip()) or _HEADING_STYLE.match(style_id)
            if m:
                return int(m.group(1))
            if _TITLE_STYLE.match(name.strip()):
                return 1
            ppr = style.find(PPR)
            outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
            if outline is not None and (outline.get(VAL) or "9").isdigit() and int(outline.get(VAL)) < 9:
                return int(outline.get(VAL)) + 1
        return None

    def is_list(self, sid: str | None) -> bool:
        for _, style in self._chain(sid):
            ppr = style.find(PPR)
            if ppr is not None and _has_numbering(ppr):
                return True
        return False

    def num_ref(self, p) -> tuple[str, int] | None:
        """(numId, level) of a list paragraph, from its own numPr or its style's."""
        ppr = p.find(PPR)
        num_id = ilvl = None
        sid = None
        if ppr is not None:
            style = ppr.find(_w("pStyle"))
            sid = style.get(VAL) if style is not None else None
            num = ppr.find(_w("numPr"))
            if num is not None:
                num_id = _str_val(num, "numId", None)
                ilvl = _str_val(num, "ilvl", None)
        for _, style in self._chain(sid):
            style_ppr = style.find(PPR)
            num = style_ppr.find(_w("numPr")) if style_ppr is not None else None
            if num is not None:
                num_id = num_id if num_id is not None else _str_val(num, "numId", None)
                ilvl = ilvl if ilvl is not None else _str_val(num, "ilvl", None)
        if num_id is None or num_id == "0":
            return None
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


def _has_numbering(ppr) -> bool:
    num = ppr.find(_w("numPr"))
    if num is None:
        return False
    num_id = num.find(_w("numId"))
    return num_id is None or (num_id.get(VAL) or "0") != "0"


def _paragraph_kind(p, styles: _Styles) -> tuple[str, int | None]:
    ppr = p.find(PPR)
    sid = None
    if ppr is not None:
        style = ppr.find(_w("pStyle"))
        sid = style.get(VAL) if style is not None else None
        outline = ppr.find(_w("outlineLvl"))
        if outline is not None and (outline.get(VAL) or "9").isdigit() and int(outline.get(VAL)) < 9:
            return "heading", int(outline.get(VAL)) + 1
    level = styles.heading_level(sid)
    if level is not None:
        return "heading", level
    if (ppr is not None and _has_numbering(ppr)) or styles.is_list(sid):
        return "list_item", None
    return "paragraph", None


def _raw_paragraph(p, styles: _Styles) -> _Text:
    out = _Text()
    ref = styles.num_ref(p)
    if ref is not None:
        out.chars.append(styles.numbering.label(*ref))
    _read_inline(p, out)
    return out


def _render(raw: _Text, boxes_nearby: bool | None) -> tuple[str, list[str]]:
    # Boxes first: the clean-up drops the spaces that separate a tick from the option before it.
    return render_normalized(raw.text, raw.origins, boxes_nearby=boxes_nearby)


# --------------------------------------------------------------------------- tables


def _children(el, tag: str):
    """Direct children with ``tag``, looking through content controls and customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _w("customXml"):
            yield from _children(child, tag)


def _int_val(parent, tag: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(_w(tag))
    if el is None:
        return default
    try:
        return int(el.get(VAL))
    except (TypeError, ValueError):
        return default


def _merge_state(tcpr, tag: str) -> str | None:
    """'restart', 'continue' or None for w:vMerge / w:hMerge."""
    if tcpr is None:
        return None
    el = tcpr.find(_w(tag))
    if el is None:
        return None
    return "restart" if el.get(VAL) == "restart" else "continue"


def _cell_content(tc, styles: _Styles) -> tuple[list[_Text], list]:
    """Raw paragraphs and nested tables of a cell, in order."""
    paragraphs: list[_Text] = []
    nested = []
    for child in _block_children(tc):
        if child.tag == P:
            paragraphs.append(_raw_paragraph(child, styles))
        elif child.tag == TBL:
            nested.append(child)
    return paragraphs, nested


def _block_children(el):
    """w:p and w:tbl children in order, looking through block-level content controls."""
    for child in el:
        if child.tag in (P, TBL):
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag == _w("customXml"):
            yield from _block_children(child)


def _cell_spec(tc, row: int, col: int, span: int, styles: _Styles) -> CellSpec:
    raws, nested = _cell_content(tc, styles)
    nearby = True if has_box_marks("\n".join(r.text for r in raws)) else None
    paragraphs: list[str] = []
    glyphs: list[str] = []
    for raw in raws:
        text, marks = _render(raw, nearby)
        text = text.strip("\n")
        if text.strip():
            paragraphs.append(text)
            glyphs.extend(marks)
    spec = CellSpec(text="\n".join(paragraphs), row=row, col=col, col_span=span, paragraphs=paragraphs,
                    glyphs=glyphs)
    spec.nested = [_table_cells(t, styles) for t in nested]
    return spec


def _table_cells(tbl, styles: _Styles) -> list[CellSpec]:
    """Anchor cells of a table with spans resolved from gridSpan and vMerge."""
    cells: list[CellSpec] = []
    # column -> the anchor cell currently open for a vertical merge at that column
    open_vertical: dict[int, CellSpec] = {}
    for r, tr in enumerate(_children(tbl, TR)):
        col = _int_val(tr.find(TRPR), "gridBefore", 0)
        previous: CellSpec | None = None
        for tc in _children(tr, TC):
            tcpr = tc.find(TCPR)
            span = max(1, _int_val(tcpr, "gridSpan", 1))
            vmerge = _merge_state(tcpr, "vMerge")
            hmerge = _merge_state(tcpr, "hMerge")
            if hmerge == "continue" and previous is not None:
                previous.col_span += span
                col += span
                continue
            anchor = open_vertical.get(col)
            if vmerge == "continue" and anchor is not None and anchor.col_span == span:
                anchor.row_span = r - anchor.row + 1
                col += span
                continue
            spec = _cell_spec(tc, r, col, span, styles)
            cells.append(spec)
            for c in range(col, col + span):
                open_vertical.pop(c, None)
            if vmerge == "restart":
                open_vertical[col] = spec
            previous = spec
            col += span
    return cells


# --------------------------------------------------------------------------- backend


def _open_parts(path: Path, data: bytes):
    """(body, styles, numbering) XML elements of the main document part."""
    import docx  # python-docx; imported here so other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, EOFError) as err:
        raise CorruptFileError(path, "DOCX 结构损坏 / broken DOCX package") from err
    except ValueError as err:
        if "content type" in str(err):
            # python-docx opens only .docx; macro-enabled documents and templates hold the same XML.
            return _parts_from_zip(path, data)
        raise CorruptFileError(path, f"DOCX 无法解析 / cannot parse DOCX: {err}") from err
    except Exception as err:  # lxml.etree.XMLSyntaxError and other malformed parts
        if "encrypt" in str(err).lower():
            raise EncryptedFileError(path) from err
        raise CorruptFileError(path, f"DOCX 无法解析 / cannot parse DOCX: {type(err).__name__}") from err
    return document.element.body, _styles_element(document), _numbering_element(document)


def _parts_from_zip(path: Path, data: bytes):
    from docx.oxml import parse_xml

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            main = "word/document.xml" if "word/document.xml" in names else next(
                n for n in sorted(names) if n.startswith("word/document") and n.endswith(".xml"))
            body = parse_xml(archive.read(main)).find(_w("body"))
            styles = parse_xml(archive.read("word/styles.xml")) if "word/styles.xml" in names else None
            numbering = parse_xml(archive.read("word/numbering.xml")) if "word/numbering.xml" in names else None
    except Exception as err:
        raise CorruptFileError(path, f"DOCX 无法解析 / cannot parse DOCX: {type(err).__name__}") from err
    if body is None:
        raise CorruptFileError(path, "DOCX 缺少正文 / no document body")
    return body, styles, numbering


def _styles_element(document):
    try:
        return document.styles.element
    except Exception:  # a DOCX without a styles part is still readable
        return None


def _numbering_element(document):
    try:
        return document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return None  # no numbering part: the document has no lists


class DocxBackend:
    format: ClassVar[Format] = "docx"

    def load(self, path: Path, source: Source, data: bytes | None = None) -> Document:
        path = Path(path)
        data = path.read_bytes() if data is None else data
        body, styles_el, numbering_el = _open_parts(path, data)
        builder = DocumentBuilder(source)
        styles = _Styles(styles_el, numbering_el)
        for el in _block_children(body):
            if el.tag == P:
                self._add_paragraph(builder, el, styles)
            else:
                builder.add_table(_table_cells(el, styles))
        if not builder.text.strip():
            builder.warnings.append(f"{path.name}: DOCX 正文为空 / the DOCX body holds no text")
        return builder.build(pages=None)

    @staticmethod
    def _add_paragraph(builder: DocumentBuilder, p, styles: _Styles) -> None:
        text, glyphs = _render(_raw_paragraph(p, styles), None)
        kind, level = _paragraph_kind(p, styles)
        builder.add_block(kind, text, level=level, glyphs=glyphs)
