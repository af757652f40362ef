"""From what was found in one document to graph nodes and relationships with stable ids.

Identity rules (one node per real document, agency or task):
- a numbered document is its canonical code; a local symbol (/TU, /HU, /ĐU, -UBND ...) is
  scoped to the province of the citing document, so 06-ĐA/TU of two provinces are two nodes;
- a loaded document whose own number matches a citation is that same node;
- agencies are their canonical names; "Tỉnh ủy" inside a Hậu Giang document is
  "Tỉnh ủy Hậu Giang";
- a task is its document plus its heading path.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from vbgraph.extract.agencies import canonical_agency
from vbgraph.extract.codes import code_key, is_local_symbol
from vbgraph.extract.sentences import Sentences
from vbgraph.graph.model import (
    Citation,
    Evidence,
    Extraction,
    Graph,
    Header,
    Intent,
    Label,
    Node,
    Relationship,
    RelType,
    TaskSpan,
)
from vbgraph.vntext import fold, normalize_name

# ------------------------------------------------------------------ ids


@lru_cache(maxsize=1 << 14)
def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@lru_cache(maxsize=4096)
def document_id(code: str, province: str | None = None) -> str:
    """"doc:208-qd-tw"; a local code gets its province: "doc:hau-giang:06-da-tu"."""
    key = slug(code_key(code))
    if province and is_local_symbol(code):
        return f"doc:{slug(province)}:{key}"
    return f"doc:{key}"


def named_document_id(title: str, province: str | None = None) -> str:
    """Unnumbered documents ("Điều lệ Đảng") are known by their title."""
    scope = f"{slug(province)}:" if province and _is_local_name(title) else ""
    return f"doc:{scope}named:{slug(title)}"


def source_document_id(path: str) -> str:
    """A loaded document without a readable number is known by its file name."""
    return f"doc:file:{slug(PurePath(path).stem)}"


def agency_id(name: str) -> str:
    return f"agency:{slug(name)}"


def task_id(doc_id: str, path: str) -> str:
    # The document id leads and holds no "/": document_of reads it back.
    return f"task:{doc_id.removeprefix('doc:')}/{slug(path)}"


def document_of(node_id: str) -> str:
    """The document a task belongs to (a document is its own). A task's id starts with its
    document's (`task_id`), so no lookup is needed: a remote store is not asked once per row."""
    if node_id.startswith("task:"):
        return "doc:" + node_id.removeprefix("task:").partition("/")[0]
    return node_id


# ------------------------------------------------------------------ scoping names

_LOCAL_WORDS = re.compile(r"\b(tinh|huyen|xa|phuong|thi tran|tinh uy|huyen uy|dang uy)\b")
_PROVINCE_LEVEL = re.compile(r"(?:\btinh uy|\btinh)$")
_COMMUNE_LEVEL = re.compile(r"(?:\bdang uy xa|\bxa|\bphuong)$")
_COMMUNE_NAME = re.compile(r"\b(?:xã|phường|thị trấn)\s+(.+)$", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def _is_local_name(title: str) -> bool:
    return bool(_LOCAL_WORDS.search(fold(title)))


@lru_cache(maxsize=1 << 14)
def scoped_agency(name: str, header: Header) -> str:
    """"Tỉnh ủy" in a Hậu Giang document -> "Tỉnh ủy Hậu Giang"; national names unchanged;
    abbreviations written out ("UBND xã" -> "Ủy ban nhân dân xã Công Hải")."""
    name = canonical_agency(name)
    folded = fold(name)
    if header.province and _PROVINCE_LEVEL.search(folded):
        return f"{name} {header.province}"
    commune = _commune(header)
    if commune and _COMMUNE_LEVEL.search(folded):
        return f"{name} {commune}"
    return name


def _commune(header: Header) -> str | None:
    match = _COMMUNE_NAME.search(header.issuer or "")
    return normalize_name(match.group(1)) if match else None


# ------------------------------------------------------------------ the graph of one document


class _Builder:
    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.header = ex.header
        self.doc_id = own_document_id(ex)
        self.graph = Graph()
        self._seen: set[str] = set()
        self._tasks = sorted(ex.tasks, key=lambda t: t.start)
        self._starts = [t.start for t in self._tasks]
        self._sentences = Sentences(ex.source.text, _heading_breaks(ex))
        self._evidence: dict[tuple[int, int], Evidence] = {}

    def node(self, node_id: str, label: Label, props: dict[str, Any]) -> None:
        if node_id not in self._seen:
            self._seen.add(node_id)
            known = {k: v for k, v in props.items() if v is not None}
            self.graph.nodes.append(Node(node_id, label, known))

    def rel(self, rel_type: RelType, start: str, end: str, ev: Evidence, **extra: Any) -> None:
        props: dict[str, Any] = {
            "sourceFile": ev.source_file,
            "page": ev.page,
            "line": ev.line,
            "quote": ev.quote,
            "offset": ev.start,
            **extra,
        }
        # Unknown is absent, never null: Neo4j cannot hold a null property.
        props = {k: v for k, v in props.items() if v is not None}
        self.graph.relationships.append(Relationship(rel_type, start, end, props))

    def evidence(self, start: int, end: int) -> Evidence:
        """The evidence of a span, built once: a citation's serves its CITES and ISSUED_BY."""
        ev = self._evidence.get((start, end))
        if ev is None:
            quote = self._sentences.quote(start, end)
            ev = self._evidence[start, end] = self.ex.source.evidence(start, end, quote)
        return ev

    def task_at(self, offset: int) -> TaskSpan | None:
        """Extraction.task_at by bisection: the innermost task is the one starting last
        before `offset` (the later one in the list on a tie) whose span still holds it."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and not offset < self._tasks[i].end:
            i -= 1
        return self._tasks[i] if i >= 0 else None

    def agency(self, name: str, **props: Any) -> str:
        scoped = scoped_agency(name, self.header)
        node_id = agency_id(scoped)
        self.node(node_id, Label.AGENCY, {"name": scoped, **props})
        return node_id


def _heading_breaks(ex: Extraction) -> list[int]:
    """Ends of heading lines that stand alone ("1.3. Công tác dân vận" + a new sentence):
    a quote from the text below starts after them. A heading that wraps on into its text
    (the next line goes on in lower case) is not a break."""
    text = ex.source.text
    breaks = []
    for task in ex.tasks:
        end = text.find("\n", task.start)
        if end >= 0 and text[end + 1 : end + 2].isupper():
            breaks.append(end)
    return breaks


def own_document_id(ex: Extraction) -> str:
    header = ex.header
    if header.code:
        return document_id(header.code, header.province)
    return source_document_id(ex.source.path)


def build_graph(ex: Extraction) -> Graph:
    """The nodes and relationships one document contributes."""
    b = _Builder(ex)
    _own_document(b)
    task_ids = _tasks(b)
    _citations(b, task_ids)
    _assignments(b, task_ids)
    _recipients(b)
    return b.graph


def _own_document(b: _Builder) -> None:
    h = b.header
    props: dict[str, Any] = {
        "code": h.code,
        "docType": h.doc_type,
        "title": h.title,
        "issuedDate": h.issued_date,
        "issuer": normalize_name(h.issuer) if h.issuer else None,
        "province": h.province,
        "place": h.place,
        "inCorpus": True,
        "sourceFile": b.ex.source.path,
        "format": b.ex.source.format,
    }
    if b.ex.signature:
        props["signedOnBehalfOf"] = b.ex.signature.on_behalf_of
        props["signerPosition"] = b.ex.signature.position
        props["signer"] = b.ex.signature.signer
    b.node(b.doc_id, Label.DOCUMENT, props)
    if h.issuer:
        issuer = b.agency(h.issuer)
        b.rel(RelType.ISSUED_BY, b.doc_id, issuer, b.evidence(h.start, h.end))


def _tasks(b: _Builder) -> dict[str, str]:
    ids = {t.path: task_id(b.doc_id, t.path) for t in b._tasks}
    due = _deadlines_by_task(b)
    for i, task in enumerate(b._tasks):
        body_end = b._tasks[i + 1].start if i + 1 < len(b._tasks) else task.end
        props = {
            "path": task.path,
            "title": task.title,
            "kind": task.kind.value,
            "text": " ".join(b.ex.source.text[task.start : min(body_end, task.end)].split()),
            "documentId": b.doc_id,
            **due.get(task.path, {}),
        }
        b.node(ids[task.path], Label.TASK, props)
        parent = ids.get(task.parent or "", b.doc_id)
        heading = b.ex.source.evidence(task.start, task.start, task.title)
        b.rel(RelType.PART_OF, ids[task.path], parent, heading)
    return ids


def _deadlines_by_task(b: _Builder) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for deadline in b.ex.deadlines:
        task = b.task_at(deadline.start)
        if task and task.path not in out:
            out[task.path] = {"due": deadline.due, "dueText": deadline.as_written}
    return out


def _citations(b: _Builder, task_ids: dict[str, str]) -> None:
    for cit in b.ex.citations:
        target = _cited_document(b, cit)
        task = b.task_at(cit.start)
        origin = task_ids[task.path] if task else b.doc_id
        ev = b.evidence(cit.start, cit.end)
        b.rel(
            RelType.CITES, origin, target, ev,
            intent=cit.intent.value, asWritten=cit.as_written, footnote=_footnote(b, cit, ev),
        )
        if cit.intent is Intent.BASED_ON and task is None:
            b.rel(RelType.BASED_ON, b.doc_id, target, ev)


_MARKER = re.compile(r"\[(\d{1,3})\]")


def _footnote(b: _Builder, cit: Citation, ev: Evidence) -> str | None:
    """The footnote whose marker follows the citation in its sentence ("...17/01/2024[1]")."""
    footnotes = b.ex.source.footnotes
    if not footnotes:
        return None
    _, sentence_end = b._sentences.span(cit.start, cit.end)
    marker = _MARKER.search(b.ex.source.text, cit.end, sentence_end)
    if marker is None:
        return None
    key = marker.group(1)
    return footnotes.get(f"{key}@p{ev.page}") or footnotes.get(key)


def _cited_document(b: _Builder, cit: Citation) -> str:
    province = b.header.province
    if cit.code:
        node_id = document_id(cit.code, province)
        local = is_local_symbol(cit.code)
    else:
        node_id = named_document_id(cit.title or cit.as_written, province)
        local = _is_local_name(cit.title or "")
    if node_id == b.doc_id:
        return node_id
    props = {
        "code": cit.code,
        "docType": cit.doc_type,
        "number": cit.number,
        "symbol": cit.symbol,
        "issuedDate": cit.issued_date,
        "title": cit.title or cit.subject,
        "issuer": scoped_agency(cit.issuer, b.header) if cit.issuer else None,
        "province": province if local else None,
    }
    b.node(node_id, Label.DOCUMENT, props)
    if cit.issuer:
        issuer = b.agency(cit.issuer)
        b.rel(RelType.ISSUED_BY, node_id, issuer, b.evidence(cit.start, cit.end))
    return node_id


def _assignments(b: _Builder, task_ids: dict[str, str]) -> None:
    for assignment in b.ex.assignments:
        task = b.task_at(assignment.start)
        if task is None:
            continue
        agency = b.agency(assignment.agency)
        ev = b.evidence(assignment.start, assignment.end)
        b.rel(RelType.ASSIGNED_TO, task_ids[task.path], agency, ev, role=assignment.role.value)


def _recipients(b: _Builder) -> None:
    for recipient in b.ex.recipients:
        agency = b.agency(recipient.name)
        ev = b.ex.source.evidence(recipient.start, recipient.end)
        b.rel(RelType.ADDRESSED_TO, b.doc_id, agency, ev)


__all__ = [
    "agency_id",
    "build_graph",
    "document_id",
    "named_document_id",
    "own_document_id",
    "scoped_agency",
    "slug",
    "task_id",
]
