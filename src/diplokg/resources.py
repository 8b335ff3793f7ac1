"""Paths to the non-Python artefacts diplokg ships: ontology, shapes, knowledge base, queries, config.

Installed, they are package data (``diplokg.ontology``, ``diplokg.ontology.kb``,
``diplokg.queries``, ``diplokg.pipeline``) read through :mod:`importlib.resources`. Run from a
source checkout with ``PYTHONPATH=src``, ``ontology/`` and ``queries/`` are not packages, so the
repository directories are used instead.

>>> ontology_path().name
'diplokg.ttl'

Reasoning over diplokg output with owlready2 + HermiT: HermiT accepts only the OWL 2 datatype
map, and the data model uses literals outside it: ``xsd:date`` (schema:datePublished,
schema:startDate), ``xsd:gYear``, ``xsd:gYearMonth``, ``xsd:gMonthDay``, ``xsd:gMonth`` (partial
dates) and ``xsd:duration`` (schema:duration). HermiT stops with ``UnsupportedDatatypeException``
on the first of them. A caller must either pass ``ignore_unsupported_datatypes=True`` to
``owlready2.sync_reasoner_hermit`` (what the tests do; the literals are then opaque to the
reasoner, which no axiom of the ontology needs), or strip the triples whose object has one of
:data:`REASONER_UNSUPPORTED_DATATYPES` before loading. owlready2 itself cannot parse Turtle: give
it N-Triples or RDF/XML (e.g. ``rdflib.Graph().parse(ontology_path()).serialize(f, format="nt")``).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = [
    "REASONER_UNSUPPORTED_DATATYPES",
    "event_codes_path",
    "kb_dir",
    "list_queries",
    "ontology_dir",
    "ontology_path",
    "pipeline_config_path",
    "queries_dir",
    "query_text",
    "shapes_path",
    "trained_pipeline_path",
]

_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Datatypes the data model uses that HermiT rejects (not in the OWL 2 datatype map).
REASONER_UNSUPPORTED_DATATYPES: frozenset[str] = frozenset(
    _XSD + name for name in ("date", "gYear", "gYearMonth", "gMonthDay", "gMonth", "duration")
)

_REPO = Path(__file__).resolve().parents[2]


def _package_dir(package: str, fallback: Path) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        # Development checkout with PYTHONPATH=src: the directory is not a package there.
        return fallback


def ontology_dir() -> Traversable:
    """The directory holding the ontology, shapes and language lexicon."""
    return _package_dir("diplokg.ontology", _REPO / "ontology")


def ontology_path() -> Traversable:
    """The OWL ontology, ``diplokg.ttl`` (Turtle)."""
    return ontology_dir() / "diplokg.ttl"


def shapes_path() -> Traversable:
    """The SHACL shapes for an output graph, ``shapes.ttl`` (Turtle)."""
    return ontology_dir() / "shapes.ttl"


def event_codes_path() -> Traversable:
    """The SKOS scheme of CAMEO and PLOVER codes the event classes match, ``event-codes.ttl``."""
    return ontology_dir() / "event-codes.ttl"


def kb_dir() -> Traversable:
    """The knowledge base of known states, forums, roles, people and places."""
    return _package_dir("diplokg.ontology.kb", _REPO / "ontology" / "kb")


def queries_dir() -> Traversable:
    """The bundled SPARQL queries (``*.rq``)."""
    return _package_dir("diplokg.queries", _REPO / "queries")


def pipeline_config_path() -> Traversable:
    """The packaged spaCy pipeline config, ``pipeline/config.cfg``."""
    # Through the parent package, so that asking for the path does not import spaCy.
    return resources.files("diplokg") / "pipeline" / "config.cfg"


def trained_pipeline_path(language: str) -> Traversable:
    """The trained spaCy pipeline shipped for ``language`` (``models/id``, ``models/en``).

    A directory as ``spacy.load`` reads it (tagger/morphologizer, parser, ner); copied there from
    ``training/pipelines`` by ``spacy project run export training``. Raises
    :class:`FileNotFoundError` for a language without one.
    """
    entry = resources.files("diplokg") / "models" / language
    if not (entry / "config.cfg").is_file():
        raise FileNotFoundError(
            f"No trained pipeline for language {language!r} in the installed package (models/{language}); "
            "reinstall diplokg, or run `spacy project run export training` in a source checkout"
        )
    return entry


def list_queries() -> list[str]:
    """Names of the bundled queries (file stems), sorted."""
    directory = queries_dir()
    if not directory.is_dir():
        return []
    return sorted(
        entry.name.removesuffix(".rq")
        for entry in directory.iterdir()
        if entry.name.endswith(".rq") and entry.is_file()
    )


def query_text(name: str) -> str:
    """The text of the bundled query ``name`` (with or without ``.rq``).

    Raises :class:`FileNotFoundError` naming the bundled queries when there is none by that name.
    """
    stem = name.removesuffix(".rq")
    entry = queries_dir() / f"{stem}.rq"
    if not entry.is_file():
        known = ", ".join(list_queries()) or "none"
        raise FileNotFoundError(f"No bundled query named {stem!r}; bundled queries: {known}.")
    return entry.read_text(encoding="utf-8")
