"""The printable form as a Word document (DOCX, A4), for offices that fill forms in Word.

The same form as :mod:`.form_html`: the annex caption, the title, the header fields
with blanks, the requirements with the form's two columns, the signature blocks; the
"№" column and the requirement IDs are the library's additions, and a filled form adds
the marks, "Not applicable" / "Not assessed", the remarks and the score, which extend
the annex's form too; the note after the form names them all. What the text is (publisher, language,
official or not, from the edition's ``source``) follows the form and stands in the
footer of every page. Needs the ``docx`` extra
(``pip install 'kz-inspection-checklists[docx]'``, which installs python-docx).
"""

from __future__ import annotations

import datetime
import io
from typing import Any, Optional

from ..exceptions import MissingExtraError
from ..record.scoring import decimal_text
from ..record.verdicts import NOT_APPLICABLE, NOT_ASSESSED
from ._shared import source_line, timestamp
from .view import LABELS, FormView, ScoreView, additions_note

__all__ = ["form_docx", "render"]

_MARK = "✓"
#: The states printed across both columns, since neither column is marked.
_OTHER = {state: LABELS[state] for state in (NOT_APPLICABLE, NOT_ASSESSED)}
_BLANK = "_" * 32


def _docx() -> Any:
    try:
        import docx
    except ImportError:
        raise MissingExtraError(
            "the docx export needs python-docx: pip install 'kz-inspection-checklists[docx]'"
        ) from None
    return docx


def _repeat_header(row: Any, docx: Any) -> None:
    """Mark a table row as a header row, repeated at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    element = docx.oxml.OxmlElement("w:tblHeader")
    element.set(docx.oxml.ns.qn("w:val"), "true")
    properties.append(element)


def _keep_row_whole(row: Any, docx: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    element = docx.oxml.OxmlElement("w:cantSplit")
    element.set(docx.oxml.ns.qn("w:val"), "true")
    properties.append(element)


def _fix_widths(table: Any, widths: list[Any], docx: Any) -> None:
    """Lay the table out at the given column widths, in LibreOffice as in Word.

    LibreOffice sizes columns by the table grid (``w:tblGrid``), which python-docx
    writes with equal columns, and ignores the cells' widths; Word reads the cells'
    widths but may still fit columns to their text unless the layout is fixed. So the
    grid, the table's width, the fixed layout and every cell's width all say the same.
    """
    qn = docx.oxml.ns.qn
    twips = [width.twips for width in widths]
    table.autofit = False
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(twips)))
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        start = 0
        for cell in row._tr.tc_lst:
            # A merged cell spans several grid columns and is as wide as all of them.
            cell.width = docx.shared.Twips(sum(twips[start : start + cell.grid_span]))
            start += cell.grid_span


def _score(document: Any, score: ScoreView, docx: Any) -> None:
    document.add_heading("Score", level=2)
    rate = "—" if score.compliance_rate is None else f"{score.compliance_rate * 100:.1f}%"
    document.add_paragraph(
        f"Complete: {'yes' if score.complete else 'no'}. Compliance rate: {rate}. "
        f"Non-conforming: {', '.join(score.nonconforming) or 'none'}."
    )
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, count in score.counts.items():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = LABELS.get(name, name), str(count)
    for system, value, maximum in score.models:
        cells = table.add_row().cells
        shown = "—" if value is None else decimal_text(value)
        cells[0].text = LABELS.get(system, system)
        cells[1].text = f"{shown} of {decimal_text(maximum)}"
    # Wide enough for the longest label, "XCCDF flat unweighted score", on one line.
    _fix_widths(table, [docx.shared.Mm(60), docx.shared.Mm(30)], docx)


def form_docx(view: FormView, *, when: Optional[datetime.datetime] = None) -> bytes:
    """The form as DOCX bytes, blank or filled.

    The document's created and modified properties are ``when``, else
    ``SOURCE_DATE_EPOCH``, else now (see :func:`._shared.timestamp`).
    """
    docx = _docx()
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    checklist = view.checklist
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11)
    properties = document.core_properties
    properties.title = checklist.title[:250]
    properties.subject = source_line(checklist)
    properties.comments = view.notice
    properties.author = "kz-inspection-checklists"
    # python-docx writes a naive datetime as UTC.
    made = timestamp(when).astimezone(datetime.timezone.utc).replace(tzinfo=None)
    properties.created = properties.modified = made

    caption = document.add_paragraph(checklist.annex_caption)
    caption.paragraph_format.left_indent = Mm(95)
    caption.runs[0].font.size = Pt(9.5)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(checklist.title).bold = True

    for item in view.header:
        paragraph = document.add_paragraph(item.field.label + " ")
        blank = paragraph.add_run(item.value or _BLANK)
        if item.value:
            blank.underline = True
            blank.italic = True
        if item.field.suffix:
            paragraph.add_run(" " + item.field.suffix)
    if view.filled:
        paragraph = document.add_paragraph("Date of inspection ")
        run = paragraph.add_run(view.inspection_date or _BLANK)
        run.underline = bool(view.inspection_date)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(checklist.list_heading).bold = True

    columns = ["№", checklist.list_heading, *checklist.columns]
    if view.filled:
        columns.append("Remark")
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(10), Mm(95 if not view.filled else 70), Mm(25), Mm(25)]
    if view.filled:
        widths.append(Mm(35))
    header = table.rows[0]
    _repeat_header(header, docx)
    for cell, text in zip(header.cells, columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        # 10 pt as in the HTML form: at 11 pt bold "requirements" is wider than a
        # 25 mm column and breaks in the middle of the word.
        run.bold, run.font.size = True, Pt(10)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in view.rows:
        requirement = row.requirement
        cells = table.add_row().cells
        _keep_row_whole(table.rows[-1], docx)
        cells[0].text = str(requirement.number)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        cells[1].text = requirement.text + " "
        id_run = cells[1].paragraphs[0].add_run(requirement.id)
        id_run.font.size = Pt(7.5)
        if view.filled and row.verdict in _OTHER:
            merged = cells[2].merge(cells[3])
            merged.text = _OTHER[row.verdict]
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            merged.paragraphs[0].runs[0].italic = True
        else:
            cells[2].text = _MARK if row.verdict == "conforms" else ""
            cells[3].text = _MARK if row.verdict == "does-not-conform" else ""
            for cell in cells[2:4]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if view.filled:
            cells[4].text = row.remark
    _fix_widths(table, widths, docx)

    if view.score is not None:
        _score(document, view.score, docx)

    for block, people in view.blocks():
        for person in people or (None,):
            document.add_paragraph()
            line = document.add_paragraph()
            line.add_run(block.role + " ").bold = True
            line.add_run(person.position if person else _BLANK).underline = bool(person)
            line.add_run("   " + "_" * 14)
            captions = [*block.captions, "", ""]
            document.add_paragraph(captions[0]).runs[0].font.size = Pt(8.5)
            name = document.add_paragraph()
            name.add_run(person.name if person else _BLANK * 2).underline = bool(person)
            if captions[1]:
                document.add_paragraph(captions[1]).runs[0].font.size = Pt(8.5)

    # What the text is (e.g. an unofficial translation) stands after the form and in
    # the footer of every printed page.
    notice = document.add_paragraph()
    notice.add_run(view.notice).bold = True
    notice.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run(view.notice).font.size = Pt(8)
    note = f"{source_line(checklist)}. {additions_note(view)}"
    document.add_paragraph(note).runs[0].font.size = Pt(8)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(view: FormView, options: Any) -> bytes:
    """The form as DOCX bytes; its document times are ``options.when``."""
    return form_docx(view, when=options.when)
