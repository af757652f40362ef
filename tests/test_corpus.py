"""Corpus operations an audit needs: what is in the store (`docs`), taking documents out
(`remove`), what is cited but missing (`missing`), and tables as Excel workbooks."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.graph.model import Graph, Label, RelType
from vbgraph.graph.store import EmbeddedStore
from vbgraph.queries.table import Table
from vbgraph.queries.workbook import write_workbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = sorted(FIXTURES.glob("*.txt"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def build(folder: Path, files: list[Path], db: Path) -> Path:
    folder.mkdir()
    for path in files:
        shutil.copy(path, folder / path.name)
    code, _, err = run("build", str(folder), "--db", str(db))
    assert code == 0, err
    return db


def rows(*args: str) -> list[dict[str, str]]:
    code, out, err = run(*args, "-f", "csv")
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return build(tmp_path / "corpus", CORPUS, tmp_path / "corpus.db")


def test_docs_lists_every_loaded_file_with_its_tasks_and_citations(corpus: Path) -> None:
    listed = rows("docs", "--db", str(corpus))
    assert sorted(Path(r["file"]).name for r in listed) == [p.name for p in CORPUS]
    with EmbeddedStore(corpus) as store:
        for row, source in zip(listed, sorted(store.sources(), key=lambda s: s.path),
                               strict=True):
            tasks = [n for n in store.nodes(Label.TASK)
                     if n.properties.get("documentId") == source.doc_id]
            cited = store.relationships(RelType.CITES, end=source.doc_id)
            assert (int(row["tasks"]), int(row["citedBy"])) == (len(tasks), len(cited))


def test_removing_a_file_leaves_the_graph_of_the_others(corpus: Path, tmp_path: Path) -> None:
    gone = CORPUS[-1]
    listed = {Path(r["file"]).name: r["file"] for r in rows("docs", "--db", str(corpus))}
    code, _, err = run("remove", listed[gone.name], "--db", str(corpus))
    assert code == 0 and "Removed 1 document" in err
    without = build(tmp_path / "rest", CORPUS[:-1], tmp_path / "rest.db")
    with EmbeddedStore(corpus) as store, EmbeddedStore(without) as rest:
        assert _without_paths(store.graph()) == _without_paths(rest.graph())


def _without_paths(graph: Graph) -> object:
    """The graph with source files named by file name only (the two stores' folders differ)."""
    import json

    from vbgraph.graph.export import graph_to_json

    text = json.dumps(graph_to_json(graph), ensure_ascii=False, sort_keys=True)
    for folder in ("corpus", "rest"):
        text = text.replace(f"/{folder}/", "/")
    return sorted(json.loads(text)["nodes"], key=str), sorted(
        json.loads(text)["relationships"], key=lambda r: r["id"].split("@")[0] + str(r)
    )


def test_removing_an_unknown_file_is_an_error_that_changes_nothing(corpus: Path) -> None:
    before = rows("docs", "--db", str(corpus))
    code, _, err = run("remove", "nowhere.txt", "--db", str(corpus))
    assert code == 4 and err.strip() == (
        "Error: nowhere.txt: not in the store (`vbgraph docs` lists what is)"
    )
    assert rows("docs", "--db", str(corpus)) == before


def test_missing_ranks_what_the_corpus_depends_on(corpus: Path) -> None:
    listed = rows("missing", "--db", str(corpus))
    keys = [(-int(r["citingDocuments"]), -int(r["citingTasks"]), -int(r["toImplement"]),
             -int(r["citations"])) for r in listed]
    assert keys == sorted(keys)
    with EmbeddedStore(corpus) as store:
        cited = {r.end for r in store.relationships(RelType.CITES)}
        absent = [store.node(d) for d in cited]
        expected = sum(1 for n in absent if n is not None and not n.properties.get("inCorpus"))
    assert len(listed) == expected > 10
    assert len(rows("missing", "--db", str(corpus), "--top", "3")) == 3


def test_a_query_as_a_workbook_holds_the_csv_rows_under_a_filtered_header(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "uncovered.xlsx"
    code, _, err = run("uncovered", "--db", str(corpus), "-f", "xlsx", "-o", str(out))
    assert code == 0, err
    sheet = load_workbook(out).active
    values = [["" if v is None else str(v) for v in row]
              for row in sheet.iter_rows(values_only=True)]
    code, text, _ = run("uncovered", "--db", str(corpus), "-f", "csv")
    assert values == list(csv.reader(io.StringIO(text)))
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:E{len(values)}"


def test_document_text_in_a_workbook_is_never_a_formula(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    hostile = '=HYPERLINK("http://example.com","Bấm")'
    with out.open("wb") as handle:
        write_workbook([Table(["quote"], [[hostile], [5]], "Trích: 1/2")], handle)
    sheet = load_workbook(out)["Trích  1 2"]
    assert sheet["A2"].value == hostile and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == 5


def test_a_workbook_needs_a_file(corpus: Path) -> None:
    code, _, err = run("docs", "--db", str(corpus), "-f", "xlsx")
    assert code == 4 and err.startswith("Error: --format xlsx writes a workbook")
