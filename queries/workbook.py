"""Query tables as an Excel workbook an auditor can filter: one sheet per table, a bold frozen
header row with filters, columns sized to their content."""

from __future__ import annotations

import re
from typing import IO

from vbgraph.queries.table import Table

_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def write_workbook(tables: list[Table], out: IO[bytes]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    names: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.title, names))
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([_plain(value) for value in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text from a document, never a formula
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for index, column in enumerate(table.columns, start=1):
            longest = max([len(column), *(len(str(r[index - 1] or "")) for r in table.rows)])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    book.save(out)


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_NAME_FORBIDDEN.sub(" ", title or "Sheet").strip()[:31] or "Sheet"
    name, n = base, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _plain(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
