"""No client can stop ``diplokg serve``: queries past the time limit or the memory cap are killed.

These run the real server (``diplokg serve`` under uvicorn, in a subprocess on a free loopback
port) with a 1 s query time limit, and measure the resident memory of the server and every process
it started (the query workers) from ``/proc``. Regression for issue 11: a query cut off at its
deadline kept running in a thread at 100 % CPU, four of them locked /sparql, and an ORDER BY over
a cross join grew the server to 10 GB.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"  # 589 triples

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads process memory from /proc")

# Minutes of work each: 589^4 joined rows counted (little memory), and 589^3 rows sorted (memory
# grows by gigabytes, as in the issue).
COUNT_FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SORT_CROSS_JOIN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@dataclass
class Served:
    url: str
    process: subprocess.Popen

    def sparql(self, query: str, timeout: float = 60.0) -> httpx.Response:
        return httpx.get(self.url + "/sparql", params={"query": query},
                         headers={"Accept": "application/sparql-results+json"}, timeout=timeout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp: Path, *options: str) -> Iterator[Served]:
    port = _free_port()
    log = (tmp / "serve.log").open("wb")
    (tmp / "tmp").mkdir()  # where the server copies the graph for its workers
    process = subprocess.Popen([sys.executable, "-m", "diplokg.cli", "serve", str(FIXTURE), "--host", "127.0.0.1",
                                "--port", str(port), *options], stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "TMPDIR": str(tmp / "tmp")})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url + "/", timeout=2)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the server did not start:\n" + (tmp / "serve.log").read_text(errors="replace"))
            time.sleep(0.2)
    try:
        yield Served(url, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    return children


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it (the forkserver and the query workers)."""
    children, pids, stack = _children(), [], [pid]
    while stack:
        pids.append(stack.pop())
        stack += children.get(pids[-1], [])
    return pids


def _rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _serve(tmp_path_factory.mktemp("limits"), "--query-timeout", "1", "--query-workers", "2",
                      "--query-memory", "512")


def test_regression_after_eight_timeouts_ask_answers_at_once_and_memory_is_back(served: Served) -> None:
    for _ in range(3):  # start a worker and let it settle
        assert served.sparql("ASK {}").json() == {"head": {}, "boolean": True}
    start_pids = _tree(served.process.pid)
    start_rss = _rss_mib(start_pids)
    workers_before = set(start_pids)
    for i in range(8):
        began = time.monotonic()
        r = served.sparql(COUNT_FOREVER if i % 2 == 0 else SORT_CROSS_JOIN)
        took = time.monotonic() - began
        assert r.status_code == 503, r.text
        # The counting query holds little memory: it is cut off by the time limit alone.
        assert ("[E310]" in r.text and "time limit" in r.text) if i % 2 == 0 else ("[E310]" in r.text or "[E314]" in r.text)
        assert took < 6, f"a 1 s time limit answered after {took:.1f} s"
    began = time.monotonic()
    r = served.sparql("ASK {}")
    assert time.monotonic() - began < 1.0
    assert r.status_code == 200 and r.json()["boolean"] is True
    pids = _tree(served.process.pid)
    # The workers that ran the heavy queries are gone (killed), not left running at 100 % CPU.
    assert not any(Path(f"/proc/{pid}").exists() and pid not in pids for pid in workers_before - {served.process.pid})
    time.sleep(0.5)
    cpu = {pid: _cpu_seconds(pid) for pid in pids}
    time.sleep(1.0)
    busy = [pid for pid in pids if Path(f"/proc/{pid}").exists() and _cpu_seconds(pid) - cpu[pid] > 0.5]
    assert not busy, f"processes still computing after the time-outs: {busy}"
    rss = _rss_mib(pids)
    assert rss < start_rss + 100, f"RSS {rss:.0f} MiB after 8 time-outs, {start_rss:.0f} MiB before"


def test_concurrent_timeouts_do_not_lock_the_endpoint(served: Served) -> None:
    # Twice as many heavy queries as workers at once: each is cut off, none holds a slot after.
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: served.sparql(COUNT_FOREVER), range(4)))
    assert [r.status_code for r in answers] == [503] * 4
    began = time.monotonic()
    assert served.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()["results"]["bindings"][0]["n"]["value"] == "589"
    assert time.monotonic() - began < 1.0


def test_pages_answer_while_heavy_queries_run(served: Served) -> None:
    with ThreadPoolExecutor(2) as pool:
        heavy = [pool.submit(served.sparql, COUNT_FOREVER) for _ in range(2)]
        time.sleep(0.2)
        began = time.monotonic()
        page = httpx.get(served.url + "/doc/person/mauro-vieira.html", timeout=10)
        took = time.monotonic() - began
        assert [f.result().status_code for f in heavy] == [503, 503]
    assert page.status_code == 200 and "Mauro Vieira" in page.text
    assert took < 0.5, f"a page took {took:.2f} s while queries ran"


def test_a_query_past_the_memory_cap_gets_a_clear_503_and_the_next_query_works(tmp_path: Path) -> None:
    for served in _serve(tmp_path, "--query-timeout", "60", "--query-workers", "1", "--query-memory", "128"):
        began = time.monotonic()
        r = served.sparql(SORT_CROSS_JOIN, timeout=90)
        assert r.status_code == 503, r.text
        assert "[E314]" in r.text and "more memory than the limit (128 MiB)" in r.text
        assert time.monotonic() - began < 30  # the cap, not the 60 s time limit, stopped it
        r = served.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert r.status_code == 200 and r.json()["results"]["bindings"][0]["n"]["value"] == "589"
        assert _rss_mib(_tree(served.process.pid)) < 1024
        processes = _tree(served.process.pid)
        assert len(list((tmp_path / "tmp").glob("diplokg-serve-*"))) == 1
    # Stopped with SIGTERM: its workers (and the forkserver) and the on-disk copy of the graph go.
    deadline = time.monotonic() + 15
    while [pid for pid in processes if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in processes if _alive(pid)] == []
    # Regression: nothing is left in its temporary directory, not even multiprocessing's
    # pymp-* folder (uvicorn used to end the process before the exit hooks ran), and a stop is
    # a success.
    assert list((tmp_path / "tmp").iterdir()) == []
    assert served.process.returncode == 0
