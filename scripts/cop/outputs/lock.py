"""One writer at a time per output: a lock file beside it, held while a command writes it.

filelock takes an flock(2) lock (LockFileEx on Windows), which the kernel drops when the
process ends however it ends, so a crashed or killed cop never leaves a lock to clear by hand;
the file itself stays, named with the temporaries' prefix that .gitignore lists.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from .errors import Busy, CannotWrite, reason
from .scratch import PREFIX

# Long enough for the slowest writer (a pack of a large workshop) to finish; a lock held
# longer belongs to a command that hangs, and the waiting one says so rather than wait forever.
TIMEOUT = 600.0


def path_for(target: Path) -> Path:
    return target.parent / f"{PREFIX}{target.name}.lock"


@contextmanager
def held(target: Path, waiting: Callable[[str], None]):
    from filelock import FileLock, Timeout

    lock = FileLock(str(path_for(target)))
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            waiting(f"waiting for another cop command to finish writing {target}")
            lock.acquire(timeout=TIMEOUT)
    except Timeout:
        raise Busy(f"another cop command has been writing {target} for over {TIMEOUT:.0f} s; "
                   f"let it finish or stop it, then run this again") from None
    except OSError as exc:  # the lock file cannot be made: the folder is read-only, or full
        raise CannotWrite(target, reason(exc)) from None
    try:
        yield
    finally:
        lock.release()
