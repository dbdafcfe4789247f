"""Subjects of control and the rule: a profile's subjects followed along broader and disjoint, and the verdict.

A subject is a kind of entity (a ``role``), or a ``condition`` an entity meets, that a
checklist's title or a requirement's text names; ``broader`` says what every such
subject is (is-a), ``disjoint`` what no such subject is. Each relation rests either on
the texts' words or on the library's reading (:class:`Relation`). The data is the
editorial layer read by :mod:`.applicability`; here is the rule alone, on any graph of
subjects (:func:`judge`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, Literal, Optional

from pydantic import ConfigDict, Field

from .order import EDITORIAL, Frozen

__all__ = [
    "VERDICTS",
    "Evidence",
    "Judgement",
    "Reading",
    "Relation",
    "Subject",
    "Verdict",
    "closure",
    "graph_problem",
    "judge",
    "upwards",
    "verdict",
]

#: The verdicts, in the order the presenters count them. ``applies-by-default``: the
#: text names no one, and the entity is one of the subjects its checklist's title names;
#: the library reads such a requirement as concerning them, which is a reading, not the
#: text's words, and is kept apart from ``applies``.
VERDICTS = ("applies", "applies-by-default", "does-not-apply", "undetermined")
Verdict = Literal["applies", "applies-by-default", "does-not-apply", "undetermined"]


class Evidence(Frozen):
    """A phrase that names a subject: in a checklist's title, or in a requirement's text."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    where: str = Field(alias="in", description="'title', or the ID of the requirement.")
    phrase: str = Field(description="Verbatim from that title or text.")


class Relation(Frozen):
    """One of a subject's relations, and what it rests on: the texts' words or the library's reading."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    relation: Literal["broader", "disjoint"] = Field(
        description="broader: every such subject is the other; disjoint: none is."
    )
    subject: str = Field(description="The other subject's ID.")
    basis: Literal["words", "reading"] = Field(
        description="words: the phrase quoted says it; reading: the library's reading, "
        "explained in the note (a verdict that needs it says so, and never excludes by it)."
    )
    where: Optional[str] = Field(
        default=None, alias="in", description="For words: 'title' or the requirement ID."
    )
    phrase: Optional[str] = Field(default=None, description="For words: verbatim from there.")
    note: Optional[str] = Field(default=None, description="Why; required for a reading.")


class Subject(Frozen):
    """A subject of control of one checklist: a kind of entity, or a condition it meets."""

    id: str = Field(description=EDITORIAL + " The subject's ID, as profiles name it.")
    name: str = Field(description=EDITORIAL)
    checklist: str = Field(description="The key of the checklist it is a subject of.")
    evidence: tuple[Evidence, ...] = Field(description="The phrases that name it.")
    broader: tuple[str, ...] = Field(default=(), description="What every such subject is.")
    disjoint: tuple[str, ...] = Field(default=(), description="What no such subject is.")
    note: Optional[str] = None
    kind: Literal["role", "condition"] = Field(
        default="role",
        description="role: a kind of entity that a text may name as the one who must "
        "comply; condition: a fact about the entity (a licence, a permission, a fee, a "
        "notification, having subscribers, ...) that a duty turns on.",
    )
    relations: tuple[Relation, ...] = Field(
        default=(),
        description="What each of broader and disjoint rests on; one not listed rests on "
        "the texts' words.",
    )

    @property
    def in_title(self) -> bool:
        """Whether the checklist's title names it."""
        return any(e.where == "title" for e in self.evidence)

    def basis(self, relation: str, other: str) -> Optional[Relation]:
        """The relation to ``other`` of this kind (``None`` if it is not declared here)."""
        if other not in (self.broader if relation == "broader" else self.disjoint):
            return None
        found = next(
            (r for r in self.relations if r.relation == relation and r.subject == other), None
        )
        return found or Relation(relation=relation, subject=other, basis="words")


class Reading(Frozen):
    """One subject a requirement concerns, with the phrase of its text the reading rests on."""

    subject: str
    phrase: str


def graph_problem(table: Mapping[str, Subject]) -> Optional[str]:
    """Why the relations of a checklist's subjects are unusable, or ``None``."""
    for subject in table.values():
        for other in (*subject.broader, *subject.disjoint):
            if other not in table:
                return f"{subject.id!r} relates to {other!r}, which is not declared"
            if other == subject.id:
                return f"{subject.id!r} relates to itself"
        problem = _basis_problem(subject)
        if problem:
            return problem
    state: dict[str, int] = {}

    def cycle(sid: str, path: tuple[str, ...]) -> Optional[str]:
        if state.get(sid) == 1:
            return " -> ".join((*path, sid))
        if state.get(sid) == 2:
            return None
        state[sid] = 1
        for up in table[sid].broader:
            found = cycle(up, (*path, sid))
            if found:
                return found
        state[sid] = 2
        return None

    for sid in table:
        found = cycle(sid, ())
        if found:
            return f"'broader' goes round in a circle: {found}"
    for subject in table.values():
        above = upwards(table, [subject.id])
        for other in subject.disjoint:
            if other in above or subject.id in upwards(table, [other]):
                return f"{subject.id!r} is both disjoint from and related by 'broader' to {other!r}"
    return None


def _basis_problem(subject: Subject) -> Optional[str]:
    """Why a subject's list of what its relations rest on does not fit them, or ``None``."""
    seen: set[tuple[str, str]] = set()
    for relation in subject.relations:
        pair = (relation.relation, relation.subject)
        declared = subject.broader if relation.relation == "broader" else subject.disjoint
        if relation.subject not in declared or pair in seen:
            return (
                f"{subject.id!r} says what its {relation.relation} relation to "
                f"{relation.subject!r} rests on, but declares it not, or twice"
            )
        seen.add(pair)
        if relation.basis == "reading" and not relation.note:
            return (
                f"{subject.id!r}: the reading {relation.relation} {relation.subject!r} has no note"
            )
        if relation.basis == "words" and not (relation.where and relation.phrase):
            return f"{subject.id!r}: {relation.relation} {relation.subject!r} rests on words but quotes none"
    return None


def upwards(
    table: Mapping[str, Subject], start: Iterable[str], *, readings: bool = True
) -> set[str]:
    """The subjects given and every subject broader than one of them (``readings=False``:
    along the relations that rest on the texts' words only)."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        found = table.get(sid)
        if found is not None:
            todo.extend(up for up in found.broader if readings or _words(found, "broader", up))
    return seen


def _words(subject: Subject, relation: str, other: str) -> bool:
    found = subject.basis(relation, other)
    return found is not None and found.basis == "words"


def closure(
    table: Iterable[Subject],
    includes: Iterable[str],
    excludes: Iterable[str],
    *,
    readings: bool = True,
) -> tuple[frozenset[str], frozenset[str]]:
    """The subjects a profile includes and excludes once the relations are followed.

    Included: those it includes and every subject broader than one of them. Excluded:
    those it excludes, every subject disjoint from an included one (``disjoint`` read
    both ways), and every subject narrower than one of these. ``readings=False`` follows
    only the relations that rest on the texts' words, not the library's readings.

    >>> cell = Subject(id="cell", name="Cellular", checklist="c", evidence=(), broader=("op",))
    >>> op = Subject(id="op", name="Operator", checklist="c", evidence=(), disjoint=("post",))
    >>> post = Subject(id="post", name="Postal", checklist="c", evidence=())
    >>> included, excluded = closure([cell, op, post], ["cell"], [])
    >>> sorted(included), sorted(excluded)
    (['cell', 'op'], ['post'])
    """
    subjects = {s.id: s for s in table}
    included = upwards(subjects, includes, readings=readings)
    apart: dict[str, set[str]] = {sid: set() for sid in subjects}
    for subject in subjects.values():
        for other in subject.disjoint:
            if readings or _words(subject, "disjoint", other):
                apart[subject.id].add(other)
                apart.setdefault(other, set()).add(subject.id)
    barred = set(excludes) | {other for sid in included for other in apart.get(sid, ())}
    excluded = {
        sid for sid in subjects if upwards(subjects, [sid], readings=readings) & barred
    } | barred
    return frozenset(included), frozenset(excluded)


def verdict(
    named: Collection[str],
    title: Collection[str],
    included: Collection[str],
    excluded: Collection[str],
) -> Verdict:
    """The verdict for a requirement naming ``named`` (none: the ``title``'s subjects, by default).

    The short form of :func:`judge`, for a requirement with no condition and no recorded
    reading, on sets already closed by :func:`closure` with ``readings=False``. Sets
    closed along the library's readings too (``closure``'s default) may exclude a subject
    by a reading alone, and ``does-not-apply`` would then rest on no words, which
    :func:`judge` never lets happen.

    >>> verdict({"post"}, {"op"}, included={"op"}, excluded={"post"})
    'does-not-apply'
    >>> verdict(set(), {"op", "person"}, included={"op"}, excluded=set())
    'applies-by-default'
    >>> verdict(set(), {"op", "person"}, included=set(), excluded={"op", "person"})
    'undetermined'
    """
    if named:
        if set(named) & set(included):
            return "applies"
        if set(named) <= set(excluded):
            return "does-not-apply"
        return "undetermined"
    return "applies-by-default" if set(title) & set(included) else "undetermined"


class Judgement(Frozen):
    """A verdict, what decided it, and the library's readings it rests on."""

    verdict: Verdict
    basis: Literal[
        "named",
        "named-open",
        "excluded",
        "reading",
        "reading-open",
        "condition",
        "condition-unmet",
        "condition-open",
        "default",
        "default-open",
    ] = Field(
        description="named: a subject the text names, which the profile includes; "
        "named-open: the profile neither includes nor excludes them (by the words); "
        "excluded: it excludes every one; reading: a reading recorded for the requirement, "
        "whose subject the profile includes; reading-open: one it does not include; "
        "condition: a condition the duty turns on, which the profile says the entity meets; "
        "condition-unmet: says it meets none; condition-open: leaves unknown; default: the "
        "text names no one and the profile includes a subject of the title; default-open: "
        "it includes none."
    )
    decisive: tuple[str, ...] = Field(description="The subjects that decided it.")
    relied_on: tuple[Relation, ...] = Field(
        default=(), description="The relations read by the library that the verdict follows."
    )
    read_out: tuple[str, ...] = Field(
        default=(),
        description="For an undetermined one: the subjects it names that only the library's "
        "reading of a relation would exclude (a reading never decides does-not-apply).",
    )


def _path(
    table: Mapping[str, Subject], includes: Iterable[str], target: str
) -> tuple[Relation, ...]:
    """The relations read by the library on the way up from an included subject to
    ``target`` (none where the words alone lead there)."""
    if target in upwards(table, includes, readings=False):
        return ()
    todo: list[tuple[str, tuple[Relation, ...]]] = [(sid, ()) for sid in includes]
    seen: set[str] = set()
    while todo:
        sid, path = todo.pop(0)
        if sid == target:
            return tuple(r for r in path if r.basis == "reading")
        if sid in seen or sid not in table:
            continue
        seen.add(sid)
        for up in table[sid].broader:
            found = table[sid].basis("broader", up)
            assert found is not None
            todo.append((up, (*path, found)))
    return ()


def judge(
    table: Mapping[str, Subject],
    *,
    named: Collection[str] = (),
    conditions: Collection[str] = (),
    readings: Collection[str] = (),
    title: Collection[str] = (),
    includes: Collection[str] = (),
    excludes: Collection[str] = (),
) -> Judgement:
    """Whether a requirement concerns the entity a profile describes.

    ``named`` are the roles the requirement's text names as the one who must comply,
    ``conditions`` the facts its duty turns on (alternatives each), ``readings`` the
    subjects a reading recorded for it names, ``title`` the subjects of its checklist's
    title; ``includes`` and ``excludes`` the profile's. In this order:

    - ``does-not-apply`` only on the words: the profile excludes every condition, or every
      named role, by the relations that rest on the texts' words;
    - ``undetermined`` where a condition is neither met nor excluded: a fact the profile
      leaves unknown;
    - named roles: ``applies`` if the profile includes one (through the library's
      readings of the relations, if need be: :attr:`Judgement.relied_on` names them),
      else ``undetermined``;
    - a recorded reading: ``applies`` if the profile includes a subject it names, else
      ``undetermined``; never ``does-not-apply``;
    - a condition met decides alone: ``applies``;
    - the text names no one: ``applies-by-default`` if the profile includes a subject of
      the title, else ``undetermined``.

    >>> op = Subject(id="op", name="Operator", checklist="c", evidence=())
    >>> lic = Subject(id="lic", name="Licensed", checklist="c", evidence=(), kind="condition")
    >>> table = {"op": op, "lic": lic}
    >>> judge(table, named=["op"], conditions=["lic"], includes=["op"]).verdict
    'undetermined'
    >>> judge(table, conditions=["lic"], excludes=["lic"]).verdict
    'does-not-apply'
    >>> judge(table, title=["op"], includes=["op", "lic"]).verdict
    'applies-by-default'
    """
    subjects = table.values()
    words_in, words_out = closure(subjects, includes, excludes, readings=False)
    all_in, all_out = closure(subjects, includes, excludes)

    def judged(found: Verdict, basis: Any, decisive: Iterable[str]) -> Judgement:
        chosen = tuple(decisive)
        if found in ("applies", "applies-by-default"):
            steps = [r for sid in chosen for r in _path(table, includes, sid)]
            steps += [
                r
                for sid in conditions
                if sid in all_in and sid not in words_in
                for r in _path(table, includes, sid)
            ]
            return Judgement(
                verdict=found,
                basis=basis,
                decisive=chosen,
                relied_on=tuple(dict.fromkeys(steps)),
            )
        named_or_read = (*named, *conditions, *readings)
        read_out = tuple(sid for sid in named_or_read if sid in all_out and sid not in words_out)
        return Judgement(verdict=found, basis=basis, decisive=chosen, read_out=read_out)

    def best(candidates: Collection[str]) -> list[str]:
        by_words = [sid for sid in candidates if sid in words_in]
        return by_words or [sid for sid in candidates if sid in all_in]

    if conditions and all(sid in words_out for sid in conditions):
        return judged("does-not-apply", "condition-unmet", conditions)
    if named and all(sid in words_out for sid in named):
        return judged("does-not-apply", "excluded", named)
    met = best(conditions)
    if conditions and not met:
        return judged("undetermined", "condition-open", conditions)
    if named:
        chosen = best(named)
        if chosen:
            return judged("applies", "named", chosen)
        return judged("undetermined", "named-open", named)
    if readings:
        chosen = best(readings)
        if chosen:
            return judged("applies", "reading", chosen)
        return judged("undetermined", "reading-open", readings)
    if met:
        return judged("applies", "condition", met)
    chosen = best(title)
    if chosen:
        return judged("applies-by-default", "default", chosen)
    return judged("undetermined", "default-open", title)
