"""Tests for diplokg.ingest: formats, normalisation, bad inputs, language, page furniture.

All article text here is written for the tests (never copied from real articles).
"""

from __future__ import annotations

import os
import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplokg.errors import (
    ConfigError,
    DiplokgError,
    InputError,
    QueryError,
    StoreError,
)
from diplokg.ingest import (
    DEFAULT_MAX_BYTES,
    detect_language,
    find_furniture,
    normalise_date,
    normalise_language,
    read_inputs,
    read_text,
)
from diplokg.records import Document

DATA = Path(__file__).parent / "data" / "ingest"


def marked(text: str, language: str = "id") -> list[tuple[str, str]]:
    """(furniture text, kind) pairs, checking that every region is exact."""
    out = []
    for region in find_furniture(text, language):
        piece = text[region.start : region.end]
        assert piece and piece == piece.strip(), f"inexact region {piece!r}"
        out.append((piece, region.kind))
    return out


def split(items):
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


# --- errors ----------------------------------------------------------------------------------


def test_input_error_is_a_record_and_an_exception():
    err = InputError("a.jsonl", "not valid JSON", line=4, kind="jsonl", hint="fix it")
    assert (err.path, err.line, err.reason, err.kind, err.code) == (
        "a.jsonl", 4, "not valid JSON", "jsonl", "E107",
    )
    assert str(err) == "[E107] a.jsonl:4: not valid JSON Fix: fix it"
    assert isinstance(err, DiplokgError)
    with pytest.raises(InputError) as info:
        raise err
    assert info.value.where == "a.jsonl:4"


def test_input_error_survives_pickling():
    err = InputError("b.txt", "empty input (no text)", kind="empty", doc_id="b")
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), back.path, back.kind, back.code, back.doc_id, str(back)) == (
        InputError, "b.txt", "empty", "E102", "b", str(err),
    )


def test_other_errors_have_distinct_codes():
    codes = {cls("x").code for cls in (StoreError, QueryError, ConfigError)}
    assert codes == {"E200", "E300", "E400"}
    assert str(ConfigError("bad", hint="do y")) == "[E400] bad Fix: do y"


# --- text normalisation and titles -----------------------------------------------------------


def test_read_text_normalises_bom_crlf_and_nfc():
    doc = read_text("\ufeffCafe\u0301 di Jakarta\r\n\r\nMenteri itu tiba di kafe.\r", doc_id="x")
    assert doc.text == "Café di Jakarta\n\nMenteri itu tiba di kafe.\n"
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.title == "Café di Jakarta"
    assert doc.id == "x"


def test_title_needs_a_headline_and_a_blank_line():
    assert read_text("Judul Berita\nLangsung teks.", doc_id="a").title is None
    assert read_text("Kalimat ini berakhir dengan titik.\n\nTeks.", doc_id="b").title is None
    assert read_text("Judul Berita\n\nTeks artikel.", doc_id="c").title == "Judul Berita"
    # a first line that is furniture is not a title
    assert read_text("Photo : AGENCY News\n\nTeks artikel itu.", doc_id="d").title is None
    # an explicit title wins
    assert read_text("Judul\n\nTeks.", doc_id="e", title="Lain").title == "Lain"


def test_read_text_rejects_empty_and_unknown_language():
    with pytest.raises(InputError) as info:
        read_text(" \n\t", doc_id="e")
    assert info.value.kind == "empty"
    with pytest.raises(InputError) as info:
        read_text("Some text.", doc_id="f", language="fr")
    assert info.value.code == "E112"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2023-03-20", "2023-03-20"),
        ("2023-03-20T14:05:00+07:00", "2023-03-20"),
        ("2023-03-20T14:05:00Z", "2023-03-20"),
        ("2023-03-20 10:00:00", "2023-03-20"),
        ("2023/3/5", "2023-03-05"),
        ("2023-02-30", None),
        ("20 Maret 2023", None),
        ("", None),
        (None, None),
        (20230320, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_normalise_date_accepts_date_objects():
    import datetime

    assert normalise_date(datetime.date(2021, 7, 19)) == "2021-07-19"
    assert normalise_date(datetime.datetime(2021, 7, 19, 23, 0)) == "2021-07-19"


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Menteri Luar Negeri itu mengatakan bahwa kedua negara akan memperkuat kerja sama.", "id"),
        ("Presiden tiba di Jakarta dan bertemu dengan para menteri dari negara tetangga.", "id"),
        ("The foreign minister said that the two countries will strengthen their ties.", "en"),
        ("He met his counterpart in Hanoi on Monday and discussed trade with the delegation.", "en"),
        # an English quote inside an Indonesian article: the article language wins
        ("Retno mengatakan bahwa pertemuan itu penting dan ia menulis “thank you for the call” "
         "di akun media sosialnya pada hari Kamis dan Jumat.", "id"),
        ("", "id"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_normalise_language_aliases():
    assert [normalise_language(v) for v in ("ID", "in", "Indonesian", "en-US", "English", "de", 3)] == [
        "id", "id", "id", "en", "en", None, None,
    ]


def test_language_priority_explicit_over_field_over_detection(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": "a", "text": "Menteri itu tiba di Jakarta dan bertemu dengan presiden.", "language": "en"}\n'
        '{"id": "b", "text": "Menteri itu tiba di Jakarta dan bertemu dengan presiden."}\n',
        encoding="utf-8",
    )
    assert [d.language for d in read_inputs([path])] == ["en", "id"]
    assert [d.language for d in read_inputs([path], language="en")] == ["en", "en"]
    with pytest.raises(ConfigError):
        list(read_inputs([path], language="xx"))


# --- formats and directories -----------------------------------------------------------------


def test_corpus_directory_in_deterministic_order():
    items = list(read_inputs([DATA / "corpus"]))
    summary = [
        (i.id, i.language) if isinstance(i, Document) else (i.kind, i.line) for i in items
    ]
    assert summary == [
        ("alpha", "id"),
        ("beta-article", "en"),
        ("d1", "id"),
        ("jsonl", 2),
        ("delta-3", "en"),
        ("missing-text", 5),
        ("duplicate-id", 6),
        ("jsonl", 7),
        ("language", 8),
        ("d6", "id"),
        ("gamma", "en"),
    ]
    again = [(type(i).__name__, str(i) if isinstance(i, InputError) else i) for i in
             read_inputs([DATA / "corpus"])]
    assert again == [(type(i).__name__, str(i) if isinstance(i, InputError) else i) for i in items]


def test_txt_document():
    (doc,) = read_inputs([DATA / "corpus" / "alpha.txt"])
    assert doc.id == "alpha"
    assert doc.title == "Menlu Bertemu Mitranya di Jakarta"
    assert doc.text.startswith("Menlu Bertemu Mitranya di Jakarta\n\nMenteri Luar Negeri")
    assert doc.path == str(DATA / "corpus" / "alpha.txt")
    assert [(doc.text[f.start : f.end], f.kind) for f in doc.furniture] == [
        ("Baca juga: Presiden Tiba di Tokyo untuk Kunjungan Kenegaraan", "related-stories"),
        ("Penulis: Rina Sari", "byline"),
        ("Editor: Budi Santoso", "byline"),
        ("Komentar (3)", "comment-counter"),
    ]
    body = doc.body_text()
    assert len(body) == len(doc.text)
    assert "Tokyo" not in body and "Rina" not in body and "Komentar" not in body
    assert "pertemuan itu berlangsung selama dua jam." in body


def test_markdown_front_matter():
    (doc,) = read_inputs([DATA / "corpus" / "beta.md"])
    assert (doc.id, doc.title, doc.published, doc.url, doc.language) == (
        "beta-article",
        "Talks in Hanoi",
        "2023-03-20",
        "https://example.org/news/talks-in-hanoi",
        "en",
    )
    assert doc.text.startswith("The foreign minister met his counterpart")
    assert "---" not in doc.text
    assert doc.source_url == "https://example.org/original/talks"


def test_markdown_without_front_matter_and_with_heading(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# Kunjungan Kenegaraan\n\nPresiden tiba di Seoul pada hari Rabu.\n", encoding="utf-8")
    (doc,) = read_inputs([path])
    assert (doc.id, doc.title) == ("plain", "Kunjungan Kenegaraan")


def test_jsonl_fields_and_line_errors():
    items = list(read_inputs([DATA / "corpus" / "delta.jsonl"]))
    docs, errors = split(items)
    d1 = docs[0]
    assert (d1.id, d1.title, d1.published, d1.language, d1.path) == (
        "d1", "Presiden Terima PM", "2021-07-19", "id", f"{DATA / 'corpus' / 'delta.jsonl'}:1",
    )
    assert docs[1].id == "delta-3"  # no id: {stem}-{line}
    assert docs[1].url == "https://example.org/x"
    assert docs[2].published == "2025-09-24"  # datetime accepted
    assert docs[2].language == "id"  # "Bahasa Indonesia"
    assert [(e.line, e.code) for e in errors] == [
        (2, "E107"), (5, "E108"), (6, "E109"), (7, "E107"), (8, "E112"),
    ]
    for err in errors:
        assert err.path == str(DATA / "corpus" / "delta.jsonl")
        assert f"delta.jsonl:{err.line}:" in str(err)
    assert "duplicate id 'd1'" in str(errors[2])


def test_invalid_published_becomes_none(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "p", "text": "Teks artikel dengan tanggal.", "published": "kemarin"}\n',
                    encoding="utf-8")
    (doc,) = read_inputs([path])
    assert doc.published is None


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "same.txt").write_text("Teks pertama di sini.", encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "same.txt").write_text("Teks kedua di sini.", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert isinstance(items[0], Document) and items[0].text == "Teks pertama di sini."
    assert isinstance(items[1], InputError) and items[1].kind == "duplicate-id"
    assert items[1].path == str(tmp_path / "b" / "same.txt")


@pytest.mark.parametrize(
    "name, kind, words",
    [
        ("empty.txt", "empty", "empty"),
        ("blank.txt", "empty", "empty"),
        ("binary.txt", "binary", "binary"),
        ("latin1.txt", "encoding", "not UTF-8 (byte offset 23)"),
        ("utf16.txt", "encoding", "UTF-16"),
        ("unterminated.md", "front-matter", "not terminated"),
        ("invalid_yaml.md", "front-matter", "not valid YAML at line 3"),
        ("list_yaml.md", "front-matter", "not a mapping"),
    ],
)
def test_bad_files_are_reported_not_raised(name, kind, words):
    (item,) = read_inputs([DATA / "bad" / name])
    assert isinstance(item, InputError)
    assert item.kind == kind
    assert item.path == str(DATA / "bad" / name)
    assert words in item.reason
    assert item.hint  # says how to fix it


def test_not_utf8_hint_names_iconv():
    (item,) = read_inputs([DATA / "bad" / "latin1.txt"])
    assert "iconv -f WINDOWS-1252 -t UTF-8" in item.hint


def test_bom_and_crlf_file():
    (doc,) = read_inputs([DATA / "bad" / "bom_crlf.txt"])
    assert doc.text == "Judul Berita\n\nBaris pertama artikel ini.\nBaris kedua artikel ini.\n"
    assert doc.title == "Judul Berita"


def test_bad_directory_goes_on_after_each_bad_file():
    docs, errors = split(list(read_inputs([DATA / "bad"])))
    assert [d.id for d in docs] == ["bom_crlf"]
    assert sorted(e.kind for e in errors) == [
        "binary", "empty", "empty", "encoding", "encoding",
        "front-matter", "front-matter", "front-matter",
    ]


def test_missing_path_empty_directory_and_unsupported_file(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "only.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "x.csv").write_text("a,b\n", encoding="utf-8")
    items = list(read_inputs([tmp_path / "missing.txt", tmp_path / "empty",
                              tmp_path / "only.csv", tmp_path / "notes"]))
    assert [(type(i).__name__, i.kind) for i in items] == [
        ("InputError", "unreadable"), ("InputError", "no-inputs"),
        ("InputError", "unsupported"), ("InputError", "no-inputs"),
    ]


def test_too_large_file_and_jsonl_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Kata " * 100, encoding="utf-8")
    (err,) = read_inputs([big], max_bytes=100)
    assert (err.kind, err.code) == ("too-large", "E105")
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"id": "s", "text": "Pendek."}\n{"id": "l", "text": "' + "x" * 200 + '"}\n',
                     encoding="utf-8")
    docs, errors = split(list(read_inputs([lines], max_bytes=100)))
    assert [d.id for d in docs] == ["s"]
    assert [(e.kind, e.line) for e in errors] == [("too-large", 2)]
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root can read files without permission")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Teks rahasia.", encoding="utf-8")
    path.chmod(0)
    try:
        (err,) = read_inputs([path])
        assert err.kind == "unreadable"
    finally:
        path.chmod(0o644)


def test_hidden_files_are_skipped(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("Tersembunyi.", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Teks yang terlihat.", encoding="utf-8")
    assert [d.id for d in read_inputs([tmp_path])] == ["ok"]


# --- furniture -------------------------------------------------------------------------------


def test_comment_counters():
    text = "Kedua menteri bertemu di ibu kota.\nKomentar (0)\n\nKomentar\n\n12 Comments"
    assert marked(text) == [
        ("Komentar (0)", "comment-counter"),
        ("Komentar", "comment-counter"),
        ("12 Comments", "comment-counter"),
    ]


def test_related_block_takes_the_headlines_after_the_header():
    text = (
        "Pertemuan itu berlangsung tertutup.\n"
        "More Stories\n"
        "Harga Beras Naik di Tiga Provinsi – Laporan – Kantor Berita\n"
        "Lima kota dengan kopi terbaik di Asia\n"
        "Tim Nasional Menang Tipis di Laga Terakhir"
    )
    (region,) = find_furniture(text, "id")
    assert region.kind == "related-stories"
    assert text[region.start : region.end] == text[text.index("More Stories") :]


def test_related_header_followed_by_body_marks_only_the_header():
    text = (
        "Menlu menyambut baik rencana itu.\n\nBERITA REKOMENDASI\n\n"
        "Ini merupakan kunjungan pertama menteri itu dalam sepuluh tahun.\n"
    )
    assert marked(text) == [("BERITA REKOMENDASI", "related-stories")]


def test_related_stories_at_page_end_with_lists_and_blank_lines():
    text = (
        "Kedua negara sepakat memperluas kerja sama.\n"
        "Berita Terkait\n"
        "Terpopuler\n"
        "- Resep Sambal Pedas yang Mudah Dibuat di Rumah\n"
        "- Lima Tips Liburan Hemat ke Pulau Dewata!\n"
        "\n"
        "Komentar\n"
        "\n"
        "Yang lain"
    )
    assert marked(text) == [
        ("Berita Terkait\nTerpopuler\n- Resep Sambal Pedas yang Mudah Dibuat di Rumah\n"
         "- Lima Tips Liburan Hemat ke Pulau Dewata!", "related-stories"),
        ("Komentar", "comment-counter"),
        ("Yang lain", "related-stories"),
    ]


def test_inline_read_also_lines_and_brackets():
    text = (
        "Menteri itu tiba di Canberra pada Selasa.\n"
        "Baca Juga: Gempa Kecil Guncang Pesisir Selatan\n"
        "Ia disambut oleh duta besar. (Baca juga: Harga Emas Turun Lagi)\n"
        "READ MORE: Storm hits the northern coast\n"
        "Pertemuan berlangsung dua jam."
    )
    assert marked(text) == [
        ("Baca Juga: Gempa Kecil Guncang Pesisir Selatan", "related-stories"),
        ("(Baca juga: Harga Emas Turun Lagi)", "related-stories"),
        ("READ MORE: Storm hits the northern coast", "related-stories"),
    ]


def test_you_may_also_like_at_end():
    text = "The two sides signed an agreement.\n\nYou May Also Like\n"
    assert marked(text, "en") == [("You May Also Like", "related-stories")]


def test_bylines():
    text = (
        "Laporan Wartawan Kompas, Dewi Lestari\n\n"
        "Presiden menerima tamu negara.\n\n"
        "Penulis: Dewi Lestari\nEditor: Agus Salim\n"
        "Redaktur & Reporter : Joko Susilo\nPewarta: Putri Ayu\n"
        "By Jane Doe\n(abc/xyz)"
    )
    assert [k for _, k in marked(text)] == ["byline"] * 7
    assert marked(text)[0] == ("Laporan Wartawan Kompas, Dewi Lestari", "byline")


def test_agency_sign_off_line():
    text = "Presiden tiba di Jakarta.\nContoh News Agency (CNA)\nKantor Berita Nusantara (KBN)"
    assert marked(text) == [
        ("Contoh News Agency (CNA)", "byline"), ("Kantor Berita Nusantara (KBN)", "byline"),
    ]
    # a sentence that names an agency is content
    assert marked("Kantor berita Contoh (KBC) melaporkan bahwa menteri itu tiba.") == []


def test_oleh_karena_itu_is_not_a_byline():
    text = "Oleh karena itu, kedua negara sepakat bekerja sama\nOleh sebab itu mereka bertemu lagi"
    assert marked(text) == []


def test_editor_initials_after_a_paragraph():
    text = "Presiden akan menjamu tamunya di istana. (ABC/de)"
    assert marked(text) == [("(ABC/de)", "byline")]


def test_photo_credit_keeps_the_caption():
    text = (
        "Presiden A dan Presiden B di istana pada 20 Maret 2023 (Foto: Jan Novak/Agency/AP)\n"
        "Kedua menteri berjabat tangan di Hanoi. (Sumber: AFP) |\n"
        "Menlu Dewi Lestari. Foto: dok/Portal.com\n"
        "Presiden tiba di bandara, Kamis (23/10/2025). ANTARA/HO-Biro Pers.\n"
        "Photo : AGENCY News\n"
        "Dokumentasi Kementerian Luar Negeri\n"
        "(REUTERS/Jane Roe) Para pemimpin berfoto bersama."
    )
    assert marked(text) == [
        ("(Foto: Jan Novak/Agency/AP)", "photo-credit"),
        ("(Sumber: AFP)", "photo-credit"),
        ("Foto: dok/Portal.com", "photo-credit"),
        ("ANTARA/HO-Biro Pers.", "photo-credit"),
        ("Photo : AGENCY News", "photo-credit"),
        ("Dokumentasi Kementerian Luar Negeri", "photo-credit"),
        ("(REUTERS/Jane Roe)", "photo-credit"),
    ]
    body = read_text(text, doc_id="cap").body_text()
    assert "di istana pada 20 Maret 2023" in body  # the caption is content


def test_a_caption_after_foto_is_not_a_credit():
    text = "Foto: menteri itu sedang berbicara dengan wartawan di halaman kantor"
    assert marked(text) == []


def test_source_line_sets_source_url_but_bracketed_source_is_a_credit():
    text = (
        "Kedua negara sepakat bekerja sama. (Sumber: AFP)\n\n"
        "Sumber: https://news.example.com/world/article-123.html\n"
    )
    assert marked(text) == [
        ("(Sumber: AFP)", "photo-credit"),
        ("Sumber: https://news.example.com/world/article-123.html", "source-line"),
    ]
    doc = read_text(text, doc_id="s")
    assert doc.source_url == "https://news.example.com/world/article-123.html"
    assert read_text("Teks. (Sumber: AFP)", doc_id="t").source_url is None


def test_source_line_without_url():
    text = "The meeting ended.\n\nSource: Press Office of the Ministry of Foreign Affairs"
    assert marked(text, "en") == [
        ("Source: Press Office of the Ministry of Foreign Affairs", "source-line")
    ]
    assert read_text(text, doc_id="u").source_url is None


def test_video_timestamp_and_repeated_title():
    text = (
        "Kedua pihak sepakat.\n"
        "04:15\n"
        "Presiden Sambut ‘Sahabat Lama’ di Ibu Kota\n"
        "Presiden Sambut ‘Sahabat Lama’ di Ibu Kota\n"
        "Menurut kementerian, kerja sama energi akan diperluas."
    )
    (region,) = find_furniture(text, "id")
    assert region.kind == "video"
    assert text[region.start : region.end] == (
        "04:15\nPresiden Sambut ‘Sahabat Lama’ di Ibu Kota\nPresiden Sambut ‘Sahabat Lama’ di Ibu Kota"
    )


def test_lone_timestamp_before_a_body_sentence():
    text = "1:02:33\nMenteri itu mengatakan bahwa kerja sama akan diperluas tahun depan."
    assert marked(text) == [("1:02:33", "video")]


def test_advertisement_and_promo_lines():
    text = (
        "Guterres ingin bertemu segera.\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\n"
        "Ia akan berkantor di New York.\n"
        "Silakan baca konten menarik lainnya dari Portal.com di Google News\n"
        "Simak breaking news dan berita pilihan kami langsung di ponselmu.\n"
        "Story continues below advertisement"
    )
    assert [k for _, k in marked(text)] == [
        "advertisement", "advertisement", "promo", "promo", "advertisement",
    ]


def test_social_embeds():
    text = (
        "Menlu menulis di akun resminya.\n"
        "Great talks with my friend today. pic.twitter.com/AbC123xyz— A Minister (@minister_a) May 27, 2020\n"
        "— Dr. B. Someone (@bsomeone) July 8, 2022\n"
        "See https://t.co/Zz9yy for more"
    )
    assert marked(text) == [
        ("pic.twitter.com/AbC123xyz", "social-embed"),
        ("— A Minister (@minister_a) May 27, 2020", "social-embed"),
        ("— Dr. B. Someone (@bsomeone) July 8, 2022", "social-embed"),
        ("https://t.co/Zz9yy", "social-embed"),
    ]


def test_author_blurb_at_the_end_only():
    blurb = "“Penulis. Penggemar kopi. Pecinta kucing. Pembaca setia.”"
    text = f"Kedua pihak bertukar pandangan.\n{blurb}\nMore Stories\nJudul Lain di Sini"
    assert marked(text)[0] == (blurb, "author-blurb")
    # the same line in the middle of the body is left alone
    middle = f"Kedua pihak bertukar pandangan.\n{blurb}\nMenteri itu lalu kembali ke Jakarta."
    assert marked(middle) == []


def test_quoted_speech_is_not_a_blurb():
    text = "Menteri itu berbicara.\n“Kita harus bekerja sama untuk perdamaian dunia yang adil dan makmur.”"
    assert marked(text) == []


def test_repeated_title_and_image_alt_text():
    text = (
        "Menlu Bertemu Mitra\n\nMenlu Bertemu Mitra\n"
        "Menlu Bertemu Mitra - image 1Menteri A dan Menteri B di Hanoi.\n"
        "Teks artikel."
    )
    assert marked(text) == [
        ("Menlu Bertemu Mitra", "repeated-title"),
        ("Menlu Bertemu Mitra - image 1", "image-widget"),
    ]
    assert read_text(text, doc_id="r").title == "Menlu Bertemu Mitra"


def test_page_meta_and_zoom_widget():
    text = (
        "Oleh Humas     Dipublikasikan pada 20 Oktober 2020\nKategori: Berita\nDibaca: 851 Kali\n"
        "zoom-in Judul Berita Ini\n\nPresiden menerima tamu."
    )
    assert [k for _, k in marked(text)] == ["byline", "page-meta", "page-meta", "image-widget"]


def test_ordinary_body_is_never_marked():
    text = (
        "JAKARTA - Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Jepang di "
        "Jakarta, Senin (19/4/2021).\n"
        "“Kunjungan ini merupakan simbol komitmen yang kuat,” kata Presiden.\n"
        "Sumber di kementerian mengatakan pertemuan itu berlangsung dua jam.\n"
        "Baca selengkapnya laporan tahunan kementerian yang dirilis Senin.\n"
        "By the end of the talks, both sides had agreed on a joint statement.\n"
        "Komentar presiden itu disambut baik oleh para diplomat.\n"
        "Related talks will be held next month in Geneva.\n"
        "Pertemuan dimulai pukul 10:00 dan berakhir pukul 12:00.\n"
    )
    assert marked(text) == []


def test_unknown_language_is_a_config_error():
    with pytest.raises(ConfigError):
        find_furniture("Teks.", "xx")


_LINES = st.sampled_from([
    "Komentar (2)", "More Stories", "Judul Berita Lain", "Baca juga: Sesuatu Terjadi",
    "Menteri itu tiba di Jakarta.", "(Foto: A B/C)", "03:07", "", "  ", "ADVERTISEMENT",
    "Sumber: https://example.org/a", "Penulis: A B", "“Satu. Dua tiga. Empat lima.”",
    "Ia berkata, “Ya.”", "pic.twitter.com/x1 dan teks", "Caption. ANTARA/X Y.",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12), st.sampled_from(["\n", "\n\n"]))
def test_regions_are_exact_sorted_and_disjoint(lines, sep):
    text = sep.join(lines)
    regions = find_furniture(text, "id")
    previous_end = 0
    for region in regions:
        assert 0 <= previous_end <= region.start < region.end <= len(text)
        piece = text[region.start : region.end]
        assert piece == piece.strip()
        previous_end = region.end
    if text.strip():
        doc = read_text(text, doc_id="h")
        assert len(doc.body_text()) == len(doc.text)
        assert doc.body_text().count("\n") == doc.text.count("\n")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_find_furniture_never_fails_on_any_text(text):
    for region in find_furniture(text, "en"):
        assert text[region.start : region.end].strip() == text[region.start : region.end]


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("Jakarta, Portal Berita -- Menteri itu tiba di Jakarta.", "Portal Berita"),
        ("PORTALNEWS.COM, JAKARTA - Menteri itu tiba di Jakarta.", "PORTALNEWS.COM"),
        ("SEOUL, Kabar.id - Duta besar baru tiba di Seoul.", "Kabar.id"),
        ("Warta.co.id – Presiden tiba di Jakarta, Rabu.", "Warta.co.id"),
        ("Jakarta, KBRN – Menteri itu memimpin rapat.", "KBRN"),
        ("(RADIOWORLD) - Presiden tiba di Moskow.", "(RADIOWORLD)"),
        ("Cairo (Daily News / Other Media - 3rd Jan, 2022) The minister met the envoy.",
         "(Daily News / Other Media - 3rd Jan, 2022)"),
        ("Lima, PE (Wire.News) The minister spoke with his counterpart.", "(Wire.News)"),
    ],
)
def test_dateline_outlet_is_marked_and_the_city_kept(text, outlet):
    assert marked(text) == [(outlet, "dateline")]


@pytest.mark.parametrize(
    "text",
    [
        "JAKARTA - Menteri Luar Negeri bertemu mitranya.",
        "Presiden Joko Widodo - yang baru kembali dari Tokyo - menerima tamu.",
        "Presiden (AS) Joe Biden menerima Raja Yordania.",
        "DANANG (Vietnam) • Prime Minister arrived yesterday.",
        "Menteri Luar Negeri Indonesia (Menlu RI) Retno Marsudi menerima kunjungan.",
        "New Delhi: The minister held talks on Friday.",
    ],
)
def test_no_dateline_where_no_outlet_is_named(text):
    assert marked(text) == []


def test_dateline_only_near_the_top():
    body = "\n".join(f"Kalimat isi nomor {n} ada di sini." for n in range(10))
    text = body + "\nSEOUL, Kabar.id - Duta besar baru tiba di Seoul."
    assert marked(text) == []


def test_bracketed_editor_initials():
    assert marked("Pertemuan itu berakhir pukul dua. [ab/cd]") == [("[ab/cd]", "byline")]


def test_control_characters_make_a_file_binary(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"ab" + b"\x01\x02\x03\x04" * 20)
    (err,) = read_inputs([path])
    assert (err.kind, err.code) == ("binary", "E103")


def test_invalid_cue_pattern_is_a_config_error(tmp_path):
    from diplokg.ingest import FurnitureRules, load_furniture_rules

    with pytest.raises(ConfigError) as info:
        FurnitureRules.from_dict({"lines": {"promo": ["(unclosed"]}}, source="cues.yaml")
    assert "cues.yaml" in str(info.value) and "lines.promo" in str(info.value)
    custom = tmp_path / "cues.yaml"
    custom.write_text("lines:\n  promo: ['Beli sekarang!']\n", encoding="utf-8")
    rules = load_furniture_rules(custom)
    text = "Teks artikel.\nBeli sekarang!\nKomentar (1)"
    assert [(text[f.start:f.end], f.kind) for f in find_furniture(text, "id", rules=rules)] == [
        ("Beli sekarang!", "promo")
    ]


@pytest.mark.parametrize("lines, inline", [
    # plain patterns: the union of each list is one pattern
    ({"promo": ["Beli sekarang!", r"Langganan\s+\d+\s+hari"]}, {"photo-credit": [r"\((?P<f>Foto: [^()]+)\)"]}),
    # two patterns naming the same group, and one referring back to a group: still each one's matches
    ({"promo": [r"(?P<w>Beli) sekarang!", r"(\w+)-\1 gratis"]},
     {"photo-credit": [r"\((?P<f>Foto: [^()]+)\)", r"\[(?P<f>Foto: [^\[\]]+)\]"]}),
])
def test_furniture_patterns_tried_at_once_find_what_each_finds(lines, inline):
    from diplokg.ingest import FurnitureRules

    rules = FurnitureRules.from_dict({"lines": lines, "inline": inline, "credit_words": ["foto"]})
    text = ("Menteri tiba di Lima. (Foto: Kemlu Peru)\nBeli sekarang!\nKata-kata gratis\nLangganan 30 hari\n"
            "Delegasi bertemu di Quito. [Foto: Kemlu Ekuador]\nBeli sekarang! Ini bukan promosi.")
    found = [(text[f.start:f.end], f.kind) for f in find_furniture(text, "id", rules=rules)]
    want = [("Beli sekarang!", "promo")]
    if "Langganan" in lines["promo"][-1]:
        want.append(("Langganan 30 hari", "promo"))
    else:
        want.append(("Kata-kata gratis", "promo"))
    want += [("Foto: Kemlu Peru", "photo-credit")]
    if len(inline["photo-credit"]) > 1:
        want.append(("Foto: Kemlu Ekuador", "photo-credit"))
    assert sorted(found) == sorted(want)
