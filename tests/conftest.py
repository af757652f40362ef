"""The real Neo4j server the Neo4j tests run against.

The server is started on first need by whichever test worker gets there first (`start` is
locked and idempotent) and stopped when the session ends, unless it was already running
before (`.ci/run` starts it beforehand, a developer may keep one up). Two test sessions at
once would share its one database: run one at a time. It is never skipped:
if it cannot start, the Neo4j tests fail. Its home is $VBGRAPH_TEST_NEO4J_HOME, else
.neo4j/test in the repository, its port $VBGRAPH_TEST_NEO4J_PORT, else 17688; the launcher
build is shared in .neo4j/build.

Neo4j Community has a single user database, which each test empties first; so tests that
use it take turns through a file lock, whatever worker they run on (they are also marked
`xdist_group("neo4j")`, for when `--dist loadgroup` works with the installed pytest).

The viewer tests drive a real headless Chromium: the system's (Debian's `chromium`, or the
executable $VBGRAPH_CHROMIUM names), through Playwright; each test worker launches its own.
When it is missing those tests fail, saying how to install it; they never skip.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest

from vbgraph.graph import neo4j_server
from vbgraph.graph.neo4j_store import Neo4jSettings, Neo4jStore

ROOT = Path(__file__).resolve().parent.parent


def _home() -> Path:
    return Path(os.environ.get("VBGRAPH_TEST_NEO4J_HOME") or ROOT / ".neo4j" / "test")


def pytest_configure(config: pytest.Config) -> None:
    # The embedded-store tests must not wander off to a server a developer's shell points at.
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        os.environ.pop(name, None)
    os.environ.setdefault("VBGRAPH_NEO4J_BUILD", str(ROOT / ".neo4j" / "build"))
    if not hasattr(config, "workerinput"):  # the controller, or the only process
        os.environ[_SESSION] = secrets.token_hex(8)  # workers inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    marker = _home() / "started-by-tests"
    if hasattr(config, "workerinput") or not marker.exists():
        return
    if marker.read_text() == os.environ.get(_SESSION):
        neo4j_server.stop(_home())
        marker.unlink()


_SESSION = "VBGRAPH_TEST_SESSION"


@pytest.fixture(scope="session")
def neo4j_home() -> Path:
    return _home()


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    home = _home()
    if neo4j_server.status(home) is None:
        # This session starts the server, so it stops it too: one started by .ci/run or by
        # hand is left running.
        home.mkdir(parents=True, exist_ok=True)
        (home / "started-by-tests").write_text(os.environ.get(_SESSION, ""))
    info = neo4j_server.start(home, int(os.environ.get("VBGRAPH_TEST_NEO4J_PORT") or 17688))
    return Neo4jSettings(info.uri, info.username, info.password, info.database)


class ServerTurn:
    """The test server to oneself: an flock across worker processes, re-entrant within one
    (a module's fixture may hold it while its tests take it again)."""

    def __init__(self) -> None:
        self.depth = 0
        self.handle: IO[str] | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        if self.depth == 0:
            _home().mkdir(parents=True, exist_ok=True)
            self.handle = open(_home() / "tests.lock", "w")  # noqa: SIM115 - held across yields
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if self.depth == 0 and self.handle is not None:
                self.handle.close()  # which releases the lock


_TURN = ServerTurn()


@pytest.fixture(scope="session")
def neo4j_turn() -> ServerTurn:
    return _TURN


@pytest.fixture
def neo4j(neo4j_settings: Neo4jSettings) -> Iterator[Neo4jStore]:
    """An empty Neo4j store on the test server, this test's alone while it runs."""
    with _TURN.held(), Neo4jStore(neo4j_settings, create=False) as store:
        store.clear()
        yield store


@pytest.fixture
def neo4j_env(
    neo4j: Neo4jStore, neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> Neo4jSettings:
    """The test server in the environment, as `eval "$(vbgraph neo4j start)"` leaves it."""
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_settings.username)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    return neo4j_settings


# ------------------------------------------------------------------------ the browser

CHROMIUM_MISSING = (
    "Chromium is needed for the viewer tests and was not found: install Debian's package "
    "(sudo apt-get install chromium) or set VBGRAPH_CHROMIUM to a Chromium executable. "
    "Do not run `playwright install`: the tests use the system browser."
)


def chromium_path() -> str:
    """The Chromium to drive: $VBGRAPH_CHROMIUM, else `chromium` on the PATH, which a fresh
    Debian machine gets from its package (as the suite gets Neo4j from Maven Central)."""
    named = os.environ.get("VBGRAPH_CHROMIUM")
    found = shutil.which(named) if named else shutil.which("chromium") or _install_chromium()
    if found is None:
        where = f" ({named} is not an executable)" if named else ""
        pytest.fail(CHROMIUM_MISSING + where, pytrace=False)
    return found


def _install_chromium() -> str | None:
    """apt-get install chromium, once for all workers, where this user may (root, or sudo
    without a password); None where it may not or the install fails."""
    if shutil.which("apt-get") is None:
        return None
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if sudo and subprocess.run([*sudo, "true"], capture_output=True).returncode != 0:
        return None
    with open(Path(tempfile.gettempdir()) / "vbgraph-chromium.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if shutil.which("chromium") is None:
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            for step in (["apt-get", "update", "-qq"],
                         ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                          "chromium"]):
                subprocess.run([*sudo, *step], capture_output=True, env=env)
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium for this worker's session (Playwright's sync API)."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: python3 -m pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def _wait_until(page: Any, expression: str, timeout: float = 10.0) -> Any:
    """Poll a JavaScript expression until it is truthy. Playwright's wait_for_function
    compiles its predicate with eval inside the page, which the viewer's Content-Security-
    Policy forbids; evaluate() goes through DevTools, which the policy does not govern."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {expression}", pytrace=False)
        time.sleep(0.05)


@pytest.fixture(scope="session")
def wait_until() -> Any:
    return _wait_until
