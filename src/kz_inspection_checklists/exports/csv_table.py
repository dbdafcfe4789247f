"""CSV: one row per requirement, with stable, documented columns, for spreadsheets.

Columns for a checklist: ``id, number, checklist, edition, text``; a record adds
``verdict, remark``. The verdict is ``conforms``, ``does-not-conform``,
``not-applicable`` or ``not-assessed``. UTF-8, RFC 4180 quoting, CRLF line ends; with
``bom=True`` the text starts with a byte-order mark so Excel reads it as UTF-8.

>>> from kz_inspection_checklists import checklist
>>> print(checklist_csv(checklist("electronic-signature")).splitlines()[1])
EDS-001,1,electronic-signature,2023-revision,observance of the requirement to prevent refusals to accept electronic documents
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..models import Checklist
from ._view import FormView

__all__ = ["CHECKLIST_COLUMNS", "RECORD_COLUMNS", "checklist_csv", "view_csv"]

#: The columns of a checklist's CSV, in order. They do not change within a major version.
CHECKLIST_COLUMNS = ("id", "number", "checklist", "edition", "text")
#: The columns of a record's CSV: the checklist's, then the verdict and the remark.
RECORD_COLUMNS = (*CHECKLIST_COLUMNS, "verdict", "remark")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def checklist_csv(checklist: Checklist) -> str:
    """The checklist's requirements as CSV text."""
    return _table(
        CHECKLIST_COLUMNS,
        (
            (r.id, r.number, checklist.key, checklist.edition, r.text)
            for r in checklist.requirements
        ),
    )


def view_csv(view: FormView) -> str:
    """A checklist or a record (as a form view) as CSV text."""
    if not view.filled:
        return checklist_csv(view.checklist)
    return _table(
        RECORD_COLUMNS,
        (
            (
                row.requirement.id,
                row.requirement.number,
                view.checklist.key,
                view.checklist.edition,
                row.requirement.text,
                row.verdict,
                row.remark,
            )
            for row in view.rows
        ),
    )
