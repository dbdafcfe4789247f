"""Building: a parsed text turned into an edition, with IDs, or into a translation of one.

- :func:`consolidated_edition`: the edition a text sets out, its requirements given IDs
  by the matching rule of :mod:`~kz_inspection_checklists.law.ids`;
- :func:`original_edition`: what a consolidated text tells of the original order
  (its annexes and titles), without checklist texts;
- :func:`amendment_events`: what each act did to which annex, in the text's words;
- :func:`translation`: a text of an edition already held, in another language, aligned
  to it annex by annex and requirement by requirement: it mints no ID.

Which annex is which checklist, the ID prefixes and the keys of the form's header
fields are the order's own facts (:class:`~kz_inspection_checklists.law.order.ChecklistSpec`,
:class:`~kz_inspection_checklists.law.order.FormSpec`), given by the caller.

>>> from kz_inspection_checklists import edition
>>> from kz_inspection_checklists.law.store import bundled
>>> result = import_edition("sources/V1900018805-en-2023-05-23.txt",
...                         edition_id="copy", base=edition("2023"), law=bundled())
>>> result.ids_with_status("new"), len(result.ids_with_status("unchanged"))
([], 87)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal, Optional, Union

from .._text import number as _number
from ..exceptions import DataFileError, InvalidInputError, TextNotAvailableError
from ..law.edition import (
    Annex,
    AnnexText,
    Checklist,
    ChecklistText,
    Edition,
    EditionSource,
    Requirement,
    RequirementText,
    Translation,
    check_language,
)
from ..law.ids import Assignment, Registry, assign_ids
from ..law.order import AmendmentEvent, ChecklistSpec, FormSpec
from ..law.store import Law, bundled
from .grammar import Grammar
from .parse import ParsedAnnex, ParsedText, read_text

__all__ = [
    "ImportResult",
    "amendment_events",
    "consolidated_edition",
    "import_edition",
    "import_translation",
    "original_edition",
    "read_text",
    "translation",
]


@dataclass(frozen=True)
class ImportResult:
    """An imported edition, the IDs given and why, and the grown ID registry."""

    edition: Edition
    assignments: dict[str, tuple[Assignment, ...]]
    registry: Registry
    base: Optional[Edition] = None

    def ids_with_status(self, status: str) -> list[str]:
        """The IDs given with this status: ``unchanged``, ``changed`` or ``new``."""
        return [a.id for group in self.assignments.values() for a in group if a.status == status]

    def removed_ids(self) -> list[str]:
        """The base edition's IDs that the imported text no longer has."""
        if self.base is None:
            return []
        kept = {r.id for r in self.edition.requirements()}
        return [r.id for r in self.base.requirements() if r.id not in kept]


def amendment_events(parsed: ParsedText) -> tuple[AmendmentEvent, ...]:
    """What each act did to which annex or subparagraph, as the text's own words state it.

    - A subparagraph of paragraph 1 that carries no note, and names its annex
      ("... in accordance with Annex 3 to this Joint order"), was *approved* by the
      original order; its words are the provenance.
    - A subparagraph that reads "excluded by <act>" was *excluded* by that act.
    - An annex footnote "Annex N excluded by <act>" records an exclusion; the form
      "Appendix N - as amended by <act>" records the annex *set out anew* (Adilet's
      rendering of a new wording of the whole annex); any other footnote naming an
      act is recorded as *amended*, without reading more into it.

    Nothing is recorded that the words do not state: the original order's approval of
    an annex whose subparagraph was later excluded is not recorded, since the
    excluded subparagraph's words are no longer in the text.

    >>> from pathlib import Path
    >>> from kz_inspection_checklists.importer.parse import parse
    >>> text = Path("sources/V1900018805-en-2023-05-23.txt").read_text(encoding="utf-8")
    >>> events = amendment_events(parse(text))
    >>> [(e.act, e.action, e.subparagraph) for e in events if e.annex == 3]
    [('original', 'approved', 3), ('amendment-2023-05-23', 'set-out-anew', None)]
    >>> [(e.action, e.annex, e.subparagraph) for e in events if e.annex in (1, None)]
    [('excluded', None, 1), ('excluded', None, 2), ('excluded', 1, None)]
    """
    words = parsed.grammar
    excluded_item, item_annex = words.pattern("excluded_item"), words.pattern("item_annex")
    events: list[AmendmentEvent] = []
    for number, text in parsed.approved:
        where = f"subparagraph {number}) of paragraph 1 of the order"
        item = f"{number}) {text}"
        if excluded_item.match(text):
            act = parsed.act_of(item)
            if act is None:
                raise DataFileError(
                    f"the note on subparagraph {number}) of paragraph 1 names no act the "
                    "importer can read",
                    source=parsed.source,
                )
            events.append(
                AmendmentEvent(
                    act=act, action="excluded", subparagraph=number, words=item, provenance=where
                )
            )
            continue
        annex = item_annex.search(text)
        if annex is None:
            continue
        act = parsed.act_of(item) or parsed.original.id
        events.append(
            AmendmentEvent(
                act=act,
                action="approved" if act == parsed.original.id else "amended",
                annex=_annex_of(annex["annex"], parsed),
                subparagraph=number,
                words=item,
                provenance=where,
            )
        )
    named, anew = words.pattern("footnote_annex"), words.pattern("anew_annex")
    for parsed_annex in parsed.annexes:
        footnote = parsed_annex.footnote
        act = parsed.act_of(footnote)
        if footnote is None or act is None:
            continue
        if parsed_annex.excluded:
            action: Literal["excluded", "set-out-anew", "amended"] = "excluded"
        elif anew.match(footnote):
            action = "set-out-anew"
        else:
            action = "amended"
        found = named.match(footnote)
        events.append(
            AmendmentEvent(
                act=act,
                action=action,
                annex=_annex_of(found["annex"], parsed) if found else parsed_annex.number,
                words=footnote,
                provenance=f"the footnote to Annex {parsed_annex.number}",
            )
        )
    return tuple(events)


def _annex_of(text: str, parsed: ParsedText) -> int:
    """An annex number the text's words name, of a few digits."""
    found = _number(text, 4)
    if found is None:
        raise DataFileError(f"cannot read {text[:20]!r} as an annex number", source=parsed.source)
    return found


def subjects(title: str, grammar: Grammar) -> tuple[str, ...]:
    """The subjects of control named in a checklist's title, each a verbatim part of it.

    The part after "with regard to" (or another of the grammar's links) is split at its
    separators; a part after the last ", as well as" is kept whole, since it may hold
    separators of its own.
    """
    for link in grammar.subject_links:
        if link in title:
            clause = title.split(link, 1)[1]
            break
    else:
        return ()
    parts = clause.split(grammar.subject_last)
    last = parts.pop() if len(parts) > 1 else None
    found = [s for part in parts for s in part.split(grammar.subject_separator)]
    if last is not None:
        found.append(last)
    return tuple(found)


def _spec_of(number: int, checklists: Sequence[ChecklistSpec]) -> Optional[ChecklistSpec]:
    return next((spec for spec in checklists if spec.annex == number), None)


def _annex_entry(
    parsed_annex: ParsedAnnex,
    status: Literal["in-force", "excluded"],
    checklist: Optional[str] = None,
) -> Annex:
    """The annex as an edition lists it; only a checklist in force has its text held."""
    return Annex(
        number=parsed_annex.number,
        title=parsed_annex.title,
        status=status,
        footnote=parsed_annex.footnote,
        checklist=checklist,
        text_available=checklist is not None,
    )


def _checked_checklist(
    parsed: ParsedText, parsed_annex: ParsedAnnex, spec: ChecklistSpec, form: FormSpec
) -> None:
    """A checklist in force has its list of requirements and the form's header fields."""
    if not parsed_annex.is_checklist:
        raise DataFileError(
            f"Annex {parsed_annex.number} ({spec.key}) is in force but has no "
            f"{parsed.grammar.list_heading!r} block",
            line=parsed_annex.line,
            source=parsed.source,
        )
    if len(parsed_annex.header_fields) != len(form.header):
        raise DataFileError(
            f"Annex {parsed_annex.number}: expected {len(form.header)} header fields ending in "
            f"blanks '____' before {parsed.grammar.list_heading!r}, found "
            f"{len(parsed_annex.header_fields)}",
            line=parsed_annex.header_line,
            source=parsed.source,
        )


def consolidated_edition(
    parsed: ParsedText,
    *,
    edition_id: str,
    registry: Registry,
    checklists: Optional[Sequence[ChecklistSpec]] = None,
    form: Optional[FormSpec] = None,
    aliases: Sequence[str] = (),
    base: Optional[Edition] = None,
    language: Optional[str] = None,
    official: Optional[bool] = None,
    status: Optional[str] = None,
    publisher: Optional[str] = None,
) -> ImportResult:
    """The edition a parsed text sets out, with IDs assigned against ``base``.

    ``checklists`` and ``form`` are the order's facts (default: the bundled order's). The
    edition's act is the act its checklist footnotes name (the latest amendment that set
    them out), or the original order where they name none. ``language``, ``official``,
    ``status`` and ``publisher`` default to the grammar's.
    """
    words = parsed.grammar
    if checklists is None or form is None:
        facts = bundled().order
        checklists = facts.checklists if checklists is None else checklists
        form = facts.form if form is None else form
    source = EditionSource(
        file=parsed.source,
        sha256=parsed.sha256,
        publisher=publisher or words.publisher,
        language=check_language(language or words.language),
        official=words.official if official is None else official,
        status=status or words.status,
    )
    keys = [field.key for field in form.header]
    made: list[Checklist] = []
    annexes: list[Annex] = []
    assignments: dict[str, tuple[Assignment, ...]] = {}
    acts: list[str] = []
    for parsed_annex in parsed.annexes:
        spec = _spec_of(parsed_annex.number, checklists)
        if parsed_annex.excluded:
            annexes.append(_annex_entry(parsed_annex, "excluded"))
            continue
        if spec is None:
            # Annexes that are not checklists (the risk-assessment criteria) are
            # recorded, not modelled.
            annexes.append(_annex_entry(parsed_annex, "in-force"))
            continue
        _checked_checklist(parsed, parsed_annex, spec, form)
        act = parsed.act_of(parsed_annex.footnote)
        if act:
            acts.append(act)
        texts = [text for _, text in parsed_annex.requirements]
        base_pairs: list[tuple[str, str]] = []
        if base is not None and spec.key in {c.key for c in base.checklists}:
            base_pairs = [(r.id, r.text) for r in base.checklist(spec.key).requirements]
        given, registry = assign_ids(
            spec.key,
            texts,
            prefix=spec.prefix,
            edition=edition_id,
            registry=registry,
            base=base_pairs,
        )
        assignments[spec.key] = tuple(given)
        made.append(
            Checklist(
                key=spec.key,
                annex=parsed_annex.number,
                edition=edition_id,
                annex_caption=parsed_annex.caption,
                title=parsed_annex.title,
                subjects=subjects(parsed_annex.title, words),
                footnote=parsed_annex.footnote,
                header_fields=parsed_annex.with_keys(keys),
                list_heading=parsed_annex.list_heading,
                columns=parsed_annex.columns,
                requirements=tuple(
                    Requirement(
                        id=a.id,
                        number=n,
                        text=text,
                        language=source.language,
                        official=source.official,
                    )
                    for n, (a, text) in enumerate(zip(given, texts), start=1)
                ),
                signature_blocks=parsed_annex.signature_blocks,
            )
        )
        annexes.append(_annex_entry(parsed_annex, "in-force", spec.key))
    if not made:
        raise DataFileError("the text sets out no checklist", source=parsed.source)
    edition = Edition(
        id=edition_id,
        aliases=tuple(aliases),
        act=acts[-1] if acts else parsed.original.id,
        text_available=True,
        source=source,
        annexes=tuple(annexes),
        checklists=tuple(made),
    )
    return ImportResult(edition=edition, assignments=assignments, registry=registry, base=base)


def original_edition(
    parsed: ParsedText,
    *,
    edition_id: str,
    checklists: Sequence[ChecklistSpec],
    aliases: Sequence[str] = (),
    reason: str,
) -> Edition:
    """What a consolidated text tells of the original order, without its checklist texts.

    The original approved the annexes paragraph 1 lists. Annexes whose subparagraph
    still stands keep their title from it ("Checklist in the field of ...");
    annexes whose subparagraph was excluded are titled by their annex heading,
    which the consolidated text keeps. ``reason`` says why the texts are missing.
    """
    words = parsed.grammar
    excluded_item, item_title = words.pattern("excluded_item"), words.pattern("item_title")
    items = dict(parsed.approved)
    annexes = []
    for parsed_annex in parsed.annexes:
        item = items.get(parsed_annex.number, "")
        if excluded_item.match(item):
            title = parsed_annex.title
        else:
            found = item_title.match(item)
            if found is None:
                raise DataFileError(
                    f"paragraph 1 subparagraph {parsed_annex.number}) does not read "
                    f"{words.item_title_form!r}",
                    source=parsed.source,
                )
            title = found["title"]
        spec = _spec_of(parsed_annex.number, checklists)
        annexes.append(
            Annex(
                number=parsed_annex.number,
                title=title,
                status="in-force",
                footnote=None,
                checklist=spec.key if spec else None,
                text_available=False,
            )
        )
    return Edition(
        id=edition_id,
        aliases=tuple(aliases),
        act=parsed.original.id,
        text_available=False,
        unavailable_reason=reason,
        source=None,
        annexes=tuple(annexes),
        checklists=(),
    )


def translation(
    parsed: ParsedText,
    edition: Edition,
    *,
    language: Optional[str] = None,
    official: Optional[bool] = None,
    status: Optional[str] = None,
    publisher: Optional[str] = None,
) -> Translation:
    """The text of ``edition`` in another language, aligned to it by structure.

    Annex by annex and requirement by requirement, the text must have the edition's
    structure: the same annexes, in force or excluded alike; for each checklist the same
    number of header fields, columns, requirements and signature blocks. Each part then
    takes the key, number or ID of the part in the same place. Where the structures
    differ, :class:`DataFileError` names the annex and the position.
    """
    words = parsed.grammar
    language = check_language(language or words.language)
    if language in edition.languages:
        raise InvalidInputError(
            f"edition {edition.id!r} holds a text in {language!r} already; a translation "
            "adds a language it does not hold"
        )
    if not edition.text_available:
        raise TextNotAvailableError(
            f"edition {edition.id!r} holds no text to align a translation with: "
            f"{edition.unavailable_reason}"
        )
    source = EditionSource(
        file=parsed.source,
        sha256=parsed.sha256,
        publisher=publisher or words.publisher,
        language=language,
        official=words.official if official is None else official,
        status=status or words.status,
    )

    def mismatch(message: str, line: Optional[int]) -> DataFileError:
        return DataFileError(
            f"{message}; a translation must have the structure of edition {edition.id!r}",
            line=line,
            source=parsed.source,
        )

    if len(parsed.annexes) != len(edition.annexes):
        first = min(len(parsed.annexes), len(edition.annexes)) + 1
        side = "the text" if len(parsed.annexes) < len(edition.annexes) else "the edition"
        raise mismatch(
            f"the text has {len(parsed.annexes)} annexes, the edition {len(edition.annexes)}: "
            f"{side} has no Annex {first}",
            parsed.annexes[-1].line if parsed.annexes else None,
        )
    texts: list[ChecklistText] = []
    for held, parsed_annex in zip(edition.annexes, parsed.annexes):
        where = f"Annex {held.number}"
        if parsed_annex.excluded != (held.status == "excluded"):
            state = "excluded" if held.status == "excluded" else "in force"
            raise mismatch(
                f"{where} is {state} in the edition, but not in the text", parsed_annex.line
            )
        if held.checklist is None or not held.text_available:
            continue
        own = edition.checklist(held.checklist)
        if not parsed_annex.is_checklist:
            raise mismatch(
                f"{where} ({own.key}) has no {words.list_heading!r} block", parsed_annex.line
            )
        counts = (
            ("header fields", len(parsed_annex.header_fields), len(own.header_fields)),
            ("columns", len(parsed_annex.columns), len(own.columns)),
            ("signature blocks", len(parsed_annex.signature_blocks), len(own.signature_blocks)),
        )
        for what, found, expected in counts:
            if found != expected:
                raise mismatch(
                    f"{where} ({own.key}) has {found} {what}, the edition {expected}",
                    parsed_annex.line,
                )
        listed = parsed_annex.requirements
        if len(listed) != len(own.requirements):
            # Texts in two languages cannot be compared word by word, so which requirement
            # is missing (or extra) is for the reader to find; what is certain is the
            # first position that has no counterpart.
            extra = min(len(listed), len(own.requirements))
            if extra < len(listed):
                line = listed[extra][0]
                unmatched = (
                    f"the text's requirement {extra + 1} (at this line) has none in the edition"
                )
            else:
                line = parsed_annex.line
                unmatched = (
                    f"requirement {extra + 1} of the edition ({own.ids[extra]}) has none in "
                    "the text"
                )
            raise mismatch(
                f"{where} ({own.key}) lists {len(listed)} requirements, the edition "
                f"{len(own.requirements)} ({own.ids[0]} to {own.ids[-1]}); {unmatched}: "
                "compare them in order to find the one missing, extra, split or joined",
                line,
            )
        texts.append(
            ChecklistText(
                key=own.key,
                annex_caption=parsed_annex.caption,
                title=parsed_annex.title,
                subjects=subjects(parsed_annex.title, words),
                footnote=parsed_annex.footnote,
                header_fields=parsed_annex.with_keys([f.key for f in own.header_fields]),
                list_heading=parsed_annex.list_heading,
                columns=parsed_annex.columns,
                requirements=tuple(
                    RequirementText(id=requirement.id, text=text)
                    for requirement, (_, text) in zip(own.requirements, listed)
                ),
                signature_blocks=parsed_annex.signature_blocks,
            )
        )
    return Translation(
        source=source,
        annexes=tuple(
            AnnexText(number=held.number, title=p.title, footnote=p.footnote)
            for held, p in zip(edition.annexes, parsed.annexes)
        ),
        checklists=tuple(texts),
    )


def import_edition(
    path: Union[str, PurePath],
    *,
    edition_id: str,
    base: Optional[Edition] = None,
    aliases: Sequence[str] = (),
    language: Optional[str] = None,
    official: Optional[bool] = None,
    grammar: object = None,
    law: Optional[Law] = None,
    registry: Optional[Registry] = None,
) -> ImportResult:
    """Read a text file of ``law``'s order (default: the bundled one) and import its edition.

    IDs are issued on top of ``registry`` (default: the law's).
    """
    if language is not None:
        check_language(language)
    if base is not None and not base.text_available:
        raise TextNotAvailableError(
            f"the base edition {base.id!r} holds no checklist texts to match IDs against: "
            f"{base.unavailable_reason}; import without a base, or with one whose texts "
            "are held"
        )
    law = law or bundled()
    parsed = read_text(path, grammar, language)
    return consolidated_edition(
        parsed,
        edition_id=edition_id,
        checklists=law.order.checklists,
        form=law.order.form,
        registry=law.registry if registry is None else registry,
        aliases=aliases,
        base=base,
        language=language,
        official=official,
        status=None if official is None else ("official text" if official else None),
    )


def import_translation(
    path: Union[str, PurePath],
    *,
    edition: Edition,
    language: Optional[str] = None,
    official: Optional[bool] = None,
    grammar: object = None,
) -> Translation:
    """Read a text file and align it to ``edition`` as its text in another language."""
    return translation(
        read_text(path, grammar, language),
        edition,
        language=language,
        official=official,
        status=None if official is None else ("official text" if official else None),
    )
