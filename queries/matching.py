"""Content matching for the audit: does a text elsewhere take up what a mandate asks for?

Vietnamese writes one syllable per space ("xây dựng nông thôn mới"), so the unit is the
syllable and a key phrase is a run of syllables. Texts are compared in one form: NFC, one
tone-mark style ("Uỷ"/"Ủy", "hoá"/"hóa"), lower case, digits left out (years and numbers
are everywhere and say little about the subject). Syllables a PDF text layer glued together
are split again: first by the spelling rules of `vntext.unglue` ("vụTỉnh"), then, where
spelling allows both readings ("vềnâng" could be "vền âng"), by which split gives two syllables
the corpus itself writes on their own ("về", "nâng").

The features are pairs of neighbouring syllables, weighted by how rare they are in the corpus
(inverse document frequency), so "nhập ngũ" weighs far more than "thực hiện"; administrative
boilerplate ("chủ trì", "phối hợp", "trong tháng") weighs nothing. The score of a candidate is
the share of the mandate's weight that the candidate also holds (0 to 1); the shared pairs that
follow each other in the mandate are joined back into the phrases shown as the reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from vbgraph.vntext import canonical_tones, fold, nfc, unglue

_PRIOR = 4.0  # about one ordinary key pair
_BREAK = ""  # between clauses: no pair spans it

_LETTERS = re.compile(r"[^\W\d_]+")


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# Function words, and time words: a pair with one of these is no key phrase ("về tăng",
# "năm 2026"); a phrase shown may still run across one ("tuyển chọn và gọi").
_FUNCTION = _words(
    "và của các cho với về trong trên tại từ đến theo được có là để đã đang sẽ những này đó",
    "một như khi thì mà hoặc cũng vào ra lại nhằm gắn nhất đối sau trước",
    "năm tháng quý ngày giai đoạn hằng hàng",
    "ubnd hđnd ubkt mttq mttqvn ubmttq ubmttqvn vpđu",  # agencies abbreviated: who, not what
)

# Boilerplate of assignments and deadlines, verbs of every directive, names of document
# types: they say who, when and in what form, not what, and would make every task of a
# programme look like every other. A pair with a syllable of one of these is left out too.
_BOILERPLATE = frozenset(
    tuple(phrase.split())
    for phrase in (
        "chủ trì", "phối hợp", "tham mưu", "cơ quan", "liên quan", "trình trong", "trong tháng",
        "trong quý", "thời gian", "thực hiện", "triển khai", "tổ chức", "lãnh đạo", "chỉ đạo",
        "tập trung", "tăng cường", "giúp việc", "đơn vị", "nhiệm vụ", "công tác", "hiệu quả",
        "kịp thời", "quy định",
        "đảng ủy", "ủy ban", "ban thường", "thường vụ", "ban chấp", "chấp hành", "cấp ủy",
        "địa bàn", "nghị quyết", "kế hoạch", "chương trình", "chỉ thị", "kết luận", "báo cáo",
        "đề án", "quyết định", "văn bản", "bảo đảm", "đảm bảo",
    )
)

# Clauses that say who does the work ("Đảng uỷ UBND xã chủ trì, phối hợp ... tham mưu trình
# trong tháng 01/2026") are left out of the content: they name agencies, not the subject.
_CLAUSE = re.compile(r"[.;:,()“”\"]")
_ROLE_CUE = re.compile(r"chutri|phoihop|thammuu|giupviec|trinhtrong")


@lru_cache(maxsize=1 << 16)
def _word_syllables(word: str) -> tuple[str, ...]:
    """The syllables of one space-separated word as the text writes them, lower case."""
    return tuple(m.group(0).lower() for m in _LETTERS.finditer(unglue(word)))


@lru_cache(maxsize=1 << 16)
def _canonical(syllable: str) -> str:
    return canonical_tones(syllable)


def _raw_syllables(text: str) -> list[str]:
    out: list[str] = []
    for word in nfc(text).split():
        out.extend(_word_syllables(word))
    return out


def _vowelled(part: str) -> bool:
    return len(part) >= 2 and any(fold(ch) in "aeiouy" for ch in part)


@dataclass(frozen=True, slots=True)
class Match:
    """How well a candidate takes up a mandate: `score` in 0..1 and the shared key phrases,
    the weightiest first."""

    score: float
    phrases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Features:
    """A text as the matcher sees it: its syllables and its weighted syllable pairs."""

    syllables: tuple[str, ...]
    pairs: frozenset[tuple[str, str]]
    weight: float


class Matcher:
    """Scores texts against each other with weights learnt from a corpus of texts (every task
    and title of the graph audited)."""

    def __init__(self, corpus: Iterable[str]) -> None:
        texts = [[_raw_syllables(clause) for clause in clauses(text)] for text in corpus]
        self._counts: Counter[str] = Counter(
            _canonical(s) for text in texts for clause in text for s in clause
        )
        self._splits: dict[str, tuple[str, ...]] = {}
        document_frequency: Counter[tuple[str, str]] = Counter()
        for text in texts:
            pairs = {p for clause in text for p in self._key_pairs(self._split(clause))}
            document_frequency.update(pairs)
        total = len(texts) + 1
        self._idf = {
            pair: math.log(total / (count + 1)) + 1.0 for pair, count in document_frequency.items()
        }
        self._unseen = math.log(total) + 1.0

    def features(
        self, text: str, title: str | None = None, cited: Iterable[str] = ()
    ) -> Features:
        """The features of a task's text, or of a title alone. With the heading (`title`)
        given, the clauses below it that assign the work are left out; the names of cited
        documents (`cited`, as written) are left out too: citing the same document is a link
        of its own, not shared content. No pair spans punctuation."""
        syllables: list[str] = []
        for clause in clauses(text, title, cited):
            syllables.extend(self._split(_raw_syllables(clause)))
            syllables.append(_BREAK)
        pairs = frozenset(self._key_pairs(syllables))
        return Features(tuple(syllables), pairs, sum(self.weight(p) for p in pairs))

    def weight(self, pair: tuple[str, str]) -> float:
        return self._idf.get(pair, self._unseen)

    def score(self, mandate: Features, candidate: Features) -> float:
        """The share of the mandate's weight the candidate holds (`match` without phrases)."""
        shared = mandate.pairs & candidate.pairs
        if not shared:
            return 0.0
        # The prior weight keeps a two-word mandate from being "covered" by one common pair.
        return round(sum(self.weight(p) for p in shared) / (mandate.weight + _PRIOR), 3)

    def weight_needed(self, mandate: Features, score: float) -> float:
        """The shared weight a candidate must hold to reach `score` against the mandate."""
        return score * (mandate.weight + _PRIOR)

    def match(self, mandate: Features, candidate: Features) -> Match:
        shared = mandate.pairs & candidate.pairs
        phrases = self._phrases(mandate.syllables, shared) if shared else ()
        return Match(self.score(mandate, candidate), phrases)

    # ------------------------------------------------------------------ internals

    def _split(self, raw: list[str]) -> list[str]:
        out: list[str] = []
        for syllable in raw:
            parts = self._splits.get(syllable)
            if parts is None:
                parts = self._splits[syllable] = self._split_glued(syllable)
            out.extend(parts)
        return out

    def _split_glued(self, token: str) -> tuple[str, ...]:
        """`token` as two syllables when the corpus writes both halves on their own more often
        than it writes the whole ("vềnâng" -> "về", "nâng"); else unchanged."""
        whole = self._counts[_canonical(token)]
        parts: tuple[str, ...] = (_canonical(token),)
        best = whole
        for i in range(2, len(token) - 1):
            head, tail = token[:i], token[i:]
            if not (_vowelled(head) and _vowelled(tail)):
                continue
            seen = min(self._counts[_canonical(head)], self._counts[_canonical(tail)])
            if seen >= 2 and seen > best:
                best, parts = seen, (_canonical(head), _canonical(tail))
        return parts

    @staticmethod
    def _key_pairs(syllables: list[str]) -> Iterable[tuple[str, str]]:
        # A pair with a syllable of boilerplate ("khai thực" in "triển khai thực hiện", "bàn
        # xã" in "trên địa bàn xã") is no key phrase either.
        stock = [False] * len(syllables)
        for i, pair in enumerate(pairwise(syllables)):
            if pair in _BOILERPLATE:
                stock[i] = stock[i + 1] = True
        for i, pair in enumerate(pairwise(syllables)):
            if not (stock[i] or stock[i + 1]) and all(pair) and not _FUNCTION.intersection(pair):
                yield pair

    def _phrases(
        self, syllables: tuple[str, ...], shared: frozenset[tuple[str, str]]
    ) -> tuple[str, ...]:
        """Runs of the mandate's syllables covered by shared pairs, the weightiest first; one or
        two function words between covered syllables join their runs."""
        covered = [False] * len(syllables)
        for i, pair in enumerate(pairwise(syllables)):
            if pair in shared:
                covered[i] = covered[i + 1] = True
        for i in range(1, len(syllables) - 1):
            for gap in (1, 2):  # "tuyển chọn và gọi", "cộng đồng gắn với bảo tồn"
                words = syllables[i : i + gap]
                if (covered[i - 1] and i + gap < len(syllables) and covered[i + gap]
                        and all(w in _FUNCTION for w in words)):
                    covered[i : i + gap] = [True] * gap
        runs: dict[str, float] = {}
        i = 0
        while i < len(syllables):
            if not covered[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(syllables) and covered[j + 1]:
                j += 1
            run = syllables[i : j + 1]
            pairs = pairwise(run)
            weight = sum(self.weight(p) for p in pairs if p in shared)
            phrase = " ".join(run)
            runs[phrase] = max(runs.get(phrase, 0.0), weight)
            i = j + 1
        return tuple(sorted(runs, key=lambda phrase: (-runs[phrase], phrase)))


def clauses(text: str, title: str | None = None, cited: Iterable[str] = ()) -> list[str]:
    """What a task is about, clause by clause: its heading, and the clauses below it that do
    not assign the work (no "chủ trì", "phối hợp", "tham mưu" ...)."""
    for name in filter(None, (" ".join(n.split()) for n in cited)):
        text = text.replace(name, ";")
    head, rest = "", text
    if title:
        at = text.find(title)
        if at >= 0:
            head, rest = text[: at + len(title)], text[at + len(title) :]
    kept = [c for c in _CLAUSE.split(rest) if not _ROLE_CUE.search(fold(c).replace(" ", ""))]
    return _CLAUSE.split(head) + kept
