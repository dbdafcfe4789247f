"""The order's own text read from a parsed source: legal basis, paragraphs, terminated acts, signatures.

The words it looks for come from the grammar (``legal_basis``, ``paragraph``, ``item``,
``terminate``, ``terminated_act``, ``blank``): the sentence "In accordance with ...", then
the numbered paragraphs "N. ..." with their subparagraphs "N) ...", then the signature
blocks, each a position and a name after a blank line "____", up to the first annex.
Every value is verbatim and carries the line it stands on. A grammar without these
words reads no provisions (``None``).

>>> from pathlib import Path
>>> from kz_inspection_checklists.importer.parse import parse
>>> text = Path("sources/V1900018805-en-2023-05-23.txt").read_text(encoding="utf-8")
>>> provisions = order_text(parse(text, source="V1900018805-en-2023-05-23.txt"),
...                         edition="2023-revision")
>>> [(p.number, len(p.subparagraphs)) for p in provisions.paragraphs]
[(1, 5), (2, 2), (3, 4), (4, 0), (5, 0)]
>>> [(a.registration_number, [i.number for i in a.issuers]) for a in provisions.terminated]
[('12990', ['1275', '841']), ('17675', ['456', '40'])]
>>> [(s.name, s.source.line) for s in provisions.signatories]
[('A. Zhumagaliyev', 42), ('R. Dalenov', 48)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from re import Pattern
from typing import Optional

from ..exceptions import DataFileError
from ..law.order import (
    DateAsGiven,
    Issuer,
    LegalBasis,
    OrderText,
    Paragraph,
    Signatory,
    SourceLine,
    Subparagraph,
    TerminatedAct,
    TextBlock,
)
from .parse import ParsedText

__all__ = ["order_text"]

_Error = Callable[[str, Optional[int]], DataFileError]
_Where = Callable[[int], SourceLine]
#: A block of non-blank lines: each line's number (from 1) and its stripped text.
_Block = list[tuple[int, str]]


def _blocks(lines: Sequence[str], stop: int) -> Iterator[_Block]:
    block: _Block = []
    for index in range(stop):
        text = lines[index].strip()
        if text:
            block.append((index + 1, text))
        elif block:
            yield block
            block = []
    if block:
        yield block


class _Draft:
    """A paragraph being read: its number, words, line and subparagraphs."""

    def __init__(self, number: int, text: str, line: int) -> None:
        self.number, self.text, self.line = number, text, line
        self.items: list[list[object]] = []  # [number, text, line]


def order_text(parsed: ParsedText, *, edition: str) -> Optional[OrderText]:
    """The order's legal basis, paragraphs and signatures as ``parsed`` sets them out.

    ``edition`` names the edition whose text ``parsed`` is. ``None`` where the grammar
    has no words for them; :class:`DataFileError` naming the line where the text is not
    in their shape.
    """
    words = parsed.grammar
    if words.legal_basis is None or words.paragraph is None:
        return None

    def where(line: int) -> SourceLine:
        return SourceLine(file=parsed.source, line=line)

    def error(message: str, line: Optional[int]) -> DataFileError:
        return DataFileError(message, line=line, source=parsed.source)

    lines = parsed.lines
    heading = words.pattern("annex_heading")
    stop = next((i for i, line in enumerate(lines) if heading.match(line.strip())), len(lines))
    blocks = list(_blocks(lines, stop))
    basis_pattern = words.pattern("legal_basis")
    at = next(
        (i for i, b in enumerate(blocks) if basis_pattern.match(" ".join(t for _, t in b))), None
    )
    if at is None:
        raise error(f"no sentence matching {words.legal_basis!r} before the annexes", 1)
    basis_text = " ".join(t for _, t in blocks[at])
    found = basis_pattern.match(basis_text)
    assert found is not None
    basis = LegalBasis(text=basis_text, citation=found["citation"], source=where(blocks[at][0][0]))

    paragraph, item = words.pattern("paragraph"), words.pattern("item")
    drafts: list[_Draft] = []
    rest = blocks[at + 1 :]
    while rest:
        first = rest[0][0][1]
        if not (paragraph.match(first) or (drafts and item.match(first))):
            break
        for number, text in rest.pop(0):
            own, sub = paragraph.match(text), item.match(text)
            if own:
                drafts.append(_Draft(_number(own["number"], number, error), own["text"], number))
            elif sub and drafts:
                drafts[-1].items.append(
                    [_number(sub["number"], number, error), sub["text"], number]
                )
            elif drafts and drafts[-1].items:
                drafts[-1].items[-1][1] = f"{drafts[-1].items[-1][1]} {text}"
            elif drafts:
                drafts[-1].text = f"{drafts[-1].text} {text}"
            else:
                raise error(f"expected a paragraph 'N. ...', found {text[:40]!r}", number)
    if not drafts:
        raise error("no paragraph 'N. ...' follows the legal basis", blocks[at][0][0])
    for expected, draft in enumerate(drafts, start=1):
        if draft.number != expected:
            raise error(
                f"expected paragraph {expected} here, found paragraph {draft.number}: the "
                "paragraphs must run from 1 with none missing or repeated",
                draft.line,
            )
    excluded = words.pattern("excluded_item")
    paragraphs = tuple(
        Paragraph(
            number=draft.number,
            text=draft.text,
            subparagraphs=tuple(
                Subparagraph(
                    number=int(str(n)),
                    text=str(t),
                    excluded=excluded.match(str(t)) is not None,
                    source=where(int(str(line))),
                )
                for n, t, line in draft.items
            ),
            source=where(draft.line),
        )
        for draft in drafts
    )
    signatories, others = _signatures(rest, words.pattern("blank"), where)
    return OrderText(
        edition=edition,
        language=words.language,
        legal_basis=basis,
        paragraphs=paragraphs,
        terminated=_terminated(parsed, paragraphs, error),
        signatories=signatories,
        other_blocks=others,
    )


def _number(text: str, line: int, error: _Error) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise error(f"cannot read {text[:20]!r} as a number of at most 4 digits", line)
    return int(text)


def _terminated(
    parsed: ParsedText, paragraphs: Sequence[Paragraph], error: _Error
) -> tuple[TerminatedAct, ...]:
    """The acts the paragraph of termination names, each subparagraph read whole."""
    words = parsed.grammar
    if words.terminate is None or words.terminated_act is None:
        return ()
    intro, act = words.pattern("terminate"), words.pattern("terminated_act")
    found: list[TerminatedAct] = []
    for paragraph in paragraphs:
        if not intro.match(paragraph.text):
            continue
        for sub in paragraph.subparagraphs:
            match = act.match(sub.text)
            if match is None:
                raise error(
                    f"subparagraph {sub.number}) of paragraph {paragraph.number} does not read "
                    f"{words.terminated_act_form or words.terminated_act!r}",
                    sub.source.line,
                )

            def date(text: str, line: int = sub.source.line) -> DateAsGiven:
                day = words.date(text)
                if day is None:
                    raise error(f"cannot read the date {text!r}", line)
                return DateAsGiven(text=text, date=day)

            found.append(
                TerminatedAct(
                    paragraph=paragraph.number,
                    subparagraph=sub.number,
                    issuers=(
                        Issuer(authority=match["a1"], number=match["n1"], date=date(match["d1"])),
                        Issuer(authority=match["a2"], number=match["n2"], date=date(match["d2"])),
                    ),
                    title=match["title"],
                    registration_number=match["rn"],
                    published=match["published"],
                    words=sub.text,
                    source=sub.source,
                )
            )
    return tuple(found)


def _signatures(
    blocks: Sequence[_Block], blank: Pattern[str], where: _Where
) -> tuple[tuple[Signatory, ...], tuple[TextBlock, ...]]:
    """Signature blocks (lines of a position, then a blank line and a name) and the rest."""
    signatories: list[Signatory] = []
    others: list[TextBlock] = []
    for block in blocks:
        texts = [text for _, text in block]
        marked = next((i for i, t in enumerate(texts) if blank.search(t)), None)
        line = where(block[0][0])
        if marked is None or marked == 0:
            others.append(TextBlock(text=" ".join(texts), source=line))
            continue
        name = blank.split(texts[marked])[-1].strip()
        position = " ".join(texts[:marked])
        signatories.append(Signatory(position=position, name=name, source=line))
        if texts[marked + 1 :]:
            others.append(
                TextBlock(text=" ".join(texts[marked + 1 :]), source=where(block[marked + 1][0]))
            )
    return tuple(signatories), tuple(others)
