"""A problem found in the data, and the ways of printing one."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Iterable

ERROR = "error"
WARNING = "warning"
# Control characters and line separators a value may carry into a message (a newline in an id):
# shown escaped, so that one problem is always one line of text.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: repr(m.group(0))[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    rule: str
    message: str
    severity: str = field(default=ERROR, compare=False)
    hint: str | None = field(default=None, compare=False)

    def text(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return one_line(f"{self.path}:{self.line}:{self.col}: {self.rule}: {prefix}{self.message}{hint}")

    def as_dict(self) -> dict:
        return {
            "file": self.path,
            "line": self.line,
            "column": self.col,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }

    def github(self) -> str:
        # Workflow commands treat "%", CR and LF specially in data and "," ":" in properties.
        def data(s: str) -> str:
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(s: str) -> str:
            return data(s).replace(":", "%3A").replace(",", "%2C")

        message = self.message + (f" (hint: {self.hint})" if self.hint else "")
        return (
            f"::{self.severity} file={prop(self.path)},line={self.line},col={self.col},"
            f"title={prop(self.rule)}::{data(message)}"
        )


def render(problems: Iterable[Problem], fmt: str) -> str:
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(p.github() + "\n" for p in problems)
    return "".join(p.text() + "\n" for p in problems)
