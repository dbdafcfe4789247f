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
    for block in checklist.signature_blocks:
        assert any(p.startswith(block.role + " ") for p in paragraphs)
        assert all(caption in paragraphs for caption in block.captions)
    (table,) = doc.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == ["№", checklist.list_heading, *checklist.columns]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows == [[str(r.number), f"{r.text} {r.id}", "", ""] for r in checklist.requirements]


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
    assert any(p.startswith("Date of inspection 2024-03-01") for p in paragraphs)
    table, score = doc.tables
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
        assert '"№" column and the requirement IDs are this library\'s additions' in note
        assert ("the remarks and the score also extend" in note) is (subject is not checklist)
