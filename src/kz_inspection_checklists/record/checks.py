"""Checking a record's JSON: every problem of the document found in one pass, with its path.

The envelope (every field but the answers) is checked by the record file's model
(:func:`.files.file_model`); the answers, many, are checked in one pass with the rules
that concern them (:mod:`.rules`); the header by the rules of :mod:`.rules` too. A key
given twice in one object is a problem, since a JSON reader would silently keep the last.

The work is bounded whatever the document holds: at most :data:`~.._suggest.KEPT`
problems are kept (the rest are counted), only the first :data:`~.._suggest.HINTS`
unknown IDs get a "did you mean", and answers far more than the checklist's
requirements (:func:`answers_limit`) are one problem, not one per answer.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Mapping
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from .._files import decode_utf8
from .._suggest import HINTS, KEPT, did_you_mean, shown
from .._text import unsafe, unsafe_json
from ..exceptions import ChecklistError, Problem, TextNotAvailableError
from ..law.applicability import profile_names
from ..law.edition import Checklist, Edition
from ..law.order import FormSpec
from ..law.store import EditionRef, Law, bundled, law_of
from .header import Header, header_model
from .record import FORMAT, FORMAT_VERSION, floor_of, json_default, unknown_id_message
from .rules import (
    NEEDS_REMARK,
    blank,
    header_problems,
    json_type,
    profile_problems,
    shape_problems,
)
from .verdicts import NOT_APPLICABLE, NOT_ASSESSED, VERDICTS, not_a_verdict

__all__ = ["MAX_ANSWERS", "Checked", "answers_limit", "check", "file_model", "file_model_of"]

#: The most answers a record whose checklist is not known may hold before it is refused
#: as a whole: far more than any checklist has requirements.
MAX_ANSWERS = 100_000


def answers_limit(form: Optional[Checklist]) -> int:
    """The most answers a record of ``form`` may hold before it is refused as a whole,
    with one problem rather than one per answer: its requirements and :data:`KEPT` more
    (misspelt IDs, each worth a problem of its own), or :data:`MAX_ANSWERS` when the
    checklist is not known."""
    return MAX_ANSWERS if form is None else len(form.ids) + KEPT


def _not_a_bool(value: Any) -> Any:
    # pydantic reads true as 1; a format version is a number.
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "expected 1")
    return value


class _AnswerJSON(TypedDict, total=False):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]

    # "not-assessed" is read as null: a user may write the state's word.
    verdict: Optional[Literal["conforms", "does-not-conform", "not-applicable", "not-assessed"]]
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
        "profile": (
            Optional[str],
            Field(
                default=None,
                description="The profile the record was begun with: a shipped profile's ID "
                "or a profile file's name. Written only when set.",
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
                "extend the form; null means not assessed (not-assessed is read as null)."
            },
        ),
        **fields,
    )
    return model


@functools.lru_cache(maxsize=16)
def file_model_of(law: Law) -> type[BaseModel]:
    """The record file model of a Law's order, made once per Law."""
    return file_model(law.order.form)


class Checked:
    """What checking a record found: the document, its checklist and answers when valid.

    ``problems`` holds at most :data:`~.._suggest.KEPT` problems, in the record's order;
    ``more`` counts those left out.
    """

    __slots__ = ("answers", "document", "form", "more", "problems")

    def __init__(
        self,
        problems: tuple[Problem, ...],
        document: Optional[BaseModel] = None,
        form: Optional[Checklist] = None,
        answers: Optional[dict[str, tuple[Optional[str], Optional[str]]]] = None,
        more: int = 0,
    ) -> None:
        self.problems = problems
        self.document = document
        self.form = form
        self.answers = answers or {}
        self.more = more


_ANSWER_FIELDS = ("verdict", "remark")


def check(source: object, edition: Optional[EditionRef], option: Optional[str] = None) -> Checked:
    """The validated document, its checklist and answers, and every problem found.

    The envelope (every field but the answers) is checked by the record file's model;
    the answers, many, are checked in one pass with the rules that concern them.
    """
    if isinstance(source, Mapping):
        try:
            source = json.dumps(source, default=json_default)
        except (TypeError, ValueError) as error:
            return Checked((Problem("", f"not a JSON object: {error}"),))
    if isinstance(source, (bytes, bytearray)):
        try:
            source = decode_utf8(source)
        except ValueError as error:  # bytes that are not UTF-8 text
            return Checked((_not_a_record(str(error)),))
    if not isinstance(source, str):
        return Checked((_not_a_record(f"got {type(source).__name__}, not JSON text"),))
    try:
        # Objects are read as tuples of their (key, value) pairs, so that a key given
        # twice is seen: a dict would keep only the last.
        tree = json.loads(source.removeprefix("\ufeff"), object_pairs_hook=tuple)
    except json.JSONDecodeError as error:
        return Checked(
            (
                _not_a_record(
                    f"it is not valid JSON ({error.msg} at line {error.lineno} column "
                    f"{error.colno})"
                ),
            )
        )
    except ValueError:  # Python reads no whole number of more than 4,300 digits
        return Checked(
            (_not_a_record("it holds a number of thousands of digits, which no field takes"),)
        )
    except RecursionError:
        return Checked((_not_a_record("it is nested too deeply to be read as JSON"),))
    if not isinstance(tree, tuple):
        return Checked((_not_a_record(f"it is a JSON {json_type(tree)}, not an object"),))
    # A text with no character the formats cannot carry, nor an escape of one, holds no
    # string to refuse: its strings are not looked at one by one.
    texts = unsafe_json(source)
    twice: list[tuple[str, str]] = []
    raw_answers = next((value for key, value in reversed(tree) if key == "answers"), _ABSENT)
    top = _plain(tuple(pair for pair in tree if pair[0] != "answers"), "", twice)
    if "answers" in (key for key, _ in tree):
        twice += [("", "answers")] * (sum(key == "answers" for key, _ in tree) - 1)
    if top.get("format") != FORMAT:
        found = top.get("format")
        what = "has no 'format'" if found is None else f"has format {shown(found)}"
        return Checked((_not_a_record(f"it {what}; a record has format {FORMAT!r}"),))
    version = top.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return Checked(
            (
                Problem(
                    "format_version",
                    f"format version {shown(version)} is newer than this library reads "
                    f"({FORMAT_VERSION}); upgrade kz-inspection-checklists",
                ),
            )
        )
    problems: list[Problem] = []
    checklist, edition_id = top.get("checklist"), top.get("edition")
    form: Optional[Checklist] = None
    law = bundled() if edition is None or not isinstance(edition, Edition) else law_of(edition)
    if isinstance(checklist, str) and isinstance(edition_id, str):
        form, law = _resolve(checklist, edition_id, edition, law, problems, option)
    model = file_model_of(law)
    document: Optional[BaseModel] = None
    try:
        document = model.model_validate(top)
    except ValidationError as error:
        problems += shape_problems(
            error,
            lambda loc: _fields_at(model, loc),
            format_version=FORMAT_VERSION,
            iin_keys=[s.key for s in law.order.form.header if s.kind == "iin-bin"],
        )
        header, broken = _salvage_header(top.get("header", {}), error, law)
        final = top.get("final") is True
    else:
        header, broken = document.header, frozenset()  # type: ignore[attr-defined]
        final = document.final  # type: ignore[attr-defined]
    answers = _answers(raw_answers, form, law, problems, twice, texts=texts)
    profile = top.get("profile")
    if isinstance(profile, str) and form is not None:
        problems += profile_problems(profile, profile_names(law, form.key), form.key)
    if header is not None:
        problems += header_problems(
            header,
            final=final,
            floor=floor_of(form, law) if form is not None else None,
            edition=form.edition if form is not None else str(edition_id),
            broken=broken,
            texts=texts,
        )
    problems += [
        Problem(
            f"{path}.{key}" if path else key,
            f"duplicate key: {key!r} is given more than once in one object, and a JSON "
            "reader keeps only one of them; keep the one you mean",
        )
        for path, key in twice[:KEPT]
    ]
    if problems:
        more = max(0, len(twice) - KEPT)
        ordered = _ordered(problems, form, model)
        return Checked(ordered[:KEPT], more=more + len(ordered[KEPT:]))
    return Checked((), document, form, answers)


def _plain(value: object, path: str, twice: list[tuple[str, str]]) -> Any:
    """A value of the tree as ``json.loads`` gives it, each key given twice noted in ``twice``."""
    if isinstance(value, tuple):
        found: dict[str, Any] = {}
        for key, item in value:
            if key in found:
                twice.append((path, key))
            found[key] = _plain(item, f"{path}.{key}" if path else key, twice)
        return found
    if isinstance(value, list):
        return [
            _plain(item, f"{path}.{i}" if path else str(i), twice) for i, item in enumerate(value)
        ]
    return value


def _answers(
    raw: object,
    form: Optional[Checklist],
    law: Law,
    problems: list[Problem],
    twice: list[tuple[str, str]],
    *,
    texts: bool,
) -> dict[str, tuple[Optional[str], Optional[str]]]:
    """The answers by ID, each checked: its shape, its verdict and remark (its characters
    only if ``texts``), and its ID."""
    found: dict[str, tuple[Optional[str], Optional[str]]] = {}
    if raw is _ABSENT:  # every requirement not assessed
        return found
    if not isinstance(raw, tuple):  # null too: the format says an object
        problems.append(_wrong_type("answers", "an object", raw))
        return found
    index = form.index if form is not None else None
    if len(raw) > answers_limit(form):
        problems.append(_too_many(raw, form))
        return found
    unknown = 0
    for rid, value in raw:
        if rid in found:
            twice.append(("answers", rid))
        if type(value) is not tuple:
            problems.append(_wrong_type(f"answers.{rid}", "an object", value))
            continue
        verdict = remark = None
        known = 0
        for key, item in value:
            if key == "verdict":
                verdict = item
                known += 1
            elif key == "remark":
                remark = item
                known += 1
        if known != len(value) or known > 2 or (known == 2 and value[0][0] == value[1][0]):
            _odd_answer(rid, value, problems, twice)  # a field it may not have, or one twice
        if verdict is not None and (type(verdict) is not str or verdict not in _VERDICT_SET):
            if type(verdict) is str and verdict == NOT_ASSESSED:
                verdict = None  # the state's word, read as null
            else:
                problems.append(
                    Problem(
                        f"answers.{rid}.verdict", not_a_verdict(_plain(verdict, "", []), "null")
                    )
                )
        if remark is not None and type(remark) is not str:
            problems.append(
                _wrong_type(f"answers.{rid}.remark", "text (a JSON string) or null", remark)
            )
        elif remark is not None and texts and unsafe(remark):
            problems.append(Problem(f"answers.{rid}.remark", str(unsafe(remark))))
        elif verdict == NOT_APPLICABLE and (remark is None or blank(remark)):
            problems.append(Problem(f"answers.{rid}", NEEDS_REMARK))
        if index is not None and rid not in index:
            assert form is not None
            # A "did you mean" for the first few only: finding one costs time.
            message = unknown_id_message(rid, form, law, hint=unknown < HINTS)
            problems.append(Problem(f"answers.{rid}", message))
            unknown += 1
        found[rid] = (verdict, remark)
    return found


#: ``answers`` left out of a record (every requirement not assessed), unlike ``null``.
_ABSENT = object()


def _too_many(raw: tuple[tuple[str, Any], ...], form: Optional[Checklist]) -> Problem:
    """The one problem of answers far more than a checklist could have."""
    count = len(raw)
    times = Counter(rid for rid, _ in raw)
    if len(times) <= answers_limit(form):  # so many only because keys are given again
        named = ", ".join(f"{shown(rid, 30)} {n} times" for rid, n in times.most_common(3) if n > 1)
        return Problem(
            "answers",
            f"duplicate keys: {count} answers hold only {len(times)} different keys, some "
            f"given more than once ({named}); a JSON reader keeps only one of each, so keep "
            "the one you mean",
        )
    if form is None:
        return Problem(
            "answers",
            f"holds {count} answers, more than any checklist has requirements (at most "
            f"{MAX_ANSWERS} are read); a record holds one answer per requirement",
        )
    index = form.index
    strays = [rid for rid, _ in raw if rid not in index]
    named = ", ".join(shown(rid, 30) for rid in strays[:5])
    return Problem(
        "answers",
        f"holds {count} answers, but checklist {form.key!r} of edition {form.edition!r} has "
        f"{len(form.ids)} requirements; a record holds one answer per requirement. "
        f"{len(strays)} keys are not its IDs, such as {named}",
    )


_ANSWER_KEYS = frozenset(_ANSWER_FIELDS)
_VERDICT_SET = frozenset(VERDICTS)


def _odd_answer(
    rid: str,
    pairs: tuple[tuple[str, Any], ...],
    problems: list[Problem],
    twice: list[tuple[str, str]],
) -> None:
    """The problems of an answer with a key given twice or a field it may not have."""
    where = f"answers.{rid}"
    answer = _plain(pairs, where, twice)
    for name in sorted(answer.keys() - _ANSWER_KEYS):
        problems.append(
            Problem(
                f"{where}.{name}",
                f"unknown field; expected one of {', '.join(_ANSWER_FIELDS)}"
                + did_you_mean(name, _ANSWER_FIELDS),
            )
        )


def _wrong_type(where: str, expected: str, value: object) -> Problem:
    plain = _plain(value, "", [])
    if plain is None:
        return Problem(where, f"expected {expected}, got null")
    return Problem(where, f"expected {expected}, got {json_type(plain)} {shown(plain)}")


def _resolve(
    checklist: str,
    edition_id: str,
    edition: Optional[EditionRef],
    law: Law,
    problems: list[Problem],
    option: Optional[str],
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
                            f"edition, pass its edition file{_as(option)}",
                            edition=edition_id,
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
        if isinstance(error, TextNotAvailableError):
            text = f"{error}; to check this record, pass the edition file{_as(option)}"
            problems.append(Problem("edition", text, edition=edition_id))
        else:
            problems.append(Problem("edition", str(error)))
        return None, law


def _as(option: Optional[str]) -> str:
    """How a caller of the deprecated ``edition_option=`` named the edition file."""
    return f" ({option})" if option else ""


def _fields_at(model: type[BaseModel], loc: tuple[Union[str, int], ...]) -> tuple[str, ...]:
    """The field names allowed in the object at ``loc`` of a record file."""
    if not loc:
        return tuple(model.model_fields)
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
