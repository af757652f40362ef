"""Plain text: find the encoding, split into lines numbered as an editor shows them."""

from __future__ import annotations

from pathlib import Path

from ..errors import EmptyFile
from ..graph.model import SourceLine
from . import legacy
from .base import RawSource, check_not_binary, read_bytes
from .layout import page_numbers
from .repair import clean_text

FORMAT = "txt"

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


def accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".txt"


def read(path: Path) -> RawSource:
    raw = read_bytes(path)
    text, notes = decode(path, raw)
    if not text.strip():
        raise EmptyFile(path.as_posix())
    lines, note = split_lines(text)
    notes += [note] if note else []
    return RawSource(format=FORMAT, lines=lines, notes=notes, prepared=True)


def split_lines(text: str) -> tuple[list[SourceLine], str | None]:
    """Clean lines (repair.clean_line) numbered from 1 as an editor counts them (CR LF, LF
    or a lone CR ends one), with their pages when the file shows them
    (layout.page_numbers), and a note saying how.

    Empty lines are left out (their numbers are skipped); whitespace-only lines stay for the
    layout rules. Trailing whitespace and pages are settled here, before the lines are built,
    as a later pass would rebuild nearly every line of a large file.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    every = clean_text(text, keep_form_feeds=True).split("\n")
    numbers = [number for number, line in enumerate(every, 1) if line]
    texts = [line.rstrip(" \t") or line for line in every if line]  # "\f" ends a page: keep it
    pages, note = page_numbers(texts, numbers)
    if pages is None:
        return [SourceLine(t, n) for t, n in zip(texts, numbers, strict=True)], None
    return [
        SourceLine(t.replace("\f", "") if "\f" in t else t, n, p)
        for t, n, p in zip(texts, numbers, pages, strict=True)
    ], note


def decode(path: Path, raw: bytes) -> tuple[str, list[str]]:
    """Text and notes on how it was decoded. Order matters: a byte-order mark is certain;
    UTF-16 without one must be tried before the binary check (it is full of NUL bytes)."""
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, errors="replace")
            return text, _replacement_notes(
                text, [] if codec == "utf-8" else [f"decoded as {name}"]
            )
    codec16 = _utf16_without_bom(raw[:4096])
    if codec16:
        text = raw.decode(codec16, errors="replace")
        return text, _replacement_notes(text, ["decoded as UTF-16 (no byte-order mark)"])
    check_not_binary(path, raw[:65536])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text, note = legacy.decode_bytes(raw)
        return text, [note]
    # a legacy file once read as Windows-1252 and saved as UTF-8: convert it before the
    # clean step drops its soft hyphens (TCVN3 "ư") and C1 controls
    text, converted = legacy.repair_text(text)
    return text, [converted] if converted else []


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text has a NUL in the high byte of every ASCII character: look for NULs
    crowding the odd (little-endian) or even (big-endian) positions and nowhere else."""
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.2 and even_nuls < 0.02:
        return "utf-16-le"
    if even_nuls > 0.2 and odd_nuls < 0.02:
        return "utf-16-be"
    return None


def _replacement_notes(text: str, notes: list[str]) -> list[str]:
    if "\ufffd" in text:
        notes.append("some bytes could not be decoded and were replaced")
    return notes
