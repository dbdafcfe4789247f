"""Plain-text and Markdown renderings of a diff and of a requirement's history.

In plain text a redline marks struck words ``[-like this-]`` and new words
``{+like this+}``; in Markdown, ~~struck~~ and **new**.

>>> from kz_inspection_checklists.diff import diff
>>> print(diff_text(diff("2019", "2023", checklist=5)))
diff 2019-original -> 2023-revision
Annex 5 (electronic-signature): restated
  requirements not compared: the text of Annex 5 in edition '2019-original' is not available in this library
"""

from __future__ import annotations

from .diff import AnnexDiff, EditionDiff, Segment
from .history import History
from .render import _md

__all__ = ["diff_markdown", "diff_text", "history_text", "redline_markdown", "redline_text"]


def redline_text(segments: tuple[Segment, ...]) -> str:
    """A redline as plain text.

    >>> from kz_inspection_checklists.diff import redline
    >>> redline_text(redline("a valid licence", "a licence held"))
    'a [-valid-] licence {+held+}'
    """
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[s.kind].format(s.text) for s in segments)


def redline_markdown(segments: tuple[Segment, ...]) -> str:
    """A redline as Markdown: ~~struck~~ and **new** words.

    >>> from kz_inspection_checklists.diff import redline
    >>> redline_markdown(redline("a valid licence", "a licence"))
    'a ~~valid~~ licence'
    """
    marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return " ".join(marks[s.kind].format(_md(s.text)) for s in segments)


def _title(item: AnnexDiff) -> str:
    return f"Annex {item.annex}" + (f" ({item.checklist})" if item.checklist else "")


def _change(item: AnnexDiff, result: EditionDiff) -> str:
    """The annex's change in words that are true in the diff's direction."""
    if item.change is None:
        return "annex unchanged"
    if not result.backward:
        return item.change
    newer, older = result.from_edition, result.to_edition
    return {
        "added": f"added (in force in the older {older} only; the later {newer} excluded it)",
        "excluded": f"excluded (not yet in force in the older {older}; the later {newer} added it)",
        "restated": f"restated (the later {newer} sets it out anew)",
    }.get(item.change, item.change)


def diff_text(result: EditionDiff) -> str:
    """The diff as plain text, one block per annex."""
    lines = [f"diff {result.from_edition} -> {result.to_edition}"]
    if result.backward:
        lines.append(f"(backward: {result.to_edition} is the older edition)")
    if result.is_empty:
        lines.append("no differences")
    for item in result.annexes:
        lines.append(f"{_title(item)}: {_change(item, result)}")
        reqs = item.requirements
        if reqs is None:
            if item.note and item.checklist:
                lines.append(f"  requirements not compared: {item.note}")
            continue
        if reqs.added:
            lines.append(f"  added: {', '.join(reqs.added)}")
        if reqs.removed:
            lines.append(f"  removed: {', '.join(reqs.removed)}")
        if reqs.changed:
            lines.append("  changed:")
            lines += [f"    {c.id}: {redline_text(c.redline)}" for c in reqs.changed]
        if reqs.moved:
            lines.append(f"  moved: {', '.join(reqs.moved)}")
        lines.append(f"  unchanged: {reqs.unchanged}")
    return "\n".join(lines)


def diff_markdown(result: EditionDiff) -> str:
    """The diff as a Markdown page: a section per annex, a redline per changed text."""
    lines = [f"# Changes from `{result.from_edition}` to `{result.to_edition}`", ""]
    if result.backward:
        lines += [f"Backward: `{result.to_edition}` is the older edition.", ""]
    if result.is_empty:
        lines += ["No differences.", ""]
    for item in result.annexes:
        lines += [f"## {_title(item)}: {_change(item, result)}", ""]
        reqs = item.requirements
        if reqs is None:
            if item.note and item.checklist:
                lines += [f"Requirements not compared: {_md(item.note)}.", ""]
            continue
        for label, ids in (("Added", reqs.added), ("Removed", reqs.removed)):
            if ids:
                lines += [f"- {label}: {', '.join(f'`{i}`' for i in ids)}"]
        if reqs.moved:
            lines += [f"- Moved: {', '.join(f'`{i}`' for i in reqs.moved)}"]
        lines += [f"- Unchanged: {reqs.unchanged}", ""]
        if reqs.changed:
            lines += ["| ID | Change |", "|---|---|"]
            lines += [f"| `{c.id}` | {redline_markdown(c.redline)} |" for c in reqs.changed]
            lines.append("")
    return "\n".join(lines)


def history_text(result: History) -> str:
    """A requirement's history as plain text, edition by edition, oldest first.

    >>> from kz_inspection_checklists.history import history
    >>> print(history_text(history("EDS-001")))
    EDS-001
    2019-original: text not available in this library; whether EDS-001 stood in it is not known
    2023-revision (act amendment-2023-05-23: joint order No. 104/NK of 23.05.2023 and No. 76 of 23.05.2023): first
      electronic-signature No. 1: observance of the requirement to prevent refusals to accept electronic documents
    """
    lines = [result.id]
    by_edition = {entry.edition: entry for entry in result.entries}
    for name in result.editions:
        entry = by_edition.get(name)
        if name in result.unknown:
            lines.append(
                f"{name}: text not available in this library; whether {result.id} stood in "
                "it is not known"
            )
        elif entry is None:
            lines.append(f"{name}: not in this edition")
        else:
            act = f"act {entry.act}" + (f": {entry.act_title}" if entry.act_title else "")
            lines.append(f"{entry.edition} ({act}): {entry.status}")
            lines.append(f"  {entry.checklist} No. {entry.number}: {entry.text}")
    return "\n".join(lines)
