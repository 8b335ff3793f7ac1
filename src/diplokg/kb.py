"""The knowledge base: known states, forums, organisations, places, people and roles.

Knowledge is data: everything here is read from the YAML files under ``ontology/kb/``
(``states.yaml``, ``forums.yaml``, ``organizations.yaml``, ``places.yaml``, ``people.yaml``,
``roles.yaml``); this module only loads, validates and indexes them. The extractor builds its
phrase matchers from :meth:`KnowledgeBase.surface_forms` and :meth:`KnowledgeBase.role_titles`.

Capitals listed with a state become places of their own, keyed by the slug of their English
name (``moscow``); an entry in ``places.yaml`` with the same key replaces the derived one, and
no place is derived for a capital name that an entry of ``places.yaml`` already carries for the
same country ("Washington" of ``washington-d-c``).

A surface form may name several entries (a capital names its city and, by metonymy, its state).
Which one a mention means is decided by the gazetteer from the text; when the text says nothing,
an entry's ``prior`` (an integer, default 0, higher first) comes before the default order of
types (``ontology/lexicon.yaml`` ``reading_types``).

>>> kb = load_kb()
>>> kb.lookup("Jepang")[0].key
'japan'
>>> kb.state_for_capital("Moskwa").name
'Russia'
>>> kb.role_for_title("Menlu").en
'Minister of Foreign Affairs'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import yaml

__all__ = [
    "ENTRY_TYPES",
    "ROLE_CATEGORIES",
    "ORG_KINDS",
    "KBEntry",
    "Role",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "load_kb",
    "normalize_surface",
    "slugify",
]

#: Entity types a knowledge-base entry can have (the local names of the ontology classes).
ENTRY_TYPES = ("State", "Forum", "Organization", "Place", "Person")
#: Role categories (``roles.yaml`` ``category``).
ROLE_CATEGORIES = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "deputy_foreign_minister",
    "minister",
    "diplomat",
    "spokesperson",
    "security",
    "international_official",
    "royal",
    "party",
    "other",
)
#: What the "of" of a role normally is (``roles.yaml`` ``org_kind``).
ORG_KINDS = ("state", "organization", "either")
#: Languages the knowledge base carries labels in.
LANGUAGES = ("en", "id")

# file name -> (top-level list key, default entry type); read in this order so that every
# reference (member, country, part_of) can be checked once all keys are known.
_FILES: tuple[tuple[str, str, str | None], ...] = (
    ("states.yaml", "states", "State"),
    ("forums.yaml", "forums", None),
    ("organizations.yaml", "organizations", "Organization"),
    ("places.yaml", "places", "Place"),
    ("people.yaml", "people", "Person"),
)
_ROLES_FILE = "roles.yaml"
_KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'"})

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is malformed; the message names the file, the key and the fix."""


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One known entity. Surface forms are (text, language) pairs; languages are ``en``/``id``."""

    key: str
    type: str  # "State" | "Forum" | "Organization" | "Place" | "Person"
    name: str  # canonical English name
    labels: tuple[tuple[str, str], ...]  # preferred labels: ("Russia", "en"), ("Rusia", "id")
    aliases: tuple[tuple[str, str], ...]  # every other surface form, acronyms included
    adjectives: tuple[str, ...] = ()  # demonym adjectives (states)
    capitals: tuple[str, ...] = ()  # capital names, all languages (states)
    members: tuple[str, ...] = ()  # state keys (forums)
    country: str | None = None  # state key (places, persons, organisations)
    part_of: str | None = None
    wikidata: str | None = None
    kind: str | None = None  # places: city|region|venue; organisations: news-agency, ministry...
    capital_labels: tuple[tuple[str, str], ...] = ()  # capitals with their language
    case_sensitive: tuple[str, ...] = ()  # surfaces that are ordinary words in another case
    not_matched: tuple[str, ...] = ()  # labels kept for the graph but never matched in text
    prior: int = 0  # which reading of a shared surface form wins when the text does not decide
    offices: tuple[tuple[str, str], ...] = ()  # (role key, role key): the state's own name for an office

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang``, else the English name."""
        for text, text_lang in self.labels:
            if text_lang == lang:
                return text
        return self.name


@dataclass(frozen=True, slots=True)
class Role:
    """A position (``org:Role``) and every title that names it."""

    key: str
    en: str  # English role label, as in the gold files
    labels: tuple[tuple[str, str], ...]  # (label, lang)
    titles: tuple[tuple[str, str], ...]  # (surface, lang): the labels and every other title
    category: str
    diplomatic: bool  # the holder becomes a dkg:Diplomat
    org_kind: str  # "state" | "organization" | "either"
    case_sensitive: tuple[str, ...] = ()


class _Source(Protocol):
    """A directory: a :class:`pathlib.Path` or an :mod:`importlib.resources` Traversable."""

    def __truediv__(self, child: str) -> Any: ...


def normalize_surface(text: str) -> str:
    """Fold a surface form for lookup: NFC, typographic apostrophes, case, inner whitespace.

    >>> normalize_surface("  Xi’an ")
    "xi'an"
    """
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    return " ".join(text.split()).casefold()


def slugify(text: str) -> str:
    """ASCII slug used for keys: ``"Washington, D.C."`` -> ``"washington-d-c"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _short_acronym(surface: str) -> bool:
    return len(surface) <= 4 and surface.isupper()


@dataclass(frozen=True)
class KnowledgeBase:
    """Entries and roles, with lookup indexes built once on construction."""

    entries: tuple[KBEntry, ...]
    roles: tuple[Role, ...]
    _by_type_key: dict[tuple[str, str], KBEntry] = field(init=False, repr=False, compare=False)
    _by_key: dict[str, KBEntry] = field(init=False, repr=False, compare=False)
    _roles: dict[str, Role] = field(init=False, repr=False, compare=False)
    _capitals: dict[str, KBEntry] = field(init=False, repr=False, compare=False)
    _surfaces: dict[str, list[tuple[str, KBEntry]]] = field(init=False, repr=False, compare=False)
    _titles: dict[str, list[tuple[str, Role]]] = field(init=False, repr=False, compare=False)
    _case_sensitive: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "_by_type_key", {(e.type, e.key): e for e in self.entries})
        set_(self, "_by_key", {e.key: e for e in self.entries})
        set_(self, "_roles", {r.key: r for r in self.roles})
        capitals: dict[str, KBEntry] = {}
        surfaces: dict[str, list[tuple[str, KBEntry]]] = {}
        sensitive: set[str] = set()
        for entry in self.entries:
            sensitive.update(entry.case_sensitive)
            if entry.type == "State":
                for capital in entry.capitals:
                    capitals.setdefault(normalize_surface(capital), entry)
        for surface, _lang, key, _kind in self.surface_forms():
            bucket = surfaces.setdefault(normalize_surface(surface), [])
            if not any(s == surface and e.key == key for s, e in bucket):
                bucket.append((surface, self._by_key[key]))
        titles: dict[str, list[tuple[str, Role]]] = {}
        for role in self.roles:
            sensitive.update(role.case_sensitive)
            for surface, _lang in role.titles:
                bucket_r = titles.setdefault(normalize_surface(surface), [])
                if not any(r.key == role.key for _, r in bucket_r):
                    bucket_r.append((surface, role))
        set_(self, "_capitals", capitals)
        set_(self, "_surfaces", surfaces)
        set_(self, "_titles", titles)
        set_(self, "_case_sensitive", frozenset(sensitive))

    # -- access by key --------------------------------------------------------------------
    def get(self, type: str, key: str) -> KBEntry | None:  # noqa: A002 - the brief's name
        """The entry of ``type`` with ``key``, or None."""
        return self._by_type_key.get((type, key))

    def by_key(self, key: str) -> KBEntry | None:
        """The entry with ``key`` (keys are unique across types), or None."""
        return self._by_key.get(key)

    def role(self, key: str) -> Role | None:
        """The role with ``key``, or None."""
        return self._roles.get(key)

    def office_of(self, state: str, role_key: str) -> str:
        """The state's own name for the office a title names (``offices`` in states.yaml: Mexico's
        "Foreign Secretary" is its Secretary of Foreign Affairs), else ``role_key``."""
        entry = self.by_key(state)
        return dict(entry.offices).get(role_key, role_key) if entry is not None else role_key

    def of_type(self, type: str) -> tuple[KBEntry, ...]:  # noqa: A002
        """All entries of one type, in file order."""
        return tuple(e for e in self.entries if e.type == type)

    # -- surface forms --------------------------------------------------------------------
    def surface_forms(self) -> Iterator[tuple[str, str, str, str]]:
        """Every matchable surface form as ``(surface, lang, entry_key, kind)``.

        ``kind`` is ``name`` (a preferred label), ``alias``, ``adjective`` (lang ``en``) or
        ``capital`` (a state's capital, for metonymy; the capital is also a Place entry of
        its own). Labels listed under an entry's ``not_matched`` are left out. A surface may
        repeat with another language or kind; roles are separate (:meth:`role_titles`).
        """
        for entry in self.entries:
            skip = set(entry.not_matched)
            for surface, lang in entry.labels:
                if surface not in skip:
                    yield surface, lang, entry.key, "name"
            for surface, lang in entry.aliases:
                if surface not in skip:
                    yield surface, lang, entry.key, "alias"
            for surface in entry.adjectives:
                yield surface, "en", entry.key, "adjective"
            if entry.capital_labels:
                for surface, lang in entry.capital_labels:
                    yield surface, lang, entry.key, "capital"
            else:
                for surface in entry.capitals:
                    for lang in LANGUAGES:
                        yield surface, lang, entry.key, "capital"

    def role_titles(self) -> Iterator[tuple[str, str, str]]:
        """Every title of every role as ``(surface, lang, role_key)``."""
        for role in self.roles:
            for surface, lang in role.titles:
                yield surface, lang, role.key

    def is_case_sensitive(self, surface: str) -> bool:
        """Whether ``surface`` must be matched exactly as written.

        True for short all-capital forms (``AS``, ``PBB``, ``U.S.``, ``G20``), which read as
        ordinary words in lower case, and for forms a file lists under ``case_sensitive``
        (``ANTARA``: "antara" means "between").
        """
        return _short_acronym(surface) or surface in self._case_sensitive

    def lookup(self, surface: str, type: str | None = None) -> tuple[KBEntry, ...]:  # noqa: A002
        """Entries that ``surface`` names (case-folded, except case-sensitive forms).

        >>> [e.key for e in load_kb().lookup("AS")]
        ['united-states']
        >>> load_kb().lookup("as")
        ()
        """
        found: list[KBEntry] = []
        for stored, entry in self._surfaces.get(normalize_surface(surface), ()):
            if self.is_case_sensitive(stored) and stored != surface.strip():
                continue
            if (type is None or entry.type == type) and entry not in found:
                found.append(entry)
        return tuple(found)

    def role_for_title(self, surface: str) -> Role | None:
        """The role a title names, or None (titles are unique across roles)."""
        for stored, role in self._titles.get(normalize_surface(surface), ()):
            if self.is_case_sensitive(stored) and stored != surface.strip():
                continue
            return role
        return None

    def state_for_capital(self, surface: str) -> KBEntry | None:
        """The state whose capital ``surface`` names ("Moskwa" -> Russia), or None."""
        return self._capitals.get(normalize_surface(surface))


# ---------------------------------------------------------------------------------------
# loading


def _fail(file: str, key: str | None, problem: str, fix: str) -> KnowledgeBaseError:
    where = f"{file}, entry {key!r}" if key else file
    return KnowledgeBaseError(f"[KB] {where}: {problem}. {fix}")


def _str_list(value: Any, file: str, key: str, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(file, key, f"{what} must be a list of strings", "Write it as [a, b, c].")
    return [v.strip() for v in value if v.strip()]


def _by_lang(value: Any, file: str, key: str, what: str) -> list[tuple[str, str]]:
    """``{en: [..], id: [..]}`` (or a bare list, taken as English) -> [(text, lang)]."""
    if value is None:
        return []
    if not isinstance(value, Mapping):
        return [(v, "en") for v in _str_list(value, file, key, what)]
    pairs: list[tuple[str, str]] = []
    for lang, texts in value.items():
        if lang not in LANGUAGES:
            raise _fail(file, key, f"{what} has unknown language {lang!r}", "Use en or id.")
        pairs.extend((t, lang) for t in _str_list(texts, file, key, f"{what}.{lang}"))
    return pairs


def _dedupe(pairs: Iterable[tuple[str, str]], exclude: Iterable[tuple[str, str]] = ()) -> tuple[tuple[str, str], ...]:
    seen = set(exclude)
    out: list[tuple[str, str]] = []
    for pair in pairs:
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return tuple(out)


def _read(source: _Source, name: str) -> Any:
    path = source / name
    if not path.is_file():
        return None
    try:
        return yaml.load(path.read_bytes(), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _fail(name, None, f"is not valid YAML ({exc})", "Fix the syntax.") from exc


def _items(data: Any, file: str, list_key: str) -> list[Mapping[str, Any]]:
    if data is None:
        return []
    items = data.get(list_key) if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        raise _fail(file, None, f"has no list under {list_key!r}", f"Start it with '{list_key}:'.")
    for item in items:
        if not isinstance(item, Mapping):
            raise _fail(file, None, f"holds a non-mapping item {item!r}", "Each item is key: value pairs.")
    return items


def _check_key(raw: Mapping[str, Any], file: str) -> str:
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise _fail(file, str(key) if key else None, f"has a missing or malformed key {key!r}",
                    "Keys are lower-case slugs such as 'south-korea'.")
    return key


def _entry(raw: Mapping[str, Any], file: str, default_type: str | None) -> tuple[KBEntry, list[KBEntry]]:
    """One entry, plus the capital places a state derives."""
    key = _check_key(raw, file)
    type_ = raw.get("type", default_type)
    if type_ not in ENTRY_TYPES:
        raise _fail(file, key, f"has type {type_!r}", f"Use one of {', '.join(ENTRY_TYPES)}.")
    labels = _by_lang(raw.get("labels"), file, key, "labels")
    name = raw.get("name") or next((t for t, lang in labels if lang == "en"), None)
    if not isinstance(name, str) or not name.strip():
        raise _fail(file, key, "has no English name", "Add 'name:' with the canonical English name.")
    name = name.strip()
    if not any(lang == "en" for _, lang in labels):
        labels.insert(0, (name, "en"))
    if type_ == "Person":  # names of people are the same in both languages
        labels = [(name, "en"), (name, "id")]
        aliases = [(a, lang) for a in _str_list(raw.get("aliases"), file, key, "aliases") for lang in LANGUAGES]
    else:
        aliases = _by_lang(raw.get("aliases"), file, key, "aliases")
    adjectives = [a for a, _ in _by_lang(raw.get("adjectives"), file, key, "adjectives")]
    capital_labels = _by_lang(raw.get("capitals"), file, key, "capitals")
    capitals = tuple(dict.fromkeys(c for c, _ in capital_labels))
    country = raw.get("country", raw.get("nationality"))
    wikidata = raw.get("wikidata")
    if wikidata is not None and not re.fullmatch(r"Q[1-9][0-9]*", str(wikidata)):
        raise _fail(file, key, f"has a malformed wikidata id {wikidata!r}", "Use the Q-number, e.g. Q159.")
    prior = raw.get("prior", 0)
    if not isinstance(prior, int) or isinstance(prior, bool):
        raise _fail(file, key, f"has a non-integer prior {prior!r}", "Write a whole number such as 1 or -1.")
    label_pairs = _dedupe(labels)
    entry = KBEntry(
        key=key,
        type=type_,
        name=name,
        labels=label_pairs,
        aliases=_dedupe(aliases, exclude=label_pairs),
        adjectives=tuple(dict.fromkeys(adjectives)),
        capitals=capitals,
        members=tuple(_str_list(raw.get("members"), file, key, "members")),
        country=country,
        part_of=raw.get("part_of"),
        wikidata=str(wikidata) if wikidata is not None else None,
        kind=raw.get("kind"),
        capital_labels=_dedupe(capital_labels),
        case_sensitive=tuple(_str_list(raw.get("case_sensitive"), file, key, "case_sensitive")),
        not_matched=tuple(_str_list(raw.get("surface_exclude"), file, key, "surface_exclude")),
        prior=prior,
        offices=_offices(raw.get("offices"), file, key),
    )
    return entry, _capital_places(entry, capital_labels)


def _offices(raw: object, file: str, key: str) -> tuple[tuple[str, str], ...]:
    """``offices: {foreign-secretary: secretary-of-foreign-affairs}``: role key -> role key."""
    if raw is None:
        return ()
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise _fail(file, key, "has offices that are not a mapping of role key -> role key",
                    "Write e.g. 'offices: {foreign-secretary: secretary-of-foreign-affairs}'.")
    return tuple(sorted(raw.items()))


def _capital_places(state: KBEntry, capital_labels: list[tuple[str, str]]) -> list[KBEntry]:
    """A Place per English capital name. Indonesian spellings attach only when the state has
    a single capital, since with several it is not known which capital they spell; an
    Indonesian spelling equal to the English name stays an Indonesian form of the place too, so
    that the city and the state it stands for are named in the same languages."""
    english = [c for c, lang in capital_labels if lang == "en"]
    indonesian = [c for c, lang in capital_labels if lang == "id" and c not in english]
    # English names with one slug are one capital written with and without its accents
    # ("Brasília", "Brasilia"): the first is its name, the others its aliases.
    by_slug: dict[str, list[str]] = {}
    for capital in english:
        by_slug.setdefault(slugify(capital), []).append(capital)
    places = []
    for capital, *variants in by_slug.values():
        spellings = indonesian if len(by_slug) == 1 else []
        labels = ((capital, "en"), (spellings[0] if spellings else capital, "id"))
        also = [capital] if spellings and (capital, "id") in capital_labels else []
        aliases = tuple((s, "id") for s in spellings[1:] + also) + tuple(
            (v, lang) for v in variants for lang in ("en", "id") if (v, lang) in capital_labels)
        places.append(
            KBEntry(key=slugify(capital), type="Place", name=capital, labels=labels,
                    aliases=aliases, country=state.key, kind="city")
        )
    return places


def _role(raw: Mapping[str, Any], file: str) -> Role:
    key = _check_key(raw, file)
    en = raw.get("en")
    if not isinstance(en, str) or not en.strip():
        raise _fail(file, key, "has no English label", "Add 'en:' with the English role label.")
    category = raw.get("category")
    if category not in ROLE_CATEGORIES:
        raise _fail(file, key, f"has category {category!r}", f"Use one of {', '.join(ROLE_CATEGORIES)}.")
    org_kind = raw.get("org_kind", "either")
    if org_kind not in ORG_KINDS:
        raise _fail(file, key, f"has org_kind {org_kind!r}", f"Use one of {', '.join(ORG_KINDS)}.")
    diplomatic = raw.get("diplomatic", True)
    if not isinstance(diplomatic, bool):
        raise _fail(file, key, "has a non-boolean 'diplomatic'", "Write true or false.")
    labels = [(en.strip(), "en")]
    if isinstance(raw.get("id"), str) and raw["id"].strip():
        labels.append((raw["id"].strip(), "id"))
    label_pairs = _dedupe(labels)
    titles = _dedupe([*label_pairs, *_by_lang(raw.get("titles"), file, key, "titles")])
    return Role(
        key=key, en=en.strip(), labels=label_pairs, titles=titles, category=category,
        diplomatic=diplomatic, org_kind=org_kind,
        case_sensitive=tuple(_str_list(raw.get("case_sensitive"), file, key, "case_sensitive")),
    )


def _validate(entries: list[tuple[KBEntry, str]], roles: list[tuple[Role, str]]) -> None:
    keys = {e.key: (e, f) for e, f in entries}
    states = {k for k, (e, _) in keys.items() if e.type == "State"}
    for entry, file in entries:
        for member in entry.members:
            if member not in states:
                raise _fail(file, entry.key, f"lists unknown member state {member!r}",
                            "Use a state key from states.yaml.")
        if entry.country is not None and entry.country not in states:
            raise _fail(file, entry.key, f"names unknown country {entry.country!r}",
                        "Use a state key from states.yaml.")
        if entry.part_of is not None and entry.part_of not in keys:
            raise _fail(file, entry.key, f"is part_of unknown key {entry.part_of!r}",
                        "Use the key of another entry.")
    role_categories = {role.key: role.category for role, _file in roles}
    for entry, file in entries:
        for title, office in entry.offices:
            if title not in role_categories or role_categories.get(office) != role_categories[title]:
                raise _fail(file, entry.key, f"names office {office!r} for {title!r}",
                            "Use two role keys from roles.yaml of one category.")
    # A surface form naming two different states would make the matcher guess.
    owner: dict[str, tuple[str, str]] = {}
    for entry, file in entries:
        if entry.type != "State":
            continue
        forms = [s for s, _ in entry.labels] + [s for s, _ in entry.aliases]
        forms += list(entry.adjectives) + list(entry.capitals)
        for surface in forms:
            folded = normalize_surface(surface)
            other = owner.setdefault(folded, (entry.key, file))
            if other[0] != entry.key:
                raise _fail(file, entry.key, f"shares the surface form {surface!r} with state {other[0]!r}",
                            "Keep the form on one state only.")
    role_keys: dict[str, str] = {}
    title_owner: dict[tuple[str, str], str] = {}
    for role, file in roles:
        if role.key in role_keys:
            raise _fail(file, role.key, "is a duplicate role key", "Give each role one entry.")
        role_keys[role.key] = file
        for surface, lang in role.titles:
            folded = (normalize_surface(surface), lang)
            other_key = title_owner.setdefault(folded, role.key)
            if other_key != role.key:
                raise _fail(file, role.key, f"shares the title {surface!r} ({lang}) with role {other_key!r}",
                            "A title must name one role.")


def _load(source: _Source, label: str) -> KnowledgeBase:
    entries: list[tuple[KBEntry, str]] = []
    derived: list[KBEntry] = []
    seen: dict[str, str] = {}
    for file, list_key, default_type in _FILES:
        for raw in _items(_read(source, file), file, list_key):
            entry, capitals = _entry(raw, file, default_type)
            if entry.key in seen:
                raise _fail(file, entry.key, f"is a duplicate key (first defined in {seen[entry.key]})",
                            "Keys are unique across all knowledge-base files.")
            seen[entry.key] = file
            entries.append((entry, file))
            derived.extend(capitals)
    # Derived capital places: an explicit entry with the same key wins, and so does an explicit
    # place of the same country that already carries the name; two states deriving the same key
    # (two cities of one name) keep the first.
    named = {(e.country, normalize_surface(s)) for e, _ in entries if e.type == "Place"
             for s, _ in e.labels + e.aliases}
    for place in derived:
        if place.key not in seen and (place.country, normalize_surface(place.name)) not in named:
            seen[place.key] = "states.yaml (capital)"
            entries.append((place, "states.yaml"))
    if not any(e.type == "State" for e, _ in entries):
        raise _fail("states.yaml", None, f"is missing or empty in {label}", "The knowledge base needs states.")
    roles = [(_role(raw, _ROLES_FILE), _ROLES_FILE)
             for raw in _items(_read(source, _ROLES_FILE), _ROLES_FILE, "roles")]
    _validate(entries, roles)
    return KnowledgeBase(entries=tuple(e for e, _ in entries), roles=tuple(r for r, _ in roles))


def _default_source() -> _Source:
    try:
        packaged = resources.files("diplokg.ontology") / "kb"
        if packaged.is_dir():
            return packaged
    except ModuleNotFoundError:  # running from a checkout with PYTHONPATH=src
        pass
    return Path(__file__).resolve().parents[2] / "ontology" / "kb"


@functools.lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    source = _default_source()
    return _load(source, str(source))


def load_kb(directory: str | Path | None = None) -> KnowledgeBase:
    """Load and validate the knowledge base from ``directory`` (default: the packaged one).

    The packaged knowledge base is loaded once per process and cached. Raises
    :class:`KnowledgeBaseError` (a ``ValueError``) naming the file and key of any duplicate
    key, unknown member/country/part_of key, missing English name, bad role category, or a
    surface form shared by two states or a title shared by two roles.
    """
    if directory is None:
        return _load_default()
    path = Path(directory)
    if not path.is_dir():
        raise KnowledgeBaseError(f"[KB] {path}: no such knowledge-base directory.")
    return _load(path, str(path))
