"""Commands from one inspection to the next: ``compare`` (two records of an entity) and
``findings`` (the requirements that do not conform, as a plan to remedy them).

Both read records of any edition: a bundled one, or one whose edition file is given
with ``--edition`` (repeatable). An invalid record is listed with its problems on
standard error, exit code 1, and nothing is written; two records ``compare`` refuses (of
two checklists, or of two IIN/BINs) are one line on standard error, exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._files import emit, say, wrote
from ._options import PROG, add_output, dumps, is_stdout
from ._records import add_editions, editions_given, read_records


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="compare two inspections of one entity: resolved, still open, new findings",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier inspection record (JSON)")
    parser.add_argument("new", metavar="NEW", help="the later inspection record (JSON)")
    add_editions(parser, "OLD and NEW")
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown", "csv"),
        default="text",
        help="output format (default text)",
    )
    parser.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)"
    )
    add_output(parser)
    parser.set_defaults(run=run_compare)

    parser = subparsers.add_parser(
        "findings",
        help="the findings of inspection records, one row each, as a plan: CSV, XLSX or JSON",
    )
    parser.add_argument("records", nargs="+", metavar="RECORD", help="inspection records (JSON)")
    parser.add_argument(
        "--since",
        metavar="RECORD",
        help="a previous inspection record of the same checklist and entity: each finding "
        "then says whether it is new or still open",
    )
    add_editions(parser, "the records")
    parser.add_argument(
        "--format",
        choices=("csv", "xlsx", "json"),
        default="csv",
        help="output format (default csv); xlsx adds the remedy's columns to fill in",
    )
    parser.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)"
    )
    add_output(parser)
    parser.set_defaults(run=run_findings)


def _notes(lines: Any, kind: str) -> None:
    for line in lines:
        say(f"{PROG}: {kind}: {line}")


def run_compare(args: argparse.Namespace) -> int:
    from ..exports.comparison import comparison_csv
    from ..present.compare import comparison_markdown, comparison_text
    from ..record.compare import compare
    from ._files import write_result

    records, invalid = read_records([args.old, args.new], editions_given(args.edition))
    if invalid:
        print("\n".join(invalid), file=sys.stderr)
        return 1
    result = compare(*records)
    _notes(result.warnings, "warning")
    _notes(result.notes, "note")
    if args.format == "csv":
        write_result(comparison_csv(result, bom=args.bom), args)
    else:
        text = {
            "json": lambda: dumps(result.to_json()),
            "markdown": lambda: comparison_markdown(result),
            "text": lambda: comparison_text(result),
        }[args.format]()
        emit(text, args.output, force=args.force)
    counts = result.counts()
    wrote(
        args.output,
        f"{args.format} comparison of {args.old} and {args.new}: {counts['resolved']} "
        f"resolved, {counts['still_open']} still open, {counts['new_findings']} new findings",
    )
    return 0


def run_findings(args: argparse.Namespace) -> int:
    from ..exports.findings import plan_bytes
    from ..record.verdicts import DOES_NOT_CONFORM
    from ._files import write_result

    editions = editions_given(args.edition)
    paths = [*args.records, *([args.since] if args.since is not None else [])]
    records, invalid = read_records(paths, editions)
    if invalid:
        print("\n".join(invalid), file=sys.stderr)
        return 1
    since = records.pop() if args.since is not None else None
    data = plan_bytes(records, args.format, since=since, bom=args.bom)
    write_result(data, args)
    if not is_stdout(args.output):
        count = sum(verdict == DOES_NOT_CONFORM for r in records for verdict in r.verdicts)
        wrote(
            args.output,
            f"{args.format} plan of {count} finding{'s' if count != 1 else ''} of "
            f"{len(records)} record{'s' if len(records) != 1 else ''}",
        )
    return 0
