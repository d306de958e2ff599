"""Traditional → simplified characters for matching keys.

The table comes from OpenCC's dictionaries as shipped inside the
``opencc-python-reimplemented`` package.  Only one-character entries are used,
so the key keeps one character per text character and offsets survive.

Besides the standard traditional forms (``TSCharacters``), Hong Kong and Taiwan
variant forms are folded too (衞 → 衛 → 卫, 敍 → 敘 → 叙), so 中衞市 in a Hong
Kong text still finds 中卫市.  A character is never rewritten when it is itself
in use as a simplified character: 乾 stays 乾 because simplified place names use
it (乾县, 乾安县), and variant entries whose source is a simplified character
(着, 台, 才 …) are ignored.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

#: Characters OpenCC would fold that simplified text also uses as they are (乾县, 著名).
KEEP = frozenset("乾著")
#: Variant dictionaries: variant form → standard traditional form.
_VARIANT_FILES = ("HKVariantsRev.txt", "TWVariantsRev.txt")
#: Variant forms that converters of mirror sites write and OpenCC does not list: 陜西 for 陝西.
_EXTRA_VARIANTS = {"陜": "陕", "擡": "抬", "痩": "瘦"}


def _dictionary_dir() -> Path | None:
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def _read(path: Path) -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if source and targets:
            entries[source] = targets.split(" ")
    return entries


@cache
def _table() -> dict[str, str]:
    folder = _dictionary_dir()
    if folder is None:
        return {}
    ts = _read(folder / "TSCharacters.txt")
    simplified = {c for targets in ts.values() for c in targets}
    simplified.update(_read(folder / "STCharacters.txt"))
    table: dict[str, str] = {}
    for trad, targets in ts.items():
        first = targets[0]
        if len(trad) == 1 and len(first) == 1 and trad != first and trad not in KEEP:
            table[trad] = first
    for name in _VARIANT_FILES:
        for variant, targets in _read(folder / name).items():
            standard = targets[0]
            if len(variant) != 1 or len(standard) != 1:
                continue
            if variant in table or variant in simplified or variant in KEEP:
                continue
            target = table.get(standard, standard)
            if target != variant:
                table[variant] = target
    for variant, target in _EXTRA_VARIANTS.items():
        table.setdefault(variant, target)
    return table


@cache
def translate_table() -> dict[int, str]:
    """The table keyed by code point, for :meth:`str.translate` (shared, do not modify)."""
    return {ord(k): v for k, v in _table().items()}


def to_simplified_char(ch: str) -> str:
    """The simplified form of one character (itself when it has none)."""
    if ch < "\u3400":
        return ch
    return _table().get(ch, ch)


def to_simplified(text: str) -> str:
    """Character-by-character conversion; the result has the same length."""
    return text.translate(translate_table())
