"""The `vbgraph` command end to end on real documents, through Typer's runner."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.graph.model import RelType
from vbgraph.graph.store import EmbeddedStore
from vbgraph.queries.lookup import describe

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "hau-giang-q4-2024.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "graph.db")
    code, _out, err = run("build", str(EXAMPLE), "--db", path)
    assert code == 0, err
    return path


def test_cites_finds_the_task_and_the_sentence(db: str) -> None:
    code, out, _ = run("cites", "208-qd/tw", "--db", db, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 1
    row = rows[0]
    assert row["cited"] == "208-QĐ/TW"
    assert row["task"] == "II.1.2"
    assert row["title"].startswith("Công tác tổ chức, cán bộ")
    assert "208-QĐ/TW" in row["quote"]
    assert "trung tâm chính trị cấp huyện" in row["quote"]
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert "208-QĐ/TW" in lines[row["line"] - 1]


def test_codes_typed_with_spaces_or_without_diacritics_match(db: str) -> None:
    for typed in ("208 - QĐ/TW", "208-QD/TW", "208-qđ/tw"):
        code, out, _ = run("cites", typed, "--db", db, "--format", "json")
        assert code == 0, typed
        assert len(json.loads(out)) == 1


def test_a_coordinated_citation_gives_both_documents_date_and_issuer(db: str) -> None:
    out = Path(db).with_suffix(".json")
    assert run("export", "--format", "json", "-o", str(out), "--db", db)[0] == 0
    graph = json.loads(out.read_text(encoding="utf-8"))
    docs = {n["properties"].get("code"): n["properties"] for n in graph["nodes"]
            if n["labels"] == ["Document"]}
    for code in ("217-QĐ/TW", "218-QĐ/TW"):
        assert docs[code]["issuedDate"] == "2013-12-12"
        assert docs[code]["issuer"] == "Bộ Chính trị"


def test_export_uses_the_documented_shape(db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    code, _, _ = run("export", "--format", "json", "-o", str(out), "--db", db)
    assert code == 0
    graph = json.loads(out.read_text(encoding="utf-8"))
    assert set(graph) == {"nodes", "relationships"}
    node_ids = {n["id"] for n in graph["nodes"]}
    for node in graph["nodes"]:
        assert set(node) == {"id", "labels", "properties"}
    for rel in graph["relationships"]:
        assert set(rel) == {"id", "type", "start", "end", "properties"}
        assert rel["start"] in node_ids and rel["end"] in node_ids
        assert {"sourceFile", "line", "quote"} <= set(rel["properties"])
    types = {r["type"] for r in graph["relationships"]}
    assert {"CITES", "PART_OF", "ISSUED_BY", "ADDRESSED_TO", "ASSIGNED_TO"} <= types


def test_export_into_a_missing_folder_fails_cleanly(db: str, tmp_path: Path) -> None:
    code, _, err = run("export", "-o", str(tmp_path / "nope" / "g.json"), "--db", db)
    assert code != 0
    assert err.startswith("Error: ") and "nope" in err
    assert not (tmp_path / "nope").exists()


def test_stats_and_uncovered_as_csv(db: str, tmp_path: Path) -> None:
    code, out, _ = run("stats", "--db", db, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    counts = {r[0]: r[1] for r in rows if len(r) == 2}
    assert int(counts["Task"]) >= 23
    target = tmp_path / "uncovered.csv"
    code, _, _ = run("uncovered", "--db", db, "--format", "csv", "-o", str(target))
    assert code == 0
    raw = target.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")  # so that Excel reads Vietnamese right
    findings = list(csv.DictReader(io.StringIO(raw.lstrip("\ufeff"))))
    missing = {r["document"] for r in findings if r["finding"] == "not in corpus"}
    with EmbeddedStore(db) as store:  # every document cited to implement it, but not loaded
        expected = {describe(store.node(r.end)) for r in store.relationships(RelType.CITES)
                    if r.properties.get("intent") == "implements"
                    and not store.node(r.end).properties.get("inCorpus")}  # type: ignore[union-attr]
    assert missing == expected and len(missing) > 5


def test_trace_follows_citations_out_of_the_document(db: str) -> None:
    code, out, _ = run("trace", "hau-giang-q4-2024", "--db", db, "--format", "json")
    assert code == 0  # a document without a readable number is found by its file name
    cited = {r["to"] for r in json.loads(out) if r["direction"] == "cites"}
    assert {"208-QĐ/TW", "217-QĐ/TW", "Điều lệ Đảng"} <= cited
    code, out, _ = run("trace", "208-QĐ/TW", "--db", db, "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert any(r["direction"] == "cited by" and r["task"] == "II.1.2" for r in rows)


def test_unknown_code_is_a_one_line_error(db: str) -> None:
    code, out, err = run("cites", "999-QĐ/TW", "--db", db)
    assert code == 4
    assert out == ""
    assert err.strip().count("\n") == 0 and "999-QĐ/TW" in err


def test_querying_a_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("stats", "--db", str(tmp_path / "none.db"))
    assert code == 3
    assert err.startswith("Error: ") and "none.db" in err
    assert not (tmp_path / "none.db").exists()


def test_rebuilding_the_same_file_changes_nothing(db: str, tmp_path: Path) -> None:
    before, after = tmp_path / "a.json", tmp_path / "b.json"
    run("export", "-o", str(before), "--db", db)
    code, out, _ = run("build", str(EXAMPLE), "--db", db, "--format", "json")
    assert code == 0
    assert json.loads(out)[0][0]["unchanged"] == 1
    run("export", "-o", str(after), "--db", db)
    assert before.read_text(encoding="utf-8") == after.read_text(encoding="utf-8")


def test_a_changed_document_replaces_its_old_version(tmp_path: Path) -> None:
    doc = tmp_path / "programme.txt"
    shutil.copy(EXAMPLE, doc)
    db = str(tmp_path / "g.db")
    assert run("build", str(doc), "--db", db)[0] == 0
    assert run("cites", "144-QĐ/TW", "--db", db)[0] == 0
    text = doc.read_text(encoding="utf-8").replace("Quy định số 144-", "Quy định ")
    text = text.replace("QĐ/TW của Bộ Chính trị về chuẩn", "của Bộ Chính trị về chuẩn")
    doc.write_text(text, encoding="utf-8")
    assert run("build", str(doc), "--db", db)[0] == 0
    code, _, _ = run("cites", "144-QĐ/TW", "--db", db)
    assert code == 4, "the old citation and its orphan document are gone"
    assert run("cites", "208-QĐ/TW", "--db", db)[0] == 0


def test_bad_files_are_reported_and_the_rest_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    db = str(tmp_path / "g.db")
    code, out, err = run("build", str(folder), "--db", db, "--format", "json")
    assert code == 2
    errors = err.strip().splitlines()
    assert len(errors) == 3
    for name in ("empty.txt", "binary.txt", "broken.pdf"):
        assert sum(name in line and line.startswith("Error: ") for line in errors) == 1
    assert json.loads(out)[0][0]["written"] == 1
    assert run("cites", "208-QĐ/TW", "--db", db)[0] == 0


def test_a_pdf_and_its_text_copy_are_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "gazette"
    folder.mkdir()
    for suffix in (".pdf", ".txt"):
        name = "cb__quyet-dinh-so-28-2021-qd-ttg-34546" + suffix
        shutil.copy(FIXTURES / name, folder / name)
    db = str(tmp_path / "g.db")
    code, out, err = run("build", str(folder), "--db", db, "--format", "json")
    assert code == 0
    summary = json.loads(out)[0][0]
    assert (summary["written"], summary["duplicates"]) == (1, 1)
    assert "same document" in err and ".txt" in err
    code, out, _ = run("cites", "60/2021/NĐ-CP", "--db", db, "--format", "json")
    assert code == 0
    assert {Path(row["sourceFile"]).suffix for row in json.loads(out)} == {".pdf"}


def test_a_moved_document_replaces_its_old_copy(tmp_path: Path) -> None:
    old = tmp_path / "old.pdf"
    shutil.copy(FIXTURES / "cb__quyet-dinh-so-28-2021-qd-ttg-34546.pdf", old)
    db = str(tmp_path / "g.db")
    assert run("build", str(old), "--db", db)[0] == 0
    new = old.rename(tmp_path / "new.pdf")
    code, _, err = run("build", str(new), "--db", db)
    assert code == 0 and "replaces" in err
    code, out, _ = run("cites", "60/2021/NĐ-CP", "--db", db, "--format", "json")
    assert {row["sourceFile"] for row in json.loads(out)} == {str(new)}


def test_a_quote_is_the_citing_sentence_not_the_heading_above_it(db: str) -> None:
    code, out, _ = run("cites", "238-KH/TU", "--db", db, "--format", "json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["task"] == "II.1.3"
    assert row["quote"].startswith("Tổ chức tiếp xúc, đối thoại")
    assert row["quote"].endswith("ngày 17/01/2024[1].")
    assert row["footnote"] == "Với thanh niên hoàn thành nghĩa vụ quân sự."


def test_building_from_a_missing_path_creates_no_store(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    code, out, err = run("build", str(tmp_path / "missing.pdf"), "--db", str(db))
    assert code == 2
    assert out == ""
    assert err.strip() == f"Error: {tmp_path / 'missing.pdf'}: no such file or folder"
    assert not db.exists()
