"""`stats`: how much is in the graph, and which documents are cited most."""

from __future__ import annotations

from collections import Counter

from vbgraph.graph.model import Label, RelType
from vbgraph.graph.store import GraphStore
from vbgraph.queries.lookup import describe, document_of
from vbgraph.queries.table import Table

KINDS = [*(label.value for label in Label), *(rel.value for rel in RelType)]


def counts(store: GraphStore) -> Table:
    found = store.counts()
    return Table(["kind", "count"], [[kind, found.get(kind, 0)] for kind in KINDS], "Graph")


def most_cited(store: GraphStore, top: int = 10) -> Table:
    citations: Counter[str] = Counter()
    citing_docs: dict[str, set[str]] = {}
    for rel in store.relationships(RelType.CITES):
        citations[rel.end] += 1
        citing_docs.setdefault(rel.end, set()).add(document_of(rel.start))
    table = Table(["document", "docType", "title", "citations", "citingDocuments"])
    table.title = "Most cited documents"
    ranked = sorted(citations.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    for doc_id, count in ranked:
        node = store.node(doc_id)
        props = node.properties if node else {}
        table.rows.append([
            describe(node), props.get("docType"), props.get("title"), count,
            len(citing_docs[doc_id]),
        ])
    return table
