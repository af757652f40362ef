"""HTML: the document body of a saved page, block elements as lines.

Pages saved from the national legal-information site keep the document in
`div#divContentDoc` / `div.content1`, among menus, related links and scripts; those
containers are looked for first, then <article>/<main>, then the whole <body>. Lines are
numbered by the source line of the HTML file where their text starts, so they can be found
with "view source". Parsed with lxml directly: it is many times faster than going through
BeautifulSoup and keeps source line numbers.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from ..errors import EmptyFile
from ..graph.model import SourceLine
from . import legacy
from .base import RawSource, check_not_binary, read_bytes

FORMAT = "html"
NO_TEXT = "the HTML page has no document text"

# Where the document itself is, most specific first (XPath 1.0 over lxml.html).
CONTENT_XPATHS = (
    "//*[@id='divContentDoc']",  # thuvienphapluat.vn: the Vietnamese text of the document
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' content1 ')]",
    "//*[@id='toanvancontent']",  # vbpl.vn: "toàn văn" (full text)
    "//article",
    "//main",
    "//body",
)
# fmt: off
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
SKIP_TAGS = frozenset((  # never the document: code, forms, menus, the <head>
    "script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "select",
    "button", "head", "title", "nav", "menu",
))
# fmt: on
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Browsers read these labels as Windows-1252 (WHATWG Encoding Standard); so do we.
_AS_CP1252 = {"iso8859-1", "latin-1", "ascii"}


def accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def read(path: Path) -> RawSource:
    import lxml.html  # type: ignore[import-untyped]  # only when an HTML file is read

    raw = read_bytes(path)
    check_not_binary(path, raw[:65536])
    text, notes = decode(raw)
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str with a declaration
    if not text.strip():
        raise EmptyFile(path.as_posix())
    try:
        document = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml.etree.ParserError: "Document is empty"
        raise EmptyFile(path.as_posix(), NO_TEXT) from exc
    return RawSource(format=FORMAT, lines=_lines(_content(document)), notes=notes, no_text=NO_TEXT)


def decode(raw: bytes) -> tuple[str, list[str]]:
    """The page's text: byte-order mark, then the declared charset, then UTF-8, then the
    legacy Vietnamese encodings (see legacy.py)."""
    for bom, bom_codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(bom_codec, errors="replace"), []
    declared = _declared_codec(raw[:4096])
    for codec in dict.fromkeys([declared or "utf-8", "utf-8"]):
        try:
            return raw.decode(codec), []
        except UnicodeDecodeError:
            continue
    text, note = legacy.decode_bytes(raw)
    return text, [note]


def _declared_codec(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _content(document: Any) -> Any:
    for xpath in CONTENT_XPATHS:
        found = document.xpath(xpath)
        if found and found[0].text_content().strip():
            return found[0]
    return document


class _LineBuilder:
    """Collects text into lines; whitespace runs become one space, as a browser shows them.
    A line's number is the source line of its first visible character."""

    def __init__(self) -> None:
        self.lines: list[SourceLine] = []
        self._parts: list[str] = []
        self._number: int | None = None

    def add(self, text: str, number: int | None) -> None:
        if self._number is None and number is not None and not text.isspace():
            lead = len(text) - len(text.lstrip())
            self._number = number + text.count("\n", 0, lead)
        self._parts.append(text)

    def end_line(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            self.lines.append(SourceLine(text, self._number or 1))
        self._parts, self._number = [], None


def _lines(root: Any) -> list[SourceLine]:
    """Walk the tree without recursion (pages nest deep): text and tails in order,
    a line break around every block element and at <br>."""
    out = _LineBuilder()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else None
        if closing:
            if tag in BLOCK_TAGS:
                out.end_line()
            if node is not root and node.tail:
                out.add(node.tail, node.sourceline)
            continue
        if tag is None or tag in SKIP_TAGS or _hidden(node):
            if node is not root and node.tail:  # comments and skipped elements keep tails
                out.add(node.tail, node.sourceline)
            continue
        if tag == "br" or tag in BLOCK_TAGS:
            out.end_line()
        if node.text:
            out.add(node.text, node.sourceline)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    out.end_line()
    return out.lines


def _hidden(node: Any) -> bool:
    style = node.get("style")
    return bool(style) and "display:none" in style.replace(" ", "").lower()
