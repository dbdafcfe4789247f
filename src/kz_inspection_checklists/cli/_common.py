"""What every command shares: the options for an edition and a format, and safe output."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

PROG = "kz-checklists"


class UsageError(Exception):
    """The command line itself is wrong (exit code 2)."""


def add_edition(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--edition",
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
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not standard output")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def dumps(document: Any) -> str:
    """JSON as the CLI prints it: UTF-8 text, two-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def emit(
    text: str, output: Optional[str] = None, *, force: bool = False, inputs: tuple[str, ...] = ()
) -> None:
    """Print ``text``, or write it to ``output`` whole or not at all.

    An existing file is replaced only with ``force``, and never when it is one of the
    command's ``inputs``.
    """
    if output is None or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    target = Path(output)
    if any(target.resolve() == Path(i).resolve() for i in inputs):
        raise UsageError(f"refusing to write over the input file {output!r}; choose another -o")
    if target.exists() and not force:
        raise UsageError(f"{output!r} exists; pass --force to replace it")
    write_atomically(target, text.encode("utf-8"))


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file, so no half-file is left."""
    directory = target.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; give it the mode a plain open() would.
        os.chmod(temporary, _default_mode())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
