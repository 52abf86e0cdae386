"""Special topics in public: the 专题专栏 index, a topic's page, its columns
gathering BY REFERENCE and BY QUERY (column pages and feeds), propagation
of an item's retraction, archived topics, drafts hidden, the home block."""

import re

from pyramid.traversal import find_resource

from govportal.topics.figures import topic_figures
from tests.conftest import read_root
from tests.public.helpers import publish_documents, transition_as


def _main(res):
    return str(res.html.find("main"))


def test_index_lists_open_topics_first_and_marks_archived(topics_site, testapp):
    res = testapp.get("/@@zhuanti")
    main = _main(res)
    assert main.index("优化营商环境") < main.index("2025年防汛减灾")
    assert main.count("已归档") == 1
    assert res.headers["Content-Type"].startswith("text/html")


def test_topic_page_shows_columns_with_items_from_departments(topics_site, testapp):
    main = _main(testapp.get("/yhyshj/"))
    assert main.index("政策措施") < main.index("部门动态")
    # by reference: the newest two of 教育局 and 卫健局
    assert "/jyj/tzgg/notice-0/" in main and "/wjj/gzdt/wjj-1/" in main
    # by query: 动态要闻 columns of 财政局 and 人社局
    assert "/czj/gzdt/czj-0/" in main and "/rsj/gzdt/rsj-0/" in main
    assert "/czj/" not in main.split("部门动态")[0]
    assert "已归档" not in main


def test_column_page_and_feed_show_picked_items(topics_site, testapp):
    page = _main(testapp.get("/yhyshj/zccs/"))
    feed = testapp.get("/yhyshj/zccs/rss.xml").text
    for path in ("/jyj/tzgg/notice-0/", "/wjj/gzdt/wjj-0/"):
        assert path in page and path in feed


def test_retracting_a_picked_item_removes_it_from_the_topic(topics_site, wsgi_app, testapp):
    transition_as(wsgi_app, "/wjj/gzdt/wjj-1/", "wjj_reviewer", "retract", comment="有误")
    assert "/wjj/gzdt/wjj-1/" not in _main(testapp.get("/yhyshj/"))
    assert "/wjj/gzdt/wjj-1/" not in testapp.get("/yhyshj/zccs/rss.xml").text
    assert "/wjj/gzdt/wjj-0/" in _main(testapp.get("/yhyshj/zccs/"))


def test_query_column_is_live(topics_site, wsgi_app, testapp):
    transition_as(wsgi_app, "/czj/gzdt/czj-0/", "czj_reviewer", "retract", comment="有误")
    publish_documents(
        wsgi_app,
        "/rsj/gzdt/",
        [{"name": "rsj-new", "title": "人社局新动态"}],
        editor="rsj_editor",
        reviewer="rsj_reviewer",
    )
    main = _main(testapp.get("/yhyshj/bmdt/"))
    assert "/czj/gzdt/czj-0/" not in main
    assert "/rsj/gzdt/rsj-new/" in main
    assert "/rsj/gzdt/rsj-new/" in testapp.get("/yhyshj/bmdt/rss.xml").text


def test_archived_topic_stays_visible_and_marked(topics_site, testapp):
    main = _main(testapp.get("/fxjz2025/"))
    assert "本专题已归档" in main
    assert "所属专题已归档" in _main(testapp.get("/fxjz2025/gzdt/"))
    assert "已归档" not in _main(testapp.get("/yhyshj/zccs/"))
    assert "已归档" not in _main(testapp.get("/yw/"))


def test_home_page_lists_open_topics_only(topics_site, testapp):
    block = testapp.get("/").html.find("section", class_="special-topics")
    assert block is not None
    assert "优化营商环境" in block.text and "防汛" not in block.text


def test_draft_topic_and_its_columns_are_hidden(topics_site, browser, testapp):
    editor = browser("portal_editor")
    token = editor.csrf("/@@special-topics-admin")
    editor.post(
        "/@@special-topics-admin",
        {"title": "建设中的专题", "name": "draft-topic", "summary": "", "csrf_token": token},
        status=303,
    )
    editor.post(
        "/draft-topic/@@topic-add-column",
        {"title": "栏目一", "name": "lm1", "position": "1", "csrf_token": token},
        status=303,
    )
    testapp.get("/draft-topic/", status=404)
    testapp.get("/draft-topic/lm1/", status=404)
    testapp.get("/draft-topic/lm1/rss.xml", status=404)
    assert "建设中的专题" not in testapp.get("/@@zhuanti").text
    editor.get("/draft-topic/lm1/", status=200)  # its editors preview it
    browser("jyj_editor").get("/draft-topic/lm1/", status=403)


def test_annual_report_figures(topics_site, wsgi_app):
    figures = read_root(wsgi_app, lambda root: topic_figures(root, wsgi_app.registry, 2026))
    assert figures == {"topics_kept": 2, "topics_new": 2}
    assert read_root(wsgi_app, lambda root: topic_figures(root, wsgi_app.registry, 2025)) == {
        "topics_kept": 0,
        "topics_new": 0,
    }


def test_demo_is_idempotent(topics_site, wsgi_app):
    from govportal.bootstrap import site_session
    from govportal.demo.specialtopics import build_special_topics

    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        build_special_topics(root, request, root["principals"])
    count = read_root(
        wsgi_app, lambda root: len(find_resource(root, "/yhyshj/zccs/").__parent__.keys())
    )
    assert count == 2


def test_site_report_counts_the_portal_topics(topics_site, wsgi_app):
    from govportal.sitereport.sources import generated

    def figures(path):
        def read(root):
            found = generated(find_resource(root, path), 2026, wsgi_app.registry)
            return found["topics_kept"].value, found["topics_new"].value

        return read_root(wsgi_app, read)

    assert figures("/") == (2, 2)
    assert figures("/jyj/") == (0, 0)


def test_query_by_words_uses_the_full_text_index(topics_site, browser, wsgi_app, testapp):
    publish_documents(
        wsgi_app,
        "/wjj/gzdt/",
        [{"name": "wjj-yx", "title": "卫健局开展营商环境义诊", "body": "<p>惠企便民。</p>"}],
        editor="wjj_editor",
        reviewer="wjj_reviewer",
    )
    assert wsgi_app.registry.govportal_search.flush(30)
    editor = browser("portal_editor")
    token = editor.csrf("/@@special-topics-admin")
    editor.post(
        "/yhyshj/bmdt/@@topic-query",
        {"words": "惠企便民", "departments": "wjj", "csrf_token": token},
        status=303,
    )
    main = _main(testapp.get("/yhyshj/bmdt/"))
    assert "/wjj/gzdt/wjj-yx/" in main
    assert "/wjj/gzdt/wjj-0/" not in main  # of 卫健局, but without the words
    assert "/czj/gzdt/czj-0/" not in main  # the old query is replaced


def test_query_column_pages(topics_site, wsgi_app, testapp):
    from govportal.bootstrap import site_session
    from govportal.topics.queries import QUERY_ATTR

    specs = [{"name": f"many-{i:02d}", "title": f"批量动态{i:02d}"} for i in range(22)]
    publish_documents(wsgi_app, "/rsj/gzdt/", specs, editor="rsj_editor", reviewer="rsj_reviewer")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        column = zodb_root["app_root"]["yhyshj"]["bmdt"]
        setattr(column, QUERY_ATTR, {"departments": ("rsj",)})
    first = _main(testapp.get("/yhyshj/bmdt/"))
    second = _main(testapp.get("/yhyshj/bmdt/", {"page": "2"}))
    pager = testapp.get("/yhyshj/bmdt/").html.find("nav", class_="pager").text
    total = int(re.search(r"（(\d+) 条）", pager).group(1))
    assert "共 2 页" in pager and 22 < total <= 40, pager
    assert first.count("批量动态") + second.count("批量动态") == 22
    assert first.count("<li>") == 20 and second.count("<li>") == total - 20
