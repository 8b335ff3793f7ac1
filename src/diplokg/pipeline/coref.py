"""``diplokg_coref``: within-document coreference of pronouns and bare titles, decided on the Doc.

It reads the people ``diplokg_people`` found and links two kinds of mention to one of them:

- a **bare title** ("Menteri luar negeri Tiongkok", "the Japanese foreign minister") stands for the
  one person the article gives that title (of that state; the article's home state for a home
  office);
- a **pronoun** (``pronouns`` in ``ontology/lexicon.yaml``: "Ia", "dia", "beliau", "He", "She",
  "katanya", "menurutnya") stands for the person the sentence or the ones before make salient.
  Sentence-initial pronouns are read, and mid-sentence ones where they are a speech verb's or an
  event trigger's subject ("…, kata dia", "he said", "dia bertemu …") or carry their speaker
  ("ujarnya").

Salience: the subject of the sentence's main clause (``nsubj`` where the language layer parsed the
sentence; the first person before the first predicate, or the name after an inverted speech verb,
where it did not) earlier in the same sentence, else of the closest earlier sentence that has a
person subject (a few sentences back; lines without a lower-case word are page furniture). A person
mentioned in passing (inside a quotation, after a preposition or "of", a possessor: "the policy of
President X", "X's visit", "menurut X") is never preferred to a subject; only when no sentence
nearby has a person subject does the first other person of the closest earlier sentence serve.

Results go to ``doc.spans["diplokg_coref"]``: one span per resolved mention, labelled ``pronoun`` or
``title``, with aligned ``attrs`` lists ``person`` (index into the people list of
``doc.spans["diplokg_people"].attrs["people"]``) and ``antecedent`` (token ``[start, end]`` of the
named mention that made the person salient; None for a title). A mention nothing resolves has no
span. :func:`read_coref` gives them back as :class:`CorefMention` records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from .components import LexiconComponent, bounds, evaluated, gazetteer_matches, quotation_tokens, span_at, token_table
from .people import PEOPLE_KEY, PeopleReading, read_people

__all__ = ["COREF_KEY", "CorefMention", "CorefResolver", "find_coref", "make_coref", "read_coref"]

COREF_KEY = "diplokg_coref"
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
# Dependencies that keep a name inside the noun phrase of its title ("Menteri ... Jepang Yoko Kamikawa").
_NAME_DEPS = ("flat", "flat:name", "appos", "compound", "nmod", "amod", "conj", "det", "nummod")
_PREDICATE_TAGS = ("speech", "speech_verb", "attending", "spoke_with", "receiving", "arrival")
_BACK_SENTENCES = 3  # earlier sentences (with words) a pronoun looks back for a salient subject
_VERB_WINDOW = 3  # tokens between a mid-sentence pronoun and its verb ("dia juga mengatakan")


@dataclass(frozen=True, slots=True)
class CorefMention:
    """A pronoun or bare title (token span) and the person it refers to (index into the people)."""

    start: int
    end: int
    kind: str  # pronoun | title
    person: int
    antecedent: tuple[int, int] | None = None


def read_coref(doc: Doc, key: str = COREF_KEY) -> list[CorefMention] | None:
    """What ``diplokg_coref`` wrote on ``doc`` (None when it did not run)."""
    if key not in doc.spans:
        return None
    group = doc.spans[key]
    attrs = group.attrs
    out = []
    for k, span in enumerate(group):
        antecedent = span_at(doc, attrs["antecedent"][k])
        out.append(CorefMention(span.start, span.end, span.label_, attrs["person"][k],
                                (antecedent.start, antecedent.end) if antecedent is not None else None))
    return out


def write_coref(doc: Doc, found: list[CorefMention], key: str = COREF_KEY) -> None:
    """Store ``found`` on ``doc.spans[key]`` (see the module docstring for the layout)."""
    doc.spans[key] = [Span(doc, m.start, m.end, label=m.kind) for m in found]
    attrs = doc.spans[key].attrs
    attrs["person"] = [m.person for m in found]
    attrs["antecedent"] = [bounds(doc[m.antecedent[0]:m.antecedent[1]]) if m.antecedent else None for m in found]


def find_coref(doc: Doc, lex: Lexicon, people: PeopleReading, lang: str | None = None) -> list[CorefMention]:
    """The pronouns and bare titles of ``doc`` resolved to ``people`` (the component's reading,
    without writing it); ``lang`` decides the home state of a home office (default: the Doc's)."""
    return _CorefReader(doc, lex, people, lang or doc.lang_).read()


class _CorefReader:
    """The reading of one Doc; no state outlives the call."""

    def __init__(self, doc: Doc, lex: Lexicon, people: PeopleReading, lang: str) -> None:
        self.doc, self.lex, self.people, self.lang = doc, lex, people, lang
        tokens = token_table(doc)
        self.sents, self.sent_of = tokens.sents, tokens.sent_of
        self.cues: dict[int, tuple[int, int, frozenset[str]]] = {}
        for start, end, label, key in gazetteer_matches(doc):
            if label == "CUE":
                tags = frozenset(lex.cues.get(key, ()))
                if tags:
                    self.cues[start] = (start, end, tags)
        self.quoted: set[int] = set(quotation_tokens(doc))
        self.title_tokens = {i for use in people.titles for i in range(use.start_tok, use.end_tok)}
        self.passing_words = lex.coref_passing | lex.statement_oblique | lex.according_to_heads | lex.speech_setting
        # Named mentions (names and titles with their holder), in text order; pronouns join as resolved.
        self.mentions: list[tuple[int, int, int, tuple[int, int]]] = sorted(
            (m.start_tok, m.end_tok, m.person, (m.start_tok, m.end_tok)) for m in people.mentions)

    def read(self) -> list[CorefMention]:
        titles, unresolved = self._titles()
        self.mentions = sorted(self.mentions + [(m.start, m.end, m.person, (m.start, m.end)) for m in titles])
        # Pronouns and the titles no single holder decides, in text order: each may point back at
        # one resolved before it.
        pending = [(s, e, "pronoun", None) for s, (_s, e, tags) in self.cues.items()
                   if "pronouns" in tags and self._resolvable(s, e, tags)]
        pending += [(use.start_tok, use.end_tok, "title", use) for use in unresolved
                    if self._subject_position(use.start_tok, use.end_tok)]
        resolved = []
        for s, e, kind, use in sorted(pending, key=lambda p: p[0]):
            found = self._antecedent(s, accept=self._holder_filter(use) if use is not None else None)
            if found is None:
                continue
            person, antecedent = found
            resolved.append(CorefMention(s, e, kind, person, antecedent))
            # A resolved mention is a mention of its person: a later pronoun may point back at it.
            self.mentions = sorted(self.mentions + [(s, e, person, antecedent)])
        return sorted(titles + resolved, key=lambda m: m.start)

    # -- bare titles ---------------------------------------------------------------------------
    def _titles(self) -> tuple[list[CorefMention], list]:
        """Unattached titles whose role (of that state) one person holds in the article, and the
        titles that no single holder decides."""
        self._held: dict[str, set[tuple[str, str]]] = defaultdict(set)  # person key -> (role, state)
        by_role: dict[tuple[str, str | None], set[str]] = defaultdict(set)
        by_role_any: dict[str, set[str]] = defaultdict(set)
        for (key, role), of in self._tenures().items():
            by_role[(role, of)].add(key)
            by_role_any[role].add(key)
            self._held[key].add((role, of))
        self._index_of: dict[str, int] = {}
        for i, p in enumerate(self.people.people):
            self._index_of.setdefault(p.key, i)
        out, unresolved = [], []
        for use in self.people.titles:
            if use.person is not None or use.role is None or use.role.startswith("@"):
                continue
            if self.lex.is_plural_title(self.doc[use.start_tok:use.end_tok]):
                continue  # "the foreign ministers": more than one, no single person
            holders = by_role.get((use.role, use.of)) if use.of else by_role_any.get(use.role)
            if not holders and not use.of:
                holders = self._specific_holders(use.role, by_role_any)
            if holders and len(holders) == 1:
                out.append(CorefMention(use.start_tok, use.end_tok, "title", self._index_of[next(iter(holders))]))
            else:
                unresolved.append(use)
        return out, unresolved

    def _specific_holders(self, role: str, by_role_any: dict[str, set[str]]) -> set[str]:
        """Who a generic title stands for ("the minister", "Menteri itu"; a role whose key is its
        category): the holders of its category's roles and of the roles it heads ("Minister of
        Foreign Affairs"; not "Prime Minister")."""
        kb = self.lex.kb
        generic = kb.role(role)
        if generic is None or generic.key != generic.category:
            return set()
        out: set[str] = set()
        for specific, keys in by_role_any.items():
            entry = kb.role(specific)
            if entry is not None and (entry.category == generic.category or entry.en.startswith(generic.en + " of ")):
                out |= keys
        return out

    def _holder_filter(self, use):
        """Who a bare title no single holder decides may stand for: one of its holders, else a
        person the article gives no other title (of another state)."""
        def accept(person: int) -> bool:
            held = self._held.get(self.people.people[person].key, set())
            if any(role == use.role and (use.of is None or of == use.of) for role, of in held):
                return True
            return not held and not any(role == use.role and (use.of is None or of == use.of)
                                        for roles in self._held.values() for role, of in roles)
        return accept

    def _tenures(self) -> dict[tuple[str, str], str]:
        """(person key, role) -> state, as the extractor's tenures read them: the first title of
        that role that names its state, else the home state for a home office."""
        out: dict[tuple[str, str], str | None] = {}
        for use in sorted(self.people.titles, key=lambda u: u.start_tok):
            if use.person is None or use.role is None:
                continue
            key = (self.people.people[use.person].key, use.role)
            if out.get(key) is None:
                out[key] = use.of
        home = self.lex.home_state.get(self.lang)
        states: dict[tuple[str, str], str] = {}
        for (key, role), of in out.items():
            if of is None and home is not None:
                entry = self.lex.kb.role(role)
                if entry is not None and entry.category in self.lex.home_state_categories:
                    of = home
            if of is not None:
                states[(key, role)] = of
        return states

    # -- which pronouns --------------------------------------------------------------------------
    def _resolvable(self, s: int, e: int, tags: frozenset[str]) -> bool:
        """A sentence-initial (capitalised) pronoun; mid-sentence, a subject pronoun of a speech
        verb or an event trigger, or a pronoun that carries its speaker ("ujarnya", "menurutnya")."""
        doc, lex = self.doc, self.lex
        if s in self.quoted or doc[s].text.isupper() and len(doc[s].text) > 1:
            return False  # "HE Mr X": an honorific
        if doc[s].text[:1].isupper():
            return True
        if "speech" in tags or "according_to" in tags:
            return True
        if doc[s].lower_ not in lex.subject_pronouns or e - s != 1:
            return False
        tok = doc[s]
        if tok.dep_:
            if tok.dep_ in _SUBJECT_DEPS and self._predicate(tok.head):
                return True
        if s > 0 and doc[s - 1].lower_ in lex.speech_inverted:
            return True  # "…, kata dia", "…, said he"
        if s > 0 and doc[s - 1].lower_ in lex.according_to_heads and self.cues.get(s - 1) is not None:
            return True  # "Menurut dia, …", "according to her, …": the source of what follows
        return self._predicate_follows(s, e)

    def _predicate_follows(self, s: int, e: int) -> bool:
        """A speech verb or trigger within a few words after ``[s, e)``, before any punctuation."""
        doc = self.doc
        for i in range(e, min(e + _VERB_WINDOW, self.sents[self.sent_of[s]].end)):
            if doc[i].is_punct:
                break
            cue = self.cues.get(i)
            if cue is not None and self._predicate_tags(cue[2]):
                return True
        return False

    def _subject_position(self, s: int, e: int) -> bool:
        """A title that is a clause's subject: ``nsubj`` where parsed, else the sentence's first
        words or right before a speech verb or trigger."""
        doc = self.doc
        if s in self.quoted:
            return False
        if any(t.dep_ for t in self.sents[self.sent_of[s]]):
            return self._subject_clause(doc[s:e]) is not None
        if doc[s].is_sent_start:
            return True
        return self._predicate_follows(s, e)

    @staticmethod
    def _predicate_tags(tags: frozenset[str]) -> bool:
        return any(t in _PREDICATE_TAGS or t.startswith("event:") for t in tags)

    def _predicate(self, tok: Token) -> bool:
        """A speech verb or an event trigger (a cue there, or its lemma in the lexicon)."""
        cue = self.cues.get(tok.i)
        if cue is not None and self._predicate_tags(cue[2]):
            return True
        lemma = tok.lemma_.lower() if tok.lemma_ else ""
        return bool(lemma) and (lemma in self.lex.statement_verbs.get(self.lang, ())
                                or lemma in self.lex.event_lemmas.get(self.lang, {}))

    # -- salience --------------------------------------------------------------------------------
    def _antecedent(self, tok: int, accept=None) -> tuple[int, tuple[int, int]] | None:
        """The person a pronoun at ``tok`` refers to and the named mention that makes it salient.
        With ``accept`` (a bare title's test of a person): only a subject it accepts."""
        k = self.sent_of[tok]
        subjects = self._subjects(self.sents[k], before=tok)
        if accept is not None:
            subjects = [hit for hit in subjects if accept(hit[0])]
        if subjects:
            return subjects[0]
        back, seen = 0, 0
        fallback = None
        while seen < _BACK_SENTENCES and k - back > 0:
            back += 1
            earlier = self.sents[k - back]
            if not any(t.is_alpha and t.is_lower for t in earlier):
                continue  # page furniture ("ADVERTISEMENT", a credit line)
            seen += 1
            subjects = self._subjects(earlier, before=None)
            if accept is not None:
                subjects = [hit for hit in subjects if accept(hit[0])]
            if subjects:
                return subjects[0]
            if accept is not None:
                continue  # a title stands only for a salient subject
            if fallback is None:
                fallback = next(((p, a) for s, _e, p, a in self._in(earlier.start, earlier.end)
                                 if not self._passing(s)), None)
        if fallback is not None or accept is not None:
            return fallback
        # Nothing salient nearby: the first person of the closest earlier sentence that names one.
        for j in range(k - back - 1, -1, -1):
            sent = self.sents[j]
            here = [(p, a) for s, _e, p, a in self._in(sent.start, sent.end) if not self._passing(s)]
            if here:
                return here[0]
        return None

    def _in(self, start: int, end: int) -> list[tuple[int, int, int, tuple[int, int]]]:
        return [m for m in self.mentions if start <= m[0] and m[1] <= end]

    def _subjects(self, sent: Span, before: int | None) -> list[tuple[int, tuple[int, int]]]:
        """Person subjects of ``sent`` (before ``before``), main clause first."""
        limit = before if before is not None else sent.end
        mentions = [m for m in self._in(sent.start, limit) if m[0] not in self.quoted]
        if not mentions:
            return []
        doc = self.doc
        if any(t.dep_ for t in sent):
            main, other = [], []
            for s, e, person, antecedent in mentions:
                clause = self._subject_clause(doc[s:e])
                if clause == "main":
                    main.append((person, antecedent))
                elif clause == "sub":
                    other.append((person, antecedent))
            found = main + other
            if found:
                return found
        # No parse (or no person subject in it): the first person before the sentence's first
        # predicate, not in passing.
        first_pred = next((i for i in range(sent.start, limit) if i in self.cues and i not in self.quoted
                           and self._predicate_tags(self.cues[i][2])
                           and not (i > sent.start and doc[i - 1].lower_ in self.passing_words)), limit)
        for s, e, person, antecedent in mentions:
            if e <= first_pred and not self._passing(s):
                return [(person, antecedent)]
        # "“…,” kata X", "…, said X": the speaker after an inverted speech verb.
        for i in range(sent.start, limit):
            if doc[i].lower_ in self.lex.speech_inverted and i not in self.quoted and i > sent.start \
                    and doc[i - 1].is_punct:
                k = i + 1
                while k < limit and (doc[k].lower_ in self.lex.honorifics or k in self.title_tokens):
                    k += 1
                hit = next(((p, a) for s, _e, p, a in mentions if s == k or s == i + 1), None)
                if hit is not None:
                    return [hit]
        return []

    def _subject_clause(self, mention: Span) -> str | None:
        """"main" for the subject of the sentence's main clause, "sub" for a subordinate clause's,
        None for a person who is no subject (an object, an oblique, a possessor)."""
        root = mention.root
        tok, steps = root, 0
        while steps < 8 and tok.dep_ not in _SUBJECT_DEPS:
            steps += 1
            head = tok.head
            if head is tok or tok.dep_ not in _NAME_DEPS or any(c.dep_ == "case" for c in tok.children):
                return None  # a possessor or an oblique ("of X", "X's", "dengan X")
            # Inside a title's or a name's noun phrase; a common noun above it makes it a possessor.
            if not (head.i in self.title_tokens or mention.start <= head.i < mention.end
                    or head.text[:1].isupper() or tok.dep_ == "conj"):
                return None
            tok = head
        if tok.dep_ not in _SUBJECT_DEPS or any(c.dep_ == "case" for c in tok.children):
            return None
        if self._passing(mention.start):
            return None
        verb = tok.head
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        return "main" if verb.dep_ == "ROOT" or verb.head is verb else "sub"

    def _passing(self, start: int) -> bool:
        """A mention after a preposition or "of" (past its title and honorifics), before "'s",
        or inside a quotation: mentioned in passing."""
        doc, lex = self.doc, self.lex
        if start in self.quoted:
            return True
        k = start - 1
        sent_start = self.sents[self.sent_of[start]].start
        # Back over the person's title, its state and honorifics ("dengan Menlu Chile X").
        while k > sent_start and (k in self.title_tokens or doc[k].lower_ in lex.honorifics
                                  or doc[k].text[:1].isupper() or doc[k].text in "()"):
            k -= 1
        if k >= sent_start and doc[k].lower_ in self.passing_words:
            return True
        end = next((m[1] for m in self.mentions if m[0] == start), start + 1)
        return end < len(doc) and doc[end].lower_ in lex.possessive


class CorefResolver(LexiconComponent):
    """Pronouns and bare titles linked to the people ``diplokg_people`` found (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, key: str = COREF_KEY, people_key: str = PEOPLE_KEY) -> None:
        super().__init__(nlp, name, key=key)
        self.people_key = people_key

    def __call__(self, doc: Doc) -> Doc:
        lex = self.ready_lexicon()
        people = read_people(doc, self.people_key)
        write_coref(doc, find_coref(doc, lex, people) if people is not None else [], self.key)
        return doc


@Language.factory(
    "diplokg_coref",
    default_config={"key": COREF_KEY, "people_key": PEOPLE_KEY},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
@evaluated
def make_coref(nlp: Language, name: str, key: str, people_key: str) -> CorefResolver:
    return CorefResolver(nlp, name, key=key, people_key=people_key)
