"""Every machine-readable export of any record reads back to the same IDs, texts, verdicts
and remarks (hypothesis), and the score it carries is the record's score."""

from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from typing import Optional

from hypothesis import given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists._text import blank, unsafe
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.csv_table import RECORD_COLUMNS, unguard_cell
from kz_inspection_checklists.exports.xccdf import RESULTS, XCCDF_NS
from kz_inspection_checklists.record.iin import iin_control_digit
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.scoring import rounded, score

NS = {"x": XCCDF_NS}
REMARK = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and not blank(s) and unsafe(s) is None)
VERDICT = st.sampled_from([None, "conforms", "does-not-conform", "not-applicable"])
#: IIN/BINs with a good control digit (11 digits whose control digit exists).
IIN = (
    st.integers(0, 10**11 - 1)
    .map(lambda n: f"{n:011d}")
    .filter(lambda digits: iin_control_digit(digits) is not None)
    .map(lambda digits: digits + str(iin_control_digit(digits)))
)
#: Dates an inspection under the 2023 edition may have.
DAY = st.dates(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31))


@st.composite
def records(draw: st.DrawFn) -> InspectionRecord:
    key = draw(st.sampled_from(["electronic-signature", "informatization"]))
    record = new_record(key)
    answers: dict[str, tuple[Optional[str], Optional[str]]] = {}
    for requirement_id in record.ids:
        verdict = draw(VERDICT)
        remark = draw(REMARK) if verdict == "not-applicable" else draw(st.none() | REMARK)
        answers[requirement_id] = (verdict, remark)
    record = record.mark_many(answers)
    if draw(st.booleans()):
        record = record.with_header(
            entity_name=draw(REMARK), iin_bin=draw(IIN), inspection_date=draw(DAY)
        )
    return record


def expected(record: InspectionRecord) -> list[tuple[str, str, str, str]]:
    return [
        (r.id, r.text, v or "not-assessed", m or "")
        for r, v, m in zip(record.requirements, record.verdicts, record.remarks)
    ]


@settings(max_examples=40, deadline=None)
@given(records())
def test_csv_reads_back(record: InspectionRecord) -> None:
    rows = list(csv.DictReader(io.StringIO(export(record, "csv").decode(), newline="")))
    # A remark that starts like a formula has a quote in front (see test_export_csv_injection).
    got = [(r["id"], r["text"], r["verdict"], unguard_cell(r["remark"])) for r in rows]
    assert got == expected(record)
    # Who was inspected and when, on every row, after the columns that were there before.
    header = next(csv.reader(io.StringIO(export(record, "csv").decode(), newline="")))
    assert header == [*RECORD_COLUMNS, "entity_name", "iin_bin", "inspection_date"]
    day = record.header.inspection_date
    who = (
        record.header.entity_name or "",
        record.header.iin_bin or "",
        day.isoformat() if day else "",
    )
    assert {(unguard_cell(r["entity_name"]), r["iin_bin"], r["inspection_date"]) for r in rows} == {
        who
    }


@settings(max_examples=40, deadline=None)
@given(records())
def test_xccdf_reads_back(record: InspectionRecord) -> None:
    root = ET.fromstring(export(record, "xccdf"))
    titles = {
        rule.findtext("x:ident", namespaces=NS): rule.findtext("x:title", namespaces=NS)
        for rule in root.findall("x:Rule", NS)
    }
    back = {value: key for key, value in RESULTS.items()}
    got = []
    for result in root.findall("x:TestResult/x:rule-result", NS):
        requirement_id = result.findtext("x:ident", namespaces=NS) or ""
        got.append(
            (
                requirement_id,
                titles[requirement_id],
                back[result.findtext("x:result", namespaces=NS) or ""],
                result.findtext("x:message", namespaces=NS) or "",
            )
        )
    assert got == expected(record)
    scores = {
        s.get("system", "").rsplit(":", 1)[-1]: (float(s.text or ""), float(s.get("maximum", "")))
        for s in root.findall("x:TestResult/x:score", NS)
    }
    models = score(record).scores
    # Written to the thousandth, as every format writes them (scoring.rounded).
    assert scores == {
        name: (rounded(model.score), rounded(model.maximum))
        for name, model in models.items()
        if model.score is not None
    }
    assert "flat" in scores  # the schema needs one score; flat is always defined


@settings(max_examples=40, deadline=None)
@given(records())
def test_oscal_reads_back(record: InspectionRecord) -> None:
    document = json.loads(export(record, "oscal"))["assessment-results"]
    (result,) = document["results"]
    observations = {o["title"]: o for o in result.get("observations", [])}
    findings = {f["title"]: f for f in result.get("findings", [])}
    states = {"satisfied": "conforms", "not-satisfied": "does-not-conform"}
    props = {p["name"]: p["value"] for p in result["props"]}
    not_assessed = props.get("not-assessed", "").split()
    for requirement, verdict, remark in zip(record.requirements, record.verdicts, record.remarks):
        rid = requirement.id
        if verdict is None:
            assert rid in not_assessed and rid not in observations and rid not in findings
            continue
        verdict_prop = {p["name"]: p["value"] for p in observations[rid]["props"]}["verdict"]
        assert verdict_prop == verdict
        if remark:
            assert observations[rid]["description"] == remark
        if verdict == "not-applicable":
            assert rid not in findings
        else:
            finding = findings[rid]
            assert states[finding["target"]["status"]["state"]] == verdict
            assert finding["description"] == requirement.text
            assert finding.get("remarks", "") == (remark or "")
    assert props["complete"] == ("true" if record.complete else "false")


def test_record_from_a_checklist_object_exports() -> None:
    """A record keeps the checklist it was made from, whatever edition that is."""
    checklist = kz.checklist("electronic-signature")
    record = new_record(checklist).mark("EDS-004", "conforms")
    data = export(record, "csv").decode()
    assert "EDS-004,4,electronic-signature,2023-revision," in data
