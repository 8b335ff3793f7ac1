"""Scoring rules of ``diplokg eval`` (``gold/README.md``), checked by value on hand-made cases."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest

from diplokg.rdf.terms import PREFIXES
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.table import Table

from diplokg.scoring import (
    ArticlePrediction,
    EvaluationError,
    PredEntity,
    PredEvent,
    PredMembership,
    PredPosition,
    PredStatement,
    Report,
    evaluate,
    fold_role,
    load_gold,
    normalize,
    parse_gold,
    read_predictions,
    render_errors,
    render_table,
    roles_match,
    score,
)
from diplokg.scoring import _max_matching  # the one private helper worth testing directly

DATA = Path(__file__).parent / "data" / "eval"


# -- helpers ---------------------------------------------------------------------------------


def ent(
    key: str,
    type_: str | None = "Person",
    labels: tuple[str, ...] = (),
    mentions: tuple[str, ...] = (),
    wikidata: str | None = None,
) -> PredEntity:
    return PredEntity(f"https://w3id.org/diplokg/id/{key}", type_, labels, mentions, wikidata)


def gold(doc: str = "a", **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "doc": doc,
        "entities": [],
        "positions": [],
        "memberships": [],
        "events": [],
        "statements": [],
        "absent": [],
    }
    data.update(fields)
    return data


def run(gold_data: dict[str, Any], prediction: ArticlePrediction | None) -> Report:
    article = parse_gold(gold_data)
    predictions = {} if prediction is None else {prediction.doc: prediction}
    return score({article.doc: article}, predictions)


def counts(report: Report, category: str) -> tuple[int, int, int]:
    s = report.scores[category]
    return s.tp, s.fp, s.fn


def type_counts(report: Report, type_: str) -> tuple[int, int, int]:
    s = report.entity_types[type_]
    return s.tp, s.fp, s.fn


LAVROV = {"type": "Person", "name": "Sergei Lavrov", "mentions": ["Sergei Lavrov", "Lavrov"]}
WANG = {"type": "Person", "name": "Wang Yi", "mentions": ["Wang Yi"]}
RUSSIA = {"type": "State", "name": "Russia", "mentions": ["Rusia"]}
CHINA = {"type": "State", "name": "China", "mentions": ["Tiongkok"]}
LAOS = {"type": "State", "name": "Laos", "mentions": ["Laos"]}
ASEAN = {"type": "Forum", "name": "ASEAN", "mentions": ["ASEAN"]}
USA = {"type": "State", "name": "United States", "mentions": ["AS"]}
UK = {"type": "State", "name": "United Kingdom", "mentions": ["Inggris"]}
BLINKEN = {"type": "Person", "name": "Antony Blinken", "mentions": ["Blinken"]}

P_LAVROV = ent("person/sergei-lavrov", "Person", ("Sergei Lavrov",), ("Lavrov",))
P_WANG = ent("person/wang-yi", "Person", ("Wang Yi",), ("Wang Yi",))
P_RUSSIA = ent("state/russia", "State", ("Russia",), ("Rusia",), "Q159")
P_CHINA = ent("state/china", "State", ("China",), ("Tiongkok",))
P_LAOS = ent("state/laos", "State", ("Laos",))
P_ASEAN = ent("forum/asean", "Forum", ("ASEAN",), ("ASEAN",))
P_USA = ent("state/united-states", "State", ("United States",), (), "Q30")
P_UK = ent("state/united-kingdom", "State", ("United Kingdom",))
P_BLINKEN = ent("person/antony-blinken", "Person", ("Antony Blinken",), ("Blinken",))


# -- normalisation and roles -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sergei Lavrov", "sergei lavrov"),
        ("  KÉBAYORAN   Baru ", "kebayoran baru"),
        ("Perhimpunan Bangsa-Bangsa Asia Tenggara", "perhimpunan bangsa bangsa asia tenggara"),
        ("Washington, D.C.", "washington d c"),
        ("Chargé d'affaires", "charge d affaires"),
        ("Mi’raj News Agency", "mi raj news agency"),
        ("São Tomé\tand\nPríncipe", "sao tome and principe"),
        ("Straße", "strasse"),
        ("", ""),
        ("...", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_normalize_makes_punctuation_variants_equal() -> None:
    assert normalize("Washington, DC") != normalize("Washington, D.C.")  # letters differ: d c vs dc
    assert normalize("ASEAN-Indonesia") == normalize("asean indonesia")
    assert normalize("Mexico’s efforts") == normalize("Mexico's efforts")


@pytest.mark.parametrize(
    ("role", "of_is_us", "expected"),
    [
        ("Foreign Minister", False, "minister of foreign affairs"),
        ("Minister for Foreign Affairs", False, "minister of foreign affairs"),
        ("External Affairs Minister", False, "minister of foreign affairs"),
        ("Foreign Secretary", False, "minister of foreign affairs"),
        ("Secretary of State", True, "minister of foreign affairs"),
        ("Secretary of State", False, "secretary of state"),
        ("Premier", False, "prime minister"),
        ("Secretary General", False, "secretary general"),
        ("Secretary-General", False, "secretary general"),
        ("Spokesman", False, "spokesperson"),
        ("Spokeswoman of the Ministry", False, "spokesperson of the ministry"),
        ("Deputy Foreign Minister", False, "deputy minister of foreign affairs"),
        ("Foreign Ministry Spokesperson", False, "foreign ministry spokesperson"),
    ],
)
def test_fold_role(role: str, of_is_us: bool, expected: str) -> None:
    assert fold_role(role, of_is_us=of_is_us) == expected


def test_roles_match_rules() -> None:
    assert roles_match("Minister of Foreign Affairs", "foreign minister")
    assert roles_match("Prime Minister", "Premier")
    assert roles_match("Secretary-General", "Secretary General")
    assert roles_match("Spokesperson of the Ministry of Foreign Affairs", "Spokeswoman")
    # containment either way
    assert roles_match("Spokesperson", "Spokesperson of the Department of State")
    assert roles_match("Former President", "President")
    # Deputy / Vice stay distinct from what they qualify and from each other
    assert not roles_match("Minister of Foreign Affairs", "Deputy Foreign Minister")
    assert not roles_match("Vice Minister of Foreign Affairs", "Minister of Foreign Affairs")
    assert not roles_match("Vice President", "President")
    assert not roles_match("Vice Prime Minister", "Deputy Prime Minister")
    assert roles_match("Deputy Prime Minister", "deputy premier")
    # Secretary of State is the foreign minister only in the United States
    assert roles_match(
        "Minister of Foreign Affairs", "Secretary of State", gold_of_is_us=True, predicted_of_is_us=True
    )
    assert not roles_match("Minister of Foreign Affairs", "Secretary of State")
    assert not roles_match("Minister of Trade", "Minister of Foreign Affairs")
    assert not roles_match("King", "")


def _position_report(gold_position: dict[str, Any], prediction: PredPosition) -> Report:
    data = gold(
        entities=[BLINKEN, USA, UK, LAVROV, RUSSIA],
        positions=[gold_position],
    )
    return run(data, ArticlePrediction("a", positions=[prediction]))


def test_secretary_of_state_of_the_us_is_the_foreign_minister() -> None:
    report = _position_report(
        {"person": "Antony Blinken", "role": "Secretary of State", "of": "United States"},
        PredPosition("t1", P_BLINKEN, "Minister of Foreign Affairs", P_USA),
    )
    assert counts(report, "positions") == (1, 0, 0)


def test_secretary_of_state_of_another_state_is_not() -> None:
    uk_official = ent("person/x", "Person", ("James Cleverly",))
    data = gold(
        entities=[{"type": "Person", "name": "James Cleverly", "mentions": []}, UK],
        positions=[{"person": "James Cleverly", "role": "Secretary of State", "of": "United Kingdom"}],
    )
    report = run(data, ArticlePrediction("a", positions=[PredPosition("t", uk_official, "Foreign Minister", P_UK)]))
    assert counts(report, "positions") == (0, 1, 1)
    same = run(data, ArticlePrediction("a", positions=[PredPosition("t", uk_official, "Secretary of State", P_UK)]))
    assert counts(same, "positions") == (1, 0, 0)


def test_position_needs_person_and_of_to_match_as_entities() -> None:
    data = gold(
        entities=[LAVROV, RUSSIA, CHINA],
        positions=[{"person": "Sergei Lavrov", "role": "Foreign Minister", "of": "Russia"}],
    )
    # person matched through a mention, "of" through an Indonesian label (no mention in the article)
    rusia_label_only = ent("state/russia", "State", ("Rusia",))
    person = ent("person/lavrov", "Person", (), ("Lavrov",))
    ok = run(data, ArticlePrediction("a", positions=[PredPosition("t", person, "Minister of Foreign Affairs", rusia_label_only)]))
    assert counts(ok, "positions") == (1, 0, 0)
    wrong_of = run(data, ArticlePrediction("a", positions=[PredPosition("t", person, "Foreign Minister", P_CHINA)]))
    assert counts(wrong_of, "positions") == (0, 1, 1)
    no_of = run(data, ArticlePrediction("a", positions=[PredPosition("t", person, "Foreign Minister", None)]))
    assert counts(no_of, "positions") == (0, 1, 1)


# -- entities --------------------------------------------------------------------------------


def test_entity_matches_by_mention_label_or_wikidata() -> None:
    data = gold(entities=[LAVROV, RUSSIA, CHINA, {**LAOS, "wikidata": "Q819"}])
    prediction = ArticlePrediction(
        "a",
        entities=[
            ent("person/p1", "Person", ("С. Лавров",), ("LAVROV",)),  # by a mention, case folded
            ent("state/s1", "State", ("Rusia",), ()),  # by a label in another language
            ent("state/s2", "State", ("Republik Rakyat",), ("RRT",)),  # nothing in common: FP
            ent("state/s3", "State", ("Lao PDR",), (), "Q819"),  # by Wikidata id
        ],
    )
    report = run(data, prediction)
    assert type_counts(report, "Person") == (1, 0, 0)
    assert type_counts(report, "State") == (2, 1, 1)  # China missed, the RRT node is spurious
    assert counts(report, "entities") == (3, 1, 1)
    fn = [e.item for e in report.errors if e.kind == "FN"]
    fp = [e.item for e in report.errors if e.kind == "FP"]
    assert fn == ["State: China"]
    assert fp == ["State: Republik Rakyat (state/s2)"]


def test_entity_types_must_agree() -> None:
    data = gold(entities=[LAOS])
    report = run(data, ArticlePrediction("a", entities=[ent("place/laos", "Place", ("Laos",))]))
    assert type_counts(report, "State") == (0, 0, 1)
    assert type_counts(report, "Place") == (0, 1, 0)
    assert counts(report, "entities") == (0, 0, 1)
    assert counts(report, "places") == (0, 1, 0)


def test_forum_and_organization_match_under_the_gold_type() -> None:
    data = gold(
        entities=[ASEAN, {"type": "Organization", "name": "World Bank", "mentions": ["Bank Dunia"]}],
    )
    prediction = ArticlePrediction(
        "a",
        entities=[
            ent("organization/asean", "Organization", (), ("ASEAN",)),
            ent("forum/world-bank", "Forum", ("World Bank",)),
        ],
    )
    report = run(data, prediction)
    assert type_counts(report, "Forum") == (1, 0, 0)
    assert type_counts(report, "Organization") == (1, 0, 0)
    assert counts(report, "entities") == (1, 0, 0)
    assert counts(report, "organizations") == (1, 0, 0)


def test_headline_entities_leave_out_organizations_and_places() -> None:
    data = gold(entities=[LAVROV, {"type": "Place", "name": "Jakarta", "mentions": ["Jakarta"]}])
    prediction = ArticlePrediction(
        "a",
        entities=[P_LAVROV, ent("organization/x", "Organization", ("Kompas",)), ent("place/bali", "Place", ("Bali",))],
    )
    report = run(data, prediction)
    assert counts(report, "entities") == (1, 0, 0)
    assert counts(report, "organizations") == (0, 1, 0)
    assert counts(report, "places") == (0, 1, 1)


def test_optional_entities_count_neither_way() -> None:
    xinhua = {"type": "Organization", "name": "Xinhua", "mentions": ["Xinhua"], "optional": True}
    afp = {"type": "Organization", "name": "Agence France-Presse", "mentions": ["AFP"], "optional": True}
    data = gold(entities=[WANG, xinhua, afp])
    # Xinhua found, typed as a Person even: neutral. AFP missed: not a miss.
    prediction = ArticlePrediction("a", entities=[P_WANG, ent("person/xinhua", "Person", ("Xinhua",))])
    report = run(data, prediction)
    assert counts(report, "entities") == (1, 0, 0)
    assert counts(report, "organizations") == (0, 0, 0)
    assert [e for e in report.errors] == []


def test_entity_matching_is_one_to_one_and_maximal() -> None:
    # g1 can be matched by either prediction, g2 only by p1: a greedy g1->p1 would lose g2.
    g1 = {"type": "Person", "name": "Joko Widodo", "mentions": ["Jokowi", "Presiden"]}
    g2 = {"type": "Person", "name": "Ma'ruf Amin", "mentions": ["Wakil Presiden"]}
    p1 = ent("person/a", "Person", ("Jokowi", "Wakil Presiden"))
    p2 = ent("person/b", "Person", ("Presiden",))
    report = run(gold(entities=[g1, g2]), ArticlePrediction("a", entities=[p1, p2]))
    assert counts(report, "entities") == (2, 0, 0)
    # two predicted nodes for one gold person: one of them is a false positive
    dup = run(gold(entities=[LAVROV]), ArticlePrediction("a", entities=[P_LAVROV, ent("person/lavrov-2", "Person", ("Lavrov",))]))
    assert counts(dup, "entities") == (1, 1, 0)


def test_untyped_predictions_are_not_scored_but_can_leak() -> None:
    data = gold(entities=[WANG], absent=["Baca Juga"])
    prediction = ArticlePrediction("a", entities=[P_WANG, ent("thing/x", None, ("baca juga",))])
    report = run(data, prediction)
    assert counts(report, "entities") == (1, 0, 0)
    assert [(leak.absent, leak.entity) for leak in report.leaks] == [
        ("Baca Juga", "https://w3id.org/diplokg/id/thing/x")
    ]


def test_absent_strings_are_reported_as_leaks() -> None:
    data = gold(entities=[WANG], absent=["STL.News", "Netanyahu", "Gaza"])
    prediction = ArticlePrediction(
        "a",
        entities=[
            P_WANG,
            ent("organization/stl-news", "Organization", ("STL News",)),  # punctuation folded
            ent("person/b-netanyahu", "Person", ("Benjamin Netanyahu",), ("NETANYAHU",)),  # a mention
            ent("place/gaza-city", "Place", ("Gaza City",)),  # contains, but not equal: no leak
        ],
    )
    report = run(data, prediction)
    assert sorted(leak.absent for leak in report.leaks) == ["Netanyahu", "STL.News"]
    assert report.to_dict()["leaks"][0]["article"] == "a"


# -- memberships -----------------------------------------------------------------------------


def test_memberships_match_member_and_forum_as_entities() -> None:
    brics = {"type": "Forum", "name": "BRICS", "mentions": ["BRICS"]}
    brazil = {"type": "State", "name": "Brazil", "mentions": ["Brasil"]}
    data = gold(entities=[brics, brazil, CHINA], memberships=[{"member": "Brazil", "of": "BRICS"}, {"member": "China", "of": "BRICS"}])
    p_brics = ent("forum/brics", "Forum", ("BRICS",))
    prediction = ArticlePrediction(
        "a",
        memberships=[
            PredMembership("m1", ent("state/brazil", "State", ("Brazil",), ("Brasil",)), p_brics),
            PredMembership("m2", P_RUSSIA, p_brics),
        ],
    )
    assert counts(run(data, prediction), "memberships") == (1, 1, 1)


# -- events ----------------------------------------------------------------------------------


def _meeting(participants: list[str], **extra: Any) -> dict[str, Any]:
    event = {"type": "Meeting", "participants": participants, "date": None, "place": None, "forum": None, "evidence": "e"}
    event.update(extra)
    return event


def test_two_gold_meetings_one_prediction() -> None:
    data = gold(
        entities=[LAVROV, WANG, BLINKEN],
        events=[_meeting(["Sergei Lavrov", "Wang Yi"]), _meeting(["Antony Blinken", "Wang Yi"])],
    )
    prediction = ArticlePrediction("a", events=[PredEvent("e1", "Talks", (P_WANG, P_BLINKEN))])
    report = run(data, prediction)
    assert counts(report, "events") == (1, 0, 1)
    assert [e.item for e in report.errors if e.category == "events"] == ["Meeting [Sergei Lavrov, Wang Yi] - @- /-"]


def test_one_gold_meeting_two_identical_predictions_is_one_to_one() -> None:
    data = gold(entities=[LAVROV, WANG], events=[_meeting(["Sergei Lavrov", "Wang Yi"])])
    twice = [PredEvent("e1", "Meeting", (P_LAVROV, P_WANG)), PredEvent("e2", "Summit", (P_WANG, P_LAVROV))]
    assert counts(run(data, ArticlePrediction("a", events=twice)), "events") == (1, 1, 0)


def test_event_participant_sets_must_be_equal() -> None:
    data = gold(entities=[LAVROV, WANG, BLINKEN], events=[_meeting(["Sergei Lavrov", "Wang Yi"])])
    superset = PredEvent("e1", "Meeting", (P_LAVROV, P_WANG, P_BLINKEN))
    subset = PredEvent("e2", "Meeting", (P_LAVROV,))
    report = run(data, ArticlePrediction("a", events=[superset, subset]))
    assert counts(report, "events") == (0, 2, 1)


def test_event_type_classes() -> None:
    data = gold(
        entities=[LAVROV, WANG],
        events=[
            {**_meeting(["Sergei Lavrov", "Wang Yi"]), "type": "Summit"},
            {**_meeting(["Sergei Lavrov"]), "type": "Visit"},
        ],
    )
    prediction = ArticlePrediction(
        "a",
        events=[
            PredEvent("e1", "Talks", (P_LAVROV, P_WANG)),  # Summit ~ Talks: same class
            PredEvent("e2", "Meeting", (P_LAVROV,)),  # Visit is a class of its own
        ],
    )
    assert counts(run(data, prediction), "events") == (1, 1, 1)


def test_gold_event_without_participants_matches_on_class_and_place_or_forum() -> None:
    jakarta = {"type": "Place", "name": "Jakarta", "mentions": ["Jakarta"]}
    summit = {**_meeting([]), "type": "Summit", "forum": "ASEAN", "place": "Jakarta"}
    data = gold(entities=[ASEAN, jakarta, LAOS], events=[summit])
    p_jakarta = ent("place/jakarta", "Place", ("Jakarta",))
    by_forum = PredEvent("e1", "Meeting", (P_LAVROV,), forum=P_ASEAN)
    assert counts(run(data, ArticlePrediction("a", events=[by_forum])), "events") == (1, 0, 0)
    by_place = PredEvent("e1", "Summit", (), place=p_jakarta)
    assert counts(run(data, ArticlePrediction("a", events=[by_place])), "events") == (1, 0, 0)
    neither = PredEvent("e1", "Summit", (), place=P_LAOS)
    assert counts(run(data, ArticlePrediction("a", events=[neither])), "events") == (0, 1, 1)
    wrong_class = PredEvent("e1", "PhoneCall", (), forum=P_ASEAN)
    assert counts(run(data, ArticlePrediction("a", events=[wrong_class])), "events") == (0, 1, 1)


def test_optional_events_count_neither_way() -> None:
    optional = {**_meeting([]), "type": "Summit", "forum": "ASEAN", "optional": True}
    data = gold(entities=[LAVROV, WANG, ASEAN], events=[_meeting(["Sergei Lavrov", "Wang Yi"]), optional])
    found = ArticlePrediction(
        "a",
        events=[PredEvent("e1", "Meeting", (P_LAVROV, P_WANG)), PredEvent("e2", "Summit", (), forum=P_ASEAN)],
    )
    assert counts(run(data, found), "events") == (1, 0, 0)
    missed = ArticlePrediction("a", events=[PredEvent("e1", "Meeting", (P_LAVROV, P_WANG))])
    assert counts(run(data, missed), "events") == (1, 0, 0)


def test_event_attribute_accuracy_full_versus_partial_dates() -> None:
    data = gold(
        entities=[LAVROV, WANG, BLINKEN, LAOS, ASEAN],
        events=[
            _meeting(["Sergei Lavrov", "Wang Yi"], date="--07-25", place="Laos", forum="ASEAN"),
            _meeting(["Antony Blinken", "Wang Yi"], date="2023-07-25", place=None, forum="ASEAN"),
            _meeting(["Antony Blinken"], date=None, weekday="Monday"),
        ],
    )
    prediction = ArticlePrediction(
        "a",
        events=[
            # an invented year: wrong date; place named through a label only
            PredEvent("e1", "Meeting", (P_LAVROV, P_WANG), date="2023-07-25", place=P_LAOS, forum=P_ASEAN),
            # a partial date for a full one: wrong; a place gold does not give: wrong
            PredEvent("e2", "Meeting", (P_BLINKEN, P_WANG), date="--07-25", place=P_LAOS, forum=P_ASEAN),
            PredEvent("e3", "Meeting", (P_BLINKEN,), weekday="Monday"),
        ],
    )
    report = run(data, prediction)
    assert counts(report, "events") == (3, 0, 0)
    attributes = report.attributes
    assert (attributes["date"].correct, attributes["date"].total) == (1, 3)
    assert (attributes["place"].correct, attributes["place"].total) == (2, 3)
    assert (attributes["forum"].correct, attributes["forum"].total) == (3, 3)
    assert (attributes["weekday"].correct, attributes["weekday"].total) == (1, 1)
    wrong = sorted((e.category, e.detail) for e in report.errors if e.kind == "WRONG")
    assert wrong == [
        ("events.date", "gold '--07-25', predicted '2023-07-25'"),
        ("events.date", "gold '2023-07-25', predicted '--07-25'"),
        ("events.place", "gold None, predicted 'Laos'"),
    ]


# -- statements ------------------------------------------------------------------------------


def test_statements_contains_speaker_and_one_to_one() -> None:
    data = gold(
        entities=[WANG, LAVROV],
        statements=[
            {"speaker": "Wang Yi", "direct": False, "contains": "hubungan antara Tiongkok dan Rusia menguat"},
            {"speaker": "Wang Yi", "direct": False, "contains": "Beijing bersedia bekerja sama"},
            {"speaker": "Sergei Lavrov", "direct": True, "contains": "Mexico’s efforts"},
        ],
    )
    text = "Hubungan antara Tiongkok dan Rusia menguat, dan Beijing bersedia bekerja sama."
    prediction = ArticlePrediction(
        "a",
        statements=[
            # one predicted statement holding both of Wang Yi's: it can match only one
            PredStatement("s1", P_WANG, text, False),
            # punctuation and case folded; direct wrong
            PredStatement("s2", P_LAVROV, "We thank MEXICO'S EFFORTS.", False),
            # right words, wrong speaker
            PredStatement("s3", P_LAVROV, "Beijing bersedia bekerja sama", False),
        ],
    )
    report = run(data, prediction)
    assert counts(report, "statements") == (2, 1, 1)
    assert (report.attributes["direct"].correct, report.attributes["direct"].total) == (1, 2)


def test_statement_contains_is_character_containment_after_normalisation() -> None:
    data = gold(entities=[WANG], statements=[{"speaker": "Wang Yi", "direct": False, "contains": "kerja-sama"}])
    prediction = ArticlePrediction("a", statements=[PredStatement("s", P_WANG, "BEKERJA SAMANYA", False)])
    assert counts(run(data, prediction), "statements") == (1, 0, 0)
    other = ArticlePrediction("a", statements=[PredStatement("s", P_WANG, "kerja keras sama", False)])
    assert counts(run(data, other), "statements") == (0, 1, 1)


def test_role_containment_is_by_whole_words() -> None:
    assert not roles_match("Secretary of State", "Undersecretary of State")
    assert roles_match("Ambassador", "Ambassador of Indonesia to Japan")


def test_optional_statements() -> None:
    data = gold(
        entities=[WANG],
        statements=[{"speaker": "Wang Yi", "direct": False, "contains": "damai", "optional": True}],
    )
    found = ArticlePrediction("a", statements=[PredStatement("s", P_WANG, "demi damai", False)])
    assert counts(run(data, found), "statements") == (0, 0, 0)
    assert counts(run(data, ArticlePrediction("a")), "statements") == (0, 0, 0)


# -- averaging -------------------------------------------------------------------------------


def test_micro_average_over_two_articles() -> None:
    a = parse_gold(gold("a", entities=[LAVROV, WANG]))
    b = parse_gold(gold("b", entities=[RUSSIA, CHINA]))
    predictions = {
        # a: 2 TP, 0 FP, 0 FN; b: 0 TP, 1 FP, 2 FN... plus one TP after China is found
        "a": ArticlePrediction("a", entities=[P_LAVROV, P_WANG]),
        "b": ArticlePrediction("b", entities=[P_CHINA, P_LAOS]),
        "not-in-gold": ArticlePrediction("not-in-gold", entities=[P_LAOS, P_ASEAN]),
    }
    report = score({"a": a, "b": b}, predictions)
    assert counts(report, "entities") == (3, 1, 1)
    assert report.scores["entities"].precision == 3 / 4
    assert report.scores["entities"].recall == 3 / 4
    assert counts(Report(scores={"entities": report.articles["b"].scores["entities"]}), "entities") == (1, 1, 1)
    assert sorted(report.articles) == ["a", "b"]
    # a per-article mean would be (1.0 + 0.5) / 2; micro-averaging sums first
    assert report.articles["a"].scores["entities"].f1 == 1.0
    assert report.articles["b"].scores["entities"].f1 == 0.5
    assert report.scores["entities"].f1 == 0.75


def test_micro_average_precision_two_thirds() -> None:
    a = parse_gold(gold("a", entities=[LAVROV]))
    b = parse_gold(gold("b", entities=[WANG]))
    predictions = {
        "a": ArticlePrediction("a", entities=[P_LAVROV, P_BLINKEN]),
        "b": ArticlePrediction("b", entities=[P_WANG]),
    }
    report = score({"a": a, "b": b}, predictions)
    entities = report.scores["entities"]
    assert (entities.tp, entities.fp, entities.fn) == (2, 1, 0)
    assert entities.precision == 2 / 3
    assert entities.recall == 1.0
    assert entities.f1 == 0.8


def test_article_missing_from_graph_counts_as_all_missed() -> None:
    data = gold(
        "missing",
        entities=[LAVROV, RUSSIA, {"type": "Organization", "name": "AFP", "mentions": ["AFP"], "optional": True}],
        positions=[{"person": "Sergei Lavrov", "role": "Foreign Minister", "of": "Russia"}],
        events=[_meeting(["Sergei Lavrov"])],
        statements=[{"speaker": "Sergei Lavrov", "direct": True, "contains": "x"}],
    )
    report = run(data, None)
    assert report.missing_articles == ["missing"]
    assert report.articles["missing"].in_graph is False
    assert counts(report, "entities") == (0, 0, 2)
    assert counts(report, "positions") == (0, 0, 1)
    assert counts(report, "events") == (0, 0, 1)
    assert counts(report, "statements") == (0, 0, 1)
    assert report.headline == 0.0


def test_empty_categories_and_headline() -> None:
    report = run(gold(entities=[LAVROV]), ArticlePrediction("a", entities=[P_LAVROV]))
    # positions, events, statements: nothing in gold, nothing predicted -> F1 1.0
    assert report.headline == 1.0
    assert report.scores["memberships"].to_dict() == {
        "tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0,
    }


# -- reading graphs --------------------------------------------------------------------------


def test_fixture_follows_the_data_model_offsets() -> None:
    """Every span's anchorOf is exactly nif:isString[begin:end], as docs/data-model.md requires."""
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    quads = list(pyoxigraph.parse(path=DATA / "t1.ttl"))
    by_subject: dict[str, dict[str, str]] = {}
    for q in quads:
        if isinstance(q.object, pyoxigraph.Literal):
            by_subject.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
    text = by_subject["https://w3id.org/diplokg/id/article/t1"][nif + "isString"]
    spans = {s: p for s, p in by_subject.items() if nif + "anchorOf" in p}
    assert len(spans) == 16
    for subject, props in spans.items():
        begin, end = int(props[nif + "beginIndex"]), int(props[nif + "endIndex"])
        assert subject.endswith(f"#char={begin},{end}")
        assert text[begin:end] == props[nif + "anchorOf"]


def test_read_predictions_from_turtle() -> None:
    predictions = read_predictions(DATA / "t1.ttl")
    assert list(predictions) == ["t1"]
    article = predictions["t1"]
    entities = {e.iri.rsplit("/", 2)[-2] + "/" + e.iri.rsplit("/", 1)[-1]: e for e in article.entities}
    assert sorted(entities) == [
        "organization/asean",
        "organization/xinhua",
        "person/baca-juga",
        "person/sergei-lavrov",
        "person/wang-yi",
        "state/china",
        "state/russia",
    ]
    russia = entities["state/russia"]
    assert russia.type == "State"
    assert russia.wikidata == "Q159"
    assert russia.mentions == ("Rusia",)
    assert set(russia.labels) == {"Russia", "Rusia", "Russian Federation", "Federasi Rusia"}
    assert entities["person/sergei-lavrov"].mentions == ("Sergei Lavrov", "Lavrov")
    assert entities["person/sergei-lavrov"].type == "Person"  # dkg:Diplomat too
    positions = sorted((p.person.labels[0] if p.person else None, p.role, p.of.labels[0] if p.of else None) for p in article.positions)
    assert positions == [
        ("Sergei Lavrov", "Minister of Foreign Affairs", "Russia"),
        ("Wang Yi", "Minister of Foreign Affairs", None),
    ]
    # the ForumMeeting without participants is not an event to score
    assert len(article.events) == 1
    event = article.events[0]
    assert (event.type, event.date, event.planned) == ("Meeting", "2023-07-25", False)
    assert sorted(p.labels[0] for p in event.participants) == ["Sergei Lavrov", "Wang Yi"]
    # Laos has no span in the article: built from its labels
    assert event.place is not None and (event.place.labels, event.place.mentions) == (("Laos",), ())
    assert event.forum is not None and event.forum.mentions == ("ASEAN",)
    statements = sorted((s.speaker.labels[0] if s.speaker else None, s.text, s.direct) for s in article.statements)
    assert statements == [
        ("Sergei Lavrov", "kerja sama ekonomi penting", False),
        ("Wang Yi", "hubungan antara Tiongkok dan Rusia menguat pesat", False),
    ]


VISIT_TTL = """
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix schema: <http://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/diplokg/id/> .

<article/v> a dkg:Article , nif:Context ; dcterms:identifier "v" ;
    nif:isString "Prabowo mengunjungi Lula di Brasilia. KTT BRICS." .
<article/v#char=0,7> a nif:Phrase ; nif:referenceContext <article/v> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "7"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Prabowo" ; itsrdf:taIdentRef <person/prabowo-subianto> .
<article/v#char=20,24> a nif:Phrase ; nif:referenceContext <article/v> ;
    nif:beginIndex "20"^^xsd:nonNegativeInteger ; nif:endIndex "24"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Lula" ; itsrdf:taIdentRef <person/luiz-inacio-lula-da-silva> .
<article/v#char=0,37> a nif:Sentence ; nif:referenceContext <article/v> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "37"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Prabowo mengunjungi Lula di Brasilia." .
<article/v#char=38,48> a nif:Sentence ; nif:referenceContext <article/v> ;
    nif:beginIndex "38"^^xsd:nonNegativeInteger ; nif:endIndex "48"^^xsd:nonNegativeInteger ;
    nif:anchorOf "KTT BRICS." .
<person/prabowo-subianto> a dkg:Person ; skos:prefLabel "Prabowo Subianto"@en .
<person/luiz-inacio-lula-da-silva> a dkg:Person ; skos:prefLabel "Luiz Inácio Lula da Silva"@en .
<state/brazil> a dkg:State ; skos:prefLabel "Brazil"@en .
<event/aaaaaaaaaaaa> a dkg:Visit ;
    sem:hasActor <person/prabowo-subianto> , <person/luiz-inacio-lula-da-silva> , <state/brazil> ;
    dkg:participation <event/aaaaaaaaaaaa#participant-prabowo-subianto> ,
        <event/aaaaaaaaaaaa#participant-luiz-inacio-lula-da-silva> ;
    schema:startDate "2024-07"^^xsd:gYearMonth ;
    dkg:weekday schema:Monday ;
    prov:wasDerivedFrom <article/v#char=0,37> .
<event/aaaaaaaaaaaa#participant-prabowo-subianto> a dkg:Participation ;
    dkg:participant <person/prabowo-subianto> ; dkg:participantRole "visitor" .
<event/aaaaaaaaaaaa#participant-luiz-inacio-lula-da-silva> a dkg:Participation ;
    dkg:participant <person/luiz-inacio-lula-da-silva> ; dkg:participantRole "host" .
<event/bbbbbbbbbbbb> a dkg:Meeting ;
    sem:hasActor <person/prabowo-subianto> , <person/luiz-inacio-lula-da-silva> ;
    prov:wasDerivedFrom <article/v#char=0,37> .
<event/cccccccccccc> a dkg:ForumMeeting ;
    sem:hasActor <person/luiz-inacio-lula-da-silva> ;
    prov:wasDerivedFrom <article/v#char=38,48> .
"""


def test_visit_participants_are_the_visitors_and_forum_meetings_with_participants_count(tmp_path: Path) -> None:
    graph = tmp_path / "v.ttl"
    graph.write_text(VISIT_TTL, encoding="utf-8")
    events = {e.iri.rsplit("/", 1)[-1]: e for e in read_predictions(graph)["v"].events}
    assert sorted(events) == ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"]
    visit = events["aaaaaaaaaaaa"]
    assert [p.labels for p in visit.participants] == [("Prabowo Subianto",)]
    assert (visit.date, visit.weekday) == ("2024-07", "Monday")
    # the host and the state take part in the meeting, not the visit
    assert sorted(p.labels[0] for p in events["bbbbbbbbbbbb"].participants) == [
        "Luiz Inácio Lula da Silva",
        "Prabowo Subianto",
    ]
    assert events["cccccccccccc"].type == "ForumMeeting"
    prabowo = {"type": "Person", "name": "Prabowo Subianto", "mentions": ["Prabowo"]}
    lula = {"type": "Person", "name": "Luiz Inácio Lula da Silva", "mentions": ["Lula"]}
    data = gold(
        "v",
        entities=[prabowo, lula],
        events=[
            {**_meeting(["Prabowo Subianto"]), "type": "Visit", "date": "2024-07"},
            _meeting(["Luiz Inacio Lula da Silva"]),  # accents folded
        ],
    )
    report = score({"v": parse_gold(data)}, read_predictions(graph))
    # Visit TP, ForumMeeting-with-Lula TP, the bilateral Meeting FP
    assert counts(report, "events") == (2, 1, 0)
    assert (report.attributes["date"].correct, report.attributes["date"].total) == (2, 2)


def _as_dataset(tmp_path: Path, rdf_format: pyoxigraph.RdfFormat, suffix: str) -> Path:
    # The same triples in two named graphs: the union must not count anything twice.
    store = pyoxigraph.Store()
    for name in ("graph/t1", "graph/copy"):
        graph = pyoxigraph.NamedNode(f"https://w3id.org/diplokg/id/{name}")
        store.load(path=DATA / "t1.ttl", format=pyoxigraph.RdfFormat.TURTLE, to_graph=graph)
    out = tmp_path / f"graph{suffix}"
    store.dump(out, rdf_format)
    return out


@pytest.mark.parametrize(
    ("rdf_format", "suffix"),
    [(pyoxigraph.RdfFormat.TRIG, ".trig"), (pyoxigraph.RdfFormat.N_QUADS, ".nq")],
)
def test_named_graph_datasets_read_as_their_union(tmp_path: Path, rdf_format: pyoxigraph.RdfFormat, suffix: str) -> None:
    dataset = _as_dataset(tmp_path, rdf_format, suffix)
    assert "GRAPH" in dataset.read_text().upper() or suffix == ".nq"
    assert read_predictions(dataset) == read_predictions(DATA / "t1.ttl")
    assert evaluate(DATA / "gold", dataset).to_dict() == evaluate(DATA / "gold", DATA / "t1.ttl").to_dict()


def test_unknown_graph_format_and_missing_file(tmp_path: Path) -> None:
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    with pytest.raises(EvaluationError, match="E152"):
        read_predictions(odd)
    with pytest.raises(EvaluationError, match="E150"):
        read_predictions(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(EvaluationError, match=re.escape(str(bad))):
        read_predictions(bad)


def test_build_folder_reads_graph_ttl(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_bytes((DATA / "t1.ttl").read_bytes())
    assert list(read_predictions(tmp_path)) == ["t1"]


# -- end to end ------------------------------------------------------------------------------


def test_evaluate_end_to_end() -> None:
    """tests/data/eval/t1.ttl against gold/t1.json; the comments in t1.ttl give the reasons.

    entities  TP 5 (Lavrov, Wang Yi, Russia, China via "Tiongkok", ASEAN typed Organization)
              FP 1 (Baca Juga) FN 1 (Laos: no span); Xinhua optional -> P = R = F1 = 5/6
    positions TP 1 (Lavrov; gold says "Foreign Minister") FP 1 FN 1 (Wang Yi without "of") -> 1/2
    events    TP 1 (gold Talks ~ Meeting, participants in another order) -> 1; date wrong
    statements TP 1 FP 1 FN 1 -> 1/2
    headline  (5/6 + 1/2 + 1 + 1/2) / 4 = 17/24
    """
    report = evaluate(DATA / "gold", DATA / "t1.ttl")
    assert counts(report, "entities") == (5, 1, 1)
    assert type_counts(report, "Forum") == (1, 0, 0)
    assert type_counts(report, "State") == (2, 0, 1)
    assert type_counts(report, "Person") == (2, 1, 0)
    assert counts(report, "organizations") == (0, 0, 0)
    assert counts(report, "positions") == (1, 1, 1)
    assert counts(report, "events") == (1, 0, 0)
    assert counts(report, "statements") == (1, 1, 1)
    assert report.scores["entities"].f1 == pytest.approx(5 / 6, abs=1e-12)
    assert report.headline == pytest.approx(17 / 24, abs=1e-12)
    assert {k: (v.correct, v.total) for k, v in report.attributes.items()} == {
        "date": (0, 1),
        "place": (1, 1),
        "forum": (1, 1),
        "weekday": (0, 0),
        "direct": (1, 1),
    }
    assert [(leak.absent, leak.entity) for leak in report.leaks] == [
        ("Baca Juga:", "https://w3id.org/diplokg/id/person/baca-juga")
    ]
    kinds = sorted((e.category, e.kind) for e in report.errors)
    assert kinds == [
        ("absent", "LEAK"),
        ("entities.Person", "FP"),
        ("entities.State", "FN"),
        ("events.date", "WRONG"),
        ("positions", "FN"),
        ("positions", "FP"),
        ("statements", "FN"),
        ("statements", "FP"),
    ]
    as_json = json.loads(json.dumps(report.to_dict()))
    assert as_json["headline"] == pytest.approx(17 / 24)
    assert as_json["scores"]["positions"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert as_json["articles"]["t1"]["in_graph"] is True
    assert as_json["missing_articles"] == []


def test_render_tables() -> None:
    report = evaluate(DATA / "gold", DATA / "t1.ttl")
    table = render_table(report)
    assert isinstance(table, Table)
    first_column = list(table.columns[0].cells)
    assert first_column[0] == "entities (headline)"
    assert "statements" in first_column and "accuracy: date" in first_column
    assert list(table.columns[6].cells)[0] == "0.833"
    errors = render_errors(report, categories=["positions"])
    assert list(errors.columns[2].cells) == ["FN", "FP"]
    assert len(list(render_errors(report, limit=3).columns[0].cells)) == 3


# -- gold ------------------------------------------------------------------------------------


def test_load_shared_gold(shared_gold: Path) -> None:
    loaded = load_gold(shared_gold)
    assert sorted(loaded) == sorted(p.stem for p in shared_gold.glob("*.json"))
    first = loaded["000_a03b26b6af25b1e1"]
    assert first.entity("Wang Yi") is not None and first.entity("Wang Yi").mentions == ("Wang Yi", "Bapak Wang Yi")  # type: ignore[union-attr]
    assert [e.name for e in first.entities if e.optional] == ["Xinhua", "Agence France-Presse"]
    assert first.events[0].date == "--07-25"
    assert first.positions[0].role == "Minister of Foreign Affairs"
    # a graph with nothing in it: every required item is missed, and no prediction is invented
    report = score(loaded, {})
    assert report.missing_articles == sorted(loaded)
    assert report.scores["entities"].tp == 0 and report.scores["entities"].fp == 0


def test_load_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="E155"):
        load_gold(tmp_path)
    (tmp_path / "README.md").write_text("# not gold", encoding="utf-8")
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"E156.*x\.json"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text(json.dumps(gold("x", entities=[{"type": "Person"}])), encoding="utf-8")
    with pytest.raises(EvaluationError, match="E156"):
        load_gold(tmp_path)
    (tmp_path / "x.json").write_text(json.dumps({"entities": [WANG]}), encoding="utf-8")
    assert list(load_gold(tmp_path)) == ["x"]  # doc defaults to the file stem


def test_discrepancy_prints_as_one_line() -> None:
    report = evaluate(DATA / "gold", DATA / "t1.ttl")
    lines = [str(e) for e in report.errors if e.category == "statements"]
    assert lines == [
        "t1  FN    statements       Sergei Lavrov: mendukung peran sentral ASEAN",
        "t1  FP    statements       Sergei Lavrov: kerja sama ekonomi penting"
        "  (https://w3id.org/diplokg/id/statement/bbbbbbbbbbbb)",
    ]


# -- a perfect graph scores 1.0 on every shared gold file ------------------------------------

_DATATYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"),
    (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
    (re.compile(r"^\d{4}$"), "gYear"),
    (re.compile(r"^--\d{2}-\d{2}$"), "gMonthDay"),
    (re.compile(r"^--\d{2}$"), "gMonth"),
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-") or "x"


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _gold_to_turtle(article: Any) -> str:
    """What a perfect extractor would write for one gold article, following docs/data-model.md."""
    base = "https://w3id.org/diplokg/id/"
    doc = article.doc
    art = f"<{base}article/{doc}>"
    folder = {"Person": "person", "State": "state", "Forum": "forum", "Organization": "organization", "Place": "place"}
    iri = {e.name: f"<{base}{folder[e.type]}/{_slug(e.name)}>" for e in article.entities}
    pieces: list[str] = []
    spans: list[tuple[int, int, str | None]] = []
    for entity in article.entities:
        for mention in entity.mentions:
            start = sum(len(p) + 1 for p in pieces)
            pieces.append(mention)
            spans.append((start, start + len(mention), iri[entity.name]))
    for statement in article.statements:
        start = sum(len(p) + 1 for p in pieces)
        pieces.append(statement.contains)
        spans.append((start, start + len(statement.contains), None))
    text = " ".join(pieces) or "-"
    evidence = f"<{base}article/{doc}#char=0,{len(text)}>"
    out = [f"{art} a dkg:Article, nif:Context; dcterms:identifier {_lit(doc)}; nif:isString {_lit(text)} ."]
    out.append(
        f"{evidence} a nif:Sentence; nif:referenceContext {art}; nif:beginIndex {0}; nif:endIndex {len(text)};"
        f" nif:anchorOf {_lit(text)} ."
    )
    for begin, end, target in spans:
        span = f"<{base}article/{doc}#char={begin},{end}>"
        out.append(
            f"{span} a nif:Phrase; nif:referenceContext {art}; nif:beginIndex {begin}; nif:endIndex {end};"
            f" nif:anchorOf {_lit(text[begin:end])}" + (f"; itsrdf:taIdentRef {target} ." if target else " .")
        )
    for entity in article.entities:
        out.append(f"{iri[entity.name]} a dkg:{entity.type}; skos:prefLabel {_lit(entity.name)}@en .")
    for n, position in enumerate(article.positions):
        role = f"<{base}role/{_slug(position.role)}>"
        out.append(f"{role} a org:Role; skos:prefLabel {_lit(position.role)}@en .")
        out.append(
            f"<{base}tenure/{doc}-{n}> a dkg:Tenure; org:member {iri[position.person]}; org:role {role};"
            f" org:organization {iri[position.of]}; prov:wasDerivedFrom {evidence} ."
        )
    for n, membership in enumerate(article.memberships):
        out.append(
            f"<{base}membership/{doc}-{n}> a dkg:ForumMembership; org:member {iri[membership.member]};"
            f" org:organization {iri[membership.of]}; prov:wasDerivedFrom {evidence} ."
        )
    for n, event in enumerate(article.events):
        node = f"<{base}event/{doc}-{n}>"
        triples = [f"{node} a dkg:{event.type}", f"prov:wasDerivedFrom {evidence}"]
        for person in event.participants:
            triples.append(f"sem:hasActor {iri[person]}")
        if event.date:
            datatype = next(dt for pattern, dt in _DATATYPES if pattern.match(event.date))
            triples.append(f"schema:startDate {_lit(event.date)}^^xsd:{datatype}")
        if event.weekday:
            triples.append(f"dkg:weekday schema:{event.weekday}")
        if event.place:
            triples.append(f"schema:location {iri[event.place]}")
        if event.forum:
            triples.append(f"dkg:forum {iri[event.forum]}")
        out.append("; ".join(triples) + " .")
    for n, statement in enumerate(article.statements):
        out.append(
            f"<{base}statement/{doc}-{n}> a dkg:Statement; dkg:speaker {iri[statement.speaker]};"
            f" schema:text {_lit(statement.contains)}; dkg:direct {str(statement.direct).lower()};"
            f" prov:wasDerivedFrom {evidence} ."
        )
    return "\n".join(out) + "\n"


_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def test_gold_written_as_a_graph_scores_perfectly(tmp_path: Path, shared_gold: Path, shared_dev_gold: Path) -> None:
    """Every rule applied to the real gold: a graph stating exactly the gold has no error at all.

    All articles go into one union graph, so entities shared between articles (same IRI) must
    keep their mentions apart per article.
    """
    articles: dict[str, Any] = {}
    for folder in (shared_gold, shared_dev_gold):
        articles.update(load_gold(folder))
    graph = tmp_path / "graph.ttl"
    graph.write_text(_PREFIXES + "".join(_gold_to_turtle(a) for a in articles.values()), encoding="utf-8")
    report = score(articles, read_predictions(graph))
    assert [str(e) for e in report.errors] == []
    assert report.leaks == []
    assert report.headline == 1.0
    for category in ("entities", "organizations", "places", "positions", "memberships", "events", "statements"):
        s = report.scores[category]
        assert (s.fp, s.fn) == (0, 0), category
    assert report.scores["entities"].tp == sum(
        1 for a in articles.values() for e in a.entities if not e.optional and e.type in {"Person", "State", "Forum"}
    )
    assert report.scores["events"].tp == sum(1 for a in articles.values() for e in a.events if not e.optional)
    assert all(a.correct == a.total for a in report.attributes.values())


# -- matching --------------------------------------------------------------------------------


def test_events_pair_up_to_agree_on_attributes() -> None:
    """Two meetings of the same people on different days: each prediction pairs with its own day."""
    data = gold(
        entities=[LAVROV, WANG],
        events=[
            _meeting(["Sergei Lavrov", "Wang Yi"], date="2023-03-20"),
            {**_meeting(["Sergei Lavrov", "Wang Yi"], date="2023-03-21"), "type": "Talks"},
        ],
    )
    prediction = ArticlePrediction(
        "a",
        events=[
            PredEvent("e1", "Meeting", (P_LAVROV, P_WANG), date="2023-03-21"),
            PredEvent("e2", "Meeting", (P_LAVROV, P_WANG), date="2023-03-20"),
        ],
    )
    report = run(data, prediction)
    assert counts(report, "events") == (2, 0, 0)
    assert (report.attributes["date"].correct, report.attributes["date"].total) == (2, 2)


def _brute_force(n_left: int, n_right: int, edges: set[tuple[int, int]], pref: dict[tuple[int, int], int]) -> tuple[int, int]:
    from itertools import permutations

    best = (0, 0)
    rights = list(range(n_right)) + [None] * n_left
    for perm in set(permutations(rights, n_left)):
        pairs = [(i, j) for i, j in enumerate(perm) if j is not None and (i, j) in edges]
        best = max(best, (len(pairs), sum(pref[p] for p in pairs)))
    return best


@settings(max_examples=150, deadline=None)
@given(
    n_left=st.integers(0, 4),
    n_right=st.integers(0, 4),
    data=st.data(),
)
def test_matching_is_maximum_then_best_preference(n_left: int, n_right: int, data: st.DataObject) -> None:
    cells = [(i, j) for i in range(n_left) for j in range(n_right)]
    edges = set(data.draw(st.lists(st.sampled_from(cells), unique=True)) if cells else [])
    pref = {c: data.draw(st.integers(0, 3)) for c in cells}
    plain = _max_matching(n_left, n_right, lambda i, j: (i, j) in edges)
    weighted = _max_matching(n_left, n_right, lambda i, j: (i, j) in edges, lambda i, j: pref[(i, j)])
    size, total = _brute_force(n_left, n_right, edges, pref)
    for pairs in (plain, weighted):
        assert all(p in edges for p in pairs)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert len(pairs) == size
    assert sum(pref[p] for p in weighted) == total
