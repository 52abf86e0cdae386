"""Every public page type: content, required page elements, navigation."""

from datetime import date

import pytest

from .helpers import publish_documents, transition_as

FOOTER = (
    "主办单位：营山县人民政府办公室",
    "网站标识码：5113220001",
    "蜀ICP备",
    "川公网安备",
    "党政机关网站标识",
)
META = (
    'name="SiteName" content="营山县人民政府"',
    'name="SiteDomain"',
    'name="SiteIDCode" content="5113220001"',
    'name="ColumnName"',
)
REGULATION = "/zcwj/yingshan-website-regulation-2019/"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/jyj/",
        "/zcwj/",
        REGULATION,
        "/@@catalog",
        "/jyj/@@catalog",
        "/@@sitemap",
        "/@@help",
        "/@@about",
        "/@@accessibility",
        REGULATION + "print",
    ],
)
def test_every_page_has_the_required_elements(testapp, path):
    res = testapp.get(path)
    assert '<html lang="zh-CN"' in res.text
    for text in FOOTER + META:
        assert text in res.text, (path, text)
    assert 'href="#main"' in res.text and 'id="main"' in res.text


def test_portal_home_has_name_entries_and_departments(testapp):
    res = testapp.get("/")
    h1 = res.html.find("h1")
    assert h1.text.strip() == "营山县人民政府"
    entries = [a.text for a in res.html.select("nav.entries a")]
    assert entries == ["信息公开", "办事服务", "互动交流", "无障碍", "长者版"]
    departments = {a.text for a in res.html.select("section.departments a")}
    assert {"营山县教育局", "营山县卫生健康局", "营山县财政局"} <= departments
    assert "营山县政府网站管理办法" in res.text and "2019-10-12" in res.text


def test_department_home_links_back_to_portal(testapp):
    res = testapp.get("/jyj/")
    back = res.html.select_one("p.back-to-portal a")
    assert back["href"] == "http://localhost/" and "门户网站" in back.text
    assert "工作动态" in res.text and "规范性文件" in res.text


def test_column_pages_newest_first_with_pagination(testapp, wsgi_app):
    specs = [{"title": f"通知{i:02d}", "publish_date": date(2026, 1, 1 + i)} for i in range(25)]
    publish_documents(wsgi_app, "/tzgg/", specs)
    first = testapp.get("/tzgg/")
    titles = [a.text for a in first.html.select("ul.items a")]
    assert titles[:3] == ["通知24", "通知23", "通知22"] and len(titles) == 20
    assert "2026-01-25" in first.text
    assert "第 1 页 / 共 2 页" in first.text
    second = testapp.get("/tzgg/?page=2")
    assert [a.text for a in second.html.select("ul.items a")] == [
        f"通知{i:02d}" for i in range(4, -1, -1)
    ]
    for bad in ("-1", "0", "abc", "99999999999999999999", "<script>"):
        res = testapp.get("/tzgg/", {"page": bad})
        assert res.status_int == 200 and "<script>" not in res.text


def test_document_page_metadata_print_and_qr(testapp, wsgi_app):
    (path,) = publish_documents(
        wsgi_app,
        "/jyj/gfxwj/",
        [
            {
                "title": "关于做好招生工作的通知",
                "doc_number": "营教发〔2026〕3号",
                "topic": "教育",
                "publisher": "营山县教育局",
                "index_number": "008000001/2026-00001",
                "written_date": date(2026, 1, 5),
                "validity": "repealed",
                "source": "县教育局",
                "body": '<p>正文</p><p><a href="https://www.example.com/x?a=1&amp;b=2">外部</a> <a href="https://www.gov.cn/">国务院</a></p>',
            }
        ],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    res = testapp.get(path)
    for text in (
        "索引号",
        "008000001/2026-00001",
        "主题分类",
        "教育",
        "发布机构",
        "成文日期",
        "2026-01-05",
        "文号",
        "营教发〔2026〕3号",
        "有效性",
        "已废止",
        "本文件已废止",
        "扫一扫在手机打开当前页",
    ):
        assert text in res.text, text
    assert 'name="ArticleTitle" content="关于做好招生工作的通知"' in res.text
    assert 'name="ContentSource" content="县教育局"' in res.text
    qr = res.html.select_one("figure.qr img")
    assert qr["src"] == "http://localhost" + path + "qr.svg" and qr["alt"]
    svg = testapp.get(path + "qr.svg")
    assert svg.content_type == "image/svg+xml" and b"<svg" in svg.body
    assert "max-age=604800" in svg.headers["Cache-Control"]
    crumbs = [a.text for a in res.html.select("nav.crumbs a")]
    assert crumbs == ["首页", "营山县教育局", "规范性文件", "关于做好招生工作的通知"]
    links = {a.text: a["href"] for a in res.html.select("div.body a")}
    assert links["国务院"] == "https://www.gov.cn/"
    assert links["外部"].startswith(
        "http://localhost/@@leave?url=https%3A%2F%2Fwww.example.com%2Fx%3Fa%3D1%26b%3D2"
    )
    printed = testapp.get(path + "print")
    assert "data-autoprint" in printed.text and "<script>" not in printed.text
    assert "qr" not in printed.html.select_one("main").get("class", [])


def test_leaving_notice_offers_continue_and_cancel(testapp):
    res = testapp.get(
        "/@@leave",
        {"url": "https://www.example.com/a?b=1"},
        headers={"Referer": "http://localhost/zcwj/"},
    )
    assert "即将离开" in res.text and "www.example.com" in res.text
    actions = {a.text: a["href"] for a in res.html.select("p.leave-actions a")}
    assert actions["继续访问"] == "https://www.example.com/a?b=1"
    assert actions["取消，返回上一页"] == "http://localhost/zcwj/"
    for bad in ("javascript:alert(1)", "", "ftp://x", "http://", "x" * 3000):
        assert testapp.get("/@@leave", {"url": bad}, status=400)


def test_elder_mode_persists_across_pages(testapp):
    res = testapp.get("/@@mode?set=elder", headers={"Referer": "http://localhost/jyj/"}, status=303)
    assert res.location == "http://localhost/jyj/"
    for path in ("/", "/jyj/", REGULATION):
        page = testapp.get(path)
        assert 'class="mode-elder"' in page.text and "标准版" in page.text
    testapp.get("/@@mode?set=standard", status=303)
    assert 'class="mode-elder"' not in testapp.get("/").text
    testapp.get("/@@mode?set=weird", status=400)


def test_catalogue_browses_by_topic_publisher_and_year(testapp, wsgi_app):
    publish_documents(
        wsgi_app,
        "/czj/fdzdgk/",
        [
            {
                "title": "2025年预算公开",
                "topic": "财政",
                "publisher": "营山县财政局",
                "publish_date": date(2025, 3, 1),
            },
            {
                "title": "2026年预算公开",
                "topic": "财政",
                "publisher": "营山县财政局",
                "publish_date": date(2026, 3, 1),
            },
            {
                "title": "惠民补贴发放",
                "topic": "社会保障",
                "publisher": "营山县财政局",
                "publish_date": date(2026, 4, 1),
            },
        ],
        editor="czj_editor",
        reviewer="czj_reviewer",
    )
    res = testapp.get("/@@catalog")
    assert (
        "财政（2）" in res.text and "社会保障（1）" in res.text and "营山县财政局（3）" in res.text
    )
    titles = lambda r: [a.text for a in r.html.select("table.catalogue-table td > a")]  # noqa: E731
    assert titles(testapp.get("/@@catalog", {"topic": "财政"})) == [
        "2026年预算公开",
        "2025年预算公开",
    ]
    assert titles(testapp.get("/@@catalog", {"year": "2025"})) == ["2025年预算公开"]
    assert titles(testapp.get("/czj/@@catalog", {"publisher": "营山县财政局", "year": "2026"})) == [
        "惠民补贴发放",
        "2026年预算公开",
    ]
    assert titles(testapp.get("/jyj/@@catalog")) == []
    testapp.get("/@@catalog", {"year": "abc"}, status=400)
    testapp.get("/@@catalog", {"topic": "x" * 500}, status=400)
    res = testapp.get("/@@catalog", {"topic": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in res.text


def test_feeds_sitemap_and_robots(testapp, wsgi_app):
    (path,) = publish_documents(
        wsgi_app, "/yw/", [{"title": "要闻一则", "publish_date": date(2026, 2, 1)}]
    )
    rss = testapp.get("/yw/rss.xml")
    assert rss.content_type == "application/rss+xml" and "<title>要闻一则</title>" in rss.text
    assert "http://localhost" + path in rss.text and "Sun, 01 Feb 2026" in rss.text
    sitemap = testapp.get("/sitemap.xml")
    assert (
        "http://localhost" + path in sitemap.text
        and "<lastmod>2026-02-01</lastmod>" in sitemap.text
    )
    robots = testapp.get("/robots.txt")
    assert (
        "Disallow: /manage" in robots.text
        and "Sitemap: http://localhost/sitemap.xml" in robots.text
    )
    html = testapp.get("/@@sitemap")
    assert "教育局" in html.text and "工作动态" in html.text and "政策文件" in html.text


def test_unpublished_and_archived_never_in_feeds_or_catalogue(testapp, wsgi_app):
    draft_title = "未发布的草稿"
    with_draft = publish_documents(wsgi_app, "/yw/", [{"title": "将归档的要闻"}])
    transition_as(wsgi_app, with_draft[0], "portal_reviewer", "archive")
    from govportal.bootstrap import site_session

    with site_session(wsgi_app.registry) as (zodb_root, request):
        column = zodb_root["app_root"]["yw"]
        column["draft"] = request.registry.content.create("Document", title=draft_title)
    for path in ("/yw/rss.xml", "/sitemap.xml", "/@@catalog", "/yw/", "/"):
        text = testapp.get(path).text
        assert draft_title not in text and "将归档的要闻" not in text, path
    assert "已归档" in testapp.get(with_draft[0]).text


def test_closed_column_hides_documents_from_sitemap_and_catalogue(testapp, wsgi_app):
    (path,) = publish_documents(
        wsgi_app,
        "/jyj/gzdt/",
        [{"title": "停用栏目里的通知", "topic": "教育", "publisher": "营山县教育局"}],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    assert "停用栏目里的通知" in testapp.get("/@@catalog").text
    from govportal.bootstrap import site_session

    from .helpers import find_resource, get_oid, get_workflow, request_as

    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        column = find_resource(root, "/jyj/gzdt/")
        admin = request_as(request, get_oid(root["principals"]["users"]["admin"]))
        get_workflow(column, request.registry).transition(
            column, admin, "close", comment="合并栏目"
        )
    testapp.get(path, status=404)
    for page in ("/@@catalog", "/jyj/@@catalog", "/sitemap.xml", "/jyj/"):
        assert (
            "停用栏目里的通知" not in testapp.get(page).text and path not in testapp.get(page).text
        ), page
    assert "教育（" not in testapp.get("/@@catalog").text
