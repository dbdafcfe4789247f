"""OSCAL POA&M: loaded by compliance-trestle, one item per finding, linked to the controls
of the catalog and to the findings of the record's assessment-results."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.record.files import dumps_record

from .test_export_oscal import IIN_BIN, filled, trestle_models

WHEN = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def record() -> kz.InspectionRecord:
    return filled().mark("COM-072", "does-not-conform")  # COM-002 and COM-072 do not conform


def poam() -> dict[str, Any]:
    return json.loads(export(record(), "oscal-poam", when=WHEN))["plan-of-action-and-milestones"]


def test_trestle_loads_the_poam() -> None:
    trestle_models()
    from trestle.oscal import poam as oscal_poam

    loaded = oscal_poam.PlanOfActionAndMilestones.model_validate(poam())
    assert [item.title for item in loaded.poam_items] == ["COM-002", "COM-072"]
    (party,) = loaded.metadata.parties
    assert party.external_ids[0].id == IIN_BIN


def test_trestle_rejects_a_poam_without_items() -> None:
    """The trestle test can fail: a plan of no items is refused."""
    trestle_models()
    from trestle.oscal import poam as oscal_poam

    broken = poam()
    del broken["poam-items"]
    with pytest.raises(ValueError):
        oscal_poam.PlanOfActionAndMilestones.model_validate(broken)


def test_each_item_names_its_control_and_relates_to_the_assessment_results_finding() -> None:
    plan = poam()
    results = json.loads(export(record(), "oscal", when=WHEN))["assessment-results"]
    (result,) = results["results"]
    findings = {f["uuid"]: f for f in result["findings"]}
    observations = {o["uuid"]: o for o in result["observations"]}
    controls = {
        c["id"]: c
        for c in json.loads(export(kz.checklist("communications"), "oscal"))["catalog"]["groups"][
            0
        ]["controls"]
    }
    own = {f["uuid"]: f for f in plan["findings"]}
    for item in plan["poam-items"]:
        props = {p["name"]: p["value"] for p in item["props"]}
        control = controls[props["control-id"]]
        assert control["parts"][0]["prose"] == item["description"]
        (related,) = item["related-findings"]
        finding = findings[related["finding-uuid"]]  # the assessment-results' finding
        assert own[related["finding-uuid"]] == finding  # carried whole, same UUID
        assert finding["target"]["target-id"] == control["parts"][0]["id"]
        assert finding["target"]["status"]["state"] == "not-satisfied"
        (observed,) = item["related-observations"]
        assert observed["observation-uuid"] in observations
    assert [i["remarks"] for i in plan["poam-items"] if "remarks" in i] == ["no certificate"]
    # Only the findings that do not conform: COM-001 conforms, COM-003 is not applicable.
    assert {f["title"] for f in plan["findings"]} == {"COM-002", "COM-072"}
    resource = plan["back-matter"]["resources"][-1]
    assert resource["props"][0]["value"] == results["uuid"]
    assert export(record(), "oscal-poam", when=WHEN) == export(record(), "oscal-poam", when=WHEN)


def test_export_record_oscal_poam(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "record.json"
    path.write_text(dumps_record(record()), encoding="utf-8")
    target = tmp_path / "poam.json"
    assert main(["export-record", str(path), "--format", "oscal-poam", "-o", str(target)]) == 0
    assert "(oscal-poam plan of action and milestones of record" in capsys.readouterr().err
    assert (
        len(json.loads(target.read_text("utf-8"))["plan-of-action-and-milestones"]["poam-items"])
        == 2
    )
    path.write_text(dumps_record(kz.new_record("communications")), encoding="utf-8")
    target.unlink()
    assert main(["export-record", str(path), "--format", "oscal-poam", "-o", str(target)]) == 2
    assert "has no finding" in capsys.readouterr().err and not target.exists()
