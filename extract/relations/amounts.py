"""Amounts with their subject, what they measure and the year.

The subject is the nearest region, group or organisation named before the
figure in its sentence (or in the clause after it when none comes before).
The measure is the phrase between that subject (or the clause start) and the
figure, with verbs of reaching (达, 为, 共 …) trimmed.  The year is the
nearest year stated before the figure in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import CLAUSE_PUNCT, Analysis, kend, kstart
from ..records import EntityRef, Mention, Triple, attrs
from .units import region_ref

VERSION = "amount/1"

_TRIM_TAIL = re.compile(
    r"(?:分别|已|已经|累计|共计|共|总计|合计|达到|达|为|是|超过|超|近|约|逾|高达|突破|增加|增长|到|了|的)+$"
)
_TRIM_HEAD = re.compile(r"^(?:其中|同时|此外|另外|并|和|与|及|在|向|为|对|从|由|将|把|使|让|共|累计|的)+")


def _subject(an: Analysis, amount: Mention, s: int) -> tuple[EntityRef | None, int]:
    best: tuple[EntityRef | None, int] = (None, -1)
    for m in an.within(("region", "organization", "region_group"), s, kstart(amount)):
        if kend(m) > kstart(amount):
            continue
        if m.kind == "region":
            ref = region_ref(an, m.key)
        elif m.kind == "organization":
            ref = EntityRef("organization", m.key, str(m.get("name") or m.key))
        elif m.kind == "region_group":
            ref = EntityRef("region_group", m.key, str(m.get("label") or m.text))
        else:
            continue
        if kend(m) >= best[1]:
            best = (ref, kend(m))
    return best


def extract(an: Analysis) -> Iterator[Triple]:
    key = an.key
    for m in an.mentions:
        if m.kind != "amount":
            continue
        s, _ = an.sentence_of(kstart(m))
        subject, subj_end = _subject(an, m, s)
        cs, _ = an.clause_bounds(kstart(m))
        left = max(cs, subj_end)
        phrase = _TRIM_HEAD.sub("", _TRIM_TAIL.sub("", key[left:kstart(m)]))
        measure = phrase.strip(CLAUSE_PUNCT + "、“”\"")[-16:] or None
        years = an.within(("time",), s, kstart(m))
        year = years[-1].get("year") if years else None
        if subject is None:
            subject = EntityRef("document", an.doc.doc_id, an.doc.doc_id)
        yield Triple(
            subject=subject,
            predicate="amount",
            value=str(m.get("value")),
            evidence=an.evidence(cs, kend(m), f"{VERSION}:{m.rule}", 0.8),
            qualifiers=attrs(unit=str(m.get("unit")), approximate=bool(m.get("approximate")),
                             measure=measure, year=int(year) if year else None, surface=m.text),
        )
