"""The `vbgraph` command: a thin shell over the library. Each command parses its options,
calls one library function and formats the result; errors become one `Error: ...` line."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from vbgraph.errors import VbgraphError
from vbgraph.queries.audit import DEFAULT_THRESHOLD
from vbgraph.queries.table import Table

if TYPE_CHECKING:
    import pyoxigraph
    from rich.console import Console

    from vbgraph.evaluation import DocumentScore
    from vbgraph.graph.neo4j_store import Neo4jStore
    from vbgraph.graph.store import GraphStore
    from vbgraph.pipeline import BuildReport
    from vbgraph.queries.audit import Audit

app = typer.Typer(
    name="vbgraph",
    help="Turn Vietnamese government documents into a graph of documents, agencies and tasks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="VBGRAPH_DB", help="Graph store file \\[default: vbgraph.db]."),
]
Neo4jOption = Annotated[
    str | None,
    typer.Option(
        "--neo4j",
        envvar="NEO4J_URI",
        metavar="URI",
        help="Use this Neo4j server (e.g. bolt://localhost:7687) instead of the store file; "
        "the user, password and database come from NEO4J_USERNAME, NEO4J_PASSWORD and "
        "NEO4J_DATABASE. An explicit --db wins.",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
OutOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


AsOfOption = Annotated[
    datetime | None,
    typer.Option("--as-of", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", show_default=False,
                 help="The day deadlines are judged on \\[default: today]."),
]
ThresholdOption = Annotated[
    float,
    typer.Option(min=0.05, max=1.0, help="Share of a mandate's key-phrase weight a task "
                 "elsewhere must hold to cover it on content alone. Half of it is enough when a "
                 "citation links them, and otherwise makes the mandate partly covered."),
]
AuditDataOption = Annotated[
    Path | None,
    typer.Option("--data", metavar="FILE", help="Audit this RDF export (.ttl, .jsonld, .nt, "
                 ".rdf) instead of the store."),
]
DataOption = Annotated[
    Path | None,
    typer.Option("--data", metavar="FILE", help="Answer from this RDF export (.ttl, .jsonld, "
                 ".nt, .rdf) with the query's SPARQL version, instead of from the store."),
]
BaseOption = Annotated[
    str | None,
    typer.Option(
        "--base", metavar="IRI",
        help="Namespace for node IRIs, ending in / or # \\[default: https://w3id.org/vbgraph/id/].",
    ),
]


def command(name: str | None = None, group: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command; a VbgraphError becomes `Error: ...` on stderr and its exit code."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except VbgraphError as exc:
                typer.echo(f"Error: {exc}", err=True)
                raise typer.Exit(exc.exit_code) from None
            except KeyboardInterrupt:
                typer.echo("Interrupted.", err=True)
                raise typer.Exit(130) from None

        (group or app).command(name)(wrapper)
        return fn

    return register


def _open_store(db: Path | None, neo4j: str | None, *, create: bool = False) -> GraphStore:
    """The store a command works on: the file given with --db, else the Neo4j server given
    with --neo4j (or NEO4J_URI), else the default store file."""
    from vbgraph.graph.store import EmbeddedStore, default_db_path

    if db is None and neo4j:
        return _open_neo4j(neo4j, create=create)
    return EmbeddedStore(db or default_db_path(), create=create)


def _open_neo4j(uri: str | None, *, create: bool = False) -> Neo4jStore:
    from vbgraph.graph.neo4j_store import Neo4jSettings, Neo4jStore

    return Neo4jStore(Neo4jSettings.from_env(uri), create=create)


# ------------------------------------------------------------------ output


def emit(tables: list[Table], fmt: Format, output: Path | None = None) -> None:
    """Print query tables as rich tables, JSON or CSV (CSV files get a BOM for Excel), or
    write them as an Excel workbook (which needs -o)."""
    if fmt is Format.xlsx:
        from vbgraph.errors import QueryError
        from vbgraph.graph.export import write_bytes_atomically
        from vbgraph.queries.workbook import write_workbook

        if output is None:
            raise QueryError("--format xlsx writes a workbook: give the file with -o FILE.xlsx")
        write_bytes_atomically(output, lambda out: write_workbook(tables, out))
        return
    if output is not None:
        from vbgraph.graph.export import write_atomically

        encoding_bom = fmt is Format.csv
        write_atomically(output, lambda out: _write(tables, fmt, out, bom=encoding_bom))
        return
    if fmt is Format.table:
        _print_rich(tables)
    else:
        _write(tables, fmt, sys.stdout, bom=False)


def _write(tables: list[Table], fmt: Format, out: IO[str], *, bom: bool) -> None:
    if fmt is Format.json:
        payload: Any = [t.records() for t in tables]
        json.dump(payload[0] if len(tables) == 1 else payload, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    if bom:
        out.write("\ufeff")
    if fmt is Format.csv:
        for table in tables:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows(table.rows)
    else:
        buffer = io.StringIO()
        _print_rich(tables, file=buffer)
        out.write(buffer.getvalue())


def _print_rich(tables: list[Table], file: IO[str] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=file, soft_wrap=False)
    if not console.is_terminal:
        console.width = 160  # piped or written to a file: no terminal to fit
    for table in tables:
        view = RichTable(title=table.title or None, show_lines=False)
        for column in table.columns:
            view.add_column(column, overflow="fold")
        for row in table.rows:
            # Text() keeps document text literal: "[1]" is a footnote, not console markup.
            view.add_row(*(Text("" if v is None else str(v)) for v in row))
        console.print(view)
        if not table.rows:
            console.print("(no rows)")


# ------------------------------------------------------------------ commands


@command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to load.")],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes to use \\[default: all cores].", min=1)
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Load documents (.txt .pdf .docx .html, or folders) into the graph store.

    Example: vbgraph build examples/hau-giang-q4-2024.txt
    """
    from vbgraph.errors import LoadError
    from vbgraph.pipeline import build as run_build

    if not any(path.exists() for path in paths):  # nothing to load: do not create a store
        raise LoadError(str(paths[0]), "no such file or folder")
    with _open_store(db, neo4j, create=True) as store:
        report = _with_progress(
            "Loading",
            lambda start, advance: run_build(
                paths, store, workers=workers, on_start=start, on_progress=advance
            ),
        )
        _report(report, store, fmt)
    if not report.ok:
        raise typer.Exit(3 if report.stopped else 2)


@command()
def push(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Copy the graph store file into Neo4j, one document per transaction; documents already
    there unchanged are skipped.

    Example: vbgraph push --db vbgraph.db --neo4j bolt://localhost:7687
    """
    from vbgraph.graph.store import EmbeddedStore, default_db_path
    from vbgraph.pipeline import push as run_push

    with EmbeddedStore(db or default_db_path(), create=False) as source, _open_neo4j(
        neo4j, create=True
    ) as target:
        report = _with_progress(
            "Pushing",
            lambda start, advance: run_push(source, target, on_start=start, on_progress=advance),
        )
        _report(report, target, fmt)
    if not report.ok:
        raise typer.Exit(3 if report.stopped else 2)


def _with_progress(
    what: str, run: Callable[[Callable[[int], None], Callable[[str], None]], BuildReport]
) -> BuildReport:
    """Run a load with a progress bar on stderr that is gone once it is done."""
    from rich.progress import Progress

    with Progress(console=_stderr_console(), transient=True) as progress:
        bar = progress.add_task(what, total=None)
        return run(
            lambda n: progress.update(bar, total=n),
            lambda _path: progress.advance(bar),
        )


def _report(report: BuildReport, store: GraphStore, fmt: Format) -> None:
    from vbgraph.queries import counts, most_cited

    for failure in report.failed:
        typer.echo(f"Error: {failure.message}", err=True)
    for skipped, kept in report.duplicates:
        typer.echo(f"Note: {skipped} is the same document as {kept}; skipped", err=True)
    for new, old in report.replaced:
        typer.echo(f"Note: {new} replaces {old}, the same document", err=True)
    if report.stopped:
        _list_paths("Written", report.written)
        _list_paths("Not written", report.not_written)
        typer.echo("Run the same command again to load what was not written.", err=True)
        emit([_build_summary(report, store.path)], fmt)
        return
    emit([_build_summary(report, store.path), counts(store), most_cited(store, top=5)], fmt)


def _list_paths(what: str, paths: list[str], most: int = 20) -> None:
    typer.echo(f"{what}: {len(paths)} document(s)", err=True)
    for path in paths[:most]:
        typer.echo(f"  {path}", err=True)
    if len(paths) > most:
        typer.echo(f"  ... and {len(paths) - most} more", err=True)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


def _build_summary(report: BuildReport, store_path: str) -> Table:
    return Table(
        ["store", "written", "unchanged", "duplicates", "failed", "notWritten"],
        [[store_path, len(report.written), len(report.unchanged), len(report.duplicates),
          len(report.failed), len(report.not_written)]],
        title="Build",
    )


@command()
def cites(
    code: Annotated[str, typer.Argument(help="A document code, e.g. 208-QĐ/TW or 208-qd/tw.")],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    data: DataOption = None,
    base: BaseOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Which tasks, in which documents, cite a document, with the sentence that cites it.

    Example: vbgraph cites 208-qd/tw
    """
    from vbgraph.queries import cites as query
    from vbgraph.queries import sparql

    _named_query(
        lambda store: [query(store, code)],
        lambda rdf, iri_base: [sparql.cites(rdf, code, iri_base)],
        db, neo4j, data, base, fmt, output,
    )


def _named_query(
    from_store: Callable[[GraphStore], list[Table]],
    from_rdf: Callable[[pyoxigraph.Store, str], list[Table]],
    db: Path | None,
    neo4j: str | None,
    data: Path | None,
    base: str | None,
    fmt: Format,
    output: Path | None,
) -> None:
    """A named query answered from the store, or with its SPARQL version from an RDF export
    (--data)."""
    if data is not None:
        tables = from_rdf(*_rdf_data(data, base))
    else:
        with _open_store(db, neo4j) as store:
            tables = from_store(store)
    emit(tables, fmt, output)


def _rdf_data(data: Path, base: str | None) -> tuple[pyoxigraph.Store, str]:
    """An RDF export in a SPARQL store, and the IRI namespace its nodes are read in."""
    from vbgraph.graph.rdf import check_base, load_oxigraph

    iri_base = check_base(base)
    return load_oxigraph(data, iri_base), iri_base


@command()
def trace(
    code: Annotated[str, typer.Argument(help="A document code or title.")],
    depth: Annotated[int, typer.Option(help="How many citation steps to follow.", min=1)] = 3,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    data: DataOption = None,
    base: BaseOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """What a document is based on and cites, and what cites it, transitively.

    Example: vbgraph trace 208-QĐ/TW --depth 2
    """
    from vbgraph.queries import sparql
    from vbgraph.queries import trace as query

    _named_query(
        lambda store: [query(store, code, depth)],
        lambda rdf, iri_base: [sparql.trace(rdf, code, depth, iri_base)],
        db, neo4j, data, base, fmt, output,
    )


@command()
def uncovered(
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    data: AuditDataOption = None,
    base: BaseOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """The short list of the audit: mandates nothing takes up, overdue mandates, mandates with
    no responsible agency and documents to implement that are not loaded, each with its reason.

    Example: vbgraph uncovered --as-of 2026-06-30 --format csv -o uncovered.csv
    """
    from vbgraph.queries.uncovered import uncovered_table

    result = _audit(None, None, as_of, threshold, db, neo4j, data, base)
    emit([uncovered_table(result)], fmt, output)


@command()
def audit(
    document: Annotated[str | None, typer.Option(
        "--document", "-d", metavar="CODE",
        help="Only the mandates of this document: its code, title or file name.",
    )] = None,
    agency: Annotated[str | None, typer.Option(
        "--agency", "-a", metavar="NAME", help="Only the mandates assigned to this agency.",
    )] = None,
    as_of: AsOfOption = None,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    data: AuditDataOption = None,
    base: BaseOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Audit the mandates of the corpus: each task of a directing document and each document
    cited to be implemented, with its assignees, deadline and status (covered, partly covered,
    uncovered, overdue), what covers it and why; then a summary per agency and per source
    document. CSV gives the mandates; an XLSX workbook gives all four tables as sheets.

    Example: vbgraph audit --as-of 2026-06-30 --format xlsx -o audit.xlsx
    """
    from vbgraph.queries.audit_report import audit_tables

    result = _audit(document, agency, as_of, threshold, db, neo4j, data, base)
    tables = audit_tables(result)
    emit(tables[:1] if fmt is Format.csv else tables, fmt, output)


def _audit(
    document: str | None,
    agency: str | None,
    as_of: datetime | None,
    threshold: float,
    db: Path | None,
    neo4j: str | None,
    data: Path | None,
    base: str | None,
) -> Audit:
    """The audit of the store, or of an RDF export (--data), with a progress bar on stderr."""
    from rich.progress import Progress

    from vbgraph.queries.audit import audit as run_audit

    if data is not None:
        from vbgraph.graph.rdf import RdfFormat, check_base, read_rdf

        graph = read_rdf(data, RdfFormat.of(data), check_base(base))
    else:
        with _open_store(db, neo4j) as store:
            graph = store.graph()
    console = _stderr_console()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
        bar = progress.add_task("Auditing", total=None)
        return run_audit(
            graph, as_of=(as_of or datetime.now()).date(), threshold=threshold,
            document=document, agency=agency,
            progress=lambda done, total: progress.update(bar, completed=done, total=total),
        )


@command()
def stats(
    top: Annotated[int, typer.Option(help="How many most-cited documents to list.", min=1)] = 10,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    data: DataOption = None,
    base: BaseOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Counts of nodes and relationships, and the most-cited documents.

    Example: vbgraph stats --top 5
    """
    from vbgraph.queries import counts, most_cited, sparql

    _named_query(
        lambda store: [counts(store), most_cited(store, top)],
        lambda rdf, iri_base: [sparql.counts(rdf), sparql.most_cited(rdf, top, iri_base)],
        db, neo4j, data, base, fmt, output,
    )


@command()
def docs(
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """The documents in the store: file, code, type, title, date, issuer, and how many tasks,
    citations made and citations received each has.

    Example: vbgraph docs --format xlsx -o documents.xlsx
    """
    from vbgraph.queries.corpus import documents

    with _open_store(db, neo4j) as store:
        emit([documents(store)], fmt, output)


@command()
def missing(
    top: Annotated[
        int | None, typer.Option(help="Only the first N.", min=1, show_default=False)
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Documents cited but not in the corpus, those most depended on first (citing documents,
    citing tasks, citations to implement them): what to load next.

    Example: vbgraph missing --top 10
    """
    from vbgraph.queries.corpus import missing as query

    with _open_store(db, neo4j) as store:
        emit([query(store, top)], fmt, output)


@command()
def remove(
    files: Annotated[list[Path], typer.Argument(help="Files loaded before, as `docs` lists "
                                                 "them or by their path from here.")],
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Take documents out of the store, with everything only they contributed; nodes other
    files also name stay, with what those files say.

    Example: vbgraph remove corpus/old-plan.pdf
    """
    from vbgraph.errors import QueryError
    from vbgraph.pipeline import store_path

    with _open_store(db, neo4j) as store:
        known = {record.path for record in store.sources()}
        paths = [str(f) if str(f) in known else store_path(f) for f in files]
        unknown = [str(f) for f, path in zip(files, paths, strict=True) if path not in known]
        if unknown:
            raise QueryError(f"{unknown[0]}: not in the store (`vbgraph docs` lists what is)")
        for path in paths:
            store.remove_source(path)
    typer.echo(f"Removed {len(paths)} document(s)", err=True)


class ExportFormat(StrEnum):
    json = "json"
    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    xml = "xml"


class OntologyFormat(StrEnum):
    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    xml = "xml"


# What a file name says about its format, when --format is not given.
_SUFFIX_FORMATS = {
    ".json": ExportFormat.json, ".ttl": ExportFormat.ttl, ".jsonld": ExportFormat.jsonld,
    ".nt": ExportFormat.nt, ".rdf": ExportFormat.xml, ".xml": ExportFormat.xml,
    ".owl": ExportFormat.xml,
}
def _export_format(fmt: ExportFormat | None, path: Path | None) -> ExportFormat:
    if fmt is not None:
        return fmt
    return _SUFFIX_FORMATS.get(path.suffix.lower(), ExportFormat.json) if path else ExportFormat.ttl


@command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="json (nodes and relationships, as in Neo4j) or "
                     "RDF: ttl, jsonld, nt, xml \\[default: from the file name, else json]."),
    ] = None,
    base: BaseOption = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Write the whole graph to a file: JSON as in Neo4j, or RDF in the vbgraph ontology.

    Example: vbgraph export -o graph.ttl
    """
    from vbgraph.graph.export import write_atomically, write_bytes_atomically, write_json

    chosen = _export_format(fmt, output)
    if chosen is ExportFormat.json:
        with _open_store(db, neo4j) as store:
            graph = store.graph()
        write_atomically(output, lambda out: write_json(graph, out))
    else:
        from vbgraph.graph.rdf import RdfFormat, check_base, write_rdf

        rdf, iri_base = RdfFormat(chosen.value), check_base(base)
        with _open_store(db, neo4j) as store:
            graph = store.graph()
        write_bytes_atomically(output, lambda out: write_rdf(graph, out, rdf, iri_base))
    typer.echo(
        f"Wrote {len(graph.nodes)} nodes and {len(graph.relationships)} relationships "
        f"to {output}",
        err=True,
    )


@command()
def ontology(
    output: OutOption = None,
    shapes: Annotated[
        bool, typer.Option("--shapes", help="Write the SHACL shapes instead.")
    ] = False,
    fmt: Annotated[
        OntologyFormat | None,
        typer.Option("--format", "-f", help="\\[default: from the file name, else ttl]"),
    ] = None,
) -> None:
    """Write the vbgraph OWL ontology (or its SHACL shapes), for Protégé or a triple store.

    Example: vbgraph ontology -o vbgraph.owl
    """
    from vbgraph.graph.export import write_bytes_atomically
    from vbgraph.graph.rdf import RdfFormat, convert
    from vbgraph.ontology import ONTOLOGY_FILE, SHAPES_FILE

    chosen = _export_format(ExportFormat(fmt.value) if fmt else None, output)
    rdf = RdfFormat.jsonld if chosen is ExportFormat.json else RdfFormat(chosen.value)
    source = SHAPES_FILE if shapes else ONTOLOGY_FILE
    if output is None:
        convert(source, sys.stdout.buffer, rdf)
        return
    write_bytes_atomically(output, lambda out: convert(source, out, rdf))
    typer.echo(f"Wrote {source.name} to {output}", err=True)


@command()
def validate(
    rdf_file: Annotated[
        Path | None, typer.Argument(help="An RDF export (ttl, jsonld, nt, rdf); without it, "
                                    "the store's graph.", show_default=False),
    ] = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Check a graph against the vbgraph SHACL shapes; exit 1 listing the problems if it fails.

    Example: vbgraph validate graph.ttl
    """
    from vbgraph.graph.rdf import load_rdflib
    from vbgraph.ontology.shapes import validate as check

    if rdf_file is None:
        with _open_store(db, neo4j) as store:
            data = load_rdflib(store.graph())
    else:
        data = load_rdflib(rdf_file)
    result = check(data)
    name = rdf_file or "the graph"
    if result.conforms:
        typer.echo(f"{name}: valid ({len(data)} triples)", err=True)
        return
    table = Table(["problem"], [[line] for line in result.problems], title="SHACL violations")
    emit([table], fmt)
    typer.echo(f"Error: {name}: {len(result.problems)} SHACL violation(s)", err=True)
    raise typer.Exit(1)


@command()
def sparql(
    query: Annotated[
        str, typer.Argument(help="A SPARQL query, or a .rq file holding one; pass values as "
                            "$name with --param.")
    ],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for $NAME: <IRI> is an IRI, JSON "
                     "numbers and booleans are typed literals, anything else is text."),
    ] = None,
    data: Annotated[
        Path | None, typer.Option("--data", help="Query this RDF export instead of the store.")
    ] = None,
    base: BaseOption = None,
    db: DbOption = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Run a SPARQL query over the graph in the vbgraph ontology (prefixes vb:, eli:, ... are
    predefined).

    Example: vbgraph sparql "SELECT ?doc WHERE { ?doc eli:type_document vbdt:chi-thi }"
    """
    from vbgraph.graph.rdf import check_base, rdf_store
    from vbgraph.queries.sparql import run_sparql

    text, params = _query_text(query), _parse_params(param or [])
    if data is not None:
        store, iri_base = _rdf_data(data, base)
    else:
        iri_base = check_base(base)
        with _open_store(db, neo4j) as graph_store:
            store = rdf_store(graph_store.graph(), iri_base)
    emit([run_sparql(store, text, params, base=iri_base)], fmt, output)


def _query_text(query: str) -> str:
    path = Path(query)
    if path.suffix.lower() in {".rq", ".sparql"}:
        from vbgraph.errors import QueryError

        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{query}: cannot read the query file: {exc.strerror}") from None
    return query


class Kind(StrEnum):
    document = "document"
    agency = "agency"
    task = "task"


@command()
def show(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    focus: Annotated[
        str | None,
        typer.Option(help="Show the part around this document code or title, agency name or "
                     "node id.", metavar="CODE|AGENCY|TASK"),
    ] = None,
    depth: Annotated[int, typer.Option(help="Links to follow from --focus.", min=0)] = 2,
    kind: Annotated[
        list[Kind] | None, typer.Option(help="Only these kinds of node; repeat for more.")
    ] = None,
    max_nodes: Annotated[
        int, typer.Option(help="Refuse a page with more nodes than this.", min=1)
    ] = 3000,
    title: Annotated[str, typer.Option(help="The page's heading.")] = "Đồ thị văn bản",
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Write the graph as one interactive HTML page that works offline: search, filters,
    details and the quoted sentence behind every link.

    Example: vbgraph show --focus 208-QĐ/TW --depth 2 -o graph.html
    """
    from vbgraph.graph.export import write_atomically
    from vbgraph.graph.model import Label
    from vbgraph.graph.view import Selection, focus_ids
    from vbgraph.graph.view import show as show_page

    kinds = frozenset(Label(k.value.capitalize()) for k in kind) if kind else frozenset(Label)
    with _open_store(db, neo4j) as store:
        chosen = tuple(focus_ids(store, focus)) if focus else ()
        html, shown = show_page(store, Selection(chosen, depth, kinds), title, max_nodes)
    write_atomically(output, lambda out: _write_text(out, html))
    typer.echo(
        f"Wrote {len(shown.nodes)} nodes and {len(shown.relationships)} links to {output}",
        err=True,
    )


@command()
def serve(
    port: Annotated[int, typer.Option(help="Port to listen on; 0 takes a free one.")] = 8765,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Anything but 127.0.0.1 opens the graph "
                          "to your network.")
    ] = "127.0.0.1",
    title: Annotated[str, typer.Option(help="The page's heading.")] = "Đồ thị văn bản",
    db: DbOption = None,
    neo4j: Neo4jOption = None,
) -> None:
    """Browse the graph in a local web app: search, click a node to expand it, see the
    evidence behind each link, download the view as CSV.

    Example: vbgraph serve --port 8765, then open http://127.0.0.1:8765/?focus=208-QĐ/TW
    """
    from vbgraph.graph.serve import ViewerApp, make_server

    with _open_store(db, neo4j) as store:
        try:
            server = make_server(ViewerApp(store, title), host, port)
        except OSError as exc:
            from vbgraph.errors import QueryError

            raise QueryError(f"{host}:{port}: cannot listen there: {exc.strerror}") from None
        typer.echo(f"Serving on http://{host}:{server.server_port}/ (Ctrl-C to stop)", err=True)
        try:
            server.serve_forever()
        finally:
            server.server_close()


def _write_text(out: IO[str], text: str) -> None:
    out.write(text)


@command()
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; pass values as $name.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for $NAME; VALUE is read as JSON if "
                     "it is JSON (5, true, [1,2]), else as text. Repeat for more."),
    ] = None,
    neo4j: Neo4jOption = None,
    fmt: FormatOption = Format.table,
    output: OutOption = None,
) -> None:
    """Run your own Cypher on the Neo4j store, read-only: values go in as parameters.

    Example: vbgraph cypher "MATCH (d:Document {code: $code}) RETURN d.title" -p code=208-QĐ/TW
    """
    from vbgraph.graph.neo4j_store import plain

    params = _parse_params(param or [])
    with _open_neo4j(neo4j) as store:
        columns, rows = store.cypher(query, params)
    table = Table(columns, [[plain(value) for value in row] for row in rows], title="Cypher")
    emit([table], fmt, output)


def _parse_params(items: list[str]) -> dict[str, Any]:
    from vbgraph.errors import QueryError

    params: dict[str, Any] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item}: expected NAME=VALUE")
        try:
            params[name.strip()] = json.loads(raw)
        except ValueError:
            params[name.strip()] = raw
    return params


neo4j_app = typer.Typer(
    help="Run a local Neo4j server for vbgraph (needs Java 17+ and Maven).\n\n"
    'Example: vbgraph neo4j start, then eval "$(vbgraph neo4j start)" to point vbgraph at it',
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")
HomeOption = Annotated[
    Path | None,
    typer.Option("--home", envvar="VBGRAPH_NEO4J_HOME",
                 help="Folder for the server's data, password and log "
                 "\\[default: ~/.local/state/vbgraph/neo4j]."),
]


@command("start", group=neo4j_app)
def neo4j_start(
    home: HomeOption = None,
    port: Annotated[int, typer.Option(help="Bolt port on 127.0.0.1.", min=1, max=65535)] = 7687,
) -> None:
    """Start Neo4j Community on 127.0.0.1 and print `export NEO4J_...` lines for a shell;
    returns once the server answers. Does nothing but print them if it is already running.

    Example: vbgraph neo4j start  (or: eval "$(vbgraph neo4j start)")
    """
    from vbgraph.graph import neo4j_server

    info = neo4j_server.start(home, port, on_status=lambda text: typer.echo(text, err=True))
    typer.echo(info.exports())


@command("stop", group=neo4j_app)
def neo4j_stop(home: HomeOption = None) -> None:
    """Stop the local Neo4j server started with `vbgraph neo4j start`.

    Example: vbgraph neo4j stop
    """
    from vbgraph.graph import neo4j_server

    stopped = neo4j_server.stop(home)
    typer.echo("Stopped." if stopped else "Not running.", err=True)


@command("status", group=neo4j_app)
def neo4j_status(home: HomeOption = None) -> None:
    """Say whether the local Neo4j server runs, and where; exits 1 if it does not.

    Example: vbgraph neo4j status
    """
    from vbgraph.graph import neo4j_server

    info = neo4j_server.status(home)
    if info is None:
        typer.echo("Not running.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Running: {info.uri} (pid {info.pid}, data in {info.home})")


@command()
def queries() -> None:
    """List the named queries.

    Example: vbgraph queries
    """
    from vbgraph.queries import REGISTRY

    for name, about in REGISTRY.items():
        typer.echo(f"{name:<10} {about}")


@command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (*.gold.json) or folders.")],
    fmt: FormatOption = Format.table,
    details: Annotated[bool, typer.Option(help="List every miss and extra.")] = False,
) -> None:
    """Precision and recall of extraction against gold annotations, per kind.

    Example: vbgraph eval corpus/dev
    """
    from vbgraph.evaluation import evaluate_file, gold_files, totals

    results = [evaluate_file(path) for path in gold_files(gold)]
    columns = ["document", "kind", "tp", "fp", "fn", "precision", "recall"]
    table = Table(columns, title="Extraction against gold")
    for result in [*results, None]:
        kinds = totals(results) if result is None else result.kinds
        name = "ALL" if result is None else Path(result.source).name
        for kind, s in kinds.items():
            row = [name, kind, s.tp, s.fp, s.fn, round(s.precision, 3), round(s.recall, 3)]
            table.rows.append(row)
    tables = [table]
    if details:
        tables.append(_details(results))
    emit(tables, fmt)


def _details(results: list[DocumentScore]) -> Table:
    table = Table(["document", "kind", "problem", "item"], title="Misses and extras")
    for result in results:
        for kind, score in result.kinds.items():
            for item in score.misses:
                table.rows.append([Path(result.source).name, kind, "missed", item])
            for item in score.extras:
                table.rows.append([Path(result.source).name, kind, "extra", item])
    return table


def main() -> None:
    app()


if __name__ == "__main__":
    main()
