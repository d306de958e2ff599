"""Amounts with their subject, what they measure and the year.

Only figures in sentences about cooperation or poverty relief are facts here:
a work report's GDP or road-building figures are left out.  The subject is the
nearest region, group or organisation named before the
figure in its sentence (or in the clause after it when none comes before).
The measure is the phrase between that subject (or the clause start) and the
figure, with verbs of reaching (达, 为, 共 …) trimmed.  The year is the
nearest year stated before the figure in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..abbrev import WESTERN_PROVINCES, side
from ..context import CLAUSE_PUNCT, Analysis, kend, kstart
from ..mentions.coref import is_report
from ..records import EntityRef, Mention, Triple, attrs
from .pairing import speaker
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


#: Words that by themselves put a figure in the story of cooperation and poverty relief.
_STRONG_TOPIC = re.compile(r"帮扶|协作|援|对口|扶贫|脱贫|贫困|结对|捐|支援|东西部|携手")
#: Words that do so only in a text about cooperation (a work report also recruits 人才 and 招商).
_WEAK_TOPIC = re.compile(r"合作|劳务|转移就业|产业园|投资兴业|落户|招商|引进|培训|挂职|选派|干部|人才|交流")
#: Words of aid between regions, as opposed to a region's own poverty relief (扶贫, 脱贫, 贫困).
_AID_TOPIC = re.compile(r"帮扶|协作|(?<!救)援|对口|结对|捐|东西部|携手")
#: The same for a receiving region's report, whose own 帮扶措施 are relief, not aid it was given.
_RECEIVED_TOPIC = re.compile(r"协作|(?<!救)援|对口|结对|东西部")


#: How far before a figure's sentence a cooperation text's topic words still count.
_TOPIC_REACH = 60
#: Words of aid per 1,000 characters above which a text is about cooperation as a whole
#: (news and yearbook entries on it run at 15–45; work reports at 1–12).
_CENTRED = 12.0
#: The same, counting relief words too (扶贫, 脱贫, 贫困), for stories told from the receiving side;
#: these still speak of aid at least this often (a region's own relief report, headerless, does not).
_CENTRED_RELIEF = 15.0
_RELIEF_AID_FLOOR = 5.0


def _centred(an: Analysis) -> str | None:
    """Whether the whole text is about cooperation (a story on it), not a report touching on it:
    "aid" when it speaks of aid throughout, "relief" when it does so among words of relief."""
    if is_report(an.doc.text):
        return None
    size = max(len(an.key), 1)
    # a pair word (粤桂, 京蒙) speaks of the cooperation as much as 协作 does
    aid = (len(_AID_TOPIC.findall(an.key)) + len(an.within(("pairword",), 0, len(an.key)))) * 1000
    if aid >= _CENTRED * size:
        return "aid"
    if aid >= _RELIEF_AID_FLOOR * size and len(_STRONG_TOPIC.findall(an.key)) * 1000 >= _CENTRED_RELIEF * size:
        return "relief"
    return None


#: In a report touching on cooperation, a clause about its own totals (全市…, 城镇新增就业…) is not about aid.
_OWN_TOTALS = re.compile(r"全市|全省|全区|全县|全州|全盟|省内|市内|城镇新增|地区生产总值|一般公共预算")


#: "到位资金将达313.2亿元", "预计突破1500亿元": a forecast, not something given or done.
_FORECAST = re.compile(r"将达|预计|有望|预期|将突破|将超过")
#: "考察组一行12人": the size of a visiting party (a party of aid staff, 援疆干部人才一行95人, is sent);
#: "每公斤能卖180元", "每个月能拿到2000多元": a price or a wage.
_PARTY_OR_RATE = re.compile(r"(?<!援[疆藏青滇黔桂宁甘渝陕川蒙])(?<!干部|人才|教师|医生|疗队|作队)一行$"
                            r"|(?:每公斤|每斤|每千克|每个月|每月)[^，,。；;！？!?]{0,6}$")
#: "是全国52个…贫困县之一": a place's standing among its kind, not something given or done.
_ONE_OF = re.compile(r"[^，,。；;！？!?]{0,16}?之一")
#: "齐鲁周刊 2018年32期": a periodical's issue, right after its year.
_ISSUE_YEAR = re.compile(r"\d年$")
#: "凡是…销售额度达到200—299万元…分别给予一次性3万元…的补助": a rule's thresholds and rewards, not
#: anything given or done.
_RULE_OF = re.compile(r"[，,：:]凡")
#: "年产20万吨…负极材料": a plant's capacity, not something given or done.
_CAPACITY = re.compile(r"(?:年产|日产|年产能|产能|装机容量|装机|年处理|日处理|年加工|日加工)(?:达|为|约|近)?$")
#: "距上海5137公里", "跨越2000多公里", "700余公里外": how far apart places are, not what was built.
_DISTANCE_BEFORE = re.compile(r"(?:距|离|相隔|相距|跨越|穿越|远隔|穿过|[东西南北]行|行驶|行程)[^，,。；;！？!?]{0,8}$")
_DISTANCE_AFTER = re.compile(r"之遥|外|处|界标")
#: "9米长的运送车", "1米多厚的积雪": a size, not a length built.
_SIZE_AFTER = re.compile(r"[多余]?的?[长高宽厚深]")
#: "浏览次数:1289 次": a page's own counter.
_PAGE_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?[:：]?\s*$")
_LENGTHS = frozenset({"公里", "千米", "米"})
#: "奋战800多个日夜", "二十个春秋": how long someone has worked, not something given or done.
_DURATION_AFTER = re.compile(r"日日夜夜|日夜|昼夜|春秋|寒暑|年头")


def _measures_no_aid(key: str, m: Mention, s: int) -> bool:
    """Figures whose words show they measure no aid: a distance, a size, a page's visits, a visiting
    party, a price or wage, a place's standing, a periodical's issue or a span of days and years
    (``s``: the sentence's start)."""
    before = key[max(0, kstart(m) - 12):kstart(m)]
    if _PAGE_COUNTER.search(before) or _PARTY_OR_RATE.search(key, max(s, kstart(m) - 10), kstart(m)) \
            or (_ONE_OF.match(key, kend(m)) and "是" in key[max(s, kstart(m) - 8):kstart(m)]) \
            or (m.get("unit") == "期" and _ISSUE_YEAR.search(key, max(0, kstart(m) - 2), kstart(m))) \
            or (m.get("unit") == "个" and _DURATION_AFTER.match(key, kend(m))):
        return True
    if m.get("unit") not in _LENGTHS:
        return False
    return bool(_DISTANCE_BEFORE.search(before) or _DISTANCE_AFTER.match(key, kend(m))
                or (m.get("unit") == "米" and _SIZE_AFTER.match(key, kend(m))))


#: A clause describing a place (its area, altitude, population, climate) holds no cooperation figure.
_PROFILE = re.compile(
    r"总面积|国土面积|海拔|总人口|常住人口|现辖|辖区|下辖|辖(?=\d|[一二三四五六七八九十])|耕地|草场|气温|降水|蒸发|积雪|"
    r"相距|距离|平方公里"
)


#: A clause that is only a sum spent: "累计投入资金", "共落实帮扶资金".
_FIGURE_FIRST = re.compile(r"(?:累计|共|先后|全年|当年)?(?:投入|落实|安排|拨付|筹集|到位)[\u4e00-\u9fff]{0,6}?资金")


def _on_topic(an: Analysis, amount: Mention, s: int, e: int, centred: str | None, partner: int) -> bool:
    """Whether a figure belongs to the story of cooperation (not GDP growth, nor a report's own relief work).

    In a text about cooperation its sentence needs a topic word; in a report
    touching on it, a word of aid between regions must come before the
    figure in its sentence, or stand in its clause, or the sentence must name
    a place on the ``partner`` side of the country.
    """
    pos = kstart(amount)
    cs, ce = an.clause_bounds(pos)
    if _PROFILE.search(an.key, cs, ce) and not _AID_TOPIC.search(an.key, cs, ce):
        return False
    if not centred:
        aid = _RECEIVED_TOPIC if partner > 0 else _AID_TOPIC
        if _OWN_TOTALS.search(an.key, cs, ce) and not aid.search(an.key, cs, ce):
            return False
        # a word of aid in the sentence's first clause (its topic), or in the figure's clause or the
        # one before it; not one of several clauses back ("深化闽宁扶贫协作，实施10个扶贫产业，…培育10家…")
        _, first_end = an.clause_bounds(s)
        before = an.clause_bounds(cs - 1)[0] if cs > s else cs
        if aid.search(an.key, before, ce) or aid.search(an.key, s, min(first_end, pos)) \
                or _names_partner(an, s, max(pos, ce), partner):
            return True
        if cs == s and ce < e and _FIGURE_FIRST.match(an.key, cs, pos):
            # "累计投入资金70亿元，圆满完成支援什邡灾后恢复重建任务": a sentence that opens with what
            # was spent, then says on what
            _, next_end = an.clause_bounds(ce + 1)
            if aid.search(an.key, ce, next_end) or _names_partner(an, ce, next_end, partner):
                return True
        # "北京先后向内蒙古转移了200多项高新技术成果": a story's sentence joining the two sides
        return not partner and not is_report(an.doc.text) and _names_both_sides(an, s, e)
    # told among words of relief, a sentence of relief alone is the place's own work (全区…扶贫资金)
    topic = _AID_TOPIC if centred == "relief" else _STRONG_TOPIC
    if topic.search(an.key, s, e) or _names_both_sides(an, s, e):
        return True
    if _SPENT.search(an.key, cs, pos) and amount.get("unit") == "元" and "元" in amount.text \
            and amount.text[:1].isdigit():
        return True  # "教育方面，投资790万元…": in a story of aid, what is spent is aid
    reach = max(0, s - _TOPIC_REACH)
    return bool(_WEAK_TOPIC.search(an.key, reach, e) or topic.search(an.key, reach, s))


#: Verbs of spending, before a sum in its clause.
_SPENT = re.compile(r"投资|投入|援助|捐赠|捐助|捐款|拨付|安排|落实|筹集|提供")


def _partner_side(an: Analysis) -> int:
    """The side of the country (see :func:`side`) a report's speaker works with: the west for an
    eastern speaker, the east for a western one, else 0 (none)."""
    me = speaker(an)
    if me is None:
        return 0
    province = an.gazetteer.province_of(me)
    return -1 if side(province) > 0 else 1 if province in WESTERN_PROVINCES else 0


_SUFFIXES = ("省", "市", "州", "县", "区", "盟", "旗", "地区")


def _names_partner(an: Analysis, s: int, e: int, want: int) -> bool:
    """"国有企业到临夏州投资成立15家公司" in 厦门's report: a western place in an eastern speaker's
    sentence makes its figures part of the cooperation."""
    if not want:
        return False
    gaz = an.gazetteer
    for m in an.within(("region",), s, e):
        region = gaz.get(m.key.split("/")[0])
        # a bare short name (黄山 in 福州, 南沙 in 广州) is too often a local place of the same name
        if region is not None and (m.text.endswith(_SUFFIXES) or region.level == "province") \
                and side(gaz.province_of(region.code)) == want:
            return True
    return False


def _names_both_sides(an: Analysis, s: int, e: int) -> bool:
    """Whether a sentence names a place in the east and one in the west."""
    gaz = an.gazetteer
    sides = {side(gaz.province_of(r.code)) for m in an.within(("region",), s, e)
             if (r := gaz.get(m.key.split("/")[0])) is not None}
    return 1 in sides and -1 in sides


def _year(an: Analysis, s: int, pos: int) -> int | None:
    """The year a figure is for: the last date before it; a range's last year (2016—2020年 → 2020);
    none for a running total (2016年以来 累计…)."""
    years = an.within(("time",), s, pos)
    if not years:
        return None
    last = years[-1]
    if last.get("type") == "since" or an.key.startswith(("以来", "来", "至今"), kend(last)):
        return None
    if last.get("type") == "range" and last.get("end_year") is not None:
        return int(last.get("end_year") or 0)
    return int(last.get("year") or 0) or None


def extract(an: Analysis) -> Iterator[Triple]:
    key = an.key
    centred = _centred(an)
    partner = 0 if centred else _partner_side(an)
    for m in an.mentions:
        if m.kind != "amount":
            continue
        s, e = an.sentence_of(kstart(m))
        if not _on_topic(an, m, s, e, centred, partner) \
                or _FORECAST.search(key, max(s, kstart(m) - 8), kstart(m)) \
                or _CAPACITY.search(key, max(s, kstart(m) - 6), kstart(m)) or _measures_no_aid(key, m, s) \
                or key.startswith("凡", s) or _RULE_OF.search(key, s, kstart(m)):
            continue
        subject, subj_end = _subject(an, m, s)
        cs, _ = an.clause_bounds(kstart(m))
        left = max(cs, subj_end)
        phrase = _TRIM_HEAD.sub("", _TRIM_TAIL.sub("", key[left:kstart(m)]))
        measure = phrase.strip(CLAUSE_PUNCT + "、“”\"")[-16:] or None
        year = _year(an, s, kstart(m))
        if subject is None:
            subject = EntityRef("document", an.doc.doc_id, an.doc.doc_id)
        yield Triple(
            subject=subject,
            predicate="amount",
            value=str(m.get("value")),
            evidence=an.evidence(cs, kend(m), f"{VERSION}:{m.rule}", 0.8),
            qualifiers=attrs(unit=str(m.get("unit")), approximate=bool(m.get("approximate")),
                             measure=measure, year=year, surface=m.text),
        )
