"""Searching through HTTP, as citizens do, over one corpus built per module.

The corpus is published the way editors publish (workspace form, attachments,
submit, approve by another person) plus 23 flood-control bulletins written
straight into the database (as an import script would), which the indexer's
start-up check finds.  Nothing here changes the corpus: tests that change
content are in ``test_updates.py``.
"""

import re
import shutil
from datetime import date, timedelta

import pytest
import webtest
from substanced.util import get_oid

from govportal import main
from govportal.bootstrap import request_as, site_session
from govportal.workflow import get_workflow
from tests.conftest import Browser, close_app, make_settings
from tests.http.helpers import add_attachment, add_document, publish, transition

from .conftest import results, titles, total
from .files import make_docx, make_pdf, make_xlsx

BULLETINS = 23


def _publish_with_attachments(editor, reviewer, column, title, body, files, **extra):
    path = add_document(editor, column, title, body, **extra)
    for filename, content in files:
        add_attachment(editor, path, filename, content)
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    return path


def _bulletins(app):
    """Publish the flood-control bulletins directly in the database."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        editor, reviewer = users["wjj_editor"], users["wjj_reviewer"]
        as_editor = request_as(request, get_oid(editor))
        as_reviewer = request_as(request, get_oid(reviewer))
        column = root["wjj"]["gzdt"]
        for n in range(1, BULLETINS + 1):
            doc = app.registry.content.create(
                "Document",
                title=f"防汛工作简报第{n}期",
                body=f"<p>第{n}期：各乡镇做好防汛值守，及时转移受威胁群众。</p>",
                topic="应急管理",
                publish_date=date(2018, 6, 1) + timedelta(days=n),
                last_editor=get_oid(editor),
            )
            column[f"fx-{n:02d}"] = doc
            workflow = get_workflow(doc, app.registry)
            workflow.transition(doc, as_editor, "submit")
            workflow.transition(doc, as_reviewer, "approve")


@pytest.fixture(scope="module")
def corpus(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("search-corpus") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    try:
        staff = {
            login: Browser(app).login(login)
            for login in (
                "portal_editor",
                "portal_reviewer",
                "jyj_editor",
                "jyj_reviewer",
                "wjj_editor",
                "wjj_reviewer",
            )
        }
        pe, pr = staff["portal_editor"], staff["portal_reviewer"]
        je, jr = staff["jyj_editor"], staff["jyj_reviewer"]
        we, wr = staff["wjj_editor"], staff["wjj_reviewer"]
        paths = {}
        paths["P1"] = publish(
            pe,
            pr,
            "/zcwj/",
            "关于进一步优化营商环境的实施意见",
            "<p>为持续优化营商环境，激发市场主体活力，现提出如下意见。</p>"
            "<p>一、简化企业开办流程。</p>",
            doc_number="营府发〔2019〕12号",
            topic="重要政务信息",
            publisher="营山县人民政府",
            publish_date="2019-05-10",
        )
        paths["P2"] = publish(
            pe,
            pr,
            "/yw/",
            "县城环境卫生整治工作简报",
            "<p>今年以来，全县营商主体数量稳步增长，个体工商户新增较多。</p>"
            "<p>农村道路建设加快推进。</p>"
            "<p>同时开展城乡人居环境整治，生态移民搬迁有序推进。</p>",
            topic="重大建设项目",
            publish_date="2020-03-01",
        )
        paths["P3"] = publish(
            pe,
            pr,
            "/xxgk/",
            "营山县人民政府依申请公开政府信息工作规程",
            "<p>公民、法人或者其他组织可以向行政机关申请获取政府信息。</p>"
            "<p>依申请公开政府信息应当填写政府信息公开申请表，并提供身份证明。</p>",
            doc_number="营府办发[2020]8号",
            topic="重要政务信息",
            publish_date="2021-06-01",
        )
        paths["J1"] = publish(
            je,
            jr,
            "/jyj/tzgg/",
            "关于做好2023年春季学期开学工作的通知",
            "<p>各中小学校：请做好开学前校舍安全检查，重点排查危桥险路。</p>",
            topic="规范性文件",
            publish_date="2023-02-10",
        )
        paths["J2"] = _publish_with_attachments(
            je,
            jr,
            "/jyj/gzdt/",
            "2022年度部门预算公开",
            "<p>详见附件。</p>",
            [
                ("预算说明.pdf", make_pdf("三公经费预算说明", "因公出国（境）费用")),
                ("材料清单.docx", make_docx("教师资格认定申请材料清单")),
                ("资助资金.xlsx", make_xlsx([["学校", "金额"], ["助学金发放名单", 1200]])),
            ],
            topic="其他主动公开信息",
            publish_date="2022-03-15",
        )
        paths["W1"] = publish(
            we,
            wr,
            "/wjj/gzdt/",
            "卫生健康局营商环境专项整治",
            "<p>优化医疗领域营商环境，规范医疗机构收费。</p>",
            topic="政务动态",
            publish_date="2024-01-05",
        )
        # never to be found by the public
        archived = publish(
            je, jr, "/jyj/gzdt/", "防汛抗旱应急预案（旧版）", "<p>归档专用词甲：旧预案。</p>"
        )
        transition(jr, archived, "archive")
        paths["archived"] = archived
        paths["draft"] = add_document(je, "/jyj/gzdt/", "内部草稿", "<p>草稿专用词乙。</p>")
        in_review = add_document(je, "/jyj/gzdt/", "待审稿件", "<p>审核专用词丙。</p>")
        transition(je, in_review, "submit")
        paths["review"] = in_review
        _bulletins(app)
        yield app, paths
    finally:
        close_app(app)


@pytest.fixture
def anon(corpus):
    return webtest.TestApp(corpus[0])


@pytest.fixture
def paths(corpus):
    return corpus[1]


def search(client, q=None, path="/search", status=200, **params):
    if q is not None:
        params["q"] = q
    return client.get(path, params, status=status)


def found(res):
    # the demo's service guides and 智能问答 entries are searched too
    # (govportal.services.search, interaction.answers.search); these tests are
    # about documents
    return [p for p, _t in results(res) if "/bszn/" not in p and "/zswd/" not in p]


# -- compounds, phrases, single characters ---------------------------------------


def test_compound_matches_the_phrase_not_the_words_far_apart(anon, paths):
    res = search(anon, "营商环境")
    assert set(found(res)) == {paths["P1"], paths["W1"]}
    assert paths["P2"] not in found(res)  # 营商 … 环境 far apart
    assert "<mark>营商环境</mark>" in res.text


def test_words_separated_by_a_space_are_each_required(anon, paths):
    res = search(anon, "营商 环境")
    assert {paths["P1"], paths["W1"], paths["P2"]} <= set(found(res))
    res = search(anon, "营商 医疗")
    assert found(res) == [paths["W1"]]


@pytest.mark.parametrize("q", ["营商环境，实施意见", "营商环境、实施意见", "实施意见。营商环境"])
def test_punctuation_inside_a_query_does_not_break_matching(anon, paths, q):
    assert found(search(anon, q)) == [paths["P1"]]


def test_single_characters_are_found(anon, paths):
    assert found(search(anon, "桥")) == [paths["J1"]]
    everywhere = set()
    for page in (1, 2, 3):  # 营 is in every 发布机构 (营山县…) as well
        everywhere.update(found(search(anon, "营", page=page)))
    assert everywhere >= {paths["P1"], paths["P2"], paths["W1"]}


def test_fullwidth_and_case_are_folded(anon, paths):
    assert found(search(anon, "２０２３年春季")) == [paths["J1"]]


# -- 文号 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "营府发〔2019〕12号",
        "营府发[2019]12号",
        "营府发(2019)12号",
        "营府发（2019）12号",
        "营府发【2019】12号",
    ],
)
def test_doc_number_in_any_bracket_form(anon, paths, q):
    res = search(anon, q)
    assert found(res)[0] == paths["P1"]
    assert found(res) == [paths["P1"]]
    assert "文号：<mark>" in res.text


@pytest.mark.parametrize("q", ["营府办发〔2020〕8号", "营府办发(2020)8号", "营府办发[2020]8号"])
def test_doc_number_written_with_square_brackets_is_found(anon, paths, q):
    assert found(search(anon, q)) == [paths["P3"]]


def test_another_doc_number_is_not_found(anon, paths):
    assert found(search(anon, "营府发〔2019〕13号")) == []


# -- attachments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q, filename",
    [
        ("三公经费预算", "预算说明.pdf"),
        ("教师资格认定", "材料清单.docx"),
        ("助学金发放名单", "资助资金.xlsx"),
    ],
)
def test_attachment_text_is_found(anon, paths, q, filename):
    res = search(anon, q)
    assert found(res) == [paths["J2"]]
    assert f"附件《{filename}》" in res.text
    assert f"<mark>{q}</mark>" in res.text


# -- plain-language questions and queries the site does not cover ---------------------


@pytest.mark.parametrize(
    "q", ["怎么申请公开政府信息", "如何申请政府信息公开？", "我要申请政府信息公开怎么办"]
)
def test_a_question_finds_the_documents_that_answer_it(anon, paths, q):
    res = search(anon, q)
    hits = found(res)
    assert hits and hits[0] == paths["P3"]
    for unrelated in ("P1", "P2", "J1", "W1"):
        assert paths[unrelated] not in hits


@pytest.mark.parametrize("q", ["火星移民签证", "量子计算机采购", "怎么办理火星签证"])
def test_a_query_about_something_not_covered_finds_nothing(anon, q):
    res = search(anon, q)
    assert total(res) == 0 and found(res) == []
    assert "没有找到" in res.text


# -- visibility ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q", ["归档专用词甲", "草稿专用词乙", "审核专用词丙", "内部草稿", "待审稿件"]
)
def test_drafts_review_and_archived_are_never_found(corpus, anon, q):
    assert found(search(anon, q)) == []
    editor = Browser(corpus[0]).login("jyj_editor")
    assert found(search(editor, q)) == []


def test_archived_document_is_not_among_similar_results(anon, paths):
    res = search(anon, "防汛")
    assert paths["archived"] not in found(res)
    assert total(res) == BULLETINS


# -- filters, sort, pagination -------------------------------------------------------------


def test_site_filters(anon, paths):
    assert found(search(anon, "营商环境", site="portal")) == [paths["P1"]]
    assert found(search(anon, "营商环境", site="wjj")) == [paths["W1"]]
    assert found(search(anon, "营商环境", site="jyj")) == []
    # a department's own search page
    res = search(anon, "营商环境", path="/wjj/search")
    assert found(res) == [paths["W1"]]
    assert "营山县卫生健康局站内搜索" in res.text
    res = search(anon, "营商环境", path="/jyj/search")
    assert found(res) == [] and "在全站搜索" in res.text


def test_column_topic_and_year_filters(anon, paths):
    assert found(search(anon, "营商环境", column="zcwj")) == [paths["P1"]]
    assert found(search(anon, "营商环境", column="wjj/gzdt")) == [paths["W1"]]
    assert found(search(anon, "营商环境", topic="重要政务信息")) == [paths["P1"]]
    assert found(search(anon, "营商环境", topic="政务动态")) == [paths["W1"]]
    assert found(search(anon, "营商环境", year="2024")) == [paths["W1"]]
    assert found(search(anon, "营商环境", year="2019")) == [paths["P1"]]
    # filters alone list matching documents, newest first
    assert found(search(anon, "", topic="规范性文件")) == [paths["J1"]]
    res = search(anon, "", topic="重要政务信息")
    regulation = "/zcwj/yingshan-website-regulation-2019/"  # the demo site's, 2019-10-12
    assert found(res) == [paths["P3"], regulation, paths["P1"]]
    # the form offers what can be chosen
    assert '<option value="重要政务信息"' in res.text and '<option value="2024">' in res.text
    assert 'value="jyj/tzgg"' in res.text


def test_sort_by_date_or_relevance(anon, paths):
    by_date = found(search(anon, "营商", sort="date"))
    assert by_date == [paths["W1"], paths["P2"], paths["P1"]]
    by_relevance = found(search(anon, "营商"))
    assert set(by_relevance) == set(by_date)
    assert by_relevance[-1] == paths["P2"]  # only in the body, once


def test_pagination(anon):
    res = search(anon, "防汛", sort="date")
    assert total(res) == BULLETINS
    assert titles(res)[0] == "防汛工作简报第23期" and len(titles(res)) == 10
    assert 'aria-label="搜索结果分页"' in res.text
    assert 'aria-current="page"' in res.text and 'aria-label="第 3 页"' in res.text
    res = search(anon, "防汛", sort="date", page="3")
    assert titles(res) == ["防汛工作简报第3期", "防汛工作简报第2期", "防汛工作简报第1期"]
    assert '<ol class="search-results" start="21">' in res.text
    assert 'rel="prev"' in res.text and 'rel="next"' not in res.text
    # every result is on exactly one page
    seen = []
    for page in (1, 2, 3):
        seen += titles(search(anon, "防汛", page=str(page)))
    assert len(seen) == len(set(seen)) == BULLETINS


def test_results_are_listed_with_headings_and_marks(anon, paths):
    res = search(anon, "优化营商环境")
    assert re.search(r'<form class="search-form" role="search"', res.text)
    assert '<label for="search-q">' in res.text and 'id="search-q"' in res.text
    assert '<ol class="search-results"' in res.text and "<h3><a href=" in res.text
    assert "优化<mark>营商环境</mark>" in res.text or "<mark>优化营商环境</mark>" in res.text


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "营商环境", "page": "-1"},
        {"q": "营商环境", "page": "0"},
        {"q": "营商环境", "page": "abc"},
        {"q": "营商环境", "page": "1e5"},
        {"q": "营商环境", "page": "99999999999999999999999999"},
        {"q": "营商环境", "page": "２"},
        {"q": "营商环境", "site": "<script>alert(1)</script>"},
        {"q": "营商环境", "site": "../../etc"},
        {"q": "营商环境", "column": "../../../etc/passwd"},
        {"q": "营商环境", "column": "jyj/gzdt/../../wjj"},
        {"q": "营商环境", "topic": "x" * 5000},
        {"q": "营商环境", "year": "99999999999999"},
        {"q": "营商环境", "year": "-2019"},
        {"q": "营商环境", "sort": "evil"},
        {"q": "营" * 10000},
        {"q": "\x00\x01\x1b[31m营商环境"},
        {"q": "*?()[]{}\\^$|+.\"'"},
        {"q": 'AND OR NOT " ( ) *'},
        {"q": "、，。《》“”〔〕"},
        {"q": "怎么"},
        {},
    ],
)
def test_bad_input_gives_a_normal_page(anon, params):
    res = anon.get("/search", params, status=200)
    assert "<h1>全站搜索</h1>" in res.text
    assert "<script>alert" not in res.text


def test_huge_page_number_shows_the_last_page(anon):
    res = search(anon, "防汛", page="99999999999999999999")
    assert len(titles(res)) == BULLETINS - 20


def test_script_in_the_query_is_escaped(anon):
    q = '<script>alert("x")</script>营商环境"><img src=x onerror=alert(1)>'
    res = search(anon, q)
    assert "<script>alert" not in res.text and "<img src=x" not in res.text
    assert "&lt;script&gt;" in res.text


def test_undecodable_parameters_are_400(anon):
    anon.get("/search?q=%ff%fe", status=400)


def test_post_is_refused_without_a_500(anon):
    res = anon.post("/search", {"q": "营商环境"}, status="*")
    assert res.status_int < 500
