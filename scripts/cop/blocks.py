"""Splits a session's Markdown into participant text and facilitator-only blocks.

The grammar is closed, because anything it does not recognise is shown to participants:
a block opens with a line that is exactly `::: facilitator` or `::: answer` and closes with
a line that is exactly `:::` (trailing spaces allowed). Any other line that looks like a
marker (`::: Answer`, ` ::: answer`, `:::answer:`, `::: {.answer}`, a fullwidth `：：：`), an
opener inside an open block (blocks do not nest), a closer with nothing open and a block
never closed are errors with their line, and such a session is not read at all.
Line ends are normalised by the reader before this runs, so `\\r` cannot hide a marker.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

OPENERS = {"::: facilitator": "facilitator", "::: answer": "answer"}
CLOSER = ":::"
PRIVATE = tuple(OPENERS.values())


@dataclass(frozen=True)
class Block:
    kind: str  # "participant", "facilitator" or "answer"
    text: str
    line: int  # first line, numbered from split()'s first_line


class BlockError(ValueError):
    def __init__(self, line: int, message: str, hint: str):
        super().__init__(message)
        self.line = line
        self.hint = hint


def _looks_like_marker(line: str) -> bool:
    # What a reader would take for a marker: invisible characters and spaces ignored, fullwidth
    # and other compatibility forms of ':' folded.
    visible = "".join(c for c in unicodedata.normalize("NFKC", line) if unicodedata.category(c) != "Cf")
    return visible.lstrip().startswith(":::")


def split(body: str, first_line: int = 1) -> list[Block]:
    """The body's blocks in order, lines numbered from `first_line` (the body's line in its file).

    Raises BlockError at the first line the grammar refuses.
    """
    blocks: list[Block] = []
    kind, start, lines = "participant", first_line, []
    allowed = " or ".join(f"'{o}'" for o in OPENERS)
    for number, line in enumerate(body.split("\n"), start=first_line):
        if not (":" in line or "\uff1a" in line or "\ufe55" in line) or not _looks_like_marker(line):
            lines.append(line)
            continue
        marker = line.rstrip(" \t")
        if marker in OPENERS:
            if kind != "participant":
                raise BlockError(number, f"'{marker}' inside the '::: {kind}' block opened at line {start}; blocks do not nest",
                                 "close the first block with ':::' before opening another")
            if lines:
                blocks.append(Block(kind, "\n".join(lines), start))
            kind, start, lines = OPENERS[marker], number, []
        elif marker == CLOSER:
            if kind == "participant":
                raise BlockError(number, "':::' closes no block", f"open the block with {allowed}, or remove this line")
            blocks.append(Block(kind, "\n".join(lines), start))
            kind, start, lines = "participant", number + 1, []
        else:
            shown = line.strip()[:40]
            raise BlockError(number, f"'{shown}' is not a block marker; its text would be shown to participants",
                             f"open a block with exactly {allowed} at the start of the line, close it with ':::'")
    if kind != "participant":
        raise BlockError(start, f"'::: {kind}' opened at line {start} is never closed",
                         "close the block with a line ':::'")
    if lines:
        blocks.append(Block(kind, "\n".join(lines), start))
    return blocks


def participant_text(body: str) -> str:
    return "\n".join(b.text for b in split(body) if b.kind == "participant")
