"""The ontology: it parses, every term speaks Vietnamese and English, every alignment names a
real term of the vocabulary it cites, and every value the extractor can produce has a concept."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.extract.doctypes import DOC_TYPES
from vbgraph.extract.wording import HEADS
from vbgraph.graph.build import slug
from vbgraph.graph.model import Intent, Role, TaskKind
from vbgraph.graph.rdf import RdfFormat, load_rdflib, write_rdf
from vbgraph.graph.store import EmbeddedStore
from vbgraph.ontology import (
    DOCTYPE,
    ELI,
    INTENT,
    ONTOLOGY_FILE,
    ROLE,
    SHAPES_FILE,
    TASK_KIND,
    VB,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OURS = (VB, DOCTYPE, TASK_KIND, INTENT, ROLE)
# The vocabularies the ontology aligns to, with their terms: rdflib's closed namespaces are
# generated from the W3C and DCMI term lists; ELI's list is vendored from its 1.5 release.
CLOSED: tuple[type[DefinedNamespace], ...] = (ORG, PROV, DCTERMS, SKOS, FOAF, RDF, RDFS, OWL)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> rdflib.Graph:
    folder = tmp_path_factory.mktemp("corpus")
    for path in FIXTURES.glob("*"):
        if path.suffix in {".txt", ".html"}:
            shutil.copy(path, folder / path.name)
    db = folder.parent / "ontology.db"
    assert CliRunner().invoke(app, ["build", str(folder), "--db", str(db)]).exit_code == 0
    with EmbeddedStore(db) as store:
        out = io.BytesIO()
        write_rdf(store.graph(), out, RdfFormat.nt)
    return rdflib.Graph().parse(data=out.getvalue(), format="nt")


def eli_terms() -> dict[str, str]:
    """Local name -> kind ("class", "object-property", ... plus " deprecated")."""
    terms = {}
    for line in (FIXTURES / "vocab" / "eli-terms.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, kind = line.partition(" ")
            terms[name] = kind
    return terms


def labels(graph: rdflib.Graph, term: rdflib.term.Node) -> set[str | None]:
    found = [*graph.objects(term, RDFS.label), *graph.objects(term, SKOS.prefLabel)]
    return {lit.language for lit in found if isinstance(lit, rdflib.Literal)}


def ours(graph: rdflib.Graph) -> Iterator[rdflib.URIRef]:
    for term in set(graph.subjects()):
        if isinstance(term, rdflib.URIRef) and str(term).startswith(OURS):
            yield term


def test_the_ontology_declares_its_classes_and_properties(ontology: rdflib.Graph) -> None:
    vb, eli = rdflib.Namespace(VB), rdflib.Namespace(ELI)
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert {vb.Document, vb.Agency, vb.Task, vb.Evidence} <= classes
    assert (vb.Document, RDFS.subClassOf, eli.LegalResource) in ontology
    assert (vb.Task, RDFS.subClassOf, eli.LegalResourceSubdivision) in ontology
    assert (vb.Agency, RDFS.subClassOf, ORG.Organization) in ontology
    assert (vb.Evidence, RDFS.subClassOf, PROV.Entity) in ontology


def test_every_term_of_ours_has_vietnamese_and_english_labels(ontology: rdflib.Graph) -> None:
    missing = [str(t) for t in ours(ontology) if not {"vi", "en"} <= labels(ontology, t)]
    assert missing == []
    assert len(list(ours(ontology))) > 80


def test_every_term_the_export_uses_has_both_labels(
    ontology: rdflib.Graph, export: rdflib.Graph
) -> None:
    used = {p for p in export.predicates() if p != RDF.type}
    used |= set(export.objects(None, RDF.type))
    missing = sorted(str(t) for t in used if not {"vi", "en"} <= labels(ontology, t))
    assert missing == []


def _foreign_terms(graph: rdflib.Graph) -> set[rdflib.URIRef]:
    found = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef) and not str(term).startswith(OURS):
                found.add(term)
    return found


def test_every_aligned_term_is_a_real_term_of_its_vocabulary(
    ontology: rdflib.Graph, shapes: rdflib.Graph, export: rdflib.Graph
) -> None:
    eli = eli_terms()
    unknown, deprecated = [], []
    for term in _foreign_terms(ontology) | _foreign_terms(shapes) | _foreign_terms(export):
        iri = str(term)
        if iri.startswith(ELI):
            kind = eli.get(iri.removeprefix(ELI))
            if kind is None:
                unknown.append(iri)
            elif "deprecated" in kind:
                deprecated.append(iri)
            continue
        vocabulary = next((ns for ns in CLOSED if iri.startswith(str(ns))), None)
        if vocabulary is not None and iri != str(vocabulary) and term not in vocabulary:
            unknown.append(iri)
    assert unknown == []
    assert deprecated == []


def test_the_eli_term_list_is_the_real_one() -> None:
    eli = eli_terms()
    assert eli["LegalResource"] == "class"
    assert eli["ensures_implementation_of"] == "object-property"
    assert "deprecated" in eli["implements"]
    assert len(eli) > 100


def test_alignment_targets_are_used_as_their_vocabulary_defines_them(
    ontology: rdflib.Graph,
) -> None:
    """A subclass axiom names an ELI class, a subproperty axiom an ELI property."""
    eli = eli_terms()
    for predicate, kinds in ((RDFS.subClassOf, {"class"}),
                             (RDFS.subPropertyOf, {"object-property", "datatype-property"})):
        for target in ontology.objects(None, predicate):
            name = str(target).removeprefix(ELI)
            if str(target).startswith(ELI):
                assert eli[name].split()[0] in kinds, (predicate, name)


# --------------------------------------------------------------------- code lists


def _concepts(ontology: rdflib.Graph, scheme: str) -> set[str]:
    return {
        str(c) for c in ontology.subjects(SKOS.inScheme, rdflib.URIRef(scheme))
    }


def test_every_document_type_the_extractor_knows_is_a_concept(ontology: rdflib.Graph) -> None:
    names = {t.name for t in DOC_TYPES} | set(HEADS) | {"Chương trình công tác"}
    concepts = _concepts(ontology, DOCTYPE)
    assert {DOCTYPE + slug(name) for name in names} <= concepts
    for concept in concepts:
        vi = [lit for lit in ontology.objects(rdflib.URIRef(concept), SKOS.prefLabel)
              if lit.language == "vi"]
        assert len(vi) == 1 and DOCTYPE + slug(str(vi[0])) == concept


@pytest.mark.parametrize(("scheme", "values"), [
    (TASK_KIND, [k.value for k in TaskKind]),
    (INTENT, [i.value for i in Intent]),
    (ROLE, [r.value for r in Role]),
])
def test_every_kind_intent_and_role_is_a_concept(
    ontology: rdflib.Graph, scheme: str, values: list[str]
) -> None:
    assert _concepts(ontology, scheme) == {scheme + value for value in values}


def test_the_shapes_parse_and_target_the_ontology_classes(shapes: rdflib.Graph) -> None:
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes.objects(None, sh.targetClass))
    assert {rdflib.URIRef(VB + n) for n in ("Document", "Task", "Agency", "Evidence")} <= targets
    assert (None, sh.datatype, XSD.date) in shapes
    assert load_rdflib(SHAPES_FILE)
