"""Plain text for people: a checklist, a diff, a history, a score, a migration, a verification.

In plain text a redline marks struck words ``[-like this-]`` and new words
``{+like this+}``.

>>> from kz_inspection_checklists import checklist
>>> print(checklist_text(checklist("electronic-signature")).splitlines()[-3])
  EDS-004   4. adherence to the requirement to prohibit the transfer of the private key of the electronic digital signature to other persons
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from .._text import printable
from ..law.edition import NUMBER_NOTE

if TYPE_CHECKING:
    from ..exceptions import Problem
    from ..importer.verify import Verification
    from ..law.diff import AnnexDiff, EditionDiff, Segment
    from ..law.edition import Checklist, Edition
    from ..law.history import History
    from ..law.order import Order
    from ..record.migrate import Migration
    from ..record.record import InspectionRecord
    from ..record.scoring import Score

__all__ = [
    "change_words",
    "checklist_text",
    "diff_text",
    "editions_json",
    "editions_text",
    "history_text",
    "migration_text",
    "order_json",
    "order_text",
    "problems_text",
    "record_text",
    "redline_text",
    "score_text",
    "shown_lines",
    "verification_text",
]


def shown_lines(lines: Sequence[str]) -> str:
    """Lines joined for a terminal: a character in a line that a terminal would act on
    (a newline or an ESC from the data) is shown as an escape (:func:`~.._text.printable`).

    >>> print(shown_lines(["group FAKE\\nline", "\\x1b[2J cleared?"]))
    group FAKE\\nline
    \\x1b[2J cleared?
    """
    return "\n".join(printable(line) for line in lines)


def checklist_text(checklist: Checklist) -> str:
    """The checklist as plain text: heading, then one line per requirement."""
    lines = [
        f"{checklist.annex_caption}",
        "",
        checklist.title,
        f"(edition {checklist.edition}; {len(checklist.requirements)} requirements)",
        "",
    ]
    lines += [f"  {r.id:<8} {r.number:>2}. {r.text}" for r in checklist.requirements]
    lines += ["", NUMBER_NOTE]
    return shown_lines(lines)


def redline_text(segments: tuple[Segment, ...]) -> str:
    """A redline as plain text.

    >>> from kz_inspection_checklists.law.diff import redline
    >>> redline_text(redline("a valid licence", "a licence held"))
    'a [-valid-] licence {+held+}'
    """
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[s.kind].format(s.text) for s in segments)


def annex_title(item: AnnexDiff) -> str:
    """``Annex N (key)``, or ``Annex N`` for an annex that is not a checklist."""
    return f"Annex {item.annex}" + (f" ({item.checklist})" if item.checklist else "")


def change_words(item: AnnexDiff, result: EditionDiff) -> str:
    """The annex's change in words that are true in the diff's direction."""
    if item.change is None:
        return "annex unchanged"
    if not result.backward:
        return item.change
    newer, older = result.from_edition, result.to_edition
    return {
        "added": f"added (in force in the older {older} only; the later {newer} excluded it)",
        "excluded": f"excluded (not yet in force in the older {older}; the later {newer} added it)",
        "restated": f"restated (the later {newer} sets it out anew)",
    }.get(item.change, item.change)


def diff_text(result: EditionDiff) -> str:
    """The diff as plain text, one block per annex.

    >>> from kz_inspection_checklists.law.diff import diff
    >>> print(diff_text(diff("2019", "2023", checklist=5)))
    diff 2019-original -> 2023-revision
    Annex 5 (electronic-signature): restated
      requirements not compared: the text of Annex 5 in edition '2019-original' is not available in this library
    """
    lines = [f"diff {result.from_edition} -> {result.to_edition}"]
    if result.backward:
        lines.append(f"(backward: {result.to_edition} is the older edition)")
    if result.is_empty:
        lines.append("no differences")
    for item in result.annexes:
        lines.append(f"{annex_title(item)}: {change_words(item, result)}")
        reqs = item.requirements
        if reqs is None:
            if item.note and item.checklist:
                lines.append(f"  requirements not compared: {item.note}")
            continue
        for label, entries in (("added", reqs.added), ("removed", reqs.removed)):
            if entries:
                lines.append(f"  {label}:")
                lines += [f"    {e.id}: {e.text}" for e in entries]
        if reqs.changed:
            lines.append("  changed:")
            lines += [f"    {c.id}: {redline_text(c.redline)}" for c in reqs.changed]
        if reqs.moved:
            lines.append(f"  moved: {', '.join(m.id for m in reqs.moved)}")
        lines.append(f"  unchanged: {reqs.unchanged}")
    return shown_lines(lines)


def history_text(result: History) -> str:
    """A requirement's history as plain text, edition by edition, oldest first.

    >>> from kz_inspection_checklists.law.history import history
    >>> print(history_text(history("EDS-001")))
    EDS-001
    2019-original: text not available in this library; whether EDS-001 stood in it is not known
    2023-revision (act amendment-2023-05-23: joint order No. 104/NK of 23.05.2023 and No. 76 of 23.05.2023): first
      electronic-signature No. 1: observance of the requirement to prevent refusals to accept electronic documents
    """
    lines = [result.id]
    by_edition = {entry.edition: entry for entry in result.entries}
    for name in result.editions:
        entry = by_edition.get(name)
        if name in result.unknown:
            lines.append(
                f"{name}: text not available in this library; whether {result.id} stood in "
                "it is not known"
            )
        elif entry is None:
            lines.append(f"{name}: not in this edition")
        else:
            act = f"act {entry.act}" + (f": {entry.act_title}" if entry.act_title else "")
            lines.append(f"{entry.edition} ({act}): {entry.status}")
            lines.append(f"  {entry.checklist} No. {entry.number}: {entry.text}")
    return shown_lines(lines)


def migration_text(result: Migration) -> str:
    """The migration report as plain text: counts, then the requirements not carried.

    >>> from kz_inspection_checklists.record.record import new_record
    >>> from kz_inspection_checklists.record.migrate import migrate
    >>> print(migration_text(migrate(new_record("electronic-signature"), "2023")))
    electronic-signature: 2023-revision -> 2023-revision
    carried 4, review needed 0, removed 0
    """
    counts = result.counts()
    lines = [
        f"{result.checklist}: {result.from_edition} -> {result.to_edition}",
        f"carried {counts['carried']}, review needed {counts['review-needed']}, "
        f"removed {counts['removed']}",
    ]
    for item in result.outcomes:
        if item.outcome == "carried":
            continue
        was = f"; was {item.verdict}" if item.verdict else ""
        lines.append(f"  {item.id}: {item.outcome} ({item.reason}{was})")
    return shown_lines(lines)


def verification_text(result: Verification) -> str:
    """The verification as plain text: a verdict line, then each difference."""
    if not result.drift:
        how = (
            "byte for byte the edition's source"
            if result.same_bytes
            else "the same data, though not byte for byte the edition's source"
        )
        return printable(f"{result.source}: no drift from edition {result.edition} ({how})")
    lines = [
        f"{result.source}: DRIFT from edition {result.edition}: "
        f"{len(result.differences)} difference(s)"
    ]
    for item in result.differences:
        if item.what == "requirement text changed":
            change = next(
                c
                for a in result.diff.annexes
                if a.requirements
                for c in a.requirements.changed
                if item.where.endswith(" " + c.id)
            )
            lines.append(f"  {item.where}: {item.what}: {redline_text(change.redline)}")
        elif item.what.startswith("requirement "):
            lines.append(f"  {item.where}: {item.what}: {item.source or item.bundled}")
        elif item.bundled is None and item.source is None:
            lines.append(f"  {item.where}: {item.what}")
        else:
            lines.append(f"  {item.where}: {item.what}: {item.bundled!r} -> {item.source!r}")
    return shown_lines(lines)


def _score_number(value: Optional[float]) -> str:
    # The one rounding rule of every format (scoring.rounded): weights are whole
    # thousandths, so three decimals show every flat score exactly.
    from ..record.scoring import decimal_text

    return "-" if value is None else decimal_text(value)


def _percent(value: Optional[float]) -> str:
    # A rate to the thousandth is a percentage to one decimal.
    from ..record.scoring import rounded

    rate = rounded(value)
    return "-" if rate is None else f"{100 * rate:.1f}%"


def score_text(result: Score, indent: str = "") -> str:
    """The score as text for people."""
    counts = result.counts
    assessed = result.total - counts["not-assessed"]
    applicable = counts["conforms"] + counts["does-not-conform"]
    lines = [
        f"{indent}{result.checklist}, edition {result.edition}: {result.total} requirements",
        *(f"{indent}  {name:<18}{counts[name]:>4}" for name in counts),
        f"{indent}completeness      {_percent(result.completeness)} ({assessed} of "
        f"{result.total} assessed){'' if result.complete else '; INCOMPLETE'}",
        f"{indent}compliance rate   {_percent(result.compliance_rate)} "
        f"({counts['conforms']} of {applicable} applicable requirements assessed conform)",
        f"{indent}XCCDF 1.2 scores:",
    ]
    for name, model in result.scores.items():
        note = ""
        if model.score is None:
            if name == "absolute":
                note = "  (incomplete, no non-conformity yet)"
            elif applicable:
                note = "  (every requirement assessed weighs 0)"
            else:
                note = "  (nothing applicable assessed)"
        lines.append(
            f"{indent}  {name:<16}{_score_number(model.score):>7} of {_score_number(model.maximum)}{note}"
        )
    if result.nonconforming:
        lines.append(f"{indent}does not conform:")
        lines += [f"{indent}  {r.id:<8} {r.number:>2}. {r.text}" for r in result.nonconforming]
    for name, group in result.groups.items():
        lines += ["", f"{indent}group {name}:", *score_text(group, indent + "  ").split("\n")]
    return shown_lines(lines)


def editions_text(editions: Sequence[Edition], latest: str) -> str:
    """The editions, their annexes and requirement counts, as ``kz-checklists list`` prints.

    >>> import kz_inspection_checklists as kz
    >>> print(editions_text(kz.editions(), "2023-revision").splitlines()[-1])
      Annex 5  in-force  electronic-signature  4 requirements
    """
    lines = []
    for edition in editions:
        names = ", ".join([*edition.aliases, *(["latest"] if edition.id == latest else [])])
        lines.append(f"{edition.id} ({names}) by act {edition.act}")
        if not edition.text_available:
            lines.append("  checklist texts not available in this library")
        for annex in edition.annexes:
            key = annex.checklist or ""
            count = (
                f"{len(edition.checklist(annex.number).requirements)} requirements"
                if annex.text_available and annex.checklist
                else ""
            )
            lines.append(f"  Annex {annex.number}  {annex.status:<9} {key:<21} {count}".rstrip())
    return shown_lines(lines)


def editions_json(
    editions: Sequence[Edition], latest: str, order: Optional[Order] = None
) -> dict[str, Any]:
    """The editions as ``kz-checklists list --format json`` prints them, and the order's
    own text under ``"order"`` when ``order`` is given."""
    return {
        "editions": [
            {
                "id": edition.id,
                "aliases": list(edition.aliases),
                "latest": edition.id == latest,
                "act": edition.act,
                "text_available": edition.text_available,
                "annexes": [
                    {
                        "annex": a.number,
                        "title": a.title,
                        "status": a.status,
                        "checklist": a.checklist,
                        "requirements": len(edition.checklist(a.number).requirements)
                        if a.text_available and a.checklist
                        else None,
                    }
                    for a in edition.annexes
                ],
            }
            for edition in editions
        ],
        **({"order": order_json(order)} if order is not None else {}),
    }


def order_text(order: Order) -> str:
    """The order's own text in brief, as ``kz-checklists list`` prints it after the editions:
    its legal basis, each paragraph's opening words, the acts it terminates and who signed,
    each with the line of the source it stands on.

    >>> import kz_inspection_checklists as kz
    >>> print(order_text(kz.order()).splitlines()[2])
      paragraph 1 (line 11): To approve: 5 subparagraphs (1), 2) excluded)
    """
    text = order.provisions
    if text is None:
        return shown_lines([f"order {order.registration.number}: its own text is not held"])
    file = text.legal_basis.source.file
    lines = [
        f"the order's own text, as edition {text.edition} sets it out ({file}):",
        f"  legal basis (line {text.legal_basis.source.line}): {text.legal_basis.text}",
    ]
    for paragraph in text.paragraphs:
        subs = paragraph.subparagraphs
        more = ""
        if subs:
            more = f" {len(subs)} subparagraph{'s' if len(subs) != 1 else ''}"
            gone = [f"{s.number})" for s in subs if s.excluded]
            if gone:
                more += f" ({', '.join(gone)} excluded)"
        lines.append(
            f"  paragraph {paragraph.number} (line {paragraph.source.line}): {paragraph.text}{more}"
        )
    for act in text.terminated:
        numbers = "/".join(issuer.number for issuer in act.issuers)
        lines.append(
            f"  terminated (line {act.source.line}): No. {numbers}, registration No. "
            f"{act.registration_number}"
        )
    for signatory in text.signatories:
        lines.append(
            f"  signed (line {signatory.source.line}): {signatory.position}, {signatory.name}"
        )
    return shown_lines(lines)


def order_json(
    order: Order, edition: Optional[str] = None, language: Optional[str] = None
) -> dict[str, Any]:
    """The order's title, registration and own text, as ``list`` and ``show`` print them in
    JSON under ``"order"``: ``provisions`` is ``null`` unless the order's own text is held
    for ``edition`` in ``language`` (when given).
    """
    text = order.provisions
    held = (
        text is not None
        and (edition is None or text.edition == edition)
        and (language is None or text.language == language)
    )
    return {
        "title": order.title,
        "registration": order.registration.model_dump(mode="json"),
        "provisions": text.model_dump(mode="json") if held and text is not None else None,
    }


def problems_text(path: str, problems: Sequence[Problem]) -> str:
    """An invalid record's problems, one a line, as ``validate`` and ``score`` print them."""
    count = len(problems)
    lines = [f"{path}: invalid inspection record, {count} problem{'s' if count != 1 else ''}:"]
    lines += [f"  {problem}" for problem in problems]
    return shown_lines(lines)


def record_text(path: str, record: InspectionRecord) -> str:
    """What ``validate`` says of a valid record: its checklist, edition and progress."""
    assessed = sum(v is not None for v in record.verdicts)
    return (
        f"{path}: valid inspection record ({record.checklist}, edition {record.edition}; "
        f"{assessed} of {len(record.ids)} requirements assessed; "
        f"{'final' if record.final else 'not final'})"
    )
