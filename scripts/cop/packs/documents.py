"""The handout and the facilitator guide as HTML with print CSS, ready for a PDF engine.

The handout is what participants keep and write on: a one-page overview of the day, the
sessions (objectives, questions, key points, text) without facilitator notes, a worksheet per
exercise with room for the answers, the positions of the topics covered as one compact grid,
the glossary of the terms the workshop uses and an evaluation form; the comparison tables of
those topics, office by office, close it as an appendix. The guide adds the timing plan, a
preparation checklist and the room sheet, the facilitator notes and the answer keys, drawn from
the case analyses. The pages to write on are cop.packs.sheets.
"""

from __future__ import annotations

import datetime as dt

from .. import agenda
from ..model import KnowledgeBase, Workshop
from ..views.fragments import (agenda_table, citation, facts_table, outcomes_table,
                               position_badge, status_badge, text_list, workshop_facts)
from ..views import diagrams
from ..views.safe import markdown_html, text
from ..views.vocabulary import DESIGN_NOTICE, OUTCOMES, POSITION_COLOURS
from . import sheets
from .fonts import CSS_STACK

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
        @top-left { content: string(title); font-size: 8pt; color: #555; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
@page :first { @top-left { content: none; } }
html { font-family: """ + CSS_STACK + """; font-size: 9.5pt; line-height: 1.35; color: #111; }
h1 { string-set: title content(); font-size: 20pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin-top: 8mm; page-break-after: avoid; }
h2.part { page-break-before: always; }
h3 { font-size: 11pt; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; page-break-inside: auto; }
th, td { border: 0.4pt solid #999; padding: 1.2mm 1.6mm; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
blockquote { margin: 2mm 0; padding: 2mm 4mm; border-left: 1.2mm solid #888; background: #f3f3f3; }
.cover p { font-size: 11pt; }
.notice { border: 0.6pt solid #a86a00; padding: 2mm 3mm; }
.toc a { text-decoration: none; color: #111; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
.toc li { list-style: none; }
/* A facilitator block: one box, whole on each page it crosses. */
.note { border: 0.6pt solid #7a4d00; border-left-width: 1.2mm; background: #fbf5ea; padding: 1mm 3mm;
        margin: 2mm 0; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.label { font-weight: bold; margin: 3mm 0 1mm; }
.keypoints li { margin-bottom: 1mm; }
.worksheet { page-break-before: always; }
.worksheet .claim { font-size: 11pt; }
.question { page-break-inside: avoid; margin-top: 3mm; }
.ruled .line { height: 8mm; border-bottom: 0.5pt solid #888; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.6pt solid #333; vertical-align: -0.5mm; }
.scale { width: auto; margin: 1mm 0; }
.scale td { border: none; padding: 0 5mm 0 0; }
.checklist { list-style: none; padding-left: 0; }
.checklist li { margin: 1.5mm 0; }
/* Fifteen offices side by side: the grid has an A4 landscape page of its own. */
@page wide { size: A4 landscape; margin: 15mm 15mm 15mm 15mm; }
.wide { page: wide; }
.office { page-break-inside: avoid; margin: 0 0 2.5mm; }
.office p { margin: 0 0 0.6mm; }
.office .cop-pos { font-weight: bold; }
table.grid { font-size: 7pt; table-layout: fixed; hyphens: manual; }
table.grid th:first-child { width: 17%; }
.overview table { font-size: 8.5pt; margin: 2mm 0; }
.overview td, .overview th { padding: 0.5mm 1.4mm; }
.overview td:first-child { white-space: nowrap; }
.overview ul { margin: 1mm 0; }
table.grid td { text-align: center; padding: 0.8mm 0.5mm; font-weight: bold; }
table.grid td.none { color: #666; font-weight: normal; }
dl.glossary dt { font-weight: bold; margin-top: 2mm; }
dl.glossary dd { margin-left: 0; }
.evaluation .question { margin-top: 4mm; }
.answer { border: 0.8pt solid #1b7f3b; padding: 2mm 3mm; }
.small { font-size: 8pt; color: #444; }
a { color: #1f4f99; }
.cop-diagram { margin: 2mm 0; page-break-inside: avoid; text-align: center; }
.cop-diagram svg { max-width: 100%; height: auto; }
.cop-diagram figcaption { font-size: 8pt; color: #444; }
.cop-test-steps li { page-break-inside: avoid; }
.cop-meta { font-size: 8pt; color: #444; }
"""


# The grid's cells in the site's position colours, white text on each.
CSS += "".join(f"table.grid td.pos-{name} {{ background: {value}; color: #fff; }}\n" for name, value in POSITION_COLOURS.items())


def pdf_bytes(html: str) -> bytes:
    """HTML with print CSS as a PDF (WeasyPrint): no date in it, so the same HTML gives the same bytes."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _doc(title: str, sections: list[tuple[str, ...]], cover: str) -> str:
    """sections: (anchor, heading, html), or (anchor, heading, html, page) to print a part on a
    named page of the CSS (`wide`: A4 landscape)."""
    toc = "".join(f'<li><a href="#{a}">{text(h)}</a></li>' for a, h, *_ in sections)
    body = "".join(f'<section class="{rest[0] if rest else ""}"><h2 class="part" id="{a}">{text(h)}</h2>{html}</section>'
                   for a, h, html, *rest in sections)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{text(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{text(title)}</h1>{cover}"
            f'<h2 id="contents">Contents</h2><ul class="toc">{toc}</ul>{body}</body></html>')


no_links = sheets.no_links


def _cover(w: Workshop, audience: str, when: dt.date) -> str:
    return (f'<div class="cover"><p>{text(audience)}</p>{facts_table(workshop_facts(w))}'
            f'<p class="notice">{text(DESIGN_NOTICE)}</p><p class="small">Generated from the knowledge base on '
            f"{when.isoformat()}.</p></div>")


def office_test(kb: KnowledgeBase, test, *, drawn: bool = True) -> str:
    """An office's test on paper: the diagram without links, the questions in words, the sources.
    drawn=False: the questions only, for the guide; the handout, which facilitators hold too,
    has the diagram (and drawing it again took a third of the guide's time)."""
    detail = lambda source: markdown_html(source, no_links)  # noqa: E731
    heading = f"<h3>{text(test.title)} ({text(test.office)})</h3>"
    if drawn:
        return heading + diagrams.figure(test, kb.sources, link=lambda node: None, detail=detail)
    return (heading + '<p class="small">The diagram of these questions is in the participant handout.</p>'
            + diagrams.steps_list(test, kb.sources, detail=detail) + diagrams.status_line(test))


def comparison_tables(kb: KnowledgeBase, w: Workshop) -> str:
    """Each topic the day covers, then each office's position on it: summary, sources, status.
    A block per office rather than a table row: on paper it reads as a reference list, takes half
    the pages of five narrow columns, and lays out in half the time."""
    parts = []
    for topic_id in agenda.topics(kb, w):
        topic = kb.topics[topic_id]
        offices = []
        for office in kb.offices_in_order():
            entry = kb.entries.get((office.code, topic_id))
            if entry is None:
                offices.append(f'<div class="office"><p><strong>{office.code}</strong> no entry yet</p></div>')
                continue
            sources = "; ".join(citation(kb.sources, c, detail="source") for c in entry.citations)
            offices.append(f'<div class="office"><p><strong>{office.code}</strong> {position_badge(kb, entry)}: '
                           f'{text(entry.summary)}</p><p class="small">{sources or "No source cited."} · '
                           f"{status_badge(entry.status)}, reviewed {entry.last_reviewed.isoformat()}</p></div>")
        parts.append(f"<h3>{text(topic.title)}</h3><p>{text(topic.question)}</p>{''.join(offices)}")
    return "".join(parts) or "<p>No topics.</p>"


def _sessions(kb: KnowledgeBase, w: Workshop, *, facilitator: bool) -> str:
    parts = []
    for s in agenda.slots(w):
        session = s.session
        html = f'<h3 id="{s.anchor}">{s.start}\u2013{s.end} {text(session.title)}</h3>'
        if session.objectives:
            html += '<p class="label">Objectives</p>' + text_list(session.objectives)
        if session.questions:
            html += '<p class="label">Questions</p>' + text_list(session.questions)
        if session.keypoints:
            html += '<p class="label">Key points</p>' + keypoints(session)
        html += markdown_html(agenda.participant_text(session), no_links)
        if facilitator:
            for note in agenda.facilitator_notes(session):
                html += f'<div class="note"><p><strong>Facilitator</strong></p>{markdown_html(note, no_links)}</div>'
        html += "".join(office_test(kb, kb.tests[key], drawn=not facilitator) for key in session.tests if key in kb.tests)
        html += "".join(f"<p><strong>Exercise:</strong> {text(kb.cases[c].title)}: see its worksheet.</p>"
                        for c in session.cases if c in kb.cases)
        parts.append(html)
    return "".join(parts)


def answer_keys(kb: KnowledgeBase, w: Workshop) -> str:
    parts = []
    for case in agenda.cases(kb, w):
        html = (f"<h3>Answer key: {text(case.title)}</h3>"
                + ("<p class='small'>Illustrative analysis written for the Community of Practice; not a decision of "
                   "any office.</p>" if case.illustrative else "")
                + outcomes_table(case.analyses))
        for a in case.analyses:
            steps = "".join(f"<li><strong>{text(step.test)}</strong>: {markdown_html(step.finding, no_links)}</li>"
                            for step in a.steps)
            cites = "; ".join(citation(kb.sources, c, detail="source") for c in a.citations)
            html += (f'<div class="answer"><p><strong>{text(agenda.office_name(kb, a))} ({a.office})</strong>: '
                     f"{OUTCOMES[a.outcome].label}</p><ol>{steps}</ol><p class='small'>Sources: {cites}</p></div>")
        parts.append(html)
    return "".join(parts) or "<p>This workshop has no case exercises.</p>"


def keypoints(session) -> str:
    """A session's key points: Markdown lines whose knowledge-base links print as their words."""
    return '<div class="keypoints">' + markdown_html("\n".join(f"- {line}" for line in session.keypoints), no_links) + "</div>"


def handout(kb: KnowledgeBase, w: Workshop, when: dt.date) -> str:
    topics = agenda.topics(kb, w)
    return _doc(w.title, [
        ("overview", "The day at a glance", sheets.overview(w)),
        ("sessions", "Sessions", _sessions(kb, w, facilitator=False)),
        ("worksheets", "Worksheets", sheets.worksheets(kb, w)),
        ("positions", "Positions of the offices on the topics covered", sheets.position_grid(kb, topics), "wide"),
        ("glossary", "Glossary", sheets.glossary(kb, w)),
        ("evaluation", "Evaluation form", sheets.evaluation_form(w)),
        ("comparison", "Appendix: the offices' practice, topic by topic", comparison_tables(kb, w)),
    ], _cover(w, "Participant handout", when))


def facilitator_guide(kb: KnowledgeBase, w: Workshop, when: dt.date, *, people: bool = False) -> str:
    return _doc(f"{w.title}: facilitator guide", [
        ("timing", "Timing plan", agenda_table(agenda.slots(w), elapsed=True)),
        ("preparation", "Preparation and materials", sheets.checklist(kb, w, people=people)),
        ("room", "Room sheet", sheets.room_sheet(w)),
        ("objectives", "Objectives", text_list(w.objectives)),
        ("sessions", "Sessions and facilitator notes", _sessions(kb, w, facilitator=True)),
        ("answers", "Answer keys", answer_keys(kb, w)),
        # The office-by-office tables are the handout's appendix, which the facilitator pack holds too.
        ("positions", "Positions of the offices on the topics covered", sheets.position_grid(kb, agenda.topics(kb, w)),
         "wide"),
    ], _cover(w, "Facilitator guide: not for participants", when))
