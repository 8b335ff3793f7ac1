"""Records -> RDF quads: the only module that knows the ontology's terms (see docs/data-model.md).

Every quad of an article goes into that article's named graph, so the article can be replaced
or removed alone; IRIs are deterministic functions of the records, so the same input gives the
same IRIs (minted by :class:`diplokg.rdf.iris.Minter`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Triple

from .rdf.iris import Minter, external_iri
from .rdf.terms import DCTERMS, DKG, ITSRDF, NIF, ORG, PROV, SCHEMA, SEM, SKOS, WD
from .records import ENTITY_TYPES, EVENT_TYPES, DateValue, Entity, Event, Extraction, Statement, Tenure
from .resolve import EventLink, EventSeen, IdentityLink, PersonSeen, event_key

__all__ = ["extraction_triples", "kb_entity_triples", "identity_triples", "store_observations"]

_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_OWL_SAMEAS = NamedNode("http://www.w3.org/2002/07/owl#sameAs")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


@functools.lru_cache(maxsize=512)
def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


# Vocabulary terms as ready nodes: looking them up in the closed namespace per triple is slow.
_ENTITY_CLASS = {name: NamedNode(str(getattr(DKG, name))) for name in ENTITY_TYPES}
_EVENT_CLASS = {name: NamedNode(str(getattr(DKG, name))) for name in EVENT_TYPES}
_NIF_Phrase = NamedNode(str(NIF.Phrase))
_NIF_Sentence = NamedNode(str(NIF.Sentence))
_DKG_Furniture = NamedNode(str(DKG.Furniture))
_XSD_NNI = NamedNode(_XSD + "nonNegativeInteger")
_XSD_DECIMAL = NamedNode(_XSD + "decimal")
_DCTERMS_identifier = NamedNode(str(DCTERMS.identifier))
_DCTERMS_source = NamedNode(str(DCTERMS.source))
_DKG_Article = NamedNode(str(DKG.Article))
_DKG_Diplomat = NamedNode(str(DKG.Diplomat))
_DKG_ForumMembership = NamedNode(str(DKG.ForumMembership))
_DKG_Participation = NamedNode(str(DKG.Participation))
_DKG_Statement = NamedNode(str(DKG.Statement))
_DKG_Tenure = NamedNode(str(DKG.Tenure))
_DKG_confidence = NamedNode(str(DKG.confidence))
_DKG_cue = NamedNode(str(DKG.cue))
_DKG_direct = NamedNode(str(DKG.direct))
_DKG_forum = NamedNode(str(DKG.forum))
_DKG_furnitureKind = NamedNode(str(DKG.furnitureKind))
_DKG_inCapacityOf = NamedNode(str(DKG.inCapacityOf))
_DKG_matchMethod = NamedNode(str(DKG.matchMethod))
_DKG_participant = NamedNode(str(DKG.participant))
_DKG_participantRole = NamedNode(str(DKG.participantRole))
_DKG_participation = NamedNode(str(DKG.participation))
_DKG_planned = NamedNode(str(DKG.planned))
_DKG_post = NamedNode(str(DKG.post))
_DKG_speaker = NamedNode(str(DKG.speaker))
_DKG_trigger = NamedNode(str(DKG.trigger))
_DKG_weekday = NamedNode(str(DKG.weekday))
_ITSRDF_taIdentRef = NamedNode(str(ITSRDF.taIdentRef))
_NIF_Context = NamedNode(str(NIF.Context))
_NIF_anchorOf = NamedNode(str(NIF.anchorOf))
_NIF_beginIndex = NamedNode(str(NIF.beginIndex))
_NIF_endIndex = NamedNode(str(NIF.endIndex))
_NIF_isString = NamedNode(str(NIF.isString))
_NIF_referenceContext = NamedNode(str(NIF.referenceContext))
_ORG_Post = NamedNode(str(ORG.Post))
_ORG_Role = NamedNode(str(ORG.Role))
_ORG_holds = NamedNode(str(ORG.holds))
_ORG_member = NamedNode(str(ORG.member))
_ORG_memberOf = NamedNode(str(ORG.memberOf))
_ORG_organization = NamedNode(str(ORG.organization))
_ORG_postIn = NamedNode(str(ORG.postIn))
_ORG_role = NamedNode(str(ORG.role))
_PROV_wasDerivedFrom = NamedNode(str(PROV.wasDerivedFrom))
_SCHEMA_datePublished = NamedNode(str(SCHEMA.datePublished))
_SCHEMA_duration = NamedNode(str(SCHEMA.duration))
_SCHEMA_endDate = NamedNode(str(SCHEMA.endDate))
_SCHEMA_headline = NamedNode(str(SCHEMA.headline))
_SCHEMA_inLanguage = NamedNode(str(SCHEMA.inLanguage))
_SCHEMA_location = NamedNode(str(SCHEMA.location))
_SCHEMA_startDate = NamedNode(str(SCHEMA.startDate))
_SCHEMA_text = NamedNode(str(SCHEMA.text))
_SCHEMA_url = NamedNode(str(SCHEMA.url))
_SEM_hasActor = NamedNode(str(SEM.hasActor))
_SEM_subEventOf = NamedNode(str(SEM.subEventOf))
_SKOS_altLabel = NamedNode(str(SKOS.altLabel))
_SKOS_prefLabel = NamedNode(str(SKOS.prefLabel))


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=_n(_XSD + datatype))


@functools.lru_cache(maxsize=512)
def _plain(value: str) -> Literal:
    return Literal(value)


#: Character offsets as xsd:nonNegativeInteger literals, made once each (two per span described)
#: up to ``_OFFSETS_MAX``, past which articles are rare.
_OFFSETS: list[Literal] = []
_OFFSETS_MAX = 100_000


def _offset(value: int) -> Literal:
    if value >= _OFFSETS_MAX:
        return Literal(str(value), datatype=_XSD_NNI)
    if value >= len(_OFFSETS):
        _OFFSETS.extend(Literal(str(n), datatype=_XSD_NNI) for n in range(len(_OFFSETS), value + 1024))
    return _OFFSETS[value]


@functools.lru_cache(maxsize=512)
def _decimal(value: float) -> Literal:
    return Literal(f"{value:.2f}", datatype=_XSD_DECIMAL)


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


def extraction_triples(ex: Extraction, minter: Minter, *, roles: dict[str, tuple[str, str | None]] | None = None) -> list[Triple]:
    """All triples of one article; they belong in its named graph ``minter.graph(doc.id)``.

    ``roles`` maps role keys to (English label, Indonesian label) for role descriptions.
    """
    doc = ex.document
    article = minter.article(doc.id)
    text = doc.text
    spans_done: set[tuple[int, int]] = set()
    entity_types = {e.key: e.type for e in ex.entities}
    person_names = {e.key: e.name for e in ex.entities if e.type == "Person"}
    entity_names = {e.key: e.name for e in ex.entities}

    q = Triple
    # Built as one list with plain appends: ~550 triples an article, and generator chains and
    # cached IRI look-ups cost more per triple than creating the triple itself.
    out: list[Triple] = []
    add = out.append
    span_prefix = minter.span_prefix(doc.id)
    span_nodes: dict[tuple[int, int], NamedNode] = {}

    def span_iri(start: int, end: int) -> NamedNode:
        node = span_nodes.get((start, end))
        if node is None:
            node = span_nodes[(start, end)] = NamedNode(f"{span_prefix}{start},{end}")
        return node

    def span_node(start: int, end: int, cls: NamedNode) -> NamedNode:
        """Describe the span once per class; returns its IRI."""
        node = span_iri(start, end)
        if (start, end, cls) in spans_done:
            return node
        spans_done.add((start, end, cls))
        add(q(node, _RDF_TYPE, cls))
        if (start, end) not in spans_done:
            spans_done.add((start, end))
            add(q(node, _NIF_referenceContext, article))
            add(q(node, _NIF_beginIndex, _offset(start)))
            add(q(node, _NIF_endIndex, _offset(end)))
            add(q(node, _NIF_anchorOf, Literal(text[start:end])))
        return node

    # The article.
    add(q(article, _RDF_TYPE, _DKG_Article))
    add(q(article, _RDF_TYPE, _NIF_Context))
    add(q(article, _DCTERMS_identifier, Literal(doc.id)))
    add(q(article, _SCHEMA_inLanguage, Literal(doc.language)))
    add(q(article, _NIF_isString, Literal(text)))
    if doc.title:
        add(q(article, _SCHEMA_headline, Literal(doc.title)))
    if doc.published:
        add(q(article, _SCHEMA_datePublished, _typed(doc.published, "date")))
    if doc.url and (url := external_iri(doc.url)) is not None:
        add(q(article, _SCHEMA_url, url))
    if doc.source_url and (source := external_iri(doc.source_url)) is not None:
        add(q(article, _DCTERMS_source, source))
    for region in doc.furniture:
        node = span_node(region.start, region.end, _DKG_Furniture)
        add(q(node, _DKG_furnitureKind, Literal(region.kind)))

    # Entities and their mentions.
    for entity in ex.entities:
        _entity_triples(entity, minter, add, span_node)

    # Tenures and posts.
    tenure_nodes: dict[str, NamedNode] = {}
    for tenure in ex.tenures:
        _tenure_triples(tenure, minter, add, span_node, entity_types, roles or {})
        tenure_nodes[f"{tenure.person}--{tenure.role}--{tenure.of}"] = minter.tenure(tenure.person, tenure.role, tenure.of)

    # Forum memberships.
    for membership in ex.memberships:
        node = minter.membership(membership.member, membership.forum)
        state = minter.entity(entity_types.get(membership.member, "State"), membership.member)
        forum = minter.entity(entity_types.get(membership.forum, "Forum"), membership.forum)
        ev = membership.evidence
        add(q(state, _ORG_memberOf, forum))
        add(q(node, _RDF_TYPE, _DKG_ForumMembership))
        add(q(node, _ORG_member, state))
        add(q(node, _ORG_organization, forum))
        add(q(node, _PROV_wasDerivedFrom, span_node(ev.start, ev.end, _NIF_Sentence)))

    # Events: each a report of this article's own; which reports are one event across articles
    # is the identity stage's decision (resolve), written in the identity graph.
    event_nodes = [minter.event(event_key(doc.id, i, e)) for i, e in enumerate(ex.events)]
    for event, node in zip(ex.events, event_nodes):
        _event_triples(event, node, event_nodes, minter, add, span_node, entity_types, tenure_nodes, person_names, entity_names)

    # Statements.
    for statement in ex.statements:
        _statement_triples(statement, minter, add, span_node, doc.id)
    return out


q = Triple


def _entity_triples(entity: Entity, minter: Minter, add, span_node) -> None:
    node = minter.entity(entity.type, entity.key)
    add(q(node, _RDF_TYPE, _ENTITY_CLASS[entity.type]))
    name = Literal(entity.name, language="en")
    add(q(node, _SKOS_prefLabel, name))
    add(q(node, _RDFS_LABEL, name))
    if entity.in_kb:
        # Preferred labels here; aliases go to the kb graph, once per build.
        for label, lang in _preferred(entity):
            if lang != "en":
                add(q(node, _SKOS_prefLabel, Literal(label, language=lang)))
    else:
        for label, lang in entity.labels:
            add(q(node, _SKOS_altLabel, Literal(label, language=lang or "en")))
    if entity.wikidata:
        add(q(node, _OWL_SAMEAS, _n(str(WD) + entity.wikidata)))
    for inferred in entity.inferred_from:
        add(q(node, _PROV_wasDerivedFrom, span_node(inferred.start, inferred.end, _NIF_Phrase)))
    for mention in entity.mentions:
        span = span_node(mention.start, mention.end, _NIF_Phrase)
        add(q(node, _PROV_wasDerivedFrom, span))
        add(q(span, _ITSRDF_taIdentRef, node))
        add(q(span, _DKG_matchMethod, _plain(mention.method)))
        add(q(span, _DKG_confidence, _decimal(mention.confidence)))


def _tenure_triples(tenure: Tenure, minter: Minter, add, span_node, entity_types, roles) -> None:
    person = minter.entity("Person", tenure.person)
    role = minter.role(tenure.role)
    node = minter.tenure(tenure.person, tenure.role, tenure.of)
    en, id_label = roles.get(tenure.role, (tenure.role_label, None))
    add(q(role, _RDF_TYPE, _ORG_Role))
    add(q(role, _SKOS_prefLabel, Literal(en, language="en")))
    if id_label:
        add(q(role, _SKOS_prefLabel, Literal(id_label, language="id")))
    add(q(person, _RDF_TYPE, _DKG_Diplomat))
    add(q(node, _RDF_TYPE, _DKG_Tenure))
    add(q(node, _ORG_member, person))
    add(q(node, _ORG_role, role))
    if tenure.of is not None:
        org = minter.entity(entity_types.get(tenure.of, "State"), tenure.of)
        post = minter.post(tenure.role, tenure.of)
        add(q(post, _RDF_TYPE, _ORG_Post))
        add(q(post, _ORG_role, role))
        add(q(post, _ORG_postIn, org))
        add(q(person, _ORG_holds, post))
        add(q(node, _ORG_organization, org))
        add(q(node, _DKG_post, post))
    ev = tenure.evidence
    add(q(node, _PROV_wasDerivedFrom, span_node(ev.start, ev.end, _NIF_Phrase)))
    add(q(node, _DKG_confidence, _decimal(tenure.confidence)))


def _date_triples(add, node, prop, value: DateValue | None) -> None:
    if value is not None and value.value:
        add(q(node, prop, date_literal(value.value)))


def _event_triples(event: Event, node, event_nodes, minter: Minter, add, span_node, entity_types, tenure_nodes, person_names, entity_names) -> None:
    add(q(node, _RDF_TYPE, _EVENT_CLASS[event.type]))
    names = ", ".join(person_names.get(p.person, p.person) for p in event.participants)
    if not names and event.forum:
        names = entity_names.get(event.forum, event.forum)  # "ForumMeeting: ASEAN"
    add(q(node, _RDFS_LABEL, Literal(f"{event.type}: {names}" if names else event.type, language="en")))
    for p in event.participants:
        person = minter.entity("Person", p.person)
        part = minter.participation(node, p.person)
        add(q(node, _SEM_hasActor, person))
        add(q(node, _DKG_participation, part))
        add(q(part, _RDF_TYPE, _DKG_Participation))
        add(q(part, _DKG_participant, person))
        add(q(part, _DKG_participantRole, Literal(p.role)))
        if p.tenure and p.tenure in tenure_nodes:
            add(q(part, _DKG_inCapacityOf, tenure_nodes[p.tenure]))
    _date_triples(add, node, _SCHEMA_startDate, event.date)
    _date_triples(add, node, _SCHEMA_endDate, event.end_date)
    if event.date and event.date.weekday in _WEEKDAYS:
        add(q(node, _DKG_weekday, _n(str(SCHEMA) + event.date.weekday)))
    if event.duration:
        add(q(node, _SCHEMA_duration, _typed(event.duration, "duration")))
    if event.place:
        add(q(node, _SCHEMA_location, minter.entity(entity_types.get(event.place, "Place"), event.place)))
    if event.forum:
        add(q(node, _DKG_forum, minter.entity(entity_types.get(event.forum, "Forum"), event.forum)))
    if event.sub_event_of is not None:
        add(q(node, _SEM_subEventOf, event_nodes[event.sub_event_of]))
    add(q(node, _DKG_planned, _typed("true" if event.planned else "false", "boolean")))
    if event.trigger:
        add(q(node, _DKG_trigger, Literal(event.trigger)))
    add(q(node, _DKG_confidence, _decimal(event.confidence)))
    ev = event.evidence
    add(q(node, _PROV_wasDerivedFrom, span_node(ev.start, ev.end, _NIF_Sentence)))


def _statement_triples(st: Statement, minter: Minter, add, span_node, doc_id: str) -> None:
    node = minter.statement(doc_id, st.span.start, st.span.end, st.speaker)
    add(q(node, _RDF_TYPE, _DKG_Statement))
    add(q(node, _DKG_speaker, minter.entity("Person", st.speaker)))
    add(q(node, _SCHEMA_text, Literal(st.text)))
    add(q(node, _DKG_direct, _typed("true" if st.direct else "false", "boolean")))
    if st.cue:
        add(q(node, _DKG_cue, Literal(st.cue)))
    add(q(node, _DKG_confidence, _decimal(st.confidence)))
    add(q(node, _PROV_wasDerivedFrom, span_node(st.span.start, st.span.end, _NIF_Phrase)))


def _preferred(entity: Entity) -> list[tuple[str, str]]:
    """The first label per language (knowledge-base labels come before aliases)."""
    seen: dict[str, str] = {}
    for label, lang in entity.labels:
        seen.setdefault(lang, label)
    return [(label, lang) for lang, label in seen.items()]


def kb_entity_triples(entity: Entity, minter: Minter) -> Iterator[Triple]:
    """A knowledge-base entity's aliases, for the shared ``minter.kb_graph()`` (written once per build)."""
    node = minter.entity(entity.type, entity.key)
    preferred = set(_preferred(entity))
    for label, lang in entity.labels:
        if (label, lang) in preferred or (label == entity.name and lang == "en"):
            continue
        yield Triple(node, _SKOS_altLabel, Literal(label, language=lang or "en"))


_RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")


def identity_triples(people: list[IdentityLink], events: list[EventLink], minter: Minter) -> list[Triple]:
    """The identity graph: ``owl:sameAs`` from a one-word person to the fully named one, and from
    an event report to the report that is its event's node, each with the rule and evidence."""
    out = []
    for link in people:
        alias = minter.entity("Person", link.alias)
        out.append(Triple(alias, _OWL_SAMEAS, minter.entity("Person", link.person)))
        out.append(Triple(alias, _RDFS_COMMENT, Literal(f"same person as {link.person}: {link.reason}", language="en")))
    for link in events:
        report = _n(link.report)
        out.append(Triple(report, _OWL_SAMEAS, _n(link.same_as)))
        out.append(Triple(report, _RDFS_COMMENT, Literal(
            f"same event as {link.same_as} (rule {link.rule}): {link.evidence}", language="en")))
    return out


_EVENT_CLASSES = " ".join(f"<{DKG}{name}>" for name in EVENT_TYPES)
_STORE_PEOPLE = f"""SELECT ?g ?person ?name WHERE {{ GRAPH ?g {{
  ?person a <{DKG.Person}> ; <{_RDFS_LABEL.value}> ?name }} }}"""
_STORE_STATES = f"""SELECT DISTINCT ?g ?state WHERE {{ GRAPH ?g {{
  ?span <{ITSRDF.taIdentRef}> ?state . ?state a <{DKG.State}> }} }}"""
_STORE_EVENTS = f"""SELECT ?g ?report ?class ?actor ?date ?place ?forum WHERE {{ GRAPH ?g {{
  VALUES ?class {{ {_EVENT_CLASSES} }}
  ?report a ?class ; <{SEM.hasActor}> ?actor .
  FILTER NOT EXISTS {{ ?report <{DKG.planned}> true }}
  OPTIONAL {{ ?report <{SCHEMA.startDate}> ?date }}
  OPTIONAL {{ ?report <{SCHEMA.location}> ?place }}
  OPTIONAL {{ ?report <{DKG.forum}> ?forum }} }} }}"""


def store_observations(select, base: str) -> tuple[list[PersonSeen], list[EventSeen]]:
    """What the identity stage needs, read back from a store's article graphs (the inverse of
    :func:`extraction_triples` for people, the states an article names, and event reports).

    ``select(text)`` runs a SELECT over the store's named graphs (see :data:`diplokg.stores.Identity`).
    Each article graph plays the part of one extraction, as in a build.
    """
    minter = Minter(base)

    def article(graph: str | None) -> bool:
        parsed = minter.parse(graph or "")
        return parsed is not None and parsed.kind == "graph"

    def key(iri: str | None) -> str | None:
        parsed = minter.parse(iri or "")
        return parsed.key if parsed is not None else None

    names: dict[tuple[str, str], str] = {}
    for row in select(_STORE_PEOPLE).rows:
        person = minter.entity_key(row["person"] or "", "Person")
        if article(row["g"]) and person is not None:
            name = row["name"] or ""
            names[(row["g"], person)] = min(names.get((row["g"], person), name), name)  # one label if several
    states: dict[str, set[str]] = {}
    for row in select(_STORE_STATES).rows:
        state = minter.entity_key(row["state"] or "", "State")
        if article(row["g"]) and state is not None:
            states.setdefault(row["g"], set()).add(state)
    people = [PersonSeen(person, name, frozenset(states.get(g, ()))) for (g, person), name in sorted(names.items())]
    reports: dict[str, dict] = {}
    for row in select(_STORE_EVENTS).rows:
        actor = minter.entity_key(row["actor"] or "", "Person")
        if not article(row["g"]) or actor is None:
            continue
        seen = reports.setdefault(row["report"], {
            "article": row["g"], "type": (row["class"] or "").rpartition("#")[2], "participants": set(),
            "date": row["date"], "place": key(row["place"]), "forum": key(row["forum"])})
        seen["participants"].add(actor)
    events = [EventSeen(report, seen["article"], seen["type"], frozenset(seen["participants"]), seen["date"],
                        seen["place"], seen["forum"]) for report, seen in sorted(reports.items())]
    return people, events
