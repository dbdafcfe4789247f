"""Hostile inspection records: text no format can carry, blank-looking remarks, huge
serials and a million answers, each answered by one named problem in bounded time.

Each test names the 0.1.0 failure it answers; 0.1.0 accepted such text (and then wrote
malformed XML, or crashed exporting it), counted a remark of a zero-width space as a
remark, and computed a "did you mean" for every unknown ID.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists._suggest import HINTS, KEPT, LISTED
from kz_inspection_checklists.record.checks import answers_limit
from kz_inspection_checklists.record.files import loads_record, validate
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.rules import NEEDS_REMARK

ROOT = Path(__file__).resolve().parents[1]

#: Characters XML 1.0 cannot carry, a lone surrogate, and bidirectional controls.
REFUSED = ["\x00", "\x1b", "\x0c", "\ufffe", "\uffff", "\ud800", "\udfff", "\u202e", "\u2067"]


def _document(**answers: Any) -> dict[str, Any]:
    document = new_record("electronic-signature").to_json()
    document["answers"].update(answers)
    return document


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


@pytest.mark.parametrize("char", REFUSED)
def test_a_remark_the_formats_cannot_carry_is_refused_however_it_is_given(char: str) -> None:
    """0.1.0 accepted it, then wrote it raw into XCCDF (malformed) or crashed in DOCX."""
    remark = f"key{char}shared"
    blank = new_record("electronic-signature")
    with pytest.raises(kz.InvalidRecordError) as caught:
        blank.mark("EDS-004", "does-not-conform", remark)
    assert [p.where for p in caught.value.problems] == ["answers.EDS-004.remark"]
    assert _code_point(char) in str(caught.value) and "position 3" in str(caught.value)
    with pytest.raises(kz.InvalidRecordError, match=re.escape(_code_point(char))):
        InspectionRecord(
            checklist=blank.checklist,
            edition=blank.edition,
            header=blank.header,
            ids=blank.ids,
            verdicts=blank.verdicts,
            remarks=(None, None, None, remark),
        )
    document = _document(**{"EDS-004": {"verdict": "does-not-conform", "remark": remark}})
    text = json.dumps(document)  # "\ud800" is written as its escape, as JSON allows
    for found in (validate(text), validate(document)):
        assert [p.where for p in found] == ["answers.EDS-004.remark"]
        assert _code_point(char) in found[0].message
    with pytest.raises(kz.InvalidRecordError, match=re.escape(_code_point(char))):
        loads_record(text)


@pytest.mark.parametrize("char", REFUSED)
@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"entity_name": "ACME{c}"}, "header.entity_name"),
        ({"address": "Astana{c}"}, "header.address"),
        ({"assignment_act": {"number": "15{c}", "date": None}}, "header.assignment_act.number"),
        (
            {"officials": [{"position": "inspector{c}", "full_name": None}]},
            "header.officials.0.position",
        ),
        ({"head": {"position": None, "full_name": "A. B.{c}"}}, "header.head.full_name"),
    ],
)
def test_a_header_text_the_formats_cannot_carry_is_refused_naming_its_field(
    char: str, fields: dict[str, Any], where: str
) -> None:
    """0.1.0 accepted any header text; a lone surrogate made every export raise
    UnicodeEncodeError, and with_header told of "unexpected end of hex escape"."""
    given = json.loads(json.dumps(fields).replace("{c}", json.dumps(char)[1:-1]))
    with pytest.raises(kz.InvalidRecordError) as caught:
        new_record("electronic-signature").with_header(**given)
    assert [p.where for p in caught.value.problems] == [where]
    assert _code_point(char) in caught.value.problems[0].message
    document = _document()
    document["header"].update(given)
    found = validate(json.dumps(document))
    assert [p.where for p in found] == [where]


def test_a_profile_the_formats_cannot_carry_is_refused() -> None:
    document = _document()
    document["profile"] = "mobile\x1b[2J.json"
    assert [(p.where, _code_point("\x1b") in p.message) for p in validate(document)] == [
        ("profile", True)
    ]


@pytest.mark.parametrize("remark", ["\u200b", " \u200b\ufeff ", "\u2060", "\u00ad", "\u200e\t"])
def test_a_not_applicable_remark_of_only_invisible_characters_is_blank(remark: str) -> None:
    """0.1.0 took a zero-width space for a remark saying why, though it says nothing."""
    with pytest.raises(kz.InvalidRecordError, match=NEEDS_REMARK):
        new_record("electronic-signature").mark("EDS-002", "not-applicable", remark)
    document = _document(**{"EDS-002": {"verdict": "not-applicable", "remark": remark}})
    assert [p.message for p in validate(document)] == [NEEDS_REMARK]


def test_a_header_field_of_only_invisible_characters_is_missing_in_a_final_record() -> None:
    record = new_record("electronic-signature").with_header(entity_name="\u200b\u200d")
    assert "header.entity_name" in record.missing_header_fields()


def test_invisible_characters_among_other_text_are_kept() -> None:
    remark = "shared\u200bkey"  # a zero-width space inside words: exact, as written
    record = new_record("electronic-signature").mark("EDS-004", "does-not-conform", remark)
    assert loads_record(json.dumps(record.to_json())).answers["EDS-004"].remark == remark


def test_an_id_with_an_invisible_character_is_unknown_and_the_character_is_named() -> None:
    with pytest.raises(kz.InvalidRecordError) as caught:
        new_record("electronic-signature").mark("EDS-001\u200b", "conforms")
    message = str(caught.value)
    assert "did you mean 'EDS-001'?" in message
    assert "U+200B (ZERO WIDTH SPACE) at position 7, which cannot be seen" in message


@pytest.mark.parametrize("command", ["validate", "score"])
def test_an_id_of_thousands_of_digits_is_a_problem_not_a_crash(
    tmp_path: Path, command: str
) -> None:
    """0.1.0 exited 70: int() of a serial past Python's 4,300-digit limit."""
    path = tmp_path / "huge.json"
    serial = "9" * 5000
    path.write_text(json.dumps(_document(**{f"EDS-{serial}": {"verdict": None}})))
    done = _cli(command, str(path))
    assert done.returncode == 1, done.stderr
    assert "unknown requirement ID" in done.stdout and "Traceback" not in done.stderr
    done = _cli("history", f"EDS-{serial}")
    assert done.returncode == 2 and "unknown requirement ID" in done.stderr


def test_only_the_first_few_unknown_ids_get_a_did_you_mean() -> None:
    """0.1.0 looked for the closest ID of each of a million unknown IDs: 825 s."""
    unknown = {f"EDS-{n:04d}x": {"verdict": None} for n in range(300)}
    found = validate(_document(**unknown))
    assert len(found) == 300
    assert sum("did you mean" in p.message for p in found) == HINTS
    answers = {rid: "conforms" for rid in unknown}
    with pytest.raises(kz.InvalidRecordError) as caught:
        new_record("electronic-signature").mark_many(answers)
    assert caught.value.count == 300
    assert sum("did you mean" in p.message for p in caught.value.problems) == HINTS


def test_far_more_answers_than_requirements_are_one_problem() -> None:
    """0.1.0 made a problem, and a hint, for each of a million answers (825 s, 1.2 GB);
    benchmarks/bench_hostile.py measures the time and memory it takes now."""
    count = 200_000
    document = _document(**{f"XYZ-{n:07d}": {"verdict": "conforms"} for n in range(count)})
    text = json.dumps(document)
    found = validate(text)
    assert [p.where for p in found] == ["answers"]
    assert f"holds {count + 4} answers" in found[0].message and len(found[0].message) < 500
    assert "XYZ-0000000" in found[0].message  # the first stray keys are named


def test_just_fewer_answers_than_the_limit_are_each_checked() -> None:
    form = kz.checklist("electronic-signature")
    strays = answers_limit(form) - len(form.ids)
    document = _document(**{f"XYZ-{n:04d}": {"verdict": None} for n in range(strays)})
    assert len(validate(document)) == strays
    document["answers"]["XYZ-one-more"] = {"verdict": None}
    assert [p.where for p in validate(document)] == ["answers"]


def test_problems_past_the_kept_number_are_counted_not_listed(tmp_path: Path) -> None:
    # Each stray answer has two problems (its verdict, its ID): more than KEPT in all.
    strays = {f"XYZ-{n:04d}": {"verdict": "yes"} for n in range(900)}
    document = _document(**strays)
    found = validate(document)
    assert len(found) == KEPT + 1
    assert found[-1].where == "" and "and 800 more problems" in found[-1].message
    with pytest.raises(kz.InvalidRecordError) as caught:
        loads_record(document)
    error = caught.value
    assert len(error.problems) == KEPT and error.count == 1800 and error.more == 800
    lines = str(error).splitlines()
    assert len(lines) == 1 + LISTED + 1 and lines[-1] == f"  and {1800 - LISTED} more"
    path = tmp_path / "strays.json"
    path.write_text(json.dumps(document))
    done = _cli("validate", str(path))
    assert done.returncode == 1
    out = done.stdout.splitlines()
    assert out[0].endswith("invalid inspection record, 1800 problems:")
    assert len(out) == 1 + LISTED + 1 and out[-1] == f"  and {1800 - LISTED} more"


def test_a_control_character_in_a_record_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    path = tmp_path / "forged.json"
    forged = "EDS-001\nFAKE: compliance 100%\x1b[2J"
    path.write_text(json.dumps(_document(**{forged: {"verdict": None}})))
    done = _cli("validate", str(path))
    assert done.returncode == 1
    assert "\x1b" not in done.stdout and "\nFAKE" not in done.stdout
    assert "\\nFAKE: compliance 100%\\x1b[2J" in done.stdout
