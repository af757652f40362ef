"""Repair steps about the page rather than the words: where pages begin in a plain text
file, and the running headers, page numbers and signature stamps printed on every page."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import accumulate, pairwise

from ..graph.model import SourceLine

# --------------------------------------------------------------------------- pages in text

PageStarts = dict[int, int]  # line index -> how many pages begin just before that line

FORM_FEED_NOTE = "pages from form feeds"
LEADING_SPACE_NOTE = "pages from the layout: a page starts with a one-space indent, no empty line"
BLANK_BLOCK_NOTE = "pages from the layout: single empty lines between page-long blocks"

# Blocks between empty lines are pages only when they are page-long: none shorter than
# MIN_PAGE_LINES (a short last page aside), and half at least TYPICAL_PAGE_LINES.
MIN_PAGE_LINES = 10
TYPICAL_PAGE_LINES = 20


def derive_pages(lines: list[SourceLine]) -> tuple[list[SourceLine], str | None]:
    """Give the lines of a plain text file page numbers, when the file shows its pages.

    `number` stays the file line number; form feeds leave the text. See `page_numbers`.
    """
    if not lines or any(line.page is not None for line in lines):
        return lines, None
    pages, note = page_numbers([line.text for line in lines], [line.number for line in lines])
    if pages is None:
        return lines, None
    return [
        SourceLine(line.text.replace("\f", ""), line.number, page)
        for line, page in zip(lines, pages, strict=True)
    ], note


def page_numbers(texts: list[str], numbers: list[int]) -> tuple[list[int] | None, str | None]:
    """The page of each line, and a note on how it was found; (None, None) if not shown.

    Three conventions, tried in this order, each only when the whole file fits it:
    a form feed starts a page; in a file whose lines are separated by empty lines, a line
    that starts with a single space right after the previous line (no empty line between)
    starts a page (text saved by some publishers: see hau-giang-q4-2024.txt); in a file
    with (nearly) no empty lines, each single empty line between page-long blocks is a page
    break (the gazette and Party texts in the corpus).

    `texts` are the file's lines without the empty ones, `numbers` their line numbers: the
    text reader calls this before it builds any SourceLine, so each line is built once.
    """
    finders: tuple[tuple[Callable[[list[str], list[int]], PageStarts | None], str], ...] = (
        (_form_feed_starts, FORM_FEED_NOTE),
        (_leading_space_starts, LEADING_SPACE_NOTE),
        (_blank_block_starts, BLANK_BLOCK_NOTE),
    )
    for finder, note in finders:
        starts = finder(texts, numbers)
        if starts:
            steps = [0] * len(texts)
            for index, count in starts.items():
                if index < len(steps):
                    steps[index] = count
            return list(accumulate(steps, initial=1))[1:], note
    return None, None


def _form_feed_starts(texts: list[str], numbers: list[int]) -> PageStarts | None:
    starts: PageStarts = {}
    for index in (i for i, text in enumerate(texts) if "\f" in text):
        text = texts[index]
        # "text\f": the page turns after this line; "\ftext": before it
        where = index + 1 if text.split("\f", 1)[0].strip() else index
        starts[where] = starts.get(where, 0) + text.count("\f")
    return starts or None


def _gaps(numbers: list[int]) -> list[int]:
    return [b - a for a, b in pairwise(numbers)]


def _leading_space_starts(texts: list[str], numbers: list[int]) -> PageStarts | None:
    gaps = _gaps(numbers)
    if len(gaps) < 10 or gaps.count(2) < 0.6 * len(gaps):
        return None  # not a file whose lines are separated by empty lines
    starts = {
        index: 1
        for index, text in enumerate(texts)
        if text[:1] == " "
        and text[1:2] != " "
        and index
        and gaps[index - 1] == 1
        and texts[index - 1].strip()
    }
    if not starts or len(starts) * 10 > len(texts):
        return None
    return starts


def _blank_block_starts(texts: list[str], numbers: list[int]) -> PageStarts | None:
    gaps = _gaps(numbers)
    breaks = [index + 1 for index, gap in enumerate(gaps) if gap > 1]
    if not breaks or any(gaps[index - 1] != 2 for index in breaks):
        return None  # no empty lines, or runs of them: paragraphs, not pages
    bounds = [0, *breaks, len(numbers)]
    blocks = [numbers[b - 1] - numbers[a] + 1 for a, b in pairwise(bounds)]
    full = sorted(blocks[:-1])
    if full[0] < MIN_PAGE_LINES or full[len(full) // 2] < TYPICAL_PAGE_LINES:
        return None
    return dict.fromkeys(breaks, 1)


def page_ranges(lines: list[SourceLine]) -> list[tuple[int | None, int, int]]:
    """(page, start, end) of each run of lines on one page, in order."""
    cuts = [i for i in range(1, len(lines)) if lines[i].page != lines[i - 1].page]
    bounds = [0, *cuts, len(lines)]
    return [(lines[a].page, a, b) for a, b in pairwise(bounds) if a < b]


# --------------------------------------------------------------------------- running lines

EDGE_LINES = 3  # running headers, footers and page numbers live in a page's first/last lines

_DIGITS = re.compile(r"\d+")
# Stripped from both ends of a key; the key's only whitespace is single spaces.
_KEY_ENDS = "# .,:;-–—|"
_PAGE_NUMBER = re.compile(
    r"\s*[-–(]?\s*(?:trang\s+)?(\d{1,4})(?:\s*/\s*\d{1,4})?\s*[-–)]?\s*", re.IGNORECASE
)
_END_NUMBERS = re.compile(r"^\s*(\d{1,4})\b|\b(\d{1,4})\s*$")
_HAS_DIGIT = re.compile(r"\d")


def running_key(text: str) -> str:
    """What stays the same in a running header from page to page: lower case, digits as
    '#', without the page number at either end. "CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021 3"
    and "4 CÔNG BÁO/Số 849 + 850/Ngày 12-10-2021" share one key."""
    key = _DIGITS.sub("#", " ".join(text.lower().split()))
    return key.strip(_KEY_ENDS)


def drop_running_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Remove running headers/footers and page numbers.

    With pages: a line among the first or last few of a page whose key recurs on many
    pages (half of them when it has digits, like the gazette's "CÔNG BÁO/Số ... 3"; four in
    five when it has none), and lone numbers there that step with the page number.
    Without pages (one long text): a line with digits whose key recurs at regular,
    page-like intervals, and lone numbers right next to it.
    """
    ranges = [(page, a, b) for page, a, b in page_ranges(lines) if page is not None]
    if len({page for page, _, _ in ranges}) >= 2:
        drop = _edge_running(lines, ranges)
    else:
        drop = _regular_running(lines)
    if not drop:
        return lines
    return [line for index, line in enumerate(lines) if index not in drop]


def _edge_running(lines: list[SourceLine], ranges: list[tuple[int, int, int]]) -> set[int]:
    edges: dict[int, tuple[int, str]] = {}  # index -> (page, key)
    pages_with: dict[str, set[int]] = defaultdict(set)
    keys: dict[str, str] = {}  # headers repeat word for word: key each text once
    for page, start, end in ranges:
        for index in _edge(lines, range(start, end)) + _edge(lines, range(end - 1, start - 1, -1)):
            text = lines[index].text
            key = keys.get(text)
            if key is None:
                key = keys[text] = running_key(text)
            edges[index] = (page, key)
            pages_with[key].add(page)
    count = len({page for page, _, _ in ranges})
    running = {key for key, seen in pages_with.items() if _is_running(key, len(seen), count)}
    drop: set[int] = set()
    offsets: Counter[int] = Counter()
    numbers: list[tuple[int, int]] = []  # (index, value - page) of lone numbers
    for index, (page, key) in edges.items():
        text = lines[index].text
        if key in running:
            drop.add(index)
            offsets.update(int(a or b) - page for a, b in _END_NUMBERS.findall(text))
        elif (match := _PAGE_NUMBER.fullmatch(text)) is not None:
            numbers.append((index, int(match.group(1)) - page))
            offsets[numbers[-1][1]] += 1
    if offsets:
        offset, votes = offsets.most_common(1)[0]
        if votes >= 2:
            drop.update(index for index, step in numbers if step == offset)
    return drop


def _edge(lines: list[SourceLine], indices: range) -> list[int]:
    """The first EDGE_LINES content lines of `indices`, not counting lone numbers."""
    edge, counted = [], 0
    for index in indices:
        if counted == EDGE_LINES:
            break
        text = lines[index].text
        if text.strip():
            edge.append(index)
            counted += _PAGE_NUMBER.fullmatch(text) is None
    return edge


def _is_running(key: str, pages_seen: int, pages: int) -> bool:
    share, least = (0.5, 2) if "#" in key else (0.8, 3)
    if pages_seen < max(least, math.ceil(share * pages)):
        return False  # most keys: seen on one page; decided before counting letters
    return sum(c.isalpha() for c in key) >= 3


def _regular_running(lines: list[SourceLine]) -> set[int]:
    where: dict[str, list[int]] = defaultdict(list)
    candidates = [
        i for i, line in enumerate(lines) if len(line.text) < 120 and _HAS_DIGIT.search(line.text)
    ]
    for index in candidates:
        where[running_key(lines[index].text)].append(index)
    drop: set[int] = set()
    for key, indices in where.items():
        if len(indices) < 3 or sum(c.isalpha() for c in key) < 5:
            continue
        steps = [lines[b].number - lines[a].number for a, b in pairwise(indices)]
        if min(steps) >= 15 and max(steps) <= 2 * min(steps):
            drop.update(indices)
    for index in sorted(drop):
        for near in range(max(0, index - 2), min(len(lines), index + 3)):
            if _PAGE_NUMBER.fullmatch(lines[near].text):
                drop.add(near)
    return drop


# --------------------------------------------------------------------------- signature stamps

# The block a digital signature stamps on a page, as the text layer or a saved text has it:
#   Người ký: Cổng Thông tin điện tử Chính phủ / Email: thongtinchinhphu@chinhphu.vn /
#   Cơ quan: Văn phòng Chính phủ / Thời gian ký: 12.10.2021 14:52:05 +07:00
#   Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA ... / Cơ quan: VĂN PHÒNG CHÍNH PHỦ / Ngày ký: 2026-06-02 ...
STAMP_LABELS = (
    "người ký",
    "ký bởi",
    "signed by",
    "e-mail",
    "email",
    "cơ quan",
    "thời gian ký",
    "ngày ký",
)
SIGNER_LABELS = ("người ký", "ký bởi", "signed by")
_LABEL = re.compile(r"\s*(" + "|".join(STAMP_LABELS) + r")\s*:", re.IGNORECASE)


def drop_signature_stamps(lines: list[SourceLine]) -> list[SourceLine]:
    """Remove runs of two or more "label: value" stamp lines, one of them naming a signer.
    Whitespace-only lines inside a run do not end it."""
    labelled = [
        (index, label)
        for index, line in enumerate(lines)
        if line.text.find(":", 0, 24) != -1 and (label := _stamp_label(line.text))
    ]
    drop: set[int] = set()
    run: list[tuple[int, str]] = []
    for index, label in labelled:
        if run and any(lines[i].text.strip() for i in range(run[-1][0] + 1, index)):
            drop.update(_stamp_run(run))
            run = []
        run.append((index, label))
    drop.update(_stamp_run(run))
    if not drop:
        return lines
    return [line for index, line in enumerate(lines) if index not in drop]


def _stamp_label(text: str) -> str | None:
    match = _LABEL.match(text)  # clean text is NFC, so the accented labels match as written
    return match.group(1).lower() if match else None


def _stamp_run(run: list[tuple[int, str]]) -> list[int]:
    if len(run) >= 2 and any(label in SIGNER_LABELS for _, label in run):
        return [index for index, _ in run]
    return []
