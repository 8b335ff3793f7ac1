"""Load test of ``diplokg serve``: many concurrent page, description and SPARQL requests on loopback.

Starts ``diplokg serve GRAPH`` on 127.0.0.1 (a free port), sends a bounded number of requests
(``--requests``, at most ``--seconds``) from ``--concurrency`` client tasks, and prints throughput,
p50/p99 latency per kind and the errors (which must be zero: the exit status is 1 otherwise).

    .venv/bin/python bench/serve_load.py build/graph.trig --requests 4000 --concurrency 32

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path, help="graph file to serve (e.g. build/graph.trig)")
    parser.add_argument("--requests", type=int, default=4000, help="total requests (bounded)")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent client tasks")
    parser.add_argument("--seconds", type=float, default=120.0, help="stop sending after this many seconds")
    args = parser.parse_args()
    if args.requests > 100_000 or args.seconds > 600:
        parser.error("bounded load test: at most 100000 requests and 600 s")

    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "diplokg.cli", "serve", str(args.graph), "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(server.stderr.read().decode(errors="replace") if server.stderr else "", file=sys.stderr)
                    print("the server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        index = httpx.get(base + "/").text
        import re

        paths = sorted(set(re.findall(r'href="/doc/([^"#]+)\.html"', index)))
        result = asyncio.run(_run(base, paths, args.requests, args.concurrency, args.seconds))
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
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
