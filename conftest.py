"""Doctests in src/, docs/ and README.md run from the project root."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _doctest_cwd(request: pytest.FixtureRequest) -> Iterator[None]:
    """Run every test from the project root, where sources/ and docs/ are."""
    here = Path.cwd()
    os.chdir(Path(__file__).resolve().parent)
    try:
        yield
    finally:
        os.chdir(here)


#: Generated copies of README.md and CHANGELOG.md for the documentation site: their
#: examples run from the originals.
collect_ignore = ["docs/index.md", "docs/changelog.md"]
