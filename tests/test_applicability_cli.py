"""Applicability on the command line and in the exports: profiles, show, new, XCCDF, OSCAL, forms.

``kz-checklists profiles`` lists the profiles and subjects; ``show --profile`` marks
every requirement and lists the undetermined ones; ``new --profile`` writes the record
a profile suggests; a profile file is an input the CLI never writes over. The XCCDF
Benchmark carries a Profile per shipped profile (``oscap`` validates it), the OSCAL
profile imports the catalog (compliance-trestle loads and resolves it), and the forms of
a record begun with a profile name it.
"""

from __future__ import annotations

import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.oscal_profile import catalog_file
from kz_inspection_checklists.exports.xccdf import XCCDF_NS, profile_id
from kz_inspection_checklists.law.applicability import applicability, profiles
from kz_inspection_checklists.record.files import read_record
from kz_inspection_checklists.record.record import new_record

from .test_export_oscal import trestle_models
from .test_export_xccdf import oscap, validate

NS = {"x": XCCDF_NS}
KEYS = ("informatization", "communications", "electronic-signature")
SHIPPED = [(p.id, key) for p in profiles() for key in p.checklists]
POSTAL = [f"COM-{n:03d}" for n in range(63, 70)]


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err


# --- profiles and show --------------------------------------------------------------------


def test_profiles_lists_every_profile_and_subject(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles"]) == 0
    text = capsys.readouterr().out
    for item in profiles():
        assert f"  {item.id}: {item.title}" in text
    assert (
        "  postal-operator: Postal operator (never a telecom-operator (the library's reading))"
    ) in text
    assert (
        "  licensed-service-provider: Provides communication services that need a licence (a condition"
        in text
    )
    assert main(["profiles", "4", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["editorial"] is True
    assert [p["id"] for p in document["profiles"]] == [p.id for p in profiles(4)]
    assert list(document["subjects"]) == ["communications"]
    cellular = next(
        s for s in document["subjects"]["communications"] if s["id"] == "cellular-operator"
    )
    assert cellular["broader"] == ["telecom-operator"]
    assert cellular["kind"] == "role"
    assert cellular["relations"][0]["basis"] == "reading" and cellular["relations"][0]["note"]
    assert {"in": "COM-043", "phrase": "(for cellular operators)"} in cellular["evidence"]


def test_profiles_of_an_unknown_checklist_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["profiles", "comunications"]) == 2
    assert "did you mean 'communications'" in one_line_error(capsys)


def test_show_marks_each_requirement_and_lists_the_undetermined(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "communications", "--profile", "mobile-operator"]) == 0
    text = capsys.readouterr().out
    results = {r.id: r for r in applicability("communications", "mobile-operator")}
    assert "  COM-063  63. [does not apply] observance of the postal operator's" in text
    assert "  COM-011  11. [applies] observance of the requirement for the recipient" in text
    open_ = [rid for rid, r in results.items() if r.verdict == "undetermined"]
    assert f"Undetermined, for you to decide ({len(open_)}):" in text
    tail = text.split("Undetermined, for you to decide")[1]
    assert [
        line.split(":")[0].strip() for line in tail.splitlines()[1:] if line.startswith("  COM")
    ] == open_
    assert results["COM-050"].reason in tail
    # Where the text names no one, the library's reading is shown as a suggestion only.
    assert (
        "suggestion (the library's inferred reading, not the text's words): "
        'telecom-operator ("maintain ground segments and switching nodes")'
    ) in text
    # An applies by default says what it rests on.
    assert "  COM-003   3. [applies by default] adherence to the requirement" in text
    assert "rests on the library's default reading" in text
    assert "44 applies, 6 applies by default, 7 does not apply, 15 undetermined" in text
    assert "Text: Adilet, English, unofficial translation" in text


def test_show_json_with_a_profile_adds_applicability_and_without_it_is_as_before(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "4", "--format", "json"]) == 0
    plain = capsys.readouterr().out
    # The checklist, and the order's own text under "order" (see tests/test_order_text.py).
    expected = {**kz.checklist(4).model_dump(mode="json"), "order": json.loads(plain)["order"]}
    assert plain == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert main(["show", "4", "--format", "json", "--profile", "postal-operator"]) == 0
    document = json.loads(capsys.readouterr().out)
    found = {r["id"]: r["applicability"] for r in document["requirements"]}
    assert found["COM-063"]["verdict"] == "applies"
    assert found["COM-063"]["subjects"] == ["postal-operator"]
    assert found["COM-063"]["evidence"] == ["the postal operator's requirements"]
    assert found["COM-041"]["verdict"] == "does-not-apply"
    assert found["COM-029"]["readings"] == [
        {
            "subject": "cellular-operator",
            "phrase": "the provision of cellular communication services",
        }
    ]
    assert found["COM-004"]["subjects"] == []
    assert found["COM-004"]["conditions"][0]["subject"] == "licensed-service-provider"
    assert document["profile"]["id"] == "postal-operator"
    assert document["undetermined"] == [
        i for i, a in found.items() if a["verdict"] == "undetermined"
    ]
    assert document["applies_by_default"] == [
        i for i, a in found.items() if a["verdict"] == "applies-by-default"
    ]
    extra = ("profile", "undetermined", "applies_by_default")
    without = {k: v for k, v in document.items() if k not in extra}
    for item in without["requirements"]:
        del item["applicability"]
    assert json.dumps(without, ensure_ascii=False, indent=2) + "\n" == plain


def test_show_markdown_with_a_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "5", "--format", "markdown", "--profile", "certification-centre"]) == 0
    page = capsys.readouterr().out
    assert "| № | ID | Requirement | Applicability |" in page
    assert "| 2 | `EDS-002` | ensuring that the certification centre" in page
    assert '**applies**: the text concerns "the certification centre"' in page
    assert "## Undetermined, for you to decide (3)" in page


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "4", "--profile", "mobile-operatr"], "did you mean 'mobile-operator'"),
        (
            ["show", "3", "--profile", "mobile-operator"],
            "is for communications, not 'informatization'",
        ),
        (["new", "4", "--profile", "postal"], "unknown profile 'postal'"),
        (["export", "4", "--format", "oscal-profile"], "oscal-profile exports one profile"),
        (["export", "4", "--format", "csv", "--profile", "postal-operator"], "takes no profile"),
        (["show", "4", "--profile", "missing.json"], "cannot read profile file 'missing.json'"),
    ],
)
def test_a_bad_profile_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in one_line_error(capsys)


# --- new -------------------------------------------------------------------------------


def test_new_with_a_profile_writes_the_suggested_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "rec.json"
    assert main(["new", "communications", "--profile", "mobile-operator", "-o", str(target)]) == 0
    err = capsys.readouterr().err
    assert f"profile mobile-operator: marked 7 not applicable ({', '.join(POSTAL)})" in err
    record = read_record(target)
    assert record == new_record("communications", profile="mobile-operator")
    assert [rid for rid, a in record.answers.items() if a.verdict] == POSTAL
    assert json.loads(target.read_text(encoding="utf-8"))["profile"] == "mobile-operator"


def test_a_profile_file_is_an_input_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ours.json"
    body = json.dumps(
        {"profile": {"extends": "mobile-operator", "includes": ["dominant-operator"]}}
    )
    path.write_text(body, encoding="utf-8")
    argv = ["new", "communications", "--profile", str(path), "-o", str(path), "--force"]
    assert main(argv) == 2
    assert "refusing to write over the input file" in one_line_error(capsys)
    assert path.read_text(encoding="utf-8") == body
    target = tmp_path / "rec.json"
    assert main(["new", "communications", "--profile", str(path), "-o", str(target)]) == 0
    assert read_record(target).profile == "ours.json"
    assert main(["show", "4", "--profile", str(path)]) == 0
    assert "  COM-050  50. [applies]" in capsys.readouterr().out


def test_a_profile_name_is_never_read_as_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mobile-operator").write_text("not a profile", encoding="utf-8")
    argv = ["new", "4", "--profile", "mobile-operator", "-o", "mobile-operator", "--force"]
    assert main(argv) == 0
    assert read_record(tmp_path / "mobile-operator").profile == "mobile-operator"


# --- XCCDF -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", KEYS)
def test_the_benchmark_carries_one_profile_per_shipped_profile(key: str, tmp_path: Path) -> None:
    data = export(kz.checklist(key), "xccdf")
    root = ET.fromstring(data)
    found = root.findall("x:Profile", NS)
    assert [p.get("id") for p in found] == [profile_id(p.id) for p in profiles(key)]
    children = [child.tag.split("}")[1] for child in root]
    assert children.index("model") < children.index("Profile") < children.index("Rule")
    for element, item in zip(found, profiles(key)):
        results = applicability(key, item)
        selects = {s.get("idref", "").rsplit("_", 1)[1]: s for s in element.findall("x:select", NS)}
        off = [rid for rid, s in selects.items() if s.get("selected") == "false"]
        on = [rid for rid, s in selects.items() if s.get("selected") == "true"]
        assert off == [r.id for r in results if r.verdict == "does-not-apply"]
        assert on == [r.id for r in results if r.verdict in ("undetermined", "applies-by-default")]
        for result in results:
            if result.id in selects:
                remark = selects[result.id].find("x:remark", NS)
                assert remark is not None and result.reason in (remark.text or "")
                if result.verdict == "applies-by-default":
                    assert "Applies by default" in (remark.text or "")
        description = element.find("x:description", NS)
        assert description is not None and "not the law's" in (description.text or "")
    path = tmp_path / f"{key}.xml"
    path.write_bytes(data)
    result = validate(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_oscap_lists_the_profiles(tmp_path: Path) -> None:
    path = tmp_path / "communications.xml"
    path.write_bytes(export(kz.checklist("communications"), "xccdf"))
    info = subprocess.run(
        [oscap(), "info", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert info.returncode == 0, info.stderr
    for item in profiles("communications"):
        assert profile_id(item.id) in info.stdout


# --- OSCAL profile ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "key"), SHIPPED, ids=[f"{n}-{k}" for n, k in SHIPPED])
def test_the_oscal_profile_selects_what_applies_and_what_is_undetermined(
    name: str, key: str
) -> None:
    document = json.loads(export(kz.checklist(key), "oscal-profile", profile=name))["profile"]
    results = applicability(key, name)
    imported = document["imports"][0]
    assert imported["href"] == catalog_file(kz.checklist(key))
    included = imported["include-controls"][0]["with-ids"]
    assert included == [r.id for r in results if r.verdict != "does-not-apply"]
    excluded = [r.id for r in results if r.verdict == "does-not-apply"]
    assert imported.get("exclude-controls", [{"with-ids": []}])[0]["with-ids"] == excluded
    marks = {
        alter["control-id"]: alter["adds"][0]["props"][0]["value"]
        for alter in document["modify"]["alters"]
    }
    assert marks == {r.id: r.verdict for r in results if r.verdict != "does-not-apply"}
    assert "not the law's" in document["metadata"]["remarks"]


@pytest.mark.parametrize(("name", "key"), SHIPPED, ids=[f"{n}-{k}" for n, k in SHIPPED])
def test_trestle_loads_every_oscal_profile(name: str, key: str) -> None:
    trestle_models()
    from trestle.oscal.profile import Profile

    document = json.loads(export(kz.checklist(key), "oscal-profile", profile=name))
    loaded = Profile.model_validate(document["profile"])
    assert loaded.imports[0].href == catalog_file(kz.checklist(key))


def test_trestle_rejects_a_broken_oscal_profile() -> None:
    """The trestle test can fail: a control ID that is no OSCAL token is refused."""
    trestle_models()
    from trestle.oscal.profile import Profile

    document = json.loads(export(kz.checklist(4), "oscal-profile", profile="mobile-operator"))
    document["profile"]["imports"][0]["include-controls"][0]["with-ids"][0] = "not an id!"
    with pytest.raises(ValueError):
        Profile.model_validate(document["profile"])


def test_trestle_resolves_the_mobile_operator_s_profile_against_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trestle_models()
    from trestle.core.profile_resolver import ProfileResolver

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".trestle").mkdir()
    checklist = kz.checklist("communications")
    (tmp_path / catalog_file(checklist)).write_bytes(export(checklist, "oscal"))
    path = tmp_path / "mobile-operator.json"
    path.write_bytes(export(checklist, "oscal-profile", profile="mobile-operator"))
    resolved = ProfileResolver.get_resolved_profile_catalog(tmp_path, str(path))
    controls = {c.id: c for group in resolved.groups or [] for c in group.controls or []}
    assert sorted(controls) == [
        r.id for r in applicability(checklist, "mobile-operator") if r.verdict != "does-not-apply"
    ]
    assert not set(POSTAL) & set(controls)
    props = {p.name: p.value for p in controls["COM-050"].props or []}
    assert props["applicability"] == "undetermined"


def test_a_profile_given_to_a_format_that_takes_none_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="the xccdf format takes no profile"):
        export(kz.checklist(4), "xccdf", profile="mobile-operator")


# --- the forms of a record -------------------------------------------------------------


def test_the_forms_of_a_record_begun_with_a_profile_name_it() -> None:
    record = new_record("communications", profile="mobile-operator")
    html = export(record, "html").decode("utf-8")
    assert 'data-field="profile">Begun with the profile' in html
    assert '<span class="blank filled">mobile-operator</span>' in html
    assert "the library&#x27;s editorial reading" in html
    assert "Begun with the profile" not in export(new_record("communications"), "html").decode()
    docx = pytest.importorskip("docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(export(record, "docx"))).paragraphs]
    assert any(p.startswith("Begun with the profile mobile-operator: ") for p in paragraphs)
