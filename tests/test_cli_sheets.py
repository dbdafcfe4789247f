"""``kz-checklists read-sheet``: a filled sheet into a record file, every problem listed at its
cell with exit code 1 and no record written, and the usual file safety."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.record.files import dumps_record, read_record
from kz_inspection_checklists.record.record import new_record

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the test extra")


def sheet_file(tmp_path: Path) -> Path:
    record = new_record("electronic-signature").mark_many(
        {"EDS-001": "conforms", "EDS-004": ("does-not-conform", "the key is shared")}
    )
    path = tmp_path / "inspection.xlsx"
    path.write_bytes(kz.export(record, "xlsx"))
    return path


def test_read_sheet_writes_the_record_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sheet_file(tmp_path)
    target = tmp_path / "inspection.json"
    assert main(["read-sheet", str(source), "-o", str(target)]) == 0
    record = read_record(target)
    assert record.verdicts == ("conforms", None, None, "does-not-conform")
    err = capsys.readouterr().err
    assert err.strip() == (
        "wrote the electronic-signature record (edition 2023-revision; 2 of 4 requirements "
        f"assessed) to {target}"
    )
    assert main(["read-sheet", str(source)]) == 0
    assert capsys.readouterr().out == dumps_record(record)


def test_read_sheet_lists_every_problem_at_its_cell_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sheet_file(tmp_path)
    book = openpyxl.load_workbook(source)
    sheet = book["Checklist"]
    top = next(row[0].row for row in sheet.iter_rows() if row[0].value == "ID")
    sheet.cell(row=top + 2, column=4).value = "passes"
    sheet.cell(row=top + 3, column=4).value = "not-applicable"
    book.save(source)
    target = tmp_path / "inspection.json"
    assert main(["read-sheet", str(source), "-o", str(target)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{source}: invalid inspection record, 2 problems:"
    assert err[1].startswith(f"  Checklist!D{top + 2}: 'passes' is not a verdict")
    assert err[2].startswith(f"  Checklist!E{top + 3}: not-applicable needs a remark")
    assert not target.exists()


def test_read_sheet_refuses_to_replace_a_file_or_write_over_the_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = sheet_file(tmp_path)
    target = tmp_path / "inspection.json"
    target.write_text("mine", encoding="utf-8")
    assert main(["read-sheet", str(source), "-o", str(target)]) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    before = source.read_bytes()
    assert main(["read-sheet", str(source), "-o", str(source), "--force"]) == 2
    assert "refusing to write over the input file" in capsys.readouterr().err
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "Excel 97-2003 workbook (.xls)"),
        (b"PK\x03\x04" + bytes(64), "is not an XLSX workbook"),
    ],
)
def test_read_sheet_says_in_one_line_what_a_file_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "sheet.xlsx"
    source.write_bytes(content)
    assert main(["read-sheet", str(source)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_read_sheet_reads_a_csv_with_the_sheet_s_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checklist = kz.checklist("electronic-signature")
    text = io.StringIO()
    text.write("ID;№;Requirement;Verdict;Remark\r\n")
    for requirement in checklist.requirements:
        text.write(f'{requirement.id};{requirement.number};"{requirement.text}";conforms;\r\n')
    source = tmp_path / "sheet.csv"
    source.write_bytes(b"\xef\xbb\xbf" + text.getvalue().encode("utf-8"))
    assert main(["read-sheet", str(source)]) == 0
    assert '"EDS-004": {"verdict": "conforms", "remark": null}' in capsys.readouterr().out


def test_read_sheet_s_help_says_what_its_edition_file_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["read-sheet", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--edition FILE the edition file of the imported edition the sheet is of" in shown
    assert "are for" not in shown


def test_a_sheet_of_an_edition_not_held_names_the_command_s_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "checklist,edition,id,number,text,verdict,remark\n"
        "electronic-signature,2030-draft,EDS-001,1,some text,conforms,\n",
        encoding="utf-8",
    )
    assert main(["read-sheet", str(sheet), "-o", str(tmp_path / "out.json")]) == 1
    err = capsys.readouterr().err
    assert "unknown edition '2030-draft'" in err
    assert "pass its edition file (--edition FILE)" in err
