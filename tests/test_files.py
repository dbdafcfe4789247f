"""Reading users' files: regular files only, of a bounded size, with a clear reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kz_inspection_checklists._files import read_input


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"{}")
    assert read_input(path) == b"{}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="is not a regular file"):
        read_input(fifo)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "no file name given"),
        (".", "is a directory"),
        ("missing.json", "No such file"),
        ("bad\x00name", "not a usable file name"),
    ],
)
def test_what_is_not_a_file_is_refused(name: str, reason: str) -> None:
    with pytest.raises(OSError, match=reason):
        read_input(name)


def test_a_device_is_refused() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(OSError, match="is not a regular file"):
        read_input("/dev/zero")


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 2048)
    assert read_input(path, limit=2048) == b"x" * 2048
    with pytest.raises(OSError, match="is larger than"):
        read_input(path, limit=2047)


@pytest.mark.parametrize("junk", [None, 0, 1.5, b"a.json", ["a.json"]])
def test_what_is_not_a_name_is_refused(junk: object) -> None:
    with pytest.raises(OSError, match="a file name is a string or a path"):
        read_input(junk)  # type: ignore[arg-type]
