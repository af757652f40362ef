"""The named queries in SPARQL (queries/sparql/*.rq) answer exactly as the Python ones do on the
embedded store: over the reference corpus, and over a small made-up graph whose citation chains
go deeper than the corpus's and whose rows tie where only the store's order tells them apart.
Then `run_sparql` on its own: values stay values, errors are QueryErrors."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from vbgraph import queries
from vbgraph.cli import app
from vbgraph.errors import QueryError
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.graph.rdf import rdf_store
from vbgraph.graph.store import EmbeddedStore
from vbgraph.ontology import DEFAULT_BASE
from vbgraph.queries import sparql
from vbgraph.queries.table import Table

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = [p.name for p in sorted(FIXTURES.glob("*")) if p.suffix in {".txt", ".pdf", ".html"}]
OTHER_BASE = "http://example.org/vb#"

Stores = tuple[EmbeddedStore, ox.Store]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stores]:
    """The reference corpus in the embedded store, built as `vbgraph build` builds it, and
    the same graph's RDF form in oxigraph."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in CORPUS:
        shutil.copy(FIXTURES / name, folder / name)
    db = folder.parent / "sparql.db"
    result = CliRunner().invoke(app, ["build", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    with EmbeddedStore(db) as store:
        yield store, rdf_store(store.graph())


def coded_documents(store: EmbeddedStore) -> list[str]:
    return sorted({str(n.properties["code"]) for n in store.nodes(Label.DOCUMENT)
                   if "code" in n.properties})


def differences(pairs: Iterator[tuple[str, Table, Table]]) -> list[str]:
    """The names of the queries whose tables differ (columns, title or rows in order)."""
    return [name for name, python, sparql_ in pairs
            if (python.columns, python.title, python.rows)
            != (sparql_.columns, sparql_.title, sparql_.rows)]


# ------------------------------------------------------------------------- the corpus


def test_counts_agree(corpus: Stores) -> None:
    embedded, rdf = corpus
    assert sparql.counts(rdf) == queries.counts(embedded)


def test_most_cited_agrees(corpus: Stores) -> None:
    embedded, rdf = corpus
    expected = queries.most_cited(embedded, top=10)
    assert len(expected) == 10
    assert sparql.most_cited(rdf, top=10) == expected
    assert sparql.most_cited(rdf, top=1000) == queries.most_cited(embedded, top=1000)


def test_cites_and_trace_agree_for_every_coded_document(corpus: Stores) -> None:
    embedded, rdf = corpus
    codes = coded_documents(embedded)
    assert len(codes) >= 30, "the corpus names enough documents to compare"

    def pairs() -> Iterator[tuple[str, Table, Table]]:
        for code in codes:
            yield f"cites {code}", queries.cites(embedded, code), sparql.cites(rdf, code)
            yield (f"trace {code}", queries.trace(embedded, code, depth=3),
                   sparql.trace(rdf, code, depth=3))

    assert differences(pairs()) == []
    assert any(sparql.cites(rdf, code).rows for code in codes)
    assert any(row[0] == "cites" for code in codes for row in sparql.trace(rdf, code).rows)


def test_the_answers_do_not_depend_on_the_base(corpus: Stores) -> None:
    embedded, _ = corpus
    rdf = rdf_store(embedded.graph(), OTHER_BASE)
    code = "208-qd/tw"
    assert sparql.cites(rdf, code, OTHER_BASE) == queries.cites(embedded, code)
    assert sparql.trace(rdf, code, 2, OTHER_BASE) == queries.trace(embedded, code, 2)
    assert sparql.most_cited(rdf, 5, OTHER_BASE) == queries.most_cited(embedded, 5)


# ------------------------------------------------------------------------- a made-up graph


def doc(doc_id: str, **props: object) -> Node:
    return Node(doc_id, Label.DOCUMENT, dict(props))


def task(task_id: str, path: str, title: str = "", **props: object) -> Node:
    doc_id = "doc:" + task_id.removeprefix("task:").partition("/")[0]
    values = {"path": path, "documentId": doc_id, "kind": "item", **props}
    if title:
        values["title"] = title
    return Node(task_id, Label.TASK, values)


def cite(start: str, end: str, line: int, offset: int, intent: str | None = None) -> Relationship:
    props: dict[str, object] = {"sourceFile": "made.txt", "line": line, "offset": offset,
                                "quote": f"{start} → {end}, dòng {line}"}
    if intent:
        props["intent"] = intent
    return Relationship(RelType.CITES, start, end, props)


def link(rel_type: RelType, start: str, end: str, offset: int) -> Relationship:
    return Relationship(rel_type, start, end, {"sourceFile": "made.txt", "line": 1,
                                                "offset": offset, "quote": "..."})


MADE_UP = Graph(
    nodes=[
        doc("doc:1-nq-tw", code="1-NQ/TW", docType="Nghị quyết", title="về A", inCorpus=True,
            sourceFile="a.txt"),
        doc("doc:2-ct-tw", code="2-CT/TW", docType="Chỉ thị", inCorpus=True),
        doc("doc:hau-giang:3-kh-tu", code="3-KH/TU", docType="Kế hoạch", inCorpus=True,
            province="Hậu Giang"),
        doc("doc:3-kh-tu", code="3-KH/TU", docType="Kế hoạch"),
        doc("doc:file:so-tay", docType="Sổ tay", inCorpus=True, sourceFile="so-tay.txt"),
        doc("doc:file:so-tay2", docType="Sổ tay", inCorpus=True, sourceFile="so-tay2.txt"),
        doc("doc:named:dieu-le-dang", title="Điều lệ Đảng", docType="Điều lệ"),
        doc("doc:30-2020-nd-cp", code="30/2020/NĐ-CP", docType="Nghị định", inCorpus=True),
        doc("doc:12-2024-qd-ubnd", code="12/2024/QĐ-UBND", docType="Quyết định", inCorpus=True),
        task("task:1-nq-tw/i", "I", "Phần một"),
        task("task:1-nq-tw/i-1", "I.1"),
        task("task:1-nq-tw/i-1-2", "I.1.2", "Việc hai"),
        task("task:2-ct-tw/1", "1"),
        task("task:2-ct-tw/2", "2", "Chưa giao"),
        task("task:hau-giang:3-kh-tu/ii", "II"),
        task("task:hau-giang:3-kh-tu/ii-1", "II.1"),
        task("task:30-2020-nd-cp/dieu-1", "Điều 1"),
        task("task:file:so-tay/1", "1"),
        task("task:file:so-tay2/1", "1"),
        task("task:12-2024-qd-ubnd/dieu-1", "Điều 1"),
        Node("agency:ban-bi-thu", Label.AGENCY, {"name": "Ban Bí thư"}),
    ],
    relationships=[
        link(RelType.PART_OF, "task:1-nq-tw/i", "doc:1-nq-tw", 1),
        link(RelType.PART_OF, "task:1-nq-tw/i-1", "task:1-nq-tw/i", 2),
        link(RelType.PART_OF, "task:1-nq-tw/i-1-2", "task:1-nq-tw/i-1", 3),
        link(RelType.PART_OF, "task:hau-giang:3-kh-tu/ii-1", "task:hau-giang:3-kh-tu/ii", 4),
        link(RelType.ASSIGNED_TO, "task:1-nq-tw/i", "agency:ban-bi-thu", 5),
        link(RelType.ASSIGNED_TO, "task:2-ct-tw/1", "agency:ban-bi-thu", 6),
        link(RelType.ISSUED_BY, "doc:2-ct-tw", "agency:ban-bi-thu", 7),
        # a chain three levels deep, with a cycle back to the start
        cite("doc:1-nq-tw", "doc:2-ct-tw", 5, 40, "basedOn"),
        cite("task:1-nq-tw/i-1", "doc:2-ct-tw", 10, 100, "implements"),
        cite("task:1-nq-tw/i-1", "doc:2-ct-tw", 10, 20, "mentions"),  # ties with the one above
        cite("task:1-nq-tw/i-1-2", "doc:2-ct-tw", 11, 120, "implements"),
        cite("task:2-ct-tw/1", "doc:hau-giang:3-kh-tu", 3, 30, "implements"),
        cite("task:2-ct-tw/2", "doc:3-kh-tu", 4, 35, "reviews"),
        cite("task:hau-giang:3-kh-tu/ii-1", "doc:1-nq-tw", 7, 70, "guides"),
        cite("task:hau-giang:3-kh-tu/ii-1", "doc:named:dieu-le-dang", 8, 80),
        cite("task:hau-giang:3-kh-tu/ii", "doc:99-qd-tw", 2, 22, "mentions"),  # no such node
        cite("doc:file:so-tay", "doc:30-2020-nd-cp", 1, 10, "mentions"),
        cite("doc:file:so-tay", "doc:1-nq-tw", 2, 15, "implements"),
        cite("task:12-2024-qd-ubnd/dieu-1", "doc:30-2020-nd-cp", 3, 5, "basedOn"),
        # "so-tay/" comes before "so-tay2" in node ids, after it in IRIs ("so-tay:" in ids
        # would also come after): the store's order is the ids'
        cite("task:file:so-tay2/1", "doc:2-ct-tw", 1, 1, "mentions"),
        cite("task:file:so-tay/1", "doc:2-ct-tw", 1, 1, "mentions"),
    ],
)


@pytest.fixture(scope="module")
def made_up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stores]:
    db = tmp_path_factory.mktemp("made-up") / "made-up.db"
    with EmbeddedStore(db) as store:
        store.replace_source("made.txt", "doc:1-nq-tw", "0", "txt", MADE_UP)
        yield store, rdf_store(store.graph())


TYPED = ["1-nq/tw", "2-CT/TW", "3-kh/tu", "30/2020/nđ-cp", "Điều lệ Đảng", "Sổ tay",
         "12/2024/QĐ-UBND"]


def test_a_deeper_graph_gets_the_same_answers(made_up: Stores) -> None:
    embedded, rdf = made_up
    assert len(queries.cites(embedded, "3-kh/tu")) == 2, "a local code found in two places"

    def pairs() -> Iterator[tuple[str, Table, Table]]:
        for typed in TYPED:
            yield f"cites {typed}", queries.cites(embedded, typed), sparql.cites(rdf, typed)
            for depth in (1, 2, 3, 5):
                yield (f"trace {typed} {depth}", queries.trace(embedded, typed, depth),
                       sparql.trace(rdf, typed, depth))
        yield "counts", queries.counts(embedded), sparql.counts(rdf)
        for top in (1, 3, 100):
            yield f"most_cited {top}", queries.most_cited(embedded, top), sparql.most_cited(
                rdf, top)

    assert differences(pairs()) == []
    assert max(row[1] for row in sparql.trace(rdf, "1-nq/tw", 5).rows) == 3
    assert "" in {row[0] for row in sparql.most_cited(rdf, 100).rows}, "a missing node"


@pytest.mark.parametrize("query", [sparql.cites, sparql.trace])
@pytest.mark.parametrize("typed", ["999-nq/tw", "no such title", "  "])
def test_what_matches_no_document_is_an_error(
    made_up: Stores, query: Callable[[ox.Store, str], Table], typed: str
) -> None:
    _, rdf = made_up
    with pytest.raises(QueryError):
        query(rdf, typed)


def test_trace_needs_a_depth(made_up: Stores) -> None:
    with pytest.raises(QueryError, match="--depth"):
        sparql.trace(made_up[1], "1-nq/tw", 0)


# ------------------------------------------------------------------------- the query files


def test_every_query_file_says_what_it_answers_and_what_is_bound() -> None:
    files = sorted(sparql.FOLDER.glob("*.rq"))
    assert {f.name for f in files} >= {"cites.rq", "trace.rq", "counts.rq", "most-cited.rq"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith(f"# {path.name}: "), path.name
        assert "# The caller binds" in text, path.name


# ------------------------------------------------------------------------- run_sparql

CODE_OF = "SELECT ?doc ?code WHERE { ?doc vb:code ?code }"


def test_values_are_bound_not_spliced(made_up: Stores) -> None:
    _, rdf = made_up
    found = sparql.run_sparql(rdf, CODE_OF, {"code": "2-CT/TW"})
    assert found.columns == ["doc", "code"]
    assert found.rows == [[DEFAULT_BASE + "doc/2-ct-tw", "2-CT/TW"]]
    for hostile in ['2-CT/TW" } ; DROP ALL ; SELECT * { ?s ?p "', "2-CT/TW' }",
                    "} ; DROP ALL", '"2-CT/TW"']:
        assert sparql.run_sparql(rdf, CODE_OF, {"code": hostile}).rows == []
    assert len(rdf) == len(rdf_store(MADE_UP))


def test_document_types_are_named_where_the_store_has_no_labels(made_up: Stores) -> None:
    embedded, rdf = made_up
    unlabelled = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    unlabelled.extend(quad for quad in rdf if quad.predicate != label)
    expected = queries.most_cited(embedded, 100)
    assert "Chỉ thị" in {row[1] for row in expected.rows}
    assert sparql.most_cited(unlabelled, 100) == expected


def test_values_take_their_type(made_up: Stores) -> None:
    _, rdf = made_up
    query = "SELECT ?d ?flag WHERE { ?d vb:inCorpus ?flag }"
    loaded = [n for n in MADE_UP.nodes if n.properties.get("inCorpus")]
    assert len(sparql.run_sparql(rdf, query, {"flag": True}).rows) == len(loaded)
    assert sparql.run_sparql(rdf, query, {"flag": "true"}).rows == []
    iri = f"<{DEFAULT_BASE}doc/1-nq-tw>"
    lines = "SELECT ?e ?line ?d WHERE { ?e rdf:predicate eli:cites; rdf:object ?d; vb:line ?line }"
    assert sorted(row[1] for row in sparql.run_sparql(rdf, lines, {"d": iri}).rows) == [2, 7]
    assert sparql.run_sparql(rdf, lines, {"d": iri, "line": 7}).rows[0][1:] == [
        7, iri.strip("<>")
    ]
    with pytest.raises(QueryError, match="not an absolute IRI"):
        sparql.run_sparql(rdf, lines, {"d": "<not an iri>"})


def test_a_syntax_error_is_a_one_line_query_error(made_up: Stores) -> None:
    with pytest.raises(QueryError) as error:
        sparql.run_sparql(made_up[1], "SELECT ?x WHERE { ?x ", {})
    assert str(error.value).startswith("SPARQL syntax error: ")
    assert "\n" not in str(error.value)


def test_a_bound_variable_must_be_selected(made_up: Stores) -> None:
    with pytest.raises(QueryError, match=r"\?code"):
        sparql.run_sparql(made_up[1], "SELECT ?doc WHERE { ?doc vb:code ?code }",
                          {"code": "2-CT/TW"})


def test_ask_and_construct(made_up: Stores) -> None:
    _, rdf = made_up
    ask = "ASK { ?doc vb:code ?code }"
    assert sparql.run_sparql(rdf, ask, {"code": "1-NQ/TW"}) == Table(
        ["ask"], [[True]], "SPARQL")
    assert sparql.run_sparql(rdf, ask, {"code": "1-NQ/TW } "}).rows == [[False]]
    built = sparql.run_sparql(
        rdf, "CONSTRUCT { ?doc rdfs:label ?code } WHERE { ?doc vb:code ?code }", {})
    assert built.columns == ["subject", "predicate", "object"]
    assert [DEFAULT_BASE + "doc/1-nq-tw", "http://www.w3.org/2000/01/rdf-schema#label",
            "1-NQ/TW"] in built.rows
