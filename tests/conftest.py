"""Shared fixtures: paths of the project and a fresh cache for every test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kz_inspection_checklists.data import clear_cache

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
