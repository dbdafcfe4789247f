"""Each entity's inspections over time: one row per IIN/BIN and checklist, from first to last.

:func:`entities_table` groups records by the entity's IIN/BIN and the checklist (a record
without an IIN/BIN by the entity's name; one with neither stands alone), orders each
group by inspection date (records of one day in the order given), and gives one row per
group, a dict whose keys are :data:`ENTITY_COLUMNS`:

- ``iin_bin``, ``entity`` (the name in the last record), ``checklist``;
- ``records``: how many; ``first_inspection_date``, ``last_inspection_date``;
- ``findings_first``, ``findings_last``: the requirements that do not conform in the
  first record and in the last;
- ``resolved``: how many findings were resolved in between, inspection to next
  inspection: each record's findings that conform in the record after it
  (:func:`~.compare.compare`, so across an amendment too), added up.

>>> from kz_inspection_checklists.record.record import new_record
>>> first = new_record("electronic-signature").with_header(
...     entity_name="Example LLP", iin_bin="990140000007", inspection_date="2024-03-01"
... ).mark_many({"EDS-001": "does-not-conform", "EDS-002": "does-not-conform"})
>>> last = first.with_header(inspection_date="2025-03-03").mark("EDS-001", "conforms")
>>> row = entities_table([last, first])[0]
>>> row["records"], row["first_inspection_date"], row["findings_first"], row["findings_last"], row["resolved"]
(2, '2024-03-01', 2, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

from .._suggest import shown
from ..exceptions import InvalidInputError
from .compare import compare
from .record import InspectionRecord
from .register import identity
from .verdicts import DOES_NOT_CONFORM

__all__ = ["ENTITY_COLUMNS", "entities_table"]

#: The columns of the register by entity, one row per IIN/BIN and checklist.
ENTITY_COLUMNS = (
    "iin_bin",
    "entity",
    "checklist",
    "records",
    "first_inspection_date",
    "last_inspection_date",
    "findings_first",
    "findings_last",
    "resolved",
)


def _findings(record: InspectionRecord) -> int:
    return sum(verdict == DOES_NOT_CONFORM for verdict in record.verdicts)


def entities_table(
    records: Iterable[InspectionRecord], *, names: Optional[Sequence[str]] = None
) -> list[dict[str, Any]]:
    """One row per entity and checklist (see the module), sorted by IIN/BIN (or name)
    and checklist.

    ``names`` name the records in messages (their files; default ``record N``). Raises
    :class:`InvalidInputError` for an item that is not a record, and for a record
    without an inspection date among others of its entity: it cannot be placed in time.
    """
    if isinstance(records, (str, bytes, Mapping)) or not isinstance(records, Iterable):
        raise InvalidInputError(
            f"entities_table() takes an iterable of inspection records, not "
            f"{type(records).__name__} {shown(records)}"
        )
    groups: dict[tuple[str, str, str], list[tuple[str, InspectionRecord]]] = {}
    for position, record in enumerate(records):
        if not isinstance(record, InspectionRecord):
            raise InvalidInputError(
                f"entities_table() takes inspection records; item {position} is "
                f"{type(record).__name__} {shown(record)}"
            )
        name = names[position] if names is not None and position < len(names) else None
        who = identity(record)
        if who["iin_bin"]:
            key = ("iin", who["iin_bin"], record.checklist)
        elif who["entity"]:
            key = ("entity", who["entity"], record.checklist)
        else:
            key = ("record", str(position), record.checklist)
        groups.setdefault(key, []).append((name or f"record {position + 1}", record))
    rows = []
    for members in groups.values():
        if len(members) > 1:
            undated = [name for name, r in members if identity(r)["inspection_date"] is None]
            if undated:
                raise InvalidInputError(
                    f"{undated[0]} has no inspection date, and other records are of its "
                    "entity and checklist: set its date (kz-checklists header RECORD "
                    "--inspection-date YYYY-MM-DD) so that it can be placed among them"
                )
        ordered = [
            r for _, r in sorted(members, key=lambda m: identity(m[1])["inspection_date"] or "")
        ]
        first, last = identity(ordered[0]), identity(ordered[-1])
        rows.append(
            {
                "iin_bin": last["iin_bin"],
                "entity": last["entity"],
                "checklist": ordered[-1].checklist,
                "records": len(ordered),
                "first_inspection_date": first["inspection_date"],
                "last_inspection_date": last["inspection_date"],
                "findings_first": _findings(ordered[0]),
                "findings_last": _findings(ordered[-1]),
                "resolved": sum(len(compare(a, b).resolved) for a, b in zip(ordered, ordered[1:])),
            }
        )
    # By IIN/BIN, then checklist (by the entity's name, which may change, only without one).
    return sorted(
        rows,
        key=lambda row: (
            row["iin_bin"] or "",
            "" if row["iin_bin"] else row["entity"] or "",
            row["checklist"],
        ),
    )
