"""Kazakhstan's inspection checklists in informatization, communications and electronic
signature, as typed, versioned data.

The checklists are Annexes 3 to 5 of the joint order of the Minister of Digital
Development, Defense and Aerospace Industry of 4 June 2019 No. 114/НҚ and the Minister
of National Economy of 6 June 2019 No. 52 (registered No. 18805, Adilet V1900018805).

Importing the package reads no data: the public names below load on first use.

>>> import kz_inspection_checklists as kz
>>> kz.checklist("communications").title[:44]
'Checklist in the field of communications in '
>>> len(kz.checklist(4).requirements)
72
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _moved

__version__ = "0.2.0"

#: The editions of the order whose data this release bundles, oldest first.
EDITIONS = ("2019-original", "2023-revision")
#: The newest bundled edition: what "latest" means in this release.
LATEST_EDITION = "2023-revision"

_LAZY = {
    "law.applicability": ("applicability",),
    "law.catalog": ("checklist", "checklists", "edition", "editions", "order", "requirement"),
    "law.in_force": ("as_of",),
    "law.diff": ("diff",),
    "law.history": ("history",),
    "law.pins": ("check_pin",),
    "law.order": ("Order",),
    "law.edition": ("Checklist", "Edition", "Requirement"),
    "record.record": ("InspectionRecord", "new_record"),
    "record.files": (
        "dumps_record",
        "loads_record",
        "read_record",
        "update_record",
        "validate",
        "write_record",
    ),
    "record.scoring": ("score",),
    "record.migrate": ("migrate",),
    "record.compare": ("compare",),
    "exports": ("export", "export_order"),
    "exceptions": (
        "AmbiguousDateError",
        "ChecklistError",
        "DataFileError",
        "InvalidInputError",
        "InvalidRecordError",
        "MissingExtraError",
        "NotInForceError",
        "TextNotAvailableError",
        "UnknownNameError",
    ),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}

# 0.1.0's modules that moved into the layers stay importable, deprecated, until 0.3.0.
_moved.install()

#: Names that left the top level in 0.2.0, and where they are now. They still work, with
#: a DeprecationWarning, until 0.3.0.
_MOVED = {
    "get_requirement": "law.catalog",
    "id_registry": "law.catalog",
    "resolve_edition": "law.catalog",
    "load_edition_file": "law.catalog",
    "record_json_schema": "record.files",
    "is_valid_iin": "record.iin",
    "validate_iin": "record.iin",
    "VERDICTS": "record.verdicts",
    "Answer": "record.record",
    "AssignmentAct": "record.header",
    "Person": "record.header",
    "ModelScore": "record.scoring",
    "Score": "record.scoring",
    "Weights": "record.scoring",
    "load_groups": "record.scoring",
    "load_weights": "record.scoring",
    "Act": "law.order",
    "AmendmentEvent": "law.order",
    "Annex": "law.edition",
    "HeaderField": "law.edition",
    "SignatureBlock": "law.edition",
    "Problem": "exceptions",
    "UnknownEditionError": "exceptions",
    "UnknownChecklistError": "exceptions",
    "UnknownRequirementError": "exceptions",
    "UnknownActError": "exceptions",
    "UnsupportedFormatError": "exceptions",
    "ImportFormatError": "exceptions",
    "PinMismatchError": "exceptions",
    "InvalidIINError": "exceptions",
}

__all__ = [
    "EDITIONS",
    "LATEST_EDITION",
    "AmbiguousDateError",
    "Checklist",
    "ChecklistError",
    "DataFileError",
    "Edition",
    "InspectionRecord",
    "InvalidInputError",
    "InvalidRecordError",
    "MissingExtraError",
    "NotInForceError",
    "Order",
    "Requirement",
    "TextNotAvailableError",
    "UnknownNameError",
    "__version__",
    "applicability",
    "as_of",
    "check_pin",
    "checklist",
    "checklists",
    "compare",
    "diff",
    "dumps_record",
    "edition",
    "editions",
    "export",
    "export_order",
    "history",
    "loads_record",
    "migrate",
    "new_record",
    "order",
    "read_record",
    "requirement",
    "score",
    "update_record",
    "validate",
    "write_record",
]

if TYPE_CHECKING:
    from .exceptions import (
        AmbiguousDateError,
        ChecklistError,
        DataFileError,
        InvalidInputError,
        InvalidRecordError,
        MissingExtraError,
        NotInForceError,
        TextNotAvailableError,
        UnknownNameError,
    )
    from .exports import export, export_order
    from .law.applicability import applicability
    from .law.catalog import checklist, checklists, edition, editions, order, requirement
    from .law.diff import diff
    from .law.edition import Checklist, Edition, Requirement
    from .law.history import history
    from .law.in_force import as_of
    from .law.order import Order
    from .law.pins import check_pin
    from .record.compare import compare
    from .record.files import (
        dumps_record,
        loads_record,
        read_record,
        update_record,
        validate,
        write_record,
    )
    from .record.migrate import migrate
    from .record.record import InspectionRecord, new_record
    from .record.scoring import score


def __getattr__(name: str) -> Any:
    import importlib

    module = _WHERE.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
    moved = _MOVED.get(name)
    if moved is None:
        raise AttributeError(f"module 'kz_inspection_checklists' has no attribute {name!r}")
    import warnings

    warnings.warn(
        f"kz_inspection_checklists.{name} is deprecated and leaves the top level in 0.3.0; "
        f"import it from kz_inspection_checklists.{moved}",
        DeprecationWarning,
        stacklevel=2,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return getattr(importlib.import_module(f".{moved}", __name__), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
