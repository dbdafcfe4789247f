"""Commands to fill in and score a checklist: ``new``, ``validate``, ``score``.

``validate`` and ``score`` exit with 1 for an invalid record, printing every problem on
its own line; they never write to the record file.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Optional

from ._files import emit, say, wrote
from ._options import (
    EditionName,
    add_checklist,
    add_edition,
    add_format,
    add_output,
    add_profile,
    dumps,
    is_stdout,
)

if TYPE_CHECKING:
    from ..law.edition import Edition
    from ..record.record import InspectionRecord


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("new", help="start a blank inspection record to fill in")
    add_checklist(parser)
    add_edition(parser)
    add_profile(
        parser,
        "mark not-applicable the requirements whose text names only subjects the profile "
        "excludes (an ID, or a profile file); everything else stays not assessed",
    )
    add_output(parser)
    parser.set_defaults(run=run_new)

    parser = subparsers.add_parser(
        "validate", help="check an inspection record, listing every problem"
    )
    parser.add_argument("record", metavar="FILE", help="an inspection record (JSON)")
    _add_record_edition(parser)
    parser.set_defaults(run=run_validate)

    parser = subparsers.add_parser("score", help="score an inspection record (XCCDF 1.2 models)")
    parser.add_argument("record", metavar="FILE", help="an inspection record (JSON)")
    parser.add_argument(
        "--weights",
        metavar="FILE",
        help="JSON object of requirement IDs to weights >= 0; unlisted requirements weigh 1",
    )
    parser.add_argument(
        "--groups",
        metavar="FILE",
        help="JSON object of group names to lists of requirement IDs, for a score per group",
    )
    _add_record_edition(parser)
    add_format(parser, "text", "json")
    add_output(parser)
    parser.set_defaults(run=run_score)


def _add_record_edition(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--edition",
        type=EditionName,
        metavar="FILE",
        help="the edition file of an imported edition the record is for "
        "(bundled editions need none)",
    )


def run_new(args: argparse.Namespace) -> int:
    from ..record.files import dumps_record
    from ..record.record import new_record

    record = new_record(args.checklist, edition=args.edition, profile=args.profile)
    emit(dumps_record(record), args.output, force=args.force)
    if not is_stdout(args.output):
        say(
            f"wrote {args.output} (a blank {record.checklist} record, edition "
            f"{record.edition}, {len(record.ids)} requirements); fill in 'header' and each "
            "answer's 'verdict' (conforms, does-not-conform, not-applicable, or null), then "
            f"run 'kz-checklists validate {args.output}'"
        )
        if record.profile is not None:
            marked = [rid for rid, verdict in zip(record.ids, record.verdicts) if verdict]
            say(
                f"profile {record.profile}: marked {len(marked)} not applicable"
                f"{' (' + ', '.join(marked) + ')' if marked else ''}, each remark quoting "
                "why; check them. 'kz-checklists show "
                f"{record.checklist} --profile {args.profile}' lists the undetermined ones"
            )
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from ..present.text import record_text

    record = _load(args)
    if record is None:
        return 1
    print(record_text(args.record, record))
    return 0


def _edition(args: argparse.Namespace) -> Optional[Edition]:
    # A bad --edition is a usage error (exit 2), not a problem of the record.
    from ..law.store import bundled

    return bundled().edition(args.edition) if args.edition is not None else None


def _load(args: argparse.Namespace) -> Optional[InspectionRecord]:
    """The record, or ``None`` once its problems are printed."""
    from ..exceptions import InvalidRecordError
    from ..record.files import loads_record, read_bytes

    try:
        return loads_record(read_bytes(args.record), edition=_edition(args))
    except InvalidRecordError as error:
        from ._problems import problems_text

        print(problems_text(args.record, error))
        return None


def run_score(args: argparse.Namespace) -> int:
    from ..present.text import score_text
    from ..record.scoring import Weights, load_groups, load_weights, score

    # The weights may name requirements new in the record's edition (--edition FILE).
    weights: Optional[Weights] = (
        load_weights(args.weights, edition=_edition(args)) if args.weights is not None else None
    )
    groups = load_groups(args.groups) if args.groups is not None else None
    record = _load(args)
    if record is None:
        return 1
    result = score(record, weights, groups)
    text = dumps(result.to_json()) if args.format == "json" else score_text(result)
    emit(text, args.output, force=args.force)
    wrote(
        args.output,
        f"{args.format} score of record {args.record}: {record.checklist}, "
        f"edition {record.edition}",
    )
    return 0
