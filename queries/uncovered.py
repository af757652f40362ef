"""`uncovered`: the audit's short list. Mandates nothing takes up or left overdue, mandates
with no responsible agency, and documents cited to be implemented that are not loaded, each
with its reason (see `queries.audit` for what covers a mandate)."""

from __future__ import annotations

from vbgraph.queries.audit import Audit, Finding, Status
from vbgraph.queries.audit_report import document_name
from vbgraph.queries.table import Table

COLUMNS = ["finding", "document", "task", "title", "reason"]


def uncovered_table(result: Audit) -> Table:
    """The short list: mandates uncovered or overdue, mandates with no responsible agency and
    documents to be implemented that are not loaded, each with its reason."""
    rows: list[list[object]] = []
    for f in result.findings:
        m = f.mandate
        where = document_name(result, m.document)
        if f.status in (Status.UNCOVERED, Status.OVERDUE):
            rows.append([f.status.value, where, m.path, m.title, _reason(f)])
        for note in f.notes:
            rows.append([note, where, m.path, m.title, _note_reason(f, note)])
    return Table(COLUMNS, rows, "Uncovered mandates")


def _reason(finding: Finding) -> str:
    m = finding.mandate
    if finding.status is Status.OVERDUE:
        return f"due {m.due_text or m.due}; nothing in the corpus takes it up fully"
    return "nothing in the corpus takes it up"


def _note_reason(finding: Finding, note: str) -> str:
    if note == "not in corpus":
        return (f"cited to be implemented {len(finding.covers)} time(s), but not loaded: "
                "load it to audit its own mandates")
    return "no agency is named for this task or any heading above it"
