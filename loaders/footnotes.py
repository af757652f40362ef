"""Footnotes: the notes at the foot of a page leave the body text for SourceText.footnotes;
the marker ("[1]", or a number glued to a word) stays where it is in the body."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..graph.model import SourceLine
from .layout import page_ranges

# A footnote rule as saved text shows it: a line of spaces, or of underscores or dashes.
# (Headers use "-----" too; only a rule followed by a footnote counts.)
_SEPARATOR = re.compile(r"[ \t]{10,}|[ \t]*[_\-–—]{5,}[ \t]*")
_BRACKET = re.compile(r"\s*\[(\d{1,3})\]\s*(.*)")  # [1] Với thanh niên hoàn thành ...
_SUPERSCRIPT = re.compile(r"\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(.*)")  # ¹ Ghi rõ ...
_PLAIN = re.compile(r"\s*(\d{1,3})\s+(\S.*)")  # 1 Trường hợp người lao động ...
_LONE = re.compile(r"\s*(\d{1,3})\s*")  # PDFium puts a superscript marker on its own line
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUPERSCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS, "1234567890")
_RULE_FIRST = frozenset(" \t_-–—")
_START_FIRST = frozenset("[0123456789" + _SUPERSCRIPTS)

BARE_BLOCK_LINES = 12  # without a rule, look for footnotes only among a page's last lines

Footnote = list[str]  # [marker, text]


def split_footnotes(lines: list[SourceLine]) -> tuple[list[SourceLine], dict[str, str]]:
    """Take footnote bodies out of the lines; return the rest and {marker: text}.

    A footnote block is a rule followed by numbered notes running to the end of the page
    (in a text without pages: by one-line notes), or, in PDF text where the rule is a
    drawing, lone markers followed by indented text at the very end of a page. A marker
    seen twice (notes numbered per page) is kept as "1@p5" for the later page.
    """
    rules = [
        i
        for i, line in enumerate(lines)
        if line.text[:1] in _RULE_FIRST and _SEPARATOR.fullmatch(line.text)
    ]
    drop: set[int] = set()
    notes: dict[str, str] = {}
    for page, start, end in page_ranges(lines):
        here = rules[bisect_left(rules, start) : bisect_left(rules, end)]
        found = _after_rules(lines, here, range(start, end), paged=page is not None)
        if not found and page is not None:
            found = _bare_block(lines, range(start, end))
        for block, items in found:
            drop.update(block)
            for marker, text in items:
                key = marker if marker not in notes else f"{marker}@p{page}"
                notes[key] = " ".join(text.split())
    if not drop:
        return lines, {}
    return [line for index, line in enumerate(lines) if index not in drop], notes


def _after_rules(
    lines: list[SourceLine], rules: list[int], page: range, paged: bool
) -> list[tuple[list[int], list[Footnote]]]:
    """Notes after the rules of one page. With pages: the last rule followed by notes up
    to the page end, in the page's lower half (a rule under a title, followed by a body
    that happens to start "1 ...", is no footnote). Without: rules with one-line notes."""
    found = []
    for rule in rules:
        rest = list(range(rule + 1, page.stop))
        if paged:
            items = _parse(lines, rest, plain=True, lone=True)
            if items and 2 * _content_count(lines, rest) < _content_count(lines, page):
                found = [([rule, *rest], items)]
        else:
            block = _one_line_notes(lines, rest)
            if block:
                found.append(([rule, *block], _parse(lines, block, plain=True, lone=False)))
    return found


def _content_count(lines: list[SourceLine], indices: range | list[int]) -> int:
    return sum(1 for index in indices if lines[index].text.strip())


def _one_line_notes(lines: list[SourceLine], indices: list[int]) -> list[int]:
    block = []
    for index in indices:
        text = lines[index].text
        if text.strip() and _start(text, plain=True, lone=False) is None:
            break
        block.append(index)
    return block if any(lines[i].text.strip() for i in block) else []


def _bare_block(lines: list[SourceLine], indices: range) -> list[tuple[list[int], list[Footnote]]]:
    tail = _last_content(lines, indices, BARE_BLOCK_LINES)
    if not any(_could_start(lines[index].text) for index in tail):
        return []  # the cheap look first: most pages end with body text
    body = " ".join(lines[index].text for index in indices)
    for position in range(len(tail)):
        block = tail[position:]
        items = _parse(lines, block, plain=False, lone=True)
        if items and all(_lone_or_cited(lines, block, marker, body) for marker, _ in items):
            return [(block, items)]
    return []


def _last_content(lines: list[SourceLine], indices: range, count: int) -> list[int]:
    found: list[int] = []
    for index in reversed(indices):
        if len(found) == count:
            break
        if lines[index].text.strip():
            found.append(index)
    return found[::-1]


def _could_start(text: str) -> bool:
    first = text.lstrip()[:1]
    return first in _START_FIRST and (
        first == "[" or text.strip().isdigit() or first in _SUPERSCRIPTS
    )


def _lone_or_cited(lines: list[SourceLine], block: list[int], marker: str, body: str) -> bool:
    """A lone marker must be followed by an indented line (PDFium's superscript); a
    bracketed one must also appear in the page's body."""
    for position, index in enumerate(block[:-1]):
        if _LONE.fullmatch(lines[index].text) and lines[index].text.strip() == marker:
            return lines[block[position + 1]].text[:1].isspace()
    return body.count(f"[{marker}]") >= 2


def _start(text: str, plain: bool, lone: bool) -> tuple[str, str] | None:
    """(marker, text) when `text` begins a footnote."""
    for pattern in (_BRACKET, _SUPERSCRIPT):
        match = pattern.fullmatch(text)
        if match:
            return match.group(1).translate(_SUPERSCRIPT_DIGITS), match.group(2)
    if lone and (match := _LONE.fullmatch(text)):
        return match.group(1), ""
    if plain and (match := _PLAIN.fullmatch(text)):
        return match.group(1), match.group(2)
    return None


def _parse(lines: list[SourceLine], indices: list[int], plain: bool, lone: bool) -> list[Footnote]:
    """Notes in `indices`, or [] unless the lines are all notes with rising markers."""
    items: list[Footnote] = []
    for index in indices:
        text = lines[index].text
        if not text.strip():
            continue
        start = _start(text, plain, lone)
        if start is not None and (not items or int(start[0]) > int(items[-1][0])):
            items.append([start[0], start[1]])
        elif items:
            items[-1][1] += " " + text.strip()
        else:
            return []
    return items
