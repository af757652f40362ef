"""A local Neo4j server for vbgraph: `vbgraph neo4j start|stop|status` and the test suite.

Neo4j Community runs embedded in a small Java launcher (the `launcher/` Maven project shipped
with the package), so nothing but Java 17+ and Maven has to be installed: the first start
builds the launcher, and Maven downloads Neo4j. Everything lives in one home folder,
`default_home()` unless another is given:

    build/        the compiled launcher and its classpath.txt (see below)
    build.log     Maven's output of the last build
    data/         the database
    neo4j.log     the server's output of its last start
    password      the `neo4j` user's password, made on first start, mode 0600
    server.json   {"pid": ..., "port": ...} while a server runs
    lock          held while starting or stopping

The server runs in its own session, so it outlives the command that started it; `stop` ends
it. Starting is idempotent and locked, so processes that start the same home at once (test
workers) share one server. The password reaches Java through the environment only, never the
command line, which any user can read.

The build folder is `HOME/build`, or `$VBGRAPH_NEO4J_BUILD`, or the `build_dir` given to
`start`; homes that share one build the launcher once (the tests do this).

    info = start()                   # ServerInfo(uri="bolt://127.0.0.1:7687", ...)
    print(info.exports())            # export NEO4J_URI=...; for `eval "$(vbgraph neo4j start)"`
    status()                         # the same ServerInfo, or None
    stop()                           # True if a server was stopped
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from vbgraph.errors import StoreError

USERNAME = "neo4j"
DATABASE = "neo4j"
DEFAULT_PORT = 7687
MAIN_CLASS = "org.vbgraph.launcher.Neo4jLauncher"

_POLL = 0.1  # seconds between looks at a starting or stopping server

# Maven colours its output even in batch mode.
_ANSI_CODE = re.compile(r"\x1b\[[0-9;]*m")

# Log lines that never say why Java stopped: stack frames, and what the JVM adds after the
# reason when it cannot start ("Invalid maximum heap size: -Xmxbogus" comes before these).
_NOT_A_REASON = (
    "at ",
    "... ",
    "Error: Could not create the Java Virtual Machine",
    "Error: A fatal exception has occurred",
)


class Neo4jServerError(StoreError):
    """The local Neo4j server cannot be built, started or stopped."""


@dataclass(frozen=True, slots=True)
class ServerInfo:
    uri: str
    username: str
    password: str
    database: str
    pid: int
    home: Path

    def environment(self) -> dict[str, str]:
        """The variables Neo4j tools and vbgraph read to connect."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }

    def exports(self) -> str:
        """Shell lines setting environment(), for `eval "$(vbgraph neo4j start)"`."""
        return "\n".join(f"export {k}={shlex.quote(v)}" for k, v in self.environment().items())


def default_home() -> Path:
    """$VBGRAPH_NEO4J_HOME, else $XDG_STATE_HOME/vbgraph/neo4j, else ~/.local/state/..."""
    if home := os.environ.get("VBGRAPH_NEO4J_HOME"):
        return Path(home)
    state = os.environ.get("XDG_STATE_HOME", "")
    # The XDG spec says to ignore a relative path here.
    base = Path(state) if os.path.isabs(state) else Path.home() / ".local" / "state"
    return base / "vbgraph" / "neo4j"


def launcher_dir() -> Path:
    """The launcher's Maven project, shipped next to the package's modules."""
    return Path(__file__).resolve().parent.parent / "launcher"


def start(
    home: Path | None = None,
    port: int = DEFAULT_PORT,
    *,
    timeout: float = 180.0,
    heap: str = "1g",
    on_status: Callable[[str], None] | None = None,
    build_dir: Path | None = None,
) -> ServerInfo:
    """Start the server of `home` on 127.0.0.1:`port`, or return the one already running
    (whatever port it was started on). `timeout` bounds the wait for the server, not the
    build; `heap` is Java's -Xmx."""
    home = _home(home)
    say = on_status or (lambda _: None)
    with _locked(home):
        if running := _running(home):
            say(f"Neo4j is already running on {running.uri}")
            return running
        java = _tool("java")
        _check_port_free(port)
        build = _build_dir(home, build_dir)
        _build_launcher(build, home / "build.log", say)
        password = _password(home)
        say(f"starting Neo4j on port {port}")
        pid = _launch(java, home, build, port, heap, password)
        try:
            _wait_until_ready(home, pid, port, password, timeout)
        except BaseException:
            _end(pid, grace=5.0)
            _forget(home)
            raise
        return _info(home, pid, port, password)


def status(home: Path | None = None) -> ServerInfo | None:
    """The running server of `home`, or None. Does not wait for a start or stop under way: a
    server still starting is reported as running."""
    home = _home(home)
    # A stale server.json is removed only if no start or stop is under way: that may be
    # about to write a fresh one.
    with _locked(home, wait=False) as held:
        return _running(home, tidy=held)


def stop(home: Path | None = None, *, timeout: float = 60.0) -> bool:
    """Stop the server of `home`: SIGTERM, then SIGKILL after `timeout` seconds. False if
    none was running."""
    home = _home(home)
    with _locked(home):
        if (server := _recorded(home)) is None:
            return False
        _end(server[0], grace=timeout)
        _forget(home)
        return True


# --- the home folder --------------------------------------------------------------------


def _home(home: Path | None) -> Path:
    path = (home or default_home()).expanduser().resolve()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@contextmanager
def _locked(home: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold HOME/lock; yields False, without waiting, if `wait` is off and it is taken."""
    with open(home / "lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _password(home: Path) -> str:
    """The password of `home`, made on first use."""
    path = home / "password"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(24))
    return _saved_password(home)


def _saved_password(home: Path) -> str:
    """The password a running server was started with: a new one would not be its own."""
    path = home / "password"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        raise Neo4jServerError(
            f"{path} is gone; stop the server and start it again to make a new one"
        ) from None


def _info(home: Path, pid: int, port: int, password: str) -> ServerInfo:
    uri = f"bolt://127.0.0.1:{port}"
    return ServerInfo(uri, USERNAME, password, DATABASE, pid, home)


def _remember(home: Path, pid: int, port: int) -> None:
    tmp = home / "server.json.tmp"
    tmp.write_text(json.dumps({"pid": pid, "port": port}))
    tmp.replace(home / "server.json")


def _forget(home: Path) -> None:
    (home / "server.json").unlink(missing_ok=True)


def _running(home: Path, *, tidy: bool = True) -> ServerInfo | None:
    server = _recorded(home, tidy=tidy)
    return None if server is None else _info(home, *server, _saved_password(home))


def _recorded(home: Path, *, tidy: bool = True) -> tuple[int, int] | None:
    """The pid and port in server.json if that server still runs; a stale record is removed
    when `tidy`."""
    try:
        state = json.loads((home / "server.json").read_text())
        pid, port = int(state["pid"]), int(state["port"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        pid, port = 0, 0
    if pid > 0 and _is_our_launcher(pid, home):
        return pid, port
    if tidy:
        _forget(home)
    return None


# --- processes --------------------------------------------------------------------------


def _is_our_launcher(pid: int, home: Path) -> bool:
    """Whether `pid` is the launcher serving `home`: a pid alone may have been reused."""
    _reap(pid)
    return f" {MAIN_CLASS} {home / 'data'} " in f" {_command_line(pid)} "


def _command_line(pid: int) -> str:
    """The arguments of `pid` joined by spaces; empty for a process gone or exited."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        if Path("/proc/self").exists():
            return ""  # Linux, and no such process
        ps = subprocess.run(  # no /proc (macOS)
            ["ps", "-p", str(pid), "-o", "command="], capture_output=True, text=True, check=False
        )
        return ps.stdout.strip()
    except PermissionError:
        return ""
    return os.fsdecode(raw).replace("\0", " ").strip()


def _reap(pid: int) -> None:
    """Collect `pid` if it is a child of ours that has exited, so it stops looking alive. A
    server started by this process (as in the tests) is such a child."""
    with suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _alive(pid: int) -> bool:
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _end(pid: int, *, grace: float) -> None:
    """SIGTERM, then SIGKILL if `pid` outlives `grace` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        with suppress(ProcessLookupError):
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(_POLL)
    raise Neo4jServerError(f"the Neo4j server (pid {pid}) does not stop, even when killed")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Neo4jServerError(
            f"`{name}` is not on PATH: vbgraph neo4j needs Java 17+ and Maven; install them"
            " and put `java` and `mvn` on PATH"
        )
    return path


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As a server would bind: a connection of a stopped server in TIME_WAIT is no obstacle.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            why = "is already in use" if exc.errno == errno.EADDRINUSE else f"cannot be used: {exc}"
            raise Neo4jServerError(f"port {port} {why}; choose another port") from exc


# --- building the launcher --------------------------------------------------------------


def _build_dir(home: Path, given: Path | None) -> Path:
    env = os.environ.get("VBGRAPH_NEO4J_BUILD")
    build = given or (Path(env) if env else home / "build")
    build = build.expanduser().resolve()
    build.mkdir(parents=True, exist_ok=True)
    return build


def _build_launcher(build: Path, log: Path, say: Callable[[str], None]) -> None:
    # Homes may share a build folder, so the build is locked apart from the home.
    pom = launcher_dir() / "pom.xml"
    if not pom.exists():
        raise Neo4jServerError(f"{pom} is missing: this vbgraph was installed without it")
    with _locked(build):
        if _is_built(build):
            return
        mvn = _tool("mvn")
        say("building the Neo4j launcher (first run downloads Neo4j with Maven)")
        command = [mvn, "-q", "-B", "-f", str(pom), "package", f"-Dvbgraph.build={build}"]
        with open(log, "wb") as out:
            result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False)
        if result.returncode != 0:
            raise Neo4jServerError(
                f"building the Neo4j launcher failed ({_first_error(log)}); see {log}"
            )
        # Maven leaves an unchanged classpath.txt as it was, yet its time marks the build.
        (build / "classpath.txt").touch()


def _is_built(build: Path) -> bool:
    """Whether the build is newer than the launcher's sources and its jars are all there."""
    classpath = build / "classpath.txt"
    main = build / "classes" / (MAIN_CLASS.replace(".", "/") + ".class")
    if not (classpath.exists() and main.exists()):
        return False
    source = launcher_dir()
    sources = [source / "pom.xml", *(p for p in (source / "src").rglob("*") if p.is_file())]
    if max(p.stat().st_mtime for p in sources) > classpath.stat().st_mtime:
        return False
    return all(Path(jar).exists() for jar in _classpath(build)[1:])


def _classpath(build: Path) -> list[str]:
    jars = (build / "classpath.txt").read_text().strip().split(os.pathsep)
    return [str(build / "classes"), *filter(None, jars)]


def _first_error(log: Path) -> str:
    lines = _ANSI_CODE.sub("", log.read_text(errors="replace")).splitlines()
    errors = [line.removeprefix("[ERROR]").strip() for line in lines if line.startswith("[ERROR]")]
    return next((e for e in errors if e), "Maven reported no error line")


# --- starting ---------------------------------------------------------------------------


def _launch(java: str, home: Path, build: Path, port: int, heap: str, password: str) -> int:
    """Spawn the launcher in a session of its own, so that it outlives this process. Spawned
    rather than run with subprocess: a Popen dropped while its process runs warns."""
    env = {
        **os.environ,
        "VBGRAPH_NEO4J_PASSWORD": password,
        # The classpath goes by environment too: it is long, and ps output stays readable.
        "CLASSPATH": os.pathsep.join(_classpath(build)),
    }
    command = [java, f"-Xmx{heap}", MAIN_CLASS, str(home / "data"), str(port)]
    log = os.open(home / "neo4j.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        pid = os.posix_spawn(
            java,
            command,
            env,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, log, 1),
                (os.POSIX_SPAWN_DUP2, log, 2),
            ],
            setsid=True,
        )
    finally:
        os.close(log)
    _remember(home, pid, port)
    return pid


def _wait_until_ready(home: Path, pid: int, port: int, password: str, timeout: float) -> None:
    log = home / "neo4j.log"
    deadline = time.monotonic() + timeout
    while not _says_ready(log):
        if not _alive(pid):
            raise Neo4jServerError(
                f"the Neo4j server exited while starting ({_last_words(log)}); see {log}"
            )
        if time.monotonic() > deadline:
            raise Neo4jServerError(f"the Neo4j server did not start in {timeout:g} s; see {log}")
        time.sleep(_POLL)
    _verify(_info(home, pid, port, password))


def _says_ready(log: Path) -> bool:
    return any(line.startswith("READY") for line in log.read_text(errors="replace").splitlines())


def _last_words(log: Path) -> str:
    """The line of the log that best says why Java stopped: the deepest `Caused by:`, or
    else the last line that is neither a stack frame nor the JVM's closing boilerplate."""
    lines = [line.strip() for line in log.read_text(errors="replace").splitlines()]
    lines = [line for line in lines if line and not line.startswith(_NOT_A_REASON)]
    causes = [line for line in lines if line.startswith("Caused by:")]
    return (causes or lines or ["no output"])[-1]


def _verify(info: ServerInfo) -> None:
    # Imported here: the driver takes a fifth of a second to import, and only start needs it.
    from neo4j import GraphDatabase
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        with GraphDatabase.driver(info.uri, auth=(info.username, info.password)) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError) as exc:
        log = info.home / "neo4j.log"
        raise Neo4jServerError(
            f"the Neo4j server does not answer on {info.uri} ({exc}); see {log}"
        ) from exc
