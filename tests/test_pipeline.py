"""The whole pipeline finds the same things whatever form the text arrives in."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vbgraph.graph.model import Extraction
from vbgraph.pipeline import extract_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MADE = FIXTURES / "made"


def _found(ex: Extraction) -> list[tuple[str | None, str | None, str | None, str | None]]:
    return [(c.code, c.doc_type, c.issued_date, c.title) for c in ex.citations]


@pytest.mark.parametrize(
    "variant",
    ["hau-giang-tcvn3.txt", "hau-giang-vni.txt", "hau-giang-cp1258.txt"],
)
def test_legacy_and_windows_encodings_give_the_same_citations(variant: str) -> None:
    expected = extract_file(MADE / "hau-giang-utf8-bom.txt")
    assert any(c.code == "137-QĐ/TW" for c in expected.citations)
    got = extract_file(MADE / variant)
    assert _found(got) == _found(expected)
    assert [(t.path, t.title) for t in got.tasks] == [(t.path, t.title) for t in expected.tasks]


def test_decomposed_unicode_gives_the_same_graph_input(tmp_path: Path) -> None:
    original = FIXTURES / "hau-giang-q4-2024.txt"
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(
        unicodedata.normalize("NFD", original.read_text(encoding="utf-8")), encoding="utf-8"
    )
    expected, got = extract_file(original), extract_file(nfd)
    assert len(expected.citations) >= 11
    assert _found(got) == _found(expected)
    assert [a.name for a in got.agencies] == [a.name for a in expected.agencies]


def test_a_docx_gives_the_citations_of_the_text_it_was_made_from() -> None:
    from_docx = extract_file(MADE / "hau-giang-q4-2024.docx")
    from_text = extract_file(FIXTURES / "hau-giang-q4-2024.txt")
    codes = {c.code for c in from_text.citations if c.code}
    assert codes == {c.code for c in from_docx.citations if c.code}
    assert [t.path for t in from_docx.tasks] == [t.path for t in from_text.tasks]
    assert from_docx.source.footnotes  # the Word footnote is kept apart from the body
