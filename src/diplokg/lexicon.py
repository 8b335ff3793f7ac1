"""The extractor's view of the knowledge: surface form -> what it can mean.

Built once per process from the knowledge base (``ontology/kb/``) and the language lexicon
(``ontology/lexicon.yaml``). Lookups are by lower-cased surface form. Every word the extractor
reads (triggers, cues, titles, function words, affixes) comes from these two sources; the
lexicon file is checked for its shape on load, and a wrong shape raises a :class:`ConfigError`
that names the table.

>>> lex = load_lexicon()
>>> "di" in lex.locative and "visited" in lex.locative
True
>>> sorted(lex.anaphoric_before["en"])[:3]
["'s", 'that', 'the']
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .kb import ENTRY_TYPES, KnowledgeBase, load_kb
from .resources import ontology_dir

__all__ = ["Candidate", "Lexicon", "Reading", "load_lexicon"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Tables shaped ``language -> [words]`` (top level of ``lexicon.yaml``).
_WORD_TABLES = (
    "receiving", "planned", "planned_after", "arrival", "courtesy", "spoke_with", "phone_words",
    "attending", "companions", "visit_possessive_links", "passive_agent", "sidelines", "gatherings",
    "pronouns", "groups", "counterpart", "honorifics", "not_names", "membership", "byline",
    "language_words", "duration_markers", "duration_hedges", "duration_compounds", "locative",
    "place_nouns", "place_noun_links", "title_of_links", "unit_links", "posted_to_links", "possessive",
    "possessive_determiners", "active_prefixes", "title_coordinators", "time_links", "member_groups", "besides", "since_links",
    "demonstratives_after", "demonstratives_before", "anaphoric_after", "anaphoric_before", "also",
    "plural_markers", "respectively", "list_openers", "list_verbs", "companion_links", "not_passive", "purpose", "elect_markers",
    "determiners", "relatives", "title_premodifiers",
)
#: Tables under ``speech`` shaped ``language -> [words]``.
_SPEECH_TABLES = ("according_to", "complementizer", "bare_clause", "genre_objects", "plain", "inverted",
                  "addressee", "setting", "audience", "audience_determiners", "back_reference", "passive", "addressed")
#: Tables under ``statements`` shaped ``language -> [words]`` (all optional).
_STATEMENT_TABLES = ("verbs", "object_verbs", "forms", "not_speech", "bare", "subject_pronouns", "attribution",
                     "oblique")
#: Tables under ``coreference`` shaped ``language -> [words]`` (all optional).
_COREFERENCE_TABLES = ("passing",)
#: Tables under ``membership_reading`` shaped ``language -> [words]`` (all optional).
_MEMBERSHIP_TABLES = ("subject_links", "list_intro", "also_in", "pairs", "negations")
#: Tables under ``event_reading`` shaped ``language -> [words]`` (all optional; ``lemmas`` is
#: ``event type -> language -> [lemmas]``).
_EVENT_READING_TABLES = ("noun_only", "serial", "with_links", "list_links", "list_stops", "place_links",
                         "visit_place_links", "venues", "light_verbs", "summon_lemmas", "envoys",
                         "reception_lemmas", "honour_links", "rivals", "readout_speakers", "continued",
                         "visit_modifiers", "urging", "infinitive")
#: Affix kinds under ``morphology``, each ``language -> affix``.
_AFFIXES = ("passive_prefix", "passive_suffix", "plural_suffix")
_DURATION_CODES = frozenset({"M", "H", "D"})
_SHAPE_HINT = ("each word table is a mapping from a language code to a list of words, e.g. "
               "'locative: {id: [di, ke], en: [in, at]}'; quote words YAML reads as something else "
               "(\"on\", \"no\", \"yes\", \"null\")")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One meaning of a surface form: a knowledge-base entry and how the form names it."""

    key: str
    type: str  # State | Forum | Organization | Place | Person
    kind: str  # name | alias | adjective | capital


@dataclass(frozen=True, slots=True)
class Reading:
    """One way a lower-cased surface form can be read: the form as the knowledge base writes it,
    the language it is written in, and the entry it then names (the gazetteer chooses among them)."""

    surface: str
    lang: str
    candidate: Candidate


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and len(surface) <= 5 and all(c.isupper() for c in letters)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Lexicon:
    """Surface-form tables for the gazetteer and the extractor."""

    def __init__(self, kb: KnowledgeBase, data: Mapping[str, Any], *, source: str = "lexicon.yaml",
                 common_words: Mapping[str, Iterable[str]] | None = None) -> None:
        _validate(data, source)
        self.kb = kb
        # Words each language writes in lower case far more often than capitalised (counted on the
        # training corpora: ontology/common_words.yaml): a run of them is no person's name.
        self.common_words: frozenset[str] = frozenset(
            str(w).lower() for words in (common_words or {}).values() for w in words)
        self.entities: dict[str, list[Candidate]] = defaultdict(list)
        self.readings: dict[str, list[Reading]] = defaultdict(list)  # in knowledge-base order
        self.roles: dict[str, str] = {}
        self.cues: dict[str, set[str]] = defaultdict(set)
        self.case_sensitive: set[str] = set()  # exact surface forms that must match case
        for surface, lang, key, kind in kb.surface_forms():
            entry = kb.by_key(key)
            if entry is None:
                continue
            cand = Candidate(key, entry.type, kind)
            low = surface.lower()
            if cand not in self.entities[low]:
                self.entities[low].append(cand)
            form = Reading(surface, lang, cand)
            if form not in self.readings[low]:
                self.readings[low].append(form)
            if _is_acronym(surface):
                self.case_sensitive.add(surface)
        for surface, _lang, role_key in kb.role_titles():
            self.roles.setdefault(surface.lower(), role_key)
            if _is_acronym(surface):
                self.case_sensitive.add(surface)
        # Plural titles ("the foreign ministers of A and B, X and Y"): one holder per name after them.
        self.plural_titles: frozenset[str] = frozenset(s.lower() for s, _l, _k in kb.role_plural_titles())
        # the last token of each ("ministers", "general"): most titles are decided without their text
        self.plural_title_ends: frozenset[str] = frozenset(
            end for t in self.plural_titles for end in (t.split()[-1], re.split(r"\W+", t)[-1]))
        for surface, _lang, role_key in kb.role_plural_titles():
            self.roles.setdefault(surface.lower(), role_key)
        for event_type, by_lang in data["events"].items():
            for forms in by_lang.values():
                for form in forms:
                    self.cues[str(form).lower()].add(f"event:{event_type}")
        for tag in ("planned", "sidelines", "gatherings", "pronouns", "groups", "counterpart", "honorifics", "membership",
                    "receiving", "planned_after", "courtesy", "arrival", "spoke_with", "attending", "companions"):
            for forms in (data.get(tag) or {}).values():
                for form in forms:
                    self.cues[str(form).lower()].add(tag)
        speech = data["speech"]
        for lang in ("id", "en"):
            for form in speech.get(lang, []):
                self.cues[form.lower()].add("speech")
            for form in speech["according_to"].get(lang, []):
                self.cues[form.lower()].add("according_to")
            for form in speech["complementizer"].get(lang, []):
                self.cues[form.lower()].add("complementizer")
            for form in speech.get("bare_clause", {}).get(lang, []):
                self.cues[form.lower()].add("bare_clause")
        # Statements (the diplokg_statements component): communication verbs by lemma, their
        # surface forms (cues tagged "speech_verb", so the language layer parses their sentences)
        # and readout attributions ("speech_attribution").
        statements = data.get("statements") or {}
        self.statement_verbs: dict[str, frozenset[str]] = _words_by_language(statements.get("verbs") or {})
        self.statement_object_verbs: frozenset[str] = _words(statements.get("object_verbs") or {})
        self.statement_forms: dict[str, frozenset[str]] = _words_by_language(statements.get("forms") or {})
        self.statement_not_speech: frozenset[str] = _words(statements.get("not_speech") or {})
        self.statement_bare: frozenset[str] = _words(statements.get("bare") or {})
        self.subject_pronouns: frozenset[str] = _words(statements.get("subject_pronouns") or {})
        self.statement_oblique: frozenset[str] = _words(statements.get("oblique") or {})
        self.attribution: frozenset[str] = _words(statements.get("attribution") or {})
        for forms in self.statement_forms.values():
            for form in forms:
                self.cues[form].add("speech_verb")
        for form in self.attribution:
            self.cues[form].add("speech_attribution")
        # Coreference (the diplokg_coref component): words before a name mentioned in passing.
        coreference = data.get("coreference") or {}
        self.coref_passing: frozenset[str] = _words(coreference.get("passing") or {})
        # Memberships: the words around a membership cue that tie its forum to the states named.
        membership = data.get("membership_reading") or {}
        self.membership_subject_links: frozenset[str] = _words(membership.get("subject_links") or {})
        self.membership_list_intro: frozenset[str] = _words(membership.get("list_intro") or {})
        self.membership_also_in: frozenset[str] = _words(membership.get("also_in") or {})
        self.membership_pairs: tuple[tuple[str, ...], ...] = _phrases(membership.get("pairs") or {})
        self.negations: frozenset[str] = _words(membership.get("negations") or {})
        # Events (the diplokg_events component): trigger lemmas per type and language, and the
        # words that tie arguments, lists, places and serial readings to a trigger.
        reading = data.get("event_reading") or {}
        self.event_lemmas: dict[str, dict[str, str]] = defaultdict(dict)  # language -> lemma -> type
        for event_type, by_lang in (reading.get("lemmas") or {}).items():
            for lang, lemmas in by_lang.items():
                for lemma in lemmas:
                    self.event_lemmas[lang].setdefault(lemma.lower(), event_type)
        self.event_words: dict[str, dict[str, frozenset[str]]] = {
            key: _words_by_language(reading.get(key) or {}) for key in _EVENT_READING_TABLES}
        self._acronym_lows = {form.lower() for form in self.case_sensitive}
        self.not_names = {w for forms in data["not_names"].values() for w in forms}
        # Title and office words are never names either.
        self.not_names |= {str(w) for forms in (data.get("title_words") or {}).values() for w in forms}
        self.verb_suffixes: dict[str, tuple[str, ...]] = {
            lang: tuple(str(w).lower() for w in words) for lang, words in (data.get("verb_suffixes") or {}).items()}
        self.holder_of_links: frozenset[str] = _words(data.get("holder_of_links") or {})
        self.credits = {str(w).lower() for forms in (data.get("credits") or {}).values() for w in forms}
        self.name_particles = {str(w).lower() for w in data["name_particles"]}
        self.honorifics = {str(w).lower() for forms in data["honorifics"].values() for w in forms}
        self.durations = {str(k).lower(): v for forms in data["durations"].values() for k, v in forms.items()}
        self.default_roles: dict[str, str] = dict(data.get("default_roles") or {})
        # The order of entry types for a shared surface form when neither the text nor an entry's
        # own ``prior`` decides (types left out come last, in the knowledge base's order).
        order = list(data.get("reading_types") or ()) + [t for t in ENTRY_TYPES]
        self.reading_types: dict[str, int] = {t: order.index(t) for t in ENTRY_TYPES}
        self.home_state: dict[str, str] = dict(data.get("home_state") or {})
        self.home_state_categories: set[str] = set(data.get("home_state_categories") or ())
        self.byline = {str(w).lower() for forms in (data.get("byline") or {}).values() for w in forms}
        self.language_words = {str(w).lower() for forms in (data.get("language_words") or {}).values() for w in forms}
        self.receiving = {form for form, tags in self.cues.items() if "receiving" in tags}
        self.genre_objects = {str(w).lower() for forms in (speech.get("genre_objects") or {}).values() for w in forms}
        self.phone_words = {str(w).lower() for forms in (data.get("phone_words") or {}).values() for w in forms}
        self.visit_links = {str(w).lower() for forms in (data.get("visit_possessive_links") or {}).values() for w in forms}
        self.passive_agent = {str(w).lower() for forms in (data.get("passive_agent") or {}).values() for w in forms}
        # Function words around names, titles, places and triggers (lower-cased, all languages).
        self.locative: frozenset[str] = _words(data["locative"])
        self.place_nouns: frozenset[str] = _words(data["place_nouns"])
        self.place_noun_links: frozenset[str] = _words(data["place_noun_links"])
        self.title_of_links: frozenset[str] = _words(data["title_of_links"])
        self.unit_links: frozenset[str] = _words(data["unit_links"])
        # Phrases as word tuples, longest first (the people reader tries them in this order).
        self.holder_is_links: tuple[tuple[str, ...], ...] = _phrases(data.get("holder_is_links") or {})
        self.title_modifiers: tuple[tuple[str, ...], ...] = _phrases(data.get("title_modifiers") or {})
        self.title_modifier_starts: frozenset[str] = frozenset(words[0] for words in self.title_modifiers)
        self.state_descriptions: tuple[tuple[str, ...], ...] = _phrases(data.get("state_descriptions") or {})
        self.posted_to_links: frozenset[str] = _words(data["posted_to_links"])
        self.possessive: frozenset[str] = _words(data["possessive"])
        self.possessive_determiners: frozenset[str] = _words(data["possessive_determiners"])
        self.demonstratives_after: frozenset[str] = _words(data["demonstratives_after"])
        self.demonstratives_before: frozenset[str] = _words(data["demonstratives_before"])
        self.anaphoric_after: frozenset[str] = _words(data["anaphoric_after"])
        # Per language: an English article before a trigger points back; Indonesian has none.
        self.anaphoric_before: dict[str, frozenset[str]] = _words_by_language(data["anaphoric_before"])
        self.also: frozenset[str] = _words(data["also"])
        self.plural_markers: frozenset[str] = _words(data["plural_markers"])
        self.respectively: frozenset[str] = _words(data["respectively"])
        self.list_openers: frozenset[str] = _words(data["list_openers"])
        self.list_verbs: frozenset[str] = _words(data["list_verbs"])
        self.companion_links: frozenset[str] = _words(data["companion_links"])
        self.not_passive: frozenset[str] = _words(data["not_passive"])
        self.purpose: frozenset[str] = _words(data["purpose"])
        self.elect_markers: frozenset[str] = _words(data["elect_markers"])
        self.determiners: frozenset[str] = _words(data["determiners"])
        self.relatives: frozenset[str] = _words(data["relatives"])
        self.title_premodifiers: frozenset[str] = _words(data["title_premodifiers"])
        self.title_coordinators: frozenset[str] = _words(data["title_coordinators"])
        self.time_links: frozenset[str] = _words(data["time_links"])
        self.member_groups: frozenset[str] = _words(data["member_groups"])
        self.besides: frozenset[str] = _words(data["besides"])
        self.since_links: frozenset[str] = _words(data["since_links"])
        self.speech_plain: frozenset[str] = _words(speech["plain"])
        self.speech_inverted: frozenset[str] = _words(speech["inverted"])
        self.speech_addressee: frozenset[str] = _words(speech["addressee"])
        self.speech_setting: frozenset[str] = _words(speech["setting"])
        self.speech_audience: frozenset[str] = _words(speech["audience"])
        self.speech_audience_determiners: frozenset[str] = _words(speech["audience_determiners"])
        self.speech_back_reference: tuple[tuple[str, ...], ...] = _phrases(speech["back_reference"])
        self.speech_passive: frozenset[str] = _words(speech["passive"])
        self.speech_addressed: frozenset[str] = _words(speech["addressed"])
        # The first word of each "according to" phrase: a name right after it is a source.
        self.according_to_heads: frozenset[str] = frozenset(
            w.split()[0] for w in _words(speech["according_to"]))
        # Words, not patterns: the extractor builds its duration pattern from these.
        self.duration_markers: tuple[str, ...] = tuple(sorted(_words(data["duration_markers"])))
        self.duration_hedges: tuple[str, ...] = tuple(sorted(_words(data["duration_hedges"])))
        self.duration_compounds: tuple[str, ...] = tuple(sorted(_words(data["duration_compounds"])))
        morphology = data["morphology"]
        self.passive_prefix: dict[str, str] = _affixes(morphology, "passive_prefix")
        self.passive_suffix: dict[str, str] = _affixes(morphology, "passive_suffix")
        self.plural_suffix: dict[str, str] = _affixes(morphology, "plural_suffix")
        # (stem start, active prefix) rules per language, in order: "p>mem" -> ("p", "mem").
        self.active_prefixes: dict[str, tuple[tuple[str, str], ...]] = {
            lang: tuple(tuple(str(rule).lower().split(">", 1)) for rule in rules)  # type: ignore[misc]
            for lang, rules in data["active_prefixes"].items()}
        self._people_by_part: dict[str, list] = defaultdict(list)
        for entry in kb.entries:
            if entry.type != "Person":
                continue
            for form in {entry.name, *(alias for alias, _lang in entry.aliases)}:
                parts = form.split()
                for part in {parts[0], parts[-1]} if len(parts) > 1 else ():
                    if entry not in self._people_by_part[part]:
                        self._people_by_part[part].append(entry)
        # Fuzzy index: single-word state names, aliases, adjectives and capitals of six letters or
        # more, keyed by every one-letter deletion, so a lookup costs len(word) dict probes.
        self._fuzzy: dict[str, set[str]] = defaultdict(set)
        for low, cands in self.entities.items():
            if " " in low or "-" in low or len(low) < 6 or not any(c.type == "State" for c in cands):
                continue
            self._fuzzy[low].add(low)
            for d in _deletions(low):
                self._fuzzy[d].add(low)

    def past_title_modifier(self, lowers: list[str], words: list[str], i: int) -> int:
        """Past the words from token ``i`` that qualify a title between it and a capitalised name
        ("Sekretaris Jenderal PBB yang baru Antonio Guterres", "juru bicara kepresidenan X";
        :attr:`title_modifiers`, longest first); ``i`` where none does."""
        if i >= len(lowers) or lowers[i] not in self.title_modifier_starts:
            return i  # the common case
        for phrase in self.title_modifiers:
            stop = i + len(phrase)
            if stop < len(lowers) and tuple(lowers[i:stop]) == phrase and words[stop][:1].isupper():
                return stop
        return i

    def is_plural_title(self, span) -> bool:
        """Whether the token span ``span`` (a spaCy Span) is a plural title ("the foreign ministers");
        its last token decides the common case."""
        return span[-1].lower_ in self.plural_title_ends and span.text.lower() in self.plural_titles

    def people_with_part(self, part: str) -> list:
        """Knowledge-base people whose name (or a full-name alias) starts or ends with ``part``."""
        return list(self._people_by_part.get(part, ()))

    def phrase_table(self) -> dict[str, set[str]]:
        """Surface forms per gazetteer label, in their original case for tokenisation."""
        table: dict[str, set[str]] = {"ENTITY": set(), "ROLE": set(), "CUE": set()}
        for surface, _lang, _key, _kind in self.kb.surface_forms():
            table["ENTITY"].add(surface)
        for surface, _lang, _key in (*self.kb.role_titles(), *self.kb.role_plural_titles()):
            table["ROLE"].add(surface)
        table["CUE"].update(self.cues)
        return table

    def accepts(self, text: str, label: str) -> bool:
        """Case rules: acronyms match exactly; entity names must be capitalised."""
        low = text.lower()
        if label == "CUE":
            return True
        if low in self._acronym_lows:
            if text in self.case_sensitive:
                return True
            # Many newspapers write longer acronyms as words ("Asean", "Apec", "Nato"): title
            # case counts from four letters on; "AS", "UK", "PBB" stay exact.
            return label == "ENTITY" and len(text) >= 4 and text.isalpha() and text[0].isupper() and text[1:].islower()
        if label == "ENTITY":
            return text[:1].isupper() or text[:1].isdigit()
        return True

    def fuzzy_lookup(self, word: str) -> str | None:
        """A state surface form one edit away from ``word``, or None.

        Guards against false matches: the word is capitalised, five letters or more, not itself a
        known form, a common capitalised word or a word of a known person's name ("Mahama" is no
        Manama), shares its first letter with the target, and the match is unambiguous.
        """
        low = word.lower()
        if len(low) < 5 or low in self.entities or low in self.roles or low in self.cues or word in self.not_names \
                or word in self._people_by_part:
            return None
        targets: set[str] = set(self._fuzzy.get(low, ()))
        for d in _deletions(low):
            targets |= self._fuzzy.get(d, set())
        targets = {t for t in targets if t[0] == low[0] and abs(len(t) - len(low)) <= 1}
        if len(targets) != 1:
            return None
        target = next(iter(targets))
        states = {c.key for c in self.entities[target] if c.type == "State"}
        return target if len(states) == 1 else None


def _words(table: Mapping[str, list[str]]) -> frozenset[str]:
    """The words of a validated ``language -> [words]`` table, lower-cased, all languages."""
    return frozenset(w.lower() for forms in table.values() for w in forms)


def _phrases(table: Mapping[str, list[str]]) -> tuple[tuple[str, ...], ...]:
    """The phrases of a ``language -> [phrases]`` table as lower-cased word tuples, longest first
    (readers try them in this order)."""
    return tuple(sorted({tuple(str(p).lower().split()) for forms in table.values() for p in forms},
                        key=lambda words: (-len(words), words)))


def _words_by_language(table: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    return {lang: frozenset(w.lower() for w in forms) for lang, forms in table.items()}


def _affixes(morphology: Mapping[str, Any], kind: str) -> dict[str, str]:
    return {lang: affix.lower() for lang, affix in (morphology.get(kind) or {}).items()}


def _fail(source: str, where: str, problem: str) -> ConfigError:
    return ConfigError(f"{source}: {where} {problem}", hint=_SHAPE_HINT, code="E420")


def _check_words(value: Any, source: str, where: str) -> None:
    """``value`` is a mapping from language code to a list of non-empty strings."""
    if not isinstance(value, Mapping):
        raise _fail(source, f"'{where}'", f"is a {type(value).__name__}, not a mapping of language -> words")
    for lang, forms in value.items():
        if not isinstance(lang, str):
            raise _fail(source, f"'{where}'", f"has a language key {lang!r} that is not a language code")
        if not isinstance(forms, list):
            raise _fail(source, f"'{where}.{lang}'", f"is a {type(forms).__name__}, not a list of words")
        for form in forms:
            if not isinstance(form, str) or not form.strip():
                raise _fail(source, f"'{where}.{lang}'", f"holds {form!r} ({type(form).__name__}), not a word")


def _validate(data: Any, source: str) -> None:
    """Raise a :class:`ConfigError` naming the first table of ``data`` with a wrong shape."""
    if not isinstance(data, Mapping):
        raise _fail(source, "the file", f"is a {type(data).__name__}, not a mapping of tables")
    required = ("events", "speech", "name_particles", "durations", "morphology", *_WORD_TABLES)
    missing = [key for key in required if key not in data]
    if missing:
        raise _fail(source, "the file", f"lacks the table(s) {', '.join(missing)}")
    for key in _WORD_TABLES:
        _check_words(data[key], source, key)
    events = data["events"]
    if not isinstance(events, Mapping) or not events:
        raise _fail(source, "'events'", "is not a mapping of event type -> language -> triggers")
    for event_type, by_lang in events.items():
        _check_words(by_lang, source, f"events.{event_type}")
    speech = data["speech"]
    if not isinstance(speech, Mapping):
        raise _fail(source, "'speech'", "is not a mapping")
    for key in _SPEECH_TABLES:
        if key not in speech:
            raise _fail(source, "'speech'", f"lacks the table {key}")
        _check_words(speech[key], source, f"speech.{key}")
    _check_words({k: v for k, v in speech.items() if k not in _SPEECH_TABLES}, source, "speech")
    statements = data.get("statements")
    if statements is not None:
        if not isinstance(statements, Mapping):
            raise _fail(source, "'statements'", "is not a mapping of table -> language -> words")
        for key, table in statements.items():
            if key not in _STATEMENT_TABLES:
                raise _fail(source, f"'statements.{key}'", f"is not one of {', '.join(_STATEMENT_TABLES)}")
            _check_words(table, source, f"statements.{key}")
    for block, keys in (("coreference", _COREFERENCE_TABLES), ("membership_reading", _MEMBERSHIP_TABLES)):
        tables = data.get(block)
        if tables is None:
            continue
        if not isinstance(tables, Mapping):
            raise _fail(source, f"'{block}'", "is not a mapping of table -> language -> words")
        for key, table in tables.items():
            if key not in keys:
                raise _fail(source, f"'{block}.{key}'", f"is not one of {', '.join(keys)}")
            _check_words(table, source, f"{block}.{key}")
    reading = data.get("event_reading")
    if reading is not None:
        if not isinstance(reading, Mapping):
            raise _fail(source, "'event_reading'", "is not a mapping of table -> language -> words")
        for key, table in reading.items():
            if key == "lemmas":
                if not isinstance(table, Mapping):
                    raise _fail(source, "'event_reading.lemmas'", "is not a mapping of event type -> language -> lemmas")
                for event_type, by_lang in table.items():
                    _check_words(by_lang, source, f"event_reading.lemmas.{event_type}")
            elif key in _EVENT_READING_TABLES:
                _check_words(table, source, f"event_reading.{key}")
            else:
                raise _fail(source, f"'event_reading.{key}'",
                            f"is not one of lemmas, {', '.join(_EVENT_READING_TABLES)}")
    types = data.get("reading_types")
    if types is not None and (not isinstance(types, list) or not set(types) <= set(ENTRY_TYPES)):
        raise _fail(source, "'reading_types'", f"is not a list of entry types ({', '.join(ENTRY_TYPES)})")
    particles = data["name_particles"]
    if not isinstance(particles, list) or not all(isinstance(w, str) and w for w in particles):
        raise _fail(source, "'name_particles'", "is not a list of words")
    durations = data["durations"]
    if not isinstance(durations, Mapping):
        raise _fail(source, "'durations'", "is not a mapping of language -> {unit word: code}")
    for lang, units in durations.items():
        if not isinstance(units, Mapping) or not all(
                isinstance(w, str) and code in _DURATION_CODES for w, code in units.items()):
            raise _fail(source, f"'durations.{lang}'", "is not a mapping of unit word -> M, H or D")
    morphology = data["morphology"]
    if not isinstance(morphology, Mapping):
        raise _fail(source, "'morphology'", "is not a mapping of affix kind -> language -> affix")
    for kind, by_lang in morphology.items():
        if kind not in _AFFIXES:
            raise _fail(source, f"'morphology.{kind}'", f"is not one of {', '.join(_AFFIXES)}")
        if not isinstance(by_lang, Mapping) or not all(
                isinstance(a, str) and a.isalpha() for a in by_lang.values()):
            raise _fail(source, f"'morphology.{kind}'", "is not a mapping of language -> affix letters")


@functools.lru_cache(maxsize=4)
def _load(kb_dir: str | None, lexicon_path: str | None) -> Lexicon:
    kb = load_kb(kb_dir) if kb_dir else load_kb()
    path = Path(lexicon_path) if lexicon_path else Path(str(ontology_dir() / "lexicon.yaml"))
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_Loader)
    except OSError as exc:
        raise ConfigError(f"cannot read the lexicon {path}: {exc}", code="E420",
                          hint="reinstall diplokg or restore ontology/lexicon.yaml") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}", code="E420",
                          hint="fix the YAML syntax at the line named above") from exc
    return Lexicon(kb, data, source=str(path), common_words=_common_words())


def _common_words() -> Mapping[str, list[str]]:
    path = ontology_dir() / "common_words.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the common words {path}: {exc}", code="E420",
                          hint="reinstall diplokg, or run `spacy project run common-words training` and `export`") from exc
    if not isinstance(data, Mapping) or not all(isinstance(v, list) for v in data.values()):
        raise ConfigError(f"{path}: not a mapping of language -> list of words", code="E420",
                          hint="regenerate it: `spacy project run common-words training`, then `export`")
    return data


def load_lexicon(kb_dir: str | Path | None = None, lexicon_path: str | Path | None = None) -> Lexicon:
    """The lexicon built from the packaged (or given) knowledge base and lexicon file; cached."""
    return _load(str(kb_dir) if kb_dir else None, str(lexicon_path) if lexicon_path else None)
