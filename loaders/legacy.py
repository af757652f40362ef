"""Recognising and converting Vietnamese text written in TCVN3 (ABC) or VNI font encodings.

Two entry points: `decode_bytes` for a text file that is not UTF-8, and `repair_text` for
text already decoded (UTF-8 files, PDF text layers, Word, HTML) that turns out to be a
mis-read legacy encoding. Both judge a candidate decoding by how many of its words are
well-formed Vietnamese syllables, so the tables never have to be trusted blindly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from ..vntext import nfc
from .legacy_tables import (
    TCVN3_HIGH,
    TCVN3_SIGNS,
    TCVN3_VN1_EXTRA,
    VNI_LOWER,
    VNI_SIGNS,
)

SAMPLE_CHARS = 65536  # enough words to judge an encoding; keeps detection cheap on big files

TCVN3_NOTE = "converted from TCVN3 (ABC)"
VNI_NOTE = "converted from VNI"
CP1258_NOTE = "decoded as windows-1258"


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    """For str.translate over text whose characters stand for bytes (Latin-1 decoded).

    0x80-0x9F become Windows-1252 punctuation, as in ABC files; text that came through
    Windows-1252 already has those characters and is left alone.
    """
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # five bytes have no Windows-1252 meaning; cleanup drops them
    table.update(TCVN3_VN1_EXTRA)
    table.update(TCVN3_HIGH)
    return table


def tcvn3_to_unicode(text: str) -> str:
    """'§éc lËp' -> 'Độc lập', '48/2006/Q§-BTC' -> '48/2006/QĐ-BTC'."""
    return nfc(text.translate(_tcvn3_table()))


@lru_cache(maxsize=1)
def _vni_table() -> tuple[re.Pattern[str], dict[str, str]]:
    words = VNI_LOWER.split()
    pairs: dict[str, str] = {}
    for vni, uni in zip(words[::2], words[1::2], strict=True):
        pairs[vni] = uni
        pairs[vni.upper()] = uni.upper()
        if len(vni) == 2:  # a capital letter with a small mark still means a capital
            pairs[vni[0].upper() + vni[1]] = uni.upper()
    keys = sorted(pairs, key=len, reverse=True)  # "oâ" (ô) must win over "ô" (ơ)
    return re.compile("|".join(map(re.escape, keys))), pairs


def vni_to_unicode(text: str) -> str:
    """'Quyeát ñònh' -> 'Quyết định', 'QÑ-TTg' -> 'QĐ-TTg'."""
    pattern, pairs = _vni_table()
    text = text.translate(_c1_table())
    return nfc(pattern.sub(lambda m: pairs[m.group()], text))


@lru_cache(maxsize=1)
def _c1_table() -> dict[int, str]:
    """Latin-1 decoded bytes 0x80-0x9F back to the Windows-1252 punctuation they were."""
    return {k: v for k, v in _tcvn3_table().items() if k < 0xA0}


def unicode_to_tcvn3(text: str) -> bytes:
    """Encode with the TCVN3 table (capitals with tones become small, as ABC fonts did).

    Used to make test files; the reverse of `tcvn3_to_unicode` for text it can encode.
    """
    reverse = {char: byte for byte, char in TCVN3_HIGH.items() if byte >= 0xA1}
    out = bytearray()
    for char in nfc(text):
        if char in reverse:
            out.append(reverse[char])
        elif char.lower() in reverse:
            out.append(reverse[char.lower()])
        else:
            out += char.encode("cp1252")
    return bytes(out)


def unicode_to_vni(text: str) -> bytes:
    """Encode with the VNI table; used to make test files."""
    _, pairs = _vni_table()
    reverse: dict[str, str] = {}
    for vni, uni in pairs.items():
        if vni.isupper() == uni.isupper():
            reverse.setdefault(uni, vni)
    return "".join(reverse.get(char, char) for char in nfc(text)).encode("cp1252")


# --------------------------------------------------------------------------- judging


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|nh|ng|[cmnpt])?"
)
_WORD = re.compile(r"[^\s\-/.,;:!?()\[\]\"'“”‘’…]+")


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(base) is not None


def vietnamese_score(text: str) -> float:
    """Share of the non-ASCII words in `text` that are well-formed Vietnamese syllables."""
    words = [w for w in _WORD.findall(text[:SAMPLE_CHARS]) if not w.isascii()]
    if not words:
        return 0.0
    return sum(1 for w in words if _is_syllable(w)) / len(words)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: the best of windows-1258, TCVN3 and VNI.

    Returns the text and a note saying which was used. Windows-1258 wins ties, so text
    that is not Vietnamese at all still comes out readable.
    """
    sample = raw[:SAMPLE_CHARS]
    decoders: dict[str, Callable[[bytes], str]] = {
        CP1258_NOTE: lambda b: nfc(b.decode("cp1258", errors="replace")),
        TCVN3_NOTE: lambda b: tcvn3_to_unicode(b.decode("latin-1")),
        VNI_NOTE: lambda b: vni_to_unicode(b.decode("latin-1")),
    }
    scores = {note: vietnamese_score(decode(sample)) for note, decode in decoders.items()}
    best = max(scores, key=lambda note: scores[note])
    return decoders[best](raw), best


_SIGNS = re.compile("[" + re.escape("".join(sorted(set(TCVN3_SIGNS + VNI_SIGNS)))) + "]")
_MODERN = re.compile("[\u0102-\u01b0\u1ea0-\u1ef9]")  # letters only real Vietnamese has


def repair_text(text: str) -> tuple[str, str | None]:
    """Convert text that is a mis-read TCVN3 or VNI file; anything else comes back as is.

    The cheap look (signs vs. modern Vietnamese letters) runs on every file; the syllable
    test only on the few that look legacy.
    """
    sample = text[:SAMPLE_CHARS]
    signs = len(_SIGNS.findall(sample))
    if signs < 3 or signs <= len(_MODERN.findall(sample)):
        return text, None
    current = vietnamese_score(sample)
    options = {TCVN3_NOTE: tcvn3_to_unicode, VNI_NOTE: vni_to_unicode}
    scores = {note: vietnamese_score(convert(sample)) for note, convert in options.items()}
    best = max(scores, key=lambda note: scores[note])
    if scores[best] < current + 0.2:
        return text, None
    return options[best](text), best
