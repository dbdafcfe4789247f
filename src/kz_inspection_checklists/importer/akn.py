"""An Akoma Ntoso expression of a held edition read as its text in another language.

It reads what :func:`kz_inspection_checklists.export_order` writes, or a document marked
up the same way (docs/exports/akn.md): an ``<act>`` whose FRBR work is the order's, whose
expression is of the edition's version, with one ``<attachment>`` per annex. Each
checklist's parts are aligned to the edition by structure, as a plain text's are by
``import --translation-of``: the same annexes, header fields, columns and signature
blocks, and the requirements in the same places, each naming its ID in its ``wId``. No
ID is minted; a ``wId`` naming another ID than the edition has in that place is refused.
The order's own paragraphs are not read: a translation holds the checklists.

Documents with a DOCTYPE are refused (no entity is ever expanded), and every text read
is checked as user text is.

>>> import kz_inspection_checklists as kz
>>> from pathlib import Path
>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "order.akn.xml"
>>> _ = path.write_bytes(kz.export_order(edition="2023"))
>>> akn_translation(path, edition=kz.edition("2023"))
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.InvalidInputError: edition '2023-revision' holds a text in 'en' already; a translation adds a language it does not hold
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path, PurePath
from typing import Optional, Union

from .._files import decode_utf8
from .._text import unsafe
from ..exceptions import DataFileError, InvalidInputError, TextNotAvailableError
from ..law import frbr
from ..law.edition import (
    AnnexText,
    Checklist,
    ChecklistText,
    Edition,
    EditionSource,
    HeaderField,
    RequirementText,
    SignatureBlock,
    Translation,
    check_language,
)
from ..law.store import law_of
from .build import subjects
from .grammar import Grammar, load_grammar
from .parse import read_file

__all__ = ["akn_translation"]

_NS = f"{{{frbr.AKN_NS}}}"
#: The namespace of the facts this library's export states in ``<proprietary>``.
KZ_NS = "https://pypi.org/project/kz-inspection-checklists/"


def _q(path: str) -> str:
    """An ElementTree path with every step in the Akoma Ntoso namespace."""
    return "/".join(
        step if step in (".", "..") or step.startswith("*") else _NS + step
        for step in path.split("/")
    )


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name

    def error(self, message: str) -> DataFileError:
        return DataFileError(message, source=self.name)

    def text(self, element: Optional[ET.Element], where: str) -> str:
        """The words of an element (its text and its children's), checked, spaces trimmed."""
        if element is None:
            raise self.error(f"{where}: missing")
        words = " ".join("".join(element.itertext()).split())
        problem = unsafe(words)
        if problem:
            raise self.error(f"{where}: the text {problem}")
        return words

    def find(self, parent: ET.Element, path: str, where: str) -> ET.Element:
        found = parent.find(_q(path))
        if found is None:
            raise self.error(f"{where}: no <{path.split('/')[-1].split('[')[0]}> found")
        return found


def akn_translation(
    path: Union[str, PurePath],
    *,
    edition: Edition,
    language: Optional[str] = None,
    official: Optional[bool] = None,
    status: Optional[str] = None,
    publisher: Optional[str] = None,
    grammar: Union[str, PurePath, Grammar, None] = None,
) -> Translation:
    """The text of ``edition`` in another language, from an Akoma Ntoso file.

    ``language`` (default: the document's ``FRBRlanguage``), ``official`` (default: its
    ``FRBRauthoritative``), ``status`` and ``publisher`` (default: what the document
    says) describe the text. ``grammar``, where given, splits each checklist's title
    into its subjects. Raises :class:`DataFileError` naming what does not align.
    """
    raw = read_file(path, "an Akoma Ntoso file")
    name = Path(path).name
    reader = _Reader(name)
    try:
        text = decode_utf8(raw)
    except ValueError as error:
        raise reader.error(str(error)) from None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise reader.error("a document type declaration is not accepted in an Akoma Ntoso file")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise reader.error(f"not well-formed XML: {error}") from None
    if root.tag != f"{_NS}akomaNtoso":
        raise reader.error(
            f'expected an Akoma Ntoso 3.0 document (<akomaNtoso xmlns="{frbr.AKN_NS}">)'
        )
    act = reader.find(root, "act", "the document")
    order = law_of(edition).order
    ident = reader.find(act, "meta/identification", "the act")
    work = reader.find(ident, "FRBRWork/FRBRuri", "the identification").get("value", "")
    if work != frbr.work_uri(order):
        raise reader.error(
            f"the document is of the work {work!r}, not of this order ({frbr.work_uri(order)})"
        )
    expression = reader.find(ident, "FRBRExpression/FRBRuri", "the identification").get("value", "")
    version, _ = frbr.version(order, edition.act)
    code = reader.find(ident, "FRBRExpression/FRBRlanguage", "the identification").get(
        "language", ""
    )
    if expression != f"{work}/{code}{version}":
        raise reader.error(
            f"the document is the expression {expression!r}; edition {edition.id!r} in its "
            f"language is {work}/{code}{version}"
        )
    found_language = frbr.language_of(code)
    if language is not None and check_language(language) != found_language:
        raise InvalidInputError(
            f"--language {language!r} differs from the document's language {code!r}"
        )
    check_language(found_language)
    if found_language in edition.languages:
        raise InvalidInputError(
            f"edition {edition.id!r} holds a text in {found_language!r} already; a translation "
            "adds a language it does not hold"
        )
    if not edition.text_available:
        raise TextNotAvailableError(
            f"edition {edition.id!r} holds no text to align a translation with: {edition.unavailable_reason}"
        )
    authoritative = ident.find(_q("FRBRExpression/FRBRauthoritative"))
    stated_official = authoritative is not None and authoritative.get("value") == "true"
    source = EditionSource(
        file=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        publisher=publisher or _publisher(act, ident) or "not stated",
        language=found_language,
        official=stated_official if official is None else official,
        status=status
        or _stated_status(act)
        or ("official text" if (official or stated_official) else "Akoma Ntoso expression"),
    )
    words = load_grammar(grammar) if grammar is not None else None
    notes = {
        note.get("eId", ""): reader.text(note, f"note {note.get('eId')}")
        for note in act.iterfind(_q("meta/notes/note"))
    }
    attachments = act.findall(_q("attachments/attachment"))
    if len(attachments) != len(edition.annexes):
        raise reader.error(
            f"the document has {len(attachments)} annexes, edition {edition.id!r} "
            f"{len(edition.annexes)}; a translation must have the edition's structure"
        )
    annexes: list[AnnexText] = []
    checklists: list[ChecklistText] = []
    for held, attachment in zip(edition.annexes, attachments):
        where = f"Annex {held.number}"
        if attachment.get("eId") != f"att_{held.number}":
            raise reader.error(
                f"{where}: expected the attachment att_{held.number}, found {attachment.get('eId')!r}"
            )
        doc = reader.find(attachment, "doc", where)
        title_p = reader.find(doc, "preface/longTitle/p", where)
        title = reader.text(title_p.find(_q("docTitle")), f"{where}: the title")
        ref = title_p.find(_q("noteRef"))
        footnote = notes.get((ref.get("href") or "").lstrip("#")) if ref is not None else None
        if ref is not None and footnote is None:
            raise reader.error(f"{where}: its footnote {ref.get('href')!r} is in no <note>")
        annexes.append(AnnexText(number=held.number, title=title, footnote=footnote))
        removed = doc.find(_q("mainBody/hcontainer[@name='annexBody']"))
        excluded = removed is not None and removed.get("status") == "removed"
        if excluded != (held.status == "excluded"):
            state = "excluded" if held.status == "excluded" else "in force"
            raise reader.error(f"{where} is {state} in the edition, but not in the document")
        if held.checklist is None or not held.text_available:
            continue
        own = edition.checklist(held.checklist)
        checklists.append(_checklist(reader, doc, own, title, footnote, words))
    return Translation(source=source, annexes=tuple(annexes), checklists=tuple(checklists))


def _stated_status(act: ET.Element) -> Optional[str]:
    """The status this library's export states of the text (its ``<proprietary>``)."""
    facts = act.find(_q("meta/proprietary"))
    found = facts.find(f"{{{KZ_NS}}}facts/{{{KZ_NS}}}source") if facts is not None else None
    status = found.get("status") if found is not None else None
    return status if status and not unsafe(status) else None


def _publisher(act: ET.Element, ident: ET.Element) -> Optional[str]:
    author = ident.find(_q("FRBRExpression/FRBRauthor"))
    eid = (author.get("href") or "").lstrip("#") if author is not None else ""
    for reference in act.iterfind(_q("meta/references/*")):
        if eid and reference.get("eId") == eid and reference.get("showAs"):
            return reference.get("showAs")
    return None


def _checklist(
    reader: _Reader,
    doc: ET.Element,
    own: Checklist,
    title: str,
    footnote: Optional[str],
    words: Optional[Grammar],
) -> ChecklistText:
    where = f"Annex {own.annex} ({own.key})"
    caption = reader.text(
        doc.find(_q("preface/container[@name='caption']")), f"{where}: the caption"
    )
    header = reader.find(doc, "mainBody/hcontainer[@name='formHeader']/content", where)
    fields = []
    for key, line in zip([f.key for f in own.header_fields], header.findall(_q("p"))):
        blank = line.find(_q("fillIn"))
        label = reader.text(_only_text(line.text), f"{where}: a header field")
        suffix = " ".join((blank.tail or "").split()) if blank is not None else ""
        fields.append(HeaderField(key=key, label=label, suffix=suffix))
    listing = reader.find(doc, "mainBody/hcontainer[@name='requirements']", where)
    heading = reader.text(listing.find(_q("heading")), f"{where}: the list heading")
    columns = [reader.text(p, f"{where}: a column") for p in listing.findall(_q("intro/p"))]
    points = listing.findall(_q("point"))
    requirements = []
    for position, (expected, point) in enumerate(zip(own.ids, points), start=1):
        wid = point.get("wId", "")
        found = frbr.id_of_wid(wid)
        if found != expected:
            raise reader.error(
                f"{where}: requirement {position} has the wId {wid!r}; the edition has "
                f"{expected} there ({frbr.requirement_wid(own.annex, expected)}): a "
                "translation must have the edition's requirements in its places"
            )
        text = reader.text(point.find(_q("content/p")), f"{where}: requirement {expected}")
        requirements.append(RequirementText(id=expected, text=text))
    blocks = []
    for container in doc.findall(_q("conclusions/container[@name='signatureBlock']")):
        first, *captions = container.findall(_q("p"))
        role = reader.text(_only_text(first.text), f"{where}: a signature block")
        blocks.append(
            SignatureBlock(
                role=role,
                captions=tuple(reader.text(p, f"{where}: a caption") for p in captions),
            )
        )
    counts = (
        ("header fields", len(header.findall(_q("p"))), len(own.header_fields)),
        ("columns", len(columns), len(own.columns)),
        ("requirements", len(points), len(own.requirements)),
        ("signature blocks", len(blocks), len(own.signature_blocks)),
    )
    for what, found_count, expected_count in counts:
        if found_count != expected_count:
            raise reader.error(
                f"{where} has {found_count} {what}, the edition {expected_count}; a translation "
                "must have the edition's structure"
            )
    return ChecklistText(
        key=own.key,
        annex_caption=caption,
        title=title,
        subjects=subjects(title, words) if words is not None else (),
        footnote=footnote,
        header_fields=tuple(fields),
        list_heading=heading,
        columns=tuple(columns),
        requirements=tuple(requirements),
        signature_blocks=tuple(blocks),
    )


def _only_text(text: Optional[str]) -> ET.Element:
    """An element holding just ``text`` (the words before a blank), for :meth:`_Reader.text`."""
    holder = ET.Element("p")
    holder.text = text or ""
    return holder
