"""Building sites for the tests: the fixture knowledge base once per session, in both URL styles."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import Project, copy_fixture

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
