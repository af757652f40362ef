"""Citations of other documents, numbered and named, with where they are in the text.

Numbered citations ("Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư khóa XII “về ...”")
are found with one compiled pattern for the shape of a code; the words around each code (its
type before it; date, issuer and subject after it; the verb that says why it is cited) are read
from a window of a few hundred characters, so the cost grows with the text and no faster.
Named references ("Điều lệ Đảng", "Quy hoạch tỉnh ... thời kỳ 2021 - 2030") come from a second
pass over a handful of head words.

PDF text glues words ("Chỉ thịsố50-CT/TW", "Ban Thường vụTỉnh\\nuỷvềbáo cáo") and breaks codes
over lines ("20-" / "QC/TU"): the patterns let spaces and line breaks be missing or present,
and accept both tone placements ("Ủy"/"Uỷ", "khóa"/"khoá"). The words around a code are also
read when typed without diacritics ("Quyet dinh so 1490/QD-TTg ngay 05/10/2021 cua Thu tuong
Chinh phu"), and decomposed (NFD) text is read as composed.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from vbgraph.extract.codes import ParsedCode, canonical_code, code_key, parse_code
from vbgraph.extract.doctypes import (
    AGENCY_HEADS,
    BASED_ON_OPENERS,
    CHARTERS,
    DOC_TYPES,
    INTENT_CUES,
    INTENT_OVERRIDES,
    ISSUER_NAMES,
    ISSUER_TOKENS,
    LAW_TYPE,
    LETTER_TYPE,
    NAMED_PROGRAMMES,
    STANDING_COMMITTEE_TYPE,
    UNIT_TOKENS,
)
from vbgraph.graph.model import Citation, Intent, SourceText
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


def _bare(pattern: str) -> str:
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


def _plain(phrase: str) -> str:
    """A phrase typed without diacritics, in its own case: "Bộ luật" -> "Bo luat"."""
    bases = _bases()
    return "".join(bases.get(char, char) for char in phrase)


_WINDOW = 240  # characters read before a code: a clause rarely runs longer
_AFTER = 400  # characters read after it: date, issuer and subject
_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LEAD = 1500  # how far back the words opening a list are looked for
_L = r"[^\W\d_]"  # a letter
_DASH = "\\-\u2010-\u2015\u2212"  # hyphen and the dashes PDF text uses for it
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))
_KHOA = "kh(?:óa|oá|oa)"  # khóa (a Party term, "khóa XII") in either tone style, or none
_DATE = _bare(r"(\d{1,2})\s*(?:[/.\-]|tháng)\s*(\d{1,2})\s*(?:[/.\-]|năm)\s*(\d{4})")
_YEARS = rf"\d{{4}}\s*[{_DASH}]\s*\d{{4}}"
_ROMAN = rf"[IVXLC]+(?!{_L})"
_HEADS = (
    "Nghị quyết", "Điều lệ", "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Quy hoạch", "Đề án",
    "Chương trình", "Kế hoạch", "Quy chế",
)  # the words a named reference starts with


# ------------------------------------------------------------------ pattern pieces



@lru_cache(maxsize=1)
def _old_tones() -> dict[str, str]:
    """New-style tone pair -> old style ("ủy" -> "uỷ"), for patterns that accept both."""
    pairs: dict[str, str] = {}
    for first, second in ("oa", "oe", "uy", "Oa", "Oe", "Uy", "OA", "OE", "UY"):
        for tone in "\u0300\u0301\u0309\u0303\u0323":
            new = unicodedata.normalize("NFC", first + tone) + second
            pairs[new] = first + unicodedata.normalize("NFC", second + tone)
    return pairs


def _spaced(phrase: str) -> str:
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


def _alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """Phrases as one pattern, longest first; each also as typed without diacritics, in a
    branch of its own: a class for every marked letter would defeat the scanner's jump to
    the possible first letters."""
    plain = {_plain(p) for p in phrases} - set(phrases)
    branches = [(p, _spaced(p)) for p in phrases]
    # A one-word phrase without its marks is often part of another word ("Soạn" for "Sở").
    branches += [(p, _spaced(p) + ("" if " " in p else f"(?!{_L})")) for p in plain]
    return "|".join(b for _, b in sorted(set(branches), key=lambda b: (-len(b[0]), b[0])))


@lru_cache(maxsize=2)
def _letters(upper: bool) -> str:
    """A class of Vietnamese capitals or small letters: no range will do, since Latin
    Extended Additional interleaves the cases (Ạ ạ Ả ả ...)."""
    letters = {
        chr(c)
        for c in range(0x41, 0x1EFA)
        if fold(chr(c)).isascii() and fold(chr(c)).isalpha() and chr(c).isupper() == upper
    }
    return "[" + "".join(sorted(letters)) + "]"


def _upper() -> str:
    return _letters(upper=True)


@lru_cache(maxsize=1)
def _type_names() -> dict[str, str]:
    """Folded type word without spaces -> its proper name ("nghidinh" -> "Nghị định")."""
    return {_key(t.name): t.name for t in DOC_TYPES}


@lru_cache(maxsize=1)
def _types() -> str:
    return _alternation([t.name for t in DOC_TYPES] + ["Văn bản"])


@lru_cache(maxsize=1)
def _lower_types() -> str:
    # Matched against lower-cased text: far faster than IGNORECASE, which defeats the
    # scanner's jump to the possible first letters.
    return _alternation([t.name.lower() for t in DOC_TYPES] + ["văn bản"])


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    """Small patterns used in many places, compiled once."""
    return {
        "glue": re.compile(rf"(?<={_letters(upper=False)})(?={_upper()})"),  # "vụTỉnh"
        "upper": re.compile(rf"\s*{_upper()}"),
        "type": re.compile(_lower_types()),  # on lower-cased text
        "and": re.compile(_bare(r"\s+và\s+")),
        "term_digits": re.compile(r"\d+$"),  # "UBTVQH15" -> "UBTVQH"
        "token": re.compile(r"[-/]"),
        "counted": re.compile(
            _bare(r"(?<!\w)(?:năm|điều|khoản|điểm|chương|mục|tháng|ngày|lần|phần)\s*$"),
            re.IGNORECASE,
        ),
        "marked": re.compile("[" + "".join(sorted(_bases())) + "]"),  # a letter with marks
        "glued_type": re.compile(rf"(?<!{_L})[A-ZĐ][A-Za-zĐđ]{{0,4}}$"),  # "TT" of "TT36/2017"
        "tokens": re.compile(r"[^\W\d_][^\W_]*"),  # the letter tokens of a symbol
        "digits": re.compile(r"\d+"),
        # What ends a list: an article or chapter heading, or a quotation (amended wording).
        "lead_stop": re.compile(_bare(r"\n\s*(?:Điều|Chương)\s+\d|[“\"]")),
        "grapheme": re.compile(r".[\u0300-\u036f]*", re.DOTALL),
        "glued_about": re.compile(rf"^về(?={_L})"),
        "joined": re.compile(_bare(r"\s*(?:,|và|cùng)?\s*")),  # "217-QĐ/TW và ... 218-QĐ/TW"
        "listed": re.compile(_bare(r"[\s,;]*(?:và)?\s*")),  # "40/QĐ-UBND ...; Quyết định số 42"
        "trailing_and": re.compile(_bare(r"[\s,;]*\b(?:và|hoặc|cùng)$")),
    }


@lru_cache(maxsize=4096)
def _tidy(raw: str) -> str:
    """A name or title for display: glue at a case change repaired, one space, one tone style."""
    text = normalize_name(_rx()["glue"].sub(" ", raw))
    return text[:1].upper() + text[1:]


_key = lru_cache(maxsize=8192)(name_key)


# ------------------------------------------------------------------ clauses and intent


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    text: str  # from the clause start to the position asked about
    boundary: str  # what ended the clause before: ";", ".", a bullet ...


@lru_cache(maxsize=1)
def _clause_end() -> re.Pattern[str]:
    # A line that opens with "Căn cứ" or "Thực hiện" starts a preamble clause even when the
    # title above it has no full stop.
    openers = _alternation(("Căn cứ", "Thực hiện", "Theo đề nghị", "Xét đề nghị"))
    return re.compile(
        r"[;!?()]|[.:](?=\s)|\n\s*[-+•*]\s|\n\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.)\s"
        rf"|\n(?=[ \t]*(?:{openers}))"
    )


def _clause(text: str, pos: int) -> _Clause:
    """The clause that ends at `pos`, at most `_WINDOW` characters long."""
    # Most clauses are short: look in the nearer half of the window first.
    for lo in (max(0, pos - _WINDOW // 2), max(0, pos - _WINDOW)):
        cut, boundary = lo, ""
        for match in _clause_end().finditer(text, lo, pos):
            cut, boundary = match.end(), match.group()
        if boundary or lo == 0:
            break
    return _Clause(cut, text[cut:pos], boundary.strip())


@lru_cache(maxsize=2)
def _intent_cues(plain: bool) -> tuple[re.Pattern[str], dict[str, tuple[Intent | None, bool]]]:
    """One lower-case pattern for every cue, and what each means by its folded key:
    (intent, strong). The pattern has no groups: they would slow the scan tenfold. `plain`:
    the cues as typed without diacritics, for clauses written so ("sua doi, bo sung")."""
    spell = _plain if plain else str
    meaning: dict[str, tuple[Intent | None, bool]] = {}
    phrases: list[tuple[str, str]] = []
    for phrase, intent in INTENT_OVERRIDES.items():
        phrases.append((phrase, _spaced(spell(phrase))))
        meaning[_key(phrase)] = (intent, False)
    for cue in INTENT_CUES:
        for word in cue.words:
            pattern = _spaced(spell(word))
            if " " not in word:  # one syllable ("theo"): only as a word of its own
                pattern = rf"{pattern}(?<!{_L}{pattern})(?!{_L})"
            phrases.append((word, pattern))
            meaning.setdefault(_key(word), (cue.intent, cue.strong))
    # Longer phrases first, so that "theo hướng dẫn" is read before "theo".
    parts = [pattern for _, pattern in sorted(phrases, key=lambda p: -len(p[0]))]
    return re.compile("|".join(parts)), meaning


@lru_cache(maxsize=1)
def _opener() -> re.Pattern[str]:
    return re.compile(rf"\W*(?:{_alternation(BASED_ON_OPENERS)})")


def _intent_of(clause: str) -> Intent | None:
    """The intent the words of one clause give: "Căn cứ" opening it, else the strong cue
    nearest the citation ("sơ kết ... thực hiện" reviews), else a general one."""
    lowered = clause.lower()
    if _opener().match(lowered):
        return Intent.BASED_ON
    plain = lowered.isascii() or not _rx()["marked"].search(lowered)  # “quotes”, dashes
    pattern, meaning = _intent_cues(plain)
    strong: Intent | None = None
    weak: Intent | None = None
    for match in pattern.finditer(lowered):
        intent, is_strong = meaning.get(_key(match.group()), (None, False))
        if intent is not None and is_strong:
            strong = intent
        elif intent is not None:
            weak = intent
    return strong or weak


def _intent_before(text: str, clause: _Clause) -> Intent:
    """Why a document is cited. A clause that is a list item after ";" with no verb of its
    own takes the opening words of the one before ("Căn cứ Luật A; Luật B": both bases)."""
    intent = _intent_of(clause.text)
    first = clause
    for _ in range(4):
        if intent is not None or clause.boundary != ";" or clause.start <= 1:
            break
        clause = _clause(text, clause.start - 1)
        intent = _opening_intent(clause)
    return intent or _intent_of_aside(text, first) or _intent_of_lead(text, first) or (
        Intent.MENTIONS
    )


def _opening_intent(clause: _Clause) -> Intent | None:
    """The intent of a clause's words before its first type word."""
    first = _rx()["type"].search(clause.text.lower())
    return _intent_of(clause.text[: first.start()] if first else clause.text)


def _intent_of_aside(text: str, clause: _Clause) -> Intent | None:
    """"thực hiện theo Thông tư số 02/2018/TT-TANDTC ... (sau đây viết tắt là ...), Thông tư
    số 01/2017/TT-TANDTC": a citation joined to the one before an aside shares its verb."""
    if clause.boundary != ")" or not _rx()["joined"].fullmatch(clause.text):
        return None
    opened = text.rfind("(", max(0, clause.start - _WINDOW), clause.start)
    if opened <= 0:
        return None
    before = _clause(text, opened)
    intent = _opening_intent(before)
    for _ in range(3):  # a long clause was cut by the window: read on back to its start
        if intent is not None or before.boundary or before.start == 0:
            break
        before = _clause(text, before.start)
        intent = _opening_intent(before)
    return intent


def _intent_of_lead(text: str, clause: _Clause) -> Intent | None:
    """A list item takes a strong intent from the words that open the list: "Các văn bản
    sau đây hết hiệu lực ...:" / "a) Nghị định số 68/2000/NĐ-CP ...;" repeals. Not across an
    article heading, nor into quoted text (the new wording of an amended article)."""
    if not clause.boundary or clause.boundary == ".":
        return None
    # The nearest colon that ends words ("như sau: Quyết định số ..."), not a time ("14:30").
    lo = max(0, clause.start - _LEAD)
    colon = text.rfind(":", lo, clause.start)
    while colon >= 0 and not text[colon + 1 : colon + 2].isspace():
        colon = text.rfind(":", lo, colon)
    if colon < 0 or _rx()["lead_stop"].search(text, colon, clause.start):
        return None
    intent = _intent_of(_clause(text, colon).text)
    # "Các nhiệm vụ cần thực hiện:" is too general to say why each item names a document.
    return None if intent in (None, Intent.IMPLEMENTS, Intent.MENTIONS) else intent


# ------------------------------------------------------------------ issuers


@lru_cache(maxsize=1)
def _known_issuers() -> tuple[tuple[str, str], ...]:
    names = sorted(set(ISSUER_NAMES), key=len, reverse=True)
    return tuple((_key(n), n) for n in names)


@lru_cache(maxsize=1)
def _known_issuer_pattern() -> re.Pattern[str]:
    # A post before the body: "của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch".
    posts = _alternation(("Bộ trưởng", "Thủ trưởng", "Chủ tịch", "Chánh án", "Viện trưởng"))
    return re.compile(rf"(?:(?:{posts})\s*)?(?:{_alternation(ISSUER_NAMES)})(?!{_L})")


@lru_cache(maxsize=1)
def _issuer_stop() -> re.Pattern[str]:
    # Words that end an agency's name: the subject ("về", glued or not), dates, verbs.
    words = (
        "ngày", "khóa", "nhiệm kỳ", "quy định", "hướng dẫn", "ban hành", "phê duyệt", "thì",
        "đã", "tại", "theo", "để", "đối với", "trong", "cho", "nhằm", "gắn với", "thực hiện",
        "sửa đổi", "bổ sung", "đang", "được", "là", "có", "kèm theo",
    )
    items = r"\n\s*(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s"
    about = rf"về|(?<!{_L})ve(?!{_L})"  # glued ("uỷvềbáo cáo"), or typed without diacritics
    return re.compile(rf"[;,.:()“”\"\[\]]|{about}|(?:{_alternation(words)})(?!{_L})|{items}")


def _known_prefix(name: str) -> str:
    """Give a known issuer name at the start of `name` its proper spelling."""
    key = _key(name)
    for known_key, known in _known_issuers():
        if key.startswith(known_key):
            taken, cut = 0, 0
            while cut < len(name) and taken < len(known_key):
                taken += len(_key(name[cut]))
                cut += 1
            return f"{known} {name[cut:]}".strip()
    return name


@lru_cache(maxsize=4096)
def _issuer(raw: str) -> str | None:
    """An agency's name as written (glue and spacing repaired), or None if it is not one."""
    for joint in _rx()["and"].finditer(raw):
        # "Đảng bộ tỉnh và kiểm điểm", "Chính phủ và Quyết định này": the name has ended.
        rest = raw[joint.end() :]
        if rest[:1].islower() or _rx()["type"].match(rest.lower()):
            raw = raw[: joint.start()]
            break
    name = _tidy(raw)
    if not _rx()["upper"].match(raw) or len(name.split()) > 12 or "/" in name:
        return None  # not a name, or a page header run into the text
    return normalize_name(_known_prefix(name))


def _issuer_after(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The agency named at `pos` (just after "của") and where its name ends. A known name
    is taken whole even where it holds a stop ("Bộ Văn hóa, Thể thao và Du lịch")."""
    cap = min(limit, pos + 120)
    head = text[pos:cap]
    if _lost_capital(head[:1]):
        # TCVN3 fonts had no capitals with tone marks: "ủy ban nhân dân tỉnh" in text
        # converted from them is "Ủy ban nhân dân tỉnh".
        head = head[0].upper() + head[1:]
    known = _known_issuer_pattern().match(head)
    stop = _issuer_stop().search(text, pos + (known.end() if known else 0), cap)
    if stop is None and cap == pos + 120:
        return None, pos  # no end in sight: not a name
    end = stop.start() if stop else cap
    name = _issuer(head[: end - pos] if known else text[pos:end])
    return name, (pos + len(text[pos:end].rstrip()) if name else pos)


def _lost_capital(letter: str) -> bool:
    """A small letter with a tone mark: where a TCVN3 capital was lost ("ủy" for "Ủy")."""
    return letter.islower() and any(
        mark in _TONE_MARKS for mark in unicodedata.normalize("NFD", letter)
    )


# ------------------------------------------------------------------ numbered citations


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    code: str
    parsed: ParsedCode
    head: int  # where its words begin: the type word, or the number itself
    tail: int  # where its date, issuer and subject end
    doc_type: str | None = None
    title: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    subject_at: int = 0  # where the subject starts, to cut it at the next citation
    agency_before: str | None = None
    intent: Intent | None = None

    def citation(self, text: str) -> Citation:
        year = self.parsed.year or (int(self.date[:4]) if self.date else None)
        return Citation(
            as_written=text[self.start : self.end],
            start=self.start,
            end=self.end,
            code=self.code,
            doc_type=self.doc_type or _type_from_symbol(self.parsed),
            number=self.parsed.number,
            symbol=self.parsed.symbol,
            year=year,
            issued_date=self.date,
            issuer=self.issuer,
            subject=self.subject,
            title=self.title,
            intent=self.intent or Intent.MENTIONS,
        )


@lru_cache(maxsize=1)
def _code_pattern() -> re.Pattern[str]:
    tokens = {a for t in DOC_TYPES for a in t.abbreviations} | {t.token for t in ISSUER_TOKENS}
    mixed = sorted((t for t in tokens if t != t.upper()), key=len, reverse=True)
    # "BNN&PTNT" may be broken at its ampersand: "BNN\n&PTNT". A token in small letters
    # ("36-hd/vptw", TCVN3 text that lost its capitals) must end at a non-letter and be
    # known (`_plausible`).
    tok = (
        rf"(?:{'|'.join(map(re.escape, mixed))}|[A-ZĐ][A-ZĐ0-9]*(?:\s*&\s*[A-ZĐ0-9]+)*"
        rf"|[a-zđ][a-zđ0-9]*(?!{_L}))"
    )
    dash = f"[{_DASH}]"
    # After a spaced dash the next token must end at a non-letter: "QĐ-TTg - Thủ tướng".
    more = rf"(?:{dash}{tok}|[ \t]*{dash}\s*{tok}(?!{_L}))"
    # The first digit is matched before the look-behind so that the scan can jump from digit
    # to digit; the look-behind keeps out longer numbers, dates and standards ("22/12/1944",
    # "QCVN 07:2024/BCA").
    number = rf"(?P<n>\d(?<![\d.,:/{_DASH}]\d)\d{{0,4}}(?:\.\d{{3}})?)"
    # The hyphen of a Party code may be dropped ("84 QĐ/TWĐTN"): then the type must be known.
    party = rf"(?:[ \t]*{dash}\s*|[ \t]?)(?P<type>{tok})[ \t]*/\s*{tok}{more}*(?:/nb)?"
    state = rf"[ \t]*/\s*(?:(?P<year>(?:19|20)\d\d)[ \t]*[/{_DASH}]\s*)?(?P<sym>{tok}{more}*)"
    # "TT36/2017": a short form with the type glued before the number and no issuer.
    short = rf"/(?P<short>(?:19|20)\d\d)(?![\d/{_DASH}])"
    return re.compile(rf"{number}(?:{party}|{state}|{short})")


@lru_cache(maxsize=1)
def _issuer_token_keys() -> frozenset[str]:
    return frozenset(fold(t.token) for t in ISSUER_TOKENS)


@lru_cache(maxsize=1)
def _type_token_keys() -> frozenset[str]:
    return frozenset(fold(a) for t in DOC_TYPES for a in t.abbreviations)


@lru_cache(maxsize=1)
def _known_token_keys() -> frozenset[str]:
    return _issuer_token_keys() | _type_token_keys() | {fold(t) for t in UNIT_TOKENS}


def _plausible(match: re.Match[str]) -> bool:
    """Shape checks the pattern leaves to code: a Party type token is short and, without
    its hyphen, known; a one-token State symbol must be a known issuer ("Nghị định số
    25/CP"); tokens in small letters must all be known ("1/ha" is a rate, "1490/qd-ttg" a
    code)."""
    if match.end() - match.start() > 100:
        return False  # no symbol is that long
    if match.group("short"):
        return _short_prefix(match) is not None
    raw = match.group()
    if raw != raw.upper() and not _small_tokens_known(raw[len(match.group("n")) :]):
        return False
    doc_type = match.group("type")
    if doc_type is not None:
        hyphen = raw[len(match.group("n")) : match.start("type") - match.start()].strip()
        if len(doc_type) > 5:
            return False
        # Without its hyphen the number may be a count or a year: "năm 2024 BC/TU".
        return bool(hyphen) or (
            fold(doc_type) in _type_token_keys()
            and not _rx()["counted"].search(match.string, max(0, match.start() - 12),
                                            match.start())
        )
    symbol = match.group("sym")
    if match.group("year") or _rx()["token"].search(symbol.translate(_HYPHENS)):
        return True
    return fold(_rx()["term_digits"].sub("", symbol)) in _issuer_token_keys()


def _short_prefix(match: re.Match[str]) -> str | None:
    """The type token glued before the number of a short form ("TT" of "TT36/2017")."""
    glued = _rx()["glued_type"].search(match.string, max(0, match.start() - 6), match.start())
    return glued.group() if glued and fold(glued.group()) in _type_token_keys() else None


@lru_cache(maxsize=1)
def _issuer_tokens_by_name() -> tuple[tuple[str, str], ...]:
    """(name key, token) of the issuers with a name, longest name first."""
    named = [(_key(t.name), t.token) for t in ISSUER_TOKENS if t.name]
    return tuple(sorted(named, key=lambda pair: -len(pair[0])))


def _complete_short(item: _Found, prefix: str) -> None:
    """"Thông tư TT36/2017 của Bộ Tài chính" is 36/2017/TT-BTC: the issuer named after a short
    form gives its token."""
    key = _key(item.issuer or "")
    for name, token in _issuer_tokens_by_name():
        if key.endswith(name):  # "Bộ trưởng Bộ Tài chính" ends with "Bộ Tài chính"
            code = _canonical(f"{item.parsed.number}/{item.parsed.year}/{prefix}-{token}")
            if code is not None:
                item.code, item.parsed = code, _parse(code)
            return


def _small_tokens_known(symbol: str) -> bool:
    for token in _rx()["tokens"].findall(symbol):
        if token[0].islower() and fold(_rx()["term_digits"].sub("", token)) not in (
            _known_token_keys()
        ):
            return False
    return True


def _type_from_symbol(parsed: ParsedCode) -> str | None:
    """The type a symbol implies when no word names it (see DOC_TYPES for the order)."""
    letters = fold(_rx()["term_digits"].sub("", _rx()["token"].split(parsed.symbol)[0]))
    single = "-" not in parsed.symbol and "/" not in parsed.symbol
    if letters == "tt":  # Thông tư carries its year: 03/2021/TT-BNV; Thông tri does not
        return "Thông tư" if parsed.system == "state" and parsed.year else "Thông tri"
    if single and letters == "qh":
        return LAW_TYPE
    if single and letters == "ubtvqh":
        return STANDING_COMMITTEE_TYPE
    for doc_type in DOC_TYPES:
        if any(fold(a) == letters for a in doc_type.abbreviations):
            return doc_type.name
    return LETTER_TYPE if parsed.system == "state" else None


def _fits(word: str, parsed: ParsedCode) -> bool:
    """Whether a type word agrees with the symbol. A capitalised word is the writer's choice
    and wins ("Quy định số 208-QĐ/TW"); a lower-case one may be a common noun ("theo hợp
    đồng số 72/2006/QH11")."""
    name = _type_names().get(_key(word))
    if name is None or word[:1].isupper():
        return True
    first = fold(_rx()["token"].split(parsed.symbol)[0])
    if first in _type_token_keys() and ("-" in parsed.symbol or "/" in parsed.symbol):
        return any(fold(a) == first for t in DOC_TYPES if t.name == name for a in t.abbreviations)
    if _type_from_symbol(parsed) in (LAW_TYPE, STANDING_COMMITTEE_TYPE):
        return name in ("Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh")
    return True


@lru_cache(maxsize=1)
def _before_patterns() -> dict[str, re.Pattern[str]]:
    types, heads = _types(), _alternation(AGENCY_HEADS)
    numbers = _bare(r"(?P<list>(?:\d{1,5}\s*(?:,|và)\s*)*)")
    so = _bare("số")
    return {
        # "type" and "list" are matched against lower-cased text.
        "type": re.compile(rf"(?P<type>{_lower_types()})\s*(?:{so}\s*:?)?\s*{numbers}$"),
        "list": re.compile(rf"(?<!{_L}){so}\s*:?\s*{numbers}$"),
        "titled": re.compile(
            rf"(?P<type>{types})\s+(?P<title>{_upper()}[^;:.()“”]{{0,150}}?)\s*{so}\s*:?\s*$"
        ),
        "issued": re.compile(
            _bare(r"(?:đã\s*|vừa\s*)?(?:có|ban\s*hành|ký|gửi)\s*(?:các\s*)?")
            + rf"(?i:{types})\s*(?:{so}\s*:?)?\s*{numbers}$"
        ),
        "heads": re.compile(rf"(?:{heads})"),
        "date": re.compile(_bare(r"(?i:ngày)\s*") + rf"{_DATE}[\s,]*$"),
        "header": re.compile(rf"\s*(?:(?i:{types})\s*)?(?:{_bare('Số')}\s*:?|(?i:{so})\s*:)\s*"),
        "form": re.compile(_bare(r"(?:mẫu|biểu|phụ\s*lục)\s*(?:số)?\s*:?\s*$"), re.IGNORECASE),
    }


def _read_before(found: _Found, clause: _Clause) -> list[_Found]:
    """Type word, a title between type and number ("Luật Tổ chức Quốc hội số ..."), the
    agency named before, and numbers sharing the symbol ("số 18, 19-NQ/TW"), which are
    returned as citations of their own."""
    pats, words, end = _before_patterns(), clause.text, len(clause.text)
    lowered = words.lower()
    if len(lowered) != len(words):  # a rare letter whose lower case is longer ("İ")
        lowered = words
    typed = pats["type"].search(lowered, max(0, end - 80))
    written = words[typed.start("type") : typed.end("type")] if typed else ""
    if typed and not _fits(written, found.parsed):
        typed, written = None, ""
    # A capitalised type with a name before "số" beats a common noun ("Luật Ban hành văn
    # bản quy phạm pháp luật số 80/2015/QH13": not "luật số").
    titled = pats["titled"].search(words) if not written[:1].isupper() else None
    if titled:
        found.doc_type = _type_names().get(_key(titled.group("type")))
        found.title = _tidy(f"{titled.group('type')} {titled.group('title')}")
        found.head = clause.start + titled.start()
    elif typed:
        found.doc_type = _type_names().get(_key(written))
        found.head = clause.start + typed.start()
    typed = typed or pats["list"].search(lowered, max(0, end - 60))
    if issued := pats["issued"].search(words, max(0, end - 100)):
        _agency_before(found, words[: issued.start()], pats)
    if typed and typed.group("list"):
        return _shared_numbers(found, clause.start + typed.start("list"), typed.group("list"))
    return []


def _agency_before(found: _Found, lead: str, pats: dict[str, re.Pattern[str]]) -> None:
    """"UBND xã đã có Công văn số ...": the agency named nearest before the verb."""
    for head in pats["heads"].finditer(lead):
        if head.start() and lead[head.start() - 1].isalpha():
            continue  # inside a word
        candidate = lead[head.start() :]
        if len(candidate) <= 80 and not _issuer_stop().search(candidate):
            found.agency_before = _issuer(candidate)
            if date := pats["date"].search(lead[: head.start()]):
                found.date = found.date or _iso(*date.groups())
            return


def _shared_numbers(found: _Found, pos: int, numbers: str) -> list[_Found]:
    extras = []
    for number in _rx()["digits"].finditer(numbers):
        code = _with_number(found.parsed, number.group())
        if code is not None:
            start, end = pos + number.start(), pos + number.end()
            parsed = found.parsed._replace(number=number.group())
            extras.append(_Found(start, end, code, parsed, found.head, end))
    return extras


def _with_number(parsed: ParsedCode, number: str) -> str | None:
    if parsed.system == "party" and "/" in parsed.symbol:
        return canonical_code(f"{number}-{parsed.symbol}")
    if parsed.year:
        return canonical_code(f"{number}/{parsed.year}/{parsed.symbol}")
    return canonical_code(f"{number}/{parsed.symbol}")


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _after_patterns() -> dict[str, re.Pattern[str]]:
    starters = ("về", "quy định", "hướng dẫn", "ban hành", "phê duyệt", "sửa đổi")
    return {
        "date": re.compile(
            _bare(r"\s*[,(]?\s*(?:(?:được\s*)?(?:ban\s*hành|ký)\s*)?(?i:ngày)\s*") + _DATE
        ),
        "note": re.compile(r"\s*\[\d{1,3}\]"),  # a footnote mark: "ngày 17/01/2024[1]"
        "of": re.compile(_bare(r"\s*,?\s*của\s*")),
        # "Nghị quyết số 30/2021/QH15 ngày 28 tháng 7 năm 2021 Kỳ họp thứ nhất, Quốc hội khóa
        # XV": the body that met is the issuer.
        "session": re.compile(
            _bare(r"\s*,?\s*(?:tại\s*)?[Kk]ỳ\s*họp\s*thứ\s*[^\W_]+\s*,?\s*(?:của\s*)?")
            + _bare(r"(?=Quốc\s*hội|Hội\s*đồng\s*nhân\s*dân)")
        ),
        "term": re.compile(_bare(rf"\s*,?\s*(?:{_KHOA}\s*{_ROMAN}|nhiệm\s*kỳ\s*{_YEARS})")),
        "quoted": re.compile(r"\s*,?\s*[“\"](?P<s>[^”\"]{2,300})[”\"]"),
        "about": re.compile(rf"\s*,?\s*(?P<s>(?:{_alternation(starters)})(?!{_L}))"),
        "about_glued": re.compile(rf"\s*(?P<s>về|ve(?!{_L}))"),  # "uỷvềbáo cáo"
        "end": re.compile(r";|\.(?=\s|$|/)|\)|\n\s*[-+•]\s|\n\s*\d+(?:\.\d+)*\.\s|\n\s*[a-zđ]\)\s"),
        "repealed": re.compile(_bare(r"[^;.]{0,40}?hết\s*hiệu\s*lực"), re.IGNORECASE),
    }


def _read_after(text: str, found: _Found, limit: int) -> None:
    """Date, issuer, term and subject written after the code, in that order; the date may
    also follow the issuer."""
    pats, pos = _after_patterns(), found.end
    limit = min(limit, found.end + _AFTER)
    for _ in range(2):
        if not found.date and (date := pats["date"].match(text, pos, limit)):
            found.date, pos = _iso(*date.groups()), date.end()
        if note := pats["note"].match(text, pos, limit):
            pos = note.end()
        if not found.issuer and (
            of := pats["of"].match(text, pos, limit) or pats["session"].match(text, pos, limit)
        ):
            found.issuer, end = _issuer_after(text, of.end(), limit)
            pos = max(pos, end)
        if term := pats["term"].match(text, pos, limit):
            pos = term.end()
    found.tail = _read_subject(text, pos, limit, found)
    if pats["repealed"].match(text, found.tail, limit):
        found.intent = Intent.REPEALS


def _read_subject(text: str, pos: int, limit: int, found: _Found) -> int:
    """The subject ("về ..." to the clause end, or a quoted title); returns where it ends."""
    pats = _after_patterns()
    if quoted := pats["quoted"].match(text, pos, limit):
        found.subject = " ".join(quoted.group("s").split())
        found.subject_at = quoted.start("s")
        return quoted.end()
    about = pats["about"].match(text, pos, limit) or pats["about_glued"].match(text, pos, limit)
    if about is None:
        return pos
    end = pats["end"].search(text, about.start("s"), limit)
    found.subject_at = about.start("s")
    return _set_subject(text, found, end.start() if end else limit)


def _set_subject(text: str, found: _Found, stop: int) -> int:
    subject = " ".join(text[found.subject_at : stop].split()).rstrip(" ,;:–-")
    if subject.count("(") > subject.count(")"):
        # "... (sau đây viết tắt là" cut at the clause end: drop the open aside.
        subject = subject[: subject.rindex("(")].rstrip(" ,;:–-")
    subject = _rx()["trailing_and"].sub("", subject)
    found.subject = _rx()["glued_about"].sub("về ", subject) or None  # "vềbáo cáo": glue
    return stop


def _own_header(text: str, start: int, pats: dict[str, re.Pattern[str]]) -> bool:
    """Whether the code is the document's own number in its header ("Số: 21/CT-TTg",
    "Luật số: 69/2020/QH14") or a form's ("Mẫu số 01")."""
    if pats["form"].search(text, max(0, start - 20), start):
        return True
    # Look back a little only: a long line without breaks must not be scanned again and again.
    line_start = text.rfind("\n", max(0, start - 40), start) + 1
    if line_start == 0 and start > 40:
        return False
    return bool(pats["header"].fullmatch(text, line_start, start))


def _in_link(text: str, match: re.Match[str]) -> bool:
    """Whether the code is part of a web address ("...aspx?Keyword=30/2020/nd-cp"): the
    address is no sentence of the document."""
    start = match.start()
    if start == 0 or text[start - 1].isspace():
        return False
    lo = max(0, start - 300)
    word = text[max(text.rfind(" ", lo, start), text.rfind("\n", lo, start)) + 1 : start]
    return "://" in word or word.startswith("www.")


def _numbered(text: str, own: str | None) -> list[tuple[_Found, _Clause]]:
    matches = [m for m in _code_pattern().finditer(text) if _plausible(m)]
    found: list[tuple[_Found, _Clause]] = []
    pats = _before_patterns()
    for i, match in enumerate(matches):
        start, prefix = match.start(), _short_prefix(match) if match.group("short") else None
        if prefix:
            start -= len(prefix)
            code = _canonical(f"{match.group('n')}/{match.group('short')}/{prefix}")
        else:
            code = _canonical(match.group())
        if code is None or _own_header(text, start, pats) or _in_link(text, match):
            continue
        limit = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        item = _Found(start, match.end(), code, _parse(code), start, 0)
        clause = _clause(text, start)
        extras = _read_before(item, clause)
        _read_after(text, item, limit)
        if prefix:
            _complete_short(item, prefix)
        for each in [*extras, item]:
            if own is None or code_key(each.code) != own:
                found.append((each, clause))
    return found


_canonical = lru_cache(maxsize=4096)(canonical_code)
_parse = lru_cache(maxsize=4096)(parse_code)


def _coordinate(text: str, found: list[tuple[_Found, _Clause]]) -> None:
    """Share what one citation of a list says with the others, then settle each intent.

    "Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị":
    date and issuer are written once, after the last. "Ủy ban nhân dân xã ban hành Quyết định
    số 40/QĐ-UBND ...; Quyết định số 42/QĐ-UBND ...": the issuer is named before the first.
    """
    items = [f for f, _ in found]
    for a, b in itertools.pairwise(items):
        if a.head < b.head < a.tail:  # a's subject ran on into b's type word
            a.tail = b.head
            a.subject = None
            if a.subject_at and a.subject_at < b.head:
                _set_subject(text, a, b.head)
    for a, b in reversed(list(itertools.pairwise(items))):
        if _rx()["joined"].fullmatch(_gap(text, a, b)):
            a.date = a.date or b.date
            a.issuer = a.issuer or b.issuer
            a.subject = a.subject or b.subject
    for a, b in itertools.pairwise(items):
        if a.agency_before and not b.issuer and _rx()["listed"].fullmatch(_gap(text, a, b)):
            b.agency_before = b.agency_before or a.agency_before
    previous: _Found | None = None
    for item, clause in found:
        item.issuer = item.issuer or item.agency_before
        if item.intent is None:
            words = clause.text[: item.head - clause.start]
            if previous and clause.start <= previous.subject_at < item.head <= previous.tail:
                # "Nghị định số 101/2020/NĐ-CP ... sửa đổi, bổ sung một số điều của Nghị định
                # số 123/2016/NĐ-CP": that verb is what the other document does.
                words = words[: previous.subject_at - clause.start]
            item.intent = _intent_before(text, _Clause(clause.start, words, clause.boundary))
        previous = item


def _gap(text: str, a: _Found, b: _Found) -> str:
    """The words between two citations: from the end of a's to the start of b's."""
    return text[a.tail : b.head if b.head >= a.tail else b.start]


# ------------------------------------------------------------------ named references


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
    inner = rf"\s*(?:công\s*chức|chống)(?!{_L})"  # the commas inside a law's name
    # "và" joins a short tail in small letters to the name ("Luật Giáo dục quốc phòng và an
    # ninh."), not another law, a list or "các quy định khác".
    small = f"{_letters(upper=False)}+"
    others = rf"(?:các|những|quy\s*định|văn\s*bản|pháp\s*luật|điều|khoản|{stops})(?!{_L})"
    tail = rf"\s+(?!{others}){small}(?:\s+(?!{others}){small}){{0,2}}\s*(?:[;.,()“”:]|$)"
    stops += rf"|và(?!{tail})"
    end = rf"(?=\s*(?:[;.()“”:]|,(?!{inner})|$)|\s+(?:{stops})(?!{_L}))"
    piece = rf"(?:[^;.,()“”:\n]|,(?={inner}))*?"
    head = _bare(r"(?:Bộ\s*luật|Luật|Pháp\s*lệnh)\s+")
    return rf"{head}{_upper()}{piece}(?:\n{piece})??{_bare(end)}"


def _party_patterns() -> dict[str, str]:
    """Congress and plenum resolutions, and the programmes that carry them out."""
    up = _upper()
    name = rf"{up}{_L}*(?:\s+{up}{_L}*){{0,3}}"
    level = r"(?:tỉnh|thành\s*phố|huyện|quận|thị\s*xã|xã|phường|thị\s*trấn)"
    ordinal = rf"(?:\s*lần\s*thứ\s*{_ROMAN})?(?:\s*,?\s*nhiệm\s*kỳ\s*{_YEARS})?"
    congress = (
        r"Nghị\s*quyết\s*(?:của\s*)?Đại\s*hội\s*(?:[Đđ]ại\s*biểu\s*)?(?:"
        rf"(?:[Đđ]ảng\s*bộ\s*(?:{level}(?:\s+{name})?|{name})|toàn\s*quốc){ordinal}"
        rf"(?:\s*của\s*Đảng)?|(?:lần\s*thứ\s*)?{_ROMAN}\s*của\s*Đảng)"
    )
    plenum = (
        r"Nghị\s*quyết\s*(?:Hội\s*nghị\s*)?(?:Ban\s*Chấp\s*hành\s*)?Trung\s*ương\s*"
        rf"(?:\d{{1,2}}|lần\s*thứ\s*{_L}+)\s*,?\s*{_KHOA}\s*{_ROMAN}"
    )
    body = r"(?:của\s*[^;.:()“”]{1,100}?\s*)?"
    return {
        "congress": congress,
        "plenum": plenum,
        "action": rf"Chương\s*trình\s*hành\s*động\s*{body}thực\s*hiện\s*(?:{congress}|{plenum})",
        "work": (  # Chương trình công tác (quý IV) năm 2024
            rf"Chương\s*trình\s*công\s*tác\s*{body}"
            rf"(?:(?:quý\s*{_ROMAN}|\d\s*tháng\s*(?:đầu|cuối))\s*,?\s*)?năm\s*\d{{4}}(?!\d)"
        ),
        "rules": (
            r"[Qq]uy\s*chế\s*làm\s*việc\s*của\s*(?!\s|các\s)[^;.:()“”]{2,120}?"
            rf"(?=\s*(?:[;.:()“”]|$)|\s*,?\s*(?:nhiệm\s*kỳ|{_KHOA})|\s*,(?!\s*{up})"
            r"|\s+(?:và|để|nhằm|theo|được|đã|trong|từ)\s)"
            rf"(?:\s*,?\s*(?:nhiệm\s*kỳ\s*{_YEARS}|{_KHOA}\s*{_ROMAN}))?"
        ),
    }


@lru_cache(maxsize=1)
def _named_patterns() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Head word -> the (kind, pattern) pairs tried in order there; the first match wins."""
    heads = r"Đề\s*án|Chương\s*trình|Kế\s*hoạch|Nghị\s*quyết|Quy\s*hoạch|Luật|Quy\s*chế"
    timeframe = (
        rf"(?:(?:giai\s*đoạn|thời\s*kỳ|\d{{1,2}}\s*năm|năm)\s*{_YEARS}|đến\s*năm\s*\d{{4}})"
        r"(?:\s*,\s*(?:tầm\s*nhìn|định\s*hướng)\s*(?:đến\s*)?(?:năm\s*)?\d{4})?"
    )
    patterns = {
        "quoted": rf"(?P<h>{heads})\s*(?:số\s*\d+\s*)?[“\"](?P<q>[^”\"]{{3,300}})[”\"]",
        # "Hiến pháp năm 2013": the year names one constitution; "tuân thủ Hiến pháp và pháp
        # luật" alone is a principle, not a reference.
        "constitution": _bare(
            r"Hiến\s*pháp\s*(?:nước\s*Cộng\s*h(?:òa|oà)\s*xã\s*hội\s*chủ\s*nghĩa\s*Việt\s*Nam"
            r"\s*)?năm\s*\d{4}(?!\d)"
        ),
        "charter": rf"(?:{_alternation(CHARTERS)})",
        "programme": rf"(?:{_alternation(NAMED_PROGRAMMES)})(?:\s*\((?P<abbr>[A-Z]{{2,10}})\))?",
        **_party_patterns(),
        "national": (
            r"Chương\s*trình\s*mục\s*tiêu\s*quốc\s*gia\s*(?:về\s*)?[^;.,:()“”]{3,120}?"
            r"(?=\s*(?:[;.,:()]|gắn\s*với|nhằm|trong|trên\s*địa\s*bàn|giai\s*đoạn|năm\s*\d|$))"
        ),
        "plan": (
            r"Quy\s*hoạch\s*(?:tỉnh|thành\s*phố|vùng|tổng\s*thể|quốc\s*gia|sử\s*dụng\s*đất)"
            rf"[^;.()“”:]{{0,100}}?thời\s*kỳ\s*{_YEARS}"
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
            table.setdefault(_key(head), []).append((kind, compiled))
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
    return re.compile(_alternation((*_HEADS, "quy chế")))


@lru_cache(maxsize=1)
def _head_names() -> dict[str, str]:
    return {_key(h): h for h in _HEADS}


@lru_cache(maxsize=1)
def _table_titles() -> dict[str, str]:
    return {_key(t): t for t in (*CHARTERS, *NAMED_PROGRAMMES)}


_IMPLEMENTING = re.compile(
    r"(?:(?:thực\s*hiện|triển\s*khai|quán\s*triệt|cụ\s*thể\s*h(?:óa|oá)|bám\s*sát)"
    r"(?:\s*(?:có\s*)?hiệu\s*quả|\s*tốt)?"
    # "bám sát các nội dung, tiêu chí, quan điểm của Đề án ... giai đoạn 2020 - 2021"
    r"(?:[^;.]{0,80}?\s(?:của|theo|tại))?|(?<!\w)theo)\s*$",
    re.IGNORECASE,
)
_ENACTING = re.compile(r"ban\s*hành\s*$", re.IGNORECASE)


def _named_at(text: str, head: re.Match[str]) -> tuple[str, int, str, _Clause] | None:
    """(kind, end, title, clause before) of a named reference at `head`, or None."""
    pos, limit = head.start(), min(len(text), head.start() + _AFTER)
    clause: _Clause | None = None
    for kind, pattern in _named_patterns().get(_key(head.group()), []):
        match = pattern.match(text, pos, limit)
        if match is None:
            continue
        clause = clause or _clause(text, pos)
        if kind == "timeframed" and not _IMPLEMENTING.search(clause.text):
            continue  # "Kế hoạch ... giai đoạn 2026 - 2030" still to be drafted is no reference
        if kind in ("law", "amending") and _ENACTING.search(clause.text):
            return None  # "Quốc hội ban hành Luật ...": the document itself
        return kind, match.end(), _named_title(kind, match), clause
    return None


def _named_title(kind: str, match: re.Match[str]) -> str:
    if kind == "quoted":
        return _tidy(f"{match.group('h')} {match.group('q')}")
    if kind in ("charter", "programme"):
        title = _table_titles().get(_key(match.group(0).split("(")[0]), match.group(0))
        abbr = match.groupdict().get("abbr")
        return f"{title} ({abbr})" if abbr else _tidy(title)
    return _tidy(match.group(0))


def _named(text: str, claimed: list[tuple[int, int]]) -> list[Citation]:
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
        doc_type = _head_names().get(_key(head.group()))
        intent = _intent_before(text, clause)
        # "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015": a law is cited by its
        # name and the date it was passed.
        date = _after_patterns()["date"].match(text, end, min(len(text), end + 60))
        issued = _iso(*date.groups()) if date else None
        out.append(
            Citation(
                text[pos:end], pos, end, doc_type=doc_type, title=title, intent=intent,
                issued_date=issued, year=int(issued[:4]) if issued else None,
            )
        )
        taken = end
    return out


# ------------------------------------------------------------------ entry point


def find_citations(source: SourceText, own_code: str | None = None) -> list[Citation]:
    """Every citation in `source`, numbered and named, in text order.

    `own_code` is the document's own number: it is never a citation, however it is spelt
    ("28/2021/QĐ-TTG"). A number in the header line ("Số: 21/CT-TTg") is skipped as well.
    Text in decomposed form (NFD, as some Mac and web tools write it) is read as composed;
    offsets and quotes still point into the text as given.
    """
    text = source.text
    if unicodedata.is_normalized("NFC", text):
        return _find(text, own_code)
    composed, origin = _composed(text)
    return [
        replace(c, as_written=text[origin[c.start] : origin[c.end]], start=origin[c.start],
                end=origin[c.end])
        for c in _find(composed, own_code)
    ]


def _composed(text: str) -> tuple[str, list[int]]:
    """NFC text, and for each of its offsets (and its end) the offset in `text`."""
    pieces: list[str] = []
    origin: list[int] = []
    # A letter and the marks after it compose within that run only.
    for run in _rx()["grapheme"].finditer(text):
        piece = unicodedata.normalize("NFC", run.group())
        pieces.append(piece)
        origin += [run.start()] * len(piece)
    origin.append(len(text))
    return "".join(pieces), origin


def _find(text: str, own_code: str | None) -> list[Citation]:
    own = code_key(own_code) if own_code else None
    found = _numbered(text, own)
    _coordinate(text, found)
    numbered = [f.citation(text) for f, _ in found]
    claimed = sorted((f.head, max(f.tail, f.end)) for f, _ in found)
    return sorted(numbered + _named(text, claimed), key=lambda c: (c.start, c.end))


__all__ = ["find_citations"]
