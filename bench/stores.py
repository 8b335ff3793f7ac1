"""Store speed on a large synthetic build: load rates and the latency of every bundled query.

Builds (or reuses) the synthetic corpus of bench/throughput.py (default 20,000 articles) into
graph.nq and its deduplicated union graph.ttl, then prints:

- load speed into a fresh embedded store (``EmbeddedStore.bulk_load``: pyoxigraph's bulk
  loader) and, with ``--transactional``, through the all-or-nothing ``load``;
- load speed into an Oxigraph server started on loopback for the run (``RemoteStore.bulk_load``:
  Graph Store Protocol, one PUT per article graph, 4 at a time, and the union copy in POSTs of
  many graphs; and ``load``, staged + MOVE, on the first ``--staged`` graphs);
- the median latency of every bundled query on the embedded store (targets: load >= 150k
  triples/s, each query <= 250 ms). Listing queries answer their first page (see
  ``diplokg.query.paged``); aggregates answer whole. Each query runs in a child process on the
  store opened read-only and is stopped after ``--query-timeout`` seconds (reported as "timeout").

    python bench/stores.py [--articles 20000] [--out /tmp/diplokg-bench-stores] [--runs 5] [--no-server]
                           [--query-timeout 60]

Runtime on a 2-core machine: 2,000 articles about 2 minutes; 20,000 articles (10.8M quads) about
2.5 minutes to build the corpus (reused on later runs), about 2 minutes for the embedded load and
queries, and several minutes for the Oxigraph server (``--no-server`` skips it).
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from itertools import islice
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import make_corpus  # noqa: E402

from diplokg.builder import build  # noqa: E402
from diplokg.query import bundled_queries, page_size, resolve_query  # noqa: E402
from diplokg.stores import iter_graphs  # noqa: E402
from diplokg.stores.embedded import EmbeddedStore  # noqa: E402
from diplokg.stores.remote import RemoteStore  # noqa: E402

LOAD_TARGET = 150_000
QUERY_TARGET_MS = 250.0


def _graph_file(out: Path, articles: int) -> Path:
    marker = out / f"built-{articles}"
    graph = out / "graph.nq"
    if marker.exists() and graph.exists():
        print(f"reusing {graph}")
        return graph
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "corpus.jsonl"
    make_corpus(corpus, articles)
    start = time.perf_counter()
    report = build([corpus], out, formats=["nquads", "turtle"])
    print(f"built {report.articles} articles, {report.quads:,} quads in {time.perf_counter() - start:.0f} s")
    marker.touch()
    return graph


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_exe() -> str | None:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    return exe if Path(exe).exists() else None


def bench_server(graph: Path, staged: int) -> None:
    exe = _oxigraph_exe()
    if exe is None:
        print("oxigraph server: not installed (pip install oxigraph); skipped")
        return
    with tempfile.TemporaryDirectory(prefix="diplokg-oxigraph-") as root:
        port = _free_port()
        process = subprocess.Popen([exe, "serve", "--location", root, "--bind", f"127.0.0.1:{port}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{url}/query?query={quote('ASK {}')}", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            store = RemoteStore(f"{url}/query", timeout=300)
            report = store.bulk_load(graph)
            print(f"oxigraph server bulk_load (GSP PUT per graph, {store.workers} at a time): "
                  f"{report.triples:,} triples, {report.graphs:,} graphs in {report.seconds:.1f} s = {report.rate:,.0f} triples/s")
            if staged:
                subset = list(islice(iter_graphs(graph), staged))
                report = store.load(subset)
                print(f"oxigraph server load (staged + MOVE, replaces each graph whole), first {staged} graphs: "
                      f"{report.triples:,} triples in {report.seconds:.1f} s = {report.rate:,.0f} triples/s")
        finally:
            process.terminate()
            process.wait(timeout=30)


#: Parameterised queries ask about someone the synthetic corpus has (its default is a real person).
PARAMETERS = {"person-timeline": ('"Naledi Pandor"', '"Lena Rahman"')}


def bench_text(name: str) -> str:
    """The bundled query as timed here: with a parameter the synthetic corpus can answer."""
    text = resolve_query(name)
    if name in PARAMETERS:
        default, synthetic = PARAMETERS[name]
        assert default in text, f"{name}: default parameter {default} not found"
        text = text.replace(default, synthetic)
    return text


def _time_query(directory: str, name: str, runs: int, answer) -> None:
    with EmbeddedStore(directory, read_only=True) as store:
        text = bench_text(name)
        rows = len(store.query(text).rows)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            store.query(text)
            times.append((time.perf_counter() - start) * 1000)
    answer.put((statistics.median(times), rows))


def bench_queries(directory: Path, runs: int, limit: float) -> list[str]:
    """Median latency of every bundled query; returns the names over target (or timed out)."""
    print(f"\nquery latency on the embedded store, median of {runs} after a warm-up "
          f"(target {QUERY_TARGET_MS:.0f} ms, limit {limit:.0f} s per query):")
    misses = []
    context = multiprocessing.get_context("fork")
    for name in bundled_queries():
        answer = context.Queue()
        child = context.Process(target=_time_query, args=(str(directory), name, runs, answer))
        child.start()
        child.join(limit)
        if child.is_alive():
            child.kill()
            child.join()
            print(f"  {name:28s}   timeout  (over {limit:.0f} s)  MISS")
            misses.append(name)
            continue
        if child.exitcode != 0:
            print(f"  {name:28s}   failed (exit {child.exitcode})")
            misses.append(name)
            continue
        median, rows = answer.get()
        flag = "" if median <= QUERY_TARGET_MS else "  MISS"
        if flag:
            misses.append(name)
        size = page_size(resolve_query(name))
        kind = f"page of {size}" if size else "whole answer"
        print(f"  {name:28s} {median:9.1f} ms  {rows:8,d} rows ({kind}){flag}")
    print(f"queries over target: {', '.join(misses) if misses else 'none'}")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=None, help="build directory (default /tmp/diplokg-bench-stores-ARTICLES)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (after one warm-up)")
    parser.add_argument("--no-server", action="store_true", help="skip the Oxigraph server")
    parser.add_argument("--transactional", action="store_true", help="also time the all-or-nothing load()")
    parser.add_argument("--staged", type=int, default=1000, help="graphs for the server's staged load() (0: skip)")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="seconds before a query is reported as timeout")
    args = parser.parse_args()

    graph = _graph_file(args.out or Path(f"/tmp/diplokg-bench-stores-{args.articles}"), args.articles)
    with tempfile.TemporaryDirectory(prefix="diplokg-store-") as directory:
        with EmbeddedStore(Path(directory) / "store") as store:
            report = store.bulk_load(graph)
            verdict = "ok" if report.rate >= LOAD_TARGET else f"MISSES {LOAD_TARGET:,}"
            stored = len(store.store)
            print(f"embedded bulk_load (named graphs + union copy): {report.triples:,} triples, {report.graphs:,} graphs "
                  f"in {report.seconds:.1f} s = {report.rate:,.0f} triples/s ({verdict}); the store holds {stored:,} quads "
                  f"(named graphs and the union copy in the default graph) = {stored / report.seconds:,.0f} quads/s written")
            print(f"  where the time went: {'; '.join(report.notes)}")
        bench_queries(Path(directory) / "store", args.runs, args.query_timeout)
        if args.transactional:
            with EmbeddedStore(Path(directory) / "store-tx") as store:
                report = store.load(graph)
                print(f"embedded load (all-or-nothing per graph): {report.rate:,.0f} triples/s")
    if not args.no_server:
        print()
        bench_server(graph, args.staged)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
