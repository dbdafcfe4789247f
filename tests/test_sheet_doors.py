"""The sheet and CSV doors keep the JSON door's promises: exact round trips, one text policy,
bounded work on hostile workbooks and CSVs, and every problem named by its cell or row."""

from __future__ import annotations

import datetime
import functools
import io
import re
import struct
import zipfile
from typing import Any, Callable, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists import InvalidInputError, InvalidRecordError
from kz_inspection_checklists._text import unsafe
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import export, sheet_cells
from kz_inspection_checklists.exports.sheet import read_sheet
from kz_inspection_checklists.law.in_force import earliest_in_force
from kz_inspection_checklists.record.files import dumps_record, validate
from kz_inspection_checklists.record.iin import iin_control_digit
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.verdicts import VERDICTS

pytest.importorskip("openpyxl")

IIN = "000101500120"
#: The same examples on every run, few enough for CI.
SETTINGS = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# --- exact round trips ----------------------------------------------------------------

#: What a person writes, and what a spreadsheet would take for a formula or an error.
_HAZARDS = ["'", "=", "+", "-", "@", "\t", "\n", "\r", "#N/A", "#REF!", " ", "нет УЦ", "ё"]
texts = (
    st.lists(st.sampled_from(_HAZARDS) | st.text(min_size=1, max_size=6), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda text: unsafe(text) is None)
)


@st.composite
def records(draw: st.DrawFn, *, whole_header: bool) -> InspectionRecord:
    """A valid electronic-signature record with hazardous texts; with ``whole_header``
    every header field (a workbook carries them all), else those a record's CSV carries."""
    record = new_record("electronic-signature")
    answers: dict[str, tuple[Optional[str], Optional[str]]] = {}
    for requirement_id in record.ids:
        verdict = draw(st.sampled_from((None, *VERDICTS)))
        remark = draw(texts if verdict == "not-applicable" else st.none() | texts)
        if remark is not None and verdict == "not-applicable" and not remark.strip():
            remark = "x" + remark
        answers[requirement_id] = (verdict, remark)
    record = record.mark_many(answers)
    eleven = draw(st.text(alphabet="0123456789", min_size=11, max_size=11))
    control = iin_control_digit(eleven)
    fields: dict[str, Any] = {
        "entity_name": draw(st.none() | texts),
        "iin_bin": None if control is None else f"{eleven}{control}",
        "inspection_date": draw(st.none() | st.dates(min_value=earliest_in_force(record.edition))),
    }
    if whole_header:
        person = st.fixed_dictionaries({"position": st.none() | texts, "full_name": texts})
        fields.update(
            authority=draw(st.none() | texts),
            assignment_act={
                "number": draw(st.none() | texts),
                "date": draw(st.none() | st.dates(min_value=datetime.date(1990, 1, 1))),
            },
            address=draw(st.none() | texts),
            officials=draw(st.lists(person, min_size=1, max_size=4)),
            head=draw(person),
        )
    record = record.with_header(**fields)
    if whole_header and draw(st.booleans()):
        record = kz.new_record("electronic-signature", profile="certification-centre")
        record = record.mark_many(answers).with_header(**fields)
    if whole_header and not record.missing_header_fields() and draw(st.booleans()):
        record = record.finish()
    return record


@SETTINGS
@given(records(whole_header=True))
def test_any_record_round_trips_through_a_workbook_byte_for_byte(record: InspectionRecord) -> None:
    back = read_sheet(export(record, "xlsx"), final=record.final)
    assert dumps_record(back) == dumps_record(record)


@SETTINGS
@given(records(whole_header=False))
def test_any_record_round_trips_through_its_csv_byte_for_byte(record: InspectionRecord) -> None:
    back = read_sheet(export(record, "csv"))
    assert dumps_record(back) == dumps_record(record)


@pytest.mark.parametrize("start", ["'", "=", "+", "-", "@", "'=1+1", "'-5 dB at the mast", "#N/A"])
@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_a_remark_that_starts_like_a_formula_comes_back_as_it_was(start: str, format: str) -> None:
    remark = f"{start} нет УЦ\tсм.\nакт №5"
    record = (
        new_record("electronic-signature")
        .mark("EDS-002", "does-not-conform", remark)
        .with_header(entity_name=start + "Example LLP", iin_bin=IIN, inspection_date="2024-03-01")
    )
    assert dumps_record(read_sheet(export(record, format))) == dumps_record(record)


def test_a_remark_of_200000_characters_round_trips_through_csv() -> None:
    record = new_record("electronic-signature").mark("EDS-001", "conforms", "ж" * 200_000)
    assert read_sheet(export(record, "csv")) == record
    # A workbook's cell holds at most 32,767 characters: refused, never cut.
    with pytest.raises(InvalidInputError, match="more than a cell holds"):
        export(record, "xlsx")


def test_a_final_record_s_sheet_reads_back_final_only_when_asked(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    record = new_record("electronic-signature").mark("EDS-001", "conforms")
    filled = record.with_header(
        authority="A",
        assignment_act={"number": "1", "date": "2024-02-01"},
        entity_name="E",
        iin_bin=IIN,
        address="Astana",
        inspection_date="2024-03-01",
        officials=[{"position": "P", "full_name": "N"}],
        head={"position": "H", "full_name": "M"},
    ).finish()
    sheet = tmp_path / "signed.xlsx"
    sheet.write_bytes(export(filled, "xlsx"))
    assert main(["read-sheet", str(sheet), "-o", str(tmp_path / "a.json")]) == 0
    assert kz.read_record(tmp_path / "a.json").final is False
    assert main(["read-sheet", str(sheet), "--final", "-o", str(tmp_path / "b.json")]) == 0
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == dumps_record(filled)


# --- one text policy ------------------------------------------------------------------

_SPOILERS = ["\x1b[2J", "\x07", "\u202e", "\ufffe", "\x9b", "\u200b", "#REF!", "=1+1", '"', "\r"]


@SETTINGS
@given(
    where=st.sampled_from(["remark", "entity", "iin", "date", "verdict", "id"]),
    junk=st.sampled_from(_SPOILERS) | st.text(max_size=8),
)
def test_read_sheet_never_makes_a_record_validate_refuses(where: str, junk: str) -> None:
    record = (
        new_record("electronic-signature")
        .mark("EDS-001", "conforms", "MARK-REMARK")
        .with_header(entity_name="MARK-ENTITY", iin_bin=IIN, inspection_date="2024-03-01")
    )
    marks = {
        "remark": "MARK-REMARK",
        "entity": "MARK-ENTITY",
        "iin": IIN,
        "date": "2024-03-01",
        "verdict": "conforms",
        "id": "EDS-001",
    }
    data = export(record, "csv").decode("utf-8").replace(marks[where], junk, 1)
    try:
        read = read_sheet(data.encode("utf-8", "surrogatepass"))
    except (InvalidRecordError, InvalidInputError):
        return
    assert validate(read) == ()


def test_a_control_character_in_a_cell_is_a_problem_naming_the_cell() -> None:
    record = new_record("electronic-signature").mark("EDS-003", "conforms", "MARK")
    data = export(record, "csv").replace(b"MARK", b"see \x1b[2J")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    (problem,) = caught.value.problems
    assert problem.where == "row 4" and "U+001B (ESCAPE)" in problem.message


# --- hostile workbooks ------------------------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"


@functools.cache
def _workbook() -> bytes:
    record = new_record("electronic-signature").mark("EDS-001", "conforms", "MARK")
    return export(record, "xlsx")


def rebuilt(data: bytes, change: Callable[[str, bytes], bytes], **extra: bytes) -> bytes:
    """The workbook with each part changed, and parts added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            target.writestr(part.filename, change(part.filename, source.read(part.filename)))
        for name, content in extra.items():
            target.writestr(name, content)
    return buffer.getvalue()


def in_sheet(rows: bytes) -> Callable[[str, bytes], bytes]:
    return lambda name, part: (
        part.replace(b"</sheetData>", rows + b"</sheetData>") if name == SHEET else part
    )


@pytest.mark.parametrize(
    "rows",
    [
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
        b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>',
        b"".join(b'<row r="%d"/>' % n for n in range(100, 90_000)),
    ],
    ids=["XFD1048576", "A1048576", "past Excel's rows", "90,000 rows"],
)
def test_a_cell_far_away_is_never_reached(rows: bytes) -> None:
    """Only the rows and columns a form holds are read: the record reads as it was."""
    record = read_sheet(rebuilt(_workbook(), in_sheet(rows)))
    assert record.answer("EDS-001") == ("conforms", "MARK")


def test_a_cell_past_excel_s_columns_is_the_library_s_error_not_an_internal_one() -> None:
    data = rebuilt(_workbook(), in_sheet(b'<row r="5000000"><c r="ZZZZ5000000"><v>1</v></c></row>'))
    with pytest.raises(InvalidInputError, match="'ZZZZ' is not a valid column name"):
        read_sheet(data)


def test_a_declared_grid_of_excel_s_limits_is_never_materialised() -> None:
    data = rebuilt(
        _workbook(),
        lambda name, part: part.replace(
            b'<dimension ref="A1:E28"/>', b'<dimension ref="A1:XFD1048576"/>'
        ),
    )
    assert read_sheet(data).answer("EDS-001") == ("conforms", "MARK")


@pytest.mark.parametrize(
    "part",
    [SHEET, "xl/worksheets/sheet2.xml", "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"],
)
@pytest.mark.parametrize(
    "declaration",
    [b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', b"<!DOCTYPE worksheet>", b'<!ENTITY a "b">'],
)
def test_a_part_with_a_dtd_is_refused_before_it_is_parsed(part: str, declaration: bytes) -> None:
    data = rebuilt(_workbook(), lambda name, body: declaration + body if name == part else body)
    with pytest.raises(
        InvalidInputError,
        match="^the sheet is refused: " + re.escape(f"its part {part!r} declares a docu"),
    ):
        read_sheet(data)


def test_an_entity_expanded_into_a_remark_is_refused() -> None:
    """A 3 KB sheet once made a remark of 3,000,000 characters."""
    entities = b'<!DOCTYPE worksheet [<!ENTITY a "' + b"x" * 1000 + b'">]>'
    data = rebuilt(
        _workbook(),
        lambda name, body: (
            entities + body.replace(b"MARK", b"&a;" * 3000) if name == SHEET else body
        ),
    )
    with pytest.raises(InvalidInputError, match="declares a document type"):
        read_sheet(data)


def test_a_part_that_unpacks_past_the_bound_is_refused_by_its_size() -> None:
    big = rebuilt(_workbook(), in_sheet(b" " * (sheet_cells.MAX_PART_BYTES + 1)))
    assert len(big) < 1_000_000
    with pytest.raises(
        InvalidInputError, match=r"^the sheet is refused: its part '.*' unpacks to more than 32 MiB"
    ):
        read_sheet(big)


def test_a_part_whose_header_understates_its_size_is_still_bounded() -> None:
    big = rebuilt(_workbook(), in_sheet(b" " * (sheet_cells.MAX_PART_BYTES + 1)))
    # Say in the archive's directory that the sheet unpacks to 1,000 bytes.
    at = big.rfind(b"PK\x01\x02", 0, big.rfind(SHEET.encode()) + 1)
    lied = big[: at + 24] + struct.pack("<L", 1000) + big[at + 28 :]
    # zipfile unpacks no more than the directory says, then finds the checksum wrong.
    with pytest.raises(
        InvalidInputError, match=r"^the sheet is not an XLSX workbook .*\(BadZipFile: Bad CRC-32"
    ):
        read_sheet(lied)


def test_parts_that_unpack_past_the_bound_together_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sheet_cells, "MAX_UNPACKED_BYTES", 2 << 20)
    monkeypatch.setattr(sheet_cells, "MAX_PART_BYTES", 4 << 20)
    big = rebuilt(_workbook(), in_sheet(b" " * (3 << 20)))
    with pytest.raises(InvalidInputError) as caught:
        read_sheet(big)
    assert str(caught.value) == (
        "the sheet is refused: its parts unpack to more than 2 MiB; it is not a filled form "
        "of this library"
    )


def test_a_workbook_of_too_many_parts_or_too_large_a_directory_is_refused() -> None:
    parts = {f"xl/media/x{n}.bin": b"" for n in range(sheet_cells.MAX_PARTS + 1)}
    with pytest.raises(
        InvalidInputError,
        match=r"^the sheet is refused: it has \d+ parts, more than a workbook's \(1000\)",
    ):
        read_sheet(rebuilt(_workbook(), lambda name, body: body, **parts))
    names = {"x/" + f"{n:0200d}": b"" for n in range(6000)}
    with pytest.raises(InvalidInputError, match="archive's directory takes"):
        read_sheet(rebuilt(_workbook(), lambda name, body: body, **names))


_END = b"PK\x05\x06"


def _end_field(data: bytes, at: int, value: bytes) -> bytes:
    """The workbook with ``value`` at byte ``at`` of its archive's end record."""
    end = data.rfind(_END)
    return data[: end + at] + value + data[end + at + len(value) :]


@pytest.mark.parametrize(
    ("at", "value"),
    [(10, b"\xff\xff"), (12, b"\xff" * 4), (16, b"\xff" * 4)],
    ids=["entries", "directory size", "directory offset"],
)
def test_an_archive_whose_end_record_marks_zip64_is_refused(at: int, value: bytes) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_sheet(_end_field(_workbook(), at, value))
    assert str(caught.value) == (
        "the sheet is refused: it is a Zip64 archive, which no workbook of a form needs; it "
        "is not a filled form of this library"
    )


def test_a_directory_said_to_take_2_gib_is_refused_by_that_size() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"^the sheet is refused: its archive's directory takes 2147483648 bytes, more "
        r"than a workbook's \(1048576\)",
    ):
        read_sheet(_end_field(_workbook(), 12, struct.pack("<L", 1 << 31)))


def test_a_directory_exactly_at_its_bound_is_read_behind_the_longest_comment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An archive's comment (up to 64 KiB) stands after its end record, which is then
    found as zipfile finds it: here, at the very start of the bytes it looks in."""
    data = _workbook()
    comment = b"c" * 0xFFFF
    commented = _end_field(data, 20, struct.pack("<H", len(comment))) + comment
    (size,) = struct.unpack("<L", data[data.rfind(_END) + 12 :][:4])
    monkeypatch.setattr(sheet_cells, "MAX_DIRECTORY_BYTES", size)
    assert read_sheet(commented).answer("EDS-001") == ("conforms", "MARK")
    monkeypatch.setattr(sheet_cells, "MAX_DIRECTORY_BYTES", size - 1)
    with pytest.raises(
        InvalidInputError,
        match=f"^the sheet is refused: its archive's directory takes {size} bytes, more than "
        rf"a workbook's \({size - 1}\)",
    ):
        read_sheet(commented)


def test_an_end_record_s_signature_inside_a_part_is_not_taken_for_the_end_record() -> None:
    buffer = io.BytesIO(_workbook())
    with zipfile.ZipFile(buffer, "a") as archive:  # stored, so its bytes stand as they are
        fake = _END + bytes(6) + b"\xff\xff" + bytes(10)  # one that would say Zip64
        archive.writestr("customXml/note.bin", fake, compress_type=zipfile.ZIP_STORED)
        archive.comment = b"a comment, so the end record is searched for"
    assert read_sheet(buffer.getvalue()).answer("EDS-001") == ("conforms", "MARK")


def test_an_archive_cut_inside_its_end_record_is_no_workbook() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"^the sheet is not an XLSX workbook \(no zip archive's directory at its end\)",
    ):
        read_sheet(b"PK\x03\x04" + b"x" * 100 + _END + bytes(5))


def test_an_archive_zipfile_cannot_open_says_what_failed() -> None:
    data = _workbook()
    broken = data.replace(b"PK\x01\x02", b"PK\x01\x09", 1)  # the first directory entry
    with pytest.raises(
        InvalidInputError,
        match=r"^the sheet is not an XLSX workbook this library can read \(BadZipFile: .+\); "
        r"save it as an Excel workbook \(.xlsx\) or as CSV UTF-8$",
    ):
        read_sheet(broken)


def test_parts_exactly_at_the_bound_together_are_read_and_one_byte_more_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Parts read in more than one chunk each, so every byte of each counts."""
    media = {f"xl/media/m{n}.bin": b" " * (3 << 19) for n in range(3)}
    data = rebuilt(_workbook(), lambda name, body: body, **media)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(part.file_size for part in archive.infolist())
    monkeypatch.setattr(sheet_cells, "MAX_UNPACKED_BYTES", total)
    assert read_sheet(data).answer("EDS-001") == ("conforms", "MARK")
    monkeypatch.setattr(sheet_cells, "MAX_UNPACKED_BYTES", total - 1)
    with pytest.raises(
        InvalidInputError, match=r"^the sheet is refused: its parts unpack to more than"
    ):
        read_sheet(data)


def test_an_element_ending_where_a_chunk_read_ends_is_counted_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A part is read a MiB at a time, with the end of each read kept to find what
    straddles two; what the kept end holds was counted already."""
    data = _workbook()
    rows = _most(data)["row"]
    element = b"<row/"
    part = b"<row/>" * (rows - 1)
    part += b" " * ((1 << 20) - len(part) - len(element)) + element + b">" + b" " * 100
    assert part.rindex(element) + len(element) == 1 << 20
    monkeypatch.setattr(sheet_cells, "MAX_ROWS", rows)
    extra = {"xl/media/rows.xml": part}
    assert read_sheet(rebuilt(data, lambda name, body: body, **extra)).answer("EDS-001") == (
        "conforms",
        "MARK",
    )


@pytest.mark.parametrize(
    ("bound", "what"),
    [("MAX_CELLS", "cells"), ("MAX_ROWS", "rows"), ("MAX_STRINGS", "shared strings")],
)
def test_a_part_of_more_cells_rows_or_strings_than_a_form_has_is_refused(
    monkeypatch: pytest.MonkeyPatch, bound: str, what: str
) -> None:
    """openpyxl's work grows with them: a part is counted before it is parsed."""
    monkeypatch.setattr(sheet_cells, bound, 20)
    book = _workbook()
    if what == "shared strings":
        strings = b"".join(b"<si><t>%d</t></si>" % n for n in range(21))
        book = rebuilt(book, lambda name, body: body, **{"xl/strings.xml": b"<sst>" + strings})
    with pytest.raises(InvalidInputError, match=f"holds more than 20 {what}"):
        read_sheet(book)


@pytest.mark.parametrize(
    "encode",
    [lambda text: text.encode("utf-16"), lambda text: b"\xfe\xff" + text.encode("utf-16-be")],
)
def test_a_utf16_part_is_refused(encode: Any) -> None:
    data = rebuilt(_workbook(), lambda name, body: encode(body.decode()) if name == SHEET else body)
    with pytest.raises(InvalidInputError, match=r"^the sheet is refused: its part '.*' is UTF-16"):
        read_sheet(data)


@pytest.mark.parametrize(
    "value", ["#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
)
def test_a_spreadsheet_error_value_in_any_cell_is_a_problem_naming_it(value: str) -> None:
    cell = b'<c r="E15" s="6" t="inlineStr"><is><t>MARK</t></is></c>'
    error = b'<c r="E15" t="e"><v>' + value.encode() + b"</v></c>"
    label = b'<c r="A12" t="e"><v>' + value.encode() + b"</v></c>"
    data = rebuilt(
        _workbook(),
        lambda name, body: (
            body.replace(cell, error).replace(b'<row r="12"', b'<row r="12" x="1"', 1)
            if name == SHEET
            else body
        ),
    )
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    assert [p.where for p in caught.value.problems] == ["Checklist!E15"]
    assert f"the spreadsheet error {value}" in caught.value.problems[0].message
    del label


def test_a_cell_longer_than_a_workbook_cell_holds_is_a_problem_naming_it() -> None:
    long = b"y" * 40_000
    data = rebuilt(
        _workbook(), lambda name, body: body.replace(b"MARK", long) if name == SHEET else body
    )
    with pytest.raises(InvalidRecordError, match=r"Checklist!E15: the cell holds 40000 characters"):
        read_sheet(data)


def test_memory_running_out_is_the_library_s_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr("kz_inspection_checklists.exports.sheet.workbook_cells", exhausted)
    with pytest.raises(
        InvalidInputError, match=r"too large or too deeply nested to read .*\(MemoryError\)"
    ):
        read_sheet(_workbook())


def test_a_broken_cell_reference_is_the_library_s_error() -> None:
    data = rebuilt(
        _workbook(),
        lambda name, body: body.replace(b'r="E15"', b'r="E15X"') if name == SHEET else body,
    )
    with pytest.raises(InvalidInputError, match="not an XLSX workbook this library can read"):
        read_sheet(data)


# --- CSV ------------------------------------------------------------------------------


@functools.cache
def _csv() -> bytes:
    record = (
        new_record("electronic-signature")
        .mark("EDS-002", "conforms", "MARK")
        .mark("EDS-003", "does-not-conform", "later")
        .with_header(entity_name="Example LLP", iin_bin=IIN, inspection_date="2024-03-01")
    )
    return export(record, "csv")


def test_an_unclosed_quote_is_a_problem_naming_its_row_not_rows_swallowed() -> None:
    data = _csv().replace(b"MARK", '"нет УЦ'.encode())
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    (problem,) = caught.value.problems
    assert problem.where == "row 3"
    assert problem.message.startswith("a quote left open or a stray quote (lines 3 to 4)")


def test_an_unclosed_quote_at_the_end_is_a_problem() -> None:
    data = _csv() + b'EDS-001,1,electronic-signature,2023-revision,x,conforms,"open'
    with pytest.raises(
        InvalidRecordError, match=r"row 6: a quote that opens a cell on line 6 is never closed"
    ):
        read_sheet(data)


def test_a_stray_quote_is_a_problem_naming_its_row() -> None:
    data = _csv().replace(b"MARK", b'"said" no')
    with pytest.raises(
        InvalidRecordError, match=r"row 3: a quote left open or a stray quote \(line 3\)"
    ):
        read_sheet(data)


def test_a_cell_past_the_csv_cell_limit_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_cells, "MAX_CSV_CELL", 1000)
    data = _csv().replace(b"MARK", b"z" * 2000)
    with pytest.raises(
        InvalidRecordError, match=r"row 3: a cell from line 3 holds more than 1,000"
    ):
        read_sheet(data)


def test_a_csv_of_a_million_rows_is_refused_after_the_rows_a_form_holds() -> None:
    head, _, row = _csv().partition(b"\r\n")
    data = head + b"\r\n" + row.partition(b"\r\n")[0] + b"\r\n" + b"x,y\r\n" * 1_000_000
    with pytest.raises(
        InvalidRecordError, match=r"read as CSV .it is no XLSX workbook., has more than \d+ rows"
    ):
        read_sheet(data)


def test_a_spreadsheet_error_value_in_a_csv_is_a_problem_naming_the_row() -> None:
    with pytest.raises(
        InvalidRecordError, match=r"row 3: the cell holds the spreadsheet error #N/A"
    ):
        read_sheet(_csv().replace(b"MARK", b"#N/A"))


def test_the_record_csv_s_header_columns_are_read_back() -> None:
    record = read_sheet(_csv())
    assert record.header.entity_name == "Example LLP"  # type: ignore[attr-defined]
    assert record.header.iin_bin == IIN  # type: ignore[attr-defined]
    assert str(record.header.inspection_date) == "2024-03-01"  # type: ignore[attr-defined]


def test_rows_that_disagree_about_a_header_field_are_a_problem_naming_the_row() -> None:
    lines = _csv().split(b"\r\n")
    lines[3] = lines[3].replace(b"Example LLP", b"Other LLP")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(b"\r\n".join(lines))
    (problem,) = caught.value.problems
    assert problem.where == "row 4"
    assert (
        "the entity_name is 'Other LLP' in this row, but 'Example LLP' in row 2" in problem.message
    )


def test_a_csv_row_without_the_header_columns_takes_them_from_the_others() -> None:
    lines = _csv().split(b"\r\n")
    lines[3] = b",".join(lines[3].split(b",")[:7])  # EDS-002's row ends at its remark
    record = read_sheet(b"\r\n".join(lines))
    assert record.header.entity_name == "Example LLP"  # type: ignore[attr-defined]
    assert record.answer("EDS-002").remark == "MARK"


def test_a_csv_s_problems_come_in_its_rows_order_header_columns_too() -> None:
    data = _csv().replace(IIN.encode(), b"000101500121").replace(b"MARK", b"\x1b")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    assert [p.where for p in caught.value.problems] == ["row 2", "row 3"]
    assert "IIN/BIN '000101500121' fails its control digit" in caught.value.problems[0].message


def _column(data: bytes, name: bytes, value: bytes, rows: slice = slice(1, None)) -> bytes:
    """The CSV with ``value`` in column ``name`` of the given rows (0 is the header)."""
    import csv

    table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    at = table[0].index(name.decode())
    for number in range(len(table))[rows]:
        if table[number]:
            table[number][at] = value.decode()
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return out.getvalue().encode("utf-8")


def test_a_csv_of_two_checklists_or_editions_is_refused_naming_the_row() -> None:
    data = _column(_csv(), b"checklist", b"communications", slice(3, 4))
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    assert [str(p) for p in caught.value.problems] == [
        "row 4: the checklist is 'electronic-signature' above; one sheet is of one checklist "
        "of one edition"
    ]


def test_a_csv_s_checklist_column_names_its_checklist() -> None:
    data = _column(_csv(), b"checklist", b"communications")
    with pytest.raises(
        InvalidRecordError,
        match="belongs to checklist 'electronic-signature', not 'communications'",
    ):
        read_sheet(data)


def _without(data: bytes, *names: str) -> bytes:
    """The CSV without the columns ``names``."""
    import csv

    table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    kept = [i for i, name in enumerate(table[0]) if name not in names]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([[r[i] for i in kept] for r in table])
    return out.getvalue().encode("utf-8")


def test_a_csv_s_checklist_column_naming_no_checklist_is_refused_at_its_cell() -> None:
    data = _without(_column(_csv(), b"checklist", b"nope"), "edition")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    (problem,) = caught.value.problems
    assert problem.where == "row 2"
    assert problem.message.startswith("unknown checklist 'nope'; expected one of: ")


def test_a_csv_of_an_edition_whose_text_is_not_held_is_refused_at_its_first_id() -> None:
    """Without a checklist column, the problem stands at the first row's ID, which
    gave the checklist."""
    data = _without(_csv(), "edition", "checklist")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data, edition="2019-original")
    (problem,) = caught.value.problems
    assert problem.where == "row 2"
    assert "in edition '2019-original' is not available in this library" in problem.message


def test_an_edition_the_library_does_not_hold_is_refused_saying_how_to_give_it() -> None:
    data = _column(_csv(), b"edition", b"2024-revision")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    (problem,) = caught.value.problems
    assert problem.where == "row 2"
    assert problem.message.endswith(
        "; for an edition this library does not bundle, pass its edition file"
    )
    assert problem.edition == "2024-revision"  # the command line adds "(--edition FILE)"
    checklist = kz.checklist("electronic-signature")
    lines = ["ID,№,Requirement,Verdict,Remark"]
    lines += [f'{r.id},{r.number},"{r.text}",conforms,' for r in checklist.requirements]
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet("\n".join(lines).encode("utf-8"), edition="2024")
    assert [p.where for p in caught.value.problems] == ["edition"]


def test_a_sheet_whose_texts_no_edition_holds_is_checked_against_the_latest() -> None:
    lines = ["ID,№,Requirement,Verdict,Remark"]
    checklist = kz.checklist("electronic-signature")
    lines += [f'{r.id},{r.number},"{r.text} (edited)",conforms,' for r in checklist.requirements]
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet("\n".join(lines).encode("utf-8"))
    assert [p.where for p in caught.value.problems] == ["row 2", "row 3", "row 4", "row 5"]
    assert caught.value.problems[0].message.startswith(
        "the text in this row is not the text of EDS-001 in edition '2023-revision'"
    )


def test_a_csv_row_of_its_id_alone_is_a_problem_of_that_row() -> None:
    lines = _csv().split(b"\r\n")
    lines[3] = lines[3].split(b",")[0]
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(b"\r\n".join(lines))
    assert [p.where for p in caught.value.problems] == ["row 4"]


def _sheet_columns(header: str, row: str) -> list[str]:
    checklist = kz.checklist("electronic-signature")
    return [header] + [row.format(r=r) for r in checklist.requirements]


def test_a_table_without_a_remark_column_reads_its_verdicts() -> None:
    lines = _sheet_columns("ID,Requirement,Verdict", '{r.id},"{r.text}",conforms')
    record = read_sheet("\n".join(lines).encode())
    assert record.verdicts == ("conforms",) * 4 and record.remarks == (None,) * 4


def test_a_table_ends_at_its_first_empty_row() -> None:
    lines = _sheet_columns("ID,Requirement,Verdict", '{r.id},"{r.text}",conforms')
    lines.insert(3, "")
    assert read_sheet("\n".join(lines).encode()).verdicts == ("conforms", "conforms", None, None)


def test_a_file_without_a_table_names_the_columns_a_table_has() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(b"a,b\n1,2\n")
    assert [str(p) for p in caught.value.problems] == [
        "no table of requirements: no row has the columns ID, №, Requirement, Verdict, Remark "
        "(ID, Requirement and Verdict at least); export the checklist with 'kz-checklists "
        "export CHECKLIST --format xlsx' and fill that in"
    ]


def test_a_sheet_of_an_edition_given_with_a_longer_checklist_is_read_whole(tmp_path: Any) -> None:
    """The rows read are bounded by the longest checklist held, or of the edition given."""
    edition = kz.edition("2023")
    own = next(c for c in edition.checklists if c.key == "electronic-signature")
    many = tuple(
        own.requirements[0].model_copy(
            update={"id": f"EDS-{n:03d}", "number": n, "text": f"made-up requirement {n}"}
        )
        for n in range(1, 1201)
    )
    longer = edition.model_copy(
        update={
            "id": "long",
            "aliases": (),
            "checklists": tuple(
                c.model_copy(
                    update={"edition": "long", **({"requirements": many} if c is own else {})}
                )
                for c in edition.checklists
            ),
        }
    )
    from kz_inspection_checklists.law.store import edition_file_json

    path = tmp_path / "long.json"
    path.write_text(edition_file_json(longer, {}), encoding="utf-8")
    lines = ["ID,Requirement,Verdict"] + [f'{r.id},"{r.text}",conforms' for r in many]
    record = read_sheet("\n".join(lines).encode(), edition=kz.edition(str(path)))
    assert record.verdicts.count("conforms") == 1200


def test_a_sheet_named_by_what_is_no_path_or_that_cannot_be_read_is_refused_naming_it(
    tmp_path: Any,
) -> None:
    with pytest.raises(
        InvalidInputError, match=r"^a sheet is named by a path or given as bytes, not 5$"
    ):
        read_sheet(5)  # type: ignore[arg-type]
    missing = tmp_path / "missing.xlsx"
    with pytest.raises(
        InvalidInputError, match=f"^cannot read sheet {re.escape(repr(str(missing)))}: "
    ):
        read_sheet(missing)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(
        InvalidInputError, match=f"^sheet {re.escape(repr(str(old)))} is an Excel 97-2003"
    ):
        read_sheet(old)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(
        InvalidInputError, match=f"^sheet {re.escape(repr(str(broken)))} is not an XLSX"
    ):
        read_sheet(broken)


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_plan_of_findings_is_refused_saying_what_it_is(format: str) -> None:
    from kz_inspection_checklists.exports.findings import plan_bytes

    record = new_record("electronic-signature").mark("EDS-001", "does-not-conform")
    with pytest.raises(InvalidInputError) as caught:
        read_sheet(plan_bytes([record], format))
    assert str(caught.value) == (
        "the sheet is a plan of findings (kz-checklists findings), not a filled checklist; "
        "read-sheet reads the workbook or CSV of 'kz-checklists export' or 'export-record'"
    )


@pytest.mark.parametrize("cell", ["B3000", "Z12"], ids=["a row past", "a column past"])
def test_a_workbook_s_cells_past_those_a_form_holds_are_never_read(cell: str) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_workbook()))
    book["Checklist"][cell] = "#REF!"  # an error value, a problem wherever it is read
    buffer = io.BytesIO()
    book.save(buffer)
    read_sheet(buffer.getvalue())


def test_the_form_sheet_is_found_by_its_title_wherever_it_stands() -> None:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(_workbook()))
    book.move_sheet("kz-checklists", offset=-1)
    assert book.sheetnames[0] == "kz-checklists"
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_sheet(buffer.getvalue()) == read_sheet(_workbook())


def test_a_header_field_given_first_on_a_later_row_has_its_problem_in_that_row_s_place() -> None:
    data = _column(_csv(), b"iin_bin", b"", slice(1, 4))  # rows 2 to 4 give none
    data = _column(data, b"iin_bin", b"000101500121", slice(4, 5))  # row 5: a wrong one
    data = data.replace(b"MARK", b"\x1b")  # row 3: a remark the formats cannot carry
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    assert [p.where for p in caught.value.problems] == ["row 3", "row 5"]


def test_a_table_of_no_rows_says_no_row_has_an_id() -> None:
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(b"ID,Requirement,Verdict\n")
    assert [p.where for p in caught.value.problems] == ["ID"]


def test_an_edition_given_that_is_not_the_sheet_s_is_refused_at_the_edition_s_cell(
    tmp_path: Any,
) -> None:
    from kz_inspection_checklists.law.store import edition_file_json

    edition = kz.edition("2023")
    other = edition.model_copy(
        update={
            "id": "other",
            "aliases": (),
            "checklists": tuple(
                c.model_copy(update={"edition": "other"}) for c in edition.checklists
            ),
        }
    )
    path = tmp_path / "other.json"
    path.write_text(edition_file_json(other, {}), encoding="utf-8")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(_csv(), edition=kz.edition(str(path)))
    assert [str(p) for p in caught.value.problems] == [
        "row 2: the sheet is of edition '2023-revision', but the edition given is 'other'"
    ]


def test_a_csv_is_read_up_to_its_row_limit_and_refused_past_it() -> None:
    def found(grid: Any) -> bool:
        return bool(grid)

    three = b"ID,Requirement,Verdict\r\nEDS-001,a,conforms\r\nEDS-002,b,conforms\r\n"
    assert len(sheet_cells.csv_cells(three, "the sheet", 3, found)) == 3
    with pytest.raises(InvalidRecordError) as caught:
        sheet_cells.csv_cells(three + b"EDS-003,c,conforms\r\n", "the sheet", 3, found)
    (problem,) = caught.value.problems
    assert problem.where == "row 4"
    assert problem.message == (
        "the file, read as CSV (it is no XLSX workbook), has more than 3 rows, more than a "
        "sheet of the longest checklist holds; give one checklist's table, as 'kz-checklists "
        "export --format xlsx' or csv makes it"
    )


def test_every_error_value_of_a_csv_is_named() -> None:
    data = _csv().replace(b"MARK", b"#N/A").replace(b"later", b"#REF!")
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(data)
    assert [p.where for p in caught.value.problems] == ["row 3", "row 4"]


def test_a_csv_s_columns_past_the_64th_are_never_read() -> None:
    """A CSV row is read up to four times the columns a workbook's is (64): past them,
    not even an error value is looked at."""
    lines = _csv().decode().split("\r\n")
    width = len(lines[0].split(","))
    for column, refused in ((64, True), (65, False)):
        changed = list(lines)
        changed[2] += "," * (column - width - 1) + ",#N/A"  # row 3, column `column`
        data = "\r\n".join(changed).encode()
        if refused:
            with pytest.raises(InvalidRecordError, match="spreadsheet error #N/A"):
                read_sheet(data)
        else:
            assert read_sheet(data).answer("EDS-002") == ("conforms", "MARK")


def test_an_error_value_in_a_column_no_field_reads_is_named_too() -> None:
    lines = _csv().decode().split("\r\n")
    lines[0] += ",notes"
    lines[2] += ",#DIV/0!"  # row 3 of 5
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet("\r\n".join(lines).encode())
    assert [str(p) for p in caught.value.problems] == [
        "row 3: the cell holds the spreadsheet error #DIV/0! (a formula or a reference that "
        "failed), not a value; write the value itself"
    ]


@pytest.mark.parametrize(
    ("error", "kind"),
    [(MemoryError(), "too little memory: "), (KeyError("xl/workbook.xml"), "KeyError: ")],
)
def test_a_workbook_openpyxl_cannot_open_says_what_failed(
    monkeypatch: pytest.MonkeyPatch, error: BaseException, kind: str
) -> None:
    import openpyxl

    def fails(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(openpyxl, "load_workbook", fails)
    with pytest.raises(InvalidInputError) as caught:
        read_sheet(_workbook())
    assert str(caught.value).startswith(
        f"the sheet is not an XLSX workbook this library can read ({kind}"
    )


def _most(data: bytes) -> dict[str, int]:
    """The largest part's size, and the most cells and rows a part holds, as counted."""
    most = {"bytes": 0, "c": 0, "row": 0}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            part = archive.read(name)
            most["bytes"] = max(most["bytes"], len(part))
            found = [m.group(1) for m in sheet_cells._ELEMENT.finditer(part)]
            most["c"] = max(most["c"], found.count(b"c"))
            most["row"] = max(most["row"], found.count(b"row"))
    return most


def test_a_cell_of_empty_text_in_a_workbook_s_xml_is_an_empty_cell() -> None:
    data = rebuilt(
        _workbook(),
        lambda name, body: body.replace(b"<t>MARK</t>", b"<t></t>") if name == SHEET else body,
    )
    assert read_sheet(data).answer("EDS-001") == ("conforms", None)


def test_a_sheet_openpyxl_cannot_read_says_what_failed() -> None:
    """openpyxl opens a workbook without reading its sheets; one that breaks as it is
    read is refused as the library's error too."""
    data = rebuilt(
        _workbook(),
        lambda name, body: body.replace(b"</sheetData>", b"</sheetDat>") if name == SHEET else body,
    )
    with pytest.raises(
        InvalidInputError,
        match=r"^the sheet is not an XLSX workbook this library can read \(\w+: ",
    ):
        read_sheet(data)


def test_a_workbook_exactly_at_each_bound_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _workbook()
    most = _most(data)
    monkeypatch.setattr(sheet_cells, "MAX_PART_BYTES", most["bytes"])
    monkeypatch.setattr(sheet_cells, "MAX_CELLS", most["c"])
    monkeypatch.setattr(sheet_cells, "MAX_ROWS", most["row"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        monkeypatch.setattr(sheet_cells, "MAX_PARTS", len(archive.infolist()))
    read_sheet(data)
    monkeypatch.setattr(sheet_cells, "MAX_PARTS", sheet_cells.MAX_PARTS - 1)
    with pytest.raises(InvalidInputError, match=r"^the sheet is refused: it has .* parts, more"):
        read_sheet(data)
    monkeypatch.setattr(sheet_cells, "MAX_PARTS", sheet_cells.MAX_PARTS + 1)
    monkeypatch.setattr(sheet_cells, "MAX_CELLS", most["c"] - 1)
    with pytest.raises(
        InvalidInputError,
        match=f"^the sheet is refused: its part '.*' holds more than {most['c'] - 1:,} cells",
    ):
        read_sheet(data)
    monkeypatch.setattr(sheet_cells, "MAX_CELLS", most["c"])
    monkeypatch.setattr(sheet_cells, "MAX_PART_BYTES", most["bytes"] - 1)
    with pytest.raises(
        InvalidInputError, match=r"^the sheet is refused: its part '.*' unpacks to more than"
    ):
        read_sheet(data)


def test_a_remark_cell_of_empty_text_is_no_remark_and_of_the_most_characters_is_kept() -> None:
    import openpyxl

    record = new_record("electronic-signature").mark_many(
        {"EDS-001": "conforms", "EDS-002": ("conforms", "x" * 32767)}
    )
    book = openpyxl.load_workbook(io.BytesIO(export(record, "xlsx")))
    sheet = book["Checklist"]
    top = next(row[0].row for row in sheet.iter_rows() if row[0].value == "ID")
    sheet.cell(row=top + 1, column=5).value = ""
    buffer = io.BytesIO()
    book.save(buffer)
    got = read_sheet(buffer.getvalue())
    assert got.answer("EDS-001").remark is None
    assert got.answer("EDS-002").remark == "x" * 32767


def test_an_empty_file_is_a_sheet_without_a_table() -> None:
    with pytest.raises(InvalidRecordError, match="no table of requirements"):
        read_sheet(b"")


def test_a_workbook_s_profile_that_is_none_of_its_checklist_s_is_named_at_its_cell() -> None:
    import openpyxl

    record = new_record("communications", profile="mobile-operator")
    book = openpyxl.load_workbook(io.BytesIO(export(record, "xlsx")))
    hidden = book["kz-checklists"]
    cell = next(row[1] for row in hidden.iter_rows() if row[0].value == "profile")
    cell.value = "nope"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(InvalidRecordError) as caught:
        read_sheet(buffer.getvalue())
    (problem,) = caught.value.problems
    assert problem.where == f"kz-checklists!B{cell.row}"
    assert problem.message.startswith("unknown profile 'nope' for checklist 'communications'")
