"""Kazakhstan's 12-digit identification numbers (IIN and BIN) and their control digit.

An IIN (individual identification number) or BIN (business identification number) is
12 digits; the 12th is a control digit computed from the first 11:

1. multiply the digits by the weights 1, 2, ..., 11, add, and take the sum mod 11;
2. if that gives 10, multiply them by 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 instead, mod 11;
3. if that gives 10 again, the number is invalid;
4. otherwise the result must equal the 12th digit.

Numbers stay strings, so leading zeros are kept. A bad number raises
:class:`~kz_inspection_checklists.exceptions.InvalidInputError` naming the rule it broke
(``error.rule``).

>>> validate_iin("000000000000")
'000000000000'
>>> is_valid_iin("000000000001")
False
>>> validate_iin("12345")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.InvalidInputError: IIN/BIN '12345' has 5 characters; it must be exactly 12 digits
"""

from __future__ import annotations

from operator import mul
from typing import Optional

from ..exceptions import InvalidInputError

__all__ = ["FIRST_WEIGHTS", "SECOND_WEIGHTS", "iin_control_digit", "is_valid_iin", "validate_iin"]

#: The weights of the first pass over the first 11 digits.
FIRST_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
#: The weights of the second pass, used when the first gives 10.
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

_DIGITS = frozenset("0123456789")


def iin_control_digit(first_eleven: str) -> Optional[int]:
    """The control digit for the first 11 digits, or ``None`` when both passes give 10.

    Anything but a string of 11 digits raises :class:`InvalidInputError` (``rule`` is
    ``"type"`` for a value that is not a string, else ``"length"``).

    >>> iin_control_digit("00000000001")
    0
    """
    if not isinstance(first_eleven, str):
        raise InvalidInputError(
            f"expected the first 11 digits of an IIN/BIN as a string, got "
            f"{type(first_eleven).__name__} {first_eleven!r}",
            rule="type",
        )
    if len(first_eleven) != 11 or not _DIGITS.issuperset(first_eleven):
        raise InvalidInputError(
            f"expected the first 11 digits of an IIN/BIN, got {first_eleven!r}", rule="length"
        )
    digits = [ord(c) - 48 for c in first_eleven]
    control: int = sum(map(mul, FIRST_WEIGHTS, digits)) % 11
    if control == 10:
        control = sum(map(mul, SECOND_WEIGHTS, digits)) % 11
        if control == 10:
            return None
    return control


def validate_iin(value: object) -> str:
    """``value`` if it is a valid IIN/BIN; otherwise :class:`InvalidInputError`.

    The error's ``rule`` is one of ``"type"``, ``"length"``, ``"digits"``,
    ``"no-control-digit"`` (both passes give 10) and ``"control-digit"`` (mismatch).
    """
    if not isinstance(value, str):
        raise InvalidInputError(
            f"an IIN/BIN is a string of 12 digits, got {type(value).__name__} {value!r}; "
            "write it in quotes so leading zeros are kept",
            rule="type",
        )
    if len(value) != 12:
        raise InvalidInputError(
            f"IIN/BIN {value!r} has {len(value)} characters; it must be exactly 12 digits",
            rule="length",
        )
    if not _DIGITS.issuperset(value):
        bad = next(c for c in value if c not in _DIGITS)
        raise InvalidInputError(
            f"IIN/BIN {value!r} must be 12 digits 0-9 and nothing else; found {bad!r}",
            rule="digits",
        )
    control = iin_control_digit(value[:11])
    if control is None:
        raise InvalidInputError(
            f"IIN/BIN {value!r} is not a valid number: its first 11 digits give 10 with "
            "both sets of weights (1 to 11, then 3 to 11, 1, 2; mod 11), so no control digit "
            "exists",
            rule="no-control-digit",
        )
    if control != ord(value[11]) - 48:
        raise InvalidInputError(
            f"IIN/BIN {value!r} fails its control digit: the 12th digit is {value[11]}, but "
            f"the first 11 digits give {control}; check the number for a typing error",
            rule="control-digit",
        )
    return value


def is_valid_iin(value: object) -> bool:
    """Whether ``value`` is a valid IIN/BIN.

    >>> is_valid_iin(123456789012)
    False
    """
    try:
        validate_iin(value)
    except InvalidInputError:
        return False
    return True
