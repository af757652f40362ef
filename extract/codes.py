"""Document numbers and symbols (số, ký hiệu): one canonical spelling and a lookup key.

Two systems share the country's paperwork:

- Party: ``number-TYPE/ISSUER`` — "208-QĐ/TW", "06-ĐA/TU", "141-CV/VPTW/nb";
- State: ``number/TYPE-ISSUER`` — "1490/QĐ-TTg", a công văn ``number/ISSUER-UNIT``
  ("7415/BNV-CCVC"), and legal documents with their year ``number/year/TYPE-ISSUER``
  ("30/2020/NĐ-CP"), laws ``number/year/QHnn`` ("69/2020/QH14").

`canonical_code` is what we display and store; `code_key` is what we match on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple

from vbgraph.extract.doctypes import (
    DEFAULT_SPELLING,
    DOC_TYPES,
    ISSUER_TOKENS,
    PARTY_ISSUERS,
    UNIT_TOKENS,
)
from vbgraph.vntext import fold, nfc

System = Literal["party", "state"]

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_PREFIX = re.compile(r"^(?:s[ốo]|no\.?)\s*:?\s*(?=\d)", re.IGNORECASE)  # "Số: 28/2021/QĐ-TTg"
# "84 QĐ/TWĐTN", "84QĐ/TWĐTN": a Party code whose hyphen was dropped.
_SPACE_FOR_HYPHEN = re.compile(r"^(\d+(?:\.\d{3})*) (?=[^\W\d_])")
_NO_HYPHEN = re.compile(r"^(\d+(?:\.\d{3})*)(?=[A-ZĐ][A-Za-zĐđ]*/)")
# A symbol token: Latin letters (with Đ, the only mark symbols use) and digits; "BNN&PTNT".
_WORD = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:&[A-Za-zĐđ0-9]+)*"
_NUM = r"(\d+(?:\.\d{3})*)"  # "1.490/QĐ-TTg": a thousands dot
_PARTY = re.compile(rf"{_NUM}-({_WORD})/({_WORD}(?:-{_WORD})*)(/nb)?", re.IGNORECASE)
_STATE_YEAR = re.compile(rf"{_NUM}/((?:19|20)\d\d)[/-]({_WORD}(?:-{_WORD})*)")
_STATE = re.compile(rf"{_NUM}/({_WORD}(?:-{_WORD})*)")
_SYMBOL = re.compile(rf"{_WORD}(?:[-/]{_WORD})*")
_TERM = re.compile(r"^(.*?[^\W\d_])(\d*)$")  # "UBTVQH15" -> "UBTVQH", "15"


class ParsedCode(NamedTuple):
    number: str
    symbol: str  # "QĐ/TW", "QĐ-TTg", "NĐ-CP", "QH14"
    year: int | None
    system: System


# ------------------------------------------------------------------ symbol tokens


@lru_cache(maxsize=1)
def _spellings() -> dict[str, tuple[str, ...]]:
    """Folded token -> its proper spellings (two where folding merges HĐ/HD or ĐA/DA)."""
    table: dict[str, list[str]] = {}
    tokens = [a for t in DOC_TYPES for a in t.abbreviations]
    tokens += [t.token for t in ISSUER_TOKENS] + list(UNIT_TOKENS)
    for token in tokens:
        spellings = table.setdefault(fold(token), [])
        if token not in spellings:
            spellings.append(token)
    return {key: tuple(values) for key, values in table.items()}


@lru_cache(maxsize=1)
def _type_keys() -> frozenset[str]:
    """Folded type tokens: "qd", "nq", "ctr" ..."""
    return frozenset(fold(a) for t in DOC_TYPES for a in t.abbreviations)


def _canonical_token(token: str, system: System) -> str:
    """The proper spelling of one symbol token: "qd" -> "QĐ", "TTG" -> "TTg", "UBTVQH15"."""
    match = _TERM.match(token)
    letters, term = (match.group(1), match.group(2)) if match else (token, "")
    key = fold(letters)
    spellings = _spellings().get(key)
    if spellings is None:
        proper = letters.upper() if letters.islower() else letters
    elif len(spellings) == 1:
        proper = spellings[0]
    elif "Đ" in letters.upper():
        proper = letters.upper()  # the writer chose HĐ or ĐA: keep it
    else:
        proper = DEFAULT_SPELLING[system].get(key, spellings[0])
    return proper + term


def _canonical_symbol(symbol: str, system: System) -> str:
    parts = re.split(r"([-/])", symbol)
    return "".join(p if p in "-/" else _canonical_token(p, system) for p in parts)


def _split_glued(symbol: str) -> str:
    """"TTBNV" -> "TT-BNV" when a known type token is glued to a known issuer."""
    if "-" in symbol:
        return symbol
    known, types = _spellings(), _type_keys()
    folded = fold(symbol)
    for cut in range(len(symbol) - 2, 0, -1):
        if folded[:cut] in types and folded[cut:] in known and folded[cut:] not in types:
            return f"{symbol[:cut]}-{symbol[cut:]}"
    return symbol


# ------------------------------------------------------------------ codes


def _clean(raw: str) -> str:
    """One line, no "Số:", no repeated type before the number, then no spaces."""
    text = " ".join(_PREFIX.sub("", nfc(raw).translate(_DASHES).strip()).split())
    text = _PREFIX.sub("", _SPACE_FOR_HYPHEN.sub(r"\1-", text).replace(" ", ""))
    return _NO_HYPHEN.sub(r"\1-", _drop_type_prefix(text)).rstrip(".,;:")


def _number(raw: str) -> str:
    return raw.replace(".", "")  # "1.490/QĐ-TTg": a thousands dot is not part of the number


def _drop_type_prefix(text: str) -> str:
    """"HD38-HD/BTCTW", "QĐ 1147-QĐ/BTGDVTW": a short form that repeats the type before the
    number."""
    match = re.match(r"([A-Za-zĐđ]{1,5})(?=\d)", text)
    if match and fold(match.group(1)) in _type_keys():
        return text[match.end() :]
    return text


@lru_cache(maxsize=1 << 14)
def canonical_code(raw: str) -> str | None:
    """The canonical spelling of a number and symbol as typed or written, or None.

    >>> canonical_code("208-qd/tw"), canonical_code("1206 /QĐ-HVTC")
    ('208-QĐ/TW', '1206/QĐ-HVTC')
    >>> canonical_code("30/2020/ND-CP"), canonical_code("22/12/1944")
    ('30/2020/NĐ-CP', None)

    Case, Đ written as D, en/em dashes and spaces or line breaks inside are repaired;
    leading zeros stay as written ("06-ĐA/TU"). A bare symbol ("qd-ttg") comes back as its
    canonical spelling ("QĐ-TTg"). Dates, fractions and counts ("22/12/1944", "1/500") give
    None.
    """
    text = _clean(raw)
    if match := _PARTY.fullmatch(text):
        number, doc_type, issuer, suffix = match.groups()
        symbol = _canonical_symbol(f"{doc_type}/{issuer}", "party")
        return f"{_number(number)}-{symbol}{'/nb' if suffix else ''}"
    if match := _STATE_YEAR.fullmatch(text):
        number, year, symbol = match.groups()
        symbol = _canonical_symbol(_split_glued(symbol), "state")
        return f"{_number(number)}/{year}/{symbol}"
    if match := _STATE.fullmatch(text):
        number, symbol = match.groups()
        return f"{_number(number)}/{_canonical_symbol(symbol, 'state')}"
    if _SYMBOL.fullmatch(text) and not text[0].isdigit():
        return _canonical_symbol(text, "party" if "/" in text else "state")
    return None


@lru_cache(maxsize=1 << 14)
def code_key(code: str) -> str:
    """A folded key that matches one code however it is written: "208-qd/tw", "208 - QĐ/TW"
    and "208-QĐ/TW" share the key "208-qd/tw"; so do "06-ĐA/TU" and "6-ĐA/TU" (leading zeros
    dropped). Folding merges HĐ and HD: use it to match, never to display.
    """
    return re.sub(r"^0+(?=\d)", "", fold(canonical_code(code) or _clean(code)))


def parse_code(code: str) -> ParsedCode:
    """(number, symbol, year or None, "party" or "state") of a code in any spelling.

    Raises ValueError when `code` has no number and symbol.
    """
    canonical = canonical_code(code)
    if canonical is None or not canonical[0].isdigit():
        raise ValueError(f"not a document number and symbol: {code!r}")
    if match := _PARTY.fullmatch(canonical):
        number, doc_type, issuer, suffix = match.groups()
        symbol = f"{doc_type}/{issuer}{suffix or ''}"
        system: System = "state" if _is_state_issuer(issuer) else "party"
        return ParsedCode(number, symbol, None, system)
    if match := _STATE_YEAR.fullmatch(canonical):
        return ParsedCode(match.group(1), match.group(3), int(match.group(2)), "state")
    number, _, symbol = canonical.partition("/")
    return ParsedCode(number, symbol, None, "state")


# ------------------------------------------------------------------ issuers and scope


@lru_cache(maxsize=1)
def _token_scope() -> dict[str, bool]:
    """Folded issuer token -> whether it is shared by every locality."""
    return {fold(t.token): t.local for t in ISSUER_TOKENS}


def _issuer_tokens(symbol: str) -> list[str]:
    """The tokens of a symbol that name its issuer (not its type or unit)."""
    if "/" in symbol:  # party: TYPE/ISSUER[-UNIT][/nb]
        return symbol.split("/")[1].split("-")
    tokens = symbol.split("-")
    return tokens[1:] if fold(tokens[0]) in _type_keys() and len(tokens) > 1 else tokens


@lru_cache(maxsize=1)
def _state_issuer_keys() -> frozenset[str]:
    party = {t.token for t in PARTY_ISSUERS}
    return frozenset(fold(t.token) for t in ISSUER_TOKENS if t.token not in party)


def _is_state_issuer(issuer: str) -> bool:
    """A Party-shaped symbol with a State issuer ("17-NQ/CP") is a State document."""
    head = _TERM.match(issuer.split("-", maxsplit=1)[0])
    return fold(head.group(1) if head else issuer) in _state_issuer_keys()


def _is_local_token(token: str) -> bool:
    match = _TERM.match(token)
    key = fold(match.group(1) if match else token)
    scope = _token_scope().get(key)
    if scope is not None:
        return scope
    # Party committees below the centre end in "U" (TU, HU, ĐU, BTGTU ...); central ones in TW.
    return key.endswith("u") and len(key) <= 8


@lru_cache(maxsize=1 << 14)
def is_local_symbol(code: str) -> bool:
    """Whether the symbol is shared by every province, district or commune, so that the
    concrete issuer comes from context: /TU, /HU, /ĐU, -UBND, -HĐND, a Sở (SKHCN ...).

    National symbols (/TW, -TTg, -CP, -BNV ...) and unknown ones are not local.
    """
    try:
        parsed = parse_code(code)
    except ValueError:
        return False
    tokens = _issuer_tokens(parsed.symbol)
    if parsed.system == "party":
        return any(_is_local_token(t) for t in tokens if t != "nb")
    return any(_token_scope().get(fold(_TERM.sub(r"\1", t)), False) for t in tokens)


__all__ = ["ParsedCode", "canonical_code", "code_key", "is_local_symbol", "parse_code"]
