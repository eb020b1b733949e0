"""The examiner's views of the real content in a real browser (Debian's Chromium under Playwright):
the matrix at a desk, on a phone and on paper, the reader's own office, and where two offices differ."""

from __future__ import annotations

import io

import pytest

from conftest import REPO
from sites import chromium, cop_serve, type_search, watched_tab

browser = pytest.fixture(scope="module")(chromium)

AS_OF = 1795910400  # 2026-11-29: the real content as of a fixed date, so no test depends on today's


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The repository's own knowledge base, built and served as `make serve` serves it."""
    from cop.load import load
    from cop.site.build import build_site

    site = tmp_path_factory.mktemp("real") / "site"
    build_site(REPO, site, epoch=AS_OF)
    kb = load(REPO).kb
    with cop_serve(site) as url:
        yield url, kb


@pytest.fixture
def page(browser):
    with watched_tab(browser) as (tab, refused):
        yield tab
    assert refused == [], "the site's own features broke its Content-Security-Policy"


def shown_offices(page) -> list[str]:
    return page.eval_on_selector_all("thead th[data-office]", "ths => ths.filter(t => t.offsetParent !== null)"
                                     ".map(t => t.getAttribute('data-office'))")


def shown_topics(page) -> list[str]:
    return page.eval_on_selector_all("tbody tr[data-topic]", "rows => rows.filter(r => r.offsetParent !== null)"
                                     ".map(r => r.getAttribute('data-topic'))")


def test_the_header_row_and_the_topic_column_stay_in_view_when_the_matrix_scrolls_down_and_right(page, real):
    url, kb = real
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(f"{url}/compare/?view=full")
    grid = page.locator(".cop-matrix-wrap")
    grid.scroll_into_view_if_needed()
    scrolled = grid.evaluate("g => { g.scrollTop = g.scrollHeight; g.scrollLeft = g.scrollWidth;"
                             " return [g.scrollTop, g.scrollLeft]; }")
    assert scrolled[0] > 1000 and scrolled[1] > 500, f"the grid did not scroll both ways: {scrolled}"
    box = grid.bounding_box()
    last_office = kb.offices_in_order()[-1].code
    header = page.locator(f'thead th[data-office="{last_office}"]').bounding_box()
    assert abs(header["y"] - box["y"]) < 3, "the header row scrolled out of view"
    topic = page.locator("tbody tr[data-topic]").last.locator("th").bounding_box()
    assert abs(topic["x"] - box["x"]) < 3, "the topic column scrolled out of view"
    # What is seen at those places is the header and the topic: no cell draws over them.
    def seen(b):
        return page.evaluate(f"document.elementFromPoint({b['x'] + b['width'] / 2}, {b['y'] + 8}).closest('th')?.textContent")
    assert seen(header) == last_office
    assert seen(topic) == kb.topics_in_order()[-1].title


def test_a_cells_position_opens_its_summary_sources_and_review_date_by_mouse_and_by_keyboard(page, real):
    url, kb = real
    entry = kb.entries[("EP", "program-claims")]
    page.goto(f"{url}/compare/")
    details = page.locator("#pop-ep-program-claims")
    assert not details.is_visible()
    page.click("#ep-program-claims button.cop-pos")
    assert details.is_visible()
    shown = details.inner_text()
    assert entry.summary[:60] in " ".join(shown.split()) and f"reviewed {entry.last_reviewed.isoformat()}" in shown
    assert "(" in details.locator(".cop-src").inner_text()  # the pinpoint, then its edition in brackets
    page.keyboard.press("Escape")
    assert not details.is_visible()
    # By keyboard: the position is a button; Enter opens it, and its link leads to the whole entry.
    page.focus("#sg-program-claims button.cop-pos")
    page.keyboard.press("Enter")
    assert page.locator("#pop-sg-program-claims").is_visible()
    page.click("#pop-sg-program-claims a.cop-full-entry")
    page.wait_for_url("**/compare/program-claims/#sg-program-claims")
    assert page.url.startswith(url)


def test_filters_by_group_office_and_topic_live_in_the_url_in_any_case_and_survive_a_reload(page, real):
    url, kb = real
    asean = [o.code for o in kb.offices_in_order() if "ASEAN" in o.groups]
    page.goto(f"{url}/compare/?group=asean")
    assert shown_offices(page) == asean
    page.goto(f"{url}/compare/?offices=ep,sg&topics=program-claims,games")
    assert shown_offices(page) == ["EP", "SG"]
    assert shown_topics(page) == [t.id for t in kb.topics_in_order() if t.id in ("program-claims", "games")]
    page.click(".cop-filter summary")
    page.uncheck("input[name=topic][value=games]")
    assert shown_topics(page) == ["program-claims"]
    page.check("input[name=office][value=US]")
    page.reload()
    assert shown_offices(page) == ["EP", "SG", "US"] and shown_topics(page) == ["program-claims"]
    # A text filter on topics, by words of the title or the question.
    page.goto(f"{url}/compare/")
    page.fill("[data-cop-topic-text]", "MEDIUM")
    expected = [t.id for t in kb.topics_in_order() if "medium" in (t.title + " " + t.question).lower()]
    assert expected and shown_topics(page) == expected
    page.reload()
    assert shown_topics(page) == expected and page.input_value("[data-cop-topic-text]") == "MEDIUM"


def test_an_empty_choice_says_so_instead_of_showing_nothing(page, real):
    url, _ = real
    page.goto(f"{url}/compare/?offices=EP")
    page.uncheck("input[name=office][value=EP]")
    assert "No office chosen" in page.inner_text("[data-cop-state]")
    page.goto(f"{url}/compare/?words=no-such-topic")
    assert "No topic matches" in page.inner_text("[data-cop-state]")
    page.goto(f"{url}/compare/?offices=XX")
    assert "No office chosen" in page.inner_text("[data-cop-state]")


def test_diff_lists_only_the_topics_where_the_chosen_offices_differ_with_their_summaries(page, real):
    url, kb = real
    differ = [t.id for t in kb.topics_in_order()
              if len({kb.entries[(c, t.id)].position for c in ("EP", "SG") if (c, t.id) in kb.entries}) > 1]
    assert differ and len(differ) < len(kb.topics)
    page.goto(f"{url}/compare/?diff=ep,SG")
    assert shown_offices(page) == ["EP", "SG"] and shown_topics(page) == differ
    first = kb.entries[("EP", differ[0])]
    assert page.locator(f"#pop-ep-{differ[0]}").is_visible(), "summaries are shown side by side"
    assert first.summary[:40] in " ".join(page.inner_text(f"#ep-{differ[0]}").split())
    assert f"{len(differ)} topics on which EP, SG take different positions" in page.inner_text("[data-cop-state]")
    page.reload()
    assert shown_topics(page) == differ and page.is_checked("[data-cop-diff]")
    # The control on the page: the offices chosen, then "only where they differ".
    page.goto(f"{url}/compare/?offices=EP,SG")
    page.check("[data-cop-diff]")
    assert shown_topics(page) == differ and "diff=EP%2CSG" in page.url


def test_my_office_comes_first_in_the_matrix_and_in_topic_and_case_tables_after_a_reload(page, real):
    url, kb = real
    page.goto(f"{url}/compare/")
    page.select_option("[data-cop-mine]", "TH")
    page.reload()
    assert shown_offices(page)[0] == "TH"
    first_cells = page.eval_on_selector_all("tbody tr[data-topic]", "rows => rows.map(r => r.children[1].dataset.office)")
    assert set(first_cells) == {"TH"}
    page.goto(f"{url}/compare/program-claims/")
    assert page.eval_on_selector(".cop-glance-row", "ul => ul.children[0].dataset.office") == "TH"
    case = next(c for c in kb.cases.values() if any(a.office == "TH" for a in c.analyses) and c.analyses[0].office != "TH")
    page.goto(f"{url}/cases/{case.id}/")
    assert page.eval_on_selector("table[data-cop-pin=rows] tbody", "b => b.rows[0].dataset.office") == "TH"
    # Chosen from an office page too, and given up there.
    page.goto(f"{url}/offices/EP/")
    page.click("[data-cop-make-mine]")
    page.goto(f"{url}/compare/")
    assert shown_offices(page)[0] == "EP"
    page.goto(f"{url}/offices/EP/")
    page.click("[data-cop-make-mine]")
    page.goto(f"{url}/compare/")
    assert shown_offices(page) == [o.code for o in kb.offices_in_order()]


def page_types(kb) -> list[str]:
    """One page of every kind the site has."""
    case = next(iter(kb.cases))
    workshop = next(iter(kb.workshops))
    return ["", "compare/", "compare/program-claims/", "offices/", "offices/TH/", "cases/", f"cases/{case}/", "tests/",
            "glossary/", "worksharing/", "workshops/", f"workshops/{workshop}/", "guidelines/cii/02-eligibility/",
            "changes/", "releases/2026.11/", "downloads/", "contribute/rules/", "performance/"]


def test_no_page_scrolls_sideways_on_a_390_pixel_phone(browser, real):
    url, kb = real
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    try:
        tab = context.new_page()
        wide = {}
        for path in page_types(kb) + ["compare/?view=full"]:
            response = tab.goto(f"{url}/{path}")
            assert response.ok, path
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                culprit = tab.evaluate("""() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > 391 && getComputedStyle(e).position !== 'fixed')
                    .slice(-3).map(e => e.tagName + '.' + e.className).join(' ')""")
                wide[path] = f"{width} px: {culprit}"
        assert wide == {}
    finally:
        context.close()


def test_the_matrix_prints_on_one_a3_landscape_sheet_with_every_office_and_every_position_label(page, real):
    from pypdf import PdfReader

    url, kb = real
    page.goto(f"{url}/compare/")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    sheets = [p for p in pdf.pages if "Topic" in p.extract_text() and all(o.code in p.extract_text().split()
                                                                           for o in kb.offices_in_order())]
    assert len(sheets) == 1, "the matrix is not on one sheet"
    sheet = sheets[0]
    width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (420, 297), "not A3 landscape"
    words = " ".join(sheet.extract_text().split())
    labels = {kb.topics[e.topic].positions[e.position].label for e in kb.entries.values()}
    missing = [label for label in labels if label not in words]
    assert missing == []
    # A title broken across lines at its hyphen reads back with a space after the hyphen.
    assert [t.title for t in kb.topics_in_order() if t.title not in words.replace("- ", "-")] == []
    # The reader's controls are not printed.
    assert "Show summaries" not in " ".join(p.extract_text() for p in pdf.pages)


def test_a_printed_page_names_the_address_of_each_external_source_after_its_link(page, real):
    from pypdf import PdfReader

    url, kb = real
    entry = kb.entries[("EP", "program-claims")]
    cited = entry.citations[0]
    address = cited.url or kb.sources[cited.source].url
    page.goto(f"{url}/compare/program-claims/")
    page.emulate_media(media="print")
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(page.pdf())).pages)
    assert "".join(address.split()) in text
    # Navigation and search are not printed.
    assert "Search" not in text.split("Programclaims")[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_type_has_a_serious_or_critical_accessibility_violation_in_either_colour_scheme(page, real, scheme):
    from axe_playwright_python.sync_playwright import Axe

    url, kb = real
    page.emulate_media(color_scheme=scheme)
    axe, found = Axe(), {}
    for path in page_types(kb) + ["compare/?view=full", "compare/?diff=EP,SG"]:
        page.goto(f"{url}/{path}")
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        violations = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                      for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        if violations:
            found[path] = violations
    assert found == {}


# What examiners type, and the pages that must be among the first five found. Patent language:
# hyphenated terms, decision and section numbers, offices by their codes, short names, countries
# and other spellings. A decision is found by its number ("641/00") or its whole reference in
# quotes: the theme's search completes every word typed, so a lone "T" also matches every word
# beginning with t.
QUERIES = {
    "non-transitory": ["compare/medium-claims/"],
    "computer-implemented": ["compare/generic-computer/"],
    "641/00": ["compare/mixed-features-inventive-step/"],
    '"T 641/00"': ["compare/mixed-features-inventive-step/"],
    "1/19": ["compare/simulations/"],
    '"G 1/19"': ["compare/simulations/"],
    "258/03": ["compare/business-methods/"],
    "Alice": ["compare/generic-computer/", "offices/US/"],
    "Enfish": ["compare/data-structures/"],
    "COMVIK": ["glossary/"],
    "Art. 52(2)": ["compare/eligibility-framework/"],
    "35 U.S.C. 101": ["offices/US/"],
    "2106.04(d)": ["compare/technical-effect/", "offices/US/"],
    "Vietnam": ["offices/VN/"],
    "Viet Nam": ["offices/VN/"],
    "Thailand": ["offices/TH/"],
    "Thai": ["offices/TH/"],
    "KIPO": ["offices/KR/"],
    "Korean": ["offices/KR/"],
    "MOIP": ["offices/KR/"],
    "Laos": ["offices/LA/"],
    "Myanmar": ["offices/MM/"],
    "Cambodia": ["offices/KH/"],
    "Philippines": ["offices/PH/"],
    "CNIPA": ["offices/CN/"],
    "USPTO": ["offices/US/"],
    "ASPEC": ["worksharing/"],
    "Global Dossier": ["worksharing/"],
    "program claims": ["compare/program-claims/"],
    "technical character": ["compare/eligibility-framework/"],
}


def test_search_finds_patent_language_among_the_first_five_results(page, real):
    url, _ = real
    assert len(QUERIES) >= 25
    page.goto(f"{url}/")
    missed = {}
    for query, wanted in QUERIES.items():
        type_search(page, query)
        page.wait_for_function("() => !document.querySelector('.md-search-result__meta')?.textContent.includes('Initializing')")
        # The theme answers each keystroke: read the list once it has stopped changing.
        shown, found = None, []
        while found != shown:
            shown = found
            page.wait_for_timeout(250)
            found = page.eval_on_selector_all("ol.md-search-result__list > li > a",
                                              "links => links.map(a => new URL(a.href).pathname)")
        first_five = list(dict.fromkeys(found))[:5]
        if not all(f"/{w}" in first_five for w in wanted):
            missed[query] = first_five
    assert missed == {}


def test_the_search_index_of_the_real_content_holds_its_text_about_once(real, tmp_path_factory):
    """At most 1.3 times the unique text it holds (benchmarks/searchindex.py says how that is
    counted): a copy of text indexed a second time shows here before it slows a reader's first search."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import searchindex

    site = next(tmp_path_factory.getbasetemp().glob("real*/site"))
    figures = searchindex.measure(site)
    assert figures["raw_bytes"] <= 1.3 * figures["unique_text_bytes"], searchindex.report(figures)
    # The matrix repeats every entry's summary: its cells are not in the index.
    import json

    _, kb = real
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    matrix = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == "compare/")
    summaries = [e.summary for e in kb.entries.values()]
    assert matrix and not any(s in matrix for s in summaries)
    assert all(any(s[:40] in d["text"] for d in docs) for s in summaries[:20]), "entries are found on their topic pages"
