"""The public API: a few verbs to reach the order, its editions, checklists and requirements.

Every verb takes an edition as an ID (``"2023-revision"``), an alias (``"2023"``),
``"latest"`` (the default), the path of an edition file written by
``kz-checklists import``, or an :class:`~kz_inspection_checklists.models.Edition`.

>>> from kz_inspection_checklists import checklist, requirement, edition
>>> [c.key for c in edition("2023").checklists]
['informatization', 'communications', 'electronic-signature']
>>> requirement("EDS-002").text
'ensuring that the certification centre protects data of the holders of registration certificates'
>>> checklist("informatization", edition="2019")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.TextNotAvailableError: the text of Annex 3 (Checklist in the field of informatization) in edition '2019-original' is not available in this library: the 2019 texts ...
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, TypeVar, Union

from .data import load_bundled_edition, load_edition_file, load_order, load_registry
from .exceptions import (
    TextNotAvailableError,
    UnknownEditionError,
    UnknownRequirementError,
    closest,
)
from .ids import PREFIXES, Registry
from .models import Checklist, Edition, Order, Requirement

__all__ = [
    "EditionRef",
    "checklist",
    "checklists",
    "edition",
    "editions",
    "get_requirement",
    "id_registry",
    "load_edition_file",
    "order",
    "requirement",
    "resolve_edition",
]

#: What names an edition: an ID, an alias, "latest", a path to an edition file, or one.
EditionRef = Union[str, Path, Edition]
_T = TypeVar("_T")


def order() -> Order:
    """The order: its title, registration, acts and the IDs of its bundled editions.

    >>> order().adilet_code
    'V1900018805'
    """
    return load_order()


def editions() -> tuple[Edition, ...]:
    """Every bundled edition, oldest first.

    >>> [(e.id, e.text_available) for e in editions()]
    [('2019-original', False), ('2023-revision', True)]
    """
    return tuple(load_bundled_edition(edition_id) for edition_id in load_order().editions)


def resolve_edition(ref: EditionRef = "latest") -> str:
    """The ID of the bundled edition an ID, alias or ``"latest"`` names.

    >>> resolve_edition("2019"), resolve_edition("latest")
    ('2019-original', '2023-revision')
    """
    if isinstance(ref, Edition):
        return ref.id
    if not isinstance(ref, (str, Path)):
        raise UnknownEditionError(
            f"an edition is named by a string, not {type(ref).__name__} {ref!r}; "
            "use an edition ID, an alias (2019, 2023) or 'latest'"
        )
    text = str(ref).strip()
    ids = load_order().editions
    if text.lower() == "latest":
        return ids[-1]
    for edition_id in ids:
        if text == edition_id or text in load_bundled_edition(edition_id).aliases:
            return edition_id
    names = [*ids, *(a for i in ids for a in load_bundled_edition(i).aliases)]
    hint = closest(text, names)
    raise UnknownEditionError(
        f"unknown edition {text!r}; expected one of {', '.join(ids)}, an alias "
        f"({', '.join(a for i in ids for a in load_bundled_edition(i).aliases)}), 'latest', "
        "or the path of an edition file" + (f"; did you mean {hint!r}?" if hint else "")
    )


def _is_path(ref: Union[str, Path]) -> bool:
    return isinstance(ref, Path) or ref.endswith(".json") or "/" in ref or "\\" in ref


def edition(ref: EditionRef = "latest") -> Edition:
    """An edition by ID, alias, ``"latest"`` or edition-file path.

    >>> edition("2023").act
    'amendment-2023-05-23'
    """
    if isinstance(ref, Edition):
        return ref
    if not isinstance(ref, (str, Path)):
        raise UnknownEditionError(
            f"an edition is named by a string or a path, not {type(ref).__name__} {ref!r}; "
            "use an edition ID, an alias (2019, 2023), 'latest' or an edition file's path"
        )
    if _is_path(ref):
        return load_edition_file(ref)
    return load_bundled_edition(resolve_edition(ref))


def checklists(*, edition: EditionRef = "latest") -> tuple[Checklist, ...]:
    """Every checklist of an edition, in annex order.

    Raises :class:`TextNotAvailableError` for an edition whose texts are not held.
    """
    chosen = _edition(edition)
    if not chosen.text_available:
        raise TextNotAvailableError(
            f"the checklist texts of edition {chosen.id!r} are not available in this "
            f"library: {chosen.unavailable_reason}"
        )
    return chosen.checklists


def checklist(key: Union[str, int], *, edition: EditionRef = "latest") -> Checklist:
    """A checklist by key (``"communications"``) or annex number (``4``).

    >>> checklist(4).key, checklist("4").annex
    ('communications', 4)
    """
    return _edition(edition).checklist(key)


def requirement(requirement_id: str, *, edition: EditionRef = "latest") -> Requirement:
    """A requirement by its stable ID (case-insensitive).

    Raises :class:`UnknownRequirementError`, suggesting the closest ID.

    >>> requirement("com-001").number
    1
    >>> requirement("COM-1")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.UnknownRequirementError: unknown requirement ID 'COM-1' in edition '2023-revision'; IDs look like INF-001, COM-001, EDS-001; did you mean 'COM-001'?
    """
    if not isinstance(requirement_id, str):
        raise UnknownRequirementError(
            f"a requirement ID is a string such as 'COM-001', not {type(requirement_id).__name__} "
            f"{requirement_id!r}"
        )
    chosen = _edition(edition)
    wanted = requirement_id.strip().upper()
    for item in chosen.requirements():
        if item.id == wanted:
            return item
    if not chosen.text_available:
        raise TextNotAvailableError(
            f"cannot look up {requirement_id!r}: the checklist texts of edition "
            f"{chosen.id!r} are not available in this library: {chosen.unavailable_reason}"
        )
    issued = load_registry().get(wanted)
    if issued is not None:
        raise UnknownRequirementError(
            f"requirement {wanted} (first in edition {issued.first_edition!r}) is not in "
            f"edition {chosen.id!r}"
        )
    known = [r.id for r in chosen.requirements()]
    hint = _padded(wanted, known) or closest(requirement_id, known)
    forms = ", ".join(f"{p}-001" for p in PREFIXES.values())
    raise UnknownRequirementError(
        f"unknown requirement ID {requirement_id!r} in edition {chosen.id!r}; IDs look like "
        f"{forms}" + (f"; did you mean {hint!r}?" if hint else "")
    )


def get_requirement(
    requirement_id: str, default: Optional[_T] = None, *, edition: EditionRef = "latest"
) -> Union[Requirement, Optional[_T]]:
    """Like :func:`requirement`, but returns ``default`` for an unknown ID.

    >>> get_requirement("COM-999") is None
    True
    """
    try:
        return requirement(requirement_id, edition=edition)
    except UnknownRequirementError:
        return default


def id_registry() -> Registry:
    """The registry of every requirement ID ever issued."""
    return load_registry()


def _padded(wanted: str, known: list[str]) -> Optional[str]:
    """'COM-7' and 'COM7' for 'COM-007', when that is a known ID."""
    match = re.match(r"^([A-Z]+)-?0*(\d+)$", wanted)
    if match:
        candidate = f"{match[1]}-{int(match[2]):03d}"
        if candidate in known:
            return candidate
    return None


def _edition(ref: EditionRef) -> Edition:
    return edition(ref)
