"""Every command that writes a file says what it wrote, in one line; to standard output, nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import BINARY_FORMATS, CHECKLIST_FORMATS, RECORD_FORMATS
from kz_inspection_checklists.record.files import write_record
from kz_inspection_checklists.record.record import new_record

from .conftest import SOURCE_TEXT


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "record.json"
    # One finding, so that every record format has something to write (a plan of action
    # and milestones is of findings).
    record = new_record("electronic-signature").mark("EDS-001", "conforms")
    write_record(record.mark("EDS-002", "does-not-conform"), path)
    return path


def wrote_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("wrote ")]


#: Each command that writes a file, with its -o FILE, and the words its line must have.
COMMANDS = [
    *(
        (["export", "5", "--format", name], f"({name} ")
        for name in CHECKLIST_FORMATS
        if name not in (*BINARY_FORMATS, "oscal-profile")
    ),
    (
        ["export", "5", "--format", "oscal-profile", "--profile", "certification-centre"],
        "(oscal-profile ",
    ),
    *(
        (
            ["export-record", "{record}", "--format", name],
            f"({name} {{what}} of record {{record}}: ",
        )
        for name in RECORD_FORMATS
        if name not in BINARY_FORMATS
    ),
    (["new", "5"], "(a blank electronic-signature record, edition 2023-revision, 4 requirements)"),
    (["compare", "{record}", "{record}"], "(text comparison of {record} and {record}: 0 resolved"),
    (["findings", "{record}"], "(csv plan of 1 finding of 1 record)"),
    (["score", "{record}"], "(text score of record {record}: electronic-signature"),
    (["score", "{record}", "--format", "json"], "(json score of record {record}: "),
    (["diff", "2019", "2023"], "(text diff 2019-original -> 2023-revision)"),
    (["migrate", "{record}", "--to", "2023"], "(record {record} carried to edition 2023-revision"),
    (["import", str(SOURCE_TEXT), "--edition", "copy"], "(edition file of copy)"),
]


@pytest.mark.parametrize(("argv", "words"), COMMANDS)
def test_a_command_writing_a_file_says_what_it_wrote_in_one_line(
    argv: list[str],
    words: str,
    record: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out_file = tmp_path / "out"
    argv = [a.replace("{record}", str(record)) for a in argv]
    assert main([*argv, "-o", str(out_file)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and out_file.stat().st_size > 0
    assert wrote_lines(err) == [line for line in err.splitlines() if str(out_file) in line]
    (line,) = wrote_lines(err)
    assert line.startswith(f"wrote {out_file} (")
    # The format comes first, then what it is (a form, a table, ...), then of what.
    before, _, after = words.replace("{record}", str(record)).partition("{what}")
    assert before in line and after in line[line.index(before) + len(before) :]
    # To standard output: the output alone, and no line about it.
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert out and wrote_lines(err) == []


def test_the_word_form_written_to_a_file_is_named(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("docx", reason="python-docx is in the test extra")
    target = tmp_path / "communications.docx"
    assert main(["export", "communications", "--format", "docx", "-o", str(target)]) == 0
    assert wrote_lines(capsys.readouterr().err) == [
        f"wrote {target} (docx form of communications, edition 2023-revision)"
    ]
    target = tmp_path / "record.docx"
    assert main(["export-record", str(record), "--format", "docx", "-o", str(target)]) == 0
    assert wrote_lines(capsys.readouterr().err) == [
        f"wrote {target} (docx form of record {record}: electronic-signature, "
        "edition 2023-revision)"
    ]


def test_migrate_says_what_it_wrote_for_the_record_and_the_report(
    record: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    migrated, report = tmp_path / "migrated.json", tmp_path / "report.json"
    argv = ["migrate", str(record), "--to", "2023", "-o", str(migrated), "--report", str(report)]
    assert main(argv) == 0
    assert wrote_lines(capsys.readouterr().err) == [
        f"wrote {migrated} (record {record} carried to edition 2023-revision: "
        "electronic-signature)",
        f"wrote {report} (json report of the migration to edition 2023-revision)",
    ]
