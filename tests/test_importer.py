"""The importer: the committed data is what it produces, and bad text is pointed at by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tools import bundle as _bundle

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import DataFileError
from kz_inspection_checklists.importer.build import consolidated_edition, import_edition
from kz_inspection_checklists.importer.parse import parse
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law.ids import Registry

from .conftest import SOURCE_TEXT, SOURCES

DATA = _bundle.ORDERS / "V1900018805"


def test_committed_data_is_what_the_importer_produces() -> None:
    built = _bundle.build(SOURCES)
    on_disk = {
        str(p.relative_to(DATA)): p.read_text(encoding="utf-8") for p in DATA.rglob("*.json")
    }
    assert sorted(built) == sorted(on_disk)
    stale = [name for name in built if built[name] != on_disk[name]]
    assert stale == [], f"run {_bundle.COMMAND}"
    assert _bundle.stale(built, DATA) == []


def test_rebuilding_from_an_empty_registry_issues_the_same_ids() -> None:
    assert _bundle.build(SOURCES, registry=Registry()) == _bundle.build(SOURCES)


def test_every_data_file_names_its_source_and_hash() -> None:
    import hashlib
    import json

    digest = hashlib.sha256(SOURCE_TEXT.read_bytes()).hexdigest()
    for path in DATA.rglob("*.json"):
        generated = json.loads(path.read_text(encoding="utf-8"))["generated"]
        assert generated["by"] == _bundle.COMMAND
        for source in generated["sources"]:
            named = SOURCES / source["file"]
            assert source["sha256"] == hashlib.sha256(named.read_bytes()).hexdigest(), path
        if path.parent.name in ("editions", "texts") or path.name in ("order.json", "ids.json"):
            assert {"file": SOURCE_TEXT.name, "sha256": digest} in generated["sources"], path


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _error(text: str) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        parse(text, source="edited.txt")
    return caught.value


def _import_error(text: str) -> DataFileError:
    """The error of importing a text as an edition of the bundled order."""
    with pytest.raises(DataFileError) as caught:
        consolidated_edition(
            parse(text, source="edited.txt"),
            edition_id="x",
            checklists=kz.order().checklists,
            form=kz.order().form,
            registry=Registry(),
        )
    return caught.value


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_malformed_preamble_is_pointed_at(source_text: str) -> None:
    text = _edit(source_text, "Registered with the Ministry of Justice", "Filed somewhere")
    error = _error(text)
    assert error.line == _line_of(text, "Filed somewhere")
    assert str(error).startswith(f"edited.txt, line {error.line}: expected the preamble")


def test_a_missing_list_heading_is_pointed_at(source_text: str) -> None:
    annex_4 = source_text.index(" Annex 4\n")
    text = source_text[:annex_4] + source_text[annex_4:].replace("List of requirements", "", 1)
    error = _import_error(text)
    assert "Annex 4" in str(error)
    assert error.line is not None
    assert annex_4 < len("\n".join(text.splitlines()[: error.line]))


def test_a_missing_column_is_pointed_at(source_text: str) -> None:
    annex_5 = source_text.index(" Annex 5\n")
    text = source_text[:annex_5] + source_text[annex_5:].replace(
        "Does not conform to the requirements", "", 1
    )
    error = _error(text)
    assert "Annex 5: expected the columns" in str(error)
    assert error.line == _line_of(text, "observance of the requirement to prevent refusals")


def test_a_missing_header_field_is_pointed_at(source_text: str) -> None:
    annex_3 = source_text.index(" Annex 3\n")
    text = source_text[:annex_3] + source_text[annex_3:].replace(
        "Location address _______________________________________________", "", 1
    )
    error = _import_error(text)
    assert "Annex 3: expected 5 header fields" in str(error)
    assert error.line == _line_of(text, "Public authority that ordered the inspection")


def test_a_missing_signature_block_is_reported(source_text: str) -> None:
    end = source_text.index("If you found any error")
    start = source_text.rindex("Official(s)", 0, end)
    text = source_text[:start] + source_text[end:]
    error = _error(text)
    assert "Annex 5: no signature block" in str(error)


def test_an_empty_text_is_reported_at_line_1() -> None:
    assert _error("\n\n").line == 1


def test_unreadable_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read the file"):
        import_edition(tmp_path / "missing.txt", edition_id="x", registry=api.id_registry())
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Заголовок".encode("cp1251"))
    with pytest.raises(DataFileError, match="not UTF-8"):
        import_edition(latin, edition_id="x", registry=api.id_registry())


def test_importing_the_source_on_its_own_edition_changes_nothing() -> None:
    result = import_edition(
        SOURCE_TEXT, edition_id="again", registry=api.id_registry(), base=kz.edition("2023")
    )
    assert result.ids_with_status("new") == [] and result.ids_with_status("changed") == []
    ours = [(r.id, r.number, r.text) for r in result.edition.requirements()]
    assert ours == [(r.id, r.number, r.text) for r in kz.edition("2023").requirements()]
    assert result.registry == api.id_registry()


def test_an_amended_copy_keeps_ids_by_the_matching_rule(tmp_path: Path, source_text: str) -> None:
    old_5 = kz.requirement("EDS-002").text
    text = _edit(source_text, old_5, old_5.replace("protects data", "protects personal data"))
    text = _edit(text, kz.requirement("EDS-004").text, "a wholly new duty of certification centres")
    text = _edit(text, kz.requirement("COM-059").text + "\n", "")
    path = tmp_path / "amended.txt"
    path.write_text(text, encoding="utf-8")
    result = import_edition(
        path, edition_id="amended", registry=api.id_registry(), base=kz.edition("2023")
    )
    assert result.ids_with_status("changed") == ["EDS-002"]
    assert result.ids_with_status("new") == ["EDS-005"]
    assert "COM-059" not in [r.id for r in result.edition.requirements()]
    assert result.edition.checklist("communications").requirements[58].id == "COM-060"
    assert (
        result.edition.checklist(5)
        .requirement("EDS-002")
        .text.endswith("protects personal data of the holders of registration certificates")
    )


def test_an_import_without_base_issues_ids_past_the_registry(tmp_path: Path) -> None:
    result = import_edition(SOURCE_TEXT, edition_id="fresh", registry=Registry(), base=None)
    assert [r.id for r in result.edition.checklist(5).requirements] == [
        "EDS-001",
        "EDS-002",
        "EDS-003",
        "EDS-004",
    ]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_junk_text_raises_only_import_format_error(source_text: str, data: st.DataObject) -> None:
    lines = source_text.splitlines()
    choice = data.draw(st.sampled_from(["cut", "shuffle", "junk"]))
    if choice == "cut":
        start = data.draw(st.integers(0, len(lines)))
        stop = data.draw(st.integers(start, len(lines)))
        junk = "\n".join(lines[:start] + lines[stop:])
    elif choice == "shuffle":
        picks = data.draw(st.lists(st.integers(0, len(lines) - 1), max_size=80))
        junk = "\n".join(lines[i] for i in picks)
    else:
        junk = data.draw(st.text(max_size=300))
    try:
        parsed = parse(junk, source="junk.txt")
    except DataFileError as error:
        assert str(error).startswith("junk.txt")
    else:
        assert parsed.annexes


def test_a_base_without_texts_is_refused() -> None:
    from kz_inspection_checklists.exceptions import TextNotAvailableError

    with pytest.raises(TextNotAvailableError, match="holds no checklist texts to match"):
        import_edition(
            SOURCE_TEXT, edition_id="x", registry=api.id_registry(), base=kz.edition("2019")
        )


@pytest.mark.parametrize("language", ["zz-QQ", "EN", "eng", ""])
def test_a_language_must_be_iso_639_1(language: str) -> None:
    from kz_inspection_checklists.exceptions import InvalidInputError

    with pytest.raises(InvalidInputError, match="not an ISO 639-1 code"):
        import_edition(SOURCE_TEXT, edition_id="x", registry=api.id_registry(), language=language)


@pytest.mark.parametrize("junk", [None, b"text", 12, ["line"]])
def test_parse_refuses_what_is_not_text(junk: object) -> None:
    with pytest.raises(DataFileError, match="expected the text as a str"):
        parse(junk)  # type: ignore[arg-type]


def test_the_source_hash_is_of_the_file_s_raw_bytes(tmp_path: Path) -> None:
    import hashlib

    with_bom = tmp_path / "bom.txt"
    with_bom.write_bytes(b"\xef\xbb\xbf" + SOURCE_TEXT.read_bytes())
    result = import_edition(with_bom, edition_id="bom", registry=api.id_registry())
    assert result.edition.source is not None
    assert result.edition.source.sha256 == hashlib.sha256(with_bom.read_bytes()).hexdigest()
    assert result.edition.source.sha256 != kz.edition("2023").source.sha256  # type: ignore[union-attr]
    assert [r.text for r in result.edition.requirements()] == [
        r.text for r in kz.edition("2023").requirements()
    ]
