"""The linked-data server and static export (diplokg.publish), checked by value on the fixture graph.

tests/data/fixture.ttl is the small hand-written graph of test_queries.py: its figures (589
distinct triples, 5 persons, 2 owl:sameAs links to Wikidata) are fixed, so the VoID figures and
descriptions are checked exactly. The server runs in-process through Starlette's TestClient.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import rdflib
import rdflib.compare
from pyoxigraph import RdfFormat, parse
from starlette.testclient import TestClient

from diplokg.publish import Dataset, ServerOptions, SparqlLimits, VoidOptions, create_app, publish_static

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.ttl"
B = "https://w3id.org/diplokg/id/"
VIEIRA = B + "person/mauro-vieira"
ARTICLE = B + "article/g20-fmm-rio-2024"
EVENT = B + "event/f1c0f2eab9b0"
RDFS_LABEL = rdflib.RDFS.label
DKG = "https://w3id.org/diplokg/ontology#"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.open(FIXTURE)


@pytest.fixture(scope="module")
def client(dataset: Dataset) -> TestClient:
    options = ServerOptions(void=VoidOptions(license=LICENSE, publisher="Example Newsroom"))
    return TestClient(create_app(dataset, options))


def _graph(text: str | bytes, fmt: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format=fmt)


# --- dereferencing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/n-triples", "nt"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "jsonld"),
        ("*/*", "html"),
        (None, "html"),
    ],
)
def test_resource_iri_answers_303_to_the_negotiated_document(client: TestClient, accept, suffix) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/diplokg/id/person/mauro-vieira", headers=headers, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/doc/person/mauro-vieira.{suffix}"
    assert "Accept" in response.headers["vary"]


def test_suffixed_documents_hold_the_description_in_each_format(client: TestClient) -> None:
    ttl = client.get("/doc/person/mauro-vieira.ttl")
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    g = _graph(ttl.text, "turtle")
    person = rdflib.URIRef(VIEIRA)
    assert (person, RDFS_LABEL, rdflib.Literal("Mauro Vieira", lang="en")) in g
    assert (person, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/diplokg/ontology#Diplomat")) in g
    nt = client.get("/doc/person/mauro-vieira.nt")
    assert nt.headers["content-type"].startswith("application/n-triples")
    assert rdflib.compare.isomorphic(_graph(nt.text, "nt"), g)
    jsonld = client.get("/doc/person/mauro-vieira.jsonld")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert {q.triple for q in parse(jsonld.content, format=RdfFormat.JSON_LD)} == {
        q.triple for q in parse(nt.content, format=RdfFormat.N_TRIPLES)}
    html = client.get("/doc/person/mauro-vieira.html")
    assert html.headers["content-type"].startswith("text/html")
    assert "<h1 class=\"person\">Mauro Vieira</h1>" in html.text
    assert '<meta name="viewport"' in html.text


def test_description_has_one_level_of_linked_nodes_and_spans(client: TestClient) -> None:
    g = _graph(client.get("/doc/person/mauro-vieira.ttl").text, "turtle")
    person = rdflib.URIRef(VIEIRA)
    spans = set(g.objects(person, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    assert spans
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    for span in spans:  # each evidence span is described: text and offsets (typed as the data model says)
        anchor = g.value(span, nif.anchorOf)
        begin = g.value(span, nif.beginIndex)
        assert anchor is not None and begin is not None
        assert begin.datatype == rdflib.XSD.nonNegativeInteger
    # the post it holds carries a label-less link, the events it acts in point at it (inbound)
    events = set(g.subjects(rdflib.URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor"), person))
    assert rdflib.URIRef(EVENT) in events


def test_document_without_suffix_negotiates(client: TestClient) -> None:
    response = client.get("/doc/person/mauro-vieira", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")
    assert response.headers["content-location"] == "/doc/person/mauro-vieira.nt"


def test_hash_iris_resolve_through_their_document(client: TestClient) -> None:
    g = _graph(client.get("/doc/article/g20-fmm-rio-2024.ttl").text, "turtle")
    span = rdflib.URIRef(ARTICLE + "#char=27,39")
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    assert str(g.value(span, nif.anchorOf)) == "Mauro Vieira"
    html = client.get("/doc/article/g20-fmm-rio-2024.html").text
    assert 'id="char=27,39"' in html and 'href="/doc/person/mauro-vieira.html"' in html
    event = _graph(client.get("/doc/event/f1c0f2eab9b0.ttl").text, "turtle")
    part = rdflib.URIRef(EVENT + "#participant-mauro-vieira")
    assert (part, rdflib.URIRef("https://w3id.org/diplokg/ontology#participant"), rdflib.URIRef(VIEIRA)) in event
    # the browser drops the fragment: the hash IRI's resource path redirects to the article document
    r = client.get("/diplokg/id/article/g20-fmm-rio-2024", headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert r.headers["location"] == "/doc/article/g20-fmm-rio-2024.ttl"


def test_article_text_is_shown_with_mentions_linked(client: TestClient, dataset: Dataset) -> None:
    html = client.get("/doc/article/g20-fmm-rio-2024.html").text
    assert html.count('class="mention"') >= 10
    import re

    text = re.sub(r"<[^>]+>", "", html.split('<article class="text"', 1)[1].split("</article>", 1)[0])
    assert "Brazilian Foreign Minister Mauro Vieira met South African Minister" in text


def test_every_fact_on_a_person_page_links_to_an_article_span(client: TestClient) -> None:
    html = client.get("/doc/person/mauro-vieira.html").text
    for section in ("posts", "timeline", "statements"):
        part = html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
        assert 'class="ev" href="/doc/article/' in part and "#char=" in part, section
    assert "The G20 must also speak for the Global South" in html


def test_base_maps_a_public_iri_onto_the_server() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    ds = Dataset.open(FIXTURE)  # the fixture's IRIs are under the default base
    app = TestClient(create_app(ds))
    assert app.get("/diplokg/id/person/mauro-vieira", follow_redirects=False).status_code == 303
    assert "@base" in text or B in text
    other = TestClient(create_app(Dataset(ds.store, base="https://w3id.org/diplokg/id/")))
    assert other.get("/diplokg/id/state/brazil", follow_redirects=False).status_code == 303


def test_unknown_and_malformed_requests_get_4xx(client: TestClient) -> None:
    assert client.get("/diplokg/id/person/nobody", follow_redirects=False).status_code == 404
    assert client.get("/doc/person/nobody.ttl").status_code == 404
    bad_accept = client.get("/diplokg/id/person/mauro-vieira", headers={"Accept": "text/turtle;q=abc"}, follow_redirects=False)
    assert bad_accept.status_code == 400 and "Accept" in bad_accept.text
    assert client.get("/doc/person/mauro-vieira", headers={"Accept": "garbage"}).status_code == 400
    assert client.get("/doc/person/mauro-vieira", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/diplokg/id/person/a%20b", follow_redirects=False).status_code == 400
    assert client.get("/diplokg/id/person/%3Cx%3E", follow_redirects=False).status_code == 400
    assert client.get("/doc/person//x.ttl").status_code == 400


@pytest.mark.parametrize("path", [
    "/doc/..%2F..%2F..%2Fetc%2Fpasswd",
    "/doc/%2e%2e/%2e%2e/etc/passwd",
    "/diplokg/id/..%2F..%2Fetc%2Fpasswd",
    "/static/..%2F..%2Fserver.py",
    "/static/%2e%2e%2fserver.py",
    "/dumps/..%2F..%2Fetc%2Fpasswd",
    "/doc/person/..%5C..%5Cwin.ini",
])
def test_path_traversal_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text and "import" not in response.text


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST"])
def test_no_write_method_on_resources(client: TestClient, method: str) -> None:
    response = client.request(method, "/diplokg/id/person/mauro-vieira", content=b"<a> <b> <c> .")
    assert response.status_code == 405
    assert client.request(method, "/doc/person/mauro-vieira.ttl").status_code == 405


# --- SPARQL ------------------------------------------------------------------------------------

NAME_QUERY = f"SELECT ?name WHERE {{ <{VIEIRA}> <http://www.w3.org/2000/01/rdf-schema#label> ?name }}"


def test_sparql_get_json_by_value(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": NAME_QUERY}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/sparql-results+json"
    assert r.json() == {"head": {"vars": ["name"]}, "results": {"bindings": [
        {"name": {"type": "literal", "value": "Mauro Vieira", "xml:lang": "en"}}]}}


def test_sparql_post_form_xml_by_value(client: TestClient) -> None:
    r = client.post("/sparql", data={"query": NAME_QUERY}, headers={"Accept": "application/sparql-results+xml"})
    assert r.status_code == 200
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(r.content)
    literal = root.find("s:results/s:result/s:binding[@name='name']/s:literal", ns)
    assert literal.text == "Mauro Vieira"
    assert literal.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_sparql_post_direct_csv_and_tsv_by_value(client: TestClient) -> None:
    query = f"SELECT ?person ?name WHERE {{ BIND(<{VIEIRA}> AS ?person) ?person <http://www.w3.org/2000/01/rdf-schema#label> ?name }}"
    r = client.post("/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["person", "name"], [VIEIRA, "Mauro Vieira"]]
    r = client.get("/sparql", params={"query": query, "format": "tsv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert r.text == f'?person\t?name\n<{VIEIRA}>\t"Mauro Vieira"@en\n'


def test_sparql_ask_and_construct(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": f"ASK {{ <{VIEIRA}> ?p ?o }}"})
    assert r.json() == {"head": {}, "boolean": True}
    construct = f"CONSTRUCT {{ <{VIEIRA}> <http://www.w3.org/2000/01/rdf-schema#label> ?n }} WHERE {{ <{VIEIRA}> <http://www.w3.org/2000/01/rdf-schema#label> ?n }}"
    r = client.get("/sparql", params={"query": construct}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    assert r.text.strip() == f'<{VIEIRA}> <http://www.w3.org/2000/01/rdf-schema#label> "Mauro Vieira"@en .'


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", params={"update": "INSERT DATA { <http://x/a> <http://x/b> 1 }"}),
    lambda c: c.post("/sparql", data={"update": "INSERT DATA { <http://x/a> <http://x/b> 1 }"}),
    lambda c: c.post("/sparql", content=b"INSERT DATA { <http://x/a> <http://x/b> 1 }", headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.post("/sparql", content=b"INSERT DATA { <http://x/a> <http://x/b> 1 }", headers={"Content-Type": "application/sparql-query"}),
    lambda c: c.get("/sparql", params={"query": "DROP ALL"}),
])
def test_sparql_updates_are_refused(client: TestClient, dataset: Dataset, send) -> None:
    before = len(dataset.store)
    response = send(client)
    assert response.status_code == 403, response.text
    assert "read-only" in response.text
    assert len(dataset.store) == before


def test_sparql_limits_cut_off_with_a_clear_error(dataset: Dataset) -> None:
    small = TestClient(create_app(dataset, ServerOptions(limits=SparqlLimits(max_rows=10, timeout=0.1, max_query_chars=500))))
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "more than 10 rows" in r.text and "LIMIT" in r.text
    assert small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}).status_code == 200
    # about 0.5 s of work (7 million joined rows counted), cut off at 0.1 s
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g <http://www.w3.org/2000/01/rdf-schema#label> ?i }"
    r = small.get("/sparql", params={"query": slow})
    assert r.status_code == 503 and "time limit" in r.text
    r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 600})
    assert r.status_code == 413
    r = small.post("/sparql", content=b"x" * 5000, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_sparql_refuses_federation_and_bad_requests(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "SERVICE" in r.text
    assert client.get("/sparql", params={"query": 'SELECT * WHERE { ?s ?p "SERVICE" }'}).status_code == 200
    assert client.get("/sparql", params={"query": "SELECT WHERE"}).status_code == 400
    assert client.get("/sparql").status_code == 400
    assert client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.get("/sparql", params={"query": NAME_QUERY}, headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/sparql", params={"query": NAME_QUERY, "format": "pdf"}).status_code == 400


def test_cors_is_enabled_for_reads(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": NAME_QUERY}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]
    doc = client.get("/doc/person/mauro-vieira.ttl", headers={"Origin": "https://example.org"})
    assert doc.headers["access-control-allow-origin"] == "*"


# --- VoID and the ontology ---------------------------------------------------------------------


def test_void_figures_by_value(client: TestClient) -> None:
    for path in ("/void", "/.well-known/void"):
        r = client.get(path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200
    g = _graph(r.text, "turtle")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    ds = rdflib.URIRef("http://testserver/void#dataset")
    assert g.value(ds, VOID.triples).toPython() == 589
    assert (ds, rdflib.RDF.type, DCAT.Dataset) in g
    assert g.value(ds, VOID.sparqlEndpoint) == rdflib.URIRef("http://testserver/sparql")
    assert g.value(ds, DCT.license) == rdflib.URIRef(LICENSE)
    publisher = g.value(ds, DCT.publisher)
    assert str(g.value(publisher, rdflib.URIRef("http://xmlns.com/foaf/0.1/name"))) == "Example Newsroom"
    dumps = set(g.objects(ds, VOID.dataDump))
    assert rdflib.URIRef("http://testserver/dumps/graph.ttl") in dumps
    partitions = {g.value(p, VOID["class"]): g.value(p, VOID.entities).toPython() for p in g.objects(ds, VOID.classPartition)}
    dkg = rdflib.Namespace("https://w3id.org/diplokg/ontology#")
    assert partitions[dkg.Person] == 5 and partitions[dkg.State] == 5 and partitions[dkg.Statement] == 4
    linkset = g.value(ds, VOID.subset)
    assert g.value(linkset, VOID.linkPredicate) == rdflib.OWL.sameAs
    assert g.value(linkset, VOID.triples).toPython() == 2
    assert g.value(linkset, VOID.objectsTarget) == rdflib.URIRef("http://www.wikidata.org/")


def test_dumps_hold_the_whole_graph(client: TestClient) -> None:
    r = client.get("/dumps/graph.nt")
    assert r.status_code == 200
    assert len(_graph(r.text, "nt")) == 589
    assert client.get("/dumps/graph.xyz").status_code == 404


def test_ontology_is_served_as_turtle_and_html(client: TestClient) -> None:
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    assert (rdflib.URIRef("https://w3id.org/diplokg/ontology#Meeting"), rdflib.RDF.type, rdflib.OWL.Class) in _graph(ttl.text, "turtle")
    html = client.get("/diplokg/ontology", headers={"Accept": "text/html"}).text
    assert 'id="Meeting"' in html and 'lang="id"' in html
    assert client.get("/ontology.ttl").status_code == 200


class _TermSections(HTMLParser):
    """The documented terms of an ontology page: fragment id -> (title, Indonesian texts)."""

    def __init__(self) -> None:
        super().__init__()
        self.terms: dict[str, dict[str, Any]] = {}
        self._term: str | None = None
        self._depth = 0
        self._in_h3 = False
        self._id_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div":
            self._depth += 1
            if "entity" in (a.get("class") or "").split() and a.get("id"):
                self._term = a["id"]
                self.terms[self._term] = {"title": "", "id": [], "depth": self._depth}
        if self._term and tag == "h3":
            self._in_h3 = True
        if self._term and a.get("lang") == "id":
            self._id_depth = 0
            self.terms[self._term]["id"].append("")
        elif self._id_depth is not None:
            self._id_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3":
            self._in_h3 = False
        if self._id_depth is not None:
            self._id_depth -= 1
            if self._id_depth < 0:
                self._id_depth = None
        if tag == "div":
            if self._term and self.terms[self._term]["depth"] == self._depth:
                self._term = None
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._term:
            return
        if self._in_h3 and not self.terms[self._term]["title"]:
            self.terms[self._term]["title"] = data.strip()
        if self._id_depth is not None:
            self.terms[self._term]["id"][-1] += data


def _ontology_terms() -> dict[str, tuple[str, str]]:
    """Each dkg class of ontology/diplokg.ttl: local name -> (English label, Indonesian label)."""
    g = rdflib.Graph().parse(ROOT / "ontology" / "diplokg.ttl")
    out = {}
    for c in g.subjects(rdflib.RDF.type, rdflib.OWL.Class):
        if isinstance(c, rdflib.URIRef) and str(c).startswith(DKG):
            labels = {lit.language: str(lit) for lit in g.objects(c, RDFS_LABEL)}
            out[str(c)[len(DKG):]] = (labels["en"], labels["id"])
    return out


def test_ontology_html_is_pylode_documentation_of_every_class(client: TestClient) -> None:
    response = client.get("/ontology.html")
    page = response.text
    assert 'id="pylode"' in page and "pyLODE" in page  # the tool's page, not the fallback template
    # its inline <style> elements are allowed by hash, nothing else is loosened
    csp = dict(d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
    assert csp["default-src"] == "'none'" and csp["img-src"] == "'self' data:"
    assert csp["style-src"].startswith("'self' 'sha256-") and page.count("<style>") == csp["style-src"].count("sha256-")
    assert '<link rel="alternate" type="text/turtle" href="/ontology.ttl">' in page
    assert "<h1>diplokg ontology" in page
    parser = _TermSections()
    parser.feed(page)
    classes = _ontology_terms()
    assert len(classes) >= 20 and {"Meeting", "Diplomat", "State", "Forum", "Statement"} <= classes.keys()
    for name, (en, id_) in classes.items():
        assert name in parser.terms, name  # anchored at the local name, as UrlMap links it
        term = parser.terms[name]
        assert term["title"] == en, (name, term["title"])
        assert id_ in [t.strip() for t in term["id"]], (name, term["id"])
    meeting = parser.terms["Meeting"]
    assert meeting["title"] == "meeting" and "pertemuan" in [t.strip() for t in meeting["id"]]
    # the nested class expression pyLODE 3.3 cannot draw is shown as a note, in Manchester syntax
    assert "dkg:Person and ((org:holds some org:Post) or (org:hasMembership some dkg:Tenure))" in page
    # a flat union (the range of dkg:forum) is pyLODE's own rendering
    forum = page.split('id="forum"', 1)[1].split('class="property entity"', 1)[0]
    assert 'href="#Forum"' in forum and 'href="#Organization"' in forum and ">or<" in forum


def test_pylode_input_differs_from_the_ontology_only_as_documented() -> None:
    from diplokg.publish.ontodoc import pylode_input

    source = (ROOT / "ontology" / "diplokg.ttl").read_bytes()
    original = rdflib.Graph().parse(data=source, format="turtle")
    copy = pylode_input(source)
    dkg = rdflib.Namespace(DKG)
    assert (dkg.Diplomat, rdflib.OWL.equivalentClass, None) in original
    assert (dkg.Diplomat, rdflib.OWL.equivalentClass, None) not in copy
    assert copy.value(dkg.forum, rdflib.RDFS.range) is not None
    assert set(copy.objects(dkg.State, RDFS_LABEL)) == {rdflib.Literal("state", lang="en")}
    assert rdflib.Literal('Label (id): <span lang="id">negara</span>', lang="id") in set(copy.objects(dkg.State, rdflib.SKOS.note))
    assert set(original.objects(dkg.State, RDFS_LABEL)) == {rdflib.Literal("state", lang="en"), rdflib.Literal("negara", lang="id")}


def test_ontology_html_falls_back_to_the_template_when_pylode_raises(
        dataset: Dataset, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from diplokg.publish import ontodoc
    from diplokg.publish.pages import Pages
    from diplokg.publish.urls import UrlMap

    def broken(source: bytes) -> str:
        raise RuntimeError("no pyLODE today")

    monkeypatch.setattr(ontodoc, "_generate", broken)
    ontodoc._cached.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="diplokg.publish.ontodoc"):
            page = Pages(dataset, UrlMap(dataset.base)).ontology()
        assert 'id="pylode"' not in page and 'id="Meeting"' in page and '<dd lang="id">pertemuan</dd>' in page
        assert any("no pyLODE today" in r.getMessage() for r in caplog.records)
    finally:
        ontodoc._cached.cache_clear()


def test_index_searches_by_name(client: TestClient) -> None:
    html = client.get("/", params={"q": "pandor"}).text
    assert 'href="/doc/person/naledi-pandor.html"' in html.split('id="results"', 1)[1]
    assert "Nothing matches" in client.get("/", params={"q": "zzzz-nobody"}).text
    assert client.get("/", params={"q": "x" * 500}).status_code == 400


# --- static export -----------------------------------------------------------------------------


def test_static_export_writes_every_description_and_the_server_config(tmp_path: Path, client: TestClient, dataset: Dataset) -> None:
    report = publish_static(dataset, tmp_path, site="https://data.example.org", void=VoidOptions(license=LICENSE, sparql=False))
    assert report.resources > 30
    for ext in ("ttl", "jsonld", "nt", "html"):
        assert (tmp_path / "doc" / "person" / f"mauro-vieira.{ext}").is_file()
    assert (tmp_path / "doc" / "person" / "mauro-vieira.ttl").read_bytes() == client.get("/doc/person/mauro-vieira.ttl").content
    void = _graph((tmp_path / "void.ttl").read_text(), "turtle")
    ds = rdflib.URIRef("https://data.example.org/void#dataset")
    assert void.value(ds, rdflib.URIRef("http://rdfs.org/ns/void#triples")).toPython() == 589
    assert void.value(ds, rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint")) is None
    assert len(_graph((tmp_path / "dumps" / "graph.ttl").read_text(), "turtle")) == 589
    htaccess = (tmp_path / ".htaccess").read_text()
    assert "RewriteRule ^diplokg/id/(.+)$ /doc/$1.ttl [R=303,L]" in htaccess
    nginx = (tmp_path / "nginx.conf").read_text()
    assert "return 303 /doc/$1.$diplokg_ext;" in nginx
    assert (tmp_path / "index.html").is_file() and (tmp_path / "static" / "style.css").is_file()
    assert "/sparql" not in (tmp_path / "index.html").read_text()
    assert (tmp_path / "ontology.html").read_text() == client.get("/ontology.html").text  # pyLODE's page
    assert 'id="pylode"' in (tmp_path / "ontology.html").read_text()


def test_publish_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from diplokg.cli import app

    result = CliRunner().invoke(app, ["publish", str(FIXTURE), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "doc" / "event" / "f1c0f2eab9b0.html").is_file()
    assert CliRunner().invoke(app, ["serve"]).exit_code == 2
    assert json.loads((tmp_path / "site" / "void.jsonld").read_text())


def test_regression_a_store_is_served_without_repeated_answers(tmp_path):
    """A diplokg store keeps its union copy in the default graph: serving it with
    use_default_graph_as_union counted every shared triple once per graph holding it."""
    from diplokg.builder import build
    from diplokg import open_store
    from diplokg.stores import StoreSink

    store = open_store("embedded", path=tmp_path / "store")
    sink = StoreSink(store)
    build([ROOT / "seeds"], tmp_path / "out", sink=sink)
    sink.finish()
    store.close()
    distinct = len(set(parse(path=str(tmp_path / "out" / "graph.ttl"), format=RdfFormat.TURTLE)))
    dataset = Dataset.open(store_dir=tmp_path / "store")
    try:
        result = dataset.execute("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        roles = dataset.execute("PREFIX org: <http://www.w3.org/ns/org#> SELECT ?r WHERE { ?r a org:Role }")
    finally:
        dataset.close()
    assert int(result.rows[0][0].value) == distinct
    assert len(roles.rows) == len({row[0] for row in roles.rows})


# --- issue 11: FROM, OPTIONS, non-ASCII IRI paths, bundled queries -------------------------------

G1, G2 = B + "article/one", B + "article/two"
TWO_GRAPHS = f"""
<{B}person/a> <http://www.w3.org/2000/01/rdf-schema#label> "A" <{G1}> .
<{B}person/b> <http://www.w3.org/2000/01/rdf-schema#label> "B" <{G2}> .
<{B}person/shared> <http://www.w3.org/2000/01/rdf-schema#label> "S" <{G1}> .
<{B}person/shared> <http://www.w3.org/2000/01/rdf-schema#label> "S" <{G2}> .
"""
SUBJECTS = "SELECT DISTINCT ?s {from} WHERE {{ ?s ?p ?o }} ORDER BY ?s"
NAMED = "SELECT DISTINCT ?g ?s {from} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} ORDER BY ?g ?s"


@pytest.fixture(scope="module")
def graphs_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("graphs") / "two.nq"
    path.write_text(TWO_GRAPHS, encoding="utf-8")
    return TestClient(create_app(Dataset.open(path)))


def _column(response, *variables: str) -> list:
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    return [tuple(row[v]["value"].removeprefix(B) for v in variables) for row in rows]


def test_regression_from_and_from_named_are_honoured_not_ignored(graphs_client: TestClient) -> None:
    """The union default graph silently replaced a query's FROM: every graph was queried."""
    get = lambda q: graphs_client.get("/sparql", params={"query": q})  # noqa: E731
    assert _column(get(SUBJECTS.format(**{"from": ""})), "s") == [("person/a",), ("person/b",), ("person/shared",)]
    assert _column(get(SUBJECTS.format(**{"from": f"FROM <{G1}>"})), "s") == [("person/a",), ("person/shared",)]
    assert _column(get(SUBJECTS.format(**{"from": "FROM <http://example.org/no-such-graph>"})), "s") == []
    assert _column(get(NAMED.format(**{"from": f"FROM NAMED <{G2}>"})), "g", "s") == [
        ("article/two", "person/b"), ("article/two", "person/shared")]
    # FROM NAMED alone: the default graph is empty (SPARQL 1.1 Query 13.2)
    assert _column(get(SUBJECTS.format(**{"from": f"FROM NAMED <{G2}>"})), "s") == []


def test_default_and_named_graph_uri_parameters_are_honoured(graphs_client: TestClient) -> None:
    get = lambda q, **p: graphs_client.get("/sparql", params={"query": q, **p})  # noqa: E731
    assert _column(get(SUBJECTS.format(**{"from": ""}), **{"default-graph-uri": G2}), "s") == [("person/b",), ("person/shared",)]
    # the protocol's graphs override the query's FROM (SPARQL 1.1 Protocol 2.1.4)
    assert _column(get(SUBJECTS.format(**{"from": f"FROM <{G1}>"}), **{"default-graph-uri": G2}), "s") == [
        ("person/b",), ("person/shared",)]
    assert _column(get(NAMED.format(**{"from": ""}), **{"named-graph-uri": G1}), "g", "s") == [
        ("article/one", "person/a"), ("article/one", "person/shared")]
    assert _column(get(SUBJECTS.format(**{"from": ""}), **{"named-graph-uri": G1}), "s") == []
    # urn:diplokg:union names the union of the graphs, as on a remote diplokg store
    assert len(_column(get(SUBJECTS.format(**{"from": ""}), **{"default-graph-uri": "urn:diplokg:union"}), "s")) == 3
    r = get(SUBJECTS.format(**{"from": ""}), **{"default-graph-uri": "not an iri"})
    assert r.status_code == 400 and "Bad graph IRI" in r.text


def test_options_on_sparql_lists_every_method(client: TestClient) -> None:
    r = client.options("/sparql")
    assert r.status_code == 204
    assert [m.strip() for m in r.headers["allow"].split(",")] == ["GET", "HEAD", "POST", "OPTIONS"]
    r = client.put("/sparql", content=b"x")
    assert r.status_code == 405 and "POST" in r.headers["allow"]
    pre = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]


BECK, LAVROV = B + "person/józef-beck", B + "person/сергей-лавров"
NON_ASCII = f"""
<{BECK}> a <{DKG}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "Józef Beck"@pl .
<{LAVROV}> a <{DKG}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "Сергей Лавров"@ru .
"""


@pytest.fixture(scope="module")
def non_ascii(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path = tmp_path_factory.mktemp("iri") / "names.ttl"
    path.write_text(NON_ASCII, encoding="utf-8")
    return Dataset.open(path)


@pytest.mark.parametrize(("path", "iri", "doc"), [
    ("/diplokg/id/person/j%C3%B3zef-beck", BECK, "/doc/person/j%C3%B3zef-beck.ttl"),
    ("/diplokg/id/person/józef-beck", BECK, "/doc/person/j%C3%B3zef-beck.ttl"),
    ("/diplokg/id/person/%D1%81%D0%B5%D1%80%D0%B3%D0%B5%D0%B9-%D0%BB%D0%B0%D0%B2%D1%80%D0%BE%D0%B2", LAVROV,
     "/doc/person/%D1%81%D0%B5%D1%80%D0%B3%D0%B5%D0%B9-%D0%BB%D0%B0%D0%B2%D1%80%D0%BE%D0%B2.ttl"),
])
def test_regression_iri_paths_with_non_ascii_letters_resolve(non_ascii: Dataset, path: str, iri: str, doc: str) -> None:
    """A path with non-ASCII letters was refused with 400 'characters an IRI path may not hold'."""
    c = TestClient(create_app(non_ascii))
    r = c.get(path, headers={"Accept": "text/turtle"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == doc
    ttl = c.get(doc)
    assert ttl.status_code == 200
    assert (rdflib.URIRef(iri), rdflib.RDF.type, rdflib.URIRef(DKG + "Person")) in _graph(ttl.text, "turtle")
    html = c.get(doc.removesuffix(".ttl") + ".html")
    assert html.status_code == 200 and ("Józef Beck" in html.text or "Сергей Лавров" in html.text)


@pytest.mark.parametrize("path", [
    "/doc/person/j%C3%B3zef-beck%2F..%2F..%2Fetc%2Fpasswd",
    "/doc/person/%2e%2e/%2e%2e/etc/passwd",
    "/diplokg/id/person/j%C3%B3zef%00beck",
    "/diplokg/id/person/j%C3%B3zef%0Abeck",
    "/diplokg/id/person/j%C3%B3zef%5Cbeck",
    "/diplokg/id/person/j%C3%B3zef%7Fbeck",
    "/doc/person/j%C3%B3zef%C2%85beck.ttl",
    "/diplokg/id/person/j%C3%B3zef%20beck",
])
def test_non_ascii_paths_still_refuse_traversal_and_controls(non_ascii: Dataset, path: str) -> None:
    r = TestClient(create_app(non_ascii)).get(path, follow_redirects=False)
    assert r.status_code in (400, 404)  # a newline does not even match the route
    assert "Bad" in r.text or r.status_code == 404


def test_static_export_writes_and_links_non_ascii_names(tmp_path: Path, non_ascii: Dataset) -> None:
    report = publish_static(non_ascii, tmp_path)
    assert report.skipped == [] and report.resources == 2
    for name in ("józef-beck", "сергей-лавров"):
        for ext in ("ttl", "jsonld", "nt", "html"):
            assert (tmp_path / "doc" / "person" / f"{name}.{ext}").is_file()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="/doc/person/j%C3%B3zef-beck.html"' in index
    g = _graph((tmp_path / "doc" / "person" / "józef-beck.ttl").read_text(encoding="utf-8"), "turtle")
    assert g.value(rdflib.URIRef(BECK), RDFS_LABEL) == rdflib.Literal("Józef Beck", lang="pl")


def test_bundled_queries_are_listed_and_run_with_parameters_from_the_query_string(client: TestClient) -> None:
    listing = client.get("/queries").json()["queries"]
    timeline = next(q for q in listing if q["name"] == "person-timeline")
    assert timeline["parameters"] == {"personName": "Naledi Pandor"} and timeline["href"] == "/queries/person-timeline"
    r = client.get("/queries/person-timeline", params={"personName": "Mauro Vieira", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(row["date"], row["kind"]) for row in rows] == [
        ("2023-01", "tenure"), ("2024-02-21", "event"), ("2024-02-21", "event"), ("2024-02-22", "statement")]
    assert rows[3]["what"] == "The G20 must also speak for the Global South"
    default = client.get("/queries/person-timeline", headers={"Accept": "application/sparql-results+json"})
    assert "Visit: Naledi Pandor to Rio de Janeiro" in default.text
    # a value cannot end the literal and inject SPARQL
    r = client.get("/queries/person-timeline", params={"personName": 'x" } } SELECT * WHERE { ?s ?p ?o } #'})
    assert r.status_code == 200 and r.json()["results"]["bindings"] == []
    r = client.get("/queries/person-timeline", params={"person": "Mauro Vieira"})
    assert r.status_code == 400 and "[E301]" in r.text and "personName" in r.text
    assert client.get("/queries/no-such-query").status_code == 404


def test_static_export_skips_a_name_longer_than_a_file_name_may_be(tmp_path: Path) -> None:
    long = B + "person/" + "ж" * 125  # 125 letters, 250 bytes: with ".jsonld" past 255
    path = tmp_path / "long.ttl"
    path.write_text(NON_ASCII + f'<{long}> a <{DKG}Person> .\n', encoding="utf-8")
    report = publish_static(Dataset.open(path), tmp_path / "site")
    assert report.skipped == [long] and report.resources == 2
