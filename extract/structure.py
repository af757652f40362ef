"""The heading tree of a document (I., 1., 1.1., a); Chương, Mục, Điều, khoản, điểm) as
tasks with paths and titles, and the preamble before it.

Lines are soft-wrapped PDF text, so a heading or a title may run onto the next line; a
paragraph is followed line by line (`_paragraph`). Page furniture of the official gazette
("CÔNG BÁO/Số ...", page numbers, the digital signature stamp) is skipped wherever lines are
joined.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vbgraph.extract.closing import is_position, next_is_name
from vbgraph.extract.header import scan_header
from vbgraph.extract.lines import (
    ADMIN_MARK,
    DECOR,
    LEGAL_MARK,
    UPPER,
    LinePattern,
    is_caps,
    line_end,
    skippable,
)
from vbgraph.graph.model import Header, SourceText, TaskKind, TaskSpan

_CLOSING_START = LinePattern(  # lines that open the closing block; capitals lines are checked
    rf"[ \t]*(?:Nơi\s*nhận|(?:T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)[ \t]+[{UPPER}]"
    r"|(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết) này (?:đã )?được .* thông qua"
    rf"|(?P<caps>[{UPPER}][{UPPER} \t]{{1,58}})$)"
)
_ARTICLE_LINE = LinePattern(r"[ \t]*Điều[ \t]+\d+[a-zđ]?[ \t]*\.")
_BULLET = re.compile(r"[ \t]*[-+•*][ \t]")
_CLOSING = re.compile(r"[ \t]*(?:Trên đây là\b|.*\./\.\s*$)")
_ENACTED = re.compile(r"[ \t]*(?:Luật|Bộ luật|Pháp lệnh|Nghị quyết) này (?:đã )?được .* thông qua")
_STOP = re.compile(r"[.;:!?](?=\s|$)")
_STOP_ALONE = re.compile(r"[.:!?](?=\s|$)")
_POINTS = "abcdđeghiklmnopqrstuvxy"  # the letters Vietnamese texts use for points
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_MAX_TITLE_WORDS = 24


def roman_value(numeral: str) -> int:
    """ "IV" -> 4; 0 for anything that is not a Roman numeral."""
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN.get(ch.upper(), 0)
        if not value:
            return 0
        total += -value if nxt and _ROMAN.get(nxt.upper(), 0) > value else value
    return total


@dataclass(slots=True)
class _Heading:
    line: int
    start: int
    title_at: int  # offset where the title text begins
    rank: int  # lower is higher in the tree; a span ends at the next rank <= its own
    kind: str
    path: str
    parent: str | None


@dataclass(slots=True)
class _AdminState:
    """Where the outline of an administrative or Party document stands. A numbered line
    is a heading only if it continues the numbering ("3." after "2.", "1.2." after "1.1."),
    which keeps wrapped figures and dates out of the tree."""

    letter: str = ""
    roman: int = 0
    roman_label: str = ""
    nums: tuple[int, ...] = ()
    point: int = -1

    def prefix(self) -> list[str]:
        return [p for p in (self.letter, self.roman_label) if p]

    def offer(self, m: re.Match[str]) -> tuple[int, str, list[str]] | None:
        """(rank, kind, path parts) if the marker continues the outline, else None."""
        if m["letter"]:
            if ord(m["letter"]) != (ord(self.letter) + 1 if self.letter else ord("A")):
                return None
            self.letter, self.roman, self.roman_label, self.nums, self.point = (
                m["letter"],
                0,
                "",
                (),
                -1,
            )
            return 0, "part", self.prefix()
        if m["roman"]:
            value = roman_value(m["roman"])
            if not 0 < value - self.roman <= 2:
                return None
            self.roman, self.roman_label, self.nums, self.point = value, m["roman"], (), -1
            return 1, "part", self.prefix()
        if m["num"] or m["multi"]:
            return self._number(tuple(int(n) for n in (m["num"] or m["multi"]).split(".")))
        index = _POINTS.find(m["point"])
        if index != self.point + 1 or not (self.nums or self.roman or self.letter):
            return None
        self.point = index
        return 9, "item", [*self.prefix(), *map(str, self.nums), m["point"]]

    def _number(self, comps: tuple[int, ...]) -> tuple[int, str, list[str]] | None:
        depth = len(comps)
        if comps[:-1] != self.nums[: depth - 1] or len(self.nums) < depth - 1:
            return None
        last = self.nums[depth - 1] if len(self.nums) >= depth else 0
        if not 0 < comps[-1] - last <= 2:
            return None
        self.nums, self.point = comps, -1
        parts = [*self.prefix(), *map(str, comps)]
        return 1 + depth, "section" if len(parts) <= 3 else "item", parts


@dataclass(slots=True)
class _LegalState:
    """Where the outline of a legal text stands: Phần, Chương, Mục, Điều, khoản, điểm."""

    part: str = ""
    chapter: int = 0
    chapter_label: str = ""
    section: int = 0
    article: int = 0
    clause: int = 0
    point: int = -1

    def container(self) -> str | None:
        chapter = f"Chương {self.chapter_label}" if self.chapter_label else None
        if self.section:
            return f"{chapter}.Mục {self.section}" if chapter else f"Mục {self.section}"
        return chapter or (f"Phần {self.part}" if self.part else None)

    def offer(self, m: re.Match[str]) -> tuple[int, str, str, str | None] | None:
        """(rank, kind, path, parent) if the marker continues the outline, else None."""
        if m["part"]:
            self.part = " ".join(m["part_no"].split())
            return 0, "part", f"Phần {self.part}", None
        if m["chapter"]:
            return self._chapter(m["chapter_no"])
        if m["section"]:
            value = (
                int(m["section_no"]) if m["section_no"].isdigit() else roman_value(m["section_no"])
            )
            if not 0 < value - self.section <= 2:
                return None
            parent = self.container() if not self.section else self._above_section()
            self.section = value
            return 2, "subsection", str(self.container()), parent
        if m["article"]:
            value = int(m["article"])
            if self.article and not 0 < value - self.article <= 2:
                return None
            self.article, self.clause, self.point = value, 0, -1
            return 3, "article", f"Điều {value}", self.container()
        if not self.article:
            return None
        return self._clause(m) if m["clause"] else self._point(m["point"])

    def _above_section(self) -> str | None:
        return f"Chương {self.chapter_label}" if self.chapter_label else None

    def _chapter(self, label: str) -> tuple[int, str, str, str | None] | None:
        value = int(label) if label.isdigit() else roman_value(label)
        if not 0 < value - self.chapter <= 2:
            return None
        self.chapter, self.chapter_label, self.section = value, label, 0
        return 1, "chapter", f"Chương {label}", f"Phần {self.part}" if self.part else None

    def _clause(self, m: re.Match[str]) -> tuple[int, str, str, str | None] | None:
        value = int(m["clause"])
        if not 0 < value - self.clause <= 2:
            return None
        self.clause, self.point = value, -1
        return 4, "clause", f"Điều {self.article}.{value}", f"Điều {self.article}"

    def _point(self, letter: str) -> tuple[int, str, str, str | None] | None:
        index = _POINTS.find(letter)
        if index != self.point + 1:
            return None
        self.point = index
        parent = f"Điều {self.article}" + (f".{self.clause}" if self.clause else "")
        return 5, "point", f"{parent}.{letter}", parent


def _quote_spans(text: str) -> tuple[list[int], list[int]]:
    """Quoted passages (amendments quote whole articles): no heading starts inside one."""
    spans = [m.span() for m in re.finditer(r"“[^“”]{1,5000}”", text)]
    return [s for s, _ in spans], [e for _, e in spans]


def _quoted(quotes: tuple[list[int], list[int]], pos: int) -> bool:
    i = bisect.bisect_right(quotes[0], pos) - 1
    return i >= 0 and quotes[0][i] < pos < quotes[1][i]


def _typical_width(source: SourceText, first: int, stop: int) -> int:
    """The length of a full line: a line well short of it ends its paragraph."""
    sample = source.lines[first : min(stop, first + 2000)]  # a few pages tell the width
    lengths = sorted([len(line.text.rstrip()) for line in sample])
    return lengths[int(len(lengths) * 0.8)] if lengths else 80


def _closing_line(source: SourceText, first: int) -> int:
    """The first line of the closing block: recipients, signature, enactment formula."""
    start = source.line_starts[first] if first < len(source.lines) else len(source.text)
    for at, m in _CLOSING_START.finditer(source.text, start):
        i = source.line_index(at)
        caps = m["caps"]
        if caps is None or (is_caps(caps) and is_position(caps) and next_is_name(source, i)):
            return i
    return len(source.lines)


def _continues(prev: str, line: str, width: int) -> bool:
    """Does `line` go on with the paragraph that `prev` ends? A soft wrap starts in lower
    case, or follows a full-width line that has no closing punctuation."""
    if ADMIN_MARK.match(line) or LEGAL_MARK.match(line) or _BULLET.match(line):
        return False
    first = line.lstrip()[:1]
    if first.islower() or first.isdigit():
        return True
    # A capital after a full line goes on only a name cut in two ("tỉnh Hậu" / "Giang").
    words = prev.split()
    return (
        bool(words)
        and words[-1][0].isupper()
        and not prev.rstrip().endswith((".", ";", ":", "!", "?"))
        and len(prev.rstrip()) >= 0.75 * width
    )


def _paragraph(source: SourceText, i: int, title_at: int, width: int, stop: int) -> list[str]:
    """The heading line from its title on, and the lines its paragraph wraps onto."""
    lines = source.lines
    parts = [source.text[title_at : line_end(source, i)]]
    prev = lines[i].text
    for j in range(i + 1, min(i + 8, stop)):
        text = lines[j].text
        if skippable(text):
            continue
        if len(parts) == 4 or not _continues(prev, text, width):
            break
        parts.append(text)
        prev = text
    return parts


def _cut_title(parts: list[str]) -> str:
    """A heading's title: its first sentence, or the whole heading when it stands alone on
    its line ("Về tổ chức, bộ máy; bố trí biên chế các cơ quan"), at most 24 words."""
    text = " ".join(" ".join(parts).split())
    # A heading alone on its line keeps a ";" that joins two halves of its subject.
    stop = (_STOP if len(parts) > 1 else _STOP_ALONE).search(text)
    if stop:
        text = text[: stop.start()]
    words = text.split()
    if len(words) > _MAX_TITLE_WORDS:
        head = " ".join(words[:_MAX_TITLE_WORDS])
        comma = head.rfind(",")
        text = head[:comma] if comma > len(" ".join(words[:18])) else head
    return text.strip(" .:;,-–")


def _caps_title(source: SourceText, i: int, title_at: int, stop: int) -> str:
    """A chapter's title: the rest of its line, else the capitals lines under it."""
    rest = source.text[title_at : line_end(source, i)].strip(" .:-–")
    if rest:
        return " ".join(rest.split())
    parts: list[str] = []
    for j in range(i + 1, min(i + 6, stop)):
        text = source.lines[j].text
        if skippable(text):
            continue
        if not is_caps(text) or len(parts) == 3:
            break
        parts.append(text.strip())
    return " ".join(" ".join(parts).split())


def _headings(source: SourceText, first: int, stop: int, legal: bool) -> Iterator[_Heading]:
    quotes = _quote_spans(source.text)
    admin, law = _AdminState(), _LegalState()
    marks = LEGAL_MARK if legal else ADMIN_MARK
    for i in _marked_lines(source, first, stop, legal):
        text = source.lines[i].text
        m = marks.match(text)
        pos = source.line_starts[i] + len(text) - len(text.lstrip())
        if not m or _quoted(quotes, pos):
            continue
        title_at = source.line_starts[i] + m.end()
        if legal:
            offer = law.offer(m)
            if offer:
                rank, kind, path, parent = offer
                yield _Heading(i, pos, title_at, rank, kind, path, parent)
            continue
        if m["letter"] and not is_caps(text[m.end() :]):
            continue  # "A. ..." parts are written in capitals; anything else is prose
        found = admin.offer(m)
        if found:
            rank, kind, parts = found
            parent = ".".join(parts[:-1]) or None
            yield _Heading(i, pos, title_at, rank, kind, ".".join(parts), parent)


_LINE_MARK = (  # what a heading line can start with; the line is then read in full
    LinePattern(r"[ \t]*(?:[A-HIVX]{1,5}\.|\d{1,2}[.)]|[a-zđ]\))"),
    LinePattern(r"[ \t]*(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC|Điều|\d{1,3}\.|[a-zđ]\))"),
)


def _marked_lines(source: SourceText, first: int, stop: int, legal: bool) -> Iterator[int]:
    """Indexes of the lines in [first, stop) that start like a heading, found by one scan."""
    end = source.line_starts[stop] if stop < len(source.lines) else len(source.text)
    start = source.line_starts[first] if first < len(source.lines) else end
    for at, _ in _LINE_MARK[legal].finditer(source.text, start, end):
        yield source.line_index(at)


def _is_legal(source: SourceText, first: int, stop: int) -> bool:
    """A legal text is built of articles ("Điều 1.", "Điều 2."): two are enough to tell."""
    end = source.line_starts[stop] if stop < len(source.lines) else len(source.text)
    start = source.line_starts[first] if first < len(source.lines) else end
    articles = _ARTICLE_LINE.finditer(source.text, start, end)
    return next(articles, None) is not None and next(articles, None) is not None


def _soft_end(source: SourceText, last_heading: int, stop: int) -> int:
    """Where the last task's text ends: "Trên đây là ...", the "./." that closes the body,
    or the closing block."""
    for i in range(last_heading, stop):
        text = source.lines[i].text
        if _CLOSING.match(text):
            if text.lstrip().startswith("Trên đây là"):
                if i == last_heading:
                    continue
                return source.line_starts[i]
            return line_end(source, i)
    return source.line_starts[stop] - 1 if stop < len(source.lines) else len(source.text)


def _body_lines(source: SourceText, header: Header) -> tuple[int, int]:
    """The lines between the header block and the closing block."""
    first = source.line_index(header.end) + 1 if header.end > 0 else 0
    return first, _closing_line(source, first)


def find_tasks(source: SourceText, header: Header) -> list[TaskSpan]:
    """The heading tree. Party and administrative texts: "A." parts, Roman "I.", "1.",
    "1.1." and "a)" (paths "II.1.2", "A.I.1", "II.1.a"); legal texts: Phần, Chương, Mục,
    Điều, clauses "1." and points "a)" (paths "Chương I", "Điều 5", "Điều 5.2.a").

    The first three levels of an administrative outline are sections; deeper numbered
    items and "a)" points are items (kind ITEM), and "-"/"+" bullets are list content, not
    tasks. A span runs to the next heading of the same or a higher level, or to the end of
    the body ("Trên đây là ...", "./.", "Nơi nhận:", the signature).
    """
    first, stop = _body_lines(source, header)
    legal = _is_legal(source, first, stop)
    headings = list(_headings(source, first, stop, legal))
    if not headings:
        return []
    width = _typical_width(source, first, stop)
    body_end = _soft_end(source, headings[-1].line, stop)
    ends = _span_ends(headings, body_end)
    tasks: list[TaskSpan] = []
    for h, end in zip(headings, ends, strict=True):
        if h.kind in ("chapter", "subsection") or (legal and h.kind == "part"):
            title = _caps_title(source, h.line, h.title_at, stop)
        else:
            title = _cut_title(_paragraph(source, h.line, h.title_at, width, stop))
        tasks.append(
            TaskSpan(h.path, title, TaskKind(h.kind), h.start, max(end, h.start), h.parent)
        )
    return tasks


def _span_ends(headings: Sequence[_Heading], body_end: int) -> list[int]:
    """Each heading's span ends where the next heading of the same or a higher rank starts."""
    ends = [body_end] * len(headings)
    open_: list[int] = []
    for i, h in enumerate(headings):
        while open_ and headings[open_[-1]].rank >= h.rank:
            ends[open_.pop()] = h.start
        open_.append(i)
    return ends


def find_preamble(source: SourceText, tasks: Sequence[TaskSpan]) -> tuple[int, int]:
    """The preamble: after the header block, before the first heading ("Căn cứ ...",
    "Thực hiện ..."). Empty (start == end) when the body opens with a heading."""
    lines = source.lines
    block = scan_header([line.text for line in lines])
    i = block.last + 1 if block.last is not None else 0
    while i < len(lines) and (skippable(lines[i].text) or DECOR.fullmatch(lines[i].text)):
        i += 1
    start = source.line_starts[i] if i < len(lines) else len(source.text)
    if tasks:
        end = tasks[0].start
    else:
        end = source.line_starts[_closing_line(source, i)] if i < len(lines) else start
    end = min(end, len(source.text))
    return (start, max(start, end))
