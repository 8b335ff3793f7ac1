"""Frozen records: the one typed boundary between the NLP stages and the RDF stages.

``ingest`` produces :class:`Document`; ``extract``/``resolve`` produce :class:`Extraction`.
No spaCy object crosses this boundary and no rdflib/pyoxigraph object exists before it.
All offsets are character offsets into ``Document.text`` (the stored, NFC-normalised text),
so ``doc.text[span.start:span.end]`` reproduces the span exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Furniture",
    "Document",
    "Span",
    "Mention",
    "Entity",
    "Tenure",
    "DateValue",
    "Participant",
    "Event",
    "Statement",
    "Membership",
    "Extraction",
    "ENTITY_TYPES",
    "EVENT_TYPES",
]

#: Entity types, as used in the gold files and as local names of the ontology classes.
ENTITY_TYPES = ("Person", "State", "Forum", "Organization", "Place")
#: Event types; ``ForumMeeting`` is the multilateral gathering other events happen on the sidelines of.
EVENT_TYPES = (
    "Meeting",
    "Talks",
    "Visit",
    "Summit",
    "PhoneCall",
    "Agreement",
    "Election",
    "ForumMeeting",
)


@dataclass(frozen=True, slots=True)
class Furniture:
    """A region of page furniture (not article body): recorded, never silently dropped."""

    start: int
    end: int
    kind: str  # e.g. "comment-counter", "related-stories", "photo-credit", "source-line"


@dataclass(frozen=True, slots=True)
class Document:
    """One article as stored: text plus metadata."""

    id: str  # stable id: JSONL ``id`` or the file stem
    text: str  # stored text, NFC; every offset in the graph points into this string
    language: str  # "id" or "en"
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD when known
    url: str | None = None  # where the article was published (metadata)
    source_url: str | None = None  # a source the text itself states ("Sumber: URL")
    furniture: tuple[Furniture, ...] = ()
    path: str | None = None  # input file (and line for JSONL), for messages only

    def body_text(self) -> str:
        """The text with furniture blanked out, same length so offsets stay valid."""
        if not self.furniture:
            return self.text
        chars = list(self.text)
        for region in self.furniture:
            for i in range(region.start, region.end):
                if chars[i] not in "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an entity."""

    start: int
    end: int
    text: str
    method: str = "alias"  # alias | fuzzy | pattern | coref | metonym
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, state, forum, organisation or place, with its mentions in one document.

    ``key`` is the stable identifier that becomes the IRI's last segment (knowledge-base key for
    known entities, a slug of the name for new persons).
    """

    key: str
    type: str  # one of ENTITY_TYPES
    name: str  # canonical English name
    mentions: tuple[Mention, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()  # (label, language) pairs from the knowledge base
    wikidata: str | None = None  # "Q159", only when verified
    in_kb: bool = False
    #: Spans the entity is inferred from without being named there (a title that implies a
    #: state: "Menteri Luar Negeri Retno Marsudi" in an Indonesian article).
    inferred_from: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Tenure:
    """A person holding a role in a state or organisation, as the text states it."""

    person: str  # entity key
    role: str  # role key from the knowledge base (e.g. "minister-of-foreign-affairs")
    role_label: str  # English role label
    of: str | None  # entity key of the state/organisation, None when the text does not say
    evidence: Span
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date at the precision the text supports.

    ``value`` is an ISO 8601 string: "2023-03-20", "2023-03", "2023", "--07-25" (month-day),
    "--05" (month only), or None when only a weekday is known.
    """

    value: str | None
    weekday: str | None = None  # English weekday name, "Monday"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    person: str  # entity key
    role: str = "participant"  # participant | visitor | host
    tenure: str | None = None  # tenure id (see Tenure) the person acts in


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # one of EVENT_TYPES
    participants: tuple[Participant, ...]
    evidence: Span
    trigger: str = ""
    date: DateValue | None = None
    end_date: DateValue | None = None
    duration: str | None = None  # ISO 8601 duration, "PT40M"
    place: str | None = None  # entity key (Place or State)
    forum: str | None = None  # entity key (Forum)
    sub_event_of: int | None = None  # index into Extraction.events
    planned: bool = False
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str  # entity key of a Person
    text: str  # the words said (quote body or reported clause)
    span: Span  # where ``text`` sits in the document
    direct: bool
    cue: str = ""  # the speech verb, "kata", "mengatakan"
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Membership:
    member: str  # entity key of a State
    forum: str  # entity key of a Forum/Organization
    evidence: Span


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read out of one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    tenures: tuple[Tenure, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    memberships: tuple[Membership, ...] = ()
    sentences: tuple[Span, ...] = field(default=())
