"""diplokg: news articles about diplomacy -> a linked-data knowledge graph.

The stages are modules: ``diplokg.ingest.read_inputs``, ``diplokg.build.build``,
``diplokg.evaluate.evaluate``, ``diplokg.validate.validate_graph``, ``diplokg.query.run_query``.
Importing the package loads none of them (spaCy and pySHACL load on first use).

>>> from diplokg import __version__
>>> isinstance(__version__, str)
True
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("diplokg")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0.0.0"

__all__ = ["__version__"]
