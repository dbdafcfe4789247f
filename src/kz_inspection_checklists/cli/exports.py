"""Commands to export: ``export`` (a checklist) and ``export-record`` (an inspection record)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Optional

from .. import api
from ..exports import BINARY_FORMATS, CHECKLIST_FORMATS, RECORD_FORMATS, export
from ._common import UsageError, add_edition, write_atomically


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument(
        "--format", required=True, choices=formats, help="the export format (required)"
    )
    parser.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not standard output")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a checklist: JSON Schema, CSV, Markdown, HTML or Word form, OSCAL, XCCDF",
    )
    parser.add_argument(
        "checklist",
        metavar="CHECKLIST",
        help="informatization, communications, electronic-signature or 3, 4, 5",
    )
    add_edition(parser)
    _common(parser, CHECKLIST_FORMATS)
    parser.set_defaults(run=run_export)

    parser = subparsers.add_parser(
        "export-record",
        help="export an inspection record: HTML or Word form, CSV, OSCAL, XCCDF",
    )
    parser.add_argument("record", metavar="RECORD", help="an inspection record (JSON)")
    parser.add_argument(
        "--edition",
        metavar="E",
        help="an edition file for a record of an edition this library does not bundle",
    )
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="requirement weights (JSON) for the score; the law gives none, so 1 each",
    )
    _common(parser, RECORD_FORMATS)
    parser.set_defaults(run=run_export_record)


def _write(data: bytes, args: argparse.Namespace, inputs: tuple[str, ...] = ()) -> None:
    """Write to standard output, or to ``-o`` whole or not at all (never over an input)."""
    output: Optional[str] = args.output
    if output is None or output == "-":
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
    target = Path(output)
    if any(target.resolve() == Path(i).resolve() for i in inputs):
        raise UsageError(f"refusing to write over the input file {output!r}; choose another -o")
    if target.exists() and not args.force:
        raise UsageError(f"{output!r} exists; pass --force to replace it")
    if target.is_dir():
        raise UsageError(f"{output!r} is a directory; give a file name")
    write_atomically(target, data)


def run_export(args: argparse.Namespace) -> int:
    checklist = api.checklist(args.checklist, edition=args.edition)
    inputs = (args.edition,) if api._is_path(args.edition) else ()
    _write(export(checklist, args.format, bom=args.bom), args, inputs)
    return 0


def run_export_record(args: argparse.Namespace) -> int:
    from ..inspection import read_record
    from ..scoring import load_weights

    record = read_record(args.record, edition=args.edition)
    weights = load_weights(args.weights) if args.weights else None
    inputs = tuple(p for p in (args.record, args.edition, args.weights) if p)
    _write(export(record, args.format, bom=args.bom, weights=weights), args, inputs)
    return 0
