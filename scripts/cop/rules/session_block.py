"""Facilitator and answer blocks in a session follow the closed grammar, or the session is not read.

Text inside `::: facilitator` or `::: answer` ... `:::` reaches facilitators only; everything
else is shown to participants. So a line that looks like a marker but is not exactly one
(`::: Answer`, ` ::: answer`, `:::answer:`, `::: {.answer}`), an opener inside an open block,
a stray `:::` and a block never closed are errors, and the session is left out until fixed.

Passing:

    Decide in groups.

    ::: answer
    The EPO would find the claim eligible but not inventive.
    :::

Failing:

    ::: facilitator
    ::: Answer
    The EPO would find the claim eligible but not inventive.
    :::
"""

from ..blocks import RULE as ID, BlockError, split
from ..problems import Problem

STAGE = "read"
LOCKED = True  # a marker the grammar let through would show answers to participants


def check(body: str, path: str = "example.md", first_line: int = 1):
    """Problems for one session body whose first line is line `first_line` of the file."""
    try:
        split(body, first_line)
    except BlockError as exc:
        yield Problem(path, exc.line, 1, ID, str(exc), hint=exc.hint)
