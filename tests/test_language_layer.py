"""The trained language layer: shipped models, tokenization kept, nlp-eval, reconciliation."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from diplokg.cli import app
from diplokg.resources import trained_pipeline_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trained():
    return {lang: spacy.load(str(trained_pipeline_path(lang))) for lang in ("id", "en")}


def test_models_ship_as_package_data_with_their_notice():
    for lang, components in (("id", {"morphologizer", "parser", "ner"}), ("en", {"tagger", "morphologizer", "parser", "ner"})):
        path = Path(str(trained_pipeline_path(lang)))
        assert (path / "config.cfg").is_file()
        assert components <= {entry.name for entry in path.iterdir()}
    models = Path(str(trained_pipeline_path("id"))).parent
    assert sum(f.stat().st_size for f in models.rglob("*") if f.is_file()) <= 40e6
    assert (models / "NOTICE").read_text() == (ROOT / "NOTICE").read_text()
    assert "CC BY-SA 4.0" in (ROOT / "NOTICE").read_text()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"models/*/*/*"' in pyproject and '"models/NOTICE"' in pyproject


def test_unknown_language_has_no_model():
    with pytest.raises(FileNotFoundError, match="No trained pipeline"):
        trained_pipeline_path("xx")


@pytest.mark.parametrize("lang, text", [
    ("id", "Menlu RI Retno L.P. Marsudi (kiri) menyetujuinya di Jakarta, Senin (25/7/2022)... \"Kami siap,\" katanya.\nBaru-baru ini A.S. & PBB—juga."),
    ("en", "U.S. Secretary of State Antony Blinken didn't say it's over (Monday, 7/25) -- \"we're ready,\" he said.\nNew line."),
])
def test_trained_pipelines_keep_the_blank_tokenizer(trained, lang, text):
    blank = spacy.blank(lang)
    expected = [(t.idx, t.text, t.whitespace_) for t in blank(text)]
    assert [(t.idx, t.text, t.whitespace_) for t in trained[lang](text)] == expected
    assert [(t.idx, t.text, t.whitespace_) for t in trained[lang].make_doc(text)] == expected


def test_nlp_eval_cli_on_a_slice(shared_dir):
    result = CliRunner().invoke(app, ["nlp-eval", str(shared_dir), "--json", "--limit", "5"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores) == {"id", "en"}
    assert set(scores["id"]) == {"ner_nerui_f1", "ner_nergrit_f1", "upos", "uas", "las"}
    assert set(scores["en"]) == {"upos", "uas", "las", "ner_f1"}
    assert all(0.0 <= v <= 1.0 for lang in scores.values() for v in lang.values())
    assert scores["id"]["upos"] > 0.5 and scores["en"]["upos"] > 0.5
    table = CliRunner().invoke(app, ["nlp-eval", str(shared_dir), "--limit", "2"])
    assert table.exit_code == 0 and "ner_nerui_f1" in table.stdout


def test_nlp_eval_names_a_missing_test_split(tmp_path):
    result = CliRunner().invoke(app, ["nlp-eval", str(tmp_path), "--json"])
    assert result.exit_code == 2
    assert "test split id_csui_test not found" in result.output


def test_multi_token_names_stay_one_gold_entity():
    # regression: "I-PERSON" after "B-PERSON" continues the entity (the label is mapped first)
    from diplokg.nlp_data import read_iob

    path = ROOT / "tests" / "data" / "training" / "shared" / "ner" / "indolem-nerui" / "test.01.tsv"
    docs = list(read_iob(path, "nerui"))
    raw = path.read_text(encoding="utf8")
    assert any(len(e) > 1 for d in docs for e in d.ents) == ("I-" in raw)


# -- the layer inside diplokg's pipeline and the reconciliation of names ----------------------------

from diplokg.pipeline import CANDIDATES_KEY, LAYER_ENV, SPAN_KEY, build_nlp  # noqa: E402


def _names(doc, key):
    return {(span.text, span.label_) for span in doc.spans[key]}


@pytest.mark.parametrize("lang, text, known, unknown", [
    ("id", "Presiden Kenya Joseph Kamau mengatakan kepada Bambang Sutrisno dan Menteri Luar Negeri Retno Marsudi "
           "bahwa kerja sama akan diperkuat.",
     "Retno Marsudi", {"Joseph Kamau", "Bambang Sutrisno"}),
    # English NER is trained on 22k words (UNER test F1 0.54, training/README.md): one name is asked
    ("en", "Russian Foreign Minister Sergei Lavrov met his Kenyan counterpart Peter Otieno in Nairobi on "
           "Monday. Jane Okonkwo, an adviser, attended the talks.",
     "Sergei Lavrov", {"Jane Okonkwo"}),
])
def test_known_name_comes_from_the_kb_and_an_unknown_person_is_a_candidate(lang, text, known, unknown):
    doc = build_nlp(lang, layer=True)(text)
    assert (known, "ENTITY") in _names(doc, SPAN_KEY)
    candidates = _names(doc, CANDIDATES_KEY)
    assert all(name != known for name, _label in candidates)  # the KB match wins for its span
    assert {(name, "PER") for name in unknown} <= candidates
    scores = doc.spans[CANDIDATES_KEY].attrs["scores"]
    assert len(scores) == len(doc.spans[CANDIDATES_KEY]) and all(0.0 < s <= 1.0 for s in scores)
    # nothing a gazetteer entity, fuzzy match or title covers is ever a candidate
    covered = {i for s in doc.spans[SPAN_KEY] if s.label_ != "CUE" for i in range(s.start, s.end)}
    assert not any(i in covered for s in doc.spans[CANDIDATES_KEY] for i in range(s.start, s.end))


def test_layer_is_on_by_default_and_switched_off_by_the_environment(monkeypatch):
    monkeypatch.delenv(LAYER_ENV, raising=False)
    assert build_nlp("id").pipe_names[1:4] == ["diplokg_gazetteer", "diplokg_language_layer", "diplokg_entities"]
    assert build_nlp("id") is build_nlp("id", layer=True)  # loaded once per process
    for off in ("0", "false", "OFF"):
        monkeypatch.setenv(LAYER_ENV, off)
        names = build_nlp("id").pipe_names
        assert "diplokg_language_layer" not in names and "diplokg_entities" not in names
        assert names[:2] == ["diplokg_sentences", "diplokg_gazetteer"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_tokenizer_makes_the_blank_languages_tokens_without_its_whitespace_special_cases(lang):
    texts = [p.read_text(encoding="utf8") for p in sorted((ROOT / "seeds").glob("*")) if p.is_file()]
    texts += ["a\nb", "\n\n", " \n ", "x.\n", "(\n)", "\r\n", "kata\n\n\"Kami", "U.S.\n", "—\n—", "\n\t\n",
              "a \n\n b", ":)\n", "\n:)", "anak-anak\n", "Jl.\nSudirman", "1.\n2.", "\u00a0\n", "\n\u00a0", "a  b\tc"]
    blank, ours = spacy.blank(lang), build_nlp(lang).tokenizer
    for text in texts:
        assert [(t.idx, t.text, t.norm_, t.whitespace_) for t in ours(text)] == \
            [(t.idx, t.text, t.norm_, t.whitespace_) for t in blank(text)]
    assert "\n" in blank.tokenizer.rules and not {"\n", "\t", " "} & set(ours.rules)
    assert "\u00a0" in ours.rules  # a special case that changes the norm stays


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_tokenizer_joins_what_the_special_cases_keep_whole_as_spacy_does(lang):
    """The special cases that only keep a string whole ("negara-negara", "e-mail") are joined after
    tokenizing: the tokens are spaCy's wherever the string stands, in every text below."""
    blank, ours = spacy.blank(lang), build_nlp(lang).tokenizer
    assert ours.joins and not set(ours.joins) & set(ours.rules)
    assert (lang == "id") == ("negara-negara" in ours.joins)
    texts = ["Para menteri negara-negara Karibia (anak-anak) bertemu sehari-hari.", "Baru-baru ini.",
             "sama - sama-sama", "kupu-kupu-kupu", "negara-negara/wilayah", "\"Negara-negara\",\n\u00a0lain-lain",
             "Her e-mail to co-chairs, re-elected; U.S.-made :-) (-_-)", "x-negara-negara-maju", "Anak-anak—juga"]
    keys = ours.joins[:: max(1, len(ours.joins) // 400)]
    for key, other in zip(keys, reversed(keys)):
        texts += [f"({key}),", f"\"{key}\".", f"{key}-{other}", f"{key}/{other}", f"{key} - {key}-{key}", f"x{key}",
                  f"{key.upper()} {key.title()}", f"{key}\n{other}.", f"{key}—{other}", f"[{key}.{other}]"]
    for text in texts:
        assert [(t.idx, t.text, t.norm_, t.whitespace_) for t in ours(text)] == \
            [(t.idx, t.text, t.norm_, t.whitespace_) for t in blank(text)], text
    again = pickle.loads(pickle.dumps(ours))
    assert again.joins == ours.joins and [t.text for t in again(texts[0])] == [t.text for t in ours(texts[0])]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_layer_keeps_tokens_and_the_sentence_markers_boundaries(lang):
    seeds = sorted((ROOT / "seeds").glob("*"))
    texts = [p.read_text(encoding="utf8") for p in seeds if p.is_file()]
    texts.append("Kunjungan itu singkat.\n\nMenlu A.S. tiba. \"Kami siap,\" katanya. Dr. smith hadir!")
    plain, full = build_nlp(lang, layer=False), build_nlp(lang, layer=True)
    for text in texts:
        a, b = plain(text), full(text)
        assert [(t.idx, t.text) for t in a] == [(t.idx, t.text) for t in b]
        assert [(s.start, s.end) for s in a.sents] == [(s.start, s.end) for s in b.sents]
        assert _names(a, SPAN_KEY) == _names(b, SPAN_KEY)


def test_cued_sentences_alone_are_parsed():
    nlp = build_nlp("id", layer=True)
    doc = nlp("Cuaca di Jakarta cerah pagi itu. Menteri Luar Negeri Retno Marsudi bertemu Wang Yi di Beijing.")
    first, second = list(doc.sents)
    assert all(t.dep_ == "" for t in first)  # no trigger, cue or speech verb: not parsed
    assert sum(t.dep_ == "ROOT" for t in second) == 1 and all(t.dep_ for t in second)
    assert all(t.pos_ for t in second)
    assert doc.ents  # NER reads every sentence


@pytest.mark.parametrize("lang, texts", [
    ("id", ["Presiden Kenya William Ruto bertemu Perdana Menteri Norwegia di Oslo, Selasa.",
            "",
            "Cuaca cerah. Menlu Chile menandatangani perjanjian dengan Peru. \"Kami siap,\" katanya.",
            "Delegasi Ghana tiba di Accra dan mengadakan pembicaraan dengan Menteri Luar Negeri Brasil."]),
    ("en", ["Kenya's President William Ruto met Norway's Prime Minister in Oslo on Tuesday.",
            "Nothing happened.",
            "The Chilean minister signed a treaty with Peru. \"We are ready,\" she said.",
            ""]),
])
def test_a_batch_reads_each_doc_as_it_reads_it_alone(lang, texts):
    # The layer encodes, tags and parses a batch of Docs (and their cued sentences) together.
    nlp = build_nlp(lang, layer=True)

    def reading(doc):
        return ([(t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc], [(e.start, e.end, e.label_) for e in doc.ents],
                [(s.start, s.end) for s in doc.sents] if len(doc) else [])

    alone = [reading(nlp(text)) for text in texts]
    assert [reading(doc) for doc in nlp.pipe(texts, batch_size=3)] == alone
    assert any(dep for dep in alone[0][0]) and alone[0][1]  # the first text is parsed and has names


@pytest.mark.parametrize("lang, text, lemmas", [
    ("id", "Bertemu di Santiago, para menteri menandatangani perjanjian dan kunjungan itu berakhir.",
     {"Bertemu": "temu", "menandatangani": "tanda tangan", "perjanjian": "janji", "kunjungan": "kunjung",
      "Santiago": "Santiago"}),
    ("en", "Met in Lima, the ministers signed treaties and held talks.",
     {"Met": "meet", "ministers": "minister", "signed": "sign", "treaties": "treaty", "talks": "talk", "Lima": "Lima"}),
])
def test_every_token_gets_a_lemma_from_the_shipped_table_even_capitalised(lang, text, lemmas):
    doc = build_nlp(lang, layer=True)(text)
    assert all(token.lemma_ for token in doc)
    assert {t.text: t.lemma_ for t in doc if t.text in lemmas} == lemmas
    assert not any(t.lemma_ for t in build_nlp(lang, layer=False)(text))  # the layer is what sets them


def test_a_passive_form_the_table_lacks_is_read_through_its_active_form():
    # The lemma table knows "memanggil" and "menggelar", not "dipanggil" and "digelar": the passive
    # prefix comes off and the stem takes the nasal prefix its first letter asks for.
    words = "dipanggil dibahas digelar dikunjungi disampaikan dirayakan dia diri dinas"
    doc = build_nlp("id", layer=True)(words + ".")
    assert {t.text: t.lemma_ for t in doc if t.text != "."} == {
        "dipanggil": "panggil", "dibahas": "bahas", "digelar": "gelar", "dikunjungi": "kunjung",
        "disampaikan": "sampai", "dirayakan": "raya", "dia": "dia", "diri": "diri", "dinas": "dinas"}


def test_every_model_file_is_package_data():
    """A model file no package-data pattern matches is missing from a wheel (a lemma table once was)."""
    import fnmatch
    import tomllib

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["diplokg"]
    package = ROOT / "src" / "diplokg"
    files = [f.relative_to(package).parts for f in (package / "models").rglob("*") if f.is_file()]
    assert len(files) > 20
    unmatched = ["/".join(parts) for parts in files
                 if not any(len(p.split("/")) == len(parts) and all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, p.split("/")))
                            for p in patterns)]
    assert unmatched == []


def test_the_token_table_is_read_once_and_again_when_the_tokens_change():
    from diplokg.pipeline.components import token_table

    doc = build_nlp("en", layer=True)("Chile's foreign minister met Peru's envoy. They talked.")
    table = token_table(doc)
    assert token_table(doc) is table  # the components share one reading
    assert table.words[:3] == ["Chile", "'s", "foreign"] and table.lemmas[4] == "meet"
    assert table.sent_of == [0] * len(table.sents[0]) + [1] * len(table.sents[1])
    doc[4].lemma_ = "greet"
    assert token_table(doc) is not table and token_table(doc).lemmas[4] == "greet"


def test_the_parse_reads_cued_sentences_the_same_in_any_batch(monkeypatch):
    # Cued sentences are parsed a batch at a time (the parser's cache-sized batches).
    import diplokg.pipeline.language as language

    texts = ["Menlu Chile bertemu Menlu Peru di Lima. Cuaca cerah. Keduanya menandatangani perjanjian dagang.",
             "Presiden Ghana mengunjungi Nairobi, Senin. \"Kami siap membantu,\" katanya kepada wartawan."]
    nlp = build_nlp("id", layer=True)

    def trees():
        return [[(t.pos_, t.dep_, t.head.i) for t in doc] for doc in nlp.pipe(texts)]

    whole = trees()
    monkeypatch.setattr(language, "_PARSE_BATCH", 1)
    assert trees() == whole
    assert all(dep for _pos, dep, _head in whole[0][:8])


def test_inference_ops_give_thincs_numbers_bit_for_bit():
    import numpy
    from thinc.api import NumpyOps

    from diplokg.pipeline.inference_ops import InferenceOps

    fast, thinc_ops = InferenceOps(use_blis=False), NumpyOps(use_blis=False)
    rng = numpy.random.default_rng(7)
    for pieces in (2, 3, 4):
        ties = rng.integers(0, 3, (200, 16, pieces)).astype("float32")  # equal pieces: the first wins
        noise = rng.standard_normal((200, 16, pieces)).astype("float32")
        for X in (ties, noise):
            (best, which), (want_best, want_which) = fast.maxout(X), thinc_ops.maxout(X)
            assert numpy.array_equal(best, want_best) and numpy.array_equal(which, want_which)
            assert which.dtype == want_which.dtype
    table = rng.standard_normal((500, 32)).astype("float32")
    keys = rng.integers(0, 500, (300, 4)).astype("uint32")
    assert numpy.array_equal(fast.gather_add(table, keys), thinc_ops.gather_add(table, keys))


def test_the_shipped_encoder_runs_on_inference_ops_and_gives_the_same_vectors():
    from thinc.api import NumpyOps

    from diplokg.pipeline.inference_ops import InferenceOps

    nlp = build_nlp("id", layer=True)
    tok2vec = nlp.get_pipe("diplokg_language_layer").trained.get_pipe("tok2vec")
    assert all(isinstance(node.ops, InferenceOps) for node in tok2vec.model.walk())
    docs = [nlp.make_doc(text) for text in ("Menlu Kenya bertemu Menlu Ghana di Accra.", "Presiden Chile tiba.")]
    fast = tok2vec.predict(docs)
    try:
        for node in tok2vec.model.walk():
            node.ops = NumpyOps(use_blis=False)
        slow = tok2vec.predict(docs)
    finally:
        for node in tok2vec.model.walk():
            node.ops = InferenceOps(use_blis=False)
    assert [v.tobytes() for v in fast] == [v.tobytes() for v in slow]
