"""Vietnamese text helpers shared by every stage: NFC, one tone-mark style, folding for lookup.

Text shown to people keeps its original spelling; these functions make *keys* for matching.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def nfc(text: str) -> str:
    """Unicode NFC; also maps the look-alike Ð (U+00D0, Icelandic eth) to Đ."""
    return unicodedata.normalize("NFC", text).replace("\u00d0", "Đ").replace("\u00f0", "đ")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x1EFA):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii():
            table[code] = base.lower()
    for ch in "ĐđÐð":
        table[ord(ch)] = "d"
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[ord(ch)] = ch.lower()
    for mark in _TONES + "\u0302\u0306\u031b":  # stray combining marks from NFD input
        table[ord(mark)] = ""
    return table


def fold(text: str) -> str:
    """Lower case, no diacritics, Đ -> d: the key for lookups ("Quyết định" -> "quyet dinh").

    Folding merges HĐ/HD and ĐA/DA: use it to find, never to display.
    """
    return text.translate(_fold_table())


@lru_cache(maxsize=1)
def _tone_pairs() -> tuple[re.Pattern[str], dict[str, str]]:
    # Old style puts the tone on the second vowel of an open oa/oe/uy syllable (hoá, khoẻ, uỷ);
    # the style taught today puts it on the first (hóa, khỏe, ủy). We use the latter.
    mapping: dict[str, str] = {}
    for first, second in ("oa", "oe", "uy", "OA", "OE", "UY", "Oa", "Oe", "Uy", "oA", "oE", "uY"):
        for tone in _TONES:
            old = first + unicodedata.normalize("NFC", second + tone)
            new = unicodedata.normalize("NFC", first + tone) + second
            mapping[old] = new
    pattern = re.compile(
        r"(?<![qQ])(" + "|".join(map(re.escape, mapping)) + r")(?![^\W\d_])",
    )
    return pattern, mapping


def canonical_tones(text: str) -> str:
    """One tone-mark style: "Uỷ ban" -> "Ủy ban", "hoá" -> "hóa"; "quý", "hoàn" unchanged."""
    pattern, mapping = _tone_pairs()
    return pattern.sub(lambda m: mapping[m.group(1)], text)


# Syllable rules that PDF text layers break when they drop the space after a glyph:
# "vụTỉnh", "đơn vịhành chính", "Nghịđịnh", "thủtục", "địnhvề". Inside one Vietnamese syllable
# a vowel is followed only by a vowel or a final consonant (c ch m n ng nh p t); a stop final
# (c ch p t) takes only the sắc or nặng tone; two consonants side by side are an onset
# (ch gh gi kh ng nh ph qu th tr) or a final (ch ng nh), else a syllable boundary lies between.
_VOWELS = frozenset("aăâeêioôơuưy")
_FINALS_AFTER_VOWEL = frozenset("cmnpt")
_STOPS = frozenset("cpt")
_PAIRS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
_STOP_TONES = frozenset("\u0301\u0323")  # sắc, nặng
_FOREIGN = frozenset("fjwz")


def _base_and_tone(ch: str) -> tuple[str, str]:
    parts = unicodedata.normalize("NFD", ch)
    tone = next((c for c in parts if c in _TONES), "")
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    return base, tone


def _boundary(prev: str, cur: str) -> bool:
    """Whether a syllable must end between `prev` and `cur` (lower-case letters)."""
    if fold(cur) in "aeiouy":
        return False
    base, tone = _base_and_tone(prev)
    if base in _VOWELS:
        if cur not in _FINALS_AFTER_VOWEL:
            return True
        return cur in _STOPS and tone not in _STOP_TONES
    return fold(prev) + fold(cur) not in _PAIRS


def _splits(word: str, i: int) -> bool:
    """Whether a space belongs before word[i]."""
    prev, cur = word[i - 1], word[i]
    if not (prev.isalpha() and cur.isalpha() and prev.islower()):
        return False
    if cur.isupper():  # "vụTỉnh"; one lower-case letter before may be a code: "QyĐ"
        return i >= 2 and word[i - 2].islower()
    return _boundary(prev, cur)


def unglue(word: str) -> str:
    """Put back the spaces a PDF text layer dropped inside a run of Vietnamese syllables.

    Only words with Vietnamese letters are touched; codes and foreign words stay as they are
    ("QyĐ", "TTg", "Facebook")."""
    if word.isascii() or _FOREIGN.intersection(word.lower()):
        return word
    out = [word[0]]
    for i in range(1, len(word)):
        if _splits(word, i):
            out.append(" ")
        out.append(word[i])
    return "".join(out)


def normalize_name(text: str) -> str:
    """A display form for names read from text: NFC, one tone style, glued words split,
    single spaces ("Ban Thường vụTỉnh  uỷ" -> "Ban Thường vụ Tỉnh ủy")."""
    return canonical_tones(" ".join(unglue(word) for word in nfc(text).split()))


def name_key(text: str) -> str:
    """A matching key for names: folded, with spaces dropped so glued words still match."""
    return re.sub(r"[\W_]+", "", fold(nfc(text)))
