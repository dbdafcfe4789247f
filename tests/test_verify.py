"""Verifying a fresh source text against the bundled data: drift found, and only drift."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import (
    ChecklistError,
    DataFileError,
    InvalidInputError,
    TextNotAvailableError,
)
from kz_inspection_checklists.importer.verify import verify
from kz_inspection_checklists.present.text import verification_text

from .conftest import SOURCE_TEXT
from .test_diff import edited_source


def test_the_bundled_source_has_no_drift() -> None:
    result = verify(SOURCE_TEXT, edition="2023")
    assert not result.drift and result.same_bytes
    assert "no drift from edition 2023-revision (byte for byte" in verification_text(result)


def test_a_reformatted_copy_with_the_same_words_has_no_drift(
    source_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(source_text.replace("\n", "\r\n").encode("utf-8"))
    result = verify(path, edition="2023")
    assert not result.drift and not result.same_bytes


def test_a_byte_order_mark_is_the_same_data_but_not_the_same_bytes(
    source_text: str, tmp_path: Path
) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + source_text.encode("utf-8"))
    result = verify(path, edition="2023")
    assert not result.drift and not result.same_bytes
    text = verification_text(result)
    assert "byte for byte the edition's source" not in text.replace("not byte for byte", "")
    assert text.endswith("(the same data, though not byte for byte the edition's source)")


def test_an_edition_file_is_compared_with_its_own_source_not_the_bundled_one(
    source_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    amended, draft = tmp_path / "amended.txt", tmp_path / "2024-draft.json"
    amended.write_text(edited_source(source_text), encoding="utf-8")
    assert main(["import", str(amended), "--edition", "2024-draft", "-o", str(draft)]) == 0
    capsys.readouterr()
    result = verify(amended, edition=draft)
    assert (result.edition, result.drift, result.same_bytes) == ("2024-draft", False, True)
    assert main(["verify", str(amended), "--edition", str(draft)]) == 0
    out = capsys.readouterr().out
    assert (
        out == f"{amended}: no drift from edition 2024-draft (byte for byte the edition's source)\n"
    )
    assert "bundled" not in out
    # The bundled source against the draft: the same edition file, other bytes and words.
    assert verify(SOURCE_TEXT, edition=draft).same_bytes is False
    # The draft's source with a byte order mark: its words, but not its bytes.
    marked = tmp_path / "marked.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + amended.read_bytes())
    again = verify(marked, edition=draft)
    assert not again.drift and not again.same_bytes


def test_the_edition_option_says_a_file_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "ID, alias, 'latest' (default) or an edition file" in help_text


def test_every_edit_is_reported(source_text: str, tmp_path: Path) -> None:
    text = edited_source(source_text).replace(
        "Location address ______", "Address of the location ______", 1
    )
    path = tmp_path / "fresh.txt"
    path.write_text(text, encoding="utf-8")
    result = verify(path, edition="latest")
    assert result.drift
    found = [(d.where, d.what, d.bundled, d.source) for d in result.differences]
    assert found == [
        (
            "Annex 3 (informatization)",
            "header_fields[4].label differs",
            "Location address",
            "Address of the location",
        ),
        ("Annex 4 (communications)", "requirement added", None, "COM-073"),
        ("Annex 4 (communications)", "requirement removed", "COM-030", None),
        (
            "Annex 4 (communications) COM-008",
            "requirement text changed",
            result.diff.annex(4).requirements.changed[0].old,  # type: ignore[union-attr]
            result.diff.annex(4).requirements.changed[0].new,  # type: ignore[union-attr]
        ),
        ("Annex 4 (communications)", "requirement moved", "COM-010", "COM-010"),
        ("Annex 4 (communications)", "requirement moved", "COM-020", "COM-020"),
    ]
    assert "[-organisational-] {+organizational+}" in verification_text(result)


def test_an_excluded_annex_coming_back_is_drift(source_text: str, tmp_path: Path) -> None:
    footnote = next(line for line in source_text.splitlines() if "Annex 1 excluded by" in line)
    path = tmp_path / "fresh.txt"
    path.write_text(source_text.replace(footnote + "\n", ""), encoding="utf-8")
    result = verify(path)
    assert ("Annex 1", "annex added") in [(d.where, d.what) for d in result.differences]


def test_verifying_against_an_edition_without_texts_is_a_clear_error() -> None:
    with pytest.raises(TextNotAvailableError, match="holds no checklist texts"):
        verify(SOURCE_TEXT, edition="2019")


def test_a_text_that_is_not_the_order_is_an_import_error(tmp_path: Path) -> None:
    path = tmp_path / "other.txt"
    path.write_text("Some other law\n\nwith no preamble\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"other\.txt"):
        verify(path)


def test_only_a_regular_file_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    for path, words in [
        (tmp_path, "is a directory"),
        (fifo, "is not a regular file"),
        ("/dev/zero", "is not a regular file"),
        (tmp_path / "missing.txt", "No such file"),
    ]:
        with pytest.raises(DataFileError, match=f"cannot read the file: {words}"):
            verify(path)
    for empty in ("", "  "):
        with pytest.raises(InvalidInputError, match="no source file name given"):
            verify(empty)


def test_cli_exit_codes(
    source_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(SOURCE_TEXT), "--edition", "2023"]) == 0
    assert "no drift" in capsys.readouterr().out
    path = tmp_path / "fresh.txt"
    path.write_text(edited_source(source_text), encoding="utf-8")
    assert main(["verify", str(path), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["drift"] is True and document["edition"] == "2023-revision"
    assert {"where", "what", "bundled", "source"} == set(document["differences"][0])


@pytest.mark.parametrize(
    "argv",
    [
        ["verify"],
        ["verify", "missing.txt"],
        ["verify", "BINARY"],
        ["verify", "EMPTY"],
        ["verify", str(SOURCE_TEXT), "--edition", "2019"],
        ["verify", str(SOURCE_TEXT), "--edition", "2024"],
        ["verify", str(SOURCE_TEXT), "--format", "xml"],
    ],
)
def test_cli_usage_errors_exit_2(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary, empty = tmp_path / "binary.txt", tmp_path / "empty.txt"
    binary.write_bytes(b"\xff\xfe\x00junk")
    empty.write_text("", encoding="utf-8")
    argv = [str(binary) if a == "BINARY" else str(empty) if a == "EMPTY" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kz-checklists: error: ") and err.count("\n") == 1


_JUNK = st.one_of(
    st.none(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=8),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(_JUNK, _JUNK)
def test_junk_into_every_entry_point_is_a_checklist_error(one: object, two: object) -> None:
    from kz_inspection_checklists.law.catalog import edition as select
    from kz_inspection_checklists.law.diff import diff
    from kz_inspection_checklists.law.history import history
    from kz_inspection_checklists.law.in_force import as_of
    from kz_inspection_checklists.law.pins import check_pin
    from kz_inspection_checklists.record.migrate import migrate

    calls = [
        lambda: diff(one, two),  # type: ignore[arg-type]
        lambda: diff("2023", "2023", checklist=one),  # type: ignore[arg-type]
        lambda: history(one),  # type: ignore[arg-type]
        lambda: as_of(one),  # type: ignore[arg-type]
        lambda: as_of("2024-01-01", published={str(one): two}),  # type: ignore[dict-item]
        lambda: as_of("2024-01-01", published=one),  # type: ignore[arg-type]
        lambda: as_of("2024-01-01", effective=one),  # type: ignore[arg-type]
        lambda: history("EDS-001", editions=one),  # type: ignore[arg-type]
        lambda: select(one),  # type: ignore[arg-type]
        lambda: migrate(one, "2023"),  # type: ignore[arg-type]
        lambda: verify(one),  # type: ignore[arg-type]
        lambda: check_pin(one),  # type: ignore[arg-type]
    ]
    for call in calls:
        with contextlib.suppress(ChecklistError):
            call()
