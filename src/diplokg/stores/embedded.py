"""The embedded store: a pyoxigraph :class:`~pyoxigraph.Store` in a directory, no server.

Every write that must be all-or-nothing is one SPARQL Update, which pyoxigraph applies in one
transaction: replacing an article graph is ``DROP`` + ``INSERT DATA`` in a single update, so a
reader (or a crash) sees the old graph or the new one, never a mixture. The same update keeps the
deduplicated union copy in the store's default graph exact (see :mod:`diplokg.stores`), and
queries read that default graph, not the union of the named graphs.

>>> import tempfile
>>> from pyoxigraph import Literal, NamedNode, Triple
>>> store = EmbeddedStore(tempfile.mkdtemp())
>>> g = NamedNode("https://w3id.org/diplokg/id/graph/x")
>>> p = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
>>> store.replace_article(g, [Triple(NamedNode("https://w3id.org/diplokg/id/person/a"), p, Literal("A"))])
1
>>> store.replace_article(g, [Triple(NamedNode("https://w3id.org/diplokg/id/person/b"), p, Literal("B"))])
1
>>> [row["l"] for row in store.query("SELECT ?l WHERE { ?s ?p ?l }").rows]
['B']
>>> store.close()
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple

from ..errors import StoreError
from ..rdf.select import QueryResult, run_query
from ..rdf.formats import FORMATS, UNION_FILES
from ..rdf.iris import DEFAULT_BASE, Minter, base_of, is_kb_graph
from .base import (
    GraphSource,
    LoadReport,
    _graph_file,
    article_graph,
    as_triples,
    check_source,
    graph_update,
    Identity,
    insert_data,
    loaded_graphs,
    link_update,
    missing_identity,
    register_store,
    repair_identity,
    union_pattern,
    update_text,
)

__all__ = ["EmbeddedStore"]

#: Graphs per update in :meth:`EmbeddedStore.load` (bounds the size of one update's text).
_LOAD_BATCH = 200


def _is_store(path: Path) -> bool:
    """True when ``path`` holds a pyoxigraph (RocksDB) database: every one has a ``CURRENT`` file."""
    return (path / "CURRENT").is_file()


@register_store("embedded")
class EmbeddedStore:
    """A persistent pyoxigraph store in ``path``.

    Created when missing only with ``create`` (the default; ``build --store``, ``load --store``);
    ``read_only`` or ``create=False`` (reading, removing) refuse a missing store and create
    nothing. Opening repairs a missing identity graph (:func:`~diplokg.stores.repair_identity`);
    a read-only open does so only when no other process holds the store for writing.
    """

    name = "embedded"

    def __init__(self, path: str | Path, *, read_only: bool = False, create: bool = True,
                 identity: Identity | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.identity = identity
        if (read_only or not create) and not _is_store(self.path):
            what = "no such directory" if not self.path.exists() else "not a pyoxigraph store"
            raise StoreError(f"No store at {self.path} ({what}); nothing was created.",
                             hint="check the path, or create a store with diplokg build --store DIR or diplokg load GRAPH --store DIR.")
        try:
            if read_only:
                self._store: Store | None = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as err:
            raise StoreError(
                f"Cannot open the store at {self.path}: {err}",
                hint="another diplokg process may hold it open; wait for it or use another directory.",
            ) from err
        if identity is None:
            return
        if not read_only:
            repair_identity(self)
        elif missing_identity(self.graphs()):
            self._repair_from_read_only()

    def _repair_from_read_only(self) -> None:
        """Repair through a short read-write open, then read the repaired store; skipped (the store
        is read as it is) when another process holds it open for writing."""
        try:
            EmbeddedStore(self.path, identity=self.identity).close()  # a read-write open repairs
        except StoreError:
            return
        self._store = Store.read_only(str(self.path))

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The underlying pyoxigraph store."""
        if self._store is None:
            raise StoreError(f"The store at {self.path} is closed.")
        return self._store

    def _update(self, text: str) -> None:
        try:
            self.store.update(text)
        except (OSError, SyntaxError) as err:
            raise StoreError(f"Writing to the store at {self.path} failed: {err}", hint="nothing was changed by this step.") from err

    def close(self) -> None:
        """Flush and release the directory (pyoxigraph frees it when the last reference goes)."""
        if self._store is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None

    def optimize(self) -> None:
        """Compact the store after a large write (a bulk load, a build): on a 20,000-article store
        it takes 9-15 s; the bundled queries then run 10-15 % faster than on the freshly written
        files, and scans of the whole store (the identity graph's) 3-4x faster."""
        try:
            self.store.optimize()
        except OSError as err:
            raise StoreError(f"Compacting the store at {self.path} failed: {err}", hint="the data is intact; query it as it is.") from err

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------------------

    def graphs(self) -> list[NamedNode]:
        """Named graphs in the store, sorted by IRI."""
        return sorted((g for g in self.store.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value)

    def iter_graphs(self) -> Iterator[tuple[NamedNode, list[Triple]]]:
        """(graph, triples) for every named graph, one graph in memory at a time."""
        for graph in self.graphs():
            yield graph, [q.triple for q in self.store.quads_for_pattern(None, None, None, graph)]

    def triples_in(self, graph: NamedNode | str) -> set[Triple]:
        """The triples of one named graph."""
        node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
        return {q.triple for q in self.store.quads_for_pattern(None, None, None, node)}

    def __len__(self) -> int:
        return len(self.store)

    def query(self, text: str) -> QueryResult:
        """Run a SELECT over the union copy in the default graph (see :mod:`diplokg.stores`)."""
        return run_query(self.store, text, union=False)

    def default_triples(self) -> set[Triple]:
        """The triples of the default graph (the union copy)."""
        return {q.triple for q in self.store.quads_for_pattern(None, None, None, DefaultGraph())}

    # -- writing ----------------------------------------------------------------------------

    def _replace_text(self, graph: NamedNode, triples: list[Triple]) -> str:
        if is_kb_graph(graph):
            subjects = " ".join(dict.fromkeys(str(t.subject) for t in triples))
            return update_text("merge-kb", kb=graph.value, entities=subjects, insert=insert_data(graph, triples),
                               union=union_pattern(None))
        return graph_update("replace-graph", graph, None, insert=insert_data(graph, triples))

    def refresh_identity(self, base: str = DEFAULT_BASE) -> int:
        """Recompute the identity graph ``{base}graph/-/identity`` from what the article graphs
        describe (see :mod:`diplokg.stores`); returns its number of triples (0, changing nothing,
        for a store opened without an ``identity`` function)."""
        if self.identity is None:
            return 0
        graph = Minter(base).identity_graph()
        links = self.identity(lambda text: run_query(self.store, text, union=False), base)
        if set(links) != self.triples_in(graph):
            self._update(graph_update("replace-graph", graph, None, insert=insert_data(graph, links)))
        return len(links)

    def replace_article(self, graph: NamedNode | str, triples: Iterable[Triple | Quad]) -> int:
        """Replace one article's named graph by ``triples`` in one transaction; returns their number.

        For the knowledge-base graph the triples are merged instead (each entity's alias set
        replaces its earlier one; other entities keep theirs).
        """
        node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
        items = as_triples(triples)
        if not items and is_kb_graph(node):
            return 0
        self._update(self._replace_text(node, items))
        return len(items)

    def remove_article(self, doc_id: str, *, base: str = DEFAULT_BASE) -> int:
        """Remove article ``doc_id``'s graph (and the aliases of entities only it described).

        Returns the number of triples removed from the article graph; raises :class:`StoreError`
        when the store has no such article.
        """
        graph = article_graph(doc_id, base=base)
        if not self.store.contains_named_graph(graph):
            raise StoreError(
                f"The store at {self.path} has no article {doc_id!r} (graph <{graph.value}>).",
                hint="check the id (the JSONL id or the file stem) and --base.",
            )
        removed = sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))
        minter = Minter(base_of(graph) or base)
        self._update(graph_update("remove-article", graph, None, kb=minter.kb_graph().value,
                                  identity=minter.identity_graph().value))
        self.refresh_identity(minter.base)
        return removed

    def load(self, source: GraphSource) -> LoadReport:
        """Replace, graph by graph, every graph of ``source`` (a file, a build dir, another store).

        A source file is parsed once before anything is written, so a bad file changes nothing;
        then graphs are replaced in updates of up to 200 graphs, each update one transaction.
        """
        start = time.perf_counter()
        check_source(source)
        report = LoadReport(method="update")
        pending: list[str] = []
        pending_size = 0
        seen: set[NamedNode] = set()

        def flush() -> None:
            nonlocal pending_size
            if pending:
                self._update(" ;\n".join(pending))
                pending.clear()
                pending_size = 0

        bases: set[str] = set()
        for graph, triples in loaded_graphs(source, report, bases, keep_identity=self.identity is None):
            if graph in seen and not is_kb_graph(graph):
                # A second block of a graph already replaced in this load adds to it.
                flush()
                self._update(insert_data(graph, triples) + " ;\n" + link_update(graph, None))
            else:
                pending.append(self._replace_text(graph, triples))
                pending_size += 1
                if pending_size >= _LOAD_BATCH:
                    flush()
            seen.add(graph)
        flush()
        for base in sorted(bases):
            self.refresh_identity(base)
        report.seconds = time.perf_counter() - start
        return report

    def bulk_load(self, source: GraphSource) -> LoadReport:
        """Load ``source`` as fast as possible; not atomic.

        Into an empty store a file goes through pyoxigraph's bulk loader (parallel, no
        transaction), and so does the union copy for the default graph: from the build's own
        deduplicated union file beside it (``graph.nt`` or ``graph.ttl`` written by the same
        build, loaded at the same time in a second thread), else derived from the loaded named
        graphs; then the store is compacted (:meth:`optimize`), which the load time includes.
        Otherwise graphs are replaced one by one as :meth:`load` does.
        """
        start = time.perf_counter()
        empty = next(iter(self.store.named_graphs()), None) is None and len(self.store) == 0
        if empty and isinstance(source, (str, Path)):
            path, fmt = _graph_file(Path(source))
            union_file = _union_file_beside(path)
            errors: list[BaseException] = []

            def load_union() -> None:
                try:
                    assert union_file is not None
                    self.store.bulk_load(path=str(union_file[0]), format=union_file[1])
                except BaseException as err:  # reported below, in the calling thread
                    errors.append(err)

            helper = threading.Thread(target=load_union) if union_file is not None else None
            try:
                if helper is not None:
                    helper.start()
                try:
                    self.store.bulk_load(path=str(path), format=fmt)
                finally:
                    if helper is not None:
                        helper.join()
                if errors:
                    raise errors[0]
                if union_file is None:
                    self._derive_union()
                loaded = time.perf_counter()
            except SyntaxError as err:
                raise StoreError(f"{path} is not valid {path.suffix[1:]}: {err}", hint="clear the store directory, fix the file and load again.") from err
            except OSError as err:
                raise StoreError(f"Bulk loading {path} into {self.path} failed: {err}") from err
            graphs = [g for g in self.store.named_graphs() if isinstance(g, NamedNode)]
            union_from = f"union copy from {union_file[0].name}" if union_file else "union copy derived"
            notes = [f"bulk loader (named graphs, {union_from}): {loaded - start:.1f} s",
                     *self._finish_bulk({b for b in map(base_of, graphs) if b})]
            return LoadReport(graphs=len(graphs), triples=self._named_count(), seconds=time.perf_counter() - start,
                              method="bulk", notes=notes)
        if empty:
            report = LoadReport(method="bulk")
            bases: set[str] = set()

            def quads() -> Iterator[Quad]:
                for graph, triples in loaded_graphs(source, report, bases, keep_identity=self.identity is None):
                    for t in triples:
                        yield Quad(t.subject, t.predicate, t.object, graph)
                        yield Quad(t.subject, t.predicate, t.object, DefaultGraph())
            try:
                self.store.bulk_extend(quads())
            except OSError as err:
                raise StoreError(f"Bulk loading into {self.path} failed: {err}") from err
            report.notes = self._finish_bulk(bases)
            report.seconds = time.perf_counter() - start
            return report
        report = self.load(source)
        report.seconds = time.perf_counter() - start
        return report

    def _finish_bulk(self, bases: set[str]) -> list[str]:
        """Compact, then recompute the identity graph of each base; returns how long each took."""
        start = time.perf_counter()
        # Compact first: the identity graph's scans (and any query) run 3-4x faster on the
        # compacted files than on the freshly loaded ones.
        self.optimize()
        compacted = time.perf_counter()
        for base in sorted(bases):
            self.refresh_identity(base)
        return [f"compaction: {compacted - start:.1f} s", f"identity graph: {time.perf_counter() - compacted:.1f} s"]

    def _named_count(self) -> int:
        """Triples in the named graphs (as many as the loaded file's quads)."""
        rows = run_query(self.store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", union=False).rows
        return int(rows[0]["n"] or 0)

    def _derive_union(self) -> None:
        """Fill the default graph with the named graphs' triples, through the bulk loader."""
        text = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        self.store.bulk_load(text.serialize(format=RdfFormat.N_TRIPLES), format=RdfFormat.N_TRIPLES)


#: How far apart (seconds) a quad file and the union file beside it may have been written to
#: count as outputs of the same build (a build renames all its files into place at its end).
_SAME_BUILD_S = 120.0


def _union_file_beside(path: Path) -> tuple[Path, RdfFormat] | None:
    """The deduplicated union file (``graph.nt`` / ``graph.ttl``) the build that wrote ``path``
    wrote beside it, or None."""
    if path.stem != "graph":
        return None
    for name in UNION_FILES:
        candidate = path.with_name(f"graph.{FORMATS[name].suffix}")
        if candidate.is_file() and abs(candidate.stat().st_mtime - path.stat().st_mtime) <= _SAME_BUILD_S:
            return candidate, FORMATS[name].rdf_format
    return None
