"""`trace CODE`: what a document is based on and cites, and what cites it, transitively."""

from __future__ import annotations

from collections import deque

from vbgraph.errors import QueryError
from vbgraph.graph.model import Relationship, RelType
from vbgraph.graph.store import GraphStore
from vbgraph.queries.lookup import describe, document_of, find_documents
from vbgraph.queries.table import Table

COLUMNS = [
    "direction", "depth", "from", "to", "task", "relation", "intent", "quote", "page", "line",
]


def trace(store: GraphStore, code: str, depth: int = 3) -> Table:
    if depth < 1:
        raise QueryError("--depth must be at least 1")
    roots = find_documents(store, code)
    if not roots:
        raise QueryError(f"{code}: no such document in the graph")
    table = Table(COLUMNS, title=f"Trace of {code}")
    for root in roots:
        _walk(store, root.id, depth, upstream=True, table=table)
        _walk(store, root.id, depth, upstream=False, table=table)
    return table


def _walk(store: GraphStore, root: str, depth: int, *, upstream: bool, table: Table) -> None:
    """Breadth first: upstream follows the document's own citations (its bases), downstream
    the citations that point at it."""
    seen = {root}
    queue = deque([(root, 1)])
    while queue:
        doc_id, level = queue.popleft()
        for rel in _edges(store, doc_id, upstream):
            other = rel.end if upstream else document_of(rel.start)
            _add_row(store, table, rel, level, upstream)
            if other not in seen and level < depth:
                seen.add(other)
                queue.append((other, level + 1))


def _edges(store: GraphStore, doc_id: str, upstream: bool) -> list[Relationship]:
    if not upstream:
        return store.relationships(RelType.CITES, end=doc_id)
    task_prefix = "task:" + doc_id.removeprefix("doc:") + "/"
    own = store.relationships(RelType.CITES, start=doc_id)
    from_tasks = store.relationships(RelType.CITES, start_prefix=task_prefix)
    return own + from_tasks


def _add_row(
    store: GraphStore, table: Table, rel: Relationship, level: int, upstream: bool
) -> None:
    citing_doc = store.node(document_of(rel.start))
    cited_doc = store.node(rel.end)
    task = store.node(rel.start) if rel.start.startswith("task:") else None
    p = rel.properties
    basis = p.get("intent") == "basedOn"
    table.rows.append([
        "cites" if upstream else "cited by",
        level,
        describe(citing_doc),
        describe(cited_doc),
        task.properties.get("path") if task else None,
        "BASED_ON" if basis else "CITES",
        p.get("intent"),
        p.get("quote"),
        p.get("page"),
        p.get("line"),
    ])
