"""Data IRIs: the one place that makes them and the one place that reads them back.

Every data IRI is ``{base}{kind}/{key}`` (see docs/data-model.md); :class:`Minter` makes each kind
and :meth:`Minter.parse` takes one apart again, so code that needs the person key of an IRI, or the
base of a named graph, asks here instead of slicing strings.

>>> minter = Minter()
>>> minter.graph("a b").value
'https://w3id.org/diplokg/id/graph/a-b~c8687a08'
>>> minter.parse(minter.entity("Person", "wang-yi"))
DataIri(kind='person', key='wang-yi', base='https://w3id.org/diplokg/id/', parts=('wang-yi',))
>>> minter.parse(minter.span("x", 0, 4)).parts
('x', 0, 4)
>>> minter.parse("http://example.org/other") is None
True
"""

from __future__ import annotations

import functools
import hashlib
import re
import urllib.parse
from dataclasses import dataclass

from pyoxigraph import NamedNode

__all__ = [
    "DEFAULT_BASE",
    "RESERVED_GRAPH_PATH",
    "SLUG_HASH_SEPARATOR",
    "INTERNAL_PREFIX",
    "UNION_GRAPH",
    "DataIri",
    "Minter",
    "ENTITY_KINDS",
    "base_of",
    "doc_slug",
    "external_iri",
    "is_identity_graph",
    "is_internal_graph",
    "is_kb_graph",
    "is_reserved_graph",
    "staging_graph",
]

DEFAULT_BASE = "https://w3id.org/diplokg/id/"
#: Joins a sanitised id to the hash of the exact id. Not in the safe set, so a slug holding it
#: can only come from an id that needed sanitising: no two distinct ids share a slug.
SLUG_HASH_SEPARATOR = "~"
#: Path segment of the reserved graphs (``{base}graph/-/kb``): a slug never holds ``/``, so no
#: article id can name them.
RESERVED_GRAPH_PATH = "graph/-/"
#: Graphs named under this prefix are diplokg's own bookkeeping (union copy, staging graphs).
INTERNAL_PREFIX = "urn:diplokg:"
#: Where a remote store keeps the deduplicated union copy (the embedded store: its default graph).
UNION_GRAPH = NamedNode(INTERNAL_PREFIX + "union")

#: Entity type (records) -> path segment of its IRIs.
ENTITY_KINDS: dict[str, str] = {"Person": "person", "State": "state", "Forum": "forum",
                                "Organization": "organization", "Place": "place"}
_RESERVED_NAMES = ("kb", "identity")
_KB_SUFFIX = "/" + RESERVED_GRAPH_PATH + "kb"
_IDENTITY_SUFFIX = "/" + RESERVED_GRAPH_PATH + "identity"
_DOC_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_PERCENT_UNSAFE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CHAR = re.compile(r"char=(\d+),(\d+)")


@functools.lru_cache(maxsize=8192)  # bounded: span IRIs are unique, only vocabulary terms repeat
def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _value(iri: NamedNode | str) -> str:
    return iri.value if isinstance(iri, NamedNode) else str(iri)


@functools.lru_cache(maxsize=1024)
def doc_slug(doc_id: str) -> str:
    """The IRI slug of a document id: injective and deterministic.

    An id made only of ``A-Z a-z 0-9 . _ -`` (and not ``.`` or ``..``, which IRI resolution
    removes) is its own slug; any other id is sanitised and gets ``~`` plus a hash of the exact id,
    so ``a b`` and ``a-b`` never meet.

    >>> doc_slug("reuters_2024-05-03.x"), doc_slug("a-b")
    ('reuters_2024-05-03.x', 'a-b')
    >>> doc_slug("a b")
    'a-b~c8687a08'
    >>> doc_slug("")
    '~e3b0c442'
    """
    if doc_id not in ("", ".", "..") and not _DOC_UNSAFE.search(doc_id):
        return doc_id
    # surrogatepass: a JSON id may hold a lone surrogate ("\ud800"), still a distinct id.
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{_DOC_UNSAFE.sub('-', doc_id)}{SLUG_HASH_SEPARATOR}{digest}"


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def external_iri(value: str) -> NamedNode | None:
    """A URL from metadata or the text as an IRI: as given when valid, else percent-encoded.

    None when it cannot be an absolute IRI (no scheme): the triple is left out rather than the
    build stopped.

    >>> external_iri('http://x.org/a b"c').value
    'http://x.org/a%20b%22c'
    >>> external_iri("no scheme") is None
    True
    """
    try:
        return NamedNode(value)
    except ValueError:  # includes UnicodeEncodeError (lone surrogates from JSON escapes)
        pass
    head, hash_, fragment = value.partition("#")
    fixed = _PERCENT_UNSAFE.sub("%25", head + hash_ + fragment.replace("#", "%23"))
    try:
        return NamedNode(urllib.parse.quote(fixed, safe=":/?#@!$&'()*+,;=%-._~"))
    except ValueError:
        return None


@dataclass(frozen=True)
class DataIri:
    """A data IRI taken apart by :meth:`Minter.parse`.

    ``kind`` is the path segment (``article``, ``graph``, ``person`` ...), or ``span``,
    ``participation``, ``kb-graph`` and ``identity-graph``; ``key`` what follows it (a document
    slug, an entity key, a hash); ``parts`` the pieces the IRI was minted from, where they can be
    read back (a document id only as its slug: a ``~hash`` slug does not give the id back).
    """

    kind: str
    key: str
    base: str
    parts: tuple = ()


class Minter:
    """Deterministic IRIs under a base, and the reverse (:meth:`parse`)."""

    #: Kinds whose key is minted from parts joined by ``--`` (and how many parts).
    _JOINED = {"post": 2, "tenure": 3, "membership": 2}

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base

    def article(self, doc_id: str) -> NamedNode:
        return _n(f"{self.base}article/{doc_slug(doc_id)}")

    def graph(self, doc_id: str) -> NamedNode:
        return _n(f"{self.base}graph/{doc_slug(doc_id)}")

    def identity_graph(self) -> NamedNode:
        """The named graph of cross-document identity links, written at the end of a build
        (``{base}graph/-/identity``: reserved, no article id reaches it)."""
        return _n(f"{self.base}{RESERVED_GRAPH_PATH}identity")

    def kb_graph(self) -> NamedNode:
        """The named graph of knowledge-base descriptions (aliases), shared by all articles
        (``{base}graph/-/kb``: reserved, no article id reaches it)."""
        return _n(f"{self.base}{RESERVED_GRAPH_PATH}kb")

    def span_prefix(self, doc_id: str) -> str:
        """What every span IRI of the article starts with (for minting many spans fast)."""
        return f"{self.base}article/{doc_slug(doc_id)}#char="

    def span(self, doc_id: str, start: int, end: int) -> NamedNode:
        return _n(f"{self.span_prefix(doc_id)}{start},{end}")

    def entity(self, type_: str, key: str) -> NamedNode:
        return _n(f"{self.base}{ENTITY_KINDS[type_]}/{key}")

    def role(self, key: str) -> NamedNode:
        return _n(f"{self.base}role/{key}")

    def post(self, role: str, org: str) -> NamedNode:
        return _n(f"{self.base}post/{role}--{org}")

    def tenure(self, person: str, role: str, org: str | None) -> NamedNode:
        return _n(f"{self.base}tenure/{person}--{role}--{org or 'unknown'}")

    def membership(self, state: str, forum: str) -> NamedNode:
        return _n(f"{self.base}membership/{state}--{forum}")

    def event(self, identity: str) -> NamedNode:
        return _n(f"{self.base}event/{_hash(identity)}")

    def participation(self, event: NamedNode, person: str) -> NamedNode:
        return _n(f"{event.value}#participant-{person}")

    def statement(self, doc_id: str, start: int, end: int, speaker: str) -> NamedNode:
        return _n(f"{self.base}statement/{_hash(doc_id, start, end, speaker)}")

    def parse(self, iri: NamedNode | str) -> DataIri | None:
        """The kind and key of a data IRI under this base, or None for any other IRI.

        >>> m = Minter()
        >>> m.parse(m.tenure("a", "ambassador", None)).parts
        ('a', 'ambassador', None)
        >>> m.parse(m.kb_graph()).kind, m.parse(m.graph("a b")).key
        ('kb-graph', 'a-b~c8687a08')
        """
        value = _value(iri)
        if not value.startswith(self.base):
            return None
        rest = value[len(self.base):]
        path, hash_, fragment = rest.partition("#")
        kind, slash, key = path.partition("/")
        if not slash or not key or "/" in key and kind != "graph":
            return None
        if kind == "graph":
            if key.startswith("-/"):
                name = key[2:]
                return DataIri(f"{name}-graph", name, self.base) if name in _RESERVED_NAMES else None
            return None if "/" in key or hash_ else DataIri("graph", key, self.base, (key,))
        if kind == "article" and hash_:
            match = _CHAR.fullmatch(fragment)
            return DataIri("span", key, self.base, (key, int(match[1]), int(match[2]))) if match else None
        if kind == "event" and fragment.startswith("participant-"):
            person = fragment[len("participant-"):]
            return DataIri("participation", key, self.base, (key, person))
        if hash_:
            return None
        if kind in self._JOINED:
            parts = tuple(key.split("--"))
            if len(parts) != self._JOINED[kind]:
                parts = ()
            elif kind == "tenure" and parts[2] == "unknown":
                parts = (*parts[:2], None)
            return DataIri(kind, key, self.base, parts)
        if kind in ("article", "role", "event", "statement", *ENTITY_KINDS.values()):
            return DataIri(kind, key, self.base, (key,))
        return None

    def entity_key(self, iri: NamedNode | str, type_: str) -> str | None:
        """The key of an entity IRI of ``type_`` (``"Person"`` ...) under this base, or None.

        >>> Minter().entity_key("https://w3id.org/diplokg/id/person/wang-yi", "Person")
        'wang-yi'
        """
        parsed = self.parse(iri)
        return parsed.key if parsed is not None and parsed.kind == ENTITY_KINDS[type_] else None


def is_kb_graph(graph: NamedNode | str) -> bool:
    """True for the shared knowledge-base graph ``{base}graph/-/kb``."""
    return _value(graph).endswith(_KB_SUFFIX)


def is_identity_graph(graph: NamedNode | str) -> bool:
    """True for the identity graph ``{base}graph/-/identity``."""
    return _value(graph).endswith(_IDENTITY_SUFFIX)


def is_internal_graph(graph: NamedNode | str) -> bool:
    """True for diplokg's own bookkeeping graphs (``urn:diplokg:...``: union copy, staging)."""
    return _value(graph).startswith(INTERNAL_PREFIX)


def is_reserved_graph(graph: NamedNode | str) -> bool:
    """True for a graph no article may take: ``{base}graph/-/...`` and ``urn:diplokg:...``.

    >>> is_reserved_graph("https://w3id.org/diplokg/id/graph/-/kb"), is_reserved_graph("https://w3id.org/diplokg/id/graph/kb")
    (True, False)
    """
    value = _value(graph)
    return "/" + RESERVED_GRAPH_PATH in value or is_internal_graph(value)


def base_of(graph: NamedNode | str) -> str | None:
    """The data base IRI of a ``{base}graph/...`` graph, or None.

    >>> base_of("https://w3id.org/diplokg/id/graph/a")
    'https://w3id.org/diplokg/id/'
    """
    value = _value(graph)
    if is_internal_graph(value) or "/graph/" not in value:
        return None
    return value.rsplit("/graph/", 1)[0] + "/"


def staging_graph(graph: NamedNode) -> NamedNode:
    """The internal graph a remote store uploads ``graph`` to before switching it into place."""
    return NamedNode(f"{INTERNAL_PREFIX}staging:{hashlib.sha1(graph.value.encode()).hexdigest()[:20]}")
