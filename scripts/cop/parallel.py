"""Work shared with forked copies of this process, for the commands that read thousands of files.

`map_shared(fn, items)` gives `[fn(x) for x in items]`, in order, with a share of the items
done by forked children (one per further core) while this process does its own, larger share;
items of known unequal cost are instead taken from a queue, longest first, by whichever process
is free. A child sees everything this process has loaded without copying it, and sends its
results back pickled through a pipe. Where there is nothing to gain (few items, one core, no fork on the
platform) or a child fails for any reason, the work is done here, serially: the results never
depend on whether the work was shared, only the time does.
"""

from __future__ import annotations

import functools
import os
import pickle
import signal
import time
from typing import Callable, Sequence, TypeVar

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
    every process then takes the longest item left whenever it is free, so that a slow moment of
    the machine in one item does not leave the other cores idle at the end.
    started(i): told in this process when it starts item i, and when a child's result for item i
    arrives (a child's own calls would be lost with its memory); each i once, all before returning.
    """
    workers = min(cores(), len(items) // max(1, at_least))
    told = started or (lambda i: None)
    results: list = [None] * len(items)
    if workers < 2 or not hasattr(os, "fork") or (cost is not None and len(items) > _QUEUE_ITEMS):
        for i, x in enumerate(items):
            told(i)
            results[i] = fn(x)
        return results
    done = [False] * len(items)
    children: list[tuple[int, int]] = []
    queue = None
    try:
        if cost is None:  # many items alike: fixed shares, interleaved
            shares = _shares(len(items), workers)
            for share in shares[1:]:
                children.append(_start(functools.partial(_each, fn, items, share)))
            mine = iter(shares[0])
        else:
            queue = _queue(sorted(range(len(items)), key=lambda i: (-cost(items[i]), i)))
            for _ in range(workers - 1):
                children.append(_start(functools.partial(_taken, fn, items, queue)))
            mine = iter(lambda: _take(queue), None)
        for i in mine:
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
        for pid, read in children:  # stopped by an error or a signal: no child outlives this
            _abandon(pid, read)
        if queue is not None:
            os.close(queue)


def _each(fn, items, share: list[int]) -> dict[int, object]:
    return {i: fn(items[i]) for i in share}


def _taken(fn, items, queue: int) -> dict[int, object]:
    return {i: fn(items[i]) for i in iter(lambda: _take(queue), None)}


# The items' numbers wait in a pipe, written whole before any process reads: each read of 4 bytes
# takes one. A pipe holds 64 KiB without a reader, so this many at most.
_QUEUE_ITEMS = 16384


def _queue(order: list[int]) -> int:
    read, write = os.pipe()
    os.write(write, b"".join(i.to_bytes(4, "little") for i in order))
    os.close(write)
    return read


def _take(queue: int) -> int | None:
    got = os.read(queue, 4)
    return int.from_bytes(got, "little") if len(got) == 4 else None


# This process takes a larger share than each child: it also unpickles what the children send.
OWN_WEIGHT = 1.25


def _shares(n: int, workers: int) -> list[list[int]]:
    """The item indices of each process, this one first, interleaved (neighbouring files are alike
    in size, so the shares cost alike) and in proportion to the weights."""
    weights = [OWN_WEIGHT] + [1.0] * (workers - 1)
    shares: list[list[int]] = [[] for _ in range(workers)]
    for i in range(n):
        least = min(range(workers), key=lambda w: (len(shares[w]) + 1) / weights[w])
        shares[least].append(i)
    return shares


def _start(work: Callable[[], dict]) -> tuple[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the share, send it, and leave without running any cleanup of the parent's
        status = 1
        try:
            os.close(read)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            status = 0
        except BaseException:  # noqa: BLE001 - the parent redoes the share and meets any error itself
            pass
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


# How long a child asked to stop may take to unwind (remove its temporary folders) before it is killed.
STOP_WAIT = 10.0


def _abandon(pid: int, read: int) -> None:
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
    try:
        os.close(read)
    except OSError:  # closed by _finish just before a signal came
        pass


def _finish(child: tuple[int, int]):
    """The child's results, or None when it did not deliver them whole. Interrupted, the child
    is left to the caller's _abandon."""
    pid, read = child
    with os.fdopen(read, "rb", closefd=False) as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    os.close(read)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return None
    return pickle.loads(data)
