"""Server-rendered HTML pages (Jinja2 templates in ``publish/templates``), no JavaScript.

Each page is built from the resource's description (``describe.rq``) plus the packaged page
queries (``publish/queries/*.rq``); every fact shown links to the article span it derives from.
The same functions render the live server's pages and the static export's files.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup, escape
from pyoxigraph import Literal, NamedNode, RdfFormat, Store, Triple

from ..rdf.formats import DESCRIPTIONS, FORMATS
from ..rdf.terms import ontology_turtle
from .dataset import Dataset, publish_query
from .urls import ONTOLOGY_IRI, ONTOLOGY_NS, UrlMap

__all__ = ["Pages", "highlight", "asset", "ontology_turtle"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DKG = ONTOLOGY_NS
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "http://schema.org/"
OWL = "http://www.w3.org/2002/07/owl#"
LABELS = (RDFS + "label", SKOS + "prefLabel")
EVENT_CLASSES = frozenset(DKG + n for n in ("Event", "Meeting", "Talks", "Visit", "Summit", "PhoneCall", "Agreement",
                                            "Election", "ForumMeeting"))
_PREFIX_NAMES = {
    DKG: "dkg", RDFS: "rdfs", SKOS: "skos", NIF: "nif", PROV: "prov", SCHEMA: "schema", OWL: "owl",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf", "http://www.w3.org/ns/org#": "org",
    "http://semanticweb.cs.vu.nl/2009/11/sem/": "sem", "http://www.w3.org/2005/11/its/rdf#": "itsrdf",
    "http://purl.org/dc/terms/": "dcterms", "http://www.wikidata.org/entity/": "wd",
    "http://rdfs.org/ns/void#": "void", "http://www.w3.org/ns/dcat#": "dcat",
    "http://www.w3.org/2001/XMLSchema#": "xsd", "http://xmlns.com/foaf/0.1/": "foaf",
}


def asset(name: str) -> bytes:
    """A packaged static file (``publish/assets/{name}``); only the names shipped there."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*\.(css|txt)", name):
        raise FileNotFoundError(name)
    entry = resources.files(__package__).joinpath("assets", name)
    if not entry.is_file():
        raise FileNotFoundError(name)
    return entry.read_bytes()


def _template_source(name: str) -> tuple[str, str, Any] | None:
    entry = resources.files(__package__).joinpath("templates", name)
    if not entry.is_file():
        return None
    return entry.read_text(encoding="utf-8"), name, lambda: True


@functools.cache
def environment() -> Environment:
    env = Environment(loader=FunctionLoader(_template_source), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["short"] = short_name
    return env


def short_name(iri: str) -> str:
    """``dkg:Meeting`` for a known vocabulary, else the IRI."""
    for ns, prefix in _PREFIX_NAMES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


@dataclass
class Value:
    """One RDF term as a page shows it."""

    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    iri: str | None = None


@dataclass
class Evidence:
    """A link to the span a fact derives from."""

    href: str
    text: str
    article: str


@dataclass
class View:
    """What every page template receives about its resource."""

    iri: str
    label: str
    types: list[Value]
    kind: str
    labels: list[Value] = field(default_factory=list)
    properties: list[tuple[Value, list[Value]]] = field(default_factory=list)
    inbound: list[tuple[Value, Value]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    same_as: list[Value] = field(default_factory=list)


def highlight(text: str, spans: list[dict[str, Any]], href_of) -> Markup:
    """``text`` as HTML with each span wrapped in ``<span id="char=b,e">`` (nested as the spans
    nest) and each character of a mention linked to its entity (the innermost mention wins, so
    no link sits inside another). A span that crosses another gets an empty anchor instead.

    >>> str(highlight("Wang Yi met Lavrov", [{"begin": 0, "end": 7, "kind": "mention", "entity": "e:w", "label": "Wang Yi"}], lambda i: "/w"))
    '<span class="mention" id="char=0,7" title="Wang Yi"><a href="/w">Wang Yi</a></span> met Lavrov'
    """
    n = len(text)
    items = sorted(({**s} for s in spans if 0 <= s["begin"] <= s["end"] <= n), key=lambda s: (s["begin"], -s["end"]))
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    orphans: list[dict[str, Any]] = []
    for s in items:
        s["children"] = []
        while stack and stack[-1]["end"] <= s["begin"]:
            stack.pop()
        if stack and s["end"] > stack[-1]["end"]:
            orphans.append(s)  # crosses an open span
            continue
        (stack[-1]["children"] if stack else roots).append(s)
        stack.append(s)
    anchors: dict[int, list[str]] = {}
    for s in orphans:
        anchors.setdefault(s["begin"], []).append(f"char={s['begin']},{s['end']}")

    def plain(a: int, b: int, link: str | None) -> str:
        parts = []
        pos = a
        for cut in sorted(k for k in anchors if a <= k < b) + [b]:
            if cut > pos:
                chunk = str(escape(text[pos:cut]))
                parts.append(f'<a href="{escape(link)}">{chunk}</a>' if link else chunk)
                pos = cut
            if cut < b:
                parts.extend(f'<span class="anchor" id="{escape(i)}"></span>' for i in anchors.pop(cut, []))
        return "".join(parts)

    def render(children: list[dict[str, Any]], a: int, b: int, link: str | None) -> str:
        out = []
        pos = a
        for child in children:
            out.append(plain(pos, child["begin"], link))
            inner = href_of(child["entity"]) if child.get("entity") else link
            title = f' title="{escape(child["label"])}"' if child.get("label") else ""
            out.append(f'<span class="{escape(child["kind"])}" id="char={child["begin"]},{child["end"]}"{title}>')
            out.append(render(child["children"], child["begin"], child["end"], inner))
            out.append("</span>")
            pos = child["end"]
        out.append(plain(pos, b, link))
        return "".join(out)

    return Markup(render(roots, 0, n, None))


def _sentence_around(text: str, begin: int, end: int) -> tuple[str, str, str]:
    """(before, the span, after) within the sentence holding ``text[begin:end]``."""
    if not (0 <= begin <= end <= len(text)):
        return "", "", ""
    start = max(text.rfind(". ", 0, begin), text.rfind("\n", 0, begin))
    start = 0 if start < 0 else start + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    return text[start:begin].lstrip(), text[begin:end], text[end:stop].rstrip()


class Pages:
    """Renders the HTML pages of one dataset."""

    def __init__(self, dataset: Dataset, urls: UrlMap, *, static: bool = False, title: str = "diplokg") -> None:
        self.ds = dataset
        self.urls = urls
        self.static = static
        self.title = title
        self.env = environment()

    # -- helpers ------------------------------------------------------------------------------

    def value(self, term: Any, labels: dict[str, str] | None = None) -> Value:
        if isinstance(term, NamedNode):
            label = (labels or {}).get(term.value) or short_name(term.value)
            return Value(label, href=self.urls.href(term.value), iri=term.value)
        if isinstance(term, Literal):
            dt = term.datatype.value if term.datatype else None
            keep = dt if dt and not dt.endswith(("#string", "#langString")) else None
            return Value(term.value, lang=term.language or None, datatype=short_name(keep) if keep else None)
        return Value(str(term))

    def evidence(self, span: Any, anchor: Any = None) -> Evidence | None:
        if not isinstance(span, NamedNode):
            return None
        href = self.urls.doc(span.value, "html") or span.value
        text = anchor.value if isinstance(anchor, Literal) else span.value.rsplit("#", 1)[-1]
        rest = self.urls.rest(span.value) or ""
        return Evidence(href, text if len(text) <= 300 else text[:297] + "…", rest.rsplit("/", 1)[-1])

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(site=self.title, static=self.static, urls=self.urls, **context)

    @staticmethod
    def _labels(triples: list[Triple]) -> dict[str, str]:
        """Best label of each IRI in ``triples``: English, then Indonesian, then any."""
        best: dict[str, tuple[int, str]] = {}
        for t in triples:
            if t.predicate.value in LABELS + (NIF + "anchorOf",) and isinstance(t.object, Literal):
                lang = t.object.language or ""
                rank = {"en": 0, "id": 1}.get(lang, 2) + (0 if t.predicate.value == RDFS + "label" else 3)
                if t.predicate.value == NIF + "anchorOf":
                    rank = 9
                key = t.subject.value
                if key not in best or rank < best[key][0]:
                    best[key] = (rank, t.object.value)
        return {k: v for k, (_, v) in best.items()}

    def view(self, iri: str, triples: list[Triple]) -> View:
        labels = self._labels(triples)
        own = [t for t in triples if t.subject.value == iri]
        types = [t.object.value for t in own if t.predicate.value == RDF_TYPE]
        if any(t in EVENT_CLASSES for t in types):
            kind = "event"
        elif DKG + "Person" in types or DKG + "Diplomat" in types:
            kind = "person"
        elif DKG + "Article" in types:
            kind = "article"
        elif any(t in (DKG + "State", DKG + "Forum", DKG + "Organization", DKG + "Place") for t in types):
            kind = "organization"
        else:
            kind = "resource"
        label = labels.get(iri)
        if label is None:
            texts = [t.object.value for t in own if t.predicate.value in (SCHEMA + "headline", SCHEMA + "text")]
            label = texts[0] if texts else self.urls.rest(iri) or iri
        grouped: OrderedDict[str, list[Value]] = OrderedDict()
        for t in own:
            if t.predicate.value == RDF_TYPE or (kind == "article" and t.predicate.value == NIF + "isString"):
                continue
            grouped.setdefault(t.predicate.value, []).append(self.value(t.object, labels))
        properties = [(Value(short_name(p), href=self.urls.href(p), iri=p), vals) for p, vals in grouped.items()]
        inbound = [(self.value(t.subject, labels), Value(short_name(t.predicate.value), href=self.urls.href(t.predicate.value)))
                   for t in triples if isinstance(t.object, NamedNode) and t.object.value == iri
                   and t.subject.value != iri and "#" not in t.subject.value.removeprefix(iri)]
        anchors = {t.subject.value: t.object for t in triples if t.predicate.value == NIF + "anchorOf"}
        evidence = [e for t in own if t.predicate.value == PROV + "wasDerivedFrom"
                    for e in [self.evidence(t.object, anchors.get(t.object.value))] if e]
        evidence.sort(key=lambda e: (e.article, e.href))
        return View(
            iri=iri, label=label, kind=kind,
            types=[self.value(NamedNode(t)) for t in sorted(types)],
            labels=[self.value(t.object) for t in own if t.predicate.value in LABELS + (SKOS + "altLabel",)],
            properties=properties, inbound=inbound[:500], evidence=evidence,
            same_as=[self.value(t.object) for t in own if t.predicate.value == OWL + "sameAs"],
        )

    def alternates(self, iri: str) -> list[tuple[str, str, str]]:
        return [(f.label, f.media_type, self.urls.doc(iri, f.suffix) or "") for f in map(FORMATS.get, DESCRIPTIONS)]

    # -- pages ---------------------------------------------------------------------------------

    def resource(self, iri: str, triples: list[Triple] | None = None) -> str | None:
        """The HTML page of ``iri`` (``None`` when the graph does not describe it)."""
        triples = self.ds.describe(iri) if triples is None else triples
        if not triples:
            return None
        view = self.view(iri, triples)
        node = NamedNode(iri)
        extra: dict[str, Any] = {}
        if view.kind == "person":
            extra = self._person(node)
        elif view.kind == "event":
            extra = self._event(node, triples)
        elif view.kind == "organization":
            extra = self._organization(node)
        elif view.kind == "article":
            extra = self._article(node, triples)
        return self._render(f"{view.kind}.html", view=view, alternates=self.alternates(iri), **extra)

    def _group(self, rows: list[dict[str, Any]], key: str) -> OrderedDict[str, dict[str, Any]]:
        groups: OrderedDict[str, dict[str, Any]] = OrderedDict()
        for row in rows:
            k = row[key].value if row[key] is not None else ""
            g = groups.setdefault(k, {"row": row, "evidence": []})
            ev = self.evidence(row.get("span"), row.get("anchor"))
            if ev and ev.href not in {e.href for e in g["evidence"]}:
                g["evidence"].append(ev)
        return groups

    def _v(self, term: Any, label: Any = None) -> Value | None:
        if term is None:
            return None
        v = self.value(term)
        if label is not None:
            v.text = label.value
        return v

    def _person(self, node: NamedNode) -> dict[str, Any]:
        posts = []
        for g in self._group(self.ds.select("person-posts", person=node), "tenure").values():
            r = g["row"]
            posts.append({"tenure": self._v(r["tenure"]), "role": self._v(r["role"], r["roleLabel"]),
                          "organization": self._v(r["organization"], r["organizationLabel"]),
                          "start": r["start"].value if r["start"] else None, "end": r["end"].value if r["end"] else None,
                          "evidence": g["evidence"]})
        events = []
        for g in self._group(self.ds.select("person-events", person=node), "event").values():
            r = g["row"]
            events.append({"event": self._v(r["event"], r["label"]), "type": local_name(r["type"].value),
                           "type_href": self.urls.href(r["type"].value),
                           "date": r["date"].value if r["date"] else None,
                           "place": self._v(r["place"], r["placeLabel"]), "forum": self._v(r["forum"], r["forumLabel"]),
                           "role": r["participantRole"].value if r["participantRole"] else None,
                           "evidence": g["evidence"]})
        events.sort(key=lambda e: (e["date"] is None, (e["date"] or "").lstrip("-"), e["event"].text))
        statements = []
        for g in self._group(self.ds.select("person-statements", person=node), "statement").values():
            r = g["row"]
            sentence = ("", "", "")
            if r["context"] is not None and r["begin"] is not None:
                sentence = _sentence_around(self.ds.text_of(r["context"].value), int(r["begin"].value), int(r["end"].value))
            statements.append({"statement": self._v(r["statement"]), "text": r["text"].value if r["text"] else "",
                               "direct": bool(r["direct"] is not None and r["direct"].value in ("true", "1")),
                               "cue": r["cue"].value if r["cue"] else None, "sentence": sentence,
                               "evidence": g["evidence"]})
        return {"posts": posts, "events": events, "statements": statements}

    def _event(self, node: NamedNode, triples: list[Triple]) -> dict[str, Any]:
        participants = []
        for g in self._group(self.ds.select("event-participants", event=node), "participation").values():
            r = g["row"]
            participants.append({"person": self._v(r["person"], r["personLabel"]),
                                 "role": r["participantRole"].value if r["participantRole"] else None,
                                 "capacity": self._v(r["tenure"], r["roleLabel"]),
                                 "organization": self._v(r["organization"], r["organizationLabel"]),
                                 "id": r["participation"].value.rsplit("#", 1)[-1]})
        related = [{"event": self._v(r["related"], r["label"]), "relation": r["relation"].value}
                   for r in self.ds.select("event-related", event=node)]
        labels = self._labels(triples)
        facts: dict[str, list[Value]] = {}
        for t in triples:
            if t.subject == node and t.predicate.value in (
                    SCHEMA + "startDate", SCHEMA + "endDate", SCHEMA + "duration", SCHEMA + "location", DKG + "forum",
                    DKG + "weekday", DKG + "planned", DKG + "trigger", DKG + "confidence"):
                facts.setdefault(local_name(t.predicate.value), []).append(self.value(t.object, labels))
        return {"participants": participants, "related": related, "details": facts}

    def _organization(self, node: NamedNode) -> dict[str, Any]:
        people = []
        for g in self._group(self.ds.select("organization-people", organization=node), "tenure").values():
            r = g["row"]
            people.append({"person": self._v(r["person"], r["personLabel"]),
                           "role": r["roleLabel"].value if r["roleLabel"] else None, "evidence": g["evidence"]})
        events = [{"event": self._v(r["event"], r["label"]), "date": r["date"].value if r["date"] else None,
                   "how": r["how"].value} for r in self.ds.select("organization-events", organization=node)]
        memberships = []
        for key, g in self._group(self.ds.select("organization-memberships", organization=node), "other").items():
            r = g["row"]
            memberships.append({"other": self._v(r["other"], r["otherLabel"]), "direction": r["direction"].value,
                                "evidence": g["evidence"]})
        return {"people": people, "events": events, "memberships": memberships}

    def _article(self, node: NamedNode, triples: list[Triple]) -> dict[str, Any]:
        text = self.ds.text_of(node.value)
        spans = [{"begin": int(r["begin"].value), "end": int(r["end"].value), "kind": r["kind"].value,
                  "entity": r["entity"].value if r["entity"] else None,
                  "label": r["entityLabel"].value if r["entityLabel"] else None}
                 for r in self.ds.select("article-spans", article=node)]
        body = highlight(text, spans, self.urls.href)
        facts = []
        seen = set()
        for r in self.ds.select("article-facts", article=node):
            if r["fact"].value in seen:
                continue
            seen.add(r["fact"].value)
            facts.append({"fact": self._v(r["fact"], r["label"]), "type": local_name(r["type"].value),
                          "evidence": self.evidence(r["span"])})
        counts = {k: sum(1 for s in spans if s["kind"] == k) for k in ("mention", "sentence", "furniture")}
        language = next((t.object.value for t in triples if t.subject == node and t.predicate.value == SCHEMA + "inLanguage"), "und")
        return {"body": body, "article_facts": facts, "counts": counts, "language": language}

    def index(self, query: str | None = None) -> str:
        groups: OrderedDict[str, list[Value]] = OrderedDict((k, []) for k in ("person", "event", "state", "forum", "organization", "article"))
        for r in self.ds.select("index"):
            groups.setdefault(r["kind"].value, []).append(self._v(r["resource"], r["label"]))
        results = None
        if query:
            results = [{"value": self._v(r["resource"], r["label"] or r["match"]), "match": r["match"].value,
                        "type": local_name(r["type"].value) if r["type"] else ""}
                       for r in self.ds.select("search", q=query)]
        return self._render("index.html", groups=groups, query=query or "", results=results)

    def sparql_form(self, query: str = "") -> str:
        return self._render("sparql.html", query=query or "SELECT ?person ?name WHERE {\n  ?person a <https://w3id.org/diplokg/ontology#Person> ;\n          <http://www.w3.org/2000/01/rdf-schema#label> ?name .\n}\nLIMIT 20")

    def error(self, status: int, message: str) -> str:
        return self._render("error.html", status=status, message=message)

    def generic(self, iri: str, triples: list[Triple], title: str, alternates: list[tuple[str, str, str]]) -> str:
        """A plain page of a description that is not a dataset resource (the VoID description)."""
        view = self.view(iri, triples)
        view.label = title
        return self._render("resource.html", view=view, alternates=alternates)

    def ontology(self) -> str:
        """The ontology's documentation: pyLODE's page (:mod:`.ontodoc`), or the built-in template
        (:meth:`ontology_template`) when pyLODE is missing or raises (logged there)."""
        from .ontodoc import pylode_html

        return pylode_html(ontology_turtle()) or self.ontology_template()

    def ontology_template(self) -> str:
        """The fallback documentation of the ontology, from ``templates/ontology.html``."""
        store = Store()
        store.load(ontology_turtle(), format=RdfFormat.TURTLE)
        terms: OrderedDict[str, dict[str, Any]] = OrderedDict()
        for s in store.query(publish_query("ontology-terms")):
            iri = s["term"].value
            t = terms.setdefault(iri, {"name": iri[len(ONTOLOGY_NS):], "iri": iri, "kind": s["kind"].value,
                                       "labels": {}, "definitions": {}, "parents": [], "domain": [], "range": []})
            for var, bucket in (("label", "labels"), ("definition", "definitions")):
                if s[var] is not None:
                    t[bucket][s[var].language or ""] = s[var].value
            for var, bucket in (("parent", "parents"), ("domain", "domain"), ("range", "range")):
                if s[var] is not None and isinstance(s[var], NamedNode):
                    v = self.value(s[var])
                    if v.iri not in {x.iri for x in t[bucket]}:
                        t[bucket].append(v)
        meta = {}
        for s in store.query(publish_query("ontology-meta"), substitutions=None):
            meta.setdefault(s["property"].value, {})[(s["value"].language or "") if isinstance(s["value"], Literal) else ""] = s["value"].value
        sections = OrderedDict((k, [t for t in terms.values() if t["kind"] == k])
                               for k in ("class", "object property", "datatype property", "annotation property"))
        return self._render("ontology.html", iri=ONTOLOGY_IRI, sections=sections, meta=meta)
