r"""SPARQL 1.1 query results in JSON, XML, CSV and TSV (W3C Recommendations of 2013).

>>> from pyoxigraph import NamedNode, Literal
>>> r = SparqlResult("select", ["s", "o"], [(NamedNode("http://x/a"), Literal("b", language="en"))])
>>> to_tsv(r).decode().splitlines()
['?s\t?o', '<http://x/a>\t"b"@en']
>>> to_csv(r)  # RFC 4180 line ends
b's,o\r\nhttp://x/a,b\r\n'
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode

from ..rdf.formats import DESCRIPTIONS, FORMATS
from .dataset import SparqlResult

__all__ = ["RESULT_TYPES", "BOOLEAN_TYPES", "FORMAT_NAMES", "render_result"]

#: Media types offered for SELECT results, server preference first.
RESULT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "application/json", "application/xml", "text/html"]
BOOLEAN_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "application/json",
                 "application/xml", "text/html"]
#: ``format=`` parameter values -> media type.
FORMAT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html",
                # The RDF serialisations of graph results, by name, suffix or alias.
                **{key: f.media_type for f in map(FORMATS.get, DESCRIPTIONS) for key in (f.name, f.suffix, *f.aliases)}}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def to_json(result: SparqlResult) -> bytes:
    if result.kind == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        doc = {"head": {"vars": result.variables},
               "results": {"bindings": [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                                        for row in result.rows]}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(term: Any) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype and term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def to_xml(result: SparqlResult) -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                            for v, t in zip(result.variables, row) if t is not None) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out).encode("utf-8")


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (NamedNode, Literal)) else str(term)


def to_csv(result: SparqlResult) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_value(t) for t in row])
    return buffer.getvalue().encode("utf-8")


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and not term.language and term.datatype and term.datatype.value == _XSD_STRING:
        return str(Literal(term.value))
    return str(term)  # N-Triples/Turtle syntax, with escapes for tab and newline


def to_tsv(result: SparqlResult) -> bytes:
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_result(result: SparqlResult, media_type: str) -> bytes:
    """Serialise a SELECT or ASK result as ``media_type`` (one of :data:`RESULT_TYPES`)."""
    if media_type in ("application/sparql-results+json", "application/json"):
        return to_json(result)
    if media_type in ("application/sparql-results+xml", "application/xml"):
        return to_xml(result)
    if media_type == "text/csv":
        return to_csv(result)
    if media_type == "text/tab-separated-values":
        return to_tsv(result)
    raise ValueError(media_type)
