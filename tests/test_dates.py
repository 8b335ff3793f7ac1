"""diplokg.dates: finding date expressions and completing them without inventing a year.

Every sentence here is written for the test (other events, other countries than the seeds).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplokg.dates import DateMention, _grammar, find_dates, resolve, resolve_range
from diplokg.records import DateValue, Span

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def one(text: str, language: str) -> DateMention:
    found = find_dates(text, language)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start : mention.end] == mention.text
    return mention


def triple(m: DateMention) -> tuple[str, str | None, str | None]:
    return (m.text, m.value, m.weekday)


# --- finding: Indonesian ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perjanjian itu diteken pada 14 Februari 2019 di Hanoi.", ("14 Februari 2019", "2019-02-14", None)),
        ("Forum itu dibuka 25 Juli di Vientiane.", ("25 Juli", "--07-25", None)),
        ("Delegasi tiba pada tanggal 12 November di Lima.", ("tanggal 12 November", "--11-12", None)),
        ("Menlu Peru tiba Senin (20/3) di Jakarta.", ("Senin (20/3)", "--03-20", "Monday")),
        ("Ia mendarat Senin sore (20 Maret) di Hanoi.", ("Senin sore (20 Maret)", "--03-20", "Monday")),
        ("Rombongan tiba di Dili (3/9).", ("(3/9)", "--09-03", None)),
        ("Nota itu diteken di Suva (4/9/2017).", ("(4/9/2017)", "2017-09-04", None)),
        ("Kedua menteri bertemu Kamis (28/5/2020) di Manila.", ("Kamis (28/5/2020)", "2020-05-28", "Thursday")),
        ("Ia tiba Minggu tengah malam, (3/9), di Yangon.", ("Minggu tengah malam, (3/9)", "--09-03", "Sunday")),
        ("Pertemuan digelar Selasa (20/10) sore di Bogor.", ("Selasa (20/10) sore", "--10-20", "Tuesday")),
        ("Keduanya bertemu pada hari Senin di Astana.", ("hari Senin", None, "Monday")),
        ("Kesepakatan dicapai pada bulan Mei oleh Chile dan Peru.", ("bulan Mei", "--05", None)),
        ("Pemilu akan digelar pada tahun 2024 di Ghana.", ("tahun 2024", "2024", None)),
        ("Pemilu akan digelar pada 2024 di Ghana.", ("2024", "2024", None)),
        ("Kunjungan itu berlangsung Maret 2023.", ("Maret 2023", "2023-03", None)),
        ("KTT dibuka Selasa 10 Maret 2020 di Bogor.", ("Selasa 10 Maret 2020", "2020-03-10", "Tuesday")),
    ],
)
def test_find_indonesian_forms(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert triple(one(text, "id")) == expected


def test_weekday_with_lalu_is_weekday_only_and_marked_last() -> None:
    m = one("Menlu Kenya berkunjung Senin lalu.", "id")
    assert (m.text, m.value, m.weekday, m.relative) == ("Senin lalu", None, "Monday", "last")


@pytest.mark.parametrize(
    "text",
    [
        "Tim tuan rumah menang dengan skor 3/9 di babak kedua.",
        "RUU disetujui 2/3 anggota parlemen.",
        "Sebanyak 2024 orang hadir di Accra.",  # a count, not a year: no year cue
        "Pada 1850 orang berkumpul.",  # out of the plausible year range
        "Rapat (31/4) ditunda.",  # 31 April is no date
        "Indeks naik 20% sejak itu.",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "id") == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Duta besar itu tiba kemarin.", "yesterday"),
        ("Sidang dibuka hari ini.", "today"),
        ("Ia bertolak besok.", "tomorrow"),
        ("Mereka berunding kemarin lusa.", "day_before_yesterday"),
        ("Sidang berlanjut lusa.", "day_after_tomorrow"),
        ("Pertemuan digelar pekan lalu.", "last_week"),
        ("Perjanjian diteken bulan lalu.", "last_month"),
        ("Pemilu digelar tahun lalu.", "last_year"),
        ("KTT digelar tahun depan.", "next_year"),
        ("Forum itu berusia tepat tahun ini.", "this_year"),
        ("Ia berkunjung dua tahun lalu.", "2_years_ago"),
        ("Ia terpilih setahun lalu.", "1_year_ago"),
    ],
)
def test_indonesian_relative_words(text: str, key: str) -> None:
    m = one(text, "id")
    assert (m.value, m.weekday, m.relative) == (None, None, key)


def test_counted_years_are_not_this_year() -> None:
    # "selama sepuluh tahun ini" is "during these ten years", not the current year
    assert find_dates("Kerja sama tumbuh selama sepuluh tahun ini.", "id") == []
    assert find_dates("Kerja sama tumbuh selama 10 tahun ini.", "id") == []


def test_minggu_opening_a_sentence_is_a_week_and_mid_sentence_a_sunday() -> None:
    opening = one("Minggu lalu, kedua menteri bertemu.", "id")
    assert (opening.text, opening.weekday, opening.relative) == ("Minggu lalu", None, "last_week")
    middle = one("Kedua menteri bertemu Minggu lalu di Doha.", "id")
    assert (middle.text, middle.weekday, middle.relative) == ("Minggu lalu", "Sunday", "last")
    lower = one("Kedua menteri bertemu minggu lalu di Doha.", "id")
    assert (lower.weekday, lower.relative) == (None, "last_week")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kunjungan itu dari tanggal 20 sampai 23 Maret.", ("dari tanggal 20 sampai 23 Maret", "--03-20", "--03-23")),
        ("Pameran berlangsung 20-23 Maret 2023 di Seoul.", ("20-23 Maret 2023", "2023-03-20", "2023-03-23")),
        ("KTT digelar 22–28 Oktober 2025.", ("22–28 Oktober 2025", "2025-10-22", "2025-10-28")),
        ("Misi itu 30 Maret - 2 April 2023.", ("30 Maret - 2 April 2023", "2023-03-30", "2023-04-02")),
        ("Sidang 28 Desember sampai 3 Januari 2024.", ("28 Desember sampai 3 Januari 2024", "2023-12-28", "2024-01-03")),
    ],
)
def test_indonesian_ranges(text: str, expected: tuple[str, str, str]) -> None:
    m = one(text, "id")
    assert (m.text, m.value, m.end_value) == expected


def test_month_modifiers() -> None:
    found = find_dates("Ia terpilih Oktober lalu dan dilantik Januari mendatang; rapat Juli tahun lalu gagal.", "id")
    assert [(m.text, m.value, m.relative) for m in found] == [
        ("Oktober lalu", "--10", "last"),
        ("Januari mendatang", "--01", "next"),
        ("Juli tahun lalu", "--07", "last_year"),
    ]


# --- finding: English ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The accord was signed on July 8, 2022 in Nairobi.", ("July 8, 2022", "2022-07-08", None)),
        ("The accord was signed on 8 July 2022 in Nairobi.", ("8 July 2022", "2022-07-08", None)),
        ("Talks resumed on Friday in Geneva.", ("Friday", None, "Friday")),
        ("During 10th May the envoys met.", ("10th May", "--05-10", None)),
        ("The envoys met on May 10 in Oslo.", ("May 10", "--05-10", None)),
        ("The ministers spoke on Tuesday (local time).", ("Tuesday (local time)", None, "Tuesday")),
        ("She arrived Thursday, March 9, 2023, in Lagos.", ("Thursday, March 9, 2023", "2023-03-09", "Thursday")),
        ("The bloc was founded in 1967 in Bangkok.", ("1967", "1967", None)),
        ("The vote is due in March in Quito.", ("March", "--03", None)),
        ("Sessions ran March 20-23 in Vienna.", ("March 20-23", "--03-20", None)),
        ("He met the king on the 20th of Nov, 2021.", ("20th of Nov, 2021", "2021-11-20", None)),
    ],
)
def test_find_english_forms(text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert triple(one(text, "en")) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The envoy landed yesterday.", "yesterday"),
        ("Today, the leaders sign the pact.", "today"),
        ("He was sworn in last month.", "last_month"),
        ("Elections were held last year.", "last_year"),
        ("Talks continue next week.", "next_week"),
        ("The forum turns fifty this year.", "this_year"),
        ("They met three days ago.", "3_days_ago"),
    ],
)
def test_english_relative_words(text: str, key: str) -> None:
    assert one(text, "en").relative == key


@pytest.mark.parametrize(
    "text",
    [
        "You May Also Like",
        "Protesters may march on the embassy.",
        "The parties may 10 times reconsider.",  # lower-case "may" is a verb
        "About 2000 cases were reported.",
    ],
)
def test_english_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "en") == []


def test_english_date_inside_indonesian_text() -> None:
    # an embedded post keeps its English date
    assert triple(one("Cuitan @Kemlu_RI May 27, 2020 menyebutkannya.", "id")) == ("May 27, 2020", "2020-05-27", None)


# --- resolving -------------------------------------------------------------------------------


def resolved(text: str, language: str, *, published: str | None = None, index: int = 0, future: bool = False) -> DateValue | None:
    found = find_dates(text, language)
    return resolve(found[index], published=published, context=found, future=future)


def test_full_date_stays_as_it_is() -> None:
    value = resolved("Traktat diteken 5 Mei 2021 di Lima.", "id", published="2024-01-01")
    assert value == DateValue("2021-05-05", None, Span(16, 26))


def test_no_year_is_invented_without_publication_date() -> None:
    assert resolved("Forum dibuka 25 Juli di Vientiane.", "id").value == "--07-25"
    weekday = resolved("Keduanya bertemu pada hari Senin.", "id")
    assert (weekday.value, weekday.weekday) == (None, "Monday")
    assert resolved("Kesepakatan dicapai pada bulan Mei.", "id").value == "--05"
    assert resolved("The envoys met on Friday.", "en").value is None


def test_relative_without_publication_date_resolves_to_nothing() -> None:
    m = one("Ia tiba kemarin.", "id")
    assert m.relative == "yesterday"
    assert resolve(m, published=None) is None


def test_context_date_lends_its_year_when_the_weekday_agrees() -> None:
    text = "PM Nepal tiba Senin sore (20 Maret). Kunjungan pada 20 Maret 2023 itu yang pertama."
    assert resolved(text, "id").value == "2023-03-20"  # 2023-03-20 is a Monday


def test_context_date_whose_weekday_disagrees_lends_nothing() -> None:
    # 20 March 2022 was a Sunday: the Monday in the text cannot be that day
    text = "PM Nepal tiba Senin (20 Maret). Kunjungan pada 20 Maret 2022 itu yang pertama."
    value = resolved(text, "id")
    assert (value.value, value.weekday) == ("--03-20", "Monday")


def test_year_established_in_the_same_month_dates_another_weekday() -> None:
    text = "Xi tiba 20 Maret 2023. Selasa (21 Maret), keduanya berunding di Moskwa."
    assert resolved(text, "id", index=1).value == "2023-03-21"
    wrong_year = "Xi tiba 20 Maret 2022. Selasa (21 Maret), keduanya berunding di Moskwa."
    assert resolved(wrong_year, "id", index=1).value == "--03-21"  # 2022-03-21 was a Monday


def test_month_day_without_weekday_needs_the_same_day_dated_elsewhere() -> None:
    same_day = "Rapat digelar 12 November. Pada 12 November 2024 itu Chile hadir."
    assert resolved(same_day, "id").value == "2024-11-12"
    other_day = "Rapat digelar 12 November. Pada 14 November 2024 Chile hadir."
    assert resolved(other_day, "id").value == "--11-12"


def test_slash_date_takes_year_from_a_full_slash_date_in_the_month() -> None:
    text = "Ramaphosa tiba Rabu (22/10). Forum bisnis digelar Selasa (21/10/2025)."
    assert resolved(text, "id").value == "2025-10-22"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2023-08-10", "2023-07-25"),  # after the day: same year
        ("2023-07-20", "2023-07-25"),  # a few days before: still the same year
        ("2023-03-01", "2022-07-25"),  # months before: the previous year
    ],
)
def test_month_day_takes_the_publication_year_unless_too_far_ahead(published: str, expected: str) -> None:
    assert resolved("Forum dibuka 25 Juli di Vientiane.", "id", published=published).value == expected


def test_planned_month_day_reads_forward() -> None:
    assert resolved("KTT digelar 15 Januari.", "id", published="2023-12-20", future=True).value == "2024-01-15"
    assert resolved("KTT digelar 15 Januari mendatang.", "id", published="2023-12-20").value == "2024-01-15"


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        ("Keduanya bertemu pada hari Senin.", "2023-03-22", False, "2023-03-20"),  # pub a Wednesday
        ("Keduanya bertemu pada hari Senin.", "2023-03-20", False, "2023-03-20"),  # pub that Monday
        ("Keduanya akan bertemu Senin.", "2023-03-22", True, "2023-03-27"),
        ("Keduanya bertemu Senin lalu.", "2023-03-20", False, "2023-03-13"),
        ("The ministers met on Sunday.", "2021-04-19", False, "2021-04-18"),
    ],
)
def test_weekday_only_with_publication_date(text: str, published: str, future: bool, expected: str) -> None:
    language = "en" if text.startswith("The") else "id"
    value = resolved(text, language, published=published, future=future)
    assert value.value == expected
    assert datetime.date.fromisoformat(expected).strftime("%A") == value.weekday


def test_weekday_and_day_month_pick_the_agreeing_year() -> None:
    # published early 2024: 21 March 2024 is a Thursday, 21 March 2023 a Tuesday
    assert resolved("Rapat Selasa (21/3) di Dakar.", "id", published="2024-01-05").value == "2023-03-21"
    # no year around the publication date makes 21 March a Friday: keep it partial
    assert resolved("Rapat Jumat (21/3) di Dakar.", "id", published="2024-01-05").value == "--03-21"


@pytest.mark.parametrize(
    ("text", "language", "published", "expected"),
    [
        ("Ia tiba kemarin.", "id", "2023-03-01", "2023-02-28"),
        ("Sidang dibuka hari ini.", "id", "2023-03-01", "2023-03-01"),
        ("Pemilu digelar tahun lalu.", "id", "2023-03-01", "2022"),
        ("Perjanjian diteken bulan lalu.", "id", "2023-01-15", "2022-12"),
        ("Ia berkunjung dua tahun lalu.", "id", "2023-01-15", "2021"),
        ("The envoy landed yesterday.", "en", "2017-11-11", "2017-11-10"),
        ("He was sworn in last month.", "en", "2017-11-11", "2017-10"),
        ("Ia terpilih Oktober lalu.", "id", "2016-12-29", "2016-10"),
        ("Ia dilantik Januari mendatang.", "id", "2016-12-29", "2017-01"),
        ("Rapat Juli tahun lalu gagal.", "id", "2016-12-29", "2015-07"),
    ],
)
def test_relative_expressions_against_the_publication_date(text: str, language: str, published: str, expected: str) -> None:
    assert resolved(text, language, published=published).value == expected


def test_last_week_has_no_date_value() -> None:
    assert resolved("Pertemuan digelar pekan lalu.", "id", published="2023-03-01") is None


def test_range_resolves_both_ends_with_the_stated_or_found_year() -> None:
    m = one("Kunjungan itu dari tanggal 20 sampai 23 Maret.", "id")
    start, end = resolve_range(m, published="2023-03-24")
    assert (start.value, end.value) == ("2023-03-20", "2023-03-23")
    start, end = resolve_range(m, published=None)
    assert (start.value, end.value) == ("--03-20", "--03-23")


# --- invariants ------------------------------------------------------------------------------

_PIECES = [
    "Senin (20/3)", "pada 2024", "25 Juli", "kemarin", "bulan Mei", "(4/9/2017)", "Rabu",
    "tahun lalu", "3/9", "skor", "July 8, 2022", "May", "on Friday", "20-23 Maret 2023", "lalu",
    "(", ")", ",", ".", "tanggal", "12", "2023", "Minggu", "sore", "dari", "sampai",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.sampled_from(["id", "en"]))
def test_offsets_are_exact_and_mentions_ordered(pieces: list[str], language: str) -> None:
    text = " ".join(pieces)
    found = find_dates(text, language)
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip()
    for left, right in zip(found, found[1:]):
        assert left.end <= right.start


def _plain_scan(text: str, language: str) -> list[tuple[int, int]]:
    return [m.span() for m in _grammar(language).pattern.finditer(text)]


def _anchored_scan(text: str, language: str) -> list[tuple[int, int]]:
    g = _grammar(language)
    spans, done = [], 0
    for anchor in g.anchor.finditer(text):
        if anchor.start() >= done and (m := g.pattern.match(text, anchor.start())):
            spans.append(m.span())
            done = m.end()
    return spans


@pytest.mark.parametrize("language", ["id", "en"])
def test_anchor_prefilter_loses_no_match(language: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append(" ".join(_PIECES) + " the day before yesterday, a year ago, last Friday, mid-March")
    for text in texts:
        assert _anchored_scan(text, language) == _plain_scan(text, language)


def test_context_year_crosses_new_year() -> None:
    # 25 December 2023 was a Monday; the full date is in the next January
    text = "Delegasi tiba Senin (25/12). Perundingan ditutup 2 Januari 2024."
    assert resolved(text, "id").value == "2023-12-25"


def test_far_away_date_lends_no_year_even_when_the_weekday_fits() -> None:
    # 5 June 1945 was a Tuesday, but a date two months away says nothing about this meeting
    text = "Rapat digelar Selasa (5/6). Negara itu merdeka pada 15 Agustus 1945."
    assert resolved(text, "id").value == "--06-05"


def test_unknown_language_and_bad_publication_date_raise_coded_errors() -> None:
    from diplokg.errors import ConfigError

    with pytest.raises(ConfigError, match="E400.*'fr'"):
        find_dates("le 20 mars 2023", "fr")
    m = one("Ia tiba kemarin.", "id")
    with pytest.raises(ConfigError, match="not an ISO date"):
        resolve(m, published="20/03/2023")
