"""The local Neo4j server: started once per home, reachable with the credentials it hands out,
stopped for good; and a clear error for each thing that stops it from starting.

These run real Java processes and, like the other Neo4j tests, fail rather than skip
without Java 17+ and Maven. They share one launcher build (a module fixture, or
$VBGRAPH_NEO4J_BUILD to keep it between runs) and start as few servers as they can.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import socket
import stat
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from vbgraph.graph.neo4j_server import (
    Neo4jServerError,
    ServerInfo,
    default_home,
    start,
    status,
    stop,
)

pytestmark = pytest.mark.xdist_group("neo4j")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    shared = os.environ.get("VBGRAPH_NEO4J_BUILD")
    return Path(shared) if shared else tmp_path_factory.mktemp("neo4j-build")


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "neo4j"
    yield home
    stop(home)  # whatever a failing test left running


def shell_exports(exports: str) -> dict[str, str]:
    """What bash sees after `eval`-ing the exports."""
    names = ["NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"]
    script = 'eval "$1"; printf "%s\\0" ' + " ".join(f'"${name}"' for name in names)
    out = subprocess.run(
        ["bash", "-c", script, "bash", exports], capture_output=True, text=True, check=True
    ).stdout
    return dict(zip(names, out.split("\0")[:-1], strict=True))


def shlex_exports(exports: str) -> dict[str, str]:
    words = shlex.split(exports)
    assert words[::2] == ["export"] * (len(words) // 2)
    return dict(word.split("=", 1) for word in words[1::2])


def test_a_server_starts_once_answers_and_stops(home: Path, build_dir: Path) -> None:
    port = free_port()
    # Two starts at once, as from two test workers, end up with one server.
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: start(home, port, build_dir=build_dir), range(2))
    assert first == second
    assert first.uri == f"bolt://127.0.0.1:{port}"
    assert status(home) == first
    assert start(home, free_port(), build_dir=build_dir) == first

    assert stat.S_IMODE((home / "password").stat().st_mode) == 0o600
    if Path("/proc/self").exists():
        assert first.password not in Path(f"/proc/{first.pid}/cmdline").read_text()

    env = first.environment()
    auth = (env["NEO4J_USERNAME"], env["NEO4J_PASSWORD"])
    with GraphDatabase.driver(env["NEO4J_URI"], auth=auth) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_=env["NEO4J_DATABASE"])
    assert records[0]["one"] == 1
    assert shlex_exports(first.exports()) == env

    # Without its password the server cannot be described, yet it can still be stopped.
    (home / "password").unlink()
    with pytest.raises(Neo4jServerError, match="password is gone"):
        status(home)
    assert stop(home) is True
    assert status(home) is None
    assert not (home / "server.json").exists()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert stop(home) is False


def test_a_server_that_dies_while_starting_says_why(home: Path, build_dir: Path) -> None:
    with pytest.raises(Neo4jServerError, match=r"exited while starting.*heap size.*neo4j\.log"):
        start(home, free_port(), heap="lots", build_dir=build_dir)
    assert status(home) is None
    assert not (home / "server.json").exists()


def test_a_port_in_use_is_refused_before_building(home: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(Neo4jServerError, match=f"port {port} is already in use"):
            start(home, port)
    assert not (home / "build").exists()


def test_no_java_is_named_before_building(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("VBGRAPH_NEO4J_BUILD", raising=False)
    with pytest.raises(Neo4jServerError, match=r"`java` is not on PATH.*Java 17\+ and Maven"):
        start(home, free_port())
    assert not (home / "build").exists()
    assert not (home / "build.log").exists()


def test_no_maven_is_named_when_a_build_is_needed(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(shutil.which("java") or "java")
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(Neo4jServerError, match=r"`mvn` is not on PATH.*Maven"):
        start(home, free_port(), build_dir=tmp_path / "fresh-build")


def test_a_failed_build_points_at_its_log(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAVEN_OPTS", "-Dmaven.repo.local=/dev/null/repository")
    with pytest.raises(
        Neo4jServerError, match=r"building .* failed \(.*local repository.*build\.log"
    ):
        start(home, free_port(), build_dir=tmp_path / "fresh-build")
    assert not (home / "server.json").exists()


def test_a_stale_record_is_dropped(home: Path) -> None:
    home.mkdir()
    (home / "password").write_text("not-used-here")
    # A live process, but not a launcher: the pid was reused.
    (home / "server.json").write_text(json.dumps({"pid": os.getpid(), "port": 1}))
    assert status(home) is None
    assert not (home / "server.json").exists()
    (home / "server.json").write_text("{not json")
    assert status(home) is None
    assert stop(home) is False


def test_exports_survive_a_shell() -> None:
    password = 'it\'s $(rm -rf /) `x` "q" \\ *\nline'
    info = ServerInfo("bolt://127.0.0.1:7687", "neo4j", password, "neo4j", 1, Path("/x"))
    assert shlex_exports(info.exports()) == info.environment()
    if shutil.which("bash"):
        assert shell_exports(info.exports()) == info.environment()


def test_default_home_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("VBGRAPH_NEO4J_HOME", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    assert default_home() == tmp_path / ".local/state/vbgraph/neo4j"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/is/ignored")
    assert default_home() == tmp_path / ".local/state/vbgraph/neo4j"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert default_home() == tmp_path / "state/vbgraph/neo4j"
    monkeypatch.setenv("VBGRAPH_NEO4J_HOME", str(tmp_path / "mine"))
    assert default_home() == tmp_path / "mine"
