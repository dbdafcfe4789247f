"""File safety for every command: no command writes over a file it reads, or half a file.

Which files a command reads and writes is decided in one place, :func:`check_files`,
which ``main()`` runs on every command's arguments before the command starts: every
argument naming an existing file counts as an input (an :class:`~._options.EditionName`
only where the library reads it as a file, not where it names a bundled edition), every
option made with :class:`~._options.OutputName` is an output, and no output may be an
input, another output, an existing file without ``--force``, or anything but a regular
file. The one file a command may write over is an :class:`~._options.InPlaceName`, the
record that ``mark`` and ``header`` update: it must be an existing regular file, and
may be no other input or output of the command.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional

from .._files import write_atomically
from .._text import printable
from ..exports import BINARY_FORMATS
from ._options import (
    EditionName,
    InPlaceName,
    OutputName,
    ProfileName,
    UsageError,
    Word,
    is_stdout,
)

#: The installed package, whose data files every command reads.
_PACKAGE = Path(__file__).resolve().parents[1]


def check_files(args: argparse.Namespace, actions: Iterable[argparse.Action]) -> None:
    """Refuse, before the command runs, file arguments it could not use safely.

    ``actions`` are the command's arguments. An empty value is refused; a value naming
    an existing file is an input (whatever the option: a record, an edition file, a
    base edition, weights, a source text) unless it is a :class:`Word` or an
    :class:`EditionName` that names a bundled edition, and so is every data file of
    the package; an :class:`OutputName` is an output. Two
    outputs may not be one file, an output may not be an input (not even with
    ``--force``), and each output must pass :func:`check_output`. Files are compared
    as the system sees them (:func:`os.path.samefile`), so links are no way round.
    """
    inputs: list[tuple[str, str]] = []
    outputs: list[tuple[str, str]] = []
    in_place: list[tuple[str, str]] = []
    for action in actions:
        value = getattr(args, action.dest, None)
        label = (
            action.option_strings[0]
            if action.option_strings
            else str(action.metavar or action.dest)
        )
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                continue
            if not item.strip():
                what = "file name" if _names_file(action) else "value"
                raise UsageError(f"{label}: no {what} given")
            if isinstance(item, OutputName):
                outputs.append((label, item))
            elif isinstance(item, InPlaceName):
                in_place.append((label, item))
            elif not isinstance(item, Word) and _exists(item) and not _bundled(item):
                inputs.append((label, item))
    # The package's own data is read by every command, whether named or not; only a
    # command that writes a file need look for it.
    if in_place or any(not is_stdout(output) for _, output in outputs):
        inputs += [("the package's data", str(p)) for p in _PACKAGE.rglob("*.json")]
    for index, (label, name) in enumerate(in_place):
        check_in_place(name, option=label)
        others = [*inputs, *outputs, *in_place[:index]]
        for other_label, other in others:
            if _same_file(name, other):
                raise UsageError(
                    f"{label} {name!r} is updated in place, so it cannot also be "
                    f"{other_label} {other!r}; give another file"
                )
    force = bool(getattr(args, "force", False))
    for index, (label, output) in enumerate(outputs):
        for other_label, other in outputs[:index]:
            if _same_file(output, other):
                raise UsageError(
                    f"{other_label} and {label} both name standard output; give one a file"
                    if is_stdout(output)
                    else f"{other_label} {other!r} and {label} {output!r} name the same file; "
                    "give each its own"
                )
        if is_stdout(output):
            continue
        for input_label, name in inputs:
            if _same_file(output, name):
                raise UsageError(
                    f"refusing to write over the input file {output!r} "
                    f"(read as {input_label} {name!r}); choose another {label}"
                )
        check_output(output, force=force, option=label)


def check_in_place(name: str, *, option: str) -> None:
    """Refuse a file to update in place that is not an existing regular file."""
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        raise UsageError(f"{option} {name!r}: no such file") from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else None
        raise UsageError(f"{option} {name!r}: cannot use it ({reason or error})") from None
    if stat.S_ISDIR(mode):
        raise UsageError(f"{option} {name!r} is a directory; give a record file")
    if not stat.S_ISREG(mode):
        raise UsageError(f"{option} {name!r} is not a regular file; give a record file")


def check_output(output: str, *, force: bool, option: str = "-o") -> None:
    """Refuse an output that is not a regular file, or that exists and ``force`` is off."""
    try:
        mode = os.stat(output).st_mode
    except FileNotFoundError:
        directory = _resolve(output).parent
        if not directory.is_dir():
            raise UsageError(
                f"{option} {output!r}: there is no directory {str(directory)!r} to write it in"
            ) from None
        return
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else None
        raise UsageError(f"{option} {output!r}: cannot write there ({reason or error})") from None
    if stat.S_ISDIR(mode):
        raise UsageError(f"{option} {output!r} is a directory; give a file name")
    if not stat.S_ISREG(mode):
        raise UsageError(
            f"{option} {output!r} is not a regular file; give a file name, "
            "or '-' for standard output"
        )
    if not force:
        raise UsageError(f"{output!r} exists; pass --force to replace it")


def emit(
    text: str, output: Optional[str] = None, *, force: bool = False, option: str = "-o"
) -> None:
    """Print ``text``, or write it to ``output`` whole or not at all."""
    if output is None or is_stdout(output):
        stdout().write(text if text.endswith("\n") else text + "\n")
        return
    write_output(text.encode("utf-8"), output, force=force, option=option)


class ClosedOutput(OSError):
    """Standard output is closed (``>&-``): nothing the command prints can be written."""


def stdout() -> Any:
    """Standard output, or :class:`ClosedOutput` when it is closed (``>&-``)."""
    if sys.stdout is None:
        raise ClosedOutput(errno.EBADF, "standard output is closed")
    return sys.stdout


def say(message: str) -> None:
    """Say something on standard error, on one line: the data in it (file names, IDs,
    words from a file) shown escaped (:func:`~.._text.printable`)."""
    print(printable(message), file=sys.stderr)


def wrote(output: Optional[str], what: str) -> None:
    """Say on standard error what a command wrote to a file: one line, ``wrote FILE (what)``.

    Nothing is said for standard output, so that what is written there stays the output.
    """
    if output is None or is_stdout(output):
        return
    say(f"wrote {output} ({what})")


def write_output(data: bytes, output: str, *, force: bool, option: str = "-o") -> None:
    """Write ``data`` to the file ``output``, checked again now that it is written."""
    check_output(output, force=force, option=option)
    write_atomically(Path(output), data)


def _names_file(action: argparse.Action) -> bool:
    metavar = str(action.metavar or "")
    if action.type is Word:
        return False
    return action.type is OutputName or "FILE" in metavar or metavar in ("RECORD", "SOURCE.txt")


def _bundled(item: str) -> bool:
    """Whether ``item`` is an edition argument the library reads as a bundled edition, or
    a profile argument it reads as a shipped profile's ID."""
    if isinstance(item, ProfileName):
        from ..law.applicability import is_profile_file

        return not is_profile_file(item.strip())
    if not isinstance(item, EditionName):
        return False
    from ..exceptions import ChecklistError
    from ..law.store import bundled

    try:
        bundled().resolve(str(item))
    except ChecklistError:
        return False
    return True


def _exists(name: str) -> bool:
    try:
        return os.path.exists(name)
    except (OSError, ValueError):
        return False


def _resolve(name: Any) -> Path:
    return Path(os.path.abspath(name)).resolve()


def _same_file(first: str, second: str) -> bool:
    if is_stdout(first) or is_stdout(second):
        return is_stdout(first) and is_stdout(second)
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):  # one does not exist (yet): compare where they would be
        try:
            return _resolve(first) == _resolve(second)
        except (OSError, ValueError, RuntimeError):
            return False


def write_result(data: bytes, args: argparse.Namespace) -> None:
    """A command's result: to standard output (a binary format only when it is no
    terminal), or to ``-o`` whole or not at all."""
    output: Optional[str] = args.output
    if output is None or is_stdout(output):
        out = stdout()
        if args.format in BINARY_FORMATS and out.isatty():
            raise UsageError(f"{args.format} is a binary format; pass -o FILE to write it")
        stream = getattr(out, "buffer", None)
        if stream is None:  # a text-only stand-in for stdout, e.g. under doctest
            if args.format in BINARY_FORMATS:
                raise UsageError(f"{args.format} is a binary format; pass -o FILE to write it")
            out.write(data.decode("utf-8"))
            return
        out.flush()
        stream.write(data)
        stream.flush()
        return
    write_output(data, output, force=args.force)
