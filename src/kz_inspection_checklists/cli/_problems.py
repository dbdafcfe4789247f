"""An invalid record's problems as the commands print them: the first few, each on one
escaped line, then how many more.

A record may have thousands of problems (a file of a million misspelt IDs has a million):
a command lists the first :data:`~.._suggest.LISTED` and counts the rest, and every line
shows the data it quotes through :func:`~.._text.printable`, so that a control character
in an ID or a remark never reaches the terminal raw.
"""

from __future__ import annotations

from .._suggest import LISTED
from .._text import printable
from ..exceptions import InvalidRecordError

__all__ = ["problem_lines", "problems_text"]


def problem_lines(error: InvalidRecordError) -> list[str]:
    """The first :data:`LISTED` problems, one escaped line each, then ``and K more``."""
    lines = [f"  {printable(str(problem))}" for problem in error.problems[:LISTED]]
    if error.count > LISTED:
        lines.append(f"  and {error.count - LISTED} more")
    return lines


def problems_text(path: str, error: InvalidRecordError) -> str:
    """The problems of the record in the file ``path``, as ``validate`` prints them."""
    count = error.count
    head = (
        f"{printable(path)}: invalid inspection record, {count} problem{'s' if count != 1 else ''}:"
    )
    return "\n".join([head, *problem_lines(error)])
