"""Extraction read by value from short passages written for these tests (not seed or dev text).

Each passage goes through the real pipeline (ingest -> spaCy -> extract) and the records it yields
are checked by value: persons, tenures, events, statements, memberships and entities that must
not appear.
"""

from __future__ import annotations

import pytest

from diplokg.builder import extract_documents
from diplokg.ingest import read_text

PASSAGES = {
    "id_title_meeting": ("id", "2024-05-14",
        "Menteri Luar Negeri Brasil Mauro Vieira bertemu dengan Menteri Luar Negeri Jepang Yoko "
        "Kamikawa di Tokyo, Senin (13/5)."),
    "en_counterpart_quote": ("en", "2023-02-10",
        "Canadian Foreign Minister Melanie Joly met her Mexican counterpart Alicia Barcena in Ottawa on "
        "Thursday. \"Our partnership has never been more important for North America,\" Joly said."),
    "id_planned_visit": ("id", "2022-11-02",
        "Presiden Kenya William Ruto akan melakukan kunjungan kenegaraan ke Korea Selatan pada 20 "
        "November 2022."),
    "en_genitive_phone": ("en", "2021-06-03",
        "Egypt's Foreign Minister Sameh Shoukry spoke by phone with Jordanian Foreign Minister Ayman "
        "Safadi on Wednesday, the ministry said."),
    "id_received_visit": ("id", "2023-08-22",
        "Menlu Retno Marsudi menerima kunjungan Menteri Luar Negeri Norwegia Anniken Huitfeldt di "
        "Gedung Pancasila, Jakarta, Selasa (22/8)."),
    "en_sidelines_talks": ("en", "2019-09-25",
        "Prime Minister Jacinda Ardern held talks with President Emmanuel Macron on the sidelines of "
        "the UN General Assembly in New York on Tuesday."),
    "id_ambassador_quote": ("id", "2020-01-15",
        "“Kami ingin hubungan dagang dengan Vietnam terus tumbuh dalam lima tahun ke depan,” kata Duta "
        "Besar Indonesia untuk Vietnam Denny Abdi di Hanoi."),
    "en_according_to": ("en", "2018-04-12",
        "According to Chilean Foreign Minister Roberto Ampuero, the two governments will sign a new "
        "fisheries agreement next month."),
    "id_spokesperson_reported": ("id", "2021-03-09",
        "Juru Bicara Kementerian Luar Negeri Teuku Faizasyah mengatakan bahwa Indonesia mendukung "
        "dialog inklusif di Myanmar."),
    "en_thanked": ("en", "2022-10-05",
        "Kenyan Foreign Minister Alfred Mutua visited Washington on Monday. Mutua thanked the United "
        "States for its support of regional peace efforts."),
    "id_photo_credit": ("id", "2019-07-01",
        "Para pemimpin negara anggota G20 berkumpul di Osaka, Jepang. Laporan Wartawan Tribunnews, "
        "Budi Santoso."),
    "en_said_that": ("en", "2017-03-20",
        "Turkey's Foreign Minister Mevlut Cavusoglu said that Ankara would respond to the decision."),
    "id_arrival_visit": ("id", "2024-02-01",
        "Wakil Presiden Filipina Sara Duterte tiba di Jakarta pada Rabu (31/1) untuk kunjungan resmi "
        "selama tiga hari."),
    "en_title_case_acronyms": ("en", "2019-11-04",
        "Leaders of Apec economies met in Santiago, and Asean ministers welcomed the talks. As "
        "expected, Uk officials did not attend."),
    "en_union_member": ("en", "2018-03-02",
        "The members of the G7 are Canada, France, Germany, Italy, Japan, the UK, the US and the "
        "European Union."),
    "en_membership_list": ("en", "2016-09-08",
        "The members of ASEAN are Brunei, Cambodia, Indonesia, Laos, Malaysia, Myanmar, the "
        "Philippines, Singapore, Thailand and Vietnam."),
    "id_comma_reported": ("id", "2023-10-18",
        "Presiden Joko Widodo bertemu dengan Presiden Tiongkok Xi Jinping di Beijing, Selasa (17/10). "
        "Dalam pertemuan itu, Jokowi menegaskan, Indonesia siap memperkuat kerja sama investasi."),
    "en_planned_next_month": ("en", "2020-12-01",
        "Japan's Prime Minister Yoshihide Suga will visit Vietnam and Indonesia next month, officials said."),
    "id_language_not_state": ("id", "2021-09-10",
        "Siswa belajar bahasa Inggris dan bahasa Prancis setiap hari di sekolah itu, kata kepala "
        "sekolah Ahmad Yani."),
    "en_margins_forum": ("en", "2024-07-26",
        "Indian External Affairs Minister S. Jaishankar met Chinese Foreign Minister Wang Yi in "
        "Vientiane on Thursday on the margins of the ASEAN foreign ministers' meeting."),
    "id_welcome_arrival": ("id", "2023-05-05",
        "Perdana Menteri Malaysia Anwar Ibrahim menyambut kedatangan Presiden Singapura Halimah Yacob "
        "beserta Bapak Mohammed Abdullah Alhabshee."),
    "id_caption_list": ("id", None,
        "Para Menteri Luar Negeri negara-negara Uni Afrika berfoto bersama. Dari kiri: Naledi Pandor "
        "(Afrika Selatan), Alfred Mutua (Kenya), Nabil Ammar (Tunisia)."),
    "id_suffix_speaker": ("id", "2023-09-05",
        "Menteri Luar Negeri Thailand Parnpree Bahiddha-Nukara tiba di Jakarta. “Kami mendukung "
        "keketuaan Indonesia sepenuhnya tahun ini,” ujarnya."),
    "id_byline_dateline": ("id", "2021-04-20",
        "TRIBUNNEWS.COM, JAKARTA - Menteri Luar Negeri Iran Mohammad Javad Zarif tiba di Jakarta."),
    "en_name_with_hyphen": ("en", "2021-11-20",
        "The Minister of Foreign Affairs of Saudi Arabia, Prince Khalid Bin Nasser Al-Rashid, received "
        "Secretary General of the OIC Hissein Brahim Taha in Riyadh on Thursday."),
    "id_courtesy_call": ("id", "2022-03-08",
        "Duta Besar Indonesia untuk Jerman Arif Havas Oegroseno melakukan kunjungan kehormatan kepada "
        "Presiden Jerman di Berlin, Senin (7/3)."),
    "id_possessive_visitor": ("id", "2024-06-12",
        "Presiden Chile Gabriel Boric dan Presiden Argentina Javier Milei berbincang dalam rangkaian "
        "kunjungan kenegaraan Presiden Milei di Santiago, Selasa (11/6)."),
    "id_passive_host": ("id", "2023-02-14",
        "Menteri Luar Negeri Peru Ana Cecilia Gervasi tiba di Bogota, Senin (13/2). Kedatangan menteri "
        "itu disambut oleh Duta Besar Peru untuk Kolombia Luis Benavides beserta Wakil Menteri Luar "
        "Negeri Kolombia Francisco Coy."),
    "id_reported_no_bahwa": ("id", "2024-05-14",
        "Menteri Luar Negeri Brasil Mauro Vieira bertemu dengan Menteri Luar Negeri Jepang Yoko "
        "Kamikawa di Tokyo, Senin (13/5). Vieira mengatakan kedua negara sepakat memperluas "
        "perdagangan pangan."),
    "id_speech_genre_object": ("id", "2021-08-03",
        "Perdana Menteri Thailand Prayut Chan-o-cha menyampaikan pernyataan pers bersama di Bangkok. "
        "Prayut juga menyampaikan apresiasi atas dukungan Jepang bagi pemulihan ekonomi kawasan."),
    "en_spoke_with_call": ("en", "2022-04-06",
        "Secretary of State Antony Blinken spoke with Kenyan Foreign Minister Raychelle Omamo today. "
        "The call focused on regional security."),
    "id_spoke_by_phone": ("id", "2022-04-06",
        "Menteri Luar Negeri Turki Mevlut Cavusoglu berbicara melalui telepon dengan Menteri Luar "
        "Negeri Yordania Ayman Safadi, Selasa (5/4)."),
    "en_attended_by_delegation": ("en", "2019-05-16",
        "Prime Minister Shinzo Abe received Chilean President Sebastian Pinera in Tokyo on Wednesday. "
        "The meeting was attended by Foreign Minister Taro Kono and Chilean Foreign Minister Roberto Ampuero."),
    "en_arrival_for_summit": ("en", "2018-11-16",
        "Prime Minister Peter O'Neill arrived in Port Moresby yesterday for the annual APEC leaders' meeting."),
    "id_title_picks_short_name": ("id", "2019-06-27",
        "Perdana Menteri Jepang Shinzo Abe beserta Ibu Akie Abe tiba di Osaka. Kunjungan PM Abe ke "
        "Osaka berlangsung dua hari."),
    "id_planned_after_date": ("id", "2022-09-20",
        "Sekjen PBB Antonio Guterres mengonfirmasi kehadirannya dalam KTT G20 yang berlangsung di Bali "
        "pada 15-16 November mendatang."),
    "id_chaired_meeting": ("id", "2023-07-11",
        "Menteri Luar Negeri Indonesia Retno Marsudi memimpin pertemuan para menteri luar negeri ASEAN "
        "di Jakarta, Selasa (11/7)."),
    "id_descriptive_title": ("id", "2016-12-28",
        "Sekjen PBB Antonio Guterres tiba di New York. Guterres menyampaikan harapan besar. Pekan lalu, "
        "mantan perdana menteri Portugal ini juga telah bertemu dengan Presiden Prancis Francois Hollande."),
    "en_unnamed_counterparts": ("en", "2022-07-08",
        "Indian External Affairs Minister S. Jaishankar met Chinese Foreign Minister Wang Yi in Bali on "
        "Thursday. Jaishankar also held talks with counterparts from Kenya, Peru and Norway."),
    "en_speaker_in_apposition": ("en", "2024-05-02",
        "Kwame Mensah, Ghana's foreign minister, said the talks would resume in May."),
    "en_counterparts_named_after": ("en", "2018-11-16",
        "Prime Minister Jacinda Ardern met several of her counterparts in Port Moresby. They included "
        "Chilean President Sebastian Pinera and Canadian Prime Minister Justin Trudeau."),
}


@pytest.fixture(scope="module")
def results():
    docs = [
        read_text(text, doc_id=key, language=lang, published=published, detect_title=False)
        for key, (lang, published, text) in PASSAGES.items()
    ]
    return {ex.document.id: ex for ex in extract_documents(docs)}


def persons(ex):
    return {e.key for e in ex.entities if e.type == "Person"}


def tenures(ex):
    return {(t.person, t.role, t.of) for t in ex.tenures}


def events(ex):
    return [
        (e.type, frozenset(p.person for p in e.participants), e.date.value if e.date else None,
         e.place, e.forum, e.planned)
        for e in ex.events
    ]


def said(ex, speaker, fragment, direct):
    return any(s.speaker == speaker and fragment in s.text and s.direct == direct for s in ex.statements)


def test_indonesian_titles_and_meeting(results):
    ex = results["id_title_meeting"]
    assert persons(ex) == {"mauro-vieira", "yoko-kamikawa"}
    assert tenures(ex) == {("mauro-vieira", "minister-of-foreign-affairs", "brazil"),
                           ("yoko-kamikawa", "minister-of-foreign-affairs", "japan")}
    assert ("Meeting", frozenset({"mauro-vieira", "yoko-kamikawa"}), "2024-05-13", "tokyo", None, False) in events(ex)


def test_english_counterpart_and_quote_after(results):
    ex = results["en_counterpart_quote"]
    assert ("alicia-barcena", "minister-of-foreign-affairs", "mexico") in tenures(ex)
    assert ("Meeting", frozenset({"melanie-joly", "alicia-barcena"}), "2023-02-09", "ottawa", None, False) in events(ex)
    assert said(ex, "melanie-joly", "never been more important", True)


def test_planned_state_visit(results):
    ex = results["id_planned_visit"]
    assert tenures(ex) == {("william-ruto", "president", "kenya")}
    assert events(ex) == [("Visit", frozenset({"william-ruto"}), "2022-11-20", "south-korea", None, True)]


def test_genitive_state_before_title_and_phone_call(results):
    ex = results["en_genitive_phone"]
    assert ("sameh-shoukry", "minister-of-foreign-affairs", "egypt") in tenures(ex)
    assert [e[0] for e in events(ex)] == ["PhoneCall"]


def test_received_visit_gives_visit_and_meeting(results):
    ex = results["id_received_visit"]
    evs = events(ex)
    visits = [e for e in evs if e[0] == "Visit"]
    meetings = [e for e in evs if e[0] == "Meeting"]
    assert [v[1] for v in visits] == [frozenset({"anniken-huitfeldt"})]
    assert [m[1] for m in meetings] == [frozenset({"retno-marsudi", "anniken-huitfeldt"})]
    assert ("anniken-huitfeldt", "minister-of-foreign-affairs", "norway") in tenures(ex)
    assert visits[0][3] != "norway"  # the visitor's state is not the place


def test_sidelines_forum_and_place(results):
    ex = results["en_sidelines_talks"]
    assert ("Talks", frozenset({"jacinda-ardern", "emmanuel-macron"}), "2019-09-24", "new-york", "unga", False) in events(ex)


def test_ambassador_with_host_state_and_quote_speaker(results):
    ex = results["id_ambassador_quote"]
    assert ("denny-abdi", "ambassador", "indonesia") in tenures(ex)
    assert said(ex, "denny-abdi", "hubungan dagang dengan Vietnam", True)


def test_according_to(results):
    ex = results["en_according_to"]
    assert ("roberto-ampuero", "minister-of-foreign-affairs", "chile") in tenures(ex)


def test_spokesperson_reported_speech(results):
    ex = results["id_spokesperson_reported"]
    assert ("teuku-faizasyah", "spokesperson-of-the-ministry-of-foreign-affairs", "indonesia") in tenures(ex)
    assert said(ex, "teuku-faizasyah", "Indonesia mendukung dialog inklusif", False)


def test_thanked_is_reported_speech_with_its_verb(results):
    ex = results["en_thanked"]
    assert said(ex, "alfred-mutua", "thanked the United States", False)


def test_byline_is_no_person_and_no_entity(results):
    ex = results["id_photo_credit"]
    assert persons(ex) == set()
    assert not any(e.key == "tribunnews" for e in ex.entities)


def test_said_that_clause(results):
    ex = results["en_said_that"]
    assert ("mevlut-cavusoglu", "minister-of-foreign-affairs", "turkey") in tenures(ex)
    assert said(ex, "mevlut-cavusoglu", "Ankara would respond", False)


def test_arrival_visit_with_weekday_date(results):
    ex = results["id_arrival_visit"]
    assert ("sara-duterte", "vice-president", "philippines") in tenures(ex)
    assert ("Visit", frozenset({"sara-duterte"}), "2024-01-31", "jakarta", None, False) in events(ex)


def test_membership_list(results):
    ex = results["en_membership_list"]
    members = {m.member for m in ex.memberships if m.forum == "asean"}
    assert members == {"brunei", "cambodia", "indonesia", "laos", "malaysia", "myanmar", "philippines",
                       "singapore", "thailand", "vietnam"}


def test_reported_speech_after_comma(results):
    ex = results["id_comma_reported"]
    assert ("Meeting", frozenset({"joko-widodo", "xi-jinping"}), "2023-10-17", "beijing", None, False) in events(ex)
    assert said(ex, "joko-widodo", "Indonesia siap memperkuat kerja sama investasi", False)


def test_english_planned_visit(results):
    ex = results["en_planned_next_month"]
    visits = [e for e in events(ex) if e[0] == "Visit"]
    assert visits and visits[0][1] == frozenset({"yoshihide-suga"}) and visits[0][5] is True


def test_language_names_are_not_states(results):
    ex = results["id_language_not_state"]
    assert not any(e.type == "State" for e in ex.entities)


def test_margins_of_forum_meeting(results):
    ex = results["en_margins_forum"]
    assert ("subrahmanyam-jaishankar", "minister-of-external-affairs", "india") in tenures(ex)
    assert ("Meeting", frozenset({"subrahmanyam-jaishankar", "wang-yi"}), "2024-07-25", "vientiane", "asean", False) in events(ex)


def test_welcomed_arrival_with_companion(results):
    ex = results["id_welcome_arrival"]
    visits = [e for e in events(ex) if e[0] == "Visit"]
    assert [v[1] for v in visits] == [frozenset({"halimah-yacob", "mohammed-abdullah-alhabshee"})]
    meetings = [e for e in events(ex) if e[0] == "Meeting"]
    assert meetings and "anwar-ibrahim" in meetings[0][1]


def test_caption_list_of_names_with_states(results):
    ex = results["id_caption_list"]
    assert {("naledi-pandor", "minister-of-foreign-affairs", "south-africa"),
            ("alfred-mutua", "minister-of-foreign-affairs", "kenya"),
            ("nabil-ammar", "minister-of-foreign-affairs", "tunisia")} <= tenures(ex)


def test_pronoun_suffixed_speech_verb(results):
    ex = results["id_suffix_speaker"]
    assert said(ex, "parnpree-bahiddha-nukara", "mendukung keketuaan Indonesia", True)


def test_dateline_outlet_is_furniture(results):
    ex = results["id_byline_dateline"]
    assert not any(e.type == "Organization" for e in ex.entities)
    assert ("mohammad-javad-zarif", "minister-of-foreign-affairs", "iran") in tenures(ex)


def test_hyphenated_name_kept_whole(results):
    ex = results["en_name_with_hyphen"]
    names = {e.name for e in ex.entities if e.type == "Person"}
    assert "Khalid Bin Nasser Al-Rashid" in names
    assert "Hissein Brahim Taha" in names


def test_courtesy_call_is_a_meeting_with_the_caller_alone(results):
    ex = results["id_courtesy_call"]
    assert events(ex) == [("Meeting", frozenset({"arif-havas-oegroseno"}), "2022-03-07", "berlin", None, False)]


def test_visitor_is_the_possessor_of_the_visit_noun(results):
    ex = results["id_possessive_visitor"]
    visits = [e for e in events(ex) if e[0] == "Visit"]
    assert [v[1] for v in visits] == [frozenset({"javier-milei"})]


def test_passive_agent_of_a_welcome_is_host_not_visitor(results):
    ex = results["id_passive_host"]
    visits = [e for e in events(ex) if e[0] == "Visit"]
    assert [v[1] for v in visits] == [frozenset({"ana-cecilia-gervasi"})]


def test_trigger_in_reported_clause_without_bahwa_is_no_event(results):
    ex = results["id_reported_no_bahwa"]
    assert events(ex) == [("Meeting", frozenset({"mauro-vieira", "yoko-kamikawa"}), "2024-05-13", "tokyo", None, False)]
    assert said(ex, "mauro-vieira", "kedua negara sepakat memperluas perdagangan", False)


def test_speech_verb_with_a_genre_object_is_no_statement(results):
    ex = results["id_speech_genre_object"]
    assert not any("pernyataan pers" in s.text for s in ex.statements)
    assert said(ex, "prayut-chan-o-cha", "apresiasi atas dukungan Jepang", False)
    assert persons(ex) == {"prayut-chan-o-cha"}


def test_spoke_with_is_a_phone_call_when_the_article_speaks_of_a_call(results):
    ex = results["en_spoke_with_call"]
    assert events(ex) == [("PhoneCall", frozenset({"antony-blinken", "raychelle-omamo"}), "2022-04-06", None, None, False)]


def test_spoke_by_phone_in_indonesian_with_two_word_names(results):
    ex = results["id_spoke_by_phone"]
    assert persons(ex) == {"mevlut-cavusoglu", "ayman-safadi"}
    assert [e[:3] for e in events(ex)] == [("PhoneCall", frozenset({"mevlut-cavusoglu", "ayman-safadi"}), "2022-04-05")]


def test_delegation_attending_the_meeting_joins_it(results):
    ex = results["en_attended_by_delegation"]
    meetings = [e for e in events(ex) if e[0] == "Meeting"]
    assert [m[1] for m in meetings] == [frozenset({"shinzo-abe", "sebastian-pinera", "taro-kono", "roberto-ampuero"})]


def test_arrival_for_a_summit_is_attendance_not_a_visit(results):
    ex = results["en_arrival_for_summit"]
    assert [e[0] for e in events(ex)] == ["Summit"]
    assert events(ex)[0][4] == "apec"


def test_visit_by_principal_alone_is_the_party_visit(results):
    ex = results["id_title_picks_short_name"]
    assert [e[:2] for e in events(ex)] == [("Visit", frozenset({"shinzo-abe", "akie-abe"}))]
    # "PM Abe": the title decides between the two Abes.
    shinzo = next(e for e in ex.entities if e.key == "shinzo-abe")
    assert "Abe" in {m.text for m in shinzo.mentions}
    assert {e.key for e in ex.entities if e.type == "Person"} == {"shinzo-abe", "akie-abe"}


def test_upcoming_summit_is_planned(results):
    ex = results["id_planned_after_date"]
    assert events(ex) == [("Summit", frozenset({"antonio-guterres"}), "2022-11-15", "bali", "g20", True)]


def test_chair_of_a_forum_meeting_takes_part_in_it(results):
    ex = results["id_chaired_meeting"]
    assert events(ex) == [("ForumMeeting", frozenset({"retno-marsudi"}), "2023-07-11", "jakarta", "asean", False)]


def test_royal_style_between_title_and_name(results):
    ex = results["en_name_with_hyphen"]
    assert ("khalid-bin-nasser-al-rashid", "minister-of-foreign-affairs", "saudi-arabia") in tenures(ex)


def test_demonstrative_title_is_the_main_person(results):
    ex = results["id_descriptive_title"]
    assert ("antonio-guterres", "prime-minister", "portugal") in tenures(ex)
    assert any(e[0] == "Meeting" and e[1] == frozenset({"antonio-guterres", "francois-hollande"}) for e in events(ex))


def test_talks_with_unnamed_counterparts_have_the_subject_alone(results):
    ex = results["en_unnamed_counterparts"]
    evs = [e[:2] for e in events(ex)]
    assert ("Meeting", frozenset({"subrahmanyam-jaishankar", "wang-yi"})) in evs
    assert ("Talks", frozenset({"subrahmanyam-jaishankar"})) in evs


def test_counterparts_named_in_the_next_sentence_join_the_meeting(results):
    ex = results["en_counterparts_named_after"]
    assert [e[:2] for e in events(ex)] == [
        ("Meeting", frozenset({"jacinda-ardern", "sebastian-pinera", "justin-trudeau"}))]


def test_longer_acronyms_written_as_words_are_forums(results):
    ex = results["en_title_case_acronyms"]
    keys = {e.key for e in ex.entities if e.type == "Forum"}
    assert {"apec", "asean"} <= keys
    # Short acronyms stay exact: "As" is no "AS" (the United States in Indonesian), "Uk" no "UK".
    assert not {"united-states", "united-kingdom"} & {e.key for e in ex.entities}


def test_a_union_of_states_is_listed_as_a_member(results):
    ex = results["en_union_member"]
    members = {m.member for m in ex.memberships if m.forum == "g7"}
    assert members == {"canada", "france", "germany", "italy", "japan", "united-kingdom", "united-states",
                       "eu"}


def test_a_title_in_apposition_speaks_for_the_person_it_follows(results):
    ex = results["en_speaker_in_apposition"]
    assert said(ex, "kwame-mensah", "the talks would resume in May", False)
    assert ("kwame-mensah", "minister-of-foreign-affairs", "ghana") in tenures(ex)


@pytest.mark.parametrize("lang, text, expected", [
    ("id", "Indonesia, Malaysia dan Thailand, yang merupakan anggota ASEAN, sepakat memperkuat kerja sama maritim.",
     {("indonesia", "asean"), ("malaysia", "asean"), ("thailand", "asean")}),
    ("en", "Kenya and Ghana, both members of the African Union, backed the resolution.",
     {("kenya", "au"), ("ghana", "au")}),
    ("en", "Peru joined APEC in 1998.", {("peru", "apec")}),
    ("en", "The BRICS group, which includes Brazil, Russia, India, China and South Africa, met in Kazan.",
     {("brazil", "brics"), ("russia", "brics"), ("india", "brics"), ("china", "brics"), ("south-africa", "brics")}),
    # the subject of the cue, past a copula and its adverbs
    ("en", "Egypt, Ethiopia and Iran are BRICS members.", {("egypt", "brics"), ("ethiopia", "brics"), ("iran", "brics")}),
    ("en", "Norway, a founding member of NATO, hosted the talks.", {("norway", "nato")}),
    ("id", "Vietnam resmi menjadi anggota ASEAN pada 1995.", {("vietnam", "asean")}),
    # forums joined after the cue, a forum the members are also in
    ("id", "Chile dan Peru adalah anggota APEC dan Aliansi Pasifik.",
     {("chile", "apec"), ("peru", "apec"), ("chile", "pacific-alliance"), ("peru", "pacific-alliance")}),
    ("en", "Five Mercosur members are in the G20 - Argentina and Brazil.",
     {("argentina", "mercosur"), ("brazil", "mercosur"), ("argentina", "g20"), ("brazil", "g20")}),
    ("en", "APEC member Peru hosted the summit.", {("peru", "apec")}),
    ("en", "ASEAN comprises ten countries: Brunei, Cambodia and Laos among them.",
     {("brunei", "asean"), ("cambodia", "asean"), ("laos", "asean")}),
    # the pair of states just named
    ("en", "Kenya and Ghana held talks in Accra on Monday. Both countries are members of the African Union.",
     {("kenya", "au"), ("ghana", "au")}),
    ("id", "Presiden Chile bertemu Presiden Peru di Lima. Kedua negara juga merupakan anggota APEC.",
     {("chile", "apec"), ("peru", "apec")}),
    ("id", "Kedua negara merupakan anggota APEC.", set()),
    # negated, asked, or another list after the forum: no membership stated
    ("en", "Chile and Peru are not members of BRICS.", set()),
    ("id", "Kolombia bukan anggota ASEAN.", set()),
    ("en", "Are Chile and Peru members of the G20?", set()),
    ("en", "ASEAN members met Japan and China in Jakarta.", set()),
    ("en", "Indonesia is a member of ASEAN and hosted Japan and China.", {("indonesia", "asean")}),
    # members named before a cue that the forum does not follow: no membership stated
    ("id", "China bersedia bekerja sama dengan Rusia dan negara-negara anggota lainnya untuk menjaga SCO tetap stabil.",
     set()),
])
def test_members_named_before_the_cue_or_after_it(lang, text, expected):
    document = read_text(text, doc_id="membership-test", language=lang, published="2024-05-02", detect_title=False)
    ex = next(extract_documents([document]))
    assert {(m.member, m.forum) for m in ex.memberships} == expected
