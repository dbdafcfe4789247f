"""Commands for spreadsheets: ``read-sheet`` (a filled sheet into a record) and ``summary``
(the register of many records).

``read-sheet`` reads a workbook written by ``export --format xlsx`` (or a CSV with the
same columns) once it is filled in, and writes the record (not final, unless
``--final``); every problem of the sheet is listed on standard error, each at its cell
or row, with exit code 1 and no record written; the plan of findings that ``findings``
writes is refused, saying so. ``summary`` writes one row per record (with ``--long``,
per record and requirement; with ``--by-entity``, per IIN/BIN and checklist) as CSV, XLSX
or JSON; an invalid record is listed the same way, exit 1.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._files import emit, say
from ._options import EditionName, UsageError, add_output, is_stdout
from ._records import add_editions, editions_given, read_records


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "read-sheet",
        help="read a filled workbook (XLSX) or CSV back into an inspection record",
    )
    parser.add_argument(
        "sheet", metavar="SHEET", help="the filled sheet: an .xlsx workbook, or a CSV"
    )
    parser.add_argument(
        "--edition",
        type=EditionName,
        metavar="FILE",
        help="the edition file of the imported edition the sheet is of (a sheet of a "
        "bundled edition needs none)",
    )
    parser.add_argument(
        "--final",
        action="store_true",
        help="make the record final (signed): refused while a header field is blank; "
        "without it the record is not final, even from the sheet of a final record",
    )
    add_output(parser)
    parser.set_defaults(run=run_read_sheet)

    parser = subparsers.add_parser(
        "summary", help="one table of many inspection records: CSV, XLSX or JSON"
    )
    parser.add_argument("records", nargs="+", metavar="RECORD", help="inspection records (JSON)")
    add_editions(parser, "the records")
    parser.add_argument(
        "--format",
        choices=("csv", "xlsx", "json"),
        default="csv",
        help="output format (default csv)",
    )
    parser.add_argument("--long", action="store_true", help="one row per record and requirement")
    parser.add_argument(
        "--by-entity",
        action="store_true",
        help="one row per IIN/BIN and checklist: its records, first and last inspection "
        "dates, findings at the first and at the last, and how many were resolved between",
    )
    parser.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)"
    )
    add_output(parser)
    parser.set_defaults(run=run_summary)


def run_read_sheet(args: argparse.Namespace) -> int:
    from ..exceptions import InvalidRecordError
    from ..exports.sheet import read_sheet
    from ..law.store import bundled
    from ..record.files import dumps_record
    from ._problems import problems_text

    edition = bundled().edition(args.edition) if args.edition is not None else None
    try:
        record = read_sheet(args.sheet, edition=edition, final=args.final)
    except InvalidRecordError as error:
        print(problems_text(args.sheet, error), file=sys.stderr)
        return 1
    emit(dumps_record(record), args.output, force=args.force)
    if not is_stdout(args.output):
        assessed = sum(verdict is not None for verdict in record.verdicts)
        say(
            f"wrote the {record.checklist} record (edition {record.edition}; {assessed} of "
            f"{len(record.ids)} requirements assessed) to {args.output}"
        )
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from ..exports.register import register_bytes
    from ..record.course import ENTITY_COLUMNS, entities_table
    from ..record.register import COLUMNS, LONG_COLUMNS, records_table
    from ._files import write_result

    if args.long and args.by_entity:
        raise UsageError("give --long or --by-entity, not both")
    records, invalid = read_records(args.records, editions_given(args.edition))
    if invalid:
        print("\n".join(invalid), file=sys.stderr)
        return 1
    columns: tuple[str, ...]
    if args.by_entity:
        columns = ENTITY_COLUMNS
        rows = entities_table(records, names=args.records)
    else:
        columns = LONG_COLUMNS if args.long else COLUMNS
        rows = records_table(records, long=args.long)
    write_result(register_bytes(rows, columns, args.format, bom=args.bom), args)
    if not is_stdout(args.output):
        say(
            f"wrote the register of {len(records)} record{'s' if len(records) != 1 else ''} "
            f"({len(rows)} row{'s' if len(rows) != 1 else ''}) as {args.format} to {args.output}"
        )
    return 0
