"""Contacts: 联系人 lines with the phone/e-mail given on the same line or on the
lines after them (a further 姓名＋电话 line is one more person), labelled pairs
(业务咨询：赵磊，028-86721234；系统技术支持：李娜，…), and e-mail addresses given in
the text for sending material (发送至 x@y)."""

from __future__ import annotations

import re

from ...lazyre import lazy_compile
from ...models import Contact, Document
from ...normalizers.contacts import find_emails, find_phones

_ORG_END = r"(?:处|科|局|室|部|中心|办公室|厅|司|所|组|站|股|办)"
# 联系人：… , also after the office it belongs to (全国继续医学教育委员会办公室 联系人：刘洋 电话：…)
_CONTACT = lazy_compile(r"^(?:[\u4e00-\u9fff（）()]{2,30}?" + _ORG_END + r"\s*)?(?:联\s*系\s*人|联络人)\s*[：:]\s*(?P<rest>.+)$")
_DETAIL = lazy_compile(r"^(?:联系)?(?:电\s*话|手\s*机|传\s*真|电子邮件|电子邮箱|邮\s*箱|E-?mail|邮件)\s*[：:]", re.I)
_NAME = r"[\u4e00-\u9fff]{2,4}"
# Where the names of a 联系人 line end: the first detail label or phone number.
_DETAIL_INLINE = lazy_compile(r"(?:联系)?(?:电\s*话|手\s*机|传\s*真|电子邮件|电子邮箱|邮\s*箱|E-?mail|邮件)\s*[：:]|[（(]?\d{3,4}[）)-]?\s*\d{7,8}|1\d{10}",
                              re.I)
# A further person on the line after a 联系人 line: 陈思远（0791）86205678.
_NAME_PHONE = lazy_compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})[\s，,]*(?:电话[：:])?\s*(?:[（(]\d{3,4}[）)]|\d{3,4}-|1\d{10})")
# 业务咨询：赵磊，028-86721234
_LABELLED = lazy_compile(r"(?:^|[；;。，,\s])(?P<role>[\u4e00-\u9fff]{2,10})[：:]\s*(?P<name>[\u4e00-\u9fff]{2,4})[，,\s]*"
                         r"(?:电话|联系电话|手机)?[：:]?\s*$")
_NUMBERED = lazy_compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.])")
_SEND_TO = lazy_compile(r"(?:报送至|报送|报至|寄送至|寄至|送至)(?P<org>[\u4e00-\u9fff]{2,30}" + _ORG_END + r")")


def _split_names(rest: str, n_phones: int) -> tuple[str | None, list[str]]:
    """'人事局继续教育与干部监督处 杨大伟' -> (role, [names]); spaces may be gone."""
    rest = rest.strip()
    parts = [p for p in re.split(r"[\s、，,；;]+", rest) if p]
    role = None
    if parts and len(parts[0]) > 4 and re.search(_ORG_END, parts[0]):
        m = re.match(rf"^(?P<org>.+{_ORG_END})(?P<names>[\u4e00-\u9fff]{{2,4}})?$", parts[0])
        if m:
            role = m.group("org")
            parts = ([m.group("names")] if m.group("names") else []) + parts[1:]
    names: list[str] = []
    for part in parts:
        if not re.fullmatch(r"[\u4e00-\u9fff·]+", part):
            continue
        if len(part) <= 4:
            names.append(part)
        elif n_phones > 1 and len(part) % n_phones == 0 and 2 <= len(part) // n_phones <= 4:
            k = len(part) // n_phones
            names.extend(part[i:i + k] for i in range(0, len(part), k))
        elif len(part) % 3 == 0:
            names.extend(part[i:i + 3] for i in range(0, len(part), 3))
        else:
            names.append(part)
    return role, names


def parse_contacts(doc: Document) -> list[Contact]:
    blocks = [b for b in doc.blocks if b.kind != "table"]
    out: list[Contact] = []
    used_emails: set[str] = set()
    for i, block in enumerate(blocks):
        if _CONTACT_ALONE.match(block.text):
            out.extend(_people_below(doc, blocks[i + 1:i + 8]))
            continue
        m = _CONTACT.match(block.text)
        if not m:
            continue
        rest = m.group("rest")
        phones = [s.value for s in find_phones(rest)]
        inline_emails = find_emails(re.sub(r"[^\x00-\x7f]", " ", rest))
        email = inline_emails[0].value if inline_emails else None
        cut = _DETAIL_INLINE.search(rest)
        names_text = rest[: cut.start()] if cut else rest
        end = block.end
        for nxt in blocks[i + 1:i + 6]:
            extra = _NAME_PHONE.match(nxt.text)
            if extra and not _DETAIL.match(nxt.text):
                names_text += "、" + extra.group("name")
                phones.extend(s.value for s in find_phones(nxt.text))
                end = nxt.end
                continue
            if not _DETAIL.match(nxt.text):
                break
            label = nxt.text.split("：", 1)[0].split(":", 1)[0]
            if "传" in label and "真" in label:
                end = nxt.end
                continue
            phones.extend(s.value for s in find_phones(nxt.text))
            emails = find_emails(nxt.text)
            if emails:
                email = emails[0].value
            end = nxt.end
        role, names = _split_names(names_text, len(phones))
        if role is None and i > 0 and not _DETAIL.match(blocks[i - 1].text) and len(blocks[i - 1].text) <= 30 \
                and not re.search(r"[。，：:]", blocks[i - 1].text) and not _NUMBERED.match(blocks[i - 1].text):
            role = blocks[i - 1].text
        if email:
            used_emails.add(email)
        evidence = doc.evidence(block.start, end)
        if len(names) > 1 and len(phones) == len(names):
            for name, phone in zip(names, phones, strict=True):
                out.append(Contact(name=name, phone=[phone], email=email, role=role or "联系人", evidence=evidence))
        elif names:
            for name in names:
                out.append(Contact(name=name, phone=list(phones), email=email, role=role or "联系人",
                                   evidence=evidence))
        else:
            out.append(Contact(name=None, phone=phones, email=email, role=role, evidence=evidence))
    out.extend(_labelled_pairs(doc, blocks, {c.name for c in out if c.name}))
    out.extend(_send_to_emails(doc, used_emails))
    return out


# 联系人： on a line of its own, one person a line below it, each with their own numbers:
#     黄志强，办公电话：023-88652214，手机：13908361472
_CONTACT_ALONE = lazy_compile(r"^\s*(?:联\s*系\s*人|联络人)\s*[：:]?\s*$")
_PERSON_LINE = lazy_compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})\s*[，,：:\s]\s*(?=.*(?:电\s*话|手\s*机|\d{7}))")


def _people_below(doc: Document, below) -> list[Contact]:
    out = []
    for block in below:
        m = _PERSON_LINE.match(block.text)
        if not m:
            break
        emails = find_emails(re.sub(r"[^\x00-\x7f]", " ", block.text))
        out.append(Contact(name=m.group("name"), phone=[p.value for p in find_phones(block.text)],
                           email=emails[0].value if emails else None, role="联系人",
                           evidence=doc.evidence(block.start, block.end)))
    return out


def _labelled_pairs(doc: Document, blocks, known: set[str]) -> list[Contact]:
    """业务咨询：赵磊，028-86721234；系统技术支持：李娜，028-86725678 (a role, a name, a phone)."""
    out: list[Contact] = []
    for block in blocks:
        if _CONTACT.match(block.text) or _DETAIL.match(block.text):
            continue
        for span in find_phones(block.text):
            m = _LABELLED.search(block.text[: span.start])
            if not m or m.group("name") in known:
                continue
            known.add(m.group("name"))
            out.append(Contact(name=m.group("name"), phone=[span.value], email=None, role=m.group("role"),
                               evidence=doc.evidence(block.start + m.start("role"), block.start + span.end)))
    return out


def _send_to_emails(doc: Document, used: set[str]) -> list[Contact]:
    """An address in the running text (将电子版发送至 x@y) with the office it reaches."""
    out = []
    for block in doc.blocks:
        if block.kind == "table" or _DETAIL.match(block.text):
            continue
        # Mask CJK so that an address glued to the sentence (发送至x@y) is still found.
        masked = re.sub(r"[^\x00-\x7f]", " ", block.text)
        for span in find_emails(masked):
            if span.value in used:
                continue
            used.add(span.value)
            sentence_start = max(block.text.rfind("。", 0, span.start) + 1, 0)
            org = _SEND_TO.search(block.text, sentence_start, span.start)
            role = f"{org.group('org')}（电子版报送）" if org else None
            out.append(Contact(name=None, phone=[], email=span.value, role=role,
                               evidence=doc.evidence(block.start + span.start, block.start + span.end)))
    return out
