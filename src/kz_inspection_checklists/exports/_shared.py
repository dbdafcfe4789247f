"""What every export format shares: the project's namespace, timestamps, printed dates and
provenance.

>>> rule_id("COM-001")
'xccdf_org.pypi.kz-inspection-checklists_rule_COM-001'
>>> printed_date("2025-02-12")
'12.02.2025'
"""

from __future__ import annotations

import datetime
import os
import re
import uuid
from typing import Optional, Union

from .._suggest import shown
from .._text import number
from ..exceptions import ChecklistError, InvalidInputError
from ..law.edition import Checklist, Edition, EditionSource
from ..law.store import law_of

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


#: The latest time a document can carry (``datetime`` ends with year 9999).
_LATEST = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
#: The largest ``SOURCE_DATE_EPOCH`` accepted: the seconds from 1970 to :data:`_LATEST`.
MAX_SOURCE_DATE_EPOCH = int((_LATEST - _EPOCH).total_seconds())


def check_when(when: object) -> Optional[datetime.datetime]:
    """``when`` if it is ``None`` or a :class:`datetime.datetime`; else :class:`InvalidInputError`.

    >>> check_when("x")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: when must be a datetime.datetime (e.g. datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)) or None, not str 'x'
    """
    if when is None or isinstance(when, datetime.datetime):
        return when
    raise InvalidInputError(
        "when must be a datetime.datetime (e.g. datetime.datetime(2024, 1, 1, "
        f"tzinfo=datetime.timezone.utc)) or None, not {type(when).__name__} {when!r}"
    )


def source_date_epoch() -> Optional[datetime.datetime]:
    """The time ``SOURCE_DATE_EPOCH`` sets (UTC), or ``None`` when it is unset or empty.

    It must be whole seconds since 1970-01-01T00:00:00Z, digits only, at most
    :data:`MAX_SOURCE_DATE_EPOCH` (9999-12-31T23:59:59Z); any other value raises
    :class:`InvalidInputError`, as reproducible-builds.org asks of a malformed value,
    rather than being ignored.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = raw.strip()
    if not epoch:
        return None
    fix = (
        f"set it to whole seconds since 1970-01-01T00:00:00Z (0 to {MAX_SOURCE_DATE_EPOCH}), "
        "or unset it to use the current time"
    )
    shown_raw = shown(raw, 60)
    if not (epoch.isascii() and epoch.isdigit()):
        raise InvalidInputError(f"SOURCE_DATE_EPOCH={shown_raw} is not a number of seconds; {fix}")
    # More digits than the latest time has are never read as a number (nor could be: Python
    # refuses to read one of more than 4,300 digits).
    seconds = number(epoch, len(str(MAX_SOURCE_DATE_EPOCH)))
    if seconds is None or seconds > MAX_SOURCE_DATE_EPOCH:
        raise InvalidInputError(
            f"SOURCE_DATE_EPOCH={shown_raw} is after {iso(_LATEST)}, the latest time a "
            f"document can carry; {fix}"
        )
    return _EPOCH + datetime.timedelta(seconds=seconds)


def timestamp(when: Optional[datetime.datetime] = None) -> datetime.datetime:
    """When an export was made: ``when``, else ``SOURCE_DATE_EPOCH``, else now (UTC, seconds).

    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) makes exports byte-for-byte repeatable;
    a value that is not one (see :func:`source_date_epoch`), or a ``when`` that is not a
    :class:`datetime.datetime`, raises :class:`InvalidInputError`.
    """
    when = check_when(when)
    if when is not None:
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        return when.replace(microsecond=0)
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    return datetime.datetime.now(tz=datetime.timezone.utc).replace(microsecond=0)


def printed_date(day: Union[datetime.date, str, None]) -> str:
    """A date as a printed form writes it: ``DD.MM.YYYY``, as Kazakh forms do (``""`` for none).

    The HTML and Word forms print every date so; JSON, CSV, XLSX, OSCAL and XCCDF keep
    ISO 8601 (``YYYY-MM-DD``). ``day`` is a date or an ISO 8601 date.
    """
    if day is None or day == "":
        return ""
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def iso(when: datetime.datetime) -> str:
    """``when`` as ISO 8601 with an explicit offset (``Z`` for UTC)."""
    return when.isoformat().replace("+00:00", "Z")


def source_line(checklist: Checklist) -> str:
    """Where the checklist's words come from, in one line.

    >>> from kz_inspection_checklists import checklist
    >>> print(source_line(checklist("electronic-signature")))
    Adilet V1900018805, Annex 5, edition 2023-revision
    """
    code = law_of(checklist).order.adilet_code
    return f"Adilet {code}, Annex {checklist.annex}, edition {checklist.edition}"


#: The names the notice gives the languages of the law's texts (ISO 639-1); any other
#: language is named by its code.
LANGUAGE_NAMES = {"en": "English", "kk": "Kazakh", "ru": "Russian"}

#: Said of every text that is not official: the order, like every normative legal act
#: of the Republic of Kazakhstan, has its official texts in these two languages.
OFFICIAL_LANGUAGES = "the official texts are in Kazakh and Russian"

_OFFICIAL_WORD = re.compile(r"(?<!un)official", re.IGNORECASE)


def edition_of(checklist: Checklist, edition: Optional[Edition] = None) -> Optional[Edition]:
    """The edition that holds ``checklist``: ``edition`` if given, else the one it came from.

    ``None`` when the checklist is in no edition the library handed out, nor equal to one
    of a bundled edition, and no edition is given. Raises :class:`InvalidInputError` if
    ``edition`` does not hold the checklist, so a notice never describes another edition's
    text.
    """
    if edition is not None:
        held = edition
        if checklist not in held.checklists and checklist.language in edition.languages:
            held = edition.in_language(checklist.language)
        if checklist not in held.checklists:
            raise InvalidInputError(
                f"edition {edition.id!r} does not hold this {checklist.key!r} checklist "
                f"(of edition {checklist.edition!r}); pass the edition it comes from"
            )
        return held
    law = law_of(checklist)
    found = law.edition_of(checklist)
    if found is not None:
        return found
    try:
        if checklist.edition not in law.order.editions:
            return None
        bundled = law.bundled_edition(checklist.edition).in_language(checklist.language)
    except ChecklistError:
        return None
    return bundled if checklist in bundled.checklists else None


def is_bundled(checklist: Checklist, edition: Optional[Edition] = None) -> bool:
    """Whether the checklist comes from an edition bundled with the library, unchanged.

    True when the edition that holds it (:func:`edition_of`) is equal, in every field, to
    the bundled edition of the same ID (in the same language); False for an edition read
    from a file that differs from it in anything, for a checklist of no bundled edition,
    and for one changed after loading.

    >>> from kz_inspection_checklists import checklist
    >>> eds = checklist("electronic-signature")
    >>> is_bundled(eds), is_bundled(eds.model_copy(update={"title": "edited"}))
    (True, False)
    """
    found = edition_of(checklist, edition)
    if found is None:
        return False
    law = law_of(checklist)
    try:
        if found.id not in law.order.editions:
            return False
        bundled = law.bundled_edition(found.id).in_language(found.language)
    except ChecklistError:
        return False
    return found is bundled or found == bundled


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
