"""Data is never lost or merged by accident (issue 11): distinct ids never share a graph, article
ids never reach the reserved graphs, one over-long article fails alone, a killed build leaves
nothing behind and its re-run brings files and store back into agreement, outputs follow the
umask, and removing from a missing store creates nothing.

Every build here is real (spaCy pipeline, pyoxigraph store); the kill tests run the CLI in a
subprocess and signal it while it writes.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse
from typer.testing import CliRunner

from diplokg.builder import build
from diplokg.cli import app
from diplokg.rdf.writers import GraphWriter
from diplokg.rdf.iris import DEFAULT_BASE, Minter, doc_slug
from diplokg.pipeline import build_nlp
from diplokg import open_store
from diplokg.identity import store_identity
from diplokg.stores import StoreSink, article_graph
from diplokg.stores.embedded import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
G = DEFAULT_BASE + "graph/"
KB, IDENTITY = G + "-/kb", G + "-/identity"
DCTERMS_ID = "http://purl.org/dc/terms/identifier"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
# A full name and a one-word mention of the same person: together they make an identity link.
FULL = "Indonesian Deputy Foreign Minister Pahala Mansury met Malaysian officials in Jakarta, Indonesia, on Monday.\n"
SHORT = "Mansury said Indonesia would attend the summit, Deputy Minister Mansury told reporters in Jakarta.\n"
TEMP = re.compile(r"\.graph\.(ttl|trig|nt|nq|jsonld)\.[0-9a-f]+\.tmp")  # what a GraphWriter creates


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _graphs(trig: Path) -> dict[str, set]:
    found: dict[str, set] = {}
    for quad in parse(path=str(trig), format=RdfFormat.TRIG):
        found.setdefault(quad.graph_name.value, set()).add(quad.triple)
    return found


def _identifier(triples: set) -> set[str]:
    return {t.object.value for t in triples if t.predicate.value == DCTERMS_ID}


def _temps(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if TEMP.fullmatch(p.name))


# -- 1. ids and slugs ----------------------------------------------------------------------------


def test_doc_slug_is_injective_and_keeps_safe_ids_unchanged():
    ids = ["a b", "a-b", "a_b", "a.b", "a~b", "a/b", "a%20b", "", ".", "..", "-", "~", "é", "e", "E",
           "kb", "identity", "-/kb", "a-b~c8687a08", "000_a03b26b6af25b1e1", "\ud800", "x" * 300]
    slugs = [doc_slug(i) for i in ids]
    assert len(set(slugs)) == len(ids), sorted(zip(slugs, ids))
    for doc_id, slug in zip(ids, slugs):
        assert re.fullmatch(r"[A-Za-z0-9._-]+|[A-Za-z0-9._-]*~[0-9a-f]{8}", slug), slug
        safe = re.fullmatch(r"[A-Za-z0-9._-]+", doc_id) and doc_id not in (".", "..")
        assert (slug == doc_id) == bool(safe), (doc_id, slug)
    # Deterministic: pinned, as IRIs must not change between runs or versions.
    assert doc_slug("a b") == "a-b~c8687a08"
    assert doc_slug("a-b~c8687a08") == "a-b-c8687a08~" + doc_slug("a-b~c8687a08").rsplit("~", 1)[1]
    # Everything that turns an id into a graph uses the same function.
    assert article_graph("a b").value == Minter().graph("a b").value == G + "a-b~c8687a08"


def test_files_whose_names_differ_only_in_unsafe_characters_get_their_own_graphs(tmp_path):
    """Regression: `a b.txt` and `a-b.txt` shared the graph `a-b` (summary 7 articles, graph 6)."""
    src = tmp_path / "in"
    src.mkdir()
    names = ["a b", "a-b", "a_b", "a+b"]
    for name in names:
        (src / f"{name}.txt").write_text(FULL, encoding="utf-8")
    report = build([src], tmp_path / "out", language="en")
    assert report.ok and report.articles == 4
    graphs = _graphs(tmp_path / "out" / "graph.trig")
    articles = {g: _identifier(t) for g, t in graphs.items() if not g.startswith(G + "-/")}
    assert articles == {G + doc_slug(name): {name} for name in names}
    assert G + "a-b" in articles and G + "a-b~c8687a08" in articles


def _colliding_ids() -> tuple[str, str]:
    """Two distinct ids with one slug: the 32-bit hash collides within ~10^5 ids of one sanitised form."""
    seen: dict[str, str] = {}
    for chars in itertools.product("!#$%&'()*+,:;=?@[]^{|} ", repeat=4):
        doc_id = "x" + "".join(chars)
        slug = doc_slug.__wrapped__(doc_id)
        if slug in seen:
            return seen[slug], doc_id
        seen[slug] = doc_id
    raise AssertionError("no collision found")  # pragma: no cover


def test_a_slug_collision_is_a_coded_error_naming_both_inputs(tmp_path):
    first, second = _colliding_ids()
    assert first != second and doc_slug(first) == doc_slug(second)
    corpus = _jsonl(tmp_path / "news.jsonl", [{"id": first, "text": FULL, "language": "en"},
                                              {"id": "other", "text": SHORT, "language": "en"},
                                              {"id": second, "text": SHORT, "language": "en"}])
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1, result.output
    assert "[E109]" in result.output and f"{corpus}:3" in result.output and f"{corpus}:1" in result.output
    assert repr(first) in result.output and repr(second) in result.output
    articles = {g: _identifier(t) for g, t in _graphs(tmp_path / "out" / "graph.trig").items() if not g.startswith(G + "-/")}
    assert articles == {G + doc_slug(first): {first}, G + "other": {"other"}}


# -- 2. reserved graphs -------------------------------------------------------------------------


def test_articles_named_kb_and_identity_are_articles_and_leave_the_reserved_graphs_intact(tmp_path):
    """Regression: `kb.txt` replaced the knowledge-base graph and `identity.txt` the identity graph."""
    plain = build([_jsonl(tmp_path / "plain.jsonl", [{"id": "full", "text": FULL}, {"id": "short", "text": SHORT}])],
                  tmp_path / "plain", language="en")
    named = build([_jsonl(tmp_path / "named.jsonl", [{"id": "kb", "text": FULL}, {"id": "identity", "text": SHORT}])],
                  tmp_path / "named", language="en")
    assert plain.ok and named.ok and named.articles == 2
    reference, graphs = _graphs(tmp_path / "plain" / "graph.trig"), _graphs(tmp_path / "named" / "graph.trig")
    assert set(graphs) == {G + "kb", G + "identity", KB, IDENTITY}
    assert _identifier(graphs[G + "kb"]) == {"kb"} and _identifier(graphs[G + "identity"]) == {"identity"}
    # The reserved graphs hold what they hold for any other ids: aliases, and the Mansury link.
    assert graphs[KB] == reference[KB] and len(graphs[KB]) >= 5
    assert graphs[IDENTITY] == reference[IDENTITY]
    assert {(t.subject.value, t.object.value) for t in graphs[IDENTITY] if t.predicate.value == OWL_SAME} == {
        (DEFAULT_BASE + "person/mansury", DEFAULT_BASE + "person/pahala-mansury")}


def test_remove_kb_removes_only_an_article_kb_and_refuses_the_reserved_graphs(tmp_path):
    store_dir = tmp_path / "store"
    corpus = _jsonl(tmp_path / "named.jsonl", [{"id": "kb", "text": FULL}, {"id": "identity", "text": SHORT}])
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--store", str(store_dir),
                               "--language", "en", "--quiet"]).exit_code == 0
    with EmbeddedStore(store_dir, read_only=True) as store:
        before = {g.value: store.triples_in(g) for g in store.graphs()}
    assert set(before) == {G + "kb", G + "identity", KB, IDENTITY}

    # The reserved graphs by IRI: refused as a usage error, nothing changed.
    for reserved in (KB, IDENTITY, "urn:diplokg:union"):
        result = runner.invoke(app, ["remove", reserved, "--store", str(store_dir)])
        assert result.exit_code == 2 and "reserved graph" in result.output, result.output
    result = runner.invoke(app, ["remove", "kb", "--store", str(store_dir)])
    assert result.exit_code == 0 and f"removed article kb ({len(before[G + 'kb'])} triples)" in result.output
    with EmbeddedStore(store_dir, read_only=True) as store:
        after = {g.value: store.triples_in(g) for g in store.graphs()}
    assert after[G + "identity"] == before[G + "identity"]
    # The aliases of the entities the remaining article describes stay; Pahala Mansury's link goes
    # with his only article.
    described = {t.subject for t in before[G + "identity"]}
    assert after[KB] == {t for t in before[KB] if t.subject in described}
    assert {t.subject.value for t in after[KB]} >= {DEFAULT_BASE + "state/indonesia"}
    assert set(after) == {G + "identity", KB}
    # No article kb any more: an error naming it, exit 1, and the kb graph untouched.
    result = runner.invoke(app, ["remove", "kb", "--store", str(store_dir)])
    assert result.exit_code == 1 and "no article 'kb'" in result.output
    with EmbeddedStore(store_dir, read_only=True) as store:
        assert store.triples_in(KB) == after[KB]


# -- 3. one article over the pipeline's max_length ------------------------------------------------


def test_the_max_length_boundary_both_sides(tmp_path, monkeypatch):
    """Exactly at the pipeline's limit is built; one character over fails alone (E105)."""
    limit = 400
    monkeypatch.setattr(build_nlp("en"), "max_length", limit)  # the pipeline's own limit, lowered
    at = (FULL * 10)[: limit - 1] + "\n"
    over = (FULL * 10)[:limit] + "\n"
    assert len(at) == limit and len(over) == limit + 1
    corpus = _jsonl(tmp_path / "news.jsonl", [{"id": "at", "text": at}, {"id": "over", "text": over},
                                              {"id": "short", "text": SHORT}])
    report = build([corpus], tmp_path / "out", language="en")
    assert report.articles == 2
    [failure] = report.failures
    assert (failure.code, failure.path, failure.line, failure.doc_id) == ("E105", str(corpus), 2, "over")
    assert f"{limit + 1:,} characters > {limit:,}" in failure.reason and f"at most {limit:,} characters" in failure.hint
    articles = {g for g in _graphs(tmp_path / "out" / "graph.trig") if not g.startswith(G + "-/")}
    assert articles == {G + "at", G + "short"}


def test_a_megabyte_line_fails_alone_and_the_rest_is_built(tmp_path):
    """Regression: a 1,048,576-character line aborted the whole build with exit 2."""
    huge = ("kata biasa tanpa nama apa pun. " * 40_000)[:1_048_575] + "\n"
    corpus = _jsonl(tmp_path / "news.jsonl", [{"id": "short", "text": SHORT, "language": "en"},
                                              {"id": "huge", "text": huge, "language": "id"}])
    result = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1, result.output
    assert f"[E105] {corpus}:2: article 'huge' too long (1,048,576 characters > 1,000,000" in result.output
    assert "1 input(s) failed" in result.output
    assert {g for g in _graphs(tmp_path / "out" / "graph.trig") if not g.startswith(G + "-/")} == {G + "short"}


# -- 5. permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_outputs_follow_the_umask(tmp_path, umask, mode):
    """Regression: graph.ttl/graph.trig were 0600 whatever the umask (mkstemp)."""
    old = os.umask(umask)
    try:
        with GraphWriter(tmp_path, ["turtle", "trig", "ntriples", "nquads", "jsonld"]) as writer:
            writer.write_article([Quad(NamedNode("http://ex.org/a"), NamedNode("http://ex.org/p"), Literal("x"),
                                       NamedNode(G + "a"))])
    finally:
        os.umask(old)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["graph.jsonld", "graph.nq", "graph.nt", "graph.trig", "graph.ttl"]
    assert {name: (tmp_path / name).stat().st_mode & 0o777 for name in written} == {name: mode for name in written}


# -- 4. temporary files, signals, recovery ----------------------------------------------------------


def test_a_writer_sweeps_stale_temporary_files_but_not_those_of_a_running_build(tmp_path):
    stale = [".graph.ttl.0123abcd4567.tmp", ".graph.trig.89ab.tmp", ".graph.jsonld.ffff.tmp"]
    others = [".graph.notes.tmp", "graph.ttl.tmp", ".graph.ttl.tmp", "mine.tmp"]
    for name in stale + others:
        (tmp_path / name).write_text("x")
    triple = Quad(NamedNode("http://ex.org/a"), NamedNode("http://ex.org/p"), Literal("x"), NamedNode(G + "a"))
    with GraphWriter(tmp_path, ["turtle"]) as running:
        running.write_article([triple])
        theirs = _temps(tmp_path)
        assert len(theirs) == 1 and not set(theirs) & set(stale)  # swept; only its own left
        (tmp_path / stale[0]).write_text("x")  # a kill happening now: not stale while `running` runs
        with GraphWriter(tmp_path, ["trig"]) as concurrent:
            concurrent.write_article([triple])
            assert set(theirs) < set(_temps(tmp_path)) and (tmp_path / stale[0]).exists()
        assert set(theirs) <= set(_temps(tmp_path))
    assert (tmp_path / "graph.ttl").read_text().count("<http://ex.org/a>") == 1
    with GraphWriter(tmp_path, ["nquads"]):  # alone again: the stale file goes
        assert not (tmp_path / stale[0]).exists()
    assert _temps(tmp_path) == []
    assert all((tmp_path / name).exists() for name in others)  # not the writer's pattern: kept


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory) -> Path:
    """36 articles (the seeds under other ids, then two that make an identity link), long enough
    to be killed while writing."""
    root = tmp_path_factory.mktemp("kill-corpus")
    seeds = sorted(SEEDS.glob("*.txt"))
    records = [{"id": f"k{i:02d}-{seed.stem[:3]}", "text": seed.read_text(encoding="utf-8")}
               for i, seed in zip(range(34), itertools.cycle(seeds))]
    records += [{"id": "full", "text": FULL, "language": "en"}, {"id": "short", "text": SHORT, "language": "en"}]
    return _jsonl(root / "corpus.jsonl", records)


@pytest.fixture(scope="module")
def clean_build(kill_corpus, tmp_path_factory) -> Path:
    """The corpus built once, never interrupted: files in ``out``, the store in ``store``."""
    root = tmp_path_factory.mktemp("clean")
    with open_store("embedded", path=root / "store") as store:
        sink = StoreSink(store)
        report = build([kill_corpus], root / "out", sink=sink)
        sink.finish()
    assert report.ok and report.articles == 36
    return root


def _cli(*args: str, **options) -> subprocess.Popen:
    code = "from diplokg.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **options)


def _stored(path: Path) -> tuple[dict[str, set], set]:
    with EmbeddedStore(path, read_only=True) as store:
        return {g.value: store.triples_in(g) for g in store.graphs()}, store.default_triples()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_nothing_behind_and_its_rerun_agrees_with_a_clean_build(kill_corpus, clean_build, tmp_path, signum):
    out, store_dir = tmp_path / "out", tmp_path / "store"
    args = ["build", str(kill_corpus), "--out", str(out), "--store", str(store_dir), "--quiet"]
    process = _cli(*args)
    # Kill once several articles are written (the TriG temp file past 100 KB) and stored.
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".graph.trig.") and p.stat().st_size > 100_000
                  for p in (out.iterdir() if out.exists() else ())):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.02)
    process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=60)
    left = _temps(out)
    if signum == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL and len(left) == 2  # what the sweep is for
    else:
        assert process.returncode == 1 and left == []
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error build stopped by SIGTERM: nothing written to"), stderr
    assert not (out / "graph.trig").exists() and not (out / "graph.ttl").exists()
    # The store holds some of the articles, and no identity graph yet (read without repairing it).
    raw = Store.read_only(str(store_dir))
    killed_graphs = {g.value for g in raw.named_graphs()}
    del raw
    assert 1 <= len(killed_graphs - {KB, IDENTITY}) < 36 and IDENTITY not in killed_graphs

    rerun = _cli(*args)
    _stdout, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert _temps(out) == []
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (clean_build / "out" / name).read_bytes(), name
    graphs, union = _stored(store_dir)
    expected_graphs, expected_union = _stored(clean_build / "store")
    assert IDENTITY in graphs and len(graphs) == 36 + 2
    assert graphs == expected_graphs
    assert union == expected_union


def test_a_store_without_its_identity_graph_repairs_itself_on_open(tmp_path):
    corpus = _jsonl(tmp_path / "news.jsonl", [{"id": "full", "text": FULL}, {"id": "short", "text": SHORT}])
    store_dir = tmp_path / "store"
    with open_store("embedded", path=store_dir) as store:
        sink = StoreSink(store)
        build([corpus], tmp_path / "out", language="en", sink=sink)
        sink.finish()
    graphs, union = _stored(store_dir)
    assert {(t.subject.value, t.object.value) for t in graphs[IDENTITY]} >= {
        (DEFAULT_BASE + "person/mansury", DEFAULT_BASE + "person/pahala-mansury")}

    def lose_identity() -> None:
        """What a build killed before its identity graph leaves: no graph, nor its triples in the union copy."""
        raw = Store(str(store_dir))
        raw.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{IDENTITY}> {{ ?s ?p ?o }} }} ; DROP GRAPH <{IDENTITY}>")
        assert not raw.contains_named_graph(NamedNode(IDENTITY))
        raw.flush()
        del raw

    for read_only in (False, True):  # build/load/remove open it read-write, query/serve read-only
        lose_identity()
        EmbeddedStore(store_dir, read_only=read_only, identity=store_identity).close()
        assert _stored(store_dir) == (graphs, union), f"read_only={read_only}"


# -- 6. a missing store ---------------------------------------------------------------------------


def test_remove_from_a_missing_store_says_so_and_creates_nothing(tmp_path):
    """Regression: `remove DOC --store DIR` created an empty store at DIR."""
    missing, empty = tmp_path / "nope", tmp_path / "empty"
    empty.mkdir()
    for where, why in ((missing, "no such directory"), (empty, "not a pyoxigraph store")):
        result = CliRunner().invoke(app, ["remove", "a", "--store", str(where)])
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [
            f"error [E200] No store at {where} ({why}); nothing was created. Fix: check the path, or create a "
            "store with diplokg build --store DIR or diplokg load GRAPH --store DIR."]
    assert not missing.exists() and list(empty.iterdir()) == []
    # Reading refuses it the same way; building creates it.
    with pytest.raises(Exception, match="No store at"):
        EmbeddedStore(missing, read_only=True)
    assert not missing.exists()
    EmbeddedStore(missing).close()
    assert (missing / "CURRENT").is_file()
