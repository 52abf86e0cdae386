"""The feeds and the sitemap follow an accepted item at once (fetched
before and after each step, through the render cache): the column's and
the portal's RSS list it while it is accepted and public; the sitemap names
it once, at its own URL, whatever its placements."""

from tests.public.helpers import transition_as

from .helpers import TARGET, decide, offer, only_key, publish

TITLE = "教育局发布秋季学期开学安排"


def feeds(testapp):
    return testapp.get(TARGET + "rss.xml").text, testapp.get("/rss.xml").text


def test_feeds_and_sitemap_follow_accept_retire_and_retraction(wsgi_app, testapp, browser):
    path = publish(wsgi_app, TITLE)
    column_feed, _site_feed = feeds(testapp)
    assert TITLE not in column_feed
    offer(browser("jyj_editor"), path)
    key = only_key(wsgi_app)
    reviewer = browser("portal_reviewer")
    decide(reviewer, key, "accept")
    column_feed, site_feed = feeds(testapp)
    assert TITLE in column_feed and path in column_feed
    assert site_feed.count(f"<title>{TITLE}</title>") == 1
    assert testapp.get("/sitemap.xml").text.count(path) == 1
    transition_as(wsgi_app, path, "jyj_reviewer", "retract", comment="需要修改")
    assert all(TITLE not in feed for feed in feeds(testapp))
    assert path not in testapp.get("/sitemap.xml").text
    transition_as(wsgi_app, path, "jyj_editor", "submit")
    transition_as(wsgi_app, path, "jyj_reviewer", "approve")
    assert TITLE in feeds(testapp)[0]
    decide(reviewer, key, "retire")
    column_feed, _site_feed = feeds(testapp)
    assert TITLE not in column_feed
    assert testapp.get("/sitemap.xml").text.count(path) == 1  # still public at its own URL
