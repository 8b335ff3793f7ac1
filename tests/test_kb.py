"""The knowledge base: counts, lookups by value in both languages, and loader validation."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from diplokg.kb import KBEntry, KnowledgeBase, KnowledgeBaseError, Role, load_kb, normalize_surface

KB_DIR = Path(__file__).resolve().parents[1] / "ontology" / "kb"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _state(kb: KnowledgeBase, surface: str) -> str:
    found = kb.lookup(surface, type="State")
    assert len(found) == 1, f"{surface!r} -> {[e.key for e in found]}"
    return found[0].key


# -- counts -----------------------------------------------------------------------------


def test_every_un_member_and_observer_is_a_state(kb: KnowledgeBase) -> None:
    states = kb.of_type("State")
    assert len(states) >= 193 + 2 + 2
    for key in ("holy-see", "palestine", "taiwan", "kosovo"):
        assert kb.get("State", key) is not None, key


def test_at_least_sixty_forums_and_sixty_roles(kb: KnowledgeBase) -> None:
    assert len(kb.of_type("Forum")) >= 60
    assert len(kb.roles) >= 60


def test_loading_is_fast() -> None:
    start = time.perf_counter()
    load_kb(KB_DIR)  # an explicit directory bypasses the cache
    assert time.perf_counter() - start < 0.5


def test_default_load_is_cached() -> None:
    assert load_kb() is load_kb()


# -- states -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Jepang", "japan"),
        ("Selandia Baru", "new-zealand"),
        ("Pantai Gading", "ivory-coast"),
        ("Rusia", "russia"),
        ("Federasi Rusia", "russia"),
        ("Tiongkok", "china"),
        ("Cina", "china"),
        ("RRT", "china"),
        ("Republik Rakyat Tiongkok", "china"),
        ("Amerika Serikat", "united-states"),
        ("AS", "united-states"),
        ("U.S.", "united-states"),
        ("Korea Selatan", "south-korea"),
        ("Korsel", "south-korea"),
        ("Republic of Korea", "south-korea"),
        ("Korea Utara", "north-korea"),
        ("Inggris", "united-kingdom"),
        ("Britania Raya", "united-kingdom"),
        ("Belanda", "netherlands"),
        ("Prancis", "france"),
        ("Perancis", "france"),
        ("Jerman", "germany"),
        ("Arab Saudi", "saudi-arabia"),
        ("Afrika Selatan", "south-africa"),
        ("Mesir", "egypt"),
        ("Brasil", "brazil"),
        ("Meksiko", "mexico"),
        ("Kanada", "canada"),
        ("Yunani", "greece"),
        ("Suriah", "syria"),
        ("Turki", "turkey"),
        ("Türkiye", "turkey"),
        ("Guinea Khatulistiwa", "equatorial-guinea"),
        ("Papua Nugini", "papua-new-guinea"),
        ("Guinea", "guinea"),
        ("Uni Emirat Arab", "united-arab-emirates"),
        ("Filipina", "philippines"),
        ("Kamboja", "cambodia"),
        ("Laos", "laos"),
        ("Kepulauan Cook", "cook-islands"),
        ("Takhta Suci", "holy-see"),
        ("Vatikan", "holy-see"),
        ("Palestina", "palestine"),
        ("Czechia", "czech-republic"),
        ("Viet Nam", "vietnam"),
    ],
)
def test_state_surface_forms(kb: KnowledgeBase, surface: str, key: str) -> None:
    assert _state(kb, surface) == key


def test_canonical_short_english_names(kb: KnowledgeBase) -> None:
    names = {k: kb.get("State", k).name for k in ("russia", "china", "united-states", "south-korea",
                                                   "united-kingdom", "iran", "vietnam", "laos",
                                                   "turkey", "czech-republic")}
    assert names == {
        "russia": "Russia", "china": "China", "united-states": "United States",
        "south-korea": "South Korea", "united-kingdom": "United Kingdom", "iran": "Iran",
        "vietnam": "Vietnam", "laos": "Laos", "turkey": "Turkey", "czech-republic": "Czech Republic",
    }


def test_state_labels_and_iso_codes_by_value(kb: KnowledgeBase) -> None:
    russia = kb.get("State", "russia")
    assert russia.labels == (("Russia", "en"), ("Rusia", "id"))
    assert ("Russian Federation", "en") in russia.aliases
    assert russia.label("id") == "Rusia"
    assert "Russian" in russia.adjectives
    assert kb.get("State", "japan").label("id") == "Jepang"


def test_short_acronyms_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert kb.lookup("as") == ()
    assert kb.lookup("us") == ()
    assert kb.is_case_sensitive("AS") and kb.is_case_sensitive("PBB")
    assert not kb.is_case_sensitive("Jepang")
    # a long name stays case-insensitive
    assert [e.key for e in kb.lookup("amerika serikat")] == ["united-states"]


def test_capitals_are_metonyms_and_places(kb: KnowledgeBase) -> None:
    assert kb.state_for_capital("Moskwa").key == "russia"
    assert kb.state_for_capital("moskow").key == "russia"
    assert kb.state_for_capital("Beijing").key == "china"
    assert kb.state_for_capital("Kairo").key == "egypt"
    assert kb.state_for_capital("Den Haag").key == "netherlands"
    assert kb.state_for_capital("Bali") is None
    moscow = kb.by_key("moscow")
    assert (moscow.type, moscow.name, moscow.country) == ("Place", "Moscow", "russia")
    tokyo = kb.get("Place", "tokyo")
    assert tokyo is not None and tokyo.country == "japan"


def test_a_states_own_name_for_an_office(kb: KnowledgeBase) -> None:
    assert kb.office_of("mexico", "foreign-secretary") == "secretary-of-foreign-affairs"
    assert kb.office_of("united-kingdom", "foreign-secretary") == "foreign-secretary"
    assert kb.office_of("mexico", "president") == "president"
    assert kb.office_of("no-such-state", "president") == "president"


def test_a_capital_written_without_its_accents_is_the_same_place(kb: KnowledgeBase) -> None:
    brasilia = kb.by_key("brasilia")
    assert (brasilia.type, brasilia.name, brasilia.country) == ("Place", "Brasília", "brazil")
    assert {("Brasilia", "en"), ("Brasilia", "id")} <= set(brasilia.aliases)
    places = {e.key for e in kb.entries if e.type == "Place" and e.country == "brazil"}
    assert "brasilia" in places and len([k for k in places if k.startswith("brasil")]) == 1
    # Two capitals stay two places.
    assert {kb.by_key("sucre").type, kb.by_key("la-paz").type} == {"Place"}


def test_no_surface_form_names_two_states(kb: KnowledgeBase) -> None:
    owners: dict[str, set[str]] = {}
    for surface, _lang, key, _kind in kb.surface_forms():
        if kb.by_key(key).type == "State":
            owners.setdefault(normalize_surface(surface), set()).add(key)
    shared = {s: k for s, k in owners.items() if len(k) > 1}
    assert shared == {}


def test_keys_are_unique_across_types(kb: KnowledgeBase) -> None:
    keys = [e.key for e in kb.entries]
    assert len(keys) == len(set(keys))


def test_surface_forms_carry_kind_and_language(kb: KnowledgeBase) -> None:
    forms = set(kb.surface_forms())
    assert ("Rusia", "id", "russia", "name") in forms
    assert ("Russian Federation", "en", "russia", "alias") in forms
    assert ("French", "en", "france", "adjective") in forms
    assert ("Moskwa", "id", "russia", "capital") in forms


# -- forums and organisations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("Perhimpunan Bangsa-Bangsa Asia Tenggara", "asean"),
        ("PBB", "un"),
        ("Perserikatan Bangsa-Bangsa", "un"),
        ("Dewan Keamanan PBB", "unsc"),
        ("DK PBB", "unsc"),
        ("Majelis Umum PBB", "unga"),
        ("Organisasi Kerja Sama Shanghai", "sco"),
        ("Organisasi Kerjasama Shanghai", "sco"),
        ("Uni Eropa", "eu"),
        ("Uni Ekonomi Eurasia", "eaeu"),
        ("Organisasi Kerja Sama Islam", "oic"),
        ("G-20", "g20"),
        ("Kelompok 20", "g20"),
        ("Gerakan Non-Blok", "nam"),
        ("Forum Kepulauan Pasifik", "pif"),
    ],
)
def test_forum_surface_forms(kb: KnowledgeBase, surface: str, key: str) -> None:
    assert [e.key for e in kb.lookup(surface)] == [key]


def test_forum_names_members_and_parts(kb: KnowledgeBase) -> None:
    assert kb.get("Forum", "sco").name == "Shanghai Cooperation Organisation"
    assert kb.get("Forum", "unsc").name == "UN Security Council"
    assert kb.get("Forum", "unsc").part_of == "un"
    assert set(kb.get("Forum", "g7").members) == {
        "canada", "france", "germany", "italy", "japan", "united-kingdom", "united-states"}
    assert {"brazil", "russia", "india", "china", "south-africa"} <= set(kb.get("Forum", "brics").members)
    assert len(kb.get("Forum", "asean").members) == 10


@pytest.mark.parametrize("surface", ["Xinhua", "Sputnik", "TASS", "AFP", "Reuters", "Associated Press",
                                     "ANTARA", "Kyodo", "Yonhap", "Bernama", "Anadolu Agency", "VOA"])
def test_news_agencies_are_organizations(kb: KnowledgeBase, surface: str) -> None:
    found = kb.lookup(surface)
    assert [e.type for e in found] == ["Organization"], surface


def test_word_like_names_are_not_matched_loosely(kb: KnowledgeBase) -> None:
    # "antara" is Indonesian for "between"; "RT" alone is a neighbourhood unit
    assert kb.lookup("Antara") == ()
    assert kb.lookup("RT") == ()
    assert [e.key for e in kb.lookup("Russia Today")] == ["russia-today"]


# -- roles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Menlu", "minister-of-foreign-affairs"),
        ("Menteri Luar Negeri", "minister-of-foreign-affairs"),
        ("Foreign Minister", "minister-of-foreign-affairs"),
        ("Wamenlu", "vice-minister-of-foreign-affairs"),
        ("Wakil Menteri Luar Negeri", "vice-minister-of-foreign-affairs"),
        ("Deputy Foreign Minister", "deputy-minister-of-foreign-affairs"),
        ("Kanselir", "chancellor"),
        ("Presiden", "president"),
        ("Wapres", "vice-president"),
        ("Perdana Menteri", "prime-minister"),
        ("PM", "prime-minister"),
        ("Dubes", "ambassador"),
        ("Sekjen", "secretary-general"),
        ("Jubir", "spokesperson"),
        ("Sekretaris Dewan Keamanan", "secretary-of-the-security-council"),
        ("Menteri Koordinator Bidang Perekonomian", "coordinating-minister-for-economic-affairs"),
        ("Putra Mahkota", "crown-prince"),
        ("External Affairs Minister", "minister-of-external-affairs"),
        ("Kuasa Usaha Ad Interim", "charge-d-affaires"),
    ],
)
def test_role_titles(kb: KnowledgeBase, title: str, key: str) -> None:
    role = kb.role_for_title(title)
    assert role is not None and role.key == key


@pytest.mark.parametrize("title, key", [
    ("Foreign Ministers", "minister-of-foreign-affairs"),
    ("ministers of foreign affairs", "minister-of-foreign-affairs"),
    ("Secretaries-General", "secretary-general"),
    ("Presidents-elect", "president-elect"),
    ("Spokesmen", "spokesperson"),
    ("Chargés d'affaires", "charge-d-affaires"),
])
def test_plural_titles_name_their_role(kb: KnowledgeBase, title: str, key: str) -> None:
    role = kb.role_for_title(title)
    assert role is not None and role.key == key
    assert title.lower() in {p.lower() for p in role.plurals}
    assert ("Foreign Ministers", "en", "minister-of-foreign-affairs") in set(kb.role_plural_titles())
    assert not {t for t, _lang, _key in kb.role_titles()} & {t for t, _lang, _key in kb.role_plural_titles()}


def test_role_records_by_value(kb: KnowledgeBase) -> None:
    fm = kb.role("minister-of-foreign-affairs")
    assert (fm.en, fm.category, fm.diplomatic, fm.org_kind) == (
        "Minister of Foreign Affairs", "foreign_minister", True, "state")
    assert fm.labels == (("Minister of Foreign Affairs", "en"), ("Menteri Luar Negeri", "id"))
    assert kb.role("secretary-general").org_kind == "organization"
    assert kb.role("first-lady").diplomatic is False
    assert ("Menlu", "id", "minister-of-foreign-affairs") in set(kb.role_titles())
    assert kb.role_for_title("pm") is None  # short acronym: case-sensitive


# -- people -----------------------------------------------------------------------------


def test_people_have_full_names_only(kb: KnowledgeBase) -> None:
    lavrov = kb.get("Person", "sergei-lavrov")
    assert (lavrov.name, lavrov.country) == ("Sergei Lavrov", "russia")
    assert kb.lookup("Lavrov") == ()
    for person in kb.of_type("Person"):
        for alias, _ in person.aliases:
            assert " " in alias or alias.isupper() or alias == "Jokowi", alias


# -- validation -------------------------------------------------------------------------


def _copy_kb(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(KB_DIR, target)
    return target


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_copy_loads(tmp_path: Path) -> None:
    kb = load_kb(_copy_kb(tmp_path))
    assert kb.get("State", "indonesia") is not None


def test_duplicate_key_names_file_and_key(tmp_path: Path) -> None:
    directory = _copy_kb(tmp_path)
    _append(directory / "forums.yaml", "- {key: asean, type: Forum, name: Another ASEAN}\n")
    with pytest.raises(ValueError, match=r"forums\.yaml.*'asean'.*duplicate"):
        load_kb(directory)


def test_unknown_member_key(tmp_path: Path) -> None:
    directory = _copy_kb(tmp_path)
    _append(directory / "forums.yaml", "- {key: xyz-forum, type: Forum, name: XYZ, members: [atlantis]}\n")
    with pytest.raises(KnowledgeBaseError, match=r"forums\.yaml.*'xyz-forum'.*'atlantis'"):
        load_kb(directory)


def test_plurals_of_an_unknown_role(tmp_path: Path) -> None:
    directory = _copy_kb(tmp_path)
    _append(directory / "role_plurals.yaml", "  court-jester: [Court Jesters]\n")
    with pytest.raises(KnowledgeBaseError, match=r"role_plurals\.yaml.*'court-jester'.*no role"):
        load_kb(directory)


def test_a_knowledge_base_without_plurals_loads(tmp_path: Path) -> None:
    directory = _copy_kb(tmp_path)
    (directory / "role_plurals.yaml").unlink()
    kb = load_kb(directory)
    assert kb.role_for_title("Foreign Minister") is not None and kb.role_for_title("Foreign Ministers") is None


def test_unknown_country_key(tmp_path: Path) -> None:
    directory = _copy_kb(tmp_path)
    _append(directory / "places.yaml", "- {key: nowhere, name: Nowhere, country: atlantis}\n")
    with pytest.raises(KnowledgeBaseError, match=r"places\.yaml.*'nowhere'.*'atlantis'"):
        load_kb(directory)


@pytest.mark.parametrize("offices, problem", [
    ("{foreign-secretary: president}", r"'atlantis'.*office 'president' for 'foreign-secretary'"),
    ("{no-such-role: president}", r"'atlantis'.*office 'president' for 'no-such-role'"),
    ("[foreign-secretary]", r"'atlantis'.*offices that are not a mapping"),
])
def test_a_states_office_must_name_two_roles_of_one_category(tmp_path: Path, offices: str, problem: str) -> None:
    directory = _copy_kb(tmp_path)
    _append(directory / "states.yaml", f"- {{key: atlantis, name: Atlantis, offices: {offices}}}\n")
    with pytest.raises(KnowledgeBaseError, match=problem):
        load_kb(directory)


def test_missing_english_name(tmp_path: Path) -> None:
    directory = _copy_kb(tmp_path)
    _append(directory / "organizations.yaml", "- {key: nameless, labels: {id: Tanpa Nama}}\n")
    with pytest.raises(KnowledgeBaseError, match=r"organizations\.yaml.*'nameless'.*English name"):
        load_kb(directory)


def test_surface_shared_by_two_states(tmp_path: Path) -> None:
    directory = tmp_path / "kb"
    directory.mkdir()
    (directory / "states.yaml").write_text(
        "states:\n"
        "- {key: northland, name: Northland, aliases: {en: [The Land]}}\n"
        "- {key: southland, name: Southland, aliases: {en: [the land]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"'southland'.*'the land'.*'northland'"):
        load_kb(directory)


def test_title_shared_by_two_roles_and_bad_category(tmp_path: Path) -> None:
    directory = tmp_path / "kb"
    directory.mkdir()
    (directory / "states.yaml").write_text("states:\n- {key: northland, name: Northland}\n", encoding="utf-8")
    roles = directory / "roles.yaml"
    roles.write_text(
        "roles:\n"
        "- {key: boss, en: Boss, category: other, titles: {en: [Chief]}}\n"
        "- {key: head, en: Head, category: other, titles: {en: [chief]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"roles\.yaml.*'head'.*'chief'"):
        load_kb(directory)
    roles.write_text("roles:\n- {key: boss, en: Boss, category: tyrant}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"'boss'.*category"):
        load_kb(directory)


def test_malformed_yaml_and_missing_directory(tmp_path: Path) -> None:
    directory = tmp_path / "kb"
    directory.mkdir()
    (directory / "states.yaml").write_text("states: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"states\.yaml.*YAML"):
        load_kb(directory)
    with pytest.raises(KnowledgeBaseError, match="no such"):
        load_kb(tmp_path / "absent")


def test_records_are_frozen() -> None:
    entry = KBEntry(key="x", type="State", name="X", labels=(("X", "en"),), aliases=())
    with pytest.raises(AttributeError):
        entry.name = "Y"  # type: ignore[misc]
    role = Role(key="ruler", en="Ruler", labels=(("Ruler", "en"),), titles=(("Ruler", "en"),),
                category="other", diplomatic=False, org_kind="either")
    kb = KnowledgeBase(entries=(entry,), roles=(role,))
    assert kb.by_key("x") is entry and kb.role_for_title("ruler") is role


def test_generated_states_file_is_current() -> None:
    import subprocess
    import sys

    script = KB_DIR.parents[1] / "tools" / "make_states_kb.py"
    if not script.exists():
        pytest.skip("generator not present")
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert result.returncode == 0, "states.yaml is stale: run tools/make_states_kb.py"


def test_generated_cities_file_is_current() -> None:
    import subprocess
    import sys

    script = KB_DIR.parents[1] / "tools" / "make_cities_kb.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, f"cities.yaml is stale: run tools/make_cities_kb.py ({result.stderr[-300:]})"


def test_large_cities_are_places_of_their_state_and_words_are_not(kb: KnowledgeBase) -> None:
    for key, state in (("chengdu", "china"), ("rio-de-janeiro", "brazil"), ("johannesburg", "south-africa"),
                       ("sao-paulo", "brazil")):
        entry = kb.get("Place", key)
        assert entry is not None and entry.country == state and entry.kind == "city"
    # A curated entry keeps its key and forms; a city that is a word or a personal name is no entry.
    assert kb.get("Place", "medan").country == "indonesia"
    assert [e.key for e in kb.lookup("São Paulo")] == [e.key for e in kb.lookup("Sao Paulo")] == ["sao-paulo"]
    for word in ("Kota", "Lagos", "Milan"):
        assert not [e for e in kb.lookup(word) if e.type == "Place" and e.kind == "city" and e.key == word.lower()]


def test_wikidata_ids_only_where_sourced(kb: KnowledgeBase) -> None:
    assert kb.get("State", "russia").wikidata == "Q159"
    assert kb.get("State", "indonesia").wikidata == "Q252"
    assert kb.get("State", "united-states").wikidata == "Q30"
    # sources disagree on which item is the state: left out rather than guessed
    assert kb.get("State", "netherlands").wikidata is None
    ids = [e.wikidata for e in kb.entries if e.wikidata]
    assert len(ids) == len(set(ids))
