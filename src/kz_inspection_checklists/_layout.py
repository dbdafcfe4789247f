"""What every inspection record of one checklist shares: its requirement IDs in order.

The internal interface between :mod:`~kz_inspection_checklists.inspection`, which
builds records, and the modules that read them (:mod:`~kz_inspection_checklists.scoring`):

- :class:`Layout`: a checklist's requirements, their IDs in order, an index and a set;
- :func:`layout_for` the (cached) layout of a checklist;
- :func:`layout_of` the layout a record was built with;
- :func:`unknown_id_message` why an ID is not one of a checklist's, with a hint.

>>> from kz_inspection_checklists import checklist
>>> found = layout_for(checklist("electronic-signature"))
>>> found.ids, found.index["EDS-003"], layout_for(checklist("electronic-signature")) is found
(('EDS-001', 'EDS-002', 'EDS-003', 'EDS-004'), 2, True)
>>> unknown_id_message("COM-001", found)
"requirement COM-001 belongs to checklist 'communications', not 'electronic-signature'"
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import api
from .exceptions import closest
from .models import Checklist, Requirement

if TYPE_CHECKING:
    from .inspection import InspectionRecord

__all__ = ["Layout", "layout_for", "layout_of", "unknown_id_message"]


class Layout:
    """What every record of one checklist shares: its IDs in order and an index."""

    __slots__ = ("checklist", "ids", "idset", "index", "requirements")

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.requirements: tuple[Requirement, ...] = checklist.requirements
        self.ids: tuple[str, ...] = tuple(r.id for r in checklist.requirements)
        self.index: dict[str, int] = {rid: i for i, rid in enumerate(self.ids)}
        self.idset: frozenset[str] = frozenset(self.ids)


_LAYOUTS: dict[int, tuple[Checklist, Layout]] = {}


def layout_for(checklist: Checklist) -> Layout:
    """The layout of a checklist, built once per checklist object."""
    # Keyed by identity: the cached loaders hand out the same Checklist object each time.
    found = _LAYOUTS.get(id(checklist))
    if found is not None and found[0] is checklist:
        return found[1]
    if len(_LAYOUTS) > 64:
        _LAYOUTS.clear()
    made = Layout(checklist)
    _LAYOUTS[id(checklist)] = (checklist, made)
    return made


def layout_of(record: InspectionRecord) -> Layout:
    """The layout of the record's checklist (every record holds the one it was built with)."""
    return record._layout


def unknown_id_message(requirement_id: str, layout: Layout) -> str:
    """Why ``requirement_id`` is not one of the layout's: another checklist's, another
    edition's, or unknown (with the closest ID, if one is close)."""
    checklist = layout.checklist
    entry = api.id_registry().get(requirement_id)
    if entry is not None:
        if entry.checklist != checklist.key:
            return (
                f"requirement {requirement_id} belongs to checklist {entry.checklist!r}, "
                f"not {checklist.key!r}"
            )
        return (
            f"requirement {requirement_id} (first in edition {entry.first_edition!r}) is not "
            f"in edition {checklist.edition!r}"
        )
    match = re.match(r"^\s*([A-Za-z]+)-?0*(\d+)\s*$", requirement_id)
    hint = None
    if match:
        candidate = f"{match[1].upper()}-{int(match[2]):03d}"
        if candidate in layout.idset:
            hint = candidate
    hint = hint or closest(requirement_id, layout.ids)
    return (
        f"unknown requirement ID in checklist {checklist.key!r} of edition "
        f"{checklist.edition!r}; IDs run {layout.ids[0]} to {layout.ids[-1]}"
        + (f"; did you mean {hint!r}?" if hint else "")
    )
