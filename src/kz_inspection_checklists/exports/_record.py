"""An inspection record read into the form view: its header, verdicts, remarks and score."""

from __future__ import annotations

from typing import Any, Optional

from ._view import FormView, HeaderValue, Row, ScoreView, Signatory

__all__ = ["record_view"]

#: The XCCDF scoring systems, in the order the score's ``scores`` names them.
SYSTEMS = ("default", "flat", "flat-unweighted", "absolute")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _header_value(header: Any, key: str) -> str:
    if key == "assignment_act":
        act = header.assignment_act
        parts = [f"№ {act.number}" if act.number else "", _text(act.date)]
        return ", ".join(p for p in parts if p)
    return _text(getattr(header, key, None))


def _person(person: Any) -> Optional[Signatory]:
    if person is None or not (person.position or person.full_name):
        return None
    return Signatory(_text(person.position), _text(person.full_name))


def _get(obj: Any, name: str) -> Any:
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def score_view(record: Any) -> Optional[ScoreView]:
    """The record's score from the scoring module, or ``None`` where it has none."""
    try:
        from ..scoring import score
    except ImportError:  # pragma: no cover - scoring ships with inspection records
        return None
    result = score(record)
    counts = {str(k): int(v) for k, v in dict(_get(result, "counts")).items()}
    scores = _get(result, "scores")
    models = []
    for system in SYSTEMS:
        item = (
            scores[system]
            if isinstance(scores, dict)
            else getattr(scores, system.replace("-", "_"))
        )
        value = _get(item, "score")
        models.append(
            (
                f"urn:xccdf:scoring:{system}",
                None if value is None else float(value),
                float(_get(item, "maximum")),
            )
        )
    nonconforming = tuple(
        n if isinstance(n, str) else str(_get(n, "id")) for n in _get(result, "nonconforming")
    )
    rate = _get(result, "compliance_rate")
    return ScoreView(
        counts=counts,
        compliance_rate=None if rate is None else float(rate),
        complete=bool(_get(result, "complete")),
        models=tuple(models),
        nonconforming=nonconforming,
    )


def record_view(record: Any) -> Optional[FormView]:
    """The filled form of an inspection record, or ``None`` for anything else."""
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
        score=score_view(record),
        record_id="-".join(
            p for p in (record.checklist, record.edition, _text(header.inspection_date)) if p
        ),
    )
