"""diplokg_dates: date expressions as spans with resolved values, and the events that read them.

Passages are written for these tests (other countries and people than the articles the project
reads). Each checks values: the component's spans, an event's date from a weekday or a "(23/7)"
resolved against the publication date, two events keeping their own dates, and an event with no
date of its own taking none from another event.
"""

from __future__ import annotations

import pytest

from diplokg.extract import extract
from diplokg.ingest import read_text
from diplokg.lexicon import load_lexicon
from diplokg.pipeline import DATES_KEY, PUBLISHED_KEY, build_nlp, read_dates, read_events, with_published

PUBLISHED = "2024-07-26"  # a Friday


def _doc(lang: str, text: str, published: str | None = PUBLISHED, layer: bool = True):
    nlp = build_nlp(lang, layer=layer)
    return nlp(with_published(nlp.make_doc(text), published))


def _dates(lang: str, text: str, published: str | None = PUBLISHED) -> list[tuple]:
    """(text, value, weekday, end) of each date the component found."""
    return [(d.span.text, d.value.value if d.value else None, d.value.weekday if d.value else None,
             d.end.value if d.end else None) for d in read_dates(_doc(lang, text, published))]


def _extract(lang: str, text: str, published: str | None = PUBLISHED):
    document = read_text(text, doc_id="dates-test", language=lang, published=published, detect_title=False)
    nlp = build_nlp(lang)
    doc = nlp(with_published(nlp.make_doc(document.body_text()), document.published))
    return extract(doc, document, load_lexicon())


def _dated(ex, *people: str) -> dict[str, tuple[str | None, str | None]]:
    """Event type -> (date value, weekday) of the events whose participants include ``people``."""
    return {e.type: (e.date.value if e.date else None, e.date.weekday if e.date else None)
            for e in ex.events if set(people) <= {p.person for p in e.participants}}


# -- the component ------------------------------------------------------------------------------

def test_component_runs_before_the_events_and_writes_its_span_group():
    nlp = build_nlp("id")
    assert nlp.pipe_names.index("diplokg_statements") < nlp.pipe_names.index("diplokg_dates") \
        < nlp.pipe_names.index("diplokg_events")
    doc = _doc("id", "Menlu Kenya Musalia Mudavadi tiba di Oslo, Senin (22/7).")
    group = doc.spans[DATES_KEY]
    assert [s.text for s in group] == ["Senin (22/7)"] and group[0].label_ == "DATE"
    assert set(group.attrs) >= {"chars", "value", "weekday", "end", "stated", "published"}
    assert group.attrs["published"] == PUBLISHED and doc.user_data[PUBLISHED_KEY] == PUBLISHED


def test_weekday_and_bracket_date_resolve_against_the_publication_date():
    assert _dates("id", "Presiden Chile Gabriel Boric tiba di Helsinki, Selasa (23/7), dan bertemu Presiden "
                        "Finlandia Alexander Stubb pada Rabu.") == [
        ("Selasa (23/7)", "2024-07-23", "Tuesday", None), ("Rabu", "2024-07-24", "Wednesday", None)]


def test_english_weekday_with_month_day_and_a_range():
    assert _dates("en", "Kenyan President William Ruto arrived in Brasilia on Thursday (July 25). The state "
                        "visit runs from July 25 to 27.") == [
        ("Thursday (July 25)", "2024-07-25", "Thursday", None), ("July 25 to 27", "2024-07-25", None, "2024-07-27")]


def test_without_a_publication_date_a_partial_date_stays_partial():
    assert _dates("id", "Menlu Ghana Samuel Ablakwa bertemu Menlu Peru Elmer Schialer (23/7) di Lima.",
                  published=None) == [("(23/7)", "--07-23", None, None)]
    # A bare weekday names no day without the publication date, but the weekday is kept.
    assert _dates("en", "Norway's Jonas Gahr Store met Kenya's William Ruto on Monday.", published=None) == [
        ("Monday", None, "Monday", None)]


def test_read_dates_resolves_again_against_a_publication_date_the_doc_lacked():
    doc = _doc("id", "Perdana Menteri Norwegia Jonas Gahr Store menerima Presiden Kenya William Ruto, Kamis.",
               published=None)
    assert read_dates(doc)[0].value.value is None
    again = read_dates(doc, published="2024-07-29")  # a Monday: the Thursday before
    assert again[0].value.value == "2024-07-25" and again[0].value.weekday == "Thursday"


def test_a_year_from_another_date_of_the_article_whose_weekday_agrees():
    assert _dates("id", "Pada 3 Juni 2023 kedua menteri berunding. Mereka bertemu lagi Sabtu (10/6).",
                  published=None) == [("3 Juni 2023", "2023-06-03", None, None),
                                      ("Sabtu (10/6)", "2023-06-10", "Saturday", None)]


# -- the events read them -------------------------------------------------------------------------

def test_event_dated_by_a_weekday_in_its_sentence():
    ex = _extract("id", "Menteri Luar Negeri Peru Elmer Schialer bertemu dengan Menteri Luar Negeri Ghana "
                        "Samuel Ablakwa di Accra, Selasa.")
    assert _dated(ex, "elmer-schialer", "samuel-ablakwa") == {"Meeting": ("2024-07-23", "Tuesday")}


def test_event_dated_by_a_bracket_day_and_month():
    ex = _extract("id", "Menlu Ghana Samuel Ablakwa bertemu Menlu Peru Elmer Schialer (23/7) di Lima.")
    assert _dated(ex, "samuel-ablakwa", "elmer-schialer") == {"Meeting": ("2024-07-23", None)}


def test_bracket_date_between_subject_and_verb():
    ex = _extract("id", "Presiden Kenya William Ruto, Rabu (24/7), menggelar pertemuan bilateral dengan Perdana "
                        "Menteri Norwegia Jonas Gahr Store di Oslo.")
    assert _dated(ex, "william-ruto") == {"Meeting": ("2024-07-24", "Wednesday")}


def test_english_weekday_after_the_place():
    ex = _extract("en", "Finnish President Alexander Stubb met Chilean President Gabriel Boric in Santiago on "
                        "Tuesday.")
    assert _dated(ex, "alexander-stubb", "gabriel-boric") == {"Meeting": ("2024-07-23", "Tuesday")}


def test_two_events_of_one_article_keep_their_own_dates():
    ex = _extract("en", "Norwegian Foreign Minister Espen Barth Eide met Kenyan Foreign Minister Musalia "
                        "Mudavadi on July 20. On Wednesday, Eide held talks with Ghanaian Foreign Minister "
                        "Samuel Ablakwa in Oslo.")
    assert _dated(ex, "espen-barth-eide", "musalia-mudavadi")["Meeting"] == ("2024-07-20", None)
    assert _dated(ex, "espen-barth-eide", "samuel-ablakwa")["Talks"] == ("2024-07-24", "Wednesday")


def test_two_events_of_one_sentence_keep_their_own_dates():
    ex = _extract("id", "Presiden Chile Gabriel Boric tiba di Helsinki pada Senin (22/7) dan bertemu Presiden "
                        "Finlandia Alexander Stubb pada Rabu (24/7).")
    dated = _dated(ex, "gabriel-boric")
    assert dated["Visit"] == ("2024-07-22", "Monday") and dated["Meeting"] == ("2024-07-24", "Wednesday")


def test_a_date_in_a_relative_clause_belongs_to_its_own_event():
    # "on Monday" is the call's, said in a clause about the counterpart; the meeting is Thursday's.
    doc = _doc("en", "Kenyan President William Ruto met Brazilian President Luiz Inácio Lula da Silva, who had "
                     "spoken with Finnish President Alexander Stubb by phone on Monday, in Brasilia on Thursday.")
    dates = {e.type: e.date.text for e in read_events(doc) if e.date is not None}
    assert dates == {"Meeting": "Thursday", "PhoneCall": "Monday"}


def test_an_event_of_other_people_takes_no_date_from_the_sentence_before():
    ex = _extract("en", "Chilean President Gabriel Boric visited Helsinki on Monday. Peruvian President Dina "
                        "Boluarte met Kenyan President William Ruto in Nairobi.")
    assert _dated(ex, "gabriel-boric") == {"Visit": ("2024-07-22", "Monday")}
    assert _dated(ex, "dina-boluarte", "william-ruto") == {"Meeting": (None, None)}


def test_an_undated_event_in_indonesian_takes_no_other_events_date():
    ex = _extract("id", "Menlu Chile Alberto van Klaveren bertemu Menlu Ghana Samuel Ablakwa di Santiago pada "
                        "Senin (22/7). Presiden Peru Dina Boluarte bertemu Presiden Kenya William Ruto di Nairobi.")
    assert _dated(ex, "alberto-van-klaveren", "samuel-ablakwa") == {"Meeting": ("2024-07-22", "Monday")}
    assert _dated(ex, "dina-boluarte", "william-ruto") == {"Meeting": (None, None)}


def test_the_same_scene_keeps_its_date():
    # The visitor on stage again, with no time of its own: the visit's day (the existing scene rule).
    ex = _extract("id", "Presiden Finlandia Alexander Stubb tiba di Nairobi pada Senin (22/7). Stubb kemudian "
                        "bertemu Presiden Kenya William Ruto di State House.")
    assert _dated(ex, "alexander-stubb", "william-ruto") == {"Meeting": ("2024-07-22", "Monday")}


@pytest.mark.parametrize("layer", [True, False])
def test_events_read_the_components_spans_with_or_without_the_parse(layer):
    doc = _doc("id", "Menlu Kenya Musalia Mudavadi bertemu Menlu Norwegia Espen Barth Eide di Oslo, Kamis (25/7).",
               layer=layer)
    found = read_events(doc)
    assert [e.date.text for e in found] == ["Kamis (25/7)"]
    assert found[0].date.start == doc.spans[DATES_KEY][0].start
