"""Event identity across articles, end to end: build, sharded build, store, removal.

The passages are written for these tests: a meeting of Peru's and Ghana's foreign ministers in
Accra reported by an Indonesian and an English outlet, and the same pair meeting again months
later in Lima (another event).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from diplokg import open_store
from diplokg.builder import build
from diplokg.query import resolve_query, run_query
from diplokg.rdf.iris import Minter
from diplokg.shards import build_parallel

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"

ARTICLES = {
    "kunjungan-peru.md": """---
id: kunjungan-peru
language: id
published: 2024-05-04
---
Menteri Luar Negeri Ghana Samuel Okudzeto Ablakwa bertemu dengan Menteri Luar Negeri Peru Javier González-Olaechea di Accra pada Jumat (3/5/2024).

Kedua menteri membahas kerja sama perdagangan dan pendidikan.
""",
    "peru-ghana-talks.md": """---
id: peru-ghana-talks
language: en
published: 2024-05-03
---
Peruvian Foreign Minister Javier González-Olaechea met Ghana's Foreign Minister Samuel Okudzeto Ablakwa in Accra on May 3, 2024.

The two ministers discussed trade and education.
""",
    "peru-ghana-again.md": """---
id: peru-ghana-again
language: en
published: 2024-09-20
---
Peruvian Foreign Minister Javier González-Olaechea met Ghana's Foreign Minister Samuel Okudzeto Ablakwa in Lima on September 19, 2024.

The two ministers discussed trade and education again.
""",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("identity") / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("identity-out")
    build([corpus], out, formats=("turtle", "trig", "nquads"))
    return out


def _identity(path: Path) -> list[tuple[str, str, str]]:
    graph = Minter().identity_graph()
    return sorted((q.subject.value, q.predicate.value, q.object.value)
                  for q in parse(path=str(path), format=RdfFormat.N_QUADS) if q.graph_name == graph)


def _reports(path: Path) -> dict[str, str]:
    """Meeting report IRI -> its article's identifier."""
    rows = run_query(path, """SELECT ?event ?article WHERE {
      ?event a <https://w3id.org/diplokg/ontology#Meeting> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?span .
      ?span <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?c .
      ?c <http://purl.org/dc/terms/identifier> ?article }""").rows
    return {row["event"]: row["article"] for row in rows}


def test_the_same_meeting_in_two_languages_is_one_event_and_another_day_is_another(built):
    reports = _reports(built / "graph.nq")
    by_article = {article: event for event, article in reports.items()}
    assert set(by_article) == {"kunjungan-peru", "peru-ghana-talks", "peru-ghana-again"}
    identity = _identity(built / "graph.nq")
    links = [(s, o) for s, p, o in identity if p == SAME_AS and "/event/" in s]
    accra = sorted([by_article["kunjungan-peru"], by_article["peru-ghana-talks"]])
    assert links == [(accra[1], accra[0])]  # the later IRI joins the smaller one: order-independent
    [comment] = [o for s, p, o in identity if s == accra[1] and p == COMMENT]
    assert comment.startswith(f"same event as {accra[0]} (rule same-event): agrees with {accra[0]}: both Meeting; "
                              "participants javier-gonzalez-olaechea, samuel-okudzeto-ablakwa; "
                              "dates 2024-05-03 / 2024-05-03; place accra")
    assert by_article["peru-ghana-again"] not in {s for s, _p, _o in identity}


def test_the_bundled_query_counts_the_articles_reporting_each_event(built):
    rows = {row["event"]: row for row in run_query(built / "graph.ttl", resolve_query("event-reports")).rows}
    by_article = {article: event for event, article in _reports(built / "graph.nq").items()}
    node = min(by_article["kunjungan-peru"], by_article["peru-ghana-talks"])
    assert (rows[node]["reports"], sorted(rows[node]["sources"].split("; "))) == ("2", ["kunjungan-peru", "peru-ghana-talks"])
    assert rows[by_article["peru-ghana-again"]]["reports"] == "1"
    assert max(rows, key=lambda event: int(rows[event]["reports"])) == node  # most reported first
    assert next(iter(rows)) == node


def test_a_sharded_build_decides_the_same(corpus, built, tmp_path):
    build_parallel([corpus], tmp_path / "out", formats=("turtle", "trig", "nquads"), workers=2, shard_size=1)
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        assert (tmp_path / "out" / name).read_bytes() == (built / name).read_bytes(), name


def test_a_store_recomputes_the_same_links_and_removing_an_article_undoes_them(built, tmp_path):
    graph = Minter().identity_graph()
    with open_store("embedded", path=tmp_path / "store") as store:
        store.load(built / "graph.trig")
        stored = sorted((t.subject.value, t.predicate.value, t.object.value) for t in store.triples_in(graph))
        assert stored == _identity(built / "graph.nq")  # read back from the store's graphs: the same decision
        store.remove_article("peru-ghana-talks")
        left = {t.subject.value for t in store.triples_in(graph)}
        assert not any("/event/" in s for s in left)  # one report left: nothing to join
    with open_store("embedded", path=tmp_path / "store") as store:
        store.load(built / "graph.trig")  # the article back: the link back
        assert {t.predicate.value for t in store.triples_in(graph)} >= {SAME_AS}
        assert any("/event/" in t.subject.value for t in store.triples_in(graph))


def test_a_store_opened_without_the_identity_stage_keeps_what_it_is_given(built, tmp_path):
    from diplokg.stores import open_store as plain_open_store

    with plain_open_store("embedded", path=tmp_path / "plain") as store:
        store.load(built / "graph.trig")
        assert store.refresh_identity() == 0
        # the identity graph of the file, as loaded
        graph = Minter().identity_graph()
        assert sorted((t.subject.value, t.predicate.value, t.object.value) for t in store.triples_in(graph)) \
            == _identity(built / "graph.nq")
        assert NamedNode(graph.value) in set(store.graphs())
