"""The command line: list, show, import, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kz_inspection_checklists.cli import build_parser, main

from .conftest import SOURCE_TEXT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "2023-revision (2023, latest)" in out
    assert "communications        72 requirements" in out
    assert "checklist texts not available" in out


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "json")
    editions = json.loads(out)["editions"]
    counts = {a["checklist"]: a["requirements"] for a in editions[1]["annexes"] if a["checklist"]}
    assert code == 0 and counts == {
        "informatization": 11,
        "communications": 72,
        "electronic-signature": 4,
    }
    assert editions[0]["text_available"] is False


def test_show_json_has_id_number_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "communications", "--format", "json")
    shown = json.loads(out)
    assert code == 0
    assert len(shown["requirements"]) == 72
    assert {k: shown["requirements"][0][k] for k in ("id", "number", "text")} == {
        "id": "COM-001",
        "number": 1,
        "text": "observance of obligations to collect and store proprietary information on subscribers",
    }


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_show_text_and_markdown_list_every_requirement(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, _ = run(capsys, "show", "3", "--edition", "2023", "--format", fmt)
    assert code == 0
    assert all(f"INF-{n:03d}" in out for n in range(1, 12))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "comms"], "unknown checklist 'comms'"),
        (["show", "4", "--edition", "2025"], "unknown edition '2025'"),
        (["show", "4", "--edition", "2019"], "not available in this library"),
        (["show", "4", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["show", "4", "--edition", "nowhere/edition.json"], "cannot read edition file"),
        (["import", "missing.txt", "--edition", "x"], "cannot read the file"),
        (["import", str(SOURCE_TEXT), "--edition", "bad id!"], "not a valid edition ID"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["--no-such-option"], "required: COMMAND"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("kz-checklists: error: ")
    assert message in err


@pytest.mark.parametrize("argv", [[], None])
def test_no_command_prints_the_command_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: Any
) -> None:
    monkeypatch.setattr(sys, "argv", ["kz-checklists"])
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == build_parser().format_help()
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert all(f"    {name}" in out for name in commands)


def test_import_writes_an_edition_file_that_show_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "edition.json"
    code, _, err = run(
        capsys, "import", str(SOURCE_TEXT), "--edition", "copy", "--base", "2023", "-o", str(target)
    )
    assert code == 0
    assert "87 unchanged, 0 changed, 0 new, 0 removed" in err
    assert json.loads(target.read_text(encoding="utf-8"))["generated"]["base"] == "2023-revision"
    code, out, _ = run(capsys, "show", "5", "--edition", str(target), "--format", "json")
    assert code == 0 and json.loads(out)["edition"] == "copy"


def test_import_never_overwrites_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "edition.json"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "import", str(SOURCE_TEXT), "--edition", "copy", "-o", str(target))
    assert code == 2 and "exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(
        capsys, "import", str(SOURCE_TEXT), "--edition", "copy", "-o", str(target), "--force"
    )
    assert code == 0 and target.read_text(encoding="utf-8").startswith("{")


def test_import_never_writes_over_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(SOURCE_TEXT.read_bytes())
    code, _, err = run(
        capsys, "import", str(source), "--edition", "x", "-o", str(source), "--force"
    )
    assert code == 2 and "over the input file" in err
    assert source.read_bytes() == SOURCE_TEXT.read_bytes()


def test_a_malformed_source_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.txt"
    source.write_text(
        SOURCE_TEXT.read_text(encoding="utf-8").replace("List of requirements", "Lst"),
        encoding="utf-8",
    )
    code, _, err = run(
        capsys, "import", str(source), "--edition", "x", "-o", str(tmp_path / "o.json")
    )
    assert code == 2 and "bad.txt, line " in err
    assert not (tmp_path / "o.json").exists()


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", "show", "electronic-signature"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "EDS-004" in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", "show", "9"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_written_files_get_the_usual_permissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import stat

    target = tmp_path / "edition.json"
    code, _, _ = run(capsys, "import", str(SOURCE_TEXT), "--edition", "copy", "-o", str(target))
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert code == 0
    assert stat.S_IMODE(os.stat(target).st_mode) == stat.S_IMODE(os.stat(plain).st_mode)


def test_a_defect_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kz_inspection_checklists.present import text

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("KZ_CHECKLISTS_DEBUG", raising=False)
    monkeypatch.setattr(text, "checklist_text", broken)
    code, _, err = run(capsys, "show", "4")
    assert code == 70
    assert err == (
        "kz-checklists: internal error: RuntimeError: boom "
        "(please report it; set KZ_CHECKLISTS_DEBUG=1 for the traceback)\n"
    )
    monkeypatch.setenv("KZ_CHECKLISTS_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main(["show", "4"])


@pytest.mark.parametrize(
    "names",
    [
        ["--edition", "2023-revision"],
        ["--edition", "2023"],
        ["--edition", "x", "--alias", "latest"],
    ],
)
def test_import_may_not_take_a_bundled_editions_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[str]
) -> None:
    source = tmp_path / "amended.txt"
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    source.write_text(
        text.replace("to accept electronic documents", "to accept paper documents"),
        encoding="utf-8",
    )
    target = tmp_path / "e.json"
    code, _, err = run(capsys, "import", str(source), *names, "-o", str(target))
    assert code == 2 and ("names the bundled edition" in err or "reserved" in err)
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_show_says_what_the_text_is(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "show", "communications", "--format", fmt)
    assert code == 0
    assert "Adilet, English, unofficial translation" in out
    assert "the official texts are in Kazakh and Russian" in out


def test_show_and_export_describe_an_official_edition_file_as_official(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "official.json"
    code, _, _ = run(
        capsys,
        "import",
        str(SOURCE_TEXT),
        "--edition",
        "kk-test",
        "--official",
        "--language",
        "kk",
        "-o",
        str(target),
    )
    assert code == 0
    for argv in (
        ["show", "5", "--edition", str(target)],
        ["export", "5", "--format", "markdown", "--edition", str(target)],
    ):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert "unofficial" not in out and "official text" in out


def test_import_reports_removed_requirements(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import kz_inspection_checklists as kz

    text = SOURCE_TEXT.read_text(encoding="utf-8")
    source = tmp_path / "amended.txt"
    source.write_text(text.replace(kz.requirement("COM-059").text + "\n", ""), encoding="utf-8")
    target = tmp_path / "e.json"
    code, _, err = run(
        capsys, "import", str(source), "--edition", "x", "--base", "2023", "-o", str(target)
    )
    assert code == 0
    assert "86 unchanged, 0 changed, 0 new, 1 removed (COM-059)" in err
    assert json.loads(target.read_text(encoding="utf-8"))["generated"]["removed"] == ["COM-059"]


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (
            lambda t: t[: t.index("\xa0 Annex 5\n")],
            "paragraph 1 lists 5 annexes but the text has 4",
        ),
        (
            lambda t: t[: t.index("\xa0 Annex 4\n")] + t[t.index("\xa0 Annex 5\n") :],
            "expected Annex 4 here, found Annex 5",
        ),
        (lambda t: t + "\n" + t, "follows the end of the page"),
    ],
)
def test_a_text_missing_or_repeating_annexes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cut: object, message: str
) -> None:
    source = tmp_path / "cut.txt"
    source.write_text(cut(SOURCE_TEXT.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    code, _, err = run(
        capsys, "import", str(source), "--edition", "x", "-o", str(tmp_path / "o.json")
    )
    assert code == 2 and message in err
    assert not (tmp_path / "o.json").exists()
