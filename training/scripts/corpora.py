"""Which shared file trains, tunes or measures what: the one list of the training data.

Every corpus diplokg trains on is listed in ``SOURCES`` with its role (``train``, ``dev``, ``test``,
``raw``). The readers are the package's (``diplokg.nlp_data``: CoNLL-U with multi-word tokens
merged for Indonesian, the IOB layouts with their labels mapped onto PER, ORG, LOC), so training
and ``diplokg nlp-eval`` read the files the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Literal

from diplokg.nlp_data import (IOB_LAYOUTS, LABEL_MAP, read_conllu, read_docs, read_iob, read_tagged,
                              read_tagged_text, sentence_key)
from spacy.tokens import Doc

__all__ = [
    "LABEL_MAP",
    "IOB_LAYOUTS",
    "Source",
    "SOURCES",
    "read_source",
    "read_iob",
    "read_conllu",
    "read_tagged",
    "read_tagged_text",
    "sentence_key",
]

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
    # Indonesian news sentences with POS tags (nlp-id): an auxiliary tagging task for the tok2vec
    # (`prepare.py aux`), and raw text for the common words and `spacy pretrain`.
    Source("id_nlpid", "id_raw", "raw", "training/pos-id-nlpid.txt", "tagged"),
)

def read_source(shared: str | Path, source: Source) -> Iterator[Doc]:
    """The Docs of one ``Source`` under the shared dir (not for ``raw`` sources)."""
    path = Path(shared) / source.path
    if not path.exists():
        raise FileNotFoundError(
            f"{source.name}: {path} not found; point the `shared` variable of "
            "training/project.yml (or SHARED_DIR) at the shared data dir"
        )
    return read_docs(path, source.fmt)
