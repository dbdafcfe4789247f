"""Exports: one entry point, :func:`export`, and one table of formats, :data:`FORMATS`.

The order as a whole (its own text and every annex, not one checklist) has its own
entry point, :func:`export_order`, and table, :data:`ORDER_FORMATS`: Akoma Ntoso
(``akn``), one document per expression of the order, an edition in one language.

Each format is one module with the same entry point, ``render(view, options) -> bytes``,
over a :class:`~.view.FormView` (the form of a checklist, or of a record). The table
lists every format once: its name, the subjects it exports (a checklist, a record),
whether its output is binary and which optional extra it needs. The command line's
``--format`` choices, the docs' list and the tests' parametrisation are read from it.

Every export carries the requirement texts unchanged, and every one but a form printed
for signing carries the requirement IDs. ``docx`` needs the ``docx`` extra (``pip
install 'kz-inspection-checklists[docx]'``), ``xlsx`` the ``xlsx`` extra.

>>> from kz_inspection_checklists import checklist
>>> data = export(checklist("electronic-signature"), "csv")
>>> data.splitlines()[0]
b'id,number,checklist,edition,text'
>>> export(checklist(5), "pdf")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.UnknownNameError: cannot export a checklist as 'pdf'; formats: json, json-schema, csv, markdown, html, docx, oscal, oscal-profile, xccdf, xlsx
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from typing import Any, Optional

from .._suggest import shown
from ..exceptions import InvalidInputError, UnknownNameError
from ..law.applicability import Profile, ProfileRef, profile_names
from ..law.edition import Checklist, Edition, check_language
from ..law.store import EditionRef, law_of

__all__ = [
    "BINARY_FORMATS",
    "CHECKLIST_FORMATS",
    "FORMATS",
    "ORDER_FORMATS",
    "PRINTED_FORMATS",
    "RECORD_FORMATS",
    "Format",
    "Options",
    "export",
    "export_order",
    "format_of",
]


@dataclass(frozen=True)
class Format:
    """One export format: its name, module, subjects, and what it needs."""

    name: str
    module: str
    subjects: tuple[str, ...]
    description: str
    binary: bool = False
    extra: Optional[str] = None
    suffix: str = ""
    #: Whether it exports one profile of an entity (``profile=``, ``--profile``).
    needs_profile: bool = False
    #: A printed form: it takes ``score`` and ``additions`` (see :class:`Options`).
    printed: bool = False


#: Every export format, in the order the docs and ``--help`` list them.
FORMATS: tuple[Format, ...] = (
    Format("json", "json_data", ("checklist",), "the checklist as JSON", suffix=".json"),
    Format(
        "json-schema",
        "schema",
        ("checklist",),
        "the JSON Schema of a record of the checklist",
        suffix=".schema.json",
    ),
    Format("csv", "csv_table", ("checklist", "record"), "one row per requirement", suffix=".csv"),
    Format("markdown", "markdown", ("checklist",), "a Markdown page", suffix=".md"),
    Format(
        "html",
        "form_html",
        ("checklist", "record"),
        "the printable form",
        suffix=".html",
        printed=True,
    ),
    Format(
        "docx",
        "form_docx",
        ("checklist", "record"),
        "the form as a Word document",
        binary=True,
        extra="docx",
        suffix=".docx",
        printed=True,
    ),
    Format(
        "oscal",
        "oscal",
        ("checklist", "record"),
        "an OSCAL catalog, or assessment-results for a record",
        suffix=".json",
    ),
    Format(
        "oscal-poam",
        "oscal_poam",
        ("record",),
        "an OSCAL plan of action and milestones: one item per finding",
        suffix=".json",
    ),
    Format(
        "oscal-profile",
        "oscal_profile",
        ("checklist",),
        "an OSCAL profile of one profile of an entity, importing the catalog",
        suffix=".json",
        needs_profile=True,
    ),
    Format(
        "xccdf",
        "xccdf",
        ("checklist", "record"),
        "an XCCDF 1.2 Benchmark, with a TestResult for a record",
        suffix=".xml",
    ),
    Format(
        "xlsx",
        "xlsx",
        ("checklist", "record"),
        "a workbook to fill in and read back with read-sheet",
        binary=True,
        extra="xlsx",
        suffix=".xlsx",
    ),
)

#: The formats the whole order exports to (:func:`export_order`), one document per
#: expression: an edition in one language.
ORDER_FORMATS: tuple[Format, ...] = (
    Format(
        "akn",
        "akn",
        ("order",),
        "the order as an Akoma Ntoso 3.0 act, its annexes as attachments",
        suffix=".akn.xml",
    ),
)

#: The formats a checklist exports to.
CHECKLIST_FORMATS = tuple(f.name for f in FORMATS if "checklist" in f.subjects)
#: The formats a completed inspection record exports to.
RECORD_FORMATS = tuple(f.name for f in FORMATS if "record" in f.subjects)
#: Formats whose output is not text.
BINARY_FORMATS = tuple(f.name for f in FORMATS if f.binary)
#: The printed forms, which take ``score`` and ``additions``.
PRINTED_FORMATS = tuple(f.name for f in FORMATS if f.printed)


@dataclass(frozen=True)
class Options:
    """What an export may be asked besides its subject.

    ``bom``: start a CSV with a UTF-8 byte-order mark (for Excel); ``when``: the time
    the document is made, written into OSCAL, XCCDF and DOCX documents (``None``:
    ``SOURCE_DATE_EPOCH`` or now); it is not the date of inspection; ``profile``: the
    :class:`~kz_inspection_checklists.law.applicability.Profile` a format that
    ``needs_profile`` exports.

    The printed forms (:data:`PRINTED_FORMATS`: ``html``, ``docx``) are informative by
    default. For a form meant to be signed, ``score=False`` leaves out a record's score
    summary and ``additions=False`` the library's additions to the annex's table (the
    "№" column and the requirement IDs). The other formats are for software and always
    carry both; asking them for less raises :class:`InvalidInputError`.
    """

    bom: bool = False
    when: Optional[datetime.datetime] = None
    profile: Optional[Profile] = None
    score: bool = True
    additions: bool = True


def format_of(name: object, subject: str) -> Format:
    """The format ``name`` for a ``"checklist"`` or a ``"record"``; else UnknownNameError."""
    names = CHECKLIST_FORMATS if subject == "checklist" else RECORD_FORMATS
    text = str(name).strip().lower() if isinstance(name, str) else ""
    found = next((f for f in FORMATS if f.name == text and subject in f.subjects), None)
    if found is None:
        what = "a checklist" if subject == "checklist" else "an inspection record"
        raise UnknownNameError(
            f"cannot export {what} as {shown(name, 100)}; formats: {', '.join(names)}",
            kind="format",
            name=text,
            candidates=names,
        )
    return found


def export(
    subject: Any,
    format: str,
    *,
    bom: bool = False,
    when: Optional[datetime.datetime] = None,
    weights: Any = None,
    edition: Optional[EditionRef] = None,
    language: Optional[str] = None,
    profile: Optional[ProfileRef] = None,
    score: bool = True,
    additions: bool = True,
) -> bytes:
    """``subject`` (a :class:`Checklist` or an inspection record) in ``format``, as bytes.

    ``bom``, ``when``, ``score`` and ``additions`` are as for :class:`Options`: for a
    form to sign, ``export(record, "html", score=False, additions=False)``. ``weights`` weigh a record's score
    (see :func:`kz_inspection_checklists.record.scoring.score`). ``edition`` (an
    :class:`~kz_inspection_checklists.law.edition.Edition`, or an edition ID, alias or
    file) is the edition the checklist comes from: the forms, the Markdown page, OSCAL
    and XCCDF say what its text is (publisher, language, official or not) from it. By
    default it is the edition that holds the checklist. ``language`` exports the
    checklist, or prints the record's form, in another language its edition holds.
    ``profile`` (a shipped profile's ID, a profile file or a ``Profile``) is the profile
    ``oscal-profile`` exports; no other format takes one (XCCDF carries every shipped
    profile of the checklist).
    Raises :class:`UnknownNameError` for a format the subject has no export in,
    :class:`TextNotAvailableError` for a language not held, and
    :class:`InvalidInputError` for an edition that does not hold the checklist, a
    ``when`` that is not a datetime, a ``SOURCE_DATE_EPOCH`` that is not whole
    seconds from 1970 to 9999, or ``score=False`` or ``additions=False`` for a format
    that is not a printed form.

    >>> from kz_inspection_checklists import checklist
    >>> export(checklist(5), "csv", additions=False)
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: score=False and additions=False shape a printed form (html, docx); a csv export is for software and always has all its parts
    """
    from ..record.record import InspectionRecord
    from ._shared import check_when
    from .view import form_view

    chosen_format = format_of(format, "checklist" if isinstance(subject, Checklist) else "record")
    if not (score and additions) and not chosen_format.printed:
        raise InvalidInputError(
            "score=False and additions=False shape a printed form "
            f"({', '.join(PRINTED_FORMATS)}); a {chosen_format.name} export is for software "
            "and always has all its parts"
        )
    checked_when = check_when(when)
    # An edition named by ID or alias is one of the order the subject comes from.
    held = subject.form if isinstance(subject, InspectionRecord) else subject
    law = law_of(held)
    options = Options(
        bom=bool(bom),
        when=checked_when,
        profile=_profile(chosen_format, profile, held, law),
        score=bool(score),
        additions=bool(additions),
    )
    chosen: Optional[Edition] = None
    if edition is not None:
        chosen = (law_of(edition) if isinstance(edition, Edition) else law).edition(edition)
    checklist: Optional[Checklist] = None
    if language is not None:
        check_language(language)
        form = subject.form if isinstance(subject, InspectionRecord) else subject
        holder = chosen or law.edition_of(form) or law.edition(form.edition)
        checklist = holder.checklist(form.key, language=language)
        chosen = holder.in_language(language)
        if isinstance(subject, Checklist):
            subject, checklist = checklist, None
    view = form_view(subject, weights, chosen, checklist)
    module = importlib.import_module(f".{chosen_format.module}", __name__)
    data: bytes = module.render(view, options)
    return data


def _profile(chosen: Format, profile: Optional[ProfileRef], held: Any, law: Any) -> Any:
    """The profile a format that needs one exports; InvalidInputError if it is missing, or
    given to a format that takes none."""
    from ..law.applicability import profile as find_profile

    if not chosen.needs_profile:
        if profile is not None:
            takes = ", ".join(f.name for f in FORMATS if f.needs_profile)
            raise InvalidInputError(
                f"the {chosen.name} format takes no profile; a profile is exported as {takes}"
            )
        return None
    if profile is None:
        key = getattr(held, "key", "")
        names = ", ".join(profile_names(law, key)) or "none"
        raise InvalidInputError(
            f"{chosen.name} exports one profile: name it (profile=, --profile P); the "
            f"profiles of {key!r} are: {names}, or the path of a profile file"
        )
    return find_profile(profile, law=law)


def export_order(
    format: str = "akn",
    *,
    edition: EditionRef = "latest",
    language: Optional[str] = None,
    when: Optional[datetime.datetime] = None,
) -> bytes:
    """The order as one edition (``edition``: an ID, alias, ``latest`` or an edition file)
    in ``language`` (default: the edition's own) sets it out, in ``format``, as bytes.

    ``akn`` (:data:`ORDER_FORMATS`) is an Akoma Ntoso 3.0 ``<act>``: the order's own
    text and each annex as an attachment; its manifestation date is ``when`` (else
    ``SOURCE_DATE_EPOCH``, else now). A language the edition does not hold raises
    :class:`~kz_inspection_checklists.exceptions.TextNotAvailableError` naming those it
    holds; an unknown format :class:`UnknownNameError`.

    >>> export_order(edition="2023").count(b"<point ")
    87
    >>> export_order(edition="2023", language="ru")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.TextNotAvailableError: edition '2023-revision' has no text in 'ru' in this library; it holds: en
    """
    from ..law.store import bundled
    from ._shared import check_when

    names = tuple(f.name for f in ORDER_FORMATS)
    text = format.strip().lower() if isinstance(format, str) else ""
    chosen_format = next((f for f in ORDER_FORMATS if f.name == text), None)
    if chosen_format is None:
        raise UnknownNameError(
            f"cannot export the order as {shown(format, 100)}; formats: {', '.join(names)}",
            kind="format",
            name=text,
            candidates=names,
        )
    if language is not None:
        check_language(language)
    law = law_of(edition) if isinstance(edition, Edition) else bundled()
    chosen = law.edition(edition)
    module = importlib.import_module(f".{chosen_format.module}", __name__)
    data: bytes = module.render_order(chosen, language=language, when=check_when(when), law=law)
    return data
