"""Stable requirement IDs: the registry of every ID ever issued, and the matching rule.

An ID is a checklist prefix and a serial, ``COM-007``. IDs do not depend on position:
once issued, an ID stays with its requirement through every amendment that leaves the
requirement *near-identical*, and is never issued again for other text.

The matching rule, used when an edition is imported on top of a *base* edition
(``kz-checklists import SOURCE --base EDITION``), checklist by checklist:

1. A requirement whose text equals a base requirement's text (whitespace runs folded)
   keeps that ID, *unchanged*.
2. A requirement whose text equals the first text recorded for an ID in the registry
   keeps that ID, *unchanged*.
3. Of the rest, pairs whose word-level similarity (``difflib.SequenceMatcher`` over the
   words) is at least :data:`NEAR_IDENTICAL` are matched greedily, most similar first,
   one to one: the new text keeps the base ID and is marked *changed*.
4. Everything else gets a new ID: the checklist's prefix (from the order's data) and
   the next serial after the highest ever issued for that checklist, and after every
   ID of the base edition: a serial once used is never used again.

>>> near_identical("compliance with the requirement", "compliance with the requirements")
False
>>> similarity("observance of the requirement to have a licence",
...            "observance of the requirement to have a valid licence") >= NEAR_IDENTICAL
True
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, Optional

from pydantic import Field

from ..exceptions import DataFileError
from .order import Frozen

__all__ = [
    "NEAR_IDENTICAL",
    "Assignment",
    "Registry",
    "RegistryEntry",
    "assign_ids",
    "near_identical",
    "similarity",
    "text_sha256",
]

#: The least word-level similarity at which an amended text keeps its ID.
NEAR_IDENTICAL = 0.85

_ID = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<serial>\d{3,})$")
_WS = re.compile(r"\s+")


def text_sha256(text: str) -> str:
    """SHA-256 of a requirement text, whitespace runs folded to one space."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


def similarity(old: str, new: str) -> float:
    """Word-level similarity of two texts, from 0 (nothing shared) to 1 (the same words)."""
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def near_identical(old: str, new: str) -> bool:
    """Whether ``new`` is close enough to ``old`` to keep its ID (see the module rule)."""
    return old != new and similarity(old, new) >= NEAR_IDENTICAL


class RegistryEntry(Frozen):
    """One issued ID: where it first appeared, and the hash of its first text."""

    id: str
    checklist: str
    first_edition: str
    text_sha256: str = Field(description="SHA-256 of the first text, see text_sha256().")


class Registry(Frozen):
    """Every requirement ID ever issued, in the order issued. Only ever appended to."""

    entries: tuple[RegistryEntry, ...] = ()

    @functools.cached_property
    def _by_id(self) -> Mapping[str, RegistryEntry]:
        return {entry.id: entry for entry in self.entries}

    def get(self, requirement_id: str) -> Optional[RegistryEntry]:
        """The entry for an ID, or ``None``."""
        return self._by_id.get(requirement_id)

    def highest_serial(self, checklist: str, prefix: str, taken: Iterable[str] = ()) -> int:
        """The highest serial issued for a checklist, or in use among ``taken`` (0: none)."""
        serials = [_serial(e.id) for e in self.entries if e.checklist == checklist]
        serials += [_serial(i) for i in taken if i.startswith(f"{prefix}-")]
        return max(serials, default=0)

    def issued(self, entries: Sequence[RegistryEntry]) -> Registry:
        """The registry with ``entries`` appended."""
        return Registry(entries=(*self.entries, *entries))


def _serial(requirement_id: str) -> int:
    match = _ID.match(requirement_id)
    if not match or len(match["serial"]) > 9:
        raise DataFileError(f"malformed requirement ID {requirement_id!r} in the ID registry")
    return int(match["serial"])


class Assignment(Frozen):
    """The ID given to one text of an imported checklist, and why."""

    id: str
    status: Literal["unchanged", "changed", "new"]


def assign_ids(
    checklist: str,
    texts: Sequence[str],
    *,
    prefix: str,
    edition: str,
    registry: Registry,
    base: Iterable[tuple[str, str]] = (),
) -> tuple[list[Assignment], Registry]:
    """Give each text of a checklist an ID by the module's matching rule.

    ``prefix`` is the checklist's ID prefix; ``base`` the (ID, text) pairs of the same
    checklist in the base edition. Returns one assignment per text, in order, and the
    registry with any new IDs.
    """
    result: list[Optional[Assignment]] = [None] * len(texts)
    unmatched_base: dict[str, str] = dict(base)
    base_ids = tuple(unmatched_base)

    by_text: dict[str, list[str]] = {}
    for base_id, base_text in unmatched_base.items():
        by_text.setdefault(text_sha256(base_text), []).append(base_id)
    first_texts = {e.text_sha256: e.id for e in registry.entries if e.checklist == checklist}
    given: set[str] = set()
    digests = [text_sha256(text) for text in texts]
    for index, digest in enumerate(digests):
        candidates = by_text.get(digest)
        if candidates:
            found = candidates.pop(0)
        elif digest in first_texts and first_texts[digest] not in given:
            found = first_texts[digest]
        else:
            continue
        result[index] = Assignment(id=found, status="unchanged")
        given.add(found)
        unmatched_base.pop(found, None)

    pairs = [
        (similarity(base_text, texts[index]), index, base_id)
        for index in range(len(texts))
        if result[index] is None
        for base_id, base_text in unmatched_base.items()
    ]
    for score, index, base_id in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if score < NEAR_IDENTICAL:
            break
        if result[index] is None and base_id in unmatched_base:
            result[index] = Assignment(id=base_id, status="changed")
            del unmatched_base[base_id]

    serial = registry.highest_serial(checklist, prefix, taken=base_ids)
    assignments: list[Assignment] = []
    issued: list[RegistryEntry] = []
    for index, assignment in enumerate(result):
        if assignment is None:
            serial += 1
            new_id = f"{prefix}-{serial:03d}"
            issued.append(
                RegistryEntry(
                    id=new_id,
                    checklist=checklist,
                    first_edition=edition,
                    text_sha256=digests[index],
                )
            )
            assignment = Assignment(id=new_id, status="new")
        assignments.append(assignment)
    return assignments, (registry.issued(issued) if issued else registry)
