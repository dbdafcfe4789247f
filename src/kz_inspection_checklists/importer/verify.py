"""Verifying: a freshly obtained text checked against an edition, every difference listed.

:func:`verify` imports the text with the importer, on top of the edition (a bundled
one, or an edition file; unchanged requirements keep their IDs), and reports every
difference: annexes
added, excluded, restated or retitled; requirements added, removed, changed (with a
redline) or moved; and any other part of a checklist (caption, title, footnote,
header fields, columns, signature blocks) or annex that reads differently.
``same_bytes`` is true only when the file's raw bytes hash to the SHA-256 the edition
records for its source; a copy with the same words in other bytes (a byte order mark,
other line ends) sets out the same data but is not the edition's source file.

>>> v = verify("sources/V1900018805-en-2023-05-23.txt", edition="2023")
>>> v.drift, v.same_bytes, v.differences
(False, True, ())
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Union

from ..exceptions import InvalidInputError, TextNotAvailableError
from ..law.diff import EditionDiff, diff
from ..law.edition import Annex, Checklist, Edition
from ..law.store import EditionRef, bundled, law_of
from .build import import_edition

__all__ = ["Difference", "Verification", "verify"]

_CHECKLIST_PARTS = (
    "annex_caption",
    "title",
    "subjects",
    "footnote",
    "header_fields",
    "list_heading",
    "columns",
    "signature_blocks",
)
_ANNEX_PARTS = ("title", "status", "footnote", "checklist", "text_available")


@dataclass(frozen=True)
class Difference:
    """One way the text reads differently from the edition.

    ``bundled`` is the edition's value (bundled or from an edition file), ``source``
    the text's.
    """

    where: str
    what: str
    bundled: Any = None
    source: Any = None

    def to_json(self) -> dict[str, Any]:
        return {
            "where": self.where,
            "what": self.what,
            "bundled": self.bundled,
            "source": self.source,
        }


@dataclass(frozen=True)
class Verification:
    """The result of :func:`verify`; ``drift`` is true when any difference was found."""

    edition: str
    source: str
    same_bytes: bool
    differences: tuple[Difference, ...]
    diff: EditionDiff

    @property
    def drift(self) -> bool:
        return bool(self.differences)

    def to_json(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "source": self.source,
            "drift": self.drift,
            "same_bytes": self.same_bytes,
            "differences": [d.to_json() for d in self.differences],
        }


def verify(source: Union[str, Path], *, edition: EditionRef = "latest") -> Verification:
    """Compare the Adilet text in file ``source`` with ``edition``.

    ``edition`` is an ID, an alias, ``"latest"``, the path of an edition file or an
    Edition.

    Raises :class:`~kz_inspection_checklists.exceptions.DataFileError` for a text
    the importer cannot read (a missing file, a directory, a FIFO or a device too), and :class:`TextNotAvailableError` for an edition whose
    texts are not held (there is nothing to compare with).
    """
    if not isinstance(source, (str, PurePath)):
        raise InvalidInputError(
            f"the source is the path of an Adilet text file, not {source!r} "
            f"({type(source).__name__})"
        )
    if not str(source).strip():  # the importer would read "" as the current directory
        raise InvalidInputError("no source file name given; name an Adilet text file")
    law = law_of(edition) if isinstance(edition, Edition) else bundled()
    held = law.edition(edition)
    if not held.text_available or held.source is None:
        raise TextNotAvailableError(
            f"edition {held.id!r} holds no checklist texts to verify a source against: "
            f"{held.unavailable_reason}"
        )
    parsed = import_edition(
        source,
        edition_id=held.id,
        base=held,
        aliases=held.aliases,
        language=held.source.language,
        official=held.source.official,
        law=law,
    ).edition
    changes = diff(held, parsed)
    differences = _differences(held, parsed, changes)
    # Both hashes are of raw file bytes: the importer hashes the file as read.
    same = bool(parsed.source and held.source.sha256 == parsed.source.sha256)
    return Verification(
        edition=held.id,
        source=str(source),
        same_bytes=same,
        differences=tuple(differences),
        diff=changes,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def _differences(bundled: Edition, parsed: Edition, changes: EditionDiff) -> list[Difference]:
    found: list[Difference] = []
    if bundled.act != parsed.act:
        found.append(Difference("edition", "made by another act", bundled.act, parsed.act))
    for item in changes.annexes:
        where = f"Annex {item.annex}" + (f" ({item.checklist})" if item.checklist else "")
        if item.change:
            found.append(Difference(where, f"annex {item.change}"))
        old_annex = _annex(bundled, item.annex)
        new_annex = _annex(parsed, item.annex)
        if old_annex is not None and new_annex is not None:
            for part in _ANNEX_PARTS:
                if part == "title" and item.change == "retitled":
                    continue
                found += _compare(
                    where,
                    f"annex {part}",
                    _plain(getattr(old_annex, part)),
                    _plain(getattr(new_annex, part)),
                )
        old_list, new_list = _checklist(bundled, item.annex), _checklist(parsed, item.annex)
        if old_list is not None and new_list is not None:
            for part in _CHECKLIST_PARTS:
                found += _compare(
                    where, part, _plain(getattr(old_list, part)), _plain(getattr(new_list, part))
                )
        reqs = item.requirements
        if reqs is None:
            continue
        found += [Difference(where, "requirement added", None, a.id) for a in reqs.added]
        found += [Difference(where, "requirement removed", r.id, None) for r in reqs.removed]
        found += [
            Difference(f"{where} {c.id}", "requirement text changed", c.old, c.new)
            for c in reqs.changed
        ]
        found += [Difference(where, "requirement moved", m.id, m.id) for m in reqs.moved]
    return found


def _compare(where: str, path: str, old: Any, new: Any) -> list[Difference]:
    """The leaves where two JSON-like values differ, named by their path."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict) and old.keys() == new.keys():
        return [d for key in old for d in _compare(where, f"{path}.{key}", old[key], new[key])]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for index, (a, b) in enumerate(zip(old, new))
            for d in _compare(where, f"{path}[{index}]", a, b)
        ]
    return [Difference(where, f"{path} differs", old, new)]


def _annex(side: Edition, number: int) -> Union[Annex, None]:
    return next((a for a in side.annexes if a.number == number), None)


def _checklist(side: Edition, number: int) -> Union[Checklist, None]:
    return next((c for c in side.checklists if c.annex == number), None)
