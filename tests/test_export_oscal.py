"""OSCAL: catalogs and assessment-results, loaded by compliance-trestle's OSCAL models.

compliance-trestle needs Python 3.11 or newer: there the trestle tests run (and fail in
CI if trestle is missing); on older Pythons they skip, saying so. Our own tests check
what trestle does not: unique control IDs, a statement in every control, texts unchanged.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.oscal import IIN_BIN_SCHEME, OSCAL_VERSION
from kz_inspection_checklists.record.record import InspectionRecord, new_record

KEYS = ("informatization", "communications", "electronic-signature")


def trestle_models() -> Any:
    if sys.version_info < (3, 11):
        pytest.skip("compliance-trestle needs Python 3.11 or newer")
    try:
        from trestle.oscal import assessment_results, catalog
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("compliance-trestle is missing in CI; the test extra installs it")
        pytest.skip("compliance-trestle not installed: pip install -e '.[test]'")
    return catalog, assessment_results


#: A made-up IIN/BIN with a good control digit.
IIN_BIN = "990140000007"


def filled() -> InspectionRecord:
    return (
        new_record("communications")
        .with_header(entity_name="Example LLP", iin_bin=IIN_BIN, inspection_date="2024-03-01")
        .mark_many(
            {
                "COM-001": "conforms",
                "COM-002": ("does-not-conform", "no certificate"),
                "COM-003": ("not-applicable", "no mobilisation duties"),
            }
        )
    )


def catalog_of(key: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(export(kz.checklist(key), "oscal"))
    return document["catalog"]


@pytest.mark.parametrize("key", KEYS)
def test_trestle_loads_every_catalog(key: str) -> None:
    catalog, _ = trestle_models()
    loaded = catalog.Catalog.model_validate(catalog_of(key))
    checklist = kz.checklist(key)
    assert loaded.metadata.version == checklist.edition
    dumped = json.loads(loaded.model_dump_json(by_alias=True, exclude_none=True))
    assert dumped["metadata"]["oscal-version"] == OSCAL_VERSION
    (group,) = loaded.groups
    assert [(c.id, c.parts[0].prose) for c in group.controls] == [
        (r.id, r.text) for r in checklist.requirements
    ]


def test_we_write_the_oscal_version_trestle_supports() -> None:
    trestle_models()
    from trestle.oscal import OSCAL_VERSION as TRESTLE_OSCAL_VERSION

    assert OSCAL_VERSION == TRESTLE_OSCAL_VERSION


def test_trestle_rejects_a_broken_catalog() -> None:
    """The trestle test can fail: a control without an ID is refused."""
    catalog, _ = trestle_models()
    broken = catalog_of("electronic-signature")
    del broken["groups"][0]["controls"][0]["id"]
    with pytest.raises(ValueError):
        catalog.Catalog.model_validate(broken)


def test_trestle_loads_assessment_results() -> None:
    _, assessment_results = trestle_models()
    document = json.loads(export(filled(), "oscal"))
    loaded = assessment_results.AssessmentResults.model_validate(document["assessment-results"])
    (result,) = loaded.results
    states = {f.title: f.target.status.state.value for f in result.findings}
    assert states == {"COM-001": "satisfied", "COM-002": "not-satisfied"}
    # The entity inspected is a party, with its IIN/BIN, the subject of every observation.
    (party,) = loaded.metadata.parties
    assert (
        party.name == "Example LLP"
        and str(getattr(party.type, "value", party.type)) == "organization"
    )
    assert [(str(e.scheme), e.id) for e in party.external_ids] == [(IIN_BIN_SCHEME, IIN_BIN)]
    assert {s.subject_uuid for o in result.observations for s in o.subjects} == {party.uuid}


def test_the_result_names_the_entity_s_iin_bin() -> None:
    document = json.loads(export(filled(), "oscal"))["assessment-results"]
    (result,) = document["results"]
    props = {p["name"]: p["value"] for p in result["props"]}
    assert props["iin-bin"] == IIN_BIN
    (party,) = document["metadata"]["parties"]
    assert party["external-ids"] == [{"scheme": IIN_BIN_SCHEME, "id": IIN_BIN}]
    # Without an IIN/BIN in the record there is none in the export.
    blank = json.loads(export(filled().with_header(iin_bin=None), "oscal"))["assessment-results"]
    assert "iin-bin" not in {p["name"] for p in blank["results"][0]["props"]}
    assert "parties" not in blank["metadata"]


@pytest.mark.parametrize("key", KEYS)
def test_catalog_round_trip_unique_ids_and_a_statement_in_every_control(key: str) -> None:
    checklist = kz.checklist(key)
    catalog = catalog_of(key)
    assert catalog["metadata"]["version"] == checklist.edition
    (group,) = catalog["groups"]
    assert group["id"] == key
    controls = group["controls"]
    ids = [c["id"] for c in controls]
    assert len(ids) == len(set(ids))
    part_ids = [p["id"] for c in controls for p in c["parts"]]
    assert len(part_ids) == len(set(part_ids))
    statements = [[p for p in c["parts"] if p["name"] == "statement"] for c in controls]
    assert all(len(s) == 1 and s[0]["prose"] for s in statements)
    props = [{p["name"]: p["value"] for p in c["props"]} for c in controls]
    assert [
        (c["id"], int(p["number"]), s[0]["prose"]) for c, p, s in zip(controls, props, statements)
    ] == [(r.id, r.number, r.text) for r in checklist.requirements]
    assert {p["edition"] for p in props} == {checklist.edition}
    assert all(p["source"].startswith("Adilet V1900018805") for p in props)


def test_catalog_is_the_same_for_the_same_input() -> None:
    import datetime

    when = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    checklist = kz.checklist("communications")
    assert export(checklist, "oscal", when=when) == export(checklist, "oscal", when=when)


def test_assessment_results_keep_not_applicable_and_not_assessed_apart() -> None:
    document = json.loads(export(filled(), "oscal"))["assessment-results"]
    (result,) = document["results"]
    findings = {f["title"]: f for f in result["findings"]}
    assert set(findings) == {"COM-001", "COM-002"}  # only the assessed, with a state
    assert findings["COM-002"]["remarks"] == "no certificate"
    assert findings["COM-001"]["description"] == kz.requirement("COM-001").text
    observations = {o["title"]: o for o in result["observations"]}
    verdicts = {
        title: next(p["value"] for p in o["props"] if p["name"] == "verdict")
        for title, o in observations.items()
    }
    assert verdicts == {
        "COM-001": "conforms",
        "COM-002": "does-not-conform",
        "COM-003": "not-applicable",
    }
    assert observations["COM-003"]["description"] == "no mobilisation duties"
    (selection,) = result["reviewed-controls"]["control-selections"]
    included = [c["control-id"] for c in selection["include-controls"]]
    excluded = [c["control-id"] for c in selection["exclude-controls"]]
    assert included == ["COM-001", "COM-002", "COM-003"]
    assert excluded == [f"COM-{n:03d}" for n in range(4, 73)]
    props = {p["name"]: p["value"] for p in result["props"]}
    assert props["complete"] == "false"
    assert props["not-assessed"].split() == excluded
    assert props["score-absolute"] == "0"


def test_a_record_with_nothing_assessed_has_no_findings() -> None:
    document = json.loads(export(new_record("electronic-signature"), "oscal"))
    (result,) = document["assessment-results"]["results"]
    assert "findings" not in result and "observations" not in result
    (selection,) = result["reviewed-controls"]["control-selections"]
    assert "include-all" in selection and len(selection["exclude-controls"]) == 4
