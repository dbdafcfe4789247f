"""Applicability for people: a checklist marked for a profile (text, Markdown, JSON), and the profiles and subjects.

Each requirement is marked ``applies``, ``applies by default`` (its text names no one:
the library's default reading), ``does not apply`` or ``undetermined`` with the reason,
which quotes the evidence, and the library's readings the verdict rests on; the
undetermined ones are listed again at the end, with the library's inferred reading where
it has one, so a human knows which to decide.

>>> from kz_inspection_checklists import checklist
>>> from kz_inspection_checklists.law.applicability import applicability, profile
>>> form, chosen = checklist("electronic-signature"), profile("registration-certificate-holder")
>>> text = applicability_text(form, applicability(form, chosen), chosen)
>>> print(text.splitlines()[5])
Profile registration-certificate-holder (Holder of a registration certificate): 2 applies, 0 applies by default, 1 does not apply, 1 undetermined. The library's editorial reading of whom each requirement's text names; a human decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .markdown import md
from .text import shown_lines

if TYPE_CHECKING:
    from ..law.applicability import Profile, RequirementApplicability, Subject
    from ..law.edition import Checklist

__all__ = [
    "MARKS",
    "applicability_json",
    "applicability_markdown",
    "applicability_text",
    "profiles_json",
    "profiles_text",
]

#: How a verdict is written for people.
MARKS = {
    "applies": "applies",
    "applies-by-default": "applies by default",
    "does-not-apply": "does not apply",
    "undetermined": "undetermined",
}

_READING = "The library's editorial reading of whom each requirement's text names; a human decides."


def _counts(results: Sequence[RequirementApplicability]) -> str:
    return ", ".join(
        f"{sum(r.verdict == verdict for r in results)} {mark}" for verdict, mark in MARKS.items()
    )


def _language_note(checklist: Checklist, results: Sequence[RequirementApplicability]) -> str:
    """A sentence for a text whose evidence phrases are another language's, else ``""``."""
    if not results or all(r.quoted for r in results):
        return ""
    return (
        f" The evidence phrases are quoted from the {results[0].language} text, not from this "
        f"{checklist.language} text; the verdicts are the same, by requirement ID."
    )


def _heading(checklist: Checklist, results: Sequence[RequirementApplicability], p: Profile) -> str:
    return f"Profile {p.ref} ({p.title}): {_counts(results)}. {_READING}" + _language_note(
        checklist, results
    )


def _suggestion(result: RequirementApplicability) -> str:
    if not result.inferred:
        return ""
    readings = "; ".join(f'{r.subject} ("{r.phrase}")' for r in result.inferred)
    return f"suggestion (the library's inferred reading, not the text's words): {readings}"


def _resting(result: RequirementApplicability) -> str:
    """The library's readings the verdict rests on, in one line, or ``""``."""
    if not result.relied_on:
        return ""
    return "rests on " + "; ".join(result.relied_on)


def applicability_text(
    checklist: Checklist, results: Sequence[RequirementApplicability], profile: Profile
) -> str:
    """The checklist as plain text, each requirement marked for the profile, and why."""
    lines = [
        checklist.annex_caption,
        "",
        checklist.title,
        f"(edition {checklist.edition}; {len(checklist.requirements)} requirements)",
        "",
        _heading(checklist, results, profile),
        "",
    ]
    for requirement, result in zip(checklist.requirements, results):
        lines.append(
            f"  {requirement.id:<8} {requirement.number:>2}. [{MARKS[result.verdict]}] "
            f"{requirement.text}"
        )
        lines.append(f"{'':14}{result.reason}")
        for extra in (_resting(result), _suggestion(result)):
            if extra:
                lines.append(f"{'':14}{extra}")
    open_ = [r for r in results if r.verdict == "undetermined"]
    lines += ["", f"Undetermined, for you to decide ({len(open_)}):"]
    for result in open_:
        lines.append(f"  {result.id}: {result.reason}")
        if _suggestion(result):
            lines.append(f"  {'':{len(result.id)}}  {_suggestion(result)}")
    if not open_:
        lines.append("  none")
    return shown_lines(lines)


def applicability_markdown(
    checklist: Checklist, results: Sequence[RequirementApplicability], profile: Profile
) -> str:
    """The checklist as a Markdown page, each requirement marked for the profile, and why."""
    lines = [
        f"# Annex {checklist.annex}: {checklist.key}",
        "",
        f"**{md(checklist.title)}**",
        "",
        f"Edition `{checklist.edition}`; {len(checklist.requirements)} requirements.",
        "",
        md(_heading(checklist, results, profile)),
        "",
        "| № | ID | Requirement | Applicability |",
        "|---:|---|---|---|",
    ]
    for requirement, result in zip(checklist.requirements, results):
        why = md(result.reason)
        for extra in (_resting(result), _suggestion(result)):
            if extra:
                why += f"; {md(extra)}"
        lines.append(
            f"| {requirement.number} | `{requirement.id}` | {md(requirement.text)} | "
            f"**{MARKS[result.verdict]}**: {why} |"
        )
    open_ = [r for r in results if r.verdict == "undetermined"]
    lines += ["", f"## Undetermined, for you to decide ({len(open_)})", ""]
    lines += [f"- `{r.id}`: {md(r.reason)}" for r in open_] or ["None."]
    return shown_lines(lines) + "\n"


def applicability_json(
    checklist: Checklist, results: Sequence[RequirementApplicability], profile: Profile
) -> dict[str, Any]:
    """The checklist's JSON with an ``applicability`` object in each requirement.

    The top level gains ``profile`` (the profile), ``undetermined`` (the IDs a human
    must decide) and ``applies_by_default`` (the IDs whose text names no one, read by
    default as concerning the title's subjects).
    """
    document: dict[str, Any] = checklist.model_dump(mode="json")
    for item, result in zip(document["requirements"], results):
        item["applicability"] = result.model_dump(mode="json", exclude={"id"})
    document["profile"] = profile.model_dump(mode="json")
    document["undetermined"] = [r.id for r in results if r.verdict == "undetermined"]
    document["applies_by_default"] = [r.id for r in results if r.verdict == "applies-by-default"]
    return document


def _relations(subject: Subject) -> str:
    parts = ["a condition"] if subject.kind == "condition" else []
    parts += ["named in the title"] if subject.in_title else []

    def said(relation: str, other: str) -> str:
        found = subject.basis(relation, other)
        return other + (" (the library's reading)" if found and found.basis == "reading" else "")

    if subject.broader:
        parts.append("is a " + ", ".join(said("broader", o) for o in subject.broader))
    if subject.disjoint:
        parts.append("never a " + ", ".join(said("disjoint", o) for o in subject.disjoint))
    return f" ({'; '.join(parts)})" if parts else ""


def profiles_text(profiles: Sequence[Profile], subjects: Sequence[Subject]) -> str:
    """The profiles, then the subjects of each checklist, as plain text.

    >>> from kz_inspection_checklists.law.applicability import profiles, subjects
    >>> print(profiles_text(profiles("electronic-signature"), subjects(5)).splitlines()[0])
    Profiles (the library's editorial reading of whom each requirement's text names; a human decides):
    """
    lines = [
        "Profiles (the library's editorial reading of whom each requirement's text names; a "
        "human decides):"
    ]
    for p in profiles:
        lines += [
            f"  {p.id}: {p.title} [{', '.join(p.checklists)}]",
            f"      {p.description}",
            f"      includes: {', '.join(p.includes) or 'none'}",
            f"      excludes: {', '.join(p.excludes) or 'none'}",
        ]
    if not profiles:
        lines.append("  none")
    keys = list(dict.fromkeys(s.checklist for s in subjects))
    for key in keys:
        lines += ["", f"Subjects of {key}:"]
        lines += [f"  {s.id}: {s.name}{_relations(s)}" for s in subjects if s.checklist == key]
    lines += [
        "",
        "A profile file names subjects: "
        '{"profile": {"extends": "PROFILE", "includes": [SUBJECT, ...], "excludes": [...]}}',
    ]
    return shown_lines(lines)


def profiles_json(profiles: Sequence[Profile], subjects: Sequence[Subject]) -> dict[str, Any]:
    """The profiles and the subjects of each checklist, as JSON."""
    grouped: dict[str, list[Any]] = {}
    for s in subjects:
        grouped.setdefault(s.checklist, []).append(
            s.model_dump(mode="json", by_alias=True, exclude={"checklist"})
        )
    return {
        "editorial": True,
        "profiles": [p.model_dump(mode="json", exclude={"source"}) for p in profiles],
        "subjects": grouped,
    }
