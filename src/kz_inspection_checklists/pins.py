"""Pinning released editions: each one's canonical hash, recorded with every correction.

A released edition's data never changes silently. :func:`canonical_hash` is the
SHA-256 of an edition's canonical JSON (:func:`canonical_json`); the package's
``pins.json`` records the hash of each edition as first released, and a log of
corrections (a transcription error fixed in a patch release, naming the requirement
IDs it touches). :func:`check_pin` fails on data that matches neither; the test suite
runs it on every bundled edition. See docs/versioning.md.

>>> from kz_inspection_checklists import edition
>>> check_pin(edition("2023")) == pinned_hash("2023-revision")
True
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .api import EditionRef
from .exceptions import DataFileError, PinMismatchError
from .in_force import select
from .models import Edition

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


def canonical_json(chosen: Edition) -> bytes:
    """The edition as canonical JSON: fields at their defaults left out, keys sorted,
    no insignificant whitespace, UTF-8. What :func:`canonical_hash` hashes.

    Leaving default-valued fields out keeps a hash stable when a later release adds an
    optional field to the models, while any change of a value changes it.
    """
    document = chosen.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def canonical_hash(chosen: Edition) -> str:
    """SHA-256 (hex) of :func:`canonical_json`."""
    return hashlib.sha256(canonical_json(chosen)).hexdigest()


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pin(_Record):
    """An edition's canonical hash as first released."""

    edition: str
    version: str = Field(description="The package version that first released the edition.")
    sha256: str


class Correction(_Record):
    """A released edition's data corrected: a transcription error fixed in a patch release."""

    edition: str
    version: str = Field(description="The patch release that carries the correction.")
    ids: tuple[str, ...] = Field(min_length=1, description="The requirement IDs corrected.")
    reason: str
    sha256: str = Field(description="The edition's canonical hash after the correction.")


class Pins(_Record):
    """The committed record of released editions' hashes and every correction since."""

    note: str = ""
    editions: tuple[Pin, ...]
    corrections: tuple[Correction, ...] = ()

    def expected(self, edition_id: str) -> str:
        """The hash the edition must have now: its last correction's, else its release's."""
        for correction in reversed(self.corrections):
            if correction.edition == edition_id:
                return correction.sha256
        for pin in self.editions:
            if pin.edition == edition_id:
                return pin.sha256
        raise PinMismatchError(
            f"edition {edition_id!r} has no recorded hash; released editions are "
            f"{', '.join(p.edition for p in self.editions)}. A new edition is pinned by "
            "adding it to pins.json when it is released"
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


def load_pins() -> Pins:
    """The recorded hashes, from the package's ``pins.json``."""
    resource = files("kz_inspection_checklists").joinpath("pins.json")
    try:
        return Pins.model_validate_json(resource.read_bytes())
    except (OSError, ValidationError) as error:
        raise DataFileError(
            f"the package's pins.json is missing or malformed ({error}); "
            "reinstall kz-inspection-checklists"
        ) from None


def pinned_hash(edition_id: str) -> str:
    """The canonical hash recorded for a released edition (after any correction)."""
    return load_pins().expected(edition_id)


def check_pin(ref: EditionRef, *, pins: Optional[Pins] = None) -> str:
    """The edition's canonical hash, if it is the one recorded for it; else an error.

    Raises :class:`PinMismatchError` naming the edition and both hashes when its data
    differ from what was released (and from every recorded correction).
    """
    chosen = select(ref)
    pins = pins or load_pins()
    actual = canonical_hash(chosen)
    expected = pins.expected(chosen.id)
    if actual != expected:
        seen = pins.known(actual)
        raise PinMismatchError(
            f"edition {chosen.id!r} does not match its recorded hash: expected {expected}, "
            f"found {actual}"
            + (f" (that of {seen})" if seen else "")
            + ". A corrected transcription error is recorded in pins.json 'corrections' "
            "with the IDs it touches, and in CHANGELOG.md under 'Corrected'"
        )
    return actual
