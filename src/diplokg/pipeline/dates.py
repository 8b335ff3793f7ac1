"""``diplokg_dates``: the date expressions of the Doc, each with the day (or month, or year) it names.

Finding and resolving are :mod:`diplokg.dates` (its words are data, ``ontology/dates.yaml``): the
component runs :func:`~diplokg.dates.find_dates` over the Doc's text and completes each mention
from the article — another full date whose weekday agrees, else the publication date. No year is
invented: without such evidence a partial date stays partial ("25 Juli" is ``--07-25``).

The publication date is the document's, not the text's. It reaches the Doc in
``doc.user_data[PUBLISHED_KEY]``, set by :func:`with_published` before the pipeline runs (the
builder does this for every article); a Doc without it resolves as an article of unknown date.

Results go to ``doc.spans["diplokg_dates"]`` (spans labelled ``DATE``, expanded to whole tokens)
with aligned ``attrs`` lists: ``chars`` (the mention's ``[start, end]`` character offsets),
``value`` and ``weekday`` (the resolved start; ``value`` None when nothing is known but a weekday),
``end`` (the resolved last day of a range, or None) and ``stated`` (the mention as the words alone
give it: value, weekday, relative key and end value), and ``attrs["published"]``: the date the
values were resolved against. :func:`read_dates` gives them back as :class:`FoundDate` records.

>>> import spacy
>>> nlp = spacy.blank("id")
>>> _ = nlp.add_pipe("diplokg_dates")
>>> doc = nlp(with_published(nlp.make_doc("Menlu tiba pada Selasa (23/7)."), "2024-07-26"))
>>> [(d.span.text, d.value.value, d.value.weekday) for d in read_dates(doc)]
[('Selasa (23/7)', '2024-07-23', 'Tuesday')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..dates import DateMention, find_dates, resolve
from ..records import DateValue, Span as CharSpan
from .components import doc_text, evaluated

__all__ = ["DATES_KEY", "PUBLISHED_KEY", "DateFinder", "FoundDate", "date_spans", "make_dates", "read_dates",
           "with_published"]

DATES_KEY = "diplokg_dates"
#: The ``doc.user_data`` key of the article's publication date (ISO "YYYY-MM-DD" or None).
PUBLISHED_KEY = "diplokg_published"
_UNSET = object()


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date expression the component found: its span, its resolved start and range end."""

    span: Span
    value: DateValue | None
    end: DateValue | None = None
    #: The start read forward from the publication date, for a planned event ("will meet X on
    #: Monday" in a Friday article: the Monday after); the same as ``value`` where the text dates it.
    ahead: DateValue | None = None

    @property
    def known(self) -> bool:
        """Whether the expression names a date (not only a weekday)."""
        return self.value is not None and self.value.value is not None


def with_published(doc: Doc, published: str | None) -> Doc:
    """``doc`` with the article's publication date, for ``diplokg_dates`` to resolve against."""
    doc.user_data[PUBLISHED_KEY] = published
    return doc


def date_spans(doc: Doc, language: str, published: str | None = None) -> tuple[list[Span], list[list]]:
    """The date spans of ``doc`` and their attrs rows (``chars``, ``value``, ``weekday``, ``end``,
    ``stated``): what the component writes, for a pipeline without it."""
    mentions = find_dates(doc_text(doc), language)
    spans, rows = [], []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand", label="DATE")
        if span is None or not len(span):
            continue
        start, end = _resolved(m, published, mentions)
        ahead = resolve(m, published=published, context=mentions, future=True)
        spans.append(span)
        rows.append([[m.start, m.end], start.value if start else None, start.weekday if start else None,
                     end.value if end else None, [m.value, m.weekday, m.relative, m.end_value],
                     ahead.value if ahead else None])
    return spans, rows


def read_dates(doc: Doc, key: str = DATES_KEY, *, published: object = _UNSET) -> list[FoundDate]:
    """The dates ``diplokg_dates`` wrote on ``doc`` (none when it did not run), in text order.

    ``published``: resolve against this publication date instead, when it is not the one the
    component saw (a Doc made from bare text, the document's date known only to the caller); the
    stated values are kept, so nothing is found twice.
    """
    if key not in doc.spans:
        return []
    group = doc.spans[key]
    attrs = group.attrs
    if published is not _UNSET and published != attrs.get("published"):
        text = doc_text(doc)
        mentions = [DateMention(a, b, text[a:b], *stated) for (a, b), stated in zip(attrs["chars"], attrs["stated"])]
        out = []
        for span, m in zip(group, mentions):
            start, end = _resolved(m, published, mentions)  # type: ignore[arg-type]
            ahead = resolve(m, published=published, context=mentions, future=True)  # type: ignore[arg-type]
            out.append(FoundDate(span, start, end, ahead))
        return out
    rows = zip(group, attrs["chars"], attrs["value"], attrs["weekday"], attrs["end"], attrs["ahead"])
    return [FoundDate(
        span,
        None if value is None and weekday is None else DateValue(value, weekday, _span(chars)),
        None if end is None else DateValue(end, None, _span(chars)),
        None if value is None and weekday is None else DateValue(ahead, weekday, _span(chars)),
    ) for span, chars, value, weekday, end, ahead in rows]


def _span(chars: list[int]) -> CharSpan:
    return CharSpan(chars[0], chars[1])


def _resolved(m: DateMention, published: str | None,
              context: Sequence[DateMention]) -> tuple[DateValue | None, DateValue | None]:
    """The mention's start and the end of its range, resolved in the article's context."""
    start = resolve(m, published=published, context=context)
    end = None
    if m.end_value:
        # The end as a mention of its own at the same place (so it is not its own context).
        end = resolve(DateMention(m.start, m.end, m.text, m.end_value, None, None), published=published,
                      context=context)
    return start, end


class DateFinder:
    """Date expressions with their resolved values (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, *, key: str = DATES_KEY) -> None:
        self.name = name
        self.key = key
        self.lang = nlp.lang

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        find_dates("", self.lang)  # read ontology/dates.yaml now: a broken file fails at start-up

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get(PUBLISHED_KEY)
        spans, rows = date_spans(doc, self.lang, published)
        doc.spans[self.key] = spans
        attrs = doc.spans[self.key].attrs
        for k, name in enumerate(("chars", "value", "weekday", "end", "stated", "ahead")):
            attrs[name] = [row[k] for row in rows]
        attrs["published"] = published
        return doc


@Language.factory(
    "diplokg_dates",
    default_config={"key": DATES_KEY},
    assigns=["doc.spans"],
)
@evaluated
def make_dates(nlp: Language, name: str, key: str) -> DateFinder:
    return DateFinder(nlp, name, key=key)
