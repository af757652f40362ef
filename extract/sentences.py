"""The sentence that holds a span: the quote a relationship carries as its evidence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

# A sentence ends at ". " / "; " / "! " / "? " before an upper-case letter, a bullet, a
# numbered heading or a footnote marker, at a colon that ends a line, or at a blank line.
# Dots inside numbers ("12.429,43") and codes ("1.1.") are not sentence ends because a space
# and a capital must follow.
# One pattern per kind of end, each opening with a literal character: the regex engine jumps
# to a literal with a fast scan but tests an opening class at every position, so seven quick
# passes cost less than one alternation. Only the set of ends counts, and no pattern's match
# can hide another's (all but the blank-line one match a single character).
_AFTER = r"(?=\s+(?:[^\W\d_a-zđ]|[-+•]\s|\d+\.\s|\[))"
_END_PARTS = tuple(
    re.compile(p)
    for p in (
        r"\." + _AFTER, ";" + _AFTER, "!" + _AFTER, r"\?" + _AFTER,
        r":(?=[ \t]*\n)", r"\n\s*\n", r"\n(?=[-+•]\s)",
    )
)
_MAX = 600


class Sentences:
    """Sentence boundaries of one text, found once, so that each quote is a lookup."""

    def __init__(self, text: str, breaks: Iterable[int] = ()) -> None:
        """`breaks`: more offsets where a sentence ends, e.g. after a heading line that has
        no full stop ("1.3. Công tác dân vận")."""
        self.text = text
        ends = {m.end() for part in _END_PARTS for m in part.finditer(text)}
        self._ends = sorted(ends.union(breaks))
        self._quotes: dict[tuple[int, int], str] = {}  # many spans share a sentence

    def span(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence around text[start:end], at most ~600 chars each way."""
        i = bisect.bisect_right(self._ends, start)
        left = self._ends[i - 1] if i else 0
        j = bisect.bisect_left(self._ends, end + 1)
        right = self._ends[j] if j < len(self._ends) else len(self.text)
        return max(left, start - _MAX), min(right, end + _MAX)

    def quote(self, start: int, end: int) -> str:
        """The sentence around a span, on one line, in the original spelling."""
        span = self.span(start, end)
        quote = self._quotes.get(span)
        if quote is None:
            quote = self._quotes[span] = " ".join(self.text[span[0] : span[1]].split())
        return quote


def quote(text: str, start: int, end: int) -> str:
    """One-off form of `Sentences(text).quote(start, end)`."""
    return Sentences(text).quote(start, end)
