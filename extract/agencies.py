"""Agencies named in a document, who is assigned which task, and when it is due.

Names come from the tables in `agency_names`; the matcher built from them is one regular
expression (a trie of the folded names in which each letter is the class of its accented and
capital forms), so it runs over the original text and its offsets need no mapping. A folded
copy of the text would be simpler to match, but folding a large text costs more than matching
it. Each candidate is then checked against the table's spelling with tone marks, so folding
never merges names that differ only in accents ("Chính phủ" / "chính phục").
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from vbgraph.extract.agency_names import (
    AGENCIES,
    LEVELS,
    POSITIONS,
    STEERING_SUBJECTS,
    AgencyName,
    Scope,
)
from vbgraph.graph.model import (
    AgencyMention,
    Assignment,
    Deadline,
    Header,
    Role,
    SourceText,
    TaskSpan,
)
from vbgraph.vntext import fold, nfc, normalize_name

_TONES = "\u0300\u0301\u0309\u0303\u0323"

# --------------------------------------------------------------------------- spelling keys


@lru_cache(maxsize=1 << 16)
def _shape(text: str) -> str:
    """A key that keeps every accent but ignores case, spacing and where the tone mark sits
    ("Uỷban" and "Ủy ban" agree; "Chính phủ" and "Chính phụ" do not)."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower())
    tones = "".join(c for c in decomposed if c in _TONES)
    letters = "".join(c for c in decomposed if c not in _TONES and c.isalnum())
    return unicodedata.normalize("NFC", letters) + "|" + tones


def _is_abbreviation(form: str) -> bool:
    return " " not in form and sum(c.isupper() for c in form) >= 2


# --------------------------------------------------------------------------- the matcher


@lru_cache(maxsize=1)
def _letter_classes() -> dict[str, str]:
    """For each folded letter, every letter that folds to it: "a" -> "aàáả...ẬẶ"."""
    members: dict[str, set[str]] = {}
    for code in [*range(0x30, 0x3A), *range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x1EFA)]:
        ch = chr(code)
        key = fold(ch)
        if len(key) == 1 and key.isascii() and key.isalnum():
            members.setdefault(key, set()).add(ch)
    return {key: "".join(sorted(chars)) for key, chars in members.items()}


def _piece(ch: str) -> str:
    if ch == " ":
        return r"\s*"  # words glued by PDF extraction, or wrapped onto the next line
    if ch in "-–":
        return r"\s*[-–]\s*"
    if ch == ",":
        return r"\s*,\s*"
    letters = _letter_classes().get(ch)
    return f"[{letters}]" if letters else re.escape(ch)


def _folded_form(form: str) -> str:
    key = fold(nfc(form))
    key = re.sub(r"\s*([-–,])\s*", r"\1", key)
    return " ".join(key.split())


_Trie = dict[str, "_Trie"]


def _trie(forms: Iterable[str]) -> _Trie:
    root: _Trie = {}
    for form in forms:
        node = root
        for ch in _folded_form(form):
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _emit(node: _Trie) -> str:
    """The regex of a trie node: shared beginnings once, longer names tried first."""
    branches = [_piece(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def trie_pattern(forms: Iterable[str], first: str | None = None) -> str:
    """One regex for many names, matched on the original text (accents and case free).

    With `first` ("upper"), the name must start with a capital, and the pattern opens with a
    single class of those capitals: the regex engine then skips every other character in its
    fast scan, which makes the search several times faster than trying each position.
    """
    root = _trie(forms)
    if first is None:
        return _emit(root)
    keep = str.isupper if first == "upper" else str.islower
    heads = {ch: "".join(filter(keep, _letter_classes().get(ch, ch))) for ch in root if ch}
    branches = [
        f"(?<=[{heads[ch]}]){_emit(child)}" for ch, child in sorted(root.items()) if heads.get(ch)
    ]
    return "[" + "".join(heads.values()) + "](?:" + "|".join(branches) + ")"


@dataclass(frozen=True, slots=True)
class _Form:
    entry: AgencyName
    written: str  # the form as the table writes it
    shape: str
    abbreviation: bool


@dataclass(frozen=True, slots=True)
class _Matcher:
    capitals: re.Pattern[str]  # names starting with a capital (nearly all)
    lower: re.Pattern[str]  # the few names also written in lower case
    forms: dict[str, _Form]  # folded form without spaces -> entry
    entries: dict[str, AgencyName]  # canonical name -> entry
    level: re.Pattern[str]
    levels: dict[str, str]  # shape -> level word
    subject: re.Pattern[str]
    subjects: dict[str, str]  # shape -> subject as the table writes it
    positions: tuple[str, ...]


def _squeeze(folded: str) -> str:
    return re.sub(r"[\s\-–,]+", "", folded)


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    forms: dict[str, _Form] = {}
    for entry in AGENCIES:
        for written in (entry.name, *entry.forms):
            key = _squeeze(_folded_form(written))
            if key in forms:
                raise ValueError(f"agency tables: {written!r} clashes with {forms[key].written!r}")
            forms[key] = _Form(entry, written, _shape(written), _is_abbreviation(written))
    lower = [f.written for f in forms.values() if f.entry.lower_case and not f.abbreviation]
    subjects = [s for s, _ in STEERING_SUBJECTS]
    return _Matcher(
        capitals=re.compile(trie_pattern((f.written for f in forms.values()), "upper")),
        lower=re.compile(trie_pattern(lower, "lower")),
        forms=forms,
        entries={e.name: e for e in AGENCIES},
        level=re.compile(r"\s*(" + trie_pattern(w for w, _ in LEVELS) + r")(?!\w)"),
        levels={_shape(w): w for w, _ in LEVELS},
        subject=re.compile(r"[ \t]*(" + trie_pattern(subjects) + r")(?!\w)"),
        subjects={_shape(s): s for s in subjects},
        positions=tuple(sorted((p for p, _ in POSITIONS), key=len, reverse=True)),
    )


# --------------------------------------------------------------------------- finding names

# Capitalised words that start another name or a sentence, never a place name.
_NOT_PLACE = frozenset(
    [
        "Đảng",
        "Nhà",
        "Ban",
        "Bộ",
        "Sở",
        "Ủy",
        "Uỷ",
        "Văn",
        "Thường",
        "Các",
        "Về",
        "Nghị",
        "Quyết",
        "Chỉ",
        "Kế",
        "Chương",
        "Thông",
        "Quy",
        "Luật",
        "Tỉnh",
        "Huyện",
        "Trung",
        "Chính",
        "Quốc",
        "Mặt",
        "Đoàn",
        "Hội",
        "Tổ",
        "Phòng",
        "Trên",
        "Theo",
        "Tại",
        "Trong",
        "Đề",
        "Giao",
        "Thực",
        "Lãnh",
        "Tiếp",
        "Tăng",
        "Triển",
        "Tập",
        "Nâng",
        "Đẩy",
        "Chủ",
        "Phối",
        "Tham",
    ]
)
_WORD = re.compile(r"[ \t]+([^\W\d_][\w]*)")
_NUMBER = re.compile(r"[ \t]*(\d{1,4})(?![\d/]|[.,]\d)")
_PERSON = re.compile(r"[ \t]*vi[êeÊE]n(?!\w)", re.IGNORECASE)  # "Đảng ủy viên" is a person
_PLURAL = re.compile(r"(?:c[áa]c|nh[ữu]ng)[ \t]+$", re.IGNORECASE)  # "các ban cán sự đảng"
_SOCIETY = re.compile(r"\s*h[ộo]i(?!\w)", re.IGNORECASE)  # "xã hội" is not the level "xã"
_LIST_GAP = re.compile(r"\s{0,2}")


def _boundary_ok(text: str, start: int, end: int) -> bool:
    """A name must not start or end inside a word, except where PDF extraction glued two
    words: the glue sits after an accented letter or before a capital ("vụTỉnh", "uỷUBND")."""
    if start > 0 and text[start - 1].isalnum():
        prev = text[start - 1]
        if not (text[start].isupper() or (prev.isalpha() and not prev.isascii())):
            return False
    if end < len(text) and text[end].isalnum():
        last = text[end - 1]
        if not (text[end].isupper() or (last.isalpha() and not last.isascii())):
            return False
    return True


def _in_code(text: str, start: int, end: int) -> bool:
    """Inside a document number: "QĐ-TTg", "40/QĐ-UBND", "09/CV-BCĐ"."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "-/" or (after in "-/" and end + 1 < len(text) and text[end + 1].isalnum())


def _place(text: str, pos: int, capitals: bool) -> tuple[str, int]:
    """Capitalised words after `pos` on the same line: "Hậu Giang", "CÔNG HẢI"."""
    words: list[str] = []
    end = pos
    while len(words) < 4:
        m = _WORD.match(text, end)
        if not m:
            break
        word = m.group(1)
        titled = word[0] + word[1:].lower()
        is_caps = word.isupper() and len(word) > 1
        if not word[0].isupper() or titled in _NOT_PLACE or (is_caps and not capitals):
            break
        words.append(titled)
        end = m.end()
    return " ".join(words), end


def _scope(text: str, entry: AgencyName, end: int, capitals: bool) -> tuple[list[str], int]:
    """The words after a name that belong to it: number, subject, level, place."""
    m = _matcher()
    parts: list[str] = []
    if entry.scope is Scope.NUMBER:
        number = _NUMBER.match(text, end)
        subject = None if number else m.subject.match(text, end)
        if number:
            parts.append(number.group(1))
            end = number.end()
        elif subject and _shape(subject.group(1)) in m.subjects:
            parts.append(m.subjects[_shape(subject.group(1))])
            end = subject.end()
    if entry.scope in (Scope.LEVEL, Scope.NUMBER):
        level = m.level.match(text, end)
        word = m.levels.get(_shape(level.group(1))) if level else None
        if level and word and not _SOCIETY.match(text, level.end()):
            parts.append(word)
            place, end = _place(text, level.end(), capitals)
            if place:
                parts.append(normalize_name(place))
    elif entry.scope is Scope.PLACE:
        place, end = _place(text, end, capitals)
        if place:
            parts.append(normalize_name(place))
    return parts, end


@lru_cache(maxsize=1 << 14)
def _spelled_form(written: str) -> _Form | None:
    """The table form a hit stands for, if it is spelled as the table has it: an
    abbreviation letter for letter, a name with the same accents. Names recur through a
    document, so each spelling is looked up once."""
    form = _matcher().forms.get(_squeeze(fold(written)))
    if form is None:
        return None
    if form.abbreviation:
        return form if re.sub(r"\s+", "", written) == form.written else None
    return form if _shape(written) == form.shape else None


def _candidates(text: str, hits: Iterable[re.Match[str]]) -> Iterator[AgencyMention]:
    """The table names among the matcher's hits, with their scope, before prefixes are
    joined."""
    for hit in hits:
        s, e = hit.span()
        written = hit.group()
        form = _spelled_form(written)
        if form is None or not _boundary_ok(text, s, e):
            continue
        if form.abbreviation and _in_code(text, s, e):
            continue
        parts, end = _scope(text, form.entry, e, written.isupper())
        if form.entry.needs_scope and not parts:
            continue
        if _PERSON.match(text, end) or _PLURAL.search(text, max(0, s - 8), s):
            continue
        name = " ".join([form.entry.name, *parts])
        abbreviation = written if form.abbreviation else form.entry.abbreviation
        yield AgencyMention(name, text[s:end], s, end, abbreviation)


def _entry(mention: AgencyMention) -> AgencyName | None:
    entries = _matcher().entries
    name = mention.name
    while name and name not in entries:
        name = name.rpartition(" ")[0]
    return entries.get(name)


def _joined(text: str, mentions: Iterable[AgencyMention]) -> Iterator[AgencyMention]:
    """Join "Ban Thường vụ" + "Tỉnh ủy" into one name; drop joining names left alone."""
    rest = iter(mentions)
    nxt = next(rest, None)
    while nxt is not None:
        cur, nxt = nxt, next(rest, None)
        entry = _entry(cur)
        while (
            entry is not None
            and entry.joins
            and cur.name == entry.name
            and nxt is not None
            and _LIST_GAP.fullmatch(text, cur.end, nxt.start)
        ):
            cur = AgencyMention(
                f"{cur.name} {nxt.name}",
                text[cur.start : nxt.end],
                cur.start,
                nxt.end,
                nxt.abbreviation or cur.abbreviation,
            )
            nxt = next(rest, None)
        if entry is None or entry.alone or cur.name != entry.name:
            yield cur


def mentions_in(text: str, start: int = 0, stop: int | None = None) -> list[AgencyMention]:
    """Agencies named in text[start:stop], canonical names with their written scope."""
    stop = len(text) if stop is None else stop
    m = _matcher()
    hits = itertools.chain(
        m.capitals.finditer(text, start, stop), m.lower.finditer(text, start, stop)
    )
    return list(_joined(text, sorted(_candidates(text, hits), key=_start)))


def iter_mentions(text: str) -> Iterator[AgencyMention]:
    """`mentions_in(text)` one by one, found as they are asked for: a caller that stops at
    the first of a kind leaves the rest of the text unread. (Merging the two ordered
    streams costs more per name than sorting, so whole lists use mentions_in.)"""
    m = _matcher()
    found = heapq.merge(
        _candidates(text, m.capitals.finditer(text)),
        _candidates(text, m.lower.finditer(text)),
        key=_start,
    )
    return _joined(text, found)


def _start(mention: AgencyMention) -> int:
    return mention.start


@lru_cache(maxsize=1 << 14)
def canonical_agency(name: str) -> str:
    """The tables' name for an agency however it is written ("UBND xã" -> "Ủy ban nhân dân
    xã", "BCĐ ..." -> "Ban Chỉ đạo ..."); a name the tables do not cover whole is only
    normalised, so that one agency is one node whichever document names it."""
    text = normalize_name(name)
    found = mentions_in(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].name
    return text


def find_agencies(source: SourceText, header: Header) -> list[AgencyMention]:
    """Agencies named in the text, in order. Names keep the scope the text gives them ("Tỉnh
    ủy", "Hội đồng nhân dân tỉnh"): an unscoped "Tỉnh ủy" is the one of `header.province`,
    which the resolver adds; the header block itself is searched too (its issuer lines)."""
    del header  # the scope is resolved later, from the header, for the whole graph
    return [m for m in mentions_in(source.text) if not _is_display_only(m)]


def _is_display_only(mention: AgencyMention) -> bool:
    entry = _entry(mention)
    return entry is not None and entry.display_only and mention.name.startswith(entry.name)


# --------------------------------------------------------------------------- display names


@lru_cache(maxsize=1)
def _level_words() -> frozenset[str]:
    return frozenset(_shape(w) for w, _ in LEVELS)


def _sentence_case(words: Sequence[str]) -> str:
    out: list[str] = []
    level_words = _level_words()
    titled = False
    for i, word in enumerate(words):
        low = word.lower()
        out.append(word[0].upper() + low[1:] if i == 0 or titled else low)
        titled = titled or _shape(word) in level_words
    return " ".join(out)


@lru_cache(maxsize=1 << 12)  # header and signature lines are asked about more than once
def display_name(caps: str) -> str:
    """A header or signature line in normal case: "ĐẢNG UỶ XÃ CÔNG HẢI" -> "Đảng ủy xã Công
    Hải", "BỘ TRƯỞNG BỘ CÔNG AN" -> "Bộ trưởng Bộ Công an", "THỦ TƯỚNG" -> "Thủ tướng"."""
    text = " ".join(nfc(caps).split())
    if not text:
        return text
    for position in _matcher().positions:
        if _shape(text[: len(position)]) == _shape(position) and (
            len(text) == len(position) or text[len(position)] == " "
        ):
            rest = text[len(position) :].strip()
            return position + (" " + display_name(rest) if rest else "")
    mentions = mentions_in(text)
    covered = "".join(text[m.start : m.end] for m in mentions)
    if mentions and len(re.sub(r"[\W_]|VÀ", "", text)) - len(re.sub(r"[\W_]", "", covered)) < 1:
        return " - ".join(m.name for m in mentions)
    return normalize_name(_sentence_case(text.split()))


# --------------------------------------------------------------------------- assignments

# A clause ends at a stop before a space, or before a bulleted line. One pattern per
# opening character: a literal is found by a fast scan, an opening class is not (see
# sentences._END_PARTS); each match is one character, so together they find the same ends.
_CLAUSE_ENDS = (
    *(re.compile(re.escape(stop) + r"(?=\s)") for stop in ".;:!?…"),
    re.compile(r"\n(?=[ \t]*[-+•*][ \t])"),
)
_MARKER = re.compile(r"\s*(?:[-+•*]|[IVXLC]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s+")
_CO_SUBJECT = re.compile(
    r"(?:(?:c[áa]c\s+)?(?:c[ấa]p\s*[ủu][ỷy](?:\s*đ[ảa]ng)?|ch[íi]nh\s*quy[ềe]n|t[ổo]\s*ch[ứu]c"
    r"\s*đ[ảa]ng|đo[àa]n\s*th[ểe])\s*(?:,|v[àa])?\s*)*",
    re.IGNORECASE,
)
_ASKS = re.compile(  # "giao X", "đề nghị X", "chỉ đạo X": X is to do the work
    r"(?:giao|đề\s*nghị|yêu\s*cầu|chỉ\s*đạo)\s*$", re.IGNORECASE
)
_WITH = re.compile(r"phối\s*hợp(?:\s*với)?\s*$", re.IGNORECASE)
# The letters that end their words, in every form IGNORECASE lets them match in.
_ASKS_LAST = frozenset("oOịỊuU")  # giao, đề nghị, yêu cầu, chỉ đạo
_WITH_LAST = frozenset("pPiIİı")  # phối hợp, phối hợp với
_SCOPE_TAIL = re.compile(
    r"\s*(?:các\s*cấp|các\s*tỉnh\s*,\s*thành\s*phố(?:\s*trực\s*thuộc\s*Trung\s*ương)?|"
    r"cấp\s*(?:tỉnh|huyện|xã))?",
    re.IGNORECASE,
)
# Others named with the list as a group, before its role: "Văn phòng Đảng ủy, Đảng ủy UBND
# xã, các cơ quan tham mưu giúp việc Đảng ủy phối hợp", "Ủy ban MTTQ và các tổ chức chính trị
# - xã hội tham mưu". Only a role word right after the group makes it part of the subject;
# "tham mưu" may be part of the group's name ("cơ quan tham mưu"), "phối hợp" and "chủ trì" not.
_GROUP_TAIL = re.compile(
    r"\s*(?:,|và)\s*(?:các|những)\s+(?:cơ\s*quan|tổ\s*chức|đơn\s*vị|ban|ngành|sở)"
    r"(?:(?!phối\s*hợp|chủ\s*trì)[^,.;:\n]){0,60}(?<=\S)(?=\s*(?:\(?\s*chủ\s*trì|phối\s*hợp|tham\s*mưu))",
    re.IGNORECASE,
)
_ROLE_AFTER = (
    (re.compile(r"\s*\(?\s*chủ\s*trì", re.IGNORECASE), Role.LEAD),
    (re.compile(r"\s*phối\s*hợp", re.IGNORECASE), Role.COOPERATE),
    (re.compile(r"\s*tham\s*mưu", re.IGNORECASE), Role.ADVISE),
)
_ROLE_LEADING = (  # a point that starts with its role: "a) Chủ trì, phối hợp với ..."
    (re.compile(r"chủ\s*trì", re.IGNORECASE), Role.LEAD),
    (re.compile(r"phối\s*hợp", re.IGNORECASE), Role.COOPERATE),
    (re.compile(r"tham\s*mưu", re.IGNORECASE), Role.ADVISE),
)
# Words that cannot open the predicate after a subject: the name goes on, or is not a subject.
_NOT_PREDICATE = frozenset(
    [
        "và",
        "của",
        "với",
        "về",
        "tại",
        "trong",
        "theo",
        "là",
        "cùng",
        "nhiệm",
        "khóa",
        "khoá",
        "lần",
        "ngày",
        "số",
        "thì",
        "này",
        "đó",
        "thuộc",
        "trực",
        "đối",
        "các",
        "những",
        "do",
        "cho",
        "ban",
        "viên",
    ]
)
_NEXT_WORD = re.compile(r"[ \t\n]*([^\W\d_]+)")


def _clause_start(text: str, ends: list[int], pos: int, floor: int) -> int:
    i = bisect.bisect_right(ends, pos) - 1
    start = max(floor, ends[i] if i >= 0 else 0)
    marker = _MARKER.match(text, start)
    return marker.end() if marker and marker.end() <= pos else start


_LIST_JOIN = re.compile(r"\s*(?:,|và|,\s*và)\s*", re.IGNORECASE)


def _chains(text: str, mentions: Sequence[AgencyMention]) -> list[list[AgencyMention]]:
    """Mentions written as one list ("Ban Thường vụ Tỉnh ủy, Thành ủy") share a role."""
    chains: list[list[AgencyMention]] = []
    for m in mentions:
        gap = text[chains[-1][-1].end : m.start] if chains else ""
        if chains and _LIST_JOIN.fullmatch(gap):
            chains[-1].append(m)
        else:
            chains.append([m])
    return chains


def _role(text: str, chain: list[AgencyMention], clause: int) -> Role | None:
    """The role the text gives a list of agencies, or None when they are not assigned."""
    first, last = chain[0], chain[-1]
    line_start = text.rfind("\n", 0, first.start) + 1
    if not text[line_start : first.start].strip():
        clause = max(clause, line_start)  # a line that opens with a name opens a clause
    before = text[clause : first.start].strip()
    after = _SCOPE_TAIL.match(text, last.end)
    tail = after.end() if after else last.end
    group = _GROUP_TAIL.match(text, tail)
    tail = group.end() if group else tail
    # Both patterns end the (stripped) clause: its last letter must end one of their words.
    final = before[-1:]
    if final in _WITH_LAST and _WITH.search(before):
        return Role.COOPERATE
    asked = final in _ASKS_LAST and _ASKS.search(before) is not None
    if not asked and _CO_SUBJECT.fullmatch(before) is None:
        return None
    for pattern, role in _ROLE_AFTER:
        if pattern.match(text, tail):
            return role
    word = _NEXT_WORD.match(text, tail)
    if asked or (
        word and word.group(1)[0].islower() and word.group(1).lower() not in _NOT_PREDICATE
    ):
        return Role.RESPONSIBLE
    return None


def _heading_agencies(
    text: str, tasks: Sequence[TaskSpan], mentions: Sequence[AgencyMention]
) -> Iterator[tuple[TaskSpan, AgencyMention]]:
    """Directive items headed by an agency alone: "5. Bộ Nội vụ", "4. Ủy ban nhân dân các
    tỉnh, thành phố"; their points then say the role ("a) Chủ trì, phối hợp ...")."""
    starts = [m.start for m in mentions]
    for task in tasks:
        line_end = text.find("\n", task.start)
        line_end = len(text) if line_end < 0 else line_end
        i = bisect.bisect_left(starts, task.start)
        if i == len(mentions) or mentions[i].start >= line_end:
            continue
        m = mentions[i]
        rest = text[m.end : line_end].rstrip(" .:")
        alone = not rest.strip() or _SCOPE_TAIL.fullmatch(rest) is not None
        if _MARKER.fullmatch(text[task.start : m.start] + " ") and alone:
            yield task, m


def find_assignments(
    source: SourceText, tasks: Sequence[TaskSpan], agencies: Sequence[AgencyMention]
) -> list[Assignment]:
    """Who the text gives a task to: the subject of a clause ("Ban Chỉ đạo 35 các cấp bám
    sát..."), the object of "giao", "đề nghị", "chỉ đạo", a role word after the name ("chủ
    trì" lead, "phối hợp" cooperate, "tham mưu" advise), or an item headed by the agency."""
    if not tasks:
        return []
    text = source.text
    ends = sorted(m.end() for end in _CLAUSE_ENDS for m in end.finditer(text))
    lo, hi = min(t.start for t in tasks), max(t.end for t in tasks)
    inside = [m for m in agencies if lo <= m.start < hi]
    starts = sorted(t.start for t in tasks)
    found: list[Assignment] = []
    for chain in _chains(text, inside):
        floor = starts[max(0, bisect.bisect_right(starts, chain[0].start) - 1)]
        role = _role(text, chain, _clause_start(text, ends, chain[0].start, floor))
        if role is not None:
            found += [Assignment(m.name, m.start, m.end, role) for m in chain]
    children: dict[str | None, list[TaskSpan]] = {}
    for t in tasks:
        children.setdefault(t.parent, []).append(t)
    for task, m in _heading_agencies(text, tasks, inside):
        found.append(Assignment(m.name, m.start, m.end, Role.RESPONSIBLE))
        for child in children.get(task.path, []):
            opening = _MARKER.match(text, child.start)
            pos = opening.end() if opening else child.start
            for pattern, role in _ROLE_LEADING:
                if lead := pattern.match(text, pos):
                    found.append(Assignment(m.name, lead.start(), lead.end(), role))
                    break
    return _unique(found, tasks)


def _innermost(tasks: Sequence[TaskSpan], starts: list[int], pos: int) -> str:
    """The path of the innermost task holding `pos`: tasks nest, so the nearest start before
    it whose span reaches it."""
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0 and tasks[i].end <= pos:
        i -= 1
    return tasks[i].path if i >= 0 else ""


def _unique(found: list[Assignment], tasks: Sequence[TaskSpan]) -> list[Assignment]:
    """One assignment per agency, role and innermost task."""
    ordered = sorted(tasks, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    seen: set[tuple[str, str, str]] = set()
    out: list[Assignment] = []
    for a in sorted(found, key=lambda a: a.start):
        key = (a.agency, a.role, _innermost(ordered, starts, a.start))
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


# --------------------------------------------------------------------------- deadlines

QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DEADLINE = re.compile(
    r"(?<!\w)(?:(?:hoàn\s*thành|xong|trình|thực\s*hiện|tổ\s*chức|báo\s*cáo)\s+)?"
    r"(?:trước|trong|vào|chậm\s*nhất(?:\s*(?:đến\s*hết|vào|là))?|hạn\s*chót:?|"
    r"thời\s*(?:hạn|gian\s*thực\s*hiện):?)\s*"
    r"(?:quý\s+(?:I{1,3}|IV|[1-4])\s*(?:và|,)\s*)?"  # "trong quý I và quý II/2030"
    r"(?:"
    r"quý\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|,?\s*năm)\s*(?P<qy>\d{4})"
    r"|(?:ngày\s+)?(?P<d>\d{1,2})\s*(?:/|-|tháng)\s*(?P<dm>\d{1,2})\s*(?:/|-|,?\s*năm)\s*(?P<dy>\d{4})"
    r"|tháng\s+(?P<m>\d{1,2})\s*(?:/|,?\s*năm)\s*(?P<my>\d{4})"
    r"|năm\s+(?P<y>\d{4})"
    r")(?![\d/])",
    re.IGNORECASE,
)


# Where a deadline can end: every form of _DEADLINE ends in a year written after "/", "-" or
# "năm" (and spaces), so a year after anything else is skipped without running the long
# pattern. One pattern per character before the year: a literal is found by a fast scan, a
# class is tested at every position.
_YEARS_AFTER = tuple(re.compile(re.escape(c) + r"\s*(\d{4})(?![\d/])") for c in "/-mM")
# One word of each limit alternative of _DEADLINE, in lower case: a window without any of
# them cannot hold a deadline. None of them has an "i", "s" or "k", the letters whose
# case-insensitive matching goes beyond str.lower().
_LIMIT_WORDS = ("trước", "trong", "vào", "chậm", "hạn", "thực")
_WINDOW = 90  # a deadline is never longer than this


def _due(m: re.Match[str]) -> str | None:
    if m.group("q"):
        return f"{m.group('qy')}-Q{QUARTERS[m.group('q').lower()]}"
    if m.group("d"):
        day, month = int(m.group("d")), int(m.group("dm"))
        ok = 1 <= day <= 31 and 1 <= month <= 12
        return f"{m.group('dy')}-{month:02d}-{day:02d}" if ok else None
    if m.group("m"):
        month = int(m.group("m"))
        return f"{m.group('my')}-{month:02d}" if 1 <= month <= 12 else None
    return m.group("y")


def _may_limit(window: str) -> bool:
    """Might the window hold a limit word? (A letter that lowers to two letters, such as
    "İ", would break the comparison: then the pattern decides.)"""
    lowered = window.lower()
    return len(lowered) != len(window) or any(w in lowered for w in _LIMIT_WORDS)


def find_deadlines(source: SourceText) -> list[Deadline]:
    """Due dates and periods the text sets: "hoàn thành trong quý IV/2024" -> "2024-Q4",
    "trong tháng 01/2026" -> "2026-01", "trước ngày 30/6/2026" -> "2026-06-30". A date needs a
    word that makes it a limit (trước, trong, chậm nhất, thời hạn ...); bare dates are not."""
    # Every deadline ends in a year: read only the stretch before each year, and only when
    # it holds a limit word, which is far quicker than trying the long pattern at every
    # position of the text.
    text = source.text
    years = sorted(m.span(1) for pattern in _YEARS_AFTER for m in pattern.finditer(text))
    out: list[Deadline] = []
    done = 0
    for year_start, end in years:
        start = max(done, year_start - _WINDOW)
        if not _may_limit(text[start:end]):
            continue
        for m in _DEADLINE.finditer(text, start, end):
            due = _due(m)
            if due is not None and m.end() == end:
                out.append(Deadline(due, " ".join(m.group().split()), m.start(), m.end()))
                done = m.end()
    return out


__all__ = [
    "QUARTERS",
    "canonical_agency",
    "display_name",
    "find_agencies",
    "find_assignments",
    "find_deadlines",
    "mentions_in",
    "trie_pattern",
]
