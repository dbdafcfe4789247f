"""Diffs between editions: the real amendment, an edited source, properties, renderings."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import InvalidInputError, UnknownNameError
from kz_inspection_checklists.importer.build import consolidated_edition
from kz_inspection_checklists.importer.parse import parse
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law.diff import (
    AnnexDiff,
    EditionDiff,
    diff,
    diff_requirements,
    moved_ids,
    redline,
)
from kz_inspection_checklists.law.edition import Edition, Requirement
from kz_inspection_checklists.law.history import history
from kz_inspection_checklists.present.markdown import diff_markdown, md
from kz_inspection_checklists.present.text import diff_text, history_text

from .conftest import ROOT

# --- helpers shared with test_migrate -------------------------------------------------

#: A text no edition holds, for the requirement the edited copy adds.
NEW_TEXT = (
    "observance of the requirement to publish the schedule of planned inspections of "
    "postal sorting centres on the postal operator's Internet resource"
)


def _text_of(rid: str) -> str:
    return kz.requirement(rid, edition="2023").text


def _replace_line(text: str, old: str, new: str) -> str:
    needle = f"\n{old}\n"
    assert text.count(needle) == 1, old
    return text.replace(needle, f"\n{new}\n")


def edited_source(source_text: str) -> str:
    """The real source with, in Annex 4: COM-008 reworded by one word, COM-030 removed,
    a new requirement after COM-050, and COM-010 and COM-020 swapped."""
    text = source_text
    reworded = _text_of("COM-008").replace("organisational", "organizational", 1)
    assert reworded != _text_of("COM-008")
    text = _replace_line(text, _text_of("COM-008"), reworded)
    text = _replace_line(text, _text_of("COM-030") + "\n\n", "")
    text = _replace_line(text, _text_of("COM-050"), f"{_text_of('COM-050')}\n\n\n{NEW_TEXT}")
    text = _replace_line(text, _text_of("COM-010"), "@@SWAP@@")
    text = _replace_line(text, _text_of("COM-020"), _text_of("COM-010"))
    return _replace_line(text, "@@SWAP@@", _text_of("COM-020"))


def edited_edition(source_text: str) -> Edition:
    """What the importer makes of :func:`edited_source`, IDs given against 2023."""
    return consolidated_edition(
        parse(edited_source(source_text), source="edited.txt"),
        edition_id="edited",
        base=kz.edition("2023"),
        registry=api.id_registry(),
    ).edition


def _reqs(pairs: Sequence[tuple[str, str]]) -> tuple[Requirement, ...]:
    return tuple(
        Requirement(id=rid, number=n, text=t, language="en", official=False)
        for n, (rid, t) in enumerate(pairs, start=1)
    )


def synthetic(pairs: Sequence[tuple[str, str]], edition_id: str = "synthetic") -> Edition:
    """The 2023 edition with the communications list replaced by (ID, text) pairs."""
    base = kz.edition("2023")
    checklists = []
    for checklist in base.checklists:
        if checklist.key == "communications":
            checklist = checklist.model_copy(
                update={
                    "edition": edition_id,
                    "requirements": _reqs(pairs),
                }
            )
        else:
            checklist = checklist.model_copy(update={"edition": edition_id})
        checklists.append(checklist)
    return base.model_copy(update={"id": edition_id, "checklists": tuple(checklists)})


# --- the real amendment ---------------------------------------------------------------


def test_the_2019_to_2023_diff_excludes_1_and_2_and_restates_3_to_5_without_lists() -> None:
    result = diff("2019", "2023")
    assert result.to_json() == {
        "from": "2019-original",
        "to": "2023-revision",
        "backward": False,
        "annexes": [
            {"annex": 1, "change": "excluded", "requirements": None},
            {"annex": 2, "change": "excluded", "requirements": None},
            {"annex": 3, "change": "restated", "requirements": None},
            {"annex": 4, "change": "restated", "requirements": None},
            {"annex": 5, "change": "restated", "requirements": None},
        ],
    }
    for number in (3, 4, 5):
        assert "'2019-original' is not available" in (result.annex(number).note or "")
    assert not result.is_empty


def test_the_reverse_diff_says_what_is_true_of_the_older_edition() -> None:
    # From 2023 back to 2019, Annexes 1 and 2 are "added" (in force in 2019 only), but
    # the words must not tell history in reverse: 2023 excluded them; and it is the newer
    # side, 2023, that an act set out anew.
    result = diff("2023", "2019")
    assert result.backward and not diff("2019", "2023").backward
    changes = [a.change for a in result.annexes]
    assert changes == ["added", "added", "restated", "restated", "restated"]
    assert result.to_json()["backward"] is True
    text = diff_text(result)
    assert "2019-original is the older edition" in text
    assert (
        "Annex 1: added (in force in the older 2019-original only; the later 2023-revision "
        "excluded it)" in text
    )
    assert "Annex 3 (informatization): restated (the later 2023-revision sets it out anew)" in text
    assert ": added\n" not in text and ": restated\n" not in text
    markdown = diff_markdown(result)
    assert "## Annex 2: added (in force in the older 2019-original only" in markdown
    assert "Backward: `2019-original` is the older edition." in markdown


def test_a_forward_diff_and_one_between_editions_of_one_act_read_as_before() -> None:
    forward = diff_text(diff("2019", "2023"))
    assert (
        "Annex 1: excluded\n" in forward and "Annex 5 (electronic-signature): restated" in forward
    )
    assert "backward" not in forward
    # Two editions made by the same act have no direction: nothing is called backward.
    same = diff("2023", synthetic([("COM-001", "a text")]))
    assert not same.backward and not diff(synthetic([("COM-001", "a text")]), "2023").backward


def test_an_edition_diffed_with_itself_is_empty() -> None:
    result = diff("2023", "latest")
    assert result.is_empty
    assert [a.requirements.unchanged for a in result.annexes if a.requirements] == [11, 72, 4]


# --- an edited copy of the source, through the importer --------------------------------


def test_an_edited_source_diffs_to_exactly_its_edits(source_text: str) -> None:
    edited = edited_edition(source_text)
    result = diff("2023", edited)
    assert [a.change for a in result.annexes] == [None] * 5
    assert [a.annex for a in result.annexes if not a.is_empty] == [4]
    reqs = result.annex(4).requirements
    assert reqs is not None
    assert [(a.id, a.text) for a in reqs.added] == [("COM-073", NEW_TEXT)]
    assert [(r.id, r.text) for r in reqs.removed] == [("COM-030", _text_of("COM-030"))]
    assert [(c.id, c.old, c.new) for c in reqs.changed] == [
        ("COM-008", _text_of("COM-008"), _text_of("COM-008").replace("organis", "organiz", 1))
    ]
    assert [(m.id, m.text) for m in reqs.moved] == [
        ("COM-010", _text_of("COM-010")),
        ("COM-020", _text_of("COM-020")),
    ]
    assert reqs.unchanged == 72 - 2
    assert [(s.kind, s.text) for s in reqs.changed[0].redline if s.kind != "equal"] == [
        ("delete", "organisational"),
        ("insert", "organizational"),
    ]
    assert edited.checklist(4).requirement("COM-073").text == NEW_TEXT


def test_the_edited_diff_renders_in_every_format(source_text: str, tmp_path: Path) -> None:
    result = diff("2023", edited_edition(source_text), checklist="communications")
    text = diff_text(result)
    assert "[-organisational-] {+organizational+}" in text
    assert "moved: COM-010, COM-020" in text
    assert f"  added:\n    COM-073: {NEW_TEXT}\n" in text
    assert f"  removed:\n    COM-030: {_text_of('COM-030')}\n" in text
    markdown = diff_markdown(result)
    assert "~~organisational~~ **organizational**" in markdown
    assert f"- Removed:\n  - `COM-030`: {md(_text_of('COM-030'))}\n" in markdown


# --- properties -----------------------------------------------------------------------

_ids = st.lists(st.integers(1, 60), unique=True, max_size=25).map(
    lambda ns: [f"COM-{n:03d}" for n in ns]
)
_words = st.sampled_from(["the", "telecom", "operator", "shall", "notify", "subscriber", "of"])
_texts = st.lists(_words, min_size=1, max_size=8).map(" ".join)


@st.composite
def _pairs(draw: st.DrawFn) -> list[tuple[str, str]]:
    ids = draw(_ids)
    return [(rid, draw(_texts)) for rid in ids]


@settings(max_examples=60, deadline=None)
@given(_pairs())
def test_diff_of_an_edition_with_itself_is_empty(pairs: list[tuple[str, str]]) -> None:
    one = synthetic(pairs)
    result = diff(one, one)
    assert result.is_empty
    assert result.annex(4).requirements is not None
    assert result.annex(4).requirements.unchanged == len(pairs)


def _swapped(result: EditionDiff) -> dict[str, object]:
    document = result.to_json()
    document["from"], document["to"] = document["to"], document["from"]
    for annex in document["annexes"]:  # type: ignore[attr-defined]
        reqs = annex["requirements"]
        change = {"added": "excluded", "excluded": "added"}
        annex["change"] = change.get(annex["change"], annex["change"])
        if reqs:
            reqs["added"], reqs["removed"] = reqs["removed"], reqs["added"]
            # A moved requirement carries the new side's text, the old one's backwards.
            old_texts = {c["id"]: c["old"] for c in reqs["changed"]}
            reqs["moved"] = [
                {"id": m["id"], "text": old_texts.get(m["id"], m["text"])} for m in reqs["moved"]
            ]
            reqs["changed"] = [
                {"id": c["id"], "old": c["new"], "new": c["old"]} for c in reqs["changed"]
            ]
    return document


@settings(max_examples=80, deadline=None)
@given(_pairs(), _pairs(), st.randoms(use_true_random=False))
def test_the_reverse_diff_swaps_added_and_removed_old_and_new(
    a: list[tuple[str, str]], b: list[tuple[str, str]], rnd: object
) -> None:
    # Share part of the IDs so that changed, moved and unchanged all occur.
    shared = dict(a[: len(a) // 2])
    b = [(rid, shared.get(rid, text)) for rid, text in b] + [
        (rid, text) for rid, text in shared.items() if rid not in dict(b)
    ]
    rnd.shuffle(b)  # type: ignore[attr-defined]
    old, new = synthetic(a, "a"), synthetic(b, "b")
    assert diff(new, old).to_json() == _swapped(diff(old, new))


@settings(max_examples=80, deadline=None)
@given(_pairs(), st.lists(st.booleans(), max_size=25), st.lists(_texts, max_size=5))
def test_insertions_and_removals_alone_move_nothing(
    pairs: list[tuple[str, str]], keep: list[bool], inserted: list[str]
) -> None:
    kept = [p for p, k in zip(pairs, keep + [True] * len(pairs)) if k]
    new = list(kept)
    for offset, text in enumerate(inserted):
        new.insert(min(offset * 3, len(new)), (f"COM-{100 + offset}", text))
    result = diff_requirements(_reqs(pairs), _reqs(new))
    assert result.moved == ()
    assert [(r.id, r.text) for r in result.removed] == [p for p in pairs if p not in kept]
    assert [(a.id, a.text) for a in result.added] == [p for p in new if p[0].startswith("COM-1")]
    assert result.unchanged == len(kept) and result.changed == ()


def _moved_by_brute_force(old: list[str], new: list[str]) -> set[str]:
    """Common IDs outside some longest common order, by trying every subset."""
    common = [x for x in old if x in new]
    best: list[set[str]] = []
    for size in range(len(common), -1, -1):
        for subset in itertools.combinations(common, size):
            if [x for x in new if x in subset] == list(subset):
                best.append(set(subset))
        if best:
            break
    in_all = set.intersection(*best) if best else set()
    return set(common) - in_all


@settings(max_examples=150, deadline=None)
@given(st.permutations(list("abcdefg")), st.integers(0, 7))
def test_moved_matches_a_brute_force_reading_of_the_rule(order: list[str], cut: int) -> None:
    old = list("abcdefg")[cut:]  # some IDs only in the new list
    assert set(moved_ids(old, order)) == _moved_by_brute_force(old, order)
    assert set(moved_ids(order, old)) == set(moved_ids(old, order))


@pytest.mark.parametrize(
    ("new", "moved"),
    [
        ("abcd", ""),
        ("xabcd", ""),
        ("acd", ""),
        ("bacd", "ab"),
        ("adcb", "bcd"),
        ("bcda", "a"),
        ("dabc", "d"),
    ],
)
def test_moved_examples(new: str, moved: str) -> None:
    assert "".join(moved_ids(list("abcd"), list(new))) == moved


@settings(max_examples=100, deadline=None)
@given(_texts, _texts)
def test_a_redline_rebuilds_both_texts(old: str, new: str) -> None:
    segments = redline(old, new)
    assert " ".join(s.text for s in segments if s.kind != "insert") == " ".join(old.split())
    assert " ".join(s.text for s in segments if s.kind != "delete") == " ".join(new.split())


def test_a_wording_change_is_a_change_but_whitespace_is_not() -> None:
    old = synthetic([("COM-001", "to have a licence")]).checklist(4).requirements
    spaced = synthetic([("COM-001", "to  have a licence ")]).checklist(4).requirements
    other = synthetic([("COM-001", "to have a license")]).checklist(4).requirements
    assert diff_requirements(old, spaced).is_empty
    assert [c.id for c in diff_requirements(old, other).changed] == ["COM-001"]


def test_retitled_annex() -> None:
    base = kz.edition("2023")
    annexes = tuple(
        a.model_copy(update={"title": a.title + " (amended)"}) if a.number == 5 else a
        for a in base.annexes
    )
    renamed = base.model_copy(update={"id": "renamed", "annexes": annexes})
    assert [a.change for a in diff(base, renamed).annexes] == [None, None, None, None, "retitled"]


def test_an_unknown_checklist_is_a_clear_error() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'communications'"):
        diff("2023", "2023", checklist="comunications")


# --- history --------------------------------------------------------------------------


def test_history_of_a_bundled_requirement() -> None:
    result = history("com-004")
    assert result.id == "COM-004"
    assert [(e.edition, e.number, e.status, e.act) for e in result.entries] == [
        ("2023-revision", 4, "first", "amendment-2023-05-23")
    ]
    assert result.entries[0].text == _text_of("COM-004")
    assert result.unknown == ("2019-original",)
    assert "whether COM-004 stood in it is not known" in history_text(result)


def test_history_across_an_edited_edition(source_text: str) -> None:
    edited = edited_edition(source_text)
    changed = history("COM-008", editions=["2023", edited])
    assert [e.status for e in changed.entries] == ["first", "changed"]
    moved = history("COM-010", editions=["2023", edited])
    assert [(e.number, e.status) for e in moved.entries] == [(10, "first"), (20, "unchanged")]
    gone = history("COM-030", editions=["2019", "2023", edited])
    assert [e.edition for e in gone.entries] == ["2023-revision"]
    assert gone.editions == ("2019-original", "2023-revision", "edited")
    lines = history_text(gone).splitlines()
    assert lines[1].startswith("2019-original: text not available")
    assert lines[2].startswith("2023-revision (act amendment-2023-05-23")
    assert lines[-1] == "edited: not in this edition"


@pytest.mark.parametrize(("wrong", "hint"), [("COM4", "COM-004"), ("com-0077", None), ("", None)])
def test_history_of_an_unknown_id(wrong: str, hint: str) -> None:
    with pytest.raises(UnknownNameError) as caught:
        history(wrong)
    if hint:
        assert f"did you mean {hint!r}" in str(caught.value)


@pytest.mark.parametrize(
    ("requirement_id", "editions", "words"),
    [
        ("EDS-001", 1.5, "editions: expected a list of editions"),
        ("EDS-001", "2023", "for one edition write ['2023']"),
        ("EDS-001", b"2023", "editions: expected a list of editions"),
        ("EDS-001", [], "the list is empty"),
        ("EDS-001", [1.5], "not float 1.5"),
        ("EDS-001", [None], "not NoneType None"),
        (
            None,
            None,
            "a requirement ID is a string such as INF-001, COM-001, EDS-001, got NoneType",
        ),
        ([], None, "got list []"),
        (4, None, "got int 4"),
    ],
)
def test_history_of_junk_is_invalid_input(requirement_id: Any, editions: Any, words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        history(requirement_id, editions=editions)
    assert words in str(caught.value)


def test_history_reads_editions_from_any_iterable() -> None:
    assert history("EDS-004", editions=iter(["2023"])).editions == ("2023-revision",)
    assert history("EDS-004", editions=("2019", "2023")).unknown == ("2019-original",)


# --- command line ---------------------------------------------------------------------


def test_cli_diff_json_is_the_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "2019", "2023", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == diff("2019", "2023").to_json()


def test_cli_diff_with_an_edition_file(
    source_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kz_inspection_checklists.law.store import edition_file_json

    path = tmp_path / "edited.json"
    path.write_text(edition_file_json(edited_edition(source_text), {}), encoding="utf-8")
    assert main(["diff", "2023", str(path), "--checklist", "4", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [a["annex"] for a in document["annexes"]] == [4]
    moved = document["annexes"][0]["requirements"]["moved"]
    assert moved == [{"id": i, "text": _text_of(i)} for i in ("COM-010", "COM-020")]
    assert main(["diff", "2023", str(path), "-o", str(path)]) == 2
    assert "refusing to write over the input" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "2023"],
        ["diff", "2023", "2024"],
        ["diff", "2023", "missing.json"],
        ["diff", "2019", "2023", "--checklist", "6"],
        ["diff", "2019", "2023", "--format", "yaml"],
        ["history", "XYZ-1"],
        ["history"],
    ],
)
def test_cli_junk_is_one_line_and_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kz-checklists: error: ") and "Traceback" not in err


def test_cli_history(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "EDS-002", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["editions"][0]["text"] == _text_of("EDS-002")
    assert document["not_known"] == ["2019-original"]


def test_cli_history_editions_replace_the_bundled_ones_and_say_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["history", "EDS-002", "--edition", "2023", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["not_known"] == []  # 2019-original was not read
    assert [e["edition"] for e in document["editions"]] == ["2023-revision"]
    with pytest.raises(SystemExit):
        main(["history", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "instead of the bundled ones" in help_text
    page = " ".join((ROOT / "docs" / "editions.md").read_text(encoding="utf-8").split())
    assert "adds edition files" not in page
    assert "names the editions to read **instead of** the bundled ones" in page


def test_restated_is_labelled_the_librarys_reading_not_a_fact() -> None:
    """The source says 'as amended by'; 'set out anew' is how the library reads it."""
    description = AnnexDiff.model_fields["change"].description or ""
    assert "the library's reading" in description
    page = " ".join((ROOT / "docs" / "editions.md").read_text(encoding="utf-8").split())
    assert "`restated` (another act set it out)" not in page
    assert "is the library's reading of Adilet's footnote form" in page
    module_doc = " ".join((sys.modules[diff.__module__].__doc__ or "").split())
    assert "(a different act set the annex out)" not in module_doc
    assert "which the library reads as the act setting the annex out anew" in module_doc


# --- annexes that come and go, footnotes, and the order of IDs ---------------------------


def _with_annex(edition: Edition, number: int, **changes: Any) -> Edition:
    """The edition with one annex's entry changed (or left out, with ``drop=True``)."""
    drop = changes.pop("drop", False)
    annexes = tuple(
        a.model_copy(update=changes) if a.number == number else a
        for a in edition.annexes
        if not (drop and a.number == number)
    )
    return edition.model_copy(update={"annexes": annexes})


def _annexes(result: Any) -> list[tuple[Any, ...]]:
    return [(a.annex, a.checklist, a.change, a.note) for a in result.annexes]


def test_the_diff_says_for_each_annex_why_it_has_no_list() -> None:
    not_held = "the text of Annex {0} in edition '2019-original' is not available in this library"
    expected = [
        (1, None, "excluded", "Annex 1 is not a checklist"),
        (2, None, "excluded", "Annex 2 is not a checklist"),
        *(
            (n, key, "restated", not_held.format(n))
            for n, key in (
                (3, "informatization"),
                (4, "communications"),
                (5, "electronic-signature"),
            )
        ),
    ]
    forward = diff("2019", "2023")
    assert _annexes(forward) == expected
    assert all(a.requirements is None for a in forward.annexes)
    backward = diff("2023", "2019")
    assert backward.backward and not forward.backward
    assert _annexes(backward) == [
        (n, key, "added" if change == "excluded" else change, note)
        for n, key, change, note in expected
    ]
    with pytest.raises(LookupError, match="the diff has no annex 9"):
        forward.annex(9)


def test_an_annex_that_goes_out_of_force_lists_its_requirements_as_removed() -> None:
    current = api.edition("2023")
    gone = _with_annex(current, 3, status="excluded", checklist=None, text_available=False)
    (annex,) = [a for a in diff(current, gone).annexes if a.annex == 3]
    assert (annex.checklist, annex.change, annex.note) == ("informatization", "excluded", None)
    assert annex.requirements is not None
    assert [r.id for r in annex.requirements.removed] == list(current.checklist(3).ids)
    (back,) = [a for a in diff(gone, current).annexes if a.annex == 3]
    assert (back.checklist, back.change) == ("informatization", "added")
    assert back.requirements is not None
    assert [r.id for r in back.requirements.added] == list(current.checklist(3).ids)


def test_a_checklist_in_force_in_neither_edition_is_said_so() -> None:
    neither = _with_annex(api.edition("2023"), 3, status="excluded")
    (annex,) = [a for a in diff(neither, neither).annexes if a.annex == 3]
    assert annex.model_dump() == {
        "annex": 3,
        "checklist": "informatization",
        "change": None,
        "requirements": None,
        "note": "Annex 3 is in force in neither edition",
    }


def test_an_annex_only_one_edition_has_is_compared_as_absent() -> None:
    current = api.edition("2023")
    result = diff(current, _with_annex(current, 1, drop=True))
    assert _annexes(result)[0] == (1, None, None, "Annex 1 is not a checklist")
    result = diff(_with_annex(current, 1, drop=True), current)
    assert _annexes(result)[0] == (1, None, None, "Annex 1 is not a checklist")


def test_an_annex_set_out_by_another_act_is_restated() -> None:
    current = api.edition("2023")
    footnote = current.annexes[3].footnote
    other = _with_annex(current, 4, footnote="Footnote. As amended by an act made up for a test.")
    assert diff(current, other).annex(4).change == "restated"
    renamed = _with_annex(current, 4, footnote="Footnote. As set out by another made-up act.")
    assert diff(other, renamed).annex(4).change == "restated"
    # Another footnote's words naming the same act (the 2023 amendment): not restated.
    same_act = _with_annex(current, 4, footnote=current.annexes[0].footnote)
    assert footnote != current.annexes[0].footnote
    assert diff(current, same_act).annex(4).change is None
    retitled = _with_annex(current, 4, title="ANNEX 4, RETITLED FOR A TEST")
    assert diff(current, retitled).annex(4).change == "retitled"


def test_ids_are_ordered_by_their_serial_as_a_number() -> None:
    requirements = _reqs([("COM-999", "old nine"), ("COM-1000", "old thousand")])
    changed = _reqs([("COM-1000", "new thousand"), ("COM-999", "new nine")])
    result = diff_requirements(requirements, changed)
    assert [c.id for c in result.changed] == ["COM-999", "COM-1000"]
    assert result.review == ("COM-999", "COM-1000")
    assert moved_ids(["COM-999", "COM-1000"], ["COM-1000", "COM-999"]) == ("COM-999", "COM-1000")


def test_an_edition_diff_s_review_lists_each_annex_s_ids() -> None:
    current = api.edition("2023")
    checklist = current.checklist("electronic-signature")
    texts = tuple(
        r.model_copy(update={"text": r.text + " (amended for a test)"}) if r.id == "EDS-002" else r
        for r in checklist.requirements
    )
    edited = current.model_copy(
        update={
            "checklists": tuple(
                c.model_copy(update={"requirements": texts}) if c.key == checklist.key else c
                for c in current.checklists
            )
        }
    )
    assert diff(current, edited).review() == ("EDS-002",)


def test_a_long_text_s_redline_shows_only_what_changed() -> None:
    old = " ".join(["of the"] * 150)  # 300 words, each of them said 150 times
    new = " ".join(["of the"] * 75 + ["of a"] + ["of the"] * 74)
    assert [(s.kind, s.text) for s in redline(old, new) if s.kind != "equal"] == [
        ("delete", "the"),
        ("insert", "a"),
    ]
