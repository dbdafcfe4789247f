"""Each entity's course: ``entities_table`` and ``kz-checklists summary --by-entity``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Optional

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError
from kz_inspection_checklists.record.course import ENTITY_COLUMNS, entities_table
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import InspectionRecord, new_record

from .test_compare import IIN, OTHER_IIN, edited_file  # noqa: F401  # the fixture

DNC = "does-not-conform"


def inspection(
    day: Optional[str],
    answers: dict[str, str],
    *,
    checklist: str = "communications",
    iin: Optional[str] = IIN,
    name: Optional[str] = "Example LLP",
    edition: object = "latest",
) -> InspectionRecord:
    record = new_record(checklist, edition=edition)  # type: ignore[arg-type]
    return record.with_header(entity_name=name, iin_bin=iin, inspection_date=day).mark_many(
        answers  # type: ignore[arg-type]
    )


def course() -> list[InspectionRecord]:
    """Three inspections of one entity, given out of order, and others."""
    first = inspection("2023-06-10", {"COM-001": DNC, "COM-002": DNC, "COM-003": DNC})
    second = inspection(
        "2024-06-10",
        {"COM-001": "conforms", "COM-002": "conforms", "COM-003": DNC, "COM-004": DNC},
        name="Example LLP (renamed)",
    )
    third = inspection("2025-06-10", {"COM-003": DNC, "COM-004": "conforms"}, name="Example LP")
    signature = inspection("2024-01-01", {"EDS-001": DNC}, checklist="electronic-signature")
    unnamed = [
        inspection("2024-02-02", {"COM-001": DNC}, iin=None, name="Other LLP"),
        inspection("2025-02-02", {"COM-001": "conforms"}, iin=None, name="Other LLP"),
    ]
    nobody = inspection(None, {}, iin=None, name=None)
    return [third, signature, first, unnamed[1], nobody, second, unnamed[0]]


def test_one_row_per_entity_and_checklist_from_first_to_last() -> None:
    rows = entities_table(course())
    assert all(tuple(row) == ENTITY_COLUMNS for row in rows)
    assert [(r["iin_bin"], r["entity"], r["checklist"]) for r in rows] == [
        (None, None, "communications"),  # neither IIN/BIN nor name: a row of its own
        (None, "Other LLP", "communications"),  # grouped by the name
        (IIN, "Example LP", "communications"),  # the name of the last inspection
        (IIN, "Example LLP", "electronic-signature"),
    ]
    example = rows[2]
    assert example == {
        "iin_bin": IIN,
        "entity": "Example LP",
        "checklist": "communications",
        "records": 3,
        "first_inspection_date": "2023-06-10",
        "last_inspection_date": "2025-06-10",
        "findings_first": 3,
        "findings_last": 1,
        # COM-001 and COM-002 in 2024, COM-004 (a finding of 2024) in 2025.
        "resolved": 3,
    }
    assert rows[1]["resolved"] == 1 and rows[1]["records"] == 2
    assert rows[3]["resolved"] == 0 and rows[3]["findings_first"] == rows[3]["findings_last"] == 1
    assert rows[0]["first_inspection_date"] is None and rows[0]["records"] == 1


def test_a_record_without_a_date_among_others_of_its_entity_is_refused() -> None:
    records = [inspection("2024-01-01", {}), inspection(None, {})]
    with pytest.raises(InvalidInputError, match=re.escape("b.json has no inspection date")):
        entities_table(records, names=["a.json", "b.json"])
    with pytest.raises(InvalidInputError, match="record 2 has no inspection date"):
        entities_table(records)
    with pytest.raises(InvalidInputError, match="item 0 is str"):
        entities_table(["a.json"])  # type: ignore[list-item]


def _files(tmp_path: Path, records: list[InspectionRecord]) -> list[str]:
    paths = []
    for index, record in enumerate(records):
        path = tmp_path / f"record-{index}.json"
        path.write_text(dumps_record(record), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_summary_by_entity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = _files(tmp_path, course())
    assert main(["summary", *files, "--by-entity"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(rows[0]) == ENTITY_COLUMNS
    assert [(r["entity"], r["records"], r["resolved"]) for r in rows] == [
        ("", "1", "0"),
        ("Other LLP", "2", "1"),
        ("Example LP", "3", "3"),
        ("Example LLP", "1", "0"),
    ]
    assert main(["summary", *files, "--by-entity", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == entities_table(course())
    target = tmp_path / "entities.xlsx"
    assert main(["summary", *files, "--by-entity", "--format", "xlsx", "-o", str(target)]) == 0
    assert "(4 rows) as xlsx" in capsys.readouterr().err
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(target)["Register"]
    assert [c.value for c in sheet[1]] == list(ENTITY_COLUMNS)
    assert sheet["E4"].value.date().isoformat() == "2023-06-10"  # a date cell
    assert sheet["A4"].value == IIN and sheet["A4"].number_format == "@"
    assert main(["summary", *files, "--by-entity", "--long"]) == 2
    assert "--long or --by-entity" in capsys.readouterr().err
    undated = _files(tmp_path, [inspection(None, {}), inspection("2024-01-01", {})])
    assert main(["summary", *undated, "--by-entity"]) == 2
    assert "record-0.json has no inspection date" in capsys.readouterr().err


def test_summary_by_entity_across_an_imported_edition(
    tmp_path: Path,
    edited_file: Path,  # noqa: F811  # the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    edited = kz.edition(str(edited_file))
    records = [
        inspection("2024-06-10", {"COM-001": DNC, "COM-030": DNC}),
        inspection("2025-06-10", {"COM-001": "conforms", "COM-073": DNC}, edition=edited),
        inspection("2024-01-01", {"EDS-001": DNC}, checklist="electronic-signature", iin=OTHER_IIN),
    ]
    files = _files(tmp_path, records)
    # Each record is read with its own edition: the bundled one, or the file given.
    argv = ["summary", *files, "--by-entity", "--format", "json", "--edition", str(edited_file)]
    assert main(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [
        (r["iin_bin"], r["records"], r["findings_first"], r["findings_last"]) for r in rows
    ] == [
        (OTHER_IIN, 1, 1, 1),
        (IIN, 2, 2, 1),
    ]
    assert rows[1]["resolved"] == 1  # COM-001; COM-030 was removed, not resolved
    # The register of records takes the same editions, and writes what it wrote before.
    assert main(["summary", *files, "--edition", str(edited_file), "--edition", "2023"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
