"""Every doc page's examples run for a pip user: outside the repository, in an empty folder.

The normal run reads the pages from the project root (conftest.py's ``_doctest_cwd``).
Here each page of docs/ and the README runs as a doctest in a fresh Python whose current
directory is an empty temporary folder and whose path does not hold the project root, so
an example that opens a file of the repository (sources/, src/, tools/) fails. The pages
that must, because they are about the repository's own files, are listed below with the
reason; they still run from the root in the normal run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

#: The pages whose examples need the repository, and why. Each is expected to fail
#: outside it (strictly: a page that passes must leave this list).
NEEDS_THE_REPOSITORY = {
    "docs/editions.md": "verify() reads the Adilet source text in sources/, which the "
    "package does not ship",
    "docs/sources.md": "it shows the repository's layout: it opens the source text in "
    "sources/ and a data file by its path under src/",
}

#: The site's copies of the README and the CHANGELOG, whose originals are run.
COPIES = {"docs/index.md", "docs/changelog.md"}

PAGES = sorted(
    path
    for path in (
        str(page.relative_to(ROOT)) for page in [ROOT / "README.md", *ROOT.glob("docs/**/*.md")]
    )
    if path not in COPIES
)

#: Run one page's doctest as pytest does (--doctest-glob=*.md, ELLIPSIS, NORMALIZE_WHITESPACE).
_RUN = """
import doctest, sys
result = doctest.testfile(
    sys.argv[1],
    module_relative=False,
    optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
)
sys.exit(1 if result.failed else 0)
"""


def test_the_list_names_pages_that_exist() -> None:
    assert set(NEEDS_THE_REPOSITORY) <= set(PAGES)
    assert "docs/tutorial.md" in PAGES and "docs/tutorial.md" not in NEEDS_THE_REPOSITORY


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(page, marks=pytest.mark.xfail(reason=NEEDS_THE_REPOSITORY[page], strict=True))
        if page in NEEDS_THE_REPOSITORY
        else page
        for page in PAGES
    ],
)
def test_a_doc_page_runs_outside_the_repository(page: str, tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        # With -c the path starts with the current folder, not the project root.
        [sys.executable, "-c", _RUN, str(ROOT / page)],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    # The examples leave nothing behind in the folder they ran in.
    assert list(folder.iterdir()) == []
