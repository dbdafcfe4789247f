"""The text policy's small parts: a character named, a text escaped, cut or searched."""

from __future__ import annotations

from kz_inspection_checklists._text import (
    character,
    number,
    printable,
    shortened,
    unsafe_in,
    unsafe_in_json,
)


def test_a_character_is_named_by_its_code_point_and_its_name_if_it_has_one() -> None:
    assert character("\x1b") == "U+001B (ESCAPE)"
    assert character("\x01") == "U+0001"  # no name in Unicode's table, nor in ours
    assert character("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert [character(c) for c in ("\ud7ff", "\ud800", "\udfff", "\ue000")] == [
        "U+D7FF",
        "U+D800 (a lone surrogate)",
        "U+DFFF (a lone surrogate)",
        "U+E000",
    ]


def test_a_terminal_s_controls_are_shown_as_escapes() -> None:
    assert printable("a\tb\nc\rd\x1be\x85f\u202eg") == "a\\tb\\nc\\rd\\x1be\\x85f\\u202eg"


def test_a_number_has_at_most_nine_digits_by_default() -> None:
    assert (number("123456789"), number("1234567890"), number("1234567890", 10)) == (
        123456789,
        None,
        1234567890,
    )


def test_only_a_line_longer_than_the_width_is_cut() -> None:
    text = "a" * 60 + "\n" + "b"
    assert shortened(text, width=60) == text
    assert shortened("c" * 61 + "\nd", width=60).startswith("c" * 36 + "[1 characters left out]")


def test_each_unsafe_string_is_found_by_its_path() -> None:
    assert [path for path, _ in unsafe_in(["ok", "a\x00"])] == ["1"]
    assert [path for path, _ in unsafe_in({5: "a\x00", "k": ("b\x1b",)})] == ["5", "k.0"]
    # A JSON text that only looks as if it held an escape of a control character.
    assert unsafe_in_json('{"a": "\\\\u0000"}') is None
