"""A record begun with a profile: only what the profile excludes is marked, and it is remembered.

``new_record(..., profile=...)`` marks not-applicable only the requirements whose verdict
is ``does-not-apply``, each with a remark quoting the evidence; it never marks conforms
or does-not-conform. The record's JSON carries ``profile`` only when it has one, and the
profile is checked when the record is read.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kz_inspection_checklists.exceptions import InvalidRecordError, UnknownNameError
from kz_inspection_checklists.law.applicability import applicability, profiles
from kz_inspection_checklists.record.files import dumps_record, loads_record, validate
from kz_inspection_checklists.record.record import InspectionRecord, new_record

SHIPPED = [(p.id, key) for p in profiles() for key in p.checklists]


@pytest.mark.parametrize(("name", "key"), SHIPPED, ids=[f"{n}-{k}" for n, k in SHIPPED])
def test_new_with_a_profile_marks_only_what_does_not_apply(name: str, key: str) -> None:
    results = applicability(key, name)
    record = new_record(key, profile=name)
    assert record.profile == name
    for found, (verdict, remark) in zip(results, zip(record.verdicts, record.remarks)):
        if found.verdict == "does-not-apply":
            assert verdict == "not-applicable"
            assert remark is not None and remark.startswith(
                f"Not applicable to this entity (profile {name}, the library's editorial reading)"
            )
            phrases = [*found.evidence, *(c.phrase for c in found.conditions)]
            assert all(f'"{phrase}"' in remark for phrase in phrases)
            assert remark.endswith("Check it.")
        else:
            assert (verdict, remark) == (None, None), found.id
    assert not {"conforms", "does-not-conform"} & set(record.verdicts)
    assert loads_record(dumps_record(record)) == record


def test_the_mobile_operator_s_record() -> None:
    record = new_record("communications", profile="mobile-operator")
    marked = [rid for rid, answer in record.answers.items() if answer.verdict]
    assert marked == [f"COM-{n:03d}" for n in range(63, 70)]
    assert record.answers["COM-063"].remark == (
        "Not applicable to this entity (profile mobile-operator, the library's editorial "
        'reading): the text concerns "the postal operator\'s requirements" (postal '
        "operator), which the profile excludes. Check it."
    )
    assert record.answers["COM-011"].verdict is None


def test_a_record_without_a_profile_is_written_as_before() -> None:
    record = new_record("electronic-signature")
    assert record.profile is None
    assert "profile" not in record.to_json()
    assert '"profile"' not in dumps_record(record)
    marked = new_record("electronic-signature", profile="registration-certificate-holder")
    text = dumps_record(marked)
    assert json.loads(text)["profile"] == "registration-certificate-holder"
    assert list(json.loads(text))[:6] == [
        "format",
        "format_version",
        "checklist",
        "edition",
        "final",
        "profile",
    ]
    assert record != marked.mark("EDS-002", None)  # the profile is part of the record


def test_a_profile_file_s_name_is_remembered(tmp_path: Path) -> None:
    path = tmp_path / "our-company.json"
    path.write_text(
        json.dumps({"profile": {"extends": "mobile-operator", "excludes": ["dominant-operator"]}}),
        encoding="utf-8",
    )
    record = new_record("communications", profile=path)
    assert record.profile == "our-company.json"
    assert record.answers["COM-050"].verdict == "not-applicable"
    assert "profile our-company.json" in (record.answers["COM-050"].remark or "")
    assert loads_record(dumps_record(record)).profile == "our-company.json"


def test_an_unknown_profile_is_refused_by_new_record() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'mobile-operator'"):
        new_record("communications", profile="mobile-operater")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mobile-operater", "unknown profile 'mobile-operater' .*did you mean 'mobile-operator'"),
        ("certification-centre", "unknown profile 'certification-centre' for checklist"),
        (7, "profile: expected text"),
        ("", "unknown profile ''"),
        (" postal-operator", "unknown profile ' postal-operator'"),
    ],
)
def test_a_record_s_profile_is_checked_when_read(value: object, message: str) -> None:
    document = json.loads(dumps_record(new_record("communications")))
    document["profile"] = value
    problems = [str(p) for p in validate(json.dumps(document))]
    assert len(problems) == 1 and problems[0].startswith("profile: ")
    with pytest.raises(InvalidRecordError, match=message):
        loads_record(json.dumps(document))


def test_a_record_naming_a_profile_file_reads_back() -> None:
    document = json.loads(dumps_record(new_record("communications")))
    document["profile"] = "ours.json"
    assert loads_record(json.dumps(document)).profile == "ours.json"


def test_a_record_made_by_hand_with_an_unknown_profile_is_refused() -> None:
    record = new_record("communications")
    with pytest.raises(InvalidRecordError, match="unknown profile 'someone'"):
        dataclasses.replace(record, profile="someone")
    assert isinstance(dataclasses.replace(record, profile="postal-operator"), InspectionRecord)
