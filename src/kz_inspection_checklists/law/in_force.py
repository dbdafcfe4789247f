"""Which edition was in force on a date, from what the sources state and nothing else.

:func:`as_of` answers "which edition was in force on this day?" from
what the sources state. Both acts take effect "upon expiry of ten
calendar days after the day of [their] first official publication", and the sources
give neither publication date. So the library knows only lower bounds: an act cannot
be published before it is dated and registered. Where those bounds settle the
question, :func:`as_of` answers; where they do not, it raises
:class:`~kz_inspection_checklists.exceptions.AmbiguousDateError` naming the editions
that are possible and the missing fact that would decide it. A caller who knows a
publication date (or an effective date) passes it, and :func:`as_of` then answers.

*Day counting.* The ten calendar days start on the day after the day of publication
and expire at the end of the tenth; the act is in force from the eleventh day after
publication: published on 1 June, in force from 12 June (:func:`effective_from`).

>>> import datetime
>>> as_of("2019-06-10")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.NotInForceError: on 2019-06-10 no edition of the order was in force: act 'original' (No. 114/НҚ of June 4, 2019 and No. 52 of June 6, 2019) takes effect no earlier than 2019-06-18 (eleven days after the earliest day it can have been published, 2019-06-07, the day it was registered)
>>> as_of("2024-01-01", published={"original": datetime.date(2019, 6, 10)})
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.AmbiguousDateError: the sources cannot settle which edition was in force on 2024-01-01: it was 2019-original or 2023-revision. It turns on the first official publication date of act 'amendment-2023-05-23' (No. 104/NK of 23.05.2023 and No. 76 of 23.05.2023), which the sources do not give; the act takes effect upon expiry of ten calendar days after that day, so no earlier than 2023-06-03. If you know it, pass published={'amendment-2023-05-23': DATE} (command line: --published amendment-2023-05-23=YYYY-MM-DD)
>>> as_of("2024-01-01", published={"original": datetime.date(2019, 6, 10),
...                                "amendment-2023-05-23": datetime.date(2023, 6, 1)}).id
'2023-revision'
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional, Union

from .._suggest import shown
from ..exceptions import (
    AmbiguousDateError,
    DataFileError,
    InvalidInputError,
    NotInForceError,
    UnknownNameError,
)
from .edition import Edition
from .order import Act
from .store import EditionRef, Law, bundled, law_of

__all__ = [
    "ActDates",
    "act_dates",
    "as_of",
    "earliest_in_force",
    "effective_from",
    "parse_date",
]

DateLike = Union[datetime.date, str]


def parse_date(value: DateLike, *, what: str = "date") -> datetime.date:
    """A date from a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string.

    >>> parse_date("2023-06-03")
    datetime.date(2023, 6, 3)
    >>> parse_date("3.6.2023")
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: the date '3.6.2023' is not a date in the form YYYY-MM-DD (e.g. 2023-06-03)
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    message = f"the {what} {shown(value)} is not a date in the form YYYY-MM-DD (e.g. 2023-06-03)"
    if not isinstance(value, str):
        raise InvalidInputError(message)
    text = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InvalidInputError(message) from None


def effective_from(published: datetime.date, days: int = 10) -> datetime.date:
    """The first day in force of an act published on ``published`` under a days rule.

    By the rule "upon expiry of ten calendar days after the day of its first official
    publication" (``days`` 10), days 1 to 10 after the day of publication are the ten
    calendar days; they expire at the end of the tenth, so the act is in force from the
    eleventh.

    A publication so late that its first day in force would fall after the last day
    a date can name (9999-12-31) is refused with
    :class:`~kz_inspection_checklists.exceptions.InvalidInputError`.

    >>> effective_from(datetime.date(2023, 6, 1))
    datetime.date(2023, 6, 12)
    >>> effective_from(datetime.date(9999, 12, 25))
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: a text published on 9999-12-25 would be in force from a day after 9999-12-31, the last day a date can name; check the date
    """
    try:
        return published + datetime.timedelta(days=days + 1)
    except OverflowError:
        raise InvalidInputError(
            f"a text published on {published.isoformat()} would be in force from a day "
            f"after {datetime.date.max.isoformat()}, the last day a date can name; check "
            "the date"
        ) from None


@dataclass(frozen=True)
class ActDates:
    """What is known of when one act took effect.

    ``effective`` is the first day in force where it is known (stated by a source or
    supplied by the caller), else ``None``; ``earliest`` is the earliest day it can
    be, from the dates the sources give; ``basis`` says how each was reached.
    """

    act: str
    earliest: datetime.date
    effective: Optional[datetime.date]
    basis: str

    def possibly_in_force(self, day: datetime.date) -> bool:
        """Whether the act may have been in force on ``day``."""
        return day >= (self.effective or self.earliest)

    def surely_in_force(self, day: datetime.date) -> bool:
        """Whether the act was certainly in force on ``day`` (given it was ever made so)."""
        return self.effective is not None and day >= self.effective


_WORDS = [
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "twenty-one",
]


_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
]


def _words(number: int) -> str:
    """A small number in words, as the sources write them ("ten calendar days")."""
    return _WORDS[number] if 0 < number < len(_WORDS) else str(number)


def _ordinal(number: int) -> str:
    """A small ordinal in words ("the eleventh day"), a larger one in digits ("22nd")."""
    if 0 < number < len(_ORDINALS):
        return _ORDINALS[number]
    if number % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _stated_dates(act: Act) -> tuple[datetime.date, str]:
    """The earliest day the act can have been published, and why."""
    dated = [(i.date.date, "dated") for i in act.issuers if i.date.date]
    if act.registration and act.registration.date.date:
        dated.append((act.registration.date.date, "registered"))
    if not dated:
        raise DataFileError(f"act {act.id!r} has no date; the bundled data is incomplete")
    day, how = max(dated)
    return day, f"the day it was {how}"


def act_dates(
    *,
    published: Optional[Mapping[str, DateLike]] = None,
    effective: Optional[Mapping[str, DateLike]] = None,
    law: Optional[Law] = None,
) -> tuple[ActDates, ...]:
    """When each act of the order took effect, as far as the sources and the caller say.

    ``published`` maps act IDs to the day of first official publication, ``effective``
    to the first day in force; each supplied date is checked against the sources.

    >>> [(d.act, d.earliest.isoformat(), d.effective) for d in act_dates()]
    [('original', '2019-06-18', None), ('amendment-2023-05-23', '2023-06-03', None)]
    >>> act_dates(published={"amendment-2023-05-23": "2023-05-20"})
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.InvalidInputError: act 'amendment-2023-05-23' cannot have been published on 2023-05-20: that is before the day it was dated, 2023-05-23
    """
    acts = (law or bundled()).order.acts
    known = {a.id for a in acts}
    supplied_published = _checked_keys(_date_mapping(published, "published"), known, "published")
    supplied_effective = _checked_keys(_date_mapping(effective, "effective"), known, "effective")
    result: list[ActDates] = []
    for act in acts:
        floor, why = _stated_dates(act)
        days = act.entry_into_force.days_after_publication
        earliest = effective_from(floor, days) if days is not None else floor
        basis = (
            f"{_words(days + 1)} days after the earliest day it can have been published, "
            f"{floor.isoformat()}, {why}"
            if days is not None
            else f"{why}, {floor.isoformat()}"
        )
        earliest_basis = basis  # why ``earliest``; ``basis`` may turn to a date given
        pub = supplied_published.get(act.id) or act.entry_into_force.publication_date
        eff = supplied_effective.get(act.id) or act.entry_into_force.date
        if pub is not None:
            if pub < floor:
                raise InvalidInputError(
                    f"act {act.id!r} cannot have been published on {pub.isoformat()}: that "
                    f"is before {why}, {floor.isoformat()}"
                )
            if days is None:
                raise InvalidInputError(
                    f"act {act.id!r} takes effect by the rule {act.entry_into_force.rule!r}, "
                    "which a publication date does not settle; give its effective date"
                )
            try:
                from_publication = effective_from(pub, days)
            except InvalidInputError as error:
                raise InvalidInputError(f"act {act.id!r}: {error}") from None
            if eff is not None and eff != from_publication:
                raise InvalidInputError(
                    f"act {act.id!r}: published on {pub.isoformat()}, it is in force from "
                    f"{from_publication.isoformat()} ({_words(days)} calendar days expire at the "
                    f"end of the last of them), not {eff.isoformat()}"
                )
            eff = from_publication
            basis = (
                f"published on {pub.isoformat()}; in force from the {_ordinal(days + 1)} day after"
            )
        elif eff is not None:
            basis = f"in force from {eff.isoformat()}"
        if eff is not None and eff < earliest:
            raise InvalidInputError(
                f"act {act.id!r} cannot have taken effect on {eff.isoformat()}: the "
                f"earliest it can is {earliest.isoformat()} ({earliest_basis})"
            )
        result.append(ActDates(act.id, earliest, eff, basis))
    known_days = [(d.act, d.effective) for d in result if d.effective is not None]
    for (first, day), (then, later) in zip(known_days, known_days[1:]):
        if later < day:
            raise InvalidInputError(
                f"act {then!r} would take effect on {later.isoformat()}, before act "
                f"{first!r} which it amends ({day.isoformat()}); check the dates given"
            )
    return tuple(result)


def _checked_keys(
    given: Mapping[str, DateLike], known: set[str], what: str
) -> dict[str, datetime.date]:
    checked = {}
    for act_id, value in given.items():
        if not isinstance(act_id, str):  # and maybe unhashable: no look-up in a set
            raise InvalidInputError(
                f"{what}: an act is named by its ID (a string), one of "
                f"{', '.join(sorted(known))}; got {type(act_id).__name__} {shown(act_id)}"
            )
        if act_id not in known:
            raise UnknownNameError(
                f"unknown act {act_id!r} among the {what} dates given; the acts are "
                f"{', '.join(sorted(known))}",
                kind="act",
                name=act_id,
                candidates=sorted(known),
            )
        checked[act_id] = parse_date(value, what=f"{what} date of act {act_id!r}")
    return checked


def as_of(
    day: DateLike,
    *,
    published: Optional[Mapping[str, DateLike]] = None,
    effective: Optional[Mapping[str, DateLike]] = None,
    law: Optional[Law] = None,
) -> Edition:
    """The edition in force on ``day``, or an error saying why it cannot be told.

    ``law`` is the order asked about (default: the bundled one).

    ``published`` and ``effective`` supply dates the sources do not give (see
    :func:`act_dates`). Raises :class:`NotInForceError` when the order is surely not
    yet in force on ``day`` (then no later edition can be either), and
    :class:`AmbiguousDateError` where the known bounds allow more than one answer,
    naming every missing date that leaves an answer open. Answers reflect the acts
    this release knows of.

    An act that amends the order takes effect no earlier than the act it amends (the
    rule :func:`act_dates` applies to dates given). So a known date bounds the acts
    around it: an amendment known to be in force means the order was in force too.

    >>> as_of("2024-01-01", effective={"amendment-2023-05-23": "2023-06-12"}).id
    '2023-revision'
    >>> as_of("2024-01-01", published={"original": "2025-06-10"})
    Traceback (most recent call last):
        ...
    kz_inspection_checklists.exceptions.NotInForceError: on 2024-01-01 no edition of the order was in force: act 'original' (No. 114/НҚ of June 4, 2019 and No. 52 of June 6, 2019) takes effect on 2025-06-21 (published on 2025-06-10; in force from the eleventh day after)
    """
    wanted = parse_date(day)
    law = law or bundled()
    dates = act_dates(published=published, effective=effective, law=law)
    acts = {a.id: a for a in law.order.acts}
    made_by = {item.act: item for item in law.editions()}
    # Bounds of each act's first day in force: from the sources and the dates given, and
    # from its neighbours, since no act takes effect before the one it amends.
    low: list[datetime.date] = []
    for index, known in enumerate(dates):
        floor = known.effective or known.earliest
        if index and floor < low[-1]:
            if known.effective is not None:
                raise InvalidInputError(
                    f"act {known.act!r} would take effect on {floor.isoformat()}, before act "
                    f"{dates[index - 1].act!r} which it amends can (no earlier than "
                    f"{low[-1].isoformat()}); check the dates given"
                )
            floor = low[-1]
        low.append(floor)
    high: list[Optional[datetime.date]] = []
    bound: Optional[datetime.date] = None
    for known in reversed(dates):
        if known.effective is not None:
            bound = known.effective
        high.append(bound)
    high.reverse()
    # The acts in force on a day are a prefix of the chain; its length is the answer.
    surely = sum(1 for top in high if top is not None and top <= wanted)
    possibly = sum(1 for floor in low if floor <= wanted)
    if possibly == 0:
        first = dates[0]
        when = (
            f"takes effect on {first.effective.isoformat()} ({first.basis})"
            if first.effective
            else f"takes effect no earlier than {first.earliest.isoformat()} ({first.basis})"
        )
        raise NotInForceError(
            f"on {wanted.isoformat()} no edition of the order was in force: act "
            f"{first.act!r} ({acts[first.act].label}) {when}"
        )
    possible = [
        None if n == 0 else _made_by(made_by, dates[n - 1].act) for n in range(surely, possibly + 1)
    ]
    if len(possible) == 1:
        found = possible[0]
        assert found is not None  # possibly >= 1, so one act at least is in force
        return found
    # Between two neighbouring possibilities, the later one's act decides: every act
    # that may or may not be in force on the day has an unknown date.
    deciding = [(k, dates[k], low[k], high[k]) for k in range(surely, possibly)]
    names = ["no edition (the order not yet in force)" if e is None else e.id for e in possible]
    facts = []
    missing = []
    by_publication = []
    by_effect = []
    for index, known, floor, top in deciding:
        act = acts[known.act]
        later = f" and no later than {top.isoformat()}" if top is not None else ""
        if floor > known.earliest:  # raised by the act it amends
            later += f" (not before act {dates[index - 1].act!r}, which it amends)"
        days = act.entry_into_force.days_after_publication
        if days is not None:
            by_publication.append(known.act)
            missing.append(f"first official publication date of act {known.act!r}")
            facts.append(
                f"the first official publication date of act {known.act!r} ({act.label}), "
                f"which the sources do not give; the act takes effect upon expiry of "
                f"{_words(days)} calendar days after that day, so no earlier than "
                f"{floor.isoformat()}{later}"
            )
        else:
            by_effect.append(known.act)
            missing.append(f"effective date of act {known.act!r}")
            facts.append(
                f"the date act {known.act!r} ({act.label}) took effect, which the sources "
                f"do not give (no earlier than {floor.isoformat()}{later})"
            )
    supply = []
    options = []
    if by_publication:
        supply.append("published={" + ", ".join(f"{a!r}: DATE" for a in by_publication) + "}")
        options += [f"--published {a}=YYYY-MM-DD" for a in by_publication]
    if by_effect:
        supply.append("effective={" + ", ".join(f"{a!r}: DATE" for a in by_effect) + "}")
        options += [f"--effective {a}=YYYY-MM-DD" for a in by_effect]
    raise AmbiguousDateError(
        f"the sources cannot settle which edition was in force on {wanted.isoformat()}: it "
        f"was {' or '.join(names)}. It turns on {'; and '.join(facts)}. "
        f"If you know {'it' if len(deciding) == 1 else 'them'}, pass "
        f"{' and '.join(supply)} (command line: {' '.join(options)})",
        possible=tuple(None if e is None else e.id for e in possible),
        missing=tuple(missing),
    )


def earliest_in_force(item: EditionRef, *, law: Optional[Law] = None) -> Optional[datetime.date]:
    """The earliest day an edition can have been in force, from what the sources state.

    The lower bound :func:`as_of` works with: the first day in force of the act that
    made the edition where a source states it, else the earliest day that act can take
    effect (see :func:`act_dates`), and never before the acts it amends can. The edition
    may well have taken effect later: this is a bound, not a date. ``None`` for an
    edition made by an act this release does not know. ``law`` is the order's data the
    edition belongs to (default: the one it came from, or the bundled one).

    >>> earliest_in_force("2023").isoformat(), earliest_in_force("2019").isoformat()
    ('2023-06-03', '2019-06-18')
    """
    if law is None:
        law = law_of(item) if isinstance(item, Edition) else bundled()
    chosen = law.edition(item)
    return _floors(law).get(chosen.act)


@functools.lru_cache(maxsize=8)
def _floors(law: Law) -> dict[str, datetime.date]:
    """Each act's lower bound, as :func:`as_of` computes it with no dates given."""
    floors: dict[str, datetime.date] = {}
    low: Optional[datetime.date] = None
    for known in act_dates(law=law):
        floor = known.effective or known.earliest
        low = floor if low is None else max(low, floor)
        floors[known.act] = low
    return floors


def _made_by(editions: Mapping[str, Edition], act: str) -> Edition:
    found = editions.get(act)
    if found is None:
        raise DataFileError(f"no bundled edition is made by act {act!r}; the data is incomplete")
    return found


def _date_mapping(given: Optional[Mapping[str, DateLike]], what: str) -> Mapping[str, DateLike]:
    if given is None:
        return {}
    if isinstance(given, Mapping):
        return given
    raise InvalidInputError(
        f"{what}: expected a mapping of act IDs to dates, e.g. "
        f"{{'original': '2019-06-10'}}, got {type(given).__name__} {shown(given)}"
    )
