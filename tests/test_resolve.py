"""Cross-document identity of one-word person names (diplokg.resolve)."""

from __future__ import annotations

from diplokg.records import Document, Entity, Extraction, Mention
from diplokg.resolve import PersonRegistry


def _article(doc_id: str, people: list[tuple[str, str]], states: tuple[str, ...]) -> Extraction:
    ents = [Entity(key=k, type="Person", name=n, mentions=(Mention(0, 1, n),)) for k, n in people]
    ents += [Entity(key=s, type="State", name=s, mentions=(Mention(0, 1, s),)) for s in states]
    return Extraction(document=Document(id=doc_id, text="x", language="en"), entities=tuple(ents))


def _links(*articles: Extraction) -> list[tuple[str, str]]:
    registry = PersonRegistry()
    for article in articles:
        registry.observe(article)
    return [(link.alias, link.person) for link in registry.links()]


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
