"""The history of one requirement: each edition it stands in, its number and text there.

Editions are read oldest first: the bundled ones, or, where a caller passes editions,
those alone (the bundled ones are not added to them). For each
edition whose texts the library holds and which has the ID, an entry gives the
requirement's number and text, how the text stands against the previous entry
(``first``, ``unchanged`` or ``changed``) and the act that made the edition. Editions
whose texts are not held are listed apart, since whether the requirement stood in them
cannot be told.

>>> h = history("eds-004")
>>> [(e.edition, e.number, e.status, e.act) for e in h.entries]
[('2023-revision', 4, 'first', 'amendment-2023-05-23')]
>>> h.unknown
('2019-original',)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Optional

from pydantic import Field

from .._suggest import shown
from ..exceptions import InvalidInputError, UnknownNameError
from .ids import text_sha256
from .order import Frozen
from .store import EditionRef, Law, bundled

__all__ = ["History", "HistoryEntry", "history"]


class HistoryEntry(Frozen):
    """The requirement as it stands in one edition."""

    edition: str
    checklist: str
    number: int
    text: str
    status: Literal["first", "unchanged", "changed"] = Field(
        description="Its text against the previous entry: first seen, the same, or changed."
    )
    act: str = Field(description="ID of the act that made the edition.")
    act_title: Optional[str] = Field(
        default=None, description="The act's issuers and numbers, where the order names it."
    )


class History(Frozen):
    """Every edition a requirement stands in, and the editions that cannot tell."""

    id: str
    entries: tuple[HistoryEntry, ...]
    unknown: tuple[str, ...] = Field(
        default=(), description="Editions whose texts are not held: whether it stood there."
    )
    editions: tuple[str, ...] = Field(default=(), description="Every edition read, oldest first.")

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "editions": [e.model_dump(mode="json") for e in self.entries],
            "not_known": list(self.unknown),
        }


def history(
    requirement_id: str,
    *,
    editions: Optional[Iterable[EditionRef]] = None,
    law: Optional[Law] = None,
) -> History:
    """The history of the requirement with this ID (case-insensitive).

    ``editions`` (a list of edition references, oldest first) defaults to the bundled
    editions; a list given replaces them, it is not added to them. ``law`` is the order
    (default: the bundled one). Raises :class:`UnknownNameError` for an ID that no
    edition and no registry entry knows, suggesting the closest, and
    :class:`InvalidInputError` for an ID that is not a string or ``editions`` that is
    not a non-empty list.

    >>> history("EDS-004", editions="2023")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: editions: expected a list of editions (IDs, aliases, edition files or Edition objects), oldest first, got str '2023'; for one edition write ['2023']
    """
    law = law or bundled()
    if not isinstance(requirement_id, str):
        raise InvalidInputError(
            f"a requirement ID is a string such as {law.order.id_forms}, got "
            f"{type(requirement_id).__name__} {shown(requirement_id)}"
        )
    wanted = requirement_id.strip().upper()
    chosen = [law.edition(ref) for ref in _edition_list(editions, law)]
    acts = {a.id: a for a in law.order.acts}
    registry = law.registry
    entries: list[HistoryEntry] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for item in chosen:
        if not item.text_available:
            unknown.append(item.id)
            continue
        for checklist in item.checklists:
            seen.update(r.id for r in checklist.requirements)
            found = next((r for r in checklist.requirements if r.id == wanted), None)
            if found is None:
                continue
            if not entries:
                status: Literal["first", "unchanged", "changed"] = "first"
            elif text_sha256(entries[-1].text) == text_sha256(found.text):
                status = "unchanged"
            else:
                status = "changed"
            act = acts.get(item.act)
            entries.append(
                HistoryEntry(
                    edition=item.id,
                    checklist=checklist.key,
                    number=found.number,
                    text=found.text,
                    status=status,
                    act=item.act,
                    act_title=f"joint order {act.label}" if act else None,
                )
            )
    if not entries and registry.get(wanted) is None:
        known = sorted(seen | {e.id for e in registry.entries})
        raise UnknownNameError(
            f"unknown requirement ID {requirement_id!r}: no edition has it; IDs look like "
            f"{law.order.id_forms}",
            kind="requirement",
            name=wanted,
            candidates=known,
        )
    return History(
        id=wanted,
        entries=tuple(entries),
        unknown=tuple(unknown),
        editions=tuple(item.id for item in chosen),
    )


def _edition_list(editions: Optional[Iterable[EditionRef]], law: Law) -> Sequence[EditionRef]:
    """The editions to read: the order's by default, else the list given, checked."""
    if editions is None:
        return law.order.editions
    if isinstance(editions, (str, bytes)) or not isinstance(editions, Iterable):
        hint = f"; for one edition write [{editions!r}]" if isinstance(editions, str) else ""
        raise InvalidInputError(
            "editions: expected a list of editions (IDs, aliases, edition files or Edition "
            f"objects), oldest first, got {type(editions).__name__} {shown(editions, 70)}{hint}"
        )
    chosen = list(editions)
    if not chosen:
        raise InvalidInputError("editions: the list is empty; give at least one edition")
    return chosen
