"""Frozen models of an order: its title, registration, acts, amendment events and own facts.

Besides what its source text says (the title, the acts that made and amended it, what
each did to which annex), an order carries the facts this library needs to treat it
as checklists, which the text does not state: which annex is which checklist, the ID
prefix of each checklist's requirements, and the kinds of the form's header fields and
who signs (:class:`ChecklistSpec`, :class:`FormSpec`). They are editorial, kept as data
in the order's file, so a checklist of another order needs no code.

>>> from kz_inspection_checklists import order
>>> [(spec.key, spec.annex, spec.prefix) for spec in order().checklists]
[('informatization', 3, 'INF'), ('communications', 4, 'COM'), ('electronic-signature', 5, 'EDS')]
>>> [field.kind for field in order().form.header]
['text', 'act', 'text', 'iin-bin', 'text']
"""

from __future__ import annotations

import datetime
import functools
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import Self

from ..exceptions import UnknownNameError

__all__ = [
    "DERIVED",
    "EDITORIAL",
    "LABELS",
    "NORMATIVE",
    "Act",
    "AmendmentEvent",
    "ChecklistSpec",
    "DateAsGiven",
    "EntryIntoForce",
    "FormSpec",
    "HeaderFieldSpec",
    "Issuer",
    "LegalBasis",
    "Order",
    "OrderText",
    "Paragraph",
    "Registration",
    "Signatory",
    "SignatorySpec",
    "SourceLine",
    "Subparagraph",
    "TerminatedAct",
    "TextBlock",
]

NORMATIVE = "Normative: verbatim from the source text."
EDITORIAL = "Editorial: added by this library, not part of the law."
DERIVED = "Derived: not written in the source; made from what it says by a stated rule."

#: The three labels a fact of the law's models carries, at the start of its field's
#: description (docs/facts.md): verbatim from a source line, derived by a rule, or the
#: library's own.
LABELS = ("Normative:", "Derived:", "Editorial:")


class Frozen(BaseModel):
    """The base of the law's models: frozen, and no field that is not declared.

    A model may keep values derived from its fields in ``functools.cached_property``
    attributes (a checklist's ID index); a copy, which ``model_copy(update=...)`` may give
    other fields, starts without them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    def __copy__(self) -> Self:
        copied = super().__copy__()
        _uncache(copied)
        return copied

    def __deepcopy__(self, memo: Optional[dict[int, Any]] = None) -> Self:
        copied = super().__deepcopy__(memo)
        _uncache(copied)
        return copied


def _uncache(model: BaseModel) -> None:
    for name in _cached_names(type(model)):
        model.__dict__.pop(name, None)


@functools.cache
def _cached_names(cls: type) -> tuple[str, ...]:
    return tuple(
        name
        for klass in cls.__mro__
        for name, value in vars(klass).items()
        if isinstance(value, functools.cached_property)
    )


class DateAsGiven(Frozen):
    """A date as a source states it, with its calendar date where the words give one."""

    text: str = Field(description=NORMATIVE + " The date exactly as written.")
    date: Optional[datetime.date] = Field(
        default=None,
        description=DERIVED + " The calendar date the text names (ISO 8601), read from it.",
    )


class Registration(Frozen):
    """A registration with the Ministry of Justice."""

    number: str = Field(description=NORMATIVE)
    date: DateAsGiven


class Issuer(Frozen):
    """One of the ministers who signed a joint order, with that minister's act number."""

    authority: str = Field(description=NORMATIVE + " The minister, as named in the source.")
    number: str = Field(description=NORMATIVE + " The act number, as written in the source.")
    date: DateAsGiven


class EntryIntoForce(Frozen):
    """When an act takes effect: the rule the source gives, and the date if one is known.

    The rule ("ten calendar days after the day of its first official publication") is
    kept as written; ``date`` stays ``None`` until a source states the date.
    ``days_after_publication`` is the importer's reading of the rule (10 for "ten
    calendar days after ..."), ``None`` where the rule is not of that form.
    """

    rule: str = Field(description=NORMATIVE + " The rule, as written.")
    days_after_publication: Optional[int] = Field(
        default=None,
        ge=0,
        description=EDITORIAL + " The number of calendar days after first official "
        "publication that the rule names, as the importer reads it.",
    )
    date: Optional[datetime.date] = Field(
        default=None,
        description=EDITORIAL + " The effective date, only where a source states it.",
    )
    publication_date: Optional[datetime.date] = Field(
        default=None,
        description=EDITORIAL + " The first official publication, only where stated.",
    )
    provenance: str = Field(
        description=EDITORIAL + " Where the source states the rule, in the order's terms."
    )


class Act(Frozen):
    """A joint order that made or amended the order."""

    id: str = Field(description=EDITORIAL + " A short name for the act.")
    kind: Literal["original", "amendment"] = Field(
        description=DERIVED + " original: the act the preamble names; amendment: one a "
        "note or footnote names."
    )
    issuers: tuple[Issuer, ...]
    registration: Optional[Registration] = Field(
        default=None, description="Registration with the Ministry of Justice, where stated."
    )
    entry_into_force: EntryIntoForce
    provenance: str = Field(description=NORMATIVE + " The words of the source naming the act.")

    @property
    def label(self) -> str:
        """The act's numbers and dates, e.g. ``No. 104/NK of 23.05.2023 and No. 76 of ...``."""
        return " and ".join(f"No. {i.number} of {i.date.text}" for i in self.issuers)


class AmendmentEvent(Frozen):
    """What one act did to one annex or one subparagraph of paragraph 1, as the source says.

    ``words`` are the source's own words that state it (a footnote, or the
    subparagraph itself for an approval), so every event can be traced to the text.
    """

    act: str = Field(description=DERIVED + " ID of the act the words name, one of Order.acts.")
    action: Literal["approved", "excluded", "set-out-anew", "amended"] = Field(
        description=DERIVED
        + " From the words: approved: made by the act; excluded: removed by it; set-out-anew: "
        "given a new wording as a whole (Adilet's footnote 'Annex N - as amended by'); "
        "amended: a footnote names the act without saying more."
    )
    annex: Optional[int] = Field(
        default=None, description=DERIVED + " The annex the words name, if they name one."
    )
    subparagraph: Optional[int] = Field(
        default=None,
        description=DERIVED + " The subparagraph of paragraph 1 the words stand in, if any.",
    )
    words: str = Field(description=NORMATIVE + " The words stating what the act did.")
    provenance: str = Field(
        description=EDITORIAL + " Where the words stand in the source, in the order's terms."
    )


class ChecklistSpec(Frozen):
    """Which annex of the order is a checklist, its key and its requirements' ID prefix."""

    key: str = Field(
        pattern=r"^[a-z][a-z0-9-]{0,39}$",
        description=EDITORIAL + " The checklist's key, as records and look-ups name it.",
    )
    annex: int = Field(
        ge=1, description=EDITORIAL + " The number N of the 'Annex N' that is the checklist."
    )
    prefix: str = Field(
        pattern=r"^[A-Z]{2,8}$",
        description=EDITORIAL + " The prefix of its requirement IDs (PREFIX-001).",
    )


#: The kinds of value a header field holds: text; an act's number and date ("№,
#: date"); a 12-digit IIN/BIN checked by its control digit; a date.
HeaderKind = Literal["text", "act", "iin-bin", "date"]


#: What a header field says of the inspection, where exports and registers need to know:
#: the authority that ordered it, the act assigning it, the entity inspected, its IIN/BIN
#: and its address.
HeaderRole = Literal["authority", "assignment", "entity", "entity-id", "address"]


class HeaderFieldSpec(Frozen):
    """One blank of the form's header: its key, the kind of value it holds, its role."""

    key: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,39}$",
        description=EDITORIAL + " The field's key, as the form's HeaderField keys and the "
        "inspection record's header name it.",
    )
    kind: HeaderKind = Field(description=EDITORIAL)
    role: Optional[HeaderRole] = Field(
        default=None, description=EDITORIAL + " What the field says of the inspection."
    )
    description: str = Field(description=EDITORIAL + " What the blank holds, in a few words.")
    note: Optional[str] = Field(
        default=None,
        description=EDITORIAL + " Where a rule the description states comes from, when it "
        "is not this order's text (the IIN/BIN's twelve digits are the IIN/BIN law's).",
    )


class SignatorySpec(Frozen):
    """Who signs one of the form's signature blocks, as the inspection record names them."""

    key: str = Field(
        pattern=r"^[a-z][a-z0-9_]{0,39}$",
        description=EDITORIAL + " The key of the record's header that holds the signatory.",
    )
    block: int = Field(ge=1, description=EDITORIAL + " The signature block signed, counted from 1.")
    many: bool = Field(description=EDITORIAL + " Whether several people may sign the block.")
    description: str = Field(description=EDITORIAL)


class FormSpec(Frozen):
    """The kinds of the form's header fields and who signs, shared by the order's checklists."""

    header: tuple[HeaderFieldSpec, ...]
    signatories: tuple[SignatorySpec, ...] = ()

    def key_of(self, role: str) -> Optional[str]:
        """The key of the header field with this role, or ``None`` if the form has none."""
        return next((field.key for field in self.header if field.role == role), None)


class SourceLine(Frozen):
    """Where a fact stands in a source text: the file's name and the line it starts on."""

    file: str = Field(
        description=EDITORIAL + " The source text's file name, as in sources/manifest.json."
    )
    line: int = Field(ge=1, description=EDITORIAL + " The line the words start on, counted from 1.")


class LegalBasis(Frozen):
    """The sentence that grounds the order in a law and orders ("In accordance with ...")."""

    text: str = Field(description=NORMATIVE + " The whole sentence, as written.")
    citation: str = Field(
        description=NORMATIVE + " The part of the sentence that names the provisions of law "
        "(the words between 'In accordance with' and the ordering words)."
    )
    source: SourceLine


class Subparagraph(Frozen):
    """A subparagraph "N) ..." of one of the order's paragraphs, verbatim."""

    number: int = Field(
        ge=0, description=DERIVED + " The number N the text gives it ('N)'), read from it."
    )
    text: str = Field(description=NORMATIVE + " The words after 'N) ', as written.")
    excluded: bool = Field(
        default=False,
        description=DERIVED + " Whether the words are a note that the subparagraph was excluded "
        "(Adilet's 'excluded by ...'), standing in place of its former words.",
    )
    source: SourceLine


class Paragraph(Frozen):
    """One numbered paragraph "N. ..." of the order (not of its annexes), verbatim.

    ``text`` is the paragraph's own words after "N. ": the whole paragraph, or the words
    that introduce its subparagraphs ("To approve:").
    """

    number: int = Field(
        ge=0, description=DERIVED + " The number N the text gives it ('N.'), read from it."
    )
    text: str = Field(description=NORMATIVE + " The words after 'N. ', as written.")
    subparagraphs: tuple[Subparagraph, ...] = ()
    source: SourceLine


class TerminatedAct(Frozen):
    """An act the order recognises as terminated, as one subparagraph of its paragraph names it.

    Each value is the text's own words; ``words`` is the whole subparagraph.
    """

    paragraph: int = Field(
        ge=0, description=DERIVED + " The paragraph that terminates it, by its number."
    )
    subparagraph: int = Field(
        ge=0, description=DERIVED + " The subparagraph that names it, by its number."
    )
    issuers: tuple[Issuer, ...] = Field(description="The ministers and their act numbers.")
    title: str = Field(description=NORMATIVE + " The act's title in its quotation marks.")
    registration_number: str = Field(
        description=NORMATIVE + " Its number in the Register of State Registration of "
        "Normative Legal Acts."
    )
    published: str = Field(description=NORMATIVE + " Where and when it was published.")
    words: str = Field(description=NORMATIVE + " The whole subparagraph, as written.")
    source: SourceLine


class TextBlock(Frozen):
    """A block of the source's lines, joined by spaces, kept as written."""

    text: str = Field(description=NORMATIVE)
    source: SourceLine


class Signatory(Frozen):
    """One who signed the order, as the text prints the signature block."""

    position: str = Field(
        description=NORMATIVE + " The signatory's position, the block's lines joined by spaces."
    )
    name: str = Field(description=NORMATIVE + " The name printed after the signature line.")
    source: SourceLine


class OrderText(Frozen):
    """The order's own text (its legal basis, paragraphs and signatures) as one edition's
    source text sets it out.

    It is the text of ``edition`` only: a consolidated text shows each paragraph as
    amended up to that edition (paragraph 1's excluded subparagraphs read "excluded by
    ..."). The texts of other editions are not held, and a paragraph that carries no
    note is not thereby stated to read as it did in them. Every value is verbatim and
    carries the line it stands on.
    """

    edition: str = Field(description=EDITORIAL + " The edition whose source text this is.")
    language: str = Field(
        description=EDITORIAL + " The language of the text (ISO 639), as its source's."
    )
    legal_basis: LegalBasis
    paragraphs: tuple[Paragraph, ...] = Field(description="The order's paragraphs, in order.")
    terminated: tuple[TerminatedAct, ...] = Field(
        default=(), description="The acts its paragraphs recognise as terminated."
    )
    signatories: tuple[Signatory, ...] = Field(
        default=(), description="The signature blocks after the paragraphs, in order."
    )
    other_blocks: tuple[TextBlock, ...] = Field(
        default=(),
        description="Blocks of text after the signatures that are not signatures (the text "
        "does not say what they are).",
    )

    def paragraph(self, number: int) -> Optional[Paragraph]:
        """The paragraph numbered ``number``, or ``None``."""
        return next((p for p in self.paragraphs if p.number == number), None)


class Order(Frozen):
    """An order: title, registration, its acts and what they did, and its own facts."""

    adilet_code: str = Field(
        description=DERIVED + " The document code in the Adilet legal database, which the "
        "source text does not state: made from the registration by Adilet's pattern, 'V', "
        "the last two digits of the year (2019 for both the act and its registration) and the "
        "registration number padded with zeros to eight digits (No. 18805: V1900018805)."
    )
    title: str = Field(description=NORMATIVE)
    registration: Registration
    acts: tuple[Act, ...] = Field(description="The acts that made and amended the order.")
    events: tuple[AmendmentEvent, ...] = Field(
        default=(), description="What each act did to which annex or subparagraph."
    )
    editions: tuple[str, ...] = Field(description=EDITORIAL + " Edition IDs, oldest first.")
    checklists: tuple[ChecklistSpec, ...] = Field(
        description="The annexes that are checklists, with their keys and ID prefixes."
    )
    form: FormSpec = Field(description="The form's header fields and signatories.")
    provisions: Optional[OrderText] = Field(
        default=None,
        description="The order's own text (legal basis, paragraphs, signatures) as the "
        "consolidated text of one edition sets it out, each part with its source line.",
    )

    def act(self, act_id: str) -> Act:
        """The act with this ID; :class:`UnknownNameError` for another."""
        for act in self.acts:
            if act.id == act_id:
                return act
        known = [a.id for a in self.acts]
        raise UnknownNameError(
            f"unknown act {act_id!r}; expected one of {', '.join(known)}",
            kind="act",
            name=act_id,
            candidates=known,
        )

    def spec(self, key: str) -> Optional[ChecklistSpec]:
        """The spec of the checklist with this key, or ``None``."""
        return next((spec for spec in self.checklists if spec.key == key), None)

    @property
    def id_forms(self) -> str:
        """How the order's requirement IDs look, e.g. ``INF-001, COM-001, EDS-001``."""
        return ", ".join(f"{spec.prefix}-001" for spec in self.checklists)
