"""Editions: amendment events, selection, as_of from the sources' bounds, and pinning."""

from __future__ import annotations

import datetime
import itertools
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import (
    AmbiguousDateError,
    ChecklistError,
    DataFileError,
    InvalidInputError,
    NotInForceError,
    UnknownNameError,
)
from kz_inspection_checklists.law.catalog import edition as select
from kz_inspection_checklists.law.in_force import (
    act_dates,
    as_of,
    effective_from,
    parse_date,
)
from kz_inspection_checklists.law.pins import (
    Correction,
    Pins,
    canonical_hash,
    canonical_json,
    check_pin,
    load_pins,
)
from kz_inspection_checklists.law.store import edition_file_json

from .conftest import ROOT, Pairs

ORIGINAL, AMENDMENT = "original", "amendment-2023-05-23"
D = datetime.date

# --- amendment events -----------------------------------------------------------------


def test_amendment_events_are_what_the_footnotes_state() -> None:
    events = [(e.act, e.action, e.annex, e.subparagraph) for e in kz.order().events]
    assert events == [
        (AMENDMENT, "excluded", None, 1),
        (AMENDMENT, "excluded", None, 2),
        (ORIGINAL, "approved", 3, 3),
        (ORIGINAL, "approved", 4, 4),
        (ORIGINAL, "approved", 5, 5),
        (AMENDMENT, "excluded", 1, None),
        (AMENDMENT, "excluded", 2, None),
        (AMENDMENT, "set-out-anew", 3, None),
        (AMENDMENT, "set-out-anew", 4, None),
        (AMENDMENT, "set-out-anew", 5, None),
    ]


def test_every_event_quotes_the_source_and_names_a_known_act(source_text: str) -> None:
    acts = {a.id for a in kz.order().acts}
    flat = " ".join(source_text.split())
    bad = [e for e in kz.order().events if e.act not in acts or e.words not in flat]
    assert bad == []
    footnotes = {a.footnote for a in kz.edition("2023").annexes}
    assert {e.words for e in kz.order().events if e.annex and e.subparagraph is None} == footnotes


# --- selection ------------------------------------------------------------------------


def test_select_by_id_alias_latest_path_and_object(tmp_path: Path) -> None:
    path = tmp_path / "copy.json"
    path.write_text(edition_file_json(kz.edition("2023"), {}), encoding="utf-8")
    assert select("2019-original").id == select("2019").id == "2019-original"
    assert select("latest") == select("2023") == select(path) == select(str(path))
    assert select(select("2023")) is select("2023")


# --- as_of ----------------------------------------------------------------------------

BOTH = {ORIGINAL: "2019-06-10", AMENDMENT: "2023-06-01"}


def test_ten_calendar_days_after_publication_means_in_force_from_the_eleventh() -> None:
    assert effective_from(D(2023, 6, 1)) == D(2023, 6, 12)
    assert effective_from(D(2019, 12, 25)) == D(2020, 1, 5)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2019-06-20", None),  # published 10 June: not yet in force on the 20th
        ("2019-06-21", "2019-original"),  # the eleventh day after publication
        ("2023-06-11", "2019-original"),  # amendment published 1 June: tenth day
        ("2023-06-12", "2023-revision"),  # the eleventh day
        ("2031-01-01", "2023-revision"),
    ],
)
def test_as_of_on_the_boundary_days(day: str, expected: str) -> None:
    if expected is None:
        with pytest.raises(NotInForceError, match="takes effect on 2019-06-21"):
            as_of(day, published=BOTH)
    else:
        assert as_of(day, published=BOTH).id == expected


def test_before_the_earliest_day_the_sources_allow_nothing_is_in_force() -> None:
    # Registered 7 June 2019: published on that day at the earliest, in force from the 18th.
    with pytest.raises(NotInForceError, match="no earlier than 2019-06-18"):
        as_of("2019-06-17")
    with pytest.raises(AmbiguousDateError) as caught:
        as_of("2019-06-18")
    assert caught.value.possible == (None, "2019-original")
    assert caught.value.missing == (f"first official publication date of act {ORIGINAL!r}",)


def test_the_bounds_alone_settle_a_day_before_the_amendment_can_take_effect() -> None:
    # Dated 23.05.2023, the amendment cannot be in force before 3 June 2023.
    known = {ORIGINAL: "2019-06-10"}
    assert as_of("2023-06-02", published=known).id == "2019-original"
    with pytest.raises(AmbiguousDateError) as caught:
        as_of("2023-06-03", published=known)
    assert caught.value.possible == ("2019-original", "2023-revision")
    assert caught.value.missing == (f"first official publication date of act {AMENDMENT!r}",)
    message = str(caught.value)
    assert "2019-original or 2023-revision" in message
    assert f"--published {AMENDMENT}=YYYY-MM-DD" in message
    assert "no earlier than 2023-06-03" in message


def test_without_any_publication_date_a_later_day_is_ambiguous_and_says_why() -> None:
    with pytest.raises(AmbiguousDateError) as caught:
        as_of(D(2024, 1, 1))
    assert caught.value.possible == (None, "2019-original", "2023-revision")
    assert len(caught.value.missing) == 2


def test_a_known_effective_date_is_used_as_given() -> None:
    effective = {ORIGINAL: "2019-06-21", AMENDMENT: "2023-06-12"}
    assert as_of("2023-06-11", effective=effective).id == "2019-original"
    assert as_of("2023-06-12", effective=effective).id == "2023-revision"
    both = {ORIGINAL: "2019-06-10", AMENDMENT: "2023-06-01"}
    assert as_of("2023-06-12", published=both, effective={AMENDMENT: "2023-06-12"}).id == (
        "2023-revision"
    )


@pytest.mark.parametrize(
    ("published", "effective", "error", "match"),
    [
        ({ORIGINAL: "2019-06-06"}, {}, InvalidInputError, "before the day it was registered"),
        ({AMENDMENT: "2023-05-22"}, {}, InvalidInputError, "before the day it was dated"),
        ({}, {AMENDMENT: "2023-06-02"}, InvalidInputError, "earliest it can is 2023-06-03"),
        ({AMENDMENT: "2023-06-01"}, {AMENDMENT: "2023-06-11"}, InvalidInputError, "2023-06-12"),
        ({ORIGINAL: "2024-01-01", AMENDMENT: "2023-06-01"}, {}, InvalidInputError, "before act"),
        ({"orignal": "2019-06-10"}, {}, UnknownNameError, "did you mean 'original'"),
        ({ORIGINAL: "10.06.2019"}, {}, InvalidInputError, "YYYY-MM-DD"),
    ],
)
def test_supplied_dates_are_checked_against_the_sources(
    published: dict[str, str], effective: dict[str, str], error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        as_of("2024-01-01", published=published, effective=effective)


@settings(max_examples=100, deadline=None)
@given(
    st.dates(D(2019, 6, 7), D(2023, 5, 22)),
    st.dates(D(2023, 5, 23), D(2030, 1, 1)),
    st.dates(D(2019, 1, 1), D(2031, 1, 1)),
)
def test_with_both_dates_known_the_answer_follows_the_rule(
    original: datetime.date, amendment: datetime.date, day: datetime.date
) -> None:
    published = {ORIGINAL: original, AMENDMENT: amendment}
    if day < original + datetime.timedelta(days=11):
        with pytest.raises(NotInForceError):
            as_of(day, published=published)
    elif day < amendment + datetime.timedelta(days=11):
        assert as_of(day, published=published).id == "2019-original"
    else:
        assert as_of(day, published=published).id == "2023-revision"


def test_an_effective_date_too_early_is_refused_naming_the_bound_and_its_own_basis() -> None:
    with pytest.raises(InvalidInputError) as caught:
        as_of("2024-01-01", effective={AMENDMENT: "2023-06-01"})
    message = str(caught.value)
    assert message == (
        "act 'amendment-2023-05-23' cannot have taken effect on 2023-06-01: the earliest it "
        "can is 2023-06-03 (eleven days after the earliest day it can have been published, "
        "2023-05-23, the day it was dated)"
    )
    assert "in force from 2023-06-01" not in message


@pytest.mark.parametrize(
    ("published", "effective"),
    [
        ({ORIGINAL: "9999-12-25"}, {}),
        ({ORIGINAL: D.max}, {}),
        ({ORIGINAL: "2019-06-10", AMENDMENT: "9999-12-21"}, {}),
    ],
)
def test_a_publication_too_late_to_take_effect_is_invalid_input(
    published: dict[str, object], effective: dict[str, object]
) -> None:
    with pytest.raises(InvalidInputError, match="after 9999-12-31, the last day a date can name"):
        as_of("2024-01-01", published=published, effective=effective)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="9999-12-31"):
        effective_from(parse_date(max(str(v) for v in published.values())))


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(st.dates(D(2019, 6, 7), D.max), st.dates(D(9999, 12, 1), D.max)),
    st.one_of(st.none(), st.dates(D(2023, 5, 23), D.max), st.dates(D(9999, 12, 1), D.max)),
    st.dates(D(2019, 1, 1), D.max),
    st.booleans(),
)
def test_any_date_of_the_calendar_gives_an_answer_or_a_checklist_error(
    original: datetime.date,
    amendment: Optional[datetime.date],
    day: datetime.date,
    as_effective: bool,
) -> None:
    known = (
        {ORIGINAL: original} if amendment is None else {ORIGINAL: original, AMENDMENT: amendment}
    )
    given = {"effective": known} if as_effective else {"published": known}
    try:
        found = as_of(day, **given)  # type: ignore[arg-type]
    except ChecklistError:
        return
    assert found.id in ("2019-original", "2023-revision")


# With only some dates known, every open answer is named with the date that decides it.


def test_an_amendment_known_in_force_means_the_order_was_in_force_too() -> None:
    # The amendment cannot take effect before the order it amends.
    for known in (
        {"effective": {AMENDMENT: "2023-06-12"}},
        {"published": {AMENDMENT: "2023-06-01"}},
    ):
        assert as_of("2024-01-01", **known).id == "2023-revision"  # type: ignore[arg-type]
        assert as_of("2023-06-12", **known).id == "2023-revision"  # type: ignore[arg-type]
        with pytest.raises(AmbiguousDateError) as caught:
            as_of("2023-06-11", **known)  # type: ignore[arg-type]
        assert caught.value.possible == (None, "2019-original")
        assert caught.value.missing == (f"first official publication date of act {ORIGINAL!r}",)
        message = str(caught.value)
        assert "no earlier than 2019-06-18 and no later than 2023-06-12" in message
        assert f"published={{{ORIGINAL!r}: DATE}}" in message
        assert f"--published {ORIGINAL}=YYYY-MM-DD" in message


def test_before_the_order_is_in_force_no_later_edition_can_be() -> None:
    known = {ORIGINAL: "2025-06-10"}  # in force from 2025-06-21
    for day in ("2024-01-01", "2025-06-20"):
        with pytest.raises(NotInForceError, match="takes effect on 2025-06-21"):
            as_of(day, published=known)
    with pytest.raises(AmbiguousDateError) as caught:
        as_of("2025-06-21", published=known)
    assert caught.value.possible == ("2019-original", "2023-revision")
    assert caught.value.missing == (f"first official publication date of act {AMENDMENT!r}",)
    assert f"no earlier than 2025-06-21 (not before act {ORIGINAL!r}, which it amends)" in str(
        caught.value
    )


def test_an_original_known_leaves_only_the_amendment_open() -> None:
    known = {ORIGINAL: "2019-06-10"}  # in force from 2019-06-21
    with pytest.raises(NotInForceError):
        as_of("2019-06-20", published=known)
    assert as_of("2019-06-21", published=known).id == "2019-original"
    assert as_of("2023-06-02", published=known).id == "2019-original"
    with pytest.raises(AmbiguousDateError) as caught:
        as_of("2024-01-01", effective={ORIGINAL: "2019-06-21"})
    assert caught.value.possible == ("2019-original", "2023-revision")
    assert caught.value.missing == (f"first official publication date of act {AMENDMENT!r}",)


_EARLIEST = {ORIGINAL: D(2019, 6, 18), AMENDMENT: D(2023, 6, 3)}
_FAR = D(2040, 1, 1)


def _answers_by_brute_force(day: datetime.date, known: dict[str, datetime.date]) -> set[object]:
    """Every answer some full set of effective dates consistent with ``known`` gives."""
    choices = []
    for act in (ORIGINAL, AMENDMENT):
        if act in known:
            choices.append([known[act]])
            continue
        one_day = datetime.timedelta(days=1)
        near = {_EARLIEST[act], day - one_day, day, day + one_day, _FAR, *known.values()}
        choices.append(sorted(d for d in near if d >= _EARLIEST[act]))
    answers: set[object] = set()
    for original, amendment in itertools.product(*choices):
        if amendment < original:  # an amendment never takes effect before the order
            continue
        in_force = (original <= day) + (amendment <= day)
        answers.add((None, "2019-original", "2023-revision")[in_force])
    return answers


@settings(max_examples=300, deadline=None)
@given(
    st.dates(D(2019, 6, 1), D(2028, 1, 1)),
    st.one_of(st.none(), st.dates(D(2019, 6, 18), D(2027, 1, 1))),
    st.one_of(st.none(), st.dates(D(2023, 6, 3), D(2027, 1, 1))),
)
def test_as_of_answers_exactly_what_the_known_dates_allow(
    day: datetime.date,
    original: Optional[datetime.date],
    amendment: Optional[datetime.date],
) -> None:
    known = {act: d for act, d in ((ORIGINAL, original), (AMENDMENT, amendment)) if d}
    allowed = _answers_by_brute_force(day, known)
    if not allowed:  # both known, out of order
        with pytest.raises(InvalidInputError, match="before act"):
            as_of(day, effective=known)
    elif allowed == {None}:
        with pytest.raises(NotInForceError):
            as_of(day, effective=known)
    elif len(allowed) == 1:
        assert {as_of(day, effective=known).id} == allowed
    else:
        with pytest.raises(AmbiguousDateError) as caught:
            as_of(day, effective=known)
        error = caught.value
        assert set(error.possible) == allowed
        # One missing date decides between each pair of neighbouring answers.
        assert len(error.missing) == len(error.possible) - 1
        open_acts = [a for a in (ORIGINAL, AMENDMENT) if a not in known]
        assert all(any(repr(a) in m for a in open_acts) for m in error.missing)
        message = str(error)
        for act in error.missing:
            assert act.split()[-1] in message
        assert "[]" not in message and "{}" not in message and "turns on ." not in message
        assert "(command line: )" not in message


@pytest.mark.parametrize(
    ("published", "effective", "words"),
    [
        (1.5, None, "published: expected a mapping of act IDs to dates"),
        ("original=2019-06-10", None, "got str 'original=2019-06-10'"),
        (None, [(ORIGINAL, "2019-06-21")], "effective: expected a mapping"),
        (None, 0, "effective: expected a mapping"),
        ({ORIGINAL: 1.5}, None, "the published date of act 'original' 1.5 is not a date"),
        ({ORIGINAL: None}, None, "is not a date"),
        (None, {AMENDMENT: b"2023-06-12"}, "is not a date"),
    ],
)
def test_wrong_types_of_known_dates_are_invalid_input(
    published: object, effective: object, words: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        as_of("2024-01-01", published=published, effective=effective)  # type: ignore[arg-type]
    assert words in str(caught.value)
    with pytest.raises(InvalidInputError):
        act_dates(published=published, effective=effective)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.floats()))
def test_junk_dates_are_invalid_input(value: object) -> None:
    try:
        parsed = parse_date(value)  # type: ignore[arg-type]
    except InvalidInputError as error:
        assert "is not a date in the form YYYY-MM-DD" in str(error)
    else:
        assert isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value)
        assert parsed.isoformat() == value.strip()


def test_act_dates_without_supplied_facts_are_lower_bounds_only() -> None:
    dates = {d.act: d for d in act_dates()}
    assert dates[ORIGINAL].earliest == D(2019, 6, 18) and dates[ORIGINAL].effective is None
    assert dates[AMENDMENT].earliest == D(2023, 6, 3) and dates[AMENDMENT].effective is None


def test_the_library_holds_no_publication_date_the_sources_do_not_give() -> None:
    for act in kz.order().acts:
        assert act.entry_into_force.date is None
        assert act.entry_into_force.publication_date is None


# --- pinning --------------------------------------------------------------------------


def test_bundled_editions_match_their_recorded_hashes() -> None:
    """Fails when bundled data changes without a correction recorded in pins.json."""
    pins = load_pins()
    released = {p.edition for p in pins.editions}
    assert set(kz.order().editions) <= released, "pin every released edition in pins.json"
    for edition_id in kz.order().editions:
        assert check_pin(edition_id) == pins.expected(edition_id), edition_id


def test_changed_data_without_a_correction_fails_the_pin() -> None:
    base = kz.edition("2023")
    checklist = base.checklist(5)
    first = checklist.requirements[0].model_copy(update={"text": "corrected text"})
    fixed = base.model_copy(
        update={
            "checklists": tuple(
                c.model_copy(update={"requirements": (first, *c.requirements[1:])})
                if c.annex == 5
                else c
                for c in base.checklists
            )
        }
    )
    with pytest.raises(DataFileError, match="does not match its recorded hash"):
        check_pin(fixed)
    pins = load_pins()
    corrected = Pins(
        editions=pins.editions,
        corrections=(
            Correction(
                edition=base.id,
                version="0.1.1",
                ids=("EDS-001",),
                reason="transcription error",
                sha256=canonical_hash(fixed),
            ),
        ),
    )
    assert check_pin(fixed, pins=corrected) == canonical_hash(fixed)
    with pytest.raises(DataFileError, match=re.escape("of 2023-revision as released in 0.1.0")):
        check_pin(base, pins=corrected)


def test_a_correction_must_name_ids() -> None:
    with pytest.raises(ValueError, match="ids"):
        Correction(edition="2023-revision", version="0.1.1", ids=(), reason="x", sha256="0")
    editorial = Correction(
        edition="2019-original",
        version="0.2.0",
        ids=(),
        reason="Editorial: words of the library's own changed",
        sha256="0",
    )
    assert editorial.ids == ()


def test_every_recorded_correction_is_in_the_changelog_naming_its_ids() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", changelog, flags=re.M)
    for correction in load_pins().corrections:
        # The release's section, or Unreleased's until the release is made.
        section = next(
            (s for s in sections if s.startswith(f"[{correction.version}]")),
            next((s for s in sections if s.startswith("[Unreleased]")), ""),
        )
        assert "### Corrected" in section, correction
        assert all(rid in section for rid in correction.ids), correction


def test_canonical_json_is_stable_and_sorted() -> None:
    edition = kz.edition("2023")
    text = canonical_json(edition)
    # The edition's own text: each text in another language is pinned apart.
    own = edition.model_dump(mode="json", exclude_defaults=True, exclude={"translations"})
    assert json.loads(text) == own
    assert text == canonical_json(type(edition).model_validate_json(edition.model_dump_json()))
    assert b": " not in text[:200] and text.startswith(b'{"act":')


# --- command line ---------------------------------------------------------------------


def test_show_as_of_with_known_dates(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["show", "5", "--as-of", "2023-06-12", "--format", "json"]
    argv += ["--published", f"{ORIGINAL}=2019-06-10", "--published", f"{AMENDMENT}=2023-06-01"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["edition"] == "2023-revision"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "5", "--as-of", "2024-01-01"], "cannot settle"),
        (["show", "5", "--as-of", "2019-06-01"], "no edition of the order was in force"),
        (["show", "5", "--as-of", "yesterday"], "YYYY-MM-DD"),
        (["show", "5", "--as-of", "2024-02-30"], "YYYY-MM-DD"),
        (["show", "5", "--as-of", "2024-01-01", "--published", "original"], "ACT=YYYY-MM-DD"),
        (["show", "5", "--as-of", "2024-01-01", "--published", "x=2019-06-10"], "unknown act"),
        (["show", "5", "--published", "original=2019-06-10"], "go with --as-of"),
        (
            [
                "show",
                "5",
                "--as-of",
                "2024-01-01",
                "--published",
                "original=2019-06-10",
                "--published",
                "original=2019-06-11",
            ],
            "--published names act 'original' twice",
        ),
        (
            [
                "show",
                "5",
                "--as-of",
                "2024-01-01",
                "--effective",
                "original=2019-06-21",
                "--effective",
                " original =2019-06-21",
            ],
            "--effective names act 'original' twice",
        ),
        (["show", "5", "--edition", "2019", "--as-of", "2024-01-01"], "not both"),
        (
            ["show", "4", "--as-of", "2024-01-01", "--published", "original=9999-12-25"],
            "the last day a date can name",
        ),
    ],
)
def test_show_as_of_junk(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kz-checklists: error: ") and message in err
    assert err.count("\n") == 1


def test_errors_are_checklist_errors() -> None:
    for error in (AmbiguousDateError, NotInForceError, DataFileError, UnknownNameError):
        assert issubclass(error, ChecklistError)


def test_cli_migrate_says_the_record_is_a_draft_even_when_every_answer_is_carried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kz_inspection_checklists.record.files import dumps_record, read_record
    from kz_inspection_checklists.record.record import new_record

    record = tmp_path / "record.json"
    record.write_text(
        dumps_record(new_record("electronic-signature").mark("EDS-001", "conforms")),
        encoding="utf-8",
    )
    migrated = tmp_path / "migrated.json"
    assert main(["migrate", str(record), "--to", "2023", "-o", str(migrated)]) == 0
    err = capsys.readouterr().err
    assert "carried 4, review needed 0, removed 0" in err
    assert err.splitlines()[-1] == (
        'the migrated record is a draft ("final": false), even where every answer was '
        'carried: review it, then set "final": true'
    )
    assert read_record(migrated).final is False
    page = " ".join((ROOT / "docs" / "editions.md").read_text(encoding="utf-8").split())
    assert "`final` is false, even where every answer was carried" in page


def test_cli_migrate_takes_the_record_edition_file_as_every_command_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kz_inspection_checklists.record.files import dumps_record
    from kz_inspection_checklists.record.record import new_record

    draft = tmp_path / "2024-draft.json"
    source = str(ROOT / "sources" / "V1900018805-en-2023-05-23.txt")
    assert main(["import", source, "--edition", "2024-draft", "-o", str(draft)]) == 0
    record = tmp_path / "m24.json"
    record.write_text(dumps_record(new_record(5, edition=draft)), encoding="utf-8")
    assert main(["migrate", str(record), "--to", "2023"]) == 2
    err = capsys.readouterr().err
    assert "pass its edition file (--edition FILE)" in err
    assert "--record-edition" not in err and "edition=PATH" not in err
    out = tmp_path / "m23.json"
    argv = ["migrate", str(record), "--to", "2023", "--edition", str(draft), "-o", str(out)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "deprecated" not in err
    assert f"wrote {out} (record {record} carried to edition 2023-revision: electronic-" in err
    # The old spelling still works until 0.3.0, with one line saying so.
    argv = ["migrate", str(record), "--to", "2023", "--record-edition", str(draft)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "deprecated" in line] == [
        "kz-checklists: warning: --record-edition is deprecated and goes in 0.3.0; "
        "use --edition FILE"
    ]
    assert main([*argv, "--edition", str(draft)]) == 2
    assert "not --edition and --record-edition too" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["published", "effective"])
@pytest.mark.parametrize(
    "given", [{None: "2019-06-10"}, {1: "2019-06-10"}, Pairs([([], "2019-06-10")])]
)
def test_an_act_named_by_what_is_not_a_string_is_refused(
    option: str, given: Mapping[Any, Any]
) -> None:
    # A list key raised TypeError (unhashable) before; None was looked up as an act.
    with pytest.raises(InvalidInputError, match="an act is named by its ID"):
        as_of("2024-01-01", **{option: given})


# --- an act's first day in force, at its bounds --------------------------------------------


def test_an_act_is_possibly_in_force_from_its_earliest_day_and_surely_from_its_known_one() -> None:
    from kz_inspection_checklists.law.in_force import ActDates

    day = datetime.date
    unknown = ActDates("amendment", earliest=day(2023, 6, 3), effective=None, basis="")
    assert not unknown.possibly_in_force(day(2023, 6, 2))
    assert unknown.possibly_in_force(day(2023, 6, 3))
    assert not unknown.surely_in_force(day(2030, 1, 1))
    known = ActDates("amendment", earliest=day(2023, 6, 3), effective=day(2023, 6, 12), basis="")
    assert not known.possibly_in_force(day(2023, 6, 11))  # the known day, not the earliest
    assert known.possibly_in_force(day(2023, 6, 12))
    assert not known.surely_in_force(day(2023, 6, 11))
    assert known.surely_in_force(day(2023, 6, 12))


def test_an_act_named_by_no_string_or_by_an_unknown_id_is_refused_naming_the_dates_given() -> None:
    from kz_inspection_checklists.law.in_force import act_dates

    with pytest.raises(InvalidInputError) as caught:
        act_dates(published={5: "2023-05-24"})  # type: ignore[dict-item]
    assert str(caught.value) == (
        "published: an act is named by its ID (a string), one of amendment-2023-05-23, "
        "original; got int 5"
    )
    with pytest.raises(UnknownNameError) as unknown:
        act_dates(effective={"amendment-2023-05-32": "2023-06-12"})
    assert (unknown.value.kind, unknown.value.name) == ("act", "amendment-2023-05-32")
    assert str(unknown.value).startswith(
        "unknown act 'amendment-2023-05-32' among the effective dates given; the acts are "
        "amendment-2023-05-23, original; did you mean 'amendment-2023-05-23'?"
    )


def test_an_act_given_its_day_says_so_in_its_basis() -> None:
    from kz_inspection_checklists.law.in_force import act_dates

    original, amendment = act_dates(effective={"amendment-2023-05-23": "2023-06-12"})
    assert amendment.basis == "in force from 2023-06-12"
    assert original.basis == (
        "eleven days after the earliest day it can have been published, 2019-06-07, the day "
        "it was registered"
    )


def test_an_amendment_given_a_day_before_the_act_it_amends_is_refused() -> None:
    from kz_inspection_checklists.law.in_force import act_dates

    with pytest.raises(InvalidInputError, match="before act 'original' which it amends"):
        act_dates(effective={"original": "2024-01-01", "amendment-2023-05-23": "2023-06-12"})


def test_small_numbers_are_written_in_words_and_larger_ones_in_digits() -> None:
    from kz_inspection_checklists.law.in_force import _ordinal, _words

    assert [_words(n) for n in (1, 10, 21, 22, 0)] == ["one", "ten", "twenty-one", "22", "0"]
    assert [_ordinal(n) for n in (1, 11, 21, 22, 23, 31, 40, 111, 112, 0)] == [
        "first",
        "eleventh",
        "twenty-first",
        "22nd",
        "23rd",
        "31st",
        "40th",
        "111th",
        "112th",
        "0th",
    ]
    assert [_ordinal(n) for n in (113, 121, 1011)] == ["113th", "121st", "1011th"]
