"""Public furniture of issue #10: a department's contacts on its pages,
column titles naming their department, a 404 that helps, a site-wide feed
advertised on the home page and a tracking field wide enough for the code."""

import re

import pytest

from tests.http.helpers import publish

JYJ_PHONE = "0817-8221101"


@pytest.mark.parametrize("path", ["/jyj/", "/jyj/tzgg/", "/jyj/gzdt/"])
def test_department_contacts_are_on_its_pages_with_a_tel_link(testapp, path):
    page = testapp.get(path).text
    footer = page[page.index('<footer class="site-footer"') :]
    assert f'<a href="tel:08178221101">{JYJ_PHONE}</a>' in footer
    assert "办公地址：营山县朗池街道教育路12号" in footer
    assert "办公时间：工作日" in footer
    assert "营山县教育局" in footer


def test_department_contact_block_links_the_phone(testapp):
    page = testapp.get("/jyj/").text
    assert f'<dd><a href="tel:08178221101">{JYJ_PHONE}</a></dd>' in page


def test_portal_pages_show_no_department_contacts(testapp):
    page = testapp.get("/tzgg/").text
    assert "dept-footer" not in page
    assert JYJ_PHONE not in page


def test_department_document_page_shows_its_contacts(browser):
    path = publish(browser("jyj_editor"), browser("jyj_reviewer"), "/jyj/tzgg/", "放假通知")
    page = browser().get(path).text
    assert 'href="tel:08178221101"' in page


def test_a_column_page_names_its_department(testapp):
    page = testapp.get("/jyj/tzgg/").text
    assert "<title>通知公告 - 营山县教育局 - 营山县人民政府</title>" in page
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "通知公告" in heading and "营山县教育局" in heading
    portal = testapp.get("/tzgg/").text
    assert "<title>通知公告 - 营山县人民政府</title>" in portal


def test_not_found_offers_search_and_the_sitemap(testapp):
    page = testapp.get("/no-such-page/", status=404)
    form = page.forms[0]
    assert form.action.endswith("/search") and form.method.lower() == "get"
    assert "q" in form.fields
    assert re.search(r'<a href="[^"]*/@@sitemap">网站地图</a>', page.text)
    # the search box answers
    found = testapp.get("/search", params={"q": "网站"})
    assert found.status_int == 200


def item_titles(rss):
    return re.findall(r"<item><title>(.*?)</title>", rss)


def test_home_page_advertises_a_site_wide_feed(testapp):
    page = testapp.get("/").text
    link = re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', page).group(0)
    href = re.search(r'href="([^"]+)"', link).group(1)
    assert href.endswith("/rss.xml")
    feed = testapp.get(href)
    assert feed.content_type == "application/rss+xml"
    assert feed.text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">')
    assert "<channel><title>营山县人民政府 - 最新信息</title>" in feed.text
    assert "营山县政府网站管理办法" in item_titles(feed.text)


def test_site_feed_holds_the_latest_items_of_every_site_and_no_draft(browser, testapp):
    from tests.http.helpers import add_document

    publish(browser("jyj_editor"), browser("jyj_reviewer"), "/jyj/tzgg/", "教育局的新通知")
    publish(browser("portal_editor"), browser("portal_reviewer"), "/yw/", "门户的新闻")
    add_document(browser("jyj_editor"), "/jyj/tzgg/", "尚未送审的草稿")

    def titles(path):
        return item_titles(testapp.get(path).text)

    site = titles("/rss.xml")
    assert {"教育局的新通知", "门户的新闻"} <= set(site)
    assert "尚未送审的草稿" not in site
    department = titles("/jyj/rss.xml")
    assert "教育局的新通知" in department and "门户的新闻" not in department
    assert 'href="http://localhost/jyj/rss.xml"' in testapp.get("/jyj/").text


def test_tracking_field_is_wide_enough_for_the_code(testapp):
    page = testapp.get("/@@track").text
    field = re.search(r'<input id="f-code"[^>]*>', page).group(0)
    assert (
        'class="tracking-code"' in field and int(re.search(r'size="(\d+)"', field).group(1)) >= 24
    )
    css = testapp.get("/static/site.css").text
    width = re.search(r"input\.tracking-code \{[^}]*width: (\d+)ch", css)
    assert width and int(width.group(1)) >= len("ABCD-EFGH-JKMN-PQRS-TVWX")
