"""The embedded store: one SQLite file, written one source document per transaction.

Every fact is owned by the source file it was read from. A node exists while at least one
source asserts it, so removing or replacing a document removes exactly what it contributed and
leaves no orphans. A document's own header outranks what citations say about it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from vbgraph.errors import StoreError
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType

DEFAULT_DB = "vbgraph.db"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY, doc_id TEXT NOT NULL, content_hash TEXT NOT NULL, format TEXT
);
CREATE TABLE IF NOT EXISTS node_facts (
    node_id TEXT NOT NULL, label TEXT NOT NULL, source TEXT NOT NULL,
    rank INTEGER NOT NULL, props TEXT NOT NULL, PRIMARY KEY (node_id, source)
);
CREATE TABLE IF NOT EXISTS relationships (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, start TEXT NOT NULL, "end" TEXT NOT NULL,
    source TEXT NOT NULL, props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS node_facts_source ON node_facts (source);
CREATE INDEX IF NOT EXISTS rel_source ON relationships (source);
CREATE INDEX IF NOT EXISTS rel_start ON relationships (start, type);
CREATE INDEX IF NOT EXISTS rel_end ON relationships ("end", type);
"""

# Loaded documents whose number could not be read are known by their file, never merged.
UNNUMBERED_PREFIX = "doc:file:"

# How much a fact counts when sources disagree: a document's own header beats a citation.
RANK_OWN = 2
RANK_MENTION = 1


def default_db_path() -> str:
    return os.environ.get("VBGRAPH_DB") or DEFAULT_DB


@dataclass(frozen=True, slots=True)
class SourceRecord:
    path: str
    doc_id: str
    content_hash: str
    format: str | None


class GraphStore(Protocol):
    """What the pipeline and the named queries need of a store; the embedded SQLite store and
    the Neo4j store both provide it, so every query answers the same on either."""

    path: str

    def __enter__(self) -> GraphStore: ...
    def __exit__(self, *exc: object) -> None: ...
    def source(self, path: str) -> SourceRecord | None: ...
    def sources(self) -> list[SourceRecord]: ...
    def is_current(self, path: str, content_hash: str) -> bool: ...
    def holders(self, doc_id: str, *, besides: str) -> list[str]: ...
    def replace_source(
        self, path: str, doc_id: str, content_hash: str, fmt: str, graph: Graph,
        *, supersedes: Iterable[str] = (),
    ) -> None: ...
    def remove_source(self, path: str) -> bool: ...
    def node(self, node_id: str) -> Node | None: ...
    def nodes(self, label: Label | None = None) -> Iterator[Node]: ...
    def node_ids(self, label: Label, *, exact: str, suffix: str | None = None) -> list[str]: ...
    def relationships(
        self, rel_type: RelType | None = None, *, start: str | None = None,
        end: str | None = None, start_prefix: str | None = None,
    ) -> list[Relationship]: ...
    def graph(self) -> Graph: ...
    def counts(self) -> dict[str, int]: ...


class EmbeddedStore:
    """The graph in one SQLite file. Use as a context manager."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if not create and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no graph store here (run `vbgraph build` first)")
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a vbgraph store ({exc})") from exc

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema {row[0]}, expected {SCHEMA_VERSION}")

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ writing

    def source(self, path: str) -> SourceRecord | None:
        row = self._db.execute(
            "SELECT path, doc_id, content_hash, format FROM sources WHERE path=?", (path,)
        ).fetchone()
        return SourceRecord(*row) if row else None

    def is_current(self, path: str, content_hash: str) -> bool:
        record = self.source(path)
        return record is not None and record.content_hash == content_hash

    def replace_source(
        self,
        path: str,
        doc_id: str,
        content_hash: str,
        fmt: str,
        graph: Graph,
        *,
        supersedes: Iterable[str] = (),
    ) -> None:
        """Put one document's contribution in place of its old one, atomically; the sources
        in `supersedes` (older copies of the same document) are removed in the same step."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            for old in (path, *supersedes):
                self._delete_owned(old)
            db.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?)", (path, doc_id, content_hash, fmt)
            )
            db.executemany(
                "INSERT OR REPLACE INTO node_facts VALUES (?, ?, ?, ?, ?)",
                ((n.id, n.label.value, path, rank(n, doc_id), _dumps(n.properties))
                 for n in graph.nodes),
            )
            db.executemany(
                "INSERT OR REPLACE INTO relationships VALUES (?, ?, ?, ?, ?, ?)",
                ((r.id, r.type.value, r.start, r.end, path, _dumps(r.properties))
                 for r in graph.relationships),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def holders(self, doc_id: str, *, besides: str) -> list[str]:
        """Other source files that hold the same numbered document."""
        if doc_id.startswith(UNNUMBERED_PREFIX):
            return []
        rows = self._db.execute(
            "SELECT path FROM sources WHERE doc_id=? AND path<>? ORDER BY path", (doc_id, besides)
        )
        return [row[0] for row in rows]

    def remove_source(self, path: str) -> bool:
        """Forget a document and everything only it asserted. False if it was not loaded."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            found = self._delete_owned(path)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return found

    def _delete_owned(self, path: str) -> bool:
        cur = self._db.execute("DELETE FROM sources WHERE path=?", (path,))
        self._db.execute("DELETE FROM node_facts WHERE source=?", (path,))
        self._db.execute("DELETE FROM relationships WHERE source=?", (path,))
        return cur.rowcount > 0

    # ------------------------------------------------------------------ reading

    def sources(self) -> list[SourceRecord]:
        rows = self._db.execute("SELECT path, doc_id, content_hash, format FROM sources")
        return [SourceRecord(*row) for row in rows.fetchall()]

    def node(self, node_id: str) -> Node | None:
        rows = self._db.execute(
            "SELECT label, rank, source, props FROM node_facts WHERE node_id=?", (node_id,)
        ).fetchall()
        return merge_facts(node_id, _parsed(rows)) if rows else None

    def nodes(self, label: Label | None = None) -> Iterator[Node]:
        query = "SELECT node_id, label, rank, source, props FROM node_facts"
        params: tuple[str, ...] = ()
        if label is not None:
            query += " WHERE label=?"
            params = (label.value,)
        grouped: dict[str, list[tuple[str, int, str, str]]] = {}
        for node_id, *fact in self._db.execute(query + " ORDER BY node_id", params):
            grouped.setdefault(node_id, []).append((fact[0], fact[1], fact[2], fact[3]))
        for node_id, facts in grouped.items():
            yield merge_facts(node_id, _parsed(facts))

    def node_ids(self, label: Label, *, exact: str, suffix: str | None = None) -> list[str]:
        """Ids of `label` nodes equal to `exact` or, when given, ending in `suffix`."""
        query = "SELECT DISTINCT node_id FROM node_facts WHERE label=? AND (node_id=?"
        params = [label.value, exact]
        if suffix:
            query += r" OR node_id LIKE ? ESCAPE '\'"
            params.append("%" + _like_escape(suffix))
        rows = self._db.execute(query + ") ORDER BY node_id", params)
        return [row[0] for row in rows]

    def relationships(
        self,
        rel_type: RelType | None = None,
        *,
        start: str | None = None,
        end: str | None = None,
        start_prefix: str | None = None,
    ) -> list[Relationship]:
        clauses, params = [], []
        for column, value in (("type", rel_type), ("start", start), ('"end"', end)):
            if value is not None:
                clauses.append(f"{column}=?")
                params.append(str(value))
        if start_prefix is not None:
            clauses.append(r"start LIKE ? ESCAPE '\'")
            params.append(_like_escape(start_prefix) + "%")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(
            f'SELECT type, start, "end", props FROM relationships{where} ORDER BY id', params
        )
        return [Relationship(RelType(t), s, e, orjson.loads(p)) for t, s, e, p in rows]

    def graph(self) -> Graph:
        return Graph(nodes=list(self.nodes()), relationships=self.relationships())

    def contribution(self, path: str) -> Graph:
        """What one source file asserts, as it was written: the input of `vbgraph push`."""
        facts = self._db.execute(
            "SELECT node_id, label, props FROM node_facts WHERE source=? ORDER BY node_id", (path,)
        )
        rels = self._db.execute(
            'SELECT type, start, "end", props FROM relationships WHERE source=? ORDER BY id',
            (path,),
        )
        return Graph(
            nodes=[Node(i, Label(label), orjson.loads(p)) for i, label, p in facts],
            relationships=[Relationship(RelType(t), a, b, orjson.loads(p)) for t, a, b, p in rels],
        )

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for label, count in self._db.execute(
            "SELECT label, COUNT(DISTINCT node_id) FROM node_facts GROUP BY label"
        ):
            out[label] = count
        for rel_type, count in self._db.execute(
            "SELECT type, COUNT(*) FROM relationships GROUP BY type"
        ):
            out[rel_type] = count
        return out


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def rank(node: Node, doc_id: str) -> int:
    """How much a source's facts about `node` count, when that source is document `doc_id`."""
    return RANK_OWN if node.id == doc_id or node.label is Label.TASK else RANK_MENTION


def _dumps(props: dict[str, Any]) -> str:
    return orjson.dumps(props, option=orjson.OPT_SORT_KEYS).decode()


def _parsed(rows: Iterable[Any]) -> Iterator[tuple[str, int, str, dict[str, Any]]]:
    for label, rank_, source, raw in rows:
        yield label, rank_, source, orjson.loads(raw)


EXISTS = "@"  # the key under which Merge.winners records the node itself: every fact asserts it


@dataclass(slots=True)
class Merge:
    """A node's properties merged from the facts of its sources, and for each property the
    (rank, path) of the fact that set it. A higher rank wins, then the first path; facts may
    come in any order, one at a time, so a store can fold in a new source without the others."""

    props: dict[str, Any] = field(default_factory=dict)
    winners: dict[str, tuple[int, str]] = field(default_factory=dict)

    def add(self, fact_rank: int, path: str, props: dict[str, Any]) -> None:
        key = (fact_rank, path)
        for name, value in [(EXISTS, True), *props.items()]:
            won = self.winners.get(name)
            if value is not None and (won is None or _beats(key, won)):
                self.winners[name] = key
                if name != EXISTS:
                    self.props[name] = value


def _beats(a: tuple[int, str], b: tuple[int, str]) -> bool:
    return a[0] > b[0] or (a[0] == b[0] and a[1] < b[1])


def merge_facts(node_id: str, facts: Iterable[tuple[str, int, str, dict[str, Any]]]) -> Node:
    """One node from every source's facts (label, rank, source, properties)."""
    merge, labels = Merge(), {}
    for label, fact_rank, source, props in facts:
        merge.add(fact_rank, source, props)
        labels[source] = label
    return Node(node_id, Label(labels[merge.winners[EXISTS][1]]), merge.props)
