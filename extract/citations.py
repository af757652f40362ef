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

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from vbgraph.extract.codes import ParsedCode, canonical_code, code_key, parse_code
from vbgraph.extract.doctypes import (
    AGENCY_HEADS,
    DOC_TYPES,
    ISSUER_TOKENS,
    LAW_TYPE,
    LETTER_TYPE,
    STANDING_COMMITTEE_TYPE,
    UNIT_TOKENS,
)
from vbgraph.extract.intent import Clause, clause_at, intent_before
from vbgraph.extract.issuers import issuer_after, issuer_name, issuer_stop
from vbgraph.extract.named import find_named
from vbgraph.extract.wording import (
    AFTER,
    DASH,
    DATE,
    HYPHENS,
    LETTER,
    after_patterns,
    alternation,
    bare,
    cached_key,
    iso_date,
    lower_types,
    rx,
    tidy,
    type_names,
    types_pattern,
    upper_letters,
)
from vbgraph.graph.model import Citation, Intent, SourceText
from vbgraph.vntext import fold


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
        rf"|[a-zđ][a-zđ0-9]*(?!{LETTER}))"
    )
    dash = f"[{DASH}]"
    # After a spaced dash the next token must end at a non-letter: "QĐ-TTg - Thủ tướng".
    more = rf"(?:{dash}{tok}|[ \t]*{dash}\s*{tok}(?!{LETTER}))"
    # The first digit is matched before the look-behind so that the scan can jump from digit
    # to digit; the look-behind keeps out longer numbers, dates and standards ("22/12/1944",
    # "QCVN 07:2024/BCA").
    number = rf"(?P<n>\d(?<![\d.,:/{DASH}]\d)\d{{0,4}}(?:\.\d{{3}})?)"
    # The hyphen of a Party code may be dropped ("84 QĐ/TWĐTN"): then the type must be known.
    party = rf"(?:[ \t]*{dash}\s*|[ \t]?)(?P<type>{tok})[ \t]*/\s*{tok}{more}*(?:/nb)?"
    state = rf"[ \t]*/\s*(?:(?P<year>(?:19|20)\d\d)[ \t]*[/{DASH}]\s*)?(?P<sym>{tok}{more}*)"
    # "TT36/2017": a short form with the type glued before the number and no issuer.
    short = rf"/(?P<short>(?:19|20)\d\d)(?![\d/{DASH}])"
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
            and not rx()["counted"].search(match.string, max(0, match.start() - 12),
                                            match.start())
        )
    symbol = match.group("sym")
    if match.group("year") or rx()["token"].search(symbol.translate(HYPHENS)):
        return True
    return fold(rx()["term_digits"].sub("", symbol)) in _issuer_token_keys()


def _short_prefix(match: re.Match[str]) -> str | None:
    """The type token glued before the number of a short form ("TT" of "TT36/2017")."""
    glued = rx()["glued_type"].search(match.string, max(0, match.start() - 6), match.start())
    return glued.group() if glued and fold(glued.group()) in _type_token_keys() else None


@lru_cache(maxsize=1)
def _issuer_tokens_by_name() -> tuple[tuple[str, str], ...]:
    """(name key, token) of the issuers with a name, longest name first."""
    named = [(cached_key(t.name), t.token) for t in ISSUER_TOKENS if t.name]
    return tuple(sorted(named, key=lambda pair: -len(pair[0])))


def _complete_short(item: _Found, prefix: str) -> None:
    """"Thông tư TT36/2017 của Bộ Tài chính" is 36/2017/TT-BTC: the issuer named after a short
    form gives its token."""
    key = cached_key(item.issuer or "")
    for name, token in _issuer_tokens_by_name():
        if key.endswith(name):  # "Bộ trưởng Bộ Tài chính" ends with "Bộ Tài chính"
            code = _canonical(f"{item.parsed.number}/{item.parsed.year}/{prefix}-{token}")
            if code is not None:
                item.code, item.parsed = code, _parse(code)
            return


def _small_tokens_known(symbol: str) -> bool:
    for token in rx()["tokens"].findall(symbol):
        if token[0].islower() and fold(rx()["term_digits"].sub("", token)) not in (
            _known_token_keys()
        ):
            return False
    return True


def _type_from_symbol(parsed: ParsedCode) -> str | None:
    """The type a symbol implies when no word names it (see DOC_TYPES for the order)."""
    letters = fold(rx()["term_digits"].sub("", rx()["token"].split(parsed.symbol)[0]))
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
    name = type_names().get(cached_key(word))
    if name is None or word[:1].isupper():
        return True
    first = fold(rx()["token"].split(parsed.symbol)[0])
    if first in _type_token_keys() and ("-" in parsed.symbol or "/" in parsed.symbol):
        return any(fold(a) == first for t in DOC_TYPES if t.name == name for a in t.abbreviations)
    if _type_from_symbol(parsed) in (LAW_TYPE, STANDING_COMMITTEE_TYPE):
        return name in ("Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh")
    return True


@lru_cache(maxsize=1)
def _before_patterns() -> dict[str, re.Pattern[str]]:
    types, heads = types_pattern(), alternation(AGENCY_HEADS)
    numbers = bare(r"(?P<list>(?:\d{1,5}\s*(?:,|và)\s*)*)")
    so = bare("số")
    return {
        # "type" and "list" are matched against lower-cased text.
        "type": re.compile(rf"(?P<type>{lower_types()})\s*(?:{so}\s*:?)?\s*{numbers}$"),
        "list": re.compile(rf"(?<!{LETTER}){so}\s*:?\s*{numbers}$"),
        "titled": re.compile(
            rf"(?P<type>{types})\s+(?P<title>{upper_letters()}[^;:.()“”]{{0,150}}?)\s*{so}\s*:?\s*$"
        ),
        "issued": re.compile(
            bare(r"(?:đã\s*|vừa\s*)?(?:có|ban\s*hành|ký|gửi)\s*(?:các\s*)?")
            + rf"(?i:{types})\s*(?:{so}\s*:?)?\s*{numbers}$"
        ),
        "heads": re.compile(rf"(?:{heads})"),
        "date": re.compile(bare(r"(?i:ngày)\s*") + rf"{DATE}[\s,]*$"),
        "header": re.compile(rf"\s*(?:(?i:{types})\s*)?(?:{bare('Số')}\s*:?|(?i:{so})\s*:)\s*"),
        "form": re.compile(bare(r"(?:mẫu|biểu|phụ\s*lục)\s*(?:số)?\s*:?\s*$"), re.IGNORECASE),
    }


def _read_before(found: _Found, clause: Clause) -> list[_Found]:
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
        found.doc_type = type_names().get(cached_key(titled.group("type")))
        found.title = tidy(f"{titled.group('type')} {titled.group('title')}")
        found.head = clause.start + titled.start()
    elif typed:
        found.doc_type = type_names().get(cached_key(written))
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
        if len(candidate) <= 80 and not issuer_stop().search(candidate):
            found.agency_before = issuer_name(candidate)
            if date := pats["date"].search(lead[: head.start()]):
                found.date = found.date or iso_date(*date.groups())
            return


def _shared_numbers(found: _Found, pos: int, numbers: str) -> list[_Found]:
    extras = []
    for number in rx()["digits"].finditer(numbers):
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




def _read_after(text: str, found: _Found, limit: int) -> None:
    """Date, issuer, term and subject written after the code, in that order; the date may
    also follow the issuer."""
    pats, pos = after_patterns(), found.end
    limit = min(limit, found.end + AFTER)
    for _ in range(2):
        if not found.date and (date := pats["date"].match(text, pos, limit)):
            found.date, pos = iso_date(*date.groups()), date.end()
        if note := pats["note"].match(text, pos, limit):
            pos = note.end()
        if not found.issuer and (
            of := pats["of"].match(text, pos, limit) or pats["session"].match(text, pos, limit)
        ):
            found.issuer, end = issuer_after(text, of.end(), limit)
            pos = max(pos, end)
        if term := pats["term"].match(text, pos, limit):
            pos = term.end()
    found.tail = _read_subject(text, pos, limit, found)
    if pats["repealed"].match(text, found.tail, limit):
        found.intent = Intent.REPEALS


def _read_subject(text: str, pos: int, limit: int, found: _Found) -> int:
    """The subject ("về ..." to the clause end, or a quoted title); returns where it ends."""
    pats = after_patterns()
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
    subject = rx()["trailing_and"].sub("", subject)
    found.subject = rx()["glued_about"].sub("về ", subject) or None  # "vềbáo cáo": glue
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


def _numbered(text: str, own: str | None) -> list[tuple[_Found, Clause]]:
    matches = [m for m in _code_pattern().finditer(text) if _plausible(m)]
    found: list[tuple[_Found, Clause]] = []
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
        clause = clause_at(text, start)
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


def _coordinate(text: str, found: list[tuple[_Found, Clause]]) -> None:
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
        if rx()["joined"].fullmatch(_gap(text, a, b)):
            a.date = a.date or b.date
            a.issuer = a.issuer or b.issuer
            a.subject = a.subject or b.subject
    for a, b in itertools.pairwise(items):
        if a.agency_before and not b.issuer and rx()["listed"].fullmatch(_gap(text, a, b)):
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
            item.intent = intent_before(text, Clause(clause.start, words, clause.boundary))
        previous = item


def _gap(text: str, a: _Found, b: _Found) -> str:
    """The words between two citations: from the end of a's to the start of b's."""
    return text[a.tail : b.head if b.head >= a.tail else b.start]


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
    for run in rx()["grapheme"].finditer(text):
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
    return sorted(numbered + find_named(text, claimed), key=lambda c: (c.start, c.end))


__all__ = ["find_citations"]
