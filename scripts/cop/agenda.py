"""A workshop's agenda and the parts of it each audience sees; no rendering here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import blocks
from .model import Analysis, Case, KnowledgeBase, Session, Workshop


@dataclass(frozen=True)
class Slot:
    session: Session
    start: str  # HH:MM
    end: str
    number: int

    @property
    def anchor(self) -> str:
        return f"session-{self.number}"


def slots(workshop: Workshop) -> list[Slot]:
    """Start and end of each session, from the workshop's start and the sessions' minutes."""
    clock = dt.datetime.combine(dt.date(2000, 1, 1), dt.time.fromisoformat(workshop.start))
    result = []
    for number, session in enumerate(workshop.sessions, start=1):
        end = clock + dt.timedelta(minutes=session.minutes)
        result.append(Slot(session, clock.strftime("%H:%M"), end.strftime("%H:%M"), number))
        clock = end
    return result


def participant_text(session: Session) -> str:
    return blocks.participant_text(session.body).strip()


def facilitator_notes(session: Session) -> list[str]:
    return [b.text.strip() for b in blocks.split(session.body) if b.kind in blocks.PRIVATE]


def case_ids(kb: KnowledgeBase, workshop: Workshop) -> list[str]:
    """The cases the workshop's exercises use, in the order they first appear."""
    seen: list[str] = []
    for session in workshop.sessions:
        seen += [c for c in session.cases if c not in seen and c in kb.cases]
    return seen


def cases(kb: KnowledgeBase, workshop: Workshop) -> list[Case]:
    return [kb.cases[c] for c in case_ids(kb, workshop)]


def topics(kb: KnowledgeBase, workshop: Workshop) -> list[str]:
    """Topics the workshop covers: those its sessions name and those its cases exercise, in taxonomy order."""
    wanted = {t for s in workshop.sessions for t in s.topics}
    wanted |= {t for case in cases(kb, workshop) for t in case.topics}
    return [t.id for t in kb.topics_in_order() if t.id in wanted]


def answer_texts(case: Case) -> list[str]:
    """The answer-key text of a case: what must never reach a participant."""
    texts: list[str] = []
    for analysis in case.analyses:
        texts.append(analysis.summary)
        texts += [step.finding for step in analysis.steps]
    return texts


def office_name(kb: KnowledgeBase, analysis: Analysis) -> str:
    office = kb.offices.get(analysis.office)
    return office.name if office else analysis.office
