"""What a pack gives people to work from and write on: the day on one page, worksheets, the grid of
positions, the glossary, the evaluation form; for facilitators the checklist, the room sheet and
their notes in the pack's own site. Sessions say their questions and key points (the Carpentries'
lesson pattern)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest
from pypdf import PdfReader

from conftest import copy_fixture

EPOCH = "1780272000"
QUESTIONS = ["Which feature of the claim does each office treat as technical?",
             "Would the outcome change if the alarm were not claimed?"]
KEYPOINTS = ["Any technical means makes a claim an invention at the EPO", "See [the glossary](glossary:technical-character)"]


def export(project, out):
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run([sys.executable, "-m", "cop.cli", "pack", "demo", "--out", str(out)],
                          cwd=project.root, capture_output=True, text=True, env=env, timeout=600)


def with_structure(project):
    """The fixture's sessions with the questions participants answer and the points a talk makes."""
    project.edit("workshops/demo/sessions/02-exercise.md", "cases: [ai-anomaly-detection]",
                 "cases: [ai-anomaly-detection]\nquestions:\n" + "".join(f"  - {q}\n" for q in QUESTIONS).rstrip("\n"))
    project.edit("workshops/demo/sessions/01-opening.md", "tests: [EP/eligibility]",
                 "tests: [EP/eligibility]\nkeypoints:\n" + "".join(f'  - "{k}"\n' for k in KEYPOINTS).rstrip("\n"))
    return project


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    project = with_structure(copy_fixture(tmp_path_factory.mktemp("sheets") / "kb"))
    out = project.root.parent / "out"
    result = export(project, out)
    assert result.returncode == 0, result.stderr
    zips = {}
    for audience in ("participant", "facilitator"):
        with zipfile.ZipFile(out / f"demo-{audience}.zip") as archive:
            zips[audience] = {name: archive.read(name) for name in archive.namelist()}
    return project, zips


def pages(data: bytes) -> list:
    return PdfReader(io.BytesIO(data)).pages


def words(page) -> str:
    return " ".join((page.extract_text() or "").split())


def test_the_handout_opens_with_the_day_on_one_page(packs):
    _, zips = packs
    overview = words(pages(zips["participant"]["handout.pdf"])[1])
    assert "The day at a glance" in overview
    assert "09:00" in overview and "Opening" in overview and "Case exercise" in overview
    assert "Compare eligibility tests" in overview  # the day's objective
    assert "site/index.html" in overview  # how to open the offline site


def test_each_exercise_has_a_worksheet_with_its_claim_its_questions_and_room_to_answer(packs):
    _, zips = packs
    handout = pages(zips["participant"]["handout.pdf"])
    sheets = [p for p in handout if "Worksheet: Anomaly detection with a trained model" in words(p)]
    assert len(sheets) == 1
    text = words(sheets[0]) + " " + words(handout[handout.index(sheets[0]) + 1])
    assert "A computer-implemented method of detecting faults" in text
    for n, question in enumerate(QUESTIONS, 1):
        assert f"{n}. {question}" in text


def test_every_question_of_a_worksheet_has_ruled_lines_to_write_on(packs):
    from cop.load import load
    from cop.packs import sheets

    project, _ = packs
    kb = load(project.root).kb
    session = kb.workshops["demo"].sessions[1]
    sheet = sheets.worksheet(session, kb.cases["ai-anomaly-detection"])
    for question in QUESTIONS:
        after = sheet.split(question, 1)[1].split('class="question"', 1)[0]
        assert after.count('<div class="line"></div>') == sheets.ANSWER_LINES


def test_the_positions_of_the_topics_covered_are_one_grid_on_a_landscape_page(packs):
    _, zips = packs
    handout = pages(zips["participant"]["handout.pdf"])
    [grid] = [p for p in handout if words(p).startswith("A demonstration workshop Positions of the offices")
              or "Positions of the offices on the topics covered Topic" in words(p)]
    assert float(grid.mediabox.width) > float(grid.mediabox.height)
    text = words(grid)
    assert "EP" in text and "SG" in text and "Eligibility framework" in text and "Technical character" in text


def test_the_handout_has_the_glossary_of_the_terms_used_and_an_evaluation_form_per_objective(packs):
    _, zips = packs
    text = " ".join(words(p) for p in pages(zips["participant"]["handout.pdf"]))
    glossary = text.split("Glossary", 2)[-1]
    assert "technical character" in glossary.lower()  # linked from a key point
    form = text.split("Evaluation form")[-1]
    assert "1. After today I can: Compare eligibility tests" in form
    assert "1 not at all" in form and "5 fully" in form
    assert "2. What was most useful today?" in form


def test_sessions_show_their_questions_and_key_points_as_words(packs):
    _, zips = packs
    text = " ".join(words(p) for p in pages(zips["participant"]["handout.pdf"]))
    assert "Key points" in text and KEYPOINTS[0] in text and "See the glossary" in text
    assert "glossary:" not in text  # a link prints as its words


def test_the_guide_holds_the_timing_plan_a_checklist_and_the_room_sheet(packs):
    _, zips = packs
    text = " ".join(words(p) for p in pages(zips["facilitator"]["facilitator-guide.pdf"]))
    assert "Timing plan" in text and "Elapsed" in text
    assert "Preparation and materials" in text and "Print the participant handout" in text
    assert "Room sheet" in text and "site/index.html" in text and "none assumed" in text


def test_the_facilitator_packs_site_shows_the_workshops_notes_and_no_other_edition_does(packs, tmp_path):
    project, zips = packs
    marked = "Facilitator notes (facilitator pack only)"
    page = zips["facilitator"]["site/workshops/demo.html"].decode()
    assert marked in page and "Start on time." in page
    for name, data in zips["participant"].items():
        assert b"Start on time." not in data, name
        assert marked.encode() not in data, name
    # The published site neither.
    from cop.site.build import build_site

    site = tmp_path / "site"
    build_site(project.root, site, epoch=int(EPOCH))
    assert "Start on time." not in (site / "workshops" / "demo" / "index.html").read_text(encoding="utf-8")


def test_a_key_point_that_links_nowhere_is_an_error_at_its_line(tmp_path):
    project = copy_fixture(tmp_path / "kb")
    project.edit("workshops/demo/sessions/01-opening.md", "tests: [EP/eligibility]",
                 'tests: [EP/eligibility]\nkeypoints:\n  - "See [it](glossary:no-such-term)"')
    result = subprocess.run([sys.executable, "-m", "cop.cli", "check", "--today", "2026-06-01"], cwd=project.root,
                            capture_output=True, text=True)
    assert result.returncode == 1
    # Line 8 is the key point's line (the front matter starts at line 1); column 15, its link.
    assert result.stdout.startswith("workshops/demo/sessions/01-opening.md:8:15: internal-link: ")
    assert "no-such-term" in result.stdout
