"""Text repair: named steps from a reader's raw lines to the SourceText the extractors read.

Each step is a pure function over a list of SourceLine and can be run alone:

    convert_legacy      mis-read TCVN3/VNI text -> Unicode (before anything looks at words)
    clean_lines         NFC, one kind of space, no control characters, no trailing spaces
    derive_pages        page numbers for plain text, from the file's own page layout  (layout.py)
    drop_running_lines  running headers/footers and page numbers  (layout.py)
    drop_signature_stamps  "Người ký: ... Thời gian ký: ..." blocks  (layout.py)
    split_footnotes     footnote bodies out of the text          (footnotes.py)
    join_split_codes    "20-" / "QC/TU ngày ..." -> "20-QC/TU" / "ngày ..."
    drop_blank_lines    whitespace-only lines and indentation go last: the layout steps need them

Lines stay lines: nothing joins hard-wrapped lines, so every line keeps its true number.
`paragraphs` says where the logical paragraphs of a finished SourceText are.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import replace

from ..graph.model import SourceLine, SourceText
from ..vntext import nfc
from . import legacy
from .base import RawSource
from .footnotes import split_footnotes
from .layout import derive_pages, drop_running_lines, drop_signature_stamps

__all__ = [
    "clean_line",
    "clean_lines",
    "clean_text",
    "convert_legacy",
    "derive_pages",
    "drop_blank_lines",
    "drop_running_lines",
    "drop_signature_stamps",
    "join_split_codes",
    "paragraphs",
    "repair",
    "split_footnotes",
]


def repair(raw: RawSource, path: str) -> SourceText:
    """Run the steps, in the order above, over what a reader returned.

    The text reader runs the clean and page steps itself, over the whole file before it
    builds any line (`raw.prepared`): building every line of a large file twice would cost
    a third of the time.
    """
    notes = list(raw.notes)
    lines, note = convert_legacy(raw.lines)
    notes += [note] if note else []
    plain = raw.format == "txt"
    if note or not raw.prepared:
        lines = clean_lines(lines, keep_form_feeds=plain)
    if plain and not raw.prepared:
        lines, note = derive_pages(lines)
        notes += [note] if note else []
    lines = drop_signature_stamps(drop_running_lines(lines))
    lines, footnotes = split_footnotes(lines)
    lines = drop_blank_lines(join_split_codes(lines))
    return SourceText(
        path=path,
        format=raw.format,
        lines=lines,
        footnotes={**raw.footnotes, **footnotes},
        notes=notes,
    )


# --------------------------------------------------------------------------- step 0: legacy


def convert_legacy(lines: list[SourceLine]) -> tuple[list[SourceLine], str | None]:
    """Convert lines that are TCVN3 or VNI text read as Windows-1252 (see legacy.py)."""
    sample, size = [], 0
    for line in lines:
        sample.append(line.text)
        size += len(line.text) + 1
        if size > legacy.SAMPLE_CHARS:
            break
    _, note = legacy.repair_text("\n".join(sample))
    if note is None:
        return lines, None
    convert = legacy.tcvn3_to_unicode if note == legacy.TCVN3_NOTE else legacy.vni_to_unicode
    return [replace(line, text=convert(line.text)) for line in lines], note


# --------------------------------------------------------------------------- step 1: clean

# Removed: C0/C1 controls but tab and form feed, zero-width characters, the soft hyphen
# (PDF text layers leave it at line ends) and a stray byte-order mark. Form feeds go too
# once the page step no longer needs them. Line feeds are not touched: `clean_text` also
# cleans a whole file at once.
_CONTROL_CLASS = r"\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060\ufeff"
# Non-breaking and typographic spaces become plain spaces, or "số\u00a060/2021" would not
# look like "số 60/2021" to the extractors.
_SPACE_CLASS = r"\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CONTROL = re.compile(f"[{_CONTROL_CLASS}]")
_CONTROL_AND_FF = re.compile(f"[{_CONTROL_CLASS}\\x0c]")
_SPACES = re.compile(f"[{_SPACE_CLASS}]")
_ODD = re.compile(f"[{_CONTROL_CLASS}{_SPACE_CLASS}]")
_ODD_AND_FF = re.compile(f"[{_CONTROL_CLASS}{_SPACE_CLASS}\\x0c]")


def clean_text(text: str, keep_form_feeds: bool = False) -> str:
    """NFC (and Ð -> Đ), plain spaces, no control characters: for a line or a whole file.
    Controls go first: one between a letter and its mark would keep them apart."""
    if (_ODD if keep_form_feeds else _ODD_AND_FF).search(text) is not None:
        text = _SPACES.sub(" ", text)
        text = (_CONTROL if keep_form_feeds else _CONTROL_AND_FF).sub("", text)
    if not text.isascii() and (
        not unicodedata.is_normalized("NFC", text) or _has_odd_letters(text)
    ):
        text = nfc(text)
    return text


def clean_line(text: str, keep_form_feeds: bool = False) -> str:
    """`clean_text`, and no trailing whitespace.

    A whitespace-only line keeps its spaces: their number tells a footnote rule (a line
    of spaces) from an empty line, and a one-space line may start a page.
    """
    text = clean_text(text, keep_form_feeds)
    return text.rstrip(" \t") or text  # clean text has no other whitespace but "\f"


def clean_lines(lines: list[SourceLine], keep_form_feeds: bool = False) -> list[SourceLine]:
    """`clean_line` on every line. Looks at the whole text first: most files need nothing
    but the trailing-space rule, and building a new line costs more than looking."""
    joined = "\n".join([line.text for line in lines])
    odd = _ODD if keep_form_feeds else _ODD_AND_FF
    needs_all = odd.search(joined) is not None or (
        not joined.isascii()
        and (not unicodedata.is_normalized("NFC", joined) or _has_odd_letters(joined))
    )
    todo = range(len(lines)) if needs_all else _trailing_space(lines)
    out = list(lines)
    for index in todo:
        line = lines[index]
        cleaned = clean_line(line.text, keep_form_feeds)
        if cleaned != line.text:
            out[index] = SourceLine(cleaned, line.number, line.page)
    return out


def _trailing_space(lines: list[SourceLine]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.text[-1:] in (" ", "\t")]


def _has_odd_letters(text: str) -> bool:
    return "\u00d0" in text or "\u00f0" in text  # Icelandic eth for Đ/đ: vntext.nfc fixes


# --------------------------------------------------------------------------- step 5: codes

# The end of a line that leaves a document code unfinished, and what may finish it.
#   Party:    "Quy chế số 20-" / "QC/TU ngày 18/4/2023"    "144-" / "QĐ/TW của Bộ Chính trị"
#   Partial:  "Nghị định số 30/2020/" / "NĐ-CP ngày ..."   "số 1490/" / "QĐ-TTg"
#             "01/2022/TTLT-VKSNDTC-" / "TANDTC-BCA-BQP-BLĐTBXH"
#   Number:   "Quy định số 144" / "-QĐ/TW ..."            "30/2020" / "/NĐ-CP"
#   Word:     "Kế hoạch số" / "238-KH/TU ngày ..."
# A symbol is one capital (L-CTN) or has a second capital within its first three letters
# (NĐ, QĐi, TTg, QyĐ, UBTVQH15, BLĐTBXH), so that words like "Quy" or "Ban" are not taken.
_SYMBOL = r"[A-ZĐ](?:[a-zđ]?[A-ZĐ][A-Za-zĐđ]*)?\d*"
_CHAIN = rf"{_SYMBOL}(?:[-/]{_SYMBOL})*(?:/[a-z]{{1,3}})?(?![\w/-])"  # NĐ-CP, QĐ/TW, CV/VPTW/nb
_HEAD_LAST = frozenset("-/0123456789ốỐ:")  # clean lines have no trailing spaces
_HEAD_REACH = 48
_PARTY_HEAD = re.compile(r"(?:^|[\s(])\d{1,5} ?-$")
_PARTY_TAIL = re.compile(rf"\s*(?=[^\s/]+/)({_CHAIN})")  # must have a slash: "QC/TU"
_PARTIAL_HEAD = re.compile(
    rf"(?:^|[\s(])\d{{1,5}}(?:/\d{{4}})?(?:/|[-/]{_SYMBOL}(?:[-/]{_SYMBOL})*[-/])$"
)
_PARTIAL_TAIL = re.compile(rf"\s*((?:\d{{4}}/)?{_CHAIN})")
_NUMBER_HEAD = re.compile(r"(?:^|[\s(])\d{1,5}(?:/\d{4})?$")
_NUMBER_TAIL = re.compile(rf"\s*((?:/\d{{4}})?[-/]{_CHAIN})")
_WORD_HEAD = re.compile(r"(?:^|\s)[Ss]ố:?$")
_WORD_TAIL = re.compile(rf"\s*(\d{{1,5}}(?:/\d{{4}})?[-/]{_CHAIN})")
_CODE_SPLITS = (
    (_PARTY_HEAD, _PARTY_TAIL, ""),
    (_PARTIAL_HEAD, _PARTIAL_TAIL, ""),
    (_NUMBER_HEAD, _NUMBER_TAIL, ""),
    (_WORD_HEAD, _WORD_TAIL, " "),
)


def join_split_codes(lines: list[SourceLine]) -> list[SourceLine]:
    """Make a document code broken over two lines whole on the first line.

    Only the code moves up ("20-" + "QC/TU ngày 18/4/2023" -> "20-QC/TU" + "ngày 18/4/2023"),
    so the next line keeps its number and nearly all of its text.
    """
    out = list(lines)
    heads = [i for i, line in enumerate(lines) if line.text[-1:] in _HEAD_LAST]
    for here in reversed(heads):  # from the bottom: "số" / "30/2020/" / "NĐ-CP" joins whole
        there = _next_content(out, here)
        if there is None:
            continue
        text = out[here].text.rstrip()
        end = text[-_HEAD_REACH:]  # heads are short: never search a whole long line
        for head, tail, glue in _CODE_SPLITS:
            match = tail.match(out[there].text) if head.search(end) else None
            if match:
                out[here] = replace(out[here], text=text + glue + match.group(1))
                out[there] = replace(out[there], text=out[there].text[match.end() :].lstrip())
                break
    return out


def _next_content(lines: list[SourceLine], index: int) -> int | None:
    for later in range(index + 1, len(lines)):
        if lines[later].text.strip():
            return later
    return None


# --------------------------------------------------------------------------- last step


def drop_blank_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Drop whitespace-only lines and leading indentation, which only the layout steps used."""
    kept = [line for line in lines if line.text and not line.text.isspace()]
    for index in [i for i, line in enumerate(kept) if line.text[0] in _INDENT or "\f" in line.text]:
        kept[index] = replace(kept[index], text=kept[index].text.replace("\f", "").strip())
    return kept


_INDENT = frozenset(" \t\f")


# --------------------------------------------------------------------------- paragraphs

# Starts of headings and list items: "I.", "1.", "1.1.", "a)", "-", "+", "Điều 5.",
# "Chương II", "Mục 1", "Phần thứ nhất".
_HEADING = re.compile(
    r"(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\)|[-+•–]|Điều\s+\d+|Chương\s+[IVXLC\d]+"
    r"|Mục\s+\d+|Phần\s+(?:thứ\s+\w+|[IVXLC\d]+))(?:\s|$)"
)
_SENTENCE_END = re.compile(r"[.!?:;…][\"”’)\]]*$")


def paragraphs(source: SourceText) -> list[tuple[int, int]]:
    """(start, end) offsets in `source.text` of its logical paragraphs.

    Hard-wrapped lines are read as one paragraph until: an empty line stood between two
    lines (a line-number gap wider than the file's usual one, within a page); a line starts
    with a heading or list marker; or the previous line ends a sentence, or stops well short
    of the wrap width (a heading line: short of it), and this one starts with a capital.
    Word and HTML lines are whole paragraphs already.
    """
    lines = source.lines
    if not lines:
        return []
    whole = source.format in ("docx", "html")
    usual, width = _usual_gap(lines), _wrap_width(lines)
    spans, start = [], 0
    for index in range(1, len(lines)):
        if whole or _starts_paragraph(lines[index - 1], lines[index], usual, width):
            spans.append((start, index - 1))
            start = index
    spans.append((start, len(lines) - 1))
    return [(source.line_starts[a], source.line_starts[b] + len(lines[b].text)) for a, b in spans]


def _usual_gap(lines: list[SourceLine]) -> int:
    gaps = Counter(b.number - a.number for a, b in itertools.pairwise(lines) if a.page == b.page)
    return gaps.most_common(1)[0][0] if gaps else 1


def _wrap_width(lines: list[SourceLine]) -> int:
    """Near the longest line length: where hard-wrapped text breaks its lines."""
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))]


def _starts_paragraph(before: SourceLine, line: SourceLine, usual: int, width: int) -> bool:
    if before.page == line.page and line.number - before.number > usual:
        return True
    text = line.text
    if _HEADING.match(text):
        return True
    if not text[:1].isupper():
        return False
    if _SENTENCE_END.search(before.text) or len(before.text) < 0.6 * width:
        return True
    # a heading's title line ends short of the margin even when it is fairly long
    return _HEADING.match(before.text) is not None and len(before.text) < 0.85 * width
