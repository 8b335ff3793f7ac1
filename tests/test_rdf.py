"""The rdf/ wing: the Minter makes and parses every kind of data IRI; the formats table is the one list."""

from __future__ import annotations

import pytest
import typer.main
from pyoxigraph import NamedNode

from diplokg.cli import app
from diplokg.rdf.formats import DEFAULT_WRITTEN, FORMATS, QUAD_FILES, WRITTEN, by_media_type, by_suffix
from diplokg.rdf.iris import (
    DEFAULT_BASE,
    ENTITY_KINDS,
    Minter,
    base_of,
    doc_slug,
    is_identity_graph,
    is_kb_graph,
    is_reserved_graph,
)
from diplokg.rdf.writers import GraphWriter, ShardWriter

#: Document ids: plain, needing the ``~hash`` slug (space, slash, empty, dot-dot), non-ASCII.
DOC_IDS = ["reuters_2024-05-03.x", "a b", "a/b", "", "..", "berita-józef", "сергей", "京都"]
BASES = [DEFAULT_BASE, "http://example.org/kg/", "http://example.org/data"]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_document_iris_round_trip(base, doc_id):
    minter = Minter(base)
    slug = doc_slug(doc_id)
    assert minter.parse(minter.article(doc_id)) == minter.parse(minter.base + "article/" + slug)
    article = minter.parse(minter.article(doc_id))
    assert (article.kind, article.key, article.base, article.parts) == ("article", slug, minter.base, (slug,))
    graph = minter.parse(minter.graph(doc_id))
    assert (graph.kind, graph.key, graph.parts) == ("graph", slug, (slug,))
    span = minter.parse(minter.span(doc_id, 3, 17))
    assert (span.kind, span.key, span.parts) == ("span", slug, (slug, 3, 17))
    # An id that needed the hash slug is not its own slug, and no other id shares it.
    assert (slug == doc_id) == (doc_id not in ("", "..") and doc_id.isascii() and " " not in doc_id and "/" not in doc_id)


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("key", ["wang-yi", "józef-beck", "сергей-лавров", "q42"])
def test_entity_and_role_iris_round_trip(base, key):
    minter = Minter(base)
    for type_, kind in ENTITY_KINDS.items():
        parsed = minter.parse(minter.entity(type_, key))
        assert (parsed.kind, parsed.key, parsed.parts) == (kind, key, (key,))
        assert minter.entity_key(minter.entity(type_, key), type_) == key
        other = next(t for t in ENTITY_KINDS if t != type_)
        assert minter.entity_key(minter.entity(type_, key), other) is None
    role = minter.parse(minter.role(key))
    assert (role.kind, role.key) == ("role", key)


@pytest.mark.parametrize("base", BASES)
def test_joined_and_hashed_iris_round_trip(base):
    minter = Minter(base)
    assert minter.parse(minter.post("ambassador", "indonesia")).parts == ("ambassador", "indonesia")
    assert minter.parse(minter.tenure("retno", "minister", "indonesia")).parts == ("retno", "minister", "indonesia")
    assert minter.parse(minter.tenure("retno", "minister", None)).parts == ("retno", "minister", None)
    assert minter.parse(minter.membership("indonesia", "asean")).parts == ("indonesia", "asean")
    event = minter.event("Meeting|a,b|2024-05-03|")
    parsed = minter.parse(event)
    assert parsed.kind == "event" and event.value == minter.base + "event/" + parsed.key
    participation = minter.parse(minter.participation(event, "józef-beck"))
    assert (participation.kind, participation.parts) == ("participation", (parsed.key, "józef-beck"))
    statement = minter.parse(minter.statement("a b", 0, 10, "wang-yi"))
    assert statement.kind == "statement" and len(statement.key) == 12
    assert minter.parse(minter.kb_graph()).kind == "kb-graph"
    assert minter.parse(minter.identity_graph()).kind == "identity-graph"


def test_parse_refuses_other_iris():
    minter = Minter()
    for iri in ["http://example.org/person/x", DEFAULT_BASE + "person/", DEFAULT_BASE + "unknown/x",
                DEFAULT_BASE + "graph/-/other", DEFAULT_BASE + "person/a/b", DEFAULT_BASE + "article/x#other"]:
        assert minter.parse(iri) is None, iri
    assert Minter("http://example.org/kg/").parse(Minter().entity("Person", "x")) is None


def test_reserved_graphs_and_base():
    minter = Minter()
    assert is_kb_graph(minter.kb_graph()) and is_identity_graph(minter.identity_graph())
    assert is_reserved_graph(minter.kb_graph()) and is_reserved_graph("urn:diplokg:union")
    assert not any(is_reserved_graph(minter.graph(d)) for d in DOC_IDS)
    for base in BASES[:1] + ["http://example.org/kg/"]:
        assert base_of(Minter(base).graph("a b")) == base
    assert base_of(NamedNode("urn:diplokg:union")) is None


def test_every_written_format_has_a_suffix_a_media_type_and_a_writer(tmp_path):
    assert set(DEFAULT_WRITTEN) <= set(WRITTEN)
    assert set(QUAD_FILES) <= {n for n in WRITTEN if FORMATS[n].named_graphs}
    for name in WRITTEN:
        f = FORMATS[name]
        assert f.suffix and "/" in f.media_type and f.label
        assert by_suffix(f"graph.{f.suffix}") is f and by_media_type(f.media_type) is f
        assert name in ShardWriter.SUFFIXES
    suffixes = [FORMATS[n].suffix for n in FORMATS]
    assert len(set(suffixes)) == len(suffixes)
    with GraphWriter(tmp_path, WRITTEN) as writer:
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"graph.{FORMATS[n].suffix}" for n in WRITTEN)
    with pytest.raises(ValueError, match="unknown output format"):
        GraphWriter(tmp_path, ["rdfxml"])
    assert writer.paths


def test_cli_format_choices_are_the_table():
    command = typer.main.get_command(app)
    build = command.commands["build"]  # type: ignore[attr-defined]
    option = next(p for p in build.params if "--format" in p.opts)
    help_text = option.help or ""
    named = [n for n in FORMATS if f" {n}" in help_text or f"{n} " in help_text]
    assert named == list(WRITTEN)
    assert help_text.endswith(f"Default: {' and '.join(DEFAULT_WRITTEN)}.")
