"""``diplokg.tokenizer.v1``: the language's own spaCy tokenizer, the same tokens, made cheaper.

Two kinds of special case cost more than the rest of the tokenizer together, and neither changes a
token:

- one that maps a whitespace run to the token the tokenizer makes of it anyway ("\\n" -> "\\n"): a
  text that holds one (every article with a line break) makes spaCy re-scan the whole Doc against
  every special case, 7 us a word for Indonesian. They are left out.
- one that only keeps a string whole that the affix rules would split: Indonesian's ~15,600
  reduplications ("negara-negara", "Baru-baru") and English's hyphenated words. One hit in a text
  turns spaCy's tokenization cache off for the rest of it (the flag is per text, spaCy #1250), so
  every later word is split by the regular expressions again: 2.7 us a word, 80% of the Indonesian
  tokenizer's time. These are joined after tokenizing instead (:class:`JoiningTokenizer`), with
  spaCy's own precedence: the longest match first, then the earliest.

``tests/test_language_layer.py`` checks the tokens against ``spacy.blank``'s.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

__all__ = ["JoiningTokenizer", "make_tokenizer"]


class JoiningTokenizer(Tokenizer):
    """A spaCy :class:`~spacy.tokenizer.Tokenizer` that joins ``joins`` (strings the affix rules
    split, each to be one token) after tokenizing, instead of holding them as special cases.

    >>> import spacy
    >>> nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "diplokg.tokenizer.v1"}}})
    >>> [t.text for t in nlp("Menlu negara-negara ASEAN (anak-anak) tiba.")]
    ['Menlu', 'negara-negara', 'ASEAN', '(', 'anak-anak', ')', 'tiba', '.']
    """

    def __init__(self, vocab: Any, joins: Iterable[str] = (), **settings: Any) -> None:
        super().__init__(vocab, **settings)
        self.settings = settings
        self.joins = sorted(set(joins))
        # Each join as the tokens this tokenizer makes of it without joining (what spaCy's
        # special-case matcher looks for), indexed by its first two, so a Doc is only searched
        # where a join can start. (A twin tokenizes them: they would fill this one's cache.)
        twin = Tokenizer(vocab, **settings)
        self._pieces: set[tuple[int, ...]] = set()
        self._lengths: dict[tuple[int, int], list[int]] = {}
        for text in self.joins:
            pieces = tuple(token.orth for token in twin(text))
            if len(pieces) > 1:  # one token: nothing to join
                self._pieces.add(pieces)
                lengths = self._lengths.setdefault(pieces[:2], [])
                if len(pieces) not in lengths:
                    lengths.append(len(pieces))
        self._seconds = numpy.array(sorted({pair[1] for pair in self._lengths}), dtype="uint64")

    def __reduce__(self):  # type: ignore[override]
        return (_rebuild, (self.vocab, self.joins, self.settings))

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        if len(doc) < 2 or not self._pieces:
            return doc
        orths = doc.to_array(ORTH)
        seconds = numpy.flatnonzero(numpy.isin(orths[1:], self._seconds)) + 1
        if not seconds.size:
            return doc
        orth_list, n = orths.tolist(), len(orths)
        found = []
        spaces = doc.to_array(SPACY).tolist()
        for second in seconds.tolist():
            start = second - 1
            for length in self._lengths.get((orth_list[start], orth_list[second]), ()):
                end = start + length
                # With a space inside, the tokens spell no join (spaCy looks their text up).
                if end <= n and tuple(orth_list[start:end]) in self._pieces and not any(spaces[start:end - 1]):
                    found.append((start, end))
        if not found:
            return doc
        # spaCy's precedence (Tokenizer._filter_special_spans): longest first, then earliest; a
        # match loses if its first or last token is taken, and takes its tokens even so.
        taken: set[int] = set()
        joined = []
        for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
            if start not in taken and end - 1 not in taken:
                joined.append((start, end))
            taken.update(range(start, end))
        joined.sort()
        # The Doc again from its words, each join one word; the other tokens keep their norms (a
        # special case may set one: "\u00a0" -> " ").
        strings, norms = doc.vocab.strings, doc.to_array(NORM).tolist()
        words, gaps, kept_norms, i = [], [], [], 0
        for start, end in [*joined, (len(orth_list), len(orth_list))]:
            words.extend(strings[orth] for orth in orth_list[i:start])
            gaps.extend(spaces[i:start])
            kept_norms.extend(norms[i:start])
            if start < end:
                words.append("".join(strings[orth] for orth in orth_list[start:end]))
                gaps.append(spaces[end - 1])
                kept_norms.append(doc.vocab[words[-1]].norm)
            i = end
        rejoined = Doc(doc.vocab, words=words, spaces=[bool(gap) for gap in gaps])
        rejoined.from_array([NORM], numpy.array(kept_norms, dtype="uint64").reshape(-1, 1))
        return rejoined


def _rebuild(vocab: Any, joins: list[str], settings: dict[str, Any]) -> JoiningTokenizer:
    return JoiningTokenizer(vocab, joins, **settings)


# A word, with hyphens, points or apostrophes inside or after: "negara-negara", "e-mail", "U.S.".
# (Emoticons and other runs of punctuation stay spaCy's: their matches overlap.)
_WORD = re.compile(r"[^\W_]+(?:[-.'’][^\W_]*)*")


def _joins_a_string(text: str, tokens: list[dict]) -> bool:
    """A special case that makes one word of ``text`` and sets nothing but its text."""
    return len(tokens) == 1 and set(tokens[0]) == {ORTH} and _WORD.fullmatch(text) is not None


@registry.tokenizers("diplokg.tokenizer.v1")
def make_tokenizer() -> Callable[[Language], Tokenizer]:
    """The language's default tokenizer, the same tokens: without its whitespace special cases,
    and with the special cases that only keep a string whole joined afterwards (module docstring)."""

    def create(nlp: Language) -> Tokenizer:
        # spaCy's own factory (spacy.Tokenizer.v1) with the rules filtered before they are
        # loaded: setting ``rules`` afterwards would load every special case a second time.
        defaults = nlp.Defaults
        rules, joins = {}, []
        for text, tokens in (defaults.tokenizer_exceptions or {}).items():
            if text.isspace() and tokens == [{ORTH: text}]:
                continue
            if _joins_a_string(text, tokens):
                joins.append(text)
            else:
                rules[text] = tokens
        settings = dict(
            rules=rules,
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match, url_match=defaults.url_match)
        return JoiningTokenizer(nlp.vocab, joins, **settings)

    return create
