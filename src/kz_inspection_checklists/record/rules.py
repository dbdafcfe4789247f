"""The rules a record must keep, and their messages: one place for every way a record is made.

Each rule gives :class:`~kz_inspection_checklists.exceptions.Problem` objects naming the
field (``header.iin_bin``) or requirement (``answers.COM-007``) and what is wrong:

- a final record is frozen: its answers and header are not changed until it is
  reopened (:data:`FROZEN`);
- an answer: a known verdict; a remark that is text; not-applicable with a remark
  saying why (:func:`answer_problems`);
- the header: the IIN/BIN's control digit; an inspection date no earlier than the
  record's edition can have taken effect; in a final record, no blank
  (:func:`header_problems`);
- every text (a remark, each of the header's texts, the profile): no character the
  output formats cannot carry, nor a bidirectional override (:func:`.._text.unsafe`),
  named by code point; a text of only white space and invisible characters is blank;
- a record file's shape: pydantic's errors, told in the record's words
  (:func:`shape_problems`).

>>> [str(p) for p in answer_problems("answers.EDS-001", "not-applicable", " ")]
['answers.EDS-001: not-applicable needs a remark saying why the requirement does not concern the entity']
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Sequence
from typing import Any, Optional, Union

from pydantic import ValidationError

from .._suggest import did_you_mean, shown
from .._text import blank as _blank
from .._text import unsafe, unsafe_in
from ..exceptions import InvalidInputError, Problem
from .header import INSPECTION_DATE, Header, missing_fields
from .iin import validate_iin
from .verdicts import NOT_APPLICABLE, is_verdict, not_a_verdict

__all__ = [
    "FROZEN",
    "NEEDS_REMARK",
    "answer_problems",
    "blank",
    "header_problems",
    "json_type",
    "profile_problems",
    "shape_problems",
    "text_problems",
]

NEEDS_REMARK = (
    "not-applicable needs a remark saying why the requirement does not concern the entity"
)
#: Why a final record's verdicts and header are not changed.
FROZEN = (
    "the record is final (signed), so its verdicts and header are not changed; reopen it "
    "first (record.reopen(); on the command line, kz-checklists header RECORD --not-final)"
)


def blank(text: Optional[str]) -> bool:
    """Whether a remark or a field says nothing: ``None``, empty, or only white space and
    invisible characters (a zero-width space says nothing either).

    >>> blank(" \u200b"), blank("n/a")
    (True, False)
    """
    return _blank(text)


def text_problems(where: str, tree: object) -> list[Problem]:
    """A problem for each text in ``tree`` (a text, or a JSON-like tree of them, such as a
    header's dump) that may not be let in, at ``where`` and the text's path in the tree.

    >>> [str(p) for p in text_problems("header", {"entity_name": "ACME\x1b[2J"})]
    ['header.entity_name: holds the character U+001B (ESCAPE) at position 4, which the output formats cannot carry; remove it']
    """
    return [
        Problem(f"{where}.{path}" if path and where else (path or where), why)
        for path, why in unsafe_in(tree)
    ]


def answer_problems(
    where: str, verdict: object, remark: object, *, none: str = "None"
) -> list[Problem]:
    """What is wrong with one answer; ``none`` is how the message names "not assessed"."""
    problems = []
    if not is_verdict(verdict):
        problems.append(Problem(where, not_a_verdict(verdict, none)))
    if remark is not None and not isinstance(remark, str):
        problems.append(Problem(where, f"a remark is text, got {type(remark).__name__}"))
    elif remark is not None and unsafe(remark):
        problems.append(Problem(f"{where}.remark", str(unsafe(remark))))
    elif verdict == NOT_APPLICABLE and (remark is None or blank(remark)):
        problems.append(Problem(where, NEEDS_REMARK))
    return problems


@functools.lru_cache(maxsize=4096)
def _iin_problem(value: str) -> Optional[str]:
    """What is wrong with an IIN/BIN, or ``None`` (cached: many records share one)."""
    try:
        validate_iin(value)
    except InvalidInputError as error:
        return str(error)
    return None


def header_problems(
    header: Header,
    *,
    final: bool,
    floor: Optional[datetime.date],
    edition: str,
    broken: Iterable[str] = (),
    texts: bool = True,
) -> list[Problem]:
    """The IIN/BIN's control digit; an inspection date before ``floor`` (the earliest day
    the record's edition can have taken effect); in a final record, blank fields (but not
    the ``broken`` ones, whose problem is reported already); and, if ``texts``, every text
    of the header that may not be let in (:func:`text_problems`)."""
    problems = text_problems("header", header.model_dump()) if texts else []
    for spec in header.form.header:
        value = getattr(header, spec.key)
        if spec.kind == "iin-bin" and value is not None:
            problem = _iin_problem(value)
            if problem:
                problems.append(Problem(f"header.{spec.key}", problem))
    day = getattr(header, INSPECTION_DATE)
    if day is not None and floor is not None and day < floor:
        problems.append(
            Problem(
                "header.inspection_date",
                f"before edition {edition} can have taken effect "
                f"(no earlier than {floor.isoformat()})",
            )
        )
    if final:
        skip = set(broken)
        problems += [
            Problem(path, "missing in a final record")
            for path in missing_fields(header)
            if path.split(".")[1] not in skip
        ]
    return problems


def profile_problems(value: object, known: Sequence[str], checklist: str) -> list[Problem]:
    """What is wrong with a record's ``profile``: it names one of ``known`` (the shipped
    profiles of the record's checklist) or a profile file (a name ending in ``.json``)."""
    if not isinstance(value, str):
        return [Problem("profile", f"expected text (a JSON string), got {shown(value)}")]
    if unsafe(value):
        return [Problem("profile", str(unsafe(value)))]
    if value in known or (value.endswith(".json") and len(value.strip()) > 5 and "\n" not in value):
        return []
    return [
        Problem(
            "profile",
            f"unknown profile {shown(value)} for checklist {checklist!r}; expected one of "
            f"{', '.join(known) or 'none'}, or a profile file's name (NAME.json)"
            + did_you_mean(value, known),
        )
    ]


def json_type(value: object) -> str:
    """The JSON name of a value's type: null, boolean, number, string, array or object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    return "object"


def _as_json(value: object) -> str:
    """A value as JSON writes it (true, not True), shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not JSON, or an int too long to write
        return shown(value)
    return text if len(text) <= 40 else text[:37] + "..."


_EXPECTED = {
    "string_type": "text (a JSON string) or null",
    "bool_type": "true or false",
    "model_type": "an object",
    "dict_type": "an object",
    "tuple_type": "an array",
}


def shape_problems(
    error: ValidationError,
    fields_at: Any,
    *,
    prefix: Sequence[Union[str, int]] = (),
    format_version: int = 1,
    iin_keys: Iterable[str] = (),
) -> list[Problem]:
    """pydantic's errors, each as a Problem naming the field in the record's words.

    ``fields_at(loc)`` gives the field names allowed in the object at ``loc``, for the
    hint after an unknown field; ``iin_keys`` are the header's IIN/BIN fields, for the
    hint after a number written without quotes.
    """
    iin = set(iin_keys)
    problems = []
    for item in error.errors():
        loc = (*prefix, *item["loc"])
        where = ".".join(str(part) for part in loc)
        kind = item["type"]
        value = item.get("input")
        if kind == "missing":
            message = "missing"
        elif kind == "extra_forbidden":
            allowed = fields_at(loc[:-1])
            message = "unknown field" + (
                f"; expected one of {', '.join(allowed)}" + did_you_mean(str(loc[-1]), allowed)
                if allowed
                else ""
            )
        elif kind.startswith("date") or kind.startswith("datetime"):
            detail = item.get("ctx", {}).get("error")
            message = f"expected a date as YYYY-MM-DD, got {shown(value)}" + (
                f" ({detail})" if detail else ""
            )
        elif loc == ("format_version",):
            message = (
                f"unsupported format version {_as_json(value)}; this library reads {format_version}"
            )
        elif (
            kind == "string_type"
            and isinstance(value, (int, float))
            and len(loc) == 2
            and loc[0] == "header"
            and loc[1] in iin
        ):
            message = (
                f"expected the IIN/BIN as a string of 12 digits, got {json_type(value)} "
                f"{shown(value)}; write it in quotes so leading zeros are kept"
            )
        elif kind in _EXPECTED and value is None:  # a field that may not be null
            message = f"expected {_EXPECTED[kind].removesuffix(' or null')}, got null"
        elif kind in _EXPECTED:
            message = f"expected {_EXPECTED[kind]}, got {json_type(value)} {shown(value)}"
        else:
            message = item["msg"]
        problems.append(Problem(where, message))
    return problems
