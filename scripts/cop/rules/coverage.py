"""Every office has an entry for every topic, or an explicit no-guidance entry.

An empty cell cannot be told apart from a forgotten one; `position: no-guidance`
says the office publishes nothing specific and names the provision that applies.
One problem per office lists the topics it lacks.

Passing:

    practices/EP/office.yaml
    practices/EP/program-claims.yaml      # one file per topic in topics.yaml

Failing:

    practices/EP/office.yaml              # and no practices/EP/program-claims.yaml
"""

ID = "coverage"


def check(kb, ctx):
    if not kb.loaded("practices/topics.yaml"):
        return
    topics = [t.id for t in kb.topics_in_order()]
    for code in sorted(kb.offices):
        missing = [t for t in topics if f"practices/{code}/{t}.yaml" not in kb.files]
        if missing:
            shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
            yield kb.offices[code].loc.problem(
                ID, f"office {code} has no entry for {len(missing)} of {len(topics)} topics: {shown}", "code",
                hint=f"add practices/{code}/{missing[0]}.yaml (position: no-guidance when the office publishes nothing specific)")
