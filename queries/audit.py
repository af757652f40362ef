"""The audit: of everything the corpus mandates, what is taken up, by whom, and what is left
behind or overdue.

A task mandate is covered by a task or document of *another* loaded document, never dated
before the mandate's own, that
- cites the mandate's document to implement, review or guide it, or is based on it, and takes
  up the mandate's content ("explicit"); or does as a whole what the mandate asks, implementing
  or reviewing the document the mandate names ("Kế hoạch triển khai Nghị quyết số 12-NQ/TW");
- or comes from the committee that issued the mandate, or from an agency assigned to it (its
  report, its conclusion, the resolution it was asked to draft), and takes up its content.

Content is matched by `queries.matching`: an explicit link needs half the threshold, content
alone the whole of it; content alone between half and the whole makes a mandate partly covered.
A mandate not covered whose deadline has passed on the day of the audit is overdue.

A document mandate (a document cited to implement it) is covered when some loaded document
sets out to implement it as a whole (from its preamble or title), partly covered when only
tasks of documents do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import PurePath

from vbgraph.errors import QueryError
from vbgraph.graph.build import document_of, slug
from vbgraph.graph.model import Graph, Node, Relationship
from vbgraph.queries.lookup import describe, document_keys
from vbgraph.queries.mandates import Corpus, Mandate, due_date, find_mandates
from vbgraph.queries.matching import Features, Matcher
from vbgraph.vntext import fold, name_key

DEFAULT_THRESHOLD = 0.5


class Status(StrEnum):
    COVERED = "covered"
    PARTLY = "partly covered"
    UNCOVERED = "uncovered"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Cover:
    """One task or document that takes up a mandate, and why we say so."""

    by: str  # task or document id
    document: str
    how: str
    full: bool  # enough on its own to call the mandate covered
    score: float | None = None
    phrases: tuple[str, ...] = ()
    evidence: Relationship | None = None  # the citation, or the heading of the covering task


@dataclass(slots=True)
class Finding:
    """A mandate, its status and what covers it, the strongest first."""

    mandate: Mandate
    status: Status
    covers: list[Cover] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Down the cascade: the best full cover, then what fully covers that (when it is a task
    # that is itself a mandate), and so on: a resolution's task -> a plan's -> a programme's
    # -> the report that records it.
    chain: list[Cover] = field(default_factory=list)


@dataclass(slots=True)
class Audit:
    """The findings, with the indexed graph they were read from (for names and evidence)."""

    findings: list[Finding]
    corpus: Corpus
    as_of: date
    threshold: float


def audit(
    graph: Graph,
    *,
    as_of: date,
    threshold: float = DEFAULT_THRESHOLD,
    document: str | None = None,
    agency: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Audit:
    """Audit the mandates of the corpus, or only those of one document (its code, title or
    file name) or of one agency (its name: the mandates it is assigned, or for a document
    mandate, addressed)."""
    corpus = Corpus(graph)
    documents = documents_named(corpus, document) if document is not None else None
    agencies = agencies_named(corpus, agency) if agency is not None else None
    everything = find_mandates(corpus)
    mandates = _selected(everything, documents, agencies)
    coverage = _Coverage(corpus, threshold, [m for m in everything if m.kind == "task"])
    findings = []
    for i, mandate in enumerate(mandates):
        covers = coverage.covers(mandate)
        finding = _finding(corpus, mandate, covers, as_of)
        finding.chain = coverage.chain(covers)
        findings.append(finding)
        if progress and (i % 200 == 0 or i + 1 == len(mandates)):
            progress(i + 1, len(mandates))
    return Audit(findings, corpus, as_of, threshold)


def documents_named(corpus: Corpus, typed: str) -> list[str]:
    """The documents a code, title or file name means (a local code in every province)."""
    exact, suffix = document_keys(typed)
    stem = slug(PurePath(typed.strip()).stem)
    found = [
        doc_id for doc_id, node in corpus.documents.items()
        if doc_id == exact or doc_id.endswith(suffix)
        or (node.properties.get("sourceFile") and
            slug(PurePath(str(node.properties["sourceFile"])).stem) == stem)
    ]
    if not found:
        raise QueryError(f"no document {typed!r} in the store (`vbgraph docs` lists them)")
    return found


def agencies_named(corpus: Corpus, typed: str) -> list[str]:
    """The agencies a name means: that name in any spelling, else every agency whose name
    holds it ("Ban Xây dựng Đảng" -> also "Ban Xây dựng Đảng tỉnh ...")."""
    key = name_key(typed)
    if not key:
        raise QueryError("give an agency name, e.g. --agency 'Ban Xây dựng Đảng'")
    keys = {a: name_key(str(n.properties.get("name") or "")) for a, n in corpus.agencies.items()}
    found = [a for a, k in keys.items() if k == key] or [a for a, k in keys.items() if key in k]
    if not found:
        raise QueryError(f"no agency {typed!r} in the store")
    return found


def _selected(
    mandates: list[Mandate], documents: Iterable[str] | None, agencies: Iterable[str] | None
) -> list[Mandate]:
    if documents is not None:
        wanted = set(documents)
        mandates = [m for m in mandates if m.document in wanted]
    if agencies is not None:
        chosen = set(agencies)
        mandates = [m for m in mandates if chosen.intersection(a.agency for a in m.assignees)]
    return mandates


def _finding(corpus: Corpus, mandate: Mandate, covers: list[Cover], as_of: date) -> Finding:
    if any(c.full for c in covers):
        status = Status.COVERED
    else:
        status = Status.PARTLY if covers else Status.UNCOVERED
        deadline = due_date(mandate.due)
        if deadline is not None and deadline < as_of:
            status = Status.OVERDUE
    notes = []
    if mandate.kind == "task" and not mandate.assignees:
        notes.append("no responsible agency")
    if mandate.kind == "document" and not corpus.in_corpus(mandate.id):
        notes.append("not in corpus")
    return Finding(mandate, status, covers, notes)


# ------------------------------------------------------------------ coverage


_RECORDS = frozenset({"Báo cáo", "Kết luận", "Thông báo", "Biên bản", "Tờ trình"})
# How a citation of the mandate's document carries it out; and of a document the mandate names.
_EXPLICIT = {"implements": "cites its document to implement it",
             "reviews": "cites its document to review it",
             "guides": "cites its document to guide it", "basedOn": "is based on its document"}
_DOES = {"implements": "implements", "reviews": "reviews"}
# The committee and its standing bodies are one issuer: "Ban Thường vụ Đảng ủy xã Công Hải"
# reports on what "Đảng ủy xã Công Hải" programmed.
_COMMITTEE_PREFIX = re.compile(r"^(?:ban thuong vu|ban chap hanh|thuong truc|tap the) ")


def committee(name: str | None) -> str:
    key = fold(name or "").strip()
    key = _COMMITTEE_PREFIX.sub("", key)
    return re.sub(r"^dang bo ", "dang uy ", key)


_MAX_CHAIN = 12


class _Coverage:
    def __init__(self, corpus: Corpus, threshold: float, task_mandates: list[Mandate]) -> None:
        self.corpus = corpus
        self.threshold = threshold
        self.task_mandates = {m.id: m for m in task_mandates}
        self._covers: dict[str, list[Cover]] = {}
        texts = [str(t.properties.get("text") or "") for t in corpus.tasks.values()]
        texts += [str(d.properties.get("title") or "") for d in corpus.documents.values()]
        self.matcher = Matcher(texts)
        self._features: dict[str, Features] = {}
        self.by_committee: dict[str, list[str]] = defaultdict(list)
        for doc_id, doc in corpus.documents.items():
            key = committee(doc.properties.get("issuer"))
            if doc.properties.get("inCorpus") and key:  # no issuer read: no committee known
                self.by_committee[key].append(doc_id)
        self._index: dict[str, dict[tuple[str, str], set[str]]] = {}
        # target -> citing document -> its citations of the target that carry it out, those
        # from the document itself (preamble, title) first.
        self.explicit: dict[str, dict[str, list[Relationship]]] = defaultdict(
            lambda: defaultdict(list))
        for target, rels in corpus.cites_to.items():
            for rel in sorted(rels, key=lambda r: r.start.startswith("task:")):
                if rel.properties.get("intent") in _EXPLICIT:
                    self.explicit[target][document_of(rel.start)].append(rel)

    def covers(self, mandate: Mandate) -> list[Cover]:
        """What covers a mandate, the strongest first (worked out once per mandate)."""
        found = self._covers.get(mandate.id)
        if found is None:
            found = self.task(mandate) if mandate.kind == "task" else self.document(mandate)
            found.sort(key=lambda c: (not c.full, -(c.score or 0.0), c.by))
            self._covers[mandate.id] = found
        return found

    def chain(self, covers: list[Cover]) -> list[Cover]:
        """The best full cover, and down the cascade from it while each is a mandate that is
        itself fully covered."""
        chain: list[Cover] = []
        while covers and covers[0].full and len(chain) < _MAX_CHAIN:
            best = covers[0]
            if any(c.by == best.by for c in chain):
                break  # two documents that cover each other
            chain.append(best)
            below = self.task_mandates.get(best.by)
            covers = self.covers(below) if below else []
        return chain

    # ---------------------------------------------------------------- task mandates

    def task(self, mandate: Mandate) -> list[Cover]:
        own = self.corpus.documents[mandate.document]
        mine = self.features(mandate.id)
        covers: list[Cover] = []
        due = due_date(mandate.due)
        for doc_id, link in self._candidates(mandate, own, mine).items():
            if self._before(doc_id, own) or (
                not isinstance(link, Relationship) and self._too_early(doc_id, due)
            ):
                continue
            cover = self._best(mandate, mine, doc_id, link)
            if cover is not None:
                covers.append(cover)
        return covers

    def _candidates(
        self, mandate: Mandate, own: Node, mine: Features
    ) -> dict[str, Relationship | str]:
        """Documents that may cover the mandate, with what links them to it: the citation, or
        how their issuer is related (then only those that share a key phrase with it)."""
        found: dict[str, Relationship | str] = {}
        for target, intent in mandate.targets.items():
            for doc_id, rels in self.explicit.get(target, {}).items():
                same = [r for r in rels if r.properties.get("intent") == intent]
                if same:
                    found[doc_id] = same[0]
        for doc_id, rels in self.explicit.get(mandate.document, {}).items():
            found.setdefault(doc_id, rels[0])
        for doc_id in self._sharing(committee(own.properties.get("issuer")), mine):
            found.setdefault(doc_id, "same committee")
        for assignee in mandate.assignees:
            for doc_id in self._sharing(committee(assignee.name), mine):
                found.setdefault(doc_id, "assignee")
        found.pop(mandate.document, None)
        return found

    def _sharing(self, key: str, mine: Features) -> list[str]:
        """The documents of a committee that share enough of the mandate's key phrases for one
        of their tasks to reach half the threshold. Each committee's phrases are indexed once:
        a province issues hundreds of documents, and comparing every mandate with every task
        of each would grow with their square. What a whole document shares bounds what any of
        its tasks shares, so no document that could cover is left out."""
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = defaultdict(set)
            for doc_id in self.by_committee.get(key, []):
                for unit in [doc_id, *self.corpus.tasks_of.get(doc_id, [])]:
                    for pair in self.features(unit).pairs:
                        index[pair].add(doc_id)
        shared: dict[str, float] = defaultdict(float)
        for pair in mine.pairs:
            weight = self.matcher.weight(pair)
            for doc_id in index.get(pair, ()):
                shared[doc_id] += weight
        needed = self.matcher.weight_needed(mine, self.threshold / 2)
        return [doc_id for doc_id, weight in shared.items() if weight >= needed]

    def _before(self, doc_id: str, own: Node) -> bool:
        """Whether a document is dated before the mandate's own (so cannot carry it out)."""
        mine = own.properties.get("issuedDate")
        theirs = self.corpus.documents[doc_id].properties.get("issuedDate")
        return bool(mine and theirs and str(theirs) < str(mine))

    def _too_early(self, doc_id: str, due: date | None) -> bool:
        """Whether a document comes too early to record the result of work due years later
        (a 2025 conclusion does not carry out the mid-term review due in 2028)."""
        issued = str(self.corpus.documents[doc_id].properties.get("issuedDate") or "")
        return bool(due and issued[:4].isdigit() and int(issued[:4]) < due.year - 1)

    def _dated(self, doc_id: str) -> bool:
        return bool(self.corpus.documents[doc_id].properties.get("issuedDate"))

    def _best(
        self, mandate: Mandate, mine: Features, doc_id: str, link: Relationship | str
    ) -> Cover | None:
        citation = link if isinstance(link, Relationship) else None
        if citation and citation.end in mandate.targets and citation.start == doc_id:
            # The document as a whole does what the mandate asks: implements the plan's NQ 12.
            return Cover(doc_id, doc_id, self._how(link, doc_id, mandate), True, evidence=citation)
        score, unit = 0.0, doc_id
        for candidate in [*self.corpus.tasks_of.get(doc_id, []), doc_id]:  # a task, on a tie
            features = self._features.get(candidate) or self.features(candidate)
            if mine.pairs.isdisjoint(features.pairs):
                continue
            value = self.matcher.score(mine, features)
            if value > score:
                score, unit = value, candidate
        half = self.threshold / 2
        if score < half:
            return None
        match = self.matcher.match(mine, self.features(unit))
        # Without a date, a document cannot be shown to come after the mandate: content alone
        # then makes it partly covered at most.
        full = match.score >= half if citation else (
            match.score >= self.threshold and self._dated(doc_id))
        evidence = citation or self.corpus.heading.get(unit)
        how = self._how(link, doc_id, mandate)
        return Cover(unit, doc_id, how, full, match.score, match.phrases, evidence)

    def _how(self, link: Relationship | str, doc_id: str, mandate: Mandate) -> str:
        doc_type = self.corpus.documents[doc_id].properties.get("docType")
        if isinstance(link, Relationship):
            intent = str(link.properties.get("intent"))
            if link.end != mandate.document:
                target = describe(self.corpus.documents.get(link.end)) or link.end
                return f"{_DOES[intent]} {target}, as the mandate asks"
            return _EXPLICIT[intent]
        kind = "records it" if doc_type in _RECORDS else "takes it up"
        by = "the same committee" if link == "same committee" else "an assignee"
        return f"{kind}: {doc_type or 'document'} of {by}"

    def features(self, unit: str) -> Features:
        """A task's features (its cited documents' names left out), or a document's title's."""
        found = self._features.get(unit)
        if found is None:
            node = self.corpus.tasks.get(unit) or self.corpus.documents[unit]
            props = node.properties
            if unit in self.corpus.tasks:
                cited = [str(r.properties.get("asWritten") or "")
                         for r in self.corpus.cites_from.get(unit, [])]
                found = self.matcher.features(
                    str(props.get("text") or ""), str(props.get("title") or ""), cited)
            else:
                found = self.matcher.features(str(props.get("title") or ""))
            self._features[unit] = found
        return found

    # ---------------------------------------------------------------- document mandates

    def document(self, mandate: Mandate) -> list[Cover]:
        covers = []
        for rel in self.corpus.cites_to.get(mandate.id, []):
            if rel.properties.get("intent") != "implements":
                continue
            doc_id = document_of(rel.start)
            if doc_id == mandate.id:
                continue
            whole = rel.start == doc_id
            how = "implements it" if whole else "a task of it implements it"
            covers.append(Cover(rel.start, doc_id, how, whole, evidence=rel))
        return covers


__all__ = ["DEFAULT_THRESHOLD", "Audit", "Cover", "Finding", "Status", "audit", "committee"]
