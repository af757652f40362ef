"""Word (.docx): body paragraphs in document order, table cells included, and footnotes.

Lines are numbered by paragraph, counting every paragraph of the body (empty ones too), so
"line 12" is the twelfth paragraph. Word has no fixed pages, so `page` stays unknown.
A footnote reference becomes "[n]" in the text, n counting references in reading order,
and the footnote's text goes to `footnotes["n"]`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..errors import CorruptFile, EncryptedFile, UnsupportedFormat
from ..graph.model import SourceLine
from .base import RawSource, read_bytes, read_head

FORMAT = "docx"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file: .doc, or encrypted
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text boxes appear twice (DrawingML and a VML fallback); deleted revisions and field
# instructions are not text a reader sees.
_SKIP = {_FALLBACK, f"{_W}del", f"{_W}instrText", f"{_W}delText"}


def accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".docx" or head.startswith(b"PK\x03\x04")


def read(path: Path) -> RawSource:
    import docx  # python-docx, only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError

    name = path.as_posix()
    _check_container(path, name)
    try:
        document = docx.Document(str(path))
        body = document.element.body
        footnote_xml = _footnotes_part(document)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CorruptFile(name, f"not a readable Word document ({exc})") from exc
    references: dict[str, str] = {}
    lines = _body_lines(body, references)
    footnotes = _footnote_texts(footnote_xml, references) if footnote_xml is not None else {}
    return RawSource(
        format=FORMAT, lines=lines, footnotes=footnotes, no_text="the Word document has no text"
    )


def _check_container(path: Path, name: str) -> None:
    head = read_head(path)
    if head.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in read_bytes(path):
            raise EncryptedFile(name, "the Word document is password-protected")
        raise UnsupportedFormat(name, "an old binary Word file (.doc), not .docx: save it as .docx")
    if not head.startswith(b"PK\x03\x04"):
        raise CorruptFile(name, "not a Word document (not a .docx zip package)")


def _etree() -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    return etree


def _footnotes_part(document: Any) -> Any:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return None  # no footnotes in this document
    return _etree().fromstring(part.blob)


def _body_lines(body: Any, references: dict[str, str]) -> list[SourceLine]:
    """One line per paragraph (soft line breaks split it into more lines, same number)."""
    lines: list[SourceLine] = []
    for number, paragraph in enumerate(_paragraphs(body), 1):
        text = _paragraph_text(paragraph, references)
        lines.extend(SourceLine(part, number) for part in text.split("\n") if part.strip())
    return lines


def _paragraphs(element: Any) -> list[Any]:
    found = []
    walker = _etree().iterwalk(element, events=("start",))
    for _, node in walker:
        if node.tag in _SKIP:
            walker.skip_subtree()
        elif node.tag == f"{_W}p":
            found.append(node)
            walker.skip_subtree()  # text boxes inside it are read with it
    return found


def _paragraph_text(paragraph: Any, references: dict[str, str]) -> str:
    parts: list[str] = []
    walker = _etree().iterwalk(paragraph, events=("start",))
    for _, node in walker:
        tag = node.tag
        if tag in _SKIP:
            walker.skip_subtree()
        elif tag == f"{_W}t":
            parts.append(node.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr") or (tag == f"{_W}p" and node is not paragraph):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}footnoteReference":
            number = references.setdefault(node.get(f"{_W}id", ""), str(len(references) + 1))
            parts.append(f"[{number}]")
    return "".join(parts)


def _footnote_texts(root: Any, references: dict[str, str]) -> dict[str, str]:
    """Footnote text by the number its reference got in the body (separators skipped)."""
    notes: dict[str, str] = {}
    for note in root.iter(f"{_W}footnote"):
        number = references.get(note.get(f"{_W}id", ""))
        if number is None:
            continue  # separators, and notes nothing refers to
        text = " ".join(_paragraph_text(p, {}) for p in note.iter(f"{_W}p"))
        notes[number] = " ".join(text.split())
    return notes
