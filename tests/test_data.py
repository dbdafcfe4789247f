"""Golden and integrity tests of the bundled data against the source text."""

from __future__ import annotations

import datetime
import importlib
import subprocess
import sys

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import TextNotAvailableError
from kz_inspection_checklists.law import catalog as api

COUNTS = {"informatization": 11, "communications": 72, "electronic-signature": 4}


def test_counts_per_checklist() -> None:
    assert {c.key: len(c.requirements) for c in kz.checklists()} == COUNTS
    assert sum(len(c.requirements) for c in kz.checklists(edition="2023")) == 87


@pytest.mark.parametrize(
    ("requirement_id", "number", "text"),
    [
        (
            "INF-001",
            1,
            "observance of the requirement to have original technical documentation in hard copy",
        ),
        (
            "INF-011",
            11,
            "meeting the requirement for the period of pilot operation not exceeding one year "
            'when creating and developing an "e-government" informatisation object;',
        ),
        (
            "INF-008",
            8,
            "observance of the person’s rights to demand from the owner and (or) operator, as "
            "well as from a third party the destruction of his/her personal data, the collection "
            "and processing of which was carried out in violation of the legislation on personal "
            "data and their protection",
        ),
        ("COM-059", 59, "failure to use the radio frequency spectrum for one year"),
        (
            "COM-062",
            62,
            "observance of the requirement that the right to temporarily or permanently use "
            "assigned frequency bands, radio frequencies (radio frequency channels) may not be "
            "transferred to other individuals or legal entities.",
        ),
        (
            "COM-072",
            72,
            "adherence by subscribers to the procedure for operating cellular signal amplifiers "
            "(repeaters, active repeaters) in cellular networks",
        ),
        (
            "EDS-004",
            4,
            "adherence to the requirement to prohibit the transfer of the private key of the "
            "electronic digital signature to other persons",
        ),
    ],
)
def test_sample_requirements(requirement_id: str, number: int, text: str) -> None:
    requirement = kz.requirement(requirement_id)
    assert (requirement.number, requirement.text) == (number, text)
    assert requirement.language == "en"
    assert requirement.official is False


def test_source_oddities_are_kept() -> None:
    com_011 = kz.requirement("COM-011").text
    assert "(codes “DEF” and indices “X1”, “X1X2” in code “DEF”" in com_011
    assert com_011.endswith(
        "(based on the results of the inspection performed by the competent authority)"
    )
    assert kz.requirement("COM-070").text.startswith("(compliance with obligations")
    assert kz.requirement("COM-070").text.endswith(
        ") of the checklist in the field of communications"
    )
    assert kz.requirement("COM-025").text.startswith("Compliance with the requirement to comply")


def test_every_text_is_a_paragraph_of_the_source(source_text: str) -> None:
    paragraphs = {line.strip() for line in source_text.splitlines() if line.strip()}
    not_verbatim = [
        r.id for c in kz.checklists() for r in c.requirements if r.text not in paragraphs
    ]
    assert not_verbatim == []


def test_every_paragraph_of_each_list_is_a_requirement(source_text: str) -> None:
    """Each 'List of requirements' block of the source, read naively, gives our texts in order."""
    lines = [line.strip() for line in source_text.splitlines()]
    blocks = []
    for index, line in enumerate(lines):
        if line == "List of requirements":
            end = next(i for i in range(index, len(lines)) if lines[i].startswith("Official(s)"))
            body = [x for x in lines[index + 1 : end] if x]
            blocks.append(body[2:])  # after the two column headings
    assert [[r.text for r in c.requirements] for c in kz.checklists()] == blocks


def test_numbers_follow_the_order_of_the_list() -> None:
    bad = [
        (c.key, r.id)
        for c in kz.checklists()
        for position, r in enumerate(c.requirements, start=1)
        if r.number != position
    ]
    assert bad == []


def test_texts_have_no_surrounding_whitespace() -> None:
    bad = [
        r.id
        for c in kz.checklists()
        for r in c.requirements
        if r.text != r.text.strip() or not r.text
    ]
    assert bad == []


def test_checklist_form_parts() -> None:
    communications = kz.checklist("communications")
    assert communications.annex == 4
    assert communications.title.startswith(
        "Checklist in the field of communications in relation to"
    )
    assert communications.subjects == (
        "natural persons",
        "state legal entities",
        "quasi-public sector entities",
        "telecom operators",
    )
    assert [f.key for f in communications.header_fields] == [
        "authority",
        "assignment_act",
        "entity_name",
        "iin_bin",
        "address",
    ]
    assert communications.header_fields[1].suffix == "№, date"
    assert communications.header_fields[3].label == (
        "(Individual identification number), business identification number "
        "of the entity (facility) being controlled"
    )
    assert communications.columns == (
        "Conforms to the requirements",
        "Does not conform to the requirements",
    )
    assert [b.role for b in communications.signature_blocks] == [
        "Official(s)",
        "Head of the entity being monitored",
    ]
    assert communications.signature_blocks[0].captions == (
        "position signature",
        "surname, first name, patronymic (if any)",
    )
    assert communications.footnote is not None
    assert communications.footnote.startswith(
        "Footnote. Appendix 4 - as amended by the joint order"
    )


def test_subjects_are_verbatim_parts_of_the_title() -> None:
    bad = [(c.key, s) for c in kz.checklists() for s in c.subjects if s not in c.title]
    assert bad == []
    assert len(kz.checklist(3).subjects) == 6
    assert kz.checklist(3).subjects[-1].startswith("third parties that are not the entity, owner")
    assert len(kz.checklist(5).subjects) == 4


def test_order_facts() -> None:
    order = kz.order()
    assert order.adilet_code == "V1900018805"
    assert order.registration.number == "18805"
    assert order.registration.date.date == datetime.date(2019, 6, 7)
    original, amendment = order.acts
    assert [(i.number, i.date.date) for i in original.issuers] == [
        ("114/НҚ", datetime.date(2019, 6, 4)),
        ("52", datetime.date(2019, 6, 6)),
    ]
    assert [(i.number, i.date.text) for i in amendment.issuers] == [
        ("104/NK", "23.05.2023"),
        ("76", "23.05.2023"),
    ]
    # The sources give rules, not dates: the dates stay unknown.
    assert original.entry_into_force.date is None
    assert amendment.entry_into_force.date is None
    assert "ten calendar days after the day its first official publication" in (
        original.entry_into_force.rule
    )
    assert amendment.registration is None


def test_the_2019_edition_says_what_it_lacks() -> None:
    original = kz.edition("2019")
    assert original.id == "2019-original"
    assert original.text_available is False
    assert original.checklists == ()
    assert [(a.number, a.title) for a in original.annexes] == [
        (1, "Criteria for risk assessment in the field of informatization"),
        (2, "Criteria for risk assessment in the field of communication"),
        (3, "Checklist in the field of informatization"),
        (4, "Checklist in the field of communications"),
        (
            5,
            "Checklist for compliance with the legislation of the Republic of Kazakhstan on "
            "electronic document and electronic digital signature",
        ),
    ]
    with pytest.raises(TextNotAvailableError, match="kz-checklists import"):
        kz.checklist("communications", edition="2019")
    with pytest.raises(TextNotAvailableError, match="not available"):
        kz.checklists(edition="2019-original")
    with pytest.raises(TextNotAvailableError, match="not available"):
        kz.requirement("COM-001", edition="2019")


def test_the_2023_edition_excludes_annexes_1_and_2() -> None:
    revision = kz.edition("2023")
    assert [(a.number, a.status) for a in revision.annexes] == [
        (1, "excluded"),
        (2, "excluded"),
        (3, "in-force"),
        (4, "in-force"),
        (5, "in-force"),
    ]
    assert revision.source is not None
    assert (revision.source.language, revision.source.official) == ("en", False)


def test_loaded_law_is_immutable() -> None:
    checklist = kz.checklist("communications")
    with pytest.raises(ValueError, match="frozen"):
        checklist.requirements[0].text = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError, match="frozen"):
        checklist.title = "changed"  # type: ignore[misc]
    assert isinstance(checklist.requirements, tuple)
    with pytest.raises(TypeError):
        checklist.requirements[0] = checklist.requirements[1]  # type: ignore[index]


def test_bundled_editions_are_a_public_fact_apart_from_the_version() -> None:
    assert kz.order().editions == kz.EDITIONS
    assert kz.LATEST_EDITION == api.bundled().resolve("latest") == kz.EDITIONS[-1]
    assert kz.__version__ not in kz.EDITIONS


def test_importing_reads_no_data() -> None:
    code = (
        "import sys, builtins, io\n"
        "opened = []\n"
        "real_open = io.open\n"
        "def spy(file, *a, **k):\n"
        "    opened.append(str(file)); return real_open(file, *a, **k)\n"
        "builtins.open = io.open = spy\n"
        "import kz_inspection_checklists as kz\n"
        "print(kz.__version__, kz.EDITIONS)\n"
        "assert not [f for f in opened if f.endswith('.json')], opened\n"
        "assert 'kz_inspection_checklists.data' not in sys.modules\n"
        "assert 'pydantic' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_loading_is_cached() -> None:
    assert kz.edition("2023") is kz.edition("2023-revision")
    assert kz.checklist(4) is kz.checklist("communications")


def test_every_public_name_resolves_lazily_to_its_module() -> None:
    import importlib

    eager = {"EDITIONS", "LATEST_EDITION", "__version__"}
    lazy = kz._WHERE  # type: ignore[attr-defined]
    assert set(kz.__all__) - eager == set(lazy)
    for name, module in lazy.items():
        assert getattr(kz, name) is getattr(
            importlib.import_module(f"kz_inspection_checklists.{module}"), name
        ), name
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        kz.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_every_value_field_says_whether_it_is_normative_derived_or_editorial() -> None:
    from kz_inspection_checklists.law.edition import HeaderField, SignatureBlock

    unlabelled = []
    for model in (kz.Checklist, kz.Requirement, HeaderField, SignatureBlock):
        for name, field in model.model_fields.items():
            if name in {"header_fields", "requirements", "signature_blocks"}:
                continue  # lists of the models checked here
            if not (field.description or "").startswith(("Normative:", "Derived:", "Editorial:")):
                unlabelled.append(f"{model.__name__}.{name}")
    assert unlabelled == []


@pytest.mark.parametrize(
    ("name", "module"),
    [("get_requirement", "law.catalog"), ("Weights", "record.scoring"), ("Problem", "exceptions")],
)
def test_a_name_that_left_the_top_level_still_works_with_a_warning(name: str, module: str) -> None:
    with pytest.warns(
        DeprecationWarning, match=f"import it from kz_inspection_checklists.{module}"
    ):
        value = getattr(kz, name)
    assert value is getattr(importlib.import_module(f"kz_inspection_checklists.{module}"), name)
    assert name not in kz.__all__ and name not in dir(kz)


def test_an_old_exception_name_is_the_class_of_its_kind() -> None:
    with pytest.warns(DeprecationWarning):
        old = kz.UnknownRequirementError
    assert old is kz.UnknownNameError
    with pytest.raises(old):
        kz.requirement("COM-999")
