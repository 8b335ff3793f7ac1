"""The spaCy side of diplokg: components and the packaged pipeline config.

The packaged ``config.cfg`` lists the whole pipeline: diplokg's sentence marker and gazetteer, then
the trained language layer (``diplokg_language_layer``: NER, lemmas, tagger/morphologizer, parser),
the reconciliation of names (``diplokg_entities``) and the readers of what the text says. The
layer is on; ``build_nlp(language, layer=False)`` or the environment variable
``DIPLOKG_LANGUAGE_LAYER=0`` (read when the pipeline is first built in a process, so also by every
build worker) leaves the layer and the reconciliation out: the extractors then read by word order.
"""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language

from ..resources import pipeline_config_path
from .components import SPAN_KEY, Gazetteer, SentenceMarker, with_text
from .coref import COREF_KEY, CorefMention, CorefResolver, find_coref, read_coref
from .dates import DATES_KEY, PUBLISHED_KEY, DateFinder, FoundDate, read_dates, with_published
from .events import EVENTS_KEY, EventFinder, FoundEvent, read_events
from .language import CANDIDATES_KEY, EntityReconciler, LanguageLayer
from .people import PEOPLE_KEY, DocView, PeopleFinder, PeopleReading, find_people, read_people, write_people
from .scenes import SCENES_KEY, Cast, FoundScene, SceneFinder, SceneReading, find_scenes, read_scenes, write_scenes
from .statements import STATEMENTS_KEY, FoundStatement, StatementFinder, read_statements
from .tokenizer import JoiningTokenizer

__all__ = ["CANDIDATES_KEY", "COREF_KEY", "CorefMention", "CorefResolver", "DATES_KEY", "DateFinder", "DocView",
           "JoiningTokenizer",
           "EVENTS_KEY", "LAYER_ENV", "PEOPLE_KEY", "PeopleFinder", "PeopleReading", "PUBLISHED_KEY", "SCENES_KEY",
           "SPAN_KEY", "STATEMENTS_KEY", "Cast", "EntityReconciler", "EventFinder", "FoundDate", "FoundEvent",
           "FoundScene", "FoundStatement", "Gazetteer", "LanguageLayer", "SceneFinder", "SceneReading",
           "SentenceMarker", "StatementFinder", "build_nlp", "find_coref", "find_people", "find_scenes", "read_coref",
           "read_dates", "read_events", "read_people", "read_scenes", "read_statements", "with_published", "with_text",
           "write_people", "write_scenes"]

#: The environment variable that turns the trained language layer off ("0", "false", "off", "no").
LAYER_ENV = "DIPLOKG_LANGUAGE_LAYER"
_LAYER = ("diplokg_language_layer", "diplokg_entities")


def build_nlp(language: str = "id", *, layer: bool | None = None) -> Language:
    """A ready pipeline for ``language`` ("id" or "en") from the packaged config; cached per process.

    ``layer``: with the trained language layer (default: as :data:`LAYER_ENV` says; on).
    """
    if layer is None:
        layer = os.environ.get(LAYER_ENV, "").strip().lower() not in ("0", "false", "off", "no")
    return _build_nlp(language, layer)


@functools.lru_cache(maxsize=8)
def _build_nlp(language: str, layer: bool) -> Language:
    overrides: dict[str, object] = {"nlp.lang": language}
    config = spacy.util.load_config(str(pipeline_config_path()))
    if not layer:
        overrides["nlp.disabled"] = [*config["nlp"].get("disabled", []), *_LAYER]
    config = spacy.util.load_config(str(pipeline_config_path()), overrides=overrides)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp


build_nlp.cache_clear = _build_nlp.cache_clear  # type: ignore[attr-defined]
