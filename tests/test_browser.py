"""The site in a real browser (Debian's Chromium driven by Playwright): filters, anchors, search, offline."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from sites import chromium, cop_serve, fixture_site, type_search, watched_tab

browser = pytest.fixture(scope="module")(chromium)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The fixture site as `make serve` serves it: every feature below runs under its headers."""
    _, site = fixture_site(tmp_path_factory, "served")
    with cop_serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory):
    return fixture_site(tmp_path_factory, "offline", offline=True)[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def page(browser):
    with watched_tab(browser) as (tab, refused):
        tab.foreign = []
        tab.on("request", lambda r: tab.foreign.append(r.url)
               if not r.url.startswith(("http://127.0.0.1", "file://", "data:", "blob:")) else None)
        yield tab
    assert refused == [], "the site's own features broke its Content-Security-Policy"


def visible_offices(page) -> list[str]:
    return page.eval_on_selector_all("thead th[data-office]", "ths => ths.filter(t => t.offsetParent !== null)"
                                     ".map(t => t.getAttribute('data-office'))")


def search(page, query: str, timeout: float = 30) -> list[str]:
    type_search(page, query, timeout)
    return page.locator(".md-search-result__item").all_inner_texts()


def test_the_group_filter_hides_other_offices_and_is_remembered_in_the_url(page, served):
    page.goto(f"{served}/compare/")
    assert visible_offices(page) == ["EP", "SG"]
    page.click("button[data-group=ASEAN]")
    assert visible_offices(page) == ["SG"]
    assert not page.is_visible("#ep-program-claims") and page.is_visible("#sg-program-claims")
    assert "group=ASEAN" in page.url
    page.reload()
    assert visible_offices(page) == ["SG"]
    assert page.get_attribute("button[data-group=ASEAN]", "aria-pressed") == "true"


def test_chosen_offices_are_remembered_in_the_url(page, served):
    page.goto(f"{served}/compare/?offices=ep")
    assert visible_offices(page) == ["EP"]
    page.check("input[value=SG]")
    # Every office is the matrix as it opens: the address says nothing more.
    assert visible_offices(page) == ["EP", "SG"] and "offices" not in page.url
    page.uncheck("input[value=EP]")
    assert visible_offices(page) == ["SG"] and "offices=SG" in page.url


def test_a_cell_links_to_the_full_entry_under_its_stable_anchor(page, served):
    page.goto(f"{served}/compare/")
    page.click("#sg-program-claims button.cop-pos")
    page.click("#pop-sg-program-claims a.cop-full-entry")
    page.wait_for_url("**/compare/program-claims/#sg-program-claims")
    box = page.locator("#sg-program-claims").bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert "Patents Act s. 13(1)" in page.inner_text("article")


def test_search_finds_a_practice_by_a_word_of_its_summary(page, served):
    page.goto(f"{served}/")
    results = search(page, "further technical effect")
    assert any("Program claims" in r and "further technical effect" in r for r in results), results
    assert page.foreign == []


def test_search_finds_a_glossary_term_by_another_of_its_names(page, served):
    page.goto(f"{served}/")
    for name in ("technicality", "technischer Charakter"):
        results = search(page, name)
        assert any("Technical character" in r for r in results), (name, results)


def test_an_anchor_in_the_url_scrolls_to_its_matrix_cell(page, served):
    page.set_viewport_size({"width": 1200, "height": 500})
    page.goto(f"{served}/compare/#sg-program-claims")
    box = page.locator("#sg-program-claims").bounding_box()
    assert box is not None and 0 <= box["y"] < 500


def test_a_question_in_an_offices_diagram_is_a_link_a_reader_can_follow(page, served):
    page.goto(f"{served}/cases/ai-anomaly-detection/")
    # The drawing is the theme's page's own: no script draws it, the policy allows it as it is.
    question = page.locator("#test-ep-eligibility-technical-means a")
    assert question.is_visible()
    question.click()
    page.wait_for_url("**/compare/eligibility-framework/#ep-eligibility-framework")


def test_the_offline_build_opens_from_file_with_search_and_filters_and_no_network(page, offline_site):
    page.goto((offline_site / "compare" / "index.html").as_uri())
    page.click("button[data-group=IP5]")
    assert visible_offices(page) == ["EP"]
    results = search(page, "actual contribution")
    assert any("ctual contribution" in r for r in results)
    page.click(".md-search-result__item a")
    assert page.url.startswith("file://") and page.url.split("#")[0].endswith(".html")
    assert page.foreign == []


def test_the_offline_build_served_by_cop_serve_works_under_its_policy_too(page, offline_site):
    # The page fixture fails the test on any Content-Security-Policy violation.
    with cop_serve(offline_site) as url:
        page.goto(f"{url}/compare/index.html")
        page.click("button[data-group=IP5]")
        assert visible_offices(page) == ["EP"]
        assert any("ctual contribution" in r for r in search(page, "actual contribution"))
    assert page.foreign == []


@pytest.mark.parametrize("path", ["", "compare/", "compare/program-claims/", "offices/SG/", "offices/EP/", "tests/",
                                  "cases/ai-anomaly-detection/"])
def test_no_serious_or_critical_accessibility_violation(page, served, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{served}/{path}")
    results = Axe().run(page)
    serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(serious)


def serve(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# What a page may load or run: the theme's own scripts and ours, from the site itself.
LIVE_IN_PAGE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) {
      if (a.toLowerCase().startsWith('on')) found.push(`<${el.tagName} ${a}>`);
      const v = (el.getAttribute(a) || '').trim().toLowerCase();
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a) && /^(javascript|vbscript|data):/.test(v))
        found.push(`<${el.tagName} ${a}=${v.slice(0, 20)}>`);
    }
    if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE'].includes(el.tagName)) found.push(`<${el.tagName}>`);
    // The theme's own forms: search, and the light/dark switch
    if (el.tagName === 'FORM' && !el.classList.contains('md-search__form') && el.dataset.mdComponent !== 'palette')
      found.push('<FORM>');
    if (el.tagName === 'META' && el.getAttribute('http-equiv')) found.push('<META http-equiv>');
    if (el.tagName === 'SCRIPT' && (el.textContent.includes('PWNED') || (el.src && !el.src.startsWith(location.origin))))
      found.push(`<SCRIPT ${el.src}>`);
  }
  if (window.PWNED !== undefined) found.push('window.PWNED was set');
  return found;
}"""


def test_payloads_in_every_text_field_of_every_file_kind_stay_inert_in_the_browser(browser, tmp_path):
    """The red team's payloads in every field that can hold them, the check off: nothing runs, nothing loads."""
    from conftest import copy_fixture
    from payloads import plant_everywhere
    from sites import build

    project = copy_fixture(tmp_path / "kb")
    planted = plant_everywhere(project)
    project.write("docs/macros.md", "# Macros\n\n{{ term('cii') }} and {{ term('technical-character') }}\n\n"
                  "## About {{ term('cii') }}\n\n| a | b |\n| --- | --- |\n| {{ term('cii') }} | x |\n\n"
                  "{{ topic_table('program-claims') }}\n\n{{ practice('EP', 'program-claims') }}\n\n"
                  "{{ case_outcomes('ai-anomaly-detection') }}\n\n{{ worksharing_table() }}\n")
    assert planted >= 60
    site = build(project, tmp_path / "site")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) >= 15
    shown = sum("PWNED" in (site / p).read_text(encoding="utf-8") for p in pages)
    assert shown >= 14  # every page that shows contributed text shows the payloads, as text
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    tab = context.new_page()
    foreign = []
    tab.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
    try:
        for path in pages:
            tab.goto(f"{base}/{path}")
            tab.wait_for_load_state("load")
            assert tab.evaluate(LIVE_IN_PAGE) == [], path
            # Hovering and clicking every planted link must not run anything either.
            # (A link inside a matrix cell's closed details is hovered once the details are open.)
            tab.evaluate("() => document.querySelectorAll('.cop-pop').forEach(p => p.classList.add('cop-shown'))")
            tab.add_style_tag(content=".cop-pop.cop-shown { display: block !important; position: static !important; }")
            for link in tab.locator("a[title*='PWNED'], a[href*='evil']").all()[:5]:
                link.hover()
            assert tab.evaluate("() => window.PWNED") is None, path
    finally:
        context.close()
        server.shutdown()
    assert foreign == []
