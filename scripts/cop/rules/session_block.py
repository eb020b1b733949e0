"""Facilitator and answer blocks in a session follow the closed grammar, or the session is not read.

Text inside `::: facilitator` or `::: answer` ... `:::` reaches facilitators only; everything
else is shown to participants. So a line that looks like a marker but is not exactly one
(`::: Answer`, ` ::: answer`, `:::answer:`, `::: {.answer}`), an opener inside an open block,
a stray `:::` and a block never closed are errors, and the session is left out until fixed.

Passing:

    # workshops/demo/sessions/02-exercise.md
    ---
    title: Case exercise
    minutes: 60
    kind: exercise
    ---
    Decide in groups.

    ::: answer
    The EPO would find the claim eligible but not inventive.
    :::

Failing:

    # workshops/demo/sessions/02-exercise.md
    ---
    title: Case exercise
    minutes: 60
    kind: exercise
    ---
    ::: facilitator
    ::: Answer
    The EPO would find the claim eligible but not inventive.
    :::
"""

from ..blocks import BlockError, split
from ..problems import Problem
from ..yamldoc import read

ID = "session-block"
STAGE = "read"
LOCKED = True  # a marker the grammar let through would show answers to participants


def check_file(raw: bytes, path: str, kind: str):
    reading = read(raw, path, kind)
    if kind != "session" or reading.body is None or reading.document is None:
        return []
    try:
        split(reading.body, reading.body_line)
    except BlockError as exc:
        return [Problem(path, exc.line, 1, ID, str(exc), hint=exc.hint)]
    return []
