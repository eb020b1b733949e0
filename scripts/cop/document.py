"""Plain data read from one file, with the line and column of every value and key.

A leaf: the model's locations point into a Document, and the reader fills one in, so neither
needs the other.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any, Callable

from .problems import Problem

JsonPath = tuple
Positions = tuple[dict[JsonPath, tuple[int, int]], dict[JsonPath, tuple[int, int]]]  # values', keys'


@dataclass
class Document:
    path: str  # relative to the project root, with forward slashes
    data: Any
    # Every text value with its position, gathered while reading so rules need not walk the data again.
    strings: list[tuple[JsonPath, int, int, str]] = field(default_factory=list)
    # Where every value and every key is, worked out only when first asked for: most documents
    # never are (only a problem needs a place), and recording them while reading took 0.07 s of
    # the 0.8 s that making 10,000 documents from their text takes. The reader gives a function
    # that reads the text again for them.
    locate: Callable[[], Positions] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def _positions(self) -> Positions:
        return self.locate() if self.locate is not None else ({}, {})

    @property
    def marks(self) -> dict[JsonPath, tuple[int, int]]:
        return self._positions[0]

    @property
    def key_marks(self) -> dict[JsonPath, tuple[int, int]]:
        return self._positions[1]

    def __reduce__(self):
        # Sent between processes (cop.parallel), a document travels packed by marshal, which
        # writes plain data in half the time pickle takes (measured on 10,000 documents), with
        # positions already worked out packed apart, to be unpacked only if asked for.
        located = self.__dict__.get("_positions")
        locate = partial(marshal.loads, marshal.dumps(located)) if located is not None else self.locate
        return _unpickle, (self.path, marshal.dumps((self.data, self.strings)), locate)

    def where(self, path: JsonPath = ()) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest recorded ancestor."""
        marks = self.marks
        path = tuple(path)
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (1, 1))

    def where_key(self, path: JsonPath) -> tuple[int, int]:
        path = tuple(path)
        return self.key_marks.get(path) or self.where(path)

    def problem(self, path: JsonPath, rule: str, message: str, *, key: bool = False, **kw) -> Problem:
        line, col = self.where_key(path) if key else self.where(path)
        return Problem(self.path, line, col, rule, message, **kw)


def _unpickle(path: str, packed: bytes, locate: Callable[[], Positions] | None) -> Document:
    data, strings = marshal.loads(packed)
    return Document(path, data, strings, locate)
