"""SPARQL queries in worker processes that can be killed: a hard time limit and a memory cap.

A thread cannot be stopped, so a query cut off at its deadline used to keep its CPU and memory
until it finished on its own. :class:`QueryPool` keeps one worker process per query slot
(``--query-workers``); each opens the dataset's on-disk store read-only and runs one query at a
time, sending back the result already serialised in the negotiated format. A query still running
at its deadline has its worker killed and replaced, so the slot, the CPU and the memory come back
at once. Each worker caps its address space (``RLIMIT_AS``), so a query that needs more memory
than the cap fails in its worker alone. Workers run at a lower CPU priority than the server, so
that pages keep their latency while queries run.

Workers are forked from a ``forkserver`` that has this module imported: a replacement starts in
milliseconds, and it inherits no thread, lock or store of the server.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any

import anyio
from pyoxigraph import Store

from ..errors import QueryError
from .dataset import Dataset, QueryTimeout, ServerBusy, SparqlResult, serialize_triples
from .results import render_result

__all__ = ["QueryJob", "QueryAnswer", "QueryPool", "QueryOutOfMemory", "WorkerFailed"]

#: Extra seconds the server waits past the time limit: a query that checks its own deadline
#: between solutions answers 503 without costing a new worker.
GRACE = 0.25
#: CPU priority of the workers (``nice``, the lowest): page requests win the CPU from queries.
NICE = 19


class QueryOutOfMemory(QueryError):
    """A query needed more memory than its worker may use; the worker was replaced."""

    code = "E314"


class WorkerFailed(QueryError):
    """A query worker could not start (for example, the store could not be opened)."""

    code = "E315"


@dataclass(frozen=True)
class QueryJob:
    """One query for a worker. ``media`` maps a result kind (``select``, ``ask``, ``graph``) to
    the negotiated media type, ``None`` where the client accepts none of those offered."""

    text: str
    media: dict[str, str | None]
    timeout: float
    max_rows: int
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


@dataclass
class QueryAnswer:
    """A worker's answer: ``body`` in ``media``; for HTML the ``result`` itself (pages render in
    the server); ``media`` is ``None`` when no offered type was acceptable (406)."""

    kind: str
    media: str | None
    body: bytes = b""
    result: SparqlResult | None = field(default=None, repr=False)


def _cap_memory(extra_mib: int) -> None:
    """Let the address space grow by at most ``extra_mib`` MiB past what the worker maps now
    (interpreter, pyoxigraph, the opened store), so the cap bounds what one query may add."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        now = 0
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = now + extra_mib * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer(dataset: Dataset, job: QueryJob) -> QueryAnswer:
    result = dataset.execute(job.text, deadline=time.monotonic() + job.timeout, max_rows=job.max_rows,
                             default_graphs=job.default_graphs, named_graphs=job.named_graphs)
    media = job.media.get(result.kind)
    if media is None:
        return QueryAnswer(result.kind, None)
    if media == "text/html":
        return QueryAnswer(result.kind, media, result=result)
    if result.kind == "graph":
        return QueryAnswer(result.kind, media, serialize_triples(result.triples, media))
    return QueryAnswer(result.kind, media, render_result(result, media))


def _worker_main(conn: Any, path: str, union: bool, memory_mib: int) -> None:
    """A worker: open the store read-only, then answer jobs until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the server stops us
    try:
        os.nice(NICE)
    except OSError:
        pass
    try:
        dataset = Dataset(Store.read_only(path), union=union)
    except (OSError, ValueError) as err:
        conn.send(("failed", f"cannot open the store {path} read-only: {err}"))
        return
    if memory_mib > 0:
        _cap_memory(memory_mib)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        # Backstop: SIGALRM's default action ends the process, should the server not kill us.
        signal.alarm(math.ceil(job.timeout + GRACE) + 5)
        try:
            reply: tuple[str, Any] = ("ok", _answer(dataset, job))
        except QueryError as err:
            reply = ("error", err)
        except MemoryError:
            reply = ("error", None)
        signal.alarm(0)
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("error", None))
        except OSError:
            return


class _Worker:
    def __init__(self, ctx: Any, path: str, union: bool, memory_mib: int) -> None:
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, path, union, memory_mib),
                                   name="diplokg-sparql", daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        self.ready = False

    def kill(self) -> int | None:
        """Kill the process (if still running); its exit code (negative: the signal)."""
        try:
            self.process.kill()
            self.process.join(5)
            return self.process.exitcode
        finally:
            self.conn.close()


def _kill_all(workers: set[_Worker]) -> None:
    for worker in list(workers):
        try:
            worker.kill()
        except (OSError, ValueError):
            pass
    workers.clear()


def _context() -> Any:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


class QueryPool:
    """Up to ``workers`` worker processes over the store at ``path`` (started when first needed).

    ``path`` is a callable returning the store directory, so that a graph held in memory is
    copied to disk only when the first query comes.
    """

    def __init__(self, path: Any, *, union: bool, workers: int = 4, memory_mib: int = 1024,
                 start_timeout: float = 60.0) -> None:
        if workers < 1:
            raise ValueError("at least one query worker is needed")
        self._path = path
        self.union = union
        self.size = workers
        self.memory_mib = memory_mib
        self.start_timeout = start_timeout
        self._ctx = _context()
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        self._finalizer = weakref.finalize(self, _kill_all, self._workers)

    def pids(self) -> list[int]:
        """Process ids of the workers (for tests and monitoring)."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    def _spawn(self) -> _Worker:
        path = self._path() if callable(self._path) else str(self._path)
        return _Worker(self._ctx, path, self.union, self.memory_mib)

    async def _acquire(self, wait: float) -> _Worker:
        until = time.monotonic() + wait
        while True:
            spawn = False
            with self._lock:
                if self._closed:
                    raise WorkerFailed("The server is shutting down.")
                if self._idle:
                    ready = [w for w in self._idle if w.ready]
                    worker = ready[0] if ready else self._idle[0]
                    self._idle.remove(worker)
                    return worker
                if len(self._workers) + self._starting < self.size:
                    self._starting += 1
                    spawn = True
            if spawn:
                try:
                    worker = await anyio.to_thread.run_sync(self._spawn)
                finally:
                    with self._lock:
                        self._starting -= 1
                with self._lock:
                    self._workers.add(worker)
                return worker
            if time.monotonic() > until:
                raise ServerBusy("All query workers are busy.", hint="try again shortly.")
            await anyio.sleep(0.005)

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def _retire(self, worker: _Worker) -> int | None:
        """Kill ``worker`` and start its replacement; the killed process's exit code."""
        code = worker.kill()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return code
        replacement = self._spawn()
        with self._lock:
            self._workers.add(replacement)
            self._idle.append(replacement)
        return code

    async def _wait_ready(self, worker: _Worker) -> None:
        if not await anyio.to_thread.run_sync(worker.conn.poll, self.start_timeout):
            raise WorkerFailed(f"A query worker did not start within {self.start_timeout:g} s.")
        try:
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed("A query worker stopped while starting.") from None
        if status != "ready":
            raise WorkerFailed(f"A query worker could not start: {detail}.")
        worker.ready = True

    async def run(self, job: QueryJob, *, wait: float = 5.0) -> QueryAnswer:
        """Run ``job`` on a free worker (waiting up to ``wait`` s for one).

        Raises :class:`QueryTimeout` (the worker is killed and replaced), :class:`QueryOutOfMemory`,
        :class:`ServerBusy`, :class:`WorkerFailed`, or the query's own :class:`QueryError`.
        """
        worker = await self._acquire(wait)
        healthy = False
        try:
            if not worker.ready:
                await self._wait_ready(worker)
            worker.conn.send(job)
            if not await anyio.to_thread.run_sync(worker.conn.poll, job.timeout + GRACE):
                raise QueryTimeout("The query ran past the time limit and was stopped.",
                                   hint="add a LIMIT, narrow the patterns, or run it on a local copy of the dumps.")
            try:
                status, payload = await anyio.to_thread.run_sync(worker.conn.recv)
            except (EOFError, OSError):  # the worker died mid-query: its allocation failed
                status, payload = "error", None
            else:
                healthy = True
            if status == "error":
                if payload is None:
                    healthy = False
                    raise QueryOutOfMemory(
                        f"The query needed more memory than the limit ({self.memory_mib} MiB) and was stopped.",
                        hint="add a LIMIT, avoid ORDER BY over large joins, or run it on a local copy of the dumps.")
                raise payload
            return payload
        finally:
            with anyio.CancelScope(shield=True):
                if healthy:
                    self._release(worker)
                else:
                    await anyio.to_thread.run_sync(self._retire, worker)

    def close(self) -> None:
        """Kill every worker; the pool takes no more queries."""
        with self._lock:
            self._closed = True
            self._idle.clear()
        _kill_all(self._workers)
