"""Every topic id used anywhere is declared in practices/topics.yaml.

Passing:

    topic: program-claims
    see_also: [medium-claims]

Failing:

    topic: program-claim     # not a topic id
"""

from . import nearest

ID = "unknown-topic"


def check(kb, ctx):
    from ..references import iter_refs

    if not kb.loaded("practices/topics.yaml"):
        return  # the taxonomy itself is missing or broken; that is reported where it is
    for ref in iter_refs(kb):
        if ref.kind == "topic" and ref.value not in kb.topics:
            yield ref.loc.problem(ID, f"{ref.holder} names topic '{ref.value}', which practices/topics.yaml does not declare",
                                  hint=nearest(ref.value, kb.topics))
