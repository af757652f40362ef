"""What is in the corpus and what it lacks: `vbgraph docs` and `vbgraph missing`."""

from __future__ import annotations

from collections import Counter, defaultdict

from vbgraph.graph.build import document_of
from vbgraph.graph.model import Label, RelType
from vbgraph.graph.store import GraphStore
from vbgraph.queries.lookup import describe
from vbgraph.queries.table import Table

DOCS_COLUMNS = [
    "file", "code", "docType", "title", "issuedDate", "issuer", "tasks", "citations", "citedBy",
]
MISSING_COLUMNS = [
    "document", "docType", "title", "issuer", "citingDocuments", "citingTasks",
    "toImplement", "citations", "citedIn",
]


def documents(store: GraphStore) -> Table:
    """One row per loaded file: the document read from it, how many tasks it sets, how many
    citations it makes and how often the corpus cites it."""
    tasks = Counter(str(n.properties.get("documentId")) for n in store.nodes(Label.TASK))
    cites = store.relationships(RelType.CITES)
    made = Counter(document_of(r.start) for r in cites)
    received = Counter(r.end for r in cites)
    table = Table(DOCS_COLUMNS, title="Documents in the store")
    for source in sorted(store.sources(), key=lambda s: s.path):
        node = store.node(source.doc_id)
        p = node.properties if node else {}
        table.rows.append([
            source.path, p.get("code"), p.get("docType"), p.get("title"), p.get("issuedDate"),
            p.get("issuer"), tasks[source.doc_id], made[source.doc_id],
            received[source.doc_id],
        ])
    return table


def missing(store: GraphStore, top: int | None = None) -> Table:
    """Documents the corpus cites but does not hold, most depended on first: by how many
    documents cite them, then how many tasks, then how many citations set out to implement
    them. Loading the first ones closes the most gaps."""
    by_target: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rel in store.relationships(RelType.CITES) + store.relationships(RelType.BASED_ON):
        by_target[rel.end].append((rel.start, str(rel.properties.get("intent"))))
    ranked: list[tuple[tuple[int, int, int, int, str], list[object]]] = []
    for doc_id, citing in by_target.items():
        node = store.node(doc_id)
        if node is None or node.properties.get("inCorpus"):
            continue
        documents_ = sorted({document_of(start) for start, _ in citing})
        tasks = {start for start, _ in citing if start.startswith("task:")}
        implement = sum(1 for _, intent in citing if intent == "implements")
        names = [describe(store.node(d)) or d for d in documents_]
        p = node.properties
        key = (-len(documents_), -len(tasks), -implement, -len(citing), describe(node))
        ranked.append((key, [
            describe(node), p.get("docType"), p.get("title"), p.get("issuer"),
            len(documents_), len(tasks), implement, len(citing), "; ".join(names),
        ]))
    rows = [row for _, row in sorted(ranked, key=lambda entry: entry[0])]
    return Table(MISSING_COLUMNS, rows[:top] if top else rows, "Cited but not in the corpus")
