"""Readers for the shared training data and the one place that says which file is used for what.

Every corpus diplokg trains on is listed in ``SOURCES`` with its role (``train``, ``dev``, ``test``,
``raw``). The readers turn the files into spaCy ``Doc`` objects, one per sentence:

* CoNLL-U (UD Indonesian GSD/CSUI/PUD, UD English EWT) through spaCy's own converter, with
  multi-word tokens merged into their surface form ("menyetujuinya", not "menyetujui" + "nya"),
  because that is what ``spacy.blank("id")``'s tokenizer produces and what diplokg reads;
* IOB/TSV NER files in their several column layouts (``IOB_LAYOUTS``), with the label sets mapped
  onto one scheme (``LABEL_MAP``: PER, ORG, LOC).

``sentence_key`` is the "exact text" used to remove test sentences from training: the sentence with
all whitespace removed, so the same sentence tokenised differently by two datasets still matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

from spacy.tokens import Doc, Span
from spacy.training.converters import conllu_to_docs
from spacy.vocab import Vocab

__all__ = [
    "LABEL_MAP",
    "IOB_LAYOUTS",
    "Source",
    "SOURCES",
    "read_source",
    "read_iob",
    "read_conllu",
    "read_tagged_text",
    "sentence_key",
]

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

Role = Literal["train", "dev", "test", "raw"]


@dataclass(frozen=True)
class Source:
    """One shared file: which corpus it feeds (``id_ud``, ``id_ner``, ...), in which role."""

    name: str  # file stem under corpus/raw/
    corpus: str  # id_ud, id_ner, en_ud, en_ner, id_raw
    role: Role
    path: str  # relative to the shared dir
    fmt: str  # "conllu", "conllu-merged-upos", an IOB layout name, or "tagged"


SOURCES: tuple[Source, ...] = (
    # Indonesian UD: GSD dev+test, CSUI train, PUD for training; CSUI test only measures.
    Source("id_gsd_dev", "id_ud", "train", "training/ud-id/id_gsd-ud-dev.conllu", "conllu-merged-upos"),
    Source("id_gsd_test", "id_ud", "train", "training/ud-id/id_gsd-ud-test.conllu", "conllu-merged-upos"),
    Source("id_csui_train", "id_ud", "train", "training/ud-id/id_csui-ud-train.conllu", "conllu-merged-upos"),
    Source("id_pud", "id_ud", "train", "training/ud-id/id_pud-ud-test-revised.conllu", "conllu-merged-upos"),
    Source("id_csui_test", "id_ud", "test", "training/ud-id/id_csui-ud-test.conllu", "conllu-merged-upos"),
    # Indonesian NER: NER-UI fold 1, NERGrit, IDNer; their dev splits for early stopping.
    Source("id_nerui_train", "id_ner", "train", "ner/indolem-nerui/train.01.tsv", "nerui"),
    Source("id_nergrit_train", "id_ner", "train", "ner/nergrit/train_preprocess.txt", "nergrit"),
    Source("id_idner_train", "id_ner", "train", "training/ner-id/idner-train.txt", "idner"),
    Source("id_nerui_dev", "id_ner", "dev", "ner/indolem-nerui/dev.01.tsv", "nerui"),
    Source("id_nergrit_dev", "id_ner", "dev", "ner/nergrit/valid_preprocess.txt", "nergrit"),
    Source("id_idner_dev", "id_ner", "dev", "training/ner-id/idner-dev.txt", "idner"),
    Source("id_nerui_test", "id_ner", "test", "ner/indolem-nerui/test.01.tsv", "nerui"),
    Source("id_nergrit_test", "id_ner", "test", "ner/nergrit/test_preprocess.txt", "nergrit"),
    # English: EWT dev (UD) and UNER EWT dev (NER) train; their test splits only measure.
    Source("en_ewt_dev", "en_ud", "train", "training/ud-en/en_ewt-ud-dev.conllu", "conllu"),
    Source("en_ewt_test", "en_ud", "test", "training/ud-en/en_ewt-ud-test.conllu", "conllu"),
    Source("en_uner_dev", "en_ner", "train", "training/ner-en/uner_en_ewt-dev.iob2", "uner"),
    Source("en_uner_test", "en_ner", "test", "training/ner-en/uner_en_ewt-test.iob2", "uner"),
    # Raw Indonesian news sentences (nlp-id POS corpus, tags ignored) for `spacy pretrain`.
    Source("id_nlpid", "id_raw", "raw", "training/pos-id-nlpid.txt", "tagged"),
)

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
                "training/scripts/corpora.py"
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


def read_tagged_text(path: str | Path) -> Iterator[str]:
    """Sentences of a token-TAB-tag file (the nlp-id POS corpus) as plain text, tags dropped."""
    for block in _blocks(Path(path)):
        words = [line.split("\t")[0].strip() for line in block]
        yield " ".join(w for w in words if w)


def read_source(shared: str | Path, source: Source) -> Iterator[Doc]:
    """The Docs of one ``Source`` under the shared dir (not for ``raw`` sources)."""
    path = Path(shared) / source.path
    if not path.exists():
        raise FileNotFoundError(
            f"{source.name}: {path} not found; point the `shared` variable of "
            "training/project.yml (or SHARED_DIR) at the shared data dir"
        )
    if source.fmt == "conllu":
        return read_conllu(path)
    if source.fmt == "conllu-merged-upos":
        return read_conllu(path, merge=True, upos_only=True)
    if source.fmt in IOB_LAYOUTS:
        return read_iob(path, source.fmt)
    raise ValueError(f"{source.name}: no Doc reader for format {source.fmt!r}")
