"""docs/neo4j.md and docs/neo4j/vbgraph.grass against the code: every Cypher example of the guide
runs on a real server over a small corpus, and the style sheet styles every label and type."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from vbgraph.errors import StoreError
from vbgraph.graph.model import Label, RelType
from vbgraph.graph.neo4j_store import Neo4jStore
from vbgraph.graph.neo4j_write import FACT, META, SOURCE, WINNERS
from vbgraph.pipeline import build

pytestmark = pytest.mark.xdist_group("neo4j")

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "neo4j.md"
STYLE = ROOT / "docs" / "neo4j" / "vbgraph.grass"
EXAMPLE = ROOT / "examples" / "hau-giang-q4-2024.txt"
FIXTURES = ROOT / "tests" / "fixtures"
PARAMS = {"code": "208-QĐ/TW"}
# An example whose text says so may find nothing in the test corpus; every other one must.
OPTIONAL = "may return no rows"


def cypher_blocks() -> list[str]:
    return re.findall(r"^```cypher\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)


def params_of(query: str) -> dict[str, str]:
    used = set(re.findall(r"\$(\w+)", query))
    assert used <= set(PARAMS), f"the guide's query uses unknown parameters: {used - set(PARAMS)}"
    return {name: value for name, value in PARAMS.items() if name in used}


def corpus(tmp: Path) -> list[Path]:
    shutil.copy(EXAMPLE, tmp / EXAMPLE.name)
    for pattern in ("*.txt", "*.pdf", "*.html"):
        for path in FIXTURES.glob(pattern):
            if not (tmp / path.name).exists():  # the fixtures hold a copy of the example too
                shutil.copy(path, tmp / path.name)
    return sorted(tmp.iterdir())


def test_the_guide_has_its_examples() -> None:
    blocks = cypher_blocks()
    assert len(blocks) >= 6
    # The guide tells readers to put a query in single quotes in the shell.
    assert not [query for query in blocks if "'" in query]


def test_every_query_of_the_guide_runs_and_finds_something(
    neo4j: Neo4jStore, tmp_path: Path
) -> None:
    report = build(corpus(tmp_path), neo4j, workers=1)
    assert not report.failed and not report.not_written
    assert neo4j.node("doc:208-qd-tw") is not None
    problems = []
    for number, query in enumerate(cypher_blocks(), 1):
        try:
            columns, rows = neo4j.cypher(query, params_of(query))
        except StoreError as exc:  # every failing example is reported at once
            problems.append(f"query {number} fails: {exc}\n{query}")
            continue
        assert columns, query
        if not rows and OPTIONAL not in query:
            problems.append(f"query {number} returns no rows:\n{query}")
    assert not problems, "\n\n".join(problems)
    # Browser shows an absent property as nothing: each node must have one its caption names.
    sheet = parse_grass(STYLE.read_text(encoding="utf-8"))
    for label in Label:
        keys = re.findall(r"\{(\w+)\}", sheet[f"node.{label}"]["caption"])
        assert keys and WINNERS not in keys, label
        blank = " AND ".join(f"n.{key} IS NULL" for key in keys)
        _, rows = neo4j.cypher(f"MATCH (n:{label}) WHERE {blank} RETURN n.id", {})
        assert not rows, f"{label} nodes with an empty caption: {rows}"


# ------------------------------------------------------------------ the style sheet


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """GraSS as Neo4j Browser reads it (GraphStyle.ts `parse`): braces inside single quotes are
    text, quotes are dropped, properties split at `;` and then `:` (so no value may hold one)."""
    rules: dict[str, str] = {}
    keyword, props, in_string, in_props = "", "", False, False
    for c in text:
        if c == "'":
            in_string = not in_string
            continue
        if c == "{" and not in_string:
            in_props = True
            continue
        if c == "}" and not in_string:
            in_props = False
            rules[keyword] = props
            keyword, props = "", ""
            continue
        if in_props:
            props += c
        elif not c.isspace():
            keyword += c
    parsed: dict[str, dict[str, str]] = {}
    for selector, body in rules.items():
        parsed[selector] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
                assert len(parts) == 2, f"{selector}: a ':' in {prop.strip()!r} cuts it short"
                parsed[selector][parts[0].strip()] = parts[1].strip()
    return parsed


def test_the_style_sheet_styles_every_label_and_type() -> None:
    sheet = parse_grass(STYLE.read_text(encoding="utf-8"))
    nodes = {f"node.{name}" for name in [*Label, SOURCE, FACT, META]}
    rels = {f"relationship.{rel_type}" for rel_type in RelType}
    assert set(sheet) == {"node", "relationship"} | nodes | rels
    for selector in nodes | rels:
        style = sheet[selector]
        assert {"color", "caption"} <= set(style), selector
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", style["color"]), selector
    colours = [sheet[f"node.{label}"]["color"] for label in Label]
    assert len(set(colours)) == len(colours)
    assert len({sheet[selector]["color"] for selector in rels}) == len(rels)
    size = {label: int(sheet[f"node.{label}"]["diameter"].removesuffix("px")) for label in Label}
    assert size[Label.DOCUMENT] == max(size.values())
