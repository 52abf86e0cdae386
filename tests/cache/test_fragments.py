"""Shared header/footer fragments: rendered once per database state, never
shown after a change, never shared across departments, hosts or modes."""

from govportal.bootstrap import site_session

from .helpers import REGULATION, anonymous, fresh, settle


def _store(wsgi_app):
    return wsgi_app.registry.govportal_page_cache.fragments


def test_fragments_are_shared_by_pages_of_one_state(wsgi_app):
    anon = anonymous(wsgi_app)
    settle(wsgi_app)
    renders = []
    store = _store(wsgi_app)
    original = store.put

    def counting_put(tid, key, html):
        renders.append(key)
        return original(tid, key, html)

    store.put = counting_put
    for path in ("/", "/zcwj/", REGULATION, "/@@about", "/@@help"):
        fresh(anon, path)
    # One header and one footer for the portal's pages, whatever the page.
    assert sorted(k[1] for k in renders) == ["footer.pt", "header.pt"]
    jyj = fresh(anon, "/jyj/").text
    assert len(renders) == 4  # a department's header is its own fragment
    assert 'class="wrap dept-name"' in jyj
    assert 'class="wrap dept-name"' not in anon.get("/zcwj/").text


def test_modes_and_hosts_get_their_own_fragments(wsgi_app):
    anon = anonymous(wsgi_app)
    fresh(anon, "/zcwj/")
    anon.set_cookie("gp_mode", "elder")
    elder = fresh(anon, "/zcwj/").text
    assert "set=standard" in elder and "set=elder" not in elder
    other = anonymous(wsgi_app)
    page = other.get("/zcwj/", extra_environ={"HTTP_HOST": "www.yingshan.gov.cn"}).text
    assert 'href="http://www.yingshan.gov.cn/@@sitemap"' in page
    assert "127.0.0.1" not in page and "localhost/" not in page


def test_a_change_reaches_pages_never_rendered_before(wsgi_app):
    """A fragment from before a commit is never used after it."""
    anon = anonymous(wsgi_app)
    fresh(anon, "/zcwj/")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"].sponsor = "营山县人民政府办公室（新）"
    assert "营山县人民政府办公室（新）" in fresh(anon, REGULATION).text
    assert "营山县人民政府办公室（新）" in fresh(anon, "/@@about").text


def test_pages_start_with_a_doctype(wsgi_app):
    """Standards mode: every skin page starts with the HTML5 doctype."""
    anon = anonymous(wsgi_app)
    for path in ("/", "/jyj/", "/zcwj/", REGULATION, "/@@sitemap", "/no-such-page"):
        res = anon.get(path, status="*")
        assert res.text.startswith("<!DOCTYPE html>"), path
