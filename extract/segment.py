"""The only jieba adapter.

A private :class:`jieba.Tokenizer` (never the global one), quiet logging, and
a user dictionary generated from the gazetteer.  Words are added without a
frequency, so jieba keeps each name whole instead of replacing its own counts.
Short county names that are also ordinary words (合作, 资源, 振兴) are left
out; see :func:`is_safe_short_name`.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

with warnings.catch_warnings():
    # jieba 0.42 imports pkg_resources, which setuptools now flags on every run.
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    import jieba

from .gazetteer import FULL, HISTORIC, SHORT, Gazetteer

jieba.setLogLevel(logging.WARNING)

#: Part-of-speech tags for which a dictionary word is clearly not a place name.
_NON_PLACE_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "f", "m", "q", "r", "p", "c", "u"})
#: Frequency above which a word is too common to be read as a place by itself.
_COMMON_FREQ = 3000
#: Below this, a dictionary word that is not tagged as a place is still rare enough.
_RARE_FREQ = 300


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


@cache
def _jieba_dictionary() -> dict[str, tuple[int, str]]:
    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                words[parts[0]] = (int(parts[1]), parts[2])
    return words


def is_safe_short_name(name: str, level: str = "county") -> bool:
    """Whether a short place name can be matched on its own.

    jieba's own dictionary is the data.  Province short names (北京, 四川) are
    always safe.  A prefecture or county short name that jieba tags as a verb,
    adjective, adverb … is an ordinary word (合作, 资源, 振兴); a county short
    name that is also a very frequent word (长安, 东方) is too, unless jieba
    itself calls it a place.
    """
    if len(name) < 2:
        return False
    if level == "province":
        return True
    entry = _jieba_dictionary().get(name)
    if entry is None:
        return True
    freq, tag = entry
    if level == "prefecture":
        # jieba's tags are noisy for city names (大连 is tagged as an adverb)
        return tag == "ns" or freq < _COMMON_FREQ
    if tag in _NON_PLACE_TAGS:
        return False
    return (tag == "ns" and freq < _COMMON_FREQ) or freq < _RARE_FREQ


def is_rare_word(name: str) -> bool:
    """Whether jieba's dictionary lacks ``name`` or has seen it rarely (米脂, tagged a plain noun)."""
    entry = _jieba_dictionary().get(name)
    return entry is None or entry[0] < _RARE_FREQ


def is_place_word(name: str) -> bool:
    """Whether jieba's dictionary tags ``name`` as a place (巴东), however often it has seen it."""
    entry = _jieba_dictionary().get(name)
    return entry is not None and entry[1] == "ns"


def is_common_word(name: str) -> bool:
    """Whether jieba's dictionary knows ``name`` as a word other than a rare place name:
    a frequent one (新建, 西湖), place tag or not, or one it does not tag as a place (双城)."""
    entry = _jieba_dictionary().get(name)
    return entry is not None and (entry[0] >= _RARE_FREQ or entry[1] != "ns")


def user_words(gazetteer: Gazetteer) -> list[str]:
    """Gazetteer names for jieba's user dictionary, sorted for determinism."""
    words = {a.name for a in gazetteer.names((FULL, HISTORIC)) if len(a.name) >= 2}
    words |= {
        a.name for a in gazetteer.names((SHORT,))
        if is_safe_short_name(a.name, gazetteer.regions[a.code].level)
    }
    return sorted(words)


class Segmenter:
    """Segments text into tokens with offsets, using a private jieba tokenizer."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._tok = jieba.Tokenizer()
        # jieba caches its prefix dictionary in the temp dir; keep it out of the CWD.
        self._tok.tmp_dir = os.environ.get("SHANHAI_CACHE_DIR") or None
        self._tok.initialize()
        for word in words:
            self._tok.add_word(word)

    def tokens(self, text: str) -> list[Token]:
        return [Token(w, s, e) for w, s, e in self._tok.tokenize(text, HMM=True)]

    def boundaries(self, text: str) -> frozenset[int]:
        """All token boundary offsets, for checking that a match is a whole word."""
        cuts = {0, len(text)}
        pos = 0
        for word in self._tok.cut(text, HMM=True):
            pos += len(word)
            cuts.add(pos)
        return frozenset(cuts)

    def cut(self, text: str) -> list[str]:
        return list(self._tok.cut(text, HMM=True))


@cache
def default(gazetteer: Gazetteer | None = None) -> Segmenter:
    """One segmenter per process, with the gazetteer's names loaded once."""
    from . import gazetteer as gaz_module

    return Segmenter(user_words(gazetteer or gaz_module.default()))
