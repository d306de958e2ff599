"""Time expressions, program starts, amounts and organisations on written test sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest
from shanhai.extract.document import Document
from shanhai.extract.pipeline import analyse


def times(text: str) -> list[tuple[str, int, str]]:
    an = analyse(Document.from_text(text))
    return [(m.text, int(m.get("year") or 0), str(m.get("type"))) for m in an.mentions if m.kind == "time"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一九九六年，中央作出部署。", ("一九九六年", 1996, "year")),
        ("２０１６年７月，座谈会召开。", ("２０１６年７月", 2016, "year")),
        ("2011—2020年是关键十年。", ("2011—2020年", 2011, "range")),
        ("到2020年全面建成小康社会。", ("2020年", 2020, "target")),
        ("力保项目在2017年按期投产。", ("2017年", 2017, "target")),
        ("计划于2025年建成。", ("2025年", 2025, "target")),
        ("两地协作可追溯至1996年。", ("1996年", 1996, "year")),
    ],
)
def test_time_forms(text: str, expected: tuple[str, int, str]) -> None:
    assert expected in times(text)


def test_relative_years_follow_the_last_stated_year() -> None:
    found = times("2013年6月，方案印发。同年7月，协议签订。次年，项目启动。")
    assert ("同年7月", 2013, "relative") in found
    assert ("次年", 2014, "relative") in found


def starts(extract_text, text: str) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return {(t.subject.key, int(t.value)) for t in extract_text(text).triples  # type: ignore[arg-type]
            if t.predicate == "startedIn"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016年12月，中共中央办公厅、国务院办公厅印发《关于进一步加强东西部扶贫协作工作的指导意见》。",
         ("关于进一步加强东西部扶贫协作工作的指导意见", 2016)),
        ("1994年，国务院颁布实施《国家八七扶贫攻坚计划》。", ("国家八七扶贫攻坚计划", 1994)),
        ("2016年7月，全国东西部扶贫协作座谈会在银川召开。", ("全国东西部扶贫协作座谈会", 2016)),
        ("东西扶贫协作于1996年正式启动。", ("东西部扶贫协作", 1996)),
        ("2018年，两地出台《三年行动计划（2018—2020年）》等文件。", ("三年行动计划(2018—2020年)", 2018)),
        ("2017年，携手奔小康行动全面启动。", ("携手奔小康行动", 2017)),
    ],
)
def test_program_starts(extract_text, text: str, expected: tuple[str, int]) -> None:
    assert expected in starts(extract_text, text)


def test_issuer_is_recorded(extract_text) -> None:
    ex = extract_text("2016年12月，中共中央办公厅、国务院办公厅印发《关于进一步加强东西部扶贫协作工作的指导意见》。")
    start = next(t for t in ex.triples if t.predicate == "startedIn")
    assert start.q("issuer") == "中共中央办公厅、国务院办公厅"
    assert start.q("month") == 12


def test_years_inside_titles_are_not_start_years(extract_text) -> None:
    text = "1995年9月，全会通过的《关于制定“九五”计划和2010年远景目标的建议》提出了对口帮扶。"
    found = starts(extract_text, text)
    assert ("关于制定九五计划和2010年远景目标的建议", 1995) in found
    assert all(year != 2010 for _, year in found)


def test_rename_is_its_own_fact(extract_text) -> None:
    ex = extract_text("2021年，由“东西部扶贫协作”扩展升级为“东西部协作”。")
    renames = [t for t in ex.triples if t.predicate == "renamedTo"]
    assert [(t.subject.key, t.object.key, t.q("year")) for t in renames if t.object] == [
        ("东西部扶贫协作", "东西部协作", 2021)
    ]
    assert ("东西部扶贫协作", 2021) not in starts(extract_text, "2021年，由“东西部扶贫协作”扩展升级为“东西部协作”。")


def amounts(text: str) -> list[tuple[str, Decimal, str, bool]]:
    an = analyse(Document.from_text(text))
    return [(m.text, Decimal(str(m.get("value"))), str(m.get("unit")), bool(m.get("approximate")))
            for m in an.mentions if m.kind == "amount"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("投入资金10亿元。", ("10亿元", Decimal("1000000000"), "元", False)),
        ("到位资金1.37 亿元。", ("1.37 亿元", Decimal("137000000"), "元", False)),
        ("销售额达7400余万元。", ("7400余万元", Decimal("74000000"), "元", True)),
        ("转移劳动力52.65 万人。", ("52.65 万人", Decimal("526500"), "人", False)),
        ("合作项目达到300多个。", ("300多个", Decimal("300"), "个", True)),
        ("总投资近13亿元。", ("近13亿元", Decimal("1300000000"), "元", True)),
        ("累计超过1万多亿元。", ("超过1万多亿元", Decimal("1000000000000"), "元", True)),
        ("帮助500多万贫困人口脱贫。", ("500多万贫困人口", Decimal("5000000"), "人", True)),
        ("培训干部三千人。", ("三千人", Decimal("3000"), "人", False)),
        ("组织１８１７名群众。", ("１８１７名", Decimal("1817"), "人", False)),
        ("帮助12.3万建档立卡贫困人口脱贫。", ("12.3万建档立卡贫困人口", Decimal("123000"), "人", False)),
        # 亿 with 元 left out, in a clause about funds
        ("去年99个试点项目投入36亿。", ("36亿", Decimal("3600000000"), "元", False)),
        ("今年援疆资金超百亿。", ("超百亿", Decimal("10000000000"), "元", True)),
        ("2.2万新疆高校毕业生赴援疆省市培养。", ("2.2万新疆高校毕业生", Decimal("22000"), "人", False)),
        # trips of chartered buses and trains carrying workers
        ("共组织2461班次专车。", ("2461班次", Decimal("2461"), "班次", False)),
        ("开行15趟专列。", ("15趟", Decimal("15"), "趟", False)),
        # sessions (场次) of clinics and shows, not 场 and a stray 次
        ("开展义诊521场次。", ("521场次", Decimal("521"), "场次", False)),
    ],
)
def test_amounts_normalised_to_base_units(text: str, expected: tuple[str, Decimal, str, bool]) -> None:
    assert expected in amounts(text)


@pytest.mark.parametrize("text", ["增长了12%。", "2019年一年间。", "一个人也不能少。", "元素周期表。", "提高4.6个百分点。"])
def test_not_amounts(text: str) -> None:
    assert amounts(text) == []


def test_amount_subject_measure_and_year(extract_text) -> None:
    ex = extract_text("2019年，陇南市借助东西部协作在青岛销售农特产品总额达7400余万元。")
    amount = next(t for t in ex.triples if t.predicate == "amount")
    assert amount.q("year") == 2019
    assert amount.subject.label in ("陇南市", "青岛市")
    assert "农特产品" in str(amount.q("measure"))


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("自1996年以来，福建累计向宁夏投入财政援助资金32亿元。", None),  # a running total
        ("2016—2020年，北京市共安排帮扶资金35亿元。", 2020),  # a period's total is for its end
        ("2019年，杭州市投入帮扶资金3亿元。", 2019),
    ],
)
def test_amount_year_of_totals_and_periods(extract_text, text: str, year: int | None) -> None:
    amount = next(t for t in extract_text(text).triples if t.predicate == "amount")
    assert amount.q("year") == year


def test_issuer_written_as_party_committee_and_government(extract_text) -> None:
    ex = extract_text("2019年1月，广东省委、省政府出台《关于深入推进东西部扶贫协作的实施意见》。")
    start = next(t for t in ex.triples if t.predicate == "startedIn")
    assert start.q("issuer") == "广东省委、省政府"


def test_quoted_program_after_a_modifier(extract_text) -> None:
    assert ("百千万行动", 2020) in starts(extract_text, "2020年，杭州市启动消费帮扶“百千万”行动。")


def test_figures_off_the_cooperation_topic_are_not_facts(extract_text) -> None:
    ex = extract_text("全市地区生产总值达到8278亿元。对口帮扶资金投入15亿元。")
    values = {str(t.value) for t in ex.triples if t.predicate == "amount"}
    assert values == {"1500000000"}


def test_organisations_and_where_they_operate(extract_text) -> None:
    ex = extract_text("如娃哈哈、青春宝等一大批明星企业先后入驻广元，浙江正泰集团落户苍溪县。")
    located = {(t.subject.label, t.object.key) for t in ex.triples
               if t.predicate == "locatedIn" and t.object is not None}
    assert ("娃哈哈", "510800") in located
    assert ("青春宝", "510800") in located
    assert ("浙江正泰集团", "510824") in located


def test_government_bodies_are_not_organisations(extract_text) -> None:
    ex = extract_text("国务院办公厅印发通知，浙江省人民政府落实。")
    assert not [t for t in ex.triples if t.predicate == "locatedIn"]


def test_congress_sessions_are_not_programs(extract_text) -> None:
    text = "政府工作报告\n——2019年1月9日在大连市第十六届人民代表大会第二次会议上\n2018年制定扶贫协作三年行动方案。"
    assert all("人民代表大会" not in name and not name.endswith("次会议") for name, _ in starts(extract_text, text))


def test_report_keeps_its_own_relief_figures_out(extract_text) -> None:
    """A work report's own poverty relief is not cooperation; its aid to partners is."""
    text = ("政府工作报告\n——2019年1月4日在呼和浩特市第十五届人民代表大会第二次会议上\n"
            "全市累计投入扶贫资金6.6亿元，减贫9013人。深化京蒙扶贫协作，北京市投入帮扶资金1.2亿元。")
    values = {str(t.value) for t in extract_text(text).triples if t.predicate == "amount"}
    assert values == {"120000000"}


def test_one_year_span_after_a_year_is_that_year(extract_text) -> None:
    ex = extract_text("2021年5月12日电 东西部协作带动下，仅2019年一年间，陇南在青岛销售农特产品总额达7400余万元。")
    amount = next(t for t in ex.triples if t.predicate == "amount")
    assert amount.q("year") == 2019


@pytest.mark.parametrize(
    "text",
    [
        "2019年，夷陵将切实把对口支援项目实施好，大力实施乡村振兴战略。",  # carrying on, not starting
        "2020年，两省区多措并举开展消费扶贫。",  # a national program carried on
        "2002年始，珠海与重庆市建立东西扶贫协作关系。",  # the pair's start, not the program's
    ],
)
def test_carrying_on_a_program_is_no_start(extract_text, text: str) -> None:
    assert starts(extract_text, text) == set()


def test_dated_news_reports_its_undated_events(extract_text) -> None:
    """A news item dated at its top reports a meeting "在…座谈会上" or "21日…开幕" as just held."""
    text = ("2018年05月25日\n\n在槐荫区·花垣县东西部扶贫协作座谈会上，双方签订《合作办学协议》。\n"
            "21日，“扶贫协作文化活动周”在上海开幕。")
    found = starts(extract_text, text)
    assert {("槐荫区·花垣县东西部扶贫协作座谈会", 2018), ("合作办学协议", 2018),
            ("扶贫协作文化活动周", 2018)} <= found
    # without the date at the top nothing is dated
    assert starts(extract_text, text.split("\n\n", 1)[1]) == set()


def test_following_a_decision_does_not_start_it(extract_text) -> None:
    text = "从1997年开始，按照中央关于对口支援新疆工作的有关部署和安排，上海先后选派了六批援疆干部。"
    assert starts(extract_text, text) == set()
    assert starts(extract_text, "1997年，中央部署对口支援新疆工作。") == {("对口支援新疆", 1997)}


def test_agreements_named_with_their_year(extract_text) -> None:
    text = "2022-05-23 08:08:40\n\n浙江省与四川省近日签署2022年东西部协作协议。"
    assert starts(extract_text, text) == {("2022年东西部协作协议", 2022)}


def test_a_portals_banner_does_not_make_a_news_item_a_report(extract_text) -> None:
    """"莒南县人民政府" over a news item is the site's name; the item's dateline dates its meeting."""
    text = ("莒南县人民政府\n\n侯占夫带队到城口县开展东西扶贫协作工作\n\n时间:2020-07-31 打印\n\n"
            "调研期间，莒南县与城口县召开了莒南县·城口县东西扶贫协作工作联席会。")
    assert ("莒南县·城口县东西扶贫协作工作联席会", 2020) in starts(extract_text, text)


def test_two_digit_year_web_dateline() -> None:
    found = times("23-07-11 08:07 来源：新天水\n7月8日，代表团到甘谷县考察。")
    assert ("7月8日", 2023, "relative") in found


def test_report_figures_in_sentences_naming_a_western_partner(extract_text) -> None:
    """In an eastern city's report a sentence about a western prefecture is part of the cooperation."""
    text = ("厦门市政府工作报告\n——在厦门市第十五届人民代表大会第三次会议上\n"
            "国有企业到临夏州投资成立15家公司。建设城区防洪排涝项目32个。")
    values = {str(t.value) for t in extract_text(text).triples if t.predicate == "amount"}
    assert values == {"15"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # agreements named without 《》 after 签订, each item of a 和-list dated
        ("2019年首次签订闽宁协作三年行动协议书和中央单位定点帮扶责任书。",
         {("闽宁协作三年行动协议书", 2019), ("中央单位定点帮扶责任书", 2019)}),
        # a meeting whose name joins two places with 、
        ("2015年6月，福建省、宁夏回族自治区扶贫协作联席会议在福州召开。",
         {("福建省、宁夏回族自治区扶贫协作联席会议", 2015)}),
        # a date opening the sentence dates the meeting reported in it
        ("2013年报道\n\n7月31日，记者从山东省、重庆市扶贫协作汇报会上获悉，项目进展顺利。",
         {("山东省、重庆市扶贫协作汇报会", 2013)}),
        # two titles issued together
        ("2016年，国务院印发《关于甲的意见》和《关于乙的通知》。",
         {("关于甲的意见", 2016), ("关于乙的通知", 2016)}),
    ],
)
def test_more_named_events(extract_text, text: str, expected: set[tuple[str, int]]) -> None:
    assert starts(extract_text, text) >= expected


@pytest.mark.parametrize(
    "text",
    [
        # agreements named by their kind alone
        "2019年，双方签订了合作协议，签署了3份框架协议，两地签订扶贫合作协议。",
        # a list of topics is no meeting name: the name starts after the last 、
        "2019年，扶贫、教育工作会议召开。",
    ],
)
def test_generic_agreements_and_topic_lists(extract_text, text: str) -> None:
    names = {name for name, _ in starts(extract_text, text)}
    assert not names & {"合作协议", "框架协议", "扶贫合作协议", "扶贫、教育工作会议"}


def test_national_program_is_not_dated_by_a_local_signing(extract_text) -> None:
    text = "2018年首次签订青川县产业协作协议书，组织实施东西部扶贫协作。"
    found = starts(extract_text, text)
    assert ("青川县产业协作协议书", 2018) in found
    assert ("东西部扶贫协作", 2018) not in found


def test_dated_news_launches_and_periods(extract_text) -> None:
    """A dated item's undated 启动 of a local program is news; a sentence about 这两年 is not."""
    head = "2020-07-13 来源：某市文明网\n\n"
    assert ("扶贫济困日活动", 2020) in starts(extract_text, head + "同时提前启动“扶贫济困日”活动，筹集资金。")
    assert starts(extract_text, head + "这两年，两省签订扶贫协作帮扶协议书。") == set()


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # 启幕 starts a program
        ("1996年，闽宁扶贫协作启幕。", ("闽宁扶贫协作", 1996), None),
        # a quoted event name keeps the part before 暨
        ("2003年“上海—阿克苏地区捐赠仪式暨经济技术项目推介会”昨天举行。",
         ("上海—阿克苏地区捐赠仪式暨经济技术项目推介会", 2003), "经济技术项目推介会"),
        # a national program with a region right after it is the pair's start
        ("北京从1994年开始对口支援西藏拉萨。", None, "对口支援"),
        # 发布 inside 新闻发布会 is no verb
        ("8月5日召开的决战决胜脱贫攻坚系列新闻发布会上，2020年目标公布。", None, "脱贫攻坚战"),
    ],
)
def test_start_verbs_and_event_names(extract_text, text: str, expected: tuple[str, int] | None,
                                     absent: str | None) -> None:
    found = starts(extract_text, text)
    if expected is not None:
        assert expected in found
    if absent is not None:
        assert absent not in {name for name, _ in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1996年，国务院扶贫开发领导小组向国务院提交《关于开展扶贫协作的报告》。", ("关于开展扶贫协作的报告", 1996)),
        ("1996年7月，国务院办公厅批转《关于组织扶贫协作的报告》。", ("关于组织扶贫协作的报告", 1996)),
        ("1996年，东西部扶贫协作全面展开。", ("东西部扶贫协作", 1996)),
        ("2010年5月20日，全国对口支援新疆工作会议在北京闭幕。", ("全国对口支援新疆工作会议", 2010)),
        # a meeting named between the year and the clause does not own the year
        ("1996年5月，扶贫会议召开。同年10月，中央扶贫开发工作会议作出部署，东西扶贫协作正式启动。",
         ("东西部扶贫协作", 1996)),
    ],
)
def test_issue_and_start_verbs(extract_text, text: str, expected: tuple[str, int]) -> None:
    assert expected in starts(extract_text, text)


def test_a_verb_with_its_own_object_does_not_continue_the_program(extract_text) -> None:
    text = "两地签订《天津市与黄南州合作交流框架协议》，制定了2011年及今后五年的援青规划。"
    assert ("天津市与黄南州合作交流框架协议", 2011) not in starts(extract_text, text)


def test_a_places_profile_holds_no_cooperation_figures(extract_text) -> None:
    """Area, altitude and population describe the place; a planted area is a result of the aid."""
    text = ("浙江省对口帮扶青川县，捐赠白叶一号茶苗。青川县总面积3216平方公里，平均海拔1500米，总人口22万人。"
            "在浙江帮扶下，现种植面积达到5217亩。")
    surfaces = {str(dict(t.qualifiers).get("surface")) for t in extract_text(text).triples if t.predicate == "amount"}
    assert "5217亩" in surfaces
    assert not surfaces & {"3216平方公里", "1500米", "22万人"}


def test_program_anniversary_counts_back(extract_text) -> None:
    assert ("对口援藏", 1994) in starts(extract_text, "2014年是中央实施对口援藏政策20周年。")


def test_short_program_names_inside_compound_nouns(extract_text) -> None:
    """援藏项目 and 援疆干部 are things of the program, not the program starting."""
    assert starts(extract_text, "2024年，江苏实施援藏项目66个。") == set()


def test_the_longer_nested_name_takes_the_verb(extract_text) -> None:
    text = "2017年9月，南宁·茂名对接粤桂扶贫协作座谈会在市民中心召开。"
    found = starts(extract_text, text)
    assert ("南宁·茂名对接粤桂扶贫协作座谈会", 2017) in found
    assert ("粤桂扶贫协作", 2017) not in found


def test_meeting_names_stop_at_a_blank_line(extract_text) -> None:
    text = "2017年9月5日\n\n要闻\n\n南宁·茂名扶贫协作座谈会在市民中心召开。"
    names = {name for name, _ in starts(extract_text, text)}
    assert "南宁·茂名扶贫协作座谈会" in names
    assert not any(name.startswith("要闻") for name in names)


def test_bare_yi_needs_a_clause_about_funds() -> None:
    assert amounts("全市人口达1.2亿，") == []


def test_forecasts_are_not_amounts(extract_text) -> None:
    text = "东莞市对口支援兵团第三师，上半年实施援疆项目416个，当年到位资金将达313.2亿元。"
    surfaces = {str(dict(t.qualifiers).get("surface")) for t in extract_text(text).triples if t.predicate == "amount"}
    assert "416个" in surfaces
    assert "313.2亿元" not in surfaces


def test_a_newspaper_credited_as_the_source_is_no_organisation(extract_text) -> None:
    text = "来源：贵州日报\n\n据青海日报报道，海尔集团在定西市投资建厂，得到对口帮扶资金支持。"
    names = {t.subject.label for t in extract_text(text).triples if t.subject.kind == "organization"}
    assert "海尔集团" in names
    assert not names & {"贵州日报", "青海日报"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自2013年新一轮对口帮扶工作启动以来，市南区把帮扶作为重要任务。", ("新一轮对口帮扶工作", 2013)),
        ("2013年2月，新一轮的对口帮扶工作大幕开启。", ("新一轮的对口帮扶工作", 2013)),
    ],
)
def test_a_new_round_is_a_program_of_its_own(extract_text, text: str, expected: tuple[str, int]) -> None:
    assert expected in starts(extract_text, text)


def test_a_class_named_for_its_topic_alone_is_no_program(extract_text) -> None:
    assert starts(extract_text, "2023年5月，劳务协作培训班在县人社局开班。市政府高度重视此次培训班。") == set()


def test_a_pairs_own_start_does_not_start_a_national_program(extract_text) -> None:
    assert starts(extract_text, "1996年，长宁区与红河州金平县结对，开启了东西部协作。") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自2016年银川会议以来，广东承担帮扶4省区。", ("银川会议", 2016)),
        ("2014年3月，记者从上海市对口帮扶遵义市第二次联席会上获悉。", ("上海市对口帮扶遵义市第二次联席会", 2014)),
        # camps, held or opened
        ("2019年7月24日，临夏思明中学生夏令营在厦门市思明区举行。", ("临夏思明中学生夏令营", 2019)),
        ("2023年7月5日，奇台县学生赴榕研学营正式开营。", ("奇台县学生赴榕研学营", 2023)),
        # a meeting named with its year (年度 does not end the words before the name)
        ("12月24日上午，江都区对口协作子洲县联络组召开2021年度江子协作工作推进会。\n2021年12月25日",
         ("2021年度江子协作工作推进会", 2021)),
        # a year after the name's first words belongs to the name
        ("2023年6月17日，教育部高校团队对口支援新疆农业大学2023年工作会议在乌鲁木齐召开。",
         ("教育部高校团队对口支援新疆农业大学2023年工作会议", 2023)),
        # a yearly meeting (例会, 年会) is a meeting
        ("2017年8月23日，新一轮高校团队对口支援西藏大学2017年度例会在拉萨召开。",
         ("新一轮高校团队对口支援西藏大学2017年度例会", 2017)),
        # a named train's first run
        ("2021年“吉泰号”援疆旅游专列20日从吉林长春首发。", ("吉泰号援疆旅游专列", 2021)),
        ("2019年9月21日，“晋疆情”旅游援疆专列从太原开行。", ("晋疆情旅游援疆专列", 2019)),
        # a quoted slogan before a bare kind is the event's name, space and all
        ("2023年5月10日 千龙网\n5月9日，“同饮一江水 共谋大发展——北京媒体看南阳”采风活动启动。",
         ("同饮一江水共谋大发展——北京媒体看南阳采风活动", 2023)),
        # a class named for whose it is opens (开班); its year may stand inside the name
        ("9月13日，甘谷县2021年东西部协作乡村振兴干部能力素质提升培训班(第一期)在天津市开班。",
         ("甘谷县2021年东西部协作乡村振兴干部能力素质提升培训班", 2021)),
    ],
)
def test_named_meetings_camps_and_trains_start_when_held(extract_text, text: str, expected: tuple[str, int]) -> None:
    assert expected in starts(extract_text, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the centre names a national aid program by its target
        ("1992年，党中央、国务院号召全国对口支援三峡库区，上海对口支援万州区。", ("对口支援三峡库区", 1992)),
        ("自1994年中央作出全国对口支援西藏的重大战略部署，江苏援藏成效显著。", ("对口支援西藏", 1994)),
        # a date that leads the meeting's name is when it was held
        ("2020-08-06 14:44 来源：人民网\n\n人民网昆明8月6日电 (程浩)7月16日，上海云南扶贫协作第二十三次联席会议在广南县举行。",
         ("上海云南扶贫协作第二十三次联席会议", 2020)),
        # a day-first dateline dates a meeting the news learnt of
        ("遵义项目资金敲定\n\n09.06.2014  14:20\n\n记者日前从上海市对口帮扶遵义市第二次联席会上获悉，今年安排资金5400万元。",
         ("上海市对口帮扶遵义市第二次联席会", 2014)),
    ],
)
def test_national_aid_programs_and_dated_meetings(extract_text, text: str, expected: tuple[str, int]) -> None:
    assert expected in starts(extract_text, text)


def test_a_document_number_gives_the_year_of_issue(extract_text) -> None:
    text = "今年初，国务院出台《关于支持贵州在新时代西部大开发上闯新路的意见》(国发〔2022〕2号)。2024年，工作继续推进。"
    assert starts(extract_text, text) == {("关于支持贵州在新时代西部大开发上闯新路的意见", 2022)}
    # a place's pairing with a local area is no national program
    assert starts(extract_text, "2019年，市委号召全市对口支援甘孜州。") == set()


def test_day_first_dateline() -> None:
    found = times("遵义项目资金敲定\n\n09.06.2014  14:20\n\n今年安排资金5400万元。")
    assert ("今年", 2014, "relative") in found


def test_dates_in_a_list_of_related_pages_are_not_the_texts_own() -> None:
    """Without a dateline, 今年 is read against the text's years, not a footer's "2022-04-18 阅读"."""
    body = "2018年，两地签订协议。今年4月，代表团前来考察。" + "两地合作不断深化。" * 40
    found = times(body + "\n新闻阅读排行\n-\n12 阅读 2022-04-19 15:46\n-\n5 阅读 2022-04-18 13:31")
    assert ("今年4月", 2018, "relative") in found
    # "一年中" is within a year, not a year back
    assert not [t for t in times("2018年5月\n\n这里一年中难得下几场雨。") if t[0] == "一年中"]


def test_a_storys_figures_in_sentences_joining_east_and_west(extract_text) -> None:
    """In a story that is not mainly about aid, a figure counts when its sentence names both sides."""
    text = ("7月的草原上，发电项目正抓紧施工，项目力争在2017年投产。"
            "在科技领域，北京先后向内蒙古转移了200多项高新技术成果。"
            "当地牧民收入增长了15%，草原面积达到3000万亩。")
    values = {str(t.value) for t in extract_text(text).triples if t.predicate == "amount"}
    assert values == {"200"}


def test_a_portals_date_of_today_is_not_the_dateline() -> None:
    """"2024年04月24日 星期三 设为首页" is the day the page was fetched; the item's own time follows."""
    text = "2024年04月24日\n星期三\n设为首页\n时间:2014-11-07 11:42:39\n\n从今年起，北京将每年投入5亿元。"
    assert ("今年", 2014, "relative") in times(text)


def test_an_e_papers_date_of_issue(extract_text) -> None:
    """An e-paper's only date is its date of issue, weekday and all; routine meetings are no programs."""
    text = (">2023年10月28星期六\n\n谭雪峰主持召开县政府党组会议和常务会议\n\n"
            "双方座谈交流，并召开德州庆云·重庆秀山东西部协作工作联席会议。")
    assert starts(extract_text, text) == {("德州庆云·重庆秀山东西部协作工作联席会议", 2023)}


def test_report_header_date_in_chinese_numerals() -> None:
    """A work report's header gives its date in Chinese numerals; it dates 日前 as a dateline does."""
    text = "政府工作报告\n——二〇〇九年一月十日在福建省第十一届人民代表大会第二次会议上\n\n日前，新建学校12所。"
    assert ("日前", 2009, "relative") in times(text)


def test_a_western_reports_own_relief_figures_are_not_aid(extract_text) -> None:
    """A receiving province's own 帮扶措施 are relief; figures of aid it was given name the giver or
    a word of cooperation between regions."""
    text = ("政府工作报告\n——2021年1月26日在内蒙古自治区第十三届人民代表大会第四次会议上\n\n"
            "精准落实各项帮扶措施，全年投入扶贫资金112.3亿元，实施扶贫项目6751个。"
            "北京市投入帮扶资金19.1亿元。京蒙协作引进企业36家。")
    values = {str(t.value) for t in extract_text(text).triples if t.predicate == "amount"}
    assert values == {"1910000000", "36"}


def test_meetings_that_open_a_period_and_dates_with_a_time_of_day(extract_text) -> None:
    text = "2010年05月06日\n\n近日，市政府新闻办举行发布会，全面介绍第三次西藏工作座谈会以来援助昌都取得的成绩。"
    assert not any(name.endswith("西藏工作座谈会") for name, _ in starts(extract_text, text))
    assert ("银川会议", 2016) in starts(extract_text, "自2016年银川会议以来，广东承担帮扶4省区。")
    text = "2025-10-15 09:12 来源：网易\n\n10月14日下午，甘肃省·山东省东西部协作第七次联席会议在兰州举行。"
    assert ("甘肃省·山东省东西部协作第七次联席会议", 2025) in starts(extract_text, text)


def test_a_posting_date_does_not_date_what_the_text_carries_out(extract_text) -> None:
    text = ("2018-05-03 来源：苏陕工作队\n\n为落实苏陕两省《关于进一步加强扶贫协作和经济合作战略协议》，"
            "两省开展扶贫协作，实施“携手奔小康”行动。")
    assert starts(extract_text, text) == set()


def test_promoted_to_is_a_rename(extract_text) -> None:
    text = "2021年3月，中办、国办印发《关于坚持和完善东西部协作机制的意见》，把“东西部扶贫协作”提升为“东西部协作”。"
    extraction = extract_text(text)
    renames = {(t.subject.key, t.object.key) for t in extraction.triples if t.predicate == "renamedTo"
               and t.object is not None}
    assert renames == {("东西部扶贫协作", "东西部协作")}
    assert ("东西部协作", 2021) in starts(extract_text, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("苏陕两省已促成229对镇和121对村签订结对帮扶协议。", ("229对", Decimal("229"), "对", False)),
        ("完成手术200例。", ("200例", Decimal("200"), "例", False)),
        ("开行1597车次。", ("1597车次", Decimal("1597"), "车次", False)),
        ("先后选派31批次专家。", ("31批次", Decimal("31"), "批", False)),
        ("塔城北四县3万多民众享受着援疆资金的支持。", ("3万多民众", Decimal("30000"), "人", True)),
    ],
)
def test_pairs_cases_trips_and_batches(text: str, expected: tuple[str, Decimal, str, bool]) -> None:
    assert expected in amounts(text)


def test_one_to_one_and_paired_are_no_amounts() -> None:
    assert amounts("开展一对一帮扶。") == []
    assert amounts("2对口帮扶。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year inside an event's name and a date right after a forum's name
        ("3月29日，两省共同举办了2023年东西部协作消费帮扶对接活动。", ("东西部协作消费帮扶对接活动", 2023)),
        ("第三届泛珠三角区域合作与发展论坛2006年6月5日在云南省曲靖市举行。", ("第三届泛珠三角区域合作与发展论坛", 2006)),
        ("2010年，全面启动新一轮援疆工作。", ("新一轮援疆工作", 2010)),
    ],
)
def test_events_forums_and_new_rounds(extract_text, text: str, expected: tuple[str, int]) -> None:
    assert expected in starts(extract_text, text)


def test_a_counted_meeting_is_not_named(extract_text) -> None:
    assert starts(extract_text, "1998年初，衡阳市委在静园宾馆召开一个重要会议。") == set()


def amount_values(extract_text, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(t.value) for t in extract_text(text).triples if t.predicate == "amount"}


def test_a_helpers_report_sum_spent_then_on_what(extract_text) -> None:
    header = "政府工作报告\n——2011年1月15日在北京市第十三届人民代表大会第四次会议上\n\n"
    text = header + "全市地区生产总值增长10.2%。累计投入资金70亿元，圆满完成支援什邡灾后恢复重建任务。"
    assert amount_values(extract_text, text) == {"7000000000"}


def test_in_province_relief_and_plant_capacity_are_not_aid(extract_text) -> None:
    header = "政府工作报告\n——2023年1月12日在广东省第十四届人民代表大会第一次会议上\n\n"
    text = header + "投入各类帮扶资金1600多亿元，推动省内161.5万相对贫困人口全部脱贫，帮助桂川黔滇4省区93个贫困县摘帽。"
    assert amount_values(extract_text, text) == {"160000000000", "4", "93"}
    story = ("粤黔东西部协作持续深化。如广东凯金新能源在铜仁大龙经开区计划投资90亿元建设年产20万吨负极材料项目。"
             "广州越秀集团在毕节、黔南、安顺投资20亿元建设生猪养殖全产业链项目。")
    assert amount_values(extract_text, story) == {"9000000000", "2000000000"}


def test_districts_counted() -> None:
    assert ("16区", Decimal("16"), "个", False) in amounts("北京16区结对帮扶内蒙古自治区。")
    assert [a for a in amounts("第3区的居民。") if a[0] == "3区"] == []


def test_the_end_of_a_dashed_date_or_range_is_no_amount() -> None:
    assert [a for a in amounts("茂名日报 第2018-10-16期") if a[2] == "期"] == []
    assert [a for a in amounts("每年选择1-2村开展试点。") if a[2] == "个"] == []
    assert ("3000万元", Decimal("30000000"), "元", False) in amounts("帮扶资金3000万元。")


def test_a_headerless_relief_report_is_not_a_story_of_aid(extract_text) -> None:
    # dense in 扶贫/贫困 but hardly speaking of aid between regions: its own relief figures are left out
    text = ("全年投入财政专项扶贫资金207.67亿元，其中安排深度贫困县74.44亿元。完成2.65万户贫困户危房改造任务，"
            "49.9万建档立卡贫困人口住上了安置房。产业扶贫全面拉开架势，扶持8.28万户贫困户发展产业。")
    assert amount_values(extract_text, text) == set()


def test_joint_names_bodies_and_adjacent_titles(extract_text) -> None:
    # one event under two names joined by 暨
    found = starts(extract_text, "2018年5月16日上午，晋安区召开晋渭东西部扶贫协作联席会议暨招商引资项目推介会。")
    assert found == {("晋渭东西部扶贫协作联席会议暨招商引资项目推介会", 2018)}
    # a leading group named after the program is a body, not the program
    assert starts(extract_text, "2018年10月28日，县东西部扶贫协作领导小组召开会议。") == set()
    text = "2018年9月，企业与我县分别签订了《东西扶贫协作旅游合作战略协议》《东西扶贫协作果品加工销售项目投资协议》等4个协议。"
    assert {("东西扶贫协作旅游合作战略协议", 2018), ("东西扶贫协作果品加工销售项目投资协议", 2018)} <= starts(extract_text, text)


def test_pair_word_programs_and_meeting_venues(extract_text) -> None:
    assert ("沪滇对口帮扶工作", 1996) in starts(extract_text, "1996年，上海市党政代表团赴云南调研启动沪滇对口帮扶工作。")
    # two places of one side make no pair program
    assert starts(extract_text, "2019年，启动京津协作工作。") == set()
    # a hall named after meetings is no meeting; 按照 opens no meeting's name
    found = starts(extract_text, "2022年5月10日，青岛·定西东西部协作联席会议在市级机关会议中心召开。")
    assert found == {("青岛·定西东西部协作联席会议", 2022)}


def test_institutions_count_only_in_a_story_of_aid(extract_text) -> None:
    def located(text: str) -> set[str]:
        return {t.subject.label for t in extract_text(text).triples if t.predicate == "locatedIn"}

    # a report's own universities are no organisations of cooperation; an aided hospital is
    assert located("深圳大学、深圳技术大学在深圳新校区建成。") == set()
    assert "察隅县人民医院" in located("深圳对口支援察隅县。开工建设察隅县人民医院。")
    # firms count wherever they operate
    assert "浙江正泰集团" in located("浙江正泰集团落户苍溪县。")


def test_birth_dates_are_no_event_years_and_exhibitions_are_events(extract_text) -> None:
    assert times("方城，1960年5月生。") == []
    assert ("对口帮扶地区特色商品展销会", 2018) in starts(extract_text, "2018年起，上海连续举办对口帮扶地区特色商品展销会。")
    # an event held every year is no news of the page's day
    text = "2012年5月3日 来源：贵州日报\n\n贵州政府部门和企业每年都会到深圳举行特色商品展销会。"
    assert starts(extract_text, text) == set()


def test_short_names_of_titles_and_agreements_named_with_their_year(extract_text) -> None:
    text = ("2021年12月，《沪苏浙城市结对合作帮扶皖北城市实施方案》（以下简称《实施方案》）近日印发。"
            "《实施方案》要求开展干部互派挂职。")
    assert {name for name, _ in starts(extract_text, text)} == {"沪苏浙城市结对合作帮扶皖北城市实施方案"}
    text = "两地人社部门签订《2025年枣庄—丰都东西部劳务协作落实协议》。"
    assert starts(extract_text, text) == {("2025年枣庄—丰都东西部劳务协作落实协议", 2025)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("东西部协作，今年以来，黔南印发了《黔南州2023年东西部协作工作要点》等文件。",
         {("黔南州2023年东西部协作工作要点", 2023)}),
        ("本报讯 昨天，2018太仓玉屏东西部扶贫协作联席会议在太召开。", {("2018太仓玉屏东西部扶贫协作联席会议", 2018)}),
        ("1月23日，2024年上海市对口支援新疆喀什项目评审会在市政府合作交流办召开。",
         {("上海市对口支援新疆喀什项目评审会", 2024)}),
        # a span of years in the name is no year it opens with
        ("两地制定了《2021—2025年东西部协作规划》。", set()),
    ],
)
def test_a_name_that_opens_with_its_year_dates_an_undated_issue_or_meeting(
        extract_text, text: str, expected: set[tuple[str, int]]) -> None:
    assert starts(extract_text, text) == expected


def test_answering_a_call_does_not_start_the_program(extract_text) -> None:
    text = "2022年，三水深化政企合作，希望更多本地企业响应东西部协作号召。"
    assert starts(extract_text, text) == set()
    assert starts(extract_text, "1992年，国务院号召全国对口支援三峡库区。") == {("对口支援三峡库区", 1992)}


def test_sums_spent_in_a_story_of_aid(extract_text) -> None:
    text = ("辽宁援助新疆塔城灾后重建资金达到1.7亿元。此次对口援疆工作，我省承担着支援塔城地区五县两市的任务，"
            "我省预拨援疆资金近2亿元。在民生方面，投资1.7亿元，在塔城地区试点县和其他受灾县（农场）等开展灾后住宅"
            "重建项目，项目按小康标准规划、按现有能力实施，入冬前保证让受灾群众搬入新居；教育方面，投资790万元，"
            "实施裕民县第一中学改建工程，提高学校硬件建设水平。")
    assert "7900000" in amount_values(extract_text, text)


def test_site_visits_and_dispatch_meetings_are_events(extract_text) -> None:
    text = "2018年8月10日，记者从贵州省2018年东西部扶贫协作推进暨项目观摩会上获悉。"
    assert ("东西部扶贫协作推进暨项目观摩会", 2018) in starts(extract_text, text)


def test_years_named_by_their_place_in_national_policy(extract_text) -> None:
    # no date line: "脱贫攻坚的决战决胜之年" is 2020, the 14th plan's last year 2025, its first 2021
    text = "9月2日，舟山市、达州市东西部扶贫协作联席会议在凤凰酒店召开。今年是脱贫攻坚的决战决胜之年。"
    assert ("舟山市、达州市东西部扶贫协作联席会议", 2020) in starts(extract_text, text)
    text = "10月14日，甘肃省·山东省东西部协作第七次联席会议在兰州举行。会议指出，在“十四五”即将收官的重要节点…"
    assert ("甘肃省·山东省东西部协作第七次联席会议", 2025) in starts(extract_text, text)
    text = "今年是“十四五”开局之年。3月11日，西湖区与青川县东西部协作联席会议召开。"
    assert ("西湖区与青川县东西部协作联席会议", 2021) in starts(extract_text, text)
    # a date line still rules
    text = "2019年08月22日 来源：慈溪新闻网\n\n今年是“十四五”开局之年。3月11日，慈溪市对口帮扶推进会召开。"
    assert ("慈溪市对口帮扶推进会", 2019) in starts(extract_text, text)


def test_a_passage_opening_with_a_section_heading_is_a_report(extract_text) -> None:
    # dense in words of aid and relief, but a report's section: its own relief figures are left out,
    # its partners' money is kept
    text = ("（一）以敢死拼命精神狠抓脱贫攻坚工作。全面推行“一户一策”，帮助65万户贫困人口制定精准脱贫计划。"
            "全省安排财政专项扶贫资金173.3亿元。完善对口帮扶机制，开展携手奔小康行动，强化结对帮扶。"
            "东部协作4市支持我省帮扶财政资金19.78亿元，对口帮扶协作持续深化。")
    assert amount_values(extract_text, text) == {"4", "1978000000"}
    assert amount_values(extract_text, text[text.index("全面"):]) >= {"650000", "17330000000"}


def test_events_named_by_what_they_are_count_when_held(extract_text) -> None:
    text = "2023年9月3日，沪滇产业转移洽谈对接暨上海企业云南行活动在昆明海埂会堂举办。"
    assert ("沪滇产业转移洽谈对接暨上海企业云南行活动", 2023) in starts(extract_text, text)
    assert ("第二届江苏拉萨周", 2025) in starts(extract_text, "2025年5月，第二届江苏拉萨周在南京开幕。")
    text = "2018年6月29日 来源：香港商报\n\n上海文山帮扶协作成就展近日在上海展览中心开展。"
    assert ("上海文山帮扶协作成就展", 2018) in starts(extract_text, text)
    # an activity that was not held (开展 before it, a result after it) is no event
    assert starts(extract_text, "2019年，各地积极开展消费扶贫活动在全国引起反响。") == set()


def test_ceremonies_and_exhibitions_are_events_unless_named_by_a_sum(extract_text) -> None:
    text = "2023年8月，举行兰溪-通江东西部协作“兴兰公益·走进通江”物资捐赠仪式。"
    assert ("兰溪-通江东西部协作兴兰公益·走进通江物资捐赠仪式", 2023) in starts(extract_text, text)
    assert starts(extract_text, "2003年5月，举行1819万元资金设备捐赠仪式。") == set()
    text = "2010年7月18日，珠海市对口援建汶川县绵虒镇项目整体移交仪式在绵虒镇举行。"
    assert ("珠海市对口援建汶川县绵虒镇项目整体移交仪式", 2010) in starts(extract_text, text)


def test_organisation_names_with_branches_regiments_and_ordinals() -> None:
    def names(text: str) -> list[str]:
        return [m.text for m in analyse(Document.from_text(text)).mentions if m.kind == "organization"]

    assert names("援疆代表团考察了八十六团洪桥幼儿园、十堰市中医医院第五师双河市分院。") == [
        "八十六团洪桥幼儿园", "十堰市中医医院第五师双河市分院"]
    assert names("由杭州市援建的多浪第一幼儿园建成。") == ["多浪第一幼儿园"]
    assert names("1亿元用于新疆大学科技学院阿克苏校区建设。") == ["新疆大学科技学院阿克苏校区"]
    # a new campus is the university's own; counts of firms and schools name none
    assert names("援建喀什大学新校区。") == ["喀什大学"]
    assert names("引进多家企业，一所学校建成。") == []


def test_a_title_cut_short_refers_back_to_the_full_one(extract_text) -> None:
    text = ("2016年12月，中办、国办印发《关于进一步加强东西部扶贫协作工作的指导意见》。"
            "2016年12月8日，国新办举行新闻发布会，就《指导意见》有关情况进行解读。")
    assert {name for name, _ in starts(extract_text, text)} == {"关于进一步加强东西部扶贫协作工作的指导意见"}


def test_meeting_names_with_slogans_years_and_exchanges(extract_text) -> None:
    text = "2023年5月，共同举办“闽宁山海情 携手向未来”闽宁产业投资发展推介会。"
    assert starts(extract_text, text) == {("闽宁产业投资发展推介会", 2023)}
    text = "2019年12月3日，鲁渝两省市工信部门在重庆召开鲁渝产业协作对接交流会。"
    assert starts(extract_text, text) == {("鲁渝产业协作对接交流会", 2019)}
    # a year before the name is when it was held, not part of its name
    text = "1994年中央第三次西藏工作座谈会作出对口支援西藏的决策。"
    assert ("中央第三次西藏工作座谈会", 1994) in starts(extract_text, text)


def test_national_programs_start_only_in_their_settled_year(extract_text) -> None:
    # 乡村振兴战略 began in 2017: carried on in a 2018 report, it does not start again
    assert starts(extract_text, "2018年，我市全面实施乡村振兴战略。") == set()
    assert ("乡村振兴战略", 2017) in starts(extract_text, "2017年10月，党的十九大提出实施乡村振兴战略。")
    # an agreement named after the national program is named, and it is what was signed
    assert starts(extract_text, "2018年5月，两地签订东西部扶贫协作协议书。") == {("东西部扶贫协作协议书", 2018)}


def test_a_span_of_years_never_starts_inside_a_year() -> None:
    # 1979年中 is no "79 years within"; 二〇一九年中 no "一九年中"
    assert times("实际上，1979年中共中央总体部署对口支援。") == [("1979年", 1979, "year")]
    assert times("二〇一九年中，工作推进。") == [("二〇一九年", 2019, "year")]


def test_years_since_count_from_the_year_just_named_when_the_text_has_no_date() -> None:
    found = times("1996年，京蒙两地正式结对。28年来，两地勠力同心。")
    assert ("28年来", 1996, "since") in found
    # with a date line the span counts back from it
    found = times("2024年05月06日 来源：内蒙古日报\n\n1996年，京蒙两地正式结对。28年来，两地勠力同心。")
    assert ("28年来", 1996, "since") in found


def test_a_reports_figures_need_a_word_of_aid_near_them(extract_text) -> None:
    # 闽宁扶贫协作 opens a run of the city's own plans: only a clause or two on does it still speak
    text = ("**（三）聚焦和谐发展**\n\n开展精准脱贫计划。统筹推进产业扶贫，深化闽宁扶贫协作，重点实施10个扶贫产业，"
            "每村扶持壮大农业支柱产业，培育10家扶贫产业合作社、100名致富带头人。")
    assert amount_values(extract_text, text) == {"10"}


def test_pair_words_make_a_story_of_cooperation(extract_text) -> None:
    text = ("粤桂合作不断迈上新台阶。粤桂两地携手共建产业合作区。粤桂东西部协作走深走实。"
            "在乡村振兴领域，粤桂合作持续深化。共建示范园项目，为龙州县47个脱贫村集体经济增收1700多万元。")
    assert {"47", "17000000"} <= amount_values(extract_text, text)


def test_a_date_of_days_opening_the_sentence_dates_the_meeting_spoken_at(extract_text) -> None:
    text = "时间:2022-08-29 百科知识\n\n2001年6月25日至27日，江泽民在第四次西藏工作座谈会上强调：要加快发展。"
    assert starts(extract_text, text) == {("第四次西藏工作座谈会", 2001)}


def test_no_meeting_name_starts_with_a_function_word(extract_text) -> None:
    names = {name for name, _ in starts(extract_text, "中央在1979年将边防会议与民族会议合并召开。")}
    assert not any(name.startswith(("将", "与")) for name in names)


def test_years_since_count_from_a_beginning_told_further_back() -> None:
    # no date line: the latest year named is the beginning itself, and 20 years back from it would
    # land before anything the text tells of
    text = ("1996年，根据中央部署，福建与宁夏确立对口协作关系。从此，两地结下不解之缘，山海结盟，"
            "扶贫协作催生全面合作。20年来，福建财政向宁夏无偿援助5亿元。")
    assert ("20年来", 1996, "since") in times(text)
    # a first batch starts the span too
    assert ("20年来", 1997, "since") in times("1997年2月，第一批援疆干部抵达和田。20年来，援疆成效显著。")
    # with a later year named, the span still counts back from it
    assert ("20年来", 1999, "since") in times("1996年，两地确立协作关系。2019年，联席会议召开。20年来，两地共建园区。")


def test_a_date_opening_the_story_of_a_first_time_is_not_the_page_date() -> None:
    from shanhai.extract.mentions.time import dateline_year

    text = "上海援藏走过20年\n\n1995年5月17日，上海第一批援藏干部出发，奔赴高原。今年，已是上海援藏的第20个年头。"
    assert dateline_year(analyse(Document.from_text(text))) is None
    text = "两地签约\n\n2019年5月17日，两地签订协作协议，共建产业园。"
    assert dateline_year(analyse(Document.from_text(text))) == 2019


def test_a_station_or_hall_of_the_cooperation_starts_when_founded_or_opened(extract_text) -> None:
    text = "2019-03-13 来源：中新网\n\n为了让输转人员留得下，漳县挂牌成立了漳县福州劳务工作站，选派干部常驻。"
    assert starts(extract_text, text) == {("漳县福州劳务工作站", 2019)}
    text = "2023年05月10日 来源：舟山日报\n\n10日上午，位于新城的浙川东西部协作万源馆正式开业。"
    assert ("浙川东西部协作万源馆", 2023) in starts(extract_text, text)
    # a station named by its kind alone, and 挂牌 of anything else, start nothing
    text = "2019-03-13 来源：中新网\n\n各地挂牌成立了劳务协作工作站。消费扶贫、稳岗就业挂牌督战。"
    assert starts(extract_text, text) == set()


def test_a_send_off_ceremony_is_an_event(extract_text) -> None:
    text = "2019-02-25 来源：天柱新闻\n\n近日，县人社局举行了2019年首批赴杭务工人员欢送仪式。"
    # the year before an event's name is its date, not part of the name
    assert starts(extract_text, text) == {("首批赴杭务工人员欢送仪式", 2019)}


def test_going_back_to_a_year_is_no_target(extract_text) -> None:
    assert ("2014年10月", 2014, "year") in times("时间拨回到2014年10月，两省正式签署方案。")
    text = "时间拨回到2014年10月，广东、广西两省（区）正式签署《粤桂合作特别试验区建设实施方案》。"
    assert starts(extract_text, text) == {("粤桂合作特别试验区建设实施方案", 2014)}


def test_as_of_a_year_is_no_target(extract_text) -> None:
    # counted up to a past year, which then is the latest the text speaks from
    assert ("2023年", 2023, "year") in times("截至2023年，累计到位资金282亿元。")
    text = "1994年，三峡工程正式开工。三十多年来，两地携手。截至2023年，累计实现产值114亿元。"
    assert ("三十多年来", 1993, "since") in times(text)


def test_an_event_named_after_its_series_starts_after_the_dash(extract_text) -> None:
    text = "2012年05月18日 来源：齐鲁周刊\n\n5月17日，第十五届渝洽会系列活动之——山东·重庆扶贫协作暨经贸合作项目签约仪式在重庆举行。"
    assert ("山东·重庆扶贫协作暨经贸合作项目签约仪式", 2012) in starts(extract_text, text)


def test_a_year_right_before_a_program_and_yilai_dates_it(extract_text) -> None:
    text = "按照党中央的部署，2010年新一轮对口援疆以来，深圳累计投入援疆资金百亿元。"
    assert starts(extract_text, text) == {("新一轮对口援疆", 2010)}
    # a program whose start is settled keeps it: 2016年 is when the text's period began, not 东西部扶贫协作
    assert starts(extract_text, "2016年东西部扶贫协作以来，两地成效显著。") == set()


def test_each_event_of_a_list_before_the_verb_is_held(extract_text) -> None:
    text = ("教育援疆\n\n2019年10月16日，援疆教育集团成立大会在喀什举行。"
            "援疆教育集团成员校授牌仪式、援疆教育集团结对学校签约仪式同时举行。")
    starts = {(t.subject.label, t.value) for t in extract_text(text).triples if t.predicate == "startedIn"}
    assert {("援疆教育集团成员校授牌仪式", 2019), ("援疆教育集团结对学校签约仪式", 2019)} <= starts


def test_a_meeting_attended_in_a_dated_news_item_was_held_then(extract_text) -> None:
    text = ("2025年10月02日 09:30\n\n本报讯（记者 王明）市长率代表团赴开州区对接工作，"
            "出席潍坊市·开州区东西部协作联席会议。")
    starts = {(t.subject.label, t.value) for t in extract_text(text).triples if t.predicate == "startedIn"}
    assert ("潍坊市·开州区东西部协作联席会议", 2025) in starts
    # a meeting named as a reference point is not news: it opens a period
    text = "本报讯 2025年10月02日 09:30\n\n出席潍坊市·开州区东西部协作联席会议以来，两地往来不断。"
    starts = {(t.subject.label, t.value) for t in extract_text(text).triples if t.predicate == "startedIn"}
    assert ("潍坊市·开州区东西部协作联席会议", 2025) not in starts


def test_distances_sizes_and_page_counters_are_no_figures_of_aid(extract_text) -> None:
    text = ("浙江援建纪事\n\n两地相隔近2500公里，县城距省会5137公里之遥。浙江援建道路210多公里。"
            "一辆9米长的援助物资车抵达。援建1800米进村道路。\n浏览次数:1289 次")
    found = amount_values(extract_text, text)
    assert {"210", "1800"} <= found
    assert not {"2500", "5137", "9", "1289"} & found


def test_counts_of_aspects_and_spans_of_time_are_no_figures_of_aid(extract_text) -> None:
    text = ("扶贫协作\n\n协议包括人才交流、资金支持、产业合作等5个方面。前8个月，浙江援建项目12个，"
            "帮扶资金涉及教育、医疗等3个领域。")
    assert amount_values(extract_text, text) == {"12"}
    # how long the helpers have worked, in days and nights or in years
    text = "援疆纪事\n\n唐山援疆干部人才已在且末县奋战800多个日夜，二十个春秋里实施援疆项目72个。"
    assert amount_values(extract_text, text) == {"72"}


def test_a_date_opening_the_text_is_an_events_when_later_days_are_told(extract_text) -> None:
    text = ("【摘要】：1992年3月27日，国务院发出《关于开展对口支援的通知》，对口支援一直持续到今天。"
            "2010年1月18日至20日，中共中央、国务院召开的第五次西藏工作座谈会在北京举行。")
    assert ("第五次西藏工作座谈会", 2010) in starts(extract_text, text)
    # a page dated on top still dates what it reports
    text = "2012年09月05日 07:06\n\n近日，两地召开东西部扶贫协作联席会议，签订协议。"
    assert ("东西部扶贫协作联席会议", 2012) in starts(extract_text, text)


def test_a_meeting_held_again_and_again_has_no_one_year(extract_text) -> None:
    text = "中央于1980年、1984年、1994年和2001年，先后4次召开全国西藏工作座谈会。"
    assert not {s for s in starts(extract_text, text) if s[0] == "全国西藏工作座谈会"}


def test_a_short_name_in_brackets_parts_no_program_from_its_start(extract_text) -> None:
    text = "“对口支援西部地区高等学校计划”（以下简称“对口支援计划”）2001年5月10日正式启动。"
    assert starts(extract_text, text) == {("对口支援西部地区高等学校计划", 2001)}


def test_a_document_cited_with_its_number_is_dated_by_it(extract_text) -> None:
    text = ("根据青海省财政厅《关于下达2023年中央财政衔接推进乡村振兴补助资金的通知》（青财农字〔2023〕505号）、"
            "《关于继续支持脱贫县统筹整合使用财政涉农资金的通知》（青财农字〔2021〕1790号），分配资金。")
    assert starts(extract_text, text) == {
        ("关于下达2023年中央财政衔接推进乡村振兴补助资金的通知", 2023),
        ("关于继续支持脱贫县统筹整合使用财政涉农资金的通知", 2021),
    }
    # the number of the notice that issues a document, on the line after its heading
    heading = "关于印发《2009-2010年东西扶贫协作工作指导意见》的通知\n国开办发[2009]24号\n各有关省扶贫办：\n"
    assert starts(extract_text, heading) == {("2009-2010年东西扶贫协作工作指导意见", 2009)}


def test_tongguo_before_a_name_is_by_way_of_it(extract_text) -> None:
    assert starts(extract_text, "2021年，通过苏陕协作实施项目100个。") == set()
    assert starts(extract_text, "2021年，通过苏陕协作，实施项目100个。") == set()
    assert starts(extract_text, "2016年，会议审议通过了《东西部扶贫协作考核办法》。") == {("东西部扶贫协作考核办法", 2016)}


def test_a_generic_agreement_a_designation_and_a_deployment_followed(extract_text) -> None:
    assert starts(extract_text, "两省区全面超额完成签订的年度协作协议。") == set()
    # 援疆试点县 is a kind of county, not the program 对口援疆
    assert starts(extract_text, "2002年，霍城县被中组部确定为援疆试点县之一。") == set()
    assert starts(extract_text, "2024年，深圳援疆认真贯彻省市部署。") == set()
    assert starts(extract_text, "2010年，中央部署对口援疆工作。") == {("对口援疆", 2010)}
    # joining a council is not holding it under a new name
    found = starts(extract_text, "2010年，合肥、马鞍山率先被吸纳进入长三角城市经济协调会。")
    assert all(not name.startswith("马鞍山") for name, _ in found)


def test_a_relief_story_counts_its_aid_figures_not_its_own_relief_work(extract_text) -> None:
    text = ("坚决打赢脱贫攻坚战。我们把脱贫攻坚作为头等大事来抓，贫困人口全部脱贫，贫困县全部摘帽，"
            "易地扶贫搬迁任务全面完成，群众收入稳定增长，农村面貌焕然一新，基础设施明显改善，公共服务水平不断提高。"
            "全区实施扶贫项目1.4万个。"
            "深化粤桂扶贫协作，广东投入财政帮扶资金19.4亿元，引导企业到我区投资兴业，共建产业园区，发展特色产业。"
            "我们持续巩固脱贫成果，健全防止返贫监测机制，加强农村道路、饮水、电网建设，改善学校和卫生院条件，"
            "推进乡村治理，培育文明乡风，建设美丽乡村，农民群众的获得感、幸福感明显增强。"
            "今后要继续发展乡村产业，拓宽就业渠道，促进农民持续增收，让乡亲们的日子越过越红火。"
            "同时，我们将加快推进城乡融合发展，完善县域商业体系，提升农产品加工水平，打响区域公用品牌，推动农业高质量发展。")
    assert amount_values(extract_text, text) == {"1940000000"}


@pytest.mark.parametrize(
    "text",
    [
        "广东佛山驻肇庆帮扶指挥部一行12人赴贺州开展东西部协作。",  # a visiting party
        "东西部协作帮扶下，优质兔毛每公斤能卖180元。",  # a price
        "东西部协作帮扶的凤山县是广西20个深度贫困县之一。",  # a standing among its kind
        "齐鲁周刊 2018年32期\n\n山东与重庆开展东西部协作。",  # a periodical's issue
    ],
)
def test_parties_prices_standings_and_issues_are_no_figures_of_aid(extract_text, text: str) -> None:
    assert amount_values(extract_text, text) == set()


def test_a_party_of_aid_staff_is_counted(extract_text) -> None:
    assert amount_values(extract_text, "上海市第十一批援疆干部人才一行95人抵达喀什。") == {"95"}


def test_zhankai_is_a_verb_and_an_agreement_is_not_named_by_de(extract_text) -> None:
    assert starts(extract_text, "2023年4月，淄博市媒体采访团来到石柱县，围绕东西部协作成果展开了采访。") == set()
    assert starts(extract_text, "2023年10月，东西部协作成果展在宁波举办。") == {("东西部协作成果展", 2023)}
    assert starts(extract_text, "2015年，博览会期间签署的一份大单和一个协议，让两地受益。") == set()


def test_what_was_done_in_a_span_is_not_dated_by_its_opening_year(extract_text) -> None:
    text = "2016年两地开展东西部协作以来，先后举办了旅游博览会，签订多项文化旅游合作协议。"
    assert starts(extract_text, text) == set()
    assert ("旅游博览会", 2016) in starts(extract_text, "2016年，两地举办了旅游博览会。")


def test_the_thresholds_and_rewards_of_a_rule_are_no_figures_of_aid(extract_text) -> None:
    text = ("东西部协作消费帮扶补贴方面：凡是扶贫农产品销售额度达到200—299万元、300—499万元的企业，"
            "分别给予一次性3万元、5万元的补助。今年烟台累计完成东西部协作消费帮扶4094.1万元。")
    assert amount_values(extract_text, text) == {"40941000"}


def test_an_event_named_with_its_year_and_a_place_in_brackets_is_dated_by_its_name(extract_text) -> None:
    text = "昨日，2024浙江对口支援青海海西州（格尔木市）消费帮扶活动在杭州正式启动。"
    assert ("2024浙江对口支援青海海西州(格尔木市)消费帮扶活动", 2024) in starts(extract_text, text)
    # an aside that gives a short name is no part of the name
    aside = "2023年，两地召开东西部协作联席会议（以下简称联席会）。"
    assert all("以下" not in name for name, _ in starts(extract_text, aside))


def test_a_headlines_space_parts_phrases_and_the_pairs_meeting_by_both_yields_to_its_name(extract_text) -> None:
    text = ("云南省党政代表团赴上海学习考察 两地扶贫协作第二十二次联席会议举行\n\n"
            "2019年10月16日，上海市委书记主持召开上海云南扶贫协作第二十二次联席会议。")
    assert starts(extract_text, text) == {("上海云南扶贫协作第二十二次联席会议", 2019)}
    # a space after the pair's places, or inside quotes, is part of the name
    placed = "2019年06月18日\n\n花垣县-槐荫区 东西部协作文化交流演出活动在济南举行"
    assert ("花垣县-槐荫区东西部协作文化交流演出活动", 2019) in starts(extract_text, placed)


@pytest.mark.parametrize(
    "credit",
    [
        "来源:金黔在线-贵州日报 | 手机看视频",  # a site's copy of a paper
        "2005年12月14日12:00 北京日报\n\n本报讯",  # a byline line
        "东南网-福建日报8月29日讯(记者 李智勇)",  # the paper's dated credit
        "(湖北日报全媒记者 刘曙松 摄)",  # a photo credit
        "浙江日报刊发《共同富裕 对口温情》系列报道。",  # what the paper published
    ],
)
def test_a_paper_credited_in_a_byline_or_for_what_it_published_is_no_organisation(extract_text, credit: str) -> None:
    text = credit + "\n\n今年，海尔集团在定西市投资建厂，得到对口帮扶资金支持。"
    names = {t.subject.label for t in extract_text(text).triples if t.subject.kind == "organization"}
    assert "海尔集团" in names
    assert not any("日报" in name for name in names)


def test_a_trains_run_starts_no_other_program(extract_text) -> None:
    text = "2020年10月15日，该趟列车是今年开行的首趟对口援疆旅游专列。"
    assert not any(name.startswith("对口援疆") for name, _ in starts(extract_text, text))


def test_a_year_after_the_verb_does_not_name_a_generic_meeting(extract_text) -> None:
    assert not starts(extract_text, "2019年5月，两地召开2019年工作会议。")


def test_a_party_committees_plenary_session_is_no_program(extract_text) -> None:
    text = ("2015年8月，成都市委十二届五次全会召开。1995年9月，中共中央十四届五中全会通过的"
            "《中共中央关于制定“九五”计划的建议》提出对口帮扶。")
    names = {name for name, _ in starts(extract_text, text)}
    assert not any(name.endswith("全会") for name in names)
    assert "中共中央关于制定九五计划的建议" in names
