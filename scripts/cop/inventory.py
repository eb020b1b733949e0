"""What the loader found, kept beside the model: every data file and its kind, which could not be
read, the documents read, ids declared twice.

Rules that look for something consult it, so that they stay quiet about what a broken file may
have declared (one mistake, one problem), and so that `cop check --changed`, which reads only
some files, still knows every file that exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import kinds
from .document import Document


@dataclass
class Inventory:
    root: Path  # the project folder
    files: dict[str, str] = field(default_factory=dict)  # relative path -> kind, read or not
    broken: set[str] = field(default_factory=set)  # failed to read, or never read (a symbolic link)
    documents: dict[str, Document] = field(default_factory=dict)  # the documents read
    duplicates: list[tuple] = field(default_factory=list)  # (kind, id, first Loc, repeated Loc)
    partial: bool = False  # only some entries, cases and workshops were read (cop check --changed)

    def loaded(self, rel: str) -> bool:
        return rel in self.files and rel not in self.broken

    def has_file(self, kind: str, key: str) -> bool:
        """Whether the file of an entry ("EP/program-claims"), a case, a workshop or an office exists, read or not."""
        return kinds.path_of(kind, key) in self.files

    def declared_office(self, code: str) -> bool:
        return self.has_file("office", code)

    def undecidable(self, kind: str, key: str) -> bool:
        """Whether a reference to `key` cannot be judged because the file that would declare it is broken.

        Rules that look for something stay quiet then: the broken file is reported where it is,
        and one mistake gives one problem.
        """
        if kind in ("entry", "case", "workshop", "office"):
            return self.has_file(kind, key)
        declaring = {"topic": "topics", "source": "sources", "glossary": "glossary", "term": "glossary"}.get(kind)
        return declaring is not None and not self.loaded(kinds.BY_NAME[declaring].place)
