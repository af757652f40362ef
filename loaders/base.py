"""What every reader hands to the repair steps, and the file checks readers share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import BinaryFile, LoadError
from ..graph.model import SourceLine

HEAD_SIZE = 8192


@dataclass(slots=True)
class RawSource:
    """A file as its reader saw it, before repair.

    `lines` keeps whitespace-only lines (their width tells a footnote rule from a blank line)
    but may leave out empty ones: a gap in `number` stands for them. `no_text` is the
    message for a file that turns out to have no text at all. `prepared` says the reader
    already ran the clean and page steps, over the whole text at once.
    """

    format: str
    lines: list[SourceLine]
    footnotes: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    no_text: str = "the file has no text"
    prepared: bool = False


class Reader(Protocol):
    """One module per format: `accepts` looks at the name and the first bytes, `read` reads."""

    def accepts(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path) -> RawSource: ...


def read_bytes(path: Path) -> bytes:
    """The whole file, with an OSError turned into a LoadError that names the file."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(path.as_posix(), f"cannot be read: {exc.strerror or exc}") from exc


def read_head(path: Path, size: int = HEAD_SIZE) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as exc:
        raise LoadError(path.as_posix(), f"cannot be read: {exc.strerror or exc}") from exc


# Bytes that never occur in text: C0 controls other than tab, newlines, form feed and the
# old DOS end-of-file mark (0x1A), which some converters still append.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))


def looks_binary(sample: bytes) -> bool:
    """NUL bytes, or more than 5% control bytes: not text in any 8-bit or UTF-8 encoding.

    Call it after UTF-16 has been ruled out: UTF-16 text is full of NULs.
    """
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(sample)


def check_not_binary(path: Path, sample: bytes) -> None:
    if looks_binary(sample):
        raise BinaryFile(path.as_posix())
