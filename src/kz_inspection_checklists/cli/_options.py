"""What every command shares: its argument types and its options for an edition, a format, a
language and an output.

Every argument's ``type=`` says what it names: an :class:`OutputName` is a file the
command writes, an :class:`InPlaceName` a file it reads and updates, a :class:`Word`
never names a file, an :class:`EditionName` names a file only where the library reads it
as one. :mod:`._files` reads them to keep inputs safe.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Optional

from .._text import unsafe

PROG = "kz-checklists"

#: Output names that mean standard output.
STDOUT_NAMES = ("-", "/dev/stdout")


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


class OutputName(str):
    """The value of an option naming a file the command writes (``-``: standard output).

    Use it as the option's ``type=``; :func:`check_files` tells outputs from inputs by it.
    """

    __slots__ = ()


class InPlaceName(str):
    """The value of an argument naming a file the command reads and then replaces, updated.

    Use it as the argument's ``type=``; :func:`check_files` lets the command write that
    one file, which must exist, and no other of its inputs.
    """

    __slots__ = ()


class Word(str):
    """The value of an argument that never names a file: a key, an ID, a code, a date, a text.

    Use it as the argument's ``type=``, so that a file that happens to have the same
    name is not taken for one of the command's inputs. A value holding a character no
    format can carry, or a bidirectional override, is refused as a record's text would
    be (:func:`~.._text.unsafe`).
    """

    __slots__ = ()

    def __new__(cls, value: str = "") -> Word:
        why = unsafe(value)
        if why:
            raise argparse.ArgumentTypeError(f"{value!r} {why}")
        return super().__new__(cls, value)


class EditionName(str):
    """The value of an argument naming an edition: an ID, an alias, 'latest' or a file.

    Use it as the argument's ``type=``. Such a value counts as an input file only where
    the library reads it as one: a value that resolves as a bundled edition ID, an alias
    or ``latest`` is never read from disk, whatever file has that name.
    """

    __slots__ = ()


class ProfileName(str):
    """The value of an argument naming a profile: a shipped profile's ID, or a profile file.

    Use it as the argument's ``type=``. Such a value counts as an input file only where
    the library reads it as one (a path: a name ending in ``.json`` or holding a ``/``).
    """

    __slots__ = ()


def add_profile(parser: argparse.ArgumentParser, help: str) -> None:
    """``--profile``: a shipped profile's ID or the path of a profile file."""
    parser.add_argument("--profile", type=ProfileName, metavar="P", help=help)


def add_checklist(parser: argparse.ArgumentParser) -> None:
    """The positional CHECKLIST: a key or an annex number."""
    parser.add_argument(
        "checklist",
        type=Word,
        metavar="CHECKLIST",
        help="a checklist key or annex number ('kz-checklists list' names them)",
    )


def add_edition(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--edition",
        type=EditionName,
        default="latest",
        metavar="E",
        help="edition ID, alias (2019, 2023), 'latest' (default) or an edition file",
    )


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default {choices[0]})",
    )


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=OutputName,
        default="-",
        metavar="FILE",
        help="write to FILE (default '-': standard output)",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def dumps(document: Any) -> str:
    """JSON as the CLI prints it: UTF-8 text, two-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def is_stdout(output: Optional[str]) -> bool:
    """Whether ``output`` (``None`` when not given) means standard output."""
    return output is None or output in STDOUT_NAMES


def add_language(parser: argparse.ArgumentParser) -> None:
    """``--language``: a language of the law's text that the edition holds."""
    parser.add_argument(
        "--language",
        type=Word,
        metavar="CODE",
        help="the language of the text (ISO 639, e.g. en, kk, ru; default: the edition's own)",
    )
