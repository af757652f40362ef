"""The Neo4j store: the same graph as the embedded store, in a Neo4j database over Bolt.

Nodes carry the labels, relationship types and property keys of the JSON export, plus `id`.
Bookkeeping lives apart, under labels of its own: a `VbgraphSource` node per loaded file (its
hash, for skipping unchanged files), `VbgraphFact` nodes (what each file says about each
node), and one `VbgraphMeta` node; how a document is written is in `neo4j_write`. Query text
is built only from our own labels and types; every value a user gives is a parameter.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import READ_ACCESS, Driver, GraphDatabase, ManagedTransaction, Query
from neo4j import exceptions as neo
from neo4j import graph as cypher_types

from vbgraph.errors import StoreError, StoreUnavailable
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.graph.neo4j_write import FACT, META, SOURCE, WINNERS, DocumentWrite, label_of
from vbgraph.graph.store import SourceRecord

MIN_SERVER = (5, 0)
# Bolt, direct or routed, plain or encrypted; the driver's HTTP support is a preview.
BOLT_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}
SCHEMA_VERSION = 2


_DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where the server is, read as the Neo4j tools read it: NEO4J_URI, NEO4J_USERNAME,
    NEO4J_PASSWORD and NEO4J_DATABASE."""

    uri: str
    username: str = "neo4j"
    password: str = ""
    database: str | None = None

    @classmethod
    def from_env(cls, uri: str | None = None) -> Neo4jSettings:
        env = os.environ
        uri = uri or env.get("NEO4J_URI")
        if not uri:
            raise StoreError("no Neo4j server given: pass --neo4j URI or set NEO4J_URI")
        return cls(
            uri=uri,
            username=env.get("NEO4J_USERNAME", "neo4j"),
            password=env.get("NEO4J_PASSWORD", ""),
            database=env.get("NEO4J_DATABASE") or None,
        )


class Neo4jStore:
    """The graph in a Neo4j database. Use as a context manager."""

    def __init__(self, settings: Neo4jSettings, *, create: bool = True) -> None:
        self.settings = settings
        self.path = settings.uri + (f" (database {settings.database})" if settings.database else "")
        scheme = settings.uri.partition("://")[0]
        if scheme not in BOLT_SCHEMES or "://" not in settings.uri:
            raise StoreError(
                f"{settings.uri}: not a Neo4j address (expected bolt://HOST:7687, "
                "neo4j://HOST or neo4j+s://HOST)"
            )
        try:
            self._driver: Driver = GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                max_transaction_retry_time=5.0,
                connection_acquisition_timeout=30.0,
                # The server's hints ("property key does not exist" on a new database) would
                # otherwise be logged to the user's terminal on every query.
                notifications_min_severity="OFF",
            )
        except (ValueError, neo.ConfigurationError) as exc:
            raise StoreError(f"{settings.uri}: not a Neo4j address ({exc})") from None
        try:
            self._check_server()
            if create:
                self._create_schema()
        except BaseException:
            self._driver.close()
            raise

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    # ------------------------------------------------------------------ connecting

    def _check_server(self) -> None:
        with self._errors("connect"):
            self._driver.verify_connectivity()
            agent = self._driver.get_server_info().agent
        version = check_version(agent, self.settings.uri)
        # Subqueries say what they import from 5.23 on; older servers know only `CALL {`.
        self._scoped = version >= (5, 23)
        self._read("RETURN 1")  # a missing database only shows on first use

    def _create_schema(self) -> None:
        statements = [
            f"CREATE CONSTRAINT vbgraph_{label.value.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
            for label in Label
        ]
        statements += [
            f"CREATE CONSTRAINT vbgraph_source_path IF NOT EXISTS "
            f"FOR (s:{SOURCE}) REQUIRE s.path IS UNIQUE",
            f"CREATE INDEX vbgraph_source_document IF NOT EXISTS FOR (s:{SOURCE}) ON (s.docId)",
            f"CREATE INDEX vbgraph_fact_node IF NOT EXISTS FOR (f:{FACT}) ON (f.node)",
            f"CREATE INDEX vbgraph_fact_source IF NOT EXISTS FOR (f:{FACT}) ON (f.source)",
            "CREATE INDEX vbgraph_document_code IF NOT EXISTS FOR (d:Document) ON (d.code)",
            "CREATE INDEX vbgraph_task_document IF NOT EXISTS FOR (t:Task) ON (t.documentId)",
        ]
        with self._errors("create the schema"):
            for statement in statements:
                self._driver.execute_query(statement, database_=self.settings.database)
            found = self._driver.execute_query(
                f"MERGE (m:{META} {{key: 'store'}}) ON CREATE SET m.schema = $version "
                "RETURN m.schema",
                version=SCHEMA_VERSION,
                database_=self.settings.database,
            ).records[0][0]
        if found != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: holds a vbgraph graph of format {found}, this vbgraph writes "
                f"format {SCHEMA_VERSION}; load it into an empty database"
            )

    # ------------------------------------------------------------------ writing

    def source(self, path: str) -> SourceRecord | None:
        rows = self._read(
            f"MATCH (s:{SOURCE} {{path: $path}}) "
            "RETURN s.path, s.docId, s.contentHash, s.format",
            path=path,
        )
        return SourceRecord(*rows[0]) if rows else None

    def is_current(self, path: str, content_hash: str) -> bool:
        record = self.source(path)
        return record is not None and record.content_hash == content_hash

    def holders(self, doc_id: str, *, besides: str) -> list[str]:
        """Other source files that hold the same numbered document."""
        if doc_id.startswith("doc:file:"):
            return []
        rows = self._read(
            f"MATCH (s:{SOURCE} {{docId: $doc}}) WHERE s.path <> $besides "
            "RETURN s.path ORDER BY s.path",
            doc=doc_id,
            besides=besides,
        )
        return [row[0] for row in rows]

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
        """Put one document's contribution in place of its old one, in one transaction; the
        sources in `supersedes` (older copies of the same document) go in the same step."""
        record = SourceRecord(path, doc_id, content_hash, fmt)
        change = DocumentWrite(record, graph, [path, *supersedes], scoped=self._scoped)
        self._write(f"write {path}", change)

    def remove_source(self, path: str) -> bool:
        """Forget a document and everything only it asserted. False if it was not loaded."""
        if self.source(path) is None:
            return False
        self._write(f"remove {path}", DocumentWrite(None, Graph(), [path], scoped=self._scoped))
        return True

    def clear(self) -> None:
        """Delete everything vbgraph wrote (its labels only), in batches that fit in memory,
        leaving an empty store of this vbgraph's format."""
        labels = " OR ".join(f"n:{label}" for label in [*Label, SOURCE, FACT, META])
        body = "(n) { DETACH DELETE n }" if self._scoped else "{ WITH n DETACH DELETE n }"
        query = f"MATCH (n) WHERE {labels} CALL {body} IN TRANSACTIONS OF 10000 ROWS"
        with self._errors("clear the database"), self._driver.session(
            database=self.settings.database
        ) as session:
            session.run(query).consume()
        self._create_schema()

    def _write(self, what: str, change: DocumentWrite) -> None:
        with self._errors(what), self._driver.session(database=self.settings.database) as s:
            s.execute_write(change.apply)

    # ------------------------------------------------------------------ reading

    def sources(self) -> list[SourceRecord]:
        rows = self._read(
            f"MATCH (s:{SOURCE}) RETURN s.path, s.docId, s.contentHash, s.format ORDER BY s.path"
        )
        return [SourceRecord(*row) for row in rows]

    def node(self, node_id: str) -> Node | None:
        label = label_of(node_id)
        rows = self._read(f"MATCH (n:{label.value} {{id: $id}}) RETURN n", id=node_id)
        return _node(label, rows[0][0]) if rows else None

    def nodes(self, label: Label | None = None) -> Iterator[Node]:
        found: list[Node] = []
        for each in [label] if label else list(Label):
            rows = self._read(f"MATCH (n:{each.value}) RETURN n")
            found.extend(_node(each, row[0]) for row in rows)
        yield from sorted(found, key=lambda n: n.id)

    def node_ids(self, label: Label, *, exact: str, suffix: str | None = None) -> list[str]:
        """Ids of `label` nodes equal to `exact` or, when given, ending in `suffix`."""
        rows = self._read(
            f"MATCH (n:{label.value}) WHERE n.id = $exact "
            "OR ($suffix IS NOT NULL AND n.id ENDS WITH $suffix) RETURN n.id",
            exact=exact,
            suffix=suffix or None,
        )
        return sorted(row[0] for row in rows)

    def relationships(
        self,
        rel_type: RelType | None = None,
        *,
        start: str | None = None,
        end: str | None = None,
        start_prefix: str | None = None,
    ) -> list[Relationship]:
        a = "(a)"
        if start is not None:
            a = f"(a:{label_of(start).value} {{id: $start}})"
        elif start_prefix is not None:
            a = f"(a:{label_of(start_prefix).value})"
        b = f"(b:{label_of(end).value} {{id: $end}})" if end is not None else "(b)"
        r = f"[r:{rel_type.value}]" if rel_type else "[r]"
        where = " WHERE a.id STARTS WITH $prefix" if start_prefix is not None else ""
        rows = self._read(
            f"MATCH {a}-{r}->{b}{where} RETURN type(r), a.id, b.id, r",
            start=start,
            end=end,
            prefix=start_prefix,
        )
        rels = [Relationship(RelType(t), s, e, _without(p, "id")) for t, s, e, p in rows]
        return sorted(rels, key=lambda rel: rel.id)

    def graph(self) -> Graph:
        return Graph(nodes=list(self.nodes()), relationships=self.relationships())

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for label in Label:
            rows = self._read(f"MATCH (n:{label.value}) RETURN count(n)")
            if rows[0][0]:
                out[label.value] = rows[0][0]
        for rel_type in RelType:
            rows = self._read(f"MATCH ()-[r:{rel_type.value}]->() RETURN count(r)")
            if rows[0][0]:
                out[rel_type.value] = rows[0][0]
        return out

    def cypher(self, query: str, params: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
        """A user's query, run read-only: any attempt to write is refused by the server."""
        with self._errors("run the query"), self._driver.session(
            database=self.settings.database, default_access_mode=READ_ACCESS
        ) as session:
            result = session.run(Query(query), params)
            keys = list(result.keys())
            rows = [list(record.values()) for record in result]
        return keys, rows

    def _read(self, query: str, **params: Any) -> list[list[Any]]:
        def work(tx: ManagedTransaction) -> list[list[Any]]:
            return [list(record.values()) for record in tx.run(query, params)]

        with self._errors("read"), self._driver.session(database=self.settings.database) as s:
            return s.execute_read(work)

    def _errors(self, what: str) -> AbstractContextManager[None]:
        return _translated(self.settings, what)


def check_version(agent: str, uri: str) -> tuple[int, ...]:
    """The server's (major, minor); servers older than MIN_SERVER are refused:
    "Neo4j/4.4.30" is too old, "Neo4j/5.26.30" is not."""
    version = agent.partition("/")[2]
    try:
        found = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return (99,)  # an agent we do not know is newer than us; let the server speak
    if found < MIN_SERVER:
        need = ".".join(map(str, MIN_SERVER))
        raise StoreError(f"{uri}: Neo4j {version} is too old; vbgraph needs Neo4j {need} or newer")
    return found


@contextmanager
def _translated(settings: Neo4jSettings, what: str) -> Iterator[None]:
    """Turn the driver's exceptions into one-line StoreErrors that name the server."""
    uri = settings.uri
    try:
        yield
    except neo.AuthError:
        raise StoreError(
            f"{uri}: wrong user name or password for {settings.username!r} "
            "(set NEO4J_USERNAME and NEO4J_PASSWORD)"
        ) from None
    except (neo.ServiceUnavailable, neo.SessionExpired, neo.IncompleteCommit):
        raise StoreUnavailable(
            f"{uri}: the Neo4j server cannot be reached, could not {what}"
        ) from None
    except (neo.DriverError, neo.Neo4jError) as exc:
        if isinstance(exc, neo.Neo4jError) and exc.code == _DATABASE_NOT_FOUND:
            raise StoreError(
                f"{uri}: database {settings.database!r} does not exist (check NEO4J_DATABASE)"
            ) from None
        raise StoreError(f"{uri}: could not {what}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = exc.message if isinstance(exc, neo.Neo4jError) and exc.message else str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0]


def _node(label: Label, raw: Any) -> Node:
    return Node(str(raw["id"]), label, _without(raw, "id", WINNERS))


def _without(props: Any, *keys: str) -> dict[str, Any]:
    return {k: v for k, v in dict(props).items() if k not in keys}


def plain(value: Any) -> Any:
    """A value from a user's query as JSON-friendly data: nodes and relationships become
    their properties with `labels` or `type`, paths the list of their nodes, times ISO text."""
    if isinstance(value, cypher_types.Node):
        return {"labels": sorted(value.labels), **plain(_without(value, WINNERS))}
    if isinstance(value, cypher_types.Relationship):
        return {"type": value.type, **plain(dict(value))}
    if isinstance(value, cypher_types.Path):
        return [plain(node) for node in value.nodes]
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value
