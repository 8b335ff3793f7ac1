"""Measure the packaged language layer on the public test splits (``diplokg nlp-eval``).

:func:`nlp_eval` (``diplokg.nlp_eval``) returns fractions, as :class:`LanguageScores` (a dict)::

    {"id": {"ner_nerui_f1", "ner_nergrit_f1", "upos", "uas", "las"},
     "en": {"upos", "uas", "las", "ner_f1"}}

(The module is not called ``nlp_eval``: a submodule of that name would shadow the public function
``diplokg.nlp_eval`` once imported.)

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

__all__ = ["TARGETS", "TEST_SPLITS", "LanguageScores", "format_table", "nlp_eval", "score_ner", "score_ud"]

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


class LanguageScores(dict):
    """Language -> metric -> fraction: what :func:`nlp_eval` measures, a plain ``dict`` (as JSON it
    is the same) that also writes itself beside the targets (:meth:`table`)."""

    def table(self) -> str:
        """The scores beside the :data:`TARGETS`, one line each (``pass``, ``MISS`` or ``-``
        where there is no target).

        >>> print(LanguageScores({"en": {"upos": 0.95, "uas": 0.8}}).table())
        pipeline metric           score target  result
        en       upos             0.950   0.92  pass
        en       uas              0.800      -  -
        """
        lines = [f"{'pipeline':8} {'metric':15} {'score':>6} {'target':>6}  result"]
        for lang, metrics in self.items():
            for key, value in metrics.items():
                target = TARGETS.get(lang, {}).get(key, 0.0)
                verdict = "-" if not target else ("pass" if value >= target else "MISS")
                shown = f"{target:6.2f}" if target else "     -"
                lines.append(f"{lang:8} {key:15} {value:6.3f} {shown}  {verdict}")
        return "\n".join(lines)


def nlp_eval(
    shared: str | Path,
    id_pipeline: str | Path | Language | None = None,
    en_pipeline: str | Path | Language | None = None,
    *,
    limit: int = 0,
) -> LanguageScores:
    r"""Scores of the ``id`` and ``en`` pipelines (default: the packaged ones) on the test splits
    under ``shared`` (:data:`TEST_SPLITS`: UD Indonesian-CSUI and English-EWT, NER-UI, NERGrit and
    UNER English-EWT, at those paths). ``limit`` > 0 reads only the first ``limit`` sentences of
    each test file.

    Raises :class:`~diplokg.errors.ConfigError` naming the first test file that is missing.

    >>> import pathlib, tempfile
    >>> shared = pathlib.Path(tempfile.mkdtemp())
    >>> ud = {"id": "1\tRetno\tRetno\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\ttiba\ttiba\tVERB\t_\t_\t0\troot\t_\t_\n",
    ...       "en": "1\tRetno\tRetno\tPROPN\t_\t_\t2\tnsubj\t_\t_\n2\tarrived\tarrive\tVERB\t_\t_\t0\troot\t_\t_\n"}
    >>> for name, text in {"training/ud-id/id_csui-ud-test.conllu": "# text = Retno tiba\n" + ud["id"],
    ...                    "ner/indolem-nerui/test.01.tsv": "Retno\tB-PERSON\ntiba\tO\n",
    ...                    "ner/nergrit/test_preprocess.txt": "Retno\tB-PERSON\ntiba\tO\n",
    ...                    "training/ud-en/en_ewt-ud-test.conllu": "# text = Retno arrived\n" + ud["en"],
    ...                    "training/ner-en/uner_en_ewt-test.iob2": "1\tRetno\tB-PER\t-\t-\n2\tarrived\tO\t-\t-\n"}.items():
    ...     (shared / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (shared / name).write_text(text + "\n", encoding="utf-8")
    >>> from diplokg import nlp_eval
    >>> scores = nlp_eval(shared)
    >>> sorted(scores["id"]), sorted(scores["en"])
    (['las', 'ner_nergrit_f1', 'ner_nerui_f1', 'uas', 'upos'], ['las', 'ner_f1', 'uas', 'upos'])
    >>> print(scores.table())
    pipeline metric           score target  result
    id       ner_nerui_f1     ... 0.80  ...
    ...
    en       ner_f1           ... 0.75  ...
    """
    for name in TEST_SPLITS:  # every file up front: fail before minutes of scoring
        _gold(shared, name, 1)
    nlp_id, nlp_en = _load(id_pipeline, "id"), _load(en_pipeline, "en")
    return LanguageScores({
        "id": {
            "ner_nerui_f1": score_ner(nlp_id, _gold(shared, "id_nerui_test", limit)),
            "ner_nergrit_f1": score_ner(nlp_id, _gold(shared, "id_nergrit_test", limit)),
            **score_ud(nlp_id, _gold(shared, "id_csui_test", limit)),
        },
        "en": {**score_ud(nlp_en, _gold(shared, "en_ewt_test", limit)),
               "ner_f1": score_ner(nlp_en, _gold(shared, "en_uner_test", limit))},
    })


def format_table(scores: dict[str, dict[str, float]]) -> str:
    """The scores beside the targets, one line each (:meth:`LanguageScores.table`)."""
    return LanguageScores(scores).table()
