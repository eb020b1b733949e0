"""Slide decks from the same workshop data: title, agenda, one section per session, cases, answers."""

from __future__ import annotations

import datetime as dt
import io
import re

from pptx import Presentation
from pptx.util import Emu, Pt

from .. import agenda
from ..model import KnowledgeBase, Workshop
from ..views import diagrams
from ..views.vocabulary import OUTCOMES, SESSION_KINDS
from .archive import normalise_zip

TITLE, CONTENT, SECTION, TITLE_ONLY = 0, 1, 2, 5  # layouts of python-pptx's default template


def _plain(markdown: str) -> str:
    """Slides show text, not markup: links keep their words, emphasis marks go."""
    # Link text stops at the next bracket and the address at the next parenthesis, so a long run
    # of brackets costs one pass, not one pass from each.
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", markdown or "")
    return re.sub(r"[*_`#>]", "", text).strip()


def _bullets(slide, lines: list[str], size: int = 18) -> None:
    body = slide.placeholders[1].text_frame
    body.clear()
    for i, line in enumerate(lines):
        paragraph = body.paragraphs[0] if i == 0 else body.add_paragraph()
        paragraph.text = line
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _diagram_slide(prs: Presentation, test) -> None:
    """An office's test as a picture, as large as the slide allows below its title."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    title.text = f"{test.title} ({test.office})"
    for paragraph in title.text_frame.paragraphs:  # a test's name is a sentence: it must stay in its box
        for run in paragraph.runs:
            run.font.size = Pt(24)
    picture = io.BytesIO(diagrams.png(test))
    top, margin = Emu(title.top + title.height), Emu(prs.slide_width * 4 // 100)
    room_w, room_h = prs.slide_width - 2 * margin, prs.slide_height - top - margin
    shape = slide.shapes.add_picture(picture, margin, top)
    scale = min(room_w / shape.width, room_h / shape.height, 1.0)
    shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
    shape.left = int((prs.slide_width - shape.width) // 2)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        f"{n}. {node.question}" for n, node in enumerate(test.nodes, 1))


def titles(deck: Presentation) -> list[str]:
    return [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in deck.slides]


def deck(kb: KnowledgeBase, w: Workshop, when: dt.date, *, answers: bool) -> bytes:
    prs = Presentation()
    props = prs.core_properties
    stamp = dt.datetime.combine(when, dt.time())
    props.title, props.author, props.last_modified_by = w.title, "CII Community of Practice", "cop pack"
    props.created = props.modified = stamp
    props.revision = 1

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE])
    slide.shapes.title.text = w.title
    slide.placeholders[1].text = " \u00b7 ".join(x for x in (w.format, w.venue, "Facilitator deck" if answers else None) if x)

    slots = agenda.slots(w)
    slide = prs.slides.add_slide(prs.slide_layouts[CONTENT])
    slide.shapes.title.text = "Agenda"
    _bullets(slide, [f"{s.start}\u2013{s.end}  {s.session.title}" for s in slots], size=12 if len(slots) > 9 else 16)

    for s in slots:
        session = s.session
        slide = prs.slides.add_slide(prs.slide_layouts[SECTION])
        slide.shapes.title.text = session.title
        slide.placeholders[1].text = f"{s.start}\u2013{s.end} \u00b7 {SESSION_KINDS[session.kind]}"
        if session.objectives:
            slide = prs.slides.add_slide(prs.slide_layouts[CONTENT])
            slide.shapes.title.text = f"Objectives: {session.title}"
            _bullets(slide, session.objectives)
        for key in session.tests:
            if key in kb.tests:
                _diagram_slide(prs, kb.tests[key])
        for case_id in session.cases:
            case = kb.cases.get(case_id)
            if case is None:
                continue
            slide = prs.slides.add_slide(prs.slide_layouts[CONTENT])
            slide.shapes.title.text = f"Exercise: {case.title}"
            _bullets(slide, [_plain(case.claim), "How would each office decide: " + ", ".join(a.office for a in case.analyses) + "?"],
                     size=14)
            if answers:
                slide = prs.slides.add_slide(prs.slide_layouts[CONTENT])
                slide.shapes.title.text = f"Answers: {case.title}"
                _bullets(slide, [f"{a.office}: {OUTCOMES[a.outcome].label}. {a.summary}" for a in case.analyses], size=13)
        if answers:
            notes = agenda.facilitator_notes(session)
            if notes:
                slide.notes_slide.notes_text_frame.text = "\n\n".join(_plain(n) for n in notes)

    buffer = io.BytesIO()
    prs.save(buffer)
    return normalise_zip(buffer.getvalue(), stamp)
