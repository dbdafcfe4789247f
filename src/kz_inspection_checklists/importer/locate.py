"""Locating: where a source text states each normative fact of an order or an edition, by file and line.

The facts are the values of the fields labelled ``Normative:``
(:func:`~kz_inspection_checklists.law.facts.facts`). Each is looked for in the text with
its whitespace made single spaces, as the importer joins lines: within one part of the
model (an act, an annex, a checklist), from where the part's first fact stands, and after
the part's earlier copy of the same words, so that a phrase the text repeats (a column
heading, a caption under a signature line) is cited where this part's copy stands; else
from the start of the text. A fact the text
does not hold is a :class:`~kz_inspection_checklists.exceptions.DataFileError`: it needs
a source line or another label.

>>> from kz_inspection_checklists.law.order import DateAsGiven
>>> found = locate(DateAsGiven(text="June 4, 2019"), "Title\\n\\ndated June 4,\\n2019", "t.txt")
>>> found["text"]
SourceLine(file='t.txt', line=3, lines=2, note=None)
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping

from pydantic import BaseModel

from ..exceptions import DataFileError
from ..law.facts import SourceLine, facts, normalized

__all__ = ["locate"]


class _Text:
    """A text as one line of single-spaced words, each character knowing its line."""

    def __init__(self, text: str) -> None:
        words: list[str] = []
        self.starts: list[int] = []
        self.numbers: list[int] = []
        at = 0
        for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
            for word in line.split():
                self.starts.append(at)
                self.numbers.append(number)
                words.append(word)
                at += len(word) + 1
        self.flat = " ".join(words)

    def line(self, position: int) -> int:
        return self.numbers[bisect.bisect_right(self.starts, position) - 1]

    def find(self, value: str, start: int) -> int:
        found = self.flat.find(value, start)
        return found if found >= 0 else self.flat.find(value)


def locate(
    model: BaseModel, text: str, file: str, *, notes: Mapping[str, str] = {}
) -> dict[str, SourceLine]:
    """The source line of each normative fact of ``model`` in ``text`` (the file
    ``file``), by path; ``notes`` adds a note to the facts at these paths."""
    flat = _Text(text)
    anchors: dict[str, int] = {}
    cursors: dict[tuple[str, str], int] = {}
    found: dict[str, SourceLine] = {}
    for fact in facts(model):
        if fact.label != "normative":
            continue
        parts = fact.path.split(".")
        part = ".".join(parts[:2]) if len(parts) > 2 and parts[1].isdigit() else parts[0]
        value = normalized(str(fact.value))
        at = flat.find(value, cursors.get((part, value), anchors.get(part, 0)))
        if at < 0:
            raise DataFileError(
                f"{fact.model}.{fact.field} at {fact.path}: {value[:80]!r} is not in the source "
                "text; a fact labelled Normative must stand in it (or be labelled Derived or "
                "Editorial in its field's description)",
                source=file,
            )
        anchors.setdefault(part, at)
        cursors[(part, value)] = at + len(value)
        first, last = flat.line(at), flat.line(at + len(value) - 1)
        found[fact.path] = SourceLine(
            file=file, line=first, lines=last - first + 1, note=notes.get(fact.path)
        )
    return found
