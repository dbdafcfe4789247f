"""Record files: the JSON format, read and written, and every problem of one listed at once.

The JSON format (``format_version`` 1)::

    {"format": "kz-inspection-record", "format_version": 1,
     "checklist": "communications", "edition": "2023-revision", "final": false,
     "profile": "mobile-operator",
     "header": {"authority": ..., "assignment_act": {"number": ..., "date": "YYYY-MM-DD"},
                "entity_name": ..., "iin_bin": "123456789012", "address": ...,
                "inspection_date": "YYYY-MM-DD",
                "officials": [{"position": ..., "full_name": ...}],
                "head": {"position": ..., "full_name": ...}},
     "answers": {"COM-001": {"verdict": null, "remark": null}, ...}}

``profile``, written only for a record begun with one, names the profile it was begun with:
a shipped profile's ID or a profile file's name (see :func:`.record.new_record`). The
header's fields are those of the order's form (:mod:`.header`). ``answers`` is keyed
by requirement ID; an ID left out is read as not assessed, and written back in full.
:func:`loads_record` / :func:`read_record` read a record, :func:`dumps_record` /
:func:`write_record` write one; :func:`validate` lists every problem of a record in one
pass; :func:`record_json_schema` is the published JSON Schema. A key given twice in one
object is a problem, since a JSON reader would silently keep the last.

>>> from kz_inspection_checklists.record.record import new_record
>>> record = new_record("electronic-signature").mark("EDS-001", "conforms")
>>> loads_record(dumps_record(record)) == record
True
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any, Callable, Optional, Union

from .._files import read_input, write_atomically
from .._inplace import updating
from .._suggest import shown
from ..exceptions import InvalidInputError, InvalidRecordError, Problem
from ..law.order import FormSpec
from ..law.store import EditionRef, bundled, law_of
from .checks import check, file_model
from .record import (
    FORMAT,
    FORMAT_VERSION,
    InspectionRecord,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "dumps_record",
    "loads_record",
    "read_record",
    "record_json_schema",
    "update_record",
    "validate",
    "write_record",
]

#: How a problem told a user of the library to pass an edition file, in 0.1.0.
EDITION_OPTION = "edition=PATH"


def _deprecated_option(edition_option: Optional[str]) -> Optional[str]:
    """``edition_option``, with a DeprecationWarning when a caller passes it."""
    if edition_option is not None:
        warnings.warn(
            "edition_option is deprecated and goes in 0.3.0: a problem that needs an edition "
            "file says so, and its .edition names the edition; a caller adds its own words "
            "for passing the file",
            DeprecationWarning,
            stacklevel=3,
        )
    return edition_option


RecordSource = Union[str, bytes, Mapping[str, Any], InspectionRecord]


def record_json_schema(form: Optional[FormSpec] = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the record format (default: the bundled form's).

    >>> schema = record_json_schema()
    >>> schema["properties"]["format"]["const"], sorted(schema["required"])
    ('kz-inspection-record', ['checklist', 'edition', 'format', 'format_version'])
    """
    schema = file_model(form or bundled().order.form).model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def dumps_record(record: InspectionRecord) -> str:
    """The record as JSON text: two-space indent, one line per answer, final newline.

    >>> from kz_inspection_checklists.record.record import new_record
    >>> print(dumps_record(new_record("electronic-signature").mark("EDS-001", "conforms")))
    {
      "format": "kz-inspection-record",
      ...
      "answers": {
        "EDS-001": {"verdict": "conforms", "remark": null},
        "EDS-002": {"verdict": null, "remark": null},
        ...
      }
    }
    """
    if not isinstance(record, InspectionRecord):
        raise InvalidInputError(
            f"dumps_record() takes an InspectionRecord, got {type(record).__name__}"
        )
    document = record.to_json()
    answers = document.pop("answers")
    head = json.dumps(document, ensure_ascii=False, indent=2)
    lines = [
        f"    {json.dumps(rid)}: {json.dumps(answer, ensure_ascii=False)}"
        for rid, answer in answers.items()
    ]
    body = "{\n" + ",\n".join(lines) + "\n  }" if lines else "{}"
    return f'{head[:-2]},\n  "answers": {body}\n}}\n'


def write_record(
    record: InspectionRecord, path: Union[str, PurePath], *, force: bool = False
) -> None:
    """Write the record to a file, whole or not at all.

    An existing file is replaced only with ``force=True``; otherwise, and for anything
    but a regular file, :class:`InvalidInputError` is raised and nothing is written.
    """
    text = dumps_record(record)
    name = _path_name(path, "a record file")
    if os.path.lexists(name) and not force:
        raise InvalidInputError(f"{name!r} exists; pass force=True to replace it")
    try:
        write_atomically(name, text.encode("utf-8"))
    except OSError as error:
        raise InvalidInputError(f"cannot write {name!r}: {error.strerror or error}") from None


def update_record(
    path: Union[str, PurePath],
    change: Callable[[InspectionRecord], InspectionRecord],
    *,
    edition: Optional[EditionRef] = None,
    wait: Optional[float] = None,
) -> InspectionRecord:
    """Read a record file, change it with ``change`` and write it back, as one step.

    ``change`` takes the record read and returns the record to write; the new record is
    returned. No other ``update_record`` of the same file (in this process or another:
    two ``kz-checklists mark`` run at once) runs between the read and the write: one
    waits for the other, up to ``wait`` seconds (default 20). The file is replaced whole, keeping its
    mode and owner, and only if it is still the file that was read, so a change another
    program made meanwhile is never lost (:mod:`.._inplace` says what is promised,
    network filesystems included).

    Raises :class:`InvalidInputError` for a file that cannot be read, is read-only or
    in a folder that forbids replacing it, is held by another update longer than
    ``wait`` seconds, or was changed while ``change`` ran; :class:`InvalidRecordError`
    for a file that is not a valid record; whatever ``change`` raises passes through.
    In each case nothing is written.

    >>> import os, tempfile
    >>> from kz_inspection_checklists.record.record import new_record
    >>> path = os.path.join(tempfile.mkdtemp(), "inspection.json")
    >>> write_record(new_record("electronic-signature"), path)
    >>> update_record(path, lambda record: record.mark("EDS-001", "conforms")).verdicts
    ('conforms', None, None, None)
    >>> read_record(path).verdicts
    ('conforms', None, None, None)
    """
    name = _path_name(path, "a record file")
    if not callable(change):
        raise InvalidInputError(
            f"change is a function from the record read to the record to write, not {shown(change)}"
        )
    try:
        with updating(name, wait=wait) as held:
            record = _loads(held.data, edition, None)
            changed = change(record)
            if not isinstance(changed, InspectionRecord):
                raise InvalidInputError(
                    f"change returned {type(changed).__name__}, not an InspectionRecord; "
                    "nothing was written"
                )
            held.replace(dumps_record(changed).encode("utf-8"))
    except OSError as error:
        raise InvalidInputError(
            f"cannot update record file {name!r}: {error.strerror or error}"
        ) from None
    return changed


def _path_name(path: object, what: str) -> str:
    """The name of a file given as a path, or :class:`InvalidInputError`."""
    name = os.fspath(path) if isinstance(path, (str, PurePath)) else None
    if name is None or not name.strip():
        raise InvalidInputError(f"{what} is named by a path, not {shown(path)}")
    return name


def loads_record(
    text: Union[str, bytes, Mapping[str, Any]],
    *,
    edition: Optional[EditionRef] = None,
    edition_option: Optional[str] = None,
) -> InspectionRecord:
    """A record from JSON text (or an already parsed object).

    ``edition`` supplies an edition the bundled data lacks (an edition file or an
    :class:`Edition`), e.g. one imported with ``kz-checklists import``; the record's
    ``edition`` must be its ID. Raises :class:`InvalidRecordError` listing every problem;
    a problem whose ``edition`` is set says the record is of an edition the library does
    not hold, whose file ``edition=`` would supply.

    ``edition_option`` (deprecated, until 0.3.0) was how a problem named the way to pass an
    edition file; given, it is still added to such a problem's message in parentheses.
    """
    return _loads(text, edition, _deprecated_option(edition_option))


def _loads(
    text: Union[str, bytes, Mapping[str, Any]],
    edition: Optional[EditionRef],
    option: Optional[str],
) -> InspectionRecord:
    checked = check(text, edition, option)
    if checked.problems:
        raise InvalidRecordError(problems=checked.problems, more=checked.more)
    document, form = checked.document, checked.form
    assert document is not None and form is not None
    got = [checked.answers.get(rid, (None, None)) for rid in form.ids]
    return InspectionRecord(
        checklist=form.key,
        edition=form.edition,
        header=document.header,  # type: ignore[attr-defined]
        ids=form.ids,
        verdicts=tuple([answer[0] for answer in got]),
        remarks=tuple([answer[1] for answer in got]),
        final=document.final,  # type: ignore[attr-defined]
        profile=document.profile,  # type: ignore[attr-defined]
        _form=form,
    )


def read_record(
    path: Union[str, PurePath],
    *,
    edition: Optional[EditionRef] = None,
    edition_option: Optional[str] = None,
) -> InspectionRecord:
    """A record from a JSON file; see :func:`loads_record` (``edition_option`` is
    deprecated there too).

    A file that cannot be read raises :class:`InvalidInputError`.
    """
    return _loads(read_bytes(path), edition, _deprecated_option(edition_option))


def read_bytes(path: Union[str, PurePath]) -> bytes:
    """The bytes of a record file, or :class:`InvalidInputError` saying why not."""
    if not isinstance(path, (str, PurePath)):
        raise InvalidInputError(
            f"a record file is named by a path (a string), not {type(path).__name__} {shown(path)}"
        )
    try:
        return read_input(path)
    except OSError as error:
        raise InvalidInputError(
            f"cannot read record file {str(path)!r}: {error.strerror or error}"
        ) from None


def validate(
    record: RecordSource,
    *,
    edition: Optional[EditionRef] = None,
    edition_option: Optional[str] = None,
) -> tuple[Problem, ...]:
    """Every problem of a record, in one pass; an empty tuple for a valid record.

    ``record`` is JSON text, a parsed JSON object, or an :class:`InspectionRecord`;
    ``edition`` and ``edition_option`` (deprecated) are as for :func:`loads_record`. A record with
    more than 1,000 problems gets the first 1,000, in the record's order, and one more
    for the record as a whole (``where`` is ``""``) saying how many were left out.

    >>> for problem in validate('{"format": "kz-inspection-record", "format_version": 1,'
    ...     ' "checklist": "electronic-signature", "edition": "2023-revision",'
    ...     ' "header": {"iin_bin": "123456789012", "inspection_date": "2024-02-30"},'
    ...     ' "answers": {"EDS-001": {"verdict": "yes"}, "EDS-05": {"verdict": null},'
    ...     ' "EDS-003": {"verdict": "not-applicable"}}}'):
    ...     print(problem)
    header.iin_bin: IIN/BIN '123456789012' fails its control digit: the 12th digit is 2, but the first 11 digits give 3; check the number for a typing error
    header.inspection_date: expected a date as YYYY-MM-DD, got '2024-02-30' (day value is outside expected range)
    answers.EDS-001.verdict: 'yes' is not a verdict; expected conforms, does-not-conform, not-applicable or not-assessed (null); did you mean 'conforms'?
    answers.EDS-003: not-applicable needs a remark saying why the requirement does not concern the entity
    answers.EDS-05: unknown requirement ID in checklist 'electronic-signature' of edition '2023-revision'; IDs run EDS-001 to EDS-004; did you mean 'EDS-004'?
    """
    if isinstance(record, InspectionRecord):
        if edition is None:  # the record knows its edition, of whichever order
            edition = law_of(record.form).edition_of(record.form)
        record = record.to_json()
    checked = check(record, edition, _deprecated_option(edition_option))
    if checked.more:
        left_out = Problem(
            "", f"and {checked.more} more problems, not listed; fix these and validate again"
        )
        return (*checked.problems, left_out)
    return checked.problems
