"""Applicability: whom each requirement concerns, from the words of its own text, judged for a profile of an entity.

The data is an editorial layer, ``editorial/applicability.json`` (read with
:meth:`~.store.Law.editorial`): the library's reading of the texts, not the law's.

- A **subject** of control is a kind of entity, or a condition an entity meets, that a
  checklist's title or a requirement's text names (``telecom-operator``,
  ``radio-spectrum-user``), with the phrases that name it (its evidence), and its
  relations: ``broader`` (is-a: a long-distance telecommunications operator is a
  telecom operator) and ``disjoint`` (never the same entity: the library reads a postal
  operator as never a telecom operator), each resting on the words or on a reading.
- Each requirement has the roles its own text names as the one who must comply
  (``subjects``), each with its **evidence**, the exact phrase of that text that names
  it; the **conditions** its duty turns on (a licence, a permission, a fee, a
  notification, having subscribers, ...), each with its phrase; and, where the text names
  no one but its words decide who, a **reading** recorded with a note, shown as the
  library's. Where the text names no one, the library may add an **inferred** reading,
  from what the text is about: a suggestion for a human, never used to decide a verdict.
- A **profile** describes one kind of entity: the subjects it is or conditions it meets
  (``includes``) and those it certainly is not or does not meet (``excludes``);
  anything else is unknown. The library ships some (:func:`profiles`); a user may write
  one as a file (:func:`profile`).

The rule (:func:`~.subjects.judge`). A profile includes every subject broader than one
it includes; it excludes every subject it excludes, every subject narrower than an
excluded one, and every subject disjoint from one it includes. Each relation rests on the
texts' words or on the library's reading; a reading may make a requirement apply, and
the result says so, but never makes one not apply. For one requirement:

- ``does-not-apply`` if the profile excludes, by the words, every condition its duty
  turns on or every role its text names;
- ``undetermined`` if a condition is neither met nor excluded: the profile leaves the
  fact unknown;
- ``applies`` if the profile includes a role the text names, or a subject a reading
  recorded for it names, or (where the text names no one) meets a condition;
- ``applies-by-default`` if the text names no one and the profile includes a subject of
  the checklist's title: the library's default reading, kept apart from ``applies``;
- ``undetermined`` otherwise: a human decides.

A profile file is JSON: ``{"profile": {"id": ..., "title": ..., "description": ...,
"extends": ..., "checklists": [...], "includes": [...], "excludes": [...], "note":
...}}``; only ``includes`` or ``excludes`` (or ``extends``, a shipped profile whose
subjects it starts from) is needed. ``id`` defaults to the file's name without
``.json``; ``checklists`` to those of ``extends``, else to every checklist that declares
a subject the file names.

The evidence phrases are quoted from the text the data was read from (its language is
:attr:`RequirementApplicability.language`); for a text in another language the verdict
is the same, by ID, and :attr:`RequirementApplicability.quoted` is false.

>>> results = applicability("communications", "mobile-operator")
>>> [(r.id, r.verdict) for r in results if r.id in ("COM-011", "COM-063")]
[('COM-011', 'applies'), ('COM-063', 'does-not-apply')]
>>> postal = results[62]
>>> postal.subjects, postal.evidence
(('postal-operator',), ("the postal operator's requirements",))
>>> postal.reason
'the text concerns "the postal operator\\'s requirements" (postal operator), which the profile excludes'
>>> profile("mobile-operatr")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.UnknownNameError: unknown profile 'mobile-operatr'; the profiles are: ...; did you mean 'mobile-operator'?
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Literal, Optional, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError

from .._files import read_input, read_json
from .._suggest import closest, shown
from .._text import number, unsafe_in
from ..exceptions import DataFileError, InvalidInputError, UnknownNameError
from .edition import Checklist, Requirement
from .order import Frozen
from .reasons import reason, relied_on
from .store import EditionRef, Law, bundled, law_of
from .subjects import (
    VERDICTS,
    Evidence,
    Reading,
    Relation,
    Subject,
    Verdict,
    closure,
    graph_problem,
    judge,
    verdict,
)

__all__ = [
    "LAYER",
    "VERDICTS",
    "Evidence",
    "Profile",
    "ProfileRef",
    "Reading",
    "Relation",
    "RequirementApplicability",
    "Subject",
    "applicability",
    "closure",
    "is_profile_file",
    "profile",
    "profile_names",
    "profiles",
    "subjects",
    "verdict",
]

#: The name of the editorial layer that holds the data.
LAYER = "applicability"


class _Entry(Frozen):
    subjects: tuple[Reading, ...] = ()
    conditions: tuple[Reading, ...] = ()
    readings: tuple[Reading, ...] = ()
    inferred: tuple[Reading, ...] = ()
    note: Optional[str] = None


class _SubjectData(Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str
    name: str
    kind: Literal["role", "condition"] = "role"
    evidence: tuple[Evidence, ...]
    broader: tuple[str, ...] = ()
    disjoint: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()
    note: Optional[str] = None


class Profile(Frozen):
    """One kind of entity: the subjects it is (``includes``) and certainly is not (``excludes``)."""

    id: str = Field(description="The profile's name, e.g. 'mobile-operator'.")
    title: str
    description: str = ""
    checklists: tuple[str, ...] = Field(description="The checklists it is a profile for.")
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    note: Optional[str] = None
    source: Optional[str] = Field(
        default=None, description="The name of the file it was read from; None if shipped."
    )

    @property
    def ref(self) -> str:
        """How a record names it: the shipped profile's ID, or the file's name."""
        return self.source or self.id


class _ProfileData(Frozen):
    title: str
    description: str = ""
    checklists: tuple[str, ...]
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    note: Optional[str] = None


class _ProfileFileBody(Frozen):
    id: Optional[str] = Field(default=None, min_length=1)
    title: Optional[str] = None
    description: str = ""
    extends: Optional[str] = None
    checklists: Optional[tuple[str, ...]] = None
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    note: Optional[str] = None


class _ProfileFile(Frozen):
    profile: _ProfileFileBody


class RequirementApplicability(Frozen):
    """Whether one requirement concerns the entity a profile describes, and why."""

    id: str = Field(description="The requirement ID.")
    verdict: Verdict = Field(
        description="applies, applies-by-default (the text names no one; the library's "
        "default reading that it concerns every subject of the checklist's title), "
        "does-not-apply or undetermined."
    )
    subjects: tuple[str, ...] = Field(
        description="The roles the requirement's text names as the one who must comply "
        "(none: see conditions, readings, and the checklist's title)."
    )
    evidence: tuple[str, ...] = Field(description="The phrase naming each subject, in order.")
    inferred: tuple[Reading, ...] = Field(
        description="The library's reading where the text names no one: a suggestion only."
    )
    note: Optional[str] = Field(description="Where a human reading was needed.")
    reason: str = Field(description="The verdict in words, quoting the evidence.")
    language: str = Field(description="The language of the text the phrases are quoted from.")
    quoted: bool = Field(description="Whether every phrase is in this requirement's text.")
    conditions: tuple[Reading, ...] = Field(
        default=(),
        description="The conditions the requirement's duty turns on (a licence, a "
        "permission, a fee, a notification, ...), each with the phrase that names it; they "
        "decide only where the profile states them.",
    )
    readings: tuple[Reading, ...] = Field(
        default=(),
        description="The library's reading, recorded with the note, of whom a text that "
        "names no one concerns; it may make the requirement apply, shown as the library's.",
    )
    basis: str = Field(
        default="", description="What decided the verdict (law.subjects.Judgement.basis)."
    )
    relied_on: tuple[str, ...] = Field(
        default=(),
        description="The library's readings (not the text's words) the verdict rests on, "
        "each in words with its note; empty where the words and the profile decide alone.",
    )


#: What names a profile: a shipped profile's ID, a profile file's path, or a Profile.
ProfileRef = Union[str, PurePath, Profile]


# --- the data ------------------------------------------------------------------------------


class _Data:
    """The layer of one Law, read into models and checked once."""

    def __init__(self, law: Law) -> None:
        layer = law.editorial(LAYER)
        where = f"{law.what}: editorial/{LAYER}.json"
        extra = dict(layer.extra)
        try:
            self.language: str = TypeAdapter(str).validate_python(extra.get("language"))
            self.entries = TypeAdapter(dict[str, _Entry]).validate_python(dict(layer.entries))
            tables = TypeAdapter(dict[str, tuple[_SubjectData, ...]]).validate_python(
                extra.get("subjects")
            )
            shipped = TypeAdapter(dict[str, _ProfileData]).validate_python(extra.get("profiles"))
        except ValidationError as error:
            first = error.errors()[0]
            at = ".".join(str(p) for p in first["loc"])
            raise DataFileError(
                f"{where} is not in the expected shape at {at}: {first['msg']}; {law.fix}"
            ) from None
        keys = [spec.key for spec in law.order.checklists]
        self.subjects: dict[str, dict[str, Subject]] = {}
        for key, table in tables.items():
            if key not in keys:
                raise DataFileError(f"{where} declares subjects of no checklist {key!r}")
            self.subjects[key] = {
                s.id: Subject(checklist=key, **s.model_dump(by_alias=False)) for s in table
            }
            if len(self.subjects[key]) != len(table):
                raise DataFileError(f"{where} declares a subject of {key!r} twice")
            problem = graph_problem(self.subjects[key])
            if problem:
                raise DataFileError(f"{where}: checklist {key!r}: {problem}; {law.fix}")
        for rid, entry in self.entries.items():
            issued = law.registry.get(rid)
            key = issued.checklist if issued is not None else ""
            declared = self.subjects.get(key, {})
            for reading in (*entry.subjects, *entry.inferred):
                if reading.subject not in declared:
                    raise DataFileError(
                        f"{where}: {rid} names the subject {reading.subject!r}, which checklist "
                        f"{key!r} does not declare; {law.fix}"
                    )
            for reading in (*entry.conditions, *entry.readings):
                if reading.subject not in declared:
                    raise DataFileError(
                        f"{where}: {rid} names the subject {reading.subject!r}, which checklist "
                        f"{key!r} does not declare; {law.fix}"
                    )
            for reading in entry.subjects:
                if declared[reading.subject].kind != "role":
                    raise DataFileError(
                        f"{where}: {rid} names the condition {reading.subject!r} as a subject; "
                        f"list it under 'conditions'; {law.fix}"
                    )
            if (entry.inferred or entry.readings) and not entry.note:
                raise DataFileError(f"{where}: {rid} has a reading of the library's and no note")
            if entry.readings and entry.subjects:
                raise DataFileError(
                    f"{where}: {rid} has both named subjects and a reading; a reading is for a "
                    f"text that names no one; {law.fix}"
                )
        self.profiles: dict[str, Profile] = {}
        for name, data in shipped.items():
            made = Profile(id=name, **data.model_dump())
            try:
                self.check(made)
            except InvalidInputError as error:
                raise DataFileError(f"{where}: {error}; {law.fix}") from None
            self.profiles[name] = made

    def table(self, key: str) -> dict[str, Subject]:
        return self.subjects.get(key, {})

    def check(self, made: Profile) -> None:
        """InvalidInputError if the profile holds a text no export format could carry,
        names a checklist or subject not declared, or both includes and excludes a subject
        once the relations are followed."""
        for where, why in unsafe_in(made.model_dump()):
            raise InvalidInputError(f"profile {made.ref!r}: {where} {why}")
        for key in made.checklists:
            if key not in self.subjects:
                raise InvalidInputError(
                    f"profile {made.ref!r} names the checklist {key!r}, which has no subjects; "
                    f"expected one of {', '.join(self.subjects)}"
                    + _closest_text(key, self.subjects)
                )
        declared = {sid for key in made.checklists for sid in self.table(key)}
        for sid in (*made.includes, *made.excludes):
            if sid not in declared:
                raise InvalidInputError(
                    f"profile {made.ref!r} names the subject {sid!r}, which none of its "
                    f"checklists ({', '.join(made.checklists)}) declares"
                    + _closest_text(sid, declared)
                    + "; 'kz-checklists profiles' lists the subjects"
                )
        for key in made.checklists:
            table = self.table(key)
            included, excluded = closure(
                table.values(),
                [s for s in made.includes if s in table],
                [s for s in made.excludes if s in table],
            )
            both = sorted(included & excluded)
            if both:
                raise InvalidInputError(
                    f"profile {made.ref!r} both includes and excludes {both[0]!r} in checklist "
                    f"{key!r} (following broader and disjoint subjects); drop one of them"
                )


_DATA: weakref.WeakKeyDictionary[Law, _Data] = weakref.WeakKeyDictionary()


def _data(law: Law) -> _Data:
    if law not in _DATA:
        _DATA[law] = _Data(law)
    return _DATA[law]


def _closest_text(value: str, candidates: Iterable[str]) -> str:
    found = closest(value, list(candidates))
    return f"; did you mean {found!r}?" if found else ""


# --- the public verbs ----------------------------------------------------------------------


def _key(checklist: Union[str, int, Checklist, None], law: Law) -> Optional[str]:
    """The checklist key a value names (a key, an annex number, a Checklist), or ``None``."""
    if checklist is None:
        return None
    if isinstance(checklist, Checklist):
        return checklist.key
    specs = law.order.checklists
    if isinstance(checklist, int) and not isinstance(checklist, bool):
        found = next((s.key for s in specs if s.annex == checklist), None)
    elif isinstance(checklist, str):
        text = checklist.strip()
        found = next(
            (s.key for s in specs if s.key == text or s.annex == number(text, 4)),
            None,
        )
    else:
        raise InvalidInputError(
            f"a checklist is named by its key or annex number, not {type(checklist).__name__} "
            f"{shown(checklist)}"
        )
    if found is None:
        keys = [s.key for s in specs]
        raise UnknownNameError(
            f"unknown checklist {shown(checklist)}; expected one of: {', '.join(keys)}",
            kind="checklist",
            name=checklist,
            candidates=keys,
        )
    return found


def subjects(
    checklist: Union[str, int, Checklist, None] = None, *, law: Optional[Law] = None
) -> tuple[Subject, ...]:
    """The subjects of a checklist (default: of every checklist, in annex order).

    >>> [s.id for s in subjects("electronic-signature")][-2:]
    ['certification-centre', 'registration-certificate-holder']
    """
    chosen = law or (law_of(checklist) if isinstance(checklist, Checklist) else bundled())
    data = _data(chosen)
    key = _key(checklist, chosen)
    keys = [key] if key else [s.key for s in chosen.order.checklists]
    return tuple(s for k in keys for s in data.table(k).values())


def profiles(
    checklist: Union[str, int, Checklist, None] = None, *, law: Optional[Law] = None
) -> tuple[Profile, ...]:
    """The shipped profiles (of one checklist, if given).

    >>> [p.id for p in profiles("communications")]
    ['mobile-operator', 'postal-operator', 'long-distance-operator']
    """
    chosen = law or (law_of(checklist) if isinstance(checklist, Checklist) else bundled())
    key = _key(checklist, chosen)
    return tuple(p for p in _data(chosen).profiles.values() if key is None or key in p.checklists)


def profile_names(law: Law, checklist: Optional[str] = None) -> tuple[str, ...]:
    """The IDs of a Law's shipped profiles (of one checklist); none if it has no such data."""
    if LAYER not in [name.removesuffix(".json") for name in law.listing("editorial")]:
        return ()
    return tuple(
        p.id for p in _data(law).profiles.values() if checklist is None or checklist in p.checklists
    )


def is_profile_file(name: str) -> bool:
    """Whether a profile name is read as the path of a profile file (as edition names are)."""
    return name.endswith(".json") or "/" in name or "\\" in name


def profile(name_or_path: ProfileRef, *, law: Optional[Law] = None) -> Profile:
    """A shipped profile by its ID, or a user's profile file (see the module's docstring).

    Raises :class:`UnknownNameError` for an unknown ID (with the closest) and
    :class:`InvalidInputError` for a file that cannot be read, is not a profile, names
    a subject no checklist of it declares (with the closest), or includes what it
    excludes.
    """
    chosen = law or bundled()
    data = _data(chosen)
    if isinstance(name_or_path, Profile):
        data.check(name_or_path)
        return name_or_path
    if isinstance(name_or_path, PurePath) or (
        isinstance(name_or_path, str) and is_profile_file(name_or_path.strip())
    ):
        return _read_file(name_or_path, data, chosen)
    if not isinstance(name_or_path, str):
        raise InvalidInputError(
            "a profile is named by its ID, the path of a profile file, or a Profile, not "
            f"{type(name_or_path).__name__} {shown(name_or_path)}"
        )
    name = name_or_path.strip()
    found = data.profiles.get(name)
    if found is None:
        names = list(data.profiles)
        raise UnknownNameError(
            f"unknown profile {name!r}; the profiles are: {', '.join(names)}, or the path of a "
            "profile file (.json)",
            kind="profile",
            name=name,
            candidates=names,
        )
    return found


def _read_file(path: Union[str, PurePath], data: _Data, law: Law) -> Profile:
    shown_path = repr(str(path))
    try:
        raw = read_input(path)
    except OSError as error:
        raise InvalidInputError(
            f"cannot read profile file {shown_path}: {error.strerror or error}"
        ) from None
    try:
        tree, twice = read_json(raw)
    except ValueError as error:
        raise InvalidInputError(f"profile file {shown_path} is not JSON text: {error}") from None
    except RecursionError:
        raise InvalidInputError(f"profile file {shown_path} is nested too deeply") from None
    for where, why in unsafe_in(tree):
        raise InvalidInputError(f"profile file {shown_path}: {where or 'the top level'} {why}")
    if twice:
        where, key = twice[0]
        raise InvalidInputError(
            f"profile file {shown_path} gives the key {key!r} twice in one object"
            f"{' at ' + where if where else ''}; a JSON reader keeps only one, so remove the "
            "one not meant"
        )
    try:
        body = _ProfileFile.model_validate(tree).profile
    except ValidationError as error:
        first = error.errors()[0]
        at = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise InvalidInputError(
            f"profile file {shown_path} is not a profile at {at}: {first['msg']}; write "
            '{"profile": {"includes": [SUBJECT, ...], "excludes": [...]}}'
        ) from None
    base = profile(body.extends, law=law) if body.extends is not None else None
    if base is not None and base.source is not None:
        wrong = f"'extends' names {body.extends!r}, a profile file, not a shipped profile"
        raise InvalidInputError(f"profile file {shown_path}: {wrong}")
    includes = (*(base.includes if base else ()), *body.includes)
    excludes = (*(base.excludes if base else ()), *body.excludes)
    checklists = body.checklists or (base.checklists if base else None)
    if checklists is None:
        named = set(includes) | set(excludes)
        checklists = tuple(
            key for key, table in data.subjects.items() if named & set(table)
        ) or tuple(data.subjects)
    name = Path(str(path)).name
    made = Profile(
        id=body.id or name.removesuffix(".json"),
        title=body.title or body.id or name.removesuffix(".json"),
        description=body.description,
        checklists=tuple(dict.fromkeys(checklists)),
        includes=tuple(dict.fromkeys(includes)),
        excludes=tuple(dict.fromkeys(excludes)),
        note=body.note,
        source=name,
    )
    if not made.includes and not made.excludes:
        raise InvalidInputError(
            f"profile file {shown_path} includes and excludes no subject, so it decides "
            "nothing; name the subjects the entity is ('includes') or is not ('excludes')"
        )
    data.check(made)
    return made


def _one(
    requirement: Requirement,
    entry: Optional[_Entry],
    table: Mapping[str, Subject],
    title: tuple[str, ...],
    chosen: Profile,
    language: str,
) -> RequirementApplicability:
    if entry is None:
        return RequirementApplicability(
            id=requirement.id,
            verdict="undetermined",
            subjects=(),
            evidence=(),
            inferred=(),
            note=None,
            reason="the library has no reading of this requirement's text",
            language=language,
            quoted=True,
        )
    includes = [s for s in chosen.includes if s in table]
    excludes = [s for s in chosen.excludes if s in table]
    found = judge(
        table,
        named=[r.subject for r in entry.subjects],
        conditions=[r.subject for r in entry.conditions],
        readings=[r.subject for r in entry.readings],
        title=title,
        includes=includes,
        excludes=excludes,
    )
    text = "the text" if requirement.language == language else f"the {language} text"
    phrases = (*entry.subjects, *entry.conditions, *entry.readings)
    return RequirementApplicability(
        id=requirement.id,
        verdict=found.verdict,
        subjects=tuple(r.subject for r in entry.subjects),
        evidence=tuple(r.phrase for r in entry.subjects),
        inferred=entry.inferred,
        note=entry.note,
        reason=reason(found, text, entry.subjects, entry.conditions, entry.readings, table),
        language=language,
        quoted=all(r.phrase in requirement.text for r in phrases),
        conditions=entry.conditions,
        readings=entry.readings,
        basis=found.basis,
        relied_on=relied_on(found, table),
    )


def applicability(
    checklist: Union[str, int, Checklist],
    profile: ProfileRef,
    *,
    edition: EditionRef = "latest",
) -> tuple[RequirementApplicability, ...]:
    """Whether each requirement of a checklist concerns the entity ``profile`` describes.

    ``checklist`` is a key, an annex number or a :class:`Checklist` (``edition`` picks
    the edition for a key); ``profile`` a shipped profile's ID, a profile file's path or
    a :class:`Profile`. One :class:`RequirementApplicability` per requirement, in order.
    A profile that is not for the checklist is an :class:`InvalidInputError`.
    """
    form = (
        checklist
        if isinstance(checklist, Checklist)
        else bundled().edition(edition).checklist(checklist)
    )
    law = law_of(form)
    data = _data(law)
    chosen = _profile(profile, law)
    if form.key not in chosen.checklists:
        names = profile_names(law, form.key)
        raise InvalidInputError(
            f"profile {chosen.ref!r} is for {', '.join(chosen.checklists)}, not {form.key!r}; "
            f"the profiles of {form.key!r} are: {', '.join(names) or 'none'}"
        )
    table = data.table(form.key)
    title = tuple(s.id for s in table.values() if s.in_title)
    return tuple(
        _one(r, data.entries.get(r.id), table, title, chosen, data.language)
        for r in form.requirements
    )


def _profile(value: ProfileRef, law: Law) -> Profile:
    return profile(value, law=law)
