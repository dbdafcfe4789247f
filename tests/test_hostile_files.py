"""Hostile files a user hands the library: edition files, profile files, groups, grammars,
weights, in odd encodings or with huge numbers. Each is refused with one named library
error, the field named by its path and the character by its code point.

An edition file is user input (0.1.0 trusted its texts): a requirement text holding a
control character was accepted and then written raw into XCCDF, and an ID such as
"COM-001` <img onerror> `" broke out of the Markdown page's code span.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.importer.grammar import load_grammar
from kz_inspection_checklists.law.applicability import profile, profiles
from kz_inspection_checklists.law.store import edition_file_json
from kz_inspection_checklists.record.files import validate
from kz_inspection_checklists.record.record import new_record
from kz_inspection_checklists.record.scoring import load_groups, load_weights, score

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = ROOT / "src/kz_inspection_checklists/data/grammars/adilet-en.json"


def _edition(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """The bundled 2023 edition as an edition file's document, under an ID of its own,
    changed by ``edit``."""
    document = json.loads(edition_file_json(kz.edition("2023"), {"by": "test"}))
    edition = document["edition"]
    edition["id"], edition["aliases"] = "local-copy", []
    for checklist in edition["checklists"]:
        checklist["edition"] = "local-copy"
    edit(edition)
    return document


def _write(path: Path, document: Any, *, ascii_only: bool = False) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=ascii_only), encoding="utf-8")
    return path


def _text_of(number: int) -> Callable[[dict[str, Any]], None]:
    def edit(edition: dict[str, Any]) -> None:
        requirement = edition["checklists"][1]["requirements"][number]
        requirement["text"] = requirement["text"] + " \x1b[2J"

    return edit


@pytest.mark.parametrize("ascii_only", [False, True])  # the character as it is, or escaped
def test_an_edition_file_with_a_control_character_is_refused_naming_its_path(
    tmp_path: Path, ascii_only: bool
) -> None:
    path = _write(tmp_path / "edition.json", _edition(_text_of(3)), ascii_only=ascii_only)
    with pytest.raises(kz.DataFileError) as caught:
        kz.edition(str(path))
    message = str(caught.value)
    assert "edition.checklists.1.requirements.3.text holds the character U+001B (ESCAPE)" in message


@pytest.mark.parametrize(
    ("where", "char"),
    [
        ("title", "\u202e"),
        ("annex_caption", "\ufffe"),
        ("footnote", "\x00"),
        ("header_fields.0.label", "\x07"),
        ("signature_blocks.0.captions.0", "\ud800"),
    ],
)
def test_every_string_of_an_edition_file_is_checked(tmp_path: Path, where: str, char: str) -> None:
    def edit(edition: dict[str, Any]) -> None:
        target: Any = edition["checklists"][0]
        *parents, last = where.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        key: Any = int(last) if last.isdigit() else last
        target[key] = f"text {char}"

    path = _write(tmp_path / "edition.json", _edition(edit), ascii_only=True)
    with pytest.raises(kz.DataFileError, match=re.escape(f"edition.checklists.0.{where} holds")):
        kz.edition(str(path))


def test_a_translation_in_an_edition_file_is_checked(tmp_path: Path) -> None:
    english = kz.edition("2023")
    layer = english.as_translation().model_dump(mode="json")
    layer["source"]["language"] = "qps"
    layer["checklists"][0]["requirements"][0]["text"] = "pseudo \x1b text"

    def edit(edition: dict[str, Any]) -> None:
        edition["translations"] = [layer]

    path = _write(tmp_path / "edition.json", _edition(edit))
    with pytest.raises(kz.DataFileError, match=r"edition\.translations\.0\.checklists\.0\."):
        kz.edition(str(path))


@pytest.mark.parametrize(
    "rid", ["COM-001` <img src=x onerror=alert(1)> `", "COM-00\u0661", "COM-1", "COM-001 "]
)
def test_an_edition_file_s_ids_are_of_the_order_s_form(tmp_path: Path, rid: str) -> None:
    """On 0.1.0 an ID that only started with its prefix was let in, and Markdown pages
    wrote it inside a code span it could close, letting `<img onerror>` through."""

    def edit(edition: dict[str, Any]) -> None:
        edition["checklists"][1]["requirements"][0]["id"] = rid

    path = _write(tmp_path / "edition.json", _edition(edit))
    with pytest.raises(kz.DataFileError, match=r"not of the form COM-NNN"):
        kz.edition(str(path))


def test_an_edition_file_s_texts_are_escaped_and_guarded_as_remarks_are(tmp_path: Path) -> None:
    """On 0.1.0 an imported edition's "=HYPERLINK(...)" text went into CSV unguarded."""
    attack = '=HYPERLINK("http://evil.example","click") <img src=x onerror=alert(1)>'

    def edit(edition: dict[str, Any]) -> None:
        edition["checklists"][1]["requirements"][0]["text"] = attack

    path = _write(tmp_path / "edition.json", _edition(edit))
    checklist = kz.edition(str(path)).checklist("communications")
    csv_text = export(checklist, "csv").decode()
    assert f',"\'{attack.replace(chr(34), chr(34) * 2)}"' in csv_text
    page = export(checklist, "markdown").decode()
    assert "\\<img src=x onerror=alert(1)\\>" in page and " <img" not in page
    html = export(checklist, "html").decode()
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_profile_file_with_a_control_character_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mine.json",
        {"profile": {"title": "Mine \x1b[2J", "includes": ["telecom-operator"]}},
        ascii_only=True,
    )
    with pytest.raises(kz.InvalidInputError, match=r"profile\.title holds the character U\+001B"):
        profile(str(path))
    made = profiles("communications")[0].model_copy(update={"note": "\u202e"})
    with pytest.raises(kz.InvalidInputError, match=r"note holds the character U\+202E"):
        profile(made)


def test_a_group_name_or_id_with_a_control_character_is_refused(tmp_path: Path) -> None:
    """0.1.0 printed a group name with a newline as is: a forged "FAKE: compliance 100%"."""
    record = new_record("electronic-signature")
    forged = "ok\nFAKE: compliance 100%"
    assert score(record, groups={forged: ["EDS-001"]}).groups  # a newline is text: kept
    with pytest.raises(kz.InvalidInputError, match=r"U\+001B"):
        score(record, groups={"name\x1b[2J": ["EDS-001"]})
    with pytest.raises(kz.InvalidInputError, match=r"U\+202E"):
        score(record, groups={"name": ["EDS-001\u202e"]})
    path = _write(tmp_path / "groups.json", {"a": ["EDS-001"], "b\x1b": ["EDS-002"]})
    with pytest.raises(kz.InvalidInputError, match=r"b\\x1b \(the key\) holds the character"):
        load_groups(path)


def test_a_grammar_file_with_a_control_character_is_refused(tmp_path: Path) -> None:
    grammar = json.loads(GRAMMAR.read_text(encoding="utf-8"))
    grammar["months"][0] = "Jan\x1buary"
    path = _write(tmp_path / "grammar.json", grammar)
    with pytest.raises(kz.DataFileError, match=r"months\.0 holds the character U\+001B"):
        load_grammar(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_file_in_another_encoding_is_named_so(tmp_path: Path, encoding: str) -> None:
    """0.1.0 said "not valid JSON (line 1 column 1)", no word about the encoding."""
    record = tmp_path / "record.json"
    record.write_bytes(json.dumps(new_record("electronic-signature").to_json()).encode(encoding))
    found = validate(record.read_bytes())
    assert len(found) == 1 and "UTF-" in found[0].message and "save it as UTF-8" in found[0].message
    weights = tmp_path / "weights.json"
    weights.write_bytes('{"EDS-001": 2}'.encode(encoding))
    with pytest.raises(kz.InvalidInputError, match=r"UTF-.*save it as UTF-8"):
        load_weights(weights)
    edition = tmp_path / "edition.json"
    edition.write_bytes(json.dumps(_edition(lambda e: None)).encode(encoding))
    with pytest.raises(kz.DataFileError, match=r"UTF-.*save it as UTF-8"):
        kz.edition(str(edition))


def test_a_utf8_byte_order_mark_is_read_past() -> None:
    text = json.dumps(new_record("electronic-signature").to_json())
    assert validate(b"\xef\xbb\xbf" + text.encode()) == ()


def test_a_json_number_of_thousands_of_digits_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """Python refuses to read a whole number of more than 4,300 digits (ValueError)."""
    huge = "1" * 5000
    found = validate('{"format": "kz-inspection-record", "format_version": ' + huge + "}")
    assert len(found) == 1 and "thousands of digits" in found[0].message
    weights = tmp_path / "weights.json"
    weights.write_text('{"EDS-001": ' + huge + "}")
    with pytest.raises(kz.InvalidInputError):
        load_weights(weights)


@pytest.mark.parametrize("value", ["9" * 5000, "²", "1e3"])
def test_source_date_epoch_of_thousands_of_digits_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(kz.InvalidInputError, match="SOURCE_DATE_EPOCH") as caught:
        export(new_record("electronic-signature"), "xccdf")
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize("name", ["4" * 5000, "²", "٣"])
def test_a_checklist_named_by_odd_digits_is_unknown(name: str) -> None:
    with pytest.raises(kz.UnknownNameError):
        profiles(name)


def test_the_command_line_shows_an_edition_file_s_problem_escaped(tmp_path: Path) -> None:
    path = _write(tmp_path / "edition.json", _edition(_text_of(0)))
    command = ["show", "communications", "--edition", str(path)]
    done = subprocess.run(
        [sys.executable, "-m", "kz_inspection_checklists", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert "U+001B" in done.stderr and "\x1b" not in done.stderr
    assert done.stderr.count("\n") == 1


# --- crashes the robustness test found ------------------------------------------------


@pytest.mark.parametrize("path", [3, b"source.txt", None])
def test_a_source_text_named_by_no_path_is_a_data_file_error(path: Any) -> None:
    from kz_inspection_checklists.importer.build import import_edition

    with pytest.raises(kz.DataFileError, match="named by a path"):
        import_edition(path, edition_id="local-copy")


@pytest.mark.parametrize("records", [3, None, "record.json", {"a": 1}])
def test_a_register_of_no_records_is_refused(records: Any) -> None:
    from kz_inspection_checklists.record.register import records_table

    with pytest.raises(kz.InvalidInputError, match="iterable of inspection records"):
        records_table(records)


@pytest.mark.parametrize(
    ("rows", "columns", "words"),
    [
        (3, ("entity",), "expected a list of rows"),
        ([3], ("entity",), "row 0 is not a mapping"),
        ([{}], ("entity",), "row 0 has no 'entity'"),
        ([{"entity": object()}], ("entity",), "row 0 has no 'entity'"),
        ([{"entity": "x\x1b"}], ("entity",), "U+001B"),
        ([{"entity": "x"}], 3, "expected a list of column names"),
        ([{"entity": "x"}], ("entity\x1b",), "not a column of the register"),
    ],
)
def test_a_register_of_rows_not_its_own_is_refused(rows: Any, columns: Any, words: str) -> None:
    from kz_inspection_checklists.exports.register import register_bytes

    for name in ("csv", "json", "xlsx"):
        with pytest.raises(kz.InvalidInputError, match=re.escape(words)):
            register_bytes(rows, columns, name)
