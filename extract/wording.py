"""How the words around a citation are matched: spellings with and without diacritics,
both tone placements, spaces that PDF text drops or adds, and the compiled patterns built
from the tables in `doctypes`."""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from vbgraph.extract.doctypes import DOC_TYPES
from vbgraph.vntext import fold, name_key, normalize_name


@lru_cache(maxsize=1)
def _bases() -> dict[str, str]:
    """Each letter with a diacritic -> the same letter without it, in the same case."""
    table: dict[str, str] = {}
    for code in range(0xC0, 0x1EFA):
        letter = chr(code)
        base = fold(letter)
        if base != letter.lower() and len(base) == 1 and base.isascii() and base.isalpha():
            table[letter] = base.upper() if letter.isupper() else base
    return table


def bare(pattern: str) -> str:
    """A pattern that also matches its words typed without diacritics ("Quyet dinh so ...
    ngay 05/10/2021 cua Thu tuong Chinh phu", as in e-mail, file names and old web pages):
    each marked letter becomes a class of itself and its base letter."""
    bases, out = _bases(), []
    in_class = escaped = False
    for i, char in enumerate(pattern):
        base = bases.get(char)
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
            ranged = "-" in (pattern[i - 1], pattern[i + 1 : i + 2])
            if base and not ranged:
                char += base
        elif char == "[":
            in_class = True
        elif base:
            char = f"[{char}{base}]"
        out.append(char)
    return "".join(out)


def plain_spelling(phrase: str) -> str:
    """A phrase typed without diacritics, in its own case: "Bộ luật" -> "Bo luat"."""
    bases = _bases()
    return "".join(bases.get(char, char) for char in phrase)


WINDOW = 240  # characters read before a code: a clause rarely runs longer
AFTER = 400  # characters read after it: date, issuer and subject
TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
LEAD = 1500  # how far back the words opening a list are looked for
LETTER = r"[^\W\d_]"  # a letter
DASH = "\\-\u2010-\u2015\u2212"  # hyphen and the dashes PDF text uses for it
HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
KHOA = "kh(?:óa|oá|oa)"  # khóa (a Party term, "khóa XII") in either tone style, or none
DATE = bare(r"(\d{1,2})\s*(?:[/.\-]|tháng)\s*(\d{1,2})\s*(?:[/.\-]|năm)\s*(\d{4})")
YEARS = rf"\d{{4}}\s*[{DASH}]\s*\d{{4}}"
ROMAN = rf"[IVXLC]+(?!{LETTER})"
HEADS = (
    "Nghị quyết", "Điều lệ", "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Quy hoạch", "Đề án",
    "Chương trình", "Kế hoạch", "Quy chế",
)  # the words a named reference starts with






@lru_cache(maxsize=1)
def _old_tones() -> dict[str, str]:
    """New-style tone pair -> old style ("ủy" -> "uỷ"), for patterns that accept both."""
    pairs: dict[str, str] = {}
    for first, second in ("oa", "oe", "uy", "Oa", "Oe", "Uy", "OA", "OE", "UY"):
        for tone in "\u0300\u0301\u0309\u0303\u0323":
            new = unicodedata.normalize("NFC", first + tone) + second
            pairs[new] = first + unicodedata.normalize("NFC", second + tone)
    return pairs


def spaced(phrase: str) -> str:
    """A phrase as a pattern in which spaces may be missing (PDF glue) and tone marks may
    sit in either place."""
    words = []
    for word in phrase.split():
        pattern = re.escape(word)
        for new, old in _old_tones().items():
            if new in word:
                pattern = pattern.replace(new, f"(?:{new}|{old})")
        words.append(pattern)
    return r"\s*".join(words)


def alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """Phrases as one pattern, longest first; each also as typed without diacritics, in a
    branch of its own: a class for every marked letter would defeat the scanner's jump to
    the possible first letters."""
    plain = {plain_spelling(p) for p in phrases} - set(phrases)
    branches = [(p, spaced(p)) for p in phrases]
    # A one-word phrase without its marks is often part of another word ("Soạn" for "Sở").
    branches += [(p, spaced(p) + ("" if " " in p else f"(?!{LETTER})")) for p in plain]
    return "|".join(b for _, b in sorted(set(branches), key=lambda b: (-len(b[0]), b[0])))


@lru_cache(maxsize=2)
def letters(upper: bool) -> str:
    """A class of Vietnamese capitals or small letters: no range will do, since Latin
    Extended Additional interleaves the cases (Ạ ạ Ả ả ...)."""
    letters = {
        chr(c)
        for c in range(0x41, 0x1EFA)
        if fold(chr(c)).isascii() and fold(chr(c)).isalpha() and chr(c).isupper() == upper
    }
    return "[" + "".join(sorted(letters)) + "]"


def upper_letters() -> str:
    return letters(upper=True)


@lru_cache(maxsize=1)
def type_names() -> dict[str, str]:
    """Folded type word without spaces -> its proper name ("nghidinh" -> "Nghị định")."""
    return {cached_key(t.name): t.name for t in DOC_TYPES}


@lru_cache(maxsize=1)
def types_pattern() -> str:
    return alternation([t.name for t in DOC_TYPES] + ["Văn bản"])


@lru_cache(maxsize=1)
def lower_types() -> str:
    # Matched against lower-cased text: far faster than IGNORECASE, which defeats the
    # scanner's jump to the possible first letters.
    return alternation([t.name.lower() for t in DOC_TYPES] + ["văn bản"])


@lru_cache(maxsize=1)
def rx() -> dict[str, re.Pattern[str]]:
    """Small patterns used in many places, compiled once."""
    return {
        "glue": re.compile(rf"(?<={letters(upper=False)})(?={upper_letters()})"),  # "vụTỉnh"
        "upper": re.compile(rf"\s*{upper_letters()}"),
        "type": re.compile(lower_types()),  # on lower-cased text
        "and": re.compile(bare(r"\s+và\s+")),
        "term_digits": re.compile(r"\d+$"),  # "UBTVQH15" -> "UBTVQH"
        "token": re.compile(r"[-/]"),
        "counted": re.compile(
            bare(r"(?<!\w)(?:năm|điều|khoản|điểm|chương|mục|tháng|ngày|lần|phần)\s*$"),
            re.IGNORECASE,
        ),
        "marked": re.compile("[" + "".join(sorted(_bases())) + "]"),  # a letter with marks
        "glued_type": re.compile(rf"(?<!{LETTER})[A-ZĐ][A-Za-zĐđ]{{0,4}}$"),  # "TT" of "TT36/2017"
        "tokens": re.compile(r"[^\W\d_][^\W_]*"),  # the letter tokens of a symbol
        "digits": re.compile(r"\d+"),
        # What ends a list: an article or chapter heading, or a quotation (amended wording).
        "lead_stop": re.compile(bare(r"\n\s*(?:Điều|Chương)\s+\d|[“\"]")),
        "grapheme": re.compile(r".[\u0300-\u036f]*", re.DOTALL),
        "glued_about": re.compile(rf"^về(?={LETTER})"),
        "joined": re.compile(bare(r"\s*(?:,|và|cùng)?\s*")),  # "217-QĐ/TW và ... 218-QĐ/TW"
        "listed": re.compile(bare(r"[\s,;]*(?:và)?\s*")),  # "40/QĐ-UBND ...; Quyết định số 42"
        "trailing_and": re.compile(bare(r"[\s,;]*\b(?:và|hoặc|cùng)$")),
    }


@lru_cache(maxsize=4096)
def tidy(raw: str) -> str:
    """A name or title for display: glue at a case change repaired, one space, one tone style."""
    text = normalize_name(rx()["glue"].sub(" ", raw))
    return text[:1].upper() + text[1:]


cached_key = lru_cache(maxsize=8192)(name_key)

def iso_date(day: str, month: str, year: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def after_patterns() -> dict[str, re.Pattern[str]]:
    starters = ("về", "quy định", "hướng dẫn", "ban hành", "phê duyệt", "sửa đổi")
    return {
        "date": re.compile(
            bare(r"\s*[,(]?\s*(?:(?:được\s*)?(?:ban\s*hành|ký)\s*)?(?i:ngày)\s*") + DATE
        ),
        "note": re.compile(r"\s*\[\d{1,3}\]"),  # a footnote mark: "ngày 17/01/2024[1]"
        "of": re.compile(bare(r"\s*,?\s*của\s*")),
        # "Nghị quyết số 30/2021/QH15 ngày 28 tháng 7 năm 2021 Kỳ họp thứ nhất, Quốc hội khóa
        # XV": the body that met is the issuer.
        "session": re.compile(
            bare(r"\s*,?\s*(?:tại\s*)?[Kk]ỳ\s*họp\s*thứ\s*[^\W_]+\s*,?\s*(?:của\s*)?")
            + bare(r"(?=Quốc\s*hội|Hội\s*đồng\s*nhân\s*dân)")
        ),
        "term": re.compile(bare(rf"\s*,?\s*(?:{KHOA}\s*{ROMAN}|nhiệm\s*kỳ\s*{YEARS})")),
        "quoted": re.compile(r"\s*,?\s*[“\"](?P<s>[^”\"]{2,300})[”\"]"),
        "about": re.compile(rf"\s*,?\s*(?P<s>(?:{alternation(starters)})(?!{LETTER}))"),
        "about_glued": re.compile(rf"\s*(?P<s>về|ve(?!{LETTER}))"),  # "uỷvềbáo cáo"
        "end": re.compile(r";|\.(?=\s|$|/)|\)|\n\s*[-+•]\s|\n\s*\d+(?:\.\d+)*\.\s|\n\s*[a-zđ]\)\s"),
        "repealed": re.compile(bare(r"[^;.]{0,40}?hết\s*hiệu\s*lực"), re.IGNORECASE),
    }
