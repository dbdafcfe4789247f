"""XCCDF 1.2: read back for IDs and texts, checked by OpenSCAP's ``oscap xccdf validate``.

The oscap test skips only where oscap is missing outside CI; with ``CI`` set it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.xccdf import RESULTS, XCCDF_NS
from kz_inspection_checklists.inspection import InspectionRecord, new_record

NS = {"x": XCCDF_NS}
KEYS = ("informatization", "communications", "electronic-signature")
RULE = re.compile(r"^xccdf_[^_]+_rule_.+$")


def oscap() -> str:
    path = shutil.which("oscap")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("oscap is missing in CI; .ci/run installs Debian's openscap-scanner")
        pytest.skip("oscap not installed (Debian: apt-get install openscap-scanner)")
    return path


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [oscap(), "xccdf", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def record() -> InspectionRecord:
    return (
        new_record("communications")
        .with_header(
            authority="Ministry <of> & Co",
            entity_name="<script>alert(1)</script>",
            inspection_date="2024-03-01",
        )
        .mark_many(
            {
                "COM-001": "conforms",
                "COM-002": ("does-not-conform", "no certificate & no <licence>"),
                "COM-003": ("not-applicable", "no mobilisation duties"),
            }
        )
    )


@pytest.mark.parametrize("key", KEYS)
def test_benchmark_round_trip_keeps_ids_numbers_and_texts(key: str) -> None:
    checklist = kz.checklist(key)
    root = ET.fromstring(export(checklist, "xccdf"))
    assert root.tag == f"{{{XCCDF_NS}}}Benchmark"
    assert root.findtext("x:version", namespaces=NS) == checklist.edition
    rules = root.findall("x:Rule", NS)
    got = [
        (
            rule.findtext("x:ident", namespaces=NS),
            int(rule.findtext("x:version", namespaces=NS) or 0),
            rule.findtext("x:title", namespaces=NS),
            rule.get("id"),
        )
        for rule in rules
    ]
    assert got == [
        (r.id, r.number, r.text, f"xccdf_org.pypi.kz-inspection-checklists_rule_{r.id}")
        for r in checklist.requirements
    ]
    assert all(RULE.match(rule.get("id", "")) for rule in rules)
    assert root.find("x:TestResult", NS) is None
    # Manual rules: no automated check for a scanner to run.
    assert root.findall(".//x:check", NS) == []


@pytest.mark.parametrize("key", KEYS)
def test_oscap_accepts_every_benchmark(key: str, tmp_path: Path) -> None:
    path = tmp_path / f"{key}.xml"
    path.write_bytes(export(kz.checklist(key), "xccdf"))
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_oscap_accepts_a_record_with_a_test_result(tmp_path: Path) -> None:
    path = tmp_path / "record.xml"
    path.write_bytes(export(record(), "xccdf"))
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_oscap_rejects_a_broken_benchmark(tmp_path: Path) -> None:
    """The validation test can fail: a Rule ID outside the XCCDF 1.2 form is refused."""
    path = tmp_path / "broken.xml"
    data = export(kz.checklist("electronic-signature"), "xccdf")
    path.write_bytes(data.replace(b"_rule_EDS-001", b"-rule-EDS-001", 1))
    assert validate(path).returncode != 0


def test_test_result_maps_verdicts_and_keeps_host_facts_out() -> None:
    filled = record()
    data = export(filled, "xccdf")
    root = ET.fromstring(data)
    result = root.find("x:TestResult", NS)
    assert result is not None
    assert re.match(r"^xccdf_[^_]+_testresult_.+$", result.get("id", ""))
    results = {
        rr.get("idref", "").rsplit("_", 1)[-1]: rr.findtext("x:result", namespaces=NS)
        for rr in result.findall("x:rule-result", NS)
    }
    assert len(results) == 72
    assert results["COM-001"] == "pass"
    assert results["COM-002"] == "fail"
    assert results["COM-003"] == "notapplicable"
    assert results["COM-004"] == "notchecked"
    messages = {
        rr.get("idref", "").rsplit("_", 1)[-1]: rr.findtext("x:message", namespaces=NS)
        for rr in result.findall("x:rule-result", NS)
    }
    assert messages["COM-002"] == "no certificate & no <licence>"
    assert result.findtext("x:target", namespaces=NS) == "<script>alert(1)</script>"
    assert result.findall("x:target-address", NS) == []
    assert result.find("x:target-facts", NS) is None
    assert result.get("test-system") is None
    assert b"<script>" not in data  # escaped in the XML text
    assert set(RESULTS.values()) == {"pass", "fail", "notapplicable", "notchecked"}


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
        min_size=1,
        max_size=60,
    ).filter(lambda s: s.strip() == s and s)
)
def test_any_remark_reads_back_unchanged(remark: str) -> None:
    filled = new_record("electronic-signature").mark("EDS-001", "does-not-conform", remark)
    root = ET.fromstring(export(filled, "xccdf"))
    message = root.find("x:TestResult/x:rule-result/x:message", NS)
    assert message is not None and message.text == remark
