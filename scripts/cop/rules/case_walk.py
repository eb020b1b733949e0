"""A case analysis's walk through its office's test is a path the test allows.

`walks:` names, for each test the analysis goes through, the questions it passes in order:
the first is the test's first question, and each next one is where an answer to the one
before leads. The case page highlights that path in the office's diagram, so a path that
skips a question or names one the test lacks would show a route the office does not take.

Passing:

    # practices/cases/ai-anomaly-detection.yaml
    analyses:
      - {office: EP, walks: {eligibility: [technical-means, contribution]}, ...}
      - ...

Failing:

    # practices/cases/ai-anomaly-detection.yaml
    analyses:
      - {office: EP, walks: {eligibility: [contribution]}, ...}
      - ...
"""

from . import nearest

ID = "case-walk"


def check(kb, ctx):
    for case_id in sorted(kb.cases):
        for analysis in kb.cases[case_id].analyses:
            for test_id, test, path in kb.walked_tests(analysis):  # unknown-test reports a test that does not exist
                if not test.nodes:
                    continue
                ids = [node.id for node in test.nodes]
                for i, node_id in enumerate(path):
                    where = ("walks", test_id, i)
                    if node_id not in ids:
                        yield analysis.loc.problem(ID, f"{test.key} has no question '{node_id}'", *where,
                                                   hint=nearest(node_id, ids))
                        break
                    if i == 0 and node_id != ids[0]:
                        yield analysis.loc.problem(ID, f"the walk through {test.key} starts at '{node_id}', not at its "
                                                   f"first question '{ids[0]}'", *where)
                        break
                    if i > 0:
                        before = test.node(path[i - 1])
                        if not any(a.next == node_id for a in before.answers):
                            yield analysis.loc.problem(ID, f"no answer to question '{before.id}' of {test.key} leads to "
                                                       f"'{node_id}'", *where,
                                                       hint="list every question passed, in order")
                            break
