"""The working state of one document while it is being analysed.

Recognisers add :class:`~.records.Mention`s; relation rules read them.  All
pattern matching happens on the document's matching key; ``kstart``/``kend``
in a mention's attrs are key offsets, ``start``/``end`` are text offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from .document import Document
from .gazetteer import Gazetteer
from .records import Attrs, Evidence, Mention, attrs
from .segment import Segmenter

#: Clause punctuation in the key (whitespace is already gone there).
CLAUSE_PUNCT = "，,；;：:。！？!?"
_FINAL = "。！？!?；;"
_T = TypeVar("_T")


@dataclass
class Analysis:
    doc: Document
    gazetteer: Gazetteer
    segmenter: Segmenter
    mentions: list[Mention] = field(default_factory=list)
    _index: dict[str, tuple[list[int], list[Mention]]] = field(default_factory=dict, repr=False)
    _derived: dict[Callable[..., Any], Any] = field(default_factory=dict, repr=False)

    @property
    def key(self) -> str:
        return self.doc.key.text

    @cached_property
    def boundaries(self) -> frozenset[int]:
        return self.segmenter.boundaries(self.key)

    @cached_property
    def key_sentences(self) -> tuple[tuple[int, int], ...]:
        """Sentence spans in key offsets.

        A line break the splitter took for a sentence end is undone when jieba
        reads a word across it (对口帮\n扶 → 帮扶): print layout, not a boundary.
        """
        k = self.doc.key
        spans = [(k.to_key(s), k.to_key(e)) for s, e in self.doc.sentences]
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged:
                ps, pe = merged[-1]
                if pe == s and 0 < pe < len(self.key) and self.key[pe - 1] not in _FINAL \
                        and pe not in self.boundaries:
                    merged[-1] = (ps, e)
                    continue
            merged.append((s, e))
        return tuple(merged)

    def mention(
        self, kind: str, kstart: int, kend: int, key: str, rule: str, extra: Attrs = ()
    ) -> Mention:
        """Make a mention from a key span; its text offsets map back exactly."""
        start, end = self.doc.key.to_text(kstart, kend)
        return Mention(
            kind=kind,
            start=start,
            end=end,
            text=self.doc.text[start:end],
            key=key,
            rule=rule,
            attrs=attrs(dict(extra), kstart=kstart, kend=kend),
        )

    def add(self, mentions: list[Mention] | Iterator[Mention]) -> None:
        self.mentions.extend(mentions)
        self.mentions.sort(key=lambda m: (kstart(m), -kend(m), m.kind, m.key))
        self._index.clear()
        self._derived.clear()

    def derived(self, compute: Callable[[Analysis], _T]) -> _T:
        """``compute(self)``, worked out once for the mentions as they stand.

        Several relation rules read the same document-wide fact (the speaker of a
        report); :meth:`add` forgets it, since new mentions may change it.
        """
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]

    def of_kind(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    def within(self, kinds: tuple[str, ...], s: int, e: int) -> list[Mention]:
        """Mentions of the given kinds starting in key span ``[s, e)``, in text order.

        Backed by a per-kind index, so rules that look around every sentence or
        figure stay linear in the document's size.
        """
        out: list[Mention] = []
        for kind in kinds:
            if kind not in self._index:
                ms = [m for m in self.mentions if m.kind == kind]
                self._index[kind] = ([kstart(m) for m in ms], ms)
            starts, ms = self._index[kind]
            out.extend(ms[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)])
        if len(kinds) > 1:
            out.sort(key=lambda m: (kstart(m), -kend(m), m.kind, m.key))
        return out

    @cached_property
    def boundary_list(self) -> list[int]:
        """Token boundaries in order, for bisecting."""
        return sorted(self.boundaries)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.key_sentences]

    def sentence_of(self, kpos: int) -> tuple[int, int]:
        sents = self.key_sentences
        i = bisect.bisect_right(self._sentence_starts, kpos) - 1
        if i < 0:
            return (0, len(self.key))
        return sents[i]

    def evidence(self, kstart_: int, kend_: int, rule: str, confidence: float) -> Evidence:
        """Evidence for a key span: the exact text slice it covers."""
        start, end = self.doc.key.to_text(kstart_, kend_)
        return Evidence(
            doc=self.doc.doc_id,
            start=start,
            end=end,
            quote=self.doc.text[start:end],
            rule=rule,
            confidence=round(confidence, 2),
        )

    def clause_span(self, kstart_: int, kend_: int) -> tuple[int, int]:
        """The span widened to whole clauses, so a quote reads as a statement, not a fragment."""
        left, _ = self.clause_bounds(kstart_)
        _, right = self.clause_bounds(max(kstart_, kend_ - 1))
        if right < len(self.key) and self.key[right] in "。！？!?；;":
            right += 1
        return min(left, kstart_), max(right, kend_)

    def clause_bounds(self, kpos: int) -> tuple[int, int]:
        """Key span of the clause around ``kpos`` (between clause punctuation)."""
        s_start, s_end = self.sentence_of(kpos)
        key = self.key
        left = kpos
        while left > s_start and key[left - 1] not in CLAUSE_PUNCT:
            left -= 1
        right = kpos
        while right < s_end and key[right] not in CLAUSE_PUNCT:
            right += 1
        return left, right


def kstart(m: Mention) -> int:
    return int(m.get("kstart", 0) or 0)


def kend(m: Mention) -> int:
    return int(m.get("kend", 0) or 0)
