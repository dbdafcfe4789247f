"""Every human-facing export says what its text is, from the edition's ``source``.

A printed form of the bundled edition must say it is an unofficial translation; a form
of an edition imported as an official text must not. The wording comes from the data:
changing the edition's source changes the notice.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import InvalidInputError
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports._shared import text_notice
from kz_inspection_checklists.importer.build import import_edition
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law.edition import Checklist, Edition
from kz_inspection_checklists.law.store import edition_file_json
from kz_inspection_checklists.record.record import InspectionRecord, new_record

ROOT = Path(__file__).resolve().parents[1]
SOURCE_TEXT = ROOT / "sources" / "V1900018805-en-2023-05-23.txt"
KEYS = ("informatization", "communications", "electronic-signature")
BUNDLED = (
    "Text: Adilet, English, unofficial translation; the official texts are in Kazakh and Russian."
)


class _Text(HTMLParser):
    """The text a reader of the page sees, paragraph by paragraph (no CSS, no markup)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = False
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        self._skip = tag in ("style", "title")
        if tag == "p":
            self.parts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip and self.parts:
            self.parts[-1] += data


def _docx_text(data: bytes) -> tuple[list[str], list[str]]:
    docx = pytest.importorskip("docx", reason="python-docx is in the test extra")
    document = docx.Document(io.BytesIO(data))
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    return [p.text for p in document.paragraphs], footer


def _human_texts(subject: Any, edition: Any = None) -> dict[str, list[str]]:
    """Per human-facing format, the text a reader sees, as paragraphs or lines."""
    texts: dict[str, list[str]] = {}
    formats = ("markdown", "html", "docx") if isinstance(subject, Checklist) else ("html", "docx")
    for name in formats:
        data = export(subject, name, edition=edition)
        if name == "markdown":
            texts[name] = [line.strip("*") for line in data.decode().splitlines()]
        elif name == "html":
            texts[name] = [" ".join(p.split()) for p in _Text(data.decode()).parts]
        else:
            paragraphs, footer = _docx_text(data)
            texts[name] = paragraphs
            texts["docx footer"] = footer
    return texts


def _record(checklist: Checklist) -> InspectionRecord:
    first = checklist.requirements[0].id
    return new_record(checklist).mark(first, "does-not-conform", "seen on site")


@pytest.mark.parametrize("key", KEYS)
def test_every_human_facing_export_of_the_bundled_text_says_it_is_an_unofficial_translation(
    key: str,
) -> None:
    checklist = kz.checklist(key)
    for subject in (checklist, _record(checklist)):
        for name, lines in _human_texts(subject).items():
            assert BUNDLED in lines, (type(subject).__name__, name)


def test_oscal_and_xccdf_carry_the_notice_for_a_checklist_and_a_record() -> None:
    checklist = kz.checklist("electronic-signature")
    for subject in (checklist, _record(checklist)):
        oscal = json.loads(export(subject, "oscal"))
        (document,) = oscal.values()
        assert document["metadata"]["remarks"].startswith(BUNDLED)
        assert BUNDLED in document["back-matter"]["resources"][0]["description"]
        root = ET.fromstring(export(subject, "xccdf"))
        notices = [n.text or "" for n in root if n.tag.endswith("}notice")]
        assert len(notices) == 1 and notices[0].startswith(BUNDLED)


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Edition]:
    """An edition file imported as an official text (``--official``)."""
    result = import_edition(
        SOURCE_TEXT,
        edition_id="official-copy",
        registry=api.id_registry(),
        base=kz.edition("2023"),
        official=True,
    )
    path = tmp_path_factory.mktemp("editions") / "official-copy.json"
    path.write_text(edition_file_json(result.edition, {"by": "test"}), encoding="utf-8")
    return path, result.edition


@pytest.mark.parametrize("key", KEYS)
def test_an_edition_imported_as_official_is_never_called_unofficial(
    key: str, official: tuple[Path, Edition]
) -> None:
    path, _ = official
    edition = kz.edition(path)
    assert edition.source is not None and edition.source.official is True
    checklist = edition.checklist(key)
    machine = ("oscal", "xccdf")
    # With the edition named, or known as the one that handed out the checklist, the
    # notice has its publisher and status; for a copy of the checklist that no edition
    # holds, the requirements' own flags still keep the unofficial wording off the page.
    copy = checklist.model_copy()
    for given, expected, chosen in (
        (path, "Text: Adilet, English, official text.", checklist),
        (None, "Text: Adilet, English, official text.", checklist),
        (None, "Text: English, official text.", copy),
    ):
        for subject in (chosen, _record(chosen)):
            for name, lines in _human_texts(subject, given).items():
                assert expected in lines, (given, type(subject).__name__, name)
                assert not any("unofficial" in line.lower() for line in lines), name
                assert not any("the official texts are in" in line for line in lines), name
            for name in machine:
                data = export(subject, name, edition=given).decode()
                assert expected in data and "unofficial" not in data.lower(), name


def test_the_notice_follows_the_edition_source_not_a_fixed_wording() -> None:
    bundled = kz.edition("2023")
    assert bundled.source is not None
    checklist = bundled.checklist("electronic-signature")
    assert text_notice(checklist) == BUNDLED
    source = bundled.source.model_copy(
        update={"publisher": "Ministry of Justice", "language": "ru", "status": "machine copy"}
    )
    other = bundled.model_copy(update={"source": source})
    notice = text_notice(checklist, other)
    assert notice == (
        "Text: Ministry of Justice, Russian, machine copy, not an official text; "
        "the official texts are in Kazakh and Russian."
    )
    page = export(checklist, "html", edition=other).decode()
    assert notice in page and "Adilet, English" not in page
    official = source.model_copy(update={"official": True, "language": "kk", "status": "reference"})
    assert text_notice(checklist, other.model_copy(update={"source": official})) == (
        "Text: Ministry of Justice, Kazakh, reference, official text."
    )


def test_an_edition_that_does_not_hold_the_checklist_is_refused() -> None:
    checklist = kz.checklist("electronic-signature")
    with pytest.raises(InvalidInputError, match="does not hold this 'electronic-signature'"):
        export(checklist, "html", edition="2019")


def test_a_checklist_of_no_known_edition_gets_its_requirements_language_and_status() -> None:
    checklist = kz.checklist("electronic-signature")
    requirements = tuple(r.model_copy(update={"language": "kk"}) for r in checklist.requirements)
    alone = checklist.model_copy(update={"requirements": requirements})
    assert text_notice(alone) == (
        "Text: Kazakh, not an official text; the official texts are in Kazakh and Russian."
    )


def test_the_printed_html_form_heads_and_ends_with_the_notice() -> None:
    page = export(kz.checklist("communications"), "html").decode()
    body = page[page.index("<body") :]
    assert re.findall(r'<p class="notice(?: top)?">(.*?)</p>', body) == [BUNDLED, BUNDLED]
    # One above the caption (the first printed page), one above the footer.
    assert body.index('class="notice top"') < body.index('class="caption"')
    assert body.index('<p class="notice">') > body.index('class="signatures"')
    assert "display: none" not in page and "visibility: hidden" not in page
