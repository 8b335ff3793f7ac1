"""The trained language layer inside the diplokg pipeline, and the one place names are reconciled.

- ``diplokg.trained_pipeline.v1`` (``spacy.registry.misc``) loads the pipeline shipped for a
  language (``resources.trained_pipeline_path``) on the diplokg pipeline's own vocab, so its
  labels and the Doc's strings are one store.
- ``diplokg_language_layer`` runs its components on a Doc that diplokg's sentence marker and
  gazetteer have already read: ``ner`` (PER, ORG, LOC into ``doc.ents``) and the syntax
  (tok2vec, tagger/morphologizer, parser: ``pos``, ``tag``, ``morph``, ``head``, ``dep``), each on
  ``"all"`` sentences, only the ``"cued"`` ones (a gazetteer cue for an event trigger or a speech
  verb: the sentences the extractor reads events and statements from), or ``"none"``. The
  sentence marker's boundaries stay authoritative: a whole-Doc parse respects the preset
  ``is_sent_start``, and a cued parse is written back and the boundaries set again.
- ``diplokg_entities`` reconciles: a knowledge-base match (``doc.spans["dkg"]``) wins for its
  tokens; what a statistical entity has outside every gazetteer match becomes a candidate in
  ``doc.spans["diplokg_candidates"]`` with its label, and its score in the group's
  ``attrs["scores"]`` (aligned with the spans, as spaCy's spancat stores scores).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry
from thinc.api import use_ops
from threadpoolctl import ThreadpoolController
from spacy.vocab import Vocab

from ..lexicon import load_lexicon
from .components import evaluated, gazetteer_matches
from .inference_ops import InferenceOps

__all__ = ["CANDIDATES_KEY", "LanguageLayer", "EntityReconciler", "trained_pipeline_loader"]

CANDIDATES_KEY = "diplokg_candidates"
_SCOPES = ("all", "cued", "none")
_SYNTAX = ("tagger", "morphologizer", "parser")
#: Articles the encoder reads at a time: its matrices outgrow the CPU's caches in larger batches
#: (in the build, encoder and NER: 11-12 us a word at 8 articles, 12.5-13 at 16, 14 at 64), while
#: NER gains from large ones.
_ENCODE_BATCH = 8
#: Sentences the tagger and parser read at a time. The parser's precomputed features are 4 KB a
#: token: a batch of every cued sentence (~1,300 for 64 articles) outgrows the caches; 128 parse
#: 1 us a word faster in the build (32: as slow as all at once, 8: slower still).
_PARSE_BATCH = 128

TrainedLoader = Callable[[str, Vocab], Language]


@registry.misc("diplokg.trained_pipeline.v1")
def trained_pipeline_loader() -> TrainedLoader:
    """A loader of the packaged trained pipeline for a language, on a given vocab."""

    def load(language: str, vocab: Vocab) -> Language:
        import spacy

        from ..resources import trained_pipeline_path

        # The tokenizer is diplokg's (spacy.blank's, the same rules): the trained one is not run.
        # numpy's BLAS multiplies the layers' matrices: on this project's CPUs it is 2-3x faster
        # than thinc's default (blis) for the small matrices of these models (bench/gemm.py); the
        # encoder's maxout and embedding sums are numpy's too (InferenceOps: the same numbers).
        with use_ops(InferenceOps.name, use_blis=False):
            return spacy.load(str(trained_pipeline_path(language)), vocab=vocab, exclude=["tokenizer"])

    return load


# A passive form needs a stem after its prefix: "dipanggil", not "dia" or "diri".
_MIN_PASSIVE_STEM = 4


class LanguageLayer:
    """Trained NER and syntax on all, cued or no sentences of a Doc (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, model: TrainedLoader, ner: str, syntax: str,
                 cue_tags: list[str]) -> None:
        for option, value in (("ner", ner), ("syntax", syntax)):
            if value not in _SCOPES:
                raise ValueError(f"{name}: {option} = {value!r}; use one of {', '.join(_SCOPES)}")
        self.name = name
        self.vocab = nlp.vocab
        self.lang = nlp.lang
        self.loader = model
        self.ner_scope = ner
        self.syntax_scope = syntax
        self.cue_tags = tuple(cue_tags)
        self.trained: Language | None = None
        self._cued: set[str] = set()
        self._lemmas: dict[int, int] = {}  # form hash -> lemma hash (the trained lemmatizer's table)
        self._blas: ThreadpoolController | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        # Loaded here, not at construction: a disabled layer costs nothing.
        self.trained = self.loader(self.lang, self.vocab)
        self._blas = ThreadpoolController()
        # The lookup table as hashes (form -> lemma), its lemmas in this vocab's strings: the Doc's
        # forms are looked up by hash, many at a time (a Python loop over tokens costs 4 us a word).
        lemmatizer = self._proc("lemmatizer")
        table = lemmatizer.lookups.get_table("lemma_lookup") if lemmatizer is not None else {}
        self._lemmas = {key: self.vocab.strings.add(value) for key, value in table.items()}
        lexicon = load_lexicon()
        self._cued = {form for form, tags in lexicon.cues.items()
                      if any(tag.startswith(self.cue_tags) for tag in tags)}
        prefix = lexicon.passive_prefix.get(self.lang)
        rules = lexicon.active_prefixes.get(self.lang, ())
        self._passive = (prefix, rules) if prefix and rules else None
        self._derived: dict[int, int] = {}  # lower-case form hash -> lemma hash (0: none), per process

    def _proc(self, name: str):
        assert self.trained is not None
        return self.trained.get_pipe(name) if self.trained.has_pipe(name) else None

    @property
    def syntax_components(self) -> list:
        """The tagger, morphologizer and parser: they read the shared tok2vec's ``doc.tensor``."""
        assert self.trained is not None
        return [proc for name, proc in self.trained.pipeline if name in _SYNTAX]

    def cued_sentences(self, doc: Doc) -> list[Span]:
        """Sentences holding a gazetteer cue for an event trigger or a speech verb."""
        cued = self._cued
        marked = numpy.zeros(len(doc) + 1, dtype=bool)
        for start, _end, label, key in gazetteer_matches(doc):
            if label == "CUE" and key in cued:
                marked[start] = True
        if not marked.any():
            return []
        return [sent for sent in doc.sents if marked[sent.start:sent.end].any()]

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        # A batch at a time: the parser and NER advance every Doc's state in one step, and the
        # encoder multiplies one large matrix (one Doc at a time costs half again as much).
        if self.trained is None or self._blas is None:
            raise RuntimeError(f"{self.name}: call nlp.initialize() before use")
        for batch in minibatch(docs, size=batch_size):
            # One BLAS thread: a build runs a process per core, so more threads only contend.
            with self._blas.limit(limits=1, user_api="blas"):
                self._annotate([doc for doc in batch if len(doc)])
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        if not docs:
            return
        tok2vec, ner = self._proc("tok2vec"), self._proc("ner")
        for doc in docs:
            self._lemmatize(doc)
        # One tok2vec feeds every component (their listeners read doc.tensor, and a sentence's
        # Doc carries its slice): the whole Doc is encoded once when anything reads it all.
        if "all" in (self.ner_scope, self.syntax_scope):
            docs = list(tok2vec.pipe(docs, batch_size=_ENCODE_BATCH))
        if self.ner_scope == "all":
            docs = list(ner.pipe(docs, batch_size=len(docs)))
        if self.syntax_scope == "all":
            for proc in self.syntax_components:
                docs = list(proc.pipe(docs, batch_size=len(docs)))
        if "cued" in (self.ner_scope, self.syntax_scope):
            by_doc = [(doc, self.cued_sentences(doc)) for doc in docs]
            cued = [(doc, sent) for doc, sents in by_doc for sent in sents]
            subs = [sub for doc, sents in by_doc for sub in _sentence_docs(doc, sents)]
            if subs and not docs[0].tensor.size:
                subs = list(tok2vec.pipe(subs, batch_size=_ENCODE_BATCH * 16))  # sentences, not articles
            if subs and self.ner_scope == "cued":
                subs = list(ner.pipe(subs, batch_size=len(subs)))
                ents: dict[int, list[Span]] = {}
                for (doc, sent), sub in zip(cued, subs):
                    ents.setdefault(id(doc), []).extend(
                        Span(doc, sent.start + e.start, sent.start + e.end, label=e.label) for e in sub.ents)
                for doc in docs:
                    doc.set_ents(ents.get(id(doc), []), default="unmodified")
            if subs and self.syntax_scope == "cued":
                self._parse_sentences(cued, subs)
        # The vectors were only the components' input: the Doc does not carry them on.
        for doc in docs:
            doc.tensor = numpy.zeros((0,), dtype="float32")

    def _lemmatize(self, doc: Doc) -> None:
        """Every token's lemma from the shipped lookup table (``lemmatizer``), tried as written and
        then lower-cased, so a sentence-initial "Bertemu" or "Met" gets "temu" or "meet" too."""
        if not self._lemmas:
            return
        get = self._lemmas.get
        derive = self._through_active if self._passive is not None else (lambda lower: 0)
        forms = doc.to_array([ORTH, LOWER])
        lemmas = numpy.fromiter((get(orth) or get(lower) or derive(lower) or orth for orth, lower in forms.tolist()),
                                dtype="uint64", count=len(forms))
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))

    def _through_active(self, lower: int) -> int:
        """The lemma of a passive form the table lacks, read through its active form ("dipanggil"
        -> "memanggil" -> "panggil"; ``active_prefixes`` in ``ontology/lexicon.yaml``); 0 if none.
        Decided once per word and process."""
        found = self._derived.get(lower)
        if found is None:
            assert self._passive is not None
            prefix, rules = self._passive
            word = self.vocab.strings[lower]
            found = 0
            stem = word[len(prefix):]
            if word.startswith(prefix) and len(stem) >= _MIN_PASSIVE_STEM and stem.isalpha():
                strings = self.vocab.strings
                for start, active in rules:
                    if stem.startswith(start):
                        found = self._lemmas.get(strings[active + stem[len(start):]], 0)
                        if found:
                            break
            self._derived[lower] = found
        return found

    def _parse_sentences(self, sents: list[tuple[Doc, Span]], subs: list[Doc]) -> None:
        """Tags and trees of each sentence's Doc written back into the Doc it came from."""
        for proc in self.syntax_components:
            subs = list(proc.pipe(subs, batch_size=_PARSE_BATCH))
        by_doc: dict[int, list[tuple[Span, Doc]]] = {}
        for (doc, sent), sub in zip(sents, subs):
            by_doc.setdefault(id(doc), []).append((sent, sub))
        for parsed in by_doc.values():
            doc = parsed[0][0].doc
            starts = doc.to_array([SENT_START])
            tags = doc.to_array([POS, TAG, MORPH])
            tree = numpy.zeros((len(doc), 2), dtype="uint64")  # head offset 0 and dep 0: missing
            for sent, sub in parsed:
                tags[sent.start:sent.end] = sub.to_array([POS, TAG, MORPH])
                tree[sent.start:sent.end] = sub.to_array([HEAD, DEP])
            doc.from_array([POS, TAG, MORPH], tags)
            doc.from_array([HEAD, DEP], tree)
            # Heads reset the boundaries from the trees (an unparsed sentence has none): the marker's win.
            doc.from_array([SENT_START], starts)


def _sentence_docs(doc: Doc, sents: list[Span]) -> list[Doc]:
    """Each sentence as a Doc of its own words, boundaries and slice of ``doc.tensor``: all the
    components read. (``Span.as_doc`` copies every attribute of the whole Doc for each sentence.)"""
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SPACY, SENT_START])
    subs = []
    for sent in sents:
        part = rows[sent.start:sent.end]
        sub = Doc(doc.vocab, words=[strings[orth] for orth in part[:, 0].tolist()],
                  spaces=part[:, 1].astype(bool).tolist())
        sub.from_array([SENT_START], part[:, 2:3])
        if doc.tensor.size:
            sub.tensor = doc.tensor[sent.start:sent.end]
        subs.append(sub)
    return subs


class EntityReconciler:
    """A knowledge-base match wins for its span; a statistical entity outside it is a candidate."""

    def __init__(self, nlp: Language, name: str, *, labels: list[str], key: str) -> None:
        self.name = name
        self.labels = set(labels)
        self.key = key
        self.scores: dict[str, float] = {}

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        # The score of a candidate is its model's precision for the label on the test split
        # (meta.json "performance", written by nlp-eval at export): spaCy's greedy NER has no
        # per-span probability. Components are initialised in order, so the layer is loaded.
        self.scores = {}
        for _name, proc in (nlp.pipeline if nlp is not None else []):
            if isinstance(proc, LanguageLayer) and proc.trained is not None:
                per_type = proc.trained.meta.get("performance", {}).get("ents_per_type", {})
                self.scores = {label: float(v.get("p", 0.0)) for label, v in per_type.items()}

    def __call__(self, doc: Doc) -> Doc:
        covered = numpy.zeros(len(doc) + 1, dtype=bool)
        for start, end, label, _key in gazetteer_matches(doc):
            if label != "CUE":  # entities, fuzzy matches and titles are knowledge-base matches
                covered[start:end] = True
        pieces: list[tuple[int, int, str]] = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            i = ent.start
            while i < ent.end:  # the runs of the entity's tokens that no gazetteer match covers
                if covered[i]:
                    i += 1
                    continue
                j = i
                while j < ent.end and not covered[j]:
                    j += 1
                if pieces and pieces[-1][1] == i and pieces[-1][2] == ent.label_:
                    # Two entities of one label side by side are one name the NER split ("Kenya
                    # William" + "Ruto" around a state the gazetteer covers: "William Ruto").
                    i = pieces.pop()[0]
                pieces.append((i, j, ent.label_))
                i = j
        spans = [Span(doc, start, end, label=label) for start, end, label in pieces
                 if any(t.is_alpha and t.text[:1].isupper() for t in doc[start:end])]
        doc.spans[self.key] = spans
        doc.spans[self.key].attrs["scores"] = [self.scores.get(span.label_, 0.0) for span in spans]
        return doc


@Language.factory(
    "diplokg_language_layer",
    default_config={"model": {"@misc": "diplokg.trained_pipeline.v1"}, "ner": "all", "syntax": "cued",
                    "cue_tags": ["event:", "speech", "according_to"]},
    assigns=["doc.ents", "token.pos", "token.tag", "token.morph", "token.head", "token.dep"],
)
@evaluated
def make_language_layer(nlp: Language, name: str, model: TrainedLoader, ner: str, syntax: str,
                        cue_tags: list[str]) -> LanguageLayer:
    return LanguageLayer(nlp, name, model=model, ner=ner, syntax=syntax, cue_tags=cue_tags)


@Language.factory(
    "diplokg_entities",
    default_config={"labels": ["PER", "ORG", "LOC"], "key": CANDIDATES_KEY},
    assigns=["doc.spans"],
    requires=["doc.ents", "doc.spans"],
)
@evaluated
def make_entities(nlp: Language, name: str, labels: list[str], key: str) -> EntityReconciler:
    return EntityReconciler(nlp, name, labels=labels, key=key)
