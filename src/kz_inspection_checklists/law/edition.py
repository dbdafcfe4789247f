"""Frozen models of an edition: its annexes, checklists and requirements, in each language held.

What is *normative* (the words of the law, verbatim from a source text) and what is
*editorial* (identifiers, keys and numbering this library adds) is said in every
field's description, and therefore in the published JSON Schema. Nothing editorial is
ever written into a normative field.

An edition is its structure (annexes, checklists, requirement IDs in order) with the
text of one language, the one it was imported from, and the texts of other languages
as :class:`Translation` layers keyed by the same annex numbers, checklist keys and
requirement IDs. :meth:`Edition.in_language` gives the edition in another language;
the IDs stay the same.

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

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, Optional, Union

from pydantic import Field, model_validator

from .._suggest import shown
from ..exceptions import InvalidInputError, TextNotAvailableError, UnknownNameError
from .order import DERIVED, EDITORIAL, NORMATIVE, Frozen

__all__ = [
    "NUMBER_NOTE",
    "Annex",
    "AnnexText",
    "Checklist",
    "ChecklistText",
    "Edition",
    "EditionSource",
    "HeaderField",
    "Requirement",
    "RequirementText",
    "SignatureBlock",
    "Translation",
    "check_language",
]

#: What a form says of its "№": each requirement's number is the library's.
NUMBER_NOTE = (
    "The № is each requirement's position in the annex's list, counted from 1: the source "
    "numbers nothing."
)

#: A language code: ISO 639-1 (two letters), or one of ISO 639-2's codes reserved for
#: local use, ``qaa`` to ``qtz`` (the tests' pseudo-translation is ``qps``).
_LANGUAGE = re.compile(r"^(?:[a-z]{2}|q[a-t][a-z])$")


def check_language(language: object) -> str:
    """``language`` if it is a language code (``en``, ``kk``, ``ru``); else InvalidInputError.

    >>> check_language("RU")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: language 'RU' is not an ISO 639-1 code (two lower-case letters, e.g. en, kk, ru) nor one reserved for local use (qaa to qtz)
    """
    if isinstance(language, str) and _LANGUAGE.match(language):
        return language
    raise InvalidInputError(
        f"language {shown(language)} is not an ISO 639-1 code (two lower-case letters, "
        "e.g. en, kk, ru) nor one reserved for local use (qaa to qtz)"
    )


class HeaderField(Frozen):
    """A blank in the form's header, such as the inspected entity's name."""

    key: str = Field(description=EDITORIAL + " A stable key for the field.")
    label: str = Field(description=NORMATIVE + " The label printed before the blank.")
    suffix: str = Field(default="", description=NORMATIVE + " Words printed after the blank.")


class SignatureBlock(Frozen):
    """A signature block at the foot of the form."""

    role: str = Field(description=NORMATIVE + " Who signs, e.g. 'Official(s)'.")
    captions: tuple[str, ...] = Field(description=NORMATIVE + " Caption lines under the blanks.")


class Requirement(Frozen):
    """One requirement of a checklist's "List of requirements", in one language."""

    id: str = Field(description=EDITORIAL + " Stable ID; never reused or renumbered.")
    number: int = Field(
        ge=1,
        description=DERIVED
        + " Its position in the source's table (the checklist's list of requirements in"
        " this edition), counted from 1: the source numbers nothing, and the forms' '№'"
        " column is this position, not the law's numbering.",
    )
    text: str = Field(
        description=NORMATIVE + " Only surrounding whitespace is stripped; lines are joined."
    )
    language: str = Field(
        description=EDITORIAL + " Language of the text (ISO 639), from the text's source."
    )
    official: bool = Field(
        description=EDITORIAL
        + " True for an official text, False for a translation, from the text's source."
    )


class Checklist(Frozen):
    """A checklist (one annex of the order) as set out in one edition, in one language."""

    key: str = Field(description=EDITORIAL + " The checklist's key, from the order's facts.")
    annex: int = Field(description=DERIVED + " The number N of its heading 'Annex N'.")
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

    @functools.cached_property
    def ids(self) -> tuple[str, ...]:
        """The requirement IDs, in the checklist's order."""
        return tuple(r.id for r in self.requirements)

    @functools.cached_property
    def index(self) -> Mapping[str, int]:
        """Each requirement ID's position in :attr:`requirements` (read-only)."""
        return MappingProxyType({rid: i for i, rid in enumerate(self.ids)})

    @property
    def language(self) -> Optional[str]:
        """The language of the checklist's requirement texts, ``None`` if it has none."""
        return self.requirements[0].language if self.requirements else None

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement with this ID (case-insensitive), or :class:`UnknownNameError`.

        >>> from kz_inspection_checklists import checklist
        >>> checklist("electronic-signature").requirement("eds-004").number
        4
        """
        if not isinstance(requirement_id, str):
            like = f" such as {self.ids[0]!r}" if self.ids else ""
            raise InvalidInputError(
                f"a requirement ID is a string{like}, not "
                f"{type(requirement_id).__name__} {shown(requirement_id)}"
            )
        position = self.index.get(requirement_id.strip().upper())
        if position is not None:
            return self.requirements[position]
        raise UnknownNameError(
            f"unknown requirement ID {requirement_id!r} in checklist {self.key!r} "
            f"of edition {self.edition!r}; IDs run {self.ids[0]} to {self.ids[-1]}",
            kind="requirement",
            name=requirement_id,
            candidates=self.ids,
        )


class Annex(Frozen):
    """An annex of the order as it stands in one edition."""

    number: int = Field(description=DERIVED + " The number N of its heading 'Annex N'.")
    title: str = Field(
        description=NORMATIVE + " Its heading; for an edition whose text is not held, the "
        "name paragraph 1 gives it (the provenance says which)."
    )
    status: Literal["in-force", "excluded"] = Field(
        description=DERIVED + " excluded where its footnote says so, else in-force."
    )
    footnote: Optional[str] = Field(default=None, description=NORMATIVE)
    checklist: Optional[str] = Field(
        default=None, description=EDITORIAL + " The checklist key, for an annex that is one."
    )
    text_available: bool = Field(
        description=EDITORIAL + " Whether this library holds the annex's text for this edition."
    )


class EditionSource(Frozen):
    """The source text of one language of an edition."""

    file: str = Field(
        description=EDITORIAL + " File name of the source text in the project's sources/."
    )
    sha256: str = Field(description=DERIVED + " SHA-256 of the source text file.")
    publisher: str = Field(
        description=EDITORIAL + " Who published the text, as the library obtained it; the "
        "text does not name its publisher (from the grammar of its layout, or the manifest)."
    )
    language: str = Field(
        description=EDITORIAL + " Language of the text (ISO 639), from the grammar it is read by."
    )
    official: bool = Field(
        description=DERIVED + " False where the text calls itself a translation (Adilet's "
        "'Unofficial translation'), from the grammar it is read by."
    )
    status: str = Field(
        description=DERIVED + " How the publisher labels the text ('Unofficial "
        "translation'), lower-cased, from the grammar it is read by."
    )


class RequirementText(Frozen):
    """A requirement's text in one more language, keyed by its ID."""

    id: str = Field(description=EDITORIAL + " The requirement's stable ID.")
    text: str = Field(description=NORMATIVE)


class AnnexText(Frozen):
    """An annex's title and footnote in one more language, keyed by its number."""

    number: int = Field(description=DERIVED + " The number N of its heading 'Annex N'.")
    title: str = Field(description=NORMATIVE)
    footnote: Optional[str] = Field(default=None, description=NORMATIVE)


class ChecklistText(Frozen):
    """A checklist's words in one more language, keyed by its key and requirement IDs.

    Header fields keep their keys; signature blocks and columns are in the held
    edition's order.
    """

    key: str = Field(description=EDITORIAL)
    annex_caption: str = Field(description=NORMATIVE)
    title: str = Field(description=NORMATIVE)
    subjects: tuple[str, ...] = Field(description=EDITORIAL + " Verbatim parts of the title.")
    footnote: Optional[str] = Field(default=None, description=NORMATIVE)
    header_fields: tuple[HeaderField, ...]
    list_heading: str = Field(description=NORMATIVE)
    columns: tuple[str, ...] = Field(description=NORMATIVE)
    requirements: tuple[RequirementText, ...]
    signature_blocks: tuple[SignatureBlock, ...]


class Translation(Frozen):
    """The text of an edition in one more language, laid over the edition by stable keys."""

    source: EditionSource
    annexes: tuple[AnnexText, ...]
    checklists: tuple[ChecklistText, ...]

    @property
    def language(self) -> str:
        return self.source.language


class Edition(Frozen):
    """The order as it stood between two amending acts."""

    id: str = Field(description=EDITORIAL + " Edition ID, e.g. '2023-revision'.")
    aliases: tuple[str, ...] = Field(default=(), description=EDITORIAL)
    act: str = Field(description=DERIVED + " ID of the act that made this edition.")
    text_available: bool = Field(description=EDITORIAL + " Whether the checklist texts are held.")
    unavailable_reason: Optional[str] = Field(
        default=None, description=EDITORIAL + " Why the texts are not held, and how to add them."
    )
    source: Optional[EditionSource] = Field(
        default=None, description="The source of the text this edition's words are in."
    )
    annexes: tuple[Annex, ...]
    checklists: tuple[Checklist, ...]
    translations: tuple[Translation, ...] = Field(
        default=(),
        description="The edition's text in other languages, keyed by the same annex "
        "numbers, checklist keys and requirement IDs.",
    )

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
            annex = annexes.get(checklist.annex)
            if annex is None or annex.checklist != checklist.key or not annex.text_available:
                raise ValueError(
                    f"{where} has no Annex {checklist.annex} entry in force with its text held"
                )
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
        languages = [self.language, *(t.language for t in self.translations)]
        if self.translations and (self.language is None or len(set(languages)) != len(languages)):
            raise ValueError(f"translations need a text of their own language: {languages}")
        for translation in self.translations:
            _check_aligned(self, translation)
        return self

    @property
    def language(self) -> Optional[str]:
        """The language of the edition's text, ``None`` where no text is held."""
        return self.source.language if self.source is not None else None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages whose text of the edition is held, this edition's own first."""
        own = () if self.language is None else (self.language,)
        return (*own, *(t.language for t in self.translations))

    def in_language(self, language: Optional[str] = None) -> Edition:
        """The edition with the text of ``language`` (``None``: its own), same IDs.

        Raises :class:`TextNotAvailableError` naming the languages held.

        >>> from kz_inspection_checklists import edition
        >>> edition("2023").in_language("en") is edition("2023")
        True
        >>> edition("2023").in_language("ru")
        Traceback (most recent call last):
            ...
        kz_inspection_checklists.exceptions.TextNotAvailableError: edition '2023-revision' has no text in 'ru' in this library; it holds: en
        """
        if language is None or language == self.language:
            return self
        check_language(language)
        view = self._views.get(language)
        if view is None:
            translation = next((t for t in self.translations if t.language == language), None)
            if translation is None:
                held = ", ".join(self.languages) or "none"
                raise TextNotAvailableError(
                    f"edition {self.id!r} has no text in {language!r} in this library; it "
                    f"holds: {held}"
                )
            view = _translated(self, translation)
            self._views[language] = view
        return view

    @functools.cached_property
    def _views(self) -> dict[str, Edition]:
        return {}

    def annex(self, number: int) -> Annex:
        """The annex with this number."""
        for annex in self.annexes:
            if annex.number == number:
                return annex
        raise UnknownNameError(
            f"edition {self.id!r} has no annex {shown(number)}; "
            f"it has annexes {', '.join(str(a.number) for a in self.annexes)}",
            kind="annex",
            name=number,
        )

    def checklist(self, key: Union[str, int], *, language: Optional[str] = None) -> Checklist:
        """The checklist with this key or annex number, in ``language`` (default: own).

        Raises :class:`UnknownNameError` for a key that names no checklist and
        :class:`TextNotAvailableError` where the edition's text is not held.
        """
        number = self.annex_number(key)
        chosen = self.in_language(language)
        for checklist in chosen.checklists:
            if checklist.annex == number:
                return checklist
        annex = self.annex(number)
        if not annex.text_available:
            raise TextNotAvailableError(
                f"the text of Annex {number} ({annex.title}) in edition {self.id!r} is not "
                f"available in this library: {self.unavailable_reason or 'no source text'}"
            )
        raise UnknownNameError(
            f"Annex {number} of edition {self.id!r} is not a checklist", kind="checklist"
        )

    def requirements(self) -> tuple[Requirement, ...]:
        """Every requirement of every checklist, in annex order."""
        return tuple(r for checklist in self.checklists for r in checklist.requirements)

    def checklist_keys(self) -> dict[str, int]:
        """The key of every annex that is a checklist, with its annex number."""
        return {a.checklist: a.number for a in self.annexes if a.checklist}

    def annex_number(self, key: Union[str, int]) -> int:
        """The annex number a checklist key or number names; else UnknownNameError."""
        keys = self.checklist_keys()
        numbers = set(keys.values())
        if isinstance(key, int) and not isinstance(key, bool) and key in numbers:
            return key
        if isinstance(key, str):
            text = key.strip().lower()
            if text in keys:
                return keys[text]
            if text.isascii() and text.isdigit() and len(text) < 4 and int(text) in numbers:
                return int(text)
        raise UnknownNameError(
            f"unknown checklist {shown(key)}; expected one of: {', '.join(keys)} "
            f"(or annex {', '.join(str(n) for n in keys.values())})",
            kind="checklist",
            name=key.strip().lower() if isinstance(key, str) else key,
            candidates=tuple(keys),
        )

    def as_translation(self) -> Translation:
        """The edition's own text as a :class:`Translation` layer (it must hold a text)."""
        if self.source is None:
            raise TextNotAvailableError(f"edition {self.id!r} holds no text")
        return Translation(
            source=self.source,
            annexes=tuple(
                AnnexText(number=a.number, title=a.title, footnote=a.footnote) for a in self.annexes
            ),
            checklists=tuple(
                ChecklistText(
                    key=c.key,
                    annex_caption=c.annex_caption,
                    title=c.title,
                    subjects=c.subjects,
                    footnote=c.footnote,
                    header_fields=c.header_fields,
                    list_heading=c.list_heading,
                    columns=c.columns,
                    requirements=tuple(
                        RequirementText(id=r.id, text=r.text) for r in c.requirements
                    ),
                    signature_blocks=c.signature_blocks,
                )
                for c in self.checklists
            ),
        )


def _check_aligned(edition: Edition, translation: Translation) -> None:
    """A translation has the edition's structure: the same annexes, checklists and IDs."""
    where = f"the {translation.language!r} text"
    if [a.number for a in translation.annexes] != [a.number for a in edition.annexes]:
        raise ValueError(f"{where} does not have the edition's annexes")
    if [c.key for c in translation.checklists] != [c.key for c in edition.checklists]:
        raise ValueError(f"{where} does not have the edition's checklists")
    for own, other in zip(edition.checklists, translation.checklists):
        inside = f"{where} of checklist {own.key!r}"
        if [r.id for r in other.requirements] != list(own.ids):
            raise ValueError(f"{inside} does not have its requirement IDs in order")
        if [f.key for f in other.header_fields] != [f.key for f in own.header_fields]:
            raise ValueError(f"{inside} does not have its header fields")
        if len(other.columns) != len(own.columns):
            raise ValueError(f"{inside} does not have its {len(own.columns)} columns")
        if len(other.signature_blocks) != len(own.signature_blocks):
            raise ValueError(f"{inside} does not have its signature blocks")


def _translated(edition: Edition, translation: Translation) -> Edition:
    """The edition with the words of ``translation``; its own text becomes a translation."""
    source = translation.source
    annex_texts = {a.number: a for a in translation.annexes}
    texts = {c.key: c for c in translation.checklists}
    checklists = []
    for checklist in edition.checklists:
        text = texts[checklist.key]
        words = {r.id: r.text for r in text.requirements}
        checklists.append(
            Checklist(
                key=checklist.key,
                annex=checklist.annex,
                edition=checklist.edition,
                annex_caption=text.annex_caption,
                title=text.title,
                subjects=text.subjects,
                footnote=text.footnote,
                header_fields=text.header_fields,
                list_heading=text.list_heading,
                columns=text.columns,
                requirements=tuple(
                    Requirement(
                        id=r.id,
                        number=r.number,
                        text=words[r.id],
                        language=source.language,
                        official=source.official,
                    )
                    for r in checklist.requirements
                ),
                signature_blocks=text.signature_blocks,
            )
        )
    others = tuple(t for t in edition.translations if t is not translation)
    return edition.model_copy(
        update={
            "source": source,
            "annexes": tuple(
                a.model_copy(
                    update={
                        "title": annex_texts[a.number].title,
                        "footnote": annex_texts[a.number].footnote,
                    }
                )
                for a in edition.annexes
            ),
            "checklists": tuple(checklists),
            "translations": (edition.as_translation(), *others),
        }
    )
