"""diplokg: news articles about diplomacy -> a linked-data knowledge graph.

The public API, each documented with an example that runs (and in ``docs/api.md``):

- :func:`build` (``diplokg.build.build``): articles -> graph files, a :class:`~diplokg.build.BuildReport`;
- :func:`read_inputs` (``diplokg.ingest.read_inputs``): files -> ``Document`` records, with an
  ``InputError`` record for each bad input;
- :func:`validate_graph` (``diplokg.validate.validate_graph``): SHACL shapes and OWL consistency;
- :func:`open_store` (``diplokg.identity.open_store``): an embedded or a remote triple store, the
  latter configured by one :class:`~diplokg.stores.remote.RemoteOptions`, keeping its identity graph;
- :func:`evaluate` (``diplokg.evaluate.evaluate``): a build scored against gold annotations.

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

import sys
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("diplokg")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0.0.0"

if TYPE_CHECKING:
    from .build import build
    from .evaluate import evaluate
    from .ingest import read_inputs
    from .identity import open_store
    from .stores.remote import RemoteOptions
    from .validate import validate_graph

#: Public name -> the module that defines it (imported on first use, PEP 562).
_LAZY = {
    "build": "diplokg.build",
    "read_inputs": "diplokg.ingest",
    "validate_graph": "diplokg.validate",
    "open_store": "diplokg.identity",
    "RemoteOptions": "diplokg.stores.remote",
    "evaluate": "diplokg.evaluate",
}

__all__ = ["__version__", "build", "read_inputs", "validate_graph", "open_store", "RemoteOptions", "evaluate"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'diplokg' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


# ``build`` and ``evaluate`` are both a function of the API and the module that defines it, and
# importing a submodule sets the package attribute of its name to the module. So the attribute
# is the module made callable: ``diplokg.build(paths, out)`` calls ``diplokg.build.build``, while
# ``import diplokg.build`` and ``diplokg.build.build_nlp`` keep meaning the module.
class _StageModule(ModuleType):
    """A stage module that is also its stage's function (``diplokg.build``, ``diplokg.evaluate``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def _stage(name: str) -> property:
    def get(_package: ModuleType) -> ModuleType:
        module = import_module(f"{__name__}.{name}")
        if type(module) is ModuleType:
            module.__class__ = _StageModule
        return module

    def set_(_package: ModuleType, _value: Any) -> None:
        pass  # the import system binding the submodule: it is in sys.modules, ``get`` finds it

    return property(get, set_, doc=f"The {name} stage: a module, and callable as its function {name}().")


class _Package(ModuleType):
    build = _stage("build")
    evaluate = _stage("evaluate")


sys.modules[__name__].__class__ = _Package
