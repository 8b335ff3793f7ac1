"""Parallel and distributed builds: shards of articles, run by worker processes or on a Dask
cluster, merged into exactly the files a single-process :func:`~diplokg.builder.build` writes.

The parent reads and checks the inputs once, in order, with the single-process build's checks
(bad lines, E105, E109 across the whole corpus), and cuts the accepted articles into shards of
``shard_size``. Each shard's documents go to a JSONL file named by the shard's key; the shard
function :func:`run_shard` (in a worker process, or a task on a Dask worker) turns one such file
into the shard's graph files and a small index, all renamed into place only when complete. The
parent records each finished shard in ``manifest.jsonl`` with its files' sizes and SHA-256.

A shard's key is the SHA-256 of its documents, the base IRI, the shard formats and a fingerprint
of the installed code and data (:func:`code_fingerprint`): a shard whose key is in the manifest
and whose files still match their checksums is not built again, so a build killed midway resumes
where it stopped, and a changed input, option or program version rebuilds what it changes.

The corpus-wide steps are a reduce over what the shards emit, never a re-read of text: the merge
copies the shards' file bodies in input order, writes each knowledge-base entity's aliases after
the first article (in input order) that meets it, folds the shards' observations (people and
event reports) into one :class:`~diplokg.resolve.Resolver` for the identity graph, and adds up
the class counts.

Work directory (``OUT/.diplokg-shards`` unless given), removed after a successful build::

    manifest.jsonl        one JSON object per finished shard
    KEY.in.jsonl          the shard's documents (what a worker reads)
    KEY.trig, KEY.nq ...  the shard's graph files (complete TriG / N-Quads / Turtle / N-Triples)
    KEY.jsonld-part       the shard's JSON-LD ``@graph`` items, when JSON-LD is asked for
    KEY.index.json        counts, people, event reports, classes and where knowledge-base graphs go
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import resource
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from pyoxigraph import NamedNode, RdfFormat, parse, serialize

from .builder import (
    BuildReport,
    _batch_gc,
    _count_classes,
    _sigterm_unwinds,
    build,
    checked_documents,
    extract_documents,
    role_labels,
)
from .errors import ConfigError, InputError
from .ingest import read_inputs
from .lexicon import load_lexicon
from .mapping import extraction_triples, identity_triples, kb_entity_triples
from .pipeline import LAYER_ENV, build_nlp
from .rdf.formats import DEFAULT_WRITTEN
from .rdf.iris import DEFAULT_BASE, Minter
from .rdf.writers import GraphWriter, ShardWriter, lock_directory, write_atomically
from .records import Document, Furniture
from .resolve import EventSeen, PersonSeen, Resolver, observe_extraction
from .resources import ontology_dir

__all__ = ["SHARD_SIZE", "WORK_DIR_NAME", "available_cores", "build_parallel", "code_fingerprint", "run_shard"]

#: Articles per shard: large enough that a shard's fixed costs (files, index, a task) are small
#: next to its text, small enough that a resumed build loses little and workers stay balanced.
SHARD_SIZE = 500
#: The work directory's name under the output directory.
WORK_DIR_NAME = ".diplokg-shards"
_MANIFEST = "manifest.jsonl"
#: The files of a work directory that a build may remove.
_WORK_FILE = re.compile(r"[0-9a-f]{64}\.(?:in\.jsonl|index\.json|%s)" % "|".join(re.escape(s) for s in ShardWriter.SUFFIXES.values()))


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 of the installed diplokg: its code, packaged pipeline config and ontology data.

    Part of every shard key, so shards built by another version are rebuilt, and a Dask worker
    running another version refuses its task instead of writing different triples.
    """
    digest = hashlib.sha256()
    for root in (Path(__file__).parent, Path(str(ontology_dir()))):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# -- the shard function (runs in a worker) --------------------------------------------------------


def _document_json(doc: Document) -> bytes:
    record = {"id": doc.id, "text": doc.text, "language": doc.language, "title": doc.title,
              "published": doc.published, "url": doc.url, "source_url": doc.source_url,
              "furniture": [[f.start, f.end, f.kind] for f in doc.furniture], "path": doc.path}
    return json.dumps(record, ensure_ascii=False).encode() + b"\n"


def _document(record: dict[str, Any]) -> Document:
    return Document(id=record["id"], text=record["text"], language=record["language"], title=record["title"],
                    published=record["published"], url=record["url"], source_url=record["source_url"],
                    furniture=tuple(Furniture(s, e, k) for s, e, k in record["furniture"]), path=record["path"])


def _read_documents(path: Path) -> list[Document]:
    # Split on b"\n" only: JSON escapes newlines, but a text may hold U+2028, which splitlines() splits on.
    return [_document(json.loads(line)) for line in path.read_bytes().split(b"\n") if line]


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_shard(task: dict[str, Any]) -> dict[str, Any]:
    """Build one shard: ``DIR/KEY.in.jsonl`` -> its graph files and ``DIR/KEY.index.json``.

    ``task`` holds ``dir``, ``key``, ``base``, ``formats`` (the shard files' formats) and
    ``fingerprint`` (the client's :func:`code_fingerprint`). Everything the shard writes appears
    atomically; the returned manifest entry (file names, sizes, SHA-256, seconds, peak memory) is
    small, whatever the shard's size.
    """
    start = time.perf_counter()
    if task["fingerprint"] != code_fingerprint():
        raise ConfigError(f"this worker (pid {os.getpid()}) runs another diplokg than the client "
                          f"(code fingerprint {code_fingerprint()[:12]}, client {task['fingerprint'][:12]})",
                          hint="install the same diplokg version on the client and every Dask worker")
    if task.get("layer", "") != os.environ.get(LAYER_ENV, ""):
        raise ConfigError(f"this worker (pid {os.getpid()}) has {LAYER_ENV}={os.environ.get(LAYER_ENV, '')!r}, "
                          f"the client {task.get('layer', '')!r}: its pipeline would differ",
                          hint=f"set {LAYER_ENV} alike on the client and every Dask worker")
    work, key = Path(task["dir"]), task["key"]
    minter = Minter(task["base"])
    roles = role_labels(load_lexicon())
    documents = _read_documents(work / f"{key}.in.jsonl")
    subjects_by_class: dict[str, set[str]] = {}
    local_counts: Counter = Counter()
    people: dict[str, tuple[str, set[str]]] = {}
    events: list[list] = []
    kb_seen: set[tuple[str, str]] = set()
    kb_after: list[dict[str, Any]] = []
    articles = words = quads = 0
    with _batch_gc(), ShardWriter(work, key, task["formats"]) as writer:
        for extraction in extract_documents(documents):
            triples = extraction_triples(extraction, minter, roles=roles)
            quads += writer.write_graph(minter.graph(extraction.document.id), triples)
            # The entities this shard meets first: only these can be met first in the corpus.
            fresh = [e for e in extraction.entities if e.in_kb and (e.type, e.key) not in kb_seen]
            if fresh:
                kb_seen.update((e.type, e.key) for e in fresh)
                kb_after.append({"offsets": writer.offsets(), "entities": [
                    [e.type, e.key, serialize(list(kb_entity_triples(e, minter)), format=RdfFormat.N_TRIPLES).decode()]
                    for e in fresh]})
            articles += 1
            words += len(extraction.document.text.split())
            _count_classes(triples, subjects_by_class, local_counts)
            # What the identity stage observes (resolve): each person's name and the states
            # around it (folded per key, as the Resolver folds them), and every event report.
            seen_people, seen_events = observe_extraction(extraction, lambda key: minter.event(key).value)
            for person in seen_people:
                name, states = people.setdefault(person.key, (person.name, set()))
                people[person.key] = (min(name, person.name), states | person.states)
            events.extend([e.report, e.article, e.type, sorted(e.participants), e.date, e.place, e.forum]
                          for e in seen_events)
    index = {"key": key, "articles": articles, "words": words, "quads": quads, "files": writer.files,
             "kb_after": kb_after, "people": [[k, name, sorted(states)] for k, (name, states) in people.items()],
             "events": events,
             "shared": {cls: sorted(subjects) for cls, subjects in sorted(subjects_by_class.items())},
             "local": dict(sorted(local_counts.items()))}
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
    write_atomically(work, f"{key}.index.json", data, tag="index")
    files = {name: {k: v for k, v in f.items() if k != "start"} for name, f in writer.files.items()}
    files["index"] = {"file": f"{key}.index.json", "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return {"key": key, "articles": articles, "files": files, "seconds": round(time.perf_counter() - start, 3),
            "peak_rss_mib": round(_peak_rss_mib(), 1), "pid": os.getpid()}


def available_cores() -> int:
    """The cores this process may run on (the default number of workers)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# -- running shards: in this process, in worker processes, on Dask --------------------------------

_IN_SHARD = False


def _worker_init() -> None:
    """Worker processes: Ctrl-C reaches the parent, which stops them; SIGTERM (the parent
    stopping them) unwinds a running shard, so its temporary files go, then ends the process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def stop(signum: int, _frame: object) -> None:
        if _IN_SHARD:
            from .builder import BuildInterrupted

            raise BuildInterrupted(signum)
        os._exit(1)

    signal.signal(signal.SIGTERM, stop)


def _run_shard_in_worker(task: dict[str, Any]) -> dict[str, Any]:
    global _IN_SHARD
    _IN_SHARD = True
    try:
        return run_shard(task)
    except KeyboardInterrupt:
        os._exit(1)  # stopped: the shard's temporary files are gone; the pool would keep the process
    finally:
        _IN_SHARD = False


class _Immediate:
    """A finished call, with the interface of the futures the other runners return."""

    def __init__(self, fn: Callable, task: dict[str, Any]) -> None:
        self._result = self._error = None
        try:
            self._result = fn(task)
        except Exception as err:  # reported as the shard's failure, as a worker's would be
            self._error = err

    def done(self) -> bool:
        return True

    def exception(self) -> BaseException | None:
        return self._error

    def result(self) -> Any:
        if self._error is not None:
            raise self._error
        return self._result


class _Runner:
    """Runs shard tasks: ``submit`` returns a future (``done``/``exception``/``result``)."""

    name = "this process"

    def submit(self, task: dict[str, Any]) -> Any:
        return _Immediate(run_shard, task)

    def wait(self, futures: list) -> None:
        """Block until at least one of ``futures`` is done."""

    def close(self, *, stop: bool) -> None:
        """Release the workers; ``stop``: kill running tasks (the build was interrupted)."""


class _Processes(_Runner):
    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.name = f"{workers} worker processes"
        # fork: workers start with the parent's loaded pipelines and knowledge base (copy-on-write),
        # so each has its pipeline once without loading it.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                         initializer=_worker_init)

    def submit(self, task: dict[str, Any]) -> Any:
        return self._pool.submit(_run_shard_in_worker, task)

    def wait(self, futures: list) -> None:
        from concurrent.futures import FIRST_COMPLETED, wait

        wait(futures, return_when=FIRST_COMPLETED)

    def close(self, *, stop: bool) -> None:
        if stop:
            processes = list(getattr(self._pool, "_processes", {}).values())
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(30)
            self._pool.shutdown(wait=False, cancel_futures=True)
        else:
            self._pool.shutdown(wait=True)


class _Dask(_Runner):
    def __init__(self, scheduler: str, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as err:
            raise ConfigError("--dask needs Dask's distributed scheduler, which is not installed",
                              hint='pip install "diplokg[dask]"') from err
        self._cluster = None
        self._futures: list = []
        if scheduler == "local":
            import dask

            # A Dask worker samples its running task's stack every 10 ms and keeps a profile of
            # each second of work for its last 1,000 (issue 14): with spaCy's deep stacks 0.12-0.16
            # MiB a second (tracemalloc: distributed/profile.py), so a worker grew with every
            # shard where the process pool's stay flat. The nannies pass this config to their workers.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=":0", silence_logs=40)
            self.name = f"a Dask LocalCluster of {workers} worker processes"
        else:
            self.name = f"the Dask cluster at {scheduler}"
        try:
            self._client = Client(self._cluster if self._cluster is not None else scheduler, timeout="30s")
        except OSError as err:
            if self._cluster is not None:
                self._cluster.close()
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {err}",
                              hint="check the address (tcp://HOST:8786), or use --dask local") from err

    def submit(self, task: dict[str, Any]) -> Any:
        future = self._client.submit(run_shard, task, key=f"diplokg-shard-{task['key']}", pure=False)
        # Only unfinished futures are kept (to cancel them): a finished one released lets the
        # worker drop its result.
        self._futures = [f for f in self._futures if not f.done()] + [future]
        return future

    def wait(self, futures: list) -> None:
        from distributed import wait

        wait(futures, return_when="FIRST_COMPLETED")

    def close(self, *, stop: bool) -> None:
        try:
            if stop:
                self._client.cancel(self._futures, force=True)
            self._client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()


def _runner(workers: int, dask: str | None) -> _Runner:
    if dask is not None:
        return _Dask(dask, workers)
    return _Processes(workers) if workers > 1 else _Runner()


# -- the manifest ---------------------------------------------------------------------------------


def _read_manifest(work: Path) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    try:
        lines = (work / _MANIFEST).read_bytes().split(b"\n")
    except FileNotFoundError:
        return entries
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # the line a kill cut short
        if isinstance(entry, dict) and "key" in entry and "files" in entry:
            entries[entry["key"]] = entry
    return entries


def _append_manifest(work: Path, entry: dict[str, Any]) -> None:
    with open(work / _MANIFEST, "ab") as handle:
        handle.write(json.dumps(entry, separators=(",", ":")).encode() + b"\n")
        handle.flush()
        os.fsync(handle.fileno())


def _intact(work: Path, entry: dict[str, Any]) -> bool:
    """Whether every file of a manifest entry is there with its recorded size and SHA-256."""
    for f in entry["files"].values():
        path = work / f["file"]
        try:
            if path.stat().st_size != f["bytes"]:
                return False
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except OSError:
            return False
        if digest.hexdigest() != f["sha256"]:
            return False
    return True


# -- the build ------------------------------------------------------------------------------------


@dataclass
class _Shard:
    key: str
    articles: int
    first: str  # where its first and last articles come from, for messages
    last: str
    entry: dict[str, Any] | None = None
    error: BaseException | None = None
    reused: bool = False


def _shard_failure(shard: _Shard, error: BaseException) -> InputError:
    file, _, line = shard.first.rpartition(":")
    where, number = (file, int(line)) if file and line.isdigit() else (shard.first, None)
    reason = error if str(error) else type(error).__name__
    return InputError(where, f"shard of {shard.articles} articles ({shard.first} to {shard.last}) failed: {reason}",
                      line=number, kind="shard",
                      hint="run the same build again: finished shards are kept and only the failed ones run")


def _shard_formats(formats: list[str], store: bool) -> list[str]:
    # A store loads the shards' quads: make sure the shards have named graphs to load.
    return formats + (["nquads"] if store and not {"trig", "nquads"} & set(formats) else [])


def build_parallel(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    base: str = DEFAULT_BASE,
    formats: Iterable[str] = DEFAULT_WRITTEN,
    language: str | None = None,
    workers: int | None = None,
    dask: str | None = None,
    shard_size: int = SHARD_SIZE,
    work_dir: str | Path | None = None,
    keep_shards: bool = False,
    store: Any = None,
    on_articles: Callable[[int], None] | None = None,
) -> BuildReport:
    r"""Build as :func:`~diplokg.builder.build` does, in shards run by ``workers`` processes (default:
    every core) or on the Dask scheduler ``dask`` (an address, or ``"local"`` for a
    ``LocalCluster`` of ``workers`` processes); the files are byte-identical to that build's.

    A corpus of one shard or less is built in this process by :func:`~diplokg.builder.build`.
    Otherwise finished shards are recorded in the work directory (``work_dir``, default
    ``OUT/.diplokg-shards``; on a cluster a directory every worker reaches at the same path) and a
    build run again after a crash builds only the others; the work directory goes after a
    successful build unless ``keep_shards`` (then an unchanged shard is never built twice).
    A shard that fails is reported (E113) with its first and last inputs and the other shards
    complete; no graph file is written until every shard is there. ``store`` (a
    :class:`~diplokg.stores.TripleStore`) receives the shards' graphs through its bulk loader
    (``report.stored``: article graphs and triples). ``on_articles(n)`` is called as shards
    finish. ``report.shards`` lists the shards (none for a build done in this process).

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "visit.txt").write_text("Indonesian Foreign Minister Retno Marsudi met Japanese Foreign "
    ...     "Minister Yoko Kamikawa in Jakarta on 3 May 2024.\n", encoding="utf-8")
    >>> from diplokg import build_parallel, open_store
    >>> with open_store("embedded", path=work / "store") as store:
    ...     report = build_parallel([work / "visit.txt"], work / "out", workers=2, store=store)
    >>> report.ok, report.articles, report.stored[0], report.shards  # one article: built in this process
    (True, 1, 1, [])
    >>> sorted(path.name for path in report.outputs.values())
    ['graph.trig', 'graph.ttl']
    """
    formats = list(dict.fromkeys(formats))
    GraphWriter(out_dir, formats)  # checks the formats before any work
    if shard_size < 1 or (workers is not None and workers < 1):
        raise ConfigError(f"{'shard size' if shard_size < 1 else 'number of workers'} "
                          f"{shard_size if shard_size < 1 else workers} is not a positive number",
                          hint="give --workers and --shard-size as whole numbers from 1")
    workers = workers or available_cores()
    out_dir = Path(out_dir)
    report = BuildReport()
    with _sigterm_unwinds():
        items = checked_documents(read_inputs(paths, language=language), report.failures)
        first = list(islice(items, shard_size + 1))
        if len(first) <= shard_size and dask is None:
            return _build_here(paths, out_dir, base=base, formats=formats, language=language, store=store,
                               on_articles=on_articles)
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(work_dir) if work_dir is not None else out_dir / WORK_DIR_NAME
        work.mkdir(parents=True, exist_ok=True)
        work = work.resolve()  # workers elsewhere get the same absolute paths
        started = time.perf_counter()
        shards = _run_shards(chain(first, items), work, report, base=base, formats=_shard_formats(formats, store is not None),
                             workers=workers, dask=dask, shard_size=shard_size, on_articles=on_articles)
        report.shards = [{"articles": s.articles, "reused": s.reused, "seconds": (s.entry or {}).get("seconds"),
                          "peak_rss_mib": (s.entry or {}).get("peak_rss_mib"), "pid": (s.entry or {}).get("pid")}
                         for s in shards]
        failed = [s for s in shards if s.entry is None]
        if failed:
            report.failures.extend(_shard_failure(s, s.error or RuntimeError("not run")) for s in failed)
            return report
        merging = time.perf_counter()
        report.timings["shards"] = merging - started
        kb_triples = _merge(shards, work, out_dir, formats, report, Minter(base))
        report.timings["merge"] = time.perf_counter() - merging
        if store is not None:
            loading = time.perf_counter()
            report.stored = _load_store(store, shards, work, Minter(base), kb_triples, _shard_formats(formats, True))
            report.timings["store"] = time.perf_counter() - loading
        if not keep_shards:
            _remove_work(work, work_dir is None)
    return report


def _build_here(paths, out_dir, *, base, formats, language, store, on_articles) -> BuildReport:
    """One shard or less: the single-process build (it streams into the store as it goes)."""
    tick = (lambda _doc: on_articles(1)) if on_articles is not None else None
    if store is None:
        return build(paths, out_dir, base=base, formats=formats, language=language, on_article=tick)
    from .stores import StoreSink

    sink = StoreSink(store)
    report = build(paths, out_dir, base=base, formats=formats, language=language, on_article=tick, sink=sink)
    sink.finish()  # the store's identity links, recomputed from all the people it holds
    report.stored = (sink.articles, sink.triples)
    return report


def _run_shards(documents: Iterator[Document], work: Path, report: BuildReport, *, base: str, formats: list[str],
                workers: int, dask: str | None, shard_size: int, on_articles) -> list[_Shard]:
    """Cut ``documents`` into shards and run those not finished before; returns them in input order."""
    fingerprint = code_fingerprint()
    layer = os.environ.get(LAYER_ENV, "")  # the pipeline's optional language layer: part of what a shard is
    lock = lock_directory(work)  # held while shards are written; a later build sweeps what a kill left
    runner: _Runner | None = None
    stopped = True
    try:
        done = _read_manifest(work)
        if dask is None and workers > 1:
            build_nlp("id"), build_nlp("en")  # before the fork: every worker starts with them
        runner = _runner(workers, dask)
        shards: list[_Shard] = []
        running: dict[Any, _Shard] = {}

        def collect(block: bool) -> None:
            if block and running and not any(f.done() for f in running):
                runner.wait(list(running))
            for future in [f for f in running if f.done()]:
                shard = running.pop(future)
                if future.exception() is not None:
                    shard.error = future.exception()
                    continue
                shard.entry = future.result()
                if hasattr(future, "release"):  # a Dask future: the worker may forget the result
                    future.release()
                _append_manifest(work, shard.entry)
                if on_articles is not None:
                    on_articles(shard.articles)

        it = iter(documents)
        while batch := list(islice(it, shard_size)):
            data = b"".join(_document_json(d) for d in batch)
            header = json.dumps({"base": base, "formats": formats, "code": fingerprint, "layer": layer}, sort_keys=True).encode()
            key = hashlib.sha256(header + b"\n" + data).hexdigest()
            shard = _Shard(key, len(batch), batch[0].path or batch[0].id, batch[-1].path or batch[-1].id)
            shards.append(shard)
            previous = done.get(key)
            if previous is not None and _intact(work, previous):
                shard.entry, shard.reused = previous, True
                if on_articles is not None:
                    on_articles(shard.articles)
                continue
            write_atomically(work, f"{key}.in.jsonl", data, tag="in")
            try:
                future = runner.submit({"dir": str(work), "key": key, "base": base, "formats": formats,
                                        "fingerprint": fingerprint, "layer": layer})
            except Exception as err:  # a pool broken by a worker that died: this shard fails too
                shard.error = err
                continue
            running[future] = shard
            collect(block=False)
        while running:
            collect(block=True)
        stopped = False
        return shards
    finally:
        try:
            if runner is not None:
                runner.close(stop=stopped)
        finally:
            if lock is not None:
                os.close(lock)
            if stopped:
                # The workers are gone: sweep the temporary files any of them left (unless another
                # build is writing here).
                swept = lock_directory(work)
                if swept is not None:
                    os.close(swept)


def _merge(shards: list[_Shard], work: Path, out_dir: Path, formats: list[str], report: BuildReport,
           minter: Minter) -> list:
    """The reduce: shard bodies in input order, knowledge-base graphs where a single-process build
    writes them, the identity graph from every shard's observations, the summed counts."""
    kb_done: set[tuple[str, str]] = set()
    kb_all: list = []
    identity = Resolver()
    subjects_by_class: dict[str, set[str]] = {}
    local_counts: Counter = Counter()
    with GraphWriter(out_dir, formats) as writer:
        for shard in shards:
            index = json.loads((work / f"{shard.key}.index.json").read_bytes())
            data = {name: (work / index["files"][name]["file"]).read_bytes() for name in formats}
            at = {name: index["files"][name]["start"] for name in formats}
            for kb in index["kb_after"]:
                fresh = [(t, k, nt) for t, k, nt in kb["entities"] if (t, k) not in kb_done]
                if not fresh:
                    continue
                writer.write_serialized({name: data[name][at[name]:kb["offsets"][name]] for name in formats})
                at = {name: kb["offsets"][name] for name in formats}
                kb_done.update((t, k) for t, k, _nt in fresh)
                triples = [t for _t, _k, nt in fresh for t in parse(nt.encode(), format=RdfFormat.N_TRIPLES)]
                report.quads += writer.write_graph(minter.kb_graph(), triples)
                kb_all.extend(triples)
            writer.write_serialized({name: data[name][at[name]:] for name in formats})
            report.articles += index["articles"]
            report.words += index["words"]
            report.quads += index["quads"]
            for cls, subjects in index["shared"].items():
                subjects_by_class.setdefault(cls, set()).update(subjects)
            local_counts.update(index["local"])
            for key, name, states in index["people"]:
                identity.observe_person(PersonSeen(key, name, frozenset(states)))
            for iri, article, type_, participants, date, place, forum in index["events"]:
                identity.observe_event(EventSeen(iri, article, type_, frozenset(participants), date, place, forum))
        links = identity_triples(identity.person_links(), identity.event_links(), minter)
        if links:
            report.quads += writer.write_graph(minter.identity_graph(), links)
    report.outputs = dict(writer.paths)
    report.classes = Counter({cls: len(subjects) for cls, subjects in subjects_by_class.items()}) + local_counts
    return kb_all


def _load_store(store: Any, shards: list[_Shard], work: Path, minter: Minter, kb_triples: list,
                formats: list[str]) -> tuple[int, int]:
    """The shards' article graphs, then the knowledge-base graph, through the store's bulk loader
    (which also recomputes the store's identity graph)."""
    from .stores import iter_graphs

    name = "nquads" if "nquads" in formats else "trig"
    counts = [0, 0]

    def graphs() -> Iterator[tuple[NamedNode, list]]:
        for shard in shards:
            for graph, triples in iter_graphs(work / shard.entry["files"][name]["file"]):
                counts[0] += 1
                counts[1] += len(triples)
                yield graph, triples
        if kb_triples:
            unique = list(dict.fromkeys(kb_triples))
            counts[1] += len(unique)
            yield minter.kb_graph(), unique

    store.bulk_load(graphs())
    return counts[0], counts[1]


def _remove_work(work: Path, ours: bool) -> None:
    for entry in os.scandir(work):
        if entry.name == _MANIFEST or _WORK_FILE.fullmatch(entry.name):
            os.unlink(entry.path)
    if ours:
        try:
            work.rmdir()
        except OSError:
            pass  # something else is in there: leave it
