"""A remote SPARQL 1.1 triple store (Oxigraph server, Virtuoso, Fuseki, GraphDB, ...).

Writes use the SPARQL 1.1 Graph Store HTTP Protocol (one named graph per article, uploaded in
bounded chunks), or SPARQL 1.1 Update (``INSERT DATA`` batches of at most 1,000 triples, what
Virtuoso accepts) for a store without the protocol, or when the protocol's URL answers 404, 405
or 501. Queries go through SPARQLWrapper.

Replacing a graph never leaves it lost or half-replaced: a graph that fits one update is
replaced by a single ``DROP`` + ``INSERT DATA`` request (one transaction on the server); a larger
one is uploaded to a staging graph (``urn:diplokg:staging:...``) first and switched into place
with one ``MOVE``. If the store goes down during an upload, the article's old graph is
untouched; the staging graph is dropped when the store still answers, else by the next load of
that article (until then a union query sees it: run the load again).

Every option lives in one frozen :class:`RemoteOptions`, checked when it is made (a URL that is
not http(s), a timeout that is not positive: :class:`~diplokg.errors.ConfigError`) and built once
by the CLI from its options and the environment. Credentials come from ``user``/``password`` or the
``DIPLOKG_USER``/``DIPLOKG_PASSWORD`` environment variables; they are sent only on the server's challenge (HTTP Basic or Digest) and
never appear in messages. Timeouts are per request; connection failures and 502/503/504 answers
are retried ``retries`` times with a growing pause, then reported as one :class:`StoreError`.

Beside the article graphs the store keeps one deduplicated copy of all their triples in the named
graph ``urn:diplokg:union`` (kept exact by every write, in the same request; see
:mod:`diplokg.stores`), and :meth:`RemoteStore.query` names it as the query's default graph with
the protocol's ``default-graph-uri`` parameter, the same on Oxigraph, Virtuoso or any SPARQL 1.1
server. Start Oxigraph *without* ``--union-default-graph`` (it is not needed, and a union of the
per-article graphs repeats every shared triple once per article).
"""

from __future__ import annotations

import json
import dataclasses
import math
import os
import re
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urlsplit, urlunsplit
from urllib.request import (
    HTTPBasicAuthHandler,
    HTTPDigestAuthHandler,
    HTTPPasswordMgrWithDefaultRealm,
    OpenerDirector,
    Request,
    build_opener,
)

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple

from ..errors import ConfigError, StoreError
from ..rdf.select import QueryResult
from ..rdf.iris import DEFAULT_BASE, UNION_GRAPH, Minter, base_of, is_internal_graph, is_kb_graph, staging_graph
from .base import (
    GraphSource,
    LoadReport,
    article_graph,
    as_triples,
    check_source,
    graph_update,
    Identity,
    insert_data,
    loaded_graphs,
    link_update,
    ntriples_lines,
    register_store,
    union_pattern,
    update_text,
)

__all__ = ["RemoteOptions", "RemoteStore", "guess_endpoints"]

#: Triples per SPARQL Update request (Virtuoso fails from ~2,000 on).
UPDATE_CHUNK = 1000
#: Triples per Graph Store Protocol request (Virtuoso turns super-linear above ~100k).
GSP_CHUNK = 10_000
_NO_PROTOCOL = {404, 405, 406, 415, 501}
_RETRY_STATUS = {502, 503, 504}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def guess_endpoints(endpoint: str) -> tuple[str, str | None]:
    """(update URL, Graph Store Protocol URL or None) that usually sit beside a query ``endpoint``.

    >>> guess_endpoints("http://127.0.0.1:7878/query")   # Oxigraph server
    ('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
    >>> guess_endpoints("http://127.0.0.1:8890/sparql")  # Virtuoso
    ('http://127.0.0.1:8890/sparql', 'http://127.0.0.1:8890/sparql-graph-crud')
    >>> guess_endpoints("http://127.0.0.1:3030/ds/sparql")  # Fuseki
    ('http://127.0.0.1:3030/ds/update', 'http://127.0.0.1:3030/ds/data')
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, "", ""))

    head, _, last = path.rpartition("/")
    if last == "query":
        return at(f"{head}/update"), at(f"{head}/store")
    if last == "sparql-auth":
        return endpoint, at(f"{head}/sparql-graph-crud-auth")
    if last == "sparql" and head == "":
        return endpoint, at("/sparql-graph-crud")
    if last == "sparql":  # Fuseki: /dataset/sparql, /dataset/update, /dataset/data
        return at(f"{head}/update"), at(f"{head}/data")
    return endpoint, None


def _safe_url(url: str) -> str:
    """``url`` without any user:password@ part, for messages."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


_PROTOCOLS = ("auto", "gsp", "update")
_EXAMPLE_URLS = {
    "--endpoint": "http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso)",
    "--update-endpoint": "http://127.0.0.1:7878/update (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso)",
    "--graph-store": "http://127.0.0.1:7878/store (Oxigraph) or http://127.0.0.1:8890/sparql-graph-crud (Virtuoso)",
}
_AUTH_SCHEMES = ("basic", "digest")


def _check_url(option: str, url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a port that is not a number, an unclosed [IPv6 bracket
        valid = False
    if not valid or any(c.isspace() for c in url):
        raise ConfigError(f"{option} {_safe_url(url)!r} is not an http(s) URL.",
                          hint=f"give {option} a URL such as {_EXAMPLE_URLS[option]}.", code="E420")


@dataclass(frozen=True)
class RemoteOptions:
    """Everything :class:`RemoteStore` needs to reach a server, checked once when it is made.

    ``endpoint`` is the SPARQL query URL; ``update_endpoint`` and ``graph_store`` default to its
    usual neighbours (:func:`guess_endpoints`, filled in by :meth:`resolved`). ``protocol`` is
    ``"auto"`` (the Graph Store Protocol, falling back to SPARQL Update where it is missing),
    ``"gsp"`` or ``"update"``; ``auth`` is ``"basic"`` or ``"digest"``. ``user`` and ``password``
    left out are read from ``DIPLOKG_USER`` and ``DIPLOKG_PASSWORD``; the password never shows in
    ``repr``. ``timeout`` is seconds per request, ``retries`` the further tries of a request that
    could not reach the store; ``chunk`` and ``update_chunk`` are triples per Graph Store Protocol
    and per SPARQL Update request (the latter at most :data:`UPDATE_CHUNK`), ``workers`` the
    requests a bulk load keeps in flight.

    >>> options = RemoteOptions("http://127.0.0.1:7878/query", user="ana", password="s3cret", timeout=5)
    >>> options.resolved().update_endpoint, options.resolved().graph_store
    ('http://127.0.0.1:7878/update', 'http://127.0.0.1:7878/store')
    >>> "s3cret" in repr(options)
    False
    >>> RemoteOptions("http://127.0.0.1:7878/query", timeout=-1)
    Traceback (most recent call last):
    ...
    diplokg.errors.ConfigError: [E421] --timeout -1 is not a positive number of seconds. Fix: give --timeout a number above 0, such as 60.
    >>> RemoteOptions("127.0.0.1:7878/query")
    Traceback (most recent call last):
    ...
    diplokg.errors.ConfigError: [E420] --endpoint '127.0.0.1:7878/query' is not an http(s) URL. Fix: ...
    """

    endpoint: str
    update_endpoint: str | None = None
    graph_store: str | None = None
    protocol: str = "auto"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "basic"
    timeout: float = 60.0
    retries: int = 2
    chunk: int = GSP_CHUNK
    update_chunk: int = UPDATE_CHUNK
    workers: int = 4

    def __post_init__(self) -> None:
        _check_url("--endpoint", self.endpoint)
        for option, url in (("--update-endpoint", self.update_endpoint), ("--graph-store", self.graph_store)):
            if url is not None:
                _check_url(option, url)
        if self.protocol not in _PROTOCOLS:
            raise ConfigError(f"--protocol {self.protocol!r} is not a protocol diplokg speaks.",
                              hint="use auto, gsp or update.", code="E422")
        if self.auth not in _AUTH_SCHEMES:
            raise ConfigError(f"--auth {self.auth!r} is not an authentication scheme diplokg speaks.",
                              hint="use basic or digest.", code="E422")
        if isinstance(self.timeout, bool) or not isinstance(self.timeout, (int, float)) or not (
                math.isfinite(self.timeout) and self.timeout > 0):
            raise ConfigError(f"--timeout {self.timeout!r} is not a positive number of seconds.",
                              hint="give --timeout a number above 0, such as 60.", code="E421")
        for option, value, least in (("--retries", self.retries, 0), ("chunk", self.chunk, 1),
                                     ("update_chunk", self.update_chunk, 1), ("workers", self.workers, 1)):
            if isinstance(value, bool) or not isinstance(value, int) or value < least:
                raise ConfigError(f"{option} {value!r} is not a whole number of at least {least}.",
                                  hint=f"give {option} {least} or more.", code="E421")
        # Credentials left out come from the environment, read once, here.
        if self.user is None:
            object.__setattr__(self, "user", os.environ.get("DIPLOKG_USER"))
        if self.password is None:
            object.__setattr__(self, "password", os.environ.get("DIPLOKG_PASSWORD"))

    def resolved(self) -> RemoteOptions:
        """These options with the update and Graph Store Protocol URLs filled in (guessed from
        ``endpoint`` where not given; no protocol URL with ``protocol="update"``)."""
        guessed_update, guessed_gsp = guess_endpoints(self.endpoint)
        graph_store = None if self.protocol == "update" else (self.graph_store or guessed_gsp)
        if self.protocol == "gsp" and graph_store is None:
            raise ConfigError(f"No Graph Store Protocol URL for {_safe_url(self.endpoint)}.",
                              hint="give --graph-store URL, or use --protocol update.", code="E422")
        return dataclasses.replace(self, update_endpoint=self.update_endpoint or guessed_update, graph_store=graph_store)

    @property
    def where(self) -> str:
        """The query URL without credentials, for messages."""
        return _safe_url(self.endpoint)


class _HTTPFailure(Exception):
    def __init__(self, status: int, body: str, url: str) -> None:
        super().__init__(status)
        self.status, self.body, self.url = status, body, url


def _term(binding: dict[str, str]) -> NamedNode | BlankNode | Literal:
    kind = binding.get("type")
    if kind == "uri":
        return NamedNode(binding["value"])
    if kind == "bnode":
        # Virtuoso labels blank nodes "nodeID://b10001", not a valid blank node label.
        return BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", binding["value"]))
    if "xml:lang" in binding:
        return Literal(binding["value"], language=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype and datatype not in (_XSD_STRING, _RDF_LANG_STRING):
        return Literal(binding["value"], datatype=NamedNode(datatype))
    return Literal(binding["value"])


@register_store("remote")
class RemoteStore:
    """A SPARQL 1.1 server, reached as its :class:`RemoteOptions` say.

    ``RemoteStore(options=RemoteOptions(...))`` (what ``open_store("remote", options=...)`` and
    the CLI do), or ``RemoteStore(endpoint, **fields)`` with the fields of :class:`RemoteOptions`
    (``RemoteStore(options=o, timeout=5)`` overrides one field of ``o``). ``auth`` is used by
    SPARQLWrapper; writes answer whichever challenge the server sends.
    """

    name = "remote"

    def __init__(self, endpoint: str | None = None, *, options: RemoteOptions | None = None,
                 identity: Identity | None = None, **fields: Any) -> None:
        self.identity = identity
        if options is None:
            if endpoint is None:
                raise ConfigError("A remote store needs its SPARQL query URL.", hint="give --endpoint URL.", code="E420")
            options = RemoteOptions(endpoint, **fields)
        elif endpoint is not None or fields:
            options = dataclasses.replace(options, **({"endpoint": endpoint} if endpoint is not None else {}), **fields)
        self.options = options = options.resolved()
        self.endpoint = options.endpoint
        self.update_endpoint: str = options.update_endpoint  # type: ignore[assignment]  # resolved() fills it
        self.graph_store = options.graph_store  # set to None for good when the protocol turns out missing
        self.protocol = options.protocol
        self._user = options.user
        self._password = options.password
        self.auth = options.auth
        self.timeout = options.timeout
        self.retries = options.retries
        self.chunk = options.chunk
        self.update_chunk = min(options.update_chunk, UPDATE_CHUNK)
        self.workers = options.workers
        self._opener = self._make_opener()

    def __repr__(self) -> str:  # never shows the credentials
        return f"RemoteStore({_safe_url(self.endpoint)!r}, user={'set' if self._user else None})"

    # -- HTTP -------------------------------------------------------------------------------

    def _make_opener(self) -> OpenerDirector:
        if not self._user:
            return build_opener()
        manager = HTTPPasswordMgrWithDefaultRealm()
        for url in {self.endpoint, self.update_endpoint, self.graph_store}:
            if url:
                parts = urlsplit(url)
                manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", self._user, self._password or "")
        return build_opener(HTTPBasicAuthHandler(manager), HTTPDigestAuthHandler(manager))

    def _send(self, method: str, url: str, body: bytes | None, content_type: str | None, accept: str = "*/*") -> bytes:
        headers = {"Accept": accept, "User-Agent": "diplokg"}
        if content_type:
            headers["Content-Type"] = content_type
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(0.5 * 2 ** (attempt - 1), 4.0))
            request = Request(url, data=body, method=method, headers=headers)
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return response.read()
            except HTTPError as err:
                text = err.read()[:600].decode("utf-8", "replace").strip()
                if err.code in _RETRY_STATUS:
                    reason = f"HTTP {err.code}"
                    continue
                raise _HTTPFailure(err.code, text, url) from None
            except (URLError, ConnectionError, socket.timeout, TimeoutError) as err:
                cause = getattr(err, "reason", err)
                reason = "timed out" if isinstance(cause, (socket.timeout, TimeoutError)) else str(cause)
                continue
        tries = self.retries + 1
        raise StoreError(
            f"Cannot reach the triple store at {_safe_url(url)}: {reason} ({tries} {'try' if tries == 1 else 'tries'}).",
            hint="start the store or check the URL; nothing was changed by this step.",
        )

    def _failure(self, err: _HTTPFailure, what: str) -> StoreError:
        url = _safe_url(err.url)
        if err.status in (401, 403):
            return StoreError(
                f"The triple store at {url} refused to {what} (HTTP {err.status}).",
                hint="give --user and --password (or DIPLOKG_USER and DIPLOKG_PASSWORD) for an account "
                "allowed to write; on Virtuoso grant SPARQL_UPDATE to that account.",
            )
        detail = " ".join(err.body.split())[:300]
        return StoreError(f"The triple store at {url} could not {what} (HTTP {err.status}): {detail}")

    def _update(self, text: str, what: str = "apply an update") -> None:
        body = urlencode({"update": text}).encode()
        try:
            self._send("POST", self.update_endpoint, body, "application/x-www-form-urlencoded")
        except _HTTPFailure as err:
            raise self._failure(err, what) from None

    def _gsp(self, method: str, graph: NamedNode, triples: list[Triple]) -> None:
        assert self.graph_store is not None
        url = f"{self.graph_store}?graph={quote(graph.value, safe='')}"
        self._send(method, url, ntriples_lines(triples).encode() + b"\n", "text/turtle")

    # -- reading ----------------------------------------------------------------------------

    def _select(self, text: str, *, default_graph: NamedNode | None = None) -> dict:
        from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SELECT, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        client = SPARQLWrapper(self.endpoint, agent="diplokg")
        client.setQuery(text)
        # SPARQLWrapper guesses the kind of request from keywords, and a comment such as "add
        # VALUES ..." reads as an ADD update; diplokg sends SELECTs only.
        client.queryType = SELECT
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        if default_graph is not None:
            client.addDefaultGraph(default_graph.value)
        client.setTimeout(int(self.timeout))
        if self._user:
            client.setHTTPAuth(DIGEST if self.auth == "digest" else BASIC)
            client.setCredentials(self._user, self._password or "")
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(0.5 * 2 ** (attempt - 1), 4.0))
            try:
                return json.loads(client.query().response.read())
            except HTTPError as err:
                if err.code in _RETRY_STATUS:
                    reason = f"HTTP {err.code}"
                    continue
                raise self._failure(_HTTPFailure(err.code, err.read().decode("utf-8", "replace"), self.endpoint), "answer the query") from None
            except SPARQLWrapperException as err:
                message = " ".join(str(err).split())[:400]
                if "Unauthorized" in type(err).__name__:
                    raise self._failure(_HTTPFailure(401, "", self.endpoint), "answer the query") from None
                raise StoreError(f"The triple store at {_safe_url(self.endpoint)} rejected the query: {message}") from None
            except (URLError, ConnectionError, socket.timeout, TimeoutError) as err:
                cause = getattr(err, "reason", err)
                reason = "timed out" if isinstance(cause, (socket.timeout, TimeoutError)) else str(cause)
            except json.JSONDecodeError as err:
                raise StoreError(f"The triple store at {_safe_url(self.endpoint)} did not answer with SPARQL JSON results: {err}") from None
        tries = self.retries + 1
        raise StoreError(
            f"Cannot reach the triple store at {_safe_url(self.endpoint)}: {reason} ({tries} {'try' if tries == 1 else 'tries'}).",
            hint="start the store or check --endpoint.",
        )

    def query(self, text: str, *, union: bool = True) -> QueryResult:
        """Run a SELECT on the server; literals come back as their lexical form, like the embedded store.

        The query's default graph is the union copy ``urn:diplokg:union``; ``union=False`` leaves
        the dataset to the server (for queries that name their graphs).
        """
        document = self._select(text, default_graph=UNION_GRAPH if union else None)
        variables = list(document.get("head", {}).get("vars", []))
        rows: list[dict[str, str | None]] = []
        bindings: list[dict[str, dict[str, str]]] = []
        for solution in document.get("results", {}).get("bindings", []):
            row: dict[str, str | None] = {}
            binding: dict[str, dict[str, str]] = {}
            for name in variables:
                value = solution.get(name)
                if value is None:
                    row[name] = None
                    continue
                kind = "literal" if value.get("type") == "typed-literal" else value.get("type", "literal")
                row[name] = f"_:{value['value']}" if kind == "bnode" else value["value"]
                binding[name] = {**{k: v for k, v in value.items() if k != "type"}, "type": kind}
            rows.append(row)
            bindings.append(binding)
        return QueryResult(variables=variables, rows=rows, bindings=bindings)

    def graphs(self) -> list[NamedNode]:
        """Named graphs on the server, sorted by IRI."""
        result = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = [b["g"]["value"] for b in result["results"]["bindings"] if b.get("g", {}).get("type") == "uri"]
        return [NamedNode(g) for g in sorted(names)]

    def triples_in(self, graph: NamedNode | str) -> set[Triple]:
        """The triples of one named graph."""
        node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
        result = self._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{node.value}> {{ ?s ?p ?o }} }}")
        return {Triple(_term(b["s"]), _term(b["p"]), _term(b["o"])) for b in result["results"]["bindings"]}  # type: ignore[arg-type]

    def iter_graphs(self) -> Iterator[tuple[NamedNode, list[Triple]]]:
        """(graph, triples) of every article, kb and identity graph (not diplokg's own graphs)."""
        for graph in self.graphs():
            if not is_internal_graph(graph):
                yield graph, sorted(self.triples_in(graph), key=str)

    def default_triples(self) -> set[Triple]:
        """The triples of the union copy."""
        return self.triples_in(UNION_GRAPH)

    def refresh_identity(self, base: str = DEFAULT_BASE) -> int:
        """Recompute the identity graph ``{base}graph/-/identity`` from what the article graphs
        describe (see :mod:`diplokg.stores`); returns its number of triples (0, changing nothing,
        for a store opened without an ``identity`` function)."""
        if self.identity is None:
            return 0
        graph = Minter(base).identity_graph()
        links = self.identity(lambda text: self.query(text, union=False), base)
        if set(links) != self.triples_in(graph):
            self._update(graph_update("replace-graph", graph, UNION_GRAPH, insert=insert_data(graph, links)),
                         f"store graph <{graph.value}>")
        return len(links)

    def optimize(self) -> None:
        """Nothing to do: a server compacts its own storage."""

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    def _gsp_upload(self, graph: NamedNode, triples: list[Triple], method: str = "POST") -> bool:
        """Upload with the Graph Store Protocol in chunks; False when the server has no protocol."""
        for i in range(0, len(triples), self.chunk):
            try:
                self._gsp(method if i == 0 else "POST", graph, triples[i : i + self.chunk])
            except _HTTPFailure as err:
                if i == 0 and self.protocol == "auto" and err.status in _NO_PROTOCOL:
                    self.graph_store = None  # fall back to Update for good
                    return False
                raise self._failure(err, f"store graph <{graph.value}>") from None
        return True

    def _insert_chunks(self, graph: NamedNode, triples: list[Triple]) -> None:
        for i in range(0, len(triples), self.update_chunk):
            self._update(insert_data(graph, triples[i : i + self.update_chunk]), f"store graph <{graph.value}>")

    def _write_with_update(self, graph: NamedNode, triples: list[Triple]) -> None:
        """Replace ``graph`` by ``triples`` with Update requests: the first clears it (the union
        copy is not touched: for staging graphs, and for :meth:`bulk_load`, which links after)."""
        first = triples[: self.update_chunk]
        self._update(f"DROP SILENT GRAPH <{graph.value}> ;\n{insert_data(graph, first)}", f"store graph <{graph.value}>")
        self._insert_chunks(graph, triples[self.update_chunk :])

    def _replace_small(self, node: NamedNode, items: list[Triple]) -> None:
        self._update(graph_update("replace-graph", node, UNION_GRAPH, insert=insert_data(node, items)), f"replace graph <{node.value}>")

    def _merge_kb(self, graph: NamedNode, triples: list[Triple]) -> None:
        by_subject: dict[str, list[Triple]] = {}
        for t in triples:
            by_subject.setdefault(str(t.subject), []).append(t)
        batch: list[str] = []
        size = 0

        def flush() -> None:
            nonlocal size
            if batch:
                chosen = [t for s in batch for t in by_subject[s]]
                text = update_text("merge-kb", kb=graph.value, entities=" ".join(batch), insert=insert_data(graph, chosen),
                                   union=union_pattern(UNION_GRAPH))
                self._update(text, "merge the knowledge-base aliases")
                batch.clear()
                size = 0

        for subject, items in by_subject.items():
            if size and size + len(items) > self.update_chunk:
                flush()
            batch.append(subject)
            size += len(items)
        flush()

    def replace_article(self, graph: NamedNode | str, triples: Iterable[Triple | Quad]) -> int:
        """Replace one named graph on the server without ever exposing a half-written one.

        The knowledge-base graph is merged entity by entity instead (see :mod:`diplokg.stores`).
        """
        node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
        items = as_triples(triples)
        if is_kb_graph(node):
            if items:
                self._merge_kb(node, items)
            return len(items)
        if not items or (self.graph_store is None and len(items) <= self.update_chunk):
            self._replace_small(node, items)
            return len(items)
        # One staging graph per target: a load that died before its switch leaves at most one
        # copy behind, and loading that article again clears it (PUT / DROP first).
        staging = staging_graph(node)
        try:
            if self.graph_store is None or not self._gsp_upload(staging, items, "PUT"):
                if len(items) <= self.update_chunk:  # the protocol just turned out missing
                    self._replace_small(node, items)
                    return len(items)
                self._write_with_update(staging, items)
            self._update(graph_update("move-graph", node, UNION_GRAPH, staging=staging.value), f"switch graph <{node.value}> into place")
        except BaseException:
            try:
                self._update(f"DROP SILENT GRAPH <{staging.value}>")
            except (StoreError, _HTTPFailure):
                pass  # the store is gone; the next load of this article clears the staging graph
            raise
        return len(items)

    def _append(self, graph: NamedNode, triples: list[Triple]) -> None:
        if self.graph_store is None or not self._gsp_upload(graph, triples, "POST"):
            self._insert_chunks(graph, triples)
        self._update(link_update(graph, UNION_GRAPH), f"store graph <{graph.value}>")

    def remove_article(self, doc_id: str, *, base: str = DEFAULT_BASE) -> int:
        """Remove article ``doc_id``'s graph and the aliases of entities only it described."""
        graph = article_graph(doc_id, base=base)
        result = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
        bindings = result["results"]["bindings"]
        count = int(bindings[0]["n"]["value"]) if bindings and "n" in bindings[0] else 0
        if not count:
            raise StoreError(
                f"The triple store at {_safe_url(self.endpoint)} has no article {doc_id!r} (graph <{graph.value}>).",
                hint="check the id (the JSONL id or the file stem) and --base.",
            )
        minter = Minter(base_of(graph) or base)
        self._update(graph_update("remove-article", graph, UNION_GRAPH, kb=minter.kb_graph().value,
                                  identity=minter.identity_graph().value), f"remove article {doc_id!r}")
        self.refresh_identity(minter.base)
        return count

    def load(self, source: GraphSource) -> LoadReport:
        """Replace, graph by graph, every graph of ``source`` (file, build dir or store).

        A source file is parsed once first, so a bad file changes nothing; each graph is then
        replaced whole (see :meth:`replace_article`). If the store fails midway, the graphs
        already replaced hold the new version, the others the old one, and none is mixed.
        """
        start = time.perf_counter()
        check_source(source)
        report = LoadReport(method="gsp" if self.graph_store else "update")
        seen: set[NamedNode] = set()
        bases: set[str] = set()
        for graph, triples in loaded_graphs(source, report, bases, keep_identity=self.identity is None):
            if graph in seen and not is_kb_graph(graph):
                self._append(graph, triples)
            else:
                self.replace_article(graph, triples)
            seen.add(graph)
        for base in sorted(bases):
            self.refresh_identity(base)
        report.method = "gsp" if self.graph_store else "update"
        report.seconds = time.perf_counter() - start
        return report

    def bulk_load(self, source: GraphSource) -> LoadReport:
        """Write every graph of ``source`` straight into place, ``workers`` requests at a time.

        Fastest, for a fresh store; not atomic: a failure leaves the graphs written so far (each
        graph is cleared by its first request, so loading again repairs it). The union copy grows
        by the deduplicated triples of many article graphs at a time (one Graph Store Protocol
        POST per ``chunk`` triples, or INSERT DATA updates), not by one update per graph.
        """
        start = time.perf_counter()
        report = LoadReport(method="gsp" if self.graph_store else "update")
        kb: dict[NamedNode, list[Triple]] = {}
        bases: set[str] = set()
        pending_union: dict[Triple, None] = {}

        def write(graph: NamedNode, triples: list[Triple]) -> None:
            if self.graph_store is None or not self._gsp_upload(graph, triples, "PUT"):
                self._write_with_update(graph, triples)

        def link(triples: list[Triple]) -> None:
            """Add triples to the union copy (from the client's copy, so that it does not matter
            whether their article graphs are written yet)."""
            if self.graph_store is None or not self._gsp_upload(UNION_GRAPH, triples, "POST"):
                self._insert_chunks(UNION_GRAPH, triples)

        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            running: set[Future] = set()

            def submit(task, *args) -> None:
                nonlocal running
                running.add(pool.submit(task, *args))
                if len(running) >= 2 * self.workers:
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        future.result()

            def flush_union() -> None:
                if pending_union:
                    submit(link, list(pending_union))
                    pending_union.clear()

            for graph, triples in loaded_graphs(source, report, bases, keep_identity=self.identity is None):
                if is_kb_graph(graph):
                    kb.setdefault(graph, []).extend(triples)
                    continue
                submit(write, graph, triples)
                pending_union.update(dict.fromkeys(triples))
                if len(pending_union) >= self.chunk:
                    flush_union()
            flush_union()
            for future in running:
                future.result()
        for graph, triples in kb.items():
            self._merge_kb(graph, triples)
        for base in sorted(bases):
            self.refresh_identity(base)
        report.method = "gsp" if self.graph_store else "update"
        report.seconds = time.perf_counter() - start
        return report
