"""OSCAL 1.2: a record's findings as a plan of action and milestones (POA&M). JSON, no dependency.

One ``poam-item`` per requirement the record assesses ``does-not-conform``, in the
order of the requirements' numbers. Each item names its requirement's control (the prop
``control-id``: the requirement's ID, the control's ``id`` in the ``oscal`` catalog) and
relates to the finding and the observation that the record's assessment-results
(``export-record --format oscal``) holds for it: the plan carries the same findings and
observations, with the same UUIDs (:func:`~.oscal.finding_uuid`,
:func:`~.oscal.observation_uuid`, derived from the record's checklist, edition and
inspection date), each finding targeting its control's statement. The back-matter names
that assessment-results by its UUID. The inspected entity, where the record has its
IIN/BIN, is a party of the metadata, as in the assessment-results.

The record holds no dates to remedy by, and the plan makes none up: it has no
milestones. The workbook of ``kz-checklists findings --format xlsx`` has a due date to
fill in. A record without a finding has nothing to plan: OSCAL's POA&M needs at least
one item, so it is refused.

>>> from kz_inspection_checklists.exports.view import form_view
>>> from kz_inspection_checklists.record.record import new_record
>>> record = new_record("electronic-signature").mark("EDS-004", "does-not-conform", "shared")
>>> item = poam_document(form_view(record))["plan-of-action-and-milestones"]["poam-items"][0]
>>> item["title"], item["remarks"], [p["value"] for p in item["props"]]
('EDS-004', 'shared', ['EDS-004', '4'])
"""

from __future__ import annotations

import datetime
from typing import Any, Optional

from ..exceptions import InvalidInputError
from ..record.verdicts import DOES_NOT_CONFORM
from ._shared import OSCAL_NS, stable_uuid, timestamp
from .json_data import dumps
from .oscal import (
    assessed,
    entity_metadata,
    finding_uuid,
    observation_uuid,
    record_key,
    source_resource,
)
from .view import FormView

__all__ = ["poam_document", "render"]


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "value": value, "ns": OSCAL_NS}


def poam_document(view: FormView, *, when: Optional[datetime.datetime] = None) -> dict[str, Any]:
    """A record's form view as an OSCAL plan-of-action-and-milestones document."""
    checklist = view.checklist
    rows = [row for row in view.rows if row.verdict == DOES_NOT_CONFORM]
    if not view.filled or not rows:
        raise InvalidInputError(
            "the record has no finding (no requirement does-not-conform): an OSCAL plan of "
            "action and milestones needs at least one item to plan"
        )
    moment = timestamp(when)
    key = record_key(view)
    ids = {row.requirement.id for row in rows}
    observations, findings = assessed(view, moment)
    observations = [o for o in observations if o["title"] in ids]
    findings = [f for f in findings if f["title"] in ids]
    source = source_resource(view)
    results = {
        "uuid": stable_uuid("assessment-results-resource", key),
        "title": "The assessment results of this inspection",
        "description": "The OSCAL assessment-results of the same record (kz-checklists "
        "export-record RECORD --format oscal): its findings and observations have the "
        "UUIDs of this plan's.",
        "props": [_prop("assessment-results-uuid", stable_uuid("assessment-results", key))],
    }
    items = []
    for row in rows:
        requirement = row.requirement
        item: dict[str, Any] = {
            "uuid": stable_uuid("poam-item", key, requirement.id),
            "title": requirement.id,
            "description": requirement.text,
            "props": [
                _prop("control-id", requirement.id),
                _prop("number", str(requirement.number)),
            ],
            "links": [{"href": f"#{results['uuid']}", "rel": "reference"}],
            "related-findings": [{"finding-uuid": finding_uuid(key, requirement.id)}],
            "related-observations": [{"observation-uuid": observation_uuid(key, requirement.id)}],
        }
        if row.remark:
            item["remarks"] = row.remark
        items.append(item)
    who = view.entity_name or checklist.key
    metadata = entity_metadata(f"Plan of action and milestones: {who}", view, moment, observations)
    return {
        "plan-of-action-and-milestones": {
            "uuid": stable_uuid("poam", key),
            "metadata": metadata,
            "observations": observations,
            "findings": findings,
            "poam-items": items,
            "back-matter": {"resources": [source, results]},
        }
    }


def render(view: FormView, options: Any) -> bytes:
    """The POA&M as UTF-8 JSON; its times are ``options.when``."""
    return dumps(poam_document(view, when=options.when))
