"""Shared fixtures: paths of the project and a fresh cache for every test."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from kz_inspection_checklists.law.store import clear_cache

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
SOURCE_TEXT = SOURCES / "V1900018805-en-2023-05-23.txt"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def source_text() -> str:
    """The Adilet English text of the order as amended on 23.05.2023."""
    return SOURCE_TEXT.read_text(encoding="utf-8")


class Pairs(Mapping[Any, Any]):
    """A mapping kept as pairs, so its keys may be unhashable (as a user's mapping may)."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self._pairs = pairs

    def __getitem__(self, key: Any) -> Any:
        for k, v in self._pairs:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return iter([k for k, _ in self._pairs])

    def __len__(self) -> int:
        return len(self._pairs)


def _bundled_header() -> Any:
    from kz_inspection_checklists.law.store import bundled
    from kz_inspection_checklists.record.header import header_model

    return header_model(bundled().order.form)


#: The header model of the bundled order's form (its fields are authority, ...).
Header = _bundled_header()
