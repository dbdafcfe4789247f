"""Suggestions for a misspelt name: the closest valid one, for "did you mean" in messages.

A name with a character that only looks like a Latin letter (a Cyrillic "С" in
"СOM-001"), or with one that cannot be seen (a zero-width space), gets the name it
imitates, and the message points at the odd character. Names are never changed
silently: such a name is unknown, and only suggested.
Names longer than :data:`LONGEST` characters get no suggestion: comparing them costs
more than it helps.

>>> closest("COM-7", ["COM-007", "INF-007"])
'COM-007'
>>> did_you_mean("comunications", ["informatization", "communications"])
"; did you mean 'communications'?"
>>> padded_id("com7", ["COM-007"])
'COM-007'
>>> print(did_you_mean("\u0421OM-001", ["COM-001"]))
; did you mean 'COM-001'? ('СOM-001' has U+0421 (CYRILLIC CAPITAL LETTER ES) at position 0, which only looks like a Latin letter)
>>> print(did_you_mean("COM-001\u200b", ["COM-001"]))
; did you mean 'COM-001'? ('COM-001\u200b' has U+200B (ZERO WIDTH SPACE) at position 7, which cannot be seen)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from typing import Optional

from ._text import INVISIBLE, character

__all__ = [
    "HINTS",
    "KEPT",
    "LISTED",
    "LONGEST",
    "closest",
    "did_you_mean",
    "listed",
    "look_alike",
    "padded_id",
    "shown",
    "suggestion",
]

#: The longest name a suggestion is looked for.
LONGEST = 200
#: How many unknown names of one input get a "did you mean": the rest are only named.
HINTS = 10
#: How many problems of one input a message lists: the rest are counted.
LISTED = 20
#: How many problems of one input the library hands to software (``validate()``,
#: ``InvalidRecordError.problems``): the rest are counted.
KEPT = 1000

#: Letters of other scripts that look like Latin ones, and the Latin letter each imitates.
_LOOK_ALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіІЅЈјԁԛԜѕӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧον",
    "ABEKMHOPCTXaeopcyxiISJjdqWslABEZHIKMNOPTYXov",
)

_ID_LIKE = re.compile(r"^\s*([A-Za-z]+)-?0*(\d{1,6})\s*$")


def closest(value: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> Optional[str]:
    """The candidate most like ``value`` (compared without case), or ``None``."""
    pool = {candidate.casefold(): candidate for candidate in candidates}
    found = difflib.get_close_matches(value.casefold(), list(pool), n=1, cutoff=cutoff)
    return pool[found[0]] if found else None


def padded_id(value: str, known: Collection[str]) -> Optional[str]:
    """The known ID that ``value`` writes without its dash or leading zeros (``COM-7``)."""
    match = _ID_LIKE.match(value)
    if match:
        candidate = f"{match[1].upper()}-{int(match[2]):03d}"
        if candidate in known:
            return candidate
    return None


def suggestion(value: object, candidates: Collection[str], *, ids: bool = False) -> Optional[str]:
    """The candidate ``value`` most likely meant, or ``None``.

    ``ids``: the candidates are requirement IDs, so ``COM-7`` suggests ``COM-007``.
    """
    if not isinstance(value, str) or len(value) > LONGEST:
        return None
    if not value.isascii():
        latin = "".join(c for c in value.translate(_LOOK_ALIKES) if c not in INVISIBLE)
        if latin in candidates or (ids and padded_id(latin, candidates)):
            return latin if latin in candidates else padded_id(latin, candidates)
    found = (padded_id(value, candidates) if ids else None) or closest(value, candidates)
    return found if found and found != value else None


def look_alike(value: object) -> str:
    """A note on the first character of ``value`` that only looks like a Latin letter, or ``""``."""
    if not isinstance(value, str) or value.isascii():
        return ""
    for position, char in enumerate(value):
        if not char.isascii():
            imitates = char.translate(_LOOK_ALIKES)
            kind = (
                "cannot be seen"
                if char in INVISIBLE
                else ("only looks like a Latin letter" if imitates.isascii() else "is not ASCII")
            )
            return f" ({value!r} has {character(char)} at position {position}, which {kind})"
    return ""


def did_you_mean(value: object, candidates: Collection[str], *, ids: bool = False) -> str:
    """``"; did you mean 'X'?"`` for the closest candidate, or ``""``."""
    found = suggestion(value, candidates, ids=ids)
    return f"; did you mean {found!r}?{look_alike(value)}" if found else ""


def listed(items: list[str], limit: int = LISTED) -> list[str]:
    """The first ``limit`` items, then ``"and K more"`` for the rest.

    >>> listed(["a", "b", "c"], 2)
    ['a', 'b', 'and 1 more']
    """
    if len(items) <= limit:
        return items
    return [*items[:limit], f"and {len(items) - limit} more"]


def shown(value: object, width: int = 40) -> str:
    """``repr(value)``, cut to ``width`` characters (an int of 40 digits or more is named so)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "a huge number"
    try:
        text = repr(value)
    except ValueError:  # repr of a container holding an int past Python's digit limit
        return "a value too large to show"
    return text if len(text) <= width else text[: width - 3] + "..."
