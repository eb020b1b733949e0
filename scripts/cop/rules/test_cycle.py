"""An office's test never comes back to a question already asked: every path ends.

The diagram is read from the top; an answer that leads back to an earlier question on the
same path makes a loop, and a reader following it never reaches an outcome.

Passing:

    # practices/EP/tests/eligibility.yaml
    nodes:
      - {id: technical-means, ...}
      - {id: contribution, answers: [{answer: "Yes", outcome: eligible}, {answer: "No", outcome: not-inventive}], ...}

Failing:

    # practices/EP/tests/eligibility.yaml
    nodes:
      - {id: technical-means, ...}
      - {id: contribution, answers: [{answer: "Yes", outcome: eligible}, {answer: "No", next: technical-means}], ...}
"""

ID = "test-cycle"


def check(kb, ctx):
    for key in sorted(kb.tests):
        test = kb.tests[key]
        by_id = {node.id: node for node in test.nodes}
        done: set[str] = set()  # questions every path from which is known to end
        for start in test.nodes:
            # Depth first, without recursion: a long chain of questions is no stack overflow.
            on_path: list[str] = []
            stack = [(start.id, iter(start.answers))] if start.id not in done else []
            on_path += [start.id] if stack else []
            while stack:
                node_id, answers = stack[-1]
                answer = next(answers, None)
                if answer is None:
                    stack.pop()
                    done.add(on_path.pop())
                    continue
                if not answer.next or answer.next not in by_id or answer.next in done:
                    continue
                if answer.next in on_path:
                    loop = " -> ".join(on_path[on_path.index(answer.next):] + [answer.next])
                    yield answer.loc.problem(ID, f"answer '{answer.answer}' to question '{node_id}' leads back to "
                                             f"'{answer.next}': {loop}", "next",
                                             hint="a test is read top to bottom; end this answer with outcome: or lead it on")
                    continue
                on_path.append(answer.next)
                stack.append((answer.next, iter(by_id[answer.next].answers)))
