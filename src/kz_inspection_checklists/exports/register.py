"""The register of many inspections as a file: CSV, an XLSX workbook, or JSON.

The rows are those of :func:`~kz_inspection_checklists.record.register.records_table`,
with its columns in its order. The CSV is UTF-8 with a header row, RFC 4180 quoting and
CRLF line ends, as the record CSV; an empty cell is a value that is ``None``; a cell
people wrote (the entity, the IIN/BIN, the authority, a remark), or a requirement's
text (which an edition file may hold), that a spreadsheet would run as a formula gets
the ``'`` of :func:`~.csv_table.guard_cell`; no bundled text starts so, and each is
written as it is. pandas reads
it as it is (``pandas.read_csv``); pass ``dtype={"iin_bin": str}`` to keep an IIN/BIN's
leading zeros, which a number drops. The workbook has one sheet, ``Register``, with the
dates as date cells and the IIN/BIN as text. The JSON is the list of rows.

>>> from kz_inspection_checklists.record.record import new_record
>>> from kz_inspection_checklists.record.register import COLUMNS, records_table
>>> rows = records_table([new_record("electronic-signature").mark("EDS-001", "conforms")])
>>> print(register_csv(rows, COLUMNS).decode().splitlines()[1])
,,,,electronic-signature,2023-revision,1,0,0,3,1.0,100.0,1.0,1.0,
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from .._suggest import shown
from .._text import unsafe
from ..exceptions import InvalidInputError, UnknownNameError
from ..record.course import ENTITY_COLUMNS
from ..record.register import COLUMNS, LONG_COLUMNS, WRITTEN_BY_PEOPLE
from ._shared import timestamp
from .csv_table import guard_cell
from .xlsx import check_writable, openpyxl, reproducible

__all__ = ["REGISTER_FORMATS", "register_bytes", "register_csv", "register_json", "register_xlsx"]

#: The formats a register is written in.
REGISTER_FORMATS = ("csv", "xlsx", "json")
_SHEET = "Register"


#: The columns a CSV guards against formulas: what people wrote, and the texts.
_GUARDED = frozenset((*WRITTEN_BY_PEOPLE, "text"))


def _cell(column: str, value: Any) -> Any:
    if value is None:
        return ""
    if column in _GUARDED and isinstance(value, str):
        return guard_cell(value)
    return value


def register_csv(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], *, bom: bool = False
) -> bytes:
    """The register as CSV bytes (with ``bom``, a UTF-8 byte-order mark first, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell(column, row[column]) for column in columns] for row in rows)
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def register_json(rows: Sequence[dict[str, Any]]) -> bytes:
    """The register as a JSON list of rows, UTF-8, two-space indent, final newline."""
    return (json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def register_xlsx(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    when: Optional[datetime.datetime] = None,
) -> bytes:
    """The register as an XLSX workbook: a header row, then one row per row, filterable."""
    x = openpyxl()
    check_writable(
        (f"row {number} {column}", value)
        for number, row in enumerate(rows, start=1)
        for column in columns
        if isinstance(value := row[column], str)
    )
    book = x.Workbook()
    sheet = book.active
    sheet.title = _SHEET
    sheet.append(list(columns))
    bold = x.styles.Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=number, column=index, value=_xlsx_value(column, row[column]))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text people wrote that starts with "=" is no formula
    for index, column in enumerate(columns, start=1):
        letter = x.utils.get_column_letter(index)
        if column in _DATES:
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
        elif column == "iin_bin":
            for cell in sheet[letter][1:]:
                cell.number_format = "@"
        widest = max([len(str(column)), *(len(str(row[column] or "")) for row in rows)])
        sheet.column_dimensions[letter].width = min(60, max(8, widest + 2))
    sheet.freeze_panes = "A2"
    last = x.utils.get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    stamp = timestamp(when).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    book.properties.creator = book.properties.lastModifiedBy = "kz-inspection-checklists"
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), stamp)


#: Every column a register may have.
_KNOWN = frozenset((*COLUMNS, *LONG_COLUMNS, *ENTITY_COLUMNS))
#: The columns of dates, which a workbook writes as date cells.
_DATES = frozenset(("inspection_date", "first_inspection_date", "last_inspection_date"))


def _check_table(rows: object, columns: object) -> None:
    """InvalidInputError unless ``rows`` and ``columns`` are a register's."""
    if isinstance(columns, (str, bytes)) or not isinstance(columns, Sequence):
        raise InvalidInputError(f"columns: expected a list of column names, got {shown(columns)}")
    wrong = [c for c in columns if not isinstance(c, str) or c not in _KNOWN]
    if wrong:
        raise InvalidInputError(
            f"columns: {shown(wrong[0])} is not a column of the register; its columns are "
            f"{', '.join(LONG_COLUMNS)} and {', '.join(c for c in COLUMNS if c not in LONG_COLUMNS)}"
            f"; by entity: {', '.join(ENTITY_COLUMNS)}"
        )
    if isinstance(rows, (str, bytes)) or not isinstance(rows, Sequence):
        raise InvalidInputError(f"rows: expected a list of rows, got {shown(rows)}")
    for number, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InvalidInputError(f"rows: row {number} is not a mapping, got {shown(row)}")
        for column in columns:
            value = row.get(column)
            if column not in row or not isinstance(value, (str, int, float, type(None))):
                raise InvalidInputError(
                    f"rows: row {number} has no {column!r} of text, a number or None "
                    f"(got {shown(value)})"
                )
            if isinstance(value, str) and unsafe(value):
                raise InvalidInputError(f"rows: row {number} {column}: {unsafe(value)}")


def _xlsx_value(column: str, value: Any) -> Any:
    if column in _DATES and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def register_bytes(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    format: str,
    *,
    bom: bool = False,
    when: Optional[datetime.datetime] = None,
) -> bytes:
    """The register in ``format``, one of :data:`REGISTER_FORMATS`; else UnknownNameError.

    ``rows`` are those of :func:`~kz_inspection_checklists.record.register.records_table`
    and ``columns`` some of its columns; other rows (not mappings with those columns, of
    text, numbers, booleans or ``None``, texts any format can carry) raise
    :class:`InvalidInputError`.
    """
    _check_table(rows, columns)
    if format not in REGISTER_FORMATS:
        raise UnknownNameError(
            f"cannot write a register as {shown(format)}; formats: {', '.join(REGISTER_FORMATS)}",
            kind="format",
            name=format,
            candidates=REGISTER_FORMATS,
        )
    if format == "xlsx":
        return register_xlsx(rows, columns, when=when)
    if format == "json":
        return register_json(rows)
    return register_csv(rows, columns, bom=bom)
