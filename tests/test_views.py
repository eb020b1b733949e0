"""The views' shared contracts: one link-scheme table, one vocabulary, one place for each name."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import GOOD, REPO

# Where a reference to something in the fixture leads, as a link from a topic page. Written out
# here, not derived from the views, so that a scheme the checker accepts but the site cannot
# place fails below; a new scheme needs a line here.
LEADS_TO = {
    "topic": ("eligibility-framework", "../../compare/eligibility-framework/"),
    "office": ("SG", "../../offices/SG/"),
    "entry": ("SG/program-claims", "../../compare/program-claims/#sg-program-claims"),
    "case": ("ai-anomaly-detection", "../../cases/ai-anomaly-detection/"),
    "glossary": ("technical-character", "../../glossary/#technical-character"),
    "source": ("ep-guidelines-2025", "https://www.epo.org/en/legal/guidelines-epc/2025/index.html"),
    "workshop": ("demo", "../../workshops/demo/"),
}
PAGE = "compare/program-claims.md"


@pytest.fixture(scope="module")
def ctx():
    from cop.load import load
    from cop.views.practice import ViewContext
    from cop.views.urls import Urls

    kb = load(GOOD).kb
    return ViewContext(kb=kb, urls=Urls(True), today=dt.date(2026, 6, 1))


class Links(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))


def test_the_checker_the_sanitizer_and_the_resolver_know_the_same_schemes():
    from cop.rules import internal_link
    from cop.views import links, safe

    assert tuple(internal_link.SCHEMES) == tuple(safe.KB_SCHEMES) == tuple(links.SCHEMES)
    assert set(LEADS_TO) == set(links.SCHEMES), "say in LEADS_TO where a reference of the new scheme leads"


@pytest.mark.parametrize("scheme", sorted(LEADS_TO))
def test_every_scheme_the_checker_accepts_renders_as_a_link_to_its_page(ctx, scheme):
    target, expected = LEADS_TO[scheme]
    html = ctx.markdown(PAGE, f"See [this]({scheme}:{target}).")
    assert Links(html).hrefs == [expected], html


@pytest.mark.parametrize("scheme", sorted(LEADS_TO))
def test_a_reference_to_nothing_is_text_whatever_its_scheme(ctx, scheme):
    html = ctx.markdown(PAGE, f"See [this]({scheme}:no-such-thing).")
    assert Links(html).hrefs == [] and "this" in html


def test_an_entry_link_lands_on_the_anchor_its_cell_and_sections_carry(ctx):
    from cop.views import pages

    built = pages.build(ctx)
    anchor = LEADS_TO["entry"][1].split("#")[1]
    assert f'<td id="{anchor}"' in built["compare/index.md"]
    assert f"{{#{anchor}}}" in built["compare/program-claims.md"] and f"{{#{anchor}}}" in built["offices/SG.md"]


def test_the_link_table_is_light_enough_for_the_checker_to_import():
    code = ("import sys, cop.views.links\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'markdown_it', 'nh3', 'markdown')]\n"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def _enum(schema: str, *path: str) -> list:
    node = json.loads((REPO / "scripts" / "cop" / "schemas" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return node["enum"]


def test_the_vocabulary_names_every_value_the_schemas_allow_and_no_other():
    from cop.model import STATUSES
    from cop.views.vocabulary import OUTCOMES, SESSION_KINDS, STATUS_LABELS

    outcomes = _enum("common", "$defs", "outcome")  # a case analysis's outcome, and where a test ends
    assert list(OUTCOMES) == outcomes
    assert list(STATUS_LABELS) == _enum("common", "$defs", "status") == list(STATUSES)
    assert list(SESSION_KINDS) == _enum("session", "properties", "kind")


@pytest.mark.parametrize("checked_in, said", [
    (None, "checked in <a href=\"https://example.org/official\">the official copy</a>"),
    ("reproduction", "checked in a reproduction of <a href=\"https://example.org/official\">the official copy</a>, "
                     "not in the official copy itself"),
    ("revision R-10.2019", "checked in revision R-10.2019 of <a href=\"https://example.org/official\">the official copy</a>, "
                           "not in the current revision"),
])
def test_a_citation_says_whether_it_was_checked_in_the_official_copy_a_reproduction_or_an_older_revision(checked_in, said):
    from cop.model import Citation, Source
    from cop.views.fragments import citation

    cited = Citation(source="nowhere", pinpoint="s. 1", verified_against="https://example.org/official", checked_in=checked_in)
    sources = {"nowhere": Source(id="nowhere", title="A text", publisher="An office", kind="guidelines", edition="2026",
                                 url="https://example.org/", official=True, current=True)}
    assert f'<span class="cop-checked" data-search-exclude>{said}</span>' in citation(sources, cited, detail="full")


def test_the_pages_are_the_same_whatever_the_interpreters_hash_seed():
    """A set's order changes with PYTHONHASHSEED from one run to the next: a page listing a set
    sorted by a key two of its items share (two editions of one title, on the real content's
    EP page) would differ between two builds of the same input."""
    import os

    script = ("import datetime as dt, hashlib, json, sys; from pathlib import Path; from cop.load import load; "
              "from cop.views import pages; from cop.views.practice import ViewContext; from cop.views.urls import Urls; "
              "ctx = ViewContext(kb=load(Path(sys.argv[1])).kb, urls=Urls(True), today=dt.date(2026, 6, 1)); "
              "print(json.dumps({name: hashlib.sha256(page.encode()).hexdigest() for name, page in pages.build(ctx).items()}))")
    seen = [json.loads(subprocess.run([sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, check=True,
                                      env={**os.environ, "PYTHONHASHSEED": seed}).stdout) for seed in ("1", "2", "3")]
    assert len(seen[0]) > 50
    assert [name for name in seen[0] if not seen[0][name] == seen[1][name] == seen[2][name]] == []
