"""diplokg: news articles about diplomacy -> a linked-data knowledge graph.

The public API, each documented with an example that runs (and in ``docs/api.md``):

- :func:`build` (``diplokg.builder.build``): articles -> graph files, a :class:`~diplokg.builder.BuildReport`;
- :func:`build_parallel` (``diplokg.shards.build_parallel``): the same build on worker processes or
  a Dask cluster, resumable, byte-identical files (what ``diplokg build`` runs);
- :func:`read_inputs` (``diplokg.ingest.read_inputs``): files -> ``Document`` records, with an
  ``InputError`` record for each bad input;
- :func:`validate_graph` (``diplokg.validate.validate_graph``): SHACL shapes and OWL consistency;
- :func:`open_store` (``diplokg.identity.open_store``): an embedded or a remote triple store, the
  latter configured by one :class:`~diplokg.stores.remote.RemoteOptions`, keeping its identity graph;
- :func:`select` (``diplokg.query.select``): a SPARQL SELECT (a bundled query, an ``.rq`` file or
  text, with parameters and a page) on a graph file or a store, a
  :class:`~diplokg.rdf.select.QueryResult`; :func:`prepare_query`, the text it runs;
  :func:`bundled_queries`, what each bundled query answers and the parameters it takes;
- :func:`evaluate` (``diplokg.scoring.evaluate``): a build scored against gold annotations, a
  :class:`~diplokg.scoring.Report` (``report.table()``);
- :func:`nlp_eval` (``diplokg.nlp_scoring.nlp_eval``): the language layer scored on the public
  test splits, :class:`~diplokg.nlp_scoring.LanguageScores` (``scores.table()``).

Importing the package loads none of them: each is imported on first use (spaCy and pySHACL are
slow to load). The command line (``diplokg.cli``) and the linked-data server and site
(``diplokg.publish``) use the stages through these names only.

>>> import diplokg
>>> sorted(set(diplokg.__all__) - {"__version__"})  # doctest: +NORMALIZE_WHITESPACE
['RemoteOptions', 'build', 'build_parallel', 'bundled_queries', 'evaluate', 'nlp_eval', 'open_store',
 'prepare_query', 'read_inputs', 'select', 'validate_graph']
>>> from diplokg.ingest import read_inputs
>>> diplokg.read_inputs is read_inputs
True
>>> isinstance(diplokg.__version__, str)
True
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("diplokg")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from .builder import build
    from .identity import open_store
    from .ingest import read_inputs
    from .nlp_scoring import nlp_eval
    from .query import bundled_queries, prepare_query, select
    from .scoring import evaluate
    from .shards import build_parallel
    from .stores.remote import RemoteOptions
    from .validate import validate_graph

#: Public name -> the module that defines it (imported on first use, PEP 562). No name here is
#: also a submodule's: importing ``diplokg.NAME`` would replace the function with the module.
_LAZY = {
    "build": "diplokg.builder",
    "build_parallel": "diplokg.shards",
    "read_inputs": "diplokg.ingest",
    "validate_graph": "diplokg.validate",
    "open_store": "diplokg.identity",
    "RemoteOptions": "diplokg.stores.remote",
    "select": "diplokg.query",
    "prepare_query": "diplokg.query",
    "bundled_queries": "diplokg.query",
    "evaluate": "diplokg.scoring",
    "nlp_eval": "diplokg.nlp_scoring",
}

__all__ = ["__version__", "build", "build_parallel", "read_inputs", "validate_graph", "open_store", "RemoteOptions",
           "select", "prepare_query", "bundled_queries", "evaluate", "nlp_eval"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'diplokg' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
