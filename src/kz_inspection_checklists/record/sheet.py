"""A filled sheet's cells made into an inspection record: the verdict words, the texts' hash, and
every problem named by its cell.

A sheet (the XLSX workbook ``kz-checklists export --format xlsx`` writes, or a CSV with
the same columns) is read into :class:`Cell` values, each with where it stands
(``Checklist!D12`` in a workbook, ``row 12`` in a CSV); :func:`record_from_cells` makes
the record of them, or raises
:class:`~kz_inspection_checklists.exceptions.InvalidRecordError` listing every problem,
each named by its cell, all at once. The files themselves are read by
:mod:`kz_inspection_checklists.exports.sheet`.

A verdict cell holds one of the record's verdicts (``conforms``, ``does-not-conform``,
``not-applicable``), or is blank (``not-assessed`` is read as blank too), or holds one
of the form's own column words (``Conforms to the requirements``, ...), matched exactly
once spaces around it are stripped (:func:`verdict_words`).

>>> from kz_inspection_checklists import checklist
>>> words = verdict_words(checklist("electronic-signature"))
>>> words["Does not conform to the requirements"], words["not-assessed"]
('does-not-conform', None)
>>> read_verdict("n/a", checklist("electronic-signature"))
(None, "'n/a' is not a verdict; expected conforms, does-not-conform, not-applicable, blank or not-assessed (not assessed), or the form's words 'Conforms to the requirements' or 'Does not conform to the requirements'; did you mean 'not-applicable'?")
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Callable, Optional

from .._suggest import did_you_mean, shown
from .._text import unsafe
from ..exceptions import InvalidRecordError, Problem
from ..law.edition import Checklist
from ..law.ids import text_sha256
from ..law.store import law_of
from .header import INSPECTION_DATE, blank_header
from .record import InspectionRecord, new_record, unknown_id_message
from .rules import NEEDS_REMARK, blank, header_problems
from .verdicts import NOT_APPLICABLE, NOT_ASSESSED, VERDICTS, not_a_verdict

__all__ = [
    "ERROR_VALUES",
    "SHEET_FORMAT",
    "SHEET_FORMAT_VERSION",
    "Cell",
    "ErrorValue",
    "Formula",
    "SheetRow",
    "pairs_sha256",
    "read_verdict",
    "record_from_cells",
    "texts_sha256",
    "verdict_words",
]

#: The name of the sheet format, kept in a workbook's hidden data.
SHEET_FORMAT = "kz-inspection-sheet"
#: The version of the sheet format this library writes and reads.
SHEET_FORMAT_VERSION = 1

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Formula(str):
    """A cell that holds a formula (its text, ``=...``) rather than a value."""

    __slots__ = ()


class ErrorValue(str):
    """A cell that holds a spreadsheet's error value (``#REF!``, ``#N/A``, ...), not a value."""

    __slots__ = ()


#: The error values a spreadsheet shows in a cell whose formula or reference failed, as
#: a CSV it saves holds them.
ERROR_VALUES = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA")
)


@dataclasses.dataclass(frozen=True)
class Cell:
    """What one cell of a sheet holds, and where it stands.

    ``where`` names it in messages (``Checklist!D12``, ``row 12``); ``row`` orders the
    problems as the sheet does. ``value`` is text, a number, a date, a :class:`Formula`
    or ``None`` for an empty cell.
    """

    where: str
    value: object = None
    row: int = 0


@dataclasses.dataclass(frozen=True)
class SheetRow:
    """One row of a sheet's table of requirements: its ID, text, verdict and remark cells."""

    id: Cell
    text: Cell
    verdict: Cell
    remark: Cell


def pairs_sha256(pairs: Iterable[tuple[str, str]]) -> str:
    """SHA-256 of requirement IDs and texts, in order (each text as :func:`text_sha256` folds it)."""
    digest = hashlib.sha256()
    for requirement_id, text in pairs:
        digest.update(f"{requirement_id}\t{text_sha256(text)}\n".encode())
    return digest.hexdigest()


def texts_sha256(checklist: Checklist) -> str:
    """The hash a sheet keeps of its checklist's texts: its IDs and texts, in order.

    >>> from kz_inspection_checklists import checklist
    >>> len(texts_sha256(checklist("communications")))
    64
    """
    return pairs_sha256((r.id, r.text) for r in checklist.requirements)


def verdict_words(checklist: Checklist) -> dict[str, Optional[str]]:
    """Every word a verdict cell may hold, with the verdict it means (``None``: not assessed).

    The record's verdicts, ``""`` and ``not-assessed`` (not assessed), and the form's
    columns, which are the record's first verdicts in order.
    """
    words: dict[str, Optional[str]] = {verdict: verdict for verdict in VERDICTS}
    words[""] = None
    words[NOT_ASSESSED] = None
    for column, verdict in zip(checklist.columns, VERDICTS):
        words.setdefault(column.strip(), verdict)
    return words


def read_verdict(value: object, checklist: Checklist) -> tuple[Optional[str], Optional[str]]:
    """The verdict a cell's value means and ``None``, or ``None`` and why it is no verdict."""
    if value is None:
        return None, None
    if isinstance(value, str) and not isinstance(value, (Formula, ErrorValue)):
        words = verdict_words(checklist)
        text = value.strip()
        if text in words:
            return words[text], None
    columns = " or ".join(repr(c) for c in checklist.columns)
    message = (
        f"{shown(value)} is not a verdict; expected {', '.join(VERDICTS)}, blank or "
        f"{NOT_ASSESSED} (not assessed)" + (f", or the form's words {columns}" if columns else "")
    )
    if isinstance(value, str):
        meant = not_a_verdict(value).partition("; did you mean ")[2]
        message += (
            f"; did you mean {meant}"
            if meant
            else did_you_mean(value.strip(), [*VERDICTS, NOT_ASSESSED, *checklist.columns])
        )
    return None, message


def _formula(value: object) -> Optional[str]:
    if isinstance(value, Formula):
        return f"the cell holds a formula ({shown(str(value))}); write the value itself"
    if isinstance(value, ErrorValue):
        return (
            f"the cell holds the spreadsheet error {value} (a formula or a reference that "
            "failed), not a value; write the value itself"
        )
    return None


def cell_text(value: object) -> tuple[Optional[str], Optional[str]]:
    """The text a cell holds (a number or date written as text), or why it holds none."""
    wrong = _formula(value)
    if wrong:
        return None, wrong
    if isinstance(value, str):
        # Kept as it is, white space too, so that a record's text comes back unchanged.
        why = unsafe(value)
        return (None, why) if why else ((value or None), None)
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"expected text, got the truth value {value}"
    if isinstance(value, int):
        return str(value), None
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat(), None
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(), None
    return None, f"expected text, got {type(value).__name__} {shown(value)}"


def cell_date(value: object) -> tuple[Optional[object], Optional[str]]:
    """The date a cell holds (a date cell, or text YYYY-MM-DD), or why it holds none."""
    wrong = _formula(value)
    if wrong:
        return None, wrong
    if value is None or (isinstance(value, str) and blank(value)):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return value.strip(), None  # the header's model checks the day exists
    return None, f"expected a date (a date cell, or text YYYY-MM-DD), got {shown(value)}"


def cell_iin(value: object) -> tuple[Optional[str], Optional[str]]:
    """The IIN/BIN a cell holds as text; a number keeps its digits only if it has 12."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = f"{value:.0f}" if isinstance(value, float) and value.is_integer() else str(value)
        if len(digits) == 12 and digits.isdigit():
            return digits, None
        return None, (
            f"the IIN/BIN was read as the number {digits}, which is not 12 digits (a "
            "spreadsheet drops leading zeros); format the cell as text and type the 12 digits"
        )
    text, wrong = cell_text(value)
    return (text.strip() if text is not None else None), wrong


_Fields = dict[str, Any]
#: The place in the sheet's order of a problem with no cell of its own: after the rest.
_LAST = 1 << 30


def record_from_cells(
    checklist: Checklist,
    rows: Sequence[SheetRow],
    *,
    header: Optional[Mapping[str, Cell]] = None,
    people: Optional[Mapping[str, Sequence[tuple[Cell, Cell]]]] = None,
    final: bool = False,
    texts_hash: Optional[Cell] = None,
    record_form: Optional[Checklist] = None,
    unguard: Callable[[str], str] = str,
) -> InspectionRecord:
    """The record a sheet's cells fill in; every problem raised at once, each at its cell.

    ``checklist`` is the one whose words the sheet shows (its language's texts and
    column words); ``record_form`` the checklist the record is of, in its edition's own
    language (default: ``checklist``). ``header`` maps a header path (``authority``,
    ``assignment_act.number``, ``inspection_date``) to its value cell, ``people`` a
    signatory key to the (position, full name) cells of each person's row; trailing
    blank rows are left out, and a block several may sign with no one in it gets the
    blank person a new record has. ``texts_hash`` is the cell holding the hash the sheet
    was made with (:func:`texts_sha256`); ``unguard`` undoes the CSV formula guard of a
    remark. Problems: a verdict that is not one of :func:`verdict_words`, an unknown or
    repeated ID, a text that is not its ID's, not-applicable with no remark, a hash that
    does not match, a header value of the wrong kind or breaking the record's rules.
    """
    form = record_form or checklist
    problems: list[tuple[int, Problem]] = []

    def problem(cell: Cell, message: str) -> None:
        problems.append((cell.row, Problem(cell.where, message)))

    answers = _answers(checklist, form, rows, problem, unguard)
    if texts_hash is not None:
        _check_hash(checklist, rows, texts_hash, problem)
    fields, cells, broken = _header_fields(form, header or {}, people or {}, problem)
    # Field by field, so that every field's problem is found, not only the first's.
    record = new_record(form)
    good: _Fields = {}
    for key, value in fields.items():
        try:
            record.with_header(**{key: value})
        except InvalidRecordError as error:
            broken.add(key)
            for found in error.problems:
                cell = _cell_of(found.where, cells)
                problem(cell or Cell(found.where, row=_LAST), found.message)
        else:
            good[key] = value
    record = record.with_header(**good)
    if final:
        for found in header_problems(
            record.header, final=True, floor=None, edition=record.edition, broken=broken
        ):
            cell = _cell_of(found.where, cells)
            problem(cell or Cell(found.where, row=_LAST), found.message)
    if problems:
        raise InvalidRecordError(problems=_in_order(problems))
    record = record.mark_many(answers)
    return record.finish() if final else record


def _in_order(problems: list[tuple[int, Problem]]) -> list[Problem]:
    return [found for _, found in sorted(problems, key=lambda item: item[0])]


def _answers(
    checklist: Checklist,
    form: Checklist,
    rows: Sequence[SheetRow],
    problem: Callable[[Cell, str], None],
    unguard: Callable[[str], str],
) -> dict[str, tuple[Optional[str], Optional[str]]]:
    """Each row's verdict and remark by ID, after checking the row's ID, text and words."""
    law = law_of(form)
    answers: dict[str, tuple[Optional[str], Optional[str]]] = {}
    first: dict[str, Cell] = {}
    for row in rows:
        raw_id, wrong = cell_text(row.id.value)
        if wrong or raw_id is None or not raw_id.strip():
            problem(row.id, wrong or "no requirement ID in this row")
            continue
        rid = raw_id.strip().upper()
        position = checklist.index.get(rid)
        if position is None:
            problem(row.id, f"{raw_id.strip()!r}: " + unknown_id_message(raw_id.strip(), form, law))
            continue
        if rid in first:
            problem(row.id, f"{rid} is given again; its first row is at {first[rid].where}")
            continue
        first[rid] = row.id
        text, _ = cell_text(row.text.value)
        expected = checklist.requirements[position]
        if text is None or text_sha256(text) != text_sha256(expected.text):
            problem(
                row.text,
                f"the text in this row is not the text of {rid} in edition {form.edition!r} "
                "(the sheet was edited, or is of another edition); export the checklist again",
            )
        verdict, why = read_verdict(row.verdict.value, checklist)
        if why:
            problem(row.verdict, why)
        remark, wrong = cell_text(row.remark.value)
        if wrong:
            problem(row.remark, wrong)
        if remark is not None:
            remark = unguard(remark)
        if verdict == NOT_APPLICABLE and (remark is None or blank(remark)):
            problem(row.remark, NEEDS_REMARK)
        answers[rid] = (verdict, remark)
    return answers


def _check_hash(
    checklist: Checklist,
    rows: Sequence[SheetRow],
    texts_hash: Cell,
    problem: Callable[[Cell, str], None],
) -> None:
    """Whether the hash the sheet was made with is that of the edition's texts now."""
    expected = texts_sha256(checklist)
    if texts_hash.value == expected:
        return
    pairs = []
    for row in rows:
        rid, _ = cell_text(row.id.value)
        text, _ = cell_text(row.text.value)
        pairs.append(((rid or "").strip().upper(), text or ""))
    # Rows in another order hold the same answers: compare them in the checklist's order.
    index = checklist.index
    pairs.sort(key=lambda pair: index.get(pair[0], len(index)))
    held = pairs_sha256(pairs)
    where = f"edition {checklist.edition!r} ({checklist.key})"
    if held == expected:
        why = "it is not the hash of the texts in the sheet, which are those of " + where
        fix = "the sheet's hidden data was edited; export the checklist again"
    elif held == texts_hash.value:
        why = f"the sheet was made from texts of {where} other than those this library holds"
        fix = "the law's data changed since; export the checklist again and copy the verdicts"
    else:
        why = f"the texts in the sheet are not those it was made with, nor those of {where}"
        fix = "the sheet was edited (rows changed, added or removed); export the checklist again"
    missing = [rid for rid in checklist.ids if rid not in {p[0] for p in pairs}]
    gone = f"; no row for {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}"
    # After the form's own problems, though the hidden sheet's rows are numbered apart.
    problem(
        dataclasses.replace(texts_hash, row=_LAST),
        f"the hash of the texts does not match: {why}; {fix}" + (gone if missing else ""),
    )


def _header_fields(
    form: Checklist,
    header: Mapping[str, Cell],
    people: Mapping[str, Sequence[tuple[Cell, Cell]]],
    problem: Callable[[Cell, str], None],
) -> tuple[_Fields, dict[str, Cell], set[str]]:
    """The header's fields for ``with_header``, the cell of each header path, and the
    fields whose cells hold a value of the wrong kind."""
    spec = law_of(form).order.form
    fields: _Fields = {}
    cells: dict[str, Cell] = {}
    broken: set[str] = set()

    def read(path: str, reader: Callable[[object], tuple[Any, Optional[str]]]) -> Any:
        cell = header.get(path)
        if cell is None:
            return None
        cells[f"header.{path}"] = cell
        value, wrong = reader(cell.value)
        if wrong:
            problem(cell, wrong)
            broken.add(path.partition(".")[0])
        return value

    for field in spec.header:
        if field.kind == "act":
            number = read(f"{field.key}.number", cell_text)
            day = read(f"{field.key}.date", cell_date)
            fields[field.key] = {"number": number, "date": day}
        elif field.kind == "date":
            fields[field.key] = read(field.key, cell_date)
        elif field.kind == "iin-bin":
            fields[field.key] = read(field.key, cell_iin)
        else:
            fields[field.key] = read(field.key, cell_text)
    fields[INSPECTION_DATE] = read(INSPECTION_DATE, cell_date)
    defaults = blank_header(spec)
    for signer in spec.signatories:
        rows = list(people.get(signer.key, ()))
        persons = []
        for index, (position, name) in enumerate(rows):
            if signer.many or index == 0:  # one person signs: the first row is theirs
                where = f"header.{signer.key}.{index}" if signer.many else f"header.{signer.key}"
                cells[f"{where}.position"], cells[f"{where}.full_name"] = position, name
            cells.setdefault(f"header.{signer.key}", position)
            values = []
            for cell in (position, name):
                value, wrong = cell_text(cell.value)
                if wrong:
                    problem(cell, wrong)
                    broken.add(signer.key)
                values.append(value)
            persons.append({"position": values[0], "full_name": values[1]})
        while persons and persons[-1] == {"position": None, "full_name": None}:
            persons.pop()
        if signer.many:
            fields[signer.key] = persons or getattr(defaults, signer.key)
        elif len(persons) > 1:
            problem(rows[1][0], f"one person signs this block ({signer.key}); clear this row")
        else:
            fields[signer.key] = persons[0] if persons else getattr(defaults, signer.key)
    return fields, cells, broken


def _cell_of(where: str, cells: Mapping[str, Cell]) -> Optional[Cell]:
    """The cell of a record's path (``header.iin_bin``), or of the nearest path above it."""
    path = where
    while path:
        if path in cells:
            return cells[path]
        path = path.rpartition(".")[0]
    return None
