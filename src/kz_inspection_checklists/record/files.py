"""Record files: the JSON format, read and written, and every problem of one listed at once.

The JSON format (``format_version`` 1)::

    {"format": "kz-inspection-record", "format_version": 1,
     "checklist": "communications", "edition": "2023-revision", "final": false,
     "header": {"authority": ..., "assignment_act": {"number": ..., "date": "YYYY-MM-DD"},
                "entity_name": ..., "iin_bin": "123456789012", "address": ...,
                "inspection_date": "YYYY-MM-DD",
                "officials": [{"position": ..., "full_name": ...}],
                "head": {"position": ..., "full_name": ...}},
     "answers": {"COM-001": {"verdict": null, "remark": null}, ...}}

The header's fields are those of the order's form (:mod:`.header`). ``answers`` is keyed
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

import functools
import json
import os
from collections.abc import Mapping
from pathlib import PurePath
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from .._files import read_input, read_json, write_atomically
from .._suggest import did_you_mean, shown
from ..exceptions import ChecklistError, InvalidInputError, InvalidRecordError, Problem
from ..law.edition import Checklist, Edition
from ..law.order import FormSpec
from ..law.store import EditionRef, Law, bundled, law_of
from .header import Header, header_model
from .record import (
    FORMAT,
    FORMAT_VERSION,
    InspectionRecord,
    floor_of,
    json_default,
    unknown_id_message,
)
from .rules import NEEDS_REMARK, blank, header_problems, json_type, shape_problems
from .verdicts import NOT_APPLICABLE, Verdict

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "dumps_record",
    "loads_record",
    "read_record",
    "record_json_schema",
    "validate",
    "write_record",
]

#: How a problem tells a user of the library to pass an edition file.
EDITION_OPTION = "edition=PATH"

RecordSource = Union[str, bytes, Mapping[str, Any], InspectionRecord]


def _not_a_bool(value: Any) -> Any:
    # pydantic reads true as 1; a format version is a number.
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "expected 1")
    return value


class _AnswerJSON(TypedDict, total=False):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    verdict: Optional[Verdict]
    remark: Optional[str]


@functools.lru_cache(maxsize=16)
def file_model(form: FormSpec) -> type[BaseModel]:
    """The pydantic model of a record file of a form (its header fields are the form's)."""
    header = header_model(form)
    fields: dict[str, Any] = {
        "format": (Literal["kz-inspection-record"], ...),
        "format_version": (Annotated[Literal[1], BeforeValidator(_not_a_bool)], ...),
        "checklist": (str, Field(description="The checklist key, one of the order's.")),
        "edition": (
            str,
            Field(description="The edition ID, one of the order's or an imported one."),
        ),
        "final": (
            bool,
            Field(
                default=False,
                strict=True,
                description="True once finished: every header field is filled in.",
            ),
        ),
        "header": (header, Field(default_factory=header)),
        "answers": (
            dict[str, _AnswerJSON],
            Field(
                default_factory=dict,
                description="Keyed by requirement ID; an ID left out is not assessed.",
            ),
        ),
    }
    model: type[BaseModel] = create_model(
        "InspectionRecordFile",
        __config__=ConfigDict(
            frozen=True,
            extra="forbid",
            title="Inspection record",
            json_schema_extra={
                "description": "A filled-in inspection checklist, as written by "
                "kz-inspection-checklists. Verdicts: conforms and does-not-conform are the "
                "form's columns; not-applicable (with a remark saying why) and remarks "
                "extend the form; null means not assessed."
            },
        ),
        **fields,
    )
    return model


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
    name = os.fspath(path) if isinstance(path, (str, PurePath)) else None
    if name is None or not name.strip():
        raise InvalidInputError(f"a record file is named by a path, not {shown(path)}")
    if os.path.lexists(name) and not force:
        raise InvalidInputError(f"{name!r} exists; pass force=True to replace it")
    try:
        write_atomically(name, text.encode("utf-8"))
    except OSError as error:
        raise InvalidInputError(f"cannot write {name!r}: {error.strerror or error}") from None


def loads_record(
    text: Union[str, bytes, Mapping[str, Any]],
    *,
    edition: Optional[EditionRef] = None,
    edition_option: str = EDITION_OPTION,
) -> InspectionRecord:
    """A record from JSON text (or an already parsed object).

    ``edition`` supplies an edition the bundled data lacks (an edition file or an
    :class:`Edition`), e.g. one imported with ``kz-checklists import``; the record's
    ``edition`` must be its ID. Raises :class:`InvalidRecordError` listing every problem.
    ``edition_option`` is how a problem tells the user to pass an edition file, e.g.
    ``"--edition FILE"`` on a command line (default ``"edition=PATH"``).
    """
    checked = _check(text, edition, edition_option)
    if checked.problems:
        raise InvalidRecordError(problems=checked.problems)
    document, form = checked.document, checked.form
    assert document is not None and form is not None
    answers: dict[str, _AnswerJSON] = document.answers  # type: ignore[attr-defined]
    got = [answers.get(rid) for rid in form.ids]
    return InspectionRecord(
        checklist=form.key,
        edition=form.edition,
        header=document.header,  # type: ignore[attr-defined]
        ids=form.ids,
        verdicts=tuple([a.get("verdict") if a else None for a in got]),
        remarks=tuple([a.get("remark") if a else None for a in got]),
        final=document.final,  # type: ignore[attr-defined]
        _form=form,
    )


def read_record(
    path: Union[str, PurePath],
    *,
    edition: Optional[EditionRef] = None,
    edition_option: str = EDITION_OPTION,
) -> InspectionRecord:
    """A record from a JSON file; see :func:`loads_record`.

    A file that cannot be read raises :class:`InvalidInputError`.
    """
    return loads_record(read_bytes(path), edition=edition, edition_option=edition_option)


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
    edition_option: str = EDITION_OPTION,
) -> tuple[Problem, ...]:
    """Every problem of a record, in one pass; an empty tuple for a valid record.

    ``record`` is JSON text, a parsed JSON object, or an :class:`InspectionRecord`;
    ``edition`` and ``edition_option`` are as for :func:`loads_record`.

    >>> for problem in validate('{"format": "kz-inspection-record", "format_version": 1,'
    ...     ' "checklist": "electronic-signature", "edition": "2023-revision",'
    ...     ' "header": {"iin_bin": "123456789012", "inspection_date": "2024-02-30"},'
    ...     ' "answers": {"EDS-001": {"verdict": "yes"}, "EDS-05": {"verdict": null},'
    ...     ' "EDS-003": {"verdict": "not-applicable"}}}'):
    ...     print(problem)
    header.iin_bin: IIN/BIN '123456789012' fails its control digit: the 12th digit is 2, but the first 11 digits give 3; check the number for a typing error
    header.inspection_date: expected a date as YYYY-MM-DD, got '2024-02-30' (day value is outside expected range)
    answers.EDS-001.verdict: 'yes' is not a verdict; expected conforms, does-not-conform, not-applicable or null (not assessed); did you mean 'conforms'?
    answers.EDS-003: not-applicable needs a remark saying why the requirement does not concern the entity
    answers.EDS-05: unknown requirement ID in checklist 'electronic-signature' of edition '2023-revision'; IDs run EDS-001 to EDS-004; did you mean 'EDS-004'?
    """
    if isinstance(record, InspectionRecord):
        if edition is None:  # the record knows its edition, of whichever order
            edition = law_of(record.form).edition_of(record.form)
        record = record.to_json()
    return _check(record, edition, edition_option).problems


class _Checked:
    """What checking a record found: the document and its checklist when well-formed."""

    __slots__ = ("document", "form", "problems")

    def __init__(
        self,
        problems: tuple[Problem, ...],
        document: Optional[BaseModel] = None,
        form: Optional[Checklist] = None,
    ) -> None:
        self.problems = problems
        self.document = document
        self.form = form


def _check(source: object, edition: Optional[EditionRef], option: str) -> _Checked:
    """The validated document, its checklist, and every problem found."""
    if isinstance(source, Mapping):
        try:
            source = json.dumps(source, default=json_default)
        except (TypeError, ValueError) as error:
            return _Checked((Problem("", f"not a JSON object: {error}"),))
    if not isinstance(source, (str, bytes, bytearray)):
        return _Checked((_not_a_record(f"got {type(source).__name__}, not JSON text"),))
    try:
        tree, twice = read_json(source)
    except json.JSONDecodeError as error:
        return _Checked(
            (
                _not_a_record(
                    f"it is not valid JSON ({error.msg} at line {error.lineno} column "
                    f"{error.colno})"
                ),
            )
        )
    except RecursionError:
        return _Checked((_not_a_record("it is nested too deeply to be read as JSON"),))
    except ValueError as error:  # bytes that are not UTF-8 text
        return _Checked((_not_a_record(str(error)),))
    if not isinstance(tree, dict):
        return _Checked((_not_a_record(f"it is a JSON {json_type(tree)}, not an object"),))
    if tree.get("format") != FORMAT:
        found = tree.get("format")
        what = "has no 'format'" if found is None else f"has format {shown(found)}"
        return _Checked((_not_a_record(f"it {what}; a record has format {FORMAT!r}"),))
    version = tree.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return _Checked(
            (
                Problem(
                    "format_version",
                    f"format version {shown(version)} is newer than this library reads "
                    f"({FORMAT_VERSION}); upgrade kz-inspection-checklists",
                ),
            )
        )
    problems: list[Problem] = []
    checklist, edition_id = tree.get("checklist"), tree.get("edition")
    form: Optional[Checklist] = None
    law = bundled() if edition is None or not isinstance(edition, Edition) else law_of(edition)
    if isinstance(checklist, str) and isinstance(edition_id, str):
        form, law = _resolve(checklist, edition_id, edition, law, problems, option)
    model = file_model(law.order.form)
    iin_keys = [s.key for s in law.order.form.header if s.kind == "iin-bin"]
    document: Optional[BaseModel] = None
    try:
        document = model.model_validate(tree)
    except ValidationError as error:
        problems += shape_problems(
            error,
            lambda loc: _fields_at(model, loc),
            format_version=FORMAT_VERSION,
            iin_keys=iin_keys,
        )
        header, broken = _salvage_header(tree.get("header", {}), error, law)
        answers = tree.get("answers", {})
        answers = (
            {k: v for k, v in answers.items() if isinstance(v, dict)}
            if isinstance(answers, dict)
            else {}
        )
        final = tree.get("final") is True
    else:
        header, broken = document.header, frozenset()  # type: ignore[attr-defined]
        answers, final = document.answers, document.final  # type: ignore[attr-defined]
    if form is not None:
        unknown = answers.keys() - form.index.keys()
        problems += [
            Problem(f"answers.{rid}", unknown_id_message(rid, form, law)) for rid in sorted(unknown)
        ]
    problems += [
        Problem(f"answers.{rid}", NEEDS_REMARK)
        for rid, answer in answers.items()
        if answer.get("verdict") == NOT_APPLICABLE
        and not (isinstance(answer.get("remark"), str) and not blank(answer.get("remark")))
    ]
    if header is not None:
        problems += header_problems(
            header,
            final=final,
            floor=floor_of(form, law) if form is not None else None,
            edition=form.edition if form is not None else str(edition_id),
            broken=broken,
        )
    problems += [
        Problem(
            f"{path}.{key}" if path else key,
            f"duplicate key: {key!r} is given more than once in one object, and a JSON "
            "reader keeps only one of them; keep the one you mean",
        )
        for path, key in twice
    ]
    ordered = _ordered(problems, form, model)
    if ordered:
        return _Checked(ordered)
    return _Checked((), document, form)


def _resolve(
    checklist: str,
    edition_id: str,
    edition: Optional[EditionRef],
    law: Law,
    problems: list[Problem],
    option: str,
) -> tuple[Optional[Checklist], Law]:
    """The record's checklist and its Law, or ``None`` with the problem appended."""
    try:
        if edition is not None:
            chosen = law.edition(edition)
            law = law_of(chosen)
            if chosen.id != edition_id:
                problems.append(
                    Problem(
                        "edition",
                        f"the record is for edition {edition_id!r}, but the edition given is "
                        f"{chosen.id!r}",
                    )
                )
                return None, law
        else:
            if edition_id not in law.order.editions:
                try:
                    canonical = law.resolve(edition_id)
                except ChecklistError as error:
                    problems.append(
                        Problem(
                            "edition",
                            f"{error}; a record names an edition by its ID; for an imported "
                            f"edition, pass its edition file ({option})",
                        )
                    )
                    return None, law
                problems.append(
                    Problem("edition", f"{edition_id!r} is not an edition ID; write {canonical!r}")
                )
                return None, law
            chosen = law.bundled_edition(edition_id)
        keys = chosen.checklist_keys()
        if checklist not in keys:
            problems.append(
                Problem(
                    "checklist",
                    f"unknown checklist {checklist!r}; expected one of {', '.join(keys)}"
                    + did_you_mean(checklist, keys),
                )
            )
            return None, law
        return chosen.checklist(checklist), law
    except ChecklistError as error:
        text = str(error)
        if "not available" in text:
            text += f". Pass the edition file ({option}) to check this record"
        problems.append(Problem("edition", text))
        return None, law


def _fields_at(model: type[BaseModel], loc: tuple[Union[str, int], ...]) -> tuple[str, ...]:
    """The field names allowed in the object at ``loc`` of a record file."""
    if not loc:
        return tuple(model.model_fields)
    if loc[0] == "answers" and len(loc) == 2:
        return ("verdict", "remark")
    if loc[0] == "header":
        header = model.model_fields["header"].annotation
        assert isinstance(header, type) and issubclass(header, BaseModel)
        if len(loc) == 1:
            return tuple(header.model_fields)
        field = header.model_fields.get(str(loc[1]))
        inner = field.annotation if field is not None else None
        for candidate in getattr(inner, "__args__", (inner,)):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                return tuple(candidate.model_fields)
    return ()


def _salvage_header(
    raw_header: object, error: ValidationError, law: Law
) -> tuple[Optional[Header], frozenset[str]]:
    """The header without its malformed fields, and the names of those fields."""
    if not isinstance(raw_header, dict):
        return None, frozenset()
    broken = frozenset(
        str(e["loc"][1]) for e in error.errors() if len(e["loc"]) > 1 and e["loc"][0] == "header"
    )
    kept = {k: v for k, v in raw_header.items() if k not in broken}
    try:
        return header_model(law.order.form).model_validate(kept), broken
    except ValidationError:
        return None, broken


_SECTIONS = {"header": 1, "answers": 2}


def _ordered(
    problems: list[Problem], form: Optional[Checklist], model: type[BaseModel]
) -> tuple[Problem, ...]:
    """Problems in the order of the record: top level, header fields, then answers."""
    if len(problems) < 2:
        return tuple(problems)
    index = form.index if form is not None else {}
    header = model.model_fields["header"].annotation
    fields = (
        list(header.model_fields)
        if isinstance(header, type) and issubclass(header, BaseModel)
        else []
    )
    header_order = {name: i for i, name in enumerate(fields)}

    def key(problem: Problem) -> tuple[int, int]:
        section, _, rest = problem.where.partition(".")
        rank = _SECTIONS.get(section, 0)
        if rank == 1:
            return rank, header_order.get(rest.partition(".")[0], len(header_order))
        if rank == 2:
            return rank, index.get(rest.partition(".")[0], len(index))
        return rank, 0

    return tuple(sorted(problems, key=key))


def _not_a_record(why: str) -> Problem:
    return Problem(
        "",
        f"not an inspection record: {why}; start one with 'kz-checklists new CHECKLIST -o FILE'",
    )
