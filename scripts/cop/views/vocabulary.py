"""What the views call the data's values: outcomes, review statuses, session kinds, positions.

Pages, macros, handouts and slides all print these words, so each is written here once. The
keys are the values the schemas allow (tests/test_views.py keeps the two in step).
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Entry, KnowledgeBase, Position


# The hex of each position colour, as docs/assets/cop.css gives it (`.cop-green { --cop: #1b7f3b; }`),
# chosen there for white bold text: for what the site's CSS does not style, the workbook and the
# printed grids (tests/test_downloads.py keeps the two in step).
POSITION_COLOURS = {"green": "#1b7f3b", "teal": "#00796b", "blue": "#1f5fbf", "purple": "#6a3fa0",
                    "amber": "#8a5700", "orange": "#a3420f", "red": "#b3261e", "grey": "#5f6368"}


class Outcome(NamedTuple):
    label: str
    colour: str  # the position colours of cop.css


OUTCOMES = {
    "allowable": Outcome("Allowable", "green"),
    "eligible": Outcome("Eligible", "teal"),
    "not-inventive": Outcome("Not inventive", "amber"),
    "not-eligible": Outcome("Not eligible", "red"),
    "depends": Outcome("Depends on drafting", "purple"),
}


class Status(NamedTuple):
    label: str
    meaning: str


STATUS_LABELS = {
    "draft": Status("Draft", "written, not yet checked against the cited official text"),
    "verified": Status("Verified", "checked against the cited official text"),
    "reviewed": Status("Reviewed", "reviewed by an examiner of the office"),
    "endorsed": Status("Endorsed", "endorsed by the office"),
}

SESSION_KINDS = {"talk": "Talk", "exercise": "Exercise", "discussion": "Discussion", "break": "Break"}

DESIGN_NOTICE = ("This is a training design. Where it names an earlier meeting, it is modelled on that meeting; "
                 "it is not a record of that meeting's agenda.")


def position(kb: KnowledgeBase, entry: Entry) -> Position:
    """The entry's position as its topic defines it.

    A position the topic does not define (a build with the check off) is shown by its id, in
    grey, with no meaning, rather than failing the page.
    """
    topic = kb.topics.get(entry.topic)
    known = topic.positions.get(entry.position) if topic else None
    return known or Position(id=entry.position, label=entry.position, meaning="", colour="grey")
