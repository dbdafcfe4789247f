"""Carrying an inspection record to another edition, verdicts kept only where the text is.

Each requirement of the target edition's checklist is matched to the record by its ID
*and* the hash of its text (:func:`~kz_inspection_checklists.law.ids.text_sha256`):

- same ID, same text: the verdict and remark are **carried**;
- same ID, other text, or a new ID: **review needed**, not assessed in the new record;
- an ID of the record that the target lacks: **removed**, listed with its old verdict.

So a verdict never survives a change of wording. The migrated record is a draft
(``final`` is false) with the record's header; the :class:`Migration` report says what
happened to each requirement, and :func:`migrate` never changes the record it is given.

>>> from kz_inspection_checklists.record.record import new_record
>>> record = new_record("electronic-signature").mark("EDS-001", "conforms")
>>> result = migrate(record, "2023")
>>> result.record.answer("EDS-001").verdict, result.counts()
('conforms', {'carried': 4, 'review-needed': 0, 'removed': 0})
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict

from ..exceptions import InvalidInputError
from ..law.edition import Edition
from ..law.ids import text_sha256
from ..law.store import EditionRef, law_of
from .record import InspectionRecord, new_record

__all__ = ["Migration", "Outcome", "migrate"]

OutcomeKind = Literal["carried", "review-needed", "removed"]


class Outcome(BaseModel):
    """What happened to one requirement."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    outcome: OutcomeKind
    reason: Literal["same text", "text changed", "new requirement", "not in the edition"]
    verdict: Optional[str] = None
    """The record's verdict before migration (``None``: not assessed)."""
    remark: Optional[str] = None


@dataclass(frozen=True)
class Migration:
    """The migrated record and a report of every requirement's outcome."""

    record: InspectionRecord
    from_edition: str
    to_edition: str
    checklist: str
    outcomes: tuple[Outcome, ...]

    def ids(self, outcome: OutcomeKind) -> tuple[str, ...]:
        """The IDs with this outcome, in the order of the report."""
        return tuple(o.id for o in self.outcomes if o.outcome == outcome)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.ids(kind)) for kind in ("carried", "review-needed", "removed")}

    def report_json(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist,
            "from": self.from_edition,
            "to": self.to_edition,
            "counts": self.counts(),
            "requirements": [o.model_dump(mode="json") for o in self.outcomes],
        }


def migrate(record: InspectionRecord, to: EditionRef) -> Migration:
    """The record carried to edition ``to`` (an ID, alias, ``"latest"``, file or Edition).

    Raises :class:`~kz_inspection_checklists.exceptions.TextNotAvailableError` when the
    target edition's text of the checklist is not held.
    """
    if not isinstance(record, InspectionRecord):
        raise InvalidInputError(
            f"migrate takes an InspectionRecord (see read_record), not {type(record).__name__}"
        )
    # An edition named by ID or alias is one of the record's own order.
    target = (law_of(to) if isinstance(to, Edition) else law_of(record.form)).edition(to)
    fresh = new_record(record.checklist, edition=target, header=record.header)
    before = {r.id: text_sha256(r.text) for r in record.requirements}
    answers = record.answers
    outcomes: list[Outcome] = []
    carried: dict[str, tuple[Optional[str], Optional[str]]] = {}
    for requirement in fresh.requirements:
        old_hash = before.get(requirement.id)
        if old_hash is None:
            outcomes.append(
                Outcome(id=requirement.id, outcome="review-needed", reason="new requirement")
            )
            continue
        verdict, remark = answers[requirement.id]
        same = old_hash == text_sha256(requirement.text)
        outcomes.append(
            Outcome(
                id=requirement.id,
                outcome="carried" if same else "review-needed",
                reason="same text" if same else "text changed",
                verdict=verdict,
                remark=remark,
            )
        )
        if same and verdict is not None:
            carried[requirement.id] = (verdict, remark)
    kept = {r.id for r in fresh.requirements}
    outcomes += [
        Outcome(
            id=rid,
            outcome="removed",
            reason="not in the edition",
            verdict=answers[rid].verdict,
            remark=answers[rid].remark,
        )
        for rid in record.ids
        if rid not in kept
    ]
    migrated = fresh.mark_many(carried)
    return Migration(
        record=migrated,
        from_edition=record.edition,
        to_edition=fresh.edition,
        checklist=record.checklist,
        outcomes=tuple(outcomes),
    )
