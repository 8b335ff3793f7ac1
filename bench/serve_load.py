"""Load test of ``diplokg serve``: many concurrent page, description and SPARQL requests on loopback.

Starts ``diplokg serve GRAPH`` on 127.0.0.1 (a free port), sends a bounded number of requests
(``--requests``, at most ``--seconds``) from ``--concurrency`` client tasks, and prints throughput,
p50/p99 latency per kind and the errors (which must be zero: the exit status is 1 otherwise).
Then it measures page requests alone twice, without and with ``--heavy`` concurrent SPARQL
queries that run past the time limit (``--query-timeout``) or the memory cap, and prints the p99
of both: queries run in worker processes, so pages should keep their latency.

    .venv/bin/python bench/serve_load.py out/graph.trig --requests 4000 --concurrency 32

Loopback only: the script refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SPARQL = [
    "SELECT ?p ?name WHERE { ?p a <https://w3id.org/diplokg/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name } LIMIT 50",
    "SELECT ?e ?type WHERE { ?e <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> ?p ; a ?type } LIMIT 100",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }",
]
# Run for minutes, or need gigabytes (an ORDER BY over a cross join, as in issue 11).
HEAVY = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
]
ACCEPTS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def _run(base: str, paths: list[str], total: int, concurrency: int, seconds: float) -> dict:
    latencies: dict[str, list[float]] = {"page": [], "rdf": [], "sparql": [], "redirect": []}
    errors: list[str] = []
    counter = iter(range(total))
    stop = time.monotonic() + seconds
    rng = random.Random(7)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        async def worker() -> None:
            for _ in counter:
                if time.monotonic() > stop:
                    return
                roll = rng.random()
                path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    if roll < 0.35:
                        kind, r = "page", await client.get(f"/doc/{path}.html")
                    elif roll < 0.55:
                        ext = rng.choice(["ttl", "jsonld", "nt"])
                        kind, r = "rdf", await client.get(f"/doc/{path}.{ext}")
                    elif roll < 0.65:
                        kind, r = "redirect", await client.get(f"/diplokg/id/{path}", headers={"Accept": "text/turtle"})
                    else:
                        query, accept = rng.choice(SPARQL), rng.choice(ACCEPTS)
                        if "ASK" in query and accept in ("text/csv", "text/tab-separated-values"):
                            accept = "application/sparql-results+json"
                        if rng.random() < 0.5:
                            kind, r = "sparql", await client.get("/sparql", params={"query": query}, headers={"Accept": accept})
                        else:
                            kind, r = "sparql", await client.post("/sparql", content=query.encode(),
                                                                  headers={"Content-Type": "application/sparql-query", "Accept": accept})
                    expected = 303 if kind == "redirect" else 200
                    if r.status_code != expected:
                        errors.append(f"{kind} {r.request.url} -> {r.status_code}")
                except httpx.HTTPError as err:
                    kind = "error"
                    errors.append(f"{type(err).__name__}: {err}")
                latencies.setdefault(kind, []).append(time.perf_counter() - t0)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


async def _pages(base: str, paths: list[str], total: int, concurrency: int, heavy: int) -> dict:
    """``total`` page requests from ``concurrency`` clients while ``heavy`` clients send heavy queries."""
    latencies: list[float] = []
    errors: list[str] = []
    heavy_status: dict[int, int] = {}
    counter = iter(range(total))
    done = asyncio.Event()
    rng = random.Random(11)
    limits = httpx.Limits(max_connections=concurrency + heavy, max_keepalive_connections=concurrency + heavy)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120.0) as client:
        async def reader() -> None:
            for _ in counter:
                t0 = time.perf_counter()
                r = await client.get(f"/doc/{rng.choice(paths)}.html")
                latencies.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors.append(f"page {r.request.url} -> {r.status_code}")

        async def hog(i: int) -> None:
            n = i
            while not done.is_set():
                r = await client.get("/sparql", params={"query": HEAVY[n % len(HEAVY)]})
                heavy_status[r.status_code] = heavy_status.get(r.status_code, 0) + 1
                n += 1

        hogs = [asyncio.create_task(hog(i)) for i in range(heavy)]
        if heavy:
            await asyncio.sleep(1.0)  # let the heavy queries take every worker
        await asyncio.gather(*(reader() for _ in range(concurrency)))
        done.set()
        await asyncio.gather(*hogs)
    return {"latencies": latencies, "errors": errors, "heavy": heavy_status}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path, help="graph file to serve (e.g. out/graph.trig)")
    parser.add_argument("--requests", type=int, default=4000, help="total requests (bounded)")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent client tasks")
    parser.add_argument("--seconds", type=float, default=120.0, help="stop sending after this many seconds")
    parser.add_argument("--page-requests", type=int, default=1000, help="page requests in each of the two page runs")
    parser.add_argument("--page-concurrency", type=int, default=4, help="concurrent clients in the two page runs")
    parser.add_argument("--heavy", type=int, default=4, help="concurrent heavy SPARQL queries in the second page run")
    parser.add_argument("--query-timeout", type=float, default=2.0, help="the server's SPARQL time limit (s)")
    args = parser.parse_args()
    if args.requests > 100_000 or args.seconds > 600 or args.page_requests > 100_000 or args.heavy > 64:
        parser.error("bounded load test: at most 100000 requests, 600 s and 64 heavy queries")

    port = _free_port()
    # A file, not a pipe: workers stopped at the memory cap write to stderr, and a full pipe blocks.
    log = tempfile.TemporaryFile()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "diplokg.cli", "serve", str(args.graph), "--host", "127.0.0.1",
                               "--port", str(port), "--query-timeout", str(args.query_timeout)], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    print(log.read().decode(errors="replace"), file=sys.stderr)
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        index = httpx.get(base + "/").text
        import re

        paths = sorted(set(re.findall(r'href="/doc/([^"#]+)\.html"', index)))
        result = asyncio.run(_run(base, paths, args.requests, args.concurrency, args.seconds))
        calm = asyncio.run(_pages(base, paths, args.page_requests, args.page_concurrency, 0))
        busy = asyncio.run(_pages(base, paths, args.page_requests, args.page_concurrency, args.heavy)) if args.heavy else None
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    lat = result["latencies"]
    done = sum(len(v) for v in lat.values())
    print(f"graph {args.graph} | {len(paths)} resources | {done} requests, concurrency {args.concurrency}, "
          f"{result['elapsed']:.2f} s | {done / result['elapsed']:.0f} req/s")
    everything = [x for v in lat.values() for x in v]
    print(f"{'kind':<9} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind, values in [*lat.items(), ("all", everything)]:
        if values:
            print(f"{kind:<9} {len(values):>6} {_pct(values, .5) * 1000:>8.1f} {_pct(values, .99) * 1000:>8.1f} "
                  f"{max(values) * 1000:>8.1f}")
    print(f"errors: {len(result['errors'])}")
    for line in result["errors"][:20]:
        print("  " + line)
    errors = result["errors"] + calm["errors"]
    print(f"page p99 without heavy queries: {_pct(calm['latencies'], .99) * 1000:.1f} ms "
          f"(p50 {_pct(calm['latencies'], .5) * 1000:.1f} ms, {len(calm['latencies'])} pages, "
          f"{args.page_concurrency} clients)")
    if busy is not None:
        errors += busy["errors"]
        answered = ", ".join(f"{n} x {status}" for status, n in sorted(busy["heavy"].items()))
        print(f"page p99 with {args.heavy} heavy queries: {_pct(busy['latencies'], .99) * 1000:.1f} ms "
              f"(p50 {_pct(busy['latencies'], .5) * 1000:.1f} ms, {len(busy['latencies'])} pages; heavy queries answered {answered})")
        for line in busy["errors"][:20]:
            print("  " + line)
        if set(busy["heavy"]) - {503}:
            print("a heavy query was not cut off with 503")
            errors.append("heavy")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
