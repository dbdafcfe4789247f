"""The look-up verbs: the bundled order, its editions, checklists and requirements.

Each verb reads the bundled order (:func:`~.store.bundled`) and takes an edition as
:meth:`~.store.Law.edition` does: an ID (``"2023-revision"``), an alias (``"2023"``),
``"latest"`` (the default), the path of an edition file written by ``kz-checklists
import``, or an :class:`~.edition.Edition`. ``language`` picks the text of a language
the edition holds (default: the edition's own, the bundled text).

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

from pathlib import PurePath
from typing import Optional, TypeVar, Union

from ..exceptions import InvalidInputError, UnknownNameError
from .edition import Checklist, Edition, Requirement
from .ids import Registry
from .order import Order
from .store import EditionRef, bundled

__all__ = [
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

_T = TypeVar("_T")


def order() -> Order:
    """The order: its title, registration, acts, editions and own facts.

    >>> order().adilet_code
    'V1900018805'
    """
    return bundled().order


def editions() -> tuple[Edition, ...]:
    """Every bundled edition, oldest first.

    >>> [(e.id, e.text_available) for e in editions()]
    [('2019-original', False), ('2023-revision', True)]
    """
    return bundled().editions()


def edition(ref: EditionRef = "latest") -> Edition:
    """An edition by ID, alias, ``"latest"``, edition-file path, or an Edition itself.

    >>> edition("2023").act
    'amendment-2023-05-23'
    """
    return bundled().edition(ref)


def checklists(
    *, edition: EditionRef = "latest", language: Optional[str] = None
) -> tuple[Checklist, ...]:
    """Every checklist of an edition, in annex order.

    Raises :class:`TextNotAvailableError` for an edition (or a language) whose texts are
    not held.
    """
    return bundled().checklists(edition=edition, language=language)


def checklist(
    key: Union[str, int], *, edition: EditionRef = "latest", language: Optional[str] = None
) -> Checklist:
    """A checklist by key (``"communications"``) or annex number (``4``).

    >>> checklist(4).key, checklist("4").annex
    ('communications', 4)
    """
    return bundled().checklist(key, edition=edition, language=language)


def requirement(
    requirement_id: str, *, edition: EditionRef = "latest", language: Optional[str] = None
) -> Requirement:
    """A requirement by its stable ID (case-insensitive).

    Raises :class:`UnknownNameError`, suggesting the closest ID.

    >>> requirement("com-001").number
    1
    >>> requirement("COM-1")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.UnknownNameError: unknown requirement ID 'COM-1' in edition '2023-revision'; IDs look like INF-001, COM-001, EDS-001; did you mean 'COM-001'?
    """
    return bundled().requirement(requirement_id, edition=edition, language=language)


def get_requirement(
    requirement_id: str,
    default: Optional[_T] = None,
    *,
    edition: EditionRef = "latest",
    language: Optional[str] = None,
) -> Union[Requirement, Optional[_T]]:
    """Like :func:`requirement`, but returns ``default`` for an unknown ID (or not an ID).

    >>> get_requirement("COM-999") is None
    True
    """
    try:
        return requirement(requirement_id, edition=edition, language=language)
    except (UnknownNameError, InvalidInputError):
        return default


def resolve_edition(ref: str = "latest") -> str:
    """The ID of the bundled edition an ID, alias or ``"latest"`` names.

    >>> resolve_edition("2019")
    '2019-original'
    """
    return bundled().resolve(ref)


def load_edition_file(path: Union[str, PurePath]) -> Edition:
    """The edition in a file written by ``kz-checklists import`` (as ``edition(path)``)."""
    return bundled().load_edition_file(path)


def id_registry() -> Registry:
    """The registry of every requirement ID ever issued."""
    return bundled().registry
