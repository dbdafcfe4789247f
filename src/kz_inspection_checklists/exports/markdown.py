"""Markdown: a checklist as a page, with its requirements table and the form's other parts.

>>> from kz_inspection_checklists import checklist
>>> page = checklist_page(checklist("electronic-signature"))
>>> page.splitlines()[0]
'# Annex 5: electronic-signature'
>>> "| 4 | `EDS-004` | adherence to the requirement" in page
True
"""

from __future__ import annotations

from typing import Optional

from ..law.edition import NUMBER_NOTE, Checklist, Edition
from ..present.markdown import checklist_markdown
from ..present.markdown import md as _md
from ._shared import source_line, text_notice
from .view import FormView

__all__ = ["checklist_page", "render"]


def checklist_page(checklist: Checklist, edition: Optional[Edition] = None) -> str:
    """The checklist as a Markdown page: caption, title, requirements, header and signatures.

    Above the requirements the page says what the text is (:func:`._shared.text_notice`,
    from ``edition``, by default the bundled edition of the checklist's ID).
    """
    table = checklist_markdown(checklist).rstrip("\n").split("\n")
    # The notice goes with the line that names the edition, just above the table.
    counted = f"Edition `{checklist.edition}`; "
    at = next((i + 1 for i, line in enumerate(table) if line.startswith(counted)), 1)
    table[at:at] = ["", f"**{_md(text_notice(checklist, edition))}**"]
    lines = [*table, "", "## The form", ""]
    lines.append("Header fields, each followed by a blank on the form:")
    lines.append("")
    for field in checklist.header_fields:
        suffix = f" ({_md(field.suffix)})" if field.suffix else ""
        lines.append(f"- {_md(field.label)}{suffix}")
    lines += [
        "",
        "Verdict columns: " + "; ".join(f"“{_md(c)}”" for c in checklist.columns) + ".",
        "",
    ]
    lines.append("Signature blocks:")
    lines.append("")
    for block in checklist.signature_blocks:
        lines.append(f"- {_md(block.role)}: " + "; ".join(_md(c) for c in block.captions))
    lines += [
        "",
        f"Source: {source_line(checklist)}. The № and ID columns are this library's, not "
        "the law's: the annex's table has only the list of requirements and its two columns. "
        + NUMBER_NOTE,
    ]
    return "\n".join(lines) + "\n"


def render(view: FormView, options: object) -> bytes:
    """The checklist of a blank form as a Markdown page."""
    return checklist_page(view.checklist, view.edition).encode("utf-8")
