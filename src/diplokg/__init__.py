"""diplokg: news articles about diplomacy -> a linked-data knowledge graph.

The public API, each documented with an example that runs (and in ``docs/api.md``):

- :func:`build` (``diplokg.builder.build``): articles -> graph files, a :class:`~diplokg.builder.BuildReport`;
- :func:`read_inputs` (``diplokg.ingest.read_inputs``): files -> ``Document`` records, with an
  ``InputError`` record for each bad input;
- :func:`validate_graph` (``diplokg.validate.validate_graph``): SHACL shapes and OWL consistency;
- :func:`open_store` (``diplokg.identity.open_store``): an embedded or a remote triple store, the
  latter configured by one :class:`~diplokg.stores.remote.RemoteOptions`, keeping its identity graph;
- :func:`evaluate` (``diplokg.scoring.evaluate``): a build scored against gold annotations.

Importing the package loads none of them: each is imported on first use (spaCy and pySHACL are
slow to load).

>>> import diplokg
>>> sorted(set(diplokg.__all__) - {"__version__"})
['RemoteOptions', 'build', 'evaluate', 'open_store', 'read_inputs', 'validate_graph']
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
    from .scoring import evaluate
    from .ingest import read_inputs
    from .identity import open_store
    from .stores.remote import RemoteOptions
    from .validate import validate_graph

#: Public name -> the module that defines it (imported on first use, PEP 562).
_LAZY = {
    "build": "diplokg.builder",
    "read_inputs": "diplokg.ingest",
    "validate_graph": "diplokg.validate",
    "open_store": "diplokg.identity",
    "RemoteOptions": "diplokg.stores.remote",
    "evaluate": "diplokg.scoring",
}

__all__ = ["__version__", "build", "read_inputs", "validate_graph", "open_store", "RemoteOptions", "evaluate"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'diplokg' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
