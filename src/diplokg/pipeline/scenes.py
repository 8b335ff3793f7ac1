"""``diplokg_scenes``: which events the article reports, read sentence by sentence with its scene.

``diplokg_events`` reads one trigger at a time: its type, its arguments, its own date and place.
This component does the other job, the one that needs the whole article in view and the people
resolved: **which reported event each trigger is**, and who stands on stage. It is a component of
its own because every decision here reads the events before it (the scene), while the events
component reads one sentence and knows no person's identity. For each sentence, in order:

- **what counts**: triggers inside a quotation (unless an official readout: "...," tulis Kemlu)
  or in a reported clause ("X mengatakan bahwa ...") tell what someone says, not what happened;
- **anaphora**: "pertemuan tersebut", "the meeting" once one is on stage point back at the event
  already reported and add to it (a place, a date, a forum, companions); "X also met Y", "X juga
  bertemu" is a further event;
- **visits**: the visitor after the visit noun ("kunjungan Presiden X beserta Ibu Y"), the subject
  group before it, the object of a receiving verb ("menerima kunjungan X"), whose subject is the
  **host** and meets the principal visitor; an arrival for a summit is attendance, not a visit;
  the place after "ke/to", else the first place of the sentence that is no title's state;
- **forums**: a forum after a sidelines or gathering cue makes a meeting there a ``ForumMeeting``
  whose participants are only those said to attend or chair it; a bilateral meeting "on the
  sidelines" is its sub-event; a sentence that speaks from the sidelines with two people names a
  meeting without a trigger;
- **the scene**: a group ("kedua menteri", "the two leaders") names the sides of the last meeting;
  a later sentence with no date of its own about the same people keeps the scene's date and place;
  an event told again (same people, no other date) merges into the first telling;
- **durations**: "selama 40 menit", "a 40-minute call".

People are given as a :class:`Cast`: the people of ``diplokg_people`` with the mentions
coreference resolved (pronouns, bare titles) and the titles they hold. Until coreference is a
component of its own, the extractor builds the cast and calls :func:`find_scenes` itself (as it
calls ``find_people`` for a foreign lexicon); :meth:`Cast.from_doc` reads it from the Doc, with the
coreference spans where a ``diplokg_coref`` component wrote them.

Results go to ``doc.spans["diplokg_scenes"]``: one span per event, the trigger (the sentence for a
meeting told without one), labelled with the event type, and aligned ``attrs`` lists:
``participants`` (person keys), ``roles``, ``tenures`` (tenure ids), ``sentence`` (token
``[start, end]``), ``date`` and ``end_date`` (token ``[start, end]`` of the ``diplokg_dates``
expression whose start or range end it is), ``duration`` (ISO 8601), ``place`` and ``forum``
(entity keys), ``sub_event_of`` (index), ``planned`` and ``confidence``; and ``stage``, the people
on stage from a token on (``[token, [keys]]``), for readers of group mentions. :func:`read_scenes`
gives them back as :class:`FoundScene` records.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from ..lexicon import Candidate, Lexicon
from ..records import DateValue, Event, Participant, Span, Tenure
from .components import QUOTE_RE, LexiconComponent, bounds, doc_text, evaluated, span_at
from .dates import FoundDate, read_dates
from .events import FoundEvent, read_events
from .people import DocView, Person, PersonMention, RoleUse, person_state, read_people, tenures_of

__all__ = ["SCENES_KEY", "Cast", "FoundScene", "SceneFinder", "SceneReading", "find_scenes", "make_scenes",
           "read_scenes", "sentence_evidence", "write_scenes"]

SCENES_KEY = "diplokg_scenes"
COREF_KEY = "diplokg_coref"
# Structure, not words: every word the reader looks for comes from the Lexicon it is given
# (``ontology/lexicon.yaml`` and the knowledge base).
_EVENT_CLASS = {"Meeting": "meet", "Talks": "meet", "Summit": "meet", "ForumMeeting": "forum",
                "Visit": "visit", "PhoneCall": "call", "Agreement": "agree", "Election": "elect"}
_PLANNED_DEPTH = 3  # heads above a trigger where a planning word may stand ("expected to hold talks")
_MAX_NAME_TOKENS = 6  # how far back a name may start that holds a participant span cut short
# An Indonesian passive prefix needs a stem after it: "disambut", not "di" or "dia".
_MIN_PASSIVE_STEM = 3


@dataclass(frozen=True)
class Cast:
    """The people of an article as the scenes read them: who they are, every mention that names
    one (names, and pronouns and bare titles coreference resolved), the titles and tenures."""

    people: list[Person]
    mentions: list[PersonMention]  # in text order
    titles: list[RoleUse]
    tenures: list[Tenure]
    title_of_tokens: set[int] = field(default_factory=set)
    # First tokens of organisations that belong to a person's title ("Sekjen PBB" naming
    # Guterres): such a forum names no gathering.
    personal_of_tokens: set[int] = field(default_factory=set)

    @functools.cached_property
    def starts(self) -> list[int]:
        return [m.start_tok for m in self.mentions]

    @functools.cached_property
    def tenure_of(self) -> dict[str, Tenure]:
        return {t.person: t for t in self.tenures}

    @classmethod
    def from_doc(cls, doc: Doc, lex: Lexicon, lang: str) -> Cast:
        """The cast ``diplokg_people`` (and ``diplokg_coref``, where it ran) wrote on ``doc``."""
        reading = read_people(doc)
        if reading is None:
            raise ValueError("diplokg_scenes: no doc.spans['diplokg_people'] on the Doc; add diplokg_people "
                             "before diplokg_scenes (E102)")
        tenures = tenures_of(doc, reading, lex, lang)
        mentions = list(reading.mentions)
        personal = {u.of_tok for u in reading.titles if u.person is not None and u.of_tok is not None}
        if COREF_KEY in doc.spans:
            group = doc.spans[COREF_KEY]
            use_at = {(u.start_tok, u.end_tok): u for u in reading.titles}
            for span, person in zip(group, group.attrs["person"]):
                mentions.append(PersonMention(span.start, span.end, person, span.label_))
                use = use_at.get((span.start, span.end))
                if span.label_ == "title" and use is not None and use.of_tok is not None:
                    personal.add(use.of_tok)
        mentions.sort(key=lambda m: m.start_tok)
        return cls(reading.people, mentions, reading.titles, tenures, set(reading.title_of_tokens), personal)


@dataclass(frozen=True, slots=True)
class _Found(Event):
    """An event as the reading goes, with where it was told (no part of its identity)."""

    at: tuple[int, int] | None = field(default=None, compare=False)  # the trigger's tokens
    sentence: tuple[int, int] = field(default=(0, 0), compare=False)


@dataclass(frozen=True, slots=True)
class FoundScene:
    """One event the component found: Doc spans, person and entity keys."""

    type: str
    span: SpacySpan  # the trigger, or the sentence for an event told without one
    trigger: SpacySpan | None
    sentence: SpacySpan
    participants: tuple[str, ...]
    roles: tuple[str, ...]
    tenures: tuple[str | None, ...]
    date: FoundDate | None = None
    end_date: FoundDate | None = None
    duration: str | None = None
    place: str | None = None
    forum: str | None = None
    sub_event_of: int | None = None
    planned: bool = False
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class SceneReading:
    """The events and the people on stage as the article goes (``(token, keys)``, in order)."""

    events: list[FoundScene]
    stage: list[tuple[int, tuple[str, ...]]]

    def on_stage(self, tok: int) -> tuple[str, ...]:
        """The people on stage at token ``tok``: the sides of the last meeting told before it."""
        found: tuple[str, ...] = ()
        for start, people in self.stage:
            if start > tok:
                break
            found = people
        return found


def find_scenes(doc: Doc, lex: Lexicon, lang: str, cast: Cast, *, view: DocView | None = None,
                text: str | None = None, dates: list[FoundDate] | None = None) -> tuple[list[_Found], list]:
    """The events of ``doc`` and the stage (what the component writes), for a caller with its own
    cast. ``view``: the gazetteer's tables when the caller has them; ``dates``: the dates resolved
    against another publication date than the Doc's."""
    reader = _SceneReader(doc, lex, lang, cast, view if view is not None else DocView.of(doc, lex),
                          text if text is not None else doc_text(doc),
                          dates if dates is not None else read_dates(doc))
    return reader.read(), reader.scenes


def write_scenes(doc: Doc, found: tuple[list[_Found], list], dates: list[FoundDate] | None = None,
                 key: str = SCENES_KEY) -> None:
    """Store what :func:`find_scenes` found on ``doc.spans[key]`` (see the module docstring)."""
    events, stage = found
    by_char = {d.span.start_char: d for d in (dates if dates is not None else read_dates(doc))}

    def date_bounds(value: DateValue | None) -> list[int] | None:
        if value is None or value.span is None:
            return None
        return bounds(by_char[value.span.start].span)

    spans = []
    for e in events:
        spans.append(SpacySpan(doc, *(e.at or e.sentence), label=e.type))
    doc.spans[key] = spans
    attrs = doc.spans[key].attrs
    attrs["participants"] = [[p.person for p in e.participants] for e in events]
    attrs["roles"] = [[p.role for p in e.participants] for e in events]
    attrs["tenures"] = [[p.tenure for p in e.participants] for e in events]
    attrs["trigger"] = [list(e.at) if e.at else None for e in events]
    attrs["sentence"] = [list(e.sentence) for e in events]
    attrs["date"] = [date_bounds(e.date) for e in events]
    attrs["end_date"] = [date_bounds(e.end_date) for e in events]
    attrs["duration"] = [e.duration for e in events]
    attrs["place"] = [e.place for e in events]
    attrs["forum"] = [e.forum for e in events]
    attrs["sub_event_of"] = [e.sub_event_of for e in events]
    attrs["planned"] = [e.planned for e in events]
    attrs["confidence"] = [e.confidence for e in events]
    attrs["stage"] = [[tok, list(people)] for tok, people in stage]


def read_scenes(doc: Doc, key: str = SCENES_KEY, *, dates: list[FoundDate] | None = None) -> SceneReading | None:
    """What ``diplokg_scenes`` wrote on ``doc`` (None when it did not run). ``dates``: the dates
    resolved against the document's publication date, when the caller knows another one."""
    if key not in doc.spans:
        return None
    group = doc.spans[key]
    attrs = group.attrs
    found_at = {d.span.start: d for d in (dates if dates is not None else read_dates(doc))}

    def date(stored: list[int] | None) -> FoundDate | None:
        return found_at[stored[0]] if stored else None

    events = [FoundScene(
        type=span.label_, span=span, trigger=span_at(doc, attrs["trigger"][k]),
        sentence=span_at(doc, attrs["sentence"][k]),
        participants=tuple(attrs["participants"][k]), roles=tuple(attrs["roles"][k]),
        tenures=tuple(attrs["tenures"][k]),
        date=date(attrs["date"][k]), end_date=date(attrs["end_date"][k]), duration=attrs["duration"][k],
        place=attrs["place"][k], forum=attrs["forum"][k], sub_event_of=attrs["sub_event_of"][k],
        planned=bool(attrs["planned"][k]), confidence=attrs["confidence"][k],
    ) for k, span in enumerate(group)]
    return SceneReading(events, [(tok, tuple(people)) for tok, people in attrs["stage"]])


def sentence_evidence(sent: SpacySpan, body: str) -> Span:
    """The sentence's character span without surrounding whitespace (sliced from the body text:
    ``Span.text`` rebuilds the string token by token)."""
    text = body[sent.start_char:sent.end_char]
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    return Span(sent.start_char + lead, sent.start_char + len(stripped))


class _SceneReader:
    """The article's events, sentence by sentence, with the running scene (see the module docstring)."""

    def __init__(self, doc: Doc, lex: Lexicon, lang: str, cast: Cast, view: DocView, text: str,
                 dates: list[FoundDate]) -> None:
        self.doc = doc
        self.lex = lex
        self.lang = lang
        self.cast = cast
        self.view = view
        self.events: list[_Found] = []
        self.scene: tuple[str, ...] = ()
        self.scene_event: _Found | None = None
        # The Doc's text is the article's body text; spaCy rebuilds ``doc.text`` on every access.
        self.body = text
        self._tok_starts = doc.to_array(IDX).tolist()  # no Token objects
        self.dates = dates
        self.quote_chars = [(m.start(), m.end()) for m in QUOTE_RE.finditer(self.body)]
        self._quote_starts = [a for a, _b in self.quote_chars]
        self.readouts: set[int] = set()
        self._continued = self.lex.event_words.get("continued", {}).get(lang, frozenset())
        self.scenes: list[tuple[int, tuple[str, ...]]] = []  # (token, participants) as the article goes
        self._readout_words = self.lex.event_words.get("readout_speakers", {}).get(lang, frozenset())
        self._visit_modifiers = self.lex.event_words.get("visit_modifiers", {}).get(lang, frozenset())
        self.reported = self._reported_regions()
        # The diplokg_events component's reading, by trigger start: triggers, arguments, serial
        # splits, the trigger's own date and place.
        self.found: dict[int, list[FoundEvent]] = defaultdict(list)
        for found in read_events(doc):
            self.found[found.trigger.start].append(found)
        self._date_at = {d.span.start: d for d in self.dates}
        self.readouts = self._readout_quotes()

    def person_at(self, start_tok: int, end_tok: int) -> list[PersonMention]:
        """Person mentions inside ``[start_tok, end_tok)``, in text order."""
        lo = bisect.bisect_left(self.cast.starts, start_tok)
        hi = bisect.bisect_left(self.cast.starts, end_tok)
        return [m for m in self.cast.mentions[lo:hi] if m.end_tok <= end_tok]

    def in_quote(self, char: int) -> bool:
        # Quotations are found left to right and do not overlap: the last one starting at or
        # before ``char`` is the only candidate.
        i = bisect.bisect_right(self._quote_starts, char) - 1
        return i >= 0 and char < self.quote_chars[i][1]

    def hidden(self, char: int) -> bool:
        """Inside a quotation that is not an official readout: what someone says, not what the
        article reports. A ministry's or spokesperson's quotation tells events ("...," tulis Kemlu)."""
        i = bisect.bisect_right(self._quote_starts, char) - 1
        return i >= 0 and char < self.quote_chars[i][1] and i not in self.readouts

    def _readout_quotes(self) -> set[int]:
        """The quotations attributed to a ministry, a spokesperson or a statement: the first word
        after the quotation (within a few tokens) that is a readout speaker, before any person."""
        out = set()
        doc = self.doc
        for q, (_a, b) in enumerate(self.quote_chars):
            k = bisect.bisect_left(self._tok_starts, b)
            for j in range(k, min(k + 6, len(doc))):
                if not self.view.tok_role[j] and any(m.start_tok == j for m in self.person_at(j, min(len(doc), j + 8))):
                    break
                if self._readout_word_at(j):
                    out.add(q)
                    break
        return out

    def _readout_word_at(self, j: int) -> bool:
        """A readout speaker's word (or two) starts at token ``j``: "Kemlu", "juru bicara", "ministry"."""
        doc, words = self.doc, self._readout_words
        return doc[j].lower_ in words or j + 1 < len(doc) and f"{doc[j].lower_} {doc[j + 1].lower_}" in words

    def _reported_regions(self) -> list[tuple[int, int, bool]]:
        """Clauses after "X mengatakan bahwa": what someone claims, not events the article reports
        (with whether a complementizer opened it). A readout's clause is a report: "Juru bicara Kemlu
        X mengatakan ...", "The ministry said ..."."""
        regions = []
        doc = self.doc
        for s, e, tags in self.view.cue_spans:
            if "speech" not in tags:
                continue
            sent = self.view.sent_of(s)
            if any(self._readout_word_at(j) for j in range(sent.start, s) if not self.in_quote(doc[j].idx)):
                continue
            for i in range(e, min(e + 6, sent.end)):
                cue = self.view.tok_cue[i]
                if cue and "complementizer" in cue[2]:
                    regions.append((doc[cue[1] - 1].idx, sent.end_char, True))
                    break
            else:
                # "Vieira mengatakan kedua negara sepakat ...", "Retno menyampaikan pentingnya KTT
                # G20 ...": with a speaker before it, what follows a speech verb is what was said,
                # unless a preposition says where or to whom ("mengatakan kepada Lavrov dalam ..."),
                # also after who was told ("told reporters after meeting X in Hanoi").
                after = self._past_audience(e, sent.end)
                if after >= sent.end or doc[after].lower_ in self.lex.speech_setting or self.in_quote(doc[s].idx):
                    continue
                speaker = any(not self.in_quote(doc[m.start_tok].idx) for m in self.person_at(sent.start, s))
                if speaker:
                    regions.append((doc[e - 1].idx, sent.end_char, False))
        return regions

    def _past_audience(self, i: int, end: int) -> int:
        """Past the words at ``i`` that say who was told ("reporters", "the press")."""
        doc, lex = self.doc, self.lex
        j = i + 1 if i + 1 < end and doc[i].lower_ in lex.speech_audience_determiners else i
        return j + 1 if j < end and doc[j].lower_ in lex.speech_audience else i

    def in_reported(self, char: int, *, setting: bool = False) -> bool:
        """``char`` lies in a reported clause; with ``setting``, one a complementizer opened (without
        one, a meeting after a setting word is where it was said: "X menyebut A sebagai B dalam
        pertemuan Senin")."""
        return any(a <= char < b and (complementizer or not setting) for a, b, complementizer in self.reported)

    def scene_at(self, tok: int) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        for start, people in self.scenes:
            if start > tok:
                break
            found = people
        return found

    def _persons_in(self, sent: SpacySpan, skip_quotes: bool = True) -> list[str]:
        people: list[str] = []
        for m in self.person_at(sent.start, sent.end):
            if skip_quotes and self.hidden(self.doc[m.start_tok].idx):
                continue
            prev = self.doc[m.start_tok - 1] if m.start_tok else None
            if prev is not None and prev.lower_ in self.lex.according_to_heads:
                continue
            key = self.cast.people[m.person].key
            if key not in people:
                people.append(key)
        return people

    def _has_group(self, sent: SpacySpan) -> bool:
        """A word for the people on stage: "the two leaders", "kedua menteri", or a plural title
        ("The presidents signed ...")."""
        return any(
            "groups" in tags and not self.hidden(self.doc[s].idx)
            for s, _e, tags in self.view.cues_in(sent.start, sent.end)
        ) or any((role := self.view.tok_role[k]) is not None and role[0] == k and not self.hidden(self.doc[k].idx)
                 and self.lex.is_plural_title(self.doc[k:role[1]]) for k in range(sent.start, sent.end))

    def _entities_in(self, start: int, end: int, types: tuple[str, ...]) -> list[tuple[int, Candidate]]:
        return [(s, c) for s, e, c in self.view.entities_in(start, end) if c.type in types]

    def _date_in(self, sent: SpacySpan) -> tuple[DateValue | None, DateValue | None, bool]:
        """The first date of the sentence outside a quotation ("“... tahun ini,” kata X usai
        bertemu Y": the quotation's year is no date of the meeting): (start, end of a range,
        whether it names a date)."""
        for found in self.dates:
            if sent.start <= found.span.start < sent.end and not self.in_quote(self.doc[found.span.start].idx):
                return found.value, found.end, found.value is not None
        return None, None, False

    def _place(self, sent: SpacySpan, after: int) -> str | None:
        # The first place or state introduced by a locative word after the trigger (else anywhere).
        lex = self.lex
        for start in (after, sent.start):
            for s, cand in self._entities_in(start, sent.end, ("Place", "State")):
                prev = self.doc[s - 1].lower_ if s > 0 else ""
                if s in self.cast.title_of_tokens:
                    continue
                if (prev in lex.locative or prev in lex.place_noun_links and s > 1
                        and self.doc[s - 2].lower_ in lex.place_nouns or self._after_unknown_place(s)) \
                        and not self.hidden(self.doc[s].idx):
                    return cand.key
        return None

    def _after_unknown_place(self, s: int) -> bool:
        """``s`` follows "<locative> <capitalised words the knowledge base lacks>,": "di Rio de
        Janeiro, Brasil", "in Kotoka, Ghana": the state or region named after the unknown town."""
        doc = self.doc
        if s < 3 or doc[s - 1].text != ",":
            return False
        k = s - 2
        while k > 0 and s - 2 - k < 4 and (doc[k].text[:1].isupper() and doc[k].is_alpha
                                            or doc[k].lower_ in self.lex.name_particles):
            if self.view.tok_entity[k] is not None:
                return False
            k -= 1
        return k < s - 2 and doc[k].lower_ in self.lex.locative

    def _forum(self, sent: SpacySpan) -> tuple[str | None, int | None]:
        """A forum named with a 'sidelines' cue or a gathering word in the sentence."""
        for s, e, tags in self.view.cues_in(sent.start, sent.end):
            if self.in_reported(self.doc[s].idx):
                continue  # "X menyampaikan bahwa Tiongkok mendukung ... di forum D-8": what was said
            if ("gatherings" in tags or "event:Summit" in tags) and "sidelines" not in tags and self._timed_by(s, sent):
                continue  # "a day after the G20 summit", "menjelang KTT G20": when, not where
            if "sidelines" in tags or "gatherings" in tags or "event:Summit" in tags:
                forums = [f for f in self._entities_in(e, min(e + 9, sent.end), ("Forum", "Organization"))
                          if f[0] not in self.cast.personal_of_tokens]
                if forums:
                    return forums[0][1].key, s
                before = [f for f in self._entities_in(max(sent.start, s - 4), s, ("Forum",))
                          if f[0] not in self.cast.personal_of_tokens]
                if before:
                    return before[0][1].key, s
                if "sidelines" in tags:
                    # "Di sela-sela pertemuan itu, ...", "On the sidelines of the summit, ...": the
                    # gathering already reported, with its forum.
                    for s2, e2, tags2 in self.view.cues_in(e, min(e + 4, sent.end)):
                        if any(t.startswith("event:") for t in tags2) and self._anaphoric(s2, e2):
                            held = next((ev for ev in reversed(self.events) if ev.forum and not ev.planned), None)
                            if held is not None:
                                return held.forum, s
                    named = self._forum_named_before(e, sent)
                    if named is not None:
                        return named, s
        # "At the Shangri-La Dialogue in Singapore, X met Y", "di Konferensi Keamanan Munich": a
        # recurring conference (knowledge-base kind "conference") the sentence places itself at.
        for s, cand in self._entities_in(sent.start, sent.end, ("Organization",)):
            entry = self.lex.kb.by_key(cand.key)
            k = s - 1
            while k > sent.start and self.doc[k].lower_ in self.lex.determiners:
                k -= 1
            if entry is not None and entry.kind == "conference" and k >= sent.start \
                    and self.doc[k].lower_ in self.lex.locative:
                return cand.key, None
        return None, None

    def _forum_group_before(self, trig: int, sent: SpacySpan) -> str | None:
        """The forum whose members, by title and none named, are the subject before ``trig``
        ("the foreign ministers of ASEAN", "G7 leaders", "para menteri luar negeri ASEAN")."""
        forums = self._entities_in(sent.start, trig, ("Forum",))
        if len(forums) != 1 or self.person_at(sent.start, trig):
            return None
        members = any(self.view.tok_role[k] is not None or self.doc[k].lower_ in self.lex.member_groups
                      for k in range(sent.start, trig))
        grouped = any("groups" in tags for _s, _e, tags in self.view.cues_in(sent.start, trig))
        return forums[0][1].key if members or grouped else None

    def _timed_by(self, s: int, sent: SpacySpan) -> bool:
        """A gathering word at ``s`` that a time link governs ("after the G20 summit", "ahead of
        the ASEAN summit", "menjelang KTT G20"), past determiners and the forum's name."""
        doc, lex = self.doc, self.lex
        k = s - 1
        while k >= sent.start and (doc[k].lower_ in lex.determiners or self.view.tok_entity[k] is not None):
            k -= 1
        words = [t.lower_ for t in doc[max(sent.start, k - 1):k + 1]]
        return k >= sent.start and (words[-1] in lex.time_links or " ".join(words[-2:]) in lex.time_links)

    def _duration(self, sent: SpacySpan) -> str | None:
        lex = self.lex
        pattern = _duration_re(lex.duration_markers, lex.duration_hedges, lex.duration_compounds)
        for m in pattern.finditer(self.body[sent.start_char:sent.end_char]):
            number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            code = self.lex.durations.get(unit.lower())
            if code:
                return f"PT{int(number)}{code}" if code in ("M", "H") else f"P{int(number)}D"
        return None

    def read(self) -> list[_Found]:
        doc = self.doc
        phone_article = self._speaks_of_phone()
        self._open_list: int | None = None
        for sent in self.view.sents:
            if self._open_list is not None and self._names_the_list(sent):
                continue
            here = [(s, e, tags) for s, e, tags in self.view.cues_in(sent.start, sent.end)
                    if not self.hidden(doc[s].idx)]
            triggers = self._triggers(sent)
            sidelines = [e for s, e, tags in here if "sidelines" in tags]
            companions_at = next((e for s, e, tags in here if "companions" in tags), None)
            persons = self._persons_in(sent)
            named = persons
            if self._has_group(sent) and len(persons) < 2 and self.scene:
                persons = list(dict.fromkeys(list(persons) + list(self.scene)))
            forum, gathering_at = self._forum(sent)
            sent_date = self._date_in(sent)
            made: dict[str, Event] = {}
            distinct: set[str] = set()  # events this sentence adds as new, not a re-description
            opened: int | None = None  # an event with unnamed counterparts, named in the next sentence
            received_at: int | None = None
            tenure_of = self.cast.tenure_of
            serial: set[str] = set()  # classes this sentence read as a series of events
            # An event of this sentence was planned: one it is the purpose of is too ("will visit
            # Lima to meet X").
            planned_before = False
            for s, e, tags in triggers:
                date, end_date, has_date = self._trigger_date(s, sent_date)
                if self._told_before(s):
                    continue
                if self._anaphoric(s, e):
                    # "pertemuan tersebut" / "The meeting took place on the sidelines of ...": the
                    # event already reported, with what this sentence adds to it.
                    self._enrich_scene(sent, e, companions_at, forum, date, tags)
                    continue
                if "spoke_with" in tags:
                    etype = "PhoneCall" if phone_article else "Talks"
                else:
                    etype = next(t.split(":", 1)[1] for t in sorted(tags) if t.startswith("event:"))
                gathering_forum = next((c.key for k, c in self._entities_in(s, e, ("Forum",)) if k == s), None)
                if gathering_forum is not None:
                    # "menghadiri Sidang Majelis Umum PBB": the trigger is the gathering of that forum.
                    forum = gathering_forum
                if gathering_at is not None and s == gathering_at or (forum and etype == "Meeting" and self._forum_adjacent(e, sent)):
                    etype = "ForumMeeting" if etype in ("Meeting", "Talks") else etype
                cls = _EVENT_CLASS[etype]
                unnamed = etype in ("Meeting", "Talks") and self._unnamed_counterparts(e, sent)
                if unnamed:
                    # "held talks with counterparts from A, B and C", "met several of his
                    # counterparts": a further event whose only named participant is the subject.
                    cls = cls + "+"
                key = cls
                if cls in made or cls in serial:
                    # One event of a class a sentence, unless the trigger's own arguments are other
                    # people: "X met Y, who later met Z", "X will call on Y and meet Z".
                    argued = self._argument_people(s) if etype in ("Meeting", "Talks", "PhoneCall") and not unnamed else []
                    prior = made.get(cls)
                    if cls in serial or prior is None or len(argued) < 2 \
                            or set(argued) <= {p.person for p in prior.participants}:
                        continue
                    key = f"{cls}@{s}"
                    distinct.add(key)
                attendees = self._attendees(s, sent)
                if unnamed:
                    before = [m for m in self.person_at(sent.start, s) if not self.hidden(doc[m.start_tok].idx)]
                    if not before:
                        continue
                    attendees = [self.cast.people[before[-1].person].key]
                    persons_for = attendees
                else:
                    # "He attended a dialogue between the two groups": who attends is named, not the scene.
                    # Whoever tells the event ("Juru bicara X mengatakan ..., Y bertemu Z") is no party to it.
                    told_by = self._speakers_before(s, sent) | self._speakers_after(e, sent)
                    persons_for = named if attendees else [p for p in persons if p not in told_by]
                setting = not persons_for and etype in ("Meeting", "Talks") and self._setting_of_scene(s, sent)
                if setting:
                    # "(A and B agreed to ...) Kesepakatan itu dicapai dalam pertemuan bilateral di
                    # Tokyo, Jumat": where and when the sides just named met.
                    persons_for = list(self.scene)
                if etype == "Visit" and (attendees or self._arrival_for_gathering(s, tags, triggers)):
                    continue  # "arrived in X for the summit": attending a gathering, not a visit
                argued = self._argument_people(s) if etype in ("Meeting", "Talks", "PhoneCall") and not unnamed else []
                if len(argued) >= 2:
                    # The trigger's arguments and their conjuncts, not everyone the sentence names.
                    persons_for = list(dict.fromkeys([*attendees, *argued]))
                participants = self._participants(etype, sent, s, e, persons_for, tags, attendees)
                summoned = self._found_role_people(s, "summoned") if etype == "Meeting" else []
                if summoned:
                    # "memanggil Duta Besar X", "summoned the ambassador": the envoy, not the sentence.
                    participants = tuple(Participant(p, tenure=_tid(tenure_of.get(p))) for p in summoned)
                if (attendees and etype in ("Meeting", "Talks")) or unnamed or self._also_before(s, sent):
                    distinct.add(cls)
                if participants is None and etype in ("Meeting", "Talks", "Summit") and not persons:
                    # "The foreign ministers of ASEAN met in Jakarta", "G7 leaders convened ...":
                    # the forum's members, none named, gathered: the forum's meeting.
                    members_of = self._forum_group_before(s, sent)
                    if members_of is not None:
                        etype, forum, participants = "ForumMeeting", members_of, ()
                        cls = key = _EVENT_CLASS[etype]
                if participants is None:
                    continue
                if etype == "Visit" and self._received(s):
                    received_at = s
                # "akan ...", "will ..." just before; "... mendatang", "next week" after, or just before
                # ("will travel to Lima next week for talks").
                planned = any(
                    "planned" in tags2 for s2, e2, tags2 in here if sent.start <= s2 < s and s - e2 <= 4
                ) or any("planned_after" in tags2 for s2, e2, tags2 in here if s2 >= e or sent.start <= s2 < s and s - e2 <= 4
                         ) or (planned_before and s > sent.start and doc[s - 1].lower_ in self.lex.purpose
                      ) or self._planned_above(s)
                planned_before = planned_before or planned
                if etype == "Election" and not has_date and not self._found_role_people(s, "rival"):
                    continue  # an undated election named in passing is background, not news
                place = self._found_place(s) or (self._place(sent, e) if etype != "Visit" else self._visit_place(sent, e))
                series = self._series(s, etype)
                if series:
                    # "bilateral meetings with A, B and C": one event per counterpart, the host in each.
                    for k, keys in enumerate(series):
                        made[f"{cls}#{k}"] = _Found(
                            at=(s, e), sentence=(sent.start, sent.end), type=etype, participants=tuple(Participant(p, tenure=_tid(tenure_of.get(p))) for p in keys),
                            evidence=sentence_evidence(sent, self.body), trigger=doc[s:e].text, date=date, end_date=end_date,
                            duration=self._duration(sent), place=place, forum=forum, planned=planned, confidence=0.8)
                        distinct.add(f"{cls}#{k}")
                    serial.add(cls)
                    continue
                made[key] = _Found(
                    at=(s, e),
                    sentence=(sent.start, sent.end),
                    type=etype,
                    participants=participants,
                    evidence=sentence_evidence(sent, self.body),
                    trigger=doc[s:e].text,
                    date=date,
                    end_date=end_date,
                    duration=self._duration(sent),
                    place=place,
                    forum=forum if etype != "Visit" else None,
                    planned=planned,
                    confidence=0.8,
                )
                if setting and self.scene_event in self.events:
                    # The scene's event happened at this meeting: its date and place, where it had none.
                    k = self.events.index(self.scene_event)
                    told = self.events[k]
                    self.events[k] = self.scene_event = _replace(told, date=told.date or date, place=told.place or place)
            date = sent_date[0]
            if sidelines and "meet" not in made and "meet" not in serial and len(persons) >= 2 and forum is not None:
                # "Berbicara di sela-sela pertemuan SCO, Wang mengatakan kepada Lavrov ...": they met.
                made["meet"] = _Found(
                    at=None,
                    sentence=(sent.start, sent.end),
                    type="Meeting",
                    participants=tuple(Participant(p) for p in persons),
                    evidence=sentence_evidence(sent, self.body),
                    trigger="",
                    date=date,
                    duration=self._duration(sent),
                    place=self._place(sent, sent.start),
                    forum=forum,
                    confidence=0.6,
                )
            visit = made.get("visit")
            if visit is not None and received_at is not None:
                # The host who receives a visit meets the visitors.
                hosts = [self.cast.people[m.person].key for m in self.person_at(sent.start, received_at)
                         if not self.hidden(self.doc[m.start_tok].idx)]
                host = hosts[-1] if hosts else None
                if host is not None and host not in {v.person for v in visit.participants}:
                    # The host meets the principal visitor; a companion ("beserta Ibu Y") joins the visit only.
                    principal = visit.participants[0].person
                    made["meet"] = _replace(visit, type="Meeting", participants=tuple(
                        Participant(p, tenure=_tid(self.cast.tenure_of.get(p))) for p in [host, principal]),
                        forum=forum)
            if "forum" in made and "meet" in made:
                parent = made["forum"]
                child = made["meet"]
                made["meet"] = _replace(child, place=child.place or parent.place)
            for cls, event in made.items():
                scene = self.scene_event
                if (date is None and event.date is None and scene is not None and cls != "forum"
                        and not scene.planned and not event.planned and _shares_people(scene, event)):
                    # Same scene: a later sentence about the same visit keeps its date and place;
                    # an event of other people is no part of it and takes no date from it.
                    event = _replace(event, date=scene.date, place=event.place or scene.place)
                self._add(event, distinct=cls in distinct)
                if cls.endswith("+"):
                    opened = len(self.events) - 1
            self._open_list = opened
        return self._link_sub_events()

    def _triggers(self, sent: SpacySpan) -> list[tuple[int, int, frozenset[str]]]:
        """The component's triggers of ``sent`` outside quotations and reported clauses, with the
        gazetteer's tags where a cue stands there (else the component's event type)."""
        doc = self.doc
        out = []
        for start in sorted(k for k in self.found if sent.start <= k < sent.end):
            found = self.found[start][0]
            if self.hidden(doc[start].idx) or self.in_reported(doc[start].idx, setting=self._after_setting_word(start, sent)):
                continue
            cue = self.view.tok_cue[start]
            end = found.trigger.end
            if cue is not None and cue[0] == start and cue[1] == end:
                out.append((cue[0], cue[1], cue[2]))
            else:
                # The component read a shorter trigger than the cue ("call", not "call on", before
                # a date): that phrase's own tags.
                tags = self.lex.cues.get(doc[start:end].text.lower(), ())
                out.append((start, end, frozenset(t for t in tags if not t.startswith("event:")) | {f"event:{found.type}"}))
        return out

    def _trigger_date(self, start: int, sent_date: tuple) -> tuple[DateValue | None, DateValue | None, bool]:
        """The date the component tied to the trigger (of its own sentence), else none."""
        found = self.found.get(start)
        if not found:
            return sent_date
        span = found[0].date
        if span is None:
            return None, None, False
        hit = self._date_at.get(span.start)
        if hit is not None:
            return hit.value, hit.end, hit.value is not None
        return sent_date

    def _found_place(self, start: int) -> str | None:
        """The known venue or place the component found for the trigger."""
        found = self.found.get(start)
        if not found or found[0].place is None:
            return None
        span = found[0].place
        hits = self._entities_in(span.start, span.end, ("Place", "State"))
        venue = [c for _s, c in hits if c.type == "Place"]
        if venue:
            return venue[0].key
        # A capital or state is the place only after a locative word ("in Lima"); else it speaks
        # for its state ("Lima menyatakan ...") and the sentence's own reading decides.
        s = hits[0][0] if hits else 0
        if hits and s > 0 and self.doc[s - 1].lower_ in self.lex.locative:
            return hits[0][1].key
        return None

    def _series(self, start: int, etype: str) -> list[list[str]]:
        """A serial reading of the trigger: participant keys per event, host first; [] if none."""
        found = self.found.get(start, [])
        if len(found) < 2 or not all(f.serial for f in found) or etype not in ("Meeting", "Talks", "PhoneCall"):
            return []
        out: list[list[str]] = []
        seen: set[str] = set()
        for f in found:
            keys = [self._person_of(p) for p in f.participants]
            if any(k is None for k in keys) or len(set(keys)) != len(keys) or keys[-1] in seen:
                return []
            seen.add(keys[-1])
            out.append(keys)
        return out if len(out) >= 2 else []

    def _argument_people(self, start: int) -> list[str]:
        """The people the component's reading of the trigger names (host or subject first)."""
        found = self.found.get(start, [])
        if len(found) != 1:
            return []
        keys = [self._person_of(p) for p in found[0].participants]
        return list(dict.fromkeys(k for k in keys if k is not None))

    def _found_role_people(self, start: int, role: str) -> list[str]:
        """The people the component gave ``role`` in its reading of the trigger at ``start``."""
        keys = []
        for found in self.found.get(start, []):
            for span, r in zip(found.participants, found.roles):
                key = self._person_of(span) if r == role else None
                if key is not None and key not in keys:
                    keys.append(key)
        return keys

    def _person_of(self, span: SpacySpan) -> str | None:
        """The person a participant span names: its last non-pronoun mention, or the pronoun
        coreference resolved when the span is that pronoun alone ("He is due to meet A and B")."""
        found = self.person_at(span.start, span.end)
        mentions = [m for m in found if m.kind != "pronoun"]
        if not mentions:
            mentions = [m for m in found if (m.start_tok, m.end_tok) == (span.start, span.end)]
        if not mentions:
            # The parse may cut a name short ("Taha" of "Hissein Brahim Taha"): the name it lies in.
            mentions = [m for m in self.person_at(max(0, span.start - _MAX_NAME_TOKENS), span.end)
                        if m.kind == "name" and m.start_tok <= span.start and span.end <= m.end_tok]
        if not mentions:
            # A title whose holder is named past the span's end ("Sekretaris Jenderal OKI (OKI)
            # Hissein ...": the list read stopped at the bracket): that holder.
            held = next((use.person for use in self.cast.titles
                         if span.start <= use.start_tok < span.end and use.person is not None), None)
            return self.cast.people[held].key if held is not None else self._title_holder(span.start, span.end)
        return self.cast.people[mentions[-1].person].key

    def _unnamed_counterparts(self, trig_end: int, sent: SpacySpan) -> bool:
        """A plural "counterparts" right after the trigger, and nobody named after it in the sentence."""
        doc = self.doc
        found = None
        for s2, e2, tags2 in self.view.cues_in(trig_end, min(trig_end + 5, sent.end)):
            if "counterpart" in tags2:
                found = (s2, e2)
                break
        if found is None:
            return False
        s2, e2 = found
        word = doc[s2:e2].text.lower()
        suffix = self.lex.plural_suffix.get(self.lang)
        # "counterparts", "mitra-mitra" (reduplication), "para mitranya".
        plural = suffix is not None and word.endswith(suffix) or "-" in word \
            or (s2 > 0 and doc[s2 - 1].lower_ in self.lex.plural_markers)
        if not plural:
            return False
        between = doc[trig_end:s2]
        if any(t.is_punct for t in between):
            return False
        return not [m for m in self.person_at(e2, sent.end) if m.kind != "pronoun"]

    def _also_before(self, trig: int, sent: SpacySpan) -> bool:
        """"X also met Y", "X juga bertemu": a further event, not the one already reported."""
        for k in range(trig - 1, max(sent.start - 1, trig - 6), -1):
            tok = self.doc[k]
            if tok.is_punct or self.view.tok_cue[k] and any(t.startswith("event:") for t in self.view.tok_cue[k][2]):
                break
            if tok.lower_ in self.lex.also or tok.lower_ in self._continued:
                return True
        return False

    def _names_the_list(self, sent: SpacySpan) -> bool:
        """The sentence right after unnamed counterparts names them ("They included A and B",
        "Mereka antara lain A dan B"): they join that event."""
        doc = self.doc
        i = self._open_list
        if sent.end - sent.start < 3 or doc[sent.start].lower_ not in self.lex.list_openers \
                or doc[sent.start + 1].lower_ not in self.lex.list_verbs:
            return False
        event = self.events[i]
        keys = [p.person for p in event.participants]
        for m in self.person_at(sent.start, sent.end):
            if self.hidden(doc[m.start_tok].idx) or m.kind == "pronoun":
                continue
            key = self.cast.people[m.person].key
            if key not in keys:
                keys.append(key)
        if len(keys) == len(event.participants):
            return False
        self.events[i] = _replace(event, participants=tuple(
            Participant(k, tenure=_tid(self.cast.tenure_of.get(k))) for k in keys))
        self._open_list = None
        self._set_scene(self.events[i])
        return True

    def _speaks_of_phone(self) -> bool:
        """Whether the article speaks of a telephone call anywhere (text or headline)."""
        words = self.lex.phone_words
        if not words:
            return False
        body = self.body.lower()
        # Most articles hold none of the words anywhere: a substring test rules them out cheaply.
        return any(w in body for w in words) and _any_word_re(tuple(sorted(words))).search(body) is not None

    def _forum_named_before(self, e: int, sent: SpacySpan) -> str | None:
        """"On the sidelines of the assembly": the latest forum named before whose name holds the
        word after the sidelines cue ("the UN General Assembly")."""
        doc, lex = self.doc, self.lex
        k = e
        while k < sent.end and k - e < 3 and (doc[k].lower_ in lex.determiners or doc[k].lower_ in lex.title_of_links):
            k += 1
        if k >= sent.end or not doc[k].is_alpha or not doc[k].is_lower:
            return None
        word = doc[k].lower_
        for s, end, cand in reversed(self.view.entities_in(0, sent.start)):
            if cand.type == "Forum" and word in doc[s:end].text.lower().split():
                return cand.key
        return None

    def _planned_above(self, s: int) -> bool:
        """A planning word the trigger hangs on in the parse, however far ("are also expected to
        hold “two-plus-two” talks": talks <- hold <- expected)."""
        tok = self.doc[s]
        for _ in range(_PLANNED_DEPTH):
            if tok.head.i == tok.i:
                return False
            tok = tok.head
            cue = self.view.tok_cue[tok.i]
            if cue is not None and "planned" in cue[2]:
                return True
        return False

    def _told_before(self, s: int) -> bool:
        """"Selain bertemu Menlu X, ...", "Besides meeting X, ...": with an event on stage, the
        trigger after "selain"/"besides" is that event told again; what the sentence adds (a
        date, a place) is the next event's, not its."""
        doc = self.doc
        return self.scene_event is not None and any(
            " ".join(t.lower_ for t in doc[max(0, s - n):s]) in self.lex.besides for n in (1, 2, 3))

    def _anaphoric(self, s: int, e: int) -> bool:
        """A trigger that points back at an event already reported: "pertemuan tersebut/itu",
        English "the meeting" / "the Secretary General's meeting" once a meeting is on stage."""
        doc = self.doc
        nxt = doc[e].lower_ if e < len(doc) else ""
        if nxt in self.lex.anaphoric_after:
            return True
        if self.scene_event is None:
            return False

        prev = doc[s - 1].lower_ if s > 0 else ""
        before = self.lex.anaphoric_before.get(self.lang, frozenset())
        return prev in before and not doc[s].is_sent_start

    def _after_setting_word(self, trig: int, sent: SpacySpan) -> bool:
        """A setting word right before the trigger, or before its article ("dalam pertemuan",
        "during a meeting"): where something happened, not what."""
        doc, setting = self.doc, self.lex.speech_setting
        return trig > sent.start and (doc[trig - 1].lower_ in setting or trig - 1 > sent.start
                                      and doc[trig - 1].lower_ in self.lex.determiners
                                      and doc[trig - 2].lower_ in setting)

    def _speakers_before(self, trig: int, sent: SpacySpan) -> set[str]:
        """The people named before a speech verb that comes before ``trig`` in its sentence (none
        when the trigger is where it was said: "X menyebut A ... dalam pertemuan")."""
        verb = next((s for s, _e, tags in self.view.cues_in(sent.start, trig)
                     if tags & {"speech", "speech_verb"}), None)
        if verb is None or self._after_setting_word(trig, sent):
            return set()
        return {self.cast.people[m.person].key for m in self.person_at(sent.start, verb)}

    def _speakers_after(self, trig_end: int, sent: SpacySpan) -> set[str]:
        """The people of an attribution that closes the sentence after ``trig_end`` (", kata X.",
        ", Ghanaian President X said."): who tells the event, no party to it."""
        doc = self.doc
        for s, e, tags in self.view.cues_in(trig_end, sent.end):
            if not tags & {"speech", "speech_verb"}:
                continue
            comma = next((k for k in range(s - 1, trig_end - 1, -1) if doc[k].text == ","), None)
            if comma is None:
                continue
            closes = all(t.is_punct for t in doc[e:sent.end]) or doc[e].lower_ in self.lex.speech_setting \
                or bool(self.person_at(e, sent.end))  # "…, X said." / "…, said X" / "…, X said in Accra."
            if not closes:
                continue
            tellers = self.person_at(comma + 1, sent.end)  # the last one: "Mahama's spokesman X"
            return {self.cast.people[tellers[-1].person].key} if tellers else set()
        return set()

    def _setting_of_scene(self, s: int, sent: SpacySpan) -> bool:
        """The trigger at ``s`` names the setting of the scene the sentence before told ("dalam
        pertemuan bilateral", "during talks"): a setting word before it, no one named in its
        sentence, and the scene's event in the sentence right before."""
        event = self.scene_event
        if event is None or len(self.scene) < 2 or not self._after_setting_word(s, sent):
            return False
        between = self.doc[event.sentence[1]:sent.start]
        return event.sentence[1] <= sent.start and all(t.is_space for t in between)

    def _enrich_scene(self, sent: SpacySpan, trig_end: int, companions_at: int | None,
                      forum: str | None, date: DateValue | None, tags: frozenset[str]) -> None:
        # The latest event of the trigger's class ("the meeting" -> the last meeting), else the scene.
        kind = next((t.split(":", 1)[1] for t in sorted(tags) if t.startswith("event:")), None)
        cls = _EVENT_CLASS.get(kind or "", None)
        i = next((k for k in range(len(self.events) - 1, -1, -1)
                  if _EVENT_CLASS[self.events[k].type] == cls and self.events[k].participants), None)
        if i is None:
            scene = self.scene_event
            if scene is None or scene not in self.events:
                return
            i = self.events.index(scene)
        scene = self.events[i]
        keys = [p.person for p in scene.participants]
        if companions_at is not None and scene.type != "Visit":
            for m in self.person_at(companions_at, sent.end):
                key = self.cast.people[m.person].key
                if key not in keys and not self.hidden(self.doc[m.start_tok].idx):
                    keys.append(key)
        changed = _replace(
            scene,
            participants=tuple(Participant(k, role=next((p.role for p in scene.participants if p.person == k), "participant"),
                                           tenure=_tid(self.cast.tenure_of.get(k))) for k in keys),
            forum=scene.forum or (forum if scene.type != "Visit" else None),
            place=scene.place or self._place(sent, trig_end),
            date=scene.date or date,
        )
        self.events[i] = changed
        self.scene_event = changed
        if len(changed.participants) >= 2:
            self.scene = tuple(keys)

    def _arrival_for_gathering(self, s: int, tags: frozenset[str], triggers: list) -> bool:
        """"arrived in Danang for the APEC leaders' meeting": an arrival word followed in the same
        sentence by a summit is attendance at the summit, not a bilateral visit."""
        if "arrival" not in tags:
            return False
        return any(s2 > s and ("event:Summit" in tags2 or "gatherings" in tags2) for s2, _e2, tags2 in triggers)

    def _attendees(self, trig: int, sent: SpacySpan) -> list[str]:
        """"Retno memimpin pertemuan ...", "He also attended a dialogue ...": the subject of an
        attending verb right before the trigger takes part in it."""
        seen = set()
        for k in range(max(sent.start, trig - 7), trig):
            cue = self.view.tok_cue[k]
            if cue is None or cue[0] in seen or "attending" not in cue[2] or cue[0] < sent.start or cue[1] > trig:
                continue
            seen.add(cue[0])
            s = cue[0]
            before = [m for m in self.person_at(sent.start, s) if not self.hidden(self.doc[m.start_tok].idx)]
            if before:
                return [self.cast.people[before[-1].person].key]
            holder = self._title_holder(sent.start, s)  # "Menlu RI memimpin pertemuan ..."
            if holder is not None:
                return [holder]
        return []

    def _title_holder(self, start: int, end: int) -> str | None:
        """The person a bare title in ``[start, end)`` stands for ("Menlu RI", "the Australian
        ambassador"): the one holder of that title of that state in the article, else the one
        person of that state the article names without a title of their own."""
        for use in self.cast.titles:
            if not (start <= use.start_tok < end) or use.person is not None or self.hidden(self.doc[use.start_tok].idx):
                continue
            of = use.of or self._state_after(use.end_tok, end)
            if of is None:
                continue
            holders = {t.person for t in self.cast.tenures if t.role == use.role and t.of == of}
            if len(holders) == 1:
                return next(iter(holders))
            if holders:
                continue
            titled = {t.person for t in self.cast.tenures}
            people = {p.key for i, p in enumerate(self.cast.people)
                      if p.key not in titled and person_state(self.cast.titles, self.cast.people, self.lex.kb, i) == of}
            if len(people) == 1:
                return next(iter(people))
        return None

    def _state_after(self, k: int, end: int) -> str | None:
        """The state right after a title, across a bracketed short form ("Menteri Luar Negeri
        (Menlu) RI")."""
        doc = self.doc
        end = min(end, k + 6)
        while k < end and (doc[k].is_punct or self.view.tok_role[k]):
            k += 1
        ent = self.view.tok_entity[k] if k < end else None
        return ent[2].key if ent is not None and ent[2].type == "State" else None

    def _forum_adjacent(self, trigger_end: int, sent: SpacySpan) -> bool:
        """A forum right after a meeting word ("the meeting of ASEAN foreign ministers"), not past
        a sidelines cue ("a bilateral meeting on the sidelines of the G20 summit": a meeting beside
        the gathering, not the gathering)."""
        sidelines = [s for s, _e, tags in self.view.cues_in(trigger_end, min(trigger_end + 6, sent.end))
                     if "sidelines" in tags]
        return any(s not in self.cast.personal_of_tokens and not any(c < s for c in sidelines)
                   for s, _c in self._entities_in(trigger_end, min(trigger_end + 6, sent.end), ("Forum",)))

    def _participants(self, etype: str, sent: SpacySpan, trig: int, trig_end: int, persons: list[str],
                      tags: frozenset[str], attendees: list[str]) -> tuple[Participant, ...] | None:
        tenure = self.cast.tenure_of
        if etype == "ForumMeeting":
            # Who attends a multilateral gathering is rarely all named: only those the text says
            # attend or chair it ("Retno memimpin pertemuan Menlu ASEAN").
            return tuple(Participant(p, tenure=_tid(tenure.get(p))) for p in attendees)

        if etype in ("Visit", "Election"):
            agent_from = self._passive_agent_start(sent)
            mentions = [m for m in self.person_at(sent.start, sent.end)
                        if not self.hidden(self.doc[m.start_tok].idx) and m.start_tok < agent_from]
            before = [m for m in mentions if m.end_tok <= trig]
            after = [m for m in mentions if m.start_tok >= trig_end]
            visitor = self._visit_possessor(trig_end, after) if etype == "Visit" else None
            if visitor is not None:
                # "kunjungan kenegaraan Presiden Lula", "lawatan ... yang dilakukan PM Suga".
                keys = self._with_companions(after[after.index(visitor):])
            elif etype == "Visit" and self._received(trig) and after:
                # "Retno menerima kunjungan X" / "Jokowi menyambut kedatangan X beserta Ibu Y":
                # the visitors are the object; the host takes part in the meeting only.
                keys = self._with_companions(after)
            elif before and etype == "Visit":
                keys = self._subject_group(before)  # "X beserta Ibu Y tiba di ...": X and Y
            else:
                pick = before[-1] if before else (after[0] if after else None)
                if pick is None:
                    return None
                keys = [self.cast.people[pick.person].key]
            if etype == "Election":
                # "terpilih ... setelah mengalahkan A dan B": the other candidates take part.
                keys = list(dict.fromkeys([*keys, *self._found_role_people(trig, "rival")]))
            role = "visitor" if etype == "Visit" else "participant"
            return tuple(Participant(key, role=role, tenure=_tid(tenure.get(key))) for key in keys)
        people = list(dict.fromkeys([*attendees, *persons]))
        minimum = 1 if etype == "Summit" or attendees or "courtesy" in tags else 2
        if len(people) < minimum:
            # "Chile and Norway signed a memorandum ...": an agreement between states that names
            # no signatory is still an event, without person participants.
            if etype == "Agreement" and not people and self._state_parties(sent.start, trig):
                return ()
            return None
        return tuple(Participant(p, tenure=_tid(tenure.get(p))) for p in people)

    def _state_parties(self, start: int, trig: int) -> bool:
        """A signing ("menandatangani", "signed": an Agreement lemma of ``event_reading``, not
        "sepakat" or "pledged") with two states or more named before it: the parties."""
        lemma = self.doc[trig].lemma_.lower()
        if self.lex.event_lemmas.get(self.lang, {}).get(lemma) != "Agreement":
            return False
        return len({cand.key for _s, cand in self._entities_in(start, trig, ("State",))}) >= 2

    def _passive_agent_start(self, sent: SpacySpan) -> int:
        """Where the agent of a passive verb begins ("disambut oleh X beserta Y", "was welcomed by
        X"): the people from there on are hosts, not visitors. ``sent.end`` when there is none."""
        doc, lex = self.doc, self.lex
        prefix = lex.passive_prefix.get(self.lang)
        suffix = lex.passive_suffix.get(self.lang)
        for i in range(sent.start + 1, sent.end):
            if doc[i].lower_ not in lex.passive_agent:
                continue
            prev = doc[i - 1].lower_
            if prev in lex.not_passive:
                continue  # "led by", "dipimpin oleh": the visitor's leader, not a host
            if prefix and prev.startswith(prefix) and len(prev) >= len(prefix) + _MIN_PASSIVE_STEM:
                return i
            if suffix and prev.endswith(suffix):  # "a visit hosted by"
                return i
        return sent.end

    def _visit_possessor(self, trig_end: int, after: list[PersonMention]) -> PersonMention | None:
        """The person a visit noun is followed by, across titles and links only."""
        if not after:
            return None
        first = after[0]
        doc = self.doc
        # "visiting Ghanaian President X": the word qualifies the person after it.
        modifier = doc[trig_end - 1].lower_ in self._visit_modifiers
        for i in range(trig_end, first.start_tok):
            tok = doc[i]
            if self.view.tok_role[i] or tok.lower_ in self.lex.visit_links or tok.lower_ in self.lex.honorifics:
                continue
            ent = self.view.tok_entity[i]
            if (ent is not None and ent[2].type in ("State", "Forum", "Organization")
                    and (modifier or any(self.view.tok_role[k] for k in range(trig_end, i)))):
                continue  # "kunjungan Wakil Perdana Menteri Vanuatu, Jotham Napat": the title's state
            if tok.text == "," and i > trig_end and any(self.view.tok_role[k] for k in range(trig_end, i)):
                continue  # "Wakil Perdana Menteri Vanuatu, Jotham Napat"
            return None
        return first if first.start_tok - trig_end <= 10 else None

    def _received(self, trig: int) -> bool:
        """A host verb right before the visit trigger ("menerima kunjungan", "welcomed the visit")."""
        return any(self.doc[i].lower_ in self.lex.receiving for i in range(max(0, trig - 3), trig + 1))

    def _subject_group(self, before: list[PersonMention]) -> list[str]:
        """The last person before the trigger and those joined to it backwards ("X beserta Y")."""
        k = len(before) - 1
        while k > 0:
            between = [t for t in self.doc[before[k - 1].end_tok:before[k].start_tok] if not t.is_punct]
            if not between or len(between) > 2 or between[0].lower_ not in self.lex.companion_links:
                break
            k -= 1
        return self._with_companions(before[k:])

    def _with_companions(self, after: list[PersonMention]) -> list[str]:
        """The first person after the trigger and those joined to it ("X beserta Ibu Y")."""
        keys = [self.cast.people[after[0].person].key]
        last = after[0]
        for m in after[1:]:
            between = self.doc[last.end_tok:m.start_tok]
            words = [t for t in between if not t.is_punct]
            if not words or len(words) > 2 or words[0].lower_ not in self.lex.companion_links:
                break
            key = self.cast.people[m.person].key
            if key not in keys:
                keys.append(key)
            last = m
        return keys

    def _visit_place(self, sent: SpacySpan, after: int) -> str | None:
        # "kunjungan ke Jakarta", "visit to Bali" first; a bare state right after a title
        # ("kunjungan Wakil Perdana Menteri Vanuatu") names the visitor's state, not the place.
        place = self._place(sent, after)
        if place is not None:
            return place
        for s, cand in self._entities_in(after, sent.end, ("Place", "State")):
            if s not in self.cast.title_of_tokens:
                return cand.key
        return None

    def _add(self, event: _Found, distinct: bool = False) -> None:
        keys = {p.person for p in event.participants}
        if event.type == "Talks":
            # "X and Y discussed ..." after "X spoke with Y by phone": what the call was about.
            for old in self.events:
                if old.type == "PhoneCall" and {p.person for p in old.participants} == keys:
                    return
        if distinct:
            self.events.append(event)
            self._set_scene(event)
            return
        cls = _EVENT_CLASS[event.type]
        for i, old in enumerate(self.events):
            old_keys = {p.person for p in old.participants}
            if _EVENT_CLASS[old.type] != cls:
                continue
            # A visit named later by its principal alone ("kunjungan PM Jepang tersebut") is the same
            # visit as the one made with the whole party.
            # An agreement between states and then its signatories ("The deal was signed by X and Y").
            signed = cls == "agree" and not old_keys and keys
            if old_keys != keys and not (cls in ("visit", "elect") and keys and keys <= old_keys and not event.planned) \
                    and not (cls == "elect" and old_keys and old_keys < keys) and not signed:
                continue
            if _dates_differ(old.date, event.date):
                continue
            if (cls == "elect" and old_keys < keys) or signed:
                # "X terpilih ... mengalahkan A dan B" after "X terpilih": the candidates join.
                old = _replace(old, participants=event.participants)
            self.events[i] = _replace(
                old,
                date=old.date if old.date is not None and old.date.value else event.date or old.date,
                end_date=old.end_date or event.end_date,
                duration=old.duration or event.duration,
                place=old.place or event.place,
                forum=old.forum or event.forum,
            )
            self._set_scene(self.events[i])
            return
        self.events.append(event)
        self._set_scene(event)

    def _set_scene(self, event: _Found) -> None:
        # "the two leaders", "kedua pemimpin" are the sides of a meeting, never a visiting party
        # (a leader and the spouse who travels along).
        if len(event.participants) >= 2 and event.type != "Visit":
            self.scene = tuple(p.person for p in event.participants)
            tok = self._token_at(event.evidence.start)
            self.scenes.append((tok if tok is not None else 0, self.scene))
        if event.type != "ForumMeeting":
            self.scene_event = event

    def _token_at(self, char: int) -> int | None:
        if char >= len(self.body) or not self._tok_starts:
            return None
        return max(0, bisect.bisect_right(self._tok_starts, char) - 1)

    def _link_sub_events(self) -> list[_Found]:
        forums = {e.forum: i for i, e in enumerate(self.events) if e.type == "ForumMeeting" and e.forum}
        out = []
        for event in self.events:
            if event.type != "ForumMeeting" and event.forum in forums:
                # Held at the gathering: where it met, unless the text says otherwise.
                parent = self.events[forums[event.forum]]
                event = _replace(event, sub_event_of=forums[event.forum], place=event.place or parent.place)
            out.append(event)
        return out


@functools.lru_cache(maxsize=4)
def _duration_re(markers: tuple[str, ...], hedges: tuple[str, ...], units: tuple[str, ...]) -> re.Pattern[str]:
    """"selama 40 menit", "for about 40 minutes", "a 40-minute call": the words come from the
    lexicon; the unit after a marker is read against its durations table."""
    return re.compile(rf"\b(?:{_alternation(markers)})\s+(?:(?:{_alternation(hedges)})\s+)?(\d{{1,3}})\s+([A-Za-z]+)"
                      rf"|\b(\d{{1,3}})-({_alternation(units)})\b", re.I)


def _alternation(words: tuple[str, ...]) -> str:
    """Words as a regex alternation, longest first, spaces as any whitespace; none matches nothing."""
    if not words:
        return r"(?!x)x"
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=16)
def _any_word_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation for a word list (compiled once, not per article and word)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _dates_differ(a: DateValue | None, b: DateValue | None) -> bool:
    """Two dates that cannot be one day: both known and unequal. A bare weekday ("Kamis") agrees
    with a full date of the same weekday (or of none given)."""
    if a is None or b is None:
        return False
    if a.value and b.value and a.value != b.value:
        return True
    return bool(a.weekday and b.weekday and a.weekday != b.weekday)


def _shares_people(a: Event, b: Event) -> bool:
    """Whether two events have a participant in common (the people on stage)."""
    return not {p.person for p in a.participants}.isdisjoint(p.person for p in b.participants)


def _tid(tenure: Tenure | None) -> str | None:
    return f"{tenure.person}--{tenure.role}--{tenure.of}" if tenure and tenure.of else None


def _replace(event: Event, **changes) -> Event:
    return replace(event, **changes)


class SceneFinder(LexiconComponent):
    """The article's events and its scene (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, key: str = SCENES_KEY) -> None:
        super().__init__(nlp, name, key=key)

    def __call__(self, doc: Doc) -> Doc:
        lex = self.ready_lexicon()
        write_scenes(doc, find_scenes(doc, lex, self.lang, Cast.from_doc(doc, lex, self.lang)), key=self.key)
        return doc


@Language.factory(
    "diplokg_scenes",
    default_config={"key": SCENES_KEY},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
@evaluated
def make_scenes(nlp: Language, name: str, key: str) -> SceneFinder:
    return SceneFinder(nlp, name, key=key)
