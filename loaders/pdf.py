"""PDF: the text layer of each page, through PDFium (pypdfium2), pages kept."""

from __future__ import annotations

import ctypes
import math
import re
from pathlib import Path
from typing import Any

from ..errors import CorruptFile, EncryptedFile, LoadError
from ..graph.model import SourceLine
from .base import RawSource, read_head

FORMAT = "pdf"
NO_TEXT = "the PDF has no text layer (a scanned image?): run OCR on it first"

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Acrobat looks for the end-of-file marker in the last 1024 bytes; so do we. PDFium opens
# many cut-off files without complaint and would quietly lose their last pages.
_TAIL = 1024


def accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".pdf" or b"%PDF-" in head[:1024]


def read(path: Path) -> RawSource:
    import pypdfium2 as pdfium  # only when a PDF is read: it loads a native library

    name = path.as_posix()
    if b"%PDF-" not in read_head(path, 1024):
        raise CorruptFile(name, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in _tail(path):
        raise CorruptFile(name, "the PDF is truncated (no end-of-file marker)")
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _open_error(name, exc) from exc
    try:
        lines = _read_pages(name, document)
    finally:
        document.close()
    return RawSource(format=FORMAT, lines=lines, no_text=NO_TEXT)


def _tail(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            handle.seek(max(0, handle.tell() - _TAIL))
            return handle.read()
    except OSError as exc:
        raise LoadError(path.as_posix(), f"cannot be read: {exc.strerror or exc}") from exc


def _open_error(name: str, exc: Exception) -> LoadError:
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    if code == raw.FPDF_ERR_PASSWORD:
        return EncryptedFile(name, "the PDF is password-protected")
    if code == raw.FPDF_ERR_SECURITY:
        return EncryptedFile(name, "the PDF uses an encryption PDFium cannot open")
    return CorruptFile(name, f"the PDF is damaged ({exc})")


def _read_pages(name: str, document: Any) -> list[SourceLine]:
    lines: list[SourceLine] = []
    for index in range(len(document)):
        try:
            text = _page_text(document[index])
        except Exception as exc:  # PDFium reports a broken page object in many ways
            raise CorruptFile(name, f"page {index + 1} of the PDF is damaged ({exc})") from exc
        for number, line in enumerate(_hyphen_breaks(_NEWLINE.split(text)), 1):
            if line:
                lines.append(SourceLine(line, number, index + 1))
    return lines


def _hyphen_breaks(lines: list[str]) -> list[str]:
    """Put back the line ends PDFium removes after a hyphen.

    PDFium takes a hyphen at the end of a line for a word broken in two: it joins the
    lines and leaves U+FFFE for the hyphen. Vietnamese does not break words that way, but
    codes break at their hyphens ("01/2022/TTLT-VKSNDTC-" / "TANDTC-BCA-BQP-BLĐTBXH"), so the
    hyphen and the line end come back and the code repair step makes the code whole.
    """
    if not any("\ufffe" in line for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        parts = line.split("\ufffe")
        out += [part + "-" for part in parts[:-1]] + [parts[-1]]
    return out


def _page_text(page: Any) -> str:
    textpage = page.get_textpage()
    try:
        text: str = textpage.get_text_range()
        return _join_vertical_breaks(textpage, text)
    finally:
        textpage.close()
        page.close()


def _join_vertical_breaks(textpage: Any, text: str) -> str:
    """Undo the line breaks PDFium puts inside vertical (rotated) text.

    On a table turned sideways PDFium breaks a line at nearly every accented letter
    ("Trường h" / "ợp"). A break is false when the glyphs on both sides are rotated a
    quarter turn, stand in the same column and follow each other closely; a wider gap
    between them is a lost space. Horizontal text is never touched.
    """
    import pypdfium2.raw as raw

    if "\r\n" not in text or textpage.count_chars() != len(text):
        return text  # nothing to do, or characters outside the BMP shift the indices
    pieces: list[str] = []
    done = 0
    for match in re.finditer(r"\r\n", text):
        before, after = match.start() - 1, match.end()
        if before < 0 or after >= len(text):
            continue
        joint = _vertical_joint(raw, textpage, before, after)
        if joint is not None:
            pieces += [text[done : match.start()], joint]
            done = match.end()
    return "".join([*pieces, text[done:]])


def _vertical_joint(raw: Any, textpage: Any, before: int, after: int) -> str | None:
    """ "" or " " when the glyphs at `before` and `after` continue one vertical line."""
    for index in (before, after):
        angle = raw.FPDFText_GetCharAngle(textpage, index) % math.pi
        if abs(angle - math.pi / 2) > 0.1:
            return None
    left_a, right_a, bottom_a, top_a = _box(raw, textpage, before)
    left_b, right_b, bottom_b, top_b = _box(raw, textpage, after)
    size = right_a - left_a  # across the line: the font size, near enough
    overlap = min(right_a, right_b) - max(left_a, left_b)
    if size <= 0 or overlap < 0.5 * min(size, right_b - left_b):
        return None
    gap = max(bottom_b - top_a, bottom_a - top_b)  # whichever way the line runs
    if not -1.5 <= gap <= 0.6 * size:
        return None
    return " " if gap > 0.3 * size else ""


def _box(raw: Any, textpage: Any, index: int) -> tuple[float, float, float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
    return left.value, right.value, bottom.value, top.value
