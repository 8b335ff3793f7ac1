"""The synthetic corpus of the benchmarks (and of tests/test_scale.py): articles generated from
templates and the knowledge base, with realistic length and noise (page furniture, damaged
spellings, quotes, dates). The same ``seed`` gives the same file.

    from synthetic import make_corpus  # with bench/ on sys.path
    words = make_corpus(Path("corpus.jsonl"), 1000)
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from diplokg.kb import load_kb

__all__ = ["make_corpus"]

FIRST = ["Amina", "Carlos", "Hiroshi", "Olena", "Kwame", "Sofia", "Rashid", "Lena", "Tomas", "Ngozi",
         "Mehmet", "Ingrid", "Arjun", "Lucia", "Dmitri", "Fatima", "Jonas", "Mai", "Pedro", "Yasmin"]
LAST = ["Okafor", "Lindqvist", "Tanaka", "Kovalenko", "Mensah", "Ferreira", "Haddad", "Novak", "Silva",
        "Adeyemi", "Yilmaz", "Berg", "Raman", "Moreno", "Petrov", "Rahman", "Keller", "Nguyen", "Costa", "Farouk"]
ID_TEMPLATES = [
    "Pada tanggal {day} {month_id}, Menteri Luar Negeri {s1} {p1} bertemu dengan Menteri Luar Negeri {s2} {p2} di sela-sela pertemuan {forum} di {city}.",
    "{p1s} mengatakan bahwa hubungan antara {s1} dan {s2} terus menguat dan kedua negara siap memperdalam kerja sama ekonomi.",
    "“Kami ingin memperluas perdagangan dan investasi di kawasan ini secara berkelanjutan,” kata {p2s}.",
    "Presiden {s1} {p3} dijadwalkan akan melakukan kunjungan kenegaraan ke {s2} pada bulan depan.",
    "Kedua pihak juga membahas situasi regional dan kerja sama dalam kerangka {forum}.",
    "Menurut {p1s}, {s1} bersedia bekerja sama dengan {s2} untuk menjaga stabilitas kawasan.",
    "Sebelumnya, Menteri Luar Negeri {s1} {p1} melakukan pembicaraan telepon dengan Menteri Luar Negeri {s2} {p2} pada {day2} {month_id}.",
    "Anggota {forum} antara lain {s1} dan {s2}.",
]
EN_TEMPLATES = [
    "On {day} {month_en}, {s1} Foreign Minister {p1} met {s2} Foreign Minister {p2} on the sidelines of the {forum} meeting in {city}.",
    "{p1s} said that relations between {s1} and {s2} were growing stronger and both sides would deepen trade ties.",
    "\"We want to expand trade and investment across the region in a sustainable way,\" {p2s} said.",
    "President {p3} of {s1} is expected to make a state visit to {s2} next month.",
    "The two sides also discussed regional developments and cooperation within {forum}.",
    "Earlier, {s1} Foreign Minister {p1} held a phone call with {s2} Foreign Minister {p2} on {day2} {month_en}.",
    "The members of {forum} include {s1} and {s2}.",
]
FURNITURE = ["Komentar (0)", "Berita Terkait", "Baca juga: Harga minyak naik tajam pekan ini", "(Foto: Reuters)",
             "More Stories", "ADVERTISEMENT", "Editor: Redaksi"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _damage(word: str, rng: random.Random) -> str:
    if len(word) > 6 and rng.random() < 0.5:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1 :]
    return word


def make_corpus(path: Path, articles: int, seed: int = 7) -> int:
    """Write a JSONL corpus; returns the number of words."""
    rng = random.Random(seed)
    kb = load_kb()
    states = [(e.name, dict((lang, l) for l, lang in e.labels).get("id", e.name)) for e in kb.of_type("State")]
    forums = [e.name for e in kb.of_type("Forum")]
    cities = [e.name for e in kb.of_type("Place") if e.kind in (None, "city", "capital")] or ["Geneva"]
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for n in range(articles):
            lang = "id" if rng.random() < 0.7 else "en"
            (s1_en, s1_id), (s2_en, s2_id) = rng.sample(states, 2)
            people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
            fill = {
                "s1": s1_id if lang == "id" else s1_en,
                "s2": _damage(s2_id, rng) if lang == "id" else s2_en,
                "p1": people[0], "p2": people[1], "p3": people[2],
                "p1s": people[0].split()[-1], "p2s": people[1].split()[-1],
                "forum": rng.choice(forums), "city": rng.choice(cities),
                "day": rng.randint(1, 28), "day2": rng.randint(1, 28), "month_id": rng.choice(MONTHS_ID), "month_en": rng.choice(MONTHS_EN),
            }
            templates = ID_TEMPLATES if lang == "id" else EN_TEMPLATES
            paragraphs = [t.format(**fill) for t in templates]
            paragraphs += [rng.choice(templates).format(**fill) for _ in range(rng.randint(4, 10))]
            paragraphs += rng.sample(FURNITURE, 2)
            text = "\n".join(paragraphs) + "\n"
            words += len(text.split())
            record = {"id": f"bench-{n:06d}", "text": text, "language": lang,
                      "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words
