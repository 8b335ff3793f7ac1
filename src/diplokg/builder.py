"""Articles in, graph files out: the whole path, streaming one batch of articles at a time."""

from __future__ import annotations

import contextlib
import gc
import signal
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from pyoxigraph import NamedNode

from .errors import InputError
from .extract import extract
from .dates import find_dates, resolve
from .ingest import load_furniture_rules, read_inputs
from .lexicon import load_lexicon
from .mapping import extraction_triples, identity_triples, kb_entity_triples
from .pipeline import build_nlp, with_published, with_text
from .rdf.formats import DEFAULT_WRITTEN
from .rdf.iris import DEFAULT_BASE, Minter, doc_slug
from .rdf.writers import GraphWriter
from .records import Document, Extraction
from .resolve import Resolver, observe_extraction

__all__ = ["BuildInterrupted", "BuildReport", "build", "checked_documents", "extract_documents"]

_RDF_TYPE_NODE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_BATCH = 64
#: Classes whose instances are shared across articles and bounded by the world, not by the corpus
#: (people, states, posts...): counted once each. Everything else (spans, events, statements,
#: tenures) is counted per article without being kept, so memory does not grow with the corpus;
#: an event or tenure that several articles state is counted once per article.
_SHARED = frozenset({"Person", "Diplomat", "State", "Forum", "Organization", "Place", "Role", "Post",
                     "ForumMembership"})


@dataclass
class BuildReport:
    """What a build did: counts per class, failed inputs, output paths."""

    articles: int = 0
    words: int = 0
    quads: int = 0
    classes: Counter = field(default_factory=Counter)
    failures: list[InputError] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    #: Parallel builds (:mod:`diplokg.shards`): one entry per shard, in input order, with
    #: ``articles``, ``reused`` (finished by an earlier run), ``seconds`` and ``peak_rss_mib`` of the
    #: worker that built it.
    shards: list[dict] = field(default_factory=list)
    #: Graphs and triples written into a store by a parallel ``build --store`` (bulk loader).
    stored: tuple[int, int] | None = None
    #: Seconds per phase of a parallel build: ``shards`` (reading, checking, running the shards),
    #: ``merge`` (the reduce into the output files), ``store``.
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def published_on_page(document: Document) -> str | None:
    """The publication date a page's furniture states ("Dipublikasikan pada 20 Oktober 2020",
    ``furniture.yaml``'s ``published_line``), as YYYY-MM-DD; None without a full date there.

    >>> from diplokg.ingest import read_text
    >>> published_on_page(read_text("Oleh Humas  Dipublikasikan pada 20 Oktober 2020\\n\\nPresiden "
    ...                             "menerima tamu negara.", doc_id="x", language="id"))
    '2020-10-20'
    """
    rule = load_furniture_rules().published_line
    for region in document.furniture:
        text = document.text[region.start:region.end]
        for match in rule.finditer(text):
            mentions = find_dates(text[match.end():match.end() + 40], document.language)
            value = resolve(mentions[0], published=None) if mentions and mentions[0].start == 0 else None
            if value is not None and value.value is not None and len(value.value) == 10:
                return value.value
    return None


def _with_page_date(document: Document) -> Document:
    """The document, dated from its page when its metadata gives no publication date."""
    if document.published is not None:
        return document
    published = published_on_page(document)
    return replace(document, published=published) if published else document


def extract_documents(documents: Iterable[Document], *, batch_size: int = _BATCH) -> Iterator[Extraction]:
    """Run the spaCy pipeline (``nlp.pipe`` per language) and read records, in input order. A
    document without a publication date takes the one its page states (:func:`published_on_page`)."""
    lexicon = load_lexicon()
    documents = map(_with_page_date, documents)
    for batch in _batches(documents, batch_size):
        results: dict[int, Extraction] = {}
        for language in sorted({d.language for d in batch}):
            nlp = build_nlp(language)
            members = [(i, d) for i, d in enumerate(batch) if d.language == language]
            # Each Doc carries its article's publication date (diplokg_dates resolves against it)
            # and its text (the components read it; spaCy would join it token by token).
            docs = (with_published(with_text(nlp.make_doc(text), text), d.published)
                    for _i, d in members for text in (d.body_text(),))
            for (i, document), doc in zip(members, nlp.pipe(docs, batch_size=batch_size)):
                results[i] = extract(doc, document, lexicon)
        for i in range(len(batch)):
            yield results[i]


_collected_once = False  # a full collection was made in this process


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    """Cheaper garbage collection for a batch job.

    A build allocates millions of short-lived objects (tokens, records, triples) beside a large
    long-lived heap (pipelines, knowledge base). Freezing that heap keeps the cyclic collector
    from rescanning it, and a larger young generation makes collections rarer; measured: the
    mapping stage runs ~1.5x faster. Settings are restored afterwards.
    """
    build_nlp("id"), build_nlp("en")  # load before freezing, so the pipelines are frozen too
    # The full collection scans the whole heap (a tenth of a second): once per process is enough,
    # as everything frozen is unfrozen afterwards and collected as usual.
    global _collected_once
    gc.collect(1 if _collected_once else 2)
    _collected_once = True
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 50)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class BuildInterrupted(KeyboardInterrupt):
    """The build was stopped by SIGTERM. A KeyboardInterrupt, as Ctrl-C is: no ``except Exception``
    swallows it, and every ``with`` block on the way out (temporary files, the store) cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by {signal.Signals(signum).name}")
        self.signum = signum


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """Make SIGTERM raise :class:`BuildInterrupted` while building, where it would otherwise kill
    the process outright and leave the temporary files; a handler someone else installed (and any
    thread but the main one, which cannot set handlers) is left alone."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        raise BuildInterrupted(signum)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _rejected(document: Document, reason: str, *, kind: str, hint: str) -> InputError:
    """An InputError for a document that was read but cannot be built, at ``file`` or ``file:line``."""
    where = document.path or "<text>"
    file, _, line = where.rpartition(":")
    if file and line.isdigit():
        return InputError(file, reason, line=int(line), kind=kind, hint=hint, doc_id=document.id)
    return InputError(where, reason, kind=kind, hint=hint, doc_id=document.id)


def _count_classes(triples: list, subjects_by_class: dict[str, set[str]], local_counts: Counter) -> None:
    """Instances per class (see ``_SHARED`` for which are kept to be counted once)."""
    local: set[tuple[str, str]] = set()
    for t in triples:
        if t.predicate == _RDF_TYPE_NODE:
            cls = t.object.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            if cls not in _SHARED:
                local.add((cls, t.subject.value))
            else:
                subjects_by_class.setdefault(cls, set()).add(t.subject.value)
    for cls, _subject in local:
        local_counts[cls] += 1


def checked_documents(items: Iterable[Document | InputError], failures: list[InputError]) -> Iterator[Document]:
    """The documents of ``items`` (from :func:`~diplokg.ingest.read_inputs`) a build can take, in
    order; every other item becomes an entry of ``failures``: a bad input, an article over the
    pipeline's ``max_length`` (E105), an id whose slug an earlier article has (E109)."""
    slugs: dict[str, tuple[str, str]] = {}  # slug -> (id, where): two ids never share a graph
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            continue
        limit = build_nlp(item.language).max_length
        if len(item.text) > limit:
            failures.append(_rejected(
                item, f"article {item.id!r} too long ({len(item.text):,} characters > {limit:,}, "
                "the pipeline's max_length)", kind="too-large",
                hint=f"split it into articles of at most {limit:,} characters (one per file or JSONL line)"))
            continue
        slug = doc_slug(item.id)
        if slug in slugs:
            first_id, first_where = slugs[slug]
            failures.append(_rejected(
                item, f"id {item.id!r} has the same graph IRI slug {slug!r} as id {first_id!r} "
                f"of {first_where}; it would replace that article's graph", kind="duplicate-id",
                hint="give one of the two articles another id"))
            continue
        slugs[slug] = (item.id, item.path or "<text>")
        yield item


def role_labels(lexicon) -> dict[str, tuple[str, str | None]]:
    """Role key -> (English label, Indonesian label), for the mapping's role descriptions."""
    return {r.key: (r.en, dict((lang, label) for label, lang in r.labels).get("id")) for r in lexicon.kb.roles}


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    base: str = DEFAULT_BASE,
    formats: Iterable[str] = DEFAULT_WRITTEN,
    language: str | None = None,
    on_article: Callable[[Document], None] | None = None,
    sink: Callable[[NamedNode, list], None] | None = None,
) -> BuildReport:
    """Build the graph for every article under ``paths`` into ``out_dir``.

    Bad inputs are reported in :attr:`BuildReport.failures` and the rest goes on: among them an
    article longer than the pipeline's ``max_length`` (E105) and an id whose IRI slug another
    article of the build already has (E109; :func:`~diplokg.rdf.iris.doc_slug` is injective, so
    only a hash collision can cause it). Output files appear only when complete; SIGTERM raises
    :class:`BuildInterrupted` and leaves no temporary file. ``sink(graph, triples)``, when given,
    also receives every named graph as it is written (e.g. :class:`diplokg.stores.StoreSink` to
    fill a store).

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "visit.txt").write_text("Indonesian Foreign Minister Retno Marsudi met Japanese Foreign "
    ...     "Minister Yoko Kamikawa in Jakarta on 3 May 2024.\\n", encoding="utf-8")
    >>> from diplokg import build
    >>> report = build([work / "visit.txt"], work / "out")
    >>> report.ok, report.articles, report.classes["Person"], report.classes["Meeting"]
    (True, 1, 2, 1)
    >>> sorted(path.name for path in report.outputs.values())
    ['graph.trig', 'graph.ttl']
    >>> report = build([work / "visit.txt", work / "missing.txt"], work / "out")
    >>> report.ok, report.articles, [failure.code for failure in report.failures]
    (False, 1, ['E101'])
    """
    report = BuildReport()
    minter = Minter(base)
    lexicon = load_lexicon()
    roles = role_labels(lexicon)
    subjects_by_class: dict[str, set[str]] = {}
    kb_done: set[tuple[str, str]] = set()
    local_counts: Counter = Counter()
    identity = Resolver()

    def documents() -> Iterator[Document]:
        return checked_documents(read_inputs(paths, language=language), report.failures)

    with _sigterm_unwinds(), _batch_gc(), GraphWriter(out_dir, formats) as writer:
        for extraction in extract_documents(documents()):
            doc_id = extraction.document.id
            triples = list(extraction_triples(extraction, minter, roles=roles))
            report.quads += writer.write_graph(minter.graph(doc_id), triples)
            if sink is not None:
                sink(minter.graph(doc_id), triples)
            # Knowledge-base aliases are written once, the first time an entity is met.
            fresh = [e for e in extraction.entities if e.in_kb and (e.type, e.key) not in kb_done]
            if fresh:
                kb_done.update((e.type, e.key) for e in fresh)
                kb_triples = [t for e in fresh for t in kb_entity_triples(e, minter)]
                report.quads += writer.write_graph(minter.kb_graph(), kb_triples)
                if sink is not None:
                    sink(minter.kb_graph(), kb_triples)
            report.articles += 1
            report.words += len(extraction.document.text.split())
            _count_classes(triples, subjects_by_class, local_counts)
            identity.observe(*observe_extraction(extraction, lambda key: minter.event(key).value))
            if on_article is not None:
                on_article(extraction.document)
        # Identity across articles needs the whole corpus: written once, at the end.
        links = identity_triples(identity.person_links(), identity.event_links(), minter)
        if links:
            report.quads += writer.write_graph(minter.identity_graph(), links)
            if sink is not None:
                sink(minter.identity_graph(), links)
    report.outputs = dict(writer.paths)
    report.classes = Counter({cls: len(subjects) for cls, subjects in subjects_by_class.items()}) + local_counts
    return report
