"""Quads -> JSON-LD 1.1, streamed article by article, compacted with the published context.

The context is ``ontology/context.jsonld``, published at :data:`CONTEXT_IRI`. pyoxigraph 0.5
writes JSON-LD, but only in expanded form (full IRIs, no context, prefixes ignored), and neither
pyoxigraph nor an offline rdflib can fetch a remote ``@context``; so ``graph.jsonld`` embeds a
verbatim copy of the published context and is compacted against it here:

.. code-block:: json

    {"@context": {...the published context...},
     "@graph": [
      {"@id": "https://w3id.org/diplokg/id/graph/X", "@graph": [
       {"@id": "https://w3id.org/diplokg/id/person/sergei-lavrov", "@type": ["Person", "Diplomat"], ...},
       ...]},
      ...]}

One named-graph object per article (and one per article for the knowledge-base aliases it
introduced; JSON-LD merges objects with the same ``@id``). Node identifiers stay absolute IRIs
(``--base`` can be anything); predicates, classes and datatypes use the context's terms, or a
compact IRI where no term's coercion fits the value. Literals keep their lexical form (numbers
and booleans are strings with a datatype), so the graph round-trips exactly.

>>> from pyoxigraph import NamedNode, Literal, Triple, parse, RdfFormat
>>> g, s = NamedNode("https://w3id.org/diplokg/id/graph/a"), NamedNode("https://w3id.org/diplokg/id/article/a")
>>> triples = [Triple(s, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode("https://w3id.org/diplokg/ontology#Article")),
...            Triple(s, NamedNode("http://purl.org/dc/terms/identifier"), Literal("a"))]
>>> stream = JsonLdStream()
>>> data = stream.header() + stream.chunk(g, triples) + stream.footer()
>>> b'"@type":"Article","identifier":"a"' in data
True
>>> set(triples) == {q.triple for q in parse(data, format=RdfFormat.JSON_LD)}
True
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Triple

from ..resources import ontology_dir

__all__ = ["CONTEXT_IRI", "JsonLdStream", "context_document"]

#: Where the context in ``ontology/context.jsonld`` is published.
CONTEXT_IRI = "https://w3id.org/diplokg/context.jsonld"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_ID = "@id"  # a term's coercion that turns a plain string into an IRI


@functools.cache
def context_document() -> dict[str, Any]:
    """The published context document, ``{"@context": {...}}``, as shipped in the package."""
    text = (ontology_dir() / "context.jsonld").read_text(encoding="utf-8")
    return json.loads(text)


class _Compactor:
    """Term and compact-IRI choice for one context (see the module docstring)."""

    def __init__(self, context: dict[str, Any]) -> None:
        # Prefixes: simple terms whose IRI ends with a gen-delim (the JSON-LD 1.1 prefix flag).
        self.prefixes = {
            name: iri for name, iri in context.items()
            if isinstance(iri, str) and ":" not in name and iri.endswith(("#", "/"))
        }  # fmt: skip
        self.classes: dict[str, str] = {}
        #: predicate IRI -> [(term, coercion or None)], in context order.
        self.terms: dict[str, list[tuple[str, str | None]]] = {}
        for name, definition in context.items():
            if name in self.prefixes or name.startswith("@"):
                continue
            if isinstance(definition, str):
                iri, coercion = self._expand(definition), None
            else:
                iri = self._expand(definition["@id"])
                coercion = definition.get("@type")
                coercion = coercion if coercion in (None, _ID) else self._expand(coercion)
            if name[:1].isupper():
                self.classes[iri] = name
            else:
                self.terms.setdefault(iri, []).append((name, coercion))
        # Longest namespace first, so that nested namespaces pick the more specific prefix.
        self._by_length = sorted(self.prefixes.items(), key=lambda item: (-len(item[1]), item[0]))

    def _expand(self, value: str) -> str:
        prefix, _, suffix = value.partition(":")
        return self.prefixes[prefix] + suffix if prefix in self.prefixes and not suffix.startswith("//") else value

    def ambiguous(self, iri: str) -> bool:
        """True for an absolute IRI that this context would read as a compact IRI (``xsd:foo``)."""
        scheme, _, rest = iri.partition(":")
        return scheme in self.prefixes and not rest.startswith("//")

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one compactor per writer, few distinct IRIs
    def compact(self, iri: str) -> str:
        for prefix, namespace in self._by_length:
            if iri.startswith(namespace):
                suffix = iri[len(namespace):]
                if suffix and not suffix.startswith("//"):
                    return f"{prefix}:{suffix}"
        return iri

    def type_name(self, iri: str) -> str:
        return self.classes.get(iri) or self.compact(iri)

    def entry(self, predicate: str, obj: NamedNode | BlankNode | Literal) -> tuple[str, Any]:
        """The key and JSON value for one (predicate, object)."""
        for term, coercion in self.terms.get(predicate, ()):
            if coercion == _ID and isinstance(obj, (NamedNode, BlankNode)):
                return term, _node_id(obj)
            if isinstance(obj, Literal) and obj.language is None:
                datatype = obj.datatype.value
                if coercion == datatype or (coercion is None and datatype == _XSD_STRING):
                    return term, obj.value
            if coercion is None:
                return term, self.value(obj)
        return self.compact(predicate), self.value(obj)

    def value(self, obj: NamedNode | BlankNode | Literal) -> Any:
        if isinstance(obj, Literal):
            if obj.language is not None:
                return {"@value": obj.value, "@language": obj.language}
            datatype = obj.datatype.value
            if datatype == _XSD_STRING:
                return obj.value
            return {"@value": obj.value, "@type": self.compact(datatype)}
        if isinstance(obj, (NamedNode, BlankNode)):
            return {"@id": _node_id(obj)}
        raise TypeError(f"JSON-LD output does not support RDF-star triple terms: {obj}")


class _Expanded(_Compactor):
    """No context: full IRIs everywhere (for the rare article holding an ambiguous IRI)."""

    def __init__(self) -> None:
        super().__init__({})

    def compact(self, iri: str) -> str:  # type: ignore[override]
        return iri


def _node_id(node: NamedNode | BlankNode) -> str:
    return node.value if isinstance(node, NamedNode) else f"_:{node.value}"


def _iris(graph: NamedNode | DefaultGraph, triples: list[Triple]) -> Iterable[str]:
    if isinstance(graph, NamedNode):
        yield graph.value
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, NamedNode):
                yield term.value
            elif isinstance(term, Literal):
                yield term.datatype.value


class JsonLdStream:
    """One JSON-LD document, written as :meth:`header`, one :meth:`chunk` per named graph, :meth:`footer`.

    The pieces are bytes for the caller to write (``GraphWriter`` does, atomically); the whole is
    valid JSON once the footer is written. Output is deterministic for the same sequence of
    (sorted) triples.
    """

    def __init__(self) -> None:
        self.context = context_document()["@context"]
        self._compactor = _Compactor(self.context)
        self._expanded = _Expanded()
        self._first = True

    def header(self) -> bytes:
        context = json.dumps(self.context, ensure_ascii=False, indent=1)
        return f'{{"@context": {context},\n"@graph": [\n'.encode()

    def footer(self) -> bytes:
        return b"\n]}\n"

    def chunk(self, graph: NamedNode | DefaultGraph, triples: Iterable[Triple]) -> bytes:
        """One graph's triples (in the order given, grouped by subject) as the next ``@graph`` items."""
        triples = list(triples)
        if not triples:
            return b""
        compactor = self._compactor
        if any(compactor.ambiguous(iri) for iri in _iris(graph, triples)):
            compactor = self._expanded
        expanded = compactor is self._expanded
        nodes: dict[str, dict[str, Any]] = {}
        for triple in triples:
            subject = _node_id(triple.subject)
            node = nodes.get(subject)
            if node is None:
                node = nodes[subject] = {"@context": None, "@id": subject} if expanded else {"@id": subject}
            predicate, obj = triple.predicate.value, triple.object
            if predicate == _RDF_TYPE and isinstance(obj, (NamedNode, BlankNode)):
                key, value = "@type", compactor.type_name(obj.value) if isinstance(obj, NamedNode) else _node_id(obj)
            else:
                key, value = compactor.entry(predicate, obj)
            previous = node.get(key)
            if previous is None:
                node[key] = value
            elif isinstance(previous, list):
                previous.append(value)
            else:
                node[key] = [previous, value]
        text = ",\n".join(_dumps(node) for node in nodes.values())
        if isinstance(graph, NamedNode):
            head = {"@context": None, "@id": graph.value} if expanded else {"@id": graph.value}
            text = _dumps(head)[:-1] + ',"@graph":[\n' + text + "\n]}"
        separator = b"" if self._first else b",\n"
        self._first = False
        return separator + text.encode()

    __call__ = chunk


def _dumps(value: Any) -> str:
    # ensure_ascii=False keeps the text readable; json still escapes quotes, backslashes and
    # control characters, and Python strings from pyoxigraph hold no lone surrogates.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
