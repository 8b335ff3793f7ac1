"""Cross-document identity of one-word person names (diplokg.resolve)."""

from __future__ import annotations

from diplokg.records import Document, Entity, Extraction, Mention
from diplokg.resolve import Resolver, observe_extraction


def _article(doc_id: str, people: list[tuple[str, str]], states: tuple[str, ...]) -> Extraction:
    ents = [Entity(key=k, type="Person", name=n, mentions=(Mention(0, 1, n),)) for k, n in people]
    ents += [Entity(key=s, type="State", name=s, mentions=(Mention(0, 1, s),)) for s in states]
    return Extraction(document=Document(id=doc_id, text="x", language="en"), entities=tuple(ents))


def _links(*articles: Extraction) -> list[tuple[str, str]]:
    resolver = Resolver()
    for article in articles:
        resolver.observe(*observe_extraction(article, str))
    return [(link.alias, link.person) for link in resolver.person_links()]


def test_a_surname_joins_the_only_full_name_that_shares_a_state():
    assert _links(
        _article("a", [("kamala-persad", "Kamala Persad")], ("trinidad-and-tobago",)),
        _article("b", [("persad", "Persad")], ("trinidad-and-tobago", "guyana")),
    ) == [("persad", "kamala-persad")]


def test_the_answer_does_not_depend_on_the_order_of_articles():
    one = _article("a", [("ana-ruiz", "Ana Ruiz")], ("peru",))
    two = _article("b", [("ruiz", "Ruiz")], ("peru",))
    assert _links(one, two) == _links(two, one) == [("ruiz", "ana-ruiz")]


def test_two_candidates_leave_the_surname_unresolved():
    assert _links(
        _article("a", [("ana-ruiz", "Ana Ruiz"), ("pablo-ruiz", "Pablo Ruiz")], ("peru",)),
        _article("b", [("ruiz", "Ruiz")], ("peru",)),
    ) == []


def test_no_shared_state_leaves_the_surname_unresolved():
    assert _links(
        _article("a", [("ana-ruiz", "Ana Ruiz")], ("peru",)),
        _article("b", [("ruiz", "Ruiz")], ("norway",)),
    ) == []


# -- events: the same event reported by several articles -------------------------------------------

import itertools  # noqa: E402

import pytest  # noqa: E402

from diplokg.resolve import EventSeen  # noqa: E402


def _report(report, article, type_="Meeting", people=("ana-ruiz", "kofi-mensah"), date="2024-05-03", place=None,
            forum=None) -> EventSeen:
    return EventSeen(report, article, type_, frozenset(people), date, place, forum)


def _event_links(*reports: EventSeen) -> list[tuple[str, str]]:
    resolver = Resolver()
    for report in reports:
        resolver.observe_event(report)
    return [(link.report, link.same_as) for link in resolver.event_links()]


def test_two_outlets_reporting_one_meeting_give_one_event_with_the_rule_and_evidence():
    resolver = Resolver()
    resolver.observe_event(_report("urn:e:b", "outlet-b", "Talks", place="accra"))
    resolver.observe_event(_report("urn:e:a", "outlet-a", "Meeting", date="2024-05"))
    [link] = resolver.event_links()
    assert (link.report, link.same_as, link.rule) == ("urn:e:b", "urn:e:a", "same-event")
    assert link.evidence == ("agrees with urn:e:a: both Meeting; participants ana-ruiz, kofi-mensah; "
                             "dates 2024-05 / 2024-05-03; place accra")


def test_the_same_pair_on_different_days_stays_two_events():
    assert _event_links(_report("urn:e:1", "a", date="2024-05-03"), _report("urn:e:2", "b", date="2024-05-04")) == []


@pytest.mark.parametrize("change", [
    {"type_": "PhoneCall"},                                  # another kind of event
    {"people": ("ana-ruiz", "lars-berg")},                   # one shared person of two
    {"date": None},                                          # undated: any meeting of the pair
    {"date": "2024"},                                        # a year names no meeting
    {"place": "oslo"},                                       # both name a place, and differ
    {"forum": "au"},                                         # both name a forum, and differ
])
def test_a_difference_keeps_reports_apart(change):
    first = _report("urn:e:1", "a", place="accra", forum="ecowas")
    assert _event_links(first, _report("urn:e:2", "b", **{"place": "accra", "forum": "ecowas", **change})) == []


def test_a_one_person_report_joins_when_its_person_took_part():
    visit = dict(type_="Visit", date="--05-03")
    assert _event_links(_report("urn:e:1", "a", people=("ana-ruiz",), **visit),
                        _report("urn:e:2", "b", **visit)) == [("urn:e:2", "urn:e:1")]


def test_reports_within_one_article_are_never_joined_here():
    assert _event_links(_report("urn:e:1", "a"), _report("urn:e:2", "a")) == []


def test_three_reports_are_one_event_whatever_the_order_and_removing_one_undoes_its_part():
    reports = [_report("urn:e:3", "c", date="2024-05-03"), _report("urn:e:1", "a", date="2024-05"),
               _report("urn:e:2", "b", date="2024-05-03", place="accra")]
    expected = [("urn:e:2", "urn:e:1"), ("urn:e:3", "urn:e:1")]
    for order in itertools.permutations(reports):
        assert _event_links(*order) == expected
    assert _event_links(reports[0], reports[2]) == [("urn:e:3", "urn:e:2")]
    assert _event_links(reports[0]) == []


def test_candidates_are_found_without_comparing_every_pair():
    # 2,000 meetings of one minister on different days with different people: no link, and fast
    reports = [_report(f"urn:e:{i}", f"a{i}", people=("ana-ruiz", f"p{i}"), date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
               for i in range(2000)]
    assert _event_links(*reports) == []
