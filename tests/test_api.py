"""The public API: lookups, aliases, suggestions and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import (
    ChecklistError,
    DataFileError,
    InvalidInputError,
    TextNotAvailableError,
    UnknownNameError,
)
from kz_inspection_checklists.law import catalog as api
from kz_inspection_checklists.law import store as data


@pytest.mark.parametrize("ref", ["2023", "2023-revision", "latest", " latest ", "LATEST"])
def test_edition_refs(ref: str) -> None:
    assert kz.edition(ref).id == "2023-revision"


def test_editions_are_oldest_first() -> None:
    assert [e.id for e in kz.editions()] == ["2019-original", "2023-revision"]


@pytest.mark.parametrize("key", ["communications", "Communications", 4, "4", " 4 "])
def test_checklist_by_key_or_annex(key: object) -> None:
    assert kz.checklist(key).key == "communications"  # type: ignore[arg-type]


def test_unknown_edition_suggests_the_closest() -> None:
    with pytest.raises(
        UnknownNameError, match=r"unknown edition '2023-revison'.*did you mean '2023-revision'"
    ):
        kz.edition("2023-revison")


@pytest.mark.parametrize("key", ["communication", 6, 2, "annex 4", True, None, 4.0, "²", "٤٤"])
def test_unknown_checklist(key: object) -> None:
    with pytest.raises(UnknownNameError, match="expected one of: informatization"):
        kz.checklist(key)  # type: ignore[arg-type]


def test_unknown_checklist_suggests_the_closest() -> None:
    with pytest.raises(UnknownNameError, match="did you mean 'electronic-signature'"):
        kz.checklist("electronic-signatures")


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [("COM-7", "COM-007"), ("com007", "COM-007"), ("EDS-04", "EDS-004"), ("INF-0011", "INF-011")],
)
def test_unknown_requirement_suggests_the_closest(wrong: str, hint: str) -> None:
    with pytest.raises(UnknownNameError, match=f"did you mean '{hint}'"):
        kz.requirement(wrong)


def test_lookup_is_case_insensitive_and_returns_the_right_requirement() -> None:
    assert kz.requirement(" com-010 ").number == 10
    assert kz.checklist(4).requirement("com-010") is kz.requirement("COM-010")


def test_unknown_requirement_in_a_checklist_names_the_range() -> None:
    with pytest.raises(UnknownNameError, match="IDs run INF-001 to INF-011"):
        kz.checklist(3).requirement("INF-012")


def test_get_requirement_returns_the_default() -> None:
    assert api.get_requirement("COM-999") is None
    assert api.get_requirement("COM-999", "none") == "none"
    assert api.get_requirement("COM-001") is kz.requirement("COM-001")


def test_errors_are_value_or_lookup_errors() -> None:
    assert issubclass(UnknownNameError, LookupError)
    assert issubclass(DataFileError, ValueError)
    for error in (UnknownNameError, UnknownNameError, TextNotAvailableError):
        assert issubclass(error, ChecklistError)


def _edition_file(tmp_path: Path) -> Path:
    path = tmp_path / "copy.json"
    path.write_text(data.edition_file_json(kz.edition("2023"), {"by": "test"}), encoding="utf-8")
    return path


def test_an_edition_file_loads_and_works_everywhere(tmp_path: Path) -> None:
    path = _edition_file(tmp_path)
    assert kz.edition(path) == kz.edition("2023")
    assert kz.checklist("communications", edition=str(path)) == kz.checklist(4)
    assert kz.requirement("EDS-001", edition=path).text == kz.requirement("EDS-001").text


def test_edition_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read edition file"):
        kz.edition(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"is not valid JSON.*kz-checklists import"):
        kz.edition(broken)
    wrong = tmp_path / "wrong.json"
    document = json.loads(_edition_file(tmp_path).read_text(encoding="utf-8"))
    del document["edition"]["checklists"][0]["requirements"][3]["text"]
    wrong.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"at edition\.checklists\.0\.requirements\.3\.text"):
        kz.edition(wrong)


def test_a_corrupted_or_missing_bundled_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data" / "orders" / "V1900018805"
    (folder / "editions").mkdir(parents=True)
    (folder / "order.json").write_text("[1, 2", encoding="utf-8")
    monkeypatch.setattr(data, "files", lambda package: tmp_path)
    data.clear_cache()
    with pytest.raises(DataFileError, match=r"the file order.json is not valid JSON.*reinstall"):
        kz.order()
    with pytest.raises(
        DataFileError, match=r"the file editions/2023-revision.json is missing.*reinstall"
    ):
        data.bundled().bundled_edition("2023-revision")


@pytest.mark.parametrize("ref", [123, None, 2023.0, ["2023"]])
def test_an_edition_named_by_a_wrong_type_is_a_clear_error(ref: object) -> None:
    with pytest.raises(InvalidInputError, match="an edition is named by an ID, an alias"):
        kz.edition(ref)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="an edition is named by an ID, an alias"):
        kz.checklist(4, edition=ref)  # type: ignore[arg-type]


def test_an_edition_file_name_with_a_nul_is_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="cannot hold a NUL"):
        kz.edition("bad\x00name.json")


def test_an_unknown_act_is_a_library_error() -> None:
    with pytest.raises(ChecklistError, match=r"unknown act 'amendment-2023'.*did you mean"):
        kz.order().act("amendment-2023")


@pytest.mark.parametrize("wrong", [None, 0, b"COM-001", [], Path("COM-001"), 1.5])
def test_a_requirement_id_of_the_wrong_type_is_a_clear_error(wrong: object) -> None:
    with pytest.raises(InvalidInputError, match="a requirement ID is a string"):
        kz.requirement(wrong)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="a requirement ID is a string"):
        kz.checklist(4).requirement(wrong)  # type: ignore[arg-type]
    assert api.get_requirement(wrong) is None  # type: ignore[arg-type]


def _as(edition: kz.Edition, **update: object) -> kz.Edition:
    """The edition under another ID (its checklists follow), with other fields changed.

    It holds no text in another language: the bundled ones fit the bundled checklists.
    """
    new_id = str(update.get("id", edition.id))
    checklists = update.pop("checklists", edition.checklists)
    checklists = tuple(c.model_copy(update={"edition": new_id}) for c in checklists)  # type: ignore[attr-defined]
    return edition.model_copy(update={"translations": (), **update, "checklists": checklists})


def _file_of(tmp_path: Path, edition: kz.Edition, name: str = "e.json") -> Path:
    path = tmp_path / name
    path.write_text(data.edition_file_json(edition, {"by": "test"}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "names",
    [{"id": "2023-revision"}, {"aliases": ("2023",)}, {"id": "latest"}, {"aliases": ("Latest",)}],
)
def test_an_edition_file_may_not_pass_for_a_bundled_edition(
    tmp_path: Path, names: dict[str, object]
) -> None:
    bundled = kz.edition("2023")
    changed = bundled.checklists[2].model_copy(
        update={"requirements": bundled.checklists[2].requirements[:3]}
    )
    other = _as(bundled, id="other", aliases=(), checklists=(*bundled.checklists[:2], changed))
    impostor = _as(other, **names)
    with pytest.raises(DataFileError, match=r"bundled edition|reserved"):
        kz.edition(_file_of(tmp_path, impostor))
    assert kz.edition(_file_of(tmp_path, other, "other.json")).id == "other"


def test_an_edition_file_may_fill_in_a_bundled_edition_without_text(tmp_path: Path) -> None:
    text = _as(kz.edition("2023"), id="2019-original", aliases=("2019",), act="original")
    loaded = kz.edition(_file_of(tmp_path, text))
    assert loaded.id == "2019-original" and len(loaded.checklists) == 3


@pytest.mark.parametrize(
    "names",
    [{"id": "2023-revision "}, {"id": "2023-REVISION"}, {"aliases": (" 2023",)}, {"id": "bad id"}],
)
def test_edition_names_are_compared_as_written_names_not_strings(
    tmp_path: Path, names: dict[str, object]
) -> None:
    bundled = kz.edition("2023")
    shorter = bundled.checklists[2].model_copy(
        update={"requirements": bundled.checklists[2].requirements[:3]}
    )
    other = _as(bundled, id="other", aliases=(), checklists=(*bundled.checklists[:2], shorter))
    with pytest.raises(DataFileError, match=r"bundled edition|not a valid edition ID"):
        kz.edition(_file_of(tmp_path, _as(other, **names)))


def test_a_text_of_another_act_may_not_fill_in_the_2019_edition(tmp_path: Path) -> None:
    text_of_2023 = _as(kz.edition("2023"), id="2019-original", aliases=())
    with pytest.raises(DataFileError, match=r"made by act 'original'.*amendment-2023-05-23"):
        kz.edition(_file_of(tmp_path, text_of_2023))


@pytest.mark.parametrize("junk", [None, 0, 1.5, ["e.json"]])
def test_load_edition_file_refuses_what_is_not_a_name(junk: object) -> None:
    with pytest.raises(DataFileError, match="a file name is a string or a path"):
        data.bundled().load_edition_file(junk)  # type: ignore[arg-type]


def test_the_order_s_own_facts_cannot_be_changed() -> None:
    specs = kz.order().checklists
    assert isinstance(specs, tuple)
    with pytest.raises(ValidationError):
        specs[0].prefix = "ZZZ"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        kz.order().form.header[0].kind = "date"  # type: ignore[misc]
    assert not hasattr(api.id_registry(), "prefixes")


def _broken(tmp_path: Path, change: object) -> Path:
    document = json.loads(_edition_file(tmp_path).read_text(encoding="utf-8"))
    # Without its texts in other languages, so the edition's own fault is the one found.
    document["edition"]["translations"] = []
    change(document["edition"])  # type: ignore[operator]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e["checklists"][0].update(edition="2019-original"), "says edition"),
        (lambda e: e["checklists"][1].update(annex=5), "has no Annex 5 entry in force"),
        (lambda e: e["annexes"][3].update(text_available=False), "no Annex 4 entry in force"),
        (lambda e: e["annexes"][0].update(checklist="postal"), "not the order's checklist"),
        (
            lambda e: e["checklists"][2]["requirements"][1].update(id="COM-099"),
            "ID 'COM-099', not of its prefix EDS",
        ),
        (
            lambda e: e["checklists"][0]["header_fields"][0].update(key="organ"),
            "not the form's",
        ),
        (lambda e: e["checklists"][2]["requirements"][1].update(number=7), "not numbered 1 to 4"),
        (lambda e: e["checklists"][2]["requirements"][1].update(id="COM-001"), "appears twice"),
        (lambda e: e.update(text_available=False), "without texts"),
        (lambda e: e.update(checklists=e["checklists"][:2]), "Annex 5 says its text is held"),
    ],
)
def test_an_inconsistent_edition_file_is_refused(
    tmp_path: Path, change: object, message: str
) -> None:
    with pytest.raises(DataFileError, match=message):
        kz.edition(_broken(tmp_path, change))


def test_an_edition_file_with_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    text = _edition_file(tmp_path).read_text(encoding="utf-8")
    first = '"text": "observance of the requirement to prevent refusals'
    assert text.count(first) == 1
    twice = text.replace(first, '"text": "something else",\n' + first)
    path = tmp_path / "twice.json"
    path.write_text(twice, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gives the key 'text' twice.*edition\.checklists\.2"):
        kz.edition(path)
