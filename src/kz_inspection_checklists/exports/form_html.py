"""The printable form as one self-contained HTML page, laid out like the annex, for A4.

The page follows the annex's form: the annex caption, the title, the header fields
with blanks, the "List of requirements" with the form's two columns ("Conforms to the
requirements", "Does not conform to the requirements") and the signature blocks, each
blank with the annex's caption under it. Every label comes verbatim from the checklist.
A header field's words after its blank (the act's "№, date") stay after the blank, as
the annex prints them, and name what the blank holds. Dates are printed DD.MM.YYYY.
The table's "№" column and the requirement ID after each text are the library's
additions (left out with ``additions=False``), and the page's foot says so. A filled
form (from an inspection record) also shows the marks, a "Not applicable" or "Not
assessed" cell where neither column is marked, the remarks and the score (left out with
``score=False``); those parts extend the annex's form too and the foot names them.
Above the caption and again above the footer the page says what the text is:
publisher, language and whether it is official, from the edition's ``source``. Every
string is HTML-escaped.

>>> from kz_inspection_checklists import checklist
>>> from kz_inspection_checklists.exports.view import form_view
>>> page = form_html(form_view(checklist("electronic-signature")))
>>> page.count('<tr class="requirement')
4
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..record.scoring import decimal_text
from ..record.verdicts import NOT_APPLICABLE, NOT_ASSESSED
from ._shared import printed_date, source_line
from .view import LABELS, PROFILE_NOTE, FormView, Row, ScoreView, additions_note, blank_captions

__all__ = ["form_html", "render"]

_MARK = "✓"

_CSS = """
@page { size: A4; margin: 18mm 15mm 18mm 20mm; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif;
       font-size: 11pt; line-height: 1.3; color: #000; margin: 0 auto; max-width: 180mm;
       padding: 8mm 0; }
.caption { margin-left: 55%; font-size: 9.5pt; }
h1 { font-size: 12pt; text-align: center; margin: 6mm 0 5mm; }
.header p { margin: 0 0 2.5mm; }
.blank { display: inline-block; min-width: 60mm; border-bottom: 1px solid #000;
         padding: 0 1mm; }
.blank.filled { font-style: italic; }
.suffix { margin-left: 1mm; }
h2 { font-size: 11pt; text-align: center; margin: 5mm 0 2mm; }
table.requirements { width: 100%; border-collapse: collapse; }
table.requirements th, table.requirements td { border: 1px solid #000; padding: 1mm 1.5mm;
         vertical-align: top; }
table.requirements th { font-weight: bold; text-align: center; font-size: 10pt; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
td.number { text-align: right; width: 9mm; }
span.id { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; color: #444;
          white-space: nowrap; }
th.column, td.column { width: 24mm; text-align: center; }
td.mark { font-family: "DejaVu Sans", "Segoe UI Symbol", sans-serif; font-size: 13pt;
          font-weight: bold; }
td.verdict-other { text-align: center; font-style: italic; }
tr.not-applicable td.verdict-other { background: #e8e8e8; }
tr.not-assessed td.verdict-other { color: #555; border-style: dashed; }
tr.does-not-conform td.mark { background: #f3f3f3; }
td.remark { width: 38mm; font-size: 9.5pt; }
.extension { font-size: 9pt; color: #333; }
.signatures { margin-top: 9mm; }
.signature { margin-bottom: 6mm; page-break-inside: avoid; break-inside: avoid; }
.signature .role { font-weight: bold; }
.signature .line { display: flex; gap: 6mm; align-items: flex-end; margin-top: 6mm; }
.signature .blank-with-caption { flex: 1; display: flex; flex-direction: column; }
.signature .blank-with-caption.short { flex: 0 0 35mm; }
.signature .slot { border-bottom: 1px solid #000; min-height: 6mm; padding: 0 1mm;
                   font-style: italic; }
.signature .under { font-size: 8.5pt; text-align: center; min-height: 1em; }
.signature .role { align-self: flex-start; padding-top: 1mm; }
.score { margin-top: 6mm; page-break-inside: avoid; break-inside: avoid; }
.score table { border-collapse: collapse; font-size: 10pt; }
.score th, .score td { border: 1px solid #000; padding: 0.8mm 2mm; text-align: left; }
.notice { margin: 8mm 0 0; font-size: 9pt; font-weight: bold; }
.notice.top { margin: 0 0 4mm; font-size: 8.5pt; }
.source { margin-top: 2mm; font-size: 8pt; color: #444; }
@media print { body { padding: 0; max-width: none; } .source { position: static; } }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _header(view: FormView) -> list[str]:
    out = ['<section class="header">']
    for item in view.header:
        value = item.printed
        blank = (
            f'<span class="blank filled">{_e(value)}</span>'
            if value
            else '<span class="blank">&#160;</span>'
        )
        suffix = (
            f' <span class="suffix">{_e(item.field.suffix)}</span>' if item.field.suffix else ""
        )
        out.append(
            f'<p data-field="{_e(item.field.key)}"><span class="label">{_e(item.field.label)}</span> '
            f"{blank}{suffix}</p>"
        )
    if view.filled:
        date = printed_date(view.inspection_date)
        out.append(
            '<p class="extension" data-field="inspection_date">Date of inspection '
            f'<span class="blank{" filled" if date else ""}">{_e(date) or "&#160;"}</span></p>'
        )
    if view.profile:
        out.append(
            '<p class="extension" data-field="profile">Begun with the profile '
            f'<span class="blank filled">{_e(view.profile)}</span>: {_e(PROFILE_NOTE)}</p>'
        )
    out.append("</section>")
    return out


#: The states printed across both columns, since neither column is marked.
_OTHER = {state: LABELS[state] for state in (NOT_APPLICABLE, NOT_ASSESSED)}


def _row(row: Row, filled: bool, additions: bool) -> str:
    r = row.requirement
    if additions:
        cells = [
            f'<td class="number">{r.number}</td>',
            f'<td class="text">{_e(r.text)} <span class="id">{_e(r.id)}</span></td>',
        ]
    else:
        cells = [f'<td class="text">{_e(r.text)}</td>']
    if row.verdict in _OTHER and filled:
        cells.append(f'<td class="column verdict-other" colspan="2">{_OTHER[row.verdict]}</td>')
    else:
        conforms = _MARK if row.verdict == "conforms" else ""
        fails = _MARK if row.verdict == "does-not-conform" else ""
        cells.append(f'<td class="column mark" data-column="1">{conforms}</td>')
        cells.append(f'<td class="column mark" data-column="2">{fails}</td>')
    if filled:
        cells.append(f'<td class="remark">{_e(row.remark)}</td>')
    return (
        f'<tr class="requirement {row.verdict}" data-id="{_e(r.id)}" '
        f'data-verdict="{row.verdict}">' + "".join(cells) + "</tr>"
    )


def _table(view: FormView, additions: bool) -> list[str]:
    columns = "".join(
        f'<th class="column" scope="col">{_e(c)}</th>' for c in view.checklist.columns
    )
    remark = '<th class="remark extension" scope="col">Remark</th>' if view.filled else ""
    number = '<th scope="col">№</th>' if additions else ""
    out = [
        f"<h2>{_e(view.checklist.list_heading)}</h2>",
        '<table class="requirements">',
        f'<thead><tr>{number}<th scope="col">{_e(view.checklist.list_heading)}</th>'
        f"{columns}{remark}</tr></thead>",
        "<tbody>",
    ]
    out += [_row(row, view.filled, additions) for row in view.rows]
    out += ["</tbody>", "</table>"]
    return out


def _blank(value: str, caption: str, short: bool = False) -> str:
    """A blank with the annex's caption under it."""
    kind = "blank-with-caption short" if short else "blank-with-caption"
    return (
        f'<span class="{kind}"><span class="slot">{_e(value)}</span>'
        f'<span class="under">{_e(caption)}</span></span>'
    )


def _signatures(view: FormView) -> list[str]:
    out = ['<section class="signatures">']
    for block, people in view.blocks():
        (position_caption, signature_caption), (name_caption,) = blank_captions(block)
        for person in people or (None,):
            position = person.position if person else ""
            name = person.name if person else ""
            out += [
                '<div class="signature">',
                f'<div class="line"><span class="role">{_e(block.role)}</span>'
                f"{_blank(position, position_caption)}"
                f"{_blank('', signature_caption, short=True)}</div>",
                f'<div class="line">{_blank(name, name_caption)}</div>',
                "</div>",
            ]
    out.append("</section>")
    return out


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _number(value: float | None) -> str:
    return "—" if value is None else decimal_text(value)


def _score(score: ScoreView) -> list[str]:
    counts = "".join(
        f"<tr><th>{_e(LABELS.get(name, name))}</th><td>{count}</td></tr>"
        for name, count in score.counts.items()
    )
    models = "".join(
        f"<tr><th>{_e(LABELS.get(system, system))}</th><td>{_number(value)} of {_number(maximum)}</td></tr>"
        for system, value, maximum in score.models
    )
    nonconforming = ", ".join(score.nonconforming) or "none"
    return [
        '<section class="score extension">',
        "<h2>Score</h2>",
        f"<p>Complete: {'yes' if score.complete else 'no'}. "
        f"Compliance rate: {_percent(score.compliance_rate)}. "
        f"Non-conforming: {_e(nonconforming)}.</p>",
        f"<table><tbody>{counts}{models}</tbody></table>",
        "</section>",
    ]


def form_html(view: FormView, *, score: bool = True, additions: bool = True) -> str:
    """The form as a complete HTML document (UTF-8), blank or filled.

    ``score=False`` leaves out a record's score summary, ``additions=False`` the "№"
    column and the requirement IDs: the form to print for signing has neither.
    """
    checklist = view.checklist
    title = checklist.title if not view.entity_name else f"{checklist.title}: {view.entity_name}"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(checklist.requirements[0].language if checklist.requirements else "en")}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        f'<body data-checklist="{_e(checklist.key)}" data-edition="{_e(checklist.edition)}">',
        # What the text is (e.g. an unofficial translation) heads the first printed page
        # and is repeated at the foot, so no copy of the form goes without it.
        f'<p class="notice top">{_e(view.notice)}</p>',
        f'<p class="caption">{_e(checklist.annex_caption)}</p>',
        f"<h1>{_e(checklist.title)}</h1>",
    ]
    out += _header(view)
    out += _table(view, additions)
    if score and view.score is not None:
        out += _score(view.score)
    out += _signatures(view)
    out.append(f'<p class="notice">{_e(view.notice)}</p>')
    note = additions_note(view, score=score, additions=additions)
    out.append(
        f'<p class="source">{_e(source_line(checklist))}.{" " + _e(note) if note else ""}</p>'
    )
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def render(view: FormView, options: Any) -> bytes:
    """The form as a UTF-8 HTML page; ``options.score`` and ``options.additions`` as for
    :func:`form_html`."""
    return form_html(view, score=options.score, additions=options.additions).encode("utf-8")
