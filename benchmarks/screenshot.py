"""A screenshot of the viewer on the reference corpus, for the documentation.

    python benchmarks/screenshot.py [-o docs/viewer.png] [--query 208-QĐ/TW]

Builds the graph of the real documents in tests/fixtures (*.txt, *.pdf, *.html) with
`vbgraph build` into a temporary store, writes its page with `vbgraph show`, opens the page in
headless Chromium at 1600x1000, types the query into the page's search form and submits it,
so that the graph is focused on that document and the details panel shows it, and saves the
screenshot. Exits with an error, and saves nothing, when the page reports a script error,
asks for anything off the local file, or the search finds nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VIEWPORT = {"width": 1600, "height": 1000}

# One redraw after the search's focus, awaited, so that the picture is the focused graph.
REDRAWN_JS = """() => new Promise((done) => {
  vbgraph.network.once("afterDrawing", done);
  vbgraph.network.redraw();
})"""


def reference_corpus() -> list[Path]:
    """The fixture documents themselves; `made/` holds encoding variants of one of them."""
    return sorted(p for pattern in ("*.txt", "*.pdf", "*.html") for p in FIXTURES.glob(pattern))


def write_page(folder: Path) -> Path:
    """The reference corpus's graph as `vbgraph show` writes it, through the CLI."""
    store, html = folder / "reference.db", folder / "reference.html"
    vbgraph = [sys.executable, "-m", "vbgraph.cli"]
    subprocess.run([*vbgraph, "build", "--db", str(store), *map(str, reference_corpus())],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*vbgraph, "show", "--db", str(store), "-o", str(html)], check=True)
    return html


def screenshot(playwright: Any, chromium: str | None, html: Path, query: str,
               out: Path) -> str:
    """Search the page for `query` and save the screenshot; the details panel's heading."""
    browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
    try:
        tab = browser.new_page(viewport=VIEWPORT)
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:"))
               else problems.append(f"asked for {r.url}"))
        tab.goto(html.resolve().as_uri())
        tab.wait_for_selector("body[data-ready=true]", timeout=60_000)
        tab.fill("#vb-query", query)
        tab.click("#vb-search button[type=submit]")
        tab.wait_for_selector("#vb-found:not(:empty)")
        found = tab.inner_text("#vb-found")
        heading = tab.inner_text("#vb-details h2")
        if tab.evaluate("vbgraph.network.getSelectedNodes().length") == 0:
            problems.append(f"{query}: {found}")
        if problems:
            raise SystemExit("Error: " + "; ".join(problems))
        tab.evaluate(REDRAWN_JS)
        tab.screenshot(path=str(out))
        return f"{found}; details: {heading}"
    finally:
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "viewer.png")
    parser.add_argument("--query", default="208-QĐ/TW", help="what to search for on the page")
    parser.add_argument("--chromium", default="/usr/bin/chromium",
                        help="the Chromium to run ('' for Playwright's own)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="vbgraph-screenshot-") as tmp, \
            sync_playwright() as playwright:
        html = write_page(Path(tmp))
        shown = screenshot(playwright, args.chromium or None, html, args.query, args.output)
    print(f"{args.output}: {shown}", file=sys.stderr)


if __name__ == "__main__":
    main()
