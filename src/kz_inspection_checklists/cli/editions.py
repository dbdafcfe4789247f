"""Commands across editions: ``diff``, ``history``, ``migrate``, ``verify``; and ``--as-of``."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Optional

from ._files import emit, wrote
from ._options import (
    PROG,
    EditionName,
    OutputName,
    UsageError,
    Word,
    add_format,
    add_output,
    dumps,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("diff", help="what changed between two editions")
    parser.add_argument(
        "old", type=EditionName, metavar="A", help="edition ID, alias, 'latest' or edition file"
    )
    parser.add_argument(
        "new", type=EditionName, metavar="B", help="edition ID, alias, 'latest' or edition file"
    )
    parser.add_argument(
        "--checklist",
        type=Word,
        metavar="K",
        help="only this checklist: its key or annex number",
    )
    add_format(parser, "text", "json", "markdown")
    add_output(parser)
    parser.set_defaults(run=run_diff)

    parser = subparsers.add_parser("history", help="one requirement through the editions")
    parser.add_argument(
        "id", type=Word, metavar="ID", help="a requirement ID ('kz-checklists show' lists them)"
    )
    parser.add_argument(
        "--edition",
        action="append",
        type=EditionName,
        metavar="E",
        help="an edition to read, oldest first (repeatable); the editions given are read "
        "instead of the bundled ones, so name those too to see them (default: the bundled ones)",
    )
    add_format(parser, "text", "json")
    parser.set_defaults(run=run_history)

    parser = subparsers.add_parser("migrate", help="carry an inspection record to another edition")
    parser.add_argument("record", metavar="RECORD", help="an inspection record (JSON)")
    parser.add_argument(
        "--to",
        required=True,
        type=EditionName,
        metavar="E",
        help="target edition: ID, alias, 'latest' or file",
    )
    parser.add_argument(
        "--edition",
        type=EditionName,
        metavar="FILE",
        help="the edition file of the record's edition, if it is not a bundled one "
        "(as on validate, score and export-record)",
    )
    parser.add_argument(
        "--record-edition",
        type=EditionName,
        metavar="FILE",
        help="deprecated: the old name of --edition, until 0.3.0",
    )
    parser.add_argument(
        "--report",
        type=OutputName,
        metavar="FILE",
        help="also write the report as JSON to FILE",
    )
    add_output(parser)
    parser.set_defaults(run=run_migrate)

    parser = subparsers.add_parser(
        "verify", help="check an Adilet text against an edition (exit 1 on drift)"
    )
    parser.add_argument("source", metavar="SOURCE.txt", help="Adilet plain text (UTF-8)")
    parser.add_argument(
        "--edition",
        type=EditionName,
        default="latest",
        metavar="E",
        help="the edition to compare with: ID, alias, 'latest' (default) or an edition file",
    )
    add_format(parser, "text", "json")
    parser.set_defaults(run=run_verify)


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """The options that choose an edition by date: --as-of, --published, --effective."""
    parser.add_argument(
        "--as-of",
        type=Word,
        metavar="YYYY-MM-DD",
        help="the edition in force on this date (instead of --edition)",
    )
    parser.add_argument(
        "--published",
        action="append",
        type=Word,
        default=[],
        metavar="ACT=YYYY-MM-DD",
        help="a known first official publication date of an act (repeatable)",
    )
    parser.add_argument(
        "--effective",
        action="append",
        type=Word,
        default=[],
        metavar="ACT=YYYY-MM-DD",
        help="a known date an act took effect (repeatable)",
    )


def edition_as_of(args: argparse.Namespace) -> Optional[str]:
    """The edition ID chosen by --as-of, or None when it was not given."""
    if args.as_of is None:
        if args.published or args.effective:
            raise UsageError("--published and --effective go with --as-of YYYY-MM-DD")
        return None
    if args.edition != "latest":
        raise UsageError("give --edition or --as-of, not both")
    from ..exceptions import InvalidInputError
    from ..law.in_force import as_of, parse_date

    try:
        day = parse_date(args.as_of, what="--as-of date")
    except InvalidInputError as error:
        raise UsageError(str(error)) from None
    return as_of(
        day,
        published=_act_dates(args.published, "--published"),
        effective=_act_dates(args.effective, "--effective"),
    ).id


def _act_dates(values: list[str], option: str) -> dict[str, str]:
    given: dict[str, str] = {}
    for value in values:
        act, sep, day = value.partition("=")
        if not sep or not act.strip() or not day.strip():
            from ..law.store import bundled

            acts = ", ".join(a.id for a in bundled().order.acts)
            raise UsageError(f"{option} {value!r}: expected ACT=YYYY-MM-DD, ACT one of {acts}")
        act, day = act.strip(), day.strip()
        if act in given:
            # Two dates for one act: keeping either would answer from a date not meant.
            same = " (the same date twice)" if given[act] == day else ""
            raise UsageError(
                f"{option} names act {act!r} twice ({act}={given[act]} and {act}={day}){same}; "
                "give each act once"
            )
        given[act] = day
    return given


def run_diff(args: argparse.Namespace) -> int:
    from ..law.diff import diff
    from ..present.markdown import diff_markdown
    from ..present.text import diff_text

    result = diff(args.old, args.new, checklist=args.checklist)
    if args.format == "json":
        text = dumps(result.to_json())
    elif args.format == "markdown":
        text = diff_markdown(result)
    else:
        text = diff_text(result)
    emit(text, args.output, force=args.force)
    wrote(args.output, f"{args.format} diff {result.from_edition} -> {result.to_edition}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from ..law.history import history
    from ..present.text import history_text

    result = history(args.id, editions=args.edition)
    emit(dumps(result.to_json()) if args.format == "json" else history_text(result))
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    from ..present.text import migration_text
    from ..record.files import dumps_record, read_record
    from ..record.migrate import migrate

    edition = args.edition
    if args.record_edition is not None:
        if edition is not None:
            raise UsageError("give --edition FILE, not --edition and --record-edition too")
        print(
            f"{PROG}: warning: --record-edition is deprecated and goes in 0.3.0; "
            "use --edition FILE",
            file=sys.stderr,
        )
        edition = args.record_edition
    record = read_record(args.record, edition=edition)
    result = migrate(record, args.to)
    emit(dumps_record(result.record), args.output, force=args.force)
    carried = result.record
    wrote(
        args.output,
        f"record {args.record} carried to edition {carried.edition}: {carried.checklist}",
    )
    if args.report is not None:
        emit(dumps(result.report_json()), args.report, force=args.force, option="--report")
        wrote(args.report, f"json report of the migration to edition {carried.edition}")
    print(migration_text(result), file=sys.stderr)
    print(
        'the migrated record is a draft ("final": false), even where every answer was '
        'carried: review it, then set "final": true',
        file=sys.stderr,
    )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from ..importer.verify import verify
    from ..present.text import verification_text

    result = verify(args.source, edition=args.edition)
    emit(dumps(result.to_json()) if args.format == "json" else verification_text(result))
    return 1 if result.drift else 0
