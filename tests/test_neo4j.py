"""The Neo4j backend against a real server: schema, loads, user Cypher, errors, push.

Parity of the named queries with the embedded store is in test_neo4j_parity.py; a server
stopped in the middle of a load in test_neo4j_crash.py.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.errors import StoreError
from vbgraph.graph.model import Graph, Label, Node, Relationship, RelType
from vbgraph.graph.neo4j_store import Neo4jSettings, Neo4jStore, check_version
from vbgraph.graph.store import EmbeddedStore

pytestmark = pytest.mark.xdist_group("neo4j")

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "hau-giang-q4-2024.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _constraints(store: Neo4jStore) -> list[str]:
    _, rows = store.cypher("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", {})
    return [row[0] for row in rows]


def test_constraints_are_made_once_before_the_first_write(neo4j: Neo4jStore) -> None:
    first = _constraints(neo4j)
    assert {"vbgraph_document_id", "vbgraph_task_id", "vbgraph_agency_id"} <= set(first)
    with Neo4jStore(neo4j.settings):
        pass
    assert _constraints(neo4j) == first


def test_build_writes_the_same_graph_as_the_store_file(
    neo4j: Neo4jStore, neo4j_env: Neo4jSettings, tmp_path: Path
) -> None:
    code, out, err = run("build", str(EXAMPLE), "--neo4j", neo4j_env.uri, "-f", "json")
    assert code == 0, err
    assert json.loads(out)[0][0]["store"] == neo4j_env.uri
    db = str(tmp_path / "g.db")
    assert run("build", str(EXAMPLE), "--db", db)[0] == 0
    with EmbeddedStore(db) as embedded:
        assert neo4j.graph() == embedded.graph()


def test_loading_the_same_document_twice_changes_nothing(
    neo4j: Neo4jStore, neo4j_env: Neo4jSettings
) -> None:
    assert run("build", str(EXAMPLE), "--neo4j", neo4j_env.uri)[0] == 0
    before = neo4j.graph()
    code, out, _ = run("build", str(EXAMPLE), "--neo4j", neo4j_env.uri, "-f", "json")
    assert code == 0
    assert json.loads(out)[0][0]["unchanged"] == 1
    assert neo4j.graph() == before


def test_a_changed_document_replaces_its_tasks_and_leaves_no_orphans(
    neo4j: Neo4jStore, neo4j_env: Neo4jSettings, tmp_path: Path
) -> None:
    doc = tmp_path / "programme.txt"
    shutil.copy(EXAMPLE, doc)
    db = str(tmp_path / "g.db")
    for args in (["--neo4j", neo4j_env.uri], ["--db", db]):
        assert run("build", str(doc), *args)[0] == 0
    text = doc.read_text(encoding="utf-8").replace("Quy định số 144-", "Quy định ")
    text = text.replace("QĐ/TW của Bộ Chính trị về chuẩn", "của Bộ Chính trị về chuẩn")
    doc.write_text(text, encoding="utf-8")
    for args in (["--neo4j", neo4j_env.uri], ["--db", db]):
        assert run("build", str(doc), *args)[0] == 0
    with EmbeddedStore(db) as embedded:
        assert neo4j.graph() == embedded.graph()
    assert run("cites", "144-QĐ/TW", "--neo4j", neo4j_env.uri)[0] == 4
    _, rows = neo4j.cypher("MATCH (n) WHERE (n:Document OR n:Task OR n:Agency) "
                           "AND NOT (n)--() RETURN count(n)", {})
    assert rows == [[0]], "no node is left without a relationship"


def _graph_with(prop: object) -> Graph:
    ev = {"sourceFile": "a.txt", "line": 1, "quote": "…", "offset": 0}
    return Graph(
        [Node("doc:a", Label.DOCUMENT, {"title": "A"}), Node("doc:208", Label.DOCUMENT, {})],
        [Relationship(RelType.CITES, "doc:a", "doc:208", {**ev, "weird": prop})],
    )


def test_a_row_the_server_refuses_leaves_the_database_as_it_was(neo4j: Neo4jStore) -> None:
    neo4j.replace_source("a.txt", "doc:a", "h1", "txt", _graph_with("fine"))
    before = neo4j.graph()
    with pytest.raises(StoreError, match=r"could not write a\.txt"):
        neo4j.replace_source("a.txt", "doc:a", "h2", "txt", _graph_with({"a map": 1}))
    assert neo4j.graph() == before
    assert neo4j.is_current("a.txt", "h1")


def test_user_cypher_is_read_only_and_takes_parameters(
    neo4j: Neo4jStore, neo4j_env: Neo4jSettings
) -> None:
    assert run("build", str(EXAMPLE), "--neo4j", neo4j_env.uri)[0] == 0
    query = "MATCH (t:Task)-[c:CITES]->(d:Document {code: $code}) RETURN t.path AS task, c.quote"
    code, out, err = run("cypher", query, "-p", "code=208-QĐ/TW", "--neo4j", neo4j_env.uri,
                         "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and all("208-QĐ/TW" in row["c.quote"] for row in rows)
    code, out, _ = run("cypher", "MATCH (d:Document {code: $c}) RETURN d", "-p", "c=208-QĐ/TW",
                       "--neo4j", neo4j_env.uri, "-f", "json")
    node = json.loads(out)[0]["d"]
    assert node["labels"] == ["Document"] and node["code"] == "208-QĐ/TW"
    assert "vbgraphFacts" not in node
    code, out, _ = run("cypher", "MATCH (m:VbgraphMeta) RETURN m", "--neo4j", neo4j_env.uri,
                       "-f", "json")
    assert code == 0 and json.loads(out)[0]["m"]["lastWrite"].startswith("20")
    before = neo4j.counts()
    code, _, err = run("cypher", "MATCH (d:Document) DETACH DELETE d", "--neo4j", neo4j_env.uri)
    assert code == 3 and err.startswith("Error: ") and len(err.strip().splitlines()) == 1
    assert neo4j.counts() == before


def test_a_parameter_is_never_pasted_into_the_query(
    neo4j: Neo4jStore, neo4j_env: Neo4jSettings
) -> None:
    assert run("build", str(EXAMPLE), "--neo4j", neo4j_env.uri)[0] == 0
    sly = "x'}) DETACH DELETE d //"
    code, out, _ = run("cites", sly, "--neo4j", neo4j_env.uri)
    assert code == 4
    code, out, _ = run("cypher", "RETURN $v AS v, $n AS n", "-p", f"v={sly}", "-p", "n=5",
                       "--neo4j", neo4j_env.uri, "-f", "json")
    assert json.loads(out) == [{"v": sly, "n": 5}]
    assert run("cypher", "RETURN 1", "-p", "novalue", "--neo4j", neo4j_env.uri)[0] == 4


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("env", "uri", "says"),
    [
        ({"NEO4J_PASSWORD": "not-the-password"}, None, "wrong user name or password"),
        ({"NEO4J_DATABASE": "nosuchdb"}, None, "database 'nosuchdb' does not exist"),
        ({}, "bolt://127.0.0.1:{port}", "cannot be reached"),
        ({}, "http://127.0.0.1:7474", "not a Neo4j address"),
        ({}, "localhost:7687", "not a Neo4j address"),
    ],
)
def test_connection_problems_are_one_line_errors(
    neo4j_env: Neo4jSettings,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    uri: str | None,
    says: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    address = (uri or neo4j_env.uri).format(port=_free_port())
    code, out, err = run("stats", "--neo4j", address)
    assert code == 3
    assert err.startswith("Error: ") and says in err and len(err.strip().splitlines()) == 1
    assert out == ""


def test_servers_older_than_neo4j_5_are_refused() -> None:
    with pytest.raises(StoreError, match=r"4\.4\.30 is too old"):
        check_version("Neo4j/4.4.30", "bolt://example:7687")
    assert check_version("Neo4j/5.26.30", "bolt://example:7687") == (5, 26)
    assert check_version("Neo4j/2025.10.1", "bolt://example:7687") >= (5, 0)


def test_push_copies_the_store_file_and_skips_what_is_there(
    neo4j: Neo4jStore, neo4j_env: Neo4jSettings, tmp_path: Path
) -> None:
    db = str(tmp_path / "g.db")
    assert run("build", str(EXAMPLE), "--db", db)[0] == 0
    code, out, err = run("push", "--db", db, "--neo4j", neo4j_env.uri, "-f", "json")
    assert code == 0, err
    assert json.loads(out)[0][0]["written"] == 1
    with EmbeddedStore(db) as embedded:
        assert neo4j.graph() == embedded.graph()
    code, out, _ = run("push", "--db", db, "--neo4j", neo4j_env.uri, "-f", "json")
    assert json.loads(out)[0][0]["unchanged"] == 1


def test_status_names_the_running_server(
    neo4j_env: Neo4jSettings, neo4j_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VBGRAPH_NEO4J_HOME", str(neo4j_home))
    code, out, _ = run("neo4j", "status")
    assert code == 0 and neo4j_env.uri in out
