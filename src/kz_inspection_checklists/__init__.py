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

__version__ = "0.1.0"

#: The editions of the order whose data this release bundles, oldest first.
EDITIONS = ("2019-original", "2023-revision")
#: The newest bundled edition: what "latest" means in this release.
LATEST_EDITION = "2023-revision"

_LAZY = {
    "api": (
        "checklist",
        "checklists",
        "edition",
        "editions",
        "get_requirement",
        "id_registry",
        "load_edition_file",
        "order",
        "requirement",
        "resolve_edition",
    ),
    "exceptions": (
        "AmbiguousDateError",
        "ChecklistError",
        "DataFileError",
        "ImportFormatError",
        "InvalidIINError",
        "InvalidInputError",
        "InvalidRecordError",
        "MissingExtraError",
        "NotInForceError",
        "PinMismatchError",
        "Problem",
        "TextNotAvailableError",
        "UnknownActError",
        "UnknownChecklistError",
        "UnknownEditionError",
        "UnknownRequirementError",
        "UnsupportedFormatError",
    ),
    "exports": ("export",),
    "iin": ("is_valid_iin", "validate_iin"),
    "in_force": ("as_of",),
    "inspection": (
        "VERDICTS",
        "Answer",
        "AssignmentAct",
        "Header",
        "InspectionRecord",
        "Person",
        "dumps_record",
        "loads_record",
        "new_record",
        "read_record",
        "record_json_schema",
    ),
    "models": (
        "Act",
        "AmendmentEvent",
        "Annex",
        "Checklist",
        "Edition",
        "HeaderField",
        "Order",
        "Requirement",
        "SignatureBlock",
    ),
    "pins": ("check_pin",),
    "scoring": ("ModelScore", "Score", "Weights", "load_groups", "load_weights", "score"),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "EDITIONS",
    "LATEST_EDITION",
    "VERDICTS",
    "Act",
    "AmbiguousDateError",
    "AmendmentEvent",
    "Annex",
    "Answer",
    "AssignmentAct",
    "Checklist",
    "ChecklistError",
    "DataFileError",
    "Edition",
    "Header",
    "HeaderField",
    "ImportFormatError",
    "InspectionRecord",
    "InvalidIINError",
    "InvalidInputError",
    "InvalidRecordError",
    "MissingExtraError",
    "ModelScore",
    "NotInForceError",
    "Order",
    "Person",
    "PinMismatchError",
    "Problem",
    "Requirement",
    "Score",
    "SignatureBlock",
    "TextNotAvailableError",
    "UnknownActError",
    "UnknownChecklistError",
    "UnknownEditionError",
    "UnknownRequirementError",
    "UnsupportedFormatError",
    "Weights",
    "__version__",
    "as_of",
    "check_pin",
    "checklist",
    "checklists",
    "dumps_record",
    "edition",
    "editions",
    "export",
    "get_requirement",
    "id_registry",
    "is_valid_iin",
    "load_edition_file",
    "load_groups",
    "load_weights",
    "loads_record",
    "new_record",
    "order",
    "read_record",
    "record_json_schema",
    "requirement",
    "resolve_edition",
    "score",
    "validate_iin",
]

if TYPE_CHECKING:
    from .api import (
        checklist,
        checklists,
        edition,
        editions,
        get_requirement,
        id_registry,
        load_edition_file,
        order,
        requirement,
        resolve_edition,
    )
    from .exceptions import (
        AmbiguousDateError,
        ChecklistError,
        DataFileError,
        ImportFormatError,
        InvalidIINError,
        InvalidInputError,
        InvalidRecordError,
        MissingExtraError,
        NotInForceError,
        PinMismatchError,
        Problem,
        TextNotAvailableError,
        UnknownActError,
        UnknownChecklistError,
        UnknownEditionError,
        UnknownRequirementError,
        UnsupportedFormatError,
    )
    from .exports import export
    from .iin import is_valid_iin, validate_iin
    from .in_force import as_of
    from .inspection import (
        VERDICTS,
        Answer,
        AssignmentAct,
        Header,
        InspectionRecord,
        Person,
        dumps_record,
        loads_record,
        new_record,
        read_record,
        record_json_schema,
    )
    from .models import (
        Act,
        AmendmentEvent,
        Annex,
        Checklist,
        Edition,
        HeaderField,
        Order,
        Requirement,
        SignatureBlock,
    )
    from .pins import check_pin
    from .scoring import ModelScore, Score, Weights, load_groups, load_weights, score


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'kz_inspection_checklists' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
