"""The mutation check's own settings stay true: its modules, their tests, its config."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from tools import mutation

from .conftest import ROOT

needs_tomllib = pytest.mark.skipif(sys.version_info < (3, 11), reason="the check needs 3.11")


@needs_tomllib
def test_the_modules_are_those_pyproject_configures() -> None:
    assert set(mutation._configured_modules()) == set(mutation.MODULES)


def test_every_module_and_test_named_exists() -> None:
    for module, tests in mutation.MODULES.items():
        assert (ROOT / mutation.PACKAGE / module).is_file(), module
        for test in tests:
            assert (ROOT / test).is_file(), test


@needs_tomllib
def test_a_module_s_config_names_that_module_and_its_tests_only(tmp_path: Path) -> None:
    import tomllib

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    mutation._narrow_config(pyproject, "record/iin.py")
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    narrowed = config["tool"]["mutmut"]
    assert narrowed["only_mutate"] == ["src/kz_inspection_checklists/record/iin.py"]
    assert narrowed["pytest_add_cli_args_test_selection"] == [
        *mutation.MODULES["record/iin.py"],
        "src/kz_inspection_checklists/record/iin.py",
    ]
    assert config["project"]["name"] == "kz-inspection-checklists"  # the rest is kept


def test_a_change_is_shown_cut_to_what_differs() -> None:
    assert mutation._short("x = a < b", "x = a <= b") == "x = a < b → x = a <= b"
    long = "f(" + "a, " * 20 + "b)"
    assert (
        mutation._short(long, long.replace("b)", "c)"))
        == "...a, a, a, a, a, a, a, a, b) → ...a, a, a, a, a, a, a, a, c)"
    )


def test_every_row_of_the_survivors_page_has_a_key_and_a_reason() -> None:
    page = (ROOT / "docs" / "mutation-survivors.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert rows
    for row in rows:
        assert re.match(
            r"^\| `[0-9a-f]{10}` \| `[^`]+` \| `.*` \| (equivalent|unreachable|wording)", row
        ), row
    assert len(mutation._explained()) == len({row[3:13] for row in rows})
