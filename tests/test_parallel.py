"""Work shared with forked children: the same results, in the same order, whatever happens to a child."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from cop import parallel

TODAY = dt.date(2026, 6, 1)


def test_shared_work_gives_every_result_in_order_and_uses_every_core():
    def work(x):
        time.sleep(0.002)  # long enough for the child to start before this process has done them all
        return x * x, os.getpid()

    results = parallel.map_shared(work, list(range(500)), at_least=10)
    assert [square for square, _ in results] == [x * x for x in range(500)]
    assert len({pid for _, pid in results}) == parallel.cores() >= 2


def test_items_of_unequal_cost_are_taken_longest_first_by_whichever_process_is_free():
    costs = [1, 8, 3, 3, 1, 2]
    told = []

    def work(c):
        time.sleep(c * 0.05)
        return c * 10, os.getpid()

    results = parallel.map_shared(work, costs, at_least=1, cost=lambda c: c, started=told.append)
    assert [value for value, _ in results] == [c * 10 for c in costs]
    assert sorted(told) == list(range(len(costs)))
    here = [i for i, (_, pid) in enumerate(results) if pid == os.getpid()]
    # This process starts with the longest; the child meanwhile works through the shorter ones.
    assert told[0] == 1 and 1 in here and 2 not in here and 3 not in here


def test_a_child_that_dies_after_taking_items_has_them_redone_here():
    here = os.getpid()

    def work(x):
        if os.getpid() != here:
            os._exit(3)
        time.sleep(0.01)
        return -x

    assert parallel.map_shared(work, list(range(20)), at_least=1, cost=lambda x: x) == [-x for x in range(20)]


def test_items_alike_are_taken_in_chunks_by_whichever_process_is_free():
    here = os.getpid()

    def work(x):
        time.sleep(0.002 if os.getpid() == here else 0.02)  # the machine runs the child ten times slower
        return x, os.getpid()

    results = parallel.map_shared(work, list(range(640)), at_least=10)
    assert [x for x, _ in results] == list(range(640))
    by_child = [x for x, pid in results if pid != here]
    # Shared half and half, this process would wait for the child; it takes most chunks instead.
    assert 0 < len(by_child) < 640 // 4
    size = 640 // (2 * parallel.CHUNKS_PER_PROCESS)
    taken = sorted({x // size for x in by_child})
    assert by_child == [x for chunk in taken for x in range(chunk * size, (chunk + 1) * size)]


def test_without_a_pipe_a_temporary_file_or_a_process_to_be_had_the_work_is_done_here(monkeypatch):
    import tempfile

    for broken in ((tempfile, "TemporaryFile"), (os, "fork"), (os, "pipe")):
        with monkeypatch.context() as patched:
            patched.setattr(*broken, lambda *a, **k: (_ for _ in ()).throw(OSError(28, "No space left on device")))
            results = parallel.map_shared(lambda x: (x + 1, os.getpid()), list(range(300)), at_least=10)
        assert results == [(x + 1, os.getpid()) for x in range(300)]


def test_a_process_with_another_thread_running_is_never_forked():
    import threading

    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # a development server, say, serving meanwhile
    server.start()
    try:
        results = parallel.map_shared(lambda x: (time.sleep(0.002), os.getpid())[1], list(range(300)), at_least=10)
    finally:
        stop.set()
        server.join()
    assert set(results) == {os.getpid()}


def test_few_items_are_done_here_without_a_child():
    results = parallel.map_shared(lambda x: os.getpid(), list(range(50)), at_least=1000)
    assert set(results) == {os.getpid()}


def test_a_child_that_dies_has_its_share_redone_here():
    here = os.getpid()

    def work(x):
        if os.getpid() != here:
            os._exit(3)  # a child killed mid-way: no result, not even an exception
        return x + 1

    assert parallel.map_shared(work, list(range(300)), at_least=10) == list(range(1, 301))


def test_an_error_in_the_work_reaches_the_caller_whichever_process_meets_it():
    def work(x):
        if x in (1, 298):  # in the first chunk and the last, whichever process takes each
            raise ValueError(f"bad item {x}")
        return x

    with pytest.raises(ValueError, match="bad item"):
        parallel.map_shared(work, list(range(300)), at_least=10)


def test_a_knowledge_base_read_with_shared_work_is_the_one_read_alone(project, monkeypatch):
    from cop import check, load, read

    # Problems of several kinds, so that broken files travel back from a child too.
    project.edit("practices/EP/program-claims.yaml", "status: draft", "status: draft\nstatus: verified")
    project.edit("practices/SG/program-claims.yaml", "office: SG", "office: SQ")
    project.write("practices/EP/notes.yml", "office: EP\n")

    def loaded_with(at_least: int):
        monkeypatch.setattr(load, "SHARED_FROM", at_least)
        result = load.load(project.root)
        return result, check.check_loaded(result, TODAY)

    here, read_file, finish, from_child = os.getpid(), read.read_file, parallel._finish, []

    def read_slowly_here(*args):  # so that the child surely takes some of the files
        if os.getpid() == here:
            time.sleep(0.005)
        return read_file(*args)

    def finish_noted(child):
        from_child.append(finish(child))
        return from_child[-1]

    monkeypatch.setattr(read, "read_file", read_slowly_here)
    monkeypatch.setattr(parallel, "_finish", finish_noted)
    alone, alone_problems = loaded_with(10**9)
    shared, shared_problems = loaded_with(1)
    assert len(shared.files.documents) > 10 and from_child and from_child[0]
    assert shared_problems == alone_problems and len(alone_problems) >= 3
    assert shared.kb.entries == alone.kb.entries and shared.kb.offices == alone.kb.offices
    assert shared.files.documents == alone.files.documents and shared.files.broken == alone.files.broken


CHILD_WITH_A_FOLDER = """
import os, sys, tempfile, time
from pathlib import Path
from cop import parallel
from cop.outputs import interrupt, scratch
interrupt.install()
tempfile.tempdir, ready, parent = sys.argv[1], Path(sys.argv[2]), os.getpid()

def work(x):
    if os.getpid() != parent:
        with scratch.directory("child") as folder:
            (folder / "half-made").write_text("x")
            ready.touch()
            time.sleep(60)
    time.sleep(60)

parallel.map_shared(work, [1, 2], at_least=1, cost=lambda x: x)
"""


def test_a_child_stopped_with_its_parent_removes_its_temporary_folders(tmp_path):
    """The parent, stopped by a signal, asks its child to stop too (SIGTERM, which cop turns into
    an exception there as well): the child unwinds and its temporary folder goes with it."""
    import signal
    import subprocess
    import sys

    temp, ready = tmp_path / "temp", tmp_path / "ready"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", CHILD_WITH_A_FOLDER, str(temp), str(ready)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists() and list(temp.glob(".cop-child-*"))
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert list(temp.iterdir()) == []
