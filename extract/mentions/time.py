"""Time expressions: years, months, ranges, relative years, "N年来".

Arabic and Chinese numerals (一九九六年, 二〇一六年) are both read; full-width
digits are already half-width in the key.  Relative expressions (同年, 次年,
今年, 去年) are resolved against the last absolute year before them, or the
document's own anchor year for 今年/去年.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..context import Analysis, kend, kstart
from ..records import Mention

RULE = "time/1"

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "[〇零○一二三四五六七八九]"
_DASH = "[-—–~～至到]{1,3}"

_RANGE = re.compile(rf"((?:19|20)\d\d)(?:年)?{_DASH}((?:19|20)\d\d)年?")
_YEAR = re.compile(rf"(?<![\d.])((?:19|20)\d\d)(?!\d)(年(?:(\d{{1,2}})月)?|(?=[-—–至到]))"
                   rf"|({_CN_YEAR}{{4}})年")
_BORN = re.compile(r"\d{0,2}日?(?:出生|生(?:人|于)?(?=[，,。；;）)\s]|$))")
_RELATIVE = re.compile(r"(同年|当年|这一年|那一年|次年|翌年|今年|去年|上年|前年|明年)(?:(\d{1,2})月)?")
#: Days relative to a dated news item (记者昨天获悉, "21日，…开幕") and dates without a year (4月11日).
_DAY = re.compile(r"昨天|昨日|今天|今日|当天|当日|日前|近日|前天|上周|本周|上月|本月|"
                  r"(?<![\d\u4e00-\u9fff])(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?=[，,上下晚在])|"
                  r"(?:\d{1,2}|[一二两三四五六七八九十]{1,2})个多?月前")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
#: A small count in Arabic or Chinese digits, captured for :func:`small_number` (22, 二十二).
SMALL_NUMBER = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_YEARS_SINCE = re.compile(rf"(?<![\d.〇零一二两三四五六七八九十]){SMALL_NUMBER}(?:多|余)?年(?:来|间|中|的时间)")
#: "5年前，…成了广东对口援建点" in a dated item: the year that many years before the date line.
_YEARS_AGO = re.compile(rf"(?<![\d.〇零一二两三四五六七八九十]){SMALL_NUMBER}年前")
#: Words of a first time: a date opening a sentence with one ("1995年5月17日，上海第一批援藏干部离开…")
#: is the story's beginning, not the day the page was published.
_FIRST_WORDS = r"首批|第一批|首次|第一次"
_FIRST = re.compile(_FIRST_WORDS)
#: Words of a beginning, in the sentence of a year that a span of years then counts from.
_BEGAN = re.compile(rf"结对|建立|启动|开始|开启|确定|确立|发起|签订|签署|成立|{_FIRST_WORDS}")
#: How far back a year whose sentence tells a beginning may start a span of years (see :func:`recognize`).
_BEGUN_REACH = 300
#: Contexts in which a year is a target, not something that happened (not after 从, 追溯 or 回:
#: "时间拨回到2014年10月" goes back to a date; nor 截至/截止到: "截至2023年" counts up to a past year).
_FUTURE = re.compile(r"(?<!从)(?<!溯)(?<!回)(?<!截)(?<!截止)(到|至|展望)$")
#: "力保项目在2017年按期投产", "计划于2025年建成": a year something is planned for (a name that ends in
#: 计划, “…高等学校计划”（…）2001年, plans nothing).
_PLANNED = re.compile(r"(?:力争|力保|确保|争取|计划|预计|预期|将于|将在|有望)(?![”》」』）)\"])[^，,。；;！？!?]{0,6}$")


def _is_target(key: str, start: int, end: int) -> bool:
    """到2020年, 2035年远景目标: a year something should be reached by, not a date."""
    before = key[max(0, start - 2) : start]
    after = key[end : end + 4]
    return bool(_FUTURE.search(before)) or after.startswith(("远景", "目标", "前", "底前")) \
        or bool(_PLANNED.search(key, max(0, start - 10), start))


def _cn_year(text: str) -> int:
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def small_number(text: str) -> int:
    """A small count written in Arabic or Chinese digits (22, 二十二)."""
    if text.isdigit():
        return int(text)
    import cn2an

    return int(cn2an.cn2an(text, "smart"))


_DATELINE = re.compile(r"((?:19|20)\d\d)(?:年\d{1,2}月\d{1,2}日?(?=\s*(?:星期|周)[一二三四五六日天])"
                       r"|年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})"
                       r"|(?<![\d-])(\d\d)-[01]\d-[0-3]\d[ \t]+[0-2]\d:[0-5]\d"
                       r"|(?<![\d.])[0-3]?\d\.[01]?\d\.((?:19|20)\d\d)(?!\d)"
                       rf"|({_CN_YEAR}{{4}})年[一二三四五六七八九十]{{1,2}}月[一二三四五六七八九十]{{1,3}}日")
#: "2024年04月24日 星期三 设为首页": a portal's date of today, the day the page was fetched.
_TODAY_WIDGET = re.compile(r"\s*(?:星期|周|礼拜)[一二三四五六日天]")
#: How far into a document a dateline may stand.
_DATELINE_REACH = 300


_PLAN = r"[“\"]?十([一二三四五])五[”\"]?(?:规划)?的?"
#: Years the text names by what they were in national policy: "今年是脱贫攻坚的决战决胜之年" (2020),
#: "“十四五”规划收官年" (2025), "巩固拓展脱贫攻坚成果同乡村振兴有效衔接的第一年" (2021).  The 11th
#: five-year plan opens in 2006 and each later one five years on; a plan's last year is its fifth.
_ERA = re.compile(
    rf"(?P<open>{_PLAN}开局之?年)|(?P<close>{_PLAN}(?:即将)?收官(?:之年|年)?)"
    r"|(?P<y2020>脱贫攻坚的?决战决胜之年|全面建成小康社会的?收官之年)"
    r"|(?P<y2021>(?:巩固拓展脱贫攻坚成果同乡村振兴有效衔接|过渡期|东西部协作结对关系调整后)的?第一年"
    r"|(?:建党|中国共产党成立)(?:一百|100)周年)"
)
_PLAN_NUMBER = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15}


def era_year(an: Analysis) -> int | None:
    """The year a text names by its place in national policy, when it gives no date line."""
    for m in _ERA.finditer(an.key):
        if m.group("y2020"):
            return 2020
        if m.group("y2021"):
            return 2021
        number = _PLAN_NUMBER[m.group(2) or m.group(4)]
        first = 2006 + 5 * (number - 11)
        return first if m.group("open") else first + 4
    return None


def dateline_year(an: Analysis) -> int | None:
    """The publication year of the document (worked out once; see :func:`_dateline_year`)."""
    return an.derived(_dateline_year)


def _dateline_year(an: Analysis) -> int | None:
    """The publication year from a full date near the top (2017年05月16日, 2017-05-16, a
    day-first 09.06.2014, a report header's 二〇〇九年一月十日, or a web page's "23-07-11 08:07",
    whose two-digit year is of this century); failing that, a year named by its place in
    national policy (:func:`era_year`)."""
    found = [d for d in _DATELINE.finditer(an.key, 0, _DATELINE_REACH) if not _opens_event(an, d)]
    # a date with its weekday is a portal's date of today when the page dates itself further on,
    # and an e-paper's date of issue when it is the only one
    m = next((d for d in found if not _TODAY_WIDGET.match(an.key, d.end())
              and not an.key.endswith("今天是", 0, d.start())), found[0] if found else None)
    if not m:
        return era_year(an)
    if m.group(4):
        return _cn_year(m.group(4))
    if m.group(3):
        return int(m.group(3))
    return int(m.group(1)) if m.group(1) else 2000 + int(m.group(2))


#: A full date written in a sentence: year, month and day.
_FULL_DATE = re.compile(r"((?:19|20)\d\d)年\d{1,2}月\d{1,2}日")


def _opens_event(an: Analysis, date: re.Match[str]) -> bool:
    """Whether a date opening a sentence is an event's, not the page's: the sentence tells of a
    first time (see :data:`_FIRST`), or the text tells of a later day further on ("1992年3月27日,
    国务院发出…。2010年1月18日至20日,…召开的…座谈会"; a page is not dated before the days it reports)."""
    if not an.key.startswith(("，", ","), date.end()):
        return False
    if _FIRST.search(an.key, date.end(), an.sentence_of(date.end())[1]) is not None:
        return True
    year = int(date.group(1)) if date.group(1) else None
    return year is not None and any(int(d.group(1)) > year for d in _FULL_DATE.finditer(an.key, date.end()))


_NUMERIC_DATE = re.compile(r"(?:19|20)\d\d[-/.][01]?\d")


def _on_bare_line(text: str, pos: int) -> bool:
    """Whether the line of ``text`` around ``pos`` has no sentence punctuation (page furniture)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return not re.search(r"[。，,；;！？!?]", text[start:end if end >= 0 else len(text)])


def on_metadata_line(an: Analysis, t: Mention) -> bool:
    """"发布时间:2012年02月16日 10:56 | 来源:…": a date on a line with no sentence is when the page was posted."""
    return _on_bare_line(an.doc.text, an.doc.key.to_text(kstart(t), kend(t))[0])


def anchor_year(an: Analysis) -> int | None:
    """The year a document speaks from: its dateline, else its latest past year mentioned.

    Years announced as targets (到2020年, 2035年远景目标) are ignored.
    """
    dated = dateline_year(an)
    if dated is not None:
        return dated
    key = an.key
    best: int | None = None
    for m in _YEAR.finditer(key):
        year = int(m.group(1)) if m.group(1) else _cn_year(m.group(4))
        if _is_target(key, m.start(), m.end()):
            continue
        if m.start() >= _DATELINE_REACH and _NUMERIC_DATE.match(key, m.start()) \
                and _on_bare_line(an.doc.text, an.doc.key.to_text(m.start(), m.end())[0]):
            continue  # "2022-04-18 23阅读" in a list of related pages is not when the text speaks
        if best is None or year > best:
            best = year
    return best


def recognize(an: Analysis) -> Iterator[Mention]:
    key = an.key
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(key):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:
            taken.append((m.start(), m.end()))
            yield an.mention("time", m.start(), m.end(), str(a), RULE,
                             (("year", a), ("end_year", b), ("type", "range")))
    last_year: int | None = None
    events: list[tuple[int, int, Mention | None]] = []
    published = dateline_year(an)
    for m in _YEAR.finditer(key):
        if any(s <= m.start() < e for s, e in taken):
            year = int(m.group(1)) if m.group(1) else _cn_year(m.group(4))
            events.append((m.start(), year, None))
            continue
        year = int(m.group(1)) if m.group(1) else _cn_year(m.group(4))
        month = int(m.group(3)) if m.group(3) else None
        if _BORN.match(key, m.end()):
            continue  # "方城，1960年5月生": a person's birth, not a time the text's events happen in
        # after the publication date, a year can only be a target (在2020年全部脱贫)
        target = _is_target(key, m.start(), m.end()) or (published is not None and year > published)
        if month is not None and not 1 <= month <= 12:
            month = None
        extra: list[tuple[str, int | str | None]] = [
            ("year", year), ("type", "target" if target else "year")]
        if month:
            extra.append(("month", month))
        mention = an.mention("time", m.start(), m.end(), str(year), RULE, tuple(extra))
        events.append((m.start(), year, mention))
    anchor = anchor_year(an)
    rel = list(_RELATIVE.finditer(key))
    years_since = list(_YEARS_SINCE.finditer(key))
    # walk years and relatives in text order so 同年 sees the year before it
    items: list[tuple[int, str, object]] = [(p, "abs", (y, mm)) for p, y, mm in events]
    items += [(r.start(), "rel", r) for r in rel]
    items += [(d.start(), "day", d) for d in _DAY.finditer(key)]
    items += [(d.start(), "monthday", d) for d in _MONTH_DAY.finditer(key)]
    items.sort(key=lambda t: t[0])
    for _, kind, payload in items:
        if kind == "abs":
            year, mention = payload  # type: ignore[misc]
            last_year = year
            if mention is not None:
                yield mention
            continue
        r: re.Match[str] = payload  # type: ignore[assignment]
        if kind in ("day", "monthday"):
            base_year = published if published is not None else (last_year if kind == "monthday" else None)
            month_of = int(r.group(1)) if kind == "monthday" else None
            if base_year is None or (month_of is not None and not 1 <= month_of <= 12):
                continue
            extra3: list[tuple[str, int | str | None]] = [("year", base_year), ("type", "relative")]
            if month_of:
                extra3.append(("month", month_of))
            yield an.mention("time", r.start(), r.end(), str(base_year), RULE, tuple(extra3))
            continue
        word = r.group(1)
        base = anchor if word in ("今年", "去年", "前年", "明年") else last_year
        if base is None:
            continue
        offset = {"同年": 0, "当年": 0, "这一年": 0, "那一年": 0, "次年": 1, "翌年": 1, "今年": 0, "去年": -1,
                  "上年": -1, "前年": -2, "明年": 1}[word]
        if word == "上年" and last_year is not None:
            base = last_year
        year = base + offset
        extra2: list[tuple[str, int | str | None]] = [("year", year), ("type", "relative")]
        if r.group(2):
            extra2.append(("month", int(r.group(2))))
        yield an.mention("time", r.start(), r.end(), str(year), RULE, tuple(extra2))
    if published is not None:
        for m in _YEARS_AGO.finditer(key):
            if 1 <= (n := small_number(m.group(1))) <= 80:
                yield an.mention("time", m.start(), m.end(), str(published - n), RULE,
                                 (("year", published - n), ("type", "relative")))
    if anchor is not None:
        event_starts = [p for p, _, _ in events]  # in text order, as the years were found
        earliest = min((y for _, y, mention in events if mention is None or mention.get("type") == "year"),
                       default=anchor)
        for m in years_since:
            n = small_number(m.group(1))
            if n == 1 and key.startswith("中", m.end() - 1):
                continue  # "一年中难得的几场雨水": within a year, not a year back
            if key[max(0, m.start() - 3):m.start()].rstrip().endswith("年"):
                continue  # "2019年一年间": the year itself, not a span back from the anchor
            if not 1 <= n <= 80:
                continue
            since = anchor - n
            i = bisect.bisect_left(event_starts, m.start()) - 1  # the last year named before the span
            if published is None and i >= 0 and since < events[i][1] and (
                    (event_starts[i] >= m.start() - 40 and _BEGAN.search(key, event_starts[i], m.start()))
                    or (since < earliest and event_starts[i] >= m.start() - _BEGUN_REACH
                        and _BEGAN.search(key, event_starts[i], an.sentence_of(event_starts[i])[1]))):
                # "1996年，京蒙两地正式结对。28年来…" with no date line: the years since the start just
                # named, not back from the latest year the text happens to mention.  Further back, the
                # start must be told in the year's own sentence, and counting back from the latest year
                # must land before anything the text tells of ("1996年，…福建与宁夏确立对口协作关系。
                # 从此，…。20年来，…" in a retrospective whose latest year is 1996)
                since = events[i][1]
            yield an.mention("time", m.start(), m.end(), str(since), RULE,
                             (("year", since), ("type", "since"), ("span", n)))
