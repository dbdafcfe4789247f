"""Which files the command line reads and writes: never over an input, never two outputs
into one file, never over anything but a regular file, and never an empty file name."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kz_inspection_checklists._files import write_atomically
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import new_record

from .conftest import SOURCE_TEXT

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the system has no FIFOs")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("kz-checklists: error: ")


@pytest.fixture(scope="module")
def edition_json() -> Iterator[bytes]:
    """The bytes of an edition file imported from the bundled source text."""
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "copy.json"
        assert main(["import", str(SOURCE_TEXT), "--edition", "copy", "-o", str(target)]) == 0
        yield target.read_bytes()


@pytest.fixture
def files(tmp_path: Path, edition_json: bytes) -> dict[str, Path]:
    """An edition file, records of it and of 2023, weights and groups, each on disk."""
    edition = tmp_path / "copy.json"
    edition.write_bytes(edition_json)
    record = tmp_path / "record.json"
    record.write_text(dumps_record(new_record("electronic-signature")), encoding="utf-8")
    record_of_copy = tmp_path / "record-of-copy.json"
    record_of_copy.write_text(
        dumps_record(new_record("electronic-signature", edition=edition)), encoding="utf-8"
    )
    weights = tmp_path / "weights.json"
    weights.write_text('{"EDS-001": 2}', encoding="utf-8")
    groups = tmp_path / "groups.json"
    groups.write_text('{"first": ["EDS-001"]}', encoding="utf-8")
    return {
        "edition": edition,
        "record": record,
        "record_of_copy": record_of_copy,
        "weights": weights,
        "groups": groups,
        "source": tmp_path / "source.txt",
    }


# Each command with an input named by an option other than the record or source (the
# ones F6 found unguarded), and the key in `files` of the input -o points at.
OVER_AN_INPUT = [
    ("import", ["import", "{source}", "--edition", "again", "--base", "{edition}"], "edition"),
    ("migrate-to", ["migrate", "{record}", "--to", "{edition}"], "edition"),
    ("score-edition", ["score", "{record_of_copy}", "--edition", "{edition}"], "edition"),
    ("new-edition", ["new", "4", "--edition", "{edition}"], "edition"),
    ("export-edition", ["export", "5", "--edition", "{edition}", "--format", "csv"], "edition"),
    ("diff", ["diff", "{edition}", "2023"], "edition"),
    ("score-weights", ["score", "{record}", "--weights", "{weights}"], "weights"),
    ("score-groups", ["score", "{record}", "--groups", "{groups}"], "groups"),
    ("score-record", ["score", "{record}"], "record"),
    (
        "export-record-weights",
        ["export-record", "{record}", "--weights", "{weights}", "--format", "csv"],
        "weights",
    ),
]


def _argv(template: list[str], files: dict[str, Path]) -> list[str]:
    if "{source}" in template:
        files["source"].write_bytes(SOURCE_TEXT.read_bytes())
    return [part.format(**{k: str(v) for k, v in files.items()}) for part in template]


@pytest.mark.parametrize(
    ("name", "template", "key"), OVER_AN_INPUT, ids=[case[0] for case in OVER_AN_INPUT]
)
@pytest.mark.parametrize("how", ["same name", "other spelling", "symlink", "hard link"])
def test_no_command_writes_over_a_file_it_reads(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    name: str,
    template: list[str],
    key: str,
    how: str,
) -> None:
    argv = _argv(template, files)
    target = files[key]
    before = target.read_bytes()
    output = str(target)
    if how == "other spelling":
        output = os.path.join(str(target.parent), ".", "sub", "..", target.name)
        (target.parent / "sub").mkdir()
    elif how == "symlink":
        (target.parent / "link.json").symlink_to(target)
        output = str(target.parent / "link.json")
    elif how == "hard link":
        os.link(target, target.parent / "hard.json")
        output = str(target.parent / "hard.json")
    code, out, err = run(capsys, *argv, "-o", output, "--force")
    assert code == 2, (name, err)
    assert "refusing to write over the input file" in err and one_line_error(err)
    assert out == ""
    assert target.read_bytes() == before


def test_the_same_commands_write_elsewhere(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    """The refusals above come from the output naming an input, not from the command."""
    for name, template, _ in OVER_AN_INPUT:
        output = files["edition"].parent / f"{name}.out"
        code, _, err = run(capsys, *_argv(template, files), "-o", str(output))
        assert code == 0 and output.exists(), (name, err)


def test_migrate_report_never_goes_over_an_input(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    edition, record = files["edition"], files["record"]
    kept = edition.read_bytes()
    for report in (edition, record):
        code, _, err = run(
            capsys,
            *("migrate", str(record), "--to", str(edition)),
            *("-o", str(edition.parent / "m.json"), "--report", str(report), "--force"),
        )
        assert code == 2 and "refusing to write over the input file" in err
        assert not (edition.parent / "m.json").exists()  # refused before anything is written
    assert edition.read_bytes() == kept


@pytest.mark.parametrize("report", ["m.json", "./m.json", "sub/../m.json", "link.json"])
def test_migrate_never_writes_its_two_outputs_to_one_file(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    report: str,
) -> None:
    monkeypatch.chdir(files["record"].parent)
    Path("sub").mkdir()
    Path("m.json").write_text("mine", encoding="utf-8")
    Path("link.json").symlink_to("m.json")
    code, out, err = run(
        capsys, "migrate", "record.json", "--to", "2023", "-o", "m.json", "--report", report,
        "--force",
    )  # fmt: skip
    assert code == 2 and out == ""
    assert f"--report {report!r} and -o 'm.json' name the same file" in err
    assert one_line_error(err)
    assert Path("m.json").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    "extra", [["--report", "-"], ["-o", "-", "--report", "/dev/stdout"]], ids=["default", "named"]
)
def test_migrate_never_prints_both_outputs(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], extra: list[str]
) -> None:
    code, out, err = run(capsys, "migrate", str(files["record"]), "--to", "2023", *extra)
    assert code == 2 and out == ""
    assert "both name standard output" in err and one_line_error(err)


def test_migrate_writes_two_different_files(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    out, report = files["record"].parent / "m.json", files["record"].parent / "r.json"
    code, _, err = run(
        capsys, "migrate", str(files["record"]), "--to", "2023", "-o", str(out), "--report",
        str(report),
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["checklist"] == "electronic-signature"
    assert "counts" in json.loads(report.read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from([".", "sub/..", "sub/./..", "{abs}"]), max_size=4),
    st.lists(st.sampled_from([".", "sub/..", "sub/./..", "{abs}"]), max_size=4),
)
def test_any_two_spellings_of_one_file_are_one_output(first: list[str], second: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / "sub").mkdir()
        record = root / "record.json"
        record.write_text(dumps_record(new_record("5")), encoding="utf-8")

        def spell(parts: list[str]) -> str:
            # "{abs}" anywhere makes the whole name absolute; otherwise it is relative.
            absolute = "{abs}" in parts
            rest = [p for p in parts if p != "{abs}"]
            return os.path.join(*([directory] if absolute else []), *rest, "out.json")

        cwd = os.getcwd()
        os.chdir(directory)
        try:
            code = main(
                [
                    *("migrate", "record.json", "--to", "2023", "-o", spell(first)),
                    *("--report", spell(second), "--force"),
                ]
            )
        finally:
            os.chdir(cwd)
        assert code == 2
        assert not (root / "out.json").exists()


@needs_fifo
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_fifo_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, force: list[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "to-pipe").symlink_to(fifo)
    for output in (fifo, tmp_path / "to-pipe"):
        for argv in (["new", "5"], ["export", "5", "--format", "csv"]):
            code, out, err = run(capsys, *argv, "-o", str(output), *force)
            assert code == 2 and out == ""
            assert "is not a regular file; give a file name, or '-' for standard output" in err
            assert one_line_error(err)
            assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_directory_is_never_an_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, force: list[str]
) -> None:
    for argv in (["new", "5"], ["export", "5", "--format", "docx"]):
        code, _, err = run(capsys, *argv, "-o", str(tmp_path), *force)
        assert code == 2 and "is a directory; give a file name" in err and one_line_error(err)
    assert tmp_path.is_dir()


@needs_fifo
def test_write_atomically_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(fifo, b"data")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary left


@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
@pytest.mark.parametrize(
    "argv",
    [
        ["new", "5"],
        ["export", "5", "--format", "csv"],
        ["diff", "2023", "2023"],
    ],
)
def test_dash_and_dev_stdout_are_standard_output(
    capsys: pytest.CaptureFixture[str], argv: list[str], output: str
) -> None:
    code, out, err = run(capsys, *argv, "-o", output)
    assert code == 0, err
    assert out.strip()
    assert "wrote" not in err


def test_an_existing_file_is_replaced_only_with_force_and_keeps_its_mode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "record.json"
    target.write_text("mine", encoding="utf-8")
    target.chmod(0o640)
    code, _, err = run(capsys, "new", "5", "-o", str(target))
    assert code == 2 and "exists; pass --force to replace it" in err
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(capsys, "new", "5", "-o", str(target), "--force")
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["checklist"] == "electronic-signature"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


def test_a_symlinked_output_replaces_the_file_it_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.json").symlink_to(real)
    code, _, err = run(capsys, "new", "5", "-o", str(tmp_path / "link.json"), "--force")
    assert code == 0, err
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["checklist"] == "electronic-signature"


def test_an_output_in_a_missing_directory_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "new", "5", "-o", str(tmp_path / "nowhere" / "r.json"))
    assert code == 2 and "there is no directory" in err and one_line_error(err)
    assert "nowhere" in err and ".tmp" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", "{record}", "--weights", ""], "--weights: no file name given"),
        (["score", "{record}", "--groups", ""], "--groups: no file name given"),
        (["score", "{record}", "--groups", "  "], "--groups: no file name given"),
        (["validate", "{record}", "--edition", ""], "--edition: no file name given"),
        (["validate", ""], "FILE: no file name given"),
        (["export-record", "{record}", "--format", "csv", "--weights", ""], "--weights: no file"),
        (["new", "5", "-o", ""], "-o: no file name given"),
        (["migrate", "{record}", "--to", "2023", "--report", ""], "--report: no file name"),
        (["migrate", "{record}", "--to", ""], "--to: no value given"),
        (["show", "5", "--edition", ""], "--edition: no value given"),
        (["history", "EDS-001", "--edition", "2023", "--edition", ""], "--edition: no value"),
    ],
)
def test_an_empty_name_is_a_usage_error_not_an_absent_option(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *_argv(argv, files))
    assert code == 2 and out == ""
    assert message in err and one_line_error(err)


def run_apart(*argv: str) -> subprocess.CompletedProcess[str]:
    """Run the command in its own process, which a wrongly read FIFO or device cannot hang."""
    return subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("option", [None, "--groups"])
@pytest.mark.parametrize("special", ["FIFO", "directory", "/dev/zero"])
def test_special_files_are_refused_not_read(
    files: dict[str, Path], option: str, special: str
) -> None:
    name = str(files["record"].parent)
    if special == "FIFO":
        if not hasattr(os, "mkfifo"):
            pytest.skip("the system has no FIFOs")
        name = str(files["record"].parent / "pipe")
        os.mkfifo(name)  # reading it would wait for a writer for ever
    elif special == "/dev/zero":
        if not os.path.exists(special):
            pytest.skip("no /dev/zero")
        name = special  # reading it would never end
    argv = ["validate", name] if option is None else ["score", str(files["record"]), option, name]
    done = run_apart(*argv)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert "is not a regular file" in done.stderr or "is a directory" in done.stderr
    assert one_line_error(done.stderr)


def test_deeply_nested_groups_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    files["groups"].write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "score", str(files["record"]), "--groups", str(files["groups"]))
    assert code == 2 and "groups file" in err and one_line_error(err)


def test_invalid_records_and_drift_keep_exit_code_1(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    files["record"].write_text('{"checklist": "electronic-signature"}', encoding="utf-8")
    for command in ("validate", "score"):
        code, out, _ = run(capsys, command, str(files["record"]))
        assert code == 1 and "invalid inspection record" in out
    drifted = files["source"]
    drifted.write_text(
        SOURCE_TEXT.read_text(encoding="utf-8").replace(
            "proprietary information on subscribers", "proprietary information on clients"
        ),
        encoding="utf-8",
    )
    code, _, _ = run(capsys, "verify", str(drifted))
    assert code == 1


def test_a_file_named_like_a_key_or_id_is_not_an_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checklist keys, edition IDs and aliases are not files, whatever lies on disk."""
    monkeypatch.chdir(tmp_path)
    for argv, output in [
        (["export", "communications", "--format", "csv"], "communications"),
        (["new", "5"], "5"),
        (["import", str(SOURCE_TEXT), "--edition", "draft"], "draft"),
        (["import", str(SOURCE_TEXT), "--edition", "other", "--alias", "a"], "a"),
    ]:
        Path(output).write_text("an earlier output", encoding="utf-8")
        code, _, err = run(capsys, *argv, "-o", output, "--force")
        assert code == 0, (argv, err)
        assert Path(output).read_text(encoding="utf-8") != "an earlier output"
    # An edition reference is a file when one has its name, so it is an input then.
    code, _, err = run(capsys, "export", "5", "--edition", "draft", "--format", "csv", "-o",
                       "draft", "--force")  # fmt: skip
    assert code == 2 and "refusing to write over the input file 'draft'" in err


@pytest.mark.parametrize(
    ("argv", "output"),
    [
        (["new", "4"], "latest"),
        (["new", "4", "--edition", "2023"], "2023"),
        (["new", "4", "--edition", "Latest"], "Latest"),
        (["export", "5", "--edition", "2023-revision", "--format", "csv"], "2023-revision"),
        (["diff", "2019", "latest"], "latest"),
        (["migrate", "{record}", "--to", "latest"], "latest"),
        (["migrate", "{record}", "--to", "2023", "--edition", "2023"], "2023"),
        (["migrate", "{record}", "--to", "2023", "--record-edition", "2023"], "2023"),
    ],
)
def test_an_edition_named_by_id_alias_or_latest_is_not_an_input_file(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    output: str,
) -> None:
    """A bundled edition's name is never read from disk, so a file of that name may be written."""
    monkeypatch.chdir(files["record"].parent)
    Path(output).write_text("an earlier output", encoding="utf-8")
    code, _, err = run(capsys, *_argv(argv, files), "-o", output, "--force")
    assert code == 0, err
    assert Path(output).read_text(encoding="utf-8") != "an earlier output"


def test_an_edition_named_as_a_path_is_an_input_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'./latest' is read as an edition file, so it is an input and never written over."""
    monkeypatch.chdir(tmp_path)
    Path("latest").write_text("not an edition", encoding="utf-8")
    code, _, err = run(capsys, "new", "4", "--edition", "./latest", "-o", "latest", "--force")
    assert code == 2 and "refusing to write over the input file 'latest'" in err
    assert "(read as --edition './latest')" in err and one_line_error(err)
    assert Path("latest").read_text(encoding="utf-8") == "not an edition"


def test_the_bundled_data_is_never_written_over(capsys: pytest.CaptureFixture[str]) -> None:
    import kz_inspection_checklists

    bundled = (
        Path(kz_inspection_checklists.__file__).parent
        / "data"
        / "orders"
        / "V1900018805"
        / "editions"
    )
    target = bundled / "2023-revision.json"
    kept = target.read_bytes()
    code, _, err = run(capsys, "new", "5", "-o", str(target), "--force")
    assert code == 2 and "(read as the package's data" in err and one_line_error(err)
    assert target.read_bytes() == kept
