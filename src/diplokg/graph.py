"""Quads -> files: deterministic, streaming, atomic serialisation.

Articles are written one at a time (memory does not grow with the corpus). Each article's quads
are sorted before writing, so the same input gives byte-identical files. Files are written to a
temporary name beside the target and renamed into place only when complete, so a crash never
leaves a half-written graph.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from .namespace import PREFIXES

__all__ = ["GraphWriter", "FORMATS"]

#: name -> (file suffix, pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[str, RdfFormat, bool]] = {
    "turtle": ("ttl", RdfFormat.TURTLE, False),
    "trig": ("trig", RdfFormat.TRIG, True),
    "ntriples": ("nt", RdfFormat.N_TRIPLES, False),
    "nquads": ("nq", RdfFormat.N_QUADS, True),
}
_WITH_PREFIXES = {RdfFormat.TURTLE, RdfFormat.TRIG}


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _sort_key(quad: Quad) -> tuple[str, str, bool, str, str]:
    # Graph, then subject; rdf:type first so each description opens with "a ...".
    graph = quad.graph_name.value if hasattr(quad.graph_name, "value") else ""
    return (graph, quad.subject.value if hasattr(quad.subject, "value") else str(quad.subject),
            quad.predicate.value != _RDF_TYPE, quad.predicate.value, str(quad.object))


def _strip_prefixes(data: bytes) -> bytes:
    """Drop the ``@prefix`` header pyoxigraph writes for every chunk; it is written once per file."""
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix"):
        i += 1
    return b"\n".join(lines[i:])


class GraphWriter:
    """Writes ``graph.<suffix>`` files under ``out_dir`` article by article.

    >>> import tempfile, pathlib
    >>> from pyoxigraph import NamedNode, Literal, Quad
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with GraphWriter(d, ["turtle"]) as w:
    ...     w.write_article([Quad(NamedNode("http://ex.org/a"), NamedNode("http://ex.org/p"), Literal("x"), NamedNode("http://ex.org/g"))])
    >>> "<http://ex.org/a>" in (d / "graph.ttl").read_text()
    True
    """

    def __init__(self, out_dir: str | Path, formats: Iterable[str] = ("turtle", "trig")) -> None:
        self.out_dir = Path(out_dir)
        self.formats = list(dict.fromkeys(formats))
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown:
            raise ValueError(f"unknown output format(s) {unknown}; choose from {sorted(FORMATS)}")
        self._files: dict[str, tuple[io.BufferedWriter, str, Path]] = {}
        self.paths: dict[str, Path] = {}

    def __enter__(self) -> "GraphWriter":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name in self.formats:
            suffix, fmt, _ = FORMATS[name]
            target = self.out_dir / f"graph.{suffix}"
            fd, tmp = tempfile.mkstemp(prefix=f".graph.{suffix}.", suffix=".tmp", dir=self.out_dir)
            handle = os.fdopen(fd, "wb")
            if fmt in _WITH_PREFIXES:
                for prefix, iri in sorted(PREFIXES.items()):
                    handle.write(f"@prefix {prefix}: <{iri}> .\n".encode())
                handle.write(b"\n")
            self._files[name] = (handle, tmp, target)
        return self

    def write_article(self, quads: Iterable[Quad]) -> int:
        """Write one article's quads to every open format; returns the number of distinct quads."""
        ordered = sorted(set(quads), key=_sort_key)
        for name, (handle, _tmp, _target) in self._files.items():
            _suffix, fmt, keeps_graphs = FORMATS[name]
            items = ordered if keeps_graphs else [Triple(q.subject, q.predicate, q.object) for q in ordered]
            kwargs = {"prefixes": PREFIXES} if fmt in _WITH_PREFIXES else {}
            data = serialize(items, format=fmt, **kwargs)
            if fmt in _WITH_PREFIXES:
                data = _strip_prefixes(data)
            handle.write(data)
            if not data.endswith(b"\n"):
                handle.write(b"\n")
        return len(ordered)

    def __exit__(self, exc_type, exc, tb) -> None:
        for name, (handle, tmp, target) in self._files.items():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            if exc_type is None:
                os.replace(tmp, target)
                self.paths[name] = target
            else:
                os.unlink(tmp)
        self._files.clear()
