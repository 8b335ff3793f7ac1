"""Scale-out of the build: 1 worker, 2 workers and a 2-worker Dask LocalCluster, on (a) the
synthetic corpus and (b) real text (the dev corpus repeated under new ids).

Prints, per corpus and mode: articles/s and words/s (the whole build: reading, shards, merge into
Turtle + TriG), the speed-up over 1 worker (target >= 1.7x for 2 workers on 2 cores), and each
worker's peak memory after its 10th, 20th, 40th... and last shard with its growth in MiB per
shard (flat, 0: the build streams and the workers keep nothing per shard). Then the
projected time for 1,000,000 articles on 2 cores and on a 32-core cluster, from the measured cost
of a shard (1 worker), the measured Dask scheduler overhead per task, and the measured serial work
of the client (reading and checking the inputs, writing the shards' JSONL; the merge).
Each build runs in a fresh process; the load average is printed with each figure, since other
work on the machine moves them.

    python bench/scale.py [--articles 100000] [--real 2000] [--shard-size 500] [--out /tmp/diplokg-scale]
    python bench/scale.py --modes LocalCluster --articles 3200 --shard-size 20 --real 0   # worker memory, quickly
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev" / "corpus.jsonl"
MODES = {"1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"], "LocalCluster": ["--workers", "2", "--dask", "local"]}


def _load() -> str:
    return "load %.2f %.2f %.2f" % os.getloadavg()


def real_corpus(path: Path, articles: int, dev: Path = DEV) -> int:
    """The dev corpus repeated under new ids up to ``articles``; returns the number of words."""
    records = [json.loads(line) for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for n in range(articles):
            record = dict(records[n % len(records)], id=f"real-{n // len(records):05d}-{records[n % len(records)]['id']}")
            words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def one_build(corpus: Path, out: Path, options: list[str], shard_size: int) -> dict:
    """Run one build in this (fresh) process; returns its figures as JSON on stdout."""
    from diplokg.shards import build_parallel

    argv = dict(zip(options[::2], options[1::2]))
    shutil.rmtree(out, ignore_errors=True)  # never resume an earlier run's shards: measure them all
    start = time.perf_counter()
    report = build_parallel([corpus], out, workers=int(argv["--workers"]), dask=argv.get("--dask"), shard_size=shard_size)
    seconds = time.perf_counter() - start
    assert report.ok, report.failures
    return {"seconds": seconds, "articles": report.articles, "words": report.words, "quads": report.quads,
            "timings": report.timings, "shards": report.shards}


def client_serial_cost(corpus: Path, limit: int = 20_000) -> float:
    """Seconds per article the client spends alone: reading, checking, writing shard JSONL."""
    from itertools import islice

    from diplokg.builder import checked_documents
    from diplokg.ingest import read_inputs
    from diplokg.pipeline import build_nlp
    from diplokg.shards import _document_json

    build_nlp("id"), build_nlp("en")
    start = time.perf_counter()
    n = 0
    for doc in islice(checked_documents(read_inputs([corpus]), []), limit):
        _document_json(doc)
        n += 1
    return (time.perf_counter() - start) / n


def scheduler_overhead(tasks: int = 400) -> float:
    """Seconds of Dask scheduling per task (submit, run a no-op on a worker, gather), on a
    2-process LocalCluster, per worker slot."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40) as cluster, \
            Client(cluster) as client:
        client.gather(client.map(abs, range(10)))  # warm
        start = time.perf_counter()
        futures = [client.submit(abs, -i, key=f"noop-{i}", pure=False) for i in range(tasks)]
        client.gather(futures)
        return (time.perf_counter() - start) * 2 / tasks


def _per_worker_memory(shards: list[dict]) -> dict[int, dict]:
    """Each worker's peak RSS (MiB) after its 10th, 20th, 40th... and last shard, and its growth in
    MiB per shard from its shard at 25 % to its last (past the first shards' warm-up: flat is 0)."""
    by_pid: dict[int, list[float]] = {}
    for shard in shards:
        if shard["pid"] is not None:
            by_pid.setdefault(shard["pid"], []).append(shard["peak_rss_mib"])
    memory = {}
    for pid, values in by_pid.items():
        marks = [n for n in (10, 20, 40, 80, 160, 320, 640, 1280) if n < len(values)] + [len(values)]
        first = len(values) // 4
        slope = (values[-1] - values[first]) / (len(values) - 1 - first) if len(values) - 1 > first else 0.0
        memory[pid] = {"after": {n: values[n - 1] for n in marks}, "slope": slope}
    return memory


def _run(corpus: Path, out: Path, mode: str, shard_size: int) -> dict:
    before = _load()
    cpu = _children_cpu()
    done = subprocess.run([sys.executable, __file__, "--one", str(corpus), "--out", str(out), "--shard-size", str(shard_size),
                           *MODES[mode]], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{mode} build failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["load"] = f"{before} -> {_load()}"
    result["cpu"] = _children_cpu() - cpu
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _spin(_n: int = 0) -> float:
    start, x = time.perf_counter(), 0
    for i in range(10_000_000):
        x += i
    return time.perf_counter() - start


def cores_available() -> float:
    """How many cores this session gets now: two busy loops at once against one alone (other
    sessions' work, even niced, takes its share: the kernel's autogroups weigh sessions, not nice)."""
    import multiprocessing

    alone = min(_spin() for _ in range(2))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        together = max(pool.map(_spin, [0, 1]))
    return 2 * alone / together


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles")
    parser.add_argument("--real", type=int, default=2_000, help="real articles (the dev corpus repeated)")
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument("--out", type=Path, default=Path("/tmp/diplokg-scale"))
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated: " + ", ".join(MODES))
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", help=argparse.SUPPRESS)
    parser.add_argument("--dask", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        options = ["--workers", args.workers] + (["--dask", args.dask] if args.dask else [])
        print(json.dumps(one_build(args.one, args.out, options, args.shard_size)))
        return 0

    from synthetic import make_corpus

    args.out.mkdir(parents=True, exist_ok=True)
    modes = [m.strip() for m in args.modes.split(",")]
    print(f"cores: {len(os.sched_getaffinity(0))}, of which this session gets {cores_available():.2f} now; "
          f"shard size {args.shard_size}; {_load()}")
    corpora = {}
    synthetic = args.out / "synthetic.jsonl"
    words = make_corpus(synthetic, args.articles)
    corpora["synthetic"] = (synthetic, args.articles, words)
    if args.real:
        real = args.out / "real.jsonl"
        corpora["real"] = (real, args.real, real_corpus(real, args.real))

    measured: dict[str, dict[str, dict]] = {}
    for name, (path, articles, words) in corpora.items():
        print(f"\n== {name}: {articles:,} articles, {words:,} words ({words / articles:.0f} words/article)")
        measured[name] = {}
        for mode in modes:
            r = _run(path, args.out / f"out-{name}-{mode.replace(' ', '')}", mode, args.shard_size)
            measured[name][mode] = r
            line = (f"{mode:>13}: {r['seconds']:8.1f} s  {r['articles'] / r['seconds']:8.1f} articles/s  "
                    f"{r['words'] / r['seconds']:9,.0f} words/s  (shards {r['timings'].get('shards', 0):.1f} s, "
                    f"merge {r['timings'].get('merge', 0):.1f} s, CPU {r['cpu']:.0f} s)  [{r['load']}]")
            base = measured[name].get("1 worker")
            if base is not None and mode != "1 worker":
                line += f"  speed-up {base['seconds'] / r['seconds']:.2f}x"
            print(line, flush=True)
            for memory in _per_worker_memory(r["shards"]).values():
                after = memory["after"]
                print(f"               worker peak MiB after {'/'.join(map(str, after))} shards: "
                      f"{'/'.join(f'{v:.1f}' for v in after.values())}; growth {memory['slope']:+.3f} MiB/shard")

    # -- projection for 1,000,000 articles ---------------------------------------------------
    name = "synthetic"
    runs = measured[name]
    if "1 worker" in runs:
        one = runs["1 worker"]
        built = [s for s in one["shards"] if not s["reused"] and s["seconds"]]
        full = [s for s in built if s["articles"] == args.shard_size] or built
        shard_cost = sum(s["seconds"] for s in full) / len(full)
        per_article = shard_cost / args.shard_size
        serial = client_serial_cost(corpora[name][0])
        merge = one["timings"]["merge"] / one["articles"]
        overhead = scheduler_overhead() if "LocalCluster" in modes else 0.0
        n = 1_000_000
        shards = -(-n // args.shard_size)
        print(f"\n== projection for {n:,} articles like the synthetic ones ({shards:,} shards of {args.shard_size}) [{_load()}]")
        print(f"measured: shard {shard_cost:.2f} s ({1 / per_article:.0f} articles/s in one worker); client's serial "
              f"reading+checking {serial * 1e3:.2f} ms/article; merge {merge * 1e3:.3f} ms/article; "
              f"Dask scheduler overhead {overhead * 1e3:.1f} ms/shard")
        for cores in (2, 32):
            compute = shards * (shard_cost + overhead) / cores
            client = n * serial
            # The client reads while the workers build (on 2 cores it takes a share of the CPU);
            # the merge follows the last shard.
            if cores == 2:
                total = (compute * cores + client) / cores + n * merge
            else:
                total = max(compute, client) + n * merge
            bound = "client reading" if cores > 2 and client > compute else "workers"
            print(f"{cores:>3} cores: {total / 60:6.1f} min  (workers {compute / 60:.1f} min, client reading "
                  f"{client / 60:.1f} min, merge {n * merge / 60:.1f} min; bound by {bound})")
        if "2 workers" in runs:
            two = runs["2 workers"]
            print(f"linear from the measured 2-worker run: {two['seconds'] * n / two['articles'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
