"""The mutation check: mutmut over the core modules, one module at a time, against its tests.

A habit before a release, like the benchmarks; not part of CI (it takes too long on two
cores). It needs Python 3.11 or later and the ``mutation`` extra::

    python -m pip install -e ".[test,mutation]"
    python tools/mutation.py                          # every module of MODULES
    python tools/mutation.py record/iin.py _text.py   # some of them

For each module, it copies the repository's files (those git tracks, and new ones it
does not ignore) to a folder of its own under the work folder (``--work``; by default
``kz-inspection-checklists-mutation`` in the system's temporary folder, so nothing is
written in the tree), narrows pyproject.toml's ``[tool.mutmut]`` to that module and to
the tests that specify it (:data:`MODULES`), and runs ``mutmut run`` there. mutmut then
runs each mutant against those of the module's tests that reach the mutated function.

At the end it prints killed / total per module, and every mutant that survived and is not
explained in ``docs/mutation-survivors.md`` (its key, a short diff, and the row to add
there once triaged). It exits 1 if any is unexplained. To look at one mutant:
``cd WORK/<module>/tree && mutmut show NAME``.

A mutant's key is a hash of its module, its function and the lines it changes, so it
stays the same while that line does, whatever else changes in the module.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "src/kz_inspection_checklists"
SURVIVORS = ROOT / "docs" / "mutation-survivors.md"

#: The tests of whom a requirement concerns: the rule and the reading of the words.
_APPLICABILITY_TESTS = (
    "tests/test_applicability.py",
    "tests/test_applicability_details.py",
    "tests/test_subjects.py",
    "tests/test_applicability_records.py",
    "tests/test_applicability_cli.py",
    "docs/applicability.md",
)

#: Each module mutated, with the tests that specify its behaviour (its own doctests are
#: always run too). A mutant runs only those of them that reach its function.
MODULES: dict[str, tuple[str, ...]] = {
    "record/scoring.py": (
        "tests/test_scoring.py",
        "tests/test_cli_inspection.py",
        "tests/test_export_xccdf.py",
        "docs/inspections.md",
    ),
    "record/iin.py": ("tests/test_iin.py", "tests/test_inspection.py"),
    "record/checks.py": (
        "tests/test_inspection.py",
        "tests/test_record_checks.py",
        "tests/test_hostile_records.py",
        "tests/test_strict_inputs.py",
        "tests/test_synthetic_order.py",
    ),
    "record/rules.py": (
        "tests/test_inspection.py",
        "tests/test_record_checks.py",
        "tests/test_hostile_records.py",
        "tests/test_cli_marking.py",
        "tests/test_synthetic_order.py",
    ),
    "record/migrate.py": (
        "tests/test_migrate.py",
        "tests/test_synthetic_order.py",
        "docs/editions.md",
    ),
    "law/diff.py": (
        "tests/test_diff.py",
        "tests/test_editions.py",
        "tests/test_synthetic_order.py",
    ),
    "law/in_force.py": (
        "tests/test_editions.py",
        "tests/test_inspection.py",
        "tests/test_synthetic_order.py",
    ),
    "law/ids.py": ("tests/test_ids.py", "tests/test_importer.py"),
    "law/applicability.py": _APPLICABILITY_TESTS,
    "law/subjects.py": _APPLICABILITY_TESTS,
    "_text.py": (
        "tests/test_text.py",
        "tests/test_hostile.py",
        "tests/test_hostile_records.py",
        "tests/test_hostile_files.py",
        "tests/test_hostile_exports.py",
    ),
    "_files.py": (
        "tests/test_files.py",
        "tests/test_cli_files.py",
        "tests/test_inplace.py",
        "tests/test_hostile_files.py",
    ),
    "exports/csv_table.py": (
        "tests/test_export_csv_injection.py",
        "tests/test_export_records.py",
        "tests/test_export_checklists.py",
        "tests/test_sheet_doors.py",
    ),
    "exports/sheet.py": (
        "tests/test_read_sheet.py",
        "tests/test_sheet_doors.py",
        "tests/test_cli_sheets.py",
    ),
    "exports/sheet_cells.py": (
        "tests/test_read_sheet.py",
        "tests/test_sheet_doors.py",
        "tests/test_cli_sheets.py",
    ),
}

#: mutmut's exit codes, as its ``stats.status_by_exit_code`` reads them.
KILLED = {1, 3}
SURVIVED = {0}
NO_TESTS = {5, 33}
TIMEOUT = {36, -24, 24, 152, 255}

#: Put first on the path of every Python the tests start (``python -m
#: kz_inspection_checklists``), so that it runs the mutant under test too; while mutmut
#: only gathers which tests reach which function, such a Python runs the code unchanged.
#: In mutmut itself, whose copies of the code run slower, hypothesis sets no time limits.
_SITECUSTOMIZE = """\
import os
import sys

if "." not in os.environ.get("MUTANT_UNDER_TEST", ""):
    os.environ["MUTANT_UNDER_TEST"] = ""
if os.path.basename((getattr(sys, "argv", None) or [""])[0]) == "mutmut":
    from hypothesis import HealthCheck, settings

    settings.register_profile("mutation", deadline=None, suppress_health_check=list(HealthCheck))
    settings.load_profile("mutation")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help="e.g. record/iin.py")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "kz-inspection-checklists-mutation",
        help="where the copies and mutmut's results go (default: %(default)s)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants at once")
    parser.add_argument(
        "--report", action="store_true", help="only report the results of the last run"
    )
    arguments = parser.parse_args()
    if sys.version_info < (3, 11):
        parser.error("the mutation check needs Python 3.11 or later (tomllib, mutmut 3)")
    configured = _configured_modules()
    if set(configured) != set(MODULES):
        parser.error(
            "pyproject.toml's [tool.mutmut] only_mutate and MODULES here differ: "
            f"{sorted(set(configured) ^ set(MODULES))}"
        )
    modules = arguments.modules or list(MODULES)
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(
            f"not a module of the check: {', '.join(unknown)}; one of {', '.join(MODULES)}"
        )
    explained = _explained()
    rows = []
    unexplained: list[str] = []
    total = 0.0
    for module in modules:
        folder = arguments.work / module.replace("/", "-").removesuffix(".py")
        if not arguments.report:
            seconds = _run(module, folder, arguments.work, arguments.jobs)
            total += seconds
            print(f"{module}: {seconds / 60:.1f} min", flush=True)
        counts, survivors = _results(module, folder / "tree")
        seen = [s for s in survivors if s[0] in explained]
        rows.append((module, counts, len(seen)))
        rows_to_add = [_row(*s) for s in survivors if s[0] not in explained]
        if rows_to_add:
            unexplained += [f"\n## {module}\n", *rows_to_add]
    _print_table(rows)
    if total:
        print(f"\n{total / 60:.0f} min in all")
    if unexplained:
        count = sum(line.startswith("| ") for line in unexplained)
        print(f"\n{count} mutants not killed and not explained in {SURVIVORS.name}:")
        print("\n".join(unexplained))
        return 1
    return 0


def _configured_modules() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [path.removeprefix(f"{PACKAGE}/") for path in config["tool"]["mutmut"]["only_mutate"]]


def _run(module: str, folder: Path, work: Path, jobs: int) -> float:
    """Run mutmut on one module in a fresh copy of the repository; the seconds it took."""
    tree = folder / "tree"
    if folder.exists():
        shutil.rmtree(folder)
    _copy_repository(tree)
    _narrow_config(tree / "pyproject.toml", module)
    site = work / "site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    # mutmut puts mutants/src first on the path; it must exist before Python starts.
    (tree / "mutants" / "src").mkdir(parents=True)
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join([str(site), str(tree / "mutants" / "src")])
    mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or "mutmut"
    started = time.monotonic()
    with open(folder / "mutmut.log", "wb") as log:
        print(f"{module}: mutmut run (log: {folder / 'mutmut.log'})", flush=True)
        done = subprocess.run(
            [mutmut, "run", "--max-children", str(jobs)],
            cwd=tree,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0:
        print(f"{module}: mutmut exited {done.returncode}; see {folder / 'mutmut.log'}")
    return time.monotonic() - started


def _copy_repository(tree: Path) -> None:
    """The files of the repository (tracked, or new and not ignored) copied to ``tree``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = tree / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _narrow_config(pyproject: Path, module: str) -> None:
    """``[tool.mutmut]`` of the copy: only ``module``, against its tests and doctests."""
    import tomllib

    text = pyproject.read_text(encoding="utf-8")
    config = tomllib.loads(text)["tool"]["mutmut"]
    path = f"{PACKAGE}/{module}"
    config["only_mutate"] = [path]
    config["pytest_add_cli_args_test_selection"] = [*MODULES[module], path]
    start = text.index("[tool.mutmut]")
    following = re.search(r"^\[", text[start + 1 :], re.MULTILINE)
    end = len(text) if following is None else start + 1 + following.start()
    # JSON's strings, lists and booleans are TOML's too.
    table = "".join(f"{key} = {json.dumps(value)}\n" for key, value in config.items())
    pyproject.write_text(text[:start] + text[end:] + "\n[tool.mutmut]\n" + table, encoding="utf-8")


def _results(module: str, tree: Path) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    """Counts by outcome, and each mutant not killed as (key, function, short diff)."""
    meta = tree / "mutants" / f"{PACKAGE}/{module}.meta"
    counts = dict.fromkeys(
        ("total", "killed", "survived", "no tests", "timeout", "not run", "other"), 0
    )
    if not meta.exists():
        return counts, []
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    survivors = []
    for name, code in sorted(codes.items(), key=lambda item: _natural(item[0])):
        counts["total"] += 1
        if code in KILLED:
            counts["killed"] += 1
            continue
        if code in TIMEOUT:
            counts["timeout"] += 1
            continue
        if code is None:  # a run stopped before it
            counts["not run"] += 1
            continue
        counts["survived" if code in SURVIVED else "no tests" if code in NO_TESTS else "other"] += 1
        function, removed, added = _diff(tree, module, name)
        key = hashlib.sha256(f"{module}\0{function}\0{removed}\0{added}".encode()).hexdigest()[:10]
        survivors.append((key, function, _short(removed, added)))
    return counts, survivors


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("_")
    return stem, int(number) if number.isdigit() else 0


def _diff(tree: Path, module: str, name: str) -> tuple[str, str, str]:
    """The function a mutant changes, and its lines before and after, whitespace folded."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    here = os.getcwd()
    os.chdir(tree)
    try:
        diff = get_diff_for_mutant(name, path=f"{PACKAGE}/{module}")
    finally:
        os.chdir(here)
    lines = diff.splitlines()[2:]  # past the --- and +++ lines
    removed = " ⏎ ".join(" ".join(line[1:].split()) for line in lines if line.startswith("-"))
    added = " ⏎ ".join(" ".join(line[1:].split()) for line in lines if line.startswith("+"))
    function = name.rpartition(".")[2].split("__mutmut_")[0]
    function = function.removeprefix("x_").replace("xǁ", "").replace("ǁ", ".")
    return function, removed, added


def _explained() -> set[str]:
    """The keys of the mutants explained in docs/mutation-survivors.md."""
    if not SURVIVORS.exists():
        return set()
    return set(re.findall(r"^\| `([0-9a-f]{10})` \|", SURVIVORS.read_text("utf-8"), re.MULTILINE))


def _row(key: str, function: str, change: str) -> str:
    """A row of docs/mutation-survivors.md for a mutant, its reason to be written."""
    shown = change.replace("|", "\\|").replace("`", "'")
    return f"| `{key}` | `{function}` | `{shown}` | WHY |"


def _short(removed: str, added: str, context: int = 24) -> str:
    """``removed → added``, cut to the part that differs and a little around it."""
    start = 0
    while start < min(len(removed), len(added)) and removed[start] == added[start]:
        start += 1
    end = 0
    while (
        end < min(len(removed), len(added)) - start
        and removed[len(removed) - 1 - end] == added[len(added) - 1 - end]
    ):
        end += 1
    start = max(0, start - context)
    end = max(0, end - context)

    def cut(text: str) -> str:
        middle = text[start : len(text) - end]
        return ("..." if start else "") + middle + ("..." if end else "")

    return f"{cut(removed)} → {cut(added)}"


def _print_table(rows: list[tuple[str, dict[str, int], int]]) -> None:
    print(
        f"\n{'module':<24}{'killed':>8}{'total':>7}{'score':>8}{'survived':>10}{'no tests':>10}"
        f"{'timeout':>9}{'not run':>9}{'explained':>11}"
    )
    for module, counts, explained in rows:
        killed = counts["killed"] + counts["timeout"]
        score = f"{100 * killed / counts['total']:.1f}%" if counts["total"] else "-"
        print(
            f"{module:<24}{killed:>8}{counts['total']:>7}{score:>8}{counts['survived']:>10}"
            f"{counts['no tests']:>10}{counts['timeout']:>9}{counts['not run']:>9}{explained:>11}"
        )


if __name__ == "__main__":
    sys.exit(main())
