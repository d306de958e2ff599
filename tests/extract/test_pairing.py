"""Pairing rules on sentences written for these tests (not taken from the seeds)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from shanhai.extract.document import Document
from shanhai.extract.pipeline import analyse
from shanhai.extract.records import Triple
from shanhai.extract.relations.pairing import speaker


def pairs(extraction) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(t.subject.key, t.object.key) for t in extraction.triples
            if t.predicate == "pairsWith" and t.object is not None}


def pairing(extraction, helper: str, recipient: str) -> Triple:  # type: ignore[no-untyped-def]
    found = [t for t in extraction.triples if t.predicate == "pairsWith"
             and t.subject.key == helper and t.object is not None and t.object.key == recipient]
    assert found, f"no pairing {helper}→{recipient} in {pairs(extraction)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("浙江省对口帮扶四川省广元市，成效明显。", {("330000", "510800")}),
        ("上海市对口支援云南省多年。", {("310000", "530000")}),
        ("苏州市结对帮扶铜仁市，共建产业园。", {("320500", "520600")}),
        ("按照中央安排，由天津市结对甘肃省。", {("120000", "620000")}),
        ("江苏与陕西在产业、人才等领域开展扶贫协作。", {("320000", "610000")}),
        ("贵州省毕节市接受广州市的对口帮扶。", {("440100", "520500")}),
        ("2022年，汉阴县争取江苏省级苏陕协作资金5500万元。", {("320000", "610921"), ("320000", "610000")}),
        ("来自上海市静安区的第九批25名援疆干部人才到达喀什地区巴楚县。", {("310106", "653130")}),
        ("江苏省高邮市与陕西省米脂县代表团座谈。今年是米脂和高邮开展对口协作的第八个年头。",
         {("321084", "610827")}),
        ("上海开展了对口支援三峡库区、西藏、云南和新疆等地的任务。",
         {("310000", "540000"), ("310000", "530000"), ("310000", "650000")}),
        ("河北省深入贯彻落实关于西藏工作的重要指示精神，始终坚持党的治藏方略，对口支援阿里地区和札达、日土两县。",
         {("130000", "542500"), ("130000", "542522"), ("130000", "542524")}),
        ("厦门市—临夏州东西部扶贫协作不断深化。", {("350200", "622900")}),
        ("确定由北京与内蒙古、天津与甘肃开展扶贫协作。",
         {("110000", "150000"), ("120000", "620000")}),
        ("大连、青岛、深圳、宁波与贵州开展对口帮扶。",
         {("210200", "520000"), ("370200", "520000"), ("440300", "520000"), ("330200", "520000")}),
        ("四川省万源市是浙江省舟山市普陀区的对口帮扶市。", {("330903", "511781")}),
        ("浙江省对口帮\n扶四川省广元市。", {("330000", "510800")}),
        ("杭州市、宁波市结对帮扶恩施州和黔东南州。",
         {("330100", "422800"), ("330100", "522600"), ("330200", "422800"), ("330200", "522600")}),
    ],
)
def test_pairing_patterns(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("闽宁协作走过了二十多年。", ("350000", "640000")),
        ("沪滇合作持续深化。", ("310000", "530000")),
        ("川浙合作结出硕果。", ("330000", "510000")),  # recipient first
        ("粤桂扶贫协作取得成效。", ("440000", "450000")),
        ("鲁渝协作助力脱贫。", ("370000", "500000")),
        ("苏陕协作不断拓展。", ("320000", "610000")),
        ("京蒙帮扶成效显著。", ("110000", "150000")),
    ],
)
def test_pair_words_in_cooperation_context(extract_text, text: str, expected: tuple[str, str]) -> None:
    assert pairs(extract_text(text)) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "京津冀协同发展取得新进展。",
        "长三角一体化发展上升为国家战略。",
        "宁波舟山港货物吞吐量全球第一。",
        "青岛啤酒在青海销售。",
        "北京、上海、广州、深圳等城市房价较高。",
        "沿海发达省份都要对口帮扶西部的一两个贫困省、区。",
        "浙江与江苏加强合作。",
        "他从四川来到浙江工作。",
        "闽宁两地风俗不同。",
    ],
)
def test_negative_cases_stay_silent(extract_text, text: str) -> None:
    assert pairs(extract_text(text)) == set()


def test_start_year_with_explicit_marker(extract_text) -> None:
    t = pairing(extract_text("自2016年起，青岛市对口帮扶陇南市。"), "370200", "621200")
    assert t.q("start_year") == 2016


@pytest.mark.parametrize(
    "text",
    ["从1996年开始，福建省对口帮扶宁夏。", "一九九六年，福建省对口帮扶宁夏回族自治区。",
     "１９９６年，福建省对口帮扶宁夏。"],
)
def test_start_year_forms(extract_text, text: str) -> None:
    assert pairing(extract_text(text), "350000", "640000").q("start_year") == 1996


def test_years_since_counts_back_from_the_document_date(extract_text) -> None:
    text = "2018年，两地合作进入新阶段。22年来，浙江省对口帮扶广元市，成效显著。"
    assert pairing(extract_text(text), "330000", "510800").q("start_year") == 1996


def test_how_long_a_pairing_has_lasted_dates_its_start(extract_text) -> None:
    """"X与Y对口帮扶协作22年" counts back from the dateline; the age of something else does not."""
    text = ("2018-06-29\n\n成就展充分展示黔东南州建州60年来所取得的成就，"
            "展示杭州与黔东南对口帮扶协作22年有目共睹的变化。")
    assert pairing(extract_text(text), "330100", "522600").q("start_year") == 1996


def test_a_count_of_started_projects_does_not_start_the_pairing(extract_text) -> None:
    text = ("2009年1月13日\n\n目前，已启动51个援建项目，涵盖教育卫生、城乡用水、旅游资源修复等方面，"
            "对口支援汶川县灾后重建工作正在全面推进。")
    found = [t for t in extract_text("上海市政府工作报告\n" + text).triples if t.predicate == "pairsWith"]
    assert found and all(t.q("start_year") != 2009 for t in found)
    dated = "2009年1月13日\n\n上海全面启动对口支援汶川县灾后重建。"
    assert pairing(extract_text(dated), "310000", "513221").q("start_year") == 2009


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two places side by side, then the cooperation
        ("今年以来，宁波市黔西南州东西扶贫协作工作取得成效。", ("330200", "522300")),
        # what a helper built in the recipient, the helper after 由
        ("兴仁市人民医院由宁波市对口援助兴建，总投资近5000万元。", ("330200", "522302")),
        # a helper's aid cadres or team at work in a place
        ("福州市第九批援藏工作队队员来到昌都市第二儿童福利院看望儿童。", ("350100", "540300")),
        ("天津市的援疆干部、医生、教师，一批批走、一批批来，累计1500多人次进驻和田。", ("120000", "653200")),
        ("泉州援藏工作队联络企业为洛隆县中学配备了电脑。", ("350500", "540329")),
        ("去年10月，扬州市建设、规划等部门和县区的首批6名干部赴黔西南交流挂职。", ("321000", "522300")),
        # the aspects of aid between the helpers and the verb
        ("天津市、福建省从人力、物力、财力、智力等方面大力支援昌都。", ("120000", "540300")),
        # the helper's partners listed; 克州 is 克孜勒苏柯尔克孜自治州
        ("目前浙江主要对口合作、帮扶的地区有新疆阿克苏、新疆克州、四川省等地。", ("330000", "653000")),
        ("目前浙江主要对口合作、帮扶的地区有新疆阿克苏、新疆克州、四川省等地。", ("330000", "510000")),
        # the named parts of a recipient in brackets after a quoted label
        ("上海开展对口支援阿克苏地区“一市两县”(阿克苏市、温宿县、阿瓦提县)的援助工作。", ("310000", "652922")),
        # cadres a helper sends
        ("松江区选派到普洱的挂职干部共12人。", ("310117", "530800")),
        # a western report's 对口合作 with eastern provinces
        ("宁夏回族自治区政府工作报告\n——在自治区人民代表大会上\n\n与福建、北京等省市对口合作迈出实质步伐。",
         ("110000", "640000")),
        # a list of partners that goes on after a count (…4市帮扶协作和…)
        ("深圳市政府工作报告\n——在深圳市人民代表大会上\n\n深化与汕头、河源4市帮扶协作和惠州3县产业协作。",
         ("440300", "441600")),
    ],
)
def test_indirect_phrasings_of_a_pair(extract_text, text: str, expected: tuple[str, str]) -> None:
    assert expected in pairs(extract_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "福州市挂职干部来到厦门市考察。",  # both on the helping side
        "四川省挂职干部来到浙江省学习。",  # the western side does not send aid cadres east
        "项目由宁波市投资建设，位于宁波市北仑区。",
        # the west does not aid the east: 定点帮扶 has another subject than the western county
        "与西藏那曲市索县江达乡开展携手奔小康行动及农村定点帮扶瓦房店市5个低收村。",
        # an eastern city's 对口合作 is with the northeast
        "广州市政府工作报告\n——在广州市人民代表大会上\n\n加强与齐齐哈尔对口合作。",
    ],
)
def test_indirect_phrasings_need_an_east_west_pair(extract_text, text: str) -> None:
    assert pairs(extract_text(text)) == set()


def test_adjustment_ends_the_old_pairing(extract_text) -> None:
    text = "2010年，将浙江对口支援广元调整为对口支援四川省藏区。"
    t = pairing(extract_text(text), "330000", "510800")
    assert t.q("end_year") == 2010
    assert t.q("start_year") is None


def test_coreference_to_the_documents_own_region(extract_text) -> None:
    text = ("黔东南州位于贵州东南部。黔东南州山多地少。黔东南州少数民族众多。"
            "近年来，杭州市对口帮扶我州，援建学校多所。")
    assert ("330100", "522600") in pairs(extract_text(text))


def test_evidence_quotes_are_exact_across_line_breaks(extract_text) -> None:
    text = "  自 2016 年青岛市对口帮\n扶陇南市以来，两地合作密切。"
    ex = extract_text(text)
    for t in ex.triples:
        assert text[t.evidence.start : t.evidence.end] == t.evidence.quote
    assert pairing(ex, "370200", "621200").q("start_year") == 2016


def test_work_report_speaks_for_the_region_in_its_title(extract_text) -> None:
    text = "苏州市政府工作报告\n\n过去一年，我市深化东西部协作，我市对口帮扶铜仁市，成效显著。"
    assert ("320500", "520600") in pairs(extract_text(text))


def test_lists_of_pair_words(extract_text) -> None:
    found = pairs(extract_text("云课堂在沪滇、京蒙协作中得到应用。"))
    assert found == {("310000", "530000"), ("110000", "150000")}


def test_hand_in_hand_is_symmetric(extract_text) -> None:
    assert pairs(extract_text("广州携手毕节开展东西部协作。")) == {("440100", "520500")}


def test_in_cooperation_with(extract_text) -> None:
    assert pairs(extract_text("镇原县在与天津市静海区的东西部协作中，坚持产业帮扶。")) == {("120118", "621027")}


def test_duikou_alone_in_a_sentence_on_pairs(extract_text) -> None:
    text = "山东与重庆14个区县扶贫协作结对，其中济南市对口重庆武隆区、淄博市对口重庆石柱县。"
    assert pairs(extract_text(text)) >= {("370100", "500156"), ("370300", "500240")}
    # without a word of cooperation in the sentence 对口 alone is no pair
    assert not pairs(extract_text("会上，济南市对口重庆武隆区。"))


def test_a_since_clause_before_its_subject(extract_text) -> None:
    found = extract_text("自1995年对口支援西藏拉萨以来，江苏省累计选派10批877名干部人才。")
    assert pairs(found) == {("320000", "540100")}
    assert pairing(found, "320000", "540100").q("start_year") == 1995


def test_a_place_becomes_one_of_the_helpers_partners(extract_text) -> None:
    text = "佛山市顺德区与凉山州金阳县。从2017年6月起，金阳成为顺德东西部协作对口帮扶县之一。"
    assert pairing(extract_text(text), "440606", "513430").q("start_year") == 2017


def test_the_subject_stands_before_zuowei(extract_text) -> None:
    text = "宁波市北仑区作为宁波市经济强区结对帮扶美姑县，投入资金。"
    assert pairs(extract_text(text)) == {("330206", "513436")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖州市吴兴区、南浔区分别结对帮扶广元市朝天区、旺苍县。", {("330502", "510812"), ("330503", "510821")}),
        ("深圳、东莞分别对口帮扶广西百色、河池和贵州毕节、铜仁。",
         {("440300", "451000"), ("440300", "451200"), ("441900", "520500"), ("441900", "520600")}),
        # items align by place: an item naming no known place pairs with nothing, and a place
        # before its county only qualifies it
        ("长沙、株洲、岳阳、常德4市筹措资金1.5亿元，分别对口援助山南地区的贡嘎、扎朗、桑日、隆孜4个县。",
         {("430100", "540522"), ("430600", "540523")}),
        # without 分别 both lists pair with each other
        ("杭州市、宁波市结对帮扶恩施州和黔东南州。",
         {("330100", "422800"), ("330100", "522600"), ("330200", "422800"), ("330200", "522600")}),
    ],
)
def test_respectively_pairs_lists_in_order(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_named_parts_of_the_recipient(extract_text) -> None:
    text = "广东省东莞市对口帮扶云南省昭通市的镇雄县、彝良县、威信县。"
    assert pairs(extract_text(text)) == {("441900", "530600"), ("441900", "530627"), ("441900", "530628"),
                                         ("441900", "530629")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modifier ending in 的 between the verb and the recipient
        ("1994年，山东对口支援三峡库区的忠县。", {("370000", "500233")}),
        # a noun after a list item does not end the list
        ("常州市援建紫阳县蒿坪镇道路、岚皋县民主镇桥梁项目。", {("320400", "610924"), ("320400", "610925")}),
    ],
)
def test_recipient_lists_with_modifiers(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_report_header_names_the_speaker(extract_text) -> None:
    """A work report never says who speaks outside its header; its pairings are still read."""
    text = ("2020年江苏省政府工作报告\n"
            "深入推进东西部扶贫协作，高质量完成对口支援新疆伊犁、西藏拉萨和陕西、青海的帮扶任务。")
    found = extract_text(text)
    assert pairs(found) == {("320000", "654000"), ("320000", "540100"), ("320000", "610000"),
                            ("320000", "630000")}
    # the header's year is when the report was given, not when the pairings started
    assert all(dict(t.qualifiers).get("start_year") is None for t in found.triples
               if t.predicate == "pairsWith")


def test_recipient_report_reads_helpers_aid(extract_text) -> None:
    text = "政府工作报告\n——在甘肃省第十三届人民代表大会上\n积极争取天津对口帮扶资金，扎实推进产业合作。"
    assert pairs(extract_text(text)) == {("120000", "620000")}


def test_recipient_named_as_unknown_places_stays_silent(extract_text) -> None:
    text = "河北省政府工作报告\n北京市13个区对口帮扶张承保三市16个县区。"
    assert pairs(extract_text(text)) == set()


def test_one_county_decides_my_province(extract_text) -> None:
    """我省 with the province never named: the one county mentioned places it."""
    text = "走进望谟县，变化随处可见。\n新增苏州、杭州2个东部城市对口帮扶我省。"
    assert ("320500", "520000") in pairs(extract_text(text))
    assert ("330100", "520000") in pairs(extract_text(text))


def test_aid_abbreviation_after_a_list(extract_text) -> None:
    """援疆 names 新疆 by 疆 (not a 简称 of its own); 不断 is no negation."""
    text = "北京市、江苏省不断加强和改进援藏工作。深圳市援疆项目顺利推进。"
    assert pairs(extract_text(text)) == {("110000", "540000"), ("320000", "540000"), ("440300", "650000")}


def test_economic_ties_are_not_aid(extract_text) -> None:
    assert pairs(extract_text("沪港、沪澳经贸合作进一步加强。")) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("合力做好对贵州黔东南州、湖北恩施州的扶贫协作工作。",
         {("330100", "522600"), ("330100", "422800")}),
        ("深化与新疆阿克苏市、青海海西州德令哈市等地对口支援工作。",
         {("330100", "652901"), ("330100", "632802")}),
        ("深入推进广西百色、河池对口扶贫协作。", {("330100", "451000"), ("330100", "451200")}),
        # 梅州 is in another helping province: 杭州 does not help it
        ("推动援疆援藏和梅州、毕节对口帮扶。", {("330100", "650000"), ("330100", "540000"), ("330100", "520500")}),
    ],
)
def test_report_speaker_from_its_own_totals(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    """A report that speaks of 全市 and names 杭州 most speaks for 杭州 in its unsigned pairings."""
    preamble = "杭州市上城区、西湖区和萧山区加快发展，全市经济稳中向好。\n"
    assert pairs(extract_text(preamble + text)) == expected


def test_a_city_speaks_of_itself_as_a_whole_though_it_cites_its_province_more(extract_text) -> None:
    text = ("**政府工作报告**\n\n全市916个贫困村全部摘帽退出，入选全省示范创建名单，走在全省前列。"
            "济南速度、济南温度受到关注，平安济南建设深入推进，占全省80%以上，被作为全省经验推广。全市新增就业18.95万人。"
            "与湖南湘西州、重庆武隆区扶贫协作取得积极进展。")
    assert pairs(extract_text(text)) == {("370100", "433100"), ("370100", "500156")}


def test_a_report_with_no_place_in_its_header_speaks_for_the_place_it_names_not_as_a_partner(extract_text) -> None:
    # 甘孜 is named as often as 佛山 (with its counties), but only after 对口支援
    text = ("**政府工作报告**\n\n坚决打赢三大攻坚战，在全面建成小康社会中展现佛山作为。加快顺德发展，佛山经济稳中向好。"
            "全力完成东西部扶贫协作四川凉山州任务，以及对口支援四川甘孜州乡城县和得荣县等任务。")
    assert pairs(extract_text(text)) == {("440600", "513400"), ("440600", "513336"), ("440600", "513338")}


def test_report_speaker_with_duikou_before_its_partner(extract_text) -> None:
    text = "东莞市政府工作报告\n\n深化援藏、援疆、与牡丹江对口合作，深入开展对口铜仁东西部协作。"
    assert ("441900", "520600") in pairs(extract_text(text))


def test_helpers_labelled_as_the_easts_help_the_texts_one_western_province(extract_text) -> None:
    text = ("记者从贵州省东西部扶贫协作推进会上获悉：今年广州、宁波、大连3个东部帮扶城市均加大财政资金帮扶力度。")
    extraction = extract_text(text)
    assert pairs(extraction) == {("440100", "520000"), ("330200", "520000"), ("210200", "520000")}
    assert dict(pairing(extraction, "440100", "520000").qualifiers).get("start_year") is None
    # with two western provinces in the text the recipient is unknown
    assert pairs(extract_text(text + "甘肃省也在推进。")) == set()


def test_helpers_sending_aid_cadres_to_a_recipient_speaker(extract_text) -> None:
    text = ("（三）对口援助成效显著\n\n全市经济稳步增长，拉萨河堤工程竣工，尼木县、当雄县发展加快，拉萨市容改善。"
            "北京市、江苏省积极贯彻落实中央第四次西藏工作座谈会精神，选派第三批援藏干部进藏工作。")
    assert pairs(extract_text(text)) == {("110000", "540100"), ("320000", "540100")}


def test_report_speaker_inside_the_aided_province(extract_text) -> None:
    """京蒙扶贫协作 in 呼和浩特's report: 北京 helps 内蒙古 and the speaker."""
    text = ("政府工作报告\n——2019年1月4日在呼和浩特市第十五届人民代表大会第二次会议上\n"
            "京蒙扶贫协作、定点帮扶等多方发力。")
    assert pairs(extract_text(text)) == {("110000", "150000"), ("110000", "150100")}


def test_report_speaker_by_its_districts(extract_text) -> None:
    """我市 named through its districts and counties (苏州 … 昆山市 … 我市)."""
    text = ("——2021年1月19日在市十六届人大五次会议上\n"
            "苏州工业园区和昆山市加快发展，昆山市获批试验区。我市深化东西部协作，扶贫协作贵州铜仁。")
    assert ("320500", "520600") in pairs(extract_text(text))


def test_helper_named_after_by(extract_text) -> None:
    """The recipient first, then 由 and the helper."""
    text = "2016年10月，恩施州首次纳入国家东西部扶贫协作范畴，明确由杭州市结对帮扶。"
    found = pairing(extract_text(text), "330100", "422800")
    assert found.q("start_year") == 2016


def test_anniversary_counts_back_from_the_dateline(extract_text) -> None:
    text = "发布时间:2025-07-22\n今年是浙江对口支援青海省海西蒙古族藏族自治州十五周年。"
    assert pairing(extract_text(text), "330000", "632800").q("start_year") == 2010


def test_two_places_joined_before_the_cooperation(extract_text) -> None:
    assert pairs(extract_text("舟山市、达州市东西部扶贫协作联席会议在达州召开。")) == {("330900", "511700")}


def test_speaker_pairs_counts_of_townships(extract_text) -> None:
    text = "东莞市政府工作报告\n7个镇街与巴宜区7个乡镇结对。"
    assert pairs(extract_text(text)) == {("441900", "540402")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 对口 alone as the verb, the kind of aid after the recipient
        ("佛山对口凉山扶贫协作工作组进驻越西。", {("440600", "513400")}),
        # two provinces named together, then 两省区 and the start of their cooperation
        ("从1996年起，广东、广西两省区开始扶贫协作。", {("440000", "450000")}),
        # 共建 between an eastern district and a western county
        ("南京六合区与湟源县共建现代农业产业园。", {("320116", "630123")}),
    ],
)
def test_more_ways_of_naming_a_pair(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_place_inside_a_company_name_is_no_party(extract_text) -> None:
    """A firm's pairing with a village (村企结对) is not its home region's pairing."""
    text = ("天津宏农科技发展有限公司与甘谷县大城村达成村企结对帮扶协议，"
            "纳洋（天津）科技发展有限公司与甘谷县四十铺村达成村企结对帮扶协议。")
    assert pairs(extract_text(text)) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the speaker 支援s a western county, with no 对口 before the verb
        ("支援青川灾后恢复重建任务圆满完成。", {("330200", "510822")}),
        # the provinces named before a count of aided areas, past an unnamed one (三峡库区)
        ("对西藏、新疆和三峡库区有关的9个对口支援地区，加大支援力度。",
         {("330200", "540000"), ("330200", "650000")}),
    ],
)
def test_report_speaker_with_bare_verbs(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    header = "宁波市政府工作报告\n——在宁波市第十四届人民代表大会第一次会议上\n"
    assert pairs(extract_text(header + text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject carries over two clauses; a region inside a quotation does not interrupt it
        ("自2017年开展东西部扶贫协作以来，泉州市坚持“定西所需、泉州所能”原则，聚焦产业就业，"
         "全力帮扶定西市。", {("350500", "621100")}),
        # X 给予 Y … 援助
        ("从1998年起，深圳市的各区给予了广西百色市无私援助。", {("440300", "451000")}),
        # 在 X 的帮助下，Y …
        ("在福建省的帮助下，宁夏西吉县建成了一批扶贫车间。", {("350000", "640422")}),
        # the copula with the helper's parts and 重点 before the kind of partner
        ("甘肃省是天津市各区对口帮扶的重点省份。", {("120000", "620000")}),
        # what else the partner is stands between the verb and its kind
        ("田林县是深圳对口帮扶的国家乡村振兴重点帮扶县。", {("440300", "451029")}),
        ("那曲是浙江省对口支援地方。", {("330000", "540600")}),
        # 为 for 是 when the kind of partner ends the clause, not when it is what something is done for
        ("其中那坡、樂業、隆林為深圳對口幫扶的貧困縣。",
         {("440300", "451026"), ("440300", "451028"), ("440300", "451031")}),
        ("昆明市为上海对口帮扶地区培训干部。", set()),
        # what helpers built, after 由 and before the place; 协助 as a verb of aid, not from the west
        ("由北京、江苏分别投资2亿多元援建的拉萨北京实验中学已投入使用。", {("110000", "540100"), ("320000", "540100")}),
        ("天津市已协助甘肃省新增落地投产企业10家。", {("120000", "620000")}),
        ("西藏自治区协助北京市举办展览。", set()),
        # the partners of a place, named by it; one of its own province is no East–West partner
        ("永康、东阳、船山是理县的对口帮扶伙伴。", {("330784", "513222"), ("330783", "513222")}),
        # a quoted way of working between the helper and the verb
        ("广州市番禺区“组团式”帮扶威宁县，医疗队驻扎三年。", {("440113", "520526")}),
        # a 兵团 division before the city it runs, inside a list or after a visit
        ("山西省对口援建的昌吉州阜康市、农六师五家渠市。", {("140000", "652302"), ("140000", "659004")}),
        ("镇江市党政代表团赴对口援建的新疆生产建设兵团第四师可克达拉市考察。", {("321100", "659008")}),
        # the people sent named for the aid they do
        ("嘉兴市选派挂职干部远赴四川省九寨沟县。", {("330400", "513225")}),
        # the cooperation in quotes after two places joined by 、
        ("自浙江绍兴市上虞区、乐山市金口河区开展“东西部协作”以来，两地成效显著。", {("330604", "511113")}),
    ],
)
def test_looser_phrasings_of_a_pair(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_looser_phrasings_keep_the_direction(extract_text) -> None:
    """A western subject before 帮扶 or 给予 is no helper of an eastern place."""
    text = ("在定西市的支持下，泉州市企业顺利落地。"
            "定西市坚持“泉州所需”原则，聚焦产业，积极帮扶泉州市企业。")
    assert pairs(extract_text(text)) == set()


def test_two_places_since_a_year_dates_the_texts_pairs(extract_text) -> None:
    """"2018年以来，两地…" gives its year to pairings of the one province pair the text is about."""
    text = ("舟山市、达州市东西部扶贫协作联席会议召开。会议指出，舟山市普陀区、定海区与达州市万源市、"
            "宣汉县结对帮扶。\n2018年以来，两地党委政府高度重视扶贫协作。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "330903", "511781").qualifiers).get("start_year") == 2018
    assert dict(pairing(extraction, "330902", "511722").qualifiers).get("start_year") == 2018


def test_years_since_with_the_helper_at_work_date_the_texts_pair(extract_text) -> None:
    text = ("2023年8月30日 来源：通江县融媒体中心\n\n兰溪市政协一行来我县开展社会帮扶，举行兰溪-通江东西部协作物资捐赠仪式。"
            "她说，两年来，兰溪市深入贯彻浙川两省关于东西部协作工作系列决策。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "330781", "511921").qualifiers).get("start_year") == 2021
    # the recipient as the subject of a span of years says nothing of when the pair began
    text = ("2019年3月1日 来源：徐州日报\n\n徐州与宝鸡扶贫协作深入推进。"
            "3年来，围绕宝鸡市5个贫困县脱贫摘帽，两市扶贫协作成效明显。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "320300", "610300").qualifiers).get("start_year") is None


@pytest.mark.parametrize(
    ("text", "helper", "recipient", "year"),
    [
        # a year opening the pair's sentence that says it began beats a span of years from the page's date
        ("2023年5月8日 来源：厦门日报\n\n2021年，厦门市思明区与宁夏回族自治区银川市永宁县闽宁镇接续山海情缘，"
         "开启闽宁协作新篇章。3年来，思明区不断强化东西部协作、结对帮扶。", "350203", "640121", 2021),
        # where the cooperation of the text's one pair of provinces is traced back to
        ("2018年6月14日 来源：广西日报\n\n广东各界多方面援助广西。山水相连，两广友好合作源远流长。"
         "在扶贫领域的协作，可追溯至1996年。", "440000", "450000", 1996),
        # a term of years inside the pair phrase
        ("2018年7月，西青区与麦积区2017年至2020年建立结对帮扶关系。", "120111", "620503", 2017),
    ],
)
def test_start_years_from_what_the_text_says_of_the_pair(
    extract_text, text: str, helper: str, recipient: str, year: int
) -> None:
    assert dict(pairing(extract_text(text), helper, recipient).qualifiers).get("start_year") == year


def test_a_city_aiding_xinjiang_is_paired_with_its_assigned_place_not_the_province(extract_text) -> None:
    text = "宁波市第十批援疆干部抵达阿克苏地区库车市，宁波援疆工作开启新篇章。"
    assert pairs(extract_text(text)) == {("330200", "652923")}
    # a province keeps its pair with the province it aids
    text = "浙江省第十批援疆干部抵达阿克苏地区，浙江援疆工作开启新篇章。"
    assert pairs(extract_text(text)) >= {("330000", "650000"), ("330000", "652900")}


def test_two_places_year_needs_one_province_pair(extract_text) -> None:
    text = ("舟山市普陀区与达州市万源市结对帮扶，福州市与定西市开展扶贫协作。"
            "2018年以来，两地党委政府高度重视扶贫协作。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "330903", "511781").qualifiers).get("start_year") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a standalone pair word counts when the text pairs a 天津 place with a 甘肃 one
        ("天津市东丽区对口帮扶甘肃省甘谷县。两地共同演绎津甘“山海情”。",
         {("120110", "620523"), ("120000", "620000")}),
        # … and not otherwise
        ("两地共同演绎津甘“山海情”。", set()),
        # 苏宁 inside a company name is no pair word, even in a 江苏–宁夏 text
        ("江苏省对口帮扶宁夏回族自治区。苏宁易购在银川开店。", {("320000", "640000")}),
    ],
)
def test_pair_word_confirmed_by_the_text(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_east_west_program_after_a_pair_word_is_no_province(extract_text) -> None:
    """"浙广东西部扶贫协作": 广东 is not read where 东 begins 东西部扶贫协作."""
    text = "广元市出台《浙广东西部扶贫协作三年行动实施方案》，浙江省对口帮扶广元市。"
    assert pairs(extract_text(text)) == {("330000", "510800")}


def test_recipient_speaker_with_a_counted_list_of_helpers(extract_text) -> None:
    text = ("我省对口帮扶工作取得成效。深圳、青岛2个计划单列市采取“一对二”的帮扶模式。"
            "贵州省各市州积极对接。")
    assert {("440300", "520000"), ("370200", "520000")} <= pairs(extract_text(text))


def test_speaker_is_no_partner_where_the_helper_names_its_part(extract_text) -> None:
    """In 河北's news, 北京 pairs with the 张家口 it names; 北京's bare 帮扶资金 adds no 北京→河北."""
    text = ("河北省各地积极对接。北京市对我省张家口市开展对口帮扶。北京市共安排帮扶资金35.68亿元。"
            "我省贫困村受益。")
    assert pairs(extract_text(text)) == {("110000", "130700")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a development zone written with its city's short name
        ("自济南高新区帮扶古丈县以来，成效显著。", {("370171", "433126")}),
        # the recipient's parts in brackets after it
        ("北京从1994年开始对口支援西藏拉萨“一区三县(城关区、尼木县)”以来，成效显著。",
         {("110000", "540100"), ("110000", "540102"), ("110000", "540123")}),
        # a quotation between the helper and 援疆
        ("上海各界以“动真情、办实事”的工作思路积极援疆。", {("310000", "650000")}),
        # a list of dash pairs introduced by the kind of cooperation
        ("结对关系如下：密云区——玉树市，昌平区——曲麻莱县。",
         {("110118", "632701"), ("110114", "632726")}),
        # 两广 names both provinces with one character
        ("东西扶贫协作中的两广协作成效明显。", {("440000", "450000")}),
        # two places named together, then what they were made
        ("自1996年深圳和贵州确定为对口帮扶城市后，深圳捐助资金。", {("440300", "520000")}),
    ],
)
def test_more_written_forms(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_this_years_work_after_a_pair_does_not_date_it(extract_text) -> None:
    text = ("2018年08月10日 安康新闻网\n安康市平利县在常州市武进区举办推介活动。"
            "武进与平利是对口帮扶区县，今年以来，两地相继开展合作。")
    found = pairing(extract_text(text), "320412", "610926")
    assert dict(found.qualifiers).get("start_year") is None


@pytest.mark.parametrize(
    ("text", "pair", "year"),
    [
        ("2024年是江苏省无锡市与海东市建立结对关系的第8年。", ("320200", "630200"), 2017),
        # how long the pair has lasted (已有27年), counted back from the date line
        ("2024年5月1日\n江西省与新疆克孜勒苏柯尔克孜自治州阿克陶县对口支援已有27年。", ("360000", "653022"), 1997),
        # a first batch sent in a year named inside the pair's own phrase
        ("江西在1997年就派出第一批援疆干部奔赴新疆克州。", ("360000", "653000"), 1997),
    ],
)
def test_the_nth_year_of_a_pairing_or_its_first_batch_dates_it(
        extract_text, text: str, pair: tuple[str, str], year: int) -> None:
    assert dict(pairing(extract_text(text), *pair).qualifiers).get("start_year") == year


def test_posting_date_is_no_pairing_year(extract_text) -> None:
    """A date on a page's metadata line is when it was posted, not when an undated pair began."""
    text = "发布时间:2012年02月16日 10:56 | 来源:日报\n\n贵州省与深圳市携手合作多年，山海连心。"
    extraction = extract_text(text)
    assert dict(pairing(extraction, "440300", "520000").qualifiers).get("start_year") is None


def test_report_speaker_after_a_verb_and_de(extract_text) -> None:
    header = "东莞市政府工作报告\n——在东莞市人民代表大会上\n\n"
    text = header + "助力对口帮扶的韶关、揭阳323个贫困村全部出列。"
    assert pairs(extract_text(text)) == {("441900", "440200"), ("441900", "445200")}


def test_recipient_list_goes_past_an_item_with_no_region(extract_text) -> None:
    header = "佛山市政府工作报告\n——在佛山市人民代表大会上\n\n"
    text = header + ("对口支援西藏墨脱县、新疆伽师县、新疆生产建设兵团41团草湖产业园以及四川甘孜州乡城县、得荣县，"
                     "对口合作黑龙江双鸭山市工作扎实推进。")
    assert pairs(extract_text(text)) == {("440600", "540423"), ("440600", "653129"),
                                         ("440600", "513336"), ("440600", "513338")}


def test_speaker_aid_names_the_recipients_parts(extract_text) -> None:
    header = "北京市政府工作报告\n——在北京市人民代表大会上\n\n"
    text = header + "扎实做好对口支援拉萨“一区三县(城关区、尼木县)”工作。"
    assert pairs(extract_text(text)) == {("110000", "540100"), ("110000", "540102"), ("110000", "540123")}


@pytest.mark.parametrize(
    ("speaker", "text", "expected"),
    [
        # a central city gives to a western place although neither side is eastern
        ("郑州市", "对口支援新疆哈密工作进展顺利。", {("410100", "650500")}),
        # a western capital's own 对口帮扶 of counties in its province
        ("贵阳市", "助推对口帮扶的普安县、长顺县摘帽出列。", {("520100", "522323"), ("520100", "522729")}),
    ],
)
def test_speaker_aid_without_an_eastern_side(extract_text, speaker: str, text: str,
                                             expected: set[tuple[str, str]]) -> None:
    header = f"{speaker}政府工作报告\n——在{speaker}人民代表大会上\n\n"
    assert pairs(extract_text(header + text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年，长宁区再度携手红河州的红河县与绿春县。",
         {("310105", "532500"), ("310105", "532529"), ("310105", "532531")}),
        ("仅对口援建和田的北京、天津、安徽三省市，就投入资金20亿元。",
         {("110000", "653200"), ("120000", "653200"), ("340000", "653200")}),
    ],
)
def test_hand_in_hand_and_helpers_after_the_recipient(extract_text, text: str,
                                                      expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_each_helper_of_a_chain_of_pairs(extract_text) -> None:
    """"A对口援建X、B对口援建Y、C及D共同对口援建Z": an item with its own verb starts the next pair."""
    text = "分别安排福州市对口援建八宿县、厦门市对口援建左贡县、漳州市及龙岩市共同对口援建边坝县。"
    assert pairs(extract_text(text)) == {("350100", "540326"), ("350200", "540327"),
                                         ("350600", "540330"), ("350800", "540330")}


def test_a_year_starts_only_the_first_of_listed_phases(extract_text) -> None:
    text = "1996年以来，浙广携手历经浙江对口帮扶广元、浙江对口支援青川县灾后重建两个时期。"
    extraction = extract_text(text)
    assert dict(pairing(extraction, "330000", "510800").qualifiers).get("start_year") == 1996
    assert dict(pairing(extraction, "330000", "510822").qualifiers).get("start_year") is None


def test_a_move_from_one_partner_to_another(extract_text) -> None:
    """"从2016年7月起，福建对口支援西藏的地区从林芝调整到昌都": 林芝 ends, 昌都 starts, 西藏 is not dated."""
    text = "从2016年7月起，福建对口支援西藏的地区从“西藏江南”林芝调整到“雪域高原”昌都。"
    extraction = extract_text(text)
    assert dict(pairing(extraction, "350000", "540400").qualifiers).get("end_year") == 2016
    assert dict(pairing(extraction, "350000", "540300").qualifiers).get("start_year") == 2016
    assert dict(pairing(extraction, "350000", "540000").qualifiers).get("start_year") is None


def test_aid_to_a_place_named_by_its_first_character(extract_text) -> None:
    """援普 in a text about 普洱: the helper aids 普洱; a slogan's 不 (“两不愁”) blocks nothing."""
    text = ("普洱市发展茶产业。普洱市发展咖啡产业。普洱市发展旅游。"
            "自1996年对口帮扶以来，上海市围绕“两不愁、三保障”的目标，累计派出援普干部45人。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "310000", "530800").qualifiers).get("start_year") == 1996


def test_first_character_aid_needs_a_place_the_text_is_about(extract_text) -> None:
    assert pairs(extract_text("上海市派出援普干部45人。")) == set()


def test_pair_since_phrase_dates_the_texts_one_province_pair(extract_text) -> None:
    """"帮扶4年来" in a 2020 item dates its 上海–云南 pairs to 2016, over a year that opens a sentence."""
    text = ("2020年08月06日 来源：人民网\n\n上海市松江区对口帮扶西双版纳州。2020年，松江区帮扶范围扩展覆盖全州。"
            "帮扶4年来，上海方面累计投入资金3.11亿元。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "310117", "532800").qualifiers).get("start_year") == 2016


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bare 帮 of an arrangement list, with 等 and a count before it
        ("确定了对口帮扶关系：北京帮内蒙古；深圳、青岛等两个计划单列市帮贵州。",
         {("110000", "150000"), ("440300", "520000"), ("370200", "520000")}),
        # a place written twice (伊犁州伊犁) is one list item, and 3个地区 does not end the list
        ("江苏负责对口支援伊犁州伊犁、阿勒泰、塔城3个地区和奎屯市。",
         {("320000", "654000"), ("320000", "654300"), ("320000", "654200"), ("320000", "654003")}),
        # helpers counted with 等 and a bracketed kind
        ("江苏安排南京等12个设区市和昆山等5个县级市(区)对口支援新疆。",
         {("320100", "650000"), ("320583", "650000")}),
        # a banner's short form (科尔沁左翼中旗 = 科左中旗)
        ("科左中旗与北京市顺义区深入开展交流与合作。", {("110113", "150521")}),
    ],
)
def test_arrangement_lists_and_short_forms(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_bang_inside_words_is_no_pairing(extract_text) -> None:
    assert pairs(extract_text("感谢宁波来帮忙，帮扶干部帮助群众。")) == set()


def test_party_committee_and_government_are_one_subject(extract_text) -> None:
    extraction = extract_text("自2013年新一轮对口帮扶工作启动以来，市南区委、区政府把对平坝帮扶作为重要任务。")
    assert dict(pairing(extraction, "370202", "520403").qualifiers).get("start_year") == 2013


def test_autonomous_prefecture_written_without_zizhi(extract_text) -> None:
    assert pairs(extract_text("江苏省对口支援克孜勒苏柯尔克孜州。")) == {("320000", "653000")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the northeast's 对口合作 with an eastern city is not aid
        ("开展深圳与哈尔滨对口合作。", set()),
        # inland provinces 援疆 too
        ("河南省援疆工作成效显著。", {("410000", "650000")}),
        # a prefecture city under its former name (哈密地区), in a move 由…调整为…
        ("从2010年起，河南省由支援新疆阿克苏地区调整为对口支援哈密地区。",
         {("410000", "652900"), ("410000", "650500")}),
    ],
)
def test_northeast_cooperation_inland_helpers_and_former_names(extract_text, text: str,
                                                               expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_move_by_you_ends_only_the_old_partner(extract_text) -> None:
    extraction = extract_text("从2010年起，河南省由支援新疆阿克苏地区调整为对口支援哈密地区。河南援疆成效显著。")
    assert dict(pairing(extraction, "410000", "652900").qualifiers).get("end_year") == 2010
    assert dict(pairing(extraction, "410000", "650500").qualifiers).get("start_year") == 2010


def test_sending_cadres_to_places(extract_text) -> None:
    text = "西青区分别向新疆和田地区于田县、甘肃省白银市景泰县2个地区选派党政干部和专业技术人才。"
    assert pairs(extract_text(text)) == {("120111", "653226"), ("120111", "620423")}


def test_report_header_with_a_short_congress_name(extract_text) -> None:
    text = "——2020年1月9日在南京市十六届人大三次会议上\n\n助力陕西商洛、青海西宁对口区县稳定脱贫。"
    assert pairs(extract_text(text)) == {("320100", "611000"), ("320100", "630100")}


def test_recipients_added_later_take_the_year_they_were_added(extract_text) -> None:
    text = ("黄浦区长期对口帮扶澜沧拉祜族自治县、孟连傣族拉祜族佤族自治县两个县，"
            "2017年又增加景谷傣族彝族自治县、江城哈尼族彝族自治县3个县。")
    extraction = extract_text(text)
    assert pairs(extraction) == {("310101", "530827"), ("310101", "530828"),
                                 ("310101", "530824"), ("310101", "530826")}
    assert dict(pairing(extraction, "310101", "530824").qualifiers).get("start_year") == 2017
    assert dict(pairing(extraction, "310101", "530827").qualifiers).get("start_year") is None


def test_the_scope_of_a_helpers_aid(extract_text) -> None:
    text = "2010年以后，江苏援疆范围扩展为伊犁州直属所有10个县(市)、克孜勒苏柯尔克孜州3个县(市)。"
    found = pairs(extract_text(text))
    assert {("320000", "654000"), ("320000", "653000")} <= found
    # a western place's scope of work names no partner
    assert pairs(extract_text("甘肃帮扶范围扩展为临夏州所有8个县(市)。")) == set()


def test_pair_words_naming_models_and_city_abbreviations(extract_text) -> None:
    text = "各地涌现出“沪滇模式”、“甬黔模式”、“两广模式”等各具特色的帮扶模式。"
    assert pairs(extract_text(text)) == {("310000", "530000"), ("330200", "520000"), ("440000", "450000")}
    # a model that is no cooperation (a business model) names no pair
    assert pairs(extract_text("推广“沪滇模式”的经营方式，销售额增长。")) == set()


def test_a_report_names_its_partners_by_a_run_of_abbreviations(extract_text) -> None:
    header = "政府工作报告\n——2018年1月25日在广东省第十三届人民代表大会第一次会议上\n\n"
    found = pairs(extract_text(header + "深化与桂川黔滇扶贫协作，援助资金大幅增加。"))
    assert found == {("440000", "450000"), ("440000", "510000"), ("440000", "520000"), ("440000", "530000")}
    # 京津冀 are not the speaker's partners
    assert pairs(extract_text(header + "加强与京津冀协作。")) == set()


def test_aid_in_a_report_and_zhuli(extract_text) -> None:
    header = "政府工作报告\n——2010年1月在江苏省第十一届人民代表大会第三次会议上\n\n"
    assert pairs(extract_text(header + "两年来，全省投入100多亿元援助四川绵竹灾后恢复重建。")) == {("320000", "510683")}
    assert pairs(extract_text("河北助力丰都打造的龙河生态廊道入选全国示范河湖。")) == {("130000", "500230")}
    # 助力 inside one province is no pairing
    assert pairs(extract_text("成都市助力阿坝州发展旅游。")) == set()


def test_a_bond_formed_and_a_rotation_of_cadres(extract_text) -> None:
    text = ("1995年起，上海与日喀则结缘。2022年7月，上海市第十批援藏干部人才组成的团队接过了接力棒，"
            "对口支援日喀则市五县（江孜、定日）。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "310000", "540200").qualifiers).get("start_year") == 1995
    # the tenth batch of cadres does not start the county pairs (the paragraph's year may)
    assert dict(pairing(extraction, "310000", "540222").qualifiers).get("start_year") != 2022


def test_abbreviations_named_as_the_two_provinces(extract_text) -> None:
    assert pairs(extract_text("2021年，粤、黔两省建立起新的结对帮扶协作关系。")) == {("440000", "520000")}
    text = "从2016年开始，落实苏陕两省决策部署，徐州与宝鸡正式结对帮扶。"
    assert ("320000", "610000") in pairs(extract_text(text))


def test_a_list_opened_by_an_ordinary_word_county_and_helpers_aid_to_the_speaker(extract_text) -> None:
    header = "政府工作报告\n——2020年6月6日在广州市第十五届人民代表大会第五次会议上\n\n"
    found = pairs(extract_text(header + "支援疏附、波密、甘孜、巫山等6个贫困县全部实现脱贫摘帽。"))
    assert {("440100", "653121"), ("440100", "540424")} <= found
    header = "政府工作报告\n——2003年在拉萨市第八届人民代表大会第一次会议上\n\n"
    found = pairs(extract_text(header + "北京市、江苏省援助各类大小项目102个。"))
    assert found == {("110000", "540100"), ("320000", "540100")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("打造了新疆喀什深圳产业园、广西百色深圳小镇等一批精品项目。", {("440300", "653100"), ("440300", "451000")}),
        ("佳县—扬州产业园标准化厂房项目破土动工。", {("321000", "610828")}),
        ("南宁（深圳）东盟产业合作区建设提速。", {("440300", "450100")}),
        ("东营酉阳稻田养蟹产业园带动120户增收。", {("370500", "500242")}),
    ],
)
def test_a_park_named_after_an_eastern_and_a_western_place(extract_text, text: str,
                                                          expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_park_of_one_side_or_with_the_northeast_is_no_pair(extract_text) -> None:
    # 对口合作 with the northeast and 产业转移 inside one province are not East–West aid
    assert pairs(extract_text("深圳（哈尔滨）产业园开园。")) == set()
    assert pairs(extract_text("广州（清远）产业转移工业园扩园。")) == set()
    # 产业合作区 is no 合作市 (甘南州)
    assert pairs(extract_text("深汕特别合作区与河源产业合作区签约。")) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cadres sent to work in a place, the senders counted and joined by others; inland provinces aid 新疆 too
        ("1997年2月，率先由北京、江西、河南3省市和中央及国家有关部委选派到新疆工作的首批200多名援疆干部陆续抵疆。",
         {("110000", "650000"), ("360000", "650000"), ("410000", "650000")}),
        ("1998年，湖南要派一批干部到新疆吐鲁番地区工作。", {("430000", "650400")}),
        # a helper's delegation visiting its partners in a sentence about the cooperation
        ("广州市党政代表团赴贵州省毕节市、安顺市和黔南州，深入推进东西部协作工作。",
         {("440100", "520500"), ("440100", "520400"), ("440100", "522700")}),
        ("广东省茂名市化州市下郭街道党工委书记陈雄杰一行到广西忻城县大塘镇开展粤桂协作结对帮扶工作。",
         {("440982", "451321"), ("440000", "450000")}),
        # the leader named with the departments he leads, a comma before the visit
        ("衢州市委副书记、市长汤飞帆率市府办、市委组织部、招商局(协作办)等部门负责人一行,赴绵阳市、乐山市"
         "开展东西部扶贫协作交流工作。", {("330800", "510700"), ("330800", "511100")}),
        # a delegation that comes (来) to the place
        ("东莞市中堂镇党委书记陈荣武一行来松桃县开展东西部协作结对交流活动。", {("441900", "520628")}),
        # each of the helpers went to its own partner (分赴), one to one
        ("柯城区、衢江区政府主要负责人分赴结对受援地平武县、北川县进行扶贫协作交流工作对接。",
         {("330802", "510727"), ("330803", "510726")}),
        # consumption help
        ("去年天津市、山东省采购帮销甘肃省农特产品分别为39.12亿元和27.26亿元。",
         {("120000", "620000"), ("370000", "620000")}),
        # the means of aid between the subject and the verb
        ("扬州市以镇、村结对为突破口助力榆林市脱贫攻坚。", {("321000", "610800")}),
    ],
)
def test_cadres_delegations_purchases_and_means(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_delegation_to_a_branch_of_a_firm_is_no_visit_to_the_place(extract_text) -> None:
    text = "由广东农行行长带领的工作组一行,就到重庆分行定点扶贫县进行扶贫工作专项调研。"
    assert pairs(extract_text(text)) == set()


def test_inland_helpers_only_for_the_three_aided_by_all_and_thanks_go_the_other_way(extract_text) -> None:
    # 河北, 山西 and 内蒙古 in one zone is no aid; 江西 does aid 新疆
    assert pairs(extract_text("张家口市、大同市代表团赴乌兰察布市参加合作区联席会议。")) == set()
    # thanks for the helper's aid: 贵州 does not aid 广州
    assert pairs(extract_text("时光辉代表贵州省委、省政府对广州长期以来的大力帮扶表示感谢。")) == set()


def test_speaker_partners_as_counted_abbreviations_and_groups(extract_text) -> None:
    header = "政府工作报告\n——2023年1月12日在广东省第十四届人民代表大会第一次会议上\n\n"
    found = pairs(extract_text(header + "五年来，帮助桂川黔滇4省区93个贫困县摘帽。"))
    assert found == {("440000", "450000"), ("440000", "510000"), ("440000", "520000"), ("440000", "530000")}
    header = "政府工作报告\n——2012年1月9日在天津市第十五届人民代表大会第五次会议上\n\n"
    found = pairs(extract_text(header + "继续搞好新疆和田地区东三县、西藏昌都地区、青海黄南州等对口支援工作。"))
    assert found == {("120000", "653200"), ("120000", "540300"), ("120000", "632300")}


def test_places_of_both_sides_building_one_thing(extract_text) -> None:
    text = "园区由浙江省湖州市南浔区、四川省广安市广安区合力打造。"
    assert pairs(extract_text(text)) == {("330503", "511602")}
    # two places of one side build together: no pair
    assert pairs(extract_text("园区由杭州市、宁波市合力打造。")) == set()


def test_how_long_a_pair_has_lasted_against_the_year_the_text_names(extract_text) -> None:
    # the year the text says it is, not the page's date, is what the twenty years count back from
    text = "2019年11月18日 来源:人民网\n\n2018年，是湖南对口援疆二十年。"
    assert dict(pairing(extract_text(text), "430000", "650000").qualifiers).get("start_year") == 1998
    # "已携手走过了8年" inside the pair's phrase, in a page of 2024
    text = "刊发日期:2024-04-09\n\n周科说，莱西与两当已携手走过了8年的协作帮扶岁月。"
    assert dict(pairing(extract_text(text), "370285", "621228").qualifiers).get("start_year") == 2016


def test_speaker_province_by_its_cities_and_helpers_support_in_aspects(extract_text) -> None:
    # a report passage with no header: 我省 is the province of the cities it names
    text = ("湛江巴斯夫项目开工，成为我省最大的单一外资项目。惠州、广州、深圳的项目顺利推进。"
            "对口支援西藏、新疆、四川甘孜工作扎实推进。")
    assert pairs(extract_text(text)) == {("440000", "540000"), ("440000", "650000"), ("440000", "513300")}
    header = "政府工作报告\n——2020年1月在云南省第十三届人民代表大会第三次会议上\n\n"
    text = header + "中央定点扶贫单位和上海市、广东省在项目资金投入、产业就业扶贫、智力人才帮扶等方面给予了大力支持。"
    assert pairs(extract_text(text)) == {("310000", "530000"), ("440000", "530000")}


def test_agreements_program_names_and_a_long_sentence_of_years(extract_text) -> None:
    # the verb names a kind of agreement: a headline's next words are no recipient
    assert pairs(extract_text("晋江与长汀九乡镇签订结对帮扶协议 晋江再捐2000万")) == set()
    # 援藏 inside a quoted national program's name is not the subject's aid to 西藏
    text = "2018年，新北区选派教师参加了国家首批“援藏援疆万名教师支教计划”赴新疆支教。"
    assert ("320411", "540000") not in pairs(extract_text(text))
    text = ("2020年11月4日 来源：金平县\n\n长宁区与金平县在党中央东西部扶贫协作的战略部署下，结为携手并进的好兄弟、"
            "共同推进脱贫攻坚的亲密战友，一同走过了24年。")
    assert dict(pairing(extract_text(text), "310105", "532530").qualifiers).get("start_year") == 1996


def test_speaker_partner_named_with_its_counties_and_a_field_of_duikou_cooperation(extract_text) -> None:
    header = "政府工作报告\n——2020年在东莞市第十六届人民代表大会第五次会议上\n\n"
    assert pairs(extract_text(header + "推动昭通对口贫困县全部摘帽。")) == {("441900", "530600")}
    header = "政府工作报告\n——2020年1月在广西壮族自治区第十三届人民代表大会第三次会议上\n\n"
    assert pairs(extract_text(header + "加强与广东对口产业合作，建设产业转移示范区。")) == {("440000", "450000")}


def test_the_norths_duikou_cooperation_is_no_east_west_pair(extract_text) -> None:
    text = ("明确辽宁省与江苏省，吉林省与浙江省，黑龙江省与广东省；长春市与天津市，哈尔滨市与深圳市建立对口合作关系。")
    assert pairs(extract_text(text)) == set()
    assert pairs(extract_text("浙吉对口合作奏响协同发展强音。")) == set()


def test_first_batches_cutoffs_and_named_parts(extract_text) -> None:
    text = ("方城，1960年5月生。1995年至1998年，为上海市第一批援藏干部，担任日喀则地区计经委专业干部。\n"
            "这六批来自黄浦江畔的上海援藏干部，为日喀则地区，特别是为江孜、拉孜、亚东、定日和萨迦五县的经济社会发展"
            "注入了活力。截至2013年6月，上海市先后选派了六批308名援藏干部到日喀则地区挂职锻炼。")
    extraction = extract_text(text)
    assert dict(pairing(extraction, "310000", "540000").qualifiers).get("start_year") == 1995
    assert dict(pairing(extraction, "310000", "540200").qualifiers).get("start_year") != 2013
    assert {("310000", "540222"), ("310000", "540225")} <= pairs(extraction)
    # "这一年" is the year just named
    text = "两地的牵手，始于2013年。这一年2月，国务院办公厅新增上海、苏州4个东部城市对口帮扶贵州。"
    assert dict(pairing(extract_text(text), "320500", "520000").qualifiers).get("start_year") == 2013


def test_a_semicolon_list_of_dash_pairs_after_an_introduction(extract_text) -> None:
    text = ("按照《实施方案》，具体结对安排如下：上海市闵行区——安徽省淮南市；上海市松江区——安徽省六安市；"
            "江苏省南京市——安徽省滁州市。")
    assert pairs(extract_text(text)) == {("310112", "340400"), ("310117", "341500"), ("320100", "341100")}
    # a list introduced by something else names no pairs
    text = "长三角交通\n\n主要高铁线路如下：上海市——安徽省淮南市；江苏省南京市——安徽省滁州市。"
    assert pairs(extract_text(text)) == set()


def test_the_subjects_parts_before_respectively_and_a_dash_pair_before_a_matchmaking(extract_text) -> None:
    text = ("本报讯 记者报道。我市坚持对口帮扶。按照中央和省的部署，我市由火炬开发区、石岐区、东区、小榄镇分别结对"
            "云南省昭通市的大关县、盐津县、绥江县和永善县。")
    found = pairs(extract_text("中山日报\n\n" + text.replace("我市坚持", "中山市坚持")))
    assert {("442000", "530624"), ("442000", "530623"), ("442000", "530626"), ("442000", "530625")} <= found
    # a bare 东区 is no district of 攀枝花
    assert all(r != "510402" for _, r in found)
    text = "北京市支援合作办公室\n\n4月28日，“深化京蒙协作助力乡村振兴”通辽-北京项目对接会召开。"
    assert ("110000", "150500") in pairs(extract_text(text))


def test_a_report_whose_header_names_no_place_speaks_for_the_city_it_names_most(extract_text) -> None:
    text = ("政府工作报告\n\n（五）城乡发展更加协调。广州南站、海珠湾建设提速，海珠区、广州塔片区面貌一新，"
            "广州实施乡村振兴战略。帮扶毕节、黔南、清远、梅州等8个市（州）44个县（市、区）如期打赢脱贫攻坚战。")
    assert {("440100", "520500"), ("440100", "522700")} <= pairs(extract_text(text))
    # a story that says 我们 is no report: its most named city does not become its speaker
    story = "东西协作显真情\n\n我们看到，厦门市湖里区、厦门市思明区、厦门市集美区的干部在东乡县。"
    assert speaker(analyse(Document.from_text(story))) is None


def test_speaker_partners_written_side_by_side(extract_text) -> None:
    header = "政府工作报告\n（2020年4月26日在杭州市第十三届人民代表大会第五次会议上）\n\n"
    found = pairs(extract_text(header + "继续开展对口合作，深化新疆西藏青海等地对口支援。"))
    assert found == {("330100", "650000"), ("330100", "540000"), ("330100", "630000")}


def test_a_county_abbreviated_after_yuan_is_the_aided_county(extract_text) -> None:
    text = ("常州援疆工作组在乌恰县\n\n江苏省常州市对口支援新疆乌恰县。乌恰县地处边境，乌恰各族群众盼发展。"
            "近年来，江苏对口援乌聚焦边区群众关切，建成一批民生项目。")
    assert ("320000", "653024") in pairs(extract_text(text))
    # 援建 and 援助 are words, not 援 and a place named 建… or 助…
    text = "建水县迎来客商。建水县、建水紫陶闻名。浙江省援建了一批学校，浙江省援助资金也已到位。"
    assert ("330000", "532524") not in pairs(extract_text(text))


def test_a_citys_aid_to_a_whole_province_gives_way_to_the_places_it_names_there(extract_text) -> None:
    text = ("援疆成果\n\n福建援疆漳州分指挥部聚焦木垒县民生短板，建成一批学校。漳州援疆干部接续奋斗，"
            "在漳州援疆资金的支持下，项目落地。")
    found = pairs(extract_text(text))
    assert ("350600", "650000") not in found
    # a province's own 援疆 stays, and a city with no place named there keeps it too
    assert ("350000", "650000") in found
    assert ("350600", "650000") in pairs(extract_text("援疆成果\n\n漳州援疆干部接续奋斗，项目落地。"))


def test_a_county_name_that_is_a_word_pairs_with_a_place(extract_text) -> None:
    text = "劳务协作\n\n自14日高明对口协作施秉、黄平两地工作启动后，两地人社部门积极对接，组织务工人员赴粤。"
    assert pairs(extract_text(text)) == {("440608", "522623"), ("440608", "522622")}
    # the word alone is no place
    assert pairs(extract_text("劳务协作\n\n这个办法很高明，施秉县的干部都说好。")) == set()


def test_the_helper_carries_over_semicolons_that_open_with_a_verb_of_aid(extract_text) -> None:
    text = ("区情\n\n自2016年起，黄埔区对口帮扶广东省清远市阳山县；东西部扶贫协作贵州黔南州的独山县和三都县、"
            "贵州都匀市；对口支援西藏的波密县以及新疆的疏附县。")
    found = pairs(extract_text(text))
    assert {("440112", "522726"), ("440112", "522732"), ("440112", "522701"), ("440112", "540424"),
            ("440112", "653121")} <= found
    # a province before 的 only qualifies: 新疆→西藏 is no pair
    assert ("650000", "540000") not in found
    # a semicolon part with its own subject does not carry the helper on
    text = "区情\n\n黄埔区对口帮扶阳山县；贵州省帮扶本省贫困县。"
    assert ("440112", "520000") not in pairs(extract_text(text))


def test_a_partner_named_after_its_label(extract_text) -> None:
    text = "滨州日报讯 走进消费扶贫馆，馆内销售的都是我市扶贫协作县——重庆市奉节县的特色产品。滨州市各界踊跃购买。"
    assert ("371600", "500236") in pairs(extract_text(text))


def test_the_place_of_aid_staff_is_their_partner(extract_text) -> None:
    # the place before them, their post there, or where they went
    found = pairs(extract_text("援藏纪事\n\n在日喀则的上海援藏干部，把家安在了高原。"))
    assert ("310000", "540200") in found
    found = pairs(extract_text("援宁纪事\n\n福建援宁挂职干部、固原市政府副秘书长陈明深入村组调研。"))
    assert ("350000", "640400") in found
    found = pairs(extract_text("援疆纪事\n\n2019年，我们上海对口援疆干部一行来到新疆喀什地区，开始三年工作。"))
    assert ("310000", "653100") in found
    found = pairs(extract_text("援青纪事\n\n在青海省玛多县，来自上海黄浦的援青干部走村入户。"))
    assert ("310101", "632626") in found
    # a place where something happens to be held is no partner of theirs
    found = pairs(extract_text("援藏纪事\n\n江苏援藏项目推进会在拉萨市墨竹工卡县召开。"))
    assert ("320000", "540127") not in found


def test_places_counted_as_a_helpers_partners(extract_text) -> None:
    text = "援藏纪事\n\n三年里，工作组跑遍了亚东、江孜两个上海对口帮扶县，看到了变化。"
    assert {("310000", "540233"), ("310000", "540222")} <= pairs(extract_text(text))
    # places counted as something else are no partners
    text = "援藏纪事\n\n三年里，工作组跑遍了亚东、江孜两个上海游客最爱的县。"
    assert ("310000", "540233") not in pairs(extract_text(text))


def test_a_helpers_cadre_and_the_post_held_in_a_place(extract_text) -> None:
    text = "扶贫协作\n\n温州挂职干部、阿坝州壤塘县副县长陈力走访贫困户。"
    assert ("330300", "513230") in pairs(extract_text(text))


def test_the_speakers_tasks_of_aid_name_its_partners(extract_text) -> None:
    text = "南京市政府工作报告\n\n今年要完成商洛市、西宁市脱贫帮扶任务，巩固成果。"
    assert {("320100", "611000"), ("320100", "630100")} <= pairs(extract_text(text))


def test_two_places_that_pair_up_to_build(extract_text) -> None:
    text = "山水情深\n\n1997年5月，无锡、延安两市结对共建，此后往来不断。"
    assert pairing(extract_text(text), "320200", "610600").q("start_year") == 1997


def test_funds_put_into_a_place_pair_the_giver_with_it_but_do_not_date_the_pair(extract_text) -> None:
    text = "京蒙协作\n\n2020年，北京已累计向赤峰投入项目帮扶资金33亿元。"
    found = pairing(extract_text(text), "110000", "150400")
    assert found.q("start_year") is None
    # funds the west sends east are no aid of the east's
    assert ("110000", "150400") not in pairs(extract_text("协作\n\n赤峰向北京投入协作资金。"))


def test_the_speakers_county_named_as_helper_stands_for_it(extract_text) -> None:
    text = ("宁波市对口帮扶黔西南纪实\n\n我市持续推进东西部协作。这家企业的加工车间正是对口帮扶晴隆县的"
            "宁海县投入1100万元帮扶资金建设的。")
    found = pairs(extract_text(text))
    assert ("330226", "522324") in found
    assert ("330200", "522324") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 和 … 就: the two parties of what follows, not two items of a list
        ("从2013年开始，杭州和黔东南就加强了深度合作，携手走过5年对口帮扶路。", {("330100", "522600")}),
        ("各区要落实天津市和甘肃省就开展东西部扶贫协作的各项部署。", {("120000", "620000")}),
        # a team named after the recipient and the helper
        ("采访团在黔西南宁波帮扶工作队的陪伴下走遍各县。", {("330200", "522300")}),
        # 对 … 的援建
        ("更是2008年汶川特大地震后广东对汶川的倾情援建。", {("440000", "513221")}),
        # former names: 南汇区 is now part of 浦东新区, 文山县 is 文山市
        ("南汇区经委拿出20万元，对口帮扶文山县。", {("310115", "532601")}),
        # what a helper built in a place, its subject carried over a comma; the west builds nothing in the east
        ("南汇区经委拿出20万元，在广南县坝美镇援建了革乍小学。", {("310115", "532627")}),
        ("上海市在文山州捐建学校。", {("310000", "532600")}),
        ("地震后，四川在北京援建了展览馆。", set()),
    ],
)
def test_parties_of_jiu_teams_aid_built_and_former_names(extract_text, text: str,
                                                         expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_denied_pairing_and_a_same_side_topic_give_nothing(extract_text) -> None:
    assert pairs(extract_text("苏州市与陕西省无结对帮扶关系。")) == set()
    assert pairs(extract_text("北京和天津就京津冀协同发展加强合作。")) == set()


def test_funds_put_into_a_place_named_right_after_the_verb_and_xiezuo_as_a_verb(extract_text) -> None:
    assert pairs(extract_text("2016至2020年，北京市累计投入内蒙古扶贫资金39.43亿元。")) == {("110000", "150000")}
    assert pairs(extract_text("北京市给内蒙古投入扶贫资金。")) == {("110000", "150000")}
    assert pairs(extract_text("赤峰投入北京协作资金。")) == set()
    # 广东省 only assigns the task; 凉山州 only qualifies its counties
    assert pairs(extract_text("广东省安排佛山市扶贫协作凉山州昭觉、布拖、美姑等11个贫困县。")) == {
        ("440600", "513431"), ("440600", "513429"), ("440600", "513436")}


def test_a_pair_word_of_the_northeasts_hezuo_is_no_aid(extract_text) -> None:
    text = ("牡丹江市与东莞市对口合作走深走实。东莞松山湖管委会赴牡丹江市考察，松山湖企业与牡丹江市经合局签约。"
            "这是南北互动、莞牡合作的又一重大举措。自2017年以来，东莞和牡丹江两市的产业合作不断深化。")
    assert pairs(extract_text(text)) == set()


def test_a_place_that_became_a_helpers_site_of_aid(extract_text) -> None:
    assert pairs(extract_text("5年前，三师、图木舒克市成了广东对口援建点。")) == {("440000", "659003")}


def test_years_ago_count_back_from_the_date_line(extract_text) -> None:
    found = pairing(extract_text("发布时间：2015-06-01\n\n5年前，三师、图木舒克市成了广东对口援建点。"), "440000", "659003")
    assert found.q("start_year") == 2010
    undated = pairing(extract_text("5年前，三师、图木舒克市成了广东对口援建点。"), "440000", "659003")
    assert undated.q("start_year") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a preposition jieba glues to the place's first character (自信|宜)
        ("茂名市信宜市与忻城县结对。自信宜与忻城开展扶贫协作以来，两地交流频繁。", {("440983", "451321")}),
        ("龙岗区区长率队赴广西百色那坡县、靖西市开展对口协作工作。", {("440307", "451026"), ("440307", "451081")}),
        # a partner's delegation visiting the helper
        ("贵州省六盘水市盘州市党政代表团到中山市开展东西部协作考察交流。", {("442000", "520281")}),
        ("2018年1月，浦东的帮扶范围又增加了大理州的祥云、宾川6县。",
         {("310115", "532900"), ("310115", "532923"), ("310115", "532924")}),
        ("2017年闵行区对口支持昌宁县中草药种植项目。", {("310112", "530524")}),
        ("盐津县，则是闵行区对口帮扶的四县之一。", {("310112", "530623")}),
        ("2017年，福州市连江县、定西市陇西县正式确立东西部对口扶贫协作关系。", {("350122", "621122")}),
        ("今年，安吉县和金川县正式确定协作关系。", {("330523", "513226")}),
        ("北京市扶贫协作资金1350万元用于巴林左旗。", {("110000", "150422")}),
        ("根据省市部署，红原县由苍南、永嘉、平阳三县共同结对帮扶。",
         {("330327", "513233"), ("330324", "513233"), ("330326", "513233")}),
        ("广州市白云区对口帮扶罗甸县。今年是白云区与罗甸县缔结山海之盟的第三个年头。", {("440111", "522728")}),
    ],
)
def test_visits_ranges_one_of_established_relations_and_funds_used(extract_text, text: str,
                                                                   expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_provinces_delegation_to_the_helpers_cities_pairs_no_city_with_the_province(extract_text) -> None:
    text = "自治区主席率广西党政代表团赴广州、深圳两市考察，深化粤桂扶贫协作。"
    assert ("440100", "450000") not in pairs(extract_text(text))


def test_a_citys_aid_word_names_no_province_where_the_text_names_its_places(extract_text) -> None:
    text = "嘉定区对口帮扶永仁县。嘉定区领导看望慰问嘉定派驻当地的援滇干部。"
    assert pairs(extract_text(text)) == {("310114", "532327")}
    # with no place of the province named, the aid word still names the province
    assert pairs(extract_text("嘉定区领导看望慰问嘉定的援滇干部。")) == {("310114", "530000")}


def test_the_speaker_is_none_of_the_places_joined_to_it(extract_text) -> None:
    text = ("粤、浙与川开展东西部扶贫协作\n\n广东省珠海市帮助普格县修建新房，浙江省安吉县捐赠白茶苗。"
            "四川数以万计的贫困群众因此改变命运。广东、浙江两省派出干部。"
            "按照中央部署，广东省、浙江省与我省开展东西部扶贫协作和对口支援工作。四川各地深受其益。")
    found = pairs(extract_text(text))
    assert {("440000", "510000"), ("330000", "510000")} <= found


def test_the_speaker_does_not_depend_on_the_hash_seed() -> None:
    """Two coreferences as often each: the speaker is the one named first, in every process."""
    probe = ("from shanhai.extract.document import Document\n"
             "from shanhai.extract.pipeline import analyse\n"
             "from shanhai.extract.relations.pairing import speaker\n"
             "print(speaker(analyse(Document.from_text('福建省与宁夏回族自治区对口协作纪实\\n\\n我省干部说，我区群众热情。\\n'))))\n")
    answers = {subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
               for seed in range(8)}
    assert answers == {"350000"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # thanks to a helper for what it gave a place; thanks go from west to east only
        ("他代表全县人民感谢浦东新区对大理州长期以来的大力支持。", {("310115", "532900")}),
        ("同时对南通、启东市对西乡县的深情厚谊表示感谢。", {("320600", "610724"), ("320681", "610724")}),
        ("对贵州省对广州的支持表示感谢。", set()),
        # a date before 就
        ("嘉定和楚雄于1983年就开始经济技术协作和对口支援。", {("310114", "532300")}),
        # funds put in a place; the west puts none in the east
        ("2019年，普陀区在禄劝县4个乡镇投入资金助力特色农业发展。", {("310107", "530128")}),
        ("2019年，禄劝县在普陀区投入资金。", set()),
    ],
)
def test_thanks_a_dated_jiu_and_funds_put_in_a_place(extract_text, text: str,
                                                    expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_thanks_and_funds_in_a_place_do_not_date_the_pair(extract_text) -> None:
    found = pairing(extract_text("2019年，普陀区在禄劝县投入资金。"), "310107", "530128")
    assert found.q("start_year") is None
    assert pairing(extract_text("嘉定和楚雄于1983年就开始对口支援。"), "310114", "532300").q("start_year") == 1983


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # partners named, then called the helper's 对口地区 or 受援单位
        ("毕节市与黔南州是广州市东西部扶贫协作对口地区。", {("440100", "520500"), ("440100", "522700")}),
        ("和田地区是北京对口援疆受援单位。", {("110000", "653200"), ("110000", "650000")}),
        # a helper's team stationed in a place; the west stations no aid team in the east
        ("永春县驻宁夏同心工作组积极争取资金。", {("350525", "640324")}),
        ("广州驻毕节工作组组长介绍情况。", {("440100", "520500")}),
        ("宁夏驻福建工作组。", set()),
        # a place's partner named right after its label, either way round
        ("贵州省黔西南州积极与对口帮扶城市宁波对接。", {("330200", "522300")}),
        # two places called paired cities (结对城市), and a partner called the helper's 援疆地州
        ("广东东莞市和云南昭通市是东西部扶贫协作结对城市。", {("441900", "530600")}),
        ("新疆昌吉州是福建省援疆地州。", {("350000", "652300"), ("350000", "650000")}),
        # a team sent (赴) to the place it works in, named for the cooperation; a visit's team is none
        ("余杭区赴苍溪县东西部协作工作组组长讲话。", {("330110", "510824")}),
        ("上海市赴云南考察工作组一行。", set()),
        # 和 …，是 … 对口支援地区; 和 … 因 … 而结缘
        ("延边州和宁波市，是国务院确定的对口支援地区。", {("330200", "222400")}),
        ("拱墅区和巴东县因东西部扶贫协作而结缘。", {("330105", "422823")}),
        ("北京和天津因京津冀协同发展而合作。", set()),
    ],
)
def test_partners_called_so_stationed_teams_and_he_with_yin_or_shi(extract_text, text: str,
                                                                    expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_county_word_jieba_knows_as_a_place_is_the_county_the_text_names_in_full(extract_text) -> None:
    text = "巴东县京杭农业公司扩大生产。2017年至2020年，杭州市拱墅区对口帮扶巴东。"
    assert ("330105", "422823") in pairs(extract_text(text))
    # without the full name, a frequent word stays a word
    assert pairs(extract_text("2017年至2020年，杭州市拱墅区对口帮扶巴东。")) == set()


def test_a_news_items_quoted_women_does_not_make_a_speaker(extract_text) -> None:
    text = ("湖北恩施州脱贫工作进入冲刺\n\n杭州日报讯 杭州市帮扶湖北恩施州工作队出发了。"
            "“我们回去后先摸底。”队长说。从2013年开始帮扶黔东南州，杭州累计投入资金数十亿元。")
    found = pairs(extract_text(text))
    assert ("330100", "422800") in found
    assert not any(h == "420000" for h, _ in found)


def test_yuan_zangqu_is_aid_to_the_tibetan_areas_not_to_tibet(extract_text) -> None:
    assert pairs(extract_text("四川省新一轮对口支援藏区工作正式启动。")) == set()
    assert ("330000", "540000") in pairs(extract_text("浙江援藏干部抵达那曲。"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 和 joins the two sides of a cooperation they start; the list after it is one side
        ("2016年10月，宝安区和广西都安瑶族自治县、大化瑶族自治县对口开展扶贫协作。",
         {("440306", "451228"), ("440306", "451229")}),
        ("2018年，思明区和临夏市建立东西部扶贫协作关系。", {("350203", "622901")}),
        ("北京和天津开展扶贫协作。", set()),
        # 助推, a weak verb of aid like 助力
        ("宁波市积极助推安图县扶贫攻坚。", {("330200", "222426")}),
        ("科技创新助推贵州发展。", set()),
    ],
)
def test_he_before_a_cooperation_started_and_zhutui(extract_text, text: str,
                                                   expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_a_start_said_of_a_helpers_aid_alone_dates_its_one_partner(extract_text) -> None:
    text = "北京市对口支援巴东县，杭州市对口支援恩施州。北京市的对口支援始于1993年，此后从未间断。"
    assert pairing(extract_text(text), "110000", "422823").q("start_year") == 1993
    # with two partners in the text, the helper's start is not either one's
    two = "北京市对口支援巴东县和拉萨市。北京市的对口支援始于1993年。"
    assert pairing(extract_text(two), "110000", "422823").q("start_year") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("福建省第九批援藏工作队左贡县工作组（厦门援藏工作队）全体队员捐款。",
         {("350000", "540000"), ("350000", "540327"), ("350200", "540327")}),
        ("广东省第十批援藏工作队工布江达县（中山）工作组组长。",
         {("440000", "540000"), ("440000", "540421"), ("442000", "540421")}),
    ],
)
def test_a_provincial_aid_teams_group_in_a_place_run_by_one_of_its_cities(extract_text, text: str,
                                                                            expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "helper", "recipient", "year"),
    [
        # a since-clause with its partner, fronted before its subject
        ("自2021年与四川省南充市嘉陵区结成东西部协作关系以来，浙江台州临海市积极推进各项工作。",
         "331082", "511304", 2021),
        # the subject's cooperation with a partner, deepened since a year
        ("2017年以来，广东省江门市蓬江区不断完善和广西崇左天等县的扶贫协作体系。", "440703", "451425", 2017),
    ],
)
def test_a_fronted_since_clause_with_the_partner_and_cooperation_deepened_with_it(
        extract_text, text: str, helper: str, recipient: str, year: int) -> None:
    assert pairing(extract_text(text), helper, recipient).q("start_year") == year


def test_cooperation_deepened_between_two_eastern_places_is_no_pair(extract_text) -> None:
    assert pairs(extract_text("北京市深化与天津市的扶贫协作。")) == set()


def test_lines_of_a_list_each_give_a_helper_and_the_places_it_serves(extract_text) -> None:
    text = ("新一轮对口支援安排如下。\n支援方：受援方\n1、天津：策勒县、于田县。\n2、安徽：皮山县。\n"
            "3、江西：阿克陶县。（克州）")
    assert pairs(extract_text(text)) == {("120000", "653225"), ("120000", "653226"), ("340000", "653223"),
                                         ("360000", "653022")}
    # a line that does not open a line of the text, or a list on no topic of aid, pairs nothing
    assert pairs(extract_text("会议决定，1、天津：策勒县、于田县。")) == set()
    assert pairs(extract_text("各地气温如下。\n1、天津：策勒县、于田县。")) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the helpers named after the one they aid
        ("目前对口支援巴东县的是北京市和杭州市下城区。", {("110000", "422823"), ("330105", "422823")}),
        # a helper's party visits the place it aids
        ("市长率襄阳市考察团赴对口援藏的琼结县考察。", {("420600", "540524")}),
        # an epithet in quotes between the verb and the place
        ("东营市帮助“贡米之乡”重庆市酉阳县引进大闸蟹。", {("370500", "500242")}),
        # what an eastern place builds in a western one; not inside one province
        ("青岛市在甘肃省陇南武都区建设肉兔养殖基地。", {("370200", "621202")}),
        ("北京市在怀柔区建设基地。", set()),
        # a team sent by a helper to work in a place
        ("温州市瑞安援派四川省南部县工作队投入帮扶资金。", {("330381", "511321")}),
    ],
)
def test_helpers_named_after_visits_epithets_works_and_teams_sent(extract_text, text: str,
                                                                  expected: set[tuple[str, str]]) -> None:
    assert pairs(extract_text(text)) == expected


def test_the_parts_listed_after_a_recipient_share_its_start(extract_text) -> None:
    text = "北京市对口支援拉萨市“两区两县城”，包括城关区、堆龙德庆区、当雄县、尼木县，1995年以来派出干部。"
    found = extract_text(text)
    for county in ("540102", "540103", "540122", "540123"):
        assert pairing(found, "110000", county).q("start_year") == 1995


def test_the_helper_and_the_city_running_its_group_named_after_the_place_they_work_in(extract_text) -> None:
    found = pairs(extract_text("目前，正在巴宜区进行对口支援的是广东省第九批援藏工作队东莞工作组。"))
    assert {("440000", "540402"), ("441900", "540402")} <= found


def test_people_a_helper_sends_to_do_aid_work_pair_it_with_the_place_but_do_not_date_the_pair(extract_text) -> None:
    text = "2018年，青岛选派医疗骨干到宁陕县开展医疗卫生支援交流。"
    found = pairing(extract_text(text), "370200", "610923")
    assert found.q("start_year") is None
    listed = "泉州市已先后选派11批46位干部前往宁夏固原市原州区和吴忠市同心县、红寺堡区等地开展结对帮扶。"
    assert pairs(extract_text(listed)) >= {("350500", "640402"), ("350500", "640324"), ("350500", "640303")}
    # the west does not send aid east
    assert pairs(extract_text("宁夏选派干部到福建省挂职锻炼。")) == set()


def test_a_township_last_in_a_list_and_partners_named_after_an_aside(extract_text) -> None:
    thanks = "感谢市北区、台东街道一直以来对西和县、兴隆镇的精准帮扶。"
    assert pairs(extract_text(thanks)) == {("370203", "621225")}
    listed = "目前长宁区对口的地方特别好记，简称‘红绿金’，是云南省红河州红河县、绿春县和金平县。"
    assert pairs(extract_text(listed)) == {("310105", "532529"), ("310105", "532531"), ("310105", "532530")}


def _by_pair_word(found) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(t.subject.key, t.object.key) for t in found.triples
            if t.predicate == "pairsWith" and t.object is not None and "pairword" in t.evidence.rule}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a county the text is about, by its first character (莞印 = 东莞 and 印江)
        ("东莞市与贵州省印江土家族苗族自治县结对以来，印江县木黄村建成风雨桥。印江县群众称赞，印江县干部点赞。"
         "莞印协作助力木黄村乡村振兴。", {("441900", "520625")}),
        # two places the text is about, both by their first characters, in a cooperation word; 甘 is 甘洛
        # here, as the text names no place in 甘肃
        ("奉化区妇联赴甘洛县开展帮扶。甘洛县妇联、甘洛县儿童之家受赠奉化区物资，奉化区表示，"
         "持续加强奉甘两地巾帼协作。", {("330213", "513435")}),
        # 江 is the city that holds the district also named
        ("江门市江海区残联赴崇左市大新县。江海区、江海区、江门市、江门市与崇左市、崇左市、崇左市签订协议，"
         "推动江崇协作。", {("440700", "451400")}),
    ],
)
def test_pair_words_of_places_the_text_is_about(extract_text, text: str, expected: set[tuple[str, str]]) -> None:
    assert _by_pair_word(extract_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a helper's aid command named after the place it serves
        ("上海援疆叶城县分指挥部全体干部人才积极响应号召。", ("310000", "653126")),
        # a helper's aid command at work in a place
        ("绍兴市援疆指挥部全体援疆干部人才赴阿瓦提县开展义务植树活动。", ("330600", "652928")),
        # or holding an event there
        ("江西省援疆工作前方指挥部在阿克陶县举办民族团结联谊活动。", ("360000", "653022")),
    ],
)
def test_a_helpers_aid_command_named_after_or_at_work_in_a_place(extract_text, text: str,
                                                                  expected: tuple[str, str]) -> None:
    assert expected in pairs(extract_text(text))


def test_a_citys_development_zone_with_its_district_in_brackets_is_the_district(extract_text) -> None:
    text = "今年5月，紫阳县与常州市高新区(新北区)签订结对帮扶协议。"
    assert pairs(extract_text(text)) == {("320411", "610924")}


def test_places_each_helper_takes_on_and_a_post_held_by_the_head_of_an_aid_body(extract_text) -> None:
    text = ("从1996年起，常州市与安康市开展对口挂钩扶贫协作工作，溧阳市对接汉阴、白河县，"
            "金坛区对接石泉、宁陕县，钟楼区对接镇坪县。")
    found = extract_text(text)
    assert {("320481", "610921"), ("320481", "610929"), ("320413", "610922"), ("320413", "610923"),
            ("320404", "610927")} <= pairs(found)
    # the assignments are today's: the year the cities paired does not date them
    assert pairing(found, "320481", "610921").q("start_year") is None
    # one 对接 alone is a meeting of minds, not an assignment
    assert pairs(extract_text("会上，溧阳市对接汉阴县，双方交流了经验。")) == set()
    post = "昌吉州党委副书记、福建援疆前方指挥部总指挥长王中出席。"
    assert ("350000", "652300") in pairs(extract_text(post))
    # several posts in the place before the aid body's
    posts = "林芝市市委副书记、常务副市长、广东省援藏工作队领队林科聪出席。"
    assert ("440000", "540400") in pairs(extract_text(posts))
    # a member of the place's party committee (常委) holds a post there too
    member = "霍城县委常委、副县长、江阴援疆工作组负责人朱晓峰说，成效明显。"
    assert ("320281", "654023") in pairs(extract_text(member))


def test_a_place_renamed_in_an_aside_does_not_end_its_pair(extract_text) -> None:
    text = ("1995年5月，嘉兴首批援藏干部远赴西藏那曲地区那曲县开展对口支援"
            "（2017年撤销那曲地区和那曲县，改为地市级那曲市和色尼区）。")
    qualifiers = dict(pairing(extract_text(text), "330400", "540602").qualifiers)
    assert qualifiers.get("start_year") == 1995
    assert "end_year" not in qualifiers
