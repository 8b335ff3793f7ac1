"""Readers for annotated language data: CoNLL-U treebanks and one-token-a-line NER files.

One ``Doc`` per sentence:

* CoNLL-U (UD Indonesian GSD/CSUI/PUD, UD English EWT) through spaCy's own converter, optionally
  with multi-word tokens merged into their surface form ("menyetujuinya", not "menyetujui" +
  "nya"), because that is what ``spacy.blank("id")``'s tokenizer produces and what diplokg reads;
* IOB/TSV NER files in their several column layouts (:data:`IOB_LAYOUTS`), with the label sets
  mapped onto one scheme (:data:`LABEL_MAP`: PER, ORG, LOC).

``diplokg nlp-eval`` reads the test splits with them, and ``training/`` (``scripts/corpora.py``
says which shared file plays which role) reads everything it trains on with the same code.
:func:`sentence_key` is the "exact text" used to keep test sentences out of training.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from spacy.tokens import Doc, Span
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

__all__ = ["FORMATS", "IOB_LAYOUTS", "LABEL_MAP", "read_conllu", "read_docs", "read_iob", "read_tagged",
           "read_tagged_text", "sentence_key"]

# Every NER label of every dataset, onto one scheme. A label not listed here is an error (a new
# dataset must say where its labels go), never silently dropped.
LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",  # NER-UI, NERGrit
    "ORG": "ORG",
    "ORGANIZATION": "ORG",  # NER-UI
    "ORGANISATION": "ORG",  # NERGrit
    "LOC": "LOC",
    "LOCATION": "LOC",  # NER-UI
    "PLACE": "LOC",  # NERGrit
}


@dataclass(frozen=True)
class IOBLayout:
    """Where the token and the tag are on a line, and how the columns are separated."""

    token_col: int
    tag_col: int
    sep: str | None  # None: any whitespace
    comments: bool = False  # lines starting with "# " are comments (CoNLL-U-like files)


IOB_LAYOUTS: dict[str, IOBLayout] = {
    "nerui": IOBLayout(token_col=0, tag_col=1, sep="\t"),  # IndoLEM NER-UI: token TAB tag
    "nergrit": IOBLayout(token_col=0, tag_col=1, sep="\t"),  # NERGrit: token TAB tag
    "idner": IOBLayout(token_col=0, tag_col=2, sep=None),  # IDNer: token POS tag, CRLF
    "uner": IOBLayout(token_col=1, tag_col=2, sep="\t", comments=True),  # UNER: id token tag - -
}

_SPACE = re.compile(r"\s+")


def sentence_key(text: str) -> str:
    """The text a sentence is compared by: all whitespace removed.

    >>> sentence_key("Retno Marsudi , di Jakarta .") == sentence_key("Retno Marsudi, di Jakarta.")
    True
    """
    return _SPACE.sub("", text)


def _blocks(path: Path) -> Iterator[list[str]]:
    """Yield the non-empty lines of each blank-line-separated block of ``path``."""
    block: list[str] = []
    with path.open(encoding="utf8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if line.strip():
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def _iob_spans(doc: Doc, tags: list[str], *, where: str) -> list[Span]:
    """Entity spans from BIO tags; an I- that does not continue its label starts an entity.

    ``label`` holds the *mapped* label, so the I- tag is compared after mapping too (comparing
    the raw ``PERSON`` with the mapped ``PER`` split every multi-word name).
    """
    spans: list[Span] = []
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, name = tag.partition("-")
        if tag == "O" or prefix == "B" or (prefix == "I" and LABEL_MAP.get(name) != label):
            if start is not None:
                spans.append(Span(doc, start, i, label=label))
                start, label = None, None
            if tag == "O":
                continue
        if prefix not in ("B", "I") or not name:
            raise ValueError(f"{where}: tag {tag!r} is not O, B-X or I-X")
        if name not in LABEL_MAP:
            raise ValueError(
                f"{where}: NER label {name!r} has no mapping; add it to LABEL_MAP in "
                "diplokg/nlp_data.py"
            )
        if start is None:
            start, label = i, LABEL_MAP[name]
    return spans


def read_iob(path: str | Path, layout: str, vocab: Vocab | None = None) -> Iterator[Doc]:
    """Read a one-token-a-line NER file (``IOB_LAYOUTS[layout]``), one ``Doc`` per sentence."""
    path = Path(path)
    spec = IOB_LAYOUTS[layout]
    vocab = vocab or Vocab()
    for n, block in enumerate(_blocks(path)):
        words: list[str] = []
        tags: list[str] = []
        for line in block:
            if spec.comments and line.startswith("#"):
                continue
            cols = line.split(spec.sep) if spec.sep else line.split()
            if len(cols) <= max(spec.token_col, spec.tag_col):
                raise ValueError(f"{path} sentence {n + 1}: line {line!r} has too few columns")
            words.append(cols[spec.token_col].strip())
            tags.append(cols[spec.tag_col].strip())
        if not words:
            continue
        doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        doc.ents = _iob_spans(doc, tags, where=f"{path} sentence {n + 1}")
        yield doc


def read_conllu(path: str | Path, *, merge: bool = False, upos_only: bool = False) -> Iterator[Doc]:
    """Read a CoNLL-U file with spaCy's converter, one Doc a sentence.

    With ``merge`` multi-word tokens become one token with the attributes of their head word
    (Indonesian: ``spacy.blank("id")`` keeps "menyetujuinya" whole; English: spaCy splits "don't"
    like UD does, so the words stay). With ``upos_only`` the morphological features are dropped,
    so the morphologizer learns UPOS alone (the Indonesian treebanks annotate features
    differently from one another).
    """
    text = Path(path).read_text(encoding="utf8")
    for doc in conllu_to_docs(text, n_sents=1, merge_subtokens=merge, no_print=True):
        if upos_only:
            for token in doc:
                token.set_morph(None)
        yield doc


def read_tagged(path: str | Path, vocab: Vocab | None = None) -> Iterator[Doc]:
    """Sentences of a token-TAB-tag file (the nlp-id POS corpus) as Docs with ``tag_`` set and
    nothing else annotated (no POS, heads or entities: missing for every other component)."""
    vocab = vocab or Vocab()
    for block in _blocks(Path(path)):
        pairs = [(cols[0].strip(), cols[1].strip() if len(cols) > 1 else "")
                 for cols in (line.split("\t") for line in block)]
        pairs = [(word, tag) for word, tag in pairs if word]
        if pairs:
            yield Doc(vocab, words=[w for w, _t in pairs], spaces=[True] * (len(pairs) - 1) + [False],
                      tags=[t for _w, t in pairs])


def read_tagged_text(path: str | Path) -> Iterator[str]:
    """Sentences of a token-TAB-tag file (the nlp-id POS corpus) as plain text, tags dropped."""
    for block in _blocks(Path(path)):
        words = [line.split("\t")[0].strip() for line in block]
        yield " ".join(w for w in words if w)


#: The formats :func:`read_docs` reads: CoNLL-U as is, CoNLL-U merged to surface tokens with UPOS
#: only (Indonesian), and the IOB layouts.
FORMATS = ("conllu", "conllu-merged-upos", *IOB_LAYOUTS)


def read_docs(path: str | Path, fmt: str) -> Iterator[Doc]:
    """The sentences of ``path`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "conllu":
        return read_conllu(path)
    if fmt == "conllu-merged-upos":
        return read_conllu(path, merge=True, upos_only=True)
    if fmt in IOB_LAYOUTS:
        return read_iob(path, fmt)
    raise ValueError(f"{path}: no reader for format {fmt!r}; use one of {', '.join(FORMATS)}")
