"""The read-only linked-data server (Starlette; run it with uvicorn).

Routes (see :mod:`diplokg.publish.urls` for the layout):

- ``GET {base path}{rest}``: ``303 See Other`` to ``/doc/{rest}.{ext}``, the format chosen by
  ``Accept`` (HTML, Turtle, JSON-LD, N-Triples); ``404`` when the graph does not describe it;
- ``GET /doc/{rest}`` (negotiated) and ``/doc/{rest}.{ttl,jsonld,nt,html}``;
- ``GET|POST /sparql``: SPARQL 1.1 Protocol, results JSON/XML/CSV/TSV (and HTML for the form),
  CONSTRUCT/DESCRIBE as Turtle/N-Triples/JSON-LD; updates ``403``; time limit ``503``; too
  many rows ``400``; query text too long ``413``; SERVICE ``403``; ``OPTIONS`` lists the methods.
  Queries run in worker processes (:mod:`diplokg.publish.workers`) killed at the time limit or
  past the memory cap, so no query outlives its ``503``;
- ``GET /queries`` (the bundled queries and their parameters, JSON) and ``GET /queries/{name}``
  (one run with its parameters from the query string, answered like ``/sparql``);
- ``GET /void``, ``/.well-known/void`` (VoID + DCAT), ``/ontology`` (and the ontology IRI's
  path; Turtle or HTML), ``/dumps/graph.{ttl,nt,nq}``, ``/`` (index, ``?q=`` searches names),
  ``/static/style.css``.

Nothing writes: the dataset is opened read-only (or is an in-memory copy of a file, which the
query workers read from a temporary on-disk copy), every
route but ``/sparql`` answers only GET/HEAD, and ``/sparql`` runs queries only. No route maps a
request path onto the file system.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import parse_qs

from pyoxigraph import NamedNode
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import bundled_queries, prepare_query
from ..errors import QueryError
from ..rdf.formats import DESCRIPTIONS, FORMATS
from .conneg import BadAccept, choose
from .dataset import (
    Dataset,
    QueryRefused,
    QueryTimeout,
    ResultTooLarge,
    ServerBusy,
    SparqlLimits,
    check_query_text,
    serialize_triples,
)
from .ontodoc import content_security_policy
from .pages import Pages, asset, ontology_turtle
from .results import BOOLEAN_TYPES, FORMAT_NAMES, RESULT_TYPES
from .urls import SUFFIXES, BadPath, UrlMap, check_rest
from .void import DUMPS, VoidOptions, void_triples
from .workers import QueryJob, QueryOutOfMemory, QueryPool, WorkerFailed

__all__ = ["ServerOptions", "create_app"]

DOC_TYPES = ["text/html", *(FORMATS[name].media_type for name in DESCRIPTIONS)]
# Aliases clients send for the same formats.
_ALIASES = {"application/xhtml+xml": "text/html", "application/json": "application/ld+json",
            "text/plain": "application/n-triples", "application/x-turtle": "text/turtle"}
_EXT = {media: ext for ext, media in SUFFIXES.items()}
#: The VoID description: Turtle first (it is read by machines), then as a resource's description.
_VOID_TYPES = [FORMATS["turtle"].media_type, "text/html", *(FORMATS[name].media_type for name in DESCRIPTIONS[1:])]
#: Server preference for CONSTRUCT/DESCRIBE results.
GRAPH_TYPES = [FORMATS[name].media_type for name in ("turtle", "ntriples", "jsonld")]
#: Result kind -> the media types offered for it.
_OFFERED = {"select": RESULT_TYPES, "ask": BOOLEAN_TYPES, "graph": GRAPH_TYPES + ["text/html"]}
_SPARQL_METHODS = "GET, HEAD, POST, OPTIONS"
_SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
             "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"}


@dataclass(frozen=True)
class ServerOptions:
    site: str | None = None  # public URL of the server root; default: from the request
    limits: SparqlLimits = SparqlLimits()
    void: VoidOptions = VoidOptions()
    title: str = "diplokg"


def _negotiate(request: Request, offered: list[str]) -> str | None:
    """The chosen media type; raises BadAccept. Aliases map onto the offered canonical types."""
    header = request.headers.get("accept")
    expanded = list(offered)
    for alias, canonical in _ALIASES.items():
        if canonical in offered and alias not in expanded:
            expanded.append(alias)
    chosen = choose(header, expanded)
    return _ALIASES.get(chosen, chosen) if chosen else None


def create_app(dataset: Dataset, options: ServerOptions = ServerOptions()) -> Starlette:
    """The ASGI application publishing ``dataset``."""
    urls = UrlMap(dataset.base)
    pages = Pages(dataset, urls, title=options.title)
    limits = options.limits
    pool = QueryPool(dataset.disk_path, union=dataset.union, workers=limits.workers, memory_mib=limits.memory_mib)

    def site_of(request: Request) -> str:
        return (options.site or str(request.base_url)).rstrip("/")

    def error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        try:
            wants_html = _negotiate(request, ["text/plain", "text/html"]) == "text/html" and "text/html" in request.headers.get("accept", "")
        except BadAccept:
            wants_html = False
        if wants_html:
            return HTMLResponse(pages.error(status, message), status_code=status, headers={**_SECURITY, **(headers or {})})
        return PlainTextResponse(message + "\n", status_code=status, headers={**_SECURITY, **(headers or {})})

    def describe_response(request: Request, iri: str, media: str, negotiated: bool) -> Response:
        triples = dataset.describe(iri)
        if not triples:
            return error(request, 404, f"Nothing is known about <{iri}>.")
        headers = dict(_SECURITY)
        if negotiated:
            headers["Vary"] = "Accept"
            headers["Content-Location"] = urls.doc(iri, _EXT[media]) or ""
        if media == "text/html":
            return HTMLResponse(pages.resource(iri, triples) or "", headers=headers)
        body = serialize_triples(triples, media)
        return Response(body, media_type=media + ("; charset=utf-8" if media != "application/ld+json" else ""), headers=headers)

    # -- dereferencing -------------------------------------------------------------------------

    def resource(request: Request) -> Response:
        rest = request.path_params["rest"]
        try:
            check_rest(rest)
            media = _negotiate(request, DOC_TYPES)
        except BadPath as err:
            return error(request, 400, f"Bad resource path: {err}.")
        except BadAccept as err:
            return error(request, 400, f"Malformed Accept header: {err}.")
        if media is None:
            return error(request, 406, "None of the acceptable types is offered; ask for " + ", ".join(DOC_TYPES) + ".")
        iri = urls.iri(rest)
        try:
            known = dataset.knows(iri)
        except ValueError:
            return error(request, 400, "Not a valid IRI.")
        if not known:
            return error(request, 404, f"Nothing is known about <{iri}>.")
        target = urls.doc(iri, _EXT[media])
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})

    def document(request: Request) -> Response:
        rest = request.path_params["rest"]
        suffix_media = None
        for ext, media in SUFFIXES.items():
            if rest.endswith("." + ext):
                rest, suffix_media = rest[: -len(ext) - 1], media
                break
        try:
            check_rest(rest)
            media = suffix_media or _negotiate(request, DOC_TYPES)
        except BadPath as err:
            return error(request, 400, f"Bad document path: {err}.")
        except BadAccept as err:
            return error(request, 400, f"Malformed Accept header: {err}.")
        if media is None:
            return error(request, 406, "None of the acceptable types is offered; ask for " + ", ".join(DOC_TYPES) + ".")
        try:
            return describe_response(request, urls.iri(rest), media, negotiated=suffix_media is None)
        except ValueError:
            return error(request, 400, "Not a valid IRI.")

    # -- pages ---------------------------------------------------------------------------------

    def index(request: Request) -> Response:
        q = request.query_params.get("q")
        if q is not None and len(q) > 200:
            return error(request, 400, "Search text longer than 200 characters.")
        return HTMLResponse(pages.index(q.strip() if q else None), headers=_SECURITY)

    def static(request: Request) -> Response:
        try:
            body = asset(request.path_params["name"])
        except FileNotFoundError:
            return error(request, 404, "No such file.")
        return Response(body, media_type="text/css; charset=utf-8", headers={**_SECURITY, "Cache-Control": "max-age=3600"})

    def ontology(request: Request) -> Response:
        path = request.url.path
        media: str | None
        if path.endswith(".ttl"):
            media = "text/turtle"
        elif path.endswith(".html"):
            media = "text/html"
        else:
            try:
                media = _negotiate(request, ["text/html", "text/turtle"])
            except BadAccept as err:
                return error(request, 400, f"Malformed Accept header: {err}.")
        if media is None:
            return error(request, 406, "The ontology is offered as text/html and text/turtle.")
        headers = {**_SECURITY, "Vary": "Accept"}
        if media == "text/turtle":
            return Response(ontology_turtle(), media_type="text/turtle; charset=utf-8", headers=headers)
        page = pages.ontology()  # pyLODE's page: its inline <style> elements are allowed by hash
        headers["Content-Security-Policy"] = content_security_policy(page, _SECURITY["Content-Security-Policy"])
        return HTMLResponse(page, headers=headers)

    def void(request: Request) -> Response:
        path = request.url.path
        ext = next((e for e in SUFFIXES if path.endswith("." + e)), None)
        try:
            media = SUFFIXES[ext] if ext else _negotiate(request, _VOID_TYPES)
        except BadAccept as err:
            return error(request, 400, f"Malformed Accept header: {err}.")
        if media is None:
            return error(request, 406, "The VoID description is offered as Turtle, HTML, JSON-LD and N-Triples.")
        site = site_of(request)
        iri, triples = void_triples(dataset, urls, site, options.void)
        headers = {**_SECURITY, "Vary": "Accept", "Access-Control-Allow-Origin": "*"}
        if media == "text/html":
            alternates = [(f.label, f.media_type, f"/void.{f.suffix}") for f in map(FORMATS.get, DESCRIPTIONS)]
            return HTMLResponse(pages.generic(iri, triples, options.void.title, alternates), headers=headers)
        return Response(serialize_triples(triples, media), media_type=media, headers=headers)

    def dump(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in DUMPS:
            return error(request, 404, "No such dump; there are " + ", ".join(DUMPS) + ".")
        return Response(dataset.dump(DUMPS[name]), media_type=DUMPS[name],
                        headers={**_SECURITY, "Content-Disposition": f'attachment; filename="{name}"'})

    # -- SPARQL --------------------------------------------------------------------------------

    async def sparql(request: Request) -> Response:
        params: dict[str, list[str]]
        query: str | None = None
        fmt_param = None
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > limits.max_query_chars * 4):
                return error(request, 413, f"Request body larger than {limits.max_query_chars * 4} bytes.")
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > limits.max_query_chars * 4:
                    return error(request, 413, f"Request body larger than {limits.max_query_chars * 4} bytes.")
            params = parse_qs(request.url.query, keep_blank_values=True)
            if ctype == "application/sparql-update":
                return error(request, 403, "SPARQL Update is refused: this endpoint is read-only.")
            if ctype == "application/sparql-query":
                try:
                    query = body.decode("utf-8")
                except UnicodeDecodeError:
                    return error(request, 400, "The query is not UTF-8.")
            elif ctype == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
                except (UnicodeDecodeError, ValueError):
                    return error(request, 400, "The form body is not valid application/x-www-form-urlencoded UTF-8.")
                for k, v in form.items():
                    params.setdefault(k, []).extend(v)
            else:
                return error(request, 415, "POST a query as application/sparql-query or application/x-www-form-urlencoded.")
        else:
            params = parse_qs(request.url.query, keep_blank_values=True)
        if "update" in params:
            return error(request, 403, "SPARQL Update is refused: this endpoint is read-only.")
        if query is None:
            queries = params.get("query", [])
            if len(queries) > 1:
                return error(request, 400, "Give exactly one query parameter.")
            if not queries:
                if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
                    return HTMLResponse(pages.sparql_form(), headers=_SECURITY)
                return error(request, 400, "No query: give the query parameter (SPARQL 1.1 Protocol).")
            query = queries[0]
        formats = params.get("format", [])
        if formats:
            fmt_param = FORMAT_NAMES.get(formats[0].lower())
            if fmt_param is None:
                return error(request, 400, "Unknown format; use one of " + ", ".join(sorted(FORMAT_NAMES)) + ".")
        try:
            check_query_text(query, limits)
        except QueryRefused as err:
            status = 413 if "characters long" in err.message else 403
            return error(request, status, str(err))
        return await run_query(request, query, fmt_param, default_graphs=params.get("default-graph-uri") or None,
                               named_graphs=params.get("named-graph-uri") or None)

    async def run_query(request: Request, query: str, fmt_param: str | None, *,
                        default_graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> Response:
        """Run ``query`` in a worker process and answer in the negotiated format."""
        try:
            for graph in (default_graphs or []) + (named_graphs or []):
                NamedNode(graph)
        except ValueError as err:
            return error(request, 400, f"Bad graph IRI: {err}")
        media: dict[str, str | None] = {}
        try:
            for kind, offered in _OFFERED.items():
                media[kind] = fmt_param if fmt_param in offered else (None if fmt_param else _negotiate(request, offered))
        except BadAccept as err:
            return error(request, 400, f"Malformed Accept header: {err}.")
        job = QueryJob(query, media, timeout=limits.timeout, max_rows=limits.max_rows,
                       default_graphs=default_graphs, named_graphs=named_graphs)
        try:
            # Queries queue briefly for a worker under load, then are turned away.
            answer = await pool.run(job, wait=min(limits.timeout, 5.0))
        except QueryTimeout as err:
            return error(request, 503, f"{err} (limit {limits.timeout:g} s)")
        except QueryOutOfMemory as err:
            return error(request, 503, str(err))
        except ServerBusy as err:
            return error(request, 503, str(err), {"Retry-After": "5"})
        except WorkerFailed as err:
            return error(request, 500, str(err))
        except ResultTooLarge as err:
            return error(request, 400, str(err))
        except QueryRefused as err:
            return error(request, 403, str(err))
        except QueryError as err:
            return error(request, 400, str(err))
        headers = {**_SECURITY, "Vary": "Accept", "Cache-Control": "no-store"}
        if answer.media is None:
            return error(request, 406, "No acceptable result format; offered: " + ", ".join(_OFFERED[answer.kind]) + ".")
        if answer.media == "text/html":
            result = answer.result
            assert result is not None
            if result.kind == "graph":
                return PlainTextResponse(serialize_triples(result.triples, "text/turtle").decode("utf-8"), headers=headers)
            rows = [[pages.value(t) if t is not None else None for t in row] for row in result.rows]
            html = pages._render("results.html", variables=result.variables, rows=rows, boolean=result.boolean)
            return HTMLResponse(html, headers=headers)
        charset = "; charset=utf-8" if answer.media.startswith("text/") else ""
        return Response(answer.body, media_type=answer.media + charset, headers=headers)

    # -- bundled queries -----------------------------------------------------------------------

    def query_list(request: Request) -> Response:
        listing = []
        for name, bundled in bundled_queries().items():
            listing.append({"name": name, "title": bundled.title, "answers": bundled.answers,
                            "parameters": bundled.parameters, "href": f"/queries/{name}"})
        return JSONResponse({"queries": listing}, headers={**_SECURITY, "Access-Control-Allow-Origin": "*"})

    async def bundled(request: Request) -> Response:
        name = request.path_params["name"]
        queries = bundled_queries()
        if name not in queries:
            return error(request, 404, f"No bundled query named {name!r}; there are " + ", ".join(queries) + ".")
        params = parse_qs(request.url.query, keep_blank_values=True)
        fmt_param = None
        if params.get("format"):
            fmt_param = FORMAT_NAMES.get(params["format"][0].lower())
            if fmt_param is None:
                return error(request, 400, "Unknown format; use one of " + ", ".join(sorted(FORMAT_NAMES)) + ".")
        values = {k: v[-1] for k, v in params.items() if k != "format"}
        try:
            text = prepare_query(name, params=values)
        except QueryError as err:
            return error(request, 400, str(err))
        return await run_query(request, text, fmt_param)

    async def sparql_options(request: Request) -> Response:
        return Response(status_code=204, headers={"Allow": _SPARQL_METHODS})

    async def not_allowed(request: Request) -> Response:
        return error(request, 405, "This server is read-only.", {"Allow": "GET, HEAD"})

    prefix = urls.resource_prefix
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/sparql", sparql_options, methods=["OPTIONS"]),
        Route("/queries", query_list, methods=["GET"]),
        Route("/queries/{name:str}", bundled, methods=["GET"]),
        Route("/void", void, methods=["GET"]),
        Route("/void.{ext:str}", void, methods=["GET"]),
        Route("/.well-known/void", void, methods=["GET"]),
        Route("/dumps/{name:str}", dump, methods=["GET"]),
        Route("/static/{name:str}", static, methods=["GET"]),
        Route("/doc/{rest:path}", document, methods=["GET"]),
    ]
    for path in urls.ontology_paths:
        routes += [Route(path, ontology, methods=["GET"]), Route(path + ".ttl", ontology, methods=["GET"]),
                   Route(path + ".html", ontology, methods=["GET"])]
    routes.append(Route(prefix + "{rest:path}", resource, methods=["GET"]))
    middleware = [Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                             allow_headers=["Accept", "Content-Type"], max_age=3600)]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        if status == 405:
            allow = _SPARQL_METHODS if request.url.path == "/sparql" else "GET, HEAD"
            return error(request, 405, "This server is read-only: only GET and HEAD (and POST of queries to /sparql).",
                         {"Allow": allow})
        return error(request, status, "Not found." if status == 404 else "Request refused.")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            # Here, not after uvicorn returns: on SIGTERM uvicorn re-raises the signal once the
            # app has shut down, and the process ends before the caller's cleanup.
            pool.close()
            dataset.drop_disk_copy()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers={404: not_found, 405: not_found},
                    lifespan=lifespan)
    app.state.dataset = dataset
    app.state.pool = pool
    app.state.urls = urls
    return app
