"""Slides a trainer can project: both decks of a workshop, opened with python-pptx and printed by
LibreOffice, read back character by character.

The decks are made from the fixture, from a copy of it whose workshop has a long claim and text
in every script of the region (Thai, Khmer, Lao, Myanmar, Vietnamese, Chinese, Japanese,
Korean) in a title and a key point, and from the project's own workshops. A slide's text lies in
named boxes (python-pptx's shape names: Title, Kicker, Body, Claim, Grid, Legend, Subtitle,
Footer, Slide number); each printed character is found in the box it was written in.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation

from conftest import REPO, copy_fixture

WHEN = dt.date(2026, 6, 1)
EMU_PER_PT = 12700
FOOTER_TOP = 504.0  # the footer band's top, in points from the slide's top
FOOTER_SHAPES = {"Footer", "Slide number"}
# The least size each box's characters may be printed at: titles 28 pt, a claim 20 pt, body text
# 18 pt; the labels of a position grid and the footer 12 pt.
MINIMUMS = {"Title": 28, "Claim": 20, "Grid": 12, "Footer": 12, "Slide number": 12}
BODY_MINIMUM = 18
SCRIPTS = {"Thai": "ภาษาไทย", "Khmer": "ភាសាខ្មែរ", "Lao": "ພາສາລາວ", "Myanmar": "မြန်မာဘာသာ",
           "Vietnamese": "Tiếng Việt", "Chinese": "中文", "Japanese": "日本語", "Korean": "한국어"}
REGIONAL_TITLE = "Opening: " + " · ".join(SCRIPTS.values())
REGIONAL_POINT = ("Examination in the region: การตรวจสอบสิทธิบัตร, ការពិនិត្យប៉ាតង់, ການກວດສອບສິດທິບັດ, "
                  "မူပိုင်ခွင့်စစ်ဆေးခြင်း, thẩm định sáng chế, 专利审查, 特許審査, 특허 심사")
LONG_CLAIM_STEPS = 18


def regional(project) -> None:
    """The fixture's workshop with every script of the region in a title and a key point, a long
    claim, a long case title and questions of its own."""
    project.edit("workshops/demo/sessions/01-opening.md", "title: Opening\n",
                 f'title: "{REGIONAL_TITLE}"\nobjectives: [Compare the offices\' eligibility tests]\n'
                 f'keypoints:\n  - "{REGIONAL_POINT}"\n'
                 '  - "The [EPO\'s framework](entry:EP/eligibility-framework) asks for technical character"\n')
    project.edit("workshops/demo/sessions/02-exercise.md", "kind: exercise\n",
                 "kind: exercise\nquestions:\n  - Does the claim pass each office's first test?\n"
                 "  - Which features count for inventive step?\n")
    steps = "\n".join(f"  {n}. step {n} of the method, in which the system receives readings from a sensor of the "
                      "machine, filters them, compares them with a model trained on earlier readings and records the "
                      "result in a log kept for the operator;" for n in range(1, LONG_CLAIM_STEPS + 1))
    project.edit("practices/cases/ai-anomaly-detection.yaml", "exceeds a threshold.\n",
                 f"exceeds a threshold, the method comprising:\n\n{steps}\n")
    project.edit("practices/cases/ai-anomaly-detection.yaml", "title: Anomaly detection with a trained model",
                 "title: Anomaly detection with a trained model that watches the sensors of a machine "
                 "(異常検知, 이상 탐지, การตรวจจับความผิดปกติ)")


@dataclass
class Box:
    name: str
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, char, slack: float = 1.0) -> bool:
        return (self.x0 - slack <= char["x0"] and char["x1"] <= self.x1 + slack
                and self.top - slack <= char["top"] and char["bottom"] <= self.bottom + slack)

    def holds_centre(self, char) -> bool:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass
class Deck:
    label: str  # the source, the workshop and the audience
    root: Path  # the knowledge base it was made from
    workshop: object
    kb: object
    data: bytes
    pptx: Presentation
    pages: list[tuple[float, float, list[dict]]]  # per printed page: width, height, characters

    @property
    def facilitator(self) -> bool:
        return self.label.endswith("facilitator")

    def boxes(self, index: int) -> list[Box]:
        return [Box(shape.name, shape.left / EMU_PER_PT, shape.top / EMU_PER_PT,
                    (shape.left + shape.width) / EMU_PER_PT, (shape.top + shape.height) / EMU_PER_PT)
                for shape in self.pptx.slides[index].shapes if shape.has_table or _text(shape).strip()]


def _print(decks: dict[str, bytes], folder: Path) -> dict[str, list]:
    """Every deck as LibreOffice prints it, page by page: width, height and the characters."""
    import pdfplumber

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run .ci/system-packages.sh (Debian package libreoffice-impress-nogui)"
    paths = []
    for name, data in decks.items():
        paths.append(folder / f"{name}.pptx")
        paths[-1].write_bytes(data)
    profile = folder / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, paths)], check=True, capture_output=True, timeout=600)
    printed = {}
    for path in paths:
        with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
            printed[path.stem] = [(float(page.width), float(page.height),
                                   [{k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "size", "fontname")}
                                    for c in page.chars]) for page in pdf.pages]
    return printed


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Deck]:
    from pptx import Presentation as Open

    from cop.load import load
    from cop.packs import slides

    base = tmp_path_factory.mktemp("slides")
    plain = copy_fixture(base / "fixture")
    local = copy_fixture(base / "regional")
    regional(local)
    sources = {"fixture": (plain.root, ["demo"]), "regional": (local.root, ["demo"])}
    real = load(REPO).kb
    sources["project"] = (REPO, sorted(real.workshops))
    made: dict[str, tuple] = {}
    for source, (root, workshops) in sources.items():
        kb = real if source == "project" else load(root).kb
        for workshop_id in workshops:
            workshop = kb.workshops[workshop_id]
            for audience, answers in (("participant", False), ("facilitator", True)):
                made[f"{source}-{workshop_id}-{audience}"] = (root, workshop, kb,
                                                              slides.deck(kb, workshop, WHEN, answers=answers))
    printed = _print({label: data for label, (*_, data) in made.items()}, base)
    return {label: Deck(label, root, workshop, kb, data, Open(io.BytesIO(data)), printed[label])
            for label, (root, workshop, kb, data) in made.items()}


def _text(shape) -> str:
    if shape.has_table:
        return " ".join(cell.text for row in shape.table.rows for cell in row.cells)
    return shape.text_frame.text if shape.has_text_frame else ""


def _shapes(deck: Deck, name: str) -> list:
    return [shape for slide in deck.pptx.slides for shape in slide.shapes if shape.name == name]


# ---------------------------------------------------------------------------------------------
# The format.

def test_every_deck_is_16_to_9(decks):
    for deck in decks.values():
        assert (deck.pptx.slide_width, deck.pptx.slide_height) == (12192000, 6858000), deck.label


def test_libreoffice_prints_one_page_per_slide_on_a_16_to_9_page(decks):
    for deck in decks.values():
        assert len(deck.pages) == len(deck.pptx.slides), deck.label
        for width, height, _ in deck.pages:
            assert (round(width), round(height)) == (960, 540), deck.label


def test_two_decks_of_the_same_input_are_byte_identical_in_any_process(decks):
    from cop.packs import slides

    deck = decks["regional-demo-facilitator"]
    assert slides.deck(deck.kb, deck.workshop, WHEN, answers=True) == deck.data
    # Another process with another hash seed: no set's order reaches the file.
    code = ("import sys, datetime; from pathlib import Path; from cop.load import load; from cop.packs import slides; "
            "kb = load(Path(sys.argv[1])).kb; sys.stdout.buffer.write(slides.deck(kb, kb.workshops['demo'], "
            f"datetime.date({WHEN.year}, {WHEN.month}, {WHEN.day}), answers=True))")
    other = subprocess.run([sys.executable, "-c", code, str(deck.root)], capture_output=True, timeout=300,
                           env={**os.environ, "PYTHONHASHSEED": "4242"})
    assert other.returncode == 0, other.stderr.decode()
    assert other.stdout == deck.data


# ---------------------------------------------------------------------------------------------
# Text never overflows its box.

def _characters(deck: Deck):
    """Every printed character that is not a space, with its page's index, size and boxes."""
    for index, (width, height, chars) in enumerate(deck.pages):
        boxes = deck.boxes(index)
        for char in chars:
            if char["text"].strip():
                yield index, width, height, char, boxes


def _owner(char, boxes: list[Box]) -> Box | None:
    found = [box for box in boxes if box.holds_centre(char)]
    assert len(found) <= 1, f"{char['text']!r} in overlapping boxes {found}"
    return found[0] if found else None


def test_every_character_is_printed_inside_its_page(decks):
    for deck in decks.values():
        for index, width, height, char, _ in _characters(deck):
            where = f"{deck.label}, slide {index + 1}: {char['text']!r}"
            assert -0.5 <= char["x0"] and char["x1"] <= width + 0.5, where
            assert -0.5 <= char["top"] and char["bottom"] <= height + 0.5, where


def test_every_character_lies_inside_the_box_it_was_written_in(decks):
    for deck in decks.values():
        for index, _, _, char, boxes in _characters(deck):
            owner = _owner(char, boxes)
            where = f"{deck.label}, slide {index + 1}: {char['text']!r} at ({char['x0']:.0f}, {char['top']:.0f})"
            assert owner is not None, f"{where} is in no text box"
            assert owner.holds(char), f"{where} overflows {owner}"


def test_nothing_but_the_footer_is_printed_under_the_footer_band(decks):
    for deck in decks.values():
        for index, _, _, char, boxes in _characters(deck):
            if char["bottom"] > FOOTER_TOP:
                owner = _owner(char, boxes)
                assert owner is not None and owner.name in FOOTER_SHAPES, \
                    f"{deck.label}, slide {index + 1}: {char['text']!r} under the footer band"


def test_titles_body_claims_and_labels_are_printed_at_their_least_sizes_or_larger(decks):
    seen: set[str] = set()
    for deck in decks.values():
        for index, _, _, char, boxes in _characters(deck):
            owner = _owner(char, boxes)
            least = MINIMUMS.get(owner.name, BODY_MINIMUM)
            seen.add(owner.name)
            assert char["size"] >= least - 0.01, \
                f"{deck.label}, slide {index + 1}: {char['text']!r} in {owner.name} at {char['size']:.1f} pt < {least}"
    # The check saw every kind of box.
    assert {"Title", "Kicker", "Body", "Claim", "Grid", "Legend", "Subtitle", "Footer", "Slide number"} <= seen


def test_the_text_written_is_the_text_printed_none_of_it_lost(decks):
    """Every letter and digit written on a slide is printed, in order (LibreOffice adds the
    numbers of numbered items and the bullets)."""
    for deck in decks.values():
        for index, slide in enumerate(deck.pptx.slides):
            written = re.sub(r"[^A-Za-z0-9]", "", "".join(_text(shape) for shape in slide.shapes))
            printed = iter(re.sub(r"[^A-Za-z0-9]", "", "".join(c["text"] for c in deck.pages[index][2])))
            assert all(char in printed for char in written), f"{deck.label}, slide {index + 1}"


# ---------------------------------------------------------------------------------------------
# The template.

def test_every_slide_has_a_title_in_the_bar_and_a_number_and_the_workshop_in_the_footer(decks):
    from cop.packs.slides import titles

    for deck in decks.values():
        total = len(deck.pptx.slides)
        assert all(titles(deck.pptx)), deck.label
        for n, slide in enumerate(deck.pptx.slides, 1):
            named = {shape.name: shape for shape in slide.shapes}
            assert named["Slide number"].text_frame.text == f"{n} / {total}"
            if n > 1:  # the title slide shows the workshop's title in large type instead
                footer = named["Footer"].text_frame.text
                assert deck.workshop.title.startswith(footer.rstrip("\u2026")), deck.label


def test_every_run_names_the_noto_typefaces_for_latin_east_asian_and_complex_scripts(decks):
    """<a:latin> Noto Sans, <a:ea> Noto Sans CJK SC and <a:cs> Noto Sans Thai, but for a run in Lao,
    Khmer or Myanmar, which names that script's Noto (Noto Sans Thai has none of them, and
    LibreOffice would take Lao from DejaVu Sans)."""
    from lxml import etree

    from cop.packs import fonts

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    complex_faces = {"Noto Sans Lao": "\u0e80-\u0eff", "Noto Sans Khmer": "\u1780-\u17ff", "Noto Sans Myanmar": "\u1000-\u109f"}
    for deck in decks.values():
        runs = 0
        with zipfile.ZipFile(io.BytesIO(deck.data)) as archive:
            for name in [n for n in archive.namelist() if re.match(r"ppt/(slides|notesSlides)/\w+\.xml$", n)]:
                for run in etree.fromstring(archive.read(name)).iter(f"{a}r"):
                    rpr, text = run.find(f"{a}rPr"), run.findtext(f"{a}t")
                    faces = [rpr.find(f"{a}{tag}").get("typeface") if rpr.find(f"{a}{tag}") is not None else None
                             for tag in ("latin", "ea", "cs")]
                    assert faces[:2] == [fonts.SLIDE_LATIN, fonts.SLIDE_EAST_ASIAN], f"{deck.label}: {name} {text!r}"
                    script = complex_faces.get(faces[2])
                    assert faces[2] == fonts.SLIDE_COMPLEX or script and re.search(f"[{script}]", text), \
                        f"{deck.label}: {name} {text!r} names {faces[2]}"
                    runs += 1
            theme = archive.read("ppt/theme/theme1.xml").decode()
        assert runs > 20, deck.label
        assert f'<a:latin typeface="{fonts.SLIDE_LATIN}"/>' in theme and "Calibri" not in theme


def test_a_slide_about_one_office_has_a_band_in_that_offices_colour(decks):
    from cop.packs.slides import OFFICE_COLOURS, office_colour

    deck = decks["fixture-demo-participant"]
    [slide] = [s for s in deck.pptx.slides if s.shapes.title.text.endswith("(EP)")]
    [band] = [shape for shape in slide.shapes if shape.name == "Office band"]
    assert str(band.fill.fore_color.rgb).lower() == OFFICE_COLOURS["EP"]
    assert len(set(OFFICE_COLOURS.values())) == len(OFFICE_COLOURS)  # one colour per office
    assert office_colour("ZZ") == office_colour("ZZ") and re.fullmatch(r"[0-9a-f]{6}", office_colour("ZZ"))
    # Other slides have none.
    assert sum(1 for s in deck.pptx.slides for shape in s.shapes if shape.name == "Office band") == 1


# ---------------------------------------------------------------------------------------------
# The slides.

def test_the_title_slide_names_the_workshop_and_the_facilitator_deck_says_so(decks):
    participant, facilitator = decks["fixture-demo-participant"], decks["fixture-demo-facilitator"]
    first = [_text(shape) for shape in participant.pptx.slides[0].shapes]
    assert "A demonstration workshop" in first and not any("Facilitator deck" in t for t in first)
    assert any("Facilitator deck" in _text(shape) for shape in facilitator.pptx.slides[0].shapes)


def test_the_agenda_gives_every_session_its_start_and_end(decks):
    from cop import agenda

    for deck in decks.values():
        text = " ".join(_text(s) for slide in deck.pptx.slides if slide.shapes.title.text.startswith("Agenda")
                        for s in slide.shapes if s.name == "Body")
        for slot in agenda.slots(deck.workshop):
            assert f"{slot.start}\u2013{slot.end}\t" in text, (deck.label, slot.session.title)


def test_each_session_opens_with_its_time_kind_and_minutes(decks):
    from cop import agenda

    deck = decks["fixture-demo-participant"]
    subtitles = [_text(shape) for shape in _shapes(deck, "Subtitle") if _text(shape).endswith(" min")]
    assert subtitles == [f"{s.start}\u2013{s.end}  \u00b7  {kind}  \u00b7  {s.session.minutes} min"
                         for s, kind in zip(agenda.slots(deck.workshop), ("Talk", "Exercise"))]


def test_a_talk_shows_its_objectives_key_points_as_words_and_a_grid_of_positions(decks):
    deck = decks["regional-demo-participant"]
    titles = [slide.shapes.title.text for slide in deck.pptx.slides]
    assert titles[3:6] == ["Objectives", "Key points", "Positions of the offices"]
    points = _text([s for s in deck.pptx.slides[4].shapes if s.name == "Body"][0])
    assert REGIONAL_POINT in points
    assert "The EPO's framework asks for technical character" in points and "entry:" not in points


def test_the_grid_shows_each_offices_position_in_the_sites_colour(decks):
    from cop.views.vocabulary import OUTCOMES

    css = dict(re.findall(r"\.cop-(\w+) \{ --cop: (#[0-9a-f]{6}); \}", (REPO / "docs/assets/cop.css").read_text()))
    deck = decks["fixture-demo-facilitator"]
    [grid] = _shapes(deck, "Grid")
    table = grid.table
    head = [cell.text for cell in table.rows[0].cells]
    row = {head[j]: cell for j, cell in enumerate(table.rows[1].cells)}
    assert head == ["Topic", "EP", "SG"] and row["Topic"].text == "Eligibility framework"
    assert row["EP"].text == "Technical character" and row["SG"].text == "Actual contribution"
    assert "#" + str(row["EP"].fill.fore_color.rgb).lower() == css["blue"]
    assert "#" + str(row["SG"].fill.fore_color.rgb).lower() == css["orange"]
    # The project's workshops: fifteen offices on one slide, offices down and topics across.
    project = decks["project-cii-across-offices-facilitator"]
    grids = _shapes(project, "Grid")
    assert grids and all(len(g.table.rows) == 1 + len(project.kb.offices) for g in grids)
    # An answer's outcome is coloured as on the site too.
    answers = [r for s in deck.pptx.slides if s.shapes.title.text.startswith("Answers:")
               for shape in s.shapes if shape.name == "Body" for p in shape.text_frame.paragraphs for r in p.runs]
    eligible = [r for r in answers if r.text == OUTCOMES["eligible"].label]
    assert eligible and all("#" + str(r.font.color.rgb).lower() == css[OUTCOMES["eligible"].colour] for r in eligible)


def test_a_long_claim_goes_on_to_continued_slides_whole_in_large_type(decks):
    deck = decks["regional-demo-participant"]
    claim = deck.kb.cases["ai-anomaly-detection"].claim
    slides = [s for s in deck.pptx.slides if s.shapes.title.text.startswith("Exercise:")]
    assert len(slides) >= 3
    assert all(s.shapes.title.text.endswith("(continued)") for s in slides[1:])
    assert not slides[0].shapes.title.text.endswith("(continued)")
    written = " ".join(_text(shape) for s in slides for shape in s.shapes if shape.name == "Claim")
    # The items' numbers are the list's own (LibreOffice prints them); the words are all there, in order.
    assert " ".join(written.split()) == " ".join(re.sub(r"(?m)^\s*\d+\.\s", "", claim).split())
    # It is printed at 20 pt or more (the size check) and its slides are about evenly filled.
    counts = [sum(len(shape.text_frame.paragraphs) for shape in s.shapes if shape.name == "Claim") for s in slides]
    assert max(counts[1:]) - min(counts[1:]) <= 2, counts


def test_an_exercise_shows_the_claim_then_its_questions(decks):
    plain, local = decks["fixture-demo-participant"], decks["regional-demo-participant"]
    titles = [s.shapes.title.text for s in plain.pptx.slides]
    assert titles[-2:] == ["Exercise: Anomaly detection with a trained model", "Questions"]
    assert "How would each office decide: EP, SG?" in _text(
        [s for s in plain.pptx.slides[-1].shapes if s.name == "Body"][0])
    questions = _text([s for s in local.pptx.slides[-1].shapes if s.name == "Body"][0])
    assert questions == "Does the claim pass each office's first test?\nWhich features count for inventive step?"


def test_the_scripts_of_the_region_are_printed_in_their_noto_fonts(decks):
    deck = decks["regional-demo-facilitator"]
    fonts_used = {char["fontname"].split("+")[-1] for _, _, chars in deck.pages for char in chars}
    for family in ("NotoSansThai", "NotoSansKhmer", "NotoSansLao", "NotoSansMyanmar", "NotoSansCJK"):
        assert any(name.startswith(family) for name in fonts_used), (family, sorted(fonts_used))
    text = "".join(c["text"] for _, _, chars in deck.pages for c in chars)
    assert "TiếngViệt" in text.replace(" ", "") and "中文" in text and "한국어" in text
    from cop.packs.slides import titles

    assert REGIONAL_TITLE in titles(deck.pptx)


# ---------------------------------------------------------------------------------------------
# What each audience gets.

def _secrets(deck: Deck) -> list[str]:
    """The answers and the facilitator notes of the deck's workshop, as sentences a reader would see."""
    from cop import agenda

    texts = [t for case in agenda.cases(deck.kb, deck.workshop) for t in agenda.answer_texts(case)]
    texts += [note for session in deck.workshop.sessions for note in agenda.facilitator_notes(session)]
    sentences = [" ".join(s.split()) for t in texts for s in re.split(r"(?<=[.;:!?])\s+", re.sub(r"[*_`#>]", "", t))]
    return [s for s in sentences if len(s) >= 30]


def _readable(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = b" ".join(archive.read(n) for n in archive.namelist() if n.endswith(".xml")).decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", xml)).split())


def test_every_facilitator_slide_has_notes_with_its_timing_and_the_sessions_notes(decks):
    from cop import agenda

    for deck in decks.values():
        if not deck.facilitator:
            continue
        slots = agenda.slots(deck.workshop)
        for n, slide in enumerate(deck.pptx.slides, 1):
            assert slide.has_notes_slide, f"{deck.label}, slide {n}"
            notes = slide.notes_slide.notes_text_frame.text
            assert notes.strip() and re.search(r"\b\d\d:\d\d\b", notes), f"{deck.label}, slide {n}"
            session = re.match(r"Session (\d+), ", notes)
            if session:
                slot = slots[int(session.group(1)) - 1]
                assert f"{slot.start}\u2013{slot.end}" in notes and "This slide: from " in notes
                for note in agenda.facilitator_notes(slot.session):
                    first = " ".join(note.split())[:25]
                    assert first in " ".join(notes.split()), f"{deck.label}, slide {n}"
    fixture = decks["fixture-demo-facilitator"]
    opening = fixture.pptx.slides[2].notes_slide.notes_text_frame.text
    assert opening.startswith("Session 1, talk: 09:00\u201309:15, 15 min. This slide: from 09:00") and "Start on time." in opening


def _findings(deck: Deck) -> str:
    """The steps' findings of the workshop's cases: answers the slides do not show at all."""
    from cop import agenda

    return " ".join(" ".join(step.finding.split()) for case in agenda.cases(deck.kb, deck.workshop)
                    for a in case.analyses for step in a.steps)


def test_the_participant_deck_has_no_answers_slide_no_notes_and_no_answer_or_note_text(decks):
    from cop import agenda

    checked = 0
    for deck in decks.values():
        if deck.facilitator:
            continue
        assert not any(s.shapes.title.text.startswith("Answers:") for s in deck.pptx.slides), deck.label
        assert not any(s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip() for s in deck.pptx.slides)
        text = _readable(deck.data)
        for secret in _secrets(deck):
            assert secret not in text, f"{deck.label} holds {secret!r}"
            checked += 1
    assert checked >= 10
    # The facilitator's deck holds the answers' summaries and the notes, so the search can see them at all.
    deck = decks["fixture-demo-facilitator"]
    facilitator = _readable(deck.data)
    summaries = [" ".join(a.summary.split()) for case in agenda.cases(deck.kb, deck.workshop) for a in case.analyses]
    assert summaries and all(summary in facilitator for summary in summaries)
    assert all(secret in facilitator for secret in _secrets(deck) if secret not in _findings(deck))


# ---------------------------------------------------------------------------------------------
# The measure.

def test_chinese_japanese_and_korean_are_measured_with_the_cjk_font_and_wrap_between_characters():
    from cop.packs import slidefit

    assert slidefit.family_of("中") == slidefit.family_of("語") == slidefit.family_of("한") == "Noto Sans CJK SC"
    assert slidefit.family_of("ก") == "Noto Sans Thai" and slidefit.family_of("ế") == "Noto Sans"
    # An ideograph is an em wide; a Latin letter about half that.
    assert slidefit.width("中文日本語", 20) == pytest.approx(100, abs=1)
    assert slidefit.width("abcde", 20) < 60
    para = slidefit.Para((slidefit.Run("中文日本語한국어" * 12),))
    lines = slidefit.wrap(para, 300, 20)
    assert len(lines) > 3 and all(slidefit.width(para.text[a:b], 20) <= 300 for a, b in lines)


def test_without_any_font_to_measure_with_the_slides_say_what_to_install(monkeypatch, tmp_path):
    from cop.packs import slidefit

    monkeypatch.setattr(slidefit, "_fontconfig", lambda family, bold: None)
    monkeypatch.setattr(slidefit, "_FONT_ROOT", tmp_path)
    slidefit.font_file.cache_clear()
    try:
        with pytest.raises(slidefit.FontMissing, match="fonts-noto-core and fonts-noto-cjk"):
            slidefit.font_file("Noto Sans Thai")
        dejavu = tmp_path / "truetype/dejavu/DejaVuSans.ttf"
        dejavu.parent.mkdir(parents=True)
        dejavu.write_bytes(b"")  # only found, not read
        assert slidefit.font_file("Noto Sans Thai") == (str(dejavu), 0)  # DejaVu stands in for a missing Noto
    finally:
        slidefit.font_file.cache_clear()


def test_the_font_files_taken_without_asking_fontconfig_are_the_ones_it_gives():
    from cop.packs import slidefit

    for (family, bold), (rel, index) in slidefit._DEBIAN_FILES.items():
        assert slidefit._fontconfig(family, bold) == (str(slidefit._FONT_ROOT / rel), index), (family, bold)
