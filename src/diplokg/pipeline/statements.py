"""``diplokg_statements``: who said what, read from the Doc the earlier components built.

A statement has a speaker span, a content span and (for reported speech) a speech predicate:

- **direct** speech is a quotation (five words or more) whose speech verb stands right after it
  ("…,” kata X", "…,” X said") or before it in its sentence ("X menegaskan: “…”"); a quotation
  right after another one with nothing but punctuation between continues its speaker;
- **reported** speech hangs on a communication verb, found by its lemma (``statements.verbs`` in
  ``ontology/lexicon.yaml``) or by a listed surface form. Its speaker is the verb's syntactic subject
  (``nsubj``; a passive verb's agent), the name after an inverted verb ("…, kata X", "…, said X"),
  or the person just before it when the sentence has no parse. Its content is the complement:
  after "bahwa"/"that", after a colon or comma, the clause before an inverted verb, or the verb
  with the rest of its clause ("thanked X for …", "mengapresiasi …");
- "menurut X, …" / "according to X, …" (and "…, according to X.") attribute the clause to X;
- a readout "attributable to Spokesperson X:" attributes its paragraph to X.

A pronoun subject ("Ia", "dia", "He", "…, kata dia", "ujarnya") or a bare title ("Menlu Peru")
stands for the person ``diplokg_coref`` linked it to (the subject the sentence or the ones before
make salient): that person's named mention is written as the statement's antecedent.

Results go to ``doc.spans["diplokg_statements"]`` (content spans, labelled ``direct`` or
``reported``) with aligned ``attrs`` lists: ``speaker`` (token ``[start, end]`` or None), ``verb``,
``via`` (``subject``, ``inversion``, ``according_to``, ``pronoun``, ``attribution``,
``continuation``, ``back_reference``, ``nearest``) and ``antecedents`` (a list of ``[start, end]``: the named mention
``diplokg_coref`` resolved the speaker to, if any).
:func:`read_statements` gives them back as :class:`FoundStatement` records.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from .components import QUOTE_RE, LexiconComponent, bounds, doc_text, evaluated, gazetteer_matches, span_at, token_table
from .coref import read_coref
from .people import read_people

__all__ = ["STATEMENTS_KEY", "FoundStatement", "StatementFinder", "make_statements",
           "read_statements"]

STATEMENTS_KEY = "diplokg_statements"
_MIN_QUOTE_WORDS = 5
_MIN_CLAUSE_WORDS = 3
# How far after a quotation its verb may stand: past a titled speaker ("…,” Iranian Foreign Ministry
# spokesman Nasser Kanaani told", "…,” Deputy Foreign Minister of the Republic of Korea X said").
_QUOTE_VERB_REACH = 16
_SUBJECT_DEPS = ("nsubj",)
_PASSIVE_DEPS = ("nsubj:pass", "nsubjpass")
_AGENT_DEPS = ("obl:agent", "agent")
_COMPLEMENT_DEPS = ("ccomp", "xcomp", "parataxis")
_RELATIVE_DEPS = ("acl", "acl:relcl")
# What may stand between a speech verb and its marked clause: who was told, where and when.
_ARGUMENT_DEPS = ("obj", "iobj", "obl", "obl:tmod", "obl:npmod", "advmod", "npadvmod", "punct")
_NOT_VERB_POS = ("NOUN", "ADJ", "ADP", "DET", "NUM", "PRON", "CCONJ", "SCONJ")
_PERSON_LABELS = ("PER", "PERSON")


@dataclass(frozen=True, slots=True)
class FoundStatement:
    """One statement the component found (token spans of the Doc)."""

    content: Span
    direct: bool
    speaker: Span | None
    verb: Span | None
    via: str
    antecedents: tuple[Span, ...] = ()


def read_statements(doc: Doc, key: str = STATEMENTS_KEY) -> list[FoundStatement]:
    """The statements ``diplokg_statements`` wrote on ``doc`` (none when it did not run)."""
    if key not in doc.spans:
        return []
    group = doc.spans[key]
    attrs = group.attrs
    out = []
    for k, span in enumerate(group):
        out.append(FoundStatement(
            content=span, direct=span.label_ == "direct",
            speaker=span_at(doc, attrs["speaker"][k]),
            verb=span_at(doc, attrs["verb"][k]),
            via=attrs["via"][k],
            antecedents=tuple(doc[a:b] for a, b in attrs["antecedents"][k]),
        ))
    return out


class StatementFinder(LexiconComponent):
    """Direct and reported speech with speaker, content and verb (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, key: str = STATEMENTS_KEY) -> None:
        super().__init__(nlp, name, key=key)

    def __call__(self, doc: Doc) -> Doc:
        found = _DocReader(doc, self.ready_lexicon(), self.lang).read()
        group = [f.content for f in found]
        doc.spans[self.key] = group
        attrs = doc.spans[self.key].attrs
        attrs["speaker"] = [bounds(f.speaker) for f in found]
        attrs["verb"] = [bounds(f.verb) for f in found]
        attrs["via"] = [f.via for f in found]
        attrs["antecedents"] = [[[a.start, a.end] for a in f.antecedents] for f in found]
        return doc


class _DocReader:
    """The reading of one Doc; no state outlives the call."""

    def __init__(self, doc: Doc, lex: Lexicon, lang: str) -> None:
        self.doc = doc
        self.lex = lex
        self.lang = lang
        self.text = doc_text(doc)
        tokens = token_table(doc)
        self.words, self.lowers, self.lemmas = tokens.words, tokens.lowers, tokens.lemmas
        self.sent_starts, self.sents, self.sent_of = tokens.sent_starts, tokens.sents, tokens.sent_of
        self.cues: dict[int, tuple[int, int, set[str]]] = {}
        self.non_person: set[int] = set()
        self.title_tokens: set[int] = set()
        self.title_starts: set[int] = set()  # where each title match begins
        self.persons: list[tuple[int, int, str]] = []  # (start, end, kind): name | role | pronoun | group
        matches = gazetteer_matches(doc)
        for start, end, label, key in matches:
            if label == "CUE":
                tags = set(lex.cues.get(key, ()))
                for i in range(start, end):
                    self.cues[i] = (start, end, tags)
        self._readout_words = lex.event_words.get("readout_speakers", {}).get(lang, frozenset())
        self.quotes = self._quotes()
        self._quote_tokens = {i for s, e, _d in self.quotes for i in range(s, e)}
        self._find_persons(matches)
        # Pronouns the coreference component resolved: (start, end, antecedent [start, end]).
        self.coref = [(m.start, m.end, m.antecedent) for m in read_coref(doc) or () if m.antecedent is not None]

    # -- what is a person --------------------------------------------------------------------
    def _find_persons(self, matches: list[tuple[int, int, str, str]]) -> None:
        doc, lex = self.doc, self.lex
        taken: set[int] = set()
        found: list[tuple[int, int, str]] = []
        for start, stop, label, key in matches:
            if label == "ENTITY":
                entry = lex.kb.by_key(key)  # the entry the gazetteer chose
                if entry is not None and entry.type == "Person":
                    found.append((start, stop, "name"))
                else:
                    self.non_person.update(range(start, stop))
            elif label == "FUZZY":
                self.non_person.update(range(start, stop))
            elif label == "ROLE":
                self.title_tokens.update(range(start, stop))
                self.title_starts.add(start)
                end = stop
                # The state of the title and the name after it: "Menlu Chile Alberto van Klaveren",
                # "Duta Besar Indonesia untuk Vietnam X", "Juru bicara Kemlu RI X".
                while end < len(doc) and end - stop < 8 and not self.sent_starts[end]:
                    if self._title_word(end) or self._name_word(end) or self._title_link(end):
                        end += 1
                    elif (past := self.lex.past_title_modifier(self.lowers, self.words, end)) > end:
                        end = past  # "juru bicara kepresidenan X"
                    else:
                        break
                found.append((start, end, "role"))
        for ent in list(doc.ents) + list(doc.spans.get("diplokg_candidates", [])):
            if ent.label_ in _PERSON_LABELS and not any(k in self.non_person for k in range(ent.start, ent.end)):
                found.append((ent.start, ent.end, "name"))
        # The names diplokg_people decided on, whole: "Kim Hong-kyun" where the NER saw "Kim Hong".
        reading = read_people(doc)
        for m in reading.mentions if reading is not None else ():
            if m.kind == "name" and not any(k in self.non_person for k in range(m.start_tok, m.end_tok)):
                found.append((m.start_tok, m.end_tok, "name"))
        for (start, end, kind) in found:
            taken.update(range(start, end))
        # Capitalised runs that nothing else names ("Mudavadi said", "kata Napat").
        i, n, words, starts = 0, len(doc), self.words, self.sent_starts
        while i < n:
            if i not in taken and self._name_word(i) and words[i] not in lex.not_names:
                j = i
                while j < n and j not in taken and self._name_word(j) and (j == i or not starts[j]):
                    j += 1
                found.append((i, j, "name"))
                i = j
            else:
                i += 1
        for i, low in enumerate(self.lowers):
            if low in lex.subject_pronouns:
                found.append((i, i + 1, "pronoun"))
        for i, (s, e, tags) in self.cues.items():
            if i == s and "groups" in tags:
                found.append((s, e, "group"))
        # Longest first, no overlaps.
        kept: list[tuple[int, int, str]] = []
        used: set[int] = set()
        for s, e, kind in sorted(found, key=lambda m: (-(m[1] - m[0]), m[0])):
            if not any(k in used for k in range(s, e)):
                kept.append((s, e, kind))
                used.update(range(s, e))
        self.persons = sorted(kept)
        self.person_at_token = {}
        for s, e, kind in self.persons:
            for k in range(s, e):
                self.person_at_token[k] = (s, e, kind)

    def _title_word(self, i: int) -> bool:
        """A state or organisation inside a title: a known entity, capitalised or an acronym ("RI")."""
        text = self.doc[i].text
        return (i in self.non_person or text.lower() in self.lex.entities) and text[:1].isupper()

    def _title_link(self, i: int) -> bool:
        """"untuk"/"of"/"to" between two parts of a title ("Duta Besar Indonesia untuk Vietnam")."""
        doc, lex = self.doc, self.lex
        low = doc[i].lower_
        return (low in lex.title_of_links or low in lex.posted_to_links) and low.isalpha() and \
            i > 0 and self._title_word(i - 1) and i + 1 < len(doc) and self._title_word(i + 1)

    def _name_word(self, i: int) -> bool:
        if i in self.non_person or i in self.cues:
            return False
        words = self.words
        text = words[i]
        if self.lowers[i] in self.lex.name_particles and i > 0 and words[i - 1][:1].isupper():
            return i + 1 < len(words) and words[i + 1][:1].isupper()
        return text[:1].isupper() and (text[0].isalpha() or any(c.isalpha() for c in text)) and not text.isupper() or (
            len(text) > 1 and text.isalpha() and text.isupper() and text.lower() not in self.lex.entities)

    # -- quotations ----------------------------------------------------------------------------
    def _quotes(self) -> list[tuple[int, int, tuple[int, int]]]:
        """Quotations as token spans of their inner text, with the outer character span."""
        doc, out = self.doc, []
        for m in QUOTE_RE.finditer(self.text):
            group = 1 if m.group(1) is not None else 2
            inner = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
            if inner is None or len(inner) == 0:
                continue
            out.append((inner.start, inner.end, (m.start(), m.end())))
        return out

    def in_quote(self, i: int) -> bool:
        return i in self._quote_tokens

    # -- speech predicates ---------------------------------------------------------------------
    def predicate_at(self, i: int) -> tuple[int, int] | None:
        """The speech verb at token ``i`` as a token span, or None."""
        lex = self.lex
        cue = self.cues.get(i)
        lemma = self.lemmas[i]
        if cue is None and (not lemma or lemma not in lex.statement_verbs.get(self.lang, ())):
            return None  # the common case, decided without a Token
        tok = self.doc[i]
        low = tok.lower_
        if cue is not None and cue[0] == i and cue[2] & {"speech", "speech_verb"}:
            if low in lex.statement_not_speech:
                return None
            if tok.pos_ in _NOT_VERB_POS and low not in lex.statement_bare and low not in lex.speech_inverted \
                    and "pronouns" not in cue[2] and cue[1] - cue[0] == 1:
                return None
            return cue[0], cue[1]
        if cue is not None:
            return None
        if tok.pos_ != "VERB":
            return None
        if low in lex.statement_not_speech or (low == lemma and self.lang == "id" and low not in lex.statement_bare):
            return None
        return i, i + 1

    def predicates(self) -> list[tuple[int, int]]:
        out = []
        i = 0
        while i < len(self.doc):
            p = self.predicate_at(i)
            if p is not None:
                out.append(p)
                i = p[1]
            else:
                i += 1
        return out

    # -- the speaker ---------------------------------------------------------------------------
    def _person_span(self, start: int, end: int, *, last: bool = False) -> tuple[int, int, str] | None:
        hits = [p for p in self.persons if start <= p[0] and p[1] <= end]
        if not hits:
            return None
        return hits[-1] if last else hits[0]

    def _organisation(self, start: int, end: int) -> bool:
        """The span names a state, organisation or office and no person, title or group ("the State
        Department", "Kemlu RI"): a readout word or a known non-person entity in it, and in every
        capitalised run it has."""
        def official(a: int, b: int) -> bool:
            return any(k in self.non_person or self.lowers[k] in self._readout_words for k in range(a, b))

        if not official(start, end) or any(k in self.title_tokens for k in range(start, end)):
            return False
        return all(kind == "name" and official(ps, pe) for ps, pe, kind in self.persons if start < pe and ps < end)

    def _person_starting(self, start: int, end: int) -> tuple[int, int, str] | None:
        return next((p for p in self.persons if start <= p[0] < end), None)

    def _past_possessor(self, person: tuple[int, int, str]) -> tuple[int, int, str] | None:
        """The person a possessor's phrase names: "Ruto's spokesman X" is X (None when no name
        follows: "Ruto's spokesman"); any other person is itself."""
        end = person[1]
        if end < len(self.doc) and self.lowers[end] in self.lex.possessive:
            end += 1
        elif self.lowers[end - 1] not in self.lex.possessive:  # the name may hold its "'s"
            return person
        after = self.person_at_token.get(end)
        return after if after is not None and after[0] == end else None

    @staticmethod
    def _parsed(tok: Token) -> bool:
        return bool(tok.dep_)  # an unparsed sentence's tokens have no dependency label

    def _subject_subtree(self, head: Token) -> tuple[int, int]:
        sent = self.sents[self.sent_of[head.i]]
        left = max(head.left_edge.i, sent.start)
        right = min(head.right_edge.i + 1, sent.end)
        return left, right

    def _syntactic_subject(self, verb: Token) -> tuple[int, int] | None:
        seen = 0
        while verb is not None and seen < 4:
            seen += 1
            subjects = [self._subject_subtree(c) for c in verb.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                # A list parsed as several subjects ("A, B, dan C mengatakan"): one span, when only
                # list words stand between them.
                first = subjects[0]
                for a, b in subjects[1:]:
                    if all(self.doc[k].is_punct or self.lowers[k] in self.lex.companion_links
                           for k in range(first[1], a)):
                        first = (first[0], b)
                return first
            for child in verb.children:
                if child.dep_ in _AGENT_DEPS:
                    return self._subject_subtree(child)
                if child.dep_ == "obl" and any(c.dep_ == "case" and c.lower_ in self.lex.passive_agent for c in child.children):
                    if any(c.dep_ in _PASSIVE_DEPS for c in verb.children):
                        return self._subject_subtree(child)
            if any(c.dep_ in _PASSIVE_DEPS for c in verb.children):
                return None
            # A second verb shares the subject of the first: "X welcomed … and stressed …".
            if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
                verb = verb.head
                continue
            return None
        return None

    def speaker_of(self, s: int, e: int, *, content_before: bool) -> tuple[tuple[int, int] | None, str]:
        """The speaker span of the speech verb ``[s, e)`` and how it was found."""
        doc, lex = self.doc, self.lex
        sent = self.sents[self.sent_of[s]]
        cue = self.cues.get(s)
        if cue is not None and "pronouns" in cue[2]:
            return (s, e), "pronoun"  # "katanya", "ujarnya": the verb carries its speaker
        # Inversion: "…, kata X", "…, said X" (the name right after the verb).
        if content_before or doc[s].lower_ in lex.speech_inverted:
            k = e
            while k < sent.end and (doc[k].lower_ in lex.honorifics or doc[k].lower_ in lex.determiners
                                    or k in self.non_person and not self.person_at_token.get(k)):
                k += 1  # "…, said the Kenyan president's spokesman, X"
            after = self.person_at_token.get(k)
            after = self._past_possessor(after) if after is not None and after[0] == k else None
            if after is not None and content_before:
                return (after[0], after[1]), "inversion"
        if content_before and s > sent.start:
            # "..., spokesperson X said.": the name that ends right at the verb.
            right_before = self.person_at_token.get(s - 1)
            if right_before is not None and right_before[1] == s and right_before[2] != "pronoun":
                return (right_before[0], right_before[1]), "subject"
        head = doc[s]
        if self._parsed(head):
            subject = self._syntactic_subject(head)
            if subject is not None:
                person = self._person_span(*subject)
                adjacent = self.person_at_token.get(s - 1)
                if (person is not None and adjacent is not None and adjacent[1] == s and adjacent[2] != "pronoun"
                        and person[0] < adjacent[0] and subject[0] <= adjacent[0]
                        and not any(doc[k].lower_ in lex.relatives for k in range(person[1], adjacent[0]))
                        and not self._listed_before(adjacent[0], person[1])):
                    # The parse may hang an opening clause's person on the subject ("After meeting
                    # Y in Hanoi, X said"): the person right before the verb says it.
                    return (adjacent[0], adjacent[1]), "subject"
                if person is not None:
                    kind = "pronoun" if person[2] == "pronoun" else "subject"
                    return (subject[0], subject[1]) if kind == "subject" else (person[0], person[1]), kind
                if subject[1] <= s and self._organisation(*subject):
                    return None, ""  # "..., the State Department said": no person says it
        # No parse, or no person as subject: the nearest person before the verb in its sentence,
        # not inside a quotation and not the object of "menurut"/"according to".
        for p in reversed([p for p in self.persons if sent.start <= p[0] and p[1] <= s]):
            if self.in_quote(p[0]):
                continue
            if p[0] > 0 and doc[p[0] - 1].lower_ in lex.according_to_heads:
                continue
            if p[0] > sent.start and doc[p[0] - 1].lower_ in lex.statement_oblique:
                continue  # "X melalui Twitter menyampaikan …": the medium, not the speaker
            return (p[0], p[1]), ("pronoun" if p[2] == "pronoun" else "nearest")
        if content_before:
            after = self._person_starting(e, min(e + 3, sent.end))
            if after is not None:
                return (after[0], after[1]), "inversion"
        return None, ""

    def _listed_before(self, start: int, lo: int) -> bool:
        """The person at ``start`` closes a list ("A, B, dan C mengatakan"): a list word right
        before it, after the person at ``lo``."""
        k = start - 1
        while k >= lo and (k in self.title_tokens or k in self.non_person):
            k -= 1  # "dan Presiden Chile X"
        return k >= lo and self.words[k].isalpha() and \
            self.lowers[k] in self.lex.event_words.get("list_links", {}).get(self.lang, ())  # "dan", not ","

    # -- content -------------------------------------------------------------------------------
    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        doc = self.doc
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if sum(1 for t in doc[start:end] if not t.is_punct) < _MIN_CLAUSE_WORDS:
            return None
        return start, end

    def _clause_end(self, start: int, sent: Span) -> int:
        """The end of a reported clause: the sentence end, or before an inverted tail (", kata X",
        ", the presidency said.", ", a spokesman said in a statement.")."""
        doc = self.doc
        for i in range(start + 1, sent.end - 1):
            if doc[i].text not in (",", ";"):
                continue
            if self.predicate_at(i + 1) is not None and (
                    doc[i + 1].lower_ in self.lex.speech_inverted or "pronouns" in self.cues.get(i + 1, (0, 0, set()))[2]):
                return i
            if self._attribution_tail(i + 1, sent):
                return i
        return sent.end

    def _attribution_tail(self, k: int, sent: Span) -> bool:
        """From ``k`` to the sentence end: a short subject and a speech verb, then only its setting
        ("the Turkish presidency said", "a spokesman said in a statement")."""
        doc, lex = self.doc, self.lex
        for j in range(k + 1, min(k + 6, sent.end)):
            if doc[j].is_punct or self.in_quote(j):
                return False
            if self.predicate_at(j) is not None:
                rest = [t for t in doc[j + 1:sent.end] if not t.is_punct and not t.is_space]
                return not rest or rest[0].lower_ in lex.speech_setting
        return False

    def content_of(self, s: int, e: int, sent: Span) -> tuple[tuple[int, int] | None, bool]:
        """The reported clause of the verb ``[s, e)`` and whether it comes before the verb."""
        doc, lex = self.doc, self.lex
        # Inverted: "Kerja sama itu penting, kata X." (comma, verb, speaker) or "The deal is fair,
        # X said." (comma, speaker, verb, end of the sentence or only its setting after).
        comma, inverted = s - 1, False
        pronoun_verb = "pronouns" in self.cues.get(s, (0, 0, set()))[2]
        if comma > sent.start and doc[comma].text == ",":
            after = self._person_starting(e, min(e + 3, sent.end))
            inverted = pronoun_verb or (doc[s].lower_ in lex.speech_inverted and after is not None and all(
                k in self.non_person or doc[k].lower_ in lex.honorifics or doc[k].lower_ in lex.possessive_determiners
                or doc[k].lower_ in lex.determiners for k in range(e, after[0])))
        elif comma > sent.start:
            person = self.person_at_token.get(comma)
            # The speaker may carry a title: "..., spokesperson X said", "..., Ghana's minister X said".
            before = person[0] - 1 if person is not None else sent.start
            while before > sent.start and (before in self.title_tokens or before in self.non_person
                                           or doc[before].lower_ in lex.possessive or doc[before].lower_ in lex.honorifics
                                           or doc[before].lower_ in lex.possessive_determiners):
                if doc[before].lower_ in lex.possessive and before - 1 in self.person_at_token:
                    before = self.person_at_token[before - 1][0]  # "Mahama's spokesman X said"
                before -= 1
            if person is not None and person[1] == s and before > sent.start and doc[before].text == ",":
                rest = [t for t in doc[e:sent.end] if not t.is_punct and not t.is_space]
                if not rest or rest[0].lower_ in lex.speech_setting and not any(
                        "complementizer" in self.cues.get(t.i, (0, 0, set()))[2] for t in rest):
                    comma, inverted = before, True
        if inverted:
            for qs, qe, _c in self.quotes:
                if sent.start <= qs < comma:
                    return None, True  # the quotation is the statement
            span = self._trim(sent.start, comma)
            if span is not None:
                return span, True
        k = e + 1 if e < sent.end and doc[e].lower_ in lex.determiners else e
        if k < sent.end and doc[k].lower_ in lex.genre_objects:
            return None, False  # "menyampaikan pernyataan pers", "delivered a speech": that something was said
        # After "bahwa"/"that" (possibly after an addressee or setting: "told reporters that"); a verb
        # whose object is what was said takes it only right after it: "thanked X for the efforts
        # that ..." is the thanks, "that" a relative pronoun.
        plain = doc[s:e].text.lower() in lex.speech_plain
        reach = 2 if self._object_verb(s, e) and not plain else 8
        for i in range(e, min(e + reach, sent.end)):
            cue = self.cues.get(i)
            if cue and "complementizer" in cue[2]:
                return self._trim(cue[1], self._clause_end(cue[1], sent)), False
            if i > e and self.predicate_at(i) is not None:
                break
        if e < sent.end and doc[e].text in (",", ":"):
            return self._trim(e + 1, self._clause_end(e + 1, sent)), False
        if doc[s].lower_ in lex.speech_addressed and (past := self._past_addressee(e, sent)) > e:
            # "told CNN the talks were ...", "told reporters the deal was near": after who was told.
            return self._trim(past, self._clause_end(past, sent)), False
        head = doc[s]
        if self._parsed(head):
            # A clausal complement with its own subject, right after the verb (or its addressee).
            for child in head.children:
                if child.dep_ in _COMPLEMENT_DEPS and (
                        e <= child.left_edge.i <= e + 3 or self._marked_after_arguments(head, e, child)) and any(
                        c.dep_ in _SUBJECT_DEPS + _PASSIVE_DEPS for c in child.children):
                    start = child.left_edge.i
                    while start < sent.end and "complementizer" in self.cues.get(start, (0, 0, set()))[2]:
                        start += 1
                    return self._trim(start, self._clause_end(start, sent)), False
            # The complement's subject parsed as the verb's object ("menilai Brazil | memiliki peran
            # ...", "considers Brazil | a partner"): the clause begins with that object.
            # (Not for a verb whose object is what was said: "lauded X's role". An unmarked
            # adverbial clause there is the same clause, parsed otherwise.)
            obj = next((c for c in head.children if c.dep_ == "obj" and c.left_edge.i == e), None)
            if obj is not None and not self._object_verb(s, e) and any(
                    child.left_edge.i == obj.right_edge.i + 1 and (
                        child.dep_ in _COMPLEMENT_DEPS
                        or child.dep_ == "advcl" and not any(c.dep_ in ("mark", "case") for c in child.children))
                    for child in head.children):
                return self._trim(e, self._clause_end(e, sent)), False
            # ... or its predicate parsed as an unmarked relative clause of that object ("menyebut
            # hubungan kedua negara | berada pada titik terbaik"): no "yang"/"that", so a clause.
            if obj is not None and not self._object_verb(s, e) and any(
                    c.dep_ in _RELATIVE_DEPS and c.pos_ in ("VERB", "AUX", "ADJ") and c.i > obj.i
                    and not any(doc[k].lower_ in lex.relatives for k in range(obj.i + 1, c.i + 1))
                    for c in obj.children):
                return self._trim(e, self._clause_end(e, sent)), False
        if e < sent.end and (doc[e].lower_ in lex.speech_setting or self._audience_at(e, sent)):
            # "mengatakan kepada wartawan di Jakarta, …", "told reporters in Nairobi, …": the
            # clause after the setting's comma.
            for i in range(e + 1, sent.end - 1):
                if doc[i].text in (",", ":"):
                    return self._trim(i + 1, self._clause_end(i + 1, sent)), False
            return None, False
        # The verb with the rest of its clause: "thanked X for …", "mengapresiasi …"; a verb that
        # only says something was said is not part of it ("said X met Y").
        if not self._object_verb(s, e):
            return None, False
        start = e if doc[s:e].text.lower() in lex.speech_plain else s
        return self._trim(start, self._clause_end(start, sent)), False

    def _past_addressee(self, k: int, sent: Span) -> int:
        """Past who was told, right after a verb that names its addressee first ("told CNN",
        "told Ghana's foreign minister X", "told the BBC"), when a clause follows; else ``k``."""
        doc, lex = self.doc, self.lex
        if self._audience_at(k, sent):
            end = k + (2 if doc[k].lower_ in lex.speech_audience_determiners else 1)  # "reporters", "the press"
        else:
            end = k + 1 if k < sent.end and doc[k].lower_ in lex.determiners else k
            start = end
            while end < sent.end:
                person = self.person_at_token.get(end)
                if person is not None and person[0] == end:
                    end = person[1]  # "Qatari Prime Minister X": the state, then the titled name
                elif end in self.non_person or doc[end].lower_ in lex.possessive:
                    end += 1
                else:
                    break
            if end == start:
                return k
        while end + 1 < sent.end and doc[end].lower_ in lex.speech_setting and end + 1 in self.non_person:
            end += 1  # "told reporters in Cairo the talks ...": where it was said
            while end < sent.end and end in self.non_person:
                end += 1
        if end >= sent.end - 2 or doc[end].is_punct or self.cues.get(end) and (
                "complementizer" in self.cues[end][2] or doc[end].lower_ in lex.speech_setting):
            return k  # nothing after, or "that"/a setting the readings above handle
        return end

    def _marked_after_arguments(self, head: Token, e: int, clause: Token) -> bool:
        """A clause with its "that"/"bahwa" after the verb's addressee and setting ("told his
        counterpart X in a phone call on Sunday that ..."): nothing but those stands between."""
        mark = clause.left_edge.i
        if mark <= e or "complementizer" not in self.cues.get(mark, (0, 0, set()))[2]:
            return False
        between = set()
        for c in head.children:
            if c.i >= e and c.dep_ in _ARGUMENT_DEPS:
                between.update(range(c.left_edge.i, c.right_edge.i + 1))
        return all(k in between for k in range(e, mark))

    def _audience_at(self, i: int, sent) -> bool:
        """The words at ``i`` say who was told ("reporters", "the press", "para wartawan")."""
        doc, lex = self.doc, self.lex
        if doc[i].lower_ in lex.speech_audience_determiners and i + 1 < sent.end:
            i += 1
        return doc[i].lower_ in lex.speech_audience

    def _object_verb(self, s: int, e: int) -> bool:
        """A verb whose object is what was said (``statements.object_verbs``, or a ``bare_clause`` cue)."""
        cue = self.cues.get(s)
        if cue is not None and "bare_clause" in cue[2]:
            return True
        tok = self.doc[s]
        lemma = tok.lemma_.lower() if tok.lemma_ else ""
        phrase = self.doc[s:e].text.lower()
        objects = self.lex.statement_object_verbs
        if lemma in objects or phrase in objects:
            return True
        # No lemma (a pipeline without the lemmatizer): the forms of the listed verbs.
        return not lemma and any(phrase.startswith(v) or v in phrase for v in objects if len(v) > 3) and \
            phrase in self.lex.statement_forms.get(self.lang, ())

    # -- the reading ---------------------------------------------------------------------------
    def read(self) -> list[FoundStatement]:
        out: list[FoundStatement] = []
        self._read_quotes(out)
        # A verb that closes a quotation ("…,” spokesman X told a news conference) is that
        # quotation's verb: what follows it is the setting, not another statement.
        quote_verbs = {(f.verb.start, f.verb.end) for f in out if f.direct and f.verb is not None}
        predicates = self.predicates()
        for s, e in predicates:
            if self.in_quote(s) or (s, e) in quote_verbs:
                continue
            sent = self.sents[self.sent_of[s]]
            if self._introduces_quote(s, e, sent):
                continue
            content, before = self.content_of(s, e, sent)
            if content is None or self._quote_within(content):
                continue
            if self._receiving(s, e, sent):
                continue
            speaker, via = self.speaker_of(s, e, content_before=before)
            if speaker is None:
                continue
            if speaker[0] >= content[0] and speaker[1] <= content[1]:
                continue
            self._add(out, content, False, speaker, (s, e), via)
        self._read_according_to(out)
        self._read_attribution(out)
        self._read_back_references(out, predicates)
        self._resolve_pronouns(out)
        out.sort(key=lambda f: (f.content.start, f.speaker.start if f.speaker is not None else -1))
        return out

    def _appositive(self, speaker: tuple[int, int]) -> tuple[int, int]:
        """The name set off after a title that names no holder of its own: "juru bicara Presiden
        Kenya William Ruto, Hussein Mohamed" and "the Kenyan president's spokesman, Hussein
        Mohamed" are Hussein Mohamed; "Presiden Kenya William Ruto, Hussein Mohamed dan ..." stays."""
        doc = self.doc
        s, whole = speaker
        span = self.person_at_token.get(s)
        if span is None or span[2] != "role" or span[0] != s:
            return speaker
        e = span[1]  # the speaker is the title, or the title with its apposition (a parsed subject)
        if e + 1 >= len(doc) or doc[e].text != ",":
            return speaker
        name = self.person_at_token.get(e + 1)
        if name is None or name[0] != e + 1 or name[2] != "name" or whole not in (e, name[1], name[1] + 1):
            return speaker
        end = name[1]
        if end < len(doc) and not (doc[end].is_punct or self.predicate_at(end) is not None):
            return speaker
        # The title's holder is not named in its span: no name at all, or a name held by a second
        # title inside it ("juru bicara | Presiden Kenya X").
        titles = [k for k in range(s, e) if k in self.title_starts]
        named = any(self._name_word(k) for k in range(s, e) if k not in self.title_tokens and k not in self.non_person)
        return (name[0], name[1]) if len(titles) >= 2 or not named else speaker

    def _add(self, out: list[FoundStatement], content: tuple[int, int], direct: bool,
             speaker: tuple[int, int] | None, verb: tuple[int, int] | None, via: str) -> None:
        doc = self.doc
        if speaker is not None:
            speaker = self._appositive(speaker)
        antecedents: tuple[Span, ...] = ()
        span = Span(doc, content[0], content[1], label="direct" if direct else "reported")
        # One statement per speaker and clause: a second verb in the same clause adds nothing.
        for k, other in enumerate(out):
            if other.speaker is not None and speaker is not None and (other.speaker.start, other.speaker.end) == speaker \
                    and other.content.start <= span.start < other.content.end:
                if span.end > other.content.end and not other.direct:
                    out[k] = FoundStatement(doc[other.content.start:span.end], other.direct, other.speaker,
                                            other.verb, other.via, other.antecedents)
                return
        out.append(FoundStatement(span, direct, doc[speaker[0]:speaker[1]] if speaker else None,
                                  doc[verb[0]:verb[1]] if verb else None, via, antecedents))

    def _resolve_pronouns(self, out: list[FoundStatement]) -> None:
        """A pronoun's or bare title's antecedent: the named mention ``diplokg_coref`` linked it to."""
        for k, f in enumerate(out):
            if f.speaker is None:
                continue
            antecedents = tuple(self.doc[a:b] for s, e, (a, b) in self.coref if f.speaker.start <= s < f.speaker.end)
            out[k] = FoundStatement(f.content, f.direct, f.speaker, f.verb, f.via, antecedents[:1])

    def _receiving(self, s: int, e: int, sent: Span) -> bool:
        """"welcomed Foreign Minister X", "menyambut kedatangan X": a reception, not speech."""
        doc, lex = self.doc, self.lex
        if doc[s:e].text.lower() not in lex.receiving and doc[s].lower_ not in lex.receiving:
            return False
        k = e
        # Past "the", "his", a state and a counterpart word: "welcomed his Australian counterpart X".
        while k < sent.end and (doc[k].lower_ in lex.honorifics or doc[k].lower_ in lex.determiners
                                or doc[k].lower_ in lex.possessive_determiners or k in self.non_person
                                or "counterpart" in self.cues.get(k, (0, 0, set()))[2]):
            k += 1
        if k < sent.end and (self.person_at_token.get(k) or any(t.startswith("event:") for t in self.cues.get(k, (0, 0, set()))[2])):
            return True
        return False

    def _introduces_quote(self, s: int, e: int, sent: Span) -> bool:
        """A verb right next to a quotation introduces or closes it: the quotation is the statement."""
        text = self.text
        doc = self.doc
        tail = text[doc[e - 1].idx + len(doc[e - 1].text): sent.end_char].lstrip(" :,")
        if tail[:1] in "“\"‘":
            return True
        window = text[max(0, doc[s].idx - 4):doc[s].idx]
        if any(q in window for q in "”\"’"):
            return True
        for qs, qe, (cs, ce) in self.quotes:
            # "Ia menegaskan: “…”" / a verb whose clause is a quotation later in the sentence (one
            # long enough to be speech: "said the pact would “enhance interoperability”" reports).
            if len(self.text[cs:ce].split()) < _MIN_QUOTE_WORDS:
                continue
            if sent.start <= qs and qs >= e and cs < sent.end_char and all(
                    self.predicate_at(i) is None for i in range(e, qs)):
                if qs - e <= 12:
                    return True
        return False

    def _attributed_short_quote(self, qe: int, cs: int, ce: int) -> bool:
        """A quotation of two to four words that opens its sentence and closes with its own comma or
        mark, a speech verb right after ("“Kami siap membantu,” ujarnya"): said, not a phrase in
        quotation marks."""
        inner = self.text[cs + 1:ce - 1].rstrip()  # without the quotation marks
        if len(inner.split()) < 2 or inner[-1:] not in ",!?":
            return False
        first = self.doc.char_span(cs, cs + 1, alignment_mode="expand")
        if first is None or first.end >= len(self.doc) or not (
                first[0].is_sent_start or self.doc[first.end].is_sent_start):
            return False  # it opens its sentence, not a phrase quoted inside one
        after = qe
        while after < len(self.doc) and self.doc[after].idx < ce:
            after += 1  # past the closing mark
        return after < len(self.doc) and self.predicate_at(after) is not None

    def _read_quotes(self, out: list[FoundStatement]) -> None:
        doc, text = self.doc, self.text
        last: tuple[tuple[int, int], str, int] | None = None  # speaker, via, end char of the quotation
        for qs, qe, (cs, ce) in self.quotes:
            if len(text[cs:ce].split()) < _MIN_QUOTE_WORDS and not self._attributed_short_quote(qe, cs, ce):
                continue
            speaker, via, verb = self._quote_speaker(qs, qe, cs, ce)
            if speaker is None and last is not None and not any(c.isalnum() for c in text[last[2]:cs]):
                speaker, via, verb = last[0], ("pronoun" if last[1] == "pronoun" else "continuation"), None
            if speaker is None:
                continue
            span = (qs, qe)
            while span[0] < span[1] and doc[span[0]].is_space:
                span = (span[0] + 1, span[1])
            self._add(out, span, True, speaker, verb, via)
            # The attribution after the quotation ("…,” said X.") belongs to it: a quotation
            # right after that attribution continues the same speaker.
            tail = max(ce, doc[speaker[1] - 1].idx + len(doc[speaker[1] - 1].text),
                       doc[verb[1] - 1].idx + len(doc[verb[1] - 1].text) if verb else 0)
            last = (speaker, via, tail if speaker[0] >= qe else ce)

    def _quote_speaker(self, qs: int, qe: int, cs: int, ce: int):
        doc, lex = self.doc, self.lex
        # After the quotation: "…,” kata X." / "…,” X said."
        after = qe
        while after < len(doc) and doc[after].text in ("”", "\"", "’", ",", " "):
            after += 1
        for i in range(after, min(after + _QUOTE_VERB_REACH, len(doc))):
            if doc[i].text == "\n" or "\n" in doc[i].text or (self.in_quote(i)):
                break
            if doc[i].is_sent_start and i > after + 1:
                break
            p = self.predicate_at(i)
            if p is None and doc[i].lower_ in lex.statement_verbs.get(self.lang, ()) and i + 1 < len(doc) \
                    and i + 1 in self.person_at_token:
                p = (i, i + 1)  # "…,” jelas X": right after a quotation the bare stem is the verb
            if p is None:
                continue
            cue = self.cues.get(i)
            if cue is not None and "pronouns" in cue[2]:
                return (p[0], p[1]), "pronoun", p
            sent_end = self.sents[self.sent_of[i]].end
            name = self._person_starting(p[1], min(p[1] + 3, sent_end))
            name = self._past_possessor(name) if name is not None else None
            if name is not None and name[0] <= p[1] + 1:
                return (name[0], name[1]), ("pronoun" if name[2] == "pronoun" else "inversion"), p
            before = self._person_span(after, p[0], last=True)
            if before is not None:
                return (before[0], before[1]), ("pronoun" if before[2] == "pronoun" else "subject"), p
            if name is not None:
                return (name[0], name[1]), ("pronoun" if name[2] == "pronoun" else "inversion"), p
        # Before the quotation in its sentence: "X menegaskan: “…”", "Menurutnya, “…”".
        sent = self.sents[self.sent_of[max(qs - 1, 0)]] if qs > 0 else self.sents[0]
        start = self.sents[self.sent_of[qs]].start
        for i in range(qs - 1, start - 1, -1):
            if self.in_quote(i):
                break
            cue = self.cues.get(i)
            if cue and "according_to" in cue[2] and cue[0] == i:
                if "pronouns" in cue[2]:
                    return (cue[0], cue[1]), "pronoun", (cue[0], cue[1])
                name = self._person_starting(cue[1], min(cue[1] + 3, qs))
                if name is not None:
                    return (name[0], name[1]), "according_to", (cue[0], cue[1])
            p = self.predicate_at(i)
            if p is not None and p[0] == i:
                speaker, via = self.speaker_of(p[0], p[1], content_before=False)
                if speaker is not None:
                    return speaker, via, p
        del sent
        return None, "", None

    def _read_according_to(self, out: list[FoundStatement]) -> None:
        doc, lex = self.doc, self.lex
        for i, (s, e, tags) in sorted(self.cues.items()):
            if i != s or "according_to" not in tags or self.in_quote(s):
                continue
            sent = self.sents[self.sent_of[s]]
            if "pronouns" in tags:  # "menurutnya, …"
                content = self._trim(e, self._clause_end(e, sent))
                if content is not None and not self._quote_follows(content[0], sent) and not self._quote_within(content):
                    self._add(out, content, False, (s, e), (s, e), "pronoun")
                continue
            k = e
            # Past honorifics, and the title's state before it ("according to the Chilean Foreign
            # Minister X", "according to Ghana's foreign minister X").
            while k < sent.end and k not in self.person_at_token and (
                    doc[k].lower_ in lex.honorifics or k in self.non_person or doc[k].lower_ in lex.possessive
                    or doc[k].lower_ in lex.determiners):
                k += 1
            name = self.person_at_token.get(k)
            if name is None or name[0] != k:
                continue
            via = "pronoun" if name[2] == "pronoun" else "according_to"  # "Menurut dia, …"
            # "…, according to X." at the end: the clause before is X's.
            rest = [t for t in doc[name[1]:sent.end] if not t.is_punct and not t.is_space]
            if s > sent.start and doc[s - 1].text == "," and len(rest) < _MIN_CLAUSE_WORDS:
                content = self._trim(sent.start, s - 1)
            else:
                start = name[1]
                # "menurut Menlu X, …": skip an apposition up to the comma.
                for j in range(name[1], min(name[1] + 8, sent.end)):
                    if doc[j].text == ",":
                        start = j + 1
                        break
                content = self._trim(start, self._clause_end(start, sent))
            if content is None or self._quote_follows(content[0], sent) or self._quote_within(content):
                continue
            self._add(out, content, False, (name[0], name[1]), (s, e), via)

    def _quote_within(self, content: tuple[int, int]) -> bool:
        """A quotation (long enough to be read as direct speech) starts inside a reported clause:
        "Menurutnya, di bawah …, X “…”" frames the quotation, which is the statement."""
        return any(content[0] <= qs < content[1] and len(self.text[cs:ce].split()) >= _MIN_QUOTE_WORDS
                   for qs, _qe, (cs, ce) in self.quotes)

    def _quote_follows(self, start: int, sent: Span) -> bool:
        return any(sent.start <= qs and qs - 1 <= start + 1 and qs < sent.end for qs, _qe, _c in self.quotes)

    def _read_attribution(self, out: list[FoundStatement]) -> None:
        doc = self.doc
        for i, (s, e, tags) in sorted(self.cues.items()):
            if i != s or "speech_attribution" not in tags:
                continue
            k = e
            while k < len(doc) and not doc[k].is_sent_start and not self.person_at_token.get(k):
                k += 1
            name = self.person_at_token.get(k)
            if name is None or name[2] in ("pronoun", "group"):
                continue
            start = name[1]
            while start < len(doc) and (doc[start].is_punct or doc[start].is_space):
                start += 1
            end = start
            while end < len(doc) and "\n" not in doc[end].text:
                end += 1
            content = self._trim(start, end)
            if content is not None:
                speaker = (name[0], name[1])
                self._add(out, content, False, speaker, (s, e), "attribution")

    def _read_back_references(self, out: list[FoundStatement], predicates: list[tuple[int, int]]) -> None:
        """"“…” Hal itu disampaikan Menlu X usai ...", "This was stated by X": a sentence that
        opens with a back reference and a passive speech verb gives the sentence (or quotation)
        before it to the person after the verb, where nobody else said it."""
        doc, lex = self.doc, self.lex
        for n, sent in enumerate(self.sents[1:], start=1):
            k = self._back_reference_end(sent)
            if k is None:
                continue
            j = next((j for j in range(k, min(k + 3, sent.end)) if doc[j].lower_ in lex.speech_passive), None)
            if j is None:
                continue
            start = j + 1
            while start < sent.end and (doc[start].lower_ in lex.passive_agent or start in self.non_person):
                start += 1  # "oleh", "by", a state before the title ("by Ghanaian President X")
            name = self._person_starting(start, min(start + 3, sent.end))
            if name is None or name[0] != start or name[2] in ("pronoun", "group"):
                continue
            name = self._past_possessor(name) or name
            before = self.sents[n - 1]
            quoted = [(qs, qe) for qs, qe, _c in self.quotes if before.start <= qs < before.end]
            if not quoted and any(before.start <= ps < before.end for ps, _pe in predicates):
                continue  # "X mengungkapkan kekagumannya ...": it tells its own speech, said or not
            if any(before.start <= f.content.start < before.end and f.speaker is not None for f in out):
                continue  # the sentence before has its own speaker
            content = quoted[-1] if quoted else self._trim(before.start, before.end)
            if content is None or (quoted and len(doc[content[0]:content[1]]) < _MIN_QUOTE_WORDS):
                continue
            self._add(out, content, bool(quoted), (name[0], name[1]), (j, j + 1), "back_reference")

    def _back_reference_end(self, sent: Span) -> int | None:
        """Where the back reference that opens ``sent`` ends ("Hal itu", "This"), or None."""
        words = self.lowers[sent.start:sent.start + 3]
        for phrase in self.lex.speech_back_reference:
            if tuple(words[:len(phrase)]) == phrase:
                return sent.start + len(phrase)
        return None


@Language.factory(
    "diplokg_statements",
    default_config={"key": STATEMENTS_KEY},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
@evaluated
def make_statements(nlp: Language, name: str, key: str) -> StatementFinder:
    return StatementFinder(nlp, name, key=key)
