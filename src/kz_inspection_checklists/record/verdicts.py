"""The verdict vocabulary: what an answer to a requirement may say, defined once.

- ``"conforms"`` and ``"does-not-conform"``: the form's two columns;
- ``"not-applicable"``: the requirement does not concern the entity; it needs a remark
  saying why. Not-applicable and remarks extend the printed form, which has neither;
- not assessed yet: one spelling everywhere. A requirement not assessed has the verdict
  ``None`` in Python and ``null`` in a record's JSON (which is always written so).
  Wherever a state must be a word (counts, CSV, XLSX, the forms, registers) it is
  :data:`NOT_ASSESSED`, ``"not-assessed"``. Wherever a verdict is read from a user
  (``mark``, ``mark_many``, the record's constructor, a record's JSON) the word
  ``"not-assessed"`` is accepted too and means ``None`` (:func:`verdict_of`). Never
  counted as conforming.

>>> VERDICTS
('conforms', 'does-not-conform', 'not-applicable')
>>> state(None), LABELS[state("not-applicable")]
('not-assessed', 'Not applicable')
>>> verdict_of("not-assessed"), verdict_of("conforms")
(None, 'conforms')
>>> print(not_a_verdict("n/a"))
'n/a' is not a verdict; expected conforms, does-not-conform, not-applicable or not-assessed (None); did you mean 'not-applicable'?
"""

from __future__ import annotations

from typing import Literal, Optional, TypeVar

from .._suggest import did_you_mean, shown

__all__ = [
    "CONFORMS",
    "DOES_NOT_CONFORM",
    "LABELS",
    "NOT_APPLICABLE",
    "NOT_ASSESSED",
    "STATES",
    "VERDICTS",
    "Verdict",
    "is_verdict",
    "not_a_verdict",
    "state",
    "verdict_of",
]

CONFORMS = "conforms"
DOES_NOT_CONFORM = "does-not-conform"
NOT_APPLICABLE = "not-applicable"
#: The state of a requirement with no verdict yet (its verdict is ``None``).
NOT_ASSESSED = "not-assessed"

#: A verdict on one requirement; ``None`` means not assessed.
Verdict = Literal["conforms", "does-not-conform", "not-applicable"]
#: The verdicts, in the order the form's columns and the extension give them.
VERDICTS: tuple[str, ...] = (CONFORMS, DOES_NOT_CONFORM, NOT_APPLICABLE)
#: Every state a requirement can be in: a verdict, or not assessed.
STATES: tuple[str, ...] = (*VERDICTS, NOT_ASSESSED)
#: How printed forms name each state.
LABELS = {
    CONFORMS: "Conforms",
    DOES_NOT_CONFORM: "Does not conform",
    NOT_APPLICABLE: "Not applicable",
    NOT_ASSESSED: "Not assessed",
}

_VERDICT_SET = frozenset(VERDICTS)

#: Words people write for a verdict, and the verdict they mean (for hints only).
_WORDS = {
    "n/a": NOT_APPLICABLE,
    "na": NOT_APPLICABLE,
    "not applicable": NOT_APPLICABLE,
    "yes": CONFORMS,
    "ok": CONFORMS,
    "pass": CONFORMS,
    "conform": CONFORMS,
    "no": DOES_NOT_CONFORM,
    "fail": DOES_NOT_CONFORM,
    "does not conform": DOES_NOT_CONFORM,
    "not assessed": NOT_ASSESSED,
    "unassessed": NOT_ASSESSED,
}


def is_verdict(value: object) -> bool:
    """Whether ``value`` is a verdict or ``None`` (not assessed)."""
    return value is None or (isinstance(value, str) and value in _VERDICT_SET)


_T = TypeVar("_T")


def verdict_of(value: _T) -> Optional[_T]:
    """The verdict a user's value means: ``"not-assessed"`` is ``None``; any other value is
    returned as it is, for the rules to check."""
    return None if isinstance(value, str) and value == NOT_ASSESSED else value


def state(verdict: Optional[str]) -> str:
    """The state a verdict puts a requirement in: the verdict, or ``"not-assessed"``."""
    return NOT_ASSESSED if verdict is None else verdict


def not_a_verdict(value: object, none: str = "None") -> str:
    """Why ``value`` is no verdict, with the verdict it may mean; ``none`` names null."""
    hint = ""
    if isinstance(value, str):
        meant = _WORDS.get(value.strip().lower())
        hint = f"; did you mean {meant!r}?" if meant else did_you_mean(value, STATES)
    return (
        f"{shown(value)} is not a verdict; expected {', '.join(VERDICTS)} or "
        f"{NOT_ASSESSED} ({none})" + hint
    )
