"""Languages are a layer over stable IDs, shown with a pseudo-translation made for the tests.

The library holds no Kazakh or Russian text yet. To show what adding one does, these
tests make a *pseudo-translation* at test time from the English source: every line but
the requirements has its vowels replaced (``Annex`` becomes ``Ǎnněx``), and every
requirement's words are put in reverse order between ``⟦`` and ``⟧``. It is test data,
in the language code ``qps`` (reserved for local use), read with the grammar
``tests/fixtures/pseudo/adilet-qps.json``; no law contains its words, it is never
shipped, and it is not a translation (see tests/fixtures/pseudo/README.md).

Imported as the ``qps`` text of ``2023-revision``, it is aligned to the held edition by
structure, takes its IDs, mints none, and changes neither ``latest`` nor ``as_of``;
a text whose structure differs is refused with the annex and the position.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from tools import bundle as _bundle

import kz_inspection_checklists as kz
from kz_inspection_checklists.cli import main
from kz_inspection_checklists.exceptions import (
    DataFileError,
    InvalidInputError,
    TextNotAvailableError,
)
from kz_inspection_checklists.exports import export
from kz_inspection_checklists.importer.build import (
    consolidated_edition,
    import_translation,
    translation,
)
from kz_inspection_checklists.importer.grammar import grammar_names, load_grammar
from kz_inspection_checklists.importer.parse import parse
from kz_inspection_checklists.law.edition import Checklist, EditionSource, Translation
from kz_inspection_checklists.law.in_force import as_of
from kz_inspection_checklists.law.pins import Pin, canonical_hash, check_pin, load_pins, pinned_hash
from kz_inspection_checklists.law.store import Law, bundled, edition_file_json
from kz_inspection_checklists.record.record import new_record

from .conftest import SOURCE_TEXT, SOURCES

PSEUDO = Path(__file__).resolve().parent / "fixtures" / "pseudo"
GRAMMAR = PSEUDO / "adilet-qps.json"
#: The file name the pseudo text is written under (in a temporary folder).
PSEUDO_FILE = "V1900018805-qps-test-data.txt"
DATA = _bundle.ORDERS / "V1900018805"
KEYS = ("informatization", "communications", "electronic-signature")
NOTICE = (
    "Text: Pseudo-translation for tests, qps, pseudo-translation (test data), not an "
    "official text; the official texts are in Kazakh and Russian."
)


def held() -> str:
    """The languages the bundled 2023-revision holds, as an error names them."""
    return ", ".join(kz.edition("2023").languages)


def held_and_qps() -> str:
    """The languages of an edition file of 2023-revision with the pseudo text added."""
    return ", ".join((*kz.edition("2023").languages, "qps"))


def absent() -> str:
    """A language the bundled edition does not hold (Russian or Kazakh, while one is not)."""
    return next(c for c in ("ru", "kk", "qaa") if c not in kz.edition("2023").languages)


# --- the pseudo text -------------------------------------------------------------------

_VOWELS = str.maketrans("AEIOUaeiou", "ǍĚǏǑǓǎěǐǒǔ")
#: The English line after which an annex's requirements start; a line with a blank
#: ``___`` (the first signature block) ends them.
_LAST_COLUMN = "Does not conform to the requirements"


def pseudo_words(text: str) -> str:
    """``text`` with its vowels replaced: how the pseudo layout writes every word."""
    return text.translate(_VOWELS)


def pseudo_requirement(text: str) -> str:
    """A requirement of the pseudo text: the words in reverse order, between ⟦ and ⟧."""
    return "⟦" + " ".join(reversed(text.split())) + "⟧"


def requirement_lines(english: str) -> list[int]:
    """The 0-based numbers of the lines of the English text that are requirements.

    Found from the layout alone, without the importer, so the fixture does not depend
    on what it tests: the non-blank lines between an annex's last column and its first
    signature block.
    """
    found, inside = [], False
    for number, line in enumerate(english.split("\n")):
        if inside and "___" in line:
            inside = False
        if inside and line.strip():
            found.append(number)
        if line.strip() == _LAST_COLUMN:
            inside = True
    return found


def pseudo_text(english: str) -> str:
    """The pseudo-translation of the English source text (test data; see the module)."""
    lines = english.split("\n")
    requirements = set(requirement_lines(english))
    return "\n".join(
        pseudo_requirement(line) if number in requirements else pseudo_words(line)
        for number, line in enumerate(lines)
    )


@pytest.fixture(scope="module")
def english() -> str:
    return SOURCE_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pseudo(english: str) -> str:
    return pseudo_text(english)


@pytest.fixture(scope="module")
def pseudo_file(pseudo: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pseudo") / PSEUDO_FILE
    path.write_text(pseudo, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def layer(pseudo_file: Path) -> Translation:
    return import_translation(pseudo_file, edition=kz.edition("2023"), grammar=GRAMMAR)


@pytest.fixture(scope="module")
def edition_file(layer: Translation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An edition file of 2023-revision holding the pseudo text too."""
    held = kz.edition("2023")
    path = tmp_path_factory.mktemp("editions") / "2023-with-qps.json"
    with_layer = held.model_copy(update={"translations": (*held.translations, layer)})
    path.write_text(edition_file_json(with_layer, {"by": "test"}), encoding="utf-8")
    return path


# --- the fixture is what it says -------------------------------------------------------


def test_the_pseudo_text_has_no_english_layout_word_and_no_english_requirement(
    english: str, pseudo: str
) -> None:
    numbers = set(requirement_lines(english))
    assert len(numbers) == 87
    lines = pseudo.split("\n")
    # Every ASCII vowel outside the requirements is replaced: no word of the English
    # layout ("Annex", "List of requirements", month names, ...) is left to read.
    assert not [
        n for n, line in enumerate(lines) if n not in numbers and re.search("[aeiou]", line, re.I)
    ]
    english_lines = english.split("\n")
    for number in numbers:
        assert lines[number] != english_lines[number].strip()
        assert lines[number].startswith("⟦") and lines[number].endswith("⟧")


def test_the_pseudo_grammar_holds_the_transformed_words_of_the_english_one() -> None:
    en, qps = load_grammar("adilet-en"), load_grammar(GRAMMAR)
    assert (qps.language, qps.official, qps.publisher, qps.status) == (
        "qps",
        False,
        "Pseudo-translation for tests",
        "pseudo-translation (test data)",
    )
    assert "TEST DATA, not a translation" in qps.description
    for field in (
        "months",
        "preamble_start",
        "amendment_line",
        "approve_form",
        "annex_heading_form",
        "list_heading",
        "signature_form",
        "subject_links",
        "subject_separator",
        "subject_last",
        "footer",
    ):
        words = getattr(en, field)
        expected = (
            pseudo_words(words) if isinstance(words, str) else tuple(map(pseudo_words, words))
        )
        assert getattr(qps, field) == expected, field
    assert dict(qps.numbers) == {pseudo_words(word): n for word, n in en.numbers.items()}
    # In the patterns, no English word is left once the regular-expression syntax (group
    # names, escapes, classes) is taken out.
    syntax = re.compile(r"\(\?P<\w+>|\\.|\[[^\]]*\]")
    for field in (
        "preamble",
        "entry_into_force",
        "days_rule",
        "amendments",
        "approve",
        "excluded_item",
        "item_annex",
        "item_title",
        "annex_heading",
        "footnote",
        "footnote_annex",
        "excluded_annex",
        "anew_annex",
        "columns",
        "dates",
    ):
        value = getattr(qps, field)
        for pattern in (value,) if isinstance(value, str) else value:
            assert not re.search("[aeiou]", syntax.sub("", pattern), re.I), (field, pattern)


def test_the_pseudo_layer_is_never_shipped() -> None:
    package = Path(kz.__file__).resolve().parent
    assert "adilet-qps" not in grammar_names()
    assert list(package.rglob("*qps*")) == []
    assert [name for name in bundled().listing("texts") if ".qps." in name] == []
    assert "qps" not in kz.edition("2023").languages


# --- aligned by structure --------------------------------------------------------------


def test_the_pseudo_text_is_aligned_to_the_held_ids_by_position(
    tmp_path: Path, pseudo: str
) -> None:
    held = kz.edition("2023")
    # A byte order mark: the source's hash is of the file's raw bytes, not of its text.
    path = tmp_path / PSEUDO_FILE
    path.write_bytes(b"\xef\xbb\xbf" + pseudo.encode("utf-8"))
    layer = import_translation(path, edition=held, grammar=GRAMMAR)
    assert layer.source == EditionSource(
        file=PSEUDO_FILE,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        publisher="Pseudo-translation for tests",
        language="qps",
        official=False,
        status="pseudo-translation (test data)",
    )
    assert layer.source.sha256 != hashlib.sha256(pseudo.encode("utf-8")).hexdigest()
    view = held.model_copy(update={"translations": (*held.translations, layer)})
    view = view.in_language("qps")
    assert (view.id, view.act, view.aliases, view.source) == (
        held.id,
        held.act,
        held.aliases,
        layer.source,
    )
    assert view.languages == ("qps", *held.languages)
    for key in KEYS:
        own, other = held.checklist(key), view.checklist(key)
        assert other.ids == own.ids
        assert [r.number for r in other.requirements] == [r.number for r in own.requirements]
        # Position n of the text is requirement n of the edition: a shift by one breaks it.
        assert [r.text for r in other.requirements] == [
            pseudo_requirement(r.text) for r in own.requirements
        ]
        assert all(a.text != b.text for a, b in zip(own.requirements, other.requirements))
        assert {(r.language, r.official) for r in other.requirements} == {("qps", False)}
        assert other.title == pseudo_words(own.title)
        assert other.subjects == tuple(map(pseudo_words, own.subjects))
        assert other.annex_caption == pseudo_words(own.annex_caption)
        assert (other.list_heading, other.columns) == (
            pseudo_words(own.list_heading),
            tuple(map(pseudo_words, own.columns)),
        )
        assert [(f.key, f.label) for f in other.header_fields] == [
            (f.key, pseudo_words(f.label)) for f in own.header_fields
        ]
        assert [b.role for b in other.signature_blocks] == [
            pseudo_words(b.role) for b in own.signature_blocks
        ]
    assert [(a.number, a.status, a.title) for a in view.annexes] == [
        (a.number, a.status, pseudo_words(a.title)) for a in held.annexes
    ]
    # The edition's own text is still there, by the same IDs.
    assert view.in_language("en").checklist("communications") == held.checklist("communications")


def test_a_translation_adds_a_language_the_edition_does_not_hold(pseudo_file: Path) -> None:
    with pytest.raises(InvalidInputError, match="holds a text in 'en' already"):
        import_translation(SOURCE_TEXT, edition=kz.edition("2023"))
    held = kz.edition("2023")
    first = import_translation(pseudo_file, edition=held, grammar=GRAMMAR)
    twice = held.model_copy(update={"translations": (*held.translations, first)})
    with pytest.raises(InvalidInputError, match="holds a text in 'qps' already"):
        import_translation(pseudo_file, edition=twice, grammar=GRAMMAR)
    with pytest.raises(TextNotAvailableError, match="holds no text to align"):
        import_translation(pseudo_file, edition=kz.edition("2019"), grammar=GRAMMAR)


# --- structural mismatches -------------------------------------------------------------


def _annex(lines: list[str], number: int) -> range:
    """The 0-based lines of Annex ``number`` of the pseudo text, from its heading."""
    headings = [i for i, line in enumerate(lines) if re.fullmatch(r"Ǎnněx \d+", line.strip())]
    start = next(i for i in headings if lines[i].strip() == f"Ǎnněx {number}")
    footer = next(i for i, line in enumerate(lines) if line.startswith(pseudo_words("If you")))
    return range(start, min([i for i in headings if i > start] + [footer]))


def _drop(lines: list[str], number: int, starts: str) -> list[str]:
    """The lines without the one of Annex ``number`` that starts (stripped) with ``starts``."""
    (index,) = [i for i in _annex(lines, number) if lines[i].strip().startswith(starts)]
    return lines[:index] + lines[index + 1 :]


def _requirement(key: str, number: int) -> str:
    return pseudo_requirement(kz.checklist(key).requirements[number - 1].text)


def _heading(lines: list[str], number: int) -> int:
    return _annex(lines, number).start + 1


def _line_of(lines: list[str], text: str) -> int:
    (index,) = [i for i, line in enumerate(lines) if line == text]
    return index + 1


Edit = Callable[[list[str]], list[str]]


def _without_annex(number: int, item_too: bool = False) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        annex = _annex(lines, number)
        kept = lines[: annex.start] + lines[annex.stop :]
        if item_too:
            kept = [line for line in kept if not line.strip().startswith(f"{number}) ")]
        return kept

    return edit


def _insert_after(key: str, number: int, new: str) -> Edit:
    def edit(lines: list[str]) -> list[str]:
        index = lines.index(_requirement(key, number))
        return [*lines[: index + 1], "", "", new, *lines[index + 1 :]]

    return edit


MISMATCHES: dict[str, tuple[Edit, str, Callable[[list[str]], int]]] = {
    "a requirement removed from Annex 4": (
        lambda lines: [line for line in lines if line != _requirement("communications", 10)],
        r"Annex 4 \(communications\) lists 71 requirements, the edition 72 \(COM-001 to "
        r"COM-072\); requirement 72 of the edition \(COM-072\) has none in the text",
        lambda edited: _heading(edited, 4),
    ),
    "a requirement added to Annex 4": (
        _insert_after("communications", 10, "⟦test data: in no edition⟧"),
        r"Annex 4 \(communications\) lists 73 requirements, the edition 72 \(COM-001 to "
        r"COM-072\); the text's requirement 73 \(at this line\) has none in the edition",
        lambda edited: _line_of(edited, _requirement("communications", 72)),
    ),
    "a requirement added to Annex 5": (
        _insert_after("electronic-signature", 1, "⟦test data: in no edition⟧"),
        r"Annex 5 \(electronic-signature\) lists 5 requirements, the edition 4",
        lambda edited: _line_of(edited, _requirement("electronic-signature", 4)),
    ),
    "Annex 5 missing": (
        _without_annex(5),
        r"paragraph 1 lists 5 annexes but the text has 4: it has no Annex 5",
        lambda edited: _heading(edited, 4),
    ),
    "Annex 5 missing, and its item of paragraph 1": (
        _without_annex(5, item_too=True),
        r"the text has 4 annexes, the edition 5: the text has no Annex 5",
        lambda edited: _heading(edited, 4),
    ),
    "Annex 2 missing": (
        _without_annex(2),
        r"expected Annex 2 here, found Annex 3",
        lambda edited: _heading(edited, 3),
    ),
    "Annex 1 in force": (
        lambda lines: _drop(lines, 1, pseudo_words("Footnote.")),
        r"Annex 1 is excluded in the edition, but not in the text",
        lambda edited: _heading(edited, 1),
    ),
    "a header field missing from Annex 4": (
        lambda lines: _drop(lines, 4, pseudo_words("Location address")),
        r"Annex 4 \(communications\) has 4 header fields, the edition 5",
        lambda edited: _heading(edited, 4),
    ),
    "a column missing from Annex 4": (
        lambda lines: _drop(lines, 4, pseudo_words(_LAST_COLUMN)),
        r"Annex 4: expected the columns",
        lambda edited: _line_of(edited, _requirement("communications", 1)),
    ),
    "a signature block missing from Annex 3": (
        lambda lines: _drop(lines, 3, pseudo_words("Head of the entity")),
        r"Annex 3 \(informatization\) has 1 signature blocks, the edition 2",
        lambda edited: _heading(edited, 3),
    ),
}


@pytest.mark.parametrize("case", MISMATCHES)
def test_a_text_of_another_structure_is_refused_naming_the_annex_and_the_position(
    case: str, pseudo: str
) -> None:
    edit, message, line = MISMATCHES[case]
    edited = edit(pseudo.split("\n"))
    assert edited != pseudo.split("\n")
    with pytest.raises(DataFileError, match=message) as caught:
        translation(
            parse("\n".join(edited), source="edited.txt", grammar=GRAMMAR), kz.edition("2023")
        )
    assert caught.value.source == "edited.txt"
    assert caught.value.line == line(edited)
    assert str(caught.value).startswith(f"edited.txt, line {line(edited)}: ")


def test_the_pseudo_text_is_not_read_by_the_english_grammar(pseudo: str) -> None:
    with pytest.raises(DataFileError, match="line 1: no preamble starting 'Joint order of'"):
        parse(pseudo, source="pseudo.txt")


# --- through the bundle: a data change that mints no ID --------------------------------


@pytest.fixture(scope="module")
def built(pseudo: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Law]:
    """The data built from a copy of sources/ whose manifest adds the pseudo text."""
    sources = tmp_path_factory.mktemp("sources")
    shutil.copytree(SOURCES, sources, dirs_exist_ok=True)
    (sources / PSEUDO_FILE).write_text(pseudo, encoding="utf-8")
    manifest = json.loads((sources / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in manifest["editions"] if e["id"] == "2023-revision"]
    entry["translations"] = [
        *entry.get("translations", []),
        {"source": PSEUDO_FILE, "grammar": str(GRAMMAR)},
    ]
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (sources / "manifest.json").write_text(text, encoding="utf-8")
    files = _bundle.build(sources)
    folder = tmp_path_factory.mktemp("data") / "V1900018805"
    _bundle.write(files, folder)
    return files, Law(folder, what="the data built with the pseudo text")


def _committed() -> dict[str, str]:
    return {str(p.relative_to(DATA)): p.read_text(encoding="utf-8") for p in DATA.rglob("*.json")}


def test_bundling_a_translation_adds_its_text_and_changes_no_id_or_edition(
    built: tuple[dict[str, str], Law], pseudo: str
) -> None:
    files, _ = built
    committed = _committed()
    assert sorted(set(files) - set(committed)) == ["texts/2023-revision.qps.json"]
    assert set(committed) <= set(files)
    for name in (
        "ids.json",
        "pins.json",
        "editions/2019-original.json",
        "editions/2023-revision.json",
    ):
        assert files[name] == committed[name], name
    # order.json: the same order (acts, events, editions, so 'latest'); its header names
    # the manifest, which gained the text's entry, so only that hash differs.
    order, was = json.loads(files["order.json"]), json.loads(committed["order.json"])
    assert order["order"] == was["order"]
    manifest = [s for s in order["generated"]["sources"] if s["file"] == "manifest.json"]
    assert order["generated"]["sources"] != was["generated"]["sources"]
    assert [s for s in order["generated"]["sources"] if s not in manifest] == [
        s for s in was["generated"]["sources"] if s["file"] != "manifest.json"
    ]
    text = json.loads(files["texts/2023-revision.qps.json"])
    assert text["edition"] == "2023-revision"
    assert text["translation"]["source"]["file"] == PSEUDO_FILE
    assert text["translation"]["source"]["sha256"] == hashlib.sha256(pseudo.encode()).hexdigest()
    # The text file names what it was made from: its own source and the edition's.
    assert [s["file"] for s in text["generated"]["sources"]] == sorted(
        [PSEUDO_FILE, SOURCE_TEXT.name]
    )


def test_a_law_over_the_built_data_answers_in_either_language(
    built: tuple[dict[str, str], Law],
) -> None:
    _, law = built
    assert law.resolve("latest") == bundled().resolve("latest") == "2023-revision"
    assert law.order == bundled().order
    assert law.registry == bundled().registry
    held = law.edition("latest")
    assert held.languages[0] == "en"
    assert sorted(held.languages) == sorted((*kz.edition("2023").languages, "qps"))
    checklist = law.checklist("communications", language="qps")
    english = kz.checklist("communications")
    assert checklist.ids == english.ids
    assert [r.text for r in checklist.requirements] == [
        pseudo_requirement(r.text) for r in english.requirements
    ]
    requirement = law.requirement("com-004", language="qps")
    assert (requirement.id, requirement.number, requirement.language, requirement.official) == (
        "COM-004",
        4,
        "qps",
        False,
    )
    assert requirement.text == pseudo_requirement(kz.requirement("COM-004").text)
    # The default is the bundled text, in its own language.
    assert law.requirement("COM-004") == kz.requirement("COM-004")
    assert law.checklist("communications") == english
    assert [c.key for c in law.checklists(language="qps")] == list(KEYS)
    with pytest.raises(TextNotAvailableError, match="it holds: en, "):
        law.requirement("COM-004", language=absent())
    published = {
        "original": datetime.date(2019, 6, 10),
        "amendment-2023-05-23": datetime.date(2023, 6, 1),
    }
    for day in ("2020-01-01", "2024-01-01"):
        assert as_of(day, published=published, law=law).id == as_of(day, published=published).id
    assert as_of("2024-01-01", published=published, law=law).languages == held.languages


def test_a_translation_is_pinned_apart_and_leaves_the_editions_hash(
    built: tuple[dict[str, str], Law],
) -> None:
    _, law = built
    held = law.edition("2023")
    (text,) = [t for t in held.translations if t.language == "qps"]
    assert canonical_hash(held) == pinned_hash("2023-revision") == check_pin(kz.edition("2023"))
    # The text is checked against a pin of its own, which a release records.
    with pytest.raises(
        DataFileError, match="edition '2023-revision' in 'qps' has no recorded hash"
    ):
        check_pin(held)
    pins = load_pins(law)
    pin = Pin(edition="2023-revision", language="qps", version="0.0.0", sha256=canonical_hash(text))
    pinned = pins.model_copy(update={"editions": (*pins.editions, pin)})
    assert check_pin(held, pins=pinned) == pinned_hash("2023-revision")
    wrong = pin.model_copy(update={"sha256": "0" * 64})
    with pytest.raises(DataFileError, match="in 'qps' does not match its recorded hash"):
        check_pin(held, pins=pins.model_copy(update={"editions": (*pins.editions, wrong)}))


# --- language= in the API --------------------------------------------------------------


def test_language_picks_the_text_in_the_api(edition_file: Path) -> None:
    english = kz.checklist("communications")
    checklist = kz.checklist("communications", edition=edition_file, language="qps")
    assert checklist.ids == english.ids and checklist.language == "qps"
    assert checklist.requirements[3].text == pseudo_requirement(english.requirements[3].text)
    assert kz.checklist("communications", edition=edition_file) == english
    assert kz.checklist("communications", edition=edition_file, language="en") == english
    requirement = kz.requirement("EDS-002", edition=edition_file, language="qps")
    assert requirement.text == pseudo_requirement(kz.requirement("EDS-002").text)
    assert [c.language for c in kz.checklists(edition=edition_file, language="qps")] == ["qps"] * 3


@pytest.mark.parametrize(
    ("call", "languages"),
    [
        (lambda e: kz.checklist("communications", language="qps"), held),
        (lambda e: kz.requirement("COM-004", language=absent()), held),
        (lambda e: kz.checklists(language=absent()), held),
        (lambda e: kz.checklist("communications", edition=e, language=absent()), held_and_qps),
        (lambda e: kz.requirement("COM-004", edition=e, language=absent()), held_and_qps),
    ],
)
def test_a_language_not_held_names_the_languages_held(
    call: Callable[[Path], object], languages: Callable[[], str], edition_file: Path
) -> None:
    with pytest.raises(TextNotAvailableError) as caught:
        call(edition_file)
    assert str(caught.value).endswith(f"in this library; it holds: {languages()}")


@pytest.mark.parametrize("language", ["RU", "eng", "", "e", "e1", "ǎn", " en", 7])
def test_a_malformed_language_code_is_invalid_input(language: object) -> None:
    for call in (
        lambda: kz.checklist("communications", language=language),  # type: ignore[arg-type]
        lambda: kz.requirement("COM-004", language=language),  # type: ignore[arg-type]
        lambda: export(
            new_record("communications"),
            "csv",
            language=language,  # type: ignore[arg-type]
        ),
    ):
        with pytest.raises(InvalidInputError, match="is not an ISO 639-1 code"):
            call()


def test_export_of_a_record_takes_a_language(edition_file: Path) -> None:
    record = new_record(kz.checklist("communications")).mark("COM-004", "conforms")
    edition = kz.edition(edition_file)
    data = export(record, "csv", edition=edition, language="qps").decode("utf-8")
    expected = pseudo_requirement(kz.requirement("COM-004").text)
    assert f"COM-004,4,communications,2023-revision,{expected},conforms,,,," in data.splitlines()
    assert pseudo_requirement(kz.requirement("COM-005").text) in data
    assert (
        kz.requirement("COM-004").text
        not in export(record, "csv", edition=edition, language="qps").decode()
    )
    assert kz.requirement("COM-004").text in export(record, "csv", edition=edition).decode()
    with pytest.raises(TextNotAvailableError, match=f"it holds: {held()}$"):
        export(record, "csv", language="qps")
    with pytest.raises(TextNotAvailableError, match=f"it holds: {held_and_qps()}$"):
        export(record, "html", edition=edition, language=absent())


# --- what the exports say the text is ---------------------------------------------------


def _read(subject: object, **options: object) -> dict[str, str]:
    """What each export of ``subject`` says, as text (HTML and Word as a reader sees them)."""
    from .test_export_notice import _docx_text, _Text

    names = ["html", "docx", "oscal", "xccdf"]
    if isinstance(subject, Checklist):
        names.append("markdown")
    texts = {}
    for name in names:
        data = export(subject, name, **options)  # type: ignore[arg-type]
        if name == "html":
            texts[name] = "\n".join(" ".join(p.split()) for p in _Text(data.decode()).parts)
        elif name == "docx":
            paragraphs, footer = _docx_text(data)
            document = pytest.importorskip("docx").Document(io.BytesIO(data))
            cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
            texts[name] = "\n".join(paragraphs + footer + cells)
        elif name == "markdown":
            texts[name] = "\n".join(line.strip("*") for line in data.decode().splitlines())
        else:
            texts[name] = data.decode()
    return texts


@pytest.mark.parametrize("key", KEYS)
def test_exports_of_the_pseudo_layer_say_what_its_source_is(
    key: str, edition_file: Path, built: tuple[dict[str, str], Law]
) -> None:
    _, law = built
    edition = kz.edition(edition_file)
    first = pseudo_requirement(kz.checklist(key).requirements[0].text)
    record = new_record(kz.checklist(key)).mark(kz.checklist(key).ids[0], "conforms")
    subjects = {
        "a checklist of an edition file": (edition.in_language("qps").checklist(key), {}),
        "a checklist of bundled data": (law.checklist(key, language="qps"), {}),
        "a record": (record, {"edition": edition, "language": "qps"}),
    }
    for what, (subject, options) in subjects.items():
        for name, text in _read(subject, **options).items():
            where = (what, name)
            if name in ("oscal", "xccdf"):
                assert NOTICE in text, where
            else:
                assert NOTICE in text.splitlines(), where
                assert first in text, where
            assert "unofficial translation" not in text and "Adilet, English" not in text, where
    root = ET.fromstring(export(law.checklist(key, language="qps"), "xccdf"))
    titles = [n for n in root.iter() if n.tag.endswith("}title") and (n.text or "").startswith("⟦")]
    assert len(titles) == len(kz.checklist(key).requirements)
    assert {n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in titles} == {"qps"}


# --- the command line --------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(tmp_path: Path, pseudo_file: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The edition file 'kz-checklists import --translation-of 2023' writes."""
    target = tmp_path / "2023-qps.json"
    code, out, err = run(
        capsys,
        "import",
        str(pseudo_file),
        "--translation-of",
        "2023",
        "--grammar",
        str(GRAMMAR),
        "-o",
        str(target),
    )
    assert (code, out) == (0, "")
    assert err == (
        f"wrote {target} (edition file of 2023-revision with its qps text)\n"
        "aligned the qps text with edition 2023-revision: 87 requirements, no new ID\n"
    )
    return target


def test_cli_import_translation_of_writes_the_edition_with_the_text(imported: Path) -> None:
    document = json.loads(imported.read_text(encoding="utf-8"))
    assert document["generated"]["language"] == "qps"
    assert document["generated"]["source"]["file"] == PSEUDO_FILE
    edition = kz.edition(imported)
    bundled_2023 = kz.edition("2023")
    assert edition.translations[:-1] == bundled_2023.translations
    assert edition.model_copy(update={"translations": bundled_2023.translations}) == bundled_2023
    assert edition.languages == (*bundled_2023.languages, "qps")


def test_cli_show_and_export_take_a_language(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    com4 = pseudo_requirement(kz.requirement("COM-004").text)
    code, out, _ = run(
        capsys, "show", "communications", "--edition", str(imported), "--language", "qps"
    )
    assert code == 0 and com4 in out and out.rstrip().endswith(NOTICE)
    code, out, _ = run(
        capsys, "show", "4", "--edition", str(imported), "--language", "qps", "--format", "json"
    )
    shown = json.loads(out)["requirements"][3]
    assert code == 0 and (shown["id"], shown["text"], shown["language"]) == ("COM-004", com4, "qps")
    code, out, _ = run(capsys, "show", "4", "--edition", str(imported))
    assert code == 0 and com4 not in out and kz.requirement("COM-004").text in out
    code, out, _ = run(
        capsys,
        "export",
        "4",
        "--edition",
        str(imported),
        "--language",
        "qps",
        "--format",
        "markdown",
    )
    assert code == 0 and com4 in out and NOTICE in out
    record = tmp_path / "record.json"
    assert run(capsys, "new", "communications", "-o", str(record))[0] == 0
    code, out, _ = run(
        capsys,
        "export-record",
        str(record),
        "--edition",
        str(imported),
        "--language",
        "qps",
        "--format",
        "csv",
    )
    assert code == 0 and com4 in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["show", "4", "--language", "qps"],
            "has no text in 'qps' in this library; it holds: HELD",
        ),
        (["show", "4", "--edition", "FILE", "--language", "ABSENT"], "it holds: HELD, qps"),
        (
            ["export", "4", "--edition", "FILE", "--language", "ABSENT", "--format", "csv"],
            "it holds: HELD, qps",
        ),
        (["export-record", "RECORD", "--language", "qps", "--format", "csv"], "it holds: HELD"),
        (
            [
                "export-record",
                "RECORD",
                "--edition",
                "FILE",
                "--language",
                "ABSENT",
                "--format",
                "csv",
            ],
            "it holds: HELD, qps",
        ),
        (
            ["show", "4", "--edition", "FILE", "--language", "RU"],
            "language 'RU' is not an ISO 639-1 code",
        ),
        (
            ["export", "4", "--language", "eng", "--format", "csv"],
            "language 'eng' is not an ISO 639-1 code",
        ),
        (
            ["export-record", "RECORD", "--language", "RU", "--format", "csv"],
            "language 'RU' is not",
        ),
        (
            [
                "import",
                "PSEUDO",
                "--translation-of",
                "2023",
                "--language",
                "Qps",
                "--grammar",
                "GRAMMAR",
            ],
            "language 'Qps' is not",
        ),
    ],
)
def test_cli_language_errors_are_one_line_and_exit_2(
    argv: list[str],
    message: str,
    imported: Path,
    pseudo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = tmp_path / "record.json"
    assert run(capsys, "new", "communications", "-o", str(record))[0] == 0
    names = {
        "FILE": str(imported),
        "RECORD": str(record),
        "PSEUDO": str(pseudo_file),
        "GRAMMAR": str(GRAMMAR),
        "ABSENT": absent(),
    }
    code, out, err = run(capsys, *[names.get(arg, arg) for arg in argv])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("kz-checklists: error: ")
    assert message.replace("HELD", held()) in err


def test_cli_import_never_writes_over_its_grammar_file(
    tmp_path: Path, pseudo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grammar = tmp_path / "adilet-qps.json"
    grammar.write_bytes(GRAMMAR.read_bytes())
    code, _, err = run(
        capsys,
        "import",
        str(pseudo_file),
        "--translation-of",
        "2023",
        "--grammar",
        str(grammar),
        "-o",
        str(grammar),
        "--force",
    )
    assert code == 2 and "over the input file" in err
    assert grammar.read_bytes() == GRAMMAR.read_bytes()


# --- trailing whitespace -----------------------------------------------------------------


def _padded(text: str, english: str) -> str:
    """``text`` with spaces, tabs and no-break spaces after every requirement line."""
    lines = text.split("\n")
    for number in requirement_lines(english):
        lines[number] += " \t\u00a0 \t"
    return "\n".join(lines)


def test_the_importer_strips_trailing_whitespace_from_requirements(english: str) -> None:
    padded = _padded(english, english)
    assert padded.count("\t\u00a0 \t\n") == 87
    held = kz.edition("2023")
    result = consolidated_edition(
        parse(padded, source="padded.txt"),
        edition_id="padded",
        registry=bundled().registry,
        base=held,
    )
    for key in KEYS:
        assert [r.text for r in result.edition.checklist(key).requirements] == [
            r.text for r in held.checklist(key).requirements
        ]
    assert len(result.ids_with_status("unchanged")) == 87


def test_a_translation_strips_trailing_whitespace_from_requirements(
    english: str, pseudo: str, layer: Translation
) -> None:
    padded = _padded(pseudo, english)
    assert padded != pseudo
    again = translation(parse(padded, source=PSEUDO_FILE, grammar=GRAMMAR), kz.edition("2023"))
    assert again.checklists == layer.checklists
