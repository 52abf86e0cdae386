"""An attacker's Host header (or forwarded/virtual-host headers) never
reaches what other visitors get: page links, shared header fragments,
redirect locations; odd forms of a department's host name are not taken
for it."""

import pytest

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


def test_the_shared_header_of_a_department_host_is_not_poisoned(testapp, site):
    """The header fragment is shared by every page of a database state: one
    rendered for an odd form of the host (another port, upper case) must not
    be served to the department's ordinary visitors."""
    odd = testapp.get(DOC, **on(JYJ.upper() + ":8443")).text
    assert f"http://{JYJ.upper()}:8443/" in odd
    page = testapp.get("/gzdt/", **on(JYJ)).text
    assert ":8443" not in page and JYJ.upper() not in page
    assert f'<a href="http://{JYJ}/">' in page  # the header's department link


@pytest.mark.parametrize(
    "host",
    [
        f"{JYJ}:80@evil.example",
        f"{JYJ}:x",
        f"{JYJ}:80:80",
        f"evil.example/{JYJ}",
        f"{JYJ}/..",
        f"{JYJ}\\@evil.example",
        f"{JYJ}#",
    ],
)
def test_malformed_hosts_are_not_a_departments(testapp, site, host):
    res = testapp.get("/", status="*", **on(host))
    assert "evil.example" not in (res.headers.get("Location") or "")
    assert "教育局工作动态一" not in res.text  # not served as 教育局's home
    res = testapp.get("/jyj/gzdt/", status="*", **on(host))
    assert "evil.example" not in (res.headers.get("Location") or "")


@pytest.mark.parametrize("host", [JYJ + ".", JYJ.upper(), JYJ + ":8080"])
def test_harmless_forms_of_a_department_host_are_its(testapp, site, host):
    assert "教育局工作动态一" in testapp.get(DOC, **on(host)).text


def test_forwarded_and_virtual_host_headers_are_ignored(testapp, site):
    headers = {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "X-Vhm-Host": "http://evil.example/",
        "X-Vhm-Root": "/wjj",
        "Forwarded": "host=evil.example",
    }
    for path, host in [("/", "localhost"), (DOC, JYJ), ("/yw/", "localhost")]:
        res = testapp.get(path, headers=headers, status="*", **on(host))
        assert "evil.example" not in res.text
    res = testapp.get("/@@workspace", headers=headers, status=302, **on(JYJ))
    assert res.location == PORTAL + "/@@workspace"
    res = testapp.get("/jyj/gzdt/", headers=headers, status=301)
    assert res.location == f"http://{JYJ}/gzdt/"


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example/",
        "/jyj//evil.example/",
        "/jyj/..//evil.example",
        "/@@login//evil.example",
        "/manage//evil.example",
        "/yw//evil.example/",
        "/gzdt/@@ws-item//evil.example",
    ],
)
def test_redirects_on_a_department_host_stay_on_configured_hosts(testapp, site, path):
    res = testapp.get(path, status="*", **on(JYJ))
    location = res.headers.get("Location")
    if location is not None:
        assert location.startswith((f"http://{JYJ}/", PORTAL + "/")), location
        assert not location.split("://", 1)[1].startswith(("/", "\\")), location


@pytest.mark.parametrize("path", ["/jyj//evil.example/", "/jyj/gzdt//evil.example"])
def test_canonical_redirects_stay_on_the_departments_host(testapp, site, path):
    res = testapp.get(path, status="*", **on("evil.example"))
    location = res.headers.get("Location")
    if location is not None:
        assert location.startswith(f"http://{JYJ}/"), location


def set_portal_domain(wsgi_app, domain):
    from govportal.bootstrap import site_session

    with site_session(wsgi_app.registry) as (zodb_root, _request):
        zodb_root["app_root"].domain = domain


def test_the_public_urls_host_is_refused_as_a_departments(browser, wsgi_app):
    """The portal's 网站域名 may differ from the configured public URL; the
    public URL's host is the portal's all the same."""
    set_portal_domain(wsgi_app, "portal.yingshan.gov.cn")
    admin = browser("admin")
    form = admin.get("/jyj/@@admin-settings").forms["settings"]
    form["domain"] = "www.yingshan.gov.cn"
    res = form.submit("save", status=400)
    assert "门户网站的域名" in res.text


def test_a_department_given_the_portals_host_never_takes_it_over(testapp, wsgi_app):
    set_portal_domain(wsgi_app, "portal.yingshan.gov.cn")
    set_domain(wsgi_app, "jyj", "www.yingshan.gov.cn")  # e.g. written by a script
    home = testapp.get("/", **on("www.yingshan.gov.cn")).text
    assert "营山县人民政府" in home and "dept-name" not in home  # the portal's home
    res = testapp.get("/@@login", status=200, **on("www.yingshan.gov.cn"))
    assert "Location" not in res.headers


def test_a_department_hosts_csp_names_the_configured_portal_only(testapp, site):
    res = testapp.get(DOC, **on(JYJ.upper() + ":8443"))
    csp = dict(d.strip().split(" ", 1) for d in res.headers["Content-Security-Policy"].split(";"))
    for name in ("script-src", "style-src", "img-src", "form-action"):
        assert PORTAL in csp[name], name
    assert csp["default-src"] == "'self'" and "8443" not in res.headers["Content-Security-Policy"]
    assert 'action="https://www.yingshan.gov.cn/search"' in res.text  # allowed by form-action
