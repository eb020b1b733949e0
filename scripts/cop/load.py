"""Reads every data file once and builds the knowledge base.

Three steps, each in its own module: finding the files (files.py), reading each through the
read-stage rules (read.py; a file with a problem is recorded as broken and left out), and
building the model from what read cleanly (builders.py, dispatched from the table in
kinds.py). What the loader found stays beside the model, in an Inventory, so that the
cross-file rules run on what is sound and stay quiet about the rest.
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass
from pathlib import Path

from . import builders, kinds, read
from .document import Document
from .files import data_files, read_bytes
from .inventory import Inventory
from .model import KnowledgeBase
from .parallel import map_shared
from .problems import Problem


@dataclass
class Loaded:
    kb: KnowledgeBase
    files: Inventory
    problems: list[Problem]  # the read-stage rules' problems


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds practices/."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "practices").is_dir():
            return folder
    return None


@contextlib.contextmanager
def without_cycle_collection():
    """Pause Python's cycle collector while a knowledge base is built.

    Reading creates hundreds of thousands of small dicts, lists and tuples and no reference
    cycles; the collector would walk the growing heap again and again (a third of the time
    of a large check) to find nothing. Reference counting still frees everything. On leaving,
    what exists is frozen (gc.freeze) before the collector is on again: its first run would
    otherwise walk the whole knowledge base once more, 0.15 s on 10,000 entries.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def load(root: Path, only: set[str] | None = None) -> Loaded:
    """Reads the knowledge base under `root`.

    With `only`, entries, cases and workshops are read only when listed there (a session
    listed reads its workshop); every file is still listed in the inventory, and the files others
    refer to (the core kinds) are always read, so cross-file rules stay right for what is read.
    """
    with without_cycle_collection():
        return _load(root, only)


def _load(root: Path, only: set[str] | None) -> Loaded:
    files = Inventory(root, partial=only is not None)
    problems: list[Problem] = []
    documents: dict[str, list[Document]] = {kind.name: [] for kind in kinds.TABLE}
    wanted: list[tuple[str, str]] = []
    for rel, link in data_files(root).items():
        kind = kinds.classify(rel)
        if kind is None or kind == "session":  # sessions are read through their workshop
            continue
        files.files[rel] = kind
        if link:  # never read; the symlink rule reports it, and nothing else reports it missing
            files.broken.add(rel)
            continue
        if only is None or _wanted(rel, kind, only):
            wanted.append((rel, kind))

    base = f"{root}{os.sep}"

    def read_one(job: tuple[str, str]) -> tuple[Document | None, list[Problem]]:
        rel, kind = job
        reading, found = read.read_file(read_bytes(base + rel), rel, kind)
        return (reading.document if reading else None), found  # all a child needs to send back

    for (rel, kind), (document, found) in zip(wanted, map_shared(read_one, wanted, at_least=SHARED_FROM)):
        if found:
            files.broken.add(rel)
            problems.extend(found)
            continue
        files.documents[rel] = document
        documents[kind].append(document)

    sessions = {}
    for workshop in documents["workshop"]:
        folder = workshop.path.split("/")[1]
        sessions[folder] = []
        for listed, rel, path in read.listed_sessions(root, workshop):
            files.files[rel] = "session"
            session, found = read.read_file(path.read_bytes(), rel, "session")
            if found:
                files.broken.add(rel)
                problems.extend(found)
                continue
            files.documents[rel] = session.document
            sessions[folder].append((listed, session.document, session.body, session.body_line))

    kb = KnowledgeBase()
    built = builders.Built(files.duplicates, sessions)
    for kind in kinds.TABLE:
        if kind.build is not None:
            for document in documents[kind.name]:
                kind.build(kb, document, built)
    return Loaded(kb, files, problems)


# Files a process: from here on, a forked child taking chunks of the reading saves more than the
# fork costs (measured on the real content, 327 files: 0.18 s read alone, 0.15 to 0.17 s shared,
# medians of five).
SHARED_FROM = 100


def _wanted(rel: str, kind: str, only: set[str]) -> bool:
    if kind in kinds.CORE or kind == kinds.UNKNOWN or rel in only:
        return True
    if kind == "workshop":
        folder = rel.rsplit("/", 1)[0] + "/"
        return any(path.startswith(folder) for path in only)
    return False
