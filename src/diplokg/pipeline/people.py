"""``diplokg_people``: the people an article names and the titles they hold, decided on the Doc.

People come from the knowledge base's matches, from a title before a name ("Menteri Luar Negeri
Peru Javier González"), an apposition ("Ama Mensah, Ghana's foreign minister"), a speech verb
("kata Nurtleu"), an honorific or style ("Bapak X", "H.E. X", "Datuk Seri X", "Pengiran Muda X"),
a counterpart phrase ("mitranya dari Norwegia X") and the statistical PER candidates of
``diplokg_entities`` that are real names (not a verb glued to a name, a title word or a photo
credit). A title's state or organisation is the one named right after it ("... of the AU
Commission", "Sekjen ASEAN"), right before it ("Peru's foreign minister"), or after the holder's
name ("Menteri Luar Negeri X dari Peru", "X of Peru"). Later mentions by a name part are the same
person; a short name that is part of one longer name is that person.

Results go to ``doc.spans["diplokg_people"]``: person mentions labelled with their kind (``name``,
or ``title`` for a title that stands for its holder) and title spans labelled ``TITLE`` (held or
not), with aligned ``attrs`` lists ``person`` (index into
``attrs["people"]``, a list of ``[key, name, in_kb]``; None for an unattached title), ``role`` (the
knowledge-base role key; None for a counterpart whose role nothing decides), ``of`` (state or
organisation key, None when the text does not give it) and ``of_tok``. :func:`read_people` gives
them back as :class:`PeopleReading`. Every word it looks for is data (``ontology/lexicon.yaml``,
``ontology/kb/roles.yaml``).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from ..lexicon import Candidate, Lexicon
from ..records import Mention, Span, Tenure
from .components import LexiconComponent, SPAN_KEY, doc_text, evaluated, gazetteer_matches, token_table

__all__ = ["PEOPLE_KEY", "DocView", "PeopleFinder", "PeopleReading", "Person", "PersonMention", "RoleUse",
           "find_people", "make_people", "read_people", "slugify", "tenures_of", "write_people"]

PEOPLE_KEY = "diplokg_people"
_PERSON_LABELS = ("PER", "PERSON")
_VERB_POS = ("VERB", "AUX")
_TITLE_LABEL = "TITLE"  # a title span; person mentions carry their kind (name, title, ...) in lower case


_MAX_PORTFOLIO_WORDS = 4  # "and Regional Integration": a second portfolio's words after a title
_TITLE_CASE_SHARE = 0.6  # of a sentence's common words capitalised: a title-case headline


def slugify(text: str) -> str:
    """A stable ASCII slug for IRIs: ``"Sergei Lavrov" -> "sergei-lavrov"``."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in norm if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or "x" + hashlib.sha1(text.encode()).hexdigest()[:10]


@dataclass
class Person:
    name: str
    key: str
    kb: bool = False
    mentions: list = field(default_factory=list)

    @property
    def parts(self) -> list[str]:
        return self.name.split()


@dataclass
class PersonMention:
    start_tok: int
    end_tok: int
    person: int  # index into the people list
    kind: str  # name | pronoun | title | group-member


@dataclass
class RoleUse:
    role: str | None
    start_tok: int
    end_tok: int
    of: str | None
    person: int | None
    of_tok: int | None = None  # first token of the state/organisation named right after the title


@dataclass
class PeopleReading:
    """What ``diplokg_people`` decided: people, their mentions and the titles (held or not)."""

    people: list[Person]
    mentions: list[PersonMention]
    titles: list[RoleUse]
    title_of_tokens: set[int]


#: The Docs' views most recently built (a Doc passes through the components one after another).
_RECENT = 4
_RECENT_VIEWS: list[tuple[DocView, object]] = []


#: The confidence of an entity mention by how it was matched.
_CONFIDENCE = {"alias": 1.0, "metonym": 0.9, "fuzzy": 0.75}


class DocView:
    """The gazetteer's matches as per-token tables: the entity each token belongs to (the one the
    gazetteer chose; bylines and language names left out), titles and cues."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        n = len(doc)
        self.tok_entity: list[tuple[int, int, Candidate, str] | None] = [None] * n
        self.tok_role: list[tuple[int, int, str] | None] = [None] * n
        self.tok_cue: list[tuple[int, int, frozenset[str]] | None] = [None] * n
        self.entity_mentions: dict[tuple[str, str], list] = defaultdict(list)
        self.entity_spans: list[tuple[int, int, Candidate]] = []
        self.cue_spans: list[tuple[int, int, frozenset[str]]] = []
        self.role_spans: list[tuple[int, int, str]] = []
        tokens = token_table(doc)
        self.texts, self.sents, self._sent_of = tokens.words, tokens.sents, tokens.sent_of
        self.lowers, self.text = tokens.lowers, doc_text(doc)
        self.read_gazetteer()

    def sent_of(self, tok: int) -> SpacySpan:
        return self.sents[self._sent_of[tok]]

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon) -> DocView:
        """The view of ``doc`` the components share: built once per Doc (people, scenes and extract
        read the same tables; nothing changes them after construction), for as long as the
        gazetteer's span group is the one it was built from."""
        group = doc.spans.get(SPAN_KEY)
        for view, built_from in _RECENT_VIEWS:
            if view.doc is doc and view.lex is lex and built_from is group:
                return view
        view = DocView(doc, lex)
        _RECENT_VIEWS.insert(0, (view, group))
        del _RECENT_VIEWS[_RECENT:]
        return view

    # -- entities -------------------------------------------------------------------------
    def read_gazetteer(self) -> None:
        """The gazetteer's matches, with the entry it chose for each (``kb_id_``) and how the
        form names it (``attrs["kinds"]``: a capital read as its state is a metonym)."""
        doc, lex, kb = self.doc, self.lex, self.lex.kb
        matches = gazetteer_matches(doc)
        kinds = doc.spans[SPAN_KEY].attrs.get("kinds") or [None] * len(matches)
        offsets = None
        for (start, end, label, key), kind in zip(matches, kinds):
            if label == "ROLE":
                if kb.role(key) is not None:
                    self.role_spans.append((start, end, key))
                    for i in range(start, end):
                        self.tok_role[i] = (start, end, key)
                continue
            if label == "CUE":
                tags = frozenset(lex.cues.get(key, ()))
                if tags:
                    self.cue_spans.append((start, end, tags))
                    for i in range(start, end):
                        self.tok_cue[i] = (start, end, tags)
                continue
            entry = kb.by_key(key)
            if entry is None:
                continue
            cand = Candidate(key, entry.type, kind or "name")
            method = "fuzzy" if label == "FUZZY" else "alias"
            if cand.type == "Organization" and self._in_byline(start, end, cand):
                continue
            if cand.type == "State" and self._is_language(start, end):
                continue
            if cand.kind == "capital" and cand.type == "State":
                method = "metonym"
            for i in range(start, end):
                self.tok_entity[i] = (start, end, cand, method)
            self.entity_spans.append((start, end, cand))
            if cand.type != "Person":
                if offsets is None:
                    offsets = doc.to_array([IDX, LENGTH]).tolist()
                first, last = offsets[start][0], offsets[end - 1][0] + offsets[end - 1][1]
                self.entity_mentions[(cand.type, cand.key)].append(Mention(
                    first, last, self.text[first:last], method=method, confidence=_CONFIDENCE.get(method, 0.9)))
        self._index_spans()

    def _is_language(self, start: int, end: int) -> bool:
        """"bahasa Inggris" / "the English language" is a language, not the state."""
        lowers, words = self.lowers, self.lex.language_words
        return (start > 0 and lowers[start - 1] in words) or (end < len(lowers) and lowers[end] in words)

    _DASHES = frozenset({"-", "--", "–", "—", "―"})

    def _in_byline(self, start: int, end: int, cand: Candidate) -> bool:
        """A news outlet in a byline ("Laporan Wartawan Tribunnews") or a dateline
        ("TRIBUNNEWS.COM, JAKARTA -", "Jakarta, CNN Indonesia --") is furniture."""
        entry = self.lex.kb.by_key(cand.key)
        if entry is None or not (entry.kind or "").startswith("news"):
            return False
        doc, lowers, texts = self.doc, self.lowers, self.texts
        if any(lowers[i] in self.lex.byline for i in range(max(0, start - 2), start)):
            return True
        # A photo credit: "Foto: Reuters/...", "Photo: AP", "(Associated Press)".
        if any(lowers[i] in self.lex.credits for i in range(max(0, start - 3), start)):
            return True
        if end < len(doc) and texts[end] == "/":
            return True
        if start > 0 and texts[start - 1] == "(" and end < len(doc) and texts[end] == ")":
            return True
        for i in range(end, min(end + 5, len(doc))):
            tok = doc[i]
            if tok.text in self._DASHES:
                return True
            if "\n" in tok.text or (tok.is_alpha and tok.text[:1].islower()):
                break
        return False

    def _index_spans(self) -> None:
        """Sorted start offsets, so range look-ups are bisections rather than scans."""
        self.cue_spans.sort(key=lambda c: c[0])
        self.entity_spans.sort(key=lambda c: c[0])
        self._cue_starts = [c[0] for c in self.cue_spans]
        self._entity_starts = [c[0] for c in self.entity_spans]

    def cues_in(self, start: int, end: int) -> list[tuple[int, int, frozenset[str]]]:
        """Cue spans starting in ``[start, end)``, in text order."""
        starts = self._cue_starts
        return self.cue_spans[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def entities_in(self, start: int, end: int) -> list[tuple[int, int, Candidate]]:
        """Entity spans starting in ``[start, end)``, in text order."""
        starts = self._entity_starts
        return self.entity_spans[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    # -- people ---------------------------------------------------------------------------


def _holds_run(parts: list[str], run: list[str]) -> bool:
    """``run`` is a contiguous stretch of ``parts`` ("bin Farhan" in "Faisal bin Farhan Al Saud")."""
    n = len(run)
    return any(parts[k:k + n] == run for k in range(len(parts) - n + 1))


class _PeopleReader:
    """The reading itself, on a :class:`DocView`."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.doc, self.lex, self.texts, self.lowers = view.doc, view.lex, view.texts, view.lowers
        self.tok_entity, self.tok_role, self.tok_cue = view.tok_entity, view.tok_role, view.tok_cue
        self.entity_spans, self.cue_spans, self.role_spans = view.entity_spans, view.cue_spans, view.role_spans
        self.entity_mentions = view.entity_mentions
        self.people: list[Person] = []
        self.person_mentions: list[PersonMention] = []
        self._mentioned: set[tuple[int, int, int, str]] = set()
        self.role_uses: list[RoleUse] = []
        self._title_case_sents: dict[int, bool] = {}  # sentence start -> a title-case headline
        self.title_of_tokens: set[int] = set()  # first tokens of states read as a title's "of"
        self._states_named: set[str] | None = None  # _article_states, once the titles are read
        self.verb_suffixes = view.lex.verb_suffixes.get(view.doc.lang_, ())
        self.list_words = view.lex.event_words.get("list_links", {}).get(view.doc.lang_, frozenset())
        tokens = token_table(view.doc)
        self.pos, self.lemmas = tokens.pos, tokens.lemmas  # "" where the layer did not parse

    def read(self) -> PeopleReading:
        self.find_people()
        titles = []
        for use in self.role_uses:
            role, of = use.role, use.of
            if use.person is not None:
                if role == "@counterpart":
                    role = self._counterpart_role(use)
                if of is None and role is not None:
                    of = self._person_state(use.person, role)
            titles.append(RoleUse(role, use.start_tok, use.end_tok, of, use.person, use.of_tok))
        return PeopleReading(self.people, self.person_mentions, titles, self.title_of_tokens)

    def _is_name_token(self, i: int) -> bool:
        text = self.texts[i]
        if self.tok_role[i] or self.tok_cue[i]:
            return False
        ent = self.tok_entity[i]
        if ent and ent[2].type != "Person":
            return False
        if not text[:1].isupper() or text in self.lex.not_names:
            return False
        # A verb glued to a name: "Retno Harapkan", "Ruto Tiba" (by its part of speech where the
        # sentence was parsed, else by an Indonesian verb ending).
        if self.pos[i] in _VERB_POS and self.lemmas[i] != text.lower():
            return False
        low = text.lower()
        if any(low.endswith(suffix) and len(low) > len(suffix) + 3 for suffix in self.verb_suffixes):
            return False
        if text.isalpha():
            return True
        # "Yun-joo", "O'Neill", initials "S." / "P".
        core = text.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
        return bool(core) and core.isalpha()

    def _name_run_forward(self, i: int, limit: int = 5, *, things: bool = False) -> tuple[int, int] | None:
        """The capitalised run of a name from ``i`` (honorifics and styles skipped); ``things``:
        also a run of common words (see :meth:`_is_thing_run`), for the caller to judge."""
        doc = self.doc
        n = len(doc)
        # Honorifics before a name are skipped ("Bapak Wang Yi", "Mr. Smith", "His Highness Prince X").
        while i < n:
            cue = self.tok_cue[i]
            if cue is not None and cue[0] == i and "honorifics" in cue[2] and cue[1] < n and doc[cue[1]].text[:1].isupper():
                i = cue[1]
            elif doc[i].lower_ in self.lex.honorifics and i + 1 < n and doc[i + 1].text[:1].isupper():
                i += 1
            elif (self.tok_role[i] is not None and self.tok_role[i][0] == i and self._royal(self.tok_role[i][2])
                  and self.tok_role[i][1] < n and self._is_name_token(self.tok_role[i][1])):
                i = self.tok_role[i][1]  # "Minister ..., His Highness Prince Faisal": the style of a royal
            else:
                break
        ent = self.tok_entity[i] if i < n else None
        if ent and self._is_known_person(ent[0], ent[1]) and ent[0] == i:
            return ent[0], ent[1]
        j = i
        words = 0
        while j < n and words < limit:
            if j > i and self._trigger_word(j, i):
                break  # a headline's verb after the name: "Menlu Sugiono Bahas ...", "Blinken Says ..."
            if self._is_name_token(j) and not doc[j].is_sent_start or (j == i and self._is_name_token(j)):
                j += 1
                words += 1
            elif j > i and doc[j].lower_ in self.lex.name_particles and (
                    (past := self._particles_end(j)) < n and self._is_name_token(past)):
                j = past  # "bin Salman", "de la Fuente"
            elif j > i and doc[j].lower_ in self.lex.name_particles and (
                    j + 2 < n and doc[j + 1].text in ("-", "‐") and not doc[j].whitespace_
                    and not doc[j + 1].whitespace_ and self._is_name_token(j + 2)):
                j += 1  # "el-Sisi", "al-Assad" split by the tokenizer
            elif (j > i and doc[j].text in ("-", "‐") and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                  and j + 1 < n and (self._is_name_token(j + 1) or doc[j + 1].is_alpha and doc[j + 1].is_lower
                                     and not self.tok_cue[j + 1])):
                j += 1  # "Al-Saud", "Ki-moon", "Yun-joo", "Chan-o-cha" split by the tokenizer
                if not self._is_name_token(j):
                    j += 1  # the lower-case part belongs to the name
            else:
                break
            if doc[j - 1].whitespace_ and "\n" in doc[j - 1].whitespace_:
                break
        if j > i and self._is_thing_run(i, j) and (j - i == 1 or not things):
            return None  # an acronym always; common words unless the caller looks past them
        return (i, j) if j > i else None

    def _trigger_word(self, j: int, i: int) -> bool:
        """A word that ends the name run from ``i``: an event or speech verb by its lemma ("Says"
        -> say), or, in a title-case headline, a common word after a word that is none ("Menlu
        Sugiono Bahas Kerja Sama ...": "bahas" is written in lower case everywhere else; "Studi
        Strategis" is a unit's name, read as such later); never a name particle ("Bin") or a word
        of a known person's name."""
        low = self.lowers[j]
        if self.tok_entity[j] is not None or low in self.lex.name_particles or self.lex.people_with_part(self.texts[j]):
            return False
        lang, lemma = self.doc.lang_, self.lemmas[j]
        if lemma and (lemma in self.lex.event_lemmas.get(lang, {}) or lemma in self.lex.statement_verbs.get(lang, ())):
            return True
        common = self.lex.common_words
        return low in common and any(w not in common for w in self.lowers[i:j]) and self._title_case(j)

    def _title_case(self, j: int) -> bool:
        """Token ``j``'s sentence capitalises most of its common words (a headline: "Menlu X Bahas
        Kerja Sama Energi dengan ..."; a sentence dense with names still writes its verbs and
        function words in lower case: "Pengiran Muda X bertemu Raja Y di Amman pada Selasa")."""
        sent = self.view.sent_of(j)
        found = self._title_case_sents.get(sent.start)
        if found is None:
            common = self.lex.common_words
            words = [t for t in sent[1:] if t.is_alpha and len(t) > 3 and t.lower_ in common]
            found = len(words) >= 2 and sum(t.text[:1].isupper() for t in words) >= _TITLE_CASE_SHARE * len(words)
            self._title_case_sents[sent.start] = found
        return found

    def _particles_end(self, j: int) -> int:
        """Past the run of name particles from ``j`` ("de la" in "de la Fuente")."""
        n = len(self.doc)
        while j < n and self.doc[j].lower_ in self.lex.name_particles and not (j + 1 < n and self.doc[j + 1].is_sent_start):
            j += 1
        return j

    def _past_unit_name(self, i: int, limit: int = 8) -> tuple[int, str | None]:
        """The end of a unit's name from ``i`` (capitalised words, not a person's, and the links
        between them: "Kerja Sama Multilateral", "Protocol", "Political Affairs"), and the state or
        organisation named in it ("Kementerian Luar Negeri Kenya"), if any."""
        doc, start, of = self.doc, i, None
        while i < len(doc) and i - start < limit and not (i > start and doc[i].is_sent_start):
            ent = self.tok_entity[i]
            if ent is not None and ent[0] == i and ent[2].type in ("State", "Organization", "Forum"):
                of = of or ent[2].key
                i = ent[1]
            elif ent is None and self.texts[i][:1].isupper() and self.texts[i].isalpha() and self.tok_role[i] is None:
                i += 1
            elif (i > start and self.lowers[i] in self.lex.unit_links and i + 1 < len(doc)
                  and self.texts[i + 1][:1].isupper()):
                i += 1
            else:
                break
        return i, of

    def _past_short_form(self, end: int) -> int:
        """Past the title's own short form in brackets at ``end``, if there is one: "Menteri Luar
        Negeri (Menlu) Retno Marsudi", "Menteri Luar Negeri Kenya (Menlu Kenya), ..." (a title,
        then at most a few words, then the closing bracket)."""
        doc = self.doc
        if end + 2 < len(doc) and doc[end].text == "(":
            short = self.tok_role[end + 1]
            if short is not None and short[0] == end + 1:
                for k in range(short[1], min(short[1] + 3, len(doc))):
                    if doc[k].text == ")":
                        return k + 1
                    if not doc[k].text[:1].isupper():
                        break
        return end

    def _past_modifier(self, end: int) -> int:
        """Past words that qualify a title between it and the name (``Lexicon.past_title_modifier``)."""
        return self.lex.past_title_modifier(self.lowers, self.texts, end)

    def _past_portfolio(self, end: int) -> int:
        """Past a second portfolio joined to a title ("Minister of Foreign Affairs and Regional
        Integration, X", "Menteri Luar Negeri dan Kerja Sama Regional, X"): "and", one to four
        capitalised words that name nothing, a comma and a name; else ``end``."""
        doc, n = self.doc, len(self.doc)
        if end >= n or self.lowers[end] not in self.lex.title_coordinators:
            return end
        j = end + 1
        while j < n and j - end <= _MAX_PORTFOLIO_WORDS and self.texts[j][:1].isupper() and self.tok_entity[j] is None \
                and self.tok_role[j] is None and not self._is_known_person(j, j + 1):
            j += 1
        if j == end + 1:
            return end
        state = self.tok_entity[j] if j < n else None
        # "... dan Integrasi Regional Ghana, X": the title's state after the portfolio.
        comma = state[1] if state is not None and state[0] == j else j
        if comma + 1 >= n or doc[comma].text != "," or self._name_run_forward(comma + 1) is None:
            return end
        return j if comma > j else j + 1

    def _continues_a_thing_name(self, i: int) -> bool:
        """The word before ``i`` is a capitalised common word inside the sentence, neither a title
        nor an honorific: ``i`` goes on a thing's name ("Kemitraan Strategis Komprehensif",
        "Jalan Sudirman"), since a person's name follows a title, not a common word."""
        k = i - 1
        if k < 0 or self.doc[i].is_sent_start or self.doc[k].is_sent_start:
            return False
        text = self.texts[k]
        return (text[:1].isupper() and text.isalpha() and self.lowers[k] in self.lex.common_words
                and self.tok_role[k] is None and self.lowers[k] not in self.lex.honorifics)

    def _is_known_person(self, i: int, j: int) -> bool:
        ent = self.tok_entity[i]
        return ent is not None and ent[2].type == "Person" and (ent[0], ent[1]) == (i, j)

    def _royal(self, role: str) -> bool:
        entry = self.lex.kb.role(role)
        return entry is not None and entry.category == "royal"

    def _is_thing_run(self, i: int, j: int) -> bool:
        """Capitalised words that name an institution or a thing, not a person: a lone all-capital
        word ("KBRI", "NATO"), or two words or more that are all common words of the language
        (``Lexicon.common_words``: "Direktur Studi Strategis", "Kemitraan Strategis Komprehensif")."""
        if j - i == 1:
            text = self.doc[i].text
            return len(text) >= 3 and text.isalpha() and text.isupper()
        common, particles = self.lex.common_words, self.lex.name_particles
        words = [self.lowers[k] for k in range(i, j) if self.lowers[k] not in particles]
        return bool(words) and all(word in common for word in words)

    def _name_run_backward(self, end: int, limit: int = 4) -> tuple[int, int] | None:
        ent = self.tok_entity[end - 1] if end > 0 else None
        if ent and ent[2].type == "Person" and ent[1] == end:
            return ent[0], ent[1]
        i = end
        words = 0
        particles = self.lex.name_particles
        while i > 0 and words < limit:
            if self._is_name_token(i - 1):
                words += 1
            elif i < end and self.doc[i - 1].lower_ in particles:
                # Particles between two name words: "bin Farhan", "de la Fuente", "van der Bellen".
                p = i - 1
                while p > 0 and self.doc[p - 1].lower_ in particles and not self.doc[p].is_sent_start:
                    p -= 1
                if p == 0 or self.doc[p].is_sent_start or not self._is_name_token(p - 1):
                    break
                i = p + 1
            elif not (i - 1 > 0 and i < end and self._is_name_token(i - 2)
                      and self.doc[i - 1].text == "-" and not self.doc[i - 1].whitespace_
                      and not self.doc[i - 2].whitespace_):
                break
            i -= 1
            if self.doc[i].is_sent_start:
                break
        while i < end and self.doc[i].lower_ in self.lex.honorifics:
            i += 1
        if end > i and self._is_thing_run(i, end):
            return None
        return (i, end) if end > i else None

    def _register(self, start: int, end: int, kind: str = "name") -> int:
        span = self.doc[start:end]
        ent = self.tok_entity[start]
        if ent and ent[2].type == "Person":
            entry = self.lex.kb.by_key(ent[2].key)
            name = entry.name if entry else span.text
            key = ent[2].key
            kb = True
        else:
            first = start
            while first < end - 1 and self.doc[first].lower_ in self.lex.honorifics:
                first += 1
            # The text as written ("Al-Saud" stays joined), on one line.
            name = " ".join(self.doc[first:end].text.split())
            key = slugify(name)
            kb = False
        for idx, person in enumerate(self.people):
            if person.key == key:
                break
        else:
            self.people.append(Person(name=name, key=key, kb=kb))
            idx = len(self.people) - 1
        if (start, end, idx, kind) not in self._mentioned:  # a name both the knowledge base and a title found
            self._mentioned.add((start, end, idx, kind))
            self.person_mentions.append(PersonMention(start, end, idx, kind))
        return idx

    def _of_after(self, start: int, limit: int = 7) -> tuple[str | None, int]:
        """A state/organisation right after a title: "Menteri Luar Negeri Rusia", "... of Japan"."""
        doc, i = self.doc, start
        of = None
        of_end = -1
        while i < len(doc) and i - start < limit:
            ent = self.tok_entity[i]
            if ent and ent[2].type in ("State", "Forum", "Organization") and of is None:
                of = ent[2].key
                self.title_of_tokens.add(ent[0])
                i = of_end = ent[1]
                # "the Organization of Islamic Cooperation (OIC) Hissein Brahim Taha"
                if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
                    i += 3
                continue
            if ent and i == of_end and ent[2].type in ("State", "Place") and self.tok_entity[i - 1][2].type == "Organization":
                i = ent[1]  # "KBRI Tokyo": the city of a mission
                continue
            if ent and (ent[2].type == "Place" and of is None or of is not None and i > start
                        and doc[i - 1].lower_ in self.lex.posted_to_links):
                # "Duta Besar Indonesia untuk Vietnam Denny Abdi", "Dubes RI di Tokyo X", "Wakil
                # Tetap RI untuk PBB di New York X": the host state, body or city sits between.
                i = ent[1]
                continue
            if (doc[i].lower_ in self.lex.title_of_links or doc[i].text == ",") and not self.tok_entity[i]:
                i += 1
                continue
            break
        return of, i

    def _of_before(self, start: int, *, places: bool = False) -> str | None:
        """English "Russian Foreign Minister ..." / "India's External Affairs Minister ...", and
        after a title in apposition: "Kepala Negara Ghana, Presiden ...", "Ghana's head of state,
        President ..."; with ``places``, a city's state ("Osaka Governor ...")."""
        i = start - 1
        if i >= 1 and self.doc[i].text == ",":
            return self._appositive_state(i)
        i = self._past_premodifiers(i)
        if i >= 0 and self.doc[i].text in self.lex.possessive:
            i -= 1
        ent = self.tok_entity[i] if i >= 0 else None
        if ent and ent[2].type in ("State", "Forum", "Organization"):
            return ent[2].key
        if places and ent and ent[2].type == "Place" and ent[1] == i + 1:
            return self._place_country(ent[0], ent[1])
        return None

    def _place_country(self, start: int, end: int) -> str | None:
        """The state of the first known place in ``[start, end)``."""
        for k in range(start, end):
            ent = self.tok_entity[k]
            if ent and ent[2].type == "Place":
                entry = self.lex.kb.by_key(ent[2].key)
                return entry.country if entry is not None else None
        return None

    def _diplomatic(self, role: str) -> bool:
        entry = self.lex.kb.role(role)
        return entry is None or entry.diplomatic

    def _appositive_state(self, comma: int) -> str | None:
        """The state of a description before ``comma`` that names no office ("Kepala Negara Ghana,
        Presiden ...", "Ghana's head of state, President ..."; ``Lexicon.state_descriptions``)."""
        phrases = self.lex.state_descriptions
        begin = self._phrase_ending_at(comma, phrases)
        if begin is not None and begin >= 2 and self.lowers[begin - 1] in self.lex.possessive:
            ent = self.tok_entity[begin - 2]
            if ent and ent[2].type == "State":
                return ent[2].key
        ent = self.tok_entity[comma - 1]
        if ent and ent[2].type == "State" and self._phrase_ending_at(ent[0], phrases) is not None:
            return ent[2].key
        return None

    def _phrase_ending_at(self, end: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
        """Where the first of ``phrases`` (lower-cased word tuples, longest first) that ends right
        before token ``end`` begins, else None."""
        for words in phrases:
            begin = end - len(words)
            if begin >= 0 and tuple(self.lowers[begin:end]) == words:
                return begin
        return None

    def _possessor_start(self, start: int) -> int:
        """The first token of the state a title is of when it stands before it ("Ghana's foreign
        minister"), else ``start``."""
        i = self._past_premodifiers(start - 1)
        if i >= 0 and self.texts[i] in self.lex.possessive:
            i -= 1
        ent = self.tok_entity[i] if i >= 0 else None
        return ent[0] if ent and ent[2].type in ("State", "Forum", "Organization") else start

    def _past_premodifiers(self, i: int) -> int:
        """Back from ``i`` past the words qualifying a title before it ("Kenya's new | ambassador")."""
        while i >= 1 and self.lowers[i] in self.lex.title_premodifiers:
            i -= 1
        return i

    def _holder_link_start(self, start: int) -> int:
        """Where a link between a name and the title at ``start`` begins ("yang merupakan",
        "selaku", "who serves as": ``Lexicon.holder_is_links``), else ``start``."""
        begin = self._phrase_ending_at(start, self.lex.holder_is_links)
        return begin if begin is not None and begin >= 1 else start

    def _state_after_holder(self, end: int) -> tuple[str | None, int | None]:
        """The state or organisation named right after a title holder's name by a link word
        ("X dari Peru", "X of Norway"): the title is of it."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].lower_ not in self.lex.holder_of_links:
            return None, None
        ent = self.tok_entity[end + 1]
        if ent and ent[0] == end + 1 and ent[2].type in ("State", "Forum", "Organization"):
            self.title_of_tokens.add(ent[0])
            return ent[2].key, ent[0]
        return None, None

    def _is_outlet(self, i: int) -> bool:
        ent = self.tok_entity[i]
        entry = self.lex.kb.by_key(ent[2].key) if ent is not None else None
        return entry is not None and (entry.kind or "").startswith("news")

    def _after_hyphen_compound(self, start: int) -> bool:
        """The token before ``start`` is a hyphen glued to it, or a place glued by a hyphen to another
        ("China-Europe" before "Railway Express")."""
        doc, prev = self.doc, self.doc[start - 1]
        if prev.text in ("-", "‐") and not prev.whitespace_:
            return True
        ent = self.tok_entity[prev.i]
        if ent is None or ent[2].type not in ("State", "Place"):
            return False
        hyphen = ent[0] - 1
        return hyphen > 0 and doc[hyphen].text in ("-", "‐") and not doc[hyphen].whitespace_ \
            and not doc[hyphen - 1].whitespace_

    def _statistical_people(self) -> None:
        """A PER candidate of ``diplokg_entities`` no rule found is a person when it is a real
        name: two words or more, each a name word (not a verb glued to it, a title or office word,
        a style, a dictionary word), not all common words of the language, not a part of a person
        already found, and not a photo credit ("Photo: Reuters/Samuel Otieno")."""
        doc = self.doc
        if "diplokg_candidates" not in doc.spans:
            return
        covered = {i for m in self.person_mentions for i in range(m.start_tok, m.end_tok)}
        known = {part for person in self.people for part in person.parts}
        for span in doc.spans["diplokg_candidates"]:
            if span.label_ not in _PERSON_LABELS or span.end - span.start < 2:
                continue
            if any(i in covered for i in range(span.start, span.end)):
                continue
            if not all(self._is_name_token(i) or doc[i].lower_ in self.lex.name_particles
                       for i in range(span.start, span.end)):
                continue
            if self._is_thing_run(span.start, span.end) or self._continues_a_thing_name(span.start):
                continue
            # A word of the language's dictionary (its lemma found lower-cased: "Railway Express")
            # or a part of a person already found (a variant of that name) is not a new name.
            if any(doc[i].lemma_ != doc[i].text or doc[i].text in known for i in range(span.start, span.end)):
                continue
            # Right after a hyphenated compound of place names ("China-Europe Railway Express",
            # "Asia-Pacific ..."), or glued by a hyphen to the word before: a thing's name.
            if span.start > 0 and self._after_hyphen_compound(span.start):
                continue
            # A photo credit's or a byline's name ("Foto: Reuters/Samuel Otieno", "Laporan
            # Wartawan Tribunnews, Budi Santoso"): a credit or byline word, or a news outlet, just before.
            before = range(max(0, span.start - 4), span.start)
            if any(doc[i].lower_ in self.lex.credits or doc[i].text == "/" or self._is_outlet(i) for i in before):
                continue
            # A line opened by a byline word ("Reporter Budi Santoso", "Laporan Wartawan X, Budi Santoso").
            opener = doc[span.start].sent.start
            if span.start - opener <= 5 and doc[opener].lower_ in self.lex.byline:
                continue
            self._register(span.start, span.end)
            covered.update(range(span.start, span.end))

    def find_people(self) -> None:
        doc, lex = self.doc, self.lex
        # Known people named in full.
        for start, end, cand in self.entity_spans:
            if cand.type == "Person":
                self._register(start, end)
        # Title + name, and titles used alone (resolved later).
        for start, title_end, role in self.role_spans:
            coordinated = self._coordinated_holders(start, title_end, role)
            if coordinated:
                self.role_uses.extend(coordinated)
                continue
            end = self._past_short_form(title_end)  # past its short form in brackets, if any
            end = self._past_modifier(end)  # "Juru bicara kepresidenan Kenya X"
            end = self._past_portfolio(end)  # "Minister of Foreign Affairs and Regional Integration, X"
            of, after = self._of_after(end)
            if of is not None:
                after = self._past_short_form(after)  # "Menteri Luar Negeri Kenya (Menlu Kenya), X"
            of_tok = next((k for k in range(end, after) if self.tok_entity[k] and self.tok_entity[k][0] == k
                           and self.tok_entity[k][2].key == of), None) if of else None
            # A local office's city ("Wali Kota Nairobi X", "Gubernur Jakarta X"): the city's state.
            local = self._place_country(end, after) if of is None and not self._diplomatic(role) else None
            linked = of is None and local is None and any(doc[k].text != "," for k in range(end, after))
            if of is None:
                of = self._of_before(start, places=not self._diplomatic(role)) or local
                # The state or body before the title ("OIC Secretary-General X"): its token too.
                of_tok = next((k for k in range(max(0, start - 4), start) if self.tok_entity[k]
                               and self.tok_entity[k][0] == k and self.tok_entity[k][2].key == of), None)
            elif of_tok is not None and of_tok > end and (
                    doc[of_tok - 1].lower_ in lex.posted_to_links or of_tok - 2 >= end
                    and doc[of_tok - 1].lower_ in lex.determiners and doc[of_tok - 2].lower_ in lex.posted_to_links):
                # "Malaysia's ambassador to Peru": the state before the title is the one it is of.
                of = self._of_before(start) or of
            # "Director General of Cabinet": a capitalised word after "of" with no state or
            # organisation found is the name of a unit, not of a person.
            if of is not None and after + 1 < len(doc) and doc[after].text == "," and after > end:
                after += 1  # "The Minister for Foreign Affairs of X, His Highness Prince Y"
            after = self._past_modifier(after)
            if after + 1 < len(doc) and self.lowers[after] in lex.elect_markers and self.texts[after + 1][:1].isupper() \
                    and lex.kb.role(f"{role}-elect") is not None:
                role, after = f"{role}-elect", after + 1  # "Presiden Amerika Serikat terpilih X": the president-elect
            run = self._name_run_forward(after, things=True) if after < len(doc) and not linked else None
            if run is not None:
                # "Direktur Studi Strategis Kemlu Myanmar Daw Khay Thi": the words after the title
                # name a department when an organisation and a second name follow.
                # So does "Gubernur Prefektur Osaka Hirofumi Yoshimura": a unit word, a place, a name.
                of2, after2 = self._of_after(run[1])
                placed = of2 is None and all(self.tok_entity[k] and self.tok_entity[k][2].type == "Place"
                                             for k in range(run[1], after2))
                if (of2 is not None or placed) and after2 > run[1] and after2 < len(doc) and not doc[after2].is_sent_start:
                    run2 = self._name_run_forward(after2)
                    if run2 is not None:
                        local = self._place_country(run[1], after2) if not self._diplomatic(role) else None
                        run, of = run2, of2 or of or local
                if self._is_thing_run(*run) and not self._is_known_person(*run):
                    run = None  # the department alone: "Direktur Kajian Strategis Kemlu Kenya"
            if run is None and after < len(doc):
                # "Direktur Jenderal Kerja Sama Multilateral, Amina Odhiambo", "Director of Protocol,
                # Kofi Mensah": the unit's name, a comma, then the holder's name.
                unit_end, unit_of = self._past_unit_name(after)
                if unit_end > after and unit_end + 1 < len(doc) and doc[unit_end].text == ",":
                    run = self._name_run_forward(unit_end + 1)
                    if run is not None and of is None:
                        of = unit_of
            if run is not None and run[1] - run[0] == 1 and run[1] < len(doc):
                nxt = self.tok_entity[run[1]]
                if nxt and nxt[0] == run[1] and nxt[2].type in ("Forum", "Organization"):
                    run = None
            if run is not None:
                person = self._register(*run)
                if of is None:
                    # "Menteri Luar Negeri X dari Peru", "Foreign Minister X of Peru".
                    of, state_tok = self._state_after_holder(run[1])
                    of_tok = state_tok if of is not None else of_tok
                self.role_uses.append(RoleUse(role, start, title_end, of, person, of_tok))
                continue
            # Apposition: "Wang Yi, direktur Kantor ..." (name, comma, title), also with the
            # title's state before it: "Ama Mensah, Ghana's foreign minister".
            # Or with a link: "Ama Mensah yang merupakan Menteri ...", "Ama Mensah, who serves as ...".
            pre = self._possessor_start(start) if of is not None else start
            link = self._holder_link_start(pre)
            name_end = None
            if link < pre:
                name_end = link - 1 if link >= 2 and doc[link - 1].text == "," else link
            elif pre >= 2 and doc[pre - 1].text == ",":
                name_end = pre - 1
            if name_end is not None and name_end >= 1:
                back = self._name_run_backward(name_end)
                if back is not None:
                    person = self._register(*back)
                    self.role_uses.append(RoleUse(role, start, title_end, of, person, of_tok))
                    continue
            self.role_uses.append(RoleUse(role, start, title_end, of, None, of_tok))
        self._coordinated_titles()
        self._states_of_joined_titles()
        self._bracketed_states()
        # Counterparts: "Lavrov dan mitranya dari Tiongkok Wang Yi", "his French counterpart Catherine Colonna".
        for start, end, tags in self.cue_spans:
            if "counterpart" not in tags:
                continue
            of, after = self._of_after(end)
            if of is None:
                of = self._of_before(start)
            run = self._name_run_forward(after) if after < len(doc) else None
            if run is None:
                continue
            person = self._register(*run)
            self.role_uses.append(RoleUse("@counterpart", start, end, of, person))
        # Speech verbs and honorifics.
        for start, end, tags in self.cue_spans:
            if "speech" in tags:
                back = self._name_run_backward(start)
                if back is not None and not (back[0] > 0 and doc[back[0] - 1].lower_ in lex.determiners
                                             and not self._is_known_person(*back)):
                    self._register(*back)  # not "the Elysee said", "the Kremlin said"
                fwd = self._name_run_forward(end, limit=3) if end < len(doc) else None
                if fwd is not None and doc[start].lower_ in lex.speech_inverted:
                    self._register(*fwd)
                elif end + 1 < len(doc) and doc[end].lower_ in lex.speech_addressee:
                    # "Wang mengatakan kepada Lavrov ...": the addressee is a person too.
                    addressee = self._name_run_forward(end + 1, limit=3)
                    if addressee is not None:
                        self._register(*addressee)
            elif "according_to" in tags or "honorifics" in tags:
                fwd = self._name_run_forward(end if "according_to" in tags else start, limit=5) if end < len(doc) else None
                if fwd is not None:
                    self._register(*fwd)
        self._statistical_people()
        # Re-scan: every further occurrence of a known person's name or name part is a mention.
        self._merge_short_names()
        self._mark_repeats()
        self._descriptive_titles()

    def _coordinated_titles(self) -> None:
        """Two titles, one holder: "Deputy Prime Minister and Minister for Finance X", "Wakil
        Perdana Menteri sekaligus Menteri Keuangan Singapura X": the first title, named by no one,
        is held by the second's holder (of the second's state where it names none)."""
        doc, lex = self.doc, self.lex
        by_start = {use.start_tok: use for use in self.role_uses}
        for use in self.role_uses:
            if use.person is not None:
                continue
            k = use.end_tok
            while k < len(doc) and k - use.end_tok < 4 and (self.tok_entity[k] or self.lowers[k] in lex.title_of_links):
                k += 1  # the first title's state: "Deputy Prime Minister of Singapore and ..."
            if k >= len(doc) or self.lowers[k] not in lex.title_coordinators:
                continue
            k += 1
            if k < len(doc) and self.lowers[k] in lex.title_coordinators:
                k += 1  # "and concurrently"
            second = by_start.get(k)
            if second is not None and second.person is not None:
                use.person = second.person
                if use.of is None:
                    use.of, use.of_tok = second.of, second.of_tok

    def _states_of_joined_titles(self) -> None:
        """"Japanese Foreign Minister X and Defence Minister Y": a title after a titled holder and
        a list word, naming no state of its own, is of the state of the title before."""
        ends = {m.end_tok: m.person for m in self.person_mentions}
        for use in self.role_uses:
            if use.of is not None or use.person is None or use.start_tok < 2 \
                    or self.lowers[use.start_tok - 1] not in self.list_words or self.texts[use.start_tok - 1] == ",":
                continue
            before = ends.get(use.start_tok - 1)
            held = next((u for u in self.role_uses if u.person == before and u.of is not None
                         and u.role != "@counterpart" and u.start_tok < use.start_tok), None) if before is not None else None
            body = self.lex.kb.by_key(held.of) if held is not None else None
            known = self.lex.kb.by_key(self.people[use.person].key) if self.people[use.person].kb else None
            if body is not None and body.type == "State" and (known is None or known.country in (None, held.of)):
                use.of = held.of  # (a known person of another state keeps their own: "... and PM Starmer")

    def _coordinated_holders(self, start: int, end: int, role: str) -> list[RoleUse]:
        """One title, several holders: "The foreign ministers of Kenya and Tanzania, A and B",
        "Kenyan and Tanzanian Foreign Ministers A and B", "Presiden Kenya dan Tanzania, masing-masing
        A dan B", "Presidents A and B". The names pair with the states in order; without states each
        holder's own ("A of Kenya and B of Tanzania", else their nationality). Read only where the
        title is plural (an English plural, "para"), or names two states, or says "respectively"."""
        doc, lex, n = self.doc, self.lex, len(self.doc)
        before = self._state_list_backward(self._past_premodifiers(start - 1))
        k = end
        while k < n and self.lowers[k] in lex.title_of_links and not self.tok_entity[k]:
            k += 1
        after, k = self._state_list_forward(k)
        if not after and (ent := self.tok_entity[k] if k < n else None) and ent[0] == k \
                and ent[2].type in ("Forum", "Organization") and self._of_organisation(role):
            after, k = [(ent[2].key, k)], ent[1]  # "the ambassadors of the EU, A and B"
        if not after:
            k = end
        states = before + after if not (before and after) else []
        if k < n and doc[k].text == ",":
            k += 1
        plural = self._plural_title(start, end) or start > 0 and self.lowers[start - 1] in lex.plural_markers
        if not (plural or len(states) >= 2 or any(w in lex.respectively for w in self.lowers[k:k + 12])):
            return []  # one holder: the common case, decided before reading names
        respectively = k < n and self.lowers[k] in lex.respectively
        k += respectively
        holders: list[tuple[tuple[int, int], str | None, int | None]] = []
        while k < n:
            run = self._name_run_forward(k, limit=4)
            if run is None:
                break
            of, of_tok = self._state_after_holder(run[1])
            holders.append((run, of, of_tok))
            k = run[1] if of_tok is None else self.tok_entity[of_tok][1]
            if k < n and doc[k].text == "," and k + 1 < n and self.lowers[k + 1] in self.list_words:
                k += 1  # "A, B, and C"
            if k + 1 >= n or self.lowers[k] not in self.list_words:
                break
            k += 1
        respectively = respectively or k < n and self.lowers[k] in lex.respectively
        if len(holders) < 2 or not (plural or len(states) >= 2 or respectively):
            return []
        if len(states) >= 2 and len(states) != len(holders):
            return []  # "the ministers of A, B and C, X and Y": which is whose is not said
        uses = []
        for i, (run, of, of_tok) in enumerate(holders):
            if len(states) >= 2:
                of, of_tok = states[i]
            elif of is None and len(states) == 1:
                of, of_tok = states[0]  # "the ambassadors of Japan, A and B"
            uses.append(RoleUse(role, start, end, of, self._register(*run), of_tok))
        return uses

    def _of_organisation(self, role: str) -> bool:
        """Whether the role's title can be of an organisation (``roles.yaml`` ``org_kind``)."""
        entry = self.lex.kb.role(role)
        return entry is not None and entry.org_kind != "state"

    def _plural_title(self, start: int, end: int) -> bool:
        return self.lex.is_plural_title(self.doc[start:end])

    def _state_list_forward(self, i: int) -> tuple[list[tuple[str, int]], int]:
        """The states listed from ``i`` ("Kenya dan Tanzania", "Kenya, Uganda and Tanzania") as
        (key, first token), and where the list ends; empty unless a state starts at ``i``."""
        out: list[tuple[str, int]] = []
        n = len(self.doc)
        while i < n:
            ent = self.tok_entity[i]
            if not ent or ent[0] != i or ent[2].type != "State":
                break
            out.append((ent[2].key, i))
            j = ent[1]
            if j < n and self.doc[j].text == "," and j + 1 < n and self.lowers[j + 1] in self.list_words:
                j += 1
            if j + 1 < n and self.lowers[j] in self.list_words and (nxt := self.tok_entity[j + 1]) \
                    and nxt[0] == j + 1 and nxt[2].type == "State":
                i = j + 1
                continue
            return out, ent[1]
        return out, i

    def _state_list_backward(self, i: int) -> list[tuple[str, int]]:
        """The states listed ending at token ``i`` ("Kenyan and Tanzanian | foreign ministers")."""
        out: list[tuple[str, int]] = []
        while i >= 0:
            ent = self.tok_entity[i]
            if not ent or ent[1] != i + 1 or ent[2].type != "State":
                break
            out.insert(0, (ent[2].key, ent[0]))
            i = ent[0] - 1
            if i < 1 or self.lowers[i] not in self.list_words:
                break
            i -= 1
            if self.doc[i].text == "," and self.lowers[i + 1] != ",":
                i -= 1  # "Kenyan, Ugandan, and Tanzanian"
        return out

    def _descriptive_titles(self) -> None:
        """"mantan perdana menteri Portugal ini", "this former Portuguese prime minister": a title
        with a demonstrative and no name describes the person the article is about."""
        doc, lex = self.doc, self.lex
        counts: dict[int, int] = defaultdict(int)
        for m in self.person_mentions:
            if m.kind == "name":
                counts[m.person] += 1
        if not counts:
            return
        # The main person: the one named most often; of several, the one named first (the lede's).
        first = min((m for m in self.person_mentions if m.kind == "name" and counts[m.person] == max(counts.values())),
                    key=lambda m: m.start_tok)
        main = first.person
        held = {(u.role, u.of) for u in self.role_uses if u.person is not None}
        for use in self.role_uses:
            if use.person is not None or use.role == "@counterpart" or (use.role, use.of) in held \
                    or self._plural_title(use.start_tok, use.end_tok):
                continue  # "these foreign ministers": more than one
            _of, after = self._of_after(use.end_tok)
            marked = after < len(doc) and doc[after].lower_ in lex.demonstratives_after
            if not marked:
                for k in range(use.start_tok - 1, max(-1, use.start_tok - 4), -1):
                    if doc[k].is_punct:
                        break
                    if doc[k].lower_ in lex.demonstratives_before:
                        marked = True
                        break
            if not marked:
                continue
            use.person = main
            self.person_mentions.append(PersonMention(use.start_tok, use.end_tok, main, "title"))

    def _bracketed_states(self) -> None:
        """Lists after a plural title: "Para Menteri Luar Negeri ... Dari kiri: Anifah Aman
        (Malaysia), Albert del Rosario (Filipina)" / "the foreign ministers ... A (Japan), B (China)".
        Each name before a bracketed state holds the nearest earlier unattached title for it."""
        doc = self.doc
        free = [u for u in self.role_uses if u.person is None]
        if not free:
            return
        for start, end, cand in self.entity_spans:
            if (cand.type != "State" or start < 3 or end >= len(doc) or doc[start - 1].text != "("
                    or doc[end].text != ")"):
                continue
            back = self._name_run_backward(start - 1)
            if back is None or back[1] - back[0] < 2 and not doc[back[0]].text.endswith("."):
                if back is None or back[1] - back[0] < 2:
                    continue
            title = next((u for u in reversed(free) if u.end_tok <= back[0] and back[0] - u.end_tok <= 120), None)
            if title is None:
                continue
            person = self._register(*back)
            self.role_uses.append(RoleUse(title.role, start - 1, end + 1, cand.key, person))

    def _merge_short_names(self) -> None:
        """A name that is the first or last part of exactly one longer name is that person."""
        people = self.people
        redirect: dict[int, int] = {}
        by_ends: dict[tuple[str, str], list[int]] = defaultdict(list)
        for idx, person in enumerate(people):
            if len(person.parts) >= 2:
                by_ends[(person.parts[0], person.parts[-1])].append(idx)
        particles = self.lex.name_particles

        def folded(parts: list[str]) -> list[str]:
            # A particle opening a short name is capitalised: "Van Klaveren" for "Alberto van Klaveren".
            return [p.lower() if p.lower() in particles else p for p in parts]

        for idx, person in enumerate(people):
            if person.kb:
                continue
            parts = person.parts
            # "Retno P Marsudi" / "Retno L.P. Marsudi" is "Retno Marsudi": middle initials only.
            if len(parts) >= 3 and all(len(p.rstrip(".")) <= 2 for p in parts[1:-1]):
                same = [j for j in by_ends.get((parts[0], parts[-1]), ()) if j != idx and len(people[j].parts) == 2]
                if len(same) == 1:
                    redirect[idx] = same[0]
                    continue
            short = folded(parts)
            longer = [
                j for j, other in enumerate(people)
                if j != idx and len(other.parts) > len(parts)
                and (folded(other.parts[: len(parts)]) == short or folded(other.parts[-len(parts):]) == short
                     or short[0] in particles and _holds_run(folded(other.parts), short))
            ]
            if len(longer) > 1:
                # "PM Suga" with Yoshihide and Mariko Suga in the article: the title decides.
                titled = self._roles_of(idx)
                if titled:
                    longer = [j for j in longer if self._roles_of(j) & titled]
            if len(longer) == 1:
                redirect[idx] = longer[0]
            elif not longer and len(parts) == 1:
                known = self._kb_person_for_part(parts[0], home=self._home_titled(idx))
                if known is not None:
                    person.key, person.name, person.kb = known.key, known.name, True
        for mention in self.person_mentions:
            while mention.person in redirect:
                mention.person = redirect[mention.person]
        # Two records may now share a key (a short name promoted to a KB person already present).
        first_by_key: dict[str, int] = {}
        for idx, person in enumerate(people):
            first_by_key.setdefault(person.key, idx)
        for mention in self.person_mentions:
            mention.person = first_by_key[people[mention.person].key]
        for use in self.role_uses:
            if use.person is not None:
                while use.person in redirect:
                    use.person = redirect[use.person]
                use.person = first_by_key[people[use.person].key]

    def _roles_of(self, person: int) -> set[str]:
        return {u.role for u in self.role_uses if u.person == person and u.role != "@counterpart"}

    def _home_titled(self, person: int) -> str | None:
        """The article's home state where ``person`` holds a home office's title naming no state
        ("Presiden Prabowo" in an Indonesian article: the title is Indonesia's, ``home_state``)."""
        home = self.lex.home_state.get(self.doc.lang_)
        if home is None:
            return None
        for use in self.role_uses:
            entry = self.lex.kb.role(use.role) if use.person == person and use.of is None and use.role else None
            if entry is not None and entry.category in self.lex.home_state_categories:
                return home
        return None

    def _kb_person_for_part(self, part: str, home: str | None = None):
        """The one knowledge-base person whose name starts or ends with ``part`` and whose state
        the article names (or, for a home office's title with no state, the home state); None
        when that does not decide."""
        candidates = self.lex.people_with_part(part)
        if not candidates:
            return None
        states = self._article_states() | ({home} if home else set())
        found = [entry for entry in candidates if entry.country in states]
        return found[0] if len(found) == 1 else None

    def _article_states(self) -> set[str]:
        """The states the article names: by name, through a place or body of theirs ("in Accra",
        "KBRI Nairobi") and in a title ("Kenyan President"). Read once, when the titles are read."""
        if self._states_named is not None:
            return self._states_named
        kb = self.lex.kb
        states: set[str] = set()
        self._states_named = states
        for type_, key in (*self.entity_mentions, *(("", u.of) for u in self.role_uses if u.of)):
            entry = kb.by_key(key)
            if type_ == "State" or entry is not None and entry.type == "State":
                states.add(key)
            elif entry is not None and entry.type in ("Place", "Organization") and entry.country:
                states.add(entry.country)
        return states

    def _mark_repeats(self) -> None:
        """Later bare-surname mentions ("Wang mengatakan") of people already found."""
        live = {p for m in self.person_mentions for p in [m.person]}
        by_part: dict[str, set[int]] = defaultdict(set)
        for idx in live:
            person = self.people[idx]
            parts = person.parts
            by_part[person.name].add(idx)
            if len(parts) > 1:
                by_part[parts[0]].add(idx)
                by_part[parts[-1]].add(idx)
        covered = {i for m in self.person_mentions for i in range(m.start_tok, m.end_tok)}
        doc = self.doc
        i = 0
        while i < len(doc):
            if i in covered or not self._is_name_token(i):
                i += 1
                continue
            run = self._name_run_forward(i)
            if run is None:
                i += 1
                continue
            text = " ".join(t.text for t in doc[run[0]:run[1]] if t.lower_ not in self.lex.honorifics)
            owners = by_part.get(text, set())
            if len(owners) == 1:
                self.person_mentions.append(PersonMention(run[0], run[1], next(iter(owners)), "name"))
            elif not owners and run[1] - run[0] == 1:
                # A bare surname of a well-known person whose state the article names ("Xi").
                known = self._kb_person_for_part(text)
                if known is not None:
                    idx = next((k for k, p in enumerate(self.people) if p.key == known.key), None)
                    if idx is None:
                        self.people.append(Person(name=known.name, key=known.key, kb=True))
                        idx = len(self.people) - 1
                    self.person_mentions.append(PersonMention(run[0], run[1], idx, "name"))
            i = run[1]

    def _counterpart_role(self, use: RoleUse) -> str | None:
        """A counterpart holds the role of the person whose counterpart they are: the first
        titled person the phrase's sentence names before it ("Kamikawa and Kihara ... with their
        Philippine counterparts X": Kamikawa's), else the nearest titled person before it."""
        sent = self.view.sent_of(use.start_tok)
        named = [m.person for m in self.person_mentions if sent.start <= m.start_tok < use.start_tok]
        titled = {other.person: other for other in self.role_uses
                  if other.person is not None and other.role != "@counterpart"}
        best = next((titled[p] for p in named if p in titled and p != use.person), None)
        for other in self.role_uses if best is None else ():
            if other.person is not None and other.role != "@counterpart" and other.start_tok < use.start_tok:
                best = other
        if best is None:
            return None
        entry = self.lex.kb.role(best.role)
        # Category-level: an External Affairs Minister's counterpart is a foreign minister.
        if entry is not None:
            default = self.lex.default_roles.get(entry.category)
            if default is not None:
                return default
        return best.role

    def _person_state(self, person: int, role: str) -> str | None:
        return person_state(self.role_uses, self.people, self.lex.kb, person)


def person_state(role_uses: list[RoleUse], people: list[Person], kb, person: int) -> str | None:
    """The state ``people[person]``'s own titles name, else the knowledge base's for a known person."""
    for use in role_uses:
        if use.person == person and use.of is not None:
            return use.of
    entry = kb.by_key(people[person].key)
    return entry.country if entry is not None and entry.type == "Person" else None


def tenures_of(doc: Doc, reading: PeopleReading, lex: Lexicon, lang: str) -> list[Tenure]:
    """The titles people hold, each (person, title) once with the first title that names its state;
    a home office's title with no state is the article's home state's (``home_state``)."""
    out: dict[tuple[str, str], Tenure] = {}
    for use in sorted(reading.titles, key=lambda u: u.start_tok):
        if use.person is None or use.role is None:
            continue
        role, of = use.role, use.of
        person = reading.people[use.person]
        entry = lex.kb.role(role)
        label = entry.en if entry else role
        body = lex.kb.by_key(of) if of is not None else None
        if entry is not None and entry.org_kind == "state" and body is not None and body.type == "Organization" \
                and body.country is not None:
            of = body.country  # a state's office held at its mission or ministry ("Kuasa Usaha KBRI Tokyo")
        if of is not None:
            role = lex.kb.office_of(of, role)  # the state's own name for it ("Foreign Secretary" of Mexico)
            entry = lex.kb.role(role)
            label = entry.en if entry else role
        span = doc[use.start_tok:use.end_tok]
        key = (person.key, role)
        previous = out.get(key)
        if previous is not None and (previous.of is not None or of is None):
            continue
        out[key] = Tenure(person=person.key, role=role, role_label=label, of=of,
                          evidence=Span(span.start_char, span.end_char))
    home = lex.home_state.get(lang)
    if home is not None:
        for key, tenure in out.items():
            entry = lex.kb.role(tenure.role)
            if tenure.of is None and entry is not None and entry.category in lex.home_state_categories:
                out[key] = Tenure(person=tenure.person, role=tenure.role, role_label=tenure.role_label,
                                  of=home, evidence=tenure.evidence)
    return [t for t in out.values() if t.of is not None]


def find_people(doc: Doc, lex: Lexicon, view: DocView | None = None) -> PeopleReading:
    """The people and titles of ``doc`` (the component's reading, without writing it)."""
    return _PeopleReader(view if view is not None else DocView.of(doc, lex)).read()


def write_people(doc: Doc, reading: PeopleReading, key: str = PEOPLE_KEY) -> None:
    """Store ``reading`` on ``doc.spans[key]`` (see the module docstring for the layout)."""
    spans: list[SpacySpan] = []
    person: list[int | None] = []
    role: list[str | None] = []
    of: list[str | None] = []
    of_tok: list[int | None] = []
    for m in reading.mentions:
        spans.append(SpacySpan(doc, m.start_tok, m.end_tok, label=m.kind))
        person.append(m.person), role.append(None), of.append(None), of_tok.append(None)
    for use in reading.titles:
        spans.append(SpacySpan(doc, use.start_tok, use.end_tok, label=_TITLE_LABEL))
        person.append(use.person), role.append(use.role), of.append(use.of), of_tok.append(use.of_tok)
    doc.spans[key] = spans
    attrs = doc.spans[key].attrs
    attrs["people"] = [[p.key, p.name, p.kb] for p in reading.people]
    attrs["person"], attrs["role"], attrs["of"], attrs["of_tok"] = person, role, of, of_tok
    attrs["title_of_tokens"] = sorted(reading.title_of_tokens)


def read_people(doc: Doc, key: str = PEOPLE_KEY) -> PeopleReading | None:
    """What ``diplokg_people`` wrote on ``doc`` (None when it did not run)."""
    if key not in doc.spans:
        return None
    group = doc.spans[key]
    attrs = group.attrs
    people = [Person(name=name, key=pkey, kb=bool(kb)) for pkey, name, kb in attrs["people"]]
    mentions, titles = [], []
    for k, span in enumerate(group):
        if span.label_ == _TITLE_LABEL:
            titles.append(RoleUse(attrs["role"][k], span.start, span.end, attrs["of"][k], attrs["person"][k],
                                  attrs["of_tok"][k]))
        else:
            mentions.append(PersonMention(span.start, span.end, attrs["person"][k], span.label_))
    return PeopleReading(people, mentions, titles, set(attrs["title_of_tokens"]))


class PeopleFinder(LexiconComponent):
    """People and the titles they hold (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, key: str = PEOPLE_KEY) -> None:
        super().__init__(nlp, name, key=key)

    def __call__(self, doc: Doc) -> Doc:
        write_people(doc, find_people(doc, self.ready_lexicon()), self.key)
        return doc


@Language.factory(
    "diplokg_people",
    default_config={"key": PEOPLE_KEY},
    assigns=["doc.spans"],
    requires=["doc.spans"],
)
@evaluated
def make_people(nlp: Language, name: str, key: str) -> PeopleFinder:
    return PeopleFinder(nlp, name, key=key)
