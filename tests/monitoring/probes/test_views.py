"""The availability panel on the monitoring dashboard pages: a department's
editor sees their site's panel (never another department's), the county
overview carries the 可用性 line of each site."""

from .conftest import seed


def test_department_page_shows_the_panel(wsgi_app, browser):
    seed(wsgi_app, "/jyj", "", [True] * 60 + [False] * 3 + [True])
    seed(wsgi_app, "/jyj", "/@@search", [True] * 64)
    res = browser("jyj_editor").get("/jyj/@@monitoring")
    assert res.status_int == 200
    assert 'id="availability"' in res.text and "可用性监测" in res.text
    assert "首页近7天失败率 <strong>4.69%</strong>" in res.text
    assert "<svg" in res.text and "告警 3%" in res.text and "否决 5%" in res.text
    assert "no-store" in res.headers.get("Cache-Control", "")


def test_other_department_refused(wsgi_app, browser):
    seed(wsgi_app, "/jyj", "", [True] * 10)
    res = browser("wjj_editor").get("/jyj/@@monitoring", status="*")
    assert res.status_int == 403
    assert "可用性监测" not in res.text


def test_overview_line(wsgi_app, browser):
    seed(wsgi_app, "/wjj", "", [True] * 46 + [False] * 2 + [True] * 2)
    res = browser("admin").get("/@@monitoring")
    assert res.status_int == 200
    assert "可用性" in res.text and "4.00%" in res.text
