"""Every case a workshop session uses exists in practices/cases/.

Passing:

    # workshops/demo/sessions/02-exercise.md
    ---
    cases: [ai-anomaly-detection]   # practices/cases/ai-anomaly-detection.yaml exists
    ---

Failing:

    # workshops/demo/sessions/02-exercise.md
    ---
    cases: [ai-anomally-detection]
    ---
"""

from . import nearest

ID = "unknown-case"


def check(kb, ctx):
    for ref in ctx.index.refs:
        if ref.kind == "case" and ref.value not in kb.cases and not ctx.files.has_file("case", ref.value):
            yield ref.loc.problem(ID, f"{ref.holder} uses case '{ref.value}', which has no practices/cases/{ref.value}.yaml",
                                  hint=nearest(ref.value, kb.cases))
