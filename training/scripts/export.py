"""Copy the assembled pipelines into the package (``src/diplokg/models/{id,en}``), run-time files only.

    python scripts/export.py pipelines ../src/diplokg/models [--common-words corpus/common_words.yaml --ontology ../ontology]

What ``spacy.load`` needs stays (config.cfg, meta.json, tokenizer, vocab, one folder a component);
anything else in an assembled pipeline (a README, packaging files) is left behind. The destination
folder of each language is replaced whole, so a component removed from the pipeline goes too.

With ``--shared`` the NER's precision/recall/F1 per label on the language's news test split
(``diplokg.nlp_scoring``: NER-UI test.01 for id, UNER EWT test for en) is written into the copied
``meta.json`` as spaCy's ``performance``: ``diplokg_entities`` gives a candidate its label's
precision as its score.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer

RUNTIME = {"config.cfg", "meta.json", "tokenizer", "vocab"}
#: The spaCy versions the shipped pipelines load in (meta.json "spacy_version"). spaCy writes the
#: version that trained them as the lower bound; the architectures are the same in every 3.8
#: release, and diplokg pins the release it runs on (pyproject.toml).
SPACY_VERSIONS = ">=3.8.0,<3.9.0"


NER_TEST = {"id": "id_nerui_test", "en": "en_uner_test"}


def write_performance(dest: Path, lang: str, shared: Path) -> None:
    import spacy
    from diplokg.nlp_scoring import _gold, score_ner

    split = NER_TEST[lang]
    scores = score_ner(spacy.load(dest), _gold(shared, split, 0), per_type=True)
    meta = json.loads((dest / "meta.json").read_text(encoding="utf8"))
    meta["performance"] = {"ents_f": scores["ents_f"], "ents_p": scores["ents_p"], "ents_r": scores["ents_r"],
                           "ents_per_type": scores["ents_per_type"], "measured_on": split}
    (dest / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf8")


def main(pipelines: Path, models: Path, languages: str = typer.Option("id,en"),
         shared: Path = typer.Option(None, help="shared data dir: also write NER scores per label into meta.json"),
         common_words: Path = typer.Option(None, help="corpus/common_words.yaml (`common-words`), copied into --ontology"),
         ontology: Path = typer.Option(Path("../ontology"), help="diplokg's ontology dir")) -> None:
    for lang in languages.split(","):
        source, dest = pipelines / lang, models / lang
        if not (source / "config.cfg").is_file():
            raise typer.BadParameter(f"{source} is no assembled pipeline; run `spacy project run assemble` first")
        import spacy

        components = set(spacy.util.load_config(source / "config.cfg")["nlp"]["pipeline"])
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for entry in sorted(source.iterdir()):
            if entry.name in RUNTIME | components:
                (shutil.copytree if entry.is_dir() else shutil.copy2)(entry, dest / entry.name)
        meta = json.loads((dest / "meta.json").read_text(encoding="utf8"))
        meta["spacy_version"] = SPACY_VERSIONS
        (dest / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf8")
        if shared is not None:
            write_performance(dest, lang, shared)
        size = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file())
        typer.echo(f"{dest}: {size / 1e6:.1f} MB")
    if common_words is not None:
        shutil.copyfile(common_words, ontology / "common_words.yaml")
        typer.echo(f"{ontology / 'common_words.yaml'}: from {common_words}")


if __name__ == "__main__":
    typer.run(main)
