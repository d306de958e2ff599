"""Programs, policies, plans, projects and meetings.

Five sources, in order of trust: 《…》 titles; a small lexicon of national
programs (``data/programs.tsv``) with their aliases; quoted names that end in
a program word (“白叶一号”茶苗项目, “携手奔小康”行动); meetings named after
召开/举行; and agreements named after 签订/签署 (…协议书, …责任书).  A pair of
provinces' cooperation named by its pair word (沪滇对口帮扶工作) is found with the
pair word, in :mod:`.abbrev`.
Names are normalised (brackets and spaces dropped, aliases folded) into the
mention key, which is what programs merge on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..abbrev import ABBREVIATION_CHARS
from ..context import Analysis, kend, kstart
from ..document import PINYIN_GLOSS
from ..records import Mention
from ..tradsimp import to_simplified

TITLE_RULE = "program-title/1"
LEXICON_RULE = "program-lexicon/1"
QUOTED_RULE = "program-quoted/1"
MEETING_RULE = "program-meeting/1"

_TITLE = re.compile(r"《([^《》\n]{2,60})》")
#: "（以下简称《实施方案》）": what follows is a short name of the title just given.
_SHORT_NAME_BEFORE = re.compile(r"(?:以下简称|下称|简称)$")
_PROGRAM_WORD = "(?:工程|行动|计划|项目|活动|战略|协作|规划|模式|工作法|示范区|示范市|示范县|产业园|专列)"
_QUOTED = re.compile(rf"[“\"]([^“”\"\n，。,]{{2,16}})[”\"]((?:[\u4e00-\u9fff]{{0,6}}?){_PROGRAM_WORD})?")
_QUOTED_EVENT = re.compile(r"(?:活动周|活动月|文化节|博览会|交易会|推介会|行动|工程|计划)$")
_MEETING_WORD = (
    "座谈会|工作会议|推进会|联席会议|联席会|现场会|全会|大会|论坛|峰会|博览会|交易会|洽谈会|对接会|推介会|汇报会|"
    "招商会|恳谈会|交流会|研讨会|动员会|部署会|评审会|协调会|总结会|展销会|展示会|展览会|观摩会|调度会|签约仪式|签字仪式|捐赠仪式|揭牌仪式|启动仪式|开工仪式|授牌仪式|移交仪式|交接仪式|奠基仪式|竣工仪式|开园仪式|对接活动|推介活动|(?:成果|成就|图片)展(?!开)|欢送会|欢送仪式|开馆仪式|开业仪式|启动会|会议|夏令营|冬令营|研学营|例会|年会|培训班"
)
#: "…上海企业云南行活动在昆明海埂会堂举办", "第二届江苏拉萨周在南京开幕": an event named by what it is
#: (活动, 周, 节, 展) counts when the text says it was held.
_HELD_EVENT = (r"(?:活动|周|节|展)(?=(?:近日|日前|今天|今日|昨天|昨日|当天|\d{1,2}日)?"
               r"(?:在[^，,。；;！？!?\n]{1,16}?)?(?:隆重|正式|成功|盛大)?"
               r"(?:举办|举行|召开|开幕|开展|揭幕|启幕|启动))")
#: "2024浙江对口支援青海海西州（格尔木市）消费帮扶活动", "京蒙（呼和浩特）高端产业对接大会": a place in
#: brackets inside an event's name.
_NAME_ASIDE = r"[（(](?!以下|简称|下称)[\u4e00-\u9fff]{1,8}[）)]"
_MEETING = re.compile(rf"((?:[\u4e00-\u9fff“”\-—–·0-9、]|{_NAME_ASIDE}){{2,40}}?(?:{_MEETING_WORD}|{_HELD_EVENT}))")
#: Inside a meeting's name, 、 may only join places (浙江省、四川省甘孜州…汇报会), not list topics.
_PLACE_BEFORE_COMMA = re.compile(r"[省市县区州旗盟]、")
#: Where a meeting's name starts: after these words (召开了…, 在…) or a date.
_MEETING_LEFT = re.compile(
    r".*(?:召开了|召开的|召开|举行了|举行的|举行|举办|主持|出席|参加|获悉|介绍|贯彻|落实|传达|学习|图为|按照|根据|依照|进入|加入|"
    r"在|于|从|据|自(?!治)|的|了|日|月|年(?!度)|后|前|将|把|之(?=[—\-－]))"
)
PLATFORM_RULE = "program-platform/1"
_PLATFORM_KIND = r"(?:工作站|服务站|帮扶馆|扶贫馆|协作馆|特色馆|展销馆|体验馆|[\u4e00-\u9fff]{2}馆)"
#: "挂牌成立了漳县福州劳务工作站", "…东西部协作乡村振兴万源馆正式开业": a station or hall of the
#: cooperation, named when the text says it was founded or opened.
_PLATFORM = re.compile(
    rf"(?:(?:挂牌成立|成立|揭牌|建成|设立)了?(?P<a>[\u4e00-\u9fff·—\-]{{2,30}}?{_PLATFORM_KIND})(?![\u4e00-\u9fff])"
    rf"|(?P<b>[\u4e00-\u9fff·—\-]{{2,30}}?{_PLATFORM_KIND})(?:正式|隆重|近日|日前)?(?:开业|开馆|揭牌|挂牌成立|挂牌))"
)
#: A pair word of cooperation inside a name (浙川东西部协作…馆).
_PAIR_NAMED = re.compile(rf"[{ABBREVIATION_CHARS}]{{2}}(?:东西部|扶贫|协作|合作|帮扶|对口)")
#: A platform's name must say what it is for.
_PLATFORM_TOPIC = re.compile(r"协作|帮扶|扶贫|劳务|对口|东西部|消费")
AGREEMENT_RULE = "program-agreement/1"
_AGREEMENT_KIND = "(?:协议书|框架协议|协议|责任书|备忘录)"
#: "签署2022年东西部协作协议": the year of the agreement may open its name.
_AGREEMENT_NAME = rf"(?:(?:19|20)\d\d年度?)?[\u4e00-\u9fff·—\-]{{2,30}}?{_AGREEMENT_KIND}"
#: "签订东西部扶贫协作协议书和中央单位定点扶贫责任书": agreements named without 《》 after 签订/签署.
_AGREEMENT = re.compile(rf"(?:签订|签署|签约)了?((?:{_AGREEMENT_NAME}(?:和|及|、)?)+)")
_AGREEMENT_ITEM = re.compile(_AGREEMENT_NAME)
#: Agreements named by their kind alone, and a count (一份, 3个) before the name.
_GENERIC_AGREEMENT = re.compile(
    r"^(?:[一二两三四五六七八九十\d]+[份个项]|的|相关|有关|各类|系列|双方|两地|年度|东西部|东西|扶贫|协作|合作|帮扶|结对|"
    rf"对口|支援|战略|框架|投资|项目|产业|劳务)*{_AGREEMENT_KIND}$"
)
#: Agreements named after a national program (东西部扶贫协作框架协议) are named, however generic their words.
_NATIONAL_IN = re.compile(r"东西部扶贫协作|东西扶贫协作|东西部协作")
_NEW_ROUND = re.compile(
    r"新一轮的?(?:对口援疆|对口援藏|对口援青|援疆|援藏|援青|对口支援|对口帮扶|东西部扶贫协作|东西扶贫协作|东西部协作|扶贫协作|"
    r"结对帮扶)"
    r"(?:工作)?"
)
NATIONAL_AID_RULE = "program-national-aid/1"
#: "中央作出全国对口支援西藏的…部署", "国务院号召全国对口支援三峡库区": a national aid program named
#: by its target, when the centre is the one deciding it.
_NATIONAL_AID = re.compile(r"(?:党中央|中央|国务院)[^。；;！？]{0,16}?(?:全国)?(对口支援([\u4e00-\u9fff]{2,8}?))"
                           r"(?=的|工作|移民|[，,。；;])")
_AID_AREA = re.compile(r"[\u4e00-\u9fff]{2,4}(?:库区|灾区|藏区)")
_NOUN_AFTER = re.compile(r"项目|资金|干部|人才|工作队|工作组|指挥部|队员|医生|教师|物资|试点|常规|[省市县区]")
#: After a meeting word, these make it a building or room.
_VENUE_AFTER = re.compile(r"中心|室|厅|堂|楼|场馆")
#: A body named after a program: "东西部扶贫协作领导小组", "…工作领导小组办公室".
_BODY_AFTER = re.compile(r"(?:工作)?(?:领导小组|办公室|工作组|指挥部|工作队|联络组)")
#: A year right before where a meeting's name would start, itself after the name's first words.
_YEAR_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff])(?:19|20)\d\d年$")
_GENERIC_MEETING = frozenset({"会议", "大会", "全会", "工作会议", "座谈会", "这次会议", "此次会议"})
#: Sessions of congresses and councils (a work report's own occasion), a party committee's plenary
#: session (十四届五中全会, 市委十二届五次全会: it issues programs, it is none), and bare "第三次会议".
#: And a meeting counted, not named ("一个重要会议", "两次座谈会"), or named by a sum ("1819万元资金设备捐赠仪式").
_NOT_A_PROGRAM = re.compile(r"人民代表大会|人大|政协|全会$|^第?[一二三四五六七八九十\d]+次会议$"
                            r"|党组会议|常务会议|常委会议|常委会|办公会议|办公会$|^[一两二三四五六七八九十\d]+[个次场届项]"
                            r"|\d[万亿]?元")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    canonical: str
    type: str
    aliases: tuple[str, ...]
    #: The year the program began, where the record is settled: a text's other year for it is
    #: when it was carried on, not started.
    since: int | None = None


@cache
def lexicon() -> tuple[LexiconEntry, ...]:
    text = resources.files("shanhai.extract").joinpath("data/programs.tsv").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        aliases = tuple(a for a in (parts[2].split("|") if len(parts) > 2 else []) if a)
        since = int(parts[3]) if len(parts) > 3 and parts[3].strip() else None
        entries.append(LexiconEntry(parts[0], parts[1] if len(parts) > 1 else "program", aliases, since))
    return tuple(entries)


@cache
def _alias_table() -> dict[str, LexiconEntry]:
    table: dict[str, LexiconEntry] = {}
    for entry in lexicon():
        for name in (entry.canonical, *entry.aliases):
            table[name] = entry
    return table


def normalise(name: str) -> str:
    """The merge key of a program name: simplified characters, no brackets, quotes or spaces; aliases folded."""
    cleaned = re.sub(r"[《》“”\"'‘’\s]", "", to_simplified(unicodedata.normalize("NFKC", PINYIN_GLOSS.sub("", name))))
    entry = _alias_table().get(cleaned)
    return entry.canonical if entry else cleaned


def program_type(name: str) -> str:
    entry = _alias_table().get(name)
    if entry:
        return entry.type
    if name.endswith(("会议", "座谈会", "大会", "推进会", "现场会", "论坛", "峰会")):
        return "meeting"
    if name.endswith(("计划", "规划", "纲要")):
        return "plan"
    if name.endswith(("意见", "通知", "方案", "办法", "决定", "规定", "细则", "规则", "条例", "纲要", "协议")):
        return "policy"
    if name.endswith("项目"):
        return "project"
    return "program"


@cache
def _lexicon_pattern() -> re.Pattern[str]:
    names = sorted(_alias_table(), key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in names))


def _last_space_outside_quotes(text: str, start: int, end: int) -> int | None:
    """Where the text after the last run of spaces outside quotation marks in ``text[start:end]`` begins
    (a line break is not one: a name wrapped over two lines is still one name)."""
    depth, after = 0, None
    for i in range(start, end):
        ch = text[i]
        if ch in "“「":
            depth += 1
        elif ch in "”」":
            depth = max(0, depth - 1)
        elif ch in " \u3000\t" and depth == 0 and i + 1 < end and not text[i + 1].isspace():
            after = i + 1
    return after


def recognize(an: Analysis) -> Iterator[Mention]:
    key = an.key
    used = bytearray(len(key) + 1)  # 1 where a program name was already found

    def take(s: int, e: int) -> None:
        used[s:e] = b"\x01" * (e - s)

    def free(s: int, e: int) -> bool:
        return 1 not in used[s:e]

    titles: list[str] = []
    for m in _TITLE.finditer(key):
        name = m.group(1)
        take(m.start(), m.end())
        if _SHORT_NAME_BEFORE.search(key, max(0, m.start() - 5), m.start()):
            continue  # "（以下简称《实施方案》）": a short name of the title just given, not a program of its own
        canonical = normalise(name)
        if any(len(t) > len(canonical) and t.endswith(canonical) for t in titles):
            continue  # "就《指导意见》进行解读" after "印发《关于…的指导意见》": the same title, cut short
        titles.append(canonical)
        yield an.mention("program", m.start(), m.end(), canonical, TITLE_RULE,
                         (("name", canonical), ("type", program_type(canonical)), ("titled", True)))
    meetings = [(m.start(1), m.end(1), m.end(1)) for m in _MEETING.finditer(key)]
    for i in range(len(meetings) - 1, 0, -1):
        # "…联席会议暨招商引资项目推介会": one event under both names; its start is the first name's
        if meetings[i][0] == meetings[i - 1][1] and key.startswith("暨", meetings[i][0]):
            meetings[i - 1:i + 1] = [(meetings[i - 1][0], meetings[i][1], meetings[i - 1][2])]
    for m_start, m_end, first_end in meetings:
        if _VENUE_AFTER.match(key, m_end):
            continue  # 市级机关会议中心, 大会堂: a place of meetings
        raw = key[m_start:m_end]
        trimmed = _MEETING_LEFT.match(key[m_start:first_end - 2])
        if trimmed and (raw[trimmed.end():] in _GENERIC_MEETING or raw.endswith("培训班")) \
                and (year := _YEAR_INSIDE.search(key, m_start, m_start + trimmed.end())):
            # "…对口支援新疆农业大学2023年工作会议", "施秉县2020年党务干部专题培训班": a year after the name's
            # first words is the name's own (not "召开2019年工作会议", where the year follows the verb)
            before = _MEETING_LEFT.match(key[m_start:year.start()])
            if before is None or m_start + before.end() < year.start():
                trimmed = before
        body = raw[trimmed.end():] if trimmed else raw
        body = body.lstrip("“”-—–·与")  # 与: the second of two things joined ("将边防会议与民族会议合并召开")
        close = body.find("”")
        if close >= 0 and "“" not in body[:close] and len(body) - close - 1 >= 5:
            # “闽宁山海情 携手向未来”闽宁产业投资发展推介会: the slogan before a name is no part of it; before
            # a bare kind (“同饮一江水 共谋大发展——北京媒体看南阳”采风活动) it is the name
            body = body[close + 1:]
        quoted = key.rfind("“", max(0, m_end - 40), m_end - len(body))
        if key.startswith("”", m_end) and quoted >= 0 and "”" not in key[quoted:m_end]:
            body = key[quoted + 1:m_end]  # “…捐赠仪式暨…推介会”: the quotation is the whole name
        if "、" in body:
            # 扶贫、教育工作会议: the name starts after the last 、 that does not join two places
            cut = max((i + 1 for i, ch in enumerate(body) if ch == "、"
                       and not _PLACE_BEFORE_COMMA.match(body, i - 1)), default=0)
            body = body[cut:]
        s, e = m_end - len(body), m_end
        text_s, text_e = an.doc.key.to_text(s, e)
        cut = an.doc.text.rfind("\n\n", text_s, text_e)
        if cut >= 0:
            # a name does not run over a blank line ("要闻\n\n南宁·茂名…座谈会")
            s = an.doc.key.to_key(cut + 2)
            body = key[s:e]
        opened = s - 1 if key.startswith("“", s - 1) else s  # the quotation the name opens with counts
        gap = _last_space_outside_quotes(an.doc.text, an.doc.key.to_text(opened, e)[0], text_e)
        if gap is not None and not any(kend(r) == an.doc.key.to_key(gap) for r in an.within(("region",), s, e)):
            # nor over a space between a headline's phrases ("赴上海学习考察 两地扶贫协作…联席会议举行");
            # a space inside quotes or after the pair's places is the name's own (“京蒙协作 政协助力”座谈会,
            # 花垣县-槐荫区 东西部协作文化交流演出活动)
            s = an.doc.key.to_key(gap)
            body = key[s:e]
        named_for_place = body.endswith("会议") and body[:-2] in an.gazetteer.by_name  # 银川会议
        if (len(body) < 5 and not named_for_place) or body in _GENERIC_MEETING \
                or body.startswith(("这次", "此次", "该", "本次")) or _NOT_A_PROGRAM.search(body) \
                or body.startswith(("以下简称", "简称", "下称")):
            continue  # (以下简称联席会): a short name for the meeting just named, not another
        if body.endswith("培训班") and not (an.within(("region",), s, e) or _PAIR_NAMED.search(body)):
            continue  # a class is named for whose it is (施秉县2020年党务干部专题培训班), not for its topic alone
        if free(s, e):
            take(s, e)
            name = normalise(body)
            yield an.mention("program", s, e, name, MEETING_RULE,
                             (("name", name), ("type", "meeting")))
    for m in _PLATFORM.finditer(key):
        s, e = m.span("a") if m.group("a") else m.span("b")
        trimmed = _MEETING_LEFT.match(key[s:e - 2])
        if trimmed:
            s += trimmed.end()
        body = key[s:e]
        # named after places ("漳县福州劳务工作站", "浙川…万源馆"), not by its kind alone ("劳务协作工作站")
        if len(body) >= 5 and _PLATFORM_TOPIC.search(body) and free(s, e) and not _NOT_A_PROGRAM.search(body) \
                and (an.within(("region",), s, e) or _PAIR_NAMED.search(body)):
            take(s, e)
            name = normalise(body)
            yield an.mention("program", s, e, name, PLATFORM_RULE, (("name", name), ("type", "program")))
    for m in _AGREEMENT.finditer(key):
        for item in _AGREEMENT_ITEM.finditer(key, m.start(1), m.end(1)):
            s, e = item.span()
            if key.startswith(("和", "及", "、"), s):
                s += 1
            body = key[s:e]
            if len(body) < 6 or not free(s, e) or body.startswith("的") \
                    or (_GENERIC_AGREEMENT.match(body) and not _NATIONAL_IN.search(body)):
                continue  # 相关协议, 合作框架协议: no name; 东西部扶贫协作协议书 names the national program's
            take(s, e)
            name = normalise(body)
            yield an.mention("program", s, e, name, AGREEMENT_RULE, (("name", name), ("type", "policy")))
    for m in _QUOTED.finditer(key):
        s, e = m.start(), m.end()
        if not free(s, e) or (m.group(2) is None and not _QUOTED_EVENT.search(m.group(1))):
            continue  # a bare quoted phrase is a slogan unless it names an event (“扶贫协作文化活动周”)
        if _SHORT_NAME_BEFORE.search(key, max(0, s - 5), s):
            take(s, e)
            continue  # (以下简称“对口支援计划”): the name just given, cut short
        take(s, e)
        name = normalise(m.group(1) + (m.group(2) or ""))
        yield an.mention("program", s, e, name, QUOTED_RULE,
                         (("name", name), ("type", program_type(name))))
    for m in _NATIONAL_AID.finditer(key):
        s, e = m.span(1)
        target = m.group(2)
        named = [r for r in an.within(("region",), m.start(2), m.end(2))
                 if kstart(r) == m.start(2) and kend(r) == m.end(2)]
        if (named or _AID_AREA.fullmatch(target)) and free(s, e):
            take(s, e)
            yield an.mention("program", s, e, m.group(1), NATIONAL_AID_RULE,
                             (("name", m.group(1)), ("type", "program")))
    for m in _NEW_ROUND.finditer(key):
        # "新一轮对口帮扶工作": a new round is a program of its own, named as written
        if free(m.start(), m.end()):
            take(m.start(), m.end())
            yield an.mention("program", m.start(), m.end(), m.group(0), LEXICON_RULE,
                             (("name", m.group(0)), ("type", "program")))
    for m in _lexicon_pattern().finditer(key):
        if not free(m.start(), m.end()) or (len(m.group(0)) <= 3 and _NOUN_AFTER.match(key, m.end())) \
                or _BODY_AFTER.match(key, m.end()):
            continue  # 援藏项目, 援疆干部, 东西部扶贫协作领导小组: a name inside a compound noun is no program
        entry = _alias_table()[m.group(0)]
        yield an.mention("program", m.start(), m.end(), entry.canonical, LEXICON_RULE,
                         (("name", entry.canonical), ("type", entry.type), ("since", entry.since)))
