"""Migrating inspection records between editions, and its agreement with diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import DataFileError, TextNotAvailableError
from kz_inspection_checklists.law.diff import diff
from kz_inspection_checklists.law.store import EditionRef, edition_file_json
from kz_inspection_checklists.present.text import migration_text
from kz_inspection_checklists.record.files import dumps_record, read_record
from kz_inspection_checklists.record.migrate import migrate
from kz_inspection_checklists.record.record import InspectionRecord, new_record

from .test_diff import NEW_TEXT, _pairs, edited_edition, synthetic

VERDICTS = st.sampled_from([None, "conforms", "does-not-conform"])


def _filled(edition: EditionRef) -> InspectionRecord:
    record = new_record("communications", edition=edition)
    return record.mark_many(
        {
            rid: ("conforms" if n % 2 else "does-not-conform", f"note {n}")
            for n, rid in enumerate(record.ids)
        }
    ).with_header(entity_name="Example LLP")


def test_migrating_to_an_edited_edition(source_text: str) -> None:
    record = _filled("2023")
    edited = edited_edition(source_text)
    result = migrate(record, edited)
    assert result.ids("review-needed") == ("COM-008", "COM-073")
    assert result.ids("removed") == ("COM-030",)
    assert result.counts() == {"carried": 70, "review-needed": 2, "removed": 1}
    migrated = result.record
    assert migrated.edition == "edited" and not migrated.final
    assert migrated.header.entity_name == "Example LLP"
    assert migrated.answer("COM-008").verdict is None  # the wording changed
    assert migrated.answer("COM-073").verdict is None  # new
    assert migrated.form.requirement("COM-073").text == NEW_TEXT
    for rid in result.ids("carried"):  # moved requirements too: their text is the same
        assert migrated.answer(rid) == record.answer(rid)
    removed = next(o for o in result.outcomes if o.id == "COM-030")
    assert removed.verdict == record.answer("COM-030").verdict
    text = migration_text(result)
    assert "COM-008: review-needed (text changed; was " in text
    assert "COM-073: review-needed (new requirement)" in text


def test_migrate_leaves_the_record_unchanged() -> None:
    record = _filled("2023")
    before = dumps_record(record)
    migrate(record, "2023")
    assert dumps_record(record) == before


def test_migrating_to_an_edition_without_texts_is_a_clear_error() -> None:
    with pytest.raises(TextNotAvailableError, match="'2019-original' is not available"):
        migrate(_filled("2023"), "2019")


def test_migrating_to_an_edition_file_reads_only_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it would wait for a writer for ever
    for path, words in [
        (tmp_path, "is a directory"),
        (fifo, "is not a regular file"),
        ("/dev/zero", "is not a regular file"),
    ]:
        with pytest.raises(DataFileError, match=f"cannot read edition file .*: {words}"):
            migrate(_filled("2023"), path)


@settings(max_examples=60, deadline=None)
@given(_pairs(), _pairs(), st.lists(VERDICTS, min_size=60, max_size=60), st.randoms())
def test_migrate_and_diff_agree_on_what_needs_review(
    a: list[tuple[str, str]], b: list[tuple[str, str]], verdicts: list[object], rnd: object
) -> None:
    shared = dict(a[: len(a) // 2])
    b = [(rid, shared.get(rid, text)) for rid, text in b] + [
        (rid, text) for rid, text in shared.items() if rid not in dict(b)
    ]
    rnd.shuffle(b)  # type: ignore[attr-defined]
    old, new = synthetic(a, "a"), synthetic(b, "b")
    record = new_record(old.checklist(4))
    record = record.mark_many(dict(zip(record.ids, verdicts)))  # type: ignore[arg-type]
    result = migrate(record, new)
    reqs = diff(old, new, checklist="communications").annex(4).requirements
    assert reqs is not None
    assert set(result.ids("review-needed")) == set(reqs.review)
    assert result.ids("removed") == tuple(r.id for r in reqs.removed)
    assert len(result.ids("carried")) == reqs.unchanged
    for rid in result.ids("carried"):
        assert result.record.answer(rid) == record.answer(rid)
    for rid in result.ids("review-needed"):
        assert result.record.answer(rid).verdict is None


def test_cli_migrate(tmp_path: Path, source_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    record_path = tmp_path / "record.json"
    record_path.write_text(dumps_record(_filled("2023")), encoding="utf-8")
    edition_path = tmp_path / "edited.json"
    edition_path.write_text(edition_file_json(edited_edition(source_text), {}), encoding="utf-8")
    out, report = tmp_path / "migrated.json", tmp_path / "report.json"
    argv = ["migrate", str(record_path), "--to", str(edition_path), "-o", str(out)]
    assert main([*argv, "--report", str(report)]) == 0
    assert "carried 70, review needed 2, removed 1" in capsys.readouterr().err
    migrated = read_record(out, edition=edition_path)
    assert migrated.answer("COM-073").verdict is None
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["counts"] == {"carried": 70, "review-needed": 2, "removed": 1}
    # Nothing written is overwritten without --force, and the record never.
    kept = out.read_bytes()
    assert main(argv) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert out.read_bytes() == kept
    assert main([*argv[:-1], str(record_path), "--force"]) == 2
    assert "refusing to write over the input" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["migrate", "missing.json", "--to", "2023"],
        ["migrate", "RECORD", "--to", "2024"],
        ["migrate", "RECORD", "--to", "2019"],
        ["migrate", "JUNK", "--to", "2023"],
        ["migrate", "RECORD"],
    ],
)
def test_cli_migrate_junk(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record_path = tmp_path / "record.json"
    record_path.write_text(dumps_record(_filled("2023")), encoding="utf-8")
    junk = tmp_path / "junk.json"
    junk.write_text('{"format": 1', encoding="utf-8")
    argv = [str(record_path) if a == "RECORD" else str(junk) if a == "JUNK" else a for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kz-checklists: error: ") and "Traceback" not in err


def test_the_report_says_every_outcome_with_the_old_verdict_and_remark(source_text: str) -> None:
    record = _filled("2023")
    result = migrate(record, edited_edition(source_text))
    assert (result.checklist, result.from_edition, result.to_edition) == (
        "communications",
        "2023-revision",
        "edited",
    )
    report = result.report_json()
    assert list(report) == ["checklist", "from", "to", "counts", "requirements"]
    assert (report["checklist"], report["from"], report["to"]) == (
        "communications",
        "2023-revision",
        "edited",
    )
    outcomes = {o["id"]: o for o in report["requirements"]}
    old = record.answer("COM-008")
    assert outcomes["COM-008"] == {
        "id": "COM-008",
        "outcome": "review-needed",
        "reason": "text changed",
        "verdict": old.verdict,
        "remark": old.remark,
    }
    assert outcomes["COM-001"]["reason"] == "same text"
    assert outcomes["COM-001"]["remark"] == record.answer("COM-001").remark
    gone = record.answer("COM-030")
    assert outcomes["COM-030"] == {
        "id": "COM-030",
        "outcome": "removed",
        "reason": "not in the edition",
        "verdict": gone.verdict,
        "remark": gone.remark,
    }
    assert json.loads(json.dumps(report)) == report


def test_migrate_of_what_is_no_record_says_what_it_got() -> None:
    from kz_inspection_checklists.exceptions import InvalidInputError

    with pytest.raises(InvalidInputError, match=r"migrate takes an InspectionRecord .*, not dict"):
        migrate({"checklist": "communications"}, "2023")  # type: ignore[arg-type]
