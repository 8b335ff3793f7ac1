"""Doc -> records: entities, tenures, events, statements and memberships of one article.

A pure function of the spaCy ``Doc`` and the lexicon, and a thin one: the pipeline's components
decided everything, and this module turns their span groups into records (after it no spaCy
object travels):

- entities: the gazetteer's matches (``doc.spans["dkg"]``, each with its knowledge-base key);
- people, their mentions and titles: ``diplokg_people``; pronouns and bare titles linked to them:
  ``diplokg_coref``; tenures follow from the titles;
- events with participants, date, place, forum and duration: ``diplokg_scenes`` (on
  ``diplokg_events`` and ``diplokg_dates``);
- statements (speaker, content, verb): ``diplokg_statements``; forum memberships from the sentences.

Where a component did not run (a Doc made by another pipeline), the same code decides here.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import replace

from spacy.tokens import Doc

from .lexicon import Lexicon, load_lexicon
from .memberships import read_memberships
from .pipeline import Cast, FoundDate, FoundScene, FoundStatement, SceneReading, find_scenes, read_scenes, write_scenes
from .pipeline import read_dates as read_found_dates
from .pipeline import read_statements as read_found_statements
from .pipeline.components import QUOTE_RE
from .pipeline.coref import find_coref, read_coref
from .pipeline.people import (DocView, PeopleReading, Person, PersonMention, RoleUse, find_people, person_state,
                              read_people, slugify, tenures_of)
from .pipeline.scenes import sentence_evidence
from .records import (
    Document,
    Entity,
    Event,
    Extraction,
    Membership,
    Mention,
    Participant,
    Span,
    Statement,
    Tenure,
)

__all__ = ["extract", "slugify"]



class _Reader(DocView):
    """The gazetteer's tables (:class:`DocView`) and the people ``diplokg_people`` decided."""

    def __init__(self, doc: Doc, document: Document, lex: Lexicon) -> None:
        # The gazetteer's tables are the ones the components read (DocView.of builds them once).
        vars(self).update(vars(DocView.of(doc, lex)))
        self.document = document
        self.people: list[Person] = []
        self.person_mentions: list[PersonMention] = []
        self.role_uses: list[RoleUse] = []
        self._pm_index_len = -1
        self._pm_starts: list[int] | None = None
        self.title_of_tokens: set[int] = set()  # first tokens of states read as a title's "of"
        # First tokens of organisations that belong to a person's title ("Sekjen PBB" naming
        # Guterres): such a forum names no gathering.
        self.personal_of_tokens: set[int] = set()
        self._people_from_doc = False

    def read_people(self) -> None:
        """People, mentions and titles from ``doc.spans["diplokg_people"]``; read here, with the same
        code, when the pipeline had no ``diplokg_people`` or the reader is given another lexicon
        than the packaged one the component read with."""
        reading = read_people(self.doc) if self.lex is load_lexicon() else None
        self._people_from_doc = reading is not None
        if reading is None:
            reading = find_people(self.doc, self.lex, view=self)
        self.people = reading.people
        self.person_mentions = reading.mentions
        self.role_uses = reading.titles
        self.title_of_tokens = reading.title_of_tokens

    def _person_state(self, person: int, role: str) -> str | None:
        return person_state(self.role_uses, self.people, self.lex.kb, person)

    # -- tenures --------------------------------------------------------------------------
    def tenures(self) -> list[Tenure]:
        reading = PeopleReading(self.people, self.person_mentions, self.role_uses, self.title_of_tokens)
        return tenures_of(self.doc, reading, self.lex, self.document.language)

    # -- coreference ----------------------------------------------------------------------
    def read_coreference(self) -> None:
        """Bare titles ("Menteri luar negeri Tiongkok") and pronouns ("Ia") become mentions of the
        person ``doc.spans["diplokg_coref"]`` links them to (decided here, with the same code, when
        the pipeline had no ``diplokg_coref`` or the people were read here)."""
        found = read_coref(self.doc) if self._people_from_doc else None
        if found is None:
            found = find_coref(self.doc, self.lex, PeopleReading(self.people, self.person_mentions, self.role_uses,
                                                                 self.title_of_tokens), self.document.language)
        titles = {(use.start_tok, use.end_tok): use for use in self.role_uses}
        for m in found:
            self.person_mentions.append(PersonMention(m.start, m.end, m.person, m.kind))
            use = titles.get((m.start, m.end)) if m.kind == "title" else None
            if use is not None and use.of_tok is not None:
                self.personal_of_tokens.add(use.of_tok)
        for use in self.role_uses:
            if use.person is not None and use.of_tok is not None:
                self.personal_of_tokens.add(use.of_tok)
        self.person_mentions.sort(key=lambda m: m.start_tok)

    def pronoun_person(self, start_tok: int, end_tok: int) -> int | None:
        """The person a pronoun inside ``[start_tok, end_tok)`` refers to (None when unresolved)."""
        return next((m.person for m in self.person_at(start_tok, end_tok) if m.kind == "pronoun"), None)

    def person_at(self, start_tok: int, end_tok: int) -> list[PersonMention]:
        """Person mentions inside ``[start_tok, end_tok)``, in list order."""
        mentions = self.person_mentions
        if self._pm_index_len != len(mentions):
            # Re-index after the list grew; bisect only when it is sorted by start (it is once
            # coreference has run), else scan.
            self._pm_index_len = len(mentions)
            starts = [m.start_tok for m in mentions]
            self._pm_starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None
        if self._pm_starts is None:
            return [m for m in mentions if m.start_tok >= start_tok and m.end_tok <= end_tok]
        lo = bisect.bisect_left(self._pm_starts, start_tok)
        hi = bisect.bisect_left(self._pm_starts, end_tok)
        return [m for m in mentions[lo:hi] if m.end_tok <= end_tok]


class _EventReader:
    """Events (what ``diplokg_scenes`` decided, as records), statements and memberships."""

    def __init__(self, reader: _Reader, tenures: list[Tenure]) -> None:
        self.r = reader
        self.doc = reader.doc
        self.lex = reader.lex
        self.tenures = tenures
        document = reader.document
        # The Doc's text is the article's body text; spaCy rebuilds ``doc.text`` on every access.
        self.body = document.body_text()
        # The diplokg_dates component's dates, resolved against the document's publication date.
        self.dates: list[FoundDate] = read_found_dates(reader.doc, published=document.published)
        self.quote_chars = [(m.start(), m.end()) for m in QUOTE_RE.finditer(self.body)]
        self._quote_starts = [a for a, _b in self.quote_chars]
        self.stage = SceneReading([], [])

    def in_quote(self, char: int) -> bool:
        # Quotations are found left to right and do not overlap: the last one starting at or
        # before ``char`` is the only candidate.
        i = bisect.bisect_right(self._quote_starts, char) - 1
        return i >= 0 and char < self.quote_chars[i][1]

    def scene_at(self, tok: int) -> tuple[str, ...]:
        return self.stage.on_stage(tok)

    def read_events(self) -> list[Event]:
        """The events ``diplokg_scenes`` wrote on the Doc; decided here, with the same code, when the
        pipeline had no ``diplokg_scenes`` or the people were read here (a Doc without them)."""
        r = self.r
        reading = read_scenes(self.doc, dates=self.dates) if r._people_from_doc else None
        if reading is None:  # a pipeline without diplokg_scenes, or people read here: decide them now
            cast = Cast(r.people, list(r.person_mentions), r.role_uses, self.tenures, r.title_of_tokens,
                        r.personal_of_tokens)
            found = find_scenes(self.doc, self.lex, r.document.language, cast, view=r, text=self.body,
                                dates=self.dates)
            write_scenes(self.doc, found, dates=self.dates)
            reading = read_scenes(self.doc, dates=self.dates)
            assert reading is not None
        self.stage = reading
        return [_event(f, self.body) for f in reading.events]

    # -- statements -----------------------------------------------------------------------
    def read_statements(self) -> list[Statement]:
        """The ``diplokg_statements`` component's findings as records: its speaker spans become
        the people this reader knows (pronouns through their salient antecedents). The component
        is part of every packaged pipeline; a Doc it did not see has no statements."""
        found = read_found_statements(self.doc)
        out: list[Statement] = []
        seen: set[tuple[str, int, int]] = set()
        # A headline or lead repeated in the body says the same thing twice: one statement.
        said: set[tuple[str, str]] = set()
        body = self.body
        for f in found:
            speakers = self._speakers(f)
            if not speakers:
                continue
            begin, end = f.content.start_char, f.content.end_char
            text = body[begin:end]
            lead = len(text) - len(text.lstrip())
            text = text.strip()
            if not f.direct:
                while text and text[-1] in ".;:,":
                    text = text[:-1].rstrip()
            begin += lead
            cue = f.verb.text if f.verb is not None and f.via != "continuation" else ""
            for speaker in speakers:
                same = (speaker, " ".join(text.casefold().split()))
                if (speaker, begin, f.direct) in seen or same in said:
                    continue
                seen.add((speaker, begin, f.direct))
                said.add(same)
                out.append(Statement(speaker=speaker, text=text, span=Span(begin, begin + len(text)),
                                     direct=f.direct, cue=cue, confidence=0.85 if f.direct else 0.75))
        out.sort(key=lambda st: (st.span.start, st.speaker))
        return out

    def _speakers(self, found: FoundStatement) -> list[str]:
        """The people a statement's speaker span names (a pronoun: its first salient antecedent
        that names a known person)."""
        span = found.speaker
        if span is None:
            return []
        if found.via == "pronoun":
            person = self.r.pronoun_person(span.start, span.end)
            return [self.r.people[person].key] if person is not None else []
        keys = self._people_in(span.start, span.end)
        if not keys:  # a title held by a person named beside it: "X, Ghana's foreign minister, said"
            keys = list(dict.fromkeys(self.r.people[use.person].key for use in self.r.role_uses
                                      if use.person is not None and span.start <= use.start_tok < span.end))
        if not keys:  # a title without a name the extractor could tie to a person: its antecedents
            for antecedent in found.antecedents:
                keys = self._people_in(antecedent.start, antecedent.end)
                if keys:
                    return keys[:1]
        return keys

    def _people_in(self, start: int, end: int) -> list[str]:
        """The person a span names, with the people joined to it by a conjunction ("A dan B");
        a group ("kedua menteri") names the people on stage."""
        doc = self.doc
        groups = [s for s, _e, tags in self.r.cues_in(start, end) if "groups" in tags]
        mentions = [m for m in self.r.person_at(start, end) if not self.in_quote(doc[m.start_tok].idx)]
        if groups and (not mentions or groups[0] < mentions[0].start_tok):
            return list(self.scene_at(groups[0]))
        keys: list[str] = []
        last_end = None
        for m in mentions:
            key = self.r.people[m.person].key
            if last_end is not None and (
                    not (m.start_tok > last_end and doc[last_end].lower_ in self.lex.companion_links
                         or m.start_tok > last_end and doc[last_end].text == ",")
                    or any(t.lower_ in self.lex.relatives for t in doc[last_end:m.start_tok])):
                if m.start_tok > last_end:
                    break  # not joined to the one before, or inside its relative clause ("X, who met Y,")
            if key not in keys:
                keys.append(key)
            last_end = m.end_tok
        return keys

    def read_memberships(self) -> list[Membership]:
        return read_memberships(self.r, self.lex, self.body)


def _event(found: FoundScene, body: str) -> Event:
    """One of the ``diplokg_scenes`` events as a record."""
    return Event(
        type=found.type,
        participants=tuple(Participant(p, role=role, tenure=tenure)
                           for p, role, tenure in zip(found.participants, found.roles, found.tenures)),
        evidence=sentence_evidence(found.sentence, body),
        trigger=found.trigger.text if found.trigger is not None else "",
        # A planned event's bare weekday or month-day is read forward ("akan bertemu X pada Senin").
        date=(found.date.ahead if found.planned else found.date.value) if found.date is not None else None,
        end_date=found.end_date.end if found.end_date is not None else None,
        duration=found.duration,
        place=found.place,
        forum=found.forum,
        sub_event_of=found.sub_event_of,
        planned=found.planned,
        confidence=found.confidence,
    )


def extract(doc: Doc, document: Document, lexicon: Lexicon) -> Extraction:
    """Read one processed article into records."""
    reader = _Reader(doc, document, lexicon)
    reader.read_people()
    tenures = reader.tenures()
    reader.read_coreference()
    events_reader = _EventReader(reader, tenures)
    events = events_reader.read_events()
    statements = events_reader.read_statements()
    memberships = events_reader.read_memberships()

    entities: list[Entity] = []
    kb = lexicon.kb
    for (type_, key), mentions in sorted(reader.entity_mentions.items()):
        entry = kb.by_key(key)
        entities.append(_entity(key, type_, entry, mentions))
    person_mentions: dict[int, list[Mention]] = defaultdict(list)
    for m in reader.person_mentions:
        span = doc[m.start_tok:m.end_tok]
        method = {"name": "pattern", "title": "coref", "pronoun": "coref"}.get(m.kind, "pattern")
        conf = 0.9 if m.kind == "name" else 0.7
        person = reader.people[m.person]
        if person.kb and m.kind == "name":
            method, conf = "alias", 1.0
        person_mentions[m.person].append(Mention(span.start_char, span.end_char, span.text, method, conf))
    seen_people = set()
    for idx, mentions in sorted(person_mentions.items()):
        person = reader.people[idx]
        if person.key in seen_people:
            continue
        seen_people.add(person.key)
        entry = kb.by_key(person.key) if person.kb else None
        unique = {(m.start, m.end): m for m in mentions}
        entities.append(_entity(person.key, "Person", entry, list(unique.values()), name=person.name))
    # A tenure's state may come from the knowledge base or the article's home state rather than
    # the text: that state is an entity too, inferred from the title, not mentioned.
    known = {e.key for e in entities}
    implied: dict[str, list[Span]] = defaultdict(list)
    for tenure in tenures:
        if tenure.of is not None and tenure.of not in known:
            implied[tenure.of].append(tenure.evidence)
    for key, spans in sorted(implied.items()):
        entry = kb.by_key(key)
        if entry is not None:
            entities.append(replace(_entity(key, entry.type, entry, []), inferred_from=tuple(spans)))
    body = events_reader.body
    sentences = tuple(sentence_evidence(s, body) for s in reader.sents if body[s.start_char:s.end_char].strip())
    return Extraction(
        document=document,
        entities=tuple(sorted(entities, key=lambda e: (e.type, e.key))),
        tenures=tuple(tenures),
        events=tuple(events),
        statements=tuple(statements),
        memberships=tuple(memberships),
        sentences=sentences,
    )


def _entity(key: str, type_: str, entry, mentions: list[Mention], name: str | None = None) -> Entity:
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    if entry is not None:
        labels = tuple(entry.labels) + tuple(entry.aliases)
        return Entity(key=key, type=type_, name=entry.name, mentions=tuple(mentions), labels=labels,
                      wikidata=entry.wikidata, in_kb=True)
    return Entity(key=key, type=type_, name=name or mentions[0].text, mentions=tuple(mentions))
