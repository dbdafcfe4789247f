"""A filled sheet's cells read within bounds: the workbook's parts checked before any XML
parser sees them, only the rows and columns a form can hold read, and a CSV read strictly.

:func:`workbook_cells` and :func:`csv_cells` give the cells that
:mod:`kz_inspection_checklists.exports.sheet` makes a record of, with the problems of
the cells themselves (a spreadsheet's error value, a cell longer than a workbook's cell
holds, a quote left open in a CSV), each named by its cell or row. Whatever the input,
the work is bounded:

- a workbook is refused, before it is parsed, if its archive's directory is larger than
  :data:`MAX_DIRECTORY_BYTES` or lists more than :data:`MAX_PARTS` parts, if a part
  unpacks to more than :data:`MAX_PART_BYTES` (its declared size and the bytes it
  unpacks to are both counted) or all of them to more than :data:`MAX_UNPACKED_BYTES`,
  if a part holds more than :data:`MAX_CELLS` cells, :data:`MAX_ROWS` rows or
  :data:`MAX_STRINGS` shared strings (openpyxl's work grows with them, not only with
  the rows asked for), or if a part holds a document type declaration (``<!DOCTYPE``) or an entity
  (``<!ENTITY``), which no spreadsheet writes: so no entity is ever expanded, whatever
  the XML parser's defaults;
- of a sheet, only the first ``rows`` rows (the caller's bound: the longest form plus a
  margin) and :data:`MAX_COLUMNS` columns are read, never the grid its dimension
  declares;
- a CSV is read strictly (a quote left open or a stray quote is a problem naming the
  row), a row at a time, with cells of up to the input's size, and a CSV of more than
  ``rows`` rows is refused.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import struct
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any, Optional

from .._files import MAX_INPUT_BYTES, check_utf8
from ..exceptions import ChecklistError, InvalidInputError, InvalidRecordError, Problem
from ..record.sheet import ERROR_VALUES, Cell, ErrorValue, Formula
from .xlsx import MAX_CELL, openpyxl

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_CSV_CELL",
    "MAX_DIRECTORY_BYTES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_ROWS",
    "MAX_STRINGS",
    "MAX_UNPACKED_BYTES",
    "Grid",
    "csv_cells",
    "workbook_cells",
]

Grid = list[list[Cell]]

#: The most parts a workbook may have (the form has about 15).
MAX_PARTS = 1000
#: The largest directory of a workbook's archive (1,000 parts take about 100 KB).
MAX_DIRECTORY_BYTES = 1 << 20
#: The most bytes one part of a workbook may unpack to (a filled form's sheet and its
#: strings take a few MB at most, each remark its 32,767 characters).
MAX_PART_BYTES = 32 << 20
#: The most bytes all parts of a workbook may unpack to.
MAX_UNPACKED_BYTES = 96 << 20
#: The columns of a sheet read: the form's five (A to E) and a margin.
MAX_COLUMNS = 16
#: The most characters a cell of a CSV may hold: an eighth of the largest file read, so
#: that one cell, held as the reader holds it, stays within a few hundred MB.
MAX_CSV_CELL = MAX_INPUT_BYTES // 8
#: The most cells (``<c>`` elements) one part may hold: a form has a few thousand, and
#: openpyxl parses every cell of each row it reads, whatever the columns asked for.
MAX_CELLS = 100_000
#: The most shared strings (``<si>`` elements) one part may hold: a form has a few
#: hundred, and openpyxl reads the whole table when it opens a workbook.
MAX_STRINGS = 50_000
#: The most rows (``<row>`` elements) one part may hold: a form has a few hundred, and
#: openpyxl reads a whole sheet that does not declare its dimension to find it.
MAX_ROWS = 100_000
_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|si|row)[\s/>]")
#: What no spreadsheet writes in a workbook's XML: a DTD, and the entities it declares.
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")
_END = b"PK\x05\x06"
_END_SIZE = 22


def workbook_cells(
    data: bytes, name: str, rows: int, meta_title: str, form_title: str
) -> tuple[Grid, dict[str, Cell]]:
    """The form sheet's cells (the first ``rows`` rows) and the hidden sheet's, by key.

    ``meta_title`` is the hidden sheet's title: its rows say what the workbook is of, a
    key in column A and its value in B; its ``sheet`` names the form sheet, else
    ``form_title``, else the first visible sheet. Raises :class:`InvalidInputError` for
    bytes that are no workbook or break a bound, and :class:`InvalidRecordError` for
    cells that hold a spreadsheet's error value or more than a cell holds.
    """
    check_archive(data, name)
    x = openpyxl()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it does not read
            book = x.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
    except Exception as error:  # openpyxl fails in many ways on a file that is no workbook
        if isinstance(error, ChecklistError):
            raise
        raise _not_a_workbook(name, error) from None
    problems: list[Problem] = []
    try:
        with contextlib.closing(book):
            meta: dict[str, Cell] = {}
            if meta_title in book.sheetnames:
                for row in _cells(book[meta_title], 60, 2, problems):
                    if isinstance(row[0].value, str) and row[0].value:
                        meta.setdefault(row[0].value, row[1])
            wanted = meta.get("sheet")
            title = wanted.value if wanted is not None and wanted.value in book.sheetnames else None
            if title is None:
                visible = [s.title for s in book.worksheets if s.sheet_state == "visible"]
                title = (
                    form_title if form_title in book.sheetnames else (visible or book.sheetnames)[0]
                )
            grid = _cells(book[title], rows, MAX_COLUMNS, problems)
    except Exception as error:
        if isinstance(error, ChecklistError):
            raise
        raise _not_a_workbook(name, error) from None
    if problems:
        raise InvalidRecordError(problems=problems)
    return grid, meta


def _not_a_workbook(name: str, error: BaseException) -> InvalidInputError:
    kind = "too little memory" if isinstance(error, MemoryError) else type(error).__name__
    return InvalidInputError(
        f"{name} is not an XLSX workbook this library can read ({kind}: {error}); save it as "
        "an Excel workbook (.xlsx) or as CSV UTF-8"
    )


def check_archive(data: bytes, name: str) -> None:
    """Refuse a workbook's archive that breaks a bound, or a part with a DTD, before parsing."""
    end = _end_record(data)
    if end is None:
        raise InvalidInputError(
            f"{name} is not an XLSX workbook (no zip archive's directory at its end); save it "
            "as an Excel workbook (.xlsx) or as CSV UTF-8"
        )
    count, directory, offset = end
    if count == 0xFFFF or directory == 0xFFFFFFFF or offset == 0xFFFFFFFF:
        raise _refused(name, "it is a Zip64 archive, which no workbook of a form needs")
    if directory > MAX_DIRECTORY_BYTES:
        raise _refused(
            name,
            f"its archive's directory takes {directory} bytes, more than a "
            f"workbook's ({MAX_DIRECTORY_BYTES})",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise _not_a_workbook(name, error) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise _refused(name, f"it has {len(parts)} parts, more than a workbook's ({MAX_PARTS})")
        total = 0
        for part in parts:
            total += _check_part(archive, part, name, MAX_UNPACKED_BYTES - total)


def _refused(name: str, why: str) -> InvalidInputError:
    return InvalidInputError(f"{name} is refused: {why}; it is not a filled form of this library")


def _end_record(data: bytes) -> Optional[tuple[int, int, int]]:
    """A zip archive's entry count, directory size and directory offset, as its end
    record says, or ``None`` without one.

    The end record is found as :mod:`zipfile` finds it (the last 22 bytes, else the last
    signature in the last 64 KiB), so the size is the one :mod:`zipfile` will read. A
    field at its largest value marks a Zip64 archive.
    """
    tail = data[-(_END_SIZE + 0xFFFF) :]
    at = len(tail) - _END_SIZE if tail[-_END_SIZE:][:4] == _END else tail.rfind(_END)
    if at < 0 or len(tail) - at < _END_SIZE:
        return None
    fields = struct.unpack("<4s4H2LH", tail[at : at + _END_SIZE])
    return fields[4], fields[5], fields[6]


def _check_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str, room: int) -> int:
    """The bytes ``part`` unpacks to, read through once; refused past a bound or with a DTD."""
    limit = min(MAX_PART_BYTES, room)

    def too_large() -> InvalidInputError:
        if limit < MAX_PART_BYTES:
            return _refused(name, f"its parts unpack to more than {MAX_UNPACKED_BYTES >> 20} MiB")
        return _refused(
            name,
            f"its part {part.filename!r} unpacks to more than {MAX_PART_BYTES >> 20} MiB",
        )

    if part.file_size > limit:
        raise too_large()
    size = 0
    carry = b""
    limits = {
        b"c": (MAX_CELLS, "cells"),
        b"si": (MAX_STRINGS, "shared strings"),
        b"row": (MAX_ROWS, "rows"),
    }
    counts = dict.fromkeys(limits, 0)
    try:
        with archive.open(part) as stream:
            while True:
                chunk = stream.read(1 << 20)
                if not chunk:
                    break
                if size == 0 and chunk[:2] in (b"\xff\xfe", b"\xfe\xff"):
                    raise _refused(
                        name,
                        f"its part {part.filename!r} is UTF-16, which no "
                        "spreadsheet writes for a workbook",
                    )
                size += len(chunk)
                if size > limit:
                    raise too_large()
                window = carry + chunk
                for declaration in _DECLARATIONS:
                    if declaration in window:
                        raise _refused(
                            name,
                            f"its part {part.filename!r} declares a document type or an "
                            "entity (<!DOCTYPE or <!ENTITY), which no spreadsheet writes",
                        )
                for found in _ELEMENT.finditer(window):
                    if found.end() > len(carry):  # one within the carry was counted before
                        counts[found.group(1)] += 1
                for element, count in counts.items():
                    most, what = limits[element]
                    if count > most:
                        raise _refused(
                            name, f"its part {part.filename!r} holds more than {most:,} {what}"
                        )
                carry = window[-16:]
    except ChecklistError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise _not_a_workbook(name, error) from None
    return size


def _cells(sheet: Any, rows: int, columns: int, problems: list[Problem]) -> Grid:
    """The first ``rows`` rows of ``columns`` cells; trailing empty rows left out."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(n) for n in range(1, columns + 1)]
    grid: Grid = []
    for number, row in enumerate(
        sheet.iter_rows(min_row=1, max_row=rows, max_col=columns), start=1
    ):
        cells = []
        for letter, cell in zip(letters, row):
            where = f"{sheet.title}!{letter}{number}"
            value = cell.value
            kind = getattr(cell, "data_type", None)
            if kind == "f" and isinstance(value, str):
                value = Formula(value)
            elif kind == "e":
                value = ErrorValue(str(value))
            elif isinstance(value, str):
                if value == "":
                    value = None
                elif len(value) > MAX_CELL:
                    problems.append(
                        Problem(
                            where,
                            f"the cell holds {len(value)} characters, more than a workbook's "
                            f"cell holds ({MAX_CELL}); shorten it",
                        )
                    )
                    value = None
            if isinstance(value, ErrorValue):
                problems.append(Problem(where, error_message(value)))
            cells.append(Cell(where, value, number))
        grid.append(cells)
    while grid and all(cell.value is None for cell in grid[-1]):
        grid.pop()
    return grid


def error_message(value: str) -> str:
    """The problem of a cell that holds a spreadsheet's error value."""
    return (
        f"the cell holds the spreadsheet error {value} (a formula or a reference that failed), "
        "not a value; write the value itself"
    )


#: Rows of a CSV read to find its separator by the table's header row.
_HEAD_ROWS = 50


def csv_cells(data: bytes, name: str, rows: int, header_found: Any) -> Grid:
    """A CSV's cells (at most ``rows`` rows), split at the separator its header row has.

    ``header_found(grid)`` tells whether a grid has the table's header row: the
    separator is the first of comma, semicolon and tab with which the first rows have it
    (else comma). Raises :class:`InvalidInputError` for text that is not UTF-8, and
    :class:`InvalidRecordError` for a quote left open or stray (naming the row and its
    line), a cell holding a spreadsheet's error value, or more than ``rows`` rows.
    """
    try:
        start = check_utf8(data)
    except ValueError as error:
        raise InvalidInputError(f"{name} is not a CSV in UTF-8: {error}") from None
    chosen = ","
    for delimiter in (",", ";", "\t"):
        head: Grid = []
        with contextlib.suppress(_Broken, _TooMany):
            for number, row in _rows(data, start, delimiter, _HEAD_ROWS, strict=False):
                head.append(_row_cells(number, row))
        if header_found(head):
            chosen = delimiter
            break
    grid: Grid = []
    problems: list[Problem] = []
    try:
        for number, row in _rows(data, start, chosen, rows, strict=True):
            cells = _row_cells(number, row)
            problems += [
                Problem(cell.where, error_message(cell.value))
                for cell in cells
                if isinstance(cell.value, ErrorValue)
            ]
            grid.append(cells)
    except _Broken as broken:
        problems.append(Problem(f"row {broken.row}", broken.why))
    except _TooMany:
        problems.append(
            Problem(
                f"row {rows + 1}",
                f"the file, read as CSV (it is no XLSX workbook), has more than {rows} "
                "rows, more than a sheet of the longest checklist holds; give one "
                "checklist's table, as 'kz-checklists export --format xlsx' or csv makes it",
            )
        )
    if problems:
        raise InvalidRecordError(problems=problems)
    return grid


def _row_cells(number: int, row: list[str]) -> list[Cell]:
    where = f"row {number}"
    return [
        Cell(
            where,
            None if value == "" else ErrorValue(value) if value in ERROR_VALUES else value,
            number,
        )
        for value in row[: MAX_COLUMNS * 4]
    ]


class _TooMany(Exception):
    """More rows than may be read."""


class _Broken(Exception):
    def __init__(self, row: int, why: str) -> None:
        super().__init__(why)
        self.row = row
        self.why = why


def _rows(
    data: bytes, start: int, delimiter: str, limit: int, *, strict: bool
) -> Iterator[tuple[int, list[str]]]:
    """Each row of the CSV with its number, decoded as it is read; at most ``limit``."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
    if start:
        stream.read(1)  # the byte order mark
    old = csv.field_size_limit()
    csv.field_size_limit(MAX_CSV_CELL)
    try:
        reader = csv.reader(stream, delimiter=delimiter, strict=strict)
        number = 0
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _Broken(number + 1, _csv_problem(str(error), line, reader.line_num)) from None
            number += 1
            if number > limit:
                raise _TooMany
            yield number, row
    finally:
        csv.field_size_limit(old)


def _csv_problem(error: str, line: int, last: int) -> str:
    quotes = 'a cell with a quote in it is written in quotes, each quote in it doubled ("")'
    if "unexpected end of data" in error:
        return (
            f"a quote that opens a cell on line {line} is never closed, so the rest of the "
            f"file would be one cell; close it: {quotes}"
        )
    if "expected after" in error:
        where = f"line {line}" if line == last else f"lines {line} to {last}"
        return (
            f"a quote left open or a stray quote ({where}): a cell in quotes goes on after "
            f"its closing quote; {quotes}"
        )
    if "field limit" in error:
        return (
            f"a cell from line {line} holds more than {MAX_CSV_CELL:,} characters, the most "
            "a cell of a CSV read may hold (or a quote is left open)"
        )
    return f"not a CSV from line {line} ({error})"
