"""Run SPARQL SELECT queries (the bundled ``queries/*.rq`` or your own) on a graph file or store.

The bundled queries are plain SPARQL 1.1 files that run unchanged on pyoxigraph, Oxigraph server
and Virtuoso; this module is the embedded way to run them. The public API is three functions:
:func:`select` (a query, by name, file or text, with its parameters and page, on a graph file or
a store), :func:`prepare_query` (the SPARQL text it runs) and :func:`bundled_queries` (what each
bundled query answers and which parameters it takes); the rest are their parts.

Results are plain Python strings (an IRI as its string, a literal as its lexical form, an unbound
variable as ``None``) so that callers and tests never handle pyoxigraph terms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal as TypingLiteral

from pyoxigraph import Store

from .errors import QueryError, StoreError
from .rdf.select import QueryResult, load_graph, run_query
from .resources import queries_dir

if TYPE_CHECKING:
    from .stores import TripleStore

__all__ = [
    "QueryError",
    "StoreError",
    "QueryResult",
    "BundledQuery",
    "HEADER_FIELDS",
    "load_graph",
    "run_query",
    "resolve_query",
    "bundled_queries",
    "query_header",
    "query_parameters",
    "bind_parameters",
    "page_size",
    "paged",
    "format_result",
    "prepare_query",
    "select",
]


#: Header fields every bundled query file starts with (``# title: ...``); ``parameters`` is optional.
HEADER_FIELDS = ("title", "answers", "variables")

_HEADER_LINE = re.compile(r"^#\s*(?P<key>[A-Za-z-]+)\s*:\s*(?P<value>.*)$")
_QUERY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

#: The page clause of a listing query: one line ``LIMIT n OFFSET m  # page`` (see :func:`paged`).
_PAGE_CLAUSE = re.compile(
    r"^(?P<indent>[ \t]*)LIMIT[ \t]+(?P<limit>\d+)[ \t]+OFFSET[ \t]+(?P<offset>\d+)[ \t]*#[ \t]*page\b.*$",
    re.MULTILINE | re.IGNORECASE,
)

Format = TypingLiteral["table", "csv", "json"]


@dataclass(frozen=True)
class BundledQuery:
    """One bundled query: its ``name`` (``meetings.rq`` is ``meetings``), the ``title`` and
    ``answers`` fields of its header, its ``parameters`` (name -> default, as
    :func:`query_parameters` reads them) and its ``text``."""

    name: str
    title: str
    answers: str
    parameters: dict[str, str]
    text: str


def bundled_queries() -> dict[str, BundledQuery]:
    """The bundled queries by name, in the order of their file names.

    The files are package data when installed and the repository's ``queries/`` when run from
    a source checkout (see :func:`diplokg.resources.queries_dir`).

    >>> from diplokg import bundled_queries
    >>> queries = bundled_queries()
    >>> "meetings" in queries and "person-timeline" in queries
    True
    >>> timeline = queries["person-timeline"]
    >>> timeline.title, timeline.parameters
    ("A person's timeline", {'personName': 'Naledi Pandor'})
    >>> queries["meetings"].parameters
    {}
    """
    directory = queries_dir()
    if not directory.is_dir():
        return {}
    entries = [e for e in directory.iterdir() if e.name.endswith(".rq") and e.is_file()]
    queries = {}
    for entry in sorted(entries, key=lambda e: e.name):
        name, text = entry.name.removesuffix(".rq"), entry.read_text(encoding="utf-8")
        header = query_header(text)
        queries[name] = BundledQuery(name, header.get("title", ""), header.get("answers", ""),
                                     query_parameters(text), text)
    return queries


def resolve_query(name_or_path: str | Path) -> str:
    """Text of a query given a path to an ``.rq`` file or the name of a bundled query.

    A :class:`~pathlib.Path`, or a string ending in ``.rq`` or holding a path separator, is a
    file; any other string is a bundled query name (``"meetings"``), so a stray file called
    ``meetings`` in the working directory cannot shadow the bundled query.
    """
    name = str(name_or_path)
    if isinstance(name_or_path, Path) or name.endswith(".rq") or "/" in name or "\\" in name:
        candidate = Path(name_or_path)
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
        raise QueryError(f"Query file {name} does not exist.", hint="check the path, or give a bundled query name.")
    queries = bundled_queries()
    if not _QUERY_NAME.match(name) or name not in queries:
        known = ", ".join(queries) or "(none found)"
        raise QueryError(
            f"No bundled query named {name!r}, and no such .rq file.", hint=f"use one of the bundled queries: {known}."
        )
    return queries[name].text


def query_header(text: str) -> dict[str, str]:
    """The ``# key: value`` fields of the comment block a query file starts with.

    A line starting with ``#`` and no ``key:`` continues the previous field.
    """
    header: dict[str, str] = {}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _HEADER_LINE.match(stripped)
        if match and match["key"].lower() not in header:
            last = match["key"].lower()
            header[last] = match["value"].strip()
        elif last is not None:
            more = stripped.lstrip("#").strip()
            if more:
                header[last] = f"{header[last]} {more}".strip()
    return header


#: One parameter declaration in a ``# parameters:`` header: ``?name — description``.
_PARAM_DECL = re.compile(r"\?(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*[—–]")
#: Its default: ``(default "X"`` or ``(default: "X", "Y"``.
_PARAM_DEFAULT = re.compile(r"\(default:?\s*(?P<values>\"[^\"]*\"(?:\s*,\s*\"[^\"]*\")*)")
_SPARQL_STRING = r'"(?:[^"\\\n\r]|\\.)*"'
_SPARQL_TERM = re.compile(rf"{_SPARQL_STRING}|<[^<>\s]*>")
#: Characters an IRIREF may not hold (SPARQL 1.1 grammar rule 139).
_IRI_FORBIDDEN = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _values_blocks(text: str, name: str) -> list[re.Match[str]]:
    """The ``VALUES ?name { ... }`` blocks of ``text`` (terms: plain strings or IRIs)."""
    pattern = rf"VALUES\s+\?{re.escape(name)}\s*\{{(?P<terms>(?:\s*(?:{_SPARQL_STRING}|<[^<>\s]*>))*)\s*\}}"
    return list(re.finditer(pattern, text))


def _parameter_decls(text: str) -> dict[str, str]:
    """Parameter name -> its description, from the ``# parameters:`` header ({} for ``none``)."""
    declared = query_header(text).get("parameters", "")
    matches = list(_PARAM_DECL.finditer(declared))
    return {m["name"]: declared[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(declared)]
            for i, m in enumerate(matches)}


def query_parameters(text: str) -> dict[str, str]:
    r"""Parameter name -> default value of a query, from its ``# parameters:`` header.

    A parameter is declared as ``?name — description (default "value")`` and the query body
    holds its value in ``VALUES ?name { ... }`` blocks, which :func:`bind_parameters` rewrites.
    A default of several values (``(default: "A", "B")``) is given as ``A, B``; binding that very
    string keeps the query's own list.

    >>> text = '# title: t\n# parameters: ?who — a label (default "Naledi Pandor")\nSELECT * { VALUES ?who { "Naledi Pandor" } }'
    >>> query_parameters(text)
    {'who': 'Naledi Pandor'}
    >>> query_parameters("# parameters: none\nSELECT * {}")
    {}
    """
    parameters: dict[str, str] = {}
    for name, description in _parameter_decls(text).items():
        if not _values_blocks(text, name):
            continue  # described in prose only (e.g. "add VALUES ?fact ..."): nothing to bind
        default = _PARAM_DEFAULT.search(description)
        values = re.findall(r'"([^"]*)"', default["values"]) if default else []
        parameters[name] = ", ".join(values)
    return parameters


def _sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: every quote, backslash and line break escaped."""
    escaped = "".join(_ECHAR.get(c, f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c) for c in value)
    return f'"{escaped}"'


def bind_parameters(text: str, values: Mapping[str, str]) -> str:
    r"""The query ``text`` with each named parameter bound to one value.

    Every ``VALUES ?name { ... }`` block of a parameter gets the value alone, written as the kind
    of term the query's default is: a SPARQL string literal (quotes, backslashes and line breaks
    escaped, so a value cannot end the literal and inject SPARQL) or an IRI (which must be
    absolute and hold no character an IRI may not). A value equal to the default keeps the query
    as it is. An unknown name raises :class:`QueryError` ``E301`` listing the known ones; a value
    that cannot be the parameter's kind raises ``E302``.

    >>> text = '# parameters: ?who — a label (default "A")\nSELECT * { VALUES ?who { "A" } }'
    >>> bind_parameters(text, {"who": 'Wang "Yi" }'}).splitlines()[1]
    'SELECT * { VALUES ?who { "Wang \\"Yi\\" }" } }'
    >>> bind_parameters(text, {"whom": "B"})
    Traceback (most recent call last):
    ...
    diplokg.errors.QueryError: [E301] This query has no parameter 'whom'. Fix: use one of its parameters: who.
    """
    known = query_parameters(text)
    for name, value in values.items():
        if name not in known:
            hint = f"use one of its parameters: {', '.join(known)}." if known else "leave out the parameter: this query takes none."
            raise QueryError(f"This query has no parameter {name!r}.", hint=hint, code="E301")
        if value == known[name]:
            continue
        blocks = _values_blocks(text, name)
        first = _SPARQL_TERM.search(blocks[0]["terms"])
        if first is not None and first.group().startswith("<"):
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or _IRI_FORBIDDEN.search(value):
                raise QueryError(
                    f"The value {value!r} of parameter {name!r} is not an absolute IRI.",
                    hint="give a full IRI such as https://w3id.org/diplokg/id/person/wang-yi.", code="E302",
                )
            term = f"<{value}>"
        else:
            term = _sparql_string(value)
        # Replace from the end so that earlier offsets stay valid.
        for block in reversed(blocks):
            start, end = block.span("terms")
            text = f"{text[:start]} {term}{text[end:]}"
    return text


def page_size(text: str) -> int | None:
    """Rows per page of a paged listing query (its ``LIMIT n OFFSET m  # page`` line), or None."""
    clause = _page_clause(text)
    return int(clause["limit"]) if clause else None


def _page_clause(text: str) -> re.Match[str] | None:
    """The one page clause of ``text``; None when it has none (or, ambiguously, several)."""
    clauses = list(_PAGE_CLAUSE.finditer(text))
    return clauses[0] if len(clauses) == 1 else None


def paged(text: str, page: int = 1, size: int | None = None) -> str:
    r"""The text of a paged listing query that answers page ``page`` (from 1) of ``size`` rows.

    Listing queries that could answer with every event or person in a large store choose one
    page of their rows, in their full order, in a sub-select ending with the page clause
    ``LIMIT n OFFSET m  # page``; ``size`` defaults to the query's own ``n``, and ``size=0``
    removes the clause, so that the query lists every row (slow on a large store).

    >>> text = "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\nLIMIT 100 OFFSET 0  # page"
    >>> paged(text, page=3, size=20).splitlines()[1]
    'LIMIT 20 OFFSET 40  # page'
    >>> page_size(text), "LIMIT" in paged(text, size=0)
    (100, False)
    """
    if page < 1 or (size is not None and size < 0):
        raise QueryError(f"Page {page} of size {size} does not exist.", hint="pages count from 1; the size is 1 or more (0: every row).")
    clause = _page_clause(text)
    if clause is None:
        if page == 1 and size is None:
            return text
        raise QueryError(
            "This query has no page clause, so it cannot be paged.",
            hint="add one line 'LIMIT n OFFSET 0  # page' to the sub-select that orders its rows, or add LIMIT/OFFSET yourself.",
        )
    rows = int(clause["limit"]) if size is None else size
    if rows == 0:
        if page != 1:
            raise QueryError(f"Every row is one page: there is no page {page}.", hint="leave out --page with --all.")
        replacement = f"{clause['indent']}# every row (page clause removed)"
    else:
        replacement = f"{clause['indent']}LIMIT {rows} OFFSET {(page - 1) * rows}  # page"
    return text[: clause.start()] + replacement + text[clause.end():]


def format_result(result: QueryResult, fmt: Format = "table") -> str:
    """Render a result as an aligned text ``table``, ``csv`` (header row, RFC 4180 quoting) or
    ``json`` (SPARQL 1.1 Query Results JSON): :meth:`QueryResult.format <diplokg.rdf.select.QueryResult.format>`."""
    return result.format(fmt)


def prepare_query(query: str | Path, *, params: Mapping[str, str] | None = None, page: int = 1,
                  page_size: int | None = None) -> str:
    r"""The SPARQL text of a bundled query (by name: see :func:`bundled_queries`) or of an ``.rq``
    file (a :class:`~pathlib.Path`, or a string ending in ``.rq`` or holding a path separator),
    with each of ``params`` bound (see :func:`bind_parameters`) and page ``page`` of ``page_size``
    rows chosen (see :func:`paged`; ``page_size=0``: every row). What ``diplokg query`` runs.

    Errors are :class:`QueryError`: an unknown name or missing file (``E300``), an unknown
    parameter (``E301``) or a value it cannot take (``E302``), a page the query cannot give.

    >>> from diplokg import prepare_query
    >>> text = prepare_query("person-timeline", params={"personName": 'Retno "L.P." Marsudi'})
    >>> 'VALUES ?personName { "Retno \\"L.P.\\" Marsudi" }' in text
    True
    >>> [line.strip() for line in prepare_query("articles", page=3, page_size=20).splitlines() if "OFFSET" in line]
    ['LIMIT 20 OFFSET 40  # page']
    >>> prepare_query("meeting")
    Traceback (most recent call last):
    ...
    diplokg.errors.QueryError: [E300] No bundled query named 'meeting', and no such .rq file. Fix: ...
    """
    return paged(bind_parameters(resolve_query(query), params or {}), page, page_size)


def select(source: str | Path | Store | TripleStore, query: str | Path, *, params: Mapping[str, str] | None = None, page: int = 1,
           page_size: int | None = None) -> QueryResult:
    r"""Answer a SPARQL SELECT query on ``source``: a graph file (``.ttl``, ``.trig``, ``.nt``,
    ``.nq``, ``.jsonld``, read into memory), a store from :func:`diplokg.open_store`, or a
    :class:`pyoxigraph.Store`. ``query`` is a bundled query's name or an ``.rq`` file, prepared
    with ``params``, ``page`` and ``page_size`` by :func:`prepare_query`, or SPARQL text (a string
    holding ``{``), whose parameters and page are changed only when given. The
    :class:`~diplokg.rdf.select.QueryResult` holds plain strings (``variables``, ``rows``) and
    writes itself as a table, CSV or SPARQL JSON (``format``).

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "people.ttl").write_text(
    ...     '@prefix dkg: <https://w3id.org/diplokg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
    ...     '<https://w3id.org/diplokg/id/person/retno-marsudi> a dkg:Person ; rdfs:label "Retno Marsudi" .\n'
    ...     '<https://w3id.org/diplokg/id/state/id> a dkg:State ; rdfs:label "Indonesia" .\n', encoding="utf-8")
    >>> from diplokg import select
    >>> result = select(work / "people.ttl", "entities-without-wikidata")
    >>> result.variables, [row["label"] for row in result.rows]
    (['entity', 'type', 'label'], ['Retno Marsudi', 'Indonesia'])
    >>> print(select(work / "people.ttl", "SELECT ?label WHERE { ?s a ?class ; "
    ...             "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label").format("csv"))
    label
    Indonesia
    Retno Marsudi
    <BLANKLINE>
    """
    if isinstance(query, str) and "{" in query and not query.endswith(".rq"):  # SPARQL text: no name has "{"
        text = bind_parameters(query, params) if params else query
        if page != 1 or page_size is not None:
            text = paged(text, page, page_size)
    else:
        text = prepare_query(query, params=params, page=page, page_size=page_size)
    if isinstance(source, (str, Path, Store)):
        return run_query(source, text)
    return source.query(text)
