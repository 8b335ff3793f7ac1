"""What every store shares: the interface, the load and article plumbing, the registry.

The implementations (``embedded``, ``remote``) import from here and register themselves; the
package (:mod:`diplokg.stores`) imports both, so :func:`open_store` knows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any, Protocol, Union, runtime_checkable

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse

from ..errors import ConfigError, StoreError
from ..rdf.formats import FORMATS, QUAD_FILES, by_suffix
from ..rdf.iris import (
    DEFAULT_BASE,
    INTERNAL_PREFIX,
    Minter,
    base_of,
    is_identity_graph,
    is_internal_graph,
    is_kb_graph,
    is_reserved_graph,
)

__all__ = [
    "GraphSource",
    "LoadReport",
    "StoreSink",
    "TripleStore",
    "article_graph",
    "missing_identity",
    "repair_identity",
    "Identity",
    "iter_graphs",
    "loaded_graphs",
    "open_store",
    "register_store",
    "store_names",
]



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

    def refresh_identity(self, base: str = DEFAULT_BASE) -> int: ...

    def query(self, text: str) -> Any: ...

    def optimize(self) -> None: ...

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


def store_names() -> list[str]:
    """Names :func:`open_store` knows."""
    return sorted(_REGISTRY)


def open_store(name: str, **options: Any) -> TripleStore:
    """Open the store implementation registered as ``name`` with its keyword ``options``.

    ``open_store("embedded", path=DIR)`` opens (or creates) a pyoxigraph store on disk
    (``read_only=True``, ``create=False`` also taken); ``open_store("remote", options=RemoteOptions(...))``
    a SPARQL 1.1 server (:class:`~diplokg.stores.remote.RemoteOptions` holds its URLs,
    credentials, timeout and retries, checked once). Every store is a context manager.

    The stores do not decide identity: pass ``identity=`` (a :data:`Identity`) for a store that keeps
    its identity graph, as :func:`diplokg.open_store` (the public API, with examples) does.
    """
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise StoreError(f"No store named {name!r}.", hint=f"use one of: {', '.join(sorted(_REGISTRY))}.") from None
    return factory(**options)


def union_pattern(union: NamedNode | None, s: str = "?s", p: str = "?p", o: str = "?o") -> str:
    """The triple pattern of the union copy: the default graph (``union=None``) or a named graph."""
    return f"{s} {p} {o}" if union is None else f"GRAPH <{union.value}> {{ {s} {p} {o} }}"


def graph_update(name: str, graph: NamedNode, union: NamedNode | None, **values: str) -> str:
    """A graph-writing template (``replace-graph``, ``move-graph``, ``remove-article``) with the
    union-copy steps for ``graph`` filled in."""
    pattern = union_pattern(union)
    unlink = update_text("unlink-graph", graph=graph.value, union=pattern)
    link = update_text("link-graph", graph=graph.value, union=pattern)
    return update_text(name, graph=graph.value, unlink=_strip_comments(unlink), link=_strip_comments(link), union=pattern, **values)


def link_update(graph: NamedNode, union: NamedNode | None) -> str:
    """The update that adds all of ``graph``'s triples to the union copy."""
    return _strip_comments(update_text("link-graph", graph=graph.value, union=union_pattern(union)))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip()


#: How a store recomputes its identity graph: ``identity(select, base)`` reads what it needs
#: through ``select(text)`` (a SPARQL SELECT over the store's named graphs, answered as a
#: :class:`~diplokg.rdf.select.QueryResult`) and returns the identity graph's triples. The
#: stores run it; the identity stage supplies it (:func:`diplokg.identity.store_identity`, which
#: :func:`diplokg.open_store` passes), so the stores know nothing of how identity is decided.
Identity = Callable[[Callable[[str], Any], str], list[Triple]]


def article_graph(doc_id: str, *, base: str = DEFAULT_BASE) -> NamedNode:
    """The named graph of article ``doc_id``, minted as the build mints it (an IRI given as
    ``doc_id`` is taken as it is, unless it names a reserved graph: :class:`ConfigError`).

    >>> article_graph("kb").value, article_graph("a b").value
    ('https://w3id.org/diplokg/id/graph/kb', 'https://w3id.org/diplokg/id/graph/a-b~c8687a08')
    """
    if doc_id.startswith(("http://", "https://", "urn:")):
        if is_reserved_graph(doc_id):
            raise ConfigError(
                f"<{doc_id}> is a reserved graph (knowledge-base aliases, identity links or diplokg's "
                "own bookkeeping), not an article.",
                hint="give an article's id or graph IRI; these graphs follow the articles by themselves.",
            )
        return NamedNode(doc_id)
    return Minter(base).graph(doc_id)


def missing_identity(graphs: Iterable[NamedNode]) -> list[str]:
    """The bases among ``graphs`` with article graphs but no identity graph.

    >>> g = "https://w3id.org/diplokg/id/graph/"
    >>> missing_identity([NamedNode(g + "a"), NamedNode(g + "-/kb")])
    ['https://w3id.org/diplokg/id/']
    >>> missing_identity([NamedNode(g + "a"), NamedNode(g + "-/identity")])
    []
    """
    names = set(graphs)
    bases = {b for g in names if not is_reserved_graph(g) and (b := base_of(g)) is not None}
    return [b for b in sorted(bases) if Minter(b).identity_graph() not in names]


def repair_identity(store: Any) -> list[str]:
    """Recompute the identity graph of every base whose article graphs ``store`` holds without
    it (a build killed before it wrote it); returns the bases repaired.

    The identity graph is derived data, so recomputing it is always safe. An empty one is not
    stored, so a store whose people have no identity link recomputes it (finding none) each time.
    """
    repaired = missing_identity(store.graphs())
    for base in repaired:
        store.refresh_identity(base)
    return repaired


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
    """A packaged SPARQL Update template (``stores/<name>.ru``) with ``values`` filled in
    (``$internal``: the prefix of diplokg's own graphs, :data:`~diplokg.rdf.iris.INTERNAL_PREFIX`)."""
    text = resources.files(__package__).joinpath(f"{name}.ru").read_text(encoding="utf-8")
    return Template(text).substitute({"internal": INTERNAL_PREFIX, **values})


def _graph_file(path: Path) -> tuple[Path, RdfFormat]:
    if path.is_dir():
        candidates = [f"graph.{FORMATS[name].suffix}" for name in QUAD_FILES]
        for candidate in candidates:
            if (path / candidate).is_file():
                return path / candidate, by_suffix(candidate).rdf_format  # type: ignore[union-attr]
        raise StoreError(
            f"{path} holds no {' or '.join(candidates)}.",
            hint="build with --format trig (the default) or give the file itself.",
        )
    found = by_suffix(path)
    fmt = found.rdf_format if found is not None and found.name in QUAD_FILES else None
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


def loaded_graphs(source: GraphSource, report: LoadReport, bases: set[str], *,
                  keep_identity: bool = False) -> Iterator[tuple[NamedNode, list[Triple]]]:
    """The graphs of ``source`` a load writes: each one counted in ``report`` and its base IRI
    added to ``bases``; identity graphs are counted but not given (a store recomputes its own
    from all it holds) unless ``keep_identity`` (a store that has no ``identity`` function)."""
    for graph, triples in iter_graphs(source):
        report.graphs += 1
        report.triples += len(triples)
        base = base_of(graph)
        if base is not None:
            bases.add(base)
        if keep_identity or not is_identity_graph(graph):
            yield graph, triples


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
        for graph, triples in source.iter_graphs():
            if not is_internal_graph(graph):
                yield graph, triples
    else:
        for graph, triples in source:
            yield (graph if isinstance(graph, NamedNode) else NamedNode(str(graph))), as_triples(triples)


#: Article graphs a build must write into an embedded store before :meth:`StoreSink.finish` compacts it.
OPTIMIZE_AFTER = 500


class StoreSink:
    """Feeds a running build into a store: ``build(..., sink=StoreSink(store))``, then ``finish()``.

    Called with each named graph the build writes: an article graph replaces the stored one, the
    knowledge-base graph's triples are merged entity by entity. The build's identity graph holds
    only the links its own articles decide; the store's is recomputed from all its people
    instead (by :meth:`finish`, which the build's identity graph also triggers).
    """

    def __init__(self, store: TripleStore) -> None:
        self.store = store
        self.articles = 0
        self.triples = 0
        self._bases: set[str] = set()
        self._refreshed: set[str] = set()

    def __call__(self, graph: NamedNode, triples: Iterable[Triple | Quad]) -> None:
        base = base_of(graph)
        if is_identity_graph(graph):
            if base is not None:
                self.store.refresh_identity(base)
                self._refreshed.add(base)
            return
        self.triples += self.store.replace_article(graph, triples)
        self.articles += not is_kb_graph(graph)
        if base is not None:
            self._bases.add(base)
            self._refreshed.discard(base)

    def finish(self) -> None:
        """Recompute the store's identity graph (unless the build's own identity graph just did),
        then, after a large build, let an embedded store compact what it wrote (queries get
        several times faster; compacting a whole store takes seconds, too long for a few articles)."""
        for base in sorted(self._bases - self._refreshed):
            self.store.refresh_identity(base)
            self._refreshed.add(base)
        if self.articles >= OPTIMIZE_AFTER:
            self.store.optimize()
