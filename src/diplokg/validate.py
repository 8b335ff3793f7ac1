"""Is a built graph trustworthy? SHACL conformance (pySHACL) and OWL consistency (HermiT).

:func:`validate_graph` checks a graph file (Turtle, TriG, N-Triples, N-Quads or JSON-LD) or an
rdflib graph against the packaged shapes and, unless told not to, reasons over it with the
packaged ontology through owlready2's HermiT (which needs Java). Every problem is a
:class:`Violation` naming the offending node and, where the node has one, the article span it was
derived from. HermiT only says *that* a graph is inconsistent; :func:`explain_inconsistency` finds
*which* nodes make it so for the kinds of axiom the ontology has (disjoint classes, directly or
through a property's domain or range, and functional properties).

For HermiT the literals whose datatypes are outside the OWL 2 datatype map
(:data:`diplokg.resources.REASONER_UNSUPPORTED_DATATYPES`: ``xsd:date``, the partial dates,
``xsd:duration``) are stripped first; no axiom of the ontology reads them. owlready2 is given
N-Triples, the one RDF syntax it reads that pyoxigraph and rdflib both write.
"""

from __future__ import annotations

import functools
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import rdflib
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import RdfFormat, Triple, parse, serialize
from pyshacl import validate as shacl_validate
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from .errors import ConfigError
from .rdf.formats import Format, by_suffix, suffixes
from .resources import REASONER_UNSUPPORTED_DATATYPES, ontology_path, shapes_path

__all__ = ["Violation", "ValidationResult", "explain_inconsistency", "reason", "validate_graph"]

_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
_NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


@dataclass(frozen=True, slots=True)
class Violation:
    """One problem: the node, the property (when there is one), what is wrong, where it came from."""

    focus: str
    path: str | None
    message: str
    severity: str
    evidence: str | None  # "article#char=b,e: text" of the focus node when it has one
    check: str = "shacl"  # "shacl" (a shape) or "owl" (the ontology's axioms, by HermiT)

    def __str__(self) -> str:
        where = f" [{self.evidence}]" if self.evidence else ""
        return f"{self.severity}: {self.focus} {self.path or ''}: {self.message}{where}"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """``conforms`` is true when the shapes accept the graph and (if reasoned) HermiT finds it consistent."""

    conforms: bool
    violations: tuple[Violation, ...]
    consistent: bool | None = None  # None when the reasoner was not run


def _format(path: Path) -> Format:
    """The format of a graph file diplokg writes, from its suffix."""
    found = by_suffix(path)
    if found is None or not found.written:
        raise ValueError(f"{path}: unknown graph format; use one of {suffixes(written_only=True)}")
    return found


def _load(path: Path) -> rdflib.Graph:
    """The graph in ``path``, named graphs merged into one."""
    found = _format(path)
    fmt = found.rdflib_name
    if found.named_graphs:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=fmt)
        graph = rdflib.Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    graph = rdflib.Graph()
    graph.parse(path, format=fmt)
    return graph


def _evidence(data: rdflib.Graph, node: rdflib.term.Node | None) -> str | None:
    """``span: anchor`` of the first span ``node`` was derived from (or of ``node`` if it is a span)."""
    if node is None:
        return None
    spans = sorted(data.objects(node, _PROV.wasDerivedFrom), key=str)
    span = spans[0] if spans else (node if (node, _NIF.anchorOf, None) in data else None)
    if span is None:
        return None
    anchor = data.value(span, _NIF.anchorOf)
    return f"{span}: {anchor}" if anchor is not None else str(span)


def _shacl(data: rdflib.Graph) -> tuple[bool, list[Violation]]:
    shapes = rdflib.Graph().parse(str(shapes_path()), format="turtle")
    conforms, report, _text = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = []
    for result in report.objects(None, _SH.result):
        focus = report.value(result, _SH.focusNode)
        path = report.value(result, _SH.resultPath)
        message = report.value(result, _SH.resultMessage)
        severity = report.value(result, _SH.resultSeverity)
        violations.append(Violation(
            focus=str(focus), path=str(path) if path is not None else None,
            message=str(message) if message is not None else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            evidence=_evidence(data, focus),
        ))
    return bool(conforms), violations


# ------------------------------------------------------------------------------------------------
# Reasoning
# ------------------------------------------------------------------------------------------------


@functools.cache
def _ontology_ntriples() -> bytes:
    with ontology_path().open("rb") as handle:
        return serialize(parse(handle, format=RdfFormat.TURTLE), format=RdfFormat.N_TRIPLES)


_STRINGS = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
#: Characters XML 1.0 forbids; HermiT's string datatype rejects a literal holding one
#: (MalformedLiteralException), and article text can hold them (form feeds, stray controls).
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(literal: OxLiteral) -> OxLiteral:
    """``literal`` with characters HermiT rejects escaped as ``\\uXXXX``.

    Injective (backslashes are escaped too, and only literals holding one or the other change,
    so every changed value holds a backslash and no unchanged one does): distinct values stay
    distinct, and the consistency of the graph is unchanged. No axiom reads the text.
    """
    value = literal.value
    if literal.datatype.value not in _STRINGS or not (_NOT_XML_CHAR.search(value) or "\\" in value):
        return literal
    escaped = _NOT_XML_CHAR.sub(lambda m: f"\\u{ord(m.group()):04x}", value.replace("\\", "\\\\"))
    if literal.language is not None:
        return OxLiteral(escaped, language=literal.language)
    return OxLiteral(escaped)


def _reasonable(triples: Iterable[Triple]) -> Iterator[Triple]:
    """The triples HermiT can read: unsupported datatypes left out, strings made XML-safe."""
    for triple in triples:
        obj = triple.object
        if isinstance(obj, OxLiteral):
            if obj.datatype.value in REASONER_UNSUPPORTED_DATATYPES:
                continue
            safe = _xml_safe(obj)
            if safe is not obj:
                triple = Triple(triple.subject, triple.predicate, safe)
        yield triple


def _data_ntriples(graph: str | Path | rdflib.Graph) -> bytes:
    """N-Triples of the data (named graphs merged) as HermiT can read it (see :func:`_reasonable`)."""
    if isinstance(graph, rdflib.Graph):
        quads = parse(graph.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
    else:
        path = Path(graph)
        fmt = _format(path).rdf_format
        quads = parse(path=str(path), format=fmt)
    triples = (q.triple if hasattr(q, "triple") else q for q in quads)
    return serialize(dict.fromkeys(_reasonable(triples)), format=RdfFormat.N_TRIPLES)


def reason(graph: str | Path | rdflib.Graph, *, infer_property_values: bool = False):
    """Load the ontology and ``graph`` into a fresh owlready2 world and run HermiT over it.

    Returns the reasoned :class:`owlready2.World` (e.g. ``world[DKG_IRI + "Diplomat"].instances()``
    lists the inferred diplomats). Raises :class:`owlready2.OwlReadyInconsistentOntologyError` when
    the graph contradicts the ontology, and :class:`~diplokg.errors.ConfigError` when Java is missing.
    """
    import owlready2

    if shutil.which("java") is None:
        raise ConfigError(
            "the OWL reasoner HermiT needs a Java runtime and none is on PATH",
            hint="install one (Debian: apt-get install default-jre-headless) or skip reasoning (--no-reasoner)",
            code="E401",
        )
    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix="diplokg-reason-") as tmp:
        for name, data in (("ontology.nt", _ontology_ntriples()), ("data.nt", _data_ntriples(graph))):
            path = Path(tmp) / name
            path.write_bytes(data)
            world.get_ontology(path.as_uri()).load()
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=infer_property_values, debug=0, ignore_unsupported_datatypes=True
        )
    return world


def _rdf_list(graph: rdflib.Graph, head: rdflib.term.Node) -> list[rdflib.term.Node]:
    return list(Collection(graph, head)) if head is not None else []


def explain_inconsistency(data: rdflib.Graph, ontology: rdflib.Graph | None = None) -> list[Violation]:
    """The nodes that break the ontology's disjointness and functional-property axioms.

    A node's classes are its asserted types, the domains of the properties it has and the ranges
    of the object properties pointing at it, with their superclasses; values of a functional
    object property are one individual, so their classes are pooled. This covers every axiom in
    the diplokg ontology that can make data inconsistent; HermiT remains the judge.
    """
    if ontology is None:
        ontology = rdflib.Graph().parse(str(ontology_path()), format="turtle")
    named = lambda node: isinstance(node, rdflib.URIRef)  # noqa: E731
    parents: dict[rdflib.term.Node, set] = defaultdict(set)
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        if named(child) and named(parent):
            parents[child].add(parent)
    for a, b in ontology.subject_objects(OWL.equivalentClass):
        if named(a) and named(b):
            parents[a].add(b)
            parents[b].add(a)

    @functools.cache
    def ancestors(cls: rdflib.term.Node) -> frozenset:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return frozenset(seen)

    super_properties: dict[rdflib.term.Node, set] = defaultdict(set)
    for child, parent in ontology.subject_objects(RDFS.subPropertyOf):
        super_properties[child].add(parent)
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))

    def with_supers(prop: rdflib.term.Node) -> set:
        seen, todo = {prop}, [prop]
        while todo:
            for parent in super_properties.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    domains = {p: {d for d in ontology.objects(p, RDFS.domain) if named(d)} for p in ontology.subjects(RDFS.domain, None)}
    ranges = {p: {r for r in ontology.objects(p, RDFS.range) if named(r)} for p in object_properties}
    disjoint: list[tuple[rdflib.term.Node, rdflib.term.Node]] = []
    for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        disjoint.extend(combinations(_rdf_list(ontology, ontology.value(group, OWL.members)), 2))
    disjoint.extend(ontology.subject_objects(OWL.disjointWith))
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))

    # node -> class -> why ("asserted", "domain of p", "range of p")
    why: dict[rdflib.term.Node, dict[rdflib.term.Node, str]] = defaultdict(dict)

    def add(node: rdflib.term.Node, cls: rdflib.term.Node, reason_: str) -> None:
        for ancestor in ancestors(cls):
            why[node].setdefault(ancestor, reason_)

    def short(term: rdflib.term.Node) -> str:
        try:
            return ontology.namespace_manager.normalizeUri(term)
        except Exception:  # pragma: no cover - odd IRIs
            return str(term)

    for s, p, o in data:
        if p == RDF.type:
            if named(o):
                add(s, o, "asserted")
            continue
        for prop in with_supers(p):
            for cls in domains.get(prop, ()):
                add(s, cls, f"domain of {short(p)}")
            if not isinstance(o, rdflib.Literal):
                for cls in ranges.get(prop, ()):
                    add(o, cls, f"range of {short(p)}")

    violations: list[Violation] = []

    def clashes(classes: dict[rdflib.term.Node, str]) -> list[tuple[rdflib.term.Node, rdflib.term.Node]]:
        return [(a, b) for a, b in disjoint if a in classes and b in classes]

    for node, classes in why.items():
        for a, b in clashes(classes):
            violations.append(Violation(
                focus=str(node), path=str(RDF.type),
                message=(f"is both {short(a)} ({classes[a]}) and {short(b)} ({classes[b]}), "
                         "which the ontology declares disjoint"),
                severity="Violation", evidence=_evidence(data, node), check="owl",
            ))
    for prop in sorted(functional, key=str):
        values: dict[rdflib.term.Node, set] = defaultdict(set)
        for s, o in data.subject_objects(prop):
            values[s].add(o)
        for node, objects in values.items():
            if len(objects) < 2:
                continue
            if any(isinstance(o, rdflib.Literal) for o in objects):
                violations.append(Violation(
                    focus=str(node), path=str(prop),
                    message=f"has {len(objects)} values of the functional property {short(prop)}",
                    severity="Violation", evidence=_evidence(data, node), check="owl",
                ))
                continue
            pooled: dict[rdflib.term.Node, str] = {}
            for o in sorted(objects, key=str):
                for cls, reason_ in why.get(o, {}).items():
                    pooled.setdefault(cls, f"{reason_} of {o}")
            for a, b in clashes(pooled):
                violations.append(Violation(
                    focus=str(node), path=str(prop),
                    message=(f"has values of the functional property {short(prop)} that must be one "
                             f"individual, but one is {short(a)} ({pooled[a]}) and one {short(b)} "
                             f"({pooled[b]}), which the ontology declares disjoint"),
                    severity="Violation", evidence=_evidence(data, node), check="owl",
                ))
    return violations


def _rdflib_literal_conversions() -> None:
    """Undo what owlrl leaves in rdflib's literal parsers after any OWL-RL/RDFS closure.

    pySHACL's ``inference=`` runs owlrl, which swaps in its own lexical parsers and "restores"
    only the datatypes rdflib itself has: its parsers for ``xsd:gMonthDay``, ``gMonth``, ``gYear``
    ... stay, and reject valid values (``"--07-25"`` raises "Invalid gMonthDay"), so every partial
    date of a graph parsed afterwards in the same process fails the shapes' ``sh:datatype``.
    """
    owlrl = sys.modules.get("owlrl.DatatypeHandling")
    if owlrl is None:
        return
    from rdflib.term import XSDToPython, _toPythonMapping

    for datatype, parser in owlrl.AltXSDToPYTHON.items():
        if datatype not in XSDToPython and _toPythonMapping.get(datatype) is parser:
            del _toPythonMapping[datatype]


def validate_graph(graph: str | Path | rdflib.Graph, *, reasoner: bool = True) -> ValidationResult:
    """Validate against ``ontology/shapes.ttl`` and, with ``reasoner``, check OWL consistency.

    Violations name the node and its source span; they are sorted, SHACL's first. (An rdflib
    graph passed in should be parsed after :func:`validate_graph` was imported or called once:
    see :func:`_rdflib_literal_conversions`.)

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "event.ttl").write_text(
    ...     "<https://w3id.org/diplokg/id/event/e1> a <https://w3id.org/diplokg/ontology#Meeting> .\\n")
    >>> from diplokg import validate_graph
    >>> result = validate_graph(work / "event.ttl", reasoner=False)  # the reasoner needs Java
    >>> result.conforms, result.consistent
    (False, None)
    >>> print(result.violations[0])
    Violation: https://w3id.org/diplokg/id/event/e1 http://www.w3.org/ns/prov#wasDerivedFrom: Needs at least one prov:wasDerivedFrom pointing at the text span it came from.
    """
    _rdflib_literal_conversions()
    data = graph if isinstance(graph, rdflib.Graph) else _load(Path(graph))
    conforms, violations = _shacl(data)
    consistent = None
    if reasoner:
        import owlready2

        try:
            reason(graph if not isinstance(graph, rdflib.Graph) else data)
            consistent = True
        except owlready2.OwlReadyInconsistentOntologyError:
            consistent = False
            found = explain_inconsistency(data)
            violations.extend(found or [Violation(
                focus="(the graph)", path=None,
                message="HermiT finds the graph inconsistent with the ontology; no single node explains it",
                severity="Violation", evidence=None, check="owl",
            )])
    # pySHACL reports a node once per shape that rejects it; identical lines say nothing more.
    unique = sorted(set(violations), key=lambda v: (v.check != "shacl", v.focus, v.path or "", v.message))
    return ValidationResult(conforms=conforms and consistent is not False, violations=tuple(unique),
                            consistent=consistent)
