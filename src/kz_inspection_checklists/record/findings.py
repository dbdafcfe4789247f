"""The findings of inspections, one per requirement that does not conform, as rows of a plan.

:func:`findings` gives one :class:`Finding` per requirement assessed
``does-not-conform``, record by record in the order given and, within a record, in the
order of the requirements' numbers: who was inspected and when, the checklist and
edition, the requirement's ID, number and verbatim text, and the remark. With
``since``, a previous record of the same checklist and entity, each finding also says
whether it is ``new`` or ``still-open`` (by :func:`~.compare.compare`, so across an
amendment too). :data:`COLUMNS` (and :data:`SINCE_COLUMN`) are the keys of
:meth:`Finding.row`, the columns of ``kz-checklists findings``.

>>> from kz_inspection_checklists.record.record import new_record
>>> before = new_record("electronic-signature").mark("EDS-002", "does-not-conform")
>>> after = before.mark("EDS-004", "does-not-conform", "a key was shared")
>>> [(f.id, f.number, f.remark, f.since) for f in findings([after], since=before)]
[('EDS-002', 2, None, 'still-open'), ('EDS-004', 4, 'a key was shared', 'new')]
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Optional

from .._suggest import shown
from ..exceptions import InvalidInputError
from ..law.order import Frozen
from .compare import compare
from .record import InspectionRecord
from .register import identity
from .verdicts import DOES_NOT_CONFORM

__all__ = ["COLUMNS", "SINCE_COLUMN", "SINCE_VALUES", "Finding", "findings"]

#: The columns of a plan's rows, in order: who and when, which checklist, which requirement.
COLUMNS = (
    "entity",
    "iin_bin",
    "inspection_date",
    "checklist",
    "edition",
    "id",
    "number",
    "text",
    "remark",
)
#: The column that says, against a previous record, whether a finding is new.
SINCE_COLUMN = "finding"
#: What :data:`SINCE_COLUMN` may say.
SINCE_VALUES = ("new", "still-open")


class Finding(Frozen):
    """A requirement that does not conform, in one record."""

    entity: Optional[str] = None
    iin_bin: Optional[str] = None
    inspection_date: Optional[datetime.date] = None
    checklist: str
    edition: str
    id: str
    number: int
    text: str
    remark: Optional[str] = None
    since: Optional[Literal["new", "still-open"]] = None
    """Against a previous record: ``new`` or ``still-open``; ``None`` without one."""

    def row(self, *, since: bool = False) -> dict[str, Any]:
        """The finding as a row: :data:`COLUMNS` (and, with ``since``, :data:`SINCE_COLUMN`),
        the date as ``YYYY-MM-DD``."""
        values = self.model_dump(include=set(COLUMNS))
        day = self.inspection_date
        values["inspection_date"] = day.isoformat() if day is not None else None
        row = {column: values[column] for column in COLUMNS}
        if since:
            row[SINCE_COLUMN] = self.since
        return row


def findings(
    records: Iterable[InspectionRecord], *, since: Optional[InspectionRecord] = None
) -> tuple[Finding, ...]:
    """Every finding of ``records``, record by record, each by its number.

    ``since`` is a previous record: each record is compared with it
    (:func:`~.compare.compare`, which refuses another checklist or entity) and each
    finding says whether it is ``new`` or ``still-open``. Raises
    :class:`InvalidInputError` for an item that is not an inspection record.
    """
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise InvalidInputError(
            f"findings() takes an iterable of inspection records, not "
            f"{type(records).__name__} {shown(records)}"
        )
    if since is not None and not isinstance(since, InspectionRecord):
        raise InvalidInputError(
            f"since is a previous inspection record, not {type(since).__name__} {shown(since)}"
        )
    found: list[Finding] = []
    for position, record in enumerate(records):
        if not isinstance(record, InspectionRecord):
            raise InvalidInputError(
                f"findings() takes inspection records; item {position} is "
                f"{type(record).__name__} {shown(record)}"
            )
        still_open: frozenset[str] = frozenset()
        if since is not None:
            still_open = frozenset(item.id for item in compare(since, record).still_open)
        who = identity(record)
        day = who["inspection_date"]
        for requirement, verdict, remark in zip(
            record.requirements, record.verdicts, record.remarks
        ):
            if verdict != DOES_NOT_CONFORM:
                continue
            found.append(
                Finding(
                    entity=who["entity"],
                    iin_bin=who["iin_bin"],
                    inspection_date=datetime.date.fromisoformat(day) if day else None,
                    checklist=record.checklist,
                    edition=record.edition,
                    id=requirement.id,
                    number=requirement.number,
                    text=requirement.text,
                    remark=remark,
                    since=None
                    if since is None
                    else ("still-open" if requirement.id in still_open else "new"),
                )
            )
    return tuple(found)
