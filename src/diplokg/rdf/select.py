"""SPARQL SELECT on a pyoxigraph store or an RDF file, answered as plain Python strings.

The one place a SELECT is run on an embedded store or a graph file (:func:`run_query`) and its
answer made plain (:class:`QueryResult`: an IRI as its string, a literal as its lexical form, an
unbound variable as ``None``), so that callers and tests never handle pyoxigraph terms. The
stores answer in the same type; :mod:`diplokg.query` adds the bundled queries, their parameters,
pages and output formats on top.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, QuerySolutions, Store

from ..errors import QueryError, StoreError
from .formats import QUAD_FILES, by_suffix, suffixes

__all__ = ["QueryResult", "load_graph", "run_query"]


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SELECT query.

    ``variables`` are the projected variable names without ``?``, in query order. ``rows`` holds one
    dict per solution mapping every variable to a plain string (IRI string or literal lexical
    form) or ``None`` where unbound. ``bindings`` keeps the RDF term kinds (SPARQL 1.1 JSON results
    binding objects) so that :meth:`format` can write faithful JSON; it takes no part in
    equality.
    """

    variables: list[str]
    rows: list[dict[str, str | None]]
    bindings: list[dict[str, dict[str, str]]] = field(default_factory=list, compare=False, repr=False)

    def tuples(self) -> list[tuple[str | None, ...]]:
        """The rows as tuples in variable order (handy for comparing answers)."""
        return [tuple(row[v] for v in self.variables) for row in self.rows]

    def format(self, fmt: str = "table") -> str:
        """The result as an aligned text ``table``, ``csv`` (header row, RFC 4180 quoting) or
        ``json`` (SPARQL 1.1 Query Results JSON, with the terms' kinds where the store gave them).

        >>> result = QueryResult(["s", "o"], [{"s": "http://example.com/a", "o": "x"},
        ...                                   {"s": "http://example.com/b", "o": None}])
        >>> print(result.format())
        s                    | o
        ---------------------+--
        http://example.com/a | x
        http://example.com/b |
        (2 rows)
        >>> print(result.format("csv"))
        s,o
        http://example.com/a,x
        http://example.com/b,
        <BLANKLINE>
        """
        if fmt == "table":
            return _table(self)
        if fmt == "csv":
            return _csv(self)
        if fmt == "json":
            return _json(self)
        raise QueryError(f"Unknown result format {fmt!r}.", hint="use one of: table, csv, json.")


def _table(result: QueryResult) -> str:
    cells = [[("" if row[v] is None else row[v]) for v in result.variables] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for line in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, line)]
    def fmt(values: list[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [fmt(result.variables), "-+-".join("-" * w for w in widths)]
    out.extend(fmt(line) for line in cells)
    out.append(f"({len(result.rows)} row{'' if len(result.rows) == 1 else 's'})")
    return "\n".join(out)


def _csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if row[v] is None else row[v] for v in result.variables])
    return buffer.getvalue()


def _guess_binding(value: str) -> dict[str, str]:
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$", value) and not value.startswith("_:"):
        return {"type": "uri", "value": value}
    if value.startswith("_:"):
        return {"type": "bnode", "value": value[2:]}
    return {"type": "literal", "value": value}


def _json(result: QueryResult) -> str:
    kept = result.bindings if len(result.bindings) == len(result.rows) else None
    out_bindings = []
    for i, row in enumerate(result.rows):
        binding: dict[str, dict[str, str]] = {}
        for v in result.variables:
            if row[v] is None:
                continue
            binding[v] = kept[i][v] if kept is not None and v in kept[i] else _guess_binding(row[v])
        out_bindings.append(binding)
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": out_bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _as_path(path: str | Path) -> Path:
    return path if isinstance(path, Path) else Path(path)


def load_graph(path: str | Path, *, store: Store | None = None) -> Store:
    """Load an RDF file into an in-memory :class:`pyoxigraph.Store` (or into ``store``).

    The format comes from the suffix (see :data:`diplokg.rdf.formats.FORMATS`). Triples of triple formats go to
    the default graph; quads keep their named graph, and :func:`run_query` queries the union.
    """
    p = _as_path(path)
    found = by_suffix(p)
    if found is None:
        known = ", ".join(suffixes())
        raise StoreError(
            f"Cannot tell the RDF format of {p}: unknown suffix {p.suffix!r}.",
            hint=f"rename the file to one of the known suffixes: {known}.",
        )
    if not p.is_file():
        raise StoreError(f"Graph file {p} does not exist.", hint="build one first (diplokg build) or check the path.")
    target = store if store is not None else Store()
    try:
        target.load(path=str(p), format=found.rdf_format)
    except SyntaxError as err:
        raise StoreError(f"{p} is not valid {p.suffix[1:]}: {err}", hint="validate the file (diplokg validate).") from err
    except OSError as err:
        raise StoreError(f"Cannot read {p}: {err}") from err
    return target


def _term_value(term: object) -> tuple[str, dict[str, str]]:
    """Plain string of a term plus its SPARQL 1.1 JSON results binding object."""
    if isinstance(term, NamedNode):
        return term.value, {"type": "uri", "value": term.value}
    if isinstance(term, Literal):
        binding = {"type": "literal", "value": term.value}
        if term.language:
            binding["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            binding["datatype"] = term.datatype.value
        return term.value, binding
    if isinstance(term, BlankNode):
        return f"_:{term.value}", {"type": "bnode", "value": term.value}
    text = str(term)  # a quoted triple (RDF-star): not produced by diplokg, kept readable
    return text, {"type": "literal", "value": text}


def run_query(store_or_path: Store | str | Path, query: str, *, union: bool = True) -> QueryResult:
    """Run a SPARQL 1.1 SELECT ``query`` on a store or a graph file and return plain rows.

    ``union=True`` makes the default graph the union of all graphs, so the same query answers the
    same on ``graph.ttl`` and on the per-article TriG (a TriG/N-Quads file given by path is
    queried through one deduplicated copy of its triples instead, which gives the same answers
    without repeating each shared triple once per article). A diplokg store passes
    ``union=False``: its default graph already holds that copy. ASK/CONSTRUCT/DESCRIBE raise
    :class:`QueryError`: the bundled queries are all SELECT.

    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> store = Store()
    >>> store.add(Quad(NamedNode("http://example.com/a"), NamedNode("http://example.com/p"), Literal("x", language="en")))
    >>> result = run_query(store, "SELECT ?s ?o ?none WHERE { ?s ?p ?o }")
    >>> result.variables, result.rows
    (['s', 'o', 'none'], [{'s': 'http://example.com/a', 'o': 'x', 'none': None}])
    """
    if isinstance(store_or_path, Store):
        store = store_or_path
    else:
        store = load_graph(store_or_path)
        if union and getattr(by_suffix(_as_path(store_or_path)), "name", None) in QUAD_FILES:
            # A quad file repeats shared triples in every article graph: query one deduplicated
            # copy in the default graph instead of the union (whose joins would multiply).
            store.extend([Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in store
                          if not isinstance(q.graph_name, DefaultGraph)])
            union = False
    try:
        solutions = store.query(query, use_default_graph_as_union=union)
    except SyntaxError as err:
        raise QueryError(f"The query is not valid SPARQL 1.1: {err}", hint="check the line and column named.") from err
    except OSError as err:
        raise QueryError(f"The query failed while reading the store: {err}") from err
    if not isinstance(solutions, QuerySolutions):
        raise QueryError(
            "Only SELECT queries are supported here.", hint="rewrite the ASK/CONSTRUCT/DESCRIBE query as a SELECT."
        )
    variables = [v.value for v in solutions.variables]
    rows: list[dict[str, str | None]] = []
    bindings: list[dict[str, dict[str, str]]] = []
    for solution in solutions:
        row: dict[str, str | None] = {}
        binding: dict[str, dict[str, str]] = {}
        for name in variables:
            term = solution[name]
            if term is None:
                row[name] = None
            else:
                row[name], binding[name] = _term_value(term)
        rows.append(row)
        bindings.append(binding)
    return QueryResult(variables=variables, rows=rows, bindings=bindings)
