"""How citizens ask: 文号 in every form, synonyms, question words, word boundaries."""

from datetime import date

import pytest

from govportal.search.docnumbers import normalise
from govportal.search.index import DocRecord, SearchIndex
from govportal.search.query import parse, spans
from govportal.search.splitter import fold
from govportal.search.synonyms import SynonymDictionary

DICT = SynonymDictionary.from_text(
    "社会保障卡, 社保卡\n住房公积金, 公积金\n户籍, 户口\n开饭店 => 餐饮服务, 食品经营\n"
    "取出来 => 提取\n"
)


@pytest.mark.parametrize(
    "q",
    [
        "国办发〔2021〕3号",
        "国办发[2021]3号",
        "国办发（2021）3号",
        "国办发(2021)3号",
        "国办发【2021】3号",
        "国办发2021年3号",
        "国办发2021年第3号",
        "国办发〔2021〕第3号",
        "国办发20213号",
        "国办发2021 3号",
        "国办发 2021 3 号",
        "国办发２０２１年３号",
    ],
)
def test_doc_numbers_in_every_form_are_one_printed_segment(q):
    parsed = parse(q)
    assert [s.tokens for s in parsed.segments] == [
        [("cjk", "国办发"), ("word", "2021"), ("word", "3"), ("cjk", "号")]
    ]
    assert parsed.segments[0].is_doc_number
    rx = parsed.exact_regex()
    assert spans("国办发〔2021〕3号", rx) and spans("国办发〔2021〕第3号", rx)
    assert not spans("国办发〔2021〕13号", rx) and not spans("国办发〔2021〕31号", rx)


def test_glued_year_takes_four_digits_and_dates_stay_dates():
    assert normalise(fold("国办发202113号")) == "国办发〔2021〕13号"
    assert normalise("2021年3月") == "2021年3月"
    assert normalise("营府发〔2019〕12号") == "营府发〔2019〕12号"
    assert normalise("第12345号") == "第12345号"  # no year 1949-2099 at the start


def test_synonym_variants_of_a_segment():
    parsed = parse("社保卡补办", synonyms=DICT)
    assert [v.text for v in parsed.variants[0]] == ["社保卡补办", "社会保障卡补办"]
    rx = parsed.exact_regex()
    assert spans("社会保障卡补办", rx) == [(0, 7)]


def test_units_cut_only_where_the_dictionary_knows_a_word():
    parsed = parse("社保卡丢了怎么补办", synonyms=DICT)
    assert parsed.question
    counted = [u.texts for u in parsed.units if not u.optional]
    # 丢 (a lone character) only raises the score; 卡丢 and 卡补 are never asked for
    assert counted == [("社保卡", "社会保障卡"), ("补办",)]
    assert [u.texts for u in parsed.units if u.optional] == [("丢",)]


def test_question_words_and_particles_never_count():
    for q in ("公积金要不要交税？", "公积金咋取出来呢", "公积金多久能取出来嘛"):
        parsed = parse(q, synonyms=DICT)
        assert parsed.question, q
        terms = {t for u in parsed.units for t in u.terms}
        assert not terms & {"要不", "不要", "咋", "多久", "呢", "嘛"}, q


def record(title, body="", **kw):
    return DocRecord(title=title, body=body, **kw)


@pytest.fixture
def index():
    idx = SearchIndex()
    idx.index_doc(1, record("社会保障卡管理办法", "补办社会保障卡应当携带居民身份证。"))
    idx.index_doc(2, record("住房公积金管理条例", "职工可以提取住房公积金账户内的存储余额。"))
    idx.index_doc(3, record("户籍制度改革意见", "放宽户籍迁移条件，推进落户。"))
    idx.index_doc(4, record("食品经营许可管理办法", "从事餐饮服务应当取得食品经营许可。"))
    idx.index_doc(
        5,
        record("关于推动个人养老金发展的意见", "正文。", meta=(("文号", "国办发〔2022〕7号"),)),
    )
    idx.index_doc(6, record("转发通知", "根据国办发〔2022〕7号文件精神，结合实际制定本通知。"))
    idx.index_doc(7, record("营商环境条例", "优化营商环境。", publish_date=date(2019, 10, 1)))
    return idx


def ids(idx, q, synonyms=DICT):
    hits, _mode = idx.search(parse(q, synonyms=synonyms))
    return [h.docid for h in hits]


@pytest.mark.parametrize(
    "q, expected",
    [
        ("社保卡丢了怎么补办", 1),
        ("社保卡补办", 1),
        ("公积金怎么取出来", 2),
        ("公积金提取", 2),
        ("户口迁移", 3),
        ("开饭店要办什么证", 4),
        ("开饭店需要什么许可", 4),
    ],
)
def test_colloquial_queries_find_the_official_document(index, q, expected):
    assert ids(index, q)[:1] == [expected]


def test_without_the_dictionary_colloquial_words_find_nothing(index):
    assert ids(index, "社保卡补办", synonyms=None) == []


@pytest.mark.parametrize(
    "q",
    ["国办发〔2022〕7号", "国办发2022年7号", "国办发20227号", "国办发[2022]7号", "国办发2022 7号"],
)
def test_the_document_bearing_the_number_comes_first(index, q):
    assert ids(index, q) == [5, 6]


@pytest.mark.parametrize(
    "q",
    ["火星移民签证", "怎么办理火星移民签证", "比特币挖矿补贴", "外星人", "航天发射许可怎么办",
     "社保卡火星"],
)  # fmt: skip
def test_no_hit_queries_stay_empty(index, q):
    assert ids(index, q) == []


def test_a_word_no_document_holds_weighs_double(index):
    # 户籍 and 迁移 are in document 3, xyz nowhere: two of three units are
    # not enough when the missing one is unknown to the whole site
    assert ids(index, "户口迁移怎么办") == [3]
    assert ids(index, "户口迁移 落户吗") == [3]
    assert ids(index, "户口迁移 xyz吗") == []


def test_official_phrases_stay_phrases(index):
    index.index_doc(8, record("简报", "营商主体。" + "其他。" * 30 + "人居环境。"))
    assert ids(index, "营商环境") == [7]
