"""An entry's position is one of the positions its topic allows.

Each topic in practices/topics.yaml lists its positions (or names a shared
position set); the matrix legend explains exactly those, so a cell cannot
invent its own.

Passing:

    # practices/EP/program-claims.yaml
    topic: program-claims      # allows yes, partly, no, no-guidance
    position: partly

Failing:

    # practices/EP/program-claims.yaml
    topic: program-claims
    position: maybe
"""

from . import nearest

ID = "unknown-position"


def check(kb, ctx):
    for topic in kb.topics.values():
        if topic.position_set and topic.position_set not in kb.position_sets:
            yield topic.loc.problem(ID, f"topic '{topic.id}' names position set '{topic.position_set}', which is not defined",
                                    "positions", hint=nearest(topic.position_set, kb.position_sets))
    for entry in kb.entries.values():
        topic = kb.topics.get(entry.topic)
        if topic and topic.positions and entry.position not in topic.positions:
            allowed = ", ".join(topic.positions)
            yield entry.loc.problem(ID, f"position '{entry.position}' is not allowed for topic '{topic.id}'",
                                    "position", hint=nearest(entry.position, topic.positions) or f"allowed: {allowed}")
