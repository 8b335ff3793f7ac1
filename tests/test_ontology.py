"""The ontology, its SHACL shapes, the generated closed namespace and the packaged resource paths."""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import owlready2
import pyoxigraph
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from diplokg import resources
from diplokg.rdf.terms import DKG, NIF, ORG, PREFIXES, PROV, SCHEMA, SEM, SKOS

# A plain Namespace: rdflib's XSD warns when pytest probes it for attributes during collection.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHAPES_DATA = DATA / "shapes"

DKG_NS = "https://w3id.org/diplokg/ontology#"
DKGSH = "https://w3id.org/diplokg/shapes#"
ONTOLOGY_IRI = URIRef("https://w3id.org/diplokg/ontology")
ID = "https://w3id.org/diplokg/id/"
DCTERMS = "http://purl.org/dc/terms/"
STANDARD = (str(OWL), str(RDF), str(RDFS), str(XSD))


def sh(name: str) -> URIRef:
    return URIRef(DKGSH + name)


def node(path: str) -> URIRef:
    return URIRef(ID + path)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(str(resources.ontology_path()), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(str(resources.shapes_path()), format="turtle")


@pytest.fixture(scope="module")
def valid() -> Graph:
    return Graph().parse(SHAPES_DATA / "valid.ttl", format="turtle")


def dkg_subjects(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(DKG_NS)}


# --------------------------------------------------------------------------------------------
# The ontology file
# --------------------------------------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/diplokg/ontology/0.1.0")
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    titles = {(str(t), t.language) for t in ontology.objects(ONTOLOGY_IRI, URIRef(DCTERMS + "title"))}
    assert titles == {("diplokg ontology", "en"), ("Ontologi diplokg", "id")}
    assert {o.language for o in ontology.objects(ONTOLOGY_IRI, URIRef(DCTERMS + "description"))} == {"en", "id"}
    assert ontology.value(ONTOLOGY_IRI, URIRef(DCTERMS + "license")) == URIRef(
        "https://www.apache.org/licenses/LICENSE-2.0"
    )
    assert ontology.value(ONTOLOGY_IRI, URIRef(DCTERMS + "creator")) is not None


def test_every_dkg_term_has_labels_and_definitions_in_english_and_indonesian(ontology: Graph) -> None:
    missing = []
    for term in sorted(dkg_subjects(ontology)):
        for predicate in (RDFS.label, SKOS.definition):
            languages = {o.language for o in ontology.objects(term, predicate) if isinstance(o, Literal)}
            for language in ("en", "id"):
                if language not in languages:
                    missing.append(f"{term} {predicate} @{language}")
    assert missing == []


def test_ontology_declares_the_terms_the_data_model_uses(ontology: Graph) -> None:
    classes = {
        "Article", "Person", "Diplomat", "State", "Forum", "Organization", "Place", "Tenure",
        "ForumMembership", "Event", "Meeting", "Talks", "Visit", "Summit", "PhoneCall",
        "Agreement", "Election", "ForumMeeting", "Participation", "Statement", "Furniture",
    }  # fmt: skip
    object_properties = {"post", "participation", "participant", "inCapacityOf", "forum", "weekday", "speaker"}
    datatype_properties = {
        "participantRole", "planned", "trigger", "confidence", "matchMethod", "direct", "cue", "furnitureKind",
    }  # fmt: skip

    def local(kind: URIRef) -> set[str]:
        return {str(s)[len(DKG_NS) :] for s in ontology.subjects(RDF.type, kind) if str(s).startswith(DKG_NS)}

    assert local(OWL.Class) == classes
    assert local(OWL.ObjectProperty) == object_properties
    assert local(OWL.DatatypeProperty) == datatype_properties
    assert {str(s)[len(DKG_NS) :] for s in dkg_subjects(ontology)} == classes | object_properties | datatype_properties


@pytest.mark.parametrize(
    ("child", "parents"),
    [
        (DKG.Article, {SCHEMA.NewsArticle, PROV.Entity, NIF.Context}),
        (DKG.Person, {SCHEMA.Person, PROV.Agent}),
        (DKG.Diplomat, {DKG.Person}),
        (DKG.State, {ORG.FormalOrganization}),
        (DKG.Forum, {ORG.FormalOrganization}),
        (DKG.Organization, {ORG.Organization}),
        (DKG.Place, {SCHEMA.Place}),
        (DKG.Tenure, {ORG.Membership}),
        (DKG.ForumMembership, {ORG.Membership}),
        (DKG.Event, {SEM.Event, SCHEMA.Event}),
        (DKG.Meeting, {DKG.Event}),
        (DKG.ForumMeeting, {DKG.Event}),
        (DKG.Statement, {SCHEMA.Quotation, PROV.Entity}),
        (DKG.Furniture, {NIF.String}),
    ],
)
def test_class_hierarchy(ontology: Graph, child: URIRef, parents: set[URIRef]) -> None:
    assert {p for p in ontology.objects(child, RDFS.subClassOf) if isinstance(p, URIRef)} == parents


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        (DKG.post, DKG.Tenure, ORG.Post),
        (DKG.participation, DKG.Event, DKG.Participation),
        (DKG.participant, DKG.Participation, DKG.Person),
        (DKG.inCapacityOf, DKG.Participation, DKG.Tenure),
        (DKG.weekday, DKG.Event, SCHEMA.DayOfWeek),
        (DKG.speaker, DKG.Statement, DKG.Person),
        (DKG.planned, DKG.Event, XSD.boolean),
        (DKG.direct, DKG.Statement, XSD.boolean),
        (DKG.confidence, None, XSD.decimal),
        (DKG.furnitureKind, DKG.Furniture, XSD.string),
    ],
)
def test_domains_and_ranges(ontology: Graph, prop: URIRef, domain: URIRef | None, range_: URIRef) -> None:
    assert ontology.value(prop, RDFS.domain) == domain
    assert ontology.value(prop, RDFS.range) == range_


def test_speaker_is_an_attribution(ontology: Graph) -> None:
    assert (DKG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo) in ontology
    assert ontology.value(PROV.wasAttributedTo, RDFS.domain) == PROV.Entity
    assert (DKG.Statement, RDFS.subClassOf, PROV.Entity) in ontology


def test_ontology_is_self_contained(ontology: Graph) -> None:
    """Every external IRI the axioms use is declared in the file, so owlready2 can load it alone."""
    pointers = {RDFS.isDefinedBy, RDFS.seeAlso, URIRef(DCTERMS + "license"), OWL.versionIRI}
    used: set[URIRef] = set()
    for s, p, o in ontology:
        used.add(p)
        for term in (s, o):
            if isinstance(term, URIRef) and p not in pointers:
                used.add(term)
    undeclared = sorted(
        str(term)
        for term in used
        if not str(term).startswith(STANDARD) and term != ONTOLOGY_IRI and (term, RDF.type, None) not in ontology
    )
    assert undeclared == []
    assert (None, OWL.imports, None) not in ontology


def test_valid_graph_uses_only_declared_terms(ontology: Graph, valid: Graph) -> None:
    """The data-model example and the ontology agree on every class and property."""
    declared = set(ontology.subjects(RDF.type, None))
    predicates = {p for p in valid.predicates() if not str(p).startswith(STANDARD)}
    classes = set(valid.objects(None, RDF.type))
    assert sorted(predicates - declared) == []
    assert sorted(classes - declared) == []


def test_ontology_parses_identically_in_pyoxigraph(ontology: Graph) -> None:
    path = Path(str(resources.ontology_path()))
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology)


# --------------------------------------------------------------------------------------------
# owlready2 and HermiT
# --------------------------------------------------------------------------------------------


def _owl_world(*graphs: Graph) -> owlready2.World:
    """An owlready2 world holding the union of ``graphs``, passed through N-Triples."""
    union = Graph()
    for graph in graphs:
        for triple in graph:
            union.add(triple)
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "union.nt"
        union.serialize(path, format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load()
    return world


def _reason(world: owlready2.World, **options: bool) -> None:
    # The data model's xsd:date, gYear, gYearMonth, gMonthDay, gMonth and duration literals are
    # outside the OWL 2 datatype map (see diplokg.resources.REASONER_UNSUPPORTED_DATATYPES).
    kwargs: dict[str, bool] = {"infer_property_values": True, "ignore_unsupported_datatypes": True}
    kwargs.update(options)
    owlready2.sync_reasoner_hermit(world, debug=0, **kwargs)


def _types(world: owlready2.World, iri: URIRef) -> set[str]:
    individual = world[str(iri)]
    assert individual is not None, iri
    return {cls.iri for cls in individual.INDIRECT_is_a if hasattr(cls, "iri")}


def test_owlready2_loads_the_ontology(ontology: Graph) -> None:
    world = _owl_world(ontology)
    diplomat = world[str(DKG.Diplomat)]
    assert isinstance(diplomat, owlready2.ThingClass)
    assert {c.iri for c in diplomat.is_a if hasattr(c, "iri")} == {str(DKG.Person)}
    assert len(diplomat.equivalent_to) == 1
    assert {c.iri for c in world[str(DKG.Meeting)].ancestors() if hasattr(c, "iri")} >= {
        str(DKG.Event), str(SEM.Event), str(SCHEMA.Event), str(OWL.Thing)
    }
    assert isinstance(world[str(DKG.speaker)], owlready2.ObjectPropertyClass)
    assert isinstance(world[str(DKG.planned)], owlready2.DataPropertyClass)


@pytest.fixture(scope="module")
def reasoned(ontology: Graph) -> tuple[owlready2.World, Graph]:
    world = _owl_world(ontology, Graph().parse(DATA / "reasoning.ttl", format="turtle"))
    _reason(world)
    return world, world.as_rdflib_graph()


def test_hermit_infers_diplomats(reasoned: tuple[owlready2.World, Graph]) -> None:
    world, _ = reasoned
    diplomats = {individual.iri for individual in world[str(DKG.Diplomat)].instances()}
    assert diplomats == {
        str(node("person/sergei-lavrov")),  # member of a tenure with a post
        str(node("person/wang-yi")),  # member of a tenure with no known organisation
        str(node("person/nikolai-patrushev")),  # holds a post, no tenure
    }
    assert str(DKG.Diplomat) not in _types(world, node("person/reporter"))


def test_hermit_finds_no_unsatisfiable_class(reasoned: tuple[owlready2.World, Graph]) -> None:
    world, _ = reasoned
    assert list(world.inconsistent_classes()) == []


def test_hermit_allows_talks_by_phone_and_a_visit_that_is_a_summit(ontology: Graph) -> None:
    """Disjointness is not over-eager: these combinations happen in the news."""
    data = Graph()
    data.add((node("event/talks-by-phone"), RDF.type, DKG.Talks))
    data.add((node("event/talks-by-phone"), RDF.type, DKG.PhoneCall))
    data.add((node("event/state-visit"), RDF.type, DKG.Visit))
    data.add((node("event/state-visit"), RDF.type, DKG.Summit))
    world = _owl_world(ontology, data)
    _reason(world)
    assert str(DKG.Event) in _types(world, node("event/talks-by-phone"))


def test_hermit_infers_post_holding_from_a_tenure(reasoned: tuple[owlready2.World, Graph]) -> None:
    _, graph = reasoned
    holds = set(graph.objects(node("person/sergei-lavrov"), ORG.holds))
    assert holds == {node("post/minister-of-foreign-affairs--russia")}
    assert set(graph.objects(node("person/wang-yi"), ORG.holds)) == set()


def test_hermit_infers_sub_events(reasoned: tuple[owlready2.World, Graph]) -> None:
    world, graph = reasoned
    assert set(graph.objects(node("event/aaaaaaaaaaaa"), SEM.hasSubEvent)) == {node("event/bbbbbbbbbbbb")}
    assert {str(DKG.Event), str(SEM.Event), str(SCHEMA.Event)} <= _types(world, node("event/bbbbbbbbbbbb"))
    assert str(ORG.Membership) in _types(world, node("tenure/wang-yi--minister-of-foreign-affairs--unknown"))


def test_hermit_infers_that_a_statement_is_attributed_to_its_speaker(ontology: Graph) -> None:
    # HermiT's command line lists only asserted-or-inverse property values, not values of super-
    # properties, so the attribution is checked through a class that needs it.
    probe = URIRef("https://example.org/test#AttributedToAnAgent")
    restriction = BNode()
    data = Graph().parse(DATA / "reasoning.ttl", format="turtle")
    data.add((probe, RDF.type, OWL.Class))
    data.add((probe, OWL.equivalentClass, restriction))
    data.add((restriction, RDF.type, OWL.Restriction))
    data.add((restriction, OWL.onProperty, PROV.wasAttributedTo))
    data.add((restriction, OWL.someValuesFrom, PROV.Agent))
    world = _owl_world(ontology, data)
    _reason(world)
    assert {individual.iri for individual in world[str(probe)].instances()} == {str(node("statement/cccccccccccc"))}


def test_hermit_finds_the_shapes_example_consistent(ontology: Graph, valid: Graph) -> None:
    world = _owl_world(ontology, valid)
    _reason(world)  # raises OwlReadyInconsistentOntologyError if not
    assert str(DKG.Diplomat) in _types(world, node("person/sergei-lavrov"))


def test_hermit_rejects_partial_dates_unless_told_to_ignore_them(ontology: Graph) -> None:
    """Why callers must pass ignore_unsupported_datatypes (or strip the literals)."""
    data = Graph().parse(DATA / "reasoning.ttl", format="turtle")
    datatypes = {str(o.datatype) for o in data.objects() if isinstance(o, Literal) and o.datatype}
    assert resources.REASONER_UNSUPPORTED_DATATYPES <= datatypes
    world = _owl_world(ontology, data)
    with pytest.raises(owlready2.OwlReadyJavaError, match="not part of the OWL 2 datatype map"):
        _reason(world, ignore_unsupported_datatypes=False)
    # Stripping those literals works as well as ignoring them.
    for s, p, o in list(data):
        if isinstance(o, Literal) and str(o.datatype) in resources.REASONER_UNSUPPORTED_DATATYPES:
            data.remove((s, p, o))
    world = _owl_world(ontology, data)
    _reason(world, ignore_unsupported_datatypes=False)
    assert str(DKG.Diplomat) in _types(world, node("person/wang-yi"))


@pytest.mark.parametrize(
    ("what", "triples"),
    [
        ("a statement spoken by a state", [(node("statement/s"), DKG.speaker, node("state/russia"))]),
        (
            "an event that is both a phone call and a meeting",
            [(node("event/e"), RDF.type, DKG.PhoneCall), (node("event/e"), RDF.type, DKG.Meeting)],
        ),
        ("a place that is a state", [(node("state/russia"), RDF.type, DKG.Place)]),
        ("a participant that is a forum", [(node("event/e#participant-x"), DKG.participant, node("forum/asean"))]),
    ],
)
def test_hermit_finds_contradictions(ontology: Graph, what: str, triples: list[tuple[URIRef, URIRef, URIRef]]) -> None:
    data = Graph()
    data.add((node("state/russia"), RDF.type, DKG.State))
    data.add((node("forum/asean"), RDF.type, DKG.Forum))
    for triple in triples:
        data.add(triple)
    world = _owl_world(ontology, data)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(world)


# --------------------------------------------------------------------------------------------
# Event codes (SKOS)
# --------------------------------------------------------------------------------------------


def test_event_codes_scheme(ontology: Graph) -> None:
    codes = Graph().parse(str(resources.event_codes_path()), format="turtle")
    concepts = set(codes.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 13
    for concept in concepts:
        assert codes.value(concept, SKOS.notation) is not None, concept
        assert codes.value(concept, SKOS.inScheme) in set(codes.subjects(RDF.type, SKOS.ConceptScheme))
        assert {label.language for label in codes.objects(concept, SKOS.prefLabel)} == {"en", "id"}, concept
    notation = {str(codes.value(c, SKOS.notation)): c for c in concepts}
    assert set(codes.subjects(SKOS.exactMatch, DKG.PhoneCall)) == {notation["041"]}
    assert set(codes.subjects(SKOS.closeMatch, DKG.Agreement)) == {notation["057"]}
    assert set(codes.subjects(SKOS.closeMatch, DKG.Visit)) == {notation["042"], notation["043"]}
    matched = {
        o
        for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch)
        for o in codes.objects(None, p)
    }
    assert matched <= dkg_subjects(ontology)


# --------------------------------------------------------------------------------------------
# SHACL shapes
# --------------------------------------------------------------------------------------------


def _n3(term: object) -> str:
    """A value with its datatype ("147"^^xsd:integer is not "147"^^xsd:nonNegativeInteger)."""
    return term.n3() if isinstance(term, (URIRef, Literal)) else str(term or "")


def _validate(data: Graph, shapes: Graph) -> tuple[bool, set[tuple[str, str, str, str, str]]]:
    """Conformance, and each result as (focus, source shape, result path, source constraint, value in N3)."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, meta_shacl=False)
    results = set()
    # Top-level results only: pySHACL also types the nested sh:detail results of sh:node.
    for result in report.objects(None, SH.result):

        def text(predicate: URIRef) -> str:
            value = report.value(result, predicate)
            return "" if value is None or isinstance(value, BNode) else str(value)

        results.add(
            (
                text(SH.focusNode),
                text(SH.sourceShape),
                text(SH.resultPath),
                text(SH.sourceConstraint),
                _n3(report.value(result, SH.value)),
            )
        )
    return bool(conforms), results


def test_shapes_graph_is_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_shapes_accept_the_valid_graph(valid: Graph, shapes: Graph) -> None:
    assert _validate(valid, shapes) == (True, set())


def test_valid_graph_offsets_index_the_stored_text(valid: Graph) -> None:
    """Independent of the SPARQL constraint: anchors equal the Python slice of nif:isString."""
    spans = list(valid.subjects(NIF.anchorOf, None))
    assert len(spans) == 13
    for span in spans:
        text = str(valid.value(valid.value(span, NIF.referenceContext), NIF.isString))
        begin, end = int(valid.value(span, NIF.beginIndex)), int(valid.value(span, NIF.endIndex))
        assert text[begin:end] == str(valid.value(span, NIF.anchorOf))
        assert str(span).endswith(f"#char={begin},{end}")


ARTICLE = node("article/seed-like")
WANG_SPAN = URIRef(str(ARTICLE) + "#char=147,154")  # "Wang Yi"
BEIJING_SPAN = URIRef(str(ARTICLE) + "#char=303,310")  # "Beijing", after a curly quote
STATEMENT = node("statement/aaaaaaaaaaaa")
MEETING = node("event/0123456789ab")
LAVROV_TENURE = node("tenure/sergei-lavrov--minister-of-foreign-affairs--russia")
WANG_PARTICIPATION = node("event/0123456789ab#participant-wang-yi")


def _set(subject: URIRef, predicate: URIRef, *values: URIRef | Literal) -> Callable[[Graph], None]:
    def change(graph: Graph) -> None:
        graph.remove((subject, predicate, None))
        for value in values:
            graph.add((subject, predicate, value))

    return change


def _add(subject: URIRef, predicate: URIRef, value: URIRef | Literal) -> Callable[[Graph], None]:
    return lambda graph: graph.add((subject, predicate, value))


def _nni(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.nonNegativeInteger)


# (what is broken, how, the one result expected: focus, source shape, result path, source constraint,
# offending value); "" where the report has none.
BROKEN: list[tuple[str, Callable[[Graph], None], tuple[URIRef, str, URIRef | str, str, URIRef | Literal | str]]] = [
    (
        "statement without a speaker",
        _set(STATEMENT, DKG.speaker),
        (STATEMENT, sh("Statement-speaker"), DKG.speaker, "", ""),
    ),
    (
        "statement spoken by a state",
        _set(STATEMENT, DKG.speaker, node("state/china")),
        (STATEMENT, sh("Statement-speaker"), DKG.speaker, "", node("state/china")),
    ),
    (
        "statement with two texts",
        _add(STATEMENT, SCHEMA.text, Literal("hubungan menguat")),
        (STATEMENT, sh("Statement-text"), SCHEMA.text, "", ""),
    ),
    (
        "statement with a string for dkg:direct",
        _set(STATEMENT, DKG.direct, Literal("false")),
        (STATEMENT, sh("Statement-direct"), DKG.direct, "", Literal("false")),
    ),
    (
        "statement with no provenance",
        _set(STATEMENT, PROV.wasDerivedFrom),
        (STATEMENT, sh("derivedFrom"), PROV.wasDerivedFrom, "", ""),
    ),
    (
        "anchorOf that is not the text at the offsets",
        _set(WANG_SPAN, NIF.anchorOf, Literal("Wang")),
        (ARTICLE, sh("ArticleShape"), "", sh("Article-anchorsMatchText"), WANG_SPAN),
    ),
    (
        "offsets shifted by one",
        lambda g: (_set(WANG_SPAN, NIF.beginIndex, _nni(148))(g), _set(WANG_SPAN, NIF.endIndex, _nni(155))(g)),
        (ARTICLE, sh("ArticleShape"), "", sh("Article-anchorsMatchText"), WANG_SPAN),
    ),
    (
        "offsets counted in UTF-8 bytes after a curly quote",
        lambda g: (_set(BEIJING_SPAN, NIF.beginIndex, _nni(305))(g), _set(BEIJING_SPAN, NIF.endIndex, _nni(312))(g)),
        (ARTICLE, sh("ArticleShape"), "", sh("Article-anchorsMatchText"), BEIJING_SPAN),
    ),
    (
        "begin after end",
        _set(WANG_SPAN, NIF.beginIndex, _nni(160)),
        (WANG_SPAN, sh("Span-beginIndex"), NIF.beginIndex, "", _nni(160)),
    ),
    (
        "end past the text",
        lambda g: (_set(WANG_SPAN, NIF.beginIndex, _nni(330))(g), _set(WANG_SPAN, NIF.endIndex, _nni(345))(g)),
        (ARTICLE, sh("ArticleShape"), "", sh("Article-spansWithinText"), WANG_SPAN),
    ),
    (
        "begin as a plain integer",
        _set(WANG_SPAN, NIF.beginIndex, Literal(147)),
        (WANG_SPAN, sh("Span-beginIndex"), NIF.beginIndex, "", Literal(147)),
    ),
    (
        "span with no context",
        _set(WANG_SPAN, NIF.referenceContext),
        (WANG_SPAN, sh("Span-referenceContext"), NIF.referenceContext, "", ""),
    ),
    (
        "start date typed xsd:dateTime",
        _set(MEETING, SCHEMA.startDate, Literal("2024-07-25T10:00:00", datatype=XSD.dateTime)),
        (MEETING, sh("startDate"), SCHEMA.startDate, "", Literal("2024-07-25T10:00:00", datatype=XSD.dateTime)),
    ),
    (
        "start date as a plain string",
        _set(MEETING, SCHEMA.startDate, Literal("25 Juli")),
        (MEETING, sh("startDate"), SCHEMA.startDate, "", Literal("25 Juli")),
    ),
    (
        "two start dates",
        _add(MEETING, SCHEMA.startDate, Literal("2024-07-25", datatype=XSD.date)),
        (MEETING, sh("startDate"), SCHEMA.startDate, "", ""),
    ),
    (
        "event located at a person",
        _set(MEETING, SCHEMA.location, node("person/wang-yi")),
        (MEETING, sh("Event-location"), SCHEMA.location, "", node("person/wang-yi")),
    ),
    (
        "event whose forum is a state",
        _set(MEETING, DKG.forum, node("state/laos")),
        (MEETING, sh("Event-forum"), DKG.forum, "", node("state/laos")),
    ),
    (
        "planned as a string",
        _set(MEETING, DKG.planned, Literal("no")),
        (MEETING, sh("Event-planned"), DKG.planned, "", Literal("no")),
    ),
    (
        "event with no provenance",
        _set(MEETING, PROV.wasDerivedFrom),
        (MEETING, sh("derivedFrom"), PROV.wasDerivedFrom, "", ""),
    ),
    (
        "participation without a participant",
        _set(WANG_PARTICIPATION, DKG.participant),
        (WANG_PARTICIPATION, sh("Participation-participant"), DKG.participant, "", ""),
    ),
    (
        "tenure with two members",
        _add(LAVROV_TENURE, ORG.member, node("person/wang-yi")),
        (LAVROV_TENURE, sh("Tenure-member"), ORG.member, "", ""),
    ),
    (
        "tenure without a role",
        _set(LAVROV_TENURE, ORG.role),
        (LAVROV_TENURE, sh("Tenure-role"), ORG.role, "", ""),
    ),
    (
        "tenure in two organisations",
        _add(LAVROV_TENURE, ORG.organization, node("state/china")),
        (LAVROV_TENURE, sh("Tenure-organization"), ORG.organization, "", ""),
    ),
    (
        "entity with only an Indonesian prefLabel",
        _set(node("state/laos"), SKOS.prefLabel, Literal("Laos", lang="id")),
        (node("state/laos"), sh("Entity-prefLabel"), SKOS.prefLabel, "", ""),
    ),
    (
        "entity with no provenance",
        _set(node("forum/asean"), PROV.wasDerivedFrom),
        (node("forum/asean"), sh("derivedFrom"), PROV.wasDerivedFrom, "", ""),
    ),
    (
        "article in Malay",
        _set(ARTICLE, SCHEMA.inLanguage, Literal("ms")),
        (ARTICLE, sh("Article-inLanguage"), SCHEMA.inLanguage, "", Literal("ms")),
    ),
    (
        "article without an identifier",
        _set(ARTICLE, URIRef(DCTERMS + "identifier")),
        (ARTICLE, sh("Article-identifier"), URIRef(DCTERMS + "identifier"), "", ""),
    ),
]


@pytest.mark.parametrize(("what", "change", "expected"), BROKEN, ids=[case[0] for case in BROKEN])
def test_shapes_reject_a_broken_graph(
    valid: Graph,
    shapes: Graph,
    what: str,
    change: Callable[[Graph], None],
    expected: tuple[URIRef, str, URIRef | str, str, URIRef | Literal | str],
) -> None:
    data = Graph()
    for triple in valid:
        data.add(triple)
    change(data)
    conforms, results = _validate(data, shapes)
    assert conforms is False
    focus, shape, path, constraint, value = expected
    assert results == {(str(focus), str(shape), str(path), str(constraint), _n3(value))}


def test_article_without_text_is_reported_once_per_span(valid: Graph, shapes: Graph) -> None:
    data = Graph()
    for triple in valid:
        data.add(triple)
    data.remove((ARTICLE, NIF.isString, None))
    conforms, results = _validate(data, shapes)
    assert conforms is False
    assert results == {(str(ARTICLE), str(sh("Article-isString")), str(NIF.isString), "", "")}


def test_every_named_shape_has_a_message(shapes: Graph) -> None:
    named = {
        s
        for s in shapes.subjects(RDF.type, None)
        if str(s).startswith(DKGSH) and (s, RDF.type, SH.NodeShape) not in shapes
    }
    assert len(named) >= 20
    assert sorted(str(s) for s in named if shapes.value(s, SH.message) is None) == []


# --------------------------------------------------------------------------------------------
# The generated namespace
# --------------------------------------------------------------------------------------------


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_namespace", ROOT / "tools" / "gen_namespace.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_namespace_module_is_up_to_date() -> None:
    generated = _generator().render()
    committed = (ROOT / "src" / "diplokg" / "rdf" / "terms.py").read_text(encoding="utf-8")
    assert generated == committed, "run: python tools/gen_namespace.py"


def test_namespace_is_closed_and_complete(ontology: Graph) -> None:
    assert DKG.Meeting == URIRef(DKG_NS + "Meeting")
    assert DKG.inCapacityOf == URIRef(DKG_NS + "inCapacityOf")
    with pytest.raises(AttributeError):
        DKG.Meetingg  # noqa: B018
    assert {URIRef(DKG_NS + name) for name in DKG.__annotations__} == dkg_subjects(ontology)


def test_prefixes() -> None:
    assert PREFIXES["dkg"] == DKG_NS
    assert PREFIXES["schema"] == "http://schema.org/"
    assert PREFIXES["sem"] == "http://semanticweb.cs.vu.nl/2009/11/sem/"
    assert PREFIXES["nif"] == "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    assert set(PREFIXES) == {
        "dkg", "org", "sem", "schema", "prov", "skos", "nif", "itsrdf", "dcterms", "wd", "void", "dcat",
        "owl", "rdf", "rdfs", "xsd",
    }  # fmt: skip
    assert str(SEM.subEventOf) == PREFIXES["sem"] + "subEventOf"


def test_generator_refuses_a_term_that_is_not_an_identifier(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<https://w3id.org/diplokg/ontology#class> a owl:Class .\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="cannot be a Python attribute"):
        _generator().render(bad)


# --------------------------------------------------------------------------------------------
# Packaged resources
# --------------------------------------------------------------------------------------------


def test_resource_paths() -> None:
    assert resources.ontology_path().name == "diplokg.ttl"
    assert resources.ontology_path().is_file()
    assert resources.shapes_path().is_file()
    assert resources.kb_dir().is_dir()
    assert resources.queries_dir().is_dir()
    assert resources.pipeline_config_path().name == "config.cfg"
    # Installed (not editable) the package carries its own copy: same content as the repository's.
    assert resources.ontology_path().read_bytes() == (ROOT / "ontology" / "diplokg.ttl").read_bytes()


def test_queries() -> None:
    names = resources.list_queries()
    assert names == sorted(names)
    assert all(not name.endswith(".rq") for name in names)
    for name in names:
        assert resources.query_text(name) == resources.query_text(name + ".rq")
        assert resources.query_text(name).strip()
    with pytest.raises(FileNotFoundError, match="no-such-query"):
        resources.query_text("no-such-query")


def test_every_turtle_test_graph_parses() -> None:
    for path in sorted(DATA.rglob("*.ttl")):
        assert len(Graph().parse(path, format="turtle")) > 0, path


# --------------------------------------------------------------------------------------------
# The real thing: the seed articles built end to end
# --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_build_conforms_and_reasons_consistently(ontology: Graph, shapes: Graph, tmp_path: Path) -> None:
    from diplokg.builder import build

    report = build([ROOT / "seeds"], tmp_path, formats=["turtle"])
    assert report.failures == []
    graph = Graph().parse(report.outputs["turtle"], format="turtle")
    assert _validate(graph, shapes) == (True, set())
    declared = set(ontology.subjects(RDF.type, None))
    assert sorted({p for p in graph.predicates() if not str(p).startswith(STANDARD)} - declared) == []
    assert sorted(set(graph.objects(None, RDF.type)) - declared) == []
    world = _owl_world(ontology, graph)
    _reason(world)
    inferred = {individual.iri for individual in world[str(DKG.Diplomat)].instances()}
    assert inferred == {str(s) for s in graph.subjects(RDF.type, DKG.Diplomat)}
    assert inferred
