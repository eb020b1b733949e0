"""Why an output was not written, in words for the person who ran the command."""

from __future__ import annotations

import os
from pathlib import Path

from . import scratch


class NotWritten(Exception):
    """The command left its output as it was; str() is the whole message after "cop: "."""


class Refused(NotWritten):
    """The target is not a place cop may write to (the project, its sources, someone's files)."""


class Busy(NotWritten):
    """Another cop command is writing the same output and did not finish in time."""


class CannotWrite(NotWritten):
    def __init__(self, path: Path, reason: str):
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path


def reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def explain(exc: OSError, target: Path) -> CannotWrite | None:
    """The OSError as a failure to write TARGET, or None when it is about something else (a bug)."""
    for name in (exc.filename2, exc.filename):  # shutil's copy names the destination second
        if name is None or isinstance(name, int):
            continue
        where = _written(Path(os.path.abspath(os.fsdecode(name))), target)
        if where is not None:
            return CannotWrite(where, reason(exc))
    if exc.errno in scratch.WRITING:
        return CannotWrite(target, reason(exc))
    return None


def _written(path: Path, target: Path) -> Path | None:
    mapped = scratch.destination(path)
    if mapped is not None:
        return mapped
    if path == target or target in path.parents:
        return path
    if path.parent == target.parent and path.name.startswith(scratch.PREFIX):
        return target  # the lock file or a temporary beside the output
    if any(part.startswith(scratch.PREFIX) for part in path.parts):
        return path  # a work folder of cop's, e.g. in the system temp folder, gone by now
    return None
