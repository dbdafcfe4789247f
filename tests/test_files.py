"""Reading users' files: regular files only, of a bounded size, with a clear reason."""

from __future__ import annotations

import json
import os
import re
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


# --- what each refusal carries, and the writer's details ---------------------------------


def test_a_refused_input_is_an_oserror_with_its_errno_and_file_name(tmp_path: Path) -> None:
    import errno

    with pytest.raises(OSError) as caught:
        read_input(5)  # type: ignore[arg-type]
    assert (caught.value.errno, caught.value.filename) == (errno.EINVAL, "5")
    assert caught.value.strerror == "a file name is a string or a path, not int"
    with pytest.raises(OSError) as caught:
        read_input(str(tmp_path))
    assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
        errno.EISDIR,
        "is a directory, not a file",
        str(tmp_path),
    )


#: The refusal of a name holding a NUL, with Python's reason, which each version words
#: its own way ("embedded null byte"; "stat: embedded null character in path" in 3.13).
NUL_IN_NAME = re.compile(
    r"not a usable file name \((\w+: )?embedded null (byte|character in path)\)$"
)


def _refusal(target: Any) -> tuple[Any, Any, Any]:
    from kz_inspection_checklists._files import write_atomically

    with pytest.raises(OSError) as caught:
        write_atomically(target, b"data")
    return caught.value.errno, caught.value.strerror, caught.value.filename


def test_a_refused_output_is_an_oserror_with_its_errno_and_file_name(tmp_path: Path) -> None:
    import errno

    number, words, name = _refusal(str(tmp_path / "a\x00b"))
    assert (number, name) == (errno.EINVAL, str(tmp_path / "a\x00b"))
    assert NUL_IN_NAME.match(words), words
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    assert _refusal(tmp_path / "one") == (errno.ELOOP, "is a loop of links", str(tmp_path / "one"))
    missing = tmp_path / "no-folder" / "out.json"
    assert _refusal(missing) == (errno.ENOENT, "No such file or directory", str(missing))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        assert _refusal(tmp_path / "pipe") == (
            errno.EINVAL,
            "is not a regular file; not replacing it",
            str(tmp_path / "pipe"),
        )


def test_the_temporary_file_is_beside_the_target_named_after_it(tmp_path: Path) -> None:
    from kz_inspection_checklists._files import write_atomically

    seen: list[str] = []
    target = tmp_path / "record.json"
    write_atomically(target, b"{}", check=lambda: seen.extend(os.listdir(tmp_path)))
    (name,) = seen
    assert name.startswith(".record.json.") and name.endswith(".tmp")
    assert os.listdir(tmp_path) == ["record.json"]


def test_a_temporary_file_removed_meanwhile_does_not_hide_what_was_raised(tmp_path: Path) -> None:
    from kz_inspection_checklists._files import write_atomically

    def check() -> None:
        for name in os.listdir(tmp_path):
            os.unlink(tmp_path / name)
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        write_atomically(tmp_path / "record.json", b"{}", check=check)


def test_a_new_file_gets_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    from kz_inspection_checklists._files import write_atomically

    for umask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        old = os.umask(umask)
        try:
            target = tmp_path / f"new-{umask:o}.json"
            write_atomically(target, b"{}")
        finally:
            os.umask(old)
        assert target.stat().st_mode & 0o777 == mode


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give files away"
)
def test_an_owner_who_is_not_root_keeps_the_file_s_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kz_inspection_checklists._files import write_atomically

    target = tmp_path / "record.json"
    target.write_bytes(b"{}")
    os.chown(target, 0, 12345)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)  # the owner, as far as the writer knows
    write_atomically(target, b"[]")
    assert (target.stat().st_uid, target.stat().st_gid) == (0, 12345)


def test_an_owner_the_system_will_not_give_is_left_and_the_file_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kz_inspection_checklists._files import write_atomically

    target = tmp_path / "record.json"
    target.write_bytes(b"{}")
    before = target.stat()

    def refuse(*_: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    monkeypatch.setattr(os, "stat", _other_owner(os.stat, target, before))
    write_atomically(target, b"[]")
    assert target.read_bytes() == b"[]"


def _other_owner(stat: Any, target: Path, before: os.stat_result) -> Any:
    """``os.stat`` that says ``target`` is another user's."""

    def fake(path: Any, *args: Any, **kwargs: Any) -> Any:
        found = stat(path, *args, **kwargs)
        if os.fspath(path) == os.fspath(target):
            fields = list(found)
            fields[4], fields[5] = before.st_uid + 1, before.st_gid + 1
            return os.stat_result(fields)
        return found

    return fake


def test_a_link_named_like_a_temporary_file_is_never_removed(tmp_path: Path) -> None:
    import time

    from kz_inspection_checklists._files import STALE_SECONDS, write_atomically

    kept = tmp_path / "kept.json"
    kept.write_bytes(b"{}")
    old = time.time() - STALE_SECONDS - 5
    os.utime(kept, (old, old))
    link = tmp_path / ".record.json.abc123.tmp"
    link.symlink_to(kept)
    os.utime(link, (old, old), follow_symlinks=False)
    write_atomically(tmp_path / "record.json", b"{}")
    assert link.is_symlink() and kept.exists()


def test_a_temporary_file_that_vanishes_before_it_is_removed_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from kz_inspection_checklists._files import STALE_SECONDS, write_atomically

    left = tmp_path / ".record.json.abc123.tmp"
    left.write_bytes(b"half")
    old = time.time() - STALE_SECONDS - 5
    os.utime(left, (old, old))
    real = os.unlink

    def vanished(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path) == str(left):
            real(path)
            raise FileNotFoundError(2, "No such file or directory", str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", vanished)
    write_atomically(tmp_path / "record.json", b"{}")
    assert (tmp_path / "record.json").read_bytes() == b"{}"


def test_keys_given_twice_are_located_wherever_they_are() -> None:
    assert duplicate_keys('{"a": {"x": 1, "x": 2}, "b": {"y": 3}}') == [("a", "x")]
    assert duplicate_keys('{"a": {"b": {"x": 1, "x": 2}}}') == [("a.b", "x")]
    assert duplicate_keys('[{"x": 1, "x": 2}]') == [("0", "x")]
    assert duplicate_keys('{"b": {"x": 1, "x": 2}, "a": [1]}') == [("b", "x")]
    # An object a later value replaced is in no place of the document.
    assert duplicate_keys('{"a": {"x": 1, "x": 2}, "a": 3}') == [("", "x"), ("", "a")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "Ü".encode("utf-16"),
            "it is UTF-16 (little-endian) text (it starts with that byte order mark), not UTF-8; save it as UTF-8",
        ),
        (
            "ab".encode("utf-16-le"),
            "it looks like UTF-16 or UTF-32 text (it has zero bytes), not UTF-8; save it as UTF-8",
        ),
        ("Ü".encode()[:1], "it is not UTF-8 text (byte 0 is 0xc3); save it as UTF-8"),
        (b"\xef\xbb\xbfab\xff", "it is not UTF-8 text (byte 2 is 0xff); save it as UTF-8"),
        (
            b"a" * (2**20 - 1) + b"\xc3",
            "it is not UTF-8 text (byte 1048575 is 0xc3); save it as UTF-8",
        ),
        (
            b"a" * (2**20 - 1) + "Ü".encode() + b"\xff",
            "it is not UTF-8 text (byte 1048577 is 0xff); save it as UTF-8",
        ),
    ],
)
def test_bytes_that_are_not_utf8_are_refused_saying_where(data: bytes, message: str) -> None:
    from kz_inspection_checklists._files import check_utf8

    with pytest.raises(ValueError) as caught:
        check_utf8(data)
    assert str(caught.value) == message


def test_utf8_is_checked_whole_and_a_zero_past_the_start_is_text() -> None:
    from kz_inspection_checklists._files import check_utf8

    assert check_utf8("Ünïcödé, в тексте".encode()) == 0
    assert check_utf8(b"abcd\x00efg") == 0


def test_a_system_without_owners_still_gets_its_file_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kz_inspection_checklists._files import write_atomically

    target = tmp_path / "record.json"
    target.write_bytes(b"{}")
    monkeypatch.setattr(os, "stat", _other_owner(os.stat, target, target.stat()))
    monkeypatch.delattr(os, "chown")  # as on Windows
    write_atomically(target, b"[]")
    assert target.read_bytes() == b"[]"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "Ü".encode("utf-16-le"),
            "it looks like UTF-16 or UTF-32 text (it has zero bytes), not UTF-8; save it as UTF-8",
        ),
        (b"abcd\x00\xff", "it is not UTF-8 text (byte 5 is 0xff); save it as UTF-8"),
    ],
)
def test_decoding_tells_wide_text_from_bytes_that_are_not_utf8(data: bytes, message: str) -> None:
    from kz_inspection_checklists._files import decode_utf8

    with pytest.raises(ValueError) as caught:
        decode_utf8(data)
    assert str(caught.value) == message


def test_a_zero_byte_past_the_start_is_text() -> None:
    from kz_inspection_checklists._files import decode_utf8

    assert decode_utf8(b"abcd\x00") == "abcd\x00"


def test_a_number_of_thousands_of_digits_is_refused_saying_so() -> None:
    with pytest.raises(
        ValueError, match="it holds a number of thousands of digits, which no field takes"
    ):
        loads_json_unique('{"a": ' + "1" * 5000 + "}")


def test_a_refused_file_is_an_oserror_with_its_errno_and_name(tmp_path: Path) -> None:
    import errno

    with pytest.raises(OSError) as caught:
        read_input(str(tmp_path / "a\x00b"))
    assert (caught.value.errno, caught.value.filename) == (errno.EINVAL, str(tmp_path / "a\x00b"))
    assert NUL_IN_NAME.match(str(caught.value.strerror)), caught.value.strerror
    cases: list[tuple[str, int, str]] = []
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        cases.append((str(tmp_path / "pipe"), errno.EINVAL, "is not a regular file"))
    big = tmp_path / "big"
    big.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    for name, number, words in cases:
        with pytest.raises(OSError) as caught:
            read_input(name)
        assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
            number,
            words,
            name,
        )
    with pytest.raises(OSError) as caught:
        read_input(str(big), limit=2 * 1024 * 1024)
    assert (caught.value.errno, caught.value.strerror, caught.value.filename) == (
        errno.EFBIG,
        "is larger than 2 MiB",
        str(big),
    )


@pytest.mark.parametrize(
    ("told", "size", "limit", "read"),
    [(10, 100, 1000, 100), (10, 100, 50, None), (49, 100, 50, None), (10, 50, 50, 50)],
)
def test_a_file_that_grew_since_its_size_was_taken_is_read_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: int, size: int, limit: int, read: Any
) -> None:
    path = tmp_path / "growing"
    path.write_bytes(bytes(range(size)) if size <= 256 else b"x" * size)
    real = os.fstat

    def smaller(descriptor: int) -> Any:
        fields = list(real(descriptor))
        fields[6] = told  # st_size, as it was a moment before
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", smaller)
    if read is None:
        with pytest.raises(OSError, match="is larger than"):
            read_input(path, limit=limit)
    else:
        assert read_input(path, limit=limit) == path.read_bytes()
