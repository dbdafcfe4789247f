"""Exports: one entry point, :func:`export`, that writes a checklist or a record in a format.

Formats for a checklist: ``json``, ``json-schema``, ``csv``, ``markdown``, ``html``,
``docx``, ``oscal`` (an OSCAL catalog), ``xccdf`` (an XCCDF 1.2 Benchmark). For a
completed inspection record: ``html``, ``docx``, ``csv``, ``oscal`` (OSCAL
assessment-results) and ``xccdf`` (the Benchmark with a TestResult). Every export carries
the requirement IDs and texts unchanged. ``docx`` needs the ``docx`` extra
(``pip install 'kz-inspection-checklists[docx]'``).

>>> from kz_inspection_checklists import checklist
>>> data = export(checklist("electronic-signature"), "csv")
>>> data.splitlines()[0]
b'id,number,checklist,edition,text'
>>> export(checklist(5), "pdf")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.UnsupportedFormatError: cannot export a checklist as 'pdf'; formats: json, json-schema, csv, markdown, html, docx, oscal, xccdf
"""

from __future__ import annotations

import datetime
import json
from typing import Any, Optional

from ..exceptions import UnsupportedFormatError, closest
from ..models import Checklist, Edition

__all__ = [
    "BINARY_FORMATS",
    "CHECKLIST_FORMATS",
    "RECORD_FORMATS",
    "export",
]

#: The formats a checklist exports to.
CHECKLIST_FORMATS = ("json", "json-schema", "csv", "markdown", "html", "docx", "oscal", "xccdf")
#: The formats a completed inspection record exports to.
RECORD_FORMATS = ("html", "docx", "csv", "oscal", "xccdf")
#: Formats whose output is not text.
BINARY_FORMATS = ("docx",)


def _json(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export(
    subject: Any,
    format: str,
    *,
    bom: bool = False,
    when: Optional[datetime.datetime] = None,
    weights: Any = None,
    edition: Any = None,
) -> bytes:
    """``subject`` (a :class:`Checklist` or an inspection record) in ``format``, as bytes.

    ``bom`` starts CSV with a UTF-8 byte-order mark (for Excel). ``when`` (a
    :class:`datetime.datetime`; naive means UTC) is the time the document is made, written
    into OSCAL, XCCDF and DOCX documents (default: ``SOURCE_DATE_EPOCH`` or now); it is
    not the date of inspection, which a record carries in its header.
    ``weights`` weigh a record's score (see :func:`kz_inspection_checklists.scoring.score`).
    ``edition`` (an :class:`~kz_inspection_checklists.models.Edition`, or an edition ID,
    alias or file) is the edition the checklist comes from: the forms, the Markdown page,
    OSCAL and XCCDF say what its text is (publisher, language, official or not) from that
    edition's ``source``. By default it is the bundled edition of the checklist's ID; for
    a checklist in no bundled edition, only its requirements' language and official flag
    are said. Raises :class:`UnsupportedFormatError` for a format the subject has no
    export in, and :class:`InvalidInputError` for an edition that does not hold the
    checklist, a ``when`` that is not a datetime, or a ``SOURCE_DATE_EPOCH`` that is not
    whole seconds from 1970 to 9999.
    """
    is_checklist = isinstance(subject, Checklist)
    formats = CHECKLIST_FORMATS if is_checklist else RECORD_FORMATS
    name = str(format).strip().lower()
    if name not in formats:
        what = "a checklist" if is_checklist else "an inspection record"
        hint = closest(name, formats)
        raise UnsupportedFormatError(
            f"cannot export {what} as {format!r}; formats: {', '.join(formats)}"
            + (f"; did you mean {hint!r}?" if hint and hint != name else "")
        )
    from ._shared import check_when
    from ._view import form_view

    when = check_when(when)
    chosen: Optional[Edition] = None
    if edition is not None:
        from ..api import edition as resolve

        chosen = resolve(edition)
    if name == "json":
        from ..render import checklist_json

        return _json(checklist_json(subject))
    if name == "json-schema":
        from .schema import checklist_record_schema

        return _json(checklist_record_schema(subject))
    if name == "markdown":
        from .markdown import checklist_page

        return checklist_page(subject, chosen).encode("utf-8")
    view = form_view(subject, weights, chosen)
    if name == "csv":
        from .csv_table import view_csv

        return ("\ufeff" if bom else "").encode("utf-8") + view_csv(view).encode("utf-8")
    if name == "html":
        from .form_html import form_html

        return form_html(view).encode("utf-8")
    if name == "docx":
        from .form_docx import form_docx

        return form_docx(view, when=when)
    if name == "oscal":
        from .oscal import oscal_document

        return _json(oscal_document(view, when=when))
    from .xccdf import xccdf_document

    return xccdf_document(view, when=when)
