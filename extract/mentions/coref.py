"""Coreference to regions: 我州, 我市, 我省, 该市, 本县 ….

我X (the speaker's own region) resolves to the region of level X the document
is about: the one its title line names (苏州市政府工作报告), else the one
mentioned most, at least twice and clearly ahead of the next.  该X/此X/本X
resolve to the nearest region of level X mentioned before, within a few
sentences.  When neither holds the phrase stays unresolved: no guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..context import Analysis, kend, kstart
from ..gazetteer import Gazetteer
from ..records import Mention

RULE = "coref/1"
_PATTERN = re.compile(r"(我|该|本|此)(省|市|州|县|区|盟)(?![长委级场民场面])")
_LEVELS = {"省": ("province",), "市": ("prefecture", "county"), "州": ("prefecture",),
           "县": ("county",), "区": ("county", "province"), "盟": ("prefecture",)}
_WINDOW = 400
_TITLE_MAX = 60


def title_end(text: str) -> int:
    """End of the first non-empty line when it is short enough to be a title, else 0."""
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n", stripped)
    end = len(text) if end < 0 else end
    return end if end - stripped <= _TITLE_MAX else 0


#: A report's header names the region that speaks: 在贵州省第十三届人民代表大会…上; 2019年浙江省政府工作报告.
#: A report's header: its title, or the meeting line (…人民代表大会…会议上, also 十六届人大三次会议上).
#: 人民政府 only in the speaker's line ("福建省人民政府省长 黄小晶"): a portal's banner "莒南县人民政府"
#: heads news, not a report.
_REPORT = re.compile(r"政府工作报告|工作报告|人民代表大会|人民政府[^\n]{0,4}(?:省长|市长|县长|州长|区长|旗长|盟长|主席)"
                     r"|届人大[^\n]{0,8}会议")
_HEADER_MAX = 200


def header_end(text: str) -> int:
    """End of a report's header (its first few lines, when they name a report), else of its title line."""
    end = found = 0
    for line in text[:_HEADER_MAX].split("\n")[:5]:
        if len(line.strip()) > _TITLE_MAX:
            break
        end += len(line)
        if _REPORT.search(line):
            found = end
        end += 1
    return found or title_end(text)


#: A text that opens with a numbered section heading ("（三）聚焦精准发力…", "二、今后五年的工作") is a
#: passage cut from a report, headerless.
SECTION_START = re.compile(r"\**\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")


def is_report(text: str) -> bool:
    """Whether the text opens with a report's header, whose region speaks throughout, or is a
    passage of a report (see :data:`SECTION_START`)."""
    end = header_end(text)
    return (end > 0 and _REPORT.search(text, 0, end) is not None) or SECTION_START.match(text) is not None


def _suffix_fits(name: str, word: str) -> bool:
    if word == "州":
        return name.endswith("州")
    if word == "市":
        return name.endswith("市")
    if word == "县":
        return name.endswith(("县", "旗"))
    if word == "区":
        return name.endswith("区")
    return True


def _province_by_votes(gaz: Gazetteer, counts: Counter[str]) -> str | None:
    """The province most of the document's local places lie in (兴仁县, 锁寨村 … → 贵州省).

    Counties vote: partner cities from other provinces are named as often as
    home ones, but a document's small places are its own.  One county is
    enough when no other province has any.  With no county named, distinct
    cities vote, three at least and three times the runner-up.
    """
    votes: Counter[str] = Counter()
    for code, n in counts.items():
        if gaz.regions[code].level == "county":
            votes[gaz.province_of(code)] += n
    ranked = votes.most_common(2)
    if len(ranked) == 1 or (ranked and ranked[0][1] >= 2 and ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    if ranked:
        return None
    # no county named: cities vote, with a wider margin (湛江, 惠州, 广州, 深圳 against one 甘孜)
    cities = Counter(gaz.province_of(code) for code in counts if gaz.regions[code].level == "prefecture")
    top = cities.most_common(2)
    if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= 3 * top[1][1]):
        return top[0][0]
    return None


_JOINERS = "、与和同及跟"


def _joined_with(key: str, by_end: dict[int, Mention], by_start: dict[int, Mention], start: int,
                 end: int) -> set[str]:
    """Places joined to a 我X by 与, 和 or 、 ("广东省、浙江省与我省开展…协作"): the speaker is none of them.
    ``by_end`` and ``by_start`` are the text's region mentions by where they end and start."""
    joined: set[str] = set()
    pos = start
    while pos > 0 and key[pos - 1] in _JOINERS and (r := by_end.get(pos - 1)) is not None:
        joined.add(r.key)
        pos = kstart(r)
    pos = end
    while pos < len(key) and key[pos] in _JOINERS and (r := by_start.get(pos + 1)) is not None:
        joined.add(r.key)
        pos = kend(r)
    return joined


def recognize(an: Analysis) -> Iterator[Mention]:
    regions = [m for m in an.mentions if m.kind == "region"]
    gaz = an.gazetteer
    counts: Counter[str] = Counter(m.key for m in regions if m.key in gaz)
    votes: Counter[str] = Counter()
    for named, n in counts.items():
        for c in (named, *gaz.ancestors(named)):
            votes[c] += n
    # a region named in the title line is what the document speaks for
    end_of_title = header_end(an.doc.text)
    in_title = [m.key for m in regions if m.end <= end_of_title and m.key in gaz]
    by_end = {kend(r): r for r in regions}
    by_start = {kstart(r): r for r in regions}
    for m in _PATTERN.finditer(an.key):
        which, word = m.group(1), m.group(2)
        levels = _LEVELS[word]
        code: str | None = None
        if which == "我":
            fits = [c for c in in_title
                    if gaz.regions[c].level in levels and _suffix_fits(gaz.regions[c].name, word)]
            # a city is named through its districts and counties too (苏州 … 昆山市 → 苏州市); a
            # province is not named through its cities, which are as often the partner's
            tally = counts if word == "省" else votes
            beside = _joined_with(an.key, by_end, by_start, m.start(), m.end())
            ranked = [
                (n, c) for c, n in sorted(tally.items(), key=lambda cn: (-cn[1], cn[0]))
                if gaz.regions[c].level in levels and _suffix_fits(gaz.regions[c].name, word) and c not in beside
            ]
            if fits:
                code = fits[0]
            elif ranked:
                # the top region's own districts and counties are not its rivals
                rivals = [n for n, c in ranked[1:] if ranked[0][1] not in gaz.ancestors(c)]
                if ranked[0][0] >= 2 and (not rivals or ranked[0][0] >= 2 * rivals[0]):
                    code = ranked[0][1]
            if code is None and word == "省":
                code = _province_by_votes(gaz, counts)
        else:
            before = [r for r in regions if kend(r) <= m.start() and m.start() - kstart(r) <= _WINDOW
                      and r.key in gaz and gaz.regions[r.key].level in levels
                      and _suffix_fits(gaz.regions[r.key].name, word)]
            if before:
                code = before[-1].key
        if code is not None:
            yield an.mention("region", m.start(), m.end(), code, RULE,
                             (("level", gaz.regions[code].level), ("strength", "coref"),
                              ("confidence", 0.8)))
