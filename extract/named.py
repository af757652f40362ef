"""References to documents without a number: "Điều lệ Đảng", "Luật Việc làm", "Quy hoạch
tỉnh Hậu Giang thời kỳ 2021 - 2030", "Đề án “...”", "Nghị quyết Đại hội Đảng bộ tỉnh"."""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from vbgraph.extract.doctypes import (
    CHARTERS,
    NAMED_PROGRAMMES,
)
from vbgraph.extract.intent import Clause, clause_at, intent_before
from vbgraph.extract.wording import (
    AFTER,
    HEADS,
    KHOA,
    LETTER,
    ROMAN,
    YEARS,
    after_patterns,
    alternation,
    bare,
    cached_key,
    iso_date,
    letters,
    tidy,
    upper_letters,
)
from vbgraph.graph.model import Citation


def _law_pattern() -> str:
    """A law by name: "Luật Việc làm", "Bộ luật Lao động", "Luật Cán bộ, công chức". The
    name ends before a date, a number or a verb, and runs over one line break at most."""
    # "người có công với cách mạng" is part of names ("Pháp lệnh Ưu đãi người có công với
    # cách mạng"); elsewhere "có" and "với" end one.
    stops = (
        r"ngày|số|năm|này|đã|được|đang|sẽ|có(?!\s*công\s*với)|không|hoặc|để|thì|mà|trong|tại|"
        r"theo|từ|đến|về|với(?!\s*cách\s*mạng)|cho|của|quy định|hiện hành|kể từ|khi|nếu|là|"
        r"thuộc|hết|trước|sau|như|gồm|bao gồm|đối với|nhằm"
    )
    inner = rf"\s*(?:công\s*chức|chống)(?!{LETTER})"  # the commas inside a law's name
    # "và" joins a short tail in small letters to the name ("Luật Giáo dục quốc phòng và an
    # ninh."), not another law, a list or "các quy định khác".
    small = f"{letters(upper=False)}+"
    others = rf"(?:các|những|quy\s*định|văn\s*bản|pháp\s*luật|điều|khoản|{stops})(?!{LETTER})"
    tail = rf"\s+(?!{others}){small}(?:\s+(?!{others}){small}){{0,2}}\s*(?:[;.,()“”:]|$)"
    stops += rf"|và(?!{tail})"
    end = rf"(?=\s*(?:[;.()“”:]|,(?!{inner})|$)|\s+(?:{stops})(?!{LETTER}))"
    piece = rf"(?:[^;.,()“”:\n]|,(?={inner}))*?"
    head = bare(r"(?:Bộ\s*luật|Luật|Pháp\s*lệnh)\s+")
    return rf"{head}{upper_letters()}{piece}(?:\n{piece})??{bare(end)}"


def _party_patterns() -> dict[str, str]:
    """Congress and plenum resolutions, and the programmes that carry them out."""
    up = upper_letters()
    name = rf"{up}{LETTER}*(?:\s+{up}{LETTER}*){{0,3}}"
    level = r"(?:tỉnh|thành\s*phố|huyện|quận|thị\s*xã|xã|phường|thị\s*trấn)"
    ordinal = rf"(?:\s*lần\s*thứ\s*{ROMAN})?(?:\s*,?\s*nhiệm\s*kỳ\s*{YEARS})?"
    congress = (
        r"Nghị\s*quyết\s*(?:của\s*)?Đại\s*hội\s*(?:[Đđ]ại\s*biểu\s*)?(?:"
        rf"(?:[Đđ]ảng\s*bộ\s*(?:{level}(?:\s+{name})?|{name})|toàn\s*quốc){ordinal}"
        rf"(?:\s*của\s*Đảng)?|(?:lần\s*thứ\s*)?{ROMAN}\s*của\s*Đảng)"
    )
    plenum = (
        r"Nghị\s*quyết\s*(?:Hội\s*nghị\s*)?(?:Ban\s*Chấp\s*hành\s*)?Trung\s*ương\s*"
        rf"(?:\d{{1,2}}|lần\s*thứ\s*{LETTER}+)\s*,?\s*{KHOA}\s*{ROMAN}"
    )
    body = r"(?:của\s*[^;.:()“”]{1,100}?\s*)?"
    return {
        "congress": congress,
        "plenum": plenum,
        "action": rf"Chương\s*trình\s*hành\s*động\s*{body}thực\s*hiện\s*(?:{congress}|{plenum})",
        "work": (  # Chương trình công tác (quý IV) năm 2024
            rf"Chương\s*trình\s*công\s*tác\s*{body}"
            rf"(?:(?:quý\s*{ROMAN}|\d\s*tháng\s*(?:đầu|cuối))\s*,?\s*)?năm\s*\d{{4}}(?!\d)"
        ),
        "rules": (
            r"[Qq]uy\s*chế\s*làm\s*việc\s*của\s*(?!\s|các\s)[^;.:()“”]{2,120}?"
            rf"(?=\s*(?:[;.:()“”]|$)|\s*,?\s*(?:nhiệm\s*kỳ|{KHOA})|\s*,(?!\s*{up})"
            r"|\s+(?:và|để|nhằm|theo|được|đã|trong|từ)\s)"
            rf"(?:\s*,?\s*(?:nhiệm\s*kỳ\s*{YEARS}|{KHOA}\s*{ROMAN}))?"
        ),
    }


@lru_cache(maxsize=1)
def _named_patterns() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Head word -> the (kind, pattern) pairs tried in order there; the first match wins."""
    heads = r"Đề\s*án|Chương\s*trình|Kế\s*hoạch|Nghị\s*quyết|Quy\s*hoạch|Luật|Quy\s*chế"
    timeframe = (
        rf"(?:(?:giai\s*đoạn|thời\s*kỳ|\d{{1,2}}\s*năm|năm)\s*{YEARS}|đến\s*năm\s*\d{{4}})"
        r"(?:\s*,\s*(?:tầm\s*nhìn|định\s*hướng)\s*(?:đến\s*)?(?:năm\s*)?\d{4})?"
    )
    patterns = {
        "quoted": rf"(?P<h>{heads})\s*(?:số\s*\d+\s*)?[“\"](?P<q>[^”\"]{{3,300}})[”\"]",
        # "Hiến pháp năm 2013": the year names one constitution; "tuân thủ Hiến pháp và pháp
        # luật" alone is a principle, not a reference.
        "constitution": bare(
            r"Hiến\s*pháp\s*(?:nước\s*Cộng\s*h(?:òa|oà)\s*xã\s*hội\s*chủ\s*nghĩa\s*Việt\s*Nam"
            r"\s*)?năm\s*\d{4}(?!\d)"
        ),
        "charter": rf"(?:{alternation(CHARTERS)})",
        "programme": rf"(?:{alternation(NAMED_PROGRAMMES)})(?:\s*\((?P<abbr>[A-Z]{{2,10}})\))?",
        **_party_patterns(),
        "national": (
            r"Chương\s*trình\s*mục\s*tiêu\s*quốc\s*gia\s*(?:về\s*)?[^;.,:()“”]{3,120}?"
            r"(?=\s*(?:[;.,:()]|gắn\s*với|nhằm|trong|trên\s*địa\s*bàn|giai\s*đoạn|năm\s*\d|$))"
        ),
        "plan": (
            r"Quy\s*hoạch\s*(?:tỉnh|thành\s*phố|vùng|tổng\s*thể|quốc\s*gia|sử\s*dụng\s*đất)"
            rf"[^;.()“”:]{{0,100}}?thời\s*kỳ\s*{YEARS}"
            r"(?:\s*,\s*tầm\s*nhìn\s*(?:đến\s*)?(?:năm\s*)?\d{4})?"
        ),
        "amending": (
            r"Luật\s*sửa\s*đổi\s*,?\s*bổ\s*sung\s*(?:một\s*số\s*điều\s*)?(?:của\s*)?(?:các\s*)?"
            rf"{_law_pattern()}(?:\s*(?:,|và)\s*{_law_pattern()})*"
        ),
        "law": _law_pattern(),
        "timeframed": (
            rf"(?P<h>Đề\s*án|Chương\s*trình|Kế\s*hoạch)\s+[^;.()“”:]{{5,220}}?{timeframe}"
        ),
    }
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for kind, pattern in patterns.items():
        compiled = re.compile(pattern)
        for head in _KIND_HEADS[kind]:
            table.setdefault(cached_key(head), []).append((kind, compiled))
    return table


_KIND_HEADS: dict[str, tuple[str, ...]] = {
    "quoted": ("Đề án", "Chương trình", "Kế hoạch", "Nghị quyết", "Quy hoạch", "Luật", "Quy chế"),
    "constitution": ("Hiến pháp",),
    "charter": ("Điều lệ", "Hiến pháp"),
    "programme": ("Chương trình",),
    "congress": ("Nghị quyết",),
    "plenum": ("Nghị quyết",),
    "action": ("Chương trình",),
    "work": ("Chương trình",),
    "rules": ("Quy chế",),
    "national": ("Chương trình",),
    "plan": ("Quy hoạch",),
    "amending": ("Luật",),
    "law": ("Luật", "Bộ luật", "Pháp lệnh"),
    "timeframed": ("Đề án", "Chương trình", "Kế hoạch"),
}


@lru_cache(maxsize=1)
def _head_pattern() -> re.Pattern[str]:
    # No look-behind in front, so that the scan can jump between the heads' first letters.
    return re.compile(alternation((*HEADS, "quy chế")))


@lru_cache(maxsize=1)
def _head_names() -> dict[str, str]:
    return {cached_key(h): h for h in HEADS}


@lru_cache(maxsize=1)
def _table_titles() -> dict[str, str]:
    return {cached_key(t): t for t in (*CHARTERS, *NAMED_PROGRAMMES)}


_IMPLEMENTING = re.compile(
    r"(?:(?:thực\s*hiện|triển\s*khai|quán\s*triệt|cụ\s*thể\s*h(?:óa|oá)|bám\s*sát)"
    r"(?:\s*(?:có\s*)?hiệu\s*quả|\s*tốt)?"
    # "bám sát các nội dung, tiêu chí, quan điểm của Đề án ... giai đoạn 2020 - 2021"
    r"(?:[^;.]{0,80}?\s(?:của|theo|tại))?|(?<!\w)theo)\s*$",
    re.IGNORECASE,
)
_ENACTING = re.compile(r"ban\s*hành\s*$", re.IGNORECASE)


def _named_at(text: str, head: re.Match[str]) -> tuple[str, int, str, Clause] | None:
    """(kind, end, title, clause before) of a named reference at `head`, or None."""
    pos, limit = head.start(), min(len(text), head.start() + AFTER)
    clause: Clause | None = None
    for kind, pattern in _named_patterns().get(cached_key(head.group()), []):
        match = pattern.match(text, pos, limit)
        if match is None:
            continue
        clause = clause or clause_at(text, pos)
        if kind == "timeframed" and not _IMPLEMENTING.search(clause.text):
            continue  # "Kế hoạch ... giai đoạn 2026 - 2030" still to be drafted is no reference
        if kind in ("law", "amending") and _ENACTING.search(clause.text):
            return None  # "Quốc hội ban hành Luật ...": the document itself
        return kind, match.end(), _named_title(kind, match), clause
    return None


def _named_title(kind: str, match: re.Match[str]) -> str:
    if kind == "quoted":
        return tidy(f"{match.group('h')} {match.group('q')}")
    if kind in ("charter", "programme"):
        title = _table_titles().get(cached_key(match.group(0).split("(")[0]), match.group(0))
        abbr = match.groupdict().get("abbr")
        return f"{title} ({abbr})" if abbr else tidy(title)
    return tidy(match.group(0))


def find_named(text: str, claimed: list[tuple[int, int]]) -> list[Citation]:
    """Named references outside the words of numbered citations, longest first at a place."""
    starts = [c[0] for c in claimed]
    reach = list(itertools.accumulate((c[1] for c in claimed), max))  # claimed up to here
    out: list[Citation] = []
    taken = 0
    for head in _head_pattern().finditer(text):
        pos = head.start()
        before = text[pos - 1] if pos else " "
        if before in "ABCDEFGHIJKLMNOPQRSTUVWXYZĐ" or (head.group()[0] == "q" and before.isalpha()):
            continue  # part of an abbreviation, or "quy chế" inside a glued word
        i = bisect.bisect_right(starts, pos) - 1
        if pos < taken or (i >= 0 and pos < reach[i]):
            continue
        found = _named_at(text, head)
        if found is None:
            continue
        _, end, title, clause = found
        doc_type = _head_names().get(cached_key(head.group()))
        intent = intent_before(text, clause)
        # "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015": a law is cited by its
        # name and the date it was passed.
        date = after_patterns()["date"].match(text, end, min(len(text), end + 60))
        issued = iso_date(*date.groups()) if date else None
        out.append(
            Citation(
                text[pos:end], pos, end, doc_type=doc_type, title=title, intent=intent,
                issued_date=issued, year=int(issued[:4]) if issued else None,
            )
        )
        taken = end
    return out
