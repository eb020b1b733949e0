"""The handout and the facilitator guide as HTML with print CSS, ready for a PDF engine.

The handout is what participants keep: agenda, objectives, sessions without facilitator
notes, exercises without answers, and the comparison tables of the topics covered. The guide
adds the timing plan, the notes and the answer keys, drawn from the case analyses.
"""

from __future__ import annotations

import datetime as dt

from .. import agenda
from ..model import KnowledgeBase, Workshop
from ..views.fragments import (agenda_table, citation, exercise_question, facts_table, outcomes_table,
                               position_badge, status_badge, text_list, workshop_facts)
from ..views import diagrams
from ..views.safe import markdown_html, text
from ..views.vocabulary import DESIGN_NOTICE, OUTCOMES

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
        @top-left { content: string(title); font-size: 8pt; color: #555; }
        @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; } }
@page :first { @top-left { content: none; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }
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
.note { border-left: 1mm dashed #7a4d00; padding-left: 3mm; }
.answer { border: 0.8pt solid #1b7f3b; padding: 2mm 3mm; }
.small { font-size: 8pt; color: #444; }
a { color: #1f4f99; }
.cop-diagram { margin: 2mm 0; page-break-inside: avoid; text-align: center; }
.cop-diagram svg { max-width: 100%; height: auto; }
.cop-diagram figcaption { font-size: 8pt; color: #444; }
.cop-test-steps li { page-break-inside: avoid; }
.cop-meta { font-size: 8pt; color: #444; }
"""


def pdf_bytes(html: str) -> bytes:
    """HTML with print CSS as a PDF (WeasyPrint): no date in it, so the same HTML gives the same bytes."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def _doc(title: str, sections: list[tuple[str, str, str]], cover: str) -> str:
    """sections: (anchor, heading, html)."""
    toc = "".join(f'<li><a href="#{a}">{text(h)}</a></li>' for a, h, _ in sections)
    body = "".join(f'<h2 class="part" id="{a}">{text(h)}</h2>{html}' for a, h, html in sections)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{text(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{text(title)}</h1>{cover}"
            f'<h2 id="contents">Contents</h2><ul class="toc">{toc}</ul>{body}</body></html>')


def no_links(scheme, value):
    return None  # a printed page has no site to link to: knowledge-base references stay as text


def _cover(w: Workshop, audience: str, when: dt.date) -> str:
    return (f'<div class="cover"><p>{text(audience)}</p>{facts_table(workshop_facts(w))}'
            f'<p class="notice">{text(DESIGN_NOTICE)}</p><p class="small">Generated from the knowledge base on '
            f"{when.isoformat()}.</p></div>")


def exercise(case) -> str:
    facts = markdown_html(case.facts, no_links) if case.facts else ""
    return (f"<h3>Exercise: {text(case.title)}</h3><blockquote>{markdown_html(case.claim, no_links)}</blockquote>{facts}"
            f"{exercise_question(case)}")


def office_test(kb: KnowledgeBase, test) -> str:
    """An office's test on paper: the diagram without links, the questions in words, the sources."""
    return (f"<h3>{text(test.title)} ({text(test.office)})</h3>"
            + diagrams.figure(test, kb.sources, link=lambda node: None, detail=lambda source: markdown_html(source, no_links)))


def comparison_tables(kb: KnowledgeBase, w: Workshop) -> str:
    parts = []
    for topic_id in agenda.topics(kb, w):
        topic = kb.topics[topic_id]
        rows = []
        for office in kb.offices_in_order():
            entry = kb.entries.get((office.code, topic_id))
            if entry is None:
                rows.append(f"<tr><td>{office.code}</td><td colspan='4'>no entry yet</td></tr>")
                continue
            sources = "; ".join(citation(kb.sources, c, detail="source") for c in entry.citations)
            rows.append(f"<tr><td>{office.code}</td><td>{position_badge(kb, entry)}</td>"
                        f"<td>{text(entry.summary)}</td><td>{sources}</td>"
                        f"<td>{status_badge(entry.status)}, {entry.last_reviewed.isoformat()}</td></tr>")
        parts.append(f"<h3>{text(topic.title)}</h3><p>{text(topic.question)}</p><table><thead><tr><th>Office</th>"
                     "<th>Position</th><th>Summary</th><th>Source and pinpoint</th><th>Status, reviewed</th></tr></thead>"
                     f"<tbody>{''.join(rows)}</tbody></table>")
    return "".join(parts) or "<p>No topics.</p>"


def _sessions(kb: KnowledgeBase, w: Workshop, *, facilitator: bool) -> str:
    parts = []
    for s in agenda.slots(w):
        session = s.session
        html = f'<h3 id="{s.anchor}">{s.start}\u2013{s.end} {text(session.title)}</h3>'
        if session.objectives:
            html += text_list(session.objectives)
        html += markdown_html(agenda.participant_text(session), no_links)
        if facilitator:
            for note in agenda.facilitator_notes(session):
                html += f'<div class="note"><p><strong>Facilitator</strong></p>{markdown_html(note, no_links)}</div>'
        html += "".join(office_test(kb, kb.tests[key]) for key in session.tests if key in kb.tests)
        html += "".join(exercise(kb.cases[c]) for c in session.cases if c in kb.cases)
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


def handout(kb: KnowledgeBase, w: Workshop, when: dt.date) -> str:
    return _doc(w.title, [
        ("agenda", "Agenda", agenda_table(agenda.slots(w))),
        ("objectives", "Objectives", text_list(w.objectives)),
        ("sessions", "Sessions", _sessions(kb, w, facilitator=False)),
        ("comparison", "Comparison tables", comparison_tables(kb, w)),
    ], _cover(w, "Participant handout", when))


def facilitator_guide(kb: KnowledgeBase, w: Workshop, when: dt.date) -> str:
    return _doc(f"{w.title}: facilitator guide", [
        ("timing", "Timing plan", agenda_table(agenda.slots(w), elapsed=True)),
        ("objectives", "Objectives", text_list(w.objectives)),
        ("sessions", "Sessions and facilitator notes", _sessions(kb, w, facilitator=True)),
        ("answers", "Answer keys", answer_keys(kb, w)),
        ("comparison", "Comparison tables", comparison_tables(kb, w)),
    ], _cover(w, "Facilitator guide: not for participants", when))
