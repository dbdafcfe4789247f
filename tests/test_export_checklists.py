"""The export entry point and the text exports of checklists: JSON, JSON Schema, CSV, Markdown.

Every machine-readable export is read back and must give every requirement's ID and
text unchanged; the checked-in docs pages and schemas must equal what is generated.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tools.docs import generated_files, main, orphans, stale_files, write_files

import kz_inspection_checklists as kz
from kz_inspection_checklists import UnknownNameError
from kz_inspection_checklists.exports import CHECKLIST_FORMATS, FORMATS, RECORD_FORMATS, export
from kz_inspection_checklists.exports.csv_table import CHECKLIST_COLUMNS
from kz_inspection_checklists.exports.schema import schemas
from kz_inspection_checklists.law.applicability import profiles
from kz_inspection_checklists.law.edition import Checklist
from kz_inspection_checklists.law.store import EditionFile
from kz_inspection_checklists.present.markdown import md
from kz_inspection_checklists.record.files import record_json_schema
from kz_inspection_checklists.record.record import new_record

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("informatization", "communications", "electronic-signature")


def _pairs(checklist: Checklist) -> list[tuple[str, int, str]]:
    return [(r.id, r.number, r.text) for r in checklist.requirements]


@pytest.mark.parametrize("key", KEYS)
def test_json_round_trip_keeps_ids_and_texts(key: str) -> None:
    checklist = kz.checklist(key)
    back = Checklist.model_validate_json(export(checklist, "json"))
    assert back == checklist


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("bom", [False, True])
def test_csv_round_trip_keeps_ids_and_texts(key: str, bom: bool) -> None:
    checklist = kz.checklist(key)
    data = export(checklist, "csv", bom=bom)
    assert data.startswith(b"\xef\xbb\xbf") is bom
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CHECKLIST_COLUMNS
    assert [(r[0], int(r[1]), r[4]) for r in rows[1:]] == _pairs(checklist)
    assert {(r[2], r[3]) for r in rows[1:]} == {(key, "2023-revision")}


def test_csv_uses_crlf_and_quotes_commas() -> None:
    data = export(kz.checklist("communications"), "csv").decode()
    assert data.endswith("\r\n") and "\n" not in data.replace("\r\n", "")
    # COM-002's text has commas: it must be quoted to stay one field.
    assert '"confirmation of compliance of technical means' in data


@pytest.mark.parametrize("key", KEYS)
def test_markdown_page_has_every_requirement(key: str) -> None:
    checklist = kz.checklist(key)
    page = export(checklist, "markdown").decode()
    rows = [line for line in page.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(checklist.requirements)
    for row, requirement in zip(rows, checklist.requirements):
        prefix = f"| {requirement.number} | `{requirement.id}` | "
        assert row.startswith(prefix) and row.endswith(" |")
        # Markdown escapes are backslashes before punctuation; without them, the text.
        assert re.sub(r"\\(.)", r"\1", row[len(prefix) : -2]) == requirement.text
    for field in checklist.header_fields:
        assert field.label in page
    assert all(block.role in page for block in checklist.signature_blocks)


@pytest.mark.parametrize("key", KEYS)
def test_checklist_json_schema_names_every_requirement(key: str) -> None:
    checklist = kz.checklist(key)
    schema = json.loads(export(checklist, "json-schema"))
    answers = schema["properties"]["answers"]
    assert answers["additionalProperties"] is False
    assert [
        (name, prop["title"], prop["description"]) for name, prop in answers["properties"].items()
    ] == [(r.id, r.id, f"{r.number}. {r.text}") for r in checklist.requirements]
    assert schema["properties"]["checklist"]["const"] == key
    assert schema["properties"]["edition"]["const"] == checklist.edition


def test_unknown_format_is_refused_with_the_list_and_a_hint() -> None:
    with pytest.raises(UnknownNameError, match=r"'htm'.*did you mean 'html'"):
        export(kz.checklist(4), "htm")
    with pytest.raises(UnknownNameError, match="an inspection record"):
        export(new_record("communications"), "markdown")


def test_format_lists() -> None:
    # A plan of action and milestones is of a record's findings: a checklist has none.
    assert set(RECORD_FORMATS) - set(CHECKLIST_FORMATS) == {"oscal-poam"}
    assert "json-schema" in CHECKLIST_FORMATS and "json-schema" not in RECORD_FORMATS


def _readme_formats() -> list[tuple[str, tuple[str, ...], str]]:
    """The rows of docs/exports/README.md's table: name, subjects it fills, page."""
    lines = (ROOT / "docs/exports/README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| Format | Checklist | Record | Page |")
    assert re.fullmatch(r"\|(-+\|){4}", lines[start + 1]), lines[start + 1]
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == 4, line
        name = re.fullmatch(r"`([a-z-]+)`", cells[0])
        page = re.fullmatch(r"\[[^]]+\]\(([^)]+)\)", cells[3])
        assert name and page, line
        subjects = tuple(s for s, cell in (("checklist", cells[1]), ("record", cells[2])) if cell)
        rows.append((name[1], subjects, page[1]))
    return rows


def test_the_docs_table_of_formats_is_the_formats_table() -> None:
    rows = _readme_formats()
    assert [(name, subjects) for name, subjects, _ in rows] == [
        (f.name, f.subjects) for f in FORMATS
    ]
    missing = [page for _, _, page in rows if not (ROOT / "docs/exports" / page).is_file()]
    assert missing == []


@given(st.text(max_size=20))
def test_any_format_name_exports_or_is_refused_clearly(name: str) -> None:
    checklist = kz.checklist("electronic-signature")
    try:
        data = export(checklist, name)
    except UnknownNameError as error:
        # The message names the value given; a repr longer than 100 characters is cut
        # to its first 97 and "...".
        assert repr(name)[:97] in str(error)
    else:
        assert name.strip().lower() in CHECKLIST_FORMATS and data


def test_junk_subject_is_a_clear_error() -> None:
    with pytest.raises(kz.ChecklistError, match="expected a Checklist or an inspection record"):
        export({"not": "a checklist"}, "csv")


# --- docs/checklists and docs/schema ----------------------------------------------


def test_checked_in_docs_are_not_stale() -> None:
    stale = stale_files(ROOT)
    assert stale == [], f"stale generated docs: {stale}; run python tools/docs.py"


def test_stale_check_catches_an_edited_page_and_an_old_one(tmp_path: Path) -> None:
    assert write_files(tmp_path)  # everything is missing at first
    assert stale_files(tmp_path) == [] and orphans(tmp_path) == []
    page = tmp_path / "docs/checklists/2023-revision/communications.md"
    page.write_text(page.read_text(encoding="utf-8").replace("COM-072", "COM-073"), "utf-8")
    assert stale_files(tmp_path) == ["docs/checklists/2023-revision/communications.md"]
    old = tmp_path / "docs/checklists/communications-2023-revision.md"
    old.write_text("a page of an older layout", "utf-8")
    assert orphans(tmp_path) == ["docs/checklists/communications-2023-revision.md"]
    assert main(["--root", str(tmp_path), "--check"]) == 1
    write_files(tmp_path)
    assert not old.exists() and stale_files(tmp_path) == []


def test_a_page_per_checklist_of_each_edition_with_text_and_a_diff_page() -> None:
    files = generated_files()
    pages = sorted(p for p in files if p.startswith("docs/checklists/") and "README" not in p)
    assert pages == [f"docs/checklists/2023-revision/{key}.md" for key in sorted(KEYS)] + [
        "docs/checklists/diff-2019-original-2023-revision.md"
    ]
    index = files["docs/checklists/README.md"]
    assert "not available" in index
    assert "(diff-2019-original-2023-revision.md)" in index
    # What the text is, and its source, on the index and on the diff page too; and the
    # diff's "restated" said to be the library's reading.
    source = "Source: `V1900018805-en-2023-05-23.txt` (SHA-256 `89767ca1"
    assert "Text: Adilet, English, unofficial translation" in index and source in index
    page = files["docs/checklists/diff-2019-original-2023-revision.md"]
    notice = page.index('!!! note "What this text is"')
    assert notice < page.index("## Annex 3") and source in page
    assert "`2019-original`: its checklist texts are not held" in page
    assert 'is "restated" where its footnote names another act' in page


def test_the_law_pages_give_every_requirement_an_anchor_of_its_id_and_its_words() -> None:
    files = generated_files()
    for checklist in kz.checklists():
        page = files[f"docs/checklists/2023-revision/{checklist.key}.md"]
        anchors = re.findall(r"^### ([A-Z]+-[0-9]{3}) \{#([A-Z]+-[0-9]{3})\}$", page, re.M)
        assert [a for a, b in anchors if a == b] == list(checklist.ids)
        for requirement in checklist.requirements:
            section = page.split(f"{{#{requirement.id}}}", 1)[1].split("\n### ", 1)[0]
            assert f"**№ {requirement.number}.** {md(requirement.text)}" in section
            assert "- History: `2023-revision`" in section
        # What the text is, on every page, before the requirements.
        notice = page.index("Text: Adilet, English, unofficial translation")
        assert notice < page.index("### ")


def test_a_law_page_shows_a_requirements_reading_and_the_profiles_it_excludes() -> None:
    page = generated_files()["docs/checklists/2023-revision/communications.md"]
    verdicts = {p.id: kz.applicability("communications", p.id) for p in profiles("communications")}
    excluded = [
        (requirement.id, profile)
        for profile, results in verdicts.items()
        for requirement, result in zip(kz.checklist("communications").requirements, results)
        if result.verdict == "does-not-apply"
    ]
    assert excluded  # the shipped profiles exclude some requirements by their words
    for requirement_id, profile in excluded:
        section = page.split(f"{{#{requirement_id}}}", 1)[1].split("\n### ", 1)[0]
        line = next(x for x in section.splitlines() if x.startswith("- Does not apply"))
        assert f"`{profile}`" in line, (requirement_id, profile)
    # A requirement no shipped profile is excluded from says so, and its reading is quoted.
    com_004 = page.split("{#COM-004}", 1)[1].split("\n### ", 1)[0]
    assert "“licence to provide communication services”" in com_004
    assert "to the shipped profiles: none." in com_004


def test_the_site_home_is_the_readme_with_the_sites_links() -> None:
    home = generated_files()["docs/index.md"]
    assert "](api.md)" in home and "](docs/" not in home
    assert "](changelog.md)" in home
    assert "(LICENSE)" not in home


def test_the_sites_navigation_lists_every_page_of_the_law() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in generated_files():
        if path.startswith("docs/") and path.endswith(".md"):
            assert f" {path[len('docs/') :]}" in nav, f"{path} is not in mkdocs.yml's nav"


def test_generated_pages_state_only_what_the_source_says_of_the_amendment() -> None:
    # The source says the annexes are "as amended by" the 2023 joint order; that they
    # were set out anew is the library's reading, never a fact on a law page.
    pages = {p: t for p, t in generated_files().items() if p.startswith("docs/checklists/")}
    assert [p for p, text in pages.items() if re.search(r"\banew\b", text, re.I)] == []
    for key in KEYS:
        page = pages[f"docs/checklists/2023-revision/{key}.md"]
        assert "- as amended by the joint order of the Minister" in page


def test_published_schemas_match_the_models() -> None:
    published = {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in (ROOT / "docs/schema").glob("*.json")
    }
    assert published == schemas()
    edition_schema = published["edition.schema.json"]
    assert {k: v for k, v in edition_schema.items() if k not in {"$schema", "title"}} == {
        k: v for k, v in EditionFile.model_json_schema().items() if k != "title"
    }
    record = published["record.schema.json"]
    assert record["properties"] == record_json_schema()["properties"]
    checklist_schema = published["checklist.schema.json"]
    assert checklist_schema["properties"] == Checklist.model_json_schema()["properties"]
