"""One rounding rule: every format writes the same scores, maximums and rates for one record.

``scoring.rounded`` (to the thousandth, half to even) holds for ``score`` (JSON and
text), OSCAL, XCCDF and the forms' score table; 49 of 52 conforming gives a default score
of 94.23076923076923, which each must write as 94.231.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.exports.xccdf import XCCDF_NS
from kz_inspection_checklists.record.files import write_record
from kz_inspection_checklists.record.record import InspectionRecord, new_record
from kz_inspection_checklists.record.scoring import score

#: What every format must write: model name -> (score, maximum) as text, and the rate.
EXPECTED = {
    "default": ("94.231", "100"),
    "flat": ("49", "52"),
    "flat-unweighted": ("49", "52"),
    "absolute": ("0", "1"),
}
RATE = 0.942


def record() -> InspectionRecord:
    ids = kz.checklist("communications").ids
    answers = {rid: "conforms" for rid in ids[:49]}
    answers.update({rid: "does-not-conform" for rid in ids[49:52]})
    return new_record("communications").mark_many(answers)


def test_the_record_has_a_score_that_needs_rounding() -> None:
    exact = score(record())
    assert exact.scores["default"].score == pytest.approx(100 * 49 / 52)
    assert exact.scores["default"].score != 94.231  # the library keeps the exact value
    assert exact.compliance_rate == pytest.approx(49 / 52)


def _score_json(tmp_path: Path) -> dict[str, tuple[str, str]]:
    path = tmp_path / "record.json"
    write_record(record(), path)
    out = tmp_path / "score.json"
    assert main(["score", str(path), "--format", "json", "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["compliance_rate"] == RATE
    return {
        name: (_text(model["score"]), _text(model["maximum"]))
        for name, model in document["scores"].items()
    }


def _text(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def test_score_json_writes_the_rounded_numbers(tmp_path: Path) -> None:
    assert _score_json(tmp_path) == EXPECTED


def test_score_text_writes_the_rounded_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "record.json"
    write_record(record(), path)
    assert main(["score", str(path)]) == 0
    text = capsys.readouterr().out
    found = {
        match[1]: (match[2], match[3])
        for match in re.finditer(r"^  ([a-z-]+) +([0-9.]+) of ([0-9.]+)", text, re.MULTILINE)
    }
    assert found == EXPECTED
    assert "compliance rate   94.2%" in text


def test_oscal_writes_the_rounded_numbers() -> None:
    document = json.loads(export(record(), "oscal"))
    props = {p["name"]: p["value"] for p in document["assessment-results"]["results"][0]["props"]}
    found = {name: (props[f"score-{name}"], props[f"score-{name}-maximum"]) for name in EXPECTED}
    assert found == EXPECTED


def test_xccdf_writes_the_rounded_numbers() -> None:
    root = ET.fromstring(export(record(), "xccdf"))
    found = {
        element.get("system", "").rsplit(":", 1)[-1]: (element.text, element.get("maximum"))
        for element in root.iter(f"{{{XCCDF_NS}}}score")
    }
    assert found == EXPECTED


def test_the_html_form_writes_the_rounded_numbers() -> None:
    page = export(record(), "html").decode("utf-8")
    rows = dict(re.findall(r"<tr><th>XCCDF ([a-z ]+) score</th><td>([^<]+)</td></tr>", page))
    found = {name.replace(" ", "-"): tuple(value.split(" of ")) for name, value in rows.items()}
    assert found == EXPECTED
    assert "Compliance rate: 94.2%." in page


def test_the_word_form_writes_the_rounded_numbers() -> None:
    docx = pytest.importorskip("docx", reason="python-docx is in the test extra")
    document = docx.Document(io.BytesIO(export(record(), "docx")))
    table = document.tables[1]  # after the requirements: the score
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows}
    found = {
        label[len("XCCDF ") : -len(" score")].replace(" ", "-"): tuple(value.split(" of "))
        for label, value in rows.items()
        if label.startswith("XCCDF ")
    }
    assert found == EXPECTED
    assert any("Compliance rate: 94.2%." in p.text for p in document.paragraphs)
