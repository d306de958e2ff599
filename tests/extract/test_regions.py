"""Region recognition: levels, short and autonomous names, history, ambiguity, groups."""

from __future__ import annotations

import pytest
from shanhai.extract.document import Document
from shanhai.extract.pipeline import analyse


def regions(text: str) -> list[tuple[str, str]]:
    an = analyse(Document.from_text(text))
    return [(m.text, m.key) for m in an.mentions if m.kind == "region"]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("黔东南苗族侗族自治州风景秀丽。", "黔东南苗族侗族自治州", "522600"),
        ("黔东南州风景秀丽。", "黔东南州", "522600"),
        ("凉山州地处川西南。", "凉山州", "513400"),
        ("恩施州山清水秀。", "恩施州", "422800"),
        ("甘孜、阿坝两州海拔较高。", "甘孜", "513300"),
        ("甘孜、阿坝两州海拔较高。", "阿坝", "513200"),
        ("广元地处川北。", "广元", "510800"),
        ("襄樊市历史悠久。", "襄樊市", "420600"),  # former name of 襄阳市
        ("峨边县地处乐山。", "峨边县", "511132"),  # 峨边彝族自治县
        ("南汇区对口帮扶文山县。", "南汇区", "310115"),  # merged into 浦东新区 in 2009
        ("南汇区对口帮扶文山县。", "文山县", "532601"),  # 文山市 since 2010; 文山 alone is the prefecture
        ("闸北区与玉树县结对。", "闸北区", "310106"),  # merged into 静安区 in 2015
        ("闸北区与玉树县结对。", "玉树县", "632701"),  # 玉树市 since 2013
    ],
)
def test_names_people_write(text: str, name: str, code: str) -> None:
    assert (name, code) in regions(text)


def test_a_landmark_named_after_a_merged_district_is_no_place() -> None:
    assert regions("途经宣武门、崇文门。") == []


def test_ordinary_words_are_not_places() -> None:
    # 合作, 资源 and 振兴 are also short names of counties
    assert regions("加强合作，整合资源，推动乡村振兴。") == []


def test_a_rare_word_is_its_county_when_the_text_names_the_county_in_full() -> None:
    # jieba calls 米脂 a plain noun; with 米脂县 written elsewhere the bare name is the county
    assert ("米脂", "610827") in regions("陕西省米脂县代表团来访。米脂和高邮开展对口协作。")
    assert ("米脂", "610827") not in regions("米脂和高邮开展对口协作。")


def test_a_county_word_after_the_county_named_in_full_is_the_county() -> None:
    # jieba calls 平利 a word, too common to be a place on its own; after 安康市平利县 it is the county
    text = "安康市平利县在常州市武进区举办推介活动。武进与平利是对口帮扶区县。"
    assert [name for name, code in regions(text) if code == "610926"] == ["平利县", "平利"]
    # named before the full name, or with no full name at all, it stays a word
    assert [name for name, code in regions("安康市领导出席。武进与平利是对口帮扶区县。") if code == "610926"] == []


def test_a_zones_kind_alone_names_no_place() -> None:
    # the region table gives 高新区, 产业园区 and 工业园区 as names of particular zones
    assert regions("建设一批产业园区、工业园区和高新区，打造合作区。") == []


def test_county_names_jieba_calls_words_count_inside_a_list_of_places() -> None:
    # jieba tags 奉节 as a verb; after 巫山、巫溪 and before 3个县 it is the county
    assert ("奉节", "500236") in regions("对口帮扶巫山县、巫溪县、奉节3个县。")
    # the last of a longer list, whatever follows it
    assert ("巫山", "500237") in regions("帮扶毕节、黔南、清远、甘孜、巫山所有贫困县摘帽出列。")
    assert all(code != "500237" for _, code in regions("毕节、巫山云雨。"))
    assert all(code != "500236" for _, code in regions("奉节而行。"))


def test_an_ordinary_word_before_a_word_starting_with_a_suffix_is_no_place() -> None:
    # 新建市政燃气管道 is new gas mains, not 新建区 under a 市 suffix; 兴仁县城北社区 is 兴仁县's
    assert regions("新建市政燃气管道113公里。") == []
    assert ("兴仁县", "522302") in regions("兴仁县城北社区锁寨村。")
    # "部门和县区的干部" is departments and 县区, not 安徽's 和县
    assert regions("市直部门和县区的干部。") == []
    assert ("和县", "340523") in regions("马鞍山市和县位于长江北岸。")


def test_county_short_names_that_are_common_words_need_their_parents() -> None:
    # 新建 is 南昌市新建区 only where the text is about 南昌 (or writes 新建区)
    assert regions("新建改建农村公路5000公里。") == []
    assert ("新建", "360112") in regions("南昌市加快发展，新建的产业园已投产。")
    assert ("新建区", "360112") in regions("新建区地处赣江下游。")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("舟山市定海区和普陀区联手发展海洋经济，普陀的渔业很有名。", "330903"),
        ("上海市静安区与普陀区相邻，普陀的工业基础雄厚。", "310107"),
    ],
)
def test_ambiguous_short_names_resolved_by_context(text: str, code: str) -> None:
    found = [c for name, c in regions(text) if name == "普陀"]
    assert found == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # 东乡 is 抚州's 东乡区 and 临夏's 东乡族自治县 (listed as 东乡县): the text's full name decides
        ("历城与东乡虽相隔千里，两地携手协作。东乡县党政考察团来到济南。", "622926"),
        ("抚州市东乡区地处赣东。东乡的产业基础较好。", "361003"),
    ],
)
def test_a_short_name_follows_the_place_the_text_names_in_full(text: str, code: str) -> None:
    assert {c for name, c in regions(text) if name == "东乡"} == {code}


def test_village_named_with_its_county() -> None:
    an = analyse(Document.from_text("浙江省湖州市安吉县黄杜村捐赠茶苗。"))
    keys = [m.key for m in an.mentions if m.kind == "region"]
    assert "330523/黄杜村" in keys


def test_region_group_is_its_own_entity() -> None:
    an = analyse(Document.from_text("浙江对口支援四川藏区32个县。"))
    groups = [m for m in an.mentions if m.kind == "region_group"]
    assert [g.get("parent") for g in groups] == ["510000"]
    assert groups[0].get("label") == "四川藏区"


def test_traditional_characters_match_through_the_key() -> None:
    found = regions("浙江省對口幫扶四川省廣元市。")
    assert ("廣元市", "510800") in found



def test_official_names_that_are_common_words_need_their_parents() -> None:
    # 城区 and 郊区 are full official names of districts (阳泉市城区), and ordinary words too
    assert regions("建设城区防洪排涝项目32个，郊区道路全部硬化。") == []
    assert ("城区", "140302") in regions("阳泉市加快发展，城区人口稳步增长。")


def test_a_province_vouches_for_a_county_only_when_written_next_to_it() -> None:
    # 新城 is 西安市新城区; 陕西 named elsewhere does not make the word a place
    assert all(code != "610102" for _, code in regions("打造新城示范片区。深化与陕西渭南的协作。"))
    assert ("奇台", "652325") in regions("对口支援新疆奇台、西藏八宿。")


def test_development_zones_have_no_generic_short_names() -> None:
    # 兰州新区 and 镇江新区 are not "新区"
    assert regions("规划建设新区，发展高新区。") == []
    assert ("兰州新区", "620171") in regions("兰州新区发展迅速。")


def test_a_county_name_the_text_gives_a_township_needs_its_own_parents(extract_text) -> None:
    """三江乡 in 汶川: the bare 三江 is that township, not 三江侗族自治县 in 广西."""
    text = "汶川县三江乡完成灾后重建。惠州市援建三江工作组介绍，三江乡道路全部修通。"
    regions = {t.object.key for t in extract_text(text).triples if t.predicate == "pairsWith" and t.object}
    assert "450226" not in regions


def test_a_common_word_with_another_suffix_than_its_own_needs_its_parents() -> None:
    # 合作市 (甘南州) does not answer to 产业合作区 unless the text is about 甘南
    assert regions("南宁（深圳）东盟产业合作区建设提速。") == [("南宁", "450100"), ("深圳", "440300")]
    assert ("合作市", "623001") in regions("甘南州合作市位于甘肃南部。")


def test_renames_missing_from_the_packages_table() -> None:
    # our supplement to the package's 区划 change table: 开县 → 开州区 (2016), 那曲县 → 色尼区 (2017)
    assert ("开县", "500154") in regions("重庆开县的移民。")
    assert ("乌兰察布盟", "150900") in regions("乌兰察布盟的牧区。")
    # after the prefecture itself, its bare name among counted counties is the county of that name
    found = regions("浙江省对口支援西藏那曲地区及那曲、比如、嘉黎三县。")
    assert ("那曲", "540602") in found and ("那曲地区", "540600") in found
    # elsewhere a prefecture among 贫困县 stays the prefecture
    assert ("甘孜", "513300") in regions("支援疏附、波密、甘孜、巫山等6个贫困县全部实现脱贫摘帽。")


def test_a_two_character_county_split_across_two_words() -> None:
    # 完成 + 县级: no 成县 (甘肃)
    assert regions("深圳完成县级集中式饮用水水源地整治。") == [("深圳", "440300")]
    assert ("成县", "621221") in regions("对口帮扶成县、康县。")


def test_a_list_item_joined_on_by_he() -> None:
    assert ("九龙", "513324") in regions("做好四川雅江、九龙和重庆巫山对口帮扶支援。")


def test_counties_vouched_for_by_their_siblings_and_2016_renames() -> None:
    found = regions("广东对口支援汶川县，福建对口支援理县，天津对口支援茂县。")
    assert ("理县", "513222") in found
    found = regions("山西对口支援郫县，辽宁对口支援安县。")
    assert ("郫县", "510117") in found and ("安县", "510705") in found


def test_a_county_name_before_diqu_is_an_area_not_the_county() -> None:
    text = "闽宁携手合力脱贫攻坚，宁南地区踏上了小康之路。宁夏回族自治区各族群众感谢福建。"
    assert all(code != "513427" for _, code in regions(text))


def test_a_place_whose_people_travel_to_a_province_is_not_in_it() -> None:
    # 白云区 is a district of 广州 and one of 贵阳; the one whose delegation goes to 贵州 is 广州's
    text = "白云区党政代表团赴贵州省黔南州开展东西部协作调研。今年是白云区与罗甸县结对的第三年。"
    assert [code for name, code in regions(text) if name == "白云区"] == ["440111", "440111"]
    assert ("白云区", "520113") in regions("白云区位于贵阳市北部。")
