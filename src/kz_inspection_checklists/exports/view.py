"""The form as every export sees it: a checklist, blank, or filled in from a record.

A blank form comes from a :class:`~kz_inspection_checklists.law.edition.Checklist`; a
filled one from an inspection record, whose verdicts, remarks, header values,
signatories and score are read here once, so each format only lays them out. What the
printed forms share is here too: the captions under each signature blank
(:func:`blank_captions`) and the note of what a printed form adds to the annex's
(:func:`additions_note`).

>>> from kz_inspection_checklists import checklist
>>> view = form_view(checklist("electronic-signature"))
>>> view.filled, len(view.rows), view.rows[0].verdict
(False, 4, 'not-assessed')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..exceptions import InvalidInputError
from ..law.edition import Checklist, Edition, HeaderField, Requirement, SignatureBlock
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
    The "№" column and the requirement IDs are this library's additions to the annex's form, not the law's: the annex's table has only the list of requirements and its two columns.
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
        return blank_view(subject, edition)
    if isinstance(subject, InspectionRecord):
        return record_view(subject, weights, edition, checklist)
    raise InvalidInputError(
        f"cannot export a {type(subject).__name__}: expected a Checklist or an inspection record"
    )
