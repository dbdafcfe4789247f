"""Markdown: a checklist as a page, with its requirements table and the form's other parts.

>>> from kz_inspection_checklists import checklist
>>> page = checklist_page(checklist("electronic-signature"))
>>> page.splitlines()[0]
'# Annex 5: electronic-signature'
>>> "| 4 | `EDS-004` | adherence to the requirement" in page
True
"""

from __future__ import annotations

from ..models import Checklist
from ..render import _md, checklist_markdown
from ._shared import source_line

__all__ = ["checklist_page"]


def checklist_page(checklist: Checklist) -> str:
    """The checklist as a Markdown page: caption, title, requirements, header and signatures."""
    lines = [checklist_markdown(checklist).rstrip("\n"), "", "## The form", ""]
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
        f"Source: {source_line(checklist)}. The requirement IDs are this library's, not the law's.",
    ]
    return "\n".join(lines) + "\n"
