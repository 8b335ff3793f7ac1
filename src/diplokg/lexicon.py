"""The extractor's view of the knowledge: surface form -> what it can mean.

Built once per process from the knowledge base (``ontology/kb/``) and the language lexicon
(``ontology/lexicon.yaml``). Lookups are by lower-cased surface form.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from .kb import KnowledgeBase, load_kb
from .resources import ontology_dir

__all__ = ["Candidate", "Lexicon", "load_lexicon"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One meaning of a surface form: a knowledge-base entry and how the form names it."""

    key: str
    type: str  # State | Forum | Organization | Place | Person
    kind: str  # name | alias | adjective | capital


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and len(surface) <= 5 and all(c.isupper() for c in letters)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Lexicon:
    """Surface-form tables for the gazetteer and the extractor."""

    def __init__(self, kb: KnowledgeBase, data: dict) -> None:
        self.kb = kb
        self.entities: dict[str, list[Candidate]] = defaultdict(list)
        self.roles: dict[str, str] = {}
        self.cues: dict[str, set[str]] = defaultdict(set)
        self.case_sensitive: set[str] = set()  # exact surface forms that must match case
        for surface, _lang, key, kind in kb.surface_forms():
            entry = kb.by_key(key)
            if entry is None:
                continue
            cand = Candidate(key, entry.type, kind)
            low = surface.lower()
            if cand not in self.entities[low]:
                self.entities[low].append(cand)
            if _is_acronym(surface):
                self.case_sensitive.add(surface)
        for surface, _lang, role_key in kb.role_titles():
            self.roles.setdefault(surface.lower(), role_key)
            if _is_acronym(surface):
                self.case_sensitive.add(surface)
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
        self._acronym_lows = {form.lower() for form in self.case_sensitive}
        self.not_names = {w for forms in data["not_names"].values() for w in forms}
        self.name_particles = {str(w).lower() for w in data["name_particles"]}
        self.honorifics = {str(w).lower() for forms in data["honorifics"].values() for w in forms}
        self.durations = {str(k).lower(): v for forms in data["durations"].values() for k, v in forms.items()}
        self.default_roles: dict[str, str] = dict(data.get("default_roles") or {})
        self.home_state: dict[str, str] = dict(data.get("home_state") or {})
        self.home_state_categories: set[str] = set(data.get("home_state_categories") or ())
        self.byline = {str(w).lower() for forms in (data.get("byline") or {}).values() for w in forms}
        self.language_words = {str(w).lower() for forms in (data.get("language_words") or {}).values() for w in forms}
        self.receiving = {form for form, tags in self.cues.items() if "receiving" in tags}
        self.genre_objects = {str(w).lower() for forms in (speech.get("genre_objects") or {}).values() for w in forms}
        self.phone_words = {str(w).lower() for forms in (data.get("phone_words") or {}).values() for w in forms}
        self.visit_links = {str(w).lower() for forms in (data.get("visit_possessive_links") or {}).values() for w in forms}
        self.passive_agent = {str(w).lower() for forms in (data.get("passive_agent") or {}).values() for w in forms}
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

    def people_with_part(self, part: str) -> list:
        """Knowledge-base people whose name (or a full-name alias) starts or ends with ``part``."""
        return list(self._people_by_part.get(part, ()))

    def phrase_table(self) -> dict[str, set[str]]:
        """Surface forms per gazetteer label, in their original case for tokenisation."""
        table: dict[str, set[str]] = {"ENTITY": set(), "ROLE": set(), "CUE": set()}
        for surface, _lang, _key, _kind in self.kb.surface_forms():
            table["ENTITY"].add(surface)
        for surface, _lang, _key in self.kb.role_titles():
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
        known form or a common capitalised word, shares its first letter with the target, and
        the match is unambiguous.
        """
        low = word.lower()
        if len(low) < 5 or low in self.entities or low in self.roles or low in self.cues or word in self.not_names:
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


@functools.lru_cache(maxsize=4)
def _load(kb_dir: str | None, lexicon_path: str | None) -> Lexicon:
    kb = load_kb(kb_dir) if kb_dir else load_kb()
    path = Path(lexicon_path) if lexicon_path else Path(str(ontology_dir() / "lexicon.yaml"))
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)
    return Lexicon(kb, data)


def load_lexicon(kb_dir: str | Path | None = None, lexicon_path: str | Path | None = None) -> Lexicon:
    """The lexicon built from the packaged (or given) knowledge base and lexicon file; cached."""
    return _load(str(kb_dir) if kb_dir else None, str(lexicon_path) if lexicon_path else None)
