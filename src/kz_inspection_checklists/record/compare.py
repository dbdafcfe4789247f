"""Two inspections of one entity compared, requirement by requirement, across amendments.

:func:`compare` takes two records of one checklist and one entity (an earlier inspection,
``old``, and a later one, ``new``), of one edition or of two, and matches them by
requirement ID. Each ID goes in at most one of these lists, by its verdicts:

- ``resolved``: does-not-conform in ``old``, conforms in ``new``;
- ``still_open``: does-not-conform in both;
- ``new_findings``: does-not-conform in ``new``, anything else in ``old`` (conforms,
  not applicable, not assessed, or an ID that ``old``'s edition did not have);
- ``changed``: every other change of state, such as does-not-conform becoming
  not-applicable, conforms becoming not assessed, or an ID new in ``new``'s edition
  answered there;
- ``removed``: IDs answered in ``old`` that ``new``'s edition no longer has.

Besides, ``text_changed`` lists the IDs whose text differs between the two editions
(by :func:`~kz_inspection_checklists.law.ids.text_sha256`, as ``diff`` and ``migrate``
compare them): the lists above still place them, and the flag says that the two
verdicts judged different words. Each list is in the order of the requirements'
numbers (``new``'s, ``old``'s for ``removed``).

A state is a verdict, ``not-assessed``, or :data:`NOT_IN_EDITION` for an ID the record's
edition does not have. Records of two checklists, or with two different IIN/BINs, are
refused; a blank IIN/BIN on either side is allowed, with a note. When ``old`` was
inspected after ``new`` they are compared all the same, with a warning.

>>> from kz_inspection_checklists.record.record import new_record
>>> before = new_record("electronic-signature").mark_many(
...     {"EDS-001": "does-not-conform", "EDS-002": "does-not-conform", "EDS-003": "conforms"})
>>> after = before.mark_many({"EDS-001": "conforms", "EDS-003": "does-not-conform"})
>>> result = compare(before, after)
>>> result.counts()
{'resolved': 1, 'still_open': 1, 'new_findings': 1, 'changed': 0, 'text_changed': 0, 'removed': 0}
>>> [item.id for item in result.new_findings]
['EDS-003']
"""

from __future__ import annotations

import datetime
from typing import Any, Optional

from .._suggest import shown
from ..exceptions import InvalidInputError
from ..law.diff import Segment, redline
from ..law.ids import text_sha256
from ..law.order import Frozen
from ..law.store import law_of
from .record import InspectionRecord
from .register import identity
from .verdicts import CONFORMS, DOES_NOT_CONFORM, state

__all__ = ["CATEGORIES", "NOT_IN_EDITION", "Comparison", "Item", "Side", "compare"]

#: The state of an ID that a record's edition does not have.
NOT_IN_EDITION = "not-in-edition"
#: The lists a requirement may be in, by its verdicts, in the order they are given.
CATEGORIES = ("resolved", "still_open", "new_findings", "changed", "removed")


class Side(Frozen):
    """One of the two records: who was inspected and when, on which checklist and edition."""

    entity: Optional[str] = None
    iin_bin: Optional[str] = None
    inspection_date: Optional[datetime.date] = None
    checklist: str
    edition: str

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "iin_bin": self.iin_bin,
            "inspection_date": self.inspection_date.isoformat() if self.inspection_date else None,
            "checklist": self.checklist,
            "edition": self.edition,
        }


class Item(Frozen):
    """One requirement of the comparison: its words and its state on each side.

    ``number`` and ``text`` are ``new``'s, or ``old``'s for a requirement ``new``'s
    edition does not have; ``old_text`` is ``old``'s text where it differs.
    """

    id: str
    number: int
    text: str
    old: str
    new: str
    old_remark: Optional[str] = None
    new_remark: Optional[str] = None
    old_text: Optional[str] = None

    @property
    def text_changed(self) -> bool:
        """Whether the two editions give this requirement different words."""
        return self.old_text is not None

    @property
    def redline(self) -> tuple[Segment, ...]:
        """The word-level redline from ``old``'s text to ``new``'s (``()`` if the same)."""
        return redline(self.old_text, self.text) if self.old_text is not None else ()


class Comparison(Frozen):
    """What became of each requirement from one inspection to the next."""

    old: Side
    new: Side
    resolved: tuple[Item, ...] = ()
    still_open: tuple[Item, ...] = ()
    new_findings: tuple[Item, ...] = ()
    changed: tuple[Item, ...] = ()
    removed: tuple[Item, ...] = ()
    text_changed: tuple[Item, ...] = ()
    notes: tuple[str, ...] = ()
    """What was not checked, such as a blank IIN/BIN."""
    warnings: tuple[str, ...] = ()
    """What may be wrong with the question, such as ``old`` inspected after ``new``."""

    def counts(self) -> dict[str, int]:
        """How many IDs each list holds, ``text_changed`` included."""
        return {
            name: len(getattr(self, name))
            for name in (*CATEGORIES[:4], "text_changed", CATEGORIES[4])
        }

    def category(self, requirement_id: str) -> Optional[str]:
        """The list (one of :data:`CATEGORIES`) that holds an ID, or ``None``."""
        for name in CATEGORIES:
            if any(item.id == requirement_id for item in getattr(self, name)):
                return name
        return None

    def items(self) -> tuple[tuple[Optional[str], Item], ...]:
        """Every ID in any list, once, with its category (``None``: only its text changed),
        in the order of the lists and, within each, of the numbers."""
        listed = [(name, item) for name in CATEGORIES for item in getattr(self, name)]
        seen = {item.id for _, item in listed}
        return (*listed, *((None, item) for item in self.text_changed if item.id not in seen))

    def to_json(self) -> dict[str, Any]:
        """``old`` and ``new``, the lists (IDs; ``changed`` as ``{"id", "old", "new"}``),
        ``counts``, and the ``notes`` and ``warnings``."""
        return {
            "old": self.old.to_json(),
            "new": self.new.to_json(),
            "resolved": [item.id for item in self.resolved],
            "still_open": [item.id for item in self.still_open],
            "new_findings": [item.id for item in self.new_findings],
            "changed": [{"id": i.id, "old": i.old, "new": i.new} for i in self.changed],
            "text_changed": [item.id for item in self.text_changed],
            "removed": [item.id for item in self.removed],
            "counts": self.counts(),
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }


def _side(record: InspectionRecord) -> Side:
    who = identity(record)
    day = who["inspection_date"]
    return Side(
        entity=who["entity"],
        iin_bin=who["iin_bin"],
        inspection_date=datetime.date.fromisoformat(day) if day else None,
        checklist=record.checklist,
        edition=record.edition,
    )


def _checked(old: object, new: object) -> tuple[Side, Side, list[str], list[str]]:
    """The two sides, the notes and the warnings; InvalidInputError for what is refused."""
    for name, value in (("old", old), ("new", new)):
        if not isinstance(value, InspectionRecord):
            raise InvalidInputError(
                f"compare() takes two inspection records (see read_record); {name} is "
                f"{type(value).__name__} {shown(value)}"
            )
    assert isinstance(old, InspectionRecord) and isinstance(new, InspectionRecord)
    orders = [law_of(record.form).order.adilet_code for record in (old, new)]
    if orders[0] != orders[1]:
        raise InvalidInputError(
            f"OLD is a record of order {orders[0]} and NEW of order {orders[1]}; compare two "
            "records of one checklist"
        )
    if old.checklist != new.checklist:
        raise InvalidInputError(
            f"OLD is a record of checklist {old.checklist!r} and NEW of {new.checklist!r}; "
            "compare two records of one checklist"
        )
    before, after = _side(old), _side(new)
    if before.iin_bin and after.iin_bin and before.iin_bin != after.iin_bin:
        raise InvalidInputError(
            f"OLD is of IIN/BIN {before.iin_bin!r} ({before.entity or 'entity not named'}) "
            f"and NEW of IIN/BIN {after.iin_bin!r} ({after.entity or 'entity not named'}); "
            "compare two inspections of one entity"
        )
    notes = [
        f"{name} has no IIN/BIN: that both records are of one entity is not checked"
        for name, side in (("OLD", before), ("NEW", after))
        if not side.iin_bin
    ]
    notes += [
        f"{name} has no inspection date: which inspection came first is not checked"
        for name, side in (("OLD", before), ("NEW", after))
        if side.inspection_date is None
    ]
    warnings = []
    if (
        before.inspection_date
        and after.inspection_date
        and before.inspection_date > after.inspection_date
    ):
        warnings.append(
            f"OLD was inspected on {before.inspection_date.isoformat()}, after NEW "
            f"({after.inspection_date.isoformat()}); compared all the same: is the "
            "order of OLD and NEW the one meant?"
        )
    return before, after, notes, warnings


def _category(old: str, new: str) -> Optional[str]:
    if new == DOES_NOT_CONFORM:
        return "still_open" if old == DOES_NOT_CONFORM else "new_findings"
    if old == DOES_NOT_CONFORM and new == CONFORMS:
        return "resolved"
    if old != new and not (old == NOT_IN_EDITION and new == state(None)):
        return "changed"
    return None


def compare(old: InspectionRecord, new: InspectionRecord) -> Comparison:
    """What became of each requirement of ``old`` in ``new`` (see the module's lists).

    Raises :class:`~kz_inspection_checklists.exceptions.InvalidInputError` for anything
    but two records, for records of two checklists (or of two orders), and for two
    different non-blank IIN/BINs, naming both.
    """
    before, after, notes, warnings = _checked(old, new)
    lists: dict[str, list[Item]] = {name: [] for name in (*CATEGORIES, "text_changed")}
    was = {r.id: (r, v, m) for r, v, m in zip(old.requirements, old.verdicts, old.remarks)}
    for requirement, verdict, remark in zip(new.requirements, new.verdicts, new.remarks):
        found = was.get(requirement.id)
        old_state = state(found[1]) if found else NOT_IN_EDITION
        old_text = None
        if found and text_sha256(found[0].text) != text_sha256(requirement.text):
            old_text = found[0].text
        item = Item(
            id=requirement.id,
            number=requirement.number,
            text=requirement.text,
            old=old_state,
            new=state(verdict),
            old_remark=found[2] if found else None,
            new_remark=remark,
            old_text=old_text,
        )
        category = _category(item.old, item.new)
        if category is not None:
            lists[category].append(item)
        if item.text_changed:
            lists["text_changed"].append(item)
    kept = set(new.ids)
    lists["removed"] = [
        Item(id=r.id, number=r.number, text=r.text, old=state(v), new=NOT_IN_EDITION, old_remark=m)
        for r, v, m in zip(old.requirements, old.verdicts, old.remarks)
        if r.id not in kept and v is not None
    ]
    return Comparison(
        old=before,
        new=after,
        **{name: tuple(items) for name, items in lists.items()},
        notes=tuple(notes),
        warnings=tuple(warnings),
    )
