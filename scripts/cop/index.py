"""What several rules read in full, listed once per check: every contributed text, every reference.

Kept beside the knowledge base, in the rules' context, rather than cached inside it.
"""

from __future__ import annotations

from functools import cached_property

from .inventory import Inventory
from .model import KnowledgeBase
from .references import Ref, refs


class Index:
    def __init__(self, kb: KnowledgeBase, files: Inventory):
        self.kb = kb
        self.files = files

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
    def refs(self) -> list[Ref]:
        return list(refs(self.kb))
