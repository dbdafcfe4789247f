"""Commands to read the bundled law and import new texts: ``list``, ``show``, ``import``."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from .. import api
from ..data import edition_file_json, edition_name_clash
from ..exports._shared import text_notice
from ..exports.markdown import checklist_page
from ..importer import import_edition
from ..render import checklist_json, checklist_text
from ._common import (
    EditionName,
    UsageError,
    Word,
    add_checklist,
    add_edition,
    add_format,
    add_output,
    dumps,
    emit,
)
from .editions import add_as_of, edition_as_of

_EDITION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("list", help="editions and checklists, with counts")
    add_format(parser, "text", "json")
    parser.set_defaults(run=run_list)

    parser = subparsers.add_parser("show", help="show one checklist")
    add_checklist(parser)
    add_edition(parser)
    add_as_of(parser)
    add_format(parser, "text", "json", "markdown")
    parser.set_defaults(run=run_show)

    parser = subparsers.add_parser(
        "import", help="import an Adilet text of the order as an edition file"
    )
    parser.add_argument("source", metavar="SOURCE.txt", help="Adilet plain text (UTF-8)")
    parser.add_argument(
        "--edition", required=True, type=Word, metavar="ID", help="ID of the new edition"
    )
    parser.add_argument(
        "--base",
        type=EditionName,
        metavar="EDITION",
        help="edition whose IDs unchanged and near-identical texts keep",
    )
    parser.add_argument(
        "--alias",
        action="append",
        type=Word,
        default=[],
        metavar="A",
        help="an alias of the new edition (repeatable)",
    )
    parser.add_argument(
        "--language",
        type=Word,
        default="en",
        metavar="CODE",
        help="ISO 639-1 language of the text (default en)",
    )
    parser.add_argument(
        "--official", action="store_true", help="the text is an official one, not a translation"
    )
    add_output(parser)
    parser.set_defaults(run=run_import)


def run_list(args: argparse.Namespace) -> int:
    latest = api.resolve_edition("latest")
    editions = api.editions()
    if args.format == "json":
        emit(dumps({"editions": [_edition_summary(e, latest) for e in editions]}))
        return 0
    lines = []
    for edition in editions:
        names = ", ".join([*edition.aliases, *(["latest"] if edition.id == latest else [])])
        lines.append(f"{edition.id} ({names}) by act {edition.act}")
        if not edition.text_available:
            lines.append("  checklist texts not available in this library")
        for annex in edition.annexes:
            key = annex.checklist or ""
            count = (
                f"{len(edition.checklist(annex.number).requirements)} requirements"
                if annex.text_available and annex.checklist
                else ""
            )
            lines.append(f"  Annex {annex.number}  {annex.status:<9} {key:<21} {count}".rstrip())
    emit("\n".join(lines))
    return 0


def _edition_summary(edition: Any, latest: str) -> dict[str, Any]:
    return {
        "id": edition.id,
        "aliases": list(edition.aliases),
        "latest": edition.id == latest,
        "act": edition.act,
        "text_available": edition.text_available,
        "annexes": [
            {
                "annex": a.number,
                "title": a.title,
                "status": a.status,
                "checklist": a.checklist,
                "requirements": len(edition.checklist(a.number).requirements)
                if a.text_available and a.checklist
                else None,
            }
            for a in edition.annexes
        ],
    }


def run_show(args: argparse.Namespace) -> int:
    chosen = api.edition(edition_as_of(args) or args.edition)
    checklist = chosen.checklist(args.checklist)
    if args.format == "json":
        emit(dumps(checklist_json(checklist)))
    elif args.format == "markdown":
        emit(checklist_page(checklist, chosen))
    else:
        emit(f"{checklist_text(checklist)}\n\n{text_notice(checklist, chosen)}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    if not _EDITION_ID.match(args.edition):
        raise UsageError(
            f"--edition {args.edition!r} is not a valid edition ID: use letters, digits, "
            "'.', '_' and '-', starting with a letter or digit (e.g. 2019-original)"
        )
    base = api.edition(args.base) if args.base is not None else None
    result = import_edition(
        args.source,
        edition_id=args.edition,
        registry=api.id_registry(),
        base=base,
        aliases=args.alias,
        language=args.language,
        official=args.official,
    )
    clash = edition_name_clash(result.edition)
    if clash:
        raise UsageError(f"--edition/--alias: {clash}")
    changed, new = result.ids_with_status("changed"), result.ids_with_status("new")
    removed = result.removed_ids()
    generated = {
        "by": "kz-checklists import",
        "source": {
            "file": result.edition.source.file if result.edition.source else None,
            "sha256": result.edition.source.sha256 if result.edition.source else None,
        },
        "base": base.id if base else None,
        "unchanged": len(result.ids_with_status("unchanged")),
        "changed": changed,
        "new": new,
        "removed": removed,
    }
    emit(edition_file_json(result.edition, generated), args.output, force=args.force)
    total = sum(len(c.requirements) for c in result.edition.checklists)
    summary = f"imported edition {args.edition}: {total} requirements; "
    summary += f"{generated['unchanged']} unchanged, " + ", ".join(
        f"{len(ids)} {what}" + (f" ({', '.join(ids)})" if ids and len(ids) <= 20 else "")
        for what, ids in (("changed", changed), ("new", new), ("removed", removed))
    )
    print(summary, file=sys.stderr)
    return 0
