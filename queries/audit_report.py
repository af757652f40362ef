"""The audit as tables: the mandates, what covers each, and summaries per agency and per
source document. Auditors filter these in a spreadsheet, so every row stands on its own."""

from __future__ import annotations

from collections import Counter, defaultdict

from vbgraph.ontology import ROLE, concept_label
from vbgraph.queries.audit import Audit, Cover, Finding, Status
from vbgraph.queries.lookup import describe
from vbgraph.queries.mandates import Assignee
from vbgraph.queries.table import Table
from vbgraph.vntext import fold

MANDATE_COLUMNS = [
    "document", "task", "kind", "mandate", "text", "assignees", "due", "dueText", "status", "score",
    "coveredBy", "how", "sharedPhrases", "covers", "carriedTo", "note",
]
COVER_COLUMNS = [
    "document", "task", "status", "coveringDocument", "coveringTask", "how", "full", "score",
    "sharedPhrases", "coveringAssignees", "coveringDue", "quote", "file", "line",
]
SUMMARY_STATUSES = [Status.COVERED, Status.PARTLY, Status.UNCOVERED, Status.OVERDUE]
AGENCY_COLUMNS = ["agency", "mandates", "asLead", "covered", "partlyCovered", "uncovered",
                  "overdue"]
DOCUMENT_COLUMNS = ["document", "docType", "issuedDate", "file", "mandates", "covered",
                    "partlyCovered", "uncovered", "overdue"]


def assignee_text(assignees: list[Assignee]) -> str:
    """"Ban Xây dựng Đảng (chủ trì); Văn phòng Đảng ủy (phối hợp)": each role by its
    Vietnamese label in the ontology's scheme of roles."""
    return "; ".join(
        f"{a.name} ({(concept_label(ROLE, a.role) or a.role).lower()})" for a in assignees
    )


def audit_tables(result: Audit) -> list[Table]:
    """Mandates, coverage, per agency, per document: the four sheets of the workbook."""
    as_of = result.as_of.isoformat()
    return [
        Table(MANDATE_COLUMNS, [_mandate_row(result, f) for f in result.findings],
              f"Mandates (as of {as_of}, threshold {result.threshold})"),
        Table(COVER_COLUMNS, [row for f in result.findings for row in _cover_rows(result, f)],
              "What covers each mandate"),
        by_agency(result),
        by_document(result),
    ]


def document_name(result: Audit, doc_id: str) -> str:
    """Its code; else its type and title ("Chương trình Công tác toàn khóa ..."), which
    the title alone does not always say."""
    node = result.corpus.documents.get(doc_id)
    if node is None:
        return doc_id
    props = node.properties
    doc_type, title = str(props.get("docType") or ""), str(props.get("title") or "")
    if props.get("code") or not title or fold(title).startswith(fold(doc_type)):
        return describe(node)
    return f"{doc_type} {title}".strip()


def _mandate_row(result: Audit, finding: Finding) -> list[object]:
    m = finding.mandate
    best = finding.covers[0] if finding.covers else None
    return [
        document_name(result, m.document), m.path, m.kind, m.title, m.text or None,
        assignee_text(m.assignees), m.due, m.due_text, finding.status.value,
        best.score if best else None, _unit(result, best) if best else None,
        best.how if best else None,
        "; ".join(best.phrases) if best else None, len(finding.covers),
        " → ".join(_unit(result, c) for c in finding.chain) or None,
        "; ".join(finding.notes) or None,
    ]


def _unit(result: Audit, cover: Cover) -> str:
    task = result.corpus.tasks.get(cover.by)
    where = document_name(result, cover.document)
    return f"{where} {task.properties.get('path')}" if task else where


def _cover_rows(result: Audit, finding: Finding) -> list[list[object]]:
    m = finding.mandate
    rows = []
    for cover in finding.covers:
        task = result.corpus.tasks.get(cover.by)
        props = task.properties if task else {}
        ev = cover.evidence.properties if cover.evidence else {}
        assignees = result.corpus.assignees(cover.by) if task else []
        rows.append([
            document_name(result, m.document), m.path, finding.status.value,
            document_name(result, cover.document), props.get("path"), cover.how, cover.full,
            cover.score, "; ".join(cover.phrases), assignee_text(assignees), props.get("due"),
            ev.get("quote"), ev.get("sourceFile"), ev.get("line"),
        ])
    return rows


def by_agency(result: Audit) -> Table:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    for finding in result.findings:
        for agency in {a.agency: a for a in finding.mandate.assignees}.values():
            names[agency.agency] = agency.name
            counts[agency.agency]["mandates"] += 1
            counts[agency.agency][finding.status.value] += 1
        for lead in {a.agency for a in finding.mandate.assignees if a.role == "lead"}:
            counts[lead]["lead"] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1]["mandates"], names[kv[0]]))
    rows: list[list[object]] = [
        [names[a], c["mandates"], c["lead"], *(c[s.value] for s in SUMMARY_STATUSES)]
        for a, c in ranked
    ]
    return Table(AGENCY_COLUMNS, rows, "Mandates per agency, the most given first")


def by_document(result: Audit) -> Table:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in result.findings:
        counts[finding.mandate.document]["mandates"] += 1
        counts[finding.mandate.document][finding.status.value] += 1
    rows: list[list[object]] = []
    for doc_id, c in sorted(counts.items(), key=lambda kv: document_name(result, kv[0])):
        doc = result.corpus.documents.get(doc_id)
        p = doc.properties if doc else {}
        rows.append([
            document_name(result, doc_id), p.get("docType"), p.get("issuedDate"),
            p.get("sourceFile"), c["mandates"], *(c[s.value] for s in SUMMARY_STATUSES),
        ])
    return Table(DOCUMENT_COLUMNS, rows, "Mandates per source document")
