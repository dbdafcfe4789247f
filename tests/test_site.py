"""The documentation site, built strictly and driven in a real browser as a person uses it.

The site is built once with ``mkdocs build --strict`` (a broken link, a page missing
from the navigation or a docstring that does not render fails the build), served on
127.0.0.1, and opened in Debian's Chromium through Selenium and Debian's chromedriver
(no browser is downloaded). The search box is typed into key by key, as a person does:
Material's search starts on key events, not on a filled field.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

# The site's build and the browser are the test extra's and Debian's: in CI they are
# installed, so a missing one fails there rather than skips.
_IN_CI = bool(os.environ.get("CI"))
_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_DRIVER = shutil.which("chromedriver")

TIMEOUT = 20


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built strictly into a temporary folder."""
    pytest.importorskip("mkdocs", reason="the docs extra is not installed")
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return target


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """The site's address on 127.0.0.1 (search reads its index over HTTP)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    if _CHROMIUM is None or _DRIVER is None:
        if _IN_CI:
            pytest.fail(
                "chromium or chromedriver is missing (apt-get install chromium chromium-driver)"
            )
        pytest.skip(
            "chromium and chromedriver are not installed (Debian: chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = _CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=_DRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def _wait(browser: Any, condition: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, TIMEOUT).until(condition)


def _target(address: str) -> str:
    """A result's address without the query that highlights the words searched."""
    parts = urllib.parse.urlsplit(address)
    return f"{parts.path}#{parts.fragment}" if parts.fragment else parts.path


def _search(browser: Any, served: str, words: str, *wanted: str) -> list[str]:
    """Type ``words`` into the search box key by key, and wait for a result whose address
    ends with each of ``wanted``; the results' addresses."""
    from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
    from selenium.webdriver.common.by import By

    browser.get(served)
    field = _wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "input.md-search__input"))
    field.click()
    for key in words:
        field.send_keys(key)
    seen: list[str] = []

    def results(b: Any) -> bool:
        try:
            found = b.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
            seen[:] = [a.get_attribute("href") for a in found]
        except StaleElementReferenceException:  # the list is being redrawn
            return False
        return all(any(_target(h).endswith(end) for h in seen) for end in wanted)

    with contextlib.suppress(TimeoutException):
        _wait(browser, results)
    return [_target(h) for h in seen]


def test_the_site_has_a_page_per_checklist_and_the_api_reference(site: Path) -> None:
    page = (site / "checklists/2023-revision/communications/index.html").read_text("utf-8")
    assert 'id="COM-004"' in page and 'id="COM-072"' in page
    reference = (site / "reference/law/index.html").read_text("utf-8")
    assert "Every bundled edition, oldest first." in reference
    # Docstrings render as Markdown: no Sphinx role or bare doctest is left as text.
    for html in site.rglob("*.html"):
        text = html.read_text("utf-8")
        assert ":class:`" not in text and ":func:`" not in text, html
        assert "<blockquote>\n<blockquote>" not in text, html  # a ">>>" read as quotes


def test_search_finds_a_requirement_by_its_id(browser: Any, served: str) -> None:
    found = _search(browser, served, "COM-004", "/checklists/2023-revision/communications/#COM-004")
    # The page comes first, then its sections by relevance: the requirement's first.
    sections = [address for address in found if "#" in address]
    assert sections[0] == "/checklists/2023-revision/communications/#COM-004", found


def test_search_finds_a_requirement_by_its_words(browser: Any, served: str) -> None:
    found = _search(browser, served, "numbering resource", "#COM-010", "#COM-011")
    assert any(h.endswith("/communications/#COM-010") for h in found), found
    assert any(h.endswith("/communications/#COM-011") for h in found), found


def test_an_ids_anchor_lands_on_its_requirement(browser: Any, served: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(served + "checklists/2023-revision/communications/#COM-040")
    heading = _wait(browser, lambda b: b.find_element(By.ID, "COM-040"))
    requirement = _wait(
        browser,
        lambda b: b.execute_script(
            "const r = arguments[0].getBoundingClientRect(); "
            "return window.scrollY > 0 && r.top >= 0 && r.top < 200 ? r.top : null;",
            heading,
        ),
    )
    assert requirement is not None
    following = heading.find_element(By.XPATH, "following-sibling::p[1]")
    assert following.text.startswith("№ 40.")


def test_the_pages_render_cyrillic(browser: Any, served: str) -> None:
    """The order's number 114/НҚ is shown in glyphs of a font, not as missing-glyph boxes."""
    browser.get(served)
    assert "114/НҚ" in browser.find_element("tag name", "body").text
    widths = browser.execute_script(
        "const c = document.createElement('canvas').getContext('2d');"
        "c.font = getComputedStyle(document.querySelector('.md-typeset')).font;"
        "return [c.measureText('НҚ').width, c.measureText('\\u0378\\u0379').width];"
    )
    cyrillic, missing = widths
    assert cyrillic > 0 and cyrillic != missing, widths
