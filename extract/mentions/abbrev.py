"""Pair words of cooperation: 闽宁, 沪滇, 粤桂, 浙川/川浙, 浙广 ….

Two one-character abbreviations side by side name a pairing in a
cooperation context (a cooperation word right after, or 对口 right before);
standing alone (津甘“山海情”) they are marked ``context=False`` and count
only where the text pairs the two provinces in other words;
宁 in 宁波 and 青 in 青岛 are never read because they are parts of longer names
and not followed by a second abbreviation.  A character that is no province
abbreviation may abbreviate a region the document is about (广 for 广元 in
浙广).  Which side helps comes from the provinces' roles, not from the order:
闽宁 has the helper first, 川浙 has it second.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..abbrev import (
    ABBREVIATION_CHARS,
    ABBREVIATIONS,
    CITY_ABBREVIATIONS,
    COOPERATION_WORDS,
    TWO_PROVINCE_WORDS,
    side,
)
from ..context import Analysis
from ..records import Mention

RULE = "pairword/1"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LOOKAHEAD = 8
#: A pair word followed by one of these names a program (闽宁协作, 沪滇扶贫协作, 沪滇对口帮扶工作).
_PROGRAM_AFTER = re.compile(r"(?:对口)?(?:扶贫)?(?:协作|合作|帮扶|支援)(?:工作)?")
#: What may follow a pair word that has no cooperation word: a quotation, a particle or punctuation
#: (津甘“山海情”, 闽宁两地), not the rest of a word (苏宁易购).
_ALONE = re.compile(r"[“”\"「」『』（(，,。；;、！!？?\s]|两地|两省|两市|之|的|情")
#: "粤、黔两省建立起新的结对帮扶协作关系": two abbreviations apart, named as the two provinces.
_SPLIT_PAIR = re.compile(rf"([{ABBREVIATION_CHARS}])、([{ABBREVIATION_CHARS}])两(?:省区|省|地)")


def local_abbreviations(an: Analysis, levels: tuple[str, ...] = ("province", "prefecture")) -> dict[str, str]:
    """First character → a region of ``levels`` the document mentions often (广 → 广元)."""
    gaz = an.gazetteer
    counts: Counter[str] = Counter(
        m.key for m in an.mentions if m.kind == "region" and m.key in gaz
        and gaz.regions[m.key].level in levels
    )
    by_char: dict[str, list[tuple[int, str]]] = {}
    for code, n in counts.items():
        if n >= 3:
            by_char.setdefault(gaz.regions[code].name[0], []).append((n, code))
    out = {}
    for ch, cands in by_char.items():
        # 江海区 and 江门市 both named: 江 is the city that holds the district
        held = {c for _, c in cands if gaz.regions[c].parent in {p for _, p in cands}}
        cands = [(n, c) for n, c in cands if c not in held]
        cands.sort(reverse=True)
        if len(cands) == 1 or cands[0][0] >= 2 * cands[1][0]:
            out[ch] = cands[0][1]
    return out


#: "“闽宁模式”、“沪滇模式”…等帮扶模式": a pair word naming a model of cooperation, in a sentence about it.
_MODEL = re.compile(r"模式[”\"」』]?")
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def _in_context(key: str, start: int, end: int) -> bool:
    after = key[end : end + _LOOKAHEAD]
    before = key[max(0, start - 3) : start]
    if "对口" in before:
        return True
    if _MODEL.match(key, end):
        stop = _SENTENCE_END.search(key, end)
        sentence = key[end : stop.start() if stop else len(key)]
        return any(w in sentence for w in COOPERATION_WORDS)
    # the cooperation word must follow closely, within the same clause
    for i in range(min(len(after), _LOOKAHEAD)):
        if after[i] in "，。；;,":
            return False
        if any(after.startswith(w, i) for w in COOPERATION_WORDS) and i <= 5:
            return True
    return False


def _pairword(an: Analysis, start: int, end: int, helper: str, recipient: str, confidence: float,
              *extra: tuple[str, str | int | float | bool | None]) -> Mention:
    return an.mention("pairword", start, end, f"{helper}>{recipient}", RULE,
                      (("helper", helper), ("recipient", recipient), ("confidence", confidence), *extra))


def recognize(an: Analysis) -> Iterator[Mention]:
    key = an.key
    gaz = an.gazetteer
    local = local_abbreviations(an, ("province", "prefecture", "county"))

    # provinces the text names, itself or by a place in it
    named = {gaz.province_of(m.key) for m in an.mentions if m.kind == "region" and m.key in gaz}

    def resolve(ch: str) -> tuple[str, bool] | None:
        if ch in ABBREVIATIONS and (ch not in local or ABBREVIATIONS[ch] in named):
            return ABBREVIATIONS[ch], False  # 甘 is 甘洛 in 奉甘两地 when the text names no place in 甘肃
        if ch in CITY_ABBREVIATIONS:
            return CITY_ABBREVIATIONS[ch], False
        if ch in local:
            return local[ch], True
        return None

    # positions covered by region names: 青川 (a county) is not 青海+四川
    covered: set[int] = set()
    for m in an.mentions:
        if m.kind == "region":
            covered.update(range(int(m.get("kstart") or 0), int(m.get("kend") or 0)))
    for hit in re.finditer("|".join(TWO_PROVINCE_WORDS), key):
        if _in_context(key, hit.start(), hit.end()):
            yield _pairword(an, hit.start(), hit.end(), *TWO_PROVINCE_WORDS[hit.group(0)], 0.9)
    for hit in _SPLIT_PAIR.finditer(key):
        a, b = ABBREVIATIONS[hit.group(1)], ABBREVIATIONS[hit.group(2)]
        if side(a) * side(b) < 0 and _in_context(key, hit.start(), hit.end()):
            helper, recipient = (a, b) if side(a) > 0 else (b, a)
            yield _pairword(an, hit.start(), hit.end(), helper, recipient, 0.85)
    chars = "".join(sorted(set(ABBREVIATIONS) | set(CITY_ABBREVIATIONS) | set(local)))
    candidates = re.compile(f"(?=[{re.escape(chars)}]{{2}})")
    for hit in candidates.finditer(key):
        i = hit.start()
        a, b = key[i], key[i + 1]
        if i in covered or i + 1 in covered:
            continue
        ra, rb = resolve(a), resolve(b)
        if ra is None or rb is None or ra[0] == rb[0]:
            continue
        if i > 0 and resolve(key[i - 1]) is not None and _CJK.match(key[i - 1]):
            continue  # 京津冀: three in a row is a region list, not a pair
        if i + 2 < len(key) and key[i + 2] in ABBREVIATIONS:
            continue
        context = _in_context(key, i, i + 2)
        if ra[1] and rb[1] and not context:
            continue  # both guessed from the document, and no cooperation named: too weak
        if not context and (ra[1] or rb[1] or not _ALONE.match(key, i + 2)):
            continue  # outside a cooperation phrase, only two province abbreviations standing alone
        sa = side(gaz.province_of(ra[0]))
        sb = side(gaz.province_of(rb[0]))
        if sa > sb:
            helper, recipient, confidence = ra[0], rb[0], 0.9
        elif sb > sa:
            helper, recipient, confidence = rb[0], ra[0], 0.9
        elif sa == 0:
            helper, recipient, confidence = ra[0], rb[0], 0.5
        else:
            continue  # 京津, 川渝: two helpers or two recipients cooperate, nobody helps
        coop = _PROGRAM_AFTER.match(key, i + 2)
        if not context:
            yield _pairword(an, i, i + 2, helper, recipient, 0.5, ("context", False))
            continue
        if coop:
            name = key[i : coop.end()]
            yield an.mention("program", i, coop.end(), name, RULE,
                             (("name", name), ("type", "program")))
        yield _pairword(an, i, i + 2, helper, recipient, confidence)
