"""Stores: the embedded pyoxigraph store and two real SPARQL servers (Oxigraph, Virtuoso).

The servers are started on loopback by the session fixtures in conftest.py and stopped when the
test run ends. Everything is checked by value: the bundled queries' answers, the triples of each
article graph before and after a replacement or a removal.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, Triple, parse
from typer.testing import CliRunner

from diplokg.builder import build
from diplokg.cli import app
from diplokg.errors import ConfigError, StoreError
from diplokg.rdf.iris import DEFAULT_BASE
from diplokg.query import bundled_queries, resolve_query, run_query
from diplokg.rdf.iris import is_kb_graph
from diplokg import open_store
from diplokg.stores import StoreSink, store_names
from diplokg.stores.embedded import EmbeddedStore
from diplokg.stores.remote import RemoteOptions, RemoteStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
KINDS = ["embedded", "oxigraph", "virtuoso"]
DKG = "https://w3id.org/diplokg/ontology#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
FIXTURE_GRAPH = NamedNode(DEFAULT_BASE + "graph/fixture")


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seed-build")
    report = build([SEEDS], out, formats=["turtle", "trig", "nquads"])
    assert report.ok and report.articles == 5
    return out


def _read_file(path: Path) -> dict[str, list]:
    """Graph IRI -> triples of a TriG/N-Quads file, as parsed (a pyoxigraph Store would already
    normalise xsd:nonNegativeInteger to xsd:integer)."""
    graphs: dict[str, list] = {}
    for quad in parse(path=str(path)):
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return graphs


def _fixture_graph() -> list:
    store = Store()
    store.load(path=str(FIXTURE), format=RdfFormat.TURTLE)
    return [q.triple for q in store]


def _clear(store) -> None:
    """Drop every graph diplokg wrote (Virtuoso's own system graphs stay)."""
    if isinstance(store, EmbeddedStore):
        store.store.clear()
        return
    for graph in store.graphs():
        if graph.value.startswith((DEFAULT_BASE, "urn:diplokg:")):
            store._update(f"DROP SILENT GRAPH <{graph.value}>")


def _open(kind: str, request, tmp_path: Path, **options):
    if kind == "embedded":
        return open_store("embedded", path=tmp_path / "store")
    server = request.getfixturevalue(f"{kind}_server")
    return open_store("remote", endpoint=server.endpoint, update_endpoint=server.update_endpoint,
                      graph_store=server.graph_store, timeout=30, **options)


@pytest.fixture
def store(request, tmp_path):
    """A store of the parametrised kind, emptied of diplokg graphs."""
    opened = _open(request.param, request, tmp_path)
    _clear(opened)
    yield opened
    opened.close()


def _as_stored(store, triples) -> set:
    """``triples`` as this store gives them back. Engines normalise literals on the way in
    (Oxigraph keeps xsd:nonNegativeInteger as xsd:integer, Virtuoso xsd:duration as seconds), so
    a graph is compared with the same triples stored in a scratch graph of the same store."""
    scratch = NamedNode(DEFAULT_BASE + "graph/zz-scratch")
    store.replace_article(scratch, triples)
    try:
        return store.triples_in(scratch)
    finally:
        store.remove_article(scratch.value)


_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_NON_NEGATIVE = NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def _integers_as_integer(triples) -> set:
    """Virtuoso keeps xsd:nonNegativeInteger through the Graph Store Protocol but stores it as
    xsd:integer through SPARQL Update: the same numbers either way, compared as xsd:integer."""
    return {Triple(t.subject, t.predicate, Literal(t.object.value, datatype=_INTEGER))
            if isinstance(t.object, Literal) and t.object.datatype == _NON_NEGATIVE else t for t in triples}


def _article_graphs(store) -> dict[str, set]:
    return {g.value: store.triples_in(g) for g in store.graphs() if g.value.startswith(DEFAULT_BASE + "graph/")}


# -- the registry ----------------------------------------------------------------------------------


def test_stores_are_looked_up_by_name(tmp_path):
    assert store_names() == ["embedded", "remote"]
    assert isinstance(open_store("embedded", path=tmp_path / "s"), EmbeddedStore)
    with pytest.raises(StoreError, match="No store named 'nope'"):
        open_store("nope")


# -- every bundled query answers the same everywhere -----------------------------------------------


def _seconds(duration: str) -> float:
    """An xsd:duration's seconds: Virtuoso 7.2 stores PT30M as 1800.0."""
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?", duration)
    if not match:
        return float(duration)
    days, hours, minutes, seconds = (float(x) if x else 0.0 for x in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def _normalised(result) -> list[tuple]:
    """Rows as a sorted list; only what the queries declare unordered or engine-specific is normalised:
    GROUP_CONCAT lists (order not significant) and xsd:duration (Virtuoso answers seconds)."""
    rows = []
    for row in result.rows:
        values = []
        for name in result.variables:
            value = row[name]
            if value is not None and name == "participants":
                value = "; ".join(sorted(value.split("; ")))
            elif value is not None and name == "duration":
                value = _seconds(value)
            values.append(value)
        rows.append(tuple(values))
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def loaded_everywhere(request, seed_build, tmp_path_factory):
    """The seed build plus the hand-written query fixture (as one more article graph), in all three stores."""
    stores = {}
    for kind in KINDS:
        opened = _open(kind, request, tmp_path_factory.mktemp(kind))
        _clear(opened)
        opened.load(seed_build / "graph.trig")
        opened.replace_article(FIXTURE_GRAPH, _fixture_graph())
        stores[kind] = opened
    yield stores
    for opened in stores.values():
        opened.close()


@pytest.mark.server
@pytest.mark.parametrize("name", list(bundled_queries()))
def test_every_bundled_query_answers_the_same_on_all_three_stores(loaded_everywhere, seed_build, name):
    text = resolve_query(name)
    embedded = loaded_everywhere["embedded"].query(text)
    assert embedded.rows, f"{name} has no answer on the seeds + fixture: the comparison would prove nothing"
    for kind in ("oxigraph", "virtuoso"):
        answer = loaded_everywhere[kind].query(text)
        assert answer.variables == embedded.variables
        assert _normalised(answer) == _normalised(embedded), f"{name} differs on {kind}"


def test_a_store_answers_like_the_union_file(seed_build, tmp_path):
    with open_store("embedded", path=tmp_path / "s") as store:
        store.load(seed_build / "graph.trig")
        for name in bundled_queries():
            text = resolve_query(name)
            assert _normalised(store.query(text)) == _normalised(run_query(seed_build / "graph.ttl", text)), name


# -- replacing and removing one article --------------------------------------------------------------


def _rebuild_first_article_shorter(tmp_path: Path) -> tuple[str, Path]:
    """The first seed, cut to its first three paragraphs, under the same file name (same id)."""
    seed = sorted(SEEDS.glob("*.txt"))[0]
    changed = tmp_path / "changed" / seed.name
    changed.parent.mkdir()
    changed.write_text("\n".join(seed.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    return seed.stem, changed


@pytest.mark.server
@pytest.mark.parametrize("store", KINDS, indirect=True)
def test_rebuilding_one_changed_article_replaces_its_graph_and_nothing_else(store, seed_build, tmp_path):
    store.load(seed_build / "graph.trig")
    before = _article_graphs(store)
    doc_id, changed = _rebuild_first_article_shorter(tmp_path)
    graph = DEFAULT_BASE + f"graph/{doc_id}"
    if isinstance(store, EmbeddedStore):
        build([changed], tmp_path / "out", formats=["trig"], sink=StoreSink(store))  # diplokg build --store
    else:
        store.load(_build_to(changed, tmp_path / "out"))  # diplokg load
    rebuilt = _read_file(tmp_path / "out" / "graph.trig")
    expected = _as_stored(store, rebuilt[graph])
    after = _article_graphs(store)
    assert expected and expected != before[graph]
    assert after[graph] == expected
    for other, triples in before.items():
        if other != graph and not is_kb_graph(other):
            assert after[other] == triples, f"{other} changed"
    # Knowledge-base aliases: re-set for the entities the rebuilt article names, the rest untouched.
    kb = NamedNode(DEFAULT_BASE + "graph/-/kb")
    new_kb = set(rebuilt[kb.value])  # language-tagged strings only: stored as they are
    renamed = {t.subject for t in new_kb}
    assert new_kb <= after[kb.value]
    assert {t for t in after[kb.value] if t.subject not in renamed} == {t for t in before[kb.value] if t.subject not in renamed}


def _build_to(article: Path, out: Path) -> Path:
    build([article], out, formats=["trig"])
    return out / "graph.trig"


def _mentions(store, cls: str) -> dict[str, set[str]]:
    """Instances of ``cls`` -> the article graphs that describe them."""
    found: dict[str, set[str]] = {}
    for graph, triples in _article_graphs(store).items():
        if is_kb_graph(graph):
            continue
        for t in triples:
            if t.predicate.value.endswith("#type") and t.object.value == DKG + cls:
                found.setdefault(t.subject.value, set()).add(graph)
    return found


@pytest.mark.server
@pytest.mark.parametrize("store", KINDS, indirect=True)
def test_removing_an_article_drops_what_only_it_said_and_keeps_shared_people(store, seed_build):
    store.load(seed_build / "graph.trig")
    before = _article_graphs(store)
    people = _mentions(store, "Person")
    # An article naming one person nobody else names and one person named elsewhere too.
    graph, only, shared = next(
        (g, p, s) for g in sorted(before) if not is_kb_graph(g)
        for p, gs in sorted(people.items()) if gs == {g}
        for s, gs2 in sorted(people.items()) if g in gs2 and len(gs2) > 1
    )
    kb = DEFAULT_BASE + "graph/-/kb"
    kb_subjects = {t.subject.value for t in before[kb]}
    described = {}
    for g, triples in before.items():
        if not is_kb_graph(g):
            for t in triples:
                described.setdefault(t.subject.value, set()).add(g)
    kb_orphans = {s for s in kb_subjects if described.get(s) == {graph}}
    kb_kept = kb_subjects - kb_orphans

    removed = store.remove_article(graph.rsplit("/", 1)[1])
    assert removed == len(before[graph])

    after = _article_graphs(store)
    assert graph not in after
    assert store.query(f"SELECT ?p ?o WHERE {{ <{only}> ?p ?o }}").rows == []
    assert store.query(f"SELECT ?s ?p WHERE {{ ?s ?p <{only}> }}").rows == []
    # The shared person stays, with its label, and with mentions from the remaining articles only.
    assert store.query(f"SELECT DISTINCT ?l WHERE {{ <{shared}> <{RDFS_LABEL}> ?l }}").rows
    spans = [r["span"] for r in store.query(f"SELECT DISTINCT ?span WHERE {{ <{shared}> <{PROV_DERIVED}> ?span }}").rows]
    article = DEFAULT_BASE + "article/" + graph.rsplit("/", 1)[1] + "#"
    assert spans and not any(s.startswith(article) for s in spans)
    for other, triples in before.items():
        if other not in (graph, kb):
            assert after[other] == triples, f"{other} changed"
    # Knowledge-base aliases: gone for entities only the removed article described, kept for the rest.
    kb_after = {t.subject.value for t in after.get(kb, set())}
    assert kb_after == kb_kept
    assert {t for t in before[kb] if t.subject.value in kb_kept} == after.get(kb, set())
    with pytest.raises(StoreError, match="has no article"):
        store.remove_article(graph.rsplit("/", 1)[1])


# -- remote specifics -----------------------------------------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_update_fallback_and_staged_uploads_store_the_same_triples(kind, request, seed_build, tmp_path):
    server = request.getfixturevalue(f"{kind}_server")
    by_graph = _read_file(seed_build / "graph.trig")
    probe = RemoteStore(server.endpoint, update_endpoint=server.update_endpoint, graph_store=server.graph_store, timeout=30)
    _clear(probe)
    expected = {g: _as_stored(probe, triples) for g, triples in by_graph.items()}
    variants = [
        dict(protocol="update"),                                   # SPARQL Update only
        dict(graph_store=server.endpoint.rsplit("/", 1)[0] + "/no-such-protocol"),  # auto: 404 -> Update
        dict(chunk=100, update_chunk=100),                         # staged in chunks, then MOVE
        dict(protocol="update", update_chunk=100),                 # staged with INSERT DATA chunks
    ]
    for options in variants:
        options = {"graph_store": server.graph_store, **options}
        store = RemoteStore(server.endpoint, update_endpoint=server.update_endpoint, timeout=30, **options)
        _clear(store)
        report = store.load(seed_build / "graph.trig")
        assert report.triples == sum(len(t) for t in by_graph.values())
        got = _article_graphs(store)
        assert got == expected, options
        assert not [g for g in store.graphs() if g.value.startswith("urn:diplokg:staging:")]
        if "no-such-protocol" in str(options.get("graph_store")):
            assert report.method == "update"


def test_embedded_bulk_load_equals_the_transactional_load(seed_build, tmp_path):
    """The bulk loader (union copy from the build's Turtle file beside the quads, or derived from
    the loaded graphs when there is none) ends with the same graphs and union copy as ``load``."""
    with open_store("embedded", path=tmp_path / "tx") as reference:
        reference.load(seed_build / "graph.nq")
        graphs, union = _article_graphs(reference), reference.default_triples()
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(seed_build / "graph.nq", alone / "graph.nq")  # no union file beside it
    for source, how in ((seed_build / "graph.nq", "from graph.ttl"), (alone / "graph.nq", "derived")):
        with open_store("embedded", path=tmp_path / how.replace(" ", "-")) as store:
            report = store.bulk_load(source)
            assert report.method == "bulk" and report.graphs == 6
            assert report.triples == sum(len(t) for t in _article_graphs(store).values())
            assert _article_graphs(store) == graphs and store.default_triples() == union, how
            assert [note.split(":")[0] for note in report.notes] == [
                f"bulk loader (named graphs, union copy {how})", "compaction", "identity graph"]


@pytest.mark.server
@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_bulk_load_writes_the_same_graphs_and_union_copy(kind, request, seed_build, tmp_path):
    server = request.getfixturevalue(f"{kind}_server")
    with open_store("embedded", path=tmp_path / "e") as embedded:
        embedded.bulk_load(seed_build / "graph.nq")
        graphs, union = _article_graphs(embedded), embedded.default_triples()
    probe = RemoteStore(server.endpoint, update_endpoint=server.update_endpoint, graph_store=server.graph_store, timeout=30)
    _clear(probe)
    graphs = {g: _integers_as_integer(_as_stored(probe, list(triples))) for g, triples in graphs.items()}
    union = _integers_as_integer(_as_stored(probe, list(union)))
    # the union copy posted in batches of many graphs (tiny chunks: many batches), and by Update
    for options in (dict(chunk=50), dict(), dict(protocol="update", update_chunk=100)):
        store = RemoteStore(server.endpoint, update_endpoint=server.update_endpoint,
                            graph_store=server.graph_store, timeout=30, **options)
        _clear(store)
        report = store.bulk_load(seed_build / "graph.nq")
        assert report.graphs == 6
        got = _article_graphs(store)
        assert {g: _integers_as_integer(t) for g, t in got.items()} == graphs, options
        assert _integers_as_integer(store.default_triples()) == union, options


# -- the remote-store options: one checked object -------------------------------------------------------


@pytest.mark.parametrize(("fields", "code", "message"), [
    (dict(endpoint="127.0.0.1:7878/query"), "E420", "--endpoint '127.0.0.1:7878/query' is not an http(s) URL"),
    (dict(endpoint="ftp://127.0.0.1/query"), "E420", "--endpoint 'ftp://127.0.0.1/query' is not an http(s) URL"),
    (dict(endpoint="http:///query"), "E420", "is not an http(s) URL"),
    (dict(endpoint="http://127.0.0.1:port/query"), "E420", "is not an http(s) URL"),
    (dict(update_endpoint="localhost/update"), "E420", "--update-endpoint 'localhost/update'"),
    (dict(graph_store="store"), "E420", "--graph-store 'store'"),
    (dict(timeout=-1), "E421", "--timeout -1 is not a positive number of seconds"),
    (dict(timeout=0), "E421", "--timeout 0 is not a positive number"),
    (dict(timeout=float("nan")), "E421", "--timeout nan"),
    (dict(retries=-1), "E421", "--retries -1 is not a whole number of at least 0"),
    (dict(chunk=0), "E421", "chunk 0"),
    (dict(protocol="ftp"), "E422", "--protocol 'ftp'"),
    (dict(auth="kerberos"), "E422", "--auth 'kerberos'"),
])
def test_bad_remote_options_are_a_config_error_naming_the_option(fields, code, message):
    fields = {"endpoint": "http://127.0.0.1:7878/query", **fields}
    with pytest.raises(ConfigError) as raised:
        RemoteOptions(**fields)
    assert raised.value.code == code and message in str(raised.value) and raised.value.hint
    with pytest.raises(ConfigError):  # the store checks through the same object
        RemoteStore(**fields)


def test_remote_options_are_one_frozen_value_with_credentials_from_the_environment(monkeypatch):
    monkeypatch.setenv("DIPLOKG_USER", "env-user")
    monkeypatch.setenv("DIPLOKG_PASSWORD", "env-secret")
    options = RemoteOptions("http://127.0.0.1:8890/sparql", timeout=5, retries=0)
    assert (options.user, options.password) == ("env-user", "env-secret")
    assert "env-secret" not in repr(options)
    given = RemoteOptions("http://127.0.0.1:8890/sparql", user="ana", password="pw")
    assert (given.user, given.password) == ("ana", "pw")
    with pytest.raises(AttributeError):
        options.timeout = 10  # type: ignore[misc]
    resolved = options.resolved()
    assert (resolved.update_endpoint, resolved.graph_store) == (
        "http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql-graph-crud")
    assert RemoteOptions("http://127.0.0.1:8890/sparql", protocol="update").resolved().graph_store is None
    with pytest.raises(ConfigError, match="No Graph Store Protocol URL"):
        RemoteOptions("http://127.0.0.1:9/other", protocol="gsp").resolved()
    store = RemoteStore(options=options, timeout=7)  # one field overridden, the rest kept
    assert store.options == RemoteOptions("http://127.0.0.1:8890/sparql", timeout=7, retries=0).resolved()
    assert (store.timeout, store.retries, store._user) == (7, 0, "env-user")
    assert "env-secret" not in repr(store) and "env-secret" not in repr(store.options)


@pytest.mark.server
@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_a_store_opened_from_options_loads_and_answers_like_keyword_arguments(kind, request, seed_build):
    server = request.getfixturevalue(f"{kind}_server")
    options = RemoteOptions(server.endpoint, update_endpoint=server.update_endpoint, graph_store=server.graph_store,
                            timeout=30, retries=1)
    store = open_store("remote", options=options)
    assert store.options == options.resolved()
    _clear(store)
    report = store.load(seed_build / "graph.trig")
    assert (report.graphs, report.method) == (6, "gsp")
    by_keywords = RemoteStore(server.endpoint, update_endpoint=server.update_endpoint,
                              graph_store=server.graph_store, timeout=30, retries=1)
    text = resolve_query("positions")
    assert _normalised(store.query(text)) == _normalised(by_keywords.query(text)) != []
    # The same options with SPARQL Update only: the same graphs.
    before = _article_graphs(store)
    update_only = open_store("remote", options=dataclasses.replace(options, protocol="update"))
    _clear(update_only)
    assert update_only.load(seed_build / "graph.trig").method == "update"
    assert {g: _integers_as_integer(t) for g, t in _article_graphs(update_only).items()} == {
        g: _integers_as_integer(t) for g, t in before.items()}


@pytest.mark.server
def test_cli_remote_options_are_checked_before_the_store_is_touched(oxigraph_server, seed_build):
    store = RemoteStore(oxigraph_server.endpoint, timeout=30)
    _clear(store)
    runner = CliRunner()
    for bad, message in ((["--timeout", "-1"], "[E421] --timeout -1.0"), (["--retries", "-1"], "[E421] --retries -1"),
                         (["--graph-store", "store"], "[E420] --graph-store 'store'"),
                         (["--protocol", "ftp"], "[E422] --protocol 'ftp'")):
        result = runner.invoke(app, ["load", str(seed_build), "--endpoint", oxigraph_server.endpoint, *bad])
        assert result.exit_code == 2 and message in result.output, result.output
    assert not [g for g in store.graphs() if g.value.startswith(DEFAULT_BASE)]
    # Good options: the same command stores the build, with the retries and timeout given.
    result = runner.invoke(app, ["load", str(seed_build), "--endpoint", oxigraph_server.endpoint,
                                 "--timeout", "30", "--retries", "0", "--protocol", "update"])
    assert result.exit_code == 0 and "loaded 6 graph(s)" in result.output and "update)" in result.output, result.output


def _dead_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/query"


def test_a_store_that_is_down_gives_one_clear_error_and_exit_1(seed_build):
    store = RemoteStore(_dead_url(), retries=1, timeout=2)
    with pytest.raises(StoreError, match=r"Cannot reach the triple store at http://127\.0\.0\.1:\d+/.*Connection refused \(2 tries\)"):
        store.load(seed_build / "graph.trig")
    with pytest.raises(StoreError, match="Cannot reach"):
        store.query("SELECT * WHERE { ?s ?p ?o }")
    result = CliRunner().invoke(app, ["load", str(seed_build), "--endpoint", _dead_url(), "--retries", "0",
                                      "--user", "someone", "--password", "s3cret-pw"])
    assert result.exit_code == 1
    assert "Cannot reach the triple store" in result.output
    assert "s3cret-pw" not in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["query", "positions", "--endpoint", _dead_url(), "--retries", "0"])
    assert result.exit_code == 1 and "Cannot reach" in result.output


@pytest.mark.server
def test_a_store_that_refuses_changes_nothing_and_credentials_from_env_work(virtuoso_server, seed_build, monkeypatch):
    base = virtuoso_server.endpoint.rsplit("/", 1)[0]
    anonymous = RemoteStore(virtuoso_server.endpoint, timeout=30)
    _clear(anonymous)
    anonymous.load(seed_build / "graph.trig")
    before = _article_graphs(anonymous)
    monkeypatch.delenv("DIPLOKG_USER", raising=False)
    monkeypatch.delenv("DIPLOKG_PASSWORD", raising=False)
    refused = RemoteStore(f"{base}/sparql-auth", auth="digest", timeout=30, retries=0)
    with pytest.raises(StoreError, match=r"refused .*HTTP 401.*--user and --password"):
        refused.load(seed_build / "graph.trig")
    assert _article_graphs(anonymous) == before
    result = CliRunner().invoke(app, ["remove", "000_a03b26b6af25b1e1", "--endpoint", f"{base}/sparql-auth", "--auth", "digest",
                                      "--user", "dba", "--password", "wrong-secret"])
    assert result.exit_code == 1 and "refused" in result.output and "wrong-secret" not in result.output
    assert _article_graphs(anonymous) == before
    # The same account through the environment, as the CLI reads it: digest on Virtuoso's /sparql-auth.
    monkeypatch.setenv("DIPLOKG_USER", "dba")
    monkeypatch.setenv("DIPLOKG_PASSWORD", "dba")
    authorised = RemoteStore(f"{base}/sparql-auth", auth="digest", timeout=30)
    assert "dba" not in repr(authorised)
    authorised.remove_article("000_a03b26b6af25b1e1")
    assert DEFAULT_BASE + "graph/000_a03b26b6af25b1e1" not in _article_graphs(anonymous)
    assert authorised.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/diplokg/ontology#Article> }").rows == [{"n": "4"}]


@pytest.mark.server
def test_a_failed_switch_leaves_the_old_graph_whole(oxigraph_server, seed_build, tmp_path):
    good = RemoteStore(oxigraph_server.endpoint, timeout=30)
    _clear(good)
    good.load(seed_build / "graph.trig")
    before = _article_graphs(good)
    doc_id, changed = _rebuild_first_article_shorter(tmp_path)
    new_file = _build_to(changed, tmp_path / "out")
    # Uploads reach the store, the switch (an update) does not: the store "went down" midway.
    broken = RemoteStore(oxigraph_server.endpoint, update_endpoint=_dead_url(), graph_store=oxigraph_server.graph_store,
                         timeout=5, retries=0)
    with pytest.raises(StoreError, match="Cannot reach"):
        broken.load(new_file)
    after = {g: t for g, t in _article_graphs(good).items()}
    assert after == before
    # The next load of the article clears what the failed one left behind.
    good.load(new_file)
    assert not [g for g in good.graphs() if g.value.startswith("urn:diplokg:staging:")]
    assert _article_graphs(good)[DEFAULT_BASE + f"graph/{doc_id}"] != before[DEFAULT_BASE + f"graph/{doc_id}"]


@pytest.mark.server
@pytest.mark.parametrize("store", ["embedded", "oxigraph"], indirect=True)
def test_a_file_that_does_not_parse_changes_nothing(store, seed_build, tmp_path):
    store.load(seed_build / "graph.trig")
    before = _article_graphs(store)
    text = (seed_build / "graph.nq").read_text(encoding="utf-8")
    broken = tmp_path / "broken.nq"
    broken.write_text(text[: len(text) * 2 // 3] + "\n<not an IRI at all\n", encoding="utf-8")
    with pytest.raises(StoreError, match="is not valid nq"):
        store.load(broken)
    assert _article_graphs(store) == before
    with pytest.raises(StoreError, match="no named graphs"):
        store.load(seed_build / "graph.ttl")


# -- the commands ---------------------------------------------------------------------------------------


def test_build_into_a_store_then_query_and_remove_with_the_cli(tmp_path, seed_build):
    runner = CliRunner()
    store_dir = tmp_path / "store"
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "out"), "--store", str(store_dir), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "stored 5 article graph(s)" in result.output
    from_store = runner.invoke(app, ["query", "positions", "--store", str(store_dir), "--format", "csv"])
    from_file = runner.invoke(app, ["query", "positions", str(tmp_path / "out" / "graph.ttl"), "--format", "csv"])
    assert from_store.exit_code == 0 and from_store.stdout == from_file.stdout
    result = runner.invoke(app, ["remove", "000_a03b26b6af25b1e1", "--store", str(store_dir)])
    assert result.exit_code == 0 and "removed article 000_a03b26b6af25b1e1" in result.output
    result = runner.invoke(app, ["remove", "000_a03b26b6af25b1e1", "--store", str(store_dir)])
    assert result.exit_code == 1 and "has no article" in result.output
    result = runner.invoke(app, ["load", str(seed_build / "graph.trig"), "--store", str(store_dir)])
    assert result.exit_code == 0 and "loaded 6 graph(s)" in result.output
    with EmbeddedStore(store_dir, read_only=True) as store:
        assert len(_article_graphs(store)) == 6
    result = runner.invoke(app, ["query", "positions"])
    assert result.exit_code == 2


@pytest.mark.server
def test_load_and_query_an_endpoint_with_the_cli(oxigraph_server, seed_build, tmp_path):
    runner = CliRunner()
    _clear(RemoteStore(oxigraph_server.endpoint))
    result = runner.invoke(app, ["load", str(seed_build), "--endpoint", oxigraph_server.endpoint])
    assert result.exit_code == 0, result.output
    assert "loaded 6 graph(s)" in result.output
    remote = runner.invoke(app, ["query", "statements", "--endpoint", oxigraph_server.endpoint, "--format", "csv"])
    local = runner.invoke(app, ["query", "statements", str(seed_build / "graph.ttl"), "--format", "csv"])
    assert remote.exit_code == 0 and remote.stdout == local.stdout


# -- the deduplicated union copy ------------------------------------------------------------------------

ORG_ROLE = "http://www.w3.org/ns/org#Role"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _union_of_named_graphs(store) -> set:
    """Every triple some diplokg named graph holds (its urn:diplokg: graphs and a server's own
    system graphs left out)."""
    return {t for g in store.graphs() if g.value.startswith(DEFAULT_BASE) for t in store.triples_in(g)}


@pytest.mark.server
@pytest.mark.parametrize("store", KINDS, indirect=True)
def test_union_answers_have_no_duplicates(store, seed_build):
    store.load(seed_build / "graph.trig")
    store.replace_article(FIXTURE_GRAPH, _fixture_graph())
    roles = {t.subject.value for g in store.graphs() if g.value.startswith(DEFAULT_BASE)
             for t in store.triples_in(g) if t.predicate.value == RDF_TYPE and t.object.value == ORG_ROLE}
    holders = sum(1 for g in store.graphs() for t in store.triples_in(g)
                  if t.predicate.value == RDF_TYPE and t.object.value == ORG_ROLE and g.value.startswith(DEFAULT_BASE))
    assert len(roles) >= 2 and holders > len(roles), "the seeds must repeat a role in several articles"
    rows = store.query(f"SELECT ?r WHERE {{ ?r a <{ORG_ROLE}> }}").rows
    assert sorted(r["r"] for r in rows) == sorted(roles)
    count = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r a <{ORG_ROLE}> }}").rows
    assert count == [{"n": str(len(roles))}]
    assert store.default_triples() == _union_of_named_graphs(store)


@pytest.mark.server
@pytest.mark.parametrize("store", KINDS, indirect=True)
def test_the_union_copy_stays_exact_through_replaces_and_removes(store, seed_build, tmp_path):
    store.load(seed_build / "graph.trig")
    assert store.default_triples() == _union_of_named_graphs(store)
    doc_id, changed = _rebuild_first_article_shorter(tmp_path)
    rebuilt = _read_file(_build_to(changed, tmp_path / "out"))
    graph = DEFAULT_BASE + f"graph/{doc_id}"
    original = _read_file(seed_build / "graph.trig")
    articles = sorted(g for g in original if not is_kb_graph(g))
    steps = [
        lambda: store.replace_article(NamedNode(graph), rebuilt[graph]),          # shorter
        lambda: store.replace_article(FIXTURE_GRAPH, _fixture_graph()),            # one more article
        lambda: store.remove_article(articles[1].rsplit("/", 1)[1]),
        lambda: store.replace_article(NamedNode(graph), original[graph]),         # back to the original
        lambda: store.remove_article(FIXTURE_GRAPH.value),
        lambda: store.replace_article(NamedNode(articles[2]), []),                # emptied
        lambda: store.load(tmp_path / "out" / "graph.trig"),                      # a load (graph + kb merge)
        lambda: store.remove_article(doc_id),
    ]
    for i, step in enumerate(steps):
        step()
        assert store.default_triples() == _union_of_named_graphs(store), f"step {i}"
    # The removed articles' own triples are gone from the queries' view too.
    assert not store.query(f"SELECT ?s WHERE {{ ?s <{PROV_DERIVED}> ?o FILTER(STRSTARTS(STR(?o), "
                           f"\"{DEFAULT_BASE}article/{doc_id}#\")) }} LIMIT 1").rows


# -- the identity graph ------------------------------------------------------------------------------------

ITS_REF = "http://www.w3.org/2005/11/its/rdf#taIdentRef"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"


def _person_article(doc: str, *people: tuple[str, str], state: str = "indonesia") -> tuple[NamedNode, list]:
    """An article graph naming ``people`` (key, name) and ``state``, as the mapping writes them."""
    from pyoxigraph import Literal, Triple

    def n(path: str) -> NamedNode:
        return NamedNode(DEFAULT_BASE + path)

    rdf_type = NamedNode(RDF_TYPE)
    span = n(f"article/{doc}#char=0,1")
    triples = [Triple(n(f"state/{state}"), rdf_type, NamedNode(DKG + "State")), Triple(span, NamedNode(ITS_REF), n(f"state/{state}"))]
    for key, name in people:
        triples += [Triple(n(f"person/{key}"), rdf_type, NamedNode(DKG + "Person")),
                    Triple(n(f"person/{key}"), NamedNode(RDFS_LABEL), Literal(name, language="en"))]
    return n(f"graph/{doc}"), triples


def _links(store) -> set[tuple[str, str]]:
    identity = NamedNode(DEFAULT_BASE + "graph/-/identity")
    return {(t.subject.value.rsplit("/", 1)[1], t.object.value.rsplit("/", 1)[1])
            for t in store.triples_in(identity) if t.predicate.value == OWL_SAME}


@pytest.mark.server
@pytest.mark.parametrize("store", KINDS, indirect=True)
def test_the_identity_graph_is_recomputed_from_every_person_in_the_store(store):
    sink = StoreSink(store)
    sink(*_person_article("a", ("retno-marsudi", "Retno Marsudi")))
    sink.finish()
    assert _links(store) == set()
    # A later build of one article naming "Retno" only: the link needs the person stored before.
    sink = StoreSink(store)
    sink(*_person_article("b", ("retno", "Retno")))
    sink.finish()
    assert _links(store) == {("retno", "retno-marsudi")}
    comment = store.query(f"SELECT ?c WHERE {{ <{DEFAULT_BASE}person/retno> <http://www.w3.org/2000/01/rdf-schema#comment> ?c }}").rows
    assert [r["c"] for r in comment] == ["same person as retno-marsudi: the only person in the corpus named '... Retno' "
                                         "or 'Retno ...' (Retno Marsudi), sharing a state: indonesia"]
    # A second "Retno ..." makes it undecidable: the link goes; removing her brings it back.
    sink = StoreSink(store)
    sink(*_person_article("c", ("retno-lestari", "Retno Lestari")))
    sink.finish()
    assert _links(store) == set()
    store.remove_article("c")
    assert _links(store) == {("retno", "retno-marsudi")}
    # The full name's only article goes: no link to a person no graph describes any more.
    store.remove_article("a")
    assert _links(store) == set()
    assert not store.query(f"SELECT ?s WHERE {{ ?s <{OWL_SAME}> ?o }}").rows
    assert store.default_triples() == _union_of_named_graphs(store)


def test_building_one_article_into_a_store_keeps_the_corpus_identity_links(tmp_path):
    """`build a --store` then `build b --store` leaves the links a build of a + b writes."""
    corpus = [
        # Texts that do make a link (the earlier "Retno" pair made none: two empty graphs compared).
        {"id": "full", "language": "en", "text": "Indonesian Deputy Foreign Minister Pahala Mansury met Malaysian officials in Jakarta, Indonesia, on Monday.\n"},
        {"id": "short", "language": "en", "text": "Mansury said Indonesia would attend the summit, Deputy Minister Mansury told reporters in Jakarta.\n"},
    ]
    import json

    paths = []
    for record in corpus:
        path = tmp_path / f"{record['id']}.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(path)
    build(paths, tmp_path / "whole", formats=["trig"])
    whole = _read_file(tmp_path / "whole" / "graph.trig").get(DEFAULT_BASE + "graph/-/identity", [])
    assert {(t.subject.value, t.object.value) for t in whole if t.predicate.value == OWL_SAME} == {
        (DEFAULT_BASE + "person/mansury", DEFAULT_BASE + "person/pahala-mansury")}
    with open_store("embedded", path=tmp_path / "store") as store:
        for i, path in enumerate(paths):
            sink = StoreSink(store)
            build([path], tmp_path / f"one-{i}", formats=["trig"], sink=sink)
            sink.finish()
        assert store.triples_in(NamedNode(DEFAULT_BASE + "graph/-/identity")) == set(whole)
        assert store.default_triples() == _union_of_named_graphs(store)
