"""Pinning released editions: each one's canonical hash, recorded with every correction.

A released edition's data never changes silently. :func:`canonical_hash` is the
SHA-256 of an edition's canonical JSON (:func:`canonical_json`): its structure and its
own text; each text in another language (a :class:`~.edition.Translation`) is pinned
apart, so adding a language changes no edition's hash. The order's ``pins.json``
records the hash of each edition and text as first released, and a log of corrections
(a transcription error fixed in a patch release, naming the requirement IDs it
touches, or an editorial correction that touches none). :func:`check_pin` fails on
data that matches neither; the test suite runs it on every bundled edition. See
docs/versioning.md.

>>> from kz_inspection_checklists import edition
>>> check_pin(edition("2023")) == pinned_hash("2023-revision")
True
"""

from __future__ import annotations

import hashlib
import json
from typing import Optional, Union

from pydantic import Field, model_validator

from ..exceptions import DataFileError
from .edition import Edition, Translation
from .order import Frozen
from .store import EditionRef, Law, bundled, law_of

__all__ = [
    "Correction",
    "Pin",
    "Pins",
    "canonical_hash",
    "canonical_json",
    "check_pin",
    "load_pins",
    "pinned_hash",
]


def canonical_json(chosen: Union[Edition, Translation]) -> bytes:
    """An edition (without its other languages) or a text as canonical JSON: fields at
    their defaults left out, keys sorted, no insignificant whitespace, UTF-8. What
    :func:`canonical_hash` hashes.

    Leaving default-valued fields out keeps a hash stable when a later release adds an
    optional field to the models, while any change of a value changes it.
    """
    exclude = {"translations"} if isinstance(chosen, Edition) else None
    document = chosen.model_dump(mode="json", exclude_defaults=True, exclude=exclude)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def canonical_hash(chosen: Union[Edition, Translation]) -> str:
    """SHA-256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(chosen)).hexdigest()


class Pin(Frozen):
    """An edition's (or one of its texts') canonical hash as first released."""

    edition: str
    language: Optional[str] = Field(
        default=None, description="For a text in another language: its language."
    )
    version: str = Field(description="The package version that first released the edition.")
    sha256: str


class Correction(Frozen):
    """A released edition's data corrected: a transcription error fixed in a patch release,
    or an editorial correction (of words that are not the law's) that touches no text."""

    edition: str
    language: Optional[str] = Field(default=None, description="For a text: its language.")
    version: str = Field(description="The release that carries the correction.")
    ids: tuple[str, ...] = Field(
        description="The requirement IDs corrected; none for an editorial correction."
    )
    reason: str = Field(description="Why; an editorial correction's starts 'Editorial:'.")
    sha256: str = Field(description="The edition's canonical hash after the correction.")

    @model_validator(mode="after")
    def _names_what_it_corrects(self) -> Correction:
        if not self.ids and not self.reason.startswith("Editorial:"):
            raise ValueError(
                "a correction names the requirement ids it touches; one that touches none is "
                "editorial, and its reason starts 'Editorial:'"
            )
        return self


class Pins(Frozen):
    """The committed record of released editions' hashes and every correction since."""

    generated: dict[str, object] = Field(
        default_factory=dict, description="Where the data file was made from."
    )
    note: str = ""
    editions: tuple[Pin, ...]
    corrections: tuple[Correction, ...] = ()

    def expected(self, edition_id: str, language: Optional[str] = None) -> str:
        """The hash the edition (or its text in ``language``) must have now: its last
        correction's, else its release's."""
        for correction in reversed(self.corrections):
            if (correction.edition, correction.language) == (edition_id, language):
                return correction.sha256
        for pin in self.editions:
            if (pin.edition, pin.language) == (edition_id, language):
                return pin.sha256
        what = f"edition {edition_id!r}" + (f" in {language!r}" if language else "")
        raise DataFileError(
            f"{what} has no recorded hash; released editions are "
            f"{', '.join(p.edition for p in self.editions if p.language is None)}. A new "
            "edition or text is pinned by adding it to pins.json when it is released"
        )

    def known(self, sha256: str) -> Optional[str]:
        """The edition (and version) a hash was recorded for, if any."""
        for pin in self.editions:
            if pin.sha256 == sha256:
                return f"{pin.edition} as released in {pin.version}"
        for correction in self.corrections:
            if correction.sha256 == sha256:
                return f"{correction.edition} as corrected in {correction.version}"
        return None


def load_pins(law: Optional[Law] = None) -> Pins:
    """The recorded hashes, from the order's ``pins.json`` (default: the bundled order's)."""
    return (law or bundled()).read("pins.json", Pins)


def pinned_hash(edition_id: str, language: Optional[str] = None) -> str:
    """The canonical hash recorded for a released edition (after any correction)."""
    return load_pins().expected(edition_id, language)


def check_pin(ref: EditionRef, *, pins: Optional[Pins] = None) -> str:
    """The edition's canonical hash, if it is the one recorded for it; else an error.

    Each of the edition's texts in other languages is checked against its own pin too.
    Raises :class:`DataFileError` naming the edition and both hashes when its data
    differ from what was released (and from every recorded correction).
    """
    law = law_of(ref) if isinstance(ref, Edition) else bundled()
    chosen = law.edition(ref)
    pins = pins or load_pins(law)
    texts: list[tuple[Optional[str], Union[Edition, Translation]]] = [(None, chosen)]
    texts += [(t.language, t) for t in chosen.translations]
    for language, item in texts:
        actual = canonical_hash(item)
        expected = pins.expected(chosen.id, language)
        if actual != expected:
            seen = pins.known(actual)
            what = f"edition {chosen.id!r}" + (f" in {language!r}" if language else "")
            raise DataFileError(
                f"{what} does not match its recorded hash: expected {expected}, found {actual}"
                + (f" (that of {seen})" if seen else "")
                + ". A corrected transcription error is recorded in pins.json 'corrections' "
                "with the IDs it touches, and in CHANGELOG.md under 'Corrected'"
            )
    return canonical_hash(chosen)
