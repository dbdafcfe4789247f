"""Reading users' files: regular files only, of a bounded size, with a clear reason."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kz_inspection_checklists._files import (
    DuplicateKeyError,
    duplicate_keys,
    loads_json_unique,
    read_input,
)


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


# --- JSON with each key once: the reader records, weights, groups and editions share ---

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(_JSON)
def test_json_without_a_key_twice_reads_as_json_loads_reads_it(value: object) -> None:
    text = json.dumps(value)
    assert loads_json_unique(text) == json.loads(text)
    assert loads_json_unique(text.encode()) == json.loads(text)
    assert duplicate_keys(text) == []


@given(st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=4), st.data())
def test_a_key_given_twice_anywhere_is_found_with_its_path(
    inner: dict[str, int], data: st.DataObject
) -> None:
    key = data.draw(st.sampled_from(sorted(inner)))
    body = json.dumps(inner)[1:-1]
    # The same object twice-keyed, inside a list inside an object.
    text = '{"outer": [0, {' + body + ", " + json.dumps(key) + ": 99}]}"
    assert duplicate_keys(text) == [("outer.1", key)]
    with pytest.raises(DuplicateKeyError) as caught:
        loads_json_unique(text)
    assert (caught.value.path, caught.value.key) == ("outer.1", key)
    assert caught.value.duplicates == (("outer.1", key),)
    assert isinstance(caught.value, ValueError)


def test_every_key_given_twice_is_named_and_the_top_level_has_an_empty_path() -> None:
    text = '{"a": 1, "b": {"c": 2, "c": 3}, "a": 4}'
    assert duplicate_keys(text) == [("b", "c"), ("", "a")]
    with pytest.raises(
        DuplicateKeyError, match="the key 'c' is given more than once in one object in 'b'"
    ):
        loads_json_unique(text)


def test_a_byte_order_mark_is_skipped_and_text_that_is_not_json_is_refused() -> None:
    assert loads_json_unique(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    assert loads_json_unique('\ufeff{"a": 1}') == {"a": 1}
    with pytest.raises(ValueError) as caught:
        loads_json_unique("{not json")
    assert not isinstance(caught.value, DuplicateKeyError)
    assert duplicate_keys("{not json") == []


def test_a_temporary_file_a_killed_writer_left_is_removed_on_the_next_write(
    tmp_path: Path,
) -> None:
    import os
    import time

    from kz_inspection_checklists._files import STALE_SECONDS, write_atomically

    target = tmp_path / "record.json"
    left = tmp_path / ".record.json.abc123.tmp"
    fresh = tmp_path / ".record.json.def456.tmp"
    other = tmp_path / ".other.json.abc123.tmp"
    for path in (left, fresh, other):
        path.write_bytes(b"half")
    old = time.time() - STALE_SECONDS - 5
    os.utime(left, (old, old))
    os.utime(other, (old, old))
    write_atomically(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert not left.exists()  # left by a writer killed before its rename
    assert fresh.exists()  # may be another writer's, still writing
    assert other.exists()  # another target's


class _Interrupted(BaseException):
    """Raised by a test where a user's Ctrl-C or a killing signal's handler would be."""


def _raise(error: BaseException) -> Any:
    def check() -> None:
        raise error

    return check


@pytest.mark.parametrize("existing", [True, False])
@pytest.mark.parametrize(
    ("data", "check", "raised"),
    [
        (b"new", _raise(KeyboardInterrupt()), KeyboardInterrupt),
        (b"new", _raise(SystemExit(2)), SystemExit),
        (b"new", _raise(_Interrupted()), _Interrupted),
        (b"new", _raise(ValueError("checked and refused")), ValueError),
        (b"new", _raise(OSError(5, "failed")), OSError),
        ("text, not bytes", None, TypeError),  # a caller's slip, raised inside the write
    ],
)
def test_whatever_is_raised_while_writing_leaves_the_target_as_it_was_and_no_temporary(
    tmp_path: Path, existing: bool, data: Any, check: Any, raised: type[BaseException]
) -> None:
    """Ctrl-C, an exit or a wrong argument in the middle of a write: the file is the old
    one, whole (or still absent), and nothing is left beside it."""
    from kz_inspection_checklists._files import write_atomically

    target = tmp_path / "record.json"
    if existing:
        target.write_bytes(b"what the user had")
    with pytest.raises(raised):
        write_atomically(target, data, check=check)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["record.json"] if existing else [])
    if existing:
        assert target.read_bytes() == b"what the user had"
