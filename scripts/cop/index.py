"""What several rules read in full, listed once per check: every contributed text, every reference.

Kept beside the knowledge base, in the rules' context, rather than cached inside it.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from itertools import accumulate, repeat
from operator import add, itemgetter
from typing import Iterable

from .inventory import Inventory
from .model import KnowledgeBase
from .references import Ref, refs


class Index:
    def __init__(self, kb: KnowledgeBase, files: Inventory):
        self.kb = kb
        self.files = files
        self._sources: dict[str, tuple[str, list[int]] | None] = {}

    @cached_property
    def texts(self) -> list[tuple[str, int, int, str]]:
        """Every contributed text: (path, line, col, text).

        YAML strings are reported at the start of their value; session bodies line by line,
        since a Markdown file's lines are the file's lines.
        """
        found = []
        documents = self.files.documents
        for rel in sorted(documents):
            found += [(rel, line, col, value) for _, line, col, value in documents[rel].strings]
        for folder in sorted(self.kb.workshops):
            for session in self.kb.workshops[folder].sessions:
                rel = session.loc.path
                found += [(rel, session.body_line + i, 1, text) for i, text in enumerate(session.body.split("\n"))]
        return found

    @cached_property
    def joined(self) -> str:
        """Every text of `texts`, joined by NUL, to be searched all at once: one search over the
        whole costs a fraction of one search a file (10,000 entries: 0.01 s against 0.04 s for
        the marks unsafe-markup looks for)."""
        return "\0".join(map(itemgetter(3), self.texts))

    @cached_property
    def _starts(self) -> list[int]:
        return list(accumulate(map(add, map(len, map(itemgetter(3), self.texts)), repeat(1)), initial=0))

    def holding(self, places: Iterable[int]) -> list[int]:
        """The numbers in `texts` of the texts holding these places of `joined`, each once, in order."""
        places = list(places)
        if not places:  # the usual answer, given without working out where each text starts
            return []
        starts = self._starts
        return sorted({bisect.bisect_right(starts, at) - 1 for at in places})

    @cached_property
    def refs(self) -> list[Ref]:
        return list(refs(self.kb))

    def place(self, rel: str, line: int, col: int, text: str, offset: int) -> tuple[int, int]:
        """Line and column of `text[offset:]` in its file, where the text starts at (line, col).

        Found by looking for the words there in the file, from where the text starts: a block
        scalar's lines and a session's lines stand in the file as they are. Where the words are
        not there as written (an escape in a quoted string, lines folded into one), the start of
        the text is the place given.
        """
        excerpt = text[offset: offset + 40].split("\n", 1)[0]
        read = self._source(rel) if excerpt else None
        if read is None:
            return line, col
        source, starts = read
        if line > len(starts):
            return line, col
        start = starts[line - 1] + col - 1
        found = source.find(excerpt, start, start + len(text) * 2 + 200)
        if found == -1:
            return line, col
        at_line = bisect.bisect_right(starts, found)
        return at_line, found - starts[at_line - 1] + 1

    def _source(self, rel: str) -> tuple[str, list[int]] | None:
        """A file's text and where each of its lines starts, read once per check."""
        if rel not in self._sources:
            try:
                raw = (self.files.root / rel).read_text(encoding="utf-8")
            except (OSError, UnicodeError):
                self._sources[rel] = None
            else:
                # Line ends as the reader counts them: CR and CRLF end a line too.
                source = raw.replace("\r\n", "\n").replace("\r", "\n")
                starts = [0] + [m.end() for m in re.finditer("\n", source)]
                self._sources[rel] = source, starts
        return self._sources[rel]
