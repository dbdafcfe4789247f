"""The records a command reads, each of its own edition: a bundled one, or one of the edition
files given with ``--edition`` (repeatable).

A record names its edition by ID. :func:`read_records` reads each record with the edition
file of that ID, where one was given, and else with the bundled editions; so records of
several editions, bundled and imported, can be read by one command. Two edition files
of one ID are refused, as the command could not tell which to use.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Optional

from .._files import decode_utf8
from ..exceptions import InvalidRecordError
from ._options import EditionName, UsageError
from ._problems import problems_text

if TYPE_CHECKING:
    from ..law.edition import Edition
    from ..record.record import InspectionRecord

__all__ = ["add_editions", "editions_given", "read_records"]


def add_editions(parser: argparse.ArgumentParser, what: str) -> None:
    """``--edition FILE``, repeatable: the edition files of imported editions ``what`` are of."""
    parser.add_argument(
        "--edition",
        action="append",
        type=EditionName,
        default=[],
        metavar="FILE",
        help=f"the edition file of an imported edition {what} may be of (repeatable; each "
        "record is read with the file of its edition's ID; bundled editions need none)",
    )


def editions_given(values: Sequence[str]) -> tuple[Edition, ...]:
    """The editions named by ``--edition``; UsageError for two of one ID."""
    from ..law.store import bundled

    chosen: dict[str, tuple[str, Edition]] = {}
    for value in values:
        edition = bundled().edition(value)
        earlier = chosen.get(edition.id)
        if earlier is not None and earlier[1] is not edition:
            raise UsageError(
                f"--edition {earlier[0]!r} and --edition {value!r} are both edition "
                f"{edition.id!r}; give one file per edition"
            )
        chosen[edition.id] = (value, edition)
    return tuple(edition for _, edition in chosen.values())


def _edition_id(data: bytes) -> Optional[str]:
    """The edition a record's JSON names, or ``None`` where it names none that can be read
    (the record's own check then says what is wrong)."""
    try:
        document = json.loads(decode_utf8(data))
    except (ValueError, RecursionError):
        return None
    found = document.get("edition") if isinstance(document, dict) else None
    return found if isinstance(found, str) else None


def read_records(
    paths: Sequence[str], editions: Sequence[Edition]
) -> tuple[list[InspectionRecord], list[str]]:
    """The valid records of ``paths``, and each invalid one's problems as ``validate``
    lists them (for standard error), in the order given."""
    from ..record.files import loads_record, read_bytes

    by_id = {edition.id: edition for edition in editions}
    records: list[InspectionRecord] = []
    invalid: list[str] = []
    for path in paths:
        data = read_bytes(path)
        edition = by_id.get(_edition_id(data) or "") if by_id else None
        try:
            records.append(loads_record(data, edition=edition))
        except InvalidRecordError as error:
            invalid.append(problems_text(path, error))
    return records, invalid
