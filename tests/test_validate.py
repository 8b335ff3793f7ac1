"""``diplokg validate``: SHACL conformance and OWL consistency (HermiT), on real builds and broken graphs."""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
import rdflib
from rdflib.namespace import RDF
from typer.testing import CliRunner

from diplokg import validate as validate_module
from diplokg.builder import build
from diplokg.cli import app
from diplokg.errors import ConfigError
from diplokg.rdf.terms import DKG, ORG, PROV
from diplokg.validate import explain_inconsistency, reason, validate_graph

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
VALID = ROOT / "tests" / "data" / "shapes" / "valid.ttl"
ID = "https://w3id.org/diplokg/id/"


def node(path: str) -> rdflib.URIRef:
    return rdflib.URIRef(ID + path)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("validate-seeds")
    report = build([SEEDS], out, formats=["turtle", "nquads", "jsonld"])
    assert report.ok
    return out


@pytest.fixture()
def inconsistent(tmp_path) -> Path:
    """The shapes' valid example plus one contradiction the shapes do not see: a meeting that is a phone call."""
    path = tmp_path / "inconsistent.ttl"
    path.write_text(VALID.read_text(encoding="utf-8") + "\n<event/0123456789ab> a dkg:PhoneCall .\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("file", ["graph.ttl", "graph.nq", "graph.jsonld"])
def test_seed_build_conforms_and_is_consistent(seed_build, file):
    result = validate_graph(seed_build / file)
    assert result.violations == ()
    assert result.conforms is True and result.consistent is True


@pytest.mark.slow
def test_hermit_infers_the_diplomats_and_posts_of_the_seed_build(seed_build):
    """The ontology's promise, on real output: whoever holds a post (or a tenure) is a dkg:Diplomat.

    The build asserts both ``a dkg:Diplomat`` and ``org:holds``; with both removed HermiT must give
    them back from the tenures alone.
    """
    graph = rdflib.Graph().parse(seed_build / "graph.ttl", format="turtle")
    diplomats = {str(s) for s in graph.subjects(RDF.type, DKG.Diplomat)}
    holds = {(str(s), str(o)) for s, o in graph.subject_objects(ORG.holds)}
    assert len(diplomats) >= 5 and holds
    graph.remove((None, RDF.type, DKG.Diplomat))
    graph.remove((None, ORG.holds, None))
    world = reason(graph, infer_property_values=True)
    inferred = {individual.iri for individual in world[str(DKG.Diplomat)].instances()}
    assert inferred == diplomats
    people = {str(s) for s in graph.subjects(RDF.type, DKG.Person)}
    assert people - inferred, "some people in the seeds hold no post and must stay plain persons"
    inferred_holds = {
        (person.iri, post.iri)
        for person in world[str(DKG.Person)].instances()
        for post in getattr(person, "holds", [])
    }
    assert inferred_holds == holds


def test_inconsistent_graph_names_the_node_and_its_span(inconsistent):
    result = validate_graph(inconsistent)
    assert result.conforms is False and result.consistent is False
    (violation,) = result.violations
    assert violation.check == "owl"
    assert violation.focus == str(node("event/0123456789ab"))
    assert "dkg:Meeting" in violation.message and "dkg:PhoneCall" in violation.message
    assert violation.evidence.startswith(ID + "article/seed-like#char=")
    # The shapes alone accept it: only the reasoner catches this.
    assert validate_graph(inconsistent, reasoner=False).conforms is True


def test_cli_exits_non_zero_on_an_inconsistent_graph(inconsistent):
    runner = CliRunner()
    result = runner.invoke(app, ["validate", str(inconsistent)])
    assert result.exit_code == 1, result.output
    assert str(node("event/0123456789ab")) in result.output
    assert "seed-like#char=" in result.output
    assert runner.invoke(app, ["validate", "--no-reasoner", str(inconsistent)]).exit_code == 0


def test_cli_accepts_the_shapes_example():
    result = CliRunner().invoke(app, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    assert "consistent" in result.output


def test_cli_exits_non_zero_on_a_shape_violation(tmp_path):
    graph = rdflib.Graph().parse(VALID, format="turtle")
    graph.remove((node("event/0123456789ab"), PROV.wasDerivedFrom, None))
    path = tmp_path / "broken.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--no-reasoner", str(path)])
    assert result.exit_code == 1
    assert str(node("event/0123456789ab")) in result.output


@pytest.mark.parametrize(
    ("what", "triples", "focus"),
    [
        ("a statement spoken by a state", [(node("statement/s"), DKG.speaker, node("state/russia"))],
         {node("state/russia")}),
        ("an event that is both a phone call and a meeting",
         [(node("event/e"), RDF.type, DKG.PhoneCall), (node("event/e"), RDF.type, DKG.Meeting)], {node("event/e")}),
        ("a place that is a state", [(node("state/russia"), RDF.type, DKG.Place)], {node("state/russia")}),
        ("a participant that is a forum", [(node("event/e#participant-x"), DKG.participant, node("forum/asean"))],
         {node("forum/asean")}),
        ("a statement with two speakers of disjoint kinds",
         [(node("statement/s"), DKG.speaker, node("person/x")), (node("person/x"), RDF.type, DKG.Person),
          (node("statement/t"), DKG.speaker, node("state/russia")), (node("statement/t"), DKG.speaker, node("person/x"))],
         {node("state/russia"), node("statement/t")}),
        ("a planned flag given twice",
         [(node("event/e"), DKG.planned, rdflib.Literal(True)), (node("event/e"), DKG.planned, rdflib.Literal(False))],
         {node("event/e")}),
    ],
)
def test_inconsistencies_are_found_by_hermit_and_located(what, triples, focus):
    data = rdflib.Graph()
    data.add((node("state/russia"), RDF.type, DKG.State))
    data.add((node("forum/asean"), RDF.type, DKG.Forum))
    for triple in triples:
        data.add(triple)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(data)
    assert {rdflib.URIRef(v.focus) for v in explain_inconsistency(data)} == focus
    result = validate_graph(data)
    assert result.consistent is False and result.conforms is False


def test_missing_java_is_a_configuration_error(monkeypatch, inconsistent):
    monkeypatch.setattr(validate_module.shutil, "which", lambda _name: None)
    with pytest.raises(ConfigError, match="Java"):
        validate_graph(inconsistent)
    result = CliRunner().invoke(app, ["validate", str(inconsistent)])
    assert result.exit_code == 2
    assert "--no-reasoner" in result.output


def test_regression_partial_dates_conform_after_pyshacl_ran_owlrl(tmp_path):
    """owlrl (pySHACL inference="rdfs", as tests/test_queries.py runs it) left its gMonthDay parser in
    rdflib, which rejects "--07-25": every later validation in the process failed on partial dates."""
    import pyshacl

    pyshacl.validate(rdflib.Graph().parse(VALID, format="turtle"), inference="rdfs")
    result = validate_graph(VALID, reasoner=False)
    assert result.conforms, "\n".join(map(str, result.violations))
