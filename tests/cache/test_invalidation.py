"""Every kind of change shows at once on the anonymous pages it alters.

Each test first makes the pages come from the render cache, then changes
the site (through the workspace forms, 管理, the workflow endpoints or a
direct database write that fires no event), then checks that the very next
anonymous request shows the change.
"""

from datetime import date

import pytest
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from tests.http.helpers import (
    add_document,
    admin_settings,
    edit_document,
    move_column,
    publish,
    set_column_settings,
    transition,
)
from tests.public.helpers import publish_documents

from .helpers import REGULATION, REGULATION_TITLE, anonymous, cached, fresh, page_cache

TITLED = ("/", "/zcwj/", "/zcwj/rss.xml", "/@@catalog")
LISTINGS = TITLED + ("/sitemap.xml",)


@pytest.fixture
def anon(wsgi_app):
    return anonymous(wsgi_app)


@pytest.fixture
def admin(browser):
    return browser("admin")


@pytest.fixture
def reviewer(browser):
    return browser("portal_reviewer")


@pytest.fixture
def editor(browser):
    return browser("portal_editor")


def warm(client, *paths):
    """Make every page come from the cache; return {path: text}."""
    return {path: cached(client, path).text for path in paths}


def test_document_edited_in_the_workspace(anon, editor, reviewer):
    """Retract, edit in the workspace form, resubmit, approve: each step shows."""
    warm(anon, REGULATION, *LISTINGS)
    transition(reviewer, REGULATION, "retract", comment="修改标题")
    fresh(anon, REGULATION, status=404)
    for path in TITLED:
        assert REGULATION_TITLE not in fresh(anon, path).text, path
    assert REGULATION not in fresh(anon, "/sitemap.xml").text
    edit_document(editor, REGULATION, title="营山县政府网站管理办法（2026年修订）")
    fresh(anon, REGULATION, status=404)  # a draft: still not public
    transition(editor, REGULATION, "submit")
    fresh(anon, REGULATION, status=404)
    warm(anon, "/zcwj/")
    transition(reviewer, REGULATION, "approve")
    assert "（2026年修订）" in fresh(anon, REGULATION).text
    for path in TITLED:
        assert "（2026年修订）" in fresh(anon, path).text, path
    assert REGULATION in fresh(anon, "/sitemap.xml").text


def test_document_written_directly_without_events(anon, wsgi_app):
    """A script or ``site_session`` write fires no event and is still seen."""
    warm(anon, REGULATION, REGULATION + "print", "/", "/zcwj/", "/zcwj/rss.xml")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        doc = find_resource(zodb_root["app_root"], REGULATION)
        doc.body = "<p>新的正文。</p>"
        doc.title = "营山县政府网站管理办法（直接修改）"
    for path in (REGULATION, REGULATION + "print"):
        page = fresh(anon, path).text
        assert "新的正文。" in page and "（直接修改）" in page, path
    # listings read titles from the objects themselves
    for path in ("/", "/zcwj/", "/zcwj/rss.xml"):
        assert "（直接修改）" in fresh(anon, path).text, path


def test_publishing_shows_on_home_column_feeds_and_sitemap(anon, wsgi_app):
    warm(anon, *LISTINGS)
    (path,) = publish_documents(
        wsgi_app, "/zcwj/", [{"title": "新发布的政策", "publish_date": date(2030, 1, 1)}]
    )
    for page in TITLED:
        assert "新发布的政策" in fresh(anon, page).text, page
    assert "http://localhost" + path in fresh(anon, "/sitemap.xml").text
    assert "新发布的政策" in cached(anon, path).text


def test_retract_archive_and_restore(anon, reviewer, browser, wsgi_app):
    (path,) = publish_documents(wsgi_app, "/zcwj/", [{"title": "将要归档的文件"}])
    warm(anon, path, *LISTINGS)
    transition(reviewer, path, "archive")
    page = fresh(anon, path).text
    assert "已归档：本信息已归档" in page and "将要归档的文件" in page
    for listing in TITLED:
        assert "将要归档的文件" not in fresh(anon, listing).text, listing
    assert path not in fresh(anon, "/sitemap.xml").text
    warm(anon, path, *LISTINGS)
    # four eyes: restoring needs a reviewer other than the last editor
    transition(browser("admin"), path, "restore", status="*")
    transition(reviewer, path, "restore")
    assert "已归档：本信息已归档" not in fresh(anon, path).text
    assert "将要归档的文件" in fresh(anon, "/zcwj/").text
    warm(anon, path, "/zcwj/")
    transition(reviewer, path, "retract", comment="内容有误")
    fresh(anon, path, status=404)
    assert "将要归档的文件" not in fresh(anon, "/zcwj/").text


def test_column_settings(anon, admin, wsgi_app):
    warm(anon, "/", "/zcwj/", REGULATION, "/@@sitemap", "/zcwj/rss.xml")
    # no staff UI for a column's title and description yet (database step)
    set_column_settings(
        wsgi_app, "/zcwj/", title="政策文件库", description="县政府及部门的规范性文件"
    )
    assert "政策文件库" in fresh(anon, "/").text
    column = fresh(anon, "/zcwj/").text
    assert "政策文件库" in column
    assert "政策文件库" in fresh(anon, REGULATION).text  # breadcrumbs, ColumnName
    assert "政策文件库" in fresh(anon, "/@@sitemap").text
    assert "县政府及部门的规范性文件" in fresh(anon, "/zcwj/rss.xml").text
    # the order of columns on the home page
    home = cached(anon, "/").text
    # 管理 moves it up, one place at a time, until it comes first
    while move_column(admin, "/", "zcwj", "up")["moved"]:
        pass
    reordered = fresh(anon, "/").text
    assert reordered != home
    assert reordered.index("政策文件库") < reordered.index("政务要闻")


def test_site_settings(anon, admin):
    pages = ("/", "/jyj/", "/zcwj/", REGULATION, "/@@about", "/@@sitemap")
    warm(anon, *pages)
    admin_settings(admin, legal_name="营山县人民政府门户", icp_number="蜀ICP备12345678号")
    for path in pages:
        page = fresh(anon, path).text
        assert "营山县人民政府门户" in page and "蜀ICP备12345678号" in page, path


def test_site_setting_written_directly(anon, wsgi_app):
    warm(anon, "/", REGULATION)
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"].legal_name = "营山县政府（脚本修改）"
    assert "营山县政府（脚本修改）" in fresh(anon, "/").text
    assert "营山县政府（脚本修改）" in fresh(anon, REGULATION).text


def test_new_item_in_a_department_column(anon, browser):
    warm(anon, "/jyj/", "/jyj/gzdt/", "/jyj/@@catalog", "/@@catalog")
    path = publish(browser("jyj_editor"), browser("jyj_reviewer"), "/jyj/gzdt/", "教育局新动态")
    for page in ("/jyj/", "/jyj/gzdt/", "/jyj/@@catalog", "/@@catalog"):
        assert "教育局新动态" in fresh(anon, page).text, page
    assert "教育局新动态" in cached(anon, path).text


def test_drafts_do_not_show_but_flush_harmlessly(anon, browser, wsgi_app):
    """A draft changes no public page; the cache is emptied (any commit
    does) and the pages render the same."""
    pages = warm(anon, "/", "/jyj/gzdt/")
    add_document(browser("jyj_editor"), "/jyj/gzdt/", "尚未送审的草稿")
    for path, text in pages.items():
        assert fresh(anon, path).text == text
    assert page_cache(wsgi_app).stats()["flushes"] >= 1


def test_column_closed_and_reopened(anon, admin, wsgi_app):
    (doc,) = publish_documents(wsgi_app, "/yw/", [{"title": "要闻：春耕"}])
    warm(anon, "/", "/yw/", doc, "/@@sitemap", "/sitemap.xml", "/yw/rss.xml")
    transition(admin, "/yw/", "close", comment="长期不更新，停用")
    home = fresh(anon, "/").text
    assert "政务要闻" not in home and "要闻：春耕" not in home
    for path in ("/yw/", doc, "/yw/rss.xml"):
        fresh(anon, path, status=404)
    assert "政务要闻" not in fresh(anon, "/@@sitemap").text
    transition(admin, "/yw/", "reopen")
    assert "要闻：春耕" in fresh(anon, "/").text
    assert "要闻：春耕" in fresh(anon, doc).text


def test_department_and_column_added(anon, wsgi_app):
    warm(anon, "/", "/@@sitemap", "/jyj/")
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        root["sfj"] = request.registry.content.create("Department", title="营山县司法局")
        root["jyj"]["zsks"] = request.registry.content.create("Column", title="招生考试")
    home = fresh(anon, "/").text
    assert "营山县司法局" in home
    assert "营山县司法局" in fresh(anon, "/@@sitemap").text
    assert "招生考试" in fresh(anon, "/jyj/").text
    assert cached(anon, "/sfj/").status_int == 200


def test_department_removed(anon, wsgi_app):
    warm(anon, "/", "/czj/")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        for name in list(root["czj"].keys()):
            del root["czj"][name]
        del root["czj"]
    assert "营山县财政局" not in fresh(anon, "/").text
    fresh(anon, "/czj/", status=404)
