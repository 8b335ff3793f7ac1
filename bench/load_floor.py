"""How fast can ANY layout of the graph load into pyoxigraph on this machine?

``bench/stores.py`` times diplokg's embedded bulk load: the article graphs plus the union copy,
then compaction and the identity graph. This script measures the floor under it, on the same
synthetic build (reused from ``bench/stores.py``'s directory; built there when missing), so a
team deciding on the data model knows what each design can reach:

1. **as built, named graphs only**: pyoxigraph's bulk loader on ``graph.nq`` alone, no union
   copy, no compaction, no identity graph (not query-ready: see 3);
2. **no repeats**: the same quads rewritten so that every distinct triple is stored once (a
   triple that several article graphs hold moves into one shared graph), which is the fewest
   quads any layout with one named graph per article can store; bulk loaded, then compacted;
3. the bundled queries on (2) over the union of its named graphs (the layout needs no union
   copy), before and after compaction: pyoxigraph's freshly bulk-loaded quad indexes answer
   several times slower than compacted ones, so compaction belongs in a query-ready load time.

    python bench/load_floor.py [--articles 20000] [--out DIR] [--runs 3] [--keep]

Runtime at 20,000 articles on a 2-core machine: about 5 minutes (plus the build, when missing).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pyoxigraph import RdfFormat, Store

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stores import LOAD_TARGET, QUERY_TARGET_MS, _graph_file, bench_text  # noqa: E402

from diplokg.query import bundled_queries, run_query  # noqa: E402

#: The graph every repeated triple moves to in the no-repeat layout (any IRI would do).
SHARED_GRAPH = b"<https://w3id.org/diplokg/id/graph/shared>"


def _triple_of(line: bytes) -> bytes:
    """The triple of one N-Quads line as written by diplokg (graph IRI last), without the graph."""
    body = line.rstrip()[:-1].rstrip()  # drop " ."
    return body[:body.rfind(b" <")]


def write_no_repeats(source: Path, target: Path) -> tuple[int, int]:
    """Rewrite ``source`` so that each distinct triple is stored once; returns (quads in, out)."""
    holders: Counter[bytes] = Counter()
    with source.open("rb") as lines:
        for line in lines:
            holders[_triple_of(line)] += 1
    written = 0
    with source.open("rb") as lines, target.open("wb") as out:
        for line in lines:
            if holders[_triple_of(line)] == 1:
                out.write(line)
                written += 1
        for triple, count in holders.items():
            if count > 1:
                out.write(triple + b" " + SHARED_GRAPH + b" .\n")
                written += 1
    return sum(holders.values()), written


def timed_bulk_load(path: Path, directory: Path) -> float:
    shutil.rmtree(directory, ignore_errors=True)
    store = Store(str(directory))
    start = time.perf_counter()
    store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    seconds = time.perf_counter() - start
    del store
    return seconds


def timed_optimize(directory: Path) -> float:
    store = Store(str(directory))
    start = time.perf_counter()
    store.optimize()
    seconds = time.perf_counter() - start
    del store
    return seconds


def query_medians(directory: Path, runs: int) -> dict[str, float]:
    """Median ms of every bundled query over the union of the store's named graphs."""
    store = Store.read_only(str(directory))
    medians = {}
    for name in bundled_queries():
        text = bench_text(name)
        run_query(store, text, union=True)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run_query(store, text, union=True)
            times.append((time.perf_counter() - start) * 1000)
        medians[name] = statistics.median(times)
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=None, help="build directory (default /tmp/diplokg-bench-stores-ARTICLES)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (after one warm-up)")
    parser.add_argument("--keep", action="store_true", help="keep the rewritten file and the stores (printed)")
    args = parser.parse_args()

    graph = _graph_file(args.out or Path(f"/tmp/diplokg-bench-stores-{args.articles}"), args.articles)
    work = Path(tempfile.mkdtemp(prefix="diplokg-floor-"))
    try:
        start = time.perf_counter()
        flat = work / "no-repeats.nq"
        quads_in, quads_out = write_no_repeats(graph, flat)
        rewritten = time.perf_counter() - start

        seconds = timed_bulk_load(graph, work / "as-built")
        print(f"1. as built, named graphs only: {quads_in:,} quads in {seconds:.1f} s = {quads_in / seconds:,.0f} quads/s "
              "(no union copy, not compacted, no identity graph)")
        shutil.rmtree(work / "as-built")

        print(f"2. no repeats: {quads_in:,} quads -> {quads_out:,} distinct triples "
              f"({1 - quads_out / quads_in:.1%} were repeats; rewritten in {rewritten:.0f} s)")
        loaded = timed_bulk_load(flat, work / "no-repeats")
        print(f"   bulk load: {loaded:.1f} s = {quads_out / loaded:,.0f} triples/s (not compacted)")
        fresh = query_medians(work / "no-repeats", args.runs)
        compacted = timed_optimize(work / "no-repeats")
        total = loaded + compacted
        verdict = "reaches" if quads_out / total >= LOAD_TARGET else "misses"
        print(f"   compaction: {compacted:.1f} s; bulk load + compaction = {total:.1f} s = {quads_out / total:,.0f} triples/s "
              f"({verdict} {LOAD_TARGET:,}, before any identity graph)")
        settled = query_medians(work / "no-repeats", args.runs)
        print(f"3. bundled queries over the union of the named graphs of (2), median ms (target {QUERY_TARGET_MS:.0f}):")
        print(f"   {'query':28s} {'fresh':>8s} {'compacted':>10s}")
        for name in bundled_queries():
            flags = "".join(f" {label} MISS" for label, value in (("fresh", fresh[name]), ("compacted", settled[name]))
                            if value > QUERY_TARGET_MS)
            print(f"   {name:28s} {fresh[name]:8.1f} {settled[name]:10.1f}{flags}")
        over = [n for n in fresh if fresh[n] > QUERY_TARGET_MS]
        print(f"   over target before compaction: {len(over)} of {len(fresh)}; after: "
              f"{sum(v > QUERY_TARGET_MS for v in settled.values())}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
