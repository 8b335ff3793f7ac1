"""Quads -> files: deterministic, streaming, atomic serialisation.

Articles are written one at a time (memory does not grow with the corpus). Each article's quads
are sorted before writing, so the same input gives byte-identical files. Files are written to a
temporary name beside the target and renamed into place only when complete, so a crash never
leaves a half-written graph.

A writer holds a shared ``flock`` on the output directory while its temporary files exist. A
writer that can take the lock exclusively knows no other build is writing there, so the
``.graph.<suffix>.*.tmp`` files it finds were left by a killed build, and removes them.
Temporary files are created with mode 0666 less the umask, as the renamed outputs should be.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock, no sweep (never a wrong removal)
    fcntl = None  # type: ignore[assignment]

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, serialize

from .formats import DEFAULT_WRITTEN, FORMATS, WRITTEN
from .jsonld import JsonLdStream
from .terms import PREFIXES

__all__ = ["GraphWriter", "ShardWriter", "graph_chunks", "lock_directory", "write_atomically"]

_WITH_PREFIXES = {RdfFormat.TURTLE, RdfFormat.TRIG}
#: The temporary files a writer creates, and the only files its sweep removes (``in`` and
#: ``index``: a parallel build's shard inputs and shard indexes, see :mod:`diplokg.shards`).
_TEMP_NAME = re.compile(r"\.graph\.(?:%s|in|index)\.[0-9a-f]+\.tmp" % "|".join(FORMATS[name].suffix for name in WRITTEN))


def _lock_and_sweep(out_dir: Path) -> int | None:
    """Take the directory's shared build lock, first removing stale temporary files if no other
    build holds it; returns the locked descriptor (None where directories cannot be locked)."""
    if fcntl is None:
        return None
    try:
        fd = os.open(out_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass  # another build is writing here: its temporary files are not stale
        else:
            for entry in os.scandir(out_dir):
                if _TEMP_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                    try:
                        os.unlink(entry.path)
                    except FileNotFoundError:
                        pass
        # Shared from here on: concurrent builds may all write; none may sweep.
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:  # a file system without flock: no sweep
        os.close(fd)
        return None
    return fd


def _create_temp(out_dir: Path, suffix: str) -> tuple[int, str]:
    """A new temporary file beside the target; mode 0666 less the umask (mkstemp's 0600 would
    carry over to the renamed output)."""
    while True:
        path = out_dir / f".graph.{suffix}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), str(path)
        except FileExistsError:
            continue


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _sort_key(triple: Triple) -> tuple[str, bool, str, str]:
    # By subject, rdf:type first so each description opens with "a ...". Ties (same lexical
    # value, other datatype) keep the order the mapping produced, which is deterministic. (Each
    # term read is a call into pyoxigraph: the predicate is read once.)
    predicate = triple.predicate.value
    return (triple.subject.value, predicate != _RDF_TYPE, predicate, triple.object.value)


def _with_graph(ntriples: bytes, graph: NamedNode) -> bytes:
    """N-Triples lines -> N-Quads lines in ``graph``."""
    suffix = b" <%s> .\n" % graph.value.encode()
    return b"".join(line[:-2] + suffix for line in ntriples.splitlines(keepends=False) if line.endswith(b" .")
                    ) if ntriples else b""


def _strip_prefixes(data: bytes) -> bytes:
    """Drop the ``@prefix`` header pyoxigraph writes for every chunk; it is written once per file."""
    lines = data.split(b"\n")
    i = 0
    while i < len(lines) and lines[i].startswith(b"@prefix"):
        i += 1
    return b"\n".join(lines[i:])


def graph_chunks(graph: NamedNode, triples: Iterable[Triple], names: Iterable[str],
                 writers: dict | None = None) -> tuple[dict[str, bytes], int]:
    """The bytes :class:`GraphWriter` writes for one named graph in each format of ``names``,
    and the number of distinct triples. ``writers`` holds the JSON-LD stream when asked for."""
    ordered = sorted(dict.fromkeys(triples), key=_sort_key)
    turtle = ntriples = None
    chunks: dict[str, bytes] = {}
    for name in names:
        if name in ("turtle", "trig"):
            if turtle is None:
                turtle = _strip_prefixes(serialize(ordered, format=RdfFormat.TURTLE, prefixes=PREFIXES))
                if not turtle.endswith(b"\n"):
                    turtle += b"\n"
            chunks[name] = turtle if name == "turtle" else b"<%s> {\n%s}\n" % (graph.value.encode(), turtle)
        elif name in ("ntriples", "nquads"):
            if ntriples is None:
                ntriples = serialize(ordered, format=RdfFormat.N_TRIPLES)
            chunks[name] = ntriples if name == "ntriples" else _with_graph(ntriples, graph)
        else:
            chunks[name] = writers[name](graph, ordered)  # type: ignore[index]
    return chunks, len(ordered)


class GraphWriter:
    """Writes ``graph.<suffix>`` files under ``out_dir`` article by article.

    >>> import tempfile, pathlib
    >>> from pyoxigraph import NamedNode, Literal, Quad
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with GraphWriter(d, ["turtle"]) as w:
    ...     _ = w.write_article([Quad(NamedNode("http://ex.org/a"), NamedNode("http://ex.org/p"), Literal("x"), NamedNode("http://ex.org/g"))])
    >>> "<http://ex.org/a>" in (d / "graph.ttl").read_text()
    True
    """

    def __init__(self, out_dir: str | Path, formats: Iterable[str] = DEFAULT_WRITTEN) -> None:
        self.out_dir = Path(out_dir)
        self.formats = list(dict.fromkeys(formats))
        unknown = [f for f in self.formats if f not in WRITTEN]
        if unknown:
            raise ValueError(f"unknown output format(s) {unknown}; choose from {sorted(WRITTEN)}")
        self._files: dict[str, tuple[io.BufferedWriter, str, Path]] = {}
        self._lock: int | None = None
        self.paths: dict[str, Path] = {}
        # Writers of further formats: name -> f(graph, sorted triples) -> bytes.
        self._writers: dict = {}

    def __enter__(self) -> "GraphWriter":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._lock = _lock_and_sweep(self.out_dir)
        try:
            self._open_files()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _open_files(self) -> None:
        for name in self.formats:
            suffix, fmt = FORMATS[name].suffix, FORMATS[name].rdf_format
            target = self.out_dir / f"graph.{suffix}"
            fd, tmp = _create_temp(self.out_dir, suffix)
            handle = os.fdopen(fd, "wb")
            self._files[name] = (handle, tmp, target)
            if fmt in _WITH_PREFIXES:
                for prefix, iri in sorted(PREFIXES.items()):
                    handle.write(f"@prefix {prefix}: <{iri}> .\n".encode())
                handle.write(b"\n")
            if name == "jsonld":
                self._writers[name] = JsonLdStream()
                handle.write(self._writers[name].header())

    def write_article(self, quads: Iterable[Quad]) -> int:
        """Write quads (any number of named graphs) to every open format; returns how many."""
        by_graph: dict[NamedNode, list[Triple]] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(q.triple)
        return sum(self.write_graph(graph, triples) for graph, triples in sorted(by_graph.items(), key=lambda kv: kv[0].value))

    def write_graph(self, graph: NamedNode, triples: Iterable[Triple]) -> int:
        """Write one named graph's triples to every open format; returns the number of distinct triples.

        Each syntax family is serialised once: the Turtle chunk is reused inside ``<g> { }`` for
        TriG, and each N-Triples line gets the graph name for N-Quads.
        """
        chunks, count = graph_chunks(graph, triples, list(self._files), self._writers)
        for name, (handle, _tmp, _target) in self._files.items():
            handle.write(chunks[name])
        return count

    def write_serialized(self, chunks: dict[str, bytes]) -> None:
        """Append graph chunks already serialised by :func:`graph_chunks` (a shard's file body,
        without its header), one per open format, as :meth:`write_graph` would have written them."""
        for name, (handle, _tmp, _target) in self._files.items():
            data = chunks[name]
            if name == "jsonld":
                # JSON-LD items are comma-separated: a body starts with its own separator unless it
                # was a file's first item; the separator depends on what this file holds already.
                data = data.removeprefix(b",\n")
                if not data:
                    continue
                stream = self._writers[name]
                if not stream._first:  # noqa: SLF001 - the stream's one piece of state, kept in step
                    data = b",\n" + data
                stream._first = False  # noqa: SLF001
            handle.write(data)

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                for name, (handle, _tmp, _target) in self._files.items():
                    if name == "jsonld":
                        handle.write(self._writers[name].footer())
                    handle.flush()
                    os.fsync(handle.fileno())
                    handle.close()
                # All renames together, after the slow fsyncs: a kill between them is unlikely.
                for name in list(self._files):
                    _handle, tmp, target = self._files.pop(name)
                    os.replace(tmp, target)
                    self.paths[name] = target
        finally:
            # Whatever was not renamed into place (a failed or interrupted build) goes.
            for handle, tmp, _target in self._files.values():
                with contextlib.suppress(OSError):
                    handle.close()
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            self._files.clear()
            if self._lock is not None:
                os.close(self._lock)  # releases the lock
                self._lock = None


def write_atomically(directory: Path, name: str, data: bytes, *, tag: str) -> None:
    """Write ``directory/name`` whole or not at all (temporary ``.graph.<tag>.*.tmp``, fsync, rename)."""
    fd, tmp = _create_temp(directory, tag)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, directory / name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class ShardWriter:
    """One shard's files ``<stem>.<suffix>`` in ``directory``, written as :class:`GraphWriter`
    writes its files (same chunks, so the merge copies bytes), and renamed into place together.

    TriG, Turtle, N-Quads and N-Triples shard files are complete files (a prefix header where the
    syntax has one); the JSON-LD part holds only the ``@graph`` items. :meth:`offsets` tells where
    the files stand (for the merge to insert the knowledge-base graph between articles);
    :attr:`files` gives, per format, the file name, where its body starts, its size and SHA-256.
    Temporary files follow :class:`GraphWriter`'s pattern, so the same sweep removes them.
    """

    #: Suffix of a shard file per format (the JSON-LD part is not a JSON-LD document).
    SUFFIXES = {name: (FORMATS[name].suffix if name != "jsonld" else "jsonld-part") for name in WRITTEN}

    def __init__(self, directory: str | Path, stem: str, formats: Iterable[str]) -> None:
        self.directory = Path(directory)
        self.stem = stem
        self.formats = list(dict.fromkeys(formats))
        self._files: dict[str, tuple[io.BufferedWriter, str]] = {}
        self._size: dict[str, int] = {}
        self._start: dict[str, int] = {}
        self._sha: dict[str, "hashlib._Hash"] = {}
        self._writers: dict = {}
        self.files: dict[str, dict] = {}

    def __enter__(self) -> "ShardWriter":
        try:
            for name in self.formats:
                suffix, fmt = FORMATS[name].suffix, FORMATS[name].rdf_format
                fd, tmp = _create_temp(self.directory, suffix)
                self._files[name] = (os.fdopen(fd, "wb"), tmp)
                self._size[name] = 0
                self._sha[name] = hashlib.sha256()
                if fmt in _WITH_PREFIXES:
                    self._write(name, b"".join(f"@prefix {p}: <{iri}> .\n".encode() for p, iri in sorted(PREFIXES.items())) + b"\n")
                if name == "jsonld":
                    self._writers[name] = JsonLdStream()
                self._start[name] = self._size[name]
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def _write(self, name: str, data: bytes) -> None:
        self._files[name][0].write(data)
        self._sha[name].update(data)
        self._size[name] += len(data)

    def write_graph(self, graph: NamedNode, triples: Iterable[Triple]) -> int:
        chunks, count = graph_chunks(graph, triples, self.formats, self._writers)
        for name, data in chunks.items():
            self._write(name, data)
        return count

    def offsets(self) -> dict[str, int]:
        return dict(self._size)

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                for name, (handle, _tmp) in self._files.items():
                    handle.flush()
                    os.fsync(handle.fileno())
                    handle.close()
                for name in list(self._files):
                    _handle, tmp = self._files.pop(name)
                    file = f"{self.stem}.{self.SUFFIXES[name]}"
                    os.replace(tmp, self.directory / file)
                    self.files[name] = {"file": file, "start": self._start[name], "bytes": self._size[name],
                                        "sha256": self._sha[name].hexdigest()}
        finally:
            for handle, tmp in self._files.values():
                with contextlib.suppress(OSError):
                    handle.close()
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            self._files.clear()


def lock_directory(directory: Path) -> int | None:
    """Take ``directory``'s shared build lock, sweeping stale temporary files first when no other
    build holds it (as :class:`GraphWriter` does for its output directory); close the result to release."""
    return _lock_and_sweep(directory)
