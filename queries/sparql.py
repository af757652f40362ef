"""The named queries in SPARQL, over the graph's RDF form (`graph/rdf.py`), and `run_sparql`
for any query.

Each named query is a file in `queries/sparql/` whose text never changes: what the user typed
goes in as values bound to the query's variables (pyoxigraph's `substitutions`), never into
the text. The SPARQL does the work; Python only binds values, walks `trace` level by level,
and shapes rows. Every function answers with the same table as its namesake in `queries/`
does on the embedded store.
"""

from __future__ import annotations

from collections import deque
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from vbgraph.errors import QueryError
from vbgraph.graph.rdf import node_iri, prefixes
from vbgraph.ontology import DEFAULT_BASE, XSD, document_types
from vbgraph.queries.cites import COLUMNS as CITES_COLUMNS
from vbgraph.queries.lookup import document_keys
from vbgraph.queries.table import Table
from vbgraph.queries.trace import COLUMNS as TRACE_COLUMNS

FOLDER = Path(__file__).resolve().parent / "sparql"

_INTEGERS = {
    XSD + name for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte",
    )
}
_FLOATS = {XSD + "double", XSD + "float", XSD + "decimal"}


@cache
def query_text(name: str) -> str:
    """The text of one of the named queries, `cites.rq` ..."""
    return (FOLDER / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------------- any query


def run_sparql(
    store: ox.Store, query: str, params: dict[str, Any], *, base: str = DEFAULT_BASE
) -> Table:
    """Run a SPARQL query with `params` bound to its variables (`{"code": "208-QĐ/TW"}` binds
    ?code; `"<iri>"` is an IRI, a bool, int or float a typed literal, anything else a string).

    A SELECT gives its projected variables as columns, an ASK one row with `ask`, a CONSTRUCT
    or DESCRIBE one row per triple. Values are plain: IRIs as str, literals as int, bool or
    float by datatype, else str; unbound as None. The prefixes of the export (vb:, eli:, doc:
    ...) are predefined, doc: and the like in `base`. pyoxigraph binds only variables that a
    SELECT projects: a bound variable left out of the projection is a QueryError.
    """
    substitutions = {_variable(name): _term(value) for name, value in params.items()}
    try:
        result = store.query(query, prefixes=prefixes(base), substitutions=substitutions)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {_first_line(exc)}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        # RuntimeError: a bound variable the SELECT does not project (pyoxigraph substitutes
        # only those, as SEP-0007 says) and other evaluation errors.
        unselected = [name for name in params if f"?{name} in its SELECT" in str(exc)]
        if unselected:
            name = unselected[0]
            raise QueryError(
                f"--param {name}: a value can only be bound to a variable the query selects: "
                f"add ?{name} to its SELECT clause, or SELECT *"
            ) from None
        raise QueryError(f"SPARQL query failed: {_first_line(exc)}") from None
    if isinstance(result, ox.QueryBoolean):
        return Table(["ask"], [[bool(result)]], title="SPARQL")
    if isinstance(result, ox.QuerySolutions):
        names = [variable.value for variable in result.variables]
        rows = [[plain(solution[name]) for name in names] for solution in result]
        return Table(names, rows, title="SPARQL")
    rows = [[plain(t.subject), plain(t.predicate), plain(t.object)] for t in result]
    return Table(["subject", "predicate", "object"], rows, title="SPARQL")


def _variable(name: str) -> ox.Variable:
    try:
        return ox.Variable(name.removeprefix("$").removeprefix("?"))
    except ValueError:
        raise QueryError(f"{name}: not a SPARQL variable name") from None


def _term(value: Any) -> ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple:
    if isinstance(value, str) and len(value) > 2 and value[0] == "<" and value[-1] == ">":
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError:
            raise QueryError(f"{value}: not an absolute IRI") from None
    if isinstance(value, bool | int | float):
        return ox.Literal(value)
    return ox.Literal(str(value))


def plain(term: Any) -> Any:
    """A query result term as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype == XSD + "boolean":
            return term.value in {"true", "1"}
        if datatype in _FLOATS:
            return float(term.value)
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)  # a blank node (_:b0) or a quoted triple


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ------------------------------------------------------------------------- named queries


def cites(store: ox.Store, code: str, base: str = DEFAULT_BASE) -> Table:
    """`vbgraph cites CODE` in SPARQL (queries/cites.py)."""
    params = _lookup_params(code, base)
    _documents(store, code, params)
    return _answer(store, "cites.rq", params, CITES_COLUMNS, f"Citations of {code}")


def trace(store: ox.Store, code: str, depth: int = 3, base: str = DEFAULT_BASE) -> Table:
    """`vbgraph trace CODE --depth N` in SPARQL (queries/trace.py): trace.rq gives one level
    of one document, and the walk is breadth first from every document the code names."""
    if depth < 1:
        raise QueryError("--depth must be at least 1")
    roots = _documents(store, code, _lookup_params(code, base))
    table = Table(TRACE_COLUMNS, title=f"Trace of {code}")
    for root in roots:
        for upstream in (True, False):
            _walk(store, root, depth, upstream, base, table)
    return table


def _walk(
    store: ox.Store, root: str, depth: int, upstream: bool, base: str, table: Table
) -> None:
    seen = {root}
    queue = deque([(root, 1)])
    columns = [*TRACE_COLUMNS, "next"]
    while queue:
        doc, level = queue.popleft()
        params = {"base": base, "doc": f"<{doc}>", "upstream": upstream, "depth": level}
        for *row, following in _answer(store, "trace.rq", params, columns).rows:
            table.rows.append(row)
            if following not in seen and level < depth:
                seen.add(following)
                queue.append((following, level + 1))


def counts(store: ox.Store) -> Table:
    """`vbgraph stats`, its first table, in SPARQL (queries/stats.py)."""
    return _answer(store, "counts.rq", {}, ["kind", "count"], "Graph")


def most_cited(store: ox.Store, top: int = 10, base: str = DEFAULT_BASE) -> Table:
    """`vbgraph stats`, its second table, in SPARQL (queries/stats.py); the first `top` rows
    are kept here, as LIMIT takes no variable."""
    columns = ["document", "docType", "title", "citations", "citingDocuments"]
    table = _answer(store, "most-cited.rq", {"base": base}, columns, "Most cited documents")
    table.rows = table.rows[:top]
    for row in table.rows:
        row[1] = doc_type_label(row[1])
    return table


# ------------------------------------------------------------------------- shared helpers


def _answer(
    store: ox.Store, name: str, params: dict[str, Any], columns: list[str], title: str = ""
) -> Table:
    """A named query's answer in `columns`: the bound values the query had to project (see
    `run_sparql`) are left out."""
    base = str(params.get("base", DEFAULT_BASE))
    found = run_sparql(store, query_text(name), params, base=base)
    where = [found.columns.index(column) for column in columns]
    return Table(columns, [[row[i] for i in where] for row in found.rows], title)


def _lookup_params(typed: str, base: str) -> dict[str, Any]:
    """What `lookup.find_documents` looks for, as values for lookup.rq and cites.rq: the IRI
    of the document the text names, and how the IRI of the same document ends in a province
    (a local code) or of an unnumbered document with that title."""
    exact, suffix = document_keys(typed)
    return {"base": base, "exact": f"<{node_iri(exact, base)}>", "suffix": node_iri(suffix, "")}


def _documents(store: ox.Store, typed: str, params: dict[str, Any]) -> list[str]:
    """The IRIs of the documents lookup.rq finds; none is an error, as in `find_documents`."""
    found = _answer(store, "lookup.rq", params, ["document"])
    if not found.rows:
        raise QueryError(f"{typed}: no such document in the graph")
    return [str(row[0]) for row in found.rows]


def doc_type_label(value: str | None) -> str | None:
    """The label of a document type concept. most-cited.rq gives the label the store holds
    for the concept and, where it holds none (an export that does not carry the labels of the
    ontology's own types), the concept IRI, which is named from the ontology file here."""
    if value is None:
        return None
    return document_types().get(value, value)
