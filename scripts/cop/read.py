"""Reading documents: each data file's bytes through the read-stage rules, in order.

The rules report what the reader (yamldoc) finds; the first that finds something is the
file's problem, and the file is left out of the model. A workshop's sessions are read
through the workshop, from the places it lists, never from outside its folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .document import Document
from .problems import Problem
from .rules import (duplicate_key, encoding, file_kind, file_size, schema, session_block, unfilled_placeholder,
                    yaml_alias, yaml_syntax, yaml_tag)
from .yamldoc import Reading, read

# In this order: a file that is not UTF-8 has no YAML to judge, a file that is not YAML no
# schema to match, and a placeholder left in a template explains why the schema fails.
READ_RULES = (file_kind, file_size, encoding, yaml_syntax, yaml_alias, yaml_tag, duplicate_key, unfilled_placeholder,
              schema, session_block)


def read_file(raw: bytes, rel: str, kind: str) -> tuple[Reading | None, list[Problem]]:
    """The file read, or None with the problems of the first read-stage rule that finds any."""
    for rule in READ_RULES:
        found = rule.check_file(raw, rel, kind)
        if found:
            return None, found
    return read(raw, rel, kind), []


def listed_sessions(root: Path, workshop: Document) -> Iterator[tuple[str, str, Path]]:
    """(path as listed, path from the project root, file) for each session file a workshop may read.

    A listed path that leaves the workshop's folder is never read (the rule workshop-path
    reports it), nor a symbolic link (the rule symlink) or a missing file (workshop-session).
    """
    folder = workshop.path.split("/")[1]
    base = (root / "workshops" / folder).resolve()
    for listed in workshop.data["sessions"]:
        target = (base / listed).resolve()
        if Path(listed).is_absolute() or not target.is_relative_to(base):
            continue
        if (base / listed).is_symlink() or not target.is_file():
            continue
        yield listed, f"workshops/{folder}/{Path(listed).as_posix()}", target
