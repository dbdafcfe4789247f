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
from kz_inspection_checklists._text import unsafe
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.xccdf import IIN_BIN_FACT, RESULTS, STATUS, XCCDF_NS
from kz_inspection_checklists.law.edition import Edition
from kz_inspection_checklists.law.store import edition_file_json
from kz_inspection_checklists.record.record import InspectionRecord, new_record

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


#: A made-up IIN/BIN with a good control digit.
IIN_BIN = "990140000007"


def record() -> InspectionRecord:
    return (
        new_record("communications")
        .with_header(
            authority="Ministry <of> & Co",
            entity_name="<script>alert(1)</script>",
            iin_bin=IIN_BIN,
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


def test_test_result_maps_verdicts_and_keeps_the_entity_s_facts_only() -> None:
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
    # The one fact is of the entity inspected, its IIN/BIN; none of the machine.
    facts = result.findall("x:target-facts/x:fact", NS)
    assert [(f.get("name"), f.get("type"), f.text) for f in facts] == [
        (IIN_BIN_FACT, "string", IIN_BIN)
    ]
    assert result.get("test-system") is None
    without = ET.fromstring(export(filled.with_header(iin_bin=None), "xccdf"))
    assert without.find("x:TestResult/x:target-facts", NS) is None
    assert b"<script>" not in data  # escaped in the XML text
    assert set(RESULTS.values()) == {"pass", "fail", "notapplicable", "notchecked"}


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"),
        min_size=1,
        max_size=60,
    ).filter(lambda s: s.strip() == s and s and unsafe(s) is None)
)
def test_any_remark_reads_back_unchanged(remark: str) -> None:
    filled = new_record("electronic-signature").mark("EDS-001", "does-not-conform", remark)
    root = ET.fromstring(export(filled, "xccdf"))
    message = root.find("x:TestResult/x:rule-result/x:message", NS)
    assert message is not None and message.text == remark


def _status(data: bytes) -> str:
    return ET.fromstring(data).findtext("x:status", namespaces=NS) or ""


def _edition_file(tmp_path: Path, edition: Edition, name: str) -> Path:
    path = tmp_path / name
    path.write_text(edition_file_json(edition, {"by": "test"}), encoding="utf-8")
    return path


def _local_copy(bundled: Edition) -> Edition:
    """The bundled edition's content under an ID and aliases of its own."""
    checklists = tuple(c.model_copy(update={"edition": "local-copy"}) for c in bundled.checklists)
    return bundled.model_copy(update={"id": "local-copy", "aliases": (), "checklists": checklists})


def test_only_a_bundled_editions_checklist_is_accepted(tmp_path: Path) -> None:
    bundled = kz.edition("2023")
    checklist = bundled.checklist("electronic-signature")
    assert _status(export(checklist, "xccdf")) == "accepted"
    assert _status(export(new_record(checklist).mark("EDS-001", "conforms"), "xccdf")) == "accepted"
    # A file holding exactly the bundled edition holds the same text: still accepted.
    same = kz.edition(_edition_file(tmp_path, bundled, "same.json"))
    assert _status(export(same.checklist(5), "xccdf", edition=same)) == "accepted"
    # An edition file with any other content is a draft: its own ID, an edited source,
    # or a checklist changed after loading.
    renamed = _local_copy(bundled)
    local = kz.edition(_edition_file(tmp_path, renamed, "local.json"))
    assert bundled.source is not None
    edited = bundled.model_copy(
        update={"source": bundled.source.model_copy(update={"status": "copy"})}
    )
    for subject, edition in (
        (local.checklist(5), local),
        (new_record(local.checklist(5)).mark("EDS-001", "conforms"), local),
        (local.checklist(5), None),
        (edited.checklist(5), edited),
        (checklist.model_copy(update={"title": "edited"}), None),
    ):
        assert _status(export(subject, "xccdf", edition=edition)) == "draft", edition


def test_the_command_line_marks_an_edition_file_draft_and_oscap_accepts_it(
    tmp_path: Path,
) -> None:
    bundled = kz.edition("2023")
    renamed = _local_copy(bundled)
    path = _edition_file(tmp_path, renamed, "local.json")
    target = tmp_path / "draft.xml"
    argv = [
        "export",
        "communications",
        "--edition",
        str(path),
        "--format",
        "xccdf",
        "-o",
        str(target),
    ]
    assert main(argv) == 0
    assert _status(target.read_bytes()) == "draft"
    assert STATUS == {True: "accepted", False: "draft"}
    result = validate(target)
    assert result.returncode == 0, result.stdout + result.stderr
