"""The form as an XLSX workbook to fill in, in Excel or LibreOffice Calc, and read back.

One sheet, ``Checklist``, lays out the form: the annex caption and title, what the text
is, the header's fields (each label verbatim, its value cells beside it), the table of
requirements with the header row ``ID``, ``№``, ``Requirement``, ``Verdict``, ``Remark``
(the texts verbatim), and the signature blocks. Each Verdict cell has a dropdown of the
words :func:`~kz_inspection_checklists.record.sheet.verdict_words` reads. Only the value
cells, the Verdict and Remark cells and the signatories' cells can be edited: the sheet
is protected, without a password, against slips, not against anyone who means to change
it. Dates are date cells shown as YYYY-MM-DD; the IIN/BIN cell is a text cell, so
leading zeros stay. A record's workbook is filled in from it.

A hidden sheet, ``kz-checklists``, keeps what the workbook is of: the sheet format and
its version, the order, checklist, edition and language, the hash of the texts
(:func:`~kz_inspection_checklists.record.sheet.texts_sha256`), and a record's profile
if it was begun with one.
:func:`kz_inspection_checklists.exports.sheet.read_sheet` reads the workbook back into
a record. Needs the ``xlsx`` extra (``pip install 'kz-inspection-checklists[xlsx]'``,
which installs openpyxl).
"""

from __future__ import annotations

import datetime
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, Optional

from pydantic import BaseModel

from ..exceptions import InvalidInputError, MissingExtraError
from ..law.edition import NUMBER_NOTE, Checklist, HeaderField, SignatureBlock
from ..law.order import FormSpec, SignatorySpec
from ..law.store import law_of
from ..record.header import INSPECTION_DATE, AssignmentAct, Header, Person
from ..record.record import InspectionRecord
from ..record.sheet import SHEET_FORMAT, SHEET_FORMAT_VERSION, texts_sha256, verdict_words
from ..record.verdicts import NOT_APPLICABLE, NOT_ASSESSED, VERDICTS
from ._shared import source_line, timestamp
from .view import FormView

__all__ = [
    "DATA_TITLE",
    "INSPECTION_DATE_LABEL",
    "MAX_CELL",
    "SHEET_TITLE",
    "TABLE_HEADER",
    "check_writable",
    "label_text",
    "openpyxl",
    "render",
    "reproducible",
    "unwritable",
    "workbook",
]

#: The title of the sheet that holds the form.
SHEET_TITLE = "Checklist"
#: The title of the hidden sheet that says what the workbook is of.
DATA_TITLE = "kz-checklists"
#: The header row of the table of requirements, exactly.
TABLE_HEADER = ("ID", "№", "Requirement", "Verdict", "Remark")
#: The label of the header's own field for the date of the inspection, as the forms print it.
INSPECTION_DATE_LABEL = "Date of inspection"

#: Column widths (in characters of the default font): ID, №, Requirement, Verdict, Remark.
_WIDTHS = (11, 5, 72, 24, 44)
#: A label fills columns A to C; its values stand in D (and E).
_LABEL_WIDTH = sum(_WIDTHS[:3])
_EDITABLE = "FFF6D5"
_HEADING = "E7E6E6"
_MIN_PEOPLE = 3
_DATE_FORMAT = "yyyy-mm-dd"
#: Arial, which LibreOffice shows in Liberation Sans, of the same metrics: so the rows'
#: heights, reckoned here, fit in either program.
_FONT = "Arial"
_SIZE = 10.0


def openpyxl() -> Any:
    """The openpyxl module, or :class:`MissingExtraError` naming the extra that installs it."""
    try:
        import openpyxl as module
    except ImportError:
        raise MissingExtraError(
            "XLSX workbooks need openpyxl: pip install 'kz-inspection-checklists[xlsx]'"
        ) from None
    return module


#: What XML 1.0, and so a workbook, cannot hold: control characters but tab and line
#: ends, lone surrogates, and U+FFFE and U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The most characters a cell holds (Excel's limit).
MAX_CELL = 32767


def unwritable(text: str) -> Optional[str]:
    """Why a workbook cannot hold ``text`` in a cell, or ``None``.

    >>> unwritable("fine"), unwritable("bell\x07")
    (None, 'it holds the control character U+0007, which a workbook cannot hold; remove it')
    """
    found = _UNWRITABLE.search(text)
    if found:
        return (
            f"it holds the control character U+{ord(found.group()):04X}, which a workbook "
            "cannot hold; remove it"
        )
    if len(text) > MAX_CELL:
        return f"it has {len(text)} characters, more than a cell holds ({MAX_CELL})"
    return None


def check_writable(values: Iterable[tuple[str, Optional[str]]]) -> None:
    """Refuse, naming each, the values (``(what, text)``) a workbook cannot hold."""
    wrong = [f"{what}: {why}" for what, text in values if text and (why := unwritable(text))]
    if wrong:
        raise InvalidInputError("cannot write the workbook: " + "; ".join(wrong))


def _record_texts(record: InspectionRecord) -> Iterator[tuple[str, Optional[str]]]:
    """Every text people wrote in a record, with where it is."""
    header = record.header
    for name in type(header).model_fields:
        value = getattr(header, name)
        people = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(people):
            where = f"header.{name}.{index}" if isinstance(value, tuple) else f"header.{name}"
            if isinstance(item, BaseModel):
                for part, text in item.model_dump().items():
                    if isinstance(text, str):
                        yield f"{where}.{part}", text
            elif isinstance(item, str):
                yield where, item
    for rid, remark in zip(record.ids, record.remarks):
        yield f"answers.{rid}.remark", remark


def label_text(field: HeaderField) -> str:
    """A header field's label as the sheet writes it: the label, then the words after the
    blank, such as "№, date", in brackets (both verbatim)."""
    return f"{field.label} ({field.suffix})" if field.suffix else field.label


def _lines(text: Optional[str], width: float, size: float = _SIZE) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide, at least.

    A width counts characters of 11-point Calibri's "0"; 10-point Arial fits about 1.3 to 1.4
    times as many letters of running text. Reckoned a little short, so no row is cut.
    """
    usable = max(1, int(width * 1.25 * _SIZE / size) - 1)
    return sum(max(1, math.ceil(len(part) / usable)) for part in (text or " ").split("\n"))


def _height(lines: int, size: float = _SIZE) -> float:
    """The height in points of a row of ``lines`` lines of text."""
    return round(lines * size * 1.32 + 3, 1)


class _Sheet:
    """The form's sheet, written row by row."""

    def __init__(self, module: Any, sheet: Any) -> None:
        self.x = module
        self.sheet = sheet
        self.row = 0
        styles = module.styles
        thin = styles.Side(style="thin", color="808080")
        self.box = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")
        self.fill = styles.PatternFill("solid", fgColor=_EDITABLE)
        self.heading = styles.PatternFill("solid", fgColor=_HEADING)
        self.unlocked = styles.Protection(locked=False)

    def font(self, *, size: float = _SIZE, **options: Any) -> Any:
        return self.x.styles.Font(name=_FONT, size=size, **options)

    def put(self, row: int, column: int, value: object, **font: Any) -> Any:
        """Write a cell, in the sheet's font."""
        cell = self.sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text that starts with "=" is text, not a formula
        cell.font = self.font(**font)
        return cell

    def line(self, text: str, *, size: float = _SIZE, align: str = "left", **font: Any) -> int:
        """A row of text across the sheet's width."""
        self.row += 1
        sheet, row = self.sheet, self.row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_WIDTHS))
        cell = self.put(row, 1, text, size=size, **font)
        cell.alignment = self.x.styles.Alignment(wrap_text=True, vertical="top", horizontal=align)
        sheet.row_dimensions[row].height = _height(_lines(text, sum(_WIDTHS), size), size)
        return row

    def skip(self) -> None:
        self.row += 1

    def editable(self, cell: Any, *, wrap: bool = True) -> None:
        cell.protection = self.unlocked
        cell.fill = self.fill
        cell.border = self.box
        if wrap:
            cell.alignment = self.wrap

    def labelled(self, label: str, *, italic: bool = False, bold: bool = False) -> int:
        """A row with a label across columns A to C; its value cells are the caller's."""
        self.row += 1
        sheet, row = self.sheet, self.row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        cell = self.put(row, 1, label, italic=italic, bold=bold)
        cell.alignment = self.wrap
        sheet.row_dimensions[row].height = _height(_lines(label, _LABEL_WIDTH))
        return row


def workbook(view: FormView, when: Optional[datetime.datetime] = None) -> Any:
    """The openpyxl workbook of a form view (blank, or filled in from a record)."""
    x = openpyxl()
    if view.record is not None:
        check_writable(_record_texts(view.record))
    checklist = view.checklist
    book = x.Workbook()
    form = _Sheet(x, book.active)
    sheet = form.sheet
    sheet.title = SHEET_TITLE
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[x.utils.get_column_letter(index)].width = width
    data = book.create_sheet(DATA_TITLE)
    words_range = _data_sheet(data, view)

    form.line(checklist.annex_caption, size=9, align="right")
    form.line(checklist.title, size=13, bold=True, align="center")
    form.line(view.notice, size=9, bold=True)
    form.line(_how_to_fill(checklist), size=9, italic=True, color="404040")
    form.skip()
    header = view.record.header if view.record is not None else None
    validations = _Validations(x, sheet)
    for field in checklist.header_fields:
        _header_row(form, validations, field, view.form, header)
    row = form.labelled(INSPECTION_DATE_LABEL, italic=True)
    _date_cell(form, validations, row, 4, getattr(header, INSPECTION_DATE, None), merge=True)
    form.skip()
    form.line(checklist.list_heading, bold=True, align="center")
    top = _table(form, view, validations, words_range)
    signers = {spec.block: spec for spec in (view.form.signatories if view.form else ())}
    for number, block in enumerate(checklist.signature_blocks, start=1):
        form.skip()
        _signature(form, block, signers.get(number), header)
    form.skip()
    form.line(f"{source_line(checklist)}. {_ADDITIONS}", size=8, color="404040")
    validations.add_all()

    sheet.print_title_rows = f"{top}:{top}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = view.notice
    sheet.oddFooter.center.size = 8
    sheet.oddFooter.right.text = "&P / &N"
    protection = sheet.protection
    protection.sheet = True
    # Resizing rows and columns and filtering the table are not slips to guard against.
    protection.formatColumns = protection.formatRows = protection.autoFilter = False
    book.security = x.workbook.protection.WorkbookProtection(lockStructure=True)
    stamp = timestamp(when).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    properties = book.properties
    properties.creator = properties.lastModifiedBy = "kz-inspection-checklists"
    properties.title = checklist.title
    properties.created = properties.modified = stamp
    book.active = 0
    return book


def _how_to_fill(checklist: Checklist) -> str:
    words = ", ".join(VERDICTS)
    columns = " and ".join(f"“{c}”" for c in checklist.columns)
    also = f" The form's own words {columns} are read too." if columns else ""
    return (
        "To fill in: the shaded cells. Choose each Verdict from the list: "
        f"{words}, or leave it blank ({NOT_ASSESSED}).{also} {NOT_APPLICABLE} needs a "
        "Remark saying why. The law's texts are locked against editing by mistake (sheet "
        "protection without a password: against slips, not against anyone). Read the "
        "filled sheet back with: kz-checklists read-sheet FILE.xlsx -o record.json"
    )


#: What the sheet adds to the annex's form, for its foot.
_ADDITIONS = (
    'The "ID" and "№" columns, the date of inspection, the '
    f"{NOT_APPLICABLE} verdict and the remarks are this library's additions, not the law's: "
    "the annex's table has only the list of requirements and its two columns. " + NUMBER_NOTE
)


def _data_sheet(data: Any, view: FormView) -> str:
    """Fill the hidden sheet; the range of its verdict words, for the dropdown."""
    checklist = view.checklist
    law = law_of(checklist)
    record = view.record
    rows: list[tuple[str, object]] = [
        ("format", SHEET_FORMAT),
        ("format_version", SHEET_FORMAT_VERSION),
        ("order", law.order.adilet_code),
        ("checklist", checklist.key),
        ("edition", checklist.edition),
        ("language", checklist.language or ""),
        ("texts_sha256", texts_sha256(checklist)),
        # As text: LibreOffice writes a truth value back as a formula, =TRUE().
        ("final", "true" if record is not None and record.final else "false"),
        ("sheet", SHEET_TITLE),
    ]
    if record is not None and record.profile is not None:
        rows.append(("profile", record.profile))  # the profile the record was begun with
    data.append(("key", "value"))
    for row in rows:
        data.append(row)
    data.append(())
    data.append(("verdicts", "the words a Verdict cell offers"))
    first = data.max_row + 1
    words = [word for word in verdict_words(checklist) if word]
    for word in words:
        data.append(("", word))
    data.column_dimensions["A"].width = 16
    data.column_dimensions["B"].width = 70
    data.sheet_state = "hidden"
    data.protection.sheet = True
    return f"'{DATA_TITLE}'!$B${first}:$B${first + len(words) - 1}"


class _Validations:
    """The sheet's data validations (dropdowns, prompts, checks), added once all are known."""

    def __init__(self, x: Any, sheet: Any) -> None:
        self.x = x
        self.sheet = sheet
        self.found: dict[tuple[Any, ...], Any] = {}

    def on(self, where: str, **options: Any) -> None:
        key = tuple(sorted(options.items()))
        validation = self.found.get(key)
        if validation is None:
            validation = self.x.worksheet.datavalidation.DataValidation(**options)
            self.found[key] = validation
        validation.add(where)

    def add_all(self) -> None:
        for validation in self.found.values():
            self.sheet.add_data_validation(validation)


def _prompt(title: str, text: str) -> dict[str, Any]:
    return {"showInputMessage": True, "promptTitle": title[:32], "prompt": text[:255]}


def _date_cell(
    form: _Sheet,
    validations: _Validations,
    row: int,
    column: int,
    value: object,
    *,
    merge: bool = False,
) -> None:
    sheet = form.sheet
    if merge:
        sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + 1)
    cell = form.put(row, column, value)
    cell.number_format = _DATE_FORMAT
    form.editable(cell, wrap=False)
    cell.alignment = form.x.styles.Alignment(horizontal="left", vertical="top")
    validations.on(
        cell.coordinate,
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="A date",
        error="Type a date as YYYY-MM-DD, e.g. 2024-03-01.",
        **_prompt("Date", "A date, as YYYY-MM-DD."),
    )


def _header_row(
    form: _Sheet,
    validations: _Validations,
    field: HeaderField,
    spec: Optional[FormSpec],
    header: Optional[Header],
) -> None:
    kind = next((f.kind for f in (spec.header if spec else ()) if f.key == field.key), "text")
    row = form.labelled(label_text(field))
    sheet = form.sheet
    value = getattr(header, field.key, None)
    if kind == "act":
        act = value if isinstance(value, AssignmentAct) else AssignmentAct()
        number = form.put(row, 4, act.number)
        form.editable(number)
        validations.on(number.coordinate, **_prompt("№", "The act's number (№)."))
        _date_cell(form, validations, row, 5, act.date)
        return
    if kind == "date":
        _date_cell(form, validations, row, 4, value, merge=True)
        return
    sheet.merge_cells(start_row=row, start_column=4, end_row=row, end_column=5)
    cell = form.put(row, 4, value)
    form.editable(cell)
    if kind == "iin-bin":
        cell.number_format = "@"  # text: a number would lose its leading zeros
        validations.on(
            cell.coordinate,
            type="textLength",
            operator="equal",
            formula1="12",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="IIN/BIN",
            error="An IIN/BIN has 12 digits.",
            **_prompt("IIN/BIN", "12 digits."),
        )
    elif isinstance(value, str):
        height = _height(_lines(value, sum(_WIDTHS[3:])))
        sheet.row_dimensions[row].height = max(sheet.row_dimensions[row].height or 0, height)


def _table(form: _Sheet, view: FormView, validations: _Validations, words: str) -> int:
    """The table of requirements; the number of its header row."""
    x, sheet = form.x, form.sheet
    form.row += 1
    top = form.row
    for column, name in enumerate(TABLE_HEADER, start=1):
        cell = form.put(top, column, name, bold=True)
        cell.fill, cell.border = form.heading, form.box
        cell.alignment = x.styles.Alignment(horizontal="center", vertical="center")
    for item in view.rows:
        form.row += 1
        row = form.row
        requirement = item.requirement
        verdict = None if item.verdict == NOT_ASSESSED else item.verdict
        values = (
            requirement.id,
            requirement.number,
            requirement.text,
            verdict,
            item.remark or None,
        )
        for column, value in enumerate(values, start=1):
            cell = form.put(row, column, value)
            cell.border, cell.alignment = form.box, form.wrap
        for column in (4, 5):
            form.editable(sheet.cell(row=row, column=column))
        lines = max(_lines(requirement.text, _WIDTHS[2]), _lines(item.remark, _WIDTHS[4]))
        sheet.row_dimensions[row].height = _height(lines)
    if view.rows:
        first, last = top + 1, form.row
        validations.on(
            f"D{first}:D{last}",
            type="list",
            formula1=words,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A verdict",
            error="Choose a verdict from the list, or leave the cell blank (not assessed).",
            **_prompt("Verdict", "Choose from the list; blank: not assessed."),
        )
        validations.on(
            f"E{first}:E{last}",
            **_prompt("Remark", f"Evidence or an explanation; {NOT_APPLICABLE} needs one."),
        )
        sheet.auto_filter.ref = f"A{top}:E{last}"
    return top


def _signature(
    form: _Sheet, block: SignatureBlock, spec: Optional[SignatorySpec], header: Optional[Header]
) -> None:
    """A signature block: its role and captions, then one row per person who signs."""
    sheet = form.sheet
    row = form.labelled(block.role, bold=True)
    captions = [*block.captions, "", ""][:2]
    for column, caption in zip((4, 5), captions):
        cell = form.put(row, column, caption or None, size=8.5, italic=True, color="404040")
        cell.alignment = form.wrap
    many = spec is not None and spec.many
    value = getattr(header, spec.key, None) if header is not None and spec is not None else None
    people: list[Person] = (
        list(value) if many and value is not None else ([value] if value is not None else [])
    )
    count = max(_MIN_PEOPLE, len(people) + 1) if many else 1
    people += [Person()] * (count - len(people))
    for person in people:
        form.row += 1
        for column, text in ((4, person.position), (5, person.full_name)):
            cell = form.put(form.row, column, text)
            form.editable(cell)
        sheet.row_dimensions[form.row].height = _height(1) + 3


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def reproducible(data: bytes, when: datetime.datetime) -> bytes:
    """The workbook's bytes with every part dated ``when`` (naive, UTC), and so the same
    bytes for the same input.

    openpyxl dates each part of the archive, and the document's "modified" property, at
    the moment it saves.
    """
    stamp = max(when, datetime.datetime(1980, 1, 1)).timetuple()[:6]
    modified = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                part = _MODIFIED.sub(lambda m: m[1] + modified + m[2], part)
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, part)
    return buffer.getvalue()


def render(view: FormView, options: Any) -> bytes:
    """The form as XLSX bytes; the workbook's times are ``options.when``."""
    when = timestamp(options.when)
    book = workbook(view, when)
    buffer = io.BytesIO()
    book.save(buffer)
    naive = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return reproducible(buffer.getvalue(), naive)
