"""Content negotiation: a strict parser of the HTTP ``Accept`` header and a chooser.

A header that does not follow RFC 9110 (a range without ``/``, a ``q`` that is not a number
between 0 and 1 with at most three decimals) is an error, answered with ``400``; a well-formed
header that accepts none of the offered types is answered with ``406``.

>>> choose("text/turtle;q=0.9, application/ld+json", ["text/html", "text/turtle", "application/ld+json"])
'application/ld+json'
>>> choose(None, ["text/html", "text/turtle"])
'text/html'
>>> choose("image/png", ["text/html"]) is None
True
>>> parse_accept("text/html;q=2")
Traceback (most recent call last):
...
diplokg.publish.conneg.BadAccept: invalid q value '2' in Accept header
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["BadAccept", "MediaRange", "parse_accept", "choose"]

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^(?P<type>{_TOKEN})/(?P<subtype>{_TOKEN})$")
_PARAM = re.compile(rf"^(?P<name>{_TOKEN})=(?P<value>{_TOKEN}|\"[^\"\\]*\")$")
_QVALUE = re.compile(r"^(0(\.\d{0,3})?|1(\.0{0,3})?)$")
#: Longest Accept header read; browsers send a few hundred bytes.
MAX_ACCEPT = 2048


class BadAccept(ValueError):
    """The Accept header is malformed (answered with 400 Bad Request)."""


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return self.subtype == "*"
        return self.type == main and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of ``header`` (``*/*`` when absent or empty); raises :class:`BadAccept`."""
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    if len(header) > MAX_ACCEPT:
        raise BadAccept(f"Accept header longer than {MAX_ACCEPT} characters")
    ranges = []
    for order, item in enumerate(header.split(",")):
        item = item.strip()
        if not item:
            continue  # RFC 9110 allows empty list elements
        parts = [p.strip() for p in item.split(";")]
        match = _RANGE.match(parts[0])
        if not match:
            raise BadAccept(f"invalid media range {parts[0]!r} in Accept header")
        type_, subtype = match["type"].lower(), match["subtype"].lower()
        if type_ == "*" and subtype != "*":
            raise BadAccept(f"invalid media range {parts[0]!r} in Accept header")
        q = 1.0
        for param in parts[1:]:
            pm = _PARAM.match(param)
            if not pm:
                raise BadAccept(f"invalid parameter {param!r} in Accept header")
            if pm["name"].lower() == "q":
                if not _QVALUE.match(pm["value"]):
                    raise BadAccept(f"invalid q value {pm['value']!r} in Accept header")
                q = float(pm["value"])
        ranges.append(MediaRange(type_, subtype, q, order))
    if not ranges:
        return [MediaRange("*", "*", 1.0, 0)]
    return ranges


def choose(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers; ties go to the server's order of ``offered``.

    Each offered type takes the ``q`` of the most specific range that matches it. ``None`` when
    nothing offered is acceptable. Raises :class:`BadAccept` on a malformed header.
    """
    ranges = parse_accept(header)
    best: tuple[float, int] | None = None
    chosen = None
    for rank, media_type in enumerate(offered):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, r.q))
        if top.q <= 0:
            continue
        key = (top.q, -rank)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen
