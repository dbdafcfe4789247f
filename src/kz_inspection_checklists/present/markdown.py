"""Markdown for pages: a checklist's requirements table, a diff with a redline per change.

In Markdown a redline marks ~~struck~~ and **new** words. Every text from the data is
escaped (:func:`md`), so what Markdown would read as markup shows as written.

>>> from kz_inspection_checklists import checklist
>>> print(checklist_markdown(checklist("electronic-signature")).splitlines()[-3])
| 4 | `EDS-004` | adherence to the requirement to prohibit the transfer of the private key of the electronic digital signature to other persons |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._text import printable
from ..law.edition import NUMBER_NOTE
from .text import annex_title, change_words

if TYPE_CHECKING:
    from ..law.diff import EditionDiff, Segment
    from ..law.edition import Checklist

__all__ = ["checklist_markdown", "diff_markdown", "md", "redline_markdown"]


def md(text: str) -> str:
    """Escape what Markdown would read as markup in running text, and show as an escape
    every character a terminal would act on (:func:`~.._text.printable`)."""
    text = printable(text)
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def checklist_markdown(checklist: Checklist) -> str:
    """The checklist as a Markdown page with a table of its requirements."""
    lines = [
        f"# Annex {checklist.annex}: {checklist.key}",
        "",
        f"**{md(checklist.title)}**",
        "",
        f"_{md(checklist.annex_caption)}_",
        "",
    ]
    if checklist.footnote:
        lines += [f"> {md(checklist.footnote)}", ""]
    lines += [
        f"Edition `{checklist.edition}`; {len(checklist.requirements)} requirements.",
        "",
        "| № | ID | Requirement |",
        "|---:|---|---|",
    ]
    lines += [f"| {r.number} | `{r.id}` | {md(r.text)} |" for r in checklist.requirements]
    lines += ["", md(NUMBER_NOTE)]
    return "\n".join(lines) + "\n"


def redline_markdown(segments: tuple[Segment, ...]) -> str:
    """A redline as Markdown: ~~struck~~ and **new** words.

    >>> from kz_inspection_checklists.law.diff import redline
    >>> redline_markdown(redline("a valid licence", "a licence"))
    'a ~~valid~~ licence'
    """
    marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return " ".join(marks[s.kind].format(md(s.text)) for s in segments)


def diff_markdown(result: EditionDiff) -> str:
    """The diff as a Markdown page: a section per annex, a redline per changed text."""
    lines = [f"# Changes from `{result.from_edition}` to `{result.to_edition}`", ""]
    if result.backward:
        lines += [f"Backward: `{result.to_edition}` is the older edition.", ""]
    if result.is_empty:
        lines += ["No differences.", ""]
    for item in result.annexes:
        lines += [f"## {annex_title(item)}: {change_words(item, result)}", ""]
        reqs = item.requirements
        if reqs is None:
            if item.note and item.checklist:
                lines += [f"Requirements not compared: {md(item.note)}.", ""]
            continue
        for label, entries in (("Added", reqs.added), ("Removed", reqs.removed)):
            if entries:
                lines += [f"- {label}:"]
                lines += [f"  - `{e.id}`: {md(e.text)}" for e in entries]
        if reqs.moved:
            lines += [f"- Moved: {', '.join(f'`{m.id}`' for m in reqs.moved)}"]
        lines += [f"- Unchanged: {reqs.unchanged}", ""]
        if reqs.changed:
            lines += ["| ID | Change |", "|---|---|"]
            lines += [f"| `{c.id}` | {redline_markdown(c.redline)} |" for c in reqs.changed]
            lines.append("")
    return "\n".join(lines)
