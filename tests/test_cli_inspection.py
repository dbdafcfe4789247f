"""The commands new, validate and score, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kz_inspection_checklists.cli import main
from kz_inspection_checklists.record.files import loads_record
from kz_inspection_checklists.record.iin import iin_control_digit
from kz_inspection_checklists.record.scoring import rounded


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def an_iin() -> str:
    return "98010130021" + str(iin_control_digit("98010130021"))


def filled(path: Path) -> dict[str, Any]:
    """What a user does by hand: fill the header and every verdict of a blank record."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document["header"].update(
        authority="Committee of Telecommunications",
        assignment_act={"number": "12-ПР", "date": "2024-04-01"},
        entity_name="Kazakh Mobile LLP",
        iin_bin=an_iin(),
        address="Almaty, Abay 1",
        inspection_date="2024-04-15",
        officials=[{"position": "chief inspector", "full_name": "Nurlanov Dauren"}],
        head={"position": "general director", "full_name": "Ivanova Marina"},
    )
    for n, answer in enumerate(document["answers"].values()):
        answer["verdict"] = "conforms"
        if n in (4, 9):
            answer["verdict"] = "does-not-conform"
            answer["remark"] = "no records kept"
        if n in (39, 40, 41):
            answer.update(verdict="not-applicable", remark="no postal services")
    document["final"] = True
    return document


def test_new_validate_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "inspection.json"
    code, out, err = run(capsys, "new", "communications", "-o", str(path))
    assert code == 0 and out == ""
    assert err.startswith(f"wrote {path} (a blank communications record, edition 2023-revision")
    blank = json.loads(path.read_text(encoding="utf-8"))
    assert blank["checklist"] == "communications" and blank["edition"] == "2023-revision"
    assert len(blank["answers"]) == 72
    assert all(a == {"verdict": None, "remark": None} for a in blank["answers"].values())

    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0
    assert "valid inspection record" in out and "0 of 72 requirements assessed" in out

    path.write_text(json.dumps(filled(path), ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0 and "72 of 72 requirements assessed; final" in out

    code, out, _ = run(capsys, "score", str(path), "--format", "json")
    assert code == 0
    result = json.loads(out)
    # 72 requirements: 2 do not conform, 3 not applicable, 67 conform.
    assert result["counts"] == {
        "conforms": 67,
        "does-not-conform": 2,
        "not-applicable": 3,
        "not-assessed": 0,
    }
    assert result["complete"] is True
    assert result["compliance_rate"] == rounded(67 / 69) == 0.971
    assert result["nonconforming"] == ["COM-005", "COM-010"]
    assert result["scores"] == {
        "default": {"score": 97.101, "maximum": 100.0},
        "flat": {"score": 67.0, "maximum": 69.0},
        "flat-unweighted": {"score": 67.0, "maximum": 69.0},
        "absolute": {"score": 0.0, "maximum": 1.0},
    }

    code, out, _ = run(capsys, "score", str(path))
    assert code == 0
    assert "compliance rate   97.1% (67 of 69" in out
    assert "flat                 67 of 69" in out
    assert "COM-005" in out and "COM-010" in out


def test_new_to_standard_output_is_a_valid_record(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "5")
    assert code == 0
    assert loads_record(out).checklist == "electronic-signature"


def test_new_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.json"
    path.write_text("my notes", encoding="utf-8")
    code, _, err = run(capsys, "new", "communications", "-o", str(path))
    assert code == 2 and "exists; pass --force" in err
    assert path.read_text(encoding="utf-8") == "my notes"
    code, _, _ = run(capsys, "new", "communications", "-o", str(path), "--force")
    assert code == 0 and loads_record(path.read_bytes()).checklist == "communications"


def test_new_for_an_edition_without_texts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", "communications", "--edition", "2019")
    assert code == 2 and out == ""
    assert err.startswith("kz-checklists: error: the text of Annex 4")
    assert len(err.strip().splitlines()) == 1


def test_an_invalid_record_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    run(capsys, "new", "electronic-signature", "-o", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    document["final"] = True
    document["header"]["iin_bin"] = "123456789012"
    document["header"]["inspection_date"] = "15.04.2024"
    document["answers"]["EDS-001"]["verdict"] = "ok"
    document["answers"]["EDS-002"]["verdict"] = "not-applicable"
    document["answers"]["EDS-9"] = {"verdict": None, "remark": None}
    text = json.dumps(document, indent=1)
    path.write_text(text, encoding="utf-8")

    for command in ("validate", "score"):
        code, out, err = run(capsys, command, str(path))
        assert code == 1 and err == ""
        lines = out.splitlines()
        assert lines[0] == f"{path}: invalid inspection record, {len(lines) - 1} problems:"
        problems = [line.strip() for line in lines[1:]]
        fields = [p.split(":")[0] for p in problems]
        for where in (
            "header.inspection_date",
            "header.iin_bin",
            "answers.EDS-001.verdict",
            "answers.EDS-002",
            "answers.EDS-9",
            "header.authority",
            "header.head.full_name",
        ):
            assert where in fields, where
        # In the record's order: header fields as in the header, then answers by ID.
        assert fields.index("header.iin_bin") < fields.index("header.inspection_date")
        assert fields.index("header.head.full_name") < fields.index("answers.EDS-001.verdict")
        assert fields.index("answers.EDS-002") < fields.index("answers.EDS-9")
        assert path.read_text(encoding="utf-8") == text  # never rewritten


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not valid JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text (byte 0 is 0x89)"),
        (b"[]", "JSON array, not an object"),
        (b'{"format": "kz-inspection-record"', "not valid JSON"),
        (b'{"requirements": []}', "it has no 'format'"),
    ],
)
def test_junk_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, words: str
) -> None:
    path = tmp_path / "junk.json"
    path.write_bytes(content)
    for command in ("validate", "score"):
        code, out, err = run(capsys, command, str(path))
        assert code == 1 and err == ""
        assert out.splitlines()[0].endswith("1 problem:")
        assert "not an inspection record" in out and words in out
    assert path.read_bytes() == content


def test_a_checklist_file_is_not_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "checklist.json"
    code, out, _ = run(capsys, "show", "communications", "--format", "json")
    path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1 and "not an inspection record" in out


@pytest.mark.parametrize("command", ["validate", "score"])
def test_missing_and_unreadable_files_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, _, err = run(capsys, command, str(tmp_path / "nowhere.json"))
    assert code == 2 and "cannot read record file" in err
    code, _, err = run(capsys, command, str(tmp_path))
    assert code == 2 and "cannot read record file" in err


def test_score_with_weights_and_groups(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "record.json"
    run(capsys, "new", "electronic-signature", "-o", str(record))
    document = json.loads(record.read_text(encoding="utf-8"))
    for rid, verdict in zip(document["answers"], ["conforms", "does-not-conform", None, None]):
        document["answers"][rid]["verdict"] = verdict
    record.write_text(json.dumps(document), encoding="utf-8")
    weights = tmp_path / "weights.json"
    weights.write_text('{"EDS-001": 3}', encoding="utf-8")
    groups = tmp_path / "groups.json"
    groups.write_text('{"first two": ["EDS-001", "EDS-002"]}', encoding="utf-8")
    code, out, _ = run(
        capsys,
        "score",
        str(record),
        "--weights",
        str(weights),
        "--groups",
        str(groups),
        "--format",
        "json",
    )
    result = json.loads(out)
    assert code == 0
    # flat: 3 (EDS-001 passes, weight 3) of 3 + 1; default 75.
    assert result["scores"]["flat"] == {"score": 3.0, "maximum": 4.0}
    assert result["scores"]["default"] == {"score": 75.0, "maximum": 100.0}
    assert result["scores"]["absolute"] == {"score": 0.0, "maximum": 1.0}
    assert result["groups"]["first two"]["complete"] is True

    code, out, _ = run(capsys, "score", str(record), "--groups", str(groups))
    assert code == 0 and "group first two:" in out

    for bad, words in [
        ('{"EDS-001": -3}', "a weight is a number of 0 or more"),
        ("{{", "is not valid JSON"),
        ('{"EDS-01": 1}', "did you mean 'EDS-001'"),
    ]:
        weights.write_text(bad, encoding="utf-8")
        code, out, err = run(capsys, "score", str(record), "--weights", str(weights))
        assert code == 2 and out == "" and words in err
        assert len(err.strip().splitlines()) == 1
    groups.write_text('{"g": "EDS-001"}', encoding="utf-8")
    code, _, err = run(capsys, "score", str(record), "--groups", str(groups))
    assert code == 2 and "lists of requirement IDs" in err


def test_score_output_never_overwrites_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "record.json"
    run(capsys, "new", "electronic-signature", "-o", str(record))
    before = record.read_bytes()
    code, _, err = run(capsys, "score", str(record), "-o", str(record), "--force")
    assert code == 2 and "refusing to write over the input file" in err
    assert record.read_bytes() == before
    out_path = tmp_path / "score.json"
    code, _, _ = run(capsys, "score", str(record), "--format", "json", "-o", str(out_path))
    assert code == 0 and json.loads(out_path.read_text(encoding="utf-8"))["complete"] is False


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score")
    assert code == 2 and "the following arguments are required" in err
    code, _, err = run(capsys, "new")
    assert code == 2
    code, _, err = run(capsys, "new", "telecom")
    assert code == 2 and "unknown checklist 'telecom'" in err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    made = subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", "new", "3", "-o", str(path)],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", "validate", str(path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0 and "Traceback" not in checked.stderr


def test_records_of_an_imported_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kz_inspection_checklists.law import catalog as api
    from kz_inspection_checklists.law.store import edition_file_json

    edition = tmp_path / "edition.json"
    edition.write_text(edition_file_json(api.edition("2023"), {"by": "test"}), encoding="utf-8")
    record = tmp_path / "record.json"
    code, _, _ = run(capsys, "new", "5", "--edition", str(edition), "-o", str(record))
    assert code == 0
    for command in ("validate", "score"):
        code, _, _ = run(capsys, command, str(record), "--edition", str(edition))
        assert code == 0
        code, out, err = run(capsys, command, str(record), "--edition", str(tmp_path / "no.json"))
        assert code == 2 and out == "" and "cannot read edition file" in err


# --- imported editions, keys given twice, weights as XCCDF writes them ----------------


@pytest.fixture
def edited(tmp_path: Path, source_text: str) -> tuple[Path, Path]:
    """An imported edition with a new requirement COM-073, and a record of it."""
    from kz_inspection_checklists.law.store import edition_file_json
    from kz_inspection_checklists.record.files import dumps_record
    from kz_inspection_checklists.record.record import new_record

    from .test_diff import edited_edition

    edition = edited_edition(source_text)
    edition_path = tmp_path / "edited.json"
    edition_path.write_text(edition_file_json(edition, {}), encoding="utf-8")
    record = new_record("communications", edition=edition).mark_many(
        {"COM-073": "conforms", "COM-001": "does-not-conform"}
    )
    record_path = tmp_path / "m24.json"
    record_path.write_text(dumps_record(record), encoding="utf-8")
    return edition_path, record_path


def test_weights_may_name_a_requirement_new_in_the_records_edition(
    edited: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edition_path, record_path = edited
    weights = tmp_path / "weights.json"
    weights.write_text('{"COM-073": 2}', encoding="utf-8")
    argv = ["score", str(record_path), "--edition", str(edition_path), "--weights", str(weights)]
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["scores"]["flat"] == {"score": 2.0, "maximum": 3.0}
    exported = tmp_path / "results.xml"
    code, _, err = run(
        capsys,
        "export-record",
        str(record_path),
        "--edition",
        str(edition_path),
        "--weights",
        str(weights),
        "--format",
        "xccdf",
        "-o",
        str(exported),
    )
    assert (code, err) == (0, f"wrote {exported} (xccdf benchmark and test result of record "
                                f"{record_path}: communications, edition edited)\n")  # fmt: skip
    assert 'system="urn:xccdf:scoring:flat" maximum="3">2<' in exported.read_text(encoding="utf-8")
    # Without the edition file, COM-073 is unknown: a usage error.
    code, _, err = run(capsys, "score", str(record_path), "--weights", str(weights))
    assert code == 2 and "COM-073: unknown requirement ID" in err


def test_a_record_of_an_unbundled_edition_names_the_commands_option(
    edited: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, record_path = edited
    for command in ("validate", "score"):
        code, out, _ = run(capsys, command, str(record_path))
        assert code == 1 and "pass its edition file (--edition FILE)" in out
    code, _, err = run(capsys, "export-record", str(record_path), "--format", "csv")
    assert code == 2 and "pass its edition file (--edition FILE)" in err


def test_a_key_given_twice_is_a_record_problem_or_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "record.json"
    run(capsys, "new", "electronic-signature", "-o", str(record))
    text = record.read_text(encoding="utf-8")
    twice = tmp_path / "twice.json"
    twice.write_text(
        text.replace(
            '"EDS-002": {"verdict": null, "remark": null},',
            '"EDS-002": {"verdict": "does-not-conform", "remark": null},\n'
            '    "EDS-002": {"verdict": "conforms", "remark": null},',
        ),
        encoding="utf-8",
    )
    for command in ("validate", "score"):
        code, out, _ = run(capsys, command, str(twice))
        assert code == 1 and "answers.EDS-002: duplicate key" in out
    weights = tmp_path / "weights.json"
    weights.write_text('{"EDS-001": 1, "EDS-001": 5}', encoding="utf-8")
    code, out, err = run(capsys, "score", str(record), "--weights", str(weights))
    assert (code, out) == (2, "") and "has the key 'EDS-001' more than once" in err
    groups = tmp_path / "groups.json"
    groups.write_text('{"g": ["EDS-001"], "g": ["EDS-002"]}', encoding="utf-8")
    code, out, err = run(capsys, "score", str(record), "--groups", str(groups))
    assert (code, out) == (2, "") and "has the key 'g' more than once" in err


def _scored_eds(tmp_path: Path, capsys: pytest.CaptureFixture[str], weights: str) -> str:
    record = tmp_path / "record.json"
    if not record.exists():
        run(capsys, "new", "electronic-signature", "-o", str(record))
        document = json.loads(record.read_text(encoding="utf-8"))
        for rid, verdict in zip(document["answers"], ["conforms", "does-not-conform", None, None]):
            document["answers"][rid]["verdict"] = verdict
        record.write_text(json.dumps(document), encoding="utf-8")
    path = tmp_path / "weights.json"
    path.write_text(weights, encoding="utf-8")
    code, out, err = run(capsys, "score", str(record), "--weights", str(path))
    assert (code, err) == (0, "")
    return out


def test_all_weights_zero_is_not_called_nothing_assessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _scored_eds(tmp_path, capsys, '{"EDS-001": 0, "EDS-002": 0}')
    line = next(x for x in out.splitlines() if x.strip().startswith("default"))
    assert "every requirement assessed weighs 0" in line
    assert "nothing applicable assessed" not in out


def test_small_weights_are_printed_to_the_thousandth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _scored_eds(tmp_path, capsys, '{"EDS-001": 0.001, "EDS-002": 0.002}')
    line = next(x for x in out.splitlines() if x.strip().startswith("flat "))
    assert line.split()[1:] == ["0.001", "of", "0.003"]


@pytest.mark.parametrize("weight", ["0.0001", "12.34", "1e-300"])
def test_weights_xccdf_cannot_write_are_a_usage_error(
    weight: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "record.json"
    run(capsys, "new", "electronic-signature", "-o", str(record))
    path = tmp_path / "weights.json"
    path.write_text(f'{{"EDS-001": {weight}}}', encoding="utf-8")
    code, out, err = run(capsys, "score", str(record), "--weights", str(path))
    assert (code, out) == (2, "") and "totalDigits 3" in err
    code, out, err = run(
        capsys, "export-record", str(record), "--weights", str(path), "--format", "xccdf"
    )
    assert (code, out) == (2, "") and "totalDigits 3" in err


def test_a_record_dated_before_its_edition_can_have_taken_effect_fails_validate_and_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inspection.json"
    assert run(capsys, "new", "communications", "-o", str(path))[0] == 0
    document = filled(path)
    document["header"]["inspection_date"] = "2023-01-01"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    problem = (
        "header.inspection_date: before edition 2023-revision can have taken effect "
        "(no earlier than 2023-06-03)"
    )
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1 and problem in out + err
    code, out, err = run(capsys, "score", str(path))
    assert code != 0 and problem in out + err
    assert "Traceback" not in err
