"""Containment stated in the text: 四川省广元市, 安吉县黄杜村, 四川藏区.

Two region names written back to back, the second inside the first according
to the gazetteer, state that the second is part of the first.  Townships and
villages exist only in the text, so this is where their ``partOf`` comes from.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from ..context import Analysis, kend, kstart
from ..records import EntityRef, Triple
from .units import region_ref, region_units

VERSION = "part-of/1"


def extract(an: Analysis) -> Iterator[Triple]:
    seen: set[tuple[str, str]] = set()
    for s, e in an.key_sentences:
        for unit in region_units(an, s, e):
            chain = unit.mentions
            for outer, inner in itertools.pairwise(chain):
                pair = (inner.key, outer.key)
                if pair in seen:
                    continue
                seen.add(pair)
                yield Triple(
                    subject=region_ref(an, inner.key),
                    predicate="partOf",
                    object=region_ref(an, outer.key),
                    evidence=an.evidence(kstart(outer), kend(inner), VERSION, 0.95),
                )
    for m in an.mentions:
        if m.kind != "region_group":
            continue
        parent = str(m.get("parent"))
        pair = (m.key, parent)
        if pair in seen:
            continue
        seen.add(pair)
        yield Triple(
            subject=EntityRef("region_group", m.key, str(m.get("label") or m.text)),
            predicate="partOf",
            object=region_ref(an, parent),
            evidence=an.evidence(kstart(m), kend(m), VERSION + ":group", 0.8),
        )
