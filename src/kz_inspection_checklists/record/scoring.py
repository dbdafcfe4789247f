"""Scores of an inspection record: counts, compliance rate and the XCCDF 1.2 scoring models.

The four models are named after those of XCCDF 1.2 (NISTIR 7275 Rev. 4, §7.3.2).
``default``, ``flat`` and ``flat-unweighted`` are computed as XCCDF computes them;
``absolute`` is XCCDF's except in one case, said below. A requirement is an XCCDF rule
with one result: ``conforms`` is *pass*, ``does-not-conform`` is *fail*;
``not-applicable`` and not assessed (``None``) are left out of every model, as XCCDF
leaves out *notapplicable* and *notchecked*. The form has no groups, so the XCCDF tree
is the checklist with its requirements as children. With ``w`` a requirement's weight,
over the requirements that conform or do not conform:

- ``default``: 100 × Σ w·pass / Σ w, maximum 100 (``None`` when Σ w is 0);
- ``flat``: Σ w·pass out of Σ w;
- ``flat-unweighted``: the same with every non-zero weight taken as 1;
- ``absolute``: maximum 1; 0 as soon as a requirement of non-zero weight does not
  conform; 1 if the record is complete with no such failure. **Where it differs from
  XCCDF:** a record that is not complete and has no such failure scores ``None``
  (JSON ``null``), where XCCDF, which leaves unchecked rules out, would give 1. So a
  partly assessed record never passes vacuously. The XCCDF export leaves the absolute
  ``<score>`` out of its ``TestResult`` while the score is ``None``.

Weights default to 1. The law gives none; a user may supply them (:func:`load_weights`).
A weight is a value of XCCDF 1.2's ``weightType`` (``xsd:decimal``, ``minInclusive``
0.0, ``totalDigits`` 3; ``xccdf_1.2.xsd``): a number from 0 to :data:`MAX_WEIGHT` (999)
that can be written as i × 10^-n with i a whole number below 1000 and n from 0 to 3, so
with at most 3 digits, e.g. 2, 0.5, 12.5, 0.125 or 999, but not 12.34 or 0.0001. The
bound keeps every sum, and so every score, finite; and since every weight is a whole
number of thousandths, the ``flat`` sums are rounded to thousandths, which they are
exactly, so float error does not show (0.1 + 0.2 is 0.3). A weight of 0 takes a
requirement out of the models, as in XCCDF, though it is still counted and listed as
non-conforming.

>>> from kz_inspection_checklists.record.record import new_record
>>> record = new_record("electronic-signature").mark_many(
...     {"EDS-001": "conforms", "EDS-002": "conforms", "EDS-003": "does-not-conform"})
>>> result = score(record)
>>> result.counts["conforms"], result.compliance_rate, result.complete
(2, 0.6666666666666666, False)
>>> result.scores["flat"], result.scores["absolute"]
(ModelScore(score=2.0, maximum=3.0), ModelScore(score=0.0, maximum=1.0))
>>> [r.id for r in result.nonconforming]
['EDS-003']
"""

from __future__ import annotations

import dataclasses
import decimal
import math
import os
from collections.abc import Iterable, Mapping
from itertools import compress, repeat
from operator import eq
from pathlib import Path
from types import MappingProxyType
from typing import Any, Optional, Union

from typing_extensions import TypeGuard

from .._files import DuplicateKeyError, loads_json_unique, read_input
from .._suggest import HINTS, did_you_mean, listed, shown
from .._text import unsafe, unsafe_in
from ..exceptions import InvalidInputError, UnknownNameError
from ..law.edition import Checklist, Edition, Requirement
from ..law.store import EditionRef, Law, bundled, law_of
from .record import InspectionRecord, unknown_id_message
from .verdicts import CONFORMS, DOES_NOT_CONFORM, NOT_APPLICABLE, STATES

__all__ = [
    "COUNT_KEYS",
    "MAX_WEIGHT",
    "SYSTEMS",
    "WEIGHT_DIGITS",
    "ModelScore",
    "Score",
    "Weights",
    "decimal_text",
    "load_groups",
    "load_weights",
    "rounded",
    "score",
]

#: The scoring models, by their XCCDF names (``urn:xccdf:scoring:`` + name).
SYSTEMS = ("default", "flat", "flat-unweighted", "absolute")
#: The largest weight: XCCDF 1.2's weightType has at most 3 digits (totalDigits 3).
MAX_WEIGHT = 999
#: The most digits a weight has, and the most after its decimal point (totalDigits 3).
WEIGHT_DIGITS = 3


def rounded(value: Optional[float]) -> Optional[float]:
    """A score, maximum, share or rate as every output writes it: to :data:`WEIGHT_DIGITS`
    decimal places, half to even (``None`` stays ``None``).

    Weights are whole thousandths, so the flat sums are written exactly; a default score
    or a compliance rate is cut to the same precision in every format.

    >>> rounded(94.23076923076923), rounded(2 / 3), rounded(0.0625), rounded(None)
    (94.231, 0.667, 0.062, None)
    """
    if value is None:
        return None
    step = decimal.Decimal(1).scaleb(-WEIGHT_DIGITS)
    exact = decimal.Decimal(repr(float(value)))
    return float(exact.quantize(step, rounding=decimal.ROUND_HALF_EVEN))


def decimal_text(value: float) -> str:
    """A score, maximum or rate as text: :func:`rounded`, in plain decimals (an
    ``xsd:decimal``: no exponent, no trailing zeros), the same in every format.

    >>> decimal_text(94.23076923076923), decimal_text(52.0), decimal_text(71928.5), decimal_text(1e-9)
    ('94.231', '52', '71928.5', '0')
    """
    exact = decimal.Decimal(repr(rounded(float(value))))
    text = format(exact, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


#: The keys of :attr:`Score.counts`: every state a requirement can be in.
COUNT_KEYS = STATES

_PASS = CONFORMS
_FAIL = DOES_NOT_CONFORM
_NA = NOT_APPLICABLE


@dataclasses.dataclass(frozen=True)
class ModelScore:
    """One scoring model's result: ``score`` out of ``maximum``; ``None`` if undefined."""

    score: Optional[float]
    maximum: float

    def to_json(self) -> dict[str, Optional[float]]:
        """``{"score", "maximum"}``, each :func:`rounded` as every output writes it."""
        return {"score": rounded(self.score), "maximum": rounded(self.maximum)}


@dataclasses.dataclass(frozen=True)
class Score:
    """The score of a record (or of a group of its requirements)."""

    checklist: str
    edition: str
    counts: Mapping[str, int]
    """Requirements per verdict; keys :data:`COUNT_KEYS`."""
    total: int
    """The number of requirements scored."""
    nonconforming: tuple[Requirement, ...]
    """The requirements that do not conform (each has ``id``, ``number``, ``text``)."""
    completeness: float
    """Assessed / total, from 0 to 1."""
    compliance_rate: Optional[float]
    """Conforms / (conforms + does-not-conform); ``None`` when nothing applicable is assessed."""
    complete: bool
    """Whether every requirement scored has a verdict."""
    scores: Mapping[str, ModelScore]
    """The XCCDF models, keys :data:`SYSTEMS`."""
    groups: Mapping[str, Score] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    """Scores of the user's groups of requirements, by group name."""

    def to_json(self) -> dict[str, Any]:
        """The score as a JSON-ready object (what ``kz-checklists score --format json`` prints).

        Every rate, score and maximum is :func:`rounded` (to the thousandth), as in every
        other format; the :class:`Score` itself keeps the exact values.
        """
        document: dict[str, Any] = {
            "checklist": self.checklist,
            "edition": self.edition,
            "counts": dict(self.counts),
            "total": self.total,
            "completeness": rounded(self.completeness),
            "compliance_rate": rounded(self.compliance_rate),
            "complete": self.complete,
            "nonconforming": [r.id for r in self.nonconforming],
            "scores": {name: model.to_json() for name, model in self.scores.items()},
        }
        if self.groups:
            document["groups"] = {name: group.to_json() for name, group in self.groups.items()}
        return document


class Weights:
    """Per-requirement weights given by a user: numbers from 0 to 999; unlisted IDs weigh 1.

    IDs may span checklists (one file for all three); each record uses its own. An ID
    must be one of a bundled edition or, for a requirement new in an imported edition,
    of ``edition`` (an edition file, ID or :class:`~kz_inspection_checklists.law.edition.Edition`).
    Weights are XCCDF 1.2's (see the module docstring); NaN and infinities are refused.

    >>> Weights({"COM-001": 2, "COM-002": 0.5}).get("COM-001")
    2.0
    >>> Weights({"COM-001": -1})
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: weights: COM-001: a weight is a number of 0 or more and at most 999, got -1
    >>> Weights({"COM-001": 12.34})
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: weights: COM-001: a weight has at most 3 digits, at most 3 of them after the decimal point (XCCDF weightType, totalDigits 3), e.g. 2, 0.5, 12.5 or 0.125; got 12.34
    """

    __slots__ = ("_vectors", "_weights")

    def __init__(
        self,
        weights: Mapping[str, object],
        *,
        source: str = "weights",
        edition: Optional[EditionRef] = None,
    ) -> None:
        extra: frozenset[str] = frozenset()
        label = None
        law = bundled()
        if edition is not None:
            chosen = edition if isinstance(edition, Edition) else law.edition(edition)
            law = law_of(chosen)
            extra = frozenset(r.id for r in chosen.requirements())
            label = chosen.id
        self._check(weights, source, extra, label, law)

    @classmethod
    def _for(cls, weights: Mapping[str, object], record: InspectionRecord) -> Weights:
        """Weights whose IDs may also be those of one record's checklist, of its order."""
        self = cls.__new__(cls)
        form = record.form
        self._check(weights, "weights", frozenset(form.ids), record.edition, law_of(form))
        return self

    def _check(
        self,
        weights: Mapping[str, object],
        source: str,
        extra: frozenset[str],
        edition: Optional[str],
        law: Law,
    ) -> None:
        problems = []
        checked: dict[str, float] = {}
        if not isinstance(weights, Mapping):
            raise InvalidInputError(
                f"{source}: expected an object mapping requirement IDs to numbers, "
                f"got {type(weights).__name__}"
            )
        for key, value in weights.items():
            if not isinstance(key, str):
                problems.append(
                    f"{shown(key)}: a key is a requirement ID such as {law.order.id_forms}"
                )
                continue
            if unsafe(key):
                problems.append(f"{shown(key)}: a requirement ID {unsafe(key)}")
                continue
            if not _is_weight(value):
                problems.append(
                    f"{key}: a weight is a number of 0 or more and at most {MAX_WEIGHT}, "
                    f"got {shown(value, 60)}"
                )
                continue
            if not _has_weight_digits(value):
                problems.append(
                    f"{key}: a weight has at most {WEIGHT_DIGITS} digits, at most "
                    f"{WEIGHT_DIGITS} of them after the decimal point (XCCDF weightType, "
                    f"totalDigits {WEIGHT_DIGITS}), e.g. 2, 0.5, 12.5 or 0.125; "
                    f"got {shown(value, 60)}"
                )
                continue
            checked[key] = float(value)
        registry = law.registry
        unknown = [key for key in checked if registry.get(key) is None and key not in extra]
        if unknown:
            known = [*(e.id for e in registry.entries), *sorted(extra)]
            imported = edition is not None and any(registry.get(i) is None for i in extra)
            where = f" (in no bundled edition, nor in edition {edition!r})" if imported else ""
            problems += [
                f"{key}: unknown requirement ID{where}"
                + (did_you_mean(key, known) if n < HINTS else "")
                for n, key in enumerate(unknown)
            ]
        if problems:
            raise InvalidInputError(f"{source}: " + f"; {source}: ".join(listed(problems)))
        self._weights: Mapping[str, float] = MappingProxyType(checked)
        self._vectors: dict[int, tuple[Checklist, tuple[float, ...]]] = {}

    def get(self, requirement_id: str) -> float:
        """The weight of a requirement (1 when not given)."""
        return self._weights.get(requirement_id, 1.0)

    def as_dict(self) -> dict[str, float]:
        """The weights given, by ID."""
        return dict(self._weights)

    def _vector(self, form: Checklist) -> tuple[float, ...]:
        """The weights of a checklist's requirements, in its order (made once per checklist)."""
        found = self._vectors.get(id(form))
        if found is not None and found[0] is form:
            return found[1]
        vector = tuple(self._weights.get(rid, 1.0) for rid in form.ids)
        self._vectors[id(form)] = (form, vector)
        return vector

    def __repr__(self) -> str:
        return f"Weights({dict(self._weights)!r})"


def _is_weight(value: object) -> TypeGuard[Union[int, float]]:
    # An int is compared as an int: float() of a 400-digit number would overflow.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return 0 <= value <= MAX_WEIGHT


def _has_weight_digits(value: Union[int, float]) -> bool:
    """Whether ``value`` (already from 0 to 999) is i × 10^-n with i < 1000 and n <= 3."""
    if isinstance(value, int) or value.is_integer():
        return True
    # repr gives the shortest decimal that reads back as the float: what the user wrote.
    _, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    # Normalized, the number is i × 10^exponent with i the digits, none of them trailing 0s.
    return isinstance(exponent, int) and -exponent <= WEIGHT_DIGITS and len(digits) <= WEIGHT_DIGITS


def _where(kind: str, path: object) -> str:
    """How a message names the file, once ``path`` is known to be a path."""
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise InvalidInputError(
            f"a {kind} file is named by a path (a string), not {type(path).__name__} {shown(path, 60)}"
        )
    return f"{kind} file {os.fspath(path)!r}"


def _read_json(path: Union[str, Path], where: str) -> object:
    """The JSON document in a user's file, or :class:`InvalidInputError` saying why not."""
    try:
        raw = read_input(path)
    except OSError as error:
        raise InvalidInputError(f"cannot read {where}: {error.strerror or error}") from None
    except (TypeError, ValueError) as error:  # a name the reader does not take
        raise InvalidInputError(f"cannot read {where}: {error}") from None
    try:
        return loads_json_unique(raw)
    except DuplicateKeyError as error:
        inside = f" (in {error.path!r})" if error.path else ""
        raise InvalidInputError(
            f"{where} has the key {error.key!r} more than once{inside}; each key may "
            "appear once in an object, so keep the one you mean"
        ) from None
    except RecursionError:
        raise InvalidInputError(f"{where} is nested too deeply to be read as JSON") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInputError(f"{where} is not valid JSON ({error})") from None


def load_weights(path: Union[str, Path], *, edition: Optional[EditionRef] = None) -> Weights:
    """Weights from a JSON file: an object mapping requirement IDs to numbers from 0 to 999.

    ``edition`` (an edition file, ID or :class:`~kz_inspection_checklists.law.edition.Edition`)
    lets the file weigh requirements new in an imported edition; see :class:`Weights`.
    A path that is not a string, a file that cannot be read, is not JSON, has a key twice
    or holds a bad weight raises :class:`InvalidInputError`.
    """
    where = _where("weights", path)
    document = _read_json(path, where)
    if not isinstance(document, dict):
        law = law_of(edition) if isinstance(edition, Edition) else bundled()
        raise InvalidInputError(
            f"{where} must hold a JSON object mapping requirement IDs to weights, "
            f'e.g. {{"{_example_ids(law)[0]}": 2}}'
        )
    return Weights(document, source=where, edition=edition)


def load_groups(path: Union[str, Path]) -> dict[str, list[str]]:
    """Groups for :func:`score` from a JSON file: an object of group names to lists of IDs.

    Whether the IDs are in a record's checklist is checked when it is scored. A path
    that is not a string, a file that cannot be read, is not JSON, has a key twice or
    has another shape raises :class:`InvalidInputError`.
    """
    where = _where("groups", path)
    document = _read_json(path, where)
    for at, why in unsafe_in(document):
        raise InvalidInputError(f"{where}: {at or 'the top level'} {why}")
    if not isinstance(document, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in document.values()
    ):
        first, second = _example_ids(bundled())
        raise InvalidInputError(
            f"{where} must hold a JSON object of group names to lists of requirement IDs, "
            f'e.g. {{"a group": ["{first}", "{second}"]}}'
        )
    return document


def _example_ids(law: Law) -> tuple[str, str]:
    """Two IDs of the form of the order's first checklist, for an example."""
    prefix = law.order.checklists[0].prefix
    return f"{prefix}-001", f"{prefix}-002"


def score(
    record: InspectionRecord,
    weights: Optional[Union[Weights, Mapping[str, object]]] = None,
    groups: Optional[Mapping[str, Iterable[str]]] = None,
) -> Score:
    """Score a record; ``groups`` (name → requirement IDs) adds a score per group.

    Raises :class:`UnknownNameError` for a group ID not in the record's checklist,
    and :class:`InvalidInputError` for a group name that is not a string, or a group
    name or ID holding a character no output could carry (named by code point).

    Weights and groups treat an ID of another checklist differently, on purpose: one
    weights file serves all three checklists, so each record takes the weights of its
    own IDs and passes over the others'; a group is a part of this record's checklist,
    so an ID outside it would silently leave the group smaller than its author meant,
    and is refused.

    >>> from kz_inspection_checklists.record.record import new_record
    >>> record = new_record("electronic-signature").mark("EDS-001", "conforms")
    >>> score(record, weights={"COM-001": 5, "EDS-001": 2}).scores["flat"]
    ModelScore(score=2.0, maximum=2.0)
    >>> score(record, groups={"mixed": ["EDS-001", "COM-001"]})
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.UnknownNameError: group 'mixed': 'COM-001': requirement COM-001 belongs to checklist 'communications', not 'electronic-signature'
    """
    if not isinstance(record, InspectionRecord):
        raise InvalidInputError(
            f"score() takes an InspectionRecord, got {type(record).__name__}; "
            "read one with read_record() or loads_record()"
        )
    layout = record.form
    if weights is not None and not isinstance(weights, Weights):
        # The record's own IDs are known even when its edition is an imported one.
        weights = Weights._for(weights, record)
    vector = weights._vector(layout) if weights is not None else None
    result = _score(record, record.verdicts, layout.requirements, vector)
    if groups is None:
        return result
    if not isinstance(groups, Mapping):
        raise InvalidInputError(
            f"groups: expected a mapping of group names to lists of requirement IDs, "
            f"got {type(groups).__name__}"
        )
    scored = {}
    for name, members in groups.items():
        if not isinstance(name, str):
            raise InvalidInputError(
                f"groups: a group is named by text (a string), got {type(name).__name__} "
                f"{shown(name, 60)}"
            )
        if unsafe(name):
            raise InvalidInputError(f"groups: the group name {shown(name, 60)} {unsafe(name)}")
        positions = _positions(name, members, layout)
        scored[name] = _score(
            record,
            tuple(record.verdicts[i] for i in positions),
            tuple(layout.requirements[i] for i in positions),
            tuple(vector[i] for i in positions) if vector is not None else None,
        )
    return dataclasses.replace(result, groups=MappingProxyType(scored))


def _positions(name: str, members: Iterable[str], layout: Checklist) -> list[int]:
    if isinstance(members, (str, bytes)) or not isinstance(members, Iterable):
        raise InvalidInputError(f"group {name!r}: expected a list of requirement IDs")
    positions = []
    for requirement_id in members:
        if isinstance(requirement_id, str) and unsafe(requirement_id):
            raise InvalidInputError(
                f"group {name!r}: the requirement ID {shown(requirement_id)} "
                f"{unsafe(requirement_id)}"
            )
        position = layout.index.get(requirement_id) if isinstance(requirement_id, str) else None
        if position is None:
            raise UnknownNameError(
                f"group {name!r}: {shown(requirement_id)}: "
                + unknown_id_message(str(requirement_id), layout, law_of(layout)),
                kind="requirement",
                name=requirement_id,
            )
        if position not in positions:
            positions.append(position)
    if not positions:
        raise InvalidInputError(f"group {name!r} has no requirement IDs")
    return sorted(positions)


def _score(
    record: InspectionRecord,
    verdicts: tuple[Optional[str], ...],
    requirements: tuple[Requirement, ...],
    vector: Optional[tuple[float, ...]],
) -> Score:
    total = len(verdicts)
    passed = verdicts.count(_PASS)
    failed = verdicts.count(_FAIL)
    not_applicable = verdicts.count(_NA)
    not_assessed = total - passed - failed - not_applicable
    applicable = passed + failed
    nonconforming = (
        tuple(compress(requirements, map(eq, verdicts, repeat(_FAIL)))) if failed else ()
    )
    if vector is None:
        pass_weight = float(passed)
        weight = float(applicable)
        pass_count = pass_weight
        count = weight
        weighted_fail = failed > 0
    else:
        pass_weight = weight = pass_count = count = 0.0
        weighted_fail = False
        for verdict, w in zip(verdicts, vector):
            if verdict == _PASS:
                pass_weight += w
                weight += w
                if w:
                    pass_count += 1.0
                    count += 1.0
            elif verdict == _FAIL:
                weight += w
                if w:
                    count += 1.0
                    weighted_fail = True
        # Every weight is a whole number of thousandths, so the sums are too.
        pass_weight = round(pass_weight, WEIGHT_DIGITS)
        weight = round(weight, WEIGHT_DIGITS)
    complete = not_assessed == 0
    return Score(
        checklist=record.checklist,
        edition=record.edition,
        counts=MappingProxyType(
            {
                "conforms": passed,
                "does-not-conform": failed,
                "not-applicable": not_applicable,
                "not-assessed": not_assessed,
            }
        ),
        total=total,
        nonconforming=nonconforming,
        completeness=(total - not_assessed) / total if total else 1.0,
        compliance_rate=passed / applicable if applicable else None,
        complete=complete,
        scores=MappingProxyType(
            {
                "default": ModelScore(100.0 * pass_weight / weight if weight else None, 100.0),
                "flat": ModelScore(pass_weight, weight),
                "flat-unweighted": ModelScore(pass_count, count),
                "absolute": ModelScore(0.0 if weighted_fail else (1.0 if complete else None), 1.0),
            }
        ),
    )
