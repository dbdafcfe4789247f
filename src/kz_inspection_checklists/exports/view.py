"""The form as every export sees it: a checklist, blank, or filled in from a record.

A blank form comes from a :class:`~kz_inspection_checklists.law.edition.Checklist`; a
filled one from an inspection record, whose verdicts, remarks, header values,
signatories and score are read here once, so each format only lays them out. Before any
format renders it, the view is checked once (:func:`check_view`): a checklist or record
built in Python (``model_construct``, ``model_copy(update=...)``) with a text no format
can carry, or with an ID that is not a plain name, raises
:class:`~kz_inspection_checklists.exceptions.InvalidInputError` naming the field, so no
format writes a malformed document or crashes. What the
printed forms share is here too: the captions under each signature blank
(:func:`blank_captions`) and the note of what a printed form adds to the annex's
(:func:`additions_note`).

>>> from kz_inspection_checklists import checklist
>>> view = form_view(checklist("electronic-signature"))
>>> view.filled, len(view.rows), view.rows[0].verdict
(False, 4, 'not-assessed')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Optional

from pydantic import ValidationError

from .._suggest import shown
from .._text import unsafe, unsafe_in
from ..exceptions import InvalidInputError
from ..law.edition import (
    NUMBER_NOTE,
    Checklist,
    Edition,
    HeaderField,
    Requirement,
    SignatureBlock,
)
from ..law.order import FormSpec
from ..law.store import law_of
from ..record.header import INSPECTION_DATE, header_text, signatories
from ..record.record import InspectionRecord
from ..record.scoring import SYSTEMS, rounded, score
from ..record.verdicts import LABELS as VERDICT_LABELS
from ..record.verdicts import NOT_APPLICABLE, NOT_ASSESSED, STATES, state
from ._shared import edition_of, is_bundled, printed_date, text_notice

__all__ = [
    "LABELS",
    "PROFILE_NOTE",
    "SIGNATURE_BLANKS",
    "VERDICTS",
    "FormView",
    "HeaderValue",
    "Row",
    "ScoreView",
    "Signatory",
    "additions_note",
    "blank_captions",
    "check_view",
    "form_view",
]

#: Every verdict a row can carry, with the one for a requirement not assessed yet.
VERDICTS = STATES
#: How the forms name each verdict and scoring model in the score summary.
LABELS = {
    **VERDICT_LABELS,
    "urn:xccdf:scoring:default": "XCCDF default score",
    "urn:xccdf:scoring:flat": "XCCDF flat score",
    "urn:xccdf:scoring:flat-unweighted": "XCCDF flat unweighted score",
    "urn:xccdf:scoring:absolute": "XCCDF absolute score",
}


#: What a form says after the profile a record was begun with.
PROFILE_NOTE = (
    "the library's editorial reading of whom each requirement's text names, not the law's; "
    "a requirement it marked not applicable says why in its remark, for a human to check."
)


@dataclass(frozen=True)
class Row:
    """One requirement of the form with its verdict (``not-assessed`` when blank)."""

    requirement: Requirement
    verdict: str = NOT_ASSESSED
    remark: str = ""


@dataclass(frozen=True)
class HeaderValue:
    """A header field of the form and what was written in its blank.

    ``value`` writes a date as ISO 8601 (``YYYY-MM-DD``), for machine formats;
    ``printed`` writes it as the printed forms do (``DD.MM.YYYY``).
    """

    field: HeaderField
    value: str = ""
    printed: str = ""


@dataclass(frozen=True)
class Signatory:
    """A person who signs: position and full name."""

    position: str
    name: str


@dataclass(frozen=True)
class ScoreView:
    """A record's score, as the exports print it: every number
    :func:`~kz_inspection_checklists.record.scoring.rounded`, as in every format."""

    counts: dict[str, int]
    compliance_rate: Optional[float]
    complete: bool
    #: (scoring system URN, score, maximum); a score is ``None`` where it is undefined.
    models: tuple[tuple[str, Optional[float], float], ...]
    nonconforming: tuple[str, ...]


@dataclass(frozen=True)
class FormView:
    """The form: a checklist and, for a record, what was filled in."""

    checklist: Checklist
    rows: tuple[Row, ...]
    header: tuple[HeaderValue, ...]
    #: Per signature block of the checklist, the people who sign it (empty when blank).
    signatories: tuple[tuple[Signatory, ...], ...]
    filled: bool = False
    inspection_date: Optional[str] = None
    score: Optional[ScoreView] = None
    record_id: str = ""
    #: What the text is (publisher, language, status): see :func:`._shared.text_notice`.
    notice: str = ""
    #: Whether the checklist is that of a bundled edition, unchanged
    #: (:func:`._shared.is_bundled`); False for an edition read from a file.
    bundled: bool = False
    #: The edition that holds the checklist, where it is known.
    edition: Optional[Edition] = None
    #: The order's form: which header field has which role.
    form: Optional[FormSpec] = None
    #: The record a filled form is of, for a format that writes its values as they are.
    record: Optional[InspectionRecord] = None
    #: The profile a record was begun with (its ID, or a profile file's name).
    profile: Optional[str] = None

    def value_of(self, role: str) -> str:
        """What the header field with this role holds (``"entity"``: the entity's name)."""
        key = self.form.key_of(role) if self.form is not None else None
        for item in self.header:
            if item.field.key == key:
                return item.value
        return ""

    @property
    def entity_name(self) -> str:
        """The inspected entity's name, or ``""``."""
        return self.value_of("entity")

    def blocks(self) -> tuple[tuple[SignatureBlock, tuple[Signatory, ...]], ...]:
        """Each signature block with its signatories."""
        return tuple(zip(self.checklist.signature_blocks, self.signatories))


#: The blanks of each line of a signature block: the position's and the signature's,
#: then the name's. The annex prints a line of captions under each line of blanks.
SIGNATURE_BLANKS = (2, 1)


def blank_captions(block: SignatureBlock) -> tuple[tuple[str, ...], ...]:
    """The caption under each blank of a signature block, line by line (see
    :data:`SIGNATURE_BLANKS`), from the block's captions, verbatim.

    The annex prints one line of captions under each line of blanks: "position
    signature" under the position's and the signature's blanks, "surname, first name,
    patronymic (if any)" under the name's. A caption line with as many words as its line
    has blanks gives each blank its word, in order; any other is printed whole under the
    line's first blank. Caption lines beyond the last line of blanks go under it too.

    >>> from kz_inspection_checklists import checklist
    >>> blank_captions(checklist("communications").signature_blocks[0])
    (('position', 'signature'), ('surname, first name, patronymic (if any)',))
    """
    lines = list(block.captions[: len(SIGNATURE_BLANKS)])
    lines += [""] * (len(SIGNATURE_BLANKS) - len(lines))
    extra = block.captions[len(SIGNATURE_BLANKS) :]
    if extra:
        lines[-1] = " ".join(part for part in (lines[-1], *extra) if part)
    captions = []
    for line, blanks in zip(lines, SIGNATURE_BLANKS):
        words = line.split()
        if len(words) == blanks:
            captions.append(tuple(words))
        else:
            captions.append((line, *([""] * (blanks - 1))))
    return tuple(captions)


def additions_note(view: FormView, *, score: bool = True, additions: bool = True) -> str:
    """What a printed form adds to the annex's form, for its foot; ``""`` when nothing.

    The annex's table has only the "List of requirements" and its two verdict columns.
    With ``additions``, the "№" column and the requirement ID after each text are this
    library's; a filled form adds the date of inspection, a "Not applicable" or "Not
    assessed" cell where a row has one, the remarks and, with ``score``, the score. The
    note names only what the printed form has.

    >>> from kz_inspection_checklists import checklist
    >>> print(additions_note(form_view(checklist("electronic-signature"))))
    The "№" column and the requirement IDs are this library's additions to the annex's form, not the law's: the annex's table has only the list of requirements and its two columns. The № is each requirement's position in the annex's list, counted from 1: the source numbers nothing.
    >>> additions_note(form_view(checklist("electronic-signature")), additions=False)
    ''
    """
    parts = ['the "№" column', "the requirement IDs"] if additions else []
    if view.filled:
        parts.append("the date of inspection")
        states = {row.verdict for row in view.rows}
        parts += [
            f'the "{LABELS[state]}" cells'
            for state in (NOT_APPLICABLE, NOT_ASSESSED)
            if state in states
        ]
        parts.append("the remarks")
        if score and view.score is not None:
            parts.append("the score")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "is" if len(parts) == 1 else "are"
    return (
        f"{listed[0].upper()}{listed[1:]} {verb} this library's additions to the annex's form, "
        "not the law's: the annex's table has only the list of requirements and its two columns."
        + (f" {NUMBER_NOTE}" if additions else "")
    )


def blank_view(checklist: Checklist, edition: Optional[Edition] = None) -> FormView:
    """The blank form of a checklist; ``edition`` holds it (default: found by its ID)."""
    return FormView(
        checklist=checklist,
        rows=tuple(Row(r) for r in checklist.requirements),
        header=tuple(HeaderValue(f) for f in checklist.header_fields),
        signatories=tuple(() for _ in checklist.signature_blocks),
        notice=text_notice(checklist, edition),
        bundled=is_bundled(checklist, edition),
        edition=edition_of(checklist, edition),
        form=law_of(checklist).order.form,
    )


def score_view(record: InspectionRecord, weights: Any = None) -> ScoreView:
    """The record's score (:func:`~kz_inspection_checklists.record.scoring.score`) as shown."""
    result = score(record, weights)
    return ScoreView(
        counts=dict(result.counts),
        compliance_rate=rounded(result.compliance_rate),
        complete=result.complete,
        models=tuple(
            (
                f"urn:xccdf:scoring:{system}",
                rounded(result.scores[system].score),
                float(rounded(result.scores[system].maximum) or 0.0),
            )
            for system in SYSTEMS
        ),
        nonconforming=tuple(r.id for r in result.nonconforming),
    )


def record_view(
    record: InspectionRecord,
    weights: Any = None,
    edition: Optional[Edition] = None,
    checklist: Optional[Checklist] = None,
) -> FormView:
    """The filled form of an inspection record.

    ``weights`` (a :class:`~kz_inspection_checklists.record.scoring.Weights` or a mapping
    of requirement ID to weight) weigh the score; the law gives none, so the default is 1.
    ``edition`` is the edition the record's checklist comes from (default: the one that
    holds it), for the notice of what the text is; ``checklist`` the record's checklist in
    the language to print (default: the record's own).
    """
    form = checklist or record.form
    header = record.header
    rows = tuple(
        Row(requirement, state(verdict), remark or "")
        for requirement, verdict, remark in zip(form.requirements, record.verdicts, record.remarks)
    )
    people = dict(signatories(header))
    signing = tuple(
        tuple(Signatory(p.position or "", p.full_name or "") for p in people.get(block, ()))
        for block in range(1, len(form.signature_blocks) + 1)
    )
    day = getattr(header, INSPECTION_DATE)
    return FormView(
        checklist=form,
        rows=rows,
        header=tuple(
            HeaderValue(
                field,
                header_text(header, field.key),
                header_text(header, field.key, date=printed_date),
            )
            for field in form.header_fields
        ),
        signatories=signing,
        filled=True,
        inspection_date=day.isoformat() if day else None,
        score=score_view(record, weights),
        record_id="-".join(
            p for p in (record.checklist, record.edition, day.isoformat() if day else "") if p
        ),
        notice=text_notice(form, edition),
        bundled=is_bundled(form, edition),
        edition=edition_of(form, edition),
        form=header.form,
        record=record,
        profile=record.profile,
    )


def form_view(
    subject: Any,
    weights: Any = None,
    edition: Optional[Edition] = None,
    checklist: Optional[Checklist] = None,
) -> FormView:
    """The form of a checklist (blank) or of an inspection record (filled, scored).

    ``edition`` is the edition the checklist comes from, for the notice of what its
    text is; by default the one that holds it.
    """
    if isinstance(subject, Checklist):
        return check_view(blank_view(_checked(subject), edition))
    if isinstance(subject, InspectionRecord):
        form = _checked(checklist or subject.form)
        return check_view(record_view(subject, weights, edition, form))
    raise InvalidInputError(
        f"cannot export a {type(subject).__name__}: expected a Checklist or an inspection record"
    )


def _checked(checklist: Checklist) -> Checklist:
    """The checklist with its fields of the types they are declared with: itself, or a
    validated copy where it is not (a checklist made with ``model_construct`` may hold
    anything); InvalidInputError naming the first field that cannot be made so."""
    try:
        valid = Checklist.model_validate(checklist.model_dump(warnings=False))
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in ("checklist", *first["loc"]))
        raise InvalidInputError(f"cannot export: {path}: {first['msg']}") from None
    except (TypeError, ValueError, AttributeError) as error:
        raise InvalidInputError(f"cannot export: checklist: {error}") from None
    return checklist if valid == checklist else valid


#: What an ID, a checklist key and an edition ID are: plain ASCII names, which every
#: format writes as they are (an XML ID, a Markdown code span, a CSV cell).
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def check_view(view: FormView) -> FormView:
    """The view, once every string a format writes from it is known to be writable.

    Raises :class:`InvalidInputError` naming the first field (``checklist.requirements.3.text``,
    ``answers.COM-007.remark``, ``header.entity_name``) that holds a character the output
    formats cannot carry or a bidirectional override (:func:`.._text.unsafe`), or an ID,
    key or edition ID that is not a plain name (:data:`NAME`), or a text that is not a
    string. A bundled edition's checklist passes, as its texts hold no such character (a
    test proves it).

    >>> from kz_inspection_checklists import checklist
    >>> odd = checklist("electronic-signature")
    >>> odd = odd.model_copy(update={"title": "Checklist\x1b[2J"})
    >>> form_view(odd)
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: cannot export: checklist.title: holds the character U+001B (ESCAPE) at position 9, which the output formats cannot carry; remove it
    """
    for where, why in _problems(view):
        raise InvalidInputError(f"cannot export: {where}: {why}")
    return view


def _problems(view: FormView) -> Iterator[tuple[str, str]]:
    """What no format can write from the view, as ``(where, why)``, the record's first."""
    checklist = view.checklist
    names = [("checklist.key", checklist.key), ("checklist.edition", checklist.edition)]
    names += [
        (f"checklist.requirements.{i}.id", r.id) for i, r in enumerate(checklist.requirements)
    ]
    for where, name in names:
        if not (isinstance(name, str) and NAME.fullmatch(name)):
            yield (
                where,
                (
                    f"{shown(name)} is not a plain name: IDs, keys and edition IDs are ASCII "
                    "letters and digits with '.', '_' and '-'"
                ),
            )
    record = view.record
    if record is not None:
        yield from ((f"header.{path}", why) for path, why in unsafe_in(record.header.model_dump()))
    for row in view.rows:
        where = f"answers.{row.requirement.id}.remark"
        if not isinstance(row.remark, str):
            yield where, f"a remark is text, got {type(row.remark).__name__}"
        elif unsafe(row.remark):
            yield where, str(unsafe(row.remark))
    yield from (
        (f"checklist.{path}", why) for path, why in unsafe_in(checklist.model_dump(warnings=False))
    )
    if view.edition is not None and view.edition.source is not None:
        source = view.edition.source.model_dump(warnings=False)
        yield from ((f"edition.source.{path}", why) for path, why in unsafe_in(source))
    strings: list[tuple[str, object]] = [
        (f"header.{item.field.key}", item.value) for item in view.header
    ]
    strings += [(f"header.{item.field.key}", item.printed) for item in view.header]
    strings += [
        (f"signatories.{block}.{n}.{part}", getattr(person, part))
        for block, people in enumerate(view.signatories)
        for n, person in enumerate(people)
        for part in ("position", "name")
    ]
    strings += [
        ("notice", view.notice),
        ("profile", view.profile),
        ("record_id", view.record_id),
        ("inspection_date", view.inspection_date),
    ]
    for where, value in strings:
        if value is not None and not isinstance(value, str):
            yield where, f"expected text, got {type(value).__name__}"
        elif value and unsafe(value):
            yield where, str(unsafe(value))
