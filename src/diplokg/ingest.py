"""Files to :class:`~diplokg.records.Document`: formats, normalisation and page furniture.

Inputs are ``.txt`` (one article, id = file stem), ``.md`` (YAML front matter + body) and
``.jsonl`` (one article per line), or directories of them. Text is decoded as UTF-8 (a BOM is
tolerated), line ends become ``\\n`` and the text is NFC-normalised; that string is what every
offset in the graph indexes. Page furniture (related-story lists, bylines, photo credits, ...) is
found and *recorded* as :class:`~diplokg.records.Furniture` regions; nothing is deleted.

Bad inputs never stop a batch: :func:`read_inputs` yields an :class:`~diplokg.errors.InputError`
record for each and goes on.

>>> doc = read_text("Menlu bertemu\\r\\n\\r\\nMenlu RI bertemu dengan mitranya di Jakarta.\\r\\nKomentar (2)",
...                 doc_id="a1")
>>> doc.title, doc.language, doc.text.count("\\r")
('Menlu bertemu', 'id', 0)
>>> [(doc.text[f.start:f.end], f.kind) for f in doc.furniture]
[('Komentar (2)', 'comment-counter')]
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, InputError
from .records import Document, Furniture
from .resources import ontology_dir

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUFFIXES",
    "FurnitureRules",
    "read_inputs",
    "read_path",
    "read_text",
    "detect_language",
    "find_furniture",
    "normalise_text",
    "normalise_date",
    "normalise_language",
    "load_furniture_rules",
]

#: Largest single article (a .txt/.md file, or one JSONL line) read by default: 5 MB.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: File suffixes read when walking a directory.
SUFFIXES = (".txt", ".md", ".jsonl")

_MD_SUFFIXES = (".md", ".markdown")
_TEXT_SUFFIXES = (".txt", ".text")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_BINARY_SNIFF = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SENTENCE_END = (".", "。")


# --------------------------------------------------------------------------------------------
# packaged data


def _data_file(name: str) -> Traversable:
    """A file of the packaged ontology directory (installed, or ``ontology/`` in a checkout)."""
    path = ontology_dir() / name
    if not path.is_file():
        raise ConfigError(
            f"packaged data file {name!r} not found in {ontology_dir()}",
            hint="reinstall diplokg, or run from a checkout that has ontology/" + name,
        )
    return path


def _load_yaml(path: Path | Traversable) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot load ({exc})", hint="fix the YAML syntax") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


@lru_cache(maxsize=4)
def _languages(path: str | None = None) -> dict[str, dict[str, Any]]:
    data = _load_yaml(Path(path) if path else _data_file("languages.yaml"))
    return {str(code): dict(spec or {}) for code, spec in data.items()}


# --------------------------------------------------------------------------------------------
# language


def normalise_language(value: object) -> str | None:
    """The language code for ``value`` ("id", "en"), or None when it is not a known spelling.

    >>> normalise_language("Bahasa Indonesia"), normalise_language("en-GB"), normalise_language("fr")
    ('id', 'en', None)
    """
    if not isinstance(value, str):
        return None
    key = value.strip().lower().replace("_", "-")
    for code, spec in _languages().items():
        if key == code or key in {str(a).lower() for a in spec.get("aliases", ())}:
            return code
    return None


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def detect_language(text: str) -> str:
    """Guess "id" or "en" by counting frequent function words of each language.

    Ties (including text with no known words at all) go to Indonesian, the project's first
    language.

    >>> detect_language("Menteri itu mengatakan bahwa kedua negara akan bekerja sama.")
    'id'
    >>> detect_language("The minister said that the two countries will work together.")
    'en'
    """
    languages = _languages()
    lists = {code: frozenset(spec.get("stopwords", ())) for code, spec in languages.items()}
    counts = dict.fromkeys(lists, 0)
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        for code, words in lists.items():
            if word in words:
                counts[code] += 1
    order = list(lists)
    return max(order, key=lambda code: (counts[code], -order.index(code)))


# --------------------------------------------------------------------------------------------
# normalisation


def normalise_text(text: str) -> str:
    """The stored form of a text: no BOM, ``\\n`` line ends, NFC; no lone surrogates, U+FFFE, U+FFFF, U+0000.

    >>> normalise_text("\\ufeffCafe\\u0301\\r\\nok\\r")
    'Café\\nok\\n'
    >>> normalise_text("a\\ud800b\\ufffe")  # not characters: U+FFFD, one for one (offsets hold)
    'a\\ufffdb\\ufffd'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    # JSON "\\ud800" decodes to a lone surrogate, which no UTF-8 writer (spaCy, pyoxigraph) accepts;
    # raptor (rapper) refuses the noncharacters U+FFFE and U+FFFF in any RDF string, even escaped,
    # and cuts a string at U+0000 (C strings): all three would make the graph differ between tools.
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = text.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd").replace("\x00", "\ufffd")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def normalise_date(value: object) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from a date, datetime or ISO string; None when invalid.

    >>> normalise_date("2023-03-20T14:05:00+07:00"), normalise_date("2023-02-30"), normalise_date(None)
    ('2023-03-20', None, None)
    """
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if not raw:
        return None
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        return _dt.datetime.fromisoformat(raw).date().isoformat()
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", raw)
    if match:
        try:
            return _dt.date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------------------------
# furniture


@dataclass(frozen=True)
class FurnitureRules:
    """Compiled furniture cues (see ``ontology/furniture.yaml``)."""

    lines: tuple[tuple[str, re.Pattern[str]], ...]
    #: Matches a line (fullmatch) or finds a stretch (search) wherever one of ``lines`` or
    #: ``inline`` would: most lines match none, and one pattern tries them all at once.
    any_line: re.Pattern[str]
    any_inline: re.Pattern[str]
    related_header: re.Pattern[str]
    related_inline: re.Pattern[str]
    related_bracket: re.Pattern[str]
    inline: tuple[tuple[str, re.Pattern[str]], ...]
    source_line: re.Pattern[str]
    published_line: re.Pattern[str]
    source_line_max_words: int
    video_timestamp: re.Pattern[str]
    image_alt: re.Pattern[str]
    credit_words: frozenset[str]
    headline_max_chars: int
    headline_max_words: int
    line_max_chars: int
    credit_max_words: int
    blurb_min_fragments: int
    blurb_min_fragments_unquoted: int
    blurb_max_fragment_words: int
    dateline_max_lines: int = 6
    dateline_max_words: int = 6
    dateline_domain: re.Pattern[str] = re.compile("(?!)")
    dateline_separator: re.Pattern[str] = re.compile("(?!)")
    dateline_bracket: re.Pattern[str] = re.compile("(?!)")

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, source: str = "furniture rules") -> FurnitureRules:
        def compile_(pattern: str, where: str) -> re.Pattern[str]:
            try:
                return re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ConfigError(
                    f"{source}: invalid regular expression in {where}: {exc}",
                    hint="fix the pattern (Python `re` syntax)",
                ) from exc

        def either(patterns: Iterable[str], where: str) -> re.Pattern[str]:
            return compile_("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", where)

        limits = data.get("limits", {})
        blurb = data.get("author_blurb", {})
        lines = tuple(
            (kind, compile_(pattern, f"lines.{kind}"))
            for kind, patterns in (data.get("lines") or {}).items()
            for pattern in patterns
        )
        inline = tuple(
            (kind, compile_(pattern, f"inline.{kind}"))
            for kind, patterns in (data.get("inline") or {}).items()
            for pattern in patterns
        )
        def union(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
            # Group names are dropped (two patterns may name the same group). Where the patterns
            # cannot be joined (a reference back to a group, a global flag inside), the union
            # matches everywhere: that only costs speed.
            sources = [p.pattern for p in patterns]
            if not any("(?P=" in source or re.search(r"\\\d", source) for source in sources):
                try:
                    return re.compile("|".join(f"(?:{_GROUP_NAME.sub('(?:', source)})" for source in sources)
                                      or "(?!)", re.IGNORECASE)
                except re.error:
                    pass
            return re.compile(r"(?s:.*)")

        headers = either(data.get("related_headers", ()), "related_headers")
        inline_headers = data.get("related_inline_headers", ())
        alt = "|".join(re.escape(label) for label in data.get("image_alt_labels", ())) or "(?!)"
        dateline = data.get("dateline") or {}
        return cls(
            dateline_max_lines=int(dateline.get("max_lines", 6)),
            dateline_max_words=int(dateline.get("max_words", 6)),
            dateline_domain=compile_(dateline.get("domain", "(?!)"), "dateline.domain"),
            dateline_separator=compile_(dateline.get("separator", "(?!)"), "dateline.separator"),
            dateline_bracket=compile_(dateline.get("bracket", "(?!)"), "dateline.bracket"),
            lines=lines,
            any_line=union(pattern for _kind, pattern in lines),
            any_inline=union(pattern for _kind, pattern in inline),
            related_header=compile_(rf"(?:{headers.pattern})\s*:?", "related_headers"),
            related_inline=compile_(
                r"(?P<h>" + "|".join(f"(?:{p})" for p in inline_headers) + r")\s*:\s*\S.*",
                "related_inline_headers",
            ),
            related_bracket=compile_(
                r"\(\s*(?:" + "|".join(f"(?:{p})" for p in inline_headers) + r")\s*:\s*[^()\n]{1,200}\)",
                "related_inline_headers",
            ),
            inline=inline,
            source_line=compile_(data.get("source_line", "(?!)"), "source_line"),
            published_line=compile_(data.get("published_line", "(?!)"), "published_line"),
            source_line_max_words=int(data.get("source_line_max_words", 15)),
            video_timestamp=compile_(data.get("video_timestamp", "(?!)"), "video_timestamp"),
            image_alt=compile_(rf"\s+[-–—|]\s+(?:{alt})\s*\d+", "image_alt_labels"),
            credit_words=frozenset(str(w).lower() for w in data.get("credit_words", ())),
            headline_max_chars=int(limits.get("headline_max_chars", 200)),
            headline_max_words=int(limits.get("headline_max_words", 30)),
            line_max_chars=int(limits.get("line_max_chars", 300)),
            credit_max_words=int(limits.get("credit_max_words", 6)),
            blurb_min_fragments=int(blurb.get("min_fragments", 3)),
            blurb_min_fragments_unquoted=int(blurb.get("min_fragments_unquoted", 4)),
            blurb_max_fragment_words=int(blurb.get("max_fragment_words", 6)),
        )


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def load_furniture_rules(path: str | Path | None = None) -> FurnitureRules:
    """Compile the furniture cues from ``path`` (default: the packaged ``furniture.yaml``)."""
    return _load_rules(str(path) if path is not None else None)


@lru_cache(maxsize=4)
def _load_rules(path: str | None) -> FurnitureRules:
    source: Path | Traversable = Path(path) if path else _data_file("furniture.yaml")
    return FurnitureRules.from_dict(_load_yaml(source), source=str(source))


@dataclass
class _Line:
    start: int  # offset of the first non-space character
    end: int  # offset after the last non-space character
    text: str  # the stripped line
    raw_start: int  # offset of the line in the text

    @property
    def blank(self) -> bool:
        return not self.text


def _split_lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = pos + lead
        lines.append(_Line(start, start + len(stripped), stripped, pos))
        pos += len(raw) + 1
    return lines


_CLOSERS = "\"'”’»)]"


def _headline_like(line: str, rules: FurnitureRules) -> bool:
    """Short, no final full stop, not the end of a quotation: a headline, not body text."""
    if not line or len(line) > rules.headline_max_chars:
        return False
    if len(line.split()) > rules.headline_max_words:
        return False
    if line.endswith(("...", "…")):
        return True
    if line.endswith(_SENTENCE_END):
        return False
    inner = line.rstrip(_CLOSERS)
    # “Kita harus bekerja sama.” is speech, not a headline
    return not (inner != line and inner.endswith((".", "!", "?", ",")))


def _credit_ok(credit: str, rules: FurnitureRules) -> bool:
    """Does ``credit`` look like a photo credit (names, agencies, a/b paths), not a caption?"""
    body = credit.strip().strip("()").strip()
    if ":" in body:
        body = body.split(":", 1)[1]
    words = body.split()
    if not words or len(words) > rules.credit_max_words:
        return False
    for word in words:
        bare = word.strip(".,;()[]\"'“”‘’")
        if not bare:
            continue
        if "/" in bare or bare[0].isupper() or bare[0].isdigit():
            continue
        if word.lower().strip(",;()") in rules.credit_words or bare.lower() in rules.credit_words:
            continue
        return False
    return True


_QUOTES = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’"}


def _author_blurb(line: str, rules: FurnitureRules) -> bool:
    quoted = len(line) > 2 and line[0] in _QUOTES and line[-1] == _QUOTES[line[0]]
    inner = line[1:-1].strip() if quoted else line
    if not inner.endswith((".", "!")):
        return False
    fragments = [f.strip() for f in re.split(r"[.!]+", inner) if f.strip()]
    needed = rules.blurb_min_fragments if quoted else rules.blurb_min_fragments_unquoted
    if len(fragments) < needed:
        return False
    return all(len(f.split()) <= rules.blurb_max_fragment_words for f in fragments)


def find_furniture(
    text: str, language: str = "id", *, rules: FurnitureRules | None = None
) -> tuple[Furniture, ...]:
    """Regions of ``text`` that are page furniture, sorted and non-overlapping.

    ``text[f.start:f.end]`` is exactly the furniture (no surrounding spaces). Cues of every
    language apply, since Indonesian pages carry English widget labels and vice versa;
    ``language`` must be a supported language code.

    >>> text = "Kedua menteri bertemu di Jakarta.\\nBaca juga: Menlu Tiba di Tokyo\\nADVERTISEMENT"
    >>> [(text[f.start:f.end], f.kind) for f in find_furniture(text, "id")]
    [('Baca juga: Menlu Tiba di Tokyo', 'related-stories'), ('ADVERTISEMENT', 'advertisement')]
    """
    if language not in _languages():
        raise ConfigError(
            f"unsupported language {language!r}",
            hint=f"use one of {', '.join(sorted(_languages()))}",
        )
    rules = rules or load_furniture_rules()
    lines = _split_lines(text)
    claimed: list[str | None] = [None] * len(lines)
    regions: list[Furniture] = []

    def claim(i: int, kind: str) -> None:
        claimed[i] = kind
        regions.append(Furniture(lines[i].start, lines[i].end, kind))

    # 1. whole lines
    for i, line in enumerate(lines):
        if line.blank or len(line.text) > rules.line_max_chars:
            continue
        if rules.related_header.fullmatch(line.text) or rules.related_inline.fullmatch(line.text):
            claimed[i] = "related-stories"  # regions made in step 2
            continue
        source = rules.source_line.fullmatch(line.text)
        if source and (
            source.group("url") or len(line.text.split()) <= rules.source_line_max_words + 1
        ):
            claim(i, "source-line")
            continue
        if rules.video_timestamp.fullmatch(line.text):
            claimed[i] = "video"
            continue
        if not rules.any_line.fullmatch(line.text):
            continue
        for kind, pattern in rules.lines:
            if pattern.fullmatch(line.text) and (kind != "photo-credit" or _credit_ok(line.text, rules)):
                claim(i, kind)
                break

    # tail[j]: lines j.. are all blank, furniture or headline-like (the end of the page)
    tail = [True] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        tail[k] = tail[k + 1] and bool(
            lines[k].blank or claimed[k] or _headline_like(lines[k].text, rules)
        )

    # 2. related-stories blocks and video blocks
    i = 0
    while i < len(lines):
        line = lines[i]
        if claimed[i] == "related-stories" and rules.related_inline.fullmatch(line.text) and not (
            rules.related_header.fullmatch(line.text)
        ):
            regions.append(Furniture(line.start, line.end, "related-stories"))
            i += 1
            continue
        if claimed[i] == "related-stories":
            last = i
            j = i + 1
            while j < len(lines) and lines[j].blank:  # headlines may follow a blank line
                j += 1
            while j < len(lines):
                nxt = lines[j]
                if nxt.blank:
                    if last > i and tail[j]:
                        j += 1
                        continue
                    break
                if claimed[j] and claimed[j] != "related-stories":
                    if tail[j]:
                        j += 1
                        continue
                    break
                if claimed[j] == "related-stories" or _headline_like(nxt.text, rules):
                    claimed[j] = "related-stories"
                    last = j
                    j += 1
                    continue
                break
            # one region per run of consecutive related lines; other furniture keeps its own kind
            k = i
            while k <= last:
                if claimed[k] != "related-stories" or lines[k].blank:
                    k += 1
                    continue
                run_end = k
                while run_end + 1 <= last and claimed[run_end + 1] == "related-stories":
                    run_end += 1
                regions.append(Furniture(lines[k].start, lines[run_end].end, "related-stories"))
                k = run_end + 1
            i = last + 1
            continue
        if claimed[i] == "video":
            last = i
            nxt = i + 1
            if nxt < len(lines) and not claimed[nxt] and _headline_like(lines[nxt].text, rules):
                title = lines[nxt].text
                last = nxt
                while last + 1 < len(lines) and lines[last + 1].text == title:
                    last += 1
            for k in range(i, last + 1):
                claimed[k] = "video"
            regions.append(Furniture(lines[i].start, lines[last].end, "video"))
            i = last + 1
            continue
        i += 1

    # 3. the headline repeated later (a duplicate title line, or image alt text "Title - image 1")
    first = next((k for k, line in enumerate(lines) if not line.blank), None)
    if first is not None and not claimed[first] and _headline_like(lines[first].text, rules):
        title = lines[first].text
        for k in range(first + 1, len(lines)):
            if claimed[k] or lines[k].blank:
                continue
            if lines[k].text == title:
                claim(k, "repeated-title")
            elif lines[k].text.startswith(title):
                alt = rules.image_alt.match(lines[k].text, len(title))
                if alt:
                    regions.append(
                        Furniture(lines[k].start, lines[k].start + alt.end(), "image-widget")
                    )

    # 4. inline credits and embeds on the lines left
    for k, line in enumerate(lines):
        if claimed[k] or line.blank:
            continue
        for kind, pattern in rules.inline if rules.any_inline.search(line.text) else ():
            for match in pattern.finditer(line.text):
                group = "f" if "f" in pattern.groupindex and match.group("f") else 0
                start, end = match.span(group)
                if end <= start:
                    continue
                if kind == "photo-credit" and not _credit_ok(match.group(group), rules):
                    continue
                regions.append(Furniture(line.start + start, line.start + end, kind))
        for match in rules.related_bracket.finditer(line.text):
            regions.append(
                Furniture(line.start + match.start(), line.start + match.end(), "related-stories")
            )

    # 5. the outlet in a dateline opening the body
    seen = 0
    for k, line in enumerate(lines):
        if line.blank or claimed[k]:
            continue
        seen += 1
        if seen > rules.dateline_max_lines:
            break
        outlet = _dateline_outlet(line.text, rules)
        if outlet:
            regions.append(Furniture(line.start + outlet[0], line.start + outlet[1], "dateline"))
            break

    # 6. an author blurb after the body: every later line is furniture or blank
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if line.blank or claimed[k]:
            continue
        if _author_blurb(line.text, rules) and all(
            lines[m].blank or claimed[m] for m in range(k + 1, len(lines))
        ):
            claim(k, "author-blurb")
        break

    return _tidy(regions)


def _dateline_outlet(line: str, rules: FurnitureRules) -> tuple[int, int] | None:
    """Offsets of the outlet name in a dateline at the start of ``line``, if there is one."""
    bracket = rules.dateline_bracket.match(line)
    if bracket:
        outlet = bracket.group("outlet").strip()
        letters = re.sub(r"[^A-Za-z]", "", outlet)
        if (
            rules.dateline_domain.search(outlet)
            or "/" in outlet
            or re.search(r"\bnews\b", outlet, re.IGNORECASE)
            or (" " not in outlet and len(letters) >= 4 and outlet.isupper())
        ):
            return bracket.start("outlet") - 1, bracket.end("outlet") + 1
        return None
    sep = rules.dateline_separator.search(line, 0, 80)
    if not sep or sep.start() == 0:
        return None
    prefix = line[: sep.start()]
    if len(prefix.split()) > rules.dateline_max_words or re.search(r"[!?;:()\"“”]", prefix):
        return None
    parts: list[tuple[int, int]] = []
    pos = 0
    for piece in prefix.split(","):
        lead = len(piece) - len(piece.lstrip())
        parts.append((pos + lead, pos + len(piece.rstrip())))
        pos += len(piece) + 1
    texts = [prefix[a:b] for a, b in parts]
    if len(parts) > 2 or any(not t for t in texts):
        return None
    for text in texts:
        for word in text.split():
            if rules.dateline_domain.fullmatch(word):
                continue
            if "." in word or not (word[0].isupper() or word[0].isdigit()):
                return None
    domains = [i for i, t in enumerate(texts) if rules.dateline_domain.search(t)]
    if len(domains) == 1:
        return parts[domains[0]]
    if len(parts) != 2 or domains:
        return None
    if "--" in sep.group():  # "City, Outlet -- "
        return parts[1]
    city, outlet = texts
    if " " not in outlet and outlet.isupper() and not city.isupper() and len(outlet) >= 2:
        return parts[1]  # "City, OUTLET – "
    return None


def _tidy(regions: list[Furniture]) -> tuple[Furniture, ...]:
    """Sort; drop empty regions and any region inside or overlapping an earlier, longer one."""
    out: list[Furniture] = []
    for region in sorted(regions, key=lambda r: (r.start, -(r.end - r.start))):
        if region.end <= region.start:
            continue
        if out and region.start < out[-1].end:
            continue
        out.append(region)
    return tuple(out)


def _source_url(text: str, furniture: Iterable[Furniture], rules: FurnitureRules) -> str | None:
    for region in furniture:
        if region.kind == "source-line":
            match = rules.source_line.fullmatch(text[region.start : region.end])
            if match and match.group("url"):
                return match.group("url").rstrip(".,;)")
    return None


def _title_of(text: str, furniture: tuple[Furniture, ...], rules: FurnitureRules) -> str | None:
    """The first line when it looks like a headline and a blank line follows it."""
    lines = text.split("\n", 2)
    if len(lines) < 2 or lines[1].strip():
        return None
    title = lines[0].strip()
    if not _headline_like(title, rules) or title.endswith(("...", "…", ":")):
        return None
    offset = text.index(title)
    if any(f.start <= offset < f.end for f in furniture):
        return None
    return title


# --------------------------------------------------------------------------------------------
# documents


def read_text(
    text: str,
    *,
    doc_id: str,
    language: str | None = None,
    title: str | None = None,
    published: object = None,
    url: str | None = None,
    path: str | None = None,
    detect_title: bool = True,
) -> Document:
    """A :class:`Document` from a string (normalised, furniture found, language detected).

    ``title`` given wins; otherwise, with ``detect_title``, a first line that looks like a
    headline and is followed by a blank line becomes the title (it stays in the text).
    Raises :class:`InputError` for empty text or an unsupported ``language``.
    """
    where = path or "<text>"
    stored = normalise_text(text)
    if not stored.strip():
        raise InputError(where, "empty input (no text)", kind="empty", doc_id=doc_id,
                         hint="remove the input or give it article text")
    if language is None:
        lang = detect_language(stored)
    else:
        lang = normalise_language(language)
        if lang is None:
            raise InputError(
                where, f"unsupported language {language!r}", kind="language", doc_id=doc_id,
                hint=f"use one of {', '.join(sorted(_languages()))}, or leave it out to detect it",
            )
    rules = load_furniture_rules()
    furniture = find_furniture(stored, lang, rules=rules)
    if title is not None:
        title = normalise_text(str(title)).strip() or None
    elif detect_title:
        title = _title_of(stored, furniture, rules)
    return Document(
        id=str(doc_id),
        text=stored,
        language=lang,
        title=title,
        published=normalise_date(published),
        url=url.strip() if isinstance(url, str) and url.strip() else None,
        source_url=_source_url(stored, furniture, rules),
        furniture=furniture,
        path=path,
    )


def _decode(data: bytes, where: str, *, line: int | None = None, base: int = 0) -> str | InputError:
    """UTF-8 text from ``data``, or the InputError that says why it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputError(where, "UTF-16 text, not UTF-8", line=line, kind="encoding",
                          hint=f"convert with: iconv -f UTF-16 -t UTF-8 {where} > converted.txt")
    sniff = data[:_BINARY_SNIFF]
    if b"\x00" in sniff:
        return InputError(where, f"binary content (NUL byte at offset {base + sniff.index(0)})",
                          line=line, kind="binary",
                          hint="give plain-text articles (.txt, .md, .jsonl), not binary files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = "WINDOWS-1252"
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            guess = "ISO-8859-1"
        return InputError(
            where, f"not UTF-8 (byte offset {base + exc.start})", line=line, kind="encoding",
            hint=f"convert with: iconv -f {guess} -t UTF-8 {where} > converted (if the source "
            f"encoding is {guess})",
        )
    sample = text[:_BINARY_SNIFF]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.1:
        return InputError(where, "binary content (mostly control characters)", line=line,
                          kind="binary",
                          hint="give plain-text articles (.txt, .md, .jsonl), not binary files")
    return text


def _too_large(where: str, size: int, max_bytes: int, line: int | None = None) -> InputError:
    return InputError(
        where, f"too large for one article ({size} bytes > {max_bytes})", line=line,
        kind="too-large",
        hint="split it into one article per file or JSONL line, or raise max_bytes",
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes | InputError:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _too_large(where, size, max_bytes)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        return InputError(where, f"cannot read ({exc.strerror or exc})", kind="unreadable",
                          hint="check that the path exists and is readable")


def _front_matter(text: str, where: str) -> tuple[dict[str, Any], str] | InputError:
    """Split YAML front matter off a Markdown text."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for k in range(1, len(lines)):
        if lines[k].strip() in ("---", "..."):
            block = "\n".join(lines[1:k])
            body = "\n".join(lines[k + 1 :])
            break
    else:
        return InputError(where, "front matter is not terminated (no closing '---' line)",
                          kind="front-matter", hint="end the front matter with a line '---'")
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return InputError(where, f"front matter is not valid YAML{at}: {problem}",
                          kind="front-matter", hint="fix the YAML between the '---' lines")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return InputError(where, f"front matter is a {type(meta).__name__}, not a mapping",
                          kind="front-matter",
                          hint="write it as 'key: value' lines (id, title, published, url, language)")
    return {str(k).lower(): v for k, v in meta.items()}, body


def _meta_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _document(
    text: str,
    *,
    doc_id: str,
    where: str,
    language: str | None,
    meta_language: object = None,
    title: object = None,
    published: object = None,
    url: object = None,
    line: int | None = None,
    detect_title: bool = True,
) -> Document | InputError:
    if language is None and meta_language is not None and _meta_str(meta_language):
        if normalise_language(meta_language) is None:
            return InputError(where.rsplit(":", 1)[0] if line else where,
                              f"unsupported language {meta_language!r}", line=line,
                              kind="language", doc_id=doc_id,
                              hint=f"use one of {', '.join(sorted(_languages()))}, or leave it out")
        language = normalise_language(meta_language)
    try:
        return read_text(
            text, doc_id=doc_id, language=language, title=_meta_str(title),
            published=published, url=_meta_str(url), path=where, detect_title=detect_title,
        )
    except InputError as err:
        if line is not None:
            return InputError(err.path.rsplit(":", 1)[0], err.reason, line=line, kind=err.kind,
                              hint=err.hint, doc_id=doc_id)
        return err


def _read_plain(path: Path, language: str | None, max_bytes: int, markdown: bool) -> Document | InputError:
    where = str(path)
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        return data
    text = _decode(data, where)
    if isinstance(text, InputError):
        return text
    if not text.strip():
        return InputError(where, "empty input (no text)", kind="empty",
                          hint="remove the file or give it article text")
    if not markdown:
        return _document(text, doc_id=path.stem, where=where, language=language)
    split = _front_matter(normalise_text(text), where)
    if isinstance(split, InputError):
        return split
    meta, body = split
    title = meta.get("title")
    heading = re.match(r"#\s+(.+?)\s*#*\s*$", body.lstrip("\n").split("\n", 1)[0])
    if title is None and heading:
        title = heading.group(1)
    return _document(
        body,
        doc_id=_meta_str(meta.get("id")) or path.stem,
        where=where,
        language=language,
        meta_language=meta.get("language", meta.get("lang")),
        title=title,
        published=meta.get("published", meta.get("date")),
        url=meta.get("url"),
    )


def _read_jsonl(path: Path, language: str | None, max_bytes: int) -> Iterator[Document | InputError]:
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(where, f"cannot read ({exc.strerror or exc})", kind="unreadable",
                         hint="check that the path exists and is readable")
        return
    seen_any = False
    offset = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            base = offset
            offset += len(raw)
            if len(raw) > max_bytes:
                yield _too_large(where, len(raw), max_bytes, line=number)
                continue
            decoded = _decode(raw, where, line=number, base=base)
            if isinstance(decoded, InputError):
                yield decoded
                continue
            if not decoded.strip():
                continue
            seen_any = True
            try:
                obj = json.loads(decoded)
            except json.JSONDecodeError as exc:
                yield InputError(where, f"not valid JSON: {exc.msg} (column {exc.colno})",
                                 line=number, kind="jsonl",
                                 hint="write one JSON object per line")
                continue
            if not isinstance(obj, dict):
                yield InputError(where, f"a JSON {type(obj).__name__}, not an object",
                                 line=number, kind="jsonl",
                                 hint='write one object per line: {"id": ..., "text": ...}')
                continue
            doc_id = _meta_str(obj.get("id")) or f"{path.stem}-{number}"
            text = obj.get("text")
            if not isinstance(text, str) or not text.strip():
                what = "no 'text' field" if text is None else (
                    "an empty 'text'" if isinstance(text, str) else
                    f"'text' is a {type(text).__name__}, not a string")
                yield InputError(where, f"{what} (id {doc_id!r})", line=number,
                                 kind="missing-text", doc_id=doc_id,
                                 hint="give every line a non-empty string 'text'")
                continue
            yield _document(
                text,
                doc_id=doc_id,
                where=f"{where}:{number}",
                language=language,
                meta_language=obj.get("language", obj.get("lang")),
                title=obj.get("title"),
                published=obj.get("published", obj.get("date")),
                url=obj.get("url"),
                line=number,
            )
    if not seen_any:
        yield InputError(where, "empty input (no JSON lines)", kind="empty",
                         hint="remove the file or add one JSON object per line")


def read_path(
    path: str | Path, *, language: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Documents (and InputError records) from one file, whatever its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _JSONL_SUFFIXES:
        yield from _read_jsonl(path, language, max_bytes)
    elif suffix in _MD_SUFFIXES:
        yield _read_plain(path, language, max_bytes, markdown=True)
    elif suffix in _TEXT_SUFFIXES:
        yield _read_plain(path, language, max_bytes, markdown=False)
    else:
        yield InputError(str(path), f"unsupported file type {suffix or '(no suffix)'!r}",
                         kind="unsupported",
                         hint="give .txt, .md or .jsonl files, or a directory of them")


def _walk(directory: Path) -> list[Path]:
    """Input files under ``directory``, recursively, in a stable order; hidden entries skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in SUFFIXES + _MD_SUFFIXES[1:] + _JSONL_SUFFIXES[1:]:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def read_inputs(
    paths: Iterable[str | Path],
    *,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Documents from files and directories, with an InputError record for each bad input.

    Paths are read in the order given; a directory is walked recursively in sorted order
    (``.txt``, ``.md``, ``.jsonl``; other files and hidden entries are skipped, but a file named
    explicitly with another suffix is reported). Nothing is raised for a bad input: the batch goes
    on. A document id already produced earlier in the same call is reported as a duplicate.
    ``language`` ("id"/"en"), when given, overrides JSONL fields, front matter and detection.

    >>> import pathlib, tempfile
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (work / "visit.txt").write_text("Indonesian Foreign Minister Retno Marsudi met Japanese Foreign "
    ...     "Minister Yoko Kamikawa in Jakarta on 3 May 2024.\\n", encoding="utf-8")
    >>> _ = (work / "empty.txt").write_text("  \\n", encoding="utf-8")
    >>> from diplokg import read_inputs
    >>> for item in read_inputs([work]):  # a directory: its files in sorted order
    ...     print(type(item).__name__, item.code if isinstance(item, Exception) else (item.id, item.language))
    InputError E102
    Document ('visit', 'en')
    """
    if language is not None:
        code = normalise_language(language)
        if code is None:
            raise ConfigError(f"unsupported language {language!r}",
                              hint=f"use one of {', '.join(sorted(_languages()))}")
        language = code
    seen: dict[str, str] = {}
    for given in paths:
        path = Path(os.fsdecode(given)) if isinstance(given, bytes) else Path(given)
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield InputError(str(path), "directory has no input files (.txt, .md, .jsonl)",
                                 kind="no-inputs",
                                 hint="point at a directory that holds articles, or at the files")
                continue
        elif path.exists() or path.is_symlink():
            files = [path]
        else:
            yield InputError(str(path), "no such file or directory", kind="unreadable",
                             hint="check the path")
            continue
        for file in files:
            for item in read_path(file, language=language, max_bytes=max_bytes):
                if isinstance(item, Document):
                    if item.id in seen:
                        rest = (item.path or "").removeprefix(str(file) + ":")
                        line = int(rest) if rest.isdigit() else None
                        yield InputError(
                            str(file), f"duplicate id {item.id!r} (first used by {seen[item.id]})",
                            line=line, kind="duplicate-id",
                            doc_id=item.id, hint="give every article a unique id",
                        )
                        continue
                    seen[item.id] = item.path or str(file)
                yield item
