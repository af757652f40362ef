"""The RDF export: stable IRIs, a round trip through every format, and SHACL validation of the
reference corpus (and failure of graphs broken on purpose)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.graph.model import Graph, Label, RelType
from vbgraph.graph.rdf import (
    RdfFormat,
    load_rdflib,
    node_id,
    node_iri,
    rdf_store,
    read_rdf,
    write_rdf,
)
from vbgraph.graph.store import EmbeddedStore
from vbgraph.ontology.shapes import validate

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = [p for p in sorted(FIXTURES.glob("*")) if p.suffix in {".txt", ".pdf", ".html"}]
VB = rdflib.Namespace("https://w3id.org/vbgraph/ontology#")
ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
DATA = "https://w3id.org/vbgraph/id/"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for path in CORPUS:
        shutil.copy(path, folder / path.name)
    db = folder.parent / "rdf.db"
    code, _, err = run("build", str(folder), "--db", str(db))
    assert code == 0, err
    return db


@pytest.fixture(scope="module")
def graph(corpus_db: Path) -> Graph:
    with EmbeddedStore(corpus_db) as store:
        return store.graph()


@pytest.fixture(scope="module")
def data(graph: Graph) -> rdflib.Graph:
    return load_rdflib(graph)


def exported(graph: Graph, fmt: RdfFormat) -> bytes:
    out = io.BytesIO()
    write_rdf(graph, out, fmt)
    return out.getvalue()


# ------------------------------------------------------------------------------ IRIs


def test_node_iris_are_read_off_codes_and_names() -> None:
    assert node_iri("doc:208-qd-tw") == DATA + "doc/208-qd-tw"
    assert node_iri("doc:hau-giang:06-da-tu") == DATA + "doc/hau-giang/06-da-tu"
    assert node_iri("agency:tinh-uy-hau-giang") == DATA + "agency/tinh-uy-hau-giang"
    task = "task:file:hau-giang-q4-2024/ii-1-2"
    assert node_iri(task) == DATA + "task/file/hau-giang-q4-2024/ii-1-2"
    assert node_iri("doc:208-qd-tw", "http://example.org/vb/") == "http://example.org/vb/doc/208-qd-tw"


slugs = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True)
doc_ids = st.one_of(
    slugs.map(lambda s: f"doc:{s}"),
    st.tuples(slugs, slugs).map(lambda t: f"doc:{t[0]}:{t[1]}"),
    slugs.map(lambda s: f"doc:named:{s}"),
    slugs.map(lambda s: f"doc:file:{s}"),
)
node_ids = st.one_of(
    doc_ids,
    slugs.map(lambda s: f"agency:{s}"),
    st.tuples(doc_ids, slugs).map(lambda t: f"task:{t[0].removeprefix('doc:')}/{t[1]}"),
)


@given(node_ids)
def test_every_node_id_comes_back_from_its_iri(found: str) -> None:
    assert node_id(node_iri(found)) == found


def test_the_same_graph_gives_the_same_bytes(graph: Graph) -> None:
    assert exported(graph, RdfFormat.ttl) == exported(graph, RdfFormat.ttl)


# ------------------------------------------------------------------------ round trip


def _key(graph: Graph) -> tuple[list[object], list[object]]:
    nodes = sorted((n.id, n.label, sorted(n.properties.items())) for n in graph.nodes)
    rels = sorted((r.id, r.type, sorted(r.properties.items())) for r in graph.relationships)
    return nodes, rels


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_round_trip_gives_the_same_graph_and_an_isomorphic_export(
    graph: Graph, fmt: RdfFormat, tmp_path: Path
) -> None:
    first = tmp_path / f"first.{fmt.value}"
    first.write_bytes(exported(graph, fmt))
    back = read_rdf(first, fmt)
    assert _key(back) == _key(graph)
    second = tmp_path / f"second.{fmt.value}"
    second.write_bytes(exported(back, fmt))
    assert isomorphic(load_rdflib(first), load_rdflib(second))
    assert len(load_rdflib(first)) > 5 * len(graph.relationships)


def test_every_format_holds_the_same_triples(graph: Graph, tmp_path: Path) -> None:
    parsed = []
    for fmt in RdfFormat:
        path = tmp_path / f"graph.{fmt.value}"
        path.write_bytes(exported(graph, fmt))
        parsed.append(load_rdflib(path))
    assert all(isomorphic(parsed[0], other) for other in parsed[1:])


# ------------------------------------------------------------------------- content


def test_implementing_citations_become_eli_implementation_links(
    graph: Graph, data: rdflib.Graph
) -> None:
    implementing = {
        (rdflib.URIRef(node_iri(r.start)), rdflib.URIRef(node_iri(r.end)))
        for r in graph.relationships
        if r.type is RelType.CITES and r.properties.get("intent") == "implements"
    }
    assert len(implementing) > 10
    assert set(data.subject_objects(ELI.ensures_implementation_of)) == implementing


def test_every_citation_keeps_its_sentence_page_and_line(graph: Graph, data: rdflib.Graph) -> None:
    rows = {
        (str(s), str(o), str(quote), int(line))
        for s, o, quote, line in data.query(
            """SELECT ?s ?o ?quote ?line WHERE {
                   ?ev a vb:Evidence ; rdf:subject ?s ; rdf:predicate eli:cites ; rdf:object ?o ;
                       vb:quote ?quote ; vb:line ?line .
               }""",
            initNs={"eli": ELI, "vb": VB, "rdf": rdflib.RDF},
        )
    }
    expected = {
        (node_iri(r.start), node_iri(r.end), r.properties["quote"], r.properties["line"])
        for r in graph.relationships
        if r.type is RelType.CITES
    }
    assert rows == expected


def test_document_types_are_concepts_with_vietnamese_labels(data: rdflib.Graph) -> None:
    skos = rdflib.namespace.SKOS
    types = set(data.objects(None, ELI.type_document))
    assert rdflib.URIRef("https://w3id.org/vbgraph/doctype/chi-thi") in types
    ontology = rdflib.Graph().parse(FIXTURES.parent.parent / "ontology" / "vbgraph.ttl")
    for concept in types:
        labels = {lit.language for lit in ontology.objects(concept, skos.prefLabel)}
        assert {"vi", "en"} <= labels, concept


def test_sparql_store_answers_over_the_export(graph: Graph) -> None:
    store = rdf_store(graph)
    count = next(iter(store.query(
        f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{VB.Document}> }}"
    )))["n"]
    assert int(count.value) == sum(1 for n in graph.nodes if n.label is Label.DOCUMENT)


# ------------------------------------------------------------------------ SHACL


def test_reference_corpus_export_conforms_to_the_shapes(data: rdflib.Graph) -> None:
    result = validate(data)
    assert result.conforms, "\n".join(result.problems[:20])


def _broken(data: rdflib.Graph) -> rdflib.Graph:
    copy = rdflib.Graph()
    copy += data
    return copy


@pytest.fixture(scope="module")
def broken(data: rdflib.Graph) -> tuple[dict[str, rdflib.term.Node], list[str]]:
    """One copy of the export with five faults, each on a node of its own, and what pySHACL
    says of it (one validation run instead of five)."""
    copy = _broken(data)
    dated = next(data.subjects(ELI.date_document, None))
    copy.add((dated, ELI.date_document, rdflib.Literal("1999-01-01", datatype=rdflib.XSD.date)))
    tasks = sorted(data.subjects(rdflib.RDF.type, VB.Task))
    agency = next(data.subjects(rdflib.RDF.type, VB.Agency))
    copy.add((tasks[0], ELI.cites, agency))
    copy.remove((tasks[1], VB.document, None))
    citing, cited = sorted(data.subject_objects(ELI.cites))[0]
    copy.remove((citing, ELI.cites, cited))
    untyped = next(d for d in sorted(set(data.objects(None, ELI.cites))) if d not in (dated, cited))
    copy.remove((untyped, ELI.type_document, None))
    faults = {"dated": dated, "agency": agency, "orphan": tasks[1], "untyped": untyped}
    return faults, validate(copy).problems


def test_a_second_issue_date_fails(broken: tuple[dict[str, rdflib.term.Node], list[str]]) -> None:
    faults, problems = broken
    assert any(p.startswith(str(faults["dated"])) and "at most one issue date" in p
               for p in problems)


def test_a_citation_of_an_agency_fails(
    broken: tuple[dict[str, rdflib.term.Node], list[str]],
) -> None:
    faults, problems = broken
    assert any(p.startswith(str(faults["agency"])) and "has a type" in p for p in problems)


def test_a_cited_document_without_a_type_fails(
    broken: tuple[dict[str, rdflib.term.Node], list[str]],
) -> None:
    faults, problems = broken
    assert any(p.startswith(str(faults["untyped"])) and "Every cited document has a type" in p
               for p in problems)


def test_evidence_for_a_missing_link_fails(
    broken: tuple[dict[str, rdflib.term.Node], list[str]],
) -> None:
    _, problems = broken
    assert any("link this evidence supports is missing" in p for p in problems)


def test_a_task_without_its_document_fails(
    broken: tuple[dict[str, rdflib.term.Node], list[str]],
) -> None:
    faults, problems = broken
    assert any(p.startswith(str(faults["orphan"])) and "exactly one document" in p
               for p in problems)


# --------------------------------------------------------------------------- CLI


@pytest.mark.parametrize(("name", "fmt"), [
    ("g.ttl", "turtle"), ("g.nt", "nt"), ("g.jsonld", "json-ld"), ("g.rdf", "xml"),
])
def test_export_picks_the_format_from_the_file_name(
    corpus_db: Path, tmp_path: Path, name: str, fmt: str
) -> None:
    out = tmp_path / name
    code, _, err = run("export", "--db", str(corpus_db), "-o", str(out))
    assert code == 0, err
    assert len(rdflib.Graph().parse(out, format=fmt)) > 1000


def test_export_base_iri_and_its_errors(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.nt"
    code, _, _ = run("export", "--db", str(corpus_db), "-o", str(out),
                     "--base", "http://example.org/vb/")
    assert code == 0
    assert "<http://example.org/vb/doc/208-qd-tw>" in out.read_text(encoding="utf-8")
    for bad in ["not an iri", "http://example.org/vb"]:
        code, _, err = run("export", "--db", str(corpus_db), "-o", str(tmp_path / "x.ttl"),
                           "--base", bad)
        assert code == 4
        assert err.startswith(f"Error: --base {bad}:") and err.count("\n") == 1
    assert not (tmp_path / "x.ttl").exists()


def test_validate_command_passes_a_good_export_and_lists_a_bad_one(
    corpus_db: Path, data: rdflib.Graph, tmp_path: Path
) -> None:
    good = tmp_path / "good.ttl"
    assert run("export", "--db", str(corpus_db), "-o", str(good))[0] == 0
    code, _, err = run("validate", str(good))
    assert code == 0 and "valid" in err
    broken = _broken(data)
    task = next(data.subjects(rdflib.RDF.type, VB.Task))
    broken.remove((task, VB.path, None))
    bad = tmp_path / "bad.nt"
    broken.serialize(bad, format="nt")
    code, out, err = run("validate", str(bad), "-f", "csv")
    assert code == 1
    assert str(task) in out
    assert err.strip() == f"Error: {bad}: 1 SHACL violation(s)"


def test_unreadable_rdf_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    code, _, err = run("validate", str(bad))
    assert code == 2
    assert err.startswith(f"Error: {bad}: not valid Turtle") and err.count("\n") == 1
    code, _, err = run("validate", str(tmp_path / "graph.csv"))
    assert code == 2 and "unknown RDF file type" in err


def test_ontology_command_writes_the_ontology_and_the_shapes(tmp_path: Path) -> None:
    owl = tmp_path / "vbgraph.owl"
    assert run("ontology", "-o", str(owl))[0] == 0
    parsed = rdflib.Graph().parse(owl, format="xml")
    assert (VB.Document, rdflib.RDF.type, rdflib.OWL.Class) in parsed
    code, out, _ = run("ontology", "--shapes")
    assert code == 0
    shapes = rdflib.Graph().parse(data=out, format="turtle")
    assert any(shapes.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#NodeShape")))


# ------------------------------------------------------------------------ SPARQL


GUIDE = FIXTURES.parent.parent / "docs" / "rdf.md"


def sparql_blocks() -> list[str]:
    import re

    return re.findall(r"^```sparql\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)


def test_every_sparql_example_of_the_guide_answers(graph: Graph) -> None:
    from vbgraph.queries.sparql import run_sparql

    store = rdf_store(graph)
    blocks = sparql_blocks()
    assert len(blocks) >= 4
    for query in blocks:
        params = {"code": "208-QĐ/TW"} if "$code" in query else {}
        table = run_sparql(store, query, params)
        assert table.rows, query


@pytest.mark.parametrize("query", [["cites", "208-qd/tw"], ["trace", "208-QĐ/TW"],
                                   ["uncovered"], ["stats", "--top", "20"]])
def test_named_queries_answer_the_same_from_an_export(
    corpus_db: Path, tmp_path: Path, query: list[str]
) -> None:
    export = tmp_path / "graph.jsonld"
    assert run("export", "--db", str(corpus_db), "-o", str(export))[0] == 0
    from_store = run(*query, "--db", str(corpus_db), "-f", "json")
    from_rdf = run(*query, "--data", str(export), "-f", "json")
    assert from_store[0] == 0
    assert from_rdf == from_store


def test_sparql_command_binds_values_and_reports_errors(corpus_db: Path) -> None:
    query = "SELECT ?title $code WHERE { ?d vb:code $code ; dcterms:title ?title }"
    code, out, _ = run("sparql", query, "-p", "code=208-QĐ/TW", "--db", str(corpus_db),
                       "-f", "csv")
    assert code == 0 and out.count("\n") == 2
    code, out, _ = run("sparql", query, "-p", 'code=208-QĐ/TW" } ; DROP ALL ; {', "--db",
                       str(corpus_db), "-f", "csv")
    assert code == 0 and out.strip() == "title,code"
    code, _, err = run("sparql", "SELECT ?d WHERE { ?d vb:code $code }", "-p", "code=x",
                       "--db", str(corpus_db))
    assert code == 4 and err.startswith("Error: --param code: a value can only be bound")
    code, _, err = run("sparql", "SELECT ?x WHERE {", "--db", str(corpus_db))
    assert code == 4 and err.startswith("Error: SPARQL syntax error") and err.count("\n") == 1
    code, _, err = run("sparql", "missing.rq", "--db", str(corpus_db))
    assert code == 4 and err.startswith("Error: missing.rq: cannot read")
