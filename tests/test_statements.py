"""diplokg_statements: speaker, content and verb of direct and reported speech.

Passages are written for these tests (other countries, people and forums than the articles the
project reads); each checks the speaker and the content by value. They run on the pipeline as
packaged (the component reads a parse where the language layer wrote one, and falls back to
word order where it did not).
"""

from __future__ import annotations

import pytest

from diplokg.builder import extract_documents
from diplokg.ingest import read_text
from diplokg.lexicon import load_lexicon
from diplokg.pipeline import STATEMENTS_KEY, build_nlp, read_statements


def _said(lang: str, text: str) -> list[tuple[str, str, bool, str]]:
    doc = build_nlp(lang, layer=False)(text)
    out = []
    for f in read_statements(doc):
        speaker = f.antecedents[0].text if f.via == "pronoun" and f.antecedents else (f.speaker.text if f.speaker else "")
        out.append((speaker, f.content.text, f.direct, f.via))
    return out


def _has(found, speaker_part: str, content_part: str, direct: bool | None = None) -> bool:
    return any(speaker_part in sp and content_part in content and (direct is None or d == direct)
               for sp, content, d, _via in found)


# -- the component ------------------------------------------------------------------------------

def test_component_is_in_the_packaged_pipeline_and_writes_its_span_group():
    nlp = build_nlp("en", layer=False)
    assert "diplokg_statements" in nlp.pipe_names
    doc = nlp("Norwegian Foreign Minister Ingrid Dahl said that the fisheries talks will resume in Bergen.")
    assert STATEMENTS_KEY in doc.spans
    assert set(doc.spans[STATEMENTS_KEY].attrs) >= {"speaker", "verb", "via", "antecedents"}


def test_communication_verbs_are_lexicon_data_in_both_languages():
    lex = load_lexicon()
    assert {"say", "thank", "congratulate", "reaffirm"} <= lex.statement_verbs["en"]
    assert {"kata", "tegas", "harap", "apresiasi"} <= lex.statement_verbs["id"]
    assert "speech_verb" in lex.cues["berharap"] and "speech_verb" in lex.cues["reaffirmed"]


# -- verb classes: Indonesian -------------------------------------------------------------------

@pytest.mark.parametrize("verb", ["mengatakan", "menyatakan", "menegaskan", "menekankan", "menjelaskan"])
def test_id_clause_verbs_with_bahwa(verb):
    text = f"Menteri Luar Negeri Chile Alberto Fuenzalida {verb} bahwa kedua negara akan membuka jalur pelayaran baru."
    found = _said("id", text)
    assert _has(found, "Alberto Fuenzalida", "kedua negara akan membuka jalur pelayaran baru", False)
    assert not any("bahwa" in content.split()[:1] for _s, content, _d, _v in found)


def test_id_menyampaikan_takes_its_object_as_content():
    found = _said("id", "Menlu Kenya Wanjiru Kamau menyampaikan dukungan penuh bagi perundingan damai di Tanduk Afrika.")
    assert _has(found, "Wanjiru Kamau", "dukungan penuh bagi perundingan damai")


def test_id_berharap():
    found = _said("id", "Menlu Vietnam Tran Van Binh berharap kerja sama perikanan kedua negara segera diperluas.")
    assert _has(found, "Tran Van Binh", "kerja sama perikanan kedua negara segera diperluas")


def test_id_mengapresiasi():
    found = _said("id", "Menlu Norwegia Ingrid Dahl mengapresiasi peran Kenya dalam mediasi di kawasan Danau Besar.")
    assert _has(found, "Ingrid Dahl", "peran Kenya dalam mediasi")


def test_id_mengucapkan_selamat():
    found = _said("id", "Menlu Chile Alberto Fuenzalida mengucapkan selamat atas terpilihnya Vietnam sebagai anggota dewan.")
    assert _has(found, "Alberto Fuenzalida", "selamat atas terpilihnya Vietnam")


def test_id_comma_after_the_verb_opens_the_clause():
    found = _said("id", "Menlu Kenya Wanjiru Kamau menegaskan, perdagangan teh dengan Chile akan naik dua kali lipat.")
    assert _has(found, "Wanjiru Kamau", "perdagangan teh dengan Chile akan naik dua kali lipat")


def test_id_genre_object_says_that_not_what():
    found = _said("id", "Menlu Vietnam Tran Van Binh menyampaikan pernyataan pers bersama di Hanoi.")
    assert found == []


# -- verb classes: English ----------------------------------------------------------------------

@pytest.mark.parametrize("audience", ["a news conference", "a reporter", "an audience of students"])
def test_en_told_an_indefinite_audience_that(audience):
    # an article before the audience is no genre of speech ("delivered a speech")
    found = _said("en", f"Kenyan Foreign Minister Wanjiru Kamau told {audience} that the talks would resume in May.")
    assert _has(found, "Wanjiru Kamau", "the talks would resume in May", False)


@pytest.mark.parametrize("genre", ["a speech", "an address", "the remarks"])
def test_en_genre_object_says_that_not_what(genre):
    assert _said("en", f"Kenyan Foreign Minister Wanjiru Kamau delivered {genre} on the talks in Nairobi.") == []


@pytest.mark.parametrize("verb", ["said", "stressed", "noted", "reaffirmed", "emphasized"])
def test_en_clause_verbs_with_that(verb):
    found = _said("en", f"Kenyan Foreign Minister Wanjiru Kamau {verb} that Nairobi will host the next round of talks.")
    assert _has(found, "Wanjiru Kamau", "Nairobi will host the next round of talks", False)


def test_en_thanked_takes_object_and_reason():
    found = _said("en", "Foreign Minister Ingrid Dahl thanked Chile for its support of the Arctic research programme.")
    assert _has(found, "Ingrid Dahl", "thanked Chile for its support of the Arctic research programme")


def test_en_congratulated():
    found = _said("en", "Foreign Minister Tran Van Binh congratulated Kenya on its election to the Human Rights Council.")
    assert _has(found, "Tran Van Binh", "Kenya on its election to the Human Rights Council")


def test_en_expressed():
    found = _said("en", "Foreign Minister Alberto Fuenzalida expressed concern about rising tensions in the Red Sea.")
    assert _has(found, "Alberto Fuenzalida", "concern about rising tensions in the Red Sea")


def test_en_welcomed_a_decision_is_speech_but_welcomed_a_person_is_a_reception():
    said = _said("en", "Foreign Minister Ingrid Dahl welcomed Vietnam's decision to join the ocean treaty.")
    assert _has(said, "Ingrid Dahl", "Vietnam's decision to join the ocean treaty")
    hosted = _said("en", "President Lars Berg welcomed Foreign Minister Wanjiru Kamau at the palace on Monday.")
    assert hosted == []


# -- inversion ----------------------------------------------------------------------------------

def test_id_kata_x_after_the_clause():
    found = _said("id", "Jalur kereta baru itu akan menghubungkan kedua ibu kota, kata Menlu Vietnam Tran Van Binh.")
    assert _has(found, "Tran Van Binh", "Jalur kereta baru itu akan menghubungkan kedua ibu kota")


def test_id_kata_x_goes_to_x_not_to_the_person_of_the_previous_clause():
    text = ("Menlu Chile Alberto Fuenzalida bertemu Menlu Kenya Wanjiru Kamau di Nairobi. "
            "Pertemuan itu membuka babak baru hubungan kedua negara, kata Wanjiru Kamau.")
    found = _said("id", text)
    assert _has(found, "Wanjiru Kamau", "Pertemuan itu membuka babak baru")
    assert not _has(found, "Fuenzalida", "Pertemuan itu membuka babak baru")


def test_en_said_x_inversion():
    found = _said("en", "The pipeline will be finished by next spring, said Norwegian Energy Minister Lars Berg.")
    assert _has(found, "Lars Berg", "The pipeline will be finished by next spring")


def test_en_x_said_at_the_end():
    found = _said("en", "The coast guards of both countries will patrol together, Tran Van Binh said.")
    assert _has(found, "Tran Van Binh", "The coast guards of both countries will patrol together")


def test_a_comma_before_the_subject_is_no_inversion():
    found = _said("id", "Dalam kesempatan yang sama, Menlu Chile Alberto Fuenzalida menegaskan bahwa tarif tembaga tidak akan naik.")
    assert _has(found, "Alberto Fuenzalida", "tarif tembaga tidak akan naik")
    assert not any("Dalam kesempatan" in content for _s, content, _d, _v in found)


# -- menurut / according to -----------------------------------------------------------------------

def test_id_menurut_x():
    found = _said("id", "Menurut Menlu Kenya Wanjiru Kamau, bantuan pangan akan tiba di Somalia pekan depan.")
    assert _has(found, "Wanjiru Kamau", "bantuan pangan akan tiba di Somalia pekan depan")


def test_en_according_to_x_first():
    found = _said("en", "According to Foreign Minister Tran Van Binh, the border markers will be replaced this year.")
    assert _has(found, "Tran Van Binh", "the border markers will be replaced this year")


def test_en_according_to_x_at_the_end():
    found = _said("en", "The fishing quota will be cut by a fifth, according to Ingrid Dahl.")
    assert _has(found, "Ingrid Dahl", "The fishing quota will be cut by a fifth")


# -- pronouns -------------------------------------------------------------------------------------

def test_id_ia_is_the_subject_of_the_previous_sentence():
    text = ("Menlu Vietnam Tran Van Binh menerima kunjungan Menlu Chile Alberto Fuenzalida di Hanoi. "
            "Ia menegaskan bahwa ekspor beras ke Chile akan ditambah.")
    found = _said("id", text)
    assert _has(found, "Tran Van Binh", "ekspor beras ke Chile akan ditambah")


def test_en_he_skips_a_person_mentioned_in_passing():
    text = ("Foreign Minister Wanjiru Kamau opened the forum that President Lars Berg had proposed years ago. "
            "She stressed that the forum must stay open to every coastal state.")
    found = _said("en", text)
    assert _has(found, "Wanjiru Kamau", "the forum must stay open to every coastal state")
    assert not _has(found, "Lars Berg", "the forum must stay open")


def test_pronoun_looks_past_a_sentence_without_a_person_subject():
    text = ("Foreign Minister Ingrid Dahl arrived in Santiago on Tuesday. "
            "The visit was the first by a Norwegian minister since the programme of President Lars Berg. "
            "She said that both governments will sign a research agreement.")
    found = _said("en", text)
    assert _has(found, "Ingrid Dahl", "both governments will sign a research agreement")


# -- quotations, readouts, several speakers --------------------------------------------------------

def test_direct_quote_with_kata_after_it():
    found = _said("id", "“Kami siap membuka pasar kopi bagi produsen Kenya mulai tahun depan,” kata Menlu Vietnam Tran Van Binh.")
    assert _has(found, "Tran Van Binh", "Kami siap membuka pasar kopi bagi produsen Kenya", True)


def test_quote_after_a_quote_continues_its_speaker():
    text = ("“The treaty protects the fisheries of both nations,” said Ingrid Dahl. "
            "“It also gives our scientists access to the southern waters.”")
    found = _said("en", text)
    assert _has(found, "Ingrid Dahl", "It also gives our scientists access", True)


def test_spokesperson_readout_is_the_spokesperson_s_and_the_principal_s():
    text = ("The following is attributable to Spokesperson Maria Lund:\n"
            "Foreign Minister Ingrid Dahl spoke with Kenyan Foreign Minister Wanjiru Kamau today. "
            "Foreign Minister Dahl thanked Foreign Minister Kamau for Kenya's help with the evacuation.\n")
    found = _said("en", text)
    assert _has(found, "Maria Lund", "Foreign Minister Ingrid Dahl spoke with Kenyan Foreign Minister Wanjiru Kamau")
    assert _has(found, "Dahl", "thanked Foreign Minister Kamau for Kenya's help")


def test_two_speakers_in_one_paragraph():
    text = ("Menlu Chile Alberto Fuenzalida mengatakan bahwa ekspor tembaga ke Vietnam terus tumbuh. "
            "Sementara itu Menlu Vietnam Tran Van Binh menegaskan bahwa Hanoi akan membeli lebih banyak anggur Chile.")
    found = _said("id", text)
    assert _has(found, "Alberto Fuenzalida", "ekspor tembaga ke Vietnam terus tumbuh")
    assert _has(found, "Tran Van Binh", "Hanoi akan membeli lebih banyak anggur Chile")
    assert not _has(found, "Alberto Fuenzalida", "Hanoi akan membeli")


# -- mechanism fixes (speakers, content, what is not speech) -------------------------------------

def test_id_title_with_posted_to_link_and_acronym_reaches_the_name():
    found = _said("id", "“Kami akan memperluas kerja sama perikanan dengan Jepang tahun depan,” kata Duta Besar "
                        "Malaysia untuk Jepang Aziz Rahman di Tokyo.")
    assert _has(found, "Aziz Rahman", "memperluas kerja sama perikanan", True)
    found = _said("id", "“Kedua negara sepakat memperkuat dialog maritim di kawasan,” ujar Juru bicara Kemlu RI "
                        "Dewi Lestari di Jakarta.")
    assert _has(found, "Dewi Lestari", "memperkuat dialog maritim", True)


@pytest.mark.parametrize("verb", ["tuturnya", "ucapnya"])
def test_id_nya_speech_verbs_carry_their_speaker(verb):
    text = ("Menteri Luar Negeri Kenya Wanjiru Kamau tiba di Nairobi pada Senin.\n"
            f"“Kunjungan ini membuka babak baru hubungan kedua negara,” {verb}.")
    assert _has(_said("id", text), "Wanjiru Kamau", "membuka babak baru hubungan", True)


@pytest.mark.parametrize("lang,text,speaker,content", [
    ("id", "“Kami siap membuka jalur penerbangan langsung ke Nairobi,” ucap Menlu Ghana Kwame Mensah di Accra.\n"
           "ADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\n"
           "“Kami juga berharap kerja sama pendidikan terus tumbuh,” kata dia.",
     "Kwame Mensah", "kerja sama pendidikan terus tumbuh"),
    ("en", "“We are ready to open a direct flight to Nairobi soon,” Ghanaian Foreign Minister Kwame Mensah said.\n"
           "ADVERTISEMENT\nREAD MORE\n"
           "“We also hope that the education programme will keep growing,” he said.",
     "Kwame Mensah", "education programme will keep growing"),
])
def test_pronoun_after_page_furniture_finds_the_last_speaker(lang, text, speaker, content):
    assert _has(_said(lang, text), speaker, content, True)


def test_id_pronoun_resolved_after_the_named_speakers_of_earlier_sentences():
    text = ("Dalam pertemuan dengan Menlu Chile Alberto Fuenzalida, Menteri Luar Negeri Peru Luis Paredes "
            "menyatakan bahwa kedua negara akan memperluas perdagangan tembaga.\n"
            "Menurutnya, di bawah kesepakatan baru itu, kemitraan kedua negara “telah tumbuh menjadi yang "
            "paling erat di kawasan Andes.”")
    found = _said("id", text)
    assert _has(found, "Luis Paredes", "telah tumbuh menjadi yang paling erat", True)
    assert not _has(found, "Alberto Fuenzalida", "paling erat")
    # The clause that frames the quotation is not a second statement.
    assert not any(not d and "paling erat" in content for _s, content, d, _v in found)


@pytest.mark.parametrize("lang,text,speaker,content,not_content", [
    ("id", "Berbicara di sela-sela KTT Uni Afrika di Addis Ababa, Kwame Mensah mengatakan kepada Wanjiru Kamau "
           "bahwa kedua negara harus memperkuat perdagangan kakao.",
     "Kwame Mensah", "kedua negara harus memperkuat perdagangan kakao", "Berbicara di sela-sela"),
    ("en", "Speaking on the sidelines of the Pacific Islands Forum, Sitiveni Rabuka told Mark Brown that the two "
           "governments must expand climate finance.",
     "Sitiveni Rabuka", "the two governments must expand climate finance", "Speaking on the sidelines"),
])
def test_leading_participle_clause_is_not_inverted_speech(lang, text, speaker, content, not_content):
    found = _said(lang, text)
    assert _has(found, speaker, content, False)
    assert not any(not_content in c for _s, c, _d, _v in found)


def test_id_medium_after_a_preposition_is_not_the_speaker():
    found = _said("id", "Sementara Menlu Fiji Lavinia Tora melalui Instagram, menyampaikan bahwa ia dan mitranya "
                        "membahas perubahan iklim dan perikanan.")
    assert _has(found, "Lavinia Tora", "membahas perubahan iklim", False)
    assert not any(sp.strip() == "Instagram" for sp, _c, _d, _v in found)


@pytest.mark.parametrize("lang,text", [
    ("id", "Kedua pemimpin itu juga meyakini bahwa tatanan perdagangan global sedang berubah dengan cepat."),
    ("id", "Presiden Ghana Kwame Mensah meyakini bahwa tatanan perdagangan global sedang berubah dengan cepat."),
])
def test_belief_is_not_speech(lang, text):
    assert _said(lang, text) == []


def test_id_bare_title_speaker_has_the_salient_person_as_antecedent():
    doc = build_nlp("id", layer=False)(
        "“Kami akan memimpin perundingan ini dengan sabar,” ujar Luis Paredes di Lima.\n"
        "Menlu Peru kembali menegaskan, kawasan Andes hanya bisa maju jika semua negara bersatu.")
    found = [f for f in read_statements(doc) if "kawasan Andes" in f.content.text]
    assert found and found[0].speaker.text.startswith("Menlu Peru")
    assert any("Luis Paredes" in a.text for a in found[0].antecedents)


def test_extract_reads_the_component_and_drops_a_repeated_statement():
    from diplokg.extract import extract
    from diplokg.ingest import read_text
    text = ("Menlu Ghana Kwame Mensah menyatakan bahwa kedua negara akan membuka konsulat baru di Kumasi.\n\n"
            "Accra - Menlu Ghana Kwame Mensah menyatakan bahwa kedua negara akan membuka konsulat baru di Kumasi.")
    document = read_text(text, doc_id="statements-repeat", language="id", published="2024-03-01", detect_title=False)
    ex = extract(build_nlp("id")(document.body_text()), document, load_lexicon())
    said = [s for s in ex.statements if "konsulat baru di Kumasi" in s.text]
    assert len(said) == 1 and said[0].speaker.endswith("mensah")


def test_the_audience_after_a_speech_verb_is_not_what_was_said():
    found = _said("en", "\"We are ready to help,\" Odhiambo told reporters in Nairobi.")
    assert [(content, direct) for _sp, content, direct, _via in found] == [("We are ready to help,", True)]
    found = _said("en", "Odhiambo told reporters in Nairobi, the talks would resume in May.")
    assert _has(found, "Odhiambo", "the talks would resume in May", direct=False)
    assert not _has(found, "Odhiambo", "reporters")


@pytest.mark.parametrize("lang, text, speaker", [
    ("id", "“Kami siap membantu,” ujar Menteri Luar Negeri Peru Elena Quispe.", "Elena Quispe"),
    ("en", "“We are ready,” said Peruvian Foreign Minister Elena Quispe.", "Elena Quispe"),
])
def test_a_short_quotation_with_its_own_attribution_is_said(lang, text, speaker):
    found = _said(lang, text)
    assert any(speaker in sp and d for sp, _c, d, _v in found)


def test_a_short_phrase_quoted_inside_a_sentence_is_not_a_statement():
    assert _said("id", "Ia menyebut rencana itu “tidak masuk akal,” kata sumber tersebut.") == []
    assert _said("en", "Players call the move the “flip flap” in training.") == []


def _said_with_layer(lang: str, text: str) -> list[tuple[str, str, bool, str]]:
    doc = build_nlp(lang, layer=True)(text)
    return [(f.speaker.text if f.speaker else "", f.content.text, f.direct, f.via) for f in read_statements(doc)]


@pytest.mark.parametrize("lang, text, speaker, said", [
    ("en", "Ministry spokesperson Ama Owusu said Foreign Minister Samuel Ablakwa met his Peruvian counterpart.",
     "Ama Owusu", "Foreign Minister Samuel Ablakwa met his Peruvian counterpart"),
    ("id", "Juru bicara Wanjiru Kamau mengatakan Menlu Kenya akan berkunjung ke Santiago pekan depan.",
     "Wanjiru Kamau", "Menlu Kenya akan berkunjung ke Santiago pekan depan"),
])
def test_a_verb_that_only_says_something_was_said_is_not_part_of_it(lang, text, speaker, said):
    found = _said_with_layer(lang, text)
    assert [content for _sp, content, _d, _via in found] == [said]
    assert found[0][0].endswith(speaker)  # the subject, its title with it


@pytest.mark.parametrize("text, speaker", [
    ("The talks with Peru will resume in May, spokesperson Ama Owusu said.", "Ama Owusu"),
    ("The talks with Peru will resume in May, Ghana's foreign minister Samuel Ablakwa said.", "Samuel Ablakwa"),
])
def test_a_titled_speaker_after_the_clause_says_it(text, speaker):
    for layer in (True, False):
        doc = build_nlp("en", layer=layer)(text)
        found = [(f.speaker.text if f.speaker else "", f.content.text) for f in read_statements(doc)]
        assert [content for _sp, content in found] == ["The talks with Peru will resume in May"]
        assert found[0][0].endswith(speaker)


@pytest.mark.parametrize("lang, text, speaker", [
    ("en", "\u201cA fruitful meeting with my Chilean colleague,\u201d Ghanaian Foreign Minister Samuel Ablakwa posted on X.",
     "Samuel Ablakwa"),
    ("id", "\u201cPertemuan yang sangat produktif dengan sahabat saya dari Chile,\u201d tulis Menlu Kenya Musalia "
           "Mudavadi di akun X miliknya.", "Musalia Mudavadi"),
])
def test_a_quote_posted_on_social_media_is_said(lang, text, speaker):
    found = _said_with_layer(lang, text)
    assert len(found) == 1 and found[0][0].endswith(speaker) and found[0][2]


def test_the_person_right_before_the_verb_speaks_after_an_opening_clause():
    text = ("After meeting Vietnamese Foreign Minister Bui Thanh Son in Hanoi, Philippine Foreign Secretary "
            "Enrique Manalo said ties were strong.")
    found = _said_with_layer("en", text)
    assert [(speaker.endswith("Enrique Manalo"), content) for speaker, content, _d, _via in found] == [
        (True, "ties were strong")]
    # A relative clause's person is no speaker: the subject before it is.
    for text in ("Foreign Secretary Enrique Manalo, who met Vietnamese Foreign Minister Bui Thanh Son in Hanoi, "
                 "said ties were strong.",
                 "After meeting Vietnamese Foreign Minister Bui Thanh Son in Hanoi, Foreign Secretary Enrique Manalo "
                 "said ties were strong."):
        document = read_text(text, doc_id="statements-test", language="en", published="2024-05-02",
                             detect_title=False)
        ex = next(extract_documents([document]))
        assert [(s.speaker, s.text) for s in ex.statements] == [("enrique-manalo", "ties were strong")]


def test_an_office_that_speaks_gives_no_person_a_statement():
    text = ("U.S. Secretary of State Marco Rubio will travel to Panama on Saturday, the State Department said, "
            "in his first trip abroad as top diplomat.")
    document = read_text(text, doc_id="statements-test", language="en", published="2024-05-02", detect_title=False)
    assert not next(extract_documents([document])).statements


@pytest.mark.parametrize("text, said", [
    ("According to Chilean Foreign Minister Alberto van Klaveren, the two countries will sign a trade deal next month.",
     "the two countries will sign a trade deal next month"),
    ("The two countries will sign a trade deal next month, according to Ghana's foreign minister Samuel Ablakwa.",
     "The two countries will sign a trade deal next month"),
])
def test_according_to_a_titled_speaker_with_the_state_before_the_title(text, said):
    found = _said_with_layer("en", text)
    assert [(content, via) for _sp, content, _d, via in found] == [(said, "according_to")]


def test_a_reported_clause_whose_subject_the_parse_gives_the_verb_as_object():
    # "menilai Kenya | memiliki ...": however the language layer attaches "Kenya" (the clause's
    # subject or the verb's object), the statement is the whole clause
    doc = build_nlp("id")("Menteri Luar Negeri Ghana Ama Mensah menilai Kenya memiliki peran penting di kawasan "
                          "Afrika Timur.")
    assert [(f.speaker.text, f.content.text) for f in read_statements(doc)] == [
        ("Menteri Luar Negeri Ghana Ama Mensah", "Kenya memiliki peran penting di kawasan Afrika Timur")]


@pytest.mark.parametrize("lang, text", [
    ("en", "Trade between Chile and Peru grew by ten percent last year, his spokesman Tomas Rojas said on Monday."),
    ("id", "Perdagangan Chile dan Peru tumbuh sepuluh persen tahun lalu, kata juru bicara kepresidenan Tomas Rojas."),
])
def test_an_inverted_tail_with_a_qualified_title_names_the_speaker(lang, text):
    found = _said(lang, text)
    assert _has(found, "Tomas Rojas", "grew by ten percent" if lang == "en" else "tumbuh sepuluh persen", False)


@pytest.mark.parametrize("text, direct", [
    ("\"Trade with Peru doubled last year,\" said Boric's spokeswoman Camila Ortiz.", True),
    ("Trade with Peru doubled last year, said Boric's spokeswoman Camila Ortiz.", False),
])
def test_the_speaker_after_a_possessor_is_the_one_the_phrase_names(text, direct):
    # "said Boric's spokeswoman X": X spoke, not Boric
    found = _said("en", text)
    assert _has(found, "Camila Ortiz", "Trade with Peru doubled", direct)
    assert not _has(found, "Boric", "Trade with Peru doubled")


def test_a_possessors_unnamed_spokesperson_gives_the_possessor_no_words():
    found = _said("en", "\"Trade with Peru doubled last year,\" said Boric's spokeswoman.")
    assert not _has(found, "Boric", "Trade with Peru doubled")


def _records(lang: str, text: str) -> list[tuple[str, str, bool]]:
    document = read_text(text, doc_id="statements-test", language=lang, published="2024-05-02", detect_title=False)
    return [(s.speaker, s.text, s.direct) for s in next(extract_documents([document])).statements]


@pytest.mark.parametrize("text, speaker", [
    ("\u201cWe will not accept any interference in our affairs,\u201d Iranian Foreign Ministry spokesman "
     "Nasser Kanaani told a weekly news conference.", "nasser-kanaani"),
    ("\u201cThe door to dialogue remains open,\u201d Deputy Foreign Minister of the Republic of Korea "
     "Kim Hong-kyun told reporters in Seoul.", "kim-hong-kyun"),
])
def test_a_quotation_closed_by_a_long_titled_speaker_is_theirs_and_only_that(text, speaker):
    # The verb that closes the quotation is the quotation's: what follows it ("a weekly news
    # conference") is its setting, no statement of its own.
    found = _records("en", text)
    assert [(sp, direct) for sp, _t, direct in found] == [(speaker, True)]


@pytest.mark.parametrize("lang, text, speaker, said", [
    ("en", "Ghanaian President John Mahama told his Chilean counterpart Gabriel Boric in a phone call on Sunday "
           "that Accra was ready to host the trade talks, the presidency said.",
     "john-mahama", "Accra was ready to host the trade talks"),
    ("id", "Presiden Ghana John Mahama mengatakan kepada Presiden Chile Gabriel Boric dalam pertemuan di Santiago "
           "pada Sabtu bahwa Ghana siap memperluas kerja sama energi.",
     "john-mahama", "Ghana siap memperluas kerja sama energi"),
])
def test_a_marked_clause_after_the_addressee_and_setting_is_what_was_said(lang, text, speaker, said):
    assert [(sp, t, direct) for sp, t, direct in _records(lang, text) if sp == speaker] == [(speaker, said, False)]


def test_an_attribution_tail_after_a_possessor_names_its_speaker():
    text = ("Ghanaian President John Mahama met Chilean President Gabriel Boric in Santiago on Monday, "
            "Mahama's spokesman Felix Kwakye Ofosu said.")
    assert [(sp, t) for sp, t, _d in _records("en", text)] == [
        ("felix-kwakye-ofosu", "Ghanaian President John Mahama met Chilean President Gabriel Boric in Santiago on Monday")]


@pytest.mark.parametrize("lang, text, said, direct", [
    ("id", "Ghana siap menjadi jembatan bagi negara-negara Amerika Latin. Hal itu disampaikan Menteri Luar Negeri "
           "Ghana Samuel Ablakwa usai bertemu Presiden Chile Gabriel Boric di Santiago.",
     "Ghana siap menjadi jembatan bagi negara-negara Amerika Latin", False),
    ("id", "\u201cKami ingin kerja sama ini terus tumbuh di masa depan.\u201d Hal tersebut disampaikan oleh Menteri "
           "Luar Negeri Ghana Samuel Ablakwa di Accra.", "Kami ingin kerja sama ini terus tumbuh di masa depan.", True),
    ("en", "Ghana stands ready to help Chile. This was stated by Ghanaian Foreign Minister Samuel Ablakwa in Accra.",
     "Ghana stands ready to help Chile", False),
])
def test_a_back_reference_gives_the_sentence_before_to_its_speaker(lang, text, said, direct):
    assert _records(lang, text) == [("samuel-ablakwa", said, direct)]


@pytest.mark.parametrize("lang, text", [
    # A sentence that tells its own speech ("mengungkapkan kekagumannya") is narration, not words said.
    ("id", "Menlu Ghana Samuel Ablakwa mengungkapkan kekagumannya terhadap Chile. Hal itu disampaikan Ablakwa "
           "dalam pertemuan di Santiago."),
    # "That said," is no attribution.
    ("en", "Ghana has been a partner for decades. That said, Ghanaian Foreign Minister Samuel Ablakwa met Chilean "
           "President Gabriel Boric."),
])
def test_a_back_reference_without_words_to_give_gives_none(lang, text):
    assert _records(lang, text) == []


@pytest.mark.parametrize("lang, text", [
    ("id", "Kenya siap mengirim polisi ke Haiti, kata juru bicara Presiden Kenya William Ruto, Hussein Mohamed."),
    ("id", "Juru bicara Presiden Kenya William Ruto, Hussein Mohamed, mengatakan Kenya siap mengirim polisi ke Haiti."),
    ("en", "Kenya is ready to send police to Haiti, said the Kenyan president's spokesman, Hussein Mohamed."),
])
def test_the_name_set_off_after_a_title_of_a_title_is_the_speaker(lang, text):
    assert [sp for sp, _t, _d in _records(lang, text)] == ["hussein-mohamed"]


def test_a_title_with_its_name_in_a_list_keeps_every_speaker():
    text = ("Presiden Kenya William Ruto, Presiden Ghana John Mahama, dan Presiden Chile Gabriel Boric "
            "mengatakan mereka siap bekerja sama.")
    assert sorted(sp for sp, _t, _d in _records("id", text)) == ["gabriel-boric", "john-mahama", "william-ruto"]


@pytest.mark.parametrize("text", [
    "Ghana's Foreign Minister Samuel Ablakwa told CNN the trade talks were at a critical stage.",
    "Ghana's Foreign Minister Samuel Ablakwa told Chilean President Gabriel Boric the trade talks were at a critical stage.",
    "Ghana's Foreign Minister Samuel Ablakwa told reporters in Accra the trade talks were at a critical stage.",
])
def test_what_was_told_starts_after_who_was_told(text):
    assert [(sp, t) for sp, t, _d in _records("en", text)] == [
        ("samuel-ablakwa", "the trade talks were at a critical stage")]


def test_a_short_quoted_phrase_inside_a_reported_clause_keeps_the_clause():
    text = "Ghana's Defence Minister Kofi Asante said the pact would \u201cenhance interoperability\u201d between the armies."
    assert _records("en", text) == [
        ("kofi-asante", "the pact would \u201cenhance interoperability\u201d between the armies", False)]


def test_an_unmarked_clause_parsed_as_a_relative_is_what_was_said_and_menurut_dia_speaks():
    text = ("Presiden Ghana John Mahama bertemu Presiden Chile Gabriel Boric. Sementara itu, Mahama menyebut "
            "hubungan kedua negara berada pada titik terbaik. Menurut dia, Ghana mendukung keketuaan Chile di "
            "berbagai forum internasional.")
    assert [(sp, t) for sp, t, _d in _records("id", text)] == [
        ("john-mahama", "hubungan kedua negara berada pada titik terbaik"),
        ("john-mahama", "Ghana mendukung keketuaan Chile di berbagai forum internasional")]
    # An object with a marked relative clause is no clause: "menyebut tiga hal yang dibahas" says nothing.
    assert _records("id", "Menlu Ghana Ama Owusu menyebut tiga hal yang dibahas dalam pertemuan itu.") == []
