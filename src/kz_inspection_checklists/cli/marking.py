"""Commands that fill in a record file in place: ``mark`` (verdicts) and ``header`` (the header).

Both read the record, refuse what ``validate`` refuses (exit 1, every problem listed on
standard error), change it as the library's ``mark_many()`` and ``with_header()`` do,
refusing a bad verdict, an unknown ID or a bad header value (exit 2, one line), and write
the record back whole (a new file renamed over the old), so that on any error the file
is left as it was. They update it through the library's ``update_record()``: one
command at a time (others wait), never a read-only file, never over a change made since
it was read (exit 2, saying why). A final record is not changed: ``header --not-final``
reopens it. They say on standard error what they wrote. ``header`` has one option
per field of the order's form, made from the form's field keys and kinds
(``entity_name``: ``--entity-name``; an act: ``--assignment-act NUMBER DATE``), with
``--inspection-date`` and one per signature block (a block several may sign takes its
option once per person, named by its key in the singular: ``--official``).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional

from ._files import say
from ._options import EditionName, InPlaceName, UsageError, Word

if TYPE_CHECKING:
    from ..exceptions import InvalidRecordError
    from ..law.order import FormSpec
    from ..record.record import InspectionRecord


def _option(key: str) -> str:
    return "--" + key.replace("_", "-")


def _singular(key: str) -> str:
    return key[:-1] if key.endswith("s") and len(key) > 1 else key


def _form() -> FormSpec:
    from ..law.store import bundled

    return bundled().order.form


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "mark",
        help="set verdicts in a record file: RECORD ID VERDICT, or RECORD ID=VERDICT ...",
    )
    _record(parser)
    parser.add_argument(
        "answers",
        nargs="+",
        type=Word,
        metavar="ANSWER",
        help="ID VERDICT, or one or more ID=VERDICT; a verdict is conforms, "
        "does-not-conform, not-applicable, not-assessed (clears it), or a column's words",
    )
    parser.add_argument(
        "--remark",
        type=Word,
        metavar="TEXT",
        help="the remark of every requirement marked (not-applicable needs one); without "
        "it their remarks are cleared, as the verdicts are replaced",
    )
    parser.set_defaults(run=run_mark)

    form = _form()
    parser = subparsers.add_parser(
        "header", help="set the header of a record file: entity, IIN/BIN, dates, who signs"
    )
    _record(parser)
    for field in form.header:
        description = field.description.rstrip(".")
        if field.kind == "act":
            parser.add_argument(
                _option(field.key),
                nargs=2,
                type=Word,
                metavar=("NUMBER", "DATE"),
                dest=f"field_{field.key}",
                help=f"{description} (DATE as YYYY-MM-DD)",
            )
        else:
            hint = " (YYYY-MM-DD)" if field.kind == "date" else ""
            parser.add_argument(
                _option(field.key),
                type=Word,
                metavar="DATE" if field.kind == "date" else "TEXT",
                dest=f"field_{field.key}",
                help=description + hint,
            )
    parser.add_argument(
        "--inspection-date",
        type=Word,
        metavar="DATE",
        dest="field_inspection_date",
        help="the date of the inspection (YYYY-MM-DD)",
    )
    for signer in form.signatories:
        names = [_option(signer.key)]
        if signer.many and _singular(signer.key) != signer.key:
            names.insert(0, _option(_singular(signer.key)))
        parser.add_argument(
            *names,
            type=Word,
            action="append" if signer.many else "store",
            metavar="POSITION=FULL NAME",
            dest=f"people_{signer.key}",
            help=signer.description.rstrip(".")
            + (" (once per person; replaces the list)" if signer.many else ""),
        )
    final = parser.add_mutually_exclusive_group()
    final.add_argument(
        "--final",
        action="store_true",
        help="mark the record final (signed): refused while a header field is blank; a "
        "final record is not changed until reopened",
    )
    final.add_argument(
        "--not-final",
        action="store_true",
        help="reopen a final record, so that it can be changed (then marked final again)",
    )
    parser.set_defaults(run=run_header)


def _record(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "record", type=InPlaceName, metavar="RECORD", help="the record file (JSON) to update"
    )
    parser.add_argument(
        "--edition",
        type=EditionName,
        metavar="FILE",
        help="the edition file of an imported edition the record is for "
        "(bundled editions need none)",
    )


def _update(
    args: argparse.Namespace, change: Callable[[InspectionRecord], InspectionRecord]
) -> Optional[InspectionRecord]:
    """The record file changed by ``change`` and written back (one update at a time, the
    file replaced only if unchanged since it was read), or ``None`` once the problems of
    an invalid record are printed on standard error."""
    from ..exceptions import InvalidRecordError
    from ..law.store import bundled
    from ..record.files import update_record
    from ._problems import problems_text

    edition = bundled().edition(args.edition) if args.edition is not None else None
    try:
        return update_record(args.record, change, edition=edition)
    except InvalidRecordError as error:  # the record read; change's own are UsageErrors
        print(problems_text(args.record, error), file=sys.stderr)
        return None


def _frozen(name: str) -> UsageError:
    return UsageError(
        f"{name!r} is a final (signed) record, so it is not changed; to change it, reopen "
        f"it first: kz-checklists header {name} --not-final"
    )


def _one_line(error: InvalidRecordError) -> UsageError:
    """A change the record refuses, as one line: its problems joined."""
    return UsageError("; ".join(str(problem) for problem in error.problems) or str(error))


def run_mark(args: argparse.Namespace) -> int:
    pairs = _pairs(args.answers)

    def change(record: InspectionRecord) -> InspectionRecord:
        from ..exceptions import InvalidRecordError
        from ..record.sheet import read_verdict

        if record.final:
            raise _frozen(args.record)
        answers: dict[str, tuple[Optional[str], Optional[str]]] = {}
        wrong: list[tuple[int, str]] = []
        order = {}
        for position, (requirement_id, word) in enumerate(pairs):
            order[f"answers.{requirement_id}"] = position
            verdict, why = read_verdict(word, record.form)
            if why:
                wrong.append((position, f"answers.{requirement_id}: {why}"))
            # A wrong word still has its ID checked, so that every problem is told at once.
            answers[requirement_id] = (verdict, None if why else args.remark)
        try:
            marked = record.mark_many(answers)
        except InvalidRecordError as error:
            wrong += [(order.get(p.where, len(pairs)), str(p)) for p in error.problems]
        if wrong:
            raise UsageError("; ".join(text for _, text in sorted(wrong, key=lambda item: item[0])))
        return marked

    marked = _update(args, change)
    if marked is None:
        return 1
    assessed = sum(verdict is not None for verdict in marked.verdicts)
    done = ", ".join(f"{rid.strip().upper()} {word.strip()}" for rid, word in pairs)
    say(f"marked {done} in {args.record} ({assessed} of {len(marked.ids)} requirements assessed)")
    return 0


def _pairs(words: list[str]) -> list[tuple[str, str]]:
    """The (ID, verdict) pairs of ``mark``'s arguments: ID VERDICT, or ID=VERDICT ..."""
    if len(words) == 2 and not any("=" in word for word in words):
        pairs = [(words[0], words[1])]
    elif all("=" in word for word in words):
        pairs = [(rid, verdict) for rid, _, verdict in (w.partition("=") for w in words)]
    else:
        from ..law.store import bundled

        prefix = bundled().order.checklists[0].prefix
        raise UsageError(
            f"give ID VERDICT (e.g. {prefix}-001 conforms), or one or more ID=VERDICT "
            f"(e.g. {prefix}-001=conforms {prefix}-002=does-not-conform)"
        )
    seen: set[str] = set()
    for rid, _ in pairs:
        key = rid.strip().upper()
        if not key:
            raise UsageError("a requirement ID is missing before '='")
        if key in seen:
            raise UsageError(f"{key} is given twice; give each requirement once")
        seen.add(key)
    return pairs


def _person(text: str, option: str) -> dict[str, Optional[str]]:
    position, equals, name = text.partition("=")
    if not equals:
        raise UsageError(f"{option}: expected POSITION=FULL NAME, got {text!r}")
    return {"position": position.strip() or None, "full_name": name.strip() or None}


def run_header(args: argparse.Namespace) -> int:
    form = _form()
    fields: dict[str, Any] = {}
    for spec in form.header:
        value = getattr(args, f"field_{spec.key}", None)
        if value is not None:
            fields[spec.key] = (
                {"number": value[0], "date": value[1] or None} if spec.kind == "act" else value
            )
    if args.field_inspection_date is not None:
        fields["inspection_date"] = args.field_inspection_date
    for signer in form.signatories:
        value = getattr(args, f"people_{signer.key}", None)
        if value is not None:
            option = _option(_singular(signer.key) if signer.many else signer.key)
            people = [_person(text, option) for text in (value if signer.many else [value])]
            fields[signer.key] = people if signer.many else people[0]
    if not fields and not args.final and not args.not_final:
        raise UsageError(
            "nothing to set; give a header option, such as "
            f"{_option(form.header[0].key) if form.header else '--inspection-date'} "
            "(see 'kz-checklists header --help')"
        )

    def change(record: InspectionRecord) -> InspectionRecord:
        from ..exceptions import InvalidRecordError

        if args.not_final:
            record = record.reopen()
        elif record.final:
            if not fields:  # --final again: it is final already
                return record
            raise _frozen(args.record)
        try:
            updated = record.with_header(**fields)
            if args.final:
                updated = updated.finish()
        except InvalidRecordError as error:
            raise _one_line(error) from None
        return updated

    updated = _update(args, change)
    if updated is None:
        return 1
    blank = updated.missing_header_fields()
    said = ", ".join(fields) or ("nothing" if args.final else "not final")
    state = (
        "final"
        if updated.final
        else (f"{len(blank)} header fields still blank" if blank else "every header field filled")
    )
    say(f"set {said} in {args.record} ({state})")
    return 0
