"""The spaCy side of diplokg: components and the packaged pipeline config."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from ..resources import pipeline_config_path
from .components import SPAN_KEY, Gazetteer, SentenceMarker

__all__ = ["SPAN_KEY", "Gazetteer", "SentenceMarker", "build_nlp"]


@functools.lru_cache(maxsize=4)
def build_nlp(language: str = "id") -> Language:
    """A ready pipeline for ``language`` ("id" or "en") from the packaged config; cached per process."""
    config = spacy.util.load_config(str(pipeline_config_path()), overrides={"nlp.lang": language})
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp
