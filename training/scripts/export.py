"""Copy the assembled pipelines into the package (``src/diplokg/models/{id,en}``), run-time files only.

    python scripts/export.py pipelines ../src/diplokg/models

What ``spacy.load`` needs stays (config.cfg, meta.json, tokenizer, vocab, one folder a component);
anything else in an assembled pipeline (a README, packaging files) is left behind. The destination
folder of each language is replaced whole, so a component removed from the pipeline goes too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

RUNTIME = {"config.cfg", "meta.json", "tokenizer", "vocab"}


def main(pipelines: Path, models: Path, languages: str = typer.Option("id,en")) -> None:
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
        size = sum(f.stat().st_size for f in dest.rglob("*") if f.is_file())
        typer.echo(f"{dest}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    typer.run(main)
