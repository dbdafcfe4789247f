"""Akoma Ntoso 3.0: the order as one ``<act>`` document per expression (an edition in a language).

The names follow the Akoma Ntoso naming convention (docs/exports/akn.md):

- the work is ``/akn/kz/act/joint-order/2019-06-04/114-nk-52``: the country, the type
  ``act`` and the subtype ``joint-order``, the date of the first of the two ministers'
  orders, and both numbers in the order the text names them (``/`` and letters outside
  ASCII written as the URI allows: ``114/НҚ`` becomes ``114-nk``);
- an expression adds its language (ISO 639-2) and the date of the last amendment
  applied (``eng@2023-05-23``), or ``@`` alone for the order as first made;
- the manifestation adds ``.akn``; each annex is a component ``!annex_N``.

Every element that the convention numbers has an ``eId``; each requirement's ``point``
has the ``wId`` ``<its eId's prefix>__point_<ID>``, its stable ID in the place of its
number, which is the same in every expression of the work. A requirement's ``<num>``
is its position in the annex's table, which numbers nothing: the library's numbering,
said in a note. The text's status, what the expression date is, and that the Adilet
code is the library's derivation are said in the metadata's notes and, for the status,
in a visible note of the preface. Written with the standard library.

>>> from kz_inspection_checklists import edition
>>> xml = akn_document(edition("2023")).decode()
>>> 'wId="att_5__hcontainer_2__point_EDS-004"' in xml
True
>>> work_uri(edition("2023"))
'/akn/kz/act/joint-order/2019-06-04/114-nk-52'
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from typing import Optional

from ..exceptions import TextNotAvailableError
from ..law import frbr
from ..law.edition import Annex, Checklist, Edition, EditionSource
from ..law.frbr import AKN_NS, LANGUAGES, act_date, act_uri, language_code, original_act, slug
from ..law.order import Act, Order, OrderText
from ..law.store import Law, law_of
from ._shared import OSCAL_NS, text_notice, timestamp

__all__ = [
    "AKN_NS",
    "LANGUAGES",
    "akn_document",
    "expression_uri",
    "language_code",
    "render_order",
    "work_uri",
]

#: The library's own facts in ``<proprietary>``, qualified by the project's URI.
KZ_NS = OSCAL_NS
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Elements whose content is text: indentation never enters them.
_TEXT = {"p", "heading", "num", "docTitle", "signature", "role", "person", "FRBRalias"}


def work_uri(edition: Edition, law: Optional[Law] = None) -> str:
    """The FRBR work URI of the order an edition is of."""
    return frbr.work_uri((law or law_of(edition)).order)


def _version(edition: Edition, order: Order) -> tuple[str, Optional[datetime.date]]:
    return frbr.version(order, edition.act)


def expression_uri(edition: Edition, language: str, law: Optional[Law] = None) -> str:
    """The FRBR expression URI of an edition in a language (ISO 639-1)."""
    law = law or law_of(edition)
    version, _ = _version(edition, law.order)
    return f"{work_uri(edition, law)}/{language_code(language)}{version}"


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _para(parent: ET.Element, text: str, **attributes: str) -> ET.Element:
    return _sub(parent, "p", text, **attributes)


def _first_order(act: Act) -> str:
    """Whose order gives an act its date: its issuer's, or the first of its issuers'."""
    if len(act.issuers) == 1:
        return "the minister's order"
    count = {2: "two", 3: "three", 4: "four"}.get(len(act.issuers), str(len(act.issuers)))
    return f"the first of the {count} ministers' orders"


def _annexes(numbers: list[int]) -> str:
    """Annex numbers in words: ``Annex 3``, ``Annexes 1 and 2``, ``Annexes 3 to 5``.

    >>> _annexes([3]), _annexes([1, 2]), _annexes([3, 4, 5]), _annexes([1, 4, 5])
    ('Annex 3', 'Annexes 1 and 2', 'Annexes 3 to 5', 'Annexes 1, 4 and 5')
    """
    if len(numbers) == 1:
        return f"Annex {numbers[0]}"
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"Annexes {numbers[0]} to {numbers[-1]}"
    return "Annexes " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


class _Writer:
    """One document being written: the order, the edition in one language, the notes."""

    def __init__(self, edition: Edition, language: str, law: Law) -> None:
        self.edition, self.language, self.law = edition, language, law
        self.order = law.order
        self.own = edition.language == language
        self.work = work_uri(edition, law)
        self.expression = expression_uri(edition, language, law)
        self.footnotes: list[tuple[str, str]] = []  # (eId, words)

    def provisions(self) -> Optional[OrderText]:
        text = self.order.provisions
        held = text is not None and text.edition == self.edition.id
        return text if held and text is not None and text.language == self.language else None

    def identification(
        self,
        meta: ET.Element,
        component: str,
        when: datetime.datetime,
        title: Optional[str] = None,
    ) -> None:
        """The FRBR identification of the document, or of one annex (``title`` given)."""
        order, edition = self.order, self.edition
        original = original_act(order)
        ident = _sub(meta, "identification", source="#library")
        work = _sub(ident, "FRBRWork")
        _sub(work, "FRBRthis", value=f"{self.work}/!{component}")
        _sub(work, "FRBRuri", value=self.work)
        _sub(work, "FRBRalias", value=title or order.title, name="title")
        if title is None:
            _sub(work, "FRBRalias", value=order.registration.number, name="registrationNumber")
            _sub(work, "FRBRalias", value=order.adilet_code, name="adiletCode")
        for issuer in original.issuers:
            if issuer.date.date:
                _sub(
                    work, "FRBRdate", date=issuer.date.date.isoformat(), name=f"No. {issuer.number}"
                )
        if order.registration.date.date:
            _sub(
                work, "FRBRdate", date=order.registration.date.date.isoformat(), name="registration"
            )
        for number, _ in enumerate(original.issuers, start=1):
            _sub(work, "FRBRauthor", href=f"#author-{number}", as_="#author")
        _sub(work, "FRBRcountry", value="kz")
        _sub(work, "FRBRsubtype", value=self.work.split("/")[4])
        _sub(
            work,
            "FRBRnumber",
            value=self.work.rsplit("/", 1)[1],
            showAs=" and ".join(f"No. {issuer.number}" for issuer in original.issuers),
        )
        _sub(work, "FRBRprescriptive", value="true")
        expression = _sub(ident, "FRBRExpression")
        _sub(expression, "FRBRthis", value=f"{self.expression}/!{component}")
        _sub(expression, "FRBRuri", value=self.expression)
        _, day = _version(edition, order)
        if day is None:
            _sub(expression, "FRBRdate", date=act_date(original).isoformat(), name="original")
        else:
            _sub(expression, "FRBRdate", date=day.isoformat(), name="lastAmendmentApplied")
        source = self.source()
        _sub(expression, "FRBRauthor", href="#publisher" if source else "#library")
        if source is not None:
            _sub(expression, "FRBRauthoritative", value="true" if source.official else "false")
        _sub(expression, "FRBRlanguage", language=language_code(self.language))
        manifestation = _sub(ident, "FRBRManifestation")
        _sub(manifestation, "FRBRthis", value=f"{self.expression}/!{component}.akn")
        # The manifestation's URI without a component is the expression's, as cobalt
        # reads it; the format is in FRBRthis (``/!main.akn``) and FRBRformat.
        _sub(manifestation, "FRBRuri", value=self.expression)
        _sub(manifestation, "FRBRdate", date=when.date().isoformat(), name="generation")
        _sub(manifestation, "FRBRauthor", href="#library")
        _sub(manifestation, "FRBRformat", value="application/akn+xml")

    def source(self) -> Optional[EditionSource]:
        held = self.edition.in_language(self.language) if self.edition.text_available else None
        return held.source if held is not None else None

    def meta(self, act: ET.Element, when: datetime.datetime) -> None:
        meta = _sub(act, "meta")
        self.identification(meta, "main", when)
        order, edition = self.order, self.edition
        lifecycle = _sub(meta, "lifecycle", source="#library")
        applied = [a for a in order.acts if a.kind == "original"]
        if order.act(edition.act).kind != "original":
            applied += [a for a in order.acts if a.kind != "original"][
                : 1 + [a.id for a in order.acts if a.kind != "original"].index(edition.act)
            ]
        for number, act_ in enumerate(applied, start=1):
            _sub(
                lifecycle,
                "eventRef",
                eId=f"lifecycle__eventRef_{number}",
                date=act_date(act_).isoformat(),
                source=f"#{act_.id}",
                type="generation" if act_.kind == "original" else "amendment",
            )
        refs = _sub(meta, "references", source="#library")
        for act_ in applied:
            registered = (
                f"; registered No. {act_.registration.number} of {act_.registration.date.text}"
                if act_.registration
                else ""
            )
            _sub(
                refs,
                "original" if act_.kind == "original" else "passiveRef",
                eId=act_.id,
                href=f"{act_uri(act_)}/{language_code(self.language)}@"
                if act_.kind == "original"
                else act_uri(act_),
                showAs=f"Joint order {act_.label}{registered}",
            )
        for number, issuer in enumerate(original_act(order).issuers, start=1):
            _sub(
                refs,
                "TLCOrganization",
                eId=f"author-{number}",
                href=f"/akn/ontology/organization/kz/{slug(issuer.authority)}",
                showAs=issuer.authority,
            )
        _sub(refs, "TLCRole", eId="author", href="/akn/ontology/role/kz/author", showAs="Author")
        text = self.provisions()
        for number, signatory in enumerate(text.signatories if text else (), start=1):
            _sub(
                refs,
                "TLCPerson",
                eId=f"signatory-{number}",
                href=f"/akn/ontology/person/kz/{slug(signatory.name)}",
                showAs=signatory.name,
            )
            _sub(
                refs,
                "TLCRole",
                eId=f"signatory-{number}-position",
                href=f"/akn/ontology/role/kz/{slug(signatory.position)}",
                showAs=signatory.position,
            )
        source = self.source()
        if source is not None:
            _sub(
                refs,
                "TLCOrganization",
                eId="publisher",
                href=f"/akn/ontology/organization/kz/{slug(source.publisher)}",
                showAs=source.publisher,
            )
        _sub(
            refs,
            "TLCOrganization",
            eId="library",
            href="https://pypi.org/project/kz-inspection-checklists/",
            showAs="kz-inspection-checklists",
        )
        notes = _sub(meta, "notes", source="#library")
        notes.set(_XML_LANG, "en")
        for eid, words in self.library_notes():
            _para(_sub(notes, "note", eId=eid), words)
        if self.footnotes:
            footnotes = _sub(meta, "notes", source="#publisher" if source else "#library")
            for eid, words in self.footnotes:
                _para(_sub(footnotes, "note", eId=eid, marker="*", placement="bottom"), words)
        proprietary = _sub(meta, "proprietary", source="#library")
        facts = _sub(proprietary, "kz:facts", **{"xmlns:kz": KZ_NS})
        _sub(
            facts,
            "kz:adiletCode",
            order.adilet_code,
            derivedFrom=f"registration No. {order.registration.number}",
            statedInSource="false",
        )
        _sub(facts, "kz:edition", id=edition.id)
        if source is not None:
            _sub(
                facts,
                "kz:source",
                file=source.file,
                sha256=source.sha256,
                publisher=source.publisher,
                language=source.language,
                official="true" if source.official else "false",
                status=source.status,
            )

    def status_line(self) -> str:
        source = self.source()
        if source is None:
            return (
                f"This expression holds what the sources tell of edition {self.edition.id} "
                "(its annexes and their titles); its texts are not held by this library."
            )
        checklist = self.edition.in_language(self.language).checklists[0]
        notice = text_notice(checklist, self.edition.in_language(self.language))
        return (
            f"{notice} Source: {source.file}, SHA-256 {source.sha256}. The publisher's name, "
            f"{source.publisher}, is this library's attribution: the source text does not "
            "name its publisher."
        )

    def library_notes(self) -> list[tuple[str, str]]:
        order, edition = self.order, self.edition
        act = order.act(edition.act)
        notes = [("note_status", self.status_line())]
        _, day = _version(edition, order)
        if day is not None:
            notes.append(
                (
                    "note_expressionDate",
                    f"The expression date {day.isoformat()} is the date of the last amendment "
                    f"applied to this text, the joint order {act.label}. The source does not "
                    "say when that amendment took effect, only its rule: "
                    f"“{act.entry_into_force.rule}”. It is not a date of entry into force.",
                )
            )
        else:
            notes.append(
                (
                    "note_expressionDate",
                    "This expression is the order as first made (version '@'); its date is "
                    f"that of {_first_order(original_act(order))}. The source does not say "
                    "when the order took effect, only its rule.",
                )
            )
        notes.append(
            (
                "note_adiletCode",
                f"The Adilet code {order.adilet_code} (FRBRalias adiletCode) is this "
                f"library's derivation from registration No. {order.registration.number} by "
                "Adilet's pattern; the source text does not state it.",
            )
        )
        if edition.text_available:
            notes.append(
                (
                    "note_numbering",
                    "A requirement's <num> is this library's numbering: its position in its "
                    "annex's table, which numbers nothing. Its wId carries its stable ID, "
                    "which is this library's too.",
                )
            )
        else:
            notes.append(
                (
                    "note_annexTitles",
                    "The annexes' titles are those paragraph 1 of the later text gives them "
                    f"({_annexes([a.number for a in edition.annexes if a.checklist])}) or "
                    "those their headings keep in it "
                    f"({_annexes([a.number for a in edition.annexes if not a.checklist])}); "
                    "their headings in this edition are not held.",
                )
            )
        return notes

    def footnote(self, parent: ET.Element, prefix: str, words: Optional[str]) -> None:
        if words:
            count = sum(1 for eid, _ in self.footnotes if eid.startswith(f"{prefix}__note_"))
            eid = f"{prefix}__note_{count + 1}"
            self.footnotes.append((eid, words))
            _sub(parent, "noteRef", href=f"#{eid}", marker="*", placement="bottom")

    def not_held(self, parent: ET.Element, prefix: str, words: str) -> None:
        box = _sub(parent, "hcontainer", name="textNotHeld", eId=f"{prefix}hcontainer_1")
        box.set("status", "editorial")
        box.set(_XML_LANG, "en")
        _para(_sub(box, "content"), words)

    def front(self, act: ET.Element) -> None:
        preface = _sub(act, "preface")
        text = self.provisions()
        if self.own or text is not None:
            _sub(_para(_sub(preface, "longTitle"), ""), "docTitle", self.order.title)
        status = _sub(preface, "container", name="textStatus", eId="preface__container_1")
        status.set("status", "editorial")
        status.set(_XML_LANG, "en")
        _para(status, self.status_line())
        if text is not None:
            _para(preface, original_act(self.order).provenance, eId="preface__p_1")
            formula = _sub(_sub(act, "preamble"), "formula", name="enactingFormula")
            formula.set("eId", "preamble__formula_1")
            _para(formula, text.legal_basis.text)

    def body(self, act: ET.Element) -> None:
        body = _sub(act, "body")
        text = self.provisions()
        if text is None:
            self.not_held(
                body,
                "",
                "The order's own paragraphs in this expression are not held by this library.",
            )
            return
        for paragraph in text.paragraphs:
            eid = f"para_{paragraph.number}"
            element = _sub(body, "paragraph", eId=eid)
            _sub(element, "num", f"{paragraph.number}.")
            if not paragraph.subparagraphs:
                _para(_sub(element, "content"), paragraph.text)
                continue
            _para(_sub(element, "intro"), paragraph.text)
            for sub in paragraph.subparagraphs:
                item = _sub(element, "subparagraph", eId=f"{eid}__subpara_{sub.number}")
                if sub.excluded:
                    item.set("status", "removed")
                _sub(item, "num", f"{sub.number})")
                _para(_sub(item, "content"), sub.text)
        conclusions = _sub(act, "conclusions")
        for number, signatory in enumerate(text.signatories, start=1):
            block = _sub(
                conclusions, "container", name="signature", eId=f"conclusions__container_{number}"
            )
            signature = _sub(_para(block, ""), "signature")
            _sub(signature, "role", signatory.position, refersTo=f"#signatory-{number}-position")
            _sub(signature, "person", signatory.name, refersTo=f"#signatory-{number}").tail = ""
        for number, other in enumerate(text.other_blocks, start=len(text.signatories) + 1):
            block = _sub(
                conclusions, "container", name="block", eId=f"conclusions__container_{number}"
            )
            _para(block, other.text)

    def attachments(self, act: ET.Element, when: datetime.datetime) -> None:
        attachments = _sub(act, "attachments")
        shown = self.edition.in_language(self.language) if self.edition.text_available else None
        for annex in (shown or self.edition).annexes:
            prefix = f"att_{annex.number}"
            attachment = _sub(attachments, "attachment", eId=prefix)
            checklist = (
                shown.checklist(annex.checklist)
                if shown is not None and annex.checklist and annex.text_available
                else None
            )
            doc = _sub(attachment, "doc", name="checklist" if checklist else "annex")
            self.identification(_sub(doc, "meta"), f"annex_{annex.number}", when, annex.title)
            self.annex(doc, prefix, annex, checklist)

    def annex(
        self, doc: ET.Element, prefix: str, annex: Annex, checklist: Optional[Checklist]
    ) -> None:
        preface = _sub(doc, "preface")
        if checklist is not None:
            box = _sub(preface, "container", name="caption", eId=f"{prefix}__container_1")
            _para(box, checklist.annex_caption)
        title = _para(_sub(preface, "longTitle"), "")
        _sub(title, "docTitle", annex.title)
        self.footnote(title, prefix, annex.footnote)
        body = _sub(doc, "mainBody")
        if annex.status == "excluded":
            removed = _sub(body, "hcontainer", name="annexBody", eId=f"{prefix}__hcontainer_1")
            removed.set("status", "removed")
            _para(_sub(removed, "content"), "")
            return
        if checklist is None:
            self.not_held(
                body,
                f"{prefix}__",
                "The text of this annex in this expression is not held by this library.",
            )
            return
        header = _sub(body, "hcontainer", name="formHeader", eId=f"{prefix}__hcontainer_1")
        content = _sub(header, "content")
        for field in checklist.header_fields:
            line = _para(content, f"{field.label} ")
            _sub(line, "fillIn").tail = f" {field.suffix}" if field.suffix else ""
        listing = _sub(body, "hcontainer", name="requirements", eId=f"{prefix}__hcontainer_2")
        _sub(listing, "heading", checklist.list_heading)
        intro = _sub(listing, "intro")
        for column in checklist.columns:
            _para(intro, column, **{"class": "column"})
        for position, requirement in enumerate(checklist.requirements, start=1):
            point = _sub(
                listing,
                "point",
                eId=f"{prefix}__hcontainer_2__point_{position}",
                wId=frbr.requirement_wid(annex.number, requirement.id),
            )
            _sub(point, "num", str(position), status="editorial")
            _para(_sub(point, "content"), requirement.text)
        conclusions = _sub(doc, "conclusions")
        for number, block in enumerate(checklist.signature_blocks, start=1):
            container = _sub(
                conclusions,
                "container",
                name="signatureBlock",
                eId=f"{prefix}__conclusions__container_{number}",
            )
            line = _para(container, f"{block.role} ")
            _sub(line, "fillIn").tail = ""
            for caption in block.captions:
                _para(container, caption)


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the structure, never the inside of an element that holds text."""
    if element.tag in _TEXT or element.tag.startswith("kz:") or len(element) == 0:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def akn_document(
    edition: Edition,
    *,
    language: Optional[str] = None,
    when: Optional[datetime.datetime] = None,
    law: Optional[Law] = None,
) -> bytes:
    """The edition in ``language`` (default: its own) as an Akoma Ntoso 3.0 document.

    A language the edition does not hold raises ``TextNotAvailableError``; ``when`` is
    the manifestation's date (else ``SOURCE_DATE_EPOCH``, else now).
    """
    law = law or law_of(edition)
    language = language or edition.language or "en"
    if edition.text_available:
        edition.in_language(language)  # TextNotAvailableError for a language not held
    elif language != "en":
        raise TextNotAvailableError(
            f"edition {edition.id!r} holds no text in this library; what the sources tell "
            f"of it (its annexes and their titles) is in en only, not {language!r}"
        )
    made = timestamp(when)
    writer = _Writer(edition, language, law)
    root = ET.Element("akomaNtoso", {"xmlns": AKN_NS})
    joint = len(original_act(law.order).issuers) > 1
    act = _sub(root, "act", name="jointOrder" if joint else "order", contains="singleVersion")
    # The body and attachments are written first so that their footnotes reach the
    # metadata's notes; the metadata is then put first, where the schema wants it.
    staging = ET.Element("staging")
    writer.front(staging)
    writer.body(staging)
    writer.attachments(staging, made)
    writer.meta(act, made)
    act.extend(list(staging))
    _indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


#: The order formats' entry point (see :data:`~kz_inspection_checklists.exports.ORDER_FORMATS`).
render_order = akn_document
