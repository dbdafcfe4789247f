"""Small promises of strict input: an option given once, a final record frozen, numbers and
paths told in the library's words, null answers and repeated keys named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists import InvalidInputError, InvalidRecordError
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports.sheet import read_sheet
from kz_inspection_checklists.law import applicability
from kz_inspection_checklists.record.files import dumps_record, read_record, validate
from kz_inspection_checklists.record.record import new_record

IIN = "000101500120"


def record_file(tmp_path: Path, record: Any = None) -> Path:
    path = tmp_path / "inspection.json"
    path.write_text(dumps_record(record or new_record("communications")), encoding="utf-8")
    return path


def final_record() -> kz.InspectionRecord:
    return (
        new_record("communications")
        .with_header(
            authority="Ministry",
            assignment_act={"number": "12", "date": "2024-02-20"},
            entity_name="Example LLP",
            iin_bin=IIN,
            address="Astana",
            inspection_date="2024-03-01",
            officials=[{"position": "Inspector", "full_name": "A. Akhmetov"}],
            head={"position": "Director", "full_name": "B. Bekova"},
        )
        .mark("COM-001", "conforms")
        .finish()
    )


# --- an option given twice -------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["header", "RECORD", "--head", "A=B", "--head", "C=D"], "--head"),
        (["header", "RECORD", "--entity-name", "A", "--entity-name", "B"], "--entity-name"),
        (["mark", "RECORD", "COM-001", "conforms", "--remark", "a", "--remark", "b"], "--remark"),
        (["export", "communications", "--format", "csv", "--format", "json"], "--format"),
        (["validate", "RECORD", "--edition", "2023", "--edition", "latest"], "--edition"),
    ],
)
def test_an_option_given_twice_where_one_value_makes_sense_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], option: str
) -> None:
    path = record_file(tmp_path)
    before = path.read_bytes()
    argv = [str(path) if word == "RECORD" else word for word in command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{option} is given twice; give it once" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_an_option_that_takes_many_values_is_still_given_many_times(tmp_path: Path) -> None:
    path = record_file(tmp_path)
    assert main(["header", str(path), "--official", "A=B", "--official", "C=D"]) == 0
    assert len(read_record(path).header.officials) == 2  # type: ignore[attr-defined]


def test_a_command_line_text_goes_through_the_record_s_text_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path)
    assert main(["header", str(path), "--entity-name", "Example\u202eLLP"]) == 2
    err = capsys.readouterr().err
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in err and "\u202e" not in err


# --- a final record is frozen ------------------------------------------------------------


def test_the_library_refuses_to_change_a_final_record_until_it_is_reopened() -> None:
    record = final_record()
    for change in (
        lambda: record.mark("COM-002", "conforms"),
        lambda: record.mark_many({"COM-002": "conforms"}),
        lambda: record.with_header(address="Almaty"),
    ):
        with pytest.raises(InvalidRecordError) as caught:
            change()
        (problem,) = caught.value.problems
        assert problem.where == "final" and "reopen it first" in problem.message
    reopened = record.reopen()
    assert not reopened.final and reopened.verdicts == record.verdicts
    assert reopened.mark("COM-002", "conforms").finish().final


@pytest.mark.parametrize(
    "command", [["mark", "COM-002", "conforms"], ["header", "--address", "Almaty"]]
)
def test_mark_and_header_refuse_a_final_record_naming_how_to_reopen_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = record_file(tmp_path, final_record())
    before = path.read_bytes()
    assert main([command[0], str(path), *command[1:]]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"kz-checklists: error: {str(path)!r} is a final (signed) record, so it is not "
        f"changed; to change it, reopen it first: kz-checklists header {path} --not-final"
    )
    assert path.read_bytes() == before


def test_header_not_final_reopens_a_record_and_final_finishes_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_file(tmp_path, final_record())
    assert main(["header", str(path), "--final"]) == 0  # final already: nothing changes
    assert main(["header", str(path), "--not-final"]) == 0
    assert "set not final in" in capsys.readouterr().err
    assert read_record(path).final is False
    assert main(["mark", str(path), "COM-002", "conforms"]) == 0
    assert main(["header", str(path), "--final"]) == 0
    assert read_record(path).final is True and read_record(path).verdicts[1] == "conforms"
    assert main(["header", str(path), "--final", "--not-final"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_new_makes_a_record_that_is_not_final(tmp_path: Path) -> None:
    assert main(["new", "communications", "-o", str(tmp_path / "new.json")]) == 0
    assert read_record(tmp_path / "new.json").final is False


# --- numbers, paths, null answers, repeated keys -------------------------------------


def test_a_profile_id_of_thousands_of_digits_is_told_in_the_library_s_words(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.json"
    path.write_text('{"profile": {"id": ' + "9" * 5000 + ', "excludes": []}}', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        applicability.profile(str(path))
    assert "a number of thousands of digits, which no field takes" in str(caught.value)
    assert "set_int_max_str_digits" not in str(caught.value)


@pytest.mark.parametrize("name", ["a\0b.json", "\0"])
def test_every_public_function_refuses_a_nul_in_a_path_with_the_library_s_error(
    name: str,
) -> None:
    record = new_record("electronic-signature")
    with pytest.raises(InvalidInputError, match="not a usable file name"):
        kz.write_record(record, name)
    for call in (
        lambda: kz.read_record(name),
        lambda: kz.update_record(name, lambda r: r),
        lambda: kz.edition(name),
        lambda: kz.new_record("communications", profile=name),
        lambda: read_sheet(name),
    ):
        with pytest.raises(kz.ChecklistError):
            call()


def test_answers_null_is_a_problem_not_a_record_of_nothing_assessed() -> None:
    document = new_record("electronic-signature").to_json()
    document["answers"] = None
    (problem,) = validate(document)
    assert (problem.where, problem.message) == ("answers", "expected an object, got null")
    del document["answers"]  # left out: every requirement not assessed
    assert validate(document) == ()


@pytest.mark.parametrize("count", [3, 2000, 50_000])
def test_a_key_repeated_in_answers_is_a_duplicate_key_whatever_the_count(count: int) -> None:
    text = json.dumps(new_record("electronic-signature").to_json())
    at = text.index('"answers": {') + len('"answers": {')
    text = text[:at] + '"EDS-001": {"verdict": null}, ' * count + text[at:]
    problems = validate(text)
    assert problems and all("duplicate key" in p.message for p in problems)
    assert all("EDS-001" in str(p) for p in problems)
