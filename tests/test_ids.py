"""Stable IDs: every requirement has one, none vanishes, none is reused for other text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law.ids import (
    NEAR_IDENTICAL,
    Assignment,
    Registry,
    RegistryEntry,
    assign_ids,
    near_identical,
    similarity,
    text_sha256,
)

PREFIXES = {spec.key: spec.prefix for spec in kz.order().checklists}


def _assign(checklist: str, texts: list[str], **given: Any) -> tuple[list[Assignment], Registry]:
    """assign_ids with the bundled order's prefix of the checklist."""
    return assign_ids(checklist, texts, prefix=PREFIXES[checklist], **given)


#: Every ID released so far. An ID may be added to this list, never removed from it.
RELEASED = (
    [f"INF-{n:03d}" for n in range(1, 12)]
    + [f"COM-{n:03d}" for n in range(1, 73)]
    + [f"EDS-{n:03d}" for n in range(1, 5)]
)


def _with_text() -> list[kz.Edition]:
    return [e for e in kz.editions() if e.text_available]


def test_every_requirement_has_a_well_formed_id_of_its_checklist() -> None:
    bad = [
        (e.id, c.key, r.id)
        for e in _with_text()
        for c in e.checklists
        for r in c.requirements
        if not re.fullmatch(rf"{PREFIXES[c.key]}-\d{{3,}}", r.id)
    ]
    assert bad == []


def test_ids_are_unique_within_an_edition() -> None:
    for edition in _with_text():
        ids = [r.id for r in edition.requirements()]
        assert len(ids) == len(set(ids)), edition.id


def test_no_released_id_vanishes_from_the_registry() -> None:
    issued = [entry.id for entry in api.id_registry().entries]
    assert [i for i in RELEASED if i not in issued] == []


def test_registry_serials_have_no_gaps() -> None:
    registry = api.id_registry()
    for key, prefix in PREFIXES.items():
        serials = sorted(int(e.id.split("-")[1]) for e in registry.entries if e.checklist == key)
        assert serials == list(range(1, len(serials) + 1)), prefix


def test_every_id_in_use_is_registered() -> None:
    issued = {entry.id for entry in api.id_registry().entries}
    unregistered = [r.id for e in _with_text() for r in e.requirements() if r.id not in issued]
    assert unregistered == []


def test_no_id_is_reused_for_other_text() -> None:
    """In its first edition an ID has its registered text; later, only near-identical ones."""
    registry = api.id_registry()
    texts: dict[str, str] = {}
    bad = []
    for edition in _with_text():
        for requirement in edition.requirements():
            entry = registry.get(requirement.id)
            assert entry is not None
            if (
                entry.first_edition == edition.id
                and text_sha256(requirement.text) != entry.text_sha256
            ):
                bad.append((edition.id, requirement.id, "first text differs from the registry"))
            previous = texts.get(requirement.id)
            changed = previous is not None and previous != requirement.text
            if changed and not near_identical(previous or "", requirement.text):
                bad.append((edition.id, requirement.id, "text changed beyond near-identical"))
            texts[requirement.id] = requirement.text
    assert bad == []


def test_unchanged_texts_keep_their_ids() -> None:
    texts = ["alpha beta gamma", "delta epsilon zeta"]
    first, registry = _assign("communications", texts, edition="a", registry=Registry())
    assert [(a.id, a.status) for a in first] == [("COM-001", "new"), ("COM-002", "new")]
    again, same = _assign(
        "communications",
        list(reversed(texts)),
        edition="b",
        registry=registry,
        base=[(a.id, t) for a, t in zip(first, texts)],
    )
    assert [(a.id, a.status) for a in again] == [("COM-002", "unchanged"), ("COM-001", "unchanged")]
    assert same == registry


def test_near_identical_text_keeps_its_id_and_is_marked_changed() -> None:
    old = "observance of the requirement to have a licence to provide communication services"
    new = "observance of the requirement to have a valid licence to provide communication services"
    assert similarity(old, new) >= 0.85
    given_ids, registry = _assign(
        "communications", [new], edition="b", registry=Registry(), base=[("COM-005", old)]
    )
    assert [(a.id, a.status) for a in given_ids] == [("COM-005", "changed")]
    assert registry.entries == ()


#: Twenty words, three of them changed: a similarity of 2 x 17 / 40, exactly the threshold.
AT_THE_THRESHOLD = (
    "observance of the requirement to keep a register of the issued certificates of "
    "electronic digital signature and to publish it",
    "observance of the requirement to keep a list of the issued certificates of "
    "electronic digital signature and to post them",
)


def test_a_text_exactly_at_the_threshold_keeps_its_id_as_near_identical_says() -> None:
    """The rule says "at least" NEAR_IDENTICAL: a text on the boundary keeps its ID, and
    the importer and near_identical() agree about it."""
    old, new = AT_THE_THRESHOLD
    assert similarity(old, new) == NEAR_IDENTICAL
    assert near_identical(old, new)
    given_ids, registry = _assign(
        "communications", [new], edition="b", registry=Registry(), base=[("COM-005", old)]
    )
    assert [(a.id, a.status) for a in given_ids] == [("COM-005", "changed")]
    assert registry.entries == ()
    # One more word changed, and it is another requirement.
    below = new.replace("of the issued", "of all the")
    assert similarity(old, below) < NEAR_IDENTICAL
    assert not near_identical(old, below)
    given_ids, registry = _assign(
        "communications", [below], edition="b", registry=Registry(), base=[("COM-005", old)]
    )
    assert [(a.id, a.status) for a in given_ids] == [("COM-006", "new")]


def test_other_text_gets_a_new_id_and_serials_are_never_reused() -> None:
    _, registry = _assign(
        "electronic-signature", ["one two three", "four five six"], edition="a", registry=Registry()
    )
    # EDS-002 is removed in edition b; the new text must not take its serial.
    given_ids, registry = _assign(
        "electronic-signature",
        ["one two three", "something else entirely"],
        edition="b",
        registry=registry,
        base=[("EDS-001", "one two three"), ("EDS-002", "four five six")],
    )
    assert [(a.id, a.status) for a in given_ids] == [("EDS-001", "unchanged"), ("EDS-003", "new")]
    assert registry.get("EDS-003") is not None
    assert registry.get("EDS-003").first_edition == "b"  # type: ignore[union-attr]


def test_a_removed_text_that_returns_takes_its_old_id() -> None:
    _, registry = _assign(
        "informatization", ["first text here", "second text here"], edition="a", registry=Registry()
    )
    given_ids, _ = _assign(
        "informatization", ["second text here"], edition="c", registry=registry, base=[]
    )
    assert [(a.id, a.status) for a in given_ids] == [("INF-002", "unchanged")]


words = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]),
    min_size=1,
    max_size=12,
).map(" ".join)


@given(st.lists(words, min_size=1, max_size=15, unique=True))
def test_an_edition_imported_on_itself_keeps_every_id(texts: list[str]) -> None:
    first, registry = _assign("communications", texts, edition="a", registry=Registry())
    again, after = _assign(
        "communications",
        texts,
        edition="b",
        registry=registry,
        base=[(a.id, t) for a, t in zip(first, texts)],
    )
    assert [a.id for a in again] == [a.id for a in first]
    assert {a.status for a in again} == {"unchanged"}
    assert after == registry


@given(st.lists(words, min_size=1, max_size=15))
def test_ids_given_are_always_unique(texts: list[str]) -> None:
    given_ids, _ = _assign(
        "communications", texts, edition="a", registry=Registry(), base=[("COM-001", texts[0])]
    )
    ids = [a.id for a in given_ids]
    assert len(ids) == len(set(ids))


def test_a_new_serial_goes_past_every_serial_issued_gaps_included() -> None:
    registry = Registry(
        entries=tuple(
            RegistryEntry(id=i, checklist="communications", first_edition="a", text_sha256="0")
            for i in ("COM-001", "COM-002", "COM-005")
        )
    )
    given_ids, grown = _assign(
        "communications", ["a text never seen"], edition="b", registry=registry
    )
    assert [a.id for a in given_ids] == ["COM-006"]
    assert [e.id for e in grown.entries] == ["COM-001", "COM-002", "COM-005", "COM-006"]
    # Nor does a serial in use in the base edition alone come back.
    given_ids, _ = _assign(
        "communications",
        ["another text never seen"],
        edition="c",
        registry=registry,
        base=[("COM-009", "a text of the base only")],
    )
    assert [a.id for a in given_ids] == ["COM-010"]


@given(
    st.lists(st.integers(min_value=1, max_value=400), unique=True, max_size=8),
    st.lists(st.integers(min_value=1, max_value=400), unique=True, max_size=8),
    st.integers(min_value=1, max_value=5),
)
def test_new_serials_are_always_past_every_serial_issued_or_in_the_base(
    issued: list[int], in_base: list[int], count: int
) -> None:
    registry = Registry(
        entries=tuple(
            RegistryEntry(
                id=f"EDS-{n:03d}",
                checklist="electronic-signature",
                first_edition="a",
                text_sha256="0",
            )
            for n in issued
        )
    )
    base = [(f"EDS-{n:03d}", f"base text {n}") for n in in_base]
    texts = [f"new text number {i}" for i in range(count)]
    given_ids, _ = _assign("electronic-signature", texts, edition="b", registry=registry, base=base)
    past = max([*issued, *in_base], default=0)
    serials = [int(a.id.split("-")[1]) for a in given_ids if a.status == "new"]
    assert serials == list(range(past + 1, past + 1 + len(serials)))


def test_a_text_unchanged_since_an_earlier_amendment_keeps_its_id_unchanged() -> None:
    """The base edition's text, not the registry's first one, is what an equal text keeps."""
    first, registry = _assign(
        "communications", ["alpha beta gamma delta"], edition="a", registry=Registry()
    )
    amended = "alpha beta gamma delta epsilon"
    again, registry = _assign(
        "communications",
        [amended],
        edition="b",
        registry=registry,
        base=[(first[0].id, "alpha beta gamma delta")],
    )
    assert [(a.id, a.status) for a in again] == [("COM-001", "changed")]
    third, _ = _assign(
        "communications", [amended], edition="c", registry=registry, base=[("COM-001", amended)]
    )
    assert [(a.id, a.status) for a in third] == [("COM-001", "unchanged")]


def test_a_registry_text_given_twice_keeps_its_id_once() -> None:
    _, registry = _assign("communications", ["alpha beta gamma"], edition="a", registry=Registry())
    given_ids, _ = _assign(
        "communications", ["alpha beta gamma", "alpha beta gamma"], edition="b", registry=registry
    )
    assert [(a.id, a.status) for a in given_ids] == [("COM-001", "unchanged"), ("COM-002", "new")]


def test_a_text_near_two_base_texts_keeps_the_closer_one_s_id_only() -> None:
    words = [f"w{n}" for n in range(20)]
    closer = " ".join([*words[:19], "x"])
    farther = " ".join([*words[:18], "x", "y"])
    new = " ".join(words)
    assert similarity(closer, new) > similarity(farther, new) >= NEAR_IDENTICAL
    given_ids, _ = _assign(
        "communications",
        [new],
        edition="b",
        registry=Registry(),
        base=[("COM-001", closer), ("COM-002", farther)],
    )
    assert [(a.id, a.status) for a in given_ids] == [("COM-001", "changed")]


def test_the_similarity_of_long_texts_does_not_treat_common_words_as_junk() -> None:
    old = " ".join(["of the"] * 150)  # 300 words, each said 150 times
    new = " ".join(["of the"] * 75 + ["of a"] + ["of the"] * 74)
    assert similarity(old, new) == 2 * 299 / 600


@pytest.mark.parametrize("serial", ["1", "12", "1234567890", "00000000001"])
def test_a_malformed_id_in_the_registry_is_a_data_file_error_naming_it(serial: str) -> None:
    from kz_inspection_checklists.exceptions import DataFileError

    entry = RegistryEntry(
        id=f"COM-{serial}", checklist="communications", first_edition="a", text_sha256="0"
    )
    with pytest.raises(
        DataFileError, match=f"malformed requirement ID 'COM-{serial}' in the ID registry"
    ):
        Registry(entries=(entry,)).highest_serial("communications", "COM")


def test_a_serial_of_up_to_nine_digits_is_read() -> None:
    entry = RegistryEntry(
        id="COM-123456789", checklist="communications", first_edition="a", text_sha256="0"
    )
    assert Registry(entries=(entry,)).highest_serial("communications", "COM") == 123456789
