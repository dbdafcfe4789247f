"""The library's exceptions: a few classes, named by the kind of failure.

Every error the library raises on bad input is a :class:`ChecklistError`, so a caller
can catch that one class; each kind is also a ``ValueError`` or a ``LookupError``:

- :class:`InvalidInputError` (``ValueError``): a value has the wrong form;
  :class:`InvalidRecordError`, a subclass, lists every problem of an inspection record;
- :class:`UnknownNameError` (``LookupError``): a name (an edition, a checklist, a
  requirement ID, an act, an export format, a grammar) names nothing the library knows;
- :class:`TextNotAvailableError` (``LookupError``): the thing is known, but its text,
  or its text in that language, is not held;
- :class:`NotInForceError` and :class:`AmbiguousDateError` (``LookupError``): no edition
  can be named for a date, because none was in force or because the sources cannot tell;
- :class:`DataFileError` (``ValueError``): a data file, an edition file or a source text
  is missing, malformed, not in the expected shape, or does not match its recorded hash;
- :class:`MissingExtraError` (``ImportError``): an optional dependency is not installed.

Each class has a default message; a raised error's message names the bad value, says
what was expected and, where it can, suggests the closest valid value.

>>> from kz_inspection_checklists import checklist
>>> try:
...     checklist("comunications")
... except UnknownNameError as error:
...     print(error.kind, "-", error)
checklist - unknown checklist 'comunications'; expected one of: informatization, communications, electronic-signature (or annex 3, 4, 5); did you mean 'communications'?
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Iterable
from typing import Any, Optional

from ._suggest import KEPT as _KEPT
from ._suggest import LISTED as _LISTED
from ._suggest import look_alike as _look_alike
from ._suggest import suggestion as _suggestion
from ._text import shortened as _shortened

__all__ = [
    "AmbiguousDateError",
    "ChecklistError",
    "DataFileError",
    "InvalidInputError",
    "InvalidRecordError",
    "MissingExtraError",
    "NotInForceError",
    "Problem",
    "TextNotAvailableError",
    "UnknownNameError",
]


class ChecklistError(Exception):
    """The base of every error this library raises on bad input.

    A line of the message longer than 1,000 characters (one quoting a name of megabytes
    from a file) keeps its start and its end and says how much was left out.
    """

    message = "invalid input"

    def __init__(self, message: Optional[str] = None) -> None:
        super().__init__(_shortened(message or self.message))

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidInputError(ChecklistError, ValueError):
    """A value has the wrong form.

    ``rule`` names the rule the value broke where the check has named rules (an
    IIN/BIN: ``"type"``, ``"length"``, ``"digits"``, ``"no-control-digit"``,
    ``"control-digit"``), else ``""``.
    """

    message = "the value has the wrong form"

    def __init__(self, message: Optional[str] = None, *, rule: str = "") -> None:
        self.rule = rule
        super().__init__(message)


class UnknownNameError(ChecklistError, LookupError):
    """A name names nothing the library knows.

    ``kind`` says what was looked for (``"edition"``, ``"checklist"``,
    ``"requirement"``, ``"act"``, ``"format"``, ...), ``name`` is the name given and
    ``suggestion`` the closest of the ``candidates`` given, or ``None``; the message then
    ends "did you mean ...?".
    """

    message = "unknown name"

    def __init__(
        self,
        message: Optional[str] = None,
        *,
        kind: str = "",
        name: object = None,
        candidates: Collection[str] = (),
    ) -> None:
        self.kind = kind
        self.name = name
        self.suggestion = _suggestion(name, candidates, ids=kind == "requirement")
        text = message or self.message
        if self.suggestion is not None:
            text += f"; did you mean {self.suggestion!r}?{_look_alike(name)}"
        super().__init__(text)


class TextNotAvailableError(ChecklistError, LookupError):
    """The edition is known, but the library does not hold its text (or that language's)."""

    message = "the text of this edition is not available in this library"


class NotInForceError(ChecklistError, LookupError):
    """No edition of the order was in force on the date asked about."""

    message = "no edition of the order was in force on this date"


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


class DataFileError(ChecklistError, ValueError):
    """A data file, an edition file or a source text is missing, malformed or not in shape.

    Also raised when an edition's data does not match the hash recorded for it. For a
    source text, ``source`` names it and ``line`` is the 1-based line where the problem
    was found, when known; the message then starts with them.
    """

    message = "the data file is missing or corrupted"

    def __init__(
        self, message: Optional[str] = None, *, line: Optional[int] = None, source: str = ""
    ) -> None:
        self.line = line
        self.source = source
        text = message or self.message
        if source or line is not None:
            where = source or "source"
            if line is not None:
                where = f"{where}, line {line}"
            text = f"{where}: {text}"
        super().__init__(text)


class MissingExtraError(ChecklistError, ImportError):
    """An export needs an optional dependency that is not installed; the message names the extra."""

    message = "an optional dependency is missing"


class Problem:
    """One problem found in an inspection record: where it is, and what is wrong.

    ``where`` is the field's path (``header.iin_bin``) or ``answers.`` and a requirement
    ID (``answers.COM-007``); an empty ``where`` means the record as a whole. ``edition``
    names an edition the library does not hold, when what the record needs is that
    edition's file (``edition=`` in Python, ``--edition FILE`` on the command line, which
    each caller names in its own words); it is ``None`` for every other problem.
    """

    __slots__ = ("edition", "message", "where")

    def __init__(self, where: str, message: str, *, edition: Optional[str] = None) -> None:
        self.where = where
        self.message = message
        self.edition = edition

    def __str__(self) -> str:
        """The problem in one line: a line of more than 1,000 characters is shortened."""
        return _shortened(f"{self.where}: {self.message}" if self.where else self.message)

    def __repr__(self) -> str:
        edition = f", edition={self.edition!r}" if self.edition is not None else ""
        return f"Problem({self.where!r}, {self.message!r}{edition})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.where, self.message) == (other.where, other.message)

    def __hash__(self) -> int:
        return hash((self.where, self.message))


class InvalidRecordError(InvalidInputError):
    """An inspection record has one or more problems.

    ``problems`` lists them, at most 1,000 (the first, in the record's order); ``more``
    counts those not listed, and ``count`` is how many there are in all. The message
    lists the first 20, one a line, then says how many more there are.
    """

    message = "invalid inspection record"

    def __init__(
        self, message: Optional[str] = None, *, problems: Iterable[Problem] = (), more: int = 0
    ) -> None:
        given = tuple(problems)
        self.problems = given[:_KEPT]
        self.more = more + len(given) - len(self.problems)
        head = message or self.message
        if self.problems:
            count = self.count
            head = f"{head}: {count} problem{'s' if count != 1 else ''}"
            head += "".join(f"\n  {problem}" for problem in self.problems[:_LISTED])
            if count > _LISTED:
                head += f"\n  and {count - _LISTED} more"
        super().__init__(head)

    @property
    def count(self) -> int:
        """How many problems the record has, listed or not."""
        return len(self.problems) + self.more


#: The names of 0.1.0's classes, kept for one minor release: each is now one of the above.
_RENAMED = {
    "UnknownEditionError": UnknownNameError,
    "UnknownChecklistError": UnknownNameError,
    "UnknownRequirementError": UnknownNameError,
    "UnknownActError": UnknownNameError,
    "UnsupportedFormatError": UnknownNameError,
    "ImportFormatError": DataFileError,
    "PinMismatchError": DataFileError,
    "InvalidIINError": InvalidInputError,
}


def __getattr__(name: str) -> Any:
    found = _RENAMED.get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"{name} is deprecated and will be removed in 0.3.0; catch {found.__name__}",
        DeprecationWarning,
        stacklevel=2,
    )
    return found
