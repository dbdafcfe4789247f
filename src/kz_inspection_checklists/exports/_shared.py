"""What every export format shares: the project's namespace, timestamps and provenance.

>>> rule_id("COM-001")
'xccdf_org.pypi.kz-inspection-checklists_rule_COM-001'
"""

from __future__ import annotations

import datetime
import os
import uuid

from ..data import load_order
from ..models import Checklist

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
