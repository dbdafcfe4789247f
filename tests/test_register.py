"""The register of many inspections: ``records_table`` and ``kz-checklists summary``, as CSV,
XLSX and JSON, one row per record or per record and requirement."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError, UnknownNameError
from kz_inspection_checklists.exports.register import register_bytes, register_csv
from kz_inspection_checklists.law.store import Law
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.register import COLUMNS, LONG_COLUMNS, records_table
from tests.test_synthetic_order import MAKER_ID, a_record, built

IIN = "000101500120"

#: The columns, spelt out: they are documented and stable.
EXPECTED = [
    "entity",
    "iin_bin",
    "inspection_date",
    "authority",
    "checklist",
    "edition",
    "conforms",
    "does_not_conform",
    "not_applicable",
    "not_assessed",
    "compliance_rate",
    "score_default",
    "score_flat",
    "score_flat_unweighted",
    "score_absolute",
]


def records() -> list[InspectionRecord]:
    first = (
        new_record("communications")
        .with_header(
            authority="Ministry of Digital Development",
            entity_name="=Example LLP",  # a name a spreadsheet would run as a formula
            iin_bin=IIN,
            inspection_date="2024-03-01",
        )
        .mark_many(
            {
                **{rid: "conforms" for rid in kz.checklist(4).ids[:49]},
                **{rid: "does-not-conform" for rid in kz.checklist(4).ids[49:52]},
                "COM-053": ("not-applicable", "no postal service"),
            }
        )
    )
    second = new_record("electronic-signature").with_header(entity_name="Second LLP")
    third = new_record("informatization").mark_many(
        {rid: "conforms" for rid in kz.checklist(3).ids}
    )
    return [first, second, third]


def test_the_columns_are_the_documented_ones() -> None:
    assert list(COLUMNS) == EXPECTED
    assert list(LONG_COLUMNS) == [*EXPECTED[:6], "id", "number", "text", "verdict", "remark"]
    assert all(list(row) == EXPECTED for row in records_table(records()))


def test_one_row_per_record_with_its_counts_rate_and_scores_rounded() -> None:
    first, second, third = records_table(records())
    assert first["entity"] == "=Example LLP" and first["iin_bin"] == IIN
    assert (first["inspection_date"], first["authority"]) == (
        "2024-03-01",
        "Ministry of Digital Development",
    )
    assert (first["checklist"], first["edition"]) == ("communications", "2023-revision")
    assert [first[c] for c in EXPECTED[6:10]] == [49, 3, 1, 19]
    # 49 / 52 = 0.94230769...: written to the thousandth, as every output writes it.
    assert first["compliance_rate"] == 0.942 and first["score_default"] == 94.231
    assert (first["score_flat"], first["score_flat_unweighted"]) == (49.0, 49.0)
    assert first["score_absolute"] == 0.0
    assert second["entity"] == "Second LLP" and second["iin_bin"] is None
    assert second["compliance_rate"] is None and second["score_default"] is None
    assert second["score_absolute"] is None and second["not_assessed"] == 4
    assert third["score_absolute"] == 1.0 and third["compliance_rate"] == 1.0


def test_the_long_register_has_a_row_per_record_and_requirement() -> None:
    rows = records_table(records(), long=True)
    assert len(rows) == 72 + 4 + 11
    row = next(r for r in rows if r["id"] == "COM-053")
    assert row["verdict"] == "not-applicable" and row["remark"] == "no postal service"
    assert row["text"] == kz.requirement("COM-053").text and row["number"] == 53
    assert row["entity"] == "=Example LLP"
    assert rows[-1]["verdict"] == "conforms" and rows[72]["verdict"] == "not-assessed"


def test_header_values_come_from_the_form_s_roles(tmp_path: Path) -> None:
    law: Law = built(tmp_path)
    (row,) = records_table([a_record(law)])
    # The synthetic form has an entity ("maker") and its IIN/BIN, but no authority.
    assert row["entity"] == "Widget Works LLP (made up)" and row["iin_bin"] == MAKER_ID
    assert row["authority"] is None and row["checklist"] == "widgets"


def test_an_item_that_is_no_record_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="item 1 is dict"):
        records_table([records()[0], {"checklist": "communications"}])  # type: ignore[list-item]
    with pytest.raises(UnknownNameError, match="did you mean 'csv'"):
        register_bytes([], COLUMNS, "cvs")


def test_the_csv_guards_what_people_wrote_and_leaves_empty_what_is_undefined() -> None:
    text = register_csv(records_table(records()), COLUMNS).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert text.splitlines()[0] == ",".join(EXPECTED) and "\r\n" in text
    assert rows[0]["entity"] == "'=Example LLP" and rows[0]["iin_bin"] == IIN
    assert rows[1]["compliance_rate"] == "" and rows[1]["score_absolute"] == ""
    assert rows[0]["score_default"] == "94.231"


def test_pandas_reads_the_csv_as_it_is() -> None:
    import pandas

    data = register_csv(records_table(records()), COLUMNS)
    frame = pandas.read_csv(io.BytesIO(data))
    assert list(frame.columns) == EXPECTED and len(frame) == 3
    assert frame["conforms"].tolist() == [49, 0, 11] and frame["conforms"].dtype.kind == "i"
    assert frame["score_default"][0] == 94.231 and pandas.isna(frame["score_default"][1])
    kept = pandas.read_csv(io.BytesIO(data), dtype={"iin_bin": str})
    assert kept["iin_bin"][0] == IIN  # as a number, its leading zeros would be gone
    long = pandas.read_csv(
        io.BytesIO(register_csv(records_table(records(), long=True), LONG_COLUMNS))
    )
    assert len(long) == 87 and long["text"][1] == kz.requirement("COM-002").text


def _files(tmp_path: Path) -> list[str]:
    paths = []
    for index, record in enumerate(records()):
        path = tmp_path / f"record-{index}.json"
        path.write_text(dumps_record(record), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_summary_writes_the_register_as_csv_json_and_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(tmp_path)
    assert main(["summary", *files]) == 0
    out = capsys.readouterr().out
    assert out.encode("utf-8") == register_csv(records_table(records()), COLUMNS)
    assert main(["summary", *files, "--format", "json", "--long"]) == 0
    assert json.loads(capsys.readouterr().out) == records_table(records(), long=True)
    target = tmp_path / "register.xlsx"
    assert main(["summary", *files, "--format", "xlsx", "-o", str(target)]) == 0
    assert "wrote the register of 3 records (3 rows) as xlsx to" in capsys.readouterr().err
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(target)["Register"]
    values: list[list[Any]] = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == EXPECTED
    assert values[1][:2] == ["=Example LLP", IIN]  # text: no formula, no lost zeros
    assert sheet["A2"].data_type == "s" and sheet["B2"].number_format == "@"
    assert values[1][2].date().isoformat() == "2024-03-01"


def test_summary_lists_every_invalid_record_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_text(dumps_record(records()[1]).replace('"Second LLP"', "7"), encoding="utf-8")
    target = tmp_path / "register.csv"
    assert main(["summary", files[0], str(broken), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}: invalid inspection record, 1 problem:" in err
    assert "header.entity_name" in err and not target.exists()
