"""Pairings: which region helps which, since when, and until when.

Rules run per sentence over a template in which each region unit is one
placeholder (see :mod:`.units`):

* directional: X 对口帮扶/对口支援/结对(帮扶)/帮扶/援建 Y, also 由X结对Y;
* passive: Y … 接受/得到 X (的)帮扶;
* symmetric: X 与 Y … 扶贫协作/东西部协作/结对/合作, oriented by the provinces'
  roles (the eastern side helps);
* enumerations: 北京与内蒙古、天津与甘肃 … (pairwise), 大连、青岛、深圳、宁波与贵州
  (many to one), 广元—台州、广元—湖州 … 扶贫协作 (dash pairs);
* pair words (闽宁, 川浙) found by :mod:`..mentions.abbrev`; standing alone
  (津甘“山海情”) only where the text pairs the two provinces in other words;
* looser phrasings kept only when the eastern side is the subject: a subject
  carried over several clauses, X给予Y…援助, 在X的帮助下Y, X携手Y, the bare 帮
  of arrangement lists (北京帮内蒙古), 援普 for a place the text is about;
* signs of a pair at work, kept only when the eastern side helps: aid cadres,
  teams and delegations in a place, purchases of its produce, a park named
  after both places (新疆喀什深圳产业园) or built by both;
* moves: X对口支援…从A调整到B, X由支援A调整为B (A ends, B starts);
* a report's or a local paper's own region as the unnamed side (see :func:`speaker`);
* places labelled as the east's helpers (…7个东部帮扶城市), for the speaker or the text's one
  western province.

Start years come from the sentence (自/从…起/以来, N年来, 第N年, N周年) or,
for a text about one pair of provinces, from what it says of 两地 as a whole.

Regions merely listed together, a helper with no named recipient,
京津冀协同发展-style integration and the northeast's 对口合作 with the east stay
silent.  Inland provinces help only 新疆, 西藏 and 青海.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..abbrev import ABBREVIATION_CHARS, ABBREVIATIONS, AID_ABBREVIATIONS, WESTERN_PROVINCES, side
from ..context import Analysis, kend, kstart
from ..mentions.abbrev import local_abbreviations
from ..mentions.coref import header_end, is_report
from ..mentions.coref import title_end as _title_end
from ..mentions.programs import QUOTED_RULE, TITLE_RULE
from ..mentions.time import SMALL_NUMBER, dateline_year, on_metadata_line, small_number
from ..records import Triple, attrs
from .units import PLACEHOLDER as R
from .units import Template, Unit, region_ref, region_units, template

VERSION = "pairing/1"

_STOP = "，,。；;！？!?：:"
#: Characters a gap inside a directional phrase may not contain (they open asides or lists).
_GAP_STOP = _STOP + "（）()、“”\"《》"
#: One-character names of the provinces that 援 takes (援疆, 援藏 …).
_AIDED = "[疆藏青蒙川滇黔桂宁甘渝陕]"
#: The people and teams a helper sends.
_STAFF = "干部|人才|医生|教师|专家|工作队|工作组|医疗队"
#: An ordinal batch of aid staff or teams (第十批).
_BATCH = r"(?:第[一二三四五六七八九十\d]+批)?"
#: Verbs of arriving where the work is.
_ARRIVED = "进驻|来到|赴|抵达|到达|派驻|奔赴|扎根|入驻|前往"
_VERB = (
    "对口帮扶|对口支援|对口援建|对口援助|对口扶贫|对口帮助|对口支持|对口协作|扶贫协作|结对帮扶|结对|定点帮扶|携手帮扶|"
    "帮扶|援建|支援|援助|扶持|帮助|协助|资助|捐建|驰援|助力|助推"
)
_COOP = (
    "东西部扶贫协作|东西扶贫协作|东西部协作|扶贫协作|对口协作|结对帮扶|结对关系|结对|对口帮扶|"
    "对口支援|协作关系|帮扶关系|协作|帮扶|合作|共建"
)
#: A count after a list item ("甘孜州18个县和凉山州木里县") does not end the list.
#: So does 等 and a count of such places ("南京等12个设区市和昆山等5个县级市(区)"),
#: or of all its parts ("伊犁州直属所有10个县(市)").
_COUNT = (r"(?:(?:等|(?:直属|所属|下辖|所辖)?(?:所有|全部))?"
          r"(?:\d+个[\u4e00-\u9fff]{0,10}?|[两三四五六七八九十]+个?)(?:地区|[县市区州旗]|乡镇|镇|乡|村)"
          r"(?:[（(][\u4e00-\u9fff]{1,3}[）)])?)?")
#: "感谢市北区、台东街道…对西和县、兴隆镇的精准帮扶": a township of the place named last in a list.
_TOWN_TAIL = r"(?:、[\u4e00-\u9fff]{1,4}?(?:街道|镇|乡))?"
#: Items may also stand side by side, as in a headline (大连青岛深圳宁波帮扶贵州).
_LEFT_LIST = rf"{R}{_COUNT}(?:(?:、|和|及|以及|){R}{_COUNT})*{_TOWN_TAIL}"
#: "援建岐山县…村道路、凤县…村道路项目": a short noun after an item does not end a 、 list.
_ITEM_TAIL = r"(?:(?:[\u4e00-\u9fff]{1,4}?|[（(][^（）()]{1,20}[）)])(?=、))?"
#: "对口支援墨脱县、…兵团41团草湖产业园以及乡城县": an item that names no region is skipped.
_OTHER_ITEM = rf"(?:、[^{R}{_GAP_STOP}]{{2,20}}?(?=以及|、{R}))?"
#: "福州市对口援建八宿县、厦门市对口援建左贡县": an item followed by its own verb starts the next pair.
#: Not when a conjunction follows the verb: "与汕头、潮州4市帮扶协作和惠州3县…" lists on.
_NOT_SUBJECT = rf"(?!(?:(?:和|及|与|、){R})*[^{R}{_GAP_STOP}]{{0,4}}?(?:{_VERB})[^{R}{_GAP_STOP}和及与]{{0,4}}?{R})"
#: A 兵团 division before the city it runs (新疆生产建设兵团第四师可克达拉市, 农六师五家渠市).
_DIVISION = (r"(?:(?:新疆生产建设兵团|兵团)(?:第?[一二三四五六七八九十]{1,3}师)?"
             r"|(?:农|第)[一二三四五六七八九十]{1,3}师)?")
_RIGHT_LIST = (
    rf"{R}{_COUNT}(?:(?:{_ITEM_TAIL}、|{_OTHER_ITEM}(?:、|以及)|和|及|以及|与){_DIVISION}{R}{_NOT_SUBJECT}{_COUNT})*"
    rf"{_TOWN_TAIL}"
)

#: Between the verb and the recipient: a few words, or a longer modifier ending in 的 (三峡库区的忠县).
#: Or an area that is no region, first in the list: "对口支援三峡库区、西藏、云南和新疆".
#: Or an epithet in quotes: "帮助“贡米之乡”重庆市酉阳县".
_GAP2 = (rf"(?:[^{R}{_GAP_STOP}]{{0,4}}?|[^{R}{_GAP_STOP}]{{1,10}}?的"
         r"|[\u4e00-\u9fff]{2,6}?(?:库区|灾区|藏区|老区|牧区)、|“[\u4e00-\u9fff]{2,8}”)")
#: "市南区委、区政府把对平坝帮扶…": the party committee and the government are one subject; a quoted
#: way of working is no break either (番禺区“组团式”帮扶威宁).
_SUBJECT_GAP = rf"(?:委、[省市区县州旗]?政府|“[^{R}“”{_STOP}]{{1,8}}”|[^{R}{_GAP_STOP}])"
#: "北京市、江苏省从人力、物力、财力、智力等方面大力支援拉萨", "扬州市以镇、村结对为突破口助力榆林市",
#: "我市由火炬开发区、石岐区、东区、小榄镇分别结对…": the aspects, means or parts of the subject between it
#: and the verb.
_ASPECTS = (rf"(?:[从在][^{R}。；;！？!?，,]{{1,24}}?(?:方面|领域)"
            rf"|以[^{R}。；;！？!?，,]{{1,16}}?为(?:突破口|抓手|重点|载体|纽带|切入点)"
            rf"|由[^{R}。；;！？!?，,]{{1,30}}?(?=分别))")
_DIRECTIONAL = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>(?:{_SUBJECT_GAP}{{0,6}}?{_ASPECTS})?{_SUBJECT_GAP}{{0,16}}?)(?P<verb>{_VERB})"
    rf"(?P<gap2>{_GAP2})(?P<right>{_RIGHT_LIST})"
)
#: "宁波市北仑区作为宁波市经济强区结对帮扶美姑县": the subject stands before 作为, not in its phrase.
_AS_SUBJECT = re.compile(rf"(?P<left>{_LEFT_LIST})作为$")
#: "金阳成为顺德东西部协作对口帮扶县之一", "三师、图木舒克市成了广东对口援建点": a place becomes one of the
#: helper's partners.
_BECAME_PARTNER = re.compile(
    rf"(?P<right>{_RIGHT_LIST})[^{R}{_STOP}]{{0,4}}?(?:成为|成了|列为|确定为|纳入)(?P<left>{R})的?(?:东西部(?:扶贫)?协作)?"
    r"(?:对口帮扶|对口支援|对口援建|结对帮扶|帮扶|支援|援助|援建|结对)的?(?:县|市|区|地区|对象|县市|县区|点)"
)
#: "永康、东阳是理县的对口帮扶伙伴": the partners of a place, either side; the provinces give the roles.
_PARTNER_OF = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,4}}?是(?P<right>{R})的?(?:东西部(?:扶贫)?协作|扶贫协作)?"
    r"(?:对口帮扶|对口支援|对口协作|结对帮扶|结对|协作|帮扶)(?:伙伴|兄弟|亲戚)"
)
#: "自1995年对口支援西藏拉萨以来，江苏省累计选派…": a since-clause fronted before its subject.
_SINCE_THEN_SUBJECT = re.compile(
    rf"(?:自|从)[^{R}{_STOP}]{{1,12}}?(?:{_VERB})(?P<gap2>[^{R}{_GAP_STOP}]{{0,4}}?)(?P<right>{_RIGHT_LIST})"
    rf"(?:以来|开始|起)[，,](?P<left>{_LEFT_LIST})"
)
#: "自2021年与南充市嘉陵区结成东西部协作关系以来，临海市…": a since-clause with its partner, fronted
#: before its subject.
_SINCE_WITH_SUBJECT = re.compile(
    rf"(?:自|从)[^{R}{_STOP}]{{0,10}}?(?:与|同|和)(?P<right>{_RIGHT_LIST})[^{R}{_STOP}]{{0,16}}?(?:{_COOP})"
    rf"[^{R}{_STOP}]{{0,6}}?(?:以来|开始|起)[，,](?P<left>{_LEFT_LIST})"
)
#: "蓬江区不断完善和天等县的扶贫协作体系", "深化与黔西南州的协作": the subject's cooperation with a partner.
_DEEPENS_WITH = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_GAP_STOP}]{{0,8}}?(?:加强|深化|完善|推进|推动|拓展|巩固)了?(?:和|与|同)"
    rf"(?P<right>{_RIGHT_LIST})的[^{R}{_STOP}]{{0,10}}?(?:东西部扶贫协作|东西部协作|扶贫协作|对口帮扶|对口支援|结对帮扶|对口协作)"
)
#: "北京市在加大…的基础上，对口帮扶赤峰市": the clause-initial subject carries over a comma.
_CARRIED = re.compile(
    rf"(?:^|[，,：:）)])(?P<left>{_LEFT_LIST})(?P<mid>[^。；;！？!?，,]{{0,40}}?)[，,]"
    rf"(?P<gap1>[^{R}{_GAP_STOP}]{{0,4}}?)(?P<verb>{_VERB})"
    rf"(?P<gap2>[^{R}{_GAP_STOP}]{{0,4}}?)(?P<right>{_RIGHT_LIST})"
)
#: "汉阴县争取江苏省级苏陕协作资金": what the recipient sought from the helper counts as received;
#: a level (省级) and a pair word may stand between the helper and its aid.
_PASSIVE = re.compile(
    rf"(?P<right>{R})(?P<gap1>[^{R}。；;！？!?]{{0,14}}?)(?:接受|得到|获得|争取到?|争取了)(?P<left>{_LEFT_LIST})"
    rf"(?:[省市县区]?级)?(?:[{ABBREVIATION_CHARS}]{{2}})?(?:的)?(?:对口|结对|扶贫|东西部)?(?P<verb>帮扶|支援|援助|援建|协作)"
)
#: 鄞州区与和龙市，奉化区、宁海县与安图县，…: groups of "helpers 与 one recipient".
_GROUP = rf"{R}(?:、{R})*[与和同]{R}"
_PAIRWISE = re.compile(rf"{_GROUP}(?:[、，,；;]{_GROUP})+")
_GROUP_RE = re.compile(_GROUP)
#: "与我市万源市": an unresolved 我市 before a named place is part of it.
_OWN = r"(?:[我该本此][省市州县区盟])?"
_SYMMETRIC = re.compile(
    rf"(?P<a>{_LEFT_LIST})(?P<gap0>[^{R}{_STOP}]{{0,10}}?)(?:与|同|跟|携手){_OWN}(?P<b>{_LEFT_LIST})"
    rf"(?P<gap>[^{R}。；;！？!?]{{0,24}}?)(?P<coop>{_COOP}|结缘|结下了?[^{R}{_STOP}]{{0,4}}?之缘|缔结[^{R}{_STOP}]{{0,4}}?之盟)"
)
#: "杭州和黔东南就加强了深度合作": 和 joins the two parties of what follows 就, not items of a list.
#: "嘉定和楚雄于1983年就开始…对口支援": a date may stand before 就.  "拱墅区和巴东县因东西部扶贫协作而
#: 结缘": so does 因.  "延边州和宁波市，是国务院确定的对口支援地区": the two are named as a pair.
_AND_ON = re.compile(
    rf"(?P<a>{R})(?P<gap0>)和(?P<b>{R})"
    rf"(?:(?:(?:早在|早|自|从|于|在)\d{{4}}年(?:代)?(?:起|开始)?)?就|因|[，,]?(?:两地)?(?:是|为|互为)(?=[^{R}{_STOP}]{{0,12}}?"
    rf"(?:对口支援|对口帮扶|结对帮扶|扶贫协作|东西部协作|对口协作)(?:结对)?(?:地区|关系|城市|对象|双方|伙伴)))"
    rf"(?P<gap>[^{R}。；;！？!?]{{0,24}}?)(?P<coop>{_COOP}|结缘)"
)
_COOP_WORD = re.compile(_COOP)
_DASH = r"[—–\-－~～&＆·・]{1,2}"
_DASH_PAIRS = re.compile(rf"{R}{_DASH}{R}(?:[、，,和]{R}{_DASH}{R})*")
#: "两地", "双方": the two places just named, taken together.
_BOTH = r"(?:两地|两市|两省区|两省|两区|两县|双方)?"
#: "舟山市、达州市东西部扶贫协作联席会议", "厦门市临夏州东西扶贫协作": two places joined (or
#: side by side), then at once the cooperation.
_JOINED_PAIR = re.compile(
    rf"(?<![{R}、和及])(?P<a>{R})[、和与]?(?P<b>{R}){_BOTH}"
    r"(?:就|开始|开展|建立|确立|结成|正式|启动)*[“\"‘]?(?:(?:东西部|东西)(?:对口)?(?:扶贫)?协作|(?:对口)?扶贫协作|对口协作|对口帮扶"
    r"|结对帮扶|结对共建"
    r"|(?:帮扶|协作)(?=工作队|工作组|联络组|指挥部))"
)
#: "宝安区和广西都安、大化两县对口开展扶贫协作": 和 joins the two sides of a cooperation they start.
_AND_STARTED = re.compile(
    rf"(?<![{R}、和及与])(?P<left>{R})和(?P<right>{_RIGHT_LIST})(?:两地|两县|两市|双方)?(?:之间)?"
    r"(?:对口)?(?:开展|建立|结成|确立)了?(?:对口|结对)?(?:东西部)?(?:扶贫协作|结对帮扶|对口帮扶|帮扶协作|协作关系|帮扶关系|结对关系)"
)
#: "新疆喀什深圳产业园", "佳县—扬州产业园", "南宁（深圳）东盟产业合作区": a park named after a place in
#: the east and one in the west is the pair's joint work; a park of two places on one side is not.
_PARK_NAMED = re.compile(
    rf"(?<![{R}和及与])(?P<a>{R})(?:{_DASH}|[（(])?(?P<b>{R})[）)]?[\u4e00-\u9fff]{{0,4}}?"
    r"(?:产业园区|产业园|工业园区|工业园|科技园|产业合作区|合作区|产业城|小镇)"
)
#: "园区由浙江省湖州市南浔区、四川省广安市广安区合力打造": places of both sides building one thing together.
_CO_BUILT = re.compile(
    rf"(?P<a>{R}(?:[、和与及]{R})+){_BOTH}(?:共同|合力|联合|携手)(?:打造|共建|建设|建成|兴建|创建|投资|出资)"
)
#: "深圳和贵州确定为对口帮扶城市", "两地结为友好协作关系": two places named together, then what they became.
_NAMED_AS = re.compile(
    rf"(?<![{R}、])(?P<a>{R})[、和与同](?P<b>{R}){_BOTH}(?:被|正式)?"
    rf"(?:确定为|确立为|明确为|结为|结成|建立了?|签订了?|确定了?|确立了?)[^{R}{_STOP}]{{0,6}}?"
    r"(?:对口帮扶|对口支援|结对帮扶|扶贫协作|东西部协作|结对|协作)"
)
#: "佛山对口凉山扶贫协作工作组": 对口 alone as the verb, the kind of aid after the recipient, or
#: the recipient closing the clause of a sentence on the pairs ("结对，其中济南市对口重庆武隆区，").
_DUIKOU_THEN_KIND = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,4}}?)对口(?![帮支援扶协结合])(?P<right>{_RIGHT_LIST})"
    r"(?:的?(?:东西部)?(?:扶贫协作|协作|帮扶|支援|援建)|(?P<closed>(?=[，,、；;。]|$)))"
)
#: "珠海市秉持…原则，聚焦…，倾心倾力帮扶怒江": the subject carries over two or three clauses,
#: which name no other region outside quotation marks, save as a field of work (关于西藏工作…的重要指示).
_CLAUSE = rf"(?:“[^”。；;！？!?]{{0,30}}”|{R}(?=工作)|[^{R}。；;！？!?，,“”])*[，,]"
_CARRIED_FAR = re.compile(
    rf"(?:^|[，,：:）)])(?P<left>{_LEFT_LIST})(?P<mid>(?:{_CLAUSE}){{2,3}}?)"
    rf"(?P<gap1>[^{R}{_GAP_STOP}]{{0,8}}?)(?P<verb>对口帮扶|对口支援|结对帮扶|帮扶|援建)"
    rf"(?P<gap2>[^{R}{_GAP_STOP}]{{0,4}}?)(?P<right>{_RIGHT_LIST})"
)
#: "长宁区再度携手红河州的红河县与绿春县": 携手 as a verb, oriented by the provinces' roles.
_HAND_IN_HAND = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,6}}?)携手(?:帮扶|结对)?(?P<right>{_RIGHT_LIST})"
)
#: "北京帮内蒙古；天津帮甘肃", "深圳、青岛等四个计划单列市帮贵州": the bare 帮 of a pairing list.
_BARE_BANG = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>(?:等[^{R}{_GAP_STOP}]{{0,10}}?)?)帮(?P<right>{R})"
)
#: "西青区分别向于田县、景泰县…选派党政干部": sending cadres, teachers or doctors to a place.
_SEND = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,8}}?)向(?P<right>{_RIGHT_LIST})"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,8}}?)(?:选派|派出|派遣|输送|选送)[^{R}{_STOP}]{{0,10}}?"
    r"(?:干部|人才|教师|医生|专家|技术人员|工作队)"
)
#: "北京市的各区县给予了内蒙古自治区贫困旗县无私援助": X gives Y aid.
_GIVE = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,10}}?)给予了?(?P<right>{_RIGHT_LIST})"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,16}}?)(?:对口帮扶|对口支援|帮扶|援助|支援|支持|帮助)"
)
#: Funds or goods of aid.
_AID_FUNDS = r"(?:帮扶|援助|扶贫|协作|援建|援[疆藏青])(?:资金|款|物资)"
#: "北京已累计向赤峰投入项目帮扶资金33亿元", "…给内蒙古投入…": a helper's funds of aid put into a place.
_FUNDS_TO = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,10}}?)(?:向|给)(?P<right>{_RIGHT_LIST})"
    rf"(?:累计|共|先后)?(?:投入|拨付|安排|提供|捐赠|捐助|下达)(?P<gap2>[^{R}{_STOP}]{{0,8}}?){_AID_FUNDS}"
)
#: "永春县驻宁夏同心工作组", "广州驻毕节工作组", "上海援疆叶城分指挥部", "余杭区赴苍溪县东西部协作工作组":
#: a helper's team stationed in a place.
_STATIONED = re.compile(
    rf"(?P<left>{R})(?:(?:对口)?援{_AIDED}(?:驻|援派|派驻)?|驻|援派|派驻|赴(?={R}{{1,2}}(?:东西部|对口|扶贫|援)))"
    rf"(?P<right>{R}{{1,2}})(?:对口)?"
    rf"(?:援{_AIDED}|帮扶|东西部(?:扶贫)?协作|扶贫协作|协作)?(?:工作组|工作队|联络组|前方指挥部|分指挥部|指挥部|分指|工作站|联络处)"
)
#: "绍兴市援疆指挥部全体援疆干部人才赴阿瓦提县…", "江西省援疆工作前方指挥部在阿克陶县举办…": a helper's
#: aid body at work in a place.
_AID_BODY = rf"(?P<left>{_LEFT_LIST}){_BATCH}援{_AIDED}(?:工作)?(?:前方指挥部|指挥部|工作队|工作组|前指)"
_AID_BODY_GOES = re.compile(
    rf"{_AID_BODY}[^{R}{_STOP}]{{0,16}}?(?:赴|到|前往|来到|深入|走进)(?P<right>{_RIGHT_LIST})"
)
_AID_BODY_HOLDS = re.compile(
    rf"{_AID_BODY}[^{R}{_STOP}]{{0,16}}?在(?P<right>{_RIGHT_LIST})[^{R}{_STOP}]{{0,4}}?(?:举办|举行|召开|开展|组织)"
)
#: "福建省第九批援藏工作队左贡县工作组（厦门援藏工作队）", "广东省第十批援藏工作队工布江达县（中山）工作组":
#: a province's aid team has a group in each place it serves, often run by one of its cities.
_TEAM_GROUP = re.compile(
    rf"(?P<left>{R}){_BATCH}(?:对口)?援{_AIDED}(?:工作队|前方指挥部|指挥部)"
    rf"(?P<right>{R})(?:[（(](?P<city>{R})[）)])?(?:工作组|分指挥部)"
    rf"(?:[（(](?P<city2>{R})(?:援{_AIDED})?(?:工作队|工作组)?[）)])?"
)
#: "支援地：受援地 / 1、广东省：疏附、伽师…。/ 2、深圳：喀什市…": a line of a list, a helper, a colon and
#: the places it serves.  Kept where the text before it speaks of aid and the helper is the eastern side.
_LINE_PAIRS = re.compile(
    rf"(?:\d{{1,2}}[、.．]|[（(][一二三四五六七八九十\d]{{1,3}}[）)])?(?P<left>{R})[：:](?P<right>{_RIGHT_LIST})"
)
_LIST_TOPIC = re.compile(r"支援|受援|援建|帮扶|结对|协作|援[疆藏青]")
#: "目前对口支援巴东县的是北京市和下城区": the helpers named after the one they aid.
_AIDER_IS = re.compile(
    rf"(?:对口支援|对口帮扶|结对帮扶|对口援建|帮扶)(?P<right>{_RIGHT_LIST})的(?:是|为|有)(?P<left>{_LEFT_LIST})"
)
#: "正在巴宜区进行对口支援的是广东省第九批援藏工作队东莞工作组": the helper (and the city whose group of
#: the provincial team it is) named after the place it works in.
_AIDER_IS_AT = re.compile(
    rf"在(?P<right>{R})[^{R}{_STOP}]{{0,4}}?(?:进行|开展|负责)?(?:对口支援|对口帮扶|结对帮扶|帮扶|援建)(?:工作)?"
    rf"的(?:是|为)(?P<left>{_LEFT_LIST}){_BATCH}(?:援{_AIDED})?(?:工作队|指挥部)"
    rf"(?P<city>{R})?"
)
#: "襄阳市考察团赴对口援藏的琼结县考察": a helper's party visits the place it aids.
_VISITS_PARTNER = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,20}}?(?:赴|到|前往|来到|深入|走进)(?:对口|结对)"
    rf"(?:援{_AIDED}|援建|支援|帮扶|协作)?(?:地区)?的{_DIVISION}(?P<right>{_RIGHT_LIST})"
)
#: "青岛市在陇南武都区建设肉兔养殖基地", "济南市在临夏市引进蟠桃": what an eastern place builds or brings
#: into a western one (kept only east to west).
_WORKS_AT = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,6}}?)在(?P<right>{R})[^{R}{_STOP}]{{0,4}}?"
    r"(?:建设|建成|建起|兴建|引进|打造|投资建设)"
)
#: "普陀区在禄劝县4个乡镇投入资金": a helper's funds put in a place.
_FUNDS_AT = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,10}}?)在(?P<right>{_RIGHT_LIST})"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,10}}?)(?:累计|共|先后)?(?:投入|投放|安排|落实)[^{R}{_STOP}]{{0,8}}?资金"
)
#: "北京市扶贫协作资金1350万元用于巴林左旗": a helper's funds of aid spent in a place.
_FUNDS_USED = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?:[省市区县]级)?的?(?P<gap1>[^{R}{_GAP_STOP}]{{0,4}}?)"
    r"(?:东西部扶贫协作|东西部协作|扶贫协作|对口帮扶|对口支援|帮扶|援助|援[疆藏青])资金"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,16}}?)(?:用于|投向|投放到|落实到)(?P<right>{_RIGHT_LIST})"
)
#: "北京市累计投入内蒙古扶贫资金39.43亿元": the same with the place right after the verb.
_FUNDS_INTO = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,10}}?)(?:投入|拨付|下达)(?P<right>{_RIGHT_LIST})的?"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,8}}?){_AID_FUNDS}"
)
#: "在浙江省的帮助下，青川县…": the helper inside 在…下, the recipient right after it.
_UNDER = re.compile(
    rf"在(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,12}}?)(?:帮扶|帮助|支持|援助|支援|援建)"
    rf"[^{R}{_GAP_STOP}]{{0,4}}?下[，,]?(?P<gap2>[^{R}{_STOP}]{{0,12}}?)(?P<right>{R})"
)
#: "X对Y…开展对口帮扶", "X负责Y…的帮扶工作": the verb comes after the recipient.
_TO_THEN_VERB = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>{_SUBJECT_GAP}{{0,12}}?)(?:对|负责|承担)(?P<right>{_RIGHT_LIST})"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,14}}?)(?:开展|实施|进行|的)?"
    r"(?P<verb>对口帮扶|对口支援|对口援建|扶贫协作|结对帮扶|帮扶|支援|援建|援助)"
)
#: "对口帮扶贵州省的大连、青岛、深圳和宁波4个城市", "对口援建和田的北京、天津、安徽三省市":
#: the helpers named after the recipient.
_RELATIVE = re.compile(
    rf"(?:对口帮扶|对口支援|对口援建|结对帮扶|帮扶|支援|援建)(?P<right>{R})的(?P<left>{_LEFT_LIST})"
)
#: "浙江援青", "上海各界以“…”的思路积极援疆": a region, 援, and the one-character name of the province it aids.
_AID_ABBREV = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap>(?:“[^“”{R}。；;！？!?]{{0,20}}”|[^{R}{_GAP_STOP}]){{0,20}}?)"
    rf"(?:对口)?援(?P<abbrev>{_AIDED})(?!区)"
)
#: "结对关系如下：密云区——玉树市，…": a list of pairs introduced by the kind of cooperation.
_COOP_BEFORE = re.compile(rf"(?:{_COOP})[^{R}。；;！？!?]{{0,6}}[：:]$")
_COOP_AFTER = re.compile(rf"^[^{R}。；;！？!?]{{0,12}}?(?:{_COOP}|东西部|扶贫|对接)")
#: "恩施州首次纳入…范畴，明确由杭州市结对帮扶", "红原县由苍南、永嘉、平阳三县共同结对帮扶": the recipient
#: first, the helper after 由.
_BY_HELPER = re.compile(
    rf"(?P<right>{R})(?P<gap1>[^{R}。；;！？!?]{{0,30}}?[，,](?:明确|确定|改|并|决定)?|[^{R}{_STOP}]{{0,4}}?)"
    rf"由(?P<left>{_LEFT_LIST})(?:共同|负责)?(?P<verb>结对帮扶|对口帮扶|对口支援|帮扶|结对)(?![{R}])"
)
#: "今年是浙江对口支援海西州十五周年": an anniversary counts back from the document's date.
_ANNIVERSARY = re.compile(rf"{SMALL_NUMBER}周年")
#: "上海与文山对口帮扶协作22年": how long the pairing has lasted, said right after it.
#: "N年", "20多个年": a span of years, not a date (2018年) nor a month or a year's end.
_SPAN_OF_YEARS = rf"{SMALL_NUMBER}(?!\d)(?:多|余)?个?年(?![\d月度底初末])"
_LASTED = re.compile(rf"(?:协作|合作|帮扶|支援)?(?:已经|已)?(?:有|走过|历经)?了?{_SPAN_OF_YEARS}")
#: "莱西与两当已携手走过了8年的协作帮扶岁月": how long the pair has lasted, inside its phrase.
_WALKED = re.compile(rf"(?:走过|历经|度过)了?{_SPAN_OF_YEARS}")
#: Words before "N年来" that date the founding of something else (建州60年来).
_FOUNDED = re.compile(r"(?:建州|建市|建县|建区|建旗|建盟|建省|建国|建党|成立|解放|改革开放|建校)[^，,。；;]{0,3}$")
_NTH_YEAR = re.compile(rf"[^。；;！？!?]*?的?第{SMALL_NUMBER}个?年")
#: "江苏援疆范围扩展为伊犁州…、克孜勒苏柯尔克孜州3个县(市)": the scope of a helper's aid.
_SCOPE = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,4}}?)(?:对口)?(?:援疆|援藏|援青|帮扶|支援|援建|结对|协作)"
    rf"(?:工作)?(?:范围|对象)[^{R}{_GAP_STOP}]{{0,2}}?(?:扩展|扩大|调整|延伸|增加)?(?:为|到|至|包括)"
    rf"(?P<right>{_RIGHT_LIST})"
)
#: "黄浦区长期对口帮扶澜沧…两个县，去年又增加景谷…3个县": more recipients for the same helper.
_ADDED = re.compile(
    rf"(?:^|[，,：:）)])(?P<left>{_LEFT_LIST})(?P<mid>[^{R}。；;！？!?，,]{{0,12}}?(?:{_VERB})[^。；;！？!?]{{0,60}}?)"
    rf"[，,](?P<gap1>[^{R}{_GAP_STOP}]{{0,8}}?)(?:又|再|还|新)增加了?(?P<right>{_RIGHT_LIST})"
)
#: "Y是X的对口帮扶市": the helper comes second.
#: "毕节市与黔南州是广州市东西部扶贫协作对口地区", "喀什地区是广东对口援疆受援单位": a kind of
#: cooperation may come first, and the partner be called 对口地区 or 受援单位.
#: What the recipient is besides a partner: "田林县是深圳对口帮扶的国家乡村振兴重点帮扶县".  为 may stand
#: for 是 when the kind ends the clause ("其中那坡、乐业…为深圳对口帮扶的贫困县").
_POOR_KIND = r"(?:国家(?:级)?)?(?:乡村振兴重点帮扶|(?:深度)?贫困|脱贫|欠发达|民族)"
_COPULA = re.compile(
    rf"(?P<right>{R}(?:(?:与|和|、){R})*)(?P<gap1>[^{R}。；;！？!?]{{0,24}}?)(?P<cop>是|为)(?P<left>{R})(?:[^{R}{_STOP}]{{0,5}}?)的?"
    rf"(?:东西部扶贫协作|东西部协作|扶贫协作)?"
    rf"(?:对口帮扶|对口支援|结对帮扶|帮扶|对口协作|协作|(?:对口)?援[疆藏青](?=受援|地州)|对口(?=地区))的?(?:重点|主要)?"
    rf"(?:{_POOR_KIND})?(?:省区|省份|市|县|州|地区|地方|对象|城市|省|区|地州|受援(?:单位|地区|地))"
)

#: "盐津县，则是闵行区对口帮扶云南省昭通市四县之一": one of the helper's partners, the places after the verb
#: only qualifying them.
_ONE_OF = re.compile(
    rf"(?P<right>{R})(?P<gap1>[^{R}。；;！？!?]{{0,8}}?)是(?P<left>{R})的?(?:对口帮扶|对口支援|结对帮扶|帮扶)的?"
    rf"{R}*[^{R}{_STOP}]{{0,8}}?之一"
)
#: "我市扶贫协作县——重庆市奉节县", "宁波的对口帮扶地区：黔西南州": a helper's partner named after its label.
_PARTNER_LABEL = re.compile(
    rf"(?P<left>{R})的?(?:东西部扶贫协作|东西部协作|扶贫协作|对口帮扶|对口支援|对口协作|结对帮扶)的?"
    rf"(?:县|市|区|州|地区|县区|县市|城市|省区|省份)[—\-－－:：]{{1,2}}(?P<right>{_RIGHT_LIST})"
)
#: "黔西南州积极与对口帮扶城市宁波对接": a place's partner named right after the label, in either direction.
_LABELLED_PARTNER = re.compile(
    rf"(?P<a>{R})[^{R}{_STOP}]{{0,10}}?(?:与|同|和|向|到|赴)其?(?:东西部(?:扶贫)?协作|扶贫协作|对口帮扶|对口支援|对口协作|结对帮扶)"
    rf"(?:城市|地区|省份|省市|县市|县区)(?P<b>{R})"
)
#: "八宿县人民医院由福州市对口援助兴建": what a helper built in the recipient, the helper after 由.
_BUILT_BY = re.compile(
    rf"(?P<right>{R})(?P<gap1>[^{R}{_STOP}]{{0,14}}?)由(?P<left>{_LEFT_LIST})(?:对口)?"
    r"(?:援助|援建|捐建|出资|投资)(?:兴建|建设|修建|新建|建成)?"
)
#: "由北京、江苏分别投资2亿多元援建的拉萨北京实验中学": what helpers built, named after 由 before the place.
_BUILT_BY_BEFORE = re.compile(
    rf"由(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,12}}?(?:对口)?(?:援建|捐建|援助建设|援助兴建)的(?P<right>{R})"
)
#: "南汇区在广南县援建了革乍小学", "南汇区经委拿出20万元，在广南县坝美镇援建了…": what a helper built in a
#: place, its subject carried over one comma.
_BUILT_AT = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}。；;！？!?，,]{{0,40}}?(?:[，,][^{R}{_GAP_STOP}]{{0,4}}?)?)"
    rf"在(?P<right>{R})[^{R}{_STOP}]{{0,10}}?(?:援建|捐建|援助建设)"
)
#: "感谢上海市对文山州的大力支持", "对南通、启东市对西乡县的深情厚谊表示感谢": thanks to a helper for
#: what it gave a place; kept only east to west.
_THANKED = (r"(?:大力|无私|倾力|倾情|鼎力|真情|长期|长期以来|多年来|一直以来|的){0,3}"
            r"(?:支持|帮助|帮扶|关心|关怀|厚爱|深情厚谊|援助|付出)")
_THANKS = re.compile(
    rf"(?:感谢|感激|致谢)(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,8}}?)对(?P<right>{_RIGHT_LIST})"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,12}}?){_THANKED}"
)
_THANKS_AFTER = re.compile(
    rf"对(?P<left>{_LEFT_LIST})(?P<gap1>[^{R}{_GAP_STOP}]{{0,8}}?)对(?P<right>{_RIGHT_LIST})"
    rf"(?P<gap2>[^{R}{_STOP}]{{0,12}}?){_THANKED}[^{R}{_STOP}]{{0,4}}?表示(?:衷心|诚挚|由衷)?的?(?:感谢|谢意)"
)
#: "福建省第八批援藏工作队…来到西藏昌都市", "北京市的援疆干部…进驻和田": a helper's aid cadres or
#: team at work in a place (kept only when the helper is the eastern side).
_CADRES_IN = re.compile(
    rf"(?P<left>{_LEFT_LIST})的?{_BATCH}(?:[\d一二三四五六七八九十百]+名)?"
    rf"(?:援{_AIDED}|对口支援|对口帮扶|东西部协作|扶贫协作|挂职|援派)(?:{_STAFF}|队员)"
    rf"(?P<gap1>[^{R}。；;！？!?]{{0,40}}?)(?:{_ARRIVED}|为|在)"
    rf"(?P<right>{_RIGHT_LIST})"
)
#: "江苏主要对口合作、帮扶的地区有西藏拉萨、新疆伊犁州…", "长宁对口的地方特别好记，简称‘红绿金’，是…":
#: the helper's partners listed.
_PARTNERS_ARE = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,8}}?(?:对口|帮扶|协作|支援)[^{R}{_STOP}]{{0,10}}?的"
    rf"(?:地区|省份|省区|城市|地方|对象|县市|市县)(?:[^{R}。；;！？!?]{{0,20}}?[，,])?(?:主要)?(?:有|包括|是|为)"
    rf"(?P<right>{_RIGHT_LIST})"
)
#: "浦东的帮扶范围又增加了大理州的祥云、宾川…6县": places added to the helper's range of aid.
_RANGE_ADDED = re.compile(
    rf"(?P<left>{_LEFT_LIST})的?(?:对口|结对)?(?:帮扶|支援|协作)(?:范围|地区|对象)[^{R}{_STOP}]{{0,3}}?"
    rf"(?:增加了?|扩大到|扩展到|延伸到|新增了?)(?P<right>{_RIGHT_LIST})"
)
#: "走访了亚东、江孜…全部5个上海对口帮扶县": places listed, then counted as the helper's partners.
_COUNTED_PARTNERS = re.compile(
    rf"(?P<right>{_RIGHT_LIST})(?:全部|等|这|共)?[\d一二三四五六七八九十两]+个(?P<left>{R})的?"
    r"(?:对口帮扶|对口支援|结对帮扶|东西部协作|扶贫协作|对口)的?(?:贫困)?(?:县市|市县|县区|区县|县|市|区|州|地区|旗)"
)
#: After a place, the post held there ("…县副县长", "…县委书记").
_POST = rf"[^{R}{_GAP_STOP}]{{0,10}}?(?:书记|长|主任|常委)"
#: "温州挂职干部、阿坝州壤塘县副县长林铁": a helper's cadre and the post the cadre holds in a place.
_CADRE_POST = re.compile(
    rf"(?P<left>{_LEFT_LIST}){_BATCH}(?:援派|挂职|帮扶|对口帮扶|东西部协作)"
    rf"(?:干部|人才|医生|教师|专家)[、，,](?P<right>{R}){_POST}"
)
#: "嘉定区选派我县挂职干部2人": cadres a helper sends to a place.
_SENDS_CADRES = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?:先后|累计|共)?(?:选派|派出|派驻|选调)(?:到|至|赴)?(?P<right>{R})"
    r"(?:的)?(?:挂职|支教|帮扶|援建)?(?:干部|人才|教师|医生|专家)"
)
#: "由北京、天津…河南8省市和中央及国家有关部委选派到新疆工作的首批200多名援疆干部": cadres sent to
#: work in a place, with the senders counted and joined by others before the verb.
_SENDS_TO_WORK = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?:等?(?:\d+|[两三四五六七八九十]+)个?省[区市]{{0,2}})?[^{R}{_STOP}]{{0,12}}?"
    rf"(?:选派|派出|派驻|选调|派)[^{R}{_STOP}]{{0,6}}?(?:到|至|赴)(?P<right>{R})(?:工作|挂职|任职)的?"
    rf"[^{R}{_STOP}]{{0,12}}?(?:干部|人才|教师|医生|专家)"
)
#: "广州市党政代表团赴贵州省毕节市、安顺市和黔南州，深入推进东西部协作工作", "化州市下郭街道党工委书记
#: 陈雄杰一行到广西忻城县大塘镇开展粤桂协作": a helper's delegation or office visiting its partners, in a
#: sentence about the cooperation.
_DELEGATION = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?:[^{R}{_STOP}]{{0,20}}?|[^{R}{_STOP}]{{0,20}}?(?:率|带领)[^{R}。；;！？!?]{{0,60}}?)"
    rf"(?:代表团|考察团|调研组|工作组|工作队|一行|办公室|指挥部|率队|带队)"
    rf"[，,]?[^{R}{_STOP}]{{0,4}}?(?:赴|到|前往|来到|来|深入)(?P<right>{_RIGHT_LIST})(?!分行|支行|分公司)"
    r"(?=[^。；;！？!?]*?(?:东西部协作|扶贫协作|对口支援|对口帮扶|帮扶|协作))"
)
#: "天津市、山东省采购帮销甘肃省农特产品": consumption help, buying the partner's produce.
_BUYS_FROM = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,6}}?(?:采购|帮销|购买|销售|消费)(?P<right>{_RIGHT_LIST})的?"
    r"(?:农特产品|农副产品|农产品|扶贫产品|特色产品|特产)"
)
#: "徐州市建设、规划等部门和县区的首批6名干部赴黔西南交流挂职": cadres posted to a place.
_POSTED_TO = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,24}}?(?:干部|人才|专家|医生|教师)(?:赴|到|前往)(?P<right>{_RIGHT_LIST})"
    rf"[^{R}{_STOP}]{{0,6}}?(?:挂职|支教|支医|帮扶|援建|工作)"
)
#: "青岛选派医疗骨干到宁陕县开展医疗卫生支援交流", "泉州先后选派11批46位干部前往原州区…等地开展结对帮扶",
#: "金山选派新一批援滇干部远赴云南普洱": people a helper sends to a place for the work of aid, which is
#: told after the place or in the name of the people sent.
_SENT_FOR_AID = re.compile(
    rf"(?P<left>{_LEFT_LIST})[^{R}{_STOP}]{{0,16}}?(?:选派|派出|派遣|选调|组派)[^{R}{_STOP}]{{0,20}}?"
    rf"(?P<aid>援{_AIDED}|挂职|帮扶|支教|支医)?(?:{_STAFF}|骨干|医务|医护|技术人员|志愿者)[^{R}{_STOP}]{{0,10}}?"
    rf"(?:远赴|赴|到|前往|奔赴)(?P<right>{_RIGHT_LIST})"
    rf"(?P<work>[^{R}{_STOP}]{{0,20}}?(?:支援|帮扶|支教|支医|挂职|援建|协作))?"
)
#: "溧阳市对接汉阴、白河县,金坛区对接石泉、宁陕县": the places each helper takes on, one clause each (near its
#: start), in a sentence about the cooperation.
_ASSIGNED = re.compile(
    rf"(?<![^，,；;：:]{{8}})(?P<left>{R})(?:对接|负责|结对)(?P<right>{_RIGHT_LIST})(?=[，,；;。]|$)")
#: "昌吉州党委副书记、福建援疆前方指挥部总指挥长", "林芝市市委副书记、常务副市长、广东省援藏工作队领队": the
#: head of a helper's aid body holds a post (or several) in the place.
_HEAD_POST = r"副?(?:书记|州长|市长|县长|区长|旗长|常委)"
_POST_THEN_AID = re.compile(
    rf"(?P<right>{R})[^{R}{_STOP}、]{{0,6}}?{_HEAD_POST}(?:、[^{R}{_STOP}、]{{0,6}}?{_HEAD_POST})*[、，,](?P<left>{R})"
    rf"{_BATCH}援{_AIDED}(?:前方指挥部|指挥部|工作组|工作队)"
)
#: Aid verbs that also have everyday uses; they count, with less confidence.
_WEAK_VERBS = frozenset({"帮助", "协助", "扶持", "资助", "援助", "捐建", "驰援", "助力", "助推"})
#: Words in a gap that turn a directional rule into something else.
_BLOCKERS = ("接受", "得到", "获得", "不", "未", "如何", "是否")
#: "苏州市与陕西省无结对帮扶关系": two places whose cooperation is denied.
_NEGATED = re.compile(r"不|无|没有|未|并非")
#: Words with a blocker's character that block nothing (不断加强).
_NOT_BLOCKING = re.compile(r"不断|未来|不仅|不少")


#: "签订结对帮扶协议 晋江再捐2000万": the verb names a kind of agreement or fund, and takes no object.
_VERB_AS_MODIFIER = re.compile(r"协议|责任书|备忘录|资金|经费")


def _blocked(gap: str) -> bool:
    gap = _NOT_BLOCKING.sub("", re.sub(r"“[^“”]*”", "", gap))  # a quoted slogan blocks nothing (“两不愁”)
    return any(b in gap for b in _BLOCKERS)
_START_AFTER = re.compile(r"^(起|以来|开始|始|后|正式|启动)")
_ADJUST = re.compile(r"调整为|改为|调整由|改由|变更为")
#: "2017年撤销那曲地区和那曲县，改为…那曲市和色尼区": places renamed, not partners changed.
_PLACE_RENAMED = re.compile(r"撤销|撤地|撤县|区划|建制")
#: "河南省由支援新疆阿克苏地区调整为对口支援哈密地区": 由 the old partner 调整为 the new one.
_AID = r"(?:对口)?(?:支援|帮扶|援建|援助)?"
_MOVED_BY = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap>[^{R}{_STOP}]{{0,6}}?)由{_AID}(?:{R})?(?P<old>{R})[^{R}{_STOP}]{{0,4}}?"
    rf"(?:调整为|改为|变更为){_AID}(?:{R})?(?P<new>{R})"
)
#: "福建对口支援西藏的地区从“西藏江南”林芝调整到“雪域高原”昌都": the old partner and the new one.
_MOVED = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap>[^{R}。；;！？!?]{{0,20}}?)(?:对口支援|对口帮扶|结对帮扶|帮扶|支援|援建)"
    rf"[^。；;！？!?，,]{{0,10}}?从(?:“[^”]{{0,8}}”)?(?P<old>{R})[^{R}，,。]{{0,2}}?"
    rf"(?:调整到|调整至|调整为|改为)(?:“[^”]{{0,8}}”)?(?P<new>{R})"
)


@dataclass(frozen=True, slots=True)
class Found:
    helper: Unit
    recipient: Unit
    kstart: int
    kend: int
    rule: str
    confidence: float


def _units_in(t: Template, tstart: int, tend: int) -> list[Unit]:
    return [t.units[t.unit_at[i]] for i in range(tstart, tend) if i in t.unit_at]


#: What names the place of 援藏/援疆 staff: the place written just before them ("日喀则的上海援藏干部",
#: "察隅县广东省援藏工作组", "玛多县,来自上海黄浦的援青干部"), their post there ("福建援藏干部、边坝县
#: 农牧局副局长"), or where they went ("上海对口援疆干部,有幸来到新疆喀什地区").
_PLACE_BEFORE_AID = re.compile(rf"{R}(?:的|[，,]来自)?$")
_AID_STAFF = rf"(?:挂职|组团式)?(?:{_STAFF})"
_POST_AFTER_AID = re.compile(
    rf"{_AID_STAFF}(?:副?(?:领队|组长|队长))?[、，,](?P<place>{R}){_POST}")
_WENT_AFTER_AID = re.compile(
    rf"{_AID_STAFF}[^{R}。；;！？!?]{{0,12}}?(?:{_ARRIVED})(?P<place>{R})")


def _aided_place(an: Analysis, t: Template, m: re.Match[str], province: str) -> list[Unit]:
    """The prefecture or county in ``province`` that a 援X phrase ``m`` names as its staff's place."""
    gaz = an.gazetteer
    before = _PLACE_BEFORE_AID.search(t.text, max(0, m.start() - 4), m.start())
    after = _POST_AFTER_AID.match(t.text, m.end()) or _WENT_AFTER_AID.match(t.text, m.end())
    spots = ([before.start()] if before else []) + ([after.start("place")] if after else [])
    units = [t.units[t.unit_at[i]] for i in spots]
    return [u for u in units if u.code in gaz.regions and gaz.regions[u.code].level in ("prefecture", "county")
            and gaz.province_of(u.code) == province]


def _orient(an: Analysis, a: Unit, b: Unit) -> tuple[Unit, Unit, float] | None:
    """Helper and recipient of a symmetric phrase, from the provinces' roles."""
    sa = side(an.gazetteer.province_of(a.code.split("/")[0]))
    sb = side(an.gazetteer.province_of(b.code.split("/")[0]))
    if sa > sb:
        return a, b, 0.85
    if sb > sa:
        return b, a, 0.85
    wa = an.gazetteer.province_of(a.code.split("/")[0]) in _AIDED_BY_ALL
    wb = an.gazetteer.province_of(b.code.split("/")[0]) in _AIDED_BY_ALL
    if sa == sb == -1 and wa != wb:
        # 援疆, 援藏, 援青: inland provinces (江西, 河南, 湖南…) aid these three too
        return (b, a, 0.7) if wa else (a, b, 0.7)
    return None


#: Words of East–West aid that keep a sentence's pair although it also speaks of 对口合作.
_EAST_WEST = re.compile(r"东西部|扶贫协作|对口帮扶|对口支援|携手奔小康")
#: 吉林 and 黑龙江, whose 对口合作 with eastern provinces is not East–West aid.
_NORTHEAST = frozenset({"220000", "230000"})
#: 西藏, 新疆 and 青海: inland provinces of the centre and the northeast take part in their aid.
_AIDED_BY_ALL = frozenset({"540000", "650000", "630000"})


def _same_province(an: Analysis, a: Unit, b: Unit) -> bool:
    gaz = an.gazetteer
    return gaz.province_of(a.code.split("/")[0]) == gaz.province_of(b.code.split("/")[0])


_PARTS_AFTER = re.compile(rf"[^{R}{_GAP_STOP}]{{0,6}}?的(?P<parts>{_RIGHT_LIST})"
                          rf"|[，,](?:特别是|尤其是)(?:为|对|在|向)?(?P<named>{_RIGHT_LIST})"
                          rf"|“[^“”{R}{_STOP}]{{1,8}}”[，,]?(?:包括|即)(?P<listed>{_RIGHT_LIST})")
_PARTS_IN_BRACKETS = re.compile(rf"“?[^{R}{_GAP_STOP}]{{0,6}}?”?[（(](?P<parts>{_RIGHT_LIST})[）)]")
_GROUP_SEP = re.compile(r"和|及|以及|与|；|;")
_CLAUSE_END = re.compile(r"[，,。；;！？!?]")


def _parts_after(an: Analysis, t: Template, pos: int, last: Unit) -> list[Unit]:
    """"对口帮扶昭通市的镇雄县、彝良县", "拉萨“一区三县(城关区、尼木县…)”", "为日喀则地区，特别是为江孜、
    拉孜…五县": the named parts of the recipient are recipients too."""
    m = _PARTS_AFTER.match(t.text, pos) or _PARTS_IN_BRACKETS.match(t.text, pos)
    if not m:
        return []
    group = next((g for g in ("named", "listed") if g in m.re.groupindex and m.group(g)), "parts")
    parts = _units_in(t, *m.span(group))
    base = last.code.split("/")[0]
    if all(base in an.gazetteer.ancestors(p.code.split("/")[0]) for p in parts):
        return parts
    return []


#: Each of the subjects to its own place: 分别 (respectively), 分赴/分头前往 (went each to).
_RESPECTIVELY = re.compile(r"分别|分赴|分头")


def _combine(an: Analysis, t: Template, m: re.Match[str], lefts: list[Unit],
             rights: list[Unit]) -> list[tuple[Unit, Unit]]:
    """Helper–recipient pairs of two lists: respectively (分别) one to one, or group to group, else all."""
    if _RESPECTIVELY.search(m.group("gap1")) and len(lefts) > 1:
        if len(lefts) == len(rights):
            return list(zip(lefts, rights, strict=True))
        groups: list[list[Unit]] = [[]]
        right_text = t.text[m.start("right"):m.end("right")]
        offset = m.start("right")
        for i in range(len(right_text)):
            if i + offset in t.unit_at:
                groups[-1].append(t.units[t.unit_at[i + offset]])
            elif _GROUP_SEP.match(right_text, i) and groups[-1]:
                groups.append([])
        groups = [g for g in groups if g]
        if len(groups) == len(lefts):
            return [(h, r) for h, g in zip(lefts, groups, strict=True) for r in g]
        # "长沙、株洲、岳阳、常德4市…分别对口援助山南地区的贡嘎、扎朗、桑日、隆孜4个县": the items of the
        # list align by place even when some name no known region; a place before a part only qualifies it
        items = _items(an, t, m.start("right"))
        if len(items) == len(lefts):
            return [(h, r) for h, r in zip(lefts, items, strict=True) if r is not None]
        return []
    return [(h, r) for h in lefts for r in rights]


def _items(an: Analysis, t: Template, start: int) -> list[Unit | None]:
    """The region each 、-separated item of the list opening at ``start`` names, up to the clause's end:
    its deepest one when the others only qualify it, else None."""
    end = _CLAUSE_END.search(t.text, start)
    items: list[Unit | None] = []
    for item in t.text[start:end.start() if end else len(t.text)].split("、"):
        units = _units_in(t, start, start + len(item))
        deepest = units[-1] if units else None
        qualified = deepest and all(u.code in an.gazetteer.ancestors(deepest.code.split("/")[0]) for u in units[:-1])
        items.append(deepest if qualified else None)
        start += len(item) + 1
    return items


def _each_pair(
    an: Analysis, t: Template, m: re.Match[str], helpers: list[Unit], recipients: list[Unit], rule: str,
    confidence: float, *, start: int | None = None, across: bool = True,
) -> Iterator[Found]:
    """Every helper with every recipient of one match; ``across`` leaves out pairs inside one province."""
    kstart_, kend_ = t.key_pos(m.start() if start is None else start), t.key_pos(m.end() - 1) + 1
    for h in helpers:
        for r in recipients:
            if not across or not _same_province(an, h, r):
                yield Found(h, r, kstart_, kend_, rule, confidence)


def _oriented_pairs(an: Analysis, t: Template, m: re.Match[str], rule: str, confidence: float,
                    *, start: int | None = None, parts: bool = False, left: str = "left") -> Iterator[Found]:
    """Pairs of a looser phrasing: kept only when the helper side (the group ``left``) is the eastern one.

    With ``parts``, the recipient's parts named after it count too (红河州的红河县与绿春县).
    """
    if m.group(left) is None:
        return  # an optional helper ("…工作队东莞工作组") not written here
    rights = _units_in(t, *m.span("right"))
    if parts and rights:
        rights += _parts_after(an, t, m.end("right"), rights[-1])
    for h in _units_in(t, *m.span(left)):
        for r in rights:
            oriented = _orient(an, h, r)
            if oriented is not None and oriented[0] is h:
                yield Found(h, r, t.key_pos(m.start() if start is None else start),
                            t.key_pos(m.end() - 1) + 1, rule, confidence)


def _starts_line(an: Analysis, kpos: int) -> bool:
    """Whether key position ``kpos`` opens a line of the text (the key drops line breaks)."""
    text = an.doc.text
    pos = an.doc.key.text_offset(kpos)
    before = text[max(0, pos - 8):pos].rstrip(" \t\u3000")
    return pos == 0 or before.endswith("\n") or (not before and pos <= 8)


def _either_way(an: Analysis, t: Template, m: re.Match[str], rule: str = "symmetric",
                sides: tuple[str, str] = ("left", "right"), confidence: float | None = None) -> Iterator[Found]:
    """Pairs of a phrase that joins its two sides as equals (与, 和): the sides' provinces give the roles.

    The confidence is the orientation's, a little lower, unless the phrase sets its own."""
    for a in _units_in(t, *m.span(sides[0])):
        for b in _units_in(t, *m.span(sides[1])):
            oriented = _orient(an, a, b)
            if oriented:
                yield Found(oriented[0], oriented[1], t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1,
                            rule, oriented[2] - 0.05 if confidence is None else confidence)


def _find(an: Analysis, t: Template) -> Iterator[Found]:
    text = t.text
    for m in _DIRECTIONAL.finditer(text):
        gap = m.group("gap1") + m.group("gap2")
        if _blocked(gap) or _VERB_AS_MODIFIER.match(m.group("gap2")):
            continue
        subject = _AS_SUBJECT.search(text, 0, m.start("left"))
        lefts = _units_in(t, *(subject or m).span("left"))
        rights = _units_in(t, *m.span("right"))
        rights += _parts_after(an, t, m.end("right"), rights[-1])
        verb = m.group("verb")
        confidence = 0.95 if verb.startswith(("对口", "结对")) else 0.7 if verb in _WEAK_VERBS else 0.8
        for h, r in _combine(an, t, m, lefts, rights):
            if verb in _WEAK_VERBS | {"帮扶", "支援"} and _same_province(an, h, r):
                continue  # aid inside one province is not an East–West pairing
            oriented = _orient(an, h, r)
            if oriented is not None and oriented[0] is r:
                continue  # 索县…定点帮扶瓦房店市: the west does not aid the east; the verb has another subject
            # the parts named after the recipient (…，包括城关区、尼木县) belong to the phrase
            yield Found(h, r, t.key_pos(m.start()), max(t.key_pos(m.end() - 1) + 1, rights[-1].kend),
                        "directional", confidence)
    for m in _TO_THEN_VERB.finditer(text):
        if _blocked(m.group("gap1") + m.group("gap2")):
            continue
        for f in _each_pair(an, t, m, _units_in(t, *m.span("left")), _units_in(t, *m.span("right")),
                            "to-then-verb", 0.85):
            oriented = _orient(an, f.helper, f.recipient)
            if oriented is None or oriented[0] is f.helper:
                yield f  # not "贵州省…对广州长期以来的大力帮扶表示感谢": thanks go west to east
    for m in _DUIKOU_THEN_KIND.finditer(text):
        if m.group("closed") is not None \
                and not (_COOP_WORD.search(text, 0, m.start()) or _COOP_WORD.search(text, m.end())):
            continue
        if not _blocked(m.group("gap1")):
            yield from _each_pair(an, t, m, _units_in(t, *m.span("left")), _units_in(t, *m.span("right")),
                                  "duikou-then-kind", 0.85)
    for m in _AID_ABBREV.finditer(text):
        if _blocked(m.group("gap")):
            continue
        recipient_code = AID_ABBREVIATIONS[m.group("abbrev")]
        for h in _units_in(t, *m.span("left")):
            # 河南援疆 counts: inland provinces aid 新疆 and 西藏 too; 西藏的援藏干部 is left out below
            r_unit = Unit(recipient_code, t.key_pos(m.start("abbrev")), t.key_pos(m.start("abbrev")) + 1, (), 0.8)
            if _same_province(an, h, r_unit):
                continue
            s, e = t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1
            yield Found(h, r_unit, s, e, "aid-abbreviation", 0.8)
            for place in _aided_place(an, t, m, recipient_code):
                yield Found(h, place, min(s, place.kstart), max(e, place.kend), "aid-abbreviation-place", 0.75)
    for m in _RELATIVE.finditer(text):
        for r in _units_in(t, *m.span("right")):
            for h in _units_in(t, *m.span("left")):
                oriented = _orient(an, h, r)
                # the verb gives the roles; the sides only veto (安徽 援建 和田 in 对口援疆)
                if oriented is None and side(an.gazetteer.province_of(h.code.split("/")[0])) < 0:
                    continue  # "对口支援西藏的波密县…以及新疆的疏附县": 的 qualifies places; the west helps no one
                if (oriented is None and not _same_province(an, h, r)) or (oriented is not None and oriented[0] is h):
                    yield Found(h, r, t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1, "relative", 0.8)
    for m in _CARRIED.finditer(text):
        verb = m.group("verb")
        if verb in _WEAK_VERBS or _blocked(m.group("mid") + m.group("gap1")):
            continue
        rights = _units_in(t, *m.span("right"))
        rights += _parts_after(an, t, m.end("right"), rights[-1])
        lefts = _units_in(t, *m.span("left"))
        combined = _combine(an, t, m, lefts, rights)
        yield from (f for f in _each_pair(an, t, m, lefts, rights, "carried-subject", 0.7, start=m.start("left"))
                    if (f.helper, f.recipient) in combined)
    for m in _BECAME_PARTNER.finditer(text):
        yield from _oriented_pairs(an, t, m, "became-partner", 0.8)
    for m in _PARTNER_OF.finditer(text):
        yield from _either_way(an, t, m, "partner-of")
    for m in _SINCE_THEN_SUBJECT.finditer(text):
        if not _blocked(m.group("gap2")):
            yield from _oriented_pairs(an, t, m, "since-then-subject", 0.8)
    for m in (*_SINCE_WITH_SUBJECT.finditer(text), *_DEEPENS_WITH.finditer(text), *_AND_STARTED.finditer(text)):
        yield from _either_way(an, t, m)
    for m in _CARRIED_FAR.finditer(text):
        if len(m.group("mid")) > 90 or _blocked(m.group("mid") + m.group("gap1")):
            continue
        yield from _oriented_pairs(an, t, m, "carried-far", 0.65, start=m.start("left"))
    for m in _HAND_IN_HAND.finditer(text):
        if not _blocked(m.group("gap1")):
            yield from _oriented_pairs(an, t, m, "hand-in-hand", 0.75, parts=True)
    for m in (*_MOVED.finditer(text), *_MOVED_BY.finditer(text)):
        if _blocked(m.group("gap")):
            continue
        for h in _units_in(t, *m.span("left")):
            for part, rule in (("old", "moved-from"), ("new", "moved-to")):
                r = _units_in(t, *m.span(part))[0]
                if not _same_province(an, h, r):
                    yield Found(h, r, t.key_pos(m.start(part)), t.key_pos(m.end(part) - 1) + 1, rule, 0.8)
    for m in _SCOPE.finditer(text):
        if not _blocked(m.group("gap1")):
            yield from _oriented_pairs(an, t, m, "aid-scope", 0.8)
    for m in _ADDED.finditer(text):
        if not _blocked(m.group("mid") + m.group("gap1")):
            yield from _oriented_pairs(an, t, m, "added-recipients", 0.75, start=m.start("left"))
    for m in _SEND.finditer(text):
        if not _blocked(m.group("gap1") + m.group("gap2")):
            yield from _oriented_pairs(an, t, m, "sends-cadres", 0.75)
    for m in _BARE_BANG.finditer(text):
        yield from _oriented_pairs(an, t, m, "bare-bang", 0.75)
    for m in _GIVE.finditer(text):
        if not _blocked(m.group("gap1") + m.group("gap2")):
            yield from _oriented_pairs(an, t, m, "give", 0.75)
    for m in _UNDER.finditer(text):
        if not _blocked(m.group("gap1") + m.group("gap2")):
            yield from _oriented_pairs(an, t, m, "under-aid", 0.75)
    for m in (*_FUNDS_TO.finditer(text), *_FUNDS_INTO.finditer(text), *_FUNDS_USED.finditer(text),
              *_FUNDS_AT.finditer(text)):
        if not _blocked(m.group("gap1") + m.group("gap2")):
            yield from _oriented_pairs(an, t, m, "funds-to", 0.75)
    for m in _PASSIVE.finditer(text):
        if "不" in m.group("gap1"):
            continue
        yield from _each_pair(an, t, m, _units_in(t, *m.span("left")), _units_in(t, *m.span("right")),
                              "passive", 0.85, across=False)
    pairwise_spans: list[tuple[int, int]] = []
    for m in _PAIRWISE.finditer(text):
        if not _COOP_WORD.search(text, m.end()) and not _COOP_WORD.search(text[: m.start()]):
            continue
        pairwise_spans.append(m.span())
        for g in _GROUP_RE.finditer(text, m.start(), m.end()):
            units = _units_in(t, *g.span())
            for a in units[:-1]:
                oriented = _orient(an, a, units[-1])
                if oriented:
                    yield Found(oriented[0], oriented[1], t.key_pos(g.start()),
                                t.key_pos(g.end() - 1) + 1, "pairwise-list", oriented[2])
    for m in (*_BUILT_BY.finditer(text), *_BUILT_BY_BEFORE.finditer(text)):
        yield from _oriented_pairs(an, t, m, "built-by", 0.75)
    for m in (*_THANKS.finditer(text), *_THANKS_AFTER.finditer(text)):
        if not _blocked(m.group("gap1")):
            yield from _oriented_pairs(an, t, m, "thanks", 0.7)
    for m in _BUILT_AT.finditer(text):
        if not _blocked(m.group("gap1")):
            yield from _oriented_pairs(an, t, m, "built-at", 0.7)
    for m in (*_CADRES_IN.finditer(text), *_POSTED_TO.finditer(text), *_SENDS_CADRES.finditer(text),
              *_SENDS_TO_WORK.finditer(text), *_CADRE_POST.finditer(text)):
        yield from _oriented_pairs(an, t, m, "cadres-in", 0.7, parts=True)
    assigned = list(_ASSIGNED.finditer(text))
    if len(assigned) >= 2 and _COOP_WORD.search(text):
        for m in assigned:
            yield from _oriented_pairs(an, t, m, "assigned", 0.7)
    for m in _POST_THEN_AID.finditer(text):
        yield from _oriented_pairs(an, t, m, "cadres-in", 0.7)
    for m in _SENT_FOR_AID.finditer(text):
        if m.group("aid") or m.group("work"):
            yield from _oriented_pairs(an, t, m, "sent-for-aid", 0.7, parts=True)
    for m in _DELEGATION.finditer(text):
        # a partner's delegation visits the helper as often as the helper visits it; a province's visits
        # to cities pair no city with it
        for a in _units_in(t, *m.span("left")):
            visitor = an.gazetteer.get(a.code.split("/")[0])
            for b in _units_in(t, *m.span("right")):
                oriented = _orient(an, a, b)
                if oriented is not None and (oriented[0] is a or visitor is None or visitor.level != "province"):
                    yield Found(oriented[0], oriented[1], t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1,
                                "delegation", 0.65)
    for m in _TEAM_GROUP.finditer(text):
        # the province's team, and the city running its group in the place
        for helper in ("left", "city", "city2"):
            yield from _oriented_pairs(an, t, m, "team-group", 0.75, left=helper)
    for m in _LINE_PAIRS.finditer(text):
        kpos = t.key_pos(m.start("left"))
        if _starts_line(an, t.key_pos(m.start())) and _LIST_TOPIC.search(an.key, max(0, kpos - 400), kpos):
            yield from _oriented_pairs(an, t, m, "listed-line", 0.75, start=m.start("left"))
    for m in (*_AIDER_IS.finditer(text), *_VISITS_PARTNER.finditer(text)):
        yield from _oriented_pairs(an, t, m, "partners-listed", 0.75)
    for m in _AIDER_IS_AT.finditer(text):
        for helper in ("left", "city"):
            yield from _oriented_pairs(an, t, m, "partners-listed", 0.75, left=helper)
    for m in _WORKS_AT.finditer(text):
        if not _blocked(m.group("gap1")):
            yield from _oriented_pairs(an, t, m, "works-at", 0.65)
    for m in (*_STATIONED.finditer(text), *_AID_BODY_GOES.finditer(text), *_AID_BODY_HOLDS.finditer(text)):
        yield from _oriented_pairs(an, t, m, "stationed", 0.75)
    for m in _BUYS_FROM.finditer(text):
        yield from _oriented_pairs(an, t, m, "buys-from", 0.65)
    for m in _RANGE_ADDED.finditer(text):
        yield from _oriented_pairs(an, t, m, "partners-listed", 0.75, parts=True)
    for m in (*_PARTNERS_ARE.finditer(text), *_COUNTED_PARTNERS.finditer(text)):
        yield from _oriented_pairs(an, t, m, "partners-listed", 0.75)
    for m in _BY_HELPER.finditer(text):
        if _blocked(m.group("gap1")):
            continue
        yield from _each_pair(an, t, m, _units_in(t, *m.span("left")), _units_in(t, *m.span("right")),
                              "by-helper", 0.8)
    for m in (*_COPULA.finditer(text), *_ONE_OF.finditer(text)):
        if m.groupdict().get("cop") == "为" and not re.match(r"[，,。；;、]|$", text[m.end():]):
            continue  # "…为深圳对口帮扶的贫困县。" names what they are; "为上海对口帮扶地区培训干部" is for them
        yield from _each_pair(an, t, m, _units_in(t, *m.span("left")), _units_in(t, *m.span("right")),
                              "copula", 0.85, across=False)
    for m in _LABELLED_PARTNER.finditer(text):
        yield from _either_way(an, t, m, "partner-label", sides=("a", "b"), confidence=0.75)
    for m in _PARTNER_LABEL.finditer(text):
        yield from _oriented_pairs(an, t, m, "partner-label", 0.8)
    for s, e in pairwise_spans:
        text = text[:s] + "#" * (e - s) + text[e:]
    for m in (*_SYMMETRIC.finditer(text), *_AND_ON.finditer(text)):
        gap0 = m.group("gap0").removesuffix("在")  # "镇原县在与天津市静海区的东西部协作中"
        if _NEGATED.search(_NOT_BLOCKING.sub("", m.group("gap"))) or any(w in gap0 for w in ("是", "为", "在")):
            continue
        if m.group("coop") == "合作" and m.group("gap").endswith("对口"):
            continue  # 深圳与哈尔滨对口合作: the northeast's 对口合作 with the east, not aid
        side_a, side_b = _units_in(t, *m.span("a")), _units_in(t, *m.span("b"))
        # 普陀区、定海区与万源市、宣汉县结对: two lists of one length pair in order
        combos = (list(zip(side_a, side_b, strict=True)) if len(side_a) == len(side_b) > 1
                  else [(a, b) for a in side_a for b in side_b])
        for a, b in combos:
            oriented = _orient(an, a, b)
            if oriented:
                yield Found(oriented[0], oriented[1], t.key_pos(m.start()),
                            t.key_pos(m.end() - 1) + 1, "symmetric", oriented[2] - 0.05)
    key_title_end = an.doc.key.to_key(_title_end(an.doc.text))
    for m in _DASH_PAIRS.finditer(text):
        in_title = t.key_pos(m.end() - 1) < key_title_end
        if not _COOP_AFTER.search(text[m.end():]) and not in_title and not _COOP_BEFORE.search(text[:m.start()]) \
                and not _listed_after_intro(an, t.kstart):
            continue  # a headline "珠海&怒江：…" names the pair without a cooperation word
        units = _units_in(t, *m.span())
        for a, b in zip(units[0::2], units[1::2], strict=False):
            oriented = _orient(an, a, b)
            if oriented:
                yield Found(oriented[0], oriented[1], t.key_pos(m.start()),
                            t.key_pos(m.end() - 1) + 1, "dash-pair", oriented[2])


def _listed_after_intro(an: Analysis, kpos: int) -> bool:
    """"具体结对安排如下：闵行区——淮南市；松江区——六安市；…": an item of a ；list whose introduction,
    before its colon, speaks of the cooperation."""
    key = an.key
    if key[kpos - 1:kpos] not in ("；", ";"):
        return False
    colon = max(key.rfind("：", max(0, kpos - 400), kpos), key.rfind(":", max(0, kpos - 400), kpos))
    return colon >= 0 and "。" not in key[colon:kpos] and bool(_COOP_BEFORE.search(key[max(0, colon - 20):colon + 1]))


#: "派出援普干部", "产业援普": 援 and the first character of a place the text is about (普洱).
_LOCAL_AID = re.compile(
    rf"(?P<left>{_LEFT_LIST})(?P<gap>(?:“[^“”。；;！？!?]{{0,20}}”|[^{R}。；;！？!?“”]){{0,40}}?)"
    r"援(?P<abbrev>[\u4e00-\u9fff])"
)


#: Second characters of everyday words with 援 (援建, 援助, 援手 …), never a place's first character there.
_AID_WORD_SECOND = frozenset("建助手外引军用救兵款")


def _local_aid(an: Analysis, t: Template, local: dict[str, str]) -> Iterator[Found]:
    """A helper 援s a place named by its first character, when the text names that place often."""
    for m in _LOCAL_AID.finditer(t.text):
        code = local.get(m.group("abbrev"))
        if code is None or _blocked(m.group("gap")):
            continue
        for h in _units_in(t, *m.span("left")):
            r = Unit(code, t.key_pos(m.start("abbrev")), t.key_pos(m.start("abbrev")) + 1, (), 0.7)
            oriented = _orient(an, h, r)
            if oriented is not None and oriented[0] is h:
                yield Found(h, r, t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1, "local-aid-abbreviation", 0.7)


def _joined(an: Analysis, t: Template) -> Iterator[Found]:
    for m in (*_JOINED_PAIR.finditer(t.text), *_NAMED_AS.finditer(t.text)):
        yield from _either_way(an, t, m, "joined-pair", ("a", "b"))
    for m in _CO_BUILT.finditer(t.text):
        units = _units_in(t, *m.span("a"))
        for i, a in enumerate(units):
            for b in units[i + 1:]:
                oriented = _orient(an, a, b)
                if oriented:
                    yield Found(oriented[0], oriented[1], t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1,
                                "co-built", 0.6)
    for m in _PARK_NAMED.finditer(t.text):
        firsts, seconds = _units_in(t, *m.span("a")), _units_in(t, *m.span("b"))
        if not firsts or not seconds:
            continue  # a placeholder character in the text itself, not a place
        oriented = _orient(an, firsts[0], seconds[0])
        # 深圳（哈尔滨）产业园 is 对口合作 with the northeast, not East–West aid
        if oriented and an.gazetteer.province_of(oriented[1].code.split("/")[0]) in WESTERN_PROVINCES:
            yield Found(oriented[0], oriented[1], t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1,
                        "park-named", 0.55)


def _pairword_found(an: Analysis, s: int, e: int) -> Iterator[Found]:
    for m in an.within(("pairword",), s, e):
        gaz = an.gazetteer
        if side(gaz.province_of(str(m.get("helper")))) <= 0 or side(gaz.province_of(str(m.get("recipient")))) >= 0:
            continue  # 沪港, 沪澳: economic ties, not East–West aid
        if gaz.province_of(str(m.get("recipient"))) in _NORTHEAST and an.key.startswith("合作", kend(m)):
            continue  # 莞牡合作: the northeast's 对口合作 with the east, not aid
        helper = Unit(str(m.get("helper")), kstart(m), kstart(m) + 1, (m,), 1.0)
        recipient = Unit(str(m.get("recipient")), kstart(m) + 1, kend(m), (m,), 1.0)
        if m.get("context") is False:
            # no cooperation word beside it: it counts only if the text pairs the two provinces elsewhere
            yield Found(helper, recipient, kstart(m), kend(m), "pairword-confirmed", 0.6)
        else:
            yield Found(helper, recipient, kstart(m), kend(m), "pairword",
                        float(m.get("confidence", 0.8) or 0.8))


def _years(an: Analysis, s: int, e: int) -> list[tuple[int, int, int, str, int | None]]:
    """(kstart, kend, year, type, end_year) of time mentions in a key span."""
    out = []
    for m in an.within(("time",), s, e):
        end_year = m.get("end_year")
        out.append((kstart(m), kend(m), int(m.get("year") or 0), str(m.get("type")),
                    int(end_year) if end_year is not None else None))
    return out


def _start_year(an: Analysis, f: Found, s: int, e: int) -> tuple[int | None, float]:
    """The start year of a pairing stated in its sentence, with a confidence.

    自/从/于 before the year or 起/以来/开始 after it make a start explicit (0.9);
    a year opening the sentence's account of the pairing is likely its start
    (0.6 near, 0.5 far); "N年来" counts back from the document's own date (0.7).
    """
    key = an.key
    best: tuple[float, int, int | None] = (0.0, -1, None)
    for ts, te, year, kind, _ in _years(an, s, e):
        if "年" not in key[ts:te]:
            continue  # 近日, 4月11日: when something was reported, not when a pairing began
        if key[max(0, ts - 2):ts] in ("截至", "截止") or key[ts - 1:ts] == "至":
            continue  # "截至2013年6月，上海市先后选派了六批…": the end of a count
        if kind == "since" and _FOUNDED.search(key, max(s, ts - 8), ts):
            continue  # "文山州建州60年来所取得的成就，…上海与文山对口帮扶": the age of something else
        if kind == "since" and abs(ts - f.kstart) <= 30:
            # 20多年来 only bounds the start; 六年间 is the span of some work, not of the pairing
            conf = 0.45 if re.search(r"[多余]|年间", key[ts:te + 1]) else 0.7
        elif te <= f.kstart and _LATER_PHASE.search(key, te, f.kstart):
            continue  # "1996年…历经对口帮扶广元、对口支援青川…三个时期": the year starts the first phase only
        elif te <= f.kstart:
            marked = key[ts - 1 : ts] in ("自", "从", "于") or bool(_START_AFTER.match(key[te : te + 3]))
            distance = f.kstart - te
            if kind == "range":
                conf = 0.6
            elif not marked and (batch := _NTH_BATCH.search(key, te, f.kend)):
                if batch.group(1) not in ("一", "1", None):
                    continue  # "2022年7月，上海市第十批援藏干部…对口支援日喀则": a rotation, not the start
                conf = 0.8  # "1995年至1998年，为上海市第一批援藏干部" (or 首批): the first batch came as the pair began
            elif marked and distance <= 20:
                conf = 0.9
            elif distance <= 40 and _STARTING.search(key, te, e):
                conf = 0.75  # "2021年，思明区、湖里区与…永宁县…开启闽宁协作新篇章": the year it began
            else:
                conf = 0.6 if distance <= 40 else 0.5
        elif ts >= f.kend and ts - f.kend <= 6 and _START_AFTER.match(key[te : te + 3]) \
                and not (kind == "relative" and re.search("[，,]", key[f.kend:ts])):
            conf = 0.8
        elif f.kstart <= ts < f.kend and (key[ts - 1 : ts] in ("自", "从", "于")
                                          or _START_AFTER.match(key[te : te + 3])):
            conf = 0.9  # X与Y自2013年起开展对口帮扶
        elif f.kstart <= ts < f.kend and kind == "range":
            conf = 0.8  # "西青区与麦积区2017年至2020年建立结对帮扶关系": the pair's term
        elif f.kstart <= ts < f.kend and (batch := _NTH_BATCH.search(key, te, min(te + 12, f.kend))) \
                and batch.group(1) in ("一", "1", None):
            conf = 0.8  # "江西在1997年就派出第一批援疆干部奔赴新疆克州": the first batch came as the pair began
        elif f.kstart <= ts < f.kend and _ADDED_IN.match(key, te) and (
                kind != "relative" or dateline_year(an) is not None):
            # "…两个县，2017年又增加景谷…3个县": the year the newer partners were added; 去年 in a
            # text with no date of its own is a guess, and the paragraph's year is better then
            conf = 0.8
        else:
            continue
        if (conf, ts) > best[:2]:
            best = (conf, ts, year)
    # "2024年是…的第8年", "2018年，是湖南对口援疆二十年": the year the text says it is
    stated = [y for _, te, y, kind, _ in _years(an, s, f.kstart)
              if kind == "year" and key.startswith(("是", "，是", ",是"), te)]
    nth = _NTH_YEAR.match(key, f.kend, min(e, f.kend + 16)) if best[0] < 0.8 else None
    if nth and 1 <= (n := small_number(nth.group(1))) <= 80:
        # "2024年是X与Y建立结对关系的第8年": the year this is, counted back
        base = stated[-1] if stated else dateline_year(an)
        if base is not None:
            return base - n + 1, 0.8
    published = (stated[-1] if stated else dateline_year(an)) if best[0] < 0.8 else None
    if published is not None:
        anniversary = _ANNIVERSARY.search(key, f.kend, e) or _LASTED.match(key, f.kend) \
            or _WALKED.search(key, max(f.helper.kend, f.recipient.kend), e)
        if anniversary and 1 <= (n := small_number(anniversary.group(1))) <= 80:
            return published - n, 0.8
        if best[2] is None and _STARTING.search(key, s, e):
            return published, 0.6  # "全面启动对延边州的对口帮扶" in a dated report
    if best[2] is None:
        return _inherited_year(an, s)
    return best[2], best[0]


_NTH_BATCH = re.compile(r"第([一二三四五六七八九十\d]+)批|(首)批")
_ADDED_IN = re.compile(r"[，,]?(?:又|再|还|新)?(?:增加|新增)")
_LATER_PHASE = re.compile(r"(?:历经|经历)[^。；;！？!?]*、")
#: Words saying a pairing begins at the time of writing; not of a count of projects
#: ("已启动51个援建项目，…对口支援都江堰" does not start the pairing).
_STARTING = re.compile(r"(?:启动|新增|开启|建立|结成|确立|新一轮)(?![\d一二三四五六七八九十两]+[个项批家名])")


_PARAGRAPH_END = re.compile(r"[。！？!?”」][ \t\u3000]*\n[ \t\u3000]*\n")
_LOOKBACK = 250


def _inherited_year(an: Analysis, s: int) -> tuple[int | None, float]:
    """A year stated earlier in the same paragraph sets the time of an undated pairing."""
    header = an.doc.key.to_key(header_end(an.doc.text))
    earlier = [t for t in an.within(("time",), max(s - _LOOKBACK, header), s)
               if t.get("type") in ("year", "relative") and kstart(t) >= header and not on_metadata_line(an, t)]
    if not earlier:
        return None, 0.0
    last = earlier[-1]
    text_from, _ = an.doc.key.to_text(kend(last), kend(last) + 1)
    text_to, _ = an.doc.key.to_text(s, s + 1)
    if _PARAGRAPH_END.search(an.doc.text, text_from, text_to):
        return None, 0.0
    return int(last.get("year") or 0), 0.4


_FIRST_PLACE = re.compile(r"我(?:省|市|州|县|区|盟)")
#: 对口合作 may name its field (加强与广东对口产业合作).
_DUIKOU_HEZUO_WORD = r"对口[\u4e00-\u9fff]{0,4}?合作"
_SELF_COOP = ("东西部扶贫协作|东西部协作|对口扶贫协作|扶贫协作|对口协作|结对帮扶|对口帮扶|对口支援|"
              f"{_DUIKOU_HEZUO_WORD}|协作|结对")
_DUIKOU_HEZUO = re.compile(f"{_DUIKOU_HEZUO_WORD}$")
_IMPLICIT_WITH = re.compile(
    rf"(?:^|[{_STOP}）)])[^{R}{_STOP}]{{0,12}}?与(?P<b>{_RIGHT_LIST})(?:等地|等)?的?[^{R}{_STOP}]{{0,6}}?"
    rf"(?:{_SELF_COOP})"
)
_IMPLICIT_VERB = re.compile(
    rf"(?:^|[{_STOP}）)])[^{R}{_STOP}]{{0,16}}?"
    rf"(?:对口帮扶|对口支援|结对帮扶|扶贫协作|东西部协作|对口协作|助力|助推|支援|援建|援助|帮扶)的?(?P<b>{_RIGHT_LIST})"
)
#: "合力做好对贵州黔东南州、湖北恩施州的扶贫协作工作", "对西藏、新疆和三峡库区有关的9个对口支援地区"
_IMPLICIT_TO = re.compile(
    rf"(?:^|[{_STOP}）)])[^{R}{_STOP}]{{0,12}}?对(?P<b>{_RIGHT_LIST})(?:等地|等)?"
    rf"(?:[^{R}{_STOP}]{{0,10}}?的(?:\d+|[一二两三四五六七八九十]+)个|的)?(?:东西部)?"
    r"(?:扶贫协作|对口帮扶|对口支援|结对帮扶|帮扶|协作)"
)
#: "深入推进广西百色、河池对口扶贫协作", "推动援疆援藏和梅州、清远对口帮扶", "深化新疆西藏青海等地对口支援",
#: "完成商洛市、西宁市脱贫帮扶任务"
_IMPLICIT_NOUN = re.compile(
    rf"(?:^|[{_STOP}）)]|(?<!{R})(?:和|及|、)|推进|深化|加强|做好|搞好|推动|抓好|完成)(?P<b>{R}{{2,5}}(?=等)|{_RIGHT_LIST})"
    r"(?:等地|等)?的?"
    r"(?:对口扶贫协作|对口帮扶|对口支援|对口协作|东西部扶贫协作|东西部协作|扶贫协作|(?:脱贫|扶贫)帮扶)"
)
#: "深入开展对口铜仁东西部协作": 对口, the partner, then the cooperation.
_IMPLICIT_DUIKOU = re.compile(
    rf"(?:^|[{_STOP}）)])[^{R}{_STOP}]{{0,16}}?对口(?P<b>{_RIGHT_LIST})的?"
    r"(?:东西部扶贫协作|东西部协作|扶贫协作|帮扶|支援|协作)"
)
#: "推动昭通对口贫困县全部摘帽": the speaker's partner named with its 对口 counties.
_IMPLICIT_PARTNER_COUNTIES = re.compile(
    rf"(?P<b>{_RIGHT_LIST})的?(?:对口|结对)(?:帮扶|支援|协作)?的?(?:贫困县|县市|县区|区县|县)"
)
#: "投入2.67亿元支持龙山等8个帮扶县": places counted among the speaker's partners.
_IMPLICIT_COUNTED = re.compile(
    rf"(?P<b>{R}(?:[、和及]{R})*)等?(?:\d+|[一二两三四五六七八九十]+)个(?:对口|结对)?(?:帮扶|支援|协作)"
    r"(?:县市|市县|区县|旗县|县|地区|州市|市|州)"
)
#: "加强与桂川黔滇扶贫协作": the speaker's partners as a run of province abbreviations.
_IMPLICIT_RUN = re.compile(
    rf"(?:与|对|同|和)(?P<run>[{ABBREVIATION_CHARS}]{{2,6}})的?(?:东西部)?(?:扶贫协作|对口帮扶|对口支援|结对帮扶|帮扶|协作)"
)
#: "帮助桂川黔滇4省区93个贫困县摘帽": the speaker's partner provinces as abbreviations, counted.
_IMPLICIT_RUN_COUNTED = re.compile(
    rf"(?:帮助|帮扶|支援|援助|助力|协作|对口)(?P<run>[{ABBREVIATION_CHARS}]{{2,6}})等?"
    r"(?:\d+|[两三四五六七八九十]+)个?省(?:区市|区|市)?"
)
#: "推动援疆援藏": the speaker aids a province named by its one-character abbreviation.
_IMPLICIT_AID = re.compile(rf"(?<![{R}])(?:对口)?援(?P<abbrev>{_AIDED})(?!区)")


#: "全市", "全省": a text that speaks of its own region's totals speaks for that region.
_WHOLE = re.compile(r"全(市|省|区|州|盟)(?![场面长])")
_WHOLE_LEVELS = {"市": ("prefecture", "county"), "省": ("province",), "区": ("province", "county"),
                 "州": ("prefecture",), "盟": ("prefecture",)}


#: Words before a place in its clause that make it a partner of the speaker, not the speaker.
_PARTNER_BEFORE = re.compile(r"对口|帮扶|支援|援|协作|合作")


def _dominant(an: Analysis, levels: tuple[str, ...], least: int = 2, partners: bool = True) -> str | None:
    """The region of one of ``levels`` the text names most, counting its districts and counties for it;
    without ``partners``, places named after a word of aid in their clause (对口支援…乡城县) do not count."""
    gaz = an.gazetteer
    votes: Counter[str] = Counter()
    for m in an.mentions:
        if not partners and m.kind == "region" \
                and _PARTNER_BEFORE.search(an.key, an.clause_bounds(kstart(m))[0], kstart(m)):
            continue
        if m.kind == "region" and m.key in gaz.regions:
            for code in (m.key, *gaz.ancestors(m.key)):
                region = gaz.regions[code]
                # 北京市, 上海市 …: a municipality is a 市 at province level
                if region.level in levels or ("county" in levels and region.name.endswith("市")):
                    votes[code] += 1
    ranked = votes.most_common(2)
    if ranked and ranked[0][1] >= least and (len(ranked) == 1 or 2 * ranked[0][1] >= 3 * ranked[1][1]):
        return ranked[0][0]
    return None


def speaker(an: Analysis) -> str | None:
    """The region a document speaks for: its 我省/我市, a report header's region, its title's region,
    or, in a text that speaks of 全市/全省, the region of that level it names most."""
    return an.derived(_speaker)


def _speaker(an: Analysis) -> str | None:
    report = is_report(an.doc.text)
    wholes = Counter(w.group(1) for w in _WHOLE.finditer(an.key))
    whole = wholes.most_common(1)[0][0] if wholes else None
    if whole == "省" and (lower := next((w for w in ("市", "州", "盟") if wholes[w] >= 2), None)):
        whole = lower  # a city compares itself with its province (占全省80%), but says 全市 of itself
    if not report and not whole and not _FIRST_PLACE.search(an.key):
        # a news item's 我们 is mostly someone quoted, not the government speaking
        return None
    codes = Counter(m.key for m in an.mentions if m.kind == "region" and m.rule.startswith("coref"))
    if codes:
        return codes.most_common(1)[0][0]  # a tie goes to the one the text names first
    end_of_title = header_end(an.doc.text) if report else _title_end(an.doc.text)
    titled = [m.key for m in an.mentions if m.kind == "region" and m.end <= end_of_title
              and m.key in an.gazetteer.regions]
    if titled:
        return titled[0]
    if whole:
        return _dominant(an, _WHOLE_LEVELS[whole])
    # a report whose header names no place and which never says 全市: the city it names most, by far
    return _dominant(an, ("prefecture", "county"), least=3, partners=False) if report else None


#: "争取广东对口帮扶资金", "上海等8市对口帮扶项目", "深圳、青岛4个计划单列市采取…的帮扶模式":
#: a helper's aid with the recipient (the speaker) left out.
_IMPLICIT_HELPED = re.compile(
    rf"(?P<a>{_LEFT_LIST})(?:等?[\d一二三四五六七八九十]*个?[^{R}{_STOP}]{{0,14}}?)?的?"
    rf"(?:对口帮扶|对口支援|东西部扶贫协作|东西部协作|扶贫协作|帮扶|援助|援建)(?P<after>[^{R}{_STOP}]{{0,12}})"
    rf"(?=[{_STOP}]|$)"
)


#: "上海市、广东省在项目资金投入、…智力人才帮扶等方面给予了大力支持": helpers' support in aspects.
_IMPLICIT_SUPPORTED = re.compile(
    rf"(?P<a>{_LEFT_LIST}){_ASPECTS}[^{R}{_STOP}]{{0,6}}?(?:给予|提供)了?[^{R}{_STOP}]{{0,4}}?"
    rf"(?:支持|帮助|支援|援助)(?P<after>)"
)


def _self_oriented(an: Analysis, me: Unit, other: Unit, aid: bool) -> tuple[Unit, Unit] | None:
    """Who helps whom when the speaker is one side: the eastern side helps; a speaker's own
    对口帮扶 of a place in its province counts too (东莞 → 韶关)."""
    mine = side(an.gazetteer.province_of(me.code))
    theirs = side(an.gazetteer.province_of(other.code.split("/")[0]))
    if _same_province(an, me, other):
        return (me, other) if aid and mine >= 0 else None
    if mine > theirs:
        return me, other
    if theirs > mine:
        return other, me
    return None


def _named_program_spans(an: Analysis) -> tuple[tuple[int, int], ...]:
    """Where the text names a program in quotes or 《》 (found once per document)."""
    return tuple((kstart(p), kend(p)) for p in an.mentions
                 if p.kind == "program" and p.rule in (QUOTED_RULE, TITLE_RULE))


#: "广州、宁波、大连…青岛7个东部帮扶城市均加大财政资金帮扶力度": places labelled as the east's helpers.
_LABELLED_HELPERS = re.compile(
    rf"(?P<a>{_LEFT_LIST})等?(?:\d+|[一二两三四五六七八九十]+)?个?东部(?:对口)?(?:帮扶|扶贫协作|协作)(?:城市|省市)"
)


def _western_focus(an: Analysis) -> str | None:
    """The one western province all of a text's western places lie in, if there is one."""
    gaz = an.gazetteer
    provinces = {gaz.province_of(m.key.split("/")[0]) for m in an.mentions
                 if m.kind == "region" and m.key.split("/")[0] in gaz.regions}
    western = {p for p in provinces if p in WESTERN_PROVINCES}
    return western.pop() if len(western) == 1 else None


def _labelled(an: Analysis, t: Template, recipient: str) -> Iterator[Found]:
    """Helpers labelled as such (…7个东部帮扶城市) help the speaker, or the text's one western province."""
    me = Unit(recipient, t.kstart, t.kstart, (), 0.6)
    for m in _LABELLED_HELPERS.finditer(t.text):
        for other in _units_in(t, *m.span("a")):
            if side(an.gazetteer.province_of(other.code.split("/")[0])) > 0:
                yield Found(other, me, t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1, "labelled-helpers", 0.6)


#: "北京市、江苏省积极贯彻…精神，选派第三批援藏干部进藏工作" in 拉萨's report: helpers sending their
#: aid cadres to the speaker.
_IMPLICIT_SENT = re.compile(
    rf"(?P<a>{_LEFT_LIST})(?:{R}(?=工作)|[^{R}。；;！？!?]){{0,40}}?(?:选派|派出|派遣|选调)[^{R}{_STOP}]{{0,8}}?"
    rf"(?:援{_AIDED}|对口支援|对口帮扶|东西部协作|扶贫协作)(?:干部|人才|工作队|医疗队|教师|医生)(?P<after>)"
)


def _implicit(an: Analysis, t: Template, self_code: str, explicit: list[Found]) -> Iterator[Found]:
    """Work-report phrasing with the speaker left out: 深化与凉山州的东西部协作; 做好对口支援西藏…工作.

    ``explicit`` holds what the other rules found in the sentence (京蒙 in 呼和浩特's report).
    """
    me = Unit(self_code, t.kstart, t.kstart, (), 0.7)
    if side(an.gazetteer.province_of(self_code)) < 0:
        for m in (*_IMPLICIT_HELPED.finditer(t.text), *_IMPLICIT_SUPPORTED.finditer(t.text),
                  *_IMPLICIT_SENT.finditer(t.text)):
            if re.search(r"[省市县区州旗盟村镇乡]", m.group("after")):
                continue  # the recipient is named, only not as a known region (张承保三市)
            for other in _units_in(t, *m.span("a")):
                if side(an.gazetteer.province_of(other.code.split("/")[0])) > 0:
                    yield Found(other, me, t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1,
                                "implicit-self", 0.6)
    for pattern in (_IMPLICIT_WITH, _IMPLICIT_VERB, _IMPLICIT_TO, _IMPLICIT_NOUN, _IMPLICIT_COUNTED,
                    _IMPLICIT_PARTNER_COUNTIES, _IMPLICIT_DUIKOU):
        for m in pattern.finditer(t.text):
            aid = any(w in m.group(0) for w in ("对口", "帮扶", "支援", "援建")) \
                or "对口" in t.text[m.end():m.end() + 4]
            if _DUIKOU_HEZUO.search(m.group(0)) and side(an.gazetteer.province_of(self_code)) >= 0:
                continue  # an eastern city's 对口合作 is with the northeast (广州–齐齐哈尔), not aid
            others = _units_in(t, *m.span("b"))
            if others and pattern is not _IMPLICIT_WITH:
                others += _parts_after(an, t, m.end("b"), others[-1])
            for other in others:
                oriented = _self_oriented(an, me, other, aid)
                if pattern is not _IMPLICIT_WITH:
                    # 对口支援X: the speaker gives, to a place not on the giving side (郑州 对口支援 哈密 and
                    # 贵阳 对口帮扶 普安 count although neither side is eastern; 杭州 does not help 梅州)
                    if oriented is None and aid and side(an.gazetteer.province_of(other.code.split("/")[0])) < 0:
                        oriented = (me, other)
                    elif oriented is not None and oriented[0] is not me:
                        oriented = None
                if oriented:
                    start = t.key_pos(m.start("b"))
                    yield Found(oriented[0], oriented[1], start, t.key_pos(m.end() - 1) + 1, "implicit-self", 0.6)
    # 京蒙扶贫协作 in 呼和浩特's report: the helper helps the speaker as well as its province
    province = an.gazetteer.province_of(self_code)
    if province != self_code and side(province) < 0:
        for f in explicit:
            if f.recipient.code == province and f.rule in ("pairword", "aid-abbreviation"):
                yield Found(f.helper, me, f.kstart, f.kend, "implicit-self", 0.6)
    if side(province) > 0:
        for m in (*_IMPLICIT_RUN.finditer(t.text), *_IMPLICIT_RUN_COUNTED.finditer(t.text)):
            codes = [ABBREVIATIONS[ch] for ch in m.group("run")]
            if all(side(code) < 0 for code in codes):  # 京津冀协作 is no one's partners
                for i, code in enumerate(codes):
                    pos = t.key_pos(m.start("run") + i)
                    yield Found(me, Unit(code, pos, pos + 1, (), 0.7), t.key_pos(m.start()),
                                t.key_pos(m.end() - 1) + 1, "implicit-self", 0.6)
        for m in _IMPLICIT_AID.finditer(t.text):
            pos = t.key_pos(m.start())
            if any(ps <= pos < pe for ps, pe in an.derived(_named_program_spans)):
                continue  # “援藏援疆万名教师支教计划”: a national program's name, not the speaker's aid
            recipient = Unit(AID_ABBREVIATIONS[m.group("abbrev")], t.key_pos(m.start("abbrev")),
                             t.key_pos(m.start("abbrev")) + 1, (), 0.7)
            if not _same_province(an, me, recipient):
                yield Found(me, recipient, t.key_pos(m.start()), t.key_pos(m.end() - 1) + 1, "implicit-self", 0.6)


#: "天津宏农科技发展有限公司", "纳洋（天津）科技发展有限公司": a place inside a company's name.
_FIRM_AFTER = re.compile(r"[）)]?[\u4e00-\u9fff]{0,10}?(?:有限责任公司|有限公司|股份公司|集团|公司)")


def _in_firm_name(an: Analysis, u: Unit) -> bool:
    return bool(_FIRM_AFTER.match(an.key, u.kend)) and (
        an.key[u.kend:u.kend + 1] not in ")）" or an.key[u.kstart - 1:u.kstart] in "(（")


#: "2018年以来，两地党委政府高度重视扶贫协作": 两地 is the pair the whole text is about.
_PAIR_SINCE = re.compile(r"(?:对口帮扶|对口支援|结对帮扶|结对|扶贫协作|东西部协作|帮扶|协作)$")
_BOTH_PLACES = re.compile(r"两地|双方|两市|两县|两省")
#: "可追溯至1996年", "始于1996年": where the cooperation the text is about began.
_TRACED = re.compile(r"(?:可?追溯[至到]|始于|起步于|肇始于|发端于)$")
_SINCE_COOP_ANY = re.compile(r"协作|帮扶|对口|结对|合作")
_SINCE_COOP = re.compile(r"东西部扶贫协作|东西部协作|扶贫协作|对口帮扶|对口支援|结对帮扶|携手")


def _shared_start(an: Analysis, pairs: list[tuple[str, str]]) -> int | None:
    """The start year a text gives its one pair of provinces as a whole: "2018年以来，两地…",
    or "帮扶4年来" / "结对N年来" (counted back from the text's date)."""
    gaz = an.gazetteer
    if len({(gaz.province_of(h), gaz.province_of(r)) for h, r in pairs}) != 1:
        return None
    key = an.key
    helpers = {h for h, _ in pairs}
    for s, e in an.key_sentences:
        for ts, te, year, kind, _ in _years(an, s, e):
            if kind in ("year", "target") and _TRACED.search(key, max(s, ts - 6), ts) \
                    and _SINCE_COOP_ANY.search(key, s, e):
                return year  # "两广…在扶贫领域的协作，可追溯至1996年"
            if kind != "since" or re.search(r"[多余]|年间", key[ts:te + 1]):
                continue
            if _PAIR_SINCE.search(key, max(s, ts - 6), ts):
                return year
            # "两年来，兰溪市深入贯彻…东西部协作…": the helper, at once its subject, at work together
            subject = [m for m in an.within(("region",), te, min(e, te + 2)) if m.key.split("/")[0] in helpers]
            if subject and _SINCE_COOP.search(key, te, e):
                return year
        for both in _BOTH_PLACES.finditer(key, s, e):
            for ts, te, year, kind, _ in _years(an, s, e):
                marked = key[ts - 1:ts] in ("自", "从") or _START_AFTER.match(key[te:te + 3])
                if kind == "year" and marked and abs(both.start() - te) <= 12 and "年" in key[ts:te]:
                    return year
    return None


def _helper_starts(an: Analysis, pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Start years said of a helper's aid alone ("北京市的对口支援始于1993年"), for helpers with one partner
    in the text: a sentence that names no other place, a word of cooperation, and 始于 or 追溯至 a year."""
    partners: dict[str, set[str]] = {}
    for h, r in pairs:
        partners.setdefault(h, set()).add(r)
    starts: dict[str, int] = {}
    for s, e in an.key_sentences:
        places = {m.key.split("/")[0] for m in an.within(("region",), s, e)}
        if len(places) != 1 or len(partners.get(helper := next(iter(places)), ())) != 1:
            continue
        for ts, _, year, kind, _ in _years(an, s, e):
            if kind == "year" and _TRACED.search(an.key, max(s, ts - 6), ts) and _SINCE_COOP.search(an.key, s, ts):
                starts.setdefault(helper, year)
    return starts


@dataclass(frozen=True, slots=True)
class _Pending:
    """A pairing found in a sentence, waiting for what the whole text says of it."""

    found: Found
    start: int
    end: int
    adjust: re.Match[str] | None
    after_adjust: frozenset[tuple[str, str]]


def _codes(f: Found) -> tuple[str, str]:
    """Pairings are between coded regions: a village named with its county stands for the county."""
    return f.helper.code.split("/")[0], f.recipient.code.split("/")[0]


#: "黄埔区对口帮扶…阳山县、佛冈县；东西部扶贫协作…独山县…；对口支援…波密县…": a part after a semicolon
#: that opens with a verb of aid carries on the helper of the part before.
_CARRY_START = re.compile(r"(?:以及|并|同时|还|和)?(?:东西部扶贫协作|东西部协作|对口支援|对口帮扶|结对帮扶|对口协作|"
                          r"扶贫协作|帮扶|援建|援助)")


def extract(an: Analysis) -> Iterator[Triple]:
    self_code = speaker(an)
    western_self = self_code if self_code is not None \
        and an.gazetteer.province_of(self_code) in WESTERN_PROVINCES else None
    # 援乌 (乌恰县), 援普 (普洱): a county counts too; not the words 援建, 援助 …
    local = {ch: code for ch, code in local_abbreviations(an, ("province", "prefecture", "county")).items()
             if ch not in AID_ABBREVIATIONS and ch not in _AID_WORD_SECOND}
    pending: list[_Pending] = []
    unconfirmed: list[_Pending] = []
    carried: str | None = None
    for s, e in an.key_sentences:
        units = [u for u in region_units(an, s, e) if not _in_firm_name(an, u)]
        t = template(an, s, e, units)
        found: list[Found] = [*_find(an, t), *_joined(an, t), *_local_aid(an, t, local)] if units else []
        pairwords = list(_pairword_found(an, s, e))
        if carried is not None and carried != self_code and units and _CARRY_START.match(an.key, s):
            found.extend(replace(f, rule="carried-semicolon", confidence=0.65)
                         for f in _implicit(an, t, carried, [*found, *pairwords]) if f.helper.code == carried)
        helpers = {f.helper.code for f in found if f.rule != "implicit-self"}
        carried = helpers.pop() if len(helpers) == 1 and an.key[e - 1:e] in ("；", ";") else None
        if self_code is not None:
            # "对口帮扶晴隆县的宁海县投入…" in 宁波's text: the speaker's county is the helper, not the speaker
            by_part = {f.recipient.code for f in found if self_code in an.gazetteer.ancestors(f.helper.code)}
            found.extend(f for f in _implicit(an, t, self_code, [*found, *pairwords])
                         if f.helper.code != self_code or f.recipient.code not in by_part)
        if units and not found and (focus := western_self or an.derived(_western_focus)) is not None:
            found.extend(_labelled(an, t, focus))
        found.extend(f for f in pairwords if f.rule == "pairword")
        adjust = next((m for m in _ADJUST.finditer(an.key, s, e)
                       if not _PLACE_RENAMED.search(an.key, max(s, m.start() - 24), m.start())), None)
        after_adjust = frozenset(_codes(f) for f in found if adjust and f.kstart >= adjust.end())
        pending.extend(_Pending(f, s, e, adjust, after_adjust) for f in found)
        unconfirmed.extend(_Pending(f, s, e, None, frozenset()) for f in pairwords if f.rule != "pairword")
    gaz = an.gazetteer
    provinces = {(gaz.province_of(h), gaz.province_of(r)) for h, r in (_codes(p.found) for p in pending)}
    # 津甘 outside a cooperation phrase counts when the text pairs a 天津 place with a 甘肃 one
    pending.extend(p for p in unconfirmed if _codes(p.found) in provinces)
    # 北京 "安排帮扶资金" in 河北's news, which names 张家口 as 北京's partner: the speaker is no partner itself
    named_within = {(h, a) for h, r in (_codes(p.found) for p in pending if p.found.rule != "implicit-self")
                    for a in gaz.ancestors(r)}
    pending = [p for p in pending if p.found.rule != "implicit-self" or _codes(p.found)[1] != self_code
               or (p.found.helper.code, self_code) not in named_within]
    # "宁波援疆干部…库车市", "福建援疆漳州分指挥部…聚焦木垒县民生短板": in 对口援疆/援藏/援青 a city's
    # or district's partner is a place it was assigned, not the whole province; when the text names
    # places there, the province is only where they lie.  So too for any province a city's aid word
    # names ("嘉定派驻当地的援滇干部" in a story on 永仁县)
    named_in = {gaz.province_of(m.key) for m in an.mentions if m.kind == "region" and m.key in gaz
                and gaz.regions[m.key].level != "province"}
    pending = [p for p in pending if not (
        (codes := _codes(p.found))[1] in named_in
        and (codes[1] in _AIDED_BY_ALL or p.found.rule == "aid-abbreviation")
        and gaz.regions[codes[1]].level == "province" and gaz.regions[codes[0]].level != "province")]
    shared = _shared_start(an, [_codes(p.found) for p in pending])
    helper_starts = _helper_starts(an, [_codes(p.found) for p in pending])
    # "从2016年起，福建对口支援西藏的地区从林芝调整到昌都": the year is the move's, not 西藏's
    moved_within = {(q.start, _codes(q.found)[0], a) for q in pending if q.found.rule == "moved-to"
                    for a in gaz.ancestors(_codes(q.found)[1])}
    seen: set[tuple[str, str, int]] = set()
    for p in pending:
        f, s, e, adjust = p.found, p.start, p.end, p.adjust
        h, r = _codes(f)
        if h == r or h in gaz.ancestors(r) or r in gaz.ancestors(h) or (h, r, f.kstart) in seen:
            continue
        stop = an.key.find("。", e - 1)
        whole = an.key[s:stop if 0 <= stop < e + 120 else e]  # on past a ；to the full stop
        if gaz.province_of(r) in _NORTHEAST and "对口合作" in whole and not _EAST_WEST.search(whole):
            continue  # "吉林省与浙江省…建立对口合作关系": the east and the northeast, not East–West aid
        seen.add((h, r, f.kstart))
        year, year_conf = _start_year(an, f, s, e)
        if (s, h, r) in moved_within:
            year = None
        if h in helper_starts and (year is None or year_conf < 0.8):
            year, year_conf = helper_starts[h], 0.8  # "北京市的对口支援始于1993年", of its one partner
        elif shared is not None and (year is None or year_conf < 0.7):
            # what the text says of the pair as a whole beats a year that merely opens a sentence
            year, year_conf = shared, 0.7
        if f.rule in ("labelled-helpers", "funds-to", "thanks", "sent-for-aid", "assigned") and year_conf < 0.9:
            # helpers named as such, giving funds, thanked, sending people or given their places are reported at
            # work, not starting
            year = None
        if f.rule == "pairword" and year_conf < 0.9:
            # a pair word is often part of a name (浙川协作会议): its sentence dates the event
            year_conf = min(year_conf, 0.5)
        end_year = None
        if f.rule == "moved-from":
            # the partner moved away from ends when the move is dated, and did not start then
            end_year, year = (year, None) if year_conf >= 0.9 else (None, None)
        elif adjust and f.kend <= adjust.start() and (h, r) not in p.after_adjust \
                and not any(h == h2 and r in gaz.ancestors(r2) for h2, r2 in p.after_adjust):
            # "将X对口支援Y调整为…": the old pairing ends when the adjustment is dated
            dated = [y for ts, _, y, kind, _ in _years(an, s, adjust.start())
                     if kind in ("year", "relative")]
            end_year = dated[-1] if dated else (year if year_conf < 0.9 else None)
            if year == end_year or year_conf < 0.9:
                year = None
        confidence = min(f.confidence, f.helper.confidence, f.recipient.confidence)
        quote_s, quote_e = an.clause_span(min(f.kstart, f.helper.kstart, f.recipient.kstart),
                                          max(f.kend, f.helper.kend, f.recipient.kend))
        yield Triple(
            subject=region_ref(an, h),
            predicate="pairsWith",
            object=region_ref(an, r),
            evidence=an.evidence(quote_s, quote_e, f"{VERSION}:{f.rule}", confidence),
            qualifiers=attrs(start_year=year, end_year=end_year,
                             year_confidence=year_conf if year else None),
        )
