"""Triple stores behind one small interface, looked up by name.

Two implementations ship:

- ``"embedded"`` (:class:`~diplokg.stores.embedded.EmbeddedStore`): a pyoxigraph store on disk,
  no server;
- ``"remote"`` (:class:`~diplokg.stores.remote.RemoteStore`): any SPARQL 1.1 server, loaded with
  the Graph Store HTTP Protocol (or SPARQL 1.1 Update where the server has no such protocol) and
  queried through SPARQLWrapper.

Every store keeps one named graph per article (``{base}graph/{doc}``, see docs/data-model.md)
plus the shared knowledge-base graph ``{base}graph/-/kb`` of aliases and the identity graph
``{base}graph/-/identity`` of ``owl:sameAs`` links (reserved: an article's slug never holds a
``/``, so no article id reaches them), and beside them ONE deduplicated copy of all
their triples, the *union copy*: a triple is in it exactly when at least one of those named
graphs holds it. Every article graph repeats its own description of the shared entities (so it
can be replaced alone); a query over the union of the graphs would see such a triple once per
article and its joins would multiply, so queries read the union copy instead:

- the embedded store keeps it in the store's **default graph** and queries it with
  ``use_default_graph_as_union=False``;
- a remote store keeps it in the named graph ``urn:diplokg:union`` (:data:`UNION_GRAPH`; a
  Virtuoso endpoint has no default graph of its own) and every query names it as the dataset's
  default graph with the SPARQL protocol's ``default-graph-uri`` parameter. To query a remote
  store with another client, pass ``default-graph-uri=urn:diplokg:union`` or write
  ``FROM <urn:diplokg:union>``; start the Oxigraph server *without* ``--union-default-graph``.

Every write keeps the copy exact in the same request (one transaction): the triples of a
replaced or removed graph leave the copy unless another named graph still holds them (the
``unlink-graph.ru`` pattern: ``DELETE ... WHERE { GRAPH <old> { ?s ?p ?o } FILTER NOT EXISTS {
GRAPH ?g { ?s ?p ?o } FILTER(?g != <old>) } }``), the new graph's triples enter it. Graphs named
``urn:diplokg:...`` (the copy itself, staging graphs) never count as holders.

The interface:

``load(source)``
    all-or-nothing per graph: each graph of ``source`` replaces the store's graph of the same name
    in one step; a source that does not parse changes nothing.
``bulk_load(source)``
    streaming and fastest, for a fresh store; not atomic.
``replace_article(graph, triples)`` / ``remove_article(doc_id)``
    one article at a time; cross-article nodes stay right because every article graph carries
    its own description of the entities it mentions.
``refresh_identity(base)``
    recompute the identity graph from what the store's article graphs describe, with the
    ``identity`` function the store was opened with (see below).
``query(text)``
    a SPARQL SELECT over the union copy, as a :class:`~diplokg.rdf.select.QueryResult`.
``optimize()``
    compact after a large write (the embedded store; a server compacts its own storage).

The knowledge-base graph is merged, never replaced wholesale: a build of one article brings the
alias sets of the entities it mentions (each replaces that entity's earlier set) and leaves the
other entities' aliases alone. Removing an article also removes the aliases of every entity no
remaining article graph describes, so an entity mentioned only there leaves no trace.

The identity graph is *recomputed*, never merged: its links depend on the whole corpus (a
one-word "Retno" is linked to "Retno Marsudi" only while she is the one person so named, sharing a
state; two reports are one event only while they agree), so after ``load``, ``bulk_load``,
``remove_article`` and a ``build --store`` (through :meth:`StoreSink.finish`) the store recomputes
it from what its article graphs describe, with the ``identity`` function it was opened with
(:data:`Identity`; :func:`diplokg.open_store` gives the build's own rules, in
:mod:`diplokg.resolve`). A link to or from a person or report no article describes any more goes;
a link that a newly stored article makes decidable appears; an identity graph inside a loaded file
is replaced by the recomputed one. A store whose identity graph is missing (a build killed before
it was written) recomputes it when it is next opened (see :func:`repair_identity`). A store opened
without an ``identity`` function (``diplokg.stores.open_store`` itself) keeps whatever identity
graph it is given.

>>> from diplokg.stores import open_store, store_names
>>> store_names()
['embedded', 'remote']
>>> import tempfile
>>> store = open_store("embedded", path=tempfile.mkdtemp())
>>> from pyoxigraph import NamedNode, Literal, Triple
>>> g = NamedNode("https://w3id.org/diplokg/id/graph/a")
>>> store.replace_article(g, [Triple(NamedNode("https://w3id.org/diplokg/id/person/x"),
...     NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("X"))])
1
>>> store.query("SELECT ?l WHERE { ?s ?p ?l }").rows
[{'l': 'X'}]
>>> store.remove_article("a")
1
>>> store.query("SELECT ?l WHERE { ?s ?p ?l }").rows
[]
>>> store.close()
"""

from __future__ import annotations

from . import embedded, remote  # noqa: F401 - each registers itself with open_store
from .base import (
    GraphSource,
    Identity,
    LoadReport,
    StoreSink,
    TripleStore,
    article_graph,
    iter_graphs,
    loaded_graphs,
    missing_identity,
    open_store,
    register_store,
    repair_identity,
    store_names,
)

__all__ = [
    "GraphSource",
    "Identity",
    "LoadReport",
    "StoreSink",
    "TripleStore",
    "article_graph",
    "iter_graphs",
    "loaded_graphs",
    "missing_identity",
    "open_store",
    "register_store",
    "repair_identity",
    "store_names",
]
