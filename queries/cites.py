"""`cites CODE`: which tasks, in which documents, cite a document, with the sentence that does."""

from __future__ import annotations

from vbgraph.errors import QueryError
from vbgraph.graph.model import RelType
from vbgraph.graph.store import GraphStore
from vbgraph.queries.lookup import describe, document_of, find_documents
from vbgraph.queries.table import Table

COLUMNS = [
    "cited", "document", "task", "title", "intent", "quote", "footnote", "sourceFile", "page",
    "line",
]


def cites(store: GraphStore, code: str) -> Table:
    targets = find_documents(store, code)
    if not targets:
        raise QueryError(f"{code}: no such document in the graph")
    table = Table(COLUMNS, title=f"Citations of {code}")
    for target in targets:
        for rel in store.relationships(RelType.CITES, end=target.id):
            origin = store.node(rel.start)
            doc = store.node(document_of(rel.start))
            is_task = origin is not None and origin.id.startswith("task:")
            p = rel.properties
            table.rows.append([
                describe(target),
                describe(doc),
                origin.properties.get("path") if is_task and origin else None,
                origin.properties.get("title") if is_task and origin else None,
                p.get("intent"),
                p.get("quote"),
                p.get("footnote"),
                p.get("sourceFile"),
                p.get("page"),
                p.get("line"),
            ])
    table.rows.sort(key=lambda r: (str(r[1]), str(r[2] or ""), r[-1] or 0))
    return table
