"""0.1.0's modules that 0.2.0 moved still import, deprecated, until 0.3.0: every name each
had (its ``__all__`` in 0.1.0) resolves to the object that holds it now, but the few that
0.2.0 removed, which the CHANGELOG's Removed names."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import kz_inspection_checklists as kz
from kz_inspection_checklists._moved import MOVED

#: Each moved module's ``__all__`` in 0.1.0.
OLD_NAMES = {
    "models": "CHECKLIST_KEYS Act AmendmentEvent Annex Checklist DateAsGiven Edition "
    "EditionSource EntryIntoForce HeaderField Issuer Order Registration Requirement "
    "SignatureBlock",
    "api": "EditionRef checklist checklists edition editions get_requirement id_registry "
    "load_edition_file order requirement resolve_edition",
    "ids": "NEAR_IDENTICAL PREFIXES Assignment Registry RegistryEntry assign_ids "
    "near_identical similarity text_sha256",
    "pins": "Correction Pin Pins canonical_hash canonical_json check_pin load_pins pinned_hash",
    "in_force": "DAYS_AFTER_PUBLICATION ActDates act_dates as_of earliest_in_force "
    "effective_from parse_date select",
    "verify": "Difference Verification verification_text verify",
    "inspection": "FORMAT FORMAT_VERSION VERDICTS Answer AssignmentAct Header InspectionRecord "
    "Person Verdict dumps_record loads_record new_record read_record record_json_schema "
    "validate",
    "scoring": "COUNT_KEYS MAX_WEIGHT SYSTEMS WEIGHT_DIGITS ModelScore Score Weights "
    "load_groups load_weights score",
    "iin": "FIRST_WEIGHTS SECOND_WEIGHTS iin_control_digit is_valid_iin validate_iin",
    "render": "checklist_json checklist_markdown checklist_text",
    "diff_render": "diff_markdown diff_text history_text redline_markdown redline_text",
}
#: What 0.2.0 removed (the CHANGELOG's Removed).
REMOVED = {"CHECKLIST_KEYS", "PREFIXES", "DAYS_AFTER_PUBLICATION", "select"}


def test_the_table_covers_every_moved_module() -> None:
    assert set(OLD_NAMES) == set(MOVED)


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_a_moved_module_warns_and_gives_every_name_it_had(module: str) -> None:
    sys.modules.pop(f"kz_inspection_checklists.{module}", None)
    with pytest.warns(DeprecationWarning, match=rf"{module} is deprecated and goes in 0\.3\.0"):
        old = importlib.import_module(f"kz_inspection_checklists.{module}")
    for name in OLD_NAMES[module].split():
        if name in REMOVED:
            with pytest.raises(AttributeError, match="Removed"):
                getattr(old, name)
        else:
            value = getattr(old, name)
            homes = [
                importlib.import_module(f"kz_inspection_checklists.{h}") for h in MOVED[module]
            ]
            assert any(getattr(home, name, None) is value for home in homes), name


def test_a_moved_name_is_the_object_of_its_new_home() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from kz_inspection_checklists.inspection import new_record
        from kz_inspection_checklists.models import Requirement
        from kz_inspection_checklists.scoring import score
    assert Requirement is kz.Requirement and new_record is kz.new_record and score is kz.score


def test_the_old_importer_names_resolve_with_a_warning() -> None:
    from kz_inspection_checklists.importer.build import import_edition

    with pytest.warns(DeprecationWarning, match="importer.build"):
        from kz_inspection_checklists.importer import import_edition as old
    assert old is import_edition
    with pytest.raises(ImportError):
        from kz_inspection_checklists.importer import HEADER_FIELD_KEYS  # noqa: F401


def test_a_module_that_never_was_is_still_not_found() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("kz_inspection_checklists.no_such_module")


def test_importing_the_package_imports_none_of_the_moved_modules() -> None:
    code = (
        "import sys, kz_inspection_checklists; "
        "print(sorted(m for m in sys.modules if m.startswith('kz_inspection_checklists.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['kz_inspection_checklists._moved']"


def test_a_top_level_function_keeps_its_name_whatever_was_imported() -> None:
    for module in ("law.diff", "law.history", "record.migrate"):
        importlib.import_module(f"kz_inspection_checklists.{module}")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("kz_inspection_checklists.diff")
    assert callable(kz.diff) and callable(kz.history) and callable(kz.migrate)
