"""The spaCy side of diplokg: components and the packaged pipeline config.

The packaged ``config.cfg`` lists the whole pipeline: diplokg's sentence marker and gazetteer, then
the trained language layer (``diplokg_language_layer``: NER, tagger/morphologizer, parser) and the
reconciliation of names (``diplokg_entities``). The last two are in ``[nlp] disabled`` by default
(they cost more than the build's speed target allows, see the README): ``build_nlp(language,
layer=True)`` or the environment variable ``DIPLOKG_LANGUAGE_LAYER=1`` (read when the pipeline is
first built in a process, so also by every build worker) enables them.
"""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

from ..resources import pipeline_config_path
from .components import SPAN_KEY, Gazetteer, SentenceMarker
from .language import CANDIDATES_KEY, EntityReconciler, LanguageLayer
from .statements import STATEMENTS_KEY, FoundStatement, StatementFinder, read_statements

__all__ = ["CANDIDATES_KEY", "LAYER_ENV", "SPAN_KEY", "STATEMENTS_KEY", "EntityReconciler", "FoundStatement",
           "Gazetteer", "LanguageLayer", "SentenceMarker", "StatementFinder", "build_nlp", "read_statements"]

#: The environment variable that turns the trained language layer on ("1", "true", "on").
LAYER_ENV = "DIPLOKG_LANGUAGE_LAYER"
_LAYER = ("diplokg_language_layer", "diplokg_entities")


def build_nlp(language: str = "id", *, layer: bool | None = None) -> Language:
    """A ready pipeline for ``language`` ("id" or "en") from the packaged config; cached per process.

    ``layer``: with the trained language layer (default: as :data:`LAYER_ENV` says; off).
    """
    if layer is None:
        layer = os.environ.get(LAYER_ENV, "").strip().lower() in ("1", "true", "on", "yes")
    return _build_nlp(language, layer)


@functools.lru_cache(maxsize=8)
def _build_nlp(language: str, layer: bool) -> Language:
    overrides: dict[str, object] = {"nlp.lang": language}
    config = spacy.util.load_config(str(pipeline_config_path()))
    if layer:
        overrides["nlp.disabled"] = [n for n in config["nlp"].get("disabled", []) if n not in _LAYER]
    config = spacy.util.load_config(str(pipeline_config_path()), overrides=overrides)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp


build_nlp.cache_clear = _build_nlp.cache_clear  # type: ignore[attr-defined]
