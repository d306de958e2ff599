"""Organisations: enterprises and institutions named in the text.

Two general patterns: a name ending in an organisation word (…集团, …有限公司,
…银行, …研究院, …合作社), and enumerations before 等…企业 (如娃哈哈、青春宝等
一大批明星企业).  Government bodies are not organisations here; they issue
policies and are handled as issuers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Analysis
from ..records import Mention

RULE = "org-suffix/1"
LIST_RULE = "org-list/1"

_SUFFIX = (
    "股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|银行|研究院|研究所|大学|学院|"
    "医院|合作社|基金会|商会|协会"
)
_ORG = re.compile(rf"([\u4e00-\u9fffA-Za-z0-9]{{2,14}}?)({_SUFFIX})")
_LIST = re.compile(
    r"(?:如|像|包括|例如|有)?((?:[\u4e00-\u9fffA-Za-z]{2,8}[、，,])+[\u4e00-\u9fffA-Za-z]{2,8})"
    r"等(?:[\u4e00-\u9fff]{0,6})(?:企业|公司|集团|品牌)"
)
#: Words that end the left context of a name (verbs, prepositions, particles).
_LEFT_STOP = re.compile(
    r".*(?:在|与|和|同|向|由|将|把|对|为|等|的|了|是|及|引进|招引|组织|入驻|投资|落户|签约|"
    r"成立|建成|建立|依托|通过|联合|携手|推动|支持|邀请|协调|带动|帮助|促成|其中|包括|如)"
)
_NOT_ORG = re.compile(r"(政府|委员会|党委|办公厅|办公室|国务院|人大|政协|管委会|领导小组|中央|部门|单位|"
                      r"企业|农业|龙头|本地|当地|各类|国有|民营|私营|一批|多家|相关|有关|上市|明星|规模)$")
_GENERIC = re.compile(r"^(各类|一批|多家|相关|有关|全国|全省|全市|龙头|本地|当地|东部|西部|国有|民营|私营|"
                      r"实体|浙江|四川|中国|规模|大型|重点|明星|骨干|知名|优秀|这些|该|其)")


def _trim(name: str) -> str:
    m = _LEFT_STOP.match(name)
    return name[m.end():] if m else name


def recognize(an: Analysis) -> Iterator[Mention]:
    key = an.key
    regions = {(m.get("kstart"), m.get("kend")) for m in an.mentions if m.kind == "region"}
    seen: set[tuple[int, int]] = set()
    for m in _ORG.finditer(key):
        body = _trim(m.group(1))
        if len(body) < 2 or _NOT_ORG.search(body) or _GENERIC.match(body):
            continue
        start = m.end(1) - len(body)
        end = m.end()
        if (start, end) in seen:
            continue
        seen.add((start, end))
        name = key[start:end]
        yield an.mention("organization", start, end, name, RULE, (("name", name),))
    for m in _LIST.finditer(key):
        pos = m.start(1)
        for item in re.split(r"[、，,]", m.group(1)):
            s, e = pos, pos + len(item)
            pos = e + 1
            item_trim = _trim(item)
            s = e - len(item_trim)
            if len(item_trim) < 2 or (s, e) in regions or _GENERIC.match(item_trim):
                continue
            if (s, e) in seen:
                continue
            seen.add((s, e))
            yield an.mention("organization", s, e, item_trim, LIST_RULE, (("name", item_trim),))
