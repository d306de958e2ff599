"""Traditional → simplified characters for matching keys.

The table is OpenCC's character dictionary as shipped inside the
``opencc-python-reimplemented`` package; only single-character entries are
used, so the key keeps one character per text character and offsets survive.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path


@cache
def _table() -> dict[str, str]:
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "TSCharacters.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(first) == 1 and trad != first:
            table[trad] = first
    return table


def to_simplified_char(ch: str) -> str:
    """The simplified form of one character (itself when it has none)."""
    if ch < "\u3400":
        return ch
    return _table().get(ch, ch)


def to_simplified(text: str) -> str:
    """Character-by-character conversion; the result has the same length."""
    table = _table()
    return "".join(table.get(c, c) for c in text)
