"""The ``profiles`` command, and ``show --profile``: which requirements concern an entity, and why."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Optional

from ._files import emit
from ._options import Word, add_format, dumps

if TYPE_CHECKING:
    from ..law.edition import Checklist, Edition


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "profiles", help="the profiles of an entity and the subjects of each checklist"
    )
    parser.add_argument(
        "checklist",
        nargs="?",
        type=Word,
        metavar="CHECKLIST",
        help="only this checklist's profiles and subjects (a key or an annex number)",
    )
    add_format(parser, "text", "json")
    parser.set_defaults(run=run_profiles)


def run_profiles(args: argparse.Namespace) -> int:
    from ..law.applicability import profiles, subjects
    from ..present.applicability import profiles_json, profiles_text

    key: Optional[str] = args.checklist
    found, declared = profiles(key), subjects(key)
    emit(
        dumps(profiles_json(found, declared))
        if args.format == "json"
        else profiles_text(found, declared)
    )
    return 0


def show_profile(args: argparse.Namespace, checklist: Checklist, edition: Edition) -> int:
    """``show CHECKLIST --profile P``: the checklist, each requirement marked for P."""
    from ..law.applicability import applicability, profile
    from ..present.applicability import (
        applicability_json,
        applicability_markdown,
        applicability_text,
    )

    described = profile(args.profile)
    results = applicability(checklist, described)
    if args.format == "json":
        from ..law.store import bundled
        from ..present.text import order_json

        document = applicability_json(checklist, results, described)
        document["order"] = order_json(bundled().order, edition.id, edition.language)
        emit(dumps(document))
        return 0
    from ..exports._shared import text_notice

    notice = text_notice(checklist, edition)
    if args.format == "markdown":
        emit(applicability_markdown(checklist, results, described) + f"\n{notice}\n")
    else:
        emit(f"{applicability_text(checklist, results, described)}\n\n{notice}")
    return 0
