"""The printable form as a Word document (DOCX, A4), for offices that fill forms in Word.

The same form as :mod:`.form_html`: the annex caption, the title, the header fields
with blanks, the requirements with the form's two columns, the signature blocks with
the annex's caption under each blank. A header field's words after its blank (the
act's "№, date") stay after the blank, as the annex prints them. Dates are printed
DD.MM.YYYY. The "№" column and the requirement IDs are the library's additions (left
out with ``additions=False``), and a filled form adds the marks, "Not applicable" /
"Not assessed", the remarks and the score (left out with ``score=False``), which extend
the annex's form too; the note after the form names what the document has. What the
text is (publisher, language, official or not, from the edition's ``source``) follows
the form and stands in the footer of every page. Needs the ``docx`` extra (``pip
install 'kz-inspection-checklists[docx]'``, which installs python-docx).
"""

from __future__ import annotations

import datetime
import io
from typing import Any, Optional

from ..exceptions import MissingExtraError
from ..record.scoring import decimal_text
from ..record.verdicts import NOT_APPLICABLE, NOT_ASSESSED
from ._shared import printed_date, source_line, timestamp
from .view import (
    LABELS,
    PROFILE_NOTE,
    FormView,
    Row,
    ScoreView,
    Signatory,
    additions_note,
    blank_captions,
)

__all__ = ["form_docx", "render"]

_MARK = "✓"
#: A font that has the mark: Times New Roman and Liberation Serif have no ✓, and
#: LibreOffice would borrow a thin one from another font.
_MARK_FONT = "DejaVu Sans"
#: The states printed across both columns, since neither column is marked.
_OTHER = {state: LABELS[state] for state in (NOT_APPLICABLE, NOT_ASSESSED)}
_BLANK = "_" * 32
#: The width of the page's text: A4 less the form's 20 mm and 15 mm side margins.
_TEXT_WIDTH_MM = 175


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


def _font(run: Any, name: str, docx: Any) -> None:
    """Set a run's font for every kind of character, so no character falls back to another."""
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(docx.oxml.ns.qn(f"w:{kind}"), name)


def _add_unbroken(paragraph: Any, text: str, docx: Any) -> Any:
    """A run of ``text`` whose hyphens do not break the line (a requirement ID, say)."""
    parts = text.split("-")
    run = paragraph.add_run(parts[0])
    for part in parts[1:]:
        run._r.append(docx.oxml.OxmlElement("w:noBreakHyphen"))
        if part:
            run._r.add_t(part)
    return run


def _bottom_border(cell: Any, docx: Any) -> None:
    """Draw the line of a blank under a table cell."""
    qn = docx.oxml.ns.qn
    properties = cell._tc.get_or_add_tcPr()
    borders = docx.oxml.OxmlElement("w:tcBorders")
    bottom = docx.oxml.OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "0"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)


def _rest(widths: list[Any], docx: Any) -> Any:
    """The width the page's text leaves beside the other columns, in whole twips."""
    text_width = int(_TEXT_WIDTH_MM * 1440 / 25.4)
    return docx.shared.Twips(text_width - sum(width.twips for width in widths))


def _heading(document: Any, text: str, docx: Any) -> Any:
    """A centred bold heading in the body's font, as the list's heading (not Word's blue)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = docx.shared.Pt(12)
    paragraph.add_run(text).bold = True
    return paragraph


def _score(document: Any, score: ScoreView, docx: Any) -> None:
    _heading(document, "Score", docx)
    rate = "—" if score.compliance_rate is None else f"{score.compliance_rate * 100:.1f}%"
    summary = document.add_paragraph(
        f"Complete: {'yes' if score.complete else 'no'}. Compliance rate: {rate}. Non-conforming: "
    )
    summary.paragraph_format.keep_with_next = True
    for index, requirement_id in enumerate(score.nonconforming):
        if index:
            summary.add_run(", ")
        _add_unbroken(summary, requirement_id, docx)
    summary.add_run("." if score.nonconforming else "none.")
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
    for row in table.rows:
        _keep_row_whole(row, docx)
    # Wide enough for the longest label, "XCCDF flat unweighted score", on one line.
    _fix_widths(table, [docx.shared.Mm(60), docx.shared.Mm(30)], docx)


def _header_field(document: Any, label: str, value: str, suffix: str, docx: Any) -> None:
    """A header field: its label, its blank (filled or not) and the words after the blank.

    The annex prints a field's words after its blank ("№, date" after the assignment
    act's), naming what the blank holds; they stay there, at the end of the line, and
    the blank's line runs from the value to them.
    """
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    paragraph = document.add_paragraph(label + " ")
    if value:
        blank = paragraph.add_run(value)
        blank.underline = blank.italic = True
    if suffix:
        tabs = paragraph.paragraph_format.tab_stops
        tabs.add_tab_stop(
            docx.shared.Mm(_TEXT_WIDTH_MM),
            WD_TAB_ALIGNMENT.RIGHT,
            WD_TAB_LEADER.LINES,
        )
        paragraph.add_run("\t " + suffix)
    elif not value:
        paragraph.add_run(_BLANK)


def _requirements(document: Any, view: FormView, additions: bool, docx: Any) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    checklist = view.checklist
    columns = ["№"] if additions else []
    columns += [checklist.list_heading, *checklist.columns]
    # The columns fill the page's width, as the HTML form's table does: the text's
    # column takes what the others leave.
    widths = [Mm(10)] if additions else []
    widths += [Mm(0), Mm(25), Mm(25)]
    if view.filled:
        columns.append("Remark")
        widths.append(Mm(35))
    text = 1 if additions else 0
    widths[text] = _rest(widths, docx)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_header(header, docx)
    for cell, title in zip(header.cells, columns):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        # 10 pt as in the HTML form: at 11 pt bold "requirements" is wider than a
        # 25 mm column and breaks in the middle of the word.
        run.bold, run.font.size = True, Pt(10)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in view.rows:
        cells = table.add_row().cells
        _keep_row_whole(table.rows[-1], docx)
        if additions:
            cells[0].text = str(row.requirement.number)
            cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            cells = cells[1:]
        _row(cells, row, view.filled, additions, docx)
    _fix_widths(table, widths, docx)


def _row(cells: Any, row: Row, filled: bool, additions: bool, docx: Any) -> None:
    """One requirement's cells, from its text on (after the "№" column, if any)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    requirement = row.requirement
    cells[0].text = requirement.text + (" " if additions else "")
    if additions:
        _add_unbroken(cells[0].paragraphs[0], requirement.id, docx).font.size = Pt(7.5)
    if filled and row.verdict in _OTHER:
        merged = cells[1].merge(cells[2])
        merged.text = _OTHER[row.verdict]
        merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        merged.paragraphs[0].runs[0].italic = True
    else:
        for cell, verdict in zip(cells[1:3], ("conforms", "does-not-conform")):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if row.verdict == verdict:
                mark = paragraph.add_run(_MARK)
                mark.bold, mark.font.size = True, Pt(13)
                _font(mark, _MARK_FONT, docx)
    if filled:
        cells[3].text = row.remark
        for run in cells[3].paragraphs[0].runs:
            run.font.size = Pt(9.5)


def _signature(
    document: Any, role: str, captions: Any, person: Optional[Signatory], docx: Any
) -> None:
    """One signatory's blanks, each with the annex's caption under it, kept on one page.

    The first line has the role, then the position's and the signature's blanks; the
    second the name's, across the line.
    """
    from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    (position_caption, signature_caption), (name_caption,) = captions
    table = document.add_table(rows=4, cols=4)
    blanks, under, name, name_under = table.rows
    name_cell = name.cells[0].merge(name.cells[3])
    name_under_cell = name_under.cells[0].merge(name_under.cells[3])
    blanks.cells[0].text = ""
    blanks.cells[0].paragraphs[0].add_run(role).bold = True
    blanks.cells[1].text = person.position if person else ""
    name_cell.text = person.name if person else ""
    # The role stands on the line of the blanks, as in the annex.
    blanks.cells[0].vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
    for cell in (blanks.cells[1], blanks.cells[3], name_cell):
        _bottom_border(cell, docx)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
        for run in cell.paragraphs[0].runs:
            run.italic = True
    for cell, caption in (
        (under.cells[1], position_caption),
        (under.cells[3], signature_caption),
        (name_under_cell, name_caption),
    ):
        cell.text = caption
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(8.5)
    for row, height in zip(table.rows, (9, 0, 9, 0)):
        _keep_row_whole(row, docx)
        if height:
            row.height, row.height_rule = Mm(height), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
            if row is not name_under:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    # The role's column is wide enough for "Head of the entity being monitored" in bold.
    widths = [Mm(62), Mm(0), Mm(6), Mm(37)]
    widths[1] = _rest(widths, docx)
    _fix_widths(table, widths, docx)


def form_docx(
    view: FormView,
    *,
    when: Optional[datetime.datetime] = None,
    score: bool = True,
    additions: bool = True,
) -> bytes:
    """The form as DOCX bytes, blank or filled.

    The document's created and modified properties are ``when``, else
    ``SOURCE_DATE_EPOCH``, else now (see :func:`._shared.timestamp`). ``score=False``
    leaves out a record's score summary, ``additions=False`` the "№" column and the
    requirement IDs: the form to print for signing has neither.
    """
    docx = _docx()
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
    # The HTML form's line height (1.3 em) over the font's own single spacing (about
    # 1.15 em), so that both forms take about as many lines, and pages.
    normal.paragraph_format.line_spacing = 1.13
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
        _header_field(document, item.field.label, item.printed, item.field.suffix, docx)
    if view.filled:
        day = printed_date(view.inspection_date)
        _header_field(document, "Date of inspection", day, "", docx)
    if view.profile:
        paragraph = document.add_paragraph("Begun with the profile ")
        run = paragraph.add_run(view.profile)
        run.underline = True
        paragraph.add_run(f": {PROFILE_NOTE}")

    _heading(document, checklist.list_heading, docx)
    _requirements(document, view, additions, docx)

    if score and view.score is not None:
        _score(document, view.score, docx)

    for block, people in view.blocks():
        captions = blank_captions(block)
        for person in people or (None,):
            document.add_paragraph().paragraph_format.keep_with_next = True
            _signature(document, block.role, captions, person, docx)

    # What the text is (e.g. an unofficial translation) stands after the form and in
    # the footer of every printed page.
    notice = document.add_paragraph()
    notice.paragraph_format.space_before = Pt(12)
    notice.paragraph_format.keep_with_next = True
    notice.add_run(view.notice).bold = True
    notice.runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run(view.notice).font.size = Pt(8)
    note = additions_note(view, score=score, additions=additions)
    document.add_paragraph(f"{source_line(checklist)}.{' ' + note if note else ''}").runs[
        0
    ].font.size = Pt(8)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(view: FormView, options: Any) -> bytes:
    """The form as DOCX bytes; its document times are ``options.when``; ``options.score``
    and ``options.additions`` as for :func:`form_docx`."""
    return form_docx(view, when=options.when, score=options.score, additions=options.additions)
