"""Every topic id used anywhere is declared in practices/topics.yaml.

Passing:

    # practices/EP/program-claims.yaml
    topic: program-claims
    see_also: [eligibility-framework]

Failing:

    # practices/EP/program-claims.yaml
    topic: program-claim     # not a topic id
"""

from . import nearest

ID = "unknown-topic"


def check(kb, ctx):
    if not ctx.files.loaded("practices/topics.yaml"):
        return  # the taxonomy itself is missing or broken; that is reported where it is
    for ref in ctx.index.refs:
        if ref.kind == "topic" and ref.value not in kb.topics:
            yield ref.loc.problem(ID, f"{ref.holder} names topic '{ref.value}', which practices/topics.yaml does not declare",
                                  hint=nearest(ref.value, kb.topics))
