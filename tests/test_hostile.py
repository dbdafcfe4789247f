"""Hostile input at the boundaries: text no format can carry, huge numbers, terminal
injection, closed output, look-alike letters, files left half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists._text import blank, number, printable, unsafe
from kz_inspection_checklists.exceptions import DataFileError
from kz_inspection_checklists.importer.parse import parse

from .conftest import SOURCE_TEXT

ROOT = Path(__file__).resolve().parents[1]


def _cli(*argv: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", *argv],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800", "\u202e", "\u2066"]
)
def test_a_character_no_format_can_carry_is_named_by_code_point(char: str) -> None:
    problem = unsafe(f"ab{char}cd")
    assert problem is not None
    assert f"U+{ord(char):04X}" in problem and "position 2" in problem


@pytest.mark.parametrize("text", ["plain", "tab\tand\nnewline\r", "zero\u200bwidth", "Ё ё № «»"])
def test_text_the_formats_carry_is_let_in(text: str) -> None:
    assert unsafe(text) is None


@pytest.mark.parametrize("text", [None, "", "  ", "\u200b", "\ufeff\u200d ", "\u00ad\t"])
def test_only_white_space_and_invisible_characters_are_blank(text: str) -> None:
    assert blank(text)


def test_printable_escapes_what_a_terminal_acts_on_and_nothing_else() -> None:
    assert printable("ok: Ё № «»") == "ok: Ё № «»"
    shown = printable("FAKE: compliance 100%\n\x1b[2J\r\u202e\x9b")
    assert shown == "FAKE: compliance 100%\\n\\x1b[2J\\r\\u202e\\x9b"
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_numbers_are_read_from_a_few_ascii_digits_only() -> None:
    assert number("0042") == 42
    assert number("9" * 4301) is None  # past Python's int-string limit, never converted
    assert number("١٢") is None  # Arabic-Indic digits are digits, but not ASCII
    assert number("", 3) is None


def test_a_source_text_with_a_control_character_names_its_line() -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    line = "observance of the requirement to have original technical documentation"
    assert text.count(line) == 1
    edited = text.replace(line, line.replace("original", "orig\x1binal"))
    with pytest.raises(DataFileError) as caught:
        parse(edited, source="edited.txt")
    expected_line = next(n for n, t in enumerate(edited.splitlines(), 1) if "\x1b" in t)
    assert caught.value.line == expected_line
    assert "U+001B (ESCAPE)" in str(caught.value)


def test_an_annex_number_of_thousands_of_digits_is_an_error_not_a_crash() -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8").replace(
        "Annex 3\n", "Annex " + "3" * 5000 + "\n", 1
    )
    with pytest.raises(DataFileError, match="at most 4 digits"):
        parse(text, source="edited.txt")


@pytest.mark.parametrize(
    "day", [10**5000, 2023, None, b"2023-06-03"], ids=["huge", "int", "none", "bytes"]
)
def test_a_date_that_is_not_a_date_or_a_string_is_invalid_input(day: object) -> None:
    """``as_of`` turned the value into a string first: an int past Python's digit limit
    raised ValueError."""
    with pytest.raises(kz.InvalidInputError, match="is not a date in the form YYYY-MM-DD"):
        kz.as_of(day)  # type: ignore[arg-type]


def test_a_cyrillic_look_alike_in_an_id_is_pointed_at() -> None:
    with pytest.raises(kz.UnknownNameError) as caught:
        kz.requirement("\u0421OM-001")
    assert caught.value.suggestion == "COM-001"
    assert "U+0421 (CYRILLIC CAPITAL LETTER ES) at position 0" in str(caught.value)
    assert "only looks like a Latin letter" in str(caught.value)


def test_an_error_quoting_control_characters_is_one_escaped_line() -> None:
    done = _cli("history", "COM\x1b[2J\nFAKE: compliance 100%")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "\x1b" not in done.stderr
    assert "\\x1b[2J" in done.stderr and "\\nFAKE" in done.stderr


@pytest.mark.parametrize(
    "command",
    [["show", "communications"], ["list"], ["export", "communications", "--format", "csv"]],
)
def test_closed_standard_output_is_one_line_on_standard_error_and_exit_2(
    command: list[str],
) -> None:
    """As GNU tools say it: "write error"."""
    done = subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert done.stderr == "kz-checklists: error: write error: standard output is closed\n"


def test_a_broken_pipe_ends_quietly_with_exit_2() -> None:
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write breaks the pipe
    try:
        done = _cli("export", "communications", "--format", "csv", stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr


def test_a_huge_weights_file_is_answered_quickly_with_a_short_message() -> None:
    from kz_inspection_checklists.record.scoring import Weights

    junk = {f"XYZ-{n:06d}": 1 for n in range(100_000)}
    with pytest.raises(kz.InvalidInputError) as caught:
        Weights(junk)
    message = str(caught.value)
    assert "and 99980 more" in message and len(message) < 5_000
    assert message.count("did you mean") <= 10


def test_a_weight_key_with_a_control_character_is_refused_naming_it() -> None:
    from kz_inspection_checklists.record.scoring import Weights

    with pytest.raises(kz.InvalidInputError, match=r"U\+001B \(ESCAPE\)"):
        Weights({"COM-001\x1b[2J": 1})


def test_a_group_name_with_a_newline_cannot_forge_a_line_of_the_score() -> None:
    from kz_inspection_checklists.present.text import score_text

    record = kz.new_record("electronic-signature").mark("EDS-001", "conforms")
    forged = "postal\nFAKE: compliance 100%\r"  # an ESC is refused where groups enter
    text = score_text(kz.score(record, groups={forged: ["EDS-001"]}))
    assert "\nFAKE" not in text and "\r" not in text
    assert "group postal\\nFAKE: compliance 100%\\r:" in text
    # The group's own lines are still lines.
    assert text.splitlines()[-1].startswith("    ")


def test_markdown_shows_control_characters_of_the_data_as_escapes() -> None:
    from kz_inspection_checklists.present.markdown import md

    assert md("a\x1b[2Jb\u202e") == r"a\\x1b\[2Jb\\u202e"
    assert md("plain *text*") == "plain \\*text\\*"


def test_a_name_of_megabytes_is_quoted_shortened_keeping_the_advice() -> None:
    """An unknown checklist or ID of 10 MB was quoted whole: a message line of 10 MB."""
    record = kz.new_record("communications").to_json()
    record["checklist"] = "x" * 10_000_000
    with pytest.raises(kz.InvalidRecordError) as caught:
        kz.loads_record(record)
    message = str(caught.value)
    assert len(message) < 1_200
    assert "characters left out]" in message
    assert message.endswith("expected one of informatization, communications, electronic-signature")
    problem = str(caught.value.problems[0])
    assert len(problem) <= 1_100 and problem.startswith("checklist: unknown checklist 'xxx")
    assert caught.value.problems[0].message.count("x") > 9_000_000  # kept exact for software
    with pytest.raises(kz.UnknownNameError) as unknown:
        kz.history("COM-" + "9" * 100_000)
    assert len(str(unknown.value)) < 1_100
    assert str(unknown.value).endswith("IDs look like INF-001, COM-001, EDS-001")


@pytest.mark.parametrize("grammar", [10**5000, None, 3.5], ids=["huge", "none", "float"])
def test_a_grammar_that_is_no_name_or_path_is_invalid_input(grammar: object) -> None:
    """The grammar was turned into a string first: an int past the digit limit raised
    ValueError."""
    from kz_inspection_checklists.importer.grammar import load_grammar

    with pytest.raises(kz.InvalidInputError, match="a grammar is a name"):
        load_grammar(grammar)  # type: ignore[arg-type]


@pytest.mark.parametrize("ascii_only", [True, False])
def test_every_character_refused_is_seen_in_a_json_text_however_it_is_written(
    ascii_only: bool,
) -> None:
    """JSON writes a form feed and a backspace as ``\\f`` and ``\\b``: the quick look for
    such a text (which decides whether its strings are walked) missed them."""
    import json

    from kz_inspection_checklists._text import unsafe_json

    refused = [chr(c) for c in range(0x10000) if unsafe(chr(c))]
    assert "\x0c" in refused and "\x08" in refused and "\ud800" in refused
    for char in refused:
        text = json.dumps(
            {"remark": f"x{char}y"}, ensure_ascii=ascii_only or "\ud800" <= char <= "\udfff"
        )
        assert unsafe_json(text), repr(char)
