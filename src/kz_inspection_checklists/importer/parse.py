"""Parsing: an Adilet plain text of the order read into its parts, by a grammar's words.

It reads the text as the publisher lays it out (the source kept in the project's
``sources/`` is one): the title, the preamble naming the joint order and its
registration, paragraph 1 listing the annexes, then each annex with its caption,
title, footnote, the form's header fields, the "List of requirements" block and the
signature blocks. The words it looks for come from a :class:`~.grammar.Grammar`.
Where the text is not in that shape, :class:`~kz_inspection_checklists.exceptions.DataFileError`
names the line.

>>> text = "\\n".join(["Title", "", "Joint order of ... (not the expected preamble)"])
>>> parse(text, source="example.txt")
Traceback (most recent call last):
    ...
kz_inspection_checklists.exceptions.DataFileError: example.txt, line 3: expected the preamble 'Joint order of the <minister> dated <date> № <number> and the <minister> dated <date> № <number>. Registered with the Ministry of Justice ... on <date> № <number>.'

Texts are kept as written: only the whitespace around a line is stripped, and the lines
of one paragraph are joined with single spaces. The work is linear in the text's length.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Optional, Union

from .._suggest import shown
from .._text import number as _number
from .._text import unsafe
from ..exceptions import DataFileError
from ..law.edition import HeaderField, SignatureBlock
from ..law.order import Act, DateAsGiven, EntryIntoForce, Issuer, Registration
from .grammar import Grammar, default_grammar, load_grammar

__all__ = ["ParsedAnnex", "ParsedText", "parse", "read_file", "read_text"]


@dataclass(frozen=True)
class _Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class ParsedAnnex:
    """One annex as it stands in a source text.

    ``header_fields`` are the form's header labels and suffixes, in order, without keys
    (the order's form gives them), from ``header_line`` on; ``requirements`` are
    ``(line, text)`` pairs.
    """

    number: int
    line: int
    caption: str
    title: str
    footnote: Optional[str]
    excluded: bool = False
    header_line: Optional[int] = None
    header_fields: tuple[tuple[str, str], ...] = ()
    list_heading: str = ""
    columns: tuple[str, ...] = ()
    requirements: tuple[tuple[int, str], ...] = ()
    signature_blocks: tuple[SignatureBlock, ...] = ()

    @property
    def is_checklist(self) -> bool:
        return bool(self.list_heading)

    def with_keys(self, keys: Sequence[str]) -> tuple[HeaderField, ...]:
        """The header fields with the order's keys, which must be as many."""
        return tuple(
            HeaderField(key=key, label=label, suffix=suffix)
            for key, (label, suffix) in zip(keys, self.header_fields)
        )


@dataclass(frozen=True)
class ParsedText:
    """Everything the importer reads from one text of the order."""

    source: str
    sha256: str
    grammar: Grammar
    title: str
    original: Act
    amendments: tuple[Act, ...]
    approved: tuple[tuple[int, str], ...]
    annexes: tuple[ParsedAnnex, ...]
    acts_by_footnote: dict[str, str] = field(default_factory=dict)
    #: The text's lines, as split for reading (line N is ``lines[N - 1]``).
    lines: tuple[str, ...] = ()

    def annex(self, number: int) -> ParsedAnnex:
        for annex in self.annexes:
            if annex.number == number:
                return annex
        raise DataFileError(f"the text has no Annex {number}", source=self.source)

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


class _Reader:
    """One text being read: its lines, the grammar, and where to report problems."""

    def __init__(self, text: str, source: str, grammar: Grammar) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.source = source
        self.grammar = grammar

    def error(self, message: str, line: Optional[int]) -> DataFileError:
        return DataFileError(message, line=line, source=self.source)

    def number(self, text: str, line: int) -> int:
        """A number the text writes (an annex's, a subparagraph's), of a few digits."""
        found = _number(text, 4)
        if found is None:
            raise self.error(f"cannot read {shown(text)} as a number of at most 4 digits", line)
        return found

    def date(self, text: str, line: int) -> DateAsGiven:
        day = self.grammar.date(text)
        if day is None:
            raise self.error(f"cannot read the date {text!r}", line)
        return DateAsGiven(text=text, date=day)

    def entry(self, rule: str, provenance: str) -> EntryIntoForce:
        return EntryIntoForce(
            rule=rule, days_after_publication=self.grammar.days(rule), provenance=provenance
        )


def parse(
    text: str, *, source: str = "source", sha256: Optional[str] = None, grammar: object = None
) -> ParsedText:
    """Parse a text of the order laid out as ``grammar`` (default: Adilet's English).

    ``source`` names the text in error messages (usually its file name); ``sha256`` is
    the hash of the file's raw bytes, when the text was read from one (by default the
    hash of the text as UTF-8). ``grammar`` is a :class:`~.grammar.Grammar`, a grammar's
    name or the path of a grammar file.
    """
    if not isinstance(text, str):
        raise DataFileError(f"expected the text as a str, not {type(text).__name__}", source=source)
    words = load_grammar("adilet-en" if grammar is None else grammar)  # type: ignore[arg-type]
    reader = _Reader(text, source, words)
    for number, line in enumerate(reader.lines, start=1):
        problem = unsafe(line)
        if problem:
            raise reader.error(f"the text {problem}", number)
    lines = reader.lines
    paragraphs = list(_paragraphs(lines, 0, len(lines)))
    if not paragraphs:
        raise reader.error("the text is empty", 1)
    title = paragraphs[0].text
    original = _original(reader, paragraphs)

    heading = words.pattern("annex_heading")
    annex_starts = [i for i, line in enumerate(lines) if heading.match(line.strip())]
    if not annex_starts:
        raise reader.error(f"no annex heading {words.annex_heading_form!r} was found", len(lines))
    approved = _approved_items(reader, paragraphs, annex_starts[0])
    footer = next(
        (i for i, line in enumerate(lines) if line.strip().startswith(words.footer)), len(lines)
    )
    after_footer = [i for i in annex_starts if i > footer]
    if after_footer:
        raise reader.error(
            f"an annex heading follows the end of the page (line {footer + 1}); is the file "
            "two texts in one?",
            after_footer[0] + 1,
        )
    annexes = tuple(
        _annex(reader, start, stop)
        for start, stop in zip(annex_starts, [*annex_starts[1:], footer])
    )
    _check_annex_numbers(reader, annexes, approved)
    amendments, acts_by_footnote = _amendments(reader)
    return ParsedText(
        source=source,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        grammar=words,
        title=title,
        original=original,
        amendments=amendments,
        approved=approved,
        annexes=annexes,
        acts_by_footnote=acts_by_footnote,
        lines=tuple(lines),
    )


def _original(reader: _Reader, paragraphs: Sequence[_Paragraph]) -> Act:
    """The original order, from the preamble and the paragraph on entry into force."""
    words = reader.grammar
    preamble = next((p for p in paragraphs if p.text.startswith(words.preamble_start)), None)
    layout = (
        f" (the text is read as grammar {words.grammar!r} lays it out; a text in another "
        "language or layout needs its grammar: see docs/sources.md)"
    )
    if preamble is None:
        raise reader.error(f"no preamble starting {words.preamble_start!r} was found{layout}", 1)
    match = words.pattern("preamble").match(preamble.text)
    if not match:
        raise reader.error(f"expected the preamble {words.preamble_form!r}", preamble.line)
    rule = words.pattern("entry_into_force")
    entry = next((m for p in paragraphs if (m := rule.match(p.text))), None)
    if entry is None:
        raise reader.error(f"no paragraph {words.entry_into_force_form!r} was found", preamble.line)
    at = preamble.line
    return Act(
        id="original",
        kind="original",
        issuers=(
            Issuer(authority=match["a1"], number=match["n1"], date=reader.date(match["d1"], at)),
            Issuer(authority=match["a2"], number=match["n2"], date=reader.date(match["d2"], at)),
        ),
        registration=Registration(number=match["rn"], date=reader.date(match["rd"], at)),
        entry_into_force=reader.entry(
            entry["rule"], f"paragraph {entry['paragraph']} of the order"
        ),
        provenance=preamble.text,
    )


def _amendments(reader: _Reader) -> tuple[tuple[Act, ...], dict[str, str]]:
    """The amending acts the notes and footnotes name, and which note names which act."""
    words = reader.grammar
    amendments: dict[tuple[str, ...], Act] = {}
    acts_by_footnote: dict[str, str] = {}
    patterns = words.patterns("amendments")
    for number, raw in enumerate(reader.lines, start=1):
        if words.amendment_line not in raw:
            continue
        note = raw.strip()
        for pattern in patterns:
            found = pattern.search(note)
            if not found:
                continue
            key = (found["n1"], found["d1"], found["n2"], found["d2"])
            if key not in amendments:
                first = reader.date(found["d1"], number)
                assert first.date is not None
                amendments[key] = Act(
                    id=f"amendment-{first.date.isoformat()}",
                    kind="amendment",
                    issuers=(
                        Issuer(authority=found["a1"], number=found["n1"], date=first),
                        Issuer(
                            authority=found["a2"],
                            number=found["n2"],
                            date=reader.date(found["d2"], number),
                        ),
                    ),
                    entry_into_force=reader.entry(
                        found["rule"].strip(), _where(reader, note, number)
                    ),
                    provenance=note,
                )
            acts_by_footnote[note] = amendments[key].id
            break
    return tuple(amendments.values()), acts_by_footnote


def _check_annex_numbers(
    reader: _Reader, annexes: Sequence[ParsedAnnex], approved: Sequence[tuple[int, str]]
) -> None:
    """Annexes run 1, 2, 3, ... with none missing or repeated, as paragraph 1 lists them.

    A text cut short, or with an annex left out, must not pass for an edition in which
    that annex is gone: only a footnote saying "excluded" removes an annex.
    """
    for expected, annex in enumerate(annexes, start=1):
        if annex.number != expected:
            raise reader.error(
                f"expected Annex {expected} here, found Annex {annex.number}: annexes must run "
                "from 1 with none missing or repeated",
                annex.line,
            )
    listed = [number for number, _ in approved]
    if len(annexes) < max(listed, default=0):
        raise reader.error(
            f"paragraph 1 lists {max(listed)} annexes but the text has {len(annexes)}: it has "
            f"no Annex {len(annexes) + 1}; is it cut short?",
            annexes[-1].line if annexes else None,
        )


def _where(reader: _Reader, note: str, line: int) -> str:
    """Where in the order a note stands, in the order's own terms."""
    item = reader.grammar.pattern("item").match(note)
    if item:
        return f"the note on subparagraph {item['number']}) of paragraph 1"
    annex = reader.grammar.pattern("footnote_annex").match(note)
    if annex:
        return f"the footnote to Annex {annex['annex']}"
    return f"line {line}"


def _approved_items(
    reader: _Reader, paragraphs: Sequence[_Paragraph], stop: int
) -> tuple[tuple[int, str], ...]:
    """The subparagraphs of paragraph 1 ('To approve:'), numbered as in the text."""
    words = reader.grammar
    approve, item = words.pattern("approve"), words.pattern("item")
    items: list[tuple[int, str]] = []
    inside = False
    for paragraph in paragraphs:
        if paragraph.line > stop:
            break
        if approve.match(paragraph.text):
            inside = True
            continue
        if inside:
            for line in paragraph.lines:
                match = item.match(line)
                if not match:
                    inside = False
                    break
                items.append((reader.number(match["number"], paragraph.line), match["text"]))
            if items and not inside:
                break
    if not items:
        raise reader.error(
            f"paragraph {words.approve_form!r} with its subparagraphs '1) ...' was not found", 1
        )
    return tuple(items)


def _annex(reader: _Reader, start: int, stop: int) -> ParsedAnnex:
    words = reader.grammar
    paragraphs = list(_paragraphs(reader.lines, start, stop))
    caption, *rest = paragraphs
    heading = words.pattern("annex_heading").match(caption.lines[0])
    assert heading is not None  # the annex starts were found by this pattern
    number = reader.number(heading["number"], caption.line)
    if not rest:
        raise reader.error(f"Annex {number} has no title", caption.line)
    title = rest[0]
    has_footnote = len(rest) > 1 and words.pattern("footnote").match(rest[1].text) is not None
    footnote = rest[1].text if has_footnote else None
    excluded = footnote is not None and words.pattern("excluded_annex").match(footnote) is not None
    body = rest[2:] if footnote else rest[1:]
    heading_at = next((i for i, p in enumerate(body) if p.text == words.list_heading), None)
    if heading_at is None:
        return ParsedAnnex(number, caption.line, caption.text, title.text, footnote, excluded)

    fields = _header_fields(reader, body[:heading_at], number)
    after = body[heading_at + 1 :]
    columns = []
    for pattern in words.patterns("columns"):
        if after and pattern.match(after[0].text):
            columns.append(after.pop(0).text)
    if len(columns) != len(words.columns):
        raise reader.error(
            f"Annex {number}: expected the columns {words.columns_form} after "
            f"{words.list_heading!r}",
            after[0].line if after else body[heading_at].line,
        )
    blank = words.pattern("blank")
    signature_at = next((i for i, p in enumerate(after) if blank.search(p.text)), None)
    if signature_at is None:
        raise reader.error(
            f"Annex {number}: no signature block ({words.signature_form!r}) after the requirements",
            after[-1].line if after else body[heading_at].line,
        )
    requirements = tuple((p.line, p.text) for p in after[:signature_at])
    if not requirements:
        raise reader.error(
            f"Annex {number}: the list of requirements is empty", after[signature_at].line
        )
    return ParsedAnnex(
        number=number,
        line=caption.line,
        caption=caption.text,
        title=title.text,
        footnote=footnote,
        excluded=excluded,
        header_line=body[0].line if heading_at else body[heading_at].line,
        header_fields=fields,
        list_heading=words.list_heading,
        columns=tuple(columns),
        requirements=requirements,
        signature_blocks=_signature_blocks(reader, after[signature_at:], number),
    )


def _header_fields(
    reader: _Reader, paragraphs: Sequence[_Paragraph], number: int
) -> tuple[tuple[str, str], ...]:
    """The form's header: each field ends with a blank; a label may run over lines."""
    blank_pattern = reader.grammar.pattern("blank")
    labels: list[tuple[str, str]] = []
    pending: list[str] = []
    for paragraph in paragraphs:
        for offset, line in enumerate(paragraph.lines):
            blank = blank_pattern.search(line)
            if not blank:
                pending.append(line)
                continue
            label = " ".join([*pending, line[: blank.start()].strip()]).strip()
            suffix = blank_pattern.split(line)[-1].strip()
            if not label:
                raise reader.error(
                    f"Annex {number}: a header field has a blank '____' but no label before it",
                    paragraph.line + offset,
                )
            labels.append((label, suffix))
            pending = []
    if pending:
        raise reader.error(
            f"Annex {number}: the header's last lines end in no blank '____' before "
            f"{reader.grammar.list_heading!r}",
            paragraphs[-1].line,
        )
    return tuple(labels)


def _signature_blocks(
    reader: _Reader, paragraphs: Sequence[_Paragraph], number: int
) -> tuple[SignatureBlock, ...]:
    blank_pattern = reader.grammar.pattern("blank")
    blocks: list[tuple[str, list[str]]] = []
    for paragraph in paragraphs:
        for line in paragraph.lines:
            blank = blank_pattern.search(line)
            if blank:
                blocks.append((line[: blank.start()].strip(), []))
            elif blocks:
                blocks[-1][1].append(line)
    if not blocks or any(not captions for _, captions in blocks):
        raise reader.error(
            f"Annex {number}: each signature block needs a role line with blanks and captions",
            paragraphs[0].line,
        )
    return tuple(SignatureBlock(role=role, captions=tuple(caps)) for role, caps in blocks)


def read_file(path: object, what: str) -> bytes:
    """The bytes of a file the importer reads (``what``: "a source text"), or
    :class:`DataFileError` saying why not."""
    from .._files import read_input

    if not isinstance(path, (str, PurePath)):
        raise DataFileError(
            f"{what} is named by a path (a string), not {type(path).__name__} {shown(path)}"
        )
    try:
        return read_input(path)
    except OSError as error:
        raise DataFileError(
            f"cannot read the file: {error.strerror or error}", source=repr(str(path))
        ) from None


def read_text(
    path: Union[str, PurePath], grammar: object = None, language: Optional[str] = None
) -> ParsedText:
    """Read and parse a text file (UTF-8, a byte order mark allowed).

    ``grammar`` is a grammar, its name or its file; by default the one for ``language``
    (:func:`~.grammar.default_grammar`).
    """
    from .._files import decode_utf8

    raw = read_file(path, "a source text")
    source = Path(path)
    try:
        text = decode_utf8(raw)
    except ValueError as error:
        raise DataFileError(str(error), source=str(path)) from None
    chosen = default_grammar(language) if grammar is None else grammar
    return parse(text, source=source.name, sha256=hashlib.sha256(raw).hexdigest(), grammar=chosen)
