"""``kz-checklists export`` and ``export-record``: every format, safe files, clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import (
    BINARY_FORMATS,
    CHECKLIST_FORMATS,
    RECORD_FORMATS,
    format_of,
)
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import new_record


def record_file(tmp_path: Path) -> Path:
    record = new_record("communications").mark_many(
        {"COM-001": "conforms", "COM-002": ("does-not-conform", 'no, "certificate"\nat all')}
    )
    path = tmp_path / "record.json"
    path.write_text(dumps_record(record), encoding="utf-8")
    return path


@pytest.mark.parametrize("format", CHECKLIST_FORMATS)
def test_export_writes_every_checklist_format(format: str, tmp_path: Path) -> None:
    target = tmp_path / f"out.{format}"
    # A format that exports one profile of an entity is given one.
    profile = (
        ["--profile", "mobile-operator"] if format_of(format, "checklist").needs_profile else []
    )
    command = ["export", "communications", "--format", format, *profile, "-o", str(target)]
    assert main(command) == 0
    data = target.read_bytes()
    if format in BINARY_FORMATS:  # Word and XLSX: zip archives
        assert data[:2] == b"PK"
    else:
        text = data.decode("utf-8")
        assert "COM-072" in text
        # A profile names requirements by ID; their texts are in the catalog it imports.
        if not profile:
            assert kz.requirement("COM-072").text.split(",")[0] in text


@pytest.mark.parametrize("format", RECORD_FORMATS)
def test_export_record_writes_every_record_format(format: str, tmp_path: Path) -> None:
    source = record_file(tmp_path)
    before = source.read_bytes()
    target = tmp_path / f"out.{format}"
    assert main(["export-record", str(source), "--format", format, "-o", str(target)]) == 0
    assert target.stat().st_size > 0
    assert source.read_bytes() == before


def test_record_csv_keeps_remarks_with_commas_quotes_and_newlines(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = record_file(tmp_path)
    assert main(["export-record", str(source), "--format", "csv", "--bom"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == [f"COM-{n:03d}" for n in range(1, 73)]
    assert rows[1]["verdict"] == "does-not-conform"
    assert rows[1]["remark"] == 'no, "certificate"\nat all'
    assert rows[2]["verdict"] == "not-assessed" and rows[2]["remark"] == ""


def test_standard_output_is_the_exact_bytes(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", "electronic-signature", "--format", "xccdf"]) == 0
    assert capsysbinary.readouterr().out == kz.export(kz.checklist(5), "xccdf")


def test_an_existing_file_is_kept_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "form.html"
    target.write_text("mine", encoding="utf-8")
    assert main(["export", "communications", "--format", "html", "-o", str(target)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["export", "communications", "--format", "html", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_never_writes_over_the_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = record_file(tmp_path)
    before = source.read_bytes()
    code = main(["export-record", str(source), "--format", "csv", "-o", str(source), "--force"])
    assert code == 2
    assert "refusing to write over the input file" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_a_failed_export_leaves_no_half_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("previous", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kz_inspection_checklists._files.os.replace", broken)
    code = main(["export", "communications", "--format", "csv", "-o", str(target), "--force"])
    assert code == 2
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "comunications", "--format", "csv"], "did you mean 'communications'"),
        (["export", "communications", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["export", "communications"], "--format"),
        (["export", "communications", "--format", "csv", "--edition", "2019"], "not available"),
        (["export-record", "missing.json", "--format", "html"], "cannot read record file"),
        (["export-record", "README.md", "--format", "html"], "not valid JSON"),
        (["export-record", "README.md", "--format", "markdown"], "invalid choice"),
    ],
)
def test_bad_input_is_one_clear_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_an_invalid_record_lists_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "record.json"
    document = new_record("electronic-signature").to_json()
    document["answers"]["EDS-001"] = {"verdict": "yes", "remark": None}
    source.write_text(json.dumps(document), encoding="utf-8")
    assert main(["export-record", str(source), "--format", "oscal"]) == 2
    assert "answers.EDS-001.verdict" in capsys.readouterr().err


def test_weights_change_the_exported_score(tmp_path: Path) -> None:
    source = record_file(tmp_path)
    weights = tmp_path / "weights.json"
    weights.write_text('{"COM-002": 3}', encoding="utf-8")
    plain, weighted = tmp_path / "plain.json", tmp_path / "weighted.json"
    assert main(["export-record", str(source), "--format", "oscal", "-o", str(plain)]) == 0
    argv = ["export-record", str(source), "--format", "oscal", "-o", str(weighted)]
    assert main([*argv, "--weights", str(weights)]) == 0

    def flat(path: Path) -> str:
        (result,) = json.loads(path.read_text(encoding="utf-8"))["assessment-results"]["results"]
        return next(p["value"] for p in result["props"] if p["name"] == "score-flat-maximum")

    assert (flat(plain), flat(weighted)) == ("2", "4")


@pytest.mark.parametrize(
    ("flags", "score", "additions"),
    [
        ([], True, True),
        (["--no-score"], False, True),
        (["--no-additions"], True, False),
        (["--for-signing"], False, False),
        (["--no-score", "--no-additions"], False, False),
    ],
)
def test_export_record_prints_the_form_to_sign(
    flags: list[str], score: bool, additions: bool, tmp_path: Path
) -> None:
    path = record_file(tmp_path)
    target = tmp_path / "form.html"
    assert main(["export-record", str(path), "--format", "html", *flags, "-o", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    record = kz.read_record(path)
    assert page == kz.export(record, "html", score=score, additions=additions).decode("utf-8")
    assert ("<h2>Score</h2>" in page) is score
    assert ('<span class="id">COM-001</span>' in page) is additions


def test_export_prints_the_blank_form_to_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "form.html"
    argv = ["export", "communications", "--format", "html", "--for-signing", "-o", str(target)]
    assert main(argv) == 0
    assert 'class="id"' not in target.read_text(encoding="utf-8")
    assert f"wrote {target} (html form for signing of communications" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--no-score", "--no-additions", "--for-signing"])
@pytest.mark.parametrize("format", ["csv", "oscal", "xccdf"])
def test_the_signing_flags_are_refused_for_a_format_that_is_no_form(
    flag: str, format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path)
    target = tmp_path / "out"
    assert main(["export-record", str(path), "--format", format, flag, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"kz-checklists: error: {flag} is for the printed forms (--format html or docx), "
        f"not {format}\n"
    )
    assert not target.exists()
