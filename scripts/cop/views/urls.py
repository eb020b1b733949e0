"""Where each generated page lives, and relative links between pages.

Generated HTML is not rewritten by the site engine, so links are computed here, for both
URL styles: directory URLs (`offices/EP/`) for a served site and file URLs
(`offices/EP.html`) for the offline build opened from the file system.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Urls:
    directory_urls: bool = True

    def url(self, src: str) -> str:
        """The URL path (relative to the site root) of the page built from `src` (a .md path)."""
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def root_prefix(self, from_src: str) -> str:
        """The relative path from a page to the site root: '', '../', '../../' ..."""
        return "../" * self.url(from_src).count("/")

    def link(self, from_src: str, to: str, anchor: str | None = None) -> str:
        """A relative link from page `from_src` to a page (.md) or a file (any other path)."""
        target = self.url(to) if to.endswith(".md") else to
        here = self.url(from_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        if base in ("/", ""):
            base = ""
        rel = posixpath.relpath(target or ".", base or ".") if (target or base) else "."
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        if self.directory_urls is False and rel == ".":
            rel = posixpath.basename(target)
        if rel == "./":
            rel = "./"
        return rel + (f"#{anchor}" if anchor else "")


# Where the generated pages live (site-relative .md paths); one function a kind so a move is one edit.
def matrix() -> str:
    return "compare/index.md"


def topic(topic_id: str) -> str:
    return f"compare/{topic_id}.md"


def office_index() -> str:
    return "offices/index.md"


def office(code: str) -> str:
    return f"offices/{code}.md"


def case_index() -> str:
    return "cases/index.md"


def case(case_id: str) -> str:
    return f"cases/{case_id}.md"


def tests() -> str:
    """Every office's test, side by side."""
    return "tests.md"


def changes() -> str:
    """What changed between data releases, and since the last."""
    return "changes.md"


def release(version: str) -> str:
    """A data release's frozen copy, readable: where a citation's permalink leads."""
    return f"releases/{version}.md"


def feed() -> str:
    return "changes.xml"


def api(path: str) -> str:
    """A document of the static JSON API."""
    return f"api/v1/{path}"


def glossary() -> str:
    return "glossary.md"


def worksharing() -> str:
    return "worksharing.md"


def rules() -> str:
    return "contribute/rules.md"


def workshop_index() -> str:
    return "workshops/index.md"


def workshop(workshop_id: str) -> str:
    return f"workshops/{workshop_id}.md"


def contributing() -> str:
    return "contribute/index.md"


def data_reference() -> str:
    return "contribute/data.md"


def downloads() -> str:
    return "downloads/index.md"


def download(name: str) -> str:
    return f"downloads/{name}"


def source_file(path: str) -> str:
    """Where a data file's copy is shipped in the site, so every entry links to its YAML."""
    return f"source/{path}"


# Anchors inside pages. Links from other pages and from contributed text (entry:EP/topic) land on
# them, so each is made here only.
def entry_anchor(office: str, topic_id: str) -> str:
    """An office's practice on a topic: its matrix cell, and its section on the topic and office pages."""
    return f"{office}-{topic_id}".lower()


def office_anchor(code: str) -> str:
    """An office's section on a page of every office: a case's analyses, work-sharing."""
    return code.lower()


def test_anchor(office: str, test_id: str) -> str:
    """An office's test: its diagram on the office page and the side-by-side page, and the prefix
    of every id inside the diagram."""
    return f"test-{office}-{test_id}".lower()


def period_anchor(version: str | None) -> str:
    """A period of the changes page: what release VERSION changed, or (None) what changed since the last."""
    return f"release-{version.replace('.', '-')}" if version else "unreleased"


def frozen_case_anchor(case_id: str) -> str:
    """A case on a release's frozen page."""
    return f"case-{case_id}"
