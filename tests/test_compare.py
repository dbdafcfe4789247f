"""Comparing two inspections of one entity: every list, across an amendment, and the refusals.

Within one edition the bundled electronic-signature and communications checklists serve.
Across an amendment two fixtures do, both test data that no law contains: the synthetic
order of ``tests/fixtures/synthetic`` (its 2005 edition rewords WID-002, removes WID-004
and adds WID-006), and the bundled order's source text edited and imported
(:func:`tests.test_diff.edited_edition`: COM-008 reworded, COM-030 removed, COM-073
added).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError
from kz_inspection_checklists.exports.comparison import COLUMNS, comparison_csv
from kz_inspection_checklists.law.store import Law, edition_file_json
from kz_inspection_checklists.present.compare import comparison_markdown, comparison_text
from kz_inspection_checklists.record.compare import CATEGORIES, NOT_IN_EDITION, compare
from kz_inspection_checklists.record.files import dumps_record
from kz_inspection_checklists.record.record import InspectionRecord, new_record

from .conftest import SOURCE_TEXT
from .test_diff import NEW_TEXT, edited_edition
from .test_synthetic_order import MAKER_ID, NEW, OLD, built

#: Made-up IIN/BINs with good control digits.
IIN = "990140000007"
OTHER_IIN = "000101500120"

VERDICT = st.sampled_from([None, "conforms", "does-not-conform", "not-applicable"])


def of(
    record: InspectionRecord, day: str = "2024-03-01", iin: Optional[str] = IIN
) -> InspectionRecord:
    return record.with_header(entity_name="Example LLP", iin_bin=iin, inspection_date=day)


def marked(checklist: str, answers: dict[str, Optional[str]], **header: str) -> InspectionRecord:
    record = new_record(checklist)
    return of(
        record.mark_many(
            {rid: (v, "why" if v == "not-applicable" else None) for rid, v in answers.items()}
        ),
        **header,
    )


def ids(items: object) -> list[str]:
    return [item.id for item in items]  # type: ignore[attr-defined]


# --- within one edition ---------------------------------------------------------------


def test_every_list_within_one_edition() -> None:
    before = marked(
        "communications",
        {
            "COM-001": "does-not-conform",  # -> conforms: resolved
            "COM-002": "does-not-conform",  # -> does-not-conform: still open
            "COM-003": "conforms",  # -> does-not-conform: new finding
            "COM-004": "not-applicable",  # -> does-not-conform: new finding
            "COM-005": None,  # -> does-not-conform: new finding
            "COM-006": "does-not-conform",  # -> not-applicable: changed
            "COM-007": "conforms",  # -> not assessed: changed
            "COM-008": "does-not-conform",  # -> not assessed: changed
            "COM-009": None,  # -> conforms: changed
            "COM-010": "conforms",  # -> conforms: nothing
            "COM-011": "not-applicable",  # -> not-applicable: nothing
        },
    )
    after = of(
        before.mark_many(
            {
                "COM-001": "conforms",
                "COM-003": "does-not-conform",
                "COM-004": "does-not-conform",
                "COM-005": "does-not-conform",
                "COM-006": ("not-applicable", "no longer a telecom operator"),
                "COM-007": None,
                "COM-008": None,
                "COM-009": "conforms",
            }
        ),
        day="2025-03-03",
    )
    result = compare(before, after)
    assert ids(result.resolved) == ["COM-001"]
    assert ids(result.still_open) == ["COM-002"]
    assert ids(result.new_findings) == ["COM-003", "COM-004", "COM-005"]
    assert [(i.id, i.old, i.new) for i in result.changed] == [
        ("COM-006", "does-not-conform", "not-applicable"),
        ("COM-007", "conforms", "not-assessed"),
        ("COM-008", "does-not-conform", "not-assessed"),
        ("COM-009", "not-assessed", "conforms"),
    ]
    assert result.removed == () and result.text_changed == ()
    assert result.notes == () and result.warnings == ()
    document = result.to_json()
    assert document["changed"][0] == {
        "id": "COM-006",
        "old": "does-not-conform",
        "new": "not-applicable",
    }
    assert document["old"] == {
        "entity": "Example LLP",
        "iin_bin": IIN,
        "inspection_date": "2024-03-01",
        "checklist": "communications",
        "edition": "2023-revision",
    }
    assert document["new"]["inspection_date"] == "2025-03-03"
    assert document["counts"] == {
        "resolved": 1,
        "still_open": 1,
        "new_findings": 3,
        "changed": 4,
        "text_changed": 0,
        "removed": 0,
    }
    assert list(document)[:2] == ["old", "new"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(VERDICT, VERDICT), min_size=4, max_size=4))
def test_each_id_is_in_the_one_list_its_verdicts_put_it_in(
    pairs: list[tuple[object, object]],
) -> None:
    def answers(side: int) -> dict[str, tuple[object, object]]:
        return {
            f"EDS-00{n}": (pair[side], "why" if pair[side] == "not-applicable" else None)
            for n, pair in enumerate(pairs, start=1)
        }

    blank = new_record("electronic-signature")
    result = compare(blank.mark_many(answers(0)), blank.mark_many(answers(1)))  # type: ignore[arg-type]
    for n, (old, new) in enumerate(pairs, start=1):
        rid = f"EDS-00{n}"
        if new == "does-not-conform":
            expected = "still_open" if old == "does-not-conform" else "new_findings"
        elif old == "does-not-conform" and new == "conforms":
            expected = "resolved"
        elif old != new:
            expected = "changed"
        else:
            expected = None
        assert result.category(rid) == expected, (old, new)
        assert sum(rid in ids(getattr(result, name)) for name in CATEGORIES) == (
            expected is not None
        )


def test_blank_iin_bins_are_allowed_with_a_note_and_dates_out_of_order_warned() -> None:
    before = marked("electronic-signature", {"EDS-001": "does-not-conform"}, day="2025-01-01")
    after = of(before.mark("EDS-001", "conforms"), day="2024-01-01", iin=None)
    result = compare(before, after)
    assert ids(result.resolved) == ["EDS-001"]  # compared all the same
    assert result.notes == (
        "NEW has no IIN/BIN: that both records are of one entity is not checked",
    )
    (warning,) = result.warnings
    assert "OLD was inspected on 2025-01-01, after NEW (2024-01-01)" in warning
    assert warning in comparison_text(result) and result.notes[0] in comparison_text(result)


@pytest.mark.parametrize(
    ("new", "words"),
    [
        (
            marked("communications", {}),
            "checklist 'electronic-signature' and NEW of 'communications'",
        ),
        (
            marked("electronic-signature", {}, iin=OTHER_IIN),
            f"OLD is of IIN/BIN '{IIN}' (Example LLP) and NEW of IIN/BIN '{OTHER_IIN}'",
        ),
        ("record.json", "compare() takes two inspection records"),
    ],
)
def test_another_checklist_or_entity_is_refused_naming_both(new: object, words: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(words)):
        compare(marked("electronic-signature", {}), new)  # type: ignore[arg-type]


def test_the_renderings_show_the_words_and_the_csv_a_row_per_id() -> None:
    before = marked("electronic-signature", {"EDS-001": "does-not-conform", "EDS-002": "conforms"})
    after = before.mark_many(
        {"EDS-001": ("does-not-conform", "=still no"), "EDS-002": "does-not-conform"}
    )
    result = compare(before, after)
    text = comparison_text(result)
    assert (
        "still open (does not conform in both):\n  1. EDS-001: " + kz.requirement("EDS-001").text
        in text
    )
    assert "2. EDS-002 (was conforms): " + kz.requirement("EDS-002").text in text
    markdown = comparison_markdown(result)
    assert "## New findings" in markdown and "| 2 | `EDS-002` |" in markdown
    rows = list(csv.DictReader(io.StringIO(comparison_csv(result).decode(), newline="")))
    assert [(r["id"], r["category"], r["new_remark"]) for r in rows] == [
        ("EDS-001", "still_open", "'=still no"),  # guarded: no formula
        ("EDS-002", "new_findings", ""),
    ]
    assert tuple(rows[0]) == COLUMNS


# --- across an amendment ----------------------------------------------------------------


@pytest.fixture(scope="module")
def law(tmp_path_factory: pytest.TempPathFactory) -> Law:
    return built(tmp_path_factory.mktemp("orders"))


def test_across_an_amendment_of_the_synthetic_order(law: Law) -> None:
    old = new_record(law.checklist("widgets", edition=OLD)).mark_many(
        {
            "WID-001": "does-not-conform",
            "WID-002": "conforms",
            "WID-003": "does-not-conform",
            "WID-004": ("does-not-conform", "the cogs are green"),
        }
    )
    new = new_record(law.checklist("widgets", edition=NEW)).mark_many(
        {
            "WID-001": "conforms",
            "WID-002": "does-not-conform",
            "WID-003": "does-not-conform",
            "WID-006": "does-not-conform",
        }
    )
    old, new = (r.with_header(maker_id=MAKER_ID) for r in (old, new))
    result = compare(old, new)
    assert ids(result.resolved) == ["WID-001"]
    assert ids(result.still_open) == ["WID-003"]
    # WID-002's verdicts judged different words; WID-006 is new in the 2005 edition.
    assert ids(result.new_findings) == ["WID-002", "WID-006"]
    assert [i.old for i in result.new_findings] == ["conforms", NOT_IN_EDITION]
    assert ids(result.text_changed) == ["WID-002"]
    (removed,) = result.removed
    assert (removed.id, removed.old, removed.new, removed.old_remark) == (
        "WID-004",
        "does-not-conform",
        NOT_IN_EDITION,
        "the cogs are green",
    )
    assert (result.old.edition, result.new.edition) == (OLD, NEW)
    text = comparison_text(result)
    # The redline diff makes, and the removed requirement's old words.
    assert "WID-002: counting the gadgets of the warehouse once a [-quarter-] {+month+}" in text
    assert "painting the cogs of every widget blue" in text
    assert "~~quarter~~ **month**" in comparison_markdown(result)
    # An ID new in NEW's edition answered other than does-not-conform is a change.
    assert compare(old, new.mark("WID-006", "conforms")).changed[-1].old == NOT_IN_EDITION
    # ... and one left not assessed is in no list.
    assert compare(old, new.mark("WID-006", None)).category("WID-006") is None


def test_an_unanswered_id_of_old_is_not_removed(law: Law) -> None:
    old = new_record(law.checklist("widgets", edition=OLD))
    new = new_record(law.checklist("widgets", edition=NEW))
    result = compare(old, new)
    assert result.removed == () and ids(result.text_changed) == ["WID-002"]
    assert result.counts()["text_changed"] == 1


# --- the command line ------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition the importer makes of the source text edited (test data)."""
    edited = edited_edition(SOURCE_TEXT.read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("edition") / "edited.json"
    path.write_text(edition_file_json(edited, {}), encoding="utf-8")
    return path


def write(path: Path, record: InspectionRecord) -> str:
    path.write_text(dumps_record(record), encoding="utf-8")
    return str(path)


def test_cli_compares_across_an_imported_edition(
    tmp_path: Path, edited_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = kz.edition(str(edited_file))
    old = marked(
        "communications",
        {
            "COM-008": "does-not-conform",
            "COM-030": "does-not-conform",
            "COM-001": "does-not-conform",
        },
    )
    new = of(
        new_record("communications", edition=edited).mark_many(
            {"COM-008": "does-not-conform", "COM-073": "does-not-conform", "COM-001": "conforms"}
        ),
        day="2025-03-03",
    )
    old_path, new_path = write(tmp_path / "old.json", old), write(tmp_path / "new.json", new)
    argv = ["compare", old_path, new_path, "--edition", str(edited_file)]
    assert main([*argv, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    document = json.loads(out)
    assert document["resolved"] == ["COM-001"]
    assert document["still_open"] == ["COM-008"]
    assert document["new_findings"] == ["COM-073"]
    assert document["removed"] == ["COM-030"]
    assert document["text_changed"] == ["COM-008"]
    assert (document["old"]["edition"], document["new"]["edition"]) == ("2023-revision", "edited")
    assert err == ""
    assert main([*argv, "--format", "markdown"]) == 0
    number = kz.edition(str(edited_file)).checklist(4).requirement("COM-073").number
    row = f"| {number} | `COM-073` | {NEW_TEXT} | not-in-edition | does-not-conform |"
    assert row in capsys.readouterr().out
    assert main([*argv, "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"), newline="")))
    assert [(r["id"], r["category"], r["text_changed"]) for r in rows] == [
        ("COM-001", "resolved", "false"),
        ("COM-008", "still_open", "true"),
        ("COM-073", "new_findings", "false"),
        ("COM-030", "removed", "false"),
    ]
    assert "wrote " in capsys.readouterr().err
    # Without the edition file, NEW cannot be read: its problem says how to pass it.
    assert main(["compare", old_path, new_path]) == 1
    assert "--edition FILE" in capsys.readouterr().err


def test_cli_refuses_two_entities_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write(tmp_path / "old.json", marked("electronic-signature", {}))
    other = write(tmp_path / "other.json", marked("electronic-signature", {}, iin=OTHER_IIN))
    target = tmp_path / "out.json"
    assert main(["compare", old, other, "--format", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert IIN in err and OTHER_IIN in err and len(err.splitlines()) == 1
    assert not target.exists()
    communications = write(tmp_path / "com.json", marked("communications", {}))
    assert main(["compare", old, communications, "-o", str(target)]) == 2
    assert "'electronic-signature'" in capsys.readouterr().err and not target.exists()


def test_cli_warns_of_dates_out_of_order_and_notes_a_blank_iin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = write(tmp_path / "old.json", marked("electronic-signature", {}, day="2025-01-01"))
    new = write(tmp_path / "new.json", marked("electronic-signature", {}, iin=None))
    assert main(["compare", old, new]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("compare electronic-signature")
    assert "kz-checklists: warning: OLD was inspected on 2025-01-01, after NEW" in err
    assert "kz-checklists: note: NEW has no IIN/BIN" in err


def test_two_edition_files_of_one_id_are_refused(
    tmp_path: Path, edited_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.json"
    document = json.loads(edited_file.read_text("utf-8"))
    document["generated"] = {"copy": True}
    copy.write_text(json.dumps(document), encoding="utf-8")
    record = write(tmp_path / "r.json", marked("electronic-signature", {}))
    argv = ["compare", record, record, "--edition", str(edited_file), "--edition", str(copy)]
    assert main(argv) == 2
    assert "are both edition 'edited'" in capsys.readouterr().err
