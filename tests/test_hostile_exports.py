"""Hostile strings in every export: each format writes a well-formed document, or the
export raises InvalidInputError naming the field; it never writes malformed XML, nor
crashes.

On 0.1.0 a C0 control character or U+FFFE in a remark, a header field or a requirement
text was written raw into XCCDF (not well-formed XML, exit 0), the Word export crashed
with "ValueError: All strings must be XML compatible" (exit 70), and a lone surrogate made
every export raise UnicodeEncodeError. These tests parse every export back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists._text import unsafe
from kz_inspection_checklists.exports import CHECKLIST_FORMATS, RECORD_FORMATS, export
from kz_inspection_checklists.exports.csv_table import FORMULA_STARTS
from kz_inspection_checklists.law.edition import Checklist
from kz_inspection_checklists.record.record import InspectionRecord, new_record

#: Strings meant to break a format: its markup, its escapes, characters it cannot carry.
HOSTILE = [
    "\x1b[2J cleared",
    "\x00 null",
    "\x07 bell",
    "\ud800 lone surrogate",
    "\ufffe not a character",
    "\uffff not a character",
    "\u202e override",
    "]]> end of CDATA",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "`code` and | a pipe",
    "&amp; &#0; &lt;",
    '=HYPERLINK("http://evil.example","click")',
    "line one\r\nline two\ttabbed",
    "zero\u200bwidth",
    "Ё ё № « »",
]
REFUSED = [text for text in HOSTILE if unsafe(text)]


def _checklist_with(text: str, where: str) -> Checklist:
    base = kz.checklist("electronic-signature")  # the smallest: every format, fast
    if where == "title":
        return base.model_copy(update={"title": text})
    first = base.requirements[0].model_copy(update={"text": text})
    return base.model_copy(update={"requirements": (first, *base.requirements[1:])})


def _record_with(text: str, where: str) -> InspectionRecord:
    """A record holding ``text``; one the record refuses is forced in, as code may do."""
    record = new_record("electronic-signature").mark("EDS-001", "does-not-conform", "fine")
    if where == "remark":
        object.__setattr__(record, "remarks", (text, *record.remarks[1:]))
    else:
        header = record.header.model_copy(update={"entity_name": text})
        object.__setattr__(record, "header", header)
    return record


def _parse(name: str, data: bytes) -> str:
    """The export's text, once it is known to parse as its format."""
    if name in ("docx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [part for part in archive.namelist() if part.endswith((".xml", ".rels"))]
            assert parts
            texts = []
            for part in parts:
                raw = archive.read(part)
                ET.fromstring(raw)
                texts.append(raw.decode("utf-8"))
        return "\n".join(texts)
    text = data.decode("utf-8")  # a lone surrogate would not encode
    if name == "xccdf":
        ET.fromstring(data)
    elif name in ("json", "json-schema", "oscal", "oscal-profile"):
        json.loads(text)
    elif name == "csv":
        list(csv.reader(io.StringIO(text, newline="")))
    elif name == "html":
        _Page().feed(text)
    return text


class _Page(HTMLParser):
    """Collects the tags of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        self.tags.append(tag)


#: What no HTML page, nor any XML part, may hold raw: C0 controls but tab and line ends,
#: DEL and C1 controls, the bidi overrides.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _check_written(name: str, text: str, hostile: str) -> None:
    assert _RAW_CONTROL.search(text) is None, name
    if name == "html":
        page = _Page()
        page.feed(text)
        assert "script" not in page.tags and "img" not in page.tags
        if any(c in hostile for c in "<>&"):
            assert hostile not in text  # escaped
    if name == "markdown":
        # Markdown reads "\<" and "\[" as the characters, not as markup.
        assert re.search(r"(?<!\\)<(script|img)|(?<!\\)\[click", text) is None


def _export(subject: Any, name: str) -> bytes:
    options: dict[str, Any] = {"profile": "certification-centre"} if name == "oscal-profile" else {}
    return export(subject, name, **options)


@pytest.mark.parametrize("name", CHECKLIST_FORMATS)
@pytest.mark.parametrize("where", ["title", "text"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_checklist_built_in_python_exports_well_formed_or_is_refused(
    name: str, where: str, hostile: str
) -> None:
    subject = _checklist_with(hostile, where)
    if hostile in REFUSED:
        path = "checklist.title" if where == "title" else "checklist.requirements.0.text"
        with pytest.raises(kz.InvalidInputError, match=re.escape(f"{path}: holds the character")):
            _export(subject, name)
        return
    _check_written(name, _parse(name, _export(subject, name)), hostile)


@pytest.mark.parametrize("name", RECORD_FORMATS)
@pytest.mark.parametrize("where", ["remark", "entity"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_record_exports_well_formed_or_is_refused(name: str, where: str, hostile: str) -> None:
    subject = _record_with(hostile, where)
    if hostile in REFUSED:
        path = "answers.EDS-001.remark" if where == "remark" else "header.entity_name"
        with pytest.raises(kz.InvalidInputError, match=re.escape(f"{path}: holds the character")):
            _export(subject, name)
        return
    _check_written(name, _parse(name, _export(subject, name)), hostile)


@pytest.mark.parametrize("hostile", [t for t in HOSTILE if "\r" not in t and t not in REFUSED])
def test_xccdf_carries_a_hostile_text_that_it_can_carry_exactly(hostile: str) -> None:
    record = _record_with(hostile, "remark")
    root = ET.fromstring(export(record, "xccdf"))
    ns = {"x": "http://checklists.nist.gov/xccdf/1.2"}
    messages = [m.text for m in root.iterfind("x:TestResult/x:rule-result/x:message", ns)]
    assert messages[0] == hostile


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"title": None}, "checklist.title"),
        ({"annex": "three"}, "checklist.annex"),
        ({"requirements": ({"id": "COM-001"},)}, "checklist.requirements.0.number"),
    ],
)
def test_a_checklist_of_wrong_types_is_refused_by_every_format(
    update: dict[str, Any], field: str
) -> None:
    base = kz.checklist("communications")
    odd = Checklist.model_construct(**{**dict(base), **update})
    for name in CHECKLIST_FORMATS:
        with pytest.raises(kz.InvalidInputError, match=re.escape(field)):
            _export(odd, name)


def test_a_checklist_of_plain_dicts_is_read_as_its_models() -> None:
    base = kz.checklist("electronic-signature")
    odd = Checklist.model_construct(**{**dict(base), **base.model_dump()})
    assert export(odd, "csv") == export(base, "csv")


@pytest.mark.parametrize("rid", ["COM-001` <img src=x onerror=alert(1)> `", "COM 001", "КОМ-001"])
def test_an_id_that_is_not_a_plain_name_is_refused_by_every_format(rid: str) -> None:
    base = kz.checklist("communications")
    first = base.requirements[0].model_copy(update={"id": rid})
    odd = base.model_copy(update={"requirements": (first, *base.requirements[1:])})
    for name in CHECKLIST_FORMATS:
        with pytest.raises(kz.InvalidInputError, match=r"requirements\.0\.id: .* not a plain name"):
            _export(odd, name)


def test_every_csv_text_starting_like_a_formula_is_guarded_outside_the_bundle() -> None:
    attack = '=HYPERLINK("http://evil.example","click")'
    for subject in (_checklist_with(attack, "text"), new_record(_checklist_with(attack, "text"))):
        rows = list(csv.DictReader(io.StringIO(export(subject, "csv").decode(), newline="")))
        assert rows[0]["text"] == "'" + attack
        assert not any(row["text"].startswith(FORMULA_STARTS) for row in rows)
