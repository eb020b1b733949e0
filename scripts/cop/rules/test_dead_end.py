"""Every answer of an office's test leads on: to a question of the same test, or to an outcome.

A test is read from its first question; each answer names the question asked next (`next`)
or ends the test with an `outcome` from the cases' vocabulary, with the office's own words as
`conclusion` if wanted. An answer with neither, with both, or naming a question the test does
not have would leave the reader of the diagram with nowhere to go.

Passing:

    # practices/EP/tests/eligibility.yaml
    nodes:
      - {id: technical-means, answers: [{answer: "Yes", next: contribution}, {answer: "No", outcome: not-eligible}], ...}
      - ...

Failing:

    # practices/EP/tests/eligibility.yaml
    nodes:
      - {id: technical-means, answers: [{answer: "Yes", next: contribution}, {answer: "No"}], ...}
      - ...
"""

from . import nearest

ID = "test-dead-end"


def check(kb, ctx):
    for key in sorted(kb.tests):
        test = kb.tests[key]
        ids = [node.id for node in test.nodes]
        for node in test.nodes:
            for answer in node.answers:
                said = f"answer '{answer.answer}' to question '{node.id}'"
                if answer.next is None and answer.outcome is None:
                    yield answer.loc.problem(ID, f"{said} leads nowhere", "answer",
                                             hint="add next: (the id of the next question) or outcome: (where the test ends)")
                elif answer.next is not None and answer.outcome is not None:
                    yield answer.loc.problem(ID, f"{said} both leads on and ends the test", "outcome", key=True,
                                             hint="keep next: or outcome:, not both")
                elif answer.next is not None and answer.next not in ids:
                    yield answer.loc.problem(ID, f"{said} leads to question '{answer.next}', which {key} does not have",
                                             "next", hint=nearest(answer.next, ids))
                if answer.conclusion is not None and answer.outcome is None:
                    yield answer.loc.problem(ID, f"{said} has a conclusion but no outcome", "conclusion", key=True,
                                             hint="a conclusion goes with outcome:, where the test ends")
