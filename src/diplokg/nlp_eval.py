"""Measure the packaged language layer on the public test splits (``diplokg nlp-eval``).

:func:`nlp_eval` returns fractions::

    {"id": {"ner_nerui_f1", "ner_nergrit_f1", "upos", "uas", "las"},
     "en": {"upos", "uas", "las", "ner_f1"}}

It measures end to end, as diplokg runs: each test sentence's text goes through the pipeline's own
tokenizer (``spacy.blank``'s), and spaCy's ``Scorer`` aligns the predicted tokens with the gold
ones (a token that does not align one-to-one counts as wrong). Indonesian gold is CoNLL-U with
multi-word tokens merged into their surface token, since the tokenizer keeps "menyetujuinya"
whole. UAS/LAS are spaCy's (punctuation excluded, as ``spacy evaluate`` reports them); NER F1 is
exact-span micro F1 over PER, ORG, LOC (labels mapped by ``nlp_data.LABEL_MAP``).

The test files are read from the shared data directory (:data:`TEST_SPLITS`, relative paths) by
the readers training uses (:mod:`diplokg.nlp_data`); ``training/scripts/corpora.py`` lists the
same files with their training roles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

from .errors import ConfigError
from .nlp_data import read_docs

__all__ = ["TARGETS", "TEST_SPLITS", "format_table", "nlp_eval", "score_ner", "score_ud"]

#: The targets of issue 12 (fractions); a figure passes when it is >= its target.
TARGETS: dict[str, dict[str, float]] = {
    "id": {"ner_nerui_f1": 0.80, "ner_nergrit_f1": 0.70, "upos": 0.92, "uas": 0.80, "las": 0.72},
    "en": {"upos": 0.92, "uas": 0.0, "las": 0.75, "ner_f1": 0.75},
}


#: The test splits, by name: (path under the shared dir, format).
TEST_SPLITS: dict[str, tuple[str, str]] = {
    "id_csui_test": ("training/ud-id/id_csui-ud-test.conllu", "conllu-merged-upos"),
    "id_nerui_test": ("ner/indolem-nerui/test.01.tsv", "nerui"),
    "id_nergrit_test": ("ner/nergrit/test_preprocess.txt", "nergrit"),
    "en_ewt_test": ("training/ud-en/en_ewt-ud-test.conllu", "conllu"),
    "en_uner_test": ("training/ner-en/uner_en_ewt-test.iob2", "uner"),
}


def _gold(shared: str | Path, name: str, limit: int) -> list[Doc]:
    rel, fmt = TEST_SPLITS[name]
    path = Path(shared) / rel
    if not path.is_file():
        raise ConfigError(
            f"test split {name} not found: {path}",
            hint="pass the shared data directory (with training/ and ner/) as SHARED_DIR",
        )
    out = []
    for doc in read_docs(path, fmt):
        out.append(doc)
        if limit and len(out) >= limit:
            break
    return out


def _examples(nlp: Language, gold: list[Doc], components: list[str]) -> list[Example]:
    with nlp.select_pipes(enable=components):
        predicted = list(nlp.pipe(doc.text for doc in gold))
    return [Example(pred, ref) for pred, ref in zip(predicted, gold)]


def score_ner(nlp: Language, gold: Iterable[Doc], *, per_type: bool = False) -> float | dict:
    """Exact-span micro F1 of ``nlp``'s ner on ``gold`` Docs (``per_type``: spaCy's whole score dict)."""
    # an un-assembled NER pipeline's ner listens to a tok2vec component: keep what precedes it
    names = [n for n in nlp.pipe_names[: nlp.pipe_names.index("ner") + 1] if n in ("ner", "tok2vec")]
    scores = Scorer.score_spans(_examples(nlp, list(gold), names), "ents")
    return scores if per_type else float(scores["ents_f"] or 0.0)


def score_ud(nlp: Language, gold: Iterable[Doc]) -> dict[str, float]:
    """UPOS accuracy, UAS and LAS of ``nlp`` on ``gold`` Docs."""
    names = [n for n in nlp.pipe_names if n != "ner"]
    examples = _examples(nlp, list(gold), names)
    pos = Scorer.score_token_attr(examples, "pos")
    deps = Scorer.score_deps(examples, "dep", getter=lambda token, attr: getattr(token, attr),
                             ignore_labels=("p", "punct"))
    return {"upos": float(pos["pos_acc"] or 0.0), "uas": float(deps["dep_uas"] or 0.0),
            "las": float(deps["dep_las"] or 0.0)}


def _load(pipeline: str | Path | Language | None, language: str) -> Language:
    import spacy

    if isinstance(pipeline, Language):
        return pipeline
    if pipeline is None:
        from .resources import trained_pipeline_path

        pipeline = str(trained_pipeline_path(language))
    return spacy.load(pipeline)


def nlp_eval(
    shared: str | Path,
    id_pipeline: str | Path | Language | None = None,
    en_pipeline: str | Path | Language | None = None,
    *,
    limit: int = 0,
) -> dict[str, dict[str, float]]:
    """Scores of the ``id`` and ``en`` pipelines (default: the packaged ones) on the test splits
    under ``shared``. ``limit`` > 0 reads only the first ``limit`` sentences of each test file.

    Raises :class:`~diplokg.errors.ConfigError` naming the first test file that is missing.
    """
    for name in TEST_SPLITS:  # every file up front: fail before minutes of scoring
        _gold(shared, name, 1)
    nlp_id, nlp_en = _load(id_pipeline, "id"), _load(en_pipeline, "en")
    return {
        "id": {
            "ner_nerui_f1": score_ner(nlp_id, _gold(shared, "id_nerui_test", limit)),
            "ner_nergrit_f1": score_ner(nlp_id, _gold(shared, "id_nergrit_test", limit)),
            **score_ud(nlp_id, _gold(shared, "id_csui_test", limit)),
        },
        "en": {**score_ud(nlp_en, _gold(shared, "en_ewt_test", limit)),
               "ner_f1": score_ner(nlp_en, _gold(shared, "en_uner_test", limit))},
    }


def format_table(scores: dict[str, dict[str, float]]) -> str:
    """The scores beside the targets, one line each."""
    lines = [f"{'pipeline':8} {'metric':15} {'score':>6} {'target':>6}  result"]
    for lang, metrics in scores.items():
        for key, value in metrics.items():
            target = TARGETS.get(lang, {}).get(key, 0.0)
            verdict = "-" if not target else ("pass" if value >= target else "MISS")
            shown = f"{target:6.2f}" if target else "     -"
            lines.append(f"{lang:8} {key:15} {value:6.3f} {shown}  {verdict}")
    return "\n".join(lines)
