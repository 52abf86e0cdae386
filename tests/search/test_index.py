"""The inverted index on its own: postings, phrase checks, BM25, coverage."""

from datetime import date

import pytest
from BTrees.LFBTree import LFTreeSet

from govportal.search.index import MIN_COVERAGE, AttachmentText, DocRecord, SearchIndex
from govportal.search.query import parse


def record(title, body="", **kw):
    return DocRecord(title=title, body=body, **kw)


@pytest.fixture
def index():
    idx = SearchIndex()
    idx.index_doc(
        1, record("关于优化营商环境的意见", "持续优化营商环境。", publish_date=date(2019, 1, 2))
    )
    idx.index_doc(2, record("工作简报", "营商主体增长。" + "其他内容。" * 20 + "人居环境改善。"))
    idx.index_doc(
        3,
        record(
            "依申请公开政府信息工作规程",
            "依申请公开政府信息应当填写申请表。",
            topic="综合政务",
            publish_date=date(2021, 6, 1),
        ),
    )
    idx.index_doc(4, record("政府网站管理办法", "政府信息公开栏目应当及时更新。"))
    idx.index_doc(
        5,
        record(
            "预算公开",
            "详见附件。",
            meta=(("文号", "营财发〔2022〕3号"),),
            attachments=(AttachmentText(9, "s", "说明.pdf", "说明.pdf", "三公经费预算说明"),),
            publish_date=date(2022, 3, 1),
        ),
    )
    return idx


def docids(idx, q, restrict=None, sort="relevance"):
    hits, _mode = idx.search(parse(q), restrict, sort)
    return [h.docid for h in hits]


def test_exact_phrase(index):
    assert docids(index, "营商环境") == [1]
    assert sorted(docids(index, "营商 环境")) == [1, 2]


def test_title_is_boosted(index):
    index.index_doc(6, record("其他", "营商环境" * 1))
    assert docids(index, "营商环境")[0] == 1


def test_metadata_and_attachments_are_indexed(index):
    assert docids(index, "营财发[2022]3号") == [5]
    assert docids(index, "三公经费") == [5]
    assert docids(index, "说明.pdf") == [5]


def test_coverage_search_for_questions(index):
    hits, mode = index.search(parse("怎么申请公开政府信息"))
    assert mode == "coverage"
    assert [h.docid for h in hits][0] == 3
    assert all(h.coverage >= MIN_COVERAGE for h in hits)
    assert 1 not in [h.docid for h in hits]


def test_long_keyword_query_falls_back_to_coverage(index):
    # not verbatim anywhere, but most of its bigrams are in document 1
    hits, mode = index.search(parse("优化营商环境意见"))
    assert mode == "coverage" and hits[0].docid == 1


def test_not_covered_finds_nothing(index):
    assert docids(index, "火星移民签证") == []
    hits, mode = index.search(parse("怎么办理火星移民签证"))
    assert hits == [] and mode == "coverage"


def test_restrict_and_facets(index):
    assert docids(index, "营商环境", LFTreeSet([2, 3])) == []
    assert list(index.topic_set("综合政务")) == [3]
    assert sorted(index.years.keys()) == [2019, 2021, 2022]
    assert [h.docid for h in index.browse(LFTreeSet([1, 3, 5]))] == [5, 3, 1]


def test_sort_by_date(index):
    assert docids(index, "公开", sort="date") == [5, 3, 4]


def test_reindex_and_unindex_leave_no_trace(index):
    before = set(index.postings.keys())
    index.index_doc(7, record("独特标题", "独一无二的正文"))
    assert docids(index, "独一无二") == [7]
    index.index_doc(7, record("新的标题", "改写后的正文"))
    assert docids(index, "独一无二") == []
    assert docids(index, "改写后") == [7]
    assert index.unindex_doc(7) and not index.unindex_doc(7)
    assert set(index.postings.keys()) == before
    assert len(index) == 5


def test_lengths_and_counts(index):
    total = index.total_length()
    index.unindex_doc(1)
    assert index.total_length() < total and len(index) == 4
    assert 1 not in index.docnos and 1 not in index.dates and len(index.doclen) == 4
    assert not index.years.get(2019)
