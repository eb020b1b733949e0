"""Temporary folders cop makes while it writes an output, recorded so none outlives the run.

Every name starts with PREFIX, which .gitignore lists: a staging folder beside the output, the
previous output while it is being replaced, a pack's work folder in the system temp folder
(and, not recorded here since they stay, the lock files beside outputs). Whatever an
interrupted run had not removed itself is removed by `sweep()`, which `cli.run` calls on the
way out.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import interrupt

# Errors that can only come from writing, whichever file they name (a write() error names none).
WRITING = {errno.ENOSPC, errno.EFBIG, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}

PREFIX = ".cop-"

# Each live temporary folder, and the output it stands for (None for a pack's work folder).
_live: dict[Path, Path | None] = {}
# The same for every one this run made: an error is explained after its folder was removed.
_made: dict[Path, Path | None] = {}


def folder(parent: Path, label: str, *, becomes: Path | None = None) -> Path:
    """A new empty folder PARENT/.cop-LABEL-xxxxxxxx, recorded until `forget` or `discard`."""
    with interrupt.deferred():  # a signal between mkdtemp and the record would lose it
        path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{label}-", dir=parent))
        record(path, becomes)
    return path


def record(path: Path, becomes: Path | None = None) -> None:
    _live[path] = _made[path] = becomes


def forget(path: Path) -> None:
    """The folder is no longer temporary (it became the output)."""
    _live.pop(path, None)


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    if not os.path.lexists(path):
        _live.pop(path, None)


@contextmanager
def directory(label: str):
    """A work folder in the system temp folder (TMPDIR), removed on leaving, signals included."""
    path = folder(Path(tempfile.gettempdir()), label)
    try:
        yield path
    except OSError as exc:
        if exc.filename is None and exc.errno in WRITING:
            exc.filename = str(path)  # write() names no file; say it was here, not in the output
        raise
    finally:
        discard(path)


def sweep() -> None:
    for path in list(_live):
        discard(path)


def destination(path: Path) -> Path | None:
    """Where a file being written inside a temporary folder will end up (the folder itself for a
    work folder), or None if PATH is not in one: error messages name what the user asked for."""
    innermost_first = sorted(_made.items(), key=lambda item: len(item[0].parts), reverse=True)
    for candidate in (path, path.resolve()):
        for made, becomes in innermost_first:
            if candidate == made or made in candidate.parents:
                return becomes / candidate.relative_to(made) if becomes else candidate
    return None
