"""Findings as a plan: the rows, new or still open, CSV, JSON and a workbook to fill in that
LibreOffice Calc opens; read-sheet refuses the plan.

The LibreOffice test skips only where ``soffice`` is missing outside CI; one conversion,
made once for the module, serves every check of the file Calc writes.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
from pathlib import Path

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError, UnknownNameError
from kz_inspection_checklists.exports.findings import (
    PLAN_FORMAT,
    PLAN_SHEET,
    REMEDY_COLUMNS,
    STATUSES,
    plan_bytes,
)
from kz_inspection_checklists.exports.sheet import read_sheet
from kz_inspection_checklists.exports.xlsx import DATA_TITLE
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.findings import COLUMNS, SINCE_COLUMN, findings
from kz_inspection_checklists.record.record import InspectionRecord, new_record

from .test_compare import IIN, OTHER_IIN
from .test_export_xlsx import book, openpyxl
from .test_read_sheet import _soffice


def inspection(day: str = "2024-03-01", iin: str = IIN) -> InspectionRecord:
    return new_record("communications").with_header(
        entity_name="Example LLP", iin_bin=iin, inspection_date=day
    )


def before() -> InspectionRecord:
    return inspection().mark_many(
        {"COM-001": "does-not-conform", "COM-002": "does-not-conform", "COM-003": "conforms"}
    )


def after() -> InspectionRecord:
    return inspection("2025-03-03").mark_many(
        {
            "COM-001": "conforms",
            "COM-002": ("does-not-conform", "=not yet"),
            "COM-003": "does-not-conform",
        }
    )


def test_one_finding_per_requirement_that_does_not_conform_across_records() -> None:
    other = inspection(iin=OTHER_IIN).mark("COM-072", "does-not-conform", "no plan")
    found = findings([before(), other])
    assert [(f.iin_bin, f.id, f.number) for f in found] == [
        (IIN, "COM-001", 1),
        (IIN, "COM-002", 2),
        (OTHER_IIN, "COM-072", 72),
    ]
    row = found[2].row()
    assert tuple(row) == COLUMNS
    assert row == {
        "entity": "Example LLP",
        "iin_bin": OTHER_IIN,
        "inspection_date": "2024-03-01",
        "checklist": "communications",
        "edition": "2023-revision",
        "id": "COM-072",
        "number": 72,
        "text": kz.requirement("COM-072").text,
        "remark": "no plan",
    }
    assert findings([new_record("electronic-signature")]) == ()


def test_since_a_previous_record_a_finding_is_new_or_still_open() -> None:
    found = findings([after()], since=before())
    assert [(f.id, f.since) for f in found] == [("COM-002", "still-open"), ("COM-003", "new")]
    assert found[0].row(since=True)[SINCE_COLUMN] == "still-open"
    with pytest.raises(InvalidInputError, match="IIN/BIN"):
        findings([inspection(iin=OTHER_IIN)], since=before())
    with pytest.raises(InvalidInputError, match="item 0 is str"):
        findings(["record.json"])  # type: ignore[list-item]


def test_the_csv_and_json_plans(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(plan_bytes([after()], "csv", since=before()).decode())))
    assert [(r["id"], r["remark"], r[SINCE_COLUMN]) for r in rows] == [
        ("COM-002", "'=not yet", "still-open"),  # a remark that is a formula is guarded
        ("COM-003", "", "new"),
    ]
    assert plan_bytes([after()], "csv", bom=True).startswith(b"\xef\xbb\xbfentity,")
    document = json.loads(plan_bytes([after()], "json"))
    assert document[0]["remark"] == "=not yet" and SINCE_COLUMN not in document[0]
    with pytest.raises(UnknownNameError, match="did you mean 'xlsx'"):
        plan_bytes([after()], "xls")


# --- the workbook ------------------------------------------------------------------------

WHEN = datetime.datetime(2025, 3, 4, tzinfo=datetime.timezone.utc)


@pytest.fixture(scope="module")
def workbook() -> bytes:
    return plan_bytes([after()], "xlsx", since=before(), when=WHEN)


def check_plan(data: bytes) -> None:
    """What the plan's workbook holds, as written and as Calc saves it again."""
    sheet = book(data)[PLAN_SHEET]
    header = [cell.value for cell in sheet[1]]
    assert header[-4:] == list(REMEDY_COLUMNS)
    assert header[:9] == [
        "Entity",
        "IIN/BIN",
        "Date of inspection",
        "Checklist",
        "Edition",
        "ID",
        "№",
        "Requirement",
        "Remark",
    ]
    column = {name: index for index, name in enumerate(header, start=1)}
    assert sheet.max_row == 3
    assert [sheet.cell(row=r, column=column["ID"]).value for r in (2, 3)] == ["COM-002", "COM-003"]
    assert sheet.cell(row=2, column=column["Finding"]).value == "still-open"
    assert sheet.cell(row=2, column=column["Requirement"]).value == kz.requirement("COM-002").text
    assert sheet.cell(row=2, column=column["Remark"]).value == "=not yet"  # text, no formula
    assert sheet.cell(row=2, column=column["IIN/BIN"]).value == IIN
    inspected = sheet.cell(row=2, column=column["Date of inspection"]).value
    assert inspected.date() == datetime.date(2025, 3, 3)
    assert [sheet.cell(row=r, column=column["Status"]).value for r in (2, 3)] == ["open"] * 2
    due = sheet.cell(row=2, column=column["Due date"])
    assert "yy" in due.number_format.lower()  # a date cell
    assert not due.protection.locked and sheet.cell(row=2, column=1).protection.locked
    assert sheet.protection.sheet
    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    status = validations["list"]
    assert status.formula1 == '"' + ",".join(STATUSES) + '"'
    letter = openpyxl.utils.get_column_letter
    assert f"{letter(column['Status'])}2:{letter(column['Status'])}3" in str(status.sqref)
    assert f"{letter(column['Due date'])}2" in str(validations["date"].sqref)
    hidden = book(data)[DATA_TITLE]
    assert hidden.sheet_state == "hidden"
    assert hidden["B2"].value == PLAN_FORMAT


def test_the_workbook_has_the_remedy_s_columns_a_status_dropdown_and_a_date_cell(
    workbook: bytes,
) -> None:
    check_plan(workbook)
    assert plan_bytes([after()], "xlsx", since=before(), when=WHEN) == workbook  # repeatable


@pytest.fixture(scope="module")
def saved_by_calc(workbook: bytes, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    soffice = _soffice()
    folder = tmp_path_factory.mktemp("calc")
    source = folder / "plan.xlsx"
    source.write_bytes(workbook)
    subprocess.run(
        [
            str(soffice),
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder / "saved"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "saved" / "plan.xlsx").read_bytes()


def test_libreoffice_calc_opens_the_plan_and_keeps_it(
    workbook: bytes, saved_by_calc: bytes
) -> None:
    assert saved_by_calc != workbook  # Calc wrote it anew
    check_plan(saved_by_calc)
    # read-sheet refuses the plan saved by Calc too, by its hidden sheet.
    with pytest.raises(InvalidInputError, match="is a plan of findings"):
        read_sheet(saved_by_calc)


def test_read_sheet_refuses_the_plan_in_every_format(
    workbook: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_plan = plan_bytes([after()], "csv")
    for data in (workbook, csv_plan, plan_bytes([after()], "csv", since=before(), bom=True)):
        with pytest.raises(
            InvalidInputError, match=r"is a plan of findings .*, not a filled checklist"
        ):
            read_sheet(data)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook)
    assert main(["read-sheet", str(path), "-o", str(tmp_path / "record.json")]) == 2
    err = capsys.readouterr().err
    assert "plan.xlsx' is a plan of findings" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "record.json").exists()


# --- the command -------------------------------------------------------------------------


def _write(path: Path, record: InspectionRecord) -> str:
    path.write_text(dumps_record(record), encoding="utf-8")
    return str(path)


def test_cli_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _write(tmp_path / "old.json", before()), _write(tmp_path / "new.json", after())
    assert main(["findings", new, old]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["inspection_date"], r["id"]) for r in rows] == [
        ("2025-03-03", "COM-002"),
        ("2025-03-03", "COM-003"),
        ("2024-03-01", "COM-001"),
        ("2024-03-01", "COM-002"),
    ]
    assert main(["findings", new, "--since", old, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["finding"]) for r in document] == [
        ("COM-002", "still-open"),
        ("COM-003", "new"),
    ]
    target = tmp_path / "plan.xlsx"
    assert main(["findings", new, "--since", old, "--format", "xlsx", "-o", str(target)]) == 0
    assert capsys.readouterr().err == f"wrote {target} (xlsx plan of 2 findings of 1 record)\n"
    assert book(target.read_bytes())[PLAN_SHEET].max_row == 3
    other = _write(tmp_path / "other.json", inspection(iin=OTHER_IIN))
    assert main(["findings", other, "--since", old]) == 2
    assert OTHER_IIN in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    assert main(["findings", new, str(broken)]) == 1
    assert "broken.json: invalid inspection record" in capsys.readouterr().err
