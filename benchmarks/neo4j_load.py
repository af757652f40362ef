"""Loading speed of the Neo4j store against a naive loader, on a real Neo4j server.

    python3 benchmarks/neo4j_load.py [--relationships 100000] [--naive-docs N] [--json]
    python3 benchmarks/neo4j_load.py --neo4j bolt://HOST:7687   # NEO4J_USERNAME/NEO4J_PASSWORD

Builds a deterministic synthetic corpus of documents shaped like what `vbgraph build` makes of
a real programme: its Document node, 30-80 tasks in a PART_OF tree, CITES to cited documents,
ASSIGNED_TO and ADDRESSED_TO agencies, ISSUED_BY, evidence (`sourceFile`, `page`, `line`,
`quote`, `offset`) on every relationship. Cited documents and agencies come from shared pools,
central ones for the whole corpus and provincial ones per province, popular ones far more
often, so that as in a real corpus a few nodes are asserted by nearly every document. Then it
times two loads into an emptied database, one transaction per document each:

- batched: `Neo4jStore.replace_source`, the store's own write path (UNWIND/MERGE batches);
- naive: one `MERGE` statement, one round trip, per node and per relationship. It is slow,
  so it runs on a prefix of the documents (`--naive-docs`); the rates are compared, both
  against the whole batched run and against the batched run's time for that same prefix.

Prints documents, nodes, relationships, seconds, nodes/s and relationships/s of each run and
the ratio of their relationship rates; whether the driver's Rust extension (neo4j-rust-ext)
is active is printed too, so runs with and without it can be told apart (`--label`). Nodes
are node rows written: a shared node counts once per document that asserts it. After each
run the database must hold exactly the relationships loaded, or the benchmark fails.

Without `--neo4j` a throwaway server is started in a temporary home on a free port (its
launcher is built there, or taken from $VBGRAPH_NEO4J_BUILD) and stopped at the end. With
`--neo4j` the vbgraph data of that database is DELETED before each run and at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.metadata
import importlib.util
import json
import pstats
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver, GraphDatabase, ManagedTransaction
from synthetic_corpus import Corpus, Document  # benchmarks/ is on the path of a script here

from vbgraph.graph import neo4j_server
from vbgraph.graph.model import Graph, RelType
from vbgraph.graph.neo4j_store import Neo4jSettings, Neo4jStore, label_of

NAIVE_MIN_RELATIONSHIPS = 10_000

# --------------------------------------------------------------------------- the loaders


@dataclass(slots=True)
class Run:
    name: str
    documents: int
    nodes: int
    relationships: int
    seconds: float = 0.0
    note: str = ""
    nodes_per_s: float = field(init=False, default=0.0)
    rels_per_s: float = field(init=False, default=0.0)

    def timed(self, seconds: float) -> Run:
        self.seconds = seconds
        self.nodes_per_s = self.nodes / seconds
        self.rels_per_s = self.relationships / seconds
        return self


def batched_load(store: Neo4jStore, _: Driver, doc: Document) -> None:
    store.replace_source(doc.path, doc.doc_id, doc.content_hash, "txt", doc.graph)


NODE_MERGE = "MERGE (n:{label} {{id: $id}}) SET n += $props"
REL_MERGE = (
    "MATCH (a:{a} {{id: $start}}) MATCH (b:{b} {{id: $end}}) "
    "MERGE (a)-[r:{type} {{id: $id}}]->(b) SET r += $props"
)


def naive_load(store: Neo4jStore, driver: Driver, doc: Document) -> None:
    """One transaction, and one MERGE statement (a round trip) per node and relationship."""
    with driver.session(database=store.settings.database) as session:
        session.execute_write(_naive_write, doc.graph)


def _naive_write(tx: ManagedTransaction, graph: Graph) -> None:
    for node in graph.nodes:
        query = NODE_MERGE.format(label=node.label.value)
        tx.run(query, id=node.id, props=node.properties).consume()
    for rel in graph.relationships:
        query = REL_MERGE.format(a=label_of(rel.start).value, b=label_of(rel.end).value,
                                 type=rel.type.value)
        tx.run(query, start=rel.start, end=rel.end, id=rel.id,
               props=rel.properties).consume()


Loader = Callable[[Neo4jStore, Driver, Document], None]


def measure(store: Neo4jStore, driver: Driver, run: Run, docs: Sequence[Document],
            load: Loader, profile: cProfile.Profile | None = None) -> list[float]:
    """Time `load` over `docs` into an emptied database, then check what landed. Returns
    the seconds elapsed after each document."""
    store.clear()
    step = max(1, len(docs) // 10)
    say(f"{run.name}: {len(docs)} documents ...")
    start = time.perf_counter()
    done, elapsed = 0, []
    for i, doc in enumerate(docs, 1):
        if profile:
            profile.runcall(load, store, driver, doc)
        else:
            load(store, driver, doc)
        elapsed.append(time.perf_counter() - start)
        done += len(doc.graph.relationships)
        if i % step == 0 or i == len(docs):
            say(f"  {i}/{len(docs)} documents, {done} relationships, "
                f"{done / elapsed[-1]:,.0f} rels/s")
    run.timed(elapsed[-1])
    check_counts(store, run)
    return elapsed


def check_counts(store: Neo4jStore, run: Run) -> None:
    counts = store.counts()
    found = sum(counts.get(t.value, 0) for t in RelType)
    if found != run.relationships:
        raise SystemExit(f"{run.name}: the database holds {found} relationships, "
                         f"{run.relationships} were loaded: {counts}")


def warm_up(store: Neo4jStore, driver: Driver, docs: Sequence[Document], naive: bool) -> None:
    """Let the server's JIT and query caches settle before anything is timed."""
    plan: list[tuple[Loader, Sequence[Document]]] = [(batched_load, docs)]
    if naive:
        plan.append((naive_load, docs[: len(docs) // 10 or 1]))
    say(f"warming up on {len(docs)} documents")
    for load, some in plan:
        store.clear()
        for doc in some:
            load(store, driver, doc)


def run_of(name: str, docs: Sequence[Document], note: str = "") -> Run:
    return Run(name, len(docs), sum(len(d.graph.nodes) for d in docs),
               sum(len(d.graph.relationships) for d in docs), note=note)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(uri: str | None) -> Iterator[Neo4jSettings]:
    """The server given, or a throwaway one stopped (and its home removed) at the end."""
    if uri:
        yield Neo4jSettings.from_env(uri)
        return
    with tempfile.TemporaryDirectory(prefix="vbgraph-neo4j-bench-") as tmp:
        home = Path(tmp)
        info = neo4j_server.start(home, free_port(), on_status=say)
        try:
            say(f"throwaway Neo4j on {info.uri} (pid {info.pid})")
            yield Neo4jSettings(info.uri, info.username, info.password, info.database)
        finally:
            neo4j_server.stop(home)
            say("throwaway Neo4j stopped")


# --------------------------------------------------------------------------- reporting


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rust_extension() -> dict[str, Any]:
    """Whether the driver found its Rust extension, as the driver itself decides it."""
    found = importlib.util.find_spec("neo4j._rust") is not None
    try:  # what the driver decided on import; it announces "Python-Rust" to the server then
        from neo4j._codec.packstream import RUST_AVAILABLE as active
    except ImportError:
        active = found
    try:
        version: str | None = importlib.metadata.version("neo4j-rust-ext")
    except importlib.metadata.PackageNotFoundError:
        version = None
    return {"active": bool(active), "module": found, "package": version}


def table(runs: Sequence[Run]) -> str:
    head = (f"{'run':<10} {'documents':>9} {'nodes':>9} {'relationships':>13} "
            f"{'seconds':>8} {'nodes/s':>9} {'rels/s':>9}")
    rows = [f"{r.name:<10} {r.documents:>9,} {r.nodes:>9,} {r.relationships:>13,} "
            f"{r.seconds:>8.2f} {r.nodes_per_s:>9,.0f} {r.rels_per_s:>9,.0f}  {r.note}"
            for r in runs]
    return "\n".join([head, *rows])


def report(figures: dict[str, Any], runs: Sequence[Run], as_json: bool) -> None:
    if as_json:
        print(json.dumps({**figures, "runs": [asdict(r) for r in runs]}, indent=2))
        return
    rust = figures["rust_extension"]
    ext = f"ACTIVE (neo4j-rust-ext {rust['package']})" if rust["active"] else "not active"
    print(f"label: {figures['label']}   server: {figures['server']}   "
          f"driver: neo4j {figures['driver']}, Rust extension {ext}")
    print(table(runs))
    if "ratio" in figures:
        print(f"batched / naive relationships/s: {figures['ratio']:.1f}x (whole batched run "
              f"against the naive one on a prefix, the first {runs[-1].documents} of "
              f"{runs[0].documents} documents); {figures['ratio_same_prefix']:.1f}x on that "
              "same prefix")


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relationships", type=int, default=100_000,
                        help="relationships in the corpus (default 100000)")
    parser.add_argument("--naive-docs", type=int, default=None,
                        help="documents the naive loader writes (default: the fewest that "
                             f"hold {NAIVE_MIN_RELATIONSHIPS} relationships; 0 skips it)")
    parser.add_argument("--warmup", type=int, default=400,
                        help="documents loaded untimed first, to warm the server up (default "
                             "400; the naive loader warms up on a tenth of them)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--neo4j", metavar="URI",
                        help="use this server (its vbgraph data is deleted!) instead of a "
                             "throwaway one; NEO4J_USERNAME and NEO4J_PASSWORD are read")
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument("--profile", metavar="FILE",
                        help="profile the batched load with cProfile into FILE (slows it)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args()


def naive_prefix(docs: Sequence[Document], wanted: int | None) -> list[Document]:
    if wanted is not None:
        return list(docs[:wanted])
    total = 0
    for i, doc in enumerate(docs, 1):
        total += len(doc.graph.relationships)
        if total >= NAIVE_MIN_RELATIONSHIPS:
            return list(docs[:i])
    return list(docs)


def benchmark(settings: Neo4jSettings, docs: list[Document], args: argparse.Namespace,
              ) -> tuple[str, list[Run]]:
    naive_docs = naive_prefix(docs, args.naive_docs)
    profile = cProfile.Profile() if args.profile else None
    auth = (settings.username, settings.password)
    with Neo4jStore(settings) as store, GraphDatabase.driver(settings.uri, auth=auth) as driver:
        agent = driver.get_server_info().agent
        if args.warmup > 0:
            warm_up(store, driver, docs[: args.warmup], naive=bool(naive_docs))
        runs = [run_of("batched", docs)]
        elapsed = measure(store, driver, runs[0], docs, batched_load, profile)
        if naive_docs:
            k = len(naive_docs)
            runs.append(run_of("batched", naive_docs, f"the first {k} documents of the run above")
                        .timed(elapsed[k - 1]))
            runs.append(run_of("naive", naive_docs, f"prefix: first {k} of {len(docs)} documents"))
            measure(store, driver, runs[-1], naive_docs, naive_load)
        store.clear()
    if profile:
        profile.dump_stats(args.profile)
        say(f"profile of the batched load written to {args.profile}")
        pstats.Stats(profile, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    return str(agent), runs


def main() -> None:
    args = parse_args()
    started = time.perf_counter()
    docs = Corpus(args.seed).documents(args.relationships)
    say(f"corpus: {len(docs)} documents, {sum(len(d.graph.relationships) for d in docs):,} "
        f"relationships, made in {time.perf_counter() - started:.1f} s")
    with server(args.neo4j) as settings:
        agent, runs = benchmark(settings, docs, args)
    figures: dict[str, Any] = {
        "label": args.label or "-", "server": agent,
        "driver": importlib.metadata.version("neo4j"), "rust_extension": rust_extension(),
    }
    if len(runs) == 3:
        figures["ratio"] = runs[0].rels_per_s / runs[2].rels_per_s
        figures["ratio_same_prefix"] = runs[1].rels_per_s / runs[2].rels_per_s
    report(figures, runs, args.json)


if __name__ == "__main__":
    main()
