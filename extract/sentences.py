"""The sentence that holds a span: the quote a relationship carries as its evidence."""

from __future__ import annotations

import re

# A sentence ends at ". " / "; " / ": " before an upper-case letter or a line that starts a
# heading or bullet; a blank line ends a paragraph. Dots inside numbers ("12.429,43") and
# codes ("1.1.") are not sentence ends because a capital or newline must follow.
_END = re.compile(r"[.;!?](?=\s+(?:[^\W\d_a-zđ]|[-+•]\s|\d+\.\s|\[))|\n\s*\n|\n(?=[-+•]\s)")
_MAX = 600


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the sentence around text[start:end], at most about 600 characters."""
    lo = max(0, start - _MAX)
    left = lo
    for match in _END.finditer(text, lo, start):
        left = match.end()
    hit = _END.search(text, end, min(len(text), end + _MAX))
    right = hit.end() if hit else min(len(text), end + _MAX)
    return left, right


def quote(text: str, start: int, end: int) -> str:
    """The sentence around a span, on one line, with the original spelling."""
    left, right = sentence_span(text, start, end)
    return " ".join(text[left:right].split())
