"""The one table of RDF serialisations: name, file suffix, media type, pyoxigraph format.

Every place that writes, reads, offers or negotiates an RDF syntax looks it up here: the writers
(:mod:`diplokg.rdf.writers`), ``diplokg build --format``, reading a graph file by its suffix
(query, validate, evaluate, stores), and the publishing server's documents and dumps.

>>> FORMATS["trig"].suffix, FORMATS["trig"].media_type, FORMATS["trig"].named_graphs
('trig', 'application/trig', True)
>>> by_suffix("graph.NQ").name
'nquads'
>>> by_media_type("application/ld+json").suffix
'jsonld'
>>> WRITTEN
('turtle', 'trig', 'ntriples', 'nquads', 'jsonld')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from pyoxigraph import RdfFormat

__all__ = ["Format", "FORMATS", "WRITTEN", "DEFAULT_WRITTEN", "QUAD_FILES", "UNION_FILES", "DESCRIPTIONS", "DUMPS", "by_suffix", "by_media_type", "by_format",
           "suffixes"]


@dataclass(frozen=True)
class Format:
    """One RDF serialisation."""

    #: The name ``diplokg build --format`` takes.
    name: str
    #: File suffix without the dot (``graph.<suffix>``).
    suffix: str
    media_type: str
    #: The pyoxigraph format that parses it (and writes it, except JSON-LD: see ``rdf.jsonld``).
    rdf_format: RdfFormat
    #: Whether the syntax keeps named graphs (one per article).
    named_graphs: bool
    #: Name for people (link text, messages).
    label: str
    #: Whether diplokg writes it (a build format); the others are only read.
    written: bool = True
    #: Further suffixes read as this format.
    aliases: tuple[str, ...] = ()
    #: rdflib's name of the syntax (for rdflib and pySHACL).
    rdflib_name: str = ""


_ALL = (
    Format("turtle", "ttl", "text/turtle", RdfFormat.TURTLE, False, "Turtle", aliases=("turtle",), rdflib_name="turtle"),
    Format("trig", "trig", "application/trig", RdfFormat.TRIG, True, "TriG", rdflib_name="trig"),
    Format("ntriples", "nt", "application/n-triples", RdfFormat.N_TRIPLES, False, "N-Triples", rdflib_name="nt"),
    Format("nquads", "nq", "application/n-quads", RdfFormat.N_QUADS, True, "N-Quads", rdflib_name="nquads"),
    # Written by diplokg.rdf.jsonld (compacted with the published context), not by pyoxigraph.
    Format("jsonld", "jsonld", "application/ld+json", RdfFormat.JSON_LD, True, "JSON-LD", aliases=("json-ld",), rdflib_name="json-ld"),
    Format("rdfxml", "rdf", "application/rdf+xml", RdfFormat.RDF_XML, False, "RDF/XML", written=False,
           aliases=("owl", "xml"), rdflib_name="xml"),
    Format("n3", "n3", "text/n3", RdfFormat.N3, False, "N3", written=False, rdflib_name="n3"),
)

#: Name -> format, for every syntax diplokg reads or writes (the written ones first, in build order).
FORMATS: dict[str, Format] = {f.name: f for f in _ALL}
#: The names ``diplokg build --format`` takes, in the order files are written.
WRITTEN: tuple[str, ...] = tuple(f.name for f in _ALL if f.written)
#: The files a store loads from a build directory, in order of preference (line-based N-Quads
#: first: the fastest to parse).
QUAD_FILES: tuple[str, ...] = ("nquads", "trig")
#: The deduplicated union files (no named graphs) a build writes, in order of preference.
UNION_FILES: tuple[str, ...] = ("ntriples", "turtle")
#: The serialisations a resource's description is offered in (``/doc/{rest}.<suffix>``), in the
#: order they are listed; triples only, since a description gathers several graphs.
#: What ``diplokg build`` writes when no ``--format`` is given.
DEFAULT_WRITTEN: tuple[str, ...] = ("turtle", "trig")
DESCRIPTIONS: tuple[str, ...] = ("turtle", "jsonld", "ntriples")
#: The whole-graph dumps a publication offers (``dumps/graph.<suffix>``).
DUMPS: tuple[str, ...] = ("turtle", "ntriples", "nquads")

_BY_SUFFIX = {"." + s: f for f in _ALL for s in (f.suffix, *f.aliases)}
_BY_MEDIA = {f.media_type: f for f in _ALL}
_BY_RDF_FORMAT = {f.rdf_format: f for f in _ALL}


def by_suffix(path: str | PurePath) -> Format | None:
    """The format of a file, from its suffix (any case), or None."""
    return _BY_SUFFIX.get(PurePath(path).suffix.lower())


def by_media_type(media_type: str) -> Format | None:
    """The format of a media type (parameters ignored), or None."""
    return _BY_MEDIA.get(media_type.split(";", 1)[0].strip().lower())


def by_format(rdf_format: RdfFormat) -> Format:
    """The entry of a pyoxigraph format."""
    return _BY_RDF_FORMAT[rdf_format]


def suffixes(*, written_only: bool = False) -> list[str]:
    """Every suffix read (with the dot), sorted, for messages."""
    return sorted(s for s, f in _BY_SUFFIX.items() if f.written or not written_only)
