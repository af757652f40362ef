"""Reading source files into SourceText: one reader per format, then the repair steps.

    read_source("cb__quyet-dinh-so-28-2021-qd-ttg-34546.pdf")  -> SourceText
    find_sources(["corpus/"])                                  -> [Path, ...]

A reader is a module with `accepts(path, head)` and `read(path) -> RawSource`; `READERS`
lists them in the order they are asked. A bad file raises a LoadError subclass that names
it, never anything else.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import CorruptFile, EmptyFile, LoadError, UnsupportedFormat
from ..graph.model import SourceText
from . import docx, html, pdf, repair, text
from .base import Reader, read_head
from .repair import paragraphs

__all__ = [
    "READERS",
    "SUPPORTED_SUFFIXES",
    "collector_paused",
    "find_sources",
    "paragraphs",
    "read_source",
]

SUPPORTED_SUFFIXES = frozenset({".txt", ".pdf", ".docx", ".html", ".htm"})

# Content beats the name: a ".txt" that is really a PDF is read as a PDF. So the readers
# that recognise content (PDF, Word) come before those that go by the name alone.
READERS: tuple[Reader, ...] = (pdf, docx, html, text)


def read_source(path: str | Path) -> SourceText:
    """Read and repair one file. SourceText.path is the path as given, in posix form."""
    shown = _shown(path)
    file = Path(path)
    _check_file(file, shown)
    head = read_head(file)
    if not head:
        raise EmptyFile(shown)
    reader = next((r for r in READERS if r.accepts(file, head)), None)
    if reader is None:  # not reached for the supported suffixes: text takes .txt
        raise UnsupportedFormat(shown)
    try:
        with collector_paused():
            raw = reader.read(file)
            source = repair.repair(raw, shown)
    except LoadError as exc:
        raise type(exc)(shown, exc.problem) from exc
    except MemoryError:
        raise
    except Exception as exc:  # a library choking on a damaged file: say so, name the file
        raise CorruptFile(shown, f"cannot be read ({type(exc).__name__}: {exc})") from exc
    if not source.lines:
        raise EmptyFile(shown, raw.no_text)
    return source


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading builds tens of thousands of small objects that all live on: the cyclic
    garbage collector would walk them again and again and find nothing to free (a fifth
    of the time on a large text file). Reference counting frees memory as usual.
    Extraction and the graph build are the same: the pipeline pauses it for them too."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def find_sources(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read: the files given, and every supported file under the folders given
    (recursively, sorted, skipping hidden files and folders and *.json annotations)."""
    found: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            found.append(path)
        else:
            raise LoadError(_shown(item), "no such file or folder")
    return found


def _walk(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            file = Path(root, name)
            if not name.startswith(".") and file.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(file)
    return sorted(files)


def _shown(path: str | Path) -> str:
    shown = os.fspath(path)
    return shown.replace(os.sep, "/") if os.sep != "/" else shown


def _check_file(file: Path, shown: str) -> None:
    if not file.exists():
        raise LoadError(shown, "no such file or folder")
    if file.is_dir():
        raise LoadError(shown, "is a folder, not a file")
    if file.suffix.lower() not in SUPPORTED_SUFFIXES:
        kind = f"'{file.suffix}'" if file.suffix else "(no extension)"
        raise UnsupportedFormat(
            shown, f"unsupported file type {kind}: expected .txt, .pdf, .docx, .html or .htm"
        )
