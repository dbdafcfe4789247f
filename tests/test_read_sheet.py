"""A filled sheet read back into a record: the round trip, each problem at its cell, CSV, and a
workbook saved again by LibreOffice Calc.

The LibreOffice test skips only where ``soffice`` is missing outside CI; with ``CI`` set
it fails instead (.ci/run installs Debian's libreoffice-calc-nogui).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists._text import blank, unsafe
from kz_inspection_checklists.exceptions import InvalidInputError, InvalidRecordError
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.sheet import read_sheet
from kz_inspection_checklists.exports.xlsx import label_text
from kz_inspection_checklists.law.store import Law
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.sheet import Cell, SheetRow, record_from_cells
from tests.conftest import ROOT
from tests.test_export_xlsx import IIN
from tests.test_export_xlsx import book as load
from tests.test_synthetic_order import NEW, a_record, built
from tests.test_translation import edition_file, english, layer, pseudo, pseudo_file  # noqa: F401


def save(book: Any) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def labels(sheet: Any) -> dict[str, int]:
    return {row[0].value: row[0].row for row in sheet.iter_rows() if isinstance(row[0].value, str)}


def problems(data: bytes, **options: Any) -> list[str]:
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data, **options)
    return [str(problem) for problem in caught.value.problems]


def full() -> InspectionRecord:
    return (
        new_record("communications")
        .with_header(
            authority="Ministry of Digital Development",
            assignment_act={"number": "12-П", "date": "2024-02-20"},
            entity_name="  Example LLP, “quoted”  ",
            iin_bin=IIN,
            address="Astana,\nMangilik El 55",
            inspection_date="2024-03-01",
            officials=[
                {"position": "Chief inspector", "full_name": "A. Akhmetov"},
                {"position": "Inspector", "full_name": "C. Serikova"},
                {"position": "Inspector", "full_name": "D. Nurlanov"},
                {"position": "Expert", "full_name": "E. Omarov"},
            ],
            head={"position": "Director", "full_name": "B. Bekova"},
        )
        .mark_many(
            {
                "COM-001": "conforms",
                "COM-002": ("does-not-conform", '=HYPERLINK("http://evil.example")'),
                "COM-003": ("not-applicable", "the entity provides no postal service"),
                "COM-004": (None, "to look at again\r\non the second day"),
                "COM-072": ("conforms", "-"),
            }
        )
        .finish()
    )


def test_a_record_s_workbook_reads_back_as_the_same_record() -> None:
    record = full()
    # A final record's sheet reads back final only when asked: a sheet can be edited.
    assert read_sheet(export(record, "xlsx"), final=True) == record
    assert read_sheet(export(record, "xlsx")) == record.reopen()
    blank = new_record("electronic-signature")
    assert read_sheet(export(blank, "xlsx")) == blank


# Text a person may write in a cell: no control characters but line ends, not blank.
_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n\t="),
    min_size=1,
    max_size=30,
).filter(lambda text: not blank(text) and unsafe(text) is None)
_PEOPLE = st.lists(
    st.fixed_dictionaries({"position": st.none() | _TEXT, "full_name": _TEXT}),
    min_size=1,
    max_size=4,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.dictionaries(
        st.sampled_from(kz.checklist("electronic-signature").ids),
        st.tuples(st.sampled_from(["conforms", "does-not-conform", None]), st.none() | _TEXT)
        | st.tuples(st.just("not-applicable"), _TEXT),
    ),
    entity=st.none() | _TEXT,
    act=st.none() | _TEXT,
    # No earlier than the edition can have taken effect, which a record keeps to.
    day=st.none() | st.dates(datetime.date(2024, 1, 1), datetime.date(2099, 12, 31)),
    officials=_PEOPLE,
    head=st.fixed_dictionaries({"position": _TEXT, "full_name": st.none() | _TEXT}),
)
def test_any_record_reads_back_the_same(
    answers: dict[str, Any],
    entity: Optional[str],
    act: Optional[str],
    day: Any,
    officials: list[dict[str, Any]],
    head: dict[str, Any],
) -> None:
    record = (
        new_record("electronic-signature")
        .with_header(
            entity_name=entity,
            assignment_act={"number": act, "date": day},
            inspection_date=day,
            officials=officials,
            head=head,
        )
        .mark_many(answers)
    )
    assert read_sheet(export(record, "xlsx")) == record


def test_cells_filled_with_openpyxl_read_back_as_the_record_the_api_makes() -> None:
    checklist = kz.checklist("communications")
    book = load(export(checklist, "xlsx"))
    sheet = book["Checklist"]
    rows = labels(sheet)
    fields = {f.key: rows[label_text(f)] for f in checklist.header_fields}
    sheet.cell(row=fields["authority"], column=4, value="Ministry of Digital Development")
    sheet.cell(row=fields["assignment_act"], column=4, value=12)  # a number, as typed
    sheet.cell(row=fields["assignment_act"], column=5, value=datetime.date(2024, 2, 20))
    sheet.cell(row=fields["entity_name"], column=4, value="Example LLP")
    sheet.cell(row=fields["iin_bin"], column=4, value=IIN)
    sheet.cell(row=rows["Date of inspection"], column=4, value="2024-03-01")  # as text
    top = rows["ID"]
    sheet.cell(row=top + 1, column=4, value="Conforms to the requirements")  # the form's words
    sheet.cell(row=top + 2, column=4, value=" does-not-conform ")
    sheet.cell(row=top + 2, column=5, value="'=1+1")  # a workbook's text: no guard to undo
    sheet.cell(row=top + 3, column=4, value="not-applicable")
    sheet.cell(row=top + 3, column=5, value="no postal service")
    sheet.cell(row=top + 4, column=4, value="not-assessed")
    sheet.cell(row=top + 4, column=5, value=42)
    officials = rows["Official(s)"]
    sheet.cell(row=officials + 2, column=4, value="Chief inspector")  # the second row
    sheet.cell(row=officials + 2, column=5, value="A. Akhmetov")
    record = read_sheet(save(book))
    expected = (
        new_record("communications")
        .with_header(
            authority="Ministry of Digital Development",
            assignment_act={"number": "12", "date": "2024-02-20"},
            entity_name="Example LLP",
            iin_bin=IIN,
            inspection_date="2024-03-01",
            officials=[{}, {"position": "Chief inspector", "full_name": "A. Akhmetov"}],
        )
        .mark_many(
            {
                "COM-001": "conforms",
                "COM-002": ("does-not-conform", "'=1+1"),
                "COM-003": ("not-applicable", "no postal service"),
                "COM-004": (None, "42"),
            }
        )
    )
    assert record == expected


def test_every_problem_is_named_by_its_cell_at_once() -> None:
    checklist = kz.checklist("communications")
    book = load(export(checklist, "xlsx"))
    sheet = book["Checklist"]
    rows = labels(sheet)
    top = rows["ID"]
    iin = rows[label_text(checklist.header_fields[3])]
    sheet.cell(row=iin, column=4, value=101500120)  # a number: its leading zeros are gone
    sheet.cell(row=rows["Date of inspection"], column=4, value="01.03.2024")
    sheet.cell(row=top + 1, column=4, value="yes")
    sheet.cell(row=top + 2, column=4, value="Conforms")
    sheet.cell(row=top + 3, column=4, value="not-applicable")
    sheet.cell(row=top + 4, column=1, value="COM-999")
    sheet.cell(row=top + 5, column=3, value="presence of a licence")
    sheet.cell(row=top + 6, column=5, value="=A1")
    sheet.cell(row=top + 7, column=1, value="COM-001")
    found = problems(save(book))
    d = lambda offset, column="D": f"Checklist!{column}{top + offset}"  # noqa: E731
    assert [p.split(": ")[0] for p in found] == [
        f"Checklist!D{iin}",
        f"Checklist!D{rows['Date of inspection']}",
        d(1),
        d(2),
        d(3, "E"),
        d(4, "A"),
        d(5, "C"),
        d(6, "E"),
        d(7, "A"),
    ]
    assert "leading zeros" in found[0] and "format the cell as text" in found[0]
    assert "expected a date (a date cell, or text YYYY-MM-DD), got '01.03.2024'" in found[1]
    assert found[2].endswith("did you mean 'conforms'?")
    assert "'Conforms' is not a verdict" in found[3]
    assert "not-applicable needs a remark" in found[4]
    assert "unknown requirement ID" in found[5] and "COM-999" in found[5]
    assert "is not the text of COM-005" in found[6]
    assert "holds a formula ('=A1')" in found[7]
    assert "COM-001 is given again; its first row is at Checklist!A" in found[8]
    # The hash kept is the edition's: the rows edited are named, not the hash.


def test_a_sheet_of_texts_the_library_no_longer_holds_is_refused() -> None:
    # The sheet as if made from another text of the edition (a law changed since): its
    # rows and its hash agree, but not with the edition held now.
    book = load(export(kz.checklist("electronic-signature"), "xlsx"))
    sheet = book["Checklist"]
    top = labels(sheet)["ID"]
    cell = sheet.cell(row=top + 1, column=3)
    cell.value = cell.value + " (as first published)"
    from kz_inspection_checklists.record.sheet import pairs_sha256

    data = book["kz-checklists"]
    pairs = [
        (sheet.cell(row=top + n, column=1).value, sheet.cell(row=top + n, column=3).value)
        for n in range(1, 5)
    ]
    data["B8"] = pairs_sha256(pairs)
    found = problems(save(book))
    assert found[0].startswith(
        f"Checklist!C{top + 1}: the text in this row is not the text of EDS-001"
    )
    assert found[1].startswith("kz-checklists!B8: the hash of the texts does not match")
    assert "the law's data changed since" in found[1]


def test_a_hash_edited_alone_is_told_apart() -> None:
    book = load(export(kz.checklist("electronic-signature"), "xlsx"))
    book["kz-checklists"]["B8"] = "0" * 64
    (found,) = problems(save(book))
    assert "the sheet's hidden data was edited" in found


def test_a_sheet_of_another_edition_or_a_newer_format_is_refused() -> None:
    book = load(export(kz.checklist("electronic-signature"), "xlsx"))
    book["kz-checklists"]["B3"] = 2
    book["kz-checklists"]["B6"] = "2025-revision"
    found = problems(save(book))
    assert found[0].startswith("kz-checklists!B3: sheet format version 2 is newer")
    book["kz-checklists"]["B3"] = 1
    (edition,) = problems(save(book))
    assert edition.startswith("kz-checklists!B6: unknown edition '2025-revision'")
    assert edition.endswith("pass its edition file")
    other = problems(export(kz.checklist("electronic-signature"), "xlsx"), edition="2019")
    assert (
        "the sheet is of edition '2023-revision', but the edition given is '2019-original'"
        in (other[0])
    )


def test_a_final_record_s_sheet_must_keep_its_header_filled() -> None:
    book = load(export(full(), "xlsx"))
    sheet = book["Checklist"]
    rows = labels(sheet)
    sheet.cell(row=rows["Head of the entity being monitored"] + 1, column=4).value = None
    (found,) = problems(save(book), final=True)
    where = f"Checklist!D{rows['Head of the entity being monitored'] + 1}"
    assert found == f"{where}: missing in a final record"


def test_an_iin_bin_s_control_digit_is_checked_at_its_cell() -> None:
    checklist = kz.checklist("electronic-signature")
    book = load(export(checklist, "xlsx"))
    sheet = book["Checklist"]
    row = labels(sheet)[label_text(checklist.header_fields[3])]
    sheet.cell(row=row, column=4, value="000101500129")
    (found,) = problems(save(book))
    assert found.startswith(f"Checklist!D{row}: IIN/BIN '000101500129' fails its control digit")


def test_the_record_csv_reads_back_with_its_answers() -> None:
    record = full()
    data = export(record, "csv", bom=True)
    got = read_sheet(data)
    assert got.answers == record.answers  # the record CSV has no header
    # Semicolons, as Excel writes a CSV in many locales, and a row to fix, named by row.
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[3][5] = "maybe"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    (found,) = problems(buffer.getvalue().encode("utf-8"))
    assert found.startswith("row 4: 'maybe' is not a verdict")


def test_a_csv_with_the_sheet_s_columns_reads_back() -> None:
    checklist = kz.checklist("electronic-signature")
    lines = ["ID,№,Requirement,Verdict,Remark"]
    lines += [f'{r.id},{r.number},"{r.text}",conforms,' for r in checklist.requirements]
    record = read_sheet("\n".join(lines).encode("utf-8"))
    assert record.edition == "2023-revision" and record.verdicts == ("conforms",) * 4
    lines[2] = lines[2].replace(",conforms,", ",not-applicable,")
    (found,) = problems("\n".join(lines).encode("utf-8"))
    assert found.startswith("row 3: not-applicable needs a remark")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, r"\.xls\); save it as"),
        (b"PK\x03\x04" + b"\0" * 100, "is not an XLSX workbook"),
        ("ID,Verdict".encode("utf-16"), "^the sheet is not a CSV in UTF-8: it is UTF-16"),
    ],
)
def test_a_file_that_is_no_sheet_is_refused_saying_what_it_is(data: bytes, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        read_sheet(data)


def test_a_file_without_a_table_is_one_problem() -> None:
    (found,) = problems(b"just,some\ncells,here\n")
    assert found.startswith("no table of requirements")


def test_a_sheet_of_a_checklist_of_another_order_reads_back(tmp_path: Path) -> None:
    law: Law = built(tmp_path)
    record = a_record(law)
    data = export(record, "xlsx")
    assert read_sheet(data, edition=law.edition(NEW), final=record.final) == record
    found = problems(data)  # read as a sheet of the bundled order
    assert found[0].startswith("kz-checklists!B4: the sheet is of order 'TEST0000001'")


def test_record_from_cells_reports_the_cells_it_is_given() -> None:
    checklist = kz.checklist("electronic-signature")
    rows = [
        SheetRow(
            Cell("A2", r.id, 2), Cell("C2", r.text, 2), Cell("D2", None, 2), Cell("E2", None, 2)
        )
        for r in checklist.requirements
    ]
    rows[1] = SheetRow(rows[1].id, rows[1].text, Cell("X9", "n/a", 9), Cell("Y9", None, 9))
    with pytest.raises(InvalidRecordError) as caught:
        record_from_cells(checklist, rows, header={"iin_bin": Cell("Z1", "1", 1)})
    assert [p.where for p in caught.value.problems] == ["Z1", "X9"]


def _soffice() -> Optional[str]:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def test_a_workbook_saved_again_by_libreoffice_calc_reads_back(tmp_path: Path) -> None:
    soffice = _soffice()
    record = full()
    source = tmp_path / "inspection.xlsx"
    source.write_bytes(export(record, "xlsx"))
    out = tmp_path / "saved"
    subprocess.run(
        [
            str(soffice),
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = (out / "inspection.xlsx").read_bytes()
    assert saved != source.read_bytes()  # Calc wrote it anew
    # Calc writes a line end in a cell as LF: the one change it makes.
    expected = record.reopen().mark("COM-004", None, "to look at again\non the second day")
    assert read_sheet(saved, final=True) == expected.finish()
    sheet = load(saved)["Checklist"]
    assert sheet.protection.sheet  # the texts are still locked
    assert any(v.type == "list" for v in sheet.data_validations.dataValidation)


def test_a_sheet_in_another_language_reads_back_with_that_language_s_words(
    edition_file: Path,  # noqa: F811  # the fixture, imported from test_translation
) -> None:
    # The pseudo-translation is test data that no law contains (tests/fixtures/pseudo).
    edition = kz.edition(str(edition_file))
    record = (
        new_record("electronic-signature", edition=edition)
        .mark("EDS-001", "conforms")
        .with_header(entity_name="Example LLP")
    )
    data = export(record, "xlsx", edition=edition, language="qps")
    shown = edition.checklist("electronic-signature", language="qps")
    book = load(data)
    sheet = book["Checklist"]
    rows = labels(sheet)
    assert label_text(shown.header_fields[2]) in rows  # the labels are the pseudo text's
    top = rows["ID"]
    assert sheet.cell(row=top + 1, column=3).value == shown.requirements[0].text
    sheet.cell(row=top + 2, column=4).value = shown.columns[1]  # its own column words
    got = read_sheet(save(book), edition=edition)
    assert got == record.mark("EDS-002", "does-not-conform")
    assert got.requirements[0].language == "en"  # the record is of the edition's own text
    own = kz.checklist("electronic-signature").columns[1]
    sheet.cell(row=top + 2, column=4).value = own  # another language's words: refused
    (found,) = problems(save(book), edition=edition)
    assert found.startswith(f"Checklist!D{top + 2}: {own!r} is not a verdict")


def test_the_xlsx_extra_installs_lxml_which_keeps_a_carriage_return() -> None:
    """openpyxl writes with lxml where it is installed. The standard library's writer
    leaves a carriage return raw, and every XML reader turns it into a line feed, so
    without lxml a remark's ``\\r\\n`` came back from a workbook as ``\\n``."""
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    extra = re.search(r"^xlsx = \[(.*)\]$", pyproject, re.M)
    assert extra is not None and '"lxml' in extra.group(1)
    record = new_record("electronic-signature").mark("EDS-001", "conforms", "a\r\nb\rc")
    assert read_sheet(export(record, "xlsx")).remarks[0] == "a\r\nb\rc"


# --- the hidden sheet that says what the workbook is -----------------------------------------


def _with_hidden(changes: dict[str, Any]) -> bytes:
    """A blank electronic-signature workbook whose hidden sheet has ``changes`` (``None``
    empties a row's key: the row is gone)."""
    book = load(export(new_record("electronic-signature"), "xlsx"))
    hidden = book["kz-checklists"]
    for row in hidden.iter_rows(min_row=2, max_row=10):
        key = row[0].value
        if key in changes:
            if changes[key] is None:
                row[0].value = None
            else:
                row[1].value = changes[key]
    return save(book)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"format": "other"},
            "kz-checklists!B2: the hidden sheet does not say 'kz-inspection-sheet'; it is not a sheet this library wrote",
        ),
        (
            {"format": None},
            "kz-checklists: the hidden sheet does not say 'kz-inspection-sheet'; it is not a sheet this library wrote",
        ),
        (
            {"format": ""},
            "kz-checklists!B2: the hidden sheet does not say 'kz-inspection-sheet'; it is not a sheet this library wrote",
        ),
        ({"format_version": "one"}, "kz-checklists!B3: the hidden sheet has no format version"),
        ({"format_version": True}, "kz-checklists!B3: the hidden sheet has no format version"),
        ({"format_version": None}, "kz-checklists: the hidden sheet has no format version"),
        (
            {"order": "V0000000000"},
            "kz-checklists!B4: the sheet is of order 'V0000000000', not V1900018805",
        ),
        ({"checklist": None}, "kz-checklists: the hidden sheet does not name the checklist"),
        ({"edition": 5}, "kz-checklists: the hidden sheet does not name the edition"),
    ],
)
def test_a_workbook_whose_hidden_sheet_is_not_this_library_s_is_refused_naming_the_cell(
    changes: dict[str, Any], problem: str
) -> None:
    assert problem in problems(_with_hidden(changes))


def test_a_csv_without_ids_of_this_library_says_how_to_name_its_checklist() -> None:
    data = "ID,№,Requirement,Verdict,Remark\nXYZ-1,1,a text,conforms,\n".encode()
    assert problems(data) == [
        "row 2: no row has a requirement ID of this library, so the sheet's checklist is "
        "unknown; add a 'checklist' column, or export the checklist and fill that in"
    ]


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [
        ({"language": "kk"}, "kz-checklists!B7", "has no text in 'kk'"),
        ({"checklist": "nope"}, "kz-checklists!B5", "unknown checklist 'nope'"),
    ],
)
def test_a_checklist_or_language_not_held_is_named_at_its_cell(
    changes: dict[str, Any], where: str, words: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(_with_hidden(changes))
    (problem,) = caught.value.problems
    assert problem.where == where and words in problem.message


def test_a_workbook_without_a_table_says_so_at_its_sheet() -> None:
    book = load(export(new_record("electronic-signature"), "xlsx"))
    sheet = book["Checklist"]
    top = labels(sheet)["ID"]
    for cell in sheet[top]:
        cell.value = None
    (found,) = problems(save(book))
    assert found.startswith("Checklist: no table of requirements: no row has the columns ")


def test_a_workbook_without_a_remark_column_reads_the_header_s_second_cells() -> None:
    record = full().reopen().mark("COM-003", "conforms")  # no remark is needed
    book = load(export(record, "xlsx"))
    sheet = book["Checklist"]
    top = labels(sheet)["ID"]
    remark = next(cell for cell in sheet[top] if cell.value == "Remark")
    remark.value = None
    got = read_sheet(save(book))
    assert got.header.assignment_act == record.header.assignment_act  # type: ignore[attr-defined]


def test_a_column_inserted_between_verdict_and_remark_keeps_the_header_s_second_cells() -> None:
    """A column added in a spreadsheet moves every row's cells, the header's too: an
    act's date is then under the Remark column, not in the column after the verdict."""
    record = full()
    book = load(export(record, "xlsx"))
    sheet = book["Checklist"]
    top = labels(sheet)["ID"]
    verdict = next(cell.column for cell in sheet[top] if cell.value == "Verdict")
    sheet.insert_cols(verdict + 1)
    got = read_sheet(save(book), final=True)
    assert got.header == record.header
    assert got == record


def test_a_workbook_without_its_hidden_sheet_reads_the_checklist_sheet_not_the_first() -> None:
    """Without the hidden sheet that names it, the form is the sheet called Checklist,
    wherever it stands; the first visible sheet only when no sheet has that name."""
    record = full().reopen()
    book = load(export(record, "xlsx"))
    del book["kz-checklists"]
    notes = book.create_sheet("Notes", 0)
    notes["A1"] = "ID"  # a table of no requirement: read, it would be refused
    assert book.sheetnames[:2] == ["Notes", "Checklist"]
    assert read_sheet(save(book)) == record


def test_a_csv_in_another_language_reads_back_with_the_edition_given(
    edition_file: Path,  # noqa: F811  # the fixture, imported from test_translation
) -> None:
    """A CSV names no language: its language is the one whose texts its rows hold."""
    # The pseudo-translation is test data that no law contains (tests/fixtures/pseudo).
    edition = kz.edition(str(edition_file))
    record = new_record("electronic-signature", edition=edition).mark(
        "EDS-002", "does-not-conform", "no CA"
    )
    data = export(record, "csv", edition=edition, language="qps")
    shown = edition.checklist("electronic-signature", language="qps").requirements[1].text
    assert shown.encode() in data  # the rows hold the pseudo text, not the English
    assert read_sheet(data, edition=edition) == record
    assert read_sheet(data, edition=str(edition_file)) == record
    # One row in English among rows in the pseudo language: the language is that of most.
    in_english = kz.checklist("electronic-signature").requirements[1].text
    edited = data.replace(shown.encode(), in_english.encode())
    assert problems(edited, edition=edition) == [
        "row 3: the text in this row is not the text of EDS-002 in edition '2023-revision' "
        "(the sheet was edited, or is of another edition); export the checklist again"
    ]


def test_the_sheet_the_hidden_sheet_names_is_read_whatever_its_title() -> None:
    record = full().reopen()
    book = load(export(record, "xlsx"))
    book["Checklist"].title = "Form"
    hidden = book["kz-checklists"]
    row = next(row for row in hidden.iter_rows() if row[0].value == "sheet")
    row[1].value = "Form"
    book.create_sheet("Checklist", 0)["A1"] = "ID"  # a sheet of the user's own
    assert read_sheet(save(book)) == record


def test_without_a_hidden_sheet_or_a_checklist_sheet_the_first_visible_sheet_is_read() -> None:
    record = full().reopen()
    book = load(export(record, "xlsx"))
    del book["kz-checklists"]
    book["Checklist"].title = "Form"
    kept = book.create_sheet("Kept", 0)
    kept["A1"] = "ID"
    kept.sheet_state = "hidden"
    assert book.sheetnames == ["Kept", "Form"]
    assert read_sheet(save(book)) == record


def test_an_error_value_in_the_hidden_sheet_is_named_at_its_cell() -> None:
    book = load(export(new_record("electronic-signature"), "xlsx"))
    hidden = book["kz-checklists"]
    row = next(row for row in hidden.iter_rows() if row[0].value == "language")
    row[1].value = "#REF!"
    (found,) = problems(save(book))
    assert found.startswith(f"kz-checklists!B{row[1].row}: the cell holds the spreadsheet error")
