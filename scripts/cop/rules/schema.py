"""Every file matches the JSON Schema of its kind (fields, types, formats).

Schemas ship in the package (cop/schemas/, Draft 2020-12); unknown fields, wrong
types, invalid dates and values outside a controlled list are reported at the
offending key or value, with the nearest valid name as a hint.

Passing:

    office: EP
    topic: program-claims
    position: "yes"
    summary: Program claims are allowed when the program has a further technical effect.
    last_reviewed: 2026-11-01
    status: draft

Failing:

    office: EP
    topic: program-claims
    position: yes            # YAML reads this as true: quote it
    summary: ...
    last_reviewed: 2026-02-30
    status: approved
"""

from ..schema import RULE as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text, kind: str = "entry"):
    from .. import yamldoc
    from ..schema import validate

    doc, problems = yamldoc.parse(text, "example.yaml")
    yield from problems if problems else validate(kind, doc)
