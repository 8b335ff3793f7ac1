"""Where things live on the server (and in a static export): the Cool URIs layout.

With the data base ``B`` (default ``https://w3id.org/diplokg/id/``) whose path is ``P``
(``/diplokg/id/``):

=====================================  ==================================================
``P{rest}``  e.g. ``/diplokg/id/person/wang-yi``   the resource ``B{rest}``: ``303 See Other`` to its document
``/doc/{rest}``                          the description, by content negotiation
``/doc/{rest}.ttl|.jsonld|.nt|.html``    the description in one format
``/ontology`` (and the ontology IRI's path)  the ontology, Turtle or HTML (``.ttl``, ``.html``)
``/sparql``, ``/void``, ``/.well-known/void``, ``/dumps/graph.{ttl,nt,nq}``, ``/``  (index and search)
=====================================  ==================================================

A hash IRI (``B article/X#char=0,10``) is described in the document of ``B article/X``; HTML
pages carry the fragment as an element id, so a link lands on the span.

>>> urls = UrlMap("https://w3id.org/diplokg/id/")
>>> urls.resource_prefix
'/diplokg/id/'
>>> urls.doc("https://w3id.org/diplokg/id/article/x#char=0,4", "html")
'/doc/article/x.html#char=0,4'
>>> urls.href("https://w3id.org/diplokg/ontology#Meeting")
'/ontology.html#Meeting'
>>> urls.iri("person/wang-yi")
'https://w3id.org/diplokg/id/person/wang-yi'
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from ..rdf.formats import DESCRIPTIONS, FORMATS
from ..rdf.iris import DEFAULT_BASE

__all__ = ["UrlMap", "ONTOLOGY_IRI", "ONTOLOGY_NS", "BadPath", "check_rest", "SUFFIXES"]

ONTOLOGY_IRI = "https://w3id.org/diplokg/ontology"
ONTOLOGY_NS = ONTOLOGY_IRI + "#"
#: Suffix -> media type of a description document.
SUFFIXES: dict[str, str] = {
    **{FORMATS[name].suffix: FORMATS[name].media_type for name in DESCRIPTIONS},
    "html": "text/html",
}

# What RFC 3987 allows in an IRI path segment (ipchar): unreserved ASCII, sub-delims, ':', '@',
# '%' and the ucschar ranges (letters of any script; no controls, spaces, private use or
# noncharacters). The request path arrives percent-decoded, so '%2e%2e' and '%2f' are '..' and '/'.
_UCS = r"\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    rf"\U{plane:04x}0000-\U{plane:04x}fffd" for plane in range(1, 15))
_IPCHAR = f"[A-Za-z0-9._~!$&'()*+,;=:@%{_UCS}-]"
_REST = re.compile(f"^{_IPCHAR}+(/{_IPCHAR}+)*$")


class BadPath(ValueError):
    """A request path that cannot name a resource (answered with 400)."""


def check_rest(rest: str) -> str:
    """``rest`` (the part of an IRI after the base) when it is a safe relative path, else :class:`BadPath`.

    >>> check_rest("person/wang-yi")
    'person/wang-yi'
    >>> check_rest("person/józef-beck"), check_rest("person/сергей-лавров")
    ('person/józef-beck', 'person/сергей-лавров')
    >>> check_rest("person/a\\b")
    Traceback (most recent call last):
    ...
    diplokg.publish.urls.BadPath: path holds characters an IRI path may not hold, or an empty segment
    >>> check_rest("../etc/passwd")
    Traceback (most recent call last):
    ...
    diplokg.publish.urls.BadPath: path segment '..' is not allowed
    """
    if len(rest) > 1024:
        raise BadPath("path longer than 1024 characters")
    for segment in rest.split("/"):
        if segment in (".", ".."):
            raise BadPath(f"path segment {segment!r} is not allowed")
    if not _REST.match(rest):
        raise BadPath("path holds characters an IRI path may not hold, or an empty segment")
    return rest


class UrlMap:
    """Maps IRIs of the dataset onto local paths and back."""

    def __init__(self, base: str = DEFAULT_BASE, *, doc_prefix: str = "/doc/") -> None:
        if not base.endswith("/"):
            base += "/"
        self.base = base
        path = urlsplit(base).path or "/"
        self.resource_prefix = path if path.endswith("/") else path + "/"
        self.doc_prefix = doc_prefix
        self.ontology_paths = sorted({"/ontology", urlsplit(ONTOLOGY_IRI).path})

    def rest(self, iri: str) -> str | None:
        """The part of ``iri`` after the base, without fragment; ``None`` when not under the base."""
        if not iri.startswith(self.base):
            return None
        return iri[len(self.base):].split("#", 1)[0]

    def iri(self, rest: str) -> str:
        return self.base + rest

    def doc(self, iri: str, ext: str | None = None) -> str | None:
        """Local path of the document describing ``iri`` (with the fragment for HTML)."""
        rest = self.rest(iri)
        if rest is None or not rest:
            return None
        path = self.doc_prefix + quote(rest, safe="/:@!$&'()*+,;=-._~%")
        if ext:
            path += "." + ext
        if ext == "html" and "#" in iri:
            path += "#" + iri.split("#", 1)[1]
        return path

    def resource_path(self, iri: str) -> str | None:
        rest = self.rest(iri)
        return None if rest is None else self.resource_prefix + rest

    def href(self, iri: str) -> str:
        """Where an HTML page links for ``iri``: its local HTML page, or the IRI itself."""
        if iri.startswith(ONTOLOGY_NS):
            return "/ontology.html#" + iri[len(ONTOLOGY_NS):]
        if iri == ONTOLOGY_IRI:
            return "/ontology.html"
        local = self.doc(iri, "html")
        return local if local is not None else iri
