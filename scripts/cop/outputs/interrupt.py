"""SIGINT and SIGTERM become one exception in the main thread, so that every cleanup runs.

Left alone, SIGTERM kills cop where it stands (staging folders stay behind) and SIGINT becomes
KeyboardInterrupt, which click reports as "Aborted!" with exit 1, cop's "errors found". Here
the first signal raises `Stopped`; cop unwinds through its `finally` blocks and `cli.run` exits
128 + the signal number. Later signals are only remembered: raising again would cut short the
cleanup the first one started. Steps that must not be cut in two (a swap of folders, making a
temporary folder and recording it) run inside `deferred()`, where a signal waits for the end.
"""

from __future__ import annotations

import signal
import sys
from contextlib import contextmanager

HANDLED = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


class Stopped(BaseException):
    """A signal asked cop to stop. Not an Exception, so `except Exception` never swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _State:
    received: int | None = None  # the first signal; it decides the exit status
    raised = False  # Stopped was raised once already
    leaving = False  # cop is cleaning up before it exits: nothing may raise any more
    depth = 0  # nesting of deferred()


_state = _State()


def install() -> None:
    """Take over SIGINT and SIGTERM for this process (main thread only, as Python requires)."""
    global _state
    _state = _State()
    for signum in HANDLED:
        # A signal the parent ignores stays ignored (a shell's background job ignores SIGINT).
        if signal.getsignal(signum) != signal.SIG_IGN:
            signal.signal(signum, _handler)
    if sys.unraisablehook is not _swallowed:
        _swallowed.previous = sys.unraisablehook
        sys.unraisablehook = _swallowed


def _swallowed(unraisable) -> None:
    """Python swallows an exception raised where nothing can catch it (a weakref callback, a
    finalizer) and prints "Exception ignored" with a traceback. Stopped swallowed so is not an
    error to show: the signal is recorded, and the next checkpoint() raises it again."""
    if isinstance(unraisable.exc_value, Stopped):
        return
    _swallowed.previous(unraisable)


def _handler(signum, frame) -> None:
    if _state.received is None:
        _state.received = signum
    if _state.raised or _state.leaving or _state.depth:
        return
    _state.raised = True
    raise Stopped(signum)


@contextmanager
def deferred():
    """Run the body whole: a signal that arrives meanwhile takes effect when it ends."""
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
    if not _state.depth and _state.received is not None and not (_state.raised or _state.leaving):
        _state.raised = True
        raise Stopped(_state.received)


def checkpoint() -> None:
    """Between two steps of a long command: stop if a signal came and a library swallowed Stopped."""
    if _state.received is not None and not (_state.leaving or _state.depth):
        _state.raised = True
        raise Stopped(_state.received)


def leaving() -> None:
    """The command is over; cop removes what temporaries are left and exits. A signal now changes
    nothing, and is ignored outright: while Python shuts down it restores the default handlers,
    and a late signal would kill the process and replace the exit status with its own."""
    _state.leaving = True
    for signum in HANDLED:
        signal.signal(signum, signal.SIG_IGN)


def received() -> int | None:
    return _state.received


def exit_status(signum: int) -> int:
    # The shell's convention, so scripts and CI tell an interrupted run from a failed one.
    return 128 + signum


def describe(signum: int) -> str:
    return HANDLED.get(signum, f"stopped by signal {signum}")
