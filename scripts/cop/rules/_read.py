"""Shared by the read-stage rules: run the reader on one text and keep one rule's problems."""

from __future__ import annotations

from typing import Iterator

from .. import yamldoc
from ..problems import Problem


def read_problems(text: str | bytes, rule: str, path: str = "example.yaml") -> Iterator[Problem]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    decoded, problems = yamldoc.decode(raw, path)
    if decoded is not None:
        _, problems = yamldoc.parse(decoded, path)
    yield from (p for p in problems if p.rule == rule)
