"""IIN/BIN control digits, with numbers built in the test by the rule itself."""

from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_inspection_checklists.exceptions import InvalidInputError
from kz_inspection_checklists.record.iin import iin_control_digit, is_valid_iin, validate_iin

eleven_digits = st.text(alphabet="0123456789", min_size=11, max_size=11)


def control(first_eleven: str) -> Optional[int]:
    """The rule as the issue states it, written out independently of the library."""
    digits = [int(c) for c in first_eleven]
    first = sum((i + 1) * d for i, d in enumerate(digits)) % 11
    if first != 10:
        return first
    weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
    second = sum(w * d for w, d in zip(weights, digits)) % 11
    return None if second == 10 else second


def test_a_hand_computed_number() -> None:
    # 1*1+2*2+3*3+4*4+5*5+6*6+7*7+8*8+9*9+10*0+11*1 = 296 = 26*11 + 10: the first pass gives 10.
    # 3*1+4*2+5*3+6*4+7*5+8*6+9*7+10*8+11*9+1*0+2*1 = 377 = 34*11 + 3: the second gives 3.
    assert validate_iin("123456789013") == "123456789013"
    with pytest.raises(InvalidInputError) as caught:
        validate_iin("123456789012")
    assert caught.value.rule == "control-digit"
    assert "the 12th digit is 2, but the first 11 digits give 3" in str(caught.value)


def test_leading_zeros_are_kept() -> None:
    # 0*1 + ... + 0*10 + 1*11 = 11: control 0.
    assert validate_iin("000000000010") == "000000000010"
    assert iin_control_digit("00000000001") == 0


def test_both_passes_giving_ten_is_invalid() -> None:
    both_ten = next(f"{n:011d}" for n in range(10**6, 10**7) if control(f"{n:011d}") is None)
    assert iin_control_digit(both_ten) is None
    for last in "0123456789":
        with pytest.raises(InvalidInputError) as caught:
            validate_iin(both_ten + last)
        assert caught.value.rule == "no-control-digit"
        assert "give 10 with both sets of weights" in str(caught.value)


def test_first_pass_ten_second_pass_decides() -> None:
    first_ten = next(
        f"{n:011d}"
        for n in range(10**6, 10**7)
        if sum((i + 1) * int(c) for i, c in enumerate(f"{n:011d}")) % 11 == 10
        and control(f"{n:011d}") is not None
    )
    expected = control(first_ten)
    assert expected is not None
    assert validate_iin(f"{first_ten}{expected}")
    assert not is_valid_iin(f"{first_ten}{(expected + 1) % 10}")


@given(eleven_digits)
def test_the_control_digit_follows_the_rule(first: str) -> None:
    expected = control(first)
    assert iin_control_digit(first) == expected
    for last in range(10):
        number = f"{first}{last}"
        assert is_valid_iin(number) == (last == expected)
        if last != expected:
            with pytest.raises(InvalidInputError) as caught:
                validate_iin(number)
            rule = "no-control-digit" if expected is None else "control-digit"
            assert caught.value.rule == rule


@pytest.mark.parametrize(
    ("value", "rule", "words"),
    [
        ("", "length", "has 0 characters"),
        ("12345", "length", "has 5 characters"),
        ("1234567890123", "length", "has 13 characters"),
        ("12345678901a", "digits", "found 'a'"),
        (" 12345678901", "digits", "found ' '"),
        ("１２３４５６７８９０１３", "digits", "found '１'"),
        ("1234-5678-90", "digits", "found '-'"),
        (
            123456789013,
            "type",
            "got int 123456789013; write it in quotes so leading zeros are kept",
        ),
        (None, "type", "got NoneType"),
        (b"123456789013", "type", "got bytes"),
    ],
)
def test_malformed_numbers_name_the_rule(value: object, rule: str, words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        validate_iin(value)
    assert caught.value.rule == rule
    assert words in str(caught.value)
    assert isinstance(caught.value, InvalidInputError)
    assert isinstance(caught.value, ValueError)
    assert not is_valid_iin(value)


@given(st.one_of(st.text(max_size=20), st.integers(), st.binary(max_size=14), st.none()))
def test_junk_never_escapes_as_another_error(value: object) -> None:
    try:
        validate_iin(value)
    except InvalidInputError:
        assert not is_valid_iin(value)
    else:
        assert isinstance(value, str) and len(value) == 12 and value.isdigit()
        assert control(value[:11]) == int(value[11])


@pytest.mark.parametrize("bad", ["1234567890", "1234567890a", "１２３４５６７８９０１"])
def test_control_digit_needs_eleven_digits(bad: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        iin_control_digit(bad)
    assert caught.value.rule == "length"
    assert f"expected the first 11 digits of an IIN/BIN, got {bad!r}" in str(caught.value)


@pytest.mark.parametrize("bad", [None, 12345678901, 1.5, ["0"] * 11, b"00000000001"])
def test_control_digit_of_a_non_string_is_the_library_error(bad: object) -> None:
    # len(None) or iterating a float would raise TypeError, not the named error.
    with pytest.raises(InvalidInputError) as caught:
        iin_control_digit(bad)  # type: ignore[arg-type]
    assert caught.value.rule == "type"
    assert type(bad).__name__ in str(caught.value)


@given(st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.lists(st.text())))
def test_control_digit_junk_never_escapes_as_another_error(value: object) -> None:
    with pytest.raises(InvalidInputError):
        iin_control_digit(value)  # type: ignore[arg-type]
