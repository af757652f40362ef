"""Why a document is cited: the clause around a citation and the verb that opens it
("thực hiện", "sơ kết", "sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn", "Căn cứ")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vbgraph.extract.doctypes import (
    BASED_ON_OPENERS,
    INTENT_CUES,
    INTENT_OVERRIDES,
)
from vbgraph.extract.wording import (
    LEAD,
    LETTER,
    WINDOW,
    alternation,
    cached_key,
    plain_spelling,
    rx,
    spaced,
)
from vbgraph.graph.model import Intent


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    text: str  # from the clause start to the position asked about
    boundary: str  # what ended the clause before: ";", ".", a bullet ...


@lru_cache(maxsize=1)
def _clause_end() -> re.Pattern[str]:
    # A line that opens with "Căn cứ" or "Thực hiện" starts a preamble clause even when the
    # title above it has no full stop.
    openers = alternation(("Căn cứ", "Thực hiện", "Theo đề nghị", "Xét đề nghị"))
    return re.compile(
        r"[;!?()]|[.:](?=\s)|\n\s*[-+•*]\s|\n\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.)\s"
        rf"|\n(?=[ \t]*(?:{openers}))"
    )


def clause_at(text: str, pos: int) -> Clause:
    """The clause that ends at `pos`, at most `WINDOW` characters long."""
    # Most clauses are short: look in the nearer half of the window first.
    for lo in (max(0, pos - WINDOW // 2), max(0, pos - WINDOW)):
        cut, boundary = lo, ""
        for match in _clause_end().finditer(text, lo, pos):
            cut, boundary = match.end(), match.group()
        if boundary or lo == 0:
            break
    return Clause(cut, text[cut:pos], boundary.strip())


@lru_cache(maxsize=2)
def _intent_cues(plain: bool) -> tuple[re.Pattern[str], dict[str, tuple[Intent | None, bool]]]:
    """One lower-case pattern for every cue, and what each means by its folded key:
    (intent, strong). The pattern has no groups: they would slow the scan tenfold. `plain`:
    the cues as typed without diacritics, for clauses written so ("sua doi, bo sung")."""
    spell = plain_spelling if plain else str
    meaning: dict[str, tuple[Intent | None, bool]] = {}
    phrases: list[tuple[str, str]] = []
    for phrase, intent in INTENT_OVERRIDES.items():
        phrases.append((phrase, spaced(spell(phrase))))
        meaning[cached_key(phrase)] = (intent, False)
    for cue in INTENT_CUES:
        for word in cue.words:
            pattern = spaced(spell(word))
            if " " not in word:  # one syllable ("theo"): only as a word of its own
                pattern = rf"{pattern}(?<!{LETTER}{pattern})(?!{LETTER})"
            phrases.append((word, pattern))
            meaning.setdefault(cached_key(word), (cue.intent, cue.strong))
    # Longer phrases first, so that "theo hướng dẫn" is read before "theo".
    parts = [pattern for _, pattern in sorted(phrases, key=lambda p: -len(p[0]))]
    return re.compile("|".join(parts)), meaning


@lru_cache(maxsize=1)
def _opener() -> re.Pattern[str]:
    return re.compile(rf"\W*(?:{alternation(BASED_ON_OPENERS)})")


def _intent_of(clause: str) -> Intent | None:
    """The intent the words of one clause give: "Căn cứ" opening it, else the strong cue
    nearest the citation ("sơ kết ... thực hiện" reviews), else a general one."""
    lowered = clause.lower()
    if _opener().match(lowered):
        return Intent.BASED_ON
    plain = lowered.isascii() or not rx()["marked"].search(lowered)  # “quotes”, dashes
    pattern, meaning = _intent_cues(plain)
    strong: Intent | None = None
    weak: Intent | None = None
    for match in pattern.finditer(lowered):
        intent, is_strong = meaning.get(cached_key(match.group()), (None, False))
        if intent is not None and is_strong:
            strong = intent
        elif intent is not None:
            weak = intent
    return strong or weak


def intent_before(text: str, clause: Clause) -> Intent:
    """Why a document is cited. A clause that is a list item after ";" with no verb of its
    own takes the opening words of the one before ("Căn cứ Luật A; Luật B": both bases)."""
    intent = _intent_of(clause.text)
    first = clause
    for _ in range(4):
        if intent is not None or clause.boundary != ";" or clause.start <= 1:
            break
        clause = clause_at(text, clause.start - 1)
        intent = _opening_intent(clause)
    return intent or _intent_of_aside(text, first) or _intent_of_lead(text, first) or (
        Intent.MENTIONS
    )


def _opening_intent(clause: Clause) -> Intent | None:
    """The intent of a clause's words before its first type word."""
    first = rx()["type"].search(clause.text.lower())
    return _intent_of(clause.text[: first.start()] if first else clause.text)


def _intent_of_aside(text: str, clause: Clause) -> Intent | None:
    """"thực hiện theo Thông tư số 02/2018/TT-TANDTC ... (sau đây viết tắt là ...), Thông tư
    số 01/2017/TT-TANDTC": a citation joined to the one before an aside shares its verb."""
    if clause.boundary != ")" or not rx()["joined"].fullmatch(clause.text):
        return None
    opened = text.rfind("(", max(0, clause.start - WINDOW), clause.start)
    if opened <= 0:
        return None
    before = clause_at(text, opened)
    intent = _opening_intent(before)
    for _ in range(3):  # a long clause was cut by the window: read on back to its start
        if intent is not None or before.boundary or before.start == 0:
            break
        before = clause_at(text, before.start)
        intent = _opening_intent(before)
    return intent


def _intent_of_lead(text: str, clause: Clause) -> Intent | None:
    """A list item takes a strong intent from the words that open the list: "Các văn bản
    sau đây hết hiệu lực ...:" / "a) Nghị định số 68/2000/NĐ-CP ...;" repeals. Not across an
    article heading, nor into quoted text (the new wording of an amended article)."""
    if not clause.boundary or clause.boundary == ".":
        return None
    # The nearest colon that ends words ("như sau: Quyết định số ..."), not a time ("14:30").
    lo = max(0, clause.start - LEAD)
    colon = text.rfind(":", lo, clause.start)
    while colon >= 0 and not text[colon + 1 : colon + 2].isspace():
        colon = text.rfind(":", lo, colon)
    if colon < 0 or rx()["lead_stop"].search(text, colon, clause.start):
        return None
    intent = _intent_of(clause_at(text, colon).text)
    # "Các nhiệm vụ cần thực hiện:" is too general to say why each item names a document.
    return None if intent in (None, Intent.IMPLEMENTS, Intent.MENTIONS) else intent
