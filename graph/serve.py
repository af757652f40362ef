"""`vbgraph serve`: the viewer as a small local web app over a store (file or Neo4j).

The page is the one `vbgraph show` writes, started empty; the script asks the app for what the
user searches (`/api/search?q=`) and for a node's neighbours when it is clicked
(`/api/expand?id=`), and adds them to the view. The app binds to 127.0.0.1 unless told
otherwise, answers only requests addressed to the host it serves (no DNS rebinding), and
handles one request at a time, as a store connection is not shared between threads.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

from vbgraph.errors import QueryError
from vbgraph.graph.build import slug
from vbgraph.graph.model import Graph, Relationship
from vbgraph.graph.store import GraphStore
from vbgraph.graph.view import Context, describe, focus_ids, page, view_data

MAX_MATCHES = 30  # search results added to the view at once


class ViewerApp:
    """What the server answers, apart from HTTP: the page and the two JSON calls."""

    def __init__(self, store: GraphStore, title: str) -> None:
        self.store = store
        self.title = title
        self.context = Context.of(store.graph())
        self._page: str | None = None

    def page(self) -> str:
        if self._page is None:
            self._page = page(view_data(Graph(), {}, self.context), self.title, live=True)
        return self._page

    def search(self, text: str) -> dict[str, Any]:
        """The nodes the text names (a code, title, agency or id) or whose name holds it, each
        with its neighbours."""
        try:
            found = focus_ids(self.store, text)
        except QueryError:
            found = self._names_holding(text)
        if not found:
            raise QueryError(f"{text}: nothing in the graph by that name")
        return self._around(found[:MAX_MATCHES])

    def expand(self, node_id: str) -> dict[str, Any]:
        if self.store.node(node_id) is None:
            raise QueryError(f"{node_id}: no such node")
        return self._around([node_id])

    def _names_holding(self, text: str) -> list[str]:
        key = slug(text)
        if not key:
            return []
        return [n.id for n in self.store.nodes() if key in slug(describe(n))][:MAX_MATCHES]

    def _around(self, ids: list[str]) -> dict[str, Any]:
        links: dict[str, Relationship] = {}
        for node_id in ids:
            for rel in self.store.relationships(start=node_id) + self.store.relationships(
                end=node_id
            ):
                links[rel.id] = rel
        wanted = set(ids) | {r.start for r in links.values()} | {r.end for r in links.values()}
        nodes = [n for n in map(self.store.node, sorted(wanted)) if n is not None]
        return view_data(Graph(nodes, list(links.values())), {}, self.context)


def make_server(app: ViewerApp, host: str = "127.0.0.1", port: int = 8765) -> HTTPServer:
    """An HTTP server for the app; port 0 takes a free one (see `server.server_port`)."""
    handler = _handler(app)
    server = HTTPServer((host, port), handler)
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    handler.allowed_hosts = frozenset(f"{name}:{server.server_port}" for name in names)
    return server


class _Handler(BaseHTTPRequestHandler):
    allowed_hosts: ClassVar[frozenset[str]] = frozenset()  # host:port a request may name


def _handler(app: ViewerApp) -> type[_Handler]:
    class Handler(_Handler):
        server_version = "vbgraph"

        def do_GET(self) -> None:
            if not self._host_is_ours():
                self._send(421, "text/plain", b"wrong host")
                return
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            try:
                self._route(url.path, query)
            except QueryError as exc:
                self._json(404, {"error": str(exc)})

        def _route(self, path: str, query: dict[str, str]) -> None:
            if path == "/":
                self._send(200, "text/html; charset=utf-8", app.page().encode())
            elif path == "/api/search":
                self._json(200, app.search(query.get("q", "")))
            elif path == "/api/expand":
                self._json(200, app.expand(query.get("id", "")))
            else:
                self._send(404, "text/plain", b"not found")

        def _host_is_ours(self) -> bool:
            return self.headers.get("Host", "") in self.allowed_hosts

        def _json(self, status: int, payload: Any) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            self._send(status, "application/json; charset=utf-8", body)

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # a local tool: the terminal shows the address, not every request

    return Handler

