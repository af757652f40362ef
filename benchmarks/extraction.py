"""Extraction throughput over a synthetic corpus made from the bundled real document.

    python benchmarks/extraction.py [--docs 1000] [--workers N]

Prints MB/s and documents/s for (1) one core, read + extract + graph, (2) all cores, and
(3) a whole `build` into a fresh store, with the peak memory of each stage. Synthetic
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
from pathlib import Path

from vbgraph.graph.store import EmbeddedStore
from vbgraph.pipeline import build, process_file, process_many

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
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
