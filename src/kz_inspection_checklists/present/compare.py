"""A comparison of two inspections for people: plain text and Markdown, a redline per text changed.

Each list of the comparison (:mod:`~kz_inspection_checklists.record.compare`) is shown
with the requirement's number, ID and words, and the state on each side where the list
does not say it; a requirement whose text changed between the two editions is marked,
and the list of text changes shows the redline that ``diff`` makes (plain text:
``[-struck-]`` and ``{+new+}``; Markdown: ~~struck~~ and **new**).

>>> from kz_inspection_checklists.record.compare import compare
>>> from kz_inspection_checklists.record.record import new_record
>>> before = new_record("electronic-signature").mark("EDS-004", "does-not-conform")
>>> print(comparison_text(compare(before, before.mark("EDS-004", "conforms"))))
compare electronic-signature
  OLD: edition 2023-revision, entity not named, no IIN/BIN, no inspection date
  NEW: edition 2023-revision, entity not named, no IIN/BIN, no inspection date
resolved 1, still open 0, new findings 0, changed 0, text changed 0, removed 0
note: OLD has no IIN/BIN: that both records are of one entity is not checked
note: NEW has no IIN/BIN: that both records are of one entity is not checked
note: OLD has no inspection date: which inspection came first is not checked
note: NEW has no inspection date: which inspection came first is not checked
<BLANKLINE>
resolved (does not conform -> conforms):
  4. EDS-004: adherence to the requirement to prohibit the transfer of the private key of the electronic digital signature to other persons
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markdown import md, redline_markdown
from .text import redline_text, shown_lines

if TYPE_CHECKING:
    from ..record.compare import Comparison, Item, Side

__all__ = ["comparison_markdown", "comparison_text"]

#: Each list's heading, and what it says of the states (so its entries need not).
_HEADINGS = {
    "resolved": ("resolved", "does not conform -> conforms"),
    "still_open": ("still open", "does not conform in both"),
    "new_findings": ("new findings", "does not conform now"),
    "changed": ("changed", ""),
    "removed": ("removed", "not in NEW's edition"),
}


def _side(name: str, side: Side) -> str:
    day = side.inspection_date.isoformat() if side.inspection_date else "no inspection date"
    return (
        f"{name}: edition {side.edition}, {side.entity or 'entity not named'}, "
        f"{'IIN/BIN ' + side.iin_bin if side.iin_bin else 'no IIN/BIN'}, {day}"
    )


def _counts(result: Comparison) -> str:
    return ", ".join(f"{name.replace('_', ' ')} {count}" for name, count in result.counts().items())


def _states(name: str, item: Item) -> str:
    """What an entry adds about its states: all of them for ``changed``, the old one for
    ``new_findings`` and ``removed``."""
    if name == "changed":
        return f" ({item.old} -> {item.new})"
    if name in ("new_findings", "removed"):
        return f" (was {item.old})"
    return ""


def comparison_text(result: Comparison) -> str:
    """The comparison as plain text: the two records, the counts, then each list."""
    lines = [
        f"compare {result.new.checklist}",
        f"  {_side('OLD', result.old)}",
        f"  {_side('NEW', result.new)}",
        _counts(result),
        *(f"warning: {warning}" for warning in result.warnings),
        *(f"note: {note}" for note in result.notes),
    ]
    for name, (heading, says) in _HEADINGS.items():
        items = getattr(result, name)
        if not items:
            continue
        lines += ["", f"{heading}{f' ({says})' if says else ''}:"]
        for item in items:
            mark = " [text changed: see below]" if item.text_changed else ""
            lines.append(f"  {item.number}. {item.id}{_states(name, item)}: {item.text}{mark}")
    if result.text_changed:
        lines += ["", "text changed between the editions (OLD's words -> NEW's):"]
        lines += [f"  {i.number}. {i.id}: {redline_text(i.redline)}" for i in result.text_changed]
    return shown_lines(lines)


def comparison_markdown(result: Comparison) -> str:
    """The comparison as a Markdown page: a table per list, a redline per text changed."""
    lines = [
        f"# Comparison of two inspections: `{result.new.checklist}`",
        "",
        "| | Edition | Entity | IIN/BIN | Inspection date |",
        "|---|---|---|---|---|",
    ]
    for name, side in (("OLD", result.old), ("NEW", result.new)):
        day = side.inspection_date.isoformat() if side.inspection_date else ""
        lines.append(
            f"| {name} | `{side.edition}` | {md(side.entity or '')} | {md(side.iin_bin or '')} "
            f"| {day} |"
        )
    lines += ["", f"{md(_counts(result)).capitalize()}.", ""]
    lines += [f"> **Warning:** {md(warning)}" for warning in result.warnings]
    lines += [f"> Note: {md(note)}" for note in result.notes]
    if result.warnings or result.notes:
        lines.append("")
    for name, (heading, _) in _HEADINGS.items():
        items = getattr(result, name)
        if not items:
            continue
        lines += [f"## {heading.capitalize()}", ""]
        lines += ["| № | ID | Requirement | OLD | NEW |", "|---:|---|---|---|---|"]
        for item in items:
            mark = " _(text changed)_" if item.text_changed else ""
            lines.append(
                f"| {item.number} | `{item.id}` | {md(item.text)}{mark} | {item.old} | {item.new} |"
            )
        lines.append("")
    if result.text_changed:
        lines += [
            "## Text changed between the editions",
            "",
            "| № | ID | Change |",
            "|---:|---|---|",
        ]
        lines += [
            f"| {i.number} | `{i.id}` | {redline_markdown(i.redline)} |"
            for i in result.text_changed
        ]
        lines.append("")
    return "\n".join(lines)
