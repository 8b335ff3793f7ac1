"""The gazetteer writes knowledge-base keys and decides what a shared surface form names.

``doc.spans["dkg"]`` carries, for every entity match, the key of the entry chosen (``kb_id_``)
and, in the group's attrs, the other keys the form can name and the rule that chose. The
packaged knowledge base shares forms only between a capital and its state; the other kinds of
collision (a state and a region of another state, an acronym of two bodies, one form in two
cases) come from the small knowledge base in ``tests/data/kb_ambiguous``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from diplokg.kb import load_kb
from diplokg.lexicon import load_lexicon
from diplokg.pipeline import SPAN_KEY, DocView
from diplokg.pipeline.components import RULES

ROOT = Path(__file__).resolve().parents[1]
AMBIGUOUS_KB = ROOT / "tests" / "data" / "kb_ambiguous"


def _gazetteer(lang: str, kb_dir: str | None = None):
    nlp = spacy.blank(lang)
    nlp.add_pipe("diplokg_sentences")
    nlp.add_pipe("diplokg_gazetteer")
    nlp.initialize()
    if kb_dir is not None:
        nlp.get_pipe("diplokg_gazetteer").initialize(nlp=nlp, kb_dir=kb_dir)
    return nlp


@pytest.fixture(scope="module")
def nlp_id():
    return _gazetteer("id")


@pytest.fixture(scope="module")
def nlp_en():
    return _gazetteer("en")


@pytest.fixture(scope="module")
def test_kb(tmp_path_factory) -> str:
    """The ambiguous test knowledge base, with the packaged roles (titles ask for a type)."""
    directory = tmp_path_factory.mktemp("kb")
    for path in AMBIGUOUS_KB.glob("*.yaml"):
        shutil.copy(path, directory / path.name)
    shutil.copy(ROOT / "ontology" / "kb" / "roles.yaml", directory / "roles.yaml")
    return str(directory)


@pytest.fixture(scope="module")
def test_id(test_kb):
    return _gazetteer("id", test_kb)


@pytest.fixture(scope="module")
def test_en(test_kb):
    return _gazetteer("en", test_kb)


def readings(doc) -> list[tuple[str, str, str, str | None, list[str], str | None]]:
    """(text, label, kb_id, kind, alternatives, rule) of every entity and title match."""
    group = doc.spans[SPAN_KEY]
    attrs = group.attrs
    return [(s.text, s.label_, s.kb_id_, kind, alternatives, rule)
            for s, kind, alternatives, rule in zip(group, attrs["kinds"], attrs["alternatives"], attrs["rules"])
            if s.label_ != "CUE"]


def reading_of(doc, text: str, nth: int = 0):
    return [r for r in readings(doc) if r[0] == text][nth]


# -- keys, not surface forms -------------------------------------------------------------


def test_spans_carry_the_knowledge_base_key_and_an_unambiguous_form_is_untouched(nlp_id) -> None:
    doc = nlp_id("Menteri Luar Negeri Tunisia Nabil Ammar menerima Duta Besar Amerika Serikat di Tunis.")
    assert readings(doc) == [
        ("Menteri Luar Negeri", "ROLE", "minister-of-foreign-affairs", None, [], None),
        ("Tunisia", "ENTITY", "tunisia", "name", [], None),
        ("Duta Besar", "ROLE", "ambassador", None, [], None),
        ("Amerika Serikat", "ENTITY", "united-states", "name", [], None),
        ("Tunis", "ENTITY", "tunis", "name", ["tunisia"], "context:locative"),
    ]


def test_an_indonesian_name_and_an_acronym_map_to_the_same_key(nlp_id) -> None:
    doc = nlp_id("Perwakilan AS dan Kerajaan Inggris hadir dalam sidang PBB.")
    keys = [(text, key) for text, label, key, *_ in readings(doc) if label == "ENTITY"]
    assert keys == [("AS", "united-states"), ("Kerajaan Inggris", "united-kingdom"), ("PBB", "un")]


def test_a_damaged_state_name_carries_the_state_key(nlp_id) -> None:
    doc = nlp_id("Delegasi dari Urugay menyambut baik usulan tersebut.")
    assert reading_of(doc, "Urugay")[1:4] == ("FUZZY", "uruguay", "name")
    forms = dict(zip((s.text for s in doc.spans[SPAN_KEY]), doc.spans[SPAN_KEY].attrs["forms"]))
    assert forms["Urugay"] == "uruguay"  # the knowledge-base form the damaged one was read as


# -- a capital and its state (the packaged knowledge base) ------------------------------


def test_after_a_locative_word_a_capital_is_the_city(nlp_id) -> None:
    doc = nlp_id("Delegasi Uruguay tiba di Montevideo pada Selasa pagi.")
    assert reading_of(doc, "Montevideo") == (
        "Montevideo", "ENTITY", "montevideo", "name", ["uruguay"], "context:locative")


@pytest.mark.parametrize("lang, text, capital, city", [
    ("id", "Duta besar itu diterima di Istana Carrasco, Montevideo, pada Selasa.", "Montevideo", "montevideo"),
    ("en", "The envoys met at the Narayanhiti Palace, Kathmandu, on Friday.", "Kathmandu", "kathmandu"),
])
def test_a_capital_after_a_venue_and_a_comma_is_the_city(lang, text, capital, city, nlp_id, nlp_en) -> None:
    doc = (nlp_id if lang == "id" else nlp_en)(text)
    assert reading_of(doc, capital)[2] == city and reading_of(doc, capital)[5] == "context:locative"
    # Without the locative word before the venue the comma alone decides nothing.
    doc = (nlp_id if lang == "id" else nlp_en)(text.replace(" di ", " ").replace(" at the ", " "))
    assert reading_of(doc, capital)[5] != "context:locative"


def test_a_capital_that_acts_is_its_state_by_the_prior(nlp_id) -> None:
    doc = nlp_id("Montevideo menolak usulan itu dan memanggil pulang duta besarnya.")
    assert reading_of(doc, "Montevideo") == (
        "Montevideo", "ENTITY", "uruguay", "capital", ["montevideo"], "prior")
    # The people reader takes the chosen state as a metonym; it no longer chooses itself.
    view = DocView(doc, load_lexicon())
    start, end, cand, method = view.tok_entity[0]
    assert (cand.key, cand.type, method) == ("uruguay", "State", "metonym")
    assert not hasattr(DocView, "_choose")


def test_english_capital_both_ways_in_one_article(nlp_en) -> None:
    doc = nlp_en("Kathmandu insisted on the border talks. Envoys met in Kathmandu on Friday.")
    assert [r[2:] for r in readings(doc)] == [
        ("nepal", "capital", ["kathmandu"], "prior"),
        ("kathmandu", "name", ["nepal"], "context:locative"),
    ]


def test_an_indonesian_capital_spelled_as_in_english_is_still_the_city(nlp_id) -> None:
    # Regression: the derived place "Dhaka" had only an English form, so the language rule read
    # "di Dhaka" in an Indonesian article as Bangladesh.
    doc = nlp_id("Menteri itu mendarat di Dhaka kemarin.")
    assert reading_of(doc, "Dhaka")[2:] == ("dhaka", "name", ["bangladesh"], "context:locative")


def test_one_capital_spelled_four_ways_is_one_place() -> None:
    kb = load_kb()
    assert kb.by_key("washington") is None and kb.by_key("washington-dc") is None
    assert [e.key for e in kb.lookup("Washington")] == ["united-states", "washington-d-c"]


def test_washington_after_in_is_the_city_and_alone_the_state(nlp_en) -> None:
    doc = nlp_en("Washington rejected the plan, officials in Washington said.")
    assert [r[2:] for r in readings(doc)] == [
        ("united-states", "capital", ["washington-d-c"], "prior"),
        ("washington-d-c", "alias", ["united-states"], "context:locative"),
    ]


# -- other collisions (tests/data/kb_ambiguous) -----------------------------------------


def test_the_form_as_written_beats_a_case_folded_one(test_en) -> None:
    doc = test_en("Leaders of the Quad met on Monday, QUAD reported.")
    assert reading_of(doc, "Quad")[2:] == ("quad", "alias", ["quad-radio"], "exact-case")
    assert reading_of(doc, "QUAD")[2:] == ("quad-radio", "alias", ["quad"], "exact-case")


def test_the_article_language_decides_before_the_context(test_id) -> None:
    # Indonesian writes the American state "Negara Bagian Georgia": "Georgia" alone is the
    # country, even with Atlanta in the article.
    doc = test_id("Georgia menyambut keputusan itu, kata pejabat di Atlanta.")
    assert reading_of(doc, "Georgia")[2:] == ("georgia", "name", ["georgia-us-state"], "language")


def test_a_title_asks_for_a_state(test_en) -> None:
    doc = test_en("Foreign Minister of Georgia Maka Botchorishvili arrived in Atlanta.")
    assert reading_of(doc, "Georgia")[2:] == ("georgia", "name", ["georgia-us-state"], "context:title")


def test_the_state_the_article_names_elsewhere_decides(test_en) -> None:
    us = test_en("Georgia will host the investors, the governor's office in Atlanta said.")
    assert reading_of(us, "Georgia")[2:] == ("georgia-us-state", "name", ["georgia"], "context:document")
    country = test_en("Georgia signed the pact, officials in Tbilisi said.")
    assert reading_of(country, "Georgia")[2:] == ("georgia", "name", ["georgia-us-state"], "context:document")


def test_without_evidence_the_type_order_of_the_lexicon_decides(test_en) -> None:
    doc = test_en("Georgia welcomed the decision on Tuesday.")
    assert reading_of(doc, "Georgia")[2:] == ("georgia", "name", ["georgia-us-state"], "prior")


def test_an_entry_prior_decides_between_two_bodies_of_one_acronym(test_en, test_id) -> None:
    assert reading_of(test_en("The ICC opened an inquiry into the shelling."), "ICC")[2:] == (
        "international-criminal-court", "alias", ["international-cricket-council"], "prior")
    assert reading_of(test_id("ICC membuka penyelidikan atas serangan itu."), "ICC")[2:] == (
        "international-criminal-court", "alias", ["international-cricket-council"], "prior")


def test_every_recorded_rule_is_a_known_rule(test_en) -> None:
    doc = test_en("Georgia and the ICC: the Quad met in Atlanta, QUAD said.")
    assert {r[5] for r in readings(doc)} - {None} <= set(RULES)
