"""Amounts of money and counts: 10亿元, 1.37 亿元, 7400余万元, 52.65 万人, 300多个.

Numbers are read by cn2an (Arabic, Chinese and mixed numerals); the multiplier
(万, 亿, 千) is applied and the value stored in base units (元, 人, 个 …).
余/多/近/约/超过/逾/左右 mark a value as approximate.  Percentages, dates and
identifiers are not amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import cn2an

from ..context import Analysis
from ..records import Mention

RULE = "amount/1"

_NUM = r"(?:\d+(?:[.,]\d+)*|[零一二两三四五六七八九十百千]+(?:点[零一二三四五六七八九]+)?)"
_MULT = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)?"
_MULT2 = r"(?:亿)?"
_UNITS = (
    "人次|万人次|元|美元|人|户|个|家|所|项|名|座|栋|条|公里|千米|平方公里|平方米|米|亩|吨|公斤|斤|头|只|套|辆|间|批次|批|期|"
    "台|张|份|千瓦|兆瓦|支|队|班次|架次|车次|场次|趟|列|次|场|本|册|件|位|例|村|县|区|镇|乡|校|处|篇|省|市|州|"
    "对(?![口接象于外比话待照标应付抗])"
)
_AMOUNT = re.compile(
    rf"(?P<pre>近|约|超过|超|逾|达|共|累计|总计|合计|高达)?"
    rf"(?P<num>{_NUM})(?P<approx1>余|多)?(?P<mult>{_MULT})(?P<approx2>余|多)?(?P<mult2>{_MULT2})"
    rf"(?:(?P<unit>{_UNITS})|(?P<people>(?:贫困)?(?:人口|群众|民众|居民|村民|牧民|农牧民|农民|劳动力|名|人)"
    rf"|[\u4e00-\u9fff]{{1,6}}?(?:人口|群众|民众|农民|劳动力|毕业生|学生|务工人员)))(?P<post>左右|以上)?"
)
#: Characters a unit starts with: after them 亿 is not bare (3亿人, 1亿元).
_UNIT_STARTS = "".join(sorted({unit[0] for unit in _UNITS.split("|")}))
#: "投入36亿", "资金超百亿": 亿 with 元 left out, read as money in a clause about funds.
_BARE_YI = re.compile(
    rf"(?P<pre>近|约|超过|超|逾|达|共|累计|总计|合计|高达)?(?P<num>{_NUM})(?P<approx1>余|多)?"
    rf"(?P<mult>十亿|百亿|千亿|亿)(?P<approx2>余|多)?(?![{_UNIT_STARTS}])"
)
_MONEY_WORDS = re.compile(r"资金|投入|投资|援助|拉动|捐|融资|产值|销售额|营业额|资本")
_APPROX_PRE = {"近", "约", "超过", "超", "逾"}
_MULTIPLIERS = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000, "十万": 100_000,
                "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000,
                "十亿": 1_000_000_000, "百亿": 10_000_000_000, "千亿": 100_000_000_000,
                "万亿": 1_000_000_000_000}
#: Units that name a kind of region: "9省", "20市" count regions (unit 个).
_REGION_UNITS = frozenset({"省", "市", "州", "县", "区", "镇", "乡", "村"})
_UNIT_ALIASES = {"名": "人", "位": "人", "批次": "批", "省": "个", "市": "个", "州": "个", "县": "个", "区": "个",
                 "镇": "个", "乡": "个", "村": "个"}
#: After a region unit, these start a name (4市州 is a count; 3市场 is not).
_CJK_NAME_AFTER = re.compile(r"场|民|长|委|县|区|级|辖|属|直")
#: After 个, words that count no things: aspects and fields of work, spans of time, percentage points.
_NOT_COUNTED = ("百分点", "方面", "领域", "层面", "维度", "小时", "星期", "季度")
#: Counting units that, after a bare small number, are too generic to be an amount.
_WEAK_UNITS = {"个", "项", "名", "次", "期", "批", "条", "件", "位", "张", "本", "篇", "场", "支", "队", "对", "例"}


def parse_number(text: str) -> Decimal | None:
    text = text.replace(",", "")
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return Decimal(text)
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, InvalidOperation, KeyError):
        return None


def recognize(an: Analysis) -> Iterator[Mention]:
    yield from _amounts(an)
    yield from _bare_yi(an)


def _glued(key: str, m: re.Match[str]) -> bool:
    """Whether the number continues a longer one (2.5 read from 12.5), is an ordinal (第3) or ends a
    date or code written with dashes or slashes (第2018-10-16期)."""
    before = key[max(0, m.start("num") - 2):m.start("num")]
    return before[-1:].isdigit() or before[-1:] in (".", "第") or (
        len(before) == 2 and before[0].isdigit() and before[1] in "-/")


def _approximate(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    return bool(groups["approx1"] or groups["approx2"] or groups.get("post") or groups["pre"] in _APPROX_PRE)


def _mention(an: Analysis, m: re.Match[str], value: Decimal, unit: str) -> Mention:
    """The amount's mention: it starts at the number, or at a word that makes it approximate (近13亿元)."""
    value_text = format(value.normalize(), "f")
    start = m.start("num") if m.group("pre") in (None, "达", "共", "累计", "总计", "合计", "高达") else m.start()
    return an.mention("amount", start, m.end(), f"{value_text}:{unit}", RULE,
                      (("value", value_text), ("unit", unit), ("approximate", _approximate(m))))


def _bare_yi(an: Analysis) -> Iterator[Mention]:
    key = an.key
    for m in _BARE_YI.finditer(key):
        if _glued(key, m):
            continue
        cs, ce = an.clause_bounds(m.start("num"))
        num_text = m.group("num")
        number = parse_number("一" + num_text if num_text[0] in "十百千" else num_text)  # 超百亿
        if number is None or number == 0 or not _MONEY_WORDS.search(key, cs, ce):
            continue
        yield _mention(an, m, number * _MULTIPLIERS[m.group("mult")], "元")


def _amounts(an: Analysis) -> Iterator[Mention]:
    key = an.key
    for m in _AMOUNT.finditer(key):
        num_text = m.group("num")
        if _glued(key, m):
            continue
        unit = m.group("unit") or "人"
        mult = m.group("mult") or ""
        if m.group("people") and not mult and m.group("people") not in ("名", "人"):
            continue  # "3贫困人口"-like fragments: a people noun needs a 万/亿 figure
        if m.group("mult2"):
            mult = mult + m.group("mult2") if mult + m.group("mult2") in _MULTIPLIERS else mult
        number = parse_number(num_text)
        if number is None or number == 0:
            continue
        after = key[m.end("unit") : m.end("unit") + 1]
        if unit == "元" and after == "素":  # 元素
            continue
        if unit in _REGION_UNITS and not (unit == "省" and after == "区") and (
                after in ("长", "委", "级", "域", "里", "民", "城", "区", "政")
                or _CJK_NAME_AFTER.match(key, m.end("unit")) or key[m.start() - 1:m.start()] == "第"):
            continue  # 4省区 counts provinces; 3市场, 第3区 do not
        if unit == "个" and (after in ("人", "性", "月") or key.startswith(_NOT_COUNTED, m.end("unit"))):
            continue  # 个人, 3个百分点, 8个月, 10个方面: no count of things given or done
        if not num_text[0].isdigit() and len(num_text) == 1 and not mult:
            continue  # 一个, 两家: determiners, not figures
        if unit in _WEAK_UNITS and not mult and number < 2:
            continue
        if re.fullmatch(r"(?:19|20)\d\d", num_text) and not mult and unit in ("年",):
            continue
        if m.group("mult2") and mult not in _MULTIPLIERS:
            continue
        value = number * _MULTIPLIERS.get(mult, 1)
        if m.group("mult2") and m.group("mult") and m.group("mult") + m.group("mult2") not in _MULTIPLIERS:
            value *= _MULTIPLIERS["亿"]
        base_unit = _UNIT_ALIASES.get(unit, unit)
        if unit == "万人次":
            value *= 10_000
            base_unit = "人次"
        yield _mention(an, m, value, base_unit)
