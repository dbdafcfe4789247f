"""What every export format shares: the project's namespace, timestamps and provenance.

>>> rule_id("COM-001")
'xccdf_org.pypi.kz-inspection-checklists_rule_COM-001'
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
from typing import Optional

from ..data import load_bundled_edition, load_order
from ..exceptions import ChecklistError, InvalidInputError
from ..models import Checklist, Edition, EditionSource

#: The project's reverse-DNS name, after its PyPI project page (pypi.org/project/...).
#: XCCDF 1.2 IDs carry it (``xccdf_<reverse-DNS>_rule_<name>``); it holds no ``_``.
NAMESPACE = "org.pypi.kz-inspection-checklists"

#: The URI that qualifies this project's own OSCAL property names.
OSCAL_NS = "https://pypi.org/project/kz-inspection-checklists/"

_UUIDS = uuid.uuid5(uuid.NAMESPACE_URL, OSCAL_NS)


def rule_id(requirement_id: str) -> str:
    """The XCCDF 1.2 Rule ID of a requirement."""
    return f"xccdf_{NAMESPACE}_rule_{requirement_id}"


def stable_uuid(*parts: str) -> str:
    """A UUID (version 5) that is the same every time for the same parts."""
    return str(uuid.uuid5(_UUIDS, "/".join(parts)))


def timestamp(when: datetime.datetime | None = None) -> datetime.datetime:
    """When an export was made: ``when``, else ``SOURCE_DATE_EPOCH``, else now (UTC, seconds).

    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) makes exports byte-for-byte repeatable.
    """
    if when is not None:
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        return when.replace(microsecond=0)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now(tz=datetime.timezone.utc).replace(microsecond=0)


def iso(when: datetime.datetime) -> str:
    """``when`` as ISO 8601 with an explicit offset (``Z`` for UTC)."""
    return when.isoformat().replace("+00:00", "Z")


def source_line(checklist: Checklist) -> str:
    """Where the checklist's words come from, in one line.

    >>> from kz_inspection_checklists import checklist
    >>> print(source_line(checklist("electronic-signature")))
    Adilet V1900018805, Annex 5, edition 2023-revision
    """
    return (
        f"Adilet {load_order().adilet_code}, Annex {checklist.annex}, edition {checklist.edition}"
    )


#: The names the notice gives the languages of the law's texts (ISO 639-1); any other
#: language is named by its code.
LANGUAGE_NAMES = {"en": "English", "kk": "Kazakh", "ru": "Russian"}

#: Said of every text that is not official: the order, like every normative legal act
#: of the Republic of Kazakhstan, has its official texts in these two languages.
OFFICIAL_LANGUAGES = "the official texts are in Kazakh and Russian"

_OFFICIAL_WORD = re.compile(r"(?<!un)official", re.IGNORECASE)


def edition_of(checklist: Checklist, edition: Optional[Edition] = None) -> Optional[Edition]:
    """The edition that holds ``checklist``: ``edition`` if given, else the bundled one.

    ``None`` when the checklist is in no bundled edition (e.g. it comes from an edition
    file) and no edition is given. Raises :class:`InvalidInputError` if ``edition`` does
    not hold the checklist, so a notice never describes another edition's text.
    """
    if edition is not None:
        if checklist not in edition.checklists:
            raise InvalidInputError(
                f"edition {edition.id!r} does not hold this {checklist.key!r} checklist "
                f"(of edition {checklist.edition!r}); pass the edition it comes from"
            )
        return edition
    try:
        if checklist.edition not in load_order().editions:
            return None
        bundled = load_bundled_edition(checklist.edition)
    except ChecklistError:
        return None
    return bundled if checklist in bundled.checklists else None


def text_notice(checklist: Checklist, edition: Optional[Edition] = None) -> str:
    """What the checklist's text is: publisher, language and status, from the edition's data.

    The edition is found as :func:`edition_of` finds it; where none is known the
    requirements' own language and official flag are all that is said.

    >>> from kz_inspection_checklists import checklist
    >>> print(text_notice(checklist("electronic-signature")))
    Text: Adilet, English, unofficial translation; the official texts are in Kazakh and Russian.
    """
    found = edition_of(checklist, edition)
    source: Optional[EditionSource] = found.source if found is not None else None
    if source is not None:
        official = source.official
        parts = [source.publisher.strip(), _language(source.language), source.status.strip()]
    else:
        official = bool(checklist.requirements) and all(r.official for r in checklist.requirements)
        languages = sorted({r.language for r in checklist.requirements})
        parts = [" and ".join(_language(code) for code in languages)]
    status = " ".join(parts[2:]).lower()
    if official and not _OFFICIAL_WORD.search(status):
        parts.append("official text")
    if not official and "unofficial" not in status:
        parts.append("not an official text")
    notice = "Text: " + ", ".join(part for part in parts if part)
    if not official:
        notice += "; " + OFFICIAL_LANGUAGES
    return notice + "."


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code.strip().lower(), code)
