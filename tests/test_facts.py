"""Every stated fact has a source or a label: the models say what each field is, and the
normative ones are cited at a line of the source that holds their words.

A fact is a value of the order's, an edition's or the manifest's models (None and empty
values state nothing). It has a label if its field's description starts with
``Derived:`` or ``Editorial:`` (the description is the reason); it has a source if it
is labelled ``Normative:`` and ``provenance.json`` cites a line of the source text that
holds its words.
"""

from __future__ import annotations

import datetime
import typing
from typing import Any, Optional

import pytest
import tools.bundle
from pydantic import BaseModel, Field

import kz_inspection_checklists as kz
from kz_inspection_checklists.exceptions import DataFileError
from kz_inspection_checklists.importer.locate import locate
from kz_inspection_checklists.law.edition import Edition
from kz_inspection_checklists.law.facts import facts, label_of, normalized, provenance
from kz_inspection_checklists.law.order import DERIVED, NORMATIVE, Order
from kz_inspection_checklists.law.store import bundled

from .conftest import SOURCES


def _models(root: type[BaseModel]) -> set[type[BaseModel]]:
    """The model classes a model holds, itself included."""
    seen: set[type[BaseModel]] = set()
    todo = [root]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            todo += [
                t
                for t in _types(info.annotation)
                if isinstance(t, type) and issubclass(t, BaseModel)
            ]
    return seen


def _types(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    return [annotation, *(t for a in args for t in _types(a))]


ROOTS = [Order, Edition, tools.bundle._Manifest]


@pytest.mark.parametrize("root", ROOTS, ids=lambda r: r.__name__)
def test_every_field_that_holds_a_value_is_labelled(root: type[BaseModel]) -> None:
    missing = []
    for model in _models(root):
        for name, info in model.model_fields.items():
            holds_models = any(
                isinstance(t, type) and issubclass(t, BaseModel) for t in _types(info.annotation)
            )
            if not holds_models and label_of(model, name) is None:
                missing.append(f"{model.__name__}.{name}")
    assert missing == [], (
        "fields with no label: start each description with Normative:, Derived: or Editorial:"
    )


def _facts_of_the_data() -> list[tuple[str, str, Any]]:
    """(where, path, fact) of every fact of the bundled order, editions and manifest."""
    law = bundled()
    found = [("order", f.path, f) for f in facts(law.order)]
    for edition in law.editions():
        found += [(edition.id, f.path, f) for f in facts(edition)]
    found += [("manifest", f.path, f) for f in facts(tools.bundle.manifest(SOURCES))]
    return found


def test_no_fact_lacks_a_source_or_a_label() -> None:
    cited = provenance(bundled())
    texts: dict[str, list[str]] = {}
    unsourced, wrong = [], []
    count = 0
    for where, path, fact in _facts_of_the_data():
        count += 1
        if fact.label in ("derived", "editorial"):
            continue
        table = cited.order if where == "order" else cited.editions.get(where, {})
        line = table.get(path)
        if fact.label is None or line is None:
            unsourced.append(f"{where}: {path} = {str(fact.value)[:40]!r}")
            continue
        if line.file not in texts:
            texts[line.file] = (SOURCES / line.file).read_text(encoding="utf-8").splitlines()
        held = normalized(" ".join(texts[line.file][line.line - 1 : line.line - 1 + line.lines]))
        if normalized(str(fact.value)) not in held:
            wrong.append(f"{where}: {path} is not at {line.file}:{line.line}")
    assert count > 500
    assert unsourced == [], "facts with neither a source nor a label"
    assert wrong == []


def test_every_citation_is_of_a_normative_fact() -> None:
    cited = provenance(bundled())
    law = bundled()
    normative = {f.path for f in facts(law.order) if f.label == "normative"}
    assert set(cited.order) == normative
    for edition in law.editions():
        paths = {f.path for f in facts(edition) if f.label == "normative"}
        assert set(cited.edition(edition.id)) == paths, edition.id


def test_a_requirement_is_cited_at_its_own_line() -> None:
    cited = provenance(bundled()).edition("2023-revision")
    lines = (SOURCES / "V1900018805-en-2023-05-23.txt").read_text(encoding="utf-8").splitlines()
    checklist = kz.checklist("communications")
    for index, requirement in enumerate(checklist.requirements):
        line = cited[f"checklists.1.requirements.{index}.text"]
        assert lines[line.line - 1].strip() == requirement.text, requirement.id
    # Repeated words are cited where this part's copy stands: each block's captions.
    first = cited["checklists.0.signature_blocks.0.captions.0"].line
    second = cited["checklists.0.signature_blocks.1.captions.0"].line
    assert first < second


def test_the_derived_facts_follow_their_rules() -> None:
    order = kz.order()
    registration = order.registration
    assert registration.date.date is not None
    # Adilet's pattern: V, the year's last two digits, the number padded to eight digits.
    derived = f"V{registration.date.date.year % 100:02d}{int(registration.number):08d}"
    assert order.adilet_code == derived == tools.bundle.manifest(SOURCES).adilet_code
    for edition in bundled().editions():
        for annex in edition.annexes:
            assert (annex.status == "excluded") == ("excluded" in (annex.footnote or ""))
        for checklist in edition.checklists:
            assert [r.number for r in checklist.requirements] == list(
                range(1, len(checklist.requirements) + 1)
            )


def test_the_facts_the_source_does_not_give_are_labelled_with_their_reasons() -> None:
    fields = Order.model_fields
    assert "Adilet's pattern" in (fields["adilet_code"].description or "")
    source = kz.edition("2023").source
    assert source is not None and source.publisher == "Adilet"
    assert label_of(type(source), "publisher") == "editorial"
    number = kz.checklist(4).requirements[0]
    assert label_of(type(number), "number") == "derived"
    assert "position in the source's table" in (
        type(number).model_fields["number"].description or ""
    )
    iin = next(f for f in kz.order().form.header if f.kind == "iin-bin")
    assert iin.note is not None and "IIN/BIN law" in iin.note and "does not hold" in iin.note
    titles = provenance(bundled()).edition("2019-original")
    for index in (2, 3, 4):
        line = titles[f"annexes.{index}.title"]
        assert line.line in (16, 18, 20)
        assert line.note is not None and "Paragraph 1's name" in line.note
    assert titles["annexes.0.title"].note is None


class _Made(BaseModel):
    """Test data: a made-up model, not the law's."""

    said: str = Field(description=NORMATIVE)
    read: Optional[datetime.date] = Field(default=None, description=DERIVED)
    bare: str = ""


def test_an_unlabelled_field_and_an_unsourced_fact_are_found() -> None:
    made = _Made(said="made-up words", bare="a value with no label")
    found = {f.path: f.label for f in facts(made)}
    assert found == {"said": "normative", "bare": None}
    assert locate(made, "line one\nmade-up\nwords", "t.txt")["said"].line == 2
    with pytest.raises(DataFileError, match="'made-up words' is not in the source text"):
        locate(made, "other words", "t.txt")
