"""Commands to export: ``export`` (a checklist), ``export-record`` (an inspection record), ``export-order`` (the order).

The printed forms (``html``, ``docx``) are informative by default; ``--for-signing``
(``--no-score`` and ``--no-additions`` together) prints the form to sign, as the annex
has it: no score summary, no "№" column and no requirement IDs.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..exports import (
    CHECKLIST_FORMATS,
    ORDER_FORMATS,
    PRINTED_FORMATS,
    RECORD_FORMATS,
)
from ._files import write_result, wrote
from ._options import (
    EditionName,
    UsageError,
    add_checklist,
    add_edition,
    add_language,
    add_output,
    add_profile,
)


def _common(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument(
        "--format", required=True, choices=formats, help="the export format (required)"
    )
    parser.add_argument(
        "--bom", action="store_true", help="csv: start with a UTF-8 byte-order mark (for Excel)"
    )
    printed = ", ".join(PRINTED_FORMATS)
    parser.add_argument(
        "--no-score",
        action="store_true",
        help=f"{printed}: leave out a record's score summary",
    )
    parser.add_argument(
        "--no-additions",
        action="store_true",
        help=f"{printed}: leave out the library's additions to the annex's table "
        "(the № column and the requirement IDs)",
    )
    parser.add_argument(
        "--for-signing",
        action="store_true",
        help=f"{printed}: the form to sign, as the annex has it (--no-score --no-additions)",
    )
    add_output(parser)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a checklist: JSON, JSON Schema, CSV, Markdown, HTML or Word form, OSCAL "
        "catalog or profile, XCCDF, an XLSX workbook to fill in",
    )
    add_checklist(parser)
    add_edition(parser)
    add_language(parser)
    add_profile(parser, "oscal-profile: the profile to export (an ID, or a profile file)")
    _common(parser, CHECKLIST_FORMATS)
    parser.set_defaults(run=run_export)

    parser = subparsers.add_parser(
        "export-record",
        help="export an inspection record: HTML or Word form, CSV, OSCAL, OSCAL POA&M, XCCDF, XLSX",
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

    parser = subparsers.add_parser(
        "export-order",
        help="export the order as one edition in one language sets it out: Akoma Ntoso",
    )
    parser.add_argument(
        "--format",
        default="akn",
        choices=[f.name for f in ORDER_FORMATS],
        help="the export format (default: akn, Akoma Ntoso 3.0)",
    )
    add_edition(parser)
    add_language(parser)
    add_output(parser)
    parser.set_defaults(run=run_export_order)


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
_WHAT_OF_RECORD = {
    **_WHAT,
    "oscal": "assessment results",
    "oscal-poam": "plan of action and milestones",
    "xccdf": "benchmark and test result",
}


def _for_signing(options: dict[str, bool]) -> str:
    left_out = [name for name in ("score", "additions") if not options[name]]
    if len(left_out) == 2:
        return " for signing"
    return f" without {left_out[0]}" if left_out else ""


def _form_options(args: argparse.Namespace) -> dict[str, bool]:
    """``score`` and ``additions`` for :func:`export`, refused for a format that is no form."""
    score = not (args.no_score or args.for_signing)
    additions = not (args.no_additions or args.for_signing)
    if not (score and additions) and args.format not in PRINTED_FORMATS:
        given = [
            name
            for name, on in (
                ("--no-score", args.no_score),
                ("--no-additions", args.no_additions),
                ("--for-signing", args.for_signing),
            )
            if on
        ]
        raise UsageError(
            f"{' and '.join(given)} {'is' if len(given) == 1 else 'are'} for the printed "
            f"forms (--format {' or '.join(PRINTED_FORMATS)}), not {args.format}"
        )
    return {"score": score, "additions": additions}


def run_export(args: argparse.Namespace) -> int:
    from ..exports import export
    from ..law.store import bundled

    chosen = bundled().edition(args.edition).in_language(args.language)
    checklist = chosen.checklist(args.checklist)
    options = _form_options(args)
    data = export(
        checklist,
        args.format,
        bom=args.bom,
        edition=chosen,
        profile=args.profile,
        score=options["score"],
        additions=options["additions"],
    )
    write_result(data, args)
    what = _WHAT.get(args.format, "export") + _for_signing(options)
    wrote(args.output, f"{args.format} {what} of {checklist.key}, edition {checklist.edition}")
    return 0


def run_export_record(args: argparse.Namespace) -> int:
    from ..exports import export
    from ..law.store import bundled
    from ..record.files import read_record
    from ..record.scoring import load_weights

    options = _form_options(args)
    chosen = bundled().edition(args.edition) if args.edition is not None else None
    record = read_record(args.record, edition=chosen)
    # The weights may name requirements new in the record's edition (--edition FILE).
    weights = load_weights(args.weights, edition=chosen) if args.weights is not None else None
    data = export(
        record,
        args.format,
        bom=args.bom,
        weights=weights,
        edition=chosen,
        language=args.language,
        score=options["score"],
        additions=options["additions"],
    )
    write_result(data, args)
    what = _WHAT_OF_RECORD.get(args.format, "export") + _for_signing(options)
    wrote(
        args.output,
        f"{args.format} {what} of record {args.record}: {record.checklist}, "
        f"edition {record.edition}",
    )
    return 0


def run_export_order(args: argparse.Namespace) -> int:
    from ..exports import export_order
    from ..law.store import bundled

    chosen = bundled().edition(args.edition)
    data = export_order(args.format, edition=chosen, language=args.language)
    write_result(data, args)
    language = args.language or chosen.language or "en"
    wrote(args.output, f"{args.format} document of edition {chosen.id} in {language}")
    return 0
