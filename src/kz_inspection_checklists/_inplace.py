"""A user's file updated in place: one update at a time, never a read-only file, and never over
a change made since it was read.

A command that reads a file, changes it and writes it back (``mark`` and ``header``
update a record so) does it inside :func:`updating`, which keeps three promises:

- **One update at a time.** It holds an exclusive lock from the read to the replace, on a
  lock file beside the file (``.NAME.lock``; ``fcntl.flock`` on Linux and macOS,
  ``msvcrt.locking`` on Windows). Another update of the same file waits for it, up to
  :data:`WAIT_SECONDS`, then gives up with "is being changed by another command". The
  lock file is removed when the update ends (on Windows, where a file another process
  holds open cannot be removed, it may stay: it is empty, and harmless).
- **A protected file stays protected.** A file that is read-only (no write permission
  for this process; for root, which may write anything, no write bit at all), or whose
  folder does not let it be replaced, is refused before anything is written.
- **No change is lost.** Just before the new file replaces the old one, the file is
  checked to be the one that was read: its size, modification time, inode and bytes.
  A writer that takes no lock (an editor, a program on another computer of a network
  filesystem that does not pass locks on) between the read and that check makes the
  update fail, and nothing is written.

Every refusal is an ``OSError`` naming the file, with ``strerror`` saying why and what
to do. The replace itself is :func:`._files.write_atomically`'s: whole or not at all,
keeping the file's mode and owner, following a link to the file it names.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> name = os.path.join(folder, "notes.txt")
>>> with open(name, "wb") as stream:
...     _ = stream.write(b"one")
>>> with updating(name) as held:
...     held.replace(held.data + b", two")
>>> open(name, "rb").read(), sorted(os.listdir(folder))
(b'one, two', ['notes.txt'])
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Optional, Union

from ._files import read_input, write_atomically

__all__ = ["WAIT_SECONDS", "Held", "updating"]

#: How long an update waits for another update of the same file to end.
WAIT_SECONDS = 20.0

#: Errors of a lock call that mean the filesystem does not do locks (then the check
#: before the replace is the only guard).
_NO_LOCKS = frozenset(
    code
    for code in (
        getattr(errno, "ENOLCK", None),
        getattr(errno, "EOPNOTSUPP", None),
        getattr(errno, "ENOTSUP", None),
        getattr(errno, "ENOSYS", None),
        errno.EINVAL,
    )
    if code is not None
)


class Held:
    """A file being updated: its bytes as read, and :meth:`replace` to write it back."""

    def __init__(self, name: str, path: Path, data: bytes, state: tuple[int, ...]) -> None:
        self.name = name
        self.path = path
        self.data = data
        self._state = state

    def replace(self, data: bytes) -> None:
        """Replace the file with ``data``, if it is still the one that was read."""
        write_atomically(self.path, data, check=self._unchanged)
        self.data = data
        self._state = _state(os.stat(self.path))

    def _unchanged(self) -> None:
        try:
            now = _state(os.stat(self.path))
            same = now == self._state and read_input(self.path) == self.data
        except OSError:
            same = False
        if not same:
            raise OSError(
                errno.ESTALE if hasattr(errno, "ESTALE") else errno.EAGAIN,
                "was changed by another program while this command ran, so nothing was "
                "written; run the command again",
                self.name,
            )


@contextlib.contextmanager
def updating(path: Union[str, os.PathLike[str]], *, wait: Optional[float] = None) -> Iterator[Held]:
    """Hold ``path`` for an update: locked, checked writable, its bytes read.

    Within the ``with`` block, :meth:`Held.replace` writes the new bytes. Raises
    ``OSError`` for a file that cannot be read (see :func:`._files.read_input`), that is
    read-only or in a folder that forbids replacing it, that another update holds past
    ``wait`` seconds (default :data:`WAIT_SECONDS`), or that changed since it was read.
    """
    wait = WAIT_SECONDS if wait is None else wait
    name = os.fspath(path)
    if not name.strip():
        raise OSError(errno.ENOENT, "no file name given", name)
    try:
        target = Path(os.path.realpath(name))
        regular = stat.S_ISREG(os.stat(target).st_mode)
    except ValueError as error:  # a NUL in the name
        raise OSError(errno.EINVAL, f"not a usable file name ({error})", name) from None
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise OSError(errno.ELOOP, "is a loop of links", name) from None
    if not regular:
        read_input(name)  # says what it is instead
        raise OSError(errno.EINVAL, "is not a regular file", name)
    refuse_protected(target, name)
    with _locked(target, wait, name):
        before = os.stat(target)
        data = read_input(target)
        yield Held(name, target, data, _state(before))


def _state(found: os.stat_result) -> tuple[int, ...]:
    return (found.st_size, found.st_mtime_ns, found.st_ino, found.st_dev)


def refuse_protected(target: Path, name: str) -> None:
    """Refuse, with ``OSError`` saying why, a file this process should not replace.

    The file must be writable: by this process's permissions, and, since root may write
    anything, with at least one write bit set (a file made read-only with ``chmod a-w``
    is refused for root too). Its folder must let it be replaced: writable and
    searchable, and, if sticky (as ``/tmp`` is), the file or the folder this process's.
    """
    found = os.stat(target)
    if not found.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise OSError(
            errno.EACCES,
            f"is read-only (mode {stat.filemode(found.st_mode)}), so it is not changed; "
            "make it writable first if it is to be changed",
            name,
        )
    folder = target.parent
    held = os.stat(folder)
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    sticky = (
        uid is not None
        and uid != 0
        and held.st_mode & stat.S_ISVTX
        and uid not in (found.st_uid, held.st_uid)
    )
    if (
        not os.access(folder, os.W_OK | os.X_OK)
        or (sys.platform != "win32" and not held.st_mode & 0o222)
        or sticky
    ):
        raise OSError(
            errno.EACCES,
            f"its folder {str(folder)!r} does not let it be replaced "
            f"(mode {stat.filemode(held.st_mode)}), so it is not changed",
            name,
        )


@contextlib.contextmanager
def _locked(target: Path, wait: float, name: str) -> Iterator[None]:
    """Hold the lock file beside ``target``; wait up to ``wait`` seconds for it."""
    lock = target.parent / f".{target.name}.lock"
    deadline = time.monotonic() + wait
    delay = 0.001
    while True:
        fd = _open_lock(lock, name)
        try:
            got = _try_lock(fd)
        except OSError:
            os.close(fd)
            raise
        if got is None:  # the filesystem has no locks: go on without one
            os.close(fd)
            yield
            return
        if got and _is(fd, lock):
            break
        if got:  # another update removed that lock file as it ended: take the new one
            _unlock(fd)
        os.close(fd)
        if time.monotonic() >= deadline:
            raise OSError(
                errno.EBUSY,
                "is being changed by another command; try again once it has finished",
                name,
            )
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
    try:
        yield
    finally:
        _release(fd, lock)


def _open_lock(lock: Path, name: str) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.open(lock, flags, 0o600)
    except OSError as error:
        raise OSError(
            error.errno,
            f"cannot make the lock file {lock.name!r} beside it ({error.strerror})",
            name,
        ) from None


def _is(fd: int, lock: Path) -> bool:
    """Whether ``fd`` is still the file at ``lock``'s name."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(lock))
    except OSError:
        return False


if sys.platform == "win32":  # pragma: no cover - tested on Windows only
    import msvcrt

    def _try_lock(fd: int) -> Optional[bool]:
        """Lock the file's first byte: ``True``, ``False`` if another holds it."""
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLK):
                return False
            if error.errno in _NO_LOCKS:
                return None
            raise
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _release(fd: int, lock: Path) -> None:
        # Windows cannot remove a file another process holds open: unlock first, then
        # remove it if no one else has it open (if someone has, they will).
        _unlock(fd)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(lock)

else:
    import fcntl

    def _try_lock(fd: int) -> Optional[bool]:
        """Lock the file: ``True``, ``False`` if another holds it, ``None`` if no locks."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            if error.errno in _NO_LOCKS:
                return None
            raise
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)

    def _release(fd: int, lock: Path) -> None:
        # Removed while still held, so that no one can lock it after: one who waits on
        # it finds it gone (see _is) and makes a new one.
        with contextlib.suppress(OSError):
            os.unlink(lock)
        _unlock(fd)
        os.close(fd)
