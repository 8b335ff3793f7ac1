"""The VoID + DCAT description of a published dataset.

Figures come from the packaged queries ``void-counts.rq`` (distinct triples, subjects, objects,
owl:sameAs links to Wikidata) and ``void-classes.rq`` (instances per class). Licence and
publisher are set by options; ``site`` is the URL the server (or the static export) is reached at.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Triple

from ..rdf.formats import DUMPS as DUMP_FORMATS
from ..rdf.formats import FORMATS
from .dataset import Dataset
from .urls import ONTOLOGY_IRI, UrlMap

__all__ = ["VoidOptions", "void_triples", "DUMPS"]

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
FOAF = "http://xmlns.com/foaf/0.1/"
WIKIDATA = "http://www.wikidata.org/entity/"
#: Dump file name -> media type (served at /dumps/NAME, written by the static export).
DUMPS: dict[str, str] = {f"graph.{FORMATS[name].suffix}": FORMATS[name].media_type for name in DUMP_FORMATS}


@dataclass(frozen=True)
class VoidOptions:
    title: str = "diplokg knowledge graph"
    description: str = ("Diplomats, states, forums, posts, events and statements read out of news articles "
                        "about diplomacy, each traced to the article span it comes from.")
    license: str | None = None  # an IRI, e.g. https://creativecommons.org/licenses/by/4.0/
    publisher: str | None = None  # an IRI or a name
    sparql: bool = True  # whether a SPARQL endpoint is part of the publication


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_n(XSD + "integer"))


def void_triples(ds: Dataset, urls: UrlMap, site: str, options: VoidOptions = VoidOptions()) -> tuple[str, list[Triple]]:
    """(dataset IRI, triples) describing ``ds`` as published at ``site`` (no trailing slash)."""
    site = site.rstrip("/")
    dataset = _n(f"{site}/void#dataset")
    t: list[Triple] = []
    add = t.append
    counts = ds.select("void-counts")[0]
    figure = {k: int(v.value) if v is not None else 0 for k, v in counts.items()}
    add(Triple(dataset, RDF_TYPE, _n(VOID + "Dataset")))
    add(Triple(dataset, RDF_TYPE, _n(DCAT + "Dataset")))
    add(Triple(dataset, _n(DCT + "title"), Literal(options.title, language="en")))
    add(Triple(dataset, _n(DCT + "description"), Literal(options.description, language="en")))
    if options.license:
        add(Triple(dataset, _n(DCT + "license"), _n(options.license)))
    if options.publisher:
        publisher = options.publisher
        if publisher.startswith(("http://", "https://")):
            add(Triple(dataset, _n(DCT + "publisher"), _n(publisher)))
        else:
            agent = _n(f"{site}/void#publisher")
            add(Triple(dataset, _n(DCT + "publisher"), agent))
            add(Triple(agent, RDF_TYPE, _n(FOAF + "Agent")))
            add(Triple(agent, _n(FOAF + "name"), Literal(publisher)))
    add(Triple(dataset, _n(VOID + "triples"), _int(figure["triples"])))
    add(Triple(dataset, _n(VOID + "distinctSubjects"), _int(figure["subjects"])))
    add(Triple(dataset, _n(VOID + "distinctObjects"), _int(figure["objects"])))
    add(Triple(dataset, _n(VOID + "uriSpace"), Literal(urls.base)))
    add(Triple(dataset, _n(VOID + "vocabulary"), _n(ONTOLOGY_IRI + "#")))
    add(Triple(dataset, _n(VOID + "uriLookupEndpoint"), Literal(urls.base)))
    add(Triple(dataset, _n(VOID + "rootResource"), _n(f"{site}/")))
    for name, media in DUMPS.items():
        url = _n(f"{site}/dumps/{name}")
        add(Triple(dataset, _n(VOID + "dataDump"), url))
        dist = _n(f"{site}/void#dump-{name.replace('.', '-')}")
        add(Triple(dataset, _n(DCAT + "distribution"), dist))
        add(Triple(dist, RDF_TYPE, _n(DCAT + "Distribution")))
        add(Triple(dist, _n(DCAT + "downloadURL"), url))
        add(Triple(dist, _n(DCAT + "mediaType"), _n(f"https://www.iana.org/assignments/media-types/{media}")))
        if options.license:
            add(Triple(dist, _n(DCT + "license"), _n(options.license)))
    if options.sparql:
        endpoint = _n(f"{site}/sparql")
        add(Triple(dataset, _n(VOID + "sparqlEndpoint"), endpoint))
        service = _n(f"{site}/void#sparql-service")
        add(Triple(service, RDF_TYPE, _n(DCAT + "DataService")))
        add(Triple(service, _n(DCAT + "endpointURL"), endpoint))
        add(Triple(service, _n(DCAT + "servesDataset"), dataset))
        add(Triple(service, _n(DCT + "conformsTo"), _n("https://www.w3.org/TR/sparql11-protocol/")))
        add(Triple(dataset, _n(DCAT + "distribution"), _n(f"{site}/void#sparql-distribution")))
        add(Triple(_n(f"{site}/void#sparql-distribution"), RDF_TYPE, _n(DCAT + "Distribution")))
        add(Triple(_n(f"{site}/void#sparql-distribution"), _n(DCAT + "accessService"), service))
        add(Triple(_n(f"{site}/void#sparql-distribution"), _n(DCAT + "accessURL"), endpoint))
    classes = 0
    for row in ds.select("void-classes"):
        cls = row["class"]
        if not isinstance(cls, NamedNode):
            continue
        classes += 1
        part = _n(f"{site}/void#class-{classes}")
        add(Triple(dataset, _n(VOID + "classPartition"), part))
        add(Triple(part, _n(VOID + "class"), cls))
        add(Triple(part, _n(VOID + "entities"), _int(int(row["entities"].value))))
    add(Triple(dataset, _n(VOID + "classes"), _int(classes)))
    linkset = _n(f"{site}/void#wikidata-links")
    wikidata = _n("http://www.wikidata.org/")
    add(Triple(dataset, _n(VOID + "subset"), linkset))
    add(Triple(linkset, RDF_TYPE, _n(VOID + "Linkset")))
    add(Triple(linkset, _n(VOID + "linkPredicate"), _n("http://www.w3.org/2002/07/owl#sameAs")))
    add(Triple(linkset, _n(VOID + "subjectsTarget"), dataset))
    add(Triple(linkset, _n(VOID + "objectsTarget"), wikidata))
    add(Triple(linkset, _n(VOID + "triples"), _int(figure["wikidataLinks"])))
    add(Triple(wikidata, RDF_TYPE, _n(VOID + "Dataset")))
    add(Triple(wikidata, _n(FOAF + "homepage"), _n("https://www.wikidata.org/")))
    add(Triple(wikidata, _n(VOID + "uriSpace"), Literal(WIKIDATA)))
    return dataset.value, t


