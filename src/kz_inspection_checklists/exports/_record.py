"""An inspection record read into the form view: its header, verdicts, remarks and score."""

from __future__ import annotations

from typing import Any, Optional

from ..models import Edition
from ._shared import is_bundled, text_notice
from ._view import FormView, HeaderValue, Row, ScoreView, Signatory

__all__ = ["record_view"]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _header_value(header: Any, key: str) -> str:
    if key == "assignment_act":
        act = header.assignment_act
        # The form prints "№, date" after this blank: number first, then the date.
        parts = [_text(act.number), _text(act.date)]
        return ", ".join(p for p in parts if p)
    return _text(getattr(header, key, None))


def _person(person: Any) -> Optional[Signatory]:
    if person is None or not (person.position or person.full_name):
        return None
    return Signatory(_text(person.position), _text(person.full_name))


def score_view(record: Any, weights: Any = None) -> ScoreView:
    """The record's score (:func:`kz_inspection_checklists.scoring.score`) as the form shows it."""
    from ..scoring import SYSTEMS, score

    result = score(record, weights)
    return ScoreView(
        counts=dict(result.counts),
        compliance_rate=result.compliance_rate,
        complete=result.complete,
        models=tuple(
            (
                f"urn:xccdf:scoring:{system}",
                result.scores[system].score,
                result.scores[system].maximum,
            )
            for system in SYSTEMS
        ),
        nonconforming=tuple(r.id for r in result.nonconforming),
    )


def record_view(
    record: Any, weights: Any = None, edition: Optional[Edition] = None
) -> Optional[FormView]:
    """The filled form of an inspection record, or ``None`` for anything else.

    ``weights`` (a :class:`~kz_inspection_checklists.scoring.Weights` or a mapping of
    requirement ID to weight) weigh the score; the law gives none, so the default is 1.
    ``edition`` is the edition the record's checklist comes from (default: the bundled
    one of the record's edition ID), for the notice of what the text is.
    """
    from ..inspection import InspectionRecord

    if not isinstance(record, InspectionRecord):
        return None
    checklist = record.form
    header = record.header
    rows = tuple(
        Row(requirement, verdict or "not-assessed", remark or "")
        for requirement, verdict, remark in zip(
            record.requirements, record.verdicts, record.remarks
        )
    )
    officials = tuple(p for p in (_person(o) for o in header.officials) if p is not None)
    head = _person(header.head)
    signatories = []
    for block in checklist.signature_blocks:
        if block.role.lower().startswith("official"):
            signatories.append(officials)
        elif block.role.lower().startswith("head") and head is not None:
            signatories.append((head,))
        else:
            signatories.append(())
    return FormView(
        checklist=checklist,
        rows=rows,
        header=tuple(
            HeaderValue(field, _header_value(header, field.key))
            for field in checklist.header_fields
        ),
        signatories=tuple(signatories),
        filled=True,
        inspection_date=_text(header.inspection_date) or None,
        score=score_view(record, weights),
        record_id="-".join(
            p for p in (record.checklist, record.edition, _text(header.inspection_date)) if p
        ),
        notice=text_notice(checklist, edition),
        bundled=is_bundled(checklist, edition),
    )
