"""OSCAL 1.2 profile: one profile of an entity as a selection from the checklist's catalog. JSON.

The profile imports the catalog (the ``oscal`` export of the same checklist) by a
relative ``href``, the catalog's file name :func:`catalog_file`
(``communications-2023-revision-catalog.json``): write the catalog under that name
next to the profile. It includes the controls whose requirement applies to the
entity and those undetermined, and excludes those that do not apply. ``modify`` adds to
each included control a prop ``applicability`` (``applies``, ``applies-by-default`` or
``undetermined``, in this project's namespace) whose ``remarks`` say why, quoting the
evidence; the undetermined ones are for a human to decide. The metadata says that the selection is the library's
editorial reading, not the law's.

>>> from kz_inspection_checklists import checklist
>>> from kz_inspection_checklists.exports.view import form_view
>>> from kz_inspection_checklists.law.applicability import profile
>>> document = profile_document(form_view(checklist(4)), profile("mobile-operator"))
>>> imported = document["profile"]["imports"][0]
>>> imported["href"], len(imported["include-controls"][0]["with-ids"])
('communications-2023-revision-catalog.json', 65)
>>> imported["exclude-controls"][0]["with-ids"][0]
'COM-063'
"""

from __future__ import annotations

import datetime
from typing import Any, Optional

from ..law.applicability import Profile, applicability
from ..law.edition import Checklist
from ._shared import OSCAL_NS, iso, source_line, stable_uuid, timestamp
from .json_data import dumps
from .oscal import OSCAL_VERSION
from .view import FormView

__all__ = ["catalog_file", "profile_document", "render"]


def catalog_file(checklist: Checklist) -> str:
    """The file name the profile imports its catalog by."""
    return f"{checklist.key}-{checklist.edition}-catalog.json"


def profile_document(
    view: FormView, profile: Profile, *, when: Optional[datetime.datetime] = None
) -> dict[str, Any]:
    """The OSCAL profile document (``{"profile": {...}}``) of one profile of an entity."""
    checklist = view.checklist
    results = applicability(checklist, profile)
    included = [r for r in results if r.verdict != "does-not-apply"]
    excluded = [r.id for r in results if r.verdict == "does-not-apply"]
    undetermined = [r.id for r in results if r.verdict == "undetermined"]
    by_default = [r.id for r in results if r.verdict == "applies-by-default"]
    imported: dict[str, Any] = {
        "href": catalog_file(checklist),
        "include-controls": [{"with-ids": [r.id for r in included]}],
    }
    if excluded:
        imported["exclude-controls"] = [{"with-ids": excluded}]
    document: dict[str, Any] = {
        "uuid": stable_uuid("profile", checklist.edition, checklist.key, profile.ref),
        "metadata": {
            "title": f"{profile.title}: {checklist.title}",
            "last-modified": iso(timestamp(when)),
            "version": checklist.edition,
            "oscal-version": OSCAL_VERSION,
            "props": [
                {"name": "profile", "ns": OSCAL_NS, "value": profile.ref},
                {"name": "checklist", "ns": OSCAL_NS, "value": checklist.key},
            ],
            "remarks": (
                f"{profile.description} The selection is this library's editorial reading "
                "of whom each requirement's text names, not the law's: the controls whose "
                "text names only subjects this profile excludes are left out; of those "
                f"included, {len(undetermined)} are undetermined, for a human to decide"
                + (f" ({', '.join(undetermined)})" if undetermined else "")
                + f", and {len(by_default)} apply only by the library's default reading of a "
                "text that names no one"
                + (f" ({', '.join(by_default)})" if by_default else "")
                + f". {source_line(checklist)}. {view.notice}"
            ),
        },
        "imports": [imported],
        "merge": {"as-is": True},
    }
    if included:
        document["modify"] = {
            "alters": [
                {
                    "control-id": r.id,
                    "adds": [
                        {
                            "position": "ending",
                            "props": [
                                {
                                    "name": "applicability",
                                    "ns": OSCAL_NS,
                                    "value": r.verdict,
                                    "remarks": r.reason,
                                }
                            ],
                        }
                    ],
                }
                for r in included
            ]
        }
    return {"profile": document}


def render(view: FormView, options: Any) -> bytes:
    """The OSCAL profile of ``options.profile`` as UTF-8 JSON; its time is ``options.when``."""
    return dumps(profile_document(view, options.profile, when=options.when))
