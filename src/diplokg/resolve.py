"""The identity stage: which people, and which reported events, are the same across articles.

It decides from plain observations, whatever they come from: a build hands it what each
article's records say (:func:`observe_extraction`), a store what its article graphs hold. Every
decision is a link that states the rule that fired and its evidence; links depend on the whole
set of observations, never on the order they came in, and removing an article's observations
and deciding again undoes what that article caused.

**People.** Within an article the extractor already joins "Wang" to "Wang Yi". Across articles,
a person found only as "Retno" in one article and as "Retno Marsudi" in others is the same person
when exactly one fully named person has that word as the first or last part of the name, and the
two share context (a state named in their articles). Otherwise the one-word person stays
unresolved, never guessed.

**Events.** Each article's event is its own node (a *report*); two reports are the same event
when they are of the same class (a Summit and Talks are meetings), their participants overlap
(they share two people, or all of the smaller one's if it names one), their dates agree at the
precision both give (a date is required on both: an undated report could be any meeting of the
pair), and their places and forums do not differ where both name one. Reports that agree pairwise
form one event (the connected component); its node is the report with the smallest IRI, and the
others are ``owl:sameAs`` it, each with the rule and the evidence.

>>> resolver = Resolver()
>>> resolver.observe_person(PersonSeen("retno-marsudi", "Retno Marsudi", frozenset({"indonesia"})))
>>> resolver.observe_person(PersonSeen("retno", "Retno", frozenset({"indonesia"})))
>>> [(link.alias, link.person) for link in resolver.person_links()]
[('retno', 'retno-marsudi')]
>>> visit = dict(type="Visit", participants=frozenset({"a", "b"}), place="peru")
>>> resolver.observe_event(EventSeen("urn:x:2", "two", date="2024-05-03", **visit))
>>> resolver.observe_event(EventSeen("urn:x:1", "one", date="2024-05", **visit))
>>> [(link.report, link.same_as, link.rule) for link in resolver.event_links()]
[('urn:x:2', 'urn:x:1', 'same-event')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .records import Event, Extraction

__all__ = ["EventLink", "EventSeen", "IdentityLink", "PersonSeen", "Resolver", "dates_agree", "event_key",
           "observe_extraction"]

#: Event classes that are one kind of gathering for identity: talks and a summit are meetings.
_SAME_CLASS = {"Talks": "Meeting", "Summit": "Meeting"}


@dataclass(frozen=True, slots=True)
class PersonSeen:
    """A person one article names (its key and name) and the states that article names."""

    key: str
    name: str
    states: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventSeen:
    """One article's report of an event: its node's IRI, the article, and what it says."""

    report: str
    article: str
    type: str
    participants: frozenset[str]
    date: str | None = None  # ISO at the precision the text gives: 2024-05-03, 2024-05, 2024, --05-03
    place: str | None = None
    forum: str | None = None


@dataclass(frozen=True, slots=True)
class IdentityLink:
    """``alias`` (a one-word person) is the same person as ``person``, and why."""

    alias: str
    person: str
    reason: str


@dataclass(frozen=True, slots=True)
class EventLink:
    """The report ``report`` is the same event as the report ``same_as``: the rule and the evidence."""

    report: str
    same_as: str
    rule: str
    evidence: str


def event_key(doc_id: str, index: int, event: Event) -> str:
    """What an article's event report is named by: its article, its place there, its class and people.

    A report belongs to its article alone (removing the article removes it); that two reports are
    one event is the identity stage's decision (:meth:`Resolver.event_links`), not an IRI clash.
    """
    people = ",".join(sorted(p.person for p in event.participants))
    return f"{doc_id}|{index}|{event.type}|{people}"


def observe_extraction(extraction: Extraction, event_iri: Callable[[str], str]) -> tuple[list[PersonSeen], list[EventSeen]]:
    """The observations one article's records give; ``event_iri(key)`` names a report's node."""
    doc_id = extraction.document.id
    states = frozenset(e.key for e in extraction.entities if e.type == "State" and e.mentions)
    people = [PersonSeen(e.key, e.name, states) for e in extraction.entities if e.type == "Person"]
    events = []
    for index, event in enumerate(extraction.events):
        participants = frozenset(p.person for p in event.participants)
        if event.planned or not participants:
            continue  # a plan is not a report of the event, and nobody to compare by
        events.append(EventSeen(
            report=event_iri(event_key(doc_id, index, event)), article=doc_id, type=event.type,
            participants=participants, date=event.date.value if event.date else None,
            place=event.place, forum=event.forum))
    return people, events


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two ISO dates at their own precisions that can name the same day.

    >>> dates_agree("2024-05-03", "2024-05"), dates_agree("2024-05-03", "--05-03"), dates_agree("2024-05", "2024-06")
    (True, True, False)
    >>> dates_agree("2024-05-03", None), dates_agree("2024", "2024")
    (False, False)
    """
    if not a or not b:
        return False
    for x, y in ((a, b), (b, a)):
        if x.startswith("--") and not y.startswith("--"):  # a month-day (or month) without a year
            if y[4:].startswith(x[1:]) or (len(y) >= 7 and x[1:].startswith(y[4:])):
                return _at_least_month(x) and _at_least_month(y)
            return False
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) and _at_least_month(shorter)


def _month(value: str | None) -> str | None:
    """The month of a date that names one ("05" of 2024-05-03 and of --05-03), else None."""
    if not value or not _at_least_month(value):
        return None
    return value[2:4] if value.startswith("--") else value[5:7]


def _at_least_month(value: str) -> bool:
    # a year alone names no meeting: two meetings of a pair in one year are common
    return len(value) >= 7 or value.startswith("--")


@dataclass
class _Person:
    name: str
    states: set[str] = field(default_factory=set)


class Resolver:
    """People and event reports seen across a build or a store, and the links they decide."""

    def __init__(self) -> None:
        self._people: dict[str, _Person] = {}
        self._events: dict[str, EventSeen] = {}

    def observe_person(self, seen: PersonSeen) -> None:
        person = self._people.get(seen.key)
        if person is None:
            self._people[seen.key] = person = _Person(seen.name)
        elif seen.name < person.name:
            person.name = seen.name  # the same answer whatever the order of the articles
        person.states |= seen.states

    def observe_event(self, seen: EventSeen) -> None:
        self._events[seen.report] = seen

    def observe(self, people: Iterable[PersonSeen], events: Iterable[EventSeen]) -> None:
        for person in people:
            self.observe_person(person)
        for event in events:
            self.observe_event(event)

    # -- people -----------------------------------------------------------------------------------

    def person_links(self) -> list[IdentityLink]:
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

    # -- events -----------------------------------------------------------------------------------

    def event_links(self) -> list[EventLink]:
        """Each report that is the same event as another, linked to its event's node (see module)."""
        # Candidates share a class, a participant and a month (dates must agree at least to the
        # month): never a comparison of every pair.
        buckets: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for report in sorted(self._events):
            seen = self._events[report]
            month = _month(seen.date)
            if month is None:
                continue
            for person in seen.participants:
                buckets[(_SAME_CLASS.get(seen.type, seen.type), person, month)].append(report)
        parent = {report: report for report in self._events}

        def root(report: str) -> str:
            while parent[report] != report:
                parent[report] = parent[parent[report]]
                report = parent[report]
            return report

        compared: set[tuple[str, str]] = set()
        agreed: dict[str, list[tuple[str, str]]] = defaultdict(list)  # report -> (other, evidence)
        for reports in buckets.values():
            for i, a in enumerate(reports):
                for b in reports[i + 1:]:
                    if (a, b) in compared:
                        continue
                    compared.add((a, b))
                    evidence = self._same_event(self._events[a], self._events[b])
                    if evidence is None:
                        continue
                    agreed[a].append((b, evidence))
                    agreed[b].append((a, evidence))
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[str]] = defaultdict(list)
        for report in self._events:
            groups[root(report)].append(report)
        out = []
        for members in groups.values():
            if len(members) < 2:
                continue
            node = min(members)
            for report in sorted(members):
                if report == node:
                    continue
                other, evidence = min(agreed[report])
                out.append(EventLink(report=report, same_as=node, rule="same-event",
                                     evidence=f"agrees with {other}: {evidence}"))
        return sorted(out, key=lambda link: link.report)

    @staticmethod
    def _same_event(a: EventSeen, b: EventSeen) -> str | None:
        """Why ``a`` and ``b`` report one event, or None when they need not."""
        if a.article == b.article:
            return None  # within an article the extractor has already decided
        kind = _SAME_CLASS.get(a.type, a.type)
        if kind != _SAME_CLASS.get(b.type, b.type):
            return None
        shared = a.participants & b.participants
        if len(shared) < min(2, len(a.participants), len(b.participants)):
            return None
        if not dates_agree(a.date, b.date):
            return None
        for what, x, y in (("place", a.place, b.place), ("forum", a.forum, b.forum)):
            if x and y and x != y:
                return None
        said = [f"both {kind}", f"participants {', '.join(sorted(shared))}", f"dates {' / '.join(sorted((a.date, b.date)))}"]
        said += [f"{what} {x or y}" for what, x, y in (("place", a.place, b.place), ("forum", a.forum, b.forum))
                 if x or y]
        return "; ".join(said)
