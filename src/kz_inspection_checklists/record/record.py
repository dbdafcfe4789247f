"""An inspection record: one checklist of one edition, filled in, valid however it is made.

A record is pinned to a checklist (its key) of an edition (its ID). It holds the form's
header (:mod:`.header`), and for every requirement an :class:`Answer`: a verdict
(:mod:`.verdicts`) and an optional remark. A record is *final* once finished: then every
header field must be filled in.

:func:`new_record` starts a blank record. :class:`InspectionRecord` is frozen, and
``record.mark(id, verdict, remark)``, ``record.mark_many({...})``,
``record.with_header(...)``, ``record.finish()`` and ``record.reopen()`` return new
records; a final record is frozen (``mark`` and ``with_header`` refuse it) until
reopened. Every way of making a record, the constructor included, checks the rules of :mod:`.rules`, so an
invalid record cannot be made: its problems are raised, all at once, as
:class:`~kz_inspection_checklists.exceptions.InvalidRecordError`.

>>> record = new_record("electronic-signature")
>>> record = record.mark("EDS-001", "conforms").mark(
...     "EDS-002", "not-applicable", "the entity is not a certification centre")
>>> record.answers["EDS-002"]
Answer(verdict='not-applicable', remark='the entity is not a certification centre')
>>> record.mark("EDS-003", "not-applicable")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.InvalidRecordError: invalid inspection record: 1 problem
  answers.EDS-003: not-applicable needs a remark saying why the requirement does not concern the entity
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple, Optional, Union

from pydantic import BaseModel, ValidationError

from .._suggest import HINTS, did_you_mean, shown
from .._text import unsafe, unsafe_json
from ..exceptions import InvalidRecordError, Problem, UnknownNameError
from ..law.applicability import ProfileRef, RequirementApplicability, applicability, profile_names
from ..law.applicability import profile as find_profile
from ..law.edition import Checklist, Edition, Requirement
from ..law.in_force import earliest_in_force
from ..law.store import EditionRef, Law, bundled, law_of
from .header import Header, blank_header, header_model, missing_fields
from .rules import (
    FROZEN,
    answer_problems,
    header_problems,
    profile_problems,
    shape_problems,
    text_problems,
)
from .verdicts import NOT_APPLICABLE, NOT_ASSESSED, VERDICTS, verdict_of

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Answer",
    "InspectionRecord",
    "floor_of",
    "json_default",
    "new_record",
    "not_applicable_remark",
    "unknown_id_message",
]

#: The ``format`` of every record's JSON (see :mod:`.files`).
FORMAT = "kz-inspection-record"
#: The record format version this library reads and writes.
FORMAT_VERSION = 1

_VERDICTS_OR_NONE = frozenset((*VERDICTS, None))


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
    profile: Optional[str] = None
    """The profile the record was begun with (:func:`new_record`), or ``None``."""
    _form: Optional[Checklist] = dataclasses.field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.verdicts, tuple) and NOT_ASSESSED in self.verdicts:
            # The word for the state is accepted as a verdict given, and means None.
            object.__setattr__(self, "verdicts", tuple(verdict_of(v) for v in self.verdicts))
        problems = self._problems()
        if problems:
            raise InvalidRecordError(problems=problems)

    def _problems(self) -> list[Problem]:
        """Every rule the record breaks (the checklist is found first, if not given)."""
        wrong = [
            Problem(name, f"expected {kind.__name__}, got {type(getattr(self, name)).__name__}")
            for name, kind in (
                ("checklist", str),
                ("edition", str),
                ("ids", tuple),
                ("verdicts", tuple),
                ("remarks", tuple),
                ("final", bool),
            )
            if not isinstance(getattr(self, name), kind)
        ]
        if wrong:
            return wrong
        form = self._form
        if form is None:  # built by hand: find the checklist
            form = bundled().checklist(self.checklist, edition=self.edition)
            object.__setattr__(self, "_form", form)
        if self.checklist != form.key or self.edition != form.edition:
            return [
                Problem(
                    "checklist",
                    f"the record says {self.checklist!r} of edition {self.edition!r}, but its "
                    f"answers are for {form.key!r} of edition {form.edition!r}",
                )
            ]
        size = len(form.ids)
        if (
            (self.ids is not form.ids and self.ids != form.ids)
            or len(self.verdicts) != size
            or len(self.remarks) != size
        ):
            return [
                Problem(
                    "answers",
                    f"ids, verdicts and remarks must each have one item per requirement of "
                    f"{self.checklist!r} in edition {self.edition!r}, in order "
                    f"({form.ids[0]} to {form.ids[-1]}); use new_record() and mark()",
                )
            ]
        law = law_of(form)
        model = header_model(law.order.form)
        if type(self.header) is not model:
            return [
                Problem(
                    "header",
                    f"expected the header of the {self.checklist!r} form, got "
                    f"{type(self.header).__name__}; set it with with_header()",
                )
            ]
        problems = []
        if not _plain_answers(self.verdicts, self.remarks):
            problems += [
                problem
                for rid, verdict, remark in zip(self.ids, self.verdicts, self.remarks)
                for problem in answer_problems(f"answers.{rid}", verdict, remark)
            ]
        problems += header_problems(
            self.header, final=self.final, floor=floor_of(form, law), edition=self.edition
        )
        if self.profile is not None:
            problems += profile_problems(self.profile, profile_names(law, form.key), form.key)
        return problems

    @property
    def form(self) -> Checklist:
        """The :class:`~kz_inspection_checklists.law.edition.Checklist` this record fills in."""
        assert self._form is not None  # set by __post_init__
        return self._form

    @property
    def requirements(self) -> tuple[Requirement, ...]:
        """The checklist's requirements, parallel to ``ids``, ``verdicts`` and ``remarks``."""
        return self.form.requirements

    @property
    def answers(self) -> Mapping[str, Answer]:
        """Every requirement's answer, by ID, in the checklist's order (read-only)."""
        return MappingProxyType(
            {rid: Answer(v, r) for rid, v, r in zip(self.ids, self.verdicts, self.remarks)}
        )

    def answer(self, requirement_id: str) -> Answer:
        """The answer to one requirement; :class:`UnknownNameError` for a wrong ID."""
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

        ``verdict`` is one of :data:`~.verdicts.VERDICTS`, or ``None`` (or
        ``"not-assessed"``, which means the same) to make it not assessed. Raises :class:`InvalidRecordError` for an ID not in this checklist (or
        not a string), a bad verdict, or a not-applicable without a remark.
        """
        if not isinstance(requirement_id, str):  # may be unhashable: no mapping of it
            raise InvalidRecordError(
                problems=[Problem("answers", _not_an_id(requirement_id, self.form))]
            )
        return self.mark_many({requirement_id: (verdict, remark)})

    def mark_many(
        self,
        answers: Mapping[str, Union[Optional[str], tuple[Optional[str], Optional[str]]]],
    ) -> InspectionRecord:
        """A new record with many answers set at once.

        Each value is a verdict, or a ``(verdict, remark)`` pair (an :class:`Answer` is
        one); ``"not-assessed"`` means ``None``. Every problem is reported at once; on any
        problem nothing is changed.

        >>> record = new_record("electronic-signature").mark_many(
        ...     {"EDS-001": "conforms", "EDS-004": ("does-not-conform", "key shared")})
        >>> record.verdicts
        ('conforms', None, None, 'does-not-conform')
        """
        self._refuse_if_final()
        if not isinstance(answers, Mapping):
            raise InvalidRecordError(
                problems=[
                    Problem(
                        "answers",
                        "expected a mapping of requirement IDs to verdicts, "
                        f"got {type(answers).__name__}",
                    )
                ]
            )
        verdicts = list(self.verdicts)
        remarks = list(self.remarks)
        problems: list[Problem] = []
        unknown = 0
        for requirement_id, value in answers.items():
            if not isinstance(requirement_id, str):
                problems.append(Problem("answers", _not_an_id(requirement_id, self.form)))
                continue
            if isinstance(value, tuple):
                if len(value) != 2:
                    problems.append(
                        Problem(
                            f"answers.{requirement_id}",
                            f"expected a verdict or a (verdict, remark) pair, got {shown(value)}",
                        )
                    )
                    continue
                verdict, remark = value
            else:
                verdict, remark = value, None
            verdict = verdict_of(verdict)
            position = self.form.index.get(requirement_id.strip().upper())
            if position is None:
                # A "did you mean" for the first few only: finding one costs time.
                problems.append(
                    Problem(
                        f"answers.{requirement_id}",
                        self._unknown_id(requirement_id, hint=unknown < HINTS),
                    )
                )
                unknown += 1
                continue
            problems += answer_problems(f"answers.{self.ids[position]}", verdict, remark)
            verdicts[position] = verdict
            remarks[position] = remark
        if problems:
            raise InvalidRecordError(problems=problems)
        return dataclasses.replace(self, verdicts=tuple(verdicts), remarks=tuple(remarks))

    def with_header(self, **fields: Any) -> InspectionRecord:
        """A new record with header fields replaced (the form's header field names).

        Dates may be given as :class:`datetime.date` or ``"YYYY-MM-DD"``; an act (such as
        ``assignment_act``) as an :class:`~.header.AssignmentAct` or a mapping; people
        (``officials``, ``head``) as :class:`~.header.Person` or mappings. Raises
        :class:`InvalidRecordError` listing every problem.

        >>> header = new_record("communications").with_header(
        ...     entity_name="Example LLP", inspection_date="2024-03-01").header
        >>> header.inspection_date
        datetime.date(2024, 3, 1)
        """
        self._refuse_if_final()
        model = type(self.header)
        names = tuple(model.model_fields)
        unknown = sorted(set(fields) - set(names))
        if unknown:
            raise InvalidRecordError(
                problems=[
                    Problem(
                        f"header.{name}",
                        f"unknown header field; expected one of {', '.join(names)}"
                        + did_you_mean(name, names),
                    )
                    for name in unknown
                ]
            )
        data = {**self.header.model_dump(), **fields}
        try:
            # Through JSON, so a value is read as a record file's would be (a date only
            # as YYYY-MM-DD, never a number of seconds).
            text = json.dumps(data, default=json_default)
        except (TypeError, ValueError) as error:
            raise InvalidRecordError(problems=[Problem("header", str(error))]) from None
        if unsafe_json(text):  # named here: a JSON reader refuses a lone surrogate
            problems = text_problems("header", json.loads(text))
            if problems:
                raise InvalidRecordError(problems=problems)
        try:
            header = model.model_validate_json(text)
        except ValidationError as error:
            raise InvalidRecordError(
                problems=shape_problems(
                    error, lambda loc: _fields_of(model, loc), prefix=("header",)
                )
            ) from None
        return dataclasses.replace(self, header=header)

    def missing_header_fields(self) -> tuple[str, ...]:
        """The paths of the header fields still blank, e.g. ``("header.address",)``."""
        return missing_fields(self.header)

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
        return dataclasses.replace(self, final=True)

    def reopen(self) -> InspectionRecord:
        """This record no longer final, so that it can be changed again (then finished again).

        A final record is frozen: :meth:`mark`, :meth:`mark_many` and
        :meth:`with_header` refuse to change it.

        A final record's ``mark`` raises :class:`InvalidRecordError` with the problem
        ``final: the record is final (signed), so its verdicts and header are not
        changed; reopen it first ...``; ``record.reopen().mark(...)`` is the way.
        """
        return dataclasses.replace(self, final=False)

    def _refuse_if_final(self) -> None:
        if self.final:
            raise InvalidRecordError(problems=[Problem("final", FROZEN)])

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON-ready object in the record format (see :mod:`.files`)."""
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "checklist": self.checklist,
            "edition": self.edition,
            "final": self.final,
            # Only when set, so a record begun without one reads as 0.1.0 wrote it.
            **({"profile": self.profile} if self.profile is not None else {}),
            "header": self.header.model_dump(mode="json"),
            "answers": {
                rid: {"verdict": v, "remark": r}
                for rid, v, r in zip(self.ids, self.verdicts, self.remarks)
            },
        }

    def _position(self, requirement_id: str) -> int:
        if not isinstance(requirement_id, str):  # may be unhashable: no dict lookup
            raise UnknownNameError(_not_an_id(requirement_id, self.form), kind="requirement")
        position = self.form.index.get(requirement_id.strip().upper())
        if position is None:
            raise UnknownNameError(
                f"{requirement_id!r}: " + self._unknown_id(requirement_id),
                kind="requirement",
                name=requirement_id,
            )
        return position

    def _unknown_id(self, requirement_id: str, *, hint: bool = True) -> str:
        return unknown_id_message(requirement_id, self.form, law_of(self.form), hint=hint)


def _plain_answers(verdicts: tuple[object, ...], remarks: tuple[object, ...]) -> bool:
    """Whether every answer is surely valid: known verdicts, text remarks the formats can
    carry, no not-applicable (so the rules need not look at each)."""
    try:
        if not _VERDICTS_OR_NONE.issuperset(verdicts):
            return False
    except TypeError:  # an unhashable value is no verdict
        return False
    if not all(r is None or (type(r) is str and not unsafe(r)) for r in remarks):
        return False
    return NOT_APPLICABLE not in verdicts


def floor_of(form: Checklist, law: Law) -> Optional[datetime.date]:
    """The earliest day the checklist's edition can have been in force (``None``: unknown).

    A lower bound from the sources only
    (:func:`~kz_inspection_checklists.law.in_force.earliest_in_force`); never a guess.
    """
    edition = law.edition_of(form)
    if edition is None:
        if form.edition not in law.order.editions:
            return None  # a checklist made by hand, its edition not at hand: nothing known
        edition = law.bundled_edition(form.edition)
        if not any(item == form for item in edition.checklists):
            return None
    return earliest_in_force(edition, law=law)


def unknown_id_message(requirement_id: str, form: Checklist, law: Law, *, hint: bool = True) -> str:
    """Why ``requirement_id`` is not one of the checklist's: another checklist's, another
    edition's, or unknown (with the closest ID, if one is close and ``hint``)."""
    entry = law.registry.get(requirement_id)
    if entry is not None:
        if entry.checklist != form.key:
            return (
                f"requirement {requirement_id} belongs to checklist {entry.checklist!r}, "
                f"not {form.key!r}"
            )
        return (
            f"requirement {requirement_id} (first in edition {entry.first_edition!r}) is not "
            f"in edition {form.edition!r}"
        )
    span = f"; IDs run {form.ids[0]} to {form.ids[-1]}" if form.ids else "; it has none"
    return f"unknown requirement ID in checklist {form.key!r} of edition {form.edition!r}{span}" + (
        did_you_mean(requirement_id, form.ids, ids=True) if hint else ""
    )


def _fields_of(model: type[BaseModel], loc: tuple[Union[str, int], ...]) -> tuple[str, ...]:
    """The field names allowed in the object at ``loc`` of a header."""
    if len(loc) <= 1:
        return tuple(model.model_fields)
    annotation = model.model_fields.get(str(loc[1]))
    if annotation is None:
        return ()
    inner = annotation.annotation
    for candidate in getattr(inner, "__args__", (inner,)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return tuple(candidate.model_fields)
    return ()


def _not_an_id(value: object, form: Checklist) -> str:
    like = f" such as {form.ids[0]!r}" if form.ids else ""
    return f"a requirement ID is a string{like}, got {type(value).__name__} {shown(value)}"


def json_default(value: object) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} {shown(value)} is not a header value")


def not_applicable_remark(profile: str, result: RequirementApplicability) -> str:
    """The remark of a requirement a profile marks not applicable, quoting the evidence.

    >>> from kz_inspection_checklists.law.applicability import applicability
    >>> print(not_applicable_remark("mobile-operator",
    ...     applicability("communications", "mobile-operator")[68]))
    Not applicable to this entity (profile mobile-operator, the library's editorial reading): the text concerns "observation by postal operators" (postal operator), which the profile excludes. Check it.
    """
    return (
        f"Not applicable to this entity (profile {profile}, the library's editorial reading): "
        f"{result.reason}. Check it."
    )


def new_record(
    checklist: Union[str, int, Checklist],
    edition: EditionRef = "latest",
    *,
    header: Optional[Header] = None,
    profile: Optional[ProfileRef] = None,
) -> InspectionRecord:
    """A blank record: no verdicts, a header with one blank official to fill in.

    ``checklist`` is a key, an annex number, or a :class:`Checklist`; ``edition`` an
    edition ID, alias, ``"latest"``, an edition file or an :class:`Edition`. An edition
    whose texts this library does not hold raises :class:`TextNotAvailableError`.

    With ``profile`` (a profile's ID, a profile file's path, or a
    :class:`~kz_inspection_checklists.law.applicability.Profile`), the requirements
    whose words exclude the entity (every subject or condition the text names is one the
    profile excludes; the verdict ``does-not-apply`` of
    :func:`~kz_inspection_checklists.law.applicability.applicability`) are marked
    ``not-applicable``, each with a remark quoting the evidence; everything else stays not assessed, and
    nothing is marked conforms or does-not-conform. The record remembers the profile
    (:attr:`InspectionRecord.profile`: its ID, or the file's name).

    >>> record = new_record("communications", edition="2023")
    >>> record.edition, len(record.ids), record.complete
    ('2023-revision', 72, False)
    >>> new_record("communications", edition="2019")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.TextNotAvailableError: the text of Annex 4 ...
    >>> record = new_record("communications", profile="mobile-operator")
    >>> record.profile, [rid for rid, a in record.answers.items() if a.verdict]
    ('mobile-operator', ['COM-063', 'COM-064', 'COM-065', 'COM-066', 'COM-067', 'COM-068', 'COM-069'])
    """
    if isinstance(checklist, Checklist):
        chosen = checklist
    else:
        law = law_of(edition) if isinstance(edition, Edition) else bundled()
        chosen = law.edition(edition).checklist(checklist)
    form = law_of(chosen).order.form
    blank: tuple[None, ...] = (None,) * len(chosen.ids)
    verdicts: tuple[Optional[str], ...] = blank
    remarks: tuple[Optional[str], ...] = blank
    ref: Optional[str] = None
    if profile is not None:
        described = find_profile(profile, law=law_of(chosen))
        ref = described.ref
        results = applicability(chosen, described)
        verdicts = tuple(NOT_APPLICABLE if r.verdict == "does-not-apply" else None for r in results)
        remarks = tuple(
            not_applicable_remark(ref, r) if r.verdict == "does-not-apply" else None
            for r in results
        )
    return InspectionRecord(
        checklist=chosen.key,
        edition=chosen.edition,
        header=header if header is not None else blank_header(form),
        ids=chosen.ids,
        verdicts=verdicts,
        remarks=remarks,
        profile=ref,
        _form=chosen,
    )
