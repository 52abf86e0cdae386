"""HTTP caching of public pages: validators, 304 answers, Cache-Control and
Vary, who gets cached pages and what is kept."""

import time
from datetime import date
from email.utils import formatdate, parsedate_to_datetime

import pytest
import transaction
from pyramid.traversal import find_resource

from govportal import main
from govportal.bootstrap import site_session
from tests.conftest import close_app
from tests.http.helpers import PDF_BYTES, add_attachment, add_document, publish
from tests.public.helpers import publish_documents

from .helpers import (
    REGULATION,
    REGULATION_TITLE,
    anonymous,
    cached,
    fresh,
    last_tid,
    marker,
    move_clock,
    page_cache,
    settle,
)

PUBLIC_PAGES = [
    "/",
    "/jyj/",
    "/zcwj/",
    REGULATION,
    REGULATION + "print",
    "/@@catalog",
    "/@@sitemap",
    "/@@about",
    "/zcwj/rss.xml",
    "/sitemap.xml",
]
REVALIDATE = "public, max-age=0, must-revalidate"


def http_date_seconds(value):
    return parsedate_to_datetime(value).timestamp()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_validators_and_304(testapp, monkeypatch, path):
    move_clock(monkeypatch, 5)
    res = cached(testapp, path)
    etag = res.headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    assert res.headers["Cache-Control"] == REVALIDATE
    assert "Cookie" in res.headers["Vary"]
    last_modified = res.headers["Last-Modified"]
    assert http_date_seconds(last_modified) >= 0
    # If-None-Match: 304 without a body, with the validators repeated
    res304 = testapp.get(path, headers={"If-None-Match": etag}, status=304)
    assert res304.body == b""
    assert res304.headers["ETag"] == etag and res304.headers["Cache-Control"] == REVALIDATE
    assert "Cookie" in res304.headers["Vary"]
    # weak comparison, lists of tags, and *
    testapp.get(path, headers={"If-None-Match": f'"x", W/{etag}'}, status=304)
    testapp.get(path, headers={"If-None-Match": "*"}, status=304)
    testapp.get(path, headers={"If-None-Match": '"other"'}, status=200)
    # If-Modified-Since
    testapp.get(path, headers={"If-Modified-Since": last_modified}, status=304)
    earlier = formatdate(http_date_seconds(last_modified) - 1, usegmt=True)
    assert testapp.get(path, headers={"If-Modified-Since": earlier}).status_int == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3)
    res = testapp.get(
        path, headers={"If-None-Match": '"other"', "If-Modified-Since": last_modified}
    )
    assert res.status_int == 200 and res.body
    assert testapp.get(path, headers={"If-Modified-Since": "not a date"}).status_int == 200


def test_first_render_answers_304_too(wsgi_app, monkeypatch):
    """The validators of a cached page match the first render (a miss) too,
    and every process computes the same ETag from the same page."""
    move_clock(monkeypatch, 5)
    first = anonymous(wsgi_app).get(REGULATION)
    assert marker(first) == "miss"
    page_cache(wsgi_app).clear()
    res = anonymous(wsgi_app).get(
        REGULATION, headers={"If-None-Match": first.headers["ETag"]}, status=304
    )
    assert marker(res) == "miss" and res.body == b""
    page_cache(wsgi_app).clear()
    res = anonymous(wsgi_app).get(
        REGULATION, headers={"If-Modified-Since": first.headers["Last-Modified"]}, status=304
    )


def test_head_answers_headers_only(testapp):
    get = cached(testapp, REGULATION)
    head = testapp.head(REGULATION)
    assert marker(head) == "hit" and head.body == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.body))


def test_a_changed_page_gets_a_new_etag(testapp, wsgi_app, monkeypatch):
    move_clock(monkeypatch, 5)
    before = cached(testapp, REGULATION)
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        find_resource(zodb_root["app_root"], REGULATION).title = "营山县政府网站管理办法（修订）"
    after = fresh(testapp, REGULATION, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_int == 200 and "（修订）" in after.text
    assert after.headers["ETag"] != before.headers["ETag"]


def test_unrelated_commit_keeps_the_etag(testapp, wsgi_app):
    """The ETag is a hash of the page: a commit that does not change the page
    empties the render cache but clients still get 304."""
    before = cached(testapp, REGULATION)
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"]["jyj"]["gzdt"].description = "与政策文件无关的修改"
    res = fresh(testapp, REGULATION, headers={"If-None-Match": before.headers["ETag"]}, status=304)
    assert res.headers["ETag"] == before.headers["ETag"]


def test_last_modified_waits_for_the_second_of_the_last_commit(testapp, wsgi_app, monkeypatch):
    """Last-Modified has a one-second resolution: it is only sent once the
    second of the page's last commit (plus a margin) is over, so a page
    changed twice in one second never matches If-Modified-Since."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        find_resource(zodb_root["app_root"], REGULATION).source = "县政府办公室"
    from govportal.cache.validators import last_modified_seconds

    lm = last_modified_seconds(last_tid(wsgi_app))
    monkeypatch.setattr("govportal.cache.serve.clock", lambda: lm + 0.5)
    res = testapp.get(REGULATION)
    assert "Last-Modified" not in res.headers and "ETag" in res.headers
    res = testapp.get(REGULATION, headers={"If-Modified-Since": formatdate(lm + 60, usegmt=True)})
    assert res.status_int == 200 and marker(res) == "hit"
    monkeypatch.setattr("govportal.cache.serve.clock", lambda: lm + 1.0)
    res = testapp.get(REGULATION)
    assert http_date_seconds(res.headers["Last-Modified"]) == lm
    testapp.get(REGULATION, headers={"If-Modified-Since": res.headers["Last-Modified"]}, status=304)


def test_elder_mode_is_a_separate_page(testapp, wsgi_app):
    standard = cached(testapp, "/")
    elder_client = anonymous(wsgi_app)
    elder_client.get("/@@mode?set=elder", status=303)
    elder = cached(elder_client, "/")
    assert 'class="mode-elder"' in elder.text and 'class="mode-elder"' not in standard.text
    assert elder.headers["ETag"] != standard.headers["ETag"]
    assert cached(testapp, "/").body == standard.body
    # the standard page's ETag does not validate the elder page
    res = elder_client.get("/", headers={"If-None-Match": standard.headers["ETag"]})
    assert res.status_int == 200 and 'class="mode-elder"' in res.text
    # unrelated cookies (analytics …) do not split the cache
    res = testapp.get("/", headers={"Cookie": "_ga=GA1.2.3; other=1"})
    assert marker(res) == "hit" and res.body == standard.body


def test_mode_switch_sets_a_cookie_and_is_private(testapp):
    res = testapp.get("/@@mode?set=elder", status=303)
    assert "gp_mode=elder" in res.headers["Set-Cookie"]
    assert res.headers["Cache-Control"] == "private, no-store"


def test_host_and_scheme_are_part_of_the_key(wsgi_app):
    a = anonymous(wsgi_app)
    plain = cached(a, "/")
    other = a.get("/", extra_environ={"HTTP_HOST": "www.yingshan.gov.cn"})
    assert marker(other) == "miss" and "http://www.yingshan.gov.cn/" in other.text
    secure = a.get("/", extra_environ={"wsgi.url_scheme": "https"})
    assert marker(secure) == "miss" and "https://localhost" in secure.text
    assert "https://localhost" not in plain.text


def test_query_strings(testapp, wsgi_app):
    specs = [{"title": f"通知{i:02d}", "publish_date": date(2026, 1, 1 + i)} for i in range(25)]
    publish_documents(wsgi_app, "/tzgg/", specs)
    page2 = cached(testapp, "/tzgg/?page=2")
    assert "通知04" in page2.text and "通知24" not in page2.text
    assert "通知24" in cached(testapp, "/tzgg/").text
    # a parameter no page uses: rendered, never kept
    for _ in range(2):
        res = testapp.get("/tzgg/?utm_source=x")
        assert marker(res) == "pass" and "ETag" in res.headers
    assert not [k for k in page_cache(wsgi_app).keys() if "utm_source" in k[4]]
    # catalogue filters are kept per value
    assert cached(testapp, "/@@catalog?topic=x").status_int == 200


def test_signed_in_users_get_private_pages_and_never_cached_ones(browser, wsgi_app, testapp):
    anonymous_page = cached(testapp, REGULATION)
    keys = set(page_cache(wsgi_app).keys())
    reviewer = browser("portal_reviewer")
    for path in (REGULATION, "/", "/zcwj/", "/jyj/", "/sitemap.xml", "/manage/"):
        res = reviewer.get(path, status="*")
        # the SDI is the system administrator's only: a reviewer is refused
        assert res.status_int == (403 if path == "/manage/" else 200), path
        assert res.headers["Cache-Control"] == "private, no-store", path
        assert "Cookie" in res.headers["Vary"], path
        assert marker(res) is None, path
    # the reviewer's page is their own (a history link), not the anonymous copy
    page = reviewer.get(REGULATION)
    assert page.body != anonymous_page.body and "@@history" in page.text
    assert "@@history" not in anonymous_page.text
    # nothing the signed-in user saw was kept
    assert set(page_cache(wsgi_app).keys()) == keys
    # an expired or forged auth cookie is treated as signed in: never cached
    forged = anonymous(wsgi_app)
    forged.set_cookie("auth_tkt", "forged")
    res = forged.get(REGULATION)
    assert res.headers["Cache-Control"] == "private, no-store" and marker(res) is None
    assert set(page_cache(wsgi_app).keys()) == keys


def test_sdi_history_errors_and_drafts_are_never_kept(testapp, wsgi_app, browser):
    editor = browser("jyj_editor")
    draft = add_document(editor, "/jyj/gzdt/", "草稿不可见")
    for path, status in (
        ("/manage/", 302),
        ("/@@login", 200),
        (draft, 404),
        (REGULATION + "@@history", 404),
        ("/no-such-page", 404),
        ("/@@leave?url=https://www.example.com/", 200),
    ):
        for _ in range(2):
            res = testapp.get(path, status=status)
            assert marker(res) in (None, "pass"), path
    assert all(not k[3].startswith("/manage") for k in page_cache(wsgi_app).keys())
    assert all(k[3] not in (draft, "/no-such-page") for k in page_cache(wsgi_app).keys())
    res = testapp.get("/@@login")
    assert res.headers["Cache-Control"] == "private, no-store"
    res = testapp.get("/no-such-page", status=404)
    assert res.headers["Cache-Control"] == REVALIDATE and "ETag" not in res.headers


def test_attachment_downloads_have_validators(browser, wsgi_app, monkeypatch):
    move_clock(monkeypatch, 5)
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    doc = add_document(editor, "/jyj/gzdt/", "附带附件的通知")
    attachment = add_attachment(editor, doc, "通知.pdf", PDF_BYTES)
    from tests.http.helpers import transition

    transition(editor, doc, "submit")
    transition(reviewer, doc, "approve")
    client = anonymous(wsgi_app)
    res = client.get(attachment)
    assert res.body == PDF_BYTES and res.headers["Cache-Control"] == REVALIDATE
    etag, last_modified = res.headers["ETag"], res.headers["Last-Modified"]
    assert client.get(attachment, headers={"If-None-Match": etag}, status=304).body == b""
    client.get(attachment, headers={"If-Modified-Since": last_modified}, status=304)
    # the document retracted: the attachment is gone, whatever the validators
    transition(reviewer, doc, "retract", comment="撤回")
    client.get(attachment, headers={"If-None-Match": etag}, status=404)


def test_anonymous_browsing_writes_nothing(testapp, wsgi_app):
    """A GET that committed would flush the cache at every view."""
    tid = settle(wsgi_app)
    flushes = page_cache(wsgi_app).stats()["flushes"]
    for _ in range(2):
        for path in PUBLIC_PAGES + ["/@@logo", "/robots.txt", "/@@help", "/no-such-page"]:
            testapp.get(path, status="*")
    assert last_tid(wsgi_app) == tid
    assert page_cache(wsgi_app).stats()["flushes"] == flushes


def test_search_pages_are_never_kept(testapp):
    """A search first waits for this process's queued indexing; an answer
    from the cache would not."""
    for _ in range(3):
        res = testapp.get("/search", {"q": "营山"}, status="*")
        if res.status_int == 404:
            pytest.skip("no search view installed")
        assert marker(res) in (None, "pass")


def test_lru_is_bounded(app_settings):
    app = main({}, **dict(app_settings, **{"govportal.cache.max_entries": "3"}))
    try:
        client = anonymous(app)
        paths = ["/", "/jyj/", "/zcwj/", REGULATION, "/@@about"]
        for path in paths:
            assert marker(client.get(path)) == "miss"
        cache = page_cache(app)
        assert len(cache) == 3 and cache.stats()["evictions"] == 2
        assert [k[3] for k in cache.keys()] == ["/zcwj/", REGULATION, "/@@about"]
        assert marker(client.get("/@@about")) == "hit"
        assert marker(client.get("/")) == "miss"  # the oldest went first
    finally:
        transaction.abort()
        close_app(app)


def test_cache_can_be_turned_off(app_settings, monkeypatch):
    move_clock(monkeypatch, 5)
    app = main({}, **dict(app_settings, **{"govportal.cache.enabled": "false"}))
    try:
        client = anonymous(app)
        for _ in range(2):
            res = client.get(REGULATION)
            assert marker(res) == "pass" and res.headers["Cache-Control"] == REVALIDATE
        client.get(REGULATION, headers={"If-None-Match": res.headers["ETag"]}, status=304)
        assert len(page_cache(app)) == 0
    finally:
        close_app(app)


def test_published_through_http_is_visible_at_once(browser, testapp):
    """The whole path: editor and reviewer work through HTTP while the
    anonymous column page is cached."""
    before = cached(testapp, "/jyj/gzdt/")
    path = publish(browser("jyj_editor"), browser("jyj_reviewer"), "/jyj/gzdt/", "新学期通知")
    after = fresh(testapp, "/jyj/gzdt/")
    assert "新学期通知" in after.text and "新学期通知" not in before.text
    assert REGULATION_TITLE in cached(testapp, REGULATION).text
    assert "新学期通知" in cached(testapp, path).text


def test_pages_are_rendered_again_after_midnight(testapp, monkeypatch):
    """Pages may show the date: a cached page serves only on its own day."""
    from govportal.cache.validators import day_start

    yesterday = cached(testapp, "/")
    tomorrow = day_start(time.time()) + 86_400 + 5
    monkeypatch.setattr("govportal.cache.serve.clock", lambda: tomorrow)
    res = fresh(testapp, "/")
    assert res.body == yesterday.body
    assert http_date_seconds(res.headers["Last-Modified"]) == tomorrow - 5
    assert cached(testapp, "/").body == yesterday.body
