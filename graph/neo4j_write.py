"""One document's write to Neo4j: what to read, what to change, and the batched Cypher.

As in the embedded store, every fact is owned by the file it was read from: a `VbgraphFact`
node records what one file says about one node (its rank and properties). A graph node shows
the merge of its facts, and keeps in `vbgraphWinners` which file won each property. So a new
document that mentions a node cited by hundreds of others only adds its fact, and rewrites the
node only if it wins something; all the node's facts are read again only when the file that
won one of its properties is replaced or removed. A node goes when its last fact does.

Each document is one transaction: lock and find the old contribution, read the touched nodes
(and, rarely, their facts), then write with batched `UNWIND ... MERGE/CREATE` statements. Query
text is built from our own labels and types only; every value travels as a parameter.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from neo4j import ManagedTransaction

from vbgraph.errors import StoreError
from vbgraph.graph.model import Graph, Label, RelType
from vbgraph.graph.store import Merge, SourceRecord, rank

FACT = "VbgraphFact"
SOURCE = "VbgraphSource"
META = "VbgraphMeta"
WINNERS = "vbgraphWinners"

# Node ids say what a node is, so relationship ends can be matched through their label's index.
_LABEL_OF_PREFIX = {"doc:": Label.DOCUMENT, "task:": Label.TASK, "agency:": Label.AGENCY}

# The labels each relationship type joins (docs/graph-model.md).
_D, _T, _A = Label.DOCUMENT, Label.TASK, Label.AGENCY
ENDS = [
    (RelType.CITES, _T, _D), (RelType.CITES, _D, _D), (RelType.BASED_ON, _D, _D),
    (RelType.ISSUED_BY, _D, _A), (RelType.PART_OF, _T, _T), (RelType.PART_OF, _T, _D),
    (RelType.ASSIGNED_TO, _T, _A), (RelType.ADDRESSED_TO, _D, _A),
]


def label_of(node_id: str) -> Label:
    for prefix, label in _LABEL_OF_PREFIX.items():
        if node_id.startswith(prefix):
            return label
    raise StoreError(f"{node_id}: not a vbgraph node id")


@dataclass(slots=True)
class NodeState(Merge):
    """A node as stored: its merged properties, and which fact set each (`vbgraphWinners`)."""

    def row(self, node_id: str) -> dict[str, Any]:
        winners = orjson.dumps(self.winners, option=orjson.OPT_SORT_KEYS).decode()
        return {**self.props, "id": node_id, WINNERS: winners}

    @classmethod
    def stored(cls, raw: dict[str, Any]) -> NodeState:
        winners = {k: (int(v[0]), str(v[1])) for k, v in orjson.loads(raw[WINNERS]).items()}
        props = {k: v for k, v in raw.items() if k not in ("id", WINNERS)}
        return cls(props, winners)


class DocumentWrite:
    """Drop the contributions of the `old` source paths and add `record`'s graph."""

    def __init__(
        self, record: SourceRecord | None, graph: Graph, old: Iterable[str], *, scoped: bool
    ) -> None:
        self.record = record
        self.graph = graph
        self.old = list(dict.fromkeys(old))
        self.scoped = scoped  # whether the server knows `CALL () {...}` (Neo4j 5.23+)

    def apply(self, tx: ManagedTransaction) -> None:
        old_nodes = self._lock_and_find_old(tx)
        new = self._new_facts()
        touched = sorted(set(old_nodes) | set(new))
        before = read_state(tx, touched)
        lost = [i for i in touched if i in before and self._lost_a_winner(before[i])]
        facts = read_facts(tx, lost) if lost else {}
        after = {i: self._merged(before.get(i), facts.get(i), new.get(i)) for i in touched}
        doc = self._batches(old_nodes, new, before, after)
        tx.run(write_statement(self.scoped), doc=doc).consume()

    def _merged(
        self,
        before: NodeState | None,
        facts: dict[str, tuple[int, dict[str, Any]]] | None,
        new: tuple[int, str, dict[str, Any]] | None,
    ) -> NodeState | None:
        """A node after this change: its stored merge with the new fact folded in or, when a
        fact that won something goes, all its other facts merged again. None if none is left."""
        if facts is not None:
            state = NodeState()
            for path, (fact_rank, props) in facts.items():
                if path not in self.old:
                    state.add(fact_rank, path, props)
        else:
            state = NodeState(dict(before.props), dict(before.winners)) if before else NodeState()
        if new is not None:
            state.add(*new)
        return state if state.winners else None

    def _lost_a_winner(self, state: NodeState) -> bool:
        return any(path in self.old for _, path in state.winners.values())

    def _new_facts(self) -> dict[str, tuple[int, str, dict[str, Any]]]:
        if self.record is None:
            return {}
        r = self.record
        return {n.id: (rank(n, r.doc_id), r.path, n.properties) for n in self.graph.nodes}

    def _lock_and_find_old(self, tx: ManagedTransaction) -> list[str]:
        # Writing to one meta node serialises writers: what is read below stays true until
        # this transaction commits.
        rows = tx.run(
            f"MERGE (m:{META} {{key: 'store'}}) SET m.lastWrite = datetime() "
            f"WITH m OPTIONAL MATCH (f:{FACT}) WHERE f.source IN $old "
            "RETURN collect(DISTINCT f.node)",
            old=self.old,
        )
        return sorted(rows.single(strict=True)[0])

    def _batches(
        self,
        old_nodes: list[str],
        new: dict[str, tuple[int, str, dict[str, Any]]],
        before: dict[str, NodeState],
        after: dict[str, NodeState | None],
    ) -> dict[str, Any]:
        """The one parameter of `WRITE`: every batch it works on, by name."""
        doc: dict[str, Any] = {"old": self.old}
        dead = [i for i, state in after.items() if state is None and i in before]
        changed = {i: state.row(i) for i, state in after.items()
                   if state is not None and state != before.get(i)}
        starts, ends, sets = _by_label(old_nodes), _by_label(dead), _by_label(changed)
        for label in Label:
            doc[f"starts{label}"] = starts.get(label.value, [])
            doc[f"dead{label}"] = ends.get(label.value, [])
            doc[f"set{label}"] = [changed[i] for i in sets.get(label.value, [])]
        doc["facts"] = [{"node": node_id, "source": path, "rank": fact_rank,
                         "props": orjson.dumps(props, option=orjson.OPT_SORT_KEYS).decode()}
                        for node_id, (fact_rank, path, props) in new.items()]
        doc["rels"] = self._relationship_rows()
        r = self.record
        doc["source"] = [] if r is None else [
            {"path": r.path, "docId": r.doc_id, "contentHash": r.content_hash, "format": r.format}
        ]
        return doc

    def _relationship_rows(self) -> dict[str, list[dict[str, Any]]]:
        rows: dict[str, list[dict[str, Any]]] = {_group(*ends): [] for ends in ENDS}
        for rel in self.graph.relationships:
            # A source's relationships are found again by their sourceFile when it changes.
            if self.record and rel.properties.get("sourceFile") != self.record.path:
                raise StoreError(f"{self.record.path}: relationship {rel.id} is from another file")
            group = _group(rel.type, label_of(rel.start), label_of(rel.end))
            if group not in rows:
                raise StoreError(f"{rel.id}: {rel.type} does not join these labels")
            rows[group].append({"start": rel.start, "end": rel.end,
                                "props": {**rel.properties, "id": rel.id}})
        return rows


@functools.cache
def write_statement(scoped: bool) -> str:
    """The statement that writes one document, the same text for every document, so Neo4j
    plans it once (planning a statement this size costs more than running it). Its one
    parameter, `$doc`, holds the batches; a map, so empty batches do not change its type."""
    label = [label.value for label in Label]
    parts = [f"UNWIND $doc.starts{x} AS id MATCH (n:{x} {{id: id}})-[r]->() "
             "WHERE r.sourceFile IN $doc.old DELETE r" for x in label]
    parts.append(f"MATCH (f:{FACT}) WHERE f.source IN $doc.old DELETE f")
    parts += [f"UNWIND $doc.dead{x} AS id MATCH (n:{x} {{id: id}}) DETACH DELETE n"
              for x in label]
    parts += [f"UNWIND $doc.set{x} AS row MERGE (n:{x} {{id: row.id}}) SET n = row"
              for x in label]
    parts.append(f"UNWIND $doc.facts AS row CREATE (f:{FACT}) SET f = row")
    parts += [f"UNWIND $doc.rels.{_group(t, a, b)} AS row MATCH (a:{a} {{id: row.start}}) "
              f"MATCH (b:{b} {{id: row.end}}) CREATE (a)-[r:{t}]->(b) SET r = row.props"
              for t, a, b in ENDS]
    parts.append(f"MATCH (s:{SOURCE}) WHERE s.path IN $doc.old DELETE s")
    parts.append(f"UNWIND $doc.source AS row CREATE (s:{SOURCE}) SET s = row")
    call = "CALL ()" if scoped else "CALL"  # the scope clause is Neo4j 5.23's
    return "\n".join(f"{call} {{ {part} }}" for part in parts)


def _group(rel_type: RelType, start: Label, end: Label) -> str:
    return f"{start.value}_{rel_type.value}_{end.value}"


def read_state(tx: ManagedTransaction, ids: Iterable[str]) -> dict[str, NodeState]:
    """The stored merge of each node that exists."""
    by_label = _by_label(ids)
    if not by_label:
        return {}
    query = " UNION ALL ".join(
        f"MATCH (n:{label}) WHERE n.id IN ${label} RETURN n" for label in by_label
    )
    return {row[0]["id"]: NodeState.stored(dict(row[0])) for row in tx.run(query, by_label)}


def read_facts(
    tx: ManagedTransaction, ids: list[str]
) -> dict[str, dict[str, tuple[int, dict[str, Any]]]]:
    """Every fact about each node: {node: {path: (rank, properties)}}."""
    facts: dict[str, dict[str, tuple[int, dict[str, Any]]]] = {i: {} for i in ids}
    rows = tx.run(
        f"MATCH (f:{FACT}) WHERE f.node IN $ids RETURN f.node, f.source, f.rank, f.props",
        ids=ids,
    )
    for node_id, path, fact_rank, props in rows:
        facts[node_id][path] = (fact_rank, orjson.loads(props))
    return facts


def _by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for node_id in sorted(ids):
        grouped[label_of(node_id).value].append(node_id)
    return dict(grouped)
