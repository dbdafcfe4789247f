"""An invalid record's problems as the commands print them: the first few, each on one
escaped line, then how many more.

A record may have thousands of problems (a file of a million misspelt IDs has a million):
a command lists the first :data:`~.._suggest.LISTED` and counts the rest, and every line
shows the data it quotes through :func:`~.._text.printable`, so that a control character
in an ID or a remark never reaches the terminal raw. A problem that needs an edition's
file (its ``edition`` is set) says how a command takes one: ``--edition FILE``.
"""

from __future__ import annotations

from .._suggest import LISTED
from .._text import printable
from ..exceptions import InvalidRecordError, Problem

__all__ = ["EDITION_OPTION", "problem_line", "problem_lines", "problems_text"]


#: How every command that reads a record takes the file of an edition the library lacks.
EDITION_OPTION = "--edition FILE"


def problem_line(problem: Problem) -> str:
    """One problem as a command prints it: escaped, with the option that passes the edition
    file it needs, if it needs one."""
    text = str(problem)
    if problem.edition is not None:
        text += f" ({EDITION_OPTION})"
    return printable(text)


def problem_lines(error: InvalidRecordError) -> list[str]:
    """The first :data:`LISTED` problems, one escaped line each, then ``and K more``."""
    lines = [f"  {problem_line(problem)}" for problem in error.problems[:LISTED]]
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
