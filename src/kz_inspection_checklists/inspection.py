"""Inspection records: one checklist of one edition, filled in, read and written as JSON.

A record is pinned to a checklist (its key) of an edition (its ID). It holds the form's
header (the public authority, the act assigning the inspection, the entity inspected,
its IIN/BIN and address), the inspection date, the officials and the head of the entity,
and for every requirement an :class:`Answer`: a verdict and an optional remark.

Verdicts (:data:`VERDICTS`):

- ``"conforms"`` and ``"does-not-conform"``: the form's two columns;
- ``"not-applicable"``: the requirement does not concern the entity; it needs a remark
  saying why. Not-applicable and remarks extend the printed form, which has neither;
- ``None`` (JSON ``null``): not assessed yet. Never counted as conforming.

Public interface:

- :func:`new_record` starts a blank record; :class:`InspectionRecord` is frozen, and
  ``record.mark(id, verdict, remark)``, ``record.mark_many({...})``,
  ``record.with_header(...)`` and ``record.finish()`` return new records;
- :func:`loads_record` / :func:`read_record` read JSON, :func:`dumps_record` /
  ``record.to_json()`` write it; :func:`validate` lists every problem of a record in
  one pass; :func:`record_json_schema` is the published JSON Schema.

The JSON format (``format_version`` 1)::

    {"format": "kz-inspection-record", "format_version": 1,
     "checklist": "communications", "edition": "2023-revision", "final": false,
     "header": {"authority": ..., "assignment_act": {"number": ..., "date": "YYYY-MM-DD"},
                "entity_name": ..., "iin_bin": "123456789012", "address": ...,
                "inspection_date": "YYYY-MM-DD",
                "officials": [{"position": ..., "full_name": ...}],
                "head": {"position": ..., "full_name": ...}},
     "answers": {"COM-001": {"verdict": null, "remark": null}, ...}}

``answers`` is keyed by requirement ID; an ID left out is read as not assessed, and
written back in full. A record is *final* once finished: then every header field must be
filled in.

>>> record = new_record("electronic-signature")
>>> record = record.mark("EDS-001", "conforms").mark(
...     "EDS-002", "not-applicable", "the entity is not a certification centre")
>>> record.answers["EDS-002"]
Answer(verdict='not-applicable', remark='the entity is not a certification centre')
>>> loads_record(dumps_record(record)) == record
True
>>> record.mark("EDS-003", "not-applicable")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.InvalidRecordError: invalid inspection record: 1 problem
  answers.EDS-003: not-applicable needs a remark saying why the requirement does not concern the entity
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Annotated, Any, Literal, NamedTuple, Optional, Union

import pydantic_core
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from . import api
from ._files import duplicate_keys, read_input
from ._layout import Layout, layout_for, unknown_id_message
from .data import load_bundled_edition
from .exceptions import (
    ChecklistError,
    InvalidIINError,
    InvalidInputError,
    InvalidRecordError,
    Problem,
    TextNotAvailableError,
    UnknownChecklistError,
    UnknownEditionError,
    UnknownRequirementError,
    closest,
)
from .iin import validate_iin
from .in_force import earliest_in_force
from .models import CHECKLIST_KEYS, Checklist, Edition, Requirement

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "VERDICTS",
    "Answer",
    "AssignmentAct",
    "Header",
    "InspectionRecord",
    "Person",
    "Verdict",
    "dumps_record",
    "loads_record",
    "new_record",
    "read_record",
    "record_json_schema",
    "validate",
]

#: The ``format`` of every record file.
FORMAT = "kz-inspection-record"
#: The record format version this library reads and writes.
FORMAT_VERSION = 1

#: A verdict on one requirement; ``None`` means not assessed.
Verdict = Literal["conforms", "does-not-conform", "not-applicable"]
#: The verdicts, in the order the form's columns and the extension give them.
VERDICTS: tuple[str, ...] = ("conforms", "does-not-conform", "not-applicable")
_VERDICT_SET = frozenset(VERDICTS)
_VERDICTS_OR_NONE = frozenset((*VERDICTS, None))
NOT_APPLICABLE = "not-applicable"
#: How a problem tells a user of the library to pass an edition file.
_EDITION_OPTION = "edition=PATH"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


_Date = Annotated[datetime.date, BeforeValidator(_iso_date)]


def _not_a_bool(value: Any) -> Any:
    # pydantic reads true as 1; a format version is a number.
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "expected 1")
    return value


class Person(_Frozen):
    """An official who inspected, or the head of the entity: position and full name."""

    position: Optional[str] = Field(default=None, description="Position, as signed.")
    full_name: Optional[str] = Field(
        default=None, description="Surname, first name, patronymic (if any)."
    )


class AssignmentAct(_Frozen):
    """The act assigning the inspection: its number and date."""

    number: Optional[str] = Field(default=None, description="The act's number (№).")
    date: Optional[_Date] = Field(default=None, description="The act's date (YYYY-MM-DD).")


class Header(_Frozen):
    """The form's header, the inspection date and who signs.

    The first five fields are the checklist's header blanks (their keys are the
    checklist's :class:`~kz_inspection_checklists.models.HeaderField` keys); the rest
    record the inspection date and the form's signature blocks.
    """

    authority: Optional[str] = Field(
        default=None, description="Public authority that ordered the inspection."
    )
    assignment_act: AssignmentAct = Field(
        default_factory=AssignmentAct, description="Act on the assignment of the inspection."
    )
    entity_name: Optional[str] = Field(
        default=None, description="Name of the entity (facility) inspected."
    )
    iin_bin: Optional[str] = Field(
        default=None, description="IIN/BIN of the entity: 12 digits, as a string."
    )
    address: Optional[str] = Field(default=None, description="Location address.")
    inspection_date: Optional[_Date] = Field(
        default=None, description="Date of the inspection (YYYY-MM-DD)."
    )
    officials: tuple[Person, ...] = Field(default=(), description="The official(s) who inspected.")
    head: Person = Field(default_factory=Person, description="The head of the entity.")


class _AnswerJSON(TypedDict, total=False):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    verdict: Optional[Verdict]
    remark: Optional[str]


class _RecordJSON(_Frozen):
    """The JSON document of an inspection record (validated in one pass)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="Inspection record",
        json_schema_extra={
            "description": "A filled-in inspection checklist of joint order No. 114/НҚ / "
            "No. 52 (Adilet V1900018805), as written by kz-inspection-checklists. "
            "Verdicts: conforms and does-not-conform are the form's columns; "
            "not-applicable (with a remark saying why) and remarks extend the form; "
            "null means not assessed."
        },
    )

    format: Literal["kz-inspection-record"]
    format_version: Annotated[Literal[1], BeforeValidator(_not_a_bool)]
    checklist: str = Field(description="The checklist key, e.g. 'communications'.")
    edition: str = Field(description="The edition ID, e.g. '2023-revision'.")
    final: bool = Field(
        default=False,
        strict=True,
        description="True once finished: every header field is filled in.",
    )
    header: Header = Field(default_factory=Header)
    answers: dict[str, _AnswerJSON] = Field(
        default_factory=dict,
        description="Keyed by requirement ID; an ID left out is not assessed.",
    )


class _WrittenAnswerJSON(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    verdict: Optional[Verdict]
    remark: Optional[str]


class _WrittenRecordJSON(_RecordJSON):
    """A record as :func:`dumps_record` writes it: every answer has a verdict and a remark.

    Checked first: then the keys of the answers need not be counted one by one. A record
    it refuses is checked again with :class:`_RecordJSON`, whose errors are reported.
    """

    answers: dict[str, _WrittenAnswerJSON] = Field(default_factory=dict)  # type: ignore[assignment]


class Answer(NamedTuple):
    """The answer to one requirement: a verdict (``None``: not assessed) and a remark."""

    verdict: Optional[str]
    remark: Optional[str]


@dataclasses.dataclass(frozen=True)
class InspectionRecord:
    """A filled-in checklist. Frozen: every change returns a new record.

    ``verdicts`` and ``remarks`` run parallel to ``ids``, the checklist's requirement IDs
    in order; :attr:`answers` gives the same as a mapping from ID to :class:`Answer`.
    """

    checklist: str
    """The checklist key, e.g. ``"communications"``."""
    edition: str
    """The edition ID, e.g. ``"2023-revision"``."""
    header: Header
    ids: tuple[str, ...]
    verdicts: tuple[Optional[str], ...]
    remarks: tuple[Optional[str], ...]
    final: bool = False
    _layout: Layout = dataclasses.field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        wrong = [
            Problem(name, f"expected {kind.__name__}, got {type(getattr(self, name)).__name__}")
            for name, kind in _FIELD_TYPES
            if not isinstance(getattr(self, name), kind)
        ]
        if wrong:
            raise InvalidRecordError(problems=wrong)
        layout = self._layout
        if layout is None:  # built by hand: find the checklist, check the fields agree
            layout = layout_for(api.checklist(self.checklist, edition=self.edition))
            object.__setattr__(self, "_layout", layout)
        form = layout.checklist
        if self.checklist != form.key or self.edition != form.edition:
            raise InvalidRecordError(
                problems=[
                    Problem(
                        "checklist",
                        f"the record says {self.checklist!r} of edition {self.edition!r}, but "
                        f"its answers are for {form.key!r} of edition {form.edition!r}",
                    )
                ]
            )
        size = len(layout.ids)
        if (
            (self.ids is not layout.ids and self.ids != layout.ids)
            or len(self.verdicts) != size
            or len(self.remarks) != size
        ):
            raise InvalidRecordError(
                problems=[
                    Problem(
                        "answers",
                        f"ids, verdicts and remarks must each have one item per requirement "
                        f"of {self.checklist!r} in edition {self.edition!r}, in order "
                        f"({layout.ids[0]} to {layout.ids[-1]}); use new_record() and mark()",
                    )
                ]
            )
        if not _known_verdicts(self.verdicts):
            bad = next(v for v in self.verdicts if not _known_verdicts((v,)))
            raise InvalidRecordError(problems=[Problem("answers", _not_a_verdict(bad, "None"))])

    @property
    def form(self) -> Checklist:
        """The :class:`~kz_inspection_checklists.models.Checklist` this record fills in."""
        return self._layout.checklist

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """The checklist's requirements, parallel to ``ids``, ``verdicts`` and ``remarks``."""
        return self._layout.requirements

    @property
    def answers(self) -> Mapping[str, Answer]:
        """Every requirement's answer, by ID, in the checklist's order (read-only)."""
        return MappingProxyType(
            {rid: Answer(v, r) for rid, v, r in zip(self.ids, self.verdicts, self.remarks)}
        )

    def answer(self, requirement_id: str) -> Answer:
        """The answer to one requirement; :class:`UnknownRequirementError` for a wrong ID."""
        position = self._position(requirement_id)
        return Answer(self.verdicts[position], self.remarks[position])

    @property
    def complete(self) -> bool:
        """Whether every requirement has a verdict."""
        return None not in self.verdicts

    def mark(
        self, requirement_id: str, verdict: Optional[str], remark: Optional[str] = None
    ) -> InspectionRecord:
        """A new record with this requirement's verdict and remark set (both replaced).

        ``verdict`` is one of :data:`VERDICTS`, or ``None`` to make it not assessed.
        Raises :class:`InvalidRecordError` for an ID not in this checklist (or not a
        string), a bad verdict, or a not-applicable without a remark.
        """
        if not isinstance(requirement_id, str):
            raise InvalidRecordError(problems=[Problem("answers", _not_an_id(requirement_id))])
        return self.mark_many({requirement_id: (verdict, remark)})

    def mark_many(
        self,
        answers: Mapping[str, Union[Optional[str], tuple[Optional[str], Optional[str]]]],
    ) -> InspectionRecord:
        """A new record with many answers set at once.

        Each value is a verdict, or a ``(verdict, remark)`` pair (an :class:`Answer` is
        one). Every problem is reported at once; on any problem nothing is changed.

        >>> record = new_record("electronic-signature").mark_many(
        ...     {"EDS-001": "conforms", "EDS-004": ("does-not-conform", "key shared")})
        >>> record.verdicts
        ('conforms', None, None, 'does-not-conform')
        """
        if not isinstance(answers, Mapping):
            raise InvalidRecordError(
                problems=[
                    Problem(
                        "answers",
                        f"expected a mapping of requirement IDs to verdicts, "
                        f"got {type(answers).__name__}",
                    )
                ]
            )
        verdicts = list(self.verdicts)
        remarks = list(self.remarks)
        problems: list[Problem] = []
        for requirement_id, value in answers.items():
            if not isinstance(requirement_id, str):
                problems.append(Problem("answers", _not_an_id(requirement_id)))
                continue
            if isinstance(value, tuple):
                if len(value) != 2:
                    problems.append(
                        Problem(
                            f"answers.{requirement_id}",
                            f"expected a verdict or a (verdict, remark) pair, got {value!r}",
                        )
                    )
                    continue
                verdict, remark = value
            else:
                verdict, remark = value, None
            try:
                position = self._position(requirement_id)
            except ChecklistError as error:
                problems.append(Problem(f"answers.{requirement_id}", str(error)))
                continue
            where = f"answers.{self.ids[position]}"
            problems += _answer_problems(where, verdict, remark)
            verdicts[position] = verdict
            remarks[position] = remark
        if problems:
            raise InvalidRecordError(problems=problems)
        return dataclasses.replace(self, verdicts=tuple(verdicts), remarks=tuple(remarks))

    def with_header(self, **fields: Any) -> InspectionRecord:
        """A new record with header fields replaced (the :class:`Header` field names).

        Dates may be given as :class:`datetime.date` or ``"YYYY-MM-DD"``; an
        ``assignment_act`` as an :class:`AssignmentAct` or a mapping; ``officials`` as a
        list of :class:`Person` or mappings. Raises :class:`InvalidRecordError` listing
        every problem.

        >>> header = new_record("communications").with_header(
        ...     entity_name="Example LLP", inspection_date="2024-03-01").header
        >>> header.inspection_date
        datetime.date(2024, 3, 1)
        """
        data = self.header.model_dump()
        unknown = sorted(set(fields) - set(Header.model_fields))
        if unknown:
            raise InvalidRecordError(
                problems=[
                    Problem(
                        f"header.{name}",
                        f"unknown header field; expected one of {', '.join(Header.model_fields)}"
                        + _hint(name, Header.model_fields),
                    )
                    for name in unknown
                ]
            )
        data.update(fields)
        try:
            text = json.dumps(data, default=_json_default)
        except (TypeError, ValueError) as error:
            raise InvalidRecordError(problems=[Problem("header", str(error))]) from None
        try:
            header = Header.model_validate_json(text)
        except ValidationError as error:
            raise InvalidRecordError(problems=_pydantic_problems(error, ("header",))) from None
        problems = _header_problems(header, self.final, layout=self._layout)
        if problems:
            raise InvalidRecordError(problems=problems)
        return dataclasses.replace(self, header=header)

    def missing_header_fields(self) -> tuple[str, ...]:
        """The paths of the header fields still blank, e.g. ``("header.address",)``."""
        return _missing_header(self.header)

    def finish(self) -> InspectionRecord:
        """This record marked final; :class:`InvalidRecordError` lists blank header fields.

        >>> new_record("electronic-signature").finish()
        Traceback (most recent call last):
            ...
        kz_inspection_checklists.exceptions.InvalidRecordError: invalid inspection record: 11 problems
          header.authority: missing in a final record
          header.assignment_act.number: missing in a final record
          ...
        """
        problems = [
            Problem(path, "missing in a final record") for path in _missing_header(self.header)
        ]
        if problems:
            raise InvalidRecordError(problems=problems)
        return dataclasses.replace(self, final=True)

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON-ready object in the record format."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "checklist": self.checklist,
            "edition": self.edition,
            "final": self.final,
            "header": self.header.model_dump(mode="json"),
            "answers": {
                rid: {"verdict": v, "remark": r}
                for rid, v, r in zip(self.ids, self.verdicts, self.remarks)
            },
        }

    def _position(self, requirement_id: str) -> int:
        if not isinstance(requirement_id, str):  # may be unhashable: no dict lookup
            raise UnknownRequirementError(_not_an_id(requirement_id))
        position = self._layout.index.get(requirement_id)
        if position is None:
            position = self._layout.index.get(requirement_id.strip().upper())
            if position is None:
                raise _unknown_id_error(requirement_id, self._layout)
        return position


_FIELD_TYPES: tuple[tuple[str, type], ...] = (
    ("checklist", str),
    ("edition", str),
    ("header", Header),
    ("ids", tuple),
    ("verdicts", tuple),
    ("remarks", tuple),
    ("final", bool),
)


def _not_an_id(value: object) -> str:
    return (
        f"a requirement ID is a string such as 'COM-001', got {type(value).__name__} "
        f"{_short(value)}"
    )


def _known_verdicts(verdicts: tuple[object, ...]) -> bool:
    try:
        return _VERDICTS_OR_NONE.issuperset(verdicts)
    except TypeError:  # an unhashable value is no verdict
        return False


def _json_default(value: object) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} {value!r} is not a header value")


def new_record(
    checklist: Union[str, int, Checklist],
    edition: Union[str, Path, Edition] = "latest",
    *,
    header: Optional[Header] = None,
) -> InspectionRecord:
    """A blank record: no verdicts, a header with one blank official to fill in.

    ``checklist`` is a key, an annex number, or a :class:`Checklist`; ``edition`` an
    edition ID, alias, ``"latest"``, an edition file or an :class:`Edition`. An edition
    whose texts this library does not hold raises :class:`TextNotAvailableError`.

    >>> record = new_record("communications", edition="2023")
    >>> record.edition, len(record.ids), record.complete
    ('2023-revision', 72, False)
    >>> new_record("communications", edition="2019")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.TextNotAvailableError: the text of Annex 4 ...
    """
    if isinstance(checklist, Checklist):
        chosen = checklist
    else:
        try:
            chosen = api.checklist(checklist, edition=edition)
        except ChecklistError:
            raise
        except ValueError:  # e.g. int("²"): a digit that is not a number
            raise UnknownChecklistError(
                f"unknown checklist {checklist!r}; expected one of "
                f"{', '.join(CHECKLIST_KEYS)} (or annex 3, 4, 5)"
            ) from None
    layout = layout_for(chosen)
    if not isinstance(checklist, Checklist) and _EARLIEST.get(id(layout), (None,))[0] is not layout:
        # The edition is at hand: with_header can bound the date of an edition file's record.
        _note_earliest(layout, edition if isinstance(edition, Edition) else api.edition(edition))
    size = len(layout.ids)
    blank: tuple[None, ...] = (None,) * size
    return InspectionRecord(
        checklist=chosen.key,
        edition=chosen.edition,
        header=header if header is not None else Header(officials=(Person(),)),
        ids=layout.ids,
        verdicts=blank,
        remarks=blank,
        _layout=layout,
    )


# --- reading, checking and writing ---------------------------------------------------


def dumps_record(record: InspectionRecord) -> str:
    """The record as JSON text: two-space indent, one line per answer, final newline.

    >>> print(dumps_record(new_record("electronic-signature").mark("EDS-001", "conforms")))
    {
      "format": "kz-inspection-record",
      ...
      "answers": {
        "EDS-001": {"verdict": "conforms", "remark": null},
        "EDS-002": {"verdict": null, "remark": null},
        ...
      }
    }
    """
    if not isinstance(record, InspectionRecord):
        raise InvalidInputError(
            f"dumps_record() takes an InspectionRecord, got {type(record).__name__}"
        )
    document = record.to_json()
    answers = document.pop("answers")
    head = json.dumps(document, ensure_ascii=False, indent=2)
    lines = [
        f"    {json.dumps(rid)}: {json.dumps(answer, ensure_ascii=False)}"
        for rid, answer in answers.items()
    ]
    body = "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"
    return f'{head[:-2]},\n  "answers": {body}\n}}\n'


def loads_record(
    text: Union[str, bytes, Mapping[str, Any]],
    *,
    edition: Optional[Union[str, Path, Edition]] = None,
    edition_option: str = _EDITION_OPTION,
) -> InspectionRecord:
    """A record from JSON text (or an already parsed object).

    ``edition`` supplies an edition the bundled data lacks (an edition file or an
    :class:`Edition`), e.g. one imported with ``kz-checklists import``; the record's
    ``edition`` must be its ID. Raises :class:`InvalidRecordError` listing every problem;
    a key given twice in one object is one (JSON readers would silently keep the last).
    ``edition_option`` is how a problem tells the user to pass an edition file, e.g.
    ``"--edition FILE"`` on a command line (default ``"edition=PATH"``).
    """
    document, layout, problems = _check(text, edition, edition_option)
    if problems:
        raise InvalidRecordError(problems=problems)
    assert document is not None and layout is not None
    answers = document.answers
    ids = layout.ids
    if answers:
        got = [answers.get(rid) for rid in ids]
        verdicts = tuple([a.get("verdict") if a else None for a in got])
        remarks = tuple([a.get("remark") if a else None for a in got])
    else:
        verdicts = remarks = (None,) * len(ids)
    return InspectionRecord(
        checklist=document.checklist,
        edition=document.edition,
        header=document.header,
        ids=ids,
        verdicts=verdicts,
        remarks=remarks,
        final=document.final,
        _layout=layout,
    )


def read_record(
    path: Union[str, Path],
    *,
    edition: Optional[Union[str, Path, Edition]] = None,
    edition_option: str = _EDITION_OPTION,
) -> InspectionRecord:
    """A record from a JSON file; see :func:`loads_record`.

    A file that cannot be read raises :class:`InvalidInputError`.
    """
    return loads_record(_read_bytes(path), edition=edition, edition_option=edition_option)


def _read_bytes(path: Union[str, Path]) -> bytes:
    if not isinstance(path, (str, PurePath)):
        raise InvalidInputError(
            f"a record file is named by a path (a string), not {type(path).__name__} {_short(path)}"
        )
    try:
        return read_input(path)
    except OSError as error:
        raise InvalidInputError(
            f"cannot read record file {str(path)!r}: {error.strerror or error}"
        ) from None


def validate(
    record: Union[str, bytes, Mapping[str, Any], InspectionRecord],
    *,
    edition: Optional[Union[str, Path, Edition]] = None,
    edition_option: str = _EDITION_OPTION,
) -> tuple[Problem, ...]:
    """Every problem of a record, in one pass; an empty tuple for a valid record.

    ``record`` is JSON text, a parsed JSON object, or an :class:`InspectionRecord`;
    ``edition`` and ``edition_option`` are as for :func:`loads_record`.

    >>> for problem in validate('{"format": "kz-inspection-record", "format_version": 1,'
    ...     ' "checklist": "electronic-signature", "edition": "2023-revision",'
    ...     ' "header": {"iin_bin": "123456789012", "inspection_date": "2024-02-30"},'
    ...     ' "answers": {"EDS-001": {"verdict": "yes"}, "EDS-05": {"verdict": null},'
    ...     ' "EDS-003": {"verdict": "not-applicable"}}}'):
    ...     print(problem)
    header.iin_bin: IIN/BIN '123456789012' fails its control digit: the 12th digit is 2, but the first 11 digits give 3; check the number for a typing error
    header.inspection_date: expected a date as YYYY-MM-DD, got '2024-02-30' (day value is outside expected range)
    answers.EDS-001.verdict: 'yes' is not a verdict; expected conforms, does-not-conform, not-applicable or null (not assessed); did you mean 'conforms'?
    answers.EDS-003: not-applicable needs a remark saying why the requirement does not concern the entity
    answers.EDS-05: unknown requirement ID in checklist 'electronic-signature' of edition '2023-revision'; IDs run EDS-001 to EDS-004; did you mean 'EDS-004'?
    """
    if isinstance(record, InspectionRecord):
        record = record.to_json()
    return _check(record, edition, edition_option)[2]


def _check(
    source: Union[str, bytes, Mapping[str, Any]],
    edition: Optional[Union[str, Path, Edition]],
    option: str = _EDITION_OPTION,
) -> tuple[Optional[_RecordJSON], Optional[Layout], tuple[Problem, ...]]:
    """The validated document, its layout, and every problem found."""
    if isinstance(source, (str, bytes, bytearray)):
        text = True
    elif isinstance(source, Mapping):
        text = False  # a Mapping holds no key twice
        try:
            source = json.dumps(source, default=_json_default)
        except (TypeError, ValueError) as error:
            return None, None, (Problem("", f"not a JSON object: {error}"),)
    else:
        return None, None, (_not_a_record(f"got {type(source).__name__}, not JSON text"),)
    # A byte order mark, as some Windows editors write, is not part of the JSON.
    if source[:3] == b"\xef\xbb\xbf":
        source = source[3:]
    elif source[:1] == "\ufeff":
        source = source[1:]
    document: _RecordJSON
    try:
        document = _VALIDATE_WRITTEN(source)
        written = True  # every answer has two keys
    except ValidationError:
        written = False
        try:
            document = _VALIDATE_JSON(source)
        except ValidationError as error:
            return _check_broken(source, error, edition, option)
    layout, problems = _semantics(
        document.checklist,
        document.edition,
        document.header,
        document.answers,
        document.final,
        edition,
        option=option,
        may_be_not_applicable=_may_hold_not_applicable(source),
        written=written,
    )
    # Every key is followed by a colon; when there are no more colons than keys read,
    # no key was given twice, and the exact (slower) look is not needed. The other
    # colons are in strings: without an escape, each string reads as written, so those
    # of the strings read can be taken away (a string of a key given twice is not read,
    # so its colons are not taken away, and the count still differs).
    if text:
        keys = _key_count(document, written)
        colons = source.count(":") if isinstance(source, str) else source.count(b":")
        if colons != keys and (
            ("\\" in source if isinstance(source, str) else b"\\" in source)
            or colons - _string_colons(document) != keys
        ):
            problems += _duplicate_keys(source)
    return document, layout, _ordered(problems, layout)


def _key_count(document: _RecordJSON, written: bool) -> int:
    """How many keys the JSON text of a validated record held, a key given twice once.

    ``written``: the record passed :class:`_WrittenRecordJSON`, so each answer has two.
    """
    # __pydantic_fields_set__ is what model_fields_set returns, without a property call.
    answers = document.answers
    count = len(document.__pydantic_fields_set__) + len(answers)
    count += 2 * len(answers) if written else sum(map(len, answers.values()))
    header = document.header
    given = header.__pydantic_fields_set__
    if given:
        count += len(given) + sum(len(p.__pydantic_fields_set__) for p in header.officials)
        if "assignment_act" in given:
            count += len(header.assignment_act.__pydantic_fields_set__)
        if "head" in given:
            count += len(header.head.__pydantic_fields_set__)
    return count


def _string_colons(document: _RecordJSON) -> int:
    """The colons in the strings of a validated record: its answers' IDs and every text."""
    header, answers = document.header, document.answers
    texts = [
        document.format,
        document.checklist,
        document.edition,
        header.authority,
        header.assignment_act.number,
        header.entity_name,
        header.iin_bin,
        header.address,
        header.head.position,
        header.head.full_name,
        *[text for person in header.officials for text in (person.position, person.full_name)],
        *[answer.get("remark") for answer in answers.values()],
        *answers,
    ]
    return "\n".join(filter(None, texts)).count(":")


def _duplicate_keys(source: Union[str, bytes, bytearray]) -> list[Problem]:
    """A problem for every key given twice in one object of the JSON text."""
    return [
        Problem(
            f"{path}.{key}" if path else key,
            f"duplicate key: {key!r} is given more than once in one object, and a "
            "JSON reader keeps only one of them; keep the one you mean",
        )
        for path, key in duplicate_keys(source)
    ]


#: _RecordJSON.model_validate_json without its Python wrapper (called once per record).
_VALIDATE_JSON = _RecordJSON.__pydantic_validator__.validate_json
_VALIDATE_WRITTEN = _WrittenRecordJSON.__pydantic_validator__.validate_json
_SECTIONS = {"header": 1, "answers": 2}
_HEADER_ORDER = {name: i for i, name in enumerate(Header.model_fields)}


def _ordered(problems: list[Problem], layout: Optional[Layout]) -> tuple[Problem, ...]:
    """Problems in the order of the record: top level, header fields, then answers."""
    if len(problems) < 2:
        return tuple(problems)
    index = layout.index if layout is not None else {}

    def key(problem: Problem) -> tuple[int, int]:
        section, _, rest = problem.where.partition(".")
        rank = _SECTIONS.get(section, 0)
        if rank == 1:
            return rank, _HEADER_ORDER.get(rest.partition(".")[0], len(_HEADER_ORDER))
        if rank == 2:
            return rank, index.get(rest.partition(".")[0], len(index))
        return rank, 0

    return tuple(sorted(problems, key=key))


def _may_hold_not_applicable(source: Union[str, bytes, bytearray]) -> bool:
    """False only when the JSON text cannot hold the verdict not-applicable.

    A substring search is far cheaper than a look at every answer; a text with any
    escape sequence is looked at in full, since an escape could spell the verdict.
    """
    if isinstance(source, str):
        return "not-applicable" in source or "\\u" in source
    return b"not-applicable" in source or b"\\u" in source


def _check_broken(
    source: Union[str, bytes, bytearray],
    error: ValidationError,
    edition: Optional[Union[str, Path, Edition]],
    option: str,
) -> tuple[None, None, tuple[Problem, ...]]:
    """All problems of a record that failed its shape, checking what can still be read."""
    errors = error.errors()
    first = errors[0]
    if first["type"] == "json_invalid":
        detail = str(first["msg"]).removeprefix("Invalid JSON: ")
        return None, None, (_not_a_record(f"it is not valid JSON ({detail})"),)
    try:
        raw = pydantic_core.from_json(source)
    except ValueError as parse_error:  # too deep, or otherwise unreadable
        return None, None, (_not_a_record(f"it cannot be read as JSON ({parse_error})"),)
    if not isinstance(raw, dict):
        return None, None, (_not_a_record(f"it is a JSON {_json_type(raw)}, not an object"),)
    if raw.get("format") != FORMAT:
        found = raw.get("format")
        what = "has no 'format'" if found is None else f"has format {found!r}"
        return None, None, (_not_a_record(f"it {what}; a record has format {FORMAT!r}"),)
    version = raw.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return (
            None,
            None,
            (
                Problem(
                    "format_version",
                    f"format version {version} is newer than this library reads "
                    f"({FORMAT_VERSION}); upgrade kz-inspection-checklists",
                ),
            ),
        )
    problems = _pydantic_problems(error, ()) + _duplicate_keys(source)
    header, broken = _salvage_header(raw.get("header", {}), errors)
    raw_answers = raw.get("answers", {})
    answers = {
        k: v
        for k, v in (raw_answers.items() if isinstance(raw_answers, dict) else ())
        if isinstance(v, dict)
    }
    checklist, edition_id = raw.get("checklist"), raw.get("edition")
    final = raw.get("final") is True
    layout = None
    if isinstance(checklist, str) and isinstance(edition_id, str):
        layout, more = _semantics(
            checklist, edition_id, header, answers, final, edition, broken, option=option
        )
        problems += more
    elif header is not None:
        problems += _header_problems(header, final, broken)
    return None, None, _ordered(problems, layout)


def _salvage_header(
    raw_header: object, errors: list[Any]
) -> tuple[Optional[Header], frozenset[str]]:
    """The header without its malformed fields, and the names of those fields."""
    if not isinstance(raw_header, dict):
        return None, frozenset()
    broken = frozenset(
        str(e["loc"][1]) for e in errors if len(e["loc"]) > 1 and e["loc"][0] == "header"
    )
    kept = {k: v for k, v in raw_header.items() if k not in broken}
    try:
        return Header.model_validate_json(json.dumps(kept)), broken
    except ValidationError:
        return None, broken


def _not_a_record(why: str) -> Problem:
    return Problem(
        "",
        f"not an inspection record: {why}; start one with 'kz-checklists new CHECKLIST -o FILE'",
    )


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


_FIELDS: dict[str, tuple[str, ...]] = {
    "": tuple(_RecordJSON.model_fields),
    "header": tuple(Header.model_fields),
    "assignment_act": tuple(AssignmentAct.model_fields),
    "person": tuple(Person.model_fields),
    "answer": ("verdict", "remark"),
}


def _fields_at(loc: tuple[Union[str, int], ...]) -> tuple[str, ...]:
    """The field names allowed in the object at ``loc``."""
    if not loc:
        return _FIELDS[""]
    if loc[0] == "answers" and len(loc) == 2:
        return _FIELDS["answer"]
    if loc[0] == "header":
        if len(loc) == 1:
            return _FIELDS["header"]
        if loc[1] == "assignment_act":
            return _FIELDS["assignment_act"]
        return _FIELDS["person"]
    return ()


def _pydantic_problems(error: ValidationError, prefix: tuple[str, ...]) -> list[Problem]:
    """pydantic's errors, each as a Problem naming the field in the record's words."""
    problems = []
    for item in error.errors():
        loc = (*prefix, *item["loc"])
        where = ".".join(str(part) for part in loc)
        kind = item["type"]
        value = item.get("input")
        if kind == "missing":
            message = "missing"
        elif kind == "extra_forbidden":
            allowed = _fields_at(loc[:-1])
            message = "unknown field" + (
                f"; expected one of {', '.join(allowed)}" + _hint(str(loc[-1]), allowed)
                if allowed
                else ""
            )
        elif loc[-1] == "verdict" and kind in {"literal_error", "string_type"}:
            message = _not_a_verdict(value, "null")
        elif kind.startswith("date") or kind.startswith("datetime"):
            detail = item.get("ctx", {}).get("error")
            message = f"expected a date as YYYY-MM-DD, got {value!r}" + (
                f" ({detail})" if detail else ""
            )
        elif loc == ("format_version",):
            message = (
                f"unsupported format version {_as_json(value)}; this library reads {FORMAT_VERSION}"
            )
        elif loc[-1] == "iin_bin" and kind == "string_type":
            message = (
                f"expected the IIN/BIN as a string of 12 digits, got {_json_type(value)} "
                f"{value!r}; write it in quotes so leading zeros are kept"
            )
        elif kind in {"string_type", "bool_type", "model_type", "dict_type", "tuple_type"}:
            expected = {
                "string_type": "text (a JSON string) or null",
                "bool_type": "true or false",
                "model_type": "an object",
                "dict_type": "an object",
                "tuple_type": "an array",
            }[kind]
            message = f"expected {expected}, got {_json_type(value)} {_short(value)}"
        else:
            message = item["msg"]
        problems.append(Problem(where, message))
    return problems


#: Words people write for a verdict, and the verdict they mean (for hints only).
_VERDICT_WORDS = {
    "n/a": "not-applicable",
    "na": "not-applicable",
    "not applicable": "not-applicable",
    "yes": "conforms",
    "ok": "conforms",
    "pass": "conforms",
    "conform": "conforms",
    "no": "does-not-conform",
    "fail": "does-not-conform",
    "does not conform": "does-not-conform",
}


def _not_a_verdict(value: object, none: str) -> str:
    hint = ""
    if isinstance(value, str):
        meant = _VERDICT_WORDS.get(value.strip().lower())
        hint = f"; did you mean {meant!r}?" if meant else _hint(value, VERDICTS)
    return (
        f"{value!r} is not a verdict; expected {', '.join(VERDICTS)} or {none} (not assessed)"
        + hint
    )


def _as_json(value: object) -> str:
    """A value as JSON writes it (true, not True), shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON, or an int too long to write
        return _short(value) if not isinstance(value, int) else "a huge number"
    return text if len(text) <= 40 else text[:37] + "..."


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _hint(value: str, candidates: Iterable[str]) -> str:
    found = closest(value, candidates)
    return f"; did you mean {found!r}?" if found else ""


def _semantics(
    checklist_key: str,
    edition_id: str,
    header: Optional[Header],
    answers: Mapping[str, Mapping[str, Any]],
    final: bool,
    edition: Optional[Union[str, Path, Edition]],
    broken: frozenset[str] = frozenset(),
    *,
    option: str = _EDITION_OPTION,
    may_be_not_applicable: bool = True,
    written: bool = False,
) -> tuple[Optional[Layout], list[Problem]]:
    """The checks beyond shape: checklist and edition, IDs, remarks, IIN/BIN, final.

    ``written``: every answer has a ``verdict`` key (see :class:`_WrittenRecordJSON`).
    """
    problems: list[Problem] = []
    layout = _resolve(checklist_key, edition_id, edition, problems, option)
    if layout is not None and not layout.idset.issuperset(answers):
        unknown = answers.keys() - layout.idset
        if unknown:
            for requirement_id in sorted(unknown):
                problems.append(
                    Problem(f"answers.{requirement_id}", unknown_id_message(requirement_id, layout))
                )
    if may_be_not_applicable:
        not_applicable = (
            [k for k, a in answers.items() if a["verdict"] == NOT_APPLICABLE]
            if written  # a subscript is quicker than get(), and every answer has the key
            else [k for k, a in answers.items() if a.get("verdict") == NOT_APPLICABLE]
        )
        for requirement_id in not_applicable:
            remark = answers[requirement_id].get("remark")
            if not (isinstance(remark, str) and remark.strip()):
                problems.append(Problem(f"answers.{requirement_id}", _NEEDS_REMARK))
    if header is not None:
        problems += _header_problems(header, final, broken, layout)
    return layout, problems


_NEEDS_REMARK = (
    "not-applicable needs a remark saying why the requirement does not concern the entity"
)


def _answer_problems(where: str, verdict: object, remark: object) -> list[Problem]:
    problems = []
    if verdict is not None and not (isinstance(verdict, str) and verdict in _VERDICT_SET):
        problems.append(Problem(where, _not_a_verdict(verdict, "None")))
    if remark is not None and not isinstance(remark, str):
        problems.append(Problem(where, f"a remark is text, got {type(remark).__name__}"))
    elif verdict == NOT_APPLICABLE and not (remark and remark.strip()):
        problems.append(Problem(where, _NEEDS_REMARK))
    return problems


@functools.lru_cache(maxsize=4096)
def _iin_problem(value: str) -> Optional[str]:
    """What is wrong with an IIN/BIN, or ``None`` (cached: many records share one)."""
    try:
        validate_iin(value)
    except InvalidIINError as error:
        return str(error)
    return None


def _header_problems(
    header: Header,
    final: bool,
    broken: frozenset[str] = frozenset(),
    layout: Optional[Layout] = None,
) -> list[Problem]:
    """The IIN/BIN's control digit; an inspection date before the record's edition can
    have taken effect; in a final record, blank fields (but not ``broken``)."""
    problems = []
    if header.iin_bin is not None:
        problem = _iin_problem(header.iin_bin)
        if problem:
            problems.append(Problem("header.iin_bin", problem))
    day = header.inspection_date
    if day is not None and layout is not None:
        floor = _earliest(layout)
        if floor is not None and day < floor:
            problems.append(
                Problem(
                    "header.inspection_date",
                    f"before edition {layout.checklist.edition} can have taken effect "
                    f"(no earlier than {floor.isoformat()})",
                )
            )
    if final:
        problems += [
            Problem(path, "missing in a final record")
            for path in _missing_header(header)
            if path.split(".")[1] not in broken
        ]
    return problems


def _blank(value: Optional[str]) -> bool:
    return value is None or not value.strip()


def _filled(values: tuple[Any, ...]) -> bool:
    """Whether none of the values is blank, tested in C (isspace is what strip removes)."""
    return None not in values and "" not in values and not any(map(str.isspace, values))


def _missing_header(header: Header) -> tuple[str, ...]:
    act, head = header.assignment_act, header.head
    if (
        act.date is not None
        and header.inspection_date is not None
        and header.officials
        and _filled(
            (
                header.authority,
                act.number,
                header.entity_name,
                header.iin_bin,
                header.address,
                head.position,
                head.full_name,
                *[name for p in header.officials for name in (p.position, p.full_name)],
            )
        )
    ):
        return ()  # the usual case of a final record, found at once
    missing = []
    if _blank(header.authority):
        missing.append("header.authority")
    if _blank(header.assignment_act.number):
        missing.append("header.assignment_act.number")
    if header.assignment_act.date is None:
        missing.append("header.assignment_act.date")
    for name in ("entity_name", "iin_bin", "address"):
        if _blank(getattr(header, name)):
            missing.append(f"header.{name}")
    if header.inspection_date is None:
        missing.append("header.inspection_date")
    if not header.officials:
        missing.append("header.officials")
    for i, person in enumerate(header.officials):
        for name in ("position", "full_name"):
            if _blank(getattr(person, name)):
                missing.append(f"header.officials.{i}.{name}")
    for name in ("position", "full_name"):
        if _blank(getattr(header.head, name)):
            missing.append(f"header.head.{name}")
    return tuple(missing)


_BUNDLED_LAYOUTS: dict[tuple[str, str], tuple[Edition, Layout]] = {}


def _resolve(
    checklist_key: str,
    edition_id: str,
    edition: Optional[Union[str, Path, Edition]],
    problems: list[Problem],
    option: str = _EDITION_OPTION,
) -> Optional[Layout]:
    """The layout of the record's checklist, or ``None`` with the problem appended.

    ``option`` names how the user passes an edition file, e.g. ``--edition FILE``.
    """
    if edition is None:
        found = _BUNDLED_LAYOUTS.get((edition_id, checklist_key))
        # The cache holds only while the loaded edition is the same object (see clear_cache).
        if found is not None and load_bundled_edition(edition_id) is found[0]:
            return found[1]
    if checklist_key not in CHECKLIST_KEYS:
        problems.append(
            Problem(
                "checklist",
                f"unknown checklist {checklist_key!r}; expected one of "
                f"{', '.join(CHECKLIST_KEYS)}" + _hint(checklist_key, CHECKLIST_KEYS),
            )
        )
        return None
    try:
        if edition is not None:
            chosen = api.edition(edition)
            if chosen.id != edition_id:
                problems.append(
                    Problem(
                        "edition",
                        f"the record is for edition {edition_id!r}, but the edition given "
                        f"is {chosen.id!r}",
                    )
                )
                return None
        else:
            bundled = api.order().editions
            if edition_id not in bundled:
                try:
                    canonical = api.resolve_edition(edition_id)
                except UnknownEditionError as error:
                    problems.append(
                        Problem(
                            "edition",
                            f"{error}; a record names an edition by its ID; for an imported "
                            f"edition, pass its edition file ({option})",
                        )
                    )
                    return None
                problems.append(
                    Problem(
                        "edition",
                        f"{edition_id!r} is not an edition ID; write {canonical!r}",
                    )
                )
                return None
            chosen = load_bundled_edition(edition_id)
        layout = layout_for(chosen.checklist(checklist_key))
    except TextNotAvailableError as error:
        problems.append(
            Problem(
                "edition",
                f"{error}. Pass the edition file ({option}) to check this record",
            )
        )
        return None
    except (UnknownChecklistError, ChecklistError) as error:
        problems.append(Problem("edition", str(error)))
        return None
    _note_earliest(layout, chosen)
    if edition is None:
        _BUNDLED_LAYOUTS[(edition_id, checklist_key)] = (chosen, layout)
    return layout


#: The earliest day each layout's edition can have been in force, by id(layout).
_EARLIEST: dict[int, tuple[Layout, Optional[datetime.date]]] = {}


def _note_earliest(layout: Layout, edition: Edition) -> None:
    if len(_EARLIEST) > 64:
        _EARLIEST.clear()
    _EARLIEST[id(layout)] = (layout, earliest_in_force(edition))


def _earliest(layout: Layout) -> Optional[datetime.date]:
    """The earliest day the layout's edition can have been in force (``None``: unknown).

    A lower bound from the sources only (see
    :func:`~kz_inspection_checklists.in_force.earliest_in_force`); never a guess.
    """
    found = _EARLIEST.get(id(layout))
    if found is not None and found[0] is layout:
        return found[1]
    edition_id = layout.checklist.edition
    if edition_id in api.order().editions:
        bundled = load_bundled_edition(edition_id)
        if any(item is layout.checklist for item in bundled.checklists):
            _note_earliest(layout, bundled)
            return _EARLIEST[id(layout)][1]
    return None  # an edition file's checklist, its edition not at hand: nothing known


def _unknown_id_error(requirement_id: str, layout: Layout) -> ChecklistError:
    return UnknownRequirementError(
        f"{requirement_id!r}: " + unknown_id_message(requirement_id, layout)
    )


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the record format.

    >>> schema = record_json_schema()
    >>> schema["properties"]["format"]["const"], sorted(schema["required"])
    ('kz-inspection-record', ['checklist', 'edition', 'format', 'format_version'])
    """
    schema = _RecordJSON.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
