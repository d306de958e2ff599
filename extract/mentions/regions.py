"""Region mentions from the gazetteer, with context for ambiguous short names.

One Aho–Corasick automaton over every full, short and former name finds all
candidates in the matching key; the longest leftmost ones win.  Short names
must be whole jieba words.  A name shared by several regions (普陀: Shanghai
or Zhoushan) goes to the one whose parents the document mentions.  A county
followed by one of its townships or villages (安吉县黄杜村) yields the lower
level too.  Regional groups (四川藏区, 凉山彝区) become ``region_group``s.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import ahocorasick

from ..context import Analysis
from ..gazetteer import FULL, HISTORIC, SHORT, Alias, Gazetteer, Region
from ..records import Mention
from ..segment import is_common_word, is_place_word, is_rare_word, is_safe_short_name

RULE = "region-gazetteer/1"
GROUP_RULE = "region-group/1"
SUB_RULE = "region-subplace/1"

#: Suffixes that turn a region into a named group of its parts.
_GROUP = re.compile(
    r"(藏区|彝区|涉藏州县|涉藏地区|民族地区|革命老区|深度贫困地区)(\d+个县(?:市区)?)?"
)
#: Prefixes that make a short name part of another word (e.g. 东南 in 黔东南 is handled by
#: longest match; these catch surnames and titles in front of a short name).
_SUB_PLACE_SUFFIX = ("镇", "乡", "村", "街道", "社区", "苏木", "嘎查")


@cache
def _automaton(gaz: Gazetteer) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for name in sorted(gaz.by_name):
        aliases = tuple(
            a
            for a in gaz.by_name[name]
            if a.strength in (FULL, HISTORIC)
            or is_safe_short_name(a.name, gaz.regions[a.code].level)
        )
        if aliases and len(name) >= 2:
            auto.add_word(name, (name, aliases))
    auto.make_automaton()
    return auto


@cache
def _listed_automaton(gaz: Gazetteer) -> ahocorasick.Automaton | None:
    """County short names jieba calls ordinary words (奉节 is tagged a verb): matched only inside a list of places."""
    auto = ahocorasick.Automaton()
    for name in sorted(gaz.by_name):
        aliases = tuple(a for a in gaz.by_name[name] if a.strength == SHORT and gaz.regions[a.code].level == "county"
                        and not is_safe_short_name(a.name, "county"))
        if aliases and len(name) >= 2 and all(a.strength == SHORT for a in gaz.by_name[name]):
            auto.add_word(name, (name, aliases))
    if len(auto) == 0:
        return None
    auto.make_automaton()
    return auto


#: After a listed place: another item, or the count that closes the list (巫山、巫溪、奉节3个县).
_LIST_AFTER = re.compile(r"、|等|\d+个?[县区市]|[两三四五六七八九十]+[县区市个地]")


def _in_place_list(key: str, start: int, end: int, ends: set[int], starts: set[int]) -> bool:
    """Whether ``key[start:end]`` follows a place and 、, and another item or a count follows it,
    or ends a list of three or more places, or opens a list whose next item is a place (疏附、波密、甘孜…)."""
    if key.startswith("、", end) and end + 1 in starts:
        return True
    if key[start - 1 : start] != "、" or (start - 1) not in ends:
        return False
    if _LIST_AFTER.match(key, end) is not None or (key[end:end + 1] in ("和", "及") and end + 1 in starts):
        return True  # …雅江、九龙和重庆巫山: between two places, joined on by 和
    # the last of three or more places (…、波密、甘孜、巫山所有贫困县): the item before is itself listed
    return any(key[p] == "、" and p in ends and p + 1 in starts for p in range(max(0, start - 14), start - 2))


def _listed(an: Analysis, chosen: list[tuple[int, int, tuple[Alias, ...]]]) -> list[tuple[int, int, tuple[Alias, ...]]]:
    """Ordinary-word county names that stand in a 、 list right after a recognised place, or
    pair with one."""
    key = an.key
    ends = {e for _, e, _ in chosen}
    starts = {s for s, _, _ in chosen}
    taken = [(s, e) for s, e, _ in chosen]
    found: list[tuple[int, int, tuple[Alias, ...]]] = []
    auto = _listed_automaton(an.gazetteer)
    if auto is None:
        return found
    # where each county was first named in full: "平利县…。武进与平利是对口帮扶区县" uses the short name after
    named_in_full: dict[str, int] = {}
    for s, _, chosen_aliases in chosen:
        for a in chosen_aliases:
            if a.strength == FULL and an.gazetteer.regions[a.code].level == "county":
                named_in_full.setdefault(a.code, s)
    for end_idx, (name, aliases) in auto.iter(key):
        start = end_idx - len(name) + 1
        end = end_idx + 1
        if any(s < end and start < e for s, e in taken):
            continue
        # "高明对口协作施秉": a pair verb between it and a place makes the word a place too
        paired_or_listed = (start in an.boundaries and _pairs_with_place(key, end, starts)) \
            or _in_place_list(key, start, end, ends, starts)
        # a whole word after its county's full name ("平利县…武进与平利")
        after_full_name = len(aliases) == 1 and named_in_full.get(aliases[0].code, end) < start \
            and start in an.boundaries and end in an.boundaries and not key.startswith(_SUB_PLACE_AFTER, end)
        if paired_or_listed or after_full_name:
            found.append((start, end, aliases))
    return found


def _candidates(an: Analysis) -> list[tuple[int, int, tuple[Alias, ...]]]:
    key = an.key
    found: list[tuple[int, int, tuple[Alias, ...]]] = []
    for end_idx, (name, aliases) in _automaton(an.gazetteer).iter(key):
        start = end_idx - len(name) + 1
        found.append((start, end_idx + 1, aliases))
    bounds = _region_boundaries(an)
    # leftmost-longest, non-overlapping
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    chosen: list[tuple[int, int, tuple[Alias, ...]]] = []
    last_end = -1
    for start, end, aliases in found:
        if start < last_end:
            continue
        if all(a.strength == SHORT for a in aliases) and (
                not _whole_word(an, start, end, bounds) or _EAST_WEST.match(key, end - 1)):
            continue
        chosen.append((start, end, aliases))
        last_end = end
    return sorted(chosen + _listed(an, chosen))


#: "浙广东西部扶贫协作": the 东 of a short name (广东) that begins 东西部协作 belongs to the program.
_EAST_WEST = re.compile(r"东西部(?:扶贫)?(?:协作|合作)")


#: One-character prepositions jieba may glue to the first character of a place (自信|宜 for 自|信宜).
_LEADING_PREPOSITION = frozenset("自从在赴至到向对与和往")


def _region_boundaries(an: Analysis) -> frozenset[int]:
    """jieba's word boundaries, plus splits inside words that are two place names (福建厦门), and after
    a preposition glued to a place's first character (自信宜 is 自 信宜 when 信宜 ends at a boundary)."""
    cuts = an.boundary_list
    names = an.gazetteer.by_name
    extra = set()
    for a, b in itertools.pairwise(cuts):
        word = an.key[a:b]
        if len(word) == 2 and word[0] in _LEADING_PREPOSITION and word not in names \
                and any(an.key[a + 1:a + 1 + n] in names and a + 1 + n in an.boundaries for n in range(2, 5)):
            extra.add(a + 1)
        if b - a < 4:
            continue
        for i in range(2, len(word) - 1):
            if word[:i] in names and word[i:] in names:
                extra.add(a + i)
                break
    return an.boundaries | extra


#: A short name followed by these is part of a township or village name (王益乡, not 王益区).
_SUB_PLACE_AFTER = ("乡", "镇", "村", "街道", "社区")


def _whole_word(an: Analysis, start: int, end: int, b: frozenset[int]) -> bool:
    if an.key.startswith(_SUB_PLACE_AFTER, end):
        return False
    if start in b and end in b:
        return True
    # a short name directly followed by an administrative suffix jieba split oddly
    return start in b and an.key[end : end + 1] in ("市", "州", "县", "区", "省")


#: A list closed by a count of counties (那曲、比如、嘉黎三县; 巫山、巫溪等4个贫困县): its items are counties.
_COUNTY_LIST_AFTER = re.compile(
    r"(?:[、和及][\u4e00-\u9fff]{1,10}?)*?等?(?:\d+|[两三四五六七八九十]+)个?(?:国家级)?(?:深度)?(?:贫困)?县"
)


def _resolve(gaz: Gazetteer, aliases: tuple[Alias, ...], context: Counter[str],
             county_list: bool = False) -> tuple[str, float]:
    codes = sorted({a.code for a in aliases})
    if len(codes) == 1:
        return codes[0], 1.0
    counties = [c for c in codes if gaz.regions[c].level == "county"]
    if county_list and len(counties) == 1:
        return counties[0], 0.8  # 那曲 among 三县 is 那曲县 (色尼区), not 那曲市
    # prefer the candidate whose ancestors or descendants the document mentions, then one in
    # the province of the places it names (长沙's report: 龙山 is 湖南's 龙山县, not 辽源's 龙山区)
    scored = []
    for code in codes:
        # the place itself named unambiguously elsewhere (东乡县 → 东乡族自治县) counts like its parents
        score = context[code] + sum(context[c] for c in gaz.ancestors(code))
        score += sum(n for c, n in context.items() if c != code and code in gaz.ancestors(c))
        province = gaz.province_of(code)
        nearby = sum(n for c, n in context.items() if c != code and gaz.province_of(c) == province)
        level_rank = ("province", "prefecture", "county").index(gaz.regions[code].level)
        scored.append((-score, -nearby, level_rank, code))
    scored.sort()
    best, runner_up = scored[0], scored[1]
    if best[0] < runner_up[0]:
        return best[-1], 0.9
    return best[-1], 0.7 if best[1] < runner_up[1] else 0.6


#: After a place, its people setting out for another (…党政代表团赴, …一行到).
_TRAVELS = re.compile(r"[^，,。；;！？!?“”]{0,16}?(?:赴|前往|奔赴|来到|到)")


def recognize(an: Analysis) -> Iterator[Mention]:
    gaz = an.gazetteer
    cands = _candidates(an)
    context: Counter[str] = Counter()
    for _, _, aliases in cands:
        codes = {a.code for a in aliases}
        if len(codes) == 1:
            context[next(iter(codes))] += 1
    key = an.key
    ends = {e for _, e, _ in cands}
    starts = {st for st, _, _ in cands}
    away: dict[str, tuple[Alias, ...]] = {}
    for start, end, aliases in cands:
        name = key[start:end]
        # "那曲地区及那曲、比如、嘉黎三县": after the prefecture itself, its name in a list of counties is
        # the county of that name (那曲县, now 色尼区); elsewhere 甘孜 among 贫困县 may still be 甘孜州
        county_list = bool(_COUNTY_LIST_AFTER.match(key, end)) \
            and bool(re.search(re.escape(name) + "(?:地区|市|州|盟)", key[max(0, start - 30):start]))
        if county_list and all(gaz.regions[a.code].level != "county" for a in aliases):
            aliases = tuple(a for a in gaz.lookup(name + "县")
                            if gaz.regions[a.code].level == "county") or aliases
        if len({a.code for a in aliases}) > 1 and (trip := _TRAVELS.match(key, end)):
            # "白云区党政代表团赴贵州省黔南州": a place whose people travel to a province is not in it,
            # here or anywhere else in the text
            dest = next((al for s2, _, al in cands if trip.end() <= s2 <= trip.end() + 2), ())
            if len({a.code for a in dest}) == 1:
                there = gaz.province_of(dest[0].code)
                away[name] = tuple(a for a in aliases if gaz.province_of(a.code) != there) or aliases
        aliases = away.get(name, aliases)
        code, confidence = _resolve(gaz, aliases, context, county_list)
        region = gaz.regions[code]
        strength = next(a.strength for a in aliases if a.code == code)
        # two-character official names are ordinary words too (城区, 郊区, 矿区)
        if (strength == SHORT or (strength == FULL and end - start <= 2)) and region.level == "county" \
                and not _supported(an, code, start, end, context, ends, starts):
            continue
        if strength == HISTORIC and _borrowed_suffix(an, region, start, end) \
                and not any(context[c] for c in gaz.ancestors(code)):
            continue  # "新建市政燃气管道", "产业合作区": an everyday word and another suffix than its own
        yield an.mention(
            "region",
            start,
            end,
            code,
            RULE,
            (("level", region.level), ("strength", strength), ("confidence", confidence)),
        )
        if region.level == "county":
            yield from _sub_places(an, code, end)
        group = _GROUP.match(key, end)
        if group:
            label = region.short or region.name
            gkey = f"{code}:{group.group(1)}"
            yield an.mention(
                "region_group",
                start,
                group.end(),
                gkey,
                GROUP_RULE,
                (("parent", code), ("label", label + group.group(1))),
            )


def _borrowed_suffix(an: Analysis, region: Region, start: int, end: int) -> bool:
    """Whether the match is an everyday word with another suffix than the county's own (新建市政 is
    not 新建区, and 产业合作区 is not 合作市)."""
    # not 县: 兴仁县城北社区 is 兴仁县's 城北社区, although 县城 is a word
    return an.key[start:end - 1] == region.short and an.key[end - 1] in "市区" \
        and an.key[end - 1] != region.name[-1] and is_common_word(region.short)


#: Verbs of pairing, after which a county's short name that is also a word is the county.
_PAIR_VERBS = ("对口协作", "对口帮扶", "对口支援", "结对帮扶")


def _pairs_with_place(key: str, end: int, starts: set[int]) -> bool:
    """Whether a pair verb and then a place follow ``end`` (高明|对口协作|施秉)."""
    return any(key.startswith(v, end) and end + len(v) in starts for v in _PAIR_VERBS)


def _supported(an: Analysis, code: str, start: int, end: int, context: Counter[str], ends: set[int],
               starts: set[int]) -> bool:
    """Whether a county's name is a place here, not the everyday word it also is (新建 → 新建区;
    城区 and 郊区 are official names too).

    A name the text also gives a township (三江乡) needs the county's own
    prefecture or province in the text.  Otherwise rare names always count.  A
    frequent word counts when an administrative suffix follows it, when it
    stands in a list of places, or when the document names the county's
    prefecture (its province, for a county right under one).
    """
    name = an.key[start:end]
    if an.key[end : end + 1] in ("市", "县", "区", "旗"):
        # 和县 before 区 is "和 县区" (部门和县区的干部); a short name before its suffix is the place
        return name[-1] not in "市县区旗"
    gaz = an.gazetteer
    ancestors = gaz.ancestors(code)
    if re.search(re.escape(name) + r"(?:乡|镇|街道)", an.key):
        # the text names a township 三江乡 (in 汶川): its bare 三江 is that township, unless the
        # county's own prefecture or province is named too
        return any(context[c] for c in ancestors)
    if an.key.startswith(("地区", "山区"), end):
        # "宁南地区" (the south of 宁夏) is an area, not 宁南县: a county is never a 地区
        return any(context[c] for c in ancestors)
    if len(name) == 2 and name[0] in "东西南北中" and name[1] in "县区市":
        return any(context[c] for c in ancestors)  # 东区, 西区 (攀枝花): the east part of anywhere
    if len(name) == 2 and name[-1] in "县区市旗" and is_common_word(an.key[start - 1:start + 1]) \
            and is_common_word(an.key[end - 1:end + 1]):
        # "完成县级水源地": 完成 and 县级 are words, and 成县 (甘肃) is no place here
        return any(context[c] for c in ancestors)
    if not is_common_word(name):
        return True
    if _pairs_with_place(an.key, end, starts):
        return True  # "高明对口协作施秉、黄平两地": a word does not help another place; a county does
    if _in_place_list(an.key, start, end, ends, starts):
        return True  # an item of a list of places (巫山、巫溪、奉节3个县; 疏附、波密…等6个贫困县)
    if (is_rare_word(name) or is_place_word(name)) and gaz.regions[code].name in an.key:
        # a rare word, or one jieba knows as a place, whose county the text names in full
        # (米脂县 … 米脂和高邮; 巴东县 … 对口帮扶巴东)
        return True
    # a county right under its province (重庆's) takes the province's word from anywhere
    if any(context[c] for c in ancestors if gaz.regions[c].level != "province" or len(ancestors) == 1):
        return True
    # two other counties of its prefecture named (汶川县, 茂县 … 理县) vouch for it too
    parent = gaz.regions[code].parent
    if parent is not None and sum(1 for c in context if c != code and gaz.regions[c].parent == parent
                                  and gaz.regions[c].level == "county") >= 2:
        return True
    # a province vouches only when written right before the name (新疆奇台), not from afar
    return any(an.key.endswith(alias, 0, start) for alias in gaz.aliases_of(gaz.province_of(code)))


def _sub_places(an: Analysis, county: str, pos: int) -> Iterator[Mention]:
    """Township then village names right after their county (安吉县黄杜村)."""
    places = an.gazetteer.sub_places(county)
    if not places:
        return
    key = an.key
    parent = county
    for _ in range(2):
        match = None
        for length in range(8, 1, -1):
            name = key[pos : pos + length]
            if name in places and name.endswith(_SUB_PLACE_SUFFIX):
                match = name
                break
        if match is None:
            return
        level = places[match]
        yield an.mention(
            "region",
            pos,
            pos + len(match),
            f"{parent}/{match}",
            SUB_RULE,
            (("level", level), ("parent", parent), ("strength", FULL), ("confidence", 0.9)),
        )
        parent = f"{parent}/{match}"
        pos += len(match)
