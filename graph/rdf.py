"""The graph as RDF, in the vocabulary of `ontology/vbgraph.ttl`.

- A node becomes a resource whose IRI is read off its id, so the same document gets the same
  IRI on every run and machine: `doc:hau-giang:06-da-tu` -> `<base>doc/hau-giang/06-da-tu`.
- A relationship becomes a direct triple (`task eli:cites doc`) and a `vb:Evidence` resource
  that names the same triple (`rdf:subject`, `rdf:predicate`, `rdf:object`) and carries the
  relationship's properties: the quoted sentence, file, page, line, intent or role.
- A citation made to implement a document also gives `eli:ensures_implementation_of`, so
  what implements what can be asked in SPARQL.

Triples are made one at a time and handed to pyoxigraph's serialisers, so writing a large
graph holds no second copy of it: only the node IRIs and the keys of the direct links already
written (two sentences may give the same link). `read_rdf` turns an export back into a
`Graph`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import pyoxigraph as ox

from vbgraph.errors import LoadError, QueryError
from vbgraph.graph.build import document_of, slug
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.ontology import (
    DCTERMS,
    DEFAULT_BASE,
    DOCTYPE,
    ELI,
    INTENT,
    PREFIXES,
    PROV,
    RDF,
    ROLE,
    SKOS,
    TASK_KIND,
    VB,
    XSD,
    concepts,
    document_types,
)

if TYPE_CHECKING:
    import rdflib


class RdfFormat(StrEnum):
    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    xml = "xml"

    @property
    def oxigraph(self) -> ox.RdfFormat:
        return _OX_FORMATS[self]

    @classmethod
    def of(cls, path: str | Path) -> RdfFormat:
        """The format a file name says (.ttl, .jsonld/.json, .nt, .rdf/.xml/.owl)."""
        found = _SUFFIXES.get(Path(path).suffix.lower())
        if found is None:
            raise LoadError(str(path), "unknown RDF file type (expected .ttl, .jsonld, .nt, .rdf)")
        return found


_OX_FORMATS = {
    RdfFormat.ttl: ox.RdfFormat.TURTLE,
    RdfFormat.jsonld: ox.RdfFormat.JSON_LD,
    RdfFormat.nt: ox.RdfFormat.N_TRIPLES,
    RdfFormat.xml: ox.RdfFormat.RDF_XML,
}
_FORMAT_NAMES = {
    RdfFormat.ttl: "Turtle", RdfFormat.jsonld: "JSON-LD", RdfFormat.nt: "N-Triples",
    RdfFormat.xml: "RDF/XML",
}
_SUFFIXES = {
    ".ttl": RdfFormat.ttl, ".jsonld": RdfFormat.jsonld, ".json": RdfFormat.jsonld,
    ".nt": RdfFormat.nt, ".rdf": RdfFormat.xml, ".xml": RdfFormat.xml, ".owl": RdfFormat.xml,
}


@dataclass(frozen=True, slots=True)
class Field:
    """How one property key of the graph model is written in RDF. `kind` is `text` (plain
    string), `vi` (Vietnamese text, tagged @vi), `date`, `bool`, `int`, `concept` (an IRI in
    the SKOS scheme `scheme`) or `node` (the IRI of another node)."""

    key: str
    predicate: str
    kind: str = "text"
    scheme: str = ""


DOCUMENT_FIELDS = (
    Field("code", VB + "code"),
    Field("docType", ELI + "type_document", "concept", DOCTYPE),
    Field("number", VB + "number"),
    Field("symbol", VB + "symbol"),
    Field("issuedDate", ELI + "date_document", "date"),
    Field("title", DCTERMS + "title", "vi"),
    Field("issuer", VB + "issuerName", "vi"),
    Field("province", VB + "province"),
    Field("place", VB + "place"),
    Field("inCorpus", VB + "inCorpus", "bool"),
    Field("sourceFile", VB + "sourceFile"),
    Field("format", VB + "sourceFormat"),
    Field("signedOnBehalfOf", VB + "signedOnBehalfOf", "vi"),
    Field("signerPosition", VB + "signerPosition", "vi"),
    Field("signer", VB + "signer"),
)
AGENCY_FIELDS = (Field("name", SKOS + "prefLabel", "vi"),)
TASK_FIELDS = (
    Field("path", VB + "path"),
    Field("title", DCTERMS + "title", "vi"),
    Field("kind", ELI + "type_subdivision", "concept", TASK_KIND),
    Field("text", VB + "text", "vi"),
    Field("documentId", VB + "document", "node"),
    Field("due", VB + "due"),
    Field("dueText", VB + "dueText", "vi"),
)
EVIDENCE_FIELDS = (
    Field("intent", VB + "intent", "concept", INTENT),
    Field("role", VB + "role", "concept", ROLE),
    Field("asWritten", VB + "asWritten", "vi"),
    Field("footnote", VB + "footnote", "vi"),
    Field("quote", VB + "quote", "vi"),
    Field("sourceFile", VB + "sourceFile"),
    Field("page", VB + "page", "int"),
    Field("line", VB + "line", "int"),
    Field("offset", VB + "offset", "int"),
)
NODE_FIELDS = {
    Label.DOCUMENT: DOCUMENT_FIELDS, Label.AGENCY: AGENCY_FIELDS, Label.TASK: TASK_FIELDS,
}
CLASSES = {Label.DOCUMENT: VB + "Document", Label.AGENCY: VB + "Agency", Label.TASK: VB + "Task"}
EVIDENCE_CLASS = VB + "Evidence"
PREDICATES = {
    RelType.CITES: ELI + "cites",
    RelType.BASED_ON: ELI + "based_on",
    RelType.ISSUED_BY: ELI + "passed_by",
    RelType.PART_OF: ELI + "is_part_of",
    RelType.ASSIGNED_TO: VB + "assignedTo",
    RelType.ADDRESSED_TO: VB + "addressedTo",
}
IMPLEMENTS = ELI + "ensures_implementation_of"
QUOTED_FROM = PROV + "wasQuotedFrom"
TYPE = RDF + "type"
_LINKS = {*PREDICATES.values(), IMPLEMENTS}  # read back from the evidence, not the node

# Vocabulary IRIs recur on every node and link: make each NamedNode once.
_N = cache(ox.NamedNode)
_TYPE, _XSD_DATE = _N(TYPE), _N(XSD + "date")
_XSD_BOOL, _XSD_INT = _N(XSD + "boolean"), _N(XSD + "integer")
_SUBJECT, _PREDICATE, _OBJECT = _N(RDF + "subject"), _N(RDF + "predicate"), _N(RDF + "object")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# ------------------------------------------------------------------------- IRIs


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> str:
    """`doc:hau-giang:06-da-tu` -> `<base>doc/hau-giang/06-da-tu`; ids are slugs, so the
    quoting only guards against ids made elsewhere."""
    return base + quote(node_id.replace(":", "/"), safe="/-._~")


def node_id(iri: str, base: str = DEFAULT_BASE) -> str | None:
    """The node id an IRI of `node_iri` stands for (None: not a node IRI of this base). A task
    id keeps its one "/", the one before its heading path."""
    if not iri.startswith(base):
        return None
    path = unquote(iri[len(base):])
    if path.startswith("task/"):
        head, _, heading = path.rpartition("/")
        return head.replace("/", ":") + "/" + heading
    if path.startswith(("doc/", "agency/")):
        return path.replace("/", ":")
    return None


def evidence_iri(rel: Relationship, base: str = DEFAULT_BASE) -> str:
    return f"{base}evidence/{hashlib.sha1(rel.id.encode(), usedforsecurity=False).hexdigest()[:20]}"


def concept_iri(scheme: str, value: str) -> str:
    return scheme + (slug(value) if scheme == DOCTYPE else quote(value, safe=""))


def check_base(base: str | None) -> str:
    """The namespace node IRIs are made in: `base` if it is an absolute IRI ending in / or #."""
    if base is None:
        return DEFAULT_BASE
    try:
        ox.NamedNode(base)
    except ValueError:
        raise QueryError(f"--base {base}: not an absolute IRI") from None
    if not base.endswith(("/", "#")) or ":" not in base:
        raise QueryError(f"--base {base}: must be an absolute IRI ending in / or #")
    return base


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    data = {"doc": "doc/", "agency": "agency/", "task": "task/", "ev": "evidence/"}
    return {**PREFIXES, **{name: base + path for name, path in data.items()}}


# ------------------------------------------------------------------------- writing


def triples(graph: Graph, base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """Every triple of the graph's RDF form, made lazily in node then relationship order."""
    iris: dict[str, ox.NamedNode] = {}

    def iri(node_id: str) -> ox.NamedNode:
        found = iris.get(node_id)
        if found is None:
            found = iris[node_id] = ox.NamedNode(node_iri(node_id, base))
        return found

    used: set[str] = set()
    links: set[tuple[str, str, str]] = set()
    new_types: dict[str, str] = {}
    for node in graph.nodes:
        subject = iri(node.id)
        yield ox.Triple(subject, _TYPE, _N(CLASSES[node.label]))
        yield from _fields(subject, node.properties, NODE_FIELDS[node.label], iri, used)
        doc_type = node.properties.get("docType")
        if doc_type and concept_iri(DOCTYPE, doc_type) not in document_types():
            new_types[concept_iri(DOCTYPE, doc_type)] = doc_type
    for rel in graph.relationships:
        yield from _relationship(rel, base, iri, used, links)
    yield from _concepts(used, new_types)


def _fields(
    subject: ox.NamedNode,
    props: dict[str, Any],
    fields: tuple[Field, ...],
    iri: Any,
    used: set[str],
) -> Iterator[ox.Triple]:
    done = set()
    for field in fields:
        value = props.get(field.key)
        if value is None:
            continue
        done.add(field.key)
        term = _term(field, value, iri)
        if field.kind == "concept":
            used.add(term.value)
        yield ox.Triple(subject, _N(field.predicate), term)
    for key, value in props.items():  # keys added to the model later still travel
        if key not in done and value is not None:
            yield ox.Triple(subject, _N(VB + key), _literal(value))


def _term(field: Field, value: Any, iri: Any) -> ox.NamedNode | ox.Literal:
    kind = field.kind
    if kind == "vi":
        return ox.Literal(str(value), language="vi")
    if kind == "concept":
        return _N(concept_iri(field.scheme, str(value)))
    if kind == "node":
        return iri(str(value))  # type: ignore[no-any-return]
    if kind == "date" and _ISO_DATE.fullmatch(str(value)):
        return ox.Literal(str(value), datatype=_XSD_DATE)
    return _literal(value)


def _literal(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_XSD_BOOL)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_XSD_INT)
    return ox.Literal(str(value))


def _concepts(used: set[str], new_types: dict[str, str]) -> Iterator[ox.Triple]:
    """The concepts the graph uses, with their labels, so that an export reads on its own; a
    document type the scheme does not list yet still gets a labelled concept."""
    known = concepts()
    for concept in sorted(used):
        subject = _N(concept)
        for predicate, obj in known.get(concept, ()):
            yield ox.Triple(subject, predicate, obj)
    for concept, label in sorted(new_types.items()):
        subject = _N(concept)
        yield ox.Triple(subject, _TYPE, _N(VB + "DocumentType"))
        yield ox.Triple(subject, _N(SKOS + "inScheme"), _N(DOCTYPE))
        yield ox.Triple(subject, _N(SKOS + "prefLabel"), ox.Literal(label, language="vi"))


def _relationship(
    rel: Relationship, base: str, iri: Any, used: set[str], links: set[tuple[str, str, str]]
) -> Iterator[ox.Triple]:
    """The direct link (once, though two sentences may give it) and the evidence."""
    start, end, predicate = iri(rel.start), iri(rel.end), _N(PREDICATES[rel.type])
    direct = [predicate.value]
    if rel.type is RelType.CITES and rel.properties.get("intent") == "implements":
        direct.append(IMPLEMENTS)
    for link in direct:
        if (rel.start, link, rel.end) not in links:
            links.add((rel.start, link, rel.end))
            yield ox.Triple(start, _N(link), end)
    evidence = ox.NamedNode(evidence_iri(rel, base))
    yield ox.Triple(evidence, _TYPE, _N(EVIDENCE_CLASS))
    yield ox.Triple(evidence, _SUBJECT, start)
    yield ox.Triple(evidence, _PREDICATE, predicate)
    yield ox.Triple(evidence, _OBJECT, end)
    yield ox.Triple(evidence, _N(QUOTED_FROM), iri(document_of(rel.start)))
    yield from _fields(evidence, rel.properties, EVIDENCE_FIELDS, iri, used)


def write_rdf(
    graph: Graph, out: IO[bytes], fmt: RdfFormat, base: str = DEFAULT_BASE
) -> None:
    """Serialise the graph to `out` in `fmt` as the triples are made."""
    ox.serialize(triples(graph, base), out, fmt.oxigraph, prefixes=prefixes(base))


# ------------------------------------------------------------------------- reading


def read_rdf(path: str | Path, fmt: RdfFormat, base: str = DEFAULT_BASE) -> Graph:
    """The graph an export describes. Derived triples (the direct links, implementation
    links, quoted-from) are read back from the evidence, which holds everything."""
    subjects: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list)
    )
    try:
        for triple in ox.parse(path=str(path), format=fmt.oxigraph, base_iri=base):
            obj = triple.object
            if isinstance(triple.subject, ox.NamedNode) and isinstance(
                obj, ox.NamedNode | ox.Literal
            ):
                subjects[triple.subject.value][triple.predicate.value].append(obj)
    except (SyntaxError, ValueError, OSError) as exc:
        raise _read_error(path, fmt, exc) from None
    return _graph_from(subjects, base)


def _read_error(path: str | Path, fmt: RdfFormat, exc: Exception) -> LoadError:
    if isinstance(exc, OSError):
        return LoadError(str(path), exc.strerror or "cannot be read")
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return LoadError(str(path), f"not valid {_FORMAT_NAMES[fmt]}: {first_line}")


def _graph_from(
    subjects: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]], base: str
) -> Graph:
    type_labels = {**document_types(), **_data_type_labels(subjects)}
    graph = Graph()
    for subject, props in subjects.items():
        kinds = {term.value for term in props.get(TYPE, [])}
        for cls in kinds:
            label = _LABELS.get(cls)
            if label is not None:
                values = _values(props, _READERS[label], base, type_labels)
                graph.nodes.append(Node(node_id(subject, base) or subject, label, values))
        if EVIDENCE_CLASS in kinds:
            graph.relationships.append(_relationship_from(props, base, type_labels))
    return graph


def _data_type_labels(
    subjects: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]],
) -> dict[str, str]:
    found = {}
    for subject, props in subjects.items():
        if subject.startswith(DOCTYPE):
            for term in props.get(SKOS + "prefLabel", []):
                if isinstance(term, ox.Literal) and term.language == "vi":
                    found[subject] = term.value
    return found


def _values(
    props: dict[str, list[ox.NamedNode | ox.Literal]],
    by_predicate: dict[str, Field],
    base: str,
    type_labels: dict[str, str],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for predicate, terms in props.items():
        field = by_predicate.get(predicate)
        if field is None and (not predicate.startswith(VB) or predicate in _LINKS):
            continue
        if field is None:
            field = Field(predicate.removeprefix(VB), predicate)
        for term in terms:
            values[field.key] = _value(field, term, base, type_labels)
    return values


def _value(
    field: Field, term: ox.NamedNode | ox.Literal, base: str, type_labels: dict[str, str]
) -> Any:
    if isinstance(term, ox.NamedNode):
        if field.kind == "node":
            return node_id(term.value, base) or term.value
        if field.scheme == DOCTYPE:
            return type_labels.get(term.value, term.value)
        return unquote(term.value.removeprefix(field.scheme))
    datatype = term.datatype.value
    if datatype == XSD + "boolean":
        return term.value == "true"
    if datatype == XSD + "integer":
        return int(term.value)
    return term.value


def _relationship_from(
    props: dict[str, list[ox.NamedNode | ox.Literal]], base: str, type_labels: dict[str, str]
) -> Relationship:
    def one(predicate: str) -> str:
        return props[predicate][0].value

    start, end = one(RDF + "subject"), one(RDF + "object")
    return Relationship(
        _REL_TYPES[one(RDF + "predicate")],
        node_id(start, base) or start,
        node_id(end, base) or end,
        _values(props, _READERS["evidence"], base, type_labels),
    )


# Reading: class IRI -> label, predicate IRI -> relationship type and -> field.
_LABELS = {iri: label for label, iri in CLASSES.items()}
_REL_TYPES = {iri: rel_type for rel_type, iri in PREDICATES.items()}
_READERS: dict[Label | str, dict[str, Field]] = {
    key: {field.predicate: field for field in fields}
    for key, fields in [*NODE_FIELDS.items(), ("evidence", EVIDENCE_FIELDS)]
}


def rdf_store(graph: Graph, base: str = DEFAULT_BASE) -> ox.Store:
    """An in-memory SPARQL store holding the graph's RDF form (for `vbgraph sparql`)."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples(graph, base))
    return store


def load_oxigraph(path: str | Path, base: str = DEFAULT_BASE) -> ox.Store:
    """An in-memory SPARQL store holding an RDF file."""
    fmt = RdfFormat.of(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt.oxigraph, base_iri=base)
    except (SyntaxError, ValueError, OSError) as exc:
        raise _read_error(path, fmt, exc) from None
    return store


def load_rdflib(source: Graph | str | Path, base: str = DEFAULT_BASE) -> rdflib.Graph:
    """An rdflib graph (for pySHACL) of a vbgraph Graph, or of an RDF file."""
    import rdflib  # only validation needs it; importing it costs a third of a second

    if isinstance(source, Graph):
        found: Iterable[ox.Triple] = triples(source, base)
    else:
        fmt = RdfFormat.of(source)
        try:
            found = list(ox.parse(path=str(source), format=fmt.oxigraph, base_iri=base))
        except (SyntaxError, ValueError, OSError) as exc:
            raise _read_error(source, fmt, exc) from None
    graph = rdflib.Graph()
    for triple in found:
        graph.add((_rdflib(triple.subject), _rdflib(triple.predicate), _rdflib(triple.object)))
    return graph


def _rdflib(term: Any) -> rdflib.term.Identifier:
    import rdflib  # already loaded by load_rdflib: a lookup in sys.modules

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def convert(source: str | Path, out: IO[bytes], fmt: RdfFormat) -> None:
    """Re-serialise an RDF file (the ontology, the shapes) in another format."""
    parsed = ox.parse(path=str(source), format=RdfFormat.of(source).oxigraph)
    shapes = {"sh": "http://www.w3.org/ns/shacl#", "vbsh": "https://w3id.org/vbgraph/shapes#"}
    ox.serialize(parsed, out, fmt.oxigraph, prefixes={**PREFIXES, **shapes})
