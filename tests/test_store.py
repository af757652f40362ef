"""Both stores, embedded and Neo4j: atomic per-document writes, idempotent reloads, no
orphans, and the same merge of what sources say about a node."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vbgraph.errors import StoreError
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.graph.store import EmbeddedStore, GraphStore


@pytest.fixture(
    params=["embedded", pytest.param("neo4j", marks=pytest.mark.xdist_group("neo4j"))]
)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j")
    else:
        with EmbeddedStore(tmp_path / "g.db") as embedded:
            yield embedded


def _doc_graph(doc: str, cited: list[str], title: str = "Chương trình") -> Graph:
    ev = {"sourceFile": f"{doc}.txt", "page": 1, "line": 3, "quote": "…", "offset": 0}
    task = f"task:{doc}/i"
    nodes = [
        Node(f"doc:{doc}", Label.DOCUMENT, {"title": title, "inCorpus": True}),
        Node(task, Label.TASK, {"path": "I", "documentId": f"doc:{doc}"}),
    ]
    rels = [Relationship(RelType.PART_OF, task, f"doc:{doc}", ev)]
    for i, code in enumerate(cited):
        nodes.append(Node(f"doc:{code}", Label.DOCUMENT, {"code": code, "docType": "Quy định"}))
        rels.append(Relationship(RelType.CITES, task, f"doc:{code}", {**ev, "offset": i}))
    return Graph(nodes, rels)


def _snapshot(store: GraphStore) -> tuple[list[Node], list[Relationship]]:
    return list(store.nodes()), store.relationships()


def test_replacing_a_document_leaves_no_orphans(store: GraphStore) -> None:
    store.replace_source("a.txt", "doc:a", "h1", "txt", _doc_graph("a", ["208", "137"]))
    store.replace_source("a.txt", "doc:a", "h2", "txt", _doc_graph("a", ["208"]))
    ids = {n.id for n in store.nodes()}
    assert "doc:137" not in ids
    assert "doc:208" in ids
    assert len(store.relationships(RelType.CITES)) == 1


def test_the_same_graph_twice_changes_nothing(store: GraphStore) -> None:
    store.replace_source("a.txt", "doc:a", "h1", "txt", _doc_graph("a", ["208"]))
    before = _snapshot(store)
    store.replace_source("a.txt", "doc:a", "h1", "txt", _doc_graph("a", ["208"]))
    assert _snapshot(store) == before
    assert store.is_current("a.txt", "h1")
    assert not store.is_current("a.txt", "h2")


def test_a_node_shared_by_two_documents_survives_removing_one(store: GraphStore) -> None:
    store.replace_source("a.txt", "doc:a", "h", "txt", _doc_graph("a", ["208"]))
    store.replace_source("b.txt", "doc:b", "h", "txt", _doc_graph("b", ["208"]))
    assert store.remove_source("a.txt")
    assert store.node("doc:208") is not None
    assert store.node("doc:a") is None
    assert store.remove_source("b.txt")
    assert list(store.nodes()) == []
    assert not store.remove_source("b.txt")


def test_a_documents_own_header_outranks_what_citations_say(store: GraphStore) -> None:
    own = Graph([Node("doc:208", Label.DOCUMENT, {"title": "Quy định 208", "inCorpus": True})])
    store.replace_source("z.txt", "doc:z", "h", "txt", _doc_graph("z", ["208"]))
    store.replace_source("208.txt", "doc:208", "h", "txt", own)
    node = store.node("doc:208")
    assert node is not None
    assert node.properties["title"] == "Quy định 208"
    assert node.properties["docType"] == "Quy định"  # still known from the citation


def test_a_failed_write_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    bad = _doc_graph("a", ["999"])
    bad.relationships.append(Relationship(RelType.CITES, "x", "y", {"bad": object()}))
    with EmbeddedStore(tmp_path / "g.db") as store:
        store.replace_source("a.txt", "doc:a", "h1", "txt", _doc_graph("a", ["208"]))
        before = _snapshot(store)
        with pytest.raises(TypeError):
            store.replace_source("a.txt", "doc:a", "h2", "txt", bad)
        assert _snapshot(store) == before
        assert store.is_current("a.txt", "h1")


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        EmbeddedStore(junk)
    with pytest.raises(StoreError, match=r"missing\.db"):
        EmbeddedStore(tmp_path / "missing.db", create=False)


def _citing(doc: str, subject: str) -> Graph:
    graph = _doc_graph(doc, ["208"])
    graph.nodes[-1] = Node("doc:208", Label.DOCUMENT, {"code": "208", "title": subject})
    return graph


def test_when_the_file_that_named_a_document_goes_the_next_file_names_it(
    store: GraphStore,
) -> None:
    for doc in ("c", "a", "b"):
        store.replace_source(f"{doc}.txt", f"doc:{doc}", "h", "txt", _citing(doc, f"as {doc}"))
    node = store.node("doc:208")
    assert node is not None and node.properties["title"] == "as a"  # the first file by path
    store.replace_source("a.txt", "doc:a", "h2", "txt", _doc_graph("a", []))
    node = store.node("doc:208")
    assert node is not None and node.properties["title"] == "as b"
    store.remove_source("b.txt")
    node = store.node("doc:208")
    assert node is not None and node.properties["title"] == "as c"
