"""Build a static-vectors table of English lexical knowledge for the English tok2vec.

    python scripts/en_vectors.py corpus/en_lexvectors [--dim 48] [--prob-min -15] [--seed 0]

Reads three tables of spacy-lookups-data (MIT, installed with the `train` extra):
`en_lexeme_cluster` (Brown clusters: word -> the bit path read as an int, 0 = no cluster),
`en_lexeme_prob` (word -> log probability) and `en_lemma_index` (WordNet words by POS: noun, verb,
adj, adv), and the place and personal names of knowledge.py (GeoNames, the US Census name lists,
diplokg's knowledge base). Writes a blank English spaCy pipeline whose `vocab.vectors`
(spacy.vectors.Vectors, keyed by ORTH) has one ROW per distinct feature combination and one KEY
per word, so some twenty thousand rows serve ~650k words; a config reads it with `[paths] vectors`
(`[initialize] vectors = ${paths.vectors}`) and `include_static_vectors`.

A row's vector (dim + 10 floats):
- the cluster: the sum of fixed random Gaussian vectors (seeded by the prefix) of the prefixes of
  the cluster's bit string at depths 2, 4, 6, ... and the full string, divided by the square root
  of their number (0 where the word has no cluster). The int loses the path's leading zeros, so
  the prefixes are those of the int's binary form;
- 4 flags: the word (or its lower-cased form) is a WordNet noun, verb, adjective, adverb;
- 1 flag: the word has a cluster;
- the log probability's bucket (2 nats wide), scaled to [0, 1] (1 = most frequent);
- 1 flag: English writes the word capitalised more often than not (`en_lexeme_prob` is
  case-sensitive);
- 3 flags: the word (or its title-case form: web text writes "mike" and "DUFFIE") is a word of a
  place name, a first name, a surname.

Keys: every word with a cluster, every WordNet word, every other word with a log probability
above --prob-min, and every place-name and personal-name word; plus each key's lower-cased form
where the table lacks it (the most probable cased form's row).
"""

from __future__ import annotations

from pathlib import Path

import numpy
import spacy
import typer
from spacy.strings import get_string_id
from spacy.vectors import Vectors

from knowledge import person_name_parts, place_parts, table

POS = ("noun", "verb", "adj", "adv")


def _bucket(logprob: float) -> int:
    return int(min(7, max(0, (-logprob - 3.0) // 2)))


def _capitalised(word: str, probs: dict[str, float], floor: float) -> bool:
    """Whether English writes ``word`` capitalised more often than in lower case (``probs`` is
    case-sensitive: "Qatar" against "qatar")."""
    title = word[:1].upper() + word[1:].lower()
    return title in probs and probs[title] > probs.get(word.lower(), floor)


def _cluster_vector(cluster: int, dim: int, seed: int, cache: dict) -> numpy.ndarray:
    if not cluster:
        return numpy.zeros(dim, dtype="f")
    bits = format(cluster, "b")
    depths = sorted(set(list(range(2, len(bits), 2)) + [len(bits)]))
    total = numpy.zeros(dim, dtype="f")
    for depth in depths:
        prefix = bits[:depth]
        if prefix not in cache:
            # one seed per prefix (and per global seed): the same prefix, the same vector
            rng = numpy.random.default_rng([seed, depth, int(prefix, 2)])
            cache[prefix] = rng.normal(0.0, 1.0 / numpy.sqrt(dim), dim).astype("f")
        total += cache[prefix]
    return total / numpy.sqrt(len(depths))


def main(
    output: Path,
    dim: int = typer.Option(48, help="dimensions of the cluster embedding"),
    prob_min: float = typer.Option(-15.0, help="keep words without a cluster above this log prob"),
    seed: int = typer.Option(0, help="seed of the random prefix vectors"),
) -> None:
    clusters: dict[str, int] = table("en_lexeme_cluster")
    probs: dict[str, float] = table("en_lexeme_prob")
    index: dict[str, list[str]] = table("en_lemma_index")
    wordnet = {pos: set(index[pos]) for pos in POS}
    places = place_parts()
    first_names, surnames = person_name_parts()
    floor = min(probs.values())

    words = [w for w in probs if clusters.get(w) or w in wordnet["noun"] or w in wordnet["verb"]
             or w in wordnet["adj"] or w in wordnet["adv"] or probs[w] > prob_min]
    words += sorted({w for pos in POS for w in wordnet[pos]} - set(words))
    words += sorted((places | first_names | surnames) - set(words))

    def features(word: str) -> tuple:
        lower, title = word.lower(), word[:1].upper() + word[1:].lower()
        pos = tuple(word in wordnet[p] or lower in wordnet[p] for p in POS)
        # names as the lists write them, whatever the case of the text ("mike", "DUFFIE")
        names = (word in places or title in places, title in first_names, title in surnames)
        return clusters.get(word, 0), pos, _bucket(probs.get(word, floor)), _capitalised(word, probs, floor), names

    cache: dict[str, numpy.ndarray] = {}

    def row(combo: tuple) -> list[float]:
        cluster, pos, bucket, capitalised, names = combo
        return [*_cluster_vector(cluster, dim, seed, cache), *pos, 1.0 if cluster else 0.0, (7 - bucket) / 7.0,
                capitalised, *names]

    # the prob table is ordered by frequency: most probable first
    vectors = write_table(output, "en", "en_lexclusters", words, features, row, dim + 10)
    typer.echo(f"{output}: {vectors.n_keys} keys, {vectors.shape[0]} rows, {vectors.shape[1]} dims "
               f"({sum(1 for w in words if clusters.get(w))} clustered words, {len(cache)} prefixes, "
               f"{len(places)} place-name words, {len(first_names)} first names, {len(surnames)} surnames)")


def write_table(output: Path, lang: str, name: str, words: list[str], features, row, width: int) -> Vectors:
    """A blank ``lang`` pipeline whose vectors hold one row per distinct ``features(word)`` (its
    values ``row(features)``, ``width`` floats) and one key per word, plus each word's lower-cased
    form where the table lacks it (the row of its first cased form), written to ``output``."""
    combos: dict[tuple, int] = {}
    key_rows: dict[str, int] = {}
    for word in words:
        key_rows.setdefault(word, combos.setdefault(features(word), len(combos)))
    for word in words:
        key_rows.setdefault(word.lower(), key_rows[word])
    data = numpy.zeros((len(combos), width), dtype="f")
    for combo, k in combos.items():
        data[k] = row(combo)
    vectors = Vectors(data=data, keys=[], name=name)
    for word, k in key_rows.items():
        vectors.add(get_string_id(word), row=k)
    nlp = spacy.blank(lang)
    nlp.vocab.vectors = vectors
    nlp.to_disk(output)
    return vectors


if __name__ == "__main__":
    typer.run(main)
