"""Inspection records: building, JSON round trips, validation with every problem listed."""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kz_inspection_checklists._text import blank, unsafe
from kz_inspection_checklists.exceptions import (
    ChecklistError,
    InvalidInputError,
    InvalidRecordError,
    Problem,
    TextNotAvailableError,
    UnknownNameError,
)
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law.in_force import act_dates, as_of, earliest_in_force
from kz_inspection_checklists.record.files import (
    dumps_record,
    loads_record,
    read_record,
    record_json_schema,
    validate,
)
from kz_inspection_checklists.record.header import Person
from kz_inspection_checklists.record.iin import iin_control_digit
from kz_inspection_checklists.record.record import Answer, InspectionRecord, new_record
from kz_inspection_checklists.record.verdicts import NOT_ASSESSED, VERDICTS
from tests.conftest import Header

CHECKLISTS = ("informatization", "communications", "electronic-signature")


def a_valid_iin(first_eleven: str = "12345678901") -> str:
    control = iin_control_digit(first_eleven)
    assert control is not None
    return f"{first_eleven}{control}"


FULL_HEADER: dict[str, Any] = {
    "authority": "Committee for Information Security",
    "assignment_act": {"number": "17", "date": "2024-03-01"},
    "entity_name": "Example LLP",
    "iin_bin": a_valid_iin(),
    "address": "Astana, Mangilik El 55",
    "inspection_date": "2024-03-12",
    "officials": [{"position": "chief specialist", "full_name": "Akhmetov Arman"}],
    "head": {"position": "director", "full_name": "Serikova Aigul"},
}


def document(**changes: Any) -> dict[str, Any]:
    """The JSON object of a blank electronic-signature record, with changes."""
    base = new_record("electronic-signature").to_json()
    base.update(changes)
    return base


def wheres(problems: tuple[Problem, ...]) -> list[str]:
    return [p.where for p in problems]


# --- building -----------------------------------------------------------------------


@pytest.mark.parametrize("key", CHECKLISTS)
def test_a_blank_record_has_every_requirement_unassessed(key: str) -> None:
    record = new_record(key)
    checklist = api.checklist(key)
    assert record.checklist == key
    assert record.edition == "2023-revision"
    assert record.ids == tuple(r.id for r in checklist.requirements)
    assert record.verdicts == (None,) * len(checklist.requirements)
    assert record.remarks == (None,) * len(checklist.requirements)
    assert record.form is checklist
    assert not record.complete and not record.final
    assert validate(record) == ()


@pytest.mark.parametrize("key", CHECKLISTS)
def test_header_keys_are_the_checklists_header_field_keys(key: str) -> None:
    form_keys = [field.key for field in api.checklist(key).header_fields]
    assert list(Header.model_fields)[: len(form_keys)] == form_keys


def test_a_record_is_pinned_by_edition_id_whatever_names_the_edition() -> None:
    assert new_record("communications", edition="2023").edition == "2023-revision"
    assert new_record(4, edition="latest").checklist == "communications"
    assert new_record(api.checklist(5)).checklist == "electronic-signature"


def test_an_edition_without_texts_is_refused() -> None:
    with pytest.raises(TextNotAvailableError, match="2019-original"):
        new_record("communications", edition="2019")


def test_an_unknown_checklist_is_refused_with_a_suggestion() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'communications'"):
        new_record("comunications")


def test_marking_returns_a_new_record_and_leaves_the_old_one() -> None:
    blank = new_record("electronic-signature")
    marked = blank.mark("EDS-002", "does-not-conform", "no protection of holders' data")
    assert blank.verdicts == (None, None, None, None)
    assert marked.verdicts == (None, "does-not-conform", None, None)
    assert marked.answer("EDS-002") == Answer("does-not-conform", "no protection of holders' data")
    assert marked.answers["EDS-002"].remark == "no protection of holders' data"
    assert marked.mark("eds-002", None).verdicts == blank.verdicts
    with pytest.raises(dataclasses.FrozenInstanceError):
        marked.verdicts = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        marked.answers["EDS-001"] = Answer("conforms", None)  # type: ignore[index]


def test_marking_many_at_once() -> None:
    record = new_record("electronic-signature").mark_many(
        {
            "EDS-001": "conforms",
            "EDS-003": ("not-applicable", "the entity keeps no keys"),
            "EDS-004": Answer("does-not-conform", None),
        }
    )
    assert record.verdicts == ("conforms", None, "not-applicable", "does-not-conform")
    assert record.remarks == (None, None, "the entity keeps no keys", None)


def test_bad_marks_are_all_reported_and_nothing_changes() -> None:
    record = new_record("electronic-signature")
    with pytest.raises(InvalidRecordError) as caught:
        record.mark_many(
            {
                "EDS-001": "Conforms",
                "EDS-7": "conforms",
                "EDS-002": ("not-applicable", "  "),
                "COM-001": "conforms",
                "EDS-004": ("conforms", "a", "b"),  # type: ignore[dict-item]
            }
        )
    problems = {str(p) for p in caught.value.problems}
    assert len(caught.value.problems) == 5
    assert any(
        "'Conforms' is not a verdict" in p and "did you mean 'conforms'" in p for p in problems
    )
    assert any(p.startswith("answers.EDS-7:") and "EDS-007" not in p for p in problems)
    assert any(p.startswith("answers.EDS-002: not-applicable needs a remark") for p in problems)
    assert any("belongs to checklist 'communications'" in p for p in problems)
    assert any(p.startswith("answers.EDS-004: expected a verdict or a") for p in problems)
    assert record.verdicts == (None,) * 4


def test_the_closest_id_is_suggested() -> None:
    with pytest.raises(InvalidRecordError, match="did you mean 'COM-007'"):
        new_record("communications").mark("COM-7", "conforms")


def test_with_header_validates_dates_and_the_iin() -> None:
    record = new_record("communications").with_header(
        inspection_date=datetime.date(2024, 3, 12),
        assignment_act={"number": "17", "date": "2024-03-01"},
        officials=[Person(position="inspector", full_name="A. B.")],
    )
    assert record.header.inspection_date == datetime.date(2024, 3, 12)
    assert record.header.assignment_act.date == datetime.date(2024, 3, 1)
    with pytest.raises(InvalidRecordError) as caught:
        record.with_header(inspection_date="12.03.2024", iin_bin="123456789012")
    assert wheres(caught.value.problems) == ["header.inspection_date"]
    with pytest.raises(InvalidRecordError) as caught:
        record.with_header(iin_bin="123456789012")
    assert wheres(caught.value.problems) == ["header.iin_bin"]
    assert "control digit" in str(caught.value)
    with pytest.raises(InvalidRecordError, match="did you mean 'address'"):
        record.with_header(adress="Astana")


def test_finish_needs_every_header_field() -> None:
    record = new_record("electronic-signature").with_header(**FULL_HEADER)
    final = record.finish()
    assert final.final and not record.final
    assert record.missing_header_fields() == ()
    partial = record.with_header(address=" ", head=Person(position="director"))
    with pytest.raises(InvalidRecordError) as caught:
        partial.finish()
    assert wheres(caught.value.problems) == ["header.address", "header.head.full_name"]
    no_officials = record.with_header(officials=[])
    assert no_officials.missing_header_fields() == ("header.officials",)


def test_a_record_built_by_hand_is_checked() -> None:
    blank = new_record("electronic-signature")
    by_hand = InspectionRecord(
        checklist="electronic-signature",
        edition="2023-revision",
        header=Header(),
        ids=blank.ids,
        verdicts=("conforms", None, None, None),
        remarks=(None,) * 4,
    )
    assert by_hand.form is blank.form
    with pytest.raises(InvalidRecordError, match="one item per requirement"):
        dataclasses.replace(by_hand, verdicts=("conforms",))
    with pytest.raises(InvalidRecordError, match="'yes' is not a verdict"):
        dataclasses.replace(by_hand, verdicts=("yes", None, None, None))
    with pytest.raises(InvalidRecordError, match="answers are for 'electronic-signature'"):
        dataclasses.replace(by_hand, checklist="communications")


# --- JSON ---------------------------------------------------------------------------

# A valid record's texts hold no character the formats cannot carry (see _text.unsafe),
# and a remark says something: not only white space and invisible characters.
texts = st.one_of(st.none(), st.text(max_size=30).filter(lambda s: unsafe(s) is None))
remarks = st.text(min_size=1, max_size=30).filter(lambda s: not blank(s) and unsafe(s) is None)


@st.composite
def records(draw: st.DrawFn) -> InspectionRecord:
    record = new_record(draw(st.sampled_from(CHECKLISTS)))
    answers: dict[str, tuple[Optional[str], Optional[str]]] = {}
    for requirement_id in record.ids:
        verdict = draw(st.sampled_from((None, *VERDICTS)))
        remark = draw(remarks) if verdict == "not-applicable" else draw(st.none() | remarks)
        answers[requirement_id] = (verdict, remark)
    record = record.mark_many(answers)
    eleven = draw(st.text(alphabet="0123456789", min_size=11, max_size=11))
    control = iin_control_digit(eleven)
    dates = st.none() | st.dates(min_value=datetime.date(1990, 1, 1))
    people = st.builds(Person, position=texts, full_name=texts)
    header = Header(
        authority=draw(texts),
        assignment_act={"number": draw(texts), "date": draw(dates)},
        entity_name=draw(texts),
        iin_bin=None if control is None else f"{eleven}{control}",
        address=draw(texts),
        # A valid record is not dated before its edition can have taken effect.
        inspection_date=draw(st.none() | st.dates(min_value=earliest_in_force(record.edition))),
        officials=tuple(draw(st.lists(people, max_size=3))),
        head=draw(people),
    )
    record = dataclasses.replace(record, header=header)
    if draw(st.booleans()) and not record.missing_header_fields():
        record = record.finish()
    return record


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_any_valid_record_round_trips_through_json(record: InspectionRecord) -> None:
    assert validate(record) == ()
    text = dumps_record(record)
    again = loads_record(text)
    assert again == record
    assert dumps_record(again) == text
    assert loads_record(text.encode("utf-8")) == record
    assert loads_record(record.to_json()) == record


def test_read_record_reads_a_file(tmp_path: Path) -> None:
    record = new_record("communications").mark("COM-001", "conforms")
    path = tmp_path / "record.json"
    path.write_text(dumps_record(record), encoding="utf-8")
    assert read_record(path) == record
    with pytest.raises(InvalidInputError, match="cannot read record file"):
        read_record(tmp_path / "missing.json")


def test_read_record_reads_only_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    for path, words in [
        ("", "no file name given"),
        (tmp_path, "is a directory"),
        (fifo, "is not a regular file"),
        ("/dev/zero", "is not a regular file"),
        ("a\x00b", "not a usable file name"),
    ]:
        with pytest.raises(InvalidInputError, match=f"cannot read record file .*: {words}"):
            read_record(path)
    for junk in (None, 3, b"record.json", ["record.json"]):
        with pytest.raises(InvalidInputError, match="named by a path"):
            read_record(junk)  # type: ignore[arg-type]


@pytest.mark.parametrize("junk", [[], {}, set(), None, 1, 1.5, b"EDS-001", ("EDS-001",)])
def test_a_requirement_id_that_is_not_a_string_is_a_record_problem(junk: Any) -> None:
    record = new_record("electronic-signature")
    words = "a requirement ID is a string such as 'EDS-001'"
    with pytest.raises(InvalidRecordError, match=words) as caught:
        record.mark(junk, "conforms")
    assert [p.where for p in caught.value.problems] == ["answers"]
    with pytest.raises(UnknownNameError, match=words):
        record.answer(junk)
    if isinstance(junk, (int, float, bytes, tuple)) or junk is None:  # hashable: a dict key
        with pytest.raises(InvalidRecordError, match=words):
            record.mark_many({junk: "conforms", "EDS-001": "conforms"})


def test_mark_many_reports_unhashable_keys_of_any_mapping() -> None:
    class Pairs(Mapping[Any, Any]):
        def __init__(self, *pairs: tuple[Any, Any]) -> None:
            self.pairs = pairs

        def __getitem__(self, key: Any) -> Any:
            return next(v for k, v in self.pairs if k == key)

        def __iter__(self) -> Iterator[Any]:
            return (k for k, _ in self.pairs)

        def __len__(self) -> int:
            return len(self.pairs)

    record = new_record("electronic-signature")
    with pytest.raises(InvalidRecordError) as caught:
        record.mark_many(Pairs((["EDS-001"], "conforms"), ("EDS-002", "maybe")))
    assert [p.where for p in caught.value.problems] == ["answers", "answers.EDS-002"]


def test_left_out_answers_are_not_assessed() -> None:
    record = loads_record(document(answers={"EDS-002": {"verdict": "conforms"}}))
    assert record.verdicts == (None, "conforms", None, None)
    assert loads_record(document(answers={})).verdicts == (None,) * 4


def test_not_assessed_is_none_however_it_is_written() -> None:
    marked = new_record("electronic-signature").mark_many(
        {"EDS-001": "conforms", "EDS-002": ("does-not-conform", "no log")}
    )
    # mark, mark_many and the constructor take the state's word and keep None.
    assert marked.mark("EDS-001", NOT_ASSESSED).verdicts == (None, "does-not-conform", None, None)
    assert marked.mark_many({"EDS-002": (NOT_ASSESSED, "kept")}).answer("EDS-002") == (
        None,
        "kept",
    )
    built = dataclasses.replace(marked, verdicts=(NOT_ASSESSED, *marked.verdicts[1:]))
    assert built.verdicts == (None, "does-not-conform", None, None)
    # A record's JSON may say "not-assessed"; it is read as null and written back as null.
    text = document(answers={"EDS-001": {"verdict": NOT_ASSESSED, "remark": "next visit"}})
    assert validate(text) == ()
    record = loads_record(text)
    assert record.answer("EDS-001") == (None, "next visit")
    assert json.loads(dumps_record(record))["answers"]["EDS-001"]["verdict"] is None
    # Only the exact word: another spelling is no verdict, with the word as the hint.
    [problem] = validate(document(answers={"EDS-001": {"verdict": "not assessed"}}))
    assert problem.message.endswith("did you mean 'not-assessed'?")
    with pytest.raises(InvalidRecordError, match="'Not-Assessed' is not a verdict"):
        marked.mark("EDS-001", "Not-Assessed")


def test_the_json_schema_describes_the_format() -> None:
    schema = record_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # A record begun with a profile writes every field the schema has; one without, all
    # but the profile.
    begun = new_record("communications", profile="mobile-operator").to_json()
    assert set(schema["properties"]) == set(begun)
    assert set(new_record("communications").to_json()) == set(begun) - {"profile"}
    answer = schema["$defs"]["_AnswerJSON"]
    verdict_enum = [
        value
        for option in answer["properties"]["verdict"]["anyOf"]
        for value in option.get("enum", [])
    ]
    # "not-assessed" is read as null, so a record may say it either way.
    assert verdict_enum == [*VERDICTS, "not-assessed"]
    assert {"type": "null"} in answer["properties"]["verdict"]["anyOf"]
    assert answer["additionalProperties"] is False
    header = schema["$defs"]["Header"]["properties"]
    assert set(header) == set(FULL_HEADER)


# --- validation: every problem in one pass -------------------------------------------


def test_every_problem_is_reported_in_one_pass() -> None:
    bad = document(
        final=True,
        header={
            **FULL_HEADER,
            "iin_bin": "123456789012",
            "inspection_date": "2024-02-30",
            "address": None,
            "assignment_act": {"number": "17", "date": "01.03.2024"},
        },
        answers={
            "EDS-001": {"verdict": "yes", "remark": None},
            "EDS-002": {"verdict": "not-applicable", "remark": ""},
            "EDS-05": {"verdict": "conforms", "remark": None},
            "COM-001": {"verdict": "conforms", "remark": None},
            "EDS-003": {"verdict": "conforms", "remark": 7, "verdikt": "x"},
        },
    )
    problems = validate(bad)
    assert sorted(wheres(problems)) == sorted(
        [
            "header.inspection_date",
            "header.assignment_act.date",
            "header.iin_bin",
            "header.address",
            "answers.EDS-001.verdict",
            "answers.EDS-002",
            "answers.EDS-05",
            "answers.COM-001",
            "answers.EDS-003.remark",
            "answers.EDS-003.verdikt",
        ]
    )
    messages = {p.where: p.message for p in problems}
    assert messages["header.inspection_date"].startswith(
        "expected a date as YYYY-MM-DD, got '2024-02-30'"
    )
    assert messages["header.address"] == "missing in a final record"
    assert "fails its control digit" in messages["header.iin_bin"]
    assert "belongs to checklist 'communications'" in messages["answers.COM-001"]
    assert "did you mean 'verdict'" in messages["answers.EDS-003.verdikt"]
    with pytest.raises(InvalidRecordError) as caught:
        loads_record(bad)
    assert caught.value.problems == problems
    assert str(caught.value).count("\n") == len(problems)


def test_a_well_formed_record_with_problems_lists_them_all() -> None:
    bad = document(
        final=True,
        header={**FULL_HEADER, "iin_bin": "123456789012", "entity_name": ""},
        answers={"EDS-002": {"verdict": "not-applicable"}, "EDS-9": {"verdict": None}},
    )
    assert sorted(wheres(validate(bad))) == [
        "answers.EDS-002",
        "answers.EDS-9",
        "header.entity_name",
        "header.iin_bin",
    ]


def test_a_final_record_with_a_full_header_is_valid() -> None:
    good = document(final=True, header=FULL_HEADER)
    assert validate(good) == ()
    assert validate(json.dumps(good)) == ()
    assert loads_record(good).final


def test_an_id_not_in_the_records_edition() -> None:
    edition = api.edition("2023")
    communications = edition.checklist("communications")
    shorter = edition.model_copy(
        update={
            "checklists": tuple(
                c.model_copy(update={"requirements": c.requirements[:-1]})
                if c is communications
                else c
                for c in edition.checklists
            )
        }
    )
    record = new_record("communications").to_json()
    problems = validate(record, edition=shorter)
    assert [str(p) for p in problems] == [
        "answers.COM-072: requirement COM-072 (first in edition '2023-revision') is not in "
        "edition '2023-revision'"
    ]


@pytest.mark.parametrize("key", ["eds-001", "Eds-001", " EDS-001", "EDS-001 ", "EDS-001\n"])
@pytest.mark.parametrize("with_the_id_too", [False, True])
def test_an_answer_keyed_by_an_id_in_another_case_or_with_spaces_is_refused_not_dropped(
    key: str, with_the_id_too: bool
) -> None:
    """A record file's keys are its IDs as written: an answer under "eds-001" is no
    answer to EDS-001. Read leniently, its verdict would be silently lost, and the record
    would score as if the entity had conformed."""
    document = json.loads(dumps_record(new_record("electronic-signature")))
    answers = document["answers"] if with_the_id_too else {}
    answers[key] = {"verdict": "does-not-conform", "remark": "no certificate register kept"}
    document["answers"] = answers
    problems = validate(document)
    assert [p.where for p in problems] == [f"answers.{key}"]
    assert "unknown requirement ID" in problems[0].message
    assert "did you mean 'EDS-001'" in problems[0].message
    with pytest.raises(InvalidRecordError):
        loads_record(document)
    with pytest.raises(InvalidRecordError):
        loads_record(json.dumps(document).encode())


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [
        ({"edition": "2023"}, "edition", "write '2023-revision'"),
        ({"edition": "2024-revision"}, "edition", "unknown edition '2024-revision'"),
        ({"edition": "2019-original"}, "edition", "is not available"),
        ({"checklist": "electro-signature"}, "checklist", "did you mean 'electronic-signature'"),
        ({"checklist": 5}, "checklist", "expected text"),
        ({"final": "yes"}, "final", "expected true or false"),
        ({"format_version": 2}, "format_version", "newer than this library reads"),
        ({"format_version": 0}, "format_version", "unsupported format version 0"),
        ({"answers": []}, "answers", "expected an object"),
        ({"answers": {"EDS-001": "conforms"}}, "answers.EDS-001", "expected an object"),
        ({"header": {"iin_bin": 123456789012}}, "header.iin_bin", "write it in quotes"),
        ({"header": {"inspection_date": 20240312}}, "header.inspection_date", "YYYY-MM-DD"),
        ({"header": {"officials": {}}}, "header.officials", "expected an array"),
        ({"header": {"head": {"name": "A"}}}, "header.head.name", "expected one of position"),
        ({"extra": 1}, "extra", "unknown field"),
    ],
)
def test_each_problem_names_its_field(changes: dict[str, Any], where: str, words: str) -> None:
    problems = validate(document(**changes))
    assert len(problems) == 1, problems
    assert problems[0].where == where
    assert words in problems[0].message


def test_an_imported_edition_is_checked_against_its_file(tmp_path: Path) -> None:
    edition = api.edition("2023")
    path = tmp_path / "edition.json"
    from kz_inspection_checklists.law.store import edition_file_json

    path.write_text(edition_file_json(edition, {"by": "test"}), encoding="utf-8")
    record = new_record("communications", edition=str(path))
    assert loads_record(dumps_record(record), edition=str(path)) == record
    other = dumps_record(record).replace('"2023-revision"', '"2019-original"')
    assert wheres(validate(other, edition=str(path))) == ["edition"]


@pytest.mark.parametrize(
    ("junk", "words"),
    [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        (b"\xff\xfe\x00", "UTF-16 (little-endian) text"),
        ("[1, 2]", "it is a JSON array, not an object"),
        ("null", "it is a JSON null"),
        ('"kz-inspection-record"', "it is a JSON string"),
        ("{}", "it has no 'format'"),
        ('{"format": "kz-checklist"}', "it has format 'kz-checklist'"),
        ("[" * 100_000, "not"),
    ],
)
def test_junk_is_not_a_record(junk: Any, words: str) -> None:
    problems = validate(junk)
    assert len(problems) == 1
    assert problems[0].where == ""
    assert problems[0].message.startswith("not an inspection record")
    assert words in problems[0].message
    assert "kz-checklists new" in problems[0].message


def test_a_checklist_file_is_not_a_record() -> None:
    from kz_inspection_checklists.exports.json_data import checklist_json

    problems = validate(json.dumps(checklist_json(api.checklist(4))))
    assert len(problems) == 1 and "not an inspection record" in problems[0].message


def test_non_json_python_values_are_problems() -> None:
    assert "not JSON text" in validate(42)[0].message  # type: ignore[arg-type]
    assert "not a JSON object" in validate({"format": object()})[0].message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def mutated(base: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(base))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(
        [
            ["checklist"],
            ["edition"],
            ["final"],
            ["header"],
            ["header", "iin_bin"],
            ["header", "officials"],
            ["header", "head"],
            ["header", "assignment_act"],
            ["header", "inspection_date"],
            ["answers"],
            ["answers", "EDS-001"],
            ["answers", "EDS-001", "verdict"],
            ["answers", "EDS-001", "remark"],
            ["answers", "XYZ"],
            ["format_version"],
        ]
    ),
    json_values,
)
def test_junk_in_any_field_gives_problems_never_a_crash(path: list[str], value: Any) -> None:
    broken = mutated(document(), path, value)
    problems = validate(broken)
    assert all(isinstance(p, Problem) and p.message for p in problems)
    try:
        record = loads_record(broken)
    except InvalidRecordError as error:
        assert error.problems == problems and problems
    else:
        assert problems == ()
        assert loads_record(dumps_record(record)) == record


@settings(max_examples=150)
@given(st.one_of(st.text(max_size=60), st.binary(max_size=60), json_values.map(json.dumps)))
def test_junk_text_gives_problems_never_a_crash(junk: Any) -> None:
    problems = validate(junk)
    assert problems and all(isinstance(p, Problem) for p in problems)
    with pytest.raises(InvalidRecordError):
        loads_record(junk)


@given(
    st.one_of(
        st.integers().filter(lambda n: n not in (3, 4, 5)),  # 3 to 5 are annex numbers
        st.text(max_size=10).filter(lambda t: t.strip() not in ("3", "4", "5")),
        st.none(),
        st.floats(),
    )
)
def test_junk_into_building_raises_library_errors_only(junk: Any) -> None:
    record = new_record("electronic-signature")
    with pytest.raises(ChecklistError):
        new_record(junk)
    with pytest.raises(InvalidRecordError):
        record.mark(junk, "conforms")
    if junk not in (None, *VERDICTS):
        with pytest.raises(InvalidRecordError):
            record.mark("EDS-001", junk)
    if junk is not None:
        with pytest.raises(InvalidRecordError):
            record.with_header(inspection_date=junk)


def test_a_byte_order_mark_is_accepted() -> None:
    record = new_record("electronic-signature").mark("EDS-001", "conforms")
    text = dumps_record(record)
    assert loads_record(b"\xef\xbb\xbf" + text.encode("utf-8")) == record
    assert loads_record("\ufeff" + text) == record


@pytest.mark.parametrize(
    ("written", "meant"),
    [("N/A", "not-applicable"), ("Yes", "conforms"), ("no", "does-not-conform")],
)
def test_words_people_write_for_verdicts_get_a_hint(written: str, meant: str) -> None:
    [problem] = validate(document(answers={"EDS-001": {"verdict": written}}))
    assert problem.where == "answers.EDS-001.verdict"
    assert problem.message.endswith(f"did you mean {meant!r}?")


def test_problems_come_in_the_records_order() -> None:
    bad = document(
        answers={
            "EDS-004": {"verdict": "not-applicable"},
            "EDS-001": {"verdict": "bad"},
            "EDS-002": {"verdict": "not-applicable"},
        },
        header={"inspection_date": "x", "iin_bin": "1"},
        checklist="electronic-signature",
        extra=True,
    )
    assert wheres(validate(bad)) == [
        "extra",
        "header.iin_bin",
        "header.inspection_date",
        "answers.EDS-001.verdict",
        "answers.EDS-002",
        "answers.EDS-004",
    ]


junk_values = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.text(max_size=8),
    st.lists(st.integers(), max_size=3),
    st.builds(object),
)


@given(junk_values)
def test_junk_into_every_entry_point_raises_library_errors_only(junk: Any) -> None:
    record = new_record("electronic-signature")
    with pytest.raises(InvalidInputError):
        dumps_record(junk)
    with pytest.raises(InvalidRecordError):
        record.mark_many(junk)
    if junk is not None and junk not in VERDICTS:
        with pytest.raises(InvalidRecordError):
            record.mark("EDS-001", junk, "remark")
        with pytest.raises(InvalidRecordError):
            dataclasses.replace(record, verdicts=(junk, None, None, None))
    for field in ("checklist", "edition", "header", "ids", "verdicts", "remarks", "final"):
        if not isinstance(junk, (str, bool)):
            with pytest.raises(ChecklistError):
                dataclasses.replace(record, **{field: junk})
    if not isinstance(junk, str) and junk is not None:
        with pytest.raises(InvalidRecordError):
            record.with_header(entity_name=junk)
    for field in ("checklist", "edition", "header", "ids", "verdicts", "remarks", "final"):
        fields = {
            "checklist": "electronic-signature",
            "edition": "2023-revision",
            "header": Header(),
            "ids": record.ids,
            "verdicts": record.verdicts,
            "remarks": record.remarks,
            "final": False,
            field: junk,
        }
        with pytest.raises(ChecklistError):
            InspectionRecord(**fields)
    problems = validate(junk)
    assert problems and problems[0].message.startswith("not an inspection record")
    with pytest.raises(InvalidRecordError):
        loads_record(junk)


@pytest.mark.parametrize(
    "written",
    [
        "0",
        "86400",
        "2024-1-01",
        "01.03.2024",
        "2024-01-01T00:00:00",
        "２０２４-01-01",
        0,
        1.5,
        True,
    ],
)
def test_dates_are_only_yyyy_mm_dd(written: Any) -> None:
    # pydantic alone would read 0 or "86400" as a Unix time.
    for where in (["inspection_date"], ["assignment_act", "date"]):
        broken = mutated(document(), ["header", *where], written)
        [problem] = validate(broken)
        assert problem.where == ".".join(["header", *where])
        assert problem.message.startswith(f"expected a date as YYYY-MM-DD, got {written!r}")


# --- keys given twice, format_version, the option that passes an edition file ----------

RECORD_TEXT = dumps_record(new_record("electronic-signature"))


def _twice(text: str, line: str, extra: str) -> str:
    """``text`` with ``extra`` written after the first line that holds ``line``."""
    assert line in text
    return text.replace(line, line + extra, 1)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # The last verdict would win, silently: the record would pass with 'conforms'.
        (
            _twice(
                RECORD_TEXT,
                '"EDS-002": {"verdict": null, "remark": null},',
                '\n    "EDS-002": {"verdict": "conforms", "remark": null},',
            ),
            "answers.EDS-002",
        ),
        (
            RECORD_TEXT.replace(
                '"EDS-003": {"verdict": null,',
                '"EDS-003": {"verdict": null, "verdict": "conforms",',
            ),
            "answers.EDS-003.verdict",
        ),
        (_twice(RECORD_TEXT, '"final": false,', '\n  "final": true,'), "final"),
        (
            _twice(RECORD_TEXT, '"authority": null,', '\n    "authority": "Committee",'),
            "header.authority",
        ),
        (
            _twice(RECORD_TEXT, '"position": null,', ' "position": "director",'),
            "header.officials.0.position",
        ),
    ],
)
def test_a_key_given_twice_is_a_problem(text: str, where: str) -> None:
    problems = validate(text)
    assert any(p.where == where and p.message.startswith("duplicate key") for p in problems), (
        problems
    )
    for source in (text, text.encode("utf-8")):
        with pytest.raises(InvalidRecordError, match="duplicate key"):
            loads_record(source)


def test_a_key_given_twice_in_an_otherwise_broken_record_is_listed_too() -> None:
    text = _twice(
        RECORD_TEXT,
        '"EDS-002": {"verdict": null, "remark": null},',
        '\n    "EDS-002": {"verdict": "yes", "remark": null},',
    )
    assert sorted(wheres(validate(text))) == ["answers.EDS-002", "answers.EDS-002.verdict"]


def test_colons_in_texts_are_no_duplicate_keys() -> None:
    # Colons inside strings make the quick count differ; the exact look finds nothing.
    record = new_record("electronic-signature").mark_many(
        {"EDS-001": ("conforms", "see: act 17: p. 3"), "EDS-002": ("not-applicable", "n/a: why")}
    )
    text = dumps_record(record.with_header(address="Astana: 1"))
    assert validate(text) == ()
    assert loads_record(text) == record.with_header(address="Astana: 1")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.data())
def test_any_repeated_key_is_found(record: InspectionRecord, data: st.DataObject) -> None:
    text = dumps_record(record)
    rows = text.split("\n")  # not splitlines(): a remark may hold U+0085 or U+2028
    lines = [i for i, line in enumerate(rows) if '": ' in line]
    chosen = data.draw(st.sampled_from(lines))
    line = rows[chosen].rstrip(",")
    # Repeat one member of an object (a whole answer, or a header field) right after it.
    if line.rstrip().endswith(("{", "[")):
        return  # the opening of a nested object or array: not one line
    rows.insert(chosen + 1, line + ",")
    if not rows[chosen].endswith(","):
        rows[chosen] += ","
        rows[chosen + 1] = rows[chosen + 1].rstrip(",")
    twice = "\n".join(rows)
    problems = validate(twice)
    assert any(p.message.startswith("duplicate key") for p in problems), (line, problems)


@pytest.mark.parametrize("version", ["true", "1.5", '"1"', "false", "null"])
def test_format_version_must_be_the_number_1(version: str) -> None:
    text = RECORD_TEXT.replace('"format_version": 1,', f'"format_version": {version},')
    problems = validate(text)
    assert wheres(problems) == ["format_version"]
    # Said in JSON's words: true, not Python's True.
    assert problems[0].message.startswith(f"unsupported format version {version}")


def test_a_problem_that_needs_an_edition_file_names_the_edition_in_no_callers_words() -> None:
    text = RECORD_TEXT.replace('"2023-revision"', '"2024-draft"')
    [problem] = validate(text)
    assert (problem.where, problem.edition) == ("edition", "2024-draft")
    assert problem.message.endswith("for an imported edition, pass its edition file")
    assert "=PATH" not in problem.message and "--" not in problem.message
    unavailable = RECORD_TEXT.replace('"2023-revision"', '"2019-original"')
    [problem] = validate(unavailable)
    assert problem.edition == "2019-original"
    assert problem.message.endswith("to check this record, pass the edition file")
    # Any other problem needs no edition file.
    [other] = validate(RECORD_TEXT.replace('"electronic-signature"', '"signatures"'))
    assert other.where == "checklist" and other.edition is None


def test_edition_option_is_deprecated_and_still_named_in_the_message() -> None:
    text = RECORD_TEXT.replace('"2023-revision"', '"2024-draft"')
    with pytest.warns(DeprecationWarning, match="edition_option is deprecated"):
        [problem] = validate(text, edition_option="--record-edition FILE")
    assert problem.message.endswith("pass its edition file (--record-edition FILE)")
    with (
        pytest.warns(DeprecationWarning),
        pytest.raises(InvalidRecordError, match=r"\(--record-edition FILE\)"),
    ):
        loads_record(text, edition_option="--record-edition FILE")
    unavailable = RECORD_TEXT.replace('"2023-revision"', '"2019-original"')
    with pytest.warns(DeprecationWarning):
        [problem] = validate(unavailable, edition_option="--record-edition FILE")
    assert problem.message.endswith("pass the edition file (--record-edition FILE)")


@pytest.mark.parametrize(
    ("answers", "empty"),
    [
        (
            '{"EDS-001": {"verdict": "conforms"}, "EDS-002": {}, "EDS-003": {"remark": "a: b"}}',
            "EDS-002",
        ),
        ('{"EDS-001": {"verdict": "not-applicable", "remark": "no CA"}, "EDS-004": {}}', "EDS-004"),
    ],
)
def test_answers_with_keys_left_out_are_counted_exactly(answers: str, empty: str) -> None:
    # Not as dumps_record writes them: the keys are counted one answer at a time.
    head = RECORD_TEXT[: RECORD_TEXT.index('"answers"')]
    text = f'{head}"answers": {answers}}}'
    assert validate(text) == ()
    twice = text.replace('"EDS-001":', '"EDS-001": {}, "EDS-001":', 1)
    assert wheres(validate(twice)) == ["answers.EDS-001"]
    inner = text.replace("{}", '{"remark": null, "remark": null}', 1)
    assert wheres(validate(inner)) == [f"answers.{empty}.remark"]


@pytest.mark.parametrize("remark", ["see: act 17", r"a \u003a b", r"x\"y: z", "no colon"])
@pytest.mark.parametrize("dropped", ["does-not-conform", "conforms"])
def test_a_key_given_twice_is_found_whatever_colons_the_strings_hold(
    remark: str, dropped: str
) -> None:
    # The first EDS-001 is the one a JSON reader drops; its remark may hold colons too.
    text = RECORD_TEXT.replace(
        '"EDS-001": {"verdict": null, "remark": null},',
        f'"EDS-001": {{"verdict": "{dropped}", "remark": "{remark}"}},\n'
        f'    "EDS-001": {{"verdict": "conforms", "remark": "{remark}"}},',
    )
    assert wheres(validate(text)) == ["answers.EDS-001"]
    once = RECORD_TEXT.replace(
        '"EDS-001": {"verdict": null, "remark": null},',
        f'"EDS-001": {{"verdict": "conforms", "remark": "{remark}"}},',
    ).replace('"authority": null', f'"authority": "{remark}"')
    assert validate(once) == ()


# --- what the package imports is what it declares ---------------------------------------

_ROOT = Path(__file__).resolve().parents[1]
#: Parts of a declared distribution imported under another name: pydantic's own core
#: (pinned by pydantic itself), and python-docx, imported as docx.
_PART_OF = {"pydantic_core": "pydantic", "docx": "python-docx"}


def _declared() -> set[str]:
    import re

    text = (_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith(("dependencies", "docx", "lint", "test")) or line.startswith('    "'):
            names.update(
                m.lower().replace("-", "_") for m in re.findall(r'"([A-Za-z0-9_.-]+)', line)
            )
    return names


#: Modules of the standard library on another system only (Windows), found by no look-up here.
_OTHER_SYSTEMS_STDLIB = frozenset({"msvcrt", "winreg", "_winapi"})


def _stdlib(name: str) -> bool:
    import importlib.util
    import sys
    import sysconfig

    if name in sys.builtin_module_names or name in _OTHER_SYSTEMS_STDLIB:
        return True
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin in (None, "frozen", "built-in"):
        return spec is not None
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    return (
        os.path.realpath(spec.origin).startswith(stdlib + os.sep)
        and "site-packages" not in spec.origin
    )


def test_every_module_the_package_imports_is_the_standard_library_or_declared() -> None:
    import ast

    declared = _declared()
    undeclared = set()
    for path in (_ROOT / "src" / "kz_inspection_checklists").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.partition(".")[0]
                if top in ("__future__", "kz_inspection_checklists") or _stdlib(top):
                    continue
                if _PART_OF.get(top, top).lower().replace("-", "_") not in declared:
                    undeclared.add(f"{path.name}: {top}")
    assert not undeclared, sorted(undeclared)


# --- the inspection date and the edition's entry into force ---------------------------

_FLOOR = earliest_in_force("2023-revision")


def test_the_floor_is_in_forces_bound_for_the_amending_act() -> None:
    # The bound comes from in_force, from the sources alone: the amending act's earliest day.
    assert _FLOOR is not None
    assert max(d.earliest for d in act_dates()) == _FLOOR
    # as_of agrees: the day before, 2023-revision cannot be the answer, whatever was published.
    day_before = _FLOOR - datetime.timedelta(days=1)
    assert as_of(day_before, published={"original": "2019-06-10"}).id == "2019-original"


def test_a_final_record_dated_before_its_edition_can_have_taken_effect_is_invalid() -> None:
    header = {**FULL_HEADER, "inspection_date": "2023-01-01"}
    problems = validate(document(final=True, header=header))
    assert [str(p) for p in problems] == [
        "header.inspection_date: before edition 2023-revision can have taken effect "
        f"(no earlier than {_FLOOR})"
    ]
    with pytest.raises(InvalidRecordError, match="before edition 2023-revision"):
        loads_record(json.dumps(document(final=True, header=header)))


@given(st.dates(datetime.date(1900, 1, 1), datetime.date.max))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_date_is_a_problem_exactly_when_before_the_floor(day: datetime.date) -> None:
    assert _FLOOR is not None
    text = json.dumps(document(header={"inspection_date": day.isoformat()}))
    early = "header.inspection_date" in wheres(validate(text))
    assert early == (day < _FLOOR)  # drafts too; a day however late is no problem
    record = new_record("electronic-signature")
    if early:
        with pytest.raises(InvalidRecordError, match=f"no earlier than {_FLOOR}"):
            record.with_header(inspection_date=day)
    else:
        assert record.with_header(inspection_date=day).header.inspection_date == day


def test_an_edition_file_is_bounded_by_its_act_and_an_unknown_act_gives_no_bound(
    tmp_path: Path,
) -> None:
    from kz_inspection_checklists.law.store import edition_file_json

    edition = api.edition("2023")
    early = json.dumps(document(header={"inspection_date": "2023-06-02"}))
    known = tmp_path / "known.json"
    known.write_text(edition_file_json(edition, {"by": "test"}), encoding="utf-8")
    # A record made from the file knows its bound before any record is read.
    with pytest.raises(InvalidRecordError, match="before edition 2023-revision"):
        new_record("electronic-signature", edition=str(known)).with_header(
            inspection_date="2023-06-02"
        )
    assert wheres(validate(early, edition=str(known))) == ["header.inspection_date"]
    unknown = tmp_path / "unknown.json"
    other = edition.model_copy(
        update={
            "id": "2099-test",
            "aliases": (),
            "act": "amendment-2099-01-01",
            "checklists": tuple(
                c.model_copy(update={"edition": "2099-test"}) for c in edition.checklists
            ),
        }
    )
    unknown.write_text(edition_file_json(other, {"by": "test"}), encoding="utf-8")
    # The sources say nothing of such an act: no bound, so no problem (never a guess).
    record = early.replace('"2023-revision"', '"2099-test"')
    assert validate(record, edition=str(unknown)) == ()
    made = new_record("electronic-signature", edition=str(unknown))
    assert made.with_header(inspection_date="2023-06-02").header.inspection_date is not None


# --- one set of rules, however a record is made -------------------------------------


def _by_hand(**fields: Any) -> InspectionRecord:
    blank = new_record("electronic-signature")
    given: dict[str, Any] = {
        "checklist": "electronic-signature",
        "edition": "2023-revision",
        "header": blank.header,
        "ids": blank.ids,
        "verdicts": (None,) * 4,
        "remarks": (None,) * 4,
        **fields,
    }
    return InspectionRecord(**given)


@pytest.mark.parametrize(
    ("fields", "where", "words"),
    [
        ({"remarks": (7, None, None, None)}, "answers.EDS-001", "a remark is text, got int"),
        (
            {"verdicts": ("not-applicable", None, None, None)},
            "answers.EDS-001",
            "not-applicable needs a remark",
        ),
        (
            {"verdicts": ("not-applicable", None, None, None), "remarks": ("  ", None, None, None)},
            "answers.EDS-001",
            "not-applicable needs a remark",
        ),
        ({"final": True}, "header.authority", "missing in a final record"),
        ({"header": Header(iin_bin="123456789012")}, "header.iin_bin", "control digit"),
        (
            {"header": Header(inspection_date=datetime.date(2020, 1, 1))},
            "header.inspection_date",
            "before edition 2023-revision can have taken effect",
        ),
        ({"header": "a header"}, "header", "expected the header of the"),
        ({"final": "yes"}, "final", "expected bool"),
    ],
)
def test_a_record_built_by_hand_keeps_the_rules_a_file_keeps(
    fields: dict[str, Any], where: str, words: str
) -> None:
    with pytest.raises(InvalidRecordError) as caught:
        _by_hand(**fields)
    assert where in [p.where for p in caught.value.problems]
    assert any(words in p.message for p in caught.value.problems if p.where == where)


@pytest.mark.parametrize(
    "change",
    [
        lambda r: dataclasses.replace(r, remarks=(7, None, None, None)),
        lambda r: dataclasses.replace(r, final=True),
        lambda r: r.with_header(iin_bin="123456789012"),
        lambda r: r.with_header(inspection_date="2020-01-01"),
        lambda r: r.mark("EDS-002", "not-applicable", "\t"),
    ],
)
def test_no_way_of_changing_a_record_makes_an_invalid_one(change: Any) -> None:
    with pytest.raises(InvalidRecordError):
        change(new_record("electronic-signature"))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_every_record_that_can_be_made_writes_a_valid_file(record: InspectionRecord) -> None:
    assert validate(dumps_record(record)) == ()
    assert validate(record) == ()


def test_the_floor_is_read_from_the_law_the_edition_belongs_to(tmp_path: Path) -> None:
    import shutil
    from importlib.resources import as_file, files

    from kz_inspection_checklists.law.store import BUNDLED_ORDER, Law

    with as_file(files("kz_inspection_checklists").joinpath("data")) as data:
        shutil.copytree(Path(data) / "orders" / BUNDLED_ORDER, tmp_path / "order")
    order_file = tmp_path / "order" / "order.json"
    content = json.loads(order_file.read_text(encoding="utf-8"))
    # Test data that no law contains: the amending act given a stated day in force.
    content["order"]["acts"][1]["entry_into_force"]["date"] = "2023-07-01"
    order_file.write_text(json.dumps(content), encoding="utf-8")
    law = Law(tmp_path / "order")
    stated = datetime.date(2023, 7, 1)
    edition = law.edition("2023")
    assert earliest_in_force("2023-revision", law=law) == stated
    assert earliest_in_force(edition) == stated  # the Law it came from
    assert earliest_in_force("2023-revision") == _FLOOR  # the bundled one's own bound
    # A record of that Law's edition is bounded by it, not by the bundled one.
    late_june = json.dumps(document(header={"inspection_date": "2023-06-20"}))
    problems = validate(late_june, edition=edition)
    assert [str(p) for p in problems] == [
        "header.inspection_date: before edition 2023-revision can have taken effect "
        "(no earlier than 2023-07-01)"
    ]
    assert validate(late_june) == ()
