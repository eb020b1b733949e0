"""Splits a session's Markdown into participant text and facilitator-only blocks.

A facilitator block opens with a line `::: facilitator` (or `::: answer`) and
closes with a line `:::`; everything else is participant text. Participant
outputs drop these blocks; facilitator outputs keep them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = re.compile(r"^:::\s*(facilitator|answer)\s*$")
CLOSE = re.compile(r"^:::\s*$")
PRIVATE = ("facilitator", "answer")


@dataclass(frozen=True)
class Block:
    kind: str  # "participant", "facilitator" or "answer"
    text: str
    line: int  # first line, counted within the body (1-based)


class UnclosedBlock(ValueError):
    def __init__(self, line: int, kind: str):
        super().__init__(f"'::: {kind}' opened at line {line} is never closed")
        self.line = line


def split(body: str) -> list[Block]:
    blocks: list[Block] = []
    kind, start, lines = "participant", 1, []
    for number, line in enumerate(body.split("\n"), start=1):
        opened = OPEN.match(line)
        if kind == "participant" and opened:
            if lines:
                blocks.append(Block(kind, "\n".join(lines), start))
            kind, start, lines = opened.group(1), number, []
        elif kind != "participant" and CLOSE.match(line):
            blocks.append(Block(kind, "\n".join(lines), start))
            kind, start, lines = "participant", number + 1, []
        else:
            lines.append(line)
    if kind != "participant":
        raise UnclosedBlock(start, kind)
    if lines:
        blocks.append(Block(kind, "\n".join(lines), start))
    return blocks


def participant_text(body: str) -> str:
    return "\n".join(b.text for b in split(body) if b.kind == "participant")
