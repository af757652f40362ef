"""Every named query answers the same on Neo4j as on the store file, over the reference corpus
(Party and State documents, a PDF with its text copy, a legal-database page)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.graph.model import Label
from vbgraph.graph.neo4j_store import Neo4jSettings, Neo4jStore
from vbgraph.graph.store import EmbeddedStore

if TYPE_CHECKING:
    from conftest import ServerTurn

pytestmark = pytest.mark.xdist_group("neo4j")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = [p.name for p in sorted(FIXTURES.glob("*")) if p.suffix in {".txt", ".pdf", ".html"}]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code in (0, 4), result.stderr
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def stores(
    neo4j_settings: Neo4jSettings,
    neo4j_turn: ServerTurn,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[list[str], list[str]]]:
    """(--db FILE, --neo4j URI) arguments of the two stores, built from the same corpus; the
    server is this module's until its last test is done."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in CORPUS:
        shutil.copy(FIXTURES / name, folder / name)
    db = str(folder.parent / "parity.db")
    with neo4j_turn.held(), pytest.MonkeyPatch.context() as env:
        with Neo4jStore(neo4j_settings, create=False) as neo4j:
            neo4j.clear()
        env.setenv("NEO4J_USERNAME", neo4j_settings.username)
        env.setenv("NEO4J_PASSWORD", neo4j_settings.password)
        embedded, remote = ["--db", db], ["--neo4j", neo4j_settings.uri]
        assert run("build", str(folder), *embedded)[0] == 0
        assert run("build", str(folder), *remote)[0] == 0
        yield embedded, remote


def test_both_stores_hold_the_same_graph(
    stores: tuple[list[str], list[str]], neo4j_settings: Neo4jSettings
) -> None:
    embedded, _ = stores
    with EmbeddedStore(embedded[1]) as file_store, Neo4jStore(neo4j_settings) as neo4j:
        assert neo4j.graph() == file_store.graph()
        assert neo4j.sources() == sorted(file_store.sources(), key=lambda s: s.path)


@pytest.mark.parametrize(
    "query", [["stats", "--top", "50"], ["uncovered", "--as-of", "2026-06-30"], ["docs"],
              ["missing"], ["audit", "--as-of", "2026-06-30"],
              ["audit", "--as-of", "2026-06-30", "--agency", "Ban Xây dựng Đảng"]]
)
def test_corpus_wide_queries_agree(
    stores: tuple[list[str], list[str]], query: list[str]
) -> None:
    embedded, remote = stores
    answer = run(*query, *embedded, "-f", "json")
    assert answer[0] == 0 and json.loads(answer[1]), "the query has something to say"
    assert run(*query, *remote, "-f", "json") == answer


def test_cites_and_trace_agree_for_every_document(
    stores: tuple[list[str], list[str]]
) -> None:
    embedded, remote = stores
    with EmbeddedStore(embedded[1]) as file_store:
        codes = sorted({str(n.properties["code"]) for n in file_store.nodes(Label.DOCUMENT)
                        if "code" in n.properties})
    assert len(codes) >= 30, "the corpus names enough documents to compare"
    differ = []
    for code in codes:
        for query in (["cites", code], ["trace", code, "--depth", "3"]):
            answer = run(*query, *embedded, "-f", "json")
            assert answer[0] == 0, f"{code} is in the graph"
            if run(*query, *remote, "-f", "json") != answer:
                differ.append(" ".join(query))
    assert differ == []


def test_rdf_exports_are_the_same(stores: tuple[list[str], list[str]], tmp_path: Path) -> None:
    embedded, remote = stores
    files = []
    for name, store in (("file", embedded), ("neo4j", remote)):
        out = tmp_path / f"{name}.nt"
        assert run("export", *store, "-o", str(out))[0] == 0
        files.append(out.read_bytes())
    assert files[0] == files[1]
    assert files[0].count(b"\n") > 5000


def test_the_web_app_answers_the_same_from_neo4j(
    stores: tuple[list[str], list[str]], neo4j_settings: Neo4jSettings
) -> None:
    from vbgraph.graph.serve import ViewerApp

    embedded, _ = stores
    with EmbeddedStore(embedded[1]) as file_store, Neo4jStore(neo4j_settings) as neo4j:
        apps = [ViewerApp(file_store, "t"), ViewerApp(neo4j, "t")]
        for ask in (lambda app: app.search("208-qd/tw"), lambda app: app.search("Công Hải"),
                    lambda app: app.expand("agency:ban-bi-thu")):
            first, second = (ask(app) for app in apps)
            assert first["nodes"] and sorted(first["nodes"], key=str) == sorted(
                second["nodes"], key=str
            )
            assert sorted(first["edges"], key=str) == sorted(second["edges"], key=str)
