"""The importer: a source text of the order, read by the grammar of its layout, turned into
editions, translations and a drift report.

0.1.0's ``importer`` was one module; its names (``import_edition``, ...) still resolve
here, with a ``DeprecationWarning`` naming the module that holds each now, until 0.3.0;
its function ``parse`` is ``importer.parse.parse`` (``importer.parse`` is a module now).
"""

from __future__ import annotations

from typing import Any

#: 0.1.0's names of ``importer``, now in its modules.
_HOMES = ("importer.build", "importer.parse")
_OLD_NAMES = frozenset(
    {
        "ImportResult",
        "ParsedAnnex",
        "ParsedText",
        "amendment_events",
        "consolidated_edition",
        "import_edition",
        "original_edition",
    }
)


def __getattr__(name: str) -> Any:
    if name not in _OLD_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import warnings

    from .._moved import old_name

    value = old_name("importer", name, _HOMES)
    warnings.warn(
        f"{__name__}.{name} is deprecated and goes in 0.3.0; import it from {value.__module__}",
        DeprecationWarning,
        stacklevel=2,
    )
    return value
