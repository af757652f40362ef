"""The document's own identity, from its header block: who issued it, its number, type,
title, place and date, and the province that scopes its local symbols. Its own number is not
a citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from vbgraph.extract.agencies import display_name, iter_mentions
from vbgraph.extract.closing import find_signature
from vbgraph.extract.codes import canonical_code
from vbgraph.extract.doctypes import DOC_TYPES
from vbgraph.extract.lines import (
    ADMIN_MARK,
    DECOR,
    FURNITURE,
    LEGAL_MARK,
    is_caps,
    line_end,
    skippable,
)
from vbgraph.graph.model import Header, Signature, SourceText
from vbgraph.vntext import fold, name_key, normalize_name

_MOTTO = re.compile(
    r"(?:cong h\w+ xa hoi chu nghia viet nam|doc lap\s*-\s*tu do\s*-\s*hanh phuc"
    r"|dang cong san viet nam)"
)
_CODE_LINE = re.compile(
    r"\s*(?:[^\W\d_][\w ]{0,20}?\s)?[Ss]ố\s*:?\s*(?P<num>\d[\d.]*)?\s*(?P<sym>[-/–][^\s,;]*)\s*$"
)
_DATE_LINE = re.compile(
    r"\s*(?P<place>[^\W\d_][^,\d]{1,40}?)\s*,\s*ngày\s*(?P<d>\d{1,2})?[\s.…]*"
    r"tháng\s*(?P<m>\d{1,2})?[\s.…]*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_TITLE_STOP = re.compile(
    r"\s*(?:-\s*)?(?:Căn cứ|Thực hiện|Theo đề nghị|Kính gửi|Trên cơ sở|QUYẾT NGHỊ|QUYẾT ĐỊNH:)",
)
_ENACTED_ON = re.compile(
    r"(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết) này (?:đã )?được [^./]{0,200}?thông qua\s+"
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
)
_TIMESTAMP = re.compile(r"\s*(\d{2})-(\d{2})-(\d{4}) \d{2}:\d{2}:\d{2}\s*[+-]\d{2}:\d{2}\s*$")


@dataclass(slots=True)
class _Block:
    """What the header lines say, with the offset where the header ends."""

    issuer_lines: list[str]
    origin: list[int] = field(default_factory=list)  # header part -> its source line
    code: str | None = None
    code_line: int | None = None
    place: str | None = None
    date: tuple[int | None, int | None, int] | None = None
    doc_type: str | None = None
    title: str | None = None
    first: int | None = None
    last: int | None = None

    def mark(self, part: int) -> None:
        i = self.origin[part] if part < len(self.origin) else part
        self.first = i if self.first is None else self.first
        self.last = i if self.last is None else max(self.last, i)


_TYPE_LINES = {fold(t.name): t.name for t in DOC_TYPES}
_HEADER_LINES = 40  # a header never runs longer; past this every line is body text
_OPENING = 6_000  # characters of a headerless text read for its issuer, province and type


def _doc_type_line(line: str) -> str | None:
    if not is_caps(line):
        return None
    return _TYPE_LINES.get(" ".join(fold(line).split()))


def _code_at(lines: Sequence[str], i: int) -> tuple[str | None, int] | None:
    """The document's own number on line i (None if left blank), and the last line used."""
    m = _CODE_LINE.match(lines[i])
    if not m:
        return None
    raw, last = (m.group("num") or "") + m.group("sym"), i
    if raw[-1] in "-/–" and i + 1 < len(lines) and re.fullmatch(r"\s*[\w\-/–]+\s*", lines[i + 1]):
        raw, last = raw + lines[i + 1].strip(), i + 1  # "01/2022/TTLT-VKSNDTC-" + "TANDTC-..."
    if not m.group("num"):
        return None, last
    return canonical_code(raw) or re.sub(r"\s+", "", raw).replace("–", "-"), last


def _title(lines: Sequence[str], i: int) -> tuple[str | None, int]:
    """The title lines after the type line: up to a blank, a rule, "Căn cứ" or the like."""
    parts: list[str] = []
    last = i
    for j in range(i + 1, min(i + 6, len(lines))):
        line = lines[j]
        if not line.strip() or DECOR.fullmatch(line) or _TITLE_STOP.match(line):
            break
        if FURNITURE.fullmatch(line):
            continue
        if parts and is_caps(line) != is_caps(parts[0]):
            break  # "ỦY BAN THƯỜNG VỤ QUỐC HỘI" after a title in normal case
        parts.append(line.strip())
        last = j
    return (" ".join(" ".join(parts).split()) or None), last


# PDF text layers often run the two header columns into one line: "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI
# CHỦ NGHĨA VIỆT NAM", "Số: 03/2021/TT-BNV Hà Nội, ngày 29 tháng 6 năm 2021".
_MOTTO_START = re.compile(
    r"(?<=\S)\s+(?=cong hoa xa hoi chu nghia viet nam|dang cong san viet nam)"
)
_PLACE_DATE_START = re.compile(
    r"(?<=\S)\s+(?=[^\W\d_a-zđ][^\W\d_]*(?:\s[^\W\d_]+){0,3},\s*ngày\b)"
)

_NUMBER_START = re.compile(r"\s*[Ss]ố\s*:?\s*\d")


def _split_columns(line: str) -> list[str]:
    folded = fold(line)
    # Both mottos end in "viet nam": a line without it is not searched.
    cut = _MOTTO_START.search(folded) if "viet nam" in folded else None
    if cut is None and _NUMBER_START.match(line):
        cut = _PLACE_DATE_START.search(line)
    if cut is None:
        return [line]
    return [line[: cut.start()], *_split_columns(line[cut.end() :])]


def scan_header(source_lines: Sequence[str]) -> _Block:
    """The header block; `mark`ed indices are those of `source_lines`."""
    lines: list[str] = []
    origin: list[int] = []
    for i, line in enumerate(source_lines[:_HEADER_LINES]):
        for part in _split_columns(line):
            lines.append(part)
            origin.append(i)
    block = _Block(issuer_lines=[], origin=origin)
    skip_to = -1
    for i, line in enumerate(lines):
        if i <= skip_to or skippable(line) or DECOR.fullmatch(line):
            continue
        if ADMIN_MARK.match(line) or LEGAL_MARK.match(line):
            break  # a heading: the body has begun
        if _MOTTO.fullmatch(" ".join(fold(line).split())):
            block.mark(i)
        elif block.code_line is None and (code := _code_at(lines, i)) is not None:
            block.code, skip_to = code
            block.code_line = i
            block.mark(skip_to)
        elif block.date is None and (date := _DATE_LINE.match(line)):
            block.place = normalize_name(date.group("place"))
            d, m = date.group("d"), date.group("m")
            block.date = (int(d) if d else None, int(m) if m else None, int(date.group("y")))
            block.mark(i)
        elif (doc_type := _doc_type_line(line)) is not None:
            block.doc_type = doc_type
            block.title, last = _title(lines, i)
            block.mark(last)
            break
        elif is_caps(line) and block.date is None:
            block.issuer_lines.append(line.strip())
            block.mark(i)
        else:
            break  # body text: the header, if any, is over
    return block


def _units(lines: list[str]) -> list[str]:
    """Issuer lines joined where they wrap ("BỘ LAO ĐỘNG - THƯƠNG BINH" + "VÀ XÃ HỘI"),
    without the repeats some gazette layouts print."""
    units: list[str] = []
    for line in lines:
        if units and (units[-1].endswith(("-", "–", " VÀ")) or line.startswith(("VÀ ", "-", "–"))):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    out: list[str] = []
    for unit in units:
        if not out or name_key(unit) != name_key(out[-1]):
            out.append(unit)
    return [u for u in out if FURNITURE.fullmatch(u) is None]


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


# Where the document's province shows: "Tỉnh ủy Hậu Giang", "ĐẢNG BỘ TỈNH KHÁNH HOÀ".
# Every branch opens with a letter ("tỉnh" after a non-word: the look-behind comes after its
# "t"), which lets the regex engine skip to the next T or t instead of trying each position.
_PROVINCE = re.compile(
    r"(?:Tỉnh ủy|Thành ủy|[Tt](?<!\w[Tt])ỉnh)\s+((?:[A-ZĐ]|[^\x00-\x7f])\S*(?:\s+\S+){0,3})"
)
# When the header was lost: what the closing sentence calls the document.
_TYPE_CUES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"Trên đây là (?:một số )?(?:mặt |nhiệm vụ )?công tác", re.IGNORECASE),
        "Chương trình công tác",
        "Trên đây là một số mặt công tác trọng tâm Tỉnh ủy chỉ đạo thực hiện trong quý IV",
    ),
    (
        re.compile(r"Trên đây là (?:nội dung )?báo cáo", re.IGNORECASE),
        "Báo cáo",
        "Trên đây là báo cáo tình hình, kết quảhoạt động của hệthống chính trị",
    ),
    (
        re.compile(r"Trên đây là (?:nội dung )?kế hoạch", re.IGNORECASE),
        "Kế hoạch",
        "Trên đây là Kế hoạch triển khai thực hiện ...",
    ),
    (
        re.compile(r"Trên đây là (?:nội dung )?chương trình", re.IGNORECASE),
        "Chương trình",
        "Trên đây là Chương trình hành động ...",
    ),
)


@lru_cache(maxsize=1 << 12)  # the same names come back through a document
def _province(name: str | None) -> str | None:
    """The province in a name: "Tỉnh ủy Hậu Giang" -> "Hậu Giang"."""
    for m in _PROVINCE.finditer(name or ""):
        words: list[str] = []
        for word in m.group(1).split():
            if not word[0].isupper():
                break
            words.append(word.strip(",.;:()"))
        if words:
            return normalize_name(" ".join(words))
    return None


def _body_province(text: str) -> str | None:
    """The province a headerless document speaks of most: "tỉnh Hậu Giang" x4."""
    counts: dict[str, int] = {}
    for m in _PROVINCE.finditer(text):
        place = _province(m.group())
        if place:
            counts[place] = counts.get(place, 0) + 1
    return max(counts, key=lambda p: counts[p]) if counts else None


def _body_issuer(text: str, signature: Signature | None, province: str | None) -> str | None:
    """Who issued a headerless document: the body that signs, named as the body names it
    ("T/M TỈNH ỦY" and "Tỉnh ủy Hậu Giang tập trung ..." -> "Tỉnh ủy Hậu Giang")."""
    if signature is None or signature.on_behalf_of is None:
        return None
    body = signature.on_behalf_of
    for m in iter_mentions(text):  # the first that fits: the rest are not looked for
        if m.name.startswith(body + " ") and _province(m.name):
            return m.name
    return f"{body} {province}" if province and _province(f"{body} {province}") else body


def _date_from_stamp(lines: Sequence[str], month: int | None, year: int) -> str | None:
    """A blank day on the date line ("ngày tháng 11 năm 2025") is often filled by the
    signature stamp at the end ("13-11-2025 15:21:37 +07:00"); used only when it agrees."""
    for line in lines[-6:]:
        m = _TIMESTAMP.match(line)
        if m and int(m.group(3)) == year and (month is None or int(m.group(2)) == month):
            return _iso(year, int(m.group(2)), int(m.group(1)))
    return None


def find_header(
    source: SourceText, signature: Signature | Literal[False] | None = False
) -> Header:
    """The document's own identity from its header block (number, type, title, issuer,
    place and date), and the province that scopes local symbols (/TU, /HU, /ĐU).

    When the header was lost in extraction, issuer, province and type come from the body:
    the signature ("T/M TỈNH ỦY"), the name the body uses ("Tỉnh ủy Hậu Giang") and what the
    closing sentence calls the text ("Trên đây là một số mặt công tác ...").
    `signature` is find_signature(source) when the caller has it already.
    """
    lines = [line.text for line in source.lines]
    block = scan_header(lines)
    units = _units(block.issuer_lines)
    issuer = display_name(units[-1]) if units else None
    parent = display_name(units[-2]) if len(units) > 1 else None
    if signature is False:
        signature = find_signature(source)
    if issuer and signature and signature.on_behalf_of == "Ban Thường vụ":
        issuer = f"Ban Thường vụ {issuer}"  # "T/M BAN THƯỜNG VỤ" under "ĐẢNG UỶ XÃ ..."
    province = _province(issuer) or _province(parent)
    # Without a header the opening and the closing say who wrote what: read only those.
    opening, closing = source.text[:_OPENING], source.text[-_OPENING:]
    if issuer is None:
        province = province or _body_province(opening)
        issuer = _body_issuer(opening, signature, province)
    doc_type = block.doc_type or _type_from_content(closing)
    issued = None
    if block.date is not None:
        day, month, year = block.date
        issued = _iso(year, month, day) or _date_from_stamp(lines, month, year)
    elif _may_be_enacted(source.text) and (enacted := _ENACTED_ON.search(source.text)):
        issued = _iso(int(enacted[3]), int(enacted[2]), int(enacted[1]))
    start = source.line_starts[block.first] if block.first is not None else 0
    end = line_end(source, block.last) if block.last is not None else 0
    return Header(
        code=block.code,
        doc_type=doc_type,
        title=block.title,
        issuer=issuer,
        parent_issuer=parent,
        place=block.place,
        issued_date=issued,
        province=province,
        start=start,
        end=end,
    )


def _may_be_enacted(text: str) -> bool:
    """Words _ENACTED_ON cannot match without: most texts are passed over at once."""
    return "thông qua" in text and ("này được" in text or "này đã được" in text)


def _type_from_content(text: str) -> str | None:
    for pattern, doc_type, _example in _TYPE_CUES:
        if pattern.search(text):
            return doc_type
    return None
