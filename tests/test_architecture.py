"""The tree is the architecture: layers import only downwards, no circles, small modules.

The layers, lowest first, are those of docs/architecture.md: the shared base
(exceptions, suggestions, files), law, importer, record, present, exports, cli. A module
may import modules of its own layer or of a lower one, never of a higher one; within the
package there is no import circle; no module is longer than about 600 lines; each
module's docstring names its job in its first sentence; docs/architecture.md lists every
module.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kz_inspection_checklists"

#: Each layer and the modules (dotted, under the package) that start with its name.
LAYERS = (
    ("base", ("exceptions", "_suggest", "_text", "_files", "_inplace", "_moved")),
    ("law", ("law",)),
    ("importer", ("importer",)),
    ("record", ("record",)),
    ("present", ("present",)),
    ("exports", ("exports",)),
    ("cli", ("cli", "__main__")),
)
#: Layers side by side, which may not import each other.
_APART = {frozenset({"importer", "record"})}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _layer(module: str) -> int:
    if module == "":
        return -1  # the package's own __init__, which imports nothing at run time
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"module {module!r} is in no layer of docs/architecture.md")


def _imports(module: str, path: Path) -> set[str]:
    """The package modules ``module`` imports (at any depth of its code)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("kz_inspection_checklists"):
                target = node.module.removeprefix("kz_inspection_checklists").lstrip(".")
            else:
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}" if target else alias.name
                found.add(candidate if candidate in _modules() else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("kz_inspection_checklists."):
                    found.add(alias.name.removeprefix("kz_inspection_checklists."))
    return {name for name in found if name in _modules()} - {module}


def test_every_module_is_in_a_layer() -> None:
    for module in _modules():
        _layer(module)


def test_no_module_imports_one_of_a_higher_or_a_side_layer() -> None:
    wrong = []
    for module, path in _modules().items():
        if module == "":
            continue
        own = _layer(module)
        for target in _imports(module, path):
            other = _layer(target)
            names = frozenset({LAYERS[own][0], LAYERS[other][0]})
            if other > own or (other != own and names in _APART):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_there_is_no_import_circle() -> None:
    graph = {m: _imports(m, p) for m, p in _modules().items() if m}
    circles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1  # on the current path
        for target in sorted(graph.get(node, set())):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2  # done

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_no_module_is_over_about_600_lines() -> None:
    long = {
        module: count
        for module, path in _modules().items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 620
    }
    assert long == {}


def test_every_module_says_its_job_in_its_first_sentence() -> None:
    missing = []
    for module, path in _modules().items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        first = (doc or "").split("\n\n")[0]
        if not first or not re.search(r"[.:]\s*$|\)\s*$", first.strip()):
            missing.append(module or "kz_inspection_checklists")
    assert missing == []


def test_the_architecture_page_lists_every_module() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    unlisted = []
    for path in _modules().values():
        shown = str(path.relative_to(PACKAGE))
        if f"`{shown}`" not in page:
            unlisted.append(shown)
    assert unlisted == []
    for name in re.findall(r"`([a-z_/]+\.py)`", page):
        if not name.startswith(("tools/", "benchmarks/", "tests/")):
            assert (PACKAGE / name).exists(), f"docs/architecture.md names {name}, which is gone"


@pytest.mark.parametrize("tool", ["bundle.py", "docs.py"])
def test_the_tools_are_outside_the_package(tool: str) -> None:
    assert (ROOT / "tools" / tool).exists()
    assert not list(PACKAGE.rglob(tool.replace(".py", "*.py")))
