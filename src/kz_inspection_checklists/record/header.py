"""A record's header: the form's header blanks, the inspection date and who signs.

Which blanks a form's header has, and what each holds, are the order's own facts
(:class:`~kz_inspection_checklists.law.order.FormSpec`): each field is ``text``, an
``act`` (its number and date, "№, date"), an ``iin-bin`` or a ``date``. The record adds
the date of the inspection, and the people who sign each signature block (a list for a
block several may sign, such as the officials). :func:`header_model` makes the frozen
pydantic model of one form's header; for the bundled order it has the fields
``authority``, ``assignment_act``, ``entity_name``, ``iin_bin``, ``address``,
``inspection_date``, ``officials`` and ``head``.

>>> from kz_inspection_checklists import order
>>> Header = header_model(order().form)
>>> list(Header.model_fields)
['authority', 'assignment_act', 'entity_name', 'iin_bin', 'address', 'inspection_date', 'officials', 'head']
>>> missing_fields(Header(entity_name="Example LLP", officials=(Person(),)))[:3]
('header.authority', 'header.assignment_act.number', 'header.assignment_act.date')
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Annotated, Any, Callable, ClassVar, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from .._text import blank
from ..law.order import FormSpec

__all__ = [
    "INSPECTION_DATE",
    "AssignmentAct",
    "Header",
    "Person",
    "header_model",
    "header_text",
    "missing_fields",
    "signatories",
]

#: The header's own field for the date of the inspection (the form has no blank for it).
INSPECTION_DATE = "inspection_date"

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    # pydantic would read 0, "0" or "86400" as a Unix time; a record's dates are YYYY-MM-DD.
    if isinstance(value, str):
        if _ISO_DATE.fullmatch(value):
            return value
    elif value is None or (
        isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    ):
        return value
    raise PydanticCustomError("date_format", "expected a date as YYYY-MM-DD")


#: A date written YYYY-MM-DD (or a ``datetime.date``).
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Person(_Frozen):
    """Someone who signs: an official who inspected, or the head of the entity."""

    position: Optional[str] = Field(default=None, description="Position, as signed.")
    full_name: Optional[str] = Field(
        default=None, description="Surname, first name, patronymic (if any)."
    )


class AssignmentAct(_Frozen):
    """An act's number and date, as a header blank followed by "№, date" holds them."""

    number: Optional[str] = Field(default=None, description="The act's number (№).")
    date: Optional[IsoDate] = Field(default=None, description="The act's date (YYYY-MM-DD).")


class Header(_Frozen):
    """The base of every form's header model; :func:`header_model` makes them."""

    form: ClassVar[FormSpec]


@functools.lru_cache(maxsize=16)
def header_model(form: FormSpec) -> type[Header]:
    """The frozen pydantic model of a form's header, made once per form."""
    fields: dict[str, Any] = {}
    for spec in form.header:
        if spec.kind == "act":
            fields[spec.key] = (
                AssignmentAct,
                Field(default_factory=AssignmentAct, description=spec.description),
            )
        elif spec.kind == "date":
            fields[spec.key] = (
                Optional[IsoDate],
                Field(default=None, description=spec.description),
            )
        else:  # text, and an IIN/BIN, which is text that the rules check
            fields[spec.key] = (Optional[str], Field(default=None, description=spec.description))
    fields[INSPECTION_DATE] = (
        Optional[IsoDate],
        Field(default=None, description="Date of the inspection (YYYY-MM-DD)."),
    )
    for signer in form.signatories:
        if signer.many:
            fields[signer.key] = (
                tuple[Person, ...],
                Field(default=(), description=signer.description),
            )
        else:
            fields[signer.key] = (
                Person,
                Field(default_factory=Person, description=signer.description),
            )
    model: type[Header] = create_model("Header", __base__=Header, **fields)
    model.form = form
    model.__doc__ = "The form's header, the inspection date and who signs."
    return model


def blank_header(form: FormSpec) -> Header:
    """An empty header with one blank person for each block several may sign."""
    model = header_model(form)
    return model(**{s.key: (Person(),) for s in form.signatories if s.many})


def missing_fields(header: Header) -> tuple[str, ...]:
    """The paths of the header's blanks still empty, e.g. ``("header.address",)``.

    Every field of the form, the inspection date, at least one person per block several
    may sign, and every person's position and full name must be filled in a final record.
    A field of only white space and invisible characters is blank (:func:`.._text.blank`).
    """
    form = header.form
    missing = []
    for spec in form.header:
        value = getattr(header, spec.key)
        if spec.kind == "act":
            if blank(value.number):
                missing.append(f"header.{spec.key}.number")
            if value.date is None:
                missing.append(f"header.{spec.key}.date")
        elif value is None or (isinstance(value, str) and blank(value)):
            missing.append(f"header.{spec.key}")
    if getattr(header, INSPECTION_DATE) is None:
        missing.append(f"header.{INSPECTION_DATE}")
    for signer in form.signatories:
        value = getattr(header, signer.key)
        if signer.many and not value:
            missing.append(f"header.{signer.key}")
        people = (
            [(f"header.{signer.key}.{i}", p) for i, p in enumerate(value)]
            if signer.many
            else [(f"header.{signer.key}", value)]
        )
        for where, person in people:
            for name in ("position", "full_name"):
                if blank(getattr(person, name)):
                    missing.append(f"{where}.{name}")
    return tuple(missing)


def header_text(
    header: Header,
    key: str,
    *,
    date: Callable[[datetime.date], str] = datetime.date.isoformat,
) -> str:
    """What a header field's blank holds, as text (an act: "number, date"), or ``""``.

    ``date`` writes a date: ISO 8601 (``YYYY-MM-DD``) by default, as machine formats do;
    a printed form passes its own (``DD.MM.YYYY``).

    >>> from kz_inspection_checklists import order
    >>> header = header_model(order().form)(
    ...     assignment_act=AssignmentAct(number="15", date=datetime.date(2025, 2, 12)))
    >>> header_text(header, "assignment_act")
    '15, 2025-02-12'
    >>> header_text(header, "assignment_act", date=lambda day: day.strftime("%d.%m.%Y"))
    '15, 12.02.2025'
    """
    value = getattr(header, key, None)
    if isinstance(value, AssignmentAct):
        # The form's "№, date" names what this blank holds: the number, then the date.
        parts = [value.number or "", date(value.date) if value.date else ""]
        return ", ".join(p for p in parts if p)
    if isinstance(value, datetime.date):
        return date(value)
    return "" if value is None else str(value)


def signatories(header: Header) -> tuple[tuple[int, tuple[Person, ...]], ...]:
    """Each signature block (counted from 1) and the people in the header who sign it."""
    found = []
    for signer in header.form.signatories:
        value = getattr(header, signer.key)
        people = tuple(value) if signer.many else (value,)
        found.append((signer.block, tuple(p for p in people if p.position or p.full_name)))
    return tuple(found)
