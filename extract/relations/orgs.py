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
from ..mentions.orgs import INSTITUTION
from ..records import EntityRef, Triple
from .units import region_ref, region_units

VERSION = "org-located/1"
_SETTLE = re.compile(r"(入驻|落户|投资|落地|进驻|扎根|来到|到|在|赴)$")
#: Schools, hospitals, universities, papers and museums are part of a story of cooperation only in a
#: sentence about it (a report's own 深圳大学 or 宁夏大学 is not); firms count wherever they operate.
_AID_WORDS = re.compile(r"援|帮扶|协作|对口|结对|捐|共建|合作|挂职|支教|支医|东西部|携手")
_AID_REACH = 80  # characters before the sentence where the story of aid may be told


def _name_prefix_region(an: Analysis, name: str) -> str | None:
    """The region an organisation's name starts with, if exactly one region goes by it."""
    for length in range(min(len(name) - 2, 9), 1, -1):
        codes = {a.code for a in an.gazetteer.lookup(name[:length])}
        if len(codes) == 1:
            return codes.pop()
    return None


def extract(an: Analysis) -> Iterator[Triple]:
    key = an.key
    seen: set[tuple[str, str]] = set()
    for m in an.mentions:
        if m.kind != "organization":
            continue
        s, e = an.sentence_of(kstart(m))
        if INSTITUTION.search(m.text) and not _AID_WORDS.search(key, max(0, s - _AID_REACH), e):
            continue
        units = [u for u in region_units(an, s, e) if not (u.kstart < kend(m) and kstart(m) < u.kend)]
        settled = [u for u in units if u.kstart >= kend(m)
                   and _SETTLE.search(key[max(kend(m), u.kstart - 4):u.kstart])]
        prefix = _name_prefix_region(an, m.text.replace("\n", ""))
        if settled:
            unit_code, unit_span, confidence = settled[0].code, (settled[0].kstart, settled[0].kend), 0.8
        elif prefix is not None:
            # 浙江大学, 广元娃哈哈公司: the name carries its region
            unit_code, unit_span, confidence = prefix, (kstart(m), kend(m)), 0.7
        else:
            continue
        pair = (m.key, unit_code)
        if pair in seen:
            continue
        seen.add(pair)
        q_s, q_e = min(kstart(m), unit_span[0]), max(kend(m), unit_span[1])
        yield Triple(
            subject=EntityRef("organization", m.key, str(m.get("name") or m.key)),
            predicate="locatedIn",
            object=region_ref(an, unit_code),
            evidence=an.evidence(q_s, q_e, VERSION, confidence),
        )
