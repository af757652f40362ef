"""The audit: mandates, who carries them, what covers them, what is left or overdue.

The Công Hải documents are a whole-term programme of a commune Party committee (13/11/2025),
the conclusion of its December 2025 conference, and a report of its standing committee whose
date line was left blank. The findings pinned here are read in docs/audit.md.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from vbgraph.cli import app
from vbgraph.errors import QueryError
from vbgraph.graph.build import agency_id, document_id, task_id
from vbgraph.graph.model import Evidence, Graph, Label, Node, Relationship, RelType
from vbgraph.graph.store import EmbeddedStore
from vbgraph.queries.audit import Audit, Finding, Status, audit
from vbgraph.queries.mandates import due_date

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONG_HAI = sorted(FIXTURES.glob("party__conghai__*.txt"))
PROGRAMME = "party__conghai__CTr_22-CTr_DU_2025"
UBND_PARTY = "Đảng ủy Ủy ban nhân dân xã Công Hải"
MID_2026 = date(2026, 6, 30)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def cong_hai(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cong-hai")
    for path in CONG_HAI:
        shutil.copy(path, folder / path.name)
    db = folder / "graph.db"
    code, _, err = run("build", str(folder), "--db", str(db))
    assert code == 0, err
    return db


@pytest.fixture(scope="module")
def graph(cong_hai: Path) -> Graph:
    with EmbeddedStore(cong_hai) as store:
        return store.graph()


def by_path(result: Audit) -> dict[str, Finding]:
    return {f.mandate.path: f for f in result.findings if f.mandate.path}


# ------------------------------------------------------------------ mandates


def test_the_programmes_mandates_carry_their_assignees_and_deadlines(graph: Graph) -> None:
    found = by_path(audit(graph, as_of=MID_2026, document=PROGRAMME))
    assert len(found) >= 35
    resolution = found["A.II.2.1"].mandate  # "Nghị quyết về phát triển kinh tế - xã hội ..."
    assert [(a.name, a.role) for a in resolution.assignees] == [(UBND_PARTY, "lead")]
    assert (resolution.due, resolution.due_text) == ("2026-01", "trình trong tháng 01/2026")
    plan = found["B.II.2.2"].mandate  # "Kế hoạch triển khai Nghị quyết số 12-NQ/TW ..."
    assert [(a.name, a.role) for a in plan.assignees] == [
        (UBND_PARTY, "lead"), ("Công an xã Công Hải", "cooperate")]
    assert plan.targets == {document_id("12-NQ/TW"): "implements"}
    assert found["B.II.3"].mandate.due == "2027-Q1"
    assert found["B.I.1"].mandate.due is None  # every year: no deadline to miss
    # Under "4. Năm 2029", with no date of its own: the year its heading names.
    assert (found["A.II.4"].mandate.due, found["A.II.4"].mandate.due_text) == ("2029", "Năm 2029")
    assert "A.II.2" not in found, "a heading with items under it is not itself a mandate"


def test_an_account_of_the_situation_and_a_report_set_no_work(graph: Graph) -> None:
    paths = {(f.mandate.document, f.mandate.path) for f in audit(graph, as_of=MID_2026).findings}
    conclusion = document_id_of(graph, "KL_9")
    assert (conclusion, "IV.3") in paths  # "Tập trung chuẩn bị tốt công tác tuyển chọn ..."
    assert (conclusion, "I.1") not in paths  # "Kết quả đạt được"
    assert (conclusion, "I.3") not in paths  # "Nguyên nhân hạn chế"
    report = document_id_of(graph, "BC_39")
    assert not [p for d, p in paths if d == report]


def document_id_of(graph: Graph, part: str) -> str:
    return next(n.id for n in graph.nodes if n.label is Label.DOCUMENT
                and part in str(n.properties.get("sourceFile")))


def test_a_directive_sets_work_for_ministries_not_in_its_principles(tmp_path: Path) -> None:
    db = tmp_path / "ct21.db"
    code, _, err = run("build", str(FIXTURES / "cb__chi-thi-so-21-ct-ttg-469580.txt"), "--db",
                       str(db))
    assert code == 0, err
    with EmbeddedStore(db) as store:
        found = by_path(audit(store.graph(), as_of=date(2026, 6, 1)))
    assert not [p for p in found if p.startswith("I.")], "I. NGUYÊN TẮC, YÊU CẦU ... sets none"
    assert [(a.name, a.role) for a in found["II.5.a"].mandate.assignees] == [("Bộ Nội vụ", "lead")]
    report = found["II.5.b"]  # "... trước ngày 26 tháng 5 năm 2026"
    assert (report.mandate.due, report.status) == ("2026-05-26", Status.OVERDUE)
    assert found["II.4.b"].status is Status.UNCOVERED  # due 30/6/2026: not yet


@pytest.mark.parametrize(("due", "last_day"), [
    ("2026-01", date(2026, 1, 31)), ("2024-02", date(2024, 2, 29)),
    ("2024-Q4", date(2024, 12, 31)), ("2030-Q2", date(2030, 6, 30)),
    ("2026", date(2026, 12, 31)), ("2026-06-15", date(2026, 6, 15)), ("soon", None),
    ("2026-02-30", date(2026, 2, 28)), ("2026-13", None),
])
def test_a_deadline_runs_to_the_end_of_its_period(due: str, last_day: date | None) -> None:
    assert due_date(due) == last_day


# ------------------------------------------------------------------ the Công Hải findings


@pytest.mark.parametrize(("path", "by", "phrase"), [
    ("B.I.1", "IV.4", "mừng đảng mừng xuân"),
    ("B.I.3", "IV.3", "tuyển chọn và gọi công dân nhập ngũ"),
    ("B.II.1.4", "II.1", "bầu cử đại biểu quốc hội khóa"),
    ("A.II.2.2", "II.1", "xây dựng nông thôn mới và giảm nghèo bền vững"),
])
def test_the_conclusion_takes_up_programme_mandates(
    graph: Graph, path: str, by: str, phrase: str
) -> None:
    finding = by_path(audit(graph, as_of=MID_2026, document=PROGRAMME))[path]
    assert finding.status is Status.COVERED
    best = finding.covers[0]
    assert best.document == document_id_of(graph, "KL_9")
    assert best.by.endswith("/" + by.lower().replace(".", "-"))
    assert phrase in best.phrases
    assert best.evidence is not None and best.evidence.properties["sourceFile"].endswith(
        "KL_9-KL_DU_2025.txt")
    assert "Kết luận" in best.how


def test_the_plan_for_resolution_12_is_overdue_once_its_month_is_out(graph: Graph) -> None:
    before = by_path(audit(graph, as_of=date(2026, 1, 31), document=PROGRAMME))["B.II.2.2"]
    after = by_path(audit(graph, as_of=date(2026, 2, 1), document=PROGRAMME))["B.II.2.2"]
    assert (before.status, after.status) == (Status.UNCOVERED, Status.OVERDUE)


def test_work_due_years_later_is_not_carried_out_by_a_2025_conclusion(graph: Graph) -> None:
    found = by_path(audit(graph, as_of=MID_2026, document=PROGRAMME))
    for path in ("A.II.3", "B.II.4.2", "B.II.6.2"):  # mid-term and end-of-term reviews
        assert all(c.document != document_id_of(graph, "KL_9") for c in found[path].covers)


def test_a_report_without_a_date_covers_partly_at_most(graph: Graph) -> None:
    report = document_id_of(graph, "BC_39")
    covers = [c for f in audit(graph, as_of=MID_2026).findings for c in f.covers
              if c.document == report and c.score is not None]
    assert covers and not any(c.full for c in covers)


def test_a_higher_threshold_never_covers_more(graph: Graph) -> None:
    covered = [sum(f.status is Status.COVERED for f in audit(
        graph, as_of=MID_2026, threshold=t).findings) for t in (0.3, 0.5, 0.7, 0.9)]
    assert covered == sorted(covered, reverse=True) and covered[0] > covered[-1]


def test_documents_cited_to_be_implemented_are_mandates(graph: Graph) -> None:
    found = {f.mandate.id: f for f in audit(graph, as_of=MID_2026).findings
             if f.mandate.kind == "document"}
    letter = found[document_id("63-CV/TU", "Khánh Hòa")]  # "Thực hiện Công văn số 63-CV/TU"
    assert letter.status is Status.COVERED
    assert letter.covers[0].by == document_id_of(graph, "BC_39")
    resolution = found[document_id("12-NQ/TW")]  # only a task of the programme orders it
    assert resolution.status is Status.PARTLY and resolution.notes == ["not in corpus"]


def test_one_agencys_mandates(graph: Graph) -> None:
    police = audit(graph, as_of=MID_2026, agency="công an xã công hải")
    assert [f.mandate.path for f in police.findings] == ["B.II.2.2"]
    with pytest.raises(QueryError, match="no agency"):
        audit(graph, as_of=MID_2026, agency="Bộ Ngoại giao")
    with pytest.raises(QueryError, match="no document"):
        audit(graph, as_of=MID_2026, document="999-NQ/TW")


# ------------------------------------------------------------------ a cascade, made up


def made_up_cascade() -> Graph:
    """A resolution; a plan that implements it (explicit) and the later report of the plan's
    committee; a plan dated before the resolution; a task that orders a plan for NQ 57."""
    graph = Graph()
    ev = Evidence("made-up.txt", None, 1, "")

    def doc(code: str, doc_type: str, issued: str, issuer: str) -> str:
        node_id = document_id(code)
        graph.nodes.append(Node(node_id, Label.DOCUMENT, {
            "code": code, "docType": doc_type, "issuedDate": issued, "issuer": issuer,
            "inCorpus": True, "sourceFile": f"{code}.txt"}))
        return node_id

    def task(doc_id: str, path: str, text: str, *, due: str | None = None) -> str:
        node_id = task_id(doc_id, path)
        props = {"path": path, "title": text, "text": text, "documentId": doc_id, "kind": "item"}
        graph.nodes.append(Node(node_id, Label.TASK, {**props, **({"due": due} if due else {})}))
        link(RelType.PART_OF, node_id, doc_id)
        return node_id

    def link(kind: RelType, start: str, end: str, **props: str) -> None:
        graph.relationships.append(Relationship(kind, start, end, {
            "sourceFile": ev.source_file, "line": 1, "quote": "…", "offset": len(
                graph.relationships), **props}))

    resolution = doc("5-NQ/TW", "Nghị quyết", "2025-01-10", "Ban Chấp hành Trung ương")
    tourism = task(resolution, "1", "Phát triển du lịch cộng đồng gắn với bảo tồn di sản",
                   due="2025-12")
    roads = task(resolution, "2", "Nâng cấp đường giao thông nông thôn liên xã", due="2025-06")
    plan = doc("7-KH/TW", "Kế hoạch", "2025-03-01", "Ban Dân vận Trung ương")
    link(RelType.CITES, plan, resolution, intent="implements")
    task(plan, "1", "Xây dựng mô hình du lịch cộng đồng gắn với bảo tồn di sản văn hóa")
    report = doc("8-BC/TW", "Báo cáo", "2025-10-01", "Ban Dân vận Trung ương")
    task(report, "1", "Đã xây dựng 12 mô hình du lịch cộng đồng gắn với bảo tồn di sản văn hóa")
    early = doc("1-KH/TW", "Kế hoạch", "2024-12-01", "Ban Chấp hành Trung ương")
    task(early, "1", "Nâng cấp đường giao thông nông thôn liên xã")
    order = task(resolution, "3", "Kế hoạch triển khai Nghị quyết số 57-NQ/TW", due="2025-03")
    link(RelType.CITES, order, document_id("57-NQ/TW"), intent="implements")
    graph.nodes.append(Node(document_id("57-NQ/TW"), Label.DOCUMENT, {"code": "57-NQ/TW"}))
    carrying = doc("9-KH/TW", "Kế hoạch", "2025-02-01", "Văn phòng Trung ương Đảng")
    link(RelType.CITES, carrying, document_id("57-NQ/TW"), intent="implements")
    agency = agency_id("Ban Tuyên giáo Trung ương")
    graph.nodes.append(Node(agency, Label.AGENCY, {"name": "Ban Tuyên giáo Trung ương"}))
    link(RelType.ASSIGNED_TO, tourism, agency, role="lead")
    assert roads
    return graph


def test_a_cascade_is_followed_across_documents() -> None:
    found = {f.mandate.path: f for f in audit(made_up_cascade(), as_of=date(2025, 7, 1))
             .findings if f.mandate.document == document_id("5-NQ/TW")}
    tourism = found["1"]
    assert tourism.status is Status.COVERED
    assert tourism.covers[0].how == "cites its document to implement it"
    assert "du lịch cộng đồng gắn với bảo tồn di sản" in tourism.covers[0].phrases
    # Carried down: the plan's task, which the report of the plan's committee records.
    assert [c.by for c in tourism.chain] == [task_id(document_id("7-KH/TW"), "1"),
                                            task_id(document_id("8-BC/TW"), "1")]
    assert "Báo cáo" in tourism.chain[1].how
    # The only plan on roads is dated before the resolution: it cannot carry it out.
    assert found["2"].status is Status.OVERDUE and not found["2"].covers
    assert found["2"].notes == ["no responsible agency"]
    # Ordered: a plan for NQ 57. A document that implements NQ 57 as a whole does it.
    assert found["3"].status is Status.COVERED
    assert found["3"].covers[0].by == document_id("9-KH/TW")
    assert found["3"].covers[0].how == "implements 57-NQ/TW, as the mandate asks"


def test_documents_whose_issuer_was_not_read_are_not_one_committee() -> None:
    graph = Graph()
    for code, issued in (("1-KH/TW", "2025-01-01"), ("2-BC/TW", "2025-06-01")):
        doc_id = document_id(code)
        graph.nodes.append(Node(doc_id, Label.DOCUMENT, {
            "code": code, "docType": "Kế hoạch" if code.startswith("1") else "Báo cáo",
            "issuedDate": issued, "inCorpus": True}))
        text = "Phát triển du lịch cộng đồng gắn với bảo tồn di sản văn hóa"
        graph.nodes.append(Node(task_id(doc_id, "1"), Label.TASK, {
            "path": "1", "title": text, "text": text, "documentId": doc_id}))
    found = audit(graph, as_of=date(2026, 1, 1)).findings
    assert [(f.mandate.path, f.status) for f in found] == [("1", Status.UNCOVERED)]


# ------------------------------------------------------------------ the command


def test_audit_writes_a_workbook_of_four_filterable_sheets(cong_hai: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.xlsx"
    code, _, err = run("audit", "--db", str(cong_hai), "--as-of", "2026-06-30", "-f", "xlsx",
                       "-o", str(out))
    assert code == 0, err
    book = load_workbook(out)
    assert len(book.sheetnames) == 4
    mandates = book.worksheets[0]
    header = [c.value for c in mandates[1]]
    assert header[:9] == ["document", "task", "kind", "mandate", "text", "assignees", "due",
                          "dueText", "status"]
    assert mandates.auto_filter.ref and mandates.freeze_panes == "A2"
    statuses = {row[8] for row in mandates.iter_rows(min_row=2, values_only=True)}
    assert statuses == {"covered", "partly covered", "uncovered", "overdue"}
    assert next(c.value for c in book.worksheets[2][1]) == "agency"
    assert next(c.value for c in book.worksheets[3][1]) == "document"


def test_audit_as_csv_is_one_row_per_mandate(cong_hai: Path) -> None:
    code, out, _ = run("audit", "--db", str(cong_hai), "--as-of", "2026-06-30", "-f", "csv",
                       "--document", PROGRAMME)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    plan = next(r for r in rows if r["task"] == "B.II.2.2")
    assert plan["status"] == "overdue"
    assert plan["assignees"] == f"{UBND_PARTY} (chủ trì); Công an xã Công Hải (phối hợp)"
    assert len({r["task"] for r in rows}) == len(rows)


def test_audit_answers_the_same_from_an_export(cong_hai: Path, tmp_path: Path) -> None:
    export = tmp_path / "graph.ttl"
    assert run("export", "--db", str(cong_hai), "-o", str(export))[0] == 0
    for command in ("audit", "uncovered"):
        args = (command, "--as-of", "2026-06-30", "-f", "json")
        from_store = run(*args, "--db", str(cong_hai))
        assert from_store[0] == 0
        assert run(*args, "--data", str(export)) == from_store


def test_uncovered_keeps_its_simple_cases(cong_hai: Path) -> None:
    code, out, _ = run("uncovered", "--db", str(cong_hai), "--as-of", "2026-06-30", "-f",
                       "json")
    assert code == 0
    rows = json.loads(out)
    kinds = {r["finding"] for r in rows}
    assert kinds == {"overdue", "uncovered", "no responsible agency", "not in corpus"}
    plan = next(r for r in rows if r["task"] == "B.II.2.2")
    assert plan["finding"] == "overdue" and "tháng 01/2026" in plan["reason"]
    assert any(r["document"] == "12-NQ/TW" and r["finding"] == "not in corpus" for r in rows)


@pytest.mark.parametrize(("args", "named"), [(["--as-of", "30/06/2026"], "--as-of"),
                                              (["--threshold", "2"], "--threshold")])
def test_a_bad_option_value_is_a_usage_error(cong_hai: Path, args: list[str], named: str) -> None:
    code, _, err = run("audit", "--db", str(cong_hai), *args)
    assert code == 2 and named in err and "Traceback" not in err


def test_an_unknown_agency_is_a_one_line_error(cong_hai: Path) -> None:
    code, _, err = run("audit", "--db", str(cong_hai), "--agency", "Bộ Ngoại giao")
    assert code == 4
    assert err == "Error: no agency 'Bộ Ngoại giao' in the store\n"


# ------------------------------------------------------------------ any graph

WORDS = ["du", "lịch", "cộng", "đồng", "bảo", "tồn", "di", "sản", "văn", "hóa", "giao",
         "thông", "nông", "thôn", "chuyển", "đổi", "số"]
DOC_TYPES = ["Kế hoạch", "Chương trình", "Báo cáo", "Kết luận", "Nghị quyết", "Luật", None]
ISSUERS = ["Tỉnh ủy Hậu Giang", "Ban Thường vụ Tỉnh ủy Hậu Giang", None]
INTENTS = ["implements", "reviews", "guides", "basedOn", "mentions"]


@st.composite
def graphs(draw: st.DrawFn) -> Graph:
    graph = Graph()
    docs = []
    for n in range(draw(st.integers(1, 5))):
        doc_id = document_id(f"{n + 1}-KH/TW")
        props = {"code": f"{n + 1}-KH/TW", "inCorpus": draw(st.booleans()),
                 "docType": draw(st.sampled_from(DOC_TYPES)),
                 "issuer": draw(st.sampled_from(ISSUERS)),
                 "issuedDate": draw(st.sampled_from([None, "2024-05-01", "2025-01-01"]))}
        graph.nodes.append(Node(doc_id, Label.DOCUMENT, {k: v for k, v in props.items() if v}))
        docs.append(doc_id)
        for t in range(draw(st.integers(0, 3))):
            text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=8)))
            due = draw(st.sampled_from([None, "2025-Q2", "2026-01", "2027"]))
            props = {"path": str(t + 1), "title": text, "text": text, "documentId": doc_id,
                     "due": due}
            node_id = task_id(doc_id, str(t + 1))
            graph.nodes.append(Node(node_id, Label.TASK, {k: v for k, v in props.items() if v}))
            graph.relationships.append(rel(RelType.PART_OF, node_id, doc_id))
            if draw(st.booleans()):
                graph.relationships.append(rel(RelType.ASSIGNED_TO, node_id,
                                               agency_id("Ban Tuyên giáo"), role="lead"))
    graph.nodes.append(Node(agency_id("Ban Tuyên giáo"), Label.AGENCY,
                            {"name": "Ban Tuyên giáo"}))
    units = [n.id for n in graph.nodes if n.label is not Label.AGENCY]
    for _ in range(draw(st.integers(0, 6))):
        graph.relationships.append(rel(RelType.CITES, draw(st.sampled_from(units)),
                                       draw(st.sampled_from(docs)),
                                       intent=draw(st.sampled_from(INTENTS))))
    return graph


def rel(kind: RelType, start: str, end: str, **props: str) -> Relationship:
    return Relationship(kind, start, end, {"sourceFile": "x.txt", "line": 1, "quote": "…",
                                           **props})


@settings(max_examples=150, deadline=None)
@given(graphs(), st.sampled_from([date(2025, 1, 1), date(2026, 6, 30)]),
       st.sampled_from([0.2, 0.5, 0.9]))
def test_every_finding_agrees_with_its_covers_and_deadline(
    graph: Graph, as_of: date, threshold: float
) -> None:
    result = audit(graph, as_of=as_of, threshold=threshold)
    dates = {n.id: n.properties.get("issuedDate") for n in graph.nodes}
    for f in result.findings:
        m = f.mandate
        full = any(c.full for c in f.covers)
        due = due_date(m.due)
        expected = (Status.COVERED if full else
                    Status.OVERDUE if due and due < as_of else
                    Status.PARTLY if f.covers else Status.UNCOVERED)
        assert f.status is expected
        for cover in f.covers:
            assert cover.document != m.document or m.kind == "document"
            mine, theirs = dates.get(m.document), dates.get(cover.document)
            if m.kind == "task":
                assert not (mine and theirs and theirs < mine), "a cover never comes before"
                if cover.full and cover.score is not None and not theirs:
                    assert cover.how.startswith(("cites", "is based")), "undated: explicit only"
        # Down the cascade from the best cover, never round in a circle.
        assert f.chain[:1] == f.covers[:1] if full else not f.chain
        assert len({c.by for c in f.chain}) == len(f.chain)
