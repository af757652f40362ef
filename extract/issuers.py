"""Who issued a cited document, as the words after it say ("của Ban Bí thư khóa XII",
"của Ban Thường vụTỉnh\nuỷ")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vbgraph.extract.doctypes import ISSUER_NAMES
from vbgraph.extract.wording import LETTER, TONE_MARKS, alternation, cached_key, rx, tidy
from vbgraph.vntext import normalize_name


@lru_cache(maxsize=1)
def _known_issuers() -> tuple[tuple[str, str], ...]:
    names = sorted(set(ISSUER_NAMES), key=len, reverse=True)
    return tuple((cached_key(n), n) for n in names)


@lru_cache(maxsize=1)
def _known_issuer_pattern() -> re.Pattern[str]:
    # A post before the body: "của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch".
    posts = alternation(("Bộ trưởng", "Thủ trưởng", "Chủ tịch", "Chánh án", "Viện trưởng"))
    return re.compile(rf"(?:(?:{posts})\s*)?(?:{alternation(ISSUER_NAMES)})(?!{LETTER})")


@lru_cache(maxsize=1)
def issuer_stop() -> re.Pattern[str]:
    # Words that end an agency's name: the subject ("về", glued or not), dates, verbs.
    words = (
        "ngày", "khóa", "nhiệm kỳ", "quy định", "hướng dẫn", "ban hành", "phê duyệt", "thì",
        "đã", "tại", "theo", "để", "đối với", "trong", "cho", "nhằm", "gắn với", "thực hiện",
        "sửa đổi", "bổ sung", "đang", "được", "là", "có", "kèm theo",
    )
    items = r"\n\s*(?:[-+•]|\d+(?:\.\d+)*\.|[a-zđ]\))\s"
    about = rf"về|(?<!{LETTER})ve(?!{LETTER})"  # glued ("uỷvềbáo cáo"), or typed without diacritics
    return re.compile(rf"[;,.:()“”\"\[\]]|{about}|(?:{alternation(words)})(?!{LETTER})|{items}")


def _known_prefix(name: str) -> str:
    """Give a known issuer name at the start of `name` its proper spelling."""
    key = cached_key(name)
    for known_key, known in _known_issuers():
        if key.startswith(known_key):
            taken, cut = 0, 0
            while cut < len(name) and taken < len(known_key):
                taken += len(cached_key(name[cut]))
                cut += 1
            return f"{known} {name[cut:]}".strip()
    return name


@lru_cache(maxsize=4096)
def issuer_name(raw: str) -> str | None:
    """An agency's name as written (glue and spacing repaired), or None if it is not one."""
    for joint in rx()["and"].finditer(raw):
        # "Đảng bộ tỉnh và kiểm điểm", "Chính phủ và Quyết định này": the name has ended.
        rest = raw[joint.end() :]
        if rest[:1].islower() or rx()["type"].match(rest.lower()):
            raw = raw[: joint.start()]
            break
    name = tidy(raw)
    if not rx()["upper"].match(raw) or len(name.split()) > 12 or "/" in name:
        return None  # not a name, or a page header run into the text
    return normalize_name(_known_prefix(name))


def issuer_after(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The agency named at `pos` (just after "của") and where its name ends. A known name
    is taken whole even where it holds a stop ("Bộ Văn hóa, Thể thao và Du lịch")."""
    cap = min(limit, pos + 120)
    head = text[pos:cap]
    if _lost_capital(head[:1]):
        # TCVN3 fonts had no capitals with tone marks: "ủy ban nhân dân tỉnh" in text
        # converted from them is "Ủy ban nhân dân tỉnh".
        head = head[0].upper() + head[1:]
    known = _known_issuer_pattern().match(head)
    stop = issuer_stop().search(text, pos + (known.end() if known else 0), cap)
    if stop is None and cap == pos + 120:
        return None, pos  # no end in sight: not a name
    end = stop.start() if stop else cap
    name = issuer_name(head[: end - pos] if known else text[pos:end])
    return name, (pos + len(text[pos:end].rstrip()) if name else pos)


def _lost_capital(letter: str) -> bool:
    """A small letter with a tone mark: where a TCVN3 capital was lost ("ủy" for "Ủy")."""
    return letter.islower() and any(
        mark in TONE_MARKS for mark in unicodedata.normalize("NFD", letter)
    )
