"""The Word form: the same form as the HTML one, read back with python-docx."""

from __future__ import annotations

import builtins
import io
import os
import sys
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists import MissingExtraError
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.record.record import new_record

if os.environ.get("CI"):
    import docx  # in CI the test extra is installed: a missing python-docx fails
else:
    docx = pytest.importorskip("docx", reason="python-docx is in the test extra")

KEYS = ("informatization", "communications", "electronic-signature")


def document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


@pytest.mark.parametrize("key", KEYS)
def test_blank_word_form_follows_the_annex(key: str) -> None:
    checklist = kz.checklist(key)
    doc = document(export(checklist, "docx"))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == checklist.annex_caption
    assert paragraphs[1] == checklist.title
    for field in checklist.header_fields:
        assert any(p.startswith(field.label + " ") for p in paragraphs), field.label
        if field.suffix:  # after the blank, at the end of the line, as the annex has it
            assert any(p == f"{field.label} \t {field.suffix}" for p in paragraphs)
    table, *signatures = doc.tables
    assert [signature_words(t) for t in signatures] == [
        (b.role, *b.captions[0].split(), b.captions[1]) for b in checklist.signature_blocks
    ]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["№", checklist.list_heading, *checklist.columns]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows == [[str(r.number), f"{r.text} {r.id}", "", ""] for r in checklist.requirements]


def signature_words(table: Any) -> tuple[str, ...]:
    """A signature table's role and the captions under its blanks, in reading order."""
    blanks, under, _, name_under = table.rows
    return (
        blanks.cells[0].text,
        under.cells[1].text,
        under.cells[3].text,
        name_under.cells[0].text,
    )


def test_signature_captions_stand_under_their_blanks() -> None:
    record = new_record("electronic-signature").with_header(
        officials=[{"position": "Chief inspector", "full_name": "A. Akhmetov"}]
    )
    doc = document(export(record, "docx"))
    _, _, officials, head = doc.tables
    blanks, under, name, name_under = officials.rows
    assert [c.text for c in blanks.cells] == ["Official(s)", "Chief inspector", "", ""]
    assert [c.text for c in under.cells] == ["", "position", "", "signature"]
    assert name.cells[0].text == "A. Akhmetov" and len(set(name.cells)) == 1  # one merged cell
    assert name_under.cells[0].text == "surname, first name, patronymic (if any)"
    # Each blank is a line under its cell; the captions' cells have none.
    for cell in (blanks.cells[1], blanks.cells[3], name.cells[0]):
        assert cell._tc.xpath("./w:tcPr/w:tcBorders/w:bottom")
    assert not under.cells[1]._tc.xpath("./w:tcPr/w:tcBorders")
    assert [c.text for c in head.rows[0].cells][:2] == ["Head of the entity being monitored", ""]


def test_filled_word_form_shows_marks_remarks_and_score() -> None:
    record = (
        new_record("electronic-signature")
        .with_header(entity_name="<script>alert(1)</script>", inspection_date="2024-03-01")
        .mark_many(
            {
                "EDS-001": "conforms",
                "EDS-002": ("does-not-conform", "holders' data not protected"),
                "EDS-003": ("not-applicable", "not a certificate owner"),
            }
        )
    )
    doc = document(export(record, "docx"))
    paragraphs = [p.text for p in doc.paragraphs]
    assert any("<script>alert(1)</script>" in p for p in paragraphs)
    # Printed dates are DD.MM.YYYY, as on Kazakh forms.
    assert "Date of inspection 01.03.2024" in paragraphs
    table, score, *_ = doc.tables
    rows = {
        row.cells[1].text.rsplit(" ", 1)[-1]: [c.text for c in row.cells] for row in table.rows[1:]
    }
    assert rows["EDS-001"][2:] == ["✓", "", ""]
    assert rows["EDS-002"][2:] == ["", "✓", "holders' data not protected"]
    # A merged cell spans both columns: Word reports it in each.
    assert rows["EDS-003"][2:] == ["Not applicable", "Not applicable", "not a certificate owner"]
    assert rows["EDS-004"][2:] == ["Not assessed", "Not assessed", ""]
    summary = {row.cells[0].text: row.cells[1].text for row in score.rows}
    assert summary["Conforms"] == "1" and summary["Not assessed"] == "1"
    assert summary["XCCDF flat score"] == "1 of 2"
    heading = next(p for p in doc.paragraphs if p.text == "Score")
    assert heading.style.name == "Normal" and heading.runs[0].bold  # not Word's blue Heading 2


def test_the_mark_has_a_font_with_the_glyph_and_ids_do_not_break() -> None:
    record = new_record("electronic-signature").mark_many(
        {"EDS-001": "conforms", "EDS-002": "does-not-conform"}
    )
    doc = document(export(record, "docx"))
    table = doc.tables[0]
    (mark,) = table.rows[1].cells[2].paragraphs[0].runs
    fonts = mark._r.rPr.rFonts
    qn = docx.oxml.ns.qn
    assert mark.text == "✓" and mark.bold and mark.font.size.pt == 13
    assert {fonts.get(qn(f"w:{kind}")) for kind in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "DejaVu Sans"
    }
    # A requirement ID keeps its hyphen on the line: a non-breaking hyphen, read as "-".
    id_run = table.rows[1].cells[1].paragraphs[0].runs[-1]
    assert id_run.text == "EDS-001" and len(id_run._r.xpath("./w:noBreakHyphen")) == 1
    assert "-" not in "".join(id_run._r.xpath("./w:t/text()"))
    summary = next(p for p in doc.paragraphs if p.text.startswith("Complete: "))
    assert summary.text.endswith("Non-conforming: EDS-002.")
    assert summary._p.xpath(".//w:noBreakHyphen")


def test_the_assignment_act_is_filled_in_its_blank_before_the_form_s_words() -> None:
    record = new_record("electronic-signature").with_header(
        assignment_act={"number": "15", "date": "2025-02-12"}
    )
    paragraphs = [p.text for p in document(export(record, "docx")).paragraphs]
    assert "Act on the assignment of the inspection 15, 12.02.2025\t №, date" in paragraphs


@pytest.mark.parametrize("form", ["blank", "filled"])
def test_the_form_for_signing_leaves_out_the_score_and_the_additions(form: str) -> None:
    checklist = kz.checklist("electronic-signature")
    subject: Any = checklist
    if form == "filled":
        subject = new_record(checklist).mark("EDS-001", "conforms")
    doc = document(export(subject, "docx", score=False, additions=False))
    table, *signatures = doc.tables
    assert len(signatures) == 2  # no score table
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == [checklist.list_heading, *checklist.columns]
    assert [row.cells[0].text for row in table.rows[1:]] == [r.text for r in checklist.requirements]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "EDS-00" not in text and "Score" not in text and "Compliance rate" not in text
    note = doc.paragraphs[-1].text
    assert '"№"' not in note and "requirement IDs" not in note and "score" not in note
    if form == "blank":
        assert note == "Adilet V1900018805, Annex 5, edition 2023-revision."
    else:
        assert "the date of inspection" in note.lower() and "the remarks" in note
    informative = document(export(subject, "docx", score=False))
    assert informative.tables[0].rows[0].cells[0].text == "№"
    assert "requirement IDs" in informative.paragraphs[-1].text


def test_missing_python_docx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_docx(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "docx" or name.startswith("docx."):
            raise ImportError("No module named 'docx'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    monkeypatch.delitem(sys.modules, "docx", raising=False)
    with pytest.raises(MissingExtraError, match=r"kz-inspection-checklists\[docx\]"):
        export(kz.checklist("electronic-signature"), "docx")


@pytest.mark.parametrize("key", KEYS)
def test_the_note_after_the_form_names_the_number_column_and_the_ids(key: str) -> None:
    checklist = kz.checklist(key)
    for subject in (
        checklist,
        new_record(checklist).mark(checklist.requirements[0].id, "conforms"),
    ):
        doc = document(export(subject, "docx"))
        note = doc.paragraphs[-1].text
        header = [c.text for c in doc.tables[0].rows[0].cells]
        assert header[0] == "№" and "№" not in (checklist.list_heading, *checklist.columns)
        assert note.startswith(f"Adilet V1900018805, Annex {checklist.annex}")
        assert 'The "№" column, the requirement IDs' in note or (
            'The "№" column and the requirement IDs are' in note
        )
        assert "are this library's additions to the annex's form" in note
        assert ("the remarks and the score are" in note) is (subject is not checklist)
