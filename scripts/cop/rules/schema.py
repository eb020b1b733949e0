"""Every file matches the JSON Schema of its kind (fields, types, formats).

Schemas ship in the package (cop/schemas/, Draft 2020-12); unknown fields, wrong
types, invalid dates and values outside a controlled list are reported at the
offending key or value, with the nearest valid name as a hint.

Passing:

    # practices/EP/program-claims.yaml
    office: EP
    topic: program-claims
    position: "yes"
    summary: Program claims are allowed when the program has a further technical effect.
    last_reviewed: 2026-05-01
    status: draft

Failing:

    # practices/EP/program-claims.yaml
    office: EP
    topic: program-claims
    position: yes            # YAML reads this as true: quote it
    summary: ...
    last_reviewed: 2026-02-30
    status: approved
"""

from . import reported
from ..schema import violations
from ..yamldoc import read

ID = "schema"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    """The file's shape (empty, too deep, not a mapping, front matter unclosed), then its schema."""
    reading = read(raw, path, kind)
    found = reported(reading.shape, path, ID)
    doc = reading.document
    if found or doc is None:
        return found
    at_place = {}
    for where, message, hint, key in violations(kind, doc.data):
        problem = doc.problem(where, ID, message, key=key, hint=hint)
        # One problem per position: the first violation there is the useful one.
        at_place.setdefault((problem.line, problem.col), problem)
    return sorted(at_place.values())
