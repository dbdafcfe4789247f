"""The library's exceptions: one hierarchy, rooted in ``ValueError`` and ``LookupError``.

Every error the library raises on bad input is a :class:`ChecklistError`, so a caller
can catch that one class. Each class has a default message; the message of a raised
error names the bad value, says what was expected and, where it can, suggests the
closest valid value.

>>> from kz_inspection_checklists import checklist
>>> try:
...     checklist("comunications")
... except UnknownChecklistError as error:
...     print(error)
unknown checklist 'comunications'; expected one of: informatization, communications, electronic-signature (or annex 3, 4, 5); did you mean 'communications'?
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Optional

__all__ = [
    "AmbiguousDateError",
    "ChecklistError",
    "DataFileError",
    "ImportFormatError",
    "InvalidIINError",
    "InvalidInputError",
    "InvalidRecordError",
    "MissingExtraError",
    "NotInForceError",
    "PinMismatchError",
    "Problem",
    "TextNotAvailableError",
    "UnknownActError",
    "UnknownChecklistError",
    "UnknownEditionError",
    "UnknownRequirementError",
    "UnsupportedFormatError",
    "closest",
]


def closest(value: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> Optional[str]:
    """The candidate most like ``value`` (compared without case), or ``None``.

    >>> closest("COM-7", ["COM-007", "INF-007"])
    'COM-007'
    """
    pool = {candidate.casefold(): candidate for candidate in candidates}
    found = difflib.get_close_matches(value.casefold(), list(pool), n=1, cutoff=cutoff)
    return pool[found[0]] if found else None


class ChecklistError(Exception):
    """The base of every error this library raises on bad input."""

    message = "invalid input"

    def __init__(self, message: Optional[str] = None) -> None:
        super().__init__(message or self.message)

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidInputError(ChecklistError, ValueError):
    """A value has the wrong form."""

    message = "the value has the wrong form"


class UnknownEditionError(ChecklistError, LookupError):
    """No edition of the order has the given ID or alias."""

    message = "unknown edition"


class UnknownChecklistError(ChecklistError, LookupError):
    """No checklist has the given key or annex number in the edition."""

    message = "unknown checklist"


class UnknownRequirementError(ChecklistError, LookupError):
    """No requirement has the given ID."""

    message = "unknown requirement ID"


class TextNotAvailableError(ChecklistError, LookupError):
    """The edition is known, but the library does not hold its checklist texts."""

    message = "the text of this edition is not available in this library"


class UnknownActError(ChecklistError, LookupError):
    """No act that made or amended the order has the given ID."""

    message = "unknown act"


class AmbiguousDateError(ChecklistError, LookupError):
    """The sources cannot settle which edition was in force on a date.

    ``possible`` holds the edition IDs that may have been in force (``None`` standing
    for "the order was not yet in force"), ``missing`` the facts that would decide it.
    """

    message = "the sources cannot settle which edition was in force on this date"

    def __init__(
        self,
        message: Optional[str] = None,
        *,
        possible: tuple[Optional[str], ...] = (),
        missing: tuple[str, ...] = (),
    ) -> None:
        self.possible = possible
        self.missing = missing
        super().__init__(message)


class NotInForceError(ChecklistError, LookupError):
    """No edition of the order was in force on the date asked about."""

    message = "no edition of the order was in force on this date"


class PinMismatchError(ChecklistError, ValueError):
    """An edition's data does not match the canonical hash recorded when it was released."""

    message = "the edition's data does not match its recorded hash"


class DataFileError(ChecklistError, ValueError):
    """A data or edition file is missing, is not JSON, or is not in the expected shape."""

    message = "the data file is missing or corrupted"


class ImportFormatError(ChecklistError, ValueError):
    """A source text is not in the shape of an Adilet text of the order.

    ``line`` is the 1-based line of the source where the problem was found, when known.
    """

    message = "the source text is not in the expected Adilet shape"

    def __init__(
        self, message: Optional[str] = None, *, line: Optional[int] = None, source: str = ""
    ) -> None:
        self.line = line
        self.source = source
        where = source or "source"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message or self.message}")


class InvalidIINError(InvalidInputError):
    """A 12-digit IIN/BIN is malformed or fails its control digit.

    ``rule`` names the rule it broke: ``"type"``, ``"length"``, ``"digits"``,
    ``"no-control-digit"`` or ``"control-digit"``.
    """

    message = "invalid IIN/BIN"

    def __init__(self, message: Optional[str] = None, *, rule: str = "") -> None:
        self.rule = rule
        super().__init__(message)


class Problem:
    """One problem found in an inspection record: where it is, and what is wrong.

    ``where`` is the field's path (``header.iin_bin``) or ``answers.`` and a requirement
    ID (``answers.COM-007``); an empty ``where`` means the record as a whole.
    """

    __slots__ = ("message", "where")

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def __repr__(self) -> str:
        return f"Problem({self.where!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.where, self.message) == (other.where, other.message)

    def __hash__(self) -> int:
        return hash((self.where, self.message))


class InvalidRecordError(ChecklistError, ValueError):
    """An inspection record has one or more problems; ``problems`` lists every one."""

    message = "invalid inspection record"

    def __init__(self, message: Optional[str] = None, *, problems: Iterable[Problem] = ()) -> None:
        self.problems = tuple(problems)
        head = message or self.message
        if self.problems:
            count = len(self.problems)
            head = f"{head}: {count} problem{'s' if count != 1 else ''}"
            head += "".join(f"\n  {problem}" for problem in self.problems)
        super().__init__(head)


class UnsupportedFormatError(ChecklistError, ValueError):
    """There is no export of this kind of subject (a checklist or a record) in the format."""

    message = "unsupported export format"


class MissingExtraError(ChecklistError, ImportError):
    """An export needs an optional dependency that is not installed; the message names the extra."""

    message = "an optional dependency is missing"
