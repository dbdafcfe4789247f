"""Text from users made safe: what the output formats cannot carry, what cannot be seen, and
what must not reach a terminal raw.

Three rules, one place:

- **Never in.** A character XML 1.0 cannot carry (a C0 control other than tab, line
  feed and carriage return; U+FFFE or U+FFFF) or a lone surrogate cannot be written to
  XCCDF, DOCX or HTML, so every string a user supplies is checked where it enters
  (:func:`unsafe`): the problem names the character by code point.
- **Bidirectional overrides are refused too**, in every string a user supplies: they
  make text read differently from how it is stored (U+202A to U+202E, U+2066 to
  U+2069). Other invisible characters (zero-width spaces and joiners, U+FEFF) are
  kept where a text has something else, but a remark or a field of only white space
  and invisible characters is blank (:func:`blank`). IDs, keys and names are ASCII
  (see :mod:`._suggest` for a look-alike character pointed at).
- **Shown escaped.** A terminal reads control characters (ESC, CR, a newline inside a
  name) as commands, so every error message and text rendering shows data through
  :func:`printable`; structured outputs (JSON, CSV, files) keep the data exact.

>>> unsafe("ok\\x1b[2J")
'holds the character U+001B (ESCAPE) at position 2, which the output formats cannot carry; remove it'
>>> blank("\\u200b \\ufeff"), blank("n/a")
(True, False)
>>> print(printable("FAKE\\nline\\x1b[2J"))
FAKE\\nline\\x1b[2J
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Optional

__all__ = [
    "BIDI_CONTROLS",
    "INVISIBLE",
    "blank",
    "character",
    "number",
    "printable",
    "shortened",
    "unsafe",
    "unsafe_in",
    "unsafe_in_json",
    "unsafe_json",
]

#: Characters that reorder text for display (embeddings, overrides, isolates).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Characters that show nothing: zero-width spaces, joiners, marks, the BOM, bidi marks.
INVISIBLE = (
    frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u061c\u00ad")
    | BIDI_CONTROLS
)

# What XML 1.0 cannot carry (its Char production), lone surrogates, and the bidi controls.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
# What a terminal may act on: C0 and C1 controls, DEL, and the bidi controls.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def character(char: str) -> str:
    """A character named by its code point and Unicode name, e.g. ``U+001B (ESCAPE)``."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (a lone surrogate)"
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(code, "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def unsafe(text: str) -> Optional[str]:
    """Why ``text`` may not be let in (its first such character), or ``None``.

    >>> unsafe("\\u202eevil"), unsafe("fine: tab\\tand newline\\n")
    ('holds the character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 0, which reorders text as shown; remove it', None)
    """
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    why = (
        "which reorders text as shown"
        if char in BIDI_CONTROLS
        else "which the output formats cannot carry"
    )
    return f"holds the character {character(char)} at position {found.start()}, {why}; remove it"


def unsafe_in(tree: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Each string of a tree that may not be let in, as ``(path, why)``, in document order.

    ``tree`` is what a JSON reader gives (dicts, lists, strings, numbers) or a model's
    dump; tuples count as lists. ``path`` joins keys and list indexes with dots
    (``edition.checklists.0.requirements.3.text``); a key that may not be let in is
    named by its path, escaped (:func:`printable`), and ``(the key)``.

    >>> list(unsafe_in({"a": ["ok", "b\\x00"], "c\\u202e": 1}))
    [('a.1', 'holds the character U+0000 (NULL) at position 1, which the output formats cannot carry; remove it'), ('c\\\\u202e (the key)', 'holds the character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 1, which reorders text as shown; remove it')]
    """
    stack: list[tuple[str, object, Optional[str]]] = [(path, tree, None)]
    while stack:
        where, value, key = stack.pop()
        if key is not None:  # the key of an object's item is checked before its value
            problem = unsafe(key)
            if problem:  # the path holds the character: shown escaped
                yield f"{printable(where)} (the key)", problem
        if isinstance(value, str):
            problem = unsafe(value)
            if problem:
                yield where, problem
        elif isinstance(value, dict):
            stack += reversed(
                [
                    (f"{where}.{k}" if where else str(k), item, k if isinstance(k, str) else None)
                    for k, item in value.items()
                ]
            )
        elif isinstance(value, (list, tuple)):
            stack += reversed(
                [(f"{where}.{i}" if where else str(i), item, None) for i, item in enumerate(value)]
            )


# A JSON text's escapes of what :data:`_UNSAFE` matches (a surrogate pair, which is fine,
# matches too: this only says where to look closer).
_ESCAPED = re.compile(
    r"\\[bf]|\\u(?:00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])|[dD][89a-fA-F][0-9a-fA-F]{2}"
    r"|[fF]{3}[eEfF]|202[a-eA-E]|206[6-9])"
)


def unsafe_json(text: str) -> bool:
    """Whether a JSON text may hold a string :func:`unsafe` refuses, as a character or an
    escape: a quick look over the text, so that only such a text is walked (:func:`unsafe_in`).

    >>> unsafe_json('{"a": "plain"}'), unsafe_json('{"a": "\\\\u001b[2J"}')
    (False, True)
    """
    return _UNSAFE.search(text) is not None or _ESCAPED.search(text) is not None


def unsafe_in_json(text: str) -> Optional[tuple[str, str]]:
    """The first string of a JSON text that may not be let in, as ``(path, why)`` (an
    empty path for the top level), or ``None``; also ``None`` for a text that is not
    JSON, which its reader then refuses. Only a text :func:`unsafe_json` flags is read.

    >>> unsafe_in_json('{"a": ["ok", "b\\\\u0000"]}')
    ('a.1', 'holds the character U+0000 (NULL) at position 1, which the output formats cannot carry; remove it')
    >>> unsafe_in_json('{"a": "plain"}') is None, unsafe_in_json('not JSON \\\\u0000') is None
    (True, True)
    """
    if not unsafe_json(text):
        return None
    try:
        tree = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return next(unsafe_in(tree), None)


def number(text: str, digits: int = 9) -> Optional[int]:
    """The whole number ``text`` writes in at most ``digits`` ASCII digits, else ``None``.

    A number is never read from more digits than that: an ID's serial, an annex or a
    subparagraph has a few, and reading thousands of digits costs time for nothing.

    >>> number("0042"), number("1" * 20), number("²")
    (42, None, None)
    """
    if 0 < len(text) <= digits and text.isascii() and text.isdigit():
        return int(text)
    return None


#: The longest line of a message: a longer one keeps its start and its end.
LONGEST_LINE = 1000


def shortened(text: str, width: int = LONGEST_LINE) -> str:
    """``text`` with each line of more than ``width`` characters cut in its middle, saying
    how many characters were left out: an error quoting a name of megabytes stays
    readable, its start (what is wrong) and its end (how to fix it) kept.

    >>> shortened("unknown name '" + "x" * 5000 + "'; expected one of: a, b", width=60)
    "unknown name 'xxxxxxxxxxxxxxxxxxxxxx[4,978 characters left out]'; expected one of: a, b"
    """
    if len(text) <= width:
        return text
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if len(line) > width:
            head, tail = width * 3 // 5, width * 2 // 5
            left_out = len(line) - head - tail
            lines[at] = f"{line[:head]}[{left_out:,} characters left out]{line[-tail:]}"
    return "\n".join(lines)


def blank(text: Optional[str]) -> bool:
    """Whether a text says nothing: ``None``, empty, or only white space and invisible
    characters."""
    if text is None:
        return True
    stripped = text.strip()
    if not stripped or stripped[0] not in INVISIBLE:  # the first character tells, mostly
        return not stripped
    return all(c.isspace() or c in INVISIBLE for c in stripped)


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on shown as an escape
    (``\\x1b``, ``\\n``), and every other character as it is."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )
