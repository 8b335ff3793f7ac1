"""spaCy components of the diplokg pipeline.

Both are registered as factories (and through the ``spacy_factories`` entry point), built from
the packaged ``config.cfg`` and filled with knowledge at ``initialize`` time from the data files
under ``ontology/``: nothing here hard-codes a name, title or trigger.

- ``diplokg_sentences`` marks sentence starts at line breaks and after sentence-final punctuation.
- ``diplokg_gazetteer`` finds every knowledge-base surface form (states, forums, organisations,
  places, known people), role titles and lexicon cue phrases with one ``PhraseMatcher`` pass, plus a
  guarded fuzzy match for damaged spellings of state names. It writes ``doc.spans["dkg"]``:
  spans labelled ``ENTITY``, ``ROLE`` or ``CUE`` whose ``kb_id_`` is the lower-cased surface form
  (the key into :class:`~diplokg.lexicon.Lexicon`), or for fuzzy matches the matched surface.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..lexicon import Lexicon, load_lexicon

__all__ = ["SentenceMarker", "Gazetteer", "make_sentences", "make_gazetteer"]

SPAN_KEY = "dkg"
_FINAL = {".", "!", "?", "…"}
_CLOSERS = {"”", "\"", "’", "'", ")", "»"}


class SentenceMarker:
    """Sentence starts at line breaks and after ``. ! ?`` (optionally closed by a quote)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # Computed in Python, written once as an array: setting ``token.is_sent_start`` token by
        # token re-checks the Doc's annotation each time.
        starts = numpy.full(len(doc), -1, dtype="int64")
        start_next = True
        texts = [t.text for t in doc]
        for i, token in enumerate(doc):
            text = texts[i]
            if token.is_space:
                if start_next or i == 0:
                    starts[i] = 1
                if "\n" in text:
                    start_next = True
                continue
            if start_next:
                starts[i] = 1
            start_next = False
            if "\n" in token.whitespace_:
                start_next = True
            elif text in _FINAL or (text in _CLOSERS and i and texts[i - 1] in _FINAL):
                nxt = texts[i + 1] if i + 1 < len(doc) else None
                # "Dr. Smith" / "U.S. officials": a lower-case or closing follower is no new sentence.
                if nxt is not None and nxt not in _CLOSERS and (nxt[:1].isupper() or nxt[:1] in "“\"("):
                    start_next = True
        if len(doc):
            starts[0] = 1
            doc.from_array([SENT_START], starts.astype("int64").view("uint64").reshape(-1, 1))
        return doc


class Gazetteer:
    """Knowledge-base, title and cue phrase matching in one pass, with guarded fuzzy fallback."""

    def __init__(self, nlp: Language, name: str, *, fuzzy: bool = True) -> None:
        self.name = name
        self.fuzzy = fuzzy
        self.vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lexicon: Lexicon | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        self.lexicon = load_lexicon()
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        tokenizer = nlp.tokenizer if nlp is not None else None
        assert tokenizer is not None, "initialize() needs the nlp object"
        for label, forms in self.lexicon.phrase_table().items():
            self.matcher.add(label, list(tokenizer.pipe(sorted(forms))))

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            raise RuntimeError(f"{self.name}: call nlp.initialize() before use (E101)")
        lex = self.lexicon
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            label = self.vocab.strings[match_id]
            if lex.accepts(span.text, label, sent_start=span[0].is_sent_start):
                spans.append(Span(doc, start, end, label=label, kb_id=span.text.lower()))
        # A title wins over an entity it overlaps: in "sekretaris Dewan Keamanan Federasi Rusia"
        # the title is "sekretaris Dewan Keamanan" and the state is "Federasi Rusia".
        roles = filter_spans([s for s in spans if s.label_ == "ROLE"])
        taken = {i for s in roles for i in range(s.start, s.end)}
        rest = [s for s in spans if s.label_ != "ROLE" and not any(i in taken for i in range(s.start, s.end))]
        spans = filter_spans(roles + rest)
        if self.fuzzy:
            spans = filter_spans(spans + self._fuzzy(doc, spans))
        doc.spans[SPAN_KEY] = spans
        return doc

    def _fuzzy(self, doc: Doc, found: list[Span]) -> list[Span]:
        assert self.lexicon is not None
        covered = {i for span in found for i in range(span.start, span.end)}
        after_title = {span.end for span in found if span.label_ == "ROLE"}
        extra = []
        particles = self.lexicon.name_particles
        honorifics = self.lexicon.honorifics
        for token in doc:
            if token.i in covered or not token.is_alpha or not token.text[0].isupper():
                continue
            if self._in_name(doc, token.i, covered, particles, honorifics, token.i in after_title):
                continue
            surface = self.lexicon.fuzzy_lookup(token.text)
            if surface is not None:
                extra.append(Span(doc, token.i, token.i + 1, label="FUZZY", kb_id=surface))
        return extra


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


@Language.factory("diplokg_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceMarker:
    return SentenceMarker(nlp, name)


@Language.factory("diplokg_gazetteer", default_config={"fuzzy": True})
def make_gazetteer(nlp: Language, name: str, fuzzy: bool) -> Gazetteer:
    return Gazetteer(nlp, name, fuzzy=fuzzy)
