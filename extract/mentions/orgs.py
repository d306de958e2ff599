"""Organisations: enterprises and institutions named in the text.

Two general patterns:

* a name ending in an organisation word (…集团, …有限公司, …银行, …大学,
  …合作社), whose left edge is found with jieba: the name is the run of
  noun-like words before the suffix, stopping at a verb, preposition, number
  or punctuation;
* enumerations before 等…企业 (如娃哈哈、青春宝等一大批明星企业; 引进娃哈哈等503家
  浙江企业), where each item is a name.

Government bodies are not organisations here: they issue policies.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..context import Analysis
from ..records import Mention
from ..segment import _jieba_dictionary

RULE = "org-suffix/1"
LIST_RULE = "org-list/1"

_SUFFIX = (
    "股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|银行|研究院|研究所|大学|学院|"
    "医院|卫生院|合作社|基金会|商会|中学|小学|学校|幼儿园|博物馆|纪念馆|图书馆|化石馆|"
    "加工厂|工厂|日报|晚报|晨报|导报|电视台|康复中心"
)
_ORG = re.compile(rf"(?:{_SUFFIX})")
#: Names of institutions rather than firms: schools, hospitals, universities, papers, museums.
INSTITUTION = re.compile(r"(?:大学|学院|中学|小学|学校|幼儿园|医院|卫生院|研究院|研究所|博物馆|纪念馆|图书馆|"
                         r"日报|晚报|晨报|导报|电视台|康复中心)$")
_MEDIA = frozenset({"日报", "晚报", "晨报", "导报", "电视台"})
_CREDIT_BEFORE = re.compile(r"(?:来源|稿源|据|转自|选自|刊发|刊登|本文|原载|记者)[：:\s]*$|[|｜\-—－]\s*$")
#: After a paper's name: 讯, a reporter, a date (…8月29日讯), what it published, or the end of its line.
_CREDIT_AFTER = re.compile(r"[ \t\u3000]*(?:讯|消息|报道|记者|客户端|网|社|[（(]?记者|全媒|融媒|电|本报|刊发|刊登|发表"
                           r"|推出|\d{1,2}月\d{1,2}日|$|\n|\s*\d{4}[-年])")
_LIST = re.compile(
    r"(?P<lead>如|像|包括|例如|引进|招引|引入|吸引)?"
    r"(?P<items>[\u4e00-\u9fffA-Za-z]{2,8}(?:、[\u4e00-\u9fffA-Za-z]{2,8})*)"
    r"等[\d\u4e00-\u9fff]{0,10}?(?:企业|公司|集团|品牌)"
)
#: jieba tags that can be part of a name.
_NAME_TAGS = frozenset({"n", "ns", "nr", "nz", "nt", "nrt", "nrfg", "j", "eng", "x"})
#: Words that end a name on the left even when jieba calls them nouns.
_LEFT_STOP_WORDS = frozenset({
    "企业", "单位", "部门", "专家", "代表", "团队", "平台", "项目", "资金", "产业", "地区", "群众",
    "组织", "编写", "出版", "发行", "经销", "印刷",
})
_GOVERNMENT = re.compile(r"(政府|委员会|党委|办公厅|办公室|国务院|人大|政协|管委会|领导小组|中央|部|局|厅)$")
_GENERIC = re.compile(r"^(各类|一批|多家|相关|有关|全国|全省|全市|龙头|本地|当地|东部|西部|国有|民营|私营|"
                      r"实体|规模|大型|重点|明星|骨干|知名|优秀|这些|该|其|各|多[家个所批项座]|一[家个所批项座])")
#: "十堰市中医医院第五师双河市分院", "新疆大学科技学院阿克苏校区": a branch named after its parent (a new
#: or permanent campus is the parent's).
_BRANCH = re.compile(r"(?!新校区|老校区|永久校区|主校区)(?:(?![和与及同在])[\u4e00-\u9fff]){0,10}?"
                     r"(?:分院|分校|校区|分公司|分厂)")
#: "八十六团洪桥幼儿园": a 兵团 regiment or division, numbered, that the name starts with.
_UNIT_NUMBER = re.compile(r"(?:第)?[一二三四五六七八九十百]+$")
_MAX_NAME = 14


def _name_tag(word: str) -> bool:
    entry = _jieba_dictionary().get(word)
    if entry is None:
        return word.isalpha() or all("\u4e00" <= c <= "\u9fff" for c in word)
    return entry[1] in _NAME_TAGS and word not in _LEFT_STOP_WORDS


def _left_edge(an: Analysis, suffix_start: int) -> int:
    """Where the name ending at ``suffix_start`` begins, walking back over noun-like tokens."""
    bounds = an.boundary_list
    cuts = bounds[bisect.bisect_left(bounds, suffix_start - _MAX_NAME) : bisect.bisect_left(bounds, suffix_start)]
    start = suffix_start
    for left in reversed(cuts):
        word = an.key[left:start]
        ordinal = word.startswith("第") and len(word) <= 3  # 第一人民医院
        if not word or (not ordinal and not _name_tag(word)) or any(c.isdigit() for c in word):
            break
        start = left
    return start


def _credited(an: Analysis, start: int, end: int) -> bool:
    """Whether a paper or station named at key ``start:end`` is credited as the story's source: read in
    the key, and in the raw text, where the line breaks and spaces around a byline still are."""
    key, text = an.key, an.doc.text
    if _CREDIT_BEFORE.search(key, max(0, start - 8), start) or _CREDIT_AFTER.match(key, end):
        return True  # in the key, simplified and without the pinyin glosses a mirror site inserts
    ts, te = an.doc.key.to_text(start, end)
    line_start = text.rfind("\n", 0, ts) + 1
    return bool(_CREDIT_BEFORE.search(text[max(line_start, ts - 8):ts]) or _CREDIT_AFTER.match(text, te))


def recognize(an: Analysis) -> Iterator[Mention]:
    key = an.key
    seen: set[tuple[int, int]] = set()
    found: list[tuple[int, int]] = []
    for m in _ORG.finditer(key):
        start = _left_edge(an, m.start())
        body = key[start:m.start()]
        # a Latin run glued to a Chinese name comes from layout (SHIJIAN中国出版集团)
        while body and body[0].isascii():
            body = body[1:]
            start += 1
        if body[:1] in ("团", "师") and (number := _UNIT_NUMBER.search(key, max(0, start - 4), start)):
            start = number.start()
            body = key[start:m.start()]
        if len(body) < 2 or _GOVERNMENT.search(body) or _GENERIC.match(body):
            continue
        if m.group(0) in _MEDIA and _credited(an, start, m.end()):
            continue  # 来源：贵州日报, 据青海日报报道, 湖北日报讯: the source of the story, not a party to it
        if body.startswith(("日讯", "讯")):
            continue
        branch = _BRANCH.match(key, m.end())
        found.append((start, branch.end() if branch else m.end()))
    # nested names (…科学院区域经济研究所): the longest one is the organisation
    for start, end in found:
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in found):
            continue
        if (start, end) in seen:
            continue
        seen.add((start, end))
        name = key[start:end]
        yield an.mention("organization", start, end, name, RULE, (("name", name),))
    regions = {(m.get("kstart"), m.get("kend")) for m in an.mentions if m.kind == "region"}
    for m in _LIST.finditer(key):
        items = m.group("items").split("、")
        if len(items) == 1 and not m.group("lead"):
            continue
        pos = m.start("items")
        for item in items:
            s, e = pos, pos + len(item)
            pos = e + 1
            if len(item) < 2 or (s, e) in regions or _GENERIC.match(item) or (s, e) in seen:
                continue
            seen.add((s, e))
            yield an.mention("organization", s, e, item, LIST_RULE, (("name", item),))
