"""Every case a workshop session uses exists in practices/cases/.

Passing:

    cases: [ai-anomaly-detection]   # practices/cases/ai-anomaly-detection.yaml exists

Failing:

    cases: [ai-anomally-detection]
"""

from . import nearest

ID = "unknown-case"


def check(kb, ctx):
    from ..references import iter_refs

    for ref in iter_refs(kb):
        if ref.kind == "case" and ref.value not in kb.cases and f"practices/cases/{ref.value}.yaml" not in kb.files:
            yield ref.loc.problem(ID, f"{ref.holder} uses case '{ref.value}', which has no practices/cases/{ref.value}.yaml",
                                  hint=nearest(ref.value, kb.cases))
