"""Subjects of control and the rule: a profile's subjects followed along broader and disjoint, and the verdict.

A subject is a kind of entity, or a condition an entity meets, that a checklist's title
or a requirement's text names; ``broader`` says what every such subject is (is-a),
``disjoint`` what no such subject is. The data is the editorial layer read by
:mod:`.applicability`; here is the rule alone, on any graph of subjects.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Literal, Optional

from pydantic import ConfigDict, Field

from .order import EDITORIAL, Frozen

__all__ = [
    "VERDICTS",
    "Evidence",
    "Reading",
    "Subject",
    "Verdict",
    "closure",
    "graph_problem",
    "upwards",
    "verdict",
]

#: The verdicts, in the order the presenters count them.
VERDICTS = ("applies", "does-not-apply", "undetermined")
Verdict = Literal["applies", "does-not-apply", "undetermined"]


class Evidence(Frozen):
    """A phrase that names a subject: in a checklist's title, or in a requirement's text."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    where: str = Field(alias="in", description="'title', or the ID of the requirement.")
    phrase: str = Field(description="Verbatim from that title or text.")


class Subject(Frozen):
    """A subject of control of one checklist: a kind of entity, or a condition it meets."""

    id: str = Field(description=EDITORIAL + " The subject's ID, as profiles name it.")
    name: str = Field(description=EDITORIAL)
    checklist: str = Field(description="The key of the checklist it is a subject of.")
    evidence: tuple[Evidence, ...] = Field(description="The phrases that name it.")
    broader: tuple[str, ...] = Field(default=(), description="What every such subject is.")
    disjoint: tuple[str, ...] = Field(default=(), description="What no such subject is.")
    note: Optional[str] = None

    @property
    def in_title(self) -> bool:
        """Whether the checklist's title names it."""
        return any(e.where == "title" for e in self.evidence)


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


def upwards(table: Mapping[str, Subject], start: Iterable[str]) -> set[str]:
    """The subjects given and every subject broader than one of them."""
    seen: set[str] = set()
    todo = list(start)
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        found = table.get(sid)
        if found is not None:
            todo.extend(found.broader)
    return seen


def closure(
    table: Iterable[Subject], includes: Iterable[str], excludes: Iterable[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The subjects a profile includes and excludes once the relations are followed.

    Included: those it includes and every subject broader than one of them. Excluded:
    those it excludes, every subject disjoint from an included one (``disjoint`` read
    both ways), and every subject narrower than one of these.

    >>> cell = Subject(id="cell", name="Cellular", checklist="c", evidence=(), broader=("op",))
    >>> op = Subject(id="op", name="Operator", checklist="c", evidence=(), disjoint=("post",))
    >>> post = Subject(id="post", name="Postal", checklist="c", evidence=())
    >>> included, excluded = closure([cell, op, post], ["cell"], [])
    >>> sorted(included), sorted(excluded)
    (['cell', 'op'], ['post'])
    """
    subjects = {s.id: s for s in table}
    included = upwards(subjects, includes)
    apart: dict[str, set[str]] = {sid: set() for sid in subjects}
    for subject in subjects.values():
        for other in subject.disjoint:
            apart[subject.id].add(other)
            apart.setdefault(other, set()).add(subject.id)
    barred = set(excludes) | {other for sid in included for other in apart.get(sid, ())}
    excluded = {sid for sid in subjects if upwards(subjects, [sid]) & barred} | barred
    return frozenset(included), frozenset(excluded)


def verdict(
    named: Collection[str],
    title: Collection[str],
    included: Collection[str],
    excluded: Collection[str],
) -> Verdict:
    """The verdict for a requirement naming ``named`` (none: the ``title``'s subjects).

    >>> verdict({"post"}, {"op"}, included={"op"}, excluded={"post"})
    'does-not-apply'
    >>> verdict(set(), {"op", "person"}, included=set(), excluded={"op"})
    'undetermined'
    """
    pool = set(named) or set(title)
    if pool & set(included):
        return "applies"
    if pool and pool <= set(excluded):
        return "does-not-apply"
    return "undetermined"
