"""The register of many inspections: one row per record, or per record and requirement, as dicts.

:func:`records_table` gives one row per record: who was inspected and when, by whom,
which checklist of which edition, the four counts, the compliance rate and the four
XCCDF scores (:mod:`.scoring`); ``long=True`` gives one row per record and requirement
instead. Each row is a dict whose keys are :data:`COLUMNS` (or :data:`LONG_COLUMNS`), in
that order, the columns of the CSV ``kz-checklists summary`` writes. The columns are
stable: they change only in a major version.

Header values are found by their roles in the order's form (``entity``, ``entity-id``,
``authority``), not by fixed keys; a form without a field of that role leaves its
column ``None``. Dates are ISO 8601 text (``YYYY-MM-DD``); rates and scores are written
with :func:`~.scoring.rounded`, the one rounding rule of every output; a value that is
undefined (no compliance rate while nothing applicable is assessed, the absolute score
of an incomplete record) is ``None``.

>>> from kz_inspection_checklists.record.record import new_record
>>> record = new_record("electronic-signature").with_header(
...     entity_name="Example LLP", inspection_date="2024-03-01"
... ).mark_many({"EDS-001": "conforms", "EDS-002": "conforms", "EDS-003": "does-not-conform"})
>>> row = records_table([record])[0]
>>> row["entity"], row["inspection_date"], row["conforms"], row["compliance_rate"]
('Example LLP', '2024-03-01', 2, 0.667)
>>> [(r["id"], r["verdict"]) for r in records_table([record], long=True)][-2:]
[('EDS-003', 'does-not-conform'), ('EDS-004', 'not-assessed')]
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Optional

from .._suggest import shown
from ..exceptions import InvalidInputError
from .header import INSPECTION_DATE
from .record import InspectionRecord
from .scoring import COUNT_KEYS, SYSTEMS, rounded, score
from .verdicts import state

__all__ = [
    "COLUMNS",
    "COUNT_COLUMNS",
    "IDENTITY_COLUMNS",
    "LONG_COLUMNS",
    "SCORE_COLUMNS",
    "WRITTEN_BY_PEOPLE",
    "identity",
    "records_table",
]

#: Who was inspected and when, by whom, and on which checklist of which edition.
IDENTITY_COLUMNS = ("entity", "iin_bin", "inspection_date", "authority", "checklist", "edition")
#: The requirements in each state (:data:`~.scoring.COUNT_KEYS`), ``-`` written ``_``.
COUNT_COLUMNS = tuple(key.replace("-", "_") for key in COUNT_KEYS)
#: The four XCCDF scores (:data:`~.scoring.SYSTEMS`), as ``score_`` and the model's name.
SCORE_COLUMNS = tuple(f"score_{system.replace('-', '_')}" for system in SYSTEMS)
#: The columns of the register, one row per record.
COLUMNS = (*IDENTITY_COLUMNS, *COUNT_COLUMNS, "compliance_rate", *SCORE_COLUMNS)
#: The columns of the long register, one row per record and requirement.
LONG_COLUMNS = (*IDENTITY_COLUMNS, "id", "number", "text", "verdict", "remark")
#: The columns whose text people wrote (so a CSV guards them against formulas).
WRITTEN_BY_PEOPLE = ("entity", "iin_bin", "authority", "remark")

#: The header role each identity column that is a header field shows.
_HEADER_ROLES = {"entity": "entity", "iin_bin": "entity-id", "authority": "authority"}


def identity(record: InspectionRecord) -> dict[str, Any]:
    """Who was inspected and when, by whom, on which checklist of which edition: the
    values of :data:`IDENTITY_COLUMNS` (``None`` where the record has none)."""
    header = record.header
    form = header.form
    values: dict[str, Any] = {}
    for column in IDENTITY_COLUMNS:
        if column in _HEADER_ROLES:
            key = form.key_of(_HEADER_ROLES[column])
            values[column] = getattr(header, key, None) if key is not None else None
        elif column == "inspection_date":
            day: Optional[datetime.date] = getattr(header, INSPECTION_DATE, None)
            values[column] = day.isoformat() if day is not None else None
        else:
            values[column] = getattr(record, column)
    return values


def records_table(
    records: Iterable[InspectionRecord], *, long: bool = False
) -> list[dict[str, Any]]:
    """The register of ``records``: one dict per record (``long``: per record and requirement).

    Raises :class:`InvalidInputError` for an item that is not an
    :class:`~.record.InspectionRecord`.
    """
    rows: list[dict[str, Any]] = []
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise InvalidInputError(
            f"records_table() takes an iterable of inspection records, not "
            f"{type(records).__name__} {shown(records)}"
        )
    for position, record in enumerate(records):
        if not isinstance(record, InspectionRecord):
            raise InvalidInputError(
                f"records_table() takes inspection records; item {position} is "
                f"{type(record).__name__} {shown(record)}"
            )
        identity_of = identity(record)
        if long:
            for requirement, verdict, remark in zip(
                record.requirements, record.verdicts, record.remarks
            ):
                rows.append(
                    {
                        **identity_of,
                        "id": requirement.id,
                        "number": requirement.number,
                        "text": requirement.text,
                        "verdict": state(verdict),
                        "remark": remark,
                    }
                )
            continue
        result = score(record)
        row = dict(identity_of)
        row.update({column: result.counts[key] for column, key in zip(COUNT_COLUMNS, COUNT_KEYS)})
        row["compliance_rate"] = rounded(result.compliance_rate)
        row.update(
            {
                column: rounded(result.scores[system].score)
                for column, system in zip(SCORE_COLUMNS, SYSTEMS)
            }
        )
        rows.append(row)
    return rows
