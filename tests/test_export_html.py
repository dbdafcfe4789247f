"""The printable HTML form: the annex's parts verbatim, escaping, and what Chromium shows.

The Chromium tests skip only where Chromium is missing outside CI; with ``CI`` set
they fail instead (.ci/run installs Debian's chromium).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tools.docs import chromium, run_chromium, screenshot

import kz_inspection_checklists as kz
from kz_inspection_checklists._text import unsafe
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.record.record import InspectionRecord, new_record

KEYS = ("informatization", "communications", "electronic-signature")
ATTACK = "<script>document.body.setAttribute('data-pwned','1')</script>"
IMAGE_ATTACK = "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">"


class Page(HTMLParser):
    """What a reader of the page gets: text, rows with their cells, marked attributes."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, str]] = []
        self.cells: list[list[str]] = []
        self.text: list[str] = []
        self.body: dict[str, Optional[str]] = {}
        self.tags: list[str] = []
        self._cell: Optional[list[str]] = None
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "body":
            self.body = found
        if tag == "tr" and "requirement" in (found.get("class") or ""):
            self.rows.append({k: v or "" for k, v in found.items()})
            self.cells.append([])
        if tag == "td" and self.cells and len(self.rows) == len(self.cells):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.cells[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def filled() -> InspectionRecord:
    return (
        new_record("communications")
        .with_header(
            authority="Ministry",
            entity_name=ATTACK,
            address=IMAGE_ATTACK,
            inspection_date="2024-03-01",
            officials=[{"position": "Chief inspector", "full_name": "A. Akhmetov"}],
            head={"position": "Director", "full_name": "B. Bekova"},
        )
        .mark_many(
            {
                "COM-001": "conforms",
                "COM-002": ("does-not-conform", "no <b>certificate</b>"),
                "COM-003": ("not-applicable", "no mobilisation duties"),
            }
        )
    )


@pytest.mark.parametrize("key", KEYS)
def test_blank_form_follows_the_annex(key: str) -> None:
    checklist = kz.checklist(key)
    page = Page(export(checklist, "html").decode())
    words = page.words
    for text in (
        checklist.annex_caption,
        checklist.title,
        checklist.list_heading,
        *checklist.columns,
        *(f.label for f in checklist.header_fields),
        *(f.suffix for f in checklist.header_fields if f.suffix),
        *(b.role for b in checklist.signature_blocks),
        *(c for b in checklist.signature_blocks for c in b.captions),
    ):
        assert " ".join(text.split()) in words, text
    assert [(row["data-id"], cells[0], cells[1]) for row, cells in zip(page.rows, page.cells)] == [
        (r.id, str(r.number), f"{r.text} {r.id}") for r in checklist.requirements
    ]
    assert all(cells[2:] == ["", ""] for cells in page.cells)  # nothing marked
    markup = export(checklist, "html").decode()
    assert "@page { size: A4" in markup


def test_filled_form_shows_marks_remarks_and_the_other_verdicts_distinctly() -> None:
    page = Page(export(filled(), "html").decode())
    by_id = {row["data-id"]: (row, cells) for row, cells in zip(page.rows, page.cells)}
    assert len(by_id) == 72
    assert by_id["COM-001"][1][2:] == ["✓", "", ""]
    assert by_id["COM-002"][1][2:] == ["", "✓", "no <b>certificate</b>"]
    assert by_id["COM-003"][1][2:] == ["Not applicable", "no mobilisation duties"]
    assert by_id["COM-004"][1][2:] == ["Not assessed", ""]
    assert [by_id[i][0]["data-verdict"] for i in ("COM-001", "COM-002", "COM-003", "COM-004")] == [
        "conforms",
        "does-not-conform",
        "not-applicable",
        "not-assessed",
    ]
    words = page.words
    assert "Compliance rate: 50.0%" in words and "Non-conforming: COM-002" in words
    assert "XCCDF absolute score 0 of 1" in words
    assert "Chief inspector" in words and "B. Bekova" in words


def test_each_signature_blank_has_its_caption_under_it() -> None:
    markup = export(filled(), "html").decode()
    blanks = re.findall(
        r'<span class="blank-with-caption[^"]*"><span class="slot">([^<]*)</span>'
        r'<span class="under">([^<]*)</span></span>',
        markup,
    )
    name = "surname, first name, patronymic (if any)"
    assert blanks == [
        ("Chief inspector", "position"),
        ("", "signature"),
        ("A. Akhmetov", name),
        ("Director", "position"),
        ("", "signature"),
        ("B. Bekova", name),
    ]


def test_printed_dates_are_dd_mm_yyyy_and_the_act_s_words_follow_its_blank() -> None:
    record = filled().with_header(assignment_act={"number": "15", "date": "2025-02-12"})
    markup = export(record, "html").decode()
    act = re.search(r'<p data-field="assignment_act">(.*?)</p>', markup)
    assert act is not None
    # The value fills the blank; the annex's "№, date" stays after the blank.
    assert act.group(1).endswith(
        '<span class="blank filled">15, 12.02.2025</span> <span class="suffix">№, date</span>'
    )
    assert '<span class="blank filled">01.03.2024</span>' in markup  # the date of inspection
    assert "2024-03-01" not in markup and "2025-02-12" not in markup


@pytest.mark.parametrize("form", ["blank", "filled"])
def test_the_form_for_signing_has_neither_score_nor_additions(form: str) -> None:
    subject = kz.checklist("communications") if form == "blank" else filled()
    markup = export(subject, "html", score=False, additions=False).decode()
    page = Page(markup)
    assert "№" not in _head_cells(markup)
    assert all("COM-0" not in cell for cells in page.cells for cell in cells)
    assert 'class="id"' not in markup and "<h2>Score</h2>" not in markup
    foot = _foot(markup)
    assert "№" not in foot and "IDs" not in foot and "score" not in foot
    if form == "blank":
        assert foot == "Adilet V1900018805, Annex 4, edition 2023-revision."
    else:
        assert foot.startswith("Adilet V1900018805, Annex 4, edition 2023-revision. The date")
        assert [cells[0] for cells in page.cells][:2] == [
            r.text for r in kz.checklist("communications").requirements[:2]
        ]
    # Each left out alone.
    no_score = export(subject, "html", score=False).decode()
    assert "<h2>Score</h2>" not in no_score and 'class="id"' in no_score
    if form == "filled":
        with_score = export(subject, "html", additions=False).decode()
        assert "<h2>Score</h2>" in with_score and 'class="id"' not in with_score
        assert "the score" in _foot(with_score)


def _foot(markup: str) -> str:
    """The text of the page's last paragraph, the note under the notice."""
    found = re.search(r'<p class="source">(.*?)</p>', markup, re.S)
    assert found is not None
    return " ".join(Page(found.group(1)).words.split())


def _head_cells(markup: str) -> list[str]:
    head = re.search(r"<thead>(.*?)</thead>", markup, re.S)
    assert head is not None
    return [Page(cell).words for cell in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1))]


@pytest.mark.parametrize("key", KEYS)
def test_the_foot_names_every_column_the_annex_lacks(key: str) -> None:
    """The annex's table has only the list and its two columns; "№" and the IDs are ours."""
    checklist = kz.checklist(key)
    for subject in (
        checklist,
        new_record(checklist).mark(checklist.requirements[0].id, "conforms"),
    ):
        markup = export(subject, "html").decode()
        added = [
            c for c in _head_cells(markup) if c not in (checklist.list_heading, *checklist.columns)
        ]
        foot = _foot(markup)
        assert '"№" column' in foot and "the requirement IDs" in foot
        assert "are this library's additions to the annex's form, not the law's" in foot
        for column in added:
            assert column in foot or column.lower() + "s" in foot, (column, foot)
        if subject is checklist:
            assert added == ["№"]
            assert "date of inspection" not in foot and "remarks" not in foot
        else:
            assert added == ["№", "Remark"]
            assert (
                'the date of inspection, the "Not assessed" cells, the remarks and the score'
                in foot
            )
            assert "Not applicable" not in foot  # no row is


def test_every_user_string_is_escaped() -> None:
    markup = export(filled(), "html").decode()
    page = Page(markup)
    assert ATTACK in page.words and IMAGE_ATTACK in page.words  # shown as text
    assert page.tags.count("script") == 0 and page.tags.count("img") == 0
    assert "<b>" not in markup


@settings(max_examples=30, deadline=None)
@given(
    st.text(min_size=1, max_size=40).filter(
        lambda s: s.strip() == s and s.strip() and unsafe(s) is None
    )
)
def test_any_entity_name_is_shown_as_text(name: str) -> None:
    record = new_record("electronic-signature").with_header(entity_name=name)
    page = Page(export(record, "html").decode())
    assert " ".join(name.split()) in page.words
    assert page.tags.count("script") == 0


# --- in a real browser --------------------------------------------------------------


def browser() -> str:
    path = chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI; .ci/run installs Debian's chromium")
        pytest.skip("Chromium not installed (Debian: apt-get install chromium)")
    return path


def test_chromium_shows_all_72_rows_and_runs_no_injected_script(tmp_path: Path) -> None:
    path = browser()
    page_file = tmp_path / "form.html"
    page_file.write_bytes(export(filled(), "html"))
    dom = run_chromium(page_file, "--dump-dom", browser=path)
    page = Page(dom)
    assert [row["data-id"] for row in page.rows] == [
        r.id for r in kz.checklist("communications").requirements
    ]
    assert "data-pwned" not in page.body
    assert ATTACK in page.words and IMAGE_ATTACK in page.words
    assert "Not applicable" in page.words and "Not assessed" in page.words


def test_chromium_screenshot_of_the_blank_form(tmp_path: Path) -> None:
    browser()
    target = screenshot(export(kz.checklist("communications"), "html"), tmp_path / "form.png")
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (900, 1270)
    assert len(data) > 20_000  # a page of text and rules, not a blank image


def test_readme_screenshot_is_checked_in() -> None:
    png = Path(__file__).resolve().parents[1] / "docs/form-communications.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chromium_prints_the_form_on_a4(tmp_path: Path) -> None:
    path = browser()
    page_file = tmp_path / "form.html"
    page_file.write_bytes(export(kz.checklist("electronic-signature"), "html"))
    pdf = tmp_path / "form.pdf"
    run_chromium(page_file, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", browser=path)
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes()))
    # A4 is 210 mm x 297 mm: 595.3 pt x 841.9 pt.
    assert boxes and all(
        abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes
    )
