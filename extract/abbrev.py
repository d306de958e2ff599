"""Province abbreviations and the two sides of East–West cooperation.

These are facts no gazetteer package carries: the one-character 简称 of each
provincial-level region, and which provinces have acted as the helping side.
"""

from __future__ import annotations

from collections.abc import Mapping

#: One-character abbreviation → province code.  Abbreviations shared by two
#: provinces in common use (none at present) would need context; 贵 and 黔 both
#: denote Guizhou, 陇 and 甘 both Gansu, 秦 and 陕 both Shaanxi.
ABBREVIATIONS: Mapping[str, str] = {
    "京": "110000", "津": "120000", "冀": "130000", "晋": "140000", "蒙": "150000",
    "辽": "210000", "吉": "220000", "黑": "230000", "沪": "310000", "苏": "320000",
    "浙": "330000", "皖": "340000", "闽": "350000", "赣": "360000", "鲁": "370000",
    "豫": "410000", "鄂": "420000", "湘": "430000", "粤": "440000", "桂": "450000",
    "琼": "460000", "渝": "500000", "川": "510000", "蜀": "510000", "黔": "520000",
    "贵": "520000", "滇": "530000", "云": "530000", "藏": "540000", "陕": "610000",
    "秦": "610000", "甘": "620000", "陇": "620000", "青": "630000", "宁": "640000",
    "新": "650000", "港": "810000", "澳": "820000",
}

#: The province abbreviations as a regex character class body (for [...] in patterns).
ABBREVIATION_CHARS = "".join(sorted(ABBREVIATIONS))

#: One-character 简称 of cities that stand in pair words (甬黔 is 宁波 helping 贵州, 穗黔, 榕宁).
#: Only characters that are rarely anything but the city are listed (深 and 青 are not).
CITY_ABBREVIATIONS: Mapping[str, str] = {
    "甬": "330200", "穗": "440100", "榕": "350100", "鹭": "350200", "莞": "441900",
    "锡": "320200", "邕": "450100", "筑": "520100", "蓉": "510100",
}

#: Pair words that name both provinces with one shared character: 两广协作 is 广东 helping 广西.
TWO_PROVINCE_WORDS: Mapping[str, tuple[str, str]] = {"两广": ("440000", "450000")}

#: 援疆, 援藏 …: the character after 援 names the aided province; 新疆 is 疆 there, not 新.
AID_ABBREVIATIONS: Mapping[str, str] = {
    **{c: ABBREVIATIONS[c] for c in "藏青蒙川滇黔桂宁甘渝陕"},
    "疆": "650000",
}

#: Provinces (and separately planned cities) that act as the helping side of
#: East–West cooperation since 1996, used to orient symmetric phrasings such as
#: "X与Y协作" or pair words like 川浙 in which the order does not give the roles.
HELPER_PROVINCES = frozenset({
    "110000", "120000", "210000", "310000", "320000",
    "330000", "350000", "370000", "440000",
})

#: The twelve provinces of the west (西部大开发), the receiving side of East–West cooperation.
WESTERN_PROVINCES = frozenset({
    "150000", "450000", "500000", "510000", "520000", "530000", "540000",
    "610000", "620000", "630000", "640000", "650000",
})
#: Provinces that have only been receiving sides: the west, and inland provinces helped
#: within their own province or by 京津冀 partners.
RECIPIENT_PROVINCES = WESTERN_PROVINCES | frozenset({
    "130000", "220000", "420000", "430000", "360000", "140000", "410000",
    "340000", "230000", "460000",
})

#: Words that make an abbreviation or pair word mean a cooperation, not a place:
#: 闽宁协作, 沪滇合作, 浙川帮扶, 对口….
COOPERATION_WORDS = (
    "协作", "合作", "帮扶", "对口", "扶贫", "结对", "支援", "携手", "共建", "援建", "东西部",
)


def side(province_code: str) -> int:
    """+1 for a helping province, -1 for a receiving one, 0 when unknown."""
    if province_code in HELPER_PROVINCES:
        return 1
    if province_code in RECIPIENT_PROVINCES:
        return -1
    return 0
