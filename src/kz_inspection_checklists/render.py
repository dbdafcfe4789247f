"""Plain-text, JSON and Markdown renderings of a checklist, for people and scripts.

>>> from kz_inspection_checklists import checklist
>>> print(checklist_text(checklist("electronic-signature")).splitlines()[-1])
  EDS-004   4. adherence to the requirement to prohibit the transfer of the private key of the electronic digital signature to other persons
"""

from __future__ import annotations

from typing import Any

from .models import Checklist

__all__ = ["checklist_json", "checklist_markdown", "checklist_text"]


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    """The checklist as a JSON-ready object; ``requirements`` lists ``id``, ``number``, ``text``."""
    return checklist.model_dump(mode="json")


def checklist_text(checklist: Checklist) -> str:
    """The checklist as plain text: heading, then one line per requirement."""
    lines = [
        f"{checklist.annex_caption}",
        "",
        checklist.title,
        f"(edition {checklist.edition}; {len(checklist.requirements)} requirements)",
        "",
    ]
    lines += [f"  {r.id:<8} {r.number:>2}. {r.text}" for r in checklist.requirements]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape what Markdown would read as markup in running text."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text


def checklist_markdown(checklist: Checklist) -> str:
    """The checklist as a Markdown page with a table of its requirements."""
    lines = [
        f"# Annex {checklist.annex}: {checklist.key}",
        "",
        f"**{_md(checklist.title)}**",
        "",
        f"_{_md(checklist.annex_caption)}_",
        "",
    ]
    if checklist.footnote:
        lines += [f"> {_md(checklist.footnote)}", ""]
    lines += [
        f"Edition `{checklist.edition}`; {len(checklist.requirements)} requirements.",
        "",
        "| № | ID | Requirement |",
        "|---:|---|---|",
    ]
    lines += [f"| {r.number} | `{r.id}` | {_md(r.text)} |" for r in checklist.requirements]
    return "\n".join(lines) + "\n"
