"""Triple stores behind one small interface, looked up by name.

Two implementations ship:

- ``"embedded"`` (:class:`~diplokg.stores.embedded.EmbeddedStore`): a pyoxigraph store on disk,
  no server;
- ``"remote"`` (:class:`~diplokg.stores.remote.RemoteStore`): any SPARQL 1.1 server, loaded with
  the Graph Store HTTP Protocol (or SPARQL 1.1 Update where the server has no such protocol) and
  queried through SPARQLWrapper.

Every store keeps one named graph per article (``{base}graph/{doc}``, see docs/data-model.md)
plus the shared knowledge-base graph ``{base}graph/kb`` of aliases. The interface:

``load(source)``
    all-or-nothing per graph: each graph of ``source`` replaces the store's graph of the same name
    in one step; a source that does not parse changes nothing.
``bulk_load(source)``
    streaming and fastest, for a fresh store; not atomic.
``replace_article(graph, triples)`` / ``remove_article(doc_id)``
    one article at a time; cross-article nodes stay right because every article graph carries
    its own description of the entities it mentions.
``query(text)``
    a SPARQL SELECT over the union of all graphs, as a :class:`~diplokg.query.QueryResult`.

The knowledge-base graph is merged, never replaced wholesale: a build of one article brings the
alias sets of the entities it mentions (each replaces that entity's earlier set) and leaves the
other entities' aliases alone. Removing an article also removes the aliases of every entity no
remaining graph describes, so an entity mentioned only there leaves no trace in the union.

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
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Protocol, Union, runtime_checkable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from ..errors import StoreError
from ..mapping import DEFAULT_BASE, Minter

__all__ = [
    "GraphSource",
    "LoadReport",
    "StoreSink",
    "TripleStore",
    "article_graph",
    "is_kb_graph",
    "iter_graphs",
    "open_store",
    "register_store",
    "store_names",
]

#: Suffix of the shared knowledge-base graph's IRI (``{base}graph/kb``).
KB_SUFFIX = "/graph/kb"
_QUAD_FORMATS = {".trig": RdfFormat.TRIG, ".nq": RdfFormat.N_QUADS}


@dataclass
class LoadReport:
    """What a load did: graphs and triples written, and how long it took."""

    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0
    method: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Triples per second."""
        return self.triples / self.seconds if self.seconds else 0.0


@runtime_checkable
class TripleStore(Protocol):
    """The interface every store implements (see the module docstring)."""

    name: str

    def load(self, source: "GraphSource") -> LoadReport: ...

    def bulk_load(self, source: "GraphSource") -> LoadReport: ...

    def replace_article(self, graph: NamedNode | str, triples: Iterable[Triple | Quad]) -> int: ...

    def remove_article(self, doc_id: str, *, base: str = DEFAULT_BASE) -> int: ...

    def iter_graphs(self) -> Iterator[tuple[NamedNode, list[Triple]]]: ...

    def query(self, text: str) -> Any: ...

    def close(self) -> None: ...


#: What ``load``/``bulk_load`` read: a TriG or N-Quads file, a build directory holding one, another
#: store, or (graph, triples) pairs.
GraphSource = Union[str, Path, TripleStore, Iterable[tuple[NamedNode, Iterable[Triple]]]]

_REGISTRY: dict[str, Callable[..., TripleStore]] = {}


def register_store(name: str) -> Callable[[Callable[..., TripleStore]], Callable[..., TripleStore]]:
    """Class decorator: make a store implementation available to :func:`open_store` by ``name``."""

    def decorate(factory: Callable[..., TripleStore]) -> Callable[..., TripleStore]:
        _REGISTRY[name] = factory
        return factory

    return decorate


def _ensure_registered() -> None:
    # Imported here, not at module import, so that `import diplokg.stores` stays cheap and the
    # implementations can import this module's helpers.
    from . import embedded, remote  # noqa: F401


def store_names() -> list[str]:
    """Names :func:`open_store` knows."""
    _ensure_registered()
    return sorted(_REGISTRY)


def open_store(name: str, **options: Any) -> TripleStore:
    """Open the store implementation registered as ``name`` with its keyword ``options``."""
    _ensure_registered()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise StoreError(f"No store named {name!r}.", hint=f"use one of: {', '.join(sorted(_REGISTRY))}.") from None
    return factory(**options)


def is_kb_graph(graph: NamedNode | str) -> bool:
    """True for the shared knowledge-base graph ``{base}graph/kb``."""
    value = graph.value if isinstance(graph, NamedNode) else str(graph)
    return value.endswith(KB_SUFFIX)


def article_graph(doc_id: str, *, base: str = DEFAULT_BASE) -> NamedNode:
    """The named graph of article ``doc_id`` (an IRI given as ``doc_id`` is taken as it is).

    >>> article_graph("a b").value
    'https://w3id.org/diplokg/id/graph/a-b'
    """
    if doc_id.startswith(("http://", "https://", "urn:")):
        return NamedNode(doc_id)
    return Minter(base).graph(doc_id)


def as_triples(items: Iterable[Triple | Quad]) -> list[Triple]:
    """Triples of ``items`` (quads lose their graph name), duplicates dropped, order kept."""
    return list(dict.fromkeys(i.triple if isinstance(i, Quad) else i for i in items))


def ntriples_lines(triples: Iterable[Triple]) -> str:
    """N-Triples text of ``triples`` (also valid inside SPARQL ``INSERT DATA``)."""
    return "\n".join(f"{t} ." for t in triples)


_XSD_DURATION = "http://www.w3.org/2001/XMLSchema#duration"
#: Datatypes Virtuoso 7.2 mangles inside INSERT DATA: xsd:duration fails ("No column PT40MD"),
#: and "false"^^xsd:boolean in a request that also holds "0"^^xsd:nonNegativeInteger is stored
#: as the latter. Built with STRDT at run time they keep their type.
_BUILT_AT_RUN_TIME = frozenset({_XSD_DURATION, "http://www.w3.org/2001/XMLSchema#boolean"})


def insert_data(graph: NamedNode, triples: list[Triple]) -> str:
    """SPARQL Update operation(s) adding ``triples`` to ``graph``.

    Plain ``INSERT DATA``, except that ``xsd:duration`` and ``xsd:boolean`` literals are built
    with ``STRDT`` in an ``INSERT ... WHERE``, which Virtuoso 7.2 stores faithfully (see
    ``_BUILT_AT_RUN_TIME``); every SPARQL 1.1 store reads it the same.

    >>> from pyoxigraph import Literal
    >>> g, s, p = NamedNode("http://ex.org/g"), NamedNode("http://ex.org/s"), NamedNode("http://ex.org/p")
    >>> print(insert_data(g, [Triple(s, p, Literal("PT1H", datatype=NamedNode(_XSD_DURATION)))]))
    INSERT { GRAPH <http://ex.org/g> {
    <http://ex.org/s> <http://ex.org/p> ?d0 .
    } } WHERE { BIND(STRDT("PT1H", <http://www.w3.org/2001/XMLSchema#duration>) AS ?d0) }
    """
    plain: list[Triple] = []
    durations: list[Triple] = []
    for t in triples:
        obj = t.object
        (durations if isinstance(obj, Literal) and obj.datatype.value in _BUILT_AT_RUN_TIME else plain).append(t)
    ops = []
    if plain:
        ops.append(f"INSERT DATA {{ GRAPH <{graph.value}> {{\n{ntriples_lines(plain)}\n}} }}")
    if durations:
        pattern = "\n".join(f"{t.subject} {t.predicate} ?d{i} ." for i, t in enumerate(durations))
        binds = " ".join(f"BIND(STRDT({Literal(t.object.value)}, <{t.object.datatype.value}>) AS ?d{i})" for i, t in enumerate(durations))
        ops.append(f"INSERT {{ GRAPH <{graph.value}> {{\n{pattern}\n}} }} WHERE {{ {binds} }}")
    return " ;\n".join(ops) or "CLEAR SILENT GRAPH <urn:diplokg:nothing>"


def update_text(name: str, **values: str) -> str:
    """A packaged SPARQL Update template (``stores/<name>.ru``) with ``values`` filled in."""
    text = resources.files(__package__).joinpath(f"{name}.ru").read_text(encoding="utf-8")
    return Template(text).substitute(values)


def _graph_file(path: Path) -> tuple[Path, RdfFormat]:
    if path.is_dir():
        for candidate in ("graph.nq", "graph.trig"):
            if (path / candidate).is_file():
                return path / candidate, _QUAD_FORMATS[Path(candidate).suffix]
        raise StoreError(
            f"{path} holds no graph.nq or graph.trig.",
            hint="build with --format trig (the default) or give the file itself.",
        )
    fmt = _QUAD_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(
            f"{path} is not a TriG or N-Quads file: a store keeps one named graph per article and "
            f"{path.suffix or 'this file'} has no named graphs.",
            hint="load graph.trig (written by default) or graph.nq (diplokg build --format nquads).",
        )
    if not path.is_file():
        raise StoreError(f"Graph file {path} does not exist.", hint="build one first (diplokg build) or check the path.")
    return path, fmt


def check_source(source: GraphSource) -> None:
    """Parse a file source once without keeping it, so a bad file fails before the store is touched."""
    if isinstance(source, (str, Path)):
        path, fmt = _graph_file(Path(source))
        try:
            for _quad in parse(path=str(path), format=fmt):
                pass
        except SyntaxError as err:
            raise StoreError(f"{path} is not valid {path.suffix[1:]}: {err}", hint="rebuild it or validate it.") from err


def iter_graphs(source: GraphSource) -> Iterator[tuple[NamedNode, list[Triple]]]:
    """(graph, triples) pairs of ``source``, streaming one graph at a time.

    A file lists each article graph in one block (as diplokg writes them); the knowledge-base
    graph, written in pieces between articles, comes last as one pair. A graph that appears in
    two separate blocks comes as two pairs.
    """
    if isinstance(source, (str, Path)):
        path, fmt = _graph_file(Path(source))
        current: NamedNode | None = None
        block: list[Triple] = []
        kb: dict[NamedNode, list[Triple]] = {}
        try:
            for quad in parse(path=str(path), format=fmt):
                graph = quad.graph_name
                if not isinstance(graph, NamedNode):
                    raise StoreError(
                        f"{path} has triples outside any named graph.",
                        hint="diplokg keeps every triple in an article graph; rebuild the file with diplokg build.",
                    )
                if is_kb_graph(graph):
                    kb.setdefault(graph, []).append(quad.triple)
                    continue
                if graph != current:
                    if block:
                        yield current, block  # type: ignore[misc]
                    current, block = graph, []
                block.append(quad.triple)
        except SyntaxError as err:
            raise StoreError(f"{path} is not valid {path.suffix[1:]}: {err}", hint="rebuild it or validate it.") from err
        if block:
            yield current, block  # type: ignore[misc]
        yield from kb.items()
    elif isinstance(source, TripleStore):
        yield from source.iter_graphs()
    else:
        for graph, triples in source:
            yield (graph if isinstance(graph, NamedNode) else NamedNode(str(graph))), as_triples(triples)


class StoreSink:
    """Feeds a running build into a store: ``build(..., sink=StoreSink(store))``.

    Called with each named graph the build writes: an article graph replaces the stored one, the
    knowledge-base graph's triples are merged entity by entity.
    """

    def __init__(self, store: TripleStore) -> None:
        self.store = store
        self.articles = 0
        self.triples = 0

    def __call__(self, graph: NamedNode, triples: Iterable[Triple | Quad]) -> None:
        self.triples += self.store.replace_article(graph, triples)
        self.articles += not is_kb_graph(graph)
