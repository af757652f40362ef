"""Extraction measured against the hand-made gold annotations of real documents.

The gold files and their documents (the PDF originals where the gazette published one) are
copied from the development corpus into tests/fixtures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vbgraph.evaluation import DocumentScore, Score, evaluate_file, gold_files, totals

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def results() -> list[DocumentScore]:
    return [evaluate_file(path) for path in gold_files([FIXTURES])]


@pytest.fixture(scope="module")
def reference(results: list[DocumentScore]) -> dict[str, Score]:
    (hau_giang,) = [r for r in results if "hau-giang" in r.source]
    return hau_giang.kinds


def test_all_six_gold_files_are_scored_from_their_originals(results: list[DocumentScore]) -> None:
    sources = sorted(Path(r.source).name for r in results)
    assert len(sources) == 6
    assert sum(s.endswith(".pdf") for s in sources) == 2


def test_numbered_citations_over_the_corpus(results: list[DocumentScore]) -> None:
    total = totals(results)
    citations = total["citations"]
    assert citations.precision >= 0.97, citations.extras
    assert citations.recall >= 0.95, citations.misses
    for name in ("doc_type", "date", "issuer"):
        field = total[f"citation {name}"]
        assert field.recall >= 0.90, field.misses


def test_reference_document_citations(reference: dict[str, Score]) -> None:
    assert reference["citations"].tp == 11
    assert reference["citations"].fp == 0, reference["citations"].extras
    for kind in ("citation doc_type", "citation date", "citation issuer", "citing heading"):
        assert reference[kind].fn == 0, reference[kind].misses


def test_reference_document_structure_and_names(reference: dict[str, Score]) -> None:
    assert reference["headings"].tp == 23 and reference["headings"].fp == 0
    assert reference["named references"].tp >= 6, reference["named references"].misses
    assert reference["agencies"].tp >= 12, reference["agencies"].misses
    assert reference["assignments"].recall == 1.0
    assert reference["recipients"].recall == 1.0
    assert reference["deadlines"].recall == 1.0
