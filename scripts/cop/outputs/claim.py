"""An output folder made ready for one command: allowed, writable, and locked while it is written.

The checks come before any rendering, so a command that cannot write its output says so at
once rather than after minutes of work, and a refused target is left exactly as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from . import interrupt, lock, policy
from .errors import CannotWrite, explain, reason
from .scratch import PREFIX


@contextmanager
def output_folder(root: Path, target: Path, command: str, *, shown: str, default: bool = False,
                  into: bool = False, waiting: Callable[[str], None]) -> Iterator[Path]:
    """Yield TARGET resolved, with the lock held; I/O errors that concern it become CannotWrite.

    into: the command writes files into the folder (cop pack) instead of replacing it whole
    (cop build), so the folder itself must exist and take new files.
    """
    target = Path(os.path.abspath(target)).resolve()
    _check(root, target, command, shown, default)
    created = into and not os.path.lexists(target)
    _prepare(target, into)
    try:
        # Before the lock: where no file can be made (/proc), filelock would wait for a lock forever.
        _probe(target if into else target.parent, target)
        try:
            with lock.held(target, waiting):
                # Again under the lock: the command we waited for may have written the target.
                _check(root, target, command, shown, default)
                yield target
        except OSError as exc:
            problem = explain(exc, target)
            if problem is None:
                raise
            raise problem from None
    except BaseException:
        if created:
            _remove_if_empty(target)
        raise


def _check(root: Path, target: Path, command: str, shown: str, default: bool) -> None:
    try:
        policy.check_folder(root, target, command, shown=shown, default=default)
    except OSError as exc:  # the target exists but cannot be listed
        raise CannotWrite(target, reason(exc)) from None


def _prepare(target: Path, into: bool) -> None:
    folder = target if into else target.parent
    existing = folder
    while not os.path.lexists(existing):
        existing = existing.parent
    if not existing.is_dir():
        raise CannotWrite(target, f"{existing} is not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotWrite(target, reason(exc)) from None
    # Replacing the folder means emptying the old one afterwards, which needs write access to it.
    if not into and target.is_dir() and not os.access(target, os.W_OK | os.X_OK):
        raise CannotWrite(target, os.strerror(errno.EACCES))


def _probe(folder: Path, target: Path) -> None:
    """Make and remove a file where the command will write: a read-only place fails here, early."""
    try:
        with interrupt.deferred():
            fd, name = tempfile.mkstemp(prefix=f"{PREFIX}probe-", dir=folder)
            os.close(fd)
            os.unlink(name)
    except OSError as exc:
        raise CannotWrite(target, reason(exc)) from None


def _remove_if_empty(folder: Path) -> None:
    """A folder this run made for an output it then did not write is not left behind empty."""
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty, or already gone
