"""The synonym dictionary as data: format, limits, finding terms, the seed file."""

import pytest

from govportal.search.synonyms import (
    MAX_LINES,
    SynonymDictionary,
    SynonymError,
    parse_text,
    seed_dictionary,
)


def test_equivalent_and_one_way_entries():
    d = SynonymDictionary.from_text(
        "# 注释\n社会保障卡, 社保卡   # 行尾注释\n开饭店 => 餐饮服务、食品经营\n\n户籍，户口\n"
    )
    assert d.alternatives("社保卡") == ("社会保障卡",)
    assert d.alternatives("社会保障卡") == ("社保卡",)
    assert d.alternatives("开饭店") == ("餐饮服务", "食品经营")
    assert d.alternatives("餐饮服务") == ()  # one way
    assert d.alternatives("户口") == ("户籍",)
    assert len(d) == 5


def test_terms_are_folded_like_queries():
    d = SynonymDictionary.from_text("ＧＢ, 国家标准\n12345, 热线")
    assert d.alternatives("gb") == ("国家标准",)
    assert d.alternatives("12345") == ("热线",)


def test_find_takes_the_longest_term_first():
    d = SynonymDictionary.from_text("社保, 社会保险\n社保卡, 社会保障卡\n公积金, 住房公积金")
    assert d.find("社保卡丢了公积金") == [(0, 3, "社保卡"), (5, 8, "公积金")]
    assert d.find("社保缴费") == [(0, 2, "社保")]
    assert SynonymDictionary().find("社保") == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("社保卡\n", "至少要写两个"),
        ("a => \n", "两边都要写"),
        ("a => b => c\n", "只能有一个"),
        ("社保卡, " + "长" * 21, "过长"),
        ("社保卡, 社保-卡", "只能由汉字"),
        ("甲, 乙\n" * (MAX_LINES + 1), "最多"),
    ],
)
def test_malformed_texts_are_refused_with_the_line(text, message):
    with pytest.raises(SynonymError) as info:
        parse_text(text)
    assert message in str(info.value)


def test_the_seed_file_holds_the_issues_examples():
    d = seed_dictionary()
    assert "社会保障卡" in d.alternatives("社保卡")
    assert "住房公积金" in d.alternatives("公积金")
    assert "户籍" in d.alternatives("户口")
    assert "餐饮服务" in d.alternatives("开饭店")
    assert len(d) > 50


def test_a_save_in_another_process_is_used_at_its_next_transaction():
    """Each process compiles the dictionary once per stored version: process
    B, which compiled the seed and then version 1, uses what process A saved
    as soon as its connection sees A's commit."""
    import types

    import transaction
    import ZODB
    from persistent.mapping import PersistentMapping

    from govportal.search.synonyms import get_dictionary, save_synonyms

    db = ZODB.DB(None)
    try:
        managers = {name: transaction.TransactionManager() for name in "AB"}
        conns = {name: db.open(transaction_manager=tm) for name, tm in managers.items()}
        registries = {name: types.SimpleNamespace(settings={}) for name in "AB"}
        conns["A"].root()["site"] = root = PersistentMapping()
        root.__parent__ = None  # the portal root of both processes
        managers["A"].commit()

        def site(name):
            managers[name].begin()  # a new request: the connection syncs
            return conns[name].root()["site"]

        assert "社会保障卡" in get_dictionary(registries["B"], site("B")).alternatives("社保卡")
        save_synonyms(site("A"), "停车费 => 停车场收费\n")
        managers["A"].commit()
        used = get_dictionary(registries["B"], site("B"))
        assert used.alternatives("停车费") == ("停车场收费",) and not used.alternatives("社保卡")
        assert get_dictionary(registries["B"], site("B")) is used  # compiled once
        save_synonyms(site("A"), "停车费 => 停车收费\n")
        managers["A"].commit()
        assert get_dictionary(registries["B"], site("B")).alternatives("停车费") == ("停车收费",)
        for name in "AB":
            managers[name].abort()
            conns[name].close()
    finally:
        db.close()
