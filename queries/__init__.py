"""Named graph queries. Each takes a store and returns a `Table`; the audit (`audit.audit`)
takes the graph, and `audit_report` and `uncovered` turn its findings into tables."""

from __future__ import annotations

from vbgraph.queries.cites import cites
from vbgraph.queries.stats import counts, most_cited
from vbgraph.queries.table import Table
from vbgraph.queries.trace import trace

# name -> one line saying what it answers; `vbgraph queries` lists these.
REGISTRY = {
    "cites": "tasks and documents that cite a document, with the citing sentence",
    "trace": "what a document cites and is based on, and what cites it, transitively",
    "uncovered": "the audit's short list: uncovered and overdue mandates, tasks without an "
                 "agency, documents to implement that are not loaded",
    "audit": "every mandate with its assignees, deadline, status and what covers it; "
             "summaries per agency and per document",
    "stats": "counts of nodes and relationships; the most-cited documents",
    "docs": "the documents in the store, with their tasks and citations",
    "missing": "documents cited but not in the corpus, the most depended on first",
}

__all__ = ["REGISTRY", "Table", "cites", "counts", "most_cited", "trace"]
