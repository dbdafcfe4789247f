"""Facts and where they come from: each value the law's models state, with its label, and the source lines of the verbatim ones.

Every field of the order's and the editions' models says in its description what its
values are: ``Normative:`` (verbatim from a source text), ``Derived:`` (made from what
the text says by the rule the description states) or ``Editorial:`` (the library's own,
the description saying why). :func:`facts` walks a model and yields each value it
states with its path and label. For the normative ones, ``provenance.json`` in the
order's data (made by ``tools/bundle.py``) gives the file and line where the source says
it (:func:`provenance`); a note says where the line holds the words but not as the
model's field suggests (the 2019 edition's annex titles are paragraph 1's names of the
annexes, not their 2019 headings, which no source held says). See docs/facts.md.

>>> from kz_inspection_checklists import checklist, order
>>> from kz_inspection_checklists.law.store import bundled
>>> [(f.path, f.label) for f in facts(order())][:2]
[('adilet_code', 'derived'), ('title', 'normative')]
>>> cited = provenance(bundled()).edition("2023-revision")
>>> cited["checklists.1.requirements.3.text"]
SourceLine(file='V1900018805-en-2023-05-23.txt', line=222, lines=1, note=None)
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field

from ..exceptions import UnknownNameError
from .order import LABELS, Frozen
from .store import Law, _Envelope

__all__ = [
    "Fact",
    "Label",
    "Provenance",
    "SourceLine",
    "facts",
    "label_of",
    "normalized",
    "provenance",
]

#: A fact's label: its field's description starts with ``Normative:``, ``Derived:`` or
#: ``Editorial:``; ``None`` for a field that says none (a defect the tests catch).
Label = Optional[Literal["normative", "derived", "editorial"]]


@dataclass(frozen=True)
class Fact:
    """One value a model states: its dotted path (list items by position), the value,
    its label, and the model class and field it is in."""

    path: str
    value: Any
    label: Label
    model: str
    field: str


def label_of(model: type[BaseModel], name: str) -> Label:
    """The label of one field of a model, from the start of its description."""
    description = model.model_fields[name].description or ""
    for word in LABELS:
        if description.startswith(word):
            return word.rstrip(":").lower()  # type: ignore[return-value]
    return None


def facts(model: BaseModel, path: str = "") -> Iterator[Fact]:
    """Every value ``model`` states (None and empty values state nothing), with its label.

    A field that holds models is walked into; a tuple of values gives one fact per item.
    """
    cls = type(model)
    for name in cls.model_fields:
        value = getattr(model, name)
        where = f"{path}{name}"
        items = value if isinstance(value, tuple) else (value,)
        many = isinstance(value, tuple)
        for index, item in enumerate(items):
            at = f"{where}.{index}" if many else where
            if isinstance(item, BaseModel):
                yield from facts(item, f"{at}.")
            elif item is not None and item != "":
                yield Fact(at, item, label_of(cls, name), cls.__name__, name)


def normalized(text: str) -> str:
    """Text with every run of whitespace one space, as the importer joins lines."""
    return re.sub(r"\s+", " ", text).strip()


class SourceLine(Frozen):
    """Where a source text states a fact: its file, first line and number of lines."""

    file: str = Field(description="The source text's file name in the project's sources/.")
    line: int = Field(ge=1, description="The first line holding the words, from 1.")
    lines: int = Field(default=1, ge=1, description="How many lines the words run over.")
    note: Optional[str] = Field(
        default=None, description="What the line is, where it is not what the field suggests."
    )


class Provenance(Frozen):
    """The source lines of the normative facts of an order and of its editions, by path."""

    order: Mapping[str, SourceLine] = Field(description="Paths in the order's model.")
    editions: Mapping[str, Mapping[str, SourceLine]] = Field(
        description="For each edition ID, paths in the edition's model."
    )

    def edition(self, edition_id: str) -> Mapping[str, SourceLine]:
        """The source lines of one edition's facts; UnknownNameError for another ID."""
        found = self.editions.get(edition_id)
        if found is None:
            raise UnknownNameError(
                f"no provenance of edition {edition_id!r}; it has: {', '.join(self.editions)}",
                kind="edition",
                name=edition_id,
                candidates=tuple(self.editions),
            )
        return found


class _ProvenanceFile(_Envelope):
    provenance: Provenance


_READ: weakref.WeakKeyDictionary[Law, Provenance] = weakref.WeakKeyDictionary()


def provenance(law: Law) -> Provenance:
    """The provenance of a Law's order and editions (``provenance.json``), read once."""
    found = _READ.get(law)
    if found is None:
        found = _READ[law] = law.read("provenance.json", _ProvenanceFile).provenance
    return found
