"""Checking an RDF graph against vbgraph's SHACL shapes with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import rdflib
from rdflib.namespace import SH

from vbgraph.ontology import ONTOLOGY_FILE, SHAPES_FILE


@dataclass(slots=True)
class Validation:
    """The outcome: `problems` holds one line per violation, "focus: message (path)"."""

    conforms: bool
    problems: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


def validate(data: rdflib.Graph) -> Validation:
    """Validate `data` with the ontology added to it, so that the concepts of the document type,
    task kind, intent and role schemes have their classes. `data` itself is left unchanged."""
    import pyshacl

    mixed = rdflib.Graph()
    mixed += data
    mixed.parse(ONTOLOGY_FILE, format="turtle")
    conforms, report, _text = pyshacl.validate(mixed, shacl_graph=_shapes(), inference="none")
    return Validation(bool(conforms), sorted(_problems(report)))


def _problems(report: rdflib.Graph) -> list[str]:
    lines = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        path = report.value(result, SH.resultPath)
        where = f" ({path.n3(report.namespace_manager)})" if path is not None else ""
        lines.append(f"{focus}: {message}{where}")
    return lines
