"""Feeds, sitemaps, robots.txt, QR codes and links that leave the request
(mails, jobs) use each site's own public URL, never the request's Host."""

import pytest
from pyramid.request import apply_request_extensions

from govportal.bootstrap import site_session
from govportal.public.qr import qr_svg
from govportal.siteurl import blank_request, public_resource_url
from tests.public.helpers import publish_documents

from .helpers import JYJ, PORTAL, on, set_domain

DOC = "/gzdt/doc-00000/"


@pytest.fixture
def site(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    publish_documents(
        wsgi_app,
        "/jyj/gzdt",
        [{"title": "教育局工作动态一", "body": "<p>正文</p>"}],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    publish_documents(wsgi_app, "/yw", [{"title": "政务要闻一", "body": "<p>正文</p>"}])


def test_feeds_link_the_department_host(testapp, site):
    feed = testapp.get("/rss.xml", **on(JYJ)).text
    assert f"<link>http://{JYJ}{DOC}</link>" in feed
    assert f'<source url="http://{JYJ}/gzdt/">' in feed
    column_feed = testapp.get("/gzdt/rss.xml", **on(JYJ)).text
    assert f"<link>http://{JYJ}/gzdt/</link>" in column_feed
    portal_feed = testapp.get("/rss.xml").text
    assert "http://localhost/yw/doc-00000/" in portal_feed
    if "教育局工作动态一" in portal_feed:  # the portal's feed covers the group
        assert f"http://{JYJ}{DOC}" in portal_feed and "localhost/jyj/" not in portal_feed


def test_each_host_has_its_sitemap_and_robots(testapp, site):
    dept = testapp.get("/sitemap.xml", **on(JYJ)).text
    assert f"<loc>http://{JYJ}/</loc>" in dept and f"<loc>http://{JYJ}{DOC}</loc>" in dept
    assert "/yw/" not in dept
    portal = testapp.get("/sitemap.xml").text
    assert "http://localhost/yw/doc-00000/" in portal
    assert JYJ not in portal and "/jyj/" not in portal
    assert f"Sitemap: http://{JYJ}/sitemap.xml" in testapp.get("/robots.txt", **on(JYJ)).text
    assert "Sitemap: http://localhost/sitemap.xml" in testapp.get("/robots.txt").text


def test_qr_code_encodes_the_public_url_whatever_the_host(testapp, site):
    expected = qr_svg(f"https://{JYJ}{DOC}")
    assert testapp.get(DOC + "qr.svg", **on(JYJ)).text == expected
    portal_doc = testapp.get("/yw/doc-00000/qr.svg", **on("evil.example.com")).text
    assert portal_doc == qr_svg(PORTAL + "/yw/doc-00000/")


def test_links_leaving_the_request_use_the_sites_own_host(wsgi_app, site):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        registry = wsgi_app.registry
        doc = root["jyj"]["gzdt"]["doc-00000"]
        assert public_resource_url(registry, doc) == f"https://{JYJ}{DOC}"
        assert public_resource_url(registry, root["jyj"], "@@live") == f"https://{JYJ}/@@live"
        # staff views stay on the portal host, with the full path
        assert (
            public_resource_url(registry, doc, "@@ws-item")
            == f"{PORTAL}/jyj/gzdt/doc-00000/@@ws-item"
        )
        assert public_resource_url(registry, root["jyj"], "@@monitoring") == (
            PORTAL + "/jyj/@@monitoring"
        )
        # a department without a host of its own stays under the portal's path
        assert public_resource_url(registry, root["wjj"]) == PORTAL + "/wjj/"
        # a job's request (no Host at all)
        job = blank_request(registry, root=root)
        job.registry = registry
        apply_request_extensions(job)
        assert job.resource_url(doc) == f"https://{JYJ}{DOC}"
        assert job.resource_url(root["yw"]) == PORTAL + "/yw/"


def test_an_attackers_host_never_reaches_absolute_links_of_other_sites(testapp, site):
    page = testapp.get("/yw/doc-00000/", **on("evil.example.com")).text
    assert "evil.example.com:" not in page
    home = testapp.get("/", **on("evil.example.com")).text
    assert f'href="http://{JYJ}/"' in home  # the department's own host, not the attacker's
    # a department host never takes the port of an unknown host
    assert f'href="http://{JYJ}/"' in testapp.get("/", **on("evil.example.com:8443")).text


def test_canonical_link_names_the_sites_own_url(testapp, site):
    page = testapp.get(DOC, **on(JYJ)).text
    assert f'<link rel="canonical" href="https://{JYJ}{DOC}">' in page
    portal = testapp.get("/yw/doc-00000/").text
    assert f'<link rel="canonical" href="{PORTAL}/yw/doc-00000/">' in portal
    # the configured public URL, whatever Host the request named
    for host in ("evil.example.com", JYJ.upper() + ":8443"):
        page = testapp.get("/yw/doc-00000/" if "evil" in host else DOC, **on(host)).text
        assert "evil.example" not in page.split('rel="canonical"')[1].split(">")[0]
        assert ":8443" not in page.split('rel="canonical"')[1].split(">")[0]


def test_probes_fetch_each_site_on_its_own_host(wsgi_app, site):
    from types import SimpleNamespace

    from govportal.monitoring.probes.rounds import plan

    conf = SimpleNamespace(base_url="", paths=())
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        urls = {t.site_path: t.url for t in plan(zodb_root["app_root"], wsgi_app.registry, conf)}
    assert urls["/"] == PORTAL + "/"
    assert urls["/jyj"] == f"https://{JYJ}/"
    assert urls["/wjj"] == PORTAL + "/wjj/"


def test_link_checks_read_a_hosted_departments_links_as_internal(wsgi_app, site):
    from substanced.util import get_oid

    from govportal.monitoring.links.internal import anonymous_request
    from govportal.monitoring.links.reading import read_item

    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        doc = root["jyj"]["gzdt"]["doc-00000"]
        doc.body = '<p><a href="../../tzgg/">通知公告</a> <a href="/jyj/gzdt/">动态</a></p>'
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        oid = get_oid(root["jyj"]["gzdt"]["doc-00000"])
        found = read_item(root, anonymous_request(wsgi_app.registry, root), oid, external=False)
    kinds = {f["target"]: (f["kind"], f["verdict"]) for f in found}
    assert kinds["/jyj/tzgg/"][0] == "internal" and kinds["/jyj/gzdt/"][0] == "internal"


def test_a_link_pasted_with_a_department_host_is_stored_by_reference(wsgi_app, site):
    from pyramid.request import Request
    from substanced.util import get_oid

    from govportal.media.references import reference, to_references

    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        request = Request.blank("/")
        request.registry, request.root = wsgi_app.registry, root
        target = root["jyj"]["gzdt"]["doc-00000"]
        body = f'<p><a href="https://{JYJ}{DOC}">动态</a> <a href="https://x.gov.cn{DOC}">x</a></p>'
        stored = to_references(body, request, root["yw"])
    assert f'href="{reference(get_oid(target), "")}"' in stored
    assert f'href="https://x.gov.cn{DOC}"' in stored  # another host: left alone
