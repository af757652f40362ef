"""Extraction throughput over a synthetic corpus made from the bundled real document.

    python benchmarks/extraction.py [--docs 1000] [--workers N] [--stages]

Prints MB/s and documents/s for (1) one core, read + extract + graph, (2) all cores, and
(3) a whole `build` into a fresh store, with the peak memory of each stage. `--stages`
prints instead the time of each pipeline step on the bundled document (best of 5). Synthetic
documents are the real programme with its codes, dates and numbers varied and its sections
shuffled, so sizes and citation density match real text.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
import timeit
from pathlib import Path

from vbgraph.extract.agencies import find_agencies, find_assignments, find_deadlines
from vbgraph.extract.citations import find_citations
from vbgraph.extract.closing import find_recipients, find_signature
from vbgraph.extract.header import find_header
from vbgraph.extract.structure import find_tasks
from vbgraph.graph.build import build_graph
from vbgraph.graph.store import EmbeddedStore
from vbgraph.loaders import read_source
from vbgraph.pipeline import build, extract, process_file, process_many

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "hau-giang-q4-2024.txt"


def synthesize(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` variants of the example document into `folder`."""
    rng = random.Random(seed)
    text = EXAMPLE.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:6], paragraphs[6:]
    paths = []
    for i in range(count):
        shuffled = body[:]
        rng.shuffle(shuffled[: len(shuffled) // 2])
        doc = "\n\n".join(head + shuffled)
        doc = re.sub(r"\b(\d{1,4})-(QĐ|ĐA|KH|QC|CT)/(TW|TU)\b",
                     lambda m: f"{rng.randint(1, 999)}-{m.group(2)}/{m.group(3)}", doc)
        doc = re.sub(r"\b(20\d\d)\b", lambda m: str(rng.randint(2015, 2026)), doc)
        path = folder / f"doc-{i:05d}.txt"
        path.write_text(doc, encoding="utf-8")
        paths.append(path)
    return paths


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def report(stage: str, seconds: float, size: int, docs: int, memory: float) -> None:
    print(
        f"{stage:<28} {size / 1e6 / seconds:8.2f} MB/s {docs / seconds:9.1f} docs/s "
        f"{seconds:7.2f} s   peak RSS {memory:7.1f} MB"
    )


def stages(repeats: int = 5, rounds: int = 30) -> None:
    """Milliseconds per call of each step on the bundled document, best of `repeats`:
    timings on a shared machine are noisy, and the best run is the one least disturbed."""
    path = str(EXAMPLE)
    source = read_source(path)
    header = find_header(source)
    tasks = find_tasks(source, header)
    agencies = find_agencies(source, header)
    extraction = extract(source)
    steps = {
        "read_source": lambda: read_source(path),
        "find_header": lambda: find_header(source),
        "find_tasks": lambda: find_tasks(source, header),
        "find_agencies": lambda: find_agencies(source, header),
        "find_citations": lambda: find_citations(source, own_code=header.code),
        "find_assignments": lambda: find_assignments(source, tasks, agencies),
        "find_deadlines": lambda: find_deadlines(source),
        "find_recipients": lambda: find_recipients(source),
        "find_signature": lambda: find_signature(source),
        "build_graph": lambda: build_graph(extraction),
        "process_file": lambda: process_file(path, "-"),
    }
    for name, step in steps.items():
        best = min(timeit.repeat(step, number=rounds, repeat=repeats)) / rounds
        print(f"{name:<18} {best * 1000:7.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--stages", action="store_true", help="time each step instead")
    args = parser.parse_args()
    if args.stages:
        stages()
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [str(p) for p in synthesize(folder, args.docs)]
        size = sum(os.path.getsize(p) for p in paths)
        print(f"corpus: {len(paths)} documents, {size / 1e6:.1f} MB; {args.workers} workers")

        start = time.perf_counter()
        for path in paths:
            result = process_file(path)
            if not hasattr(result, "graph"):
                sys.exit(f"failed: {result}")
        report("one core, file -> graph", time.perf_counter() - start, size, len(paths),
               peak_rss_mb())

        start = time.perf_counter()
        done = sum(1 for _ in process_many(paths, [""] * len(paths), args.workers))
        report(f"{args.workers} cores, file -> graph", time.perf_counter() - start, size, done,
               children_peak_rss_mb())

        start = time.perf_counter()
        with EmbeddedStore(folder / "bench.db") as store:
            result_report = build([folder], store, workers=args.workers)
            nodes = sum(store.counts().get(k, 0) for k in ("Document", "Agency", "Task"))
        report("build into a new store", time.perf_counter() - start, size,
               len(result_report.written), peak_rss_mb())
        print(f"store: {nodes} nodes; failures: {len(result_report.failed)}")


if __name__ == "__main__":
    main()
