"""spaCy components of the diplokg pipeline.

Both are registered as factories (and through the ``spacy_factories`` entry point), built from
the packaged ``config.cfg`` and filled with knowledge at ``initialize`` time from the data files
under ``ontology/``: nothing here hard-codes a name, title or trigger.

- ``diplokg_sentences`` marks sentence starts at line breaks and after sentence-final punctuation.
- ``diplokg_gazetteer`` finds every knowledge-base surface form (states, forums, organisations,
  places, known people), role titles and lexicon cue phrases with one ``PhraseMatcher`` pass, plus a
  guarded fuzzy match for damaged spellings of state names, and decides what each entity mention
  names. It writes ``doc.spans["dkg"]``: spans labelled ``ENTITY`` (``FUZZY`` for a damaged
  spelling) whose ``kb_id_`` is the knowledge-base key of the entry chosen, ``ROLE`` whose
  ``kb_id_`` is the role key, and ``CUE`` whose ``kb_id_`` is the lower-cased cue phrase (the key
  into :attr:`~diplokg.lexicon.Lexicon.cues`). Aligned lists in the group's ``attrs`` say how:
  ``forms`` (the lower-cased knowledge-base form matched), ``kinds`` (how that form names the
  entry: ``name``, ``alias``, ``adjective`` or ``capital``; None for titles and cues),
  ``alternatives`` (the other keys the form can name) and ``rules`` (which of :data:`RULES`
  chose; None where the form names one entry).

A form several entries share ("Nairobi": the city, and Kenya by metonymy) is read by the first
rule that tells the readings apart: the form as the text writes it over one that matches only
case-folded (``exact-case``); a form of the article's language (``language``); the type the words
around it ask for, a place after a locative word ("tiba di Nairobi", ``context:locative``) and a
state or an organisation after a title whose "of" is one ("Foreign Minister of X",
``context:title``); the reading whose state (or the entity itself) the rest of the article names
unambiguously (``context:document``); else the data's prior (``prior``): an entry's ``prior`` in
``ontology/kb``, then ``reading_types`` in ``ontology/lexicon.yaml``, a preferred label over other
forms, and knowledge-base order.

>>> import spacy
>>> nlp = spacy.blank("id")
>>> _ = nlp.add_pipe("diplokg_gazetteer")
>>> _ = nlp.initialize()
>>> doc = nlp("Delegasi Uruguay tiba di Montevideo. Montevideo menolak usulan itu.")
>>> [(s.text, s.kb_id_) for s in doc.spans["dkg"] if s.label_ == "ENTITY"]
[('Uruguay', 'uruguay'), ('Montevideo', 'montevideo'), ('Montevideo', 'uruguay')]
>>> [r for r, s in zip(doc.spans["dkg"].attrs["rules"], doc.spans["dkg"]) if s.label_ == "ENTITY"]
[None, 'context:locative', 'prior']
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Callable, TypeVar

import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..kb import KBEntry
from ..lexicon import Lexicon, Reading, load_lexicon

__all__ = ["QUOTE_RE", "RULES", "quotation_tokens", "SPAN_KEY", "SentenceMarker", "Gazetteer", "doc_text", "evaluated", "make_sentences",
           "make_gazetteer", "gazetteer_matches", "TokenTable", "token_table",
           "with_text"]

SPAN_KEY = "dkg"
#: The rules that choose among the readings of a shared surface form, in the order they apply.
RULES = ("exact-case", "language", "context:locative", "context:title", "context:document", "prior")
# What a title's "of" is (roles.yaml ``org_kind``) -> the entry types it asks for.
_TITLE_OF_TYPES = {"state": frozenset({"State"}), "organization": frozenset({"Organization", "Forum"})}
_MAX_OF_LINKS = 2  # "Foreign Minister of the X": words between a title and its "of"
_MAX_VENUE_WORDS = 7  # "di Istana Bellevue, Berlin": a venue's words between a locative and a city
_MISSING = object()
_FINAL = {".", "!", "?", "…"}
_CLOSERS = {"”", "\"", "’", "'", ")", "»"}
# Token kinds for the sentence marker (low bits) and a flag for "may open a sentence".
_SPACE, _NEWLINE, _FINAL_PUNCT, _CLOSER = 1, 2, 3, 4
_BASE, _OPENS = 7, 8
_CACHE_MAX = 200_000
#: A quotation: straight or curly double quotes, or curly single ones, on one line (group 1 or 2 is
#: the inner text). Every reader that keeps what is said apart from what happened uses this one.
QUOTE_RE = re.compile(r"[“\"]([^“”\"\n]{3,}?)[”\"]|‘([^‘’\n]{3,}?)’")


def quotation_tokens(doc: Doc) -> dict[int, int]:
    """Token index -> start character of the quotation (``QUOTE_RE``, quotation marks included)
    the token lies in."""
    out: dict[int, int] = {}
    for m in QUOTE_RE.finditer(doc_text(doc)):
        inner = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if inner is not None:
            out.update((i, m.start()) for i in range(inner.start, inner.end))
    return out


class SentenceMarker:
    """Sentence starts at line breaks and after ``. ! ?`` (optionally closed by a quote)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.strings = nlp.vocab.strings
        self._kinds: dict[int, int] = {}  # orth id -> _kind(), bounded by _CACHE_MAX

    def _kind(self, orth: int) -> int:
        kind = self._kinds.get(orth)
        if kind is None:
            if len(self._kinds) > _CACHE_MAX:
                self._kinds.clear()
            text = self.strings[orth]
            kind = 0
            if text.isspace():
                kind = _NEWLINE if "\n" in text else _SPACE
            elif text in _FINAL:
                kind = _FINAL_PUNCT
            elif text in _CLOSERS:
                kind = _CLOSER
            if text[:1].isupper() or text[:1] in "“\"(":
                kind |= _OPENS
            self._kinds[orth] = kind
        return kind

    def __call__(self, doc: Doc) -> Doc:
        # Works on orth ids, and writes the starts once as an array: creating Token objects and
        # setting ``token.is_sent_start`` one by one costs more than the tokenizer itself.
        n = len(doc)
        if not n:
            return doc
        kinds = [self._kind(orth) for orth in doc.to_array(ORTH).tolist()]
        starts = numpy.full(n, -1, dtype="int64")
        start_next = True
        for i, kind in enumerate(kinds):
            base = kind & _BASE
            if base in (_NEWLINE, _SPACE):
                if start_next:
                    starts[i] = 1
                if base == _NEWLINE:
                    start_next = True
                continue
            if start_next:
                starts[i] = 1
            start_next = False
            if base == _FINAL_PUNCT or (base == _CLOSER and i and kinds[i - 1] & _BASE == _FINAL_PUNCT):
                # "Dr. smith" / "U.S. officials": a lower-case or closing follower is no new sentence.
                if i + 1 < n and kinds[i + 1] & _BASE != _CLOSER and kinds[i + 1] & _OPENS:
                    start_next = True
        starts[0] = 1
        doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
        return doc


_TEXT_KEY = "diplokg_text"
_Factory = TypeVar("_Factory", bound=Callable)


def evaluated(factory: _Factory) -> _Factory:
    """``factory`` with its annotations evaluated. spaCy checks a factory's arguments against a
    pydantic model of its signature, and confection before 1.0 (what spaCy 3.8.6 installs) reads
    annotations as written: strings, under ``from __future__ import annotations``."""
    factory.__annotations__ = typing.get_type_hints(factory)
    return factory


@dataclass(frozen=True, slots=True)
class TokenTable:
    """A Doc's token attributes as lists and its sentences, read once for every component after
    the language layer (a Token object per look costs more than most rules; ``token.sent`` scans)."""

    words: list[str]
    lowers: list[str]
    lemmas: list[str]  # lower-cased; "" where the layer set none
    pos: list[str]  # "" where the layer did not tag
    sent_starts: list[bool]
    sents: list[Span]
    sent_of: list[int]  # token -> index into ``sents``


#: The token tables most recently built, with their Doc and the attribute array they were read from.
_RECENT_TABLES: list[tuple[Doc, numpy.ndarray, TokenTable]] = []
_TABLE_ATTRS = [ORTH, LOWER, LEMMA, POS, SENT_START]


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once and reused while the Doc's token attributes
    stay as they were (checked against one ``to_array``: cheap next to building the lists)."""
    rows = doc.to_array(_TABLE_ATTRS)
    for known, known_rows, table in _RECENT_TABLES:
        if known is doc and numpy.array_equal(known_rows, rows):
            return table
    orths, lowers, lemmas, tags, starts = rows.T.tolist()
    sents = list(doc.sents)
    sent_of = [0] * len(doc)
    for k, sent in enumerate(sents):
        sent_of[sent.start:sent.end] = [k] * len(sent)
    table = TokenTable(
        words=_strings(doc, orths, _TEXTS), lowers=_strings(doc, lowers, _TEXTS),
        lemmas=_strings(doc, lemmas, _LOWER_TEXTS), pos=_strings(doc, tags, _TEXTS),
        sent_starts=[start == 1 for start in starts], sents=sents, sent_of=sent_of)
    _RECENT_TABLES.insert(0, (doc, rows, table))
    del _RECENT_TABLES[4:]  # the Docs pass through the components one after another
    return table


#: String-store keys -> their texts (and lower-cased texts), 0 -> "": ``StringStore`` decodes a
#: new ``str`` on every look-up, and most words recur. Emptied when it grows past ``_STRINGS_MAX``.
_TEXTS: dict[int, str] = {0: ""}
_LOWER_TEXTS: dict[int, str] = {0: ""}
_STRINGS_MAX = 500_000


def _strings(doc: Doc, keys: list[int], known: dict[int, str]) -> list[str]:
    """The texts of string-store ``keys``, through ``known`` (:data:`_TEXTS` or :data:`_LOWER_TEXTS`)."""
    texts = list(map(known.get, keys))
    if None not in texts:
        return texts  # type: ignore[return-value]
    if len(known) > _STRINGS_MAX:
        known.clear()
        known[0] = ""
    strings, lower = doc.vocab.strings, known is _LOWER_TEXTS
    for key in set(keys).difference(known):
        known[key] = strings[key].lower() if lower else strings[key]
    return list(map(known.__getitem__, keys))


#: The match tables most recently read, by the span group each came from (kept here too, so its
#: id is not reused while the entry lives), oldest first. A batch of Docs passes the gazetteer and
#: the language layer together before the later components read them one by one: the tables of
#: a whole batch (``[nlp] batch_size``, 64) are kept.
_RECENT_MATCHES: dict[int, tuple[object, list[tuple[int, int, str, str]]]] = {}
_RECENT_MATCHES_MAX = 256


def gazetteer_matches(doc: Doc) -> list[tuple[int, int, str, str]]:
    """The gazetteer's matches as ``(start, end, label, key)``, in ``doc.spans["dkg"]``'s order:
    read once per span group (the gazetteer hands its own over), as every component reads them and a
    Span object per match per component costs more than the component's rule."""
    group = doc.spans.get(SPAN_KEY)
    if group is None:
        return []
    known = _RECENT_MATCHES.get(id(group))
    if known is not None and known[0] is group:
        return known[1]
    return _remember_matches(group, [(span.start, span.end, span.label_, span.kb_id_) for span in group])


def _remember_matches(group: object, table: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    _RECENT_MATCHES.pop(id(group), None)
    _RECENT_MATCHES[id(group)] = (group, table)
    if len(_RECENT_MATCHES) > _RECENT_MATCHES_MAX:
        del _RECENT_MATCHES[next(iter(_RECENT_MATCHES))]
    return table


def with_text(doc: Doc, text: str) -> Doc:
    """``doc`` knowing the text it was made from, so that :func:`doc_text` need not join it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once and kept in ``doc.user_data``: spaCy's ``Doc.text`` joins every
    token again on each access, and several components read it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def bounds(span: Span | None) -> list[int] | None:
    """A span as the ``[start, end]`` a span group's attrs store (JSON-serialisable), or None."""
    return [span.start, span.end] if span is not None else None


def span_at(doc: Doc, stored: list[int] | None) -> Span | None:
    """The span :func:`bounds` stored, back on ``doc``."""
    return doc[stored[0]:stored[1]] if stored else None


class LexiconComponent:
    """A component that reads with the packaged lexicon (loaded at ``initialize``) and writes its
    findings into one span group, ``doc.spans[key]``: the people, statements and events readers."""

    def __init__(self, nlp: Language, name: str, *, key: str) -> None:
        self.name = name
        self.key = key
        self.lang = nlp.lang
        self.lexicon: Lexicon | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        self.lexicon = load_lexicon()

    def ready_lexicon(self) -> Lexicon:
        if self.lexicon is None:
            raise RuntimeError(f"{self.name}: call nlp.initialize() before use (E101)")
        return self.lexicon


class Gazetteer:
    """Knowledge-base, title and cue phrase matching in one pass, with guarded fuzzy fallback."""

    def __init__(self, nlp: Language, name: str, *, fuzzy: bool = True) -> None:
        self.name = name
        self.fuzzy = fuzzy
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lexicon: Lexicon | None = None
        self._fuzzy_cache: dict[int, str | None] = {}

    def initialize(self, get_examples=None, *, nlp=None, kb_dir: str | None = None,
                   lexicon_path: str | None = None) -> None:
        """Build the matcher from the packaged knowledge (or ``kb_dir`` / ``lexicon_path``)."""
        self.lexicon = load_lexicon(kb_dir, lexicon_path)
        self._fuzzy_cache = {}
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        tokenizer = nlp.tokenizer if nlp is not None else None
        assert tokenizer is not None, "initialize() needs the nlp object"
        for label, forms in self.lexicon.phrase_table().items():
            patterns = list(tokenizer.pipe(sorted(forms)))
            if label == "CUE":
                # Cue forms are kept lower-cased, and the tokenizer splits some of them unlike their
                # written form ("mr." -> "mr" "."; "Mr." stays whole): their capitalised form too.
                lowered = {tuple(t.text for t in doc) for doc in patterns}
                patterns += [doc for doc in tokenizer.pipe(sorted(f.title() for f in forms))
                             if tuple(t.text.lower() for t in doc) not in lowered]
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            raise RuntimeError(f"{self.name}: call nlp.initialize() before use (E101)")
        lex = self.lexicon
        strings = self.vocab.strings
        # Match texts are sliced from the text by token offsets: building Span and Token objects
        # for every candidate match costs more than the matching itself.
        text = doc_text(doc)
        offsets = doc.to_array([IDX, LENGTH]).tolist()
        found = []
        for match_id, start, end in self.matcher(doc):
            surface = text[offsets[start][0]:offsets[end - 1][0] + offsets[end - 1][1]]
            label = strings[match_id]
            if lex.accepts(surface, label):
                found.append((start, end, label, surface.lower()))
        # A title wins over an entity it overlaps: in "sekretaris Dewan Keamanan Federasi Rusia"
        # the title is "sekretaris Dewan Keamanan" and the state is "Federasi Rusia".
        roles = _longest_first([m for m in found if m[2] == "ROLE" and not self._name_not_title(doc, m, found)])
        taken = {i for m in roles for i in range(m[0], m[1])}
        rest = [m for m in found if m[2] != "ROLE" and not any(i in taken for i in range(m[0], m[1]))]
        kept = _longest_first(roles + rest)
        if self.fuzzy:
            kept = _longest_first(kept + self._fuzzy(doc, kept))
        chosen = _Chooser(doc, lex, kept, [text[offsets[s][0]:offsets[e - 1][0] + offsets[e - 1][1]]
                                           for s, e, _label, _form in kept]).choose()
        doc.spans[SPAN_KEY] = [Span(doc, start, end, label=label, kb_id=key)
                               for (start, end, label, _form), (key, *_how) in zip(kept, chosen)]
        group = doc.spans[SPAN_KEY]
        _remember_matches(group, [(start, end, label, key) for (start, end, label, _form), (key, *_how)
                                  in zip(kept, chosen)])
        group.attrs["forms"] = [form for _s, _e, _label, form in kept]
        group.attrs["kinds"] = [kind for _key, kind, _alternatives, _rule in chosen]
        group.attrs["alternatives"] = [alternatives for _key, _kind, alternatives, _rule in chosen]
        group.attrs["rules"] = [rule for _key, _kind, _alternatives, rule in chosen]
        return doc

    def _name_not_title(self, doc: Doc, match: tuple[int, int, str, str], found: list) -> bool:
        """A one-word title that ends a name ("Ketua DPR Puan Maharani menerima ..."): after a
        capitalised word that is no known form, title modifier or common word, and before no name.
        A title stands before its holder's name, not after it."""
        start, end = match[0], match[1]
        if end - start != 1 or start == 0:
            return False
        prev = doc[start - 1]
        lex = self.lexicon
        assert lex is not None
        if not prev.text[:1].isupper() or not prev.is_alpha or any(
                m[0] <= start - 1 < m[1] for m in found if m is not match):
            return False
        low = prev.lower_
        if low in lex.common_words or low in lex.title_premodifiers or low in lex.honorifics:
            return False
        return end >= len(doc) or not doc[end].text[:1].isupper()

    def _fuzzy(self, doc: Doc, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        assert self.lexicon is not None
        # Most tokens are no damaged state name: decide that once per distinct word (orth id).
        hits = []
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            surface = self._fuzzy_cache.get(orth, _MISSING)
            if surface is _MISSING:
                if len(self._fuzzy_cache) > _CACHE_MAX:
                    self._fuzzy_cache.clear()
                text = self.vocab.strings[orth]
                surface = None
                if len(text) >= 5 and text[0].isupper() and text.isalpha():
                    surface = self.lexicon.fuzzy_lookup(text)
                self._fuzzy_cache[orth] = surface
            if surface is not None:
                hits.append((i, surface))
        if not hits:
            return []
        covered = {i for start, end, _label, _key in found for i in range(start, end)}
        entities = self.lexicon.entities
        state_ends = {end for _start, end, label, form in found
                      if label == "ENTITY" and any(c.type == "State" for c in entities.get(form, ()))}
        title_starts = {end: start for start, end, label, _key in found if label == "ROLE"}
        particles = self.lexicon.name_particles
        honorifics = self.lexicon.honorifics
        kept, names = [], set()
        for i, surface in hits:
            if i in covered:
                continue
            start = title_starts.get(i)
            if start is not None:
                # Right after a title only a state's own name may stand ("Menlu Indonsia Retno"),
                # never a capital, and only where the title has no state yet: "President Mahama"
                # is no Manama, "Ghana's President Mahama" no damaged state at all.
                has_state = start in state_ends or (start - 1 in state_ends
                                                    and doc[start - 1].lower_ in self.lexicon.possessive)
                if has_state or not any(c.type == "State" and c.kind != "capital" for c in entities.get(surface, ())):
                    continue
            if self._in_name(doc, i, covered, particles, honorifics, start is not None):
                names.add(doc[i].orth)
            else:
                kept.append((i, i + 1, "FUZZY", surface))
        # A word that is part of a name once is a name throughout ("Rosa Polland ... Polland said").
        return [hit for hit in kept if doc[hit[0]].orth not in names]

    @staticmethod
    def _in_name(doc: Doc, i: int, covered: set[int], particles: set[str], honorifics: set[str],
                 after_title: bool) -> bool:
        """A damaged state name stands alone; a capitalised word next to another unknown
        capitalised word, a name particle or an honorific is part of a person's name
        ("Ibu Mariko Suga", "Tri Purnajaya", "Salman bin Abdulaziz"). Right after a title the
        state comes before the name ("Menteri Luar Negeri Singapur Vivian Balakrishnan")."""
        prev = doc[i - 1] if i > 0 else None
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if prev is not None and not doc[i].is_sent_start and prev.i not in covered:
            if prev.lower_ in honorifics or (prev.is_alpha and prev.text[:1].isupper()):
                return True
        if nxt is not None and nxt.i not in covered and not nxt.is_sent_start:
            if nxt.lower_ in particles or (not after_title and nxt.is_alpha and nxt.text[:1].isupper()):
                return True
        return False


class _Chooser:
    """What each gazetteer match names: the entry (or role, or cue) key, how the form names it,
    the keys it could also name, and the rule that chose (see the module docstring)."""

    def __init__(self, doc: Doc, lex: Lexicon, matches: list[tuple[int, int, str, str]], texts: list[str]) -> None:
        self.doc, self.lex, self.kb = doc, lex, lex.kb
        self.matches, self.texts = matches, texts
        self.lang = doc.lang_
        self.role_ends = {end: form for _start, end, label, form in matches if label == "ROLE"}

    def choose(self) -> list[tuple[str, str | None, list[str], str | None]]:
        out: list[tuple[str, str | None, list[str], str | None]] = []
        pending: dict[int, tuple[list[Reading], list[Reading]]] = {}  # index -> (all, left)
        for i, (start, end, label, form) in enumerate(self.matches):
            if label == "CUE":
                out.append((form, None, [], None))
                continue
            if label == "ROLE":
                out.append((self.lex.roles.get(form, form), None, [], None))
                continue
            readings = self.lex.readings.get(form, [])
            keys = _keys(readings)
            if len(keys) < 2:
                out.append((keys[0] if keys else form, _kind(readings), [], None))
                continue
            left, rule = self._in_sentence(readings, start, self.texts[i])
            out.append(("", None, [], rule))
            pending[i] = (readings, left)
        if pending:
            self._in_document(out, pending)
        return out

    # -- the rules ------------------------------------------------------------------------
    def _in_sentence(self, readings: list[Reading], start: int, text: str) -> tuple[list[Reading], str | None]:
        """Narrow by the form as written, the article's language and the words around it."""
        tests = (
            ("exact-case", lambda r: r.surface == text),
            ("language", lambda r: r.lang == self.lang),
            ("context:locative", (lambda r: r.candidate.type == "Place") if self._locative_before(start) else None),
            ("context:title", self._title_test(start)),
        )
        left = readings
        for rule, test in tests:
            if test is None:
                continue
            narrowed = [r for r in left if test(r)]
            if narrowed and len(narrowed) < len(left):
                left = narrowed
                if len(_keys(left)) == 1:
                    return left, rule
        return left, None

    def _locative_before(self, start: int) -> bool:
        """A locative word right before ("tiba di Nairobi"), or before the venue the form follows
        after a comma ("di Istana Bellevue, Berlin", "at the Elysee Palace, Paris")."""
        doc, locative = self.doc, self.lex.locative
        if start and doc[start - 1].lower_ in locative:
            return True
        if start < 2 or doc[start - 1].text != ",":
            return False
        k = start - 2
        while k >= 0 and start - 2 - k < _MAX_VENUE_WORDS and (
                doc[k].text[:1].isupper() or doc[k].text == "," and k > 0 and doc[k - 1].text[:1].isupper()):
            k -= 1  # "di Kompleks Parlemen, Senayan, Jakarta": the venue's parts, comma by comma
        if k >= 0 and doc[k].lower_ in self.lex.determiners and k < start - 2:
            k -= 1  # "at the Elysee Palace, Paris"
        return k < start - 2 and k >= 0 and doc[k].lower_ in locative

    def _title_test(self, start: int):
        """A state or an organisation right after a title whose "of" is one ("Menteri Luar Negeri
        X", "Foreign Minister of X", "Sekjen X")."""
        end = start
        while end > 0 and start - end < _MAX_OF_LINKS and end not in self.role_ends \
                and self.doc[end - 1].lower_ in self.lex.title_of_links:
            end -= 1
        form = self.role_ends.get(end)
        role = self.kb.role(self.lex.roles.get(form, "")) if form is not None else None
        types = _TITLE_OF_TYPES.get(role.org_kind) if role is not None else None
        return (lambda r: r.candidate.type in types) if types else None

    def _in_document(self, out: list, pending: dict[int, tuple[list[Reading], list[Reading]]]) -> None:
        """The reading whose state the rest of the article names, else the prior."""
        homes: dict[str, set[int]] = {}  # state (or entity) key -> matches that name only it
        for i, (_start, _end, label, form) in enumerate(self.matches):
            if label not in ("ENTITY", "FUZZY"):
                continue
            left = pending[i][1] if i in pending else self.lex.readings.get(form, [])
            found = {self._home(key) for key in _keys(left)}
            if len(found) == 1:
                homes.setdefault(found.pop(), set()).add(i)
        for i, (readings, left) in pending.items():
            rule = out[i][3]
            keys = _keys(left)
            if len(keys) > 1:
                support = {key: len(homes.get(self._home(key), set()) - {i}) for key in keys}
                best = max(support.values())
                if best and min(support.values()) < best:
                    keys = [k for k in keys if support[k] == best]
                    rule = "context:document"
                if len(keys) > 1:
                    keys, rule = [min(keys, key=lambda k: self._prior(k, left))], "prior"
            key = keys[0]
            others = [k for k in _keys(readings) if k != key]
            out[i] = (key, _kind([r for r in readings if r.candidate.key == key]), others, rule)

    def _home(self, key: str) -> str:
        """The state an entry belongs to (a state itself, a place's or person's country)."""
        entry = self.kb.by_key(key)
        if entry is None or entry.type == "State":
            return key
        return entry.country or key

    def _prior(self, key: str, left: list[Reading]) -> tuple[int, int, bool, int]:
        entry: KBEntry | None = self.kb.by_key(key)
        named = [r for r in left if r.candidate.key == key]
        return (-(entry.prior if entry else 0), self.lex.reading_types.get(named[0].candidate.type, 99),
                not any(r.candidate.kind == "name" for r in named), left.index(named[0]))


def _keys(readings: list[Reading]) -> list[str]:
    """The distinct entry keys of ``readings``, in order."""
    return list(dict.fromkeys(r.candidate.key for r in readings))


def _kind(readings: list[Reading]) -> str | None:
    """How a form names its entry: a preferred label if it is one, else the first reading's kind."""
    kinds = [r.candidate.kind for r in readings]
    return "name" if "name" in kinds else (kinds[0] if kinds else None)


def _longest_first(matches: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Non-overlapping matches, longer (then earlier) first, in text order: ``filter_spans`` on tuples."""
    taken: set[int] = set()
    kept = []
    for match in sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
        if not any(i in taken for i in range(match[0], match[1])):
            kept.append(match)
            taken.update(range(match[0], match[1]))
    return sorted(kept, key=lambda m: m[0])


@Language.factory("diplokg_sentences")
@evaluated
def make_sentences(nlp: Language, name: str) -> SentenceMarker:
    return SentenceMarker(nlp, name)


@Language.factory("diplokg_gazetteer", default_config={"fuzzy": True})
@evaluated
def make_gazetteer(nlp: Language, name: str, fuzzy: bool) -> Gazetteer:
    return Gazetteer(nlp, name, fuzzy=fuzzy)
