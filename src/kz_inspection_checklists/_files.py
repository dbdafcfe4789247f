"""Reading the files a user names: regular files only, and of a bounded size.

Every module that reads a user's file (an edition file, a source text, an inspection
record, weights) reads it through :func:`read_input`, so a directory, a FIFO, a device
such as ``/dev/zero`` or an empty name is refused the same way everywhere: with an
``OSError`` whose ``strerror`` says what is wrong.

>>> read_input("")
Traceback (most recent call last):
    ...
FileNotFoundError: [Errno 2] no file name given: ''
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Union

__all__ = ["MAX_INPUT_BYTES", "read_input"]

#: The largest input file read, far above any real edition, record or source text.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_input(path: Union[str, Path], *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``OSError``."""
    if not isinstance(path, (str, os.PathLike)):
        # An int would be read as a file descriptor, bytes as a raw name.
        raise OSError(
            errno.EINVAL,
            f"a file name is a string or a path, not {type(path).__name__}",
            repr(path),
        )
    name = str(path)
    if not name.strip():
        raise OSError(errno.ENOENT, "no file name given", name)
    try:
        mode = os.stat(path).st_mode  # before opening: opening a FIFO would block
        if stat.S_ISDIR(mode):
            raise OSError(errno.EISDIR, "is a directory, not a file", name)
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "is not a regular file", name)
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except ValueError as error:  # e.g. a NUL in the name
        raise OSError(errno.EINVAL, f"not a usable file name ({error})", name) from None
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"is larger than {limit // (1024 * 1024)} MiB", name)
    return data
