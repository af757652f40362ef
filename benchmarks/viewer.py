"""How large a `vbgraph show` page can be and still respond: Python side and headless Chromium.

    python benchmarks/viewer.py [--sizes 500,2000,5000] [--runs 3] [--chromium PATH]

For each size, a graph of exactly that many nodes is cut from the synthetic corpus of
`synthetic_corpus.py` (the leading documents, merged as the store merges them, until there
are enough nodes; then the first nodes in the order they appeared, so documents, tasks and
agencies keep the mix the documents give them). A fresh subprocess, so that its peak RSS is
its own, times what `show` does:

- layout: `graph.view.layout`, igraph's Fruchterman-Reingold placing every node;
- page:   `view_data` and `page`, the HTML through pyvis with vis-network inlined;
- peak:   `ru_maxrss` of that subprocess; "above" is the peak less the RSS once the
          synthetic graph is built, i.e. what laying out and writing the page cost.

The page is then opened from a file:// URL in headless Chromium (1600x1000):

- ready:  wall time from `page.goto` to `body[data-ready=true]`, which the viewer sets on
          vis-network's first `afterDrawing`. That first draw is also the stabilised one:
          positions come from igraph and physics is off, so there is nothing to settle;
- zoom:   10 `network.moveTo({scale})` steps from the fitted overview to scale 1, each
          awaited until vis-network's next `afterDrawing`: mean and worst redraw, in ms;
- search: `vbgraph.search` for each of the 5 most cited documents, then
          `vbgraph.focusNode`, until the next `afterDrawing`: the mean, in ms (focusing
          dims every other node and link, so it restyles and redraws them all);
- heap:   the page's JavaScript heap after all that (Chrome DevTools `JSHeapUsedSize`).

The browser figures are the median of `--runs` runs, each in a fresh Chromium. The header
gives the load average: the figures are only comparable on an otherwise idle machine.

The calls are those of `graph.view.show` in the same order; `show`'s node limit
(`MAX_NODES`) is not in the path, so every size renders. Progress goes to stderr, the table
and the verdict (the largest size that still redraws in under 100 ms) to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean, median
from typing import Any

from rdf_export import merged  # benchmarks/ is on the path of a script here
from synthetic_corpus import Corpus, Document

from vbgraph.graph.model import Graph
from vbgraph.graph.view import MAX_NODES, Context, Selection, layout, page, select, view_data

SMOOTH_MS = 100.0  # a redraw slower than this is felt as lag when panning or zooming
ZOOM_STEPS = 10
SEARCHES = 5
VIEWPORT = {"width": 1600, "height": 1000}


# --------------------------------------------------------------------------- the graph


def graph_of(seed: int, nodes: int) -> tuple[Graph, int]:
    """A graph of exactly `nodes` nodes and the number of documents it came from: the
    fewest leading documents holding enough, cut to the first `nodes` nodes they name."""
    corpus, docs = Corpus(seed), list[Document]()
    graph = merged(docs)
    while len(graph.nodes) < nodes:
        docs.append(corpus.document(len(docs)))
        graph = merged(docs)
    # Depth 0 around the kept nodes: those nodes and the links among them, nothing else.
    keep = tuple(node.id for node in graph.nodes[:nodes])
    return select(graph, Selection(focus=keep, depth=0)), len(docs)


# --------------------------------------------------------------------------- Python side


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def generate(nodes: int, seed: int, out: Path) -> dict[str, Any]:
    """Lay out and write the page of an `nodes`-node graph to `out`; its figures."""
    graph, documents = graph_of(seed, nodes)
    baseline = rss_mb()
    start = time.perf_counter()
    positions = layout(graph)
    laid_out = time.perf_counter()
    html = page(view_data(graph, positions, Context.of(graph)), f"{nodes} nodes")
    written = time.perf_counter()
    out.write_text(html, encoding="utf-8")
    return {
        "nodes": len(graph.nodes), "links": len(graph.relationships), "documents": documents,
        "mix": dict(Counter(node.label.value for node in graph.nodes)),
        "layout_s": laid_out - start, "page_s": written - laid_out,
        "html_mb": out.stat().st_size / 1e6, "peak_mb": rss_mb(), "baseline_mb": baseline,
    }


def run_child(nodes: int, seed: int, out: Path) -> dict[str, Any]:
    """`generate` in a fresh interpreter: a process's ru_maxrss never comes down, so each
    size gets its own, and the parent's Playwright stays out of the figure."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(nodes),
               "--seed", str(seed), "--out", str(out)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------- browser side

# Each step waits for the draw it caused: vis-network redraws on the next animation frame,
# so the time includes that wait, as a user's would.
ZOOM_JS = """async (steps) => {
  const net = vbgraph.network;
  const start = net.getScale(), times = [];
  for (let i = 1; i <= steps; i++) {
    const drawn = new Promise((done) => net.once("afterDrawing", done));
    const t = performance.now();
    net.moveTo({ scale: start * Math.pow(1 / start, i / steps) });
    await drawn;
    times.push(performance.now() - t);
  }
  return times;
}"""

# The most cited documents in turn, as a user would look up the documents that matter.
# focusNode's DataSet updates may draw at once, before it returns: the time is all of it.
SEARCH_JS = """async (count) => {
  const net = vbgraph.network, times = [];
  const top = vbgraph.nodes.get().sort((a, b) => (b.value || 0) - (a.value || 0));
  for (const node of top.slice(0, count)) {
    const drawn = new Promise((done) => net.once("afterDrawing", done));
    const t = performance.now();
    vbgraph.focusNode(vbgraph.search(node.label)[0].id);
    await drawn;
    times.push(performance.now() - t);
  }
  return { times, query: top[0].label };
}"""


@dataclass(slots=True)
class Browser:
    ready_s: float
    zoom_mean_ms: float
    zoom_max_ms: float
    search_ms: float
    query: str
    heap_mb: float
    errors: list[str]
    version: str


def in_browser_runs(playwright: Any, chromium: str | None, html: Path, runs: int) -> Browser:
    """The median of each figure over `runs` fresh browsers: on a shared 2-core machine one
    run can catch another process's burst."""
    found = [in_browser(playwright, chromium, html) for _ in range(runs)]
    first = found[0]
    return Browser(
        median(b.ready_s for b in found), median(b.zoom_mean_ms for b in found),
        median(b.zoom_max_ms for b in found), median(b.search_ms for b in found), first.query,
        median(b.heap_mb for b in found), [e for b in found for e in b.errors], first.version)


def in_browser(playwright: Any, chromium: str | None, html: Path) -> Browser:
    """Open the page in a fresh headless Chromium and time first draw, zoom and search."""
    browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
    try:
        tab = browser.new_page(viewport=VIEWPORT)
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        start = time.perf_counter()
        tab.goto(html.resolve().as_uri())
        tab.wait_for_selector("body[data-ready=true]", timeout=300_000)
        ready = time.perf_counter() - start
        zoom: list[float] = tab.evaluate(ZOOM_JS, ZOOM_STEPS)
        search = tab.evaluate(SEARCH_JS, SEARCHES)
        devtools = tab.context.new_cdp_session(tab)
        devtools.send("Performance.enable")
        metrics = {m["name"]: m["value"]
                   for m in devtools.send("Performance.getMetrics")["metrics"]}
        searches: list[float] = search["times"]
        return Browser(ready, mean(zoom), max(zoom), mean(searches), search["query"],
                       metrics["JSHeapUsedSize"] / 1e6, errors, browser.version)
    finally:
        browser.close()


# --------------------------------------------------------------------------- report


def table(rows: Sequence[tuple[dict[str, Any], Browser]]) -> str:
    head = (f"{'nodes':>6} {'links':>6} {'docs':>4} {'layout s':>8} {'page s':>6} "
            f"{'HTML MB':>7} {'peak MB':>7} {'above':>5} {'ready s':>7} {'zoom ms':>7} "
            f"{'worst':>5} {'search ms':>9} {'heap MB':>7}")
    lines = [head, "-" * len(head)]
    for gen, web in rows:
        lines.append(
            f"{gen['nodes']:>6,} {gen['links']:>6,} {gen['documents']:>4} "
            f"{gen['layout_s']:>8.2f} {gen['page_s']:>6.2f} {gen['html_mb']:>7.1f} "
            f"{gen['peak_mb']:>7.0f} {gen['peak_mb'] - gen['baseline_mb']:>5.0f} "
            f"{web.ready_s:>7.2f} {web.zoom_mean_ms:>7.0f} {web.zoom_max_ms:>5.0f} "
            f"{web.search_ms:>9.0f} {web.heap_mb:>7.0f}")
    return "\n".join(lines)


def verdict(rows: Sequence[tuple[dict[str, Any], Browser]]) -> str:
    """The largest size whose zoom redraws stay under SMOOTH_MS (panning and zooming feel
    smooth), where a straight line through the zoom means crosses it, and the same for
    search + focus (one click's answer; it restyles every node and link)."""
    said = []
    for what, field in (("zoom redraw (mean)", "zoom_mean_ms"), ("search + focus", "search_ms")):
        times: list[float] = [getattr(web, field) for _, web in rows]
        smooth = [gen["nodes"] for (gen, _), ms in zip(rows, times, strict=True) if ms < SMOOTH_MS]
        line = (f"{what}: under {SMOOTH_MS:.0f} ms up to {max(smooth):,} nodes" if smooth
                else f"{what}: over {SMOOTH_MS:.0f} ms at every size")
        if len(rows) >= 2:
            slope, intercept = fit([float(gen["nodes"]) for gen, _ in rows], times)
            line += f"; fit ~ {intercept:.0f} ms + {slope * 1000:.1f} ms per 1,000 nodes"
            crossing = (SMOOTH_MS - intercept) / slope if slope > 0 else 0
            if crossing > 0:
                line += f", {SMOOTH_MS:.0f} ms at ~{crossing:,.0f} nodes"
        said.append(line + ".")
    return "\n".join([*said, f"graph.view.MAX_NODES is {MAX_NODES:,}."])


def fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
             / sum((x - mx) ** 2 for x in xs))
    return slope, my - slope * mx


def header(chromium_version: str, runs: int, load: float) -> str:
    from importlib.metadata import version

    return (f"Python {sys.version.split()[0]}, igraph {version('igraph')}, pyvis "
            f"{version('pyvis')}, headless Chromium {chromium_version}, {os.cpu_count()} "
            f"cores, load average {load:.1f} at the start; viewport "
            f"{VIEWPORT['width']}x{VIEWPORT['height']}.\n"
            "layout/page s: Python; peak MB: ru_maxrss of the generating process, above: less "
            "its RSS once the graph was built; ready s: goto to first draw (= stabilised: fixed "
            "positions, no physics); zoom ms: mean and worst of 10 moveTo redraws; search ms: "
            "mean of 5 search + focusNode + redraw; heap MB: JS heap after both. Browser "
            f"figures: median of {runs} runs.")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sizes(text: str) -> list[int]:
    try:
        found = sorted(int(size.replace("_", "")) for size in text.split(",") if size.strip())
    except ValueError:
        raise argparse.ArgumentTypeError("node counts separated by commas") from None
    if not found or found[0] < 1:
        raise argparse.ArgumentTypeError("node counts separated by commas, each at least 1")
    return found


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=sizes, default=[500, 2000, 5000],
                        help="node counts, comma-separated (default 500,2000,5000)")
    parser.add_argument("--chromium", default="/usr/bin/chromium",
                        help="the Chromium to run (default /usr/bin/chromium; '' for "
                             "Playwright's own)")
    parser.add_argument("--runs", type=int, default=3,
                        help="browser runs per size; each figure is their median (default 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)  # set for a subprocess
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.child:
        print(json.dumps(generate(args.child, args.seed, Path(args.out))))
        return
    from playwright.sync_api import sync_playwright

    load = os.getloadavg()[0]
    rows: list[tuple[dict[str, Any], Browser]] = []
    with tempfile.TemporaryDirectory(prefix="vbgraph-viewer-bench-") as tmp, \
            sync_playwright() as playwright:
        for nodes in args.sizes:
            html = Path(tmp) / f"graph-{nodes}.html"
            say(f"{nodes:,} nodes: layout and page ...")
            gen = run_child(nodes, args.seed, html)
            say(f"  {gen['mix']}; in Chromium ...")
            web = in_browser_runs(playwright, args.chromium or None, html, args.runs)
            if web.errors:
                say(f"  page errors: {web.errors[:3]}")
            rows.append((gen, web))
    print(header(rows[0][1].version, args.runs, load))
    print(table(rows))
    print(f"searched: the 5 most cited documents ({rows[-1][1].query} first at the largest "
          "size)")
    print(verdict(rows))


if __name__ == "__main__":
    main()
