"""When programs, policies and meetings started, and who issued them.

A program gets a start year when a start verb (实施, 启动, 印发, 召开 …) stands
next to it in its clause and a year is stated in the same sentence before it
(or right after: "于1996年正式付诸实施").  A clause that has a start verb and
a year but names no program continues the sentence's last program ("…首次提出
“东西扶贫协作”构想，并于1996年正式付诸实施").  Strong verbs (实施, 启动) win over
weak ones (提出) for the same program in one sentence.  Renames (由A扩展升级为B)
become ``renamedTo`` facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Analysis, kend, kstart
from ..mentions.coref import is_report
from ..mentions.programs import LEXICON_RULE, MEETING_RULE, PLATFORM_RULE
from ..mentions.time import SMALL_NUMBER, dateline_year, on_metadata_line, small_number
from ..records import EntityRef, Mention, Triple, attrs

VERSION = "program-start/1"

_STRONG = ("正式付诸实施", "付诸实施", "正式实施", "正式启动", "启动实施", "全面实施", "实施", "启动", "开始",
           "开展", "设立", "建立", "成立", "确立", "落地", "落户", "推出", "始于", "起步", "开创", "启幕",
           "拉开帷幕", "拉开序幕", "拉开大幕", "开启", "全面展开", "正式展开")
_ISSUE = ("印发", "发布", "出台", "颁布", "下发", "制定", "通过", "审议通过", "签订", "签署", "转发", "批复",
          "批转", "提交", "报送")
_MEET = ("召开", "举行", "举办", "主持召开", "开幕", "闭幕", "开营")
#: Verbs of a station or hall opening ("…万源馆正式开业"); of nothing else ("挂牌督战").
_OPEN = ("开业", "开馆", "揭牌", "挂牌")
#: Verbs of a train's first run ("“吉泰号”援疆旅游专列…首发"); of nothing else ("今年开行的首趟援疆…").
_RUN = ("首发", "开行", "发车")
#: The opening of a class ("…干部培训班在浙江大学开班"); of nothing else.
_CLASS = ("开班",)
_WEAK = ("提出", "首次提出", "部署", "确定", "作出", "号召")
_VERB_RANK = {**{v: 3 for v in _STRONG}, **{v: 3 for v in _ISSUE}, **{v: 3 for v in _MEET}, **{v: 3 for v in _OPEN},
              **{v: 3 for v in _RUN}, **{v: 3 for v in _CLASS},
              **{v: 1 for v in _WEAK}}
#: Verbs of one-off events, which a dated news item reports as just happened.
_EVENT_VERBS = frozenset({"签订", "签署", *_MEET, *_CLASS})
#: Launching a named local program is news too ("提前启动“广东扶贫济困日”活动"); a national one is not.
_LAUNCH = frozenset({"启动", "正式启动", "启动实施", "推出"})
_VERBS = re.compile("|".join(sorted(_VERB_RANK, key=len, reverse=True)))
_ISSUER = re.compile(
    r"((?:中共中央|国务院|全国人大|中央|[\u4e00-\u9fff]{2,10}?(?:办公厅|委员会|政府|党委|部|局|厅|委|办))"
    r"(?:[、和与及](?:中共中央|国务院|[\u4e00-\u9fff]{1,10}?(?:办公厅|委员会|政府|党委|部|局|厅|委|办)))*)"
    r"(?:联合)?(?:印发|发布|出台|颁布|下发|制定)$"
)
_ANSWERED = re.compile(r"(?:响应|听从)[^，,。；;]{0,8}$")
_FOLLOWING = re.compile(r"(?:按照|根据|依照|遵照|落实|贯彻)[^，,。；;]{0,12}$")
_RENAME = re.compile(r"(?:更名为|改名为|升级为|提升为|扩展为|调整为|改为|扩展升级为)")
_NO_START = re.compile(r"(以来|期间|之前|以后)$")
#: Right after an event verb: the event is a reference point (召开以来, 签署前), not news.
_NOT_YET = re.compile(r"以来|前|之前|后")
#: "深入实施乡村振兴战略", "把对口支援项目实施好": carrying on with a program, not starting it.
_ONGOING_BEFORE = re.compile(r"(?:大力|深入|继续|持续|进一步|扎实|认真|切实|全力|积极|不断|坚持|着力|努力)$")
_ONGOING_AFTER = re.compile(r"好|到位|过程中")
#: "这两年，…签订…": a sentence about a period, not news of the day.
_N = r"[两几\d一二三四五六七八九十]"
_PERIOD = re.compile(rf"这{_N}+年|近{_N}*年|多年|以来|先后|累计|历年|曾经|每年|每届|定期|常年")
#: "2016年两地开展东西部协作以来，先后开展了旅游博览会": the year opens a span; what was done in it is
#: not dated by it.
_SPAN_BETWEEN = re.compile(r"以来[，,]|先后|累计|陆续|相继")
_RENAMED_FROM = re.compile(r"(?:由|将|从)[“\"]?$")
_ANNIVERSARY = re.compile(rf"[^，,。；;]{{0,6}}?{SMALL_NUMBER}周年")
#: Between two names of one list: 和/及/、, after at most the kind of the first (…协作协议书和…责任书).
_LIST_JOIN = re.compile(r"(?:协议书|协议|责任书|备忘录|方案|规划|计划)?(?:和|及|、|以及)")
#: "通过苏陕协作实施项目": the means by which something else is started.
_BY_MEANS = re.compile(r"(?:通过|依托|借助|利用|借力)$")
#: A bracketed aside after a name ("（以下简称“对口支援计划”）") does not part it from its verb.
_ASIDE = re.compile(r"[（(][^（）()]{0,30}[）)]")
#: A count of times right before a verb.
_TIMES = re.compile(r"[\d一二三四五六七八九十两多几]+次$")
#: Verbs of taking part in a meeting, right before its name.
_ATTENDED = re.compile(r"(?:出席|参加|列席)了?$")
#: A plan's period written in its title: 《…三年行动实施方案（2018—2020年）》.
#: Between a date and the meeting it leads: "7月16日，", "10月14日下午，".
_LEADS = re.compile(r"(?:上午|下午|晚间|晚上|晚)?[，,]")
#: "《…意见》(国发〔2022〕2号)", "关于印发《…》的通知 国开办发[2009]24号": a document number carries the
#: year the document was issued.
_DOC_NUMBER = re.compile(r"(?:的(?:通知|决定|意见|批复|函))?[（(]?[\u4e00-\u9fff]{1,10}"
                         r"[〔\[［【]((?:19|20)\d\d)[〕\]］】]\s*\d{1,4}\s*号")
#: "2001年6月25日至27日，…": the days of a date that opens a sentence, up to its comma.
_DAYS_THEN_COMMA = re.compile(r"(?:\d{1,2}日)?(?:[至到—\-~]\d{1,2}日)?[，,]")
#: "《2025年枣庄—丰都东西部劳务协作落实协议》", "《临夏市2022年度东西部协作工作方案》",
#: "2018太仓玉屏东西部扶贫协作联席会议": a name that opens with its year (not a span of years).
_NAMED_YEAR = re.compile(r"^[^《》\d]{0,12}?((?:19|20)\d\d)(?:年度?|(?=[\u4e00-\u9fff]))(?![\d—\-–~～至到])")
_TITLE_PERIOD = re.compile(r"[（(]((?:19|20)\d\d)\s*[-—–~～至到]+\s*(?:19|20)\d\d年?[)）]")


#: How far after a start verb a name may begin: titles and quoted names carry modifiers (启动消费帮扶“百千万”行动).
_REACH = {"program-title/1": 14, "program-quoted/1": 6}


def _clause(an: Analysis, pos: int) -> tuple[int, int]:
    return an.clause_bounds(pos)


def _program_ref(m: Mention) -> EntityRef:
    return EntityRef("program", m.key, str(m.get("name") or m.key))


def _time_mentions(an: Analysis, s: int, e: int, programs: list[Mention]) -> list[Mention]:
    """Dates in a span, leaving out years inside program names (《…2010年远景目标的建议》) and a
    page's posting date (it says when the page was put up; :func:`dateline_year` reads it)."""
    return [m for m in an.within(("time",), s, e)
            if m.get("type") in ("year", "relative") and not on_metadata_line(an, m)
            and not any(kstart(p) <= kstart(m) < kend(p) for p in programs)]


def _issuer(an: Analysis, cs: int, verb_end: int) -> str | None:
    m = _ISSUER.search(an.key, cs, verb_end)
    if not m:
        return None
    issuer = m.group(1)
    for lead in ("由", "在", "经"):
        if issuer.startswith(lead):
            issuer = issuer[len(lead):]
    return issuer or None


#: "两地扶贫协作第二十二次联席会议" in a headline: the pair's meeting by a word for both, not by their names.
_BOTH_PREFIX = re.compile(r"^(?:两地|双方|两市|两省市?|两县|两区|两省区)")


def extract(an: Analysis) -> Iterator[Triple]:
    """Program starts of a text; a meeting named for "both places" yields to its full name in the text."""
    triples = list(_extract(an))
    full = {(str(t.subject.label), t.value) for t in triples if t.predicate == "startedIn"}
    for t in triples:
        rest = _BOTH_PREFIX.sub("", str(t.subject.label)) if t.predicate == "startedIn" else ""
        if rest and rest != t.subject.label and len(rest) >= 4 and any(
                name != t.subject.label and name.endswith(rest) and year == t.value for name, year in full):
            continue
        yield t


def _extract(an: Analysis) -> Iterator[Triple]:
    key = an.key
    published = None if is_report(an.doc.text) else dateline_year(an)
    for s, e in an.key_sentences:
        found = an.within(("program",), s, e)
        # 粤桂扶贫协作 inside 南宁·茂名对接粤桂扶贫协作座谈会: the longer name is what the verb is about
        in_sent = [p for p in found if not any(
            o is not p and kstart(o) <= kstart(p) and kend(p) <= kend(o) and kend(o) - kstart(o) > kend(p) - kstart(p)
            for o in found)]
        if not in_sent:
            continue
        times = _time_mentions(an, s, e, in_sent)
        best: dict[str, tuple[int, Triple]] = {}
        order: list[str] = []

        def offer(p: Mention, rank: int, triple: Triple, best: dict[str, tuple[int, Triple]] = best,
                  order: list[str] = order) -> None:
            since = p.get("since")
            if since is not None and str(since) != str(triple.value):
                return  # "实施乡村振兴战略" in a 2018 report: a program of 2017 carried on, not begun
            if p.key not in best or rank > best[p.key][0]:
                if p.key not in best:
                    order.append(p.key)
                best[p.key] = (rank, triple)

        # verbs in the sentence, each bound to a program and a year
        for v in _VERBS.finditer(key, s, e):
            if key.startswith(("会", "仪式"), v.end()):
                continue  # 新闻发布会, 签约仪式: part of an event's name, not a verb
            cs, ce = _clause(an, v.start())
            near = [p for p in in_sent if cs <= kstart(p) < ce]
            joined: list[Mention] = []
            if near:
                # "通过苏陕协作": 通过 before a name is "by way of", unless 通过了/通过的 make it the verb
                after = [p for p in near if kstart(p) >= v.end()
                         and kstart(p) - v.end() <= _REACH.get(p.rule, 3)
                         and (v.group(0) != "通过" or key.startswith(("了", "的"), v.end()))]
                before = [p for p in near if kend(p) <= v.start()
                          and len(gap := _ASIDE.sub("", key[kend(p):v.start()])) <= 14
                          and not re.search(r"[，,；;：:]", gap) and not _BY_MEANS.search(key, cs, kstart(p))]
                target = after[0] if after else (max(before, key=kend) if before else None)
                if target is not None:
                    # 浙川…工作会议暨《…协议》签字仪式: both things happened then
                    joined = [p for p in near if key[kend(p):kstart(target)] == "暨"]
                    # 签订《A》和《B》, 签订了《A》《B》, 印发A、B: each name in a list right after the verb
                    last = target
                    for p in sorted(near, key=kstart):
                        if kstart(p) > kstart(last) and (_LIST_JOIN.fullmatch(key, kend(last), kstart(p)) or (
                                kstart(p) == kend(last) and p.get("titled") and last.get("titled"))):
                            joined.append(p)
                            last = p
                    if not after:
                        # "A仪式、B仪式同时举行": each name of a list right before the verb
                        first = target
                        for p in sorted(near, key=kstart, reverse=True):
                            if kend(p) <= kstart(first) and _LIST_JOIN.fullmatch(key, kend(p), kstart(first)):
                                joined.append(p)
                                first = p
            else:
                prior = [p for p in in_sent if kend(p) <= cs]
                target = prior[-1] if prior else None
                # only continue a topic when the clause states its own year and the verb takes no
                # object of its own ("并于1996年正式付诸实施", not "制定了今年…的援青规划")
                if target is not None and (not any(cs <= kstart(t) < ce for t in times)
                                           or re.search(r"[\u4e00-\u9fff]{3}", key[v.end():ce])):
                    target = None
            if target is None or _RENAME.match(key, kend(target), kend(target) + 8) \
                    or _RENAMED_FROM.search(key, max(s, kstart(target) - 8), kstart(target)):
                continue
            if v.group(0) in _OPEN and target.rule != PLATFORM_RULE:
                continue
            if v.group(0) in _RUN and not str(target.get("name")).endswith("专列"):
                continue
            if v.group(0) in _CLASS and not str(target.get("name")).endswith("班"):
                continue
            if _TIMES.search(key, max(cs, v.start() - 5), v.start()):
                continue  # "先后4次召开全国西藏工作座谈会": held again and again, not once in a year
            if v.group(0) in ("开展", "建立", "开始", "落户", "落地") and target.get("type") == "policy":
                continue
            if v.group(0) in ("部署", "安排", "决策") and (_FOLLOWING.search(key, cs, kstart(target))
                                                       or _FOLLOWING.search(key, cs, v.start())):
                # "按照中央关于对口支援新疆工作的有关部署", "深圳援疆认真贯彻省市部署": following a decision
                # made before
                continue
            if v.group(0) == "号召" and _ANSWERED.search(key, cs, kstart(target)):
                continue  # "希望更多本地企业响应东西部协作号召": answering a call made before
            if target.rule == LEXICON_RULE and (v.group(0) == "开展" or (
                    v.group(0) in ("建立", "开始", "确立", "开启") and an.within(("region",), s, v.start()))
                    or an.within(("region",), kend(target), kend(target) + 3)):
                # "开展消费扶贫", "珠海与重庆市建立东西扶贫协作", "开始对口支援西藏": a national program
                # carried on, or a pair's own start (the pairing records that), not the program's
                continue
            if v.group(0) in _STRONG and (_ONGOING_BEFORE.search(key, max(cs, v.start() - 3), v.start())
                                          or _ONGOING_AFTER.match(key, v.end())):
                continue
            # a national program does not start in the year of a local signing named before it
            others = [p for p in in_sent if p is not target and p.get("type") == "policy"] \
                if target.rule == LEXICON_RULE else []
            year_m = _pick_year(times, v.start(), cs, ce, others)
            numbered = _DOC_NUMBER.match(key, kend(target)) if target.get("titled") else None
            if numbered is not None and v.group(0) in _ISSUE:
                # the number is the issuer's own record of the year; it beats 今年 read against the text
                year, month = int(numbered.group(1)), None
                if year_m is not None and int(year_m.get("year") or 0) == year:
                    month = year_m.get("month")
                q_s, q_e = min(kstart(target), v.start()), max(numbered.end(), v.end())
                rank = _VERB_RANK[v.group(0)] * 10
            elif year_m is not None and not _NO_START.search(key, kend(year_m), kend(year_m) + 2) \
                    and not _SPAN_BETWEEN.search(key, kend(year_m), v.start()):
                year = int(year_m.get("year") or 0)
                month = year_m.get("month")
                anniversary = _ANNIVERSARY.match(key, kend(target))
                if anniversary and 1 <= (n := small_number(anniversary.group(1))) <= 80:
                    # "今年是中央实施对口援藏政策20周年": counted back from the year it is now
                    year, month = year - n, None
                q_s = min(kstart(year_m), kstart(target), v.start())
                q_e = max(kend(year_m), kend(target), v.end())
                rank = _VERB_RANK[v.group(0)] * 10 - (0 if cs <= kstart(year_m) < ce else 1)
            elif (named_year := _NAMED_YEAR.match(str(target.get("name") or ""))) is not None \
                    and (v.group(0) in _ISSUE or v.group(0) in _EVENT_VERBS
                         or (v.group(0) in _LAUNCH and target.rule == MEETING_RULE)):
                # a plan, agreement, meeting or event the text dates only by the year its name opens with
                year, month = int(named_year.group(1)), None
                q_s, q_e = min(kstart(target), v.start()), max(kend(target), v.end())
                rank = 20
            elif year_m is not None:
                continue  # "今年以来，…召开": the year a span starts from, not the event's
            elif published is not None and not times and (
                    v.group(0) in _EVENT_VERBS or (v.group(0) in _LAUNCH and target.rule != LEXICON_RULE)
                    or target.rule == PLATFORM_RULE) \
                    and not _NOT_YET.match(key, v.end()) and not _PERIOD.search(key, s, v.start()):
                # a dated news item's undated signing or meeting happened when it was reported
                year, month = published, None
                q_s, q_e = min(kstart(target), v.start()), max(kend(target), v.end())
                rank = 15  # below a strong verb with a stated year (29–30), above a weak one (9–10)
            else:
                continue
            issuer = _issuer(an, cs, v.end()) if v.group(0) in _ISSUE else None
            for prog in (target, *joined):
                offer(prog, rank, Triple(
                    subject=_program_ref(prog),
                    predicate="startedIn",
                    value=year,
                    evidence=an.evidence(min(q_s, kstart(prog)), max(q_e, kend(prog)),
                                         f"{VERSION}:{v.group(0)}", 0.9 if rank >= 29 else 0.7),
                    qualifiers=attrs(month=int(month) if month else None, issuer=issuer,
                                     program_type=str(prog.get("type") or "program")),
                ))
        for p in in_sent:
            began = next((t for t in times if kend(t) == kstart(p) and t.get("type") == "year"), None)
            if began is not None and key.startswith("以来", kend(p)) and p.get("type") != "meeting":
                # "2010年新一轮对口援疆以来": the period since the program began in that year
                offer(p, 20, Triple(
                    subject=_program_ref(p), predicate="startedIn", value=int(began.get("year") or 0),
                    evidence=an.evidence(kstart(began), kend(p) + 2, f"{VERSION}:year-since", 0.7),
                    qualifiers=attrs(month=int(began.get("month") or 0) or None,
                                     program_type=str(p.get("type") or "program")),
                ))
            if p.key in best and p.get("type") == "meeting":
                continue
            if p.get("type") == "meeting":
                if _NOT_YET.match(key, kend(p)) and not any(kend(t) == kstart(p) for t in times):
                    # "…介绍第三次西藏工作座谈会以来…": the meeting opens a period and is not dated by
                    # the sentence's date, unless the date names it (自2016年银川会议以来)
                    continue
                # a meeting is an event: a date in its clause is when it was held
                cs, ce = _clause(an, kstart(p))
                # or a date that opens the sentence on its own: "7月31日，记者从…汇报会上获悉"
                # or one that leads the meeting's name: "(程浩)7月16日，…联席会议在广南县举行"
                held = [t for t in times if cs <= kstart(t) < kend(p)
                        or (kstart(t) == s and _DAYS_THEN_COMMA.match(key, kend(t)) and kend(t) < kstart(p))
                        or _LEADS.fullmatch(key, kend(t), kstart(p))
                        or (kstart(t) == kend(p) and t.get("month"))]  # "…论坛2006年6月5日在曲靖举行"
                attended = _ATTENDED.search(key, max(cs, kstart(p) - 3), kstart(p))
                if not held and published is not None and not any(cs <= kstart(t) < ce for t in times) and (
                        (key[kstart(p) - 1:kstart(p)] in ("在", "从") and key.startswith("上", kend(p)))
                        or attended):
                    # "在…座谈会上，…签订", "出席…联席会议": a dated news item's undated meeting was held
                    # when reported
                    offer(p, 1, Triple(
                        subject=_program_ref(p), predicate="startedIn", value=published,
                        evidence=an.evidence(attended.start() if attended else kstart(p) - 1, kend(p) + 1,
                                             f"{VERSION}:reported-meeting", 0.4),
                        qualifiers=attrs(program_type="meeting"),
                    ))
                elif held:
                    t0 = held[-1]
                    month = t0.get("month")
                    offer(p, 2, Triple(
                        subject=_program_ref(p), predicate="startedIn", value=int(t0.get("year") or 0),
                        evidence=an.evidence(kstart(t0), kend(p), f"{VERSION}:dated-meeting", 0.6),
                        qualifiers=attrs(month=int(month) if month else None, program_type="meeting"),
                    ))
                continue
            if p.key in best or not p.get("titled"):
                continue
            numbered = _DOC_NUMBER.match(key, kend(p))
            if numbered is not None:
                # "根据《关于下达…的通知》(青财农字〔2023〕505号)": cited with its number, dated by it
                offer(p, 4, Triple(
                    subject=_program_ref(p), predicate="startedIn", value=int(numbered.group(1)),
                    evidence=an.evidence(kstart(p), numbered.end(), f"{VERSION}:doc-number", 0.7),
                    qualifiers=attrs(program_type=str(p.get("type") or "program")),
                ))
                continue
            period = _TITLE_PERIOD.search(p.text.replace("\n", ""))
            if period:
                offer(p, 5, Triple(
                    subject=_program_ref(p), predicate="startedIn", value=int(period.group(1)),
                    evidence=an.evidence(kstart(p), kend(p), f"{VERSION}:title-period", 0.7),
                    qualifiers=attrs(program_type=str(p.get("type") or "program")),
                ))
                continue
            dated = [t for t in times if kend(t) <= kstart(p)]
            if dated and p.get("type") == "policy" and not any(
                kend(dated[-1]) <= kstart(o) < kstart(p) for o in in_sent
                if o is not p and o.get("titled")
            ):
                offer(p, 2, Triple(
                    subject=_program_ref(p), predicate="startedIn", value=int(dated[-1].get("year") or 0),
                    evidence=an.evidence(kstart(dated[-1]), kend(p), f"{VERSION}:dated-title", 0.5),
                    qualifiers=attrs(program_type="policy"),
                ))
        for k in order:
            yield best[k][1]
        yield from _renames(an, in_sent, times, s, e)


def _pick_year(times: list[Mention], vpos: int, cs: int, ce: int, others: list[Mention]) -> Mention | None:
    """The year for a start verb: in its clause first, else the sentence's last one before it,
    unless one of ``others`` stands between that year and the clause and so owns it
    ("2018年首次签订…协议书，组织实施东西部扶贫协作")."""
    in_clause = [t for t in times if cs <= kstart(t) < ce]
    if in_clause:
        before = [t for t in in_clause if kstart(t) < vpos]
        return before[-1] if before else in_clause[0]
    earlier = [t for t in times if kend(t) <= cs]
    if not earlier or any(kend(earlier[-1]) <= kstart(p) and kend(p) <= cs for p in others):
        return None
    return earlier[-1]


def _renames(an: Analysis, in_sent: list[Mention], times: list[Mention], s: int, e: int) -> Iterator[Triple]:
    for m in _RENAME.finditer(an.key, s, e):
        before = [p for p in in_sent if kend(p) <= m.start() and m.start() - kend(p) <= 12]
        after = [p for p in in_sent if kstart(p) >= m.end() and kstart(p) - m.end() <= 3]
        if not before or not after or before[-1].key == after[0].key:
            continue
        old, new = before[-1], after[0]
        years = [t for t in times if kstart(t) < m.start()]
        year = int(years[-1].get("year") or 0) if years else None
        q_s = min([kstart(old)] + ([kstart(years[-1])] if years else []))
        yield Triple(
            subject=_program_ref(old),
            predicate="renamedTo",
            object=_program_ref(new),
            evidence=an.evidence(q_s, kend(new), f"{VERSION}:rename", 0.85),
            qualifiers=attrs(year=year),
        )
        if year:
            yield Triple(
                subject=_program_ref(new),
                predicate="startedIn",
                value=year,
                evidence=an.evidence(q_s, kend(new), f"{VERSION}:rename", 0.8),
                qualifiers=attrs(program_type=str(new.get("type") or "program")),
            )

