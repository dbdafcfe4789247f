"""The command line, ``kz-checklists``: a thin shell over the public API.

Each group of commands lives in its own module with a ``register(subparsers)``
function; each command imports the part of the library it runs, so a command loads no
more than it needs. Before a command runs, :func:`._files.check_files` checks the files
its arguments name, so no command writes over a file it reads. Errors in the user's
input print one line to standard error and exit with code 2 (an invalid record or a
drift exits with 1); nothing the user wrote is overwritten.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

from .._text import printable
from ..exceptions import ChecklistError, InvalidRecordError
from ._files import ClosedOutput, check_files
from ._options import PROG, UsageError
from ._problems import problem_lines

__all__ = ["main"]

#: The modules that add commands, in the order their commands are listed.
COMMAND_MODULES = (
    "catalog",
    "applicability",
    "inspection",
    "marking",
    "exports",
    "sheets",
    "editions",
    "cycle",
)


class _Once(argparse._StoreAction):
    """An option that takes one value: given twice, it is refused, not the last one kept."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Union[str, Sequence[Any], None],
        option_string: Optional[str] = None,
    ) -> None:
        given = namespace.__dict__.setdefault(_GIVEN, set())
        if option_string is not None:
            if self.dest in given:
                names = "/".join(self.option_strings)
                parser.error(f"{names} is given twice; give it once")
            given.add(self.dest)
        super().__call__(parser, namespace, values, option_string)


#: The namespace's record of the options given so far, for :class:`_Once`.
_GIVEN = "_kz_options_given"


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _Once)
        self.register("action", "store", _Once)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build() -> tuple[argparse.ArgumentParser, Mapping[str, argparse.ArgumentParser]]:
    """The parser, and each command's own parser by command name."""
    from .. import __doc__ as about
    from .. import __version__

    # The package says what it is and which order it bundles in its first two paragraphs.
    parser = _Parser(prog=PROG, description=" ".join((about or "").split("\n\n")[:2]))
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f".{name}", __name__).register(subparsers)
    return parser, subparsers.choices


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit code.

    Every message shows the data it quotes through :func:`~.._text.printable`, so no
    control character from a file reaches the terminal raw. Standard output broken
    before a command has printed all it had (``| head``) ends the command quietly, with
    exit code 2; standard output closed (``>&-``) says ``write error: standard output is
    closed`` on standard error, as GNU tools do, with exit code 2.
    """
    try:
        parser, commands = _build()
        if not (sys.argv[1:] if argv is None else argv):
            # No command at all: the list of commands, as --help gives it.
            parser.print_help(sys.stdout)
            return 0
        args = parser.parse_args(argv)
        check_files(args, commands[args.command]._actions)
        code: int = args.run(args)
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return 2
    except ClosedOutput as error:
        _error(f"write error: {error.strerror}")
        return 2
    except InvalidRecordError as error:
        count = error.count
        _error(f"invalid inspection record: {count} problem{'s' if count != 1 else ''}")
        for line in problem_lines(error):
            print(line, file=sys.stderr)
        return 2
    except (ChecklistError, UsageError) as error:
        _error(str(error))
        return 2
    except OSError as error:
        where = f" {error.filename!r}" if error.filename else ""
        _error(f"cannot use{where}: {error.strerror or error}")
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a defect of ours, not the user's input
        if os.environ.get("KZ_CHECKLISTS_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {type(error).__name__}: {error} "
            "(please report it; set KZ_CHECKLISTS_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 70


def _error(message: str) -> None:
    """One line on standard error, the data in it escaped."""
    print(f"{PROG}: error: {printable(message)}", file=sys.stderr)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that nothing more is tried on it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    sys.stdout = None
