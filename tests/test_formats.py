"""Every output format of ``build --format``: each parses with rdflib, pyoxigraph and rapper, and all agree.

The reference is ``graph.ttl`` for triples and ``graph.trig`` for quads (one named graph per
article). rapper (Debian ``raptor2-utils``) has no JSON-LD parser (its ``json`` is RDF/JSON), so
``graph.jsonld`` is checked with rdflib and pyoxigraph only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, parse
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from diplokg import resources
from diplokg.builder import build
from diplokg.cli import app
from diplokg.rdf.formats import FORMATS
from diplokg.rdf.writers import GraphWriter
from diplokg.rdf.jsonld import CONTEXT_IRI, context_document
from diplokg.rdf.terms import PREFIXES

# rdflib's own parsers use its deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ID = "https://w3id.org/diplokg/id/"
STANDARD = ("http://www.w3.org/2002/07/owl#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2001/XMLSchema#")

ALL = ["turtle", "trig", "ntriples", "nquads", "jsonld"]
#: name -> (file, pyoxigraph format, rdflib format, rapper input syntax or None)
FILES = {
    "turtle": ("graph.ttl", RdfFormat.TURTLE, "turtle", "turtle"),
    "trig": ("graph.trig", RdfFormat.TRIG, "trig", "trig"),
    "ntriples": ("graph.nt", RdfFormat.N_TRIPLES, "nt", "ntriples"),
    "nquads": ("graph.nq", RdfFormat.N_QUADS, "nquads", "nquads"),
    "jsonld": ("graph.jsonld", RdfFormat.JSON_LD, "json-ld", None),
}
QUAD_FORMATS = [name for name in ALL if FORMATS[name].named_graphs]
TRIPLE_FORMATS = [name for name in ALL if not FORMATS[name].named_graphs]


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("formats")
    report = build([SEEDS], out, formats=ALL)
    assert report.ok and report.articles == 5
    assert set(report.outputs) == set(ALL)
    return out


def _ox(path: Path, fmt: RdfFormat) -> set[Quad]:
    return set(parse(path=str(path), format=fmt))


def _triples(quads) -> set[Triple]:
    return {q.triple if isinstance(q, Quad) else q for q in quads}


def _from_rdflib(term) -> NamedNode | BlankNode | Literal:
    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return BlankNode(str(term))
    if term.language:
        return Literal(str(term), language=term.language)
    return Literal(str(term), datatype=NamedNode(str(term.datatype)) if term.datatype else None)


def _rdflib_quads(path: Path, fmt: str) -> set[Quad]:
    dataset = rdflib.Dataset()
    dataset.parse(path, format=fmt)
    quads = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = DefaultGraph() if g is None or g == DATASET_DEFAULT_GRAPH_ID else NamedNode(str(g))
        quads.add(Quad(_from_rdflib(s), _from_rdflib(p), _from_rdflib(o), graph))
    return quads


def _diff(expected: set, got: set) -> str:
    missing, extra = sorted(map(str, expected - got))[:5], sorted(map(str, got - expected))[:5]
    return f"missing {len(expected - got)} e.g. {missing}; unexpected {len(got - expected)} e.g. {extra}"


@pytest.fixture(scope="module")
def reference(seed_build) -> tuple[set[Triple], set[Quad]]:
    triples = _triples(_ox(seed_build / "graph.ttl", RdfFormat.TURTLE))
    quads = _ox(seed_build / "graph.trig", RdfFormat.TRIG)
    assert len(triples) > 1000
    assert _triples(quads) == triples
    assert {q.graph_name.value for q in quads} == {ID + "graph/-/kb"} | {ID + "graph/" + p.stem for p in SEEDS.glob("*.txt")}
    return triples, quads


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_format_parses_with_pyoxigraph_to_the_reference(seed_build, reference, name):
    file, fmt, _, _ = FILES[name]
    triples, quads = reference
    got = _ox(seed_build / file, fmt)
    if name in QUAD_FORMATS:
        assert got == quads, _diff(quads, got)
    else:
        assert {q.graph_name for q in got} == {DefaultGraph()}
        assert _triples(got) == triples, _diff(triples, _triples(got))


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_format_parses_with_rdflib_to_the_reference(seed_build, reference, name):
    file, _, fmt, _ = FILES[name]
    triples, quads = reference
    got = _rdflib_quads(seed_build / file, fmt)
    if name in QUAD_FORMATS:
        assert got == quads, _diff(quads, got)
    else:
        assert _triples(got) == triples, _diff(triples, _triples(got))


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in ALL if FILES[n][3]])
def test_format_parses_with_rapper_to_the_reference(seed_build, reference, name):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("rapper is not installed: apt-get install raptor2-utils (.ci/run does)")
    file, _, _, syntax = FILES[name]
    done = subprocess.run([rapper, "-q", "-i", syntax, "-o", "nquads", str(seed_build / file)],
                          capture_output=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    got = set(parse(done.stdout, format=RdfFormat.N_QUADS))
    triples, quads = reference
    if name in QUAD_FORMATS:
        assert got == quads, _diff(quads, got)
    else:
        assert _triples(got) == triples, _diff(triples, _triples(got))


@pytest.mark.slow
def test_rdflib_graphs_of_every_format_are_isomorphic(seed_build):
    graphs = {}
    for name in ALL:
        file, _, fmt, _ = FILES[name]
        dataset = rdflib.Dataset()
        dataset.parse(seed_build / file, format=fmt)
        graph = rdflib.Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        graphs[name] = graph
    for name, graph in graphs.items():
        if not isomorphic(graphs["turtle"], graph):
            _both, only_turtle, only_other = graph_diff(to_isomorphic(graphs["turtle"]), to_isomorphic(graph))
            pytest.fail(f"{name} differs from turtle:\n- {sorted(only_turtle)[:5]}\n+ {sorted(only_other)[:5]}")


# --------------------------------------------------------------------------------------------
# JSON-LD
# --------------------------------------------------------------------------------------------


def test_published_context_maps_every_prefix_and_declared_terms():
    document = json.loads((resources.ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))
    assert document == context_document()
    context = document["@context"]
    assert {k: v for k, v in context.items() if k in PREFIXES} == PREFIXES
    ontology = rdflib.Graph().parse(str(resources.ontology_path()), format="turtle")
    declared = {str(s) for s in ontology.subjects(rdflib.RDF.type, None)}
    undeclared = []
    for term, definition in context.items():
        if term in PREFIXES:
            continue
        curie = definition if isinstance(definition, str) else definition["@id"]
        prefix, _, local = curie.partition(":")
        iri = PREFIXES[prefix] + local
        if iri not in declared and not iri.startswith(STANDARD):
            undeclared.append(f"{term} -> {iri}")
        coercion = None if isinstance(definition, str) else definition.get("@type")
        if coercion not in (None, "@id"):
            assert coercion.startswith("xsd:"), term
    assert undeclared == []
    assert CONTEXT_IRI == "https://w3id.org/diplokg/context.jsonld"


def test_context_ships_as_package_data():
    """Every kind of file under ontology/ is in pyproject's package-data, so a wheel carries it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["diplokg.ontology"]
    suffixes = {p.removeprefix("*") for p in patterns}
    assert {f.suffix for f in (ROOT / "ontology").iterdir() if f.is_file()} <= suffixes
    assert ".jsonld" in suffixes


@pytest.mark.slow
def test_jsonld_document_embeds_the_published_context_and_uses_its_terms(seed_build):
    text = (seed_build / "graph.jsonld").read_text(encoding="utf-8")
    document = json.loads(text)
    assert set(document) == {"@context", "@graph"}
    assert document["@context"] == context_document()["@context"]
    graphs = document["@graph"]
    # One object per named graph written: an article's, and the aliases of the KB entities it met.
    assert all(set(item) == {"@id", "@graph"} for item in graphs)
    assert {item["@id"] for item in graphs} == {ID + "graph/-/kb"} | {ID + "graph/" + p.stem for p in SEEDS.glob("*.txt")}
    assert [item["@id"] for item in graphs if item["@id"] != ID + "graph/-/kb"] == sorted(
        ID + "graph/" + p.stem for p in SEEDS.glob("*.txt")
    )
    nodes = [node for item in graphs for node in item["@graph"]]
    person = next(n for n in nodes if n["@id"] == ID + "person/sergei-lavrov" and "@type" in n)
    assert {"Person", "Diplomat"} <= set(person["@type"])
    span = next(n for n in nodes if n.get("@type") == "Phrase")
    assert {"anchorOf", "beginIndex", "endIndex", "referenceContext", "identRef"} <= set(span)
    assert isinstance(span["beginIndex"], str)  # lexical form kept, coerced to xsd:nonNegativeInteger


@pytest.mark.slow
def test_every_format_is_deterministic(seed_build, tmp_path):
    build([SEEDS], tmp_path, formats=ALL)
    for name in ALL:
        file = FILES[name][0]
        assert (tmp_path / file).read_bytes() == (seed_build / file).read_bytes(), file


XSD = "http://www.w3.org/2001/XMLSchema#"
G = NamedNode("https://w3id.org/diplokg/id/graph/t")
S = NamedNode("https://w3id.org/diplokg/id/article/t")
TRICKY = [
    # Coerced terms given values that do not fit their coercion must fall back to a compact IRI.
    Triple(S, NamedNode(PREFIXES["nif"] + "beginIndex"), Literal("7", datatype=NamedNode(XSD + "integer"))),
    Triple(S, NamedNode(PREFIXES["nif"] + "beginIndex"), Literal("7", datatype=NamedNode(XSD + "nonNegativeInteger"))),
    Triple(S, NamedNode(PREFIXES["prov"] + "wasDerivedFrom"), Literal("not an IRI")),
    Triple(S, NamedNode(PREFIXES["prov"] + "wasDerivedFrom"), NamedNode("https://w3id.org/diplokg/id/article/t#char=0,1")),
    Triple(S, NamedNode(PREFIXES["rdfs"] + "label"), Literal("label", language="id")),
    Triple(S, NamedNode(PREFIXES["rdfs"] + "label"), Literal("plain")),
    Triple(S, NamedNode(PREFIXES["rdfs"] + "label"), NamedNode("http://example.org/an-iri-label")),
    Triple(S, NamedNode(PREFIXES["schema"] + "startDate"), Literal("--07-25", datatype=NamedNode(XSD + "gMonthDay"))),
    Triple(S, NamedNode(PREFIXES["dkg"] + "planned"), Literal("false", datatype=NamedNode(XSD + "boolean"))),
    Triple(S, NamedNode(PREFIXES["dkg"] + "confidence"), Literal("1.00", datatype=NamedNode(XSD + "decimal"))),
    Triple(S, NamedNode("http://example.org/no-prefix#p"), Literal("\"'«»„“”‘’`\\\u0000\u0007\n\r\t\u2028\ufeff 😀")),
    Triple(S, NamedNode(PREFIXES["rdf"] + "type"), NamedNode(PREFIXES["dkg"] + "Article")),
    Triple(S, NamedNode(PREFIXES["rdf"] + "type"), NamedNode("http://example.org/Unmapped")),
    Triple(S, NamedNode(PREFIXES["dkg"] + "trigger"), BlankNode("b0")),
    Triple(BlankNode("b0"), NamedNode(PREFIXES["rdf"] + "type"), BlankNode("b1")),
    # A compact IRI would have an empty or "//" local part: the IRI stays whole.
    Triple(S, NamedNode(PREFIXES["dkg"]), NamedNode(PREFIXES["schema"] + "//x")),
]


@pytest.mark.parametrize("name", ALL)
def test_tricky_terms_round_trip_in_every_format(tmp_path, name):
    with GraphWriter(tmp_path, [name]) as writer:
        writer.write_article([Quad(t.subject, t.predicate, t.object, G) for t in TRICKY])
    file, fmt, _, _ = FILES[name]
    got = set(parse(path=str(tmp_path / file), format=fmt))
    # Blank node labels are the parser's; compare the rest exactly and the blank-node shape.
    named = {t for t in TRICKY if not isinstance(t.object, BlankNode) and not isinstance(t.subject, BlankNode)}
    assert {q.triple for q in got if not isinstance(q.object, BlankNode) and not isinstance(q.subject, BlankNode)} == named
    assert len(got) == len(TRICKY)
    if FORMATS[name].named_graphs:
        assert {q.graph_name for q in got} == {G}
    assert len(_rdflib_quads(tmp_path / file, FILES[name][2])) == len(TRICKY)


@pytest.mark.parametrize("scheme", ["schema", "xsd", "dkg"])
def test_jsonld_keeps_an_iri_whose_scheme_is_a_context_prefix(tmp_path, scheme):
    """``xsd:foo`` is a valid absolute IRI, but the context would read it as a compact IRI."""
    odd = NamedNode(f"{scheme}:odd")
    quads = [
        Quad(S, NamedNode(PREFIXES["schema"] + "url"), odd, G),
        Quad(S, NamedNode(PREFIXES["dcterms"] + "identifier"), Literal("t"), G),
        Quad(odd, NamedNode(PREFIXES["rdf"] + "type"), NamedNode(PREFIXES["dkg"] + "Place"), G),
    ]
    with GraphWriter(tmp_path, ["jsonld"]) as writer:
        writer.write_article(quads)
        writer.write_article([Quad(S, NamedNode(PREFIXES["rdfs"] + "label"), Literal("after"), G)])
    assert set(parse(path=str(tmp_path / "graph.jsonld"), format=RdfFormat.JSON_LD)) == set(quads) | {
        Quad(S, NamedNode(PREFIXES["rdfs"] + "label"), Literal("after"), G)
    }
    assert len(_rdflib_quads(tmp_path / "graph.jsonld", "json-ld")) == 4


def test_empty_build_writes_valid_documents(tmp_path):
    with GraphWriter(tmp_path, ALL):
        pass
    assert json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))["@graph"] == []
    for name in ALL:
        file, fmt, _, _ = FILES[name]
        assert list(parse(path=str(tmp_path / file), format=fmt)) == []


def test_cli_build_accepts_jsonld_and_rejects_an_unknown_format(tmp_path):
    runner = CliRunner()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    result = runner.invoke(app, ["build", str(seed), "--out", str(tmp_path), "--format", "jsonld", "--format", "nquads", "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.jsonld", "graph.nq"]
    jsonld = _triples(parse(path=str(tmp_path / "graph.jsonld"), format=RdfFormat.JSON_LD))
    assert jsonld == _triples(parse(path=str(tmp_path / "graph.nq"), format=RdfFormat.N_QUADS))
    result = runner.invoke(app, ["build", str(seed), "--out", str(tmp_path / "x"), "--format", "rdfxml", "-q"])
    assert result.exit_code == 2
    assert "jsonld" in result.output
