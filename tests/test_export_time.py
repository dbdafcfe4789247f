"""When a document was made: ``when``, ``SOURCE_DATE_EPOCH`` or now; never the date of
inspection, which the formats carry where they have a place for it. A bad value of
either is the library's named error, and on the command line one line and exit 2."""

from __future__ import annotations

import datetime
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError
from kz_inspection_checklists.exports import CHECKLIST_FORMATS, RECORD_FORMATS, export
from kz_inspection_checklists.exports._shared import MAX_SOURCE_DATE_EPOCH, timestamp
from kz_inspection_checklists.exports.xccdf import XCCDF_NS
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import InspectionRecord, new_record

NS = {"x": XCCDF_NS}
UTC = datetime.timezone.utc


def record() -> InspectionRecord:
    return (
        new_record("electronic-signature")
        .with_header(inspection_date="2024-03-01")
        .mark("EDS-001", "conforms")
    )


@pytest.mark.parametrize("when", ["x", "2024-01-01", 1704067200, datetime.date(2024, 1, 1)])
@pytest.mark.parametrize("subject", ["checklist", "record"])
def test_a_when_that_is_not_a_datetime_is_refused_for_every_format(when: Any, subject: str) -> None:
    target: Any = kz.checklist("electronic-signature") if subject == "checklist" else record()
    formats = CHECKLIST_FORMATS if subject == "checklist" else RECORD_FORMATS
    for name in formats:
        with pytest.raises(InvalidInputError, match=r"^when must be a datetime\.datetime"):
            export(target, name, when=when)


@pytest.mark.parametrize(
    "value", ["99999999999999", str(MAX_SOURCE_DATE_EPOCH + 1), "-1", "1.5", "soon", "١٢٣"]
)
def test_a_source_date_epoch_out_of_range_or_malformed_is_refused(
    value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for subject, name in ((record(), "xccdf"), (record(), "oscal"), (kz.checklist(5), "oscal")):
        with pytest.raises(InvalidInputError, match=r"^SOURCE_DATE_EPOCH="):
            export(subject, name)


def test_the_command_line_says_what_is_wrong_with_source_date_epoch_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "record.json"
    path.write_text(dumps_record(record()), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    target = tmp_path / "out.xml"
    assert main(["export-record", str(path), "--format", "xccdf", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "SOURCE_DATE_EPOCH='99999999999999'" in err and str(MAX_SOURCE_DATE_EPOCH) in err
    assert not target.exists()


@given(st.integers(min_value=0, max_value=MAX_SOURCE_DATE_EPOCH))
def test_every_source_date_epoch_in_range_is_that_many_seconds_after_1970(seconds: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", f" {seconds}\n")
        got = timestamp()
    assert got.tzinfo is not None
    assert got - datetime.datetime(1970, 1, 1, tzinfo=UTC) == datetime.timedelta(seconds=seconds)


def test_an_empty_source_date_epoch_means_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
    before = datetime.datetime.now(tz=UTC).replace(microsecond=0)
    assert before <= timestamp() <= datetime.datetime.now(tz=UTC)


def test_the_export_time_is_not_the_inspection_date_and_both_are_carried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    made = "2023-11-14T22:13:20Z"
    filled = record()
    root = ET.fromstring(export(filled, "xccdf"))
    result = root.find("x:TestResult", NS)
    assert result is not None
    assert result.get("end-time") == made and result.get("start-time") is None
    assert result.findtext("x:remark", namespaces=NS) == "Date of inspection: 2024-03-01"
    oscal = json.loads(export(filled, "oscal"))["assessment-results"]
    (first,) = oscal["results"]
    assert oscal["metadata"]["last-modified"] == made and first["start"] == made
    assert all(o["collected"] == made for o in first["observations"])
    props = {p["name"]: p["value"] for p in first["props"]}
    assert props["inspection-date"] == "2024-03-01"
    when = datetime.datetime(2025, 2, 3, 4, 5, 6, 789, tzinfo=UTC)
    again = json.loads(export(filled, "oscal", when=when))["assessment-results"]
    assert again["results"][0]["start"] == "2025-02-03T04:05:06Z"  # when wins over the variable


def test_a_naive_when_is_utc_and_an_aware_one_keeps_its_offset() -> None:
    naive = datetime.datetime(2024, 5, 6, 7, 8, 9)
    almaty = datetime.datetime(
        2024, 5, 6, 12, 8, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=5))
    )
    end_times = []
    for when in (naive, almaty):
        root = ET.fromstring(export(record(), "xccdf", when=when))
        result = root.find("x:TestResult", NS)
        assert result is not None
        end_times.append(result.get("end-time"))
    assert end_times == ["2024-05-06T07:08:09Z", "2024-05-06T12:08:09+05:00"]


def test_the_word_forms_dates_are_when_in_utc() -> None:
    docx = pytest.importorskip("docx", reason="python-docx is in the test extra")
    when = datetime.datetime(
        2024, 5, 6, 12, 8, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=5))
    )
    document = docx.Document(io.BytesIO(export(kz.checklist(5), "docx", when=when)))
    made = document.core_properties.created
    assert made.replace(tzinfo=None) == datetime.datetime(2024, 5, 6, 7, 8, 9)
    assert document.core_properties.modified == made
