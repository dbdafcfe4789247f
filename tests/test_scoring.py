"""Scores: hand-checked examples of each XCCDF model, and properties that must always hold."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kz_inspection_checklists.exceptions import InvalidInputError, UnknownNameError
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law.store import edition_file_json
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.scoring import (
    COUNT_KEYS,
    MAX_WEIGHT,
    SYSTEMS,
    ModelScore,
    Score,
    Weights,
    load_groups,
    load_weights,
    score,
)
from kz_inspection_checklists.record.verdicts import VERDICTS

from .conftest import Pairs
from .test_diff import edited_edition

NA = ("not-applicable", "does not concern the entity")


def eds(*verdicts: Optional[str]) -> InspectionRecord:
    record = new_record("electronic-signature")
    answers = {
        rid: NA if verdict == "not-applicable" else (verdict, None)
        for rid, verdict in zip(record.ids, verdicts)
    }
    return record.mark_many(answers)


def models(result: Score) -> dict[str, tuple[Optional[float], float]]:
    return {name: (m.score, m.maximum) for name, m in result.scores.items()}


# --- hand-checked examples ------------------------------------------------------------


def test_a_complete_record_with_one_nonconformity() -> None:
    result = score(eds("conforms", "conforms", "does-not-conform", "not-applicable"))
    assert dict(result.counts) == {
        "conforms": 2,
        "does-not-conform": 1,
        "not-applicable": 1,
        "not-assessed": 0,
    }
    assert result.total == 4 and result.complete and result.completeness == 1.0
    assert result.compliance_rate == pytest.approx(2 / 3)
    # Two of three applicable requirements pass; weights 1: default 100*2/3, flat 2 of 3.
    assert models(result) == {
        "default": (pytest.approx(66.6666667), 100.0),
        "flat": (2.0, 3.0),
        "flat-unweighted": (2.0, 3.0),
        "absolute": (0.0, 1.0),
    }
    [requirement] = result.nonconforming
    assert (requirement.id, requirement.number) == ("EDS-003", 3)
    assert requirement == api.requirement("EDS-003")


def test_a_complete_conforming_record_passes_absolute() -> None:
    result = score(eds("conforms", "not-applicable", "conforms", "conforms"))
    assert models(result) == {
        "default": (100.0, 100.0),
        "flat": (3.0, 3.0),
        "flat-unweighted": (3.0, 3.0),
        "absolute": (1.0, 1.0),
    }
    assert result.compliance_rate == 1.0 and result.nonconforming == ()


def test_nothing_assessed_is_no_pass() -> None:
    result = score(new_record("communications"))
    assert dict(result.counts) == {
        "conforms": 0,
        "does-not-conform": 0,
        "not-applicable": 0,
        "not-assessed": 72,
    }
    assert result.completeness == 0.0 and not result.complete
    assert result.compliance_rate is None
    assert models(result) == {
        "default": (None, 100.0),
        "flat": (0.0, 0.0),
        "flat-unweighted": (0.0, 0.0),
        "absolute": (None, 1.0),
    }


def test_a_partly_assessed_record_never_passes_absolute() -> None:
    result = score(eds("conforms", "conforms", None, "conforms"))
    assert result.completeness == 0.75 and not result.complete
    assert result.scores["absolute"] == ModelScore(None, 1.0)
    assert result.scores["flat"] == ModelScore(3.0, 3.0)
    failing = score(eds("conforms", None, "does-not-conform", None))
    assert failing.scores["absolute"] == ModelScore(0.0, 1.0)


def test_every_requirement_not_applicable() -> None:
    result = score(eds(*["not-applicable"] * 4))
    assert result.complete and result.compliance_rate is None
    assert models(result) == {
        "default": (None, 100.0),
        "flat": (0.0, 0.0),
        "flat-unweighted": (0.0, 0.0),
        # XCCDF: flat score s = 0 equals maximum m = 0, and the record is complete.
        "absolute": (1.0, 1.0),
    }


def test_weighted_models_by_hand() -> None:
    record = eds("conforms", "does-not-conform", "does-not-conform", "not-applicable")
    weights = {"EDS-001": 3, "EDS-002": 1, "EDS-003": 0, "EDS-004": 5}
    result = score(record, weights)
    # Applicable: EDS-001 (3, pass), EDS-002 (1, fail), EDS-003 (0, fail); EDS-004 is N/A.
    # flat: 3 of 3+1+0 = 4; default: 100*3/4 = 75; flat-unweighted: non-zero weights
    # count 1, EDS-003 counts 0: 1 of 2; absolute: EDS-002 fails with weight 1 -> 0.
    assert models(result) == {
        "default": (75.0, 100.0),
        "flat": (3.0, 4.0),
        "flat-unweighted": (1.0, 2.0),
        "absolute": (0.0, 1.0),
    }
    # The compliance rate and counts do not weigh: 1 of 3 applicable conform.
    assert result.compliance_rate == pytest.approx(1 / 3)
    assert [r.id for r in result.nonconforming] == ["EDS-002", "EDS-003"]


def test_a_zero_weight_failure_is_left_out_of_the_models_as_in_xccdf() -> None:
    record = eds("conforms", "conforms", "does-not-conform", "conforms")
    result = score(record, {"EDS-003": 0})
    # The three that conform weigh 1 each; EDS-003 adds 0 to score and maximum alike.
    assert models(result) == {
        "default": (100.0, 100.0),
        "flat": (3.0, 3.0),
        "flat-unweighted": (3.0, 3.0),
        "absolute": (1.0, 1.0),
    }
    assert [r.id for r in result.nonconforming] == ["EDS-003"]
    assert result.counts["does-not-conform"] == 1


def test_all_applicable_weights_zero_leaves_default_undefined() -> None:
    result = score(eds("conforms", "does-not-conform", None, None), {"EDS-001": 0, "EDS-002": 0})
    assert result.scores["default"] == ModelScore(None, 100.0)
    assert result.scores["flat"] == ModelScore(0.0, 0.0)
    assert result.scores["absolute"] == ModelScore(None, 1.0)


def test_fractional_weights() -> None:
    result = score(eds("conforms", "does-not-conform", "conforms", "conforms"), {"EDS-001": 0.5})
    # flat: 0.5 + 1 + 1 = 2.5 of 3.5; default 100*2.5/3.5.
    assert result.scores["flat"] == ModelScore(2.5, 3.5)
    assert result.scores["default"].score == pytest.approx(100 * 2.5 / 3.5)


def test_group_scores() -> None:
    record = eds("conforms", "does-not-conform", "not-applicable", None)
    result = score(
        record, groups={"keys": ["EDS-004", "EDS-003"], "centre": ["EDS-001", "EDS-002"]}
    )
    assert list(result.groups) == ["keys", "centre"]
    keys, centre = result.groups["keys"], result.groups["centre"]
    assert keys.total == 2 and dict(keys.counts)["not-assessed"] == 1
    assert keys.compliance_rate is None and keys.scores["absolute"].score is None
    assert centre.complete and centre.compliance_rate == 0.5
    assert models(centre)["flat"] == (1.0, 2.0)
    assert [r.id for r in centre.nonconforming] == ["EDS-002"]
    assert result.to_json()["groups"]["centre"]["scores"]["absolute"] == {
        "score": 0.0,
        "maximum": 1.0,
    }
    with pytest.raises(UnknownNameError, match="did you mean 'EDS-001'"):
        score(record, groups={"g": ["EDS-01"]})
    with pytest.raises(InvalidInputError, match="list of requirement IDs"):
        score(record, groups={"g": "EDS-001"})


@pytest.mark.parametrize(
    ("conforming", "written", "shown"),
    [(1, 0.062, "6.2%"), (3, 0.188, "18.8%"), (5, 0.312, "31.2%"), (7, 0.438, "43.8%")],
)
def test_a_rate_halfway_between_two_thousandths_is_rounded_half_to_even(
    conforming: int, written: float, shown: str
) -> None:
    """1 of 16 is 0.0625, exactly halfway: every output writes it as 0.062 (half to even,
    as the module says), not 0.063, so that two reports of one inspection agree."""
    from kz_inspection_checklists.present.text import score_text

    record = new_record("communications")
    record = record.mark_many(
        {
            rid: "conforms" if i < conforming else "does-not-conform"
            for i, rid in enumerate(record.ids[:16])
        }
    )
    result = score(record)
    assert result.compliance_rate == conforming / 16  # the exact value is kept
    assert result.to_json()["compliance_rate"] == written
    assert f"compliance rate   {shown}" in score_text(result)


def test_the_json_has_the_documented_keys() -> None:
    document = score(eds("conforms", "does-not-conform", None, None)).to_json()
    assert {"counts", "compliance_rate", "complete", "nonconforming", "scores"} <= set(document)
    assert list(document["counts"]) == list(COUNT_KEYS)
    assert list(document["scores"]) == list(SYSTEMS)
    assert all(set(m) == {"score", "maximum"} for m in document["scores"].values())
    assert document["nonconforming"] == ["EDS-002"]
    assert "groups" not in document
    assert json.loads(json.dumps(document)) == document


# --- weights --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "words"),
    [
        ({"EDS-001": -1}, "EDS-001: a weight is a number of 0 or more and at most 999, got -1"),
        ({"EDS-001": 999.5}, "got 999.5"),
        ({"EDS-001": 1000}, "got 1000"),
        ({"EDS-001": 1e308}, "got 1e+308"),
        ({"EDS-001": 10**400}, "got a huge number"),
        ({"EDS-001": -(10**400)}, "got a huge number"),
        ({"EDS-001": -math.inf}, "at most 999, got -inf"),
        ({"EDS-001": math.nan}, "at most 999, got nan"),
        ({"EDS-001": math.inf}, "at most 999, got inf"),
        ({"EDS-001": True}, "got True"),
        ({"EDS-001": "2"}, "got '2'"),
        ({"EDS-01": 1}, "EDS-01: unknown requirement ID; did you mean 'EDS-001'?"),
        ({1: 1}, "a key is a requirement ID"),
        ([1, 2], "expected an object"),
    ],
)
def test_bad_weights_are_refused(weights: Any, words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Weights(weights)
    assert words in str(caught.value)


def test_weights_of_other_checklists_are_ignored() -> None:
    record = eds("conforms", "does-not-conform", None, None)
    assert score(record, {"COM-001": 7}) == score(record)
    assert score(record, Weights({"EDS-001": 2})).scores["flat"] == ModelScore(2.0, 3.0)


def test_load_weights(tmp_path: Path) -> None:
    path = tmp_path / "weights.json"
    path.write_text('{"EDS-001": 2, "EDS-002": 0.5}', encoding="utf-8")
    assert load_weights(path).as_dict() == {"EDS-001": 2.0, "EDS-002": 0.5}
    for text, words in [
        ("{", "is not valid JSON"),
        ("[1]", "must hold a JSON object"),
        ('{"EDS-001": -2}', "a weight is a number of 0 or more and at most 999"),
        ('{"EDS-001": 1e400}', "at most 999, got inf"),
        ('{"EDS-001": ' + "9" * 400 + "}", "got a huge number"),
        ('{"EDS-001": NaN}', "at most 999, got nan"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InvalidInputError, match=words):
            load_weights(path)
    with pytest.raises(InvalidInputError, match="cannot read"):
        load_weights(tmp_path / "missing.json")


def test_the_largest_weight_is_xccdfs() -> None:
    # XCCDF 1.2 weightType: xsd:decimal, minInclusive 0.0, totalDigits 3, so 999 at most.
    assert MAX_WEIGHT == 999
    assert Weights({"EDS-001": 999, "EDS-002": 0}).as_dict() == {"EDS-001": 999.0, "EDS-002": 0.0}
    with pytest.raises(InvalidInputError, match="of 0 or more and at most 999"):
        Weights({"EDS-001": 999.0000001})


def test_the_heaviest_weights_leave_every_score_finite_and_the_json_valid() -> None:
    record = eds("conforms", "conforms", "does-not-conform", None)
    result = score(record, {rid: MAX_WEIGHT for rid in record.ids})
    assert models(result)["flat"] == (1998.0, 2997.0)
    assert result.scores["default"].score == pytest.approx(100 * 2 / 3)
    # allow_nan=False raises on NaN or an infinity anywhere in the document.
    assert json.loads(json.dumps(result.to_json(), allow_nan=False)) == result.to_json()


@pytest.mark.parametrize("reader", [load_weights, load_groups])
def test_only_regular_files_are_read(reader: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, words in [
        ("", "no file name given"),
        (tmp_path, "is a directory"),
        (fifo, "is not a regular file"),
        ("/dev/zero", "is not a regular file"),
        (tmp_path / "missing.json", "No such file"),
    ]:
        with pytest.raises(InvalidInputError, match=f"cannot read .*: {words}"):
            reader(path)


def test_load_groups(tmp_path: Path) -> None:
    path = tmp_path / "groups.json"
    path.write_text('{"centre": ["EDS-001", "EDS-002"]}', encoding="utf-8")
    groups = load_groups(path)
    assert groups == {"centre": ["EDS-001", "EDS-002"]}
    result = score(eds("conforms", "does-not-conform", None, None), groups=groups)
    assert result.groups["centre"].scores["flat"] == ModelScore(1.0, 2.0)
    for text, words in [
        ("{", "is not valid JSON"),
        ('{"g": "EDS-001"}', "object of group names to lists"),
        ('{"g": [1]}', "object of group names to lists"),
        ("[]", "object of group names to lists"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InvalidInputError, match=words):
            load_groups(path)


@given(
    st.one_of(
        st.none(),
        st.integers(),
        st.text(max_size=5),
        st.dictionaries(st.text(max_size=4), st.integers()),
    )
)
def test_junk_into_score(junk: Any) -> None:
    with pytest.raises(InvalidInputError):
        score(junk)


# --- properties -----------------------------------------------------------------------

KEYS = ("informatization", "communications", "electronic-signature")


def xccdf_weights(*, positive: bool = False) -> st.SearchStrategy[float]:
    """Every value of XCCDF's weightType: i × 10^-n, 0 <= i < 1000, 0 <= n <= 3."""
    return st.builds(
        lambda i, n: i / 10**n if n else i,
        st.integers(min_value=1 if positive else 0, max_value=MAX_WEIGHT),
        st.integers(min_value=0, max_value=3),
    )


@st.composite
def scored(draw: st.DrawFn) -> tuple[InspectionRecord, Optional[dict[str, float]]]:
    record = new_record(draw(st.sampled_from(KEYS)))
    verdicts = draw(
        st.lists(
            st.sampled_from((None, *VERDICTS)),
            min_size=len(record.ids),
            max_size=len(record.ids),
        )
    )
    record = record.mark_many(
        {
            rid: NA if verdict == "not-applicable" else (verdict, None)
            for rid, verdict in zip(record.ids, verdicts)
        }
    )
    weights = draw(
        st.none()
        | st.dictionaries(
            st.sampled_from(record.ids),
            xccdf_weights(positive=True),
        )
    )
    return record, weights


def numbers(result: Score) -> dict[str, Optional[float]]:
    return {name: m.score for name, m in result.scores.items()}


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(scored())
def test_every_score_is_within_its_bounds(case: tuple[InspectionRecord, Any]) -> None:
    record, weights = case
    result = score(record, weights)
    assert sum(result.counts.values()) == result.total == len(record.ids)
    assert 0 <= result.completeness <= 1
    assert result.compliance_rate is None or 0 <= result.compliance_rate <= 1
    for name, model in result.scores.items():
        assert model.maximum >= 0 and math.isfinite(model.maximum)
        if model.score is not None:
            assert math.isfinite(model.score), name
            assert 0 <= model.score <= model.maximum + 1e-9, name
    assert result.scores["default"].maximum == 100
    assert result.scores["absolute"].score in (None, 0.0, 1.0)
    assert result.scores["flat-unweighted"] == ModelScore(
        float(result.counts["conforms"]),
        float(result.counts["conforms"] + result.counts["does-not-conform"]),
    )
    if weights is None:
        rate = result.compliance_rate
        assert result.scores["default"].score == (
            None if rate is None else pytest.approx(100 * rate)
        )


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(scored(), st.data())
def test_an_improved_answer_never_lowers_a_score(
    case: tuple[InspectionRecord, Any], data: st.DataObject
) -> None:
    record, weights = case
    # Every example improves one answer: make one fail first if none does.
    rid = data.draw(st.sampled_from(record.ids))
    failing = [r for r, v in zip(record.ids, record.verdicts) if v == "does-not-conform"]
    if failing:
        rid = data.draw(st.sampled_from(failing))
    else:
        record = record.mark(rid, "does-not-conform")
    before = score(record, weights)
    after = score(record.mark(rid, "conforms"), weights)
    for name in SYSTEMS:
        old, new = before.scores[name].score, after.scores[name].score
        assert after.scores[name].maximum == before.scores[name].maximum
        if old is not None and new is not None:
            assert new >= old - 1e-9, name
        if name != "absolute":
            assert (old is None) == (new is None)
        elif old == 1.0:
            assert new == 1.0
    assert (after.compliance_rate or 0) > (before.compliance_rate or 0)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(scored(), st.data())
def test_not_applicable_answers_never_change_the_compliance_rate(
    case: tuple[InspectionRecord, Any], data: st.DataObject
) -> None:
    record, weights = case
    # Every example turns one answer from not assessed to not applicable or back.
    rid = data.draw(st.sampled_from(record.ids))
    if record.answer(rid).verdict in ("conforms", "does-not-conform"):
        record = record.mark(rid, data.draw(st.sampled_from((None, NA[0]))), NA[1])
    before = score(record, weights)
    was = record.answer(rid).verdict
    assert was in (None, "not-applicable")
    other = record.mark(rid, None) if was == "not-applicable" else record.mark(rid, *NA)
    after = score(other, weights)
    assert after.compliance_rate == before.compliance_rate
    for name in ("default", "flat", "flat-unweighted"):
        assert after.scores[name] == before.scores[name]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(scored())
def test_absolute_is_one_exactly_when_complete_without_nonconformity(
    case: tuple[InspectionRecord, Any],
) -> None:
    record, weights = case  # every weight drawn is > 0
    result = score(record, weights)
    complete = None not in record.verdicts
    conforming = "does-not-conform" not in record.verdicts
    assert (result.scores["absolute"].score == 1.0) == (complete and conforming)
    assert (result.scores["absolute"].score == 0.0) == (not conforming)
    assert result.complete == complete
    assert (result.nonconforming == ()) == conforming


def test_absolute_on_the_smallest_cases() -> None:
    assert score(eds("conforms", "conforms", "conforms", "conforms")).scores["absolute"].score == 1
    assert score(eds(None, "conforms", "conforms", "conforms")).scores["absolute"].score is None
    assert score(eds(None, None, None, "does-not-conform")).scores["absolute"].score == 0


@given(
    st.one_of(st.integers(), st.none(), st.text(max_size=4), st.lists(st.integers(), max_size=2))
)
def test_junk_groups(junk: Any) -> None:
    record = eds("conforms", None, None, None)
    if junk is None:
        assert score(record, groups=junk).groups == {}
    else:
        with pytest.raises(InvalidInputError):
            score(record, groups=junk)
    with pytest.raises((InvalidInputError, UnknownNameError)):
        score(record, groups={"g": junk})


# --- weights: XCCDF's digits, imported editions, file names, duplicate keys ------------


@pytest.mark.parametrize("weight", [0, 1, 2.0, 0.5, 12.5, 0.125, 0.001, 99.9, 999, 100, 1e2])
def test_weights_of_at_most_three_digits_are_taken(weight: float) -> None:
    assert Weights({"EDS-001": weight}).get("EDS-001") == weight


@pytest.mark.parametrize("weight", [12.34, 0.0001, 1.125, 99.95, 0.1 + 0.2, 1e-300, 5e-324])
def test_weights_beyond_three_digits_are_refused_naming_the_rule(weight: float) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Weights({"EDS-001": weight})
    assert "a weight has at most 3 digits, at most 3 of them after the decimal point" in str(
        caught.value
    )
    assert "totalDigits 3" in str(caught.value)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=6))
def test_the_digits_rule_is_xsd_total_digits(i: int, n: int) -> None:
    # The oracle reads the decimal i × 10^-n exactly, never through a float.
    exact = Decimal(i).scaleb(-n).normalize()
    _, digits, exponent = exact.as_tuple()
    assert isinstance(exponent, int)
    whole = exponent >= 0
    allowed = exact <= MAX_WEIGHT and (whole or (-exponent <= 3 and len(digits) <= 3))
    value = i / 10**n
    if allowed:
        assert Weights({"EDS-001": value}).get("EDS-001") == value
    else:
        with pytest.raises(InvalidInputError):
            Weights({"EDS-001": value})


def test_sums_of_weights_are_exact_thousandths() -> None:
    record = eds("conforms", "conforms", "does-not-conform", None)
    result = score(record, {"EDS-001": 0.1, "EDS-002": 0.2, "EDS-003": 0.001})
    # In floats 0.1 + 0.2 is 0.30000000000000004.
    assert result.scores["flat"] == ModelScore(0.3, 0.301)


def test_weights_may_name_requirements_of_the_records_imported_edition(
    source_text: str,
) -> None:
    edited = edited_edition(source_text)
    record = new_record("communications", edition=edited).mark_many(
        {"COM-073": "conforms", "COM-001": "does-not-conform"}
    )
    # As a mapping, checked against the record's own checklist.
    assert score(record, {"COM-073": 2}).scores["flat"] == ModelScore(2.0, 3.0)
    # As Weights, with the edition named; without it the ID is unknown.
    assert Weights({"COM-073": 2}, edition=edited).get("COM-073") == 2
    with pytest.raises(InvalidInputError, match="COM-073: unknown requirement ID"):
        Weights({"COM-073": 2})
    with pytest.raises(InvalidInputError, match="nor in edition 'edited'"):
        Weights({"COM-074": 2}, edition=edited)
    with pytest.raises(
        InvalidInputError,
        match="COM-074: unknown requirement ID \\(in no bundled edition, nor in edition 'edited'\\)",
    ):
        score(record, {"COM-074": 2})


def test_load_weights_with_an_edition_file(tmp_path: Path, source_text: str) -> None:
    edition_path = tmp_path / "edited.json"
    edition_path.write_text(edition_file_json(edited_edition(source_text), {}), encoding="utf-8")
    path = tmp_path / "weights.json"
    path.write_text('{"COM-073": 2, "EDS-001": 0.5}', encoding="utf-8")
    assert load_weights(path, edition=edition_path).as_dict() == {"COM-073": 2, "EDS-001": 0.5}
    with pytest.raises(InvalidInputError, match="COM-073: unknown requirement ID"):
        load_weights(path)


@pytest.mark.parametrize("reader", [load_weights, load_groups])
@pytest.mark.parametrize("name", [None, 0, 1, True, 1.5, ["w.json"], b"w.json"])
def test_a_file_name_that_is_not_a_path_is_refused(reader: Any, name: Any) -> None:
    # An int would be read as a file descriptor: load_weights(0) would read stdin.
    with pytest.raises(InvalidInputError, match="is named by a path"):
        reader(name)


@pytest.mark.parametrize(
    ("reader", "text", "key"),
    [
        (load_weights, '{"EDS-001": 1, "EDS-001": 5}', "EDS-001"),
        (load_groups, '{"g": ["EDS-001"], "g": ["EDS-002"]}', "g"),
        (load_groups, '{"g": ["EDS-001"], "h": ["EDS-002"], "h": []}', "h"),
    ],
)
def test_a_key_given_twice_is_refused(reader: Any, text: str, key: str, tmp_path: Path) -> None:
    path = tmp_path / "file.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=f"has the key '{key}' more than once"):
        reader(path)


# --- names that are not strings -------------------------------------------------------


@pytest.mark.parametrize(
    "groups",
    [
        {None: ["EDS-001"]},
        {1: ["EDS-001"]},
        {("a",): ["EDS-001"]},
        Pairs([([], ["EDS-001"])]),
        Pairs([({}, ["EDS-001"])]),
    ],
)
def test_a_group_name_that_is_not_a_string_is_refused(groups: Mapping[Any, Any]) -> None:
    # Before, None became a group called 'None'; a list key, one called '[]'.
    record = new_record("electronic-signature")
    with pytest.raises(InvalidInputError, match="a group is named by text"):
        score(record, groups=groups)


def test_weights_pass_over_other_checklists_ids_and_groups_refuse_them() -> None:
    record = new_record("electronic-signature").mark("EDS-001", "conforms")
    # One weights file serves every checklist: COM-001's weight leaves this record alone.
    assert score(record, {"COM-001": 5}).scores == score(record).scores
    with pytest.raises(UnknownNameError, match="belongs to checklist 'communications'"):
        score(record, groups={"g": ["EDS-001", "COM-001"]})


# --- details a slip would change -------------------------------------------------------


def test_a_requirement_without_a_weight_weighs_one() -> None:
    weights = Weights({"EDS-001": 2})
    assert (weights.get("EDS-001"), weights.get("EDS-002")) == (2.0, 1.0)
    assert weights.as_dict() == {"EDS-001": 2.0}


def test_one_weights_object_scores_many_records_alike() -> None:
    """Weights are worked out once per checklist and kept: the second record scored with
    them gets the same as a fresh object would give it."""
    weights = Weights({"EDS-001": 3, "EDS-004": 0.5})
    first = eds("conforms", "does-not-conform", None, None)
    second = eds("does-not-conform", "conforms", "conforms", "conforms")
    assert score(first, weights) == score(first, Weights(weights.as_dict()))
    assert score(second, weights) == score(second, Weights(weights.as_dict()))
    assert models(score(second, weights))["flat"] == (2.5, 5.5)


def test_the_json_rounds_completeness_and_rate_and_keeps_counts() -> None:
    document = score(eds("conforms", "does-not-conform", "conforms", None)).to_json()
    assert document["counts"] == {
        "conforms": 2,
        "does-not-conform": 1,
        "not-applicable": 0,
        "not-assessed": 1,
    }
    assert (document["total"], document["complete"]) == (4, False)
    assert (document["completeness"], document["compliance_rate"]) == (0.75, 0.667)
    assert document["scores"]["default"] == {"score": 66.667, "maximum": 100.0}


def test_rounding_ignores_the_callers_decimal_context() -> None:
    """An application that sets decimal's rounding for its own sums gets the same scores."""
    import decimal

    from kz_inspection_checklists.record.scoring import decimal_text, rounded

    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        assert (rounded(0.0625), decimal_text(0.0625)) == (0.062, "0.062")
        assert rounded(2 / 3) == 0.667


def test_a_negative_zero_is_written_as_zero() -> None:
    from kz_inspection_checklists.record.scoring import decimal_text

    assert decimal_text(-1e-9) == "0"
    assert decimal_text(-0.0) == "0"


def test_a_score_and_its_groups_name_the_record_s_checklist_and_edition() -> None:
    result = score(eds("conforms", None, None, None), groups={"g": ["EDS-001"]})
    for each in (result, result.groups["g"]):
        assert (each.checklist, each.edition) == ("electronic-signature", "2023-revision")
    assert result.to_json()["checklist"] == "electronic-signature"


def test_group_scores_are_weighted_as_the_record_is() -> None:
    record = eds("conforms", "does-not-conform", "conforms", None)
    result = score(record, {"EDS-001": 3, "EDS-002": 0.5}, groups={"g": ["EDS-001", "EDS-002"]})
    assert models(result.groups["g"])["flat"] == (3.0, 3.5)
    assert models(result)["flat"] == (4.0, 4.5)


def test_a_group_s_unknown_id_is_an_unknown_requirement_named_in_the_error() -> None:
    record = eds("conforms", None, None, None)
    with pytest.raises(UnknownNameError) as caught:
        score(record, groups={"centre": ["EDS-001", "COM-001"]})
    assert (caught.value.kind, caught.value.name) == ("requirement", "COM-001")
    assert str(caught.value).startswith("group 'centre': 'COM-001': ")
    # An ID that is no string, even one that cannot be a key, is no requirement either.
    for junk in (["EDS-001"], {"EDS-001": 1}, 5):
        with pytest.raises(UnknownNameError):
            score(record, groups={"g": [junk]})


@pytest.mark.parametrize(
    ("groups", "words"),
    [
        ({"g": []}, "group 'g' has no requirement IDs"),
        (
            {"g": ["EDS-001\x1b"]},
            "group 'g': the requirement ID 'EDS-001\\x1b' holds the character U+001B",
        ),
        ({5: ["EDS-001"]}, "groups: a group is named by text (a string), got int 5"),
        ({"g\u202e": ["EDS-001"]}, "groups: the group name 'g\\u202e' holds the character U+202E"),
        (
            ["EDS-001"],
            "groups: expected a mapping of group names to lists of requirement IDs, got list",
        ),
    ],
)
def test_a_bad_group_is_refused_naming_it_and_what_is_wrong(groups: Any, words: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        score(eds("conforms", None, None, None), groups=groups)
    assert words in str(caught.value)


def test_score_of_what_is_no_record_says_what_it_got_and_how_to_read_one() -> None:
    with pytest.raises(InvalidInputError, match=r"got dict; read one with read_record\(\)"):
        score({"checklist": "electronic-signature"})  # type: ignore[arg-type]


def test_every_bad_weight_is_named_at_once() -> None:
    bad: dict[Any, Any] = {
        1: 1,
        "EDS-001\x1b": 1,
        "EDS-001": -1,
        "EDS-002": 12.34,
        "EDS-003": "x",
        "EDS-099": 1,
    }
    with pytest.raises(InvalidInputError) as caught:
        Weights(bad)
    message = str(caught.value)
    for words in (
        "weights: 1: a key is a requirement ID such as",
        "weights: 'EDS-001\\x1b': a requirement ID holds the character U+001B",
        "weights: EDS-001: a weight is a number",
        "weights: EDS-002: a weight has at most 3 digits",
        "weights: EDS-003: a weight is a number of 0 or more and at most 999, got 'x'",
        "weights: EDS-099: unknown requirement ID; did you mean",
    ):
        assert words in message
    with pytest.raises(
        InvalidInputError, match="expected an object mapping requirement IDs to numbers, got list"
    ):
        Weights([1, 2])  # type: ignore[arg-type]


def test_only_the_first_unknown_ids_get_a_did_you_mean_and_a_bundled_edition_is_not_blamed() -> (
    None
):
    from kz_inspection_checklists._suggest import HINTS

    unknown = {f"EDS-1{n:02d}": 1 for n in range(HINTS + 2)}
    with pytest.raises(InvalidInputError) as caught:
        Weights(unknown, edition="2023")
    problems = str(caught.value).split("; weights: ")
    assert sum("did you mean" in p for p in problems) == HINTS
    assert problems[-1].endswith("EDS-111: unknown requirement ID")
    assert "nor in edition" not in str(caught.value)  # the edition named is a bundled one


def test_weights_repr_shows_the_weights() -> None:
    assert repr(Weights({"EDS-001": 2})) == "Weights({'EDS-001': 2.0})"


def test_a_weights_or_groups_file_is_named_in_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    cases = [
        (load_weights, '{"EDS-001": -1}', "weights file '{path}': EDS-001: a weight is a number"),
        (load_weights, "{", "weights file '{path}' is not valid JSON"),
        (
            load_weights,
            '{"EDS-001": 1, "EDS-001": 2}',
            "weights file '{path}' has the key 'EDS-001' more than once; ",
        ),
        (
            load_weights,
            '{"EDS-001": {"a": 1, "a": 2}}',
            "has the key 'a' more than once (in 'EDS-001')",
        ),
        (
            load_groups,
            '{"g": ["EDS-001\\u001b"]}',
            "groups file '{path}': g.0 holds the character U+001B",
        ),
        (
            load_groups,
            '"\\u001b"',
            "groups file '{path}': the top level holds the character U+001B",
        ),
        (load_groups, "[", "groups file '{path}' is not valid JSON"),
    ]
    for reader, text, words in cases:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InvalidInputError) as caught:
            reader(path)
        assert words.format(path=path) in str(caught.value), (text, str(caught.value))
    for reader, kind in ((load_weights, "weights"), (load_groups, "groups")):
        with pytest.raises(
            InvalidInputError, match=f"a {kind} file is named by a path \\(a string\\), not int 5"
        ):
            reader(5)  # type: ignore[arg-type]


def test_a_decimal_is_written_without_an_exponent() -> None:
    from kz_inspection_checklists.record.scoring import decimal_text

    assert decimal_text(1e20) == "100000000000000000000"


def test_a_checklist_without_requirements_is_complete() -> None:
    checklist = api.checklist("electronic-signature")
    empty = checklist.model_copy(update={"requirements": ()})
    result = score(new_record(empty))
    assert (result.total, result.completeness, result.complete) == (0, 1.0, True)
    assert result.compliance_rate is None
