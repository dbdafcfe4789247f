"""Frozen pydantic models of the order, its editions, checklists and requirements.

What is *normative* (the words of the law, verbatim from a source text) and what is
*editorial* (identifiers, keys and numbering this library adds) is said in every
field's description, and therefore in the published JSON Schema. Nothing editorial is
ever written into a normative field.

Models are frozen and hold tuples, so loaded law cannot be changed by a caller:

>>> from kz_inspection_checklists import checklist
>>> requirement = checklist("communications").requirements[0]
>>> requirement.text = "something else"
Traceback (most recent call last):
    ...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Requirement
text
  Instance is frozen [type=frozen_instance, input_value='something else', input_type=str]
    For further information visit https://errors.pydantic.dev/.../v/frozen_instance
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .exceptions import (
    TextNotAvailableError,
    UnknownActError,
    UnknownChecklistError,
    UnknownRequirementError,
    closest,
)

__all__ = [
    "CHECKLIST_KEYS",
    "Act",
    "AmendmentEvent",
    "Annex",
    "Checklist",
    "DateAsGiven",
    "Edition",
    "EditionSource",
    "EntryIntoForce",
    "HeaderField",
    "Issuer",
    "Order",
    "Registration",
    "Requirement",
    "SignatureBlock",
]

NORMATIVE = "Normative: verbatim from the source text."
EDITORIAL = "Editorial: added by this library, not part of the law."

#: The checklist keys and the annex each one is (editorial names for Annexes 3 to 5).
CHECKLIST_KEYS: Mapping[str, int] = MappingProxyType(
    {
        "informatization": 3,
        "communications": 4,
        "electronic-signature": 5,
    }
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DateAsGiven(_Frozen):
    """A date as a source states it, with its calendar date where the words give one."""

    text: str = Field(description=NORMATIVE + " The date exactly as written.")
    date: Optional[datetime.date] = Field(
        default=None, description="The calendar date the text names (ISO 8601)."
    )


class Registration(_Frozen):
    """A registration with the Ministry of Justice."""

    number: str = Field(description=NORMATIVE)
    date: DateAsGiven


class Issuer(_Frozen):
    """One of the ministers who signed a joint order, with that minister's act number."""

    authority: str = Field(description=NORMATIVE + " The minister, as named in the source.")
    number: str = Field(description=NORMATIVE + " The act number, as written in the source.")
    date: DateAsGiven


class EntryIntoForce(_Frozen):
    """When an act takes effect: the rule the source gives, and the date if one is known.

    The rule ("ten calendar days after the day of its first official publication") is
    kept as written; ``date`` stays ``None`` until a source states the date.
    """

    rule: str = Field(description=NORMATIVE + " The rule, as written.")
    date: Optional[datetime.date] = Field(
        default=None, description="The effective date, only where a source states it."
    )
    publication_date: Optional[datetime.date] = Field(
        default=None, description="The first official publication, only where stated."
    )
    provenance: str = Field(description="Where the source states the rule.")


class Act(_Frozen):
    """A joint order that made or amended the order."""

    id: str = Field(description=EDITORIAL + " A short name for the act.")
    kind: Literal["original", "amendment"]
    issuers: tuple[Issuer, ...]
    registration: Optional[Registration] = Field(
        default=None, description="Registration with the Ministry of Justice, where stated."
    )
    entry_into_force: EntryIntoForce
    provenance: str = Field(description=NORMATIVE + " The words of the source naming the act.")


class AmendmentEvent(_Frozen):
    """What one act did to one annex or one subparagraph of paragraph 1, as the source says.

    ``words`` are the source's own words that state it (a footnote, or the
    subparagraph itself for an approval), so every event can be traced to the text.
    """

    act: str = Field(description="ID of the act, one of Order.acts.")
    action: Literal["approved", "excluded", "set-out-anew", "amended"] = Field(
        description="approved: made by the act; excluded: removed by it; set-out-anew: "
        "given a new wording as a whole (Adilet's footnote 'Annex N - as amended by'); "
        "amended: a footnote names the act without saying more."
    )
    annex: Optional[int] = Field(default=None, description="The annex acted on, if named.")
    subparagraph: Optional[int] = Field(
        default=None, description="The subparagraph of paragraph 1 acted on, if named."
    )
    words: str = Field(description=NORMATIVE + " The words stating what the act did.")
    provenance: str = Field(description="Where the words stand in the source.")


class Order(_Frozen):
    """The joint order No. 114/НҚ / No. 52 itself: title, registration and its acts."""

    adilet_code: str = Field(description="The document code in the Adilet legal database.")
    title: str = Field(description=NORMATIVE)
    registration: Registration
    acts: tuple[Act, ...] = Field(description="The acts that made and amended the order.")
    events: tuple[AmendmentEvent, ...] = Field(
        default=(), description="What each act did to which annex or subparagraph."
    )
    editions: tuple[str, ...] = Field(description="Edition IDs, oldest first.")

    def act(self, act_id: str) -> Act:
        """The act with this ID."""
        for act in self.acts:
            if act.id == act_id:
                return act
        known = [a.id for a in self.acts]
        hint = closest(str(act_id), known)
        raise UnknownActError(
            f"unknown act {act_id!r}; expected one of {', '.join(known)}"
            + (f"; did you mean {hint!r}?" if hint else "")
        )


class HeaderField(_Frozen):
    """A blank in the form's header, such as the inspected entity's name."""

    key: str = Field(description=EDITORIAL + " A stable key for the field.")
    label: str = Field(description=NORMATIVE + " The label printed before the blank.")
    suffix: str = Field(default="", description=NORMATIVE + " Words printed after the blank.")


class SignatureBlock(_Frozen):
    """A signature block at the foot of the form."""

    role: str = Field(description=NORMATIVE + " Who signs, e.g. 'Official(s)'.")
    captions: tuple[str, ...] = Field(description=NORMATIVE + " Caption lines under the blanks.")


class Requirement(_Frozen):
    """One requirement of a checklist's "List of requirements"."""

    id: str = Field(description=EDITORIAL + " Stable ID; never reused or renumbered.")
    number: int = Field(
        ge=1,
        description=EDITORIAL
        + " Its position in the checklist's list in this edition, from 1; the source"
        " numbers nothing.",
    )
    text: str = Field(
        description=NORMATIVE + " Only surrounding whitespace is stripped; lines are joined."
    )
    language: str = Field(
        description=EDITORIAL + " Language of the text (ISO 639-1), from the edition's source."
    )
    official: bool = Field(
        description=EDITORIAL
        + " True for an official text, False for a translation, from the edition's source."
    )


class Checklist(_Frozen):
    """A checklist (one annex of the order) as set out in one edition."""

    key: str = Field(description=EDITORIAL + " informatization, communications, ...")
    annex: int = Field(description=NORMATIVE + " The number N of 'Annex N'.")
    edition: str = Field(description=EDITORIAL + " The edition ID.")
    annex_caption: str = Field(description=NORMATIVE + " 'Annex N to the Joint order of ...'.")
    title: str = Field(
        description=NORMATIVE + " The heading of the checklist; its line breaks become spaces."
    )
    subjects: tuple[str, ...] = Field(
        description=EDITORIAL
        + " The title's subjects of control, split at its commas; each item is a verbatim"
        " part of the title."
    )
    footnote: Optional[str] = Field(default=None, description=NORMATIVE)
    header_fields: tuple[HeaderField, ...]
    list_heading: str = Field(description=NORMATIVE + " 'List of requirements'.")
    columns: tuple[str, ...] = Field(description=NORMATIVE + " The form's verdict columns.")
    requirements: tuple[Requirement, ...]
    signature_blocks: tuple[SignatureBlock, ...]

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement with this ID (case-insensitive), or :class:`UnknownRequirementError`.

        >>> from kz_inspection_checklists import checklist
        >>> checklist("electronic-signature").requirement("eds-004").number
        4
        """
        if not isinstance(requirement_id, str):
            raise UnknownRequirementError(
                f"a requirement ID is a string such as 'COM-001', not "
                f"{type(requirement_id).__name__} {requirement_id!r}"
            )
        wanted = requirement_id.strip().upper()
        for requirement in self.requirements:
            if requirement.id == wanted:
                return requirement
        ids = [r.id for r in self.requirements]
        hint = closest(requirement_id, ids)
        raise UnknownRequirementError(
            f"unknown requirement ID {requirement_id!r} in checklist {self.key!r} "
            f"of edition {self.edition!r}; IDs run {ids[0]} to {ids[-1]}"
            + (f"; did you mean {hint!r}?" if hint else "")
        )


class Annex(_Frozen):
    """An annex of the order as it stands in one edition."""

    number: int
    title: str = Field(description=NORMATIVE)
    status: Literal["in-force", "excluded"]
    footnote: Optional[str] = Field(default=None, description=NORMATIVE)
    checklist: Optional[str] = Field(
        default=None, description="The checklist key, for Annexes 3 to 5."
    )
    text_available: bool = Field(
        description="Whether this library holds the annex's text for this edition."
    )


class EditionSource(_Frozen):
    """The source text an edition's data was imported from."""

    file: str = Field(description="File name of the source text in the project's sources/.")
    sha256: str = Field(description="SHA-256 of the source text file.")
    publisher: str
    language: str = Field(description="Language of the text (ISO 639-1).")
    official: bool = Field(description="True for an official text, False for a translation.")
    status: str = Field(description="How the publisher labels the text.")


class Edition(_Frozen):
    """The order as it stood between two amending acts."""

    id: str = Field(description=EDITORIAL + " Edition ID, e.g. '2023-revision'.")
    aliases: tuple[str, ...] = Field(default=(), description=EDITORIAL)
    act: str = Field(description="ID of the act that made this edition.")
    text_available: bool = Field(description="Whether the checklist texts are held.")
    unavailable_reason: Optional[str] = Field(
        default=None, description="Why the texts are not held, and how to add them."
    )
    source: Optional[EditionSource] = None
    annexes: tuple[Annex, ...]
    checklists: tuple[Checklist, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Edition:
        """The parts of an edition agree with each other (an edition file may be hand-made)."""
        numbers = [annex.number for annex in self.annexes]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"annexes must be numbered 1 to {len(numbers)} in order: {numbers}")
        annexes = {annex.number: annex for annex in self.annexes}
        seen: set[str] = set()
        for checklist in self.checklists:
            where = f"checklist {checklist.key!r}"
            if checklist.edition != self.id:
                raise ValueError(f"{where} says edition {checklist.edition!r}, not {self.id!r}")
            if CHECKLIST_KEYS.get(checklist.key) != checklist.annex:
                raise ValueError(f"{where} is not Annex {checklist.annex}")
            annex = annexes.get(checklist.annex)
            if annex is None or annex.checklist != checklist.key or not annex.text_available:
                raise ValueError(f"{where} has no annex entry in force with its text held")
            numbers = [r.number for r in checklist.requirements]
            if numbers != list(range(1, len(numbers) + 1)):
                raise ValueError(f"{where}: requirements are not numbered 1 to {len(numbers)}")
            for requirement in checklist.requirements:
                if requirement.id in seen:
                    raise ValueError(f"requirement ID {requirement.id} appears twice")
                seen.add(requirement.id)
        if self.checklists and not self.text_available:
            raise ValueError("an edition without texts (text_available false) has checklists")
        held = {checklist.annex for checklist in self.checklists}
        for annex in self.annexes:
            if annex.checklist and annex.text_available and annex.number not in held:
                raise ValueError(f"Annex {annex.number} says its text is held, but it has none")
        return self

    def annex(self, number: int) -> Annex:
        """The annex with this number."""
        for annex in self.annexes:
            if annex.number == number:
                return annex
        raise UnknownChecklistError(
            f"edition {self.id!r} has no annex {number}; "
            f"it has annexes {', '.join(str(a.number) for a in self.annexes)}"
        )

    def checklist(self, key: str | int) -> Checklist:
        """The checklist with this key or annex number.

        Raises :class:`UnknownChecklistError` for a key that names no checklist and
        :class:`TextNotAvailableError` where the edition's text is not held.
        """
        number = _annex_number(key)
        for checklist in self.checklists:
            if checklist.annex == number:
                return checklist
        annex = self.annex(number)
        if not annex.text_available:
            raise TextNotAvailableError(
                f"the text of Annex {number} ({annex.title}) in edition {self.id!r} is not "
                f"available in this library: {self.unavailable_reason or 'no source text'}"
            )
        raise UnknownChecklistError(f"Annex {number} of edition {self.id!r} is not a checklist")

    def requirements(self) -> tuple[Requirement, ...]:
        """Every requirement of every checklist, in annex order."""
        return tuple(r for checklist in self.checklists for r in checklist.requirements)


def _annex_number(key: str | int) -> int:
    """The annex number a checklist key or number names."""
    if isinstance(key, int) and not isinstance(key, bool) and key in CHECKLIST_KEYS.values():
        return key
    if isinstance(key, str):
        text = key.strip().lower()
        if text in CHECKLIST_KEYS:
            return CHECKLIST_KEYS[text]
        if text.isascii() and text.isdigit() and int(text) in CHECKLIST_KEYS.values():
            return int(text)
        hint = closest(text, CHECKLIST_KEYS)
    else:
        hint = None
    raise UnknownChecklistError(
        f"unknown checklist {key!r}; expected one of: {', '.join(CHECKLIST_KEYS)} "
        f"(or annex {', '.join(str(n) for n in CHECKLIST_KEYS.values())})"
        + (f"; did you mean {hint!r}?" if hint else "")
    )
