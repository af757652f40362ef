"""RDF export speed: vbgraph's streaming writer against rdflib and an in-memory pyoxigraph Store.

    python benchmarks/rdf_export.py [--triples 1000000] [--rdflib-triples 200000]
                                    [--engines triples,vbgraph,read,rdflib,oxigraph]

Builds one `Graph` from the synthetic corpus of `synthetic_corpus.py` (documents merged as the
store merges them) with at least `--triples` triples in `vbgraph.graph.rdf.triples`, counted
exactly, then times each step in a fresh subprocess, so that each peak RSS is that step's own:

- triples:  iterating `triples(graph)` alone, the cost every writer below pays;
- vbgraph:  `write_rdf(graph, file, fmt)` for nt, ttl, xml and jsonld (pyoxigraph serialisers
            fed by the generator, no second copy of the graph);
- read:     `read_rdf` on vbgraph's N-Triples output, back to a `Graph`;
- rdflib:   an `rdflib.Graph` built from the triples (terms converted), then `serialize` to
            Turtle or N-Triples, on a graph of the first documents holding `--rdflib-triples`;
- oxigraph: the triples loaded into an in-memory `pyoxigraph.Store`, then `Store.dump`.

Peak RSS is `ru_maxrss` after the step, a high-water mark: a serialisation row includes the
graph, and for rdflib and the Store the loaded copy too. The baseline is `ru_maxrss` once the
synthetic graph is built (for `read`, once the modules are imported); the difference is what
the step itself needed. Output goes to a temporary folder, deleted at the end. Progress goes
to stderr, the table to stdout; the last line says whether vbgraph's N-Triples and Turtle
export meet the target of 1,000,000 triples in under 10 seconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from synthetic_corpus import Corpus, Document  # benchmarks/ is on the path of a script here

from vbgraph.graph.model import Graph, Label, Node
from vbgraph.graph.rdf import RdfFormat, prefixes, rdf_store, read_rdf, triples, write_rdf
from vbgraph.graph.store import Merge, rank

TARGET_TRIPLES, TARGET_SECONDS = 1_000_000, 10.0
ENGINES = ("triples", "vbgraph", "read", "rdflib", "oxigraph")
FORMATS = ("nt", "ttl", "xml", "jsonld")
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt"}
TRIPLES_PER_RELATIONSHIP = 14.3  # measured on this corpus; only a first guess when sizing


# --------------------------------------------------------------------------- the graph


def merged(docs: Sequence[Document]) -> Graph:
    """One graph of many documents' contributions, each node merged as the store merges it
    (a document's facts about itself and its tasks win over what citing documents say)."""
    merges: dict[str, Merge] = {}
    labels: dict[str, Label] = {}
    relationships = []
    for doc in docs:
        for node in doc.graph.nodes:
            merges.setdefault(node.id, Merge()).add(rank(node, doc.doc_id), doc.path,
                                                    node.properties)
            labels.setdefault(node.id, node.label)
        relationships.extend(doc.graph.relationships)
    nodes = [Node(node_id, labels[node_id], merge.props) for node_id, merge in merges.items()]
    return Graph(nodes=nodes, relationships=relationships)


def build_graph(seed: int, documents: int) -> Graph:
    """The graph of the corpus's first `documents` documents: the same on every call, as
    `Corpus` draws them one after another from one seeded generator."""
    corpus = Corpus(seed)
    return merged([corpus.document(i) for i in range(documents)])


def count_triples(graph: Graph) -> int:
    return sum(1 for _ in triples(graph))


def size_for(corpus: Corpus, docs: list[Document], wanted: int) -> tuple[int, int]:
    """(documents, triples): the fewest leading documents, found by growing a guess, whose
    graph has at least `wanted` triples. `docs` is extended from `corpus` as needed."""
    rels, k = 0, 0
    while rels * TRIPLES_PER_RELATIONSHIP < wanted:
        k += 1
        if k > len(docs):
            docs.append(corpus.document(len(docs)))
        rels += len(docs[k - 1].graph.relationships)
    while True:
        found = count_triples(merged(docs[:k]))
        if found >= wanted:
            return k, found
        k += math.ceil((wanted - found) / (found / k))
        while len(docs) < k:
            docs.append(corpus.document(len(docs)))


# --------------------------------------------------------------------------- measuring


@dataclass(slots=True)
class Row:
    engine: str
    step: str
    triples: int
    seconds: float
    output_mb: float | None
    peak_mb: float
    baseline_mb: float
    note: str = ""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Meter:
    """Makes the rows of one subprocess: the baseline is the high-water mark when it starts."""

    def __init__(self) -> None:
        gc.collect()
        self.baseline = peak_mb()
        self.rows: list[Row] = []

    def row(self, engine: str, step: str, count: int, seconds: float,
            output: Path | None = None, note: str = "") -> None:
        size = output.stat().st_size / 1e6 if output else None
        self.rows.append(Row(engine, step, count, seconds, size, peak_mb(), self.baseline, note))


def clock() -> Callable[[], float]:
    """Seconds since the call, each time the returned function is called."""
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the steps
# Each runs in its own subprocess on a graph built there; `count` is the graph's exact number
# of triples, counted once by the sizing subprocess.


def triples_only(graph: Graph, out: Path, meter: Meter, fmt: str, count: int) -> None:
    elapsed = clock()
    found = count_triples(graph)
    meter.row("vbgraph", "triples() only", found, elapsed(), note="generator, no output")


def vbgraph_write(graph: Graph, out: Path, meter: Meter, fmt: str, count: int) -> None:
    path = out / f"vbgraph.{fmt}"
    elapsed = clock()
    with path.open("wb") as file:
        write_rdf(graph, file, RdfFormat(fmt))
    meter.row("vbgraph", f"write_rdf {fmt}", count, elapsed(), path)
    if fmt != "nt":  # the N-Triples file is read back by the `read` step
        path.unlink()


def vbgraph_read(_: Graph | None, out: Path, meter: Meter, fmt: str, count: int) -> dict[str, int]:
    path = out / "vbgraph.nt"
    elapsed = clock()
    back = read_rdf(path, RdfFormat.nt)
    meter.row("vbgraph", "read_rdf nt", count, elapsed(), path, "output MB: the file read")
    return {"nodes": len(back.nodes), "relationships": len(back.relationships)}


def rdflib_write(graph: Graph, out: Path, meter: Meter, fmt: str, count: int) -> None:
    """Build an rdflib graph, then serialise it: N-Triples first, as it needs little memory
    of its own, so that the Turtle row's peak is still Turtle's."""
    import rdflib

    from vbgraph.graph.rdf import _rdflib  # the term conversion `load_rdflib` uses

    elapsed = clock()
    store = rdflib.Graph()
    for name, namespace in prefixes().items():
        store.bind(name, namespace)
    add = store.add
    for t in triples(graph):
        add((_rdflib(t.subject), _rdflib(t.predicate), _rdflib(t.object)))
    meter.row("rdflib", "build Graph", count, elapsed(), note=f"{len(store):,} distinct kept")
    for fmt_ in ("nt", "ttl"):
        path = out / f"rdflib.{fmt_}"
        elapsed = clock()
        store.serialize(path, format=RDFLIB_FORMATS[fmt_], encoding="utf-8")
        meter.row("rdflib", f"serialize {fmt_}", count, elapsed(), path)
        path.unlink()


def oxigraph_write(graph: Graph, out: Path, meter: Meter, fmt: str, count: int) -> None:
    """Load an in-memory Store, then dump every format from it (a dump adds no memory)."""
    import pyoxigraph as ox

    elapsed = clock()
    store = rdf_store(graph)
    seconds = elapsed()
    meter.row("oxigraph", "Store load", count, seconds, note=f"{len(store):,} distinct kept")
    for fmt_ in FORMATS:
        path = out / f"store.{fmt_}"
        elapsed = clock()
        store.dump(path, RdfFormat(fmt_).oxigraph, from_graph=ox.DefaultGraph(),
                   prefixes=prefixes())
        meter.row("oxigraph", f"Store.dump {fmt_}", count, elapsed(), path)
        path.unlink()


Step = Callable[[Any, Path, Meter, str, int], dict[str, int] | None]
STEPS: dict[str, Step] = {
    "triples": triples_only, "vbgraph": vbgraph_write, "read": vbgraph_read,
    "rdflib": rdflib_write, "oxigraph": oxigraph_write,
}


def size_step(args: argparse.Namespace) -> dict[str, int | float]:
    """How many documents give `--triples`, and `--rdflib-triples`, triples."""
    corpus, docs = Corpus(args.seed), list[Document]()
    elapsed = clock()
    documents, count = size_for(corpus, docs, args.triples)
    graph = merged(docs[:documents])
    sample_documents, sample_count = documents, count
    if args.rdflib_triples and args.rdflib_triples < count:
        sample_documents, sample_count = size_for(corpus, docs, args.rdflib_triples)
    return {"documents": documents, "triples": count, "nodes": len(graph.nodes),
            "relationships": len(graph.relationships), "rdflib_documents": sample_documents,
            "rdflib_triples": sample_count, "seconds": elapsed()}


def child(args: argparse.Namespace) -> None:
    """One step, its result as one JSON line on stdout."""
    if args.step == "size":
        print(json.dumps(size_step(args)))
        return
    graph = None
    if args.step != "read":
        elapsed = clock()
        graph = build_graph(args.seed, args.documents)
        say(f"  graph of {args.documents} documents built in {elapsed():.1f} s")
    meter = Meter()
    info = STEPS[args.step](graph, Path(args.out), meter, args.format, args.count)
    print(json.dumps({"rows": [asdict(row) for row in meter.rows], "info": info or {}}))


# --------------------------------------------------------------------------- the parent


def plan(engines: Sequence[str]) -> list[tuple[str, str]]:
    """(step, format) in running order: `read` needs vbgraph's N-Triples file."""
    jobs = [("triples", "-")] if "triples" in engines else []
    if "vbgraph" in engines:
        jobs += [("vbgraph", fmt) for fmt in FORMATS]
    elif "read" in engines:
        jobs.append(("vbgraph", "nt"))
    if "read" in engines:
        jobs.append(("read", "nt"))
    jobs += [(step, "-") for step in ("oxigraph", "rdflib") if step in engines]
    return jobs


def run_child(argv: Sequence[str]) -> dict[str, Any]:
    """Run this script on one step in a fresh interpreter. The parent stays small: a child's
    ru_maxrss starts from the RSS of the process that spawned it."""
    command = [sys.executable, str(Path(__file__).resolve()), *argv]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure(args: argparse.Namespace, size: dict[str, Any], out: Path) -> list[Row]:
    rows: list[Row] = []
    for step, fmt in plan(args.engines):
        sample = step == "rdflib"
        documents = size["rdflib_documents" if sample else "documents"]
        count = size["rdflib_triples" if sample else "triples"]
        say(f"{step}{'' if fmt == '-' else ' ' + fmt}: {count:,} triples ...")
        result = run_child(["--step", step, "--format", fmt, "--documents", str(documents),
                            "--count", str(count), "--out", str(out), "--seed", str(args.seed)])
        found = [Row(**row) for row in result["rows"]]
        if step == "read":
            found[0].note += "; " + round_trip(size, result["info"])
        rows += found
    return rows


def round_trip(size: dict[str, Any], back: dict[str, int]) -> str:
    same = back["nodes"] == size["nodes"] and back["relationships"] == size["relationships"]
    return ("same nodes and relationships back" if same else
            f"MISMATCH: {back} read back, {size['nodes']} nodes and "
            f"{size['relationships']} relationships written")


def table(rows: Sequence[Row]) -> str:
    head = (f"{'engine':<9} {'step':<17} {'triples':>10} {'seconds':>8} {'triples/s':>10} "
            f"{'output MB':>9} {'peak RSS MB':>11} {'baseline':>8} {'above':>7}  note")
    lines = [head, "-" * len(head)]
    for r in rows:
        output = f"{r.output_mb:>9.1f}" if r.output_mb is not None else f"{'-':>9}"
        lines.append(
            f"{r.engine:<9} {r.step:<17} {r.triples:>10,} {r.seconds:>8.2f} "
            f"{r.triples / r.seconds:>10,.0f} {output} {r.peak_mb:>11,.0f} "
            f"{r.baseline_mb:>8,.0f} {r.peak_mb - r.baseline_mb:>7,.0f}  {r.note}".rstrip())
    return "\n".join(lines)


def verdict(rows: Sequence[Row]) -> str:
    """Whether vbgraph writes 1,000,000 triples of N-Triples and of Turtle in under 10 s, at
    the rate measured (the graph holds a few more triples than asked for)."""
    found = {r.step: r for r in rows if r.engine == "vbgraph" and r.step.startswith("write_rdf")}
    wanted = [found.get(f"write_rdf {fmt}") for fmt in ("nt", "ttl")]
    if None in wanted:
        return "Target not checked: run the vbgraph engine for N-Triples and Turtle."
    per_target = [r.seconds * TARGET_TRIPLES / r.triples for r in wanted if r]
    met = all(seconds < TARGET_SECONDS for seconds in per_target)
    nt, ttl = per_target
    return (f"Target \"1,000,000 triples out in under 10 seconds\": "
            f"{'MET' if met else 'NOT MET'} by vbgraph's export: N-Triples {nt:.1f} s, "
            f"Turtle {ttl:.1f} s per 1,000,000 triples (measured rate).")


def header(size: dict[str, Any]) -> str:
    from importlib.metadata import version

    return (f"graph: {size['triples']:,} triples from {size['documents']:,} synthetic documents "
            f"({size['nodes']:,} nodes, {size['relationships']:,} relationships), sized in "
            f"{size['seconds']:.1f} s\nPython {sys.version.split()[0]}, pyoxigraph "
            f"{version('pyoxigraph')}, rdflib {version('rdflib')}, {os.cpu_count()} cores; "
            "peak RSS and baseline in MB, 'above' = peak - baseline; seconds by perf_counter")


def rdflib_note(size: dict[str, Any]) -> str:
    if size["rdflib_triples"] == size["triples"]:
        return "rdflib ran on the whole graph, like the other engines."
    return (f"rdflib ran on a SAMPLE (--rdflib-triples): the graph of the first "
            f"{size['rdflib_documents']:,} documents, {size['rdflib_triples']:,} triples, not "
            f"the {size['triples']:,} of the other rows.")


def engine_list(text: str) -> list[str]:
    engines = [name.strip() for name in text.split(",") if name.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown or not engines:
        raise argparse.ArgumentTypeError(f"choose from {','.join(ENGINES)}")
    return engines


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=TARGET_TRIPLES,
                        help="at least this many triples in the graph (default 1000000)")
    parser.add_argument("--rdflib-triples", type=int, default=0,
                        help="run rdflib on a smaller graph of at least this many triples "
                             "(default 0: the whole graph; 1M triples take it about 100 s)")
    parser.add_argument("--engines", type=engine_list, default=list(ENGINES),
                        help=f"comma-separated subset of {','.join(ENGINES)} (default: all)")
    parser.add_argument("--seed", type=int, default=7)
    for name in ("--step", "--format", "--out"):  # set by the parent for a subprocess
        parser.add_argument(name, help=argparse.SUPPRESS)
    for name in ("--documents", "--count"):
        parser.add_argument(name, type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.step:
        child(args)
        return
    elapsed = clock()
    say(f"sizing a graph of at least {args.triples:,} triples ...")
    size = run_child(["--step", "size", "--triples", str(args.triples),
                      "--rdflib-triples", str(args.rdflib_triples), "--seed", str(args.seed)])
    with tempfile.TemporaryDirectory(prefix="vbgraph-rdf-bench-") as tmp:
        rows = measure(args, size, Path(tmp))
    print(header(size))
    print(table(rows))
    if "rdflib" in args.engines:
        print(rdflib_note(size))
    print(verdict(rows))
    say(f"whole run: {elapsed():.0f} s")


if __name__ == "__main__":
    main()
