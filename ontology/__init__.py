"""The vbgraph ontology and its SHACL shapes, and the namespaces the RDF export speaks.

`vbgraph.ttl` is the OWL ontology with the SKOS schemes of document types, task kinds,
citation intents and assignment roles; `vbgraph-shapes.ttl` says what a valid export looks like.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent
ONTOLOGY_FILE = FOLDER / "vbgraph.ttl"
SHAPES_FILE = FOLDER / "vbgraph-shapes.ttl"

ONTOLOGY_IRI = "https://w3id.org/vbgraph/ontology"
VB = ONTOLOGY_IRI + "#"
DOCTYPE = "https://w3id.org/vbgraph/doctype/"
TASK_KIND = "https://w3id.org/vbgraph/task-kind/"
INTENT = "https://w3id.org/vbgraph/intent/"
ROLE = "https://w3id.org/vbgraph/role/"
# Data IRIs: <DEFAULT_BASE>doc/208-qd-tw, <DEFAULT_BASE>agency/..., <DEFAULT_BASE>task/...
DEFAULT_BASE = "https://w3id.org/vbgraph/id/"

ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "vb": VB, "vbdt": DOCTYPE, "vbkind": TASK_KIND, "vbint": INTENT, "vbrole": ROLE,
    "eli": ELI, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "skos": SKOS,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
}


def ontology_text() -> str:
    return ONTOLOGY_FILE.read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def concepts() -> dict[str, list[tuple[Any, Any]]]:
    """Concept IRI -> its (predicate, object) pairs, for every concept of the four schemes
    (document types, task kinds, intents, roles): an export carries the ones it uses."""
    import pyoxigraph as ox

    schemes = (DOCTYPE, TASK_KIND, INTENT, ROLE)
    found: dict[str, list[tuple[Any, Any]]] = {}
    for triple in ox.parse(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE):
        subject = triple.subject
        iri = subject.value if isinstance(subject, ox.NamedNode) else ""
        if iri.startswith(schemes) and iri not in schemes:
            found.setdefault(iri, []).append((triple.predicate, triple.object))
    return found


@lru_cache(maxsize=1)
def document_types() -> dict[str, str]:
    """Concept IRI -> Vietnamese label of every document type in the scheme."""
    label = SKOS + "prefLabel"
    return {
        iri: obj.value
        for iri, pairs in concepts().items()
        if iri.startswith(DOCTYPE)
        for predicate, obj in pairs
        if predicate.value == label and getattr(obj, "language", None) == "vi"
    }


def concept_label(scheme: str, value: str | None, language: str = "vi") -> str | None:
    """The label of a concept of one of the schemes (`INTENT`, "implements" -> "Thực hiện");
    the value itself when the scheme does not list it, None for None."""
    if value is None:
        return None
    for predicate, obj in concepts().get(scheme + value, ()):
        if predicate.value == SKOS + "prefLabel" and getattr(obj, "language", None) == language:
            return str(obj.value)
    return value
