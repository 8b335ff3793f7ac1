"""Cross-document identity of people named by one word only.

Within an article the extractor already joins "Wang" to "Wang Yi". Across articles, a person
found only as "Retno" in one article and as "Retno Marsudi" in others is the same person when
the whole corpus decides it: exactly one fully named person has that word as the first or last
part of the name, and the two share context (a state named in their articles). Otherwise the
one-word person stays unresolved, never guessed.

The registry sees records one article at a time and keeps one small entry per distinct person,
so it streams; its answer depends on the corpus, not on the order of the articles.

>>> from diplokg.records import Document, Entity, Extraction, Mention
>>> def article(doc_id, *people, states=("indonesia",)):
...     ents = [Entity(key=k, type="Person", name=n, mentions=(Mention(0, 1, n),)) for k, n in people]
...     ents += [Entity(key=s, type="State", name=s, mentions=(Mention(0, 1, s),)) for s in states]
...     return Extraction(document=Document(id=doc_id, text="x", language="id"), entities=tuple(ents))
>>> registry = PersonRegistry()
>>> registry.observe(article("a", ("retno-marsudi", "Retno Marsudi")))
>>> registry.observe(article("b", ("retno", "Retno")))
>>> registry.links()
[IdentityLink(alias='retno', person='retno-marsudi', reason="the only person in the corpus named '... Retno' or 'Retno ...' (Retno Marsudi), sharing a state: indonesia")]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .records import Extraction

__all__ = ["IdentityLink", "PersonRegistry"]


@dataclass(frozen=True, slots=True)
class IdentityLink:
    """``alias`` (a one-word person) is the same person as ``person``, and why."""

    alias: str
    person: str
    reason: str


@dataclass
class _Seen:
    name: str
    states: set[str] = field(default_factory=set)


class PersonRegistry:
    """People seen across a build, for the identity links written at its end."""

    def __init__(self) -> None:
        self._people: dict[str, _Seen] = {}

    def observe(self, extraction: Extraction) -> None:
        states = {e.key for e in extraction.entities if e.type == "State" and e.mentions}
        for entity in extraction.entities:
            if entity.type != "Person":
                continue
            seen = self._people.setdefault(entity.key, _Seen(entity.name))
            seen.states |= states

    def links(self) -> list[IdentityLink]:
        by_part: dict[str, set[str]] = defaultdict(set)
        for key, seen in self._people.items():
            parts = seen.name.split()
            if len(parts) > 1:
                by_part[parts[0]].add(key)
                by_part[parts[-1]].add(key)
        out = []
        for key, seen in sorted(self._people.items()):
            parts = seen.name.split()
            if len(parts) != 1:
                continue
            candidates = by_part.get(parts[0], set())
            if len(candidates) != 1:
                continue  # nobody, or several people: the context does not decide
            full = next(iter(candidates))
            shared = seen.states & self._people[full].states
            if not shared:
                continue
            out.append(IdentityLink(
                alias=key,
                person=full,
                reason=(f"the only person in the corpus named '... {parts[0]}' or '{parts[0]} ...' "
                        f"({self._people[full].name}), sharing a state: {', '.join(sorted(shared))}"),
            ))
        return out
