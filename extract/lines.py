"""What a line of a document is: page furniture, a rule, capitals, a heading mark.

Shared by the header, the heading tree and the closing block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vbgraph.graph.model import SourceText

FURNITURE = re.compile(
    r"\s*(?:CÔNG BÁO/.*|\d{1,4}|(?:Ký bởi|Người ký|Email|Cơ quan|Thời gian ký|Ngày ký):.*"
    r"|VĂN BẢN QUY PHẠM PHÁP LUẬT|\[daky\]|\(?[Đđ]ã ký\)?)\s*"
)
DECOR = re.compile(r"\s*(?:[*_\-–—=.]\s*)+")  # "*", "-----", "__________"
# Headings of programmes and plans: "A.", "II.", "1.2.", "3.", "a)".
ADMIN_MARK = re.compile(
    r"[ \t]*(?:(?P<letter>[A-H])\.[ \t]+|(?P<roman>[IVX]{1,5})\.[ \t]*|"
    r"(?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?[ \t]+|(?P<num>\d{1,2})\.[ \t]+|"
    r"(?P<point>[a-zđ])\)[ \t]*)(?=[^\W\d_]|[\"“(])"
)
# Headings of legal texts: "Phần thứ hai", "Chương II", "Mục 1", "Điều 5.", "2.", "a)".
LEGAL_MARK = re.compile(
    r"[ \t]*(?:(?P<part>Phần|PHẦN)[ \t]+(?P<part_no>(?:thứ|THỨ)[ \t]+\w+|[IVXLC]+|\d+)\b"
    r"|(?P<chapter>Chương|CHƯƠNG)[ \t]+(?P<chapter_no>[IVXLC]+|\d+)\b"
    r"|(?P<section>Mục|MỤC)[ \t]+(?P<section_no>\d+|[IVXLC]+)\b"
    r"|Điều[ \t]+(?P<article>\d+)[a-zđ]?[ \t]*\.[ \t]*"
    r"|(?P<clause>\d{1,3})\.[ \t]+(?=[^\W\d_]|[\"“(])"
    r"|(?P<point>[a-zđ])\)[ \t]*(?=\S))"
)
UPPER = "A-ZĐÀ-ÃÈ-ÊÌÍÒ-ÕÙÚÝĂĨŨƠƯẠ-Ỹ"


def is_caps(line: str) -> bool:
    """A line in capitals: header names, document types, signing positions."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def skippable(line: str) -> bool:
    """Blank, or page furniture of the official gazette."""
    return not line.strip() or FURNITURE.fullmatch(line) is not None


def line_end(source: SourceText, i: int) -> int:
    """Offset in `source.text` just past line i."""
    return source.line_starts[i] + len(source.lines[i].text)


class LinePattern:
    """A pattern tried only where a line begins. `^` with re.MULTILINE makes the engine try
    it at every position of the text; a newline is a literal the engine jumps to, so the
    pattern is found after each "\n" instead (and once at the start of the range)."""

    def __init__(self, body: str) -> None:
        self._here = re.compile(body, re.MULTILINE)
        self._after_newline = re.compile("\n(?:" + body + ")", re.MULTILINE)

    def finditer(
        self, text: str, start: int, end: int | None = None
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """(offset of the line, match) for each line in text[start:end] that opens with it."""
        end = len(text) if end is None else end
        at_line_start = start == 0 or text[start - 1 : start] == "\n"
        if at_line_start and (m := self._here.match(text, start, end)) is not None:
            yield start, m
        for m in self._after_newline.finditer(text, start, end):
            yield m.start() + 1, m
