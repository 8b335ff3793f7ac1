"""diplokg_scenes: which events an article reports, read with its scene (hosts, continuations,
forum attendees, anaphora, merging), checked by value on passages written for these tests (other
countries and people than the articles the project reads), both on the records and on the
component's spans.
"""

from __future__ import annotations

import pytest

from diplokg.builder import extract_documents
from diplokg.extract import extract
from diplokg.ingest import read_text
from diplokg.lexicon import load_lexicon
from diplokg.pipeline import SCENES_KEY, Cast, build_nlp, find_scenes, read_scenes, write_scenes


def _extract(lang: str, text: str):
    document = read_text(text, doc_id="scenes-test", language=lang, published="2024-07-26", detect_title=False)
    doc = build_nlp(lang)(document.body_text())
    return doc, extract(doc, document, load_lexicon())


def _built(lang: str, text: str):
    """The records as ``diplokg build`` makes them (the batched pipeline, its own components)."""
    document = read_text(text, doc_id="scenes-test", language=lang, published="2024-07-26", detect_title=False)
    return next(extract_documents([document]))


def _people(event) -> list[str]:
    return [p.person for p in event.participants]


def _component(lang: str, text: str):
    """The registered component run on a processed Doc (its cast read from the Doc)."""
    nlp = build_nlp(lang)
    doc = nlp(text)
    scenes = nlp.create_pipe("diplokg_scenes")
    scenes.initialize(nlp=nlp)
    return scenes(doc)


# -- visits and their hosts -------------------------------------------------------------------------

def test_the_host_who_receives_a_visit_meets_the_visitor_id():
    doc, ex = _extract("id", "Presiden Kenya William Ruto menerima kunjungan Perdana Menteri Norwegia "
                             "Jonas Gahr Støre di Nairobi pada 12 Maret 2024.")
    visit = next(e for e in ex.events if e.type == "Visit")
    assert [(p.person, p.role) for p in visit.participants] == [("jonas-gahr-st-re", "visitor")]
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert _people(meeting) == ["william-ruto", "jonas-gahr-st-re"]
    assert meeting.date.value == "2024-03-12" and meeting.place == "nairobi"
    group = doc.spans[SCENES_KEY]
    assert [(s.text, s.label_) for s in group] == [("kunjungan", "Visit"), ("kunjungan", "Meeting")]
    assert group.attrs["participants"] == [["jonas-gahr-st-re"], ["william-ruto", "jonas-gahr-st-re"]]
    assert group.attrs["roles"][0] == ["visitor"]


def test_the_host_who_receives_a_visit_meets_the_visitor_en():
    _doc, ex = _extract("en", "Chilean President Gabriel Boric received the visit of Mongolian President "
                              "Ukhnaagiin Khurelsukh in Santiago on 4 June 2024.")
    assert [(e.type, _people(e)) for e in ex.events] == [
        ("Visit", ["ukhnaagiin-khurelsukh"]), ("Meeting", ["gabriel-boric", "ukhnaagiin-khurelsukh"])]
    assert all(e.date.value == "2024-06-04" and e.place == "santiago" for e in ex.events)


# -- the same scene told on ---------------------------------------------------------------------------

def test_a_later_sentence_about_the_same_visit_keeps_its_date_and_place_id():
    doc, ex = _extract("id", "Perdana Menteri Norwegia Jonas Gahr Støre melakukan kunjungan kenegaraan ke "
                             "Nairobi pada Senin (11/3/2024). Dalam kunjungan tersebut, Støre juga bertemu "
                             "dengan Presiden Kenya William Ruto.")
    assert [e.type for e in ex.events] == ["Visit", "Meeting"]  # "kunjungan tersebut": no second visit
    meeting = ex.events[1]
    assert _people(meeting) == ["jonas-gahr-st-re", "william-ruto"]
    assert (meeting.date.value, meeting.place) == ("2024-03-11", "nairobi")
    group = doc.spans[SCENES_KEY]
    # The date is the first sentence's expression, though the meeting is told in the second.
    date = doc[group.attrs["date"][1][0]:group.attrs["date"][1][1]]
    assert "11/3/2024" in date.text and group[1].sent.start > date.sent.start


def test_a_later_sentence_about_the_same_visit_keeps_its_date_and_place_en():
    _doc, ex = _extract("en", "Mongolian President Ukhnaagiin Khurelsukh arrived in Santiago on 3 June 2024 "
                              "for a state visit. Khurelsukh also met Chilean President Gabriel Boric.")
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert _people(meeting) == ["ukhnaagiin-khurelsukh", "gabriel-boric"]
    assert (meeting.date.value, meeting.place) == ("2024-06-03", "santiago")


# -- forums and who attends them -----------------------------------------------------------------------

@pytest.mark.parametrize("lang, text", [
    ("id", "Menteri Luar Negeri Uruguay Omar Paganini memimpin pertemuan Menteri Luar Negeri Mercosur di "
           "Montevideo pada 5 Juli 2024."),
    ("en", "Uruguayan Foreign Minister Omar Paganini chaired the meeting of Mercosur foreign ministers in "
           "Montevideo on 5 July 2024."),
])
def test_a_forum_meeting_has_those_who_chair_it_as_attendees(lang, text):
    doc, ex = _extract(lang, text)
    assert [(e.type, _people(e), e.forum, e.place) for e in ex.events] == [
        ("ForumMeeting", ["omar-paganini"], "mercosur", "montevideo")]
    assert [s.label_ for s in doc.spans[SCENES_KEY]] == ["ForumMeeting"]


# -- anaphora --------------------------------------------------------------------------------------------

def test_the_meeting_points_back_and_adds_its_place_en():
    doc, ex = _extract("en", "Norwegian Foreign Minister Espen Barth Eide met Chilean Foreign Minister Alberto "
                             "van Klaveren on 3 April 2024. The meeting took place in Oslo.")
    assert [(e.type, _people(e), e.date.value, e.place) for e in ex.events] == [
        ("Meeting", ["espen-barth-eide", "alberto-van-klaveren"], "2024-04-03", "oslo")]
    assert len(doc.spans[SCENES_KEY]) == 1


def test_pertemuan_tersebut_makes_no_second_meeting_id():
    _doc, ex = _extract("id", "Menteri Luar Negeri Norwegia Espen Barth Eide bertemu Menteri Luar Negeri Chili "
                              "Alberto van Klaveren di Oslo pada 3 April 2024. Pertemuan tersebut membahas "
                              "kerja sama energi terbarukan.")
    assert [(e.type, _people(e)) for e in ex.events] == [
        ("Meeting", ["espen-barth-eide", "alberto-van-klaveren"])]


@pytest.mark.parametrize("lang,text", [
    ("en", "Secretary of State Antony Blinken will travel to Cairo next week. He is due to meet Egyptian "
           "President Abdel Fattah al-Sisi and Qatari Emir Sheikh Tamim bin Hamad Al Thani."),
    ("id", "Menteri Luar Negeri Norwegia Espen Barth Eide tiba di Nairobi pada Senin. Ia dijadwalkan bertemu "
           "Presiden Kenya William Ruto dan Menteri Luar Negeri Musalia Mudavadi."),
])
def test_a_pronoun_subject_takes_part_beside_two_named_counterparts(lang, text):
    _doc, ex = _extract(lang, text)
    meeting = next(e for e in ex.events if e.type == "Meeting")
    expected = {"en": ["antony-blinken", "abdel-fattah-el-sisi", "tamim-bin-hamad-al-thani"],
                "id": ["espen-barth-eide", "william-ruto", "musalia-mudavadi"]}[lang]
    assert _people(meeting) == expected


# -- the component's spans ----------------------------------------------------------------------------

def test_the_component_writes_events_and_the_stage_on_the_doc():
    doc = _component("en", "Norwegian Foreign Minister Espen Barth Eide met Chilean Foreign Minister Alberto "
                           "van Klaveren in Oslo on 3 April 2024. The two ministers discussed renewable energy.")
    group = doc.spans[SCENES_KEY]
    assert [(s.text, s.label_) for s in group] == [("met", "Meeting")]
    assert group.attrs["participants"] == [["espen-barth-eide", "alberto-van-klaveren"]]
    assert group.attrs["place"] == ["oslo"] and group.attrs["sentence"] == [[0, doc[0].sent.end]]
    reading = read_scenes(doc)
    assert reading.events[0].date.value.value == "2024-04-03"
    # "The two ministers" in the next sentence names the sides of the meeting on stage.
    assert reading.on_stage(len(doc) - 2) == ("espen-barth-eide", "alberto-van-klaveren")


def test_a_cast_read_from_the_doc_gives_what_the_extractor_gives():
    lex = load_lexicon()
    text = ("Presiden Kenya William Ruto menerima kunjungan Perdana Menteri Norwegia Jonas Gahr Støre di "
            "Nairobi pada 12 Maret 2024.")
    doc, ex = _extract("id", text)
    by_extract = [(s.label_, s.start, list(p)) for s, p in zip(doc.spans[SCENES_KEY], doc.spans[SCENES_KEY].attrs["participants"])]
    write_scenes(doc, find_scenes(doc, lex, "id", Cast.from_doc(doc, lex, "id")))
    assert [(s.label_, s.start, list(p)) for s, p in zip(doc.spans[SCENES_KEY], doc.spans[SCENES_KEY].attrs["participants"])] == by_extract


def test_a_meeting_someone_only_speaks_of_is_no_event():
    # Inside a quotation that is no official readout: what someone says, not what happened.
    _doc, ex = _extract("en", "\u201cI hope to meet President Gabriel Boric in Santiago soon,\u201d Mongolian "
                              "President Ukhnaagiin Khurelsukh said on 3 June 2024.")
    assert ex.events == ()


# -- agreements between states ------------------------------------------------------------------------

def test_an_agreement_signed_by_states_without_a_named_signatory_id():
    _doc, ex = _extract("id", "Chile dan Norwegia menandatangani nota kesepahaman tentang energi terbarukan "
                              "di Oslo pada 5 Maret 2024.")
    assert [(e.type, _people(e), e.date.value, e.place) for e in ex.events] == [("Agreement", [], "2024-03-05", "oslo")]


def test_states_that_only_pledge_or_agree_make_no_agreement_event():
    _doc, ex = _extract("id", "Chile dan Norwegia berjanji memperkuat kerja sama energi terbarukan.")
    assert ex.events == ()


def test_the_signatories_named_later_join_the_states_agreement_en():
    _doc, ex = _extract("en", "Kenya and Ghana signed an agreement on visa exemption in Accra on Monday, "
                              "February 12, 2024. The deal was signed by Kenyan Foreign Minister Amina Odhiambo "
                              "and her Ghanaian counterpart Kwame Mensah.")
    assert [(e.type, sorted(_people(e)), e.date.value, e.place) for e in ex.events] == [
        ("Agreement", ["amina-odhiambo", "kwame-mensah"], "2024-02-12", "accra")]


def test_travel_next_week_for_talks_is_a_planned_visit_and_planned_talks_en():
    _doc, ex = _extract("en", "Foreign Minister Amina Odhiambo of Kenya will travel to Lima next week for talks "
                              "with her Peruvian counterpart Elena Quispe.")
    assert sorted((e.type, tuple(sorted(_people(e))), e.place, e.planned) for e in ex.events) == [
        ("Talks", ("amina-odhiambo", "elena-quispe"), "lima", True),
        ("Visit", ("amina-odhiambo",), "lima", True)]


def test_a_state_after_a_town_the_knowledge_base_lacks_is_the_place_id():
    _doc, ex = _extract("id", "Presiden Kenya William Ruto menghadiri KTT G20 di Kota Nusantara Baru, Brasil, "
                              "pada 18 November 2024.")
    assert [(e.type, e.place, e.forum) for e in ex.events] == [("Summit", "brazil", "g20")]


def test_where_counterparts_come_from_is_not_where_they_meet_en():
    _doc, ex = _extract("en", "On Thursday, Kenyan Foreign Minister Amina Odhiambo held talks with her counterparts "
                              "from Peru and Chile. Odhiambo began her visit to Lima on Wednesday.")
    talks = [e for e in ex.events if e.type == "Talks"]
    assert talks and all(e.place not in ("peru", "chile") for e in talks)


@pytest.mark.parametrize("lang, text, visit_place, met", [
    ("id", "Menlu Ghana Samuel Ablakwa dijadwalkan berkunjung ke Lima pekan depan untuk bertemu Menlu Peru "
           "Elmer Schialer.", "lima", {"samuel-ablakwa", "elmer-schialer"}),
    ("en", "Norwegian Foreign Minister Espen Barth Eide will travel to Nairobi on Friday to meet Kenyan Foreign "
           "Minister Musalia Mudavadi.", "nairobi", {"espen-barth-eide", "musalia-mudavadi"}),
])
def test_the_purpose_of_a_planned_trip_is_planned_too(lang, text, visit_place, met):
    _doc, ex = _extract(lang, text)
    visit = next(e for e in ex.events if e.type == "Visit")
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert visit.planned and visit.place == visit_place
    assert {p.person for p in meeting.participants} == met and meeting.planned


def test_a_meeting_after_a_held_visit_stays_held():
    _doc, ex = _extract("id", "Menlu Ghana Samuel Ablakwa berkunjung ke Lima untuk bertemu Menlu Peru Elmer Schialer, Senin.")
    assert [(e.type, e.planned) for e in ex.events if e.type in ("Visit", "Meeting")] == [
        ("Visit", False), ("Meeting", False)]


@pytest.mark.parametrize("lang, text, met", [
    ("en", "Foreign Ministry spokesperson Ama Owusu said Ghanaian Foreign Minister Samuel Ablakwa met Peruvian "
           "Foreign Minister Elmer Schialer in Lima on Monday.", {"samuel-ablakwa", "elmer-schialer"}),
    ("id", "Juru bicara Kemlu Kenya Wanjiru Kamau mengatakan Menlu Kenya Musalia Mudavadi bertemu Menlu Chile "
           "Alberto van Klaveren di Santiago, Senin.", {"musalia-mudavadi", "alberto-van-klaveren"}),
])
def test_a_readout_reports_the_event_its_clause_tells(lang, text, met):
    # A spokesperson's or a ministry's reported clause is the event's readout, not a claim.
    _doc, ex = _extract(lang, text)
    meetings = [e for e in ex.events if e.type == "Meeting"]
    assert [{p.person for p in e.participants} for e in meetings] == [met]


def test_what_a_person_says_happened_stays_a_claim():
    _doc, ex = _extract("en", "Opposition leader Kofi Asante said Ghanaian Foreign Minister Samuel Ablakwa met "
                              "Peruvian Foreign Minister Elmer Schialer in Lima on Monday.")
    assert not [e for e in ex.events if e.type == "Meeting"]


def test_calls_received_from_two_callers_are_two_calls_en():
    _doc, ex = _extract("en", "Chilean President Gabriel Boric received calls from Peruvian President Dina Boluarte "
                              "and Ecuadorian President Daniel Noboa on Wednesday.")
    calls = [sorted(p.person for p in e.participants) for e in ex.events if e.type == "PhoneCall"]
    assert calls == [["dina-boluarte", "gabriel-boric"], ["daniel-noboa", "gabriel-boric"]]
    assert not [e for e in ex.events if e.type == "Meeting"]


def test_a_visitor_received_by_the_host_meets_the_host_id():
    _doc, ex = _extract("id", "Dalam kunjungannya ke Lima, Menlu Kenya Musalia Mudavadi diterima oleh Menlu Peru "
                              "Elmer Schialer di Palacio de Torre Tagle, Kamis.")
    meetings = [e for e in ex.events if e.type == "Meeting"]
    assert [sorted(p.person for p in e.participants) for e in meetings] == [["elmer-schialer", "musalia-mudavadi"]]
    assert meetings[0].place == "lima"


def test_a_meeting_told_after_the_audience_is_reported_en():
    # "told reporters after meeting X": where and when it was said, not what.
    _doc, ex = _extract("en", "Philippine Foreign Secretary Enrique Manalo told reporters after meeting Vietnamese "
                              "Foreign Minister Bui Thanh Son in Hanoi on Monday.")
    meetings = [e for e in ex.events if e.type == "Meeting"]
    assert [sorted(_people(e)) for e in meetings] == [["bui-thanh-son", "enrique-manalo"]]
    assert meetings[0].place == "hanoi"


@pytest.mark.parametrize("lang, text", [
    ("en", "Brazilian President Luiz Inacio Lula da Silva hosted Chilean President Gabriel Boric in Brasilia on Monday."),
    ("id", "Presiden Brasil Luiz Inacio Lula da Silva menjamu Presiden Chile Gabriel Boric di Brasilia, Senin (22/7)."),
])
def test_a_host_and_a_guest_meet(lang, text):
    _doc, ex = _extract(lang, text)
    meetings = [e for e in ex.events if e.type == "Meeting"]
    assert [sorted(_people(e)) for e in meetings] == [["gabriel-boric", "lula-da-silva"]]
    assert meetings[0].place == "brasilia"  # the capital written without its accent is the city


def test_separately_after_the_list_makes_one_meeting_per_counterpart_en():
    _doc, ex = _extract("en", "Turkish Foreign Minister Hakan Fidan met with Russian Foreign Minister Sergei Lavrov "
                              "and Ukrainian Foreign Minister Andrii Sybiha separately in Antalya on Friday.")
    meetings = [sorted(_people(e)) for e in ex.events if e.type == "Meeting"]
    assert meetings == [["hakan-fidan", "sergei-lavrov"], ["andrii-sybiha", "hakan-fidan"]]


@pytest.mark.parametrize("lang, text", [
    ("id", "Duta Besar Kenya untuk Chile Grace Wanjiru menyerahkan surat kepercayaan kepada Presiden Chile Gabriel "
           "Boric di Santiago, Selasa."),
    ("en", "Kenyan Ambassador Grace Wanjiru presented her credentials to Chilean President Gabriel Boric in Santiago "
           "on Tuesday."),
])
def test_an_envoy_presenting_credentials_meets_the_head_of_state(lang, text):
    _doc, ex = _extract(lang, text)
    assert [sorted(_people(e)) for e in ex.events if e.type == "Meeting"] == [["gabriel-boric", "grace-wanjiru"]]


@pytest.mark.parametrize("text", [
    "Kenyan President William Ruto hosted a state banquet for visiting Ghanaian President John Mahama in Nairobi on "
    "Tuesday.",
    "Kenyan President William Ruto met visiting Ghanaian President John Mahama in Nairobi on Tuesday.",
])
def test_the_person_a_visit_word_qualifies_is_the_visitor_en(text):
    _doc, ex = _extract("en", text)
    assert [(e.type, sorted(_people(e))) for e in ex.events] == [
        ("Meeting", ["john-mahama", "william-ruto"]), ("Visit", ["john-mahama"])]


@pytest.mark.parametrize("lang, text", [
    ("id", "Presiden Chile Gabriel Boric dan Presiden Peru Dina Boluarte sepakat membuka kembali perbatasan. "
           "Kesepakatan itu dicapai dalam pertemuan bilateral di Lima, Jumat (26/7)."),
    ("en", "Chilean President Gabriel Boric and Peruvian President Dina Boluarte agreed to reopen the border crossing. "
           "The agreement was reached during a bilateral meeting in Lima on Friday."),
])
def test_a_meeting_that_sets_the_scene_just_told_has_its_sides(lang, text):
    _doc, ex = _extract(lang, text)
    summary = [(e.type, sorted(_people(e)), e.date.value if e.date else None, e.place) for e in ex.events]
    assert summary == [("Agreement", ["dina-boluarte", "gabriel-boric"], "2024-07-26", "lima"),
                       ("Meeting", ["dina-boluarte", "gabriel-boric"], "2024-07-26", "lima")]


def test_a_meeting_on_the_sidelines_of_the_gathering_just_told_id():
    _doc, ex = _extract("id", "Menlu Kenya Musalia Mudavadi menghadiri Pertemuan Menteri Luar Negeri OKI di Istanbul, "
                              "Turki. Di sela-sela pertemuan itu, Mudavadi bertemu Menlu Ghana Samuel Ablakwa.")
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert (sorted(_people(meeting)), meeting.forum, meeting.place) == (
        ["musalia-mudavadi", "samuel-ablakwa"], "oic", "istanbul")


def test_the_sidelines_of_a_gathering_named_before_give_the_meeting_its_forum_en():
    # no event for the assembly itself: the word after the sidelines cue names the forum
    _doc, ex = _extract("en", "Kenyan President William Ruto addressed world leaders as the UN General Assembly opened "
                              "in New York. Ruto met Ghanaian President John Mahama on the sidelines of the assembly.")
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert (sorted(_people(meeting)), meeting.forum) == (["john-mahama", "william-ruto"], "unga")


def test_a_forum_in_what_was_said_is_not_the_meetings_id():
    _doc, ex = _extract("id", "Menlu Kenya Musalia Mudavadi bertemu Menlu Ghana Samuel Ablakwa di Nairobi, Senin. Dalam "
                              "pertemuan tersebut, Ablakwa menyampaikan bahwa Ghana mendukung keketuaan Kenya di forum "
                              "D-8.")
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert (sorted(_people(meeting)), meeting.place, meeting.forum) == (
        ["musalia-mudavadi", "samuel-ablakwa"], "nairobi", None)


def test_a_host_who_receives_a_guest_meets_the_guest_id():
    _doc, ex = _extract("id", "Raja Yordania Abdullah II menerima Presiden Kenya William Ruto di Amman, Senin (22/7).")
    assert [(e.type, sorted(_people(e))) for e in ex.events] == [("Meeting", ["abdullah-ii", "william-ruto"])]


@pytest.mark.parametrize("lang, text, met", [
    # where it was said: a meeting after a setting word at the end of what was said
    ("id", "Presiden Kenya William Ruto menyebut Presiden Ghana John Mahama sebagai sahabat dekat dalam pertemuan "
           "Senin (22/7) di Nairobi.", [["john-mahama", "william-ruto"]]),
    ("en", "Kenyan President William Ruto called Ghanaian President John Mahama a close friend during a meeting in "
           "Nairobi on Monday.", [["john-mahama", "william-ruto"]]),
    # after a complementizer it is what was claimed
    ("id", "Menlu Kenya Musalia Mudavadi mengatakan bahwa dalam pertemuan dengan Menlu Ghana Samuel Ablakwa, kedua "
           "pihak sepakat membuka kedutaan.", []),
])
def test_a_meeting_where_something_was_said_is_no_claim(lang, text, met):
    _doc, ex = _extract(lang, text)
    assert [sorted(_people(e)) for e in ex.events if e.type == "Meeting"] == met


@pytest.mark.parametrize("lang, text, events", [
    ("id", "Menlu Kenya Musalia Mudavadi bertolak ke Santiago, Chile, pada Minggu (21/7) untuk kunjungan kerja.",
     [("Visit", ["musalia-mudavadi"], "santiago")]),
    ("en", "Kenyan Foreign Minister Musalia Mudavadi flew to Santiago on Sunday.", [("Visit", ["musalia-mudavadi"], "santiago")]),
    # setting off for a summit is attending it
    ("id", "Presiden Kenya William Ruto berangkat ke Tokyo untuk menghadiri KTT G7.", [("Summit", ["william-ruto"], "tokyo")]),
])
def test_setting_off_for_a_place_is_a_visit(lang, text, events):
    _doc, ex = _extract(lang, text)
    assert [(e.type, sorted(_people(e)), e.place) for e in ex.events] == events


def test_who_tells_an_event_is_no_party_to_it_id():
    # The spokesperson's sentence names the minister only by a first name the reader does not link.
    _doc, ex = _extract("id", "Juru bicara Kementerian Luar Negeri Kenya Wanjiru Kamau mengatakan pada Senin, Musalia "
                              "melanjutkan perjalanan ke Santiago untuk bertemu Presiden Chile Gabriel Boric.")
    assert not any("wanjiru-kamau" in _people(e) for e in ex.events)


def test_the_companion_of_a_known_person_joins_the_visit_id():
    # A known person's name is read by the knowledge base and after the title: one mention, so the
    # companion after it ("beserta Ibu Y") is still joined to it.
    _doc, ex = _extract("id", "Presiden Kenya William Ruto menyambut kedatangan Presiden Prancis Emmanuel Macron beserta "
                              "Ibu Brigitte Macron di Nairobi, Selasa (23/7).")
    visits = [sorted(_people(e)) for e in ex.events if e.type == "Visit"]
    assert visits == [["brigitte-macron", "emmanuel-macron"]]


@pytest.mark.parametrize("lang, text", [
    ("en", "On the sidelines of the Munich Security Conference on Saturday, Kenyan Foreign Minister Musalia Mudavadi "
           "met Chilean Foreign Minister Alberto van Klaveren."),
    ("id", "Di sela-sela Konferensi Keamanan Munich, Menlu Kenya Musalia Mudavadi bertemu Menlu Chile Alberto van "
           "Klaveren, Sabtu (27/7)."),
    # at the conference, no sidelines word
    ("en", "Kenyan Foreign Minister Musalia Mudavadi met Chilean Foreign Minister Alberto van Klaveren at the Munich "
           "Security Conference on Saturday."),
])
def test_a_meeting_at_or_beside_a_recurring_conference(lang, text):
    _doc, ex = _extract(lang, text)
    assert [(e.type, sorted(_people(e)), e.forum) for e in ex.events] == [
        ("Meeting", ["alberto-van-klaveren", "musalia-mudavadi"], "munich-security-conference")]


@pytest.mark.parametrize("lang, text, events", [
    # a courtesy call on a host is a meeting; a call on someone to do something is an appeal
    ("en", "During the visit, Chilean Foreign Minister Rosa Quispe will call on Peruvian President Diego Mamani.",
     [("Meeting", ["diego-mamani", "rosa-quispe"])]),
    ("en", "Chilean Foreign Minister Rosa Quispe called on Peruvian President Diego Mamani to release the detainees.",
     []),
    # talks held by phone are the call
    ("id", "Menlu Chile Rosa Quispe melakukan pembicaraan melalui telepon dengan Menlu Peru Diego Mamani, Rabu.",
     [("PhoneCall", ["diego-mamani", "rosa-quispe"])]),
    ("en", "Chilean Foreign Minister Rosa Quispe held talks by phone with Peruvian Foreign Minister Diego Mamani.",
     [("PhoneCall", ["diego-mamani", "rosa-quispe"])]),
    # a verb coordinated with an earlier one shares its subject, not its object
    ("en", "Chilean Foreign Minister Rosa Quispe met Peruvian Foreign Minister Diego Mamani on Monday and later spoke "
           "by phone with Bolivian Foreign Minister Ana Choque.",
     [("Meeting", ["diego-mamani", "rosa-quispe"]), ("PhoneCall", ["ana-choque", "rosa-quispe"])]),
    ("en", "Chilean Foreign Minister Rosa Quispe will call on Peruvian President Diego Mamani and meet Peruvian "
           "Foreign Minister Ana Choque.",
     [("Meeting", ["diego-mamani", "rosa-quispe"]), ("Meeting", ["ana-choque", "rosa-quispe"])]),
    # two meetings of other people in one sentence
    ("en", "Chilean President Rosa Quispe met Peruvian President Diego Mamani, who later met Bolivian President Ana "
           "Choque.",
     [("Meeting", ["diego-mamani", "rosa-quispe"]), ("Meeting", ["ana-choque", "diego-mamani"])]),
])
def test_calls_phone_talks_and_coordinated_verbs(lang, text, events):
    _doc, ex = _extract(lang, text)
    assert [(e.type, sorted(_people(e))) for e in ex.events if e.type != "Visit"] == events


def test_a_plural_title_stands_for_the_people_on_stage_en():
    _doc, ex = _extract("en", "Chilean President Rosa Quispe was received by Peruvian President Diego Mamani in Lima on "
                              "Thursday. The presidents signed an agreement on the border.")
    assert [(e.type, sorted(_people(e))) for e in ex.events] == [
        ("Meeting", ["diego-mamani", "rosa-quispe"]), ("Agreement", ["diego-mamani", "rosa-quispe"])]


@pytest.mark.parametrize("lang, text", [
    ("id", "\u201cGhana mendukung penuh keketuaan Chile di forum itu tahun ini,\u201d kata Menlu Ghana Samuel Ablakwa "
           "usai bertemu Menlu Chile Alberto van Klaveren di Santiago."),
    ("en", "\u201cGhana fully supports Chile's chairmanship of the forum this year,\u201d Ghanaian Foreign Minister "
           "Samuel Ablakwa said after meeting Chilean Foreign Minister Alberto van Klaveren in Santiago."),
])
def test_a_date_said_inside_a_quotation_is_no_date_of_the_meeting_told_outside_it(lang, text):
    ex = _built(lang, text)
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert meeting.place == "santiago" and meeting.date is None


def test_a_readouts_event_inside_the_quotation_takes_the_date_after_it():
    ex = _built("id", "\u201cMenlu Ghana juga telah melakukan kunjungan kehormatan kepada Presiden Chile Gabriel "
                              "Boric,\u201d tulis Kemlu Ghana lewat pernyataan Senin (22/7/2024).")
    call = next(e for e in ex.events if e.type == "Meeting")
    assert call.date is not None and call.date.value == "2024-07-22"


@pytest.mark.parametrize("text", [
    "President Gabriel Boric and President John Mahama discussed the copper deal in a call on Thursday.",
    "President Gabriel Boric discussed the copper deal with President John Mahama in a brief phone call on Thursday.",
])
def test_talks_held_in_a_call_are_that_phone_call(text):
    # "in a call on Thursday": the date's preposition, no courtesy "call on"; the talks' verb with
    # "in a call" is the call itself, one event.
    ex = _built("en", text)
    assert [(e.type, _people(e), e.date.value) for e in ex.events] == [
        ("PhoneCall", ["gabriel-boric", "john-mahama"], "2024-07-25")]


def test_a_courtesy_call_on_a_host_is_still_a_meeting():
    ex = _built("en", "Ghana's ambassador Kwame Mensah will call on President Gabriel Boric in Santiago on Friday.")
    assert [(e.type, _people(e)) for e in ex.events] == [("Meeting", ["kwame-mensah", "gabriel-boric"])]


@pytest.mark.parametrize("lang, text, person, forum", [
    ("id", "Wakil Menteri Luar Negeri Ghana Fatima Mahama menghadiri Sidang Majelis Umum PBB di New York.",
     "fatima-mahama", "unga"),
    ("en", "Ghanaian President John Mahama attended the East Asia Summit in Vientiane on Friday.", "john-mahama", "eas"),
])
def test_attending_a_forum_whose_name_is_a_gathering_is_that_gathering(lang, text, person, forum):
    ex = _built(lang, text)
    assert [(e.type, _people(e), e.forum) for e in ex.events] == [("Summit", [person], forum)]


def test_a_gathering_forum_named_without_an_attending_verb_is_no_event():
    ex = _built("en", "The East Asia Summit was founded in 2005, Ghanaian President John Mahama said.")
    assert not ex.events


def test_who_tells_an_event_after_it_is_no_party_to_it():
    ex = _built("en", "The East Asia Summit opened in Vientiane on Friday, Ghanaian President John Mahama said.")
    assert all("john-mahama" not in _people(e) for e in ex.events)


def test_an_envoy_summoned_in_the_passive_is_the_meeting_party():
    ex = _built("id", "Duta Besar Ghana untuk Chile Kwame Mensah dipanggil Kementerian Luar Negeri Chile terkait "
                      "pernyataan seorang pejabat Ghana.")
    assert [(e.type, _people(e)) for e in ex.events] == [("Meeting", ["kwame-mensah"])]


@pytest.mark.parametrize("lang, text", [
    ("en", "Ghanaian President John Mahama hosted Chilean President Gabriel Boric in Accra on Wednesday, a day after "
           "the ECOWAS summit in Abuja."),
    ("id", "Presiden Ghana John Mahama bertemu Presiden Chile Gabriel Boric di Accra menjelang KTT ECOWAS."),
])
def test_a_gathering_that_only_dates_the_meeting_is_not_its_forum(lang, text):
    ex = _built(lang, text)
    assert [(e.type, _people(e), e.forum) for e in ex.events] == [("Meeting", ["john-mahama", "gabriel-boric"], None)]


def test_a_bilateral_meeting_on_the_sidelines_is_no_gathering_of_the_forum():
    ex = _built("en", "Ghanaian President John Mahama and Chilean President Gabriel Boric held a bilateral meeting on "
                      "the sidelines of the G20 summit in Johannesburg on Tuesday.")
    assert [(e.type, _people(e), e.forum) for e in ex.events] == [
        ("Meeting", ["john-mahama", "gabriel-boric"], "g20")]


def test_a_large_city_that_is_no_capital_is_the_meetings_place():
    ex = _built("en", "Ghanaian President John Mahama met Chinese President Xi Jinping in Chengdu on Monday.")
    assert [(e.type, e.place) for e in ex.events] == [("Meeting", "chengdu")]
    assert ("Place", "chengdu") in {(e.type, e.key) for e in ex.entities}


@pytest.mark.parametrize("lang, text", [
    ("en", "Ghanaian President John Mahama met Chilean President Gabriel Boric in Santiago on Monday, a day after a "
           "call with Peruvian President Dina Boluarte."),
    ("id", "Presiden Ghana John Mahama bertemu Presiden Chile Gabriel Boric di Santiago, sehari setelah berbicara "
           "melalui telepon dengan Presiden Peru Dina Boluarte."),
])
def test_an_event_after_a_time_link_shares_the_main_verbs_subject(lang, text):
    ex = _built(lang, text)
    assert [(e.type, _people(e)) for e in ex.events] == [
        ("Meeting", ["john-mahama", "gabriel-boric"]), ("PhoneCall", ["john-mahama", "dina-boluarte"])]


@pytest.mark.parametrize("lang, text, forum, place", [
    ("en", "The foreign ministers of ECOWAS met in Accra on Tuesday.", "ecowas", "accra"),
    ("en", "African Union leaders gathered in Addis Ababa on Sunday.", "au", "addis-ababa"),
    ("id", "Para menteri luar negeri ASEAN berkumpul di Vientiane pada Selasa.", "asean", "vientiane"),
])
def test_a_forums_unnamed_members_meeting_is_the_forums_meeting(lang, text, forum, place):
    ex = _built(lang, text)
    assert [(e.type, _people(e), e.forum, e.place) for e in ex.events] == [("ForumMeeting", [], forum, place)]


def test_unnamed_people_without_a_forum_make_no_event():
    assert not _built("en", "Foreign ministers met in Accra on Tuesday.").events


@pytest.mark.parametrize("lang, text", [
    ("id", "Menlu Ghana Samuel Ablakwa bertemu Menlu Chile Alberto van Klaveren di Santiago. Selain bertemu Menlu "
           "van Klaveren, Ablakwa juga dijadwalkan bertemu Sekretaris Jenderal OKI Hissein Brahim Taha di Jeddah pada Senin."),
    ("en", "Ghanaian Foreign Minister Samuel Ablakwa met Chilean Foreign Minister Alberto van Klaveren in Santiago. "
           "Besides meeting van Klaveren, Ablakwa is also scheduled to meet OIC Secretary-General Hissein Brahim Taha "
           "in Jeddah on Monday."),
])
def test_besides_tells_the_first_meeting_again_and_the_second_is_its_own(lang, text):
    ex = _built(lang, text)
    assert [(_people(e), e.place, e.date.value if e.date else None, e.planned) for e in ex.events] == [
        (["samuel-ablakwa", "alberto-van-klaveren"], "santiago", None, False),
        (["samuel-ablakwa", "hissein-brahim-taha"], "jeddah", "2024-07-29", True)]


def test_a_title_whose_holder_follows_a_bracketed_short_form_is_that_holder():
    ex = _built("id", "Menlu Ghana Samuel Ablakwa bertemu Sekretaris Jenderal Organisasi Kerja Sama Islam (OKI) "
                      "Hissein Brahim Taha di Jeddah.")
    assert [_people(e) for e in ex.events] == [["samuel-ablakwa", "hissein-brahim-taha"]]


@pytest.mark.parametrize("lang, text, planned, date", [
    ("en", "Ghanaian President John Mahama will meet Chilean President Gabriel Boric in Santiago on Monday.",
     True, "2024-07-29"),
    ("en", "Ghanaian President John Mahama met Chilean President Gabriel Boric in Santiago on Monday.",
     False, "2024-07-22"),
    ("id", "Presiden Ghana John Mahama dijadwalkan bertemu Presiden Chile Gabriel Boric di Santiago pada Senin.",
     True, "2024-07-29"),
])
def test_a_planned_events_weekday_is_read_forward(lang, text, planned, date):
    # The articles are published on Friday 26 July 2024.
    ex = _built(lang, text)
    assert [(e.planned, e.date.value) for e in ex.events] == [(planned, date)]


def test_people_expected_to_hold_talks_are_their_planned_parties():
    ex = _built("en", "Ghanaian Foreign Minister Ama Owusu and Defence Minister Kofi Asante signed the pact. Owusu and "
                      "Asante are also expected to hold \u201ctwo-plus-two\u201d talks with their Chilean counterparts "
                      "Alberto van Klaveren and Maya Fernandez on Tuesday.")
    talks = next(e for e in ex.events if e.type == "Talks")
    assert sorted(_people(talks)) == ["alberto-van-klaveren", "ama-owusu", "kofi-asante", "maya-fernandez"]
    assert talks.planned and talks.date.value == "2024-07-30"


def test_a_date_after_since_is_no_date_of_the_visit():
    ex = _built("id", "Presiden Ghana John Mahama tiba di Santiago pada Senin (22/7/2024). Kunjungan Mahama ke Chile "
                      "merupakan yang pertama sejak Presiden Chile Gabriel Boric dilantik pada Maret 2022.")
    assert [(e.type, e.date.value) for e in ex.events] == [("Visit", "2024-07-22")]


def test_welcoming_a_counterpart_is_a_meeting_and_no_statement():
    ex = _built("en", "Ghanaian President John Mahama welcomed his Chilean counterpart Gabriel Boric to Accra on "
                      "Thursday. The two leaders held talks at the presidency.")
    assert [(e.type, _people(e), e.place) for e in ex.events] == [("Meeting", ["john-mahama", "gabriel-boric"], "accra")]
    assert not ex.statements
    # Welcoming a decision is no meeting (it is what was said: a statement).
    ex = _built("en", "Ghanaian President John Mahama welcomed the decision of the Chilean government.")
    assert not ex.events and [s.speaker for s in ex.statements] == ["john-mahama"]


@pytest.mark.parametrize("lang, text", [
    ("id", "Menlu Chile Alberto van Klaveren bertemu Menlu Ghana Samuel Ablakwa di Accra. Ia juga mengundang "
           "Ablakwa untuk berkunjung ke Santiago."),
    ("en", "Chilean Foreign Minister Alberto van Klaveren met Ghanaian Foreign Minister Samuel Ablakwa in Accra. He "
           "also invited Ablakwa to visit Santiago."),
])
def test_an_invitation_to_visit_is_a_planned_visit(lang, text):
    visit = next(e for e in _built(lang, text).events if e.type == "Visit")
    assert (_people(visit), visit.place, visit.planned) == (["samuel-ablakwa"], "santiago", True)
