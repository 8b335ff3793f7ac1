"""Records -> RDF quads: the only module that knows the ontology's IRIs (see docs/data-model.md).

Every quad of an article goes into that article's named graph, so the article can be replaced
or removed alone; IRIs are deterministic functions of the records, so the same input gives the
same IRIs.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from .namespace import DCTERMS, DKG, ITSRDF, NIF, ORG, PROV, SCHEMA, SEM, SKOS, WD
from .records import DateValue, Entity, Event, Extraction, Span, Statement, Tenure

__all__ = ["DEFAULT_BASE", "Minter", "extraction_quads", "kb_entity_quads", "doc_slug"]

DEFAULT_BASE = "https://w3id.org/diplokg/id/"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_OWL_SAMEAS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_ENTITY_CLASS = {"Person": "Person", "State": "State", "Forum": "Forum", "Organization": "Organization", "Place": "Place"}
_ENTITY_PATH = {"Person": "person", "State": "state", "Forum": "forum", "Organization": "organization", "Place": "place"}
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_DOC_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@functools.lru_cache(maxsize=8192)  # bounded: span IRIs are unique, only vocabulary terms repeat
def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _t(term) -> NamedNode:
    """An rdflib URIRef from the closed namespaces as a pyoxigraph node."""
    return _n(str(term))


def doc_slug(doc_id: str) -> str:
    return _DOC_UNSAFE.sub("-", doc_id) or "doc"


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=_n(_XSD + datatype))


def date_literal(value: str) -> Literal:
    """ISO value at its precision -> the matching XSD date type."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _typed(value, "date")
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return _typed(value, "gYearMonth")
    if re.fullmatch(r"\d{4}", value):
        return _typed(value, "gYear")
    if re.fullmatch(r"--\d{2}-\d{2}", value):
        return _typed(value, "gMonthDay")
    if re.fullmatch(r"--\d{2}", value):
        return _typed(value, "gMonth")
    raise ValueError(f"not an ISO date at any precision: {value!r}")


class Minter:
    """Deterministic IRIs under a base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def article(self, doc_id: str) -> NamedNode:
        return _n(f"{self.base}article/{doc_slug(doc_id)}")

    def graph(self, doc_id: str) -> NamedNode:
        return _n(f"{self.base}graph/{doc_slug(doc_id)}")

    def kb_graph(self) -> NamedNode:
        """The named graph of knowledge-base descriptions (aliases), shared by all articles."""
        return _n(f"{self.base}graph/kb")

    def span(self, doc_id: str, start: int, end: int) -> NamedNode:
        return _n(f"{self.base}article/{doc_slug(doc_id)}#char={start},{end}")

    def entity(self, type_: str, key: str) -> NamedNode:
        return _n(f"{self.base}{_ENTITY_PATH[type_]}/{key}")

    def role(self, key: str) -> NamedNode:
        return _n(f"{self.base}role/{key}")

    def post(self, role: str, org: str) -> NamedNode:
        return _n(f"{self.base}post/{role}--{org}")

    def tenure(self, person: str, role: str, org: str | None) -> NamedNode:
        return _n(f"{self.base}tenure/{person}--{role}--{org or 'unknown'}")

    def membership(self, state: str, forum: str) -> NamedNode:
        return _n(f"{self.base}membership/{state}--{forum}")

    def event(self, identity: str) -> NamedNode:
        return _n(f"{self.base}event/{_hash(identity)}")

    def statement(self, doc_id: str, span: Span, speaker: str) -> NamedNode:
        return _n(f"{self.base}statement/{_hash(doc_id, span.start, span.end, speaker)}")


def _event_identity(doc_id: str, event: Event, index: int) -> str:
    """Events with a full date and known participants are the same node whichever article reports them."""
    people = ",".join(sorted(p.person for p in event.participants))
    date = event.date.value if event.date else None
    if date and len(date) == 10 and people:
        cls = {"Talks": "Meeting", "Summit": "Meeting"}.get(event.type, event.type)
        return f"{cls}|{people}|{date}|{event.forum or ''}"
    return f"{doc_id}|{index}|{event.type}|{people}"


def extraction_quads(ex: Extraction, minter: Minter, *, roles: dict[str, tuple[str, str | None]] | None = None) -> Iterator[Quad]:
    """All quads of one article, in its named graph.

    ``roles`` maps role keys to (English label, Indonesian label) for role descriptions.
    """
    doc = ex.document
    g = minter.graph(doc.id)
    article = minter.article(doc.id)
    text = doc.text
    spans_done: set[tuple[int, int]] = set()
    entity_types = {e.key: e.type for e in ex.entities}
    person_names = {e.key: e.name for e in ex.entities if e.type == "Person"}

    def q(s, p, o) -> Quad:
        return Quad(s, p, o, g)

    def span_node(start: int, end: int, cls, extra: tuple = ()) -> Iterator[Quad]:
        node = minter.span(doc.id, start, end)
        if (start, end, cls) in spans_done:
            return
        spans_done.add((start, end, cls))
        yield q(node, _RDF_TYPE, _t(cls))
        if (start, end) not in spans_done:
            spans_done.add((start, end))
            yield q(node, _t(NIF.referenceContext), article)
            yield q(node, _t(NIF.beginIndex), _typed(str(start), "nonNegativeInteger"))
            yield q(node, _t(NIF.endIndex), _typed(str(end), "nonNegativeInteger"))
            yield q(node, _t(NIF.anchorOf), Literal(text[start:end]))
        yield from extra

    # The article.
    yield q(article, _RDF_TYPE, _t(DKG.Article))
    yield q(article, _RDF_TYPE, _t(NIF.Context))
    yield q(article, _t(DCTERMS.identifier), Literal(doc.id))
    yield q(article, _t(SCHEMA.inLanguage), Literal(doc.language))
    yield q(article, _t(NIF.isString), Literal(text))
    if doc.title:
        yield q(article, _t(SCHEMA.headline), Literal(doc.title))
    if doc.published:
        yield q(article, _t(SCHEMA.datePublished), _typed(doc.published, "date"))
    if doc.url:
        yield q(article, _t(SCHEMA.url), _n(doc.url))
    if doc.source_url:
        yield q(article, _t(DCTERMS.source), _n(doc.source_url))
    for region in doc.furniture:
        node = minter.span(doc.id, region.start, region.end)
        yield from span_node(region.start, region.end, DKG.Furniture,
                             (q(node, _t(DKG.furnitureKind), Literal(region.kind)),))

    # Entities and their mentions.
    for entity in ex.entities:
        yield from _entity_quads(entity, minter, q, span_node, doc.id)

    # Tenures and posts.
    tenure_nodes: dict[str, NamedNode] = {}
    for tenure in ex.tenures:
        yield from _tenure_quads(tenure, minter, q, span_node, doc.id, entity_types, roles or {})
        tenure_nodes[f"{tenure.person}--{tenure.role}--{tenure.of}"] = minter.tenure(tenure.person, tenure.role, tenure.of)

    # Forum memberships.
    for membership in ex.memberships:
        node = minter.membership(membership.member, membership.forum)
        state = minter.entity("State", membership.member)
        forum = minter.entity(entity_types.get(membership.forum, "Forum"), membership.forum)
        ev = membership.evidence
        yield q(state, _t(ORG.memberOf), forum)
        yield q(node, _RDF_TYPE, _t(DKG.ForumMembership))
        yield q(node, _t(ORG.member), state)
        yield q(node, _t(ORG.organization), forum)
        yield q(node, _t(PROV.wasDerivedFrom), minter.span(doc.id, ev.start, ev.end))
        yield from span_node(ev.start, ev.end, NIF.Sentence)

    # Events.
    event_nodes = [minter.event(_event_identity(doc.id, e, i)) for i, e in enumerate(ex.events)]
    for event, node in zip(ex.events, event_nodes):
        yield from _event_quads(event, node, event_nodes, minter, q, span_node, doc.id, entity_types, tenure_nodes, person_names)

    # Statements.
    for statement in ex.statements:
        yield from _statement_quads(statement, minter, q, span_node, doc.id)


def _entity_quads(entity: Entity, minter: Minter, q, span_node, doc_id: str) -> Iterator[Quad]:
    node = minter.entity(entity.type, entity.key)
    yield q(node, _RDF_TYPE, _t(getattr(DKG, _ENTITY_CLASS[entity.type])))
    yield q(node, _t(SKOS.prefLabel), Literal(entity.name, language="en"))
    yield q(node, _RDFS_LABEL, Literal(entity.name, language="en"))
    if entity.in_kb:
        # Preferred labels here; aliases go to the kb graph, once per build.
        for label, lang in _preferred(entity):
            if lang != "en":
                yield q(node, _t(SKOS.prefLabel), Literal(label, language=lang))
    else:
        for label, lang in entity.labels:
            yield q(node, _t(SKOS.altLabel), Literal(label, language=lang or "en"))
    if entity.wikidata:
        yield q(node, _OWL_SAMEAS, _n(str(WD) + entity.wikidata))
    for mention in entity.mentions:
        span = minter.span(doc_id, mention.start, mention.end)
        yield q(node, _t(PROV.wasDerivedFrom), span)
        yield from span_node(mention.start, mention.end, NIF.Phrase, (
            q(span, _t(ITSRDF.taIdentRef), node),
            q(span, _t(DKG.matchMethod), Literal(mention.method)),
            q(span, _t(DKG.confidence), _typed(f"{mention.confidence:.2f}", "decimal")),
        ))


def _tenure_quads(tenure: Tenure, minter: Minter, q, span_node, doc_id: str, entity_types, roles) -> Iterator[Quad]:
    person = minter.entity("Person", tenure.person)
    role = minter.role(tenure.role)
    node = minter.tenure(tenure.person, tenure.role, tenure.of)
    en, id_label = roles.get(tenure.role, (tenure.role_label, None))
    yield q(role, _RDF_TYPE, _t(ORG.Role))
    yield q(role, _t(SKOS.prefLabel), Literal(en, language="en"))
    if id_label:
        yield q(role, _t(SKOS.prefLabel), Literal(id_label, language="id"))
    yield q(person, _RDF_TYPE, _t(DKG.Diplomat))
    yield q(node, _RDF_TYPE, _t(DKG.Tenure))
    yield q(node, _t(ORG.member), person)
    yield q(node, _t(ORG.role), role)
    if tenure.of is not None:
        org = minter.entity(entity_types.get(tenure.of, "State"), tenure.of)
        post = minter.post(tenure.role, tenure.of)
        yield q(post, _RDF_TYPE, _t(ORG.Post))
        yield q(post, _t(ORG.role), role)
        yield q(post, _t(ORG.postIn), org)
        yield q(person, _t(ORG.holds), post)
        yield q(node, _t(ORG.organization), org)
        yield q(node, _t(DKG.post), post)
    ev = tenure.evidence
    yield q(node, _t(PROV.wasDerivedFrom), minter.span(doc_id, ev.start, ev.end))
    yield q(node, _t(DKG.confidence), _typed(f"{tenure.confidence:.2f}", "decimal"))
    yield from span_node(ev.start, ev.end, NIF.Phrase)


def _date_quads(q, node, prop, value: DateValue | None) -> Iterator[Quad]:
    if value is None:
        return
    if value.value:
        yield q(node, prop, date_literal(value.value))


def _event_quads(event: Event, node, event_nodes, minter: Minter, q, span_node, doc_id, entity_types, tenure_nodes, person_names) -> Iterator[Quad]:
    yield q(node, _RDF_TYPE, _t(getattr(DKG, event.type)))
    names = ", ".join(person_names.get(p.person, p.person) for p in event.participants)
    yield q(node, _RDFS_LABEL, Literal(f"{event.type}: {names}" if names else event.type, language="en"))
    for p in event.participants:
        person = minter.entity("Person", p.person)
        part = _n(f"{node.value}#participant-{p.person}")
        yield q(node, _t(SEM.hasActor), person)
        yield q(node, _t(DKG.participation), part)
        yield q(part, _RDF_TYPE, _t(DKG.Participation))
        yield q(part, _t(DKG.participant), person)
        yield q(part, _t(DKG.participantRole), Literal(p.role))
        if p.tenure and p.tenure in tenure_nodes:
            yield q(part, _t(DKG.inCapacityOf), tenure_nodes[p.tenure])
    yield from _date_quads(q, node, _t(SCHEMA.startDate), event.date)
    yield from _date_quads(q, node, _t(SCHEMA.endDate), event.end_date)
    if event.date and event.date.weekday in _WEEKDAYS:
        yield q(node, _t(DKG.weekday), _n(str(SCHEMA) + event.date.weekday))
    if event.duration:
        yield q(node, _t(SCHEMA.duration), _typed(event.duration, "duration"))
    if event.place:
        yield q(node, _t(SCHEMA.location), minter.entity(entity_types.get(event.place, "Place"), event.place))
    if event.forum:
        yield q(node, _t(DKG.forum), minter.entity(entity_types.get(event.forum, "Forum"), event.forum))
    if event.sub_event_of is not None:
        yield q(node, _t(SEM.subEventOf), event_nodes[event.sub_event_of])
    yield q(node, _t(DKG.planned), _typed("true" if event.planned else "false", "boolean"))
    if event.trigger:
        yield q(node, _t(DKG.trigger), Literal(event.trigger))
    yield q(node, _t(DKG.confidence), _typed(f"{event.confidence:.2f}", "decimal"))
    ev = event.evidence
    yield q(node, _t(PROV.wasDerivedFrom), minter.span(doc_id, ev.start, ev.end))
    yield from span_node(ev.start, ev.end, NIF.Sentence)


def _statement_quads(st: Statement, minter: Minter, q, span_node, doc_id: str) -> Iterator[Quad]:
    node = minter.statement(doc_id, st.span, st.speaker)
    yield q(node, _RDF_TYPE, _t(DKG.Statement))
    yield q(node, _t(DKG.speaker), minter.entity("Person", st.speaker))
    yield q(node, _t(SCHEMA.text), Literal(st.text))
    yield q(node, _t(DKG.direct), _typed("true" if st.direct else "false", "boolean"))
    if st.cue:
        yield q(node, _t(DKG.cue), Literal(st.cue))
    yield q(node, _t(DKG.confidence), _typed(f"{st.confidence:.2f}", "decimal"))
    yield q(node, _t(PROV.wasDerivedFrom), minter.span(doc_id, st.span.start, st.span.end))
    yield from span_node(st.span.start, st.span.end, NIF.Phrase)


def _preferred(entity: Entity) -> list[tuple[str, str]]:
    """The first label per language (knowledge-base labels come before aliases)."""
    seen: dict[str, str] = {}
    for label, lang in entity.labels:
        seen.setdefault(lang, label)
    return [(label, lang) for lang, label in seen.items()]


def kb_entity_quads(entity: Entity, minter: Minter) -> Iterator[Quad]:
    """A knowledge-base entity's aliases, in the shared ``kb`` graph (written once per build)."""
    g = minter.kb_graph()
    node = minter.entity(entity.type, entity.key)
    preferred = set(_preferred(entity))
    for label, lang in entity.labels:
        if (label, lang) in preferred or (label == entity.name and lang == "en"):
            continue
        yield Quad(node, _t(SKOS.altLabel), Literal(label, language=lang or "en"), g)
