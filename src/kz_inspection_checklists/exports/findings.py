"""The findings of inspections as a plan to remedy them: CSV, an XLSX workbook, or JSON.

The rows are those of :func:`~kz_inspection_checklists.record.findings.findings`, one
per requirement that does not conform, with the columns
:data:`~kz_inspection_checklists.record.findings.COLUMNS` (and ``finding``, ``new`` or
``still-open``, against a previous record). The CSV is UTF-8 with a header row, RFC 4180
quoting and CRLF line ends, what people wrote and the texts guarded against formulas
(:func:`~.csv_table.guard_cell`); the JSON is the list of rows.

The workbook is for the entity to fill in: one sheet, ``Findings``, whose table has the
columns above under people's names, then the remedy: ``Action``, ``Responsible``, ``Due
date`` (a date cell, YYYY-MM-DD) and ``Status``, a dropdown of :data:`STATUSES` (each
row starts ``open``). Only the remedy's cells can be edited: the sheet is protected,
without a password, against slips. A hidden sheet, ``kz-checklists``, says that the
workbook is a plan (:data:`PLAN_FORMAT`): ``read-sheet`` does not read it back, and says
so. Needs the ``xlsx`` extra.

>>> from kz_inspection_checklists.record.findings import COLUMNS, findings
>>> from kz_inspection_checklists.record.record import new_record
>>> record = new_record("electronic-signature").mark("EDS-003", "does-not-conform", "=no keys")
>>> print(plan_csv(findings([record])).decode().splitlines()[1])
,,,electronic-signature,2023-revision,EDS-003,3,"taking measures by the owner of the registration certificate to protect the private key of the electronic digital signature belonging to it from unlawful access and use, as well as to store the public keys",'=no keys
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

from .._suggest import shown
from ..exceptions import UnknownNameError
from ..record.findings import COLUMNS, SINCE_COLUMN, Finding, findings
from ..record.record import InspectionRecord
from ._shared import check_when, text_notice, timestamp
from .csv_table import guard_cell
from .xlsx import DATA_TITLE, check_writable, openpyxl, reproducible

__all__ = [
    "PLAN_FORMAT",
    "PLAN_FORMATS",
    "PLAN_SHEET",
    "REMEDY_COLUMNS",
    "STATUSES",
    "is_plan",
    "plan_bytes",
    "plan_csv",
    "plan_json",
    "plan_xlsx",
]

#: The formats a plan is written in.
PLAN_FORMATS = ("csv", "xlsx", "json")
#: What the workbook's hidden sheet says it is.
PLAN_FORMAT = "kz-findings-plan"
PLAN_FORMAT_VERSION = 1
#: The title of the plan's sheet.
PLAN_SHEET = "Findings"
#: The workbook's name of each column of a finding (the CSV's and JSON's keys).
HEADINGS = {
    "entity": "Entity",
    "iin_bin": "IIN/BIN",
    "inspection_date": "Date of inspection",
    "checklist": "Checklist",
    "edition": "Edition",
    "id": "ID",
    "number": "№",
    "text": "Requirement",
    "remark": "Remark",
    SINCE_COLUMN: "Finding",
}
#: The columns the entity fills in, after the finding's.
REMEDY_COLUMNS = ("Action", "Responsible", "Due date", "Status")
#: What a remedy's Status may say; each row starts with the first.
STATUSES = ("open", "in progress", "remedied")

#: Column widths, in characters of the default font.
_WIDTHS = {"entity": 24, "iin_bin": 14, "inspection_date": 12, "checklist": 18, "edition": 15}
_WIDTHS.update({"id": 10, "number": 5, "text": 60, "remark": 36, SINCE_COLUMN: 11})
_REMEDY_WIDTHS = (40, 22, 12, 13)
_EDITABLE = "FFF6D5"
_HEADING = "E7E6E6"
_DATE_FORMAT = "yyyy-mm-dd"
#: The people's columns a CSV guards against formulas, and the texts.
_GUARDED = frozenset(("entity", "iin_bin", "text", "remark"))


def _columns(since: bool) -> tuple[str, ...]:
    return (*COLUMNS, SINCE_COLUMN) if since else COLUMNS


def _rows(found: Sequence[Finding], since: bool) -> list[dict[str, Any]]:
    return [finding.row(since=since) for finding in found]


def plan_csv(found: Sequence[Finding], *, since: bool = False, bom: bool = False) -> bytes:
    """The findings as CSV bytes (``since``: with the ``finding`` column)."""
    columns = _columns(since)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in _rows(found, since):
        writer.writerow(
            ""
            if row[c] is None
            else (guard_cell(row[c]) if c in _GUARDED and isinstance(row[c], str) else row[c])
            for c in columns
        )
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")


def plan_json(found: Sequence[Finding], *, since: bool = False) -> bytes:
    """The findings as a JSON list of rows, UTF-8, two-space indent, final newline."""
    return (json.dumps(_rows(found, since), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _lines(text: str, width: int) -> int:
    """How many lines a text wraps to in a column ``width`` characters wide, at least."""
    usable = max(1, int(width * 1.2) - 1)
    return sum(max(1, -(-len(part) // usable)) for part in (text or " ").split("\n"))


def plan_xlsx(
    found: Sequence[Finding],
    *,
    since: bool = False,
    notice: str = "",
    when: Optional[datetime.datetime] = None,
) -> bytes:
    """The findings as a workbook to plan their remedy in (see the module); ``notice``
    says what the requirement texts are (:func:`._shared.text_notice`), in the footer."""
    x = openpyxl()
    columns = _columns(since)
    rows = _rows(found, since)
    check_writable(
        (f"finding {number} {column}", value)
        for number, row in enumerate(rows, start=1)
        for column in columns
        if isinstance(value := row[column], str)
    )
    book = x.Workbook()
    sheet = book.active
    sheet.title = PLAN_SHEET
    styles = x.styles
    thin = styles.Side(style="thin", color="808080")
    box = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    editable = styles.PatternFill("solid", fgColor=_EDITABLE)
    unlocked = styles.Protection(locked=False)
    headings = [HEADINGS[c] for c in columns] + list(REMEDY_COLUMNS)
    for index, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=1, column=index, value=heading)
        cell.font = styles.Font(bold=True)
        cell.fill = styles.PatternFill("solid", fgColor=_HEADING)
        cell.border = box
        cell.alignment = styles.Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.row_dimensions[1].height = 30  # two lines: "Date of inspection" wraps
    first_remedy = len(columns) + 1
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row[column]
            if column == "inspection_date" and isinstance(value, str):
                value = datetime.date.fromisoformat(value)
            cell = sheet.cell(row=number, column=index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text people wrote that starts with "=" is no formula
            cell.border, cell.alignment = box, wrap
            if column == "inspection_date":
                cell.number_format = _DATE_FORMAT
            elif column == "iin_bin":
                cell.number_format = "@"
        for offset in range(len(REMEDY_COLUMNS)):
            cell = sheet.cell(row=number, column=first_remedy + offset)
            cell.protection, cell.fill, cell.border, cell.alignment = unlocked, editable, box, wrap
        due = sheet.cell(row=number, column=first_remedy + 2)
        due.number_format = _DATE_FORMAT
        sheet.cell(row=number, column=first_remedy + 3, value=STATUSES[0])
        lines = max(_lines(row["text"], _WIDTHS["text"]), _lines(row["remark"] or "", 36))
        sheet.row_dimensions[number].height = round(lines * 13.2 + 3, 1)
    letter = x.utils.get_column_letter
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[letter(index)].width = _WIDTHS[column]
    for offset, width in enumerate(_REMEDY_WIDTHS):
        sheet.column_dimensions[letter(first_remedy + offset)].width = width
    last = len(rows) + 1
    if rows:
        validation = x.worksheet.datavalidation.DataValidation
        due_column, status_column = letter(first_remedy + 2), letter(first_remedy + 3)
        dates = validation(
            type="date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A date",
            error="Type a date as YYYY-MM-DD, e.g. 2025-06-30.",
            showInputMessage=True,
            promptTitle="Due date",
            prompt="The date the finding is to be remedied by, as YYYY-MM-DD.",
        )
        dates.add(f"{due_column}2:{due_column}{last}")
        statuses = validation(
            type="list",
            formula1='"' + ",".join(STATUSES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A status",
            error=f"Choose a status from the list: {', '.join(STATUSES)}.",
            showInputMessage=True,
            promptTitle="Status",
            prompt=f"Choose from the list: {', '.join(STATUSES)}.",
        )
        statuses.add(f"{status_column}2:{status_column}{last}")
        sheet.add_data_validation(dates)
        sheet.add_data_validation(statuses)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{letter(len(headings))}{last}"
    sheet.oddFooter.center.text = notice[:250]
    sheet.oddFooter.center.size = 8
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = protection.autoFilter = False
    protection.sort = False
    _data_sheet(book.create_sheet(DATA_TITLE), since)
    book.active = 0
    stamp = timestamp(when).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    book.properties.creator = book.properties.lastModifiedBy = "kz-inspection-checklists"
    book.properties.title = "Findings and their remedy"
    book.properties.created = book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return reproducible(buffer.getvalue(), stamp)


def _data_sheet(data: Any, since: bool) -> None:
    """The hidden sheet that says what the workbook is."""
    data.append(("key", "value"))
    data.append(("format", PLAN_FORMAT))
    data.append(("format_version", PLAN_FORMAT_VERSION))
    data.append(("since", "true" if since else "false"))
    data.append(
        (
            "about",
            "A plan to remedy the findings of inspections, written by 'kz-checklists "
            "findings'. It is not a checklist: read-sheet does not read it back.",
        )
    )
    data.column_dimensions["A"].width = 16
    data.column_dimensions["B"].width = 70
    data.sheet_state = "hidden"
    data.protection.sheet = True


def is_plan(format_value: object, first_row: Sequence[object]) -> bool:
    """Whether a sheet is a plan of findings: its hidden sheet's format says so, or the
    first row of a CSV is the plan's columns (for ``read-sheet``, which refuses it)."""
    if format_value == PLAN_FORMAT:
        return True
    return tuple(first_row[: len(COLUMNS)]) == COLUMNS


def plan_bytes(
    records: Sequence[InspectionRecord],
    format: str,
    *,
    since: Optional[InspectionRecord] = None,
    bom: bool = False,
    when: Optional[datetime.datetime] = None,
) -> bytes:
    """The findings of ``records`` in ``format``, one of :data:`PLAN_FORMATS`.

    ``since`` is a previous record (see
    :func:`~kz_inspection_checklists.record.findings.findings`). Raises
    :class:`UnknownNameError` for another format and :class:`InvalidInputError` for
    what is not a record.
    """
    if format not in PLAN_FORMATS:
        raise UnknownNameError(
            f"cannot write findings as {shown(format)}; formats: {', '.join(PLAN_FORMATS)}",
            kind="format",
            name=format,
            candidates=PLAN_FORMATS,
        )
    if isinstance(records, Iterable) and not isinstance(records, (str, bytes, Mapping)):
        records = list(records)  # read twice: for the findings and for the notice
    found = findings(records, since=since)
    with_since = since is not None
    if format == "xlsx":
        check_when(when)
        notices = dict.fromkeys(text_notice(record.form) for record in records)
        return plan_xlsx(found, since=with_since, notice=" ".join(notices), when=when)
    if format == "json":
        return plan_json(found, since=with_since)
    return plan_csv(found, since=with_since, bom=bom)
