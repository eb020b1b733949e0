"""Every office has an entry for every topic, or an explicit no-guidance entry.

An empty cell cannot be told apart from a forgotten one; `position: no-guidance`
says the office publishes nothing specific and names the provision that applies.
One problem per office lists the topics it lacks.

Passing:

    # practices/SG/program-claims.yaml
    position: no-guidance                 # SG publishes nothing specific on program claims
    applies: Patents Act s. 13(1)

Failing:

    # practices/SG/program-claims.yaml, deleted
    # SG has no entry for the topic program-claims
"""

ID = "coverage"


def check(kb, ctx):
    if not ctx.files.loaded("practices/topics.yaml"):
        return
    topics = [t.id for t in kb.topics_in_order()]
    for code in sorted(kb.offices):
        missing = [t for t in topics if not ctx.files.has_file("entry", f"{code}/{t}")]
        if missing:
            shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
            yield kb.offices[code].loc.problem(
                ID, f"office {code} has no entry for {len(missing)} of {len(topics)} topics: {shown}", "code",
                hint=f"add practices/{code}/{missing[0]}.yaml (position: no-guidance when the office publishes nothing specific)")
