"""The CJK splitter: bigrams, single characters, whole words, separators."""

import pickle

import pytest

from govportal.search.splitter import VERSION, CJKSplitter, bigrams, fold, is_cjk

splitter = CJKSplitter()


def test_cjk_runs_give_bigrams_and_single_characters():
    terms = splitter.terms("营商环境")
    assert sorted(terms) == sorted(["营", "商", "环", "境", "营商", "商环", "环境"])


def test_a_single_character_is_a_term():
    assert splitter.terms("桥") == ["桥"]


def test_words_and_numbers_are_kept_whole_and_lowercased():
    assert splitter.terms("GB/T 37668-2019 WCAG2") == ["gb", "t", "37668", "2019", "wcag2"]


def test_fullwidth_letters_and_digits_are_folded():
    assert splitter.terms("ＧＢ２０１９") == ["gb2019"]


def test_script_changes_split_tokens():
    kinds = [(kind, token) for kind, token, _s, _e in splitter.tokens("2019年第3期ABC号")]
    assert kinds == [
        ("word", "2019"),
        ("cjk", "年第"),
        ("word", "3"),
        ("cjk", "期"),
        ("word", "abc"),
        ("cjk", "号"),
    ]


@pytest.mark.parametrize("sep", list("、，。《》“”〔〕[]()（）【】；：！？ \u3000\n\u2029-/·"))
def test_punctuation_separates_tokens(sep):
    terms = splitter.terms(f"营商{sep}环境")
    assert "营商" in terms and "环境" in terms
    assert "商环" not in terms
    assert not any(sep in t for t in terms if sep.strip())


def test_bracket_forms_are_equivalent():
    forms = ["营府发〔2019〕12号", "营府发[2019]12号", "营府发(2019)12号", "营府发（2019）12号"]
    assert len({tuple(splitter.terms(f)) for f in forms}) == 1
    assert len({fold(f) for f in forms}) == 1


def test_fold_keeps_positions():
    text = "ＡＢＣ营商（环境）İx"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("abc营商〔环境〕")


def test_overlong_words_are_not_indexed():
    assert splitter.terms("a" * 41 + " ok") == ["ok"]


def test_kana_and_rare_han_are_cjk():
    assert is_cjk("㐀𠀀") and is_cjk("ひら") and not is_cjk("abc")
    assert bigrams("abc") == ["ab", "bc"] and bigrams("营") == []


def test_hypatia_splitter_interface():
    assert splitter.process(["营商环境", "2019"]) == splitter.terms("营商环境") + ["2019"]
    assert splitter.processGlob(["营商"]) == splitter.process(["营商"])


def test_pickled_by_its_stable_dotted_path():
    """The index stores the splitter: its module and class name are in the
    pickle and must never change."""
    data = pickle.dumps(CJKSplitter(), protocol=3)
    assert b"govportal.search.splitter" in data and b"CJKSplitter" in data
    assert pickle.loads(data) == splitter  # noqa: S301 - our own bytes
    assert CJKSplitter.__module__ == "govportal.search.splitter"
    assert isinstance(VERSION, int)
