"""What changed between two editions: annexes, checklists and requirements, word by word.

:func:`diff` compares any two editions (IDs, aliases, edition files or Edition
objects) annex by annex:

- ``change``: ``"added"`` or ``"excluded"`` (the annex came into or went out of
  force), ``"restated"`` (the annex's footnote names a different act: in Adilet's form
  "as amended by <act>", which the library reads as the act setting the annex out
  anew; the source does not say so in those words), ``"retitled"`` (same act, another
  title), or ``None``;
- read backwards (:attr:`EditionDiff.backward`: ``new`` is the older edition, made by
  an earlier act), ``change`` keeps the same words, which describe the difference from
  ``old`` to ``new`` ("added": in force in ``new`` only), not history; the text and
  Markdown renderings then say what is true of the older edition in words
  (:mod:`~kz_inspection_checklists.present`), and ``"restated"`` still means the
  *newer* edition's annex was set out anew, here the one diffed from;
- ``requirements``: ``None`` where one side's text is not available (the 2019
  original) or the annex is not a checklist; otherwise the requirements *added*,
  *removed* and *moved* (each a :class:`RequirementEntry`: its ID and its text), those
  *changed* (a :class:`RequirementChange`: same ID, the ``old`` and ``new`` texts, with a
  word-level :func:`redline`) and the count *unchanged* (same ID, same text).

Requirements are matched by their stable ID, and compared by the hash of their text
(:func:`~.ids.text_sha256`). *Moved* means the relative order
changed: the common IDs are read in the old order as positions in the new, and an ID
is moved unless it belongs to every longest increasing subsequence of those positions.
A shift of numbers from an insertion or removal above is therefore no move, two
requirements swapped are both moved, and one taken out and put elsewhere is the only
one moved. It costs O(n log n), and it reads the same in both directions, so
``diff(b, a)`` is ``diff(a, b)`` with added and removed, old and new swapped.

>>> d = diff("2019", "2023")
>>> [(a.annex, a.change, a.requirements) for a in d.annexes]
[(1, 'excluded', None), (2, 'excluded', None), (3, 'restated', None), (4, 'restated', None), (5, 'restated', None)]
>>> back = diff("2023", "2019")
>>> back.backward, [a.change for a in back.annexes]
(True, ['added', 'added', 'restated', 'restated', 'restated'])
>>> d.annexes[2].note
"the text of Annex 3 in edition '2019-original' is not available in this library"
>>> diff("2023", "2023").is_empty
True
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from typing import Any, Literal, Optional, Union

from pydantic import Field

from .._text import number
from .edition import Annex, Edition, Requirement
from .ids import text_sha256
from .order import Frozen
from .store import EditionRef, Law, bundled, law_of

__all__ = [
    "AnnexChange",
    "AnnexDiff",
    "EditionDiff",
    "RequirementChange",
    "RequirementEntry",
    "RequirementsDiff",
    "Segment",
    "diff",
    "diff_requirements",
    "moved_ids",
    "redline",
]

AnnexChange = Literal["added", "excluded", "restated", "retitled"]


class Segment(Frozen):
    """A run of words in a redline: kept (``equal``), struck out (``delete``) or new."""

    kind: Literal["equal", "delete", "insert"]
    text: str


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level redline turning ``old`` into ``new``.

    Words are runs of non-space characters; segments are joined with single spaces.

    >>> [(s.kind, s.text) for s in redline("to have a licence", "to have a valid licence")]
    [('equal', 'to have a'), ('insert', 'valid'), ('equal', 'licence')]
    """
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(kind="equal", text=" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(kind="delete", text=" ".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment(kind="insert", text=" ".join(after[j1:j2])))
    return tuple(segments)


class RequirementEntry(Frozen):
    """A requirement added, removed or moved: its ID and its text.

    The text is that of the side that has the requirement: the new edition's for one
    added or moved, the old edition's for one removed.
    """

    id: str
    text: str


class RequirementChange(Frozen):
    """A requirement whose ID stayed while its text changed."""

    id: str
    old: str
    new: str

    @property
    def redline(self) -> tuple[Segment, ...]:
        """The word-level redline from ``old`` to ``new``."""
        return redline(self.old, self.new)


class RequirementsDiff(Frozen):
    """How the list of requirements of one checklist changed."""

    added: tuple[RequirementEntry, ...] = Field(
        description="Requirements only in the new list, in its order, with the new text."
    )
    removed: tuple[RequirementEntry, ...] = Field(
        description="Requirements only in the old list, in its order, with the old text."
    )
    changed: tuple[RequirementChange, ...] = Field(description="Same ID, other text.")
    moved: tuple[RequirementEntry, ...] = Field(
        description="Requirements whose relative order changed, in ID order, with the new text."
    )
    unchanged: int = Field(description="How many IDs kept their text (moved or not).")

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.moved)

    @property
    def review(self) -> tuple[str, ...]:
        """The IDs someone must look at again: added and changed, in ID order."""
        ids = {*(a.id for a in self.added), *(c.id for c in self.changed)}
        return tuple(sorted(ids, key=_id_key))

    def to_json(self) -> dict[str, Any]:
        """``added``, ``removed`` and ``moved`` as ``[{"id", "text"}]``, ``changed`` as
        ``[{"id", "old", "new"}]``, and the count ``unchanged``."""
        return {
            "added": [{"id": a.id, "text": a.text} for a in self.added],
            "removed": [{"id": r.id, "text": r.text} for r in self.removed],
            "changed": [{"id": c.id, "old": c.old, "new": c.new} for c in self.changed],
            "moved": [{"id": m.id, "text": m.text} for m in self.moved],
            "unchanged": self.unchanged,
        }


class AnnexDiff(Frozen):
    """How one annex changed; ``note`` says why ``requirements`` is ``None``, if it is."""

    annex: int
    checklist: Optional[str] = None
    change: Optional[AnnexChange] = Field(
        default=None,
        description="added, excluded, restated (the library's reading of a footnote naming "
        "another act, 'as amended by <act>', as the newer edition's annex set out anew), "
        "retitled, or None; added and excluded say in which of the two editions the annex "
        "is in force, whichever is older.",
    )
    requirements: Optional[RequirementsDiff] = None
    note: Optional[str] = None

    @property
    def is_empty(self) -> bool:
        return self.change is None and (self.requirements is None or self.requirements.is_empty)

    def to_json(self) -> dict[str, Any]:
        return {
            "annex": self.annex,
            "change": self.change,
            "requirements": None if self.requirements is None else self.requirements.to_json(),
        }


class EditionDiff(Frozen):
    """The difference between two editions, annex by annex."""

    from_edition: str
    to_edition: str
    annexes: tuple[AnnexDiff, ...]
    backward: bool = Field(
        default=False,
        description="True when to_edition is the older one: made by an act of the order "
        "earlier than from_edition's.",
    )

    @property
    def is_empty(self) -> bool:
        """True when no annex changed and no compared list of requirements differs."""
        return all(a.is_empty for a in self.annexes)

    def annex(self, number: int) -> AnnexDiff:
        for item in self.annexes:
            if item.annex == number:
                return item
        raise LookupError(f"the diff has no annex {number}")

    def review(self) -> tuple[str, ...]:
        """Every requirement ID added or changed, over all compared checklists."""
        return tuple(rid for a in self.annexes if a.requirements for rid in a.requirements.review)

    def to_json(self) -> dict[str, Any]:
        """``{"from", "to", "backward", "annexes": [{"annex", "change", "requirements"}]}``."""
        return {
            "from": self.from_edition,
            "to": self.to_edition,
            "backward": self.backward,
            "annexes": [a.to_json() for a in self.annexes],
        }


_ID = re.compile(r"^(.*?)(\d+)$")


def _id_key(requirement_id: str) -> tuple[str, int, str]:
    match = _ID.match(requirement_id)
    serial = number(match[2]) if match else None
    if match and serial is not None:
        return (match[1], serial, requirement_id)
    return (requirement_id, -1, requirement_id)


def moved_ids(old: Sequence[str], new: Sequence[str]) -> tuple[str, ...]:
    """The IDs, common to both lists, whose relative order changed (in ID order).

    An ID is kept in place if it belongs to every longest increasing subsequence of
    the new positions read in the old order; the rest are moved. O(n log n).

    >>> moved_ids(["a", "b", "c", "d"], ["x", "a", "b", "d"])   # shifts are not moves
    ()
    >>> moved_ids(["a", "b", "c", "d"], ["a", "c", "b", "d"])   # a swap moves both
    ('b', 'c')
    >>> moved_ids(["a", "b", "c", "d"], ["b", "c", "d", "a"])   # one taken to the end
    ('a',)
    """
    position = {rid: index for index, rid in enumerate(new)}
    common = [rid for rid in old if rid in position]
    values = [position[rid] for rid in common]
    ending = _lis_lengths(values)
    starting = _lis_lengths([-v for v in reversed(values)])[::-1]
    longest = max(ending, default=0)
    on_some = [e + s - 1 == longest for e, s in zip(ending, starting)]
    per_length: dict[int, int] = {}
    for length, on in zip(ending, on_some):
        if on:
            per_length[length] = per_length.get(length, 0) + 1
    moved = [
        rid
        for rid, length, on in zip(common, ending, on_some)
        if not (on and per_length[length] == 1)
    ]
    return tuple(sorted(moved, key=_id_key))


def _lis_lengths(values: Sequence[int]) -> list[int]:
    """For each item, the length of the longest strictly increasing run ending there."""
    tails: list[int] = []
    lengths = []
    for value in values:
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
        else:
            tails[at] = value
        lengths.append(at + 1)
    return lengths


def diff_requirements(old: Sequence[Requirement], new: Sequence[Requirement]) -> RequirementsDiff:
    """How one list of requirements became another, matched by ID and text hash."""
    old_ids = [r.id for r in old]
    new_ids = [r.id for r in new]
    old_by_id = {r.id: r for r in old}
    new_by_id = {r.id: r for r in new}
    changed = []
    unchanged = 0
    for rid in sorted(old_by_id.keys() & new_by_id.keys(), key=_id_key):
        before, after = old_by_id[rid].text, new_by_id[rid].text
        if before == after or text_sha256(before) == text_sha256(after):
            unchanged += 1
        else:
            changed.append(RequirementChange(id=rid, old=before, new=after))
    return RequirementsDiff(
        added=tuple(_entry(r) for r in new if r.id not in old_by_id),
        removed=tuple(_entry(r) for r in old if r.id not in new_by_id),
        changed=tuple(changed),
        moved=tuple(_entry(new_by_id[rid]) for rid in moved_ids(old_ids, new_ids)),
        unchanged=unchanged,
    )


def _entry(requirement: Requirement) -> RequirementEntry:
    return RequirementEntry(id=requirement.id, text=requirement.text)


def _origin(annex: Annex, footnotes: dict[str, str]) -> str:
    """What set the annex out: the act its footnote names, else the footnote itself."""
    if annex.footnote is None:
        return ""
    return footnotes.get(annex.footnote, annex.footnote)


def _in_force(item: Optional[Annex]) -> bool:
    return item is not None and item.status == "in-force"


def _annex_diff(number: int, old: Edition, new: Edition, footnotes: dict[str, str]) -> AnnexDiff:
    before = next((a for a in old.annexes if a.number == number), None)
    after = next((a for a in new.annexes if a.number == number), None)
    key = next((a.checklist for a in (after, before) if a is not None and a.checklist), None)
    change: Optional[AnnexChange] = None
    if _in_force(before) and not _in_force(after):
        change = "excluded"
    elif _in_force(after) and not _in_force(before):
        change = "added"
    elif before is not None and after is not None and _in_force(before):
        if _origin(before, footnotes) != _origin(after, footnotes):
            change = "restated"
        elif before.title != after.title:
            change = "retitled"

    def held(side: Edition, item: Optional[Annex]) -> Optional[tuple[Requirement, ...]]:
        """The side's requirements; () for an annex not in force; None if not held."""
        if not _in_force(item):
            return ()
        assert item is not None
        if not item.checklist or not item.text_available:
            return None
        return side.checklist(number).requirements

    old_list, new_list = held(old, before), held(new, after)
    if key is None:
        return AnnexDiff(annex=number, change=change, note=f"Annex {number} is not a checklist")
    for side, listed in ((old, old_list), (new, new_list)):
        if listed is None:
            return AnnexDiff(
                annex=number,
                checklist=key,
                change=change,
                note=f"the text of Annex {number} in edition {side.id!r} is not available "
                "in this library",
            )
    assert old_list is not None and new_list is not None
    if not _in_force(before) and not _in_force(after):
        return AnnexDiff(
            annex=number,
            checklist=key,
            change=change,
            note=f"Annex {number} is in force in neither edition",
        )
    return AnnexDiff(
        annex=number,
        checklist=key,
        change=change,
        requirements=diff_requirements(old_list, new_list),
    )


def diff(
    old: EditionRef, new: EditionRef, *, checklist: Optional[Union[str, int]] = None
) -> EditionDiff:
    """The difference from edition ``old`` to edition ``new``, annex by annex.

    ``checklist`` (a key or annex number) limits it to that checklist's annex.

    >>> d = diff("2023", "2023", checklist="communications")
    >>> d.to_json()["annexes"]
    [{'annex': 4, 'change': None, 'requirements': {'added': [], 'removed': [], 'changed': [], 'moved': [], 'unchanged': 72}}]
    """
    law = _law_of(old, new)
    before, after = law.edition(old), law.edition(new)
    acts = [a.id for a in law.order.acts]
    backward = (
        before.act in acts and after.act in acts and acts.index(after.act) < acts.index(before.act)
    )
    footnotes = {e.words: e.act for e in law.order.events}
    numbers = sorted({a.number for a in before.annexes} | {a.number for a in after.annexes})
    if checklist is not None:
        numbers = [after.annex_number(checklist)]
    return EditionDiff(
        from_edition=before.id,
        to_edition=after.id,
        annexes=tuple(_annex_diff(n, before, after, footnotes) for n in numbers),
        backward=backward,
    )


def _law_of(*refs: EditionRef) -> Law:
    """The Law of the editions given as objects, else the bundled one."""
    for ref in refs:
        if isinstance(ref, Edition):
            return law_of(ref)
    return bundled()
