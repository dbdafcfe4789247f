"""Suggestions for a misspelt name: the closest valid one, for "did you mean" in messages.

>>> closest("COM-7", ["COM-007", "INF-007"])
'COM-007'
>>> did_you_mean("comunications", ["informatization", "communications"])
"; did you mean 'communications'?"
>>> padded_id("com7", ["COM-007"])
'COM-007'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from typing import Optional

__all__ = ["closest", "did_you_mean", "padded_id", "shown", "suggestion"]

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
    if not isinstance(value, str):
        return None
    found = (padded_id(value, candidates) if ids else None) or closest(value, candidates)
    return found if found and found != value else None


def did_you_mean(value: object, candidates: Collection[str], *, ids: bool = False) -> str:
    """``"; did you mean 'X'?"`` for the closest candidate, or ``""``."""
    found = suggestion(value, candidates, ids=ids)
    return f"; did you mean {found!r}?" if found else ""


def shown(value: object, width: int = 40) -> str:
    """``repr(value)``, cut to ``width`` characters (an int of 40 digits or more is named so)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return "a huge number"
    try:
        text = repr(value)
    except ValueError:  # repr of a container holding an int past Python's digit limit
        return "a value too large to show"
    return text if len(text) <= width else text[: width - 3] + "..."
