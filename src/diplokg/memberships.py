"""Memberships: the states (and unions of states) an article says belong to a forum.

Read around each membership cue of ``lexicon.yaml`` (``membership``) with the words of
``membership_reading``:

* the cue's forums: the forum right before it ("BRICS members"), or after it through a title's
  links ("members of the AU and the Commonwealth", "anggota ASEAN"), plus a further forum the
  members are said to be in ("Seven ASEAN members are in APEC: ...");
* its members: listed after the forums ("The members of the G7 are A, B and C"), named before the
  cue as its subject ("A and B are members of X", "A, a founding member of X", "Vietnam resmi
  menjadi anggota ASEAN"), or the pair of states the text has just named ("Kedua negara merupakan
  anggota X", "Both countries are members of X").

A negated cue ("are not members of X", "bukan anggota X") states nothing.
"""

from __future__ import annotations

from .lexicon import Candidate, Lexicon
from .pipeline.people import DocView
from .pipeline.scenes import sentence_evidence
from .records import Membership

__all__ = ["read_memberships"]

#: Entity types that can be members: states, and unions of states ("... and the European Union").
_MEMBER_TYPES = ("State", "Forum")
#: How far back the pair of states "both countries" refers to may lie, in sentences.
_PAIR_LOOKBACK = 3
#: How many words a negation may lie before the cue (or its forum).
_NEGATION_WINDOW = 4


def read_memberships(view: DocView, lex: Lexicon, body: str) -> list[Membership]:
    """Every membership the article states, once per (member, forum), with the first sentence
    that states it as evidence."""
    return _MembershipReader(view, lex).read(body)


class _MembershipReader:
    def __init__(self, view: DocView, lex: Lexicon) -> None:
        self.view, self.lex, self.lowers = view, lex, view.lowers
        # Between two members of one list: the lexicon's list links and an article ("the US and
        # the European Union").
        links = lex.event_words.get("list_links", {})
        self.list_links = frozenset().union(*links.values()) | lex.determiners

    def read(self, body: str) -> list[Membership]:
        out: dict[tuple[str, str], Membership] = {}
        for index, sent in enumerate(self.view.sents):
            cues = [(s, e) for s, e, tags in self.view.cues_in(sent.start, sent.end) if "membership" in tags]
            if not cues or self._asks(sent.start, sent.end):
                continue  # no cue, or a question ("Are both members of the G7?") states nothing
            entities = [(s, e, c) for s, e, c in self.view.entities_in(sent.start, sent.end) if e <= sent.end]
            for cue_start, cue_end in cues:
                for state, forum in self._read_cue(index, cue_start, cue_end, entities):
                    out.setdefault((state, forum), Membership(member=state, forum=forum,
                                                              evidence=sentence_evidence(sent, body)))
        return list(out.values())

    def _read_cue(self, index: int, cue_start: int, cue_end: int,
                  entities: list[tuple[int, int, Candidate]]) -> list[tuple[str, str]]:
        sent = self.view.sents[index]
        starting = {s: (e, c) for s, e, c in entities}
        ending = {e: (s, c) for s, e, c in entities}
        forums: list[str] = []
        # The forum after the cue through a title's links, and the forums joined to it.
        pos = self._skip(cue_end, sent.end, self.lex.title_of_links, starting)
        while pos in starting and starting[pos][1].type == "Forum":
            end, cand = starting[pos]
            forums.append(cand.key)
            pos = self._skip(end, sent.end, self.list_links, starting)
        after = end if forums else cue_end
        subject_end = cue_start
        adjacent_forum = False
        if not forums:
            # The forum before the cue: right before it ("BRICS members", the members then named
            # before the forum) or its subject ("BRICS adalah akronim untuk ...").
            gap = self._skip_back(cue_start, sent.start, self.lex.membership_subject_links)
            if gap in ending and ending[gap][1].type == "Forum":
                start, cand = ending[gap]
                forums.append(cand.key)
                adjacent_forum = gap == cue_start
                subject_end = start if adjacent_forum else sent.start
        if not forums:
            # A forum elsewhere in the sentence only goes with members listed after the cue
            # ("The BRICS group, which includes A, B and C").
            near = [(abs(s - cue_start), c.key) for s, _e, c in entities if c.type == "Forum"]
            if not near:
                return []
            forums.append(min(near)[1])
            subject_end = sent.start
        # A further forum the members are in: "Seven ASEAN members are in APEC: A, B".
        pos = self._skip(after, sent.end, self.lex.membership_also_in, starting)
        if pos > after and pos in starting and starting[pos][1].type == "Forum":
            after, cand = starting[pos]
            forums.append(cand.key)
        if self._negated(subject_end if subject_end > sent.start else cue_start, sent.start):
            return []
        members = self._subject(index, subject_end) if subject_end > sent.start else []
        if not members:
            members = self._listed(after, sent.end, starting, single=adjacent_forum and after == cue_end)
        return [(m, f) for f in forums for m in members if m != f and m not in forums]

    def _subject(self, index: int, end: int) -> list[str]:
        """The states named before ``end`` past subject links, or the pair of states just named."""
        sent = self.view.sents[index]
        gap = self._skip_back(end, sent.start, self.lex.membership_subject_links)
        listed = self._list_back(gap, sent.start)
        if listed:
            return listed
        lowers = self.lowers
        for phrase in self.lex.membership_pairs:
            n = len(phrase)
            for i in range(max(sent.start, gap - n), end - n + 1):
                if tuple(lowers[i:i + n]) == phrase:
                    return self._pair_before(index, i)
        return []

    def _list_back(self, end: int, start: int) -> list[str]:
        """The members of a list ending at ``end`` ("Kenya and Ghana"), first to last."""
        ending = {e: (s, c) for s, e, c in self.view.entities_in(start, end)}
        found: list[str] = []
        while end in ending and ending[end][1].type in _MEMBER_TYPES:
            s, cand = ending[end]
            found.append(cand.key)
            end = self._skip_back(s, start, self.list_links)
            if end == s:
                break
        return list(dict.fromkeys(reversed(found)))

    def _listed(self, pos: int, end: int, starting: dict[int, tuple[int, Candidate]], *, single: bool) -> list[str]:
        """The members listed from ``pos`` on ("are A, B and C", ": A, B"); one member only right
        after a cue with its forum before it ("APEC member Peru")."""
        first = pos
        while True:  # the intro's words and numbers ("lima negara berkembang –", "ten countries:")
            first = self._skip(first, end, self.lex.membership_list_intro, starting)
            if first >= end or first in starting or not self.view.doc[first].like_num:
                break
            first += 1
        found: list[str] = []
        at = first
        while at in starting and starting[at][1].type in _MEMBER_TYPES:
            e, cand = starting[at]
            found.append(cand.key)
            at = self._skip(e, end, self.list_links, starting)
            if at == e:
                break
        found = list(dict.fromkeys(found))
        if len(found) >= 2 or found and single and first == pos:
            return found
        return []

    def _pair_before(self, index: int, end: int) -> list[str]:
        """The last two states named before ``end`` (this sentence and the few before), if two."""
        start = self.view.sents[max(0, index - _PAIR_LOOKBACK)].start
        states = [c.key for _s, _e, c in self.view.entities_in(start, end) if c.type == "State"]
        pair = list(dict.fromkeys(reversed(states)))[:2]
        return pair if len(pair) == 2 else []

    def _asks(self, start: int, end: int) -> bool:
        last = next((i for i in range(end - 1, start - 1, -1) if not self.view.doc[i].is_space), None)
        return last is not None and self.view.texts[last] in ("?", "？")

    def _negated(self, end: int, start: int) -> bool:
        return any(w in self.lex.negations for w in self.lowers[max(start, end - _NEGATION_WINDOW):end])

    def _skip(self, pos: int, end: int, words: frozenset[str],
              starting: dict[int, tuple[int, Candidate]] | None = None) -> int:
        """Past the ``words`` from ``pos`` on, or up to the first entity ``starting`` there
        ("the Commonwealth" starts at "the")."""
        while pos < end and self.lowers[pos] in words and not (starting and pos in starting):
            pos += 1
        return pos

    def _skip_back(self, end: int, start: int, words: frozenset[str]) -> int:
        while end > start and self.lowers[end - 1] in words:
            end -= 1
        return end
