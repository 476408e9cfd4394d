"""The list of attachments: 附件：1. … 2. …, a single 附件：…, and 附表：…"""

from __future__ import annotations

import re

from ...models import Attachment, Document
from ...normalizers.numerals import parse_number
from .sections import ANNEX_LINE

_LEAD = re.compile(r"^[-*•·\s]*附\s*(?P<kind>[件表])\s*[：:]\s*(?P<rest>.*)$")
# A title is complete when it ends like one; otherwise a short next line carries it on
# (a PDF wraps long titles under a hanging indent).
_COMPLETE = re.compile(r"(?:表|说明|指南|清单|名单|方案|办法|通知|意见|书|目录|函|细则|要求|格式|模板|材料|标准|规范|"
                       r"规则|流程|须知|条件|范围|方向|指引|提纲|汇编)(?:[（(][^）)]*[）)])?$")
# The signature under the list (苏州市卫生健康委员会) is not the end of a title.
_SIGNATURE = re.compile(r"(?:委员会|办公室|办公厅|厅|局|院|部|委|中心|处)$")
_ITEM = re.compile(r"^\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]\s*(?P<title>.+?)\s*$")


def parse_attachments(doc: Document) -> list[Attachment]:
    blocks = [b for b in doc.blocks if b.kind != "table"]
    out: list[Attachment] = []
    seen: set[str] = set()
    i = 0
    while i < len(blocks):
        m = _LEAD.match(blocks[i].text)
        if m and not m.group("rest").strip() and i + 1 < len(blocks) and _first_item(blocks[i + 1].text):
            i += 1  # 附件： on a line of its own, its list below (a Markdown list)
            block, rest, rest_start = blocks[i], blocks[i].text, blocks[i].start
        elif not m or not m.group("rest").strip():
            i += 1
            continue
        else:
            block, rest = blocks[i], m.group("rest")
            rest_start = block.start + m.start("rest")
        item = _ITEM.match(rest)
        if item and m.group("kind") == "件":
            expected = parse_number(item.group("n")) or 1
            start, end = rest_start + item.start("title"), rest_start + item.end("title")
            j = i + 1
            while True:
                end, j = _carry_on(doc, blocks, j, start, end)
                _add(doc, out, seen, expected, start, end)
                nxt = _ITEM.match(blocks[j].text) if j < len(blocks) else None
                if not nxt or parse_number(nxt.group("n")) != expected + 1:
                    break
                expected += 1
                start, end = blocks[j].start + nxt.start("title"), blocks[j].start + nxt.end("title")
                j += 1
            i = j
            continue
        end, j = _carry_on(doc, blocks, i + 1, rest_start, block.end)
        _add(doc, out, seen, None, rest_start, end)
        i = j
    return out


def _first_item(text: str) -> bool:
    item = _ITEM.match(text)
    return bool(item) and parse_number(item.group("n")) == 1


def _carry_on(doc: Document, blocks, j: int, start: int, end: int) -> tuple[int, int]:
    """Extend an unfinished title over the short lines that continue it."""
    while j < len(blocks) and not _COMPLETE.search(_joined(doc, start, end)):
        text = blocks[j].text
        if _ITEM.match(text) or _LEAD.match(text) or ANNEX_LINE.match(text) or len(text) > 24 \
                or re.search(r"\d{4}年|[。，：:]", text) or _SIGNATURE.search(text):
            break
        end = blocks[j].end
        j += 1
    return end, j


def _joined(doc: Document, start: int, end: int) -> str:
    return re.sub(r"\s*\n\s*", "", doc.text[start:end]).strip()


def _add(doc: Document, out: list[Attachment], seen: set[str], number, start: int, end: int) -> None:
    title = _joined(doc, start, end)
    if not title or title in seen:
        return
    seen.add(title)
    out.append(Attachment(number=number, title=title, evidence=doc.evidence(start, end)))


def numbered(attachments: list[Attachment]) -> dict[int, str]:
    return {a.number: a.title for a in attachments if a.number is not None}
