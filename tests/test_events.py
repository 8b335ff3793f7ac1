"""diplokg_events: event type, participants, date, place and forum read from the Doc.

Passages are written for these tests (other countries, people and forums than the articles the
project reads); each checks participants, class, place or date by value. Most run on the pipeline
with the language layer (the component reads the parse); some without it (word order).
"""

from __future__ import annotations

import pytest

from diplokg.extract import extract
from diplokg.ingest import read_text
from diplokg.lexicon import load_lexicon
from diplokg.pipeline import EVENTS_KEY, build_nlp, read_events
from diplokg.pipeline.events import find_events


def _events(lang: str, text: str, layer: bool = True):
    return read_events(build_nlp(lang, layer=layer)(text))


def _people(event) -> list[str]:
    return [p.text for p in event.participants]


def _with(events, *names: str):
    """The events whose participants name every one of ``names`` (by a part of the span)."""
    return [e for e in events if all(any(n in p for p in _people(e)) for n in names)]


# -- the component ------------------------------------------------------------------------------

def test_component_is_in_the_packaged_pipeline_after_statements():
    nlp = build_nlp("en", layer=True)
    assert "diplokg_events" in nlp.pipe_names
    assert nlp.pipe_names.index("diplokg_events") > nlp.pipe_names.index("diplokg_statements")
    doc = nlp("Laotian Foreign Minister Saleumxay Kommasith met Finnish Foreign Minister Elina Valtonen.")
    assert EVENTS_KEY in doc.spans
    assert set(doc.spans[EVENTS_KEY].attrs) >= {"participants", "roles", "date", "place", "forum", "serial", "via"}


def test_trigger_lemmas_and_reading_words_are_lexicon_data():
    lex = load_lexicon()
    assert lex.event_lemmas["en"]["meet"] == "Meeting" and lex.event_lemmas["id"]["kunjung"] == "Visit"
    assert {"bilateral", "courtesy"} <= lex.event_words["serial"]["en"]
    assert {"istana", "kementerian", "museum", "hotel"} <= lex.event_words["venues"]["id"]
    assert {"palace", "ministry", "museum", "hotel"} <= lex.event_words["venues"]["en"]


def test_an_inflection_nobody_listed_triggers_by_its_lemma():
    # "convened" lists nowhere; a lemma the lexicon knows makes it a trigger of that type.
    nlp = build_nlp("en", layer=False)
    doc = nlp("Ghanaian Foreign Minister Samuel Ablakwa rencontrait Peruvian Foreign Minister Elmer Schialer.")
    tok = next(t for t in doc if t.text == "rencontrait")
    tok.lemma_ = "meet"
    tok.pos_ = "VERB"
    found = find_events(doc, load_lexicon(), "en")
    assert [e.type for e in found] == ["Meeting"]
    assert _with(found, "Samuel Ablakwa", "Elmer Schialer")


def test_a_verb_form_of_a_noun_only_lemma_is_no_trigger():
    nlp = build_nlp("en", layer=False)
    doc = nlp("Chilean envoy Paula Narvaez walked out of the hall.")
    tok = next(t for t in doc if t.text == "walked")
    tok.lemma_ = "talk"
    tok.pos_ = "VERB"
    assert find_events(doc, load_lexicon(), "en") == []


# -- participants from arguments and conjuncts ---------------------------------------------------

@pytest.mark.parametrize("layer", [True, False])
def test_en_subject_and_object_of_met(layer):
    found = _events("en", "Peruvian Foreign Minister Elmer Schialer met Ghana's Foreign Minister Samuel Ablakwa "
                          "in Accra on 12 March.", layer)
    meetings = [e for e in found if e.type == "Meeting"]
    assert len(meetings) == 1
    assert _with(meetings, "Elmer Schialer", "Samuel Ablakwa")
    assert meetings[0].place.text == "Accra"
    assert meetings[0].date.text == "12 March"


@pytest.mark.parametrize("layer", [True, False])
def test_id_bertemu_dengan_oblique(layer):
    found = _events("id", "Menteri Luar Negeri Finlandia Elina Valtonen bertemu dengan Menlu Laos Saleumxay "
                          "Kommasith di Vientiane pada Kamis (14/3).", layer)
    assert len(found) == 1
    event = found[0]
    assert event.type == "Meeting"
    assert _with([event], "Elina Valtonen", "Saleumxay Kommasith")
    assert event.place.text == "Vientiane"
    assert event.date.text.startswith("Kamis")


def test_en_subjects_joined_by_and_are_each_a_participant():
    found = _events("en", "Chilean President Gabriel Boric and Ghanaian President John Mahama held talks "
                          "at the Flagstaff House on Monday.")
    talks = [e for e in found if e.type == "Talks"]
    assert talks and len(talks[0].participants) == 2
    assert _with(talks, "Gabriel Boric", "John Mahama")


def test_id_held_talks_light_verb_shares_its_subject():
    found = _events("id", "Perdana Menteri Laos Sonexay Siphandone melakukan pembicaraan dengan Presiden Chile "
                          "Gabriel Boric di Santiago.")
    talks = [e for e in found if e.type == "Talks"]
    assert talks
    assert _with(talks, "Sonexay Siphandone", "Gabriel Boric")
    assert talks[0].place.text == "Santiago"


def test_a_title_and_its_comma_name_are_one_participant():
    found = _events("id", "Presiden Peru Dina Boluarte bertemu dengan Wakil Menteri Luar Negeri Ghana, "
                          "Thomas Mbomba di Lima.")
    assert len(found) == 1
    people = _people(found[0])
    assert len(people) == 2
    assert any("Wakil Menteri" in p and "Thomas Mbomba" in p for p in people)


def test_two_counterparts_without_a_serial_word_stay_one_meeting():
    found = _events("en", "Finnish President Alexander Stubb met Peruvian President Dina Boluarte and "
                          "Laotian President Thongloun Sisoulith in Helsinki.")
    meetings = [e for e in found if e.type == "Meeting"]
    assert len(meetings) == 1 and not meetings[0].serial
    assert len(meetings[0].participants) == 3


def test_states_alone_name_no_participant():
    found = _events("en", "Finnish Foreign Minister Elina Valtonen held meetings with delegations from Peru and Ghana.")
    assert found
    assert all("Peru" not in p and "Ghana" not in p for e in found for p in _people(e))


# -- serial readings: one event per counterpart --------------------------------------------------

def test_en_bilateral_meetings_with_a_list_split_per_counterpart():
    found = _events("en", "On the sidelines of the conference, Laotian Foreign Minister Saleumxay Kommasith held "
                          "bilateral meetings with Peruvian Foreign Minister Elmer Schialer, Ghanaian Foreign "
                          "Minister Samuel Ablakwa and Finnish Foreign Minister Elina Valtonen.")
    meetings = [e for e in found if e.type == "Meeting"]
    assert len(meetings) == 3 and all(e.serial for e in meetings)
    for name in ("Elmer Schialer", "Samuel Ablakwa", "Elina Valtonen"):
        assert len(_with(meetings, "Saleumxay Kommasith", name)) == 1
    assert all(len(e.participants) == 2 for e in meetings)


def test_id_bertemu_with_three_titled_counterparts_splits():
    found = _events("id", "Menlu Ghana Samuel Ablakwa bertemu dengan Menlu Peru Elmer Schialer, Menlu Laos "
                          "Saleumxay Kommasith dan Menlu Finlandia Elina Valtonen di Accra.")
    assert len(found) == 3
    for name in ("Elmer Schialer", "Saleumxay Kommasith", "Elina Valtonen"):
        event = _with(found, "Samuel Ablakwa", name)
        assert len(event) == 1 and event[0].place.text == "Accra"


def test_en_courtesy_calls_received_by_a_president_make_the_host_a_participant_of_each():
    found = _events("en", "President John Mahama received courtesy calls from the Prime Minister of Laos and "
                          "the President of Finland at Jubilee House.")
    meetings = [e for e in found if e.type == "Meeting"]
    assert len(meetings) == 2
    assert all(e.roles[0] == "host" and "John Mahama" in _people(e)[0] for e in meetings)
    assert {_people(e)[1] for e in meetings} == {"Prime Minister of Laos", "President of Finland"}
    assert all(e.place.text == "Jubilee House" for e in meetings)


def test_id_kunjungan_kehormatan_from_two_ministers_split():
    found = _events("id", "Presiden Chile Gabriel Boric menerima kunjungan kehormatan dari Menlu Ghana Samuel "
                          "Ablakwa dan Menlu Laos Saleumxay Kommasith di Istana La Moneda.")
    meetings = [e for e in found if e.type == "Meeting"]
    assert len(meetings) == 2
    assert _with(meetings, "Gabriel Boric", "Samuel Ablakwa") and _with(meetings, "Gabriel Boric", "Saleumxay Kommasith")
    assert all(e.place.text == "Istana La Moneda" for e in meetings)


def test_id_phone_calls_from_two_callers_split():
    found = _events("id", "Presiden Finlandia Alexander Stubb menerima telepon dari Presiden Peru Dina Boluarte "
                          "dan Perdana Menteri Laos Sonexay Siphandone pada Rabu (5/6).")
    calls = [e for e in found if e.type == "PhoneCall"]
    assert len(calls) == 2
    assert _with(calls, "Alexander Stubb", "Dina Boluarte") and _with(calls, "Alexander Stubb", "Sonexay Siphandone")
    assert all(e.date.text.startswith("Rabu") for e in calls)


def test_en_word_order_fallback_splits_bilateral_meetings_too():
    found = _events("en", "Ghanaian President John Mahama held bilateral meetings with Finnish President Alexander "
                          "Stubb and Chilean President Gabriel Boric.", layer=False)
    meetings = [e for e in found if e.type == "Meeting"]
    assert len(meetings) == 2
    assert _with(meetings, "John Mahama", "Alexander Stubb") and _with(meetings, "John Mahama", "Gabriel Boric")


# -- places: venues and locatives ----------------------------------------------------------------

@pytest.mark.parametrize("lang,text,venue", [
    ("en", "Peruvian President Dina Boluarte met Finnish President Alexander Stubb at the Government Palace "
           "in Lima.", "Government Palace"),
    ("en", "Ghana's Foreign Minister Samuel Ablakwa held talks with his Laotian counterpart Saleumxay "
           "Kommasith at the Ministry of Foreign Affairs in Vientiane.", "Ministry of Foreign Affairs"),
    ("id", "Menlu Peru Elmer Schialer bertemu dengan Menlu Ghana Samuel Ablakwa di Kementerian Luar Negeri "
           "Ghana di Accra.", "Kementerian Luar Negeri Ghana"),
    ("en", "Finnish Prime Minister Petteri Orpo met Chilean President Gabriel Boric at the Santiago Convention "
           "Centre.", "Santiago Convention Centre"),
    ("id", "Presiden Ghana John Mahama bertemu dengan Presiden Finlandia Alexander Stubb di Museum Nasional "
           "Helsinki.", "Museum Nasional Helsinki"),
])
def test_venue_is_the_place_before_the_city(lang, text, venue):
    found = _events(lang, text)
    assert found
    assert found[0].place is not None and found[0].place.text == venue


def test_visit_object_venue_is_the_place():
    found = _events("en", "Chilean Foreign Minister Alberto van Klaveren visited the National Museum of Finland.")
    visits = [e for e in found if e.type == "Visit"]
    assert visits and visits[0].place.text == "National Museum of Finland"
    assert _people(visits[0]) == ["Chilean Foreign Minister Alberto van Klaveren"]


def test_id_visit_to_a_capital():
    found = _events("id", "Presiden Laos Thongloun Sisoulith melakukan kunjungan kenegaraan ke Accra pada 3 Juli 2024.")
    visits = [e for e in found if e.type == "Visit"]
    assert visits and visits[0].place.text == "Accra"
    assert _with(visits, "Thongloun Sisoulith") and visits[0].roles == ("visitor",)
    assert visits[0].date.text == "3 Juli 2024"


# -- dates: the trigger's own ---------------------------------------------------------------------

def test_each_event_of_a_sentence_takes_its_own_date():
    found = _events("en", "Finnish President Alexander Stubb met Ghanaian President John Mahama on Monday, "
                          "and he visited the Peruvian embassy on Wednesday.")
    meeting = next(e for e in found if e.type == "Meeting")
    visit = next(e for e in found if e.type == "Visit")
    assert meeting.date.text == "Monday"
    assert visit.date.text == "Wednesday"


def test_a_date_in_another_sentence_is_never_taken():
    found = _events("en", "The Peruvian delegation arrived on 4 May. Peruvian Foreign Minister Elmer Schialer met "
                          "Laotian Foreign Minister Saleumxay Kommasith in Vientiane.")
    meeting = next(e for e in found if e.type == "Meeting")
    assert meeting.date is None


def test_weekday_with_day_and_month_in_brackets_is_the_date():
    found = _events("id", "Menlu Laos Saleumxay Kommasith bertemu dengan Menlu Chile Alberto van Klaveren "
                          "di Santiago, Selasa (23/7).")
    assert found[0].date is not None and "23/7" in found[0].date.text


# -- forums ---------------------------------------------------------------------------------------

def test_forum_after_a_sidelines_cue():
    found = _events("en", "On the sidelines of the G20 summit, Finnish President Alexander Stubb met Chilean "
                          "President Gabriel Boric.")
    meeting = next(e for e in found if e.type == "Meeting")
    assert meeting.forum is not None and meeting.forum.text == "G20"
    assert _with([meeting], "Alexander Stubb", "Gabriel Boric")


# -- the extractor reads the component --------------------------------------------------------------

def _extract(lang: str, text: str, published: str = "2024-07-26"):
    document = read_text(text, doc_id="events-test", language=lang, published=published, detect_title=False)
    doc = build_nlp(lang)(document.body_text())
    return extract(doc, document, load_lexicon())


def test_extract_makes_one_bilateral_meeting_per_counterpart_with_the_host_in_each():
    ex = _extract("en", "Laotian Foreign Minister Saleumxay Kommasith held bilateral meetings with Peruvian "
                        "Foreign Minister Elmer Schialer, Ghanaian Foreign Minister Samuel Ablakwa and Finnish "
                        "Foreign Minister Elina Valtonen in Vientiane on Tuesday.")
    meetings = [sorted(p.person for p in e.participants) for e in ex.events if e.type == "Meeting"]
    assert sorted(meetings) == [["elina-valtonen", "saleumxay-kommasith"], ["elmer-schialer", "saleumxay-kommasith"],
                                ["saleumxay-kommasith", "samuel-ablakwa"]]


def test_extract_dates_each_event_from_its_own_sentence():
    ex = _extract("id", "Menlu Peru Elmer Schialer tiba di Accra pada Senin (22/7). Menlu Peru Elmer Schialer "
                        "kemudian bertemu dengan Menlu Ghana Samuel Ablakwa di Kementerian Luar Negeri Ghana "
                        "pada Rabu (24/7).")
    meeting = next(e for e in ex.events if e.type == "Meeting")
    assert meeting.date is not None and meeting.date.value == "2024-07-24"


def test_coordinated_verbs_share_their_subject():
    found = _events("en", "Ghanaian President John Mahama arrived in Lima on Sunday and met Peruvian President "
                          "Dina Boluarte at the Government Palace.")
    visit = next(e for e in found if e.type == "Visit")
    meeting = next(e for e in found if e.type == "Meeting")
    assert _people(visit) == ["Ghanaian President John Mahama"] and visit.place.text == "Lima"
    assert _with([meeting], "John Mahama", "Dina Boluarte") and meeting.place.text == "Government Palace"


def test_extract_takes_the_trigger_arguments_not_everyone_in_the_sentence():
    ex = _extract("en", "While Chilean President Gabriel Boric looked on, Peruvian Foreign Minister Elmer Schialer "
                        "met Ghanaian Foreign Minister Samuel Ablakwa in Accra.")
    meetings = [sorted(p.person for p in e.participants) for e in ex.events if e.type == "Meeting"]
    assert meetings == [["elmer-schialer", "samuel-ablakwa"]]


# -- summons, receptions, elections ---------------------------------------------------------------

def test_id_summoning_an_envoy_is_a_meeting_of_the_envoy():
    found = _events("id", "Kementerian Luar Negeri Peru memanggil Duta Besar Chile untuk Peru Carlos Vergara "
                          "terkait insiden di perbatasan.")
    summons = [e for e in found if e.trigger.text == "memanggil"]
    assert len(summons) == 1 and summons[0].type == "Meeting"
    assert summons[0].roles == ("summoned",) and "Carlos Vergara" in _people(summons[0])[0]


def test_en_summoned_ambassador_is_the_participant():
    found = _events("en", "The Finnish foreign ministry summoned Russian Ambassador Pavel Kuznetsov on Tuesday.")
    summons = [e for e in found if e.trigger.text == "summoned"]
    assert [e.roles for e in summons] == [("summoned",)]
    assert _with(summons, "Pavel Kuznetsov")


def test_called_by_a_nickname_is_no_summons():
    # "dipanggil" without an envoy's title near it: what someone is called, not a summons.
    found = _events("id", "Presiden Ghana John Mahama, yang biasa dipanggil JM, tiba di Lima pada Kamis.")
    assert not [e for e in found if e.trigger.text == "dipanggil"]


def test_extract_summons_takes_the_envoy_not_everyone_in_the_sentence():
    ex = _extract("id", "Kementerian Luar Negeri Peru memanggil Duta Besar Chile untuk Peru Carlos Vergara "
                        "terkait pernyataan Presiden Chile Gabriel Boric.")
    meetings = [sorted(p.person for p in e.participants) for e in ex.events if e.type == "Meeting"]
    assert meetings == [["carlos-vergara"]]


def test_en_reception_for_a_guest_by_a_host():
    found = _events("en", "It was a state reception for the President of Ghana, John Mahama, by King Harald V "
                          "of Norway in the Royal Palace.")
    reception = next(e for e in found if e.trigger.text == "reception")
    assert reception.type == "Meeting"
    assert _with([reception], "John Mahama", "Harald")
    assert dict(zip(reception.roles, (p.text for p in reception.participants)))["host"].startswith("King Harald")
    assert reception.place is not None and reception.place.text == "Royal Palace"


def test_extract_reception_meets_guest_and_host():
    ex = _extract("en", "Ghana's President John Mahama arrived in Oslo on Monday. It was a state reception for "
                        "the President of Ghana, John Mahama, by King Harald V of Norway in the Royal Palace.")
    meetings = [e for e in ex.events if e.type == "Meeting"]
    assert len(meetings) == 1 and len(meetings[0].participants) == 2
    assert "john-mahama" in {p.person for p in meetings[0].participants}


def test_id_election_rivals_after_mengalahkan():
    found = _events("id", "Mahama terpilih menjadi Presiden Ghana setelah mengalahkan 11 kandidat lainnya, di "
                          "antaranya adalah mantan Wakil Presiden Mahamudu Bawumia dan Alan Kyerematen.")
    election = next(e for e in found if e.type == "Election")
    rivals = [p.text for p, r in zip(election.participants, election.roles) if r == "rival"]
    assert len(rivals) == 2 and "Mahamudu Bawumia" in rivals[0] and rivals[1] == "Alan Kyerematen"


def test_en_election_rivals_after_defeating():
    found = _events("en", "Mahama was elected president after defeating Mahamudu Bawumia and Alan Kyerematen.")
    election = next(e for e in found if e.type == "Election")
    assert [p.text for p, r in zip(election.participants, election.roles) if r == "rival"] == [
        "Mahamudu Bawumia", "Alan Kyerematen"]


def test_extract_election_with_rivals_is_one_event_with_the_candidates():
    # Undated, the election is still news when it names the candidates beaten; the later dated
    # mention of the winner alone is the same election.
    ex = _extract("id", "Presiden Ghana John Mahama terpilih setelah mengalahkan mantan Wakil Presiden Mahamudu "
                        "Bawumia dan mantan Menteri Perdagangan Alan Kyerematen. Pemilihan Mahama berlangsung pada "
                        "Desember 2024.")
    elections = [e for e in ex.events if e.type == "Election"]
    assert len(elections) == 1
    assert {p.person for p in elections[0].participants} == {"john-mahama", "mahamudu-bawumia", "alan-kyerematen"}


# -- quotations, titles ------------------------------------------------------------------------------

def test_extract_reads_an_event_in_a_ministry_readout_quotation():
    ex = _extract("id", "Menlu Chile Alberto van Klaveren tiba di Lima pada Selasa (23/7/2024). “Menlu Chile juga "
                        "telah melakukan kunjungan kehormatan kepada Presiden Peru,” tulis Kemlu Peru lewat "
                        "pernyataan Rabu (24/7/2024).")
    meetings = [e for e in ex.events if e.type == "Meeting"]
    assert [[p.person for p in e.participants] for e in meetings] == [["alberto-van-klaveren"]]
    assert meetings[0].date is not None and meetings[0].date.value == "2024-07-24"


def test_extract_skips_an_event_in_a_person_s_quotation():
    ex = _extract("id", "“Kami sudah bertemu dengan Menlu Ghana Samuel Ablakwa dan Menlu Chile Alberto van "
                        "Klaveren,” kata Menlu Peru Elmer Schialer di Lima.")
    assert not [e for e in ex.events if e.type == "Meeting"]


def test_extract_resolves_a_bare_title_to_the_article_s_person_of_that_state():
    ex = _extract("id", "Menteri Luar Negeri (Menlu) Rusia hari ini, Senin (22/7), memimpin pertemuan Menlu "
                        "negara-negara anggota BRICS di Moskow. Dalam pidato pembukaannya, Sergei Lavrov "
                        "menyinggung situasi di Timur Tengah.")
    forum = [e for e in ex.events if e.type == "ForumMeeting"]
    assert [[p.person for p in e.participants] for e in forum] == [["sergei-lavrov"]]


def test_extract_leaves_a_bare_title_when_the_state_has_two_people():
    ex = _extract("id", "Menteri Luar Negeri (Menlu) Rusia hari ini memimpin pertemuan Menlu negara-negara anggota "
                        "BRICS di Moskow. Sergei Lavrov dan Mikhail Mishustin hadir dalam acara itu.")
    assert all(not e.participants for e in ex.events if e.type == "ForumMeeting")


def test_extract_never_gives_a_bare_title_to_a_person_with_another_title():
    ex = _extract("id", "Menteri Luar Negeri (Menlu) Rusia hari ini memimpin pertemuan Menlu negara-negara anggota "
                        "BRICS di Moskow. Presiden Rusia Vladimir Putin menyambut para menteri.")
    assert all("vladimir-putin" not in {p.person for p in e.participants}
               for e in ex.events if e.type == "ForumMeeting")


def test_a_posting_stays_in_the_counterpart_s_title():
    found = _events("id", "Menlu Peru Elmer Schialer bertemu dengan Duta Besar Chile untuk Peru Carlos Vergara "
                          "di Lima.")
    meeting = next(e for e in found if e.type == "Meeting")
    assert any(p.endswith("Carlos Vergara") and "Duta Besar" in p for p in _people(meeting))


# -- dates and duplicates --------------------------------------------------------------------------

def test_a_bare_weekday_agrees_with_a_full_date_of_that_weekday():
    from diplokg.pipeline.scenes import _dates_differ
    from diplokg.records import DateValue
    full = DateValue("2024-07-25", "Thursday")
    assert not _dates_differ(full, DateValue(None, "Thursday"))
    assert _dates_differ(full, DateValue(None, "Friday"))
    assert _dates_differ(full, DateValue("2024-07-26", "Friday"))
    assert not _dates_differ(full, None)


def test_extract_merges_a_visit_told_again_with_its_weekday_only():
    ex = _extract("id", "Presiden Ghana John Mahama tiba di Lima pada Kamis (25/7/2024) dalam rangkaian kunjungan "
                        "kenegaraan Presiden Mahama di Peru. Mahama memuji Peru dalam sambutannya di Lima, Kamis, "
                        "sebagai bagian dari kunjungan kenegaraan Presiden Mahama ke Peru.")
    visits = [e for e in ex.events if e.type == "Visit"]
    assert len(visits) == 1 and visits[0].date is not None and visits[0].date.value == "2024-07-25"


def test_extract_keeps_a_continued_session_as_a_further_event():
    ex = _extract("id", "Presiden Ghana John Mahama bertemu dengan Presiden Peru Dina Boluarte di Istana "
                        "Pemerintah, Lima, Kamis (25/7/2024). Setelah sesi pembukaan, kedua pemimpin melanjutkan "
                        "pembicaraan secara tertutup.")
    assert len([e for e in ex.events if e.type in ("Meeting", "Talks")]) == 2


def test_the_two_leaders_are_never_a_visiting_couple():
    # A visit with the spouse is no "scene" for "kedua pemimpin": no meeting of the couple.
    ex = _extract("id", "Presiden Ghana John Mahama bertemu dengan Presiden Peru Dina Boluarte di Lima pada Kamis "
                        "(25/7/2024). Presiden Boluarte menyambut kedatangan Presiden Ghana John Mahama beserta Ibu "
                        "Lordina Mahama di Istana Pemerintah. Kunjungan kenegaraan Presiden Mahama beserta Ibu Lordina "
                        "Mahama ke Peru adalah yang pertama. Usai pertemuan bilateral, kedua pemimpin menyampaikan "
                        "pernyataan pers bersama.")
    couples = [e for e in ex.events if e.type in ("Meeting", "Talks")
               and {p.person for p in e.participants} == {"john-mahama", "lordina-mahama"}]
    assert couples == []


def test_extract_a_quotation_said_by_a_named_person_before_a_ministry_word_stays_hidden():
    ex = _extract("id", "“Kami sudah bertemu dengan Menlu Ghana Samuel Ablakwa,” kata Elmer Schialer di Kementerian "
                        "Luar Negeri Peru, Lima.")
    assert not [e for e in ex.events if e.type == "Meeting"]


@pytest.mark.parametrize("layer", [True, False])
@pytest.mark.parametrize("lang, text, speaker", [
    ("en", "Chilean President Rosa Quispe will travel to Lima next week for talks with Peruvian President Diego "
           "Mamani, her spokesman Tomas Rojas said on Monday.", "Tomas Rojas"),
    ("id", "Presiden Chile Rosa Quispe akan bertemu Presiden Peru Diego Mamani pekan depan, kata juru bicara "
           "kepresidenan Tomas Rojas.", "Tomas Rojas"),
])
def test_the_speaker_of_a_tail_after_the_event_takes_no_part_in_it(lang, text, speaker, layer):
    events = [e for e in _events(lang, text, layer) if e.type in ("Meeting", "Talks")]
    assert events and all(not any(speaker in p for p in _people(e)) for e in events)
    assert _with(events, "Rosa Quispe", "Diego Mamani")
