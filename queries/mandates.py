"""What the corpus mandates: the tasks of directing documents, and the documents cited to be
implemented.

A *task mandate* is a lowest-level heading of a directing document (a programme, plan,
directive, conclusion, notice, resolution, project, official letter; a decision only where it
names who is to act) that is not part of its account of the situation ("Kết quả đạt được",
"Hạn chế" ...) or of the frame the work is set in ("Mục đích, yêu cầu", "Nguyên tắc",
"Quan điểm", "Mục tiêu"). Its assignees and deadline are its own, or those of the
nearest heading above it that has them ("2. Năm 2026" ... "Ban Xây dựng Đảng chủ trì").

A *document mandate* is a document some unit of the corpus cites with the intent to implement
it ("triển khai thực hiện Nghị quyết số 57-NQ/TW"), whether or not it is loaded.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from vbgraph.extract.agencies import QUARTERS
from vbgraph.graph.build import document_of
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.vntext import fold

DIRECTING = frozenset({
    "Chương trình", "Chương trình công tác", "Kế hoạch", "Chỉ thị", "Kết luận", "Thông báo",
    "Nghị quyết", "Quyết định", "Đề án", "Phương án", "Công văn", "Công điện", "Thông tri",
})
# A decision sets work only where it names who is to act ("quyết định giao nhiệm vụ").
_ONLY_WHEN_ASSIGNED = frozenset({"Quyết định"})
# A normative code carries its year (30/2020/NĐ-CP): a legal norm binds everyone, assigns no one.
_NORMATIVE_CODE = re.compile(r"^\d+/\d{4}/")
# Headings of an account of the situation, or of the frame the work is set in (purpose,
# principles, objectives), not of work to do (compared folded, at the start).
_NOT_WORK = re.compile(
    r"^(?:ve )?(?:ket qua dat duoc|ket qua dat|han che|ton tai|nguyen nhan|ben canh|muc dich|"
    r"yeu cau|dac diem|thuc trang|tinh hinh|thong tin chung|bai hoc|nhan xet|danh gia chung|"
    r"ve danh gia|danh gia tinh hinh|quan diem|nguyen tac|muc tieu)"
)
_PERIOD = re.compile(r"^(?:quy (iv|i{1,3}|[1-4])\s*[,/]?\s*)?(?:nam\s*)?(\d{4})\.?$")
_DUE = re.compile(r"^(\d{4})(?:-(?:Q([1-4])|(\d{2}))(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class Assignee:
    agency: str  # agency node id
    name: str
    role: str  # a `Role` value


@dataclass(slots=True)
class Mandate:
    """One thing the corpus asks to be done. `id` is the task's id, or for a document mandate
    the cited document's id; `targets` are documents the task cites to implement or review,
    with that intent: whatever implements or reviews them as asked carries the mandate out."""

    id: str
    kind: str  # "task" | "document"
    document: str
    title: str
    text: str
    path: str | None = None
    assignees: list[Assignee] = field(default_factory=list)
    due: str | None = None
    due_text: str | None = None
    targets: dict[str, str] = field(default_factory=dict)


def due_date(due: str | None) -> date | None:
    """The last day a deadline allows: "2026-01" -> 2026-01-31, "2024-Q4" -> 2024-12-31."""
    match = _DUE.match(due or "")
    if match is None:
        return None
    year, quarter, month, day = match.groups()
    y = int(year)
    last_month = int(quarter) * 3 if quarter else int(month) if month else 12
    if not 1 <= last_month <= 12:
        return None
    last_day = calendar.monthrange(y, last_month)[1]
    # "30/2/2026" as written: the end of February is what the text can have meant.
    return date(y, last_month, min(int(day), last_day) if day else last_day)


class Corpus:
    """The graph, indexed the ways the audit reads it."""

    def __init__(self, graph: Graph) -> None:
        self.documents: dict[str, Node] = {}
        self.tasks: dict[str, Node] = {}
        self.agencies: dict[str, Node] = {}
        for node in graph.nodes:
            {Label.DOCUMENT: self.documents, Label.TASK: self.tasks,
             Label.AGENCY: self.agencies}[node.label][node.id] = node
        self.parent: dict[str, str] = {}
        self.heading: dict[str, Relationship] = {}
        self.assigned: dict[str, list[Relationship]] = defaultdict(list)
        self.cites_from: dict[str, list[Relationship]] = defaultdict(list)
        self.cites_to: dict[str, list[Relationship]] = defaultdict(list)
        self.addressed: dict[str, list[str]] = defaultdict(list)
        self.tasks_of: dict[str, list[str]] = defaultdict(list)
        for rel in graph.relationships:
            self._index(rel)
        for task_id, node in self.tasks.items():
            self.tasks_of[str(node.properties.get("documentId"))].append(task_id)
        self.has_children = set(self.parent.values())

    def _index(self, rel: Relationship) -> None:
        if rel.type is RelType.PART_OF:
            self.parent[rel.start] = rel.end
            self.heading[rel.start] = rel
        elif rel.type is RelType.ASSIGNED_TO:
            self.assigned[rel.start].append(rel)
        elif rel.type is RelType.CITES:
            self.cites_from[rel.start].append(rel)
            self.cites_to[rel.end].append(rel)
        elif rel.type is RelType.ADDRESSED_TO:
            self.addressed[rel.start].append(rel.end)

    def position(self, task_id: str) -> int:
        """Where a task's heading stands in its document: mandates are listed in reading order
        ("IX" before "X", which no sort of the paths gives)."""
        heading = self.heading.get(task_id)
        return int(heading.properties.get("offset", 0)) if heading else 0

    def in_corpus(self, doc_id: str) -> bool:
        node = self.documents.get(doc_id)
        return bool(node and node.properties.get("inCorpus"))

    def ancestry(self, task_id: str) -> list[str]:
        """The task and the headings above it, innermost first."""
        chain, node = [], task_id
        while node.startswith("task:") and node not in chain:
            chain.append(node)
            node = self.parent.get(node, "")
        return chain

    def assignees(self, task_id: str) -> list[Assignee]:
        """Who is named for a task, or failing that for the nearest heading above it."""
        for node in self.ancestry(task_id):
            rels = self.assigned.get(node)
            if rels:
                return _assignees(self, rels)
        return []


def _assignees(corpus: Corpus, rels: list[Relationship]) -> list[Assignee]:
    seen: dict[tuple[str, str], Assignee] = {}
    for rel in rels:
        agency = corpus.agencies.get(rel.end)
        name = str(agency.properties.get("name")) if agency else rel.end
        role = str(rel.properties.get("role", "responsible"))
        seen.setdefault((rel.end, role), Assignee(rel.end, name, role))
    return sorted(seen.values(), key=lambda a: (_ROLE_ORDER.get(a.role, 9), a.name))


_ROLE_ORDER = {"lead": 0, "responsible": 1, "advise": 2, "cooperate": 3}


def directing(doc: Node | None) -> bool:
    if doc is None or not doc.properties.get("inCorpus"):
        return False
    props = doc.properties
    return props.get("docType") in DIRECTING and not _NORMATIVE_CODE.match(
        str(props.get("code") or "")
    )


def find_mandates(corpus: Corpus) -> list[Mandate]:
    """Every mandate of the corpus: task mandates in document and heading order, then document
    mandates."""
    mandates = [
        mandate
        for doc_id in sorted(corpus.tasks_of)
        if directing(corpus.documents.get(doc_id))
        for mandate in _task_mandates(corpus, doc_id)
    ]
    return mandates + _document_mandates(corpus)


def _task_mandates(corpus: Corpus, doc_id: str) -> list[Mandate]:
    doc_type = corpus.documents[doc_id].properties.get("docType")
    out = []
    for task_id in corpus.tasks_of[doc_id]:
        if task_id in corpus.has_children or _not_work(corpus, task_id):
            continue
        assignees = corpus.assignees(task_id)
        if doc_type in _ONLY_WHEN_ASSIGNED and not assignees:
            continue
        props = corpus.tasks[task_id].properties
        due, due_text = _deadline(corpus, task_id)
        citations = corpus.cites_from.get(task_id, [])
        out.append(Mandate(
            id=task_id, kind="task", document=doc_id, path=props.get("path"),
            title=str(props.get("title") or ""), text=str(props.get("text") or ""),
            assignees=assignees, due=due, due_text=due_text,
            targets={r.end: str(r.properties.get("intent")) for r in citations
                     if r.properties.get("intent") in ("implements", "reviews")},
        ))
    return sorted(out, key=lambda m: corpus.position(m.id))


def _not_work(corpus: Corpus, task_id: str) -> bool:
    return any(
        _NOT_WORK.match(fold(str(corpus.tasks[node].properties.get("title") or "")).strip())
        for node in corpus.ancestry(task_id)
        if node in corpus.tasks
    )


def _deadline(corpus: Corpus, task_id: str) -> tuple[str | None, str | None]:
    """The task's deadline, or the nearest above it; failing that, the period a heading above
    it names ("2. Năm 2026", "1. Quý IV, năm 2025"): a programme sorts its work by when."""
    chain = [corpus.tasks[node].properties for node in corpus.ancestry(task_id)
             if node in corpus.tasks]
    for props in chain:
        if props.get("due"):
            return str(props["due"]), props.get("dueText")
    for props in chain:
        title = str(props.get("title") or "").strip()
        period = _PERIOD.match(fold(title))
        if period:
            quarter, year = period.groups()
            return (f"{year}-Q{QUARTERS[quarter]}" if quarter else year), title
    return None, None


def _document_mandates(corpus: Corpus) -> list[Mandate]:
    out = []
    for target, rels in sorted(corpus.cites_to.items()):
        implementing = [r for r in rels if r.properties.get("intent") == "implements"
                        and document_of(r.start) != target]
        if not implementing:
            continue
        doc = corpus.documents.get(target)
        props = doc.properties if doc else {}
        addressees = [Assignee(a, str(corpus.agencies[a].properties.get("name")), "responsible")
                      for a in corpus.addressed.get(target, []) if a in corpus.agencies]
        out.append(Mandate(
            id=target, kind="document", document=target,
            title=str(props.get("title") or props.get("code") or target), text="",
            assignees=sorted(set(addressees), key=lambda a: a.name),
        ))
    return out
