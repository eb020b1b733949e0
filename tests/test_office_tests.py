"""Each office's test as data, checked, drawn as a diagram, walked by cases, printed in packs."""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from conftest import copy_fixture
from sites import Elements, build

TEST = "practices/EP/tests/eligibility.yaml"
CASE = "practices/cases/ai-anomaly-detection.yaml"
PREFIX = "test-ep-eligibility"


def found(project, rule: str) -> list[tuple[str, int, int]]:
    return [(p.path, p.line, p.col) for p in project.problems() if p.rule == rule]


# The rules: each problem at its file, line and column.


def test_an_answer_leading_back_to_an_earlier_question_is_a_cycle_at_that_answer(project):
    project.edit(TEST, '      - answer: "No"\n        outcome: not-inventive', '      - answer: "No"\n        next: technical-means')
    assert found(project, "test-cycle") == [(TEST, 26, 15)]
    out = project.cop("check")
    assert out.code == 1
    assert (f"{TEST}:26:15: test-cycle: answer 'No' to question 'contribution' leads back to 'technical-means': "
            "technical-means -> contribution -> technical-means") in out.out


def test_a_question_no_answer_leads_to_is_unreachable_at_its_id(project):
    project.edit(TEST, "        next: contribution", "        outcome: eligible")
    assert found(project, "test-unreachable") == [(TEST, 19, 9)]


def test_an_answer_that_leads_nowhere_or_to_a_missing_question_is_a_dead_end(project):
    project.edit(TEST, "        next: contribution", "        next: contributon")
    assert found(project, "test-dead-end") == [(TEST, 11, 15)]
    problem = [p for p in project.problems() if p.rule == "test-dead-end"][0]
    assert "leads to question 'contributon', which EP/eligibility does not have" in problem.message
    assert problem.hint == "did you mean 'contribution'?"
    project.edit(TEST, "        next: contributon\n", "")
    assert found(project, "test-dead-end") == [(TEST, 10, 17)]


def test_both_next_and_outcome_on_one_answer_is_a_dead_end_at_the_outcome_key(project):
    project.edit(TEST, "        next: contribution", "        next: contribution\n        outcome: eligible")
    assert found(project, "test-dead-end") == [(TEST, 12, 9)]


def test_a_question_without_an_official_citation_is_reported_at_the_question(project):
    project.edit(TEST, "    citations:\n      - source: ep-guidelines-2025\n        pinpoint: G-VII, 5.4\n", "")
    problems = [p for p in project.problems() if p.rule == "citation-required"]
    assert [(p.path, p.line, p.col) for p in problems] == [(TEST, 19, 5)]
    assert problems[0].message == "question 'contribution' of test EP/eligibility cites no source"


def test_a_verified_test_needs_every_question_checked_as_an_entry_does(project):
    project.edit(TEST, "status: draft", "status: verified")
    assert found(project, "review-status") == [(TEST, 17, 19), (TEST, 29, 19)]


def test_a_case_walk_must_be_a_path_the_test_allows(project):
    project.edit(CASE, "eligibility: [technical-means, contribution]", "eligibility: [contribution]")
    assert found(project, "case-walk") == [(CASE, 17, 21)]
    assert [p.message for p in project.problems() if p.rule == "case-walk"] == [
        "the walk through EP/eligibility starts at 'contribution', not at its first question 'technical-means'"]
    project.edit(CASE, "eligibility: [contribution]", "eligibility: [technical-means, contribuion]")
    [problem] = [p for p in project.problems() if p.rule == "case-walk"]
    assert (problem.line, problem.col, problem.message) == (17, 38, "EP/eligibility has no question 'contribuion'")
    assert problem.hint == "did you mean 'contribution'?"
    project.edit(CASE, "eligibility: [technical-means, contribuion]", "eligibilty: [technical-means]")
    assert found(project, "unknown-test") == [(CASE, 17, 7)]


def test_a_session_naming_a_test_that_does_not_exist_is_told_the_nearest(project):
    session = "workshops/demo/sessions/01-opening.md"
    project.edit(session, "tests: [EP/eligibility]", "tests: [EP/eligibilty]")
    problems = [p for p in project.problems() if p.rule == "unknown-test"]
    assert [(p.path, p.line) for p in problems] == [(session, 6)]
    assert problems[0].hint == "did you mean 'EP/eligibility'?"


def test_a_test_outside_its_offices_folder_or_named_otherwise_is_reported(project):
    project.write("practices/SG/tests/contribution.yaml", project.read(TEST))
    assert found(project, "folder-matches-office") == [("practices/SG/tests/contribution.yaml", 2, 9)]
    assert found(project, "file-name-matches-id") == [("practices/SG/tests/contribution.yaml", 1, 5)]


def test_cop_new_test_writes_a_template_the_checker_walks_through(project):
    out = project.cop("new", "test", "SG", "eligibility")
    assert out.code == 0, out.err
    problems = project.problems()
    assert problems and {p.rule for p in problems} == {"unfilled-placeholder"}
    assert {p.path for p in problems} == {"practices/SG/tests/eligibility.yaml"}
    assert project.cop("new", "test", "SG", "eligibility").code == 2  # never overwritten, as for every kind
    refused = project.cop("new", "test", "XX", "eligibility")
    assert refused.code == 2 and "no office 'XX'" in refused.err


# The diagrams on the site.


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_fixture(tmp_path_factory.mktemp("tests") / "kb")
    second = project.read(TEST).replace("id: eligibility", "id: inventive-step").replace("stage: eligibility", "stage: inventive-step")
    # A question's text is the data's, whatever it holds: it is drawn as written.
    second = second.replace("Do the features contribute to a technical effect?", HOSTILE)
    project.write("practices/EP/tests/inventive-step.yaml", second)
    return project, build(project, project.root / "site")


HOSTILE = 'Is x < y & "z" \\N \\G ]; a -> b?'  # Graphviz's escapes (\\N is the node's name) and its syntax


def diagrams_in(html: str) -> list[str]:
    return re.findall(r'<svg role="group"[^>]*class="cop-diagram-svg".*?</svg>', html, re.S)


def test_the_office_page_and_the_side_by_side_page_draw_one_svg_per_test(site):
    _, root = site
    for page in ("offices/EP/index.html", "tests/index.html"):
        drawn = diagrams_in((root / page).read_text(encoding="utf-8"))
        assert len(drawn) == 2, page
        assert [re.search(r'<g id="([^"]+)" class="graph"', svg).group(1) for svg in drawn] == [
            "test-ep-eligibility-graph", "test-ep-inventive-step-graph"]


def test_a_diagram_holds_no_script_no_style_and_no_address_of_another_host(site):
    _, root = site
    for page in ("offices/EP/index.html", "tests/index.html", "cases/ai-anomaly-detection/index.html"):
        for svg in diagrams_in((root / page).read_text(encoding="utf-8")):
            elements = Elements(svg).found
            assert {tag for tag, _ in elements} <= {"svg", "title", "desc", "g", "a", "path", "polygon", "ellipse",
                                                      "text", "polyline"}
            for tag, attrs in elements:
                assert not any(name.startswith("on") or name == "style" for name in attrs), (tag, attrs)
                for name in ("href", "xlink:href", "src"):
                    if name in attrs:
                        assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", attrs[name]), attrs[name]
            assert "http" not in svg


def test_every_question_links_to_the_topic_that_explains_it_or_to_its_place_in_the_list(site):
    _, root = site
    html = (root / "offices/EP/index.html").read_text(encoding="utf-8")
    svg = diagrams_in(html)[0]
    links = re.findall(r'<a href="([^"]+)"', svg)
    assert links == ["../../compare/eligibility-framework/#ep-eligibility-framework", f"#{PREFIX}-step-contribution"]
    assert f'id="{PREFIX}-step-contribution"' in html


def test_the_diagram_is_named_and_described_and_the_test_is_also_an_ordered_list(site):
    _, root = site
    html = (root / "tests/index.html").read_text(encoding="utf-8")
    svg = diagrams_in(html)[0]
    assert f'aria-labelledby="{PREFIX}-title"' in svg and f'<title id="{PREFIX}-title">' in svg
    assert f'<desc id="{PREFIX}-desc">' in svg
    steps = re.search(rf'<div class="cop-test" id="{PREFIX}">.*?<ol class="cop-test-steps">(.*?)</ol>', html, re.S).group(1)
    assert "Does the claim as a whole use technical means?" in steps and "go to" in steps
    assert "G-II, 3.6" in steps and "G-VII, 5.4" in steps


def test_text_in_a_question_is_drawn_as_written_never_read_as_graphviz_or_html(site):
    _, root = site
    svg = diagrams_in((root / "tests/index.html").read_text(encoding="utf-8"))[1]
    lines = [html.unescape(line) for line in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert "".join(lines).replace(" ", "") == ("1.Doestheclaimasawholeusetechnicalmeans?" + "2." + HOSTILE.replace(" ", "")
                                                + "YesNoteligible:ExcludedassuchNoEligible:Thefeaturescountforinventivestep"
                                                  "YesNotinventiveNo")


def test_a_case_page_highlights_exactly_the_questions_its_analysis_walks(site, tmp_path):
    project, root = site

    def walked(site_root: Path) -> set[str]:
        html = (site_root / "cases/ai-anomaly-detection/index.html").read_text(encoding="utf-8")
        [svg] = diagrams_in(html)
        return {attrs["id"] for _, attrs in Elements(svg).found if "cop-walked" in attrs.get("class", "").split()}

    assert walked(root) == {f"{PREFIX}-technical-means", f"{PREFIX}-contribution", f"{PREFIX}-technical-means-a0"}
    shorter = copy_fixture(tmp_path / "kb")
    shorter.edit(CASE, "eligibility: [technical-means, contribution]", "eligibility: [technical-means]")
    assert walked(build(shorter, shorter.root / "site")) == {f"{PREFIX}-technical-means"}


def test_without_graphviz_the_build_says_what_to_install_and_writes_nothing(tmp_path):
    project = copy_fixture(tmp_path / "kb")
    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("git",):
        os.symlink(subprocess.check_output(["which", tool], text=True).strip(), bare / tool)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{bare}"}
    out = subprocess.run([sys.executable, "-m", "cop.cli", "build", "--site-dir", str(tmp_path / "site")],
                         cwd=project.root, capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 1
    assert out.stderr.strip() == "cop: Graphviz's dot is missing: install the Debian package graphviz (.ci/system-packages.sh does)"
    assert not (tmp_path / "site").exists()


# In the trainer's pack.


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    project = copy_fixture(tmp_path_factory.mktemp("pack") / "kb")
    out = project.root.parent / "out"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780272000"}
    done = subprocess.run([sys.executable, "-m", "cop.cli", "pack", "demo", "--audience", "participant", "--out", str(out)],
                          cwd=project.root, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out / "demo-participant.zip") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_handout_of_a_workshop_that_embeds_a_diagram_prints_it(pack):
    pages = PdfReader(io.BytesIO(pack["handout.pdf"])).pages
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pages)
    # The numbered labels are the drawing's own words; the list beside it has none.
    assert "1. Does the claim as a whole use technical means?" in text
    assert "2. Do the features contribute to a technical effect?" in text
    assert "Not eligible: Excluded as such" in text


def test_the_slides_show_the_diagram_as_a_picture_on_its_own_slide(pack):
    deck = Presentation(io.BytesIO(pack["slides.pptx"]))
    [slide] = [s for s in deck.slides if s.shapes.title.text == "Is it an invention, and which features count (EP)"]
    [picture] = [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert picture.image.content_type == "image/png" and len(picture.image.blob) > 5_000
    assert picture.left >= 0 and picture.left + picture.width <= deck.slide_width
    assert slide.shapes.title.top + slide.shapes.title.height <= picture.top
    assert picture.top + picture.height <= deck.slide_height


def test_graphviz_draws_the_same_test_in_the_same_bytes_each_time(project):
    from cop import load
    from cop.views import diagrams

    test = load.load(project.root).kb.tests["EP/eligibility"]
    drawn = []
    for _ in range(2):
        diagrams._DRAWN.clear()  # each time a new run of dot, not the build's cache
        drawn.append((diagrams.svg(test, lambda node: None, title="t", description="d"), diagrams.png(test)))
    assert drawn[0] == drawn[1]
    assert "graphviz version" not in drawn[0][0] and "<!--" not in drawn[0][0]


def test_no_id_is_used_twice_on_a_page_that_shows_diagrams(site):
    _, root = site
    for page in ("offices/EP/index.html", "tests/index.html", "cases/ai-anomaly-detection/index.html"):
        ids = [attrs["id"] for _, attrs in Elements((root / page).read_text(encoding="utf-8")).found if "id" in attrs]
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], page


def test_one_drawing_of_a_test_serves_every_page_and_paper_each_with_its_own_links(project, monkeypatch):
    from cop import load
    from cop.views import diagrams

    test = load.load(project.root).kb.tests["EP/eligibility"]
    diagrams._DRAWN.clear()
    runs = []
    real_draw = diagrams._draw
    monkeypatch.setattr(diagrams, "_draw", lambda *job: runs.append(job) or real_draw(*job))
    here = diagrams.svg(test, lambda node: f"../topic/?office=EP&step={node.id}", title="t", description="d")
    there = diagrams.svg(test, lambda node: f"#{node.id}", title="t", description="d")
    paper = diagrams.svg(test, lambda node: None, title="t", description="d")
    assert len(runs) == 1
    assert '<a href="../topic/?office=EP&amp;step=contribution">' in here and '<a href="#contribution">' in there
    assert "<a " not in paper and "href" not in paper and "cop-drawing-link" not in here + there + paper
    # The same shapes and words in all three; only the links differ.
    assert re.sub(r"</?a[^>]*>", "", here) == re.sub(r"</?a[^>]*>", "", there) == re.sub(r"</?a[^>]*>", "", paper)


def test_drawn_ahead_every_test_and_walk_a_site_shows_needs_no_more_graphviz(project, monkeypatch):
    from cop import load
    from cop.views import diagrams

    kb = load.load(project.root).kb
    drawings = diagrams.every_drawing(kb)
    assert any(walk for _, walk in drawings) and len({test.id for test, _ in drawings}) == len(kb.tests)
    diagrams._DRAWN.clear()
    diagrams.draw_ahead(drawings, pictures=True)

    def no_graphviz(*job):
        raise AssertionError(f"drawn again: {job[1]}")

    monkeypatch.setattr(diagrams, "_draw", no_graphviz)
    for test, walk in drawings:
        assert diagrams.svg(test, lambda node: None, walk, title="t", description="d").startswith("<svg")
        assert diagrams.png(test).startswith(b"\x89PNG")
