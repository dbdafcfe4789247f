"""A checklist of another order is a data change: a synthetic order goes through the same code.

The order under ``tests/fixtures/synthetic/`` is SYNTHETIC TEST DATA that no law
contains: one checklist (``widgets``, Annex 1, IDs ``WID-``), a form of three header
fields (text, IIN/BIN, date) and one signature block, in two editions (the second
rewords one requirement, removes one and adds one). It is built with ``tools/bundle.py``
into a temporary folder and read with :class:`~kz_inspection_checklists.law.store.Law`;
from there every step (record, score, diff, history, as_of, each export) runs the code
the bundled order runs, and nothing of the bundled order may show through.
"""

from __future__ import annotations

import ast
import datetime
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import tools.bundle

from kz_inspection_checklists.exceptions import (
    AmbiguousDateError,
    DataFileError,
    InvalidInputError,
    InvalidRecordError,
    NotInForceError,
    UnknownNameError,
)
from kz_inspection_checklists.exports import FORMATS, export
from kz_inspection_checklists.importer.build import import_edition
from kz_inspection_checklists.importer.verify import verify
from kz_inspection_checklists.law.diff import diff
from kz_inspection_checklists.law.edition import Edition
from kz_inspection_checklists.law.history import history
from kz_inspection_checklists.law.in_force import as_of, earliest_in_force
from kz_inspection_checklists.law.pins import canonical_hash, check_pin, load_pins
from kz_inspection_checklists.law.store import Law, bundled, edition_file_json, law_of
from kz_inspection_checklists.present.text import diff_text, history_text
from kz_inspection_checklists.record.files import dumps_record, loads_record, validate
from kz_inspection_checklists.record.iin import iin_control_digit
from kz_inspection_checklists.record.migrate import migrate
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.scoring import Weights, load_weights, score

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "synthetic"
SOURCES = FIXTURE / "sources"
CODE = "TEST0000001"
OLD, NEW = "2001-original", "2005-amended"

#: What of the bundled order must never show in the synthetic order's output.
REAL_CODE = "V1900018805"
REAL_KEYS = ("informatization", "communications", "electronic-signature")
REAL_PREFIXES = ("INF-", "COM-", "EDS-")
REAL_EDITIONS = ("2019-original", "2023-revision")

#: The form of the synthetic order (sources/manifest.json).
FORM = ("maker", "maker_id", "count_date")
#: A valid IIN/BIN (its control digit computed), made up.
MAKER_ID = "01020300000" + str(iin_control_digit("01020300000"))


def built(folder: Path, sources: Path = SOURCES) -> Law:
    """The synthetic order's data built with tools/bundle.py into ``folder``, as a Law."""
    target = folder / CODE
    tools.bundle.write(tools.bundle.build(sources, orders=folder), target)
    return Law(target)


@pytest.fixture(scope="module")
def law(tmp_path_factory: pytest.TempPathFactory) -> Law:
    return built(tmp_path_factory.mktemp("orders"))


def renamed(edition: Edition, new_id: str) -> Edition:
    """The edition under another ID, without aliases, its checklists saying so."""
    return edition.model_copy(
        update={
            "id": new_id,
            "aliases": (),
            "checklists": tuple(
                c.model_copy(update={"edition": new_id}) for c in edition.checklists
            ),
        }
    )


def a_record(law: Law, edition: str = NEW) -> InspectionRecord:
    """A finished record of the widgets checklist, every requirement answered."""
    record = new_record(law.checklist("widgets", edition=edition))
    ids = record.ids
    return (
        record.mark_many(
            {
                ids[0]: "conforms",
                ids[1]: ("does-not-conform", "the gadgets were last counted a year ago"),
                ids[2]: ("not-applicable", "the workshop makes no sprockets"),
                **{rid: "conforms" for rid in ids[3:]},
            }
        )
        .with_header(
            maker="Widget Works LLP (made up)",
            maker_id=MAKER_ID,
            count_date="2006-03-01",
            inspection_date="2006-03-02",
            inspectors=[{"position": "widget inspector", "full_name": "Test Person"}],
        )
        .finish()
    )


# --- the fixture ------------------------------------------------------------------------


def test_every_fixture_file_says_it_is_synthetic_test_data() -> None:
    texts = sorted(SOURCES.glob("*.txt"))
    assert len(texts) == 2
    for path in texts:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("SYNTHETIC TEST DATA"), path  # the order's title
        assert "No law contains this text" in lines[2], path
        assert lines[-1] == "SYNTHETIC TEST DATA ends here.", path
    assert "SYNTHETIC TEST DATA" in (FIXTURE / "README.md").read_text(encoding="utf-8")
    for name, label in (("editorial/tags.json", "description"), ("pins.json", "note")):
        document = json.loads((SOURCES / name).read_text(encoding="utf-8"))
        assert document[label].startswith("SYNTHETIC TEST DATA"), name
    # The manifest has no field for a note: its code and every description say it.
    manifest = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["adilet_code"] == CODE
    form = manifest["form"]
    assert all(f["description"].startswith("SYNTHETIC") for f in form["header"])
    assert all(s["description"].startswith("SYNTHETIC") for s in form["signatories"])


def test_the_fixture_is_not_shipped() -> None:
    # The wheel holds the packages under src/ and the data files inside them only.
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'where = ["src"]' in config
    assert 'kz_inspection_checklists = ["py.typed", "data/**/*.json"]' in config
    assert not FIXTURE.is_relative_to(ROOT / "src")
    package = ROOT / "src" / "kz_inspection_checklists"
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in {".json", ".py", ".txt", ".md"}:
            text = path.read_text(encoding="utf-8")
            assert CODE not in text and "SYNTHETIC TEST DATA" not in text, path


def test_its_differences_from_the_bundled_order_are_real() -> None:
    # Otherwise a value hard-coded in src/ could pass for one read from the data.
    real, ours = bundled().order, tools.bundle.manifest(SOURCES)
    assert not {s.key for s in ours.checklists} & {s.key for s in real.checklists}
    assert not {s.prefix for s in ours.checklists} & {s.prefix for s in real.checklists}
    assert not {s.annex for s in ours.checklists} & {s.annex for s in real.checklists}
    assert [f.key for f in ours.form.header] != [f.key for f in real.form.header]
    assert len(ours.form.signatories) != len(real.form.signatories)
    assert not {e.id for e in ours.editions} & set(real.editions)


# --- load -------------------------------------------------------------------------------


def test_the_order_and_its_editions(law: Law) -> None:
    order = law.order
    assert order.adilet_code == CODE
    assert order.title.startswith("SYNTHETIC TEST DATA")
    assert order.registration.number == "00001"
    assert [(s.key, s.annex, s.prefix) for s in order.checklists] == [("widgets", 1, "WID")]
    assert order.id_forms == "WID-001"
    assert [a.id for a in order.acts] == ["original", "amendment-2005-02-01"]
    assert order.editions == (OLD, NEW)
    assert [(e.act, e.action, e.annex) for e in order.events] == [
        ("original", "approved", 1),
        ("amendment-2005-02-01", "set-out-anew", 1),
    ]
    assert [e.id for e in law.editions()] == [OLD, NEW]
    assert law.resolve("latest") == NEW
    assert law.edition("2001").id == OLD
    assert law.edition(NEW).act == "amendment-2005-02-01"
    assert law.edition(OLD).act == "original"


def test_the_checklist_by_key_and_by_annex(law: Law) -> None:
    by_key, by_annex = law.checklist("widgets"), law.checklist(1)
    assert by_key is by_annex
    assert (by_key.key, by_key.annex, by_key.edition) == ("widgets", 1, NEW)
    assert law.checklists(edition=OLD) == (law.checklist("widgets", edition="2001"),)
    assert law_of(by_key) is law
    with pytest.raises(UnknownNameError, match="widgets"):
        law.checklist("communications")
    with pytest.raises(UnknownNameError):
        law.checklist(4)


def test_ids_carry_the_synthetic_prefix(law: Law) -> None:
    old, new = law.checklist("widgets", edition=OLD), law.checklist("widgets")
    assert old.ids == ("WID-001", "WID-002", "WID-003", "WID-004", "WID-005")
    # WID-002 reworded keeps its ID; WID-004 removed; the new text is WID-006.
    assert new.ids == ("WID-001", "WID-002", "WID-003", "WID-005", "WID-006")
    assert [r.number for r in new.requirements] == [1, 2, 3, 4, 5]
    registry = law.registry
    assert [e.id for e in registry.entries] == [*old.ids, "WID-006"]
    assert {e.checklist for e in registry.entries} == {"widgets"}
    assert registry.get("WID-006").first_edition == NEW
    assert registry.get("COM-001") is None


def test_a_requirement_by_id(law: Law) -> None:
    assert law.requirement("wid-006").text == (
        "storing the spare gadgets apart from the widgets, in a box of their own"
    )
    assert "once a quarter" in law.requirement("WID-002", edition=OLD).text
    assert "once a month" in law.requirement("WID-002").text
    assert law.checklist("widgets").requirement("WID-005").number == 4
    with pytest.raises(UnknownNameError, match=r"WID-004 \(first in edition '2001-original'\)"):
        law.requirement("WID-004")
    with pytest.raises(UnknownNameError) as caught:
        law.requirement("WID-07")
    assert "IDs look like WID-001" in str(caught.value)
    assert not any(p in str(caught.value) for p in REAL_PREFIXES)
    with pytest.raises(ValueError, match="a requirement ID is a string such as WID-001, not int"):
        law.requirement(7)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a requirement ID is a string such as 'WID-001', not"):
        law.checklist("widgets").requirement(7)  # type: ignore[arg-type]


def test_every_requirement_text_is_a_paragraph_of_its_source(law: Law) -> None:
    for edition in law.editions():
        assert edition.source is not None
        source = (SOURCES / edition.source.file).read_text(encoding="utf-8")
        paragraphs = {p.strip() for p in source.split("\n\n")}
        assert all(r.text in paragraphs for r in edition.requirements())


def test_the_header_fields_and_signature_blocks_come_from_the_text(law: Law) -> None:
    checklist = law.checklist("widgets")
    assert [(f.key, f.label) for f in checklist.header_fields] == [
        ("maker", "Name of the widget maker"),
        (
            "maker_id",
            "Individual identification number or business identification number of the "
            "widget maker",
        ),
        ("count_date", "Date of the widget count"),
    ]
    assert [(b.role, b.captions) for b in checklist.signature_blocks] == [
        ("Widget inspector(s)", ("position signature", "surname, first name, patronymic (if any)"))
    ]
    assert checklist.subjects == (
        "makers of widgets",
        "keepers of gadgets",
        "sellers of sprockets and cogs",
    )
    form = law.order.form
    assert [(f.key, f.kind, f.role) for f in form.header] == [
        ("maker", "text", "entity"),
        ("maker_id", "iin-bin", "entity-id"),
        ("count_date", "date", None),
    ]
    assert [(s.key, s.block, s.many) for s in form.signatories] == [("inspectors", 1, True)]


def test_an_edition_file_of_it_reads_back_through_the_law(law: Law, tmp_path: Path) -> None:
    held = law.edition(NEW)
    path = tmp_path / "copy.json"
    path.write_text(edition_file_json(held, {"by": "test"}), encoding="utf-8")
    loaded = law.edition(path)
    assert loaded == held and loaded is not held
    assert law_of(loaded) is law and law_of(loaded.checklist("widgets")) is law
    # Under its own ID: an edition of this order that is not one of its data.
    path.write_text(edition_file_json(renamed(held, "2005-check"), {"by": "test"}), "utf-8")
    other = law.edition(str(path))
    assert law_of(other) is law and other.id not in law.order.editions
    record = new_record(other.checklist("widgets")).mark("WID-006", "conforms")
    assert record.edition == "2005-check"
    assert loads_record(dumps_record(record), edition=other) == record
    # The bundled order's facts refuse it: its checklist is not one of theirs.
    with pytest.raises(DataFileError, match="'widgets'"):
        bundled().edition(path)


def test_an_edition_file_that_breaks_the_order_s_facts_is_refused(law: Law, tmp_path: Path) -> None:
    held = renamed(law.edition(NEW), "2005-broken").model_dump(mode="json")
    held["checklists"][0]["requirements"][0]["id"] = "COM-001"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"generated": {}, "edition": held}), encoding="utf-8")
    with pytest.raises(DataFileError, match="not of its prefix WID"):
        law.edition(path)


def test_pins_check_its_editions(law: Law) -> None:
    pins = load_pins(law)
    for edition in law.editions():
        assert check_pin(edition) == canonical_hash(edition) == pins.expected(edition.id)
    edited = law.edition(NEW).model_copy(update={"aliases": ("2005", "changed")})
    with pytest.raises(DataFileError, match="does not match its recorded hash"):
        check_pin(edited, pins=pins)


def test_its_texts_import_and_verify_through_the_law(law: Law) -> None:
    newer = SOURCES / "TEST0000001-en-2005-02-03.txt"
    result = import_edition(newer, edition_id="2005-copy", base=law.edition(OLD), law=law)
    # WID-006 was issued for this very text by the law's registry: it keeps its ID.
    assert result.ids_with_status("unchanged") == ["WID-001", "WID-003", "WID-005", "WID-006"]
    assert result.ids_with_status("changed") == ["WID-002"]
    assert result.ids_with_status("new") == []
    assert result.removed_ids() == ["WID-004"]
    checked = verify(newer, edition=law.edition(NEW))
    assert (checked.drift, checked.same_bytes) == (False, True)
    older = verify(SOURCES / "TEST0000001-en-2001-01-15.txt", edition=law.edition(NEW))
    assert older.drift and not older.same_bytes


# --- record -----------------------------------------------------------------------------


def test_a_record_has_the_synthetic_form_s_header(law: Law) -> None:
    record = new_record(law.checklist("widgets"))
    assert (record.checklist, record.edition, record.ids) == (
        "widgets",
        NEW,
        law.checklist("widgets").ids,
    )
    assert list(type(record.header).model_fields) == [*FORM, "inspection_date", "inspectors"]
    with pytest.raises(InvalidRecordError) as caught:
        record.finish()
    assert [p.where for p in caught.value.problems] == [
        "header.maker",
        "header.maker_id",
        "header.count_date",
        "header.inspection_date",
        "header.inspectors.0.position",
        "header.inspectors.0.full_name",
    ]


def test_a_record_is_made_by_the_same_code(law: Law) -> None:
    record = a_record(law)
    assert record.final and record.complete
    assert record.answer("wid-002") == (
        "does-not-conform",
        "the gadgets were last counted a year ago",
    )
    assert record.header.count_date == datetime.date(2006, 3, 1)
    assert record.header.inspectors[0].full_name == "Test Person"
    assert record.missing_header_fields() == ()


def test_the_real_form_s_fields_are_refused(law: Law) -> None:
    record = new_record(law.checklist("widgets"))
    with pytest.raises(InvalidRecordError) as caught:
        record.with_header(authority="Ministry of Widgets")
    (problem,) = caught.value.problems
    assert problem.where == "header.authority"
    assert "expected one of maker, maker_id, count_date, inspection_date, inspectors" in (
        problem.message
    )


def test_the_synthetic_form_s_kinds_are_checked(law: Law) -> None:
    record = new_record(law.checklist("widgets"))
    with pytest.raises(InvalidRecordError) as caught:
        record.with_header(maker_id="123456789012", count_date="yesterday")
    assert [p.where for p in caught.value.problems] == ["header.count_date"]
    with pytest.raises(InvalidRecordError, match=r"header\.maker_id: IIN/BIN '123456789012'"):
        record.with_header(maker_id="123456789012")


def test_marking_an_id_of_another_order_names_this_checklist_s_ids(law: Law) -> None:
    record = new_record(law.checklist("widgets"))
    with pytest.raises(InvalidRecordError) as caught:
        record.mark("COM-001", "conforms")
    message = str(caught.value)
    assert "checklist 'widgets'" in message and "IDs run WID-001 to WID-006" in message
    with pytest.raises(InvalidRecordError, match="first in edition '2001-original'"):
        record.mark("WID-004", "conforms")
    with pytest.raises(InvalidRecordError) as caught:
        record.mark(7, "conforms")  # type: ignore[arg-type]
    assert "'WID-001'" in str(caught.value)
    assert not any(p in str(caught.value) for p in REAL_PREFIXES)


def test_a_record_file_reads_back_with_its_edition(law: Law) -> None:
    record = a_record(law)
    text = dumps_record(record)
    document = json.loads(text)
    assert (document["checklist"], document["edition"]) == ("widgets", NEW)
    assert list(document["header"]) == [*FORM, "inspection_date", "inspectors"]
    assert list(document["answers"]) == list(record.ids)
    assert loads_record(text, edition=law.edition(NEW)) == record
    assert validate(text, edition=law.edition(NEW)) == ()
    assert validate(record) == ()
    # Without its edition it is read as a record of the bundled order, which has neither
    # the edition nor the form's fields.
    problems = validate(text)
    assert problems[0].where == "edition" and "unknown edition '2005-amended'" in str(problems[0])
    assert "header.maker" in [p.where for p in problems]


def test_a_record_file_s_problems_name_the_synthetic_form(law: Law) -> None:
    document = json.loads(dumps_record(a_record(law)))
    document["header"]["maker_id"] = "123456789012"
    document["header"]["authority"] = "made up"
    document["answers"]["COM-001"] = {"verdict": "conforms", "remark": None}
    problems = validate(document, edition=law.edition(NEW))
    where = [p.where for p in problems]
    assert where == ["header.maker_id", "header.authority", "answers.COM-001"]
    assert "expected one of maker, maker_id" in problems[1].message
    assert "IDs run WID-001 to WID-006" in problems[2].message


def test_a_record_of_no_checklist_is_checked_against_the_synthetic_form(law: Law) -> None:
    document = json.loads(dumps_record(a_record(law)))
    document["checklist"] = 5
    problems = validate(document, edition=law.edition(NEW))
    assert [p.where for p in problems] == ["checklist"]  # its header is the form's


def test_an_inspection_date_before_the_edition_can_have_taken_effect(law: Law) -> None:
    # The amendment is dated 03.02.2005 at the latest and takes effect ten calendar days
    # after its publication, so no earlier than 14.02.2005.
    assert earliest_in_force(law.edition(NEW)) == datetime.date(2005, 2, 14)
    assert earliest_in_force(law.edition(OLD)) == datetime.date(2001, 1, 26)
    record = new_record(law.checklist("widgets"))
    assert record.with_header(inspection_date="2005-02-14").header.inspection_date
    with pytest.raises(InvalidRecordError) as caught:
        record.with_header(inspection_date="2005-02-13")
    (problem,) = caught.value.problems
    assert problem.where == "header.inspection_date"
    assert problem.message == (
        "before edition 2005-amended can have taken effect (no earlier than 2005-02-14)"
    )
    document = json.loads(dumps_record(record))
    document["header"]["inspection_date"] = "2005-02-13"
    assert [p.where for p in validate(document, edition=law.edition(NEW))] == [
        "header.inspection_date"
    ]
    with pytest.raises(InvalidRecordError, match="no earlier than 2005-02-14"):
        loads_record(json.dumps(document), edition=law.edition(NEW))
    # The older edition's floor is its own.
    old = new_record(law.checklist("widgets", edition=OLD))
    assert old.with_header(inspection_date="2005-02-13").header.inspection_date


def test_a_record_migrates_between_its_editions(law: Law) -> None:
    record = a_record(law, OLD)
    moved = migrate(record, law.edition(NEW))
    assert moved.record.edition == NEW
    assert moved.ids("carried") == ("WID-001", "WID-003", "WID-005")
    assert moved.ids("review-needed") == ("WID-002", "WID-006")
    assert moved.ids("removed") == ("WID-004",)
    assert list(type(moved.record.header).model_fields)[:3] == list(FORM)
    # An edition named by ID or alias is one of the record's order.
    assert migrate(record, "2005").record == moved.record
    assert migrate(record, "latest").record.edition == NEW


# --- score ------------------------------------------------------------------------------


def test_a_record_is_scored(law: Law) -> None:
    result = score(a_record(law))
    assert (result.checklist, result.edition) == ("widgets", NEW)
    assert dict(result.counts) == {
        "conforms": 3,
        "does-not-conform": 1,
        "not-applicable": 1,
        "not-assessed": 0,
    }
    assert result.compliance_rate == 0.75
    assert [r.id for r in result.nonconforming] == ["WID-002"]
    assert result.scores["flat"].score == 3.0


def test_weights_and_groups_of_the_synthetic_ids(law: Law) -> None:
    record = a_record(law)
    weighted = score(record, weights={"WID-002": 3, "WID-004": 5})
    # WID-002 fails with weight 3; WID-004, issued but not in this edition, is passed over.
    assert weighted.scores["flat"].score == 3.0 and weighted.scores["flat"].maximum == 6.0
    grouped = score(record, groups={"storage": ["WID-001", "WID-006"]})
    assert grouped.groups["storage"].total == 2
    with pytest.raises(UnknownNameError, match="first in edition '2001-original'"):
        score(record, groups={"paint": ["WID-004"]})
    with pytest.raises(UnknownNameError, match="IDs run WID-001 to WID-006"):
        score(record, groups={"mixed": ["WID-001", "COM-001"]})
    assert Weights({"WID-004": 2}, edition=law.edition(OLD)).get("WID-004") == 2.0
    with pytest.raises(ValueError, match="a key is a requirement ID such as WID-001"):
        Weights({7: 2}, edition=law.edition(NEW))  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="unknown requirement ID"):
        score(record, weights={"WID-099": 2})


# --- diff, history, as_of ---------------------------------------------------------------


def test_a_weights_file_of_another_shape_is_told_in_the_order_s_ids(
    law: Law, tmp_path: Path
) -> None:
    path = tmp_path / "weights.json"
    path.write_text('["WID-001"]', encoding="utf-8")
    with pytest.raises(ValueError, match=r'e\.g\. \{"WID-001": 2\}'):
        load_weights(path, edition=law.edition(NEW))
    path.write_text('{"WID-002": 2}', encoding="utf-8")
    assert (
        score(a_record(law), load_weights(path, edition=law.edition(NEW))).scores["flat"].maximum
        == 5.0
    )


def test_the_diff_between_its_editions(law: Law) -> None:
    result = diff(law.edition("2001"), law.edition("2005"))
    assert (result.from_edition, result.to_edition, result.backward) == (OLD, NEW, False)
    (annex,) = result.annexes
    assert (annex.annex, annex.checklist, annex.change) == (1, "widgets", "restated")
    changes = annex.requirements
    assert changes is not None
    assert [a.id for a in changes.added] == ["WID-006"]
    assert [r.id for r in changes.removed] == ["WID-004"]
    assert [c.id for c in changes.changed] == ["WID-002"]
    assert [(s.kind, s.text) for s in changes.changed[0].redline if s.kind != "equal"] == [
        ("delete", "quarter"),
        ("insert", "month"),
    ]
    assert changes.moved == () and changes.unchanged == 3
    assert result.review() == ("WID-002", "WID-006")
    back = diff(law.edition(NEW), law.edition(OLD))
    assert back.backward
    assert [a.id for a in back.annexes[0].requirements.added] == ["WID-004"]
    assert diff(law.edition(OLD), law.edition(NEW), checklist="widgets") == result
    assert diff(law.edition(OLD), law.edition(NEW), checklist=1) == result
    assert "WID-002" in diff_text(result) and "Annex 1 (widgets)" in diff_text(result)
    # One edition given as an object is enough to know the order of the other's ID.
    assert diff(law.edition(OLD), "2005") == result
    assert diff("2001", law.edition(NEW)) == result


def test_the_history_of_a_requirement(law: Law) -> None:
    found = history("wid-002", law=law)
    assert [(e.edition, e.checklist, e.status, e.act) for e in found.entries] == [
        (OLD, "widgets", "first", "original"),
        (NEW, "widgets", "changed", "amendment-2005-02-01"),
    ]
    assert (
        found.entries[0].act_title
        == "joint order No. 1/W of January 10, 2001 and No. 2/G of January 12, 2001"
    )
    assert found.unknown == () and found.editions == (OLD, NEW)
    assert [e.edition for e in history("WID-004", law=law).entries] == [OLD]
    assert [e.status for e in history("WID-006", law=law).entries] == ["first"]
    assert "WID-002" in history_text(found)
    with pytest.raises(UnknownNameError) as caught:
        history("COM-001", law=law)
    assert "IDs look like WID-001" in str(caught.value)
    with pytest.raises(ValueError) as caught_type:
        history(7, law=law)  # type: ignore[arg-type]
    assert "such as WID-001, got int 7" in str(caught_type.value)


def test_which_edition_was_in_force(law: Law) -> None:
    published = {"original": "2001-01-20"}
    assert as_of("2003-01-01", published=published, law=law).id == OLD
    with pytest.raises(NotInForceError, match="no earlier than 2001-01-26"):
        as_of("2001-01-25", law=law)
    with pytest.raises(AmbiguousDateError) as caught:
        as_of("2006-01-01", published=published, law=law)
    assert caught.value.possible == (OLD, NEW)
    assert "amendment-2005-02-01" in str(caught.value)
    both = {**published, "amendment-2005-02-01": "2005-02-10"}
    assert as_of("2006-01-01", published=both, law=law).id == NEW
    assert as_of("2005-02-20", published=both, law=law).id == OLD


# --- exports ----------------------------------------------------------------------------


def _text(data: bytes, binary: bool) -> str:
    """An export's text: for a Word document, that of every XML part of it."""
    if not binary:
        return data.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        ]
    # The words of a paragraph may be split over runs: join the text of every element.
    # A non-breaking hyphen (in a requirement ID) is an element that Word shows as "-".
    return "".join(
        re.sub(r"<[^>]+>", "", part.replace("<w:noBreakHyphen/>", "-")) for part in parts
    )


def _assert_only_synthetic(text: str, real: str) -> None:
    for word in (REAL_CODE, *REAL_KEYS, *REAL_PREFIXES, *REAL_EDITIONS):
        assert word not in text, word
    # A format that names the bundled order's source names the synthetic one's.
    assert (CODE in text) == (REAL_CODE in real)
    assert "WID-00" in text


@pytest.mark.parametrize(
    "fmt", [f for f in FORMATS if "checklist" in f.subjects], ids=lambda f: f.name
)
def test_every_export_of_the_blank_checklist(law: Law, fmt: object) -> None:
    pytest.importorskip("docx")
    name, binary = fmt.name, fmt.binary  # type: ignore[attr-defined]
    when = datetime.datetime(2006, 3, 2, tzinfo=datetime.timezone.utc)
    if fmt.needs_profile:  # type: ignore[attr-defined]
        # The synthetic order has no profiles of an entity: asked for none, it says so.
        with pytest.raises(InvalidInputError, match="the profiles of 'widgets' are: none"):
            export(law.checklist("widgets"), name, when=when)
        return
    text = _text(export(law.checklist("widgets"), name, when=when), binary)
    real = _text(export(bundled().checklist("electronic-signature"), name, when=when), binary)
    _assert_only_synthetic(text, real)
    assert "widgets" in text
    assert "storing the spare gadgets apart from the widgets" in text


@pytest.mark.parametrize(
    "fmt", [f for f in FORMATS if "record" in f.subjects], ids=lambda f: f.name
)
def test_every_export_of_a_record(law: Law, fmt: object) -> None:
    pytest.importorskip("docx")
    name, binary = fmt.name, fmt.binary  # type: ignore[attr-defined]
    when = datetime.datetime(2006, 3, 2, tzinfo=datetime.timezone.utc)
    text = _text(export(a_record(law), name, when=when), binary)
    real_record = new_record("electronic-signature").mark_many(
        {"EDS-001": "conforms", "EDS-002": "does-not-conform"}
    )
    real = _text(export(real_record, name, when=when), binary)
    _assert_only_synthetic(text, real)
    assert "the gadgets were last counted a year ago" in text
    if name in {"html", "docx"}:
        # The forms print dates as DD.MM.YYYY: the count's date, and the inspection's.
        assert "Widget Works LLP (made up)" in text and "01.03.2006" in text
        assert "02.03.2006" in text
        # (The Word file's properties say when it was made, in ISO 8601, as they must.)
        assert name == "docx" or "2006-03-0" not in text
    if name == "csv":  # who and when, by the keys of this order's form
        header, first = text.splitlines()[:2]
        assert header.endswith(",verdict,remark,maker,maker_id,inspection_date")
        assert first.endswith(f",Widget Works LLP (made up),{MAKER_ID},2006-03-02")


def test_an_export_takes_an_edition_of_the_checklist_s_own_order(law: Law) -> None:
    checklist = law.checklist("widgets")
    assert export(checklist, "markdown", edition=NEW) == export(checklist, "markdown")
    assert export(checklist, "markdown", edition=law.edition(NEW)) == export(checklist, "markdown")


def test_the_record_schema_of_a_checklist_is_that_of_its_order_s_form(law: Law) -> None:
    schema = json.loads(export(law.checklist("widgets"), "json-schema"))
    header = schema["$defs"]["Header"]["properties"]
    assert list(header) == [*FORM, "inspection_date", "inspectors"]
    assert schema["properties"]["checklist"]["const"] == "widgets"
    assert list(schema["properties"]["answers"]["properties"]) == list(law.checklist("widgets").ids)


# --- editorial layers -------------------------------------------------------------------


def test_the_editorial_layer_loads_through_the_law(law: Law) -> None:
    layer = law.editorial("tags")
    assert layer.editorial is True and layer.name == "tags"
    assert layer.description.startswith("SYNTHETIC TEST DATA")
    # WID-004 is not in the latest edition, but it was issued: a layer may name it.
    assert dict(layer.entries) == {
        "WID-001": ["storage"],
        "WID-002": ["counting"],
        "WID-004": ["paint"],
        "WID-006": ["storage", "gadgets"],
    }
    assert law.editorial("tags") is layer
    with pytest.raises(UnknownNameError, match="did you mean 'tags'"):
        law.editorial("tag")


def _sources_with(tmp_path: Path, **changes: object) -> Path:
    """A copy of the fixture's sources with the tags layer changed."""
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    path = sources / "editorial" / "tags.json"
    layer = json.loads(path.read_text(encoding="utf-8"))
    layer.update(changes)
    path.write_text(json.dumps(layer), encoding="utf-8")
    return sources


@pytest.mark.parametrize("wrong", ["WID-099", "COM-001"])
def test_a_layer_naming_an_id_never_issued_is_refused_by_the_build(
    tmp_path: Path, wrong: str
) -> None:
    sources = _sources_with(tmp_path, entries={"WID-001": ["storage"], wrong: ["made up"]})
    with pytest.raises(ValueError, match=f"unknown: {wrong}"):
        tools.bundle.build(sources, orders=tmp_path / "orders")


def test_a_layer_not_marked_editorial_is_refused_by_the_build(tmp_path: Path) -> None:
    sources = _sources_with(tmp_path, editorial=False)
    with pytest.raises(ValueError, match="must be marked editorial"):
        tools.bundle.build(sources, orders=tmp_path / "orders")


def test_a_data_file_edited_to_name_an_id_never_issued_is_refused(tmp_path: Path) -> None:
    law = built(tmp_path)
    path = Path(str(law.root)) / "editorial" / "tags.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["entries"]["WID-099"] = ["made up"]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError, match="names requirement IDs never issued: WID-099"):
        law.editorial("tags")


def test_a_data_file_edited_to_not_be_editorial_is_refused(tmp_path: Path) -> None:
    law = built(tmp_path)
    path = Path(str(law.root)) / "editorial" / "tags.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["editorial"] = False
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError, match="is not marked editorial"):
        law.editorial("tags")


# --- no order's facts in the code -------------------------------------------------------


def _code_strings(tree: ast.AST) -> list[ast.Constant]:
    """The string constants of a module that are code: not docstrings, not bare strings."""
    documentation = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documentation
    ]


def test_no_module_hard_codes_a_checklist_key_or_an_id_prefix() -> None:
    words = re.compile(
        "|".join([*(rf"\b{key}\b" for key in REAL_KEYS), *(rf"\b{p}" for p in REAL_PREFIXES)])
    )
    found = []
    for path in sorted((ROOT / "src" / "kz_inspection_checklists").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}"
            for node in _code_strings(tree)
            if words.search(node.value)
        ]
    assert found == []


def test_the_static_check_sees_code_and_not_documentation() -> None:
    tree = ast.parse(
        '"""Module: informatization."""\n'
        "def f():\n"
        '    """COM-001 in a docstring."""\n'
        '    return "such as COM-001"\n'
    )
    assert [node.value for node in _code_strings(tree)] == ["such as COM-001"]
