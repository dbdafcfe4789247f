"""OSCAL 1.2: a checklist as a catalog; a record as assessment-results. JSON, no dependency.

The catalog has one group per checklist and one control per requirement. A control's
``id`` is the requirement's stable ID (``COM-001``; OSCAL tokens allow it as is), its
``statement`` part holds the verbatim text, and its props give the number
(``label``), the edition, the source, the language and whether the text is official.
The metadata ``version`` is the edition ID; the metadata ``remarks`` and the source
resource say what the text is (publisher, language, official or not, from the edition's
``source``).

A record becomes assessment-results with one result: one finding per requirement
assessed as ``conforms`` (``satisfied``) or ``does-not-conform`` (``not-satisfied``).
A not-applicable requirement gets no finding (it is neither): it is an observation
with the prop ``verdict`` = ``not-applicable`` and the remark. Requirements not assessed
are listed in the result's ``reviewed-controls`` as excluded, and in a
``not-assessed`` prop; they are never folded into either state. UUIDs are derived from
the content, so the same input gives the same document.

``metadata.last-modified``, the result's ``start`` and each observation's ``collected``
are when the document was made (``when``, else ``SOURCE_DATE_EPOCH``, else now), not the
date of inspection: OSCAL needs date-times there and the record has only a date, which
is the result's ``inspection-date`` prop. Who was inspected is the result's title and,
where the record has it, its ``iin-bin`` prop, and a party of the metadata (an
organization named as the entity, with the IIN/BIN as its external ID), the result's
subject: facts of the inspected entity, never of the machine that made the export.

>>> from kz_inspection_checklists import checklist
>>> from kz_inspection_checklists.exports.view import form_view
>>> catalog = oscal_document(form_view(checklist("electronic-signature")))["catalog"]
>>> [c["id"] for c in catalog["groups"][0]["controls"]]
['EDS-001', 'EDS-002', 'EDS-003', 'EDS-004']
"""

from __future__ import annotations

import datetime
from typing import Any, Optional

from ..law.edition import Checklist, Requirement
from ..record.scoring import decimal_text
from ..record.verdicts import NOT_ASSESSED
from ._shared import OSCAL_NS, iso, source_line, stable_uuid, timestamp
from .json_data import dumps
from .view import FormView

__all__ = [
    "IIN_BIN_SCHEME",
    "OSCAL_VERSION",
    "STATES",
    "assessed",
    "document_metadata",
    "entity_metadata",
    "entity_party",
    "finding_uuid",
    "observation_uuid",
    "oscal_document",
    "record_key",
    "render",
    "source_resource",
]

#: The OSCAL version written (what compliance-trestle 5 reads).
OSCAL_VERSION = "1.2.1"

#: The scheme of the inspected entity's IIN/BIN, as a party's external ID.
IIN_BIN_SCHEME = OSCAL_NS + "iin-bin"

#: The finding state of the two verdicts that have one.
STATES = {"conforms": "satisfied", "does-not-conform": "not-satisfied"}


def _prop(name: str, value: str, *, ours: bool = True) -> dict[str, str]:
    prop = {"name": name, "value": value}
    if ours:
        prop["ns"] = OSCAL_NS
    return prop


def _statement_id(requirement: Requirement) -> str:
    return f"{requirement.id}_smt"


def record_key(view: FormView) -> str:
    """What the UUIDs of a record's OSCAL documents are made from: the view's record ID
    (checklist, edition, inspection date), so that they are the same every time."""
    return view.record_id or f"{view.checklist.key}-{view.checklist.edition}"


def finding_uuid(key: str, requirement_id: str) -> str:
    """The UUID of a requirement's finding in the assessment-results of a record
    (:func:`record_key`); the plan of action and milestones refers to it."""
    return stable_uuid("finding", key, requirement_id)


def observation_uuid(key: str, requirement_id: str) -> str:
    """The UUID of a requirement's observation in the assessment-results of a record."""
    return stable_uuid("observation", key, requirement_id)


def _control(requirement: Requirement, checklist: Checklist) -> dict[str, Any]:
    return {
        "id": requirement.id,
        "class": "requirement",
        "title": requirement.id,
        "props": [
            _prop("label", str(requirement.number), ours=False),
            _prop("number", str(requirement.number)),
            _prop("edition", checklist.edition),
            _prop("source", source_line(checklist)),
            _prop("language", requirement.language),
            _prop("official", "true" if requirement.official else "false"),
        ],
        "parts": [
            {"id": _statement_id(requirement), "name": "statement", "prose": requirement.text}
        ],
    }


def source_resource(view: FormView) -> dict[str, Any]:
    checklist = view.checklist
    return {
        "uuid": stable_uuid("source", checklist.edition, checklist.key),
        "title": checklist.annex_caption,
        "description": f"{source_line(checklist)}. {view.notice}",
    }


def document_metadata(title: str, view: FormView, when: datetime.datetime) -> dict[str, Any]:
    return {
        "title": title,
        "last-modified": iso(when),
        "version": view.checklist.edition,
        "oscal-version": OSCAL_VERSION,
        "remarks": f"{view.notice} The requirement texts are verbatim from the source; the "
        "IDs are this library's, not the law's.",
    }


def catalog(view: FormView, *, when: Optional[datetime.datetime] = None) -> dict[str, Any]:
    """The (blank) form's checklist as an OSCAL catalog document (``{"catalog": {...}}``)."""
    checklist = view.checklist
    resource = source_resource(view)
    return {
        "catalog": {
            "uuid": stable_uuid("catalog", checklist.edition, checklist.key),
            "metadata": document_metadata(checklist.title, view, timestamp(when)),
            "groups": [
                {
                    "id": checklist.key,
                    "class": "checklist",
                    "title": checklist.title,
                    "props": [
                        _prop("label", f"Annex {checklist.annex}", ours=False),
                        _prop("edition", checklist.edition),
                    ],
                    "links": [{"href": f"#{resource['uuid']}", "rel": "reference"}],
                    "parts": [
                        {
                            "id": f"{checklist.key}_caption",
                            "name": "overview",
                            "prose": checklist.annex_caption,
                        }
                    ],
                    "controls": [_control(r, checklist) for r in checklist.requirements],
                }
            ],
            "back-matter": {"resources": [resource]},
        }
    }


def assessed(
    view: FormView, moment: datetime.datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The observations of a record's requirements given a verdict, and the findings of
    those that conform or do not (their UUIDs: :func:`observation_uuid`,
    :func:`finding_uuid`); ``moment`` is when they were collected."""
    key = record_key(view)
    findings: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    for row in view.rows:
        r = row.requirement
        if row.verdict == NOT_ASSESSED:
            continue
        observed = observation_uuid(key, r.id)
        observations.append(
            {
                "uuid": observed,
                "title": r.id,
                "description": row.remark or f"Verdict: {row.verdict}.",
                "props": [_prop("verdict", row.verdict), _prop("number", str(r.number))],
                "methods": ["EXAMINE"],
                "collected": iso(moment),
            }
        )
        if row.verdict not in STATES:
            continue
        target: dict[str, Any] = {
            "type": "statement-id",
            "target-id": _statement_id(r),
            "status": {"state": STATES[row.verdict]},
        }
        finding: dict[str, Any] = {
            "uuid": finding_uuid(key, r.id),
            "title": r.id,
            "description": r.text,
            "props": [_prop("verdict", row.verdict), _prop("number", str(r.number))],
            "target": target,
            "related-observations": [{"observation-uuid": observed}],
        }
        if row.remark:
            finding["remarks"] = row.remark
        findings.append(finding)
    return observations, findings


def entity_party(view: FormView) -> Optional[dict[str, Any]]:
    """The inspected entity as an OSCAL party, where the record has its IIN/BIN."""
    iin_bin = view.value_of("entity-id")
    if not iin_bin:
        return None
    return {
        "uuid": stable_uuid("party", iin_bin),
        "type": "organization",
        "name": view.entity_name or "entity not named",
        "external-ids": [{"scheme": IIN_BIN_SCHEME, "id": iin_bin}],
    }


def entity_metadata(
    title: str, view: FormView, moment: datetime.datetime, observations: list[dict[str, Any]]
) -> dict[str, Any]:
    """A record's document metadata, with the inspected entity as its party and as the
    subject of each observation, where the record has its IIN/BIN."""
    metadata = document_metadata(title, view, moment)
    party = entity_party(view)
    if party is not None:
        metadata["parties"] = [party]
        for observation in observations:
            observation["subjects"] = [{"subject-uuid": party["uuid"], "type": "party"}]
    return metadata


def assessment_results(
    view: FormView, *, when: Optional[datetime.datetime] = None
) -> dict[str, Any]:
    """A filled form as an OSCAL assessment-results document."""
    checklist = view.checklist
    moment = timestamp(when)
    key = record_key(view)
    resource = source_resource(view)
    observations, findings = assessed(view, moment)
    not_assessed = [row.requirement.id for row in view.rows if row.verdict == NOT_ASSESSED]
    included = [r.requirement.id for r in view.rows if r.verdict != NOT_ASSESSED]
    selection: dict[str, Any] = {
        "description": "Requirements given a verdict; those not assessed are excluded."
    }
    if included:
        selection["include-controls"] = [{"control-id": i} for i in included]
    else:
        selection["include-all"] = {}
    if not_assessed:
        selection["exclude-controls"] = [{"control-id": i} for i in not_assessed]
    props = [
        _prop("checklist", checklist.key),
        _prop("edition", checklist.edition),
        _prop("complete", "true" if not not_assessed else "false"),
    ]
    if not_assessed:
        props.append(_prop(NOT_ASSESSED, " ".join(not_assessed)))
    if view.score is not None:
        for system, value, maximum in view.score.models:
            if value is not None:
                name = "score-" + system.rsplit(":", 1)[-1]
                props.append(_prop(name, decimal_text(value), ours=True))
                props.append(_prop(name + "-maximum", decimal_text(maximum), ours=True))
    if view.inspection_date:
        props.append(_prop("inspection-date", view.inspection_date))
    iin_bin = view.value_of("entity-id")
    if iin_bin:
        props.append(_prop("iin-bin", iin_bin))
    result: dict[str, Any] = {
        "uuid": stable_uuid("result", key),
        "title": f"Inspection: {view.entity_name or checklist.key}",
        "description": f"{checklist.title}. {source_line(checklist)}.",
        "start": iso(moment),
        "props": props,
        "reviewed-controls": {"control-selections": [selection]},
    }
    if observations:
        result["observations"] = observations
    if findings:
        result["findings"] = findings
    metadata = entity_metadata(f"Inspection: {checklist.title}", view, moment, observations)
    return {
        "assessment-results": {
            "uuid": stable_uuid("assessment-results", key),
            "metadata": metadata,
            "import-ap": {
                "href": f"#{resource['uuid']}",
                "remarks": "The inspection followed the checklist's form; it has no "
                "separate assessment plan.",
            },
            "results": [result],
            "back-matter": {"resources": [resource]},
        }
    }


def oscal_document(view: FormView, *, when: Optional[datetime.datetime] = None) -> dict[str, Any]:
    """A catalog for a blank form, assessment-results for a filled one."""
    if view.filled:
        return assessment_results(view, when=when)
    return catalog(view, when=when)


def render(view: FormView, options: Any) -> bytes:
    """The OSCAL document as UTF-8 JSON; its times are ``options.when``."""
    return dumps(oscal_document(view, when=options.when))
