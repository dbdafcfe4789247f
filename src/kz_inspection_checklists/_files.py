"""The user's files: read as regular files of a bounded size, JSON keys once; written atomically.

Every module that reads a user's file (an edition file, a source text, an inspection
record, weights) reads it through :func:`read_input`, so a directory, a FIFO, a device
such as ``/dev/zero`` or an empty name is refused the same way everywhere: with an
``OSError`` whose ``strerror`` says what is wrong. Every JSON file a user names (a
record, weights, groups, an edition file) is read with :func:`loads_json_unique` or
checked with :func:`duplicate_keys`, so a key given twice in one object is refused the
same way everywhere, where ``json.loads`` would silently keep the last. Every file the
library writes is written by :func:`write_atomically`: whole or not at all.

>>> read_input("")
Traceback (most recent call last):
    ...
FileNotFoundError: [Errno 2] no file name given: ''
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from pathlib import Path
from typing import Any, Callable, Optional, Union

__all__ = [
    "MAX_INPUT_BYTES",
    "STALE_SECONDS",
    "DuplicateKeyError",
    "check_utf8",
    "decode_utf8",
    "duplicate_keys",
    "loads_json_unique",
    "read_input",
    "read_json",
    "write_atomically",
]

#: The largest input file read, far above any real edition, record or source text.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_input(path: Union[str, os.PathLike[str]], *, limit: int = MAX_INPUT_BYTES) -> bytes:
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
            # As much as the file holds (a buffer of ``limit`` bytes for a small file would
            # cost that much memory), and the rest if it grew since, up to one byte past.
            size = os.fstat(stream.fileno()).st_size
            data = stream.read(min(size, limit) + 1)
            if size < len(data) <= limit:
                data += stream.read(limit + 1 - len(data))
    except ValueError as error:  # e.g. a NUL in the name
        raise OSError(errno.EINVAL, f"not a usable file name ({error})", name) from None
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"is larger than {limit // (1024 * 1024)} MiB", name)
    return data


#: Byte order marks of encodings other than UTF-8, longest first.
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)


def decode_utf8(data: Union[bytes, bytearray]) -> str:
    """The text of UTF-8 bytes, a UTF-8 byte order mark skipped.

    Other bytes raise ``ValueError`` saying what they are: text in another encoding
    (UTF-16 or UTF-32, told by its byte order mark or its zero bytes), or the first byte
    that is not UTF-8.

    >>> decode_utf8("Ü".encode("utf-16"))
    Traceback (most recent call last):
        ...
    ValueError: it is UTF-16 (little-endian) text (it starts with that byte order mark), not UTF-8; save it as UTF-8
    """
    raw = bytes(data)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for bom, name in _OTHER_BOMS:
        if raw.startswith(bom):
            raise ValueError(
                f"it is {name} text (it starts with that byte order mark), not UTF-8; "
                "save it as UTF-8"
            )
    wide = ValueError(
        "it looks like UTF-16 or UTF-32 text (it has zero bytes), not UTF-8; save it as UTF-8"
    )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if b"\x00" in raw[:4]:
            raise wide from None
        raise ValueError(
            f"it is not UTF-8 text (byte {error.start} is {raw[error.start]:#04x}); save it as "
            "UTF-8"
        ) from None
    if "\x00" in text[:4]:  # UTF-16 or UTF-32 of ASCII, without a byte order mark
        raise wide
    return text


def check_utf8(data: Union[bytes, bytearray]) -> int:
    """Where the text of UTF-8 bytes starts (3 after a UTF-8 byte order mark, else 0).

    The bytes are checked as :func:`decode_utf8` checks them, raising the same
    ``ValueError``, a megabyte at a time: the text is never held whole, so a reader can
    then decode only what it needs.

    >>> check_utf8(b"\\xef\\xbb\\xbfid,text"), check_utf8(b"id,text")
    (3, 0)
    >>> check_utf8(b"id,\\xe9t\\xe9")
    Traceback (most recent call last):
        ...
    ValueError: it is not UTF-8 text (byte 3 is 0xe9); save it as UTF-8
    """
    import codecs

    raw = memoryview(data)
    start = 3 if bytes(raw[:3]) == b"\xef\xbb\xbf" else 0
    head = bytes(raw[start : start + 4])
    for bom, name in _OTHER_BOMS:
        if head.startswith(bom):
            raise ValueError(
                f"it is {name} text (it starts with that byte order mark), not UTF-8; "
                "save it as UTF-8"
            )
    if b"\x00" in head:
        raise ValueError(
            "it looks like UTF-16 or UTF-32 text (it has zero bytes), not UTF-8; save it as UTF-8"
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunk = 1 << 20
    for offset in range(start, max(len(raw), start + 1), chunk):
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(raw[offset : offset + chunk], final=offset + chunk >= len(raw))
        except UnicodeDecodeError as error:
            at = offset - pending + error.start
            raise ValueError(
                f"it is not UTF-8 text (byte {at - start} is {raw[at]:#04x}); save it as UTF-8"
            ) from None
    return start


class DuplicateKeyError(ValueError):
    """A JSON object holds a key twice: ``duplicates`` lists each as ``(path, key)``.

    ``path`` is where the object sits in the document, keys and list indexes joined
    with dots (``""`` for the top level), e.g. ``("header", "iin_bin")``.
    """

    def __init__(self, duplicates: list[tuple[str, str]]) -> None:
        self.duplicates = tuple(duplicates)
        path, key = self.duplicates[0]
        self.path = path
        self.key = key
        where = f" in {path!r}" if path else ""
        super().__init__(f"the key {key!r} is given more than once in one object{where}")


def duplicate_keys(data: Union[str, bytes, bytearray]) -> list[tuple[str, str]]:
    """Every key given twice in one object of a JSON text, as ``(path, key)``, in order.

    A JSON reader keeps only the last of such keys, so a file's author would not see
    the first one lost. A text that is not JSON has none (its reader reports it).

    >>> duplicate_keys('{"a": 1, "b": {"c": 2, "c": 3}, "a": 4}')
    [('b', 'c'), ('', 'a')]
    """
    try:
        tree, twice = _parse(data)
    except (ValueError, RecursionError):
        return []
    return _located(tree, twice) if twice else []


def _parse(data: Union[str, bytes, bytearray]) -> tuple[Any, list[tuple[dict[str, Any], str]]]:
    """The JSON document, and each object with a key given twice, with that key."""
    twice: list[tuple[dict[str, Any], str]] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    twice.append((found, key))
                seen.add(key)
        return found

    try:
        return json.loads(data, object_pairs_hook=pairs_hook), twice
    except json.JSONDecodeError:
        raise
    except ValueError:  # Python reads no whole number of more than 4,300 digits
        raise ValueError("it holds a number of thousands of digits, which no field takes") from None


def _located(tree: Any, twice: list[tuple[dict[str, Any], str]]) -> list[tuple[str, str]]:
    """Each duplicate with the path of its object in ``tree``."""
    paths: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(tree, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            paths[id(value)] = path
            stack += [(v, f"{path}.{k}" if path else k) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(v, f"{path}.{i}" if path else str(i)) for i, v in enumerate(value)]
    # An object inside a value that a later one replaced is not in the tree: no path.
    return [(paths.get(id(found), ""), key) for found, key in twice]


def read_json(data: Union[str, bytes, bytearray]) -> tuple[Any, list[tuple[str, str]]]:
    """A JSON text read like ``json.loads``, and every key given twice in one object.

    Raises ``ValueError`` (``json.JSONDecodeError`` for text that is not JSON; see
    :func:`decode_utf8` for bytes that are not UTF-8) or ``RecursionError`` as
    ``json.loads`` does. A UTF-8 byte order mark is skipped.

    >>> read_json('{"a": {"b": 1, "b": 2}}')
    ({'a': {'b': 2}}, [('a', 'b')])
    """
    text = decode_utf8(data) if isinstance(data, (bytes, bytearray)) else _without_bom(data)
    tree, twice = _parse(text)
    return tree, (_located(tree, twice) if twice else [])


def _without_bom(text: str) -> str:
    return text[1:] if text[:1] == "\ufeff" else text


def loads_json_unique(data: Union[str, bytes, bytearray]) -> Any:
    """A JSON text read like ``json.loads``, refusing a key given twice in one object.

    Raises :class:`DuplicateKeyError` (a ``ValueError``) naming every such key, and
    ``ValueError`` or ``RecursionError`` as ``json.loads`` does for text that is not JSON.
    A UTF-8 byte order mark, as some Windows editors write, is skipped.

    >>> loads_json_unique(b'{"COM-001": 2}')
    {'COM-001': 2}
    >>> loads_json_unique('{"COM-001": 2, "COM-001": 3}')
    Traceback (most recent call last):
        ...
    kz_inspection_checklists._files.DuplicateKeyError: the key 'COM-001' is given more than once in one object
    """
    tree, twice = read_json(data)
    if twice:
        raise DuplicateKeyError(twice)
    return tree


def write_atomically(
    target: Union[str, Path], data: bytes, *, check: Optional[Callable[[], None]] = None
) -> None:
    """Write ``data`` to ``target`` through a temporary file, so no half-file is left.

    A link is followed and the file it names is replaced. Anything but a regular file
    (a directory, a FIFO, a device) is refused with ``OSError`` rather than replaced.
    A replaced file keeps its mode and, where the system lets this process give it
    (running as root, or as the file's owner), its owner and group; a new one gets the
    mode a plain ``open()`` gives. ``check``, if given, runs once the temporary file is
    written, just before it replaces the target: whatever it raises leaves the target
    as it was (see :mod:`._inplace`).

    The temporary file is ``.<name>.<random>.tmp`` beside the target. If a process is
    killed between writing and renaming it, the target is intact and the temporary file
    stays; the next write to the same target removes such files older than
    :data:`STALE_SECONDS`.
    """
    try:
        path = Path(os.path.realpath(target))
        before: Optional[os.stat_result] = os.stat(path)
    except FileNotFoundError:
        before = None
    except ValueError as error:  # a NUL in the name
        raise OSError(errno.EINVAL, f"not a usable file name ({error})", str(target)) from None
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise OSError(errno.ELOOP, "is a loop of links", str(target)) from None
    _remove_stale(path)
    mode = None if before is None else before.st_mode
    if mode is not None and not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "is not a regular file; not replacing it", str(target))
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if before is not None:
            _keep_owner(temporary, before)
        # mkstemp makes the file private; give it the mode it had, or a plain open()'s.
        # (After the owner: a change of owner clears the set-user-ID bits.)
        os.chmod(temporary, _default_mode() if mode is None else stat.S_IMODE(mode))
        if check is not None:
            check()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


#: How old a temporary file of :func:`write_atomically` must be to count as left behind.
STALE_SECONDS = 600


def _remove_stale(path: Path) -> None:
    """Remove temporary files a killed writer left beside ``path`` (errors ignored)."""
    import time

    prefix = f".{path.name}."
    try:
        with os.scandir(path.parent) as entries:
            stale = [
                entry.path
                for entry in entries
                if entry.name.startswith(prefix)
                and entry.name.endswith(".tmp")
                and entry.is_file(follow_symlinks=False)
                and time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            ]
    except OSError:
        return
    for name in stale:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _keep_owner(temporary: str, before: os.stat_result) -> None:
    """Give the temporary file the owner and group of the file it replaces, where allowed.

    Only root may give a file away; an owner may give it a group it belongs to. Where
    neither holds (or the system has no owners), the new file is this process's.
    """
    chown = getattr(os, "chown", None)
    if chown is None:
        return
    now = os.stat(temporary)
    if (now.st_uid, now.st_gid) == (before.st_uid, before.st_gid):
        return
    if os.geteuid() != 0 and before.st_uid != now.st_uid:
        return
    with contextlib.suppress(OSError):
        chown(temporary, before.st_uid, before.st_gid)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
