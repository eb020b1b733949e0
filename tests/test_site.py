"""The built site, read as HTML: the pages examiners open, built from a fixture knowledge base."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest

from conftest import REPO
from sites import Elements, build, cell_html, fixture_site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return fixture_site(tmp_path_factory, "site")


def page(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_real_content_builds_in_strict_mode(tmp_path):
    from conftest import Project

    site = build(Project(REPO), tmp_path / "site", epoch=None)
    assert (site / "compare" / "index.html").is_file()
    assert (site / "offices" / "EP" / "index.html").is_file()
    # The contributing page is CONTRIBUTING.md itself.
    assert "Add an office" in page(site, "contribute/index.html")


def test_every_office_topic_cell_is_in_the_matrix_with_its_anchor(built):
    project, site = built
    html = page(site, "compare/index.html")
    # The labels the fixture's topics give each entry's position, written out: a cell that shows
    # "no entry yet", or another position, for an entry that exists fails here.
    labels = {("EP", "eligibility-framework"): "Technical character", ("EP", "program-claims"): "Yes",
              ("SG", "eligibility-framework"): "Actual contribution", ("SG", "program-claims"): "No guidance"}
    for (code, topic), label in labels.items():
        cell = cell_html(html, f"{code}-{topic}".lower())
        assert 'class="cop-cell' in cell and "cop-missing" not in cell and "no entry yet" not in cell, cell
        assert f">{label}</button>" in cell, cell


def test_a_cell_shows_position_summary_source_with_pinpoint_and_edition_and_review_date(built):
    _, site = built
    cell = cell_html(page(site, "compare/index.html"), "ep-eligibility-framework")
    assert ">Technical character<" in cell
    assert "The claimed subject-matter as a whole must have technical character." in cell
    assert '<span class="cop-src">G-II, 1 (2025)</span>' in cell
    assert "reviewed 2026-05-01" in cell


def test_a_draft_entry_is_visibly_marked_and_a_verified_one_is_not(built):
    _, site = built
    html = page(site, "compare/index.html")
    assert "cop-status-draft" in cell_html(html, "ep-program-claims")
    assert ">Draft<" in cell_html(html, "ep-program-claims")
    assert "cop-status-draft" not in cell_html(html, "ep-eligibility-framework")


def test_the_matrix_footer_states_review_status_by_office(built):
    _, site = built
    html = page(site, "compare/index.html")
    assert Elements(html).by_id("status")
    # EP: one verified entry, one draft; 1 of 2 citations checked. SG: one reviewed, one draft (no-guidance).
    assert "<td>EP</td><td>2</td><td>1</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1/2 (50%)</td>" in html
    assert "<td>SG</td><td>2</td><td>0</td><td>1</td><td>1</td><td>0</td><td>1</td><td>0/3 (0%)</td>" in html


def test_the_matrix_has_a_legend_and_group_filters(built):
    _, site = built
    html = page(site, "compare/index.html")
    assert 'data-group="IP5"' in html and 'data-group="ASEAN"' in html
    assert "accepted under conditions" in html and "the claim must have technical character" in html
    assert 'data-office="SG" data-groups="ASEAN"' in html


def test_topic_and_office_pages_carry_every_entry_in_full_under_its_anchor(built):
    _, site = built
    topic = Elements(page(site, "compare/program-claims/index.html"))
    office = Elements(page(site, "offices/SG/index.html"))
    assert topic.by_id("ep-program-claims") and topic.by_id("sg-program-claims")
    assert office.by_id("sg-eligibility-framework") and office.by_id("sg-program-claims")
    sg = page(site, "offices/SG/index.html")
    assert "Patents Act s. 13(1)" in sg  # the no-guidance entry names the provision that applies
    # No repository in cop.yaml: editing and reporting start from the contributing page, and the
    # entry's YAML downloads under its own name.
    edit = re.search(r'<a class="cop-edit" href="([^"]+)" title="practices/SG/program-claims.yaml">Edit this entry</a>', sg)
    assert edit and edit.group(1) == "../../contribute/"
    assert '<a class="cop-report" href="../../contribute/">Report a problem</a>' in sg
    yaml = re.search(r'<a class="cop-yaml" href="([^"]+program-claims.yaml)" download="program-claims.yaml">', sg)
    assert yaml and (site / "offices" / "SG" / yaml.group(1)).resolve().read_text().startswith("office: SG")
    assert "ASPEC" in sg and "participates" in sg
    ep = page(site, "offices/EP/index.html")
    assert Elements(ep).by_id("history") and "2025-04-01: <a href=\"#ep-eligibility-framework\">" in ep


def test_stale_entries_are_marked_past_the_threshold(project, tmp_path):
    project.edit("practices/EP/program-claims.yaml", "last_reviewed: 2026-05-01", "last_reviewed: 2025-05-01")
    site = build(project, tmp_path / "site")
    assert "Review due" in cell_html(page(site, "compare/index.html"), "ep-program-claims")
    assert "Review due" not in cell_html(page(site, "compare/index.html"), "ep-eligibility-framework")


def test_knowledge_base_links_in_contributed_text_become_page_links(built):
    _, site = built
    html = page(site, "compare/eligibility-framework/index.html")
    assert 'href="../../compare/program-claims/"' in html
    assert 'href="../../glossary/#technical-character"' in html


def test_every_link_scheme_the_check_accepts_leads_to_a_page_and_anchor_of_the_built_site(project, tmp_path):
    from urllib.parse import urljoin

    from cop.views.links import SCHEMES

    # The review's case: `workshop:demo` passed the check and was shown as plain text.
    targets = {"topic": "eligibility-framework", "office": "SG", "entry": "SG/program-claims",
               "case": "ai-anomaly-detection", "glossary": "technical-character", "source": "ep-guidelines-2025",
               "workshop": "demo"}
    assert set(targets) == set(SCHEMES)
    detail = " ".join(f"[via-{scheme}]({scheme}:{target})" for scheme, target in targets.items())
    project.edit("practices/EP/program-claims.yaml", "last_reviewed:", f"detail: {json.dumps(detail)}\nlast_reviewed:")
    site = build(project, tmp_path / "site")  # with the check on: it accepts every scheme
    html = page(site, "compare/program-claims/index.html")
    base = "https://site.invalid/compare/program-claims/"
    for scheme in targets:
        match = re.search(rf'<a href="([^"]+)"[^>]*>via-{scheme}</a>', html)
        assert match, f"{scheme}: no link"
        url = urljoin(base, match.group(1))
        if scheme == "source":
            assert url == "https://www.epo.org/en/legal/guidelines-epc/2025/index.html"
            continue
        path, _, anchor = url[len("https://site.invalid/"):].partition("#")
        target = site / path / "index.html"
        assert target.is_file(), f"{scheme}: {url}"
        assert not anchor or Elements(target.read_text(encoding="utf-8")).by_id(anchor), f"{scheme}: {url}"


def test_the_case_page_says_it_is_illustrative_and_puts_outcomes_side_by_side(built):
    _, site = built
    html = page(site, "cases/ai-anomaly-detection/index.html")
    assert "Illustrative analysis" in html and "not decisions of the offices" in html
    assert re.search(r'<table class="cop-table cop-outcomes"[^>]*>.*EP.*SG.*</table>', html, re.S)
    assert Elements(html).by_id("ep") and Elements(html).by_id("sg")


def test_glossary_rules_and_worksharing_pages(built):
    from cop.rules import all_rules

    _, site = built
    assert Elements(page(site, "glossary/index.html")).by_id("technical-character")
    rules = Elements(page(site, "contribute/rules/index.html"))
    assert all(rules.by_id(rule.ID) for rule in all_rules())
    assert "Failing" in page(site, "contribute/rules/index.html")
    assert Elements(page(site, "worksharing/index.html")).by_id("sg")


def test_macros_embed_tables_practice_cases_and_terms_in_hand_written_pages(built):
    _, site = built
    html = page(site, "index.html")
    assert "Program claims are allowed when the program has a further technical effect." in html
    assert "The claimed subject-matter as a whole must have technical character." in html
    assert "A technical purpose (fault detection in a machine)" in html
    assert 'class="cop-term" href="glossary/#cii"' in html


def test_downloads_hold_the_same_entries_as_json_csv_and_xlsx(built):
    _, site = built
    data = json.loads(page(site, "downloads/cii-entries.json"))
    assert {(e["office"], e["topic"]) for e in data["entries"]} == {
        ("EP", "eligibility-framework"), ("EP", "program-claims"), ("SG", "eligibility-framework"), ("SG", "program-claims")}
    # The byte-order mark tells Excel the file is UTF-8.
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / "cii-entries.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["office"], r["topic"], r["position"]) for r in rows][0] == ("EP", "eligibility-framework", "technical-character")
    with zipfile.ZipFile(site / "downloads" / "cii-matrix.xlsx") as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        assert "Technical character" in strings and "Actual contribution" in strings


def test_nothing_is_written_into_docs(built):
    project, _ = built
    written = sorted(p.relative_to(project.root / "docs").as_posix() for p in (project.root / "docs").rglob("*.md"))
    assert written == ["index.md"]


FOREIGN = re.compile(r"(?i)^\s*['\"]?\s*(https?:)?//")


def foreign_references(site):
    """Every place a built file would make the browser fetch from another host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            for tag, attrs in Elements(path.read_text(encoding="utf-8")).found:
                names = ["src", "srcset", "poster", "data"] + (["href"] if tag in ("link", "script") else [])
                found += [f"{path}: <{tag} {n}={attrs[n]}>" for n in names if FOREIGN.match(attrs.get(n, ""))]
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            for match in re.finditer(r"url\(([^)]*)\)|@import\s+(?:url\()?([^;)\s]+)", text):
                target = match.group(1) or match.group(2)
                if FOREIGN.match(target):
                    found.append(f"{path}: {match.group(0)[:80]}")
    return found


def test_the_site_makes_no_request_to_another_host(built):
    _, site = built
    assert foreign_references(site) == []


def test_the_offline_site_makes_no_request_to_another_host(tmp_path_factory):
    _, site = fixture_site(tmp_path_factory, "offline-scan", offline=True)
    assert foreign_references(site) == []
    assert (site / "search" / "search_index.js").is_file()
    # Opened from a folder, nothing would send a precompressed copy: none is written (the
    # sitemap's .gz is MkDocs' own, in every build).
    assert [p.name for p in site.rglob("*") if p.suffix in (".gz", ".br")] == ["sitemap.xml.gz"]


def test_the_offline_build_does_not_depend_on_where_mkdocs_yml_lists_the_plugins(project, tmp_path):
    # Material's offline plugin adds a script from a CDN unless the cop plugin has put the local
    # copy in first; listed first, the offline plugin must not win.
    config = project.read("mkdocs.yml")
    offline = "  - offline:\n      enabled: false\n"
    project.write("mkdocs.yml", config.replace(offline, "").replace("plugins:\n", "plugins:\n" + offline))
    assert project.read("mkdocs.yml").index("- offline") < project.read("mkdocs.yml").index("- cop")
    site = build(project, tmp_path / "site", offline=True)
    assert foreign_references(site) == []
    assert "iframe-worker/shim.js" in page(site, "index.html")


def test_two_builds_of_the_same_input_are_byte_identical(built, tmp_path):
    project, first = built
    second = build(project, tmp_path / "again")
    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    one, two = files(first), files(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_every_text_asset_ships_with_a_gz_and_a_br_that_decompress_to_it(built):
    import gzip

    import brotli

    from cop.site.plugin import COMPRESSIBLE

    _, site = built
    assets = [p for p in sorted(site.rglob("*")) if p.is_file() and p.name.endswith(COMPRESSIBLE)]
    assert {"index.html", "compare/index.html", "search/search_index.json"} <= {p.relative_to(site).as_posix() for p in assets}
    for asset in assets:
        assert gzip.decompress(asset.with_name(asset.name + ".gz").read_bytes()) == asset.read_bytes(), asset
        assert brotli.decompress(asset.with_name(asset.name + ".br").read_bytes()) == asset.read_bytes(), asset
    # and nothing else is compressed: no .gz or .br without its original beside it
    for suffix in (".gz", ".br"):
        assert sorted(p.with_suffix("") for p in site.rglob("*" + suffix)) == assets


def test_a_page_changed_after_it_was_compressed_is_compressed_again(tmp_path):
    import gzip

    from cop.site.compress import Precompressor

    page, other = tmp_path / "a" / "index.html", tmp_path / "b.css"
    compressor = Precompressor()
    compressor.page(str(page), b"<p>as rendered</p>")  # before MkDocs has even made its folder
    page.parent.mkdir(exist_ok=True)
    page.write_bytes(b"<p>as a later plugin left it</p>")
    other.write_bytes(b"p {}")
    compressor.finish(tmp_path, (".html", ".css"))
    assert gzip.decompress((tmp_path / "a" / "index.html.gz").read_bytes()) == b"<p>as a later plugin left it</p>"
    assert gzip.decompress((tmp_path / "b.css.gz").read_bytes()) == b"p {}"
    import brotli
    assert brotli.decompress((tmp_path / "a" / "index.html.br").read_bytes()) == b"<p>as a later plugin left it</p>"


def test_a_build_on_data_with_errors_fails_and_keeps_the_previous_site(project, tmp_path):
    from cop.site.build import BuildFailed

    site = build(project, tmp_path / "site")
    before = (site / "compare" / "index.html").read_bytes()
    project.edit("practices/EP/program-claims.yaml", "office: EP", "office: EQ")
    with pytest.raises(BuildFailed, match="unknown-office"):
        build(project, tmp_path / "site")
    assert (site / "compare" / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb", "site"]  # no staging folder left behind


def test_contributed_text_is_never_evaluated_as_a_template(project, tmp_path):
    # Built without the check that would reject it, as if a payload slipped past review.
    project.edit("mkdocs.yml", "  - cop\n", "  - cop:\n      check: false\n")
    project.edit("practices/EP/program-claims.yaml", "summary: Program claims are allowed when the program has a further technical effect.",
                 "summary: \"{{ 7 * 7 }} {% if true %}jinja{% endif %} Program claims are allowed.\"")
    site = build(project, tmp_path / "site")
    for path in ("compare/index.html", "compare/program-claims/index.html", "index.html"):
        html = page(site, path)
        assert "{{ 7 * 7 }} {% if true %}jinja{% endif %}" in html, path
        assert "49" not in html.split("{{ 7 * 7 }}")[0][-20:]


def test_an_office_page_does_not_grow_with_the_number_of_offices(project, tmp_path):
    def size(site):
        return len(page(site, "offices/SG/index.html").encode())

    small = size(build(project, tmp_path / "small"))
    for n in range(12):
        code = "A" + chr(ord("A") + n)
        folder = project.path(f"practices/{code}")
        folder.mkdir()
        for name in ("office.yaml", "eligibility-framework.yaml", "program-claims.yaml"):
            text = project.read(f"practices/SG/{name}").replace("code: SG", f"code: {code}")
            text = text.replace("office: SG", f"office: {code}")
            (folder / name).write_text(text)
    assert project.cop("codeowners").code == 0
    large = size(build(project, tmp_path / "large"))
    assert abs(large - small) / small < 0.10, (small, large)


def test_the_data_reference_is_generated_from_the_schemas(built):
    _, site = built
    html = page(site, "contribute/data/index.html")
    for kind in ("entry", "office", "topics", "sources", "glossary", "case", "workshop", "session", "config"):
        assert Elements(html).by_id(kind), kind
    assert "<code>citations[].verified_against</code>" in html
    assert "one of <code>draft</code>, <code>verified</code>, <code>reviewed</code>, <code>endorsed</code>" in html


def test_a_macro_error_in_a_hand_written_page_fails_the_build_with_its_reason(project, tmp_path):
    from cop.site.build import BuildFailed

    project.write("docs/index.md", "# Home\n\n{{ topic_table('no-such-topic') }}\n")
    with pytest.raises(BuildFailed, match="no-such-topic"):
        build(project, tmp_path / "site")


def test_a_workshop_page_shows_the_participant_view(built):
    _, site = built
    html = page(site, "workshops/demo/index.html")
    assert "09:00\u201309:15" in html and "09:15\u201310:15" in html  # times from the minutes
    assert "Compare eligibility tests" in html  # objectives
    assert "A computer-implemented method of detecting faults in a machine" in html  # the exercise's claim
    assert "training design" in html
    for secret in ("Start on time.", "Both offices find the claim eligible",
                   "A technical purpose (fault detection in a machine) gives the model technical character."):
        assert secret not in html


def test_search_finds_an_entry_and_an_offices_test_on_their_own_pages_not_on_every_copy(built):
    _, site = built
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def pages_holding(words: str) -> set[str]:
        return {d["location"].split("#")[0] for d in docs if words in d["text"]}

    # An entry's detail is on its topic page and, as a copy left out of the index, on its office's page.
    assert pages_holding("Pinpoint not yet checked against the 2025 text.") == {"compare/program-claims/"}
    # An office's test is on the page of every office's tests, and as copies on the office's and a case's pages.
    assert pages_holding("Do the features contribute to a technical effect?") == {"tests/"}


@pytest.mark.parametrize("repository, edit, report", [
    ("https://github.com/cii-cop/kb", "https://github.com/cii-cop/kb/edit/release/practices/SG/program-claims.yaml",
     "https://github.com/cii-cop/kb/issues/new?title=SG%2Fprogram-claims%3A+&body=About+SG%2Fprogram-claims+"),
    ("https://gitlab.example.org/ipo/cop.git", "https://gitlab.example.org/ipo/cop/-/edit/release/practices/SG/program-claims.yaml",
     "https://gitlab.example.org/ipo/cop/-/issues/new?issue%5Btitle%5D=SG%2Fprogram-claims%3A+&issue%5Bdescription%5D=About+"),
    ("https://codeberg.org/cop/kb", "https://codeberg.org/cop/kb/_edit/release/practices/SG/program-claims.yaml",
     "https://codeberg.org/cop/kb/issues/new?title=SG%2Fprogram-claims%3A+"),
])
def test_with_a_repository_each_entry_links_to_the_hosts_editor_and_a_prefilled_issue_and_pages_to_their_editor(
        project, tmp_path, repository, edit, report):
    import html as entities

    project.edit("cop.yaml", "stale_after_days:", f"repository: {repository}\nbranch: release\nstale_after_days:")
    site = build(project, tmp_path / "site")
    sg = page(site, "offices/SG/index.html")
    links = {a.get("class"): entities.unescape(a["href"]) for _, a in Elements(sg).found
             if a.get("class") in ("cop-edit", "cop-report") and "program-claims" in entities.unescape(a.get("href", "")) + a.get("title", "")}
    assert links["cop-edit"] == edit
    assert links["cop-report"].startswith(report)
    assert "practices%2FSG%2Fprogram-claims.yaml" in links["cop-report"]
    # A hand-written page gets the theme's edit button on its own file; a generated page has none.
    prefix = edit.split("/practices/")[0]
    assert f'href="{prefix}/docs/index.md"' in page(site, "index.html")
    assert f'{prefix}/docs/' not in sg.split('class="cop-edit"')[0]
