"""Check a built distribution: ``python tools/check_dist.py DIST_FOLDER``.

The wheel must hold the package, every data file and ``py.typed``, and nothing of the
repository that users do not run (``tests/``, ``tools/``, ``benchmarks/``, ``sources/``,
``docs/``). The sdist must hold what a distributor needs to rebuild the data and the docs
and to run the tests: every file of the package, the sources, the tests with their
fixtures, the docs, the tools, the benchmarks, ``conftest.py``, ``mkdocs.yml``, the
README, the CHANGELOG and the licence. Each file of the project tree is compared with
the archive's list, so a file added to the tree and left out of the archive is named.
Exit 1 with every problem listed, 0 when both pass.

This tool is not part of the package; CI runs it on what ``python -m build`` makes.

>>> problems_of_wheel({"kz_inspection_checklists/__init__.py", "tests/test_api.py"}, ROOT)[:2]
['the wheel lacks kz_inspection_checklists/__main__.py', 'the wheel lacks kz_inspection_checklists/_files.py']
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Optional

__all__ = ["ROOT", "main", "problems_of_sdist", "problems_of_wheel", "tree_files"]

#: The project root.
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "kz_inspection_checklists"
#: Folders of the repository the wheel must not hold.
NOT_IN_WHEEL = ("tests/", "tools/", "benchmarks/", "sources/", "docs/")
#: Folders and files of the project the sdist must hold, each file of them.
IN_SDIST = ("src", "sources", "tests", "docs", "tools", "benchmarks")
SDIST_FILES = (
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "conftest.py",
    "mkdocs.yml",
    "MANIFEST.in",
)
_SKIP = ("__pycache__", ".pyc", ".egg-info")


def tree_files(root: Path, folder: str) -> list[str]:
    """The files under ``root/folder`` as the archives name them (POSIX, relative)."""
    found = []
    for path in sorted((root / folder).rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and not any(part in relative for part in _SKIP):
            found.append(relative)
    return found


def problems_of_wheel(names: Iterable[str], root: Path = ROOT) -> list[str]:
    """What is wrong with a wheel holding ``names``."""
    held = set(names)
    problems = [
        f"the wheel lacks {name}"
        for name in (
            path[len("src/") :]
            for path in tree_files(root, f"src/{PACKAGE}")
            if path.endswith((".py", ".json", "py.typed"))
        )
        if name not in held
    ]
    problems += [
        f"the wheel holds {name}, which users do not run"
        for name in sorted(held)
        if name.startswith(NOT_IN_WHEEL)
    ]
    return problems


def problems_of_sdist(names: Iterable[str], root: Path = ROOT) -> list[str]:
    """What is wrong with an sdist holding ``names`` (without its top folder)."""
    held = set(names)
    wanted = [path for folder in IN_SDIST for path in tree_files(root, folder)]
    wanted += [name for name in SDIST_FILES if (root / name).is_file()]
    return [f"the sdist lacks {name}" for name in wanted if name not in held]


def _wheel_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def _sdist_names(path: Path) -> list[str]:
    with tarfile.open(path) as archive:
        return [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/check_dist.py")
    parser.add_argument("dist", type=Path, help="the folder python -m build wrote")
    args = parser.parse_args(argv)
    wheels = sorted(args.dist.glob("*.whl"))
    sdists = sorted(args.dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"expected one wheel and one sdist in {args.dist}", file=sys.stderr)
        return 1
    problems = problems_of_wheel(_wheel_names(wheels[0])) + problems_of_sdist(
        _sdist_names(sdists[0])
    )
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{wheels[0].name} and {sdists[0].name} hold what they should")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
