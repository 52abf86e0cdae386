"""Query normalisation: cleaning, segments, 文号, questions, highlighting."""

import pytest

from govportal.search.query import MAX_QUERY, clean, highlight, parse, snippet, spans


def segments(q):
    return [s.text for s in parse(q).segments]


def test_clean_drops_control_characters_and_limits_length():
    assert clean("  营商\x00环境\t\n ") == "营商 环境"
    assert clean("\u202e营商\u200b环境") == "营商 环境"
    assert len(clean("营" * 1000)) == MAX_QUERY
    assert clean(None) == ""


@pytest.mark.parametrize(
    "q",
    [
        "营府发〔2019〕12号",
        "营府发[2019]12号",
        "营府发(2019)12号",
        "营府发（2019）12号",
        "营府发【2019】12号",
        "营府发［2019］12号",
        "营府发 〔 2019 〕 12号",
    ],
)
def test_doc_number_is_one_segment_in_any_bracket_form(q):
    parsed = parse(q)
    assert [s.tokens for s in parsed.segments] == [
        [("cjk", "营府发"), ("word", "2019"), ("word", "12"), ("cjk", "号")]
    ]
    assert parsed.exact_terms == ["营府", "府发", "2019", "12", "号"]
    rx = parsed.exact_regex()
    for text in (
        "营府发〔2019〕12号",
        "营府发[2019]12号",
        "营府发（2019）12号",
        "营府发 (2019) 12号",
    ):
        assert spans(text, rx) == [(0, len(text))], text
    assert not spans("营府发〔2019〕123号", rx)
    assert not spans("营府发〔2019〕112号", rx)


@pytest.mark.parametrize(
    "q", ["营商环境，实施意见", "营商环境、实施意见", "营商环境。实施意见", "营商环境 实施意见"]
)
def test_punctuation_and_spaces_separate_segments(q):
    assert segments(q) == ["营商环境", "实施意见"]


def test_segment_terms_and_phrase_checks():
    parsed = parse("营商环境 桥 gb")
    assert [s.terms for s in parsed.segments] == [["营商", "商环", "环境"], ["桥"], ["gb"]]
    assert [s.needs_check for s in parsed.segments] == [True, False, False]


def test_words_match_whole():
    rx = parse("gb").exact_regex()
    assert spans("GB/T 2019", rx) == [(0, 2)]
    assert spans("gbk", rx) == []


@pytest.mark.parametrize(
    "q, fragments",
    [
        ("怎么申请公开政府信息", ["申请公开政府信息"]),
        ("如何申请政府信息公开？", ["申请政府信息公开"]),
        ("我要办理营业执照，去哪里办？", ["办理营业执照", "办"]),
        ("低保在哪里申请吗", ["低保", "申请"]),
        ("什么是营商环境", ["营商环境"]),
    ],
)
def test_questions_lose_question_words(q, fragments):
    parsed = parse(q)
    assert parsed.question
    assert [f.text for f in parsed.fragments] == fragments


def test_single_characters_are_left_out_of_coverage_terms_when_words_remain():
    parsed = parse("我要办理营业执照，去哪里办？")
    assert parsed.coverage_terms == ["办理", "理营", "营业", "业执", "执照"]


def test_keyword_queries_are_not_questions():
    for q in ("营商环境", "营府发〔2019〕12号", "重要通知", "目的地"):
        parsed = parse(q)
        assert not parsed.question, q
    # 的 is dropped from the fallback fragments, not from the phrase
    parsed = parse("营商环境的政策")
    assert segments("营商环境的政策") == ["营商环境的政策"]
    assert [f.text for f in parsed.fragments] == ["营商环境", "政策"]


def test_only_stop_words_are_searched_as_they_are():
    parsed = parse("怎么办")
    assert parsed.coverage_terms == ["怎么", "么办"]


def test_nothing_searchable():
    for q in ("", "   ", "、，。《》", "<>!!"):
        assert not parse(q)


def test_highlight_escapes_and_marks():
    rx = parse("营商环境").exact_regex()
    out = highlight('<b>优化营商环境</b> & "x"', rx)
    assert out == "&lt;b&gt;优化<mark>营商环境</mark>&lt;/b&gt; &amp; &quot;x&quot;"
    assert highlight("<i>", None) == "&lt;i&gt;"


def test_highlight_merges_overlapping_matches():
    parsed = parse("怎么申请公开政府信息")
    out = highlight("依申请公开政府信息", parsed.coverage_regex())
    assert out == "依<mark>申请公开政府信息</mark>"
    out = highlight("申请书、政府信息", parsed.coverage_regex())
    assert out == "<mark>申请</mark>书、<mark>政府信息</mark>"


def test_snippet_is_around_the_first_match():
    rx = parse("营商环境").exact_regex()
    text = "甲" * 200 + "优化营商环境<script>" + "乙" * 200
    out = snippet([text], rx, width=60, before=10)
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>营商环境</mark>&lt;script&gt;" in out
    assert len(out) < 120
    assert snippet(["没有匹配<"], rx) == "没有匹配&lt;"
    assert snippet([], rx) == ""


def test_snippet_prefers_the_longest_match():
    parsed = parse("怎么申请公开政府信息")
    text = "政府" + "甲" * 100 + "依申请公开政府信息" + "乙" * 100
    out = snippet([text], parsed.coverage_regex(), width=60, before=10)
    assert "<mark>申请公开政府信息</mark>" in out
