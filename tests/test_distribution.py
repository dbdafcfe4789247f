"""The distribution checker CI runs on the built wheel and sdist (tools/check_dist.py):
what it refuses, on lists of names made from the project tree."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

from tools.check_dist import ROOT, main, problems_of_sdist, problems_of_wheel, tree_files

PACKAGE_FILES = [
    path[len("src/") :]
    for path in tree_files(ROOT, "src/kz_inspection_checklists")
    if path.endswith((".py", ".json", "py.typed"))
]
SDIST = [
    p
    for f in ("src", "sources", "tests", "docs", "tools", "benchmarks")
    for p in tree_files(ROOT, f)
]
SDIST += [
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "conftest.py",
    "mkdocs.yml",
    "MANIFEST.in",
]


def test_a_wheel_with_the_package_its_data_and_py_typed_passes() -> None:
    assert "kz_inspection_checklists/py.typed" in PACKAGE_FILES
    assert "kz_inspection_checklists/data/orders/V1900018805/order.json" in PACKAGE_FILES
    assert problems_of_wheel(PACKAGE_FILES) == []


def test_a_wheel_without_a_data_file_or_py_typed_is_named() -> None:
    missing = {
        "kz_inspection_checklists/py.typed",
        "kz_inspection_checklists/data/orders/V1900018805/editions/2023-revision.json",
    }
    found = problems_of_wheel([name for name in PACKAGE_FILES if name not in missing])
    assert sorted(found) == sorted(f"the wheel lacks {name}" for name in missing)


def test_a_wheel_holding_the_tests_or_tools_is_named() -> None:
    found = problems_of_wheel([*PACKAGE_FILES, "tests/test_api.py", "tools/bundle.py"])
    assert found == [
        "the wheel holds tests/test_api.py, which users do not run",
        "the wheel holds tools/bundle.py, which users do not run",
    ]


def test_an_sdist_without_a_test_fixture_or_the_sources_is_named() -> None:
    assert problems_of_sdist(SDIST) == []
    dropped = {
        "tests/fixtures/synthetic/sources/manifest.json",
        "sources/manifest.json",
        "conftest.py",
    }
    found = problems_of_sdist([name for name in SDIST if name not in dropped])
    assert sorted(found) == sorted(f"the sdist lacks {name}" for name in dropped)


def test_the_command_reads_the_archives_and_exits_1_on_a_problem(tmp_path: Path) -> None:
    wheel = tmp_path / "kz_inspection_checklists-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name in PACKAGE_FILES:
            archive.writestr(name, "")
    sdist = tmp_path / "kz_inspection_checklists-0.tar.gz"
    with tarfile.open(sdist, "w:gz") as archive:
        for name in SDIST:
            archive.add(ROOT / name, arcname=f"kz_inspection_checklists-0/{name}")
    assert main([str(tmp_path)]) == 0
    with zipfile.ZipFile(wheel, "a") as archive:
        archive.writestr("benchmarks/bench_load.py", "")
    assert main([str(tmp_path)]) == 1
