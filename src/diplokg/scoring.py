"""Score a built graph against gold annotations, exactly as ``gold/README.md`` defines.

The flow is ``load_gold`` (JSON files -> :class:`GoldArticle`), ``read_predictions`` (an RDF
file -> :class:`ArticlePrediction` per article, read through the provenance spans of
``docs/data-model.md``) and ``score`` (both -> :class:`Report`). ``evaluate`` composes them.
Nothing here prints; :meth:`Report.table` (``render_table``) and ``render_errors`` return ``rich``
tables for the CLI.

Decisions the README leaves open, made here once:

* Precision with nothing predicted and recall with nothing to find are 1.0 (vacuously true);
  F1 is ``2TP / (2TP + FP + FN)``, and 1.0 only when a category is empty on both sides.
* References (the person and ``of`` of a position, event participants, places, forums, speakers)
  match by names/Wikidata id only, without the type check that entity scoring applies: a
  country named as an event's place is a ``dkg:State`` in the graph and may be a Place in gold.
* Predicted event participants are the actors typed ``dkg:Person`` (or untyped): gold
  participants are persons by definition.
* Unmatched predictions that match an optional gold item are neutral, however many there are.
* A gold event with neither participants nor place nor forum matches on its type class alone.
* Role containment is by whole words ("Secretary of State" is not inside "Undersecretary of
  State"); statement containment is by characters, as the README words it.
* Among matchings of maximum size, events pair up so that most dates, places and forums agree
  (and statements so that ``direct`` agrees): two meetings of the same people on two days are
  each scored against their own day.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph

from .errors import DiplokgError
from .rdf.formats import by_suffix, suffixes
from .rdf.terms import DKG, DCTERMS, ITSRDF, NIF, ORG, PREFIXES, PROV, SCHEMA, SEM, SKOS, WD

__all__ = [
    "EvaluationError",
    "normalize",
    "fold_role",
    "roles_match",
    "PredEntity",
    "PredPosition",
    "PredMembership",
    "PredEvent",
    "PredStatement",
    "ArticlePrediction",
    "GoldEntity",
    "GoldPosition",
    "GoldMembership",
    "GoldEvent",
    "GoldStatement",
    "GoldArticle",
    "Score",
    "Accuracy",
    "Leak",
    "Discrepancy",
    "ArticleReport",
    "Report",
    "HEADLINE_CATEGORIES",
    "read_predictions",
    "load_gold",
    "parse_gold",
    "score",
    "score_article",
    "evaluate",
    "render_table",
    "render_errors",
]


class EvaluationError(DiplokgError, ValueError):
    """Gold or graph input that cannot be scored; the message names the file and the fix.

    Codes: E150 graph missing, E151 no RDF file in a folder, E152 unknown RDF suffix,
    E153 invalid RDF, E154 gold missing, E155 no gold files, E156 gold not following its schema,
    E157 two gold files for one article.
    """

    code = "E150"


# --------------------------------------------------------------------------------------------
# Normalisation and role folding
# --------------------------------------------------------------------------------------------


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Fold case, accents, punctuation and whitespace, as the gold README's matching requires.

    >>> normalize("  Kébayoran-Baru,  JAKARTA! ")
    'kebayoran baru jakarta'
    >>> normalize("Mexico’s") == normalize("Mexico's")
    True
    """
    folded = _strip_marks(_strip_marks(text).casefold())
    # Punctuation (P*) and symbols (S*) become spaces, so "Bangsa-Bangsa" == "Bangsa Bangsa".
    spaced = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in folded)
    return " ".join(spaced.split())


_MOFA = "minister of foreign affairs"
#: (normalised pattern, replacement, only when ``of`` is the United States)
_ROLE_SYNONYMS: tuple[tuple[str, str, bool], ...] = (
    ("minister for foreign affairs", _MOFA, False),
    ("external affairs minister", _MOFA, False),
    ("foreign minister", _MOFA, False),
    ("foreign secretary", _MOFA, False),
    ("secretary of state", _MOFA, True),
    ("premier", "prime minister", False),
    ("secretary general", "secretary general", False),  # "Secretary-General" after normalize
    ("spokesman", "spokesperson", False),
    ("spokeswoman", "spokesperson", False),
)
_ROLE_PATTERNS = tuple(
    (re.compile(rf"\b{re.escape(pattern)}\b"), replacement, us_only)
    for pattern, replacement, us_only in _ROLE_SYNONYMS
)
#: Qualifiers that make a different role: "Deputy Foreign Minister" is not "Foreign Minister".
_QUALIFIERS = frozenset({"deputy", "vice"})
_US_NAMES = frozenset(
    normalize(n)
    for n in (
        "United States",
        "United States of America",
        "USA",
        "US",
        "U.S.",
        "Amerika Serikat",
        "AS",
    )
)
_US_WIKIDATA = "Q30"


def fold_role(role: str, *, of_is_us: bool = False) -> str:
    """Normalise an English role label and fold the README's synonyms.

    >>> fold_role("Foreign Minister")
    'minister of foreign affairs'
    >>> fold_role("Secretary of State", of_is_us=True)
    'minister of foreign affairs'
    >>> fold_role("Secretary of State")
    'secretary of state'
    >>> fold_role("Vice Premier")
    'vice prime minister'
    """
    folded = normalize(role)
    for pattern, replacement, us_only in _ROLE_PATTERNS:
        if us_only and not of_is_us:
            continue
        folded = pattern.sub(replacement, folded)
    return folded


def roles_match(
    gold_role: str, predicted_role: str, *, gold_of_is_us: bool = False, predicted_of_is_us: bool = False
) -> bool:
    """Equal after folding, or one contains the other, with the same Deputy/Vice qualifiers.

    >>> roles_match("Minister of Foreign Affairs", "Foreign Minister")
    True
    >>> roles_match("Deputy Foreign Minister", "Foreign Minister")
    False
    >>> roles_match("Spokesperson of the Department of State", "Spokesman")
    True
    """
    gold = fold_role(gold_role, of_is_us=gold_of_is_us)
    pred = fold_role(predicted_role, of_is_us=predicted_of_is_us)
    if not gold or not pred:
        return False
    if gold == pred:
        return True
    if _QUALIFIERS & set(gold.split()) != _QUALIFIERS & set(pred.split()):
        return False
    return f" {gold} " in f" {pred} " or f" {pred} " in f" {gold} "


# --------------------------------------------------------------------------------------------
# Records read from the graph
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PredEntity:
    """An entity as the graph states it, with its mentions in one article."""

    iri: str
    type: str | None  # Person | State | Forum | Organization | Place, None when untyped
    labels: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    wikidata: str | None = None

    def names(self) -> frozenset[str]:
        """Normalised labels and mentions."""
        return frozenset(n for n in map(normalize, (*self.labels, *self.mentions)) if n)

    def display(self) -> str:
        """Name and the IRI's last two segments: ``Sergei Lavrov (person/sergei-lavrov)``."""
        name = self.labels[0] if self.labels else (self.mentions[0] if self.mentions else self.iri)
        return f"{name} ({'/'.join(self.iri.split('/')[-2:])})"


@dataclass(frozen=True, slots=True)
class PredPosition:
    iri: str
    person: PredEntity | None
    role: str | None
    of: PredEntity | None


@dataclass(frozen=True, slots=True)
class PredMembership:
    iri: str
    member: PredEntity | None
    of: PredEntity | None


@dataclass(frozen=True, slots=True)
class PredEvent:
    iri: str
    type: str  # local name of the dkg class
    participants: tuple[PredEntity, ...] = ()
    date: str | None = None
    weekday: str | None = None
    place: PredEntity | None = None
    forum: PredEntity | None = None
    planned: bool | None = None


@dataclass(frozen=True, slots=True)
class PredStatement:
    iri: str
    speaker: PredEntity | None
    text: str
    direct: bool | None = None


@dataclass(slots=True)
class ArticlePrediction:
    """Everything the graph derives from one article."""

    doc: str
    iri: str = ""
    entities: list[PredEntity] = field(default_factory=list)
    positions: list[PredPosition] = field(default_factory=list)
    memberships: list[PredMembership] = field(default_factory=list)
    events: list[PredEvent] = field(default_factory=list)
    statements: list[PredStatement] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Reading the graph
# --------------------------------------------------------------------------------------------

# Terms come from the generated closed namespace (a typo raises); compared as plain strings.
_DKG = str(DKG._NS)
_RDF_TYPE = PREFIXES["rdf"] + "type"
_RDFS_LABEL = PREFIXES["rdfs"] + "label"
_SKOS = str(SKOS)
_ORG = str(ORG)
_SEM = str(SEM)
_SCHEMA = str(SCHEMA)
_NIF = str(NIF)
_ITSRDF_IDENT = str(ITSRDF.taIdentRef)
_PROV_DERIVED = str(PROV.wasDerivedFrom)
_DCT_IDENTIFIER = str(DCTERMS.identifier)
_OWL_SAMEAS = PREFIXES["owl"] + "sameAs"
_WIKIDATA = (str(WD), str(WD).replace("http://", "https://"))

_ENTITY_CLASSES: tuple[tuple[str, str], ...] = (
    (str(DKG.Person), "Person"),
    (str(DKG.Diplomat), "Person"),
    (str(DKG.State), "State"),
    (str(DKG.Forum), "Forum"),
    (str(DKG.Organization), "Organization"),
    (str(DKG.Place), "Place"),
)
_EVENT_CLASSES = (
    "Meeting",
    "Talks",
    "Summit",
    "Visit",
    "PhoneCall",
    "Agreement",
    "Election",
    "ForumMeeting",
)
_LABEL_PROPERTIES = (_SKOS + "prefLabel", _RDFS_LABEL, _SKOS + "altLabel")


Term = Any  # pyoxigraph.NamedNode | BlankNode | Literal


def _key(term: Term) -> str | None:
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:" + term.value
    return None


class _Index:
    """Subject -> predicate -> objects over the union of all graphs, duplicates dropped."""

    def __init__(self) -> None:
        self.props: dict[str, dict[str, dict[Term, None]]] = {}

    def add(self, subject: str, predicate: str, obj: Term) -> None:
        self.props.setdefault(subject, {}).setdefault(predicate, {})[obj] = None

    def objects(self, subject: str, predicate: str) -> list[Term]:
        return list(self.props.get(subject, {}).get(predicate, {}))

    def refs(self, subject: str, predicate: str) -> list[str]:
        """IRIs and blank nodes, sorted: results must not depend on the file's triple order."""
        return sorted(k for k in map(_key, self.objects(subject, predicate)) if k is not None)

    def ref(self, subject: str, predicate: str) -> str | None:
        found = self.refs(subject, predicate)
        return found[0] if found else None

    def literal(self, subject: str, predicate: str) -> str | None:
        values = [o.value for o in self.objects(subject, predicate) if isinstance(o, pyoxigraph.Literal)]
        return min(values) if values else None

    def types(self, subject: str) -> set[str]:
        return set(self.refs(subject, _RDF_TYPE))


def _graph_files(path: Path) -> list[Path]:
    if path.is_dir():
        union = path / "graph.ttl"
        if union.is_file():
            return [union]
        files = sorted(p for p in path.iterdir() if getattr(by_suffix(p), "written", False) and p.is_file())
        if not files:
            raise EvaluationError(
                f"{path}: no RDF file (graph.ttl, *.trig, *.nq, *.nt, *.ttl) in this folder",
                hint="pass the graph file written by `diplokg build`.",
                code="E151",
            )
        return files
    if not path.is_file():
        raise EvaluationError(f"{path}: graph file does not exist", hint="build the graph first.", code="E150")
    return [path]


def _load_index(graph_path: str | Path) -> _Index:
    index = _Index()
    for file in _graph_files(Path(graph_path)):
        found = by_suffix(file)
        if found is None:
            raise EvaluationError(
                f"{file}: cannot tell the RDF format from the suffix",
                hint=f"use one of {', '.join(suffixes())}.",
                code="E152",
            )
        try:
            for quad in pyoxigraph.parse(path=file, format=found.rdf_format):
                subject = _key(quad.subject)
                if subject is not None:
                    index.add(subject, quad.predicate.value, quad.object)
        except SyntaxError as err:
            raise EvaluationError(
                f"{file}: not valid {found.rdf_format}: {err}", hint="rebuild the graph or fix the file.", code="E153"
            ) from err
    return index


def _lang_is_en(literal: Term) -> bool:
    lang = getattr(literal, "language", None)
    return bool(lang) and (lang == "en" or lang.startswith("en-"))


def _labels(index: _Index, iri: str) -> tuple[str, ...]:
    """Labels, preferred first and English first, in an order independent of the file's."""
    seen: dict[str, None] = {}
    for prop in _LABEL_PROPERTIES:
        literals = [o for o in index.objects(iri, prop) if isinstance(o, pyoxigraph.Literal)]
        literals.sort(key=lambda o: (not _lang_is_en(o), o.language or "", o.value))
        for literal in literals:
            seen[literal.value] = None
    return tuple(seen)


def _entity_type(types: set[str]) -> str | None:
    for cls, name in _ENTITY_CLASSES:
        if cls in types:
            return name
    return None


def _wikidata(index: _Index, iri: str) -> str | None:
    for ref in index.refs(iri, _OWL_SAMEAS):
        for prefix in _WIKIDATA:
            if ref.startswith(prefix):
                return ref[len(prefix) :]
    return None


def _role_label(index: _Index, role: str) -> str:
    for prop in (_SKOS + "prefLabel", _RDFS_LABEL):
        for obj in index.objects(role, prop):
            if isinstance(obj, pyoxigraph.Literal) and _lang_is_en(obj):
                return obj.value
    for prop in (_SKOS + "prefLabel", _RDFS_LABEL):
        value = index.literal(role, prop)
        if value:
            return value
    # Last resort: the IRI's key, "role/minister-of-foreign-affairs" -> "minister of foreign affairs".
    return role.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() in {"true", "1"}


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else -1
    except ValueError:
        return -1


def _local(iri_or_text: str) -> str:
    return re.split(r"[/#]", iri_or_text)[-1]


class _ArticleReader:
    def __init__(self, index: _Index, article: str, doc: str, mentions: dict[str, list[str]]) -> None:
        self.index = index
        self.article = article
        self.doc = doc
        self.mentions = mentions
        self._cache: dict[str, PredEntity] = {}

    def entity(self, iri: str | None) -> PredEntity | None:
        if iri is None:
            return None
        if iri not in self._cache:
            self._cache[iri] = PredEntity(
                iri=iri,
                type=_entity_type(self.index.types(iri)),
                labels=_labels(self.index, iri),
                mentions=tuple(dict.fromkeys(self.mentions.get(iri, ()))),
                wikidata=_wikidata(self.index, iri),
            )
        return self._cache[iri]

    def read(self, derived: Iterable[str]) -> ArticlePrediction:
        index = self.index
        prediction = ArticlePrediction(doc=self.doc, iri=self.article)
        prediction.entities = [e for e in map(self.entity, sorted(self.mentions)) if e is not None]
        for item in sorted(derived):
            types = index.types(item)
            if str(DKG.Tenure) in types:
                role = index.ref(item, _ORG + "role")
                prediction.positions.append(
                    PredPosition(
                        iri=item,
                        person=self.entity(index.ref(item, _ORG + "member")),
                        role=_role_label(index, role) if role else None,
                        of=self.entity(index.ref(item, _ORG + "organization")),
                    )
                )
            if str(DKG.ForumMembership) in types:
                prediction.memberships.append(
                    PredMembership(
                        iri=item,
                        member=self.entity(index.ref(item, _ORG + "member")),
                        of=self.entity(index.ref(item, _ORG + "organization")),
                    )
                )
            if str(DKG.Statement) in types:
                text = index.literal(item, _SCHEMA + "text") or ""
                direct = _bool(index.literal(item, str(DKG.direct)))
                speakers: list[str | None] = [*index.refs(item, str(DKG.speaker))] or [None]
                # A statement with several speakers is one statement per speaker.
                for speaker in speakers:
                    prediction.statements.append(PredStatement(item, self.entity(speaker), text, direct))
            event = self._event(item, types)
            if event is not None:
                prediction.events.append(event)
        return prediction

    def _event(self, item: str, types: set[str]) -> PredEvent | None:
        index = self.index
        classes = [c for c in _EVENT_CLASSES if _DKG + c in types]
        if not classes:
            return None
        kind = classes[0]
        actors = index.refs(item, _SEM + "hasActor")
        if kind == "Visit":
            visitors = [
                participant
                for participation in index.refs(item, str(DKG.participation))
                if (index.literal(participation, str(DKG.participantRole)) or "").strip().lower() == "visitor"
                for participant in index.refs(participation, str(DKG.participant))
            ]
            if visitors:
                actors = visitors
        participants = tuple(
            e
            for e in (self.entity(a) for a in dict.fromkeys(actors))
            if e is not None and e.type in {"Person", None}
        )
        if kind == "ForumMeeting" and not participants:
            return None  # the gathering itself; scored as a Meeting only with participants
        # schema:Monday as data-model.md writes it; a plain literal is read too
        weekday = index.ref(item, str(DKG.weekday)) or index.literal(item, str(DKG.weekday))
        weekday_text = _local(weekday) if weekday else None
        return PredEvent(
            iri=item,
            type=kind,
            participants=participants,
            date=index.literal(item, _SCHEMA + "startDate"),
            weekday=weekday_text,
            place=self.entity(index.ref(item, _SCHEMA + "location")),
            forum=self.entity(index.ref(item, str(DKG.forum))),
            planned=_bool(index.literal(item, str(DKG.planned))),
        )


def read_predictions(graph_path: str | Path) -> dict[str, ArticlePrediction]:
    """Read what a graph derives from each article, keyed by the article's ``dcterms:identifier``.

    ``graph_path`` is a Turtle, TriG, N-Triples or N-Quads file (format by suffix; the union of
    all named graphs is read), or a build folder holding ``graph.ttl`` or per-article files.
    """
    index = _load_index(graph_path)
    articles: dict[str, str] = {}  # article IRI -> doc id
    for subject in index.props:
        if str(DKG.Article) in index.types(subject):
            articles[subject] = index.literal(subject, _DCT_IDENTIFIER) or _local(subject)

    span_articles: dict[str, set[str]] = {a: {a} for a in articles}
    # article -> entity -> [(begin, anchor)], sorted below so the file's order does not matter
    located: dict[str, dict[str, list[tuple[int, str]]]] = {a: {} for a in articles}
    for subject in index.props:
        contexts = [c for c in index.refs(subject, _NIF + "referenceContext") if c in articles]
        if not contexts:
            continue
        span_articles.setdefault(subject, set()).update(contexts)
        anchor = index.literal(subject, _NIF + "anchorOf")
        begin = _int(index.literal(subject, _NIF + "beginIndex"))
        for target in index.refs(subject, _ITSRDF_IDENT):
            for context in contexts:
                found = located[context].setdefault(target, [])
                if anchor is not None:
                    found.append((begin, anchor))
    mentions = {
        article: {target: [anchor for _, anchor in sorted(spans)] for target, spans in targets.items()}
        for article, targets in located.items()
    }

    derived: dict[str, set[str]] = {a: set() for a in articles}
    for subject in index.props:
        for source in index.refs(subject, _PROV_DERIVED):
            for article in span_articles.get(source, ()):
                derived[article].add(subject)

    predictions: dict[str, ArticlePrediction] = {}
    for article, doc in sorted(articles.items(), key=lambda kv: kv[1]):
        reader = _ArticleReader(index, article, doc, mentions[article])
        predictions[doc] = reader.read(derived[article])
    return predictions


# --------------------------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldEntity:
    type: str | None
    name: str
    mentions: tuple[str, ...] = ()
    optional: bool = False
    wikidata: str | None = None

    def names(self) -> frozenset[str]:
        return frozenset(n for n in map(normalize, (self.name, *self.mentions)) if n)


@dataclass(frozen=True, slots=True)
class GoldPosition:
    person: str
    role: str
    of: str | None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldMembership:
    member: str
    of: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    participants: tuple[str, ...]
    date: str | None = None
    place: str | None = None
    forum: str | None = None
    weekday: str | None = None
    evidence: str = ""
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldStatement:
    speaker: str
    contains: str
    direct: bool | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class GoldArticle:
    doc: str
    language: str | None = None
    published: str | None = None
    entities: tuple[GoldEntity, ...] = ()
    positions: tuple[GoldPosition, ...] = ()
    memberships: tuple[GoldMembership, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    absent: tuple[str, ...] = ()

    def entity(self, name: str | None) -> GoldEntity | None:
        """The gold entity a reference names (by exact, then normalised name)."""
        if name is None:
            return None
        for entity in self.entities:
            if entity.name == name:
                return entity
        wanted = normalize(name)
        for entity in self.entities:
            if normalize(entity.name) == wanted:
                return entity
        return GoldEntity(type=None, name=name)


def parse_gold(data: Mapping[str, Any], *, doc: str | None = None) -> GoldArticle:
    """Build a :class:`GoldArticle` from one gold JSON object; unknown fields are ignored."""
    return GoldArticle(
        doc=str(data.get("doc") or doc or ""),
        language=data.get("language"),
        published=data.get("published"),
        entities=tuple(
            GoldEntity(
                type=e.get("type"),
                name=e["name"],
                mentions=tuple(e.get("mentions") or ()),
                optional=bool(e.get("optional", False)),
                wikidata=e.get("wikidata") or e.get("qid"),
            )
            for e in data.get("entities") or ()
        ),
        positions=tuple(
            GoldPosition(p["person"], p["role"], p.get("of"), bool(p.get("optional", False)))
            for p in data.get("positions") or ()
        ),
        memberships=tuple(
            GoldMembership(m["member"], m["of"], bool(m.get("optional", False)))
            for m in data.get("memberships") or ()
        ),
        events=tuple(
            GoldEvent(
                type=e["type"],
                participants=tuple(e.get("participants") or ()),
                date=e.get("date"),
                place=e.get("place"),
                forum=e.get("forum"),
                weekday=e.get("weekday"),
                evidence=e.get("evidence") or "",
                optional=bool(e.get("optional", False)),
            )
            for e in data.get("events") or ()
        ),
        statements=tuple(
            GoldStatement(s["speaker"], s["contains"], s.get("direct"), bool(s.get("optional", False)))
            for s in data.get("statements") or ()
        ),
        absent=tuple(data.get("absent") or ()),
    )


def load_gold(gold_dir: str | Path) -> dict[str, GoldArticle]:
    """Read every ``*.json`` gold file of a folder (or one file), keyed by its ``doc``."""
    path = Path(gold_dir)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
    elif path.is_file():
        files = [path]
    else:
        raise EvaluationError(f"{path}: gold folder does not exist", code="E154")
    if not files:
        raise EvaluationError(f"{path}: no *.json gold files", code="E155")
    gold: dict[str, GoldArticle] = {}
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            article = parse_gold(data, doc=file.stem)
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            raise EvaluationError(
                f"{file}: gold file does not follow the schema: {err!r}",
                hint="see the schema in gold/README.md.",
                code="E156",
            ) from err
        if article.doc in gold:
            raise EvaluationError(f"{file}: a second gold file for article {article.doc!r}", code="E157")
        gold[article.doc] = article
    return gold


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Score:
    """True/false positives and false negatives, with P/R/F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0  # nothing predicted, nothing wrongly predicted
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 1.0 if denominator == 0 else 2 * self.tp / denominator

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def __iadd__(self, other: Accuracy) -> Accuracy:
        self.correct += other.correct
        self.total += other.total
        return self

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def to_dict(self) -> dict[str, float | int | None]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass(frozen=True, slots=True)
class Leak:
    """A predicted entity matching a string the gold says must not become an entity."""

    article: str
    absent: str
    entity: str

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "absent": self.absent, "entity": self.entity}


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One scoring error: FP, FN, or WRONG (a matched event or statement with a wrong attribute)."""

    article: str
    category: str
    kind: str
    item: str
    detail: str = ""

    def __str__(self) -> str:
        line = f"{self.article}  {self.kind:<5} {self.category:<16} {self.item}"
        return f"{line}  ({self.detail})" if self.detail else line

    def __rich__(self) -> Any:
        from rich.text import Text

        return Text(str(self))  # plain text: names may hold "[...]" that rich would read as markup

    def to_dict(self) -> dict[str, str]:
        return {
            "article": self.article,
            "category": self.category,
            "kind": self.kind,
            "item": self.item,
            "detail": self.detail,
        }


#: Categories whose F1 is averaged into the headline figure.
HEADLINE_CATEGORIES = ("entities", "positions", "events", "statements")
CATEGORIES = ("entities", "organizations", "places", "positions", "memberships", "events", "statements")
ENTITY_TYPES = ("Person", "State", "Forum", "Organization", "Place")
ATTRIBUTES = ("date", "place", "forum", "weekday", "direct")
_HEADLINE_ENTITY_TYPES = ("Person", "State", "Forum")


def _empty_scores() -> dict[str, Score]:
    return {c: Score() for c in CATEGORIES}


@dataclass(slots=True)
class ArticleReport:
    doc: str
    in_graph: bool = True
    scores: dict[str, Score] = field(default_factory=_empty_scores)
    entity_types: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    leaks: list[Leak] = field(default_factory=list)
    errors: list[Discrepancy] = field(default_factory=list)

    @property
    def headline(self) -> float:
        return sum(self.scores[c].f1 for c in HEADLINE_CATEGORIES) / len(HEADLINE_CATEGORIES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "in_graph": self.in_graph,
            "headline": self.headline,
            "scores": {c: s.to_dict() for c, s in self.scores.items()},
            "entity_types": {t: s.to_dict() for t, s in self.entity_types.items()},
            "attributes": {a: s.to_dict() for a, s in self.attributes.items()},
            "leaks": [leak.to_dict() for leak in self.leaks],
            "errors": [e.to_dict() for e in self.errors],
        }


@dataclass(slots=True)
class Report:
    """Micro-averaged scores over articles, with the per-article breakdown they sum."""

    scores: dict[str, Score] = field(default_factory=_empty_scores)
    entity_types: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    leaks: list[Leak] = field(default_factory=list)
    errors: list[Discrepancy] = field(default_factory=list)
    articles: dict[str, ArticleReport] = field(default_factory=dict)
    missing_articles: list[str] = field(default_factory=list)

    @property
    def headline(self) -> float:
        """Mean F1 of entities, positions, events and statements."""
        return sum(self.scores[c].f1 for c in HEADLINE_CATEGORIES) / len(HEADLINE_CATEGORIES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "scores": {c: s.to_dict() for c, s in self.scores.items()},
            "entity_types": {t: s.to_dict() for t, s in self.entity_types.items()},
            "attributes": {a: s.to_dict() for a, s in self.attributes.items()},
            "leaks": [leak.to_dict() for leak in self.leaks],
            "errors": [e.to_dict() for e in self.errors],
            "missing_articles": list(self.missing_articles),
            "articles": {doc: a.to_dict() for doc, a in self.articles.items()},
        }

    def table(self, *, title: str = "diplokg eval") -> Any:
        """The report as a ``rich.table.Table`` (what ``diplokg eval`` prints): one row per
        category, then the attribute accuracies."""
        from rich.table import Table

        table = Table(title=f"{title}: headline {self.headline:.3f}")
        for column in ("category", "TP", "FP", "FN", "P", "R", "F1"):
            table.add_column(column, justify="left" if column == "category" else "right")

        def row(name: str, s: Score, style: str | None = None) -> None:
            table.add_row(
                name, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", style=style
            )

        row("entities (headline)", self.scores["entities"], "bold")
        for kind in _HEADLINE_ENTITY_TYPES:
            row(f"  {kind}", self.entity_types[kind])
        row("organizations", self.scores["organizations"])
        row("places", self.scores["places"])
        for category in ("positions", "memberships", "events", "statements"):
            row(category, self.scores[category], "bold" if category in HEADLINE_CATEGORIES else None)
        table.add_section()
        for name, accuracy in self.attributes.items():
            value = accuracy.value
            table.add_row(
                f"accuracy: {name}", str(accuracy.correct), "", str(accuracy.total - accuracy.correct), "", "",
                "-" if value is None else f"{value:.3f}",
            )
        table.add_row("absent leaks", str(len(self.leaks)), "", "", "", "", "")
        if self.missing_articles:
            table.add_row("articles missing from graph", str(len(self.missing_articles)), "", "", "", "", "")
        return table


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def _max_matching(
    n_left: int,
    n_right: int,
    edge: Callable[[int, int], bool],
    preference: Callable[[int, int], int] | None = None,
) -> list[tuple[int, int]]:
    """Maximum bipartite matching, deterministic for a given order of both sides.

    With ``preference``, among the matchings of maximum size the one with the largest total
    preference is returned (e.g. events whose date and place agree are paired first).
    """
    if preference is not None:
        return _weighted_matching(n_left, n_right, edge, preference)
    adjacency = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacency[i]:
            if j in seen:
                continue
            seen.add(j)
            current = owner[j]
            if current is None or augment(current, seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


def _weighted_matching(
    n_left: int, n_right: int, edge: Callable[[int, int], bool], preference: Callable[[int, int], int]
) -> list[tuple[int, int]]:
    """Hungarian algorithm on a square cost matrix; a match outweighs any sum of preferences."""
    n = max(n_left, n_right)
    if n == 0:
        return []
    prefs = {(i, j): preference(i, j) for i in range(n_left) for j in range(n_right) if edge(i, j)}
    if not prefs:
        return []
    big = (max(prefs.values()) + 1) * (n + 1)
    # cost[i][j] (1-based); minimising -(big + pref) maximises size first, preference second
    cost = [[0] * (n + 1) for _ in range(n + 1)]
    for (i, j), pref in prefs.items():
        cost[i + 1][j + 1] = -(big + pref)
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    match = [0] * (n + 1)  # match[column] = row
    way = [0] * (n + 1)
    for row in range(1, n + 1):
        match[0] = row
        column = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[column] = True
            i0, delta, next_column = match[column], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[i0][j] - u[i0] - v[j]
                    if reduced < minv[j]:
                        minv[j], way[j] = reduced, column
                    if minv[j] < delta:
                        delta, next_column = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            column = next_column
            if match[column] == 0:
                break
        while column:
            previous = way[column]
            match[column] = match[previous]
            column = previous
    return sorted(
        (match[j] - 1, j - 1) for j in range(1, n + 1) if match[j] and (match[j] - 1, j - 1) in prefs
    )


def _names_match(pred: PredEntity, gold: GoldEntity) -> bool:
    if pred.wikidata and gold.wikidata and pred.wikidata == gold.wikidata:
        return True
    return not pred.names().isdisjoint(gold.names())


def _types_agree(pred_type: str | None, gold_type: str | None) -> bool:
    if pred_type is None or gold_type is None:
        return False
    return pred_type == gold_type or {pred_type, gold_type} == {"Forum", "Organization"}


def _refers(pred: PredEntity | None, gold: GoldEntity | None) -> bool:
    """Does a predicted reference (participant, place, ``of``...) name the gold one?"""
    if gold is None or pred is None:
        return gold is None and pred is None
    return _names_match(pred, gold)


def _is_us_pred(entity: PredEntity | None) -> bool:
    if entity is None:
        return False
    return entity.wikidata == _US_WIKIDATA or not entity.names().isdisjoint(_US_NAMES)


def _is_us_gold(entity: GoldEntity | None) -> bool:
    if entity is None:
        return False
    return entity.wikidata == _US_WIKIDATA or not entity.names().isdisjoint(_US_NAMES)


_EVENT_CLASS = {
    "Meeting": "meeting",
    "Talks": "meeting",
    "Summit": "meeting",
    "ForumMeeting": "meeting",
    "Visit": "visit",
    "PhoneCall": "phonecall",
    "Agreement": "agreement",
    "Election": "election",
}


def _event_class(kind: str) -> str:
    return _EVENT_CLASS.get(kind, kind.casefold())


def _participants_equal(gold: GoldArticle, pred: Sequence[PredEntity], names: Sequence[str]) -> bool:
    wanted = [gold.entity(n) for n in dict.fromkeys(names)]
    found = list({e.iri: e for e in pred}.values())
    if len(wanted) != len(found):
        return False
    pairs = _max_matching(len(wanted), len(found), lambda i, j: _refers(found[j], wanted[i]))
    return len(pairs) == len(wanted)


class _ArticleScorer:
    def __init__(self, gold: GoldArticle, prediction: ArticlePrediction, report: ArticleReport) -> None:
        self.gold = gold
        self.pred = prediction
        self.report = report

    def error(self, category: str, kind: str, item: str, detail: str = "") -> None:
        self.report.errors.append(Discrepancy(self.gold.doc, category, kind, item, detail))

    def match(
        self,
        golds: Sequence[Any],
        preds: Sequence[Any],
        compatible: Callable[[Any, Any], bool],
        neutral: Callable[[Any, Any], bool] | None = None,
        preference: Callable[[Any, Any], int] | None = None,
    ) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
        """One-to-one matching of required gold items; leftovers matching optional items are neutral.

        Returns matched (gold, pred) pairs, missed required gold items, unmatched predictions.
        """
        required = [g for g in golds if not g.optional]
        optional = [g for g in golds if g.optional]
        pairs = _max_matching(
            len(required),
            len(preds),
            lambda i, j: compatible(required[i], preds[j]),
            None if preference is None else (lambda i, j: preference(required[i], preds[j])),
        )
        matched_gold = {i for i, _ in pairs}
        matched_pred = {j for _, j in pairs}
        check = neutral or compatible
        false_pos = [
            p
            for j, p in enumerate(preds)
            if j not in matched_pred and not any(check(g, p) for g in optional)
        ]
        missed = [g for i, g in enumerate(required) if i not in matched_gold]
        return [(required[i], preds[j]) for i, j in pairs], missed, false_pos

    # -- entities ------------------------------------------------------------------------

    def entities(self) -> None:
        preds = [e for e in self.pred.entities if e.type is not None]
        pairs, missed, false_pos = self.match(
            self.gold.entities,
            preds,
            lambda g, p: _types_agree(p.type, g.type) and _names_match(p, g),
            neutral=lambda g, p: _names_match(p, g),  # found optional items: whatever the type
        )
        types = self.report.entity_types
        for gold, _ in pairs:
            if gold.type in types:
                types[gold.type].tp += 1
        for gold in missed:
            if gold.type in types:
                types[gold.type].fn += 1
                self.error(f"entities.{gold.type}", "FN", f"{gold.type}: {gold.name}", ", ".join(gold.mentions))
        for pred in false_pos:
            types[pred.type].fp += 1  # type: ignore[index]
            self.error(f"entities.{pred.type}", "FP", f"{pred.type}: {pred.display()}", ", ".join(pred.mentions))
        scores = self.report.scores
        for kind in _HEADLINE_ENTITY_TYPES:
            scores["entities"] += types[kind]
        scores["organizations"] += types["Organization"]
        scores["places"] += types["Place"]
        for entity in self.pred.entities:
            names = entity.names()
            for absent in self.gold.absent:
                if normalize(absent) in names:
                    self.report.leaks.append(Leak(self.gold.doc, absent, entity.iri))
                    self.error("absent", "LEAK", absent, entity.display())  # also listed in .leaks

    # -- positions and memberships ---------------------------------------------------------

    def positions(self) -> None:
        gold = self.gold

        def compatible(g: GoldPosition, p: PredPosition) -> bool:
            gold_of = gold.entity(g.of)
            return (
                p.role is not None
                and _refers(p.person, gold.entity(g.person))
                and _refers(p.of, gold_of)
                and roles_match(
                    g.role, p.role, gold_of_is_us=_is_us_gold(gold_of), predicted_of_is_us=_is_us_pred(p.of)
                )
            )

        pairs, missed, false_pos = self.match(gold.positions, self.pred.positions, compatible)
        score = self.report.scores["positions"]
        score.tp, score.fn, score.fp = len(pairs), len(missed), len(false_pos)
        for g in missed:
            self.error("positions", "FN", f"{g.person} | {g.role} | {g.of}")
        for p in false_pos:
            self.error("positions", "FP", f"{_show(p.person)} | {p.role} | {_show(p.of)}", p.iri)

    def memberships(self) -> None:
        gold = self.gold
        pairs, missed, false_pos = self.match(
            gold.memberships,
            self.pred.memberships,
            lambda g, p: _refers(p.member, gold.entity(g.member)) and _refers(p.of, gold.entity(g.of)),
        )
        score = self.report.scores["memberships"]
        score.tp, score.fn, score.fp = len(pairs), len(missed), len(false_pos)
        for g in missed:
            self.error("memberships", "FN", f"{g.member} -> {g.of}")
        for p in false_pos:
            self.error("memberships", "FP", f"{_show(p.member)} -> {_show(p.of)}", p.iri)

    # -- events ----------------------------------------------------------------------------

    def events(self) -> None:
        gold = self.gold

        def compatible(g: GoldEvent, p: PredEvent) -> bool:
            if _event_class(g.type) != _event_class(p.type):
                return False
            if g.participants:
                return _participants_equal(gold, p.participants, g.participants)
            if g.place is None and g.forum is None:
                return True
            return (g.place is not None and _refers(p.place, gold.entity(g.place))) or (
                g.forum is not None and _refers(p.forum, gold.entity(g.forum))
            )

        def checks(g: GoldEvent, p: PredEvent) -> dict[str, tuple[bool, Any, Any]]:
            found = {
                "date": (g.date == p.date, g.date, p.date),
                "place": (_refers(p.place, gold.entity(g.place)), g.place, _show(p.place)),
                "forum": (_refers(p.forum, gold.entity(g.forum)), g.forum, _show(p.forum)),
            }
            if g.weekday is not None:
                found["weekday"] = (
                    p.weekday is not None and normalize(p.weekday) == normalize(g.weekday),
                    g.weekday,
                    p.weekday,
                )
            return found

        def agreement(g: GoldEvent, p: PredEvent) -> int:
            return sum(ok for ok, _, _ in checks(g, p).values())

        pairs, missed, false_pos = self.match(gold.events, self.pred.events, compatible, preference=agreement)
        score = self.report.scores["events"]
        score.tp, score.fn, score.fp = len(pairs), len(missed), len(false_pos)
        for g in missed:
            self.error("events", "FN", _show_gold_event(g), g.evidence)
        for p in false_pos:
            self.error("events", "FP", _show_event(p), p.iri)
        attributes = self.report.attributes
        for g, p in pairs:
            for name, (ok, want, got) in checks(g, p).items():
                attributes[name].add(ok)
                if not ok:
                    self.error(f"events.{name}", "WRONG", _show_gold_event(g), f"gold {want!r}, predicted {got!r}")

    # -- statements ------------------------------------------------------------------------

    def statements(self) -> None:
        gold = self.gold

        def compatible(g: GoldStatement, p: PredStatement) -> bool:
            wanted = normalize(g.contains)
            # character containment, as the README says; gold strings are whole words anyway
            return bool(wanted) and wanted in normalize(p.text) and _refers(p.speaker, gold.entity(g.speaker))

        pairs, missed, false_pos = self.match(
            gold.statements,
            self.pred.statements,
            compatible,
            preference=lambda g, p: int(g.direct is not None and p.direct == g.direct),
        )
        score = self.report.scores["statements"]
        score.tp, score.fn, score.fp = len(pairs), len(missed), len(false_pos)
        for g in missed:
            self.error("statements", "FN", f"{g.speaker}: {g.contains}")
        for p in false_pos:
            self.error("statements", "FP", f"{_show(p.speaker)}: {_clip(p.text)}", p.iri)
        for g, p in pairs:
            if g.direct is None:
                continue
            ok = p.direct == g.direct
            self.report.attributes["direct"].add(ok)
            if not ok:
                self.error("statements.direct", "WRONG", f"{g.speaker}: {g.contains}", f"gold {g.direct}, predicted {p.direct}")


def _show(entity: PredEntity | None) -> str:
    if entity is None:
        return "-"
    return entity.labels[0] if entity.labels else (entity.mentions[0] if entity.mentions else entity.iri)


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _show_event(event: PredEvent) -> str:
    people = ", ".join(_show(p) for p in event.participants)
    return f"{event.type} [{people}] {event.date or '-'} @{_show(event.place)} /{_show(event.forum)}"


def _show_gold_event(event: GoldEvent) -> str:
    people = ", ".join(event.participants)
    return f"{event.type} [{people}] {event.date or '-'} @{event.place or '-'} /{event.forum or '-'}"


def score_article(gold: GoldArticle, prediction: ArticlePrediction | None) -> ArticleReport:
    """Score one article; a missing prediction scores every required gold item as missed."""
    report = ArticleReport(doc=gold.doc, in_graph=prediction is not None)
    scorer = _ArticleScorer(gold, prediction or ArticlePrediction(doc=gold.doc), report)
    scorer.entities()
    scorer.positions()
    scorer.memberships()
    scorer.events()
    scorer.statements()
    return report


def score(gold: Mapping[str, GoldArticle], predictions: Mapping[str, ArticlePrediction]) -> Report:
    """Score per article, then micro-average (sum TP/FP/FN) over the gold articles.

    Articles in gold but not in the graph count as all missed; articles only in the graph are
    ignored.
    """
    report = Report()
    for doc in sorted(gold):
        article = score_article(gold[doc], predictions.get(doc))
        report.articles[doc] = article
        if not article.in_graph:
            report.missing_articles.append(doc)
        for name, value in article.scores.items():
            report.scores[name] += value
        for name, value in article.entity_types.items():
            report.entity_types[name] += value
        for name, accuracy in article.attributes.items():
            report.attributes[name] += accuracy
        report.leaks.extend(article.leaks)
        report.errors.extend(article.errors)
    return report


def evaluate(gold_dir: str | Path, graph_path: str | Path) -> Report:
    """Score the graph at ``graph_path`` against the gold files in ``gold_dir`` (a folder of
    ``*.json`` files, one per article, or one file; the schema is in the shared data's
    ``gold/README.md``).

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "visit.txt").write_text("Indonesian Foreign Minister Retno Marsudi met Japanese Foreign "
    ...     "Minister Yoko Kamikawa in Jakarta on 3 May 2024.\\n", encoding="utf-8")
    >>> import json
    >>> from diplokg import build, evaluate
    >>> report = build([work / "visit.txt"], work / "out")
    >>> gold = {"doc": "visit", "entities": [
    ...     {"type": "Person", "name": "Retno Marsudi", "mentions": ["Retno Marsudi"]},
    ...     {"type": "Person", "name": "Yoko Kamikawa", "mentions": ["Yoko Kamikawa"]},
    ...     {"type": "State", "name": "Indonesia", "mentions": ["Indonesian"]},
    ...     {"type": "State", "name": "Japan", "mentions": ["Japanese"]}],
    ...   "events": [{"type": "Meeting", "participants": ["Retno Marsudi", "Yoko Kamikawa"],
    ...               "date": "2024-05-03", "place": "Jakarta"}]}
    >>> _ = (work / "visit.json").write_text(json.dumps(gold), encoding="utf-8")
    >>> scores = evaluate(work / "visit.json", work / "out" / "graph.ttl")
    >>> scores.scores["entities"], scores.scores["events"]
    (Score(tp=4, fp=0, fn=0), Score(tp=1, fp=0, fn=0))
    >>> scores.scores["positions"].fp  # this gold leaves out the two ministers' positions
    2
    >>> from rich.console import Console
    >>> Console(width=72).print(scores.table())  # what diplokg eval prints
                         diplokg eval: headline 0.750
    ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━┳━━━━┳━━━━┳━━━━━━━┳━━━━━━━┳━━━━━━━┓
    ┃ category            ┃ TP ┃ FP ┃ FN ┃     P ┃     R ┃    F1 ┃
    ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━╇━━━━╇━━━━╇━━━━━━━╇━━━━━━━╇━━━━━━━┩
    │ entities (headline) │  4 │  0 │  0 │ 1.000 │ 1.000 │ 1.000 │
    ...
    │ events              │  1 │  0 │  0 │ 1.000 │ 1.000 │ 1.000 │
    ...
    """
    return score(load_gold(gold_dir), read_predictions(graph_path))


# --------------------------------------------------------------------------------------------
# Rendering (returns tables; the CLI prints them)
# --------------------------------------------------------------------------------------------


def render_table(report: Report, *, title: str = "diplokg eval") -> Any:
    """The report as a ``rich.table.Table``: :meth:`Report.table`."""
    return report.table(title=title)


def render_errors(report: Report, *, limit: int | None = None, categories: Iterable[str] | None = None) -> Any:
    """The report's false positives, misses, wrong attributes and leaks as a ``rich`` table."""
    from rich.table import Table

    wanted = set(categories) if categories is not None else None
    table = Table(title="errors")
    for column in ("article", "category", "kind", "item", "detail"):
        table.add_column(column, overflow="fold")
    shown = 0
    for error in report.errors:
        if wanted is not None and error.category not in wanted and error.category.split(".")[0] not in wanted:
            continue
        if limit is not None and shown >= limit:
            break
        table.add_row(error.article, error.category, error.kind, error.item, error.detail)
        shown += 1
    return table
