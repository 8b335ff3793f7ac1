"""Convert the shared data to spaCy's binary format, then deduplicate and split it.

    python scripts/prepare.py convert ../../shared corpus/raw
    python scripts/prepare.py dedup corpus/raw corpus

``convert`` writes one ``.spacy`` file per source file (``corpora.SOURCES``) and the raw text of the
pretraining corpus. ``dedup`` builds the training corpora:

* every training, dev and raw sentence whose text (``corpora.sentence_key``) occurs in any test
  split is removed;
* a sentence that occurs twice in one corpus's training data is kept once;
* a dev sentence that also occurs in training is removed from dev;
* corpora with no dev split of their own (UD, UNER) hold out every sentence whose key hashes to 0
  mod ``dev_every`` (a fixed hash, so EWT and UNER, the same sentences, hold out the same ones).

The counts go to ``corpus/dedup.json``.
"""

from __future__ import annotations

import json
import sys
import zlib
from collections import defaultdict
from pathlib import Path

import srsly
import typer
from spacy.tokens import DocBin

sys.path.insert(0, str(Path(__file__).parent))
from corpora import SOURCES, read_source, read_tagged, read_tagged_text, sentence_key  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True)

# Keeps a test-split label set honest in the report and catches an empty conversion early.
_DOC_ATTRS = ["ORTH", "SPACY", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE"]


@app.command()
def convert(shared: Path, out_dir: Path, limit: int = typer.Option(0, help="sentences per file")) -> None:
    """Read every shared source into OUT_DIR/<name>.spacy (raw text: OUT_DIR/<name>.txt)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in SOURCES:
        if source.role == "raw":
            lines = list(read_tagged_text(Path(shared) / source.path))
            lines = lines[:limit] if limit else lines
            (out_dir / f"{source.name}.txt").write_text("\n".join(lines) + "\n", encoding="utf8")
            typer.echo(f"{source.name}: {len(lines)} raw sentences")
            continue
        docs = list(read_source(shared, source))
        docs = docs[:limit] if limit else docs
        if not docs:
            raise typer.BadParameter(f"{source.name}: no sentences in {Path(shared) / source.path}")
        DocBin(attrs=_DOC_ATTRS, docs=docs).to_disk(out_dir / f"{source.name}.spacy")
        n_ents = sum(len(d.ents) for d in docs)
        typer.echo(f"{source.name}: {len(docs)} sentences, {n_ents} entities")


def _load(path: Path):
    from spacy.vocab import Vocab

    return list(DocBin().from_disk(path).get_docs(Vocab()))


def _test_keys(raw_dir: Path) -> set[str]:
    """The keys (``sentence_key``) of every test sentence converted into RAW_DIR."""
    return {sentence_key(d.text) for source in SOURCES if source.role == "test"
            for d in _load(raw_dir / f"{source.name}.spacy")}


@app.command()
def dedup(raw_dir: Path, out_dir: Path, dev_every: int = 10) -> None:
    """Remove test sentences from training, deduplicate, split dev; write OUT_DIR/<corpus>_*.spacy."""
    test_keys = _test_keys(raw_dir)
    report: dict = {"test_sentences": len(test_keys), "sources": {}, "corpora": {}}
    train: dict[str, list] = defaultdict(list)
    dev: dict[str, list] = defaultdict(list)
    has_dev = {s.corpus for s in SOURCES if s.role == "dev"}
    seen: dict[str, set[str]] = defaultdict(set)
    # train sources first, so that a dev sentence also in training is dropped from dev
    for source in sorted(SOURCES, key=lambda s: ("train", "dev").index(s.role) if s.role in ("train", "dev") else 2):
        if source.role not in ("train", "dev"):
            continue
        docs = _load(raw_dir / f"{source.name}.spacy")
        counts = {"read": len(docs), "in_test": 0, "duplicate": 0, "train": 0, "dev": 0}
        for doc in docs:
            key = sentence_key(doc.text)
            if key in test_keys:
                counts["in_test"] += 1
                continue
            if key in seen[source.corpus]:
                counts["duplicate"] += 1
                continue
            seen[source.corpus].add(key)
            held_out = source.corpus not in has_dev and zlib.crc32(key.encode("utf8")) % dev_every == 0
            if source.role == "dev" or held_out:
                dev[source.corpus].append(doc)
                counts["dev"] += 1
            else:
                train[source.corpus].append(doc)
                counts["train"] += 1
        report["sources"][source.name] = counts
    out_dir.mkdir(parents=True, exist_ok=True)
    for corpus in sorted(set(train) | set(dev)):
        DocBin(attrs=_DOC_ATTRS, docs=train[corpus]).to_disk(out_dir / f"{corpus}_train.spacy")
        DocBin(attrs=_DOC_ATTRS, docs=dev[corpus]).to_disk(out_dir / f"{corpus}_dev.spacy")
        report["corpora"][corpus] = {
            "train_sentences": len(train[corpus]),
            "train_words": sum(len(d) for d in train[corpus]),
            "dev_sentences": len(dev[corpus]),
        }
    for source in SOURCES:
        if source.role != "raw":
            continue
        lines = (raw_dir / f"{source.name}.txt").read_text(encoding="utf8").splitlines()
        kept, keys = [], set()
        counts = {"read": len(lines), "in_test": 0, "duplicate": 0, "kept": 0}
        for line in lines:
            key = sentence_key(line)
            if key in test_keys:
                counts["in_test"] += 1
            elif key in keys or not key:
                counts["duplicate"] += 1
            else:
                keys.add(key)
                kept.append({"text": line})
        counts["kept"] = len(kept)
        srsly.write_jsonl(out_dir / f"{source.corpus}.jsonl", kept)
        report["sources"][source.name] = counts
    (out_dir / "dedup.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf8")
    for name, counts in report["sources"].items():
        typer.echo(f"{name}: {counts}")
    for name, counts in report["corpora"].items():
        typer.echo(f"{name}: {counts}")


@app.command()
def select(corpus_path: Path, source_path: Path, out_path: Path) -> None:
    """Keep the sentences of CORPUS_PATH that come from SOURCE_PATH (a corpus/raw/ file).

    Picks out UD CSUI and NERGrit, which the Indonesian training corpus holds more copies of.
    """
    from spacy.vocab import Vocab

    vocab = Vocab()
    keys = {sentence_key(d.text) for d in DocBin().from_disk(source_path).get_docs(vocab)}
    docs = [d for d in DocBin().from_disk(corpus_path).get_docs(vocab) if sentence_key(d.text) in keys]
    DocBin(attrs=_DOC_ATTRS, docs=docs).to_disk(out_path)
    typer.echo(f"{out_path}: {len(docs)} sentences of {source_path.stem}")


@app.command()
def aux(shared: Path, raw_dir: Path, train_path: Path, dev_path: Path, out_path: Path,
        every: int = typer.Option(3, help="keep 1 tagged sentence in EVERY"),
        limit: int = typer.Option(0, help="tagged sentences read (0: all)")) -> None:
    """The Indonesian training corpus with an auxiliary task: TRAIN_PATH (UD + NER) and 1 in
    ``every`` sentence of the nlp-id POS corpus with its tags only, into OUT_PATH.

    A ``tagger`` trained on those tags shares the one tok2vec (``configs/id.cfg``) and is not
    shipped (README.md, "Results": a small gain, within two seeds' noise but for UPOS). A tagged
    sentence that is a test, dev or training sentence, or a repeat, is left out; the UD
    sentences' own XPOS (three treebanks, three tag sets) are cleared, so the tagger learns one.
    """
    from spacy.vocab import Vocab

    vocab = Vocab()
    source = next(s for s in SOURCES if s.name == "id_nlpid")
    test_keys = _test_keys(raw_dir)
    train = list(DocBin().from_disk(train_path).get_docs(vocab))
    dev_keys = {sentence_key(d.text) for d in DocBin().from_disk(dev_path).get_docs(vocab)}
    train_keys = {sentence_key(d.text) for d in train}
    counts = {"read": 0, "in_test": 0, "in_dev": 0, "in_train": 0, "duplicate": 0, "not_sampled": 0, "kept": 0}
    seen: set[str] = set()
    tagged = []
    for doc in read_tagged(shared / source.path, vocab):
        if limit and counts["read"] >= limit:
            break
        counts["read"] += 1
        key = sentence_key(doc.text)
        reason = ("in_test" if key in test_keys else "in_dev" if key in dev_keys else
                  "in_train" if key in train_keys else "duplicate" if key in seen else None)
        if reason:
            counts[reason] += 1
            continue
        seen.add(key)
        if zlib.crc32(key.encode("utf8")) % every:
            counts["not_sampled"] += 1
            continue
        tagged.append(doc)
        counts["kept"] += 1
    for doc in train:
        for token in doc:
            token.tag_ = ""
    DocBin(attrs=_DOC_ATTRS, docs=train + tagged).to_disk(out_path)
    typer.echo(f"{out_path}: {len(train)} sentences of {train_path.name} and {len(tagged)} tagged: {counts}")


@app.command()
def merge(out_path: Path, corpus_paths: list[Path],
          extra: list[str] = typer.Option([], help="PATH=N: N more copies of PATH's sentences")) -> None:
    """Concatenate corpora into OUT_PATH (one shared tok2vec learns from all of them).

    A sentence keeps only the layers its corpus annotates: spaCy treats the others as missing
    (no ``ENT_IOB``: the NER skips it; no heads: the parser does; no POS: the morphologizer does).
    ``--extra`` weights a part: CSUI, the formal news the Indonesian parser is measured on and
    diplokg reads, and NERGrit, whose entity conventions differ from NER-UI's (README.md, "Results").
    """
    from spacy.vocab import Vocab

    vocab = Vocab()
    docs = [d for path in corpus_paths for d in DocBin().from_disk(path).get_docs(vocab)]
    for item in extra:
        path, _, copies = item.rpartition("=")
        if not path or not copies.isdigit():
            raise typer.BadParameter(f"--extra {item!r}: write PATH=N")
        part = list(DocBin().from_disk(Path(path)).get_docs(vocab))
        docs += part * int(copies)
        typer.echo(f"{path}: {len(part)} sentences, {copies} more copies")
    DocBin(attrs=_DOC_ATTRS, docs=docs).to_disk(out_path)
    typer.echo(f"{out_path}: {len(docs)} sentences from {len(corpus_paths)} corpora")


#: Tokens after which a capitalised word may open a sentence (it says nothing about names there).
_OPENERS = frozenset('.!?:;"“”\'‘’()[]-–—•')


@app.command("common-words")
def common_words(out_path: Path, sources: list[str] = typer.Argument(..., help="LANG=PATH: a .spacy corpus or a .jsonl of {\"text\"} sentences"),
                 min_count: int = typer.Option(3, help="lower-case occurrences a word needs"),
                 ratio: float = typer.Option(2.0, help="lower-case occurrences per capitalised one inside a sentence")) -> None:
    """The words each language writes in lower case inside sentences far more often than
    capitalised: common words, not names ("studi", "strategis", not "budi" or "retno").

    diplokg's people reader uses them (``ontology/common_words.yaml``, copied there by ``export``):
    a run of two or more capitalised words that are all common words is a unit's or a thing's
    name ("Direktur Studi Strategis"), not a person's. Counted on training sentences only.
    """
    from collections import Counter

    import spacy
    from spacy.vocab import Vocab

    lower: dict[str, Counter] = defaultdict(Counter)
    capital: dict[str, Counter] = defaultdict(Counter)
    for source in sources:
        lang, _, path = source.partition("=")
        if path.endswith(".jsonl"):
            tokenizer = spacy.blank(lang).tokenizer
            sentences = ([t.text for t in tokenizer(line["text"])] for line in srsly.read_jsonl(path))
        else:
            sentences = ([t.text for t in doc] for doc in DocBin().from_disk(path).get_docs(Vocab()))
        for words in sentences:
            for k, word in enumerate(words):
                if not word.isalpha():
                    continue
                if word.islower():
                    lower[lang][word] += 1
                elif k > 0 and word[0].isupper() and words[k - 1] not in _OPENERS:
                    capital[lang][word.lower()] += 1
    table = {lang: sorted(w for w, n in counts.items()
                          if len(w) >= 3 and n >= min_count and n > ratio * capital[lang][w])
             for lang, counts in sorted(lower.items())}
    header = ("# Common words: written in lower case inside sentences at least {m} times and over {r:g} times\n"
              "# as often as capitalised there, in the training sentences of each language (training/README.md).\n"
              "# Generated by `spacy project run common-words training`; copied here by `export`. Do not edit.\n"
              ).format(m=min_count, r=ratio)
    out_path.write_text(header + srsly.yaml_dumps(table), encoding="utf8")
    typer.echo(f"{out_path}: " + ", ".join(f"{lang} {len(words)} words" for lang, words in table.items()))


if __name__ == "__main__":
    app()
