"""The order's own text as data: legal basis, paragraphs, terminated acts, signatories.

Every value is the source's own words at the line it names, and ``list`` and ``show``
carry them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import DataFileError
from kz_inspection_checklists.importer.grammar import load_grammar
from kz_inspection_checklists.importer.parse import parse
from kz_inspection_checklists.importer.provisions import order_text
from kz_inspection_checklists.law.order import OrderText, SourceLine

from .conftest import SOURCE_TEXT


def _lines() -> list[str]:
    return SOURCE_TEXT.read_text(encoding="utf-8").splitlines()


def _stands_at(text: str, where: SourceLine) -> None:
    """``text`` is the source's words from the line ``where`` names on (lines joined)."""
    assert where.file == SOURCE_TEXT.name
    lines = _lines()
    block = []
    for line in lines[where.line - 1 :]:
        if not line.strip():
            break
        block.append(line.strip())
    assert text in " ".join(block), (text, where.line)


def _provisions() -> OrderText:
    text = kz.order().provisions
    assert text is not None
    return text


def test_every_provision_is_the_source_at_its_line() -> None:
    text = _provisions()
    _stands_at(text.legal_basis.text, text.legal_basis.source)
    assert text.legal_basis.text.startswith("In accordance with paragraph 3 of Article 141")
    assert text.legal_basis.citation in text.legal_basis.text
    for paragraph in text.paragraphs:
        _stands_at(f"{paragraph.number}. {paragraph.text}", paragraph.source)
        for sub in paragraph.subparagraphs:
            _stands_at(f"{sub.number}) {sub.text}", sub.source)
    for signatory in text.signatories:
        _stands_at(signatory.position.split()[0], signatory.source)
    for block in text.other_blocks:
        _stands_at(block.text, block.source)


def test_the_paragraphs_are_those_of_the_text() -> None:
    text = _provisions()
    assert [(p.number, p.source.line) for p in text.paragraphs] == [
        (1, 11),
        (2, 22),
        (3, 28),
        (4, 38),
        (5, 40),
    ]
    committee = text.paragraph(3)
    assert committee is not None and [s.number for s in committee.subparagraphs] == [1, 2, 3, 4]
    assert committee.text.startswith("The Telecommunications Committee")
    control = text.paragraph(4)
    assert control is not None and control.text.startswith("The control over the execution")
    first = text.paragraph(1)
    assert first is not None
    assert [s.excluded for s in first.subparagraphs] == [True, True, False, False, False]
    assert text.paragraph(6) is None


def test_terminated_acts_with_their_numbers() -> None:
    acts = _provisions().terminated
    assert [
        (a.paragraph, a.subparagraph, [i.number for i in a.issuers], a.registration_number)
        for a in acts
    ] == [(2, 1, ["1275", "841"], "12990"), (2, 2, ["456", "40"], "17675")]
    first = acts[0]
    assert first.issuers[0].authority == (
        "Acting Minister for Investment and Development of the Republic of Kazakhstan"
    )
    assert [i.date.date.isoformat() for i in first.issuers if i.date.date] == [
        "2015-12-30",
        "2015-12-31",
    ]
    assert first.title.startswith("“On approval of risk assessment criteria")
    assert (
        first.published == 'published in the legal information system "Adilet" on February 16, 2016'
    )
    for act in acts:
        assert act.title in act.words and act.published in act.words
        _stands_at(act.words, act.source)


def test_the_signatories_are_two_ministers() -> None:
    text = _provisions()
    assert [(s.position, s.name) for s in text.signatories] == [
        (
            "Minister of Digital Development, Defense and Aerospace Industry of the Republic of "
            "Kazakhstan",
            "A. Zhumagaliyev",
        ),
        ("Minister of National Economy of the Republic of Kazakhstan", "R. Dalenov"),
    ]
    # The block after them is no signature: the text does not say what it is.
    assert [b.text for b in text.other_blocks] == [
        "Committee on Legal Statistics and Special Records of the General Prosecutor's Office "
        "of the Republic of Kazakhstan"
    ]


def test_the_text_is_that_of_one_edition() -> None:
    text = _provisions()
    assert (text.edition, text.language) == ("2023-revision", "en")
    assert kz.edition("2023").source is not None
    assert text.legal_basis.source.file == kz.edition("2023").source.file


def test_a_grammar_without_the_words_reads_no_provisions(source_text: str) -> None:
    bare = load_grammar("adilet-en").model_copy(update={"legal_basis": None})
    assert order_text(parse(source_text, grammar=bare), edition="x") is None


def test_paragraphs_out_of_order_are_refused(source_text: str) -> None:
    broken = source_text.replace("4. The control over", "7. The control over")
    with pytest.raises(
        DataFileError, match="line 38: expected paragraph 4 here, found paragraph 7"
    ):
        order_text(parse(broken, source="t.txt"), edition="x")


def test_a_terminated_act_not_in_the_layout_is_refused(source_text: str) -> None:
    broken = source_text.replace("(registered in the Register of State Registration", "(filed", 1)
    with pytest.raises(DataFileError, match="line 24: subparagraph 1\\) of paragraph 2"):
        order_text(parse(broken, source="t.txt"), edition="x")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_junk_text_raises_only_data_file_error(source_text: str, data: st.DataObject) -> None:
    lines = source_text.splitlines()[:60]
    picks = data.draw(st.lists(st.integers(0, len(lines) - 1), max_size=60))
    junk = "\n".join(lines[i] for i in picks) + "\n" + "\n".join(source_text.splitlines()[57:])
    try:
        parsed = parse(junk, source="junk.txt")
        order_text(parsed, edition="x")
    except DataFileError as error:
        assert str(error).startswith("junk.txt")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_list_carries_the_order_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "list", "--format", "json")
    shown = json.loads(out)
    assert code == 0 and "editions" in shown
    assert shown["order"]["provisions"] == _provisions().model_dump(mode="json")
    code, out = _run(capsys, "list")
    assert "terminated (line 26): No. 456/40, registration No. 17675" in out
    assert (
        "signed (line 48): Minister of National Economy of the Republic of Kazakhstan, R. Dalenov"
        in out
    )


def test_show_json_carries_the_order_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "show", "electronic-signature", "--format", "json")
    shown = json.loads(out)
    assert code == 0 and shown["key"] == "electronic-signature"
    assert shown["order"]["registration"]["number"] == "18805"
    assert shown["order"]["provisions"]["legal_basis"]["source"]["line"] == 9
