"""A verdict of applicability in words: what decided it, quoting the text, and the library's readings it rests on.

>>> from kz_inspection_checklists.law.subjects import Judgement, Reading, Subject
>>> post = Subject(id="post", name="Postal operator", checklist="c", evidence=())
>>> found = Judgement(verdict="does-not-apply", basis="excluded", decisive=("post",))
>>> reason(found, "the text", [Reading(subject="post", phrase="the postal operator")], (), (), {"post": post})
'the text concerns "the postal operator" (postal operator), which the profile excludes'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

from .subjects import Judgement, Reading, Relation, Subject

__all__ = ["DEFAULT_READING", "reason", "relied_on"]

#: The library's default reading of a requirement whose text names no one.
DEFAULT_READING = (
    "the library's default reading: a requirement whose text names no one concerns every "
    "subject its checklist's title names; the text does not say so"
)


def _label(subject: Optional[Subject], phrase: str) -> str:
    name = subject.name if subject is not None else ""
    name = name[:1].lower() + name[1:]
    return f'"{phrase}" ({name})' if name else f'"{phrase}"'


def _joined(items: Sequence[str], word: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _name(table: Mapping[str, Subject], sid: str) -> str:
    found = table.get(sid)
    name = found.name if found is not None else sid
    return name[:1].lower() + name[1:]


def _relation(relation: Relation, below: str, table: Mapping[str, Subject]) -> str:
    if relation.relation == "broader":
        said = f"every {_name(table, below)} is a {_name(table, relation.subject)}"
    else:
        said = f"no {_name(table, below)} is a {_name(table, relation.subject)}"
    return f"the library's reading that {said}"


def relied_on(found: Judgement, table: Mapping[str, Subject]) -> tuple[str, ...]:
    """The library's readings a verdict rests on, each in words with its note."""
    said: list[str] = []
    if found.basis == "reading":
        said.append("the library's reading of whom this requirement concerns (see its note)")
    if found.basis == "default":
        said.append(DEFAULT_READING)
    for relation in found.relied_on:
        below = next(
            (sid for sid, s in table.items() if any(r is relation for r in s.relations)),
            relation.subject,
        )
        note = f": {relation.note}" if relation.note else ""
        said.append(f"{_relation(relation, below, table)}{note}")
    return tuple(said)


def reason(
    found: Judgement,
    text: str,
    named: Sequence[Reading],
    conditions: Sequence[Reading],
    readings: Sequence[Reading],
    table: Mapping[str, Subject],
) -> str:
    """The verdict in words, quoting the phrases that decided it (``text`` is "the text"
    or "the en text")."""

    def labels(items: Sequence[Reading], only: Sequence[str] = ()) -> list[str]:
        return [
            _label(table.get(r.subject), r.phrase) for r in items if not only or r.subject in only
        ]

    chosen = found.decisive
    also = ""
    if found.read_out:
        also = (
            " (only a reading of the library's, not the words, would exclude it, and a "
            "reading never decides that a requirement does not apply)"
        )
    via = " (by the library's reading of a relation between subjects)" if found.relied_on else ""
    if found.basis == "named":
        return f"{text} concerns {_joined(labels(named, chosen), 'and')}, which the profile includes{via}"
    if found.basis == "excluded":
        which = "which" if len(named) == 1 else "all of which"
        return f"{text} concerns {_joined(labels(named), 'and')}, {which} the profile excludes"
    if found.basis == "named-open":
        all_ = labels(named)
        if len(all_) == 1:
            return f"{text} concerns {all_[0]}; the profile neither includes nor excludes it{also}"
        return (
            f"{text} concerns {_joined(all_, 'or')}; the profile includes none of them and "
            f"does not exclude them all{also}"
        )
    roles = f"{text} concerns {_joined(labels(named), 'or')}, and " if named else f"{text} "
    if found.basis == "condition-unmet":
        return (
            f"{roles}turns on {_joined(labels(conditions), 'or')}, which the profile says the "
            "entity does not meet"
        )
    if found.basis == "condition-open":
        return (
            f"{roles}turns on {_joined(labels(conditions), 'or')}, which the profile leaves "
            f"unknown{also}"
        )
    if found.basis == "condition":
        return (
            f"{text} turns on {_joined(labels(conditions, chosen), 'and')}, which the profile "
            f"says the entity meets{via}"
        )
    if found.basis == "reading":
        return (
            f"{text} names no one; the library reads {_joined(labels(readings, chosen), 'and')} "
            f"as naming whom it concerns, which the profile includes{via}"
        )
    if found.basis == "reading-open":
        return (
            f"{text} names no one; the library reads {_joined(labels(readings), 'and')} as "
            f"naming whom it concerns, which the profile does not include{also}"
        )
    start = f"{text} names no one, so by default the library reads it as concerning every subject of the checklist's title"
    if found.basis == "default":
        phrases = {
            s: next(e.phrase for e in table[s].evidence if e.where == "title") for s in chosen
        }
        first = {phrase: s for s, phrase in reversed(list(phrases.items()))}
        title = [_label(table[s], phrase) for phrase, s in reversed(list(first.items()))]
        return f"{start}; the profile includes {_joined(title, 'and')}{via}"
    return f"{start}; the profile includes none of them"
