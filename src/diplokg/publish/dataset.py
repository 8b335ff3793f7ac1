"""The published dataset: a read-only pyoxigraph store, descriptions of its resources, and
SPARQL with limits.

Opened from a graph file (loaded into memory) or from an embedded store directory (opened
read-only), it answers:

- :meth:`Dataset.describe`: the triples a dereferenced IRI answers with (``describe.rq``);
- :meth:`Dataset.select`: one of the packaged page queries (``publish/queries/*.rq``) with
  variables substituted, as rows of pyoxigraph terms;
- :meth:`Dataset.execute`: a client's SPARQL query, cut off at a deadline or a row limit.

>>> from pyoxigraph import Store, Quad, NamedNode, Literal
>>> store = Store()
>>> person = NamedNode("https://w3id.org/diplokg/id/person/a")
>>> store.add(Quad(person, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("A", language="en")))
>>> ds = Dataset(store)
>>> [str(t.object) for t in ds.describe(person.value)]
['"A"@en']
>>> ds.execute("ASK { ?s ?p ?o }").boolean
True
"""

from __future__ import annotations

import functools
import re
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Store,
    Triple,
    Variable,
    serialize,
)

from ..errors import QueryError, StoreError
from ..rdf.formats import DESCRIPTIONS, FORMATS
from ..rdf.iris import DEFAULT_BASE, UNION_GRAPH as _UNION_NODE
from ..rdf.terms import PREFIXES

__all__ = [
    "Dataset",
    "SparqlLimits",
    "SparqlResult",
    "QueryTimeout",
    "ResultTooLarge",
    "QueryRefused",
    "ServerBusy",
    "RDF_TYPES",
    "serialize_triples",
    "publish_query",
    "has_dataset_clause",
    "UNION_GRAPH",
]

#: Media types of the RDF descriptions -> (suffix, pyoxigraph format or None for JSON-LD compacted).
RDF_TYPES: dict[str, tuple[str, RdfFormat]] = {
    FORMATS[name].media_type: (FORMATS[name].suffix, FORMATS[name].rdf_format) for name in DESCRIPTIONS}


class QueryTimeout(QueryError):
    """A query ran past the time limit."""

    code = "E310"


class ResultTooLarge(QueryError):
    """A query's result has more rows (or triples) than the size limit."""

    code = "E311"


class QueryRefused(QueryError):
    """A request the endpoint never runs: updates, SERVICE (federation), oversized text."""

    code = "E312"


class ServerBusy(QueryError):
    """Every query worker is taken (by running or cut-off queries)."""

    code = "E313"


@dataclass(frozen=True)
class SparqlLimits:
    """Limits of the public SPARQL endpoint."""

    timeout: float = 10.0  # seconds per query
    max_rows: int = 10_000  # solutions or triples per result
    max_query_chars: int = 20_000  # characters of query text (and bytes of a POST body)
    workers: int = 4  # worker processes, so queries evaluated at once; more wait briefly, then 503
    memory_mib: int = 1024  # memory one query may add to its worker (0: no cap); past it, 503


@dataclass
class SparqlResult:
    """A query's answer: ``kind`` is ``select``, ``ask`` or ``graph``."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


@functools.cache
def publish_query(name: str) -> str:
    """Text of the packaged page query ``publish/queries/{name}.rq``."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise QueryError(f"Invalid packaged query name {name!r}.")
    return resources.files(__package__).joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


# SERVICE makes pyoxigraph fetch a remote endpoint: refused so that the server makes no outgoing
# requests. Strings, IRIs and comments are blanked first so that a literal "service" is no hit.
_BLANKS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_UPDATE = re.compile(r"(?<![\w?$:])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)(?![\w:-])", re.IGNORECASE)


def check_query_text(text: str, limits: SparqlLimits) -> None:
    """Refuse what the endpoint never runs (raises :class:`QueryRefused`).

    >>> check_query_text('SELECT * WHERE { ?s ?p "SERVICE" }', SparqlLimits())
    >>> check_query_text('SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }', SparqlLimits())
    Traceback (most recent call last):
    ...
    diplokg.publish.dataset.QueryRefused: [E312] SERVICE (federated query) is not allowed on this endpoint. Fix: query this endpoint's own data, or run the federated query on your own machine.
    """
    if len(text) > limits.max_query_chars:
        raise QueryRefused(f"The query is {len(text)} characters long; the limit is {limits.max_query_chars}.",
                           hint="send a shorter query.")
    bare = _BLANKS.sub(" ", text)
    if _SERVICE.search(bare):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint.",
                           hint="query this endpoint's own data, or run the federated query on your own machine.")


_FROM = re.compile(r"(?<![\w?$:])FROM(?![\w:-])", re.IGNORECASE)
#: The graph name that stands for the union of the graphs (as on a remote diplokg store).
UNION_GRAPH = _UNION_NODE.value


def has_dataset_clause(text: str) -> bool:
    """True when the query names its dataset (``FROM`` or ``FROM NAMED``).

    >>> has_dataset_clause("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT ?from WHERE { ?from ?p "FROM" } # FROM')
    False
    """
    return bool(_FROM.search(_BLANKS.sub(" ", text)))


def looks_like_update(text: str) -> bool:
    """True when ``text`` starts an update operation (used to name the refusal clearly)."""
    bare = _BLANKS.sub(" ", text)
    body = re.sub(r"(?is)^\s*((PREFIX\s+[\w-]*:\s*|BASE\s*)\s*)*", "", bare)
    return bool(_UPDATE.match(body.strip()))


def serialize_triples(triples: Iterable[Triple], media_type: str) -> bytes:
    """Triples as Turtle, N-Triples or JSON-LD (compacted with the diplokg context)."""
    triples = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if media_type == "application/ld+json":
        from ..rdf.jsonld import JsonLdStream

        stream = JsonLdStream()
        return stream.header() + (stream.chunk(DefaultGraph(), triples) if triples else b"") + stream.footer()
    suffix, fmt = RDF_TYPES.get(media_type, ("ttl", RdfFormat.TURTLE))
    if fmt is RdfFormat.TURTLE:
        return serialize(triples, format=fmt, prefixes=PREFIXES) or b""
    return serialize(triples, format=fmt) or b""


_NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OFFSETS = frozenset({NamedNode(_NIF + "beginIndex"), NamedNode(_NIF + "endIndex")})
_INTEGER = NamedNode(_XSD + "integer")
_NON_NEGATIVE = NamedNode(_XSD + "nonNegativeInteger")


def faithful(triple: Triple) -> Triple:
    """Undo Oxigraph's storage of ``xsd:nonNegativeInteger`` as ``xsd:integer`` for span offsets.

    pyoxigraph 0.5 keeps integer subtypes as ``xsd:integer``; docs/data-model.md types
    ``nif:beginIndex``/``nif:endIndex`` as ``xsd:nonNegativeInteger``, so published descriptions
    put that type back.
    """
    obj = triple.object
    if triple.predicate in _OFFSETS and isinstance(obj, Literal) and obj.datatype == _INTEGER:
        return Triple(triple.subject, triple.predicate, Literal(obj.value, datatype=_NON_NEGATIVE))
    return triple


class Dataset:
    """A read-only view of a store for publishing. The store is never written to."""

    def __init__(self, store: Store, *, base: str = DEFAULT_BASE, source: str = "", closer: Any = None,
                 union: bool = True) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.store = store
        # A graph file: query the union of its graphs. A diplokg store keeps its own deduplicated
        # union copy in the default graph (see diplokg.stores): query that, or answers repeat.
        self.union = union
        self.base = base
        self.source = source
        self._closer = closer
        self._texts: dict[str, str] = {}
        self._lock = threading.Lock()
        self._dumps: dict[str, bytes] = {}
        # Where query workers open the data read-only: the store directory, or a copy on disk of
        # a graph held in memory (made by disk_path() when the first query comes).
        self.store_path: str | None = None
        self._copy: tempfile.TemporaryDirectory[str] | None = None

    @classmethod
    def open(cls, graph: str | Path | None = None, *, store_dir: str | Path | None = None,
             base: str = DEFAULT_BASE) -> "Dataset":
        """Open a graph file (read into memory) or an embedded store directory (read-only)."""
        if (graph is None) == (store_dir is None):
            raise StoreError("Give a graph file or a store directory (one of them).")
        if graph is not None:
            from ..rdf.select import load_graph

            return cls(load_graph(graph), base=base, source=str(graph))
        path = Path(store_dir)  # type: ignore[arg-type]
        try:
            from .. import open_store

            opened = open_store("embedded", path=path, read_only=True)
            dataset = cls(opened.store, base=base, source=str(path), closer=opened, union=False)
        except ImportError:  # pragma: no cover - the stores package is optional here
            if not path.is_dir():
                raise StoreError(f"No store at {path}.", hint="create one with diplokg build --store DIR.") from None
            dataset = cls(Store.read_only(str(path)), base=base, source=str(path), union=False)
        dataset.store_path = str(path)
        return dataset

    def disk_path(self) -> str:
        """A directory holding this dataset as an on-disk store that other processes can open
        read-only: the store itself, or (for a graph in memory) a temporary copy, made once and
        removed by :meth:`close`."""
        with self._lock:
            if self.store_path is None:
                self._copy = tempfile.TemporaryDirectory(prefix="diplokg-serve-")
                copy = Store(self._copy.name)
                copy.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
                copy.flush()
                del copy  # closes it: the workers open it read-only
                self.store_path = self._copy.name
            return self.store_path

    def drop_disk_copy(self) -> None:
        """Remove the temporary copy :meth:`disk_path` made (a later call makes a new one)."""
        with self._lock:
            if self._copy is not None:
                self._copy.cleanup()
                self._copy = None
                self.store_path = None

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()
            self._closer = None
        self.drop_disk_copy()

    # -- reading -------------------------------------------------------------------------------

    def _query(self, text: str, substitutions: dict[str, Any] | None = None) -> Any:
        subs = {Variable(k): v for k, v in (substitutions or {}).items()}
        return self.store.query(text, use_default_graph_as_union=self.union, substitutions=subs or None)

    def describe(self, iri: str) -> list[Triple]:
        """The description of ``iri`` (see ``describe.rq``); empty when the graph does not know it."""
        node = NamedNode(iri)
        return sorted({faithful(t) for t in self._query(publish_query("describe"), {"resource": node})},
                      key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))

    def knows(self, iri: str) -> bool:
        """True when ``iri`` is the subject of some triple."""
        return next(iter(self.store.quads_for_pattern(NamedNode(iri), None, None, None)), None) is not None

    def select(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the packaged query ``name`` (terms, ``None`` where unbound).

        String parameters become plain literals; IRIs must be given as :class:`NamedNode`.
        """
        subs = {k: (Literal(v) if isinstance(v, str) else v) for k, v in params.items()}
        solutions = self._query(publish_query(name), subs)
        variables = [v.value for v in solutions.variables]
        return [{v: s[v] for v in variables} for s in solutions]

    def text_of(self, article: str) -> str:
        """The ``nif:isString`` of an article ('' when it has none)."""
        if article not in self._texts:
            text = ""
            for quad in self.store.quads_for_pattern(
                NamedNode(article),
                NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"), None, None):
                text = quad.object.value
                break
            with self._lock:
                if len(self._texts) > 256:
                    self._texts.clear()
                self._texts[article] = text
        return self._texts[article]

    def dump(self, media_type: str) -> bytes:
        """The whole graph: ``application/n-quads`` keeps the named graphs; Turtle and N-Triples
        are the union of the graphs. Computed once (the store is read-only)."""
        with self._lock:
            if media_type not in self._dumps:
                if media_type == "application/n-quads":
                    # A store's default graph is its union copy: the dump keeps the named graphs.
                    quads = (Quad(*faithful(q.triple), q.graph_name) for q in self.store.quads_for_pattern(None, None, None, None)
                             if self.union or not isinstance(q.graph_name, DefaultGraph))
                    self._dumps[media_type] = serialize(quads, format=RdfFormat.N_QUADS) or b""
                else:
                    triples = {faithful(q.triple) for q in self.store.quads_for_pattern(None, None, None, None)}
                    self._dumps[media_type] = serialize_triples(triples, media_type)
            return self._dumps[media_type]

    # -- client queries ------------------------------------------------------------------------

    def execute(self, text: str, *, deadline: float | None = None, max_rows: int = 10_000,
                default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> SparqlResult:
        """Run a client's query, cut off at ``deadline`` (``time.monotonic()``) or past ``max_rows``.

        The dataset is the query's own ``FROM``/``FROM NAMED`` graphs when it names some, and
        ``default_graphs``/``named_graphs`` (the protocol's ``default-graph-uri`` and
        ``named-graph-uri``) override both; otherwise the default graph is the union of the graphs
        (a store's union copy) and every named graph (the article graphs) can be queried.
        :data:`UNION_GRAPH` as a default graph names that union.

        Raises :class:`QueryError` (syntax), :class:`QueryTimeout`, :class:`ResultTooLarge`.
        Evaluation is lazy in pyoxigraph, so the deadline is checked between solutions; a query
        that computes everything before its first solution (ORDER BY over a huge join) is
        stopped by the server killing its worker process (see :mod:`diplokg.publish.workers`).
        """
        kwargs: dict[str, Any] = {}
        if default_graphs or named_graphs:
            if default_graphs and UNION_GRAPH in default_graphs:
                if self.union:
                    kwargs["use_default_graph_as_union"] = True  # the union holds every graph
                else:
                    kwargs["default_graph"] = [DefaultGraph() if g == UNION_GRAPH else NamedNode(g) for g in default_graphs]
            else:
                # Only named graphs given: the default graph is empty (SPARQL 1.1 Protocol 2.1.4).
                kwargs["default_graph"] = [NamedNode(g) for g in default_graphs or []]
            if named_graphs:
                kwargs["named_graphs"] = [NamedNode(g) for g in named_graphs]
        elif not has_dataset_clause(text):
            kwargs["use_default_graph_as_union"] = self.union
        # else: Oxigraph reads the query's FROM clauses (the union flag would silently replace them)
        try:
            answer = self.store.query(text, **kwargs)
        except SyntaxError as err:
            if looks_like_update(text):
                raise QueryRefused("SPARQL Update is not accepted: this endpoint is read-only.",
                                   hint="send a query (SELECT, ASK, CONSTRUCT or DESCRIBE).") from err
            raise QueryError(f"The query is not valid SPARQL 1.1: {err}", hint="check the line and column named.") from err
        except (OSError, ValueError) as err:
            raise QueryError(f"The query failed: {err}") from err

        def check(count: int) -> None:
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeout("The query ran past the time limit and was stopped.",
                                   hint="add a LIMIT, narrow the patterns, or run it on a local copy of the dumps.")
            if count > max_rows:
                raise ResultTooLarge(f"The result has more than {max_rows} rows and was cut off.",
                                     hint=f"add LIMIT {max_rows} (and OFFSET to page), or download the dumps.")

        try:
            if isinstance(answer, QueryBoolean):
                check(0)
                return SparqlResult("ask", boolean=bool(answer))
            if isinstance(answer, QuerySolutions):
                variables = [v.value for v in answer.variables]
                rows = []
                for solution in answer:
                    rows.append(tuple(solution[v] for v in variables))
                    check(len(rows))
                check(len(rows))
                return SparqlResult("select", variables=variables, rows=rows)
            triples = []
            for triple in answer:
                triples.append(triple)
                check(len(triples))
            check(len(triples))
            return SparqlResult("graph", triples=triples)
        except (OSError, ValueError) as err:
            raise QueryError(f"The query failed while running: {err}") from err
        finally:
            # pyoxigraph results may only be dropped by the thread that made them; an exception
            # carried to another thread would otherwise keep this frame's reference alive.
            del answer


def term_kind(term: Any) -> str:
    """``uri``, ``bnode`` or ``literal``."""
    if isinstance(term, NamedNode):
        return "uri"
    if isinstance(term, BlankNode):
        return "bnode"
    return "literal"
