"""The pages of a pack people write on or work from: the day's overview, a worksheet per exercise,
the compact grid of positions, the workshop's glossary, the evaluation form, and for facilitators
the preparation checklist and the room sheet.

All are HTML for the print CSS of cop.packs.documents; every value from the data is escaped or
rendered by cop.views.safe. Nothing here holds an answer: the answer keys are documents.answer_keys.
"""

from __future__ import annotations

import re

from .. import agenda
from ..model import Case, KnowledgeBase, Session, Workshop
from ..rules.internal_link import LINK
from ..views.fragments import agenda_table, exercise_questions, facts_table, text_list
from ..views.safe import markdown_html, text
from ..views.vocabulary import position

ANSWER_LINES = 7  # ruled lines under each question of a worksheet
SCALE = ("1 not at all", "2", "3", "4", "5 fully")


def no_links(scheme, value):
    return None  # a printed page has no site to link to: knowledge-base references stay as text


def ruled(lines: int) -> str:
    return '<div class="ruled">' + '<div class="line"></div>' * lines + "</div>"


def overview(w: Workshop) -> str:
    """One page: the agenda with times, the day's objectives, and how to open the offline site."""
    return (f'<div class="overview">{agenda_table(agenda.slots(w))}'
            f'<p class="label">By the end of the day you can</p>{text_list(w.objectives)}'
            '<p class="label">The knowledge base without a network</p>'
            "<p>The pack holds the whole site in its folder <code>site/</code>: unzip the pack and open "
            "<code>site/index.html</code> in a web browser. It needs no network and no installation; search, the "
            "comparison matrix and every office's practice work from the folder.</p></div>")


def worksheet(session: Session, case: Case) -> str:
    """A case to work on paper: the claim, the facts, each question with room for the answer."""
    facts = markdown_html(case.facts, no_links) if case.facts else ""
    questions = "".join(f'<div class="question"><p><strong>{n}.</strong> {text(q)}</p>{ruled(ANSWER_LINES)}</div>'
                        for n, q in enumerate(exercise_questions(case, session.questions), 1))
    return (f'<div class="worksheet"><h3>Worksheet: {text(case.title)}</h3>'
            f'<p class="small">{text(session.title)}. Name: ______________________ Group: ________</p>'
            f'<blockquote class="claim">{markdown_html(case.claim, no_links)}</blockquote>{facts}{questions}</div>')


def worksheets(kb: KnowledgeBase, w: Workshop) -> str:
    sheets = [worksheet(s, kb.cases[c]) for s in w.sessions for c in s.cases if c in kb.cases]
    return "".join(sheets) or "<p>This workshop has no case exercises.</p>"


def position_grid(kb: KnowledgeBase, topic_ids: list[str]) -> str:
    """The topics covered, each office's position at a glance: labels in the site's colours."""
    if not topic_ids:
        return "<p>No topics.</p>"
    offices = kb.offices_in_order()
    head = "".join(f"<th>{text(o.code)}</th>" for o in offices)
    rows = []
    for topic_id in topic_ids:
        cells = []
        for o in offices:
            entry = kb.entries.get((o.code, topic_id))
            if entry is None:
                cells.append('<td class="none">-</td>')
                continue
            pos = position(kb, entry)
            mark = "*" if entry.status == "draft" else ""
            cells.append(f'<td class="pos-{pos.colour}">{text(pos.label)}{mark}</td>')
        rows.append(f"<tr><th>{text(kb.topics[topic_id].title)}</th>{''.join(cells)}</tr>")
    return (f'<table class="grid"><thead><tr><th>Topic</th>{head}</tr></thead><tbody>{"".join(rows)}'
            '</tbody></table><p class="small">* draft: not yet checked against its source. -: no entry yet. The '
            "appendix gives each office's summary and source.</p>")


def terms_used(kb: KnowledgeBase, w: Workshop) -> list[str]:
    """The glossary terms the workshop links to or names (its sessions, key points and cases), A to Z."""
    texts = [s.body for s in w.sessions] + [line for s in w.sessions for line in (*s.keypoints, *s.objectives)]
    texts += [kb.cases[c].claim + " " + (kb.cases[c].facts or "") for c in agenda.case_ids(kb, w)]
    joined = "\n".join(texts)
    # Links found as the link rule finds them (cop.rules.internal_link), glossary targets kept.
    linked = (target.partition(":") for target in LINK.findall(joined))
    found = {value for scheme, _, value in linked if scheme == "glossary"} & set(kb.terms)
    lowered = joined.lower()
    for term in kb.terms.values():
        names = [term.term] + ([term.abbreviation] if term.abbreviation else [])
        if any(re.search(rf"(?<![\w-]){re.escape(n.lower())}(?![\w-])", lowered) for n in names if len(n) > 2):
            found.add(term.id)
    return sorted(found, key=lambda t: (kb.terms[t].term.lower(), t))


def glossary(kb: KnowledgeBase, w: Workshop) -> str:
    items = []
    for term_id in terms_used(kb, w):
        term = kb.terms[term_id]
        name = text(term.term) + (f" ({text(term.abbreviation)})" if term.abbreviation else "")
        items.append(f"<dt>{name}</dt><dd>{markdown_html(term.definition, no_links)}</dd>")
    return f'<dl class="glossary">{"".join(items)}</dl>' if items else "<p>The workshop uses no glossary term.</p>"


def evaluation_form(w: Workshop) -> str:
    """One question per objective of the day, on a scale, with room to say why; then the day as a whole."""
    scale = "".join(f'<td><span class="box"></span> {text(s)}</td>' for s in SCALE)
    rows = "".join(f'<div class="question"><p><strong>{n}.</strong> After today I can: {text(o)}</p>'
                   f'<table class="scale"><tr>{scale}</tr></table><p class="small">Why, or what was missing:</p>{ruled(2)}</div>'
                   for n, o in enumerate(w.objectives, 1))
    last = len(w.objectives) + 1
    return (f'<div class="evaluation"><p>{text(w.title)}. Please answer before you leave; no name needed.</p>{rows}'
            f'<div class="question"><p><strong>{last}.</strong> What was most useful today?</p>{ruled(3)}</div>'
            f'<div class="question"><p><strong>{last + 1}.</strong> What should the next workshop change or add?</p>'
            f"{ruled(3)}</div></div>")


def checklist(kb: KnowledgeBase, w: Workshop, *, people: bool) -> str:
    """What to prepare and bring, from what the workshop holds."""
    exercises = [c for s in w.sessions for c in s.cases if c in kb.cases]
    items = [
        "Read this guide, the answer keys and each exercise case; agree who leads which session.",
        "Speakers: check the entries of your office in the knowledge base (site/offices/) and say where practice differs.",
        "Print the participant handout, one per participant.",
        f"Print the worksheets ({len(exercises)} exercise{'s' if len(exercises) != 1 else ''}) one set per participant, "
        "and the evaluation form." if exercises else "Print the evaluation form, one per participant.",
        "Projector or screen for 16:9 slides; slides.pptx (participants' deck) and facilitator-slides.pptx (notes "
        "and answers: never on the shared screen).",
        "Copy the pack's site/ folder onto every machine in the room, or onto USB sticks (see the room sheet).",
        "A clock visible to the facilitator: the timing plan gives each session's start and end.",
    ]
    if people:
        items += ["Print the certificates (certificates.pdf) and the attendance sheet; have them signed."]
    else:
        items += ["For certificates and an attendance sheet, pack again with --participants people.csv."]
    return '<ul class="checklist">' + "".join(f'<li><span class="box"></span> {text(i)}</li>' for i in items) + "</ul>"


def room_sheet(w: Workshop) -> str:
    """The room, the network, and how the offline site reaches the room's machines."""
    dates = ", ".join(d.isoformat() for d in w.dates.values()) if w.dates else "to be set"
    facts = [("Venue", w.venue or "to be set"), ("Dates", dates), ("Format", w.format or ""),
             ("Network", "none assumed: everything the day needs is in the pack")]
    return (facts_table((label, text(value)) for label, value in facts if value) +
            "<p class=\"label\">The offline site on the room's machines</p><ol>"
            "<li>Unzip the participant pack on each machine (or on USB sticks handed out).</li>"
            "<li>Open <code>site/index.html</code> in a web browser: search, the matrix and every page work from the "
            "folder, with no network and nothing to install.</li>"
            "<li>On one machine shared over the room's own network, a folder server works too, e.g. "
            "<code>python3 -m http.server --directory site</code>; the facilitator pack's site/ also shows this "
            "workshop's facilitator notes: never share that one with participants.</li></ol>"
            '<p class="label">Groups for the exercises</p><p>Tables of four to six, mixing offices; one printed '
            "worksheet per person and one pen colour per group for the report-back.</p>"
            f'<p class="label">Notes</p>{ruled(6)}')
