"""Two (three) host names on one server: the portal (any other host, here
WebTest's ``localhost``), 教育局 on its own host, 卫健局 under the portal's path."""

import pytest

from tests.public.helpers import publish_documents

from .helpers import JYJ, PORTAL, WJJ, on, set_domain


@pytest.fixture
def site(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    docs = publish_documents(
        wsgi_app,
        "/jyj/gzdt",
        [{"title": "教育局工作动态一", "body": "<p>正文</p>"}],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    return docs


def test_department_host_serves_the_department_as_its_root(testapp, site):
    home = testapp.get("/", **on(JYJ))
    assert "教育局" in home.text
    page = testapp.get("/gzdt/doc-00000/", **on(JYJ))
    assert "教育局工作动态一" in page.text
    # its links stay on its host; the header's links lead to the portal
    assert f'href="http://{JYJ}/gzdt/doc-00000/"' in testapp.get("/gzdt/", **on(JYJ)).text
    assert f'href="{PORTAL}/"' in page.text
    assert f'href="http://{JYJ}/gzdt/"' in page.text  # breadcrumbs
    assert "Content-Security-Policy" in page.headers
    assert PORTAL in page.headers["Content-Security-Policy"]


def test_portal_pages_link_department_pages_on_their_host(testapp, site):
    home = testapp.get("/")
    assert f'href="http://{JYJ}/"' in home.text
    assert 'href="http://localhost/wjj/"' in home.text  # no host of its own


def test_department_without_host_stays_under_the_portal_path(testapp, site):
    page = testapp.get("/wjj/")
    assert page.status_int == 200
    assert 'href="http://localhost/wjj/' in page.text


def test_portal_path_of_a_hosted_department_redirects_permanently(testapp, site):
    res = testapp.get("/jyj/gzdt/doc-00000/?page=2", status=301)
    assert res.location == f"http://{JYJ}/gzdt/doc-00000/?page=2"
    assert testapp.get("/jyj/", status=301).location == f"http://{JYJ}/"
    assert testapp.get("/jyj/gzdt/rss.xml", status=301).location == f"http://{JYJ}/gzdt/rss.xml"


@pytest.mark.parametrize(
    "path, target",
    [
        ("/@@login", PORTAL + "/@@login"),
        ("/@@workspace", PORTAL + "/@@workspace"),
        ("/gzdt/doc-00000/@@ws-item", PORTAL + "/jyj/gzdt/doc-00000/@@ws-item"),
        ("/gzdt/@@ws-add", PORTAL + "/jyj/gzdt/@@ws-add"),
        ("/@@admin-settings", PORTAL + "/jyj/@@admin-settings"),
        ("/@@monitoring", PORTAL + "/jyj/@@monitoring"),
        ("/manage/", PORTAL + "/manage/"),
        ("/@@help", PORTAL + "/@@help"),
    ],
)
def test_staff_pages_on_a_department_host_go_to_the_portal(testapp, site, path, target):
    res = testapp.get(path, status=302, **on(JYJ))
    assert res.location == target
    assert "Set-Cookie" not in res.headers


def test_staff_posts_on_a_department_host_are_not_served(testapp, site):
    testapp.post("/@@login", {"login": "admin"}, status=404, **on(JYJ))


def test_signed_in_staff_keep_portal_paths(browser, site):
    editor = browser("jyj_editor")
    assert editor.get("/jyj/gzdt/doc-00000/").status_int == 200
    item = editor.get("/jyj/gzdt/doc-00000/@@ws-item")
    assert item.status_int == 200


def test_a_clients_vhm_root_header_is_ignored(testapp, site):
    home = testapp.get("/", headers={"X-Vhm-Root": "/wjj"})
    assert "营山县人民政府" in home.text and 'href="http://localhost/wjj/"' in home.text
    assert (
        testapp.get("/", headers={"X-Vhm-Root": "/wjj"}, **on(JYJ)).text
        == testapp.get("/", **on(JYJ)).text
    )


def test_host_matching_ignores_case_and_port(testapp, site):
    assert (
        "教育局工作动态一" in testapp.get("/gzdt/doc-00000/", **on("JYJ.yingshan.gov.cn:80")).text
    )
    page = testapp.get("/gzdt/", **on(JYJ + ":8080"))
    assert f"http://{JYJ}:8080/gzdt/doc-00000/" in page.text


def test_two_department_hosts(testapp, wsgi_app, site):
    set_domain(wsgi_app, "wjj", WJJ)
    assert "卫" in testapp.get("/", **on(WJJ)).text
    home = testapp.get("/")
    assert f'href="http://{JYJ}/"' in home.text and f'href="http://{WJJ}/"' in home.text


def test_department_pages_name_their_own_domain(testapp, site):
    page = testapp.get("/gzdt/doc-00000/", **on(JYJ)).text
    assert f'<meta name="SiteDomain" content="{JYJ}">' in page
    assert '<meta name="SiteDomain" content="www.yingshan.gov.cn">' in testapp.get("/").text


def test_portal_paths_on_a_department_host_find_their_page(testapp, site):
    """Site-relative links stored in bodies name the portal's paths."""
    res = testapp.get("/jyj/gzdt/doc-00000/?a=1", status=301, **on(JYJ))
    assert res.location == f"http://{JYJ}/gzdt/doc-00000/?a=1"
    assert testapp.get("/jyj/", status=301, **on(JYJ)).location == f"http://{JYJ}/"
    assert testapp.get("/yw/", status=302, **on(JYJ)).location == PORTAL + "/yw/"
    assert testapp.get("/wjj/", status=302, **on(JYJ)).location == PORTAL + "/wjj/"
    testapp.get("/no-such-page/", status=404, **on(JYJ))


def test_the_recorded_host_names_answer_without_reading_the_site_group(
    wsgi_app, testapp, site, monkeypatch
):
    from govportal.bootstrap import site_session
    from govportal.sitehosts import hosts
    from govportal.sitehosts.domains import record_domains

    with site_session(wsgi_app.registry) as (zodb_root, _request):
        record_domains(zodb_root["app_root"])

    def no_scan(root):
        raise AssertionError("the site group was read for a recorded host")

    monkeypatch.setattr(hosts, "site_group", no_scan)
    assert "教育局工作动态一" in testapp.get("/gzdt/doc-00000/", **on(JYJ)).text
