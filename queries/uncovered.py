"""`uncovered`: mandates that nothing in the corpus carries out (a first version).

Three findings, each with its reason:
- a document cited in the corpus that no citation sets out to implement;
- a task that sets work (a lowest-level heading of a directing document: a programme, plan,
  directive, conclusion ... not a law, decree or report) with no responsible agency, on itself
  or on any heading above it;
- a document cited but not loaded into the corpus.
"""

from __future__ import annotations

import re
from collections import defaultdict

from vbgraph.graph.model import Label, Node, Relationship, RelType
from vbgraph.graph.store import GraphStore
from vbgraph.queries.lookup import describe
from vbgraph.queries.table import Table

COLUMNS = ["finding", "document", "task", "title", "reason"]

NOT_IMPLEMENTED = "not implemented"
NO_AGENCY = "no responsible agency"
NOT_IN_CORPUS = "not in corpus"

# Documents whose parts do not assign work: legal norms (their articles bind everyone) and
# reports (they tell what was done). A normative code carries its year: 30/2020/NĐ-CP.
NOT_DIRECTING = {"Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch",
                 "Báo cáo"}
_NORMATIVE_CODE = re.compile(r"^\d+/\d{4}/")


def uncovered(store: GraphStore) -> Table:
    table = Table(COLUMNS, title="Uncovered mandates")
    cites = store.relationships(RelType.CITES)
    documents = {n.id: n for n in store.nodes(Label.DOCUMENT)}
    _not_implemented(documents, cites, table)
    _no_agency(store, documents, table)
    _not_in_corpus(documents, cites, table)
    return table


def _not_implemented(documents: dict[str, Node], cites: list[Relationship], table: Table) -> None:
    by_target: dict[str, list[Relationship]] = defaultdict(list)
    for rel in cites:
        by_target[rel.end].append(rel)
    for target, rels in sorted(by_target.items()):
        if any(r.properties.get("intent") == "implements" for r in rels):
            continue
        intents = sorted({str(r.properties.get("intent")) for r in rels})
        reason = f"cited {len(rels)} time(s), as: {', '.join(intents)}; never to implement it"
        table.rows.append([NOT_IMPLEMENTED, describe(documents.get(target)), None, None, reason])


def _directing(doc: Node | None) -> bool:
    if doc is None:
        return False
    props = doc.properties
    return props.get("docType") not in NOT_DIRECTING and not _NORMATIVE_CODE.match(
        str(props.get("code") or "")
    )


def _no_agency(store: GraphStore, documents: dict[str, Node], table: Table) -> None:
    assigned = {r.start for r in store.relationships(RelType.ASSIGNED_TO)}
    parent = {r.start: r.end for r in store.relationships(RelType.PART_OF)}
    has_children = set(parent.values())
    for task in store.nodes(Label.TASK):
        doc = documents.get(str(task.properties.get("documentId")))
        if task.id in has_children or not _directing(doc):
            continue
        chain, node = [], task.id
        while node.startswith("task:"):
            chain.append(node)
            node = parent.get(node, "")
        if assigned.intersection(chain):
            continue
        table.rows.append([
            NO_AGENCY,
            describe(doc),
            task.properties.get("path"),
            task.properties.get("title"),
            "no agency is named for this task or any heading above it",
        ])


def _not_in_corpus(documents: dict[str, Node], cites: list[Relationship], table: Table) -> None:
    counts: dict[str, int] = defaultdict(int)
    for rel in cites:
        counts[rel.end] += 1
    for doc_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        doc = documents.get(doc_id)
        if doc is None or doc.properties.get("inCorpus"):
            continue
        table.rows.append([
            NOT_IN_CORPUS,
            describe(doc),
            None,
            doc.properties.get("title"),
            f"cited {count} time(s) but not loaded",
        ])
