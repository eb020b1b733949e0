"""Participant-visible session text holds no answer key.

Answers come from the case analyses and appear only in facilitator outputs. Participant
text (everything outside `::: facilitator` / `::: answer` blocks) must not repeat a case's
outcome summaries or findings, nor carry an "Answer" heading.

Passing:

    # workshops/demo/sessions/02-exercise.md
    Decide in groups how each office would treat the claim.

    ::: answer
    The EPO would find the claim eligible but not inventive.
    :::

Failing:

    # workshops/demo/sessions/02-exercise.md
    Decide in groups how each office would treat the claim.

    ## Answer
    The EPO would find the claim eligible but not inventive.
"""

from __future__ import annotations

import re

from ..agenda import answer_texts
from ..blocks import split
from ..problems import Problem

ID = "answer-key-leak"
LOCKED = True  # participants would read the answers of their own exercises
# One \s* on each side of the marker: two in a row would try every split of a long run of spaces.
_ANSWER_HEADING = re.compile(r"^\s*(?:#+|\*\*)\s*(answers?|answer key|solution|model answer)\b", re.I)
_MIN = 30  # shorter shared phrases are coincidence, not a leaked answer


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`>#-]", " ", text).lower().split())


def check(kb, ctx):
    for folder in sorted(kb.workshops):
        for session in kb.workshops[folder].sessions:
            parts = split(session.body, session.body_line)  # a session whose blocks do not parse is never loaded
            answers = [_norm(t) for c in session.cases if c in kb.cases for t in answer_texts(kb.cases[c])]
            answers = [a for a in answers if len(a) >= _MIN]
            for block in parts:
                if block.kind != "participant":
                    continue
                for offset, line in enumerate(block.text.split("\n")):
                    number = block.line + offset
                    if _ANSWER_HEADING.match(line):
                        yield Problem(session.loc.path, number, 1, ID, "an answer heading in participant text",
                                      hint="put answers inside a '::: answer' block")
                normalised = _norm(block.text)
                for answer in answers:
                    if answer in normalised:
                        lines = block.text.split("\n")
                        at = next((i for i, line in enumerate(lines) if answer[:_MIN] in _norm(line)), 0)
                        yield Problem(session.loc.path, block.line + at, 1, ID,
                                      f"participant text repeats a case's answer: '{answer[:50]}...'",
                                      hint="move it into a '::: answer' block")
                        break
