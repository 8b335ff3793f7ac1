"""SHACL validation of a built graph against the packaged shapes (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyshacl import validate as shacl_validate

from .resources import shapes_path

__all__ = ["Violation", "ValidationResult", "validate_graph"]

_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
_NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    evidence: str | None  # "article#char=b,e: text" of the focus node when it has one

    def __str__(self) -> str:
        where = f" [{self.evidence}]" if self.evidence else ""
        return f"{self.severity}: {self.focus} {self.path or ''}: {self.message}{where}"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    conforms: bool
    violations: tuple[Violation, ...]


def _load(path: Path) -> rdflib.Graph:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown graph format; use one of {sorted(_FORMATS)}")
    if fmt in ("trig", "nquads"):
        dataset = rdflib.Dataset()
        dataset.parse(path, format=fmt)
        graph = rdflib.Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    graph = rdflib.Graph()
    graph.parse(path, format=fmt)
    return graph


def validate_graph(graph: str | Path | rdflib.Graph) -> ValidationResult:
    """Validate against ``ontology/shapes.ttl``; violations name the node and its source span."""
    data = graph if isinstance(graph, rdflib.Graph) else _load(Path(graph))
    shapes = rdflib.Graph().parse(str(shapes_path()), format="turtle")
    conforms, report, _text = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = []
    for result in report.objects(None, _SH.result):
        focus = report.value(result, _SH.focusNode)
        path = report.value(result, _SH.resultPath)
        message = report.value(result, _SH.resultMessage)
        severity = report.value(result, _SH.resultSeverity)
        evidence = None
        span = data.value(focus, _PROV.wasDerivedFrom) if focus is not None else None
        if span is None and focus is not None and (focus, _NIF.anchorOf, None) in data:
            span = focus
        if span is not None:
            anchor = data.value(span, _NIF.anchorOf)
            evidence = f"{span}: {anchor}" if anchor is not None else str(span)
        violations.append(Violation(
            focus=str(focus), path=str(path) if path is not None else None,
            message=str(message) if message is not None else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            evidence=evidence,
        ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationResult(conforms=bool(conforms), violations=tuple(violations))
