"""Commands to export: ``export`` (a checklist) and ``export-record`` (an inspection record)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Optional

from ..exports import BINARY_FORMATS, CHECKLIST_FORMATS, RECORD_FORMATS
from ._files import write_output, wrote
from ._options import (
    EditionName,
    UsageError,
    add_checklist,
    add_edition,
    add_language,
    add_output,
    is_stdout,
)


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument(
        "--format", required=True, choices=formats, help="the export format (required)"
    )
    parser.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)"
    )
    add_output(parser)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a checklist: JSON Schema, CSV, Markdown, HTML or Word form, OSCAL, XCCDF",
    )
    add_checklist(parser)
    add_edition(parser)
    add_language(parser)
    _common(parser, CHECKLIST_FORMATS)
    parser.set_defaults(run=run_export)

    parser = subparsers.add_parser(
        "export-record",
        help="export an inspection record: HTML or Word form, CSV, OSCAL, XCCDF",
    )
    parser.add_argument("record", metavar="RECORD", help="an inspection record (JSON)")
    parser.add_argument(
        "--edition",
        type=EditionName,
        metavar="E",
        help="an edition file for a record of an edition this library does not bundle",
    )
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="requirement weights (JSON) for the score; the law gives none, so 1 each",
    )
    add_language(parser)
    _common(parser, RECORD_FORMATS)
    parser.set_defaults(run=run_export_record)


#: What each format writes, for the line that says what was written.
_WHAT = {
    "json": "checklist",
    "json-schema": "record schema",
    "csv": "table",
    "markdown": "page",
    "html": "form",
    "docx": "form",
    "oscal": "catalog",
    "xccdf": "benchmark",
}
_WHAT_OF_RECORD = {**_WHAT, "oscal": "assessment results", "xccdf": "benchmark and test result"}


def _write(data: bytes, args: argparse.Namespace) -> None:
    """Write to standard output, or to ``-o`` whole or not at all."""
    output: Optional[str] = args.output
    if output is None or is_stdout(output):
        if args.format in BINARY_FORMATS and sys.stdout.isatty():
            raise UsageError(f"{args.format} is a binary format; pass -o FILE to write it")
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stand-in for stdout, e.g. under doctest
            if args.format in BINARY_FORMATS:
                raise UsageError(f"{args.format} is a binary format; pass -o FILE to write it")
            sys.stdout.write(data.decode("utf-8"))
            return
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
        return
    write_output(data, output, force=args.force)


def run_export(args: argparse.Namespace) -> int:
    from ..exports import export
    from ..law.store import bundled

    chosen = bundled().edition(args.edition).in_language(args.language)
    checklist = chosen.checklist(args.checklist)
    _write(export(checklist, args.format, bom=args.bom, edition=chosen), args)
    what = _WHAT.get(args.format, "export")
    wrote(args.output, f"{args.format} {what} of {checklist.key}, edition {checklist.edition}")
    return 0


def run_export_record(args: argparse.Namespace) -> int:
    from ..exports import export
    from ..law.store import bundled
    from ..record.files import read_record
    from ..record.scoring import load_weights

    chosen = bundled().edition(args.edition) if args.edition is not None else None
    record = read_record(args.record, edition=chosen, edition_option="--edition FILE")
    # The weights may name requirements new in the record's edition (--edition FILE).
    weights = load_weights(args.weights, edition=chosen) if args.weights is not None else None
    data = export(
        record,
        args.format,
        bom=args.bom,
        weights=weights,
        edition=chosen,
        language=args.language,
    )
    _write(data, args)
    what = _WHAT_OF_RECORD.get(args.format, "export")
    wrote(
        args.output,
        f"{args.format} {what} of record {args.record}: {record.checklist}, "
        f"edition {record.edition}",
    )
    return 0
