"""``diplokg_events``: what happened, between whom, where and when, read from the Doc.

An event hangs on a trigger: a gazetteer cue of ``events`` in ``ontology/lexicon.yaml`` (tag
``event:Type``, or ``spoke_with``) or a token whose **lemma** is an event lemma of its language
(``event_reading.lemmas``), so an inflection nobody listed still counts. For each trigger:

- **participants** come from its syntactic arguments where the language layer parsed the sentence:
  the subject of the trigger verb, or of the light verb whose object the event noun is ("held
  talks", "melakukan pertemuan", "received courtesy calls"); the object of a meeting verb ("met X",
  "menemui X"); the oblique after "dengan/with/from/kepada" ("bertemu dengan X"). Each argument
  reaches to the end of its list (a place, time, purpose or relative clause ends it,
  ``event_reading.list_stops``) and splits at its conjuncts ("X, Y dan Z"), a title and the name
  after its comma staying one participant. Without a parse the same arguments are read in word order:
  the person before the trigger, the list after it or after its "with" word;
- a **serial** reading ("bilateral meetings with X, Y and Z", "kunjungan kehormatan dari A dan B",
  a plural trigger, phone calls from two callers, a list of three titled counterparts) gives one
  event per counterpart, each with the subject (the host) as a participant;
- a **visit**'s visitors are the subject of the visit verb or the person after the visit noun
  ("kunjungan Presiden X", "the visit of X"); a receiving verb ("menerima kunjungan X") makes its
  subject the host;
- the **place** is a venue or place after a locative word in the trigger's stretch of the sentence
  (a capitalised phrase with a venue noun, ``event_reading.venues``: "Istana Kepresidenan",
  "the Government Palace", or a known place or state), a venue before a plain city;
- the **date** is a date expression ``diplokg_dates`` found (``doc.spans["diplokg_dates"]``) in the
  same sentence: the one the trigger governs in the parse (up the date's heads to the first verb or
  trigger), else the closest with no other trigger between them; one another event's predicate
  governs ("who had called X on Monday") comes last; never another sentence's date;
- the **forum** is a forum named after a "sidelines"/gathering cue or right after the trigger.

Results go to ``doc.spans["diplokg_events"]`` (trigger spans, labelled with the event type; a
serial reading repeats its trigger) with aligned ``attrs`` lists: ``participants`` (token
``[start, end]`` per participant), ``roles`` (``agent``, ``counterpart``, ``host``, ``visitor``),
``date``, ``place``, ``forum`` (token ``[start, end]`` or None), ``serial`` and ``via`` (``parse``
or ``order``). :func:`read_events` gives them back as :class:`FoundEvent` records.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from .components import LexiconComponent, bounds, evaluated, gazetteer_matches, quotation_tokens, span_at, token_table
from .dates import DATES_KEY, date_spans

__all__ = ["EVENTS_KEY", "EventFinder", "FoundEvent", "find_events", "make_events", "read_events"]

EVENTS_KEY = "diplokg_events"
_SUBJECT_DEPS = ("nsubj",)
_OBJECT_DEPS = ("obj", "dobj", "iobj")
_OBLIQUE_DEPS = ("obl", "nmod", "obl:arg", "obl:tmod", "prep", "pobj", "conj", "appos")
_CASE_DEPS = ("case", "mark")
# A light verb whose object is the event noun: the noun's own relation to it.
_EVENT_NOUN_DEPS = ("obj", "dobj", "nsubj:pass", "nsubjpass", "xcomp", "obl")
# A verb that shares the subject of the verb it is joined to ("arrived in Lima and met X").
_SHARED_SUBJECT_DEPS = ("conj", "xcomp", "advcl")
# The subject of a passive verb whose infinitive the event is ("X is expected / scheduled to meet Y").
_RAISED_DEPS = ("nsubj:pass", "nsubjpass")
_NOUN_POS = ("NOUN", "PROPN")
_CALL_MODIFIER_POS = ("DET", "ADJ", "NOUN")  # "in a brief phone call"
_PHONE_PHRASE_REACH = 10  # tokens from the talks' trigger to the call noun of its phrase
# Tokens before a summoning verb its envoy may start at ("Duta Besar Amerika Serikat untuk
# Indonesia Sung Y. Kim dipanggil ...").
_SUMMON_REACH = 12
_PERSON_LABELS = ("PER", "PERSON")
_SKIP_BEFORE_LIST = ("DET", "ADJ", "PRON")
_MAX_LIST = 40  # tokens a list of participants may span
_MAX_GAP = 4  # tokens between a trigger and its "with" word ("bilateral meetings with")
_MAX_SUBJECT_GAP = 12  # tokens between the subject and the trigger, read in word order


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """One event the component found (token spans of the Doc)."""

    type: str
    trigger: Span
    participants: tuple[Span, ...]
    roles: tuple[str, ...]
    date: Span | None = None
    place: Span | None = None
    forum: Span | None = None
    serial: bool = False
    via: str = "order"


def find_events(doc: Doc, lexicon: Lexicon, language: str) -> list[FoundEvent]:
    """Read the events of ``doc`` now (what the component writes), for a pipeline without it."""
    return _DocReader(doc, lexicon, language).read()


def read_events(doc: Doc, key: str = EVENTS_KEY) -> list[FoundEvent]:
    """The events ``diplokg_events`` wrote on ``doc`` (none when it did not run)."""
    if key not in doc.spans:
        return []
    group = doc.spans[key]
    attrs = group.attrs
    span = functools.partial(span_at, doc)
    return [FoundEvent(
        type=trigger.label_, trigger=trigger,
        participants=tuple(doc[a:b] for a, b in attrs["participants"][k]),
        roles=tuple(attrs["roles"][k]),
        date=span(attrs["date"][k]), place=span(attrs["place"][k]), forum=span(attrs["forum"][k]),
        serial=bool(attrs["serial"][k]), via=attrs["via"][k],
    ) for k, trigger in enumerate(group)]


class EventFinder(LexiconComponent):
    """Events with participants, date, place and forum (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, key: str = EVENTS_KEY) -> None:
        super().__init__(nlp, name, key=key)

    def __call__(self, doc: Doc) -> Doc:
        found = _DocReader(doc, self.ready_lexicon(), self.lang).read()
        doc.spans[self.key] = [Span(doc, f.trigger.start, f.trigger.end, label=f.type) for f in found]
        attrs = doc.spans[self.key].attrs

        attrs["participants"] = [[[p.start, p.end] for p in f.participants] for f in found]
        attrs["roles"] = [list(f.roles) for f in found]
        attrs["date"] = [bounds(f.date) for f in found]
        attrs["place"] = [bounds(f.place) for f in found]
        attrs["forum"] = [bounds(f.forum) for f in found]
        attrs["serial"] = [f.serial for f in found]
        attrs["via"] = [f.via for f in found]
        return doc


class _DocReader:
    """The reading of one Doc; no state outlives the call."""

    def __init__(self, doc: Doc, lex: Lexicon, lang: str) -> None:
        self.doc = doc
        self.lex = lex
        self.lang = lang
        words = lex.event_words

        def table(name: str) -> frozenset[str]:
            return words.get(name, {}).get(lang, frozenset())

        self.serial_words = table("serial")
        self.with_links = table("with_links")
        self.list_links = table("list_links")
        self.stops = table("list_stops")
        self.place_links = table("place_links")
        self.visit_place_links = table("visit_place_links")
        self.venues = table("venues")
        self.urging = table("urging")
        self.infinitive = table("infinitive")
        self.light_verbs = table("light_verbs")
        self.noun_only = table("noun_only")
        self.summon_lemmas = table("summon_lemmas")
        self.envoys = table("envoys")
        self.reception_lemmas = table("reception_lemmas")
        self.honour_links = table("honour_links")
        self.rivals = table("rivals")
        self.visit_modifiers = table("visit_modifiers")
        self.lemmas = lex.event_lemmas.get(lang, {})
        n = len(doc)
        tokens = token_table(doc)
        self.lemma_list, self.sents, self.sent_of = tokens.lemmas, tokens.sents, tokens.sent_of
        self.cue_at: list[tuple[int, int, frozenset[str]] | None] = [None] * n
        self.entity_at: list[tuple[int, int, frozenset[str]] | None] = [None] * n  # types
        self.role_at: list[bool] = [False] * n
        self.person_tok: list[bool] = [False] * n
        for start, end, label, key in gazetteer_matches(doc):
            if label == "CUE":
                tags = frozenset(lex.cues.get(key, ()))
                for i in range(start, end):
                    if self.cue_at[i] is None:
                        self.cue_at[i] = (start, end, tags)
            elif label in ("ENTITY", "FUZZY"):
                entry = lex.kb.by_key(key)  # the entry the gazetteer chose
                types = frozenset({entry.type if entry is not None else "State"})
                for i in range(start, end):
                    self.entity_at[i] = (start, end, types)
                    if "Person" in types:
                        self.person_tok[i] = True
            elif label == "ROLE":
                for i in range(start, end):
                    self.role_at[i] = True
        for ent in list(doc.ents) + list(doc.spans.get("diplokg_candidates", [])):
            if ent.label_ in _PERSON_LABELS:
                for i in range(ent.start, ent.end):
                    if self.entity_at[i] is None or "Person" in self.entity_at[i][2]:
                        self.person_tok[i] = True
        # The date expressions ``diplokg_dates`` found (found now when it did not run).
        self.dates: list[Span] = list(doc.spans[DATES_KEY]) if DATES_KEY in doc.spans else date_spans(doc, lang)[0]
        # Which quotation (its start char) a token is in: a date said inside one ("“... tahun
        # ini,” kata X usai bertemu Y") is no date of an event told outside it.
        self.date_starts = {d.start for d in self.dates}
        self.quote_of = quotation_tokens(doc)

    # -- what a token is ---------------------------------------------------------------------
    def parsed(self, sent: Span) -> bool:
        return any(t.dep_ for t in sent) and any(t.dep_ == "ROOT" or t.head.i != t.i for t in sent)

    def is_name(self, i: int) -> bool:
        """A word of a person's name: known, recognised, or capitalised and nothing else."""
        if self.person_tok[i]:
            return True
        tok = self.doc[i]
        if self.entity_at[i] is not None or self.cue_at[i] is not None or self.role_at[i]:
            return False
        text = tok.text
        if tok.lower_ in self.lex.name_particles and 0 < i < len(self.doc) - 1:
            return self.doc[i - 1].text[:1].isupper() and self.doc[i + 1].text[:1].isupper()
        return (text[:1].isupper() and any(c.isalpha() for c in text) and not tok.is_sent_start
                and text not in self.lex.not_names and tok.lower_ not in self.venues)

    def is_personal(self, i: int) -> bool:
        """A token that makes a phrase name a person: a name, a title, a counterpart word, a pronoun."""
        cue = self.cue_at[i]
        return self.is_name(i) or self.role_at[i] or (
            cue is not None and bool(cue[2] & {"counterpart", "groups", "pronouns"}))

    def event_type(self, i: int) -> tuple[int, int, str] | None:
        """The trigger starting at token ``i``: (start, end, type), or None."""
        cue = self.cue_at[i]
        if cue is not None and cue[0] == i and cue[1] - cue[0] > 1 and cue[1] in self.date_starts:
            # "in a call on Thursday": the date's preposition, not "call on" a host.
            shorter = self.lex.cues.get(self.doc[cue[0]:cue[1] - 1].text.lower())
            cue = (cue[0], cue[1] - 1, frozenset(shorter)) if shorter else cue
        if cue is not None and cue[0] == i:
            types = sorted(t.split(":", 1)[1] for t in cue[2] if t.startswith("event:"))
            if types:
                return cue[0], cue[1], types[0]
            if "spoke_with" in cue[2]:
                return cue[0], cue[1], "Talks"
            if cue[1] - cue[0] > 1:
                return None
        ent = self.entity_at[i]
        if ent is not None and ent[0] == i and "Forum" in ent[2] and self.attended_gathering(ent[0], ent[1]):
            return ent[0], ent[1], "Summit"
        kind = self.lemmas.get(self.lemma_list[i])
        if kind is None:
            return None  # the common case, decided without a Token
        tok = self.doc[i]
        lemma = self.lemma_list[i]
        if tok.pos_ in ("ADP", "DET", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM"):
            return None
        if lemma in self.noun_only and tok.pos_ not in _NOUN_POS:
            return None
        if lemma in self.summon_lemmas:
            sent = self.sents[self.sent_of[i]]
            if not any(self.words_at(k, self.envoys) for k in range(max(sent.start, i - _SUMMON_REACH), min(sent.end, i + 4))):
                return None  # "yang biasa dipanggil X": a name, not a summons
        return i, i + 1, kind

    def attended_gathering(self, start: int, end: int) -> bool:
        """A forum whose name is a gathering ("Sidang Majelis Umum PBB", "the East Asia Summit")
        right after an attending verb ("menghadiri", "attended the"): that gathering is the event."""
        doc, cues = self.doc, self.lex.cues
        if not any({"gatherings", "event:Summit"} & set(cues.get(t.lower_, ())) for t in doc[start:end]):
            return False
        k = start - 1
        while k >= 0 and start - k <= 2 and doc[k].lower_ in self.lex.determiners:
            k -= 1
        cue = self.cue_at[k] if k >= 0 else None
        return cue is not None and cue[1] == k + 1 and "attending" in cue[2]

    def words_at(self, k: int, words: frozenset[str]) -> int:
        """How many tokens from ``k`` on spell one of ``words`` (0 when none; three at most)."""
        doc = self.doc
        for n in (3, 2, 1):
            if k + n <= len(doc) and " ".join(t.lower_ for t in doc[k:k + n]) in words:
                return n
        return 0

    def lemma_of(self, i: int) -> str:
        tok = self.doc[i]
        return tok.lemma_.lower() if tok.lemma_ else tok.lower_

    # -- the reading -------------------------------------------------------------------------
    def read(self) -> list[FoundEvent]:
        triggers: list[tuple[int, int, str]] = []
        i = 0
        while i < len(self.doc):
            found = self.event_type(i)
            if found is not None:
                triggers.append(found)
                i = found[1]
            else:
                i += 1
        triggers = [t for t in triggers if not self.light_before(t, triggers) and not self.by_phone(t, triggers)]
        out: list[FoundEvent] = []
        for start, end, kind in triggers:
            sent = self.sents[self.sent_of[start]]
            others = [t for t in triggers if t[0] != start and sent.start <= t[0] < sent.end]
            found = self.read_one(start, end, kind, sent, others)
            previous = next((f for f in reversed(out) if self.sent_of[f.trigger.start] == self.sent_of[start]
                             and f.participants and f.roles[0] in ("agent", "visitor", "host")), None)
            if previous is not None and found and self.object_as_subject(previous, found[0]):
                # "X will call on Y and meet Z": Y, read in word order before "meet", is the
                # object of the verb before, not the subject of this one
                found = [FoundEvent(f.type, f.trigger, tuple(p for p, r in zip(f.participants, f.roles) if r != "agent"),
                                    tuple(r for r in f.roles if r != "agent"), f.date, f.place, f.forum, f.serial, f.via)
                         for f in found]
            if previous is not None and found and self.shares_subject(previous, found[0]):
                # "X arrived in Lima and met Y": coordinated verbs share their subject.
                agents = tuple(p for p, r in zip(previous.participants, previous.roles) if r in ("agent", "visitor", "host"))
                found = [FoundEvent(f.type, f.trigger, agents + f.participants, ("agent",) * len(agents) + f.roles,
                                    f.date, f.place, f.forum, f.serial, f.via) for f in found]
            out.extend(found)
        return out

    def object_as_subject(self, previous: FoundEvent, event: FoundEvent) -> bool:
        """``event``'s agents are the counterparts of the verb before it, joined to it by a list link."""
        agents = [(p.start, p.end) for p, r in zip(event.participants, event.roles) if r == "agent"]
        objects = {(p.start, p.end) for p, r in zip(previous.participants, previous.roles) if r == "counterpart"}
        # (the object's span may hold more: "Abiy Ahmed in Addis Ababa")
        if not agents or not all(any(o[0] <= a[0] and a[1] <= o[1] for o in objects) for a in agents):
            return False
        return self.joined(previous, event)

    def shares_subject(self, previous: FoundEvent, event: FoundEvent) -> bool:
        """``event``'s verb has no subject of its own and is joined to the verb before it."""
        if any(r in ("agent", "host", "visitor") for r in event.roles) or not previous.participants:
            return False
        if previous.roles and previous.roles[0] not in ("agent", "visitor", "host"):
            return False
        return self.joined(previous, event)

    def joined(self, previous: FoundEvent, event: FoundEvent) -> bool:
        """``event`` hangs on the verb before it: a verb joined by a list link ("met Y and later
        spoke with Z"), or any trigger after a time link ("met Y, a day after a call with Z",
        "bertemu Y setelah berbicara dengan Z"): the subject is the same."""
        between = self.doc[previous.trigger.end:event.trigger.start]
        if any(t.text in (";", ":") for t in between):
            return False
        if any(t.lower_ in self.lex.time_links for t in between[-4:]):
            return True
        return self.verbal(event.trigger) and any(t.lower_ in self.list_links and t.text != "," for t in between)

    def verbal(self, trigger: Span) -> bool:
        """The trigger is a verb, or how a verb right before it was done ("spoke | by phone"), or a
        phrase that opens with an inflected word ("spoke by phone": the tagger may call "spoke" a
        noun, the lemma table knows it as "speak")."""
        before = self.doc[trigger.start - 1] if trigger.start else None
        first = trigger[0]
        return trigger.root.pos_ in ("VERB", "AUX") or before is not None and before.pos_ == "VERB" or (
            len(trigger) > 1 and bool(first.lemma_) and first.lemma_.lower() != first.lower_)

    def by_phone(self, trigger: tuple[int, int, str], triggers: list[tuple[int, int, str]]) -> bool:
        """"melakukan pembicaraan melalui telepon", "held talks by phone": talks or a meeting that a
        phone-call trigger right after says how they were held are that call, not an event of their own."""
        start, end, kind = trigger
        if kind not in ("Talks", "Meeting"):
            return False
        for s, _e, k in triggers:
            if k != "PhoneCall" or s < end or self.sent_of[s] != self.sent_of[start]:
                continue
            if s <= end + 1:
                return True
            # "discussed the deal in a call on Thursday", "met ... during a phone call": the call
            # is how they talked, in a phrase of the talks' verb with no other trigger between.
            if s <= end + _PHONE_PHRASE_REACH and not any(end <= s2 < s for s2, _e2, _k2 in triggers) \
                    and self.how_phrase(end, s):
                return True
        return False

    def how_phrase(self, end: int, call: int) -> bool:
        """The call noun at ``call`` heads a prepositional phrase ("in a phone call") after the
        trigger ending at ``end``, with no clause break between."""
        doc = self.doc
        k = call - 1
        while k > end and doc[k].pos_ in _CALL_MODIFIER_POS:
            k -= 1  # "a", "brief", "phone"
        return doc[call].pos_ in _NOUN_POS and doc[k].pos_ == "ADP" and call - k <= 3 and not any(
            t.is_punct for t in doc[end:call])

    def light_before(self, trigger: tuple[int, int, str], triggers: list[tuple[int, int, str]]) -> bool:
        """"received courtesy calls", "menerima kunjungan": a host or light verb right before another
        trigger is that event's verb, not an event of its own."""
        start, end, _kind = trigger
        words = self.doc[start:end].text.lower()
        if words not in self.lex.receiving and words not in self.light_verbs:
            return False
        return any(end <= s <= end + 3 and self.sent_of[s] == self.sent_of[start] for s, _e, _k in triggers)

    def read_one(self, start: int, end: int, kind: str, sent: Span,
                 others: list[tuple[int, int, str]]) -> list[FoundEvent]:
        doc = self.doc
        trigger = doc[start:end]
        parsed = self.parsed(sent)
        pred = trigger.root if parsed else doc[end - 1]
        gov = self.governor(pred) if parsed else None
        host_verb = self.receiving(gov, start, sent)
        lo, hi = self.stretch(start, sent, others)
        subject = self.subject(pred, gov, start, sent, lo) if parsed else []
        in_order = self.subject_in_order(start, lo)
        if not subject:
            subject = in_order
        elif in_order and subject[-1].end <= in_order[0].start and self.clause_break(subject[-1].end, in_order[0].start) \
                and not self.clause_break(in_order[-1].end, start):
            # "While X looked on, Y met Z": the parse hung the trigger on the clause before; the
            # person in the trigger's own clause, right before it, is its subject.
            subject = in_order
        elif in_order and in_order[0].start < subject[-1].end and subject[0].start < in_order[-1].end:
            # The parse may cut a name short ("Presiden Laos Thongloun | Sisoulith"): the subject
            # reaches over the person read in word order that it overlaps.
            subject = self.segments(min(subject[0].start, in_order[0].start), max(subject[-1].end, in_order[-1].end))
        counterparts = self.counterparts(pred, gov, start, end, hi, kind) if parsed else []
        if not counterparts:
            counterparts = self.counterparts_in_order(start, end, hi, kind)
        counterparts = [c for c in counterparts if not self.reporter(c)]
        if trigger.text.lower() in self.urging:
            after = counterparts[-1].end if counterparts else end
            while after < hi and not counterparts and not doc[after].is_punct and doc[after].lower_ not in self.infinitive:
                after += 1  # "called on all parties to ..."
            if after < len(doc) and doc[after].lower_ in self.infinitive:
                return []  # "called on X to release ...": an appeal, no meeting
        lemma = self.lemma_of(pred.i) if parsed else self.lemma_of(end - 1)
        guest = self.modified_guest(start, end, hi, kind)
        if guest:
            # "visiting Ghanaian President X": the person the trigger qualifies is the visitor.
            participants, roles = guest, ["visitor"] * len(guest)
        elif kind == "Visit":
            participants, roles = self.visit_roles(subject, counterparts, host_verb)
        elif lemma in self.summon_lemmas:
            # The envoy summoned takes part; who summons is a ministry, rarely a person.
            envoys = [p for p in subject + counterparts if self.names_envoy(p)]
            participants, roles = envoys, ["summoned"] * len(envoys)
        elif lemma in self.reception_lemmas and self.reception_parties(end, hi):
            guests, hosts = self.reception_parties(end, hi)
            participants = hosts + guests
            roles = ["host"] * len(hosts) + ["counterpart"] * len(guests)
        else:
            first = "host" if host_verb else "agent"
            participants = subject + counterparts
            roles = [first] * len(subject) + ["counterpart"] * len(counterparts)
        if kind == "Election":
            rivals = self.rivals_after(end, hi)
            participants = participants + rivals
            roles = roles + ["rival"] * len(rivals)
        date = self.date_for(start, end, sent, others, pred, gov)
        place = self.place_for(start, end, kind, lo, hi, sent)
        forum = self.forum_for(start, end, sent)
        via = "parse" if parsed else "order"
        # Without a subject ("Pertemuan bilateral X dan Y") the list is the two sides of one event.
        if kind != "Visit" and subject and len(counterparts) >= 2 and self.serial(start, end, kind, counterparts, sent):
            return [FoundEvent(kind, trigger, tuple(subject) + (c,),
                               tuple(roles[:len(subject)]) + ("counterpart",), date, place, forum, True, via)
                    for c in counterparts]
        return [FoundEvent(kind, trigger, tuple(participants), tuple(roles), date, place, forum, False, via)]

    def reporter(self, span: Span) -> bool:
        """The speaker of a tail after the event's clause ("talks with X, his spokesman Y said"):
        a person between a comma and a speech verb tells of the event, not in it."""
        doc = self.doc
        if span.start == 0 or doc[span.start - 1].text != "," or span.end >= len(doc):
            return False
        cue = self.cue_at[span.end]
        return cue is not None and cue[0] == span.end and bool(cue[2] & {"speech", "speech_verb"})

    def modified_guest(self, start: int, end: int, hi: int, kind: str) -> list[Span]:
        """The person a visit word qualifies, right after it ("visiting Ghanaian President X")."""
        if kind != "Visit" or self.doc[start:end].text.lower() not in self.visit_modifiers:
            return []
        return self.counterparts_in_order(start, end, hi, kind)

    def names_envoy(self, span: Span) -> bool:
        return any(self.words_at(k, self.envoys) for k in range(span.start, span.end))

    def reception_parties(self, end: int, hi: int) -> tuple[list[Span], list[Span]] | None:
        """"a reception for X by Y", "resepsi untuk X oleh Y": the guests and the hosts."""
        doc = self.doc
        k = end
        while k < hi and k - end <= 2 and doc[k].lower_ not in self.honour_links:
            k += 1
        if k >= hi or doc[k].lower_ not in self.honour_links:
            return None
        b = self.list_end(k + 1, hi)
        guests = self.segments(k + 1, b)
        hosts: list[Span] = []
        while b < hi and doc[b].is_punct:
            b += 1
        if b < hi and doc[b].lower_ in self.with_links:
            hosts = self.segments(b + 1, self.list_end(b + 1, hi))
        return (guests, hosts) if guests else None

    def rivals_after(self, end: int, hi: int) -> list[Span]:
        """The other candidates of an election: the people after a rival word ("setelah
        mengalahkan A dan B", "after defeating A and B", "candidates, among them A and B")."""
        k = end
        while k < hi and not self.words_at(k, self.rivals):
            k += 1
        if k >= hi:
            return []
        a = k + 1
        while a < hi and not self.is_personal(a):
            a += 1
        if a >= hi:
            return []
        return [p for p in self.segments(a, self.list_end(a, hi)) if any(self.is_name(i) for i in range(p.start, p.end))]

    def stretch(self, start: int, sent: Span, others: list[tuple[int, int, str]]) -> tuple[int, int]:
        """The part of the sentence that belongs to this trigger: up to the neighbouring triggers
        that begin a clause of their own (after a comma or a conjunction)."""
        lo, hi = sent.start, sent.end
        for s, e, _kind in others:
            if e <= start and self.clause_break(e, start):
                lo = max(lo, e)
            elif s > start and self.clause_break(start, s):
                hi = min(hi, s)
        return lo, hi

    def clause_break(self, a: int, b: int) -> bool:
        return any(t.is_punct and t.text in ",;:" or t.lower_ in self.list_links and t.text != ","
                   for t in self.doc[a:b])

    # -- arguments from the parse -----------------------------------------------------------
    def governor(self, pred: Token) -> Token:
        """The light verb whose object the event noun is ("held talks"), else the trigger itself."""
        # (An object is a noun whatever its tag: the tagger may call "talks" a verb.)
        if (pred.pos_ in _NOUN_POS or pred.dep_ in _OBJECT_DEPS) and pred.dep_ in _EVENT_NOUN_DEPS \
                and pred.head.i != pred.i and pred.head.pos_ in ("VERB", "AUX"):
            return pred.head
        return pred

    def receiving(self, gov: Token | None, start: int, sent: Span) -> bool:
        """A host verb governs the trigger ("received courtesy calls", "menerima kunjungan")."""
        doc = self.doc
        if gov is not None and gov.i < start and gov.lower_ in self.lex.receiving:
            return True
        return any(doc[k].lower_ in self.lex.receiving for k in range(max(sent.start, start - 3), start))

    def subject(self, pred: Token, gov: Token, start: int, sent: Span, lo: int) -> list[Span]:
        verb = gov
        raised = False  # climbed from an xcomp: "X is expected to hold talks" (X the passive's subject)
        for _ in range(3):
            deps = _SUBJECT_DEPS + (_RAISED_DEPS if raised else ())
            subj = next((c for c in verb.children if c.dep_ in deps), None)
            if subj is None and pred is not gov:
                # (a subject the parse hangs after the event noun is none of its: climb instead)
                subj = next((c for c in pred.children if c.dep_ in _SUBJECT_DEPS and c.i < start), None)
            if subj is not None:
                break
            if verb.dep_ in _SHARED_SUBJECT_DEPS and verb.head.i != verb.i:
                raised = verb.dep_ == "xcomp"
                verb = verb.head
                continue
            return []
        if verb is not gov and verb.i < start:
            # a verb coordinated with an earlier one shares its subject, before that verb's own
            # stretch ("X met Y on Monday and later spoke by phone with Z")
            lo = sent.start
        if subj is None or not (lo <= subj.i < start):
            return []
        a = subj.left_edge.i
        b = min(subj.right_edge.i + 1, start)
        a = max(a, lo)
        return self.segments(*self.unlisted(a, b, keep_last=True))

    def counterparts(self, pred: Token, gov: Token, start: int, end: int, hi: int, kind: str) -> list[Span]:
        heads: list[Token] = []
        for verb in dict.fromkeys([pred, gov]):
            for child in verb.children:
                if child.i < end or child.i >= hi:
                    continue
                case = [c for c in child.children if c.dep_ in _CASE_DEPS and c.i < child.i]
                if child.dep_ in _OBLIQUE_DEPS and case and case[0].lower_ in self.with_links:
                    heads.append(child)
                elif child.dep_ in _OBJECT_DEPS and verb is pred and pred.pos_ in ("VERB", "AUX") \
                        and self.is_personal_phrase(child):
                    heads.append(child)
        if not heads:
            return []
        head = min(heads, key=lambda t: t.i)
        a = head.left_edge.i
        while a < head.i and (self.doc[a].dep_ in _CASE_DEPS or self.doc[a].lower_ in self.with_links):
            a += 1
        return self.segments(a, self.list_end(a, hi))

    def is_personal_phrase(self, tok: Token) -> bool:
        return any(self.is_personal(t.i) for t in tok.subtree)

    # -- arguments in word order ------------------------------------------------------------
    def subject_in_order(self, start: int, lo: int) -> list[Span]:
        """The person (or list of people) closest before the trigger."""
        k = start - 1
        while k >= lo and start - k <= _MAX_SUBJECT_GAP and not self.is_personal(k):
            k -= 1
        if k < lo or start - k > _MAX_SUBJECT_GAP:
            return []
        b = k + 1
        a = k
        while a - 1 >= lo and (self.is_personal(a - 1) or self.entity_at[a - 1] is not None
                               or self.doc[a - 1].lower_ in self.list_links
                               or self.doc[a - 1].lower_ in self.lex.honorifics
                               or self.title_link(a - 1, lo)):
            a -= 1
        return self.segments(*self.unlisted(a, b, keep_last=True))

    def title_link(self, k: int, lo: int) -> bool:
        """"untuk"/"of" inside a title, between a state or title and what follows ("Duta Besar
        Amerika Serikat untuk Indonesia X")."""
        low = self.doc[k].lower_
        return (low in self.lex.posted_to_links or low in self.lex.title_of_links) and k - 1 >= lo and (
            self.entity_at[k - 1] is not None or self.role_at[k - 1])

    def counterparts_in_order(self, start: int, end: int, hi: int, kind: str) -> list[Span]:
        doc = self.doc
        while end < hi and doc[end].lower_ in self.visit_modifiers:
            end += 1  # "met visiting Ghanaian President X"
        k = end
        while k < hi and k - end <= _MAX_GAP:
            low = doc[k].lower_
            if low in self.with_links:
                a = k + 1
                return self.segments(a, self.list_end(a, hi))
            if self.is_personal(k) or self.entity_at[k] is not None and k == end:
                # The object right after the trigger ("met X", "menemui X", "kunjungan X"), a state
                # word of its title first ("met Peruvian Foreign Minister X").
                j = k
                while j < hi and (self.entity_at[j] is not None and not self.is_personal(j)
                                  or self.doc[j].lower_ in self.lex.possessive):
                    j += 1
                if k == end and j < hi and self.is_personal(j):
                    return self.segments(k, self.list_end(k, hi))
                return []
            if low in self.stops or doc[k].is_punct:
                return []
            k += 1
        return []

    def list_end(self, a: int, hi: int) -> int:
        """Where a list of participants starting at ``a`` ends."""
        doc = self.doc
        k = a
        while k < hi and k - a < _MAX_LIST:
            tok = doc[k]
            low = tok.lower_
            if k in self.date_starts or (low in self.stops or low in self.serial_words and tok.pos_ == "ADV") \
                    and not self.role_at[k] and k > a and not self.posting(k):
                break  # a place, time or purpose, or "separately" after the list
            if tok.is_punct and tok.text not in (",", "-", "–", ".", "'", "’") or tok.text == "." and k == len(doc) - 1:
                break
            if tok.pos_ in ("VERB", "AUX") and not self.is_personal(k) and low not in self.list_links:
                break
            cue = self.cue_at[k]
            if cue is not None and cue[2] & {"speech", "speech_verb", "according_to"} and not self.is_name(k):
                break
            k += 1
        while k > a and (doc[k - 1].is_punct or doc[k - 1].lower_ in self.list_links):
            k -= 1
        return self.unlisted(a, k, keep_last=False)[1]

    def unlisted(self, a: int, b: int, *, keep_last: bool) -> tuple[int, int]:
        """``doc[a:b]`` as a list of people only where a list word joins it ("A, B dan C", "A and
        B"): commas alone join a clause ("Selain bertemu X, Y juga ...") or a relative ("X, who
        ..."), so the part next to the trigger is all (the first after it, the last before it).
        A title and the name set off after it stay one ("Wakil Menlu Ghana, Samuel Ablakwa")."""
        doc = self.doc
        words = {w for w in self.list_links if w != ","}
        if any(doc[k].lower_ in words for k in range(a, b)):
            return a, b
        commas = [k for k in range(a, b) if doc[k].text == "," and not self.appositive_name(a, k, b)]
        if not commas:
            return a, b
        return (commas[-1] + 1, b) if keep_last else (a, commas[0])

    def posting(self, k: int) -> bool:
        """"Duta Besar Australia untuk Indonesia", "Ambassador to Peru": a posting word between a
        title (and its state) and the state it is posted to belongs to the title."""
        doc = self.doc
        if doc[k].lower_ not in self.lex.posted_to_links or k + 1 >= len(doc) or self.entity_at[k + 1] is None:
            return False
        return any(self.role_at[j] for j in range(max(0, k - 3), k))

    def segments(self, a: int, b: int) -> list[Span]:
        """The participants of ``doc[a:b]``: split at list links, a title and its comma-separated
        name kept together; parts that name no person (a state, "the two countries") left out."""
        doc = self.doc
        parts: list[tuple[int, int, str]] = []  # (start, end, link before)
        s = a
        link = ""
        k = a
        while k < b:
            low = doc[k].lower_
            if low in self.list_links and not (low == "," and self.appositive_name(s, k, b)):
                if s < k:
                    parts.append((s, k, link))
                link = low
                s = k + 1
                if low == "as" and k + 2 < b:  # "as well as"
                    s = k + 3
                    k += 2
            k += 1
        if s < b:
            parts.append((s, b, link))
        out = []
        for s, e, _link in parts:
            while s < e and (doc[s].pos_ in ("DET",) or doc[s].lower_ in ("the", "a", "an")
                             or doc[s].lower_ in self.with_links):
                s += 1
            while e > s and doc[e - 1].is_punct:
                e -= 1
            if s < e and any(self.is_personal(i) for i in range(s, e)):
                out.append(doc[s:e])
        return out

    def appositive_name(self, s: int, comma: int, b: int) -> bool:
        """"Wakil Menlu Ghana, Samuel Ablakwa": a title part before the comma and a name with no
        title of its own after it are one participant."""
        before = range(s, comma)
        if not any(self.role_at[i] or self.cue_at[i] and "counterpart" in self.cue_at[i][2] for i in before):
            return False
        if any(self.is_name(i) for i in before if self.entity_at[i] is None):
            return False
        k = comma + 1
        if k >= b or not self.is_name(k):
            return False
        while k < b and self.is_name(k):
            k += 1
        return not any(self.role_at[i] for i in range(comma + 1, k))

    # -- serial readings ---------------------------------------------------------------------
    def serial(self, start: int, end: int, kind: str, counterparts: list[Span], sent: Span) -> bool:
        doc = self.doc
        window = range(max(sent.start, start - 3), min(sent.end, end + 2))
        if any(doc[k].lower_ in self.serial_words for k in window):
            return True
        # Right after the list: "met with A and B separately".
        after = counterparts[-1].end
        if any(doc[k].lower_ in self.serial_words for k in range(after, min(sent.end, after + 2))):
            return True
        trig = doc[start:end].root
        if trig.pos_ in _NOUN_POS or trig.pos_ == "":
            plural = "Plur" in trig.morph.get("Number") or (
                trig.lemma_ and trig.lower_ != trig.lemma_.lower()
                and trig.lower_.endswith(self.lex.plural_suffix.get(self.lang, "\0")))
            if plural:
                return True
            suffix = self.lex.plural_suffix.get(self.lang)
            if suffix and trig.lower_.endswith(suffix) and trig.lower_[:-len(suffix)] in self.lemma_forms():
                return True
        if kind == "PhoneCall":
            return True
        titled = [c for c in counterparts if any(self.role_at[i] for i in range(c.start, c.end))]
        return len(counterparts) >= 3 and len(titled) == len(counterparts)

    def lemma_forms(self) -> frozenset[str]:
        return frozenset(self.lemmas)

    # -- visits --------------------------------------------------------------------------------
    def visit_roles(self, subject: list[Span], after: list[Span], host_verb: bool) -> tuple[list[Span], list[str]]:
        if host_verb and after:
            return subject + after, ["host"] * len(subject) + ["visitor"] * len(after)
        if subject:
            return subject, ["visitor"] * len(subject)
        return after[:1], ["visitor"] * len(after[:1])

    # -- date, place, forum ------------------------------------------------------------------
    def date_for(self, start: int, end: int, sent: Span, others: list[tuple[int, int, str]],
                 pred: Token, gov: Token | None) -> Span | None:
        """The date of the trigger's own sentence that the trigger governs, else the closest with
        no other trigger between; a date another event's predicate governs comes last."""
        mine = {pred.i, *(range(start, end))} | ({gov.i} if gov is not None else set())
        theirs = {i for s, e, _k in others for i in range(s, e)}
        best: tuple[int, Span] | None = None
        for d in self.dates:
            said_in = self.quote_of.get(d.start)
            if not (sent.start <= d.start < sent.end) or said_in is not None and said_in != self.quote_of.get(start):
                continue  # (a readout's trigger inside a quotation takes the date after it: "…,” tulis Kemlu Senin)
            if d.start > end and any(t.lower_ in self.lex.since_links for t in self.doc[end:d.start]):
                continue  # "kunjungan pertama sejak X dilantik pada Oktober 2024": that clause's date
            a, b = (d.end, start) if d.end <= start else (end, d.start)
            between = sum(1 for s, _e, _k in others if a <= s < b)
            distance = max(0, b - a)
            owner = self.owner(d, mine | theirs) if gov is not None else None
            attached = owner is not None and owner.i in mine
            # "X met Y, who had called Z on Monday, on Thursday": Thursday is the meeting's and
            # Monday the call's. Another event's date is taken only when none is nearer to hand
            # ("On 12 November X, who is visiting Beijing, took part in talks": the visit's too).
            elsewhere = owner is not None and not attached and owner.i in theirs | self.governors(theirs) \
                and not self.coordinated(owner, mine)
            # A date inside a relative clause the trigger is not in (", who had called Z on
            # Monday,") is that clause's, whatever the parse says.
            clause = self.relative_clause(d.start, sent)
            walled = clause is not None and not (clause[0] <= start < clause[1])
            score = (between * 1000) + distance - (500 if attached else 0) + (5000 if elsewhere else 0) \
                + (5000 if walled else 0)
            if best is None or score < best[0]:
                best = (score, d)
        return best[1] if best else None

    def relative_clause(self, k: int, sent: Span) -> tuple[int, int] | None:
        """The relative clause token ``k`` lies in: from a comma and a relative pronoun (", who",
        ", yang") to the next comma or the sentence's end."""
        doc = self.doc
        i = k
        while i > sent.start and doc[i - 1].text != ",":
            i -= 1
        if i <= sent.start or i >= sent.end or doc[i].lower_ not in self.lex.relatives:
            return None
        j = k
        while j < sent.end and doc[j].text != ",":
            j += 1
        return i, j

    def owner(self, span: Span, triggers: set[int]) -> Token | None:
        """The predicate a date hangs on: the first verb or trigger up its chain of heads."""
        tok = span.root
        for _ in range(8):
            if tok.head.i == tok.i:
                return None
            tok = tok.head
            if tok.i in triggers or tok.pos_ in ("VERB", "AUX"):
                return tok
        return None

    def governors(self, triggers: set[int]) -> set[int]:
        """The light verbs whose object an event noun is ("held talks"): they speak for it."""
        return {self.governor(self.doc[i]).i for i in triggers}

    def coordinated(self, owner: Token, mine: set[int]) -> bool:
        """"arrived in Lima on Sunday and met X": joined verbs share the date they govern."""
        if owner.dep_ in _SHARED_SUBJECT_DEPS and owner.head.i in mine:
            return True
        return any(self.doc[i].dep_ in _SHARED_SUBJECT_DEPS and self.doc[i].head.i == owner.i for i in mine)

    def place_for(self, start: int, end: int, kind: str, lo: int, hi: int, sent: Span) -> Span | None:
        links = self.visit_place_links if kind == "Visit" else self.place_links
        found: list[tuple[int, Span]] = []
        doc = self.doc
        for k in range(lo, hi):
            if doc[k].lower_ not in links or start <= k < end:
                continue
            phrase = self.place_phrase(k + 1, hi)
            if phrase is None:
                continue
            venue = any(t.lower_ in self.venues for t in phrase)
            distance = k - end if k >= end else (start - k) + 20
            found.append(((0 if venue else 100) + distance, phrase))
        if kind == "Visit" and end < hi and doc[start:end].root.pos_ in ("VERB", "AUX", ""):
            phrase = self.place_phrase(end, hi)  # "visited the National Museum", "mengunjungi Accra"
            if phrase is not None:
                found.append((0 if any(t.lower_ in self.venues for t in phrase) else 100, phrase))
        if not found:
            return None
        return min(found, key=lambda f: f[0])[1]

    def place_phrase(self, a: int, hi: int) -> Span | None:
        """A venue or known place right after a locative word: "the Government Palace",
        "Istana Kepresidenan Bogor", "Lima"."""
        doc = self.doc
        while a < hi and (doc[a].lower_ in ("the", "a") or doc[a].pos_ == "DET"
                          or doc[a].lower_ in self.lex.place_nouns and not doc[a].text[:1].isupper()):
            a += 1  # "di kota X", "the city of X"
        if a < hi and doc[a].lower_ in self.lex.place_noun_links and not doc[a].text[:1].isupper():
            a += 1
        k = a
        while k < hi:
            tok = doc[k]
            capital = tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)
            if capital or tok.lower_ in self.venues:
                k += 1
            elif tok.lower_ in ("of", "de", "for", "-") and k + 1 < hi and doc[k + 1].text[:1].isupper() and k > a:
                k += 1
            else:
                break
        if k == a:
            return None
        phrase = doc[a:k]
        if any(self.role_at[i] for i in range(a, k)):
            return None
        if any(t.lower_ in self.venues for t in phrase):
            return phrase  # a venue, whatever the statistical names make of its words
        if any(self.person_tok[i] for i in range(a, k)):
            return None
        ent = self.entity_at[a]
        if ent is not None and ent[2] & {"Place", "State"}:
            return doc[ent[0]:ent[1]]
        return None

    def forum_for(self, start: int, end: int, sent: Span) -> Span | None:
        doc = self.doc
        anchors = [end]
        for k in range(sent.start, sent.end):
            cue = self.cue_at[k]
            if cue is not None and cue[0] == k and cue[2] & {"sidelines", "gatherings"}:
                anchors.append(cue[1])
        for anchor in anchors:
            for k in range(anchor, min(anchor + 8, sent.end)):
                ent = self.entity_at[k]
                if ent is not None and ent[2] & {"Forum"}:
                    if any(self.role_at[i] for i in range(max(sent.start, ent[0] - 3), ent[0])):
                        continue  # "Sekjen PBB": the title's organisation, not a gathering
                    return doc[ent[0]:ent[1]]
        return None


@Language.factory(
    "diplokg_events",
    default_config={"key": EVENTS_KEY},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
@evaluated
def make_events(nlp: Language, name: str, key: str) -> EventFinder:
    return EventFinder(nlp, name, key=key)
