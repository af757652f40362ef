"""Finding the documents a user means by what they typed: a code in any spelling
("208-qd/tw", "208 - QĐ/TW") or the title of an unnumbered document ("Điều lệ Đảng")."""

from __future__ import annotations

from vbgraph.errors import QueryError
from vbgraph.extract.codes import canonical_code
from vbgraph.graph.build import document_id, document_of, slug
from vbgraph.graph.model import Label, Node
from vbgraph.graph.store import GraphStore

__all__ = ["describe", "document_keys", "document_of", "find_documents"]


def find_documents(store: GraphStore, typed: str) -> list[Node]:
    """Every document node the user may mean; local codes match in every province."""
    exact, suffix = document_keys(typed)
    ids = store.node_ids(Label.DOCUMENT, exact=exact, suffix=suffix)
    return [node for node in map(store.node, ids) if node is not None]


def document_keys(typed: str) -> tuple[str, str]:
    """The id of the document a code or title names, and how the id of the same document ends
    in a province (a local code) or as an unnumbered document of that title."""
    typed = typed.strip()
    if not typed:
        raise QueryError("give a document code such as 208-QĐ/TW, or a title")
    code = canonical_code(typed)
    if code:
        exact = document_id(code)
        return exact, ":" + exact.removeprefix("doc:")
    key = slug(typed)
    return f"doc:file:{key}", f"named:{key}"


def describe(node: Node | None) -> str:
    """How a document is named in results: its code, else its title, else its file."""
    if node is None:
        return ""
    props = node.properties
    return str(props.get("code") or props.get("title") or props.get("sourceFile") or node.id)
