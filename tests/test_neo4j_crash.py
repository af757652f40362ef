"""A Neo4j server that dies in the middle of a load: the document being written when it went
leaves nothing behind, the ones before it are whole, and the command says which is which."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.graph import neo4j_server, neo4j_write
from vbgraph.graph.neo4j_server import ServerInfo
from vbgraph.graph.neo4j_store import Neo4jSettings, Neo4jStore
from vbgraph.graph.store import EmbeddedStore

pytestmark = pytest.mark.xdist_group("neo4j")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENTS = ["hau-giang-q4-2024.txt", "party__conghai__BC_39-BC_DU_2025.txt",
             "party__conghai__CTr_22-CTr_DU_2025.txt", "party__conghai__KL_9-KL_DU_2025.txt"]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerInfo]:
    """A server of this test's own, since the test kills it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    home = tmp_path / "neo4j"
    try:
        yield neo4j_server.start(home, port)
    finally:
        neo4j_server.stop(home)


def _kill_during_third_document(
    info: ServerInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kill the server after the third document's transaction has read what it needs and
    before it writes: the crash falls inside that transaction."""
    real = neo4j_write.read_state
    calls = []

    def read_then_maybe_kill(tx: Any, ids: Iterable[str]) -> Any:
        state = real(tx, ids)
        calls.append(1)
        if len(calls) == 3:
            os.kill(info.pid, signal.SIGKILL)
            while neo4j_server.status(info.home) is not None:
                time.sleep(0.05)
        return state

    monkeypatch.setattr(neo4j_write, "read_state", read_then_maybe_kill)


def _listed(err: str, heading: str) -> list[str]:
    lines = err.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading + ":"))
    return [line.strip() for line in lines[start + 1:] if line.startswith("  ")][
        : int(lines[start].split(": ")[1].split()[0])
    ]


def test_a_server_killed_mid_document_leaves_none_of_it(
    server: ServerInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in DOCUMENTS:
        shutil.copy(FIXTURES / name, folder / name)
    for name, value in server.environment().items():
        monkeypatch.setenv(name, value)
    _kill_during_third_document(server, monkeypatch)

    result = CliRunner().invoke(app, ["build", str(folder), "--workers", "1"])
    assert result.exit_code == 3
    assert "cannot be reached" in result.stderr
    written = _listed(result.stderr, "Written")
    not_written = _listed(result.stderr, "Not written")
    assert len(written) == 2 and len(not_written) == 2
    assert sorted(written + not_written) == sorted(str(folder / n) for n in DOCUMENTS)

    monkeypatch.undo()
    restarted = neo4j_server.start(server.home, int(server.uri.rsplit(":", 1)[1]))
    settings = Neo4jSettings(restarted.uri, restarted.username, restarted.password)
    db = str(tmp_path / "expected.db")
    with EmbeddedStore(db) as expected:
        from vbgraph.pipeline import build

        assert build(written, expected, workers=1).ok
        with Neo4jStore(settings) as neo4j:
            assert [s.path for s in neo4j.sources()] == sorted(written)
            assert neo4j.graph() == expected.graph()
