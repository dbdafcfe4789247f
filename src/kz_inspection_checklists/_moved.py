"""The modules of 0.1.0 that 0.2.0 moved into its layers, still importable until 0.3.0.

0.2.0 laid the package out as its architecture (docs/architecture.md): ``models`` became
``law.edition`` and ``law.order``, ``inspection`` became ``record.record`` and
``record.files``, and so on (:data:`MOVED`). So that code written for 0.1.0 keeps
working for one more minor release, the package puts a finder on ``sys.meta_path``
(:func:`install`) that answers for each old module's name: ``import
kz_inspection_checklists.models`` gives a module that warns (``DeprecationWarning``,
naming where its names are now) and finds each name it had in the modules that hold it
now. A name that 0.2.0 removed is an ``AttributeError`` saying so (see the CHANGELOG's
Removed). Nothing is read or imported until an old module is imported.

>>> import warnings
>>> with warnings.catch_warnings():
...     warnings.simplefilter("ignore", DeprecationWarning)
...     from kz_inspection_checklists.models import Requirement
>>> Requirement.__module__
'kz_inspection_checklists.law.edition'
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from typing import Any, Optional

__all__ = ["MOVED", "install"]

#: Each module of 0.1.0 that moved, and the modules that hold its names now (in the order
#: they are looked in). ``importer`` is a package now, and keeps its old names itself.
#: Not kept: ``diff``, ``history`` and ``migrate``, the names of top-level functions now
#: (a module imported by such a name would take the function's place in the package), and
#: ``data``, the name of the package's data folder (its loaders are in ``law.store``).
MOVED: dict[str, tuple[str, ...]] = {
    "models": ("law.edition", "law.order"),
    "api": ("law.catalog", "law.store"),
    "ids": ("law.ids",),
    "pins": ("law.pins",),
    "in_force": ("law.in_force",),
    "verify": ("importer.verify", "present.text"),
    "inspection": (
        "record.record",
        "record.files",
        "record.header",
        "record.rules",
        "record.verdicts",
    ),
    "scoring": ("record.scoring",),
    "iin": ("record.iin",),
    "render": ("present.text", "present.markdown", "exports.json_data"),
    "diff_render": ("present.text", "present.markdown"),
}

_PACKAGE = __name__.rpartition(".")[0]


def old_name(module: str, name: str, homes: tuple[str, ...]) -> Any:
    """``name`` of the 0.1.0 module ``module``, from the modules that hold it now."""
    for home in homes:
        found = importlib.import_module(f"{_PACKAGE}.{home}")
        if hasattr(found, name):
            return getattr(found, name)
    raise AttributeError(
        f"{_PACKAGE}.{module} has no {name!r}: it moved to none of "
        f"{', '.join(homes)} (a name 0.2.0 removed is in the CHANGELOG's Removed)"
    )


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds and makes the moved modules of :data:`MOVED`."""

    def find_spec(
        self, fullname: str, path: Any = None, target: Optional[types.ModuleType] = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        package, _, module = fullname.rpartition(".")
        if package == _PACKAGE and module in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: types.ModuleType) -> None:
        old = module.__name__.rpartition(".")[2]
        homes = MOVED[old]
        warnings.warn(
            f"{module.__name__} is deprecated and goes in 0.3.0; import its names from "
            + " or ".join(f"{_PACKAGE}.{home}" for home in homes),
            DeprecationWarning,
            stacklevel=2,
        )
        module.__doc__ = f"0.1.0's {old}, deprecated: its names are in {', '.join(homes)}."

        def __getattr__(name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            return old_name(old, name, homes)

        module.__getattr__ = __getattr__  # type: ignore[method-assign]


_FINDER = _Finder()


def install() -> None:
    """Put the finder of the moved modules on ``sys.meta_path``, once."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)
