"""The importer: turns an Adilet plain text of the order into edition data.

It reads the text as Adilet publishes it (the source kept in the project's
``sources/`` is one): the title, the preamble naming the joint order and its
registration, paragraph 1 listing the annexes, then each annex with its caption,
title, footnote, the form's header fields, the "List of requirements" block and the
signature blocks. Where the text is not in that shape, :class:`ImportFormatError`
names the line.

>>> from importlib.resources import files
>>> text = "\\n".join(["Title", "", "Joint order of ... (not the expected preamble)"])
>>> parse(text, source="example.txt")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.ImportFormatError: example.txt, line 3: expected the preamble 'Joint order of the <minister> dated <date> № <number> and the <minister> dated <date> № <number>. Registered with the Ministry of Justice ... on <date> № <number>.'

Requirement texts are kept as written: only the whitespace around a paragraph is
stripped, and the lines of one paragraph are joined with single spaces.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

from ._files import read_input
from .exceptions import ImportFormatError, InvalidInputError, TextNotAvailableError
from .ids import Assignment, Registry, assign_ids
from .models import (
    CHECKLIST_KEYS,
    Act,
    AmendmentEvent,
    Annex,
    Checklist,
    DateAsGiven,
    Edition,
    EditionSource,
    EntryIntoForce,
    HeaderField,
    Issuer,
    Registration,
    Requirement,
    SignatureBlock,
)

__all__ = [
    "HEADER_FIELD_KEYS",
    "ImportResult",
    "ParsedAnnex",
    "ParsedText",
    "amendment_events",
    "consolidated_edition",
    "import_edition",
    "original_edition",
    "parse",
]

#: Editorial keys of the form's header fields, in the order the form prints them.
HEADER_FIELD_KEYS = ("authority", "assignment_act", "entity_name", "iin_bin", "address")

_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
_ANNEX = re.compile(r"^Annex (\d+)$")
_ITEM = re.compile(r"^(\d+)\) (.*)$")
_BLANK = re.compile(r"_{3,}")
_PREAMBLE = re.compile(
    r"^Joint order of the (?P<a1>.+?) dated (?P<d1>[A-Z][a-z]+ \d{1,2}, \d{4}) № (?P<n1>\S+)"
    r" and the (?P<a2>.+?) dated (?P<d2>[A-Z][a-z]+ \d{1,2}, \d{4}) № (?P<n2>\S+?)\."
    r" Registered with the Ministry of Justice of the Republic of Kazakhstan"
    r" on (?P<rd>[A-Z][a-z]+ \d{1,2}, \d{4}) № (?P<rn>\d+)\.$"
)
# Amending acts are named two ways in the footnotes of the English text.
_AMENDMENT = (
    re.compile(
        r"joint order of the (?P<a1>Minister .+?) № (?P<n1>\S+) of (?P<d1>\d\d\.\d\d\.\d{4})"
        r" and the (?P<a2>Minister .+?) № (?P<n2>\S+) of (?P<d2>\d\d\.\d\d\.\d{4})"
        r" \(\s*(?P<rule>[^)]*)\)"
    ),
    re.compile(
        r"joint order of the (?P<a1>Minister .+?) dated (?P<d1>\d\d\.\d\d\.\d{4}) № (?P<n1>\S+)"
        r" and the (?P<a2>Minister .+?) dated (?P<d2>\d\d\.\d\d\.\d{4}) № (?P<n2>\S+)"
        r" \(\s*(?P<rule>[^)]*)\)"
    ),
)
_ENTRY_INTO_FORCE = re.compile(
    r"^(?P<paragraph>\d+)\. This Joint order (?P<rule>shall come into effect .+?)\.$"
)
_SUBJECT_LINK = (" with regard to ", " in relation to ", " in respect of ")
_FOOTER = ("If you found any error on the page",)
_LIST_HEADING = "List of requirements"
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_COLUMN_START = ("Conforms", "Does not conform")


@dataclass(frozen=True)
class _Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class ParsedAnnex:
    """One annex as it stands in a source text."""

    number: int
    line: int
    caption: str
    title: str
    footnote: Optional[str]
    header_fields: tuple[HeaderField, ...] = ()
    list_heading: str = ""
    columns: tuple[str, ...] = ()
    requirements: tuple[tuple[int, str], ...] = ()
    signature_blocks: tuple[SignatureBlock, ...] = ()

    @property
    def excluded(self) -> bool:
        return self.footnote is not None and " excluded by " in self.footnote

    @property
    def is_checklist(self) -> bool:
        return bool(self.list_heading)


@dataclass(frozen=True)
class ParsedText:
    """Everything the importer reads from one Adilet text of the order."""

    source: str
    sha256: str
    title: str
    original: Act
    amendments: tuple[Act, ...]
    approved: tuple[tuple[int, str], ...]
    annexes: tuple[ParsedAnnex, ...]
    acts_by_footnote: dict[str, str] = field(default_factory=dict)

    def annex(self, number: int) -> ParsedAnnex:
        for annex in self.annexes:
            if annex.number == number:
                return annex
        raise ImportFormatError(f"the text has no Annex {number}", source=self.source)

    def act_of(self, footnote: Optional[str]) -> Optional[str]:
        """The ID of the act a footnote names, if any."""
        return self.acts_by_footnote.get(footnote or "")


def _paragraphs(lines: Sequence[str], start: int, stop: int) -> Iterator[_Paragraph]:
    """Blank-line separated paragraphs of lines[start:stop] (0-based; reported 1-based)."""
    block: list[str] = []
    first = start
    for index in range(start, stop):
        text = lines[index].strip()
        if text:
            if not block:
                first = index
            block.append(text)
        elif block:
            yield _Paragraph(first + 1, tuple(block))
            block = []
    if block:
        yield _Paragraph(first + 1, tuple(block))


def _date(text: str, *, line: int, source: str) -> DateAsGiven:
    try:
        if "." in text:
            day, month, year = (int(part) for part in text.split("."))
            return DateAsGiven(text=text, date=datetime.date(year, month, day))
        month_name, rest = text.split(" ", 1)
        day_text, year_text = rest.split(", ")
        parsed = datetime.date(int(year_text), _MONTHS[month_name], int(day_text))
    except (KeyError, ValueError) as error:
        raise ImportFormatError(
            f"cannot read the date {text!r}", line=line, source=source
        ) from error
    return DateAsGiven(text=text, date=parsed)


def parse(text: str, *, source: str = "source", sha256: Optional[str] = None) -> ParsedText:
    """Parse an Adilet plain text of the order.

    ``source`` names the text in error messages (usually its file name); ``sha256`` is
    the hash of the file's raw bytes, when the text was read from one (by default the
    hash of the text as UTF-8).
    """
    if not isinstance(text, str):
        raise ImportFormatError(
            f"expected the text as a str, not {type(text).__name__}", line=None, source=source
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs = list(_paragraphs(lines, 0, len(lines)))
    if not paragraphs:
        raise ImportFormatError("the text is empty", line=1, source=source)
    title = paragraphs[0].text

    preamble = next((p for p in paragraphs if p.text.startswith("Joint order of")), None)
    if preamble is None:
        raise ImportFormatError(
            "no preamble starting 'Joint order of' was found", line=1, source=source
        )
    match = _PREAMBLE.match(preamble.text)
    if not match:
        raise ImportFormatError(
            "expected the preamble 'Joint order of the <minister> dated <date> № <number> and "
            "the <minister> dated <date> № <number>. Registered with the Ministry of Justice "
            "... on <date> № <number>.'",
            line=preamble.line,
            source=source,
        )
    entry = next((m for p in paragraphs if (m := _ENTRY_INTO_FORCE.match(p.text))), None)
    if entry is None:
        raise ImportFormatError(
            "no paragraph 'N. This Joint order shall come into effect ...' was found",
            line=preamble.line,
            source=source,
        )
    original = Act(
        id="original",
        kind="original",
        issuers=(
            Issuer(
                authority=match["a1"],
                number=match["n1"],
                date=_date(match["d1"], line=preamble.line, source=source),
            ),
            Issuer(
                authority=match["a2"],
                number=match["n2"],
                date=_date(match["d2"], line=preamble.line, source=source),
            ),
        ),
        registration=Registration(
            number=match["rn"], date=_date(match["rd"], line=preamble.line, source=source)
        ),
        entry_into_force=EntryIntoForce(
            rule=entry["rule"], provenance=f"paragraph {entry['paragraph']} of the order"
        ),
        provenance=preamble.text,
    )

    annex_starts = [i for i, line in enumerate(lines) if _ANNEX.match(line.strip())]
    if not annex_starts:
        raise ImportFormatError(
            "no annex heading 'Annex N' was found", line=len(lines), source=source
        )
    approved = _approved_items(paragraphs, annex_starts[0], source)
    footer = next(
        (i for i, line in enumerate(lines) if line.strip().startswith(_FOOTER)), len(lines)
    )
    after_footer = [i for i in annex_starts if i > footer]
    if after_footer:
        raise ImportFormatError(
            f"an annex heading follows the end of the page (line {footer + 1}); is the file "
            "two texts in one?",
            line=after_footer[0] + 1,
            source=source,
        )
    annexes = tuple(
        _annex(lines, start, stop, source)
        for start, stop in zip(annex_starts, [*annex_starts[1:], footer])
    )
    _check_annex_numbers(annexes, approved, source)

    amendments: dict[tuple[str, ...], Act] = {}
    acts_by_footnote: dict[str, str] = {}
    notes = [
        (number, line.strip())
        for number, line in enumerate(lines, start=1)
        if "joint order of the Minister" in line
    ]
    for line, note in notes:
        for pattern in _AMENDMENT:
            found = pattern.search(note)
            if not found:
                continue
            key = (found["n1"], found["d1"], found["n2"], found["d2"])
            if key not in amendments:
                first = _date(found["d1"], line=line, source=source)
                assert first.date is not None
                amendments[key] = Act(
                    id=f"amendment-{first.date.isoformat()}",
                    kind="amendment",
                    issuers=(
                        Issuer(authority=found["a1"], number=found["n1"], date=first),
                        Issuer(
                            authority=found["a2"],
                            number=found["n2"],
                            date=_date(found["d2"], line=line, source=source),
                        ),
                    ),
                    entry_into_force=EntryIntoForce(
                        rule=found["rule"].strip(), provenance=_where(note, line)
                    ),
                    provenance=note,
                )
            acts_by_footnote[note] = amendments[key].id
            break
    return ParsedText(
        source=source,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        original=original,
        amendments=tuple(amendments.values()),
        approved=approved,
        annexes=annexes,
        acts_by_footnote=acts_by_footnote,
    )


_EXCLUDED_ANNEX = re.compile(r"^Footnote\. (?:Annex|Appendix) (\d+) excluded by ")
_ANEW_ANNEX = re.compile(r"^Footnote\. (?:Annex|Appendix) (\d+) - as amended by ")
_NAMED_ANNEX = re.compile(r"^Footnote\. (?:Annex|Appendix) (\d+)\b")
_IN_ACCORDANCE = re.compile(r"in accordance with Annex (\d+) to this Joint order")


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
    >>> text = Path("sources/V1900018805-en-2023-05-23.txt").read_text(encoding="utf-8")
    >>> events = amendment_events(parse(text))
    >>> [(e.act, e.action, e.subparagraph) for e in events if e.annex == 3]
    [('original', 'approved', 3), ('amendment-2023-05-23', 'set-out-anew', None)]
    >>> [(e.action, e.annex, e.subparagraph) for e in events if e.annex in (1, None)]
    [('excluded', None, 1), ('excluded', None, 2), ('excluded', 1, None)]
    """
    events: list[AmendmentEvent] = []
    for number, words in parsed.approved:
        where = f"subparagraph {number}) of paragraph 1 of the order"
        if words.startswith("excluded by"):
            act = parsed.act_of(f"{number}) {words}")
            if act is None:
                raise ImportFormatError(
                    f"the note on subparagraph {number}) of paragraph 1 names no act the "
                    "importer can read",
                    source=parsed.source,
                )
            events.append(
                AmendmentEvent(
                    act=act,
                    action="excluded",
                    subparagraph=number,
                    words=f"{number}) {words}",
                    provenance=where,
                )
            )
            continue
        annex = _IN_ACCORDANCE.search(words)
        if annex is None:
            continue
        act = parsed.act_of(f"{number}) {words}") or parsed.original.id
        events.append(
            AmendmentEvent(
                act=act,
                action="approved" if act == parsed.original.id else "amended",
                annex=int(annex[1]),
                subparagraph=number,
                words=f"{number}) {words}",
                provenance=where,
            )
        )
    for parsed_annex in parsed.annexes:
        footnote = parsed_annex.footnote
        act = parsed.act_of(footnote)
        if footnote is None or act is None:
            continue
        if _EXCLUDED_ANNEX.match(footnote):
            action = "excluded"
        elif _ANEW_ANNEX.match(footnote):
            action = "set-out-anew"
        else:
            action = "amended"
        named = _NAMED_ANNEX.match(footnote)
        events.append(
            AmendmentEvent(
                act=act,
                action=action,
                annex=int(named[1]) if named else parsed_annex.number,
                words=footnote,
                provenance=f"the footnote to Annex {parsed_annex.number}",
            )
        )
    return tuple(events)


def _check_annex_numbers(
    annexes: Sequence[ParsedAnnex], approved: Sequence[tuple[int, str]], source: str
) -> None:
    """Annexes run 1, 2, 3, ... with none missing or repeated, as paragraph 1 lists them.

    A text cut short, or with an annex left out, must not pass for an edition in which
    that annex is gone: only a footnote saying "excluded" removes an annex.
    """
    for expected, annex in enumerate(annexes, start=1):
        if annex.number != expected:
            raise ImportFormatError(
                f"expected Annex {expected} here, found Annex {annex.number}: annexes must run "
                "from 1 with none missing or repeated",
                line=annex.line,
                source=source,
            )
    listed = [number for number, _ in approved]
    if len(annexes) < max(listed, default=0):
        raise ImportFormatError(
            f"paragraph 1 lists {max(listed)} annexes but the text has {len(annexes)}; is it "
            "cut short?",
            line=annexes[-1].line if annexes else None,
            source=source,
        )


def _where(note: str, line: int) -> str:
    """Where in the order a note stands, in the order's own terms."""
    item = _ITEM.match(note)
    if item:
        return f"the note on subparagraph {item[1]}) of paragraph 1"
    annex = re.match(r"Footnote\. (?:Annex|Appendix) (\d+)", note)
    if annex:
        return f"the footnote to Annex {annex[1]}"
    return f"line {line}"


def _approved_items(
    paragraphs: Sequence[_Paragraph], stop: int, source: str
) -> tuple[tuple[int, str], ...]:
    """The subparagraphs of paragraph 1 ('To approve:'), numbered as in the text."""
    items: list[tuple[int, str]] = []
    inside = False
    for paragraph in paragraphs:
        if paragraph.line > stop:
            break
        if paragraph.text.startswith("1. To approve"):
            inside = True
            continue
        if inside:
            for line in paragraph.lines:
                match = _ITEM.match(line)
                if not match:
                    inside = False
                    break
                items.append((int(match[1]), match[2]))
            if items and not inside:
                break
    if not items:
        raise ImportFormatError(
            "paragraph '1. To approve:' with its subparagraphs '1) ...' was not found",
            line=1,
            source=source,
        )
    return tuple(items)


def _annex(lines: Sequence[str], start: int, stop: int, source: str) -> ParsedAnnex:
    paragraphs = list(_paragraphs(lines, start, stop))
    caption, *rest = paragraphs
    number = int(_ANNEX.match(caption.lines[0])[1])  # type: ignore[index]
    if not rest:
        raise ImportFormatError(f"Annex {number} has no title", line=caption.line, source=source)
    title = rest[0]
    footnote = rest[1].text if len(rest) > 1 and rest[1].text.startswith("Footnote.") else None
    body = rest[2:] if footnote else rest[1:]
    heading_at = next((i for i, p in enumerate(body) if p.text == _LIST_HEADING), None)
    if heading_at is None:
        if body and _checklist_key(number) is not None:
            raise ImportFormatError(
                f"Annex {number}: expected {_LIST_HEADING!r} before this paragraph",
                line=body[0].line,
                source=source,
            )
        return ParsedAnnex(number, caption.line, caption.text, title.text, footnote)

    fields = _header_fields(body[:heading_at], number, source)
    after = body[heading_at + 1 :]
    columns = []
    while after and after[0].text.startswith(_COLUMN_START):
        columns.append(after.pop(0).text)
    if len(columns) != 2:
        at = after[0].line if after else body[heading_at].line
        raise ImportFormatError(
            f"Annex {number}: expected the two columns 'Conforms to the requirements' and "
            f"'Does not conform to the requirements' after {_LIST_HEADING!r}",
            line=at,
            source=source,
        )
    signature_at = next((i for i, p in enumerate(after) if _BLANK.search(p.text)), None)
    if signature_at is None:
        raise ImportFormatError(
            f"Annex {number}: no signature block ('Official(s) ____') after the requirements",
            line=after[-1].line if after else body[heading_at].line,
            source=source,
        )
    requirements = tuple((p.line, p.text) for p in after[:signature_at])
    if not requirements:
        raise ImportFormatError(
            f"Annex {number}: the list of requirements is empty",
            line=after[signature_at].line,
            source=source,
        )
    return ParsedAnnex(
        number=number,
        line=caption.line,
        caption=caption.text,
        title=title.text,
        footnote=footnote,
        header_fields=fields,
        list_heading=_LIST_HEADING,
        columns=tuple(columns),
        requirements=requirements,
        signature_blocks=_signature_blocks(after[signature_at:], number, source),
    )


def _header_fields(
    paragraphs: Sequence[_Paragraph], number: int, source: str
) -> tuple[HeaderField, ...]:
    """The form's header: each field ends with a blank; a label may run over lines."""
    labels: list[tuple[str, str]] = []
    pending: list[str] = []
    for line in (line for p in paragraphs for line in p.lines):
        blank = _BLANK.search(line)
        if not blank:
            pending.append(line)
            continue
        label = " ".join([*pending, line[: blank.start()].strip()]).strip()
        suffix = _BLANK.split(line)[-1].strip()
        if not label:
            raise ImportFormatError(
                f"Annex {number}: a header field has a blank '____' but no label before it",
                line=_line_number(paragraphs, line),
                source=source,
            )
        labels.append((label, suffix))
        pending = []
    if pending or len(labels) != len(HEADER_FIELD_KEYS):
        raise ImportFormatError(
            f"Annex {number}: expected {len(HEADER_FIELD_KEYS)} header fields ending in "
            f"blanks '____' before {_LIST_HEADING!r}, found {len(labels)}",
            line=paragraphs[0].line if paragraphs else None,
            source=source,
        )
    return tuple(
        HeaderField(key=key, label=label, suffix=suffix)
        for key, (label, suffix) in zip(HEADER_FIELD_KEYS, labels)
    )


def _line_number(paragraphs: Sequence[_Paragraph], wanted: str) -> Optional[int]:
    """The source line of a line of these paragraphs."""
    for paragraph in paragraphs:
        for offset, line in enumerate(paragraph.lines):
            if line == wanted:
                return paragraph.line + offset
    return None


def _signature_blocks(
    paragraphs: Sequence[_Paragraph], number: int, source: str
) -> tuple[SignatureBlock, ...]:
    blocks: list[tuple[str, list[str]]] = []
    for paragraph in paragraphs:
        for line in paragraph.lines:
            blank = _BLANK.search(line)
            if blank:
                blocks.append((line[: blank.start()].strip(), []))
            elif blocks:
                blocks[-1][1].append(line)
    if not blocks or any(not captions for _, captions in blocks):
        raise ImportFormatError(
            f"Annex {number}: each signature block needs a role line with blanks and captions",
            line=paragraphs[0].line,
            source=source,
        )
    return tuple(SignatureBlock(role=role, captions=tuple(caps)) for role, caps in blocks)


def _subjects(title: str) -> tuple[str, ...]:
    """The subjects of control named in a checklist's title, each a verbatim part of it.

    The part after "with regard to" (or "in relation to", "in respect of") is split at
    commas; a part after the last ", as well as" is kept whole, since it may hold
    commas of its own.
    """
    for link in _SUBJECT_LINK:
        if link in title:
            clause = title.split(link, 1)[1]
            break
    else:
        return ()
    parts = clause.split(", as well as ")
    last = parts.pop() if len(parts) > 1 else None
    subjects = [s for part in parts for s in part.split(", ")]
    if last is not None:
        subjects.append(last)
    return tuple(subjects)


def _checklist_key(number: int) -> Optional[str]:
    return next((key for key, annex in CHECKLIST_KEYS.items() if annex == number), None)


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


def consolidated_edition(
    parsed: ParsedText,
    *,
    edition_id: str,
    aliases: Sequence[str] = (),
    registry: Registry,
    base: Optional[Edition] = None,
    language: str = "en",
    official: bool = False,
    status: str = "unofficial translation",
    publisher: str = "Adilet",
) -> ImportResult:
    """The edition a parsed text sets out, with IDs assigned against ``base``.

    The edition's act is the act its checklist footnotes name (the latest amendment
    that set them out), or the original order where they name none.
    """
    checklists: list[Checklist] = []
    annexes: list[Annex] = []
    assignments: dict[str, tuple[Assignment, ...]] = {}
    acts: list[str] = []
    for parsed_annex in parsed.annexes:
        key = _checklist_key(parsed_annex.number)
        if parsed_annex.excluded:
            annexes.append(_annex_entry(parsed_annex, "excluded"))
            continue
        if key is None:
            # Annexes 1 and 2 (risk-assessment criteria) are recorded, not modelled.
            annexes.append(_annex_entry(parsed_annex, "in-force"))
            continue
        if not parsed_annex.is_checklist:
            raise ImportFormatError(
                f"Annex {parsed_annex.number} ({key}) is in force but has no "
                f"{_LIST_HEADING!r} block",
                line=parsed_annex.line,
                source=parsed.source,
            )
        act = parsed.act_of(parsed_annex.footnote)
        if act:
            acts.append(act)
        texts = [text for _, text in parsed_annex.requirements]
        base_pairs: list[tuple[str, str]] = []
        if base is not None and any(c.key == key for c in base.checklists):
            base_pairs = [(r.id, r.text) for r in base.checklist(key).requirements]
        given, registry = assign_ids(
            key, texts, edition=edition_id, registry=registry, base=base_pairs
        )
        assignments[key] = tuple(given)
        checklists.append(
            Checklist(
                key=key,
                annex=parsed_annex.number,
                edition=edition_id,
                annex_caption=parsed_annex.caption,
                title=parsed_annex.title,
                subjects=_subjects(parsed_annex.title),
                footnote=parsed_annex.footnote,
                header_fields=parsed_annex.header_fields,
                list_heading=parsed_annex.list_heading,
                columns=parsed_annex.columns,
                requirements=tuple(
                    Requirement(id=a.id, number=n, text=text, language=language, official=official)
                    for n, (a, text) in enumerate(zip(given, texts), start=1)
                ),
                signature_blocks=parsed_annex.signature_blocks,
            )
        )
        annexes.append(_annex_entry(parsed_annex, "in-force", key))
    if not checklists:
        raise ImportFormatError("the text sets out no checklist", source=parsed.source)
    edition = Edition(
        id=edition_id,
        aliases=tuple(aliases),
        act=acts[-1] if acts else parsed.original.id,
        text_available=True,
        source=EditionSource(
            file=parsed.source,
            sha256=parsed.sha256,
            publisher=publisher,
            language=language,
            official=official,
            status=status,
        ),
        annexes=tuple(annexes),
        checklists=tuple(checklists),
    )
    return ImportResult(edition=edition, assignments=assignments, registry=registry, base=base)


def original_edition(
    parsed: ParsedText, *, edition_id: str, aliases: Sequence[str] = (), reason: str
) -> Edition:
    """What a consolidated text tells of the original order, without its checklist texts.

    The original approved the annexes paragraph 1 lists. Annexes whose subparagraph
    still stands keep their title from it ("Checklist in the field of ...");
    annexes whose subparagraph was excluded are titled by their annex heading,
    which the consolidated text keeps. ``reason`` says why the texts are missing.
    """
    annexes = []
    items = dict(parsed.approved)
    for parsed_annex in parsed.annexes:
        item = items.get(parsed_annex.number, "")
        if item.startswith("excluded by"):
            title = parsed_annex.title
        else:
            title = re.sub(r",? in accordance with Annex \d+ to this Joint order[;.]?$", "", item)
            if not title or title == item:
                raise ImportFormatError(
                    f"paragraph 1 subparagraph {parsed_annex.number}) does not read "
                    f"'<title> in accordance with Annex {parsed_annex.number} to this Joint "
                    "order'",
                    source=parsed.source,
                )
        annexes.append(
            Annex(
                number=parsed_annex.number,
                title=title,
                status="in-force",
                footnote=None,
                checklist=_checklist_key(parsed_annex.number),
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


def import_edition(
    path: str | Path,
    *,
    edition_id: str,
    registry: Registry,
    base: Optional[Edition] = None,
    aliases: Sequence[str] = (),
    language: str = "en",
    official: bool = False,
) -> ImportResult:
    """Read an Adilet text file and import the edition it sets out.

    >>> from kz_inspection_checklists import edition, id_registry
    >>> result = import_edition("sources/V1900018805-en-2023-05-23.txt",
    ...                         edition_id="copy", base=edition("2023"),
    ...                         registry=id_registry())
    >>> result.ids_with_status("new"), len(result.ids_with_status("unchanged"))
    ([], 87)
    """
    if not _LANGUAGE.match(language):
        raise InvalidInputError(
            f"language {language!r} is not an ISO 639-1 code (two lower-case letters, e.g. "
            "en, kk, ru)"
        )
    if base is not None and not base.text_available:
        raise TextNotAvailableError(
            f"the base edition {base.id!r} holds no checklist texts to match IDs against: "
            f"{base.unavailable_reason}; import without a base, or with one whose texts "
            "are held"
        )
    source = Path(path)
    try:
        raw = read_input(source)
    except OSError as error:
        raise ImportFormatError(
            f"cannot read the file: {error.strerror or error}", source=repr(str(path))
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"the file is not UTF-8 text (byte {error.start})", source=str(path)
        ) from error
    parsed = parse(text, source=source.name, sha256=hashlib.sha256(raw).hexdigest())
    result = consolidated_edition(
        parsed,
        edition_id=edition_id,
        aliases=aliases,
        registry=registry,
        base=base,
        language=language,
        official=official,
        status="unofficial translation" if not official else "official text",
    )
    return result
