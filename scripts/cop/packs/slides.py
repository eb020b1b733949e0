"""Slide decks a trainer projects, from the same workshop data: the participants' and the facilitators'.

The deck is 16:9 and draws its own template with shapes: a title bar in the CoP's indigo with
the slide's title in white (the title placeholder of python-pptx's "Title Only" layout, moved
into the bar, so that outlines and screen readers find it), the session's title above it, a band
in an office's colour under the bar of a slide about one office (an office's test), and a footer
with the workshop's title and "n / N". Every run names Noto for Latin, East Asian and complex
scripts (cop.packs.fonts), and so does the theme.

Slides: the title slide; the agenda with start and end times; per session a section slide
(time, kind, minutes), its objectives and key points, for a talk or discussion with topics a
grid of the offices' positions on them, its offices' tests as diagrams, and per exercise case
the claim on slides of its own, then the questions. The facilitator deck adds an answers slide
per case (each office's outcome in its colour) and, in the notes pane of every slide, the
timing (the session's, and a running clock for the slide) and the session's facilitator
notes; the participant deck has no notes.

No text overflows its box. Titles and bodies are measured before they are placed
(cop.packs.slidefit, with the fonts the slides name) and set at the largest size that fits,
never below the minimums: titles 28 pt, body text 18 pt, a claim 20 pt; what does not fit at
the minimum goes on to slides marked "(continued)", as few as it needs and evenly filled. Two
kinds of text are labels rather than body and may be smaller, never below 12 pt: the cells of a
position grid (the offices' codes, the topics, the positions) and the footer. A grid has topics
down and offices across if that fits one slide (their labels' longest words set how narrow a
column may be); else offices down and topics across, which fits fifteen offices at 12 pt; at
the largest size that keeps it on one slide; failing that, on as few slides as it needs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
from dataclasses import dataclass, field

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from .. import agenda
from ..model import KnowledgeBase, Workshop
from ..views import diagrams
from ..views.vocabulary import OUTCOMES, POSITION_COLOURS, SESSION_KINDS, position
from . import fonts, slidefit
from .archive import normalise_zip
from .slidefit import (Para, Run, ellipsize, fits, height, line_height, para_height, paginate, spacing, spread,
                       width, wrap)

TITLE_ONLY = 5  # the layout of python-pptx's default template whose one placeholder is the title

# The slide, in points: 13.333 x 7.5 inches.
W, H = 960.0, 540.0
MARGIN = 40.0
BODY_W = W - 2 * MARGIN
FOOTER_TOP = 504.0
BODY_BOTTOM = FOOTER_TOP - 12.0
BAR_PAD = 16.0

# The minimums, and the sizes tried from the largest down.
TITLE_MIN, BODY_MIN, CLAIM_MIN, LABEL_MIN = 28, 18, 20, 12
TITLE_SIZES = (32, TITLE_MIN)
COVER_SIZES = (44, 40, 36, 32, TITLE_MIN)  # the title slide's and the section slides' titles
BODY_SIZES = (24, 22, 20, BODY_MIN)
CLAIM_SIZES = (28, 26, 24, 22, CLAIM_MIN)
GRID_SIZES = (18, 16, 14, LABEL_MIN)  # a grid's labels: its cells, its head row and its first column
KICKER_SIZE = BODY_MIN
FOOTER_SIZE = 14
NOTES_SIZE = 12  # the notes pane, read on the presenter's screen

INDIGO, DEEP_INDIGO, PALE_INDIGO, KICKER = "3f51b5", "283593", "e8eaf6", "c5cae9"
INK, MUTED, WHITE, NONE_FILL = "212121", "5f6368", "ffffff", "eceff1"

# Each office's colour, for the band of a slide about it: fixed, so a deck looks the same every time.
OFFICE_COLOURS = {
    "BN": "b8860b", "CN": "c62828", "EP": "1565c0", "ID": "ad1457", "JP": "6a1b9a", "KH": "2e7d32",
    "KR": "00838f", "LA": "5d4037", "MM": "ef6c00", "MY": "283593", "PH": "0277bd", "SG": "d81b60",
    "TH": "455a64", "US": "1b5e20", "VN": "bf360c",
}
_SPARE_COLOURS = ("6d4c41", "00695c", "4527a0", "9e9d24", "37474f", "ad1457", "2e7d32", "1565c0")


def office_colour(code: str) -> str:
    if code in OFFICE_COLOURS:
        return OFFICE_COLOURS[code]
    return _SPARE_COLOURS[int(hashlib.sha256(code.encode()).hexdigest(), 16) % len(_SPARE_COLOURS)]


def _plain(markdown: str) -> str:
    """Slides show text, not markup: links keep their words, emphasis marks go."""
    # Link text stops at the next bracket and the address at the next parenthesis, so a long run
    # of brackets costs one pass, not one pass from each.
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", markdown or "")
    return re.sub(r"[*_`#>]", "", text).strip()


_ITEM = re.compile(r"^\s*(?:(\d+)[.)]|([-*+]))\s+(.*)$")  # a Markdown list's item: "1. ", "- "


def _unwrapped(markdown: str) -> list[str]:
    """Markdown as the lines a notes pane shows: a paragraph or a list item each, blank lines between paragraphs."""
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", (markdown or "").strip()):
        if lines:
            lines.append("")
        for line in block.splitlines():
            if _ITEM.match(line) or not lines or not lines[-1]:
                lines.append(line.strip())
            else:
                lines[-1] += " " + line.strip()
    return [_plain(line) if line else "" for line in lines]


def _one_line(markdown: str) -> str:
    return " ".join(_plain(markdown).split())


def _bullets(lines: list[str]) -> list[Para]:
    return [Para((Run(_one_line(line)),), mark="bullet", indent=1.0, space_before=0.4) for line in lines if line.strip()]



def claim_paragraphs(claim: str) -> list[Para]:
    """A claim's Markdown as paragraphs: its numbered and bulleted items keep their numbers."""
    paras: list[Para] = []
    for block in re.split(r"\n\s*\n", (claim or "").strip()):
        items: list[list] = []  # [mark, number, words]
        for line in block.splitlines():
            found = _ITEM.match(line)
            if found:
                number, bullet, rest = found.groups()
                items.append(["number" if number else "bullet", int(number or 0), [rest]])
            elif items and line[:1].isspace() and items[-1][0] is not None:
                items[-1][2].append(line)
            elif items and items[-1][0] is None:
                items[-1][2].append(line)
            else:
                items.append([None, 0, [line]])
        for mark, number, words in items:
            text = _one_line(" ".join(words))
            if text:
                indent = {"number": 1.6, "bullet": 1.0}.get(mark, 0.0)
                paras.append(Para((Run(text),), mark=mark, number=number, indent=indent, space_before=0.35))
    return paras


# ---------------------------------------------------------------------------------------------
# Drawing: shapes, text frames and runs.

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _emu(points: float) -> int:
    return int(round(points * 12700))


# A run names one complex-script typeface: Noto Sans Thai (fonts.SLIDE_COMPLEX) has no Lao, Khmer
# or Myanmar, and for Lao LibreOffice would fall back to DejaVu Sans, which has it, set wider.
# So a run of text in one of those scripts names that script's Noto family.
_COMPLEX_FACES = {slidefit.LAO: slidefit.LAO, slidefit.KHMER: slidefit.KHMER, slidefit.MYANMAR: slidefit.MYANMAR,
                  slidefit.THAI: fonts.SLIDE_COMPLEX}


def complex_runs(text: str) -> list[tuple[str, str]]:
    """The text in pieces of one complex script each, with the typeface each piece names as <a:cs>;
    text in no complex script goes with the piece before it."""
    pieces: list[list[str]] = []
    for char in text:
        face = _COMPLEX_FACES.get(slidefit.family_of(char))
        if pieces and (face is None or face == pieces[-1][1] or pieces[-1][1] is None):
            pieces[-1][0] += char
            pieces[-1][1] = pieces[-1][1] or face
        else:
            pieces.append([char, face])
    return [(piece, face or fonts.SLIDE_COMPLEX) for piece, face in pieces]


def _name_fonts(rPr, complex_face: str = fonts.SLIDE_COMPLEX) -> None:
    for tag, face in (("latin", fonts.SLIDE_LATIN), ("ea", fonts.SLIDE_EAST_ASIAN), ("cs", complex_face)):
        for old in rPr.findall(qn(f"a:{tag}")):
            rPr.remove(old)
        etree.SubElement(rPr, qn(f"a:{tag}"), typeface=face)


def _run(paragraph, text: str, size: float, colour: str, bold: bool = False) -> None:
    for piece, face in complex_runs(text):
        run = paragraph.add_run()
        run.text = piece
        rPr = run._r.get_or_add_rPr()
        rPr.set("lang", "en-GB")
        rPr.set("sz", str(int(round(size * 100))))
        rPr.set("b", "1" if bold else "0")
        fill = etree.SubElement(rPr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val=colour.upper())
        _name_fonts(rPr, face)


def _frame(frame, *, anchor: str = "t", inset: tuple[float, float] = (0.0, 0.0)) -> None:
    """A text frame that wraps, never grows or shrinks its text, with the insets given."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    body = frame._txBody.bodyPr
    horizontal, vertical = inset
    for side, value in (("lIns", horizontal), ("rIns", horizontal), ("tIns", vertical), ("bIns", vertical)):
        body.set(side, str(_emu(value)))
    body.set("anchor", anchor)


def _fill(frame, paras: list[Para], size: float, colour: str, *, align: str = "l", exact: bool = False) -> None:
    """The paragraphs into a text frame; `exact`: lines of a fixed height, for a table's cells."""
    for i, para in enumerate(paras):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        pPr = p._p.get_or_add_pPr()
        pPr.set("algn", align)
        indent = _emu(para.indent * size)
        pPr.set("marL", str(indent))
        pPr.set("indent", str(-indent if para.mark and not para.continued else 0))
        lnSpc = etree.SubElement(pPr, qn("a:lnSpc"))
        if exact:
            etree.SubElement(lnSpc, qn("a:spcPts"), val=str(round(line_height(para.text, size) * 100)))
        else:
            etree.SubElement(lnSpc, qn("a:spcPct"), val=str(spacing(para.text) * 1000))
        before = etree.SubElement(pPr, qn("a:spcBef"))
        etree.SubElement(before, qn("a:spcPts"), val=str(int(round(para.space_before * size * 100)) if i else 0))
        if para.mark in ("bullet", "number") and not para.continued:
            colour_el = etree.SubElement(pPr, qn("a:buClr"))
            etree.SubElement(colour_el, qn("a:srgbClr"), val=INDIGO.upper())
            etree.SubElement(pPr, qn("a:buFont"), typeface=fonts.SLIDE_LATIN)
            if para.mark == "bullet":
                etree.SubElement(pPr, qn("a:buChar"), char="\u2022")
            else:
                etree.SubElement(pPr, qn("a:buAutoNum"), type="arabicPeriod", startAt=str(max(para.number, 1)))
        else:
            etree.SubElement(pPr, qn("a:buNone"))
        runs = list(para.runs)
        if para.mark == "lead" and not para.continued:
            tabs = etree.SubElement(pPr, qn("a:tabLst"))
            etree.SubElement(tabs, qn("a:tab"), pos=str(indent), algn="l")
            lead = runs.pop(0)
            _run(p, lead.text + "\t", size, lead.colour or colour, lead.bold)
        for run in runs:
            if run.text:
                _run(p, run.text, size, run.colour or colour, run.bold)


def _rect(slide, name: str, x: float, y: float, w: float, h: float, colour: str):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(x), _emu(y), _emu(w), _emu(h))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour.upper())
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))  # the theme's style: its effect is a shadow in LibreOffice
    if style is not None:
        shape._element.remove(style)
    if name == "Band":  # behind everything, the title placeholder (the slide's first shape) included
        tree = slide.shapes._spTree
        tree.remove(shape._element)
        tree.insert(2, shape._element)
    return shape


def _textbox(slide, name: str, x: float, y: float, w: float, h: float, paras: list[Para], size: float,
             colour: str, *, anchor: str = "t", align: str = "l"):
    box = slide.shapes.add_textbox(_emu(x), _emu(y), _emu(w), _emu(h))
    box.name = name
    _frame(box.text_frame, anchor=anchor)
    _fill(box.text_frame, paras, size, colour, align=align)
    return box


def _set_title(slide, text: str, x: float, y: float, w: float, h: float, size: float, colour: str = WHITE) -> None:
    """The slide's title placeholder, moved to where the template wants it."""
    title = slide.shapes.title
    title.name = "Title"
    title.left, title.top, title.width, title.height = _emu(x), _emu(y), _emu(w), _emu(h)
    _frame(title.text_frame, anchor="t")
    _fill(title.text_frame, [Para((Run(text, bold=True),))], size, colour)


def _lines(text: str, box_width: float, size: float, bold: bool = True) -> int:
    return len(wrap(Para((Run(text, bold),)), box_width, size))


def _fit_title(text: str, box_width: float, sizes: tuple[int, ...], max_lines: int) -> tuple[int, float]:
    """The largest size at which the title takes at most max_lines lines (else the smallest,
    on as many lines as it needs), and its height."""
    for size in sizes:
        lines = _lines(text, box_width, size)
        if lines <= max_lines or size == sizes[-1]:
            return size, para_height(Para((Run(text, True),)), size, lines)
    raise AssertionError("no sizes")


def _kicker(kicker: str | None) -> tuple[str | None, float]:
    """The line above a slide's title (the session's), cut to one line, and its height."""
    if not kicker:
        return None, 0.0
    kicker = ellipsize(kicker, BODY_W, KICKER_SIZE)
    return kicker, para_height(Para((Run(kicker),)), KICKER_SIZE, 1)


def _body_top(title_h: float, kicker: str | None, office: str | None) -> float:
    """Where a slide's body starts, below the title bar (with its kicker) and an office's band."""
    kicker_h = _kicker(kicker)[1]
    bar_h = max(84.0, BAR_PAD + (kicker_h + 4 if kicker else 0) + title_h + BAR_PAD)
    return bar_h + (8 if office else 0) + 20


# ---------------------------------------------------------------------------------------------
# The deck being made: slides, with what their notes and footers need.

@dataclass
class Made:
    slide: object
    slot: agenda.Slot | None
    weight: float
    words: list[str] = field(default_factory=list)  # notes of the slide's own (a test in words)


class Builder:
    def __init__(self, kb: KnowledgeBase, w: Workshop, *, answers: bool):
        self.kb, self.w, self.answers = kb, w, answers
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _emu(W), _emu(H)
        _theme_fonts(self.prs)
        self.made: list[Made] = []

    def new(self, slot, weight: float, words: list[str] | None = None):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_ONLY])
        self.made.append(Made(slide, slot, weight, list(words or [])))
        return slide

    # -- the template -------------------------------------------------------------------------

    def bar(self, slide, title: str, kicker: str | None, office: str | None = None, *,
            title_height: float | None = None) -> float:
        """The title bar with its title (and the kicker above it); where the body may start."""
        size, height = _fit_title(title, BODY_W, TITLE_SIZES, max_lines=2)
        height = max(height, title_height or 0.0)
        kicker, kicker_h = _kicker(kicker)
        top = _body_top(height, kicker, office)
        bar_h = top - 20 - (8 if office else 0)
        _rect(slide, "Band", 0, 0, W, bar_h, INDIGO)
        y = BAR_PAD
        if kicker:
            _textbox(slide, "Kicker", MARGIN, y, BODY_W, kicker_h, [Para((Run(kicker),))], KICKER_SIZE, KICKER)
            y += kicker_h + 4
        _set_title(slide, title, MARGIN, y, BODY_W, height + 0.01, size)
        if office:
            _rect(slide, "Office band", 0, bar_h, W, 8, office_colour(office))
        return top

    def title_height(self, title: str) -> float:
        return _fit_title(title, BODY_W, TITLE_SIZES, max_lines=2)[1]

    def content(self, title: str, paras: list[Para], *, kicker: str | None, slot, weight: float,
                sizes: tuple[int, ...] = BODY_SIZES, name: str = "Body", office: str | None = None) -> None:
        """A title and a body of paragraphs, on as many slides as the body needs at its smallest size."""
        if not paras:
            return
        kicker = _kicker(kicker)[0]
        own = self.title_height(title)
        top = _body_top(own, kicker, office)
        size = next((s for s in sizes if fits(paras, BODY_W, BODY_BOTTOM - top, s)), None)
        if size is not None:
            slide = self.new(slot, weight)
            self.bar(slide, title, kicker, office)
            _textbox(slide, name, MARGIN, top, BODY_W, BODY_BOTTOM - top, paras, size, INK)
            return
        # Continued: every slide of the run keeps one geometry, room for the longer title.
        continued = f"{title} (continued)"
        tallest = max(own, self.title_height(continued))
        top = _body_top(tallest, kicker, office)
        size, pages = spread(paras, BODY_W, BODY_BOTTOM - top, sizes)
        for n, page in enumerate(pages):
            slide = self.new(slot, weight / len(pages))
            self.bar(slide, title if n == 0 else continued, kicker, office, title_height=tallest)
            _textbox(slide, name, MARGIN, top, BODY_W, BODY_BOTTOM - top, page, size, INK)

    def cover(self, slide, kicker: str, title: str, lines: list[Para], line_sizes: tuple[int, ...], *, full: bool,
              line_colour: str) -> list[Para]:
        """A slide in indigo with a large title: the title slide (indigo above, lines below) or a
        section slide (indigo to the footer, lines in it). What does not fit is returned."""
        size, title_h = _fit_title(title, BODY_W, COVER_SIZES, max_lines=3)
        kicker_h = para_height(Para((Run(kicker),)), 20, 1)
        block = kicker_h + 12 + title_h
        if full:
            _rect(slide, "Band", 0, 0, W, FOOTER_TOP, DEEP_INDIGO)
            most = BODY_BOTTOM - 40 - block - 24
            line_size = next((s for s in line_sizes if fits(lines, BODY_W, most, s)), line_sizes[-1])
            lines_h = min(height(lines, BODY_W, line_size), most)
            y = max(40.0, (FOOTER_TOP - block - 24 - lines_h) / 2)
            top = y + block + 24
        else:
            panel = max(300.0, 60 + block + 44)
            _rect(slide, "Band", 0, 0, W, panel, DEEP_INDIGO)
            y = panel - 44 - block
            top = panel + 28
        _textbox(slide, "Kicker", MARGIN, y, BODY_W, kicker_h, [Para((Run(kicker),))], 20, KICKER)
        _set_title(slide, title, MARGIN, y + kicker_h + 12, BODY_W, title_h + 0.01, size)
        room = BODY_BOTTOM - top
        line_size = next((s for s in line_sizes if fits(lines, BODY_W, room, s)), line_sizes[-1])
        pages = paginate(lines, BODY_W, room, line_size) if lines else [[]]
        if pages[0]:
            _textbox(slide, "Subtitle", MARGIN, top, BODY_W, room, pages[0], line_size, line_colour)
        return [p for page in pages[1:] for p in page]

    def finish(self) -> None:
        """Footers and numbers on every slide, and the notes of the facilitator deck."""
        total = len(self.made)
        footer = ellipsize(self.w.title, BODY_W - 110, FOOTER_SIZE)
        footer_size = FOOTER_SIZE
        if footer != self.w.title and ellipsize(self.w.title, BODY_W - 110, LABEL_MIN) == self.w.title:
            footer, footer_size = self.w.title, LABEL_MIN
        box_h = para_height(Para((Run(footer),)), footer_size, 1)
        number_h = para_height(Para((Run("0"),)), FOOTER_SIZE, 1)
        for n, made in enumerate(self.made, 1):
            slide = made.slide
            _rect(slide, "Footer rule", MARGIN, FOOTER_TOP + 4, BODY_W, 1.5, INDIGO)
            if n > 1:  # the title slide shows the title already
                _textbox(slide, "Footer", MARGIN, FOOTER_TOP + 10, BODY_W - 110, box_h, [Para((Run(footer),))],
                         footer_size, MUTED)
            _textbox(slide, "Slide number", W - MARGIN - 100, FOOTER_TOP + 10, 100, number_h,
                     [Para((Run(f"{n} / {total}"),))], FOOTER_SIZE, MUTED, align="r")
        if self.answers:
            for text, made in zip(self._notes(), self.made):
                frame = made.slide.notes_slide.notes_text_frame
                for i, line in enumerate(text.split("\n")):
                    paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                    if line:
                        _run(paragraph, line, NOTES_SIZE, INK)

    def _notes(self) -> list[str]:
        """Every slide's notes: the timing, the session's facilitator notes, the slide's own words."""
        slots = agenda.slots(self.w)
        first = slots[0] if slots else None
        end = slots[-1].end if slots else self.w.start
        by_slot: dict[int, list[int]] = {}
        for i, made in enumerate(self.made):
            if made.slot is not None:
                by_slot.setdefault(made.slot.number, []).append(i)
        notes = []
        for i, made in enumerate(self.made):
            slot = made.slot
            if slot is None:
                what = "on screen as participants arrive" if i == 0 else "the day's plan, in a minute"
                timing = (f"Before {self.w.start}: {what}. The workshop runs "
                          f"{self.w.start}\u2013{end}, {self.w.minutes} min"
                          + (f"; session 1 ({first.session.title}) starts at {first.start}." if first else "."))
                notes.append(timing)
                continue
            session, members = slot.session, by_slot[slot.number]
            weights = [self.made[j].weight for j in members]
            total = sum(weights) or 1.0
            k = members.index(i)
            bounds = [round(session.minutes * sum(weights[:m]) / total) for m in range(len(weights) + 1)]
            start = _clock(slot.start, bounds[k])
            minutes = bounds[k + 1] - bounds[k]
            length = f"about {minutes} min" if minutes else "less than a minute"
            lines = [f"Session {slot.number}, {SESSION_KINDS[session.kind].lower()}: {slot.start}\u2013{slot.end}, "
                     f"{session.minutes} min. This slide: from {start}, {length} "
                     f"(slide {k + 1} of {len(members)} of the session)."]
            if made.words:
                lines += ["", *made.words]
            facilitator = [line for note in agenda.facilitator_notes(session) for line in _unwrapped(note)]
            if facilitator:
                lines += ["", "Facilitator notes:", *facilitator]
            notes.append("\n".join(lines))
        return notes


def _clock(start: str, minutes: int) -> str:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(start)) + dt.timedelta(minutes=minutes)
    return moment.strftime("%H:%M")


def _theme_fonts(prs) -> None:
    """The template's own fonts are Noto too: text typed into the deck later gets them."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    scripts = {"Jpan": "Noto Sans CJK JP", "Hang": "Noto Sans CJK KR", "Hans": "Noto Sans CJK SC",
               "Thai": "Noto Sans Thai", "Khmr": "Noto Sans Khmer", "Laoo": "Noto Sans Lao", "Mymr": "Noto Sans Myanmar"}
    for group in root.iter(f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
        for child in list(group):
            group.remove(child)
        etree.SubElement(group, f"{{{A}}}latin", typeface=fonts.SLIDE_LATIN)
        etree.SubElement(group, f"{{{A}}}ea", typeface=fonts.SLIDE_EAST_ASIAN)
        etree.SubElement(group, f"{{{A}}}cs", typeface=fonts.SLIDE_COMPLEX)
        for script, face in scripts.items():
            etree.SubElement(group, f"{{{A}}}font", script=script, typeface=face)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------------------------------------
# The slides.

def _dates(w: Workshop) -> str | None:
    start, end = w.dates.get("start"), w.dates.get("end")
    if not start:
        return None

    def day(d: dt.date) -> str:
        return f"{d.day} {d:%B %Y}"
    return day(start) if not end or end == start else f"{day(start)} to {day(end)}"


def _title_slide(b: Builder) -> None:
    w = b.w
    lines = [Para((Run(_one_line(w.format)),), space_before=0.3)] if w.format else []
    where = " \u00b7 ".join(x for x in (w.venue, _dates(w)) if x)
    if where:
        lines.append(Para((Run(where, colour=MUTED),), space_before=0.3))
    if b.answers:
        lines.append(Para((Run("Facilitator deck", bold=True, colour=INDIGO),), space_before=0.3))
    slide = b.new(None, 1)
    rest = b.cover(slide, "CII Community of Practice", w.title, lines, BODY_SIZES, full=False, line_colour=INK)
    if rest:
        b.content(f"{w.title}", rest, kicker=None, slot=None, weight=1)


def _agenda(b: Builder, slots: list[agenda.Slot]) -> None:
    indent = width("00:00\u201300:00", 1, bold=True) + 1.0
    paras = []
    for s in slots:
        colour = MUTED if s.session.kind == "break" else None
        paras.append(Para((Run(f"{s.start}\u2013{s.end}", bold=True, colour=colour),
                           Run(_one_line(s.session.title), colour=colour)), mark="lead", indent=indent, space_before=0.3))
    b.content("Agenda", paras, kicker=None, slot=None, weight=1)


def _section(b: Builder, slot: agenda.Slot, count: int) -> None:
    session = slot.session
    kind = SESSION_KINDS[session.kind]
    slide = b.new(slot, 1 if session.kind != "break" else 10)
    line = Para((Run(f"{slot.start}\u2013{slot.end}  \u00b7  {kind}  \u00b7  {session.minutes} min"),))
    rest = b.cover(slide, f"Session {slot.number} of {count}", _one_line(session.title), [line], (24, 22, 20, 18),
                   full=True, line_colour=WHITE)
    b.content(_one_line(session.title), rest, kicker=None, slot=slot, weight=0)


GRID_INSET = (4.0, 2.0)


@dataclass
class GridPlan:
    size: int
    offices_across: bool  # topics down and offices across, or offices down and topics across
    left_w: float
    column: float
    head_h: float
    chunks: list[list]  # the columns side by side on one slide
    pages: list[list[list[tuple]]]  # per chunk, its slides' rows: (row, height)

    @property
    def slides(self) -> int:
        return sum(len(pages) for pages in self.pages)

    def head(self, item) -> str:
        """What a row or a column is headed with: a topic's title, an office's code."""
        return item.code if hasattr(item, "code") else item.title

    def cell(self, cells, row, column) -> tuple[str, str | None]:
        topic, office = (row, column) if self.offices_across else (column, row)
        return cells[topic.id, office.code]


def _cell_h(text: str, box_w: float, size: float) -> float:
    para = Para((Run(text, bold=True),))
    return para_height(para, size, len(wrap(para, box_w - 2 * GRID_INSET[0], size))) + 2 * GRID_INSET[1]


def _grid_plan(topics, offices, cells, size: int, room: float, offices_across: bool) -> GridPlan:
    """Columns side by side as many as their labels' longest words leave room for; rows down as
    many as the height holds."""
    head = size
    rows, columns = (topics, offices) if offices_across else (offices, topics)
    plan = GridPlan(size, offices_across, 0.0, 0.0, 0.0, [], [])
    if offices_across:
        plan.left_w = 200.0 if size > 14 else 180.0
    else:  # as wide as the head row's "Office" and the offices' codes
        codes = max([width("Office", head, bold=True)] + [width(o.code, size, bold=True) for o in offices])
        plan.left_w = codes / slidefit.WIDTH_FILL + 2 * GRID_INSET[0] + 4
    words = [w for label, _ in cells.values() for w in label.split()]
    widest = max([width(w, size, bold=True) for w in words] + [width(w, head, bold=True)
                                                                for c in columns for w in plan.head(c).split()])
    column_min = widest / slidefit.WIDTH_FILL + 2 * GRID_INSET[0] + 2
    across = max(1, min(len(columns), int((BODY_W - plan.left_w) // column_min)))
    per_chunk = math.ceil(len(columns) / math.ceil(len(columns) / across))
    plan.chunks = [columns[i:i + per_chunk] for i in range(0, len(columns), per_chunk)]
    plan.column = min((BODY_W - plan.left_w) / per_chunk, 220.0)
    plan.head_h = max(_cell_h(plan.head(c), plan.column, head) for c in columns)
    for chunk in plan.chunks:
        heights = [max([_cell_h(plan.head(r), plan.left_w, size)]
                       + [_cell_h(plan.cell(cells, r, c)[0], plan.column, size) for c in chunk]) for r in rows]
        plan.pages.append(_rows_on_pages(list(zip(rows, heights)), plan.head_h, room))
    return plan


def _rows_on_pages(rows: list[tuple], head_h: float, room: float) -> list[list[tuple]]:
    """Rows (row, height) under a head row on as few pages as they need, shared out evenly."""
    def cut(height: float) -> list[list[tuple]]:
        pages, page, used = [], [], head_h
        for row, row_h in rows:
            if page and used + row_h > height:
                pages.append(page)
                page, used = [], head_h
            page.append((row, row_h))
            used += row_h
        return pages + [page]

    fewest = len(cut(room))
    even = math.ceil(len(rows) / fewest)  # as many rows on each page as the same count allows
    for per_page in range(even, len(rows) + 1):
        pages = [rows[i:i + per_page] for i in range(0, len(rows), per_page)]
        if len(pages) <= fewest and all(head_h + sum(h for _, h in page) <= room for page in pages):
            return pages
    return cut(room)


def _grid(b: Builder, slot: agenda.Slot) -> None:
    """The offices' positions on the session's topics, each label in its colour: topics down and
    offices across if that fits one slide, else offices down and topics across; at the largest
    size that shows the grid on one slide, else at 12 pt on as few as it needs."""
    kb, session = b.kb, slot.session
    topics = [kb.topics[t] for t in session.topics if t in kb.topics]
    offices = kb.offices_in_order()
    if not topics or not offices:
        return
    cells: dict[tuple[str, str], tuple[str, str | None]] = {}
    marks = set()
    for topic in topics:
        for office in offices:
            entry = kb.entries.get((office.code, topic.id))
            if entry is None:
                cells[topic.id, office.code] = ("\u2013", None)
                marks.add("none")
                continue
            pos = position(kb, entry)
            if entry.status == "draft":
                marks.add("draft")
            cells[topic.id, office.code] = (pos.label + ("*" if entry.status == "draft" else ""),
                                            POSITION_COLOURS.get(pos.colour, "#" + MUTED).lstrip("#"))
    legend = (["* draft: not yet checked against its source"] if "draft" in marks else []) + (
        ["\u2013 no entry yet"] if "none" in marks else [])
    legend_para = Para((Run(";  ".join(legend) + ".", colour=MUTED),)) if legend else None
    legend_h = para_height(legend_para, BODY_MIN, len(wrap(legend_para, BODY_W, BODY_MIN))) + 10 if legend_para else 0.0
    kicker = _kicker(_one_line(session.title))[0]
    title = "Positions of the offices"
    top = _body_top(b.title_height(title), kicker, None)
    plans = (_grid_plan(topics, offices, cells, size, BODY_BOTTOM - top - legend_h, across)
             for size in GRID_SIZES for across in (True, False))
    plan = next((plan for plan in plans if plan.slides == 1), None)
    tallest = None
    if plan is None:  # on several slides, one geometry for all, with room for the longest title
        tallest = b.title_height(f"{title} (99 of 99)")
        top = _body_top(tallest, kicker, None)
        plan = min((_grid_plan(topics, offices, cells, GRID_SIZES[-1], BODY_BOTTOM - top - legend_h, across)
                    for across in (True, False)), key=lambda plan: plan.slides)
    n = 0
    for chunk, pages in zip(plan.chunks, plan.pages):
        for page in pages:
            n += 1
            slide = b.new(slot, 3 / plan.slides)
            b.bar(slide, title if plan.slides == 1 else f"{title} ({n} of {plan.slides})", kicker, title_height=tallest)
            _grid_table(slide, plan, chunk, page, cells, top)
            if legend_para:
                table_h = plan.head_h + sum(h for _, h in page)
                _textbox(slide, "Legend", MARGIN, top + table_h + 10, BODY_W, legend_h - 10, [legend_para], BODY_MIN,
                         MUTED)


def _grid_table(slide, plan: GridPlan, chunk, page, cells, top: float) -> None:
    head = plan.size
    table_h = plan.head_h + sum(h for _, h in page)
    frame = slide.shapes.add_table(len(page) + 1, len(chunk) + 1, _emu(MARGIN), _emu(top),
                                   _emu(plan.left_w + plan.column * len(chunk)), _emu(table_h))
    frame.name = "Grid"
    table = frame.table
    table.first_row, table.horz_banding = True, False
    table.columns[0].width = _emu(plan.left_w)
    for j in range(len(chunk)):
        table.columns[j + 1].width = _emu(plan.column)
    table.rows[0].height = _emu(plan.head_h)
    for i, (_, row_h) in enumerate(page, 1):
        table.rows[i].height = _emu(row_h)

    def put(cell, text: str, size: float, fill: str, colour: str, align: str = "ctr") -> None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill.upper())
        cell.margin_left = cell.margin_right = _emu(GRID_INSET[0])
        cell.margin_top = cell.margin_bottom = _emu(GRID_INSET[1])
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        _fill(cell.text_frame, [Para((Run(text, bold=True),))], size, colour, align=align, exact=True)

    put(table.cell(0, 0), "Topic" if plan.offices_across else "Office", head, DEEP_INDIGO, WHITE, "l")
    for j, column in enumerate(chunk, 1):
        put(table.cell(0, j), plan.head(column), head, DEEP_INDIGO, WHITE)
    for i, (row, _) in enumerate(page, 1):
        put(table.cell(i, 0), plan.head(row), plan.size, PALE_INDIGO, INK, "l")
        for j, column in enumerate(chunk, 1):
            label, colour = plan.cell(cells, row, column)
            put(table.cell(i, j), label, plan.size, colour or NONE_FILL, WHITE if colour else MUTED)


def _diagram(b: Builder, slot: agenda.Slot, test) -> None:
    """An office's test as a picture, as large as the slide allows below its title."""
    words = [f"{test.title} ({test.office}), the test in words:"] + [
        f"{n}. {_one_line(node.question)}" for n, node in enumerate(test.nodes, 1)]
    slide = b.new(slot, 4, words)
    title = f"{_one_line(test.title)} ({test.office})"
    top = b.bar(slide, title, _one_line(slot.session.title), test.office)
    picture = io.BytesIO(diagrams.png(test))
    room_w, room_h = _emu(BODY_W), _emu(BODY_BOTTOM - top)
    shape = slide.shapes.add_picture(picture, _emu(MARGIN), _emu(top))
    shape.name = "Diagram"
    shape._element.nvPicPr.cNvPr.set("descr", " ".join(words))
    scale = min(room_w / shape.width, room_h / shape.height, 1.0)
    shape.width, shape.height = int(shape.width * scale), int(shape.height * scale)
    shape.left = int((_emu(W) - shape.width) // 2)


def _case(b: Builder, slot: agenda.Slot, case) -> None:
    session = slot.session
    title = f"Exercise: {_one_line(case.title)}"
    b.content(title, claim_paragraphs(case.claim), kicker=_one_line(session.title), slot=slot, weight=3,
              sizes=CLAIM_SIZES, name="Claim")
    questions = session.questions or ["How would each office decide: " + ", ".join(a.office for a in case.analyses) + "?"]
    b.content("Questions", _bullets(questions), kicker=title, slot=slot, weight=6)
    if b.answers:
        indent = max([width(a.office, 1, bold=True) for a in case.analyses] + [1.5]) + 1.0
        paras = []
        for a in case.analyses:
            outcome = OUTCOMES[a.outcome]
            label = Run(outcome.label, bold=True, colour=POSITION_COLOURS[outcome.colour].lstrip("#"))
            paras.append(Para((Run(a.office, bold=True), label, Run(". " + _one_line(a.summary))), mark="lead",
                              indent=indent, space_before=0.4))
        b.content(f"Answers: {_one_line(case.title)}", paras, kicker=_one_line(session.title), slot=slot, weight=4)


def titles(deck: Presentation) -> list[str]:
    return [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in deck.slides]


def deck(kb: KnowledgeBase, w: Workshop, when: dt.date, *, answers: bool) -> bytes:
    b = Builder(kb, w, answers=answers)
    props = b.prs.core_properties
    stamp = dt.datetime.combine(when, dt.time())
    props.title, props.author, props.last_modified_by = w.title, "CII Community of Practice", "cop pack"
    props.created = props.modified = stamp
    props.revision = 1

    slots = agenda.slots(w)
    _title_slide(b)
    _agenda(b, slots)
    for slot in slots:
        session = slot.session
        _section(b, slot, len(slots))
        kicker = _one_line(session.title)
        b.content("Objectives", _bullets(session.objectives), kicker=kicker, slot=slot, weight=2)
        b.content("Key points", _bullets(session.keypoints), kicker=kicker, slot=slot, weight=3)
        if session.kind in ("talk", "discussion"):
            _grid(b, slot)
        for key in session.tests:
            if key in kb.tests:
                _diagram(b, slot, kb.tests[key])
        for case_id in session.cases:
            if case_id in kb.cases:
                _case(b, slot, kb.cases[case_id])
    b.finish()

    buffer = io.BytesIO()
    b.prs.save(buffer)
    return normalise_zip(buffer.getvalue(), stamp)
