"""A record updated in place: no lost update under concurrency, a protected file refused, a
change made meanwhile never overwritten, and the file's mode, owner and link kept."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable

import pytest

from kz_inspection_checklists import InvalidInputError
from kz_inspection_checklists._inplace import _locked, updating
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.record.files import dumps_record, read_record, update_record
from kz_inspection_checklists.record.record import new_record

IIN = "000101500120"


def record_file(tmp_path: Path, checklist: str = "communications") -> Path:
    path = tmp_path / "inspection.json"
    path.write_text(dumps_record(new_record(checklist)), encoding="utf-8")
    return path


def _cli(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kz_inspection_checklists", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _exit_with(argv: list[str]) -> None:
    sys.exit(main(argv))


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork (POSIX)"
)
def test_thirty_concurrent_marks_and_two_headers_keep_every_change(tmp_path: Path) -> None:
    """Thirty ``mark`` processes (forked from this one, so that thirty interpreters need not
    start: each takes its own lock, as a command would) and two ``kz-checklists header``
    commands, all at once: every change lands, and no lock file is left."""
    path = record_file(tmp_path)
    fork = multiprocessing.get_context("fork")
    marks = [
        fork.Process(target=_exit_with, args=(["mark", str(path), f"COM-{n:03d}", "conforms"],))
        for n in range(1, 31)
    ]
    headers = [
        _cli("header", str(path), "--entity-name", "Example LLP"),
        _cli("header", str(path), "--iin-bin", IIN),
    ]
    for process in marks:
        process.start()
    for process in marks:
        process.join(timeout=120)
        assert process.exitcode == 0
    for run in headers:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    record = read_record(path)
    assert record.verdicts[:30] == ("conforms",) * 30
    assert record.verdicts[30:] == (None,) * (len(record.ids) - 30)
    assert record.header.entity_name == "Example LLP"  # type: ignore[attr-defined]
    assert record.header.iin_bin == IIN  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inspection.json"]  # no lock left


def test_threads_updating_one_file_keep_every_change(tmp_path: Path) -> None:
    """The lock holds between threads of one process too (each takes its own lock file)."""
    path = record_file(tmp_path)
    errors: list[BaseException] = []

    def mark(n: int) -> None:
        try:
            update_record(path, lambda record: record.mark(f"COM-{n:03d}", "conforms"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=mark, args=(n,)) for n in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert read_record(path).verdicts[:20] == ("conforms",) * 20


def test_an_update_waits_for_another_then_gives_up_saying_why(tmp_path: Path) -> None:
    path = record_file(tmp_path)
    before = path.read_bytes()
    busy = pytest.raises(InvalidInputError, match="is being changed by another command; try")
    with _locked(path.resolve(), 1, str(path)), busy:
        update_record(path, lambda record: record.mark("COM-001", "conforms"), wait=0.2)
    assert path.read_bytes() == before
    # Once the other update has ended, the lock file is gone and the update goes through.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inspection.json"]
    update_record(path, lambda record: record.mark("COM-001", "conforms"), wait=0.2)
    assert read_record(path).verdicts[0] == "conforms"


def test_the_cli_says_another_command_holds_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = record_file(tmp_path)
    monkeypatch.setattr("kz_inspection_checklists._inplace.WAIT_SECONDS", 0.1)
    with _locked(path.resolve(), 1, str(path)):
        assert main(["mark", str(path), "COM-001", "conforms"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"kz-checklists: error: cannot update record file {str(path)!r}: is being changed by "
        "another command; try again once it has finished"
    )


def test_a_change_made_meanwhile_by_a_writer_that_takes_no_lock_is_kept(tmp_path: Path) -> None:
    """An editor saving the file while the update runs: the update fails, the edit stays."""
    path = record_file(tmp_path)
    edited = dumps_record(new_record("communications").mark("COM-072", "conforms"))

    def change(record):  # type: ignore[no-untyped-def]
        path.write_text(edited, encoding="utf-8")  # same size: only the bytes tell
        return record.mark("COM-001", "conforms")

    with pytest.raises(InvalidInputError, match="was changed by another program while"):
        update_record(path, change)
    assert path.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inspection.json"]


def test_a_file_replaced_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"one")
    with pytest.raises(OSError, match="was changed by another program"), updating(path) as held:
        other = tmp_path / "other.txt"
        other.write_bytes(b"one")  # the same bytes, but another file renamed over it
        os.replace(other, path)
        held.replace(b"two")
    assert path.read_bytes() == b"one"


@pytest.mark.parametrize("command", [["mark", "COM-001", "conforms"], ["header", "--address", "A"]])
def test_a_read_only_record_is_refused_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Read-only by its mode bits: refused for root too, who may write anything."""
    path = record_file(tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    assert main([command[0], str(path), *command[1:]]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kz-checklists: error: cannot update record file {str(path)!r}: ")
    assert "is read-only (mode -r--r--r--)" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_record_that_is_a_loop_of_links_is_refused_in_the_same_words_on_every_python(
    tmp_path: Path,
) -> None:
    """Python 3.13 finds a loop of links where 3.9 to 3.12 did not: the words are ours."""
    (tmp_path / "one").symlink_to(tmp_path / "two")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    with pytest.raises(InvalidInputError) as caught:
        update_record(tmp_path / "one", lambda record: record)
    assert str(caught.value) == (
        f"cannot update record file {str(tmp_path / 'one')!r}: is a loop of links"
    )


def test_a_record_whose_folder_forbids_replacing_it_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = record_file(folder)
    folder.chmod(0o555)
    try:
        assert main(["mark", str(path), "COM-001", "conforms"]) == 2
        err = capsys.readouterr().err
        assert f"its folder {str(folder)!r} does not let it be replaced" in err
    finally:
        folder.chmod(0o755)
    assert read_record(path).verdicts[0] is None


def _as_another_user(action: Callable[[], None], refusal: str) -> int:
    """Run ``action`` in a child process as user ``nobody`` when this process is root (as
    in CI), or as this user otherwise; the child's exit code: 0 when it returned, 1 when
    it raised InvalidInputError saying ``refusal``, 2 for anything else."""
    pid = os.fork()
    if pid == 0:  # the child
        code = 2
        try:
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            action()
            code = 0
        except InvalidInputError as error:
            code = 1 if refusal in str(error) else 3
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return (
        os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")
def test_a_record_another_user_owns_without_write_permission_for_them_is_refused() -> None:
    # A folder of the system's temporary folder that anyone may enter and write in (a
    # test's own tmp_path is private to this user), and a record only its owner may write.
    with tempfile.TemporaryDirectory(prefix="kz-shared-") as name:
        folder = Path(name)
        folder.chmod(0o777)
        path = record_file(folder)
        path.chmod(0o644 if os.geteuid() == 0 else 0o444)  # not root: protect it by its mode
        before = path.read_bytes()

        def mark() -> None:
            update_record(path, lambda record: record.mark("COM-001", "conforms"))

        assert _as_another_user(mark, "is read-only") == 1
        assert path.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_an_update_keeps_the_file_s_owner_group_and_mode(tmp_path: Path) -> None:
    path = record_file(tmp_path)
    os.chown(path, 12345, 23456)
    path.chmod(0o640)
    update_record(path, lambda record: record.mark("COM-001", "conforms"))
    found = path.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (12345, 23456, 0o640)
    assert read_record(path).verdicts[0] == "conforms"


def test_an_update_through_a_link_updates_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    path = record_file(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(path.name)
    assert main(["mark", str(link), "COM-001", "conforms"]) == 0
    assert link.is_symlink() and read_record(path).verdicts[0] == "conforms"
    # A read-only target is refused through its link too.
    path.chmod(0o444)
    assert main(["mark", str(link), "COM-002", "conforms"]) == 2
    assert read_record(path).verdicts[1] is None


def test_what_change_raises_passes_through_and_nothing_is_written(tmp_path: Path) -> None:
    path = record_file(tmp_path)
    before = path.read_bytes()

    def change(record):  # type: ignore[no-untyped-def]
        raise KeyError("mine")

    with pytest.raises(KeyError, match="mine"):
        update_record(path, change)
    with pytest.raises(InvalidInputError, match="returned int, not an InspectionRecord"):
        update_record(path, lambda record: 3)  # type: ignore[arg-type,return-value]
    with pytest.raises(InvalidInputError, match="change is a function"):
        update_record(path, "mark")  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inspection.json"]


@pytest.mark.parametrize("name", ["", "a\0b.json", "missing.json", "."])
def test_a_bad_path_to_update_is_the_library_s_error(tmp_path: Path, name: str) -> None:
    target = name if name in ("", "a\0b.json") else str(tmp_path / name)
    with pytest.raises(InvalidInputError):
        update_record(target, lambda record: record)
