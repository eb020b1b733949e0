"""Work shared with forked copies of this process, for the commands that read thousands of files.

`map_shared(fn, items)` gives `[fn(x) for x in items]`, in order, with the items done by this
process and by forked children (one per further core). The items wait in a queue, in chunks:
whichever process is free takes the next chunk, so all end together however unevenly the
machine runs them; items of known unequal cost (the parts of a pack) wait one by one, longest
first. A child sees everything this process has loaded without copying it, and writes each
chunk's results, pickled, to a file of its own as it goes, so that sending them back costs the
child no time at the end. Where there is nothing to gain (few items, one core, no fork on the
platform) or a child fails for any reason, the work is done here, serially: the results never
depend on whether the work was shared, only the time does.
"""

from __future__ import annotations

import functools
import os
import pickle
import signal
import tempfile
import threading
import time
from typing import IO, Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def map_shared(fn: Callable[[T], R], items: Sequence[T], *, at_least: int = 1000,
               cost: Callable[[T], float] | None = None, started: Callable[[int], None] | None = None) -> list[R]:
    """[fn(x) for x in items], shared with forked children when there are `at_least` items per process.

    cost: each item's expected cost, for a few long items of unequal size (the parts of a pack):
    they are taken one at a time, the longest left first.
    started(i): told in this process when it starts item i, and when a child's result for item i
    arrives (a child's own calls would be lost with its memory); each i once, all before returning.
    """
    workers = min(cores(), len(items) // max(1, at_least))
    told = started or (lambda i: None)
    results: list = [None] * len(items)
    chunks = _chunks(items, workers, cost) if workers >= 2 else []
    queue = None
    # A fork copies only the thread that calls it: a lock another thread held (logging's, the
    # import system's) would stay held in the child for ever. With a thread running beside this
    # one (a development server rebuilding the site), the work is done here.
    if workers >= 2 and hasattr(os, "fork") and len(chunks) <= _QUEUE_ITEMS and threading.active_count() == 1:
        try:
            queue = _queue(len(chunks))
        except OSError:  # no pipe to be had (too many files open): the work is done here
            pass
    if queue is None:
        for i, x in enumerate(items):
            told(i)
            results[i] = fn(x)
        return results
    done = [False] * len(items)
    children: list[tuple[int, IO[bytes]]] = []
    try:
        for _ in range(workers - 1):
            try:
                children.append(_start(functools.partial(_taken, fn, items, chunks, queue)))
            except OSError:  # no temporary file or no process to be had: fewer hands, same results
                break
        for chunk in iter(lambda: _take(queue), None):
            for i in chunks[chunk]:
                told(i)
                results[i] = fn(items[i])
                done[i] = True
        while children:
            got = _finish(children[0])
            children.pop(0)
            for i, result in (got or {}).items():
                told(i)
                results[i] = result
                done[i] = True
        for i in range(len(items)):  # what a child took and did not deliver
            if not done[i]:
                told(i)
                results[i] = fn(items[i])
        return results
    finally:
        for pid, out in children:  # stopped by an error or a signal: no child outlives this
            _abandon(pid, out)
        os.close(queue)


# Chunks per process for items alike: enough that the last chunk taken keeps the other
# processes waiting only briefly, few enough that taking one costs nothing in comparison.
CHUNKS_PER_PROCESS = 32


def _chunks(items: Sequence, workers: int, cost) -> list[list[int]]:
    """The item indices in the order they are taken, grouped as they are taken."""
    if cost is not None:
        return [[i] for i in sorted(range(len(items)), key=lambda i: (-cost(items[i]), i))]
    size = max(1, len(items) // (workers * CHUNKS_PER_PROCESS))
    return [list(range(start, min(start + size, len(items)))) for start in range(0, len(items), size)]


def _taken(fn, items, chunks: list[list[int]], queue: int, out: IO[bytes]) -> None:
    for chunk in iter(lambda: _take(queue), None):
        pickle.dump({i: fn(items[i]) for i in chunks[chunk]}, out, protocol=pickle.HIGHEST_PROTOCOL)


# The chunks' numbers wait in a pipe, written whole before any process reads: each read of 4
# bytes takes one. A pipe holds 64 KiB without a reader, so this many at most.
_QUEUE_ITEMS = 16384


def _queue(n: int) -> int:
    read, write = os.pipe()
    os.write(write, b"".join(i.to_bytes(4, "little") for i in range(n)))
    os.close(write)
    return read


def _take(queue: int) -> int | None:
    got = os.read(queue, 4)
    return int.from_bytes(got, "little") if len(got) == 4 else None


def _start(work: Callable[[IO[bytes]], None]) -> tuple[int, IO[bytes]]:
    """A forked child doing `work`, which writes its results to a file only this process can open
    (it has no name), read back once the child has ended."""
    out = tempfile.TemporaryFile()
    try:
        pid = os.fork()
    except OSError:
        out.close()
        raise
    if pid == 0:  # the child: leave without running any cleanup of the parent's
        status = 1
        try:
            work(out)
            out.flush()
            status = 0
        except BaseException:  # noqa: BLE001 - the parent redoes the share and meets any error itself
            pass
        finally:
            os._exit(status)
    return pid, out


# How long a child asked to stop may take to unwind (remove its temporary folders) before it is killed.
STOP_WAIT = 10.0


def _abandon(pid: int, out: IO[bytes]) -> None:
    """A child still at work is asked to stop: SIGTERM, which cop turns into an exception that
    unwinds it through its cleanups (cop.outputs.interrupt), so that its temporary folders go
    too; killed if it has not ended after STOP_WAIT seconds."""
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_WAIT
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.02)
    except (ProcessLookupError, ChildProcessError):  # already ended and collected
        pass
    out.close()


def _finish(child: tuple[int, IO[bytes]]):
    """The child's results, or None when it did not end well (then none of them is trusted).
    Interrupted, the child is left to the caller's _abandon."""
    pid, out = child
    _, status = os.waitpid(pid, 0)
    with out:
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            return None
        got = {}
        out.seek(0)
        while out.peek(1):
            got.update(pickle.load(out))
        return got
