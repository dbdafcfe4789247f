"""Whom a requirement concerns: the verdict without a reading, and what each refusal names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import InvalidInputError, UnknownNameError
from kz_inspection_checklists.law.applicability import (
    RequirementApplicability,
    applicability,
    profile,
    profile_names,
    subjects,
)
from kz_inspection_checklists.law.store import bundled


def test_a_requirement_the_library_has_no_reading_of_is_undetermined() -> None:
    checklist = kz.checklist("communications")
    new = checklist.requirements[0].model_copy(
        update={"id": "COM-099", "text": "a requirement made up for a test"}
    )
    longer = checklist.model_copy(update={"requirements": (*checklist.requirements, new)})
    found = applicability(longer, "mobile-operator")
    assert len(found) == len(longer.requirements)
    assert found[-1] == RequirementApplicability(
        id="COM-099",
        verdict="undetermined",
        subjects=(),
        evidence=(),
        inferred=(),
        note=None,
        reason="the library has no reading of this requirement's text",
        language=found[0].language,
        quoted=True,
    )
    assert found[:-1] == applicability(checklist, "mobile-operator")


def test_a_profile_of_another_checklist_is_refused_naming_the_checklist_s_profiles() -> None:
    names = ", ".join(profile_names(bundled(), "communications"))
    with pytest.raises(InvalidInputError) as caught:
        applicability("communications", "certification-centre")
    assert str(caught.value) == (
        "profile 'certification-centre' is for electronic-signature, not 'communications'; "
        f"the profiles of 'communications' are: {names}"
    )


@pytest.mark.parametrize("checklist", ["0004", "4", 4])
def test_a_checklist_is_named_by_its_key_or_annex_number(checklist: Any) -> None:
    assert subjects(checklist) == subjects("communications")


@pytest.mark.parametrize("checklist", ["00004", 9, "communication"])
def test_an_unknown_checklist_is_an_unknown_name(checklist: Any) -> None:
    with pytest.raises(UnknownNameError) as caught:
        subjects(checklist)
    assert caught.value.kind == "checklist"
    assert str(caught.value).startswith(
        f"unknown checklist {checklist!r}; expected one of: informatization, communications, "
        "electronic-signature"
    )


def test_a_checklist_named_by_what_is_no_name_is_refused_saying_what_it_got() -> None:
    with pytest.raises(InvalidInputError, match=r"by its key or annex number, not float 1\.5"):
        subjects(1.5)  # type: ignore[arg-type]
    with pytest.raises(
        InvalidInputError,
        match=r"a profile is named by its ID, the path of a profile file, or a Profile, not int 5",
    ):
        profile(5)  # type: ignore[arg-type]


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "is nested too deeply"),
        (
            '{"profile": {"includes": ["a\\u001b"]}}',
            ": profile.includes.0 holds the character U+001B",
        ),
        ('"\\u001b"', ": the top level holds the character U+001B"),
        (
            '{"profile": {"includes": [], "includes": []}}',
            " gives the key 'includes' twice in one object at profile; a JSON reader keeps "
            "only one, so remove the one not meant",
        ),
        (
            '{"profile": {}, "profile": {}}',
            " gives the key 'profile' twice in one object; a JSON reader",
        ),
        ("[]", " is not a profile at the top level: "),
        ('{"profile": {"includes": 5}}', " is not a profile at profile.includes: "),
    ],
)
def test_a_bad_profile_file_is_refused_naming_the_file_and_the_place(
    tmp_path: Path, text: str, words: str
) -> None:
    path = _file(tmp_path, "p.json", text)
    with pytest.raises(InvalidInputError) as caught:
        profile(path)
    assert str(caught.value).startswith(f"profile file {str(path)!r}")
    assert words in str(caught.value)


def test_a_profile_file_extends_a_shipped_profile_only(tmp_path: Path) -> None:
    shipped = profile("mobile-operator")
    extra = next(
        s.id
        for s in subjects("communications")
        if s.id not in shipped.includes and s.id not in shipped.excludes
    )
    base = _file(
        tmp_path,
        "base.json",
        json.dumps({"profile": {"extends": "mobile-operator", "includes": [extra]}}),
    )
    made = profile(base)
    assert made.includes == (*shipped.includes, extra)
    assert made.excludes == shipped.excludes
    assert made.checklists == shipped.checklists
    assert (made.id, made.title, made.source) == ("base", "base", "base.json")
    chained = _file(tmp_path, "chained.json", json.dumps({"profile": {"extends": str(base)}}))
    with pytest.raises(InvalidInputError) as caught:
        profile(chained)
    assert str(caught.value) == (
        f"profile file {str(chained)!r}: 'extends' names {str(base)!r}, a profile file, not a "
        "shipped profile"
    )


def test_a_profile_file_s_own_words_are_kept(tmp_path: Path) -> None:
    shipped = profile("mobile-operator")
    path = _file(
        tmp_path,
        "mine.json",
        json.dumps(
            {
                "profile": {
                    "id": "my-operator",
                    "title": "My operator",
                    "description": "an operator made up for a test",
                    "note": "a note",
                    "includes": list(shipped.includes),
                }
            }
        ),
    )
    made = profile(path)
    assert (made.id, made.title, made.description, made.note) == (
        "my-operator",
        "My operator",
        "an operator made up for a test",
        "a note",
    )
    untitled = _file(
        tmp_path,
        "x.json.json",
        json.dumps({"profile": {"id": "x-op", "includes": list(shipped.includes)}}),
    )
    assert profile(untitled).title == "x-op"
    nameless = _file(
        tmp_path, "y.json.json", json.dumps({"profile": {"includes": list(shipped.includes)}})
    )
    assert (profile(nameless).id, profile(nameless).title) == ("y.json", "y.json")


def test_a_verdict_resting_on_a_reading_between_subjects_says_so() -> None:
    cellular = profile("mobile-operator").model_copy(
        update={"id": "cellular", "includes": ("cellular-operator",), "excludes": ()}
    )
    said = {line for r in applicability("communications", cellular) for line in r.relied_on}
    assert any(
        line.startswith(
            "the library's reading that every cellular (mobile) operator is a "
            "telecommunications operator: "
        )
        for line in said
    )


@pytest.mark.parametrize(
    ("subject", "hint"),
    [("zzzzzzzz", ""), ("cellular-operatr", "; did you mean 'cellular-operator'?")],
)
def test_a_profile_naming_an_undeclared_subject_is_refused_with_a_hint_only_when_one_is_close(
    tmp_path: Path, subject: str, hint: str
) -> None:
    path = _file(tmp_path, "p.json", json.dumps({"profile": {"includes": [subject]}}))
    with pytest.raises(InvalidInputError) as caught:
        profile(path)
    assert str(caught.value) == (
        f"profile 'p.json' names the subject {subject!r}, which none of its checklists "
        f"(informatization, communications, electronic-signature) declares{hint}; "
        "'kz-checklists profiles' lists the subjects"
    )


@pytest.mark.parametrize("name", ["profiles/mine", "profiles\\mine", "mine.json"])
def test_a_name_with_a_folder_or_json_is_a_profile_file(name: str) -> None:
    with pytest.raises(
        InvalidInputError, match=f"^cannot read profile file {re.escape(repr(name))}"
    ):
        profile(name)


def test_a_profile_file_extending_a_shipped_one_is_for_that_one_s_checklists(
    tmp_path: Path,
) -> None:
    path = _file(
        tmp_path,
        "centre.json",
        json.dumps(
            {"profile": {"extends": "certification-centre", "includes": ["telecom-operator"]}}
        ),
    )
    with pytest.raises(
        InvalidInputError, match="which none of its checklists \\(electronic-signature\\) declares"
    ):
        profile(path)
