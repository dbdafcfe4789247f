"""A record's JSON checked in one pass: what each problem names, and in which order."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kz_inspection_checklists.exceptions import Problem
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.record.checks import answers_limit
from kz_inspection_checklists.record.files import validate
from kz_inspection_checklists.record.record import new_record


def document(**changes: Any) -> dict[str, Any]:
    """The JSON object of a blank electronic-signature record, with changes."""
    base = new_record("electronic-signature").to_json()
    base.update(changes)
    return base


def found(record: Any) -> list[str]:
    return [str(problem) for problem in validate(record)]


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ([], "answers: expected an object, got array []"),
        ({"EDS-001": "conforms"}, "answers.EDS-001: expected an object, got string 'conforms'"),
        (
            {"EDS-001": {"verdict": "conforms", "remark": 5}},
            "answers.EDS-001.remark: expected text (a JSON string) or null, got number 5",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_named_with_what_it_is(answers: Any, problem: str) -> None:
    assert found(document(answers=answers)) == [problem]


def test_every_answer_is_checked_after_one_of_the_wrong_type() -> None:
    answers = {"EDS-001": "conforms", "EDS-002": {"verdict": "yes"}, "EDS-003": 5}
    assert [p.where for p in validate(document(answers=answers))] == [
        "answers.EDS-001",
        "answers.EDS-002.verdict",
        "answers.EDS-003",
    ]


@pytest.mark.parametrize(
    "answer",
    [
        {"verdict": "conforms", "note": "x"},
        {"note": "x", "verdict": "conforms"},
        {"verdict": "conforms", "remark": "r", "note": "x"},
        {"remark": "r", "note": "x"},
    ],
)
def test_an_answer_s_unknown_field_is_found_beside_known_ones(answer: dict[str, Any]) -> None:
    assert found(document(answers={"EDS-001": answer})) == [
        "answers.EDS-001.note: unknown field; expected one of verdict, remark"
    ]


def test_keys_given_twice_inside_a_value_that_is_wrong_anyway_are_no_crash() -> None:
    text = json.dumps(document())
    for inner in ('{"a": 1, "a": 2}', '[{"a": 1, "a": 2}]'):
        for where in ('"answers": ' + inner, '"answers": {"EDS-001": {"verdict": ' + inner + "}}"):
            problems = validate(text.replace('"answers": {', where + ', "x": {', 1))
            assert problems, where


def test_problems_come_in_the_record_s_order_however_few() -> None:
    record = document(
        answers={"EDS-001": {"verdict": "not-applicable"}},
        header={"iin_bin": "123456789012"},
    )
    assert [p.where for p in validate(record)] == ["header.iin_bin", "answers.EDS-001"]
    # Nested header fields in the header's order, an unknown one after the known ones.
    record = document(
        header={
            "nmae": "x",
            "head": {"position": 5},
            "officials": [{"name": "A"}],
            "iin_bin": "1",
        }
    )
    assert [p.where for p in validate(record)] == [
        "header.iin_bin",
        "header.officials.0.name",
        "header.head.position",
        "header.nmae",
    ]
    assert "header.officials.0.name: unknown field; expected one of position, full_name;" in (
        "\n".join(found(record))
    )


def test_a_nested_header_field_s_problem_comes_in_its_field_s_place() -> None:
    record = document(header={"entity_name": 5, "assignment_act": {"date": "soon"}})
    assert [p.where for p in validate(record)] == [
        "header.assignment_act.date",
        "header.entity_name",
    ]


def test_problems_of_a_record_of_an_unknown_checklist_are_ordered_too() -> None:
    record = document(checklist="nope", header={"iin_bin": "1"})
    assert [p.where for p in validate(record)] == ["checklist", "header.iin_bin"]


def test_a_record_for_another_edition_than_the_one_given_says_both() -> None:
    problems = validate(document(), edition=api.edition("2023").model_copy(update={"id": "x"}))
    assert [str(p) for p in problems] == [
        "edition: the record is for edition '2023-revision', but the edition given is 'x'"
    ]


def test_an_edition_given_that_is_no_edition_is_the_one_problem_named_at_the_edition() -> None:
    """The record is not checked against some other edition: the edition given is
    refused, at ``edition``, in the words of the error that refused it."""
    problems = validate(document(), edition="2099-revision")
    assert [(p.where, p.edition) for p in problems] == [("edition", None)]
    assert str(problems[0]).startswith("edition: unknown edition '2099-revision'; expected one of")


def _answers_text(keys: list[str]) -> str:
    """A record's JSON with an answer under each key, in order, keys given twice kept."""
    answers = ", ".join(f'"{key}": {{"verdict": null}}' for key in keys)
    return json.dumps(document(answers={})).replace('"answers": {}', '"answers": {' + answers + "}")


def test_far_too_many_answers_name_the_keys_that_are_not_ids() -> None:
    strays = [f"XYZ-{n:04d}" for n in range(2000)]
    (problem,) = validate(_answers_text(strays))
    assert problem == Problem(
        "answers",
        "holds 2000 answers, but checklist 'electronic-signature' of edition '2023-revision' "
        "has 4 requirements; a record holds one answer per requirement. 2000 keys are not its "
        "IDs, such as 'XYZ-0000', 'XYZ-0001', 'XYZ-0002', 'XYZ-0003', 'XYZ-0004'",
    )


def test_far_too_many_answers_because_of_keys_given_again_name_those_keys() -> None:
    limit = answers_limit(api.checklist("electronic-signature"))
    keys = ["EDS-001"] * 600 + ["EDS-002"] * 500 + ["XYZ-1"]
    (problem,) = validate(_answers_text(keys))
    assert problem.where == "answers"
    assert problem.message.startswith(
        "duplicate keys: 1101 answers hold only 3 different keys, some given more than once "
        "('EDS-001' 600 times, 'EDS-002' 500 times); "
    )
    keys = ["EDS-001"] * (limit - 3) + ["EDS-002", "EDS-002", "EDS-003", "EDS-003"]
    keys += ["EDS-004", "EDS-004"]
    (problem,) = validate(_answers_text(keys))
    assert "('EDS-001' 1001 times, 'EDS-002' 2 times, 'EDS-003' 2 times)" in problem.message
    # Exactly as many different keys as the limit, one given twice: keys given again.
    keys = [f"XYZ-{n:04d}" for n in range(limit)] + ["XYZ-0000"]
    (problem,) = validate(_answers_text(keys))
    assert problem.message.startswith("duplicate keys: 1005 answers hold only 1004 different keys")


def test_far_too_many_answers_for_a_checklist_not_known_are_one_problem() -> None:
    keys = [f"XYZ-{n:06d}" for n in range(100_001)]
    text = _answers_text(keys).replace('"electronic-signature"', '"nope"')
    problems = validate(text)
    assert (
        Problem(
            "answers",
            "holds 100001 answers, more than any checklist has requirements (at most 100000 are "
            "read); a record holds one answer per requirement",
        )
        in problems
    )


def test_a_mapping_is_read_as_json_with_dates_as_iso_text() -> None:
    import datetime

    record = document(header={"inspection_date": datetime.date(2024, 3, 12)})
    assert validate(record) == ()
    assert found(document(header={"inspection_date": {1, 2}})) == [
        "not a JSON object: set {1, 2} is not a header value"
    ]
    assert validate(document(header={"inspection_date": {1, 2}}))[0].where == ""


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (5, "got int, not JSON text"),
        ('{"a": ' + "1" * 5000 + "}", "it holds a number of thousands of digits"),
        ("[" * 100_000 + "]" * 100_000, "it is nested too deeply to be read as JSON"),
    ],
)
def test_what_is_no_record_is_one_problem_saying_why(source: Any, words: str) -> None:
    (problem,) = validate(source)
    assert problem.where == ""
    assert problem.message.startswith("not an inspection record: ")
    assert words in problem.message


def test_answers_given_twice_are_a_problem_of_the_answers() -> None:
    text = json.dumps(document())
    twice = text.replace('"answers": {', '"answers": {}, "answers": {', 1)
    assert found(twice) == [
        "answers: duplicate key: 'answers' is given more than once in one object, and a JSON "
        "reader keeps only one of them; keep the one you mean"
    ]
    thrice = text.replace('"answers": {', '"answers": {}, "answers": {}, "answers": {', 1)
    assert [p.where for p in validate(thrice)] == ["answers", "answers"]


def test_a_newer_or_unknown_format_version_is_named() -> None:
    assert found(document(format_version=2)) == [
        "format_version: format version 2 is newer than this library reads (1); upgrade "
        "kz-inspection-checklists"
    ]
    assert found(document(format_version=0)) == [
        "format_version: unsupported format version 0; this library reads 1"
    ]


def test_every_problem_is_kept_whatever_else_is_wrong() -> None:
    problems = validate(document(checklist="nope", final="yes"))
    assert [p.where for p in problems] == ["checklist", "final"]
    problems = validate(document(profile="nope", final="yes"))
    assert [p.where for p in problems] == ["final", "profile"]
    assert "unknown profile 'nope' for checklist 'electronic-signature'; expected one of " in (
        str(problems[1])
    )


def test_a_final_record_without_a_header_is_told_what_to_fill_in_beside_other_problems() -> None:
    record = document(final=True, extra=1)
    del record["header"]
    wheres = [p.where for p in validate(record)]
    assert "extra" in wheres and "header.entity_name" in wheres


def test_json_type_names_json_s_types() -> None:
    from kz_inspection_checklists.record.rules import json_type

    values = [None, True, 1, 1.5, "a", [1], (1,), {"a": 1}]
    assert [json_type(v) for v in values] == [
        "null",
        "boolean",
        "number",
        "number",
        "string",
        "array",
        "array",
        "object",
    ]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"checklist": None}, "checklist: expected text (a JSON string), got null"),
        ({"final": "yes"}, "final: expected true or false, got string 'yes'"),
        ({"profile": 5}, "profile: expected text (a JSON string) or null, got number 5"),
        (
            {"header": {"iin_bin": 123456789012}},
            "header.iin_bin: expected the IIN/BIN as a string of 12 digits, got number "
            "123456789012; write it in quotes so leading zeros are kept",
        ),
        (
            {"header": {"inspection_date": "2024-02-30"}},
            "header.inspection_date: expected a date as YYYY-MM-DD, got '2024-02-30' (day "
            "value is outside expected range)",
        ),
        (
            {"header": {"inspection_date": 20240312}},
            "header.inspection_date: expected a date as YYYY-MM-DD, got 20240312",
        ),
        (
            {"finall": True},
            "finall: unknown field; expected one of format, format_version, checklist, "
            "edition, final, profile, header, answers; did you mean 'final'?",
        ),
    ],
)
def test_a_field_of_the_wrong_shape_is_named_with_what_it_got(
    changes: dict[str, Any], problem: str
) -> None:
    assert found(document(**changes)) == [problem]


def test_a_missing_field_is_said_missing() -> None:
    record = document()
    del record["checklist"]
    assert found(record) == ["checklist: missing"]


@pytest.mark.parametrize("profile", ["a.json", "my profile.json", "mobile-operator"])
def test_a_profile_is_a_shipped_one_or_a_profile_file_s_name(profile: str) -> None:
    record = new_record("communications").to_json()
    record["profile"] = profile
    assert validate(record) == ()


@pytest.mark.parametrize(
    ("profile", "hint"),
    [
        ("mobile-operatr", "; did you mean 'mobile-operator'?"),
        (".json", ""),
        ("  .json ", ""),
        ("my\nprofile.json", ""),
        ("profile-file", ""),
        ("profile.JSON", ""),
    ],
)
def test_any_other_profile_is_refused_naming_what_may_be_written(profile: str, hint: str) -> None:
    from kz_inspection_checklists._suggest import shown
    from kz_inspection_checklists.law.applicability import profile_names
    from kz_inspection_checklists.law.store import bundled

    record = new_record("communications").to_json()
    record["profile"] = profile
    known = ", ".join(profile_names(bundled(), "communications"))
    assert found(record) == [
        f"profile: unknown profile {shown(profile)} for checklist 'communications'; expected "
        f"one of {known}, or a profile file's name (NAME.json){hint}"
    ]


def test_a_header_text_is_checked_however_the_record_is_made() -> None:
    import dataclasses

    from kz_inspection_checklists.exceptions import InvalidRecordError

    record = new_record("electronic-signature")
    header = record.header.model_copy(update={"entity_name": "ACME\x1b[2J"})
    with pytest.raises(InvalidRecordError) as caught:
        dataclasses.replace(record, header=header)
    assert [p.where for p in caught.value.problems] == ["header.entity_name"]


def test_a_profile_that_is_no_text_is_refused_however_the_record_is_made() -> None:
    import dataclasses

    from kz_inspection_checklists.exceptions import InvalidRecordError

    with pytest.raises(InvalidRecordError) as caught:
        dataclasses.replace(new_record("electronic-signature"), profile=5)
    assert [str(p) for p in caught.value.problems] == [
        "profile: expected text (a JSON string), got 5"
    ]
