"""CSV: one row per requirement, with stable, documented columns, for spreadsheets.

Columns for a checklist: ``id, number, checklist, edition, text``; a record adds
``verdict, remark`` and then, on every row, who was inspected and when: the header's
entity and its IIN/BIN (their keys in the order's form, ``entity_name`` and ``iin_bin``
for the bundled order) and ``inspection_date`` (ISO 8601), so that the CSVs of many
records can be stacked (:func:`record_columns`). The verdict is ``conforms``,
``does-not-conform``, ``not-applicable`` or ``not-assessed``. UTF-8, RFC 4180 quoting,
CRLF line ends; with ``bom=True`` the text starts with a byte-order mark so Excel reads
it as UTF-8.

A cell a user wrote (the remark, the entity's name and IIN/BIN) that a spreadsheet would
run as a formula is written with a ``'`` before it (:func:`guard_cell`, after OWASP's
advice on CSV injection); :func:`unguard_cell` gives the value back. A text from an
edition file is a user's too, and is guarded the same way; the bundled editions' texts
are written as they are (none starts like a formula: a test proves it), as are the IDs,
the checklist key and the edition ID (plain names, which never start so).

>>> from kz_inspection_checklists import checklist
>>> print(checklist_csv(checklist("electronic-signature")).splitlines()[1])
EDS-001,1,electronic-signature,2023-revision,observance of the requirement to prevent refusals to accept electronic documents
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, Optional

from ..law.edition import Checklist
from ..law.order import FormSpec
from ..record.header import INSPECTION_DATE
from ..record.sheet import ERROR_VALUES
from ._shared import is_bundled
from .view import FormView

__all__ = [
    "CHECKLIST_COLUMNS",
    "FORMULA_STARTS",
    "RECORD_COLUMNS",
    "WHO_ROLES",
    "checklist_csv",
    "guard_cell",
    "record_columns",
    "render",
    "unguard_cell",
    "view_csv",
]

#: The columns of a checklist's CSV, in order. They do not change within a major version.
CHECKLIST_COLUMNS = ("id", "number", "checklist", "edition", "text")
#: The first columns of a record's CSV: the checklist's, then the verdict and the remark.
RECORD_COLUMNS = (*CHECKLIST_COLUMNS, "verdict", "remark")
#: The roles of the header fields a record's CSV repeats on every row, after
#: :data:`RECORD_COLUMNS` and before the inspection date: the entity and its IIN/BIN.
WHO_ROLES = ("entity", "entity-id")


def record_columns(form: FormSpec) -> tuple[str, ...]:
    """The columns of a record's CSV for an order's form.

    :data:`RECORD_COLUMNS`, then the keys of the header fields with the roles of
    :data:`WHO_ROLES` (where the form has them) and ``inspection_date``: added after the
    others, so that the columns before them keep their places.

    >>> from kz_inspection_checklists import order
    >>> record_columns(order().form)[len(RECORD_COLUMNS):]
    ('entity_name', 'iin_bin', 'inspection_date')
    """
    keys = (form.key_of(role) for role in WHO_ROLES)
    return (*RECORD_COLUMNS, *(key for key in keys if key), INSPECTION_DATE)


#: The first characters that make a spreadsheet read a cell as a formula (OWASP: equals,
#: plus, minus, at, tab, carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guarded(value: str) -> bool:
    rest = value.lstrip("'")
    return rest.startswith(FORMULA_STARTS) or rest in ERROR_VALUES


def guard_cell(value: str) -> str:
    """A user-written cell that no spreadsheet runs as a formula or reads as an error.

    A value that starts with one of :data:`FORMULA_STARTS`, or is a spreadsheet's error
    value (``#N/A``, ``#REF!``, ...: :data:`~..record.sheet.ERROR_VALUES`), after any
    ``'`` it already starts with, gets one more ``'`` in front; any other value is
    unchanged. Counting the quotes already there makes the change reversible
    (:func:`unguard_cell`).

    >>> print(guard_cell('=HYPERLINK("http://example.org")'))
    '=HYPERLINK("http://example.org")
    >>> guard_cell("-"), guard_cell("'-"), guard_cell("no, not yet"), guard_cell("#N/A")
    ("'-", "''-", 'no, not yet', "'#N/A")
    """
    return "'" + value if _guarded(value) else value


def unguard_cell(cell: str) -> str:
    """The value :func:`guard_cell` was given, from the CSV cell it wrote.

    >>> unguard_cell("'=1+1"), unguard_cell("''-"), unguard_cell("'quoted'")
    ('=1+1', "'-", "'quoted'")
    """
    if cell.startswith("'") and _guarded(cell):
        return cell[1:]
    return cell


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def checklist_csv(checklist: Checklist, *, bundled: Optional[bool] = None) -> str:
    """The checklist's requirements as CSV text.

    ``bundled``: whether the checklist is a bundled edition's, unchanged, so that its
    texts are written as they are (default: found by :func:`._shared.is_bundled`); any
    other checklist's texts are guarded (:func:`guard_cell`).
    """
    verbatim = is_bundled(checklist) if bundled is None else bundled
    return _table(
        CHECKLIST_COLUMNS,
        (
            (r.id, r.number, checklist.key, checklist.edition, _text(r.text, verbatim))
            for r in checklist.requirements
        ),
    )


def _text(text: str, verbatim: bool) -> str:
    return text if verbatim else guard_cell(text)


def view_csv(view: FormView) -> str:
    """A checklist or a record (as a form view) as CSV text."""
    if not view.filled:
        return checklist_csv(view.checklist, bundled=view.bundled)
    assert view.form is not None  # a record's view has its order's form
    who = tuple(guard_cell(view.value_of(role)) for role in WHO_ROLES if view.form.key_of(role))
    when = view.inspection_date or ""
    return _table(
        record_columns(view.form),
        (
            (
                row.requirement.id,
                row.requirement.number,
                view.checklist.key,
                view.checklist.edition,
                _text(row.requirement.text, view.bundled),
                row.verdict,
                guard_cell(row.remark),
                *who,
                when,
            )
            for row in view.rows
        ),
    )


def render(view: FormView, options: Any) -> bytes:
    """The form as CSV bytes (UTF-8; with ``options.bom``, a byte-order mark first)."""
    return ("\ufeff" if options.bom else "").encode("utf-8") + view_csv(view).encode("utf-8")
