"""The graph as an interactive page: a self-contained HTML file that works offline.

`select` cuts the part of the graph a user asked for (around a document, agency or task, to
a depth, of some kinds), `layout` places it once with igraph so that the browser has no
physics to run, and `page` writes it through pyvis with vbgraph's own template: vis-network
and the viewer's script are in the page, nothing is fetched from the network, and text from
documents reaches the page only as JSON data that the script shows with `textContent`.
"""

from __future__ import annotations

import json
import math
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vbgraph.errors import QueryError
from vbgraph.graph.build import agency_id, document_of, slug, task_id
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.graph.store import GraphStore
from vbgraph.ontology import INTENT, ROLE, TASK_KIND, concept_label
from vbgraph.queries.lookup import find_documents

ASSETS = Path(__file__).resolve().parent / "viewer"
# Past this many nodes a redraw takes over 100 ms on a 2-core machine (benchmarks/viewer.py);
# `show` asks for --focus instead of writing a page that crawls.
MAX_NODES = 3000

# Okabe-Ito colours, which colour-blind readers tell apart; shapes differ too.
STYLE = {
    "document": ("diamond", "#0072B2", "Văn bản trong kho"),
    "cited": ("diamond", "#56B4E9", "Văn bản được trích dẫn"),
    "agency": ("triangle", "#E69F00", "Cơ quan, tổ chức"),
    "task": ("dot", "#009E73", "Nhiệm vụ"),
}
LINKS = {
    RelType.CITES: ("#D55E00", "Trích dẫn"),
    RelType.BASED_ON: ("#CC79A7", "Căn cứ"),
    RelType.ISSUED_BY: ("#999999", "Ban hành bởi"),
    RelType.PART_OF: ("#BBBBBB", "Thuộc"),
    RelType.ASSIGNED_TO: ("#E69F00", "Giao cho"),
    RelType.ADDRESSED_TO: ("#F0E442", "Gửi đến"),
}


class TooBig(QueryError):
    """The selection has more nodes than a page shows smoothly."""


@dataclass(frozen=True, slots=True)
class Selection:
    """What part of the graph to show: around `focus` (node ids) to `depth` links, of
    `kinds` (labels); everything when `focus` is empty."""

    focus: tuple[str, ...] = ()
    depth: int = 2
    kinds: frozenset[Label] = frozenset(Label)


# ------------------------------------------------------------------------ choosing


def focus_ids(store: GraphStore, typed: str) -> list[str]:
    """The nodes a user means by a document code or title, an agency name, or a node id."""
    typed = typed.strip()
    if typed.startswith(("doc:", "task:", "agency:")) and store.node(typed) is not None:
        return [typed]
    agency = agency_id(typed)
    if store.node(agency) is not None:
        return [agency]
    if tasks := _tasks_named(store, typed):
        return tasks
    found = [node.id for node in find_documents(store, typed)]
    if not found:
        raise QueryError(f"{typed}: no document, agency or task of that name in the graph")
    return found


def _tasks_named(store: GraphStore, typed: str) -> list[str]:
    """A task named by its document and heading path: "99-CTr/TU II.1.2", "30/2020/NĐ-CP
    Điều 5" (the path is the last word or two)."""
    words = typed.split()
    for cut in (1, 2, 3):
        document, path = " ".join(words[:-cut]), " ".join(words[-cut:])
        if not document:
            break
        try:
            documents = find_documents(store, document)
        except QueryError:
            continue
        found = [i for i in (task_id(d.id, path) for d in documents) if store.node(i)]
        if found:
            return found
    return []


def select(graph: Graph, selection: Selection) -> Graph:
    """The nodes within `depth` links of the focus (either direction), of the chosen kinds,
    and the links among them."""
    nodes = {n.id: n for n in graph.nodes if n.label in selection.kinds}
    links = [r for r in graph.relationships if r.start in nodes and r.end in nodes]
    if selection.focus:
        keep = _around(selection.focus, links, selection.depth, nodes)
        nodes = {i: n for i, n in nodes.items() if i in keep}
        links = [r for r in links if r.start in keep and r.end in keep]
    return Graph(list(nodes.values()), links)


def _around(
    focus: tuple[str, ...], links: list[Relationship], depth: int, nodes: dict[str, Node]
) -> set[str]:
    neighbours: dict[str, set[str]] = {}
    for rel in links:
        neighbours.setdefault(rel.start, set()).add(rel.end)
        neighbours.setdefault(rel.end, set()).add(rel.start)
    seen = {i for i in focus if i in nodes}
    queue = deque((i, 0) for i in seen)
    while queue:
        node_id, level = queue.popleft()
        if level == depth:
            continue
        for other in neighbours.get(node_id, ()):
            if other not in seen:
                seen.add(other)
                queue.append((other, level + 1))
    return seen


# ------------------------------------------------------------------------ placing


def layout(graph: Graph) -> dict[str, tuple[float, float]]:
    """Fixed positions (igraph's Fruchterman-Reingold, grid-accelerated on large graphs),
    scaled so that nodes sit about 100 pixels apart."""
    import igraph

    index = {n.id: i for i, n in enumerate(graph.nodes)}
    edges = {(index[r.start], index[r.end]) for r in graph.relationships}
    g = igraph.Graph(n=len(index), edges=sorted(edges))
    if not index:
        return {}
    # Fewer rounds on large graphs: igraph's grid variant settles sooner, and 500 rounds at
    # 5,000 nodes take 20 s (benchmarks/viewer.py).
    rounds = max(150, min(500, 500_000 // max(1, len(index))))
    coords = g.layout_fruchterman_reingold(niter=rounds, seed=_circle(len(index)))
    scale = 100 * math.sqrt(len(index)) / max(1e-9, _spread(coords))
    return {
        node_id: (round(coords[i][0] * scale, 1), round(coords[i][1] * scale, 1))
        for node_id, i in index.items()
    }


def _circle(n: int) -> list[list[float]]:
    """A fixed start, so that the same graph is laid out the same way every time."""
    return [[math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)] for i in range(n)]


def _spread(coords: Any) -> float:
    xs, ys = [float(c[0]) for c in coords], [float(c[1]) for c in coords]
    return max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)


# ------------------------------------------------------------------------ the page data


@dataclass(slots=True)
class Context:
    """What a page needs to know of the whole graph, beyond the part it shows: how often each
    document is cited (its size), every document's name, and which document each source file
    is (the document a quoted sentence comes from)."""

    cited: Counter[str]
    names: dict[str, str]
    files: dict[str, str]

    @classmethod
    def of(cls, whole: Graph) -> Context:
        cited = Counter(
            r.end for r in whole.relationships if r.type in (RelType.CITES, RelType.BASED_ON)
        )
        documents = [n for n in whole.nodes if n.label is Label.DOCUMENT]
        files = {str(n.properties["sourceFile"]): n.id for n in documents
                 if n.properties.get("inCorpus") and n.properties.get("sourceFile")}
        return cls(cited, {n.id: describe(n) for n in documents}, files)


def view_data(
    graph: Graph, positions: dict[str, tuple[float, float]], context: Context
) -> dict[str, Any]:
    """Nodes and edges as the viewer's script reads them."""
    names = {**context.names, **{n.id: describe(n) for n in graph.nodes}}
    nodes = [_node(n, positions.get(n.id), context.cited[n.id], names) for n in graph.nodes]
    edges = [_edge(r, names, context.files) for r in graph.relationships]
    return {"nodes": nodes, "edges": edges, "legend": legend()}


def legend() -> dict[str, list[dict[str, str]]]:
    return {
        "nodes": [
            {"kind": k, "shape": s, "color": c, "label": t} for k, (s, c, t) in STYLE.items()
        ],
        "edges": [{"type": t.value, "color": c, "label": v} for t, (c, v) in LINKS.items()],
    }


def describe(node: Node) -> str:
    """How a node is named on the page."""
    p = node.properties
    if node.label is Label.DOCUMENT:
        source = Path(str(p["sourceFile"])).name if p.get("sourceFile") else None
        return str(p.get("code") or p.get("title") or source or node.id)
    if node.label is Label.AGENCY:
        return str(p.get("name") or node.id)
    return str(p.get("path") or node.id)


def kind_of(node: Node) -> str:
    if node.label is Label.DOCUMENT:
        return "document" if node.properties.get("inCorpus") else "cited"
    return node.label.value.lower()


def _node(
    node: Node, position: tuple[float, float] | None, cited: int, names: dict[str, str]
) -> dict[str, Any]:
    kind = kind_of(node)
    shape, color, kind_label = STYLE[kind]
    details = _details(node, cited, names)
    label = names[node.id]
    entry: dict[str, Any] = {
        "id": node.id,
        "label": label if len(label) <= 40 else label[:39] + "…",
        "kind": kind,
        "shape": shape,
        "color": color,
        "value": cited if node.label is Label.DOCUMENT else 0,
        "title": "\n".join([kind_label, *(f"{k}: {v}" for k, v in details[:3])]),
        "details": [["Loại", kind_label], *details],
        "search": slug(" ".join([label, node.id, str(node.properties.get("title", ""))])),
    }
    if position is not None:
        entry["x"], entry["y"] = position
    if node.label is Label.TASK:
        entry["document"] = str(node.properties.get("documentId") or document_of(node.id))
    return entry


def _details(node: Node, cited: int, names: dict[str, str]) -> list[list[Any]]:
    p = node.properties
    rows: list[list[Any]]
    if node.label is Label.DOCUMENT:
        rows = [
            ["Số, ký hiệu", p.get("code")], ["Loại văn bản", p.get("docType")],
            ["Trích yếu", p.get("title")], ["Ngày ban hành", p.get("issuedDate")],
            ["Cơ quan ban hành", p.get("issuer")], ["Tỉnh, thành phố", p.get("province")],
            ["Có trong kho", "có" if p.get("inCorpus") else "không"],
            ["Tệp nguồn", p.get("sourceFile")], ["Số lần được trích dẫn", cited],
        ]
    elif node.label is Label.AGENCY:
        rows = [["Tên", p.get("name")]]
    else:
        doc = str(p.get("documentId") or document_of(node.id))
        rows = [
            ["Văn bản", names.get(doc, doc)], ["Mục", p.get("path")], ["Tiêu đề", p.get("title")],
            ["Loại đầu mục", concept_label(TASK_KIND, p.get("kind"))],
            ["Thời hạn", p.get("dueText") or p.get("due")], ["Nội dung", p.get("text")],
        ]
    return [[key, value] for key, value in rows if value not in (None, "")]


def _edge(rel: Relationship, names: dict[str, str], files: dict[str, str]) -> dict[str, Any]:
    color, type_label = LINKS[rel.type]
    p = rel.properties
    # The document the sentence is in: a cited document's issuer is read in the citing one.
    citing = files.get(str(p.get("sourceFile")), document_of(rel.start))
    details: list[list[Any]] = [
        ["Quan hệ", type_label],
        ["Mục đích", concept_label(INTENT, p.get("intent"))],
        ["Vai trò", concept_label(ROLE, p.get("role"))],
        ["Câu trích", p.get("quote")],
        ["Văn bản", names.get(citing, citing)],
        ["Trang", p.get("page")], ["Dòng", p.get("line")], ["Tệp", p.get("sourceFile")],
        ["Nguyên văn", p.get("asWritten")], ["Chú thích", p.get("footnote")],
    ]
    quote = str(p.get("quote") or "")
    return {
        "id": rel.id,
        "from": rel.start,
        "to": rel.end,
        "type": rel.type.value,
        "color": color,
        "arrows": "to",
        "title": type_label + (f"\n{quote[:200]}" if quote else ""),
        "details": [[k, v] for k, v in details if v not in (None, "")],
    }


# ------------------------------------------------------------------------ the page


def page(data: dict[str, Any], title: str, *, live: bool = False) -> str:
    """The HTML page. pyvis builds the vis-network data and inlines vis-network; vbgraph's
    template replaces pyvis's, which links CSS and JS frameworks from CDNs and puts node
    titles into the page as HTML."""
    import jinja2
    import pyvis
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", heading=title)
    for node in data["nodes"]:
        net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
    for edge in data["edges"]:
        net.add_edge(edge["from"], edge["to"], **{k: v for k, v in edge.items()
                                                   if k not in ("from", "to")})
    pyvis_templates = Path(pyvis.__file__).resolve().parent / "templates"
    net.templateEnv = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(ASSETS), str(pyvis_templates)]), autoescape=True
    )
    net.path = "page.html"
    net.templateEnv.globals.update(
        legend=data["legend"], live=live, options_json=json.dumps(OPTIONS),
        script=_asset("viewer.js"), style=_asset("viewer.css"),
    )
    return str(net.generate_html())


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


OPTIONS: dict[str, Any] = {
    # Positions come from `layout`: no physics, so even a large page draws at once.
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True,
                    "navigationButtons": False, "keyboard": False},
    "edges": {"smooth": False, "width": 1, "arrows": {"to": {"scaleFactor": 0.5}}},
    # Size by how often a document is cited; labels show once they are big enough to read.
    "nodes": {
        "font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1,
        "scaling": {"min": 8, "max": 40,
                    "label": {"enabled": True, "min": 12, "max": 24, "drawThreshold": 9}},
    },
}


def show(
    store: GraphStore, selection: Selection, title: str, max_nodes: int = MAX_NODES
) -> tuple[str, Graph]:
    """The page for a selection of the store's graph, and the graph it shows."""
    whole = store.graph()
    chosen = select(whole, selection)
    if len(chosen.nodes) > max_nodes:
        raise TooBig(
            f"{len(chosen.nodes)} nodes are more than a page shows smoothly ({max_nodes}): "
            "choose a part with --focus CODE --depth 1, or fewer --kind, or raise --max-nodes"
        )
    if not chosen.nodes:
        raise QueryError("nothing to show: the selection has no nodes")
    data = view_data(chosen, layout(chosen), Context.of(whole))
    return page(data, title), chosen
