"""Commands to read the bundled law and import new texts: ``list``, ``show``, ``import``."""

from __future__ import annotations

import argparse
from typing import Any

from ._files import emit, say, wrote
from ._options import (
    EditionName,
    UsageError,
    Word,
    add_checklist,
    add_edition,
    add_format,
    add_language,
    add_output,
    add_profile,
    dumps,
)
from .editions import add_as_of, edition_as_of


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("list", help="editions and checklists, with counts")
    add_format(parser, "text", "json")
    parser.set_defaults(run=run_list)

    parser = subparsers.add_parser("show", help="show one checklist")
    add_checklist(parser)
    add_edition(parser)
    add_as_of(parser)
    add_language(parser)
    add_format(parser, "text", "json", "markdown")
    add_profile(
        parser,
        "mark each requirement's applicability for a profile (an ID, or a profile file; "
        "'kz-checklists profiles' lists them), and list the undetermined ones",
    )
    parser.set_defaults(run=run_show)

    parser = subparsers.add_parser(
        "import", help="import an Adilet text of the order as an edition file"
    )
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="Adilet plain text (UTF-8), or an Akoma Ntoso document with --format akn",
    )
    parser.add_argument(
        "--format",
        choices=("text", "akn"),
        default="text",
        help="text: a plain text read by a grammar (default); akn: an Akoma Ntoso 3.0 "
        "expression of the edition named by --translation-of, aligned to it by structure "
        "with the IDs of its wIds",
    )
    parser.add_argument(
        "--edition",
        type=Word,
        metavar="ID",
        help="ID of the new edition (required, unless --translation-of)",
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
        metavar="CODE",
        help="ISO 639 language of the text (default: the grammar's, en)",
    )
    parser.add_argument(
        "--grammar",
        # Not a Word: it may name a grammar file, which the command reads, so -o may not
        # write over it.
        type=str,
        metavar="NAME",
        help="the layout the text is in, a grammar name or file (default: adilet-en)",
    )
    parser.add_argument(
        "--translation-of",
        type=EditionName,
        metavar="EDITION",
        help="the text is of this edition in another language: align it to the edition "
        "instead of importing a new one; the file written holds the edition with the text",
    )
    parser.add_argument(
        "--official", action="store_true", help="the text is an official one, not a translation"
    )
    add_output(parser)
    parser.set_defaults(run=run_import)


def run_list(args: argparse.Namespace) -> int:
    from ..law.store import bundled
    from ..present.text import editions_json, editions_text, order_text

    latest = bundled().resolve("latest")
    editions = bundled().editions()
    if args.format == "json":
        emit(dumps(editions_json(editions, latest, bundled().order)))
    else:
        emit(f"{editions_text(editions, latest)}\n\n{order_text(bundled().order)}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..law.store import bundled

    chosen = bundled().edition(edition_as_of(args) or args.edition).in_language(args.language)
    checklist = chosen.checklist(args.checklist)
    if args.profile is not None:
        from .applicability import show_profile

        return show_profile(args, checklist, chosen)
    if args.format == "json":
        from ..present.text import order_json

        shown = checklist.model_dump(mode="json")
        shown["order"] = order_json(bundled().order, chosen.id, chosen.language)
        emit(dumps(shown))
    elif args.format == "markdown":
        from ..exports.markdown import checklist_page

        emit(checklist_page(checklist, chosen))
    else:
        from ..exports._shared import text_notice
        from ..present.text import checklist_text

        emit(f"{checklist_text(checklist)}\n\n{text_notice(checklist, chosen)}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..importer.build import import_edition, import_translation
    from ..law.store import EDITION_NAME, bundled, edition_file_json

    law = bundled()
    if args.format == "akn" and args.translation_of is None:
        raise UsageError(
            "--format akn reads an Akoma Ntoso expression of an edition held: pass "
            "--translation-of EDITION (see 'kz-checklists import --help')"
        )
    if args.translation_of is not None:
        held = law.edition(args.translation_of)
        if args.format == "akn":
            from ..importer.akn import akn_translation

            text = akn_translation(
                args.source,
                edition=held,
                language=args.language,
                official=args.official or None,
                grammar=args.grammar,
            )
        else:
            text = import_translation(
                args.source,
                edition=held,
                language=args.language,
                official=args.official or None,
                grammar=args.grammar,
            )
        edition = held.model_copy(update={"translations": (*held.translations, text)})
        generated: dict[str, object] = {
            "by": "kz-checklists import --translation-of",
            "source": {"file": text.source.file, "sha256": text.source.sha256},
            "language": text.language,
        }
        emit(edition_file_json(edition, generated), args.output, force=args.force)
        wrote(args.output, f"edition file of {held.id} with its {text.language} text")
        say(
            f"aligned the {text.language} text with edition {held.id}: "
            f"{sum(len(c.requirements) for c in text.checklists)} requirements, no new ID"
        )
        return 0
    if args.edition is None:
        raise UsageError(
            "the following arguments are required: --edition (or --translation-of EDITION) "
            "(see 'kz-checklists import --help')"
        )
    if not EDITION_NAME.match(args.edition):
        raise UsageError(
            f"--edition {args.edition!r} is not a valid edition ID: use letters, digits, "
            "'.', '_' and '-', starting with a letter or digit (e.g. 2019-original)"
        )
    base = law.edition(args.base) if args.base is not None else None
    result = import_edition(
        args.source,
        edition_id=args.edition,
        base=base,
        aliases=args.alias,
        language=args.language,
        official=args.official or None,
        grammar=args.grammar,
        law=law,
    )
    clash = law.name_clash(result.edition)
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
    wrote(args.output, f"edition file of {args.edition}")
    total = sum(len(c.requirements) for c in result.edition.checklists)
    summary = f"imported edition {args.edition}: {total} requirements; "
    summary += f"{generated['unchanged']} unchanged, " + ", ".join(
        f"{len(ids)} {what}" + (f" ({', '.join(ids)})" if ids and len(ids) <= 20 else "")
        for what, ids in (("changed", changed), ("new", new), ("removed", removed))
    )
    say(summary)
    return 0
