"""The shanhai ontology as a closed rdflib namespace.

Generated from shanhai.ttl by ``python -m shanhai.ontology.generate``; do not edit.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

VERSION = "0.2.0"


class SHANHAI(DefinedNamespace):
    """山海本体 / shanhai ontology 0.2.0: a term not in the Turtle is an error.

    Generated from shanhai.ttl; see ontology/README.md.
    """

    _fail = True
    _NS = Namespace("https://w3id.org/shanhai/ontology#")

    # class
    Amount: URIRef  # 数量 / amount
    County: URIRef  # 县级行政区 / county
    Document: URIRef  # 文献 / document
    Evidence: URIRef  # 证据 / evidence
    Extraction: URIRef  # 抽取活动 / extraction
    Extractor: URIRef  # 抽取器 / extractor
    Meeting: URIRef  # 会议 / meeting
    Organization: URIRef  # 机构 / organisation
    Pairing: URIRef  # 结对帮扶关系 / pairing
    Plan: URIRef  # 规划 / plan
    Policy: URIRef  # 政策文件 / policy
    Prefecture: URIRef  # 地级行政区 / prefecture
    Program: URIRef  # 项目或政策 / program
    Project: URIRef  # 工程项目 / project
    Province: URIRef  # 省级行政区 / province
    Region: URIRef  # 行政区域 / region
    RegionGroup: URIRef  # 片区 / region group
    Township: URIRef  # 乡级行政区 / township
    Village: URIRef  # 村级单位 / village

    # object property
    amountOf: URIRef  # 数量主体 / amount of
    helper: URIRef  # 帮扶方 / helper
    locatedIn: URIRef  # 位于 / located in
    pairsWith: URIRef  # 对口帮扶 / pairs with
    partOf: URIRef  # 隶属于 / part of
    recipient: URIRef  # 受援方 / recipient
    renamedTo: URIRef  # 更名为 / renamed to
    sourceDocument: URIRef  # 来源文献 / source document

    # datatype property
    adminCode: URIRef  # 区划代码 / administrative code
    approximate: URIRef  # 约数 / approximate
    charCount: URIRef  # 字符数 / character count
    charEnd: URIRef  # 结束偏移 / end offset
    charStart: URIRef  # 起始偏移 / start offset
    confidence: URIRef  # 置信度 / confidence
    endYear: URIRef  # 结束年份 / end year
    extractorVersion: URIRef  # 抽取器版本 / extractor version
    fullName: URIRef  # 全称 / full name
    issuer: URIRef  # 发布机关 / issuer
    key: URIRef  # 归并键 / merge key
    measure: URIRef  # 度量对象 / measure
    path: URIRef  # 文件路径 / path
    quote: URIRef  # 引文 / quote
    rule: URIRef  # 抽取规则 / rule
    sha256: URIRef  # SHA-256 摘要 / SHA-256 digest
    shortName: URIRef  # 简称 / short name
    startDate: URIRef  # 开始日期 / start date
    startYear: URIRef  # 起始年份 / start year
    startedIn: URIRef  # 始于 / started in
    surface: URIRef  # 原文写法 / surface form
    unit: URIRef  # 单位 / unit
    value: URIRef  # 数值 / value
    year: URIRef  # 年份 / year
