"""Every office's test named by a case or a session exists in practices/<OFFICE>/tests/.

A case analysis names the tests it walks under `walks:` by their id (the office is the
analysis's own); a session names the tests it shows as OFFICE/id.

Passing:

    # practices/cases/ai-anomaly-detection.yaml
    analyses:
      - {office: EP, walks: {eligibility: [technical-means, contribution]}, ...}
      - ...

Failing:

    # practices/cases/ai-anomaly-detection.yaml
    analyses:
      - {office: EP, walks: {eligibilty: [technical-means, contribution]}, ...}
      - ...
"""

from . import nearest

ID = "unknown-test"


def check(kb, ctx):
    for ref in ctx.index.refs:
        if ref.kind == "test" and ref.value not in kb.tests and not ctx.files.has_file("test", ref.value):
            code, _, test_id = ref.value.partition("/")
            yield ref.loc.problem(ID, f"{ref.holder} names test '{ref.value}', which has no "
                                  f"practices/{code}/tests/{test_id}.yaml", key=ref.holder == "case analysis",
                                  hint=nearest(ref.value, kb.tests))
