"""Writing the graph out. JSON uses the same labels, relationship types and property keys as
the Neo4j backend:

    {"nodes": [{"id", "labels", "properties"}],
     "relationships": [{"id", "type", "start", "end", "properties"}]}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from vbgraph.errors import StoreError
from vbgraph.graph.model import Graph


def graph_to_json(graph: Graph) -> dict[str, Any]:
    return {
        "nodes": [
            {"id": n.id, "labels": [n.label.value], "properties": n.properties}
            for n in graph.nodes
        ],
        "relationships": [
            {"id": r.id, "type": r.type.value, "start": r.start, "end": r.end,
             "properties": r.properties}
            for r in graph.relationships
        ],
    }


def write_json(graph: Graph, out: IO[str]) -> None:
    json.dump(graph_to_json(graph), out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_atomically(path: str | Path, write: Callable[[IO[str]], None]) -> None:
    """Write text to a temporary file beside `path` and rename it into place, so that a
    failure never leaves a half-written export where the old one was."""
    with _temporary_beside(path) as (fd, tmp):
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.replace(tmp, path)


def write_bytes_atomically(path: str | Path, write: Callable[[IO[bytes]], None]) -> None:
    """`write_atomically` for writers that take a binary file (the RDF serialisers)."""
    with _temporary_beside(path) as (fd, tmp):
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)


@contextmanager
def _temporary_beside(path: str | Path) -> Iterator[tuple[int, str]]:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    # mkstemp makes the file private; the export gets the mode a new file would get.
    os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _new_file_mode())
    try:
        yield fd, tmp
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
