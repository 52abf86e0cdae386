"""长者版 on a department's own host: the switch is served there, sets that
host's own cookie, returns to the page on that host (never elsewhere), and
the department's pages then render in 长者版."""

import pytest

from .helpers import JYJ, on, set_domain


@pytest.fixture
def site(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)


def test_a_department_host_offers_and_keeps_elder_mode(testapp, site):
    home = testapp.get("/", **on(JYJ)).text
    assert f'href="http://{JYJ}/@@mode?set=elder"' in home
    res = testapp.get(
        "/@@mode?set=elder",
        headers={"Referer": f"http://{JYJ}/gzdt/"},
        status=303,
        **on(JYJ),
    )
    assert res.location == f"http://{JYJ}/gzdt/"
    cookie = res.headers["Set-Cookie"]
    assert cookie.startswith("gp_mode=elder") and "domain=" not in cookie.lower()
    page = testapp.get("/gzdt/", headers={"Cookie": "gp_mode=elder"}, **on(JYJ)).text
    assert 'class="mode-elder"' in page
    assert f'href="http://{JYJ}/@@mode?set=standard"' in page
    # the plain page for other visitors (the page cache varies on the cookie)
    testapp.reset()
    assert 'class="mode-elder"' not in testapp.get("/gzdt/", **on(JYJ)).text


def test_the_mode_switch_returns_only_to_its_own_host(testapp, site):
    for referer in (
        "http://evil.example/",
        f"http://{JYJ}.evil.example/",
        "https://www.yingshan.gov.cn/",
    ):
        res = testapp.get("/@@mode?set=elder", headers={"Referer": referer}, status=303, **on(JYJ))
        assert res.location == f"http://{JYJ}/"
    testapp.get("/@@mode?set=evil", status=400, **on(JYJ))


def test_the_portal_keeps_its_switch(testapp, site):
    assert 'href="http://localhost/@@mode?set=elder"' in testapp.get("/").text
    res = testapp.get("/@@mode?set=elder", status=303)
    assert res.location == "http://localhost/"
    # a hosted department's path on the portal host leads to its own host
    res = testapp.get("/jyj/@@mode?set=elder", status=301)
    assert res.location == f"http://{JYJ}/@@mode?set=elder"
