"""JSON: a checklist as the JSON object of its model, what ``show --format json`` prints.

>>> from kz_inspection_checklists import checklist
>>> sorted(checklist_json(checklist("electronic-signature"))["requirements"][0])
['id', 'language', 'number', 'official', 'text']
"""

from __future__ import annotations

import json
from typing import Any

from ..law.edition import Checklist
from .view import FormView

__all__ = ["checklist_json", "dumps", "render"]


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    """The checklist as a JSON-ready object; ``requirements`` lists ``id``, ``number``, ``text``."""
    return checklist.model_dump(mode="json")


def dumps(document: Any) -> bytes:
    """A JSON document as the exports write it: UTF-8, two-space indent, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render(view: FormView, options: object) -> bytes:
    """The checklist of a blank form as JSON."""
    return dumps(checklist_json(view.checklist))
