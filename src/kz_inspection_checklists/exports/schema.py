"""JSON Schemas (draft 2020-12) of the library's JSON: edition files, checklists, records.

The schemas come from the pydantic models themselves, so they cannot drift from them;
``docs/schema/`` publishes them (``python tools/docs.py``).
For one checklist, :func:`checklist_record_schema` narrows the record schema to that
checklist: its edition, and answers keyed by its requirement IDs, each described by the
requirement's verbatim text.

>>> schema = edition_json_schema()
>>> schema["$schema"], sorted(schema["properties"])
('https://json-schema.org/draft/2020-12/schema', ['edition', 'generated'])
"""

from __future__ import annotations

import copy
from typing import Any, Optional

from ..law.edition import Checklist
from ..law.order import FormSpec
from ..law.store import law_of
from .json_data import dumps
from .view import FormView

__all__ = [
    "SCHEMAS",
    "checklist_json_schema",
    "checklist_record_schema",
    "edition_json_schema",
    "record_json_schema",
    "render",
    "schemas",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _with_draft(schema: dict[str, Any], title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, **schema, "title": title}


def edition_json_schema() -> dict[str, Any]:
    """The schema of an edition file (the bundled data and what ``import`` writes)."""
    from ..law.store import EditionFile

    return _with_draft(EditionFile.model_json_schema(), "Edition file")


def checklist_json_schema() -> dict[str, Any]:
    """The schema of one checklist (what ``show --format json`` prints)."""
    return _with_draft(Checklist.model_json_schema(), "Checklist")


def record_json_schema(form: Optional[FormSpec] = None) -> dict[str, Any]:
    """The schema of an inspection record file of a form (default: the bundled order's)."""
    from ..record.files import record_json_schema as schema

    return _with_draft(schema(form), "Inspection record")


#: The published schemas: file name under docs/schema/ and the function that makes it.
SCHEMAS = {
    "edition.schema.json": edition_json_schema,
    "checklist.schema.json": checklist_json_schema,
    "record.schema.json": record_json_schema,
}


def schemas() -> dict[str, dict[str, Any]]:
    """Every published schema by file name."""
    return {name: make() for name, make in SCHEMAS.items()}


def checklist_record_schema(checklist: Checklist) -> dict[str, Any]:
    """The record schema narrowed to one checklist: its key, edition and requirement IDs.

    Its header is that of the form of the checklist's order. Each requirement ID is a
    property of ``answers`` whose ``title`` is the ID and whose ``description`` is the
    requirement's number and verbatim text.
    """
    schema = copy.deepcopy(record_json_schema(law_of(checklist).order.form))
    properties = schema["properties"]
    properties["checklist"] = {**properties.get("checklist", {}), "const": checklist.key}
    properties["edition"] = {**properties.get("edition", {}), "const": checklist.edition}
    answers = properties["answers"]
    value = answers.get("additionalProperties", {})
    answers.pop("additionalProperties", None)
    answers.pop("propertyNames", None)
    answers["properties"] = {
        r.id: {**value, "title": r.id, "description": f"{r.number}. {r.text}"}
        for r in checklist.requirements
    }
    answers["additionalProperties"] = False
    schema["title"] = f"Inspection record: {checklist.key} ({checklist.edition})"
    schema["description"] = checklist.title
    return schema


def render(view: FormView, options: object) -> bytes:
    """The record schema of a blank form's checklist (:func:`checklist_record_schema`)."""
    return dumps(checklist_record_schema(view.checklist))
