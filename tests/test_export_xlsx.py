"""The XLSX workbook: the form laid out to fill in, its locks and dropdowns, and what it keeps
of the checklist, edition, language and texts."""

from __future__ import annotations

import datetime
import io
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import InvalidInputError, MissingExtraError
from kz_inspection_checklists.exports import BINARY_FORMATS, export, format_of
from kz_inspection_checklists.exports.csv_table import RECORD_COLUMNS
from kz_inspection_checklists.exports.sheet import COLUMN_NAMES, read_sheet
from kz_inspection_checklists.exports.xlsx import label_text
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.sheet import texts_sha256

if os.environ.get("CI"):
    import openpyxl  # in CI the test extra is installed: a missing openpyxl fails
else:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the test extra")

#: A valid IIN/BIN that starts with zeros (its control digit computed), made up.
IIN = "000101500120"


def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def filled() -> InspectionRecord:
    return (
        new_record("communications")
        .with_header(
            authority="Ministry of Digital Development",
            assignment_act={"number": "12-П", "date": "2024-02-20"},
            entity_name="Example LLP",
            iin_bin=IIN,
            inspection_date="2024-03-01",
            officials=[{"position": "Chief inspector", "full_name": "A. Akhmetov"}],
            head={"position": "Director", "full_name": "B. Bekova"},
        )
        .mark_many(
            {
                "COM-001": "conforms",
                "COM-002": ("does-not-conform", '=HYPERLINK("http://evil.example")'),
                "COM-003": ("not-applicable", "the entity provides no postal service"),
            }
        )
    )


def rows_by_label(sheet: Any) -> dict[str, int]:
    return {
        row[0].value: row[0].row
        for row in sheet.iter_rows()
        if isinstance(row[0].value, str) and row[0].value
    }


def table_top(sheet: Any) -> int:
    return rows_by_label(sheet)["ID"]


def test_xlsx_is_a_binary_format_of_both_subjects_that_needs_its_extra() -> None:
    fmt = format_of("xlsx", "record")
    assert fmt.binary and fmt.extra == "xlsx" and fmt.subjects == ("checklist", "record")
    assert "xlsx" in BINARY_FORMATS


def test_the_table_header_row_is_exactly_the_five_columns_and_the_texts_verbatim() -> None:
    checklist = kz.checklist("communications")
    sheet = book(export(checklist, "xlsx"))["Checklist"]
    top = table_top(sheet)
    assert [c.value for c in sheet[top]][:5] == ["ID", "№", "Requirement", "Verdict", "Remark"]
    rows = [[c.value for c in sheet[top + n]][:5] for n in range(1, len(checklist.ids) + 1)]
    assert rows == [[r.id, r.number, r.text, None, None] for r in checklist.requirements]
    assert sheet.cell(row=top + len(checklist.ids) + 1, column=1).value is None


def test_the_header_labels_are_verbatim_with_value_cells_beside_them() -> None:
    checklist = kz.checklist("communications")
    sheet = book(export(checklist, "xlsx"))["Checklist"]
    labels = rows_by_label(sheet)
    for field in checklist.header_fields:
        assert label_text(field).startswith(field.label)
        row = labels[label_text(field)]
        assert sheet.cell(row=row, column=4).protection.locked is False
    act = labels["Act on the assignment of the inspection (№, date)"]
    assert sheet.cell(row=act, column=5).protection.locked is False
    assert sheet.cell(row=labels["Date of inspection"], column=4).number_format == "yyyy-mm-dd"
    iin = labels[label_text(checklist.header_fields[3])]
    assert sheet.cell(row=iin, column=4).number_format == "@"  # text keeps leading zeros
    for block in checklist.signature_blocks:
        assert block.role in labels
    assert checklist.annex_caption in labels and checklist.title in labels
    notice = "Text: Adilet, English, unofficial translation; the official texts are in Kazakh"
    assert any(label.startswith(notice) for label in labels)


def test_only_the_cells_to_fill_are_unlocked_and_the_sheet_is_protected_without_a_password() -> (
    None
):
    checklist = kz.checklist("electronic-signature")
    sheet = book(export(checklist, "xlsx"))["Checklist"]
    assert sheet.protection.sheet is True and not sheet.protection.password
    top = table_top(sheet)
    for offset in range(1, len(checklist.ids) + 1):
        locks = [sheet.cell(row=top + offset, column=c).protection.locked for c in range(1, 6)]
        assert locks == [True, True, True, False, False]
    unlocked = {
        cell.coordinate
        for row in sheet.iter_rows()
        for cell in row
        if cell.protection.locked is False and type(cell).__name__ != "MergedCell"
    }
    # Five header fields (the act has two cells), the inspection date, the table's
    # Verdict and Remark cells, and (position, name) for 3 officials and the head.
    assert len(unlocked) == 6 + 1 + 2 * len(checklist.ids) + 2 * 4


def test_each_verdict_cell_offers_the_record_s_words_and_the_form_s_columns() -> None:
    checklist = kz.checklist("electronic-signature")
    workbook = book(export(checklist, "xlsx"))
    sheet = workbook["Checklist"]
    top = table_top(sheet)
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1 and str(lists[0].sqref) == f"D{top + 1}:D{top + 4}"
    assert lists[0].allow_blank
    target, _, cells = lists[0].formula1.partition("!")
    words = [c.value for row in workbook[target.strip("'")][cells.replace("$", "")] for c in row]
    assert words == [
        "conforms",
        "does-not-conform",
        "not-applicable",
        "not-assessed",
        "Conforms to the requirements",
        "Does not conform to the requirements",
    ]


def test_the_hidden_sheet_keeps_the_checklist_edition_language_version_and_hash() -> None:
    checklist = kz.checklist("communications")
    workbook = book(export(checklist, "xlsx"))
    data = workbook["kz-checklists"]
    assert data.sheet_state == "hidden" and workbook.active.title == "Checklist"
    kept = {row[0].value: row[1].value for row in data.iter_rows(max_row=10) if row[0].value}
    assert kept["format"] == "kz-inspection-sheet" and kept["format_version"] == 1
    assert (kept["checklist"], kept["edition"], kept["language"]) == (
        "communications",
        "2023-revision",
        "en",
    )
    assert kept["order"] == "V1900018805" and kept["final"] == "false"
    assert kept["texts_sha256"] == texts_sha256(checklist)


def test_the_texts_hash_changes_with_any_text_or_id_but_not_with_white_space() -> None:
    checklist = kz.checklist("electronic-signature")
    first = checklist.requirements[0]
    edited = checklist.model_copy(
        update={
            "requirements": (
                first.model_copy(update={"text": first.text + "s"}),
                *checklist.requirements[1:],
            )
        }
    )
    renumbered = checklist.model_copy(
        update={
            "requirements": (
                first.model_copy(update={"id": "EDS-099"}),
                *checklist.requirements[1:],
            )
        }
    )
    spaced = checklist.model_copy(
        update={
            "requirements": (
                first.model_copy(update={"text": "  " + first.text.replace(" ", "\n ")}),
                *checklist.requirements[1:],
            )
        }
    )
    reordered = checklist.model_copy(update={"requirements": checklist.requirements[::-1]})
    digest = texts_sha256(checklist)
    assert texts_sha256(edited) != digest and texts_sha256(renumbered) != digest
    assert texts_sha256(reordered) != digest
    assert texts_sha256(spaced) == digest


def test_a_record_s_workbook_is_filled_in_with_dates_as_date_cells() -> None:
    record = filled()
    workbook = book(export(record, "xlsx"))
    sheet = workbook["Checklist"]
    labels = rows_by_label(sheet)
    value = lambda label, column=4: sheet.cell(row=labels[label], column=column).value  # noqa: E731
    checklist = record.form
    assert value(label_text(checklist.header_fields[0])) == "Ministry of Digital Development"
    act = label_text(checklist.header_fields[1])
    assert value(act) == "12-П" and value(act, 5) == datetime.datetime(2024, 2, 20)
    assert value(label_text(checklist.header_fields[3])) == IIN
    assert value("Date of inspection") == datetime.datetime(2024, 3, 1)
    top = table_top(sheet)
    assert [sheet.cell(row=top + n, column=4).value for n in (1, 2, 3, 4)] == [
        "conforms",
        "does-not-conform",
        "not-applicable",
        None,
    ]
    remark = sheet.cell(row=top + 2, column=5)
    assert remark.value == '=HYPERLINK("http://evil.example")' and remark.data_type == "s"
    officials = labels["Official(s)"]
    assert [c.value for c in sheet[officials + 1]][3:5] == ["Chief inspector", "A. Akhmetov"]
    assert [c.value for c in sheet[officials + 2]][3:5] == [None, None]
    assert [c.value for c in sheet[labels["Head of the entity being monitored"] + 1]][3:5] == [
        "Director",
        "B. Bekova",
    ]


def test_the_same_time_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = export(filled(), "xlsx")
    assert export(filled(), "xlsx") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert b"2023-11-14T22:13:20Z" in archive.read("docProps/core.xml")
    when = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    assert export(filled(), "xlsx", when=when) != first


def test_without_openpyxl_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'kz-inspection-checklists\[xlsx\]'"):
        export(kz.checklist(5), "xlsx")


def test_reading_a_workbook_without_openpyxl_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = export(kz.checklist(5), "xlsx")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r"\[xlsx\]"):
        read_sheet(data)


def test_a_text_a_workbook_cannot_hold_is_refused_naming_it() -> None:
    blank = new_record("electronic-signature")
    # A record refuses a control character; one forced in anyway is refused by the export.
    with pytest.raises(InvalidInputError, match=r"answers\.EDS-002\.remark: .*U\+0007"):
        blank.mark("EDS-002", "does-not-conform", "bell\x07")
    record = blank.mark("EDS-002", "does-not-conform", "bell")
    object.__setattr__(record, "remarks", (None, "bell\x07", None, None))
    with pytest.raises(InvalidInputError, match=r"answers\.EDS-002\.remark: .*U\+0007"):
        export(record, "xlsx")
    long = new_record("electronic-signature").with_header(address="x" * 40000)
    with pytest.raises(InvalidInputError, match=r"header\.address: it has 40000 characters"):
        export(long, "xlsx")


def test_the_table_s_columns_are_the_record_csv_s() -> None:
    # A CSV exported from a record is read back by the names of its columns.
    assert {role for role in COLUMN_NAMES.values()} <= {*RECORD_COLUMNS}


def test_the_rendered_sheet_fits_the_page_width(tmp_path: Path) -> None:
    sheet = book(export(kz.checklist("communications"), "xlsx"))["Checklist"]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    top = table_top(sheet)
    assert sheet.print_title_rows.replace("$", "") == f"{top}:{top}"
    widths = [sheet.column_dimensions[c].width for c in "ABCDE"]
    assert widths[2] == max(widths) and widths[1] == min(widths)
