"""The lexicon file: it loads, its tables have the shape the extractor reads, a broken file says
what is wrong, and the words the extractor looks for come from it, not from code.

Behaviour tests run short passages written for these tests (about people and places in no seed or
dev article) through the packaged pipeline, then read the same Doc with the packaged lexicon and
with an edited copy: only the lexicon differs, so a changed record is the word's doing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from diplokg.errors import ConfigError
from diplokg.extract import extract
from diplokg.ingest import read_text
from diplokg.lexicon import Lexicon, load_lexicon
from diplokg.pipeline import build_nlp, read_statements
from diplokg.resources import ontology_dir

#: Tables of function words moved out of extract.py: union over languages.
WORD_SETS = [
    "locative", "place_nouns", "place_noun_links", "title_of_links", "posted_to_links", "possessive",
    "demonstratives_after", "demonstratives_before", "anaphoric_after", "also", "plural_markers",
    "list_openers", "list_verbs", "companion_links", "not_passive", "speech_inverted",
    "speech_addressee", "speech_setting", "according_to_heads",
]


def packaged_data() -> dict:
    with open(Path(str(ontology_dir() / "lexicon.yaml")), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def write_lexicon(tmp_path: Path, data: dict, name: str = "lexicon.yaml") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# -- loading and shape ----------------------------------------------------------------------------

def test_packaged_lexicon_tables_are_non_empty_and_lower_case():
    lex = load_lexicon()
    for name in WORD_SETS:
        words = getattr(lex, name)
        assert isinstance(words, frozenset) and words, name
        assert all(w == w.lower() and w == w.strip() and w for w in words), name
    for name in ("duration_markers", "duration_hedges", "duration_compounds"):
        words = getattr(lex, name)
        assert isinstance(words, tuple) and words and all(w == w.lower() for w in words), name
    assert lex.anaphoric_before["en"] >= {"the", "this"} and "id" not in lex.anaphoric_before
    assert lex.passive_prefix == {"id": "di"} and lex.passive_suffix == {"en": "ed"}
    assert lex.plural_suffix == {"en": "s"}


def test_both_languages_where_both_have_the_words():
    data = packaged_data()
    for key in ("locative", "place_nouns", "title_of_links", "posted_to_links", "also", "list_openers",
                "list_verbs", "companion_links", "duration_markers", "duration_hedges"):
        assert set(data[key]) == {"id", "en"}, key
    for key in ("setting", "inverted", "addressee"):
        assert set(data["speech"][key]) == {"id", "en"}, key


def test_yaml_words_that_read_as_booleans_are_quoted():
    # Unquoted, YAML reads "on" as True: a word silently lost from its table.
    lex = load_lexicon()
    assert "on" in lex.speech_setting
    assert "On" in lex.not_names
    assert "no" in lex.negations


def test_an_edited_copy_loads_from_a_given_path(tmp_path):
    data = packaged_data()
    data["also"]["id"] = ["juga", "pun"]
    lex = load_lexicon(lexicon_path=write_lexicon(tmp_path, data))
    assert lex.also == frozenset({"juga", "pun", "also"})
    assert "pun" not in load_lexicon().also  # the packaged lexicon is untouched


@pytest.mark.parametrize(("edit", "names"), [
    (lambda d: d.pop("locative"), ["lacks the table(s) locative"]),
    (lambda d: d.__setitem__("locative", ["di", "ke"]), ["'locative'", "not a mapping of language -> words"]),
    (lambda d: d["companion_links"].__setitem__("id", "beserta"), ["'companion_links.id'", "not a list of words"]),
    (lambda d: d["speech"]["setting"]["en"].append(True), ["'speech.setting.en'", "True"]),
    (lambda d: d["speech"].pop("inverted"), ["'speech'", "lacks the table inverted"]),
    (lambda d: d["durations"]["en"].__setitem__("week", "W"), ["'durations.en'", "M, H or D"]),
    (lambda d: d["morphology"].__setitem__("infix", {"id": "em"}), ["'morphology.infix'", "passive_prefix"]),
    (lambda d: d["events"].__setitem__("Meeting", ["met"]), ["'events.Meeting'"]),
    (lambda d: d["membership_reading"].__setitem__("verbs", {"en": ["joined"]}),
     ["'membership_reading.verbs'", "subject_links"]),
    (lambda d: d["coreference"].__setitem__("pronouns", {"en": ["he"]}), ["'coreference.pronouns'", "passing"]),
])
def test_wrong_shape_raises_a_config_error_naming_the_table(tmp_path, edit, names):
    data = packaged_data()
    edit(data)
    path = write_lexicon(tmp_path, data)
    with pytest.raises(ConfigError) as info:
        load_lexicon(lexicon_path=path)
    err = info.value
    assert err.code == "E420"
    assert str(path) in err.message
    for name in names:
        assert name in err.message
    assert "language code" in err.hint


def test_not_a_mapping_and_not_yaml(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- di\n- ke\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a mapping of tables"):
        load_lexicon(lexicon_path=path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("locative: {id: [di, ke\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_lexicon(lexicon_path=broken)


def test_lexicon_built_from_data_is_validated_too():
    with pytest.raises(ConfigError, match="mylex.yaml: the file lacks"):
        Lexicon(load_lexicon().kb, {"events": {}}, source="mylex.yaml")


# -- behaviour: the word comes from the data --------------------------------------------------------

def read(text: str, language: str, lexicon: Lexicon, published: str = "2024-04-05"):
    document = read_text(text, doc_id="lexicon-test", language=language, published=published,
                         detect_title=False)
    doc = build_nlp(language)(document.body_text())
    return extract(doc, document, lexicon)


def edited(tmp_path: Path, change) -> Lexicon:
    data = packaged_data()
    change(data)
    return load_lexicon(lexicon_path=write_lexicon(tmp_path, data))


def summary(ex):
    return [(e.type, sorted(p.person for p in e.participants), e.place, e.duration) for e in ex.events]


PHONE_ID = ("Menteri Luar Negeri Chile Alberto van Klaveren berbicara melalui telepon dengan Menteri Luar "
            "Negeri Uruguay Omar Paganini selama 40 menit, Kamis (4/4).")


def test_duration_marker_comes_from_the_lexicon(tmp_path):
    assert summary(read(PHONE_ID, "id", load_lexicon())) == [
        ("PhoneCall", ["alberto-van-klaveren", "omar-paganini"], None, "PT40M")]
    without = edited(tmp_path, lambda d: d["duration_markers"].__setitem__("id", ["sepanjang"]))
    assert summary(read(PHONE_ID, "id", without))[0][3] is None
    # A marker added to the data is read at once.
    text = PHONE_ID.replace("selama", "sepanjang")
    assert summary(read(text, "id", load_lexicon()))[0][3] is None
    assert summary(read(text, "id", without))[0][3] == "PT40M"


def test_a_negation_comes_from_the_lexicon(tmp_path):
    def members(text: str, lexicon: Lexicon) -> set[tuple[str, str]]:
        return {(m.member, m.forum) for m in read(text, "id", lexicon).memberships}

    assert members("Kolombia bukan anggota ASEAN.", load_lexicon()) == set()
    text = "Kolombia dan Peru pernah menjadi anggota APEC."
    assert members(text, load_lexicon()) == set()  # "pernah" (once) is no link to the subject
    linked = edited(tmp_path / "linked", lambda d: d["membership_reading"]["subject_links"]["id"].append("pernah"))
    assert members(text, linked) == {("colombia", "apec"), ("peru", "apec")}
    negated = edited(tmp_path / "negated", lambda d: d["membership_reading"]["negations"]["id"].append("pernah"))
    assert members(text.replace("pernah", "juga"), negated) == {("colombia", "apec"), ("peru", "apec")}
    assert members("Kolombia dan Peru pernah juga menjadi anggota APEC.", negated) == set()


MEETING_EN = ("Chilean Foreign Minister Alberto van Klaveren met Uruguayan Foreign Minister Omar Paganini "
              "in Montevideo on Thursday.")


def test_locative_word_makes_a_capital_the_place_of_the_meeting(tmp_path):
    ex = read(MEETING_EN, "en", load_lexicon())
    assert summary(ex) == [("Meeting", ["alberto-van-klaveren", "omar-paganini"], "montevideo", None)]
    data = packaged_data()
    data["locative"]["en"] = [w for w in data["locative"]["en"] if w != "in"]
    path = write_lexicon(tmp_path, data)
    # The gazetteer decides between the city and the state, so it reads the edited table too.
    nlp = build_nlp("en")
    gazetteer = nlp.get_pipe("diplokg_gazetteer")
    gazetteer.initialize(nlp=nlp, lexicon_path=str(path))
    try:
        ex = read(MEETING_EN, "en", load_lexicon(lexicon_path=path))
    finally:
        gazetteer.initialize(nlp=nlp)
    # Without "in" the capital speaks for its state, and the meeting has no place.
    assert summary(ex) == [("Meeting", ["alberto-van-klaveren", "omar-paganini"], None, None)]
    assert "uruguay" in {e.key for e in ex.entities if e.type == "State"}


QUOTE_ID = ("“Kerja sama tambang antara kedua negara akan terus tumbuh tahun ini,” kata Battsetseg "
            "Batmunkh di Ulaanbaatar.")


def test_inverted_speech_verb_names_its_speaker(tmp_path):
    ex = read(QUOTE_ID, "id", load_lexicon())
    assert [(s.speaker, s.direct, s.cue) for s in ex.statements] == [("battsetseg-batmunkh", True, "kata")]
    # The statements component reads its speech verbs from its lexicon: with "kata" gone from every
    # speech table the quotation names no speaker (the name is still a person: the NER finds it).
    def without_kata(node):
        if isinstance(node, dict):
            for key, value in node.items():
                node[key] = [w for w in value if w != "kata"] if key == "id" and isinstance(value, list) \
                    else without_kata(value)
        return node

    not_inverted = edited(tmp_path, lambda d: (without_kata(d["speech"]), without_kata(d["statements"])))
    nlp = build_nlp("id")
    finder = nlp.get_pipe("diplokg_statements")
    packaged, finder.lexicon = finder.lexicon, not_inverted
    try:
        found = read_statements(nlp(QUOTE_ID))
    finally:
        finder.lexicon = packaged
    assert [f.speaker.text for f in found if f.speaker is not None] == []


VISIT_ID = ("Presiden Ghana Nana Akufo-Addo beserta Ibu Rebecca Akufo-Addo tiba di Accra, Senin (1/4), "
            "untuk kunjungan kerja.")


def test_companion_link_joins_the_companion_to_the_visit(tmp_path):
    visits = [e for e in summary(read(VISIT_ID, "id", load_lexicon())) if e[0] == "Visit"]
    assert visits and visits[0][1] == ["nana-akufo-addo", "rebecca-akufo-addo"]
    alone = edited(tmp_path, lambda d: d["companion_links"].__setitem__("id", ["bersama", "dan"]))
    visits = [e for e in summary(read(VISIT_ID, "id", alone)) if e[0] == "Visit"]
    assert visits and len(visits[0][1]) == 1


@pytest.mark.parametrize("word, state", [
    ("Polland", "poland"), ("Indonsia", "indonesia"),
    ("Mahama", None),  # one letter from Manama, and a word of a known person's name (John Mahama)
])
def test_a_damaged_state_name_is_one_edit_away_and_no_known_persons_name(word, state):
    assert load_lexicon().fuzzy_lookup(word) == state
