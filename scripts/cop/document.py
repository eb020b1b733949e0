"""Plain data read from one file, with the line and column of every value and key.

A leaf: the model's locations point into a Document, and the reader fills one in, so neither
needs the other.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem

JsonPath = tuple


@dataclass
class Document:
    path: str  # relative to the project root, with forward slashes
    data: Any
    marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    # Every text value with its position, gathered while reading so rules need not walk the data again.
    strings: list[tuple[JsonPath, int, int, str]] = field(default_factory=list)

    def __reduce__(self):
        # Sent between processes (cop.parallel), a document travels packed by marshal, which
        # writes plain data in half the time pickle takes (measured on 10,000 documents). The
        # positions are packed apart and unpacked only if asked for: most documents are never
        # asked where anything is.
        packed = self.__dict__.get("_packed") or marshal.dumps((self.marks, self.key_marks))
        return _unpickle, (self.path, marshal.dumps((self.data, self.strings, packed)))

    def __getattr__(self, name: str):
        # Only for attributes not set: the positions of a document that came packed.
        if name in ("marks", "key_marks") and "_packed" in self.__dict__:
            self.marks, self.key_marks = marshal.loads(self.__dict__.pop("_packed"))
            return self.__dict__[name]
        raise AttributeError(name)

    def where(self, path: JsonPath = ()) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest recorded ancestor."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def where_key(self, path: JsonPath) -> tuple[int, int]:
        path = tuple(path)
        return self.key_marks.get(path) or self.where(path)

    def problem(self, path: JsonPath, rule: str, message: str, *, key: bool = False, **kw) -> Problem:
        line, col = self.where_key(path) if key else self.where(path)
        return Problem(self.path, line, col, rule, message, **kw)


def _unpickle(path: str, packed: bytes) -> Document:
    doc = Document.__new__(Document)
    data, strings, positions = marshal.loads(packed)
    doc.__dict__.update(path=path, data=data, strings=strings, _packed=positions)
    return doc
