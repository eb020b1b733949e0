"""The list of workshops and one page per workshop, as participants see it: no notes, no answers."""

from __future__ import annotations

from ... import agenda
from .. import urls as where
from ..fragments import agenda_table, exercise_question, facts_table, table, text_list, workshop_facts
from ..practice import ViewContext
from ..safe import attr, heading, text
from ..vocabulary import DESIGN_NOTICE
from .frame import generated_page, note


def workshop_index(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.workshop_index()
    if not kb.workshops:
        return generated_page("Workshops", "No workshops yet.")
    rows = (f'<tr><td><a href="{attr(ctx.urls.link(page, where.workshop(folder)))}">{text(w.title)}</a></td>'
            f"<td>{text(w.format or '')}</td><td>{w.minutes // 60} h {w.minutes % 60:02d} min</td><td>{len(w.sessions)}</td></tr>"
            for folder, w in sorted(kb.workshops.items()))
    body = ("Workshop designs for the Community of Practice, as participants see them: agenda, objectives, "
            "sessions and exercises. Trainers export each one as a pack with `cop pack`.\n\n"
            + table(["Workshop", "Format", "Length", "Sessions"], rows))
    return generated_page("Workshops", body)


def exercise_html(ctx: ViewContext, page: str, case, asked=()) -> str:
    """A case as participants meet it: the claim and the facts, and the questions; never the analyses."""
    facts = f'<div class="cop-facts-text">{ctx.markdown(page, case.facts)}</div>' if case.facts else ""
    return (f'<div class="cop-exercise"><p class="cop-label">Exercise: {text(case.title)}</p>'
            f'<blockquote class="cop-claim">{ctx.markdown(page, case.claim)}</blockquote>{facts}'
            f"{exercise_question(case, asked)}</div>")


def workshop_page(ctx: ViewContext, folder: str) -> str:
    kb, page = ctx.kb, where.workshop(folder)
    w = kb.workshops[folder]
    body = note("A training design", DESIGN_NOTICE)
    body += "\n" + facts_table(workshop_facts(w))
    body += "\n\n## Objectives {#objectives}\n\n" + text_list(w.objectives)
    slots = agenda.slots(w)
    body += "\n\n## Agenda {#agenda}\n\n" + agenda_table(slots, link_sessions=True)
    for s in slots:
        session = s.session
        body += f"\n\n## {s.start}\u2013{s.end} {heading(session.title)} {{#{s.anchor}}}\n\n"
        parts = []
        if session.objectives:
            parts.append('<p class="cop-label">Objectives</p>' + text_list(session.objectives))
        if session.questions and not session.cases:
            parts.append('<p class="cop-label">Questions</p>' + text_list(session.questions))
        if session.keypoints:
            points = "\n".join(f"- {line}" for line in session.keypoints)
            parts.append(f'<p class="cop-label">Key points</p><div class="cop-keypoints">{ctx.markdown(page, points)}</div>')
        parts.append(f"<div>{ctx.markdown(page, agenda.participant_text(session))}</div>")
        if folder in ctx.facilitator_view:
            # The facilitator pack's own site: this workshop's notes, marked, never in any other edition.
            for said in agenda.facilitator_notes(session):
                parts.append(f'<div class="admonition warning cop-facilitator"><p class="admonition-title">Facilitator '
                             f"notes (facilitator pack only)</p>{ctx.markdown(page, said)}</div>")
        parts += [exercise_html(ctx, page, kb.cases[c], session.questions) for c in session.cases if c in kb.cases]
        topics = [t for t in session.topics if t in kb.topics]
        if topics:
            links = ", ".join(f'<a href="{attr(ctx.urls.link(page, where.topic(t)))}">{text(kb.topics[t].title)}</a>'
                              for t in topics)
            parts.append(f'<p class="cop-see">Comparison tables: {links}</p>')
        body += '<div class="cop-session">' + "".join(parts) + "</div>"
    return generated_page(w.title, body, weight="mentions")
