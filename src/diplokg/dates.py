"""Date expressions in Indonesian and English news text: find them, then pin them down.

:func:`find_dates` reads a text and returns :class:`DateMention` records, each with the value the
words alone support: "20 Maret 2023" is ``"2023-03-20"``, "25 Juli" is ``"--07-25"``, "bulan Mei"
is ``"--05"``, "Senin" is only a weekday and "kemarin" is only a relative key. :func:`resolve`
then completes a mention from what the article gives besides: another full date whose weekday
agrees, or the publication date. No year is invented: without such evidence a partial date stays
partial.

The vocabulary (month, weekday and relative words, cues, parts of day) is data, read from
``ontology/dates.yaml``; the patterns are compiled once per language and process.

>>> [(m.text, m.value, m.weekday) for m in find_dates("Xi tiba Senin sore (20 Maret).", "id")]
[('Senin sore (20 Maret)', '--03-20', 'Monday')]
>>> found = find_dates("Talks opened on Friday. The accord was signed on March 10, 2023.", "en")
>>> [(m.text, m.value, m.weekday) for m in found]
[('Friday', None, 'Friday'), ('March 10, 2023', '2023-03-10', None)]
>>> resolve(found[0], published="2023-03-12").value
'2023-03-10'
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .records import DateValue, Span
from .resources import ontology_dir

__all__ = ["DateMention", "find_dates", "resolve", "resolve_range", "WEEKDAYS"]

#: English weekday names in ``date.weekday()`` order.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: How far (days) a month-day may lie after the publication date and still take its year:
#: reports announce what happens in the next days without saying "mendatang".
_GRACE_DAYS = 7

#: How close (days) another stated date must lie to a weekday-and-day mention to lend its year.
_CONTEXT_DAYS = 45

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression as the text states it; offsets are into the text given to find_dates.

    ``value`` is ISO 8601 at the precision given ("2023-03-20", "2023-03", "2023", "--03-20",
    "--03") or None; ``weekday`` the English weekday name when the text names one; ``relative``
    a normalised key ("yesterday", "last_year", "3_days_ago") for words that count from the
    publication date, or a modifier of a stated month/day/weekday ("last", "next", "this",
    "last_year", "this_year", "next_year"); ``end_value`` the last day of a range.
    """

    start: int
    end: int
    text: str
    value: str | None
    weekday: str | None
    relative: str | None
    end_value: str | None = None


# ---------------------------------------------------------------------------------------------
# Vocabulary and patterns


def _dates_yaml() -> Path:
    return Path(str(ontology_dir() / "dates.yaml"))


@functools.lru_cache(maxsize=1)
def _vocabulary() -> Mapping[str, Any]:
    path = _dates_yaml()
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)
    except OSError as exc:
        raise ConfigError(
            f"cannot read the date vocabulary {path}: {exc}",
            hint="reinstall diplokg or restore ontology/dates.yaml",
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict):
        raise ConfigError(f"{path}: no 'languages' mapping", hint="see the comment atop the file")
    return data


def _title_variants(words: Any) -> set[str]:
    """Proper names as written in running text and in all-capital headlines."""
    return {w for word in words for w in (word, word.upper())}


def _lower_variants(words: Any) -> set[str]:
    """Common words, also capitalised at the start of a sentence."""
    return {w for word in words for w in (word, word[:1].upper() + word[1:])}


def _alt(variants: set[str]) -> str:
    """An alternation of words as a trie, longest first: the regex engine then tries each
    letter once instead of every word in turn (the patterns run on every sentence)."""
    if not variants:
        return r"(?!x)x"  # matches nothing
    trie: dict[str, Any] = {}
    for word in variants:
        node = trie
        for char in _SPACE.sub(" ", word):
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + emit(trie) + ")"


_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d|2100)(?!\d)"
_MONTH_NUM = r"(?:1[0-2]|0?[1-9])(?!\d)"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]
    anchor: re.Pattern[str]
    range_gap: re.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, str]
    week_weekdays: frozenset[str]
    relative: dict[str, str]
    modifiers_after: dict[str, str]
    modifiers_before: dict[str, str]
    ago_units: dict[str, str]
    numbers: dict[str, int | None]
    numbered_units: dict[str, tuple[int, str]]
    nouns: frozenset[str]


def _norm(word: str) -> str:
    return _SPACE.sub(" ", word.lower())


@functools.lru_cache(maxsize=8)
def _grammar(language: str) -> _Grammar:
    vocab = _vocabulary()
    lang = vocab["languages"].get(language)
    if lang is None:
        raise ConfigError(
            f"no date vocabulary for language {language!r}",
            hint=f"use one of {sorted(vocab['languages'])} or add it to ontology/dates.yaml",
        )
    months = {str(k): int(v) for k, v in lang["months"].items()}
    abbreviations = {str(k): int(v) for k, v in lang["month_abbreviations"].items()}
    weekdays = {str(k): str(v) for k, v in lang["weekdays"].items()}
    relative = {_norm(k): str(v) for k, v in lang["relative"].items()}
    mod_after = {_norm(k): str(v) for k, v in lang["modifiers_after"].items()}
    mod_before = {_norm(k): str(v) for k, v in (lang.get("modifiers_before") or {}).items()}
    ago_units = {_norm(k): str(v) for k, v in lang["ago_units"].items()}
    numbers = {_norm(k): (None if v is None else int(v)) for k, v in lang["numbers"].items()}
    numbered = {
        _norm(k): (int(v[0]), str(v[1])) for k, v in (lang.get("numbered_units") or {}).items()
    }
    nouns = {
        _norm(w)
        for key in ("day_nouns", "month_nouns", "year_nouns", "weekday_nouns")
        for w in lang.get(key) or ()
    }

    mon = _alt(_title_variants(list(months) + list(abbreviations)))
    mon_full = _alt(_title_variants(months))
    wd = _alt(_title_variants(weekdays))
    pod = _alt(_lower_variants(lang.get("parts_of_day") or ()))
    rel = _alt(_lower_variants(relative))
    moda = _alt(set(mod_after))
    modb = _alt(_lower_variants(mod_before))
    day_n = _alt(_lower_variants(lang.get("day_nouns") or ()))
    mon_n = _alt(_lower_variants(lang.get("month_nouns") or ()))
    year_n = _alt(_lower_variants(lang.get("year_nouns") or ()))
    wd_n = _alt(_lower_variants(lang.get("weekday_nouns") or ()))
    mcue = _alt(_lower_variants(lang.get("month_cues") or ()))
    ycue = _alt(_lower_variants(lang.get("year_cues") or ()))
    rfrom = _alt(_lower_variants(lang.get("range_from") or ()))
    rto_words = _alt(set(lang.get("range_to") or ()))
    rto = rf"(?:\s*[-–—]\s*|\s+{rto_words}\s+)"
    ago = _alt(set(lang.get("ago") or ()))
    units = _alt(set(ago_units))
    numw = _alt(_lower_variants(numbers))
    numu = _alt(_lower_variants(numbered))
    local = _alt(_lower_variants(lang.get("local_time") or ()))
    slash_ok = bool(lang.get("slash_dates"))
    md_needs_year = not lang.get("month_day_without_year")
    le = _NOT_LETTER_AFTER

    def dm(p: str, *, full: bool) -> str:
        """Day month [year]: "20 Maret 2023", "10th May", "20-23 Maret", "20th Nov, 2021"."""
        rng = rf"(?:{rto}(?:{day_n}\s+)?(?P<{p}d2>{_DAY}){_ORD})?" if full else ""
        tail = rf"(?:\s+(?P<{p}mod>{moda}){le})?" if full else ""
        return (
            rf"(?:{day_n}\s+)?(?P<{p}d>{_DAY}){_ORD}{rng}(?:\s+of)?\s+(?P<{p}m>{mon}){le}"
            rf"(?:,?\s+(?P<{p}y>{_YEAR}))?{tail}"
        )

    def md(p: str, *, full: bool) -> str:
        """Month day [year]: "July 8, 2022", "May 10", "March 20-23"."""
        rng = rf"(?:{rto}(?P<{p}d2>{_DAY}){_ORD}{le})?" if full else ""
        tail = rf"(?:\s+(?P<{p}mod>{moda}){le})?" if full else ""
        year = rf",?\s+(?P<{p}y>{_YEAR})"
        year = year if md_needs_year else rf"(?:{year})?"
        return rf"(?P<{p}m>{mon}){le}\.?\s+(?P<{p}d>{_DAY}){_ORD}{le}{rng}{year}(?![:.]\d){tail}"

    def sl(p: str) -> str:
        """Day/month[/year] as Indonesian news writes it: "20/3", "4/9/2017"."""
        return rf"(?P<{p}d>{_DAY})/(?P<{p}m>{_MONTH_NUM})(?:/(?P<{p}y>{_YEAR}))?(?![/\d])"

    inner_paren = [dm("W_a_", full=False), md("W_b_", full=False)]
    inner_plain = [dm("W_c_", full=False), md("W_d_", full=False)]
    if slash_ok:
        inner_paren.append(sl("W_s_"))
        inner_plain.append(sl("W_e_"))
    weekday = (
        rf"(?P<W>(?:(?P<W_pre>{modb})\s+)?(?:(?P<W_n>{wd_n})\s+)?(?P<W_wd>{wd}){le}"
        rf"(?:\s+(?P<W_pod>{pod}){le})?"
        rf"(?:\s*,?\s*(?:\(\s*(?:{'|'.join(inner_paren)})\s*\)|(?:{'|'.join(inner_plain)})))?"
        rf"(?:\s+(?P<W_pod2>{pod}){le})?"
        rf"(?:\s+(?P<W_mod>{moda}){le})?"
        rf"(?:\s*\(\s*{local}\s*\))?)"
    )
    day_month = rf"(?P<A>(?:(?P<A_from>{rfrom})\s+)?(?P<A_core>{dm('A_', full=True)}))"
    month_day = rf"(?P<B>{md('B_', full=True)})"
    month_year = rf"(?P<C>(?P<C_m>{mon}){le},?\s+(?P<C_y>{_YEAR}))"
    month_only = (
        rf"(?P<M>(?:(?P<M_cue>{mcue})(?:\s+|-))?(?:(?P<M_pre>{modb})\s+)?"
        rf"(?:(?P<M_n>{mon_n})\s+)?(?P<M_m>{mon_full}){le}(?!\.?,?\s*\d)"
        rf"(?:\s+(?P<M_mod>{moda}){le})?)"
    )
    slash = rf"(?P<S>\(\s*{sl('S_')}\s*\))" if slash_ok else r"(?P<S>(?!x)x)"
    year = (
        rf"(?P<Y>(?:(?P<Y_cue>{ycue})(?:\s+|-))?(?:(?P<Y_n>{year_n})\s+)?(?P<Y_y>{_YEAR})"
        rf"(?![.,]\d)(?![-–]?an{le})(?!'?s{le})(?!\s*%))"
    )
    ago_expr = (
        rf"(?P<N>(?:(?P<N_n>\d{{1,3}}|{numw})\s+(?P<N_u>{units})|(?P<N_nu>{numu})){le}"
        rf"\s+{ago}{le})"
    )
    relative_expr = rf"(?P<R>{rel}){le}"
    master = (
        r"(?<![\w/])(?<!\d[.,])(?:"
        + "|".join(
            [
                weekday, day_month, month_day, month_year, month_only,
                slash, year, ago_expr, relative_expr,
            ]
        )
        + ")"
    )
    # Where a date expression can begin: a digit, "(", or the first word of one of the phrases
    # above. Scanning for these first and trying the full pattern only there is several times
    # faster than letting the full pattern try every word of the text.
    first_words = {
        phrase.split()[0]
        for phrase in (
            _title_variants(list(months) + list(abbreviations))
            | _title_variants(weekdays)
            | _lower_variants(
                list(relative)
                + list(mod_before)
                + list(numbers)
                + list(numbered)
                + [
                    w
                    for key in (
                        "day_nouns", "month_nouns", "year_nouns", "weekday_nouns",
                        "month_cues", "year_cues", "range_from",
                    )
                    for w in lang.get(key) or ()
                ]
            )
        )
    }
    anchor = rf"(?<![\w/])(?<!\d[.,])(?:{_alt(first_words)}(?![^\W\d_])|\d|\()"
    return _Grammar(
        pattern=re.compile(master),
        anchor=re.compile(anchor),
        range_gap=re.compile(rf"{rto}"),
        months=months | abbreviations,
        weekdays=weekdays,
        week_weekdays=frozenset(lang.get("week_weekdays") or ()),
        relative=relative,
        modifiers_after=mod_after,
        modifiers_before=mod_before,
        ago_units=ago_units,
        numbers=numbers,
        numbered_units=numbered,
        nouns=frozenset(nouns),
    )


# ---------------------------------------------------------------------------------------------
# Finding


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """ISO string at the precision given, or None when the parts do not make a date."""
    if month is None:
        return None if year is None else f"{year:04d}"
    if day is None:
        return f"--{month:02d}" if year is None else f"{year:04d}-{month:02d}"
    if day > calendar.monthrange(year if year is not None else 2000, month)[1]:
        return None  # 31/4, or 29 February of a common year: not a date
    return f"--{month:02d}-{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _month(g: _Grammar, name: str | None) -> int | None:
    if not name:
        return None
    month = g.months.get(name)
    if month is None:  # an all-capital variant
        month = next((v for k, v in g.months.items() if k.upper() == name), None)
    return month


def _weekday(g: _Grammar, name: str) -> str:
    found = g.weekdays.get(name)
    if found is None:
        found = next(v for k, v in g.weekdays.items() if k.upper() == name)
    return found


def _inner_date(g: _Grammar, m: re.Match[str], prefixes: Sequence[str]) -> tuple[str | None, bool]:
    """The date in one of the alternative sub-patterns; (iso, matched)."""
    for p in prefixes:
        if p + "d" not in m.re.groupindex:
            continue  # a form this language does not write (slash dates in English)
        day = m.group(p + "d")
        if day is None:
            continue
        raw_month = m.group(p + "m")
        month = int(raw_month) if raw_month.isdigit() else _month(g, raw_month)
        return _iso(_int(m.group(p + "y")), month, int(day)), True
    return None, False


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;"


def _preceded_by_number(g: _Grammar, text: str, pos: int) -> bool:
    before = text[max(0, pos - 24) : pos].split()
    if not before:
        return False
    word = before[-1].lower()
    return word.isdigit() or word in g.numbers


def _mention(g: _Grammar, text: str, m: re.Match[str]) -> DateMention | None:
    kind = m.lastgroup
    start, end = m.start(kind), m.end(kind)
    value: str | None = None
    weekday: str | None = None
    relative: str | None = None
    end_value: str | None = None

    def modifier(group: str) -> str | None:
        word = m.group(group)
        return g.modifiers_after.get(_norm(word)) if word else None

    if kind == "W":
        weekday = _weekday(g, m.group("W_wd"))
        value, dated = _inner_date(g, m, ("W_a_", "W_b_", "W_s_", "W_c_", "W_d_", "W_e_"))
        if dated and value is None:
            return None  # "Senin (31/4)": not a date, do not guess
        relative = modifier("W_mod")
        if m.group("W_pre"):
            relative = g.modifiers_before.get(_norm(m.group("W_pre")))
        word = m.group("W_wd")
        if (
            not dated
            and m.group("W_mod")
            and word in g.week_weekdays
            and _sentence_start(text, m.start("W_wd"))
        ):
            # "Minggu lalu." opening a sentence is "last week", not "last Sunday"
            phrase = _norm(f"{word} {m.group('W_mod')}")
            if phrase in g.relative:
                weekday, relative = None, g.relative[phrase]
                start, end = m.start("W_wd"), m.end("W_mod")
        elif m.group("W_n") is None and m.group("W_pre") is None:
            start = m.start("W_wd")
    elif kind == "A":
        month = _month(g, m.group("A_m"))
        year, day = _int(m.group("A_y")), int(m.group("A_d"))
        value = _iso(year, month, day)
        day2 = _int(m.group("A_d2"))
        if day2 is not None:
            if day2 <= day:
                return None  # "20-3 Maret" is no range this reader understands
            end_value = _iso(year, month, day2)
            if end_value is None:
                return None
        if not (m.group("A_from") and day2 is not None):
            start = m.start("A_core")
        relative = modifier("A_mod")
    elif kind == "B":
        month = _month(g, m.group("B_m"))
        year, day = _int(m.group("B_y")), int(m.group("B_d"))
        value = _iso(year, month, day)
        day2 = _int(m.group("B_d2"))
        if day2 is not None:
            if day2 <= day:
                return None
            end_value = _iso(year, month, day2)
        relative = modifier("B_mod")
    elif kind == "C":
        value = _iso(int(m.group("C_y")), _month(g, m.group("C_m")), None)
    elif kind == "M":
        if not (m.group("M_cue") or m.group("M_pre") or m.group("M_n") or m.group("M_mod")):
            return None  # a bare month name is no date ("You May Also Like")
        value = _iso(None, _month(g, m.group("M_m")), None)
        relative = modifier("M_mod")
        if m.group("M_pre"):
            relative = g.modifiers_before.get(_norm(m.group("M_pre")))
            start = m.start("M_pre")
        elif m.group("M_n"):
            start = m.start("M_n")
        else:
            start = m.start("M_m")
    elif kind == "S":
        value = _iso(_int(m.group("S_y")), int(m.group("S_m")), int(m.group("S_d")))
    elif kind == "Y":
        if not (m.group("Y_cue") or m.group("Y_n")):
            return None  # a bare number is no year
        value = m.group("Y_y")
        start = m.start("Y_n") if m.group("Y_n") else m.start("Y_y")
    elif kind == "N":
        if m.group("N_nu"):
            count, unit = g.numbered_units[_norm(m.group("N_nu"))]
        else:
            raw = m.group("N_n")
            count_or_none = int(raw) if raw.isdigit() else g.numbers.get(_norm(raw))
            if count_or_none is None:
                return None  # "beberapa tahun lalu": some years ago, no count
            count, unit = count_or_none, g.ago_units[_norm(m.group("N_u"))]
        relative = f"{count}_{unit}{'s' if count != 1 else ''}_ago"
    elif kind == "R":
        if _preceded_by_number(g, text, start):
            return None  # "sepuluh tahun ini" is "these ten years", "dua tahun lalu" counted
        relative = g.relative[_norm(m.group("R"))]
    else:  # pragma: no cover - every alternative is named
        return None
    if value is None and weekday is None and relative is None:
        return None
    return DateMention(start, end, text[start:end], value, weekday, relative, end_value)


def _has_day(value: str | None) -> bool:
    """True for "--03-20" and "2023-03-20", the values that name a day."""
    if value is None:
        return False
    return (len(value), value.count("-")) in ((7, 3), (10, 2))


def _split(value: str) -> tuple[int | None, int, int]:
    if value.startswith("--"):
        return None, int(value[2:4]), int(value[5:7])
    return int(value[:4]), int(value[5:7]), int(value[8:10])


def _merge_ranges(g: _Grammar, text: str, found: list[DateMention]) -> list[DateMention]:
    """Join "30 Maret - 2 April 2023" and "20 Maret sampai 23 Maret" into one range mention."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found):
            second = found[i + 1]
            if (
                first.end_value is None
                and second.end_value is None
                and _has_day(first.value)
                and _has_day(second.value)
                and g.range_gap.fullmatch(text, first.end, second.start)
            ):
                y1, m1, d1 = _split(first.value)  # type: ignore[arg-type]
                y2, m2, d2 = _split(second.value)  # type: ignore[arg-type]
                if y1 is None and y2 is not None:
                    y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
                start_iso = _iso(y1, m1, d1)
                if start_iso is not None and (y1 is None) == (y2 is None):
                    out.append(
                        DateMention(
                            first.start,
                            second.end,
                            text[first.start : second.end],
                            start_iso,
                            first.weekday,
                            first.relative or second.relative,
                            second.value,
                        )
                    )
                    i += 2
                    continue
        out.append(first)
        i += 1
    return out


def find_dates(text: str, language: str) -> list[DateMention]:
    """Date expressions in ``text``, non-overlapping and in text order.

    ``language`` is "id" or "en" (a key of ``ontology/dates.yaml``); month and weekday names of
    both languages are read in either. Values are what the words alone support; use
    :func:`resolve` to complete them from the article.

    >>> [m.value for m in find_dates("Kunjungan dari tanggal 20 sampai 23 Maret 2023.", "id")]
    ['2023-03-20']
    >>> find_dates("Rapat Kamis (28/5/2020) berjalan lancar.", "id")[0].value
    '2020-05-28'
    >>> find_dates("The score was 3/9 and the sale 20% off.", "en")
    []
    """
    g = _grammar(language)
    found: list[DateMention] = []
    done = 0
    for anchor in g.anchor.finditer(text):
        if anchor.start() < done:
            continue  # inside the last expression found
        match = g.pattern.match(text, anchor.start())
        if match is None:
            continue
        done = match.end()
        mention = _mention(g, text, match)
        if mention is not None:
            found.append(mention)
    return _merge_ranges(g, text, found) if len(found) > 1 else found


# ---------------------------------------------------------------------------------------------
# Resolving

_AGO = re.compile(r"(\d+)_(day|week|month|year)s?_ago")


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError as exc:
        raise ConfigError(
            f"publication date {published!r} is not an ISO date",
            hint="pass published as YYYY-MM-DD or None",
        ) from exc


def _month_shift(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _relative_value(key: str, pub: date) -> str | None:
    simple = {
        "today": 0,
        "yesterday": -1,
        "day_before_yesterday": -2,
        "tomorrow": 1,
        "day_after_tomorrow": 2,
    }
    if key in simple:
        return (pub + timedelta(days=simple[key])).isoformat()
    if key in ("last_month", "this_month", "next_month"):
        return _month_shift(pub, {"last_month": -1, "this_month": 0, "next_month": 1}[key])
    if key in ("last_year", "this_year", "next_year"):
        return str(pub.year + {"last_year": -1, "this_year": 0, "next_year": 1}[key])
    ago = _AGO.fullmatch(key)
    if ago:
        count, unit = int(ago.group(1)), ago.group(2)
        if unit == "day":
            return (pub - timedelta(days=count)).isoformat()
        if unit == "month":
            return _month_shift(pub, -count)
        if unit == "year":
            return str(pub.year - count)
    return None  # weeks name no day: "pekan lalu" stays unresolved


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _context_year(mention: DateMention, context: Sequence[DateMention]) -> int | None:
    """A year for a month-day from another dated mention of the same article, weekday-guarded.

    The same month-day dated elsewhere lends its year. With a weekday named, a date the article
    states within :data:`_CONTEXT_DAYS` of the day (nearest first; the year before or after
    counts across New Year) lends its year only when the weekday falls on the day in that year:
    a context year whose weekday disagrees lends nothing, and a far-away date ("since 15 August
    1945") is no evidence for the year of a meeting.
    """
    assert mention.value is not None
    _, month, day = _split(mention.value)
    ranked: list[tuple[int, int]] = []  # (distance in days, year)
    for other in context:
        if (other.start, other.end) == (mention.start, mention.end):
            continue
        for value in (other.value, other.end_value):
            if not value or value.startswith("--") or len(value) < 7:
                continue  # partial, or a year alone: too weak to date a day
            day_of = int(value[8:10]) if len(value) == 10 else 15  # a month: its middle
            anchor = _valid(int(value[:4]), int(value[5:7]), day_of)
            if anchor is None:
                continue
            for year in (anchor.year, anchor.year - 1, anchor.year + 1):
                when = _valid(year, month, day)
                if when is None:
                    continue
                distance = abs((when - anchor).days)
                if distance == 0 and len(value) == 10:
                    ranked.append((0, year))  # the same day, dated
                elif mention.weekday is not None and distance <= _CONTEXT_DAYS:
                    ranked.append((distance + 1, year))
    for _, year in sorted(ranked):
        when = _valid(year, month, day)
        assert when is not None
        if mention.weekday is None or WEEKDAYS[when.weekday()] == mention.weekday:
            return year
    return None


def _month_day_year(
    month: int, day: int, weekday: str | None, relative: str | None, pub: date, future: bool
) -> int | None:
    """The year of a month-day reported in an article published on ``pub``."""
    if relative in ("last_year", "this_year", "next_year"):
        year = pub.year + {"last_year": -1, "this_year": 0, "next_year": 1}[relative]
        return year if _valid(year, month, day) else None
    forward = future or relative == "next"
    if weekday is not None:
        years = (pub.year, pub.year + 1) if forward else (pub.year, pub.year - 1)
        for year in years:
            when = _valid(year, month, day)
            if when is not None and WEEKDAYS[when.weekday()] == weekday:
                return year
        return None  # the weekday fits neither year: leave the date partial
    year = pub.year
    when = _valid(year, month, day)
    if forward:
        if when is None or when < pub - timedelta(days=_GRACE_DAYS):
            year += 1
    elif relative == "last":
        if when is None or when > pub:
            year -= 1
    elif when is None or when > pub + timedelta(days=_GRACE_DAYS):
        year -= 1
    return year if _valid(year, month, day) else None


def _month_year(month: int, relative: str | None, pub: date, future: bool) -> int:
    if relative in ("last_year", "this_year", "next_year"):
        return pub.year + {"last_year": -1, "this_year": 0, "next_year": 1}[relative]
    if relative == "this":
        return pub.year
    if relative == "last":
        return pub.year if month < pub.month else pub.year - 1
    if relative == "next" or future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _weekday_date(weekday: str, relative: str | None, pub: date, future: bool) -> date:
    target = WEEKDAYS.index(weekday)
    if relative == "next" or (future and relative != "last"):
        ahead = (target - pub.weekday()) % 7
        return pub + timedelta(days=ahead or (7 if relative == "next" else 0))
    back = (pub.weekday() - target) % 7
    return pub - timedelta(days=back or (7 if relative == "last" else 0))


def _resolve_value(
    mention: DateMention, pub: date | None, context: Sequence[DateMention], future: bool
) -> str | None:
    value, weekday, relative = mention.value, mention.weekday, mention.relative
    if value is None:
        if weekday is not None:
            return _weekday_date(weekday, relative, pub, future).isoformat() if pub else None
        return _relative_value(relative, pub) if relative and pub else None
    if not value.startswith("--"):
        return value  # the text gives the year
    if len(value) == 7:  # --MM-DD
        _, month, day = _split(value)
        year = _context_year(mention, context)
        if year is None and pub is not None:
            year = _month_day_year(month, day, weekday, relative, pub, future)
        return value if year is None else f"{year:04d}-{month:02d}-{day:02d}"
    month = int(value[2:4])  # --MM
    if pub is None:
        return value
    return f"{_month_year(month, relative, pub, future):04d}-{month:02d}"


def _resolve_end(start: str | None, end_value: str | None) -> str | None:
    if end_value is None or not end_value.startswith("--"):
        return end_value
    if start is None or start.startswith("--"):
        return end_value
    year, month = int(start[:4]), int(start[5:7])
    end_month = int(end_value[2:4])
    return f"{year + (1 if end_month < month else 0):04d}{end_value[1:]}"


def resolve(
    mention: DateMention,
    *,
    published: str | None,
    context: Sequence[DateMention] = (),
    future: bool = False,
) -> DateValue | None:
    """The mention's date, completed from the article where the article supports it.

    ``published`` is the publication date (YYYY-MM-DD) or None; ``context`` all date mentions of
    the article (the mention itself may be among them); ``future`` is True for planned events, so
    that a bare weekday or month-day is read forward from the publication date. Returns None when
    nothing is known (a relative word without a publication date, "last week").

    >>> found = find_dates("Selasa (21 Maret) mereka berunding; KTT pada 20 Maret 2023.", "id")
    >>> resolve(found[0], published=None, context=found).value
    '2023-03-21'
    >>> resolve(find_dates("kemarin", "id")[0], published="2023-03-21").value
    '2023-03-20'
    >>> resolve(find_dates("kemarin", "id")[0], published=None) is None
    True
    """
    pub = _parse_published(published)
    value = _resolve_value(mention, pub, context, future)
    if value is None and mention.weekday is None:
        return None
    return DateValue(value, mention.weekday, Span(mention.start, mention.end))


def resolve_range(
    mention: DateMention,
    *,
    published: str | None,
    context: Sequence[DateMention] = (),
    future: bool = False,
) -> tuple[DateValue | None, DateValue | None]:
    """Start and end of a range mention (end None for a single date), resolved as :func:`resolve`.

    The end takes the start's year when the text gives it only once.

    >>> m = find_dates("dari tanggal 20 sampai 23 Maret", "id")[0]
    >>> [d.value for d in resolve_range(m, published="2023-03-24")]
    ['2023-03-20', '2023-03-23']
    """
    start = resolve(mention, published=published, context=context, future=future)
    if mention.end_value is None:
        return start, None
    end = _resolve_end(start.value if start else None, mention.end_value)
    return start, DateValue(end, None, Span(mention.start, mention.end))
