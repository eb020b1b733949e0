"""Building sites for the tests: the fixture knowledge base once per session, in both URL styles."""

from __future__ import annotations

import re
import sys
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from conftest import REPO, Project, copy_fixture

sys.path.insert(0, str(REPO / "benchmarks"))
import serving as servers  # noqa: E402  the servers the benchmark measures are the ones tested

BUILD_EPOCH = "1780272000"  # 2026-06-01, the fixture's "today"


def build(project: Project, site: Path, *, offline: bool = False, epoch: str | None = BUILD_EPOCH) -> Path:
    from cop.site.build import build_site

    build_site(project.root, site, offline=offline, epoch=int(epoch) if epoch else None)
    return site


def fixture_site(factory, name: str, *, offline: bool = False) -> tuple[Project, Path]:
    project = copy_fixture(factory.mktemp(name) / "kb")
    return project, build(project, project.root / ("site-offline" if offline else "site"), offline=offline)


class Elements(HTMLParser):
    """Every element's tag and attributes, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))

    def by_id(self, element_id: str) -> dict[str, str] | None:
        return next((a for _, a in self.found if a.get("id") == element_id), None)


def cell_html(html: str, anchor: str) -> str:
    """The HTML of the matrix cell with this id."""
    match = re.search(rf'<td id="{anchor}"[^>]*>.*?</td>', html, re.S)
    assert match, f"no cell #{anchor}"
    return match.group(0)


def chromium():
    """Debian's Chromium under Playwright, as the benchmark drives it; fails when it is missing."""
    import shutil

    import pytest

    if not shutil.which(servers.CHROMIUM):
        pytest.fail(f"{servers.CHROMIUM} is missing: run .ci/system-packages.sh (Debian package chromium)")
    with servers.chromium() as instance:
        yield instance


def type_search(page, query: str, timeout: float = 30) -> None:
    """Types a query into the theme's search as a person would, again if the search index was not
    ready yet, until results show; fails when none do."""
    import time

    from playwright.sync_api import TimeoutError

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # Real keystrokes: the theme's search listens to the keyboard, not to a value set by script.
        page.click("input.md-search__input")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(query, delay=20)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2000)
            return
        except TimeoutError:
            continue
    raise AssertionError(f"no search results for {query!r}")


@contextmanager
def watched_tab(browser, *, scripts: bool = True):
    """A tab in a new browser context, and the list of what the Content-Security-Policy refused
    on it, as Chromium reports it. scripts=False: the page's scripts do not run."""
    context = browser.new_context(java_script_enabled=scripts)
    try:
        tab = context.new_page()
        refused: list[str] = []
        tab.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        yield tab, refused
    finally:
        context.close()


@contextmanager
def cop_serve(site: Path):
    """`cop serve` on a free port of the loopback address, as `make serve` runs it; yields its URL."""
    with servers.cop_server(site) as (url, _):
        yield url
