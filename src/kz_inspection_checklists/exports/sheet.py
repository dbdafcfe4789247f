"""A filled sheet read back into an inspection record: the XLSX workbook the ``xlsx`` export
writes, or a CSV with the same columns.

:func:`read_sheet` finds the table by its header row (``ID``, ``№``, ``Requirement``,
``Verdict``, ``Remark``, or the record CSV's ``id``, ``number``, ``text``, ``verdict``,
``remark``; names compared without case), the header's values by their labels above it
and the signatories by their blocks' roles below it, and makes the record with
:func:`~kz_inspection_checklists.record.sheet.record_from_cells`. Every problem is
raised at once as :class:`~kz_inspection_checklists.exceptions.InvalidRecordError`,
each named by its cell (``Checklist!D12``) or CSV row (``row 12``).

Which checklist, edition and language a workbook is of, and the hash of its texts, come
from its hidden sheet; a CSV (or a workbook without that sheet) names them in
``checklist`` and ``edition`` columns, or else the checklist is that of its IDs and the
edition the one given, or the latest whose texts are those of the rows. A CSV may be
separated by commas, semicolons (as Excel writes it in many locales) or tabs, and is
read as UTF-8 (a byte order mark is skipped).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Sequence
from typing import Optional, Union

from .._files import read_input
from .._suggest import shown
from ..exceptions import (
    ChecklistError,
    InvalidInputError,
    InvalidRecordError,
    Problem,
    TextNotAvailableError,
)
from ..law.edition import Checklist, Edition
from ..law.ids import text_sha256
from ..law.store import EditionRef, Law, bundled, law_of
from ..record.files import validate
from ..record.header import INSPECTION_DATE
from ..record.record import InspectionRecord
from ..record.sheet import (
    SHEET_FORMAT,
    SHEET_FORMAT_VERSION,
    Cell,
    SheetRow,
    record_from_cells,
)
from .csv_table import RECORD_COLUMNS, record_columns, unguard_cell
from .findings import is_plan
from .sheet_cells import Grid, csv_cells, workbook_cells
from .xlsx import DATA_TITLE, INSPECTION_DATE_LABEL, SHEET_TITLE, TABLE_HEADER, label_text

__all__ = ["COLUMN_NAMES", "read_sheet"]

#: The record CSV's name of each column of the sheet's table.
_CSV_NAMES = ("id", "number", "text", "verdict", "remark")
#: Every name a column of the table may have (compared without case), and what it holds.
COLUMN_NAMES = {
    **{name.casefold(): role for name, role in zip(TABLE_HEADER, _CSV_NAMES)},
    **{role: role for role in (*_CSV_NAMES, "checklist", "edition")},
}
_NEEDED = ("id", "text", "verdict")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_sheet(
    source: Union[str, os.PathLike[str], bytes],
    *,
    edition: Optional[EditionRef] = None,
    final: bool = False,
) -> InspectionRecord:
    """The record a filled workbook (XLSX) or CSV holds, from its path or its bytes.

    ``edition`` is an edition ID, alias, file or :class:`Edition`, for a sheet of an
    edition the library does not bundle (a problem whose ``edition`` is set names an
    edition the sheet is of that the library does not hold).
    The record is not final, whatever the sheet was made from, unless ``final`` is true:
    then it is finished (refused while a header field is blank). Raises
    :class:`InvalidInputError` for a file that cannot be read or is no workbook or CSV,
    :class:`MissingExtraError` for a workbook without openpyxl installed, and
    :class:`InvalidRecordError` listing every problem of the sheet, each at its cell.
    Only the rows and columns a form can hold are read (:mod:`.sheet_cells` gives the
    bounds); the record made is one :func:`~..record.files.validate` accepts.
    """
    data, name = _bytes(source)
    if data.startswith(_OLE):
        raise InvalidInputError(
            f"{name} is an Excel 97-2003 workbook (.xls); save it as an Excel workbook "
            "(.xlsx) or as CSV UTF-8"
        )
    try:
        law = law_of(edition) if isinstance(edition, Edition) else bundled()
        rows = _row_limit(law, edition)
        if data.startswith(b"PK\x03\x04"):
            grid, meta = workbook_cells(data, name, rows, DATA_TITLE, SHEET_TITLE)
            workbook = True
        else:
            grid, meta = csv_cells(data, name, rows, lambda g: _header_row(g) is not None), {}
            workbook = False
        if is_plan(
            meta["format"].value if "format" in meta else None,
            [c.value for c in grid[0]] if grid else [],
        ):
            raise InvalidInputError(
                f"{name} is a plan of findings (kz-checklists findings), not a filled "
                "checklist; read-sheet reads the workbook or CSV of 'kz-checklists export' or "
                "'export-record'"
            )
        record = _record(grid, meta, law, edition, workbook=workbook, final=final)
    except (MemoryError, RecursionError) as error:
        raise InvalidInputError(
            f"{name} is too large or too deeply nested to read in the memory available "
            f"({type(error).__name__}); it is not a filled form of this library"
        ) from None
    problems = validate(record)
    if problems:  # every text was checked at its cell; this holds whatever a reader let in
        raise InvalidRecordError(problems=problems)
    return record


#: Rows of a sheet read beyond its longest checklist's requirements: the header above the
#: table, the signature blocks below it, and room for people who sign.
ROW_MARGIN = 500


def _row_limit(law: Law, edition: Optional[EditionRef]) -> int:
    """The most rows a sheet of the law's editions (or of ``edition``) can need."""
    editions = list(law.editions())
    if edition is not None:
        with contextlib.suppress(ChecklistError):
            editions.append(law.edition(edition))
    most = max(
        (len(c.requirements) for e in editions if e.text_available for c in e.checklists),
        default=0,
    )
    return most + ROW_MARGIN


def _bytes(source: Union[str, os.PathLike[str], bytes]) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "the sheet"
    if not isinstance(source, (str, os.PathLike)):
        raise InvalidInputError(
            f"a sheet is named by a path or given as bytes, not {shown(source)}"
        )
    name = f"sheet {os.fspath(source)!r}"
    try:
        return read_input(source), name
    except OSError as error:
        raise InvalidInputError(f"cannot read {name}: {error.strerror or error}") from None


def _role(cell: Cell) -> Optional[str]:
    return COLUMN_NAMES.get(cell.value.strip().casefold()) if isinstance(cell.value, str) else None


def _header_row(grid: Grid) -> Optional[tuple[int, dict[str, int]]]:
    """The index of the table's header row and the column of each role, or ``None``."""
    for index, row in enumerate(grid):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            role = _role(cell)
            if role is not None:
                columns.setdefault(role, column)
        if all(role in columns for role in _NEEDED):
            return index, columns
    return None


def _at(row: Sequence[Cell], column: Optional[int], fallback: Cell) -> Cell:
    if column is not None and column < len(row):
        return row[column]
    return Cell(fallback.where, None, fallback.row)


def _record(
    grid: Grid,
    meta: dict[str, Cell],
    law: Law,
    edition: Optional[EditionRef],
    *,
    workbook: bool,
    final: bool,
) -> InspectionRecord:
    found = _header_row(grid)
    if found is None:
        where = f"{SHEET_TITLE}" if workbook else ""
        names = ", ".join(TABLE_HEADER)
        raise InvalidRecordError(
            problems=[
                Problem(
                    where,
                    f"no table of requirements: no row has the columns {names} (ID, "
                    "Requirement and Verdict at least); export the checklist with "
                    "'kz-checklists export CHECKLIST --format xlsx' and fill that in",
                )
            ]
        )
    top, columns = found
    rows: list[SheetRow] = []
    extra: dict[str, list[Cell]] = {"checklist": [], "edition": []}
    end = top + 1
    for row in grid[top + 1 :]:
        if not row:
            break
        cells = {role: _at(row, column, row[0]) for role, column in columns.items()}
        if all(cell.value is None for cell in cells.values()):
            break
        end += 1
        first = cells["id"]
        rows.append(
            SheetRow(
                id=first,
                text=cells["text"],
                verdict=cells["verdict"],
                remark=cells.get("remark", Cell(first.where, None, first.row)),
            )
        )
        for key in extra:
            if key in cells and cells[key].value is not None:
                extra[key].append(cells[key])
    shown_form, own = _checklist(law, rows, meta, extra, edition)
    values = columns["verdict"], columns.get("remark", columns["verdict"] + 1)
    header = _header(grid[:top], shown_form, values)
    if not workbook:
        header.update(_csv_header(grid[top], grid[top + 1 : end], law))
    people = _people(grid[end:], shown_form, law, values)
    record = record_from_cells(
        shown_form,
        rows,
        header=header,
        people=people,
        final=final,
        texts_hash=meta.get("texts_sha256"),
        record_form=own,
        # The CSV's formula guard is undone in a CSV only: a workbook's cell is the text.
        unguard=str if workbook else unguard_cell,
    )
    profile = meta.get("profile")
    if profile is not None and isinstance(profile.value, str) and profile.value:
        try:
            record = dataclasses.replace(record, profile=profile.value)
        except InvalidRecordError as error:
            raise InvalidRecordError(
                problems=[Problem(profile.where, p.message) for p in error.problems]
            ) from None
    return record


def _csv_header(names: Sequence[Cell], rows: Grid, law: Law) -> dict[str, Cell]:
    """The header fields a record's CSV repeats on every row, each the cell of its first
    row that gives it; a row giving another value is a problem naming that row."""
    keys = record_columns(law.order.form)[len(RECORD_COLUMNS) :]
    by_name = {key.casefold(): key for key in keys}
    columns = {
        by_name[cell.value.strip().casefold()]: index
        for index, cell in enumerate(names)
        if isinstance(cell.value, str) and cell.value.strip().casefold() in by_name
    }
    found: dict[str, Cell] = {}
    problems = []
    for row in rows:
        for key, column in columns.items():
            cell = _at(row, column, row[0])
            if cell.value is None:
                continue
            value = unguard_cell(cell.value) if isinstance(cell.value, str) else cell.value
            first = found.get(key)
            if first is None:
                found[key] = Cell(cell.where, value, cell.row)
            elif first.value != value:
                problems.append(
                    Problem(
                        cell.where,
                        f"the {key} is {shown(value)} in this row, but {shown(first.value)} "
                        f"in {first.where}; a sheet is of one inspection: give the same "
                        f"{key} on every row",
                    )
                )
    if problems:
        raise InvalidRecordError(problems=problems)
    return found


def _checklist(
    law: Law,
    rows: Sequence[SheetRow],
    meta: dict[str, Cell],
    extra: dict[str, list[Cell]],
    edition: Optional[EditionRef],
) -> tuple[Checklist, Checklist]:
    """The checklist the sheet shows (its language's words) and the record's own."""
    problems: list[Problem] = []
    given = meta or {k: v[0] for k, v in extra.items() if v}
    if meta:
        _check_meta(meta, law, problems)
    for key, cells in extra.items():
        for other in cells:
            if given.get(key) is not None and other.value != given[key].value:
                problems.append(
                    Problem(
                        other.where,
                        f"the {key} is {shown(given[key].value)} above; one "
                        "sheet is of one checklist of one edition",
                    )
                )
    if problems:
        raise InvalidRecordError(problems=problems)
    chosen: Optional[Edition] = None
    cell: Optional[Cell] = given.get("edition")
    try:
        if edition is not None:
            chosen = law.edition(edition)
            if cell is not None and cell.value != chosen.id:
                problems.append(
                    Problem(
                        cell.where,
                        f"the sheet is of edition {shown(cell.value)}, but the "
                        f"edition given is {chosen.id!r}",
                    )
                )
        elif cell is not None:
            chosen = law.edition(str(cell.value))
    except ChecklistError as error:
        text = f"{error}; for an edition this library does not bundle, pass its edition file"
        problems.append(
            Problem(
                cell.where if cell is not None else "edition",
                text,
                edition=None if cell is None else str(cell.value),
            )
        )
    key_cell = given.get("checklist")
    key = str(key_cell.value) if key_cell is not None else _key_of(rows, law)
    language_cell = meta.get("language")
    language = (
        str(language_cell.value) if language_cell is not None and language_cell.value else None
    )
    if problems:
        raise InvalidRecordError(problems=problems)
    candidates = [chosen] if chosen is not None else _editions(law, key)
    try:
        # When no edition holds the checklist, the latest says why.
        editions = candidates or [law.edition()]
        # A workbook names its language; a CSV's is the one whose texts most of its rows
        # hold (of the latest edition, and its own language, on a tie).
        forms = [
            (held, held.checklist(key, language=code))
            for held in editions
            for code in ([language] if language else held.languages)
        ] or [(editions[0], editions[0].checklist(key))]  # an edition of no text says why
        held, shown_form = max(forms, key=lambda form: _matching(form[1], rows))
        return shown_form, held.checklist(key)
    except ChecklistError as error:
        named = language_cell if isinstance(error, TextNotAvailableError) else key_cell
        where = named or key_cell or (rows[0].id if rows else None)
        raise InvalidRecordError(
            problems=[Problem(where.where if where is not None else "checklist", str(error))]
        ) from None


def _check_meta(meta: dict[str, Cell], law: Law, problems: list[Problem]) -> None:
    kind, version, order = meta.get("format"), meta.get("format_version"), meta.get("order")
    if kind is None or kind.value != SHEET_FORMAT:
        where = kind.where if kind is not None else DATA_TITLE
        problems.append(
            Problem(
                where,
                f"the hidden sheet does not say {SHEET_FORMAT!r}; it is "
                "not a sheet this library wrote",
            )
        )
    elif (
        version is None
        or not isinstance(version.value, (int, float))
        or isinstance(version.value, bool)
    ):
        problems.append(
            Problem(
                version.where if version else DATA_TITLE, "the hidden sheet has no format version"
            )
        )
    elif version.value > SHEET_FORMAT_VERSION:
        problems.append(
            Problem(
                version.where,
                f"sheet format version {shown(version.value)} is newer than "
                f"this library reads ({SHEET_FORMAT_VERSION}); upgrade kz-inspection-checklists",
            )
        )
    if order is not None and order.value != law.order.adilet_code:
        problems.append(
            Problem(
                order.where,
                f"the sheet is of order {shown(order.value)}, not {law.order.adilet_code}",
            )
        )
    for key in ("checklist", "edition"):
        if meta.get(key) is None or not isinstance(meta[key].value, str):
            problems.append(Problem(DATA_TITLE, f"the hidden sheet does not name the {key}"))


def _key_of(rows: Sequence[SheetRow], law: Law) -> str:
    """The checklist of the first row whose ID was ever issued."""
    for row in rows:
        if isinstance(row.id.value, str):
            entry = law.registry.get(row.id.value.strip().upper())
            if entry is not None:
                return entry.checklist
    where = rows[0].id.where if rows else "ID"
    raise InvalidRecordError(
        problems=[
            Problem(
                where,
                "no row has a requirement ID of this library, so the sheet's "
                "checklist is unknown; add a 'checklist' column, or export the "
                "checklist and fill that in",
            )
        ]
    )


def _editions(law: Law, key: str) -> list[Edition]:
    """The order's editions holding the checklist's text, latest first."""
    held = []
    for edition in reversed(law.editions()):
        if edition.text_available and key in edition.checklist_keys():
            held.append(edition)
    return held


def _matching(checklist: Checklist, rows: Sequence[SheetRow]) -> int:
    """How many rows hold an ID of the checklist and that ID's text."""
    count = 0
    for row in rows:
        rid, text = row.id.value, row.text.value
        if isinstance(rid, str) and isinstance(text, str):
            position = checklist.index.get(rid.strip().upper())
            if position is not None and text_sha256(text) == text_sha256(
                checklist.requirements[position].text
            ):
                count += 1
    return count


def _label(row: Sequence[Cell]) -> str:
    value = row[0].value if row else None
    return value.strip() if isinstance(value, str) else ""


def _header(rows: Grid, checklist: Checklist, values: tuple[int, int]) -> dict[str, Cell]:
    """Each header path's value cell, found by its label in column A above the table."""
    spec = {field.key: field.kind for field in law_of(checklist).order.form.header}
    labels = {label_text(field).strip(): field.key for field in checklist.header_fields}
    labels[INSPECTION_DATE_LABEL] = INSPECTION_DATE
    found: dict[str, Cell] = {}
    for row in rows:
        key = labels.get(_label(row))  # a row with a label is not empty
        if key is None:
            continue
        first, second = (_at(row, column, row[0]) for column in values)
        if spec.get(key) == "act":
            found[f"{key}.number"], found[f"{key}.date"] = first, second
        else:
            found[key] = first
    return found


def _people(
    rows: Grid, checklist: Checklist, law: Law, values: tuple[int, int]
) -> dict[str, list[tuple[Cell, Cell]]]:
    """Each signatory key's person rows: those after its block's role, with no label."""
    signers = {spec.block: spec.key for spec in law.order.form.signatories}
    roles = {
        block.role.strip(): signers[number]
        for number, block in enumerate(checklist.signature_blocks, start=1)
        if number in signers
    }
    found: dict[str, list[tuple[Cell, Cell]]] = {}
    current: Optional[str] = None
    for row in rows:
        label = _label(row)
        if label:
            current = roles.get(label)
            if current is not None:
                found.setdefault(current, [])
            continue
        if current is not None and row:
            found[current].append(tuple(_at(row, column, row[0]) for column in values))  # type: ignore[arg-type]
    return found
