"""The page `vbgraph show` writes, in a real headless Chromium: it draws the graph offline and
asks nothing of the network; clicks, search, filters and the CSV download work; text from a
document stays text; and `show` itself chooses and refuses as it says."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.graph.model import Graph, Label, Relationship, RelType
from vbgraph.graph.store import EmbeddedStore

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = [p for p in sorted(FIXTURES.glob("*")) if p.suffix in {".txt", ".pdf", ".html"}]
CSV_HEADER = ["phần tử", "id", "tên", "loại", "từ", "đến", "câu trích", "văn bản", "trang",
              "dòng", "tệp"]

# A made-up programme whose title and text carry markup that must never run.
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
HOSTILE_TITLE = f'=HYPERLINK("http://example.com") về {SCRIPT} và {IMG}'
HOSTILE = f"""TỈNH ỦY HẬU GIANG
*
Số 99-KH/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Hậu Giang, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
{HOSTILE_TITLE}
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt kế hoạch <script>window.__pwned=3</script>. Thực hiện Quy định số 208-QĐ/TW
ngày 08/11/2019 của Ban Bí thư.
2. Ban Thường vụ Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy <img src=x
onerror="window.__pwned=4"> theo dõi việc thực hiện.
"""
HOSTILE_HEADING = "<script>window.__pwned=5</script>"
# Unnumbered, so that its title is its label: the heading of its details.
UNNUMBERED_TITLE = '<img src=x onerror="window.__pwned=6">'
UNNUMBERED = f"""TỈNH ỦY HẬU GIANG
*
ĐẢNG CỘNG SẢN VIỆT NAM
Hậu Giang, ngày 06 tháng 3 năm 2024
KẾ HOẠCH
{UNNUMBERED_TITLE}
I. MỤC ĐÍCH, YÊU CẦU
1. Thực hiện Kế hoạch số 99-KH/TU ngày 05/3/2024 của Tỉnh ủy.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@dataclass(frozen=True)
class Written:
    """A page `show` wrote, with the node and link counts it reported."""

    path: Path
    nodes: int
    links: int


def show(db: Path, out: Path, *args: str) -> Written:
    code, _, err = run("show", "-o", str(out), "--db", str(db), *args)
    assert code == 0, err
    found = re.search(r"Wrote (\d+) nodes and (\d+) links", err)
    assert found, err
    return Written(out, int(found[1]), int(found[2]))


def build(folder: Path, db: Path) -> Path:
    code, _, err = run("build", str(folder), "--db", str(db))
    assert code == 0, err
    return db


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in CORPUS:
        shutil.copy(path, folder / path.name)
    return build(folder, folder.parent / "viewer.db")


@pytest.fixture(scope="module")
def graph(corpus_db: Path) -> Graph:
    with EmbeddedStore(corpus_db) as store:
        return store.graph()


@pytest.fixture(scope="module")
def corpus_page(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    return show(corpus_db, tmp_path_factory.mktemp("page") / "graph.html")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "ke-hoach-99.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "khong-so.txt").write_text(UNNUMBERED, encoding="utf-8")
    return build(folder, folder.parent / "hostile.db")


@pytest.fixture(scope="module")
def hostile_page(hostile_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    out = tmp_path_factory.mktemp("hostile-page") / "graph.html"
    return show(hostile_db, out, "--title", HOSTILE_HEADING)


# ------------------------------------------------------------------------ the browser


@dataclass
class Viewer:
    """One page open in Chromium, with what it logged and asked for."""

    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    used: bool = False

    def wait_until_drawn(self) -> None:
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=10_000)

    def fresh(self) -> Viewer:
        """The page as first drawn, with nothing logged or requested but its loading."""
        if self.used:
            self.errors.clear()
            self.requests.clear()
            self.page.reload()
            self.wait_until_drawn()
        self.used = True
        return self

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def details(self) -> str:
        return str(self.page.inner_text("#vb-details"))

    def shown(self) -> set[str]:
        """The ids of the nodes the network holds after filtering, and those it draws."""
        held = set(self.js("vbgraph.network.body.data.nodes.getIds()"))
        drawn = set(self.js("vbgraph.network.body.nodeIndices"))
        assert held == drawn
        return held

    def click_canvas(self, point: dict[str, float]) -> None:
        box = self.page.locator("#vb-network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def click_node(self, node_id: str) -> None:
        """Zoom in on the node, then click its centre on the screen."""
        point = self.js(
            """(id) => {
                const net = vbgraph.network, at = net.getPositions([id])[id];
                net.moveTo({ position: at, scale: 2, animation: false });
                return net.canvasToDOM(at);
            }""",
            node_id,
        )
        self.click_canvas(point)

    def click_link(self, candidates: list[str]) -> str:
        """Click the midpoint of the first of these links that, zoomed in, lies on that link
        alone (on no node, on no other link); its id."""
        point, edge_id = self.js(
            """(ids) => {
                const net = vbgraph.network;
                for (const edge of vbgraph.edges.get(ids)) {
                    const p = net.getPositions([edge.from, edge.to]);
                    const mid = { x: (p[edge.from].x + p[edge.to].x) / 2,
                                  y: (p[edge.from].y + p[edge.to].y) / 2 };
                    net.moveTo({ position: mid, scale: 2, animation: false });
                    const dom = net.canvasToDOM(mid);
                    if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === edge.id) {
                        return [dom, edge.id];
                    }
                }
                return [null, null];
            }""",
            candidates,
        )
        assert edge_id is not None, f"none of {len(candidates)} links can be clicked alone"
        self.click_canvas(point)
        return str(edge_id)

    def search(self, text: str) -> None:
        self.page.fill("#vb-query", text)
        self.page.press("#vb-query", "Enter")
        self.page.wait_for_selector("#vb-found:not(:empty)")


def open_page(browser: Any, path: Path) -> Viewer:
    """The page in a fresh browser context, where a request for anything but the page's own
    file is recorded and refused."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    viewer = Viewer(page, path.resolve().as_uri())
    page.on("console", lambda m: viewer.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: viewer.errors.append(f"page error: {e}"))
    page.on("request", lambda r: viewer.requests.append(r.url))

    def only_the_page(route: Any) -> None:
        if route.request.url == viewer.url:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_page)
    page.goto(viewer.url)
    viewer.wait_until_drawn()
    return viewer


@contextmanager
def opened(browser: Any, path: Path) -> Iterator[Viewer]:
    viewer = open_page(browser, path)
    try:
        yield viewer
    finally:
        viewer.page.context.close()


@pytest.fixture(scope="module")
def corpus_tab(browser: Any, corpus_page: Written) -> Iterator[Viewer]:
    with opened(browser, corpus_page.path) as viewer:
        yield viewer


@pytest.fixture(scope="module")
def hostile_tab(browser: Any, hostile_page: Written) -> Iterator[Viewer]:
    with opened(browser, hostile_page.path) as viewer:
        yield viewer


@pytest.fixture
def viewer(corpus_tab: Viewer) -> Viewer:
    """The reference corpus's page, as first drawn: one tab per module, reloaded per test."""
    return corpus_tab.fresh()


@pytest.fixture
def hostile(hostile_tab: Viewer) -> Viewer:
    return hostile_tab.fresh()


def download_csv(viewer: Viewer) -> tuple[bytes, list[list[str]]]:
    with viewer.page.expect_download() as info:
        viewer.page.click("#vb-csv")
    raw = Path(info.value.path()).read_bytes()
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# ------------------------------------------------------------------------ drawing


def test_the_graph_draws_every_node_show_reported(viewer: Viewer, corpus_page: Written) -> None:
    assert viewer.js("document.body.dataset.ready") == "true"
    assert viewer.js("vbgraph.nodes.length") == corpus_page.nodes
    assert viewer.js("vbgraph.edges.length") == corpus_page.links
    assert len(viewer.shown()) == corpus_page.nodes
    assert viewer.page.locator("#vb-network canvas").count() == 1
    assert viewer.errors == []


def test_nothing_is_fetched_from_the_network(viewer: Viewer) -> None:
    viewer.search("208-qd/tw")
    viewer.click_node("agency:ban-bi-thu")
    viewer.page.uncheck("#vb-kinds input[value=task]")
    download_csv(viewer)
    assert viewer.requests == [viewer.url]
    assert viewer.errors == []


# ------------------------------------------------------------------------ details


def test_a_click_on_a_node_shows_its_details(viewer: Viewer) -> None:
    viewer.click_node("doc:208-qd-tw")
    assert viewer.js("vbgraph.network.getSelectedNodes()") == ["doc:208-qd-tw"]
    shown = viewer.details()
    assert shown.splitlines()[0] == "208-QĐ/TW"
    for text in ("Quy định", "Ban Bí thư", "2019-11-08", "Số lần được trích dẫn"):
        assert text in shown
    assert viewer.errors == []


def document_name(graph: Graph, node_id: str) -> str:
    """How the page should name a document: its code, else its title, else its file."""
    (props,) = [n.properties for n in graph.nodes if n.id == node_id]
    return str(props.get("code") or props.get("title") or Path(str(props["sourceFile"])).name)


def evidence_document(graph: Graph, link: Relationship) -> str:
    """The name of the document whose text holds the link's quoted sentence."""
    (holder,) = [n.id for n in graph.nodes if n.label is Label.DOCUMENT
                 and n.properties.get("sourceFile") == link.properties["sourceFile"]]
    return document_name(graph, holder)


def assert_shows_evidence(viewer: Viewer, graph: Graph, link: Relationship) -> None:
    # The panel is filled by vis-network's click event; on a loaded machine it may come late.
    heading = f"#vb-details h2:text-is('{LINK_NAMES[link.type]}')"
    viewer.page.wait_for_selector(heading, timeout=5_000)
    shown = viewer.details()
    assert shown.splitlines()[0] == LINK_NAMES[link.type]
    assert f"Câu trích\n{link.properties['quote']}" in shown
    assert f"Trang\n{link.properties['page']}" in shown
    assert f"Dòng\n{link.properties['line']}" in shown
    assert f"Văn bản\n{evidence_document(graph, link)}" in shown


LINK_NAMES = {RelType.CITES: "Trích dẫn", RelType.ISSUED_BY: "Ban hành bởi"}


def _a_citation(graph: Graph, link: Relationship) -> bool:
    return link.type is RelType.CITES


def _the_issuer_of_a_cited_document(graph: Graph, link: Relationship) -> bool:
    # Its sentence is in the citing document, not in the cited one the link starts from.
    cited = {n.id for n in graph.nodes if n.label is Label.DOCUMENT
             and not n.properties.get("inCorpus")}
    return link.type is RelType.ISSUED_BY and link.start in cited


@pytest.mark.parametrize("which", [_a_citation, _the_issuer_of_a_cited_document],
                         ids=["citation", "issuer-of-a-cited-document"])
def test_a_click_on_a_link_shows_its_sentence_document_page_and_line(
    viewer: Viewer, graph: Graph, which: Callable[[Graph, Relationship], bool]
) -> None:
    links = {r.id: r for r in graph.relationships if which(graph, r) and "page" in r.properties}
    clicked = viewer.click_link(sorted(links))
    assert_shows_evidence(viewer, graph, links[clicked])
    assert viewer.errors == []


# ------------------------------------------------------------------------ search


def test_a_code_typed_without_diacritics_finds_its_document(viewer: Viewer) -> None:
    viewer.search("208-qd/tw")
    assert viewer.js("vbgraph.network.getSelectedNodes()") == ["doc:208-qd-tw"]
    assert viewer.page.inner_text("#vb-found") != "Không tìm thấy"
    assert viewer.details().splitlines()[0] == "208-QĐ/TW"


def test_an_agency_name_finds_that_agency_first(viewer: Viewer) -> None:
    # "Đảng ủy Ủy ban nhân dân xã Công Hải" contains the name too; the exact one wins.
    viewer.search("Ủy ban nhân dân xã Công Hải")
    assert viewer.js("vbgraph.network.getSelectedNodes()") == [
        "agency:uy-ban-nhan-dan-xa-cong-hai"
    ]
    assert viewer.details().splitlines()[0] == "Ủy ban nhân dân xã Công Hải"


def test_a_search_for_nothing_known_says_so(viewer: Viewer) -> None:
    viewer.search("không có văn bản này")
    assert viewer.page.inner_text("#vb-found") == "Không tìm thấy"
    assert viewer.js("vbgraph.network.getSelectedNodes()") == []


# ------------------------------------------------------------------------ filters


def test_unticking_tasks_hides_every_task(viewer: Viewer, graph: Graph) -> None:
    tasks = {n.id for n in graph.nodes if n.label is Label.TASK}
    viewer.page.uncheck("#vb-kinds input[value=task]")
    assert viewer.shown() == {n.id for n in graph.nodes} - tasks
    viewer.page.check("#vb-kinds input[value=task]")
    assert viewer.shown() == {n.id for n in graph.nodes}


def test_unticking_a_link_type_hides_those_links(viewer: Viewer, graph: Graph) -> None:
    viewer.page.uncheck("#vb-types input[value=PART_OF]")
    drawn = set(viewer.js("vbgraph.network.body.edgeIndices"))
    assert drawn == {r.id for r in graph.relationships if r.type is not RelType.PART_OF}


def test_choosing_an_agency_shows_it_and_its_neighbourhood(viewer: Viewer, graph: Graph) -> None:
    agency = "agency:ban-xay-dung-dang"
    near = {r.start for r in graph.relationships if r.end == agency}
    near |= {r.end for r in graph.relationships if r.start == agency}
    documents = {
        str(n.properties.get("documentId"))
        for n in graph.nodes if n.id in near and n.label is Label.TASK
    }
    viewer.page.select_option("#vb-agency", agency)
    assert viewer.shown() == {agency} | near | documents
    viewer.page.select_option("#vb-agency", "")
    assert len(viewer.shown()) == len(graph.nodes)


# ------------------------------------------------------------------------ CSV


def test_the_csv_holds_what_is_shown(viewer: Viewer, graph: Graph) -> None:
    viewer.page.uncheck("#vb-kinds input[value=task]")
    raw, rows = download_csv(viewer)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert rows[0] == CSV_HEADER
    kept = {n.id for n in graph.nodes if n.label is not Label.TASK}
    links = {r.id: r for r in graph.relationships if r.start in kept and r.end in kept}
    assert sorted(row[1] for row in rows[1:] if row[0] == "nút") == sorted(kept)
    assert sorted(row[1] for row in rows[1:] if row[0] == "liên kết") == sorted(links)
    assert len(rows) == 1 + len(kept) + len(links)
    for row in rows[1:]:
        if row[0] == "liên kết":
            link = links[row[1]]
            assert (row[4], row[5], row[8], row[9]) == (
                link.start, link.end, str(link.properties.get("page", "")),
                str(link.properties.get("line", "")),
            )


def test_a_csv_cell_a_spreadsheet_would_run_is_defused(hostile: Viewer) -> None:
    _, rows = download_csv(hostile)
    (document,) = [row for row in rows if row[1] == "doc:hau-giang:99-kh-tu"]
    assert document[2] == "'" + HOSTILE_TITLE
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


# ------------------------------------------------------------------------ hostile text


def test_markup_in_a_document_is_shown_as_text_and_never_runs(hostile: Viewer) -> None:
    hostile.search("99-KH/TU")
    assert hostile.js("vbgraph.network.getSelectedNodes()") == ["doc:hau-giang:99-kh-tu"]
    assert HOSTILE_TITLE in hostile.details()
    hostile.click_node("doc:hau-giang:99-kh-tu")
    assert HOSTILE_TITLE in hostile.details()
    hostile.click_node("task:hau-giang:99-kh-tu/i-2")
    assert "<img src=x" in hostile.details()
    hostile.click_node("doc:file:khong-so")
    assert hostile.details().splitlines()[0] == UNNUMBERED_TITLE
    hostile.page.mouse.move(10, 10)
    hostile.click_node("task:hau-giang:99-kh-tu/i-1")  # the pointer rests on it: a tooltip
    tooltip = hostile.page.locator(".vis-tooltip")
    tooltip.wait_for(state="visible")
    assert "<script>window.__pwned=3</script>" in tooltip.inner_text()
    assert hostile.page.inner_text("h1") == HOSTILE_HEADING
    assert hostile.page.title() == HOSTILE_HEADING
    assert hostile.js("typeof window.__pwned") == "undefined"
    assert hostile.js("document.querySelectorAll('img').length") == 0
    scripts = hostile.js(
        "[...document.scripts].map((s) => [s.type, s.id, s.src])"
    )
    assert scripts == [["", "", ""], ["application/json", "vb-data", ""], ["", "", ""]]
    tags = hostile.js("[...document.querySelectorAll('#vb-details *')].map((e) => e.tagName)")
    assert set(tags) <= {"H2", "DL", "DT", "DD"}
    assert hostile.errors == []
    assert hostile.requests == [hostile.url]


# ------------------------------------------------------------------------ choosing


def test_focus_shows_only_that_document_and_its_neighbours(
    browser: Any, corpus_db: Path, graph: Graph, tmp_path: Path
) -> None:
    written = show(corpus_db, tmp_path / "focus.html", "--focus", "208-QĐ/TW", "--depth", "1")
    focus = "doc:208-qd-tw"
    near = {r.end for r in graph.relationships if r.start == focus}
    near |= {r.start for r in graph.relationships if r.end == focus}
    assert written.nodes == len(near) + 1
    with opened(browser, written.path) as viewer:
        assert set(viewer.js("vbgraph.nodes.getIds()")) == {focus} | near
        # What lies outside the part shown is still named as on the whole page, not by id.
        (citing,) = [r for r in graph.relationships if r.end == focus and r.type is RelType.CITES]
        viewer.click_node(citing.start)
        task_document = str(next(n for n in graph.nodes if n.id == citing.start)
                            .properties["documentId"])
        assert f"Văn bản\n{document_name(graph, task_document)}" in viewer.details()
        viewer.click_link([citing.id])
        assert_shows_evidence(viewer, graph, citing)
        assert viewer.errors == []


@pytest.mark.parametrize(("typed", "task"), [
    ("hau-giang-q4-2024 II.1.2", "task:file:hau-giang-q4-2024/ii-1-2"),
    ("28/2021/QĐ-TTg Điều 2", "task:28-2021-qd-ttg/dieu-2"),
    ("Ủy ban nhân dân xã Công Hải", "agency:uy-ban-nhan-dan-xa-cong-hai"),
])
def test_focus_on_a_task_by_document_and_path_or_on_an_agency(
    corpus_db: Path, graph: Graph, tmp_path: Path, typed: str, task: str
) -> None:
    out = tmp_path / "task.html"
    written = show(corpus_db, out, "--focus", typed, "--depth", "1")
    near = {r.end for r in graph.relationships if r.start == task}
    near |= {r.start for r in graph.relationships if r.end == task}
    assert written.nodes == len(near | {task})
    assert f'"id": "{task}"' in out.read_text(encoding="utf-8")


def test_an_unknown_focus_is_one_error_and_no_page(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nothing.html"
    code, stdout, err = run(
        "show", "-o", str(out), "--db", str(corpus_db), "--focus", "999-QĐ/TW"
    )
    assert (code, stdout) == (4, "")
    assert len(err.strip().splitlines()) == 1 and err.startswith("Error: "), err
    assert not out.exists()


def test_a_page_too_big_is_refused_with_a_hint(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "big.html"
    code, stdout, err = run("show", "-o", str(out), "--db", str(corpus_db), "--max-nodes", "10")
    assert (code, stdout) == (4, "")
    assert len(err.strip().splitlines()) == 1 and err.startswith("Error: "), err
    assert "--focus" in err
    assert not out.exists()
