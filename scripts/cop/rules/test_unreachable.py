"""Every question of an office's test can be reached from its first question.

The test starts at the first question listed; a question no answer leads to is never asked,
and usually means an answer names the wrong question.

Passing:

    # practices/EP/tests/eligibility.yaml
    nodes:
      - {id: technical-means, answers: [{answer: "Yes", next: contribution}, {answer: "No", outcome: not-eligible}], ...}
      - ...

Failing:

    # practices/EP/tests/eligibility.yaml
    nodes:
      - ...
      - id: further-effect        # no answer names it
        question: Does the program have a further technical effect?
        answers: [{answer: "Yes", outcome: eligible}]
        citations: [{source: ep-guidelines-2025, pinpoint: "G-II, 3.6"}]
"""

ID = "test-unreachable"


def reachable(test) -> set[str]:
    """The ids of the questions some path from the first question asks."""
    by_id = {node.id: node for node in test.nodes}
    seen: set[str] = set()
    waiting = [test.nodes[0].id] if test.nodes else []
    while waiting:
        node_id = waiting.pop()
        if node_id in seen or node_id not in by_id:
            continue
        seen.add(node_id)
        waiting += [a.next for a in by_id[node_id].answers if a.next]
    return seen


def check(kb, ctx):
    for key in sorted(kb.tests):
        test = kb.tests[key]
        asked = reachable(test)
        for node in test.nodes:
            if node.id not in asked:
                yield node.loc.problem(ID, f"no answer leads to question '{node.id}' from the start of {key} "
                                       f"(question '{test.nodes[0].id}')", "id",
                                       hint="point an answer's next: at it, or remove it")
