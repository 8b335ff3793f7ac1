"""Parallel builds (issue 14): worker processes and a Dask LocalCluster write the files a
single-process build writes, byte for byte; a killed build resumes; a bad input is reported and
the other shards complete; SIGTERM stops the workers and leaves no temporary file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from diplokg.builder import build
from diplokg.pipeline import build_nlp
from diplokg.shards import WORK_DIR_NAME, build_parallel
from diplokg import open_store
from diplokg.stores import StoreSink
from diplokg.stores.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import make_corpus  # noqa: E402 - the benchmarks' generator

pytestmark = pytest.mark.slow

# A full name and a one-word mention of the same person: an identity link, here across shards.
FULL = "Indonesian Deputy Foreign Minister Pahala Mansury met Malaysian officials in Jakarta, Indonesia, on Monday.\n"
SHORT = "Mansury said Indonesia would attend the summit, Deputy Minister Mansury told reporters in Jakarta.\n"
FORMATS = ["turtle", "trig", "ntriples", "nquads", "jsonld"]
FILES = ["graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld"]


def _temps(*dirs: Path) -> list[str]:
    return sorted(p.name for d in dirs if d.exists() for p in d.iterdir() if p.name.endswith(".tmp"))


def _summary(report) -> tuple:
    return report.articles, report.words, report.quads, dict(report.classes), [str(f) for f in report.failures]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """240 generated articles in two JSONL files (the benchmarks' synthetic corpus), between two
    articles that make an identity link (first and last)."""
    root = tmp_path_factory.mktemp("generated")
    make_corpus(root / "all.jsonl", 240)
    lines = (root / "all.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "all.jsonl").unlink()
    (root / "a.jsonl").write_text("".join(lines[:130]), encoding="utf-8")
    (root / "b.jsonl").write_text("".join(lines[130:]), encoding="utf-8")
    (root / "0-full.jsonl").write_text(json.dumps({"id": "full", "text": FULL, "language": "en"}) + "\n", encoding="utf-8")
    (root / "z-short.jsonl").write_text(json.dumps({"id": "short", "text": SHORT, "language": "en"}) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpora(generated) -> dict[str, tuple[list[Path], int]]:
    """name -> (inputs, shard size giving several shards)."""
    return {"seeds": ([SEEDS], 2), "generated": ([generated], 50)}


@pytest.fixture(scope="module")
def reference(corpora, tmp_path_factory) -> dict[str, tuple[Path, tuple]]:
    """Each corpus built by the single-process build, in every format."""
    out = {}
    for name, (inputs, _size) in corpora.items():
        target = tmp_path_factory.mktemp(f"ref-{name}")
        out[name] = (target, _summary(build(inputs, target, formats=FORMATS)))
    return out


@pytest.fixture(scope="module")
def cluster():
    """A Dask LocalCluster of 2 worker processes, for the whole module."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=40) as local:
        yield local.scheduler_address


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
@pytest.mark.parametrize("mode", ["1 worker", "2 workers", "LocalCluster"])
def test_parallel_builds_write_the_single_process_files_byte_for_byte(corpus, mode, corpora, reference, cluster, tmp_path):
    inputs, shard_size = corpora[corpus]
    options = {"1 worker": {"workers": 1}, "2 workers": {"workers": 2},
               "LocalCluster": {"workers": 2, "dask": cluster}}[mode]
    report = build_parallel(inputs, tmp_path / "out", formats=FORMATS, shard_size=shard_size, **options)
    expected_dir, expected_summary = reference[corpus]
    assert len(report.shards) >= 3 and not any(s["reused"] for s in report.shards)
    if mode != "1 worker":
        assert len({s["pid"] for s in report.shards}) == 2  # both workers took shards
    assert _summary(report) == expected_summary
    for name in FILES:
        assert (tmp_path / "out" / name).read_bytes() == (expected_dir / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FILES)  # work directory gone


def test_a_store_filled_from_the_shards_holds_what_the_single_process_build_stores(generated, tmp_path):
    inputs = [generated / "0-full.jsonl", SEEDS, generated / "a.jsonl", generated / "z-short.jsonl"]
    with open_store("embedded", path=tmp_path / "ref") as store:
        sink = StoreSink(store)
        build(inputs, tmp_path / "ref-out", sink=sink)
        sink.finish()
    with open_store("embedded", path=tmp_path / "par") as store:
        report = build_parallel(inputs, tmp_path / "par-out", workers=2, shard_size=30, store=store)
    assert report.stored is not None and report.stored[0] == 137 and len(report.shards) == 5

    def stored(path: Path) -> tuple[dict, set]:
        with EmbeddedStore(path, read_only=True) as s:
            return {g.value: s.triples_in(g) for g in s.graphs()}, s.default_triples()

    graphs, union = stored(tmp_path / "par")
    expected_graphs, expected_union = stored(tmp_path / "ref")
    assert len(graphs) == 137 + 2  # articles, kb, identity
    assert graphs == expected_graphs
    assert union == expected_union


def _bad_inputs(root: Path, generated: Path) -> list[Path]:
    """The generated corpus with, in b.jsonl, a line that is not JSON (line 7) and an id that
    a.jsonl already used (line 60): both in the middle of a shard."""
    lines = (generated / "b.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    first_id = json.loads((generated / "a.jsonl").read_text(encoding="utf-8").splitlines()[3])["id"]
    lines[6] = '{"id": "broken", "text": "no closing brace"\n'
    lines[59] = json.dumps({**json.loads(lines[59]), "id": first_id}) + "\n"
    root.mkdir()
    (root / "a.jsonl").write_bytes((generated / "a.jsonl").read_bytes())
    (root / "b.jsonl").write_text("".join(lines), encoding="utf-8")
    return [root / "a.jsonl", root / "b.jsonl"]


def test_bad_inputs_in_one_shard_are_reported_by_file_and_line_and_the_rest_completes(generated, tmp_path, monkeypatch):
    inputs = _bad_inputs(tmp_path / "bad", generated)
    # And the longest article over the pipeline's limit (lowered to just below it).
    longest = max(len(json.loads(line)["text"]) for path in inputs for line in path.read_text(encoding="utf-8").splitlines()
                  if line.endswith("}"))
    monkeypatch.setattr(build_nlp("id"), "max_length", longest - 1)
    monkeypatch.setattr(build_nlp("en"), "max_length", longest - 1)
    expected = build(inputs, tmp_path / "ref", formats=["trig", "nquads"])
    report = build_parallel(inputs, tmp_path / "out", formats=["trig", "nquads"], workers=2, shard_size=40, dask="local")
    codes = [(f.code, Path(f.path).name, f.line) for f in report.failures]
    assert ("E107", "b.jsonl", 7) in codes and ("E109", "b.jsonl", 60) in codes
    assert any(code == "E105" for code, _f, _l in codes)
    assert _summary(report) == _summary(expected) and report.articles == 240 - len(codes)
    for name in ("graph.trig", "graph.nq"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "ref" / name).read_bytes(), name


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from diplokg.cli import main; main()", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_build_resumes_from_its_finished_shards_and_ends_identical(generated, reference, tmp_path):
    out = tmp_path / "out"
    args = ["build", str(generated), "--out", str(out), "--workers", "2", "--shard-size", "30",
            "--format", "turtle", "--format", "trig", "--quiet"]
    process = _cli(*args)
    manifest = out / WORK_DIR_NAME / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while not (manifest.exists() and manifest.read_text().count("\n") >= 2):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the parent and its workers, as a crash would
    process.communicate(timeout=60)
    assert not (out / "graph.ttl").exists() and not (out / "graph.trig").exists()
    finished = manifest.read_text().count("\n")
    assert 2 <= finished < 9

    rerun = _cli(*args)
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert f"9 shard(s), {finished} finished by an earlier run" in stdout
    expected_dir, _summary_ = reference["generated"]
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (expected_dir / name).read_bytes(), name
    assert sorted(p.name for p in out.iterdir()) == ["graph.trig", "graph.ttl"]  # no temp, no work dir


def test_a_changed_article_rebuilds_its_shard_and_only_it(generated, tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_bytes((generated / "a.jsonl").read_bytes())  # 130 articles: 4 shards of 40
    first = build_parallel([corpus], tmp_path / "out", workers=2, shard_size=40, keep_shards=True)
    assert [s["reused"] for s in first.shards] == [False] * 4
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[50])
    record["text"] = record["text"].replace("\n", "\nThe talks ended without a statement.\n", 1)
    lines[50] = json.dumps(record, ensure_ascii=False) + "\n"
    corpus.write_text("".join(lines), encoding="utf-8")
    again = build_parallel([corpus], tmp_path / "out", workers=2, shard_size=40, keep_shards=True)
    assert [s["reused"] for s in again.shards] == [True, False, True, True]
    # Another base IRI changes every shard.
    other = build_parallel([corpus], tmp_path / "out", workers=2, shard_size=40, base="https://example.org/kg/")
    assert [s["reused"] for s in other.shards] == [False] * 4
    expected = build([corpus], tmp_path / "ref", base="https://example.org/kg/")
    assert _summary(other) == _summary(expected)
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "ref" / name).read_bytes(), name


def test_sigterm_stops_the_workers_and_leaves_no_temporary_file(generated, tmp_path):
    out = tmp_path / "out"
    (out / "graph.ttl").parent.mkdir()
    (out / "graph.ttl").write_text("earlier\n")
    process = _cli("build", str(generated), "--out", str(out), "--workers", "2", "--shard-size", "30", "--quiet")
    work = out / WORK_DIR_NAME
    deadline = time.monotonic() + 120
    # A worker is writing its shard (the parent's own temporary files, ".graph.in.*", come first).
    while not [name for name in _temps(work) if not name.startswith(".graph.in.")]:
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.01)
    workers = _children(process.pid)
    assert len(workers) >= 2
    process.send_signal(signal.SIGTERM)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error build stopped by SIGTERM: nothing written to"), stderr
    assert _temps(out, work) == []
    assert (out / "graph.ttl").read_text() == "earlier\n"
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)


def test_a_slug_collision_across_shards_is_detected(tmp_path):
    """Two ids with one slug can only come from a hash collision; two equal ids in far apart
    shards are the case that happens, caught by the same corpus-wide check."""
    records = [{"id": f"n{i:03d}", "text": f"Retno Marsudi bertemu Wang Yi di Jakarta pada hari ke-{i}."} for i in range(12)]
    records[10]["id"] = "n001"
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    report = build_parallel([corpus], tmp_path / "out", workers=2, shard_size=3)
    assert [(f.code, f.line) for f in report.failures] == [("E109", 11)]
    assert report.articles == 11
    expected = build([corpus], tmp_path / "ref")
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (tmp_path / "ref" / "graph.trig").read_bytes()
    assert _summary(report) == _summary(expected)


def test_a_worker_that_dies_fails_its_shards_alone_and_the_next_run_builds_only_those(generated, reference, tmp_path):
    """A worker killed mid-shard (out of memory, say): its shards are reported (E113, with their
    first and last inputs), no graph file is written, finished shards are kept for the next run."""
    out = tmp_path / "out"
    args = ["build", str(generated), "--out", str(out), "--workers", "2", "--shard-size", "30",
            "--format", "turtle", "--format", "trig", "--quiet"]
    process = _cli(*args)
    manifest = out / WORK_DIR_NAME / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while not (manifest.exists() and manifest.read_text().count("\n") >= 1 and _temps(out / WORK_DIR_NAME)):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.01)
    os.kill(min(_children(process.pid)), signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    failed = [line for line in stderr.splitlines() if "[E113]" in line]
    assert failed and all(f"{generated}" in line and "failed:" in line for line in failed), stderr
    assert not (out / "graph.ttl").exists()
    finished = manifest.read_text().count("\n")
    assert finished >= 1

    rerun = _cli(*args)
    stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert f"9 shard(s), {finished} finished by an earlier run" in stdout
    expected_dir, _summary_ = reference["generated"]
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (expected_dir / name).read_bytes(), name


def test_a_local_cluster_s_workers_keep_no_stack_profiles_that_grew_with_every_shard():
    """Issue 14: a Dask worker's sampling profiler kept a profile of each second of work (0.12-0.16
    MiB of spaCy stacks a second, for 1,000 seconds), so ``--dask local`` workers grew with
    every shard while the pool's stayed flat. The LocalCluster's workers run without it."""
    pytest.importorskip("distributed")
    from diplokg.shards import _Dask

    runner = _Dask("local", 1)  # the cluster `--dask local` builds on, not one of the test's own
    try:
        client = runner._client
        client.submit(time.sleep, 1.5, pure=False).result()  # longer than a profile cycle (1 s)
        assert set(client.run(lambda dask_worker: len(dask_worker.profile_history)).values()) == {0}
        assert set(client.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks).values()) == {False}
    finally:
        runner.close(stop=False)
