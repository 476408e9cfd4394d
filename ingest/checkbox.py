"""Tick boxes: every way a form marks an option, turned into ☑ / ☐.

Forms tick options in many ways: box glyphs typed as text (☐ □ ☑ ☒ ■), a
check mark written before the option (√财政资助项目, ✓是), bracket notation
([√] [x] [ ]), symbol-font characters (Wingdings ``þ`` / ``¨``, which PDF text
extraction returns as private-use code points such as U+F0FE), and in Word
files content-control checkboxes and legacy form fields, which exist only in the
XML. Downstream stages see only the two canonical glyphs, so they need to know
none of this; the original spelling is kept in ``Checkbox.glyph``.

Public API (stable; used by every ingest backend):

``render_checkboxes(text, markup=None, boxes_nearby=None) -> (text, glyphs)``
    Replace every box in ``text`` by ☑ or ☐. ``glyphs`` lists the original
    spelling of every ☑/☐ in the returned text, in order (already-canonical
    boxes included), which is what ``DocumentBuilder`` expects as ``glyphs``.
    Call it on a whole unit (a table cell or a paragraph): whether an ambiguous
    mark such as ■ is a box depends on the other boxes in the same unit.

    A backend that knows a box from markup (a Word content control, a form
    field) writes ``MARKUP_CHECKED`` / ``MARKUP_UNCHECKED`` in its text and
    passes the origin of each such box (``"sdt"``, ``"formfield"``, ...) in
    ``markup``, in order; they come out as ☑/☐ with that origin as glyph.

``render_normalized(raw, markup=None, boxes_nearby=None, drop_empty=False) -> (text, glyphs)``
    ``render_checkboxes`` on the raw text, then the line clean-up of
    ``normalizers.text.normalize_line``. Every backend goes through it: the
    clean-up removes spaces next to CJK, and a space is what tells a tick
    before the next option (``□财政资助项目  √自筹经费``) from a mark written
    after its own option (``是√否``), so boxes must be read first.

``has_boxes(text)``, ``count_boxes(text)``
    Quick tests on already-rendered text.

``has_box_marks(raw_text)``
    True when raw text holds an unambiguous box; a backend that renders a
    cell paragraph by paragraph passes it as ``boxes_nearby`` so that a ■ in
    one paragraph is judged by the boxes in the others.

``symbol_box(font, char)``
    ☑/☐ for a symbol-font character (``w:sym`` or a run in a Wingdings font),
    else None.

``sdt_checkbox_state(sdt_pr)``, ``formfield_checkbox_state(ff_data)``
    The state of a Word checkbox content control / legacy FORMCHECKBOX field
    from its lxml element, or None when the element is not a checkbox.

Choices about ambiguous marks (documented because they decide real cases):
- ☐ □ are unticked and ☑ ☒ ticked wherever they appear.
- ■ (and ▣ ▪ ◼) counts as a ticked box, and ❑ ◻ as an unticked one, only when
  the same unit also holds an unambiguous box (□■ pairs are how many forms are
  filled) or when the mark stands after other text on its line
  (``类别：■财政资助``). At the start of a line with no other box around it
  is a bullet before a heading and is left as written.
- √ ✓ ✔ count as a tick when they come right before an option label (a CJK
  character or a letter), stand alone in the unit, or follow an empty box
  (``□√`` -> ☑). Before a digit or a bracket they are left alone (√2, √(x)),
  and so is a mark written right after its option (``是√ 否``): as a box it
  would take the next option as its label.
- [√] [✓] [x] [X] （√） are ticked boxes, [ ] an unticked one. An x in round
  brackets is not read: (x) is as often a variable or a "no" as a tick.
- Ticks typed into brackets AFTER each option (``财政资助项目（√）  自筹经费项目（ ）``)
  are moved in front of their option first, so that every box is followed by
  its label as everywhere else. A unit is read this way only when all its
  bracket boxes stand right after option text and it holds no other kind of
  box. An empty bracket inside a word (``第（ ）批``) is a blank to fill in, not
  a box; an empty bracket in front of a label (``（ ）财政资助项目``) is an
  unticked box when the unit holds other boxes.
"""

from __future__ import annotations

import re

from ..lazyre import lazy_compile
from ..normalizers.text import fold_spaces, normalize_line

CHECKED = "☑"
UNCHECKED = "☐"

# Private-use sentinels a backend writes where markup (not text) holds a box.
MARKUP_CHECKED = "\ue0c1"
MARKUP_UNCHECKED = "\ue0c0"

# Unambiguous glyphs.
TICKED_GLYPHS = "☑☒\u2705"  # ✅ occasionally pasted from chat apps
UNTICKED_GLYPHS = "☐□"
# Marks that are boxes only in the company of other boxes (else bullets).
AMBIGUOUS_TICKED = "■▣▪◼"
AMBIGUOUS_UNTICKED = "❑◻"
CHECK_MARKS = "√✓✔"

# Symbol fonts: character code (as Word stores it, with or without the F0xx
# private-use offset) -> canonical box. Word writes these as w:sym elements or
# as runs in the symbol font; PDF extraction returns the private-use code point.
_SYMBOL_BOXES: dict[str, dict[int, str]] = {
    "wingdings": {0xFE: CHECKED, 0xFD: CHECKED, 0xA8: UNCHECKED, 0x6F: UNCHECKED, 0x71: UNCHECKED,
                  0xFC: CHECKED},
    "wingdings 2": {0x52: CHECKED, 0x53: CHECKED, 0x54: CHECKED, 0xA3: UNCHECKED, 0x2A: UNCHECKED,
                    0x50: CHECKED},
}
# Private-use code points seen in PDF text for the common Wingdings boxes.
_PUA_BOXES = {
    "\uf0fe": CHECKED, "\uf0fd": CHECKED, "\uf0a8": UNCHECKED,
    "\uf052": CHECKED, "\uf053": CHECKED, "\uf0a3": UNCHECKED,
}

# -- Word XML names (OOXML main namespace and the Word 2010 extensions)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W_SDT = f"{{{W_NS}}}sdt"
W_SDT_PR = f"{{{W_NS}}}sdtPr"
W_SDT_CONTENT = f"{{{W_NS}}}sdtContent"
W14_CHECKBOX = f"{{{W14_NS}}}checkbox"
W14_CHECKED = f"{{{W14_NS}}}checked"
W14_VAL = f"{{{W14_NS}}}val"
W_FF_DATA = f"{{{W_NS}}}ffData"
W_CHECKBOX = f"{{{W_NS}}}checkBox"
W_DEFAULT = f"{{{W_NS}}}default"
W_CHECKED = f"{{{W_NS}}}checked"
W_VAL = f"{{{W_NS}}}val"
W_FLD_CHAR = f"{{{W_NS}}}fldChar"
W_INSTR_TEXT = f"{{{W_NS}}}instrText"
FORMCHECKBOX = "FORMCHECKBOX"

_TRUE = {"1", "true", "on"}
_FALSE = {"0", "false", "off"}

_BRACKET_TICKED = lazy_compile(r"[\[【]\s*[√✓✔xX×]\s*[\]】]|[（(]\s*[√✓✔]\s*[）)]")
_BRACKET_EMPTY = lazy_compile(r"\[\s{1,3}\]")
# A round bracket with nothing (or only spaces) inside: a box or a blank, by where it stands.
_PAREN_EMPTY = lazy_compile(r"[（(] {0,4}[）)]")
_PAREN_TICKED = lazy_compile(r"[（(] ?[√✓✔] ?[）)]")
_SQUARE_TICKED = lazy_compile(r"[\[【]\s*[√✓✔xX×]\s*[\]】]")
# What may follow a box written after its option: a gap, the end, a colon (the detail), a bracket (a blank).
_AFTER_POSTFIX_BOX = set(" \n：:，,;；、。（(")
_BEFORE_BLANK = set("：:_＿﹍（(")
_EMPTY_THEN_CHECK = lazy_compile(r"[☐□]\s?[√✓✔]")
_LABEL_START = lazy_compile(r"[\u3400-\u9fffA-Za-z\uff21-\uff3a\uff41-\uff5a“\"（(]")
_UNAMBIGUOUS = set(TICKED_GLYPHS + UNTICKED_GLYPHS + CHECKED + UNCHECKED + MARKUP_CHECKED + MARKUP_UNCHECKED) | set(
    _PUA_BOXES)


def symbol_box(font: str | None, char: str | int) -> str | None:
    """☑/☐ for a symbol-font character, e.g. ``symbol_box("Wingdings 2", "F052")``; None if not a box."""
    if not font:
        return None
    table = _SYMBOL_BOXES.get(font.strip().lower())
    if table is None:
        return None
    code = int(char, 16) if isinstance(char, str) and len(char) > 1 else (ord(char) if isinstance(char, str) else char)
    if code >= 0xF000:  # Word stores symbol characters with the F0xx private-use offset
        code -= 0xF000
    return table.get(code)


def _flag(value: str | None, default: bool = True) -> bool:
    # An OOXML on/off attribute: absent means "on" for w:checked, per the spec.
    if value is None:
        return default
    return value.strip().lower() not in _FALSE


def sdt_checkbox_state(sdt_pr) -> bool | None:
    """Ticked state of a ``w:sdtPr`` holding ``w14:checkbox``; None if it is not a checkbox control."""
    if sdt_pr is None:
        return None
    box = sdt_pr.find(W14_CHECKBOX)
    if box is None:
        return None
    checked = box.find(W14_CHECKED)
    if checked is None:
        return False
    return _flag(checked.get(W14_VAL), default=True)


def formfield_checkbox_state(ff_data) -> bool | None:
    """Ticked state of a legacy ``w:ffData`` checkbox (``w:checked`` wins over ``w:default``)."""
    if ff_data is None:
        return None
    box = ff_data.find(W_CHECKBOX)
    if box is None:
        return None
    checked = box.find(W_CHECKED)
    if checked is not None:
        return _flag(checked.get(W_VAL), default=True)
    default = box.find(W_DEFAULT)
    if default is not None:
        return _flag(default.get(W_VAL), default=True)
    return False


def has_boxes(text: str) -> bool:
    """True when the (rendered) text holds a ☑ or ☐."""
    return CHECKED in text or UNCHECKED in text


def count_boxes(text: str) -> tuple[int, int]:
    """(ticked, unticked) boxes in rendered text."""
    return text.count(CHECKED), text.count(UNCHECKED)


def has_box_marks(text: str) -> bool:
    """True when raw text holds an unambiguous box (so ■ or √ nearby are boxes too)."""
    return any(ch in _UNAMBIGUOUS for ch in text) or bool(_BRACKET_TICKED.search(text))


def _after_text_on_line(text: str, i: int) -> bool:
    """True when something other than spaces precedes position i on its line."""
    line_start = text.rfind("\n", 0, i) + 1
    return bool(text[line_start:i].strip())


def _check_mark_is_tick(text: str, i: int, boxes_nearby: bool) -> bool:
    rest = text[i + 1:].lstrip(" \u3000")
    if text.strip() == text[i]:
        return True  # a lone √ in a cell: the cell is ticked
    if i > 0 and (text[i - 1].isalnum() or _LABEL_START.match(text[i - 1])):
        return False  # "是√ 否": a mark after its option; making it a box would give it the next label
    if not rest or rest[0] == "\n":
        return boxes_nearby or not _after_text_on_line(text, i)
    return bool(_LABEL_START.match(rest))


def render_checkboxes(text: str, markup: list[str] | None = None,
                      boxes_nearby: bool | None = None) -> tuple[str, list[str]]:
    """Every box in ``text`` as ☑/☐, and the original spelling of each box, in order.

    ``markup``: origins of the MARKUP_CHECKED/MARKUP_UNCHECKED sentinels in
    ``text``, in order. ``boxes_nearby``: force the decision for ambiguous
    marks (True: treat ■ as a box; False: never); None decides from ``text``.
    """
    markup = list(markup or [])
    text = _postfix_marks_first(text, boxes_nearby)
    nearby = has_box_marks(text) if boxes_nearby is None else boxes_nearby
    out: list[str] = []
    glyphs: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        m = _BRACKET_TICKED.match(text, i)
        if m:
            out.append(CHECKED)
            glyphs.append(re.sub(r"\s", "", m.group(0)))
            i = m.end()
            continue
        m = _BRACKET_EMPTY.match(text, i) if boxes_nearby is not False else None
        if m:
            out.append(UNCHECKED)
            glyphs.append("[ ]")
            i = m.end()
            continue
        m = _PAREN_EMPTY.match(text, i) if nearby and boxes_nearby is not False else None
        if m and _is_prefix_box(text, i, m.end()):
            out.append(UNCHECKED)
            glyphs.append(m.group(0))
            i = m.end()
            continue
        m = _EMPTY_THEN_CHECK.match(text, i)
        if m:
            out.append(CHECKED)
            glyphs.append(m.group(0)[0] + m.group(0)[-1])
            i = m.end()
            continue
        if ch in (MARKUP_CHECKED, MARKUP_UNCHECKED):
            out.append(CHECKED if ch == MARKUP_CHECKED else UNCHECKED)
            glyphs.append(markup.pop(0) if markup else "markup")
        elif ch in TICKED_GLYPHS or ch == CHECKED:
            out.append(CHECKED)
            glyphs.append(ch)
        elif ch in UNTICKED_GLYPHS or ch == UNCHECKED:
            out.append(UNCHECKED)
            glyphs.append(ch)
        elif ch in _PUA_BOXES:
            out.append(_PUA_BOXES[ch])
            glyphs.append(f"U+{ord(ch):04X}")
        elif ch in AMBIGUOUS_TICKED or ch in AMBIGUOUS_UNTICKED:
            if boxes_nearby is not False and (nearby or _after_text_on_line(text, i)):
                out.append(CHECKED if ch in AMBIGUOUS_TICKED else UNCHECKED)
                glyphs.append(ch)
            else:
                out.append(ch)
        elif ch in CHECK_MARKS and boxes_nearby is not False and _check_mark_is_tick(text, i, nearby):
            out.append(CHECKED)
            glyphs.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out), glyphs


def _is_prefix_box(text: str, start: int, end: int) -> bool:
    """An empty bracket at the start of a line or after a gap, with a label right after it."""
    before_ok = start == 0 or text[start - 1] in " \n"
    return before_ok and end < len(text) and bool(_LABEL_START.match(text[end])) and text[end] not in "（("


def _bracket_boxes(text: str) -> list[tuple[int, int]] | None:
    """Spans of the bracket boxes of a unit written after their options, or None when the unit
    is not written that way (a box before its label, or nothing but blanks)."""
    boxes = []
    for m in re.finditer(r"[（(] {0,4}(?:[√✓✔] ?)?[）)]", text):
        start, end = m.span()
        before = text[start - 1] if start else "\n"
        after = text[end] if end < len(text) else " "
        if before in " \n":
            return None  # a box in front of its label: the usual reading applies
        if before in _BEFORE_BLANK or after not in _AFTER_POSTFIX_BOX:
            continue  # 第（ ）批, 来源：（ ）: a blank to fill in
        boxes.append((start, end))
    return boxes or None


def _postfix_marks_first(text: str, boxes_nearby: bool | None) -> str:
    """"A（√）  B（ ）" -> "（√）A  （ ）B": ticks typed after their options, moved in front.

    An option runs back from its box to the gap after the previous option's box
    and whatever was written after it (a detail: "服务重大战略（√）：长江经济带"),
    or to the start of the line."""
    if "（" not in text and "(" not in text:
        return text
    if any(ch in _UNAMBIGUOUS for ch in text) or _SQUARE_TICKED.search(text):
        return text  # the unit marks its options another way
    boxes = _bracket_boxes(text)
    if boxes is None:
        return text
    ticked = any(_PAREN_TICKED.fullmatch(text[s:e]) for s, e in boxes)
    if not (ticked or boxes_nearby):
        return text
    out: list[str] = []
    pos = 0  # text before pos is already written out
    for start, end in boxes:
        line_start = text.rfind("\n", 0, start) + 1
        segment_start = max(pos, line_start)
        gap = re.search(r" +", text[segment_start:start]) if segment_start == pos and pos > line_start else None
        label_start = segment_start + gap.end() if gap else segment_start
        out.append(text[pos:label_start])
        out.append(text[start:end])
        out.append(text[label_start:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def render_normalized(raw: str, markup: list[str] | None = None, boxes_nearby: bool | None = None,
                      drop_empty: bool = False) -> tuple[str, list[str]]:
    """Boxes rendered on the raw text (spaces still there), then every line cleaned.

    Only the kinds of space are unified before rendering (tabs, NBSP, ideographic
    space -> " "; zero-width characters dropped); the clean-up that removes spaces
    near CJK runs on the rendered text. ``drop_empty`` leaves out lines that are
    empty after the clean-up.
    """
    rendered, glyphs = render_checkboxes(fold_spaces(raw), markup, boxes_nearby)
    lines = [normalize_line(line) for line in rendered.split("\n")]
    if drop_empty:
        lines = [line for line in lines if line]
    return "\n".join(lines), glyphs
