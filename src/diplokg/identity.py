"""The identity stage on a store, and the public way to open one.

A store recomputes its identity graph after every change (:mod:`diplokg.stores`), but does not
know how identity is decided: :func:`store_identity` reads back what its article graphs say
(:func:`diplokg.mapping.store_observations`), decides with the build's own rules
(:class:`diplokg.resolve.Resolver`) and returns the identity graph's triples
(:func:`diplokg.mapping.identity_triples`). :func:`open_store` opens a store with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pyoxigraph import Triple

from . import stores
from .mapping import identity_triples, store_observations
from .rdf.iris import Minter
from .resolve import Resolver

__all__ = ["open_store", "store_identity"]


def store_identity(select: Callable[[str], Any], base: str) -> list[Triple]:
    """The identity graph of the articles a store holds under ``base`` (a :data:`diplokg.stores.Identity`)."""
    resolver = Resolver()
    resolver.observe(*store_observations(select, base))
    return identity_triples(resolver.person_links(), resolver.event_links(), Minter(base))


def open_store(name: str, **options: Any) -> stores.TripleStore:
    """Open the store registered as ``name`` (see :func:`diplokg.stores.open_store` for the
    options), keeping its identity graph with :func:`store_identity`.

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "visit.txt").write_text("Indonesian Foreign Minister Retno Marsudi met Japanese Foreign "
    ...     "Minister Yoko Kamikawa in Jakarta on 3 May 2024.\\n", encoding="utf-8")
    >>> from diplokg import build, open_store
    >>> report = build([work / "visit.txt"], work / "out")
    >>> with open_store("embedded", path=work / "store") as store:
    ...     loaded = store.load(work / "out" / "graph.trig")
    ...     rows = store.query("SELECT ?name WHERE { ?person a <https://w3id.org/diplokg/ontology#Person> ; "
    ...                        "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name").rows
    >>> loaded.graphs, [row["name"] for row in rows]
    (2, ['Retno Marsudi', 'Yoko Kamikawa'])
    >>> from diplokg import RemoteOptions
    >>> open_store("remote", options=RemoteOptions("http://127.0.0.1:7878/query", timeout=0))
    Traceback (most recent call last):
    ...
    diplokg.errors.ConfigError: [E421] --timeout 0 is not a positive number of seconds. Fix: ...
    """
    options.setdefault("identity", store_identity)
    return stores.open_store(name, **options)
