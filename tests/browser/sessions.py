"""Session fixtures shared by every browser test in the suite: one
Playwright driver and one headless Debian Chromium per test process, and
axe-core's source.

They are imported into ``tests/conftest.py`` so that the browser tests of
every package (``tests/browser``, ``tests/admin``, ``tests/accounts``,
``tests/audit`` …) share them: a second ``sync_playwright()`` in the same
process fails ("Sync API inside the asyncio loop").  A missing browser or
axe-core fails the tests: they never skip.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GOVPORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT = Path(__file__).resolve().parents[2]
AXE_JS = PROJECT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (or `make browser-deps`)", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_instance):
    """One headless Debian Chromium for the session."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`make browser-deps`)",
            pytrace=False,
        )
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
