"""Organisations and the regions they invest or operate in.

An organisation is placed in the region named after a settling verb
(入驻, 落户, 投资, 在, 到) in its sentence, or in the region its own name
starts with (广元娃哈哈公司).  Organisations with neither are left out: being
named near a place is not operating there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Analysis, kend, kstart
from ..records import EntityRef, Triple
from .units import region_ref, region_units

VERSION = "org-located/1"
_SETTLE = re.compile(r"(入驻|落户|投资|落地|进驻|扎根|来到|到|在|赴)$")


def extract(an: Analysis) -> Iterator[Triple]:
    key = an.key
    seen: set[tuple[str, str]] = set()
    for m in an.mentions:
        if m.kind != "organization":
            continue
        s, e = an.sentence_of(kstart(m))
        units = [u for u in region_units(an, s, e) if not (u.kstart < kend(m) and kstart(m) < u.kend)]
        settled = [u for u in units if u.kstart >= kend(m)
                   and _SETTLE.search(key[max(kend(m), u.kstart - 4):u.kstart])]
        prefix = [u for u in region_units(an, kstart(m), kend(m)) if u.kstart == kstart(m)]
        if settled:
            unit, confidence = settled[0], 0.8
        elif prefix:
            unit, confidence = prefix[0], 0.7  # 浙江娃哈哈集团: the name carries its region
        else:
            continue
        pair = (m.key, unit.code)
        if pair in seen:
            continue
        seen.add(pair)
        q_s, q_e = min(kstart(m), unit.kstart), max(kend(m), unit.kend)
        yield Triple(
            subject=EntityRef("organization", m.key, str(m.get("name") or m.key)),
            predicate="locatedIn",
            object=region_ref(an, unit.code),
            evidence=an.evidence(q_s, q_e, VERSION, confidence),
        )
