"""The parts of a document: its header (who, which number, when), the heading tree, the
preamble, the closing block (recipients, signature).

Lines are soft-wrapped PDF text, so a heading or a title may run onto the next line; a
paragraph is followed line by line (`_paragraph`). Page furniture of the official gazette
("CÔNG BÁO/Số ...", page numbers, the digital signature stamp) is skipped wherever lines are
joined.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from vbgraph.extract.agencies import display_name, iter_mentions
from vbgraph.extract.agency_names import POSITIONS
from vbgraph.extract.codes import canonical_code
from vbgraph.extract.doctypes import DOC_TYPES
from vbgraph.graph.model import AgencyMention, Header, Signature, SourceText, TaskKind, TaskSpan
from vbgraph.vntext import fold, name_key, normalize_name

# --------------------------------------------------------------------------- line kinds

FURNITURE = re.compile(
    r"\s*(?:CÔNG BÁO/.*|\d{1,4}|(?:Ký bởi|Người ký|Email|Cơ quan|Thời gian ký|Ngày ký):.*"
    r"|VĂN BẢN QUY PHẠM PHÁP LUẬT|\[daky\]|\(?[Đđ]ã ký\)?)\s*"
)
_DECOR = re.compile(r"\s*(?:[*_\-–—=.]\s*)+")  # "*", "-----", "__________"
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
# Laws and resolutions of the National Assembly carry no date line: "Luật này được Quốc hội
# ... thông qua ngày 13 tháng 11 năm 2020".
_ENACTED_ON = re.compile(
    r"(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết) này (?:đã )?được [^./]{0,200}?thông qua\s+"
    r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
)
_SIGNING = re.compile(r"\s*(T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)\s+(\S.*?)\s*$")
_SIGNING_FIRST = ("T", "K", "Q")
_TIMESTAMP = re.compile(r"\s*(\d{2})-(\d{2})-(\d{4}) \d{2}:\d{2}:\d{2}\s*[+-]\d{2}:\d{2}\s*$")
_RECIPIENTS = re.compile(r"\s*Nơi\s*nhận\s*:?\s*(.*)$")
_ITEM = re.compile(r"\s*[-+•]\s*(.*)$")
_FILED = re.compile(r"Lưu\b", re.IGNORECASE)  # "- Lưu VPTU.", "- Lưu: VT, ..."
_PURPOSE = re.compile(  # "(báo cáo)", "(để biết)": why it is sent, not who receives it
    r"\s*\((?:để\s+)?(?:báo\s*cáo|b/c|biết|thực\s*hiện|t/h|phối\s*hợp|chỉ\s*đạo)\)",
    re.IGNORECASE,
)


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _skippable(line: str) -> bool:
    return not line.strip() or FURNITURE.fullmatch(line) is not None


# --------------------------------------------------------------------------- header


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
    if not _is_caps(line):
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
        if not line.strip() or _DECOR.fullmatch(line) or _TITLE_STOP.match(line):
            break
        if FURNITURE.fullmatch(line):
            continue
        if parts and _is_caps(line) != _is_caps(parts[0]):
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


def _scan_header(source_lines: Sequence[str]) -> _Block:
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
        if i <= skip_to or _skippable(line) or _DECOR.fullmatch(line):
            continue
        if _ADMIN_MARK.match(line) or _LEGAL_MARK.match(line):
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
        elif _is_caps(line) and block.date is None:
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
    block = _scan_header(lines)
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
    end = _line_end(source, block.last) if block.last is not None else 0
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


def _line_end(source: SourceText, i: int) -> int:
    return source.line_starts[i] + len(source.lines[i].text)


# --------------------------------------------------------------------------- closing block


def _name_line(line: str) -> bool:
    """A signer's name: "Phạm Thị Thanh Trà", "Trung tướng Nguyễn Duy Ngọc"."""
    words = line.split()
    return (
        1 < len(words) <= 7
        and line.strip()[0].isupper()
        and not _is_caps(line)
        and not any(c.isdigit() for c in line)
        and not line.rstrip().endswith((".", ":", ",", ";"))
    )


def _signature_at(source: SourceText, i: int, on_behalf: str | None) -> Signature:
    """The position and name from line i on (after it, when line i is "T/M ...")."""
    lines = source.lines
    position: str | None = None
    signer: str | None = None
    last = i
    for j in range(i + (on_behalf is not None), min(i + 8, len(lines))):
        line = lines[j].text
        if _skippable(line):
            continue
        if _SIGNING.match(line) and position is None:
            last = j  # "TM. CHÍNH PHỦ" then "KT. THỦ TƯỚNG": the outer one speaks
            continue
        if _is_caps(line) and position is None and on_behalf and not _is_position(line):
            on_behalf, last = (
                display_name(f"{on_behalf} {line}"),
                j,
            )  # "KT. CHÁNH ÁN" / "TÒA ÁN ..."
        elif _is_caps(line) and position is None:
            position, last = display_name(line), j
        elif position is not None and _name_line(line):
            signer, last = " ".join(line.split()), j
            break
        else:
            break
    start = source.line_starts[i]
    return Signature(on_behalf, position, signer, start, _line_end(source, last))


def find_signature(source: SourceText) -> Signature | None:
    """The signature block: "T/M TỈNH ỦY" / "PHÓ BÍ THƯ" -> on behalf of "Tỉnh ủy", position
    "Phó Bí thư"; "KT. THỦ TƯỚNG" / "PHÓ THỦ TƯỚNG" / "Phạm Thị Thanh Trà"; or a position
    alone ("BỘ TRƯỞNG" / "Phạm Thị Thanh Trà"). The first block counts where several sign."""
    lines = source.lines
    for i, line in enumerate(lines):
        # The pattern's words start with T, K or Q: other lines are not tried.
        m = _SIGNING.match(line.text) if line.text.lstrip()[:1] in _SIGNING_FIRST else None
        if m and _is_caps(m.group(2)):
            return _signature_at(source, i, display_name(m.group(2)))
    block = _scan_header([line.text for line in lines])
    for i in range((block.last or -1) + 1, len(lines)):
        text = lines[i].text
        if _is_caps(text) and _is_position(text) and _next_is_name(source, i):
            return _signature_at(source, i, None)
    return None


def _is_position(line: str) -> bool:
    """A capitals line naming an office: "PHÓ BÍ THƯ", "CHỦ TỊCH QUỐC HỘI"."""
    name = display_name(line)
    return any(name == p or name.startswith(p + " ") for p, _ in POSITIONS)


def _next_is_name(source: SourceText, i: int) -> bool:
    for j in range(i + 1, min(i + 5, len(source.lines))):
        line = source.lines[j].text
        if not _skippable(line):
            return _name_line(line)
    return False


def find_recipients(source: SourceText) -> list[AgencyMention]:
    """The "Nơi nhận:" list, one item per "- ..." joined across wrapped lines; filing notes
    ("- Lưu VPTU.") are left out, and so are notes of purpose such as "(báo cáo)"."""
    lines = source.lines
    if "Nơi" not in source.text:  # no "Nơi nhận:" heading, no list: skip the line search
        return []
    head = next(
        (i for i, line in enumerate(lines) if "Nơi" in line.text and _RECIPIENTS.match(line.text)),
        None,
    )
    if head is None:
        return []
    items: list[list[int]] = []  # [start, end] offsets in source.text
    first = _RECIPIENTS.match(lines[head].text)
    assert first is not None
    if first.group(1).strip():
        pos = source.line_starts[head] + first.start(1)
        items.append([pos, _line_end(source, head)])
    for j in range(head + 1, min(head + 40, len(lines))):
        text = lines[j].text
        item = _ITEM.match(text)
        if item:
            pos = source.line_starts[j] + item.start(1)
            items.append([pos, _line_end(source, j)])
        elif _skippable(text):
            continue
        elif _is_caps(text) or _SIGNING.match(text) or not items:
            break
        else:
            items[-1][1] = _line_end(source, j)
        if _FILED.match(source.text[items[-1][0] : items[-1][1]]):
            break
    return [r for r in (_recipient(source.text, s, e) for s, e in items) if r is not None]


def _recipient(text: str, start: int, end: int) -> AgencyMention | None:
    written = " ".join(text[start:end].split()).rstrip(" ,;.")
    if not written or _FILED.match(written):
        return None
    while written.endswith(")") and (m := _PURPOSE.search(written)) and m.end() == len(written):
        written = written[: m.start()].rstrip(" ,;.")
    stripped = text[start:end].rstrip(" ,;.")
    return AgencyMention(normalize_name(written), written, start, start + len(stripped))


# --------------------------------------------------------------------------- heading tree

_ADMIN_MARK = re.compile(
    r"[ \t]*(?:(?P<letter>[A-H])\.[ \t]+|(?P<roman>[IVX]{1,5})\.[ \t]*|"
    r"(?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?[ \t]+|(?P<num>\d{1,2})\.[ \t]+|"
    r"(?P<point>[a-zđ])\)[ \t]*)(?=[^\W\d_]|[\"“(])"
)
_LEGAL_MARK = re.compile(
    r"[ \t]*(?:(?P<part>Phần|PHẦN)[ \t]+(?P<part_no>(?:thứ|THỨ)[ \t]+\w+|[IVXLC]+|\d+)\b"
    r"|(?P<chapter>Chương|CHƯƠNG)[ \t]+(?P<chapter_no>[IVXLC]+|\d+)\b"
    r"|(?P<section>Mục|MỤC)[ \t]+(?P<section_no>\d+|[IVXLC]+)\b"
    r"|Điều[ \t]+(?P<article>\d+)[a-zđ]?[ \t]*\.[ \t]*"
    r"|(?P<clause>\d{1,3})\.[ \t]+(?=[^\W\d_]|[\"“(])"
    r"|(?P<point>[a-zđ])\)[ \t]*(?=\S))"
)
_UPPER = "A-ZĐÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĨŨƠƯẠ-Ỹ"


class _LinePattern:
    """A pattern tried only where a line begins. `^` with re.MULTILINE makes the engine try
    it at every position of the text; a newline is a literal the engine jumps to, so the
    pattern is found after each "\n" instead (and once at the start of the range)."""

    def __init__(self, body: str) -> None:
        self._here = re.compile(body, re.MULTILINE)
        self._after_newline = re.compile("\n(?:" + body + ")", re.MULTILINE)

    def finditer(
        self, text: str, start: int, end: int | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """(offset of the line, match) for each line in text[start:end] that opens with it."""
        end = len(text) if end is None else end
        at_line_start = start == 0 or text[start - 1 : start] == "\n"
        if at_line_start and (m := self._here.match(text, start, end)) is not None:
            yield start, m
        for m in self._after_newline.finditer(text, start, end):
            yield m.start() + 1, m


_CLOSING_START = _LinePattern(  # lines that open the closing block; capitals lines are checked
    rf"[ \t]*(?:Nơi\s*nhận|(?:T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)[ \t]+[{_UPPER}]"
    r"|(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết) này (?:đã )?được .* thông qua"
    rf"|(?P<caps>[{_UPPER}][{_UPPER} \t]{{1,58}})$)"
)
_ARTICLE_LINE = _LinePattern(r"[ \t]*Điều[ \t]+\d+[a-zđ]?[ \t]*\.")
_BULLET = re.compile(r"[ \t]*[-+•*][ \t]")
_CLOSING = re.compile(r"[ \t]*(?:Trên đây là\b|.*\./\.\s*$)")
_ENACTED = re.compile(r"[ \t]*(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết) này (?:đã )?được .* thông qua")
_STOP = re.compile(r"[.;:!?](?=\s|$)")
_STOP_ALONE = re.compile(r"[.:!?](?=\s|$)")
_POINTS = "abcdđeghiklmnopqrstuvxy"  # the letters Vietnamese texts use for points
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_MAX_TITLE_WORDS = 24


def roman_value(numeral: str) -> int:
    """ "IV" -> 4; 0 for anything that is not a Roman numeral."""
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN.get(ch.upper(), 0)
        if not value:
            return 0
        total += -value if nxt and _ROMAN.get(nxt.upper(), 0) > value else value
    return total


@dataclass(slots=True)
class _Heading:
    line: int
    start: int
    title_at: int  # offset where the title text begins
    rank: int  # lower is higher in the tree; a span ends at the next rank <= its own
    kind: str
    path: str
    parent: str | None


@dataclass(slots=True)
class _AdminState:
    """Where the outline of an administrative or Party document stands. A numbered line
    is a heading only if it continues the numbering ("3." after "2.", "1.2." after "1.1."),
    which keeps wrapped figures and dates out of the tree."""

    letter: str = ""
    roman: int = 0
    roman_label: str = ""
    nums: tuple[int, ...] = ()
    point: int = -1

    def prefix(self) -> list[str]:
        return [p for p in (self.letter, self.roman_label) if p]

    def offer(self, m: re.Match[str]) -> tuple[int, str, list[str]] | None:
        """(rank, kind, path parts) if the marker continues the outline, else None."""
        if m["letter"]:
            if ord(m["letter"]) != (ord(self.letter) + 1 if self.letter else ord("A")):
                return None
            self.letter, self.roman, self.roman_label, self.nums, self.point = (
                m["letter"],
                0,
                "",
                (),
                -1,
            )
            return 0, "part", self.prefix()
        if m["roman"]:
            value = roman_value(m["roman"])
            if not 0 < value - self.roman <= 2:
                return None
            self.roman, self.roman_label, self.nums, self.point = value, m["roman"], (), -1
            return 1, "part", self.prefix()
        if m["num"] or m["multi"]:
            return self._number(tuple(int(n) for n in (m["num"] or m["multi"]).split(".")))
        index = _POINTS.find(m["point"])
        if index != self.point + 1 or not (self.nums or self.roman or self.letter):
            return None
        self.point = index
        return 9, "item", [*self.prefix(), *map(str, self.nums), m["point"]]

    def _number(self, comps: tuple[int, ...]) -> tuple[int, str, list[str]] | None:
        depth = len(comps)
        if comps[:-1] != self.nums[: depth - 1] or len(self.nums) < depth - 1:
            return None
        last = self.nums[depth - 1] if len(self.nums) >= depth else 0
        if not 0 < comps[-1] - last <= 2:
            return None
        self.nums, self.point = comps, -1
        parts = [*self.prefix(), *map(str, comps)]
        return 1 + depth, "section" if len(parts) <= 3 else "item", parts


@dataclass(slots=True)
class _LegalState:
    """Where the outline of a legal text stands: Phần, Chương, Mục, Điều, khoản, điểm."""

    part: str = ""
    chapter: int = 0
    chapter_label: str = ""
    section: int = 0
    article: int = 0
    clause: int = 0
    point: int = -1

    def container(self) -> str | None:
        chapter = f"Chương {self.chapter_label}" if self.chapter_label else None
        if self.section:
            return f"{chapter}.Mục {self.section}" if chapter else f"Mục {self.section}"
        return chapter or (f"Phần {self.part}" if self.part else None)

    def offer(self, m: re.Match[str]) -> tuple[int, str, str, str | None] | None:
        """(rank, kind, path, parent) if the marker continues the outline, else None."""
        if m["part"]:
            self.part = " ".join(m["part_no"].split())
            return 0, "part", f"Phần {self.part}", None
        if m["chapter"]:
            return self._chapter(m["chapter_no"])
        if m["section"]:
            value = (
                int(m["section_no"]) if m["section_no"].isdigit() else roman_value(m["section_no"])
            )
            if not 0 < value - self.section <= 2:
                return None
            parent = self.container() if not self.section else self._above_section()
            self.section = value
            return 2, "subsection", str(self.container()), parent
        if m["article"]:
            value = int(m["article"])
            if self.article and not 0 < value - self.article <= 2:
                return None
            self.article, self.clause, self.point = value, 0, -1
            return 3, "article", f"Điều {value}", self.container()
        if not self.article:
            return None
        return self._clause(m) if m["clause"] else self._point(m["point"])

    def _above_section(self) -> str | None:
        return f"Chương {self.chapter_label}" if self.chapter_label else None

    def _chapter(self, label: str) -> tuple[int, str, str, str | None] | None:
        value = int(label) if label.isdigit() else roman_value(label)
        if not 0 < value - self.chapter <= 2:
            return None
        self.chapter, self.chapter_label, self.section = value, label, 0
        return 1, "chapter", f"Chương {label}", f"Phần {self.part}" if self.part else None

    def _clause(self, m: re.Match[str]) -> tuple[int, str, str, str | None] | None:
        value = int(m["clause"])
        if not 0 < value - self.clause <= 2:
            return None
        self.clause, self.point = value, -1
        return 4, "clause", f"Điều {self.article}.{value}", f"Điều {self.article}"

    def _point(self, letter: str) -> tuple[int, str, str, str | None] | None:
        index = _POINTS.find(letter)
        if index != self.point + 1:
            return None
        self.point = index
        parent = f"Điều {self.article}" + (f".{self.clause}" if self.clause else "")
        return 5, "point", f"{parent}.{letter}", parent


def _quote_spans(text: str) -> tuple[list[int], list[int]]:
    """Quoted passages (amendments quote whole articles): no heading starts inside one."""
    spans = [m.span() for m in re.finditer(r"“[^“”]{1,5000}”", text)]
    return [s for s, _ in spans], [e for _, e in spans]


def _quoted(quotes: tuple[list[int], list[int]], pos: int) -> bool:
    i = bisect.bisect_right(quotes[0], pos) - 1
    return i >= 0 and quotes[0][i] < pos < quotes[1][i]


def _typical_width(source: SourceText, first: int, stop: int) -> int:
    """The length of a full line: a line well short of it ends its paragraph."""
    sample = source.lines[first : min(stop, first + 2000)]  # a few pages tell the width
    lengths = sorted([len(line.text.rstrip()) for line in sample])
    return lengths[int(len(lengths) * 0.8)] if lengths else 80


def _closing_line(source: SourceText, first: int) -> int:
    """The first line of the closing block: recipients, signature, enactment formula."""
    start = source.line_starts[first] if first < len(source.lines) else len(source.text)
    for at, m in _CLOSING_START.finditer(source.text, start):
        i = source.line_index(at)
        caps = m["caps"]
        if caps is None or (_is_caps(caps) and _is_position(caps) and _next_is_name(source, i)):
            return i
    return len(source.lines)


def _continues(prev: str, line: str, width: int) -> bool:
    """Does `line` go on with the paragraph that `prev` ends? A soft wrap starts in lower
    case, or follows a full-width line that has no closing punctuation."""
    if _ADMIN_MARK.match(line) or _LEGAL_MARK.match(line) or _BULLET.match(line):
        return False
    first = line.lstrip()[:1]
    if first.islower() or first.isdigit():
        return True
    # A capital after a full line goes on only a name cut in two ("tỉnh Hậu" / "Giang").
    words = prev.split()
    return (
        bool(words)
        and words[-1][0].isupper()
        and not prev.rstrip().endswith((".", ";", ":", "!", "?"))
        and len(prev.rstrip()) >= 0.75 * width
    )


def _paragraph(source: SourceText, i: int, title_at: int, width: int, stop: int) -> list[str]:
    """The heading line from its title on, and the lines its paragraph wraps onto."""
    lines = source.lines
    parts = [source.text[title_at : _line_end(source, i)]]
    prev = lines[i].text
    for j in range(i + 1, min(i + 8, stop)):
        text = lines[j].text
        if _skippable(text):
            continue
        if len(parts) == 4 or not _continues(prev, text, width):
            break
        parts.append(text)
        prev = text
    return parts


def _cut_title(parts: list[str]) -> str:
    """A heading's title: its first sentence, or the whole heading when it stands alone on
    its line ("Về tổ chức, bộ máy; bố trí biên chế các cơ quan"), at most 24 words."""
    text = " ".join(" ".join(parts).split())
    # A heading alone on its line keeps a ";" that joins two halves of its subject.
    stop = (_STOP if len(parts) > 1 else _STOP_ALONE).search(text)
    if stop:
        text = text[: stop.start()]
    words = text.split()
    if len(words) > _MAX_TITLE_WORDS:
        head = " ".join(words[:_MAX_TITLE_WORDS])
        comma = head.rfind(",")
        text = head[:comma] if comma > len(" ".join(words[:18])) else head
    return text.strip(" .:;,-–")


def _caps_title(source: SourceText, i: int, title_at: int, stop: int) -> str:
    """A chapter's title: the rest of its line, else the capitals lines under it."""
    rest = source.text[title_at : _line_end(source, i)].strip(" .:-–")
    if rest:
        return " ".join(rest.split())
    parts: list[str] = []
    for j in range(i + 1, min(i + 6, stop)):
        text = source.lines[j].text
        if _skippable(text):
            continue
        if not _is_caps(text) or len(parts) == 3:
            break
        parts.append(text.strip())
    return " ".join(" ".join(parts).split())


def _headings(source: SourceText, first: int, stop: int, legal: bool) -> Iterator[_Heading]:
    quotes = _quote_spans(source.text)
    admin, law = _AdminState(), _LegalState()
    marks = _LEGAL_MARK if legal else _ADMIN_MARK
    for i in _marked_lines(source, first, stop, legal):
        text = source.lines[i].text
        m = marks.match(text)
        pos = source.line_starts[i] + len(text) - len(text.lstrip())
        if not m or _quoted(quotes, pos):
            continue
        title_at = source.line_starts[i] + m.end()
        if legal:
            offer = law.offer(m)
            if offer:
                rank, kind, path, parent = offer
                yield _Heading(i, pos, title_at, rank, kind, path, parent)
            continue
        if m["letter"] and not _is_caps(text[m.end() :]):
            continue  # "A. ..." parts are written in capitals; anything else is prose
        found = admin.offer(m)
        if found:
            rank, kind, parts = found
            parent = ".".join(parts[:-1]) or None
            yield _Heading(i, pos, title_at, rank, kind, ".".join(parts), parent)


_LINE_MARK = (  # what a heading line can start with; the line is then read in full
    _LinePattern(r"[ \t]*(?:[A-HIVX]{1,5}\.|\d{1,2}[.)]|[a-zđ]\))"),
    _LinePattern(r"[ \t]*(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|\d{1,3}\.|[a-zđ]\))"),
)


def _marked_lines(source: SourceText, first: int, stop: int, legal: bool) -> Iterator[int]:
    """Indexes of the lines in [first, stop) that start like a heading, found by one scan."""
    end = source.line_starts[stop] if stop < len(source.lines) else len(source.text)
    start = source.line_starts[first] if first < len(source.lines) else end
    for at, _ in _LINE_MARK[legal].finditer(source.text, start, end):
        yield source.line_index(at)


def _is_legal(source: SourceText, first: int, stop: int) -> bool:
    """A legal text is built of articles ("Điều 1.", "Điều 2."): two are enough to tell."""
    end = source.line_starts[stop] if stop < len(source.lines) else len(source.text)
    start = source.line_starts[first] if first < len(source.lines) else end
    articles = _ARTICLE_LINE.finditer(source.text, start, end)
    return next(articles, None) is not None and next(articles, None) is not None


def _soft_end(source: SourceText, last_heading: int, stop: int) -> int:
    """Where the last task's text ends: "Trên đây là ...", the "./." that closes the body,
    or the closing block."""
    for i in range(last_heading, stop):
        text = source.lines[i].text
        if _CLOSING.match(text):
            if text.lstrip().startswith("Trên đây là"):
                if i == last_heading:
                    continue
                return source.line_starts[i]
            return _line_end(source, i)
    return source.line_starts[stop] - 1 if stop < len(source.lines) else len(source.text)


def _body_lines(source: SourceText, header: Header) -> tuple[int, int]:
    """The lines between the header block and the closing block."""
    first = source.line_index(header.end) + 1 if header.end > 0 else 0
    return first, _closing_line(source, first)


def find_tasks(source: SourceText, header: Header) -> list[TaskSpan]:
    """The heading tree. Party and administrative texts: "A." parts, Roman "I.", "1.",
    "1.1." and "a)" (paths "II.1.2", "A.I.1", "II.1.a"); legal texts: Phần, Chương, Mục,
    Điều, clauses "1." and points "a)" (paths "Chương I", "Điều 5", "Điều 5.2.a").

    The first three levels of an administrative outline are sections; deeper numbered
    items and "a)" points are items (kind ITEM), and "-"/"+" bullets are list content, not
    tasks. A span runs to the next heading of the same or a higher level, or to the end of
    the body ("Trên đây là ...", "./.", "Nơi nhận:", the signature).
    """
    first, stop = _body_lines(source, header)
    legal = _is_legal(source, first, stop)
    headings = list(_headings(source, first, stop, legal))
    if not headings:
        return []
    width = _typical_width(source, first, stop)
    body_end = _soft_end(source, headings[-1].line, stop)
    ends = _span_ends(headings, body_end)
    tasks: list[TaskSpan] = []
    for h, end in zip(headings, ends, strict=True):
        if h.kind in ("chapter", "subsection") or (legal and h.kind == "part"):
            title = _caps_title(source, h.line, h.title_at, stop)
        else:
            title = _cut_title(_paragraph(source, h.line, h.title_at, width, stop))
        tasks.append(
            TaskSpan(h.path, title, TaskKind(h.kind), h.start, max(end, h.start), h.parent)
        )
    return tasks


def _span_ends(headings: Sequence[_Heading], body_end: int) -> list[int]:
    """Each heading's span ends where the next heading of the same or a higher rank starts."""
    ends = [body_end] * len(headings)
    open_: list[int] = []
    for i, h in enumerate(headings):
        while open_ and headings[open_[-1]].rank >= h.rank:
            ends[open_.pop()] = h.start
        open_.append(i)
    return ends


def find_preamble(source: SourceText, tasks: Sequence[TaskSpan]) -> tuple[int, int]:
    """The preamble: after the header block, before the first heading ("Căn cứ ...",
    "Thực hiện ..."). Empty (start == end) when the body opens with a heading."""
    lines = source.lines
    block = _scan_header([line.text for line in lines])
    i = block.last + 1 if block.last is not None else 0
    while i < len(lines) and (_skippable(lines[i].text) or _DECOR.fullmatch(lines[i].text)):
        i += 1
    start = source.line_starts[i] if i < len(lines) else len(source.text)
    if tasks:
        end = tasks[0].start
    else:
        end = source.line_starts[_closing_line(source, i)] if i < len(lines) else start
    end = min(end, len(source.text))
    return (start, max(start, end))
