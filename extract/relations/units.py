"""Region units in a sentence, and a template string for pattern rules.

Nested names written together (四川省广元市, 浙江安吉县, 西藏的波密县, 常州市高新区(新北区)) collapse into
one unit, the most specific region.  Pattern rules then run over a template in which each
unit is a single placeholder character, so "自2016年青岛市对口帮扶陇南市以来"
becomes "自2016年R对口帮扶R以来" and a rule can say "R … 对口帮扶 … R".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..context import Analysis, kend, kstart
from ..gazetteer import Gazetteer
from ..records import EntityRef, Mention

PLACEHOLDER = "\ue000"


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    kstart: int
    kend: int
    mentions: tuple[Mention, ...]
    confidence: float

    @property
    def coref(self) -> bool:
        return any(m.rule.startswith("coref") for m in self.mentions)


@dataclass(frozen=True, slots=True)
class Template:
    """A sentence with units replaced by :data:`PLACEHOLDER`; maps template positions back."""

    text: str
    units: tuple[Unit, ...]
    unit_at: dict[int, int]  # template index of a placeholder → unit index
    origin: tuple[int, ...]  # template index → key index
    kstart: int
    kend: int

    def key_pos(self, tpos: int) -> int:
        if tpos >= len(self.origin):
            return self.kend
        return self.origin[tpos]


def region_units(an: Analysis, s: int, e: int) -> list[Unit]:
    """Non-overlapping region units in key span ``[s, e)``, nested names collapsed."""
    gaz = an.gazetteer
    mentions = [m for m in an.within(("region",), s, e) if kend(m) <= e]
    # leftmost-longest, non-overlapping
    chosen: list[Mention] = []
    last = -1
    for m in sorted(mentions, key=lambda m: (kstart(m), -kend(m))):
        if kstart(m) >= last:
            chosen.append(m)
            last = kend(m)
    units: list[Unit] = []
    for m in chosen:
        conf = float(m.get("confidence", 1.0) or 1.0)
        # 四川省广元市 is one unit; so is 伊犁州伊犁, a place written twice, and 西藏的波密县, a place
        # qualified by its province (a city's 的 names its parts: 昭通市的镇雄县 keeps both)
        joined = units and (units[-1].kend == kstart(m) or (
            units[-1].kend + 1 == kstart(m) and an.key[units[-1].kend] == "的"
            and units[-1].code in gaz.regions and gaz.regions[units[-1].code].level == "province"
            and m.key in gaz.regions) or bool(_ZONE_ASIDE.fullmatch(an.key, units[-1].kend, kstart(m))))
        if joined and (_contains(gaz, units[-1].code, m.key) or units[-1].code == m.key):
            prev = units[-1]
            units[-1] = Unit(m.key, prev.kstart, kend(m), (*prev.mentions, m), min(conf, prev.confidence))
        else:
            units.append(Unit(m.key, kstart(m), kend(m), (m,), conf))
    return units


#: "常州市高新区(新北区)": a city's development zone, then the district that runs it in brackets.
_ZONE_ASIDE = re.compile(r"(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区)[（(]")


def _contains(gaz: Gazetteer, outer: str, inner: str) -> bool:
    """Whether region ``outer`` contains ``inner`` (a code, or a county/township/village key)."""
    base = inner.split("/")[0]
    if "/" in inner and (inner.startswith(outer + "/") or base == outer):
        return True
    return outer in gaz.ancestors(base)


def _literal(ch: str) -> str:
    """A character of the text as it goes into a template: the text's own U+E000 (private use) is
    no place, so it becomes U+FFFD."""
    return "\ufffd" if ch == PLACEHOLDER else ch


def template(an: Analysis, s: int, e: int, units: list[Unit] | None = None) -> Template:
    units = region_units(an, s, e) if units is None else units
    key = an.key
    out: list[str] = []
    origin: list[int] = []
    unit_at: dict[int, int] = {}
    pos = s
    for i, u in enumerate(units):
        for k in range(pos, u.kstart):
            out.append(_literal(key[k]))
            origin.append(k)
        unit_at[len(out)] = i
        out.append(PLACEHOLDER)
        origin.append(u.kstart)
        pos = u.kend
    for k in range(pos, e):
        out.append(_literal(key[k]))
        origin.append(k)
    return Template("".join(out), tuple(units), unit_at, tuple(origin), s, e)


def region_ref(an: Analysis, code: str) -> EntityRef:
    """The entity reference for a region code or a sub-county place key."""
    gaz = an.gazetteer
    if code in gaz.regions:
        return EntityRef("region", code, gaz.regions[code].name)
    return EntityRef("region", code, code.rsplit("/", 1)[-1])
