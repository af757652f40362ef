"""`vbgraph serve` as users run it: the command in its own process, its JSON calls over HTTP,
and the app in a real headless Chromium (search, expand on click, evidence, CSV)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app

HOSTILE = """ĐẢNG BỘ TỈNH HẬU GIANG                    ĐẢNG CỘNG SẢN VIỆT NAM
TỈNH ỦY
Số 99-CTr/TU                              Hậu Giang, ngày 02 tháng 10 năm 2024

CHƯƠNG TRÌNH
<script>window.__pwned=1</script> công tác <img src=x onerror="window.__pwned=2">

I. NHIỆM VỤ TRỌNG TÂM
1. Triển khai thực hiện Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư.
Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu thực hiện.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    (folder / "ctr-99.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder.parent / "serve.db"
    result = CliRunner().invoke(app, ["build", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def url(store: Path) -> Iterator[str]:
    """The address `vbgraph serve` prints, with the server running in its own process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "vbgraph.cli", "serve", "--db", str(store), "--port", "0"],
        stderr=subprocess.PIPE, text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    try:
        assert found, f"serve printed {line!r}"
        yield found.group(0)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    try:
        return status, json.loads(body)
    except ValueError:
        return status, body.decode()


# ----------------------------------------------------------------------------- HTTP


def test_search_answers_a_code_typed_loosely_with_its_neighbours(url: str) -> None:
    status, data = get(url + "api/search?q=208-qd/tw")
    assert status == 200
    ids = {node["id"] for node in data["nodes"]}
    assert {"doc:208-qd-tw", "agency:ban-bi-thu"} <= ids
    assert any(e["type"] == "CITES" and e["to"] == "doc:208-qd-tw" for e in data["edges"])


def test_search_by_part_of_a_name(url: str) -> None:
    status, data = get(url + "api/search?q=" + urllib.request.quote("tuyên giáo"))
    assert status == 200
    assert "agency:ban-tuyen-giao-tinh-uy-hau-giang" in {n["id"] for n in data["nodes"]}


def test_expand_gives_a_nodes_links_with_their_evidence(url: str) -> None:
    status, data = get(url + "api/expand?id=" + urllib.request.quote("agency:ban-bi-thu"))
    assert status == 200
    edge = next(e for e in data["edges"] if e["type"] == "ISSUED_BY")
    details = dict(edge["details"])
    assert "208-QĐ/TW" in details["Câu trích"] and details["Dòng"] > 0


def test_unknown_nodes_and_wrong_hosts_are_refused(url: str) -> None:
    status, data = get(url + "api/expand?id=doc:nothing")
    assert status == 404 and data == {"error": "doc:nothing: no such node"}
    status, data = get(url + "api/search?q=zzzz")
    assert status == 404 and "nothing in the graph" in data["error"]
    assert get(url, {"Host": "attacker.example:80"})[0] == 421
    assert get(url + "nowhere")[0] == 404


def test_a_port_in_use_is_a_one_line_error(url: str, store: Path) -> None:
    port = url.rsplit(":", 1)[1].strip("/")
    result = CliRunner().invoke(app, ["serve", "--db", str(store), "--port", port])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: 127.0.0.1:{port}: cannot listen there")


# -------------------------------------------------------------------------- browser


@pytest.fixture
def page(browser: Any, url: str) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


def click_node(page: Any, node_id: str) -> None:
    point = page.evaluate(
        "id => vbgraph.network.canvasToDOM(vbgraph.network.getPositions([id])[id])", node_id
    )
    box = page.query_selector("#vb-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_the_app_searches_expands_and_downloads(page: Any, url: str, wait_until: Any) -> None:
    page.goto(url + "?focus=208-QĐ/TW")
    wait_until(page, "vbgraph.nodes.get('doc:208-qd-tw') !== null")
    wait_until(page, "vbgraph.network.getPositions(['agency:ban-bi-thu'])['agency:ban-bi-thu']")
    before = page.evaluate("vbgraph.nodes.length")
    page.fill("#vb-query", "Ban Bí thư")
    page.click("#vb-search button")
    wait_until(page, "vbgraph.network.getSelectedNodes()[0] === 'agency:ban-bi-thu'")
    click_node(page, "agency:ban-bi-thu")
    assert "Ban Bí thư" in page.inner_text("#vb-details")
    page.wait_for_timeout(300)
    assert page.evaluate("vbgraph.nodes.length") >= before
    with page.expect_download() as download:
        page.click("#vb-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeffphần tử,id,tên")
    assert "doc:208-qd-tw" in text
    assert page.problems == []
    assert all(r.startswith(url) for r in page.requests), page.requests


def test_titles_with_markup_show_as_text_in_the_app(
    page: Any, url: str, wait_until: Any
) -> None:
    page.goto(url + "?focus=99-CTr/TU")
    wait_until(page, "vbgraph.nodes.get('doc:hau-giang:99-ctr-tu') !== null")
    page.evaluate("vbgraph.focusNode('doc:hau-giang:99-ctr-tu')")
    details = page.inner_text("#vb-details")
    assert "<script>window.__pwned=1</script>" in details
    assert '<img src=x onerror="window.__pwned=2">' in details
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.problems == []
