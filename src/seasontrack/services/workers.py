"""Long reads of many shows, a batch at a time, shared among worker processes when it pays.

An export of a big catalog spends nearly all its time in Python building and writing each
show, one core's work. Batches are independent, so worker processes (each with its own
read-only connection) take them in turn, and the results come back in the catalog's order.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

from seasontrack.store.connection import snapshot
from seasontrack.store.files import catalog_file, open_reader

T = TypeVar("T")

# Shows a batch: enough for a few queries to read many shows at once, small enough that a
# batch's rows and output stay a few megabytes.
BATCH = 200
# Batches below which one process does it all: starting workers would cost more.
PARALLEL_FROM = 4
MAX_WORKERS = 4

Work = Callable[[sqlite3.Connection, list[int]], T]

# A worker process's own connection, opened once when the process starts.
_reader: sqlite3.Connection | None = None


def batches(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[start : start + BATCH]) for start in range(0, len(ids), BATCH)]


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def in_batches(
    conn: sqlite3.Connection, ids: Sequence[int], work: Work[T], *, jobs: int | None = None
) -> Iterator[T]:
    """``work(connection, batch_of_ids)`` for each batch of ``ids``, in order.

    ``work`` must be a module-level function (or a functools.partial of one) so that a
    worker process can be handed it. With ``jobs`` 1, or few batches, it all runs here.
    """
    chunks = batches(ids)
    workers = min(jobs or default_jobs(), len(chunks))
    path = catalog_file(conn)
    if workers < 2 or path is None or (jobs is None and len(chunks) < PARALLEL_FROM):
        for chunk in chunks:
            with snapshot(conn):
                yield work(conn, chunk)
        return
    yield from _in_workers(path, chunks, work, workers)


def _in_workers(path: Path, chunks: list[list[int]], work: Work[T], workers: int) -> Iterator[T]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker at once, with everything already imported; where it is not the
    # safe default (macOS, Windows), spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_open, initargs=(path,)
    ) as pool:
        # At most two batches a worker in flight: results wait in order to be written, and a
        # slow writer must not let the whole catalog pile up in memory.
        pending: deque[Future[T]] = deque()
        queued = iter(chunks)
        for chunk in queued:
            pending.append(pool.submit(_run, work, chunk))
            if len(pending) >= 2 * workers:
                break
        try:
            while pending:
                result = pending.popleft().result()
                following = next(queued, None)
                if following is not None:
                    pending.append(pool.submit(_run, work, following))
                yield result
        finally:
            # Stopped early (an error, Ctrl-C, a closed pipe): drop the batches not started.
            for future in pending:
                future.cancel()


def _open(path: Path) -> None:
    global _reader
    # Ctrl-C reaches the whole process group: the parent stops the work and reports it
    # once; a worker printing its own traceback would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _reader = open_reader(path)


def _run(work: Work[T], chunk: list[int]) -> T:
    assert _reader is not None, "a worker's connection is opened when it starts"
    with snapshot(_reader):
        return work(_reader, chunk)
