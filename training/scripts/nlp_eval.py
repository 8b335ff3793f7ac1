"""Measure the trained pipelines on the test splits of the shared data: the ``evaluate`` step.

    python scripts/nlp_eval.py ../../shared pipelines/id pipelines/en [--output metrics.json]

A thin command over :func:`diplokg.nlp_scoring.nlp_eval` (the same measure as ``diplokg nlp-eval``,
pointed at freshly assembled pipelines instead of the packaged ones), so training and the package
never score differently.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from diplokg.nlp_scoring import TARGETS, format_table, nlp_eval, score_ner, score_ud

__all__ = ["TARGETS", "nlp_eval", "score_ner", "score_ud"]


def main(
    shared: Path,
    id_pipeline: Path,
    en_pipeline: Path,
    output: Path = typer.Option(None, help="write the scores as JSON here"),
    limit: int = typer.Option(0, help="first N sentences of each test file (0: all)"),
) -> None:
    scores = nlp_eval(shared, id_pipeline, en_pipeline, limit=limit)
    typer.echo(format_table(scores))
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf8")


if __name__ == "__main__":
    typer.run(main)
